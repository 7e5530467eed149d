//! Crash harness: a process saving the same document over and over is killed with SIGKILL at
//! random moments, 200 times through the store API (`recap-save-loop`) and 200 times through
//! the command line (`recap docs save ID FILE`). After every kill the store must hold exactly
//! one whole version — the last acknowledged one or the one in flight, never a mix, never
//! empty — pass `PRAGMA integrity_check`, and have a consistent history.
//!
//! Replay a failure with the seed it prints: `RECAP_TEST_SEED=… cargo test -p recap-tests
//! --test crash`. `RECAP_CRASH_KILLS` changes the number of kills (default 200).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use recap_core::store::Store;
use recap_tests::{Rng, crash_body, crash_version};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn kills() -> usize {
    std::env::var("RECAP_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200)
}

/// A store holding version 0 of the crash document; returns its id.
fn new_store(dir: &Path, seed: u64) -> i64 {
    let store = Store::open(dir).unwrap();
    store.add(&crash_body(seed, 0)).unwrap().id
}

/// What the store held after a kill.
struct Seen {
    version: u64,
    revisions: usize,
}

/// Opens the store as the next run of the app would, and checks everything the crash may
/// have broken. `acked` is the newest version a save acknowledged; `prev_revisions` the
/// history length seen after the previous kill.
fn check_after_kill(dir: &Path, id: i64, seed: u64, acked: u64, prev_revisions: usize) -> Seen {
    let path = dir.join(recap_core::store::DB_FILE);
    // The whole file, not only what the product's quick_check looks at.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let result: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(result, "ok", "integrity_check after a kill (seed {seed})");
    }
    let store = Store::open(dir).unwrap();
    assert!(
        store.open_report().is_none(),
        "a kill must never leave a store that open() finds damaged: {:?} (seed {seed})",
        store.open_report()
    );
    let doc = store.get(id).unwrap();
    assert!(!doc.body.is_empty(), "the document is empty (seed {seed})");
    let version = crash_version(&doc.body).unwrap_or_else(|| {
        panic!(
            "the document is not one whole version: starts {:?} (seed {seed})",
            doc.body.chars().take(40).collect::<String>()
        )
    });
    assert!(
        version == acked || version == acked + 1,
        "version {version} after acknowledged {acked}: a save was lost or invented (seed {seed})"
    );
    // Byte for byte the text that was saved: never a mix of two versions, never cut short.
    assert!(
        doc.body == crash_body(seed, version),
        "version {version} does not read back exactly as saved (seed {seed})"
    );

    // History: one revision per version, numbered 1..=rev, the newest is the document's text.
    let history = store.history(id).unwrap();
    let rev = doc.info.rev as usize;
    assert_eq!(
        rev as u64,
        version + 1,
        "revision number of version {version}"
    );
    assert_eq!(history.len(), rev, "history length");
    assert!(
        history.len() >= prev_revisions,
        "history shrank from {prev_revisions} to {} (seed {seed})",
        history.len()
    );
    let numbers: Vec<u32> = history.iter().map(|r| r.rev).collect();
    let expected: Vec<u32> = (1..=rev as u32).rev().collect();
    assert_eq!(numbers, expected, "revision numbers");
    assert!(store.revision(id, doc.info.rev).unwrap() == doc.body);
    if rev > 1 {
        let older = store.revision(id, doc.info.rev - 1).unwrap();
        assert_eq!(
            crash_version(&older),
            Some(version - 1),
            "previous revision"
        );
    }
    Seen {
        version,
        revisions: history.len(),
    }
}

/// Reads a child's standard output on a thread: every line, as it comes.
fn lines_of(child: &mut Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Kills `child` (SIGKILL on Unix) after `delay`, unless it ended first. True when it was
/// killed while still running.
fn kill_after(child: &mut Child, delay: Duration) -> bool {
    let deadline = Instant::now() + delay;
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if Instant::now() >= deadline {
            break;
        }
        std::thread::sleep(Duration::from_micros(500).min(delay));
    }
    // `Child::kill` sends SIGKILL on Unix: no destructor, no flush, no atexit runs.
    let killed = child.kill().is_ok();
    let status = child.wait().unwrap();
    killed && !status.success()
}

