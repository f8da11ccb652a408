import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { MAX_RETRY_AFTER_MS, SLOW_POLL_MS } from '@/src/signin/machine';
import { POLL_ALARM } from '@/src/signin/poller';
import { createSignInService } from '@/src/signin/service';
import type { PendingState } from '@/src/signin/state';
import type { SignInFailure } from '@/src/failures';
import { ensureClientId, flowItem, sessionItem, tokenItem } from '@/src/storage';
import type { Fault } from '../fake-plex/server';
import { fakePlexForFile } from './fake-plex-for-file';
import { plexContext } from './plex-context';

// The test moves the clock, so back-off and Retry-After are checked without waiting: each step jumps past the next alarm and fires it.
const plex = await fakePlexForFile();

const REQUEST_TIMEOUT_MS = 400;
let clock = 0;

function newService() {
  return createSignInService({
    urls: { tv: plex.url, app: plex.url, metadata: plex.url, discover: plex.url },
    product: 'Sidekick for Plex',
    now: () => clock,
    plex: () => plexContext({ timeoutMs: REQUEST_TIMEOUT_MS }),
  });
}

/** With nobody watching, polls come only from alarms, which this test fires itself. */
async function waitingSignIn(): Promise<PendingState> {
  const response = await fetch(`${plex.url}/api/v2/pins`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'X-Plex-Client-Identifier': await ensureClientId() },
  });
  const pin = (await response.json()) as { id: number; code: string; expiresIn: number };
  const state: PendingState = {
    status: 'pending',
    mode: 'code',
    pin: { id: pin.id, code: pin.code, expiresAt: clock + pin.expiresIn * 1000 },
    startedAt: clock - 600_000,
    unwatchedAt: clock - 600_000,
    failures: 0,
  };
  await flowItem.setValue(state);
  // As the background left it: the next poll is due at the alarm.
  await browser.alarms.create(POLL_ALARM, { when: clock + SLOW_POLL_MS });
  return state;
}

const polls = async () => (await plex.requests()).filter((r) => r.path.startsWith('/api/v2/pins/')).length;

/** Moves the clock to the poll alarm and fires it; returns how long that was. */
async function nextAlarm(service: ReturnType<typeof newService>): Promise<number> {
  const alarm = await browser.alarms.get(POLL_ALARM);
  if (!alarm) throw new Error('no poll alarm is set');
  const waited = Math.max(0, alarm.scheduledTime - clock);
  clock = Math.max(clock, alarm.scheduledTime);
  await service.onAlarm(POLL_ALARM);
  return waited;
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = Date.now();
});

const FAULTS: [string, Fault, string][] = [
  ['429 with Retry-After', { path: '/api/v2/pins/', kind: 'status', status: 429, headers: { 'Retry-After': '120' } }, 'rate-limited'],
  ['429 without Retry-After', { path: '/api/v2/pins/', kind: 'status', status: 429 }, 'rate-limited'],
  ['500', { path: '/api/v2/pins/', kind: 'status', status: 500 }, 'server'],
  ['502', { path: '/api/v2/pins/', kind: 'status', status: 502 }, 'server'],
  ['503', { path: '/api/v2/pins/', kind: 'status', status: 503 }, 'server'],
  ['a dropped connection', { path: '/api/v2/pins/', kind: 'drop' }, 'network'],
  ['no answer at all', { path: '/api/v2/pins/', kind: 'hang' }, 'timeout'],
  ['a reply that never finishes', { path: '/api/v2/pins/', kind: 'stall' }, 'timeout'],
  [
    'an HTML page',
    { path: '/api/v2/pins/', kind: 'body', body: '<html><body>Bad gateway</body></html>', contentType: 'text/html' },
    'invalid-response',
  ],
  [
    'XML instead of JSON',
    { path: '/api/v2/pins/', kind: 'body', body: '<pin id="1" code="X"/>', contentType: 'application/xml' },
    'invalid-response',
  ],
  ['JSON without the PIN id', { path: '/api/v2/pins/', kind: 'body', body: '{"code":"ABCD","expiresIn":600}' }, 'invalid-response'],
  [
    'JSON with a mistyped field',
    { path: '/api/v2/pins/', kind: 'body', body: '{"id":"seven","code":"ABCD","expiresIn":600}' },
    'invalid-response',
  ],
];

