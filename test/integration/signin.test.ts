import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { createSignInService } from '@/src/signin/service';
import { ensureClientId, flowItem, sessionItem, tokenItem } from '@/src/storage';
import { fakePlexForFile } from './fake-plex-for-file';
import { plexContext } from './plex-context';

/** The background's sign-in, with real fetch, against the fake plex.tv over HTTP on 127.0.0.1. */
const plex = await fakePlexForFile();

function newService() {
  return createSignInService({
    urls: { tv: plex.url, app: plex.url, metadata: plex.url, discover: plex.url },
    product: 'Sidekick for Plex',
    now: () => Date.now(),
    plex: () => plexContext({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0' }),
  });
}

const waitUntil = <T>(check: () => Promise<T>, timeout = 8000) => vi.waitFor(check, { timeout, interval: 50 });

async function pendingCode(): Promise<string> {
  const flow = await flowItem.getValue();
  if (flow.status !== 'pending') throw new Error(`not pending: ${JSON.stringify(flow)}`);
  return flow.pin.code;
}

describe('signing in against plex.tv (fake)', () => {
  let service: ReturnType<typeof newService>;
  let stopWatching: () => void;

  beforeEach(() => {
    fakeBrowser.reset();
    service = newService();
    stopWatching = service.watch();
    return () => stopWatching();
  });

  it('signs in with a code approved at /link, asking as Plex expects', async () => {
    await service.start('code');
    const code = await pendingCode();
    expect(code).toMatch(/^[A-Z0-9]{4}$/);
    await plex.approve({ code });
    await waitUntil(async () => expect((await sessionItem.getValue())?.account?.name).toBe('Alex Example'));

    const clientId = await ensureClientId();
    const requests = await plex.requests();
    const [create, ...rest] = requests;
    expect(create).toMatchObject({ method: 'POST', path: '/api/v2/pins' });
    expect(create!.headers).toMatchObject({
      accept: 'application/json',
      'x-plex-client-identifier': clientId,
      'x-plex-product': 'Sidekick for Plex',
      'x-plex-version': '0.1.0',
      'x-plex-platform': 'Firefox',
      'x-plex-platform-version': '153.0',
      'x-plex-device': 'Linux',
      'x-plex-device-name': 'Firefox on Linux',
    });
    const polls = rest.filter((request) => request.path.startsWith('/api/v2/pins/'));
    expect(polls.length).toBeGreaterThan(0);
    for (const poll of polls) {
      expect(poll.query.code).toBe(code);
      expect(poll.headers['x-plex-client-identifier']).toBe(clientId);
    }
    expect(requests.at(-1)).toMatchObject({ path: '/api/v2/user' });
    expect(JSON.stringify(await browser.storage.local.get('session'))).not.toContain(await tokenItem.getValue());
  });

  it('signs in through the auth page and closes it', async () => {
    await service.start('tab');
    const authTab = (await browser.tabs.query({})).find((t) => t.url?.startsWith(`${plex.url}/auth#?`));
    expect(authTab).toBeDefined();
    const params = new URLSearchParams(authTab!.url!.split('#?')[1]);
    expect(params.get('clientID')).toBe(await ensureClientId());
    expect(params.get('context[device][product]')).toBe('Sidekick for Plex');
    await plex.approve({ code: params.get('code')! });
    await waitUntil(async () => expect(await tokenItem.getValue()).toMatch(/.+/));
    await waitUntil(async () => expect(await browser.tabs.get(authTab!.id!)).toBeUndefined());
  });

  it('ends as expired when the PIN runs out', async () => {
    await plex.configure({ shortPinSeconds: 2 });
    await service.start('code');
    await waitUntil(async () => expect(await flowItem.getValue()).toEqual({ status: 'expired', mode: 'code' }));
  });

  it('rides out a burst of server errors and a dropped connection, then signs in', async () => {
    await service.start('code');
    await plex.fault({ path: '/api/v2/pins/', kind: 'status', status: 503, times: 2 });
    await plex.fault({ path: '/api/v2/pins/', kind: 'drop' });
    await plex.approve({ code: await pendingCode() });
    // Three failures back off 2 + 4 + 8 s before the poll that succeeds.
    await waitUntil(async () => expect(await tokenItem.getValue()).toEqual(expect.any(String)), 20_000);
    const polls = (await plex.requests()).filter((request) => request.path.startsWith('/api/v2/pins/'));
    expect(polls.length).toBeLessThanOrEqual(5);
  });

  it('shows a readable error when Plex answers PIN creation with HTML', async () => {
    await plex.fault({ path: '/api/v2/pins', method: 'POST', kind: 'body', body: '<html>Bad gateway</html>', contentType: 'text/html' });
    await service.start('code');
    expect(await flowItem.getValue()).toEqual({ status: 'error', mode: 'code', reason: 'invalid-response' });
  });

  it('signs out locally and revokes the token at Plex', async () => {
    await service.start('code');
    const { token } = await plex.approve({ code: await pendingCode() });
    await waitUntil(async () => expect(await tokenItem.getValue()).toBe(token));
    await service.signOut();
    expect(await tokenItem.getValue()).toBeNull();
    const ping = await fetch(`${plex.url}/api/v2/ping`, { headers: { Accept: 'application/json', 'X-Plex-Token': token } });
    expect(ping.status).toBe(401);
  });

  it('ends the session when the token is revoked at Plex', async () => {
    await service.start('code');
    const { token } = await plex.approve({ code: await pendingCode() });
    await waitUntil(async () => expect(await tokenItem.getValue()).toBe(token));
    await plex.revoke(token);
    await service.checkSession();
    expect(await flowItem.getValue()).toEqual({ status: 'idle', notice: 'session-ended' });
    expect(await tokenItem.getValue()).toBeNull();
  });
});
