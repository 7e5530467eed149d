// The Api over Tauri 2 IPC. Each method is one command of src-tauri; arguments are camelCase
// (Tauri converts them to the commands' snake_case parameters). Rejections are normalised to
// ApiError so that the UI handles one shape.
import { invoke } from '@tauri-apps/api/core';
import type {
  Analysis,
  Api,
  ApiError,
  AppInfo,
  BackupInfo,
  DocInfo,
  ExportFormat,
  ExportOptions,
  ExportResult,
  Lang,
  NewDocument,
  RestoreOutcome,
  RevisionInfo,
  SaveMode,
  SaveOutcome,
  SearchHit,
  StartupMark,
  StoredDoc,
  StyleId,
  TemplateView,
  Finding,
  Imported,
} from './types';
import { isApiError } from './types';

// A rejection that is not one of ours (the IPC bridge itself failed) may pass by itself.
function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return { code: e.code, message: e.message, transient: e.transient === true };
  if (typeof e === 'string') return { code: 'ipc', message: e, transient: true };
  if (e instanceof Error) return { code: 'ipc', message: e.message, transient: true };
  return { code: 'ipc', message: String(e), transient: true };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

export function createTauriApi(): Api {
  return {
    appInfo: () => call<AppInfo>('app_info'),
    uiReady: (marks: StartupMark[]) => call<void>('ui_ready', { marks }),
    openLink: (url: string) => call<void>('open_link', { url }),
    listTemplates: (lang?: Lang) => call<TemplateView[]>('templates_list', { lang: lang ?? null }),
    createDocument: (doc: NewDocument) => call<DocInfo>('doc_create', { doc }),
    listDocuments: () => call<DocInfo[]>('doc_list'),
    getDocument: (id: number) => call<StoredDoc>('doc_get', { id }),
    saveDocument: (id: number, body: string, mode: SaveMode) =>
      call<SaveOutcome>('doc_save', { id, body, mode }),
    analyze: (body: string) => call<Analysis>('doc_analyze', { body }),
    search: (query: string) => call<SearchHit[]>('doc_search', { query }),
    deleteDocument: (id: number) => call<void>('doc_delete', { id }),
    restoreDocument: (id: number) => call<void>('doc_undelete', { id }),
    purgeDocument: (id: number) => call<void>('doc_purge', { id }),
    listTrash: () => call<DocInfo[]>('doc_trash'),
    history: (id: number) => call<RevisionInfo[]>('doc_history', { id }),
    revision: (id: number, rev: number) => call<string>('doc_revision', { id, rev }),
    revert: (id: number, rev: number) => call<SaveOutcome>('doc_revert', { id, rev }),
    exportPreview: (body: string, options: ExportOptions) =>
      call<string[]>('export_preview', { body, options }),
    exportSave: (body: string, options: ExportOptions, format: ExportFormat) =>
      call<ExportResult | null>('export_save', { body, options, format }),
    revealPath: (path: string, open: boolean) => call<void>('reveal_path', { path, open }),
    getSettings: () => call<Record<string, string>>('settings_get'),
    setSetting: (key: string, value: string) => call<void>('settings_set', { key, value }),
    listBackups: () => call<BackupInfo[]>('backup_list'),
    createBackup: () => call<BackupInfo>('backup_create'),
    restoreBackup: (path: string) => call<RestoreOutcome>('backup_restore', { path }),
    check: (body: string, style: StyleId | null) => call<Finding[]>('doc_check', { body, style }),
    importFile: () => call<Imported | null>('import_file'),
    importData: (name: string, bytes: Uint8Array) =>
      call<Imported>('import_data', { name, bytes: Array.from(bytes) }),
    importText: (text: string) => call<Imported>('import_text', { text }),
    addDocument: (body: string) => call<DocInfo>('doc_add', { body }),
    carryForward: (id: number) => call<DocInfo>('doc_carry', { id }),
    resultsTable: (lang: Lang, rows: number) => call<string>('results_table', { lang, rows }),
    fillResults: (table: string) => call<string>('results_fill', { table }),
  };
}
