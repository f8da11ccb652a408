// Not WXT's createShadowRootUi: its autoMount (wait-element, defu, many-keys-map) took imdb 5.7 → 9.2 KB gzip, over the 8 KB budget.
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isSessionChanged } from '../messages';

/** Closed when installed: page scripts cannot read servers, libraries or watchlist via `host.shadowRoot`; tests set WXT_BADGE_SHADOW. */
const MODE = import.meta.env.WXT_BADGE_SHADOW === 'open' ? 'open' : 'closed';

export interface PageUiOptions {
  /** The host element's tag (two words, kebab-case). */
  name: string;
  css: string;
  /** What the element goes right after; null where the page has none. */
  anchor: () => Element | null;
  /** Without an anchor: float in a corner (the host gets `data-floating`) instead of leaving the page. */
  floating?: boolean;
}

/** A small element of ours in a page, in its own shadow root (the page's CSS and, closed, its scripts stay out). */
export interface PageUi {
  shadowHost: HTMLElement;
  shadow: ShadowRoot;
  /** Puts the element in place; touches the page only when it is not there already. */
  mount(): void;
  remove(): void;
}

export function createPageUi(ctx: ContentScriptContext, options: PageUiOptions): PageUi {
  const host = document.createElement(options.name);
  const shadow = host.attachShadow({ mode: MODE });
  const style = document.createElement('style');
  style.textContent = options.css;
  shadow.append(style);
  const remove = () => host.remove();
  ctx.onInvalidated(remove);
  return {
    shadowHost: host,
    shadow,
    mount() {
      const anchor = options.anchor();
      if (anchor) {
        host.removeAttribute('data-floating');
        if (anchor.nextElementSibling !== host) anchor.after(host);
      } else if (options.floating) {
        host.setAttribute('data-floating', '');
        if (host.parentElement !== document.body) document.body.append(host);
      } else remove();
    },
    remove,
  };
}

/** Sites re-render their headers and change pages in place; changes `ours` claims do not count, or the badge would wake itself. */
export function onPageChange(ctx: ContentScriptContext, listener: () => void, ours?: (record: MutationRecord) => boolean): void {
  let queued = false;
  const observer = new MutationObserver((records) => {
    if (queued || (ours && records.every(ours))) return;
    queued = true;
    ctx.setTimeout(() => {
      queued = false;
      listener();
    }, 100);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  ctx.onInvalidated(() => observer.disconnect());
}

/** Calls `listener` when the background says someone signed in or out (the badge and the marks ask again). */
export function onSessionChanged(ctx: ContentScriptContext, listener: () => void): void {
  const onMessage = (message: unknown, sender: { id?: string }) => {
    if (sender.id === browser.runtime.id && isSessionChanged(message)) listener();
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
}

function luminance(color: string): number | null {
  const match = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(color);
  if (!match || (match[4] !== undefined && Number(match[4]) < 0.5)) return null;
  const [r, g, b] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

export function themeAround(host: Element): 'light' | 'dark' {
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
}
