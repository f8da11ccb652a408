import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { ensureClientId, readFlow, readSession, readToken } from '@/src/storage';

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
    await browser.storage.local.set({ signin: { status: 'pending', pin: 'nope' }, session: 'x', token: { a: 1 } });
    expect(await readFlow()).toEqual({ status: 'idle' });
    expect(await readSession()).toBeNull();
    expect(await readToken()).toBeNull();
  });
});
