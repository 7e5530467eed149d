//! The document as data for the template: a JSON value the typst template (`template.typ`)
//! walks. All user text travels here as JSON strings and reaches typst as string values —
//! never as markup — so `#read(..)`, `$x$` or `#panic()` in a document are just text.
//!
//! Everything the template needs to decide is decided here, from `recap_core::style`: the
//! figures of the style (converted to points), the family chosen for each font role, the
//! title, the heading numbers, the signature. The template converts nothing and knows no
//! figure of any style.
//!
//! The shape is also made safe for typst's limits: containers nested deeper than
//! [`MAX_NEST`] are flattened (typst stops at 80 nested calls), inline formatting is flattened
//! to runs (no recursion at all), and long runs without a break opportunity get invisible
//! ones so that a 100,000-character token wraps instead of running off the page.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use recap_core::Lang;
use recap_core::layout::{self, Plan};
use recap_core::model::{Align, Block, Document, Inline, ListItem, inline_text};
use recap_core::style::{
    FontRole, FooterPosition, HAlign, PageNumberPlacement, PagePart, Style, units,
};
use recap_core::text::is_cjk_char;
use serde_json::{Map, Value, json};

use crate::{ExportOptions, author_line, closing_block, cover_lines, toc_label, trim_inlines};

/// Lists and quotes deeper than this are drawn at this depth (their text is all kept).
pub(crate) const MAX_NEST: usize = 8;

/// A run of characters without a break opportunity longer than this gets one every
/// [`CHUNK`] characters.
const LONG_RUN: usize = 40;
const CHUNK: usize = 20;

/// The boxes of task-list items (followed by a space).
pub(crate) const TASK_OPEN: &str = "\u{2610} ";
pub(crate) const TASK_DONE: &str = "\u{2611} ";

/// The font of one role as the template uses it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RoleFont {
    pub role: FontRole,
    pub family: String,
    pub fallback: bool,
    pub has_bold: bool,
}

fn align_name(a: HAlign) -> &'static str {
    match a {
        HAlign::Left => "left",
        HAlign::Center => "center",
        HAlign::Right => "right",
        HAlign::Justify => "justify",
    }
}

