import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakePlexControl } from '../fake-plex/control';
import { launchExtensionBrowser, until, type ExtensionBrowser } from './browser';
import { startSites, type Sites } from './sites/server';

/** Chromium only (see LaunchOptions.locale); the other languages' messages are checked in test/unit/i18n.test.ts. */
export function languageSuite(name: 'chromium'): void {
  describe(`in a German ${name}`, () => {
    const { plexUrl, extensionDir } = inject('e2e')[name];
    const plex = fakePlexControl(plexUrl);
    let sites: Sites;
    let browser: ExtensionBrowser;

    beforeAll(async () => {
      await plex.reset();
      sites = await startSites();
      browser = await launchExtensionBrowser(name, extensionDir, { sites, locale: 'de' });
    });
    afterAll(async () => {
      await browser?.close();
      await sites?.close();
    });

    it('the badge says "abgemeldet" and offers "Bei Plex anmelden"', async () => {
      const page = await browser.openUrl(sites.urlFor('www.imdb.com', '/title/tt1375666/'));
      expect(await page.waitForShadowTestId('plex-badge-status', { text: 'abgemeldet' })).toBe('abgemeldet');
      expect(await page.waitForShadowTestId('plex-sign-in')).toBe('Bei Plex anmelden');
      await page.close();
    });

    it('the popup speaks German, with a 24-hour clock and day.month.year dates', async () => {
      const popup = await browser.openPage('popup.html');
      expect(await popup.waitForSelector('h1', { text: 'Bei Plex anmelden' })).toBe('Bei Plex anmelden');
      expect(await popup.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['de', 'Sidekick für Plex']);
      expect(await popup.waitForTestId('sign-in-code')).toBe('Code verwenden');

      await popup.click('sign-in-code');
      const code = await popup.waitForTestId('pin-code');
      const expiry = await until(
        () => popup.evaluate(() => document.querySelector('[data-testid="countdown"]')?.parentElement?.textContent ?? undefined),
        { message: 'the expiry line' },
      );
      expect(expiry).toMatch(/^Läuft in \d\d:\d\d ab, um ([01]\d|2[0-3]):[0-5]\d\.$/);

      await plex.approve({ code });
      await popup.waitForTestId('account-name');
      expect(await popup.waitForTestId('signed-in-date')).toMatch(/^\d\d\.\d\d\.\d{4}$/);
      await popup.click('sign-out');
      expect(await popup.waitForTestId('sign-in')).toBe('Mit Plex anmelden');
    });
  });
}
