//! The local store: one SQLite file, `recap.sqlite3`, in the data folder.
//!
//! It holds the documents (Markdown text plus derived metadata), every revision, the trash,
//! settings, user templates and snippets, and two full-text indexes (trigrams, and single
//! characters and pairs for shorter terms). Backups are consistent
//! copies made through SQLite's online backup API into `<data>/backups/`.
//!
//! The desktop app and the `recap` command may have the same file open at once: every write is
//! one `BEGIN IMMEDIATE` transaction, the journal is WAL, and a busy file is waited on for 5 s.
//!
//! A [`Store`] is `Send + Sync` (its connection sits behind a mutex), so the desktop shell can
//! keep one in its shared state.
//!
//! Submodules: `open` (opening, checks, damage recovery), `documents`
//! (documents, revisions, trash), `search`, `backup`, `settings` (settings, user templates
//! and snippets) and `maintenance` (checkpoints and index merging, on a background thread).

mod backup;
mod documents;
mod drafts;
mod entries;
mod file;
mod maintenance;
mod open;
mod search;
mod settings;
mod templates;

#[cfg(test)]
mod tests;

use crate::error::Error;
use crate::kind::Kind;
use crate::period::Period;
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

pub use open::default_data_dir;

/// The store's file name inside the data folder.
pub const DB_FILE: &str = "recap.sqlite3";
/// The folder, inside the data folder, that holds the backups.
pub const BACKUP_DIR: &str = "backups";
/// Bodies larger than this are refused with [`Error::TooLarge`].
pub const MAX_BODY_BYTES: u64 = 20 * 1024 * 1024;
/// An automatic save within this many seconds of the creation of the current automatic
/// revision updates that revision instead of adding one.
pub const COALESCE_SECS: i64 = 120;
/// Documents trashed longer ago than this are purged when a store is opened.
pub const TRASH_DAYS: i64 = 30;
/// Title of a document that has none.
pub const UNTITLED: &str = "未命名";

/// Where the store gets the current time from. Tests inject a fake one.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The system clock.
pub fn system_clock() -> Clock {
    Arc::new(Utc::now)
}

/// How a save was triggered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SaveMode {
    /// The editor saving by itself: coalesced into the current automatic revision when that
    /// was created less than [`COALESCE_SECS`] ago.
    Auto,
    /// The user asked to save: always a new revision (when the text changed).
    Manual,
}

/// A document's metadata, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocInfo {
    pub id: i64,
    pub title: String,
    /// The kind the front matter names (`annual`, `weekly`…), if it names one.
    pub kind: Option<Kind>,
    /// The template id, if the front matter names one.
    pub template: Option<String>,
    /// The period the front matter names, if it names one.
    pub period: Option<Period>,
    pub created_at: String,
    pub updated_at: String,
    pub chinese_chars: u32,
    /// The current revision number (1 for a new document).
    pub rev: u32,
    /// When the document was moved to the trash; `None` when it is not in the trash.
    pub deleted_at: Option<String>,
}

/// A document with its current text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDoc {
    #[serde(flatten)]
    pub info: DocInfo,
    /// The Markdown text, front matter included, exactly as saved.
    pub body: String,
}

/// The result of a save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveOutcome {
    pub id: i64,
    /// The current revision after the save.
    pub rev: u32,
    /// `false` when the text was identical to the current one (nothing was written).
    pub changed: bool,
    /// The document's title after the save, as the library lists it.
    pub title: String,
    /// When the current text was saved (the previous save's time when nothing changed).
    pub saved_at: String,
}

/// One entry of a document's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionInfo {
    pub rev: u32,
    /// The last time this revision was written (automatic saves may update it in place).
    pub saved_at: String,
    pub chinese_chars: u32,
    /// Made by an automatic save.
    pub auto: bool,
}

/// A search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: i64,
    pub title: String,
    /// About 40 characters of the document's plain text around the first match, whitespace
    /// runs folded into one space; starts or ends with `…` when cut.
    pub snippet: String,
    /// `[start, end)` character (not byte) offsets of the matches within `snippet`, sorted and
    /// not overlapping.
    pub highlights: Vec<[usize; 2]>,
}

/// A backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// From the file name (UTC), RFC 3339.
    pub created_at: String,
    /// Bytes.
    pub size: u64,
}

/// The result of [`Store::restore`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreOutcome {
    /// Where the text of the store before the restore was kept.
    pub kept_current_as: PathBuf,
}

/// A template the user made or changed, as the JSON the template module writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserTemplate {
    pub id: String,
    pub data: serde_json::Value,
    pub created_at: String,
    pub updated_at: String,
}

/// A reusable passage of text the user saved for a section of a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    pub id: i64,
    pub template_id: String,
    pub section: String,
    pub lang: String,
    pub text: String,
    pub created_at: String,
}

/// The local store. See the [module documentation](self).
pub struct Store {
    /// Declared first, so dropped (its thread stopped) before the connection closes.
    maintenance: Option<maintenance::Maintenance>,
    conn: Arc<Mutex<Connection>>,
    dir: PathBuf,
    path: PathBuf,
    clock: Clock,
    report: Option<Error>,
    warnings: Vec<Error>,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("report", &self.report)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// The SQLite file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The data folder (the SQLite file and `backups/` are in it).
    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    /// What happened at open that the user must be told: `Some(Error::StoreDamaged{..})` when
    /// the file was damaged, kept aside and replaced by a backup or a new empty store.
    pub fn open_report(&self) -> Option<&Error> {
        self.report.as_ref()
    }

    /// Things that went wrong at open without stopping it (the daily automatic backup or the
    /// trash purge failed). Worth a log line, not a dialog.
    pub fn open_warnings(&self) -> &[Error] {
        &self.warnings
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves no transaction open (Transaction rolls back
        // on drop), so the connection is still usable.
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Tells the background maintenance that a write was committed.
    fn wrote(&self) {
        if let Some(m) = &self.maintenance {
            m.wrote();
        }
    }

    fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    fn backup_dir(&self) -> PathBuf {
        self.dir.join(BACKUP_DIR)
    }
}

/// The store's text form of a time.
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// SQLite integers to the API's u32, saturating (they never get near the limit).
fn to_u32(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}
