import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveMode, SaveOutcome } from './api/types';
import { Autosaver, type SaveState } from './autosave';

// The editor saves its Markdown (the engine keeps the front matter): empty means blank.
const FRONT = '';
const isEmpty = (b: string): boolean => b.trim() === '';

function setup(initial = `${FRONT}# 总结\n\n正文。\n`) {
  let text = initial;
  const states: SaveState['kind'][] = [];
  const saves: { body: string; mode: SaveMode }[] = [];
  let fail = 0;
  let failCode = 'disk-full';
  let rev = 1;
  const save = vi.fn(async (body: string, mode: SaveMode): Promise<SaveOutcome> => {
    await Promise.resolve();
    if (fail > 0) {
      fail -= 1;
      // As the engine marks them: a full disk can pass by itself, a too-large text cannot.
      throw { code: failCode, message: failCode === 'disk-full' ? '磁盘已满' : '太大了', transient: failCode === 'disk-full' };
    }
    saves.push({ body, mode });
    rev += 1;
    return { id: 1, rev, changed: true, saved_at: new Date().toISOString(), title: '总结' };
  });
  const saver = new Autosaver(
    { save, read: () => text, isEmpty, onState: (s) => states.push(s.kind), delay: 800 },
    initial,
  );
  return {
    saver,
    save,
    saves,
    states,
    type(t: string) {
      text = t;
      saver.change();
    },
    set(t: string) {
      text = t;
    },
    failNext(n: number, code = 'disk-full') {
      fail = n;
      failCode = code;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('autosave', () => {
  it('saves once, 800 ms after typing stops', async () => {
    const s = setup();
    s.type(`${FRONT}# 总结\n\n正文一。\n`);
    await vi.advanceTimersByTimeAsync(500);
    s.type(`${FRONT}# 总结\n\n正文一二。\n`);
    await vi.advanceTimersByTimeAsync(500);
    expect(s.save).not.toHaveBeenCalled();
    expect(s.saver.state.kind).toBe('dirty');
    await vi.advanceTimersByTimeAsync(400);
    expect(s.save).toHaveBeenCalledTimes(1);
    expect(s.saves[0]).toEqual({ body: `${FRONT}# 总结\n\n正文一二。\n`, mode: 'auto' });
    expect(s.saver.state.kind).toBe('saved');
    expect(s.states).toEqual(['dirty', 'dirty', 'saving', 'saved']);
  });

  it('saves at once on blur, and not at all when nothing changed', async () => {
    const s = setup();
    await s.saver.blur();
    expect(s.save).not.toHaveBeenCalled();
    s.type(`${FRONT}# 总结\n\n改了。\n`);
    await s.saver.blur();
    expect(s.save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.save).toHaveBeenCalledTimes(1);
  });

  it('a manual save (Ctrl+S) always asks the store', async () => {
    const s = setup();
    await s.saver.flush('manual');
    expect(s.saves).toEqual([{ body: `${FRONT}# 总结\n\n正文。\n`, mode: 'manual' }]);
  });

  it('a failed save keeps the text, shows the error, and retries', async () => {
    const s = setup();
    s.failNext(1);
    const typed = `${FRONT}# 总结\n\n重要的一句。\n`;
    s.type(typed);
    await vi.advanceTimersByTimeAsync(900);
    expect(s.saver.state).toEqual({ kind: 'failed', error: { code: 'disk-full', message: '磁盘已满', transient: true } });
    expect(s.saver.pending).toBe(true);
    expect(await s.saver.retry()).toBe(true);
    expect(s.saver.state.kind).toBe('saved');
    expect(s.saves.at(-1)?.body).toBe(typed);
    expect(s.saver.pending).toBe(false);
  });

  it('while the disk stays full it retries by itself, less and less often, and saves once there is room', async () => {
    const s = setup();
    s.failNext(3);
    const typed = `${FRONT}# 总结\n\n磁盘满时写下的一句。\n`;
    s.type(typed);
    await vi.advanceTimersByTimeAsync(900);
    expect(s.save).toHaveBeenCalledTimes(1);
    expect(s.saver.state.kind).toBe('failed');
    // Nothing typed since: the retries come from the saver alone, after 5 s, then 10 s…
    await vi.advanceTimersByTimeAsync(4800);
    expect(s.save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(s.save).toHaveBeenCalledTimes(2);
    expect(s.saver.state.kind).toBe('failed');
    await vi.advanceTimersByTimeAsync(9900);
    expect(s.save).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(20000);
    // The fourth attempt finds room.
    expect(s.save).toHaveBeenCalledTimes(4);
    expect(s.saver.state.kind).toBe('saved');
    expect(s.saves.at(-1)?.body).toBe(typed);
    // And then it stops: nothing more is scheduled.
    await vi.advanceTimersByTimeAsync(120000);
    expect(s.save).toHaveBeenCalledTimes(4);
  });

  it('a failure that waiting cannot fix is not retried until the text changes', async () => {
    const s = setup();
    s.failNext(1, 'too-large');
    s.type(`${FRONT}# 总结\n\n太长。\n`);
    await vi.advanceTimersByTimeAsync(900);
    expect(s.saver.state.kind).toBe('failed');
    await vi.advanceTimersByTimeAsync(120000);
    expect(s.save).toHaveBeenCalledTimes(1);
    expect(s.saver.state.kind).toBe('failed');
  });

  it('after a failure, the next change tries again by itself', async () => {
    const s = setup();
    s.failNext(1);
    s.type(`${FRONT}# 总结\n\n一。\n`);
    await vi.advanceTimersByTimeAsync(900);
    expect(s.saver.state.kind).toBe('failed');
    s.type(`${FRONT}# 总结\n\n一二。\n`);
    expect(s.saver.state.kind).toBe('failed');
    await vi.advanceTimersByTimeAsync(900);
    expect(s.saver.state.kind).toBe('saved');
  });

  it('changes typed during a save are saved right after it', async () => {
    const s = setup();
    s.type(`${FRONT}# 总结\n\n甲。\n`);
    await vi.advanceTimersByTimeAsync(800);
    // The save is in flight (it resolves on a microtask); type again now.
    s.type(`${FRONT}# 总结\n\n甲乙。\n`);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.saver.state.kind).toBe('dirty');
    await vi.advanceTimersByTimeAsync(900);
    expect(s.saves.map((x) => x.body)).toEqual([`${FRONT}# 总结\n\n甲。\n`, `${FRONT}# 总结\n\n甲乙。\n`]);
    expect(s.saver.state.kind).toBe('saved');
  });

  it('never silently replaces a non-empty document with an empty editor', async () => {
    const s = setup();
    s.type(FRONT);
    await vi.advanceTimersByTimeAsync(900);
    expect(s.save).not.toHaveBeenCalled();
    expect(s.saver.state.kind).toBe('confirm-empty');
    await s.saver.blur();
    expect(s.save).not.toHaveBeenCalled();
    // Declining gives back the stored text for the editor.
    expect(s.saver.cancelEmpty()).toBe(`${FRONT}# 总结\n\n正文。\n`);
    expect(s.saver.state.kind).toBe('saved');
  });

  it('saves the empty text once the user confirms', async () => {
    const s = setup();
    s.type(FRONT);
    await vi.advanceTimersByTimeAsync(900);
    expect(s.saver.state.kind).toBe('confirm-empty');
    expect(await s.saver.confirmEmpty()).toBe(true);
    expect(s.saves).toEqual([{ body: FRONT, mode: 'manual' }]);
    // Typing again re-arms the guard for a later emptying.
    s.type(`${FRONT}新内容\n`);
    await vi.advanceTimersByTimeAsync(900);
    s.type(FRONT);
    await vi.advanceTimersByTimeAsync(900);
    expect(s.saver.state.kind).toBe('confirm-empty');
  });

  it('typing real text again answers the empty question by itself', async () => {
    const s = setup();
    s.type(FRONT);
    await vi.advanceTimersByTimeAsync(900);
    expect(s.saver.state.kind).toBe('confirm-empty');
    s.type(`${FRONT}重新写的内容。\n`);
    expect(s.saver.state.kind).toBe('dirty');
    await vi.advanceTimersByTimeAsync(900);
    expect(s.saves.at(-1)?.body).toBe(`${FRONT}重新写的内容。\n`);
  });

  it('an empty document may stay empty without asking', async () => {
    const s = setup(FRONT);
    s.type(`${FRONT}字\n`);
    await vi.advanceTimersByTimeAsync(900);
    expect(s.saver.state.kind).toBe('saved');
  });

  it('flushAll saves until the store holds the editor text', async () => {
    const s = setup();
    s.set(`${FRONT}# 总结\n\n最后一句。\n`);
    expect(await s.saver.flushAll()).toBe(true);
    expect(s.saver.pending).toBe(false);
  });

  it('does nothing after dispose', async () => {
    const s = setup();
    s.type(`${FRONT}# 总结\n\n改。\n`);
    s.saver.dispose();
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.save).not.toHaveBeenCalled();
  });
});
