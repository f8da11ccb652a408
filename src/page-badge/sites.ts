import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** The sites with a badge, by the id the options page and storage use. */
export const BADGE_SITES = ['imdb', 'tmdb', 'letterboxd', 'trakt'] as const;
export type BadgeSite = (typeof BADGE_SITES)[number];

/** storage.local's key for the sites where the badge is off (a plain string array). */
export const SITES_OFF_KEY = 'sitesOff';

/** Which site a page is on, from its host name (www.imdb.com, m.imdb.com, www.themoviedb.org, …). */
export function siteOf(hostname: string): BadgeSite | null {
  const host = hostname.toLowerCase();
  if (/(^|\.)imdb\.com$/.test(host)) return 'imdb';
  if (/(^|\.)themoviedb\.org$/.test(host)) return 'tmdb';
  if (/(^|\.)letterboxd\.com$/.test(host)) return 'letterboxd';
  if (/(^|\.)trakt\.tv$/.test(host)) return 'trakt';
  return null;
}

/** A plain storage.local read, no storage module or schema, keeps content scripts small; anything unreadable counts as on. */
export async function siteIsOff(hostname: string): Promise<boolean> {
  const site = siteOf(hostname);
  if (!site) return false;
  try {
    const stored = (await browser.storage.local.get(SITES_OFF_KEY))[SITES_OFF_KEY];
    return Array.isArray(stored) && stored.includes(site);
  } catch {
    return false;
  }
}

/** Calls back with whether this site is switched off, at once and whenever the options page changes it. */
export function followSiteSwitch(ctx: ContentScriptContext, callback: (off: boolean) => void): void {
  const read = () => void siteIsOff(location.hostname).then(callback);
  const onStorage = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && SITES_OFF_KEY in changes) read();
  };
  browser.storage.onChanged.addListener(onStorage);
  ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorage));
  read();
}
