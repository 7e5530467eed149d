//! How a style sets the text as typed, where the writers must not simply copy it.
//!
//! People type a space between Chinese and a figure or a Latin word ("华东区 42 家", "完成
//! 90% 的目标"), as screens show it. On the 公文 character grid every character takes one
//! cell, and a typed space takes a third of one: figures then stand in gaps, and lines stop
//! filling the grid evenly. So the 公文 output leaves those spaces out (the writer decides;
//! the document keeps what was typed); the other styles set the text as typed.

use crate::model::{Block, Document, Inline, ListItem};
use crate::style::StyleId;
use crate::text::is_cjk_char;

/// Whether `style` sets a space typed between Chinese and a figure or Latin word.
pub fn keeps_cjk_latin_spaces(style: StyleId) -> bool {
    style != StyleId::Gov
}

/// A letter or digit of a figure or a Latin word (not of Chinese).
fn is_latin(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk_char(c)
}

/// Signs that end a figure (92.9%, 38℃) or start one (+12%, ¥300): part of the figure.
const ENDS_FIGURE: &str = "%‰°℃";
const STARTS_FIGURE: &str = "+−$¥€£";

/// Whether spaces between `a` and `b` are left out; `c` is the character after `b` (a
/// sign starts a figure only when a digit follows it).
fn drops_between(a: Option<char>, b: Option<char>, c: Option<char>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let figure_after =
        is_latin(b) || (STARTS_FIGURE.contains(b) && c.is_some_and(|c| c.is_ascii_digit()));
    let figure_before = is_latin(a) || ENDS_FIGURE.contains(a);
    (is_cjk_char(a) && figure_after) || (figure_before && is_cjk_char(b))
}

/// `text` without the runs of spaces that sit between Chinese and a figure or Latin word;
/// `before` and `after` are the characters around the text (in the inlines around it).
pub fn without_cjk_latin_spaces(text: &str, before: Option<char>, after: Option<char>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != ' ' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        let left = if start == 0 {
            before
        } else {
            Some(chars[start - 1])
        };
        let right = if i == chars.len() {
            after
        } else {
            Some(chars[i])
        };
        if !drops_between(left, right, chars.get(i + 1).copied()) {
            out.extend(&chars[start..i]);
        }
    }
    out
}

/// The text of every leaf of `inlines`, in reading order; a line break is a barrier.
fn leaves(inlines: &[Inline], out: &mut Vec<String>) {
    for i in inlines {
        match i {
            Inline::Text { text } | Inline::Code { text } | Inline::Html { text } => {
                out.push(text.clone())
            }
            Inline::Strong { content }
            | Inline::Emph { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => leaves(content, out),
            Inline::Image { alt, .. } => leaves(alt, out),
            Inline::SoftBreak | Inline::HardBreak => out.push("\n".into()),
        }
    }
}

/// Rebuilds `inlines`, changing each plain text leaf (the `k`-th leaf overall) with `f`.
fn map_text(inlines: &[Inline], k: &mut usize, f: &dyn Fn(usize, &str) -> String) -> Vec<Inline> {
    inlines
        .iter()
        .map(|i| {
            let here = *k;
            match i {
                Inline::Text { text } => {
                    *k += 1;
                    Inline::Text {
                        text: f(here, text),
                    }
                }
                Inline::Code { .. }
                | Inline::Html { .. }
                | Inline::SoftBreak
                | Inline::HardBreak => {
                    *k += 1;
                    i.clone()
                }
                Inline::Strong { content } => Inline::Strong {
                    content: map_text(content, k, f),
                },
                Inline::Emph { content } => Inline::Emph {
                    content: map_text(content, k, f),
                },
                Inline::Strike { content } => Inline::Strike {
                    content: map_text(content, k, f),
                },
                Inline::Link {
                    url,
                    title,
                    content,
                } => Inline::Link {
                    url: url.clone(),
                    title: title.clone(),
                    content: map_text(content, k, f),
                },
                Inline::Image { url, title, alt } => Inline::Image {
                    url: url.clone(),
                    title: title.clone(),
                    alt: map_text(alt, k, f),
                },
            }
        })
        .collect()
}

/// `inlines` without the spaces between Chinese and figures or Latin words, wherever they
/// fall: inside a text, or between a text and emphasis, a link or code around it. Code
/// spans and raw HTML are kept as typed.
pub fn inlines_without_cjk_latin_spaces(inlines: &[Inline]) -> Vec<Inline> {
    let mut texts = Vec::new();
    leaves(inlines, &mut texts);
    // The characters just before and after each leaf (empty leaves are looked through).
    let mut before = vec![None; texts.len()];
    let mut last = None;
    for (k, t) in texts.iter().enumerate() {
        before[k] = last;
        last = t.chars().last().or(last);
    }
    let mut after = vec![None; texts.len()];
    let mut next = None;
    for (k, t) in texts.iter().enumerate().rev() {
        after[k] = next;
        next = t.chars().next().or(next);
    }
    map_text(inlines, &mut 0, &|k, text| {
        without_cjk_latin_spaces(text, before[k], after[k])
    })
}

fn blocks_without(blocks: &[Block]) -> Vec<Block> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Heading { level, content } => Block::Heading {
                level: *level,
                content: inlines_without_cjk_latin_spaces(content),
            },
            Block::Paragraph { content } => Block::Paragraph {
                content: inlines_without_cjk_latin_spaces(content),
            },
            Block::List {
                start,
                tight,
                items,
            } => Block::List {
                start: *start,
                tight: *tight,
                items: items
                    .iter()
                    .map(|i| ListItem {
                        task: i.task,
                        blocks: blocks_without(&i.blocks),
                    })
                    .collect(),
            },
            Block::Table { align, head, rows } => Block::Table {
                align: align.clone(),
                head: head
                    .iter()
                    .map(|c| inlines_without_cjk_latin_spaces(c))
                    .collect(),
                rows: rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|c| inlines_without_cjk_latin_spaces(c))
                            .collect()
                    })
                    .collect(),
            },
            Block::Quote { blocks } => Block::Quote {
                blocks: blocks_without(blocks),
            },
            Block::Code { .. } | Block::Html { .. } | Block::Rule => b.clone(),
        })
        .collect()
}

