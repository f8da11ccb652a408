import type { ListSite } from '../page-marks/run';
import { tmdbLinkIn } from './links';

/*
 * TMDb's grids, as other people's code reads them: discover and browse pages (`/movie`,
 * `/tv/top-rated`, …) draw `.page_wrapper .card.style_1`, each with `.image .wrapper a.image` to
 * `/movie/<id>-<slug>` and `.content h2 a` with the name (scrapers and Cypress suites on GitHub
 * select `div.card.style_1`, `.card.style_1 a.image`, `div.image div.wrapper a`); search results are
 * `div.card.v4` with `a.result`; a list's (`/list/<id>`) items are cards too.
 */

/** `/movie`, `/movie/now-playing`, `/tv/top-rated`, `/list/<id>`, `/discover/…`, `/search…`: no title id in them. */
const TMDB_LIST_PATH = /^\/(?:(?:movie|tv)(?:\/[a-z-]+)?\/?$|list\/\d|discover\b|search\b)/;

export const TMDB_LISTS: ListSite = {
  lists: (href) => TMDB_LIST_PATH.test(new URL(href).pathname),
  items: '.card',
  title: tmdbLinkIn,
  slot: (item) => item.querySelector('.image .wrapper, .image, .poster'),
};
