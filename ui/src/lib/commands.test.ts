// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { COMMAND_EVENT, commandForKey, runCommand, type AppCommand } from './commands';

function key(k: string, init: KeyboardEventInit = {}): KeyboardEvent {
  return new KeyboardEvent('keydown', { key: k, ctrlKey: true, ...init });
}

describe('app commands', () => {
  it('maps the shortcuts and ignores other keys', () => {
    expect(commandForKey(key('n'))).toBe('new');
    expect(commandForKey(key('S'))).toBe('save');
    expect(commandForKey(key('e', { ctrlKey: false, metaKey: true }))).toBe('export');
    expect(commandForKey(key('f'))).toBe('search');
    expect(commandForKey(key('j'))).toBe('log');
    expect(commandForKey(key('s', { ctrlKey: false }))).toBeNull();
    expect(commandForKey(key('s', { altKey: true }))).toBeNull();
    expect(commandForKey(key('e', { shiftKey: true }))).toBeNull();
    expect(commandForKey(key('b'))).toBeNull();
  });

  it('runs a command once when the menu and the page both see one key press', () => {
    const seen: AppCommand[] = [];
    const on = (e: Event) => seen.push((e as CustomEvent<AppCommand>).detail);
    window.addEventListener(COMMAND_EVENT, on);
    expect(runCommand('save', 10_000)).toBe(true);
    expect(runCommand('save', 10_100)).toBe(false);
    expect(runCommand('export', 10_100)).toBe(true);
    expect(runCommand('save', 10_400)).toBe(true);
    window.removeEventListener(COMMAND_EVENT, on);
    expect(seen).toEqual(['save', 'export', 'save']);
  });
});
