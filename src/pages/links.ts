import type { TitleRef } from '../titles/ids';

/** `https://www.themoviedb.org/movie/603/`, `…/tv/1396-breaking-bad`: the kind and the id. */
const TMDB_LINK = /themoviedb\.org\/(movie|tv)\/(\d{1,9})(?!\d)/;
/** `http://www.imdb.com/title/tt0133093/maindetails`, `…/title/tt0133093/?ref_=…`, `/title/tt0133093/`. */
const IMDB_LINK = /\/title\/(tt\d{7,10})(?!\d)/;

/**
 * The title a page's own links to TMDb and IMDb name, TMDb first (its address says movie or
 * show). Never the title's name: two films may share one, an id names one thing.
 */
export function titleFromLinks(tmdb: string | null | undefined, imdb: string | null | undefined): TitleRef | null {
  const fromTmdb = TMDB_LINK.exec(tmdb ?? '');
  if (fromTmdb) return { source: 'tmdb', id: fromTmdb[2]!, kind: fromTmdb[1] === 'tv' ? 'show' : 'movie' };
  const fromImdb = IMDB_LINK.exec(imdb ?? '');
  return fromImdb ? { source: 'imdb', id: fromImdb[1]! } : null;
}

/** An item's first link to an IMDb title, as a list row or poster card holds it. */
export function imdbLinkIn(item: Element): TitleRef | null {
  const match = IMDB_LINK.exec(item.querySelector('a[href*="/title/tt"]')?.getAttribute('href') ?? '');
  return match ? { source: 'imdb', id: match[1]! } : null;
}

/** `/movie/603-the-matrix`, `/tv/1396`: a TMDb card's link to its title (not a season, not a person). */
const TMDB_PATH = /^(?:https:\/\/www\.themoviedb\.org)?\/(movie|tv)\/(\d{1,9})(?:-[^/?#]*)?\/?(?:[?#]|$)/;

export function tmdbLinkIn(item: Element): TitleRef | null {
  for (const link of item.querySelectorAll('a[href*="/movie/"], a[href*="/tv/"]')) {
    const match = TMDB_PATH.exec(link.getAttribute('href') ?? '');
    if (match) return { source: 'tmdb', id: match[2]!, kind: match[1] === 'tv' ? 'show' : 'movie' };
  }
  return null;
}
