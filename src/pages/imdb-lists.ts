import type { ListSite } from '../page-marks/run';
import { imdbLinkIn } from './links';

/*
 * IMDb's list pages, as other people's code reads them:
 * - Lists (`/list/ls…`), charts (`/chart/top/`), the watchlist and search results (`/find/`) since
 *   IMDb's 2023 redesign: `ul.ipc-metadata-list > li.ipc-metadata-list-summary-item`, the title in
 *   `h3.ipc-title__text` inside `a.ipc-title-link-wrapper[href="/title/tt…/?ref_=…"]`, the poster in
 *   `.ipc-poster` with `a.ipc-lockup-overlay` (scrapers of the Top 250 and box-office charts on
 *   GitHub select exactly these); search results link with `a.ipc-metadata-list-summary-item__t`.
 * - Grid views and carousels: `.ipc-poster-card` around the same `.ipc-poster`.
 * - The older lists: `.lister-item` with `.lister-item-header a[href^="/title/tt"]`.
 */

/** `/list/ls…`, `/chart/…`, `/user/ur…/watchlist`, `/list/watchlist`, `/find`, `/search/title`, also under a language prefix. */
const IMDB_LIST_PATH = /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:list\/|chart\/|user\/ur\d+\/watchlist|find\b|search\/title)/i;

export const IMDB_LISTS: ListSite = {
  lists: (href) => IMDB_LIST_PATH.test(new URL(href).pathname),
  items: 'li.ipc-metadata-list-summary-item, .ipc-poster-card, .lister-item',
  title: imdbLinkIn,
  slot: (item) => item.querySelector('.ipc-poster, .lister-item-image') ?? item.querySelector('.ipc-title, .lister-item-header'),
};
