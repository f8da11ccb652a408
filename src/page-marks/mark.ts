import { t } from '../i18n';
// Minified into the bundle by Vite; kept as a plain stylesheet here.
import MARK_CSS from './style.css?inline';

const TAG = 'sidekick-plex-mark';

/**
 * The "on Plex" mark of one list item, with its servers in the tooltip. Its shadow root is the
 * badge's kind: closed in people's builds, so the page's scripts cannot read which servers hold
 * what; open in test builds (WXT_BADGE_SHADOW=open).
 */
export function createMark(servers: readonly string[], overlay: boolean): HTMLElement {
  const host = document.createElement(TAG);
  if (overlay) host.setAttribute('data-overlay', '');
  const root = host.attachShadow({ mode: import.meta.env.WXT_BADGE_SHADOW === 'open' ? 'open' : 'closed' });
  const style = document.createElement('style');
  style.textContent = MARK_CSS;
  const mark = document.createElement('span');
  mark.className = 'mark';
  mark.dataset.testid = 'plex-mark';
  mark.setAttribute('role', 'img');
  const where = t('markTooltip', servers.join(', '));
  mark.title = where;
  mark.setAttribute('aria-label', where);
  mark.textContent = t('markText');
  root.append(style, mark);
  return host;
}

/** Whether a mark is this element (so a scan does not take the marks for the site's own items). */
export const isMark = (element: Element) => element.localName === TAG;
