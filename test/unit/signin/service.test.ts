import { beforeEach, describe, expect, it, vi } from 'vitest';
import { freshBrowserOnFakeClock, json, signInServiceWith } from './scripted-service';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { POLL_ALARM } from '@/src/signin/poller';
import { ensureClientId, flowItem, sessionItem, tokenItem } from '@/src/storage';

const TOKEN = 'tok-3cXyZ';

/** A scripted plex.tv: PINs are created in order, polls answer with `pollAnswer`. */
function scriptedPlex() {
  const plex = {
    created: [] as { id: number; code: string; strong: boolean }[],
    polls: [] as { id: number; at: number }[],
    approved: new Set<number>(),
    pollAnswer: null as null | ((id: number) => Response | Promise<Response>),
    userAnswer: (): Response => json({ id: 1, username: 'alex', friendlyName: 'Alex Example', email: 'a@example.com', authToken: TOKEN }),
    signouts: 0,
    /** The token each sign-out revoked. */
    revoked: [] as (string | null)[],
    async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      const request = new Request(input, init);
      const { pathname } = new URL(request.url);
      if (request.method === 'POST' && pathname === '/api/v2/pins') {
        const strong = new URL(request.url).searchParams.get('strong') === 'true';
        const pin = { id: 100 + plex.created.length, code: strong ? 'x'.repeat(25) : `C0D${plex.created.length}`, strong };
        plex.created.push(pin);
        return json({ id: pin.id, code: pin.code, expiresIn: strong ? 1800 : 900, authToken: null }, 201);
      }
      const poll = /^\/api\/v2\/pins\/(\d+)$/.exec(pathname);
      if (poll) {
        const id = Number(poll[1]);
        plex.polls.push({ id, at: Date.now() });
        if (plex.pollAnswer) return plex.pollAnswer(id);
        const pin = plex.created.find((p) => p.id === id)!;
        return json({ id, code: pin.code, expiresIn: 800, authToken: plex.approved.has(id) ? TOKEN : null });
      }
      if (pathname === '/api/v2/user') return plex.userAnswer();
      if (pathname === '/api/v2/users/signout') {
        plex.signouts += 1;
        plex.revoked.push(request.headers.get('X-Plex-Token'));
        return new Response(null, { status: 204 });
      }
      return json({}, 404);
    },
  };
  return plex;
}

async function openTabUrls(): Promise<string[]> {
  return (await browser.tabs.query({})).map((tab) => tab.url ?? '');
}

