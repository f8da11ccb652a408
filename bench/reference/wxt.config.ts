import { resolve } from 'node:path';
import { defineConfig } from 'wxt';

/** Only the two reference sign-ins, as unlisted scripts, so WXT bundles them as it does the extension's (Vite, IIFE, minified). */
export default defineConfig({
  outDir: process.env.SIDEKICK_OUT_DIR || '.output',
  // The package's entry points are CommonJS, which bundlers cannot tree-shake; its ES-module TypeScript sources are its best case.
  alias: process.env.PLEXJS_FROM_SOURCE
    ? { '@lukehagar/plexjs': resolve(import.meta.dirname, '../../node_modules/@lukehagar/plexjs/src') }
    : {},
  manifestVersion: 3,
  manifest: { name: 'Sign-in size reference' },
});
