//! .docx -> document, through docx-rs's reader.
//!
//! The package is checked with the `zip` crate first (size, entry count, real inflated size,
//! compression ratio) so a zip bomb is refused before docx-rs inflates anything, and the
//! reader runs under `catch_unwind` because it panics on some malformed files. Headings come
//! from heading styles and outline levels; when a file has none, from hand-typed numbers
//! (the plain-text recogniser). Lists, tables, bold, italic, strikethrough and links are kept;
//! images and text boxes are skipped with a note.

use super::text::{kind_from_title, period_from_title};
use super::{Note, NoteKind};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::meta::Metadata;
use crate::model::{Block, Document, Inline, ListItem, inline_text};
use crate::numbering::{Levels, numbered_heading};
use docx_rs::{
    Bold, Break, BreakType, DocumentChild, Docx, DrawingData, HyperlinkData, Italic, Paragraph,
    ParagraphChild, ReadDocxOptions, Run, RunChild, StructuredDataTagChild, Table,
    TableCellContent, TableChild, TableRowChild,
};
use std::collections::HashMap;
use std::io::Read;

/// Largest .docx file accepted.
pub const MAX_DOCX_BYTES: u64 = 50 * 1024 * 1024;
/// Largest total size of the package once inflated.
pub const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;
/// Most entries in the package; real documents have a few dozen.
pub const MAX_ENTRIES: usize = 10_000;
/// Inflated/compressed ratio above which a large entry is taken for a bomb. XML compresses
/// well (ratios of 10–30 are normal), so only large entries are judged.
pub const MAX_RATIO: u64 = 200;
const RATIO_FLOOR_BYTES: u64 = 10 * 1024 * 1024;

fn unreadable(reason: impl Into<String>) -> Error {
    Error::DocxUnreadable {
        reason: reason.into(),
    }
}

/// Refuses a package that would take unreasonable memory or time to inflate. Every entry is
/// really inflated (to nowhere) with a cap, so a header that lies about sizes changes nothing.
pub fn guard(bytes: &[u8]) -> Result<()> {
    if bytes.len() as u64 > MAX_DOCX_BYTES {
        return Err(Error::TooLarge {
            what: ".docx",
            size: bytes.len() as u64,
            limit: MAX_DOCX_BYTES,
        });
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| unreadable(format!("not a .docx (zip) package: {e}")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(Error::SuspiciousArchive {
            reason: format!("{} entries", zip.len()),
        });
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| unreadable(format!("entry {i}: {e}")))?;
        let packed = entry.compressed_size().max(1);
        let budget = MAX_UNPACKED_BYTES.saturating_sub(total);
        let inflated = std::io::copy(&mut (&mut entry).take(budget + 1), &mut std::io::sink())
            .map_err(|e| unreadable(format!("entry {}: {e}", entry.name())))?;
        total += inflated;
        if total > MAX_UNPACKED_BYTES {
            return Err(Error::TooLarge {
                what: ".docx (unpacked)",
                size: total,
                limit: MAX_UNPACKED_BYTES,
            });
        }
        if inflated > RATIO_FLOOR_BYTES && inflated / packed > MAX_RATIO {
            return Err(Error::SuspiciousArchive {
                reason: format!("{} inflates {}×", entry.name(), inflated / packed),
            });
        }
    }
    if zip.by_name("word/document.xml").is_err() {
        return Err(unreadable("word/document.xml is missing"));
    }
    Ok(())
}

/// Reads a .docx into the model.
pub fn docx_to_document(bytes: &[u8], lang: Lang) -> Result<(Document, Vec<Note>)> {
    guard(bytes)?;
    let options = ReadDocxOptions::default().with_image_previews(false);
    let read = std::panic::catch_unwind(|| docx_rs::read_docx_with_options(bytes, options))
        .map_err(|_| unreadable("the reader stopped on malformed content"))?;
    let docx = read.map_err(|e| unreadable(e.to_string()))?;
    let mut r = Reader::new(&docx);
    for child in &docx.document.children {
        r.document_child(child);
    }
    let mut notes = Vec::new();
    if r.images > 0 {
        notes.push(Note::new(
            NoteKind::ImagesSkipped,
            None,
            &r.images.to_string(),
            lang,
        ));
    }
    if r.text_boxes > 0 {
        notes.push(Note::new(
            NoteKind::TextBoxesSkipped,
            None,
            &r.text_boxes.to_string(),
            lang,
        ));
    }
    Ok((assemble(r.items), notes))
}

