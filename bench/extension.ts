import type { BrowserContext, Page, Worker } from 'playwright-core';
import type { FakePlexControl } from '../test/fake-plex/control';
import { launchChromiumContext, until, type SitesRouting } from '../test/e2e/browser';

/** The extension API inside the extension's pages and its service worker, where these functions run. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: {
    local: {
      remove(keys: string[]): Promise<void>;
      onChanged: { addListener(fn: (changes: Record<string, { newValue?: unknown }>) => void): void; removeListener(fn: unknown): void };
    };
  };
  alarms: { getAll(): Promise<{ name: string }[]> };
};

/** What the probe records in a page, as `performance.now()` (ms since the page's navigation began). */
interface Marks {
  /** The popup put its first view into the document. */
  view?: number;
  /** …and the browser has painted it. */
  viewPainted?: number;
  /** The signed-in view's account name, painted, as wall-clock time (`Date.now()` scale). */
  accountPaintedAt?: number;
}

/** Installed before the page's own scripts; a task queued from the next animation frame runs once that frame has been painted. */
function installProbe(): void {
  const marks: Marks = {};
  Object.assign(window, { __benchMarks: marks });
  const afterPaint = (done: () => void) => requestAnimationFrame(() => setTimeout(done, 0));
  new MutationObserver(() => {
    if (marks.view === undefined && document.querySelector('#app > [data-kind]')) {
      marks.view = performance.now();
      afterPaint(() => (marks.viewPainted = performance.now()));
    }
    if (marks.accountPaintedAt === undefined && document.querySelector('[data-testid="account-name"]')) {
      marks.accountPaintedAt = -1;
      afterPaint(() => (marks.accountPaintedAt = performance.timeOrigin + performance.now()));
    }
  }).observe(document, { childList: true, subtree: true });
}

export interface BenchExtension {
  context: BrowserContext;
  /** chrome-extension://<id> */
  origin: string;
  /** The running service worker (the extension's background). */
  worker(): Promise<Worker>;
  /** Opens popup.html in a new tab with the probe installed. */
  openPopup(): Promise<Page>;
  /** What the probe has seen in a popup so far. */
  marks(page: Page): Promise<Marks>;
  /** Forgets any sign-in, as a fresh install would be: the popup shows the sign-in buttons. */
  signOut(): Promise<void>;
  /** Signs in with a code through the popup, which it leaves closed. */
  signIn(plex: FakePlexControl): Promise<void>;
  /** Resolves with the time (Date.now()) the background stores a sign-in; start it before the approval. */
  tokenStored(): Promise<() => Promise<number>>;
  alarms(): Promise<string[]>;
  close(): Promise<void>;
}

const selector = (testId: string) => `[data-testid="${testId}"]`;

export async function launchBenchExtension(extensionDir: string, sites?: SitesRouting): Promise<BenchExtension> {
  const { context, close } = await launchChromiumContext(extensionDir, { sites });
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const origin = `chrome-extension://${new URL(first.url()).host}`;
  const worker = () =>
    until(async () => context.serviceWorkers().find((w) => w.url().startsWith(origin)), { message: 'the service worker' });

  async function openPopup(): Promise<Page> {
    const page = await context.newPage();
    await page.addInitScript(installProbe);
    await page.goto(`${origin}/popup.html`);
    return page;
  }

  const extension: BenchExtension = {
    context,
    origin,
    worker,
    openPopup,
    marks: (page) => page.evaluate(() => ({ ...(window as unknown as { __benchMarks: Marks }).__benchMarks })),
    async signOut() {
      const page = await openPopup();
      await forgetSignIn(page);
      await page.close();
    },
    async signIn(plex) {
      const page = await openPopup();
      await page.locator(selector('sign-in-code')).click();
      const code = (await page.locator(selector('pin-code')).textContent())!;
      await plex.approve({ code });
      await page.locator(selector('account-name')).waitFor();
      await page.close();
    },
    async tokenStored() {
      const sw = await worker();
      const id = `token-${Math.random()}`;
      // The listener lives in the service worker; the returned function waits for what it saw.
      await sw.evaluate((key) => {
        const store = globalThis as unknown as Record<string, Promise<number>>;
        store[key] = new Promise<number>((resolve) => {
          const listener = (changes: Record<string, { newValue?: unknown }>) => {
            // The session is stored together with the token, which lives where storage events do not tell.
            if (!changes.session?.newValue) return;
            chrome.storage.local.onChanged.removeListener(listener);
            resolve(Date.now());
          };
          chrome.storage.local.onChanged.addListener(listener);
        });
      }, id);
      return () => sw.evaluate((key) => (globalThis as unknown as Record<string, Promise<number>>)[key]!, id);
    },
    async alarms() {
      return (await (await worker()).evaluate(() => chrome.alarms.getAll())).map((alarm) => alarm.name);
    },
    close,
  };
  return extension;
}

/** Repeated until it holds: an open popup's account refresh can write the account back after the removal (token checked first). */
export async function forgetSignIn(page: Page): Promise<void> {
  await page.locator('#app > [data-kind]').waitFor();
  // Through the background first: the token lives where only the extension's own pages reach it.
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'sign-out' }));
  for (let attempt = 1; ; attempt++) {
    await page.evaluate(() => chrome.storage.local.remove(['signin', 'session', 'token', 'servers', 'serverTokens']));
    try {
      await page.locator(selector('sign-in')).waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

/** The 4-character code of a sign-in started from `page` with "Use a code". */
export async function startCodeSignIn(page: Page): Promise<string> {
  await page.locator(selector('sign-in-code')).click();
  const code = page.locator(selector('pin-code'));
  await code.waitFor();
  return (await code.textContent())!.trim();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
