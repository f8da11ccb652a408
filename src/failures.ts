import type { MessageKey } from './i18n';
import type { PlexError } from './plex/http';

/**
 * Every way something the person asked for can fail, in one vocabulary. Types, lists and message
 * keys only, so content scripts share it without bundling a schema library. The lists are what
 * storage's enums are built from, so their names are stored values: rename one only with a migration.
 */

/** How a call to Plex failed; `PlexError` carries these with their details. */
export const PLEX_FAILURES = [
  'rate-limited',
  'server',
  'network',
  'timeout',
  'invalid-response',
  'unauthorized',
  'bad-request',
  'not-found',
] as const;
export type PlexFailure = (typeof PLEX_FAILURES)[number];

/** Why a sign-in stopped with an error only a retry can mend: any failure of the PIN calls. */
export const SIGN_IN_FAILURES = PLEX_FAILURES;
export type SignInFailure = PlexFailure;

/** Failures that say nothing about the PIN: the sign-in waits and asks again. */
export const RETRYING_FAILURES = ['rate-limited', 'server', 'network', 'timeout', 'invalid-response'] as const;
export type RetryingFailure = (typeof RETRYING_FAILURES)[number];

/**
 * A failure as the server list and the page badge report it: its kind where that has words of its
 * own, 'other' for the rest (a refused request, a missing item), which no one can act on differently.
 */
export const REPORTED_FAILURES = ['network', 'timeout', 'server', 'rate-limited', 'invalid-response', 'unauthorized', 'other'] as const;
export type ReportedFailure = (typeof REPORTED_FAILURES)[number];

/** Why one server could not say whether it has a title; 'error' is an answer that was an error. */
export const SERVER_FAILURES = ['unreachable', 'no-access', 'needs-permission', 'error'] as const;
export type ServerFailure = (typeof SERVER_FAILURES)[number];

/** Why a switch of Plex Home profile did not happen: a wrong PIN, or the call failed. */
export const PROFILE_SWITCH_FAILURES = ['wrong-pin', ...REPORTED_FAILURES] as const;
export type ProfileSwitchFailure = (typeof PROFILE_SWITCH_FAILURES)[number];

/**
 * Why the person's Seerr (Overseerr, Jellyseerr) could not be asked or could not do it:
 * src/seerr/client.ts reads each from Seerr's answers.
 */
export const SEERR_FAILURES = [
  'unreachable',
  'not-allowed',
  'quota',
  'plex-login-disabled',
  'signed-out',
  'already-requested',
  'csrf-protected',
  'other',
] as const;
export type SeerrFailure = (typeof SEERR_FAILURES)[number];

export type Failure = PlexFailure | ReportedFailure | ServerFailure | ProfileSwitchFailure | SeerrFailure;

export function reportedFailure(error: PlexError): ReportedFailure {
  switch (error.kind) {
    case 'bad-request':
    case 'not-found':
      return 'other';
    default:
      return error.kind;
  }
}

/** Where the person reads about a failure, and which failures can happen there. */
export interface FailureSituations {
  /** The popup, after a sign-in stopped. */
  'sign-in': SignInFailure;
  /** The popup, quietly, while the sign-in keeps trying. */
  'sign-in-retrying': RetryingFailure;
  /** The popup's server list, above the list shown before. */
  'server-list': ReportedFailure;
  /** The page badge, after a watchlist change failed. */
  page: ReportedFailure;
  /** The page badge, per server, with the server's name. */
  'one-server': ServerFailure;
  /** The popup's profiles, after a switch did not happen (a wrong PIN's words name the profiles). */
  'profile-switch': ProfileSwitchFailure;
  /** The page badge's Seerr part: asking about a title, or requesting it. */
  'seerr-badge': SeerrFailure;
  /** The options page, under the Seerr address, after signing in there. */
  'seerr-options': SeerrFailure;
}
export type FailureSituation = keyof FailureSituations;

/** For each failure, its sentence in every situation it can happen in, and in no other. */
type FailureWording = {
  [F in Failure]: { [S in FailureSituation as F extends FailureSituations[S] ? S : never]: MessageKey };
};

/** Every failure's words, in one place. */
export const FAILURE_WORDING: FailureWording = {
  'rate-limited': {
    'sign-in': 'failRateLimited',
    'sign-in-retrying': 'pollRateLimited',
    'server-list': 'refreshRateLimited',
    page: 'lookupRateLimited',
    'profile-switch': 'failRateLimited',
  },
  server: {
    'sign-in': 'failServer',
    'sign-in-retrying': 'pollServer',
    'server-list': 'refreshServer',
    page: 'lookupServer',
    'profile-switch': 'failServer',
  },
  network: {
    'sign-in': 'failNetwork',
    'sign-in-retrying': 'pollNetwork',
    'server-list': 'refreshNetwork',
    page: 'lookupNetwork',
    'profile-switch': 'failNetwork',
  },
  timeout: {
    'sign-in': 'failTimeout',
    'sign-in-retrying': 'pollTimeout',
    'server-list': 'refreshTimeout',
    page: 'lookupTimeout',
    'profile-switch': 'failTimeout',
  },
  'invalid-response': {
    'sign-in': 'failInvalidResponse',
    'sign-in-retrying': 'pollInvalidResponse',
    'server-list': 'refreshInvalidResponse',
    page: 'lookupInvalidResponse',
    'profile-switch': 'failInvalidResponse',
  },
  unauthorized: {
    'sign-in': 'failUnauthorized',
    'server-list': 'refreshUnauthorized',
    page: 'lookupUnauthorized',
    'profile-switch': 'failUnauthorized',
  },
  'bad-request': { 'sign-in': 'failBadRequest' },
  'not-found': { 'sign-in': 'failNotFound' },
  other: {
    'server-list': 'refreshOther',
    page: 'lookupOther',
    'profile-switch': 'profileFailOther',
    'seerr-badge': 'seerrFailOther',
    'seerr-options': 'seerrOther',
  },
  'wrong-pin': { 'profile-switch': 'profileWrongPin' },
  unreachable: { 'one-server': 'problemUnreachable', 'seerr-badge': 'seerrFailUnreachable', 'seerr-options': 'seerrUnreachable' },
  'no-access': { 'one-server': 'problemNoAccess' },
  'needs-permission': { 'one-server': 'problemNeedsPermission' },
  error: { 'one-server': 'problemError' },
  'not-allowed': { 'seerr-badge': 'seerrFailNotAllowed', 'seerr-options': 'seerrNotAllowed' },
  // Met only when requesting; signing in (the options page) cannot reach a quota.
  quota: { 'seerr-badge': 'seerrFailQuota', 'seerr-options': 'seerrOther' },
  'plex-login-disabled': { 'seerr-badge': 'seerrFailPlexLoginOff', 'seerr-options': 'seerrPlexLoginOff' },
  'signed-out': { 'seerr-badge': 'seerrFailSignedOut', 'seerr-options': 'seerrSignedOut' },
  // Someone else asked first: the title is on its way, as the badge then says.
  'already-requested': { 'seerr-badge': 'seerrStatePending', 'seerr-options': 'seerrOther' },
  'csrf-protected': { 'seerr-badge': 'seerrFailOther', 'seerr-options': 'seerrCsrf' },
};

/** The message key for a failure where the person reads about it. */
export function failureText<S extends FailureSituation>(situation: S, failure: FailureSituations[S]): MessageKey {
  // FailureWording gives every failure of a situation that situation's key; the index type cannot say so.
  return (FAILURE_WORDING[failure] as Partial<Record<S, MessageKey>>)[situation]!;
}
