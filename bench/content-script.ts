import type { BrowserContext, Page } from 'playwright-core';
import { sleep } from './extension';
import { summarize, type Summary } from './stats';

/** The renderer's main-thread counters for one page load (CDP Performance.getMetrics), in ms and bytes. */
export interface PageCost {
  scriptMs: number;
  taskMs: number;
  layoutAndStyleMs: number;
  heapBytes: number;
}

/** What a person does on the page after it loaded (scrolls a list), the same with and without the extension. */
export type Act = (page: Page) => Promise<void>;

/** Nothing is asked of the page before the read (waiting for an element runs the driver's script in it); `ready` then proves the wait. */
async function pageCost(context: BrowserContext, url: string, ready: string | null, settleMs: number, act?: Act): Promise<PageCost> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await act?.(page);
  await sleep(started + settleMs - Date.now());
  const { metrics } = await cdp.send('Performance.getMetrics');
  // Playwright's CSS locators look inside open shadow roots, where the badge lives.
  if (ready && !(await page.locator(ready).first().isVisible())) throw new Error(`${url}: no ${ready} after ${settleMs} ms`);
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  await cdp.detach();
  await page.close();
  return {
    scriptMs: value('ScriptDuration') * 1000,
    taskMs: value('TaskDuration') * 1000,
    layoutAndStyleMs: (value('LayoutDuration') + value('RecalcStyleDuration')) * 1000,
    heapBytes: value('JSHeapUsedSize'),
  };
}

export interface CostSummary {
  scriptMs: Summary;
  taskMs: Summary;
  layoutAndStyleMs: Summary;
  heapBytes: Summary;
}

async function costs(
  context: BrowserContext,
  url: string,
  ready: string | null,
  runs: number,
  settleMs: number,
  act?: Act,
): Promise<CostSummary> {
  const results: PageCost[] = [];
  // One load first to warm caches (the page, the extension's code cache), not counted.
  await pageCost(context, url, ready, settleMs, act);
  for (let run = 0; run < runs; run++) results.push(await pageCost(context, url, ready, settleMs, act));
  const pick = (key: keyof PageCost) => summarize(results.map((r) => r[key]));
  return { scriptMs: pick('scriptMs'), taskMs: pick('taskMs'), layoutAndStyleMs: pick('layoutAndStyleMs'), heapBytes: pick('heapBytes') };
}

export interface ContentScriptCost {
  url: string;
  /** When the counters were read, after navigation began. */
  settleMs: number;
  withExtension: CostSummary;
  withoutExtension: CostSummary;
  /** Medians with the extension minus medians without it. */
  added: { scriptMs: number; taskMs: number; layoutAndStyleMs: number; heapBytes: number };
}

/** The same fixture title page in a browser with the extension (signed in, the badge showing its answer) and in one without it. */
export async function contentScriptCost(options: {
  url: string;
  ready: string;
  withExtension: BrowserContext;
  withoutExtension: BrowserContext;
  runs: number;
  settleMs?: number;
  act?: Act;
}): Promise<ContentScriptCost> {
  const settleMs = options.settleMs ?? 1500;
  const withExtension = await costs(options.withExtension, options.url, options.ready, options.runs, settleMs, options.act);
  const withoutExtension = await costs(options.withoutExtension, options.url, null, options.runs, settleMs, options.act);
  const added = (key: keyof CostSummary) => Math.round((withExtension[key].median - withoutExtension[key].median) * 10) / 10;
  return {
    url: options.url,
    settleMs,
    withExtension,
    withoutExtension,
    added: {
      scriptMs: added('scriptMs'),
      taskMs: added('taskMs'),
      layoutAndStyleMs: added('layoutAndStyleMs'),
      heapBytes: added('heapBytes'),
    },
  };
}
