import type { Site } from '../page-badge/run';
import type { ListSite } from '../page-marks/run';
import type { TitleRef } from '../titles/ids';
import { titleFromLinks } from './links';

// A title page's ids are its sidebar's `ul.external` links (`#external-link-imdb`, `-tmdb`), as Trakt userscripts read them.
// A grid item (`div.grid-item[data-type][data-url]`, Fenn3c401's userscripts) names only Trakt's slug, so the mark reads the title's page.

/** Browse pages share /movies and /shows with titles: these are grids. */
const BROWSE =
  /^\/(?:movies|shows)\/(?:trending|popular|recommended|watched|collected|anticipated|boxoffice|streaming|favorited|calendar)(?:\/|$)/;
const TITLE_PATH = /^\/(?:movies|shows)\/[\w-]+\/?$/;

const isTitlePath = (path: string) => TITLE_PATH.test(path) && !BROWSE.test(path);

/** IMDb's link says no kind, so the address's gives it. */
function traktTitle(links: string | undefined, path: string): TitleRef | null {
  const ref = titleFromLinks(links, links);
  if (ref?.source !== 'imdb') return ref;
  return { ...ref, kind: path.startsWith('/shows/') ? 'show' : 'movie' };
}

/** From the first external link to the end of their list: other links on the page (comments, people) are not the title's. */
export const traktFromHtml = (html: string, path: string) => traktTitle(/id="external-link-[^]*?<\/ul>/.exec(html)?.[0], path);

export const TRAKT: Site = {
  title(href) {
    const path = new URL(href).pathname;
    return isTitlePath(path) ? traktTitle(document.querySelector('ul.external')?.innerHTML, path) : null;
  },
  anchors: ['#summary-wrapper h1', 'main h1', 'h1'],
};

/** The pages with grids of titles: a member's lists and watchlist, public lists, search, browse pages. */
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
