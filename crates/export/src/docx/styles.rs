//! The Word side of a [`Style`]: named paragraph and character styles, list numbering,
//! page setup (size, margins, document grid), headers and footers. Every figure comes from
//! the style; this file only converts units.

use super::{alignment, fonts_of, half_points};
use crate::{ExportOptions, clean_text};
use docx_rs::{
    AbstractNumbering, AlignmentType, DocGrid, DocGridType, Docx, FieldCharType, Footer, Header,
    InstrText, Level, LevelJc, LevelOverride, LevelText, LineSpacing, LineSpacingType,
    NumberFormat, PageMargin, PageNumType, PageSize, Paragraph, Run, RunFonts, SectionProperty,
    SpecialIndentType, Start, Style as WStyle, StyleType,
};
use recap_core::style::{
    FontRole, HAlign, LineSpacing as Spacing, PageNumberPlacement, PagePart, Style, units,
};

/// Style ids. Title and Heading1–4 are Word's built-in ids (named "Title", "heading 1" …),
/// so the navigation pane, outline view and TOC fields know them.
pub(crate) mod ids {
    pub const NORMAL: &str = "Normal";
    pub const TITLE: &str = "Title";
    pub const AUTHOR: &str = "Author";
    pub const QUOTE: &str = "Quote";
    pub const CODE: &str = "SourceCode";
    pub const TABLE: &str = "TableText";
    pub const LIST: &str = "ListParagraph";
    pub const SIGNATURE: &str = "Signature";
    pub const BODY_NO_INDENT: &str = "BodyNoIndent";
    pub const COVER_TITLE: &str = "CoverTitle";
    pub const COVER_INFO: &str = "CoverInfo";
    pub const TOC_HEADING: &str = "TOCHeading";
    pub const HEADER: &str = "Header";
    pub const FOOTER: &str = "Footer";
    pub const HYPERLINK: &str = "Hyperlink";
    pub const VERBATIM: &str = "VerbatimChar";

    pub const HEADINGS: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];

    /// The heading style of a numbered depth (0 = 一、); deeper levels use the fourth.
    pub fn heading(depth: usize) -> &'static str {
        HEADINGS[depth.min(HEADINGS.len() - 1)]
    }

    pub fn toc(depth: usize) -> String {
        format!("TOC{}", depth.min(3) + 1)
    }
}

/// Word list levels (w:ilvl 0–8).
pub(crate) const LIST_LEVELS: usize = 9;

pub(crate) fn twips(pt: f32) -> i32 {
    units::pt_to_twips(pt)
}

/// One character of body text, in twips (Chinese indents are counted in characters): a
/// cell of the character grid where there is one, else the body size. Indents must be whole
/// cells, or LibreOffice rounds them up to the next cell.
pub(crate) fn char_twips(style: &Style) -> i32 {
    match style.grid {
        Some(g) => type_width_twips(style) / g.chars.max(1) as i32,
        None => twips(style.font(FontRole::Body).size_pt),
    }
}

/// `chars` characters of indent, in twips.
pub(crate) fn indent_twips(style: &Style, chars: u32) -> i32 {
    chars as i32 * char_twips(style)
}

fn page_twips(style: &Style) -> (i32, i32) {
    (
        units::mm_to_twips(style.page.width_mm),
        units::mm_to_twips(style.page.height_mm),
    )
}

fn margin_twips(style: &Style) -> (i32, i32, i32, i32) {
    let m = style.margins;
    (
        units::mm_to_twips(m.top_mm),
        units::mm_to_twips(m.bottom_mm),
        units::mm_to_twips(m.left_mm),
        units::mm_to_twips(m.right_mm),
    )
}

/// Width of the type area in twips, as Word computes it from the written page and margins.
pub(crate) fn type_width_twips(style: &Style) -> i32 {
    let (w, _) = page_twips(style);
    let (_, _, l, r) = margin_twips(style);
    w - l - r
}

fn type_height_twips(style: &Style) -> i32 {
    let (_, h) = page_twips(style);
    let (t, b, _, _) = margin_twips(style);
    h - t - b
}

/// The grid's line pitch in twips, rounded down so that all the grid's lines fit the
/// written type area (Word counts whole lines).
pub(crate) fn grid_line_twips(style: &Style) -> Option<i32> {
    let g = style.grid?;
    Some(type_height_twips(style) / g.lines.max(1) as i32)
}

