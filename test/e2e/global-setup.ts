import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { plexHostsAt, startFakePlex, type FakePlex } from '../fake-plex/server';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
export const E2E_OUT_DIR = resolve(ROOT, '.output/e2e');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The tests' builds open the badge's shadow root to look inside; `closedExtensionDir` is the same build closed, as installed. */
    e2e: Record<'chromium' | 'firefox', { plexUrl: string; extensionDir: string; closedExtensionDir: string }>;
  }
}

/** A fake Plex per browser, so the two browsers' tests can run side by side. */
export default async function setup(project: TestProject) {
  const fakes: FakePlex[] = [];
  const targets = { chromium: 'chrome', firefox: 'firefox' } as const;
  const provided = {} as Record<'chromium' | 'firefox', { plexUrl: string; extensionDir: string; closedExtensionDir: string }>;
  for (const [name, target] of Object.entries(targets) as ['chromium' | 'firefox', 'chrome' | 'firefox'][]) {
    const fake = await startFakePlex();
    fakes.push(fake);
    const build = (outDir: string, shadow: Record<string, string>) =>
      run('npx', ['wxt', 'build', '-b', target], {
        cwd: ROOT,
        env: {
          ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'WXT_BADGE_SHADOW')),
          ...shadow,
          SIDEKICK_OUT_DIR: outDir,
          ...plexHostsAt(fake.url),
        },
      });
    const outDir = resolve(E2E_OUT_DIR, name);
    const closedDir = resolve(E2E_OUT_DIR, `${name}-closed`);
    // One after the other: both builds write the project's generated .wxt directory.
    await build(outDir, { WXT_BADGE_SHADOW: 'open' });
    await build(closedDir, {});
    provided[name] = {
      plexUrl: fake.url,
      extensionDir: resolve(outDir, `${target}-mv3`),
      closedExtensionDir: resolve(closedDir, `${target}-mv3`),
    };
  }
  project.provide('e2e', provided);
  return async () => {
    await Promise.all(fakes.map((fake) => fake.close()));
  };
}
