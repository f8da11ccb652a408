import type { Page } from 'playwright-core';
import { until } from '../test/e2e/browser';
import type { FakePlexControl } from '../test/fake-plex/control';
import { forgetSignIn, sleep, startCodeSignIn, type BenchExtension } from './extension';
import { repeat, summarize, type Summary } from './stats';

const selector = (testId: string) => `[data-testid="${testId}"]`;

/** Navigation start → the popup's first view painted, in ms. */
async function firstView(extension: BenchExtension, plex: FakePlexControl, kind: string): Promise<number> {
  const opened = Date.now();
  const page = await extension.openPopup();
  const marks = await until(
    async () => {
      const seen = await extension.marks(page);
      return seen.viewPainted !== undefined ? seen : null;
    },
    { message: 'the popup to paint its first view' },
  );
  const shown = await page.locator('#app > [data-kind]').getAttribute('data-kind');
  if (shown !== kind) throw new Error(`expected the ${kind} view first, got ${shown}`);
  // A signed-in popup has the background re-check the account: let that land before the next run.
  if (kind === 'signed-in') {
    await until(async () => (await plex.requests()).some((r) => r.path === '/api/v2/user' && r.at >= opened) || null, {
      message: 'the account re-check the popup asked for',
    });
  }
  await page.close();
  return marks.viewPainted!;
}

export async function popupFirstPaint(extension: BenchExtension, plex: FakePlexControl, runs: number) {
  await extension.signOut();
  const signedOut = await repeat(runs, () => firstView(extension, plex, 'idle'));
  await extension.signIn(plex);
  const signedIn = await repeat(runs, () => firstView(extension, plex, 'signed-in'));
  await extension.signOut();
  return { signedOut, signedIn };
}

/** The approval lands at a different point of the poll interval on each run, evenly spread. */
const phase = (run: number, runs: number) => 100 + Math.round((run / runs) * 1000);

/** Approves and returns the moment it took effect: halfway through the control call. */
async function approveAt(plex: FakePlexControl, code: string): Promise<number> {
  const before = Date.now();
  await plex.approve({ code });
  return (before + Date.now()) / 2;
}

export interface ApprovalRun {
  /** Approval → the account shown (popup open) or the token stored (popup closed). */
  total: number;
  /** Approval → the poll that found the token arrived at the fake. */
  untilPoll: number;
}

async function resetPopup(page: Page): Promise<void> {
  await page.locator('[data-kind="signed-in"]').waitFor();
  await forgetSignIn(page);
  await page.close();
}

/** Approval → the first poll of that PIN after it (other browsers may be polling other PINs meanwhile). */
async function pollAfter(plex: FakePlexControl, code: string, at: number): Promise<number> {
  const pin = (await plex.pins()).findLast((p) => p.code === code);
  const polls = (await plex.requests()).filter((r) => r.path === `/api/v2/pins/${pin?.id}` && r.at >= at - 1);
  return polls.length > 0 ? Math.min(...polls.map((r) => r.at)) - at : NaN;
}

/** Code sign-in with the popup open: approval → the account painted in it. */
async function withPopupOpen(extension: BenchExtension, plex: FakePlexControl, run: number, runs: number): Promise<ApprovalRun> {
  const page = await extension.openPopup();
  const code = await startCodeSignIn(page);
  await sleep(phase(run, runs));
  const approvedAt = await approveAt(plex, code);
  const shownAt = await until(
    async () => {
      const marks = await extension.marks(page);
      return marks.accountPaintedAt !== undefined && marks.accountPaintedAt > 0 ? marks.accountPaintedAt : null;
    },
    { message: 'the account in the popup' },
  );
  const untilPoll = await pollAfter(plex, code, approvedAt);
  await resetPopup(page);
  return { total: shownAt - approvedAt, untilPoll };
}

