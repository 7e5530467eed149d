//! I/O faults: a full disk, a read-only data folder, a missing one, and backups taken while
//! saves run.
//!
//! The disk tests mount a small tmpfs (`recap_tests::disk`), which needs root; run as another
//! user they print why they skip.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use recap_core::Lang;
use recap_core::store::{DB_FILE, SaveMode, Store};
use recap_tests::disk::{Tmpfs, fill};
use recap_tests::{crash_body, crash_version};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

#[test]
fn full_disk_save_fails_clearly_keeps_the_old_text_and_works_after_space_returns() {
    let Some(fs) = Tmpfs::mount("2m") else { return };
    let data = fs.path().join("data");
    let store = Store::open(&data).unwrap();
    let id = store.add("# 满盘之前\n\n这一版必须完好无损。").unwrap().id;
    let old = store.get(id).unwrap().body;

    let filler = fill(fs.path()).unwrap();
    // Bigger than the disk: it cannot fit whatever SQLite does.
    let big = "磁盘写满时的新正文。".repeat(150_000);
    let err = store
        .save(id, &big, SaveMode::Manual)
        .expect_err("a save larger than the disk must fail");
    assert_eq!(err.code(), "disk-full", "{err:?}");
    let msg = err.message(Lang::ZhHans);
    assert!(msg.contains("磁盘已满"), "{msg}");
    assert!(msg.contains("上一次保存的内容完好"), "{msg}");
    // Nothing changed: the same text, the same single revision.
    assert_eq!(store.get(id).unwrap().body, old);
    assert_eq!(store.history(id).unwrap().len(), 1);
    // A small save on a disk with no room left fails the same way, and changes nothing.
    if let Err(e) = store.save(id, "# 小改动", SaveMode::Manual) {
        assert_eq!(e.code(), "disk-full", "{e:?}");
        assert_eq!(store.get(id).unwrap().body, old);
    }

    std::fs::remove_file(&filler).unwrap();
    let newer = "# 空间回来之后\n\n保存成功。\n".repeat(1000);
    store.save(id, &newer, SaveMode::Manual).unwrap();
    assert_eq!(store.get(id).unwrap().body, newer);
    drop(store);

    let store = Store::open(&data).unwrap();
    assert!(store.open_report().is_none(), "{:?}", store.open_report());
    assert_eq!(store.get(id).unwrap().body, newer);
    let conn = rusqlite::Connection::open(data.join(DB_FILE)).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn full_disk_backup_and_export_fail_clearly_and_leave_no_partial_file() {
    // Room for the store and, once the filler is gone, a backup of it.
    let Some(fs) = Tmpfs::mount("8m") else { return };
    let data = fs.path().join("data");
    let store = Store::open(&data).unwrap();
    let id = store
        .add(&format!("# 备份\n\n{}", "正文内容。".repeat(5_000)))
        .unwrap()
        .id;
    let filler = fill(fs.path()).unwrap();
    let err = store.backup_now().expect_err("no room for a backup");
    assert_eq!(err.code(), "disk-full", "{err:?}");
    let backups: Vec<_> = std::fs::read_dir(data.join("backups"))
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(
        backups.is_empty(),
        "no half-made backup is left: {backups:?}"
    );

    let doc = recap_core::markdown::parse(&store.get(id).unwrap().body).unwrap();
    let out = fs.path().join("导出.html");
    let err = recap_export::export_to_file(
        &doc,
        recap_export::Format::Html,
        &recap_export::ExportOptions::default(),
        &out,
    )
    .expect_err("no room for the export");
    assert_eq!(err.code(), "disk-full", "{err:?}");
    let left: Vec<_> = std::fs::read_dir(fs.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "data" && n != "filler.bin")
        .collect();
    assert!(
        left.is_empty(),
        "no partial or temporary export file: {left:?}"
    );
    std::fs::remove_file(filler).unwrap();
    store.backup_now().unwrap();
}

/// A store that was written, then its filesystem made read-only.
fn read_only_store() -> Option<(Tmpfs, PathBuf, i64, String)> {
    let fs = Tmpfs::mount("8m")?;
    let data = fs.path().join("data");
    let store = Store::open(&data).unwrap();
    let body = "# 只读\n\n只读的时候也能看到这段文字。".to_string();
    let id = store.add(&body).unwrap().id;
    drop(store);
    fs.remount("ro").unwrap();
    Some((fs, data, id, body))
}

#[test]
fn read_only_data_folder_is_a_clear_error_and_still_opens_for_reading() {
    let Some((_fs, data, id, body)) = read_only_store() else {
        return;
    };
    // Opening for writing: a clear error, no panic.
    let err = Store::open(&data).expect_err("a read-only folder cannot hold a writable store");
    assert!(
        matches!(err.code(), "store-read-only" | "permission-denied"),
        "{err:?}"
    );
    let msg = err.message(Lang::ZhHans);
    assert!(msg.contains("不可写") || msg.contains("没有权限"), "{msg}");

    // Opening for reading: everything that reads works.
    let store = Store::open_read_only(&data).unwrap();
    assert_eq!(store.get(id).unwrap().body, body);
    assert_eq!(store.list().unwrap().len(), 1);
    assert_eq!(store.history(id).unwrap().len(), 1);
    assert_eq!(store.search("只读", 10).unwrap().len(), 1);
    // Writing: refused with the read-only message, the text unchanged.
    let err = store.save(id, "# 改不了", SaveMode::Manual).unwrap_err();
    assert_eq!(err.code(), "store-read-only", "{err:?}");
    assert!(err.message(Lang::ZhHans).contains("只能查看"));
    assert_eq!(store.get(id).unwrap().body, body);
}

#[test]
fn read_only_open_refuses_a_missing_store_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let err = Store::open_read_only(&missing).unwrap_err();
    assert_eq!(err.code(), "not-found", "{err:?}");
    assert!(!missing.exists(), "a read-only open creates nothing");
}

