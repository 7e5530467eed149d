/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { recapTemplates } from './vite-plugins/templates.ts';

// The UI builds to ui/dist, which the Tauri shell serves under the CSP
// `script-src 'self'; style-src 'self'`: no inline script or style may be emitted.
export default defineConfig({
  plugins: [recapTemplates(), svelte()],
  base: './',
  clearScreen: false,
  server: { port: 5173, strictPort: false },
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
  },
});
