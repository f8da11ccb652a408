import { resolve } from 'node:path';
import { defineConfig } from 'wxt';

/**
 * A throwaway extension holding only the two reference sign-ins as unlisted scripts, so WXT
 * bundles them exactly as it bundles the extension's own entrypoints (Vite, IIFE, production
 * minification). Built by bench/sizes.ts into a temporary folder.
 */
export default defineConfig({
  outDir: process.env.SIDEKICK_OUT_DIR || '.output',
  // The package's entry points are CommonJS, which bundlers cannot tree-shake; it also ships its
  // TypeScript sources as ES modules. PLEXJS_FROM_SOURCE=1 bundles those: the best case for it.
  alias: process.env.PLEXJS_FROM_SOURCE
    ? { '@lukehagar/plexjs': resolve(import.meta.dirname, '../../node_modules/@lukehagar/plexjs/src') }
    : {},
  manifestVersion: 3,
  manifest: { name: 'Sign-in size reference' },
});
