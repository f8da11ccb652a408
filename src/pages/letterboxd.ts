import type { Site } from '../page-badge/run';
import type { ListSite } from '../page-marks/run';
import type { TitleRef } from '../titles/ids';
import { titleFromLinks } from './links';

/*
 * What Letterboxd's pages say about their films, as other people's code reads them:
 * - A film page (`/film/<slug>/`) puts its ids on `<body class="film …" data-tmdb-id="1726"
 *   data-tmdb-type="movie">` (a Go scraper's recorded page, userscripts reading
 *   `document.body.dataset.tmdbId`/`tmdbType`) and links out in its footer,
 *   `p.text-link.text-footer a[data-track-action="IMDb"]` to `http://www.imdb.com/title/tt…/maindetails`
 *   and `a[data-track-action="TMDB"]` (older pages: "TMDb") to `https://www.themoviedb.org/movie/<id>/`
 *   or `/tv/<id>/` (Seerr and Stremio add-ons, scrapers on GitHub). The title is `h1.headline-1`.
 * - Lists, watchlists and film grids: `li.griditem` / `li.poster-container` holding
 *   `div.react-component[data-component-class="LazyPoster"]` with `data-item-slug`,
 *   `data-item-link="/film/<slug>/"` (older: `div.film-poster[data-film-slug][data-target-link]`).
 *   No TMDb or IMDb id is on a poster ("Letterboxd poster grids do not expose a TMDb ID", a Seerr
 *   userscript notes): every scraper reads it from the film's own page, and so does the mark.
 */

const FILM_PATH = /^\/film\/([a-z0-9-]+)\/?$/;

/** The ids in a Letterboxd film page's HTML: the body's, else (a show's body names none) the footer's links. */
export function letterboxdFromHtml(html: string): TitleRef | null {
  const body = /<body[^>]*\bdata-tmdb-id="(\d{1,9})"[^>]*>/.exec(html);
  if (body) return { source: 'tmdb', id: body[1]!, kind: /\bdata-tmdb-type="tv"/.test(body[0]) ? 'show' : 'movie' };
  const footer = /text-footer[^]*?<\/p>/.exec(html)?.[0];
  return titleFromLinks(footer, footer);
}

function letterboxdTitle(href: string): TitleRef | null {
  if (!FILM_PATH.test(new URL(href).pathname)) return null;
  const { tmdbId, tmdbType } = document.body.dataset;
  if (tmdbId && /^\d{1,9}$/.test(tmdbId)) return { source: 'tmdb', id: tmdbId, kind: tmdbType === 'tv' ? 'show' : 'movie' };
  const footer = document.querySelector('.text-footer')?.innerHTML;
  return titleFromLinks(footer, footer);
}

export const LETTERBOXD: Site = {
  title: letterboxdTitle,
  anchors: ['h1.headline-1', '.film-header-group h1', 'main h1', 'h1'],
};

/** A member's lists, watchlist, films and likes, and the site's own film and list browsers. */
const LIST_PATH = /^\/(?:[\w-]+\/)?(?:list|lists|watchlist|films|likes)\b/;

export const LETTERBOXD_LISTS: ListSite = {
  lists: (href) => LIST_PATH.test(new URL(href).pathname),
  items: '[data-item-link^="/film/"], [data-target-link^="/film/"]',
  title(item) {
    const page = item.getAttribute('data-item-link') ?? item.getAttribute('data-target-link') ?? '';
    return FILM_PATH.test(page) ? { page } : null;
  },
  fromPage: letterboxdFromHtml,
  slot: (item) => item.closest('.poster-container, .griditem, li') ?? item,
};