/// `w:charSpace`: the grid's character pitch minus the body size, in 1/4096 pt, rounded
/// down so that all the grid's characters fit a line.
pub(crate) fn grid_char_space(style: &Style) -> Option<isize> {
    let g = style.grid?;
    let pitch_pt = type_width_twips(style) as f64 / 20.0 / g.chars.max(1) as f64;
    let body = style.font(FontRole::Body).size_pt as f64;
    Some(((pitch_pt - body) * 4096.0).floor() as isize)
}

/// Horizontal glyph scale (percent) that makes a body character no wider than a cell of
/// the character grid. Word squeezes characters into the grid by itself; LibreOffice gives a
/// character wider than a cell two cells, which spreads the text of a 28-character grid of
/// 16 pt text (cells of 15.8 pt) over 14 cells. None without a grid or when glyphs fit.
pub(crate) fn grid_glyph_scale(style: &Style) -> Option<i32> {
    let g = style.grid?;
    let cell_pt = type_width_twips(style) as f32 / 20.0 / g.chars.max(1) as f32;
    let body = style.font(FontRole::Body).size_pt;
    (cell_pt < body).then(|| (100.0 * cell_pt / body).floor() as i32)
}

/// The body's line rule: exactly the grid pitch (公文), or a multiple of single spacing.
pub(crate) fn spacing(style: &Style) -> LineSpacing {
    match (style.line_spacing, grid_line_twips(style)) {
        (Spacing::Exact(_), Some(grid)) => LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(grid),
        (Spacing::Exact(pt), None) => LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line((pt * 20.0).floor() as i32),
        (Spacing::Multiple(m), _) => LineSpacing::new()
            .line_rule(LineSpacingType::Auto)
            .line((m * 240.0).round() as i32),
    }
    .before(0)
    .after(0)
}

fn single_spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(240)
        .before(0)
        .after(0)
}

/// Where the text of a list item at `level` starts (twips from the margin): the marker sits
/// at the body's paragraph indent plus two characters a level, the text two characters on.
pub(crate) fn list_text_indent(style: &Style, level: usize) -> i32 {
    let unit = char_twips(style);
    indent_twips(style, style.first_line_indent_chars)
        + 2 * unit * level as i32
        + list_hanging(style)
}

pub(crate) fn list_hanging(style: &Style) -> i32 {
    2 * char_twips(style)
}

fn role_fonts(style: &Style, role: FontRole) -> RunFonts {
    fonts_of(style.font(role).family())
}

fn paragraph_style(id: &str, name: &str, style: &Style, role: FontRole) -> WStyle {
    let spec = style.font(role);
    let mut s = WStyle::new(id, StyleType::Paragraph)
        .name(name)
        .based_on(ids::NORMAL)
        .next(ids::NORMAL)
        .q_format(true)
        .fonts(role_fonts(style, role))
        .size(half_points(spec.size_pt));
    if spec.bold {
        s = s.bold();
    }
    s
}

fn no_indent() -> (Option<i32>, Option<SpecialIndentType>) {
    (Some(0), Some(SpecialIndentType::FirstLine(0)))
}

