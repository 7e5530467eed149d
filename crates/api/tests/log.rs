//! The work log's operations on a real store, as the UI calls them through `dispatch`: capture
//! with recognised marks, edit, delete and undo, the calendar, search, a paste confirmed and
//! undone, and a month drafted from the notes whose markers lead back to them.

// The helpers below are test code too: a setup that fails should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use recap_api::{ApiError, NoHost, Workspace, dispatch};
use serde_json::{Value, json};
use std::sync::Arc;

fn ws() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let store = recap_core::store::Store::open(dir.path()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let ws = Workspace::new(Arc::new(store), Arc::new(NoHost)).with_today(today);
    (dir, ws)
}

fn call(ws: &Workspace, op: &str, args: Value) -> Value {
    dispatch(ws, op, args).unwrap_or_else(|e| panic!("{op}: {}", e.message))
}

fn fail(ws: &Workspace, op: &str, args: Value) -> ApiError {
    dispatch(ws, op, args).expect_err(op)
}

#[test]
fn a_note_is_stored_for_today_with_its_marks_and_listed_newest_first() {
    let (_d, ws) = ws();
    let a = call(
        &ws,
        "log_add",
        json!({"text": "拜访 @华东 客户 #续约 签约 42 家", "date": null}),
    );
    assert_eq!(a["date"], "2026-12-03");
    assert_eq!(
        a["text"], "拜访 @华东 客户 #续约 签约 42 家",
        "the text is never rewritten"
    );
    assert_eq!(a["recognised"]["projects"], json!(["华东"]));
    assert_eq!(a["recognised"]["tags"], json!(["续约"]));
    assert_eq!(a["recognised"]["figures"], json!(["42 家"]));
    // Marks are UTF-16 spans of the text: "@华东" starts at 3.
    assert_eq!(
        a["recognised"]["marks"][0],
        json!({"kind": "project", "start": 3, "end": 6})
    );
    call(&ws, "log_add", json!({"text": "复盘 #续约 流程"}));
    call(
        &ws,
        "log_add",
        json!({"text": "补记：周一培训", "date": "2026-12-01"}),
    );

    let day = call(&ws, "log_day", json!({"date": null}));
    assert_eq!(day["today"], true);
    assert_eq!(day["label"], "12月3日 周四");
    let texts: Vec<&str> = day["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        ["复盘 #续约 流程", "拜访 @华东 客户 #续约 签约 42 家"]
    );

    let labels = call(&ws, "log_labels", json!({"kind": "tag", "prefix": "续"}));
    assert_eq!(labels[0]["name"], "续约");
    assert_eq!(labels[0]["count"], 2);
}

#[test]
fn edit_delete_and_restore() {
    let (_d, ws) = ws();
    let a = call(&ws, "log_add", json!({"text": "写周报"}));
    let id = a["id"].as_i64().unwrap();
    let b = call(
        &ws,
        "log_edit",
        json!({"id": id, "text": "写周报 #周报", "date": null}),
    );
    assert_eq!(b["rev"], 2);
    assert_eq!(b["recognised"]["tags"], json!(["周报"]));
    call(&ws, "log_delete", json!({"id": id}));
    assert_eq!(call(&ws, "log_day", json!({}))["entries"], json!([]));
    call(&ws, "log_restore", json!({"id": id}));
    assert_eq!(
        call(&ws, "log_day", json!({}))["entries"][0]["text"],
        "写周报 #周报"
    );
}

#[test]
fn bad_input_is_a_message_in_the_users_language() {
    let (_d, ws) = ws();
    let e = fail(&ws, "log_add", json!({"text": "x", "date": "2026-02-30"}));
    assert_eq!(e.code, "invalid-input");
    assert!(e.message.contains("2026-02-30"), "{}", e.message);
    assert_eq!(
        fail(&ws, "log_add", json!({"text": "   "})).code,
        "invalid-input"
    );
    assert_eq!(
        fail(&ws, "log_month", json!({"year": 2026, "month": 13})).code,
        "invalid-input"
    );
    assert_eq!(
        fail(&ws, "log_edit", json!({"id": 99, "text": "x"})).code,
        "not-found"
    );
    assert_eq!(
        fail(
            &ws,
            "draft_create",
            json!({"template_id": "monthly", "period": "2026-13"})
        )
        .code,
        "invalid-input"
    );
}

