import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

interface Manifest {
  name?: string;
  description?: string;
  default_locale?: string;
  action?: { default_title?: string };
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  externally_connectable?: unknown;
  web_accessible_resources?: unknown;
  content_scripts?: { matches: string[] }[];
  browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: unknown } };
}

/** The manifests people install: built as the README says, with no build variables set. */
describe('the published manifests', () => {
  let outDir: string;
  const manifests: Record<'chrome' | 'firefox', Manifest> = {} as never;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'sidekick-manifest-'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('WXT_PLEX_')));
    for (const target of ['chrome', 'firefox'] as const) {
      await run('npx', ['wxt', 'build', '-b', target], { cwd: ROOT, env: { ...env, SIDEKICK_OUT_DIR: outDir } });
      manifests[target] = JSON.parse(await readFile(join(outDir, `${target}-mv3`, 'manifest.json'), 'utf8')) as Manifest;
    }
  });
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it.each(['chrome', 'firefox'] as const)('%s asks only for what the extension uses', (target) => {
    const manifest = manifests[target];
    expect(manifest.permissions).toEqual(['storage', 'alarms']);
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual([
      'https://*.plex.direct/*',
      'https://discover.provider.plex.tv/*',
      'https://metadata.provider.plex.tv/*',
      'https://plex.tv/*',
    ]);
    // Servers at other addresses are allowed one at a time, when the person asks.
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts?.flatMap((script) => script.matches).sort()).toEqual([
      'https://m.imdb.com/*',
      'https://www.imdb.com/*',
      'https://www.themoviedb.org/*',
    ]);
  });

  it.each(['chrome', 'firefox'] as const)('%s lets no web page or other extension talk to the background or load its files', (target) => {
    expect(manifests[target].externally_connectable).toBeUndefined();
    expect(manifests[target].web_accessible_resources).toBeUndefined();
  });

  it.each(['chrome', 'firefox'] as const)('%s shows its name, description and toolbar tooltip in the browser’s language', async (target) => {
    const manifest = manifests[target];
    expect([manifest.name, manifest.description, manifest.action?.default_title]).toEqual([
      '__MSG_extName__',
      '__MSG_extDescription__',
      '__MSG_extName__',
    ]);
    expect(manifest.default_locale).toBe('en');
    for (const locale of ['en', 'de', 'fr']) {
      const messages = JSON.parse(await readFile(join(outDir, `${target}-mv3`, '_locales', locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
      expect(messages.extName?.message, locale).toMatch(/^Sidekick /);
    }
  });

  it('the Firefox build declares its id and that it collects no data', () => {
    expect(manifests.firefox.browser_specific_settings?.gecko).toMatchObject({
      id: 'sidekick-for-plex@sidekick-for-plex.github.io',
      data_collection_permissions: { required: ['none'] },
    });
  });
});
