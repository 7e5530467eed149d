// Picks the Api: Tauri IPC inside the desktop app, the in-memory test double in a plain
// browser (vite dev, Playwright). The memory api and its template data are loaded only then.
import type { Api } from './types';

export * from './types';

export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

export async function loadApi(): Promise<Api> {
  if (inTauri()) {
    const { createTauriApi } = await import('./tauri');
    return createTauriApi();
  }
  const { createMemoryApi } = await import('./memory');
  return createMemoryApi({ seed: true });
}
