import { afterAll, beforeAll, inject } from 'vitest';
import { fakePlexControl, type FakePlexControl } from '../fake-plex/control';
import { launchExtensionBrowser, type BrowserName, type ExtensionBrowser, type PageHandle } from './browser';
import { startSites, type Sites } from './sites/server';

export interface SuiteBrowser {
  plex: FakePlexControl;
  plexUrl: string;
  /** The built extension in a browser launched before the suite's first story and closed after its last. */
  browser: ExtensionBrowser;
  /** The fixture sites that browser reaches at their real names. */
  sites: Sites;
  /** Opens a web page in a new tab, closed by closePages or at the end. */
  open(url: string): Promise<PageHandle>;
  closePages(): Promise<void>;
}

/** Stands for a value set in beforeAll, so a suite can name it once, at the top, and use it in its stories. */
function setLater<T extends object>(what: string): { value: T; set(value: T): void; get(): T | undefined } {
  let held: T | undefined;
  const value = new Proxy({} as T, {
    get(_, key) {
      if (!held) throw new Error(`${what} is set in beforeAll; use it in a hook or a story`);
      const field: unknown = Reflect.get(held, key);
      return typeof field === 'function' ? (field as (...args: unknown[]) => unknown).bind(held) : field;
    },
  });
  return { value, set: (v) => void (held = v), get: () => held };
}

/** Call it first in a describe block: its hooks then run before the block's own, and its closing after theirs. */
export function suiteBrowser(name: BrowserName): SuiteBrowser {
  const { plexUrl, extensionDir } = inject('e2e')[name];
  const browser = setLater<ExtensionBrowser>('the browser');
  const sites = setLater<Sites>('the sites');
  const pages: PageHandle[] = [];
  const closePages = async () => {
    await Promise.all(pages.splice(0).map((page) => page.close().catch(() => undefined)));
  };

  beforeAll(async () => {
    const started = await startSites();
    sites.set(started);
    browser.set(await launchExtensionBrowser(name, extensionDir, { sites: started }));
  });
  afterAll(async () => {
    await closePages();
    await browser.get()?.close();
    await sites.get()?.close();
  });

  return {
    plex: fakePlexControl(plexUrl),
    plexUrl,
    browser: browser.value,
    sites: sites.value,
    async open(url) {
      const page = await browser.value.openUrl(url);
      pages.push(page);
      return page;
    },
    closePages,
  };
}
