//! The database file itself: opening it checked (quick_check, a damaged file told apart from a
//! busy one), the versioned schema migrations, and the names of files set aside. Opening the
//! store, backups and maintenance all build on it; it builds on none of them.

use crate::error::Error;
use chrono::{DateTime, Utc};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use rusqlite_migration::{M, Migrations};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Versioned schema migrations, oldest first. Never edit a released one: add the next file.
pub(super) fn migration_list() -> Vec<M<'static>> {
    vec![
        M::up(include_str!("../../migrations/001_init.sql")),
        // The hook indexes the documents already stored (see the file).
        M::up_with_hook(
            include_str!("../../migrations/002_bigram_index.sql"),
            |tx: &rusqlite::Transaction<'_>| Ok(super::search::fill_bigram_index(tx)?),
        ),
        M::up_with_hook(
            include_str!("../../migrations/003_document_period.sql"),
            |tx: &rusqlite::Transaction<'_>| Ok(super::documents::fill_periods(tx)?),
        ),
        M::up(include_str!("../../migrations/004_worklog.sql")),
    ]
}

/// The schema version this build writes: the number of migrations.
pub(super) const SCHEMA_VERSION: i64 = 4;

pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Why a file could not be opened as a store.
pub(super) enum OpenFail {
    /// The file is not a database or fails the integrity check.
    Damaged(String),
    Other(Error),
}

impl From<rusqlite::Error> for OpenFail {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                OpenFail::Damaged(e.to_string())
            }
            _ => OpenFail::Other(Error::Db(e)),
        }
    }
}

pub(super) fn migration_error(e: rusqlite_migration::Error) -> OpenFail {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => OpenFail::from(err),
        other => OpenFail::Other(Error::Migration(other.to_string())),
    }
}

/// Runs `PRAGMA quick_check`: `Ok(None)` when the file is sound, `Ok(Some(problem))` when not.
pub(super) fn quick_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if rows.len() == 1 && rows[0] == "ok" {
        None
    } else {
        Some(rows.join("; "))
    })
}

pub(super) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Opens (creating if missing) the store file, checks it and brings its schema up to date.
/// Nothing is written to a file that turns out damaged: the check runs before any write, and
/// the closing checkpoint is off until the check passed.
pub(super) fn open_checked(path: &Path) -> std::result::Result<Connection, OpenFail> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if let Some(problem) = quick_check(&conn)? {
        return Err(OpenFail::Damaged(problem));
    }
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(OpenFail::Other(Error::invalid(
            "journal mode",
            format!("the store could not switch to WAL (got {mode})"),
        )));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Every transaction takes the write lock at BEGIN, so two processes never deadlock on a
    // read lock upgrade; the busy timeout makes the second one wait its turn.
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    // The save and search statements are cached (search has one per shape of query).
    conn.set_prepared_statement_cache_capacity(64);
    migrate(&mut conn)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
    Ok(conn)
}

/// Brings the schema to [`SCHEMA_VERSION`]. Two processes opening a new store at once may
/// both try; the loser finds the work done.
pub(super) fn migrate(conn: &mut Connection) -> std::result::Result<(), OpenFail> {
    let migrations = Migrations::new(migration_list());
    let mut attempt = 0;
    loop {
        match migrations.to_latest(conn) {
            Ok(()) => return Ok(()),
            Err(_) if user_version(conn)? == SCHEMA_VERSION => return Ok(()),
            Err(e) if attempt >= 2 => return Err(migration_error(e)),
            Err(_) => attempt += 1,
        }
    }
}

/// A free name `<file name>.<tag>-YYYYMMDD-HHMMSS[-n]` beside `path`, checked also for the
/// `-wal` and `-shm` companions.
pub(super) fn aside_name(path: &Path, tag: &str, now: DateTime<Utc>) -> PathBuf {
    let base = format!(
        "{}.{tag}-{}",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        now.format("%Y%m%d-%H%M%S")
    );
    let taken =
        |p: &Path| p.exists() || companion(p, "-wal").exists() || companion(p, "-shm").exists();
    let mut candidate = path.with_file_name(&base);
    let mut n = 1;
    while taken(&candidate) {
        candidate = path.with_file_name(format!("{base}-{n}"));
        n += 1;
    }
    candidate
}

/// `path` with `suffix` appended to its file name (`x.sqlite3` → `x.sqlite3-wal`).
pub(super) fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Opens a file read-only and runs the integrity check; `Err` says why it is not a usable
/// store (a rusqlite error or the check's findings).
pub(super) fn check_file(path: &Path) -> std::result::Result<(), String> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| e.to_string())?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| e.to_string())?;
    if let Some(problem) = quick_check(&conn).map_err(|e| e.to_string())? {
        return Err(problem);
    }
    let v = user_version(&conn).map_err(|e| e.to_string())?;
    if v > SCHEMA_VERSION {
        return Err(format!(
            "it was written by a newer Recap (schema {v}, this one knows up to {SCHEMA_VERSION})"
        ));
    }
    let has_documents: bool = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'documents'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(|e| e.to_string())?
        == 1;
    if !has_documents {
        return Err("it is not a Recap store".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn store_schema_version_counts_the_migrations() {
        assert_eq!(super::SCHEMA_VERSION, super::migration_list().len() as i64);
        assert!(
            rusqlite_migration::Migrations::new(super::migration_list())
                .validate()
                .is_ok()
        );
    }
}
