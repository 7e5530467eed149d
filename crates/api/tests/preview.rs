//! The export dialog's preview asks for its first page alone, then for the rest: the pages
//! come back numbered, the count is the whole document's, and a page drawn alone places the glyphs
//! the whole preview places there.

#![allow(clippy::unwrap_used)] // test code: a failed step is a failed test

use recap_api::dto::common::{Lang, StyleId};
use recap_api::dto::docs::DocText;
use recap_api::dto::export::ExportOptions;
use recap_api::{NoHost, Workspace};
use std::sync::Arc;

fn annual() -> DocText {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/annual-summary.md");
    let text = std::fs::read_to_string(path).unwrap();
    let (front, content) = recap_core::meta::split_source(&text);
    DocText {
        front: front.to_string(),
        content: content.to_string(),
        title: None,
    }
}

fn gov() -> ExportOptions {
    ExportOptions {
        style: StyleId::Gov,
        cover: false,
        toc: false,
        header: None,
        page_numbers: true,
        signature: true,
        date: Some("2026-12-28".into()),
        lang: Lang::ZhHans,
        sources_appendix: false,
    }
}

#[test]
fn the_first_page_alone_then_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let store = recap_core::store::Store::open(dir.path()).unwrap();
    let ws = Workspace::new(Arc::new(store), Arc::new(NoHost));

    let first = ws.export_preview(annual(), gov(), 0, Some(1)).unwrap();
    assert!(
        first.total >= 2,
        "the annual fixture is {} pages",
        first.total
    );
    assert_eq!(first.pages.len(), 1);
    assert_eq!(first.pages[0].index, 0);
    assert!(first.pages[0].svg.starts_with("<svg"), "an SVG page");

    let rest = ws.export_preview(annual(), gov(), 1, None).unwrap();
    assert_eq!(rest.total, first.total);
    let indices: Vec<u32> = rest.pages.iter().map(|p| p.index).collect();
    assert_eq!(indices, (1..first.total).collect::<Vec<_>>());

    let all = ws.export_preview(annual(), gov(), 0, None).unwrap();
    assert_eq!(all.pages.len() as u32, all.total);
    // The same glyphs placed (the SVG's symbol names depend on which pages were drawn together).
    let glyphs = |svg: &str| svg.matches("<use ").count();
    assert_eq!(glyphs(&all.pages[0].svg), glyphs(&first.pages[0].svg));
    assert_eq!(glyphs(&all.pages[1].svg), glyphs(&rest.pages[0].svg));
    assert!(glyphs(&first.pages[0].svg) > 100, "page 1 holds text");

    // Past the end: no pages, the count still told.
    let none = ws.export_preview(annual(), gov(), 99, None).unwrap();
    assert!(none.pages.is_empty());
    assert_eq!(none.total, first.total);
}
