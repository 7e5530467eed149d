//! Export to DOCX with recap-export, import back with recap-core: every character and every
//! heading of each fixture survives, in order. Also the journey from a pasted plain-text
//! draft to a checked, carried-forward document.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use recap_core::import::import_bytes;
use recap_core::model::{Block, inline_text};
use recap_core::numbering::strip_number;
use recap_core::style::StyleId;
use recap_core::{Document, Lang, markdown};
use recap_export::{ExportOptions, Format, export, is_forbidden_char};
use std::path::Path;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name),
    )
    .unwrap()
}

/// Each fixture as Recap Markdown (plain-text ones imported first).
fn fixtures() -> Vec<(&'static str, String)> {
    [
        "annual-summary.md",
        "hostile.md",
        "plain-text-summary.txt",
        "plain-text-traditional.txt",
        "web-paste-simplified.txt",
    ]
    .into_iter()
    .map(|name| {
        let text = fixture(name);
        let md = import_bytes(name, text.as_bytes(), Lang::ZhHans)
            .unwrap()
            .markdown;
        (name, md)
    })
    .collect()
}

fn headings(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { content, .. } => Some(strip_number(&inline_text(content)).to_string()),
            _ => None,
        })
        .collect()
}

fn levels(doc: &Document) -> Vec<u8> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .collect()
}

/// `needle`'s characters (spaces and characters XML cannot hold left out) all in `hay`, in order.
fn in_order(needle: &str, hay: &str) -> Result<(), String> {
    let hay: Vec<char> = hay.chars().collect();
    let mut at = 0;
    for (k, c) in needle
        .chars()
        .filter(|c| !c.is_whitespace() && !is_forbidden_char(*c))
        .enumerate()
    {
        match hay[at..].iter().position(|h| *h == c) {
            Some(p) => at += p + 1,
            None => {
                let ctx: String = needle.chars().skip(k.saturating_sub(10)).take(20).collect();
                return Err(format!("{c:?} (char {k}, near {ctx:?}) lost"));
            }
        }
    }
    Ok(())
}

#[test]
fn docx_round_trip_keeps_every_character_and_heading() {
    for style in [StyleId::Gov, StyleId::Plain] {
        for (name, md) in fixtures() {
            let doc = markdown::parse(&md).unwrap();
            let opts = ExportOptions {
                style,
                signature: false,
                ..ExportOptions::default()
            };
            let bytes = export(&doc, Format::Docx, &opts).unwrap();
            let back = import_bytes("round.docx", &bytes, Lang::ZhHans).unwrap();
            let again = markdown::parse(&back.markdown).unwrap();

            let text_back = again.plain_text();
            if let Err(e) = in_order(&doc.plain_text(), &text_back) {
                panic!("{name} ({style:?}): {e}\n--- imported:\n{}", back.markdown);
            }
            if name == "annual-summary.md" {
                assert_eq!(levels(&doc), levels(&again), "{name} ({style:?})");
            }
            // Compared without spaces: 公文 sets none between Chinese and figures.
            let squash = |v: Vec<String>| -> Vec<String> {
                v.into_iter()
                    .map(|h| h.chars().filter(|c| !c.is_whitespace()).collect())
                    .collect()
            };
            let want = squash(headings(&doc));
            let got = squash(headings(&again));
            let mut k = 0;
            for h in &want {
                match got[k..].iter().position(|g| g.ends_with(h.as_str())) {
                    Some(p) => k += p + 1,
                    None => panic!("{name} ({style:?}): heading {h:?} lost; got {got:?}"),
                }
            }
        }
    }
}

#[test]
fn a_pasted_draft_is_imported_checked_and_carried_forward() {
    use recap_core::check::{CheckOptions, check};
    let draft = fixture("plain-text-summary.txt");
    let imported = recap_core::import::import_text(&draft, Lang::ZhHans).unwrap();
    let opts = CheckOptions {
        lang: Lang::ZhHans,
        style: Some(StyleId::Gov),
        user_templates: Vec::new(),
    };
    let report = check(&imported.markdown, &opts).unwrap();
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"placeholder"), "{rules:?}");
    let carried = recap_core::carry::carry_forward(&imported.markdown, &[]).unwrap();
    let next = markdown::parse(&carried.markdown).unwrap();
    assert_eq!(next.meta.title.as_deref(), Some("2026年第四季度工作总结"));
    assert_eq!(carried.items.len(), 2);
    // The new document exports like any other.
    export(&next, Format::Docx, &ExportOptions::default()).unwrap();
}
