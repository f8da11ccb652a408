import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakePlexControl } from '../fake-plex/control';
import { launchExtensionBrowser, until, type BrowserName, type ExtensionBrowser, type PageHandle } from './browser';
import { startSites, type Sites } from './sites/server';

/**
 * Letterboxd and Trakt title pages, and the "on Plex" marks on the four sites' list pages, as a
 * person meets them: the fixture pages at the sites' real names, every Plex host this browser's fake.
 */
export function listsSuite(name: BrowserName): void {
  describe(`Letterboxd, Trakt and list pages in ${name}`, () => {
    const { plexUrl, extensionDir } = inject('e2e')[name];
    const plex = fakePlexControl(plexUrl);
    let sites: Sites;
    let browser: ExtensionBrowser;
    const pages: PageHandle[] = [];

    async function open(url: string): Promise<PageHandle> {
      const page = await browser.openUrl(url);
      pages.push(page);
      return page;
    }

    beforeAll(async () => {
      sites = await startSites();
      browser = await launchExtensionBrowser(name, extensionDir, { sites });
      await plex.reset();
      const catalog = await plex.catalog();
      const entry = (title: string) => catalog.find((t) => t.title === title);
      // Three titles of the fixtures' lists, with the ids a Plex agent gives them; the lists' other titles are on no server.
      const item = (title: string, section: string, ratingKey: string, guids: string[]) => ({
        // Arrival is in no fake catalogue: its Plex guid is made up, as only the index reads it.
        guid: entry(title)?.guid ?? 'plex://movie/5d7768a4ad5437001f74f5d1',
        title,
        section,
        ratingKey,
        guids,
      });
      await plex.addServer({
        name: 'Home Server',
        connections: [{ local: false }],
        library: [
          item('Inception', 'Movies', '4242', ['imdb://tt1375666', 'tmdb://27205']),
          item('Breaking Bad', 'TV Shows', '4343', ['imdb://tt0903747', 'tmdb://1396', 'tvdb://81189']),
          item('Arrival', 'Movies', '4444', ['imdb://tt2543164', 'tmdb://329865']),
        ],
      });
    });
    afterAll(async () => {
      await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
      await browser?.close();
      await sites?.close();
    });

    it('offers sign-in on a Letterboxd film page, and then says the film is on Plex, from the page’s own ids', async () => {
      const page = await open(sites.urlFor('letterboxd.com', '/film/inception/'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'signed out' });
      await page.clickShadow('plex-sign-in');
      const auth = await browser.waitForTab((url) => url.startsWith(`${plexUrl}/auth`));
      await auth.click('approve');
      await auth.waitForClose();
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      expect(await page.waitForShadowTestId('plex-badge-detail')).toBe('Home Server · Movies');
      // The badge sits after the film's name.
      expect(await page.evaluate(() => document.querySelector('sidekick-plex-badge')?.previousElementSibling?.className)).toContain(
        'headline-1',
      );
      // Plex was asked about the id the page's body names, not about the name on it.
      const asked = (await plex.requests()).filter((r) => r.path === '/library/metadata/matches').map((r) => r.query.guid);
      expect(asked).toContain('tmdb://27205');
    });

    it('shows the badge on Trakt movie and show pages, and says a film that is on no server is not', async () => {
      const show = await open(sites.urlFor('trakt.tv', '/shows/breaking-bad'));
      await show.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      expect(await show.waitForShadowTestId('plex-badge-detail')).toBe('Home Server · TV Shows');
      const movie = await open(sites.urlFor('trakt.tv', '/movies/the-matrix-1999'));
      await movie.waitForShadowTestId('plex-badge-status', { text: 'not on your servers' });
    });

    /** The list items that carry a mark, by their first link; and how many marks there are. */
    const markedItems = (page: PageHandle) =>
      page.evaluate(() =>
        [...document.querySelectorAll('sidekick-plex-mark')]
          .map((mark) => mark.closest('li, .card, .grid-item, .ipc-poster-card')?.querySelector('a[href]')?.getAttribute('href') ?? '?')
          .map((href) => href.replace(/[?#].*$/, '').replace(/\/$/, ''))
          .sort(),
      );
    async function waitForMarks(page: PageHandle, count: number, where: string): Promise<string[]> {
      return until(async () => (await page.shadowCount('plex-mark')) === count && markedItems(page), {
        timeoutMs: 20_000,
        message: `${count} marks on ${where}`,
      });
    }

    const LISTS: [host: string, path: string, marked: string[]][] = [
      ['www.imdb.com', '/chart/top/?more=20', ['/title/tt0903747', '/title/tt1375666', '/title/tt2543164']],
      ['www.imdb.com', '/list/ls000000001/', ['/title/tt0903747', '/title/tt1375666', '/title/tt2543164']],
      ['www.imdb.com', '/user/ur0000001/watchlist/', ['/title/tt0903747', '/title/tt1375666', '/title/tt2543164']],
      ['www.imdb.com', '/find/?q=fixture', ['/title/tt0903747', '/title/tt1375666', '/title/tt2543164']],
      ['www.themoviedb.org', '/movie?more=20', ['/movie/27205-inception', '/movie/329865-arrival', '/tv/1396-breaking-bad']],
      ['www.themoviedb.org', '/list/8245', ['/movie/27205-inception', '/movie/329865-arrival', '/tv/1396-breaking-bad']],
      ['letterboxd.com', '/fixture/list/favourites/?more=20', ['/film/arrival', '/film/breaking-bad', '/film/inception']],
      ['letterboxd.com', '/fixture/watchlist/', ['/film/arrival', '/film/breaking-bad', '/film/inception']],
      ['trakt.tv', '/users/fixture/lists/favourites?more=20', ['/movies/arrival-2016', '/movies/inception-2010', '/shows/breaking-bad']],
      ['trakt.tv', '/users/fixture/watchlist', ['/movies/arrival-2016', '/movies/inception-2010', '/shows/breaking-bad']],
    ];

    it('marks the indexed titles on list pages of all four sites, with the server in the tooltip, and asks Plex nothing per item', async () => {
      // The index is built after the sign-in above; the first list page's marks come once it is.
      const first = await open(sites.urlFor('www.imdb.com', '/chart/top/'));
      await waitForMarks(first, 3, 'the first list page, once the index is built');
      const plexBefore = (await plex.requests()).length;
      const serversBefore = (await plex.serverRequests()).length;
      for (const [host, path, marked] of LISTS) {
        const page = await open(sites.urlFor(host, path));
        expect(await waitForMarks(page, marked.length, `${host}${path}`)).toEqual(marked);
        expect(await page.shadowAttribute('plex-mark', 'title')).toBe('On Plex: Home Server');
        await page.close();
      }
      // Ten list pages of up to 27 items each: not one request to a Plex host, let alone one per item.
      expect((await plex.requests()).slice(plexBefore).map((r) => r.path)).toEqual([]);
      expect((await plex.serverRequests()).slice(serversBefore).map((r) => r.path)).toEqual([]);
    });

    it('marks items as they scroll into view, after the site loads more, and after it draws the list again', async () => {
      const page = await open(sites.urlFor('www.imdb.com', '/chart/top/?more=60'));
      await waitForMarks(page, 3, 'the top of a long chart');
      // The next page's items land far below the window: the known titles among them are marked once scrolled to.
      await page.evaluate(() => (window as unknown as { fixtureMore(): Promise<void> }).fixtureMore());
      await page.evaluate(() => document.querySelectorAll('li.ipc-metadata-list-summary-item')[67]?.scrollIntoView());
      await waitForMarks(page, 6, 'the chart after loading more and scrolling down');
      await page.evaluate(() => {
        (window as unknown as { fixtureRerender(): void }).fixtureRerender();
        window.scrollTo(0, 0);
      });
      expect(await waitForMarks(page, 3, 'the chart drawn again, at its top')).toEqual([
        '/title/tt0903747',
        '/title/tt1375666',
        '/title/tt2543164',
      ]);
    });

    it('shows no badge on a Letterboxd film page that names no ids, nor on list pages', async () => {
      const bare = await open(sites.urlFor('letterboxd.com', '/film/inception/?fixture=no-ids'));
      const list = await open(sites.urlFor('letterboxd.com', '/fixture/list/favourites/'));
      // A page with a badge has it within a second or two (the title pages above); these have had that long.
      await open(sites.urlFor('letterboxd.com', '/film/inception/')).then((page) =>
        page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' }),
      );
      expect(await bare.shadowCount('plex-badge-status')).toBe(0);
      expect(await list.shadowCount('plex-badge-status')).toBe(0);
    });
  });
}
