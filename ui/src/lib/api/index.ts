// Picks the Api: the shell's IPC inside the desktop app, the development bridge over HTTP in a
// plain browser (vite dev, Playwright). Both are the generated contract bound to a different
// way of calling the same engine.
import type { Api } from './types';
import { createTauriApi } from './tauri';
import { createHttpApi } from './http';

export * from './types';

export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

export function loadApi(): Api {
  return inTauri() ? createTauriApi() : createHttpApi();
}