describe('signing in', () => {
  let plex: ReturnType<typeof scriptedPlex>;
  let service: ReturnType<typeof signInServiceWith>;

  freshBrowserOnFakeClock();
  beforeEach(() => {
    plex = scriptedPlex();
    service = signInServiceWith(plex.fetch);
  });

  it('opens the Plex auth page for "Sign in with Plex" and closes it once Plex approves', async () => {
    const stopWatching = service.watch();
    await service.start('tab');
    const clientId = await ensureClientId();
    expect(await openTabUrls()).toContain(
      `https://app.plex.test/auth#?clientID=${clientId}&code=${'x'.repeat(25)}&context%5Bdevice%5D%5Bproduct%5D=Sidekick+for+Plex&forwardUrl=https%3A%2F%2Fplex.test%2Fapi%2Fv2%2Fping`,
    );
    expect(plex.created).toEqual([{ id: 100, code: 'x'.repeat(25), strong: true }]);
    expect(await browser.action.getBadgeText({})).toBe('');

    plex.approved.add(100);
    await vi.advanceTimersByTimeAsync(1000);

    expect(await tokenItem.getValue()).toBe(TOKEN);
    expect((await flowItem.getValue()).status).toBe('idle');
    expect((await sessionItem.getValue())?.account).toMatchObject({ name: 'Alex Example', email: 'a@example.com' });
    expect((await openTabUrls()).some((url) => url.startsWith('https://app.plex.test'))).toBe(false);
    expect(await browser.alarms.get(POLL_ALARM)).toBeUndefined();
    stopWatching();
  });

  it('shows a 4-character code for "Use a code" without opening a tab', async () => {
    await service.start('code');
    const flow = await flowItem.getValue();
    expect(flow).toMatchObject({ status: 'pending', mode: 'code', pin: { code: 'C0D0' } });
    expect(await openTabUrls()).not.toContainEqual(expect.stringContaining('plex.test'));
    expect(plex.created[0]!.strong).toBe(false);
  });

  it('keeps the token out of everything but its own item', async () => {
    await service.start('code');
    plex.approved.add(100);
    await vi.advanceTimersByTimeAsync(1000);
    expect(JSON.stringify(await browser.storage.local.get(null))).not.toContain(TOKEN);
    // Under Node the session area stands in for the secret area (IndexedDB): only the item itself holds it.
    const { token, ...rest } = await browser.storage.session.get(null);
    expect(token).toBe(TOKEN);
    expect(JSON.stringify(rest)).not.toContain(TOKEN);
    expect(JSON.stringify(await browser.storage.sync.get(null))).not.toContain(TOKEN);
  });

  it('replaces a pending sign-in with a new one, and stops polling the old PIN', async () => {
    service.watch();
    await service.start('code');
    await vi.advanceTimersByTimeAsync(1000);
    await service.start('code');
    plex.polls.length = 0;
    await vi.advanceTimersByTimeAsync(3000);
    expect((await flowItem.getValue()) as object).toMatchObject({ pin: { id: 101 } });
    expect(plex.polls.map((poll) => poll.id)).toEqual([101, 101, 101]);
  });

  it('makes one poller out of two popups starting at once', async () => {
    service.watch();
    service.watch();
    await Promise.all([service.start('code'), service.start('code')]);
    plex.polls.length = 0;
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await flowItem.getValue()) as object).toMatchObject({ status: 'pending', pin: { id: 101 } });
    expect(new Set(plex.polls.map((poll) => poll.id))).toEqual(new Set([101]));
    expect(plex.polls.length).toBeLessThanOrEqual(10);
  });

  it('stops and closes the auth tab on cancel', async () => {
    await service.start('tab');
    await service.cancel();
    plex.polls.length = 0;
    await vi.advanceTimersByTimeAsync(5000);
    expect(await flowItem.getValue()).toEqual({ status: 'idle' });
    expect(plex.polls).toEqual([]);
    expect((await openTabUrls()).some((url) => url.startsWith('https://app.plex.test'))).toBe(false);
    expect(await browser.alarms.get(POLL_ALARM)).toBeUndefined();
  });

  it('keeps a Cancel pressed while a poll’s answer is being applied: the answer does not bring the sign-in back', async () => {
    await service.start('code');
    // Plex is having trouble: this answer would keep the sign-in waiting, with a note.
    plex.pollAnswer = () => json({}, 503);
    // The flow lives in the secret area, for which the session area stands in under Node.
    const area = browser.storage.session;
    const get = area.get.bind(area);
    let cancelled: Promise<void> | undefined;
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- storage.get's mock returns its promise
    vi.spyOn(area, 'get').mockImplementation(async (keys) => {
      const value = await get(keys);
      // Cancel lands just after the poll read the flow to apply its answer, and all that can run before the poll writes, does.
      if (!cancelled && plex.polls.length > 0 && [keys].flat().includes('signin')) {
        cancelled = service.cancel();
        await new Promise((resolve) => setImmediate(resolve));
      }
      return value;
    });
    await service.resume();
    vi.mocked(area.get).mockRestore();
    expect(cancelled).toBeDefined();
    await cancelled;
    expect(await flowItem.getValue()).toEqual({ status: 'idle' });
    expect(await browser.alarms.get(POLL_ALARM)).toBeUndefined();
  });

  it('ends as expired when Plex answers 404, and asks no more', async () => {
    service.watch();
    await service.start('code');
    plex.pollAnswer = () => json({ errors: [{ code: 1020, message: 'Code not found or expired', status: 404 }] }, 404);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await flowItem.getValue()).toEqual({ status: 'expired', mode: 'code' });
    const polls = plex.polls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(plex.polls.length).toBe(polls);
  });

  it('ends as expired at the end of the PIN lifetime without asking Plex', async () => {
    await service.start('code');
    const deadline = Date.now() + 5000;
    plex.pollAnswer = (id) => json({ id, code: 'C0D0', expiresIn: Math.ceil((deadline - Date.now()) / 1000), authToken: null });
    await vi.advanceTimersByTimeAsync(4500);
    const polls = plex.polls.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(await flowItem.getValue()).toEqual({ status: 'expired', mode: 'code' });
    expect(plex.polls.length).toBeLessThanOrEqual(polls + 1);
  });

  it('honours Retry-After on a 429 and keeps the PIN', async () => {
    service.watch();
    await service.start('code');
    plex.pollAnswer = () => json({}, 429, { 'Retry-After': '20' });
    await vi.advanceTimersByTimeAsync(1000);
    plex.pollAnswer = null;
    const polls = plex.polls.length;
    await vi.advanceTimersByTimeAsync(19_000);
    expect(plex.polls.length).toBe(polls);
    expect(await flowItem.getValue()).toMatchObject({ status: 'pending', problem: 'rate-limited' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(plex.polls.length).toBe(polls + 1);
    expect(await flowItem.getValue()).not.toHaveProperty('problem');
  });

  it('backs off through server errors without ending the flow', async () => {
    service.watch();
    await service.start('code');
    plex.pollAnswer = () => json({}, 503);
    await vi.advanceTimersByTimeAsync(60_000);
    // 1 s, then 2, 4, 8, 16, 32 s apart: six polls in a minute instead of sixty.
    expect(plex.polls.length).toBeLessThanOrEqual(6);
    expect(await flowItem.getValue()).toMatchObject({ status: 'pending', problem: 'server' });
  });

  it('slows to the alarm once nobody has watched for two minutes', async () => {
    const stopWatching = service.watch();
    await service.start('code');
    stopWatching();
    await vi.advanceTimersByTimeAsync(121_000);
    const alarm = await browser.alarms.get(POLL_ALARM);
    expect(alarm!.scheduledTime - Date.now()).toBeGreaterThan(0);
    expect(alarm!.scheduledTime - Date.now()).toBeLessThanOrEqual(30_000);
    plex.polls.length = 0;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(plex.polls).toEqual([]);
    await service.onAlarm(POLL_ALARM);
    expect(plex.polls.length).toBe(1);
  });

  it('carries on after the background restarts, from what storage holds', async () => {
    await service.start('code');
    const restarted = signInServiceWith(plex.fetch);
    plex.approved.add(100);
    await restarted.resume();
    expect(await tokenItem.getValue()).toBe(TOKEN);
  });

  it('polls at once when the approval tab closes, even in a background that just woke up', async () => {
    await service.start('tab');
    const flow = await flowItem.getValue();
    if (flow.status !== 'pending') expect.fail('not pending');
    vi.clearAllTimers();
    const woken = signInServiceWith(plex.fetch);
    plex.approved.add(100);
    await woken.onTabRemoved(flow.authTabId!);
    expect(plex.polls.length).toBe(1);
    expect(await tokenItem.getValue()).toBe(TOKEN);
  });

  /** A tab sign-in whose last poll ran `sinceLastPollMs` ago; returns the approval tab's id. */
  async function tabSignInPolledAgo(sinceLastPollMs: number): Promise<number> {
    service.watch();
    await service.start('tab');
    await vi.advanceTimersByTimeAsync(1000);
    expect(plex.polls.length).toBe(1);
    await vi.advanceTimersByTimeAsync(sinceLastPollMs);
    const flow = await flowItem.getValue();
    if (flow.status !== 'pending' || flow.authTabId === undefined) return expect.fail('no approval tab');
    return flow.authTabId;
  }

  it('polls at once, not at the next second, when the approval tab goes to the forward address, and closes it', async () => {
    const tabId = await tabSignInPolledAgo(100);
    plex.approved.add(100);
    await service.onTabUpdated(tabId, 'https://plex.test/api/v2/ping');
    expect(plex.polls.length).toBe(2);
    expect(await tokenItem.getValue()).toBe(TOKEN);
    expect((await browser.tabs.query({})).map((tab) => tab.id)).not.toContain(tabId);
  });

  it('polls again right after a poll that was out when the tab left the auth page', async () => {
    const tabId = await tabSignInPolledAgo(900);
    let answer!: () => void;
    plex.pollAnswer = (id) => new Promise((resolve) => (answer = () => resolve(json({ id, code: 'x', expiresIn: 800, authToken: null }))));
    await vi.advanceTimersByTimeAsync(100);
    expect(plex.polls.length).toBe(2);
    plex.pollAnswer = null;
    plex.approved.add(100);
    const left = service.onTabUpdated(tabId, 'https://plex.test/api/v2/ping');
    answer();
    await left;
    await vi.advanceTimersByTimeAsync(0);
    expect(plex.polls.length).toBe(3);
    expect(await tokenItem.getValue()).toBe(TOKEN);
  });

  it('ignores addresses of the auth page itself and of other tabs, and leaves a tab that moved on without approval open', async () => {
    const tabId = await tabSignInPolledAgo(100);
    await service.onTabUpdated(tabId, 'https://app.plex.test/auth#?code=other');
    await service.onTabUpdated(tabId + 1, 'https://plex.test/api/v2/ping');
    expect(plex.polls.length).toBe(1);
    await service.onTabUpdated(tabId, 'https://plex.test/somewhere');
    expect(plex.polls.length).toBe(2);
    expect((await flowItem.getValue()).status).toBe('pending');
    expect((await browser.tabs.query({})).map((tab) => tab.id)).toContain(tabId);
  });
});

