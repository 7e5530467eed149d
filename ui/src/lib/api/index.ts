// Picks the Api: Tauri IPC inside the desktop app, the in-memory test double in a plain
// browser (vite dev, Playwright). The Tauri one is part of the main bundle (a separate chunk
// was one more request before the library could ask for its data); the memory api and its
// template data are loaded only in a browser.
import type { Api } from './types';
import { createTauriApi } from './tauri';

export * from './types';

export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

export async function loadApi(): Promise<Api> {
  if (inTauri()) return createTauriApi();
  const { createMemoryApi } = await import('./memory');
  return createMemoryApi({ seed: true });
}
