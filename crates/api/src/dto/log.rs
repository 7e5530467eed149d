//! The work log (记录) as the UI sees it: entries with what their text says (tags, projects,
//! figures as spans to show), days, weeks and months of the calendar, search hits, the confirm
//! view of a paste, and where a drafted item came from. Dates cross as ISO strings
//! (`2026-12-03`); offsets into a text are UTF-16 units (what the page counts in).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum LabelKind {
    Tag,
    Project,
}

impl From<LabelKind> for recap_core::worklog::LabelKind {
    fn from(k: LabelKind) -> Self {
        match k {
            LabelKind::Tag => recap_core::worklog::LabelKind::Tag,
            LabelKind::Project => recap_core::worklog::LabelKind::Project,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum MarkKind {
    Tag,
    Project,
    Figure,
}

/// A span of an entry's text to show as a tag, a project or a figure: `[start, end)` in UTF-16
/// units, the sign of a label included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MarkSpan {
    pub kind: MarkKind,
    pub start: u32,
    pub end: u32,
}

/// What a text says besides its words, for the chips under the box while typing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Recognised {
    pub tags: Vec<String>,
    pub projects: Vec<String>,
    /// Figures exactly as written ("1,860 万元", "92.9%").
    pub figures: Vec<String>,
    pub marks: Vec<MarkSpan>,
}

/// A logged note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EntryView {
    #[ts(type = "number")]
    pub id: i64,
    pub date: String,
    /// Exactly as the user wrote it.
    pub text: String,
    pub created_at: String,
    pub updated_at: String,
    pub rev: u32,
    pub recognised: Recognised,
    #[ts(type = "number | null")]
    pub batch_id: Option<i64>,
}

/// One day of the log, its entries newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DayView {
    pub date: String,
    /// "12月3日 周四", "Thu 3 Dec".
    pub label: String,
    pub today: bool,
    pub entries: Vec<EntryView>,
}

/// A day of the month calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CalendarCell {
    pub date: String,
    pub day: u32,
    pub in_month: bool,
    pub today: bool,
    pub count: u32,
    /// The first line of its first entries (at most two), for a glance.
    pub first_lines: Vec<String>,
    /// What a screen reader says of the day ("12月3日 周四，3 条记录").
    pub label: String,
}

/// A month of the calendar, Monday first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MonthView {
    pub year: i32,
    pub month: u32,
    /// "2026年12月", "December 2026".
    pub label: String,
    /// The weekdays' short names, Monday first.
    pub weekdays: Vec<String>,
    pub weeks: Vec<Vec<CalendarCell>>,
    /// "本月 12 条记录，分布在 5 天".
    pub summary: String,
}

/// The week holding a day, Monday to Sunday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WeekView {
    pub start: String,
    pub end: String,
    /// "2026年第49周（11月30日—12月6日）".
    pub label: String,
    pub days: Vec<DayView>,
}

/// A search hit: the entry, a snippet around the first match, the matches in the snippet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LogHit {
    pub entry: EntryView,
    pub day_label: String,
    pub snippet: String,
    /// `[start, end)` in UTF-16 units of `snippet`.
    pub highlights: Vec<[u32; 2]>,
}

/// A tag or project name for completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LabelUse {
    pub kind: LabelKind,
    pub name: String,
    pub count: u32,
}

/// Whether the log holds a pasted entry already.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum RowStatus {
    New,
    /// In the log already: importing skips it.
    Duplicate,
    /// Imported before and deleted since: importing takes it out of the trash.
    InTrash,
}

/// A row of the confirm view of a paste or file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportRowView {
    /// Null: undated, the user must give a date before anything is stored.
    pub date: Option<String>,
    pub text: String,
    /// "第 3 行", "2026-11-02.md".
    pub origin: String,
    /// The date as written in the source.
    pub lead: Option<String>,
    /// What the row needs from the user, in their language.
    pub problem: Option<String>,
    pub needs_date: bool,
    pub status: RowStatus,
}

/// The confirm view: nothing is stored yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPreview {
    /// "paste", "text", "folder", "csv", "xlsx".
    pub kind: String,
    pub source: String,
    pub rows: Vec<ImportRowView>,
    /// Parts of the source that are no entry, each with why.
    pub skipped: Vec<String>,
    pub notes: Vec<String>,
    /// "12 条新记录，2 条已在记录中，1 条没有日期".
    pub summary: String,
}

/// A row as the user confirmed it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ImportRow {
    pub date: Option<String>,
    pub text: String,
    #[serde(default)]
    pub origin: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportResult {
    /// Null when nothing was added (everything was in the log already): nothing to undo.
    #[ts(type = "number | null")]
    pub batch_id: Option<i64>,
    pub added: u32,
    pub restored: u32,
    pub skipped: u32,
    /// "导入 12 条，跳过 2 条已在记录中的".
    pub message: String,
}

/// One source of a drafted item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SourceView {
    Entry {
        #[ts(type = "number")]
        id: i64,
        date: String,
        day_label: String,
        text: String,
        /// In the trash since the draft was made.
        deleted: bool,
    },
    Document {
        #[ts(type = "number")]
        id: i64,
        title: String,
        period: Option<String>,
    },
    /// Named by the marker but gone from the store.
    Missing { what: String },
}

/// Which columns of a CSV or XLSX hold the date and the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TableChoice {
    /// XLSX: the sheet (null: the first).
    pub sheet: Option<String>,
    /// The first row holds column names.
    pub header: bool,
    /// 0-based.
    pub date_column: u32,
    /// 0-based; several are joined.
    pub text_columns: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ColumnView {
    pub index: u32,
    /// Its name in the header row, else "A", "B"…
    pub name: String,
    /// How many of the first rows read as a date.
    pub dates: u32,
}

/// A table's sheets, columns and first rows, for the column choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportTable {
    pub sheets: Vec<String>,
    pub columns: Vec<ColumnView>,
    pub rows: Vec<Vec<String>>,
    pub total_rows: u32,
    /// The choice the preview was made with (the engine's guess at first).
    pub choice: TableChoice,
}

/// The preview of a file or folder the user picked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FilePreview {
    pub preview: ImportPreview,
    /// A CSV or XLSX: its columns, to choose from.
    pub table: Option<ImportTable>,
}
