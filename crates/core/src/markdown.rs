//! Markdown text <-> [`Document`], through pulldown-cmark.
//!
//! The writer escapes just enough for the text to read back to the same model:
//! `parse(write(parse(x))) == parse(x)` is property-tested (see tests/markdown_roundtrip.rs).

use crate::error::Result;
use crate::meta::{split_front_matter, write_front_matter};
use crate::model::{Align, Block, Document, Inline, ListItem};
use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Containers nested deeper than this are flattened into their parent: the text is kept,
/// the absurd structure is not (it would exhaust the stack of every writer after us).
pub const MAX_DEPTH: usize = 64;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Parses a whole document: front matter, then the Markdown body.
pub fn parse(text: &str) -> Result<Document> {
    Ok(parse_with_lines(text)?.0)
}

/// Like [`parse`], and also gives the 1-based line in `text` where each top-level block starts.
pub fn parse_with_lines(text: &str) -> Result<(Document, Vec<usize>)> {
    let (meta, body) = split_front_matter(text)?;
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

// ---------------------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------------------

/// The whole document as Markdown: front matter, then the body.
pub fn write(doc: &Document) -> String {
    let mut out = write_front_matter(&doc.meta);
    out.push_str(&write_blocks(&doc.blocks));
    out
}

/// Blocks as Markdown, ending with one newline.
pub fn write_blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    write_block_seq(blocks, false, 0, &mut out);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Writes blocks one after another. `tight`: separated by a single newline (inside a tight
/// list item) rather than a blank line.
fn write_block_seq(blocks: &[Block], tight: bool, depth: usize, out: &mut String) {
    // Two lists in a row must use different markers, or they read back as one list.
    let mut bullet_alt = false;
    let mut ordered_alt = false;
    let mut prev: Option<&Block> = None;
    for b in blocks {
        if let Some(p) = prev {
            // In a tight item, a line right after an open paragraph would continue it
            // lazily, and an HTML block runs on to a blank line.
            // A table takes following lines as rows; two quotes in a row would merge.
            let need_blank = !tight
                || matches!(p, Block::Html { .. } | Block::Table { .. })
                || matches!((p, b), (Block::Quote { .. }, Block::Quote { .. }))
                || (ends_in_paragraph(p) && !interrupts_paragraph(b));
            out.push_str(if need_blank { "\n\n" } else { "\n" });
        }
        match b {
            Block::List { start, .. } => {
                let alt = if start.is_some() {
                    &mut ordered_alt
                } else {
                    &mut bullet_alt
                };
                if matches!(prev, Some(Block::List { start: s, .. }) if s.is_some() == start.is_some())
                {
                    *alt = !*alt;
                } else {
                    *alt = false;
                }
                write_list(b, *alt, depth, out);
            }
            _ => write_block(b, out),
        }
        prev = Some(b);
    }
}

/// A character that counts as part of a word for emphasis flanking: anything but white
/// space and what CommonMark calls punctuation (the Unicode P and S categories).
/// pulldown-cmark's own table decides beyond ASCII — its Unicode version differs from any
/// other crate's, and the writer must agree with the reader — so it is asked: `c_a_` is
/// emphasis exactly when `c` is punctuation.
fn wordy(c: char) -> bool {
    if c.is_whitespace() {
        return false;
    }
    if c.is_ascii() {
        return !c.is_ascii_punctuation();
    }
    let mut probe = String::with_capacity(8);
    probe.push(c);
    probe.push_str("_a_");
    !Parser::new_ext(&probe, options()).any(|e| matches!(e, Event::Start(Tag::Emphasis)))
}

fn has_break(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| match i {
        Inline::SoftBreak | Inline::HardBreak => true,
        Inline::Strong { content }
        | Inline::Emph { content }
        | Inline::Strike { content }
        | Inline::Link { content, .. } => has_break(content),
        Inline::Image { alt, .. } => has_break(alt),
        _ => false,
    })
}

/// Whether `b`, written on the line after a paragraph, starts a block of its own.
fn interrupts_paragraph(b: &Block) -> bool {
    match b {
        Block::Quote { .. } | Block::Code { .. } | Block::Rule => true,
        Block::Html { text } => html_block_interrupts(text),
        Block::Heading { content, level } => {
            // Written as setext (two lines) when it has breaks; that would join the paragraph.
            *level > 2 || !has_break(content)
        }
        Block::List { start, items, .. } => {
            matches!(start, None | Some(1))
                && items
                    .first()
                    .is_some_and(|i| !i.blocks.is_empty() || i.task.is_some())
        }
        _ => false,
    }
}

/// CommonMark's HTML block kinds 1–6 may interrupt a paragraph; kind 7 (any other tag)
/// may not.
fn html_block_interrupts(text: &str) -> bool {
    const BLOCK_TAGS: &[&str] = &[
        "address",
        "article",
        "aside",
        "base",
        "basefont",
        "blockquote",
        "body",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
    ];
    let t = text.trim_start_matches(' ');
    let Some(rest) = t.strip_prefix('<') else {
        return false;
    };
    if rest.starts_with("!--") || rest.starts_with('?') || rest.starts_with("![CDATA[") {
        return true;
    }
    if rest
        .strip_prefix('!')
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()))
    {
        return true;
    }
    let name_part = rest.strip_prefix('/').unwrap_or(rest);
    let name: String = name_part
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let after = name_part[name.len()..].chars().next();
    let ends_name = matches!(after, None | Some(' ' | '\t' | '\n' | '\r' | '>'))
        || name_part[name.len()..].starts_with("/>");
    let raw =
        ["script", "pre", "style", "textarea"].contains(&name.as_str()) && !rest.starts_with('/');
    raw || (BLOCK_TAGS.contains(&name.as_str()) && ends_name)
}