fn word_styles(docx: Docx, style: &Style) -> Docx {
    let body = style.font(FontRole::Body);
    let unit = char_twips(style);
    let (left0, first0) = no_indent();
    let mut normal = WStyle::new(ids::NORMAL, StyleType::Paragraph)
        .name("Normal")
        .q_format(true)
        .fonts(role_fonts(style, FontRole::Body))
        .size(half_points(body.size_pt))
        .line_spacing(spacing(style))
        .align(alignment(style.body_align))
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(indent_twips(
                style,
                style.first_line_indent_chars,
            ))),
            None,
            None,
        );
    normal.paragraph_property = normal.paragraph_property.widow_control(true);
    if let Some(scale) = grid_glyph_scale(style) {
        normal.run_property = normal.run_property.stretch(scale);
    }
    let mut styles = vec![normal];

    styles.push(
        paragraph_style(ids::TITLE, "Title", style, FontRole::Title)
            .align(alignment(style.title_align))
            .indent(left0, first0, None, None)
            // Larger than a grid cell: off the character grid, or each character takes two.
            .snap_to_grid(false),
    );
    let author_role = style.author_line.map_or(FontRole::Kai, |a| a.role);
    styles.push(
        paragraph_style(ids::AUTHOR, "Author", style, author_role)
            .align(
                style
                    .author_line
                    .map_or(AlignmentType::Center, |a| alignment(a.align)),
            )
            .indent(left0, first0, None, None),
    );
    for (depth, id) in ids::HEADINGS.iter().enumerate() {
        let role = FontRole::heading(depth);
        let mut s = paragraph_style(id, &format!("heading {}", depth + 1), style, role)
            .outline_lvl(depth)
            .align(AlignmentType::Left)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(indent_twips(
                    style,
                    style.heading_indent_chars,
                ))),
                None,
                None,
            )
            .line_spacing(
                spacing(style)
                    .before(twips(style.heading_space_before_pt).max(0) as u32)
                    .after(twips(style.heading_space_after_pt).max(0) as u32),
            );
        s.paragraph_property = s.paragraph_property.keep_next(true).keep_lines(true);
        styles.push(s);
    }
    styles.push(
        paragraph_style(ids::QUOTE, "Quote", style, FontRole::Kai)
            .size(half_points(body.size_pt))
            .indent(
                Some(2 * unit),
                Some(SpecialIndentType::FirstLine(indent_twips(
                    style,
                    style.first_line_indent_chars,
                ))),
                None,
                None,
            ),
    );
    let mono = style.font(FontRole::Mono);
    styles.push(
        paragraph_style(ids::CODE, "Source Code", style, FontRole::Mono)
            .fonts(
                RunFonts::new()
                    .ascii(mono.family())
                    .hi_ansi(mono.family())
                    .cs(mono.family())
                    .east_asia(body.family()),
            )
            .align(AlignmentType::Left)
            .indent(left0, first0, None, None)
            .line_spacing(single_spacing())
            .snap_to_grid(false),
    );
    styles.push(
        paragraph_style(ids::TABLE, "Table Text", style, FontRole::Table)
            .align(AlignmentType::Left)
            .indent(left0, first0, None, None)
            .line_spacing(single_spacing())
            .snap_to_grid(false),
    );
    styles.push(
        paragraph_style(ids::LIST, "List Paragraph", style, FontRole::Body).indent(
            Some(list_text_indent(style, 0)),
            Some(SpecialIndentType::FirstLine(0)),
            None,
            None,
        ),
    );
    let sig = style.signature;
    styles.push(
        paragraph_style(ids::SIGNATURE, "Signature", style, sig.role)
            .align(alignment(sig.align))
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(0)),
                Some(indent_twips(style, sig.right_indent_chars)),
                None,
            ),
    );
    styles.push(
        paragraph_style(
            ids::BODY_NO_INDENT,
            "Body Text No Indent",
            style,
            FontRole::Body,
        )
        .indent(left0, first0, None, None),
    );
    styles.push(
        paragraph_style(ids::COVER_TITLE, "Cover Title", style, FontRole::Title)
            .align(AlignmentType::Center)
            .indent(left0, first0, None, None)
            .snap_to_grid(false),
    );
    styles.push(
        paragraph_style(ids::COVER_INFO, "Cover Info", style, FontRole::Kai)
            .align(AlignmentType::Center)
            .indent(left0, first0, None, None),
    );
    styles.push(
        paragraph_style(ids::TOC_HEADING, "TOC Heading", style, FontRole::Heading1)
            .align(AlignmentType::Center)
            .indent(left0, first0, None, None),
    );
    for depth in 0..4 {
        styles.push(
            paragraph_style(
                &ids::toc(depth),
                &format!("toc {}", depth + 1),
                style,
                FontRole::Body,
            )
            .indent(
                Some(2 * unit * depth as i32),
                Some(SpecialIndentType::FirstLine(0)),
                None,
                None,
            ),
        );
    }
    styles.push(
        paragraph_style(ids::HEADER, "header", style, FontRole::Header)
            .align(AlignmentType::Center)
            .indent(left0, first0, None, None)
            .line_spacing(single_spacing())
            .snap_to_grid(false),
    );
    styles.push(
        paragraph_style(ids::FOOTER, "footer", style, FontRole::PageNumber)
            .indent(left0, first0, None, None)
            .line_spacing(single_spacing())
            .snap_to_grid(false),
    );
    styles.push(
        WStyle::new(ids::HYPERLINK, StyleType::Character)
            .name("Hyperlink")
            .color("0563C1")
            .underline("single"),
    );
    styles.push(
        WStyle::new(ids::VERBATIM, StyleType::Character)
            .name("Verbatim Char")
            .fonts(
                RunFonts::new()
                    .ascii(mono.family())
                    .hi_ansi(mono.family())
                    .cs(mono.family()),
            ),
    );
    styles.into_iter().fold(docx, Docx::add_style)
}

