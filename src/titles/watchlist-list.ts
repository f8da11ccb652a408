import type { PlexUrls } from '../config';
import type { PlexContext } from '../plex/http';
import { getWatchlist } from '../plex/watchlist';
import { watchlistItem } from '../storage';

/** Read again after this: it changes on other devices too. Toggles from a badge update it at once. */
export const WATCHLIST_MAX_AGE_MS = 15 * 60 * 1000;

export interface WatchlistDeps {
  urls: PlexUrls;
  plex(): Promise<PlexContext>;
  now(): number;
}

/** One read of the whole list rather than a request per title page; null when Plex could not say (failed, or too long to read whole). */
export function createWatchlistList(deps: WatchlistDeps) {
  const reading = new Map<string, Promise<Set<string> | null>>();
  /** Bumped by forget(): a read begun before it (another account or profile) stores nothing after it. */
  let generation = 0;
  /** A list too long to read whole is not read again on every title page. */
  let tooLong: { token: string; at: number } | undefined;

  async function keys(token: string): Promise<Set<string> | null> {
    const since = generation;
    const stored = await watchlistItem.getValue();
    if (stored && deps.now() - stored.at < WATCHLIST_MAX_AGE_MS) return new Set(stored.keys);
    if (tooLong?.token === token && deps.now() - tooLong.at < WATCHLIST_MAX_AGE_MS) return null;
    let read = reading.get(token);
    if (!read) {
      read = (async () => {
        const result = await getWatchlist(await deps.plex(), deps.urls.discover, token);
        if (!result.ok) return null;
        if (since !== generation) return result.value.complete ? new Set(result.value.keys) : null;
        if (!result.value.complete) {
          tooLong = { token, at: deps.now() };
          return null;
        }
        await watchlistItem.setValue({ at: deps.now(), keys: result.value.keys });
        return new Set(result.value.keys);
      })().finally(() => reading.delete(token));
      reading.set(token, read);
    }
    return read;
  }

  return {
    async has(token: string, ratingKey: string): Promise<boolean | null> {
      return (await keys(token))?.has(ratingKey) ?? null;
    },
    /** A toggle that Plex confirmed. */
    async set(ratingKey: string, on: boolean): Promise<void> {
      const stored = await watchlistItem.getValue();
      if (!stored) return;
      const others = stored.keys.filter((key) => key !== ratingKey);
      await watchlistItem.setValue({ ...stored, keys: on ? [...others, ratingKey] : others });
    },
    /** The next question reads the list again (the popup opened, the person may have changed it elsewhere). */
    forget: () => {
      generation += 1;
      tooLong = undefined;
      return watchlistItem.removeValue();
    },
  };
}

export type WatchlistList = ReturnType<typeof createWatchlistList>;