fn ends_in_paragraph(b: &Block) -> bool {
    match b {
        Block::Paragraph { .. } => true,
        Block::Quote { blocks } => blocks.last().is_some_and(ends_in_paragraph),
        Block::List { items, .. } => items
            .last()
            .and_then(|i| i.blocks.last())
            .is_some_and(ends_in_paragraph),
        _ => false,
    }
}

fn write_block(b: &Block, out: &mut String) {
    match b {
        Block::Heading { level, content } => {
            if has_break(content) && *level <= 2 {
                write_inlines(content, Ctx::Heading, out);
                out.push('\n');
                out.push_str(if *level == 1 { "===" } else { "---" });
            } else {
                for _ in 0..*level {
                    out.push('#');
                }
                if !content.is_empty() {
                    out.push(' ');
                    write_inlines(content, Ctx::Heading, out);
                }
            }
        }
        Block::Paragraph { content } => write_inlines(content, Ctx::Para, out),
        Block::List { .. } => write_list(b, false, 0, out),
        Block::Table { align, head, rows } => write_table(align, head, rows, out),
        Block::Quote { blocks } => {
            let inner = write_blocks(blocks);
            let inner = inner.trim_end_matches('\n');
            if inner.is_empty() {
                out.push('>');
                return;
            }
            for (i, line) in inner.split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                if line.is_empty() {
                    out.push('>');
                } else {
                    out.push_str("> ");
                    out.push_str(line);
                }
            }
        }
        Block::Code { lang, text } => {
            let longest = longest_run(text, '`');
            let (ch, n) = match lang {
                Some(l) if l.contains('`') => ('~', longest_run(text, '~').max(2) + 1),
                _ => ('`', longest.max(2) + 1),
            };
            let fence: String = std::iter::repeat_n(ch, n).collect();
            out.push_str(&fence);
            if let Some(l) = lang {
                // Escapes and entities are decoded in an info string too.
                for c in l.chars() {
                    if c.is_ascii_punctuation() && c != '`' {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
            out.push('\n');
            out.push_str(text);
            if !text.is_empty() && !text.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&fence);
        }
        Block::Html { text } => out.push_str(text.trim_end_matches('\n')),
        // `___` never reads as a bullet or a setext underline, wherever it stands.
        Block::Rule => out.push_str("___"),
    }
}

fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for ch in s.chars() {
        if ch == c {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

fn write_list(b: &Block, alt: bool, depth: usize, out: &mut String) {
    let Block::List {
        start,
        tight,
        items,
    } = b
    else {
        return;
    };
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push_str(if *tight { "\n" } else { "\n\n" });
        }
        let marker = match start {
            Some(s) => format!(
                "{}{} ",
                s.saturating_add(n as u64),
                if alt { ')' } else { '.' }
            ),
            // The bullet changes with depth too: `- - -` would read as a rule.
            None => format!("{} ", ['-', '*', '+'][(depth + usize::from(alt)) % 3]),
        };
        let indent = " ".repeat(marker.chars().count());
        let mut body = String::new();
        if let Some(checked) = item.task {
            body.push_str(if checked { "[x] " } else { "[ ] " });
            // Only a paragraph may share the marker's line; anything else starts below it.
            if matches!(item.blocks.first(), Some(b) if !matches!(b, Block::Paragraph { .. })) {
                body.push('\n');
            }
        }
        write_block_seq(&item.blocks, *tight, depth + 1, &mut body);
        if body.is_empty() {
            out.push_str(marker.trim_end());
            continue;
        }
        out.push_str(&marker);
        for (i, line) in body.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
                if !line.is_empty() {
                    out.push_str(&indent);
                }
            }
            out.push_str(line);
        }
    }
}

