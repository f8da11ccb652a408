import { storage } from 'wxt/utils/storage';
import * as items from './storage';
import { ensureClientId, sessionItem, storageVersionItem, tokenItem } from './storage';
import { getSecrets, setSecrets } from './secret-area';
import type { StoredItem } from './stored-item';

/**
 * The version of the store's layout: which item lives in which area. Raise it when items move
 * between areas, and add the step from the previous version to MIGRATIONS; an item whose own shape
 * changes takes WXT's `version` and `migrations` in its declaration instead (src/storage.ts). WXT's
 * per-item migrations see one item in its own area, so they cannot move one to the secret area.
 */
export const STORAGE_VERSION = 2;

/** The secrets of version 1, kept in storage.local under these names, now in the secret area under the same. */
const MOVED_SECRETS = ['token', 'serverTokens', 'signin'];

/** Step n takes storage from version n-1 to n. */
const MIGRATIONS: Record<number, () => Promise<void>> = {
  // Version 0 was written through WXT's storage with versions in `<key>$` metadata entries, all at
  // WXT's version 1; the items kept their shape, and the metadata entries are dropped.
  1: async () => {
    const meta = Object.keys(await storage.snapshot('local')).filter((key) => key.endsWith('$'));
    if (meta.length > 0) await storage.removeItems(meta.map((key) => `local:${key}` as const));
  },
  // Version 1 kept the token, the servers' tokens and the pending PIN in storage.local, which
  // content scripts can read. They move to the secret area, written there before they are removed here.
  2: async () => {
    const keys = MOVED_SECRETS.map((name) => `local:${name}` as const);
    const old = await storage.getItems(keys);
    const moving = old.filter(({ value }) => value !== null).map(({ key, value }) => [key.slice('local:'.length), value] as const);
    await moveToSecrets(moving);
    await storage.removeItems(keys);
  },
};

/** Writes old values into the secret area, where it holds none of its own yet. */
async function moveToSecrets(moving: (readonly [string, unknown])[]): Promise<void> {
  const held = await getSecrets(moving.map(([name]) => name));
  const fresh = moving.filter(([name]) => held[name] === undefined);
  if (fresh.length > 0) await setSecrets(Object.fromEntries(fresh));
}

const isItem = (value: unknown): value is StoredItem<unknown> =>
  typeof value === 'object' && value !== null && 'resetIfUnreadable' in value;

/**
 * Every item that does not fit its schema (edited by hand, cut short, or left by a newer version)
 * is reset, one by one, so every reader starts from something it understands. A valid sign-in is
 * never thrown away for a broken neighbour: a token without a readable account keeps a bare
 * session, and the account is fetched again.
 */
async function resetUnreadable(now: number): Promise<void> {
  await Promise.all(
    Object.values(items as Record<string, unknown>)
      .filter(isItem)
      .map((item) => item.resetIfUnreadable()),
  );
  const token = await tokenItem.getValue();
  const session = await sessionItem.getValue();
  if (token && !session) await sessionItem.setValue({ signedInAt: now });
  // An account without a token is no sign-in: show the sign-in buttons, not a half state.
  if (!token && session) await sessionItem.removeValue();
  // Kept when it is a valid id, replaced when not: Plex knows this install by it.
  await ensureClientId();
}

/** Brings storage up to this version's shape; run by the background before anything reads it. */
export async function upgradeStorage(now: number): Promise<void> {
  const from = await storageVersionItem.getValue();
  for (let version = from + 1; version <= STORAGE_VERSION; version++) await MIGRATIONS[version]?.();
  await resetUnreadable(now);
  if (from !== STORAGE_VERSION) await storageVersionItem.setValue(STORAGE_VERSION);
}
