import { describe, expect, it } from 'vitest';
import type { FakeServerInfo } from '../fake-plex/control';
import type { BrowserName, PageHandle } from './browser';
import { openSignedOutPopup } from './signed-out';
import { suiteBrowser } from './suite-browser';

/** What the popup's index lines looked like at each change: state, text, and whether a bar was inside. */
interface SeenLine {
  server: string;
  state: string;
  text: string;
  bar: boolean;
}

declare global {
  interface Window {
    indexLinesSeen?: SeenLine[];
  }
}

export function libraryIndexSuite(name: BrowserName): void {
  describe(`the library index in ${name}`, () => {
    const { plex, plexUrl, browser, sites } = suiteBrowser(name);
    let home: FakeServerInfo;
    let popup: PageHandle;

    it('shows each server’s index being built with a progress bar, then ready with its size', async () => {
      popup = await openSignedOutPopup(browser, plex);
      const catalog = await plex.catalog();
      const byName = (title: string) => catalog.find((t) => t.title === title)!;
      const movie = (title: ReturnType<typeof byName>) => ({
        guid: title.guid,
        title: title.title,
        section: 'Movies',
        guids: title.externalIds,
      });
      home = await plex.addServer({
        name: 'Home Server',
        connections: [{ local: false }],
        library: [movie(byName('Inception')), movie(byName('The Matrix'))],
        // Enough titles for several pages, so the bar is seen moving.
        generated: { movies: 3000, shows: 100 },
      });
      // Every change of the index lines is written down, so no state is missed between two looks.
      await popup.evaluate(() => {
        window.indexLinesSeen = [];
        const record = () => {
          for (const line of document.querySelectorAll<HTMLElement>('[data-testid="index-status"]')) {
            window.indexLinesSeen!.push({
              server: line.dataset.server ?? '',
              state: line.dataset.state ?? '',
              text: line.textContent ?? '',
              bar: line.querySelector('progress[data-testid="index-progress"]') !== null,
            });
          }
        };
        new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
      await popup.click('sign-in-code');
      await plex.approve({ code: await popup.waitForTestId('pin-code') });
      const ready = `[data-testid="index-status"][data-server="${home.machineIdentifier}"][data-state="ready"]`;
      const text = await popup.waitForSelector(ready, { timeoutMs: 60_000 });
      expect(text).toMatch(/^Home Server: 3,102 titles \(\d+(\.\d)? (MB|kB)\), updated /);
      const seen = await popup.evaluate(() => window.indexLinesSeen ?? []);
      const building = seen.filter((line) => line.state === 'building');
      expect(building.length).toBeGreaterThan(0);
      expect(building.every((line) => line.bar && line.server === home.machineIdentifier)).toBe(true);
      expect(building.some((line) => /^Home Server: [\d,]+ of 3,102 titles$/.test(line.text))).toBe(true);
      expect(await popup.isVisible('index-refresh')).toBe(true);
    });

    it('badges an indexed title without asking any Plex host where it is', async () => {
      // The first title page reads the watchlist, once for every page after it.
      const first = await browser.openUrl(sites.urlFor('www.themoviedb.org', '/movie/603-the-matrix'));
      await first.waitForShadowTestId('plex-badge-status', { text: 'on Plex', timeoutMs: 15_000 });
      await first.close();
      await popup.close();
      const [api, media] = [(await plex.requests()).length, (await plex.serverRequests()).length];
      const page = await browser.openUrl(sites.urlFor('www.imdb.com', '/title/tt1375666/'));
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex', timeoutMs: 15_000 });
      expect(await page.waitForShadowTestId('plex-badge-detail')).toBe('Home Server · Movies');
      expect(await page.shadowAttribute('plex-open', 'href')).toBe(
        `${plexUrl}/desktop#!/server/${home.machineIdentifier}/details?key=%2Flibrary%2Fmetadata%2F1001`,
      );
      const sent = [...(await plex.requests()).slice(api), ...(await plex.serverRequests()).slice(media)];
      expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([]);
      await page.close();
    });
  });
}