/// User text as the PDF draws it: first the characters every writer drops
/// ([`crate::clean_text`]: what XML forbids), then what has no place on a page — the other
/// controls (C1, DEL, carriage returns) and noncharacters. Tabs become four spaces, other
/// line separators line feeds.
pub(crate) fn clean_text(s: &str) -> String {
    let s = crate::clean_text(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            '\r' => {}
            '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            c if c.is_control() => {}
            c if is_noncharacter(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn is_noncharacter(c: char) -> bool {
    let u = c as u32;
    (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE
}

/// Whether a break between `a` and `b` may be added: only between two letters, digits or
/// punctuation of the alphabetic scripts (ASCII, Latin, Greek, Cyrillic), never next to a
/// combining mark or inside an emoji sequence, so that no grapheme cluster is split.
fn may_split(a: char, b: char) -> bool {
    let simple = |c: char| {
        c.is_ascii_graphic()
            || (matches!(c as u32, 0xC0..=0x52F) && !matches!(c as u32, 0x300..=0x36F))
    };
    simple(a) && simple(b)
}

/// Splits `text` into pieces at added break opportunities: within every run of more than
/// [`LONG_RUN`] characters that offers none (no space, no CJK character), every [`CHUNK`]
/// characters.
pub(crate) fn split_long_runs(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0; // start of the current piece
    let mut run = 0usize; // characters since the last natural break opportunity
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || is_cjk_char(c) || c == '-' || c == '/' {
            run = 0;
        } else {
            run += 1;
            if run > LONG_RUN && run % CHUNK == 1 && prev.is_some_and(|p| may_split(p, c)) {
                pieces.push(&text[start..i]);
                start = i;
            }
        }
        prev = Some(c);
    }
    pieces.push(&text[start..]);
    pieces
}

#[derive(Default, Clone, Copy)]
struct Marks {
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
}

/// Flattens inlines into runs: `{"v": text, "b"/"i"/"s"/"c": 1, "u": url}`, `{"br": 1}` for a
/// hard break, `{"z": 1}` for an added break opportunity.
struct Runs {
    out: Vec<Value>,
    /// Last character written, for the soft-break rule of `inline_text`.
    last: Option<char>,
}

impl Runs {
    fn new() -> Self {
        Runs {
            out: Vec::new(),
            last: None,
        }
    }

    fn text(&mut self, text: &str, m: Marks, url: Option<&str>) {
        let text = clean_text(text);
        if text.is_empty() {
            return;
        }
        self.last = text.chars().last();
        for (k, piece) in split_long_runs(&text).into_iter().enumerate() {
            if k > 0 {
                self.out.push(json!({"z": 1}));
            }
            if piece.is_empty() {
                continue;
            }
            let mut r = Map::new();
            r.insert("v".into(), Value::String(piece.to_string()));
            for (key, on) in [
                ("b", m.bold),
                ("i", m.italic),
                ("s", m.strike),
                ("c", m.code),
            ] {
                if on {
                    r.insert(key.into(), json!(1));
                }
            }
            if let Some(u) = url {
                r.insert("u".into(), Value::String(u.to_string()));
            }
            self.out.push(Value::Object(r));
        }
    }

    fn inlines(&mut self, inlines: &[Inline], m: Marks, url: Option<&str>) {
        for i in inlines {
            match i {
                Inline::Text { text } | Inline::Html { text } => self.text(text, m, url),
                Inline::Code { text } => self.text(text, Marks { code: true, ..m }, url),
                Inline::Strong { content } => self.inlines(content, Marks { bold: true, ..m }, url),
                Inline::Emph { content } => self.inlines(content, Marks { italic: true, ..m }, url),
                Inline::Strike { content } => {
                    self.inlines(content, Marks { strike: true, ..m }, url)
                }
                Inline::Link {
                    url: target,
                    content,
                    ..
                } => {
                    // Only http, https and mailto stay links (the rule of every writer).
                    let target = crate::link_target(target);
                    self.inlines(content, m, target.as_deref().or(url));
                }
                // No file is ever read: an image shows as its description.
                Inline::Image { alt, .. } => self.inlines(alt, m, url),
                Inline::SoftBreak => {
                    if !self.last.is_some_and(is_cjk_char) {
                        self.text(" ", m, url);
                    }
                }
                Inline::HardBreak => {
                    self.out.push(json!({"br": 1}));
                    self.last = Some('\n');
                }
            }
        }
    }
}

fn runs(inlines: &[Inline]) -> Value {
    let mut r = Runs::new();
    r.inlines(inlines, Marks::default(), None);
    Value::Array(r.out)
}

fn text_runs(text: &str) -> Value {
    let mut r = Runs::new();
    r.text(text, Marks::default(), None);
    Value::Array(r.out)
}

/// Literal lines (code, raw HTML): the text of each line as it is (typst keeps its spaces),
/// line breaks between them.
fn literal_runs(text: &str, code: bool) -> Value {
    let mut r = Runs::new();
    let text = clean_text(text.trim_end_matches('\n'));
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            r.out.push(json!({"br": 1}));
        }
        r.text(
            line,
            Marks {
                code,
                ..Marks::default()
            },
            None,
        );
    }
    Value::Array(r.out)
}

/// The lines of a closing paragraph (name, date), split at its line breaks.
fn closing_lines(content: &[Inline]) -> Vec<Value> {
    let mut lines = vec![Vec::new()];
    for i in content {
        match i {
            Inline::SoftBreak | Inline::HardBreak => lines.push(Vec::new()),
            other => {
                if let Some(last) = lines.last_mut() {
                    last.push(other.clone());
                }
            }
        }
    }
    lines
        .iter()
        .map(|l| trim_inlines(l))
        .filter(|l| !inline_text(l).trim().is_empty())
        .map(|l| runs(&l))
        .collect()
}

struct Blocks<'a> {
    plan: &'a Plan,
    /// The last block when it is the author's own closing (name and date): set like the
    /// signature block rather than as body text.
    closing: Option<usize>,
}

