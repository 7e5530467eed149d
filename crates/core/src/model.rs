//! The one document model every reader produces and every writer consumes.
//!
//! It covers CommonMark plus the GFM extensions Recap enables (tables, strikethrough, task
//! lists). Raw HTML is kept as literal text (`Html` variants) so that nothing is lost, and
//! every writer treats it as text, never as markup.

use crate::meta::Metadata;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Document {
    pub meta: Metadata,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph {
        content: Vec<Inline>,
    },
    List {
        /// `Some(n)`: an ordered list starting at n.
        start: Option<u64>,
        tight: bool,
        items: Vec<ListItem>,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Quote {
        blocks: Vec<Block>,
    },
    Code {
        lang: Option<String>,
        text: String,
    },
    /// Raw HTML from the source, kept verbatim as text; never rendered as HTML.
    Html {
        text: String,
    },
    Rule,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    /// `Some(checked)` for a task-list item.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Inline {
    Text {
        text: String,
    },
    Strong {
        content: Vec<Inline>,
    },
    Emph {
        content: Vec<Inline>,
    },
    Strike {
        content: Vec<Inline>,
    },
    Code {
        text: String,
    },
    Link {
        url: String,
        title: String,
        content: Vec<Inline>,
    },
    Image {
        url: String,
        title: String,
        alt: Vec<Inline>,
    },
    /// Raw inline HTML, kept verbatim as text.
    Html {
        text: String,
    },
    SoftBreak,
    HardBreak,
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Self {
        Inline::Text { text: s.into() }
    }
}

/// The address every source marker starts with (see [`crate::sources`]): a link to where a
/// drafted sentence came from, which is no text of the document.
pub const SOURCE_SCHEME: &str = "recap:sources/";

/// Whether a link address is a source marker's.
pub fn is_source_url(url: &str) -> bool {
    url.starts_with(SOURCE_SCHEME)
}

/// The visible text of inlines, as a reader would see it: breaks become spaces or newlines,
/// links keep their text, images their alt text.
pub fn inline_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_inline_text(inlines, &mut out);
    out
}

fn push_inline_text(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text { text } | Inline::Code { text } | Inline::Html { text } => {
                out.push_str(text)
            }
            // A source marker says where the text came from; it is not the text.
            Inline::Link { url, .. } if is_source_url(url) => {}
            Inline::Strong { content }
            | Inline::Emph { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => push_inline_text(content, out),
            Inline::Image { alt, .. } => push_inline_text(alt, out),
            Inline::SoftBreak => {
                // A soft break between two CJK characters is not a space in Chinese text.
                let prev_cjk = out.chars().last().is_some_and(crate::text::is_cjk_char);
                if !prev_cjk {
                    out.push(' ');
                }
            }
            Inline::HardBreak => out.push('\n'),
        }
    }
}

/// The visible text of a block and everything inside it, paragraphs separated by newlines.
pub fn block_text(block: &Block) -> String {
    let mut out = String::new();
    push_block_text(block, &mut out);
    out
}

fn push_block_text(block: &Block, out: &mut String) {
    let sep = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    match block {
        Block::Heading { content, .. } | Block::Paragraph { content } => {
            sep(out);
            push_inline_text(content, out);
        }
        Block::List { items, .. } => {
            for item in items {
                for b in &item.blocks {
                    push_block_text(b, out);
                }
            }
        }
        Block::Table { head, rows, .. } => {
            for row in std::iter::once(head).chain(rows) {
                sep(out);
                let cells: Vec<String> = row.iter().map(|c| inline_text(c)).collect();
                out.push_str(&cells.join("\t"));
            }
        }
        Block::Quote { blocks } => {
            for b in blocks {
                push_block_text(b, out);
            }
        }
        Block::Code { text, .. } | Block::Html { text } => {
            sep(out);
            out.push_str(text.trim_end_matches('\n'));
        }
        Block::Rule => {}
    }
}

impl Document {
    /// How deeply blocks and inlines nest (lists in quotes in lists, emphasis in links…):
    /// the depth of the writers' recursion. Counted with a work list, never by recursing, so
    /// any document can be measured.
    pub fn nesting_depth(&self) -> usize {
        enum Item<'a> {
            Block(&'a Block),
            Inline(&'a Inline),
        }
        let mut work: Vec<(Item, usize)> =
            self.blocks.iter().map(|b| (Item::Block(b), 1)).collect();
        let mut deepest = 0;
        while let Some((item, depth)) = work.pop() {
            deepest = deepest.max(depth);
            let next = depth + 1;
            match item {
                Item::Block(Block::Heading { content, .. } | Block::Paragraph { content }) => {
                    work.extend(content.iter().map(|i| (Item::Inline(i), next)));
                }
                Item::Block(Block::List { items, .. }) => {
                    for it in items {
                        work.extend(it.blocks.iter().map(|b| (Item::Block(b), next)));
                    }
                }
                Item::Block(Block::Quote { blocks }) => {
                    work.extend(blocks.iter().map(|b| (Item::Block(b), next)));
                }
                Item::Block(Block::Table { head, rows, .. }) => {
                    let cells = head.iter().chain(rows.iter().flatten());
                    work.extend(cells.flatten().map(|i| (Item::Inline(i), next)));
                }
                Item::Block(Block::Code { .. } | Block::Html { .. } | Block::Rule) => {}
                Item::Inline(
                    Inline::Strong { content }
                    | Inline::Emph { content }
                    | Inline::Strike { content }
                    | Inline::Link { content, .. }
                    | Inline::Image { alt: content, .. },
                ) => work.extend(content.iter().map(|i| (Item::Inline(i), next))),
                Item::Inline(_) => {}
            }
        }
        deepest
    }

    /// All visible text of the body, block by block.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            push_block_text(b, &mut out);
        }
        out
    }

    /// The title to show: the metadata title, else the first top-level heading.
    pub fn display_title(&self) -> String {
        if let Some(t) = self
            .meta
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            return t.to_string();
        }
        self.blocks
            .iter()
            .find_map(|b| match b {
                Block::Heading { level: 1, content } => {
                    Some(inline_text(content).trim().to_string())
                }
                _ => None,
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::parse;

    #[test]
    fn nesting_depth_counts_blocks_and_inlines() {
        let depth = |md: &str| parse(md).map(|d| d.nesting_depth()).unwrap_or(0);
        assert_eq!(depth(""), 0);
        // A paragraph (1) holding text (2).
        assert_eq!(depth("正文"), 2);
        // Paragraph, strong, emphasis, text.
        assert_eq!(depth("**加粗里有*强调***"), 4);
        // A list nested in a list in a quote: quote 1, list 2, its item's paragraph and the
        // inner list 3, the inner item's paragraph 4, its text 5.
        assert_eq!(depth("> - 一级\n>   - 二级"), 5);
        // Twenty quotes: twenty levels, the paragraph and its text.
        assert_eq!(depth(&("> ".repeat(20) + "底")), 22);
    }
}
