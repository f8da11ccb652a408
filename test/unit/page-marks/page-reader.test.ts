import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPageReader, PAGE_CHARS, PAGE_FETCHES, PAGE_READS, readCapped } from '@/src/page-marks/page-reader';
import type { ListSite } from '@/src/page-marks/run';
import { LETTERBOXD_LISTS } from '@/src/pages/letterboxd';
import { TRAKT_LISTS } from '@/src/pages/trakt';

/** A site whose pages name their TMDb id as `id=<n>` anywhere in the HTML. */
const SITE: ListSite = {
  lists: () => true,
  items: 'li',
  title: () => null,
  fromPage: (html) => {
    const id = /id=(\d+)/.exec(html)?.[1];
    return id ? { source: 'tmdb', id, kind: 'movie' } : null;
  },
  slot: () => null,
};

/** A fetch that answers every page with `id=<n>` after a turn, and records what it was asked and how. */
function fakeSite(answer: (url: string) => Response = (url) => new Response(`<body>id=${url.length}</body>`)) {
  const asked: { url: string; init: RequestInit | undefined }[] = [];
  let open = 0;
  let most = 0;
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    asked.push({ url, init });
    most = Math.max(most, ++open);
    await new Promise((resolve) => setTimeout(resolve, 1));
    open--;
    return answer(url);
  });
  return { asked, most: () => most };
}

beforeEach(() => vi.stubGlobal('location', new URL('https://letterboxd.com/fixture/list/favourites/')));
afterEach(() => vi.unstubAllGlobals());

describe('reading the pages of a list’s posters', () => {
  it('reads each page once, four at a time, at the page’s own origin, following no redirect', async () => {
    const site = fakeSite();
    const read = createPageReader(SITE);
    const pages = Array.from({ length: 12 }, (_, n) => `/film/fixture-film-${n}/`);
    const found = await Promise.all([...pages, ...pages].map(read));
    expect(found.filter(Boolean)).toHaveLength(24);
    expect(site.asked.map((a) => a.url)).toEqual(pages.map((page) => `https://letterboxd.com${page}`));
    expect(site.most()).toBe(PAGE_FETCHES);
    expect(site.asked.every((a) => a.init?.redirect === 'error' && a.init.credentials === undefined)).toBe(true);
  });

  it('reads at most PAGE_READS pages a visit, however many posters a page adds, and still answers those it read', async () => {
    const site = fakeSite();
    const read = createPageReader(SITE);
    const pages = Array.from({ length: PAGE_READS + 50 }, (_, n) => `/film/fixture-film-${n}/`);
    const found = await Promise.all(pages.map(read));
    expect(site.asked).toHaveLength(PAGE_READS);
    expect(found.slice(0, PAGE_READS).every(Boolean)).toBe(true);
    expect(found.slice(PAGE_READS).every((ref) => ref === null)).toBe(true);
    expect(await read(pages[0]!)).not.toBeNull();
    expect(site.asked).toHaveLength(PAGE_READS);
  });

  it('names nothing for a page that failed, redirected or answered an error', async () => {
    fakeSite((url) => {
      if (url.endsWith('/gone/')) return new Response('id=1', { status: 404 });
      throw new TypeError('redirect was not allowed');
    });
    const read = createPageReader(SITE);
    expect(await read('/film/gone/')).toBeNull();
    expect(await read('/film/moved/')).toBeNull();
  });

  it('reads no more than PAGE_CHARS characters of a huge page, and stops its download', async () => {
    let pulled = 0;
    let cancelled = false;
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    /** A body of 64 KB chunks without end, or with `id=7` once `after` characters came. */
    const body = (after = Infinity) =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(pulled++ * chunk.length >= after ? new TextEncoder().encode('id=7') : chunk);
        },
        cancel: () => void (cancelled = true),
      });
    const html = await readCapped(new Response(body()));
    expect(html.length).toBeGreaterThanOrEqual(PAGE_CHARS);
    expect(html.length).toBeLessThan(PAGE_CHARS + chunk.length);
    expect(cancelled).toBe(true);
    // An id past the cap is not seen: a page cannot make the reader hold more than the cap.
    pulled = 0;
    fakeSite(() => new Response(body(PAGE_CHARS + chunk.length)));
    expect(await createPageReader(SITE)('/film/huge/')).toBeNull();
  });

  it('sends only same-site paths of a film’s or a show’s shape to the reader, whatever a poster names', () => {
    const hostile = [
      'https://evil.example/film/x/',
      '//evil.example/film/x/',
      'javascript:alert(1)//film/x/',
      'data:text/html,/film/x/',
      '/film/x/../../settings/',
      '/film/x/?a=1',
      '@evil.example/film/x/',
      '.evil.example/film/x/',
      '/film/%2e%2e/',
    ];
    const element = (attribute: string, value: string) => ({ getAttribute: (name: string) => (name === attribute ? value : null) });
    for (const value of hostile) {
      expect(LETTERBOXD_LISTS.title(element('data-item-link', value) as unknown as Element), value).toBeNull();
      expect(LETTERBOXD_LISTS.title(element('data-target-link', value) as unknown as Element), value).toBeNull();
      const trakt = value.replace('/film/', '/movies/');
      expect(TRAKT_LISTS.title({ ...element('data-url', trakt), querySelector: () => null } as unknown as Element), trakt).toBeNull();
    }
    expect(LETTERBOXD_LISTS.title(element('data-item-link', '/film/the-matrix/') as unknown as Element)).toEqual({
      page: '/film/the-matrix/',
    });
  });
});
