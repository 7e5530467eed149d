// Generated from src-tauri/src/dto.rs by ts-rs; do not edit by hand.
// Regenerate: RECAP_BLESS=1 cargo test -p recap-desktop bindings

export type ApiError = { code: string, message: string, transient: boolean, };

export type Lang = "zh-Hans" | "zh-Hant" | "en";

export type Kind = "annual" | "half-year" | "quarterly" | "monthly" | "weekly" | "probation" | "duty-report" | "project-retro" | "other";

export type AppInfo = { version: string, dataDir: string, lang: Lang, 
/**
 * Something the store reported on open (recovered from damage…), or null.
 */
storeNotice: ApiError | null, };

export type StartupMark = { name: string, at: number, };

export type Target = { min: number, max: number, };

export type SectionView = { title: string, level: number, prompt: string, tips: Array<string>, target: Target | null, snippets: Array<string>, };

export type TemplateView = { id: string, name: string, kind: Kind, description: string, sections: Array<SectionView>, };

export type NewDocument = { templateId: string, title: string, author: string, department: string, position: string, 
/**
 * 2026, 2026-H1, 2026-Q3, 2026-03, 2026-W47 or "2026-01-01 至 2026-12-31"; may be empty.
 */
period: string, lang: Lang, };

export type DocInfo = { id: number, title: string, kind: string | null, template: string | null, created_at: string, updated_at: string, chinese_chars: number, rev: number, deleted_at: string | null, };

export type StoredDoc = { body: string, id: number, title: string, kind: string | null, template: string | null, created_at: string, updated_at: string, chinese_chars: number, rev: number, deleted_at: string | null, };

export type SaveMode = "auto" | "manual";

export type SaveOutcome = { id: number, rev: number, 
/**
 * false when the text was identical to the saved one (nothing written).
 */
changed: boolean, saved_at: string, };

export type TargetStatus = "under" | "within" | "over";

export type SectionCount = { title: string, level: number, 
/**
 * Index of the heading among the document's top-level blocks.
 */
block: number, chinese_chars: number, words: number, word_compatible: number, target: Target | null, status: TargetStatus | null, 
/**
 * The heading announces results or highlights: the editor offers the results table.
 */
results: boolean, };

export type Counts = { chinese_chars: number, words: number, word_compatible: number, 
/**
 * Estimated pages on the 公文 grid (22 lines × 28 characters).
 */
pages: number, sections: Array<SectionCount>, };

export type HeadingNumber = { 
/**
 * Index among the document's top-level blocks.
 */
block: number, level: number, 
/**
 * 一、 （一） 1. （1）, or null (the title, deeper levels, a number the user typed).
 */
number: string | null, title: string, };

export type Analysis = { counts: Counts, headings: Array<HeadingNumber>, };

export type SearchHit = { id: number, title: string, snippet: string, 
/**
 * [start, end) character offsets into `snippet`.
 */
highlights: Array<[number, number]>, };

export type RevisionInfo = { rev: number, saved_at: string, chinese_chars: number, auto: boolean, };

export type StyleId = "gov" | "business" | "plain";

export type ExportFormat = "docx" | "pdf" | "html";

export type ExportOptions = { style: StyleId, cover: boolean, toc: boolean, header: string | null, page_numbers: boolean, signature: boolean, 
/**
 * YYYY-MM-DD, or null for today.
 */
date: string | null, lang: Lang, 
/**
 * Font role id (title, heading1, body…) -> family name.
 */
fonts: { [key in string]: string }, };

export type ExportResult = { path: string, };

export type BackupInfo = { path: string, created_at: string, size: number, };

export type RestoreOutcome = { 
/**
 * Where the store as it was before the restore was kept.
 */
kept_current_as: string, };

export type Severity = "error" | "warning" | "info";

export type Finding = { 
/**
 * The rule's stable id: placeholder, vague, empty-section…
 */
rule: string, severity: Severity, message: string, 
/**
 * 1-based line in the Markdown text, front matter included.
 */
line: number, excerpt: string, };

export type ImportNote = { line: number | null, message: string, };

export type Imported = { 
/**
 * Markdown with front matter (the title when the source had one).
 */
markdown: string, notes: Array<ImportNote>, };
