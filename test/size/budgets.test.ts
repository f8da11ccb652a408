import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KB } from '../../bench/budgets';
import {
  buildExtension,
  checkBudgets,
  kb,
  librariesIn,
  measureEntrypoints,
  type BudgetCheck,
  type EntrypointSize,
  type Target,
} from '../../bench/sizes';

// Sizes do not depend on the machine, so they are checked with the other tests; timings are left to `npm run bench`.
describe.each<Target>(['chrome', 'firefox'])('the %s build', (target) => {
  let outDir: string;
  let extensionDir: string;
  let sizes: EntrypointSize[];
  let checks: BudgetCheck[];

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), `sidekick-size-${target}-`));
    extensionDir = await buildExtension({ target, outDir });
    sizes = await measureEntrypoints(extensionDir);
    checks = await checkBudgets(extensionDir, sizes);
    console.info(`${target}: ${sizes.map((s) => `${s.name} ${kb(s.gzip)}`).join(', ')} (gzip)`);
  });
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it('has a popup, a background and the four content scripts', () => {
    expect(sizes.map((s) => s.name).sort()).toEqual(['background', 'imdb', 'letterboxd', 'popup', 'tmdb', 'trakt']);
    expect(sizes.find((s) => s.name === 'popup')!.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/\.js$/), expect.stringMatching(/\.css$/)]),
    );
  });

  it('keeps every entrypoint within its gzip budget', () => {
    const over = checks.filter((c) => c.entry.gzip > c.budgetKb * KB).map((c) => `${c.entry.name}: ${kb(c.entry.gzip)} > ${c.budgetKb} KB`);
    expect(over).toEqual([]);
  });

  it('puts neither zod, storage nor a QR encoder in a content script', () => {
    const found = checks.filter((c) => c.forbidden.length > 0).map((c) => `${c.entry.name}: ${c.forbidden.join(', ')}`);
    expect(found).toEqual([]);
  });

  it('recognises those libraries where they belong, so the check above can fail', async () => {
    expect(
      await librariesIn(
        extensionDir,
        sizes.find((s) => s.name === 'popup')!,
      ),
    ).toEqual(['zod', 'storage', 'a QR encoder']);
    expect(
      await librariesIn(
        extensionDir,
        sizes.find((s) => s.name === 'background')!,
      ),
    ).toEqual(['zod', 'storage']);
  });
});
