//! How a writer lays a document out in a style: which block is the title and is not repeated
//! in the body, the number and depth of every heading, and whether the text already ends
//! with a date (then no signature block is added). Both writers and the editor's heading
//! numbers read it.

use crate::model::{Block, Document, Inline, inline_text};
use crate::outline::{first_numbered_level, heading_numbers};
use crate::style::Style;
use chrono::NaiveDate;

/// How a writer lays out the document's blocks: which block (if any) is the title and is
/// not repeated in the body, and the number and heading depth of every heading.
#[derive(Clone, PartialEq, Debug)]
pub struct Plan {
    /// The title to print: the metadata title, else the first level-1 heading.
    pub title: String,
    /// The block shown as the title (skip it in the body).
    pub title_block: Option<usize>,
    /// For each block: the number to put before it (None when not numbered, typed, or the
    /// style does not number headings).
    pub numbers: Vec<Option<String>>,
    /// For each heading block: its depth (0 = the first numbered level, 一、).
    pub depths: Vec<Option<usize>>,
}

impl Plan {
    /// The heading text with its generated number, if any.
    pub fn heading_text(&self, block: usize, content: &[Inline]) -> String {
        let text = inline_text(content);
        match self.numbers.get(block).and_then(|n| n.as_deref()) {
            Some(n) => format!("{n}{}", text.trim()),
            None => text.trim().to_string(),
        }
    }
}

/// Lays out `doc` for `style`. A Markdown document without front matter takes its first
/// level-1 heading as the title.
pub fn plan(doc: &Document, style: &Style) -> Plan {
    let title = doc.display_title();
    let first_h1 = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 1, .. }));
    let title_block = first_h1.filter(|&i| match &doc.blocks[i] {
        Block::Heading { content, .. } => {
            doc.meta
                .title
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .is_none()
                || inline_text(content).trim() == title
        }
        _ => false,
    });
    // Number as if the title heading were not there when it is not the outline's own title
    // level (several level-1 headings): the first heading after the title is 一、.
    let numbering_doc;
    let numbered: &Document = match title_block {
        Some(i) if first_numbered_level(doc) == 1 => {
            let mut d = doc.clone();
            d.blocks[i] = Block::Rule;
            numbering_doc = d;
            &numbering_doc
        }
        _ => doc,
    };
    let first = first_numbered_level(numbered);
    let mut numbers = if style.heading_numbering {
        heading_numbers(numbered)
    } else {
        vec![None; doc.blocks.len()]
    };
    let depths = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading { level, .. } => Some(usize::from(level.saturating_sub(first))),
            _ => None,
        })
        .collect();
    if let Some(i) = title_block
        && let Some(n) = numbers.get_mut(i)
    {
        *n = None;
    }
    Plan {
        title,
        title_block,
        numbers,
        depths,
    }
}

/// Whether the text already ends with a date line (2026年12月28日, 2026-12-28): then no
/// signature block is added.
pub fn ends_with_date(doc: &Document) -> bool {
    let Some(last) = doc.blocks.iter().rev().find(|b| !matches!(b, Block::Rule)) else {
        return false;
    };
    let Block::Paragraph { content } = last else {
        return false;
    };
    // The last line: the inlines after the last line break (a soft break between CJK
    // characters is no space in `inline_text`, so split on the model, not the text).
    let after = content
        .iter()
        .rposition(|i| matches!(i, Inline::SoftBreak | Inline::HardBreak))
        .map_or(0, |k| k + 1);
    let text = inline_text(&content[after..]);
    let line = text.split_whitespace().last().unwrap_or("");
    is_date_text(line)
}

fn is_date_text(s: &str) -> bool {
    let s = s.trim_end_matches(['。', '.']);
    let digits = |t: &str, min: usize, max: usize| {
        (min..=max).contains(&t.chars().count())
            && t.chars().all(|c| {
                c.is_ascii_digit() || "０１２３４５６７８９〇零一二三四五六七八九十".contains(c)
            })
    };
    if let Some(rest) = s.strip_suffix('日').or_else(|| s.strip_suffix('号'))
        && let Some((y, md)) = rest.split_once('年')
        && let Some((m, d)) = md.split_once('月')
    {
        return digits(y, 4, 4) && digits(m, 1, 2) && digits(d, 1, 3);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        || NaiveDate::parse_from_str(s, "%Y/%m/%d").is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;
    use crate::style::{StyleId, style};

    #[test]
    fn plan_takes_the_first_h1_as_title_and_numbers_from_there() {
        let s = style(StyleId::Gov);
        let d = parse("# 年度总结\n\n## 概述\n\n### 细项\n\n## 计划\n").unwrap();
        let p = plan(&d, &s);
        assert_eq!((p.title.as_str(), p.title_block), ("年度总结", Some(0)));
        assert_eq!(
            p.numbers,
            vec![
                None,
                Some("一、".into()),
                Some("（一）".into()),
                Some("二、".into())
            ]
        );
        assert_eq!(p.depths[1], Some(0));
        // Several level-1 headings: the first is the title, the next is 一、.
        let d = parse("# 总结\n\n# 回顾\n\n## 细项\n\n# 计划\n").unwrap();
        let p = plan(&d, &s);
        assert_eq!(p.title_block, Some(0));
        assert_eq!(p.numbers[1].as_deref(), Some("一、"));
        assert_eq!(p.numbers[3].as_deref(), Some("二、"));
        // The plain style does not number.
        assert!(
            plan(&d, &style(StyleId::Plain))
                .numbers
                .iter()
                .all(Option::is_none)
        );
    }
    #[test]
    fn a_closing_date_line_is_recognised() {
        assert!(ends_with_date(
            &parse("正文\n\n林晓舟\n2026年12月28日\n").unwrap()
        ));
        assert!(ends_with_date(&parse("正文\n\n2026-12-28\n").unwrap()));
        assert!(!ends_with_date(&parse("正文\n\n2026年工作计划\n").unwrap()));
        assert!(!ends_with_date(&parse("").unwrap()));
    }
}
