import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogTitle, FakeServerInfo } from '../fake-plex/types';
import { invalidTokenFault } from '../fake-plex/faults';
import { until, type BrowserName, type PageHandle } from './browser';
import { readSecrets } from './secrets';
import { openSignedOutPopup } from './signed-out';
import { suiteBrowser } from './suite-browser';

// Invented but stable catalogue keys for two fixture titles the default catalogue lacks.
const ARRIVAL_KEY = '5d9f35000000000000000a01';
const DUNE_KEY = '5d9f35000000000000000d01';

export function realAnswersSuite(name: BrowserName): void {
  describe(`Plex's real answers in ${name}`, () => {
    const { plex, plexUrl, browser, sites, open, closePages } = suiteBrowser(name);
    let popup: PageHandle;

    async function signIn(): Promise<void> {
      await popup.click('sign-in-code');
      await plex.approve({ code: await popup.waitForTestId('pin-code') });
      await popup.waitForTestId('account-name');
    }

    /** Plex's catalogue down to one film, which one server on this network holds; signed in once it is reachable. */
    async function signInWithOneFilm(
      film: Omit<CatalogTitle, 'type'>,
      server: { name: string; ratingKey?: string },
    ): Promise<FakeServerInfo> {
      await plex.setCatalog([{ ...film, type: 'movie' }]);
      const held = { guid: `plex://movie/${film.ratingKey}`, title: film.title, year: film.year, section: 'Movies' };
      const added = await plex.addServer({
        name: server.name,
        connections: [{ local: true }],
        library: [server.ratingKey ? { ...held, ratingKey: server.ratingKey } : held],
      });
      await signIn();
      await popup.waitForTestId('server-status', { text: 'Reachable on your network', timeoutMs: 15_000 });
      return added;
    }

    /** Each server in the popup's list: its own name (without "shared by"), status and status words. */
    const listed = () =>
      popup.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-testid="server-item"]')].map((item) => [
          item.querySelector('.server-name')?.firstChild?.textContent ?? '',
          item.dataset.status ?? '',
          item.querySelector('[data-testid="server-status"]')?.textContent ?? '',
        ]),
      );

    /** Waits until the popup lists this many servers and has finished checking each. */
    async function waitForList(count: number): Promise<string[][]> {
      await until(
        async () => {
          const items = await listed();
          return items.length === count && items.every(([, status]) => status !== 'checking');
        },
        { timeoutMs: 15_000, message: `${count} servers listed and checked` },
      );
      return listed();
    }

    /** Every link in the badge's shadow root. */
    const badgeLinks = (page: PageHandle) =>
      page.evaluate(() =>
        [...(document.querySelector('sidekick-plex-badge')?.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href')),
      );

    beforeEach(async () => {
      popup = await openSignedOutPopup(browser, plex);
      // A badge left open would ask again on the next sign-in, into the next story's requests.
      return async () => {
        await closePages();
        await popup.close().catch(() => undefined);
      };
    });
    afterAll(async () => {
      // The suites after this one share the fake: leave it with the default catalogue and no servers.
      await plex.reset();
    });

    it('says Plex does not know a title when Plex matches its id to another title, with no link to that one', async () => {
      // Plex's matcher answers Dune for Arrival's IMDb id, and a server holds Dune.
      await signInWithOneFilm(
        {
          ratingKey: DUNE_KEY,
          title: 'Dune',
          year: 2021,
          externalIds: ['imdb://tt1160419', 'tmdb://438631'],
          alsoMatches: ['imdb://tt2543164'],
        },
        { name: 'Home Server' },
      );

      const page = await open(sites.urlFor('www.imdb.com', '/title/tt2543164/'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'not on your servers' });
      expect(await page.waitForShadowTestId('plex-badge-detail')).toBe('Plex does not know this title.');
      expect(await badgeLinks(page)).toEqual([]);
      expect(await page.shadowCount('watchlist-toggle')).toBe(0);
      // Plex was asked, and did answer with the other title.
      const asked = (await plex.requests()).filter((r) => r.path === '/library/metadata/matches' && r.query.guid === 'imdb://tt2543164');
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((r) => r.query.includeGuids === '1')).toBe(true);
    });

    it('finds a title whose match has no ratingKey by its guid, and puts that key on the watchlist', async () => {
      const box = await signInWithOneFilm(
        { ratingKey: ARRIVAL_KEY, title: 'Arrival', year: 2016, externalIds: ['imdb://tt2543164', 'tmdb://329865'], omitRatingKey: true },
        { name: 'Box', ratingKey: '31' },
      );

      const page = await open(sites.urlFor('www.themoviedb.org', '/movie/329865-arrival'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      expect(await page.waitForShadowTestId('plex-badge-detail')).toBe('Box · Movies');
      expect(await page.shadowAttribute('plex-open', 'href')).toBe(
        `${plexUrl}/desktop#!/server/${box.machineIdentifier}/details?key=%2Flibrary%2Fmetadata%2F31`,
      );

      await page.clickShadow('watchlist-toggle');
      await page.waitForShadowTestId('watchlist-toggle', { text: /On watchlist/ });
      expect(await plex.watchlist()).toEqual([ARRIVAL_KEY]);
      await page.clickShadow('watchlist-toggle');
      await page.waitForShadowTestId('watchlist-toggle', { text: /\+ Watchlist/ });
      expect(await plex.watchlist()).toEqual([]);
    });

    it('ends the session when plex.tv answers 422 "Invalid token", as it does for 401', async () => {
      await signIn();
      expect((await readSecrets(popup)).token).toEqual(expect.any(String));
      await popup.close();
      // A dead token stays dead: every call answers 422, also the background's own Plex Home check that may come first.
      await plex.fault({ ...invalidTokenFault('/api/v2/user'), times: 5 });
      // Opening the popup checks the session with plex.tv.
      popup = await browser.openPage('popup.html');
      expect(await popup.waitForTestId('session-ended')).toMatch(/session ended/);
      expect(await popup.isVisible('sign-in')).toBe(true);
      expect(await popup.isVisible('sign-in-code')).toBe(true);
      expect((await readSecrets(popup)).token).toBeUndefined();
      expect((await plex.requests()).some((r) => r.path === '/api/v2/user')).toBe(true);
    });

    it('tries local addresses of a Plex Home server on this network, never those of a friend or of a Home away', async () => {
      await signIn();
      const inception = (await plex.catalog()).find((t) => t.title === 'Inception')!;
      // Each is listed only at a local address that works: only the rules keep a client off it.
      const family = await plex.addServer({
        name: 'Family Room',
        owned: false,
        home: true,
        publicAddressMatches: true,
        sourceTitle: 'Sam',
        connections: [{ local: true }],
        library: [{ guid: inception.guid, title: inception.title, section: 'Movies', ratingKey: '12' }],
      });
      const friend = await plex.addServer({
        name: 'Friend Server',
        owned: false,
        sourceTitle: 'Jo',
        connections: [{ local: true }],
        library: [{ guid: inception.guid, title: inception.title, section: 'Films' }],
      });
      const away = await plex.addServer({
        name: 'Holiday Home',
        owned: false,
        home: true,
        publicAddressMatches: false,
        sourceTitle: 'Sam',
        connections: [{ local: true }],
        library: [{ guid: inception.guid, title: inception.title, section: 'Films' }],
      });
      await popup.click('refresh-servers');
      const items = await waitForList(3);
      expect(items).toEqual([
        ['Family Room', 'reachable', 'Reachable on your network'],
        ['Friend Server', 'unreachable', 'Unreachable'],
        ['Holiday Home', 'unreachable', 'Unreachable'],
      ]);

      const page = await open(sites.urlFor('www.imdb.com', '/title/tt1375666/'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      expect(await page.waitForShadowTestId('plex-badge-detail')).toMatch(/^Family Room · Movies(;|$)/);
      expect(await badgeLinks(page)).toEqual([
        `${plexUrl}/desktop#!/server/${family.machineIdentifier}/details?key=%2Flibrary%2Fmetadata%2F12`,
      ]);

      const reached = new Set((await plex.serverRequests()).map((r) => r.server));
      expect(reached.has(family.machineIdentifier)).toBe(true);
      expect(reached.has(friend.machineIdentifier)).toBe(false);
      expect(reached.has(away.machineIdentifier)).toBe(false);
    });
  });
}