#[test]
fn sigkill_during_store_api_saves_never_loses_or_mixes_a_version() {
    let seed = Rng::seed_from_env();
    println!("crash (store API): seed {seed}");
    let mut rng = Rng::new(seed);
    let dir = tempfile::tempdir().unwrap();
    let id = new_store(dir.path(), seed);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_recap-save-loop"));

    let (mut acked, mut revisions) = (0u64, 1usize);
    let (mut killed, mut acks_total) = (0, 0u64);
    while killed < kills() {
        let mut child = Command::new(&bin)
            .arg(dir.path())
            .arg(id.to_string())
            .arg(seed.to_string())
            .arg((acked + 1).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let lines = lines_of(&mut child);
        // Most kills land among the saves, after the open; some during the open too.
        if rng.below(8) != 0 {
            let opened = lines.recv_timeout(Duration::from_secs(30));
            assert_eq!(opened.as_deref(), Ok("open"), "the save loop did not start");
        }
        let mut take_ack = |line: &str| {
            let n: u64 = line.strip_prefix("ack ")?.parse().unwrap();
            assert_eq!(n, acked + 1, "acknowledgements come in order");
            acked = n;
            acks_total += 1;
            Some(n)
        };
        // Most kills land within the first save or two. One run in twenty is killed only
        // after it acknowledged a save, so kills also land after acknowledged saves however
        // slow this machine's fsync is at the moment (a fixed 1 s window once saw none on a
        // CI run whose fsyncs waited on the writeback of the freshly linked binaries).
        if rng.below(20) == 0 {
            loop {
                let line = lines
                    .recv_timeout(Duration::from_secs(60))
                    .unwrap_or_else(|e| {
                        panic!("no save acknowledged in a minute: {e} (seed {seed})")
                    });
                if take_ack(&line).is_some() {
                    break;
                }
            }
        }
        let delay = Duration::from_micros(rng.below(150_000));
        let was_running = kill_after(&mut child, delay);
        assert!(was_running, "the save loop ended by itself (seed {seed})");
        killed += 1;
        // Every acknowledgement printed before the kill is in the pipe; the reader ends at EOF.
        for line in lines.iter() {
            take_ack(&line);
        }
        let seen = check_after_kill(dir.path(), id, seed, acked, revisions);
        acked = seen.version;
        revisions = seen.revisions;
    }
    println!(
        "crash (store API): {killed} kills, {acks_total} acknowledged saves, last version {acked}"
    );
    assert!(acks_total > 0, "no save ever completed between kills");
}

#[test]
fn sigkill_during_cli_docs_save_never_loses_or_mixes_a_version() {
    let seed = Rng::seed_from_env() ^ 0xC11;
    println!("crash (recap docs save): seed {seed}");
    let mut rng = Rng::new(seed);
    let bin = recap_tests::recap_bin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = new_store(&data, seed);
    let file = dir.path().join("next.md");
    let save = |version: u64| {
        std::fs::write(&file, crash_body(seed, version)).unwrap();
        let mut cmd = Command::new(&bin);
        cmd.arg("--data-dir")
            .arg(&data)
            .args(["--lang", "zh-Hans", "docs", "save", &id.to_string()])
            .arg(&file)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    };

    // How long one whole save takes here: the window the kill is drawn from (only a tuning;
    // nothing is asserted about time). The median of five, as one save waiting on a busy
    // disk would otherwise set a window most saves finish inside.
    let mut took = Vec::new();
    let mut acked = 0u64;
    for _ in 0..5 {
        let started = Instant::now();
        let out = save(acked + 1).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        took.push(started.elapsed());
        acked += 1;
    }
    took.sort();
    let mut window = took[2].mul_f32(1.3);

    let mut revisions = acked as usize + 1;
    let (mut killed, mut finished) = (0, 0);
    let mut runs = 0;
    while killed < kills() {
        runs += 1;
        assert!(
            runs < kills() * 10,
            "the kill never landed while a save ran (seed {seed})"
        );
        let mut child = save(acked + 1).spawn().unwrap();
        let delay = window.mul_f64(rng.below(1000) as f64 / 1000.0);
        // The window follows the machine's speed: it narrows when a save beats the kill and
        // widens a little with each kill, so about one run in twelve finishes first.
        if kill_after(&mut child, delay) {
            killed += 1;
            window = window.mul_f64(1.02);
        } else {
            window = window.mul_f64(0.8).max(Duration::from_millis(1));
            // It finished first: a success is an acknowledgement (stdout holds the revision).
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "recap docs save failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let rev: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
            assert_eq!(rev, acked + 2, "the printed revision");
            acked += 1;
            finished += 1;
        }
        let seen = check_after_kill(&data, id, seed, acked, revisions);
        acked = seen.version;
        revisions = seen.revisions;
    }
    println!(
        "crash (recap docs save): {killed} kills, {finished} saves finished first, last version {acked}"
    );
}
