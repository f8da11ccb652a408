import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { fakePlexControl } from '../fake-plex/control';
import { launchChromiumContext, launchExtensionBrowser, until, type BrowserName, type ExtensionBrowser, type PageHandle } from './browser';
import { evaluateInContentScriptWorld } from './content-script-world';
import { readSecrets } from './secrets';
import { startSites, type Sites } from './sites/server';
import { openSignedOutPopup } from './signed-out';

/** The extension API as seen inside its pages, where these functions run. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: {
    local: { get(keys: string | null): Promise<Record<string, unknown>> };
    session: { get(keys: string | null): Promise<Record<string, unknown>>; remove(keys: string): Promise<void> };
  };
};

export function signInSuite(name: BrowserName): void {
  describe(`signing in to Plex in ${name}`, () => {
    const { plexUrl, extensionDir } = inject('e2e')[name];
    const plex = fakePlexControl(plexUrl);
    let browser: ExtensionBrowser;
    let popup: PageHandle;

    beforeAll(async () => {
      browser = await launchExtensionBrowser(name, extensionDir);
    });
    afterAll(() => browser?.close());

    beforeEach(async () => {
      popup = await openSignedOutPopup(browser, plex);
      return () => popup.close().catch(() => undefined);
    });

    const isAuthPage = (url: string) => url.startsWith(`${plexUrl}/auth`);

    it('signs in with one click on "Sign in with Plex", approved on the Plex page, which then closes', async () => {
      await popup.click('sign-in');
      const auth = await browser.waitForTab(isAuthPage);
      const params = JSON.parse(await auth.waitForTestId('auth-params')) as Record<string, string>;
      expect(params['context[device][product]']).toBe('Sidekick for Plex');
      expect(params.clientID).toBe(await popup.evaluate(async () => (await chrome.storage.local.get('clientId')).clientId));
      await popup.waitForTestId('cancel');

      await auth.click('approve');
      await auth.waitForClose();
      expect(await popup.waitForTestId('account-name')).toBe('Alex Example');
      expect(await popup.waitForTestId('account-email')).toBe('alex@example.com');
    });

    /** Polls of the PIN with this code, as the fake saw them (ms since the epoch). */
    async function pollsOf(code: string): Promise<number[]> {
      const pin = (await plex.pins()).find((p) => p.code === code);
      return (await plex.requests()).filter((r) => r.path === `/api/v2/pins/${pin?.id}`).map((r) => r.at);
    }

    it('signs in one round trip after approval: the Plex page goes to its forward address, the extension asks at once and closes it', async () => {
      await popup.click('sign-in');
      const auth = await browser.waitForTab(isAuthPage);
      const params = JSON.parse(await auth.waitForTestId('auth-params')) as Record<string, string>;
      expect(params.forwardUrl).toBe(`${plexUrl}/api/v2/ping`);
      // Approve just after a poll, so the next one on the once-a-second pace is almost a second away.
      const before = (await pollsOf(params.code!)).length;
      const lastPoll = await until(async () => (await pollsOf(params.code!))[before], { message: 'a poll of the PIN' });
      await auth.click('approve');
      await auth.waitForClose();
      expect(await popup.waitForTestId('account-name')).toBe('Alex Example');
      const forwardedAt = (await plex.requests()).find((r) => r.path === '/api/v2/ping')!.at;
      const answered = (await pollsOf(params.code!)).filter((at) => at >= forwardedAt);
      // The poll that found the token came right after the forward, sooner than the pace allows.
      expect(answered.length).toBeGreaterThan(0);
      expect(answered[0]! - lastPoll).toBeLessThan(1000);
      console.info(`${name}: forward to the poll that found the token: ${answered[0]! - forwardedAt} ms`);
    });

    it('signs in by polling when the Plex page stays where it is after approval, and closes it', async () => {
      await plex.configure({ authPageForwards: false });
      await popup.click('sign-in');
      const auth = await browser.waitForTab(isAuthPage);
      await auth.click('approve');
      await auth.waitForTestId('approved');
      expect(await popup.waitForTestId('account-name')).toBe('Alex Example');
      await auth.waitForClose();
      expect((await plex.requests()).some((r) => r.path === '/api/v2/ping')).toBe(false);
    });

    it('signs in with a code shown large with a QR code, from the keyboard', async () => {
      await popup.evaluate(() => (document.querySelector('[data-testid="sign-in-code"]') as HTMLElement).focus());
      await popup.press('Enter');
      const code = await popup.waitForTestId('pin-code', { text: /^[A-Z0-9]{4}$/ });
      expect(await popup.isVisible('pin-qr')).toBe(true);
      expect(
        await popup.evaluate(() => document.querySelector('[data-testid="pin-qr"] svg path')?.getAttribute('d')?.length ?? 0),
      ).toBeGreaterThan(100);
      expect(await popup.waitForTestId('countdown', { text: /^1[45]:\d\d$/ })).toBeTruthy();
      // The countdown sits inside its sentence, with the clock time written the browser's (en-US) way.
      const expiry = await popup.evaluate(() => document.querySelector('[data-testid="countdown"]')?.parentElement?.textContent);
      expect(expiry).toMatch(/^Expires in 1[45]:\d\d, at (1[0-2]|[1-9]):[0-5]\d\s[AP]M\.$/);

      const started = Date.now();
      await plex.approve({ code });
      expect(await popup.waitForTestId('account-name')).toBe('Alex Example');
      console.info(`${name}: approval to account shown in the popup: ${Date.now() - started} ms`);
    });

    it('signs in while the popup is closed, and shows the account when it opens again', async () => {
      await popup.click('sign-in-code');
      const code = await popup.waitForTestId('pin-code');
      await popup.close();
      await plex.approve({ code });
      // The account is fetched right after approval is seen: that request marks the sign-in done.
      await until(async () => (await plex.requests()).some((r) => r.path === '/api/v2/user'), {
        timeoutMs: 10_000,
        message: 'the extension to fetch the account',
      });
      popup = await browser.openPage('popup.html');
      expect(await popup.waitForTestId('account-name')).toBe('Alex Example');
    });

    it('knows when the last popup closed, so it can slow down later', async () => {
      await popup.click('sign-in-code');
      await popup.waitForTestId('pin-code');
      const unwatchedAt = async () => ((await readSecrets(popup)).signin as { unwatchedAt?: number }).unwatchedAt ?? null;
      expect(await unwatchedAt()).toBeNull();
      await popup.close();
      popup = await browser.openPage('popup.html');
      const closedAt = await until(unwatchedAt, { message: 'the background to see the popup close' });
      expect(closedAt).toBeGreaterThan(Date.now() - 30_000);
    });

    it('signs out: back to the sign-in buttons, and Plex is told', async () => {
      await popup.click('sign-in-code');
      await plex.approve({ code: await popup.waitForTestId('pin-code') });
      await popup.waitForTestId('account-name');
      await popup.click('sign-out');
      await popup.waitForTestId('sign-in');
      await until(async () => (await plex.requests()).some((r) => r.method === 'DELETE' && r.path === '/api/v2/users/signout'), {
        timeoutMs: 5000,
        message: 'sign-out sent to Plex',
      });
      const stored = await popup.evaluate(() => chrome.storage.local.get(null));
      expect(stored.token).toBeUndefined();
      expect((await readSecrets(popup)).token).toBeUndefined();
      expect(stored.clientId).toEqual(expect.any(String));
    });

    it('says the session ended when Plex no longer accepts the token, and offers to sign in again', async () => {
      await popup.click('sign-in-code');
      const { token } = await plex.approve({ code: await popup.waitForTestId('pin-code') });
      await popup.waitForTestId('account-name');
      await popup.close();
      await plex.revoke(token);
      popup = await browser.openPage('popup.html');
      expect(await popup.waitForTestId('session-ended')).toMatch(/session ended/);
      expect(await popup.isVisible('sign-in')).toBe(true);
    });

    it('cancels a sign-in: the buttons come back and the PIN is no longer polled', async () => {
      await popup.click('sign-in-code');
      await popup.waitForTestId('pin-code');
      const [cancelled] = await plex.pins();
      await popup.click('cancel');
      await popup.waitForTestId('sign-in');
      // A new sign-in's polls prove time has passed; the cancelled PIN must not appear among them.
      await popup.click('sign-in-code');
      await popup.waitForTestId('pin-code');
      const fresh = (await plex.pins()).at(-1)!;
      await until(async () => (await plex.requests()).filter((r) => r.path === `/api/v2/pins/${fresh.id}`).length >= 2, {
        timeoutMs: 10_000,
        message: 'the new PIN polled twice',
      });
      const requests = await plex.requests();
      const lastOldPoll = Math.max(...requests.filter((r) => r.path === `/api/v2/pins/${cancelled!.id}`).map((r) => r.at));
      const firstNewPoll = Math.min(...requests.filter((r) => r.path === `/api/v2/pins/${fresh.id}`).map((r) => r.at));
      expect(lastOldPoll).toBeLessThan(firstNewPoll);
    });

    it('says when a code expired and offers a new one', async () => {
      await plex.configure({ shortPinSeconds: 3 });
      await popup.click('sign-in-code');
      const first = await popup.waitForTestId('pin-code');
      await popup.waitForTestId('expired', { timeoutMs: 15_000 });
      await popup.click('retry');
      const second = await popup.waitForTestId('pin-code');
      expect(second).not.toBe(first);
    });

    it('shows a plain error with Retry when Plex cannot be reached', async () => {
      await plex.fault({ path: '/api/v2/pins', method: 'POST', kind: 'status', status: 503 });
      await popup.click('sign-in-code');
      expect(await popup.waitForTestId('error')).toMatch(/Plex is having trouble/);
      await popup.click('retry');
      expect(await popup.waitForTestId('pin-code')).toMatch(/^[A-Z0-9]{4}$/);
    });

    it('carries on after the background is stopped mid-sign-in', async () => {
      await popup.click('sign-in-code');
      const code = await popup.waitForTestId('pin-code');
      await browser.stopBackground();
      await plex.approve({ code });
      expect(await popup.waitForTestId('account-name', { timeoutMs: 15_000 })).toBe('Alex Example');
    });

    it('carries on after the background is stopped while a request is out', async () => {
      await popup.click('sign-in-code');
      const code = await popup.waitForTestId('pin-code');
      const polls = async () => (await plex.requests()).filter((r) => r.path.startsWith('/api/v2/pins/')).length;
      const before = await polls();
      await plex.fault({ path: '/api/v2/pins/', kind: 'hang' });
      await until(async () => (await polls()) > before, { message: 'a poll to be out' });
      await browser.stopBackground();
      await plex.approve({ code });
      expect(await popup.waitForTestId('account-name', { timeoutMs: 15_000 })).toBe('Alex Example');
    });

    it('keeps a valid sign-in when the background restarts: the new one reads the token and uses it', async () => {
      await popup.click('sign-in-code');
      const { token } = await plex.approve({ code: await popup.waitForTestId('pin-code') });
      await popup.waitForTestId('account-name');
      await popup.close();
      await browser.stopBackground();
      const stoppedAt = Date.now();
      popup = await browser.openPage('popup.html');
      expect(await popup.waitForTestId('account-name')).toBe('Alex Example');
      // Opening the popup has the woken background check the account with the stored token.
      await until(
        async () =>
          (await plex.requests()).some((r) => r.path === '/api/v2/user' && r.at >= stoppedAt && r.headers['x-plex-token'] === token),
        { message: 'the restarted background to use the stored token' },
      );
      expect(await popup.isVisible('session-ended')).toBe(false);
      expect((await readSecrets(popup)).token).toBe(token);
    });
  });

  describe(`secrets out of content scripts' reach in ${name}`, () => {
    const { plexUrl, extensionDir } = inject('e2e')[name];
    const plex = fakePlexControl(plexUrl);
    let sites: Sites;
    let browser: ExtensionBrowser;

    beforeAll(async () => {
      sites = await startSites();
      browser = await launchExtensionBrowser(name, extensionDir, { sites });
    });
    afterAll(async () => {
      await browser?.close();
      await sites?.close();
    });

    it('keeps the token, the server tokens and the pending PIN out of storage.local and out of the page’s origin', async () => {
      const popup = await openSignedOutPopup(browser, plex);
      await plex.addServer({ name: 'Home Server', connections: [{ local: false }] });
      // A pending PIN first: its code must not be readable where content scripts read.
      await popup.click('sign-in-code');
      const code = await popup.waitForTestId('pin-code');
      const local = await popup.evaluate(() => chrome.storage.local.get(null));
      expect(JSON.stringify(local)).not.toContain(code);
      expect(((await readSecrets(popup)).signin as { pin: { code: string } }).pin.code).toBe(code);

      const { token } = await plex.approve({ code });
      await popup.waitForTestId('account-name');
      const serverToken = await until(async () => Object.values((await readSecrets(popup)).serverTokens ?? {})[0] as string, {
        message: 'the server tokens stored',
      });
      const secrets = [token, serverToken];
      // Content scripts read storage.local in both browsers (and storage.session only where let in): neither holds a secret.
      const areas = await popup.evaluate(async () => ({
        local: await chrome.storage.local.get(null),
        session: await chrome.storage.session.get(null),
      }));
      expect(areas.local.clientId).toEqual(expect.any(String));
      for (const secret of secrets) expect(JSON.stringify(areas)).not.toContain(secret);

      // A content script's IndexedDB is its page's: the extension's database is not among the page's.
      const page = await browser.openUrl(sites.urlFor('www.imdb.com', '/title/tt1375666/'));
      await page.waitForShadowTestId('plex-badge-status');
      const pageDatabases = await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
      expect(pageDatabases).not.toContain('sidekick-secrets');
      await page.close();
      await popup.close();
    });

    it('refuses a page’s “Sign in” while signed in: no new PIN, no Plex tab, the account stays', async () => {
      const popup = await openSignedOutPopup(browser, plex);
      const page = await browser.openUrl(sites.urlFor('www.imdb.com', '/title/tt1375666/'));
      await page.waitForShadowTestId('plex-sign-in');
      // The badge is left out of date on purpose (as after a browser restart): it still offers "Sign in".
      await popup.evaluate(() => chrome.storage.session.remove('badgeTabs'));
      await popup.click('sign-in-code');
      const { token } = await plex.approve({ code: await popup.waitForTestId('pin-code') });
      await popup.waitForTestId('account-name');
      const pinsBefore = (await plex.pins()).length;

      await page.clickShadow('plex-sign-in');
      // The background notes the badge's tab first, then queues the sign-in; a check queued after it ends after it.
      await until(
        async () => ((await popup.evaluate(() => chrome.storage.session.get('badgeTabs'))).badgeTabs as number[] | undefined)?.length,
        {
          message: 'the background to get the page’s request',
        },
      );
      await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'check-session' }));
      expect((await plex.pins()).length).toBe(pinsBefore);
      expect((await readSecrets(popup)).token).toBe(token);
      expect(await popup.waitForTestId('account-name')).toBe('Alex Example');
      await page.close();
      await popup.close();
    });

    it('replaces the account on a sign-in from the popup: the old token is revoked, the old cached answers forgotten', async () => {
      const popup = await openSignedOutPopup(browser, plex);
      await popup.click('sign-in-code');
      const { token: oldToken } = await plex.approve({ code: await popup.waitForTestId('pin-code') });
      await popup.waitForTestId('account-name');
      // The badge's answer, or the watchlist it read for it (answers from the library index are not cached).
      const cached = async () => {
        const session = await popup.evaluate(() => chrome.storage.session.get(null));
        return [...Object.keys(session.titles ?? {}), ...(session.watchlist ? ['watchlist'] : [])];
      };
      const page = await browser.openUrl(sites.urlFor('www.imdb.com', '/title/tt1375666/'));
      await until(async () => (await cached()).length > 0, { message: 'the badge’s answer cached' });
      await page.close();

      // What a second popup still showing the sign-in buttons would send.
      await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'sign-in', mode: 'code' }));
      const fresh = await until(async () => (await plex.pins()).find((pin) => pin.authToken === null), { message: 'the new PIN' });
      const { token: newToken } = await plex.approve({ id: fresh.id }, { friendlyName: 'Sam Other', username: 'sam' });
      expect(await popup.waitForTestId('account-name', { text: 'Sam Other' })).toBe('Sam Other');
      await until(
        async () =>
          (await plex.requests()).some(
            (r) => r.method === 'DELETE' && r.path === '/api/v2/users/signout' && r.headers['x-plex-token'] === oldToken,
          ),
        { message: 'the old token revoked at Plex' },
      );
      expect((await readSecrets(popup)).token).toBe(newToken);
      expect(await cached()).toEqual([]);
      await popup.close();
    });

    // Chromium lets a test into the content scripts' own world (Firefox's drivers do not): there, the proof is direct.
    if (name === 'chromium') {
      it('gives a content script on a title page no token: storage.local holds none, storage.session is closed, the database is not its own', async () => {
        const { context, close } = await launchChromiumContext(extensionDir, { sites });
        try {
          const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
          const origin = `chrome-extension://${new URL(worker.url()).host}`;
          const popup = await context.newPage();
          await popup.goto(`${origin}/popup.html`);
          await popup.locator('[data-testid="sign-in-code"]').click();
          const code = (await popup.locator('[data-testid="pin-code"]').textContent())!.trim();
          const { token } = await plex.approve({ code });
          await popup.locator('[data-testid="account-name"]').waitFor();

          const page = await context.newPage();
          await page.goto(sites.urlFor('www.imdb.com', '/title/tt1375666/'));
          const seen = await evaluateInContentScriptWorld<{ local: unknown; session: string; databases: unknown[]; api: boolean }>(
            page,
            origin,
            `(async () => {
              const local = await chrome.storage.local.get(null);
              let session;
              try { session = JSON.stringify(await chrome.storage.session.get(null)); } catch (error) { session = 'refused: ' + error.message; }
              const databases = (await indexedDB.databases()).map((db) => db.name);
              return { local, session, databases, api: typeof chrome.runtime.sendMessage === 'function' };
            })()`,
          );
          expect(seen.api).toBe(true);
          expect((seen.local as { clientId?: string }).clientId).toEqual(expect.any(String));
          expect(JSON.stringify(seen.local)).not.toContain(token);
          expect(seen.session).toMatch(/^refused: /);
          expect(seen.databases).not.toContain('sidekick-secrets');
        } finally {
          await close();
        }
      });
    }
  });
}
