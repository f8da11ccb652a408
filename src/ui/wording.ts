import type { FailureReason, PollProblem } from '../signin/state';
import type { RefreshProblem } from '../servers/state';

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

/** Why the server list could not be refreshed; the list shown before stays. */
export const REFRESH_PROBLEM_TEXT: Record<RefreshProblem, string> = {
  network: 'Could not reach Plex to list your servers. Showing the last list.',
  timeout: 'Plex took too long to list your servers. Showing the last list.',
  server: 'Plex had trouble listing your servers. Showing the last list.',
  'rate-limited': 'Plex asked for fewer requests. Showing the last list; refresh in a minute.',
  'invalid-response': 'Plex listed your servers in a way Sidekick does not understand.',
  unauthorized: 'Plex did not accept your sign-in when asked for your servers.',
  other: 'Your servers could not be listed just now.',
};
