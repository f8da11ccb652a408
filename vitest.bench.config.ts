import { defineConfig } from 'vitest/config';

/**
 * `npm run bench`: speed and size in real Chromium against the fake Plex (bench/run.bench.ts).
 * Not part of `npm test`: it takes minutes, and its timings depend on the machine.
 */
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 5 * 60_000,
    fileParallelism: false,
  },
});
