import type { ListSite } from '../page-marks/run';
import { imdbLinkIn } from './links';

/** `/list/ls…`, `/chart/…`, `/user/ur…/watchlist`, `/list/watchlist`, `/find`, `/search/title`, also under a language prefix. */
const IMDB_LIST_PATH = /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:list\/|chart\/|user\/ur\d+\/watchlist|find\b|search\/title)/i;

export const IMDB_LISTS: ListSite = {
  lists: (href) => IMDB_LIST_PATH.test(new URL(href).pathname),
  // Since the 2023 redesign `li.ipc-metadata-list-summary-item`, as scrapers of the Top 250 and box-office charts on GitHub select it.
  // `.ipc-poster-card` in grid views and carousels; `.lister-item` on the older lists.
  items: 'li.ipc-metadata-list-summary-item, .ipc-poster-card, .lister-item',
  title: imdbLinkIn,
  // The poster `.ipc-poster`, the title `h3.ipc-title__text` in `a.ipc-title-link-wrapper`, as the same scrapers select them.
  slot: (item) => item.querySelector('.ipc-poster, .lister-item-image') ?? item.querySelector('.ipc-title, .lister-item-header'),
};
