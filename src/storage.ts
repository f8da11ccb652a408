import * as z from 'zod/mini';
import { ActiveProfile, HomeState } from './home/state';
import { ServerList, ServerTokens } from './servers/state';
import { FlowState, Session } from './signin/state';
import { SeerrConnection } from './seerr/connection';
import { parseSeerrUrl } from './seerr/url';
import { defineItem } from './stored-item';
import { IndexStatus } from './library/status';
import { CachedLookups, ShownTitles, StoredWatchlist, TabIds } from './titles/stored';

/** Writes of several items at once are one change per area. */
export { removeItems, setItems } from './stored-item';

// src/storage-upgrade.ts resets every exported item that does not fit; `secret:` items are out of content scripts' reach (SECURITY.md).
export const clientIdItem = defineItem(
  'local:clientId',
  z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)),
);
export const tokenItem = defineItem('secret:token', z.string().check(z.minLength(1)));
export const sessionItem = defineItem('local:session', Session);
/** The sign-in under way holds the PIN's id and code, which with the client id would fetch the token. */
export const flowItem = defineItem('secret:signin', FlowState, { fallback: { status: 'idle' } });
export const serversItem = defineItem('local:servers', ServerList);
/** Each server's own access token, by machine id: secrets, so apart from the list the popup reads. */
export const serverTokensItem = defineItem('secret:serverTokens', ServerTokens, { fallback: {} });
/** The account's Plex Home profiles and which one is in use, for the popup: no token. */
export const homeItem = defineItem('local:home', HomeState);
/** The Home profile in use when it is not the account's own, with its token: a secret like the account's. */
export const profileItem = defineItem('secret:profile', ActiveProfile);
/** In storage.session: it survives a stopped background but not the browser, and only our own pages and background read that area. */
export const titlesItem = defineItem('session:titles', CachedLookups, { fallback: {} });
/** Tabs whose badge asked something, so a sign-in or sign-out can update them in place. */
export const badgeTabsItem = defineItem('session:badgeTabs', TabIds, { fallback: [] });
/** The titles each tab's badge was told about, so a tab can change the watchlist only for those. */
export const shownTitlesItem = defineItem('session:shownTitles', ShownTitles, { fallback: [] });
/** How far each server's library index is, for the popup: counts and times, no titles (the index is in IndexedDB). */
export const libraryIndexItem = defineItem('local:libraryIndex', IndexStatus, { fallback: {} });
/** The account's watchlist, read as one list rather than a request per title page. */
export const watchlistItem = defineItem('session:watchlist', StoredWatchlist);
/** The version of the whole store's layout (src/storage-upgrade.ts); 0 before it was kept. */
export const storageVersionItem = defineItem('local:storageVersion', z.int().check(z.gte(0)), { fallback: 0 });

/** Secrets: the background sends the Plex token to the Seerr address, so no content script may read or change it. */
export const seerrUrlItem = defineItem('secret:seerrUrl', z.string().check(z.refine((url) => parseSeerrUrl(url) === url)));
export const seerrApiKeyItem = defineItem('secret:seerrApiKey', z.string().check(z.minLength(1), z.maxLength(512)));
/** How the last sign-in to Seerr went, for the options page. */
export const seerrConnectionItem = defineItem('local:seerrConnection', SeerrConnection);
/** Machine ids, the preferred server first; servers not in it follow in the usual order. */
export const serverOrderItem = defineItem('local:serverOrder', z.array(z.string()), { fallback: [] });
/** Sites (imdb, tmdb, letterboxd, trakt) where the badge is off; content scripts read it raw (src/page-badge/sites.ts). */
export const sitesOffItem = defineItem('local:sitesOff', z.array(z.string()), { fallback: [] });

/** The install's identity towards Plex: made once, kept forever (sign-out keeps it too). */
export async function ensureClientId(): Promise<string> {
  const stored = await clientIdItem.getValue();
  if (stored) return stored;
  const fresh = crypto.randomUUID();
  await clientIdItem.setValue(fresh);
  return fresh;
}
