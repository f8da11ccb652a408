import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { pageHandle, type DriverPage } from './page';
import type { ExtensionBrowser } from './types';
import { until } from './until';

/**
 * Firefox ESR over WebDriver BiDi. The extension is installed as a temporary add-on with a UUID
 * fixed by preference, so its pages have a known moz-extension:// origin. BiDi will not navigate
 * to extension pages, so they are opened from the browser window's own (chrome) scope.
 */
export async function launchFirefox(extensionDir: string): Promise<ExtensionBrowser> {
  const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const addonId = manifest.browser_specific_settings.gecko.id;
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }) },
  });
  await browser.installExtension(extensionDir);
  const origin = `moz-extension://${uuid}`;

  const connection = (browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } })
    .connection;
  async function inChrome(expression: string): Promise<void> {
    const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
      contexts: { context: string }[];
    };
    await connection.send('script.evaluate', { expression, target: { context: tree.contexts[0]!.context }, awaitPromise: true });
  }

  /** page.url() can lag behind in BiDi; the page's own location is the truth. */
  const hrefOf = (page: Page) => page.evaluate(() => location.href).catch(() => '');
  async function findPage(predicate: (url: string) => boolean, timeoutMs: number): Promise<Page> {
    return until(
      async () => {
        for (const page of await browser.pages()) if (!page.isClosed() && predicate(await hrefOf(page))) return page;
        return undefined;
      },
      { timeoutMs, message: 'a tab with the expected address' },
    );
  }
  const wrap = (page: Page) => pageHandle(page as unknown as DriverPage);

  return {
    name: 'firefox',
    origin,
    async openPage(path) {
      const url = `${origin}/${path}`;
      const before = new Set(await browser.pages());
      await inChrome(
        `Services.wm.getMostRecentWindow('navigator:browser').gBrowser.selectedTab = Services.wm.getMostRecentWindow('navigator:browser').gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }); 1`,
      );
      const page = await until(
        async () => {
          for (const candidate of await browser.pages()) {
            if (!before.has(candidate) && (await hrefOf(candidate)) === url) return candidate;
          }
          return undefined;
        },
        { message: `${url} to open` },
      );
      await page.waitForFunction(() => document.readyState === 'complete');
      return wrap(page);
    },
    waitForTab: async (predicate, timeoutMs = 10_000) => wrap(await findPage(predicate, timeoutMs)),
    async stopBackground() {
      throw new Error('stopping the background is only driven in Chromium');
    },
    async close() {
      await Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      browser.process()?.kill('SIGKILL');
    },
  };
}
