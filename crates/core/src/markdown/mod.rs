//! Markdown text <-> [`Document`], through pulldown-cmark: [`reader`] in, [`writer`] out.

mod reader;
mod writer;

pub use reader::{parse, parse_blocks, parse_with_lines};
pub use writer::{write, write_blocks};

use pulldown_cmark::Options;

/// Containers nested deeper than this are flattened into their parent: the text is kept,
/// the absurd structure is not (it would exhaust the stack of every writer after us).
pub const MAX_DEPTH: usize = 64;

/// The Markdown the reader reads, and the writer asks about when it must predict the reader.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

#[cfg(test)]
mod tests {
    use super::writer::wordy;
    use super::*;
    use crate::model::Block;

    fn round(s: &str) {
        let a = parse(s).unwrap();
        let written = write(&a);
        let b = parse(&written).unwrap();
        assert_eq!(a, b, "\n--- source:\n{s}\n--- written:\n{written}");
    }

    #[test]
    fn fixtures_round_trip() {
        for s in [
            include_str!("../../../../tests/fixtures/annual-summary.md"),
            include_str!("../../../../tests/fixtures/hostile.md"),
            include_str!("../../../../tests/fixtures/plain-text-summary.txt"),
        ] {
            round(s);
        }
    }

    #[test]
    fn tricky_constructs_round_trip() {
        for s in [
            "a*b*c",
            "***x***",
            "**_x_**",
            "*a*_b_",
            "1. a\n2. b\n\n\n- x\n* y",
            "- [ ] todo\n- [x] done",
            "> q\n>\n> - l\n\n---\n\npara",
            "`` a`b ``",
            "[t](</a b> \"ti\\\"tle\")",
            "# h #\n\nsetext\nheading\n===",
            "1986\\. a year",
            "| a | b |\n|:-|-:|\n| 1 | 2 |",
            "```rust\ncode\n```\n\n~~~\n```\n~~~",
            "a  \nb\\\nc",
            "<div>\nhtml\n</div>\n\ntext <b>bold</b>",
            "- a\n\n  b\n- c",
            "&amp; &lt; &#x41; \\*",
            "# **<b>*  #",
            "> ===\n\u{b}\n**",
            "a\n\u{b}  \nb",
            "a\\\n\\\nb",
            "\u{b}\nb",
            "**:*:એ*®*",
            "**:*:એ*²*",
            "- - [ ] \n  http://a.b",
            "[***<b>*  \n]()",
            "![**b**  \n](i.png)",
            "***[# \\\n]()",
            "[*<b>***  \n]()",
            "[*b* x &#32;  \n](u)",
            "*🌀*ὐ*🢲*",
        ] {
            round(s);
        }
    }

    #[test]
    fn word_characters_are_what_the_reader_thinks() {
        for c in ['a', '9', 'é', '中', 'ὐ', '²'] {
            assert!(wordy(c), "{c:?}");
        }
        for c in [' ', '\u{3000}', '*', '。', '，', '®', '🌀', '€'] {
            assert!(!wordy(c), "{c:?}");
        }
    }

    #[test]
    fn structure_is_read() {
        let d = parse("---\ntitle: T\n---\n# H\n\n- a\n- b\n\n| x |\n| - |\n| y |\n").unwrap();
        assert_eq!(d.meta.title.as_deref(), Some("T"));
        assert!(matches!(d.blocks[0], Block::Heading { level: 1, .. }));
        assert!(
            matches!(&d.blocks[1], Block::List { start: None, tight: true, items } if items.len() == 2)
        );
        assert!(matches!(&d.blocks[2], Block::Table { rows, .. } if rows.len() == 1));
    }

    #[test]
    fn lines_point_at_blocks() {
        let (_, lines) =
            parse_with_lines("---\ntitle: T\n---\n# H\n\npara\nmore\n\n- a\n").unwrap();
        assert_eq!(lines, vec![4, 6, 9]);
    }

    #[test]
    fn absurd_nesting_is_flattened_without_losing_text() {
        let mut s = String::new();
        for d in 0..1000 {
            s.push_str(&"  ".repeat(d));
            s.push_str(&format!("- 第{d}层\n"));
        }
        let doc = parse(&s).unwrap();
        let text = doc.plain_text();
        assert!(text.contains("第0层") && text.contains("第999层"));
        let again = parse(&write(&doc)).unwrap();
        assert_eq!(again.plain_text().matches('层').count(), 1000);
    }
}
