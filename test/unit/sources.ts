import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface SourceFile {
  /** Relative to the repository, with / separators. */
  path: string;
  text: string;
}

/** The extension's own code: every .ts and .html file under src/ and entrypoints/. */
export async function sources(): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.(ts|html)$/.test(entry.name)) files.push({ path: relative(ROOT, full), text: await readFile(full, 'utf8') });
    }
  }
  await walk(join(ROOT, 'src'));
  await walk(join(ROOT, 'entrypoints'));
  return files;
}
