//! Opening a store: the data folder, connection settings, the integrity check, migrations,
//! recovery from a damaged file, and the housekeeping done at each open.

use super::maintenance::{BACKSTOP_PAGES, Maintenance};
use super::{BACKUP_DIR, Clock, DB_FILE, Store, TRASH_DAYS, system_clock, ts};
use crate::error::{Entity, Error, Result};
use chrono::{DateTime, Duration as Days, Utc};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use rusqlite_migration::{M, Migrations};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Versioned schema migrations, oldest first. Never edit a released one: add the next file.
fn migration_list() -> Vec<M<'static>> {
    vec![
        M::up(include_str!("../../migrations/001_init.sql")),
        // The hook indexes the documents already stored (see the file).
        M::up_with_hook(
            include_str!("../../migrations/002_bigram_index.sql"),
            |tx: &rusqlite::Transaction<'_>| Ok(super::search::fill_bigram_index(tx)?),
        ),
        // (003 goes here, before the work log: migrations run in list order.)
        M::up(include_str!("../../migrations/004_worklog.sql")),
    ]
}

/// The schema version this build writes: the number of migrations.
pub(super) const SCHEMA_VERSION: i64 = 3; // 4 once 003 is in the list

pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The data folder: `RECAP_DATA_DIR` when set, else the platform's application data folder
/// (`~/.local/share/recap` on Linux, `~/Library/Application Support/Recap` on macOS,
/// `%APPDATA%\Recap\data` on Windows).
pub fn default_data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("RECAP_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "Recap")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| {
            Error::invalid(
                "data folder",
                "no home folder was found; set RECAP_DATA_DIR to the folder to keep the store in",
            )
        })
}

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

fn migration_error(e: rusqlite_migration::Error) -> OpenFail {
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

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
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

/// Moves a damaged store and its `-wal`/`-shm` files aside, untouched (renamed, never copied
/// over or deleted). Returns the new name of the main file.
fn set_aside(path: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let kept = aside_name(path, "damaged", now);
    std::fs::rename(path, &kept).map_err(|e| Error::io("rename", path, e))?;
    for suffix in ["-wal", "-shm"] {
        let from = companion(path, suffix);
        if from.exists() {
            let to = companion(&kept, suffix);
            std::fs::rename(&from, &to).map_err(|e| Error::io("rename", &from, e))?;
        }
    }
    Ok(kept)
}

/// Whether the store file exists but is empty (0 bytes) while there is something to get
/// back: a backup, or a `-wal` file. SQLite would take such a file for a new database and
/// the documents would silently vanish; it is damage (a file truncated by a crash or a sync
/// tool), recovered like any other. A 0-byte file with neither is a store whose very first
/// open was interrupted (or is running now in another process): nothing was ever in it.
fn is_emptied(dir: &Path, path: &Path) -> bool {
    let empty = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0);
    if !empty {
        return false;
    }
    let wal_has_data = std::fs::metadata(companion(path, "-wal")).is_ok_and(|m| m.len() > 0);
    let has_backup =
        super::backup::list_backups(&dir.join(BACKUP_DIR)).is_ok_and(|b| !b.is_empty());
    wal_has_data || has_backup
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

impl Store {
    /// Opens the store in `dir` (created if missing) with the system clock.
    pub fn open(dir: &Path) -> Result<Store> {
        Store::open_with_clock(dir, system_clock())
    }

    /// Opens the store in [`default_data_dir`].
    pub fn open_default() -> Result<Store> {
        Store::open(&default_data_dir()?)
    }

    /// Opens the store in `dir` with the given clock (tests use a fake one).
    ///
    /// A damaged file is renamed aside (`recap.sqlite3.damaged-YYYYMMDD-HHMMSS`, with its
    /// `-wal`/`-shm`), replaced by the newest sound backup or a new empty store, and reported
    /// through [`Store::open_report`]; the open itself succeeds.
    ///
    /// Then documents trashed more than [`TRASH_DAYS`] ago are purged, and a backup is made if
    /// the store has documents and none was made today (UTC).
    pub fn open_with_clock(dir: &Path, clock: Clock) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
        let path = dir.join(DB_FILE);
        let mut report = None;
        let first_try = if is_emptied(dir, &path) {
            Err(OpenFail::Damaged("the file is empty (0 bytes)".into()))
        } else {
            open_checked(&path)
        };
        let conn = match first_try {
            Ok(conn) => conn,
            Err(OpenFail::Other(e)) => return Err(e),
            Err(OpenFail::Damaged(_)) => {
                let kept_as = set_aside(&path, clock())?;
                let (conn, restored_from) = replace_damaged(dir, &path, &clock)?;
                report = Some(Error::StoreDamaged {
                    path: path.clone(),
                    kept_as,
                    restored_from,
                });
                conn
            }
        };
        let mut store = Store {
            maintenance: None,
            conn: Arc::new(Mutex::new(conn)),
            dir: dir.to_path_buf(),
            path,
            clock,
            report,
            warnings: Vec::new(),
        };
        if let Err(e) = store.purge_old_trash() {
            store.warnings.push(e);
        }
        if let Err(e) = store.daily_backup() {
            store.warnings.push(e);
        }
        store.maintenance = Maintenance::start(store.path.clone(), store.conn.clone());
        if store.maintenance.is_some() {
            // Checkpoints are the thread's; the connection's own only a backstop.
            store
                .conn()
                .pragma_update(None, "wal_autocheckpoint", BACKSTOP_PAGES)?;
        }
        Ok(store)
    }

    /// Opens the store in `dir` for reading only, for a data folder that cannot be written (a
    /// read-only disk or mount, a locked-down share): documents, history, search and export
    /// work; every write fails with the `store-read-only` error. Nothing is created, checked
    /// aside, migrated, purged or backed up, and no background maintenance runs.
    ///
    /// A WAL store on a read-only disk cannot be opened the ordinary way (SQLite would need
    /// to create its `-shm` file), so it is then opened as immutable — which is exact only
    /// when no `-wal` file holds saves: if one does, the open is refused rather than showing
    /// an older text as the current one.
    pub fn open_read_only(dir: &Path) -> Result<Store> {
        let path = dir.join(DB_FILE);
        if !path.is_file() {
            return Err(Error::not_found(Entity::File, path.display()));
        }
        let conn = open_read_only_conn(&path)?;
        if let Some(problem) = quick_check(&conn)? {
            return Err(Error::invalid(
                "store",
                format!(
                    "{} is damaged ({problem}); open it from a writable folder to recover it",
                    path.display()
                ),
            ));
        }
        Ok(Store {
            maintenance: None,
            conn: Arc::new(Mutex::new(conn)),
            dir: dir.to_path_buf(),
            path,
            clock: system_clock(),
            report: None,
            warnings: Vec::new(),
        })
    }

    fn purge_old_trash(&self) -> Result<()> {
        let cutoff = ts(self.now() - Days::days(TRASH_DAYS));
        let conn = self.conn();
        conn.execute(
            "DELETE FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < ?1",
            [cutoff],
        )?;
        Ok(())
    }
}

