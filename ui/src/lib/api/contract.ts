// The contract between the UI and the engine, generated from crates/api (the types from
// its dto module by ts-rs, the operations from its table in ops/mod.rs); do not edit.
// Regenerate: RECAP_BLESS=1 cargo test -p recap-api --test contract

export type Analysis = { total: TextCount, 
/**
 * Estimated pages on the 公文 grid (22 lines × 28 characters).
 */
pages: number, headings: Array<HeadingView>, tables: Array<TableView>, 
/**
 * For each text the editor sent (one per paragraph, heading or cell), its blanks.
 */
blanks: Array<Array<BlankSpan>>, 
/**
 * The text holds source markers (a draft from the work log): the export may list them.
 */
sources: boolean, };

export type ApiError = { code: string, message: string, 
/**
 * The same request may succeed later without the user changing anything (a full disk
 * emptied, a busy store freed): the UI retries a failed save only then.
 */
transient: boolean, };

export type AppInfo = { version: string, data_dir: string, 
/**
 * The language the app speaks (the setting, else the system's).
 */
lang: Lang, 
/**
 * Something the store reported on open (recovered from damage…), or null.
 */
store_notice: ApiError | null, 
/**
 * Today, YYYY-MM-DD, as the engine dates things.
 */
today: string, };

export type AssistantPrefs = { enabled: boolean, preset: string, url: string, model: string, };

export type AssistantPreview = { url: string, locality: Locality, 
/**
 * The JSON body, byte for byte as it would go out.
 */
body: string, 
/**
 * A remote endpoint the user has not agreed to be remembered: ask first.
 */
needs_consent: boolean, };

export type AssistantTask = "polish" | "concrete";

export type AssistantView = { prefs: AssistantPrefs, presets: Array<PresetView>, 
/**
 * Of `prefs.url`.
 */
locality: Locality, 
/**
 * Where the key of `prefs.url` is kept; null: no key, or the assistant is off (the
 * keychain is not even asked then).
 */
key: KeyPlace | null, 
/**
 * The user agreed to send text to `prefs.url` without being asked again.
 */
consented: boolean, };

export type BackupInfo = { path: string, created_at: string, size: number, };

export type BlankKind = "bracket" | "letters" | "range" | "someone" | "ellipsis" | "line";

export type BlankSpan = { start: number, end: number, kind: BlankKind, };

export type CalendarCell = { date: string, day: number, in_month: boolean, today: boolean, count: number, 
/**
 * The first line of its first entries (at most two), for a glance.
 */
first_lines: Array<string>, 
/**
 * What a screen reader says of the day ("12月3日 周四，3 条记录").
 */
label: string, };

export type ColumnView = { index: number, 
/**
 * Its name in the header row, else "A", "B"…
 */
name: string, 
/**
 * How many of the first rows read as a date.
 */
dates: number, };

export type DayView = { date: string, 
/**
 * "12月3日 周四", "Thu 3 Dec".
 */
label: string, today: boolean, entries: Array<EntryView>, };

export type DocInfo = { id: number, title: string, kind: KindView | null, template: string | null, period: PeriodView | null, created_at: string, updated_at: string, chinese_chars: number, rev: number, 
/**
 * When it went to the trash; null when it is not there.
 */
deleted_at: string | null, };

export type DocMeta = { title: string | null, author: string | null, department: string | null, position: string | null, period: PeriodView | null, kind: KindView | null, template: string | null, 
/**
 * The document's own language: its `lang:`, else the app's.
 */
lang: Lang, };

export type DocText = { front: string, content: string, 
/**
 * A new title to write into the front matter (the user renamed the level-1 heading);
 * null to keep the front matter as it is.
 */
title: string | null, };

export type DocView = { info: DocInfo, text: DocText, meta: DocMeta, template: TemplateView | null, };

export type EntryView = { id: number, date: string, 
/**
 * Exactly as the user wrote it.
 */
text: string, created_at: string, updated_at: string, rev: number, recognised: Recognised, batch_id: number | null, };

export type ExportOptions = { style: StyleId, cover: boolean, toc: boolean, header: string | null, page_numbers: boolean, signature: boolean, 
/**
 * YYYY-MM-DD, or null for today.
 */
date: string | null, 
/**
 * The language of the words export adds (目录, 第 1 页 共 3 页).
 */
lang: Lang, 
/**
 * A draft's source markers listed as an appendix 依据 (else they are left out).
 */
sources_appendix: boolean, };

