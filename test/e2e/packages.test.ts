import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtensionBrowser, type ExtensionBrowser } from './browser';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

interface Manifest {
  version: string;
  name?: string;
  description?: string;
  default_locale?: string;
  action?: { default_title?: string };
  icons?: Record<string, string>;
  externally_connectable?: unknown;
  web_accessible_resources?: unknown;
  content_scripts?: { matches: string[] }[];
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  browser_specific_settings?: { gecko?: Record<string, unknown> };
}

/** The production build's environment: no build variable, no redirected output. */
function productionEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('WXT_PLEX_') && name !== 'SIDEKICK_OUT_DIR'));
}

/** A zip's files (directories left out), by path inside it. */
async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  return files;
}

async function extract(files: Map<string, Buffer>, dir: string): Promise<void> {
  for (const [name, content] of files) {
    const target = resolve(dir, name);
    // An entry like ../x would land outside; a package that has one is broken anyway.
    if (!target.startsWith(dir + sep)) throw new Error(`zip entry ${name} points outside the package`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** Every file under dir, by its /-separated path relative to dir. */
async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path).split(sep).join('/'), await readFile(path));
  }
  return files;
}

/** sha256 per path, so a failed comparison names the files that differ. */
const digests = (files: Map<string, Buffer>): Record<string, string> =>
  Object.fromEntries(
    [...files].map(([name, content]): [string, string] => [name, createHash('sha256').update(content).digest('hex')]).sort(),
  );

