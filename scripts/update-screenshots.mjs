// The README's pictures are those the Chromium end-to-end run takes, so docs/screenshots/ matches what the tests saw.
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SHOTS = join(ROOT, '.output/e2e/screenshots');
const FROM = join(SHOTS, 'chromium');
const TO = join(ROOT, 'docs/screenshots');
const EXTRA = [{ from: join(SHOTS, 'chromium-badge-imdb.png'), name: 'badge-imdb.png' }];

async function exists(path) {
  return stat(path).then(
    () => true,
    () => false,
  );
}

if (!(await exists(FROM))) {
  console.error(`No screenshots in ${FROM}: run "npx vitest run --project e2e test/e2e/chromium.test.ts" first.`);
  process.exit(1);
}

const copies = (await readdir(FROM))
  .filter((name) => name.endsWith('.png'))
  .sort()
  .map((name) => ({ from: join(FROM, name), name }));
for (const extra of EXTRA) {
  if (await exists(extra.from)) copies.push(extra);
  else console.warn(`Missing ${extra.from}: ${extra.name} not updated (did the badge tests run?).`);
}
if (copies.length === 0) {
  console.error(`No PNG files in ${FROM}.`);
  process.exit(1);
}

await mkdir(TO, { recursive: true });
const names = new Set(copies.map((c) => c.name));
const keep = new Set(EXTRA.map((e) => e.name));
for (const name of await readdir(TO)) {
  // A missing extra keeps its old copy; anything else the run did not take goes.
  if (name.endsWith('.png') && !names.has(name) && !keep.has(name)) {
    await rm(join(TO, name));
    console.log(`removed  docs/screenshots/${name}`);
  }
}
for (const { from, name } of copies) {
  await copyFile(from, join(TO, name));
  console.log(`copied   docs/screenshots/${name}`);
}
