import type { Site } from '../page-badge/run';
import type { ListSite } from '../page-marks/run';
import type { TitleRef } from '../titles/ids';
import { titleFromLinks } from './links';

/*
 * What Trakt's pages say about their titles, as other people's code reads them:
 * - A movie or show page (`/movies/<slug>`, `/shows/<slug>`) links out in its sidebar,
 *   `#info-wrapper .sidebar ul.external li a#external-link-imdb` to `https://www.imdb.com/title/tt…`
 *   and `a#external-link-tmdb` to `https://www.themoviedb.org/movie/<id>` or `/tv/<id>` (Trakt
 *   userscripts for ratings, Emby links and Seerr read these ids); the title is `#summary-wrapper h1`.
 * - Lists, the watchlist and the browse pages draw `div.grid-item[data-type="movie"|"show"]` with
 *   Trakt's own id (`data-movie-id`), `data-url="/movies/<slug>"` and `<a href="/movies/<slug>">`
 *   around `.poster` (Fenn3c401's Trakt userscript collection builds the same markup). No TMDb or
 *   IMDb id is on a grid item, so the mark reads it from the title's own page.
 */

/** Trakt's browse pages under /movies and /shows: grids, not titles. */
const BROWSE =
  /^\/(?:movies|shows)\/(?:trending|popular|recommended|watched|collected|anticipated|boxoffice|streaming|favorited|calendar)(?:\/|$)/;
const TITLE_PATH = /^\/(?:movies|shows)\/[\w-]+\/?$/;

const isTitlePath = (path: string) => TITLE_PATH.test(path) && !BROWSE.test(path);

/** A Trakt title page's external links (its sidebar's list); IMDb's link says no kind, so the address's gives it. */
function traktTitle(links: string | undefined, path: string): TitleRef | null {
  const ref = titleFromLinks(links, links);
  if (ref?.source !== 'imdb') return ref;
  return { ...ref, kind: path.startsWith('/shows/') ? 'show' : 'movie' };
}

/** The ids in a Trakt title page's HTML: its external links, from the first to the end of their list. */
export const traktFromHtml = (html: string, path: string) => traktTitle(/id="external-link-[^]*?<\/ul>/.exec(html)?.[0], path);

export const TRAKT: Site = {
  title(href) {
    const path = new URL(href).pathname;
    return isTitlePath(path) ? traktTitle(document.querySelector('ul.external')?.innerHTML, path) : null;
  },
  anchors: ['#summary-wrapper h1', 'main h1', 'h1'],
};

/** A member's lists and watchlist, public lists and search; the browse pages too. */
const LIST_PATH = /^\/(?:users\/[\w-]+\/(?:lists|watchlist|collection|favorites)|lists\b|search\b)/;

export const TRAKT_LISTS: ListSite = {
  lists(href) {
    const path = new URL(href).pathname;
    return LIST_PATH.test(path) || BROWSE.test(path);
  },
  items: '.grid-item[data-type="movie"], .grid-item[data-type="show"]',
  title(item) {
    const page = item.getAttribute('data-url') ?? item.querySelector('a[href]')?.getAttribute('href') ?? '';
    return isTitlePath(page) ? { page } : null;
  },
  fromPage: traktFromHtml,
  slot: (item) => item.querySelector('.poster') ?? item,
};
