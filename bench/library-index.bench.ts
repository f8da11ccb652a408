import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSites, type Sites } from '../test/e2e/sites/server';
import { plexHostsAt, startFakePlex, type FakePlex } from '../test/fake-plex/server';
import { launchBenchExtension, type BenchExtension } from './extension';
import { GOALS, libraryIndexFigures } from './library-index';
import { markdown, type BenchResults } from './report';
import { buildExtension } from './sizes';

// The library index's figures (issue: a local index of the person's libraries) join the rest of `npm run bench` in bench/results.md.
const BENCH_DIR = import.meta.dirname;

describe('the library index', () => {
  let work: string;
  let fake: FakePlex;
  let sites: Sites;
  let main: BenchExtension;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'sidekick-bench-index-'));
    fake = await startFakePlex();
    const env = {
      ...plexHostsAt(fake.url),
      // Opened only so the bench can see when the badge says "on Plex".
      WXT_BADGE_SHADOW: 'open',
    };
    const dir = await buildExtension({ target: 'chrome', outDir: join(work, 'fake'), env });
    sites = await startSites();
    main = await launchBenchExtension(dir, sites);
  });

  afterAll(async () => {
    await main?.close();
    await sites?.close();
    await fake?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('builds, refreshes, stores and answers title pages within its goals', async () => {
    const figures = await libraryIndexFigures(main, fake, sites.urlFor('www.imdb.com', '/title/tt1375666/'), 10);
    await writeFile(join(BENCH_DIR, 'library-index.json'), `${JSON.stringify(figures, null, 2)}\n`);
    // results.md is drawn again from the last full run's results.json, now with this section.
    const results = JSON.parse(await readFile(join(BENCH_DIR, 'results.json'), 'utf8')) as BenchResults;
    await writeFile(join(BENCH_DIR, 'results.md'), markdown(results, figures));
    console.info(JSON.stringify(figures, null, 2));
    expect(Math.max(...figures.requestsPerTitlePage)).toBe(GOALS.requestsPerPage);
  });
});
