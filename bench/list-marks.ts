import { createHash } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { fillerTitle } from '../test/e2e/sites/fixtures/lists';
import { TITLES } from '../test/e2e/sites/fixtures/titles';
import type { FakePlex } from '../test/fake-plex/server';
import { contentScriptCost, type Act, type ContentScriptCost } from './content-script';
import type { BenchExtension } from './extension';
import { sleep } from './extension';

/** Items on the measured list page: the known titles, then made-up films up to this many. */
export const LIST_ITEMS = 100;

/** Every title of the measured list is in the library, so each item gets a mark: the most work the marks can do on that page. */
export async function addListServer(fake: FakePlex): Promise<void> {
  const known = TITLES.filter((title) => title.type !== 'episode');
  const titles = [...known, ...Array.from({ length: LIST_ITEMS - known.length }, (_, n) => fillerTitle(n))];
  await fake.addServer({
    name: 'List Server',
    connections: [{ local: false }],
    library: titles.map((title, n) => ({
      guid: `plex://${title.tmdb.kind === 'tv' ? 'show' : 'movie'}/${createHash('sha1').update(title.imdbId).digest('hex').slice(0, 24)}`,
      title: title.name,
      section: title.tmdb.kind === 'tv' ? 'TV Shows' : 'Movies',
      ratingKey: String(90_000 + n),
      guids: [`imdb://${title.imdbId}`, `tmdb://${title.tmdb.id}`],
    })),
  });
}

/** Waits (up to a minute) until the background says every server's index is built. */
export async function indexReady(main: BenchExtension): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const worker = await main.worker();
    const status = await worker.evaluate(async () => {
      const stored = await (
        globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }
      ).chrome.storage.local.get('libraryIndex');
      return Object.values((stored.libraryIndex ?? {}) as Record<string, { state: string }>).map((server) => server.state);
    });
    if (status.length > 0 && status.every((state) => state === 'ready')) return;
    await sleep(250);
  }
  throw new Error('the library index was not built within a minute');
}

/** Scrolls the page from top to bottom a screen at a time, as a person reading the list does. */
const scrollThrough: Act = async (page) => {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 600) {
    await page.mouse.wheel(0, 600);
    await sleep(40);
  }
};

/** The last row's mark: every row came into view and was marked before the counters were read. */
export const LAST_MARK = 'li.ipc-metadata-list-summary-item:last-child [data-testid="plex-mark"]';

/** The IMDb chart (`ready` = LAST_MARK) against IMDb's home page, where the same script marks nothing ('body'): the marks' own work. */
export function scrolledCost(options: {
  url: string;
  ready: string;
  withExtension: BrowserContext;
  withoutExtension: BrowserContext;
  runs: number;
}): Promise<ContentScriptCost> {
  return contentScriptCost({ ...options, settleMs: 4000, act: scrollThrough });
}
