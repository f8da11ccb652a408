import type { PageHandle } from './types';
import { until } from './until';

interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What Playwright's and Puppeteer's pages have in common, which is all the tests need. */
export interface DriverPage {
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** Both drivers also take an expression's source text, evaluated by the driver itself. */
  evaluate(expression: string): Promise<unknown>;
  click(selector: string): Promise<void>;
  mouse: { click(x: number, y: number): Promise<void> };
  keyboard: { press(key: never): Promise<void> };
  screenshot(options: { path: string; clip?: Clip; fullPage?: boolean }): Promise<unknown>;
  close(): Promise<void>;
  isClosed(): boolean;
}

/** Where the two drivers differ, said by each browser's module (chromium.ts, firefox.ts). */
export interface DriverQuirks {
  /** The keyboard's name for the space bar: Playwright 'Space', Puppeteer over BiDi ' '. */
  space: string;
  /** Playwright clips within the viewport unless told `fullPage`; Puppeteer refuses both at once. */
  clipNeedsFullPage: boolean;
  /** Makes `prefers-color-scheme` say `scheme` in this page (Chromium) or every page (Firefox). */
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
}

/** Page coordinates in whole CSS pixels; `path` joins selectors with ' >> ', each inside the previous one's open shadow root. */
function boxOf({ path, margin }: { path: string; margin: number }): Clip | null {
  let scope: Document | ShadowRoot | null = document;
  let element: Element | null = null;
  for (const part of path.split(' >> ')) {
    element = scope?.querySelector(part) ?? null;
    scope = element?.shadowRoot ?? null;
  }
  if (!element) return null;
  const box = element.getBoundingClientRect();
  const x = Math.max(0, Math.floor(box.left + scrollX - margin));
  const y = Math.max(0, Math.floor(box.top + scrollY - margin));
  return { x, y, width: Math.ceil(box.right + scrollX + margin) - x, height: Math.ceil(box.bottom + scrollY + margin) - y };
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

interface ProbeRequest {
  selector: string;
  /** Look inside every open shadow root (recursively) instead of the document itself. */
  shadow: boolean;
  attribute?: string;
  /** Scroll the element into view and work out where a click would land. */
  aim?: boolean;
}

interface ProbeResult {
  count: number;
  /** Text of the first visible match; null if none is visible. */
  text: string | null;
  attribute: string | null;
  /** Where to click: the visible match's centre, in viewport CSS pixels, when nothing covers it. */
  point: { x: number; y: number } | null;
  /** What covers the centre instead, when something does. */
  covered: string | null;
}

/** Finds elements in the document or in its open shadow roots and reports on them. Runs in the page; self-contained. */
function probe({ selector: sel, shadow, attribute, aim }: ProbeRequest): ProbeResult {
  const matches: HTMLElement[] = [];
  if (shadow) {
    const roots: ShadowRoot[] = [];
    const collect = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) {
          roots.push(element.shadowRoot);
          collect(element.shadowRoot);
        }
      }
    };
    collect(document);
    for (const root of roots) matches.push(...root.querySelectorAll<HTMLElement>(sel));
  } else {
    matches.push(...document.querySelectorAll<HTMLElement>(sel));
  }
  const isVisible = (element: HTMLElement) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
  };
  const visible = matches.find(isVisible);
  const result: ProbeResult = {
    count: matches.length,
    text: visible ? (visible.textContent ?? '').trim() : null,
    attribute: attribute && matches[0] ? matches[0].getAttribute(attribute) : null,
    point: null,
    covered: null,
  };
  if (aim && visible) {
    const box = visible.getBoundingClientRect();
    if (box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth) {
      visible.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    }
    const { left, top, width, height } = visible.getBoundingClientRect();
    const x = left + width / 2;
    const y = top + height / 2;
    // Hit-test down through shadow roots to the element a real click would reach.
    let hit = document.elementFromPoint(x, y);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    if (hit && (hit === visible || visible.contains(hit))) result.point = { x, y };
    else result.covered = hit ? `<${hit.tagName.toLowerCase()} class="${hit.getAttribute('class') ?? ''}">` : 'nothing';
  }
  return result;
}

type TextMatch = string | RegExp | undefined;
const matchesText = (text: TextMatch, value: string) =>
  text === undefined || (typeof text === 'string' ? value === text : text.test(value));

