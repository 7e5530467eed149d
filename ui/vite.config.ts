/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// In a plain browser the UI calls the engine at /api/<op> on its own origin; `npm run dev`
// (scripts/dev.ts) starts the development bridge and passes its address and token here, and
// the dev server forwards those calls with the token (the page never holds it).
const bridge = process.env['RECAP_BRIDGE_URL'];
const token = process.env['RECAP_BRIDGE_TOKEN'] ?? '';

// The UI builds to ui/dist, which the Tauri shell serves under the CSP
// `script-src 'self'; style-src 'self'`: no inline script or style may be emitted.
export default defineConfig({
  plugins: [svelte()],
  base: './',
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: false,
    proxy: bridge ? { '/api': { target: bridge, headers: { 'x-recap-token': token } } } : undefined,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    // Never inline assets as data: URIs into CSS/JS; fonts and images stay files.
    assetsInlineLimit: 0,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/vitest-bridge.ts'],
  },
});
