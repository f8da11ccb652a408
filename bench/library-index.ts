import type { Page, Worker } from 'playwright-core';
import type { FakePlex } from '../test/fake-plex/server';
import type { BenchExtension } from './extension';
import { repeat, summarize, type Summary } from './stats';

/** The extension API inside its service worker and pages, where these functions run. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(key: string): Promise<void>;
      getBytesInUse(key: string): Promise<number>;
    };
  };
};

export const GOALS = { buildMs: 60_000, refreshMs: 2_000, storedBytes: 5_000_000, badgeMs: 50, requestsPerPage: 0 };

export interface LibraryIndexResults {
  library: { servers: number; moviesPerServer: number; showsPerServer: number; titles: number };
  /** Sign-in (account shown) to every server's index ready. */
  buildMs: number;
  /** A pass with nothing changed, asked from the popup, answer to answer. */
  refreshMs: Summary;
  requestsPerRefresh: number;
  stored: { indexedDbBytes: number; storageLocalBytes: number; jsonBytes: number };
  /** The title in the page's DOM to the badge's "on Plex" painted, for an indexed title. */
  badgeMs: Summary;
  /** …of which before the content script put the badge's host in the page (document_idle, script start). */
  hostMs: Summary;
  requestsPerTitlePage: number[];
  goals: typeof GOALS;
}

interface Status {
  state: string;
  titles?: number;
  bytes?: number;
}

async function indexStatus(worker: Worker): Promise<Record<string, Status>> {
  return (await worker.evaluate(() => chrome.storage.local.get('libraryIndex'))).libraryIndex as Record<string, Status>;
}

/** IndexedDB's and storage.local's sizes of the same records: the stored index, and a copy of it written to storage.local and removed. */
async function storedSizes(worker: Worker): Promise<LibraryIndexResults['stored']> {
  return worker.evaluate(async () => {
    const records = await new Promise<unknown[]>((resolve, reject) => {
      const open = indexedDB.open('sidekick-library');
      open.onerror = () => reject(open.error ?? new Error('open failed'));
      open.onsuccess = () => {
        const request = open.result.transaction('servers').objectStore('servers').getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error ?? new Error('getAll failed'));
      };
    });
    const jsonBytes = new TextEncoder().encode(JSON.stringify(records)).length;
    const usage = async () => (await navigator.storage.estimate()).usage ?? 0;
    const withIndex = await usage();
    await chrome.storage.local.set({ benchIndexCopy: records });
    const storageLocalBytes = await chrome.storage.local.getBytesInUse('benchIndexCopy');
    await chrome.storage.local.remove('benchIndexCopy');
    return { indexedDbBytes: withIndex, storageLocalBytes, jsonBytes };
  });
}

