import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  failureText,
  PLEX_FAILURES,
  PROFILE_SWITCH_FAILURES,
  REPORTED_FAILURES,
  RETRYING_FAILURES,
  reportedFailure,
  SEERR_FAILURES,
  SERVER_FAILURES,
  SIGN_IN_FAILURES,
  type FailureSituations,
  type PlexFailure,
} from '@/src/failures';
import { t } from '@/src/i18n';
import type { PlexError } from '@/src/plex/http';
import { ServerList } from '@/src/servers/state';
import { FlowState, PendingState } from '@/src/signin/state';

const SITUATIONS: { [S in keyof FailureSituations]: readonly FailureSituations[S][] } = {
  'sign-in': SIGN_IN_FAILURES,
  'sign-in-retrying': RETRYING_FAILURES,
  'server-list': REPORTED_FAILURES,
  page: REPORTED_FAILURES,
  'one-server': SERVER_FAILURES,
  'profile-switch': PROFILE_SWITCH_FAILURES,
  'seerr-badge': SEERR_FAILURES,
  'seerr-options': SEERR_FAILURES,
};

describe('the failure vocabulary', () => {
  it('has the kinds of every Plex error, and no others', () => {
    expectTypeOf<PlexError['kind']>().toEqualTypeOf<PlexFailure>();
    expect([...PLEX_FAILURES].sort()).toEqual(
      ['bad-request', 'invalid-response', 'network', 'not-found', 'rate-limited', 'server', 'timeout', 'unauthorized'].sort(),
    );
  });

  it('gives every failure a sentence in every place it can be met', () => {
    for (const [situation, failures] of Object.entries(SITUATIONS) as [keyof FailureSituations, readonly never[]][]) {
      for (const failure of failures) expect(t(failureText(situation, failure)), `${situation} ${String(failure)}`).not.toBe('');
    }
  });

  it('keeps the sentence each place says today', () => {
    expect(t(failureText('sign-in', 'network'))).toBe('Could not reach Plex. Check your internet connection and try again.');
    expect(t(failureText('sign-in-retrying', 'network'))).toBe('Offline or Plex unreachable; still trying…');
    expect(t(failureText('server-list', 'network'))).toBe('Could not reach Plex to list your servers. Showing the last list.');
    expect(t(failureText('page', 'network'))).toBe('Plex could not be reached. Check your connection.');
    expect(t(failureText('one-server', 'error'), 'Cabin')).toBe('Cabin answered with an error');
    expect(t(failureText('seerr-badge', 'quota'))).toBe('Request limit reached for now');
    expect(t(failureText('seerr-options', 'not-allowed'))).toBe(
      'Your Plex account is not allowed there. Ask its owner to import or allow you.',
    );
  });

  it('reports a refused or missing item as the one failure no one can act on differently', () => {
    expect(reportedFailure({ kind: 'bad-request', status: 400 })).toBe('other');
    expect(reportedFailure({ kind: 'not-found' })).toBe('other');
    expect(reportedFailure({ kind: 'rate-limited', retryAfterMs: 1000 })).toBe('rate-limited');
    expect(reportedFailure({ kind: 'invalid-response', detail: 'x' })).toBe('invalid-response');
  });
});

describe('failures kept in storage', () => {
  // Written out, not taken from the lists: these are what earlier versions stored.
  const STORED_SIGN_IN = ['rate-limited', 'server', 'network', 'timeout', 'invalid-response', 'unauthorized', 'bad-request', 'not-found'];
  const STORED_POLL = ['rate-limited', 'server', 'network', 'timeout', 'invalid-response'];
  const STORED_REFRESH = ['network', 'timeout', 'server', 'rate-limited', 'invalid-response', 'unauthorized', 'other'];
  const pending = { status: 'pending', mode: 'code', pin: { id: 1, code: 'ABCD', expiresAt: 1 }, startedAt: 0, failures: 1 };

  it.each(STORED_SIGN_IN)('still reads a sign-in stopped by %s', (reason) => {
    expect(FlowState.safeParse({ status: 'error', mode: 'tab', reason }).success).toBe(true);
  });

  it.each(STORED_POLL)('still reads a sign-in retrying after %s', (problem) => {
    expect(PendingState.safeParse({ ...pending, problem }).success).toBe(true);
  });

  it.each(STORED_REFRESH)('still reads a server list whose refresh failed with %s', (problem) => {
    expect(ServerList.safeParse({ fetchedAt: 1, servers: [], problem }).success).toBe(true);
  });

  it('reads nothing else', () => {
    expect(FlowState.safeParse({ status: 'error', mode: 'tab', reason: 'other' }).success).toBe(false);
    expect(PendingState.safeParse({ ...pending, problem: 'unauthorized' }).success).toBe(false);
    expect(ServerList.safeParse({ fetchedAt: 1, servers: [], problem: 'not-found' }).success).toBe(false);
  });
});
