import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { pageHandle } from './page';
import type { ExtensionBrowser, LaunchOptions, SitesRouting } from './types';
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

function resolverFlags(sites: SitesRouting | undefined): string[] {
  // `MAP <host> <ip>:<port>` rewrites a connection to <host>:443 too; `MAP *.plex.direct 127.0.0.1` keeps each connection's own port.
  // Nothing else is mapped, so the extension's own requests to 127.0.0.1 are untouched.
  const rules = [...(sites?.hosts ?? []).map((host) => `MAP ${host} 127.0.0.1:${sites!.httpsPort}`), 'MAP *.plex.direct 127.0.0.1'];
  // It switches certificate errors off in the network stack, so HSTS cannot make the self-signed certificates fatal.
  return [`--host-resolver-rules=${rules.join(', ')}`, '--ignore-certificate-errors'];
}

/** `extensionDir` null gives a page's cost without the extension; the Playwright context serves callers such as the bench's CDP metrics. */
export async function launchChromiumContext(
  extensionDir: string | null,
  options: LaunchOptions = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'sidekick-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // --lang sets the interface language extension messages follow; `locale` gives pages the same navigator.language and Intl default.
    ...(options.locale ? { locale: options.locale } : {}),
    args: [
      ...FLAGS,
      ...(options.locale ? [`--lang=${options.locale}`] : []),
      ...resolverFlags(options.sites),
      ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    ],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(extensionDir: string, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const { context, close } = await launchChromiumContext(extensionDir, options);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  // Node's URL gives non-web schemes an opaque origin, so build it from the host.
  const origin = `chrome-extension://${new URL(worker.url()).host}`;
  const wrap = (page: Page) =>
    pageHandle(page, {
      space: 'Space',
      clipNeedsFullPage: true,
      setColorScheme: (scheme) => page.emulateMedia({ colorScheme: scheme }),
    });
  const workerTargets = async () => {
    const cdp = await context.browser()!.newBrowserCDPSession();
    try {
      const { targetInfos } = await cdp.send('Target.getTargets');
      return targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(origin));
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  };

  return {
    name: 'chromium',
    origin,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`${origin}/${path}`);
      return wrap(page);
    },
    async openUrl(url) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
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
      const [target] = await workerTargets();
      if (!target) throw new Error('no service worker to stop');
      const cdp = await context.browser()!.newBrowserCDPSession();
      await cdp.send('Target.closeTarget', { targetId: target.targetId });
      await cdp.detach();
      await until(async () => !(await workerTargets()).some((t) => t.targetId === target.targetId), {
        message: 'the service worker to stop',
      });
    },
    backgroundRunning: async () => (await workerTargets()).length > 0,
    close,
  };
}
