import { until } from '../test/e2e/browser';
import type { FakePlexControl } from '../test/fake-plex/control';
import { sleep, startCodeSignIn, type BenchExtension } from './extension';

const selector = (testId: string) => `[data-testid="${testId}"]`;

/** Polls of one PIN that reached the fake plex.tv, as Date.now() times. */
async function pollTimes(plex: FakePlexControl, pinId: number): Promise<number[]> {
  return (await plex.requests()).filter((r) => r.method === 'GET' && r.path === `/api/v2/pins/${pinId}`).map((r) => r.at);
}

async function pinIdOf(plex: FakePlexControl, code: string): Promise<number> {
  return until(async () => (await plex.pins()).findLast((pin) => pin.code === code)?.id, { message: `the PIN ${code}` });
}

const perMinute = (count: number, ms: number) => Math.round((count / ms) * 60_000 * 10) / 10;
const within = (times: number[], from: number, to: number) => times.filter((at) => at >= from && at < to).length;

export interface WatchedRequests {
  /** Polls per minute while the popup shows the code. */
  watchedPerMinute: number;
  windowMs: number;
  /** Requests for the PIN after the poll that returned its token, over `quietMs`. */
  afterSignIn: number;
  /** Requests for a PIN after its sign-in was cancelled, over `quietMs`. */
  afterCancel: number;
  quietMs: number;
  /** Alarms left once signed in (the sign-in's own poll alarm must be gone). */
  alarmsAfter: string[];
}

/** With the popup open: how often the PIN is asked about, and that nothing follows the end. */
export async function watchedRequests(
  extension: BenchExtension,
  plex: FakePlexControl,
  windowMs = 30_000,
  quietMs = 5_000,
): Promise<WatchedRequests> {
  await extension.signOut();
  const page = await extension.openPopup();
  const code = await startCodeSignIn(page);
  const pinId = await pinIdOf(plex, code);
  const start = Date.now();
  await sleep(windowMs);
  const watchedPerMinute = perMinute(within(await pollTimes(plex, pinId), start, start + windowMs), windowMs);

  await plex.approve({ code });
  await page.locator(selector('account-name')).waitFor();
  const tokenPoll = Math.max(...(await pollTimes(plex, pinId)));
  await sleep(quietMs);
  const afterSignIn = (await pollTimes(plex, pinId)).filter((at) => at > tokenPoll).length;
  const alarmsAfter = await extension.alarms();
  await page.close();

  await extension.signOut();
  const again = await extension.openPopup();
  const cancelled = await pinIdOf(plex, await startCodeSignIn(again));
  await again.locator(selector('cancel')).click();
  await again.locator(selector('sign-in')).waitFor();
  const cancelledAt = Date.now();
  await sleep(quietMs);
  const afterCancel = (await pollTimes(plex, cancelled)).filter((at) => at > cancelledAt).length;
  await again.close();
  return { watchedPerMinute, windowMs, afterSignIn, afterCancel, quietMs, alarmsAfter };
}

export interface UnwatchedRequests {
  /** Polls per minute in the two minutes after the popup closed (approving on a phone takes a while). */
  gracePerMinute: number;
  graceMs: number;
  /** Polls per minute once those two minutes are over: Chrome's alarms, every 30 s. */
  unwatchedPerMinute: number;
  windowMs: number;
  /** Gaps between those polls, ms. */
  gapsMs: number[];
  /** An approval then, to the token stored: at most one alarm period. One run. */
  approvalToStoredMs: number;
  /** Requests for the PIN after the poll that returned its token, over `quietMs`. */
  afterSignIn: number;
  quietMs: number;
  alarmsAfter: string[];
}

/** In real time, so it takes graceMs + windowMs + up to one 30 s alarm + quietMs. */
export async function unwatchedRequests(
  extension: BenchExtension,
  plex: FakePlexControl,
  { graceMs = 120_000, windowMs = 90_000, quietMs = 35_000 } = {},
): Promise<UnwatchedRequests> {
  await extension.signOut();
  const page = await extension.openPopup();
  const code = await startCodeSignIn(page);
  const pinId = await pinIdOf(plex, code);
  await page.close();
  const closedAt = Date.now();
  // A little past the end of the fast polling, so the slow window holds slow polls only.
  const slowFrom = closedAt + graceMs + 5_000;
  await sleep(slowFrom + windowMs - Date.now());
  const times = await pollTimes(plex, pinId);
  const slow = times.filter((at) => at >= closedAt + graceMs);
  const gapsMs = slow.slice(1).map((at, index) => at - slow[index]!);

  const stored = await extension.tokenStored();
  const before = Date.now();
  await plex.approve({ code });
  const approvedAt = (before + Date.now()) / 2;
  const storedAt = await stored();
  const tokenPoll = Math.max(...(await pollTimes(plex, pinId)));
  await sleep(quietMs);
  return {
    gracePerMinute: perMinute(within(times, closedAt, closedAt + graceMs), graceMs),
    graceMs,
    unwatchedPerMinute: perMinute(within(times, slowFrom, slowFrom + windowMs), windowMs),
    windowMs,
    gapsMs,
    approvalToStoredMs: Math.round(storedAt - approvedAt),
    afterSignIn: (await pollTimes(plex, pinId)).filter((at) => at > tokenPoll).length,
    quietMs,
    alarmsAfter: await extension.alarms(),
  };
}
