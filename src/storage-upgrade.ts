import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { ServerList, ServerTokens } from './servers/state';
import { FlowState, Session } from './signin/state';
import { defineItem } from './stored-item';
import { ensureClientId, flowItem, parseStored, readToken, serverTokensItem, sessionItem, tokenItem } from './storage';

/**
 * The version of what storage.local and the secret area hold. Raise it when an item changes shape incompatibly, and
 * add the step from the previous version to MIGRATIONS.
 */
export const STORAGE_VERSION = 2;
const versionItem = defineItem<number>('local:storageVersion');

/** Step n takes storage from version n-1 to n. */
const MIGRATIONS: Record<number, () => Promise<void>> = {
  // Version 0 was written through WXT's storage module, which kept a `<key>$` metadata entry next
  // to each item. The items kept their shape; the metadata entries are dropped.
  1: async () => {
    const meta = Object.keys(await browser.storage.local.get(null)).filter((key) => key.endsWith('$'));
    if (meta.length > 0) await browser.storage.local.remove(meta);
  },
  // Version 1 kept the token, the servers' tokens and the pending PIN in storage.local, which
  // content scripts can read. They move to the secret area, written there before they are removed here.
  2: async () => {
    const moving = [
      ['token', tokenItem],
      ['serverTokens', serverTokensItem],
      ['signin', flowItem],
    ] as const;
    const old = await browser.storage.local.get(moving.map(([name]) => name));
    for (const [name, item] of moving) {
      if (old[name] !== undefined && (await item.getValue()) === null) await item.setValue(old[name] as never);
    }
    await browser.storage.local.remove(moving.map(([name]) => name));
  },
};

/**
 * Items that do not fit their schema (edited by hand, cut short, or left by a newer version) are
 * reset one by one, so every reader starts from something it understands. A valid sign-in is
 * never thrown away for a broken neighbour: a token without a readable account keeps a bare
 * session, and the account is fetched again.
 */
async function resetUnreadable(now: number): Promise<void> {
  const all = await browser.storage.local.get(null);
  const broken: string[] = [];
  const check = (key: string, fits: (value: unknown) => boolean) => {
    if (key in all && !fits(all[key])) broken.push(key);
  };
  check('servers', (value) => parseStored(ServerList, value) !== null);
  check('session', (value) => parseStored(Session, value) !== null);
  if (broken.length > 0) await browser.storage.local.remove(broken);
  const secrets = [
    [flowItem, FlowState],
    [serverTokensItem, ServerTokens],
    [tokenItem, z.string().check(z.minLength(1))],
  ] as const;
  for (const [item, schema] of secrets) {
    const value = await item.getValue();
    if (value !== null && parseStored(schema as z.ZodMiniType<unknown>, value) === null) await item.removeValue();
  }
  const token = await readToken();

  const session = parseStored(Session, all.session);
  if (token && !session) await sessionItem.setValue({ signedInAt: now });
  // An account without a token is no sign-in: show the sign-in buttons, not a half state.
  if (!token && 'session' in all) await sessionItem.removeValue();
  // Kept when it is a valid id, replaced when not: Plex knows this install by it.
  await ensureClientId();
}

/** Brings storage up to this version's shape; run by the background before anything reads it. */
export async function upgradeStorage(now: number): Promise<void> {
  const stored = await versionItem.getValue();
  const from = typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 ? stored : 0;
  for (let version = from + 1; version <= STORAGE_VERSION; version++) await MIGRATIONS[version]?.();
  await resetUnreadable(now);
  if (stored !== STORAGE_VERSION) await versionItem.setValue(STORAGE_VERSION);
}
