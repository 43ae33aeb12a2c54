import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The platform tests start real clients against local fakes; run files in parallel
    // but keep the pool small for 2-core machines.
    maxWorkers: 2,
  },
});
