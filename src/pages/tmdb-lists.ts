import type { ListSite } from '../page-marks/run';
import { tmdbLinkIn } from './links';

/** `/movie`, `/movie/now-playing`, `/tv/top-rated`, `/list/<id>`, `/discover/…`, `/search…`: no title id in them. */
const TMDB_LIST_PATH = /^\/(?:(?:movie|tv)(?:\/[a-z-]+)?\/?$|list\/\d|discover\b|search\b)/;

export const TMDB_LISTS: ListSite = {
  lists: (href) => TMDB_LIST_PATH.test(new URL(href).pathname),
  // `.card.style_1` on discover and browse pages (scrapers and Cypress suites on GitHub), `.card.v4` in search, cards on lists.
  items: '.card',
  title: tmdbLinkIn,
  // `.image .wrapper a.image` to `/movie/<id>-<slug>`, as those scrapers select `div.image div.wrapper a`.
  slot: (item) => item.querySelector('.image .wrapper, .image, .poster'),
};
