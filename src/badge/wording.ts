import type { Lookup, LookupFailure, ServerProblem } from '../titles/lookup';

/**
 * The badge's words. The status line is one of a few short phrases (the first letter is
 * capitalised by CSS); the detail line says what is known beyond it.
 */
export const STATUS = {
  loading: 'checking Plex…',
  on: 'on Plex',
  notOn: 'not on your servers',
  unknownOn: "couldn't check your servers",
  signedOut: 'signed out',
  failed: "couldn't reach Plex",
} as const;

export const FAILURE: Record<LookupFailure, string> = {
  network: 'Plex could not be reached. Check your connection.',
  timeout: 'Plex took too long to answer.',
  server: 'Plex is having trouble right now.',
  'rate-limited': 'Plex asked for fewer requests; try again in a minute.',
  'invalid-response': 'Plex answered in a way Sidekick does not understand.',
  unauthorized: 'Plex did not accept your sign-in. Sign in again from the toolbar.',
  other: 'Sidekick could not ask Plex. Reload the page to try again.',
};

const PROBLEM: Record<ServerProblem['problem'], string> = {
  unreachable: 'unreachable',
  'no-access': 'refused access',
  'needs-permission': 'needs access (allow it in the Sidekick menu)',
  error: 'answered with an error',
};

export function problemText(problems: readonly ServerProblem[]): string {
  return problems.map((p) => `${p.server} ${PROBLEM[p.problem]}`).join('; ');
}

export function statusOf(lookup: Lookup): string {
  switch (lookup.state) {
    case 'signed-out':
      return STATUS.signedOut;
    case 'failed':
      return STATUS.failed;
    case 'unknown':
      return STATUS.notOn;
    case 'found':
      if (lookup.on.length > 0) return STATUS.on;
      // No server could be asked at all: do not claim the title is missing.
      return lookup.answered === 0 && lookup.problems.length > 0 ? STATUS.unknownOn : STATUS.notOn;
  }
}

export const WATCHLIST = {
  add: '+ Watchlist',
  added: '✓ On watchlist',
  addTitle: 'Add to your Plex watchlist',
  removeTitle: 'Remove from your Plex watchlist',
  unknownTitle: 'Plex could not say whether it is on your watchlist; this adds it',
} as const;
