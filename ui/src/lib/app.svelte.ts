// Application state shared by the screens: the Api, the language, templates, settings, the
// engine's vocabulary (its concepts named in the user's language), the current view, toasts,
// and the open document's outline (shown under the rail).
import type { Api, ApiError, AppInfo, DocInfo, Lang, Settings, SettingsChange, StartupMark, TemplateView, Vocabulary } from './api/types';
import { isApiError } from './api/types';
import { getLang, setLang, t } from './i18n/index.svelte';

export type View =
  | { name: 'library'; tab?: 'recent' | 'trash'; focusSearch?: boolean }
  | { name: 'gallery' }
  | { name: 'new'; templateId: string }
  | { name: 'editor'; id: number }
  | { name: 'log'; date?: string }
  | { name: 'settings' };

export interface Toast {
  id: number;
  kind: 'info' | 'ok' | 'error';
  text: string;
  detail?: string;
  /** A button on the toast (an undo); pressing it dismisses the toast. */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface OutlineItem {
  ordinal: number;
  level: number;
  number: string | null;
  text: string;
}

/** Asked before the view changes; resolves false to stay. */
export type LeaveGuard = () => Promise<boolean>;

let toastId = 0;

/** The page's `recap:*` performance marks on the wall clock, for the shell's startup log. */
function startupMarks(): StartupMark[] {
  const at = (ms: number): number => performance.timeOrigin + ms;
  const marks: StartupMark[] = [{ name: 'navigation', at: at(0) }];
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (nav) marks.push({ name: 'html', at: at(nav.responseEnd) }, { name: 'dom', at: at(nav.domInteractive) });
  for (const m of performance.getEntriesByType('mark')) {
    if (m.name.startsWith('recap:')) marks.push({ name: m.name.slice('recap:'.length), at: at(m.startTime) });
  }
  return marks;
}

class AppState {
  api: Api | null = null;
  ready = $state(false);
  fatal = $state<ApiError | null>(null);
  info = $state<AppInfo | null>(null);
  settings = $state<Settings | null>(null);
  vocab = $state<Vocabulary | null>(null);
  templates = $state<TemplateView[]>([]);
  view = $state<View>({ name: 'library' });
  toasts = $state<Toast[]>([]);
  outline = $state<OutlineItem[]>([]);
  outlineActive = $state(-1);
  outlineJump: ((ordinal: number) => void) | null = null;
  leaveGuard: LeaveGuard | null = null;
  /** Bumped to ask the library to focus its search box. */
  searchFocus = $state(0);
  /** Bumped to ask the log to focus its box. */
  logFocus = $state(0);
  /** The draft dialog (起草总结) is open, from the library, the gallery or the log. */
  draftOpen = $state(false);

  get lang(): Lang {
    return getLang();
  }

  get apiOrThrow(): Api {
    if (!this.api) throw new Error('api not loaded');
    return this.api;
  }

  private libraryPrefetch: Promise<[DocInfo[], DocInfo[]]> | null = null;

  /** The library's first lists, asked for while the app starts (taken once by the library). */
  takeLibraryPrefetch(): Promise<[DocInfo[], DocInfo[]]> | null {
    const p = this.libraryPrefetch;
    this.libraryPrefetch = null;
    return p;
  }

  async start(api: Api): Promise<void> {
    this.api = api;
    performance.mark('recap:api');
    // The library is the first screen: its lists travel alongside the settings and templates.
    this.libraryPrefetch = Promise.all([api.doc_list(), api.doc_list_trash()]);
    this.libraryPrefetch.catch(() => undefined); // the library reports a failure when it takes it
    try {
      // Which language the app speaks is the shell's rule (the setting, else the system's),
      // reported as `info.lang`; the templates come in it, asked for alongside.
      const [info, settings, templates, vocab] = await Promise.all([
        api.app_info(),
        api.settings_get(),
        api.templates_list(null),
        api.app_vocabulary(null),
      ]);
      this.info = info;
      this.settings = settings;
      setLang(info.lang);
      this.templates = templates;
      this.vocab = vocab;
      performance.mark('recap:started');
      this.ready = true;
    } catch (e) {
      this.fatal = isApiError(e) ? e : { code: 'start', message: String(e), transient: false };
    }
  }

  private interactiveMarked = false;

  /** Tells the shell, once, that the library answers input (the startup benchmark's mark). */
  markInteractive(): void {
    if (this.interactiveMarked || !this.api) return;
    this.interactiveMarked = true;
    const api = this.api;
    performance.mark('recap:library');
    requestAnimationFrame(() => {
      performance.mark('recap:painted');
      void api.app_ui_ready(startupMarks()).catch(() => undefined);
    });
  }

  /** Opens a link of the document in the system browser (http, https and mailto only). */
  async openLink(href: string): Promise<void> {
    try {
      await this.apiOrThrow.app_open_link(href);
    } catch (e) {
      this.fail(e, href);
    }
  }

  async changeLang(lang: Lang): Promise<void> {
    const api = this.apiOrThrow;
    setLang(lang);
    this.settings = await api.settings_change({ type: 'lang', lang });
    const [templates, vocab] = await Promise.all([api.templates_list(lang), api.app_vocabulary(lang)]);
    this.templates = templates;
    this.vocab = vocab;
  }

  /** Applies one change to the settings (the engine validates it) and keeps what it returns. */
  async changeSettings(change: SettingsChange): Promise<void> {
    this.settings = await this.apiOrThrow.settings_change(change);
  }

  /** The label of a rule of the check, in the user's language. */
  ruleLabel(rule: string): string {
    return this.vocab?.rules.find((r) => r.id === rule)?.label ?? rule;
  }

  async go(view: View): Promise<boolean> {
    const cur = this.view;
    const leavingEditor = cur.name === 'editor' && !(view.name === 'editor' && view.id === cur.id);
    if (leavingEditor && this.leaveGuard && !(await this.leaveGuard())) return false;
    this.view = view;
    return true;
  }

  toast(kind: Toast['kind'], text: string, detail?: string, action?: ToastAction): void {
    const id = ++toastId;
    this.toasts = [...this.toasts, { id, kind, text, ...(detail ? { detail } : {}), ...(action ? { action } : {}) }];
    // An undo stays long enough to be read and reached with the keyboard.
    setTimeout(() => this.dismiss(id), kind === 'error' ? 9000 : action ? 8000 : 4000);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((x) => x.id !== id);
  }

  /** Shows an Api error as a toast (its message is already in the user's language). */
  fail(e: unknown, what?: string): void {
    const msg = isApiError(e) ? e.message : e instanceof Error ? e.message : String(e);
    this.toast('error', what ?? t('error.generic'), msg);
  }
}

export const app = new AppState();
