import { t, type MessageKey } from '../i18n';
import type { Lookup, LookupFailure, ServerProblem } from '../titles/lookup';

/**
 * The badge's words. The status line is one of a few short phrases (the first letter is
 * capitalised by CSS); the detail line says what is known beyond it.
 */
export const FAILURE: Record<LookupFailure, MessageKey> = {
  network: 'lookupNetwork',
  timeout: 'lookupTimeout',
  server: 'lookupServer',
  'rate-limited': 'lookupRateLimited',
  'invalid-response': 'lookupInvalidResponse',
  unauthorized: 'lookupUnauthorized',
  other: 'lookupOther',
};

const PROBLEM: Record<ServerProblem['problem'], MessageKey> = {
  unreachable: 'problemUnreachable',
  'no-access': 'problemNoAccess',
  'needs-permission': 'problemNeedsPermission',
  error: 'problemError',
};

export function problemText(problems: readonly ServerProblem[]): string {
  return problems.map((p) => t(PROBLEM[p.problem], p.server)).join('; ');
}

export function statusOf(lookup: Lookup): MessageKey {
  switch (lookup.state) {
    // Only an older question's answer; the page's newest one is on its way.
    case 'superseded':
      return 'badgeLoading';
    case 'signed-out':
      return 'badgeSignedOut';
    case 'failed':
      return 'badgeFailed';
    case 'unknown':
      return 'badgeNotOn';
    case 'found':
      if (lookup.on.length > 0) return 'badgeOn';
      // No server could be asked at all: do not claim the title is missing.
      return lookup.answered === 0 && lookup.problems.length > 0 ? 'badgeUnknownOn' : 'badgeNotOn';
  }
}
