import { beforeAll, describe, expect, it } from 'vitest';
import type { FakeServerInfo } from '../fake-plex/control';
import { until, type BrowserName } from './browser';
import { openSignedOutPopup } from './signed-out';
import { suiteBrowser } from './suite-browser';

/** Inception's IMDb id: the fake's catalogue has it, and the story's server holds it. */
const INCEPTION = 'tt1375666';
const MATRIX = 'tt0133093';

export function hostilePageSuite(name: BrowserName): void {
  describe(`a hostile page in ${name}`, () => {
    const { plex, plexUrl, browser, sites, open } = suiteBrowser(name);
    let home: FakeServerInfo;
    const imdb = (id: string) => sites.urlFor('www.imdb.com', `/title/${id}/`);

    beforeAll(async () => {
      const popup = await openSignedOutPopup(browser, plex);
      const inception = (await plex.catalog()).find((t) => t.externalIds.includes(`imdb://${INCEPTION}`))!;
      home = await plex.addServer({
        name: 'Home Server',
        connections: [{ local: false }],
        library: [{ guid: inception.guid, title: inception.title, section: 'Movies', ratingKey: '4242' }],
      });
      await popup.click('sign-in-code');
      await plex.approve({ code: await popup.waitForTestId('pin-code') });
      await popup.waitForTestId('account-name');
    });

    it('pushing 300 title ids in 10 s costs at most 30 requests to Plex, and the badge ends on the last title', async () => {
      const page = await open(imdb(MATRIX));
      await page.waitForShadowTestId('plex-badge-status', { text: 'not on your servers' });
      const since = Date.now();

      // As a single-page app moves between titles, 300 times in 10 s; each tick pushes every id due, so a busy machine cannot stretch it.
      const pushed = await page.evaluate(
        ({ last }) =>
          new Promise<number>((resolve) => {
            const ids = Array.from({ length: 299 }, (_, n) => `tt${9_100_000 + n}`).concat(last);
            const start = performance.now();
            let n = 0;
            const timer = setInterval(() => {
              const due = Math.min(ids.length, Math.floor(((performance.now() - start) / 10_000) * ids.length) + 1);
              for (; n < due; n++) {
                const id = ids[n]!;
                history.pushState({ id }, '', `/title/${id}/`);
                const h1 = document.createElement('h1');
                h1.setAttribute('data-testid', 'hero__pageTitle');
                h1.textContent = id === last ? 'Inception' : `Title ${id}`;
                document.querySelector('[data-testid="hero__pageTitle"]')?.replaceWith(h1);
              }
              if (n === ids.length) {
                clearInterval(timer);
                resolve(n);
              }
            }, 10_000 / 300);
          }),
        { last: INCEPTION },
      );
      expect(pushed).toBe(300);

      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex', timeoutMs: 15_000 });
      expect(await page.waitForShadowTestId('plex-badge-detail')).toBe('Home Server · Movies');
      expect(await page.shadowAttribute('plex-open', 'href')).toBe(
        `${plexUrl}/desktop#!/server/${home.machineIdentifier}/details?key=%2Flibrary%2Fmetadata%2F4242`,
      );
      const sent = [...(await plex.requests()), ...(await plex.serverRequests())].filter((request) => request.at >= since);
      console.info(`${name}: ${pushed} title ids pushed, ${sent.length} requests to Plex hosts`);
      expect(sent.length).toBeLessThanOrEqual(30);
      // The badge stays on the last title: no late answer for an earlier one replaces it.
      expect(await page.shadowCount('plex-badge')).toBe(1);
      expect(await page.waitForShadowTestId('plex-badge-status')).toBe('on Plex');
    });

    it('changes the watchlist from a badge shown before the background was stopped', async () => {
      const page = await open(imdb(INCEPTION));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex' });
      await browser.stopBackground();
      await page.clickShadow('watchlist-toggle');
      await until(async () => (await page.shadowAttribute('watchlist-toggle', 'aria-pressed')) === 'true', {
        message: 'the watchlist toggle pressed after the background restarted',
      });
      const inception = (await plex.catalog()).find((t) => t.externalIds.includes(`imdb://${INCEPTION}`))!;
      expect(await plex.watchlist()).toEqual([inception.ratingKey]);
    });
  });
}
