export type BrowserName = 'chromium' | 'firefox';

/** The fixture sites' real host names are routed to these ports on 127.0.0.1; `startSites()`'s result fits. */
export interface SitesRouting {
  /** The HTTPS server: Chromium maps each host straight to 127.0.0.1:<httpsPort>. */
  httpsPort: number;
  /** The CONNECT-only proxy: Firefox sends all http(s) traffic except loopback through it. */
  proxyPort: number;
  hosts: string[];
}

export interface LaunchOptions {
  sites?: SitesRouting;
  /** Chromium only: Debian's Firefox ESR has no other language installed (its language packs are separate packages). */
  locale?: string;
}

export interface PageHandle {
  url(): Promise<string>;
  /** Waits until the page's own location.href satisfies the predicate; returns it. */
  waitForUrl(predicate: (url: string) => boolean, timeoutMs?: number): Promise<string>;
  click(testId: string): Promise<void>;
  /** Waits for a visible element with this data-testid (optionally with matching text); returns its text. */
  waitForTestId(testId: string, opts?: { text?: string | RegExp; timeoutMs?: number }): Promise<string>;
  isVisible(testId: string): Promise<boolean>;
  /** Waits for a visible element matching a CSS selector in the page (not in shadow roots); returns its text. */
  waitForSelector(selector: string, opts?: { text?: string | RegExp; timeoutMs?: number }): Promise<string>;
  /** A real mouse click at the centre of the first visible element matching a CSS selector (a link, a button). */
  clickLink(selector: string): Promise<void>;

  /** By data-testid in any open shadow root, nested ones too: where the content scripts mount their UI. */
  waitForShadowTestId(testId: string, opts?: { text?: string | RegExp; timeoutMs?: number }): Promise<string>;
  isShadowVisible(testId: string): Promise<boolean>;
  /** A real, trusted mouse click at the element's centre (after checking nothing covers it). */
  clickShadow(testId: string): Promise<void>;
  /** The attribute of the first element with this data-testid in an open shadow root; null if absent. */
  shadowAttribute(testId: string, name: string): Promise<string | null>;
  /** How many elements with this data-testid there are across all open shadow roots (visible or not). */
  shadowCount(testId: string): Promise<number>;

  /** Runs fn in the page; `arg` must be JSON-like. fn is sent as source: it cannot use anything from its scope. */
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** The driver's own evaluation (CDP Runtime.evaluate, BiDi script.evaluate), as an extension page's CSP stops the page's eval. */
  evaluateScript(source: string): Promise<unknown>;
  press(key: string): Promise<void>;
  /** `element`: a CSS selector, or selectors joined by ' >> ' into open shadow roots; its whole box, beyond the viewport too. */
  screenshot(path: string, opts?: { element?: string; margin?: number }): Promise<void>;
  /** Chromium emulates it for this page only (CDP); Firefox sets a preference for every page of the browser, until set again. */
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  close(): Promise<void>;
  waitForClose(timeoutMs?: number): Promise<void>;
}

export interface ExtensionBrowser {
  readonly name: BrowserName;
  /** chrome-extension://<id> or moz-extension://<uuid> */
  readonly origin: string;
  /** Opens one of the extension's own pages (e.g. 'popup.html') in a new tab. */
  openPage(path: string): Promise<PageHandle>;
  /** Opens a web page (e.g. a fixture site's https://www.imdb.com/…) in a new tab; resolves once it has loaded. */
  openUrl(url: string): Promise<PageHandle>;
  waitForTab(predicate: (url: string) => boolean, timeoutMs?: number): Promise<PageHandle>;
  /** Stops the extension's background (Chromium's service worker, Firefox's event page) and waits until it is gone. */
  stopBackground(): Promise<void>;
  backgroundRunning(): Promise<boolean>;
  close(): Promise<void>;
}
