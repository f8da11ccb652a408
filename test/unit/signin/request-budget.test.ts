import { describe, expect, it, vi } from 'vitest';
import { freshBrowserOnFakeClock, json, signInServiceWith } from './scripted-service';
import { browser } from 'wxt/browser';
import { POLL_ALARM } from '@/src/signin/poller';

/** The figures docs/DEVELOPING.md gives; alarms are fired when due, as Chrome and Firefox would fire them. */
function plexCounting() {
  const plex = {
    requests: 0,
    approved: false,
    async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      plex.requests += 1;
      const { pathname } = new URL(new Request(input, init).url);
      if (pathname === '/api/v2/pins') return json({ id: 7, code: 'ABCD', expiresIn: 900, authToken: null }, 201);
      if (pathname === '/api/v2/user') return json({ id: 1, username: 'alex' });
      return json({ id: 7, code: 'ABCD', expiresIn: 800, authToken: plex.approved ? 'tok' : null });
    },
  };
  return plex;
}

/** Lets `ms` pass, firing the poll alarm whenever it comes due. */
async function pass(service: ReturnType<typeof signInServiceWith>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const alarm = await browser.alarms.get(POLL_ALARM);
    const next = alarm ? Math.min(alarm.scheduledTime, end) : end;
    await vi.advanceTimersByTimeAsync(Math.max(0, next - Date.now()));
    if (alarm && Date.now() >= alarm.scheduledTime) await service.onAlarm(POLL_ALARM);
  }
}

const FIVE_MINUTES = 5 * 60_000;

describe('requests to plex.tv during a five-minute wait', () => {
  freshBrowserOnFakeClock();

  it('with the popup open: one PIN, then one poll a second', async () => {
    const plex = plexCounting();
    const service = signInServiceWith(plex.fetch);
    const stopWatching = service.watch();
    await service.start('code');
    await pass(service, FIVE_MINUTES);
    // 1 creation + 300 polls, give or take the one in flight at the edge.
    expect(plex.requests).toBeGreaterThanOrEqual(300);
    expect(plex.requests).toBeLessThanOrEqual(302);
    stopWatching();
  });

  it('with the popup closed: fast for two minutes (a phone approval takes a while), then every 30 s', async () => {
    const plex = plexCounting();
    const service = signInServiceWith(plex.fetch);
    await service.start('code');
    await pass(service, FIVE_MINUTES);
    // 1 creation + ~120 polls in the first two minutes + 6 in the last three.
    expect(plex.requests).toBeGreaterThanOrEqual(125);
    expect(plex.requests).toBeLessThanOrEqual(128);
  });

  it('asks nothing more once the sign-in has ended', async () => {
    const plex = plexCounting();
    const service = signInServiceWith(plex.fetch);
    await service.start('code');
    plex.approved = true;
    await pass(service, 2_000);
    const atEnd = plex.requests;
    await pass(service, FIVE_MINUTES);
    expect(plex.requests).toBe(atEnd);
    expect(await browser.alarms.get(POLL_ALARM)).toBeUndefined();
  });
});
