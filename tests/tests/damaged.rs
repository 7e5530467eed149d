//! A damaged store, the cases the store's own unit tests (crates/core/src/store/tests.rs:
//! whole-file garbage, a file cut to a third, two pages of 0xFF) leave out: an empty file, a
//! header overwritten, one page in the middle overwritten, damage with a `-wal` beside it, and
//! the command line facing each — a clear message, never a panic.
//!
//! Always: the damaged file is kept aside byte for byte (renamed with a timestamp), the
//! newest good backup is restored (or a new empty store made), and the report says so.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use recap_core::Error;
use recap_core::Lang;
use recap_core::store::{DB_FILE, SaveMode, Store};
use std::path::{Path, PathBuf};
use std::process::Command;

const PAGE: usize = 4096;

/// A store with 30 documents (several pages each), a backup, then one more save that is not
/// in the backup. Returns the id of the document changed after the backup.
fn store_with_backup(dir: &Path, backup: bool) -> i64 {
    let s = Store::open(dir).unwrap();
    let filler = "把数据库撑到好几页的正文，含有足够多的汉字。".repeat(300);
    let docs: Vec<String> = (0..30).map(|i| format!("# 文档{i}\n\n{filler}")).collect();
    let first = s.add_many(&docs).unwrap()[0].id;
    if backup {
        // The daily backup at open found no documents; this is the one to restore.
        s.backup_now().unwrap();
    }
    s.save(first, "# 备份之后的改动\n\n不在备份里", SaveMode::Manual)
        .unwrap();
    first
}

/// Checks the report of an open that found `before` damaged; returns the backup used.
fn assert_kept_aside(s: &Store, before: &[u8]) -> (PathBuf, Option<PathBuf>) {
    let report = s.open_report().expect("the damage is reported");
    assert_eq!(report.code(), "store-damaged");
    let Error::StoreDamaged {
        path,
        kept_as,
        restored_from,
    } = report
    else {
        panic!("{report:?}")
    };
    assert_eq!(path, s.path());
    let name = kept_as.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("recap.sqlite3.damaged-20"),
        "kept aside with a timestamp: {name}"
    );
    assert_eq!(
        std::fs::read(kept_as).unwrap(),
        before,
        "the damaged file is kept untouched"
    );
    // The user is told, in their language, what happened and where the file is.
    let msg = report.message(Lang::ZhHans);
    assert!(msg.contains("数据库文件已损坏"), "{msg}");
    assert!(msg.contains(&kept_as.display().to_string()), "{msg}");
    match restored_from {
        Some(b) => assert!(msg.contains("已从备份恢复"), "{msg} / {b:?}"),
        None => assert!(msg.contains("没有可用的备份"), "{msg}"),
    }
    (kept_as.clone(), restored_from.clone())
}

/// Damages the store file of `dir` with `damage`, reopens it, and checks the outcome: with a
/// backup, its 30 documents are back (without the save made after it); without, an empty
/// store that works.
fn damaged_then_opened(damage: impl FnOnce(&Path), backup: bool) {
    let dir = tempfile::tempdir().unwrap();
    let first = store_with_backup(dir.path(), backup);
    let path = dir.path().join(DB_FILE);
    damage(&path);
    let before = std::fs::read(&path).unwrap();
    let s = Store::open(dir.path()).unwrap();
    let (_, restored) = assert_kept_aside(&s, &before);
    if backup {
        assert!(restored.is_some(), "the backup is restored");
        assert_eq!(s.list().unwrap().len(), 30);
        assert_eq!(s.get(first).unwrap().info.title, "文档0");
    } else {
        assert!(restored.is_none());
        assert!(s.list().unwrap().is_empty());
    }
    // The replacement is a working store, and the next open is clean.
    s.add("# 重新开始").unwrap();
    drop(s);
    let s = Store::open(dir.path()).unwrap();
    assert!(s.open_report().is_none(), "{:?}", s.open_report());
    assert_eq!(s.list().unwrap().len(), if backup { 31 } else { 1 });
}

fn overwrite(path: &Path, at: usize, len: usize, byte: u8) {
    let mut bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.len() >= at + len,
        "the store is too small for this damage"
    );
    bytes[at..at + len].fill(byte);
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn damaged_header_is_kept_aside_and_the_backup_restored() {
    // The 100-byte database header, magic string included.
    damaged_then_opened(|p| overwrite(p, 0, 100, b'x'), true);
}

