import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakePlexControl } from '../fake-plex/control';
import { launchExtensionBrowser, until, type BrowserName, type ExtensionBrowser, type PageHandle } from './browser';
import { startSites, type Sites } from './sites/server';

/** The page reads a Letterboxd or Trakt visit may make (src/page-marks/page-reader.ts's PAGE_READS). */
const PAGE_READS = 100;
/** Fixture Film 70, and one in fifty on a list's first four pages past the first screens, so no message of 100 titles lacks one. */
const DEEP_FILLERS = [70, ...Array.from({ length: 80 }, (_, n) => 10 + 50 * n).filter((n) => (n > 100 && n < 1000) || n > 1100)];
/** A page script's CSS that squeezes every item of a list into the window at once, as a hostile page can. */
const SQUEEZE = (list: string, item: string) =>
  `${list}{display:grid!important;grid-template-columns:repeat(auto-fill,3px)!important;gap:0!important;padding:0!important}` +
  `${item}{width:3px!important;height:3px!important;min-height:0!important;padding:0!important;border:0!important;overflow:hidden!important}`;

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
      // Made-up films deep in long lists (fixtures' fillerTitle): far past the lists' first screens.
      const filler = (n: number) => ({
        guid: `plex://movie/5d7768a4ad5437001f7${String(n).padStart(5, '0')}`,
        title: `Fixture Film ${n}`,
        section: 'Movies',
        ratingKey: String(50_000 + n),
        guids: [`imdb://tt${7_000_000 + n}`, `tmdb://${700_000 + n}`],
      });
      await plex.addServer({
        name: 'Home Server',
        connections: [{ local: false }],
        library: [
          item('Inception', 'Movies', '4242', ['imdb://tt1375666', 'tmdb://27205']),
          item('Breaking Bad', 'TV Shows', '4343', ['imdb://tt0903747', 'tmdb://1396', 'tvdb://81189']),
          item('Arrival', 'Movies', '4444', ['imdb://tt2543164', 'tmdb://329865']),
          ...DEEP_FILLERS.map(filler),
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

    it('reads at most 100 film pages in a Letterboxd visit that adds posters without end; marks stop there, the next visit works', async () => {
      const start = sites.requests().length;
      const reads = () =>
        sites
          .requests()
          .slice(start)
          .filter((r) => r.host === 'letterboxd.com' && r.path.startsWith('/film/')).length;
      const page = await open(sites.urlFor('letterboxd.com', '/fixture/list/hostile/?more=150'));
      await waitForMarks(page, 3, 'the first screen of a long Letterboxd list');
      // The page's script puts all 157 posters in view at once, then adds two more pages of them.
      await page.evaluate(
        (css) => {
          const style = document.createElement('style');
          style.textContent = css;
          document.head.append(style);
        },
        SQUEEZE('ul[data-fixture="list"]', 'li.posteritem'),
      );
      await until(async () => reads() >= PAGE_READS, { timeoutMs: 60_000, message: 'the visit’s reads used up' });
      // Fixture Film 70 was read within the bound and is on the server: marked. Film 110 was not read.
      expect(await waitForMarks(page, 4, 'the known films read within the bound')).toContain('/film/fixture-film-70');
      await page.evaluate(async () => {
        const more = (window as unknown as { fixtureMore(): Promise<void> }).fixtureMore;
        await more();
        await more();
      });
      // The new pages' known films were read before: marked from this visit's answers, with no new read.
      expect(await waitForMarks(page, 10, 'the known films of the added pages')).not.toContain('/film/fixture-film-110');
      expect(reads()).toBe(PAGE_READS);
      // The tab's next visit reads again: its film page's badge, and a list's marks.
      await page.evaluate(() => location.assign('/film/inception/'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      await page.evaluate(() => location.assign('/fixture/watchlist/'));
      await waitForMarks(page, 3, 'the watchlist visited next in the same tab');
    });

    it('keeps a flood of titles within the background’s per-tab limits: every known title is marked, and the tab marks again later', async () => {
      const page = await open(sites.urlFor('www.imdb.com', '/chart/top/?more=1000'));
      await waitForMarks(page, 3, 'the first screen of a long chart');
      // 1,007 rows and three more pages: about 4,000 titles, 41 messages of 100; the background answers 10 at once, then one per 200 ms.
      await page.evaluate(
        async (css) => {
          const style = document.createElement('style');
          style.textContent = css;
          document.head.append(style);
          const more = (window as unknown as { fixtureMore(): Promise<void> }).fixtureMore;
          await Promise.all([more(), more(), more()]);
        },
        SQUEEZE('ul[data-fixture="list"]', 'li.ipc-metadata-list-summary-item'),
      );
      // Three known titles on each of the four pages and the 77 films of the Home Server among them: none lost to a refusal.
      const marked = await until(async () => (await page.shadowCount('plex-mark')) === 12 + DEEP_FILLERS.length && markedItems(page), {
        timeoutMs: 60_000,
        message: `${12 + DEEP_FILLERS.length} marks on the flooded chart`,
      });
      expect(marked).toEqual(expect.arrayContaining(['/title/tt7000070', '/title/tt7000110', '/title/tt7003960']));
      // The same tab's next visit is marked at once: the flood left it no debt.
      await page.evaluate(() => location.assign('/list/ls000000001/'));
      await waitForMarks(page, 3, 'a list visited next in the same tab');
    });

    it('marks nothing on a site switched off in the options page, reads none of its pages, and marks again once switched on', async () => {
      const list = await open(sites.urlFor('trakt.tv', '/users/fixture/lists/favourites'));
      await waitForMarks(list, 3, 'a Trakt list before the switch');
      const toggle = async (site: string) => {
        const options = await browser.openPage('options.html');
        pages.push(options);
        await options.waitForTestId('site-toggle');
        const checked = await options.evaluate((s) => document.querySelector<HTMLInputElement>(`[data-site="${s}"]`)!.checked, site);
        await options.evaluate(
          (s) => document.querySelector<HTMLInputElement>(`[data-testid="site-toggle"][data-site="${s}"]`)!.focus(),
          site,
        );
        await options.press('Space');
        await until(
          () =>
            options
              .evaluate((s) => document.querySelector<HTMLInputElement>(`[data-site="${s}"]`)!.checked, site)
              .then((now) => now !== checked),
          {
            message: `the ${site} switch flipped`,
          },
        );
        await options.close();
      };
      await toggle('trakt');
      // The open list loses its marks; a new one gets none and reads no title page.
      await waitForMarks(list, 0, 'the Trakt list once switched off');
      const before = sites.requests().length;
      const watchlist = await open(sites.urlFor('trakt.tv', '/users/fixture/watchlist'));
      // Letterboxd's switch is on: its list is marked, so the Trakt one had as long to be.
      await waitForMarks(await open(sites.urlFor('letterboxd.com', '/fixture/watchlist/')), 3, 'a Letterboxd list, its switch on');
      expect(await watchlist.shadowCount('plex-mark')).toBe(0);
      expect(
        sites
          .requests()
          .slice(before)
          .filter((r) => r.host === 'trakt.tv' && /^\/(?:movies|shows)\//.test(r.path)),
      ).toEqual([]);
      await toggle('trakt');
      // Switched on again: both open Trakt pages mark without a reload.
      expect(await waitForMarks(watchlist, 3, 'the Trakt watchlist switched on again')).toEqual([
        '/movies/arrival-2016',
        '/movies/inception-2010',
        '/shows/breaking-bad',
      ]);
      await waitForMarks(list, 3, 'the Trakt list switched on again');
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
