import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the API and relay run on :8080 (`pnpm --filter @accord/server start`).
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:8080',
      '/sync': { target: 'ws://localhost:8080', ws: true },
    },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});
