//! Opening a store: the data folder, connection settings, the integrity check, migrations,
//! recovery from a damaged file, and the housekeeping done at each open.

use super::file::{
    BUSY_TIMEOUT, OpenFail, aside_name, check_file, companion, open_checked, quick_check,
};
use super::maintenance::{BACKSTOP_PAGES, Maintenance};
use super::{BACKUP_DIR, Clock, DB_FILE, Store, TRASH_DAYS, system_clock, ts};
use crate::error::{Entity, Error, Result};
use chrono::{DateTime, Duration as Days, Utc};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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
            [&cutoff],
        )?;
        drop(conn);
        // Notes of the work log leave the trash after as long.
        self.purge_entry_trash(&cutoff)?;
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
