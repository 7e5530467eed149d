//! The title a document is known by in the properties of an exported file (Word's 标题
//! property, the PDF's title): the one it shows, else what it starts with. A pasted essay
//! with no title heading and no front matter still needs one: file managers, Word's
//! title bar and PDF readers show it instead of the file name.

use crate::model::{Block, Document, inline_text};

/// Longest title taken from the first line of the text, in characters.
const MAX_CHARS: usize = 30;

/// The document's title ([`Document::display_title`]), else its first heading of any
/// level, else the first line of its text (up to its first full stop, at most
/// [`MAX_CHARS`] characters, `…` when cut). Empty only for a document without text.
pub fn metadata_title(doc: &Document) -> String {
    let shown = doc.display_title();
    if !shown.is_empty() {
        return shown;
    }
    let heading = doc.blocks.iter().find_map(|b| match b {
        Block::Heading { content, .. } => {
            Some(inline_text(content).trim().to_string()).filter(|t| !t.is_empty())
        }
        _ => None,
    });
    if let Some(h) = heading {
        return h;
    }
    let text = doc.plain_text();
    let Some(line) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return String::new();
    };
    let sentence = match line.find(['。', '！', '？', '；']) {
        Some(end) if end > 0 => &line[..end],
        _ => line,
    };
    let sentence = sentence.trim_end_matches(['，', ',', '：', ':']).trim();
    if sentence.chars().count() <= MAX_CHARS {
        sentence.to_string()
    } else {
        let cut: String = sentence.chars().take(MAX_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    fn title(md: &str) -> String {
        metadata_title(&parse(md).unwrap())
    }

    #[test]
    fn the_shown_title_then_the_first_heading_then_the_first_line() {
        assert_eq!(title("---\ntitle: 年度总结\n---\n\n正文"), "年度总结");
        assert_eq!(title("# 年度总结\n\n正文"), "年度总结");
        assert_eq!(
            title("## 一、工作概述\n\n正文\n\n## 二、计划"),
            "一、工作概述"
        );
        assert_eq!(
            title("2026年第三季度工作小结\n\n本季度……"),
            "2026年第三季度工作小结"
        );
        assert_eq!(
            title("本季度完成续约39家。其余情况如下。"),
            "本季度完成续约39家"
        );
        let long = "本".repeat(80);
        let t = title(&long);
        assert_eq!(t.chars().count(), MAX_CHARS);
        assert!(t.ends_with('…'));
        assert_eq!(title(""), "");
        assert_eq!(title("   \n\n"), "");
    }
}
