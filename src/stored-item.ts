import { browser } from 'wxt/browser';

/**
 * A typed value under one key of `storage.local`, `storage.session` or the extension's own
 * IndexedDB (`secret:`): the part of WXT's storage module this extension uses, without its 3.7 KB
 * (gzip) in every entrypoint. Never `sync`: a token must not follow the browser account.
 */
export type StorageKey = `local:${string}` | `session:${string}` | `secret:${string}`;

type Area = 'local' | 'session' | 'secret';

type Changes = Record<string, { newValue?: unknown; oldValue?: unknown }>;
type ChangeListener = (changes: Changes) => void;

/** What this module needs of a storage area; `storage.local`, `storage.session` and the secret area have it. */
interface AreaApi {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  onChanged: { addListener(listener: ChangeListener): void; removeListener(listener: ChangeListener): void };
}

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

const SECRET_DB = 'sidekick-secrets';
const SECRET_STORE = 'items';

let secretDb: Promise<IDBDatabase> | undefined;

/** The extension's own database, opened once per page or background and again if the browser closes it. */
function openSecrets(): Promise<IDBDatabase> {
  secretDb ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(SECRET_DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(SECRET_STORE);
    request.onsuccess = () => {
      request.result.onclose = () => (secretDb = undefined);
      resolve(request.result);
    };
    request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
  }).catch((error: unknown) => {
    // Not kept: the next read tries again rather than failing for the life of the background.
    secretDb = undefined;
    throw error;
  });
  return secretDb;
}

/** One transaction on the store; resolves with `run`'s result once the transaction has committed. */
async function inStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => () => T): Promise<T> {
  const db = await openSecrets();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(SECRET_STORE, mode);
    const result = run(tx.objectStore(SECRET_STORE));
    tx.oncomplete = () => resolve(result());
    // A failed request aborts its transaction; either way nothing of it was written.
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** Other pages and the background hear of writes by name only; each listener reads the value itself. */
const SECRET_CHANNEL = 'sidekick-secrets';

/**
 * The extension's IndexedDB as a storage area. It belongs to the extension's origin, so only
 * its own pages and background open it: content scripts run in the page's origin and get the
 * page's databases instead.
 */
const secretArea: AreaApi = {
  async get(keys) {
    const names = typeof keys === 'string' ? [keys] : (keys ?? []);
    return inStore('readonly', (store) => {
      const out: Record<string, unknown> = {};
      for (const name of names) {
        const request = store.get(name);
        request.onsuccess = () => {
          if (request.result !== undefined) out[name] = request.result;
        };
      }
      return () => out;
    });
  },
  set: (items) => write(Object.keys(items), (store) => Object.entries(items).forEach(([name, value]) => store.put(value, name))),
  remove: (keys) => {
    const names = typeof keys === 'string' ? [keys] : keys;
    return write(names, (store) => names.forEach((name) => store.delete(name)));
  },
  onChanged: {
    addListener(listener) {
      const channel = new BroadcastChannel(SECRET_CHANNEL);
      const seen = new Map<string, unknown>();
      channel.onmessage = async ({ data: names }: MessageEvent<string[]>) => {
        const now = await secretArea.get(names);
        const changes: Changes = {};
        for (const name of names) {
          changes[name] = { newValue: now[name], oldValue: seen.get(name) };
          seen.set(name, now[name]);
        }
        listener(changes);
      };
      channels.set(listener, channel);
    },
    removeListener(listener) {
      channels.get(listener)?.close();
      channels.delete(listener);
    },
  },
};

/** Writes in one transaction, then tells every listener, in this context and the others, which names changed. */
async function write(names: string[], change: (store: IDBObjectStore) => void): Promise<void> {
  await inStore('readwrite', (store) => {
    change(store);
    return () => undefined;
  });
  const channel = new BroadcastChannel(SECRET_CHANNEL);
  channel.postMessage(names);
  channel.close();
}

const channels = new Map<ChangeListener, BroadcastChannel>();

/**
 * Under Node (unit and integration tests) there is no IndexedDB: the fake browser's session area
 * stands in, which content scripts cannot read either.
 */
const areaOf = (area: Area): AreaApi =>
  area === 'secret' ? (typeof indexedDB === 'undefined' ? browser.storage.session : secretArea) : browser.storage[area];

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
  await Promise.all(
    [...byArea(list, (item) => item)].map(([area, group]) => areaOf(area).remove(group.map((item) => split(item.key).name))),
  );
}

/** The same operations under the names of WXT's `storage` object, for code written against it. */
export const storage = { defineItem, setItems, removeItems };