impl Blocks<'_> {
    fn top(&self, blocks: &[Block]) -> Vec<Value> {
        let mut out = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            if Some(i) == self.plan.title_block {
                continue;
            }
            if Some(i) == self.closing
                && let Block::Paragraph { content } = b
            {
                out.push(json!({"t": "sig", "lines": closing_lines(content)}));
                continue;
            }
            if let Block::Heading { content, .. } = b {
                let depth = self.plan.depths.get(i).copied().flatten().unwrap_or(0);
                let mut h = Map::new();
                h.insert("t".into(), json!("h"));
                h.insert("d".into(), json!(depth));
                h.insert("role".into(), json!(FontRole::heading(depth).id()));
                if let Some(n) = self.plan.numbers.get(i).cloned().flatten() {
                    h.insert("n".into(), json!(n));
                }
                let mut rs = Runs::new();
                // The heading text as typed, without spaces around it.
                let trimmed = trim_inlines(content);
                rs.inlines(&trimmed, Marks::default(), None);
                h.insert("r".into(), Value::Array(rs.out));
                out.push(Value::Object(h));
            } else {
                self.block(b, 0, &mut out);
            }
        }
        out
    }

    fn blocks(&self, blocks: &[Block], depth: usize) -> Vec<Value> {
        let mut out = Vec::new();
        for b in blocks {
            self.block(b, depth, &mut out);
        }
        out
    }

    fn block(&self, b: &Block, depth: usize, out: &mut Vec<Value>) {
        match b {
            // Headings inside containers are set as bold paragraphs.
            Block::Heading { content, .. } => {
                let mut rs = Runs::new();
                rs.inlines(
                    content,
                    Marks {
                        bold: true,
                        ..Marks::default()
                    },
                    None,
                );
                out.push(json!({"t": "p", "r": rs.out}));
            }
            Block::Paragraph { content } => out.push(json!({"t": "p", "r": runs(content)})),
            Block::List {
                start,
                tight,
                items,
            } => {
                if depth >= MAX_NEST {
                    let mut flat = Vec::new();
                    self.flat_items(items, &mut flat);
                    out.push(
                        json!({"t": "l", "o": start, "tight": tight, "task": false, "i": flat}),
                    );
                } else {
                    let items: Vec<Value> = items
                        .iter()
                        .map(|it| task_item(it.task, self.blocks(&it.blocks, depth + 1)))
                        .collect();
                    out.push(json!({"t": "l", "o": start, "tight": tight, "task": all_tasks(items_of(b)), "i": items}));
                }
            }
            Block::Quote { blocks } => {
                if depth >= MAX_NEST {
                    out.extend(self.blocks(blocks, depth));
                } else {
                    out.push(json!({"t": "q", "b": self.blocks(blocks, depth + 1)}));
                }
            }
            Block::Table { align, head, rows } => {
                let cols = std::iter::once(head.len())
                    .chain(rows.iter().map(Vec::len))
                    .max()
                    .unwrap_or(0)
                    .max(1);
                let cell = |row: &Vec<Vec<Inline>>, k: usize| {
                    row.get(k).map_or_else(|| json!([]), |c| runs(c))
                };
                let aligns: Vec<&str> = (0..cols)
                    .map(|k| match align.get(k) {
                        Some(Align::Center) => "center",
                        Some(Align::Right) => "right",
                        _ => "left",
                    })
                    .collect();
                let head: Vec<Value> = (0..cols).map(|k| cell(head, k)).collect();
                let rows: Vec<Value> = rows
                    .iter()
                    .map(|r| Value::Array((0..cols).map(|k| cell(r, k)).collect()))
                    .collect();
                out.push(json!({"t": "tb", "a": aligns, "h": head, "rows": rows}));
            }
            Block::Code { text, .. } => {
                out.push(json!({"t": "code", "r": literal_runs(text, true)}))
            }
            Block::Html { text } => out.push(json!({"t": "raw", "r": literal_runs(text, false)})),
            Block::Rule => out.push(json!({"t": "hr"})),
        }
    }

    /// The items of a list past [`MAX_NEST`], nested lists' items brought up beside them.
    fn flat_items(&self, items: &[ListItem], out: &mut Vec<Value>) {
        for it in items {
            let mut own = Vec::new();
            let mut nested = Vec::new();
            self.split_flat(&it.blocks, &mut own, &mut nested);
            out.push(task_item(it.task, own));
            for n in nested {
                self.flat_items(n, out);
            }
        }
    }

    /// An item's blocks past the nesting limit: lists (also those inside quotes) join the
    /// flat list instead of opening a new one, so lists and quotes alternating 1,000 deep
    /// still give data of bounded depth; everything else is drawn at the limit.
    fn split_flat<'a>(
        &self,
        blocks: &'a [Block],
        own: &mut Vec<Value>,
        nested: &mut Vec<&'a [ListItem]>,
    ) {
        for b in blocks {
            match b {
                Block::List { items, .. } => nested.push(items),
                Block::Quote { blocks } => self.split_flat(blocks, own, nested),
                other => self.block(other, MAX_NEST, own),
            }
        }
    }
}

