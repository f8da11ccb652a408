import type { Pin } from '../plex/schemas';
import type { PlexError, Result } from '../plex/http';
import type { RetryingFailure } from '../failures';
import type { FlowState, PendingState, SignInMode } from './state';

/** Every known Plex client polls once a second while someone waits for the answer. */
export const FAST_POLL_MS = 1000;
/** Chrome fires alarms no sooner than every 30 s, so slower polling goes through alarms. */
export const SLOW_POLL_MS = 30_000;
/** Polling stays fast this long after the popup and the auth tab are gone: approving on a phone takes a while. */
export const WATCH_GRACE_MS = 120_000;
export const MAX_BACKOFF_MS = 60_000;
/** A Retry-After beyond this is treated as this, so one odd header cannot park a sign-in for hours. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

export function startPending(mode: SignInMode, pin: Pin, now: number): PendingState {
  return {
    status: 'pending',
    mode,
    pin: { id: pin.id, code: pin.code, expiresAt: now + pin.expiresIn * 1000 },
    startedAt: now,
    failures: 0,
  };
}

export type PollStep =
  { kind: 'continue'; state: PendingState } | { kind: 'approved'; token: string } | { kind: 'ended'; state: FlowState };

/** Failures that say nothing about the PIN: wait and ask again. */
function transientProblem(error: PlexError): RetryingFailure | null {
  switch (error.kind) {
    case 'rate-limited':
    case 'server':
    case 'network':
    case 'timeout':
    case 'invalid-response':
      return error.kind;
    default:
      return null;
  }
}

export function isExpired(state: PendingState, now: number): boolean {
  return now >= state.pin.expiresAt;
}

/** What one answer to "get token by PIN id" does to a pending sign-in. */
export function afterPoll(state: PendingState, result: Result<Pin>, now: number): PollStep {
  if (result.ok) {
    const pin = result.value;
    if (pin.authToken) return { kind: 'approved', token: pin.authToken };
    if (pin.expiresIn <= 0) return { kind: 'ended', state: { status: 'expired', mode: state.mode } };
    const { problem: _problem, notBefore: _notBefore, ...rest } = state;
    return {
      kind: 'continue',
      state: { ...rest, pin: { ...state.pin, expiresAt: now + pin.expiresIn * 1000 }, failures: 0 },
    };
  }
  const { error } = result;
  // Plex forgets a PIN once it expires: 404 (code 1020) means this one is over.
  if (error.kind === 'not-found') return { kind: 'ended', state: { status: 'expired', mode: state.mode } };
  const problem = transientProblem(error);
  if (!problem) return { kind: 'ended', state: { status: 'error', mode: state.mode, reason: error.kind } };

  const next: PendingState = { ...state, failures: state.failures + 1, problem };
  if (error.kind === 'rate-limited' && error.retryAfterMs !== undefined) {
    next.notBefore = now + Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS);
  } else {
    delete next.notBefore;
  }
  if (isExpired(next, now)) return { kind: 'ended', state: { status: 'expired', mode: state.mode } };
  return { kind: 'continue', state: next };
}

/** Fast while someone watches or did a moment ago, else at the alarm pace; never past the PIN's expiry, checked without a request. */
export function nextPollAt(state: PendingState, now: number, watched: boolean): number {
  const lastWatched = watched ? now : (state.unwatchedAt ?? state.startedAt);
  const base = now - lastWatched < WATCH_GRACE_MS ? FAST_POLL_MS : SLOW_POLL_MS;
  const backoff = state.failures > 0 ? Math.min(FAST_POLL_MS * 2 ** state.failures, MAX_BACKOFF_MS) : 0;
  const at = Math.max(now + Math.max(base, backoff), state.notBefore ?? 0);
  return Math.min(at, state.pin.expiresAt);
}
