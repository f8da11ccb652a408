import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import puppeteer, { type Page } from 'puppeteer-core';
import { pageHandle, type DriverQuirks } from './page';
import type { ExtensionBrowser, LaunchOptions, SitesRouting } from './types';
import { until } from './until';

/** Firefox has no --host-resolver-rules: the sites' proxy tunnels CONNECT <fixture host>:443 and refuses the rest, calls home included. */
function sitesPrefs(sites: SitesRouting): Record<string, unknown> {
  return {
    // The fake media servers are not behind the proxy: their plex.direct names go direct (PLEX_DIRECT_PREFS).
    'network.proxy.no_proxies_on': '.plex.direct',
    'network.proxy.type': 1, // manual
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': sites.proxyPort,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': sites.proxyPort,
    'network.proxy.share_proxy_settings': false,
    // Firefox's default, pinned: loopback is never proxied, so the extension's requests to 127.0.0.1 go straight there.
    'network.proxy.allow_hijacking_localhost': false,
    // No fixture host is HSTS in Firefox 140 (isSecureURI is false), so the certificate error stays overridable; off for later lists.
    'network.stricttransportsecurity.preloadlist': false,
    // No DNS over HTTPS, no captive-portal or connectivity probes: the proxy would refuse them anyway.
    'network.trr.mode': 5,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
  };
}

/** For `*.plex.direct`: each name Firefox looks up itself goes to 127.0.0.1, port kept; names behind the sites' proxy it never looks up. */
const PLEX_DIRECT_PREFS = { 'network.dns.forceResolve': '127.0.0.1' };

/** manifest.json of an unpacked extension (a directory) or of a packed one (a .zip or .xpi file). */
async function readManifest(extensionPath: string): Promise<string> {
  if ((await stat(extensionPath)).isDirectory()) return readFile(join(extensionPath, 'manifest.json'), 'utf8');
  const entry = (await JSZip.loadAsync(await readFile(extensionPath))).file('manifest.json');
  if (!entry) throw new Error(`${extensionPath} has no manifest.json at its root`);
  return entry.async('string');
}

