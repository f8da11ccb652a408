import type { TitleRef } from '../titles/ids';
import type { Lookup } from '../titles/types';

import type { SeerrTitleRef } from '../messages';

export type { SeerrTitleRef };

/**
 * The title as Seerr knows it: the TMDb id from Plex's match (IMDb pages, and any page Plex
 * matched), else from a TMDb page's own address. A page about a show's season or episode asks
 * about the show, which is what Seerr requests.
 */
export function seerrTitleOf(page: TitleRef, lookup: Lookup): SeerrTitleRef | null {
  if (lookup.state === 'found' && lookup.title.tmdbId) {
    return { kind: lookup.title.kind === 'movie' ? 'movie' : 'tv', tmdbId: Number(lookup.title.tmdbId) };
  }
  if (page.source === 'tmdb' && (lookup.state === 'found' || lookup.state === 'unknown')) {
    return { kind: page.kind === 'movie' ? 'movie' : 'tv', tmdbId: Number(page.id) };
  }
  return null;
}
