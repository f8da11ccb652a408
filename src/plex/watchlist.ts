import * as z from 'zod/mini';
import { UserState } from './schemas';
import { plexRequest, type PlexContext, type Result } from './http';

/** Whether a catalogue title (by its hex ratingKey) is on the account's watchlist. */
export async function isWatchlisted(ctx: PlexContext, metadataUrl: string, token: string, ratingKey: string): Promise<Result<boolean>> {
  const result = await plexRequest(ctx, {
    base: metadataUrl,
    path: `/library/metadata/${encodeURIComponent(ratingKey)}/userState`,
    token,
    schema: UserState,
  });
  if (!result.ok) return result;
  const state = result.value.MediaContainer.UserState;
  const item = Array.isArray(state) ? state[0] : state;
  return { ok: true, value: typeof item?.watchlistedAt === 'number' };
}

/** Watchlist changes go to the discover provider since Plex moved them there in 2025. */
export function setWatchlisted(
  ctx: PlexContext,
  discoverUrl: string,
  token: string,
  ratingKey: string,
  on: boolean,
): Promise<Result<undefined>> {
  return plexRequest<undefined>(ctx, {
    base: discoverUrl,
    path: on ? '/actions/addToWatchlist' : '/actions/removeFromWatchlist',
    method: 'PUT',
    query: { ratingKey },
    token,
  });
}

/** The most watchlist entries read; a list longer than this is cut, its state then asked title by title. */
export const MAX_WATCHLIST = 5000;
const WATCHLIST_PAGE = 100;

const WatchlistPage = z.object({
  MediaContainer: z.object({
    Metadata: z.optional(z.array(z.unknown())),
    totalSize: z.nullish(z.number()),
  }),
});
const WatchlistEntry = z.object({ ratingKey: z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{1,64}$/))), guid: z.optional(z.string()) });

/** The whole watchlist, as python-plexapi's `MyPlexAccount.watchlist` and @lukehagar/plexjs `getWatchList` read it. */
export async function getWatchlist(
  ctx: PlexContext,
  discoverUrl: string,
  token: string,
): Promise<Result<{ keys: string[]; complete: boolean }>> {
  const keys: string[] = [];
  for (let start = 0; start < MAX_WATCHLIST; start += WATCHLIST_PAGE) {
    const result = await plexRequest(ctx, {
      base: discoverUrl,
      path: '/library/sections/watchlist/all',
      token,
      headers: { 'X-Plex-Container-Start': String(start), 'X-Plex-Container-Size': String(WATCHLIST_PAGE) },
      schema: WatchlistPage,
    });
    if (!result.ok) return result;
    const { Metadata: entries = [], totalSize } = result.value.MediaContainer;
    for (const entry of entries) {
      const parsed = WatchlistEntry.safeParse(entry);
      const key = parsed.success
        ? (parsed.data.ratingKey ?? /^plex:\/\/(?:movie|show)\/([0-9A-Za-z]{1,64})$/.exec(parsed.data.guid ?? '')?.[1])
        : undefined;
      if (key) keys.push(key);
    }
    if (entries.length < WATCHLIST_PAGE || start + entries.length >= (totalSize ?? 0)) return { ok: true, value: { keys, complete: true } };
  }
  return { ok: true, value: { keys, complete: false } };
}
