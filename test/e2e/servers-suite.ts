import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakePlexControl } from '../fake-plex/control';
import { launchExtensionBrowser, until, type BrowserName, type ExtensionBrowser } from './browser';
import { openSignedOutPopup } from './signed-out';

/** What the popup shows when plex.tv's device list holds entries that are not usable servers. */
export function serversSuite(name: BrowserName): void {
  describe(`the server list beside odd devices in ${name}`, () => {
    const { plexUrl, extensionDir } = inject('e2e')[name];
    const plex = fakePlexControl(plexUrl);
    let browser: ExtensionBrowser;

    beforeAll(async () => {
      browser = await launchExtensionBrowser(name, extensionDir);
    });
    afterAll(() => browser?.close());

    it('lists the servers around a player, a nameless server and a null entry, each reached at its real address', async () => {
      const popup = await openSignedOutPopup(browser, plex);
      await plex.addServer({ name: 'Home Server', connections: [{ local: true }] });
      await plex.addDevice('roku-player');
      await plex.addDevice('server-with-null-name');
      await plex.addDevice('null-entry');
      await plex.addDevice('web-client');
      await plex.addServer({
        name: 'Cabin',
        connections: [{ local: true }],
        oddConnections: ['wildcard-host', 'percent-host', 'not-a-url'],
      });

      await popup.click('sign-in-code');
      await plex.approve({ code: await popup.waitForTestId('pin-code') });
      const items = () =>
        popup.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('[data-testid="server-item"]')].map((item) => [
            item.querySelector('.server-name')?.textContent ?? '',
            item.dataset.status ?? '',
          ]),
        );
      await until(async () => (await items()).filter(([, status]) => status === 'reachable').length === 2, {
        timeoutMs: 15_000,
        message: 'two servers listed and reached',
      });
      expect(await items()).toEqual([
        ['Cabin', 'reachable'],
        ['Home Server', 'reachable'],
      ]);
      expect(await popup.isVisible('servers-problem')).toBe(false);
      await popup.close();
    });
  });
}
