//! Backups: consistent copies through SQLite's online backup API, rotated, and restored into
//! the live connection (other connections to the file see the restored data at their next
//! transaction).

use super::file::{BUSY_TIMEOUT, OpenFail, aside_name, check_file, migrate};
use super::{BackupInfo, RestoreOutcome, Store, parse_ts, ts};
use crate::error::{Entity, Error, Result};
use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Backups always kept: the newest ones…
pub const KEEP_NEWEST: usize = 10;
/// …plus the newest of each of the most recent ISO weeks that have a backup.
pub const KEEP_WEEKS: usize = 8;

const PREFIX: &str = "recap-";
const SUFFIX: &str = ".sqlite3";

/// Reads `recap-YYYYMMDD-HHMMSS[-mmm[-n]].sqlite3`: the time and the counter.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, u32)> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let mut parts = stem.split('-');
    let (date, time) = (parts.next()?, parts.next()?);
    if date.len() != 8 || time.len() != 6 {
        return None;
    }
    let mut t = NaiveDateTime::parse_from_str(&format!("{date}{time}"), "%Y%m%d%H%M%S").ok()?;
    if let Some(ms) = parts.next() {
        if ms.len() != 3 {
            return None;
        }
        t += chrono::Duration::milliseconds(ms.parse().ok()?);
    }
    let n = match parts.next() {
        Some(n) => n.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((t.and_utc(), n))
}

/// The backups in `dir`, the newest first. Files not named like a backup are ignored.
pub(super) fn list_backups(dir: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io("read", dir, e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("read", dir, e))?;
        let name = entry.file_name();
        let Some((t, n)) = name.to_str().and_then(parse_name) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        found.push((
            (t, n),
            BackupInfo {
                path: entry.path(),
                created_at: ts(t),
                size: meta.len(),
            },
        ));
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    Ok(found.into_iter().map(|(_, b)| b).collect())
}

/// A backup name for `now` not yet taken in `dir`.
fn free_name(dir: &Path, now: DateTime<Utc>) -> PathBuf {
    let base = format!("{PREFIX}{}", now.format("%Y%m%d-%H%M%S"));
    let plain = dir.join(format!("{base}{SUFFIX}"));
    if !plain.exists() {
        return plain;
    }
    let base = format!("{base}-{:03}", now.timestamp_subsec_millis().min(999));
    let mut candidate = dir.join(format!("{base}{SUFFIX}"));
    let mut n = 1;
    while candidate.exists() {
        candidate = dir.join(format!("{base}-{n}{SUFFIX}"));
        n += 1;
    }
    candidate
}

fn busy(what: &str) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some(format!("{what}: the store stayed busy")),
    )
}

