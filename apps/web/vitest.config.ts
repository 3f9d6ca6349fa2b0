import { defineConfig } from 'vitest/config';

// Unit tests of the web app's pure logic run in Node: no DOM, no React rendering.
export default defineConfig({ test: { environment: 'node', include: ['src/**/*.test.ts'] } });
