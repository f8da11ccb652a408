import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakePlexControl } from '../fake-plex/control';
import { expectNoSeriousViolations, runAxe } from './axe';
import { DEFAULT_ACCOUNT } from '../fake-plex/state';
import { startFakeSeerr, type FakeSeerr } from '../fake-seerr/server';
import { launchExtensionBrowser, until, type BrowserName, type ExtensionBrowser, type PageHandle } from './browser';
import { E2E_OUT_DIR } from './global-setup';
import { openSignedOutPopup } from './signed-out';
import { startSites, type Sites } from './sites/server';

/** The badge's host element, for close-up pictures. */
const BADGE = 'sidekick-plex-badge';

/** With the Plex sign-in, Seerr's session is its cookie, which the browser must keep for the background's calls. */
export function seerrSuite(name: BrowserName): void {
  describe(`options and Seerr requests in ${name}`, () => {
    const { plexUrl, extensionDir } = inject('e2e')[name];
    const plex = fakePlexControl(plexUrl);
    let sites: Sites;
    let browser: ExtensionBrowser;
    let seerr: FakeSeerr;
    let options: PageHandle;
    const pages: PageHandle[] = [];
    const shots = join(E2E_OUT_DIR, 'screenshots', name);

    async function open(url: string): Promise<PageHandle> {
      const page = await browser.openUrl(url);
      pages.push(page);
      return page;
    }
    const tmdb = (path: string) => sites.urlFor('www.themoviedb.org', path);
    const imdb = (id: string) => sites.urlFor('www.imdb.com', `/title/${id}/`);

    /** Types an address into the options page and saves it, with a real click (the permission prompt needs one). */
    async function saveAddress(address: string): Promise<void> {
      await options.evaluate((value) => {
        document.querySelector<HTMLInputElement>('[data-testid="seerr-url"]')!.value = value;
      }, address);
      await options.click('seerr-save');
    }

    beforeAll(async () => {
      await mkdir(shots, { recursive: true });
      sites = await startSites();
      browser = await launchExtensionBrowser(name, extensionDir, { sites });
      const popup = await openSignedOutPopup(browser, plex);
      const inception = (await plex.catalog()).find((t) => t.title === 'Inception')!;
      await plex.addServer({
        name: 'Home Server',
        connections: [{ local: true }],
        library: [{ guid: inception.guid, title: inception.title, section: 'Movies', ratingKey: '4242' }],
      });
      await plex.addServer({
        name: 'Cabin',
        connections: [{ local: true }],
        library: [{ guid: inception.guid, title: inception.title, section: 'Films', ratingKey: '77' }],
      });
      await popup.click('sign-in-code');
      await plex.approve({ code: await popup.waitForTestId('pin-code') });
      await popup.waitForTestId('server-item', { timeoutMs: 15_000 });
      await popup.close();
      seerr = await startFakeSeerr({ plexUrl });
      options = await browser.openPage('options.html');
    });
    afterAll(async () => {
      await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
      await browser?.close();
      await sites?.close();
      await seerr?.close();
    });

    it('saves the Seerr address, asking for its host permission, and says it is connected', async () => {
      // The popup's Options opens this page.
      const popup = await browser.openPage('popup.html');
      await popup.click('open-options');
      const opened = await browser.waitForTab((url) => url.endsWith('/options.html'));
      pages.push(opened, popup);
      await opened.waitForTestId('seerr-status', { text: /^No address set/ });
      await options.waitForTestId('seerr-status', { text: /^No address set/ });
      await saveAddress(`${seerr.url}/`);
      expect(await options.waitForTestId('seerr-status', { text: /^Connected/, timeoutMs: 15_000 })).toBe(
        `Connected as ${DEFAULT_ACCOUNT.username}.`,
      );
      // Saved without the trailing slash, and the browser granted the address's host.
      expect(await options.evaluate(() => document.querySelector<HTMLInputElement>('[data-testid="seerr-url"]')!.value)).toBe(seerr.url);
      const granted = await options.evaluate(
        (origin) =>
          (globalThis as unknown as { chrome: { permissions: { contains(p: object): Promise<boolean> } } }).chrome.permissions.contains({
            origins: [origin],
          }),
        'http://127.0.0.1/*',
      );
      expect(granted).toBe(true);
      expect(seerr.log().filter((e) => e.path === '/api/v1/auth/plex')).toHaveLength(1);
      await options.setColorScheme('light');
      expectNoSeriousViolations(await runAxe(options), `the options page in ${name}`);
      await options.screenshot(join(shots, 'options.png'), { element: 'body' });
    });

    it('lists the servers in the preferred order; the keyboard moves one up, and "Open in Plex" follows', async () => {
      const order = () =>
        options.evaluate(() => [...document.querySelectorAll('[data-testid="server-order-item"] .name')].map((e) => e.textContent));
      await until(async () => (await order()).length === 2, { message: 'two servers in the options page' });
      expect(await order()).toEqual(['Cabin', 'Home Server']);
      await options.evaluate(() =>
        document
          .querySelectorAll<HTMLButtonElement>('[data-testid="server-order-item"]')[1]!
          .querySelector<HTMLButtonElement>('[data-move="up"]')!
          .focus(),
      );
      await options.press('Enter');
      await until(async () => (await order())[0] === 'Home Server', { message: 'Home Server moved first' });
      // Focus stays on the moved server's button, so the keyboard can go on moving it.
      expect(await options.evaluate(() => document.activeElement?.closest('li')?.querySelector('.name')?.textContent)).toBe('Home Server');

      const page = await open(imdb('tt1375666'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      expect(await page.shadowAttribute('plex-open', 'href')).toContain('%2Flibrary%2Fmetadata%2F4242');
      await options.setColorScheme('dark');
      expectNoSeriousViolations(await runAxe(options), `the options page, dark, in ${name}`);
      await options.screenshot(join(shots, 'options-dark.png'), { element: 'body' });
      await options.setColorScheme('light');
    });

    it('requests a title that is not on Plex once, however fast the Request button is pressed twice', async () => {
      const page = await open(tmdb('/movie/603-the-matrix'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'not on your servers' });
      await page.waitForShadowTestId('request', { text: 'Request' });
      expectNoSeriousViolations(await runAxe(page, { include: BADGE }), `the badge with its Request button in ${name}`);
      await page.screenshot(join(shots, 'badge-request.png'), { element: `${BADGE} >> .badge`, margin: 12 });
      // Two presses of Enter on the button, the second while the first is out (Seerr holds it) and on the busy button itself.
      const release = seerr.holdRequests();
      await page.evaluate(() => {
        const root = document.querySelector('sidekick-plex-badge')!.shadowRoot!;
        root.querySelector<HTMLButtonElement>('[data-testid="request"]')!.focus();
      });
      await page.press('Enter');
      await until(async () => seerr.log().some((e) => e.method === 'POST' && e.path === '/api/v1/request'), {
        message: 'the first request to reach Seerr',
      });
      const focused = () =>
        page.evaluate(() => {
          const focus = document.querySelector('sidekick-plex-badge')!.shadowRoot!.activeElement;
          return [focus?.getAttribute('data-testid'), focus?.getAttribute('aria-busy')];
        });
      expect(await focused()).toEqual(['request', 'true']);
      await page.press('Enter');
      release();
      expect(await page.waitForShadowTestId('request-status', { text: /^Requested/ })).toBe('Requested · waiting for approval');
      await page.screenshot(join(shots, 'badge-requested.png'), { element: `${BADGE} >> .badge`, margin: 12 });
      const posts = seerr.log().filter((e) => e.method === 'POST' && e.path === '/api/v1/request');
      expect(posts.map((e) => e.body)).toEqual([{ mediaType: 'movie', mediaId: 603, is4k: false }]);
      // The session cookie from the options page's sign-in rode along: no second sign-in.
      expect(posts[0]!.cookie).toBe(true);
      expect(seerr.log().filter((e) => e.path === '/api/v1/auth/plex')).toHaveLength(1);
      expect(await page.isShadowVisible('request')).toBe(false);
      // On IMDb the TMDb id comes from Plex's match: the same title reads as requested there too.
      const onImdb = await open(imdb('tt0133093'));
      expect(await onImdb.waitForShadowTestId('request-status', { text: /^Requested/ })).toBe('Requested · waiting for approval');
      expect(await onImdb.isShadowVisible('request')).toBe(false);
    });

    it('signs in again once when the session has expired, and says when a quota is reached', async () => {
      seerr.expireSessions();
      seerr.quotaReached('tv');
      const page = await open(tmdb('/tv/1396-breaking-bad'));
      await page.waitForShadowTestId('request', { text: 'Request' });
      expect(seerr.log().filter((e) => e.path === '/api/v1/auth/plex')).toHaveLength(2);
      // A show offers its seasons, specials left out, all ticked: the request asks for all of them.
      expect(await page.shadowCount('request-season')).toBe(5);
      await page.clickShadow('request');
      expect(await page.waitForShadowTestId('request-status', { text: /limit/ })).toBe('Request limit reached for now');
      expect(
        seerr
          .log()
          .filter((e) => e.method === 'POST' && e.path === '/api/v1/request')
          .at(-1)?.body,
      ).toEqual({
        mediaType: 'tv',
        mediaId: 1396,
        is4k: false,
        seasons: 'all',
      });
      expect(await page.shadowAttribute('request-status', 'role')).toBe('alert');
    });

    it('says when the Plex account is not allowed there', async () => {
      seerr.deny(DEFAULT_ACCOUNT.id);
      seerr.expireSessions();
      await saveAddress(seerr.url);
      expect(await options.waitForTestId('seerr-status', { text: /not allowed/, timeoutMs: 15_000 })).toBe(
        'Your Plex account is not allowed there. Ask its owner to import or allow you.',
      );
      const page = await open(tmdb('/movie/999999-unknown-film'));
      expect(await page.waitForShadowTestId('request-status', { text: /may not/ })).toBe('Your Plex account may not request there');
    });

    it('says when the address cannot be reached', async () => {
      const port = Number(new URL(seerr.url).port);
      await seerr.close();
      await saveAddress(`http://127.0.0.1:${port}`);
      expect(await options.waitForTestId('seerr-status', { text: /Cannot reach/, timeoutMs: 15_000 })).toContain('Cannot reach it');
      const page = await open(tmdb('/movie/603-the-matrix'));
      expect(await page.waitForShadowTestId('request-status', { text: /reached/ })).toBe('Seerr cannot be reached');
    });

    it('shows no badge on a site turned off in the options page, and asks nothing there', async () => {
      // A page of its own, in front: keys go to the tab in front.
      const sitesPage = await browser.openPage('options.html');
      pages.push(sitesPage);
      await sitesPage.waitForTestId('site-toggle');
      await sitesPage.evaluate(() => document.querySelector<HTMLInputElement>('[data-testid="site-toggle"][data-site="imdb"]')!.focus());
      await sitesPage.press('Space');
      await until(() => sitesPage.evaluate(() => !document.querySelector<HTMLInputElement>('[data-site="imdb"]')!.checked), {
        message: 'the IMDb switch off',
      });
      const before = (await plex.requests()).length;
      const page = await open(imdb('tt0133093'));
      await page.waitForSelector('h1');
      // The TMDb switch is on: a TMDb page still gets its badge, so the IMDb one had time to appear.
      const other = await open(tmdb('/movie/27205-inception'));
      await other.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      expect(await page.shadowCount('plex-badge')).toBe(0);
      const matches = (await plex.requests()).slice(before).filter((r) => r.query.guid === 'imdb://tt0133093');
      expect(matches).toEqual([]);
      const again = await browser.openPage('options.html');
      pages.push(again);
      await again.waitForTestId('site-toggle');
      await again.evaluate(() => document.querySelector<HTMLInputElement>('[data-testid="site-toggle"][data-site="imdb"]')!.focus());
      await again.press('Space');
      // Turned on again: the open page shows its badge without a reload.
      await page.waitForShadowTestId('plex-badge-status', { text: 'not on your servers' });
    });
  });
}
