import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import * as items from '@/src/storage';
import { ensureClientId, flowItem, serverTokensItem, sessionItem, tokenItem } from '@/src/storage';
import { upgradeStorage } from '@/src/storage-upgrade';
import { defineItem, type StoredItem } from '@/src/stored-item';

/** Writes a value as it is kept, past any schema: `secret:` items sit in the session area under Node. */
async function storeRaw(key: string, value: unknown): Promise<void> {
  const [area, name] = key.split(':') as [string, string];
  await browser.storage[area === 'local' ? 'local' : 'session'].set({ [name]: value });
}

async function readRaw(key: string): Promise<unknown> {
  const [area, name] = key.split(':') as [string, string];
  return (await browser.storage[area === 'local' ? 'local' : 'session'].get(name))[name] ?? null;
}

/** Every item src/storage.ts declares, by name. */
const declared = Object.entries(items as Record<string, unknown>).filter(
  (entry): entry is [string, StoredItem<unknown>] => typeof entry[1] === 'object' && entry[1] !== null && 'resetIfUnreadable' in entry[1],
);

describe('stored data', () => {
  beforeEach(() => fakeBrowser.reset());

  it('makes one client id and keeps it', async () => {
    const id = await ensureClientId();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await ensureClientId()).toBe(id);
    expect((await browser.storage.local.get('clientId')).clientId).toBe(id);
  });

  it('replaces a client id that is not a UUID', async () => {
    await browser.storage.local.set({ clientId: 42 });
    expect(await ensureClientId()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads data that does not fit its shape as absent instead of trusting it', async () => {
    await storeRaw(flowItem.key, { status: 'pending', pin: 'nope' });
    await storeRaw(sessionItem.key, 'x');
    await tokenItem.setValue({ a: 1 } as never);
    expect(await flowItem.getValue()).toEqual({ status: 'idle' });
    expect(await sessionItem.getValue()).toBeNull();
    expect(await tokenItem.getValue()).toBeNull();
  });
});

describe('every stored item', () => {
  beforeEach(() => fakeBrowser.reset());

  it('declares the items this release keeps, the secrets apart', () => {
    expect(declared.map(([, item]) => item.key).sort()).toEqual([
      'local:clientId',
      'local:home',
      'local:libraryIndex',
      'local:seerrConnection',
      'local:serverOrder',
      'local:servers',
      'local:session',
      'local:sitesOff',
      'local:storageVersion',
      'secret:profile',
      'secret:seerrApiKey',
      'secret:seerrUrl',
      'secret:serverTokens',
      'secret:signin',
      'secret:token',
      'session:badgeTabs',
      'session:shownTitles',
      'session:titles',
      'session:watchlist',
    ]);
  });

  it.each(declared)('%s reads a value that does not fit its schema as its fallback, and is reset on the next start', async (_, item) => {
    const fallback = await item.getValue();
    await storeRaw(item.key, { not: ['what', 'it', 'holds'] });
    expect(await item.getValue()).toEqual(fallback);
    await upgradeStorage(1000);
    const after = await readRaw(item.key);
    if (item.key === 'local:clientId') expect(after).toMatch(/^[0-9a-f-]{36}$/);
    else if (item.key === 'local:storageVersion') expect(after).toBe(2);
    else expect(after).toBeNull();
  });

  it('hands watchers the value read through the schema', async () => {
    const seen: unknown[] = [];
    const unwatch = flowItem.watch((value) => seen.push(value));
    await storeRaw(flowItem.key, { status: 'pending', pin: 'garbage' });
    await flowItem.setValue({ status: 'expired', mode: 'code' });
    unwatch();
    expect(seen).toEqual([{ status: 'idle' }, { status: 'expired', mode: 'code' }]);
  });

  it('keeps the sign-in when its account is unreadable, and the account when its servers are', async () => {
    await tokenItem.setValue('tok-good');
    await storeRaw(sessionItem.key, { signedInAt: 'yesterday' });
    await storeRaw(items.serversItem.key, { servers: 'many' });
    await upgradeStorage(1000);
    expect(await tokenItem.getValue()).toBe('tok-good');
    expect(await sessionItem.getValue()).toEqual({ signedInAt: 1000 });
    expect(await readRaw(items.serversItem.key)).toBeNull();
  });

  it('runs WXT’s per-item migrations for an item that declares a new version', async () => {
    await browser.storage.local.set({ example: 3 });
    const item = defineItem('local:example', z.object({ count: z.number() }), {
      version: 2,
      migrations: { 2: (old: number) => ({ count: old }) },
    });
    expect(await item.getValue()).toEqual({ count: 3 });
    expect(await browser.storage.local.get(null)).toEqual({ example: { count: 3 }, example$: { v: 2 } });
  });
});