#[test]
fn the_month_is_monday_first_with_counts_and_first_lines() {
    let (_d, ws) = ws();
    call(&ws, "log_add", json!({"text": "第一条\n第二行"}));
    call(&ws, "log_add", json!({"text": "第二条"}));
    let m = call(&ws, "log_month", json!({"year": 2026, "month": 12}));
    assert_eq!(m["label"], "2026年12月");
    assert_eq!(m["weekdays"][0], "周一");
    // 2026-12-01 is a Tuesday: the grid opens on Monday 30 November.
    assert_eq!(m["weeks"][0][0]["date"], "2026-11-30");
    assert_eq!(m["weeks"][0][0]["in_month"], false);
    let d3 = &m["weeks"][0][3];
    assert_eq!(d3["date"], "2026-12-03");
    assert_eq!(
        (d3["today"].clone(), d3["count"].clone()),
        (json!(true), json!(2))
    );
    assert_eq!(d3["first_lines"], json!(["第二条", "第一条"]));
    assert_eq!(m["summary"], "本月 2 条记录，分布在 1 天");

    let w = call(&ws, "log_week", json!({"date": "2026-12-03"}));
    assert_eq!(
        (w["start"].clone(), w["end"].clone()),
        (json!("2026-11-30"), json!("2026-12-06"))
    );
    assert_eq!(w["days"][3]["entries"].as_array().unwrap().len(), 2);
}

#[test]
fn search_combines_words_tags_and_projects() {
    let (_d, ws) = ws();
    call(
        &ws,
        "log_add",
        json!({"text": "@AI：编写需求 #文档", "date": "2026-11-20"}),
    );
    call(&ws, "log_add", json!({"text": "@AI 评审需求"}));
    call(&ws, "log_add", json!({"text": "编写需求 #文档"}));
    let hits = call(&ws, "log_search", json!({"query": "需求 @AI #文档"}));
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["entry"]["date"], "2026-11-20");
    assert_eq!(hits[0]["day_label"], "11月20日 周五");
}