describe('while a sign-in waits, plex.tv answers badly', () => {
  it.each(FAULTS)('after %s, it says so quietly, backs off and signs in once Plex answers again', async (_, fault, problem) => {
    const service = newService();
    const state = await waitingSignIn();
    await plex.fault({ ...fault, times: 3 });

    const waits: number[] = [];
    for (let i = 0; i < 3; i++) waits.push(await nextAlarm(service));
    const flow = await flowItem.getValue();
    expect(flow).toMatchObject({ status: 'pending', problem, failures: 3 });
    expect(await polls()).toBe(3);
    // Each failure waits longer before the next question, never less than the alarm period.
    for (const wait of waits.slice(1)) expect(wait).toBeGreaterThanOrEqual(SLOW_POLL_MS);

    await plex.approve({ id: state.pin.id });
    await nextAlarm(service);
    expect(await tokenItem.getValue()).toEqual(expect.any(String));
    expect(await flowItem.getValue()).toEqual({ status: 'idle' });
  });

  it('never asks before a Retry-After has passed, and caps an absurd one', async () => {
    const service = newService();
    await waitingSignIn();
    await plex.fault({ path: '/api/v2/pins/', kind: 'status', status: 429, headers: { 'Retry-After': '240' } });
    await nextAlarm(service);
    const flow = await flowItem.getValue();
    expect(flow.status === 'pending' && flow.notBefore).toBe(clock + 240_000);
    // An alarm (or a popup waking the background) before then asks nothing.
    clock += 100_000;
    await service.onAlarm(POLL_ALARM);
    await service.resume();
    expect(await polls()).toBe(1);
    expect(await nextAlarm(service)).toBe(140_000);
    expect(await polls()).toBe(2);

    await plex.fault({ path: '/api/v2/pins/', kind: 'status', status: 429, headers: { 'Retry-After': String(24 * 3600) } });
    await nextAlarm(service);
    const capped = await flowItem.getValue();
    expect(capped.status === 'pending' && capped.notBefore! - clock).toBe(MAX_RETRY_AFTER_MS);
  });

  it('accepts answers with fields it has never heard of', async () => {
    const service = newService();
    const state = await waitingSignIn();
    const { token } = await plex.approve({ id: state.pin.id });
    const body = JSON.stringify({
      id: state.pin.id,
      code: state.pin.code,
      expiresIn: 500,
      authToken: token,
      brandNew: { nested: [1, 2] },
      trusted: 'yes',
    });
    await plex.fault({ path: '/api/v2/pins/', kind: 'body', body });
    await nextAlarm(service);
    expect(await tokenItem.getValue()).toBe(token);
  });

  it('ends as expired when Plex forgets the PIN mid-flow (404)', async () => {
    const service = newService();
    const state = await waitingSignIn();
    await plex.expire({ id: state.pin.id });
    await nextAlarm(service);
    expect(await flowItem.getValue()).toEqual({ status: 'expired', mode: 'code' });
    expect(await browser.alarms.get(POLL_ALARM)).toBeUndefined();
  });

  it('ends as expired when the PIN runs out while nobody looks, without another request', async () => {
    const service = newService();
    const state = await waitingSignIn();
    clock = state.pin.expiresAt + 1;
    await service.onAlarm(POLL_ALARM);
    expect(await flowItem.getValue()).toEqual({ status: 'expired', mode: 'code' });
    expect(await polls()).toBe(0);
  });

  it('trusts Plex’s expiresIn, not the local clock, when the clock is hours off', async () => {
    // The machine's clock is five hours ahead of plex.tv's: expiresAt from Plex would look long past.
    clock = Date.now() + 5 * 3600_000;
    const service = newService();
    const state = await waitingSignIn();
    await nextAlarm(service);
    const flow = await flowItem.getValue();
    expect(flow).toMatchObject({ status: 'pending', failures: 0 });
    expect(flow.status === 'pending' && flow.pin.expiresAt - clock).toBeGreaterThan(800_000);
    await plex.approve({ id: state.pin.id });
    await nextAlarm(service);
    expect(await tokenItem.getValue()).toEqual(expect.any(String));
  });

  it('asks at most about once a second, however many wake-ups arrive', async () => {
    const service = newService();
    await waitingSignIn();
    const stop = service.watch();
    const storm = [];
    for (let i = 0; i < 30; i++) storm.push(service.onAlarm(POLL_ALARM), service.resume(), service.onTabRemoved(999));
    await Promise.all(storm);
    expect(await polls()).toBe(1);
    clock += 1000;
    await Promise.all([service.onAlarm(POLL_ALARM), service.resume()]);
    expect(await polls()).toBe(2);
    stop();
    await service.cancel();
  });

  it('a background stopped mid-request carries on from storage when it wakes', async () => {
    const first = newService();
    const state = await waitingSignIn();
    await plex.fault({ path: '/api/v2/pins/', kind: 'hang' });
    // The request is out when the background goes: its answer never arrives.
    void first.onAlarm(POLL_ALARM);
    await expect.poll(polls).toBe(1);
    await plex.approve({ id: state.pin.id });
    const woken = newService();
    clock += SLOW_POLL_MS;
    await woken.onAlarm(POLL_ALARM);
    expect(await tokenItem.getValue()).toEqual(expect.any(String));
  });
});

