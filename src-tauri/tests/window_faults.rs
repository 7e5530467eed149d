//! A full disk, met in the real app window: the save fails and says so in the user's language,
//! the text stays in the editor, and it is saved by itself once space returns — then it is in
//! the store, whole. The store lives on a small tmpfs (`recap_tests::disk`), which needs root;
//! elsewhere the test prints `SKIPPED` and returns.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test: a failed step is a failed test

use fantoccini::key::Key;
use recap_core::store::{DB_FILE, Store};
use recap_tests::disk::{Tmpfs, fill};
use std::time::{Duration, Instant};

mod common;
use common::display;
use common::webdriver::{
    WAIT, click, editor_text, launch, paste, save_state_is, shot, start_driver, wait_css, wait_true,
};

#[tokio::test(flavor = "current_thread")]
async fn a_full_disk_keeps_the_text_in_the_window_and_saves_it_when_space_returns() {
    let Some(fs) = Tmpfs::mount("16m") else {
        return;
    };
    let data = fs.path().join("data");
    let out = tempfile::tempdir().unwrap();
    let id = {
        let store = Store::open(&data).unwrap();
        store
            .add("---\ntitle: 满盘测试\n---\n\n# 满盘测试\n\n## 一、主要工作\n\n满盘之前保存好的一段。\n")
            .unwrap()
            .id
    };
    let (disp, _xvfb) = display();
    let driver = start_driver(&disp, &data, out.path());
    let c = launch(&driver).await;
    click(&c, "[data-testid=\"doc-row\"]").await;
    wait_css(&c, "[data-testid=\"editor\"] .ProseMirror h2").await;

    let filler = fill(fs.path()).unwrap();

    // A sentence typed at the end of the paragraph, then a long numbered text pasted: more
    // than any space SQLite may still hold in its files.
    wait_css(&c, "[data-testid=\"editor\"] .ProseMirror > h2 + p")
        .await
        .click()
        .await
        .unwrap();
    let typed = "磁盘写满时敲下的这一句不能丢";
    let end = char::from(Key::End).to_string();
    let keys = c.active_element().await.unwrap();
    keys.send_keys(&end).await.unwrap();
    keys.send_keys(typed).await.unwrap();
    let pasted: String = (1..=40)
        .map(|i| format!("{i}、第{i}项工作按计划推进，阶段成果已经交付并通过验收。\n"))
        .collect();
    paste(&c, &pasted, None).await;
    wait_true(
        &c,
        "the pasted text",
        "return document.querySelector('[data-testid=\"editor\"] .ProseMirror').innerText.includes('第40项工作');",
    )
    .await;

    wait_true(&c, "the failed save", &save_state_is("failed")).await;
    let status = c
        .execute(
            "return document.querySelector('[data-testid=\"save-state\"]').innerText;",
            vec![],
        )
        .await
        .unwrap();
    let status = status.as_str().unwrap_or_default();
    assert!(
        status.contains("保存失败") && status.contains("磁盘已满"),
        "the failure and its reason in Chinese: {status}"
    );
    let shown = editor_text(&c).await;
    assert!(shown.contains(typed), "the typed text left the editor");
    assert!(
        shown.contains("第40项工作"),
        "the pasted text left the editor"
    );
    shot(&c, "full-disk").await;
    // The store still holds the last good version, whole.
    {
        let store = Store::open_read_only(&data).unwrap();
        let body = store.get(id).unwrap().body;
        assert!(body.contains("满盘之前保存好的一段。"), "{body}");
        assert!(!body.contains(typed), "a failed save changed the store");
    }

    // Space comes back; nobody touches the window: the saver retries by itself.
    std::fs::remove_file(&filler).unwrap();
    let start = Instant::now();
    wait_true(&c, "the save after space returned", &save_state_is("saved")).await;
    println!(
        "saved {:.1} s after space returned",
        start.elapsed().as_secs_f32()
    );
    assert!(start.elapsed() < WAIT + Duration::from_secs(1));
    c.close().await.unwrap();

    let store = Store::open(&data).unwrap();
    let body = store.get(id).unwrap().body;
    assert!(
        body.contains(typed),
        "the typed text is not in the store: {body}"
    );
    assert!(
        body.contains("第40项工作"),
        "the pasted text is not in the store"
    );
    assert!(body.contains("满盘之前保存好的一段。"));
    drop(store);
    let conn = rusqlite::Connection::open(data.join(DB_FILE)).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}
