import type { TitleKind } from '../plex/titles';

/** IMDb's URL does not say movie, show or episode, so the page may hint it; TMDb's season and episode URLs carry the numbers. */
export type TitleRef =
  | { source: 'imdb'; id: string; kind?: TitleKind | 'episode'; series?: string; season?: number; episode?: number }
  | { source: 'tmdb'; id: string; kind: TitleKind; season?: number; episode?: number };

const IMDB_HOSTS = ['www.imdb.com', 'm.imdb.com'];
/** `/title/tt0133093/`, also under a language prefix (`/de/title/…`) and on sub-pages (`…/reviews`). */
const IMDB_PATH = /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?title\/(tt\d{7,10})(?:\/|$)/i;
/** `/movie/603-the-matrix/cast`, `/tv/1396-breaking-bad`, `/tv/1396-breaking-bad/season/1`, `/tv/1396/season/1/episode/2`. */
const TMDB_PATH = /^\/(movie|tv)\/(\d{1,9})(?:-[^/]*)?(?:\/season\/(\d{1,4})(?:\/episode\/(\d{1,4}))?)?(?:\/|$)/;

function httpsOn(href: string, hosts: readonly string[]): URL | null {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' && hosts.includes(url.hostname) ? url : null;
  } catch {
    return null;
  }
}

/** An IMDb title page's title, from its address alone (each site's content script bundles only its own parser). */
export function imdbTitleFromUrl(href: string): TitleRef | null {
  const match = IMDB_PATH.exec(httpsOn(href, IMDB_HOSTS)?.pathname ?? '');
  return match ? { source: 'imdb', id: match[1]!.toLowerCase() } : null;
}

export function tmdbTitleFromUrl(href: string): TitleRef | null {
  const match = TMDB_PATH.exec(httpsOn(href, ['www.themoviedb.org'])?.pathname ?? '');
  if (!match) return null;
  const ref: TitleRef = { source: 'tmdb', id: match[2]!, kind: match[1] === 'tv' ? 'show' : 'movie' };
  if (match[1] === 'tv' && match[3]) ref.season = Number(match[3]);
  if (ref.season !== undefined && match[4]) ref.episode = Number(match[4]);
  return ref;
}

/** The title a page is about, from its address alone, so a change of the site's markup cannot break it. */
export function titleFromUrl(href: string): TitleRef | null {
  return imdbTitleFromUrl(href) ?? tmdbTitleFromUrl(href);
}

/** The id in Plex's notation for external catalogues. */
export function externalGuid(ref: TitleRef): string {
  return `${ref.source}://${ref.id}`;
}

/** One key per thing a badge speaks of: a title, or a season or episode of a show. */
export function titleKey(ref: TitleRef): string {
  const base = ref.source === 'imdb' ? `imdb:${ref.id}` : `tmdb:${ref.kind}:${ref.id}`;
  const part = ref.season === undefined ? '' : `:s${ref.season}${ref.episode === undefined ? '' : `e${ref.episode}`}`;
  return base + part;
}
