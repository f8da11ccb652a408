import type { TitleRef } from '../titles/ids';
import type { Lookup } from '../titles/types';

import type { SeerrTitleRef } from '../messages';

export type { SeerrTitleRef };

/** Seerr knows titles by TMDb id: Plex's match first, else a TMDb address; a season or episode page asks for the show Seerr requests. */
export function seerrTitleOf(page: TitleRef, lookup: Lookup): SeerrTitleRef | null {
  if (lookup.state === 'found' && lookup.title.tmdbId) {
    return { kind: lookup.title.kind === 'movie' ? 'movie' : 'tv', tmdbId: Number(lookup.title.tmdbId) };
  }
  if (page.source === 'tmdb' && (lookup.state === 'found' || lookup.state === 'unknown')) {
    return { kind: page.kind === 'movie' ? 'movie' : 'tv', tmdbId: Number(page.id) };
  }
  return null;
}
