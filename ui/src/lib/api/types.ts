// The one contract between the UI and the Rust core. `tauri.ts` implements it over Tauri IPC
// (the command names are listed next to each method); `memory.ts` is an in-memory test double
// for the browser tests and `vite dev`. JSON shapes follow the core's serde output
// (snake_case fields); arguments are camelCase as Tauri 2 expects.

export type Lang = 'zh-Hans' | 'zh-Hant' | 'en';
export const LANGS: readonly Lang[] = ['zh-Hans', 'zh-Hant', 'en'];

export type Kind =
  | 'annual'
  | 'half-year'
  | 'quarterly'
  | 'monthly'
  | 'weekly'
  | 'probation'
  | 'duty-report'
  | 'project-retro'
  | 'other';
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

/** Every rejection of the Api has this shape. `message` is already in the user's language. */
export interface ApiError {
  code: string;
  message: string;
}

export function isApiError(e: unknown): e is ApiError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { message?: unknown }).message === 'string'
  );
}

export interface AppInfo {
  version: string;
  dataDir: string;
  lang: Lang;
  /** Something the store reported on open (recovered from damage, read-only…), or null. */
  storeNotice: ApiError | null;
}

export interface Target {
  min: number;
  max: number;
}

export interface SectionView {
  title: string;
  level: number;
  prompt: string;
  tips: string[];
  target: Target | null;
  snippets: string[];
}

export interface TemplateView {
  id: string;
  name: string;
  kind: Kind;
  description: string;
  sections: SectionView[];
}

export interface NewDocument {
  templateId: string;
  title: string;
  author: string;
  department: string;
  position: string;
  /** 2026, 2026-H1, 2026-Q3, 2026-03, 2026-W47 or "2026-01-01 至 2026-12-31". */
  period: string;
  lang: Lang;
}

export interface DocInfo {
  id: number;
  title: string;
  kind: string | null;
  template: string | null;
  created_at: string;
  updated_at: string;
  chinese_chars: number;
  rev: number;
  deleted_at: string | null;
}

export interface StoredDoc extends DocInfo {
  /** Markdown with YAML front matter, exactly as saved. */
  body: string;
}

export type SaveMode = 'auto' | 'manual';

export interface SaveOutcome {
  id: number;
  rev: number;
  changed: boolean;
  saved_at: string;
}

export type TargetStatus = 'under' | 'within' | 'over';

export interface SectionCount {
  title: string;
  level: number;
  /** Index of the heading among the document's top-level blocks. */
  block: number;
  chinese_chars: number;
  words: number;
  word_compatible: number;
  target: Target | null;
  status: TargetStatus | null;
}

export interface Counts {
  chinese_chars: number;
  words: number;
  word_compatible: number;
  pages: number;
  sections: SectionCount[];
}

export interface HeadingNumber {
  block: number;
  level: number;
  /** 一、 （一） 1. （1）, or null (title, deeper levels, or a number the user typed). */
  number: string | null;
  title: string;
}

export interface Analysis {
  counts: Counts;
  headings: HeadingNumber[];
}

export interface SearchHit {
  id: number;
  title: string;
  snippet: string;
  /** [start, end) character offsets into `snippet`. */
  highlights: [number, number][];
}

export interface RevisionInfo {
  rev: number;
  saved_at: string;
  chinese_chars: number;
  auto: boolean;
}

export type StyleId = 'gov' | 'business' | 'plain';
export type ExportFormat = 'docx' | 'pdf' | 'html';

export interface ExportOptions {
  style: StyleId;
  cover: boolean;
  toc: boolean;
  header: string | null;
  page_numbers: boolean;
  signature: boolean;
  /** YYYY-MM-DD, or null for today. */
  date: string | null;
  lang: Lang;
  /** Font role id (title, heading1, body…) -> family name. */
  fonts: Record<string, string>;
}

export interface ExportResult {
  path: string;
}

export interface BackupInfo {
  path: string;
  created_at: string;
  size: number;
}

export interface RestoreOutcome {
  /** Where the store as it was before the restore was kept. */
  kept_current_as: string;
}

export interface Api {
  /** app_info */
  appInfo(): Promise<AppInfo>;
  /** templates_list */
  listTemplates(lang: Lang): Promise<TemplateView[]>;
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
}
