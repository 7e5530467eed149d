//! One table of blanks (tests/fixtures/blank-cases.json) for the check and the editor: here,
//! each case is checked the way `recap check` and the app's 体检 check it, and the
//! placeholders reported must be the table's, in order. The UI's unit tests run the same
//! table through the editor and the engine (ui/src/lib/editor/engine.test.ts).

use recap_api::dto::docs::DocText;
use recap_api::{NoHost, Workspace};
use std::sync::Arc;

#[test]
fn the_check_reports_exactly_the_blanks_of_the_table() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let table: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("blank-cases.json")).unwrap())
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = recap_core::store::Store::open(dir.path()).unwrap();
    let ws = Workspace::new(Arc::new(store), Arc::new(NoHost));
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let text = case["text"].as_str().unwrap();
        let want: Vec<&str> = case["blanks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_str().unwrap())
            .collect();
        let doc = DocText {
            front: String::new(),
            content: format!("# 总结\n\n## 概述\n\n{text}\n"),
            title: None,
        };
        let got: Vec<String> = ws
            .doc_check(doc.clone(), None)
            .unwrap()
            .into_iter()
            .filter(|f| f.rule == "placeholder")
            .map(|f| f.spot.expect("a blank has a place").text)
            .collect();
        assert_eq!(got, want, "check of {text:?}");
        // The analysis the editor asks for finds the same spans in the same text.
        let analysis = ws.doc_analyze(doc, vec![text.to_string()]).unwrap();
        let units: Vec<u16> = text.encode_utf16().collect();
        let marked: Vec<String> = analysis.blanks[0]
            .iter()
            .map(|b| String::from_utf16(&units[b.start..b.end]).unwrap())
            .collect();
        assert_eq!(marked, want, "analysis of {text:?}");
    }
}
