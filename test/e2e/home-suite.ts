import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakePlexControl } from '../fake-plex/control';
import { DEFAULT_ACCOUNT } from '../fake-plex/state';
import { expectNoSeriousViolations, runAxe } from './axe';
import { launchExtensionBrowser, until, type BrowserName, type ExtensionBrowser, type PageHandle } from './browser';
import { E2E_OUT_DIR } from './global-setup';
import { readSecrets } from './secrets';
import { openSignedOutPopup } from './signed-out';
import { startSites, type Sites } from './sites/server';

/** The extension API as seen inside its pages, where these functions run. */
declare const chrome: { storage: { local: { get(keys: null): Promise<Record<string, unknown>> } } };

const KIDS = { uuid: 'b1c2d3e4f5a60718', title: 'Kids' };
const SAM = { uuid: 'c2d3e4f5a6071829', title: 'Sam', username: 'sam.example', pin: '2580' };

export function homeSuite(name: BrowserName): void {
  describe(`Plex Home profiles in ${name}`, () => {
    const { plexUrl, extensionDir } = inject('e2e')[name];
    const plex = fakePlexControl(plexUrl);
    let sites: Sites;
    let browser: ExtensionBrowser;
    const pages: PageHandle[] = [];

    beforeAll(async () => {
      sites = await startSites();
      browser = await launchExtensionBrowser(name, extensionDir, { sites });
    });
    afterAll(async () => {
      await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
      await browser?.close();
      await sites?.close();
    });

    /** Each profile's name and whether it is the one in use, as the popup lists them. */
    const profiles = (popup: PageHandle) =>
      popup.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-testid="profile-list"] [data-testid="profile-item"]')].map((item) => [
          item.querySelector('.profile-name')?.textContent ?? '',
          item.dataset.active ?? '',
        ]),
      );
    const typePin = async (popup: PageHandle, pin: string) => {
      for (const digit of pin) await popup.press(digit);
      await popup.press('Enter');
    };

    it('lists the profiles, switches to a protected one through its PIN, and the badge changes that profile’s watchlist', async () => {
      const popup = await openSignedOutPopup(browser, plex);
      pages.push(popup);
      const inception = (await plex.catalog()).find((t) => t.title === 'Inception')!;
      await plex.setHome({ users: [KIDS, SAM] });
      await plex.addServer({
        name: 'Family Server',
        connections: [{ local: true }],
        users: [DEFAULT_ACCOUNT.uuid, SAM.uuid],
        library: [{ guid: inception.guid, title: inception.title, section: 'Movies', ratingKey: '4242' }],
      });

      await popup.click('sign-in-code');
      await plex.approve({ code: await popup.waitForTestId('pin-code') });
      await popup.waitForTestId('profile-list', { timeoutMs: 15_000 });
      expect(await profiles(popup)).toEqual([
        ['Alex Example', 'true'],
        ['Kids', 'false'],
        ['Sam', 'false'],
      ]);
      expectNoSeriousViolations(await runAxe(popup), `the popup's profiles in ${name}`);
      await popup.setColorScheme('dark');
      expectNoSeriousViolations(await runAxe(popup), `the popup's profiles, dark, in ${name}`);
      await popup.setColorScheme('light');

      // From the keyboard: Sam's Switch asks for the PIN, and focus goes to its field.
      await popup.evaluate(
        (uuid) => document.querySelector<HTMLElement>(`[data-profile="${uuid}"] [data-testid="profile-switch"]`)?.focus(),
        SAM.uuid,
      );
      await popup.press('Enter');
      await popup.waitForTestId('profile-pin');
      await until(() => popup.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'profile-pin'), {
        timeoutMs: 2000,
        message: 'focus in the PIN field',
      });
      await typePin(popup, '1111');
      expect(await popup.waitForTestId('profile-problem', { text: /Sam/ })).toBe(
        'That PIN is not the one for Sam. You are still using Alex Example.',
      );
      expect(await profiles(popup)).toEqual([
        ['Alex Example', 'true'],
        ['Kids', 'false'],
        ['Sam', 'false'],
      ]);
      const shots = join(E2E_OUT_DIR, 'screenshots', name);
      await mkdir(shots, { recursive: true });
      await popup.screenshot(join(shots, 'popup-profiles-wrong-pin.png'));

      // The field is empty and focused again for the right PIN.
      await typePin(popup, SAM.pin);
      await until(async () => JSON.stringify(await profiles(popup)).includes('["Sam","true"]'), {
        timeoutMs: 10_000,
        message: 'Sam in use',
      });
      expect(await profiles(popup)).toEqual([
        ['Alex Example', 'false'],
        ['Kids', 'false'],
        ['Sam', 'true'],
      ]);
      expect(await popup.isVisible('profile-pin')).toBe(false);
      // Focus stays in the list's section rather than falling to the page.
      expect(await popup.evaluate(() => document.activeElement?.id)).toBe('profiles-title');
      // The profile's token is a secret: in the extension's own database, not in storage.local.
      const secrets = await readSecrets(popup);
      const profileToken = (secrets.profile as { token: string }).token;
      expect(profileToken).toMatch(/^\S{20}$/);
      expect(JSON.stringify(await popup.evaluate(() => chrome.storage.local.get(null)))).not.toContain(profileToken);
      // The servers follow the profile: Sam's list, reached with Sam's own access token.
      await until(
        async () => (await popup.isVisible('server-item')) && (await popup.waitForTestId('server-item')).includes('Family Server'),
        {
          timeoutMs: 15_000,
          message: 'Sam’s server listed',
        },
      );

      const page = await browser.openUrl(sites.urlFor('www.imdb.com', '/title/tt1375666/'));
      pages.push(page);
      await page.waitForShadowTestId('plex-badge-status', { text: 'on Plex', timeoutMs: 20_000 });
      expect(await page.waitForShadowTestId('plex-badge-detail')).toBe('Family Server · Movies');
      await page.clickShadow('watchlist-toggle');
      await page.waitForShadowTestId('watchlist-toggle', { text: /On watchlist/ });
      expect(await plex.watchlist(SAM.username)).toEqual([inception.ratingKey]);
      expect(await plex.watchlist()).toEqual([]);
      // Before the switch the account's index read Sam's server with the account's token; since, with Sam's own.
      const served = (await plex.serverRequests()).filter((r) => r.path.startsWith('/library/'));
      const sams = (r: { headers: Record<string, string> }) => r.headers['x-plex-token']?.endsWith(`-${SAM.uuid}`) === true;
      expect(served.some(sams)).toBe(true);
      expect(sams(served.at(-1)!)).toBe(true);

      // Signing out ends the account, not only the profile: both tokens revoked, nothing kept.
      const accountToken = (await readSecrets(popup)).token as string;
      await popup.click('sign-out');
      await popup.waitForTestId('sign-in');
      await until(
        async () => {
          const revoked = (await plex.requests()).filter((r) => r.method === 'DELETE' && r.path === '/api/v2/users/signout');
          return revoked.length === 2;
        },
        { timeoutMs: 10_000, message: 'both tokens revoked' },
      );
      const revoked = (await plex.requests()).filter((r) => r.method === 'DELETE').map((r) => r.headers['x-plex-token']);
      expect(revoked.sort()).toEqual([accountToken, profileToken].sort());
      const left = await readSecrets(popup);
      expect(left.profile).toBeUndefined();
      expect(left.token).toBeUndefined();
      expect(Object.keys(await popup.evaluate(() => chrome.storage.local.get(null)))).not.toContain('home');
    });
  });
}
