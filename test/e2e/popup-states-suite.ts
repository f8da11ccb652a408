import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { fakePlexControl } from '../fake-plex/control';
import { expectNoSeriousViolations, runAxe } from './axe';
import { launchExtensionBrowser, until, type BrowserName, type ExtensionBrowser, type PageHandle } from './browser';
import { controlsOf, tabThrough, withoutRing } from './focus';
import { E2E_OUT_DIR } from './global-setup';
import { openSignedOutPopup } from './signed-out';

/** Refresh, ready to be pressed (aria-disabled while a refresh is under way). */
const REFRESH_READY = '[data-testid="refresh-servers"]:not([aria-disabled="true"])';

/** Each state of the popup, in light and dark where it matters, reached, then checked and pictured. */
export function popupStatesSuite(name: BrowserName): void {
  describe(`the popup's states, accessibility and keyboard in ${name}`, () => {
    const { plexUrl, extensionDir } = inject('e2e')[name];
    const plex = fakePlexControl(plexUrl);
    const shots = join(E2E_OUT_DIR, 'screenshots', name);
    let browser: ExtensionBrowser;
    let popup: PageHandle;

    beforeAll(async () => {
      await mkdir(shots, { recursive: true });
      browser = await launchExtensionBrowser(name, extensionDir);
    });
    afterAll(() => browser?.close());

    beforeEach(async () => {
      popup = await openSignedOutPopup(browser, plex);
      return () => popup.close().catch(() => undefined);
    });

    /** Pictures the popup at its own size, then fails on any serious or critical axe finding. */
    async function check(state: string, { dark = false } = {}): Promise<void> {
      const label = dark ? `${state}-dark` : state;
      if (dark) await popup.setColorScheme('dark');
      try {
        await popup.screenshot(join(shots, `popup-${label}.png`), { element: 'body' });
        expectNoSeriousViolations(await runAxe(popup), `popup ${label} in ${name}`);
      } finally {
        // In Firefox the scheme is the whole browser's: put it back for the next pages.
        if (dark) await popup.setColorScheme('light');
      }
    }

    async function signIn(): Promise<{ code: string; token: string }> {
      await popup.click('sign-in-code');
      const code = await popup.waitForTestId('pin-code');
      const { token } = await plex.approve({ code });
      await popup.waitForTestId('account-name');
      return { code, token };
    }

    const statusText = () => popup.evaluate(() => document.getElementById('status')?.textContent ?? '');

    it('signed out, in light and dark', async () => {
      await check('signed-out');
      await check('signed-out', { dark: true });
    });

    it('signed out after the session ended', async () => {
      const { token } = await signIn();
      await popup.close();
      await plex.revoke(token);
      popup = await browser.openPage('popup.html');
      await popup.waitForTestId('session-ended');
      await popup.waitForTestId('sign-in');
      await check('session-ended');
    });

    it('waiting for approval in a Plex tab', async () => {
      await popup.click('sign-in');
      const auth = await browser.waitForTab((url) => url.startsWith(`${plexUrl}/auth`));
      await popup.waitForTestId('open-approval');
      expect(await popup.isVisible('pin-code')).toBe(false);
      await check('waiting-tab');
      await auth.close();
    });

    it('waiting with a code, in light and dark, then with a poll problem', async () => {
      await popup.click('sign-in-code');
      await popup.waitForTestId('pin-code', { text: /^[A-Z0-9]{4}$/ });
      await popup.waitForTestId('countdown');
      expect(await popup.isVisible('pin-qr')).toBe(true);
      await check('waiting-code');
      await check('waiting-code', { dark: true });

      // Plex fails the next polls; the popup says so and keeps waiting.
      await plex.fault({ path: '/api/v2/pins/', method: 'GET', kind: 'status', status: 503, times: 20 });
      await popup.waitForTestId('poll-problem', { timeoutMs: 15_000 });
      expect(await popup.isVisible('pin-code')).toBe(true);
      await check('poll-problem');
    });

    it('code expired', async () => {
      // A code that lives one second: the popup may barely show it before it expires.
      await plex.configure({ shortPinSeconds: 1 });
      await popup.click('sign-in-code');
      await popup.waitForTestId('expired', { timeoutMs: 15_000 });
      await popup.waitForTestId('retry');
      await check('expired');
    });

    it('sign-in error, in light and dark', async () => {
      await plex.fault({ path: '/api/v2/pins', method: 'POST', kind: 'status', status: 503 });
      await popup.click('sign-in-code');
      await popup.waitForTestId('error');
      await popup.waitForTestId('retry');
      await check('error');
      await check('error', { dark: true });
    });

    it('signed in: no servers, then the server list in light and dark, then a problem listing them', async () => {
      await signIn();
      await popup.waitForTestId('no-servers', { timeoutMs: 15_000 });
      await check('no-servers');

      await plex.addServer({ name: 'Home Server', connections: [{ local: true }] });
      await plex.addServer({ name: 'Cabin', connections: [{ local: true, behaviour: 'refuse' }] });
      await plex.addServer({ name: 'Family Room', owned: false, sourceTitle: 'Sam', connections: [{ local: false }] });
      await popup.click('refresh-servers');
      const statuses = () =>
        popup.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('[data-testid="server-item"]')].map((item) => item.dataset.status ?? ''),
        );
      await until(
        async () => {
          const now = await statuses();
          return now.length === 3 && !now.includes('checking') && now.includes('unreachable') && (await popup.isVisible('refresh-servers'));
        },
        { timeoutMs: 15_000, message: 'three servers checked, one unreachable' },
      );
      expect((await statuses()).sort()).toEqual(['reachable', 'reachable', 'unreachable']);
      await popup.waitForSelector(REFRESH_READY);
      await check('signed-in');
      await check('signed-in', { dark: true });

      await plex.fault({ path: '/api/v2/resources', method: 'GET', kind: 'status', status: 503 });
      await popup.click('refresh-servers');
      await popup.waitForTestId('servers-problem', { timeoutMs: 15_000 });
      await popup.waitForSelector(REFRESH_READY);
      // The last list stays on screen under the problem.
      expect(await statuses()).toHaveLength(3);
      await check('servers-problem');
    });

    it('catches what it should: a control with no name and text without contrast fail the check', async () => {
      // Proves the checker runs in this browser's extension page and fails as it should.
      await popup.evaluate(() => {
        const app = document.getElementById('app')!;
        const bad = document.createElement('p');
        bad.style.cssText = 'color: #999; background: #aaa';
        bad.textContent = 'Hard to read';
        const unnamed = document.createElement('button');
        unnamed.dataset.testid = 'unnamed';
        app.append(bad, unnamed);
      });
      const report = await runAxe(popup);
      let message = '';
      try {
        expectNoSeriousViolations(report, 'a broken popup');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/color-contrast \[serious\]/);
      expect(message).toMatch(/button-name \[critical\][\s\S]*data-testid="unnamed"/);
    });

    it('every control is reached with Tab in order, shows a focus ring, and works with Enter and Space', async () => {
      // Signed out: start at the view's heading, as after a view change (Options sits before it, in the header).
      await popup.evaluate(() => document.querySelector<HTMLElement>('#app h1')?.focus());
      let stops = await tabThrough(popup, 2);
      expect(stops.map((s) => s.id)).toEqual(['sign-in', 'sign-in-code']);
      expect(await controlsOf(popup)).toEqual(['open-options', 'sign-in', 'sign-in-code']);
      expect(withoutRing(stops)).toEqual([]);

      // Enter on "Use a code": the code appears; Tab goes on through the new view's controls.
      await popup.press('Enter');
      await popup.waitForTestId('pin-code');
      stops = await tabThrough(popup, 2);
      expect(stops.map((s) => s.id)).toEqual(['open-approval', 'cancel']);
      expect(await controlsOf(popup)).toEqual(['open-options', 'open-approval', 'cancel']);
      expect(withoutRing(stops)).toEqual([]);

      // Space on Cancel: back to signed out.
      await popup.press('Space');
      await popup.waitForTestId('sign-in');
      expect(await popup.isVisible('pin-code')).toBe(false);

      // Signed in, once the (empty) server list is in and Refresh is enabled again.
      await signIn();
      await popup.waitForTestId('no-servers', { timeoutMs: 15_000 });
      await popup.waitForSelector(REFRESH_READY);
      await popup.evaluate(() => document.querySelector<HTMLElement>('#app h1')?.focus());
      stops = await tabThrough(popup, 2);
      expect(stops.map((s) => s.id)).toEqual(['refresh-servers', 'sign-out']);
      expect(await controlsOf(popup)).toEqual(['open-options', 'refresh-servers', 'sign-out']);
      expect(withoutRing(stops)).toEqual([]);
    });

    it("moves focus to the new view's heading when a button press changes the view", async () => {
      await popup.evaluate(() => document.querySelector<HTMLElement>('#app h1')?.focus());
      await tabThrough(popup, 2);
      await popup.press('Enter');
      await popup.waitForTestId('pin-code');
      await until(async () => (await popup.evaluate(() => document.activeElement?.localName)) === 'h1', {
        timeoutMs: 1000,
        message: "focus on the code view's heading",
      });
    });

    it('announces each new state in a polite live region that stays in place', async () => {
      const region = await popup.evaluate(() => {
        const status = document.getElementById('status');
        if (!status) return null;
        (status as HTMLElement & { original?: boolean }).original = true;
        return {
          role: status.getAttribute('role'),
          live: status.getAttribute('aria-live'),
          hidden: status.closest('[aria-hidden="true"], [hidden]') !== null,
        };
      });
      expect(region).toEqual({ role: 'status', live: 'polite', hidden: false });
      const signedOut = await until(statusText, { message: 'the signed-out announcement' });

      await popup.click('sign-in-code');
      const code = await popup.waitForTestId('pin-code');
      // The code is announced too, one character at a time.
      const waiting = await until(
        async () => {
          const text = await statusText();
          return text !== signedOut && text.replace(/[^A-Z0-9]/g, '').includes(code) ? text : undefined;
        },
        { message: `an announcement with the code ${code}` },
      );

      await plex.approve({ code });
      await popup.waitForTestId('account-name');
      const signedIn = await until(
        async () => {
          const text = await statusText();
          return text.includes('Alex Example') ? text : undefined;
        },
        { message: 'an announcement naming the account' },
      );
      expect(signedIn).not.toBe(waiting);
      // The same element all along: a live region put in afresh is often not read out.
      expect(await popup.evaluate(() => (document.getElementById('status') as HTMLElement & { original?: boolean }).original)).toBe(true);
    });
  });
}
