import { browser } from 'wxt/browser';

/**
 * A typed value under one key of `storage.local` or `storage.session`: the part of WXT's storage
 * module this extension uses, without its 3.7 KB (gzip) in every entrypoint. Never `sync`: a token
 * must not follow the browser account.
 */
export type StorageKey = `local:${string}` | `session:${string}`;

type Area = 'local' | 'session';

export interface StoredItem<T> {
  readonly key: StorageKey;
  /** The value, or the fallback (else null) when nothing is stored. */
  getValue(): Promise<T | null>;
  /** Stores the value; null or undefined removes it. */
  setValue(value: T | null | undefined): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back on every real change (from any page or the background); returns the unwatch. */
  watch(callback: (value: T | null, before: T | null) => void): () => void;
}

export interface ItemOptions<T> {
  /** Returned instead of null when nothing is stored. Shared between reads: never change it. */
  fallback?: T;
}

function split(key: StorageKey): { area: Area; name: string } {
  const colon = key.indexOf(':');
  return { area: key.slice(0, colon) as Area, name: key.slice(colon + 1) };
}

const areaOf = (area: Area) => browser.storage[area];

export function defineItem<T>(key: StorageKey, options: ItemOptions<T> = {}): StoredItem<T> {
  const { area, name } = split(key);
  const orFallback = (value: unknown): T | null => (value ?? options.fallback ?? null) as T | null;
  return {
    key,
    getValue: async () => orFallback((await areaOf(area).get(name))[name]),
    async setValue(value) {
      if (value === null || value === undefined) await areaOf(area).remove(name);
      else await areaOf(area).set({ [name]: value });
    },
    removeValue: () => areaOf(area).remove(name),
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>) => {
        const change = changes[name];
        // Browsers may report a write of the same value; only real changes count.
        if (!change || JSON.stringify(change.newValue) === JSON.stringify(change.oldValue)) return;
        callback(orFallback(change.newValue), orFallback(change.oldValue));
      };
      areaOf(area).onChanged.addListener(listener);
      return () => areaOf(area).onChanged.removeListener(listener);
    },
  };
}

/** Groups items by storage area, so each area is written in one call. */
function byArea<E>(entries: readonly E[], itemOf: (entry: E) => StoredItem<unknown>): Map<Area, E[]> {
  const groups = new Map<Area, E[]>();
  for (const entry of entries) {
    const { area } = split(itemOf(entry).key);
    groups.set(area, [...(groups.get(area) ?? []), entry]);
  }
  return groups;
}

type Entry<T> = { item: StoredItem<T>; value: T };

/**
 * Stores several items in one write per area, so whoever watches never sees some of them
 * changed and others not yet (a sign-in's token, account and flow state).
 */
export async function setItems<T extends unknown[]>(entries: [...{ [K in keyof T]: Entry<T[K]> }]): Promise<void> {
  const list = entries as Entry<unknown>[];
  await Promise.all(
    [...byArea(list, (entry) => entry.item)].map(([area, group]) =>
      areaOf(area).set(Object.fromEntries(group.map((entry) => [split(entry.item.key).name, entry.value]))),
    ),
  );
}

/** Removes several items in one write per area. */
export async function removeItems(list: readonly StoredItem<unknown>[]): Promise<void> {
  await Promise.all([...byArea(list, (item) => item)].map(([area, group]) => areaOf(area).remove(group.map((item) => split(item.key).name))));
}

/** The same operations under the names of WXT's `storage` object, for code written against it. */
export const storage = { defineItem, setItems, removeItems };