#[test]
fn read_only_open_of_a_writable_store_reads_the_latest_save() {
    // The ordinary case (another process has the store open and writing): the read-only
    // connection goes through the WAL, so it sees every committed save.
    let dir = tempfile::tempdir().unwrap();
    let writer = Store::open(dir.path()).unwrap();
    let id = writer.add("# 第一版").unwrap().id;
    writer.save(id, "# 第二版", SaveMode::Manual).unwrap();
    let reader = Store::open_read_only(dir.path()).unwrap();
    assert_eq!(reader.get(id).unwrap().body, "# 第二版");
    writer.save(id, "# 第三版", SaveMode::Manual).unwrap();
    assert_eq!(reader.get(id).unwrap().body, "# 第三版");
    assert_eq!(
        reader.save(id, "x", SaveMode::Manual).unwrap_err().code(),
        "store-read-only"
    );
}

#[test]
fn missing_or_impossible_data_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // A data folder "inside" a file cannot be created.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let err = Store::open(&file.join("data")).unwrap_err();
    assert!(
        matches!(err.code(), "io" | "file-not-found" | "permission-denied"),
        "{err:?}"
    );
    let msg = err.message(Lang::ZhHans);
    assert!(msg.starts_with("无法 创建"), "{msg}");
    assert!(msg.contains("a-file"), "{msg}");
}

#[test]
fn cli_on_a_read_only_or_impossible_data_folder_says_so_without_panicking() {
    let bin = recap_tests::recap_bin().unwrap();
    let run = |data: &Path, args: &[&str]| {
        Command::new(&bin)
            .arg("--data-dir")
            .arg(data)
            .args(["--lang", "zh-Hans"])
            .args(args)
            .output()
            .unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = run(&file.join("data"), &["docs", "list"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.starts_with("recap: 无法 创建"), "{err}");

    let Some((_fs, data, id, _)) = read_only_store() else {
        return;
    };
    let src = dir.path().join("new.md");
    std::fs::write(&src, "# 新内容").unwrap();
    for args in [
        vec!["docs", "list"],
        vec!["docs", "save", &id.to_string(), src.to_str().unwrap()],
    ] {
        let out = run(&data, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            err.contains("不可写") || err.contains("没有权限"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn backups_taken_while_saves_run_are_whole_and_restore_the_same_data() {
    let seed = recap_tests::Rng::seed_from_env();
    println!("backups during saves: seed {seed}");
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let id = store.add(&crash_body(seed, 0)).unwrap().id;
    let stop = AtomicBool::new(false);
    let backups = std::thread::scope(|s| {
        let saver = s.spawn(|| {
            let mut n = 1;
            while !stop.load(Ordering::Relaxed) {
                store
                    .save(id, &crash_body(seed, n), SaveMode::Manual)
                    .unwrap();
                n += 1;
            }
            n
        });
        let mut made = Vec::new();
        for _ in 0..8 {
            made.push(store.backup_now().unwrap().path);
        }
        stop.store(true, Ordering::Relaxed);
        let saves = saver.join().unwrap();
        println!("{} backups during {saves} saves", made.len());
        made
    });

    for backup in &backups {
        // Each backup is a whole, sound database holding one whole version.
        let conn = rusqlite::Connection::open_with_flags(
            backup,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "{}", backup.display());
        let (body, rev, revisions): (String, u32, u32) = conn
            .query_row(
                "SELECT r.body, d.rev, (SELECT count(*) FROM revisions WHERE doc_id = d.id)
                 FROM documents d JOIN revisions r ON r.doc_id = d.id AND r.rev = d.rev
                 WHERE d.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        drop(conn);
        let v = crash_version(&body).unwrap();
        assert!(
            body == crash_body(seed, v),
            "a whole version in {}",
            backup.display()
        );
        assert_eq!((rev, revisions), (v as u32 + 1, v as u32 + 1));

        // Restoring it brings back exactly that data.
        store.restore(backup).unwrap();
        let restored = store.get(id).unwrap();
        assert!(restored.body == body);
        assert_eq!(store.history(id).unwrap().len(), revisions as usize);
    }
}
