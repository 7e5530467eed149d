//! Markdown text -> [`Document`], through pulldown-cmark.

use super::MAX_DEPTH;
use super::options;
use crate::error::Result;
use crate::meta::split_front_matter;
use crate::model::{Align, Block, Document, Inline, ListItem};
use pulldown_cmark::{Alignment, CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// Parses a whole document: front matter, then the Markdown body.
pub fn parse(text: &str) -> Result<Document> {
    Ok(parse_with_lines(text)?.0)
}

/// Like [`parse`], and also gives the 1-based line in `text` where each top-level block starts.
pub fn parse_with_lines(text: &str) -> Result<(Document, Vec<usize>)> {
    let (meta, body) = split_front_matter(text);
    let skipped = text.len() - body.len();
    let line_of_body_start = text[..skipped].matches('\n').count();
    let (blocks, offsets) = parse_blocks_at(body);
    let mut line = line_of_body_start + 1;
    let mut last = 0;
    let lines = offsets
        .into_iter()
        .map(|off| {
            line += body.get(last..off).map_or(0, |s| s.matches('\n').count());
            last = off;
            line
        })
        .collect();
    Ok((Document { meta, blocks }, lines))
}

/// Parses Markdown with no front matter.
pub fn parse_blocks(body: &str) -> Vec<Block> {
    parse_blocks_at(body).0
}

fn parse_blocks_at(body: &str) -> (Vec<Block>, Vec<usize>) {
    // CR LF and a lone CR end lines as LF does; the model does not keep which one it was.
    let body: std::borrow::Cow<'_, str> = if body.contains('\r') {
        body.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        body.into()
    };
    let mut r = Reader {
        events: Parser::new_ext(&body, options())
            .into_offset_iter()
            .peekable(),
        depth: 0,
    };
    let mut blocks = Vec::new();
    let mut starts = Vec::new();
    while let Some((ev, range)) = r.events.next() {
        let before = blocks.len();
        r.block_event(ev, range.clone(), &mut blocks);
        if blocks.len() > before {
            starts.push(range.start);
        }
        // A flattened container may add several blocks for one start.
        while starts.len() < blocks.len() {
            starts.push(range.start);
        }
    }
    (blocks, starts)
}

type Events<'a> = std::iter::Peekable<pulldown_cmark::OffsetIter<'a>>;

struct Reader<'a> {
    events: Events<'a>,
    depth: usize,
}

