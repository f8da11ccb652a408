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

export function titlesSuite(name: BrowserName): void {
  describe(`the badge on title pages in ${name}`, () => {
    const { plexUrl, extensionDir, closedExtensionDir } = inject('e2e')[name];
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
      // Whether the lookup or the library index asked the home server, only its remote connection carried it.
      const used = (await plex.serverRequests()).filter((r) => r.path.startsWith('/library/')).map((r) => r.connection);
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
      await page.evaluate(() =>
        document.querySelector('sidekick-plex-badge')?.shadowRoot?.querySelector<HTMLElement>('[data-testid="watchlist-toggle"]')?.focus(),
      );
      await page.press('Space');
      await until(async () => (await page.shadowAttribute('watchlist-toggle', 'aria-pressed')) === 'false', {
        message: 'the watchlist toggle released from the keyboard',
      });
      expect(await plex.watchlist()).toEqual([]);

      const light = await open(tmdb('/movie/999999-unknown-film'));
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
        await page.evaluate(() =>
          document
            .querySelector('sidekick-plex-badge')
            ?.shadowRoot?.querySelector<HTMLElement>('[data-testid="watchlist-toggle"]')
            ?.focus(),
        );
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

    /** What sits right before the badge's host, and whether it floats; null when there is no badge. */
    const placement = (page: PageHandle) =>
      page.evaluate(() => {
        const host = document.querySelector('sidekick-plex-badge');
        if (!host) return null;
        const before = host.previousElementSibling;
        return {
          after: before
            ? `${before.localName}${before.getAttribute('data-testid') ? `[${before.getAttribute('data-testid')}]` : ''}`
            : null,
          floating: getComputedStyle(host).position === 'fixed',
        };
      });
    /** Matches requests for one IMDb id, oldest first: each lookup asks for the page's hinted kind first. */
    const matchesFor = async (id: string) =>
      (await plex.requests()).filter((r) => r.path === '/library/metadata/matches' && r.query.guid === `imdb://${id}`);

    it('puts the badge after the title on title pages and sub-pages, and none over the media viewer', async () => {
      const page = await open(imdb('tt1375666'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      expect(await placement(page)).toEqual({ after: 'h1[hero__pageTitle]', floating: false });

      const expectations: [string, string][] = [
        ['credits-link', 'hgroup'],
        ['reviews-link', 'hgroup'],
        ['reference-link', 'h1'],
      ];
      for (const [link, after] of expectations) {
        const target = await page.evaluate((l) => document.querySelector<HTMLAnchorElement>(`a[data-fixture="${l}"]`)!.href, link);
        await page.clickLink(`a[data-fixture="${link}"]`);
        // Two sub-pages put it after the same element: wait for the new page, not the old one's badge.
        await page.waitForUrl((url) => url === target);
        await until(async () => (await placement(page))?.after === after, { message: `the badge after the ${after} of ${link}` });
        expect(await page.shadowCount('plex-badge')).toBe(1);
        expect(await page.waitForShadowTestId('plex-badge-status')).toBe('on Plex');
      }

      await page.clickLink('a[data-fixture="poster-link"]');
      await page.waitForSelector('[data-fixture="media-viewer"]');
      await until(async () => (await placement(page)) === null, { message: 'no badge on the media viewer' });
      await page.evaluate(() => history.back());
      await until(async () => (await placement(page))?.after === 'h1', { message: 'the badge back on the reference view' });
      expect(await page.waitForShadowTestId('plex-badge-status')).toBe('on Plex');
    });

    it('floats in a corner where the page has no title heading', async () => {
      const page = await open(sites.urlFor('www.imdb.com', '/de/title/tt1375666/?fixture=no-heading'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      expect(await placement(page)).toMatchObject({ floating: true });
      expect(await page.evaluate(() => document.querySelector('sidekick-plex-badge')?.parentElement?.localName)).toBe('body');
      const box = await page.evaluate(() => {
        const rect = document.querySelector('sidekick-plex-badge')!.getBoundingClientRect();
        return { right: innerWidth - rect.right, bottom: innerHeight - rect.bottom, width: rect.width };
      });
      expect(box.width).toBeGreaterThan(0);
      expect(box.right).toBeLessThan(40);
      expect(box.bottom).toBeLessThan(40);
    });

    it('is dark on TMDb’s dark backdrop picture and light on a light one', async () => {
      const dark = await open(tmdb('/movie/603-the-matrix'));
      await dark.waitForShadowTestId('plex-badge-status', { text: /./ });
      expect(await placement(dark)).toEqual({ after: 'h2', floating: false });
      expect(await dark.shadowAttribute('plex-badge', 'data-theme')).toBe('dark');
      expect(await dark.evaluate(() => document.querySelector('sidekick-plex-badge')?.closest('section.header.poster') !== null)).toBe(
        true,
      );
      const light = await open(tmdb('/movie/999999-unknown-film'));
      await light.waitForShadowTestId('plex-badge-status', { text: /./ });
      expect(await light.shadowAttribute('plex-badge', 'data-theme')).toBe('light');
    });

    it('asks about a new title only once the page shows it, with that page’s hints', async () => {
      const page = await open(sites.urlFor('www.imdb.com', '/title/tt1375666/?spa-delay=1500'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      await page.clickLink('a[data-fixture="show-link"]');
      await page.waitForUrl((url) => url.endsWith('/title/tt3032476/'));
      await page.waitForSelector('h1[data-testid="hero__pageTitle"]', { text: 'Better Call Saul', timeoutMs: 10_000 });
      await page.waitForShadowTestId('plex-badge-status', { text: 'not on your servers' });
      const renderedAt = Number(await page.evaluate(() => document.documentElement.dataset.renderedAt));
      const asked = await matchesFor('tt3032476');
      // The show's own page said "video.tv_show": the first question is for a show, after it rendered.
      expect(asked[0]?.query.type).toBe('2');
      expect(asked[0]!.at).toBeGreaterThanOrEqual(renderedAt);
      expect(await placement(page)).toEqual({ after: 'h1[hero__pageTitle]', floating: false });
    });

    it('asks once per title the page settles on, however many addresses it pushes on the way', async () => {
      const page = await open(imdb('tt1375666'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      const before = (await plex.requests()).length;
      await page.evaluate(async () => {
        const h1 = document.querySelector('h1')!;
        for (let i = 10; i < 40; i++) {
          history.pushState({}, '', `/title/tt70000${i}/`);
          h1.textContent = `Loading ${i}`;
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
        await (window as unknown as { fixtureNavigate(path: string): Promise<void> }).fixtureNavigate('/title/tt2543164/');
      });
      await page.waitForSelector('h1[data-testid="hero__pageTitle"]', { text: 'Arrival' });
      await page.waitForShadowTestId('plex-badge-status', { text: 'not on your servers' });
      const guids = (await plex.requests())
        .slice(before)
        .filter((r) => r.path === '/library/metadata/matches')
        .map((r) => `${r.query.guid} ${r.query.type}`);
      // One question: the movie first (the page's og:type), then the show, as Plex knows neither.
      expect(guids).toEqual(['imdb://tt2543164 1', 'imdb://tt2543164 2']);
    });

    it('shows the newest title’s answer when an older question answers late', async () => {
      const page = await open(imdb('tt1375666'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      // Dune's question hangs until the background gives up on it (its 10 s request timeout).
      await plex.fault({ path: '/library/metadata/matches', kind: 'hang' });
      await page.evaluate(() =>
        (window as unknown as { fixtureNavigate(path: string): Promise<void> }).fixtureNavigate('/title/tt1160419/'),
      );
      const [hung] = await until(
        async () => {
          const asked = await matchesFor('tt1160419');
          return asked.length ? asked : undefined;
        },
        { message: "Dune's question to reach Plex" },
      );
      await page.evaluate(() =>
        (window as unknown as { fixtureNavigate(path: string): Promise<void> }).fixtureNavigate('/title/tt0133093/'),
      );
      await page.waitForSelector('h1[data-testid="hero__pageTitle"]', { text: 'The Matrix' });
      // A tab has one lookup out at a time (src/titles/page-requests.ts): The Matrix's waits for Dune's to time out.
      await page.waitForShadowTestId('plex-badge-status', { text: 'not on your servers', timeoutMs: 25_000 });
      // Past the moment Dune's late "failed" reaches the page, the badge still speaks of The Matrix.
      await until(async () => Date.now() > hung!.at + 11_000, { timeoutMs: 15_000, message: "the background's timeout for Dune" });
      expect(await page.waitForShadowTestId('plex-badge-status')).toBe('not on your servers');
      expect(await page.isShadowVisible('plex-retry')).toBe(false);
    });

    it('keeps the badge’s contents from the page’s scripts in the build people install (closed shadow root)', async () => {
      const closed = await launchExtensionBrowser(name, closedExtensionDir, { sites });
      try {
        const popup = await closed.openPage('popup.html');
        await popup.click('sign-in');
        const auth = await closed.waitForTab((url) => url.startsWith(`${plexUrl}/auth`));
        await auth.click('approve');
        await auth.waitForClose();
        const asked = (await plex.serverRequests()).length;
        const page = await closed.openUrl(imdb('tt1375666'));
        // Answered once the home server was asked (for the title, or for its library index) and the badge has grown to show it.
        await until(async () => (await plex.serverRequests()).slice(asked).some((r) => r.path.startsWith('/library/')), {
          message: 'the closed build to look the title up',
        });
        const seen = await until(
          async () => {
            const view = await page.evaluate(() => {
              const host = document.querySelector('sidekick-plex-badge')!;
              const box = host?.getBoundingClientRect();
              let replaced = false;
              try {
                host.attachShadow({ mode: 'open' });
                replaced = true;
              } catch {
                // A host has one shadow root; the page cannot swap in its own.
              }
              const centre = box && document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
              return {
                present: Boolean(host),
                shadowRoot: host ? host.shadowRoot : 'no host',
                replaced,
                width: box?.width ?? 0,
                hitsHost: centre === host,
                after: host?.previousElementSibling?.getAttribute('data-testid') ?? null,
                text: `${document.documentElement.outerHTML}\n${document.body.innerText}`,
              };
            });
            return view.width > 250 ? view : undefined;
          },
          { message: 'the badge to show its answer' },
        );
        expect({ ...seen, text: undefined }).toEqual({
          present: true,
          shadowRoot: null,
          replaced: false,
          width: seen.width,
          hitsHost: true,
          after: 'hero__pageTitle',
          text: undefined,
        });
        for (const secret of ['Home Server', 'Movies', home.machineIdentifier, 'Open in Plex', 'on Plex'])
          expect(seen.text).not.toContain(secret);
      } finally {
        await closed.close();
      }
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
      await plex.addServer({
        name,
        connections: [{ local: true }],
        library: [{ guid: show.guid, title: show.title, section: '<b>TV</b>' }],
      });
      const popup = await browser.openPage('popup.html');
      pages.push(popup);
      await popup.click('refresh-servers');
      await popup.waitForTestId('server-status', { text: 'Reachable on your network' });
      expect(
        await popup.evaluate(() => document.querySelector('[data-testid="server-list"] img, [data-testid="server-list"] b')),
      ).toBeNull();
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
          const region: (HTMLElement & { original?: boolean }) | undefined = regions[0];
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

    /** Refreshes the servers from the popup until it lists `server`, so lookups see a server just added. */
    async function refreshServersUntilListed(server: string): Promise<void> {
      const popup = await browser.openPage('popup.html');
      pages.push(popup);
      await popup.click('refresh-servers');
      await until(
        async () => (await popup.evaluate(() => document.querySelector('[data-testid="server-list"]')?.textContent ?? '')).includes(server),
        { message: `the popup to list ${server}` },
      );
    }

    // A title no open page has asked about, so no cached answer stands in for the new server.
    it('finds a show that a library of the legacy TheTVDB agent keeps, beside the same show on another server', async () => {
      const attic = await plex.addServer({
        name: 'Attic',
        connections: [{ local: true }],
        library: [
          { guid: 'com.plexapp.agents.thetvdb://81189?lang=de', title: 'Breaking Bad', year: 2008, section: 'Serien', ratingKey: '77' },
        ],
      });
      await refreshServersUntilListed('Attic');
      const page = await open(tmdb('/tv/1396-breaking-bad'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      expect(await page.waitForShadowTestId('plex-badge-detail')).toContain('Attic · Serien');
      const links = await page.evaluate(() =>
        [...(document.querySelector('sidekick-plex-badge')?.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href')),
      );
      expect(links).toContain(`${plexUrl}/desktop#!/server/${attic.machineIdentifier}/details?key=%2Flibrary%2Fmetadata%2F77`);
      expect(links).toHaveLength(2);
    });

    it('speaks of the episode on an IMDb episode page, and of the season or episode on TMDb’s pages', async () => {
      const show = catalog.find((t) => t.title === 'Breaking Bad')!;
      await plex.addServer({
        name: 'Series Box',
        connections: [{ local: false }],
        library: [
          { guid: show.guid, title: show.title, section: 'TV Shows', seasons: [{ index: 1, episodes: [{ index: 1, title: 'Pilot' }] }] },
        ],
      });
      await refreshServersUntilListed('Series Box');
      const before = (await plex.requests()).length;

      const episode = await open(imdb('tt0959621'));
      await episode.waitForShadowTestId('plex-badge-status', { text: 'S1 E1 on Plex' });
      expect(await episode.waitForShadowTestId('plex-badge-detail')).toMatch(/^Series Box · TV Shows/);
      expect(await placement(episode)).toEqual({ after: 'h1[hero__pageTitle]', floating: false });
      // The page named its series (JSON-LD partOfSeries): Plex was asked for that show.
      const asked = (await plex.requests()).slice(before).filter((r) => r.path === '/library/metadata/matches');
      expect(asked.map((r) => `${r.query.guid} ${r.query.type}`)).toContain('imdb://tt0903747 2');

      const season = await open(tmdb('/tv/1396-breaking-bad/season/1'));
      await season.waitForShadowTestId('plex-badge-status', { text: 'season 1 on Plex' });
      expect(await placement(season)).toEqual({ after: 'h2', floating: false });
      expect(await season.shadowAttribute('plex-badge', 'data-theme')).toBe('dark');

      const missing = await open(tmdb('/tv/1396-breaking-bad/season/1/episode/2'));
      await missing.waitForShadowTestId('plex-badge-status', { text: 'the show is on Plex, this episode is not' });
    });
  });
}
