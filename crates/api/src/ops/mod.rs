//! The operations: declared once, in the table below, with their arguments and results. The
//! table makes [`dispatch`] (how every front calls them) and [`OPERATIONS`] (what the
//! TypeScript contract is generated from); the functions themselves are methods of
//! [`Workspace`], one file per area.

mod app;
mod assistant;
mod docs;
mod export;
mod log;
mod settings;
mod writing;

use crate::dto::analysis::{Analysis, Finding};
use crate::dto::app::{AppInfo, PeriodChoice, PeriodPicker, StartupMark, Vocabulary};
use crate::dto::assistant::{
    AssistantPrefs, AssistantPreview, AssistantTask, AssistantView, JobView, KeyPlace, Script,
};
use crate::dto::common::{Format, Lang, StyleId};
use crate::dto::docs::{
    BackupInfo, DocInfo, DocText, DocView, Imported, NewDocument, Pasted, RestoreOutcome,
    RevisionInfo, SaveMode, SaveOutcome, SearchHit,
};
use crate::dto::export::{ExportOptions, ExportResult, PreviewPages};
use crate::dto::log::{
    DayView, EntryView, FilePreview, ImportPreview, ImportResult, ImportRow, LabelKind, LabelUse,
    LogHit, MonthView, Recognised, SourceView, TableChoice, WeekView,
};
use crate::dto::settings::{Settings, SettingsChange};
use crate::dto::templates::TemplateView;
use crate::{ApiError, Workspace};
pub(crate) use assistant::AssistantState;
use serde_json::Value;
use ts_rs::{Config, TS, TypeVisitor};

