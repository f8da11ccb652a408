import { storage, type WxtStorageItemOptions } from 'wxt/utils/storage';
import type * as z from 'zod/mini';
import { getSecrets, setSecrets, watchSecret } from './secret-area';

/** `secret:` lives in IndexedDB out of content scripts' reach (src/secret-area.ts); no sync, as a token must not follow the account. */
export type StorageKey = `local:${string}` | `session:${string}` | `secret:${string}`;

/** One stored value as it is kept, before its schema has looked at it. */
interface Raw {
  getValue(): Promise<unknown>;
  setValue(value: unknown): Promise<void>;
  removeValue(): Promise<void>;
  watch(callback: (value: unknown, before: unknown) => void): () => void;
}

export interface StoredItem<T> {
  readonly key: StorageKey;
  /** The stored value if it fits the schema, else the fallback (null without one). */
  getValue(): Promise<T>;
  /** Stores the value; null removes it. */
  setValue(value: T | null): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back on every real change (from any page or the background), both values read as getValue does. */
  watch(callback: (value: T, before: T) => void): () => void;
  /** The one reset path: removes a stored value that does not fit the schema, and says whether it did. */
  resetIfUnreadable(): Promise<boolean>;
}

type WxtKey = `local:${string}` | `session:${string}`;

/** Where a value is kept: a secret's name in the secret area, or WXT's key. */
type Place = { secret: string } | { wxt: WxtKey };

const placeOf = (key: StorageKey): Place => (key.startsWith('secret:') ? { secret: key.slice('secret:'.length) } : { wxt: key as WxtKey });

function secretRaw(name: string): Raw {
  return {
    getValue: async () => (await getSecrets([name]))[name] ?? null,
    setValue: (value) => setSecrets({ [name]: value ?? undefined }),
    removeValue: () => setSecrets({ [name]: undefined }),
    watch: (callback) =>
      watchSecret(name, (value, before) => {
        // A write of the same value is no change, as in WXT's own watch.
        if (JSON.stringify(value) !== JSON.stringify(before)) callback(value, before);
      }),
  };
}

/** WXT's per-item version and migrations, for a `local:` or `session:` item whose shape changes. */
type Versioning = Pick<WxtStorageItemOptions<unknown>, 'version' | 'migrations'>;

const places = new WeakMap<StoredItem<unknown>, Place>();

/** A value that does not fit the schema (edited by hand, cut short, left by a newer version) reads as the fallback. */
export function defineItem<T>(key: StorageKey, schema: z.ZodMiniType<T>, options: { fallback: T } & Versioning): StoredItem<T>;
export function defineItem<T>(key: StorageKey, schema: z.ZodMiniType<T>, options?: Versioning): StoredItem<T | null>;
/* @__NO_SIDE_EFFECTS__ */
export function defineItem<T>(
  key: StorageKey,
  schema: z.ZodMiniType<T>,
  options: { fallback?: T } & Versioning = {},
): StoredItem<T | null> {
  const place = placeOf(key);
  const raw: Raw =
    'secret' in place
      ? secretRaw(place.secret)
      : storage.defineItem(place.wxt, { version: options.version, migrations: options.migrations });
  const fallback = options.fallback ?? null;
  const read = (value: unknown): T | null => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : fallback;
  };
  const item: StoredItem<T | null> = {
    key,
    getValue: async () => read(await raw.getValue()),
    setValue: (value) => raw.setValue(value),
    removeValue: () => raw.removeValue(),
    watch: (callback) => raw.watch((value, before) => callback(read(value), read(before))),
    async resetIfUnreadable() {
      const value = await raw.getValue();
      if (value === null || schema.safeParse(value).success) return false;
      await raw.removeValue();
      return true;
    },
  };
  places.set(item, place);
  return item;
}

type Entry<T> = { item: StoredItem<T>; value: T };

/** Splits items by area: the secret area's names and WXT's keys. */
function byPlace<E>(entries: readonly E[], itemOf: (entry: E) => StoredItem<unknown>) {
  const secret: [string, E][] = [];
  const wxt: [WxtKey, E][] = [];
  for (const entry of entries) {
    const place = places.get(itemOf(entry))!;
    if ('secret' in place) secret.push([place.secret, entry]);
    else wxt.push([place.wxt, entry]);
  }
  return { secret, wxt };
}

/** One write per area, so whoever watches never sees some changed and others not yet (a sign-in's token, account and flow state). */
export async function setItems<T extends unknown[]>(entries: [...{ [K in keyof T]: Entry<T[K]> }]): Promise<void> {
  const { secret, wxt } = byPlace(entries as Entry<unknown>[], (entry) => entry.item);
  await Promise.all([
    secret.length > 0 && setSecrets(Object.fromEntries(secret.map(([name, entry]) => [name, entry.value]))),
    wxt.length > 0 && storage.setItems(wxt.map(([key, entry]) => ({ key, value: entry.value }))),
  ]);
}

/** Removes several items in one write per area. */
export async function removeItems(items: readonly StoredItem<unknown>[]): Promise<void> {
  const { secret, wxt } = byPlace(items, (item) => item);
  await Promise.all([
    secret.length > 0 && setSecrets(Object.fromEntries(secret.map(([name]) => [name, undefined]))),
    wxt.length > 0 && storage.removeItems(wxt.map(([key]) => key)),
  ]);
}
