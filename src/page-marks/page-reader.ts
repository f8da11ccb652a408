import type { TitleRef } from '../titles/ids';
import type { ListSite } from './run';

/** Item pages fetched at once, for sites whose grids name only their own slugs. */
const PAGE_FETCHES = 4;

/**
 * Reads the title an item's own page names, each page once and at most four at a time: for the
 * sites whose grids name only their slugs (their content scripts alone bundle this).
 */
export function createPageReader(site: ListSite): (page: string) => Promise<TitleRef | null> {
  const pages = new Map<string, Promise<TitleRef | null>>();
  const fetching: (() => void)[] = [];
  let running = 0;
  function next(): void {
    while (running < PAGE_FETCHES && fetching.length) {
      running++;
      fetching.shift()!();
    }
  }
  return (page) => {
    let found = pages.get(page);
    if (!found) {
      found = new Promise<void>((resolve) => {
        fetching.push(resolve);
        next();
      })
        // Absolute: a content script's fetch need not resolve a relative address against the page.
        .then(() => fetch(new URL(page, location.href), { credentials: 'same-origin' }))
        .then((response) => (response.ok ? response.text() : ''))
        .then((html) => site.fromPage?.(html, page) ?? null)
        .catch(() => null)
        .finally(() => {
          running--;
          next();
        });
      pages.set(page, found);
    }
    return found;
  };
}