/// After the damaged file was moved aside: copies the newest sound backup into place, or
/// makes a new empty store. Returns the open connection and the backup used.
fn replace_damaged(
    dir: &Path,
    path: &Path,
    clock: &Clock,
) -> Result<(Connection, Option<PathBuf>)> {
    for backup in super::backup::list_backups(&dir.join(BACKUP_DIR))? {
        if check_file(&backup.path).is_err() {
            continue;
        }
        if super::backup::copy_file_db(&backup.path, path).is_err() {
            remove_store_files(path);
            continue;
        }
        match open_checked(path) {
            Ok(conn) => return Ok((conn, Some(backup.path))),
            Err(OpenFail::Other(e)) => return Err(e),
            Err(OpenFail::Damaged(_)) => {
                // Only our fresh copy of a backup is removed, never the user's file.
                remove_store_files(path);
            }
        }
    }
    match open_checked(path) {
        Ok(conn) => Ok((conn, None)),
        Err(OpenFail::Other(e)) => Err(e),
        // A brand-new file cannot be damaged unless the disk misbehaves: say so plainly.
        Err(OpenFail::Damaged(problem)) => Err(Error::invalid(
            "store",
            format!(
                "a new store at {} fails its check: {problem} ({})",
                path.display(),
                ts(clock())
            ),
        )),
    }
}

/// A read-only connection to `path` (see [`Store::open_read_only`]).
fn open_read_only_conn(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let plain = Connection::open_with_flags(path, flags).and_then(|c| {
        c.busy_timeout(BUSY_TIMEOUT)?;
        // The first read is what needs the `-shm` file.
        c.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        Ok(c)
    });
    let first_error = match plain {
        Ok(c) => return Ok(c),
        Err(e) => e,
    };
    let wal = companion(path, "-wal");
    let wal_has_saves = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    if wal_has_saves {
        return Err(Error::invalid(
            "store",
            format!(
                "{} cannot be read on a read-only disk: its latest saves are still in {} \
                 ({first_error}); copy the data folder to a writable place and open it there",
                path.display(),
                wal.display()
            ),
        ));
    }
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// A path as the path part of an SQLite `file:` URI: every byte other than unreserved ones
/// and `/` percent-encoded, so `?`, `#` and `%` in folder names stay part of the path.
fn uri_path(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for b in abs.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(*b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Removes a store file we made ourselves (a copy being restored) and its companions.
fn remove_store_files(path: &Path) {
    for p in [
        path.to_path_buf(),
        companion(path, "-wal"),
        companion(path, "-shm"),
    ] {
        let _ = std::fs::remove_file(p);
    }
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
