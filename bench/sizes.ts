import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { BUDGETS_KB, FORBIDDEN_IN_CONTENT_SCRIPTS, GZIP_LEVEL, KB, type EntrypointKind } from './budgets';

const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '..');

export type Target = 'chrome' | 'firefox';

/** Never into the project's .output; `root` builds another WXT project, such as bench/reference. */
export async function buildExtension(options: {
  target: Target;
  outDir: string;
  root?: string;
  env?: Record<string, string>;
}): Promise<string> {
  const args = ['wxt', 'build', ...(options.root ? [options.root] : []), '-b', options.target];
  await run('npx', args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env, SIDEKICK_OUT_DIR: options.outDir },
    maxBuffer: 16 * 1024 * 1024,
  });
  return join(options.outDir, `${options.target}-mv3`);
}

export interface FileSize {
  /** Relative to the extension's folder. */
  path: string;
  bytes: number;
  gzip: number;
}

export interface EntrypointSize {
  /** popup, background, or the content script's name (imdb, tmdb). */
  name: string;
  kind: EntrypointKind;
  files: FileSize[];
  bytes: number;
  gzip: number;
}

export const gzipSize = (data: Uint8Array) => gzipSync(data, { level: GZIP_LEVEL }).length;

interface Manifest {
  background?: { service_worker?: string; scripts?: string[] };
  action?: { default_popup?: string };
  content_scripts?: { js?: string[]; css?: string[] }[];
}

/** Paths in the manifest and in HTML are relative to the extension's root, with or without a leading slash. */
const clean = (path: string) => posix.normalize(path.replace(/^\//, ''));

/** Every chunk a module imports statically (`import"./x.js"`, `from"./x.js"`), followed transitively. */
async function withImports(extensionDir: string, entry: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = await readFile(join(extensionDir, entry), 'utf8');
  for (const [, spec] of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js|\/[^"']+\.js)["']/g)) {
    const path = spec!.startsWith('/') ? clean(spec!) : posix.normalize(posix.join(posix.dirname(entry), spec!));
    await withImports(extensionDir, path, seen);
  }
  return seen;
}

/** What an HTML page loads of its own: module scripts, preloaded chunks and stylesheets. */
async function pageFiles(extensionDir: string, html: string): Promise<string[]> {
  const source = await readFile(join(extensionDir, html), 'utf8');
  const scripts = [...source.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => clean(m[1]!));
  const preloads = [...source.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => clean(m[1]!));
  const styles = [...source.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => clean(m[1]!));
  const js = new Set<string>();
  for (const script of [...scripts, ...preloads]) await withImports(extensionDir, script, js);
  return [...js, ...styles];
}

async function sizeOf(extensionDir: string, path: string): Promise<FileSize> {
  const data = await readFile(join(extensionDir, path));
  return { path, bytes: data.length, gzip: gzipSize(data) };
}

async function entrypoint(extensionDir: string, name: string, kind: EntrypointKind, paths: string[]): Promise<EntrypointSize> {
  const files = await Promise.all([...new Set(paths)].map((path) => sizeOf(extensionDir, path)));
  const sum = (key: 'bytes' | 'gzip') => files.reduce((total, file) => total + file[key], 0);
  return { name, kind, files, bytes: sum('bytes'), gzip: sum('gzip') };
}

/** The popup, the background and each content script of a built extension, found through its manifest. */
export async function measureEntrypoints(extensionDir: string): Promise<EntrypointSize[]> {
  const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as Manifest;
  const sizes: EntrypointSize[] = [];
  if (manifest.action?.default_popup) {
    sizes.push(await entrypoint(extensionDir, 'popup', 'popup', await pageFiles(extensionDir, clean(manifest.action.default_popup))));
  }
  const background = manifest.background?.service_worker ?? manifest.background?.scripts?.[0];
  if (background) {
    sizes.push(await entrypoint(extensionDir, 'background', 'background', [...(await withImports(extensionDir, clean(background)))]));
  }
  for (const script of manifest.content_scripts ?? []) {
    const js = (script.js ?? []).map(clean);
    const name = posix.basename(js[0] ?? 'content', '.js');
    sizes.push(await entrypoint(extensionDir, name, 'content-script', [...js, ...(script.css ?? []).map(clean)]));
  }
  return sizes;
}

export async function librariesIn(extensionDir: string, entry: EntrypointSize): Promise<string[]> {
  const code = (await Promise.all(entry.files.map((file) => readFile(join(extensionDir, file.path), 'utf8')))).join('\n');
  return Object.entries(FORBIDDEN_IN_CONTENT_SCRIPTS)
    .filter(([, markers]) => markers.some((marker) => code.includes(marker)))
    .map(([library]) => library);
}

export interface BudgetCheck {
  entry: EntrypointSize;
  budgetKb: number;
  ok: boolean;
  /** For content scripts: libraries found that must not be there. */
  forbidden: string[];
}

export async function checkBudgets(extensionDir: string, sizes: EntrypointSize[]): Promise<BudgetCheck[]> {
  return Promise.all(
    sizes.map(async (entry) => {
      const budgetKb = BUDGETS_KB[entry.kind];
      const forbidden = entry.kind === 'content-script' ? await librariesIn(extensionDir, entry) : [];
      return { entry, budgetKb, forbidden, ok: entry.gzip <= budgetKb * KB && forbidden.length === 0 };
    }),
  );
}

export const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
