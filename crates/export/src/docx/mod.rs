//! DOCX writer: the document model and one [`recap_core::style::Style`] -> a Word file.
//!
//! docx-rs builds the package ([`styles`] holds the Word styles, numbering and page setup
//! made from the style's figures; this file turns blocks and inlines into paragraphs, runs
//! and tables); [`package`] then makes one pass over the zipped XML to put every element
//! into schema order and fill in what docx-rs cannot write. All text goes through
//! [`crate::clean_text`] on its way in.

mod font_table;
mod package;
mod styles;

use crate::{ExportOptions, clean_text, link_target};
use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Hyperlink, HyperlinkType, IndentLevel,
    InstrText, NumberingId, Paragraph, Run, RunFonts, Shading, ShdType, SpecialIndentType, Table,
    TableBorder, TableBorderPosition, TableBorders, TableCell, TableRow, WidthType,
};
use recap_core::layout::{self, Plan};
use recap_core::model::{Align, Block, Inline, ListItem, inline_text};
use recap_core::style::{self, FontRole, HAlign, Style};
use recap_core::text::is_cjk_char;
use recap_core::{Document, Error, Lang, Result};

use styles::{ListKind, Numbering, ids};

fn export_error(reason: impl Into<String>) -> Error {
    Error::Export {
        format: "DOCX",
        reason: reason.into(),
    }
}

/// `doc` as a .docx file in the style and with the options of `opts`.
pub fn write_docx(doc: &Document, opts: &ExportOptions) -> Result<Vec<u8>> {
    let doc = &*crate::as_set(doc, opts.style);
    let style = style::resolve_fonts(&style::style(opts.style), &opts.fonts);
    let plan = layout::plan(doc, &style);
    let mut w = Writer {
        style: &style,
        opts,
        plan: &plan,
        out: Vec::new(),
        numbering: Numbering::default(),
        closing: crate::closing_block(doc),
    };
    let title = clean_text(&plan.title).into_owned();
    let date = crate::export_date(opts);
    if opts.cover {
        w.cover(doc, &title, date);
    }
    if opts.toc {
        // The TOC sits on its own page before the text.
        w.toc(doc);
        w.page_break();
    }
    w.title_block(doc, &title);
    w.blocks(doc, 0, &doc.blocks, &Ctx::default());
    if opts.signature && !layout::ends_with_date(doc) {
        w.signature(doc, date);
    }

    let mut docx = styles::setup(Docx::new(), &style, opts);
    docx = w.numbering.install(docx, &style);
    for child in w.out {
        docx = match child {
            Child::P(p) => docx.add_paragraph(*p),
            Child::T(t) => docx.add_table(*t),
        };
    }
    let parts = package::parts(docx.build());

    let created = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let creator = clean_text(doc.meta.author.as_deref().unwrap_or("")).into_owned();
    let subject = doc.meta.kind.map(|k| k.label(opts.lang)).unwrap_or("");
    let language = lang_tag(opts.lang);
    // A document that shows no title is still known by one (its first heading or line).
    let known_as = match title.as_str() {
        "" => clean_text(&recap_core::title::metadata_title(doc)).into_owned(),
        shown => shown.to_string(),
    };
    let fixes = package::Fixes {
        core_xml: package::core_properties(
            &known_as,
            creator.trim(),
            subject,
            language.1,
            &created,
        )
        .map_err(export_error)?,
        update_fields: opts.toc,
        lang: language,
        text_lang: recap_core::script::document_lang(doc),
    };
    package::finish(parts, &fixes).map_err(export_error)
}

/// (`w:lang` Latin, East Asian / `dc:language`).
fn lang_tag(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::ZhHant => ("en-US", "zh-TW"),
        Lang::ZhHans | Lang::En => ("en-US", "zh-CN"),
    }
}

enum Child {
    P(Box<Paragraph>),
    T(Box<Table>),
}

/// Where a block sits: inside how many lists and quotes.
#[derive(Clone, Copy, Default)]
struct Ctx {
    /// Nesting depth of lists around the block (0: not in a list).
    list_depth: usize,
    quote_depth: usize,
}

