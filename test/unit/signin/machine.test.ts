import { describe, expect, it } from 'vitest';
import { FAST_POLL_MS, MAX_BACKOFF_MS, SLOW_POLL_MS, WATCH_GRACE_MS, afterPoll, nextPollAt, startPending } from '@/src/signin/machine';
import type { PendingState } from '@/src/signin/state';

const T0 = 1_000_000;
const pending = (overrides: Partial<PendingState> = {}): PendingState => ({
  ...startPending('code', { id: 42, code: 'WXYZ', expiresIn: 900, authToken: null }, T0),
  ...overrides,
});

describe('a pending sign-in after one poll', () => {
  it('expires by the seconds Plex says are left, whatever the local clock says', () => {
    const state = pending();
    expect(state.pin.expiresAt).toBe(T0 + 900_000);
    const step = afterPoll(state, { ok: true, value: { id: 42, code: 'WXYZ', expiresIn: 600, authToken: null } }, T0 + 5000);
    expect(step).toMatchObject({ kind: 'continue', state: { pin: { expiresAt: T0 + 5000 + 600_000 } } });
  });

  it('is signed in once Plex returns a token', () => {
    const step = afterPoll(pending(), { ok: true, value: { id: 42, code: 'WXYZ', expiresIn: 800, authToken: 'tok' } }, T0);
    expect(step).toEqual({ kind: 'approved', token: 'tok' });
  });

  it('is expired when Plex no longer knows the PIN (404)', () => {
    expect(afterPoll(pending(), { ok: false, error: { kind: 'not-found' } }, T0)).toEqual({
      kind: 'ended',
      state: { status: 'expired', mode: 'code' },
    });
  });

  it.each(['server', 'network', 'timeout'] as const)('keeps waiting through a %s failure, counting it', (kind) => {
    const error = kind === 'server' ? { kind, status: 502 } : { kind };
    const step = afterPoll(pending({ failures: 2 }), { ok: false, error }, T0);
    expect(step).toMatchObject({ kind: 'continue', state: { status: 'pending', failures: 3, problem: kind } });
  });

  it('keeps waiting through an answer it cannot read', () => {
    const step = afterPoll(pending(), { ok: false, error: { kind: 'invalid-response', detail: 'id: expected number' } }, T0);
    expect(step).toMatchObject({ kind: 'continue', state: { failures: 1, problem: 'invalid-response' } });
  });

  it('waits as long as a 429 asks before the next poll', () => {
    const step = afterPoll(pending(), { ok: false, error: { kind: 'rate-limited', retryAfterMs: 9000 } }, T0);
    expect(step).toMatchObject({ kind: 'continue', state: { notBefore: T0 + 9000, problem: 'rate-limited' } });
  });

  it('forgets the problem once Plex answers again', () => {
    const troubled = pending({ failures: 4, problem: 'server', notBefore: T0 });
    const step = afterPoll(troubled, { ok: true, value: { id: 42, code: 'WXYZ', expiresIn: 800, authToken: null } }, T0);
    expect(step.kind).toBe('continue');
    if (step.kind === 'continue') {
      expect(step.state.failures).toBe(0);
      expect(step.state).not.toHaveProperty('problem');
      expect(step.state).not.toHaveProperty('notBefore');
    }
  });

  it('ends with an error the person can retry when Plex refuses the request', () => {
    const step = afterPoll(pending(), { ok: false, error: { kind: 'bad-request', status: 400 } }, T0);
    expect(step).toEqual({ kind: 'ended', state: { status: 'error', mode: 'code', reason: 'bad-request' } });
  });
});

describe('the poll cadence', () => {
  it('polls about once a second while someone watches', () => {
    expect(nextPollAt(pending(), T0 + 60 * 60_000 - 1, true) - (T0 + 60 * 60_000 - 1)).toBeLessThanOrEqual(FAST_POLL_MS);
    expect(nextPollAt(pending(), T0 + 10_000, true)).toBe(T0 + 10_000 + FAST_POLL_MS);
  });

  it('stays fast for two minutes after the last watcher leaves, then slows to the alarm period', () => {
    const left = pending({ unwatchedAt: T0 + 10_000 });
    expect(nextPollAt(left, T0 + 10_000 + WATCH_GRACE_MS - 1, false)).toBe(T0 + 10_000 + WATCH_GRACE_MS - 1 + FAST_POLL_MS);
    expect(nextPollAt(left, T0 + 10_000 + WATCH_GRACE_MS, false)).toBe(T0 + 10_000 + WATCH_GRACE_MS + SLOW_POLL_MS);
  });

  it('backs off after failures, doubling up to a cap', () => {
    expect(nextPollAt(pending({ failures: 1 }), T0, true)).toBe(T0 + 2000);
    expect(nextPollAt(pending({ failures: 3 }), T0, true)).toBe(T0 + 8000);
    expect(nextPollAt(pending({ failures: 30 }), T0, true)).toBe(T0 + MAX_BACKOFF_MS);
  });

  it('never polls before Retry-After has passed', () => {
    expect(nextPollAt(pending({ notBefore: T0 + 45_000, failures: 1 }), T0, true)).toBe(T0 + 45_000);
  });

  it('never schedules past the expiry, where it can stop without asking', () => {
    const state = pending();
    expect(nextPollAt(state, state.pin.expiresAt - 10, false)).toBe(state.pin.expiresAt);
  });
});
