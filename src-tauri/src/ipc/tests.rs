//! The commands driven directly, on a temporary store, through a mock Tauri app.

use super::docs::*;
use super::export::{export_save, reveal_path};
use crate::AppState;
use crate::dto::{ExportFormat, ExportOptions, Lang, NewDocument, SaveMode};
use recap_core::store::Store;
use serde_json::{Value, json};
use tauri::Manager;
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};

fn app(data: &std::path::Path, out: &std::path::Path) -> tauri::App<MockRuntime> {
    let mut state = AppState::new(Store::open(data).unwrap());
    state.test_export_dir = Some(out.to_path_buf());
    mock_builder()
        .manage(state)
        .build(mock_context(noop_assets()))
        .unwrap()
}

#[test]
fn create_save_analyze_search_history_export() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let app = app(data.path(), out.path());
    let st = || app.state::<AppState>();

    let info = doc_create(
        st(),
        NewDocument {
            template_id: "annual-five-part".into(),
            title: "2026 年度工作总结".into(),
            author: "张三".into(),
            department: "技术部".into(),
            position: String::new(),
            period: "2026".into(),
            lang: Lang::ZhHans,
        },
    )
    .unwrap();
    assert_eq!(info.title, "2026 年度工作总结");
    assert_eq!(info.template.as_deref(), Some("annual-five-part"));

    let body = doc_get(st(), info.id).unwrap().body + "\n本年度完成了核心系统迁移。\n";
    let saved = doc_save(st(), info.id, body.clone(), SaveMode::Manual).unwrap();
    assert!(saved.changed);
    assert_eq!(saved.rev, 2);

    let analysis = serde_json::to_value(doc_analyze(st(), body.clone()).unwrap()).unwrap();
    let headings = analysis["headings"].as_array().unwrap();
    assert_eq!(headings[0]["level"], 1);
    assert_eq!(
        headings[0]["number"],
        Value::Null,
        "the title is not numbered"
    );
    assert_eq!(headings[1]["number"], "一、");
    assert_eq!(headings[2]["number"], "二、");
    assert!(headings[1]["block"].as_u64().unwrap() > 0);
    assert!(analysis["counts"]["chinese_chars"].as_u64().unwrap() > 0);
    let sections = analysis["counts"]["sections"].as_array().unwrap();
    assert!(
        sections.iter().any(|s| !s["target"].is_null()),
        "counted against the template"
    );

    let hits = doc_search(st(), "迁移".into()).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, info.id);

    let history = doc_history(st(), info.id).unwrap();
    assert_eq!(history.len(), 2);
    assert!(!doc_revision(st(), info.id, 1).unwrap().contains("迁移"));

    let options: ExportOptions = serde_json::from_value(json!({
        "style": "gov", "cover": false, "toc": false, "header": null, "page_numbers": true,
        "signature": true, "date": "2026-12-28", "lang": "zh-Hans", "fonts": {}
    }))
    .unwrap();
    let result = tauri::async_runtime::block_on(export_save(
        app.handle().clone(),
        st(),
        body,
        options,
        ExportFormat::Docx,
    ))
    .unwrap()
    .unwrap();
    let path = serde_json::to_value(&result).unwrap()["path"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(path.ends_with("2026 年度工作总结.docx"), "{path}");
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"PK"), "a DOCX is a zip package");

    let refused = reveal_path(st(), "/etc/passwd".into(), true).unwrap_err();
    assert_eq!(refused.code, "not-allowed");
}

#[test]
fn errors_cross_as_code_and_message_in_the_app_language() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let app = app(data.path(), out.path());
    let st = || app.state::<AppState>();
    super::settings::settings_set(app.handle().clone(), st(), "lang".into(), "en".into()).unwrap();

    let missing = doc_get(st(), 999).unwrap_err();
    assert_eq!(missing.code, "not-found");
    assert!(
        missing.message.starts_with("No such"),
        "{}",
        missing.message
    );

    let huge = "字".repeat(recap_core::fsio::MAX_TEXT_BYTES as usize / 3 + 1);
    assert_eq!(doc_analyze(st(), huge).unwrap_err().code, "too-large");

    let bad = super::settings::backup_restore(st(), "/etc/passwd".into());
    let bad = tauri::async_runtime::block_on(bad).unwrap_err();
    assert_eq!(bad.code, "not-found");
}

/// The committed TypeScript bindings are exactly what the transport types generate.
/// `RECAP_BLESS=1` rewrites the file instead (after a deliberate change of a type).
#[test]
fn bindings_match_the_transport_types() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/api/bindings.ts");
    let generated = crate::dto::typescript_bindings();
    if std::env::var_os("RECAP_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/lib/api/bindings.ts differs from src-tauri/src/dto.rs; \
         run `RECAP_BLESS=1 cargo test -p recap-desktop bindings` and commit the result"
    );
}

#[test]
fn templates_come_in_the_app_language_unless_asked_for_another() {
    use super::templates::templates_list;
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let app = app(data.path(), out.path());
    let st = || app.state::<AppState>();
    let annual = |list: Vec<crate::dto::TemplateView>| {
        list.into_iter()
            .find(|t| t.id == "annual-five-part")
            .map(|t| t.name)
            .unwrap()
    };

    // The language the settings name is the one the UI shows; the start asks without one.
    st().store.set_setting("lang", "en").unwrap();
    let en = annual(templates_list(st(), None).unwrap());
    assert_eq!(en, annual(templates_list(st(), Some(Lang::En)).unwrap()));
    st().store.set_setting("lang", "zh-Hant").unwrap();
    let hant = annual(templates_list(st(), None).unwrap());
    assert_eq!(
        hant,
        annual(templates_list(st(), Some(Lang::ZhHant)).unwrap())
    );
    assert_ne!(en, hant);
    // Asked for a language, that one wins over the setting.
    let hans = annual(templates_list(st(), Some(Lang::ZhHans)).unwrap());
    assert!(hans != en && hans != hant, "{hans}");
}
