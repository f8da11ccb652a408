import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startFakePlex, type FakePlex } from '../fake-plex/server';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
export const E2E_OUT_DIR = resolve(ROOT, '.output/e2e');

declare module 'vitest' {
  export interface ProvidedContext {
    /** Per browser: the fake plex.tv its build talks to, and the built extension. */
    e2e: Record<'chromium' | 'firefox', { plexUrl: string; extensionDir: string }>;
  }
}

/**
 * Each browser gets its own fake Plex, so the two browsers' tests can run side by side, and its
 * own build with every Plex host pointed at that fake, as the README's build variables allow.
 */
export default async function setup(project: TestProject) {
  const fakes: FakePlex[] = [];
  const targets = { chromium: 'chrome', firefox: 'firefox' } as const;
  const provided = {} as Record<'chromium' | 'firefox', { plexUrl: string; extensionDir: string }>;
  for (const [name, target] of Object.entries(targets) as ['chromium' | 'firefox', 'chrome' | 'firefox'][]) {
    const fake = await startFakePlex();
    fakes.push(fake);
    const outDir = resolve(E2E_OUT_DIR, name);
    await run('npx', ['wxt', 'build', '-b', target], {
      cwd: ROOT,
      env: {
        ...process.env,
        SIDEKICK_OUT_DIR: outDir,
        WXT_PLEX_TV_URL: fake.url,
        WXT_PLEX_APP_URL: fake.url,
        WXT_PLEX_METADATA_URL: fake.url,
        WXT_PLEX_DISCOVER_URL: fake.url,
      },
    });
    provided[name] = { plexUrl: fake.url, extensionDir: resolve(outDir, `${target}-mv3`) };
  }
  project.provide('e2e', provided);
  return async () => {
    await Promise.all(fakes.map((fake) => fake.close()));
  };
}
