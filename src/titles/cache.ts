import { titlesItem } from '../storage';
import type { CachedLookups } from './stored';
import type { Lookup } from './types';

const MAX_ENTRIES = 200;

/** A copy: the item's fallback object is shared, and changing it would leak into later reads. */
async function readAll(): Promise<CachedLookups> {
  return { ...(await titlesItem.getValue()) };
}

export async function cachedLookup(key: string, now: number): Promise<Lookup | null> {
  const entry = (await readAll())[key];
  return entry && now - entry.at < entry.ttlMs ? entry.lookup : null;
}

export async function cacheLookup(key: string, lookup: Lookup, now: number, ttlMs: number): Promise<void> {
  const all = await readAll();
  all[key] = { at: now, ttlMs, lookup };
  const keys = Object.keys(all);
  if (keys.length > MAX_ENTRIES) {
    keys.sort((a, b) => (all[a]?.at ?? 0) - (all[b]?.at ?? 0));
    for (const old of keys.slice(0, keys.length - MAX_ENTRIES)) delete all[old];
  }
  await titlesItem.setValue(all);
}

/** After a watchlist change, cached answers about that title must say so too. */
export async function updateWatchlisted(ratingKey: string, watchlisted: boolean): Promise<void> {
  const all = await readAll();
  let changed = false;
  for (const [key, entry] of Object.entries(all)) {
    if (entry.lookup.state === 'found' && entry.lookup.title.ratingKey === ratingKey) {
      all[key] = { ...entry, lookup: { ...entry.lookup, watchlisted } };
      changed = true;
    }
  }
  if (changed) await titlesItem.setValue(all);
}

export async function clearLookups(): Promise<void> {
  await titlesItem.removeValue();
}
