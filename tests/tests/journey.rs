//! A user's whole journey through the engine, across crates: pick a template, fill the
//! metadata, write, save (with history), search, and export in every format and style.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use recap_core::meta::Metadata;
use recap_core::store::{SaveMode, Store};
use recap_core::style::StyleId;
use recap_core::{Lang, Period, markdown, template};
use recap_export::{ExportOptions, Format, export};
use std::io::Read;

fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // Text runs only: what Word shows.
    let mut out = String::new();
    for part in xml.split("<w:t").skip(1) {
        if let Some(start) = part.find('>') {
            if let Some(end) = part.find("</w:t>") {
                out.push_str(&part[start + 1..end]);
            }
        }
    }
    out
}

#[test]
fn from_gallery_to_every_export() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();

    let t = template::find("annual-five-part").unwrap();
    let meta = Metadata {
        title: Some("2026年度工作总结".into()),
        author: Some("林晓舟".into()),
        department: Some("华东区客户成功部".into()),
        period: Some(Period::parse("2026").unwrap()),
        ..Metadata::default()
    };
    let text = template::new_document_markdown(&t, Lang::ZhHans, meta);
    let info = store.add(&text).unwrap();
    assert_eq!(info.title, "2026年度工作总结");

    // The user replaces the first prompt with real text, then saves.
    let first_prompt = &t.sections[0].zh_hans.prompt;
    let written = text.replacen(first_prompt, "全年完成续约 39 家，续约率 92.9%。", 1);
    let saved = store.save(info.id, &written, SaveMode::Manual).unwrap();
    assert!(saved.changed);
    assert_eq!(store.history(info.id).unwrap().len(), 2);
    assert_eq!(store.search("续约率", 10).unwrap()[0].id, info.id);

    let doc = markdown::parse(&store.get(info.id).unwrap().body).unwrap();
    for style in [StyleId::Gov, StyleId::Business, StyleId::Plain] {
        let opts = ExportOptions {
            style,
            ..ExportOptions::default()
        };
        // 公文 sets no space between Chinese and a figure; the others set it as typed.
        let typed = if style == StyleId::Gov {
            "续约率92.9%"
        } else {
            "续约率 92.9%"
        };
        let docx = export(&doc, Format::Docx, &opts).unwrap();
        let words = docx_text(&docx);
        assert!(words.contains(typed), "{style:?} DOCX lacks the text");
        assert!(words.contains("工作完成情况概述"));

        let html = String::from_utf8(export(&doc, Format::Html, &opts).unwrap()).unwrap();
        assert!(html.contains(typed));

        let pdf = export(&doc, Format::Pdf, &opts).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{style:?} PDF");
    }
}