export type ExportPrefs = { format: Format, style: StyleId, cover: boolean, toc: boolean, page_numbers: boolean, signature: boolean, header_on: boolean, header: string, };

export type ExportResult = { path: string, };

export type FilePreview = { preview: ImportPreview, 
/**
 * A CSV or XLSX: its columns, to choose from.
 */
table: ImportTable | null, };

export type Finding = { 
/**
 * The rule's stable id: placeholder, vague, empty-section…
 */
rule: string, severity: Severity, message: string, 
/**
 * 1-based line in the Markdown text, front matter included.
 */
line: number, excerpt: string, 
/**
 * Null for what is not in the document's body (its front matter).
 */
spot: Spot | null, };

export type Flagged = { 
/**
 * `figure`, `date` or `name`.
 */
kind: string, text: string, };

export type FontRoleView = { id: string, label: string, 
/**
 * The families tried in order when the user chose none.
 */
default: Array<string>, };

export type Format = "docx" | "pdf" | "html";

export type HeadingView = { 
/**
 * Index of the heading among the document's top-level blocks.
 */
block: number, level: number, 
/**
 * The number export puts before it (一、（一）1.（1）), or null (the title, a number
 * the user typed, deeper levels).
 */
number: string | null, 
/**
 * The heading as typed.
 */
text: string, 
/**
 * Its template section's index, when it is one.
 */
section: number | null, 
/**
 * The template section whose tips apply under this heading (its own, else the nearest
 * enclosing one's): `[heading index in this list, section index]`.
 */
guide: [number, number] | null, 
/**
 * What the writer wrote under it (subsections included, the template's prompts not).
 */
count: TextCount, target: Target | null, status: TargetStatus | null, 
/**
 * The heading announces results: the editor offers the results table under it.
 */
results: boolean, };

export type ImportNote = { line: number | null, message: string, };

export type ImportPreview = { 
/**
 * "paste", "text", "folder", "csv", "xlsx".
 */
kind: string, source: string, rows: Array<ImportRowView>, 
/**
 * Parts of the source that are no entry, each with why.
 */
skipped: Array<string>, notes: Array<string>, 
/**
 * "12 条新记录，2 条已在记录中，1 条没有日期".
 */
summary: string, };

export type ImportResult = { 
/**
 * Null when nothing was added (everything was in the log already): nothing to undo.
 */
batch_id: number | null, added: number, restored: number, skipped: number, 
/**
 * "导入 12 条，跳过 2 条已在记录中的".
 */
message: string, };

export type ImportRow = { date: string | null, text: string, origin: string | null, };

export type ImportRowView = { 
/**
 * Null: undated, the user must give a date before anything is stored.
 */
date: string | null, text: string, 
/**
 * "第 3 行", "2026-11-02.md".
 */
origin: string, 
/**
 * The date as written in the source.
 */
lead: string | null, 
/**
 * What the row needs from the user, in their language.
 */
problem: string | null, needs_date: boolean, status: RowStatus, };

export type ImportTable = { sheets: Array<string>, columns: Array<ColumnView>, rows: Array<Array<string>>, total_rows: number, 
/**
 * The choice the preview was made with (the engine's guess at first).
 */
choice: TableChoice, };

export type Imported = { 
/**
 * Markdown with front matter (the title when the source had one).
 */
markdown: string, notes: Array<ImportNote>, };

export type JobPhase = "running" | "done" | "cancelled" | "failed";

export type JobView = { text: string, 
/**
 * The answer's length so far in characters: the next poll's `after`.
 */
chars: number, phase: JobPhase, error: ApiError | null, 
/**
 * When done: the whole answer with every figure, date or name not in the user's text
 * wrapped as 【待核实：…】. This, not the raw stream, is what Accept puts in the document.
 */
grounded: string | null, 
/**
 * The grounded answer's paragraphs, as Accept inserts them.
 */
paragraphs: Array<string>, flagged: Array<Flagged>, 
/**
 * The answer was cut by the model's token budget.
 */
truncated: boolean, };

export type KeyPlace = "keychain" | "session";

