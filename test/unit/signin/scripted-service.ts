import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildIdentity } from '@/src/plex/identity';
import { createSignInService, type SignInDeps } from '@/src/signin/service';
import { ensureClientId } from '@/src/storage';

export const URLS = { tv: 'https://plex.test', app: 'https://app.plex.test', metadata: '', discover: '' };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** The background's sign-in on the (faked) system clock, talking to whatever plex.tv the test scripts. */
export function signInServiceWith(fetch: typeof globalThis.fetch, more: Pick<SignInDeps, 'forgetAccountData'> = {}) {
  return createSignInService({
    ...more,
    urls: URLS,
    product: 'Sidekick for Plex',
    now: () => Date.now(),
    plex: async () => ({
      fetch,
      identity: buildIdentity({
        clientIdentifier: await ensureClientId(),
        product: 'Sidekick for Plex',
        version: '1',
        userAgent: 'Chrome/150.0',
        os: 'linux',
      }),
    }),
  });
}

/** Each test of the calling describe starts from an empty fake browser on a fake clock (timers and Date). */
export function freshBrowserOnFakeClock(): void {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => vi.useRealTimers());
}
