import { storage } from 'wxt/utils/storage';
import * as items from './storage';
import { ensureClientId, sessionItem, storageVersionItem, tokenItem } from './storage';
import { getSecrets, setSecrets } from './secret-area';
import type { StoredItem } from './stored-item';

/** Raise it (and add a step) when items move between areas: WXT's per-item migrations see one item in its own area only. */
export const STORAGE_VERSION = 2;

/** The secrets of version 1, kept in storage.local under these names, now in the secret area under the same. */
const MOVED_SECRETS = ['token', 'serverTokens', 'signin'];

/** Step n takes storage from version n-1 to n. */
const MIGRATIONS: Record<number, () => Promise<void>> = {
  // Version 0 kept WXT's `<key>$` version entries, all at 1; the items kept their shape, so only those entries go.
  1: async () => {
    const meta = Object.keys(await storage.snapshot('local')).filter((key) => key.endsWith('$'));
    if (meta.length > 0) await storage.removeItems(meta.map((key) => `local:${key}` as const));
  },
  // Version 1 kept these secrets in storage.local, which content scripts can read; written to the secret area before removed here.
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

/** Resets unfit items one by one, so a valid sign-in never goes for a broken neighbour: a token without an account keeps a bare session. */
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
