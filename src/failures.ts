import type { MessageKey } from './i18n';
import type { PlexError } from './plex/http';

// Types, lists and message keys only, so content scripts share it without bundling a schema library.
// Storage's enums are built from these lists, so their names are stored values: rename only with a migration.

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

/** 'other' gathers what no one can act on differently (a refused request, a missing item). */
export const REPORTED_FAILURES = ['network', 'timeout', 'server', 'rate-limited', 'invalid-response', 'unauthorized', 'other'] as const;
export type ReportedFailure = (typeof REPORTED_FAILURES)[number];

/** Why one server could not say whether it has a title; 'error' is an answer that was an error. */
export const SERVER_FAILURES = ['unreachable', 'no-access', 'needs-permission', 'error'] as const;
export type ServerFailure = (typeof SERVER_FAILURES)[number];

/** Why a switch of Plex Home profile did not happen: a wrong PIN, or the call failed. */
export const PROFILE_SWITCH_FAILURES = ['wrong-pin', ...REPORTED_FAILURES] as const;
export type ProfileSwitchFailure = (typeof PROFILE_SWITCH_FAILURES)[number];

/** One list for Overseerr and Jellyseerr, which answer alike (src/seerr/client.ts reads them). */
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

/** A place's sentence for every failure that can happen there, and for no other. */
type Wording<S extends FailureSituation> = { readonly [F in FailureSituations[S]]: MessageKey };

// One map per situation, so a content script bundles only the page badge's maps, not the popup's.

// A sign-in and a switch of profile are both the popup asking Plex for the person: same words.
const POPUP_CALL_WORDING = {
  'rate-limited': 'failRateLimited',
  server: 'failServer',
  network: 'failNetwork',
  timeout: 'failTimeout',
  'invalid-response': 'failInvalidResponse',
  unauthorized: 'failUnauthorized',
} as const satisfies { readonly [F in Exclude<ReportedFailure, 'other'>]: MessageKey };

const SIGN_IN_WORDING: Wording<'sign-in'> = {
  ...POPUP_CALL_WORDING,
  'bad-request': 'failBadRequest',
  'not-found': 'failNotFound',
};

const SIGN_IN_RETRYING_WORDING: Wording<'sign-in-retrying'> = {
  'rate-limited': 'pollRateLimited',
  server: 'pollServer',
  network: 'pollNetwork',
  timeout: 'pollTimeout',
  'invalid-response': 'pollInvalidResponse',
};

const SERVER_LIST_WORDING: Wording<'server-list'> = {
  'rate-limited': 'refreshRateLimited',
  server: 'refreshServer',
  network: 'refreshNetwork',
  timeout: 'refreshTimeout',
  'invalid-response': 'refreshInvalidResponse',
  unauthorized: 'refreshUnauthorized',
  other: 'refreshOther',
};

export const PAGE_WORDING: Wording<'page'> = {
  'rate-limited': 'lookupRateLimited',
  server: 'lookupServer',
  network: 'lookupNetwork',
  timeout: 'lookupTimeout',
  'invalid-response': 'lookupInvalidResponse',
  unauthorized: 'lookupUnauthorized',
  other: 'lookupOther',
};

export const ONE_SERVER_WORDING: Wording<'one-server'> = {
  unreachable: 'problemUnreachable',
  'no-access': 'problemNoAccess',
  'needs-permission': 'problemNeedsPermission',
  error: 'problemError',
};

const PROFILE_SWITCH_WORDING: Wording<'profile-switch'> = {
  ...POPUP_CALL_WORDING,
  'wrong-pin': 'profileWrongPin',
  other: 'profileFailOther',
};

export const SEERR_BADGE_WORDING: Wording<'seerr-badge'> = {
  unreachable: 'seerrFailUnreachable',
  'not-allowed': 'seerrFailNotAllowed',
  quota: 'seerrFailQuota',
  'plex-login-disabled': 'seerrFailPlexLoginOff',
  'signed-out': 'seerrFailSignedOut',
  // Someone else asked first: the title is on its way, as the badge then says.
  'already-requested': 'seerrStatePending',
  'csrf-protected': 'seerrFailOther',
  other: 'seerrFailOther',
};

const SEERR_OPTIONS_WORDING: Wording<'seerr-options'> = {
  unreachable: 'seerrUnreachable',
  'not-allowed': 'seerrNotAllowed',
  // Met only when requesting; signing in (the options page) cannot reach a quota.
  quota: 'seerrOther',
  'plex-login-disabled': 'seerrPlexLoginOff',
  'signed-out': 'seerrSignedOut',
  'already-requested': 'seerrOther',
  'csrf-protected': 'seerrCsrf',
  other: 'seerrOther',
};

export const FAILURE_WORDING: { readonly [S in FailureSituation]: Wording<S> } = {
  'sign-in': SIGN_IN_WORDING,
  'sign-in-retrying': SIGN_IN_RETRYING_WORDING,
  'server-list': SERVER_LIST_WORDING,
  page: PAGE_WORDING,
  'one-server': ONE_SERVER_WORDING,
  'profile-switch': PROFILE_SWITCH_WORDING,
  'seerr-badge': SEERR_BADGE_WORDING,
  'seerr-options': SEERR_OPTIONS_WORDING,
};

/** The message key for a failure where the person reads about it (content scripts: their map itself). */
export function failureText<S extends FailureSituation>(situation: S, failure: FailureSituations[S]): MessageKey {
  // Each situation's map has a key for each of its failures; the index type cannot relate the two.
  return (FAILURE_WORDING[situation] as Record<FailureSituations[S], MessageKey>)[failure];
}
