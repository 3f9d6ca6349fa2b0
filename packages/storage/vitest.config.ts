import { defineConfig } from 'vitest/config';

// The 5 000-update batch and the compaction races take seconds on Postgres when the machine is busy.
export default defineConfig({ test: { testTimeout: 20_000 } });