/** Code sign-in with the popup closed (within the two minutes of fast polling): approval → token stored. */
async function withPopupClosed(extension: BenchExtension, plex: FakePlexControl, run: number, runs: number): Promise<ApprovalRun> {
  const page = await extension.openPopup();
  const code = await startCodeSignIn(page);
  await page.close();
  await sleep(phase(run, runs));
  const stored = await extension.tokenStored();
  const approvedAt = await approveAt(plex, code);
  const storedAt = await stored();
  const untilPoll = await pollAfter(plex, code, approvedAt);
  await extension.signOut();
  return { total: storedAt - approvedAt, untilPoll };
}

/** "Sign in with Plex" from a popup that then closes; the Plex tab, ready, at this run's point of the poll interval. */
async function openAuthTab(extension: BenchExtension, plexUrl: string, run: number, runs: number): Promise<Page> {
  const popup = await extension.openPopup();
  await popup.locator(selector('sign-in')).click();
  const auth = await until(async () => extension.context.pages().find((page) => page.url().startsWith(`${plexUrl}/auth`)), {
    message: 'the Plex tab',
  });
  await auth.locator(selector('approve')).waitFor();
  await popup.close();
  await sleep(phase(run, runs));
  return auth;
}

/** The person closes the approved Plex page at once: the background polls as soon as the tab goes instead of at the next poll. */
async function tabClosedAfterApproval(
  extension: BenchExtension,
  plex: FakePlexControl,
  plexUrl: string,
  run: number,
  runs: number,
): Promise<ApprovalRun> {
  // A page that stays where it is once approved: the person closing it is what ends the wait.
  await plex.configure({ authPageForwards: false });
  const auth = await openAuthTab(extension, plexUrl, run, runs);
  const stored = await extension.tokenStored();
  await auth.locator(selector('approve')).click();
  await auth.locator(selector('approved')).waitFor();
  const approvedAt = Date.now();
  await auth.close();
  const storedAt = await stored();
  await extension.signOut();
  await plex.configure({ authPageForwards: true });
  return { total: storedAt - approvedAt, untilPoll: NaN };
}

/** The approved Plex page goes on to its forward address, which the background sees and polls at once; the account fetch adds a trip. */
async function withTab(extension: BenchExtension, plex: FakePlexControl, plexUrl: string, run: number, runs: number): Promise<ApprovalRun> {
  const auth = await openAuthTab(extension, plexUrl, run, runs);
  const stored = await extension.tokenStored();
  const closed = auth.waitForEvent('close');
  const { code } = JSON.parse((await auth.locator(selector('auth-params')).textContent())!) as { code: string };
  await auth.locator(selector('approve')).click();
  const storedAt = await stored();
  await closed;
  // The fake notes when the page's approval request reached it: the moment Plex would approve.
  const approvedAt = (await plex.pins()).find((pin) => pin.code === code)!.approvedAt!;
  await extension.signOut();
  return { total: storedAt - approvedAt, untilPoll: NaN };
}

export interface ApprovalSummary {
  total: Summary;
  /** Approval → the poll that saw it; absent where a closed tab triggers that poll. */
  untilPoll?: Summary;
}

async function approvals(runs: number, one: (run: number) => Promise<ApprovalRun>): Promise<ApprovalSummary> {
  const results: ApprovalRun[] = [];
  for (let run = 0; run < runs; run++) results.push(await one(run));
  const polls = results.map((r) => r.untilPoll).filter((value) => Number.isFinite(value));
  return { total: summarize(results.map((r) => r.total)), ...(polls.length ? { untilPoll: summarize(polls) } : {}) };
}

export async function approvalToSignedIn(extension: BenchExtension, plex: FakePlexControl, plexUrl: string, runs: number) {
  await extension.signOut();
  return {
    popupOpen: await approvals(runs, (run) => withPopupOpen(extension, plex, run, runs)),
    popupClosed: await approvals(runs, (run) => withPopupClosed(extension, plex, run, runs)),
    tabClosedAfterApproval: await approvals(runs, (run) => tabClosedAfterApproval(extension, plex, plexUrl, run, runs)),
    withTab: await approvals(runs, (run) => withTab(extension, plex, plexUrl, run, runs)),
  };
}