/// One operation of the contract, as the generator of the TypeScript side reads it.
pub struct Operation {
    pub name: &'static str,
    pub doc: &'static str,
    /// Argument names and their TypeScript types.
    pub args: Vec<(&'static str, String)>,
    /// The TypeScript type of the result.
    pub result: String,
}

macro_rules! operations {
    ($( $(#[doc = $doc:literal])* fn $name:ident( $($arg:ident : $ty:ty),* ) -> $ret:ty; )*) => {
        /// Runs operation `op` with `args` (a JSON object of its named arguments). An unknown
        /// operation, missing or extra arguments, or arguments of the wrong type are a
        /// `bad-request`; everything else is the operation's own answer.
        pub fn dispatch(ws: &Workspace, op: &str, args: Value) -> Result<Value, ApiError> {
            let args = if args.is_null() { Value::Object(Default::default()) } else { args };
            match op {
                $(stringify!($name) => {
                    #[derive(serde::Deserialize)]
                    #[serde(deny_unknown_fields)]
                    #[allow(non_camel_case_types, dead_code)]
                    struct Args { $($arg: $ty),* }
                    let _args: Args = serde_json::from_value(args)
                        .map_err(|e| ApiError::bad_request(ws.lang(), format!("{op}: {e}")))?;
                    let out: $ret = ws.$name($(_args.$arg),*)?;
                    serde_json::to_value(out).map_err(|e| ApiError::internal(ws.lang(), e))
                })*
                _ => Err(ApiError::bad_request(ws.lang(), format!("{op}?"))),
            }
        }

        /// Every operation's name, in the table's order.
        pub const OPERATIONS: &[&str] = &[$(stringify!($name)),*];

        /// The table, for the contract's generator.
        pub fn operations(cfg: &Config) -> Vec<Operation> {
            vec![$(Operation {
                name: stringify!($name),
                doc: concat!($($doc, "\n"),*),
                args: vec![$((stringify!($arg), <$ty as TS>::name(cfg))),*],
                result: <$ret as TS>::name(cfg),
            }),*]
        }

        /// Visits every type the operations take or give.
        pub fn visit_types(v: &mut impl TypeVisitor) {
            $($(v.visit::<$ty>();)* v.visit::<$ret>();)*
        }
    };
}

operations! {
    /// What the UI needs at start: version, data folder, language, what the store reported.
    fn app_info() -> AppInfo;
    /// The engine's concepts (kinds, styles, rules, font roles…) named in `lang` (default: the
    /// app's language).
    fn app_vocabulary(lang: Option<Lang>) -> Vocabulary;
    /// The first screen answers input; the page's moments of the start, for the startup log.
    fn app_ui_ready(marks: Vec<StartupMark>) -> ();
    /// Opens an http(s) or mailto link of a document in the system browser.
    fn app_open_link(url: String) -> ();
    /// Opens the data folder in the system's file manager.
    fn app_open_data_dir() -> ();
    /// The built-in gallery followed by the user's templates, in `lang` (default: the app's).
    fn templates_list(lang: Option<Lang>) -> Vec<TemplateView>;
    /// The period picker of the new-document form for a template: its default choice when
    /// `choice` is null, else `choice` settled, with the period it makes and a title.
    fn period_picker(template_id: String, choice: Option<PeriodChoice>, lang: Option<Lang>) -> PeriodPicker;
    /// A new document from a template and the new-document form.
    fn doc_create(doc: NewDocument) -> DocInfo;
    /// Stores a Markdown text (an import) as a new document.
    fn doc_add(markdown: String) -> DocInfo;
    /// The library: every document not in the trash, last changed first.
    fn doc_list() -> Vec<DocInfo>;
    /// The trash, last deleted first.
    fn doc_list_trash() -> Vec<DocInfo>;
    /// A document, opened for the editor.
    fn doc_open(id: i64) -> DocView;
    /// Saves the editor's text.
    fn doc_save(id: i64, text: DocText, mode: SaveMode) -> SaveOutcome;
    /// Counts, heading numbers and sections, results tables; and the blanks of each of
    /// `lines` (the editor's paragraphs, headings and cells, in its order).
    fn doc_analyze(text: DocText, lines: Vec<String>) -> Analysis;
    /// The 体检 of a text; `style` is the export style it is headed for (公文 also checks dates).
    fn doc_check(text: DocText, style: Option<StyleId>) -> Vec<Finding>;
    /// Full-text search of the library.
    fn doc_search(query: String) -> Vec<SearchHit>;
    /// Moves a document to the trash.
    fn doc_delete(id: i64) -> ();
    /// Brings a document back from the trash.
    fn doc_undelete(id: i64) -> ();
    /// Deletes a document in the trash for good.
    fn doc_purge(id: i64) -> ();
    /// A document's revisions, newest first.
    fn doc_history(id: i64) -> Vec<RevisionInfo>;
    /// The text of one revision.
    fn doc_revision(id: i64, rev: u32) -> DocText;
    /// Makes an old revision the current text (saved as a new revision) and reopens the document.
    fn doc_revert(id: i64, rev: u32) -> DocView;
    /// "New summary from this one": the next period's document, with a review of the old plan.
    fn doc_carry(id: i64) -> DocInfo;
    /// Asks for a .docx, .md or .txt with the native dialog and imports it; null when cancelled.
    fn import_file() -> Option<Imported>;
    /// Imports a file dropped on the window (its name and bytes; no path crosses).
    fn import_data(name: String, bytes: Vec<u8>) -> Imported;
    /// Plain text pasted into a document (`titled`: the document has its title already).
    fn import_paste(text: String, titled: bool) -> Pasted;
    /// An empty results table (指标 / 基线 / 目标 / 实际 / 完成率) of `rows` rows.
    fn results_table(lang: Lang, rows: u8) -> String;
    /// A results table with 完成率 computed from its figures.
    fn results_fill(table: String) -> String;
    /// Pages `from` up to `to` (exclusive; null: to the end) of the PDF the options would
    /// give, as SVG, with the page count. The whole document is laid out, only those pages
    /// drawn; layouts are kept, so asking for the rest right after costs only their drawing.
    fn export_preview(text: DocText, options: ExportOptions, from: u32, to: Option<u32>) -> PreviewPages;
    /// Loads the fonts the options use, ahead of the first preview (the dialog's opening).
    fn export_warm(options: ExportOptions) -> ();
    /// Writes the document where the user chooses in the save dialog; null when cancelled.
    fn export_save(text: DocText, options: ExportOptions, format: Format) -> Option<ExportResult>;
    /// Opens a file this run exported (`open`), or shows it in its folder.
    fn export_reveal(path: String, open: bool) -> ();
    /// Logs a note, dated `date` (ISO) or today.
    fn log_add(text: String, date: Option<String>) -> EntryView;
    /// Changes a note's text (and its day when `date` is given); the old text stays in its history.
    fn log_edit(id: i64, text: String, date: Option<String>) -> EntryView;
    /// Moves a note to the trash (undone by `log_restore`).
    fn log_delete(id: i64) -> ();
    /// Brings a note back from the trash.
    fn log_restore(id: i64) -> EntryView;
    /// A day's notes, newest first (`date` null: today).
    fn log_day(date: Option<String>) -> DayView;
    /// A month of the calendar, Monday first, each day with its count and first lines.
    fn log_month(year: i32, month: u32) -> MonthView;
    /// The week (Monday to Sunday) holding `date` (null: today), day by day.
    fn log_week(date: Option<String>) -> WeekView;
    /// Notes matching every word, `#tag` and `@project` of `query`, newest first.
    fn log_search(query: String) -> Vec<LogHit>;
    /// Tag or project names starting with `prefix`, the most used first (completion).
    fn log_labels(kind: LabelKind, prefix: String) -> Vec<LabelUse>;
    /// The tags, projects and figures of a text being typed (the text is not changed).
    fn log_recognise(text: String) -> Recognised;
    /// A paste of many days split into dated notes for the confirm view; nothing is stored.
    fn log_paste_preview(text: String) -> ImportPreview;
    /// Asks for a file (`folder`: a folder of daily notes) with the native dialog and previews
    /// it for the confirm view; null when cancelled. A CSV/XLSX comes with its columns.
    fn log_import_file_preview(folder: bool) -> Option<FilePreview>;
    /// The picked CSV/XLSX previewed again with the columns chosen.
    fn log_import_table(choice: TableChoice) -> FilePreview;
    /// Stores the confirmed rows as one import (every row dated, or nothing is stored); rows in
    /// the log already are skipped. `from_file`: they came from the picked file, not a paste.
    fn log_import(rows: Vec<ImportRow>, from_file: bool) -> ImportResult;
    /// Undoes an import as a whole (its notes go to the trash); how many.
    fn log_import_undo(batch: i64) -> u32;
    /// Drafts a period's summary (`period` as 2026-Q4, 2026-12…) in a template from the log
    /// and the stored reports, and stores it as a new document.
    fn draft_create(template_id: String, period: String, lang: Option<Lang>) -> DocInfo;
    /// The notes and documents a source marker (`recap:sources/e12,d5`) points at.
    fn sources_of(url: String) -> Vec<SourceView>;
    /// The user's settings.
    fn settings_get() -> Settings;
    /// Changes one setting; the settings after the change.
    fn settings_change(change: SettingsChange) -> Settings;
    /// The store's backups, newest first.
    fn backup_list() -> Vec<BackupInfo>;
    /// Backs the store up now.
    fn backup_create() -> BackupInfo;
    /// Restores one of the store's own backups (the current store is kept aside first).
    fn backup_restore(path: String) -> RestoreOutcome;
    /// The writing assistant's settings, presets, 本机/远程 and where the key is kept.
    fn assistant_settings() -> AssistantView;
    /// Saves the assistant's settings (off cancels every request). Connects nowhere.
    fn assistant_configure(prefs: AssistantPrefs) -> AssistantView;
    /// "Test connection": the models the server at `url` lists. Refused while off.
    fn assistant_test(url: String) -> Vec<String>;
    /// Keeps a key for `url` in the system's keychain (or for this session where there is none).
    fn assistant_set_key(url: String, key: String) -> KeyPlace;
    /// Forgets the key for `url`.
    fn assistant_forget_key(url: String) -> ();
    /// Remembers (or forgets) the consent to send text to `url`.
    fn assistant_consent(url: String, remember: bool) -> AssistantView;
    /// Exactly the request body a task would send, for the consent view. Sends nothing.
    fn assistant_preview(task: AssistantTask, text: String) -> AssistantPreview;
    /// Starts a task on `text`; the job's id. A remote endpoint needs `consent` unless
    /// remembered; `remember` stores it.
    fn assistant_start(task: AssistantTask, text: String, consent: bool, remember: bool) -> u64;
    /// The job's new text after `after` characters (waits up to 0.4 s for some); when done,
    /// the answer with unsupported figures, dates and names marked 【待核实：…】.
    fn assistant_poll(job: u64, after: u32) -> JobView;
    /// Stops a job at once (the connection is dropped; the server stops generating).
    fn assistant_cancel(job: u64) -> ();
    /// The whole document converted to 简体 or 繁體 (OpenCC tables, no model).
    fn convert_script(text: String, to: Script) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoHost;
    use std::sync::Arc;

    fn ws() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let store = recap_core::store::Store::open(dir.path()).unwrap();
        (dir, Workspace::new(Arc::new(store), Arc::new(NoHost)))
    }

    #[test]
    fn dispatch_refuses_what_the_contract_does_not_describe() {
        let (_d, ws) = ws();
        let unknown = dispatch(&ws, "doc_explode", Value::Null).unwrap_err();
        assert_eq!(unknown.code, "bad-request");
        let wrong = dispatch(&ws, "doc_open", serde_json::json!({"id": "seven"})).unwrap_err();
        assert_eq!(wrong.code, "bad-request");
        let extra = dispatch(&ws, "doc_list", serde_json::json!({"all": true})).unwrap_err();
        assert_eq!(extra.code, "bad-request");
        let missing = dispatch(&ws, "doc_open", serde_json::json!({})).unwrap_err();
        assert_eq!(missing.code, "bad-request");
        // An engine refusal keeps the engine's code.
        let gone = dispatch(&ws, "doc_open", serde_json::json!({"id": 42})).unwrap_err();
        assert_eq!(gone.code, "not-found");
        assert_eq!(
            dispatch(&ws, "doc_list", Value::Null).unwrap(),
            serde_json::json!([])
        );
    }

    #[test]
    fn every_operation_is_named_once() {
        let mut names = OPERATIONS.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), OPERATIONS.len());
    }
}