export type Kind = "annual" | "half-year" | "quarterly" | "monthly" | "weekly" | "probation" | "duty-report" | "project-retro" | "other";

export type KindView = { id: Kind, label: string, };

export type LabelKind = "tag" | "project";

export type LabelUse = { kind: LabelKind, name: string, count: number, };

export type Lang = "zh-Hans" | "zh-Hant" | "en";

export type Locality = "local" | "remote";

export type LogHit = { entry: EntryView, day_label: string, snippet: string, 
/**
 * `[start, end)` in UTF-16 units of `snippet`.
 */
highlights: Array<[number, number]>, };

export type MarkKind = "tag" | "project" | "figure";

export type MarkSpan = { kind: MarkKind, start: number, end: number, };

export type MonthView = { year: number, month: number, 
/**
 * "2026年12月", "December 2026".
 */
label: string, 
/**
 * The weekdays' short names, Monday first.
 */
weekdays: Array<string>, weeks: Array<Array<CalendarCell>>, 
/**
 * "本月 12 条记录，分布在 5 天".
 */
summary: string, };

export type Named<T> = { id: T, label: string, };

export type NewDocument = { template_id: string, title: string, author: string, department: string, position: string, 
/**
 * A period code (2026, 2026-Q3, 2026-W47, a range); may be empty.
 */
period: string, lang: Lang, };

export type PartOption = { n: number, label: string, };

export type Pasted = { 
/**
 * The text reads as a numbered document (一、（一）… lines): insert `content` as
 * structure. false: paste the text as it is.
 */
structured: boolean, 
/**
 * The Markdown to insert (no front matter). When the document already has a title, the
 * pasted text's own title line comes as a paragraph: a second title would push every
 * section one level down.
 */
content: string, notes: Array<ImportNote>, };

export type PeriodChoice = { unit: PeriodUnit, year: number, 
/**
 * The half (1–2), quarter (1–4), month (1–12) or ISO week; 0 asks for the one that holds
 * today.
 */
part: number, 
/**
 * YYYY-MM-DD, for a custom range.
 */
start: string, end: string, };

export type PeriodPicker = { 
/**
 * The choice as the engine settled it (defaults filled in).
 */
choice: PeriodChoice, 
/**
 * The years offered.
 */
years: Array<YearOption>, 
/**
 * The parts of the chosen unit in the chosen year.
 */
parts: Array<PartOption>, 
/**
 * The period chosen, or null with `problem` saying why.
 */
period: PeriodView | null, problem: string | null, 
/**
 * A title for the new document, from the template's kind and the period.
 */
suggested_title: string, };

export type PeriodUnit = "year" | "half" | "quarter" | "month" | "week" | "custom";

export type PeriodView = { 
/**
 * What a document's front matter and the CLI take: 2026, 2026-Q3, 2026-W47, or a range.
 */
code: string, unit: PeriodUnit, 
/**
 * First and last day, YYYY-MM-DD.
 */
start: string, end: string, 
/**
 * Its name for people: 2026年第三季度, Q3 2026.
 */
label: string, };

export type PresetView = { 
/**
 * `ollama`, `lm-studio`, `llama-cpp`, `other`.
 */
id: string, label: string, 
/**
 * The usual address; null for `other` (the user types it).
 */
url: string | null, };

export type PreviewPage = { 
/**
 * From 0.
 */
index: number, svg: string, };

export type PreviewPages = { 
/**
 * How many pages the whole document has.
 */
total: number, 
/**
 * The pages asked for that exist, in order.
 */
pages: Array<PreviewPage>, };

export type Profile = { author: string, department: string, position: string, };

export type Recognised = { tags: Array<string>, projects: Array<string>, 
/**
 * Figures exactly as written ("1,860 万元", "92.9%").
 */
figures: Array<string>, marks: Array<MarkSpan>, };

export type RestoreOutcome = { 
/**
 * Where the store as it was before the restore was kept.
 */
kept_current_as: string, };

export type RevisionInfo = { rev: number, saved_at: string, chinese_chars: number, 
/**
 * Saved by the editor on its own (not by the user's Ctrl+S).
 */
auto: boolean, };

export type RowStatus = "new" | "duplicate" | "in-trash";

export type SaveMode = "auto" | "manual";

