// The app's commands (new, save, export, search, log) arrive two ways: the page's own keyboard
// handler and, in the desktop app, the native menu (whose shortcuts may reach the page too).
// Both go through `runCommand`, so one key press never runs a command twice.

export type AppCommand = 'new' | 'save' | 'export' | 'search' | 'log';

export const COMMAND_EVENT = 'recap-command';
const REPEAT_MS = 250;
const last = new Map<AppCommand, number>();

export function isAppCommand(id: unknown): id is AppCommand {
  return id === 'new' || id === 'save' || id === 'export' || id === 'search' || id === 'log';
}

/** Dispatches `cmd` to the listeners on window, unless the same command ran a moment ago. */
export function runCommand(cmd: AppCommand, now: number = Date.now()): boolean {
  const prev = last.get(cmd);
  if (prev !== undefined && now - prev < REPEAT_MS) return false;
  last.set(cmd, now);
  window.dispatchEvent(new CustomEvent<AppCommand>(COMMAND_EVENT, { detail: cmd }));
  return true;
}

/** The command a key press asks for, if any (Ctrl on Windows/Linux, ⌘ on macOS). */
export function commandForKey(e: KeyboardEvent): AppCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey || e.shiftKey || e.isComposing) return null;
  switch (e.key.toLowerCase()) {
    case 'n':
      return 'new';
    case 's':
      return 'save';
    case 'e':
      return 'export';
    case 'f':
      return 'search';
    // J for 记 (jì): L is the browser's address bar when the UI runs in a browser.
    case 'j':
      return 'log';
    default:
      return null;
  }
}