describe('starting a sign-in when plex.tv answers badly', () => {
  it.each([
    ['429', { path: '/api/v2/pins', method: 'POST', kind: 'status', status: 429 } satisfies Fault, 'rate-limited', /too many requests/],
    ['503', { path: '/api/v2/pins', method: 'POST', kind: 'status', status: 503 } satisfies Fault, 'server', /having trouble/],
    ['a dropped connection', { path: '/api/v2/pins', method: 'POST', kind: 'drop' } satisfies Fault, 'network', /Could not reach Plex/],
    ['no answer', { path: '/api/v2/pins', method: 'POST', kind: 'hang' } satisfies Fault, 'timeout', /too long/],
    ['a reply that never finishes', { path: '/api/v2/pins', method: 'POST', kind: 'stall' } satisfies Fault, 'timeout', /too long/],
    [
      'HTML',
      { path: '/api/v2/pins', method: 'POST', kind: 'body', body: '<html></html>', contentType: 'text/html' } satisfies Fault,
      'invalid-response',
      /does not understand/,
    ],
    [
      'JSON without a code',
      { path: '/api/v2/pins', method: 'POST', kind: 'body', body: '{"id":5,"expiresIn":900}' } satisfies Fault,
      'invalid-response',
      /does not understand/,
    ],
  ])('after %s, shows one plain sentence and a Retry, and leaves nothing running', async (_, fault, reason, sentence) => {
    const { failureText } = await import('@/src/failures');
    const { t } = await import('@/src/i18n');
    await plex.fault(fault);
    const service = newService();
    await service.start('code');
    const flow = await flowItem.getValue();
    expect(flow).toEqual({ status: 'error', mode: 'code', reason });
    expect(t(failureText('sign-in', reason as SignInFailure))).toMatch(sentence);
    expect(await browser.alarms.get(POLL_ALARM)).toBeUndefined();
  });

  it('two popups and a restarted background racing to start end with one sign-in, polled alone', async () => {
    const before = newService();
    const restarted = newService();
    await Promise.all([before.start('code'), before.start('code'), restarted.start('code')]);
    const flow = await flowItem.getValue();
    expect(flow.status).toBe('pending');
    const created = (await plex.pins()).map((p) => p.id);
    expect(created).toHaveLength(3);
    // Whichever won, the other PINs are never asked about again.
    const current = flow.status === 'pending' ? flow.pin.id : -1;
    const pollsBefore = (await plex.requests()).filter((r) => r.path.startsWith('/api/v2/pins/')).length;
    clock += 1000;
    await Promise.all([before.onAlarm(POLL_ALARM), restarted.onAlarm(POLL_ALARM)]);
    const asked = (await plex.requests())
      .filter((r) => r.path.startsWith('/api/v2/pins/'))
      .slice(pollsBefore)
      .map((r) => Number(r.path.split('/').pop()));
    expect(new Set(asked)).toEqual(new Set([current]));
    await before.cancel();
  });
});

