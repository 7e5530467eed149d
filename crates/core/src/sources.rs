//! Where a drafted sentence came from. A draft from the work log ends each item with a source
//! marker: a link whose address is `recap:sources/e12,e15,d5` (work-log entries 12 and 15, the
//! report stored as document 5) and whose text says it for people ("依据：11-02、11-03 共 2
//! 条记录"). In the editor it is a quiet marker that opens the sources; it is no text of the
//! summary (not counted, not checked, not searched), and it never reaches a DOCX or PDF unless
//! the export asks for the sources as an appendix.

use crate::lang::Lang;
use crate::model::{Block, Document, Inline, ListItem};
use serde::{Deserialize, Serialize};

pub use crate::model::{SOURCE_SCHEME as SCHEME, is_source_url};

/// One source of a drafted item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SourceRef {
    /// A note of the work log.
    Entry { id: i64 },
    /// A document of the store (a weekly or monthly report).
    Document { id: i64 },
}

/// The marker's address for `refs`.
pub fn url(refs: &[SourceRef]) -> String {
    let parts: Vec<String> = refs
        .iter()
        .map(|r| match r {
            SourceRef::Entry { id } => format!("e{id}"),
            SourceRef::Document { id } => format!("d{id}"),
        })
        .collect();
    format!("{SCHEME}{}", parts.join(","))
}

/// The sources a marker's address names (what cannot be read is left out).
pub fn parse_url(url: &str) -> Vec<SourceRef> {
    let Some(rest) = url.strip_prefix(SCHEME) else {
        return Vec::new();
    };
    rest.split(',')
        .filter_map(|p| {
            let p = p.trim();
            let (kind, id) = p.split_at(p.len().min(1));
            let id: i64 = id.parse().ok()?;
            match kind {
                "e" => Some(SourceRef::Entry { id }),
                "d" => Some(SourceRef::Document { id }),
                _ => None,
            }
        })
        .collect()
}

/// What an export does with the source markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Handling {
    /// They are left out: the summary as handed in.
    #[default]
    Omit,
    /// Each becomes a number ［1］ and an appendix 依据 lists what each one says.
    Appendix,
}

fn is_marker(i: &Inline) -> bool {
    matches!(i, Inline::Link { url, .. } if is_source_url(url))
}

/// Whether the document holds any source marker.
pub fn has_markers(doc: &Document) -> bool {
    let mut found = false;
    visit_inlines(&doc.blocks, &mut |inlines| {
        found |= inlines.iter().any(is_marker);
    });
    found
}

/// The document as an export should see it (see [`Handling`]).
pub fn for_export(doc: &Document, handling: Handling, lang: Lang) -> Document {
    let mut out = doc.clone();
    if !has_markers(doc) {
        return out;
    }
    let mut notes: Vec<Vec<Inline>> = Vec::new();
    rewrite(&mut out.blocks, &mut |inlines| {
        let mut kept = Vec::with_capacity(inlines.len());
        for i in inlines.drain(..) {
            match i {
                Inline::Link { url, content, .. } if is_source_url(&url) => {
                    if handling == Handling::Appendix {
                        notes.push(content);
                        kept.push(Inline::text(format!("［{}］", notes.len())));
                    }
                }
                other => kept.push(other),
            }
        }
        // A marker removed from the end of a sentence leaves no space behind it.
        if let Some(Inline::Text { text }) = kept.last_mut() {
            let trimmed = text.trim_end().len();
            text.truncate(trimmed);
        }
        *inlines = kept;
    });
    if handling == Handling::Appendix && !notes.is_empty() {
        out.blocks.push(Block::Heading {
            level: 2,
            content: vec![Inline::text(lang.pick("依据", "依據", "Sources"))],
        });
        out.blocks.push(Block::List {
            start: Some(1),
            tight: true,
            items: notes
                .into_iter()
                .map(|content| ListItem {
                    task: None,
                    blocks: vec![Block::Paragraph { content }],
                })
                .collect(),
        });
    }
    out
}

fn visit_inlines(blocks: &[Block], f: &mut dyn FnMut(&[Inline])) {
    for b in blocks {
        match b {
            Block::Heading { content, .. } | Block::Paragraph { content } => f(content),
            Block::List { items, .. } => {
                for it in items {
                    visit_inlines(&it.blocks, f);
                }
            }
            Block::Quote { blocks } => visit_inlines(blocks, f),
            Block::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    f(cell);
                }
            }
            Block::Code { .. } | Block::Html { .. } | Block::Rule => {}
        }
    }
}

fn rewrite(blocks: &mut [Block], f: &mut dyn FnMut(&mut Vec<Inline>)) {
    for b in blocks {
        match b {
            Block::Heading { content, .. } | Block::Paragraph { content } => f(content),
            Block::List { items, .. } => {
                for it in items {
                    rewrite(&mut it.blocks, f);
                }
            }
            Block::Quote { blocks } => rewrite(blocks, f),
            Block::Table { head, rows, .. } => {
                for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    f(cell);
                }
            }
            Block::Code { .. } | Block::Html { .. } | Block::Rule => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{parse, write};

    const MD: &str = "# 周报\n\n## 本周完成\n\n- 完成 3 家客户续约。[依据：11-02 共 1 条记录（#12）](recap:sources/e12)\n- 上线看板。[依据：《第46周周报》·本周完成](recap:sources/d5,e9)\n";

    #[test]
    fn markers_name_their_sources_and_round_trip() {
        let refs = [SourceRef::Entry { id: 12 }, SourceRef::Document { id: 5 }];
        assert_eq!(url(&refs), "recap:sources/e12,d5");
        assert_eq!(parse_url(&url(&refs)), refs);
        assert_eq!(
            parse_url("recap:sources/e12,x,d"),
            [SourceRef::Entry { id: 12 }]
        );
        let doc = parse(MD).unwrap();
        assert!(has_markers(&doc));
        assert_eq!(parse(&write(&doc)).unwrap(), doc);
    }

    #[test]
    fn markers_are_not_the_summarys_text() {
        let doc = parse(MD).unwrap();
        assert!(!doc.plain_text().contains("依据"));
        assert!(doc.plain_text().contains("完成 3 家客户续约。"));
    }

    #[test]
    fn an_export_leaves_them_out_or_lists_them_as_an_appendix() {
        let doc = parse(MD).unwrap();
        let plain = write(&for_export(&doc, Handling::Omit, Lang::ZhHans));
        assert!(
            !plain.contains("依据") && !plain.contains("recap:"),
            "{plain}"
        );
        assert!(plain.contains("- 完成 3 家客户续约。\n"), "{plain}");
        let with = write(&for_export(&doc, Handling::Appendix, Lang::ZhHans));
        assert!(with.contains("完成 3 家客户续约。［1］"), "{with}");
        assert!(
            with.contains(
                "## 依据\n\n1. 依据：11-02 共 1 条记录（#12）\n2. 依据：《第46周周报》·本周完成"
            ),
            "{with}"
        );
        assert!(!with.contains("recap:"), "{with}");
    }
}
