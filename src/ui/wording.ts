import type { MessageKey } from '../i18n';
import type { FailureReason, PollProblem } from '../signin/state';
import type { RefreshProblem } from '../servers/state';

/** Every failure the person can meet, in one sentence each. */
export const FAILURE_TEXT: Record<FailureReason, MessageKey> = {
  'rate-limited': 'failRateLimited',
  server: 'failServer',
  network: 'failNetwork',
  timeout: 'failTimeout',
  'invalid-response': 'failInvalidResponse',
  unauthorized: 'failUnauthorized',
  'bad-request': 'failBadRequest',
  'not-found': 'failNotFound',
};

/** Said quietly while the extension keeps trying on its own. */
export const PROBLEM_TEXT: Record<PollProblem, MessageKey> = {
  'rate-limited': 'pollRateLimited',
  server: 'pollServer',
  network: 'pollNetwork',
  timeout: 'pollTimeout',
  'invalid-response': 'pollInvalidResponse',
};

/** Why the server list could not be refreshed; the list shown before stays. */
export const REFRESH_PROBLEM_TEXT: Record<RefreshProblem, MessageKey> = {
  network: 'refreshNetwork',
  timeout: 'refreshTimeout',
  server: 'refreshServer',
  'rate-limited': 'refreshRateLimited',
  'invalid-response': 'refreshInvalidResponse',
  unauthorized: 'refreshUnauthorized',
  other: 'refreshOther',
};
