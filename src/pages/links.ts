import type { TitleRef } from '../titles/ids';

/** The kind is in TMDb's address (`/movie/603/`, `/tv/1396-breaking-bad`), and no longer id may follow. */
const TMDB_LINK = /themoviedb\.org\/(movie|tv)\/(\d{1,9})(?!\d)/;
/** Any form of an IMDb title link (`…/maindetails`, `?ref_=`, relative) names the id the same way. */
const IMDB_LINK = /\/title\/(tt\d{7,10})(?!\d)/;

/** TMDb first, as its address says movie or show; never by name, as two films may share one. */
export function titleFromLinks(tmdb: string | null | undefined, imdb: string | null | undefined): TitleRef | null {
  const fromTmdb = TMDB_LINK.exec(tmdb ?? '');
  if (fromTmdb) return { source: 'tmdb', id: fromTmdb[2]!, kind: fromTmdb[1] === 'tv' ? 'show' : 'movie' };
  const fromImdb = IMDB_LINK.exec(imdb ?? '');
  return fromImdb ? { source: 'imdb', id: fromImdb[1]! } : null;
}

/** A list row or poster card links its title more than once, always to the same id: the first will do. */
export function imdbLinkIn(item: Element): TitleRef | null {
  const match = IMDB_LINK.exec(item.querySelector('a[href*="/title/tt"]')?.getAttribute('href') ?? '');
  return match ? { source: 'imdb', id: match[1]! } : null;
}

/** A card's title link, not its season or person links, which share the prefix. */
const TMDB_PATH = /^(?:https:\/\/www\.themoviedb\.org)?\/(movie|tv)\/(\d{1,9})(?:-[^/?#]*)?\/?(?:[?#]|$)/;

export function tmdbLinkIn(item: Element): TitleRef | null {
  for (const link of item.querySelectorAll('a[href*="/movie/"], a[href*="/tv/"]')) {
    const match = TMDB_PATH.exec(link.getAttribute('href') ?? '');
    if (match) return { source: 'tmdb', id: match[2]!, kind: match[1] === 'tv' ? 'show' : 'movie' };
  }
  return null;
}