export type SaveOutcome = { id: number, rev: number, 
/**
 * false when the text was identical to the saved one (nothing written).
 */
changed: boolean, saved_at: string, 
/**
 * The document's title after the save (what the library and the window show).
 */
title: string, };

export type Script = "hans" | "hant";

export type SearchHit = { id: number, title: string, snippet: string, 
/**
 * `[start, end)` UTF-16 offsets into `snippet` of each match.
 */
highlights: Array<[number, number]>, };

export type SectionView = { title: string, level: number, 
/**
 * The number the 公文 style gives this section's heading in a new document (一、（一）…),
 * or null.
 */
number: string | null, prompt: string, tips: Array<string>, target: Target | null, snippets: Array<Snippet>, };

export type Settings = { 
/**
 * The language chosen in Settings; null: the system's.
 */
lang: Lang | null, profile: Profile, export: ExportPrefs, 
/**
 * Font role id -> the family put first for that role.
 */
fonts: { [key in string]: string }, };

export type SettingsChange = { "type": "lang", lang: Lang, } | { "type": "profile", profile: Profile, } | { "type": "export", export: ExportPrefs, } | { "type": "font", role: string, family: string, };

export type Severity = "error" | "warning" | "info";

export type Snippet = { text: string, blanks: Array<BlankSpan>, };

export type SourceView = { "kind": "entry", id: number, date: string, day_label: string, text: string, 
/**
 * In the trash since the draft was made.
 */
deleted: boolean, } | { "kind": "document", id: number, title: string, period: string | null, } | { "kind": "missing", what: string, };

export type Spot = { block: number, text: string, nth: number, };

export type StartupMark = { name: string, at: number, };

export type StyleId = "gov" | "business" | "plain";

export type TableChoice = { 
/**
 * XLSX: the sheet (null: the first).
 */
sheet: string | null, 
/**
 * The first row holds column names.
 */
header: boolean, 
/**
 * 0-based.
 */
date_column: number, 
/**
 * 0-based; several are joined.
 */
text_columns: Array<number>, };

export type TableView = { block: number, results: boolean, };

export type Target = { min: number, max: number, };

export type TargetStatus = "under" | "within" | "over";

export type TemplateView = { id: string, name: string, kind: KindView, description: string, sections: Array<SectionView>, 
/**
 * The sum of the sections' targets ("about N–M characters"), when any has one.
 */
target_total: Target | null, 
/**
 * Saved by the user (not part of the built-in gallery).
 */
user: boolean, };

export type TextCount = { chinese_chars: number, words: number, word_compatible: number, };

export type Vocabulary = { kinds: Array<KindView>, styles: Array<Named<StyleId>>, units: Array<Named<PeriodUnit>>, 
/**
 * The 体检 rules.
 */
rules: Array<Named<string>>, severities: Array<Named<string>>, font_roles: Array<FontRoleView>, 
/**
 * Families a font picker offers (the ones the styles name, official names first).
 */
families: Array<string>, };

export type WeekView = { start: string, end: string, 
/**
 * "2026年第49周（11月30日—12月6日）".
 */
label: string, days: Array<DayView>, };

export type YearOption = { year: number, label: string, };

