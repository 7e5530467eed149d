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

/// Whether the document's title is a heading: a single level-1 heading, before any other.
pub fn has_title_heading(doc: &Document) -> bool {
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
    h1s == 1 && first_is_h1
}

/// The level numbered 一、: the shallowest level of the headings after the title heading
/// (if any, see [`has_title_heading`]). Text pasted without a title heading often starts at
/// level 2 or 3; its top headings are still the first level of its outline.
pub fn first_numbered_level(doc: &Document) -> u8 {
    let title = has_title_heading(doc);
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .skip(usize::from(title))
        .min()
        .unwrap_or(if title { 2 } else { 1 })
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

    #[test]
    fn text_without_a_title_heading_is_numbered_from_its_top_level() {
        // Pasted text starting at level 2 (no level-1 heading at all).
        let doc = parse("## 概述\n\n### 续约\n\n## 计划\n").unwrap();
        assert!(!has_title_heading(&doc));
        assert_eq!(first_numbered_level(&doc), 2);
        assert_eq!(
            heading_numbers(&doc),
            vec![
                Some("一、".into()),
                Some("（一）".into()),
                Some("二、".into())
            ]
        );
        // A title, then sections that start at level 3.
        let doc = parse("# 总结\n\n### 概述\n\n#### 续约\n").unwrap();
        assert!(has_title_heading(&doc));
        assert_eq!(first_numbered_level(&doc), 3);
        // Several level-1 headings: no title heading, level 1 is 一、.
        let doc = parse("# 概述\n\n# 计划\n").unwrap();
        assert_eq!(first_numbered_level(&doc), 1);
    }
}
