import type { FailureReason, PollProblem } from '../signin/state';

/** Every failure the person can meet, in one sentence each. */
export const FAILURE_TEXT: Record<FailureReason, string> = {
  'rate-limited': 'Plex is getting too many requests right now. Try again in a minute.',
  server: 'Plex is having trouble right now. Try again in a moment.',
  network: 'Could not reach Plex. Check your internet connection and try again.',
  timeout: 'Plex took too long to answer. Try again in a moment.',
  'invalid-response': 'Plex sent an answer this extension does not understand. Try again later.',
  unauthorized: 'Plex did not accept this sign-in. Try again.',
  'bad-request': 'Plex refused the sign-in request. Try again.',
  'not-found': 'Plex no longer knows this sign-in. Start again.',
};

/** Said quietly while the extension keeps trying on its own. */
export const PROBLEM_TEXT: Record<PollProblem, string> = {
  'rate-limited': 'Plex asked us to slow down; still waiting…',
  server: 'Plex is having trouble; still trying…',
  network: 'Offline or Plex unreachable; still trying…',
  timeout: 'Plex is slow to answer; still trying…',
  'invalid-response': 'Plex answered oddly; still trying…',
};

export const SESSION_ENDED_TEXT = 'Your Plex session ended. Sign in again to keep using Sidekick.';

/** "4:59" for a countdown to a moment; "0:00" once it has passed. */
export function countdown(msLeft: number): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