fn write_table(align: &[Align], head: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>], out: &mut String) {
    let cols = align.len().max(head.len()).max(1);
    let row_line = |cells: &[Vec<Inline>], out: &mut String| {
        out.push('|');
        for c in 0..cols {
            out.push(' ');
            if let Some(cell) = cells.get(c) {
                write_inlines(cell, Ctx::Cell, out);
            }
            out.push_str(" |");
        }
    };
    row_line(head, out);
    out.push_str("\n|");
    for c in 0..cols {
        out.push_str(match align.get(c).copied().unwrap_or(Align::None) {
            Align::None => " --- |",
            Align::Left => " :-- |",
            Align::Center => " :-: |",
            Align::Right => " --: |",
        });
    }
    for r in rows {
        out.push('\n');
        row_line(r, out);
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    Para,
    Heading,
    Cell,
}

fn write_inlines(inlines: &[Inline], ctx: Ctx, out: &mut String) {
    let mut line_start = true;
    let mut after_break = false;
    write_inline_seq(inlines, ctx, None, &mut line_start, &mut after_break, out);
}

/// `line_start`: the next character begins a line; `after_break`: that line continues a
/// paragraph (so it may be indented without becoming code).
fn write_inline_seq(
    inlines: &[Inline],
    ctx: Ctx,
    avoid: Option<char>,
    line_start: &mut bool,
    after_break: &mut bool,
    out: &mut String,
) {
    for (idx, i) in inlines.iter().enumerate() {
        match i {
            Inline::Text { text } => {
                escape_text(text, ctx, *line_start, out);
                *line_start = false;
            }
            Inline::Strong { content } | Inline::Emph { content } => {
                // Emphasis nested in emphasis takes the other character (`*` / `_`), or its
                // run could close the outer one. `*` is preferred (it works inside words);
                // `_` is used when `*` would merge with a run just written or with the
                // parent's, and only where no letter or digit touches it.
                let out_end = out.trim_end_matches('~');
                let prev_alnum = out_end.chars().last().is_some_and(wordy);
                let next_alnum = inlines.get(idx + 1).is_some_and(|n| match n {
                    Inline::Text { text } => text.chars().next().is_some_and(wordy),
                    _ => false,
                });
                let merges =
                    |c: char| out_end.ends_with(c) && !out_end.ends_with(&format!("\\{c}"));
                let star_ok = avoid != Some('*') && !merges('*');
                let underscore_ok =
                    avoid != Some('_') && !merges('_') && !prev_alnum && !next_alnum;
                // An emphasis right before another leaves `*` to that one, which may sit
                // against a word.
                let is_emph = |x: Option<&Inline>| {
                    matches!(x, Some(Inline::Strong { .. } | Inline::Emph { .. }))
                };
                let child_at_edge = is_emph(content.first()) || is_emph(content.last());
                // A child emphasis touching a word character can only take `*`.
                let touches_word = |x: Option<&Inline>, first: bool| match x {
                    Some(Inline::Text { text }) => {
                        let c = if first {
                            text.chars().next()
                        } else {
                            text.chars().last()
                        };
                        c.is_some_and(wordy)
                    }
                    _ => false,
                };
                let child_needs_star = content.iter().enumerate().any(|(j, x)| {
                    is_emph(Some(x))
                        && (touches_word(j.checked_sub(1).and_then(|p| content.get(p)), false)
                            || touches_word(content.get(j + 1), true))
                });
                let c = if underscore_ok
                    && (is_emph(inlines.get(idx + 1))
                        || child_at_edge
                        || child_needs_star
                        || !star_ok)
                {
                    '_'
                } else {
                    '*'
                };
                let strong = matches!(i, Inline::Strong { .. });
                let d: String = std::iter::repeat_n(c, if strong { 2 } else { 1 }).collect();
                out.push_str(&d);
                *line_start = false;
                write_inline_seq(content, ctx, Some(c), line_start, after_break, out);
                out.push_str(&d);
                *line_start = false;
            }
            Inline::Strike { content } => {
                out.push_str("~~");
                *line_start = false;
                write_inline_seq(content, ctx, avoid, line_start, after_break, out);
                out.push_str("~~");
                *line_start = false;
            }
            Inline::Code { text } => {
                let n = longest_run(text, '`') + 1;
                let fence: String = "`".repeat(n);
                let pad = text.starts_with('`')
                    || text.ends_with('`')
                    || (text.starts_with(' ')
                        && text.ends_with(' ')
                        && text.chars().any(|c| c != ' '));
                out.push_str(&fence);
                if pad {
                    out.push(' ');
                }
                out.push_str(text);
                if pad {
                    out.push(' ');
                }
                out.push_str(&fence);
                *line_start = false;
            }
            Inline::Link {
                url,
                title,
                content,
            } => {
                out.push('[');
                *line_start = false;
                let from = out.len();
                write_inline_seq(content, ctx, None, line_start, after_break, out);
                close_label(content, from, out);
                write_destination(url, title, out);
                out.push(')');
                *line_start = false;
            }
            Inline::Image { url, title, alt } => {
                out.push_str("![");
                *line_start = false;
                let from = out.len();
                write_inline_seq(alt, ctx, None, line_start, after_break, out);
                close_label(alt, from, out);
                write_destination(url, title, out);
                out.push(')');
                *line_start = false;
            }
            Inline::Html { text } => {
                // A tag opening a continuation line could start an HTML block; four spaces
                // of indent rule that out and are dropped when read back.
                if *line_start && *after_break {
                    out.push_str("    ");
                }
                out.push_str(text);
                *line_start = false;
            }
            Inline::SoftBreak => {
                out.push(if ctx == Ctx::Cell { ' ' } else { '\n' });
                *line_start = ctx != Ctx::Cell;
                *after_break = *line_start;
            }
            Inline::HardBreak => {
                out.push_str(if ctx == Ctx::Cell { " " } else { "\\\n" });
                *line_start = ctx != Ctx::Cell;
                *after_break = *line_start;
            }
        }
    }
}

/// Ends a link's or image's text, which `write_inline_seq` wrote from `from` on.
/// pulldown-cmark reads a backslash break right before the `]` line as a literal backslash
/// when the text holds a delimiter run (`*`, `_`, `~`); there, two spaces are read as the
/// break, and spaces the text ends with are written as references so the break's two
/// spaces do not swallow them.
fn close_label(label: &[Inline], from: usize, out: &mut String) {
    let quirk = matches!(label.last(), Some(Inline::HardBreak))
        && out.ends_with("\\\n")
        && out[from..].contains(['*', '_', '~']);
    if quirk {
        out.truncate(out.len() - 2);
        let kept = out.trim_end_matches([' ', '\t']).len();
        let tail: String = out[kept..]
            .chars()
            .map(|c| if c == ' ' { "&#32;" } else { "&#9;" })
            .collect();
        out.truncate(kept);
        out.push_str(&tail);
        out.push_str("  \n");
    }
    out.push_str("](");
}

fn write_destination(url: &str, title: &str, out: &mut String) {
    out.push('<');
    // Escapes and entities are decoded in destinations and titles, so `&` is escaped too.
    for c in url.chars() {
        if matches!(c, '<' | '>' | '\\' | '&') {
            out.push('\\');
        }
        if c == '\n' {
            out.push_str("%0A");
            continue;
        }
        out.push(c);
    }
    out.push('>');
    if !title.is_empty() {
        out.push_str(" \"");
        for c in title.chars() {
            if matches!(c, '"' | '\\' | '&') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    }
}

/// ASCII punctuation that means something wherever it stands in inline text.
fn always_escaped(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!'
    )
}

fn escape_text(text: &str, ctx: Ctx, mut line_start: bool, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if line_start {
            line_start = false;
            if matches!(c, '#' | '-' | '+' | '=' | ':') {
                out.push('\\');
                out.push(c);
                i += 1;
                continue;
            }
            if c.is_ascii_digit() {
                // `1.` or `1)` at the start of a line would begin an ordered list.
                let mut j = i;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                for &d in &chars[i..j] {
                    out.push(d);
                }
                if j < chars.len() && matches!(chars[j], '.' | ')') {
                    out.push('\\');
                    out.push(chars[j]);
                    j += 1;
                }
                i = j;
                continue;
            }
        }
        if always_escaped(c) || (c == '#' && ctx == Ctx::Heading) {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(s: &str) {
        let a = parse(s).unwrap();
        let written = write(&a);
        let b = parse(&written).unwrap();
        assert_eq!(a, b, "\n--- source:\n{s}\n--- written:\n{written}");
    }

    #[test]
    fn fixtures_round_trip() {
        for s in [
            include_str!("../../../tests/fixtures/annual-summary.md"),
            include_str!("../../../tests/fixtures/hostile.md"),
            include_str!("../../../tests/fixtures/plain-text-summary.txt"),
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
