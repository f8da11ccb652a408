import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakePlexControl } from '../fake-plex/control';
import { launchExtensionBrowser, type BrowserName, type ExtensionBrowser, type PageHandle } from './browser';
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
      const entry = (title: string) => catalog.find((t) => t.title === title)!;
      await plex.addServer({
        name: 'Home Server',
        connections: [{ local: false }],
        library: [
          { guid: entry('Inception').guid, title: 'Inception', section: 'Movies', ratingKey: '4242' },
          { guid: entry('Breaking Bad').guid, title: 'Breaking Bad', section: 'TV Shows', ratingKey: '4343' },
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
      const movie = await open(sites.urlFor('trakt.tv', '/movies/the-matrix'));
      await movie.waitForShadowTestId('plex-badge-status', { text: 'not on your servers' });
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
