import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { pageHandle, type DriverPage } from './page';
import type { ExtensionBrowser } from './types';
import { until } from './until';

/** Without these, Chromium keeps dialling Google on a machine with no network; as root it needs --no-sandbox. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(extensionDir: string): Promise<ExtensionBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'sidekick-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...FLAGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  // Node's URL gives non-web schemes an opaque origin, so build it from the host.
  const origin = `chrome-extension://${new URL(worker.url()).host}`;
  const wrap = (page: Page) => pageHandle(page as unknown as DriverPage);

  return {
    name: 'chromium',
    origin,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`${origin}/${path}`);
      return wrap(page);
    },
    async waitForTab(predicate, timeoutMs = 10_000) {
      const page = await until(async () => context.pages().find((p) => predicate(p.url())), {
        timeoutMs,
        message: 'a tab with the expected address',
      });
      return wrap(page);
    },
    async stopBackground() {
      const cdp = await context.browser()!.newBrowserCDPSession();
      const targets = async () => (await cdp.send('Target.getTargets')).targetInfos;
      const target = (await targets()).find((t) => t.type === 'service_worker' && t.url.startsWith(origin));
      if (!target) throw new Error('no service worker to stop');
      await cdp.send('Target.closeTarget', { targetId: target.targetId });
      await until(async () => !(await targets()).some((t) => t.targetId === target.targetId), {
        message: 'the service worker to stop',
      });
      await cdp.detach();
    },
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
