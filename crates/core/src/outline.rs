//! Sections (the tree of headings with the text under each) and which heading gets which
//! official number 一、（一）1.（1）: export and the editor both show them. The numbers
//! themselves, typed or given, are [`crate::numbering`]'s.

use crate::model::{Block, Document, inline_text};
use crate::numbering::{heading_number, is_numbered_heading, strip_number};
use serde::Serialize;

/// One heading and the blocks up to the next heading of the same or a higher level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// The heading text as typed (numbering included if the user typed it).
    pub heading: String,
    /// The heading text with any typed numbering removed: what templates match against.
    pub title: String,
    pub level: u8,
    /// Index of the heading in `Document::blocks`.
    pub block: usize,
    /// Index one past the last block of the section, subsections included.
    pub end: usize,
}

/// The level that carries the document title: a single level-1 heading at the top is the
/// title, and then numbering starts at level 2. Returns the first numbered level.
pub fn first_numbered_level(doc: &Document) -> u8 {
    let h1s = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading { level: 1, .. }))
        .count();
    let first_is_h1 = doc
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Heading { .. }))
        .is_some_and(|b| matches!(b, Block::Heading { level: 1, .. }));
    if h1s == 1 && first_is_h1 { 2 } else { 1 }
}

/// Every heading of the document as a flat list in order, each with its extent.
pub fn sections(doc: &Document) -> Vec<Section> {
    let headings: Vec<(usize, u8, String)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Heading { level, content } => Some((i, *level, inline_text(content))),
            _ => None,
        })
        .collect();
    headings
        .iter()
        .enumerate()
        .map(|(n, (i, level, text))| {
            let end = headings[n + 1..]
                .iter()
                .find(|(_, l, _)| l <= level)
                .map_or(doc.blocks.len(), |(j, _, _)| *j);
            Section {
                heading: text.trim().to_string(),
                title: strip_number(text).to_string(),
                level: *level,
                block: *i,
                end,
            }
        })
        .collect()
}

/// For every block that is a numbered heading, the number export should put before it.
/// Headings whose text already starts with a number keep it and get none (never doubled).
pub fn heading_numbers(doc: &Document) -> Vec<Option<String>> {
    let first = first_numbered_level(doc);
    let mut counters = [0u32; 6];
    doc.blocks
        .iter()
        .map(|b| {
            let Block::Heading { level, content } = b else {
                return None;
            };
            if *level < first {
                return None;
            }
            let depth = usize::from(level - first);
            if depth < counters.len() {
                counters[depth] += 1;
                for c in counters.iter_mut().skip(depth + 1) {
                    *c = 0;
                }
            }
            let text = inline_text(content);
            if is_numbered_heading(&text) {
                return None;
            }
            heading_number(depth, counters.get(depth).copied().unwrap_or(1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    #[test]
    fn labelled_headings_get_no_second_number() {
        let doc = parse("# 标题\n\n## 模块一：销售\n\n## 模块二：服务\n\n## 总结\n").unwrap();
        assert_eq!(
            heading_numbers(&doc),
            vec![None, None, None, Some("三、".into())]
        );
        let doc = parse("# 标题\n\n## 第一節 概述\n\n## 第二節 回顧\n").unwrap();
        assert_eq!(heading_numbers(&doc), vec![None, None, None]);
    }

    #[test]
    fn numbering_follows_levels_and_is_never_doubled() {
        let doc = parse(
            "# 标题\n\n## 概述\n\n### 子项\n\n### 子项\n\n#### 细节\n\n## 二、已编号\n\n## 计划\n",
        )
        .unwrap();
        let nums: Vec<Option<String>> = heading_numbers(&doc).into_iter().collect();
        assert_eq!(
            nums,
            vec![
                None,
                Some("一、".into()),
                Some("（一）".into()),
                Some("（二）".into()),
                Some("1.".into()),
                None,
                Some("三、".into()),
            ]
        );
    }

    #[test]
    fn sections_span_their_subsections() {
        let doc = parse("# T\n\n## A\n\ntext\n\n### A1\n\nmore\n\n## B\n").unwrap();
        let s = sections(&doc);
        assert_eq!(s.len(), 4);
        assert_eq!((s[1].title.as_str(), s[1].block, s[1].end), ("A", 1, 5));
        assert_eq!((s[2].title.as_str(), s[2].end), ("A1", 5));
    }
}
