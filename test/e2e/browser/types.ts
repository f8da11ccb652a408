export type BrowserName = 'chromium' | 'firefox';

/**
 * Where the fixture sites (test/e2e/sites) listen: their real host names are routed to these
 * ports on 127.0.0.1 and their self-signed certificate is accepted. `startSites()`'s result fits.
 */
export interface SitesRouting {
  /** The HTTPS server: Chromium maps each host straight to 127.0.0.1:<httpsPort>. */
  httpsPort: number;
  /** The CONNECT-only proxy: Firefox sends all http(s) traffic except loopback through it. */
  proxyPort: number;
  hosts: string[];
}

export interface LaunchOptions {
  sites?: SitesRouting;
  /**
   * The browser's language (e.g. 'de'), as a person whose browser speaks it has it: the interface
   * language the extension's messages follow, and the pages' locale. Chromium only: Debian's
   * Firefox ESR has no other language installed (its language packs are separate packages).
   */
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

  /**
   * The same for elements inside any open shadow root of the page (nested ones too), found by data-testid:
   * where the extension's content scripts mount their UI.
   */
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
  /**
   * Runs a script's source text in the page, as the driver's own evaluation (CDP Runtime.evaluate,
   * BiDi script.evaluate): not through the page's eval, so an extension page's CSP does not stop it.
   * For injecting a library (axe-core); returns the completion value if it is JSON-like.
   */
  evaluateScript(source: string): Promise<unknown>;
  press(key: string): Promise<void>;
  /**
   * A PNG of the page. With `element`, only that element's box (plus `margin` CSS pixels around
   * it), at its natural size, even where it reaches beyond the viewport. `element` is a CSS
   * selector in the document (e.g. 'body'), or selectors joined by ' >> ' into open shadow roots
   * (e.g. 'sidekick-plex-badge >> .badge').
   */
  screenshot(path: string, opts?: { element?: string; margin?: number }): Promise<void>;
  /**
   * What `prefers-color-scheme` says from now on. Chromium: this page only (CDP emulation).
   * Firefox: every web and extension page of the browser (a preference), until set again.
   */
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
  /** Whether the extension's background is running now. */
  backgroundRunning(): Promise<boolean>;
  close(): Promise<void>;
}