describe('a signed-in session', () => {
  let plex: ReturnType<typeof scriptedPlex>;
  let service: ReturnType<typeof signInServiceWith>;

  beforeEach(async () => {
    fakeBrowser.reset();
    plex = scriptedPlex();
    service = signInServiceWith(plex.fetch);
    await service.start('code');
    plex.approved.add(100);
    await service.resume();
    expect(await tokenItem.getValue()).toBe(TOKEN);
  });

  it('signs out: forgets token and account, tells Plex, keeps the client id', async () => {
    const clientId = await ensureClientId();
    await service.signOut();
    expect(await tokenItem.getValue()).toBeNull();
    expect(await sessionItem.getValue()).toBeNull();
    expect(plex.signouts).toBe(1);
    expect(await ensureClientId()).toBe(clientId);
  });

  it('starts no sign-in for a page while signed in: no PIN, no tab, the session as it was', async () => {
    const before = await sessionItem.getValue();
    expect(await service.start('tab', { unlessSignedIn: true })).toBe(false);
    expect(plex.created.length).toBe(1);
    expect(await openTabUrls()).not.toContainEqual(expect.stringContaining('app.plex.test'));
    expect(await flowItem.getValue()).toEqual({ status: 'idle' });
    expect(await tokenItem.getValue()).toBe(TOKEN);
    expect(await sessionItem.getValue()).toEqual(before);
  });

  it('replaces the account on a sign-in from the popup: the old token is revoked, its servers forgotten before the new one is stored', async () => {
    const NEW_TOKEN = 'tok-new-9Qw';
    const tokenWhenForgotten: (string | null)[] = [];
    const replacing = signInServiceWith(plex.fetch, {
      forgetAccountData: async () => {
        tokenWhenForgotten.push(await tokenItem.getValue());
      },
    });
    plex.pollAnswer = (id) => json({ id, code: 'C0D1', expiresIn: 800, authToken: NEW_TOKEN });
    expect(await replacing.start('code')).toBe(true);
    await replacing.resume();
    expect(await tokenItem.getValue()).toBe(NEW_TOKEN);
    expect(tokenWhenForgotten).toEqual([null]);
    expect(plex.revoked).toEqual([TOKEN]);
  });

  it('signs out even when Plex cannot be told', async () => {
    plex.fetch = () => Promise.reject(new TypeError('offline'));
    await service.signOut();
    expect(await tokenItem.getValue()).toBeNull();
  });

  it('ends the session with a message when Plex says the token is dead (401)', async () => {
    plex.userAnswer = () => json({ errors: [{ code: 1001, message: 'User could not be authenticated', status: 401 }] }, 401);
    await service.checkSession();
    expect(await tokenItem.getValue()).toBeNull();
    expect(await flowItem.getValue()).toEqual({ status: 'idle', notice: 'session-ended' });
  });

  it.each([
    ['offline', () => Promise.reject(new TypeError('offline'))],
    ['a server error', async () => json({}, 500)],
    ['an odd answer', async () => new Response('<html>', { headers: { 'Content-Type': 'text/html' } })],
  ])('keeps the sign-in when the re-check meets %s', async (_, answer) => {
    const before = await sessionItem.getValue();
    plex.fetch = answer;
    await service.checkSession();
    expect(await tokenItem.getValue()).toBe(TOKEN);
    expect(await sessionItem.getValue()).toEqual(before);
  });
});