fn page_margin(style: &Style) -> PageMargin {
    let (t, b, l, r) = margin_twips(style);
    PageMargin::new()
        .top(t)
        .bottom(b)
        .left(l)
        .right(r)
        .header(units::mm_to_twips(style.header_mm))
        .footer(units::mm_to_twips(style.footer_mm()))
        .gutter(0)
}

fn doc_grid(style: &Style) -> DocGrid {
    match (grid_line_twips(style), grid_char_space(style)) {
        (Some(line), Some(chars)) => DocGrid::new()
            .grid_type(DocGridType::LinesAndChars)
            .line_pitch(line.max(1) as usize)
            .char_space(chars),
        // No grid: Word's default of lines only at the body's single line height.
        _ => DocGrid::new().grid_type(DocGridType::Default).line_pitch(
            twips(style.font(FontRole::Body).size_pt * recap_core::style::CJK_LINE_HEIGHT).max(1)
                as usize,
        ),
    }
}

/// The page setup of the cover's own section (no header, no footer).
pub(crate) fn cover_section(style: &Style) -> SectionProperty {
    let (w, h) = page_twips(style);
    SectionProperty::new()
        .page_size(PageSize::new().size(w as u32, h as u32))
        .page_margin(page_margin(style))
        .doc_grid(doc_grid(style))
}

/// The page number line as runs: text and PAGE / NUMPAGES fields, in the page number font.
fn page_number_runs(style: &Style, parts: &[PagePart]) -> Vec<Run> {
    let spec = style.font(FontRole::PageNumber);
    let base = || {
        Run::new()
            .fonts(fonts_of(spec.family()))
            .size(half_points(spec.size_pt))
    };
    parts
        .iter()
        .map(|part| match part {
            PagePart::Text(t) => base().add_text(clean_text(t)),
            PagePart::Page | PagePart::Pages => {
                let instr = if *part == PagePart::Page {
                    " PAGE "
                } else {
                    " NUMPAGES "
                };
                base()
                    .add_field_char(FieldCharType::Begin, false)
                    .add_instr_text(InstrText::Unsupported(instr.to_string()))
                    .add_field_char(FieldCharType::Separate, false)
                    .add_text("1")
                    .add_field_char(FieldCharType::End, false)
            }
        })
        .collect()
}

fn footer_paragraph(style: &Style, parts: &[PagePart], align: HAlign, inset: i32) -> Paragraph {
    let mut p = Paragraph::new().style(ids::FOOTER).align(alignment(align));
    p = match align {
        HAlign::Right => p.indent(
            Some(0),
            Some(SpecialIndentType::FirstLine(0)),
            Some(inset),
            None,
        ),
        HAlign::Left => p.indent(
            Some(inset),
            Some(SpecialIndentType::FirstLine(0)),
            None,
            None,
        ),
        _ => p,
    };
    page_number_runs(style, parts)
        .into_iter()
        .fold(p, Paragraph::add_run)
}