/** Every operation of the engine, by the name it is called with. */
export interface Api {
  /** What the UI needs at start: version, data folder, language, what the store reported. */
  app_info(): Promise<AppInfo>;
  /**
   * The engine's concepts (kinds, styles, rules, font roles…) named in `lang` (default: the
   * app's language).
   */
  app_vocabulary(lang: Lang | null): Promise<Vocabulary>;
  /** The first screen answers input; the page's moments of the start, for the startup log. */
  app_ui_ready(marks: Array<StartupMark>): Promise<null>;
  /** Opens an http(s) or mailto link of a document in the system browser. */
  app_open_link(url: string): Promise<null>;
  /** Opens the data folder in the system's file manager. */
  app_open_data_dir(): Promise<null>;
  /** The built-in gallery followed by the user's templates, in `lang` (default: the app's). */
  templates_list(lang: Lang | null): Promise<Array<TemplateView>>;
  /**
   * The period picker of the new-document form for a template: its default choice when
   * `choice` is null, else `choice` settled, with the period it makes and a title.
   */
  period_picker(template_id: string, choice: PeriodChoice | null, lang: Lang | null): Promise<PeriodPicker>;
  /** A new document from a template and the new-document form. */
  doc_create(doc: NewDocument): Promise<DocInfo>;
  /** Stores a Markdown text (an import) as a new document. */
  doc_add(markdown: string): Promise<DocInfo>;
  /** The library: every document not in the trash, last changed first. */
  doc_list(): Promise<Array<DocInfo>>;
  /** The trash, last deleted first. */
  doc_list_trash(): Promise<Array<DocInfo>>;
  /** A document, opened for the editor. */
  doc_open(id: number): Promise<DocView>;
  /** Saves the editor's text. */
  doc_save(id: number, text: DocText, mode: SaveMode): Promise<SaveOutcome>;
  /**
   * Counts, heading numbers and sections, results tables; and the blanks of each of
   * `lines` (the editor's paragraphs, headings and cells, in its order).
   */
  doc_analyze(text: DocText, lines: Array<string>): Promise<Analysis>;
  /** The 体检 of a text; `style` is the export style it is headed for (公文 also checks dates). */
  doc_check(text: DocText, style: StyleId | null): Promise<Array<Finding>>;
  /** Full-text search of the library. */
  doc_search(query: string): Promise<Array<SearchHit>>;
  /** Moves a document to the trash. */
  doc_delete(id: number): Promise<null>;
  /** Brings a document back from the trash. */
  doc_undelete(id: number): Promise<null>;
  /** Deletes a document in the trash for good. */
  doc_purge(id: number): Promise<null>;
  /** A document's revisions, newest first. */
  doc_history(id: number): Promise<Array<RevisionInfo>>;
  /** The text of one revision. */
  doc_revision(id: number, rev: number): Promise<DocText>;
  /** Makes an old revision the current text (saved as a new revision) and reopens the document. */
  doc_revert(id: number, rev: number): Promise<DocView>;
  /** "New summary from this one": the next period's document, with a review of the old plan. */
  doc_carry(id: number): Promise<DocInfo>;
  /** Asks for a .docx, .md or .txt with the native dialog and imports it; null when cancelled. */
  import_file(): Promise<Imported | null>;
  /** Imports a file dropped on the window (its name and bytes; no path crosses). */
  import_data(name: string, bytes: Array<number>): Promise<Imported>;
  /** Plain text pasted into a document (`titled`: the document has its title already). */
  import_paste(text: string, titled: boolean): Promise<Pasted>;
  /** An empty results table (指标 / 基线 / 目标 / 实际 / 完成率) of `rows` rows. */
  results_table(lang: Lang, rows: number): Promise<string>;
  /** A results table with 完成率 computed from its figures. */
  results_fill(table: string): Promise<string>;
  /**
   * Pages `from` up to `to` (exclusive; null: to the end) of the PDF the options would
   * give, as SVG, with the page count. The whole document is laid out, only those pages
   * drawn; layouts are kept, so asking for the rest right after costs only their drawing.
   */
  export_preview(text: DocText, options: ExportOptions, from: number, to: number | null): Promise<PreviewPages>;
  /** Loads the fonts the options use, ahead of the first preview (the dialog's opening). */
  export_warm(options: ExportOptions): Promise<null>;
  /** Writes the document where the user chooses in the save dialog; null when cancelled. */
  export_save(text: DocText, options: ExportOptions, format: Format): Promise<ExportResult | null>;
  /** Opens a file this run exported (`open`), or shows it in its folder. */
  export_reveal(path: string, open: boolean): Promise<null>;
  /** Logs a note, dated `date` (ISO) or today. */
  log_add(text: string, date: string | null): Promise<EntryView>;
  /** Changes a note's text (and its day when `date` is given); the old text stays in its history. */
  log_edit(id: number, text: string, date: string | null): Promise<EntryView>;
  /** Moves a note to the trash (undone by `log_restore`). */
  log_delete(id: number): Promise<null>;
  /** Brings a note back from the trash. */
  log_restore(id: number): Promise<EntryView>;
  /** A day's notes, newest first (`date` null: today). */
  log_day(date: string | null): Promise<DayView>;
  /** A month of the calendar, Monday first, each day with its count and first lines. */
  log_month(year: number, month: number): Promise<MonthView>;
  /** The week (Monday to Sunday) holding `date` (null: today), day by day. */
  log_week(date: string | null): Promise<WeekView>;
  /** Notes matching every word, `#tag` and `@project` of `query`, newest first. */
  log_search(query: string): Promise<Array<LogHit>>;
  /** Tag or project names starting with `prefix`, the most used first (completion). */
  log_labels(kind: LabelKind, prefix: string): Promise<Array<LabelUse>>;
  /** The tags, projects and figures of a text being typed (the text is not changed). */
  log_recognise(text: string): Promise<Recognised>;
  /** A paste of many days split into dated notes for the confirm view; nothing is stored. */
  log_paste_preview(text: string): Promise<ImportPreview>;
  /**
   * Asks for a file (`folder`: a folder of daily notes) with the native dialog and previews
   * it for the confirm view; null when cancelled. A CSV/XLSX comes with its columns.
   */
  log_import_file_preview(folder: boolean): Promise<FilePreview | null>;
  /** The picked CSV/XLSX previewed again with the columns chosen. */
  log_import_table(choice: TableChoice): Promise<FilePreview>;
  /**
   * Stores the confirmed rows as one import (every row dated, or nothing is stored); rows in
   * the log already are skipped. `from_file`: they came from the picked file, not a paste.
   */
  log_import(rows: Array<ImportRow>, from_file: boolean): Promise<ImportResult>;
  /** Undoes an import as a whole (its notes go to the trash); how many. */
  log_import_undo(batch: number): Promise<number>;
  /**
   * Drafts a period's summary (`period` as 2026-Q4, 2026-12…) in a template from the log
   * and the stored reports, and stores it as a new document.
   */
  draft_create(template_id: string, period: string, lang: Lang | null): Promise<DocInfo>;
  /** The notes and documents a source marker (`recap:sources/e12,d5`) points at. */
  sources_of(url: string): Promise<Array<SourceView>>;
  /** The user's settings. */
  settings_get(): Promise<Settings>;
  /** Changes one setting; the settings after the change. */
  settings_change(change: SettingsChange): Promise<Settings>;
  /** The store's backups, newest first. */
  backup_list(): Promise<Array<BackupInfo>>;
  /** Backs the store up now. */
  backup_create(): Promise<BackupInfo>;
  /** Restores one of the store's own backups (the current store is kept aside first). */
  backup_restore(path: string): Promise<RestoreOutcome>;
  /** The writing assistant's settings, presets, 本机/远程 and where the key is kept. */
  assistant_settings(): Promise<AssistantView>;
  /** Saves the assistant's settings (off cancels every request). Connects nowhere. */
  assistant_configure(prefs: AssistantPrefs): Promise<AssistantView>;
  /** "Test connection": the models the server at `url` lists. Refused while off. */
  assistant_test(url: string): Promise<Array<string>>;
  /** Keeps a key for `url` in the system's keychain (or for this session where there is none). */
  assistant_set_key(url: string, key: string): Promise<KeyPlace>;
  /** Forgets the key for `url`. */
  assistant_forget_key(url: string): Promise<null>;
  /** Remembers (or forgets) the consent to send text to `url`. */
  assistant_consent(url: string, remember: boolean): Promise<AssistantView>;
  /** Exactly the request body a task would send, for the consent view. Sends nothing. */
  assistant_preview(task: AssistantTask, text: string): Promise<AssistantPreview>;
  /**
   * Starts a task on `text`; the job's id. A remote endpoint needs `consent` unless
   * remembered; `remember` stores it.
   */
  assistant_start(task: AssistantTask, text: string, consent: boolean, remember: boolean): Promise<number>;
  /**
   * The job's new text after `after` characters (waits up to 0.4 s for some); when done,
   * the answer with unsupported figures, dates and names marked 【待核实：…】.
   */
  assistant_poll(job: number, after: number): Promise<JobView>;
  /** Stops a job at once (the connection is dropped; the server stops generating). */
  assistant_cancel(job: number): Promise<null>;
  /** The whole document converted to 简体 or 繁體 (OpenCC tables, no model). */
  convert_script(text: string, to: Script): Promise<string>;
}

