// With the Chromium the tests use, so one SVG gives every toolbar and store size without another image tool.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const SIZES = [16, 32, 48, 96, 128];
const OUT = resolve(import.meta.dirname, '../public/icon');

// Dark tile for light and dark toolbars; the lens's chevron hints at Plex, as a bare orange chevron would pass for Plex's own mark.
const svg = (size) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">
  <rect x="1" y="1" width="30" height="30" rx="7" fill="#1f2326" stroke="#e5a00d" stroke-opacity=".35" stroke-width="1"/>
  <circle cx="13.5" cy="13.5" r="7.5" fill="none" stroke="#e5a00d" stroke-width="3"/>
  <path d="M20 20l6 6" stroke="#e5a00d" stroke-width="4" stroke-linecap="round"/>
  <path d="M11 9.5h3l3.5 4-3.5 4h-3l3.5-4z" fill="#ffffff"/>
</svg>`;

await mkdir(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${svg(size)}`);
  await page.locator('svg').screenshot({ path: resolve(OUT, `${size}.png`), omitBackground: true });
}
await browser.close();