/// What a paragraph was, before levels and lists are worked out over the whole file.
enum Item {
    Title(Vec<Inline>),
    /// 0-based outline level (Heading 1 = 0).
    Heading(usize, Vec<Inline>),
    Para(Vec<Inline>),
    ListPara {
        level: usize,
        ordered: bool,
        content: Vec<Inline>,
    },
    Table(Block),
}

#[derive(Clone, Copy)]
enum StyleRole {
    Title,
    Heading(usize),
}

struct Reader<'a> {
    docx: &'a Docx,
    /// style id -> role, following `basedOn` chains.
    roles: HashMap<String, Option<StyleRole>>,
    items: Vec<Item>,
    images: usize,
    text_boxes: usize,
}

/// A style's display name ("heading 1", "标题 1", "Title"); docx-rs keeps it private but
/// serialises it as a plain string.
fn style_name(s: &docx_rs::Style) -> String {
    serde_json::to_value(&s.name)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn role_from_name(name: &str) -> Option<StyleRole> {
    let n = name.trim().to_lowercase();
    if matches!(n.as_str(), "title" | "标题" | "標題") {
        return Some(StyleRole::Title);
    }
    for prefix in ["heading", "标题", "標題"] {
        if let Some(rest) = n.strip_prefix(prefix)
            && let Ok(k @ 1..=9) = rest.trim().parse::<usize>()
        {
            return Some(StyleRole::Heading(k - 1));
        }
    }
    None
}

impl<'a> Reader<'a> {
    fn new(docx: &'a Docx) -> Self {
        let mut r = Reader {
            docx,
            roles: HashMap::new(),
            items: Vec::new(),
            images: 0,
            text_boxes: 0,
        };
        let ids: Vec<String> = docx
            .styles
            .styles
            .iter()
            .map(|s| s.style_id.clone())
            .collect();
        for id in ids {
            let role = r.style_role(&id, 0);
            r.roles.insert(id, role);
        }
        r
    }

    fn style_role(&self, id: &str, depth: usize) -> Option<StyleRole> {
        // basedOn chains are short; the cap stops a cycle in a malformed file.
        if depth > 16 {
            return None;
        }
        let s = self.docx.styles.styles.iter().find(|s| s.style_id == id)?;
        if let Some(role) = role_from_name(&style_name(s)).or_else(|| role_from_name(id)) {
            return Some(role);
        }
        if let Some(o) = &s.paragraph_property.outline_lvl
            && o.v < 9
        {
            return Some(StyleRole::Heading(o.v));
        }
        let parent = s.based_on.as_ref().and_then(|b| {
            serde_json::to_value(b)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
        })?;
        self.style_role(&parent, depth + 1)
    }

    fn document_child(&mut self, child: &DocumentChild) {
        match child {
            DocumentChild::Paragraph(p) => self.paragraph(p),
            DocumentChild::Table(t) => {
                let block = self.table(t);
                self.items.push(Item::Table(block));
            }
            DocumentChild::StructuredDataTag(sdt) => {
                for c in &sdt.children {
                    match c {
                        StructuredDataTagChild::Paragraph(p) => self.paragraph(p),
                        StructuredDataTagChild::Table(t) => {
                            let block = self.table(t);
                            self.items.push(Item::Table(block));
                        }
                        StructuredDataTagChild::Run(run) => {
                            let mut segs = Vec::new();
                            self.run(run, Fmt::default(), &mut segs);
                            let content = inlines(segs);
                            if !content.is_empty() {
                                self.items.push(Item::Para(content));
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let mut segs = Vec::new();
        self.paragraph_children(&p.children, Fmt::default(), &mut segs);
        let content = inlines(segs);
        if content.is_empty() {
            return;
        }
        let prop = &p.property;
        let role = prop
            .style
            .as_ref()
            .and_then(|s| self.roles.get(&s.val).copied().flatten());
        let outline = prop.outline_lvl.as_ref().map(|o| o.v).filter(|v| *v < 9);
        let item = match (outline, role) {
            (Some(v), _) => Item::Heading(v, content),
            (None, Some(StyleRole::Title)) => Item::Title(content),
            (None, Some(StyleRole::Heading(v))) => Item::Heading(v, content),
            (None, None) => match self.list_of(p) {
                Some((level, ordered)) => Item::ListPara {
                    level,
                    ordered,
                    content,
                },
                None => Item::Para(content),
            },
        };
        self.items.push(item);
    }

    /// (level, ordered) of a numbered paragraph; a numbering whose format is "none" is not a list.
    fn list_of(&self, p: &Paragraph) -> Option<(usize, bool)> {
        let np = p.property.numbering_property.as_ref()?;
        let id = np.id.as_ref()?.id;
        if id == 0 {
            return None;
        }
        let level = np.level.as_ref().map_or(0, |l| l.val).min(8);
        let nums = &self.docx.numberings;
        let format = nums
            .numberings
            .iter()
            .find(|n| n.id == id)
            .and_then(|n| {
                nums.abstract_nums
                    .iter()
                    .find(|a| a.id == n.abstract_num_id)
            })
            .and_then(|a| a.levels.iter().find(|l| l.level == level))
            .map(|l| l.format.val.clone())
            .unwrap_or_default();
        match format.as_str() {
            "none" => None,
            "bullet" => Some((level, false)),
            _ => Some((level, true)),
        }
    }

    fn paragraph_children(&mut self, children: &[ParagraphChild], fmt: Fmt, segs: &mut Vec<Seg>) {
        for c in children {
            match c {
                ParagraphChild::Run(run) => self.run(run, fmt, segs),
                ParagraphChild::Insert(ins) => {
                    for ic in &ins.children {
                        if let docx_rs::InsertChild::Run(run) = ic {
                            self.run(run, fmt, segs);
                        }
                    }
                }
                ParagraphChild::Hyperlink(h) => {
                    let mut inner = Vec::new();
                    self.paragraph_children(&h.children, fmt, &mut inner);
                    let url = match &h.link {
                        HyperlinkData::External { rid, path } => self
                            .docx
                            .hyperlinks
                            .iter()
                            .find(|(id, _, _)| id == rid)
                            .map(|(_, target, _)| target.clone())
                            .or_else(|| (!path.is_empty()).then(|| path.clone())),
                        HyperlinkData::Anchor { .. } => None,
                    };
                    match url {
                        Some(url) => segs.push(Seg::Link(url, inlines(inner))),
                        None => segs.extend(inner),
                    }
                }
                ParagraphChild::StructuredDataTag(sdt) => {
                    for sc in &sdt.children {
                        if let StructuredDataTagChild::Run(run) = sc {
                            self.run(run, fmt, segs);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, run: &Run, outer: Fmt, segs: &mut Vec<Seg>) {
        let rp = &run.run_property;
        let fmt = Fmt {
            bold: outer.bold || rp.bold.as_ref().is_some_and(|b| *b == Bold::new()),
            italic: outer.italic || rp.italic.as_ref().is_some_and(|i| *i == Italic::new()),
            strike: outer.strike || rp.strike.as_ref().is_some_and(|s| s.val),
        };
        for c in &run.children {
            match c {
                RunChild::Text(t) => segs.push(Seg::Text(fmt, t.text.clone())),
                RunChild::Tab(_) | RunChild::PTab(_) => segs.push(Seg::Text(fmt, " ".into())),
                // A page or column break is layout, not a line of text.
                RunChild::Break(b)
                    if *b != Break::new(BreakType::Page) && *b != Break::new(BreakType::Column) =>
                {
                    segs.push(Seg::Break)
                }
                RunChild::CarriageReturn(_) => segs.push(Seg::Break),
                RunChild::Drawing(d) => match &d.data {
                    Some(DrawingData::TextBox(_)) => self.text_boxes += 1,
                    _ => self.images += 1,
                },
                RunChild::Shape(_) => self.images += 1,
                _ => {}
            }
        }
    }

    fn table(&mut self, t: &Table) -> Block {
        let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
        for TableChild::TableRow(row) in &t.rows {
            let mut cells = Vec::new();
            for TableRowChild::TableCell(cell) in &row.cells {
                let mut segs = Vec::new();
                self.cell_contents(&cell.children, &mut segs);
                cells.push(inlines(segs));
            }
            rows.push(cells);
        }
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for r in &mut rows {
            r.resize(cols, Vec::new());
        }
        let mut rows = rows.into_iter();
        let head = rows.next().unwrap_or_else(|| vec![Vec::new(); cols]);
        Block::Table {
            align: vec![crate::model::Align::None; cols],
            head,
            rows: rows.collect(),
        }
    }

    /// A cell's paragraphs (and nested tables) as one line of inlines: Markdown cells hold one
    /// line, so paragraphs are joined with a space.
    fn cell_contents(&mut self, children: &[TableCellContent], segs: &mut Vec<Seg>) {
        for c in children {
            let before = segs.len();
            match c {
                TableCellContent::Paragraph(p) => {
                    self.paragraph_children(&p.children, Fmt::default(), segs)
                }
                TableCellContent::Table(t) => {
                    for TableChild::TableRow(row) in &t.rows {
                        for TableRowChild::TableCell(cell) in &row.cells {
                            self.cell_contents(&cell.children, segs);
                        }
                    }
                }
                _ => {}
            }
            if segs.len() > before {
                segs.insert(before, Seg::Text(Fmt::default(), " ".into()));
            }
        }
        for s in segs.iter_mut() {
            if matches!(s, Seg::Break) {
                *s = Seg::Text(Fmt::default(), " ".into());
            }
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Fmt {
    bold: bool,
    italic: bool,
    strike: bool,
}

enum Seg {
    Text(Fmt, String),
    Break,
    Link(String, Vec<Inline>),
}

/// Segments -> inlines: neighbouring runs of the same format merged, formatting wrapped around
/// the words only (spaces stay outside, or Markdown would not read the emphasis back).
fn inlines(segs: Vec<Seg>) -> Vec<Inline> {
    let mut merged: Vec<Seg> = Vec::new();
    for s in segs {
        match (merged.last_mut(), s) {
            (Some(Seg::Text(f, t)), Seg::Text(g, u)) if *f == g || u.trim().is_empty() => {
                t.push_str(&u)
            }
            (_, s) => merged.push(s),
        }
    }
    let mut out: Vec<Inline> = Vec::new();
    for s in merged {
        match s {
            Seg::Break => out.push(Inline::HardBreak),
            Seg::Link(url, content) => out.push(Inline::Link {
                url,
                title: String::new(),
                content,
            }),
            Seg::Text(f, t) => {
                let core = t.trim();
                if core.is_empty() || f == Fmt::default() {
                    push_text(&mut out, &t);
                    continue;
                }
                let lead = &t[..t.len() - t.trim_start().len()];
                let tail = &t[t.trim_end().len()..];
                push_text(&mut out, lead);
                let mut inner = vec![Inline::text(core)];
                if f.strike {
                    inner = vec![Inline::Strike { content: inner }];
                }
                if f.italic {
                    inner = vec![Inline::Emph { content: inner }];
                }
                if f.bold {
                    inner = vec![Inline::Strong { content: inner }];
                }
                out.extend(inner);
                push_text(&mut out, tail);
            }
        }
    }
    // Leading and trailing spaces and breaks of a paragraph mean nothing in Markdown.
    while matches!(out.first(), Some(Inline::HardBreak)) {
        out.remove(0);
    }
    while matches!(out.last(), Some(Inline::HardBreak)) {
        out.pop();
    }
    if let Some(Inline::Text { text }) = out.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text }) = out.last_mut() {
        *text = text.trim_end().to_string();
    }
    out.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    if inline_text(&out).trim().is_empty() {
        return Vec::new();
    }
    out
}

fn push_text(out: &mut Vec<Inline>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Inline::Text { text }) = out.last_mut() {
        text.push_str(s);
    } else {
        out.push(Inline::text(s));
    }
}

/// Items -> blocks: title and heading levels for the whole file, consecutive list paragraphs
/// made into (nested) lists.
fn assemble(mut items: Vec<Item>) -> Document {
    let mut meta = Metadata::default();
    let has_styled_headings = items.iter().any(|i| matches!(i, Item::Heading(..)));
    // Without a Title style, a short first paragraph is the title, as in plain text.
    if !items.iter().any(|i| matches!(i, Item::Title(_)))
        && let Some(Item::Para(c)) = items.first()
        && super::text::reads_as_title(inline_text(c).trim())
        && items.len() > 1
    {
        let c = c.clone();
        items[0] = Item::Title(c);
    }
    let has_title = items.iter().any(|i| matches!(i, Item::Title(_)));
    let base = if has_title { 2 } else { 1 };
    let mut levels = Levels::default();
    let mut blocks: Vec<Block> = Vec::new();
    let mut list: Vec<(usize, bool, Vec<Inline>)> = Vec::new();
    for item in items {
        if !matches!(item, Item::ListPara { .. }) && !list.is_empty() {
            blocks.extend(build_lists(&std::mem::take(&mut list)));
        }
        match item {
            Item::Title(content) => {
                if meta.title.is_none() {
                    let t = inline_text(&content).trim().to_string();
                    meta.kind = kind_from_title(&t);
                    meta.period = period_from_title(&t);
                    meta.title = Some(t);
                    blocks.push(Block::Heading { level: 1, content });
                } else {
                    blocks.push(Block::Paragraph { content });
                }
            }
            Item::Heading(v, content) => {
                let level = (base + v).min(6) as u8;
                blocks.push(Block::Heading { level, content });
            }
            Item::Para(content) => {
                let text = inline_text(&content);
                let typed = (!has_styled_headings)
                    .then(|| numbered_heading(&text))
                    .flatten();
                match typed.map(|(style, _)| base + levels.depth(style)) {
                    Some(level @ 1..=6) => blocks.push(Block::Heading {
                        level: level as u8,
                        content,
                    }),
                    _ => blocks.push(Block::Paragraph { content }),
                }
            }
            Item::ListPara {
                level,
                ordered,
                content,
            } => list.push((level, ordered, content)),
            Item::Table(t) => blocks.push(t),
        }
    }
    if !list.is_empty() {
        blocks.extend(build_lists(&list));
    }
    Document { meta, blocks }
}

fn build_lists(items: &[(usize, bool, Vec<Inline>)]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < items.len() {
        let before = pos;
        let level = items[pos].0;
        out.push(build_list(items, &mut pos, level));
        if pos == before {
            pos += 1;
        }
    }
    out
}

/// One list at `level` from `items[*pos]`: items deeper than `level` nest into the item
/// before them; a shallower item, or a change between ordered and bullet, ends the list.
fn build_list(items: &[(usize, bool, Vec<Inline>)], pos: &mut usize, level: usize) -> Block {
    let ordered = items.get(*pos).is_some_and(|i| i.1);
    let mut list_items: Vec<ListItem> = Vec::new();
    while let Some((l, o, content)) = items.get(*pos) {
        if *l < level || (*l == level && *o != ordered) {
            break;
        }
        if *l > level {
            let nested = build_list(items, pos, *l);
            match list_items.last_mut() {
                Some(last) => last.blocks.push(nested),
                None => list_items.push(ListItem {
                    task: None,
                    blocks: vec![nested],
                }),
            }
            continue;
        }
        list_items.push(ListItem {
            task: None,
            blocks: vec![Block::Paragraph {
                content: content.clone(),
            }],
        });
        *pos += 1;
    }
    Block::List {
        start: ordered.then_some(1),
        tight: true,
        items: list_items,
    }
}