/// Inline formatting in force.
#[derive(Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
    link: bool,
}

struct Writer<'a> {
    style: &'a Style,
    opts: &'a ExportOptions,
    plan: &'a Plan,
    out: Vec<Child>,
    numbering: Numbering,
    /// The text's own closing name-and-date paragraph, set like the signature block.
    closing: Option<usize>,
}

/// Column widths (twips) sharing `width` by the longest text of each column, counted in
/// ems (a Chinese character one, other characters about half), with a floor of two ems
/// and a cap of twenty: readers keep the widths written (LibreOffice does not autofit), so
/// equal columns would wrap "增购合同额（万元）" beside a column holding "90%".
fn column_widths(
    width: usize,
    cols: usize,
    head: &[Vec<Inline>],
    rows: &[Vec<Vec<Inline>>],
) -> Vec<usize> {
    let ems = |cell: &[Inline]| -> f32 {
        inline_text(cell)
            .chars()
            .map(|c| if is_cjk_char(c) { 1.0 } else { 0.55 })
            .sum()
    };
    let need: Vec<f32> = (0..cols)
        .map(|k| {
            std::iter::once(head)
                .chain(rows.iter().map(Vec::as_slice))
                .filter_map(|r| r.get(k))
                .map(|c| ems(c))
                .fold(0.0, f32::max)
                .clamp(2.0, 20.0)
                + 1.0
        })
        .collect();
    let total: f32 = need.iter().sum();
    let mut widths: Vec<usize> = need
        .iter()
        .map(|n| ((width as f32 * n / total) as usize).max(1))
        .collect();
    // Rounding leaves a few twips: they go to the last column, so the table fills the line.
    let used: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += width.saturating_sub(used);
    }
    widths
}

/// docx-rs's font attributes for a family: Latin, East Asian and complex script all set,
/// so Word applies the family to Chinese text too.
pub(crate) fn fonts_of(family: &str) -> RunFonts {
    RunFonts::new()
        .ascii(family)
        .hi_ansi(family)
        .east_asia(family)
        .cs(family)
        .hint("eastAsia")
}

pub(crate) fn half_points(pt: f32) -> usize {
    (pt * 2.0).round().max(1.0) as usize
}

pub(crate) fn alignment(a: HAlign) -> AlignmentType {
    match a {
        HAlign::Left => AlignmentType::Left,
        HAlign::Center => AlignmentType::Center,
        HAlign::Right => AlignmentType::Right,
        HAlign::Justify => AlignmentType::Both,
    }
}

