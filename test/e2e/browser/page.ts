import type { PageHandle } from './types';
import { until } from './until';

/** What Playwright's and Puppeteer's pages have in common, which is all the tests need. */
export interface DriverPage {
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  click(selector: string): Promise<void>;
  keyboard: { press(key: never): Promise<void> };
  screenshot(options: { path: string }): Promise<unknown>;
  close(): Promise<void>;
  isClosed(): boolean;
}

const selector = (testId: string) => `[data-testid="${testId}"]`;

/** Visible text of the element, or null when it is absent or hidden. Runs in the page. */
function visibleText(sel: string): string | null {
  const element = document.querySelector<HTMLElement>(sel);
  if (!element) return null;
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') return null;
  return (element.textContent ?? '').trim();
}

export function pageHandle(page: DriverPage): PageHandle {
  const textOf = (testId: string) => page.evaluate(visibleText, selector(testId));
  const handle: PageHandle = {
    url: () => page.evaluate(() => location.href, undefined),
    async click(testId) {
      await handle.waitForTestId(testId);
      await page.click(selector(testId));
    },
    async waitForTestId(testId, { text, timeoutMs = 10_000 } = {}) {
      const matches = (value: string) => text === undefined || (typeof text === 'string' ? value === text : text.test(value));
      try {
        return await until(
          async () => {
            const value = await textOf(testId);
            return value !== null && matches(value) ? { value } : undefined;
          },
          { timeoutMs, message: `[data-testid="${testId}"]${text ? ` with text ${String(text)}` : ''}` },
        ).then((found) => found.value);
      } catch (error) {
        const shown = await page.evaluate(() => document.body?.innerText ?? '', undefined).catch(() => '(page gone)');
        throw new Error(`${(error as Error).message}; the page showed: ${shown.replace(/\s+/g, ' ').slice(0, 300)}`);
      }
    },
    isVisible: async (testId) => (await textOf(testId)) !== null,
    evaluate: (fn) => page.evaluate(fn, undefined),
    press: (key) => page.keyboard.press(key as never),
    async screenshot(path) {
      await page.screenshot({ path });
    },
    close: () => page.close(),
    waitForClose: (timeoutMs = 10_000) =>
      until(async () => page.isClosed(), { timeoutMs, message: 'the tab to close' }).then(() => undefined),
  };
  return handle;
}
