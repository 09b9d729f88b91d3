import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Property tests are CPU bound; two workers match the 2-core machines.
    maxWorkers: 2,
  },
});