/** Installed before the page's scripts; the badge's shadow root is opened for the bench (WXT_BADGE_SHADOW) so its "on Plex" can be seen. */
function installBadgeProbe(): void {
  const marks: { title?: number; host?: number; badge?: number } = {};
  Object.assign(window, { __badgeMarks: marks });
  const afterPaint = (done: () => void) => requestAnimationFrame(() => setTimeout(done, 0));
  const check = () => {
    if (marks.title === undefined && document.querySelector('h1')) marks.title = performance.now();
    const host = document.querySelector('sidekick-plex-badge');
    if (marks.host === undefined && host) marks.host = performance.now();
    const status = host?.shadowRoot?.querySelector('[data-testid="plex-badge-status"]');
    if (marks.badge === undefined && status?.textContent === 'on Plex') {
      marks.badge = -1;
      afterPaint(() => (marks.badge = performance.now()));
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  // The badge's own root is not seen by the page's observer; look there on every frame until it answers.
  const poll = () => {
    check();
    if (marks.badge === undefined || marks.badge === -1) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

async function badgeAfterTitle(page: Page): Promise<{ badge: number; host: number }> {
  for (;;) {
    const marks = await page.evaluate(
      () => (window as unknown as { __badgeMarks: { title?: number; host?: number; badge?: number } }).__badgeMarks,
    );
    if (marks.title !== undefined && marks.badge !== undefined && marks.badge >= 0) {
      return { badge: marks.badge - marks.title, host: (marks.host ?? marks.badge) - marks.title };
    }
    await page.waitForTimeout(20);
  }
}

const countRequests = async (fake: FakePlex) => (await fake.requests()).length + (await fake.serverRequests()).length;

/** Against a generated library on two fake servers: the build after sign-in, a pass with nothing changed, what it stores, title pages. */
export async function libraryIndexFigures(
  main: BenchExtension,
  fake: FakePlex,
  titleUrl: string,
  runs: number,
): Promise<LibraryIndexResults> {
  const catalog = await fake.catalog();
  const movie = (name: string) => {
    const title = catalog.find((t) => t.title === name)!;
    return { guid: title.guid, title: title.title, section: 'Movies', guids: title.externalIds };
  };
  const generated = { movies: 10_000, shows: 1_000 };
  await main.signOut();
  await fake.reset();
  await fake.addServer({
    name: 'Home Server',
    connections: [{ local: false }],
    library: [movie('Inception')],
    generated: { ...generated, seed: 0 },
  });
  await fake.addServer({ name: 'Cabin', connections: [{ local: false }], generated: { ...generated, seed: 1 } });

  await main.signIn(fake);
  const signedIn = Date.now();
  const worker = await main.worker();
  let status: Record<string, Status> = {};
  for (;;) {
    status = (await indexStatus(worker).catch(() => undefined)) ?? {};
    const states = Object.values(status).map((s) => s.state);
    if (states.length === 2 && states.every((state) => state === 'ready')) break;
    if (Date.now() - signedIn > 5 * 60_000) throw new Error(`index not ready: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const buildMs = Date.now() - signedIn;
  const titles = Object.values(status).reduce((sum, s) => sum + (s.titles ?? 0), 0);

  const popup = await main.openPopup();
  await popup.locator('[data-testid="index-refresh"]').waitFor();
  let requestsPerRefresh = 0;
  const refreshMs = await repeat(runs, async () => {
    const before = await countRequests(fake);
    const started = Date.now();
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh-index' }));
    const took = Date.now() - started;
    requestsPerRefresh = (await countRequests(fake)) - before;
    return took;
  });
  await popup.close();
  const stored = await storedSizes(await main.worker());

  // A first title page reads the watchlist, once for all pages after it; it is not counted.
  const warm = await main.context.newPage();
  await warm.addInitScript(installBadgeProbe);
  await warm.goto(titleUrl);
  await badgeAfterTitle(warm);
  await warm.close();
  const requestsPerTitlePage: number[] = [];
  const badge: number[] = [];
  const host: number[] = [];
  for (let run = 0; run < runs; run++) {
    const page = await main.context.newPage();
    await page.addInitScript(installBadgeProbe);
    const before = await countRequests(fake);
    await page.goto(titleUrl);
    const marks = await badgeAfterTitle(page);
    badge.push(marks.badge);
    host.push(marks.host);
    requestsPerTitlePage.push((await countRequests(fake)) - before);
    await page.close();
  }
  return {
    library: { servers: 2, moviesPerServer: generated.movies, showsPerServer: generated.shows, titles },
    buildMs,
    refreshMs,
    requestsPerRefresh,
    stored,
    badgeMs: summarize(badge),
    hostMs: summarize(host),
    requestsPerTitlePage,
    goals: GOALS,
  };
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;
const verdict = (ok: boolean) => (ok ? 'within' : '**over**');

/** The library index's section of bench/results.md: each figure against its goal. */
export function libraryIndexMarkdown(r: LibraryIndexResults): string {
  const pages = r.requestsPerTitlePage;
  const worstPage = Math.max(...pages);
  return `
## Library index

A generated library of ${r.library.moviesPerServer.toLocaleString('en')} movies and ${r.library.showsPerServer.toLocaleString('en')} shows
(one to five seasons each) on each of ${r.library.servers} fake servers, most items of the Plex agents, some of the legacy ones
(${r.library.titles.toLocaleString('en')} titles indexed). Run alone with \`npx vitest run --config vitest.bench.config.ts bench/library-index.bench.ts\`.

| Figure | Measured | Goal | |
| --- | ---: | ---: | --- |
| Index build, sign-in to both servers ready | ${(r.buildMs / 1000).toFixed(1)} s | ≤ ${r.goals.buildMs / 1000} s | ${verdict(r.buildMs <= r.goals.buildMs)} |
| Incremental refresh, nothing changed (median of ${r.refreshMs.runs.length}; ${r.requestsPerRefresh} requests) | ${Math.round(r.refreshMs.median)} ms | ≤ ${r.goals.refreshMs / 1000} s | ${verdict(r.refreshMs.median <= r.goals.refreshMs)} |
| Stored size, IndexedDB (origin usage, \`navigator.storage.estimate\`) | ${mb(r.stored.indexedDbBytes)} | ≤ ${mb(r.goals.storedBytes)} | ${verdict(r.stored.indexedDbBytes <= r.goals.storedBytes)} |
| The same records in storage.local (\`getBytesInUse\`) | ${mb(r.stored.storageLocalBytes)} | — | |
| Badge painted after the title is in the DOM, indexed title (median of ${r.badgeMs.runs.length}; ${Math.round(r.badgeMs.min)}–${Math.round(r.badgeMs.max)} ms) | ${Math.round(r.badgeMs.median)} ms | ≤ ${r.goals.badgeMs} ms | ${verdict(r.badgeMs.median <= r.goals.badgeMs)} |
| …of which before the badge's host was in the page (the content script's start at \`document_idle\`) | ${r.hostMs ? `${Math.round(r.hostMs.median)} ms` : '—'} | — | |
| Requests to Plex hosts per title page (worst of ${pages.length}) | ${worstPage} | ${r.goals.requestsPerPage} | ${verdict(worstPage <= r.goals.requestsPerPage)} |
`;
}
