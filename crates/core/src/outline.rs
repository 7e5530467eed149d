//! Sections (the tree of headings with the text under each) and the official heading
//! numbering 一、（一）1.（1）, which export and the editor both show.

use crate::model::{Block, Document, inline_text};
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

const CN_DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五.
pub fn chinese_number(n: u32) -> String {
    if n == 0 {
        return CN_DIGITS[0].into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut out = String::new();
    let mut zero = false;
    for (k, d) in digits.iter().enumerate() {
        if *d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push_str(CN_DIGITS[0]);
            zero = false;
        }
        // 十二, not 一十二, when ten is the leading unit.
        if !(k == 2 && *d == 1 && out.is_empty()) {
            out.push_str(CN_DIGITS[*d as usize]);
        }
        out.push_str(units[k]);
    }
    out
}

/// The number shown before a heading at `depth` (0 = first numbered level) with ordinal `n`
/// (1-based): 一、 · （一） · 1. · （1）; deeper levels are not numbered.
pub fn heading_number(depth: usize, n: u32) -> Option<String> {
    match depth {
        0 => Some(format!("{}、", chinese_number(n))),
        1 => Some(format!("（{}）", chinese_number(n))),
        2 => Some(format!("{n}.")),
        3 => Some(format!("（{n}）")),
        _ => None,
    }
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
            if typed_number_len(&text) > 0 || has_numbered_label(&text) {
                return None;
            }
            heading_number(depth, counters.get(depth).copied().unwrap_or(1))
        })
        .collect()
}

fn is_cn_numeral(c: char) -> bool {
    "零〇一二三四五六七八九十百千两".contains(c)
}

/// Byte length of a number the user typed at the start of a heading (一、 （一） (一) 1. 1、
/// 1． （1） (1) 第一章 1.1), including the space after it; 0 when there is none.
pub fn typed_number_len(text: &str) -> usize {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let end_at = |k: usize| chars.get(k).map_or(t.len(), |(i, _)| *i);
    let take = |pred: &dyn Fn(char) -> bool, from: usize| {
        let mut k = from;
        while k < chars.len() && pred(chars[k].1) {
            k += 1;
        }
        k
    };
    let after_space = |k: usize| {
        let mut k = k;
        while k < chars.len() && matches!(chars[k].1, ' ' | '\u{3000}' | '\t') {
            k += 1;
        }
        lead + end_at(k)
    };
    let Some(&(_, first)) = chars.first() else {
        return 0;
    };
    // 第一章 / 第1部分 / 第三节
    if first == '第' {
        let k = take(&|c| is_cn_numeral(c) || c.is_ascii_digit(), 1);
        if k > 1
            && chars
                .get(k)
                .is_some_and(|(_, c)| "章节部分篇条".contains(*c))
        {
            let k = if chars.get(k).is_some_and(|(_, c)| *c == '部')
                && chars.get(k + 1).is_some_and(|(_, c)| *c == '分')
            {
                k + 2
            } else {
                k + 1
            };
            return after_space(k);
        }
        return 0;
    }
    // （一） (一) （1） (1)
    if matches!(first, '（' | '(') {
        let k = take(&|c| is_cn_numeral(c) || c.is_ascii_digit(), 1);
        if k > 1 && chars.get(k).is_some_and(|(_, c)| matches!(c, '）' | ')')) {
            return after_space(k + 1);
        }
        return 0;
    }
    // 一、 十二、
    if is_cn_numeral(first) {
        let k = take(&is_cn_numeral, 0);
        if chars
            .get(k)
            .is_some_and(|(_, c)| matches!(c, '、' | '．' | '.'))
        {
            return after_space(k + 1);
        }
        return 0;
    }
    // 1. 1、 1． 1.1 1.2.3 — a digit run must be followed by a separator, then not by a digit
    // unless it is a dotted number.
    if first.is_ascii_digit() {
        let mut k = take(&|c: char| c.is_ascii_digit(), 0);
        loop {
            match chars.get(k).map(|(_, c)| *c) {
                Some('.' | '．') if chars.get(k + 1).is_some_and(|(_, c)| c.is_ascii_digit()) => {
                    k = take(&|c: char| c.is_ascii_digit(), k + 1);
                }
                Some('.' | '、' | '．' | ')' | '）') => return after_space(k + 1),
                // "1.1 标题": a dotted number followed by a space.
                Some(' ' | '\u{3000}') if t[..end_at(k)].contains(['.', '．']) => {
                    return after_space(k);
                }
                _ => return 0,
            }
        }
    }
    0
}