/** The address scheme of a drafted item's source marker (recap_core::model). */
export const SOURCE_SCHEME = 'recap:sources/';

export const OPERATIONS = [
  'app_info',
  'app_vocabulary',
  'app_ui_ready',
  'app_open_link',
  'app_open_data_dir',
  'templates_list',
  'period_picker',
  'doc_create',
  'doc_add',
  'doc_list',
  'doc_list_trash',
  'doc_open',
  'doc_save',
  'doc_analyze',
  'doc_check',
  'doc_search',
  'doc_delete',
  'doc_undelete',
  'doc_purge',
  'doc_history',
  'doc_revision',
  'doc_revert',
  'doc_carry',
  'import_file',
  'import_data',
  'import_paste',
  'results_table',
  'results_fill',
  'export_preview',
  'export_warm',
  'export_save',
  'export_reveal',
  'log_add',
  'log_edit',
  'log_delete',
  'log_restore',
  'log_day',
  'log_month',
  'log_week',
  'log_search',
  'log_labels',
  'log_recognise',
  'log_paste_preview',
  'log_import_file_preview',
  'log_import_table',
  'log_import',
  'log_import_undo',
  'draft_create',
  'sources_of',
  'settings_get',
  'settings_change',
  'backup_list',
  'backup_create',
  'backup_restore',
  'assistant_settings',
  'assistant_configure',
  'assistant_test',
  'assistant_set_key',
  'assistant_forget_key',
  'assistant_consent',
  'assistant_preview',
  'assistant_start',
  'assistant_poll',
  'assistant_cancel',
  'convert_script',
] as const;

