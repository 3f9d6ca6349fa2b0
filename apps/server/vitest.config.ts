import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Server tests start real servers and child processes; run files one at a time on 2 cores.
    fileParallelism: false,
  },
});