/** Extension pages open in a tab the browser adds from privileged code: BiDi's own navigation to them is refused, or never loads in 140. */
export async function launchFirefox(extensionDir: string, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  if (options.locale) throw new Error('Firefox ESR here has only its English interface; see LaunchOptions.locale');
  const manifest = JSON.parse(await readManifest(extensionDir)) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const addonId = manifest.browser_specific_settings.gecko.id;
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    args: ['--remote-allow-system-access'],
    // Firefox accepts the self-signed certificates by certOverrideService.setDisableAllSecurityChecksAndLetAttackersInterceptMyData.
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      // A fixed UUID gives the extension's pages a known moz-extension:// origin.
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
      ...PLEX_DIRECT_PREFS,
      ...(options.sites ? sitesPrefs(options.sites) : {}),
    },
  });
  await browser.installExtension(extensionDir);
  const origin = `moz-extension://${uuid}`;

  const connection = (browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } })
    .connection;
  type Evaluated = { type: 'success'; result: { value?: unknown } } | { type: 'exception'; exceptionDetails: { text: string } };
  const evaluateIn = async (context: string, expression: string) =>
    (await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true })).result as Evaluated;

  /** Firefox 140 ignores BiDi's `moz:scope: 'chrome'`, but scripts an about:config tab in the parent process with the system principal. */
  let privilegedContext: Promise<string> | undefined;
  async function findPrivilegedContext(): Promise<string> {
    const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
      contexts: { context: string; url: string }[];
    };
    const chrome = tree.contexts.find((c) => c.url.startsWith('chrome://browser/'));
    if (chrome) return chrome.context;
    const { context } = (await connection.send('browsingContext.create', { type: 'tab', background: true })).result as { context: string };
    // Its navigation never reports as finished to BiDi.
    await connection.send('browsingContext.navigate', { context, url: 'about:config', wait: 'none' });
    await until(
      async () => {
        const outcome = await evaluateIn(context, 'typeof WebExtensionPolicy');
        return outcome.type === 'success' && outcome.result.value === 'function';
      },
      { message: 'a privileged about:config tab' },
    );
    return context;
  }
  /** Evaluates with the system principal; returns the value if it is a primitive. */
  async function privileged(expression: string): Promise<unknown> {
    privilegedContext ??= findPrivilegedContext().catch((error: unknown) => {
      privilegedContext = undefined;
      throw error;
    });
    const outcome = await evaluateIn(await privilegedContext, expression);
    if (outcome.type === 'exception') throw new Error(`in Firefox's privileged scope: ${outcome.exceptionDetails.text}`);
    return outcome.result.value;
  }
  /** Extension.sys.mjs; about:debugging's "Terminate background script" calls terminateBackground() (ext-backgroundPage.js, 140). */
  const extension = `WebExtensionPolicy.getByID(${JSON.stringify(addonId)}).extension`;
  const backgroundState = async () => String(await privileged(`${extension}.backgroundState`));

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
  const quirks: DriverQuirks = {
    space: ' ',
    clipNeedsFullPage: false,
    // For every page of the browser at once: 0 dark, 1 light (2 follows the system, 3 the theme).
    setColorScheme: async (scheme) =>
      void (await privileged(
        `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme === 'dark' ? 0 : 1})`,
      )),
  };
  const wrap = (page: Page) => pageHandle(page, quirks);

  return {
    name: 'firefox',
    origin,
    async openPage(path) {
      const url = `${origin}/${path}`;
      const before = new Set(await browser.pages());
      const addTab = () =>
        privileged(
          `Services.wm.getMostRecentWindow('navigator:browser').gBrowser.selectedTab = Services.wm.getMostRecentWindow('navigator:browser').gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }); 1`,
        );
      // Not page.waitForFunction: it compiles its predicate with Function(), which the extension's CSP blocks.
      const loaded = (page: Page) => page.evaluate(() => [location.href, document.readyState]).catch(() => []);
      const seen = new Map<Page, string>();
      const opened = async () => {
        for (const candidate of await browser.pages()) {
          if (before.has(candidate)) continue;
          const [href, state] = await loaded(candidate);
          seen.set(candidate, `${String(href)} (${String(state)})`);
          if (href === url && state === 'complete') return candidate;
        }
        return undefined;
      };
      await addTab();
      // About one whole run in three the driver never reports a tab opened from the browser's own scope, so one more is opened.
      let page = await until(opened, { timeoutMs: 10_000, message: `${url} to open` }).catch(() => undefined);
      if (!page) {
        await addTab();
        page = await until(opened, { timeoutMs: 15_000, message: `${url} to open (opened twice)` }).catch((error: Error) => {
          throw new Error(`${error.message}; new pages seen: ${[...seen.values()].join(', ') || 'none'}`);
        });
        for (const other of await browser.pages()) {
          if (other !== page && !before.has(other) && (await loaded(other))[0] === url) await other.close().catch(() => undefined);
        }
      }
      return wrap(page);
    },
    async openUrl(url) {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return wrap(page);
    },
    waitForTab: async (predicate, timeoutMs = 10_000) => wrap(await findPage(predicate, timeoutMs)),
    async stopBackground() {
      await until(
        async () => {
          const state = await backgroundState();
          // Forced, like closing Chromium's worker: not put off by pending listeners.
          if (state === 'running') {
            await privileged(
              `${extension}.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true }).then(() => 1)`,
            );
          }
          return (await backgroundState()) === 'stopped';
        },
        { message: 'the background to stop' },
      );
    },
    backgroundRunning: async () => (await backgroundState()) === 'running',
    async close() {
      await Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      browser.process()?.kill('SIGKILL');
    },
  };
}
