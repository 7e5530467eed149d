//! [`Document`] -> Markdown text. The writer escapes just enough for the text to read back
//! to the same model: `parse(write(parse(x))) == parse(x)` is property-tested (see
//! tests/markdown_roundtrip.rs).

use super::options;
use crate::meta::write_front_matter;
use crate::model::{Align, Block, Document, Inline};
use pulldown_cmark::{Event, Parser, Tag};

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
pub(super) fn wordy(c: char) -> bool {
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