fn items_of(b: &Block) -> &[ListItem] {
    match b {
        Block::List { items, .. } => items,
        _ => &[],
    }
}

/// A list whose items are all tasks is drawn without bullets: the boxes are the markers.
fn all_tasks(items: &[ListItem]) -> bool {
    !items.is_empty() && items.iter().all(|i| i.task.is_some())
}

/// A list item; a task item's first paragraph starts with its box (☐ / ☑).
fn task_item(task: Option<bool>, mut blocks: Vec<Value>) -> Value {
    if let Some(done) = task {
        let mark = json!({"v": if done { TASK_DONE } else { TASK_OPEN }, "sym": 1});
        match blocks.first_mut() {
            Some(Value::Object(p)) if p.get("t") == Some(&json!("p")) => {
                if let Some(Value::Array(r)) = p.get_mut("r") {
                    r.insert(0, mark);
                }
            }
            _ => blocks.insert(0, json!({"t": "p", "r": [mark]})),
        }
    }
    json!({"b": blocks})
}

/// Every character the PDF may show from the document and the options.
pub(crate) fn all_chars(doc: &Document, opts: &ExportOptions) -> BTreeSet<char> {
    let m = &doc.meta;
    let mut set: BTreeSet<char> = doc.plain_text().chars().collect();
    for s in [
        &m.title,
        &m.author,
        &m.department,
        &m.position,
        &opts.header,
    ]
    .into_iter()
    .flatten()
    {
        set.extend(s.chars());
    }
    set
}

/// The language of the text: the document's own, else Chinese when it has CJK text, else
/// the language of the export.
pub(crate) fn text_lang(doc: &Document, opts: &ExportOptions) -> Lang {
    if let Some(l) = doc.meta.lang {
        return l;
    }
    if doc.plain_text().chars().any(is_cjk_char) {
        return if opts.lang == Lang::ZhHant {
            Lang::ZhHant
        } else {
            Lang::ZhHans
        };
    }
    opts.lang
}

fn lang_region(l: Lang) -> (&'static str, Option<&'static str>) {
    match l {
        Lang::ZhHans => ("zh", Some("cn")),
        Lang::ZhHant => ("zh", Some("tw")),
        Lang::En => ("en", None),
    }
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(clean_text)
}

