// Minified into the bundle by Vite; kept as a plain stylesheet here.
import BADGE_CSS from './style.css?inline';

export interface BadgeHost {
  /** The shadow root's content area: render into it. */
  root: ShadowRoot;
  /** Puts the badge after `anchor`, or floats it in a corner when the page has no title element. */
  place(anchor: Element | null): void;
  remove(): void;
  /** Whether the page's look around the badge is dark. */
  theme(): 'light' | 'dark';
}

const TAG = 'sidekick-plex-badge';

function luminance(color: string): number | null {
  const match = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(color);
  if (!match || (match[4] !== undefined && Number(match[4]) < 0.5)) return null;
  const [r, g, b] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

/**
 * The badge's host element. Its shadow root keeps the page's CSS out, and, closed, the page's
 * scripts too: they cannot read server names, libraries or the watchlist state through
 * `host.shadowRoot`. Test builds open it (WXT_BADGE_SHADOW=open) so a browser test can look inside.
 *
 * WXT's createShadowRootUi can close its root too, but mounts at one anchor or not at all (no
 * floating fallback for a page without a heading, no moving between anchors as a site re-renders).
 */
export function createBadgeHost(): BadgeHost {
  const host = document.createElement(TAG);
  const root = host.attachShadow({ mode: import.meta.env.WXT_BADGE_SHADOW === 'open' ? 'open' : 'closed' });
  const style = document.createElement('style');
  style.textContent = BADGE_CSS;
  root.append(style);

  return {
    root,
    place(anchor) {
      if (anchor) {
        host.removeAttribute('data-floating');
        if (anchor.nextElementSibling !== host) anchor.after(host);
      } else {
        host.setAttribute('data-floating', '');
        if (host.parentElement !== document.body) document.body.append(host);
      }
    },
    remove: () => host.remove(),
    theme() {
      for (let element: Element | null = host.parentElement; element; element = element.parentElement) {
        const style = getComputedStyle(element);
        // A picture behind the title (TMDb's backdrop): the site chose its text colour to read on it.
        const value =
          style.backgroundImage !== 'none'
            ? 1 - (luminance(getComputedStyle(host.parentElement!).color) ?? 0)
            : luminance(style.backgroundColor);
        if (value !== null) return value < 0.5 ? 'dark' : 'light';
      }
      return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    },
  };
}
