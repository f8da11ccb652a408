export type BrowserName = 'chromium' | 'firefox';

export interface PageHandle {
  url(): Promise<string>;
  click(testId: string): Promise<void>;
  /** Waits for a visible element with this data-testid (optionally with matching text); returns its text. */
  waitForTestId(testId: string, opts?: { text?: string | RegExp; timeoutMs?: number }): Promise<string>;
  isVisible(testId: string): Promise<boolean>;
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
  press(key: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
  waitForClose(timeoutMs?: number): Promise<void>;
}

export interface ExtensionBrowser {
  readonly name: BrowserName;
  /** chrome-extension://<id> or moz-extension://<uuid> */
  readonly origin: string;
  openPage(path: string): Promise<PageHandle>;
  waitForTab(predicate: (url: string) => boolean, timeoutMs?: number): Promise<PageHandle>;
  /** Stops the extension's background (Chromium's service worker). */
  stopBackground(): Promise<void>;
  close(): Promise<void>;
}