/// Page size, margins, grid, defaults, styles, header and footers.
pub(crate) fn setup(docx: Docx, style: &Style, opts: &ExportOptions) -> Docx {
    let (w, h) = page_twips(style);
    let body = style.font(FontRole::Body);
    let mut docx = docx
        .page_size(w as u32, h as u32)
        .page_margin(page_margin(style))
        .default_fonts(fonts_of(body.family()))
        .default_size(half_points(body.size_pt))
        .default_tab_stop(char_twips(style).max(1) as usize * 2);
    docx.document = docx.document.doc_grid(doc_grid(style));
    if opts.cover {
        docx = docx.page_num_type(PageNumType::new().start(1));
    }
    docx = word_styles(docx, style);

    let outside = match style.page_numbers.placement {
        PageNumberPlacement::Outside { inset_chars } => {
            Some(inset_chars as i32 * twips(style.font(FontRole::PageNumber).size_pt))
        }
        PageNumberPlacement::Center => None,
    };
    let header_text = opts
        .header
        .as_deref()
        .map(|h| clean_text(h.trim()).into_owned())
        .filter(|h| !h.is_empty());
    let header = header_text.map(|text| {
        let spec = style.font(FontRole::Header);
        Header::new().add_paragraph(
            Paragraph::new().style(ids::HEADER).add_run(
                Run::new()
                    .fonts(fonts_of(spec.family()))
                    .size(half_points(spec.size_pt))
                    .add_text(text),
            ),
        )
    });
    if let Some(h) = &header {
        docx = docx.header(h.clone());
    }
    if opts.page_numbers {
        let parts = style.page_numbers.format.parts(opts.lang);
        match outside {
            Some(inset) => {
                // Odd pages right, even pages left, one character in (w:evenAndOddHeaders).
                docx = docx
                    .footer(Footer::new().add_paragraph(footer_paragraph(
                        style,
                        &parts,
                        HAlign::Right,
                        inset,
                    )))
                    .even_footer(Footer::new().add_paragraph(footer_paragraph(
                        style,
                        &parts,
                        HAlign::Left,
                        inset,
                    )));
            }
            None => {
                docx = docx.footer(Footer::new().add_paragraph(footer_paragraph(
                    style,
                    &parts,
                    HAlign::Center,
                    0,
                )));
            }
        }
    }
    // With different even pages, the even header must be written too.
    if outside.is_some()
        && opts.page_numbers
        && let Some(h) = header
    {
        docx = docx.even_header(h);
    }
    docx
}

/// The kinds of list numbering.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum ListKind {
    Bullet,
    /// Ordered, starting at n.
    Ordered(u64),
}

// docx-rs always writes an abstractNum 1 and a num 1 of its own; ours start at 2.
const BULLET_ABSTRACT: usize = 2;
const ORDERED_ABSTRACT: usize = 3;
const BULLET_NUM: usize = 2;

/// The numbering instances a document uses: one for all bullet lists, one per ordered list
/// (each restarts at its own start number).
#[derive(Default)]
pub(crate) struct Numbering {
    /// (num id, level, start) of each ordered list.
    ordered: Vec<(usize, usize, u64)>,
}

impl Numbering {
    /// The w:numId for a list of `kind` at `level`.
    pub(crate) fn list(&mut self, kind: ListKind, level: usize) -> usize {
        match kind {
            ListKind::Bullet => BULLET_NUM,
            ListKind::Ordered(start) => {
                let id = BULLET_NUM + 1 + self.ordered.len();
                self.ordered.push((id, level, start));
                id
            }
        }
    }

    pub(crate) fn install(self, docx: Docx, style: &Style) -> Docx {
        let fonts = role_fonts(style, FontRole::Body);
        let level = |l: usize, fmt: &str, text: &str| {
            Level::new(
                l,
                Start::new(1),
                NumberFormat::new(fmt),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(
                Some(list_text_indent(style, l)),
                Some(SpecialIndentType::Hanging(list_hanging(style))),
                None,
                None,
            )
            .fonts(fonts.clone())
        };
        let bullets = ["●", "○", "■"];
        let bullet = (0..LIST_LEVELS).fold(AbstractNumbering::new(BULLET_ABSTRACT), |a, l| {
            a.add_level(level(l, "bullet", bullets[l % bullets.len()]))
        });
        let ordered = (0..LIST_LEVELS).fold(AbstractNumbering::new(ORDERED_ABSTRACT), |a, l| {
            let n = l + 1;
            let lvl = match l % 3 {
                0 => level(l, "decimal", &format!("%{n}.")),
                1 => level(l, "decimal", &format!("（%{n}）")),
                _ => level(l, "decimalEnclosedCircle", &format!("%{n}")),
            };
            a.add_level(lvl)
        });
        let mut docx = docx
            .add_abstract_numbering(bullet)
            .add_abstract_numbering(ordered)
            .add_numbering(docx_rs::Numbering::new(BULLET_NUM, BULLET_ABSTRACT));
        for (id, level, start) in self.ordered {
            let start = usize::try_from(start).unwrap_or(1);
            docx = docx.add_numbering(
                docx_rs::Numbering::new(id, ORDERED_ABSTRACT)
                    .add_override(LevelOverride::new(level).start(start)),
            );
        }
        docx
    }
}
