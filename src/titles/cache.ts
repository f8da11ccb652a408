import { defineItem } from '../stored-item';
import type { Lookup } from './types';

interface Cached {
  at: number;
  ttlMs: number;
  lookup: Lookup;
}

/**
 * Recent lookups, in storage.session: they survive a stopped background but not the browser,
 * and only the extension's own pages and background can read that area.
 */
const titlesItem = defineItem<Record<string, Cached>>('session:titles', { fallback: {} });

const MAX_ENTRIES = 200;

function isCached(value: unknown): value is Cached {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Cached>;
  return typeof entry.at === 'number' && typeof entry.ttlMs === 'number' && typeof entry.lookup?.state === 'string';
}

/** A copy: the item's fallback object is shared, and changing it would leak into later reads. */
async function readAll(): Promise<Record<string, Cached>> {
  const stored: unknown = await titlesItem.getValue();
  return typeof stored === 'object' && stored !== null ? { ...(stored as Record<string, Cached>) } : {};
}

export async function cachedLookup(key: string, now: number): Promise<Lookup | null> {
  const entry = (await readAll())[key];
  return isCached(entry) && now - entry.at < entry.ttlMs ? entry.lookup : null;
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
    if (isCached(entry) && entry.lookup.state === 'found' && entry.lookup.title.ratingKey === ratingKey) {
      all[key] = { ...entry, lookup: { ...entry.lookup, watchlisted } };
      changed = true;
    }
  }
  if (changed) await titlesItem.setValue(all);
}

export async function clearLookups(): Promise<void> {
  await titlesItem.removeValue();
}
