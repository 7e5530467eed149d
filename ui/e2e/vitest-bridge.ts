// Vitest's global setup: one development bridge for the unit tests that need the engine (the
// editor's blanks, the placeholder table). Tests get its address with inject('bridge').
import type { TestProject } from 'vitest/node';
import { startBridge } from './bridge';

declare module 'vitest' {
  export interface ProvidedContext {
    bridge: { url: string; token: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const b = await startBridge({ today: '2026-12-03' });
  project.provide('bridge', { url: b.url, token: b.token });
  return () => b.stop();
}