export function pageHandle(page: DriverPage, quirks: DriverQuirks): PageHandle {
  const textOf = (testId: string) => page.evaluate(visibleText, selector(testId));
  const run = (request: ProbeRequest) => page.evaluate(probe, request);
  const shown = () =>
    page
      .evaluate(() => document.body?.innerText ?? '', undefined)
      .then((text) => text.replace(/\s+/g, ' ').slice(0, 300))
      .catch(() => '(page gone)');

  /** Waits for a visible match with matching text; on timeout, says what the page showed. */
  async function waitForText(request: ProbeRequest, what: string, text: TextMatch, timeoutMs: number): Promise<string> {
    try {
      return await until(
        async () => {
          const { text: value } = await run(request);
          return value !== null && matchesText(text, value) ? { value } : undefined;
        },
        { timeoutMs, message: `${what}${text ? ` with text ${String(text)}` : ''}` },
      ).then((found) => found.value);
    } catch (error) {
      throw new Error(`${(error as Error).message}; the page showed: ${await shown()}`);
    }
  }

  /** A trusted click where a person would click: the element's centre, once it is visible and uncovered. */
  async function realClick(request: ProbeRequest, what: string, timeoutMs = 10_000): Promise<void> {
    let last: ProbeResult | undefined;
    const point = await until(
      async () => {
        last = await run({ ...request, aim: true });
        return last.point;
      },
      { timeoutMs, message: `${what} to be visible and clickable` },
    ).catch(async (error: Error) => {
      const why = !last?.count ? 'not found' : last.covered ? `covered by ${last.covered}` : 'not visible';
      throw new Error(`${error.message} (${why}); the page showed: ${await shown()}`);
    });
    await page.mouse.click(point.x, point.y);
  }

  const handle: PageHandle = {
    url: () => page.evaluate(() => location.href, undefined),
    waitForUrl: (predicate, timeoutMs = 10_000) =>
      until(
        async () => {
          const href = await handle.url();
          return predicate(href) ? href : undefined;
        },
        { timeoutMs, message: 'the page to reach the expected address' },
      ),
    async click(testId) {
      // A re-render between finding and clicking detaches the driver's node; the new one is clicked, as a person's next click would.
      await until(
        async () => {
          await handle.waitForTestId(testId);
          try {
            await page.click(selector(testId));
            return true;
          } catch (error) {
            if (/detached|not attached/i.test(String(error))) return undefined;
            throw error;
          }
        },
        { message: `a click on [data-testid="${testId}"]` },
      );
    },
    async waitForTestId(testId, { text, timeoutMs = 10_000 } = {}) {
      try {
        return await until(
          async () => {
            const value = await textOf(testId);
            return value !== null && matchesText(text, value) ? { value } : undefined;
          },
          { timeoutMs, message: `[data-testid="${testId}"]${text ? ` with text ${String(text)}` : ''}` },
        ).then((found) => found.value);
      } catch (error) {
        throw new Error(`${(error as Error).message}; the page showed: ${await shown()}`);
      }
    },
    isVisible: async (testId) => (await textOf(testId)) !== null,
    waitForSelector: (sel, { text, timeoutMs = 10_000 } = {}) => waitForText({ selector: sel, shadow: false }, sel, text, timeoutMs),
    clickLink: (sel) => realClick({ selector: sel, shadow: false }, sel),

    waitForShadowTestId: (testId, { text, timeoutMs = 10_000 } = {}) =>
      waitForText({ selector: selector(testId), shadow: true }, `${selector(testId)} in a shadow root`, text, timeoutMs),
    isShadowVisible: async (testId) => (await run({ selector: selector(testId), shadow: true })).text !== null,
    clickShadow: (testId) => realClick({ selector: selector(testId), shadow: true }, `${selector(testId)} in a shadow root`),
    shadowAttribute: async (testId, name) => (await run({ selector: selector(testId), shadow: true, attribute: name })).attribute,
    shadowCount: async (testId) => (await run({ selector: selector(testId), shadow: true })).count,

    evaluate: <T, A>(fn: (arg: A) => T | Promise<T>, arg?: A) => page.evaluate(fn, arg as A),
    evaluateScript: (source) => page.evaluate(source),
    press: (key) => page.keyboard.press((key === 'Space' ? quirks.space : key) as never),
    async screenshot(path, { element, margin = 0 } = {}) {
      if (element === undefined) {
        await page.screenshot({ path });
        return;
      }
      const clip = await page.evaluate(boxOf, { path: element, margin });
      if (!clip || clip.width === 0 || clip.height === 0)
        throw new Error(`no box to screenshot for ${element}; the page showed: ${await shown()}`);
      await page.screenshot(quirks.clipNeedsFullPage ? { path, clip, fullPage: true } : { path, clip });
    },
    async setColorScheme(scheme) {
      await quirks.setColorScheme(scheme);
      const dark = scheme === 'dark';
      await until(async () => (await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches, undefined)) === dark, {
        message: `prefers-color-scheme: ${scheme} in the page`,
      });
    },
    close: () => page.close(),
    waitForClose: (timeoutMs = 10_000) =>
      until(async () => page.isClosed(), { timeoutMs, message: 'the tab to close' }).then(() => undefined),
  };
  return handle;
}
