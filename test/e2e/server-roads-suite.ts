import { beforeAll, describe, expect, it } from 'vitest';
import type { FakeServerInfo } from '../fake-plex/control';
import { expectNoSeriousViolations, runAxe } from './axe';
import { until, type BrowserName, type PageHandle } from './browser';
import { openSignedOutPopup } from './signed-out';
import { suiteBrowser } from './suite-browser';

export function serverRoadsSuite(name: BrowserName): void {
  describe(`plain HTTP to media servers in ${name}`, () => {
    const { plex, browser, sites } = suiteBrowser(name);
    let popup: PageHandle;
    let attic: FakeServerInfo;

    /** What reached one connection of Attic: path, and whether its token came along. */
    const reached = async (connection: number) =>
      (await plex.serverRequests())
        .filter((r) => r.server === attic.machineIdentifier && r.connection === connection)
        .map((r) => [r.path, r.headers['x-plex-token'] === attic.accessToken]);

    beforeAll(async () => {
      popup = await openSignedOutPopup(browser, plex);
      const inception = (await plex.catalog()).find((t) => t.title === 'Inception')!;
      attic = await plex.addServer({
        name: 'Attic',
        // A server with secure connections off, listed only by its plain-HTTP addresses.
        connections: [
          { local: true, protocol: 'http' },
          { local: false, protocol: 'http' },
        ],
        library: [{ guid: inception.guid, title: inception.title, section: 'Movies' }],
      });
    });

    it('uses plain HTTP on the home network once the person allows it, and never to a remote address', async () => {
      await popup.click('sign-in-code');
      await plex.approve({ code: await popup.waitForTestId('pin-code') });
      await popup.waitForTestId('server-status', { text: 'Unreachable', timeoutMs: 15_000 });
      expect(await popup.evaluate(() => document.querySelector<HTMLInputElement>('[data-testid="allow-http"]')?.checked)).toBe(false);
      expectNoSeriousViolations(await runAxe(popup), 'the server list offering plain HTTP');

      const page = await browser.openUrl(sites.urlFor('www.imdb.com', '/title/tt1375666/'));
      await page.waitForShadowTestId('plex-badge-status', { text: "couldn't check your servers" });
      expect([...(await reached(0)), ...(await reached(1))]).toEqual([]);

      await popup.click('allow-http');
      await popup.waitForTestId('server-status', { text: 'Reachable on your network, unencrypted', timeoutMs: 15_000 });
      // The open badge asks again by itself and finds the title through the allowed address.
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex', timeoutMs: 15_000 });
      expect(await page.waitForShadowTestId('plex-badge-detail')).toBe('Attic · Movies');
      const local = await reached(0);
      expect(local[0]).toEqual(['/identity', false]);
      expect(local).toContainEqual(['/library/all', true]);
      expect(await reached(1)).toEqual([]);
      // The choice is kept: a new popup shows it.
      const again = await browser.openPage('popup.html');
      await again.waitForTestId('server-status', { text: 'Reachable on your network, unencrypted' });
      expect(await again.evaluate(() => document.querySelector<HTMLInputElement>('[data-testid="allow-http"]')?.checked)).toBe(true);
      await again.close();
      await page.close();
    });

    // Firefox only: Chromium's extension pages have no upgrade-insecure-requests, and no proxy here catches a private address.
    if (name === 'firefox')
      it('sends plain HTTP to private and loopback addresses as it is, without upgrading it', async () => {
        // The proxy says how a request came: "GET http://…" plain, "CONNECT host:port" once upgraded by Firefox's default extension CSP.
        const before = sites.refused().length;
        const outcome = await popup.evaluate(async (uri) => {
          const attempt = (url: string) =>
            fetch(url, { redirect: 'error' }).then(
              (r) => r.status,
              () => 'failed',
            );
          return [await attempt('http://192.168.77.7:32400/identity'), await attempt(`${uri}/identity`)];
        }, attic.connections[0]!.uri);
        expect(outcome[1]).toBe(200);
        // Firefox's own calls home reach the proxy too; only the private address matters here.
        const seen = () =>
          sites
            .refused()
            .slice(before)
            .filter((line) => line.includes('192.168.77.7'));
        await until(async () => seen().length > 0, { message: 'the proxy to see the private address' });
        expect(seen()).toEqual(['GET http://192.168.77.7:32400/identity']);
      });
  });
}