/** What the secret area holds, as stored (the fake browser's session area stands in for IndexedDB here). */
async function secrets() {
  const held = await browser.storage.session.get(['token', 'serverTokens', 'signin']);
  return { token: held.token ?? null, serverTokens: held.serverTokens ?? null, signin: held.signin ?? null };
}

describe('upgrading stored data', () => {
  beforeEach(() => fakeBrowser.reset());
  const CLIENT_ID = '6b1f1c3e-1b0e-4a7e-9c59-0e5f0f3c2d11';
  const account = { name: 'Alex', username: 'alex', plan: 'lifetime' };

  it('takes data from the first release (WXT storage metadata beside each item) without losing the sign-in', async () => {
    await browser.storage.local.set({
      clientId: CLIENT_ID,
      clientId$: { v: 1 },
      token: 'tok-old',
      token$: { v: 1 },
      session: { signedInAt: 5, account },
      session$: { v: 1 },
      signin: { status: 'idle' },
    });
    await upgradeStorage(1000);
    expect(await browser.storage.local.get(null)).toEqual({
      clientId: CLIENT_ID,
      session: { signedInAt: 5, account },
      storageVersion: 2,
    });
    expect(await secrets()).toEqual({ token: 'tok-old', serverTokens: null, signin: { status: 'idle' } });
  });

  it('moves the last release’s token, server tokens and pending PIN out of storage.local, where content scripts could read them', async () => {
    await browser.storage.local.set({
      clientId: CLIENT_ID,
      token: 'tok-last',
      serverTokens: { abc123: 'server-tok' },
      session: { signedInAt: 5, account },
      servers: { servers: [], fetchedAt: 4 },
      signin: { status: 'pending', mode: 'code', pin: { id: 7, code: 'Q7RZ', expiresAt: 9000 }, startedAt: 1, failures: 0 },
      storageVersion: 1,
    });
    await upgradeStorage(1000);
    const local = await browser.storage.local.get(null);
    expect(local).not.toHaveProperty('token');
    expect(local).not.toHaveProperty('serverTokens');
    expect(local).not.toHaveProperty('signin');
    expect(JSON.stringify(local)).not.toMatch(/tok-last|server-tok|Q7RZ/);
    expect(await flowItem.getValue()).toMatchObject({ status: 'pending', pin: { id: 7, code: 'Q7RZ' } });
    expect(local.storageVersion).toBe(2);
    expect(await tokenItem.getValue()).toBe('tok-last');
    expect(await serverTokensItem.getValue()).toEqual({ abc123: 'server-tok' });
    expect(await sessionItem.getValue()).toEqual({ signedInAt: 5, account });
  });

  it('resets items corrupted by hand, one by one, and keeps a valid client id and token', async () => {
    await browser.storage.local.set({
      clientId: CLIENT_ID,
      token: 'tok-good',
      session: 'not a session',
      signin: { status: 'pending', pin: 'garbage' },
      servers: { servers: 3 },
      serverTokens: ['x'],
    });
    await upgradeStorage(1000);
    expect(await browser.storage.local.get(null)).toEqual({
      clientId: CLIENT_ID,
      // The account is gone, the sign-in is not: the popup fetches the account again.
      session: { signedInAt: 1000 },
      storageVersion: 2,
    });
    expect(await secrets()).toEqual({ token: 'tok-good', serverTokens: null, signin: null });
  });

  it('replaces a broken client id and drops an account left without a token', async () => {
    await browser.storage.local.set({ clientId: 'nope', token: 42, session: { signedInAt: 1, account } });
    await upgradeStorage(1000);
    const after = await browser.storage.local.get(null);
    expect(after.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(after).not.toHaveProperty('token');
    expect(after).not.toHaveProperty('session');
    expect(await secrets()).toEqual({ token: null, serverTokens: null, signin: null });
    expect(await flowItem.getValue()).toEqual({ status: 'idle' });
  });

  it('leaves current data exactly as it was', async () => {
    const current = { clientId: CLIENT_ID, session: { signedInAt: 1, account }, storageVersion: 2 };
    await browser.storage.local.set(current);
    await tokenItem.setValue('t');
    await serverTokensItem.setValue({ abc123: 's' });
    await flowItem.setValue({ status: 'idle' });
    await upgradeStorage(1000);
    expect(await browser.storage.local.get(null)).toEqual(current);
    expect(await secrets()).toEqual({ token: 't', serverTokens: { abc123: 's' }, signin: { status: 'idle' } });
  });
});
