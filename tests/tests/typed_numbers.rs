//! A heading the writer numbered by hand keeps its number and gets no second one, in every
//! export (the outline and the import recognise typed numbers with one recogniser, so 第一節
//! is known to both).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use recap_core::markdown;
use recap_core::style::Format;
use recap_export::ExportOptions;
use std::io::Read;

const DOC: &str =
    "# 2026年度总结\n\n## 第一節 概述\n\n正文。\n\n## 第二章 回顾\n\n正文。\n\n## 计划\n\n正文。\n";

fn docx_text(path: &std::path::Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // The text of the runs, paragraph by paragraph.
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<w:t") {
        rest = &rest[i..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let Some(close) = rest.find("</w:t>") else {
            break;
        };
        if open_end < close {
            out.push_str(&rest[open_end + 1..close]);
        }
        rest = &rest[close + 6..];
        if rest.trim_start().starts_with("</w:r></w:p>") {
            out.push('\n');
        }
    }
    out
}

#[test]
fn typed_numbers_are_never_doubled_in_docx_or_html() {
    let doc = markdown::parse(DOC).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let opts = ExportOptions::default();
    let docx = dir.path().join("d.docx");
    recap_export::export_to_file(&doc, Format::Docx, &opts, &docx).unwrap();
    let text = docx_text(&docx);
    assert!(text.contains("第一節 概述"), "{text}");
    assert!(
        !text.contains("一、第一節"),
        "a second number before 第一節: {text}"
    );
    assert!(!text.contains("二、第二章"), "{text}");
    // The heading after them is the third: typed numbers keep their places.
    assert!(text.contains("三、计划"), "{text}");

    let html = dir.path().join("d.html");
    recap_export::export_to_file(&doc, Format::Html, &opts, &html).unwrap();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("第一節 概述") && !page.contains("一、第一節"),
        "{page}"
    );
}