fn page_parts(parts: &[PagePart]) -> Value {
    Value::Array(
        parts
            .iter()
            .map(|p| match p {
                PagePart::Text(t) => json!({"v": t}),
                PagePart::Page => json!({"page": 1}),
                PagePart::Pages => json!({"pages": 1}),
            })
            .collect(),
    )
}

/// Builds the JSON the template reads.
pub(crate) fn prepare(
    doc: &Document,
    style: &Style,
    fonts: &[RoleFont],
    symbol_family: Option<&str>,
    opts: &ExportOptions,
    today: NaiveDate,
) -> Vec<u8> {
    let plan = layout::plan(doc, style);
    let lang = text_lang(doc, opts);
    let (lang_code, region) = lang_region(lang);
    let ui = opts.lang;

    // Fonts: family, size, baseline-to-baseline distance, bold, per role.
    let mut font_map = Map::new();
    for f in fonts {
        let spec = style.font(f.role);
        font_map.insert(
            f.role.id().to_string(),
            json!({
                "family": f.family,
                "size": spec.size_pt,
                "lh": style.line_height_pt(spec.size_pt),
                "bold": spec.bold,
                "has-bold": f.has_bold,
            }),
        );
    }

    let m = &style.margins;
    let pn = &style.page_numbers;
    let pn_size = style.font(FontRole::PageNumber).size_pt;
    let header_size = style.font(FontRole::Header).size_pt;
    // typst puts the footer's top `descent` below the type area and the header's bottom
    // `ascent` above it; the style gives distances from the page's edges.
    let footer_descent_mm = match pn.position {
        FooterPosition::BelowTypeArea { gap_mm } => gap_mm,
        FooterPosition::FromEdge { .. } => {
            m.bottom_mm - style.footer_mm() - units::pt_to_mm(pn_size)
        }
    };
    let header_ascent_mm = m.top_mm - style.header_mm - units::pt_to_mm(header_size);
    let (placement, inset) = match pn.placement {
        PageNumberPlacement::Outside { inset_chars } => ("outside", inset_chars),
        PageNumberPlacement::Center => ("center", 0),
    };
    let sig = &style.signature;
    // On a grid of characters (公文: 28 a line), characters advance by the grid's pitch, as
    // Word's document grid sets them: 28 × 16 pt would be wider than the 156 mm type area.
    // The indent is then counted in grid characters too.
    let body_size = style.font(FontRole::Body).size_pt;
    let (tracking, indent) = match style.grid_char_pitch_pt() {
        Some(pitch) => (
            pitch - body_size,
            style.first_line_indent_chars as f32 * pitch,
        ),
        None => (0.0, style.first_line_indent_pt()),
    };

    let s = json!({
        // To the hundredth of a point, as Word and LibreOffice write A4 (595.28 × 841.89).
        "page": {"w": hundredths(units::mm_to_pt(style.page.width_mm)), "h": hundredths(units::mm_to_pt(style.page.height_mm))},
        "margin": {
            "top": units::mm_to_pt(m.top_mm), "bottom": units::mm_to_pt(m.bottom_mm),
            "left": units::mm_to_pt(m.left_mm), "right": units::mm_to_pt(m.right_mm),
        },
        "fonts": font_map,
        "title-after": style.title_space_after_pt,
        "title-align": align_name(style.title_align),
        "heading-before": style.heading_space_before_pt,
        "heading-after": style.heading_space_after_pt,
        "body-align": align_name(style.body_align),
        "indent": indent,
        // 公文 headings are lines of the text on the grid, indented like its paragraphs;
        // the other styles set them flush.
        "heading-indent": if style.grid.is_some() { indent } else { 0.0 },
        "tracking": tracking,
        // A family that has the task boxes ☐ ☑ (CJK faces often lack them or draw a
        // look-alike), if any installed one does.
        "symbol-family": symbol_family,
        "heading-roles": (0..4).map(|d| FontRole::heading(d).id()).collect::<Vec<_>>(),
        "author-role": style.author_line.map(|a| a.role.id()),
        "author-align": style.author_line.map(|a| align_name(a.align)),
        "footer": {
            "parts": page_parts(&pn.format.parts(ui)),
            "placement": placement,
            "inset-chars": inset,
            "descent": units::mm_to_pt(footer_descent_mm.max(0.0)),
        },
        "header-ascent": units::mm_to_pt(header_ascent_mm.max(0.0)),
        "signature": {
            "role": sig.role.id(),
            "align": align_name(sig.align),
            "right-chars": sig.right_indent_chars,
            "blank-lines": sig.blank_lines_before,
        },
    });

    let title = clean_text(plan.title.trim());
    let author = nonempty(&doc.meta.author);
    let closing = closing_block(doc);
    let signature = (opts.signature && !layout::ends_with_date(doc)).then(|| {
        let name = nonempty(&doc.meta.author).or_else(|| nonempty(&doc.meta.department));
        let date = sig.date_text(today);
        Value::Array(
            name.into_iter()
                .chain([date])
                .map(|l| text_runs(&l))
                .collect(),
        )
    });
    let cover = opts.cover.then(|| {
        Value::Array(
            cover_lines(doc, today, ui)
                .iter()
                .map(|l| text_runs(l))
                .collect(),
        )
    });
    let author_line = Some(author_line(doc))
        .filter(|a| style.author_line.is_some() && !a.is_empty())
        .map(|a| text_runs(&a));

    // The PDF's title property: the title shown, else what the text starts with.
    let known_as = match title.as_str() {
        "" => clean_text(recap_core::title::metadata_title(doc).trim()),
        shown => shown.to_string(),
    };
    let meta = json!({
        "title": title,
        "doc-title": known_as,
        "title-runs": text_runs(&title),
        "author": author,
        "author-line": author_line,
        "lang": lang_code,
        "region": region,
        "toc": opts.toc,
        "toc-title": toc_label(ui),
        "cover": cover,
        "header": opts.header.as_deref().map(str::trim).filter(|h| !h.is_empty()).map(text_runs),
        "page-numbers": opts.page_numbers,
        "signature": signature,
    });

    let blocks = Blocks {
        plan: &plan,
        closing,
    }
    .top(&doc.blocks);
    let data = json!({"s": s, "meta": meta, "blocks": blocks});
    // Serialising a `Value` cannot fail.
    serde_json::to_vec(&data).unwrap_or_default()
}