/** Built as a fresh clone builds it (no build variables), and rebuilt from its sources zip as an addons.mozilla.org reviewer would. */
describe('the packages npm run zip makes', () => {
  const temp: string[] = [];
  const tempDir = async (label: string) => {
    const dir = await mkdtemp(join(tmpdir(), `sidekick-${label}-`));
    temp.push(dir);
    return dir;
  };
  let outDir: string;
  let name: string;
  let version: string;
  let names: Record<'chrome' | 'firefox' | 'sources', string>;
  const path = (which: keyof typeof names) => join(outDir, names[which]);
  const zips = {} as Record<keyof typeof names, Map<string, Buffer>>;
  const manifestOf = (which: 'chrome' | 'firefox') => JSON.parse(zips[which].get('manifest.json')!.toString('utf8')) as Manifest;

  beforeAll(async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    ({ name, version } = pkg);
    names = {
      chrome: `${name}-${version}-chrome.zip`,
      firefox: `${name}-${version}-firefox.zip`,
      sources: `${name}-${version}-sources.zip`,
    };
    outDir = await tempDir('packages');
    // The script itself, so the test follows package.json; only the output goes elsewhere.
    await run('npm', ['run', 'zip'], { cwd: ROOT, env: { ...productionEnv(), SIDEKICK_OUT_DIR: outDir } });
    // A missing zip reads as empty: the first test names what is missing, the others fail on it.
    for (const which of ['chrome', 'firefox', 'sources'] as const) {
      zips[which] = await readZip(path(which)).catch(() => new Map());
    }
  });
  afterAll(async () => {
    await Promise.all(temp.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('are the Chrome zip, the Firefox zip and the sources zip, named after package.json', async () => {
    const made = (await readdir(outDir)).filter((file) => file.endsWith('.zip')).sort();
    expect(made).toEqual(Object.values(names).sort());
  });

  it.each(['chrome', 'firefox'] as const)('the %s zip has its manifest and icons at the root', (which) => {
    const files = zips[which];
    const manifest = manifestOf(which);
    expect(manifest.version).toBe(version);
    expect(Object.keys(manifest.icons ?? {}).length).toBeGreaterThan(0);
    for (const icon of Object.values(manifest.icons ?? {})) expect(files.has(icon), icon).toBe(true);
    // Only the build: no sources, no source maps.
    expect([...files.keys()].filter((file) => /\.(ts|map)$/.test(file))).toEqual([]);
  });

  it.each(['chrome', 'firefox'] as const)('the %s manifest asks only for what the extension uses', (which) => {
    const manifest = manifestOf(which);
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
      'https://letterboxd.com/*',
      'https://m.imdb.com/*',
      'https://trakt.tv/*',
      'https://www.imdb.com/*',
      'https://www.themoviedb.org/*',
    ]);
  });

  it.each(['chrome', 'firefox'] as const)(
    'the %s manifest lets no web page or other extension talk to the background or load its files',
    (which) => {
      expect(manifestOf(which).externally_connectable).toBeUndefined();
      expect(manifestOf(which).web_accessible_resources).toBeUndefined();
    },
  );

  it.each(['chrome', 'firefox'] as const)('the %s package shows its name, description and tooltip in the browser’s language', (which) => {
    const manifest = manifestOf(which);
    expect([manifest.name, manifest.description, manifest.action?.default_title]).toEqual([
      '__MSG_extName__',
      '__MSG_extDescription__',
      '__MSG_extName__',
    ]);
    expect(manifest.default_locale).toBe('en');
    for (const locale of ['en', 'de', 'fr']) {
      const messages = JSON.parse(zips[which].get(`_locales/${locale}/messages.json`)?.toString('utf8') ?? '{}') as Record<
        string,
        { message: string }
      >;
      expect(messages.extName?.message, locale).toMatch(/^Sidekick /);
    }
  });

  it('the Chrome manifest has no Firefox settings', () => {
    expect(manifestOf('chrome').browser_specific_settings).toBeUndefined();
  });

  it('the Firefox manifest carries its id, minimum version and data collection permissions', () => {
    expect(manifestOf('firefox').browser_specific_settings?.gecko).toMatchObject({
      id: 'sidekick-for-plex@sidekick-for-plex.github.io',
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    });
  });

  it('the Chrome zip, unpacked, loads in Chromium', async () => {
    const dir = await tempDir('chrome-zip');
    await extract(zips.chrome, dir);
    let browser: ExtensionBrowser | undefined;
    try {
      browser = await launchExtensionBrowser('chromium', dir);
      const popup = await browser.openPage('popup.html');
      // The signed-out popup: drawn by the packaged scripts, no network needed.
      await popup.waitForTestId('sign-in', { timeoutMs: 20_000 });
    } finally {
      await browser?.close();
    }
  });

  it('the Firefox zip installs in Firefox as it is', async () => {
    let browser: ExtensionBrowser | undefined;
    try {
      // The file itself, as a temporary add-on: Firefox reads the zip, nothing is unpacked here.
      browser = await launchExtensionBrowser('firefox', path('firefox'));
      const popup = await browser.openPage('popup.html');
      await popup.waitForTestId('sign-in', { timeoutMs: 20_000 });
    } finally {
      await browser?.close();
    }
  });

  it('the sources zip holds what the build reads and nothing private or local', () => {
    const files = [...zips.sources.keys()];
    for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md']) {
      expect(files, needed).toContain(needed);
    }
    for (const dir of ['entrypoints/', 'src/', 'public/'])
      expect(
        files.some((file) => file.startsWith(dir)),
        dir,
      ).toBe(true);
    const unwanted = files.filter((file) =>
      /(^|\/)(node_modules|\.output|\.wxt|\.git|test|bench|docs)\/|(^|\/)\.env|\.(test|spec)\.[cm]?[jt]sx?$/.test(file),
    );
    expect(unwanted).toEqual([]);
  });

  it('the sources zip rebuilds the Firefox zip byte for byte', async () => {
    const dir = await tempDir('sources');
    await extract(zips.sources, dir);
    // The repository's packages stand in for `npm ci` (the lock file is in the zip): no network in tests.
    await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    // The build the README gives; it writes .output/ inside the unpacked sources.
    await run('npm', ['run', 'build'], { cwd: dir, env: productionEnv() });
    const rebuilt = await readTree(join(dir, '.output', 'firefox-mv3'));
    expect(rebuilt.size).toBeGreaterThan(0);
    expect(digests(rebuilt)).toEqual(digests(zips.firefox));
  });
});
