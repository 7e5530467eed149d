// The one contract between the UI and the Rust core. `tauri.ts` implements it over Tauri IPC
// (the command names are listed next to each method); `memory.ts` is an in-memory test double
// for the browser tests and `vite dev`. The data shapes are generated from the shell's
// transport types (src-tauri/src/dto.rs → bindings.ts, checked by a Rust test); arguments
// are camelCase as Tauri 2 expects.

import type {
  ApiError,
  BackupInfo,
  DocInfo,
  ExportFormat,
  ExportOptions,
  ExportResult,
  Kind,
  Lang,
  NewDocument,
  RestoreOutcome,
  RevisionInfo,
  SaveMode,
  SaveOutcome,
  StartupMark,
  SearchHit,
  StoredDoc,
  TemplateView,
  AppInfo,
  Analysis,
  Finding,
  Imported,
  StyleId,
} from './bindings';

export type * from './bindings';

export const LANGS: readonly Lang[] = ['zh-Hans', 'zh-Hant', 'en'];

export const KINDS: readonly Kind[] = [
  'annual',
  'half-year',
  'quarterly',
  'monthly',
  'weekly',
  'probation',
  'duty-report',
  'project-retro',
  'other',
];

export function isApiError(e: unknown): e is ApiError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { message?: unknown }).message === 'string'
  );
}

export interface Api {
  /** app_info */
  appInfo(): Promise<AppInfo>;
  /** ui_ready: the library answers input (the startup benchmark's mark). */
  uiReady(marks: StartupMark[]): Promise<void>;
  /** open_link: an http(s) or mailto link, in the system browser. */
  openLink(url: string): Promise<void>;
  /** templates_list */
  /** In `lang`, or by default in the app's language (what `appInfo().lang` says). */
  listTemplates(lang?: Lang): Promise<TemplateView[]>;
  /** doc_create */
  createDocument(doc: NewDocument): Promise<DocInfo>;
  /** doc_list */
  listDocuments(): Promise<DocInfo[]>;
  /** doc_get */
  getDocument(id: number): Promise<StoredDoc>;
  /** doc_save */
  saveDocument(id: number, body: string, mode: SaveMode): Promise<SaveOutcome>;
  /** doc_analyze */
  analyze(body: string): Promise<Analysis>;
  /** doc_search */
  search(query: string): Promise<SearchHit[]>;
  /** doc_delete */
  deleteDocument(id: number): Promise<void>;
  /** doc_undelete */
  restoreDocument(id: number): Promise<void>;
  /** doc_purge */
  purgeDocument(id: number): Promise<void>;
  /** doc_trash */
  listTrash(): Promise<DocInfo[]>;
  /** doc_history */
  history(id: number): Promise<RevisionInfo[]>;
  /** doc_revision */
  revision(id: number, rev: number): Promise<string>;
  /** doc_revert */
  revert(id: number, rev: number): Promise<SaveOutcome>;
  /** export_preview: one SVG document per page. */
  exportPreview(body: string, options: ExportOptions): Promise<string[]>;
  /** export_save: null when the user cancelled the native save dialog. */
  exportSave(body: string, options: ExportOptions, format: ExportFormat): Promise<ExportResult | null>;
  /** reveal_path: open the file (open = true) or show it in its folder. */
  revealPath(path: string, open: boolean): Promise<void>;
  /** settings_get */
  getSettings(): Promise<Record<string, string>>;
  /** settings_set */
  setSetting(key: string, value: string): Promise<void>;
  /** backup_list */
  listBackups(): Promise<BackupInfo[]>;
  /** backup_create */
  createBackup(): Promise<BackupInfo>;
  /** backup_restore */
  restoreBackup(path: string): Promise<RestoreOutcome>;
  /** doc_check: the 体检 of a text; `style` null when no export style is chosen. */
  check(body: string, style: StyleId | null): Promise<Finding[]>;
  /** import_file: the native open dialog, then import; null when cancelled. */
  importFile(): Promise<Imported | null>;
  /** import_data: a dropped file's name and bytes. */
  importData(name: string, bytes: Uint8Array): Promise<Imported>;
  /** import_text: pasted plain text (一、（一）1、 headings recognised). */
  importText(text: string): Promise<Imported>;
  /** doc_add: store a Markdown text (an import) as a new document. */
  addDocument(body: string): Promise<DocInfo>;
  /** doc_carry: the next period's document from document `id`, stored; returns it. */
  carryForward(id: number): Promise<DocInfo>;
  /** results_table: an empty 指标/基线/目标/实际/完成率 table. */
  resultsTable(lang: Lang, rows: number): Promise<string>;
  /** results_fill: the table with 完成率 computed from its figures. */
  fillResults(table: string): Promise<string>;
}