#[test]
fn damaged_page_in_the_middle_is_found_by_the_check() {
    // One whole b-tree or overflow page in the middle of the file: its header and pointers.
    damaged_then_opened(
        |p| {
            let pages = std::fs::metadata(p).unwrap().len() as usize / PAGE;
            assert!(pages > 20, "{pages} pages");
            overwrite(p, (pages / 2) * PAGE, PAGE, 0xA5);
        },
        true,
    );
}

#[test]
fn damaged_store_without_a_backup_becomes_a_new_empty_store() {
    damaged_then_opened(|p| overwrite(p, 0, 16, 0), false);
}

#[test]
fn truncated_mid_page_with_a_stale_wal_is_kept_aside_with_its_wal() {
    let dir = tempfile::tempdir().unwrap();
    store_with_backup(dir.path(), true);
    let path = dir.path().join(DB_FILE);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2 + 123]).unwrap();
    let wal = dir.path().join("recap.sqlite3-wal");
    std::fs::write(&wal, b"not a wal file").unwrap();
    let before = std::fs::read(&path).unwrap();
    let s = Store::open(dir.path()).unwrap();
    let (kept, restored) = assert_kept_aside(&s, &before);
    assert!(restored.is_some());
    let mut kept_wal = kept.into_os_string();
    kept_wal.push("-wal");
    assert_eq!(std::fs::read(kept_wal).unwrap(), b"not a wal file");
    assert_eq!(s.list().unwrap().len(), 30);
}

/// A store file cut to zero bytes (what a crash during a naive save leaves, and what some
/// sync tools leave): SQLite would take it for a new, empty database and the documents would
/// silently vanish while good backups sit beside it.
#[test]
fn zero_byte_store_with_backups_is_damage_not_a_new_store() {
    damaged_then_opened(
        |p| {
            std::fs::File::create(p).unwrap();
        },
        true,
    );
}

#[test]
fn not_a_database_at_all_is_kept_aside() {
    damaged_then_opened(
        |p| std::fs::write(p, "这不是数据库，只是一段文字。\n".repeat(500)).unwrap(),
        true,
    );
}

// ---- the command line ----

fn recap(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(recap_tests::recap_bin().unwrap())
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", "zh-Hans"])
        .args(args)
        .output()
        .unwrap()
}

/// No panic, no backtrace: a person reads this.
fn assert_no_panic(out: &std::process::Output, what: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{what}: {err}");
    assert_ne!(out.status.code(), Some(101), "{what}: a panic exit: {err}");
}

#[test]
fn cli_on_a_damaged_store_never_panics_and_keeps_working() {
    for (name, damage) in [
        (
            "garbage header",
            (|p: &Path| overwrite(p, 0, 100, b'x')) as fn(&Path),
        ),
        ("middle page", |p: &Path| {
            let pages = std::fs::metadata(p).unwrap().len() as usize / PAGE;
            overwrite(p, (pages / 2) * PAGE, PAGE, 0xA5)
        }),
        ("zero bytes", |p: &Path| {
            std::fs::File::create(p).unwrap();
        }),
    ] {
        let dir = tempfile::tempdir().unwrap();
        store_with_backup(dir.path(), true);
        let path = dir.path().join(DB_FILE);
        damage(&path);
        let before = std::fs::read(&path).unwrap();
        let out = recap(dir.path(), &["docs", "list", "--json"]);
        assert_no_panic(&out, name);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            list.as_array().unwrap().len(),
            30,
            "{name}: the backup's documents"
        );
        // The damaged file is still there, untouched, under its new name.
        let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(".damaged-"))
            .filter(|p| {
                !p.to_string_lossy().ends_with("-wal") && !p.to_string_lossy().ends_with("-shm")
            })
            .collect();
        assert_eq!(kept.len(), 1, "{name}: {kept:?}");
        assert_eq!(std::fs::read(&kept[0]).unwrap(), before, "{name}");
    }
}

/// The CLI tells the user too: what happened and where the damaged file is, on stderr.
#[test]
fn cli_tells_the_user_where_the_damaged_file_is() {
    let dir = tempfile::tempdir().unwrap();
    store_with_backup(dir.path(), true);
    overwrite(&dir.path().join(DB_FILE), 0, 100, b'x');
    let out = recap(dir.path(), &["docs", "list"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("数据库文件已损坏"), "{err}");
    assert!(err.contains("recap.sqlite3.damaged-"), "{err}");
}
