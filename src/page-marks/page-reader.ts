import type { TitleRef } from '../titles/ids';
import type { ListSite } from './run';

/** Pages read at once: a screenful of posters is read in a few seconds without a burst at the site. */
export const PAGE_FETCHES = 4;
/** Pages read per page visit: Letterboxd's largest grid page (a list's 100 posters); beyond it a page adding posters gets no more reads. */
export const PAGE_READS = 100;
/** Characters read of each page: several times a real film or show page, so a huge answer costs no more. */
export const PAGE_CHARS = 2_000_000;

/** Cancelling the stream, not reading and dropping, is what stops a huge download. */
export async function readCapped(response: Response): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let html = '';
  for (let chunk; html.length < PAGE_CHARS && !(chunk = await reader.read()).done;) html += decoder.decode(chunk.value, { stream: true });
  // Rejects only for a stream that failed, and then the read above threw first.
  void reader.cancel();
  return html;
}

/** Only the site's readers call it, with paths of a title's shape; `redirect: 'error'` keeps the read at the address they checked. */
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
      if (pages.size >= PAGE_READS) return Promise.resolve(null);
      found = new Promise<void>((resolve) => {
        fetching.push(resolve);
        next();
      })
        .then(() => fetch(location.origin + page, { redirect: 'error' }))
        .then((response) => (response.ok ? readCapped(response) : ''))
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
