import { t, type MessageKey } from '../i18n';
import { ONE_SERVER_WORDING, PAGE_WORDING, type ReportedFailure } from '../failures';
import type { Lookup, Placement, ServerProblem } from '../titles/types';

export function problemText(problems: readonly ServerProblem[]): string {
  return problems.map((p) => t(ONE_SERVER_WORDING[p.problem], p.server)).join('; ');
}

/** The sentence under the badge after a watchlist change failed. */
export function watchlistUnchangedText(reason: ReportedFailure): string {
  return t('watchlistUnchanged', t(PAGE_WORDING[reason]));
}

/** Short lower-case phrases: CSS capitalises the first letter (`.status::first-letter`). */
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

type Found = Extract<Lookup, { state: 'found' }>;

/** The status line's words; on season and episode pages they name the part ("S2 E3 on Plex"). */
export function statusText(lookup: Lookup): string {
  const part = lookup.state === 'found' ? lookup.part : undefined;
  if (lookup.state !== 'found' || !part) return t(statusOf(lookup));
  const episode = part.kind === 'episode';
  if (lookup.on.length > 0) {
    // Plex keeps a show's specials as season 0.
    if (!episode) return part.season === 0 ? t('badgeSpecialsOn') : t('badgeSeasonOn', String(part.season ?? ''));
    return part.season !== undefined && part.episode !== undefined
      ? t('badgeEpisodeOn', String(part.season), String(part.episode))
      : t('badgeEpisodeOnUnnumbered');
  }
  if (part.showOn.length > 0) return t(episode ? 'badgeEpisodeMissing' : 'badgeSeasonMissing');
  return t(statusOf(lookup));
}

/** Falls back to the show on a season or episode page, so "the show is on Plex, this episode is not" still opens the show. */
export function linksOf(lookup: Found): { placements: Placement[]; toShow: boolean } {
  if (lookup.on.length > 0 || !lookup.part) return { placements: lookup.on, toShow: false };
  return { placements: lookup.part.showOn, toShow: lookup.part.showOn.length > 0 };
}

/** "Home Server · TV Shows, Cabin · Series" and any server that could not be asked. */
export function foundDetail(lookup: Found): string {
  const where = linksOf(lookup)
    .placements.map((p) => (p.library ? `${p.server} · ${p.library}` : p.server))
    .join(', ');
  return [where, problemText(lookup.problems)].filter(Boolean).join('; ');
}
