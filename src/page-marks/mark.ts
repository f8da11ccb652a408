import { t } from '../i18n';

const TAG = 'sidekick-plex-mark';

/** Each text once per page: the browser's i18n call costs far more than the rest of a mark (measured: 45 of 80 ms for 100 marks). */
const words = new Map<string, string>();
const word = (servers: string) => {
  let text = words.get(servers);
  if (text === undefined) words.set(servers, (text = servers ? t('markTooltip', servers) : t('markText')));
  return text;
};

// Inline styles through CSSOM, which no style-src forbids: a stylesheet per shadow root cost more style work than the marks.
const HOST = 'all:initial;display:inline-block;vertical-align:middle;margin-inline-start:6px;line-height:0';
const OVERLAY = 'all:initial;position:absolute;top:6px;left:6px;z-index:2;line-height:0';
const PILL =
  'display:inline-flex;align-items:center;gap:3px;padding:2px 6px;border-radius:999px;background:#1f1f1f;color:#fff;' +
  'font:700 11px/14px system-ui,sans-serif;box-shadow:0 0 0 1px rgba(255,255,255,.35);white-space:nowrap';
const CHEVRON = 'color:#e5a00d;font-size:9px';

/** A closed shadow root, as the badge's, keeps which servers hold what from the page (open only with WXT_BADGE_SHADOW=open). */
export function createMark(servers: readonly string[], overlay: boolean): HTMLElement {
  const host = document.createElement(TAG);
  host.style.cssText = overlay ? OVERLAY : HOST;
  if (overlay) host.setAttribute('data-overlay', '');
  const root = host.attachShadow({ mode: import.meta.env.WXT_BADGE_SHADOW === 'open' ? 'open' : 'closed' });
  const mark = document.createElement('span');
  mark.style.cssText = PILL;
  mark.dataset.testid = 'plex-mark';
  mark.setAttribute('role', 'img');
  const where = word(servers.join(', '));
  mark.title = where;
  mark.setAttribute('aria-label', where);
  const chevron = document.createElement('span');
  chevron.style.cssText = CHEVRON;
  chevron.setAttribute('aria-hidden', 'true');
  chevron.textContent = '▶';
  mark.append(chevron, word(''));
  root.append(mark);
  return host;
}

/** Whether a mark is this element (so a scan does not take the marks for the site's own items). */
export const isMark = (element: Element) => element.localName === TAG;