/// The document as the 公文 output sets it: no space between Chinese and a figure or Latin
/// word in its text, title, author, department or position.
pub fn without_cjk_latin_spaces_doc(doc: &Document) -> Document {
    let mut meta = doc.meta.clone();
    for field in [
        &mut meta.title,
        &mut meta.author,
        &mut meta.department,
        &mut meta.position,
    ] {
        if let Some(v) = field.as_mut() {
            *v = without_cjk_latin_spaces(v, None, None);
        }
    }
    Document {
        meta,
        blocks: blocks_without(&doc.blocks),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;
    use crate::model::inline_text;

    fn first_paragraph(md: &str) -> String {
        let doc = without_cjk_latin_spaces_doc(&parse(md).unwrap());
        match &doc.blocks[0] {
            Block::Paragraph { content } => inline_text(content),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn spaces_between_chinese_and_figures_or_latin_words_go() {
        assert_eq!(
            first_paragraph("华东区 42 家重点客户"),
            "华东区42家重点客户"
        );
        assert_eq!(
            first_paragraph("完成 90% 的目标，同比 +12%。"),
            "完成90%的目标，同比+12%。"
        );
        assert_eq!(
            first_paragraph("上线 CRM 系统与 Q4 revenue 看板"),
            "上线CRM系统与Q4 revenue看板"
        );
        // Between Latin words, between Chinese characters, and before punctuation: kept.
        assert_eq!(first_paragraph("Q4 revenue"), "Q4 revenue");
        assert_eq!(first_paragraph("一 二"), "一 二");
        assert_eq!(first_paragraph("客户 (VIP)"), "客户 (VIP)");
        // A sign alone is no figure.
        assert_eq!(first_paragraph("标题 # $ 测试 + 号"), "标题 # $ 测试 + 号");
        assert_eq!(
            first_paragraph("花费 ¥300 元，气温 38℃ 左右"),
            "花费¥300元，气温38℃左右"
        );
    }

    #[test]
    fn across_emphasis_links_and_code_too() {
        assert_eq!(first_paragraph("**续约：** 42 家"), "续约：42家");
        assert_eq!(first_paragraph("华东区 **42** 家"), "华东区42家");
        // Between two Chinese characters a typed space stays.
        assert_eq!(
            first_paragraph("详见 [KPI 表](https://a.cn) 第 3 页"),
            "详见KPI表 第3页"
        );
        // Code is kept as typed; the spaces around it follow the rule.
        assert_eq!(
            first_paragraph("运行 `make test` 命令"),
            "运行make test命令"
        );
        // A line break is a barrier.
        assert_eq!(first_paragraph("华东区  \n42 家"), "华东区\n42家");
    }

    #[test]
    fn metadata_and_every_block_kind() {
        let md = "---\ntitle: 2026 年度总结\nauthor: 林晓舟\n---\n\n## 一、完成 39 家\n\n- 项目 A 上线\n\n> 引用 5 条\n\n| 指标 | 值 |\n| --- | --- |\n| 续约 | 39 家 |\n\n```\n代码 1 行\n```\n";
        let doc = without_cjk_latin_spaces_doc(&parse(md).unwrap());
        assert_eq!(doc.meta.title.as_deref(), Some("2026年度总结"));
        let text = doc.plain_text();
        for want in ["完成39家", "项目A上线", "引用5条", "39家", "代码 1 行"] {
            assert!(text.contains(want), "{want} in {text}");
        }
        assert!(keeps_cjk_latin_spaces(StyleId::Business));
        assert!(!keeps_cjk_latin_spaces(StyleId::Gov));
    }
}
