// The autosave state machine, free of any UI so it can be tested with fake timers.
//
//   saved ──change──▶ dirty ──(800 ms quiet | blur | flush)──▶ saving ──ok──▶ saved
//                                                               └──error──▶ failed ──retry/change──▶ saving
//   dirty/failed ──flush with an empty text over a non-empty saved one──▶ confirm-empty
//        confirm-empty ──confirmEmpty()──▶ saving;  ──cancelEmpty()──▶ saved (caller restores text)
//
// A failed save keeps the text in the editor (nothing is thrown away) and is retried on the
// next change, on retry(), and by itself when the error says its cause can pass (a full disk, a
// busy or unreachable store): after 5 s, then less and less often, up to once a minute, so the text
// is saved once space returns even if the user never touches it again. At most one save runs
// at a time; changes made while a save runs are saved right after it.

import type { ApiError, SaveMode, SaveOutcome } from './api/types';
import { isApiError } from './api/types';

export type SaveState =
  | { kind: 'saved'; at: Date | null }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'confirm-empty' };

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface AutosaveDeps {
  /** Writes the text; rejects with an ApiError. */
  save(body: string, mode: SaveMode): Promise<SaveOutcome>;
  /** The current full text (front matter + Markdown). */
  read(): string;
  /** Whether a text counts as empty (no content besides front matter). */
  isEmpty(body: string): boolean;
  onState?(s: SaveState): void;
  onSaved?(o: SaveOutcome, body: string): void;
  /** Quiet time after the last change before saving, ms. */
  delay?: number;
  timers?: Timers;
  now?: () => Date;
}

const RETRY_FIRST_MS = 5000;
const RETRY_MAX_MS = 60000;

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

function asApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  return { code: 'unknown', message: e instanceof Error ? e.message : String(e), transient: true };
}

export class Autosaver {
  private readonly deps: AutosaveDeps;
  private readonly timers: Timers;
  private readonly delay: number;
  private timer: unknown = null;
  private retryTimer: unknown = null;
  private retryDelay = RETRY_FIRST_MS;
  private emptyAllowed = false;
  private disposed = false;
  /** The text the store holds, as far as this editor knows. */
  lastSaved: string;
  state: SaveState;

  constructor(deps: AutosaveDeps, savedBody: string, savedAt: Date | null = null) {
    this.deps = deps;
    this.timers = deps.timers ?? realTimers;
    this.delay = deps.delay ?? 800;
    this.lastSaved = savedBody;
    this.state = { kind: 'saved', at: savedAt };
    this.lastSavedAt = savedAt;
  }

  private set(s: SaveState): void {
    this.state = s;
    this.deps.onState?.(s);
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
    if (this.retryTimer !== null) {
      this.timers.clear(this.retryTimer);
      this.retryTimer = null;
    }
  }

  /** After a failure that can pass by itself, try again later, each time waiting longer. */
  private scheduleRetry(error: ApiError): void {
    // Which failures can pass is the engine's call (recap_core::Error::transient).
    if (this.disposed || !error.transient) return;
    const wait = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
    this.retryTimer = this.timers.set(() => {
      this.retryTimer = null;
      if (this.state.kind === 'failed') void this.flush('auto');
    }, wait);
  }

  /** Whether the text differs from what the store holds. */
  get pending(): boolean {
    return this.deps.read() !== this.lastSaved;
  }

  /** The user typed: save after a quiet spell. */
  change(): void {
    if (this.disposed) return;
    this.cancelTimer();
    const k = this.state.kind;
    if (k === 'saved' || k === 'dirty' || (k === 'confirm-empty' && !this.deps.isEmpty(this.deps.read()))) {
      // (Typing real text again answers the empty-text question by itself.)
      this.set({ kind: 'dirty' });
    }
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.flush('auto');
    }, this.delay);
  }

  /** The editor lost focus, or the window is closing: save now. */
  blur(): Promise<boolean> {
    return this.flush('auto');
  }

  /**
   * Saves now if the text changed (a manual save always asks the store, which records a
   * revision only for a changed text). Saves run one after another; each reads the text when
   * it starts. Resolves true when the text it read is safely stored.
   */
  flush(mode: SaveMode = 'auto'): Promise<boolean> {
    if (this.disposed) return Promise.resolve(!this.pending);
    this.cancelTimer();
    const p = this.chain.then(() => this.attempt(mode));
    this.chain = p.catch(() => false);
    return p;
  }

  /** Saves until the store holds exactly the editor's text (before the window closes). */
  async flushAll(): Promise<boolean> {
    for (let i = 0; i < 3; i += 1) {
      if (!(await this.flush('auto'))) return false;
      if (!this.pending) return true;
    }
    return !this.pending;
  }

  private chain: Promise<unknown> = Promise.resolve();
  private lastSavedAt: Date | null = null;

  private async attempt(mode: SaveMode): Promise<boolean> {
    if (this.disposed) return !this.pending;
    const body = this.deps.read();
    if (body === this.lastSaved && mode === 'auto') {
      if (this.state.kind !== 'saved') this.set({ kind: 'saved', at: this.lastSavedAt });
      return true;
    }
    if (this.deps.isEmpty(body) && !this.deps.isEmpty(this.lastSaved) && !this.emptyAllowed) {
      this.set({ kind: 'confirm-empty' });
      return false;
    }
    this.set({ kind: 'saving' });
    try {
      const out = await this.deps.save(body, mode);
      this.lastSaved = body;
      this.emptyAllowed = false;
      this.retryDelay = RETRY_FIRST_MS;
      this.lastSavedAt = (this.deps.now ?? (() => new Date()))();
      this.deps.onSaved?.(out, body);
      if (this.disposed) return true;
      // Changes typed while saving have their own timer running (see change()).
      this.set(this.deps.read() === body ? { kind: 'saved', at: this.lastSavedAt } : { kind: 'dirty' });
      return true;
    } catch (e) {
      const error = asApiError(e);
      this.set({ kind: 'failed', error });
      this.scheduleRetry(error);
      return false;
    }
  }

  /** Try the failed save again. */
  retry(): Promise<boolean> {
    return this.flush('manual');
  }

  /** The user confirmed that the empty text should replace the saved one. */
  confirmEmpty(): Promise<boolean> {
    this.emptyAllowed = true;
    return this.flush('manual');
  }

  /**
   * The user declined: nothing is saved, and the caller puts `lastSaved` back into the
   * editor. Returns that text.
   */
  cancelEmpty(): string {
    this.emptyAllowed = false;
    this.cancelTimer();
    this.set({ kind: 'saved', at: this.lastSavedAt });
    return this.lastSaved;
  }

  /** The editor now shows `body`, which the store holds (after a load or a revert). */
  reset(body: string, at: Date | null = null): void {
    this.cancelTimer();
    this.lastSaved = body;
    this.emptyAllowed = false;
    this.lastSavedAt = at;
    this.set({ kind: 'saved', at });
  }

  dispose(): void {
    this.cancelTimer();
    this.disposed = true;
  }
}
