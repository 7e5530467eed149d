// The contract's types (generated from crates/api: contract.ts), and the few helpers every
// implementation of the Api shares.
import type { ApiError, Lang } from './contract';

export type * from './contract';

/** The languages the app speaks, in the order the language menu offers them. */
export const LANGS: readonly Lang[] = ['zh-Hans', 'zh-Hant', 'en'];

export function isApiError(e: unknown): e is ApiError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { message?: unknown }).message === 'string'
  );
}

/** A failure of the way to the engine itself (not the engine's answer): it may pass. */
export function transportError(e: unknown): ApiError {
  if (isApiError(e)) return { code: e.code, message: e.message, transient: e.transient === true };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'ipc', message, transient: true };
}
