import { defineConfig } from 'vitest/config';

/** Not part of `npm test`: the bench takes minutes, and its timings depend on the machine. */
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 5 * 60_000,
    fileParallelism: false,
  },
});
