import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakePlexControl, type FakeServerInfo } from '../fake-plex/control';
import { expectNoSeriousViolations, runAxe } from './axe';
import { launchExtensionBrowser, until, type BrowserName, type ExtensionBrowser, type PageHandle } from './browser';
import { focused, tabThrough, withoutRing } from './focus';
import { E2E_OUT_DIR } from './global-setup';
import { readSecrets } from './secrets';
import { startSites, type Sites } from './sites/server';

/** The extension API as seen inside its pages, where these functions run. */
declare const chrome: {
  storage: Record<'local' | 'session' | 'sync', { get(keys: null): Promise<Record<string, unknown>> }>;
};

/** The badge's host element; axe and close-up pictures go inside it. */
const BADGE = 'sidekick-plex-badge';

/**
 * The badge on IMDb and TMDb title pages, as a person meets it: the fixture pages are served at
 * the sites' real names over HTTPS from 127.0.0.1, every Plex host is this browser's fake, and
 * the account's servers are fake media servers on other ports.
 */
export function titlesSuite(name: BrowserName): void {
  describe(`the badge on title pages in ${name}`, () => {
    const { plexUrl, extensionDir } = inject('e2e')[name];
    const plex = fakePlexControl(plexUrl);
    let sites: Sites;
    let browser: ExtensionBrowser;
    let home: FakeServerInfo;
    let catalog: Awaited<ReturnType<typeof plex.catalog>>;
    const pages: PageHandle[] = [];

    const titleKey = (title: string) => catalog.find((t) => t.title === title)!.ratingKey;
    async function open(url: string): Promise<PageHandle> {
      const page = await browser.openUrl(url);
      pages.push(page);
      return page;
    }
    const imdb = (id: string) => sites.urlFor('www.imdb.com', `/title/${id}/`);
    const tmdb = (path: string) => sites.urlFor('www.themoviedb.org', path);

    beforeAll(async () => {
      sites = await startSites();
      browser = await launchExtensionBrowser(name, extensionDir, { sites });
      await plex.reset();
      catalog = await plex.catalog();
      const inception = catalog.find((t) => t.title === 'Inception')!;
      home = await plex.addServer({
        name: 'Home Server',
        // The local address is dead, so the badge also proves the remote one was chosen.
        connections: [{ local: true, behaviour: 'refuse' }, { local: false }],
        library: [{ guid: inception.guid, title: inception.title, section: 'Movies', ratingKey: '4242' }],
      });
    });
    afterAll(async () => {
      await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
      await browser?.close();
      await sites?.close();
    });

    it('offers sign-in on a title page when signed out, and shows the title once signed in there', async () => {
      const page = await open(imdb('tt1375666'));
      expect(await page.waitForShadowTestId('plex-badge-status', { text: 'signed out' })).toBe('signed out');
      await page.clickShadow('plex-sign-in');
      const auth = await browser.waitForTab((url) => url.startsWith(`${plexUrl}/auth`));
      await auth.click('approve');
      await auth.waitForClose();
      // The open page hears about the sign-in and asks again by itself.
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
    });

    it('says which server and library have it, and links to it in Plex Web', async () => {
      const page = await open(imdb('tt1375666'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      expect(await page.waitForShadowTestId('plex-badge-detail')).toBe('Home Server · Movies');
      expect(await page.shadowAttribute('plex-open', 'href')).toBe(
        `${plexUrl}/desktop#!/server/${home.machineIdentifier}/details?key=%2Flibrary%2Fmetadata%2F4242`,
      );
      expect(await page.shadowAttribute('plex-open', 'target')).toBe('_blank');
      // The README's picture of the badge comes from here.
      const shots = join(E2E_OUT_DIR, 'screenshots');
      await mkdir(shots, { recursive: true });
      await page.screenshot(join(shots, `${name}-badge-imdb.png`));
      const used = (await plex.serverRequests()).filter((r) => r.path === '/library/all').map((r) => r.connection);
      expect(new Set(used)).toEqual(new Set([1]));
    });

    /** axe inside the badge only (its host and open shadow root), not the fixture page around it. */
    async function checkBadge(page: PageHandle, where: string): Promise<void> {
      const report = await runAxe(page, { include: BADGE });
      // axe looked inside the shadow root, not only at the empty-looking host.
      expect(report.shadowNodes).toBeGreaterThan(0);
      expectNoSeriousViolations(report, `the badge ${where} in ${name}`);
    }
    /** Puts focus on the page's own link before the badge, so the next Tab is the first into it. */
    const focusSiteNav = (page: PageHandle) =>
      page.evaluate(() => document.querySelector<HTMLElement>('#site-nav a, #site-header a')?.focus());
    const badgeShots = join(E2E_OUT_DIR, 'screenshots', name);

    it('passes axe on a dark and a light page; Tab goes through its controls with a focus ring; Space toggles the watchlist', async () => {
      await mkdir(badgeShots, { recursive: true });
      const page = await open(imdb('tt1375666'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      expect(await page.shadowAttribute('plex-badge', 'data-theme')).toBe('dark');
      await checkBadge(page, 'on a dark IMDb page');
      await page.screenshot(join(badgeShots, 'badge-on-plex-dark.png'), { element: `${BADGE} >> .badge`, margin: 12 });

      await focusSiteNav(page);
      const stops = await tabThrough(page, 3);
      expect(stops.map((s) => [s.id, s.inShadow])).toEqual([
        ['plex-open', true],
        ['watchlist-toggle', true],
        // On out of the badge, to the page's next link.
        ['<a>', false],
      ]);
      expect(withoutRing(stops.slice(0, 2))).toEqual([]);

      // Back to the toggle; Space works it, twice, leaving the watchlist as it was.
      await focusSiteNav(page);
      await tabThrough(page, 2);
      expect(await page.shadowAttribute('watchlist-toggle', 'aria-pressed')).toBe('false');
      await page.press('Space');
      await until(async () => (await page.shadowAttribute('watchlist-toggle', 'aria-pressed')) === 'true', {
        message: 'the watchlist toggle pressed from the keyboard',
      });
      expect(await plex.watchlist()).toEqual([titleKey('Inception')]);
      // Focus is lost once the toggle has been worked (see the known bug below): put it back.
      await page.evaluate(() => document.querySelector('sidekick-plex-badge')?.shadowRoot?.querySelector<HTMLElement>('[data-testid="watchlist-toggle"]')?.focus());
      await page.press('Space');
      await until(async () => (await page.shadowAttribute('watchlist-toggle', 'aria-pressed')) === 'false', {
        message: 'the watchlist toggle released from the keyboard',
      });
      expect(await plex.watchlist()).toEqual([]);

      const light = await open(tmdb('/movie/603-the-matrix'));
      await light.waitForShadowTestId('plex-badge-status', { text: 'not on your servers' });
      expect(await light.shadowAttribute('plex-badge', 'data-theme')).toBe('light');
      await checkBadge(light, 'on a light TMDb page');
      await light.screenshot(join(badgeShots, 'badge-not-on-servers-light.png'), { element: `${BADGE} >> .badge`, margin: 12 });
    });

    it('keeps keyboard focus on the watchlist toggle after Space works it', async () => {
      const page = await open(imdb('tt1375666'));
      await page.waitForShadowTestId('watchlist-toggle');
      await focusSiteNav(page);
      await tabThrough(page, 2);
      expect((await focused(page)).id).toBe('watchlist-toggle');
      await page.press('Space');
      try {
        await until(async () => (await page.shadowAttribute('watchlist-toggle', 'aria-pressed')) === 'true', {
          message: 'the watchlist toggle pressed from the keyboard',
        });
        await until(async () => (await focused(page)).id === 'watchlist-toggle', { timeoutMs: 1000, message: 'focus back on the toggle' });
      } finally {
        await page.evaluate(() => document.querySelector('sidekick-plex-badge')?.shadowRoot?.querySelector<HTMLElement>('[data-testid="watchlist-toggle"]')?.focus());
        await page.press('Space');
        await until(async () => (await page.shadowAttribute('watchlist-toggle', 'aria-pressed')) === 'false', {
          message: 'the watchlist toggle released again',
        });
      }
    });

    it('adds a title that is on no server to the watchlist, and takes it off again', async () => {
      const page = await open(tmdb('/movie/603-the-matrix'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'not on your servers' });
      expect(await page.shadowAttribute('watchlist-toggle', 'aria-pressed')).toBe('false');

      await page.clickShadow('watchlist-toggle');
      await page.waitForShadowTestId('watchlist-toggle', { text: /On watchlist/ });
      expect(await page.shadowAttribute('watchlist-toggle', 'aria-pressed')).toBe('true');
      expect(await plex.watchlist()).toEqual([titleKey('The Matrix')]);

      await page.clickShadow('watchlist-toggle');
      await page.waitForShadowTestId('watchlist-toggle', { text: /\+ Watchlist/ });
      expect(await plex.watchlist()).toEqual([]);
    });

    it('follows the site’s own navigation to another title, with one badge', async () => {
      const page = await open(imdb('tt1375666'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      await page.clickLink('a[data-fixture="spa-link"]');
      await page.waitForUrl((url) => url.includes('/title/tt0133093/'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'not on your servers' });
      expect(await page.shadowCount('plex-badge')).toBe(1);
      // Re-rendered heading: the badge still sits right after it.
      expect(await page.evaluate(() => document.querySelector('h1')?.nextElementSibling?.localName)).toBe('sidekick-plex-badge');
    });

    it('lists the servers in the popup and says which one could not be reached', async () => {
      await plex.addServer({ name: 'Cabin', connections: [{ local: true, behaviour: 'refuse' }] });
      const popup = await browser.openPage('popup.html');
      pages.push(popup);
      await popup.waitForTestId('server-list');
      await popup.click('refresh-servers');
      await popup.waitForTestId('server-status', { text: 'Unreachable' });
      const items = await popup.evaluate(() =>
        [...document.querySelectorAll('[data-testid="server-item"]')].map((item) => item.textContent?.replace(/\s+/g, ' ').trim()),
      );
      expect(items).toEqual(['CabinUnreachable', 'Home ServerReachable']);

      const page = await open(tmdb('/movie/27205-inception'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      expect(await page.waitForShadowTestId('plex-badge-detail')).toBe('Home Server · Movies; Cabin unreachable');
    });

    it('shows names from Plex as text, never as markup', async () => {
      const show = catalog.find((t) => t.type === 'show')!;
      const name = '<img src=x onerror="document.title=1">Den';
      await plex.addServer({ name, connections: [{ local: true }], library: [{ guid: show.guid, title: show.title, section: '<b>TV</b>' }] });
      const popup = await browser.openPage('popup.html');
      pages.push(popup);
      await popup.click('refresh-servers');
      await popup.waitForTestId('server-status', { text: 'Reachable on your network' });
      expect(await popup.evaluate(() => document.querySelector('[data-testid="server-list"] img, [data-testid="server-list"] b'))).toBeNull();
      expect(await popup.evaluate(() => document.querySelector('[data-testid="server-list"]')?.textContent)).toContain(name);

      const page = await open(sites.urlFor('m.imdb.com', '/title/tt0903747/'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      expect(await page.waitForShadowTestId('plex-badge-detail')).toBe(`${name} · <b>TV</b>; Cabin unreachable`);
      expect(await page.evaluate(() => [...document.querySelectorAll('*')].some((e) => e.shadowRoot?.querySelector('img, b')))).toBe(false);
    });

    it('keeps every token out of pages, synced storage and page requests', async () => {
      const popup = await browser.openPage('popup.html');
      pages.push(popup);
      const stored = await popup.evaluate(async () => ({
        local: await chrome.storage.local.get(null),
        session: await chrome.storage.session.get(null),
        sync: await chrome.storage.sync.get(null),
      }));
      // The tokens live in the extension's own IndexedDB; storage.local, which content scripts can read, holds none.
      const token = (await readSecrets(popup)).token as string;
      expect(token).toEqual(expect.any(String));
      const secrets = [token, home.accessToken];
      expect(stored.sync).toEqual({});
      for (const secret of secrets) {
        expect(JSON.stringify(stored.local)).not.toContain(secret);
        expect(JSON.stringify(stored.session)).not.toContain(secret);
      }

      const page = await open(imdb('tt1375666'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      const html = await page.evaluate(() =>
        [document.documentElement.outerHTML, ...[...document.querySelectorAll('*')].map((e) => e.shadowRoot?.innerHTML ?? '')].join('\n'),
      );
      for (const secret of secrets) {
        expect(html).not.toContain(secret);
        expect(JSON.stringify(sites.requests())).not.toContain(secret);
      }
    });

    it('turns open badges back to "sign in" when the person signs out in the popup', async () => {
      const page = await open(tmdb('/movie/999999'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'not on your servers' });
      expect(await page.waitForShadowTestId('plex-badge-detail')).toBe('Plex does not know this title.');
      const popup = await browser.openPage('popup.html');
      pages.push(popup);
      await popup.click('sign-out');
      await popup.waitForTestId('sign-in');
      await page.waitForShadowTestId('plex-badge-status', { text: 'signed out' });
      expect(await page.isShadowVisible('plex-sign-in')).toBe(true);
    });

    it('signed out: passes axe, Tab reaches "sign in", Enter works it, and a live region that stays put says each status', async () => {
      const page = await open(imdb('tt1375666'));
      await page.waitForShadowTestId('plex-sign-in');
      await checkBadge(page, 'signed out on a dark IMDb page');
      await page.screenshot(join(badgeShots, 'badge-signed-out-dark.png'), { element: `${BADGE} >> .badge`, margin: 12 });

      // The live region: in the shadow root, outside the part that is drawn afresh at each change.
      const liveRegion = (mark = false) =>
        page.evaluate((mark) => {
          const root = document.querySelector('sidekick-plex-badge')?.shadowRoot;
          const regions = [...(root?.querySelectorAll<HTMLElement>('[role="status"], [role="alert"], [aria-live]') ?? [])].filter(
            (region) => !region.closest('[data-testid="plex-badge"]') && region.getAttribute('aria-live') !== 'off',
          );
          const region = regions[0] as (HTMLElement & { original?: boolean }) | undefined;
          if (!region) return null;
          if (mark) region.original = true;
          return { count: regions.length, text: region.textContent, kept: region.original === true, role: region.getAttribute('role') };
        }, mark);
      const statusText = () => page.waitForShadowTestId('plex-badge-status');
      expect(await liveRegion(true)).toEqual({ count: 1, text: await statusText(), kept: true, role: 'status' });

      await focusSiteNav(page);
      const stops = await tabThrough(page, 2);
      expect(stops.map((s) => [s.id, s.inShadow])).toEqual([
        ['plex-sign-in', true],
        ['<a>', false],
      ]);
      expect(withoutRing(stops.slice(0, 1))).toEqual([]);
      await focusSiteNav(page);
      await tabThrough(page, 1);
      expect((await focused(page)).id).toBe('plex-sign-in');
      await page.press('Enter');
      const auth = await browser.waitForTab((url) => url.startsWith(`${plexUrl}/auth`));
      await auth.click('approve');
      await auth.waitForClose();
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      // The same region, now saying the new status.
      await until(async () => (await liveRegion())?.text === 'on Plex', { message: 'the live region to say "on Plex"' });
      expect(await liveRegion()).toEqual({ count: 1, text: 'on Plex', kept: true, role: 'status' });
    });
  });
}
