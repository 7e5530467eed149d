//! Work kept off the save path: WAL checkpoints and full-text index merging, done by a
//! background thread.
//!
//! Measured at 10,000 documents, the slow saves were not the saves themselves but work that
//! SQLite hands to whichever commit crosses a mark: the automatic checkpoint (every 1,000 WAL
//! pages: about 4 MB copied into the database file, then synced) and FTS5's automerge (bursts of
//! 64 pages per index level every 64 pages written). So:
//!
//! - The store's connection does not checkpoint by itself (below [`BACKSTOP_PAGES`]); this
//!   thread does, on a connection of its own, which in WAL mode runs beside the writers instead
//!   of inside a commit: once writes pause for [`QUIET`], or every [`FORCE_AFTER_WRITES`] writes
//!   while they do not.
//! - Automerge is off (migration 002). When writes pause, this thread merges index segments a
//!   little at a time ([`MERGE_STEP_PAGES`] per step, one short transaction each, holding the
//!   store's lock so that a save waits for one step at most). When writes never pause, FTS5's
//!   crisis merge (a level reaching 16 segments) still merges inside a write, so the index
//!   stays in shape however the store is used.
//!
//! Durability is unchanged: every commit is synced (`synchronous = FULL`) before it returns,
//! and a checkpoint only copies committed pages. Errors here are not reported: a failed
//! checkpoint or merge is tried again at the next pause, and the backstop bounds the WAL.

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long writes must pause before the thread checkpoints and merges.
const QUIET: Duration = Duration::from_millis(250);
/// While writes do not pause, a checkpoint after this many of them.
const FORCE_AFTER_WRITES: u64 = 32;
/// A WAL longer than this (pages) after a checkpoint is made to start over: see [`checkpoint`].
const RESTART_FRAMES: i64 = 8192;
/// `wal_autocheckpoint` of the store's connection while the thread runs: a commit checkpoints
/// only if the thread cannot keep the WAL shorter (another program keeping a read open).
pub(super) const BACKSTOP_PAGES: i64 = 16_384;
/// Pages of merge work per step and index.
const MERGE_STEP_PAGES: i64 = 32;
/// A guard on the merge steps of one pause (merging stops long before, when nothing is left
/// to merge).
const MAX_MERGE_STEPS: usize = 10_000;

#[derive(Default)]
struct State {
    /// Writes since the thread last took up its work.
    writes: u64,
    last_write: Option<Instant>,
    stop: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Has a write, or the end, come since the thread took up its work?
    fn interrupted(&self) -> bool {
        let st = self.state();
        st.stop || st.writes > 0
    }
}

/// The background thread; stopped and joined when dropped.
pub(super) struct Maintenance {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Maintenance {
    /// Starts the thread for the store file `path`, whose connection is `conn`. `None` when no
    /// thread could be started (the connection then keeps SQLite's own checkpoints).
    pub(super) fn start(path: PathBuf, conn: Arc<Mutex<Connection>>) -> Option<Maintenance> {
        let shared = Arc::new(Shared::default());
        let theirs = shared.clone();
        let thread = std::thread::Builder::new()
            .name("recap-store".into())
            .spawn(move || run(&theirs, &path, &conn))
            .ok()?;
        Some(Maintenance {
            shared,
            thread: Some(thread),
        })
    }

    /// A write was committed.
    pub(super) fn wrote(&self) {
        let mut st = self.shared.state();
        st.writes += 1;
        st.last_write = Some(Instant::now());
        drop(st);
        self.shared.wake.notify_one();
    }
}

impl Drop for Maintenance {
    fn drop(&mut self) {
        self.shared.state().stop = true;
        self.shared.wake.notify_one();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn lock(conn: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    conn.lock().unwrap_or_else(PoisonError::into_inner)
}

fn run(shared: &Shared, path: &Path, conn: &Mutex<Connection>) {
    let mut own: Option<Connection> = None;
    loop {
        // Wait for writes, then for a pause in them (or for enough of them).
        let quiet = {
            let mut st = shared.state();
            let quiet = loop {
                if st.stop {
                    return;
                }
                let Some(last) = st.last_write.filter(|_| st.writes > 0) else {
                    st = shared.wake.wait(st).unwrap_or_else(PoisonError::into_inner);
                    continue;
                };
                let since = last.elapsed();
                if since >= QUIET {
                    break true;
                }
                if st.writes >= FORCE_AFTER_WRITES {
                    break false;
                }
                st = shared
                    .wake
                    .wait_timeout(st, QUIET - since)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            };
            st.writes = 0;
            quiet
        };
        if quiet {
            merge_while_quiet(shared, conn);
        }
        if checkpoint(&mut own, path, conn).is_err() {
            // Opened again next time.
            own = None;
        }
    }
}

/// Merges full-text index segments, one short transaction at a time, until nothing is left
/// worth merging or a write comes.
fn merge_while_quiet(shared: &Shared, conn: &Mutex<Connection>) {
    for _ in 0..MAX_MERGE_STEPS {
        if shared.interrupted() {
            return;
        }
        match merge_step(&mut lock(conn)) {
            Ok(true) => {}
            Ok(false) | Err(_) => return,
        }
    }
}

/// One step of FTS5's incremental merge on each full-text index, merging levels of 4 or more
/// segments (FTS5's `usermerge` default). `true` when there was something to merge.
pub(super) fn merge_step(conn: &mut Connection) -> rusqlite::Result<bool> {
    let tx = conn.transaction()?;
    let mut worked = false;
    for sql in [
        "INSERT INTO doc_fts (doc_fts, rank) VALUES ('merge', ?1)",
        "INSERT INTO doc_bigram (doc_bigram, rank) VALUES ('merge', ?1)",
    ] {
        let before = tx.total_changes();
        tx.prepare_cached(sql)?.execute([MERGE_STEP_PAGES])?;
        // FTS5's documented test: fewer than two changes means there was no work to do.
        worked |= tx.total_changes() - before >= 2;
    }
    tx.commit()?;
    Ok(worked)
}

/// A passive checkpoint on the thread's own connection (opened on first use): it copies
/// committed pages into the database file while writers go on appending to the WAL.
///
/// The WAL starts over only when a write begins with every frame already copied, which a
/// steady stream of writes may never leave time for. So when the WAL has grown long, the few
/// frames written meanwhile are copied while holding the store's lock (this process's writes
/// wait that short while), and the next write starts the WAL over.
fn checkpoint(
    own: &mut Option<Connection>,
    path: &Path,
    conn: &Mutex<Connection>,
) -> rusqlite::Result<()> {
    let c = match own {
        Some(c) => c,
        None => own.insert(open_own(path)?),
    };
    let passive =
        |c: &Connection| c.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get::<_, i64>(1));
    if passive(c)? >= RESTART_FRAMES {
        let _writes_wait = lock(conn);
        passive(c)?;
    }
    Ok(())
}

fn open_own(path: &Path) -> rusqlite::Result<Connection> {
    let c = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    c.busy_timeout(super::file::BUSY_TIMEOUT)?;
    // A checkpoint syncs the WAL before copying and the database file after, as the store's
    // own connection would.
    c.pragma_update(None, "synchronous", "FULL")?;
    Ok(c)
}