export type Operation = (typeof OPERATIONS)[number];

/** How a front calls an operation: its name and its arguments by name. */
export type Call = (op: Operation, args: Record<string, unknown>) => Promise<unknown>;

/** An `Api` over `call`. */
export function bindApi(call: Call): Api {
  return {
    app_info: () => call('app_info', {}) as Promise<AppInfo>,
    app_vocabulary: (lang: Lang | null) => call('app_vocabulary', { lang }) as Promise<Vocabulary>,
    app_ui_ready: (marks: Array<StartupMark>) => call('app_ui_ready', { marks }) as Promise<null>,
    app_open_link: (url: string) => call('app_open_link', { url }) as Promise<null>,
    app_open_data_dir: () => call('app_open_data_dir', {}) as Promise<null>,
    templates_list: (lang: Lang | null) => call('templates_list', { lang }) as Promise<Array<TemplateView>>,
    period_picker: (template_id: string, choice: PeriodChoice | null, lang: Lang | null) => call('period_picker', { template_id, choice, lang }) as Promise<PeriodPicker>,
    doc_create: (doc: NewDocument) => call('doc_create', { doc }) as Promise<DocInfo>,
    doc_add: (markdown: string) => call('doc_add', { markdown }) as Promise<DocInfo>,
    doc_list: () => call('doc_list', {}) as Promise<Array<DocInfo>>,
    doc_list_trash: () => call('doc_list_trash', {}) as Promise<Array<DocInfo>>,
    doc_open: (id: number) => call('doc_open', { id }) as Promise<DocView>,
    doc_save: (id: number, text: DocText, mode: SaveMode) => call('doc_save', { id, text, mode }) as Promise<SaveOutcome>,
    doc_analyze: (text: DocText, lines: Array<string>) => call('doc_analyze', { text, lines }) as Promise<Analysis>,
    doc_check: (text: DocText, style: StyleId | null) => call('doc_check', { text, style }) as Promise<Array<Finding>>,
    doc_search: (query: string) => call('doc_search', { query }) as Promise<Array<SearchHit>>,
    doc_delete: (id: number) => call('doc_delete', { id }) as Promise<null>,
    doc_undelete: (id: number) => call('doc_undelete', { id }) as Promise<null>,
    doc_purge: (id: number) => call('doc_purge', { id }) as Promise<null>,
    doc_history: (id: number) => call('doc_history', { id }) as Promise<Array<RevisionInfo>>,
    doc_revision: (id: number, rev: number) => call('doc_revision', { id, rev }) as Promise<DocText>,
    doc_revert: (id: number, rev: number) => call('doc_revert', { id, rev }) as Promise<DocView>,
    doc_carry: (id: number) => call('doc_carry', { id }) as Promise<DocInfo>,
    import_file: () => call('import_file', {}) as Promise<Imported | null>,
    import_data: (name: string, bytes: Array<number>) => call('import_data', { name, bytes }) as Promise<Imported>,
    import_paste: (text: string, titled: boolean) => call('import_paste', { text, titled }) as Promise<Pasted>,
    results_table: (lang: Lang, rows: number) => call('results_table', { lang, rows }) as Promise<string>,
    results_fill: (table: string) => call('results_fill', { table }) as Promise<string>,
    export_preview: (text: DocText, options: ExportOptions, from: number, to: number | null) => call('export_preview', { text, options, from, to }) as Promise<PreviewPages>,
    export_warm: (options: ExportOptions) => call('export_warm', { options }) as Promise<null>,
    export_save: (text: DocText, options: ExportOptions, format: Format) => call('export_save', { text, options, format }) as Promise<ExportResult | null>,
    export_reveal: (path: string, open: boolean) => call('export_reveal', { path, open }) as Promise<null>,
    log_add: (text: string, date: string | null) => call('log_add', { text, date }) as Promise<EntryView>,
    log_edit: (id: number, text: string, date: string | null) => call('log_edit', { id, text, date }) as Promise<EntryView>,
    log_delete: (id: number) => call('log_delete', { id }) as Promise<null>,
    log_restore: (id: number) => call('log_restore', { id }) as Promise<EntryView>,
    log_day: (date: string | null) => call('log_day', { date }) as Promise<DayView>,
    log_month: (year: number, month: number) => call('log_month', { year, month }) as Promise<MonthView>,
    log_week: (date: string | null) => call('log_week', { date }) as Promise<WeekView>,
    log_search: (query: string) => call('log_search', { query }) as Promise<Array<LogHit>>,
    log_labels: (kind: LabelKind, prefix: string) => call('log_labels', { kind, prefix }) as Promise<Array<LabelUse>>,
    log_recognise: (text: string) => call('log_recognise', { text }) as Promise<Recognised>,
    log_paste_preview: (text: string) => call('log_paste_preview', { text }) as Promise<ImportPreview>,
    log_import_file_preview: (folder: boolean) => call('log_import_file_preview', { folder }) as Promise<FilePreview | null>,
    log_import_table: (choice: TableChoice) => call('log_import_table', { choice }) as Promise<FilePreview>,
    log_import: (rows: Array<ImportRow>, from_file: boolean) => call('log_import', { rows, from_file }) as Promise<ImportResult>,
    log_import_undo: (batch: number) => call('log_import_undo', { batch }) as Promise<number>,
    draft_create: (template_id: string, period: string, lang: Lang | null) => call('draft_create', { template_id, period, lang }) as Promise<DocInfo>,
    sources_of: (url: string) => call('sources_of', { url }) as Promise<Array<SourceView>>,
    settings_get: () => call('settings_get', {}) as Promise<Settings>,
    settings_change: (change: SettingsChange) => call('settings_change', { change }) as Promise<Settings>,
    backup_list: () => call('backup_list', {}) as Promise<Array<BackupInfo>>,
    backup_create: () => call('backup_create', {}) as Promise<BackupInfo>,
    backup_restore: (path: string) => call('backup_restore', { path }) as Promise<RestoreOutcome>,
    assistant_settings: () => call('assistant_settings', {}) as Promise<AssistantView>,
    assistant_configure: (prefs: AssistantPrefs) => call('assistant_configure', { prefs }) as Promise<AssistantView>,
    assistant_test: (url: string) => call('assistant_test', { url }) as Promise<Array<string>>,
    assistant_set_key: (url: string, key: string) => call('assistant_set_key', { url, key }) as Promise<KeyPlace>,
    assistant_forget_key: (url: string) => call('assistant_forget_key', { url }) as Promise<null>,
    assistant_consent: (url: string, remember: boolean) => call('assistant_consent', { url, remember }) as Promise<AssistantView>,
    assistant_preview: (task: AssistantTask, text: string) => call('assistant_preview', { task, text }) as Promise<AssistantPreview>,
    assistant_start: (task: AssistantTask, text: string, consent: boolean, remember: boolean) => call('assistant_start', { task, text, consent, remember }) as Promise<number>,
    assistant_poll: (job: number, after: number) => call('assistant_poll', { job, after }) as Promise<JobView>,
    assistant_cancel: (job: number) => call('assistant_cancel', { job }) as Promise<null>,
    convert_script: (text: string, to: Script) => call('convert_script', { text, to }) as Promise<string>,
  };
}
