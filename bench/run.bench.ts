import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumContext } from '../test/e2e/browser';
import { startSites, type Sites } from '../test/e2e/sites/server';
import { plexHostsAt, startFakePlex, type FakePlex } from '../test/fake-plex/server';
import { BUDGETS_KB, GZIP_LEVEL } from './budgets';
import { contentScriptCost } from './content-script';
import { launchBenchExtension, type BenchExtension } from './extension';
import { addListServer, indexReady, LAST_MARK, LIST_ITEMS, scrolledCost } from './list-marks';
import { measureReferences, verifyReferences } from './reference/sizes';
import { entrypointResults, writeResults, type BenchResults } from './report';
import { unwatchedRequests, watchedRequests } from './requests';
import { buildExtension, checkBudgets, measureEntrypoints, type Target } from './sizes';
import { approvalToSignedIn, popupFirstPaint } from './timings';

// About five minutes, most of it the real-time wait for Chrome's 30 s alarms, which runs in a second browser beside the rest.
const RUNS = { popup: 15, approval: 10, pageLoads: 10 };
const BENCH_DIR = import.meta.dirname;

describe('speed and size', () => {
  let work: string;
  let fake: FakePlex;
  let sites: Sites;
  let extensionDir: string;
  let main: BenchExtension;
  let idle: BenchExtension | undefined;
  let unwatched: Promise<BenchResults['requests']['unwatched']>;
  const results = {} as BenchResults;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'sidekick-bench-'));
    fake = await startFakePlex();
    const plexHosts = plexHostsAt(fake.url);
    // The badge's root is opened only so the bench can check it showed its answer after the counters were read.
    extensionDir = await buildExtension({ target: 'chrome', outDir: join(work, 'fake'), env: { ...plexHosts, WXT_BADGE_SHADOW: 'open' } });
    sites = await startSites();
  });

  afterAll(async () => {
    await Promise.all([main?.close(), idle?.close()]);
    await sites?.close();
    await fake?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('sizes the production build against the budgets', async () => {
    const measured: Partial<Record<Target, BenchResults['sizes']['chrome']>> = {};
    for (const target of ['chrome', 'firefox'] as const) {
      const dir = await buildExtension({ target, outDir: join(work, 'production') });
      measured[target] = entrypointResults(await checkBudgets(dir, await measureEntrypoints(dir)));
    }
    results.sizes = { gzipLevel: GZIP_LEVEL, budgetsKb: BUDGETS_KB, chrome: measured.chrome!, firefox: measured.firefox! };
    expect([...results.sizes.chrome, ...results.sizes.firefox].filter((e) => !e.ok).map((e) => e.name)).toEqual([]);
  });

  it('sizes the same sign-in on the Plex SDK, and checks that it signs in', async () => {
    const sizes = await measureReferences(join(work, 'reference'));
    const signsIn = await verifyReferences(fake);
    results.reference = { ...sizes, signsIn };
    expect(signsIn).toEqual({ plexjs: true, ownClient: true });
  });

  it('starts the real-time wait for unwatched polling in a second browser', async () => {
    idle = await launchBenchExtension(extensionDir);
    unwatched = unwatchedRequests(idle, fake);
    // Surfaces here only if it fails early; its result is awaited at the end.
    unwatched.catch(() => undefined);
    main = await launchBenchExtension(extensionDir, sites);
  });

  it('times the popup’s first paint, signed out and signed in', async () => {
    results.popupFirstPaintMs = await popupFirstPaint(main, fake, RUNS.popup);
  });

  it('times approval to signed in, with the popup open and closed', async () => {
    results.approvalToSignedInMs = await approvalToSignedIn(main, fake, fake.url, RUNS.approval);
  });

  let watched: BenchResults['requests']['watched'];
  it('counts requests while the popup watches, and after the end', async () => {
    watched = await watchedRequests(main, fake);
    expect([watched.afterSignIn, watched.afterCancel]).toEqual([0, 0]);
  });

  it('measures the content script’s cost on a title page', async () => {
    const catalog = await fake.catalog();
    const inception = catalog.find((title) => title.title === 'Inception')!;
    await fake.addServer({
      name: 'Home Server',
      connections: [{ local: false }],
      library: [{ guid: inception.guid, title: inception.title, section: 'Movies', ratingKey: '4242' }],
    });
    await main.signOut();
    await main.signIn(fake);
    const plain = await launchChromiumContext(null, { sites });
    try {
      const measure = (path: string, ready: string) =>
        contentScriptCost({
          url: sites.urlFor('www.imdb.com', path),
          ready,
          withExtension: main.context,
          withoutExtension: plain.context,
          runs: RUNS.pageLoads,
        });
      const titlePage = await measure('/title/tt1375666/', '[data-testid="plex-badge-status"]:text-is("on Plex")');
      const homePage = await measure('/', 'body');
      const injected = results.sizes.chrome
        .filter((e) => e.kind === 'content-script')
        .map((e) => ({ name: e.name, bytes: e.bytes, gzip: e.gzip }));
      results.contentScript = { titlePage, homePage, injected };
    } finally {
      await plain.close();
    }
  });

  it('measures the list marks’ cost on a chart of 100 indexed titles', async () => {
    await addListServer(fake);
    await main.signOut();
    await main.signIn(fake);
    await indexReady(main);
    const plain = await launchChromiumContext(null, { sites });
    try {
      const measure = (path: string, ready: string) =>
        scrolledCost({
          url: sites.urlFor('www.imdb.com', path),
          ready,
          withExtension: main.context,
          withoutExtension: plain.context,
          runs: RUNS.pageLoads,
        });
      const list = await measure(`/chart/top/?more=${LIST_ITEMS - 7}`, LAST_MARK);
      // The same script's start and scrolling on a page with no list: what the marks add is the difference.
      const noList = await measure('/', 'body');
      results.listMarks = { items: LIST_ITEMS, list, noList };
    } finally {
      await plain.close();
    }
  });

  it('counts requests while nobody watches, then writes the results', async () => {
    results.requests = { watched, unwatched: await unwatched };
    expect(results.requests.unwatched.afterSignIn).toBe(0);
    const run = promisify(execFile);
    const chromium = (
      await run(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version']).catch(() => ({ stdout: 'Chromium' }))
    ).stdout.trim();
    results.generatedAt = new Date().toISOString();
    results.machine = { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: cpus().length, node: process.version, chromium };
    // Keys in a stable order, whatever order the measurements finished in.
    const ordered: BenchResults = {
      generatedAt: results.generatedAt,
      machine: results.machine,
      sizes: results.sizes,
      reference: results.reference,
      popupFirstPaintMs: results.popupFirstPaintMs,
      approvalToSignedInMs: results.approvalToSignedInMs,
      requests: results.requests,
      contentScript: results.contentScript,
      listMarks: results.listMarks,
    };
    console.info(await writeResults(BENCH_DIR, ordered));
  });
});
