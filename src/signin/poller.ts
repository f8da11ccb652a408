import { browser } from 'wxt/browser';
import { flowItem } from '../storage';
import { FAST_POLL_MS, SLOW_POLL_MS, nextPollAt } from './machine';
import type { PendingState } from './state';

export const POLL_ALARM = 'signin-poll';

export interface PollerDeps {
  now(): number;
  /** Is someone looking at the sign-in right now (the popup, or the approval tab)? */
  watched(state: PendingState): Promise<boolean>;
  /** One poll: ask Plex, update the flow and call `schedule` or `stop` as it sees fit. */
  poll(): Promise<void>;
}

/** Fast polls use a timer, which dies with the background, so an alarm is always set too: it wakes a stopped background or browser. */
export function createPoller(deps: PollerDeps) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let lastPollAt = -Infinity;
  /** An immediate poll was asked for while one was out: run it as soon as that one is back. */
  let again = false;

  function clearTimer(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  /** Polls now, unless a poll is under way or one ran less than a poll interval ago. */
  function tick(): Promise<void> {
    if (inFlight) return inFlight;
    const wait = lastPollAt + FAST_POLL_MS - deps.now();
    if (wait > 0) {
      clearTimer();
      timer = setTimeout(() => void tick(), wait);
      return Promise.resolve();
    }
    clearTimer();
    lastPollAt = deps.now();
    // A poll that throws must not stop the flow: the alarm set by the last schedule retries it.
    inFlight = deps
      .poll()
      .catch((error: unknown) => console.error('Sign-in poll failed:', error instanceof Error ? error.message : error))
      .finally(() => {
        inFlight = undefined;
        if (again) {
          again = false;
          lastPollAt = -Infinity;
          void tick();
        }
      });
    return inFlight;
  }

  return {
    async schedule(state: PendingState): Promise<void> {
      const now = deps.now();
      const at = nextPollAt(state, now, await deps.watched(state));
      clearTimer();
      await browser.alarms.create(POLL_ALARM, { when: Math.max(at, now + SLOW_POLL_MS) });
      if (at - now < SLOW_POLL_MS) timer = setTimeout(() => void tick(), Math.max(0, at - now));
    },

    async stop(): Promise<void> {
      clearTimer();
      await browser.alarms.clear(POLL_ALARM);
    },

    /** Carry on with a pending sign-in, if there is one: poll now (within the rate limit). */
    async wake(): Promise<void> {
      const flow = await flowItem.getValue();
      if (flow.status === 'pending') await tick();
    },

    pollSoon: tick,

    /** The person has just approved: a poll already out may have left before that, so another one follows it. */
    pollNow(): Promise<void> {
      if (inFlight) {
        again = true;
        return inFlight;
      }
      lastPollAt = -Infinity;
      return tick();
    },

    async onAlarm(name: string): Promise<void> {
      if (name === POLL_ALARM) await tick();
    },
  };
}