fn align(a: &Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

fn push_inline(out: &mut Vec<Inline>, i: Inline) {
    if let Inline::Text { text } = &i {
        // pulldown-cmark can emit an empty text event (spaces before a closing `#` after
        // an unclosed delimiter); written back it vanishes, so the model never holds one.
        if text.is_empty() {
            return;
        }
        // It also splits text at escapes and entities; the model keeps one run.
        if let Some(Inline::Text { text: prev }) = out.last_mut() {
            prev.push_str(text);
            return;
        }
    }
    out.push(i);
}

/// A line of only characters Markdown strips (a vertical tab) leaves two breaks in a row;
/// written back, the empty line between them would end the paragraph. One break shows the
/// same, so the model keeps one soft break after any break; a hard break after a soft one
/// replaces it. Hard breaks in a row are kept: each shows as a line.
fn push_break(out: &mut Vec<Inline>, hard: bool) {
    match (out.last_mut(), hard) {
        (Some(Inline::SoftBreak | Inline::HardBreak), false) => {}
        (Some(last @ Inline::SoftBreak), true) => *last = Inline::HardBreak,
        _ => out.push(if hard {
            Inline::HardBreak
        } else {
            Inline::SoftBreak
        }),
    }
}

impl Reader<'_> {
    /// Handles one event at block level, pushing what it makes onto `out`.
    fn block_event(&mut self, ev: Event<'_>, _range: Range<usize>, out: &mut Vec<Block>) {
        match ev {
            Event::Start(tag) => self.block_start(tag, out),
            Event::Rule => out.push(Block::Rule),
            Event::Html(t) | Event::InlineHtml(t) => out.push(Block::Html {
                text: t.into_string(),
            }),
            Event::Text(t) if t.is_empty() => {}
            Event::Text(t) => out.push(Block::Paragraph {
                content: vec![Inline::text(t.into_string())],
            }),
            // Inline events at block level only come from flattening; keep their text.
            other => {
                let mut inl = Vec::new();
                self.inline_event(other, &mut inl);
                if !inl.is_empty() {
                    out.push(Block::Paragraph { content: inl });
                }
            }
        }
    }

    fn block_start(&mut self, tag: Tag<'_>, out: &mut Vec<Block>) {
        match tag {
            Tag::Paragraph => {
                let content = trim_breaks(self.inlines_until(TagEnd::Paragraph));
                out.push(Block::Paragraph { content });
            }
            Tag::Heading { level, .. } => {
                let content = self.inlines_until(TagEnd::Heading(level));
                out.push(Block::Heading {
                    level: level as u8,
                    content,
                });
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) if !l.is_empty() => Some(l.into_string()),
                    _ => None,
                };
                let mut text = String::new();
                for (ev, _) in self.events.by_ref() {
                    match ev {
                        Event::Text(t) => text.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                // An unclosed fence at the end of input has no final newline; every other
                // code block has one. The model always has it, so both read alike.
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
                out.push(Block::Code { lang, text });
            }
            Tag::HtmlBlock => {
                let mut text = String::new();
                for (ev, _) in self.events.by_ref() {
                    match ev {
                        Event::Html(t) | Event::Text(t) | Event::InlineHtml(t) => text.push_str(&t),
                        Event::End(TagEnd::HtmlBlock) => break,
                        _ => {}
                    }
                }
                // Trailing newlines depend on what follows the block, and the up to three
                // spaces before it on where it stands; neither belongs to the block.
                text.truncate(text.trim_end_matches(['\n', '\r']).len());
                let text = text.trim_start_matches(' ').to_string();
                out.push(Block::Html { text });
            }
            Tag::BlockQuote(_) => {
                let blocks = self.container(TagEnd::BlockQuote(None), out);
                if let Some(blocks) = blocks {
                    out.push(Block::Quote { blocks });
                }
            }
            Tag::List(start) => {
                if self.depth >= MAX_DEPTH {
                    self.flatten_until_list_end(out);
                    return;
                }
                self.depth += 1;
                let mut items = Vec::new();
                let mut tight = true;
                while let Some((ev, _)) = self.events.next() {
                    match ev {
                        Event::Start(Tag::Item) => {
                            let (item, loose) = self.item();
                            tight &= !loose;
                            items.push(item);
                        }
                        Event::End(TagEnd::List(_)) => break,
                        _ => {}
                    }
                }
                self.depth -= 1;
                out.push(Block::List {
                    start,
                    tight,
                    items,
                });
            }
            Tag::Table(aligns) => {
                let align: Vec<Align> = aligns.iter().map(align).collect();
                let mut head = Vec::new();
                let mut rows = Vec::new();
                let mut row: Vec<Vec<Inline>> = Vec::new();
                while let Some((ev, _)) = self.events.next() {
                    match ev {
                        Event::Start(Tag::TableCell) => {
                            row.push(self.inlines_until(TagEnd::TableCell))
                        }
                        Event::End(TagEnd::TableHead) => head = std::mem::take(&mut row),
                        Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
                        Event::End(TagEnd::Table) => break,
                        _ => {}
                    }
                }
                out.push(Block::Table { align, head, rows });
            }
            // Tags we do not enable (footnotes, definition lists, metadata) cannot appear;
            // anything else that starts at block level is read as inline content.
            other => {
                let mut inl = Vec::new();
                self.inline_start(other, &mut inl);
                if !inl.is_empty() {
                    out.push(Block::Paragraph { content: inl });
                }
            }
        }
    }

    /// Reads the blocks of a quote. Past MAX_DEPTH, they go straight into `out` instead.
    fn container(&mut self, end: TagEnd, out: &mut Vec<Block>) -> Option<Vec<Block>> {
        if self.depth >= MAX_DEPTH {
            self.blocks_until(end, out);
            return None;
        }
        self.depth += 1;
        let mut blocks = Vec::new();
        self.blocks_until(end, &mut blocks);
        self.depth -= 1;
        Some(blocks)
    }

    fn blocks_until(&mut self, end: TagEnd, out: &mut Vec<Block>) {
        while let Some((ev, range)) = self.events.next() {
            if ev == Event::End(end) {
                break;
            }
            self.block_event(ev, range, out);
        }
    }

    fn flatten_until_list_end(&mut self, out: &mut Vec<Block>) {
        let mut nested = 0usize;
        while let Some((ev, range)) = self.events.next() {
            match ev {
                Event::Start(Tag::List(_)) => nested += 1,
                Event::End(TagEnd::List(_)) if nested == 0 => break,
                Event::End(TagEnd::List(_)) => nested -= 1,
                Event::Start(Tag::Item) | Event::End(TagEnd::Item) | Event::TaskListMarker(_) => {}
                other => self.block_event(other, range, out),
            }
        }
    }

    /// One list item; returns it and whether it was loose (had paragraph tags).
    fn item(&mut self) -> (ListItem, bool) {
        let mut blocks = Vec::new();
        let mut pending: Vec<Inline> = Vec::new();
        let mut task = None;
        let mut loose = false;
        while let Some((ev, range)) = self.events.next() {
            match ev {
                Event::End(TagEnd::Item) => break,
                Event::TaskListMarker(checked) => task = Some(checked),
                Event::Start(Tag::Paragraph) => {
                    loose = true;
                    // In a loose list the task box comes inside the first paragraph.
                    if let Some((Event::TaskListMarker(checked), _)) = self.events.peek() {
                        if blocks.is_empty() && pending.is_empty() {
                            task = Some(*checked);
                        }
                        self.events.next();
                    }
                    flush(&mut pending, &mut blocks);
                    self.block_start(Tag::Paragraph, &mut blocks);
                }
                Event::Start(
                    tag @ (Tag::Heading { .. }
                    | Tag::CodeBlock(_)
                    | Tag::HtmlBlock
                    | Tag::BlockQuote(_)
                    | Tag::List(_)
                    | Tag::Table(_)),
                ) => {
                    flush(&mut pending, &mut blocks);
                    self.block_start(tag, &mut blocks);
                }
                Event::Rule => {
                    flush(&mut pending, &mut blocks);
                    blocks.push(Block::Rule);
                }
                Event::Html(t) => {
                    flush(&mut pending, &mut blocks);
                    blocks.push(Block::Html {
                        text: t.into_string(),
                    });
                }
                other => {
                    let _ = range;
                    self.inline_event(other, &mut pending);
                }
            }
        }
        flush(&mut pending, &mut blocks);
        (ListItem { task, blocks }, loose)
    }

    fn inlines_until(&mut self, end: TagEnd) -> Vec<Inline> {
        let mut out = Vec::new();
        while let Some((ev, _)) = self.events.next() {
            if ev == Event::End(end) {
                break;
            }
            self.inline_event(ev, &mut out);
        }
        out
    }

    fn inline_event(&mut self, ev: Event<'_>, out: &mut Vec<Inline>) {
        match ev {
            Event::Text(t) => push_inline(out, Inline::text(t.into_string())),
            Event::Code(t) => out.push(Inline::Code {
                text: t.into_string(),
            }),
            Event::InlineHtml(t) | Event::Html(t) => out.push(Inline::Html {
                text: t.into_string(),
            }),
            Event::SoftBreak | Event::HardBreak => push_break(out, ev == Event::HardBreak),
            Event::Start(tag) => self.inline_start(tag, out),
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                push_inline(out, Inline::text(t.into_string()))
            }
            Event::FootnoteReference(t) => push_inline(out, Inline::text(t.into_string())),
            Event::TaskListMarker(_) | Event::Rule | Event::End(_) => {}
        }
    }

    fn inline_start(&mut self, tag: Tag<'_>, out: &mut Vec<Inline>) {
        match tag {
            Tag::Emphasis => {
                let content = self.inlines_until(TagEnd::Emphasis);
                out.push(Inline::Emph { content });
            }
            Tag::Strong => {
                let content = self.inlines_until(TagEnd::Strong);
                out.push(Inline::Strong { content });
            }
            Tag::Strikethrough => {
                let content = self.inlines_until(TagEnd::Strikethrough);
                out.push(Inline::Strike { content });
            }
            Tag::Link {
                dest_url, title, ..
            } => {
                let content = self.inlines_until(TagEnd::Link);
                out.push(Inline::Link {
                    url: dest_url.into_string(),
                    title: title.into_string(),
                    content,
                });
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let alt = self.inlines_until(TagEnd::Image);
                out.push(Inline::Image {
                    url: dest_url.into_string(),
                    title: title.into_string(),
                    alt,
                });
            }
            other => {
                // Not enabled; read through to its end and keep the text.
                let end = other.to_end();
                for i in self.inlines_until(end) {
                    push_inline(out, i);
                }
            }
        }
    }
}

fn flush(pending: &mut Vec<Inline>, blocks: &mut Vec<Block>) {
    let content = trim_breaks(std::mem::take(pending));
    if !content.is_empty() {
        blocks.push(Block::Paragraph { content });
    }
}

/// A break at the very end of a paragraph shows nothing (pulldown-cmark emits one before a
/// line of only exotic white space); the model leaves it out.
fn trim_breaks(mut v: Vec<Inline>) -> Vec<Inline> {
    while matches!(v.last(), Some(Inline::SoftBreak | Inline::HardBreak)) {
        v.pop();
    }
    v
}