/// Copies all of `src` into `dst` in one step (one read transaction on the source, so the copy
/// is consistent), waiting up to the busy timeout for locks.
fn copy_conn(src: &Connection, dst: &mut Connection) -> rusqlite::Result<()> {
    let backup = Backup::new(src, dst)?;
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ => {
                if Instant::now() >= deadline {
                    return Err(busy("backup"));
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
    }
}

fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Writes a consistent copy of `src` to `dst` (which must not exist): first to a temporary
/// name beside it, then renamed, so a half-made copy never looks like a backup. The copy is a
/// plain rollback-journal database (no `-wal` file appears next to it when it is opened).
fn write_copy(src: &Connection, dst: &Path) -> Result<()> {
    let mut tmp = dst.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let _ = std::fs::remove_file(&tmp);
    let result = (|| -> rusqlite::Result<()> {
        let mut out = Connection::open(&tmp)?;
        copy_conn(src, &mut out)?;
        out.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
        out.close().map_err(|(_, e)| e)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    std::fs::rename(&tmp, dst).map_err(|e| Error::io("rename", &tmp, e))
}

/// Copies the database file `src` to the new file `dst` through the backup API.
pub(super) fn copy_file_db(src: &Path, dst: &Path) -> Result<()> {
    let src = open_read_only(src)?;
    write_copy(&src, dst)
}

impl Store {
    /// Makes a backup now, then rotates the backups.
    pub fn backup_now(&self) -> Result<BackupInfo> {
        let dir = self.backup_dir();
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
        let now = self.now();
        let path = free_name(&dir, now);
        {
            let conn = self.conn();
            write_copy(&conn, &path)?;
        }
        let size = std::fs::metadata(&path)
            .map_err(|e| Error::io("read", &path, e))?
            .len();
        let created_at = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(parse_name)
            .map_or_else(|| ts(now), |(t, _)| ts(t));
        // A failed rotation leaves extra backups behind, which is harmless.
        let _ = rotate(&dir, &path);
        Ok(BackupInfo {
            path,
            created_at,
            size,
        })
    }

    /// The backups, the newest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        list_backups(&self.backup_dir())
    }

    /// Replaces the store's content with a backup's. The backup is checked first (a damaged one
    /// is refused and nothing changes); the current content is kept aside as
    /// `recap.sqlite3.before-restore-YYYYMMDD-HHMMSS`. Works while other programs have the
    /// store open: they see the restored content at their next read.
    pub fn restore(&self, backup: &Path) -> Result<RestoreOutcome> {
        if !backup.is_file() {
            return Err(Error::not_found(Entity::Backup, backup.display()));
        }
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same(backup, &self.path) {
            return Err(Error::invalid(
                "backup",
                "this is the store itself, not a backup",
            ));
        }
        check_file(backup).map_err(|why| {
            Error::invalid(
                "backup",
                format!(
                    "{} cannot be restored, it is damaged or not a Recap backup: {why}",
                    backup.display()
                ),
            )
        })?;
        let kept = aside_name(&self.path, "before-restore", self.now());
        let mut conn = self.conn();
        write_copy(&conn, &kept)?;
        let src = open_read_only(backup)?;
        copy_conn(&src, &mut conn)?;
        drop(src);
        // A backup from an older version gets the newer schema.
        migrate(&mut conn).map_err(|e| match e {
            OpenFail::Other(e) => e,
            OpenFail::Damaged(why) => Error::invalid("backup", why),
        })?;
        drop(conn);
        self.wrote();
        Ok(RestoreOutcome {
            kept_current_as: kept,
        })
    }

    /// The automatic backup at open: once a day (UTC), when there is something to keep.
    pub(super) fn daily_backup(&self) -> Result<()> {
        let has_docs: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM entries)",
            [],
            |r| r.get(0),
        )?;
        if !has_docs {
            return Ok(());
        }
        let today = self.now().date_naive();
        let done_today = self
            .backups()?
            .iter()
            .any(|b| parse_ts(&b.created_at).is_some_and(|t| t.date_naive() == today));
        if !done_today {
            self.backup_now()?;
        }
        Ok(())
    }
}

/// Keeps the newest [`KEEP_NEWEST`] backups and the newest of each of the [`KEEP_WEEKS`] most
/// recent ISO weeks; removes the others (never `just_made`).
fn rotate(dir: &Path, just_made: &Path) -> Result<()> {
    let all = list_backups(dir)?;
    let mut weeks: Vec<(i32, u32)> = Vec::new();
    for (i, b) in all.iter().enumerate() {
        let week = parse_ts(&b.created_at).map(|t| (t.iso_week().year(), t.iso_week().week()));
        let newest_of_week = match week {
            Some(w) if !weeks.contains(&w) && weeks.len() < KEEP_WEEKS => {
                weeks.push(w);
                true
            }
            _ => false,
        };
        if i < KEEP_NEWEST || newest_of_week || b.path == just_made {
            continue;
        }
        std::fs::remove_file(&b.path).map_err(|e| Error::io("remove", &b.path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_backup_names_parse() {
        let (t, n) = parse_name("recap-20260301-080000.sqlite3").unwrap();
        assert_eq!((ts(t).as_str(), n), ("2026-03-01T08:00:00.000Z", 0));
        let (t, n) = parse_name("recap-20260301-080000-123-2.sqlite3").unwrap();
        assert_eq!((ts(t).as_str(), n), ("2026-03-01T08:00:00.123Z", 2));
        assert!(parse_name("recap-2026-x.sqlite3").is_none());
        assert!(parse_name("recap-20260301-080000.sqlite3.tmp").is_none());
        assert!(parse_name("notes.sqlite3").is_none());
    }
}