fn hundredths(pt: f32) -> f64 {
    (f64::from(pt) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_noncharacters_are_dropped() {
        assert_eq!(
            clean_text("a\u{1}b\u{7}c\u{b}d\u{1b}e\u{fffe}f\u{9f}\r\n"),
            "abcdef\n"
        );
        assert_eq!(clean_text("零宽[\u{200b}]保留"), "零宽[\u{200b}]保留");
    }

    #[test]
    fn long_runs_get_break_opportunities_and_short_ones_do_not() {
        assert_eq!(
            split_long_runs("short words only"),
            vec!["short words only"]
        );
        let long = "a".repeat(100);
        let pieces = split_long_runs(&long);
        assert!(pieces.len() > 2, "{pieces:?}");
        assert_eq!(pieces.concat(), long);
        assert!(pieces.iter().all(|p| p.chars().count() <= LONG_RUN + CHUNK));
        // CJK text breaks anywhere already.
        assert_eq!(split_long_runs(&"中".repeat(1000)).len(), 1);
        // Emoji sequences and combining marks are never split; other scripts' letters are.
        let emoji = "👨\u{200d}👩\u{200d}👧".repeat(40);
        assert_eq!(split_long_runs(&emoji).len(), 1);
        let accents = "e\u{301}".repeat(100);
        assert!(
            split_long_runs(&accents)
                .iter()
                .all(|p| !p.starts_with('\u{301}'))
        );
        assert!(split_long_runs(&"ж".repeat(100)).len() > 2);
    }
}