#[test]
fn a_paste_is_confirmed_stored_once_and_undone_whole() {
    let (_d, ws) = ws();
    let paste = "先写一行没有日期的\n12月1日\n客户回访 #回访\n12月2日\n交付 @华东 3 套";
    let p = call(&ws, "log_paste_preview", json!({"text": paste}));
    let rows = p["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["date"], Value::Null);
    assert_eq!(rows[0]["needs_date"], true);
    assert!(rows[0]["problem"].as_str().unwrap().contains("日期"));
    assert_eq!(rows[1]["date"], "2026-12-01");
    // Nothing is stored by the preview.
    assert_eq!(
        call(&ws, "log_month", json!({"year": 2026, "month": 12}))["summary"],
        "本月 0 条记录，分布在 0 天"
    );

    let confirm: Vec<Value> = rows
        .iter()
        .map(|r| json!({"date": r["date"], "text": r["text"]}))
        .collect();
    // An undated row stops the whole import.
    let e = fail(
        &ws,
        "log_import",
        json!({"rows": confirm, "from_file": false}),
    );
    assert_eq!(e.code, "import-failed");
    let mut confirm = confirm;
    confirm[0]["date"] = json!("2026-11-30");
    let out = call(
        &ws,
        "log_import",
        json!({"rows": confirm.clone(), "from_file": false}),
    );
    assert_eq!(out["added"], 3);
    let batch = out["batch_id"].as_i64().unwrap();
    // Again: nothing added, nothing to undo.
    let again = call(
        &ws,
        "log_import",
        json!({"rows": confirm, "from_file": false}),
    );
    assert_eq!(
        (again["added"].clone(), again["batch_id"].clone()),
        (json!(0), Value::Null)
    );
    assert_eq!(
        call(&ws, "log_paste_preview", json!({"text": paste}))["rows"][1]["status"],
        "duplicate"
    );

    assert_eq!(call(&ws, "log_import_undo", json!({"batch": batch})), 3);
    assert_eq!(
        call(&ws, "log_week", json!({"date": "2026-12-01"}))["days"][1]["entries"],
        json!([])
    );
}

#[test]
fn a_drafted_month_is_stored_and_its_markers_lead_to_the_notes() {
    let (_d, ws) = ws();
    let a = call(
        &ws,
        "log_add",
        json!({"text": "@华东 续约 42 家，续约率 92.9%", "date": "2026-12-01"}),
    );
    call(
        &ws,
        "log_add",
        json!({"text": "下周计划：整理 @华东 回访清单", "date": "2026-12-02"}),
    );
    let doc = call(
        &ws,
        "draft_create",
        json!({"template_id": "monthly", "period": "2026-12", "lang": null}),
    );
    let id = doc["id"].as_i64().unwrap();
    let view = call(&ws, "doc_open", json!({"id": id}));
    let content = view["text"]["content"].as_str().unwrap();
    assert!(content.contains("92.9%"), "{content}");
    let id_a = a["id"].as_i64().unwrap();
    let marker = format!("recap:sources/e{id_a}");
    assert!(content.contains(&marker), "{content}");
    let sources = call(&ws, "sources_of", json!({"url": marker}));
    assert_eq!(sources[0]["kind"], "entry");
    assert_eq!(sources[0]["text"], "@华东 续约 42 家，续约率 92.9%");
    assert_eq!(sources[0]["day_label"], "12月1日 周二");
    assert_eq!(
        call(&ws, "sources_of", json!({"url": "recap:sources/e999"}))[0]["kind"],
        "missing"
    );
    assert_eq!(
        call(&ws, "sources_of", json!({"url": "https://x"})),
        json!([])
    );
}

/// A front whose open dialogs answer with the paths a test queued.
#[derive(Default)]
struct PickHost {
    picks: std::sync::Mutex<Vec<std::path::PathBuf>>,
}

impl recap_api::Host for PickHost {
    fn pick_save_path(
        &self,
        _: &str,
        _: Option<&std::path::Path>,
        _: &recap_api::FileFilter,
    ) -> Option<std::path::PathBuf> {
        None
    }
    fn pick_open_path(
        &self,
        _: Option<&std::path::Path>,
        _: &recap_api::FileFilter,
    ) -> Option<std::path::PathBuf> {
        self.picks.lock().unwrap().pop()
    }
    fn pick_folder(&self, _: Option<&std::path::Path>) -> Option<std::path::PathBuf> {
        self.picks.lock().unwrap().pop()
    }
    fn open_url(&self, _: &str) -> Result<(), String> {
        Err("no".into())
    }
    fn open_path(&self, _: &std::path::Path) -> Result<(), String> {
        Err("no".into())
    }
    fn reveal_path(&self, _: &std::path::Path) -> Result<(), String> {
        Err("no".into())
    }
}

#[test]
fn a_csv_is_previewed_with_its_columns_chosen_and_imported_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = recap_core::store::Store::open(&dir.path().join("store")).unwrap();
    let host = Arc::new(PickHost::default());
    let ws = Workspace::new(Arc::new(store), host.clone())
        .with_today(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
    let csv = dir.path().join("log.csv");
    std::fs::write(
        &csv,
        "日期,工作内容,备注\n2026-11-02,客户回访 @华东,电话\n2026-11-03,整理 #周报,无\n",
    )
    .unwrap();
    // Cancelled: nothing.
    assert_eq!(
        call(&ws, "log_import_file_preview", json!({"folder": false})),
        Value::Null
    );

    host.picks.lock().unwrap().push(csv.clone());
    let p = call(&ws, "log_import_file_preview", json!({"folder": false}));
    let table = &p["table"];
    assert_eq!(table["choice"]["date_column"], 0);
    assert_eq!(table["choice"]["text_columns"], json!([1, 2]));
    assert_eq!(table["columns"][1]["name"], "工作内容");
    let first = p["preview"]["rows"][0]["text"].as_str().unwrap();
    assert!(
        first.starts_with("客户回访 @华东") && first.contains("电话"),
        "{first}"
    );

    // One text column, chosen by the user.
    let mut choice = table["choice"].clone();
    choice["text_columns"] = json!([1]);
    let q = call(&ws, "log_import_table", json!({"choice": choice}));
    assert_eq!(q["preview"]["rows"][0]["text"], "客户回访 @华东");
    assert_eq!(q["table"]["choice"]["text_columns"], json!([1]));

    let rows: Vec<Value> = p["preview"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!({"date": r["date"], "text": r["text"]}))
        .collect();
    let out = call(&ws, "log_import", json!({"rows": rows, "from_file": true}));
    assert_eq!(out["added"], 2);
    // The same file again: every row is in the log already.
    host.picks.lock().unwrap().push(csv);
    let again = call(&ws, "log_import_file_preview", json!({"folder": false}));
    assert_eq!(again["preview"]["rows"][0]["status"], "duplicate");
    assert_eq!(
        call(&ws, "log_import", json!({"rows": rows, "from_file": true}))["added"],
        0
    );
}

#[test]
fn a_folder_of_daily_notes_is_previewed_by_its_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let store = recap_core::store::Store::open(&dir.path().join("store")).unwrap();
    let host = Arc::new(PickHost::default());
    let ws = Workspace::new(Arc::new(store), host.clone())
        .with_today(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
    let notes = dir.path().join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(notes.join("2026-11-02.md"), "客户回访\n").unwrap();
    std::fs::write(notes.join("2026-11-03.md"), "交付 3 套\n").unwrap();
    host.picks.lock().unwrap().push(notes);
    let p = call(&ws, "log_import_file_preview", json!({"folder": true}));
    assert_eq!(p["table"], Value::Null);
    assert_eq!(p["preview"]["kind"], "folder");
    let dates: Vec<&str> = p["preview"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-11-02", "2026-11-03"]);
}