describe('a signed-in session when plex.tv answers badly', () => {
  async function signedIn(service: ReturnType<typeof newService>): Promise<string> {
    const state = await waitingSignIn();
    const { token } = await plex.approve({ id: state.pin.id });
    await nextAlarm(service);
    expect(await tokenItem.getValue()).toBe(token);
    return token;
  }

  it.each([
    ['unreachable', { path: '/api/v2/user', kind: 'drop' } satisfies Fault],
    ['not answering', { path: '/api/v2/user', kind: 'hang' } satisfies Fault],
    ['failing with 503', { path: '/api/v2/user', kind: 'status', status: 503 } satisfies Fault],
    ['sending nonsense', { path: '/api/v2/user', kind: 'body', body: '{"id":"x"}' } satisfies Fault],
    ['rate limiting', { path: '/api/v2/user', kind: 'status', status: 429 } satisfies Fault],
  ])('keeps the sign-in when plex.tv is %s at startup', async (_, fault) => {
    const service = newService();
    const token = await signedIn(service);
    const session = await sessionItem.getValue();
    await plex.fault(fault);
    await newService().checkSession();
    expect(await tokenItem.getValue()).toBe(token);
    expect(await sessionItem.getValue()).toEqual(session);
    expect(await flowItem.getValue()).toEqual({ status: 'idle' });
  });

  it('signs in even when the account cannot be fetched at that moment, and fetches it later', async () => {
    const service = newService();
    const state = await waitingSignIn();
    await plex.approve({ id: state.pin.id });
    await plex.fault({ path: '/api/v2/user', kind: 'status', status: 503 });
    await nextAlarm(service);
    expect(await tokenItem.getValue()).toEqual(expect.any(String));
    expect((await sessionItem.getValue())?.account).toBeUndefined();
    await service.checkSession();
    expect((await sessionItem.getValue())?.account?.name).toBe('Alex Example');
  });

  it('on a revoked token (401) signs out with a message and keeps the client id', async () => {
    const service = newService();
    const token = await signedIn(service);
    const clientId = await ensureClientId();
    await plex.revoke(token);
    await service.checkSession();
    expect(await flowItem.getValue()).toEqual({ status: 'idle', notice: 'session-ended' });
    expect(await tokenItem.getValue()).toBeNull();
    expect(await sessionItem.getValue()).toBeNull();
    expect(await ensureClientId()).toBe(clientId);
  });

  it('never writes the token anywhere but its own item, out of storage.local', async () => {
    const service = newService();
    const token = await signedIn(service);
    expect(JSON.stringify(await browser.storage.local.get(null))).not.toContain(token);
    // Under Node the session area stands in for the secret area (IndexedDB): only the item itself holds it.
    const { token: _, ...rest } = await browser.storage.session.get(null);
    expect(JSON.stringify(rest)).not.toContain(token);
    expect(await browser.storage.sync.get(null)).toEqual({});
    expect(await tokenItem.getValue()).toBe(token);
  });
});
