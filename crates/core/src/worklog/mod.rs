//! The work log (记录) and drafting from it (从记录生成).
//!
//! - [`entry`]: what a note says besides its words — `#标签`, `@项目`, figures with units.
//! - [`dates`]: a paste of many days split into dated entries; dates from file names and cells.
//! - [`import`]: previews of a paste, a text file, a folder of daily notes, a CSV or an XLSX,
//!   for the confirm view, then stored in one transaction as one import batch.
//! - [`route`]: which template section a note or a report's item belongs to.
//! - [`draft`]: a period's summary drafted from the notes and the stored reports, every item
//!   with its sources, and written as Markdown with a source marker after each item.
//! - [`calendar`]: a month as the calendar shows it.
//!
//! The entries themselves live in the store (`store::entries`).

pub mod calendar;
pub mod dates;
pub mod draft;
pub mod entry;
pub mod import;
pub mod route;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use dates::{PasteProblem, PastedEntry, split_paste};
pub use entry::{FigureToken, LabelKind, Mark, MarkKind, Recognised, recognise};

/// A logged note, as every view shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: i64,
    /// The day the work was done (the user's local date).
    pub date: NaiveDate,
    /// Exactly as the user wrote it.
    pub text: String,
    pub created_at: String,
    pub updated_at: String,
    /// 1 for an entry never edited; each edit adds one (older texts are in its history).
    pub rev: u32,
    pub tags: Vec<String>,
    pub projects: Vec<String>,
    pub figures: Vec<FigureToken>,
    /// Spans to show as tag, project or figure.
    pub marks: Vec<Mark>,
    /// The import that brought it in, if any.
    pub batch_id: Option<i64>,
    /// When it went to the trash; `None` when it is not in the trash.
    pub deleted_at: Option<String>,
}

impl Entry {
    /// An entry from its stored columns, with what its text says recognised.
    #[allow(clippy::too_many_arguments)]
    pub fn from_parts(
        id: i64,
        date: NaiveDate,
        text: String,
        created_at: String,
        updated_at: String,
        rev: u32,
        batch_id: Option<i64>,
        deleted_at: Option<String>,
    ) -> Entry {
        let r = recognise(&text);
        Entry {
            id,
            date,
            text,
            created_at,
            updated_at,
            rev,
            tags: r.tags,
            projects: r.projects,
            figures: r.figures,
            marks: r.marks,
            batch_id,
            deleted_at,
        }
    }
}

/// A new entry: the day of the work and the text as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEntry {
    pub date: NaiveDate,
    pub text: String,
}

/// A change to an entry: a new date, a new text, or both. The old ones go to its history.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryEdit {
    pub date: Option<NaiveDate>,
    pub text: Option<String>,
}

/// One version of an entry, for its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryVersion {
    pub rev: u32,
    pub date: NaiveDate,
    pub text: String,
    /// When this version was written.
    pub saved_at: String,
    pub current: bool,
}

/// The entries of one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayEntries {
    pub date: NaiveDate,
    pub entries: Vec<Entry>,
}

/// A search of the log: every text term AND every tag AND every project, within the dates.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EntryQuery {
    /// Whitespace-separated terms, each a substring of the text (Chinese pairs too).
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub projects: Vec<String>,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// At most this many hits (newest first); 0 means the default, 200.
    #[serde(default)]
    pub limit: usize,
}

impl EntryQuery {
    /// A query from what the user typed in one box: `续约 #客户 @AI` — words with `#` are
    /// tags, with `@` projects, the rest text terms.
    pub fn parse(input: &str) -> EntryQuery {
        let mut q = EntryQuery::default();
        let mut words = Vec::new();
        for w in input.split_whitespace() {
            let r = recognise(w);
            let whole_label = r.marks.len() == 1
                && r.marks[0].start == 0
                && r.marks[0].end == w.chars().count()
                && r.marks[0].kind != MarkKind::Figure;
            if whole_label {
                q.tags.extend(r.tags);
                q.projects.extend(r.projects);
            } else {
                words.push(w);
            }
        }
        q.text = words.join(" ");
        q
    }
}

/// A search result: the entry, and about 40 characters around the first match with the
/// matches' char offsets (as for documents).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryHit {
    pub entry: Entry,
    pub snippet: String,
    pub highlights: Vec<[usize; 2]>,
}

/// A tag or project name with how often it is used, for completion (most used first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelUse {
    pub kind: LabelKind,
    /// As written most recently.
    pub name: String,
    /// Live entries that carry it.
    pub count: u32,
    pub last_date: NaiveDate,
}