impl Writer<'_> {
    fn push(&mut self, p: Paragraph) {
        self.out.push(Child::P(Box::new(p)));
    }

    /// A run of `text` in `role`'s font, with line breaks and tabs made real.
    fn run(&self, role: FontRole, text: &str, fmt: Fmt) -> Run {
        let spec = self.style.font(role);
        let mut run = Run::new();
        if fmt.code {
            let mono = self.style.font(FontRole::Mono).family();
            run = run.style(ids::VERBATIM).fonts(
                RunFonts::new()
                    .ascii(mono)
                    .hi_ansi(mono)
                    .cs(mono)
                    .east_asia(spec.family()),
            );
        } else {
            run = run.fonts(fonts_of(spec.family()));
        }
        if fmt.link {
            run = run.style(ids::HYPERLINK);
        }
        if fmt.bold {
            run = run.bold();
        }
        if fmt.italic {
            run = run.italic();
        }
        if fmt.strike {
            run = run.strike();
        }
        let text = clean_text(text);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            for (j, piece) in line.trim_end_matches('\r').split('\t').enumerate() {
                if j > 0 {
                    run = run.add_tab();
                }
                if !piece.is_empty() {
                    run = run.add_text(piece);
                }
            }
        }
        run
    }

    fn inlines(&self, mut p: Paragraph, role: FontRole, inlines: &[Inline], fmt: Fmt) -> Paragraph {
        let mut prev_cjk = false;
        for (k, i) in inlines.iter().enumerate() {
            match i {
                Inline::Text { text } | Inline::Html { text } => {
                    p = p.add_run(self.run(role, text, fmt));
                }
                Inline::Code { text } => {
                    p = p.add_run(self.run(role, text, Fmt { code: true, ..fmt }));
                }
                Inline::Strong { content } => {
                    p = self.inlines(p, role, content, Fmt { bold: true, ..fmt })
                }
                Inline::Emph { content } => {
                    p = self.inlines(
                        p,
                        role,
                        content,
                        Fmt {
                            italic: true,
                            ..fmt
                        },
                    )
                }
                Inline::Strike { content } => {
                    p = self.inlines(
                        p,
                        role,
                        content,
                        Fmt {
                            strike: true,
                            ..fmt
                        },
                    )
                }
                Inline::Link { url, content, .. } => match link_target(url) {
                    Some(target) => {
                        let link = Hyperlink::new(target, HyperlinkType::External);
                        let inner = self.inlines(
                            Paragraph::new(),
                            role,
                            content,
                            Fmt { link: true, ..fmt },
                        );
                        let link = inner
                            .children()
                            .iter()
                            .filter_map(|c| match c {
                                docx_rs::ParagraphChild::Run(r) => Some((**r).clone()),
                                _ => None,
                            })
                            .fold(link, Hyperlink::add_run);
                        p = p.add_hyperlink(link);
                    }
                    None => p = self.inlines(p, role, content, fmt),
                },
                Inline::Image { alt, .. } => p = self.inlines(p, role, alt, fmt),
                Inline::SoftBreak => {
                    // No space between two Chinese characters.
                    let next_cjk = inline_text(&inlines[k + 1..])
                        .chars()
                        .next()
                        .is_some_and(is_cjk_char);
                    if !(prev_cjk && next_cjk) {
                        p = p.add_run(self.run(role, " ", fmt));
                    }
                }
                Inline::HardBreak => p = p.add_run(Run::new().add_break(BreakType::TextWrapping)),
            }
            let t = inline_text(std::slice::from_ref(i));
            if let Some(c) = t.chars().last() {
                prev_cjk = is_cjk_char(c);
            }
        }
        p
    }

    fn page_break(&mut self) {
        self.push(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    }

    fn title_block(&mut self, doc: &Document, title: &str) {
        let after = styles::twips(self.style.title_space_after_pt) as u32;
        let author = crate::author_line(doc);
        let has_author = self.style.author_line.is_some() && !author.is_empty();
        if !title.is_empty() {
            let mut p = Paragraph::new().style(ids::TITLE);
            if !has_author {
                p = p.line_spacing(styles::spacing(self.style).after(after));
            }
            p = p.add_run(self.run(FontRole::Title, title, Fmt::default()));
            self.push(p);
        }
        if let Some(line) = self.style.author_line
            && has_author
        {
            let p = Paragraph::new()
                .style(ids::AUTHOR)
                .line_spacing(styles::spacing(self.style).after(after))
                .add_run(self.run(line.role, &author, Fmt::default()));
            self.push(p);
        }
    }

    fn heading(&mut self, index: usize, content: &[Inline]) {
        let depth = self.plan.depths.get(index).copied().flatten().unwrap_or(0);
        let role = FontRole::heading(depth);
        let mut p = Paragraph::new().style(ids::heading(depth));
        if let Some(n) = self.plan.numbers.get(index).and_then(|n| n.as_deref()) {
            p = p.add_run(self.run(role, n, Fmt::default()));
        }
        let content = crate::trim_inlines(content);
        p = self.inlines(p, role, &content, Fmt::default());
        self.push(p);
    }

    fn blocks(&mut self, doc: &Document, offset: usize, blocks: &[Block], ctx: &Ctx) {
        for (k, b) in blocks.iter().enumerate() {
            // Only top-level blocks have an index in the plan.
            let index = (ctx.list_depth == 0 && ctx.quote_depth == 0).then_some(offset + k);
            if index.is_some() && index == self.plan.title_block {
                continue;
            }
            if index.is_some()
                && index == self.closing
                && let Block::Paragraph { content } = b
            {
                let lines = crate::signature_lines(content);
                for _ in 0..self.style.signature.blank_lines_before {
                    self.push(Paragraph::new().style(ids::SIGNATURE));
                }
                let p = Paragraph::new().style(ids::SIGNATURE);
                let p = self.inlines(p, self.style.signature.role, &lines, Fmt::default());
                self.push(p);
                continue;
            }
            self.block(doc, index, b, ctx, None);
        }
    }

    /// One block. `lead` is the list marker of the item it starts (numbering or task box).
    fn block(
        &mut self,
        doc: &Document,
        index: Option<usize>,
        b: &Block,
        ctx: &Ctx,
        lead: Option<Lead>,
    ) {
        match b {
            Block::Heading { content, .. } => match index {
                Some(i) => self.heading(i, content),
                // A heading inside a list or quote: bold text, not an outline entry.
                None => {
                    let p = self.body_paragraph(ctx, lead);
                    let p = self.inlines(
                        p,
                        FontRole::Body,
                        content,
                        Fmt {
                            bold: true,
                            ..Fmt::default()
                        },
                    );
                    self.push(p);
                }
            },
            Block::Paragraph { content } => {
                let p = self.body_paragraph(ctx, lead);
                let p = self.inlines(p, FontRole::Body, content, Fmt::default());
                self.push(p);
            }
            Block::Html { text } => {
                let p = self.body_paragraph(ctx, lead);
                let p = p.add_run(self.run(
                    FontRole::Body,
                    text.trim_end_matches('\n'),
                    Fmt::default(),
                ));
                self.push(p);
            }
            Block::Code { text, .. } => {
                let mut p = Paragraph::new().style(ids::CODE);
                if ctx.list_depth > 0 || ctx.quote_depth > 0 {
                    p = p.indent(Some(self.left_indent(ctx)), None, None, None);
                }
                if let Some(l) = lead {
                    p = self.apply_lead(p, l);
                }
                let p = p.add_run(self.run(
                    FontRole::Body,
                    text.trim_end_matches('\n'),
                    Fmt {
                        code: true,
                        ..Fmt::default()
                    },
                ));
                self.push(p);
            }
            Block::Rule => self.push(Paragraph::new().style(ids::BODY_NO_INDENT)),
            Block::Quote { blocks } => {
                let inner = Ctx {
                    quote_depth: ctx.quote_depth + 1,
                    ..*ctx
                };
                let mut lead = lead;
                for b in blocks {
                    self.block(doc, None, b, &inner, lead.take());
                }
            }
            Block::List { start, items, .. } => self.list(doc, *start, items, ctx, lead),
            Block::Table { align, head, rows } => {
                if let Some(l) = lead {
                    let p = self.apply_lead(self.body_paragraph(ctx, None), l);
                    self.push(p);
                }
                self.table(align, head, rows);
            }
        }
    }

    /// Left indent (twips) of text nested in lists and quotes.
    fn left_indent(&self, ctx: &Ctx) -> i32 {
        let unit = styles::char_twips(self.style);
        let list = if ctx.list_depth > 0 {
            styles::list_text_indent(self.style, ctx.list_depth - 1)
        } else {
            0
        };
        list + 2 * unit * ctx.quote_depth as i32
    }

    fn body_paragraph(&self, ctx: &Ctx, lead: Option<Lead>) -> Paragraph {
        let mut p = Paragraph::new();
        if ctx.quote_depth > 0 {
            p = p.style(ids::QUOTE);
        }
        if ctx.list_depth > 0 {
            if ctx.quote_depth == 0 {
                p = p.style(ids::LIST);
            }
            // Continuation paragraphs of an item line up with its text.
            p = p.indent(
                Some(self.left_indent(ctx)),
                Some(SpecialIndentType::FirstLine(0)),
                None,
                None,
            );
        } else if ctx.quote_depth > 0 {
            p = p.indent(Some(self.left_indent(ctx)), None, None, None);
        }
        match lead {
            Some(l) => self.apply_lead(p, l),
            None => p,
        }
    }

    fn apply_lead(&self, p: Paragraph, lead: Lead) -> Paragraph {
        match lead {
            Lead::Number { num_id, level } => p
                .numbering(NumberingId::new(num_id), IndentLevel::new(level))
                .indent(
                    Some(styles::list_text_indent(self.style, level)),
                    Some(SpecialIndentType::Hanging(styles::list_hanging(self.style))),
                    None,
                    None,
                ),
            Lead::Task(done) => p.add_run(self.run(
                FontRole::Body,
                if done { "☑ " } else { "☐ " },
                Fmt::default(),
            )),
        }
    }

    fn list(
        &mut self,
        doc: &Document,
        start: Option<u64>,
        items: &[ListItem],
        ctx: &Ctx,
        lead: Option<Lead>,
    ) {
        if let Some(l) = lead {
            // A list that starts a list item: the outer marker gets a line of its own.
            let p = self.apply_lead(self.body_paragraph(ctx, None), l);
            self.push(p);
        }
        let level = ctx.list_depth.min(styles::LIST_LEVELS - 1);
        let kind = match start {
            Some(n) => ListKind::Ordered(n),
            None => ListKind::Bullet,
        };
        let num_id = self.numbering.list(kind, level);
        let inner = Ctx {
            list_depth: ctx.list_depth + 1,
            ..*ctx
        };
        for item in items {
            let lead = match item.task {
                Some(done) => Lead::Task(done),
                None => Lead::Number { num_id, level },
            };
            if item.blocks.is_empty() {
                let p = self.body_paragraph(&inner, Some(lead));
                self.push(p);
                continue;
            }
            let mut lead = Some(lead);
            for b in &item.blocks {
                self.block(doc, None, b, &inner, lead.take());
            }
        }
    }

    fn table(&mut self, align: &[Align], head: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) {
        let cols = rows
            .iter()
            .map(Vec::len)
            .chain([head.len()])
            .max()
            .unwrap_or(0)
            .max(1);
        let width = styles::type_width_twips(self.style).max(1) as usize;
        let widths = column_widths(width, cols, head, rows);
        let cell = |w: &Writer, content: Option<&Vec<Inline>>, col: usize, header: bool| {
            let col_w = widths.get(col).copied().unwrap_or(1);
            let a = match (header, align.get(col)) {
                (true, _) => AlignmentType::Center,
                (false, Some(Align::Center)) => AlignmentType::Center,
                (false, Some(Align::Right)) => AlignmentType::Right,
                _ => AlignmentType::Left,
            };
            let p = Paragraph::new().style(ids::TABLE).align(a);
            let fmt = Fmt {
                bold: header,
                ..Fmt::default()
            };
            let p = match content {
                Some(c) => w.inlines(p, FontRole::Table, c, fmt),
                None => p,
            };
            let mut c = TableCell::new()
                .width(col_w, WidthType::Dxa)
                .add_paragraph(p);
            if header {
                c = c.shading(
                    Shading::new()
                        .shd_type(ShdType::Clear)
                        .color("auto")
                        .fill("F2F2F2"),
                );
            }
            c
        };
        let row = |w: &Writer, cells: &[Vec<Inline>], header: bool| {
            TableRow::new(
                (0..cols)
                    .map(|k| cell(w, cells.get(k), k, header))
                    .collect(),
            )
            .cant_split()
        };
        let mut all = vec![row(self, head, true)];
        all.extend(rows.iter().map(|r| row(self, r, false)));
        let border = |pos| TableBorder::new(pos).size(4).color("000000");
        let borders = TableBorders::new()
            .set(border(TableBorderPosition::Top))
            .set(border(TableBorderPosition::Left))
            .set(border(TableBorderPosition::Bottom))
            .set(border(TableBorderPosition::Right))
            .set(border(TableBorderPosition::InsideH))
            .set(border(TableBorderPosition::InsideV));
        let t = Table::new(all)
            .width(widths.iter().sum(), WidthType::Dxa)
            .set_grid(widths)
            .set_borders(borders);
        self.out.push(Child::T(Box::new(t)));
        // Word needs a paragraph between two tables; it also keeps the text off the border.
        self.push(Paragraph::new().style(ids::TABLE));
    }

    fn signature(&mut self, doc: &Document, date: chrono::NaiveDate) {
        let sig = self.style.signature;
        for _ in 0..sig.blank_lines_before {
            self.push(Paragraph::new().style(ids::SIGNATURE));
        }
        let name = doc.meta.author.as_deref().map(str::trim).unwrap_or("");
        for line in [name.to_string(), sig.date_text(date)] {
            if line.is_empty() {
                continue;
            }
            let p = Paragraph::new().style(ids::SIGNATURE).add_run(self.run(
                sig.role,
                &line,
                Fmt::default(),
            ));
            self.push(p);
        }
    }

    fn cover(&mut self, doc: &Document, title: &str, date: chrono::NaiveDate) {
        let l = self.opts.lang;
        // The title a third of the way down the page.
        for _ in 0..6 {
            self.push(Paragraph::new().style(ids::BODY_NO_INDENT));
        }
        self.push(Paragraph::new().style(ids::COVER_TITLE).add_run(self.run(
            FontRole::Title,
            title,
            Fmt::default(),
        )));
        for _ in 0..6 {
            self.push(Paragraph::new().style(ids::BODY_NO_INDENT));
        }
        let lines = crate::cover_lines(doc, date, l);
        for line in lines {
            let p = Paragraph::new().style(ids::COVER_INFO).add_run(self.run(
                FontRole::Kai,
                &line,
                Fmt::default(),
            ));
            self.push(p);
        }
        // The cover is a section of its own: no page number, and the text starts at page 1.
        let last = Paragraph::new()
            .style(ids::BODY_NO_INDENT)
            .section_property(styles::cover_section(self.style));
        self.push(last);
    }

    fn toc(&mut self, doc: &Document) {
        let l = self.opts.lang;
        self.push(Paragraph::new().style(ids::TOC_HEADING).add_run(self.run(
            FontRole::Heading1,
            crate::toc_label(l),
            Fmt::default(),
        )));
        // The field's result is filled with the headings (without page numbers), so the
        // list shows even where fields are not updated; Word and LibreOffice rebuild it.
        let entries: Vec<(usize, String)> = doc
            .blocks
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != self.plan.title_block)
            .filter_map(|(i, b)| match b {
                Block::Heading { content, .. } => {
                    let depth = self.plan.depths.get(i).copied().flatten().unwrap_or(0);
                    (depth < 4).then(|| (depth, self.plan.heading_text(i, content)))
                }
                _ => None,
            })
            .collect();
        let begin = Run::new()
            .add_field_char(FieldCharType::Begin, true)
            .add_instr_text(InstrText::Unsupported(
                r#" TOC \o "1-4" \h \z \u "#.to_string(),
            ))
            .add_field_char(FieldCharType::Separate, false);
        let end = Run::new().add_field_char(FieldCharType::End, false);
        if entries.is_empty() {
            self.push(
                Paragraph::new()
                    .style(&ids::toc(0))
                    .add_run(begin)
                    .add_run(end),
            );
            return;
        }
        let n = entries.len();
        let mut begin = Some(begin);
        for (k, (depth, text)) in entries.into_iter().enumerate() {
            let mut p = Paragraph::new().style(&ids::toc(depth));
            if let Some(b) = begin.take() {
                p = p.add_run(b);
            }
            p = p.add_run(self.run(FontRole::Body, &text, Fmt::default()));
            if k + 1 == n {
                p = p.add_run(end.clone());
            }
            self.push(p);
        }
    }
}

#[derive(Clone, Copy)]
enum Lead {
    Number { num_id: usize, level: usize },
    Task(bool),
}
