import type { Site } from '../page-badge/run';
import type { ListSite } from '../page-marks/run';
import type { TitleRef } from '../titles/ids';
import { titleFromLinks } from './links';

// A film page's ids are on its body (`data-tmdb-id`, `data-tmdb-type`), as a Go scraper's recorded page and userscripts show.
// The footer's IMDb and TMDB links are read by address: TMDB's lost `data-track-action` in 2026 (Overseerr-Assistant PR #64).
// A poster is a LazyPoster with `data-item-link` and `data-target-link` but no id (Kometa PR #3083), so marks read the film's page.

const FILM_PATH = /^\/film\/([a-z0-9-]+)\/?$/;

/** The body's ids first; a show's body names none (`data-tmdb-id=""`, Kometa PR #102), so then the footer's links. */
export function letterboxdFromHtml(html: string): TitleRef | null {
  const body = /<body[^>]*\bdata-tmdb-id="(\d{1,9})"[^>]*>/.exec(html);
  if (body) return { source: 'tmdb', id: body[1]!, kind: /\bdata-tmdb-type="tv"/.test(body[0]) ? 'show' : 'movie' };
  const footer = /text-footer[^]*?<\/p>/.exec(html)?.[0];
  return titleFromLinks(footer, footer);
}

/** The same, read from the film page on screen. */
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

/** Lists, watchlists, films and likes pages, a member's or the site's: the pages with poster grids. */
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