/// Whether a heading starts with a label that carries its own ordinal and a colon:
/// 模块一：, 亮点二：, 阶段3：, Module 1:, Highlight 2: (as the gallery's templates write
/// them). Such a heading is numbered already, so export adds no 一、 before it; its text is
/// kept whole (the label is part of the title, not a number to strip).
pub fn has_numbered_label(text: &str) -> bool {
    let t = text.trim_start();
    // The label: 1–4 Chinese characters (not numerals), or one Latin word and a space.
    let label_end = {
        let han = t
            .char_indices()
            .take_while(|(_, c)| crate::count::is_han(*c) && !is_cn_numeral(*c))
            .take(5)
            .collect::<Vec<_>>();
        if (1..=4).contains(&han.len()) {
            han.last().map_or(0, |(i, c)| i + c.len_utf8())
        } else {
            let word = t.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(0);
            if (1..=12).contains(&word) && t[word..].starts_with(' ') {
                word + 1
            } else {
                return false;
            }
        }
    };
    let rest = &t[label_end..];
    // The ordinal: up to three Chinese numerals or two digits, then the colon.
    let num = rest
        .find(|c: char| !(is_cn_numeral(c) || c.is_ascii_digit()))
        .unwrap_or(rest.len());
    let digits = &rest[..num];
    let short =
        digits.chars().count() <= 3 && (digits.chars().all(is_cn_numeral) || digits.len() <= 2);
    num > 0 && short && rest[num..].starts_with(['：', ':'])
}

/// The heading text without a typed number.
pub fn strip_number(text: &str) -> &str {
    text[typed_number_len(text)..].trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(105), "一百零五");
        assert_eq!(chinese_number(110), "一百一十");
    }

    #[test]
    fn typed_numbers_are_recognised() {
        for (s, rest) in [
            ("一、工作概述", "工作概述"),
            ("（二）团队建设", "团队建设"),
            ("(3) 细项", "细项"),
            ("1. 续约", "续约"),
            ("2、推进", "推进"),
            ("3．第三", "第三"),
            ("1.1 背景", "背景"),
            ("第一章 开篇", "开篇"),
            ("十二、总结", "总结"),
        ] {
            assert_eq!(strip_number(s), rest, "{s}");
        }
        for s in [
            "2026年工作计划",
            "一季度回顾",
            "3D 打印",
            "第一次尝试",
            "1,860 万元",
        ] {
            assert_eq!(typed_number_len(s), 0, "{s}");
        }
    }

    #[test]
    fn labels_with_their_own_ordinal_count_as_numbered() {
        for s in [
            "模块一：【模块名称】",
            "亮点二：【亮点名称】",
            "模組十二：客戶",
            "阶段3：试点",
            "Module 1: 【module name】",
            "Highlight 2: name",
        ] {
            assert!(has_numbered_label(s), "{s}");
        }
        for s in [
            "下一年计划",
            "模块一",
            "模块一的成果",
            "2026年：回顾",
            "一、概述",
            "重点客户100：名单",
            "目标一二三四：过长",
            "中华人民共和国一：过长",
            "Top 100: clients",
            "Q3: results",
            "",
            "：",
        ] {
            assert!(!has_numbered_label(s), "{s}");
        }
        let doc = parse("# 标题\n\n## 模块一：销售\n\n## 模块二：服务\n\n## 总结\n").unwrap();
        assert_eq!(
            heading_numbers(&doc),
            vec![None, None, None, Some("三、".into())]
        );
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
