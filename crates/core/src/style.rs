//! The export styles: one description of each (page, margins, fonts, sizes, line pitch,
//! heading numbering, page numbers, signature), read by every writer (DOCX, PDF, HTML).
//!
//! No figure of a layout is written twice: the 公文 line pitch, character pitch and type
//! area are computed here from the page, the margins and the 22 × 28 grid, and the writers
//! only convert units. See `docs` / formal-style.md for where the figures come from.

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::meta::format_date_cn;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::str::FromStr;

/// Lines and characters of one 公文 page (GB/T 9704: 22 lines of 28 characters).
pub const GRID_LINES: u32 = 22;
pub const GRID_CHARS: u32 = 28;

/// Chinese type sizes (字号) in points.
pub mod size {
    pub const CHU_HAO: f32 = 42.0; // 初号
    pub const XIAO_CHU: f32 = 36.0; // 小初
    pub const YI_HAO: f32 = 26.0; // 一号
    pub const XIAO_YI: f32 = 24.0; // 小一
    pub const ER_HAO: f32 = 22.0; // 二号
    pub const XIAO_ER: f32 = 18.0; // 小二
    pub const SAN_HAO: f32 = 16.0; // 三号
    pub const XIAO_SAN: f32 = 15.0; // 小三
    pub const SI_HAO: f32 = 14.0; // 四号
    pub const XIAO_SI: f32 = 12.0; // 小四
    pub const WU_HAO: f32 = 10.5; // 五号
    pub const XIAO_WU: f32 = 9.0; // 小五
}

/// Unit conversions every writer needs.
pub mod units {
    pub const MM_PER_INCH: f32 = 25.4;
    pub const PT_PER_INCH: f32 = 72.0;
    pub const TWIPS_PER_PT: f32 = 20.0;

    pub fn mm_to_pt(mm: f32) -> f32 {
        mm * PT_PER_INCH / MM_PER_INCH
    }
    pub fn pt_to_mm(pt: f32) -> f32 {
        pt * MM_PER_INCH / PT_PER_INCH
    }
    /// Twentieths of a point (Word's page and indent unit), rounded.
    pub fn mm_to_twips(mm: f32) -> i32 {
        (mm_to_pt(mm) * TWIPS_PER_PT).round() as i32
    }
    pub fn pt_to_twips(pt: f32) -> i32 {
        (pt * TWIPS_PER_PT).round() as i32
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[serde(rename_all = "lowercase")]
pub enum StyleId {
    /// 公文 — after GB/T 9704-2012.
    #[default]
    Gov,
    /// 商务.
    Business,
    /// 简洁.
    Plain,
}

impl StyleId {
    pub const ALL: [StyleId; 3] = [StyleId::Gov, StyleId::Business, StyleId::Plain];

    pub fn id(self) -> &'static str {
        match self {
            StyleId::Gov => "gov",
            StyleId::Business => "business",
            StyleId::Plain => "plain",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StyleId::Gov => lang.pick("公文格式", "公文格式", "Official (GB/T 9704)"),
            StyleId::Business => lang.pick("商务", "商務", "Business"),
            StyleId::Plain => lang.pick("简洁", "簡潔", "Plain"),
        }
    }
}

impl FromStr for StyleId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "gov" | "公文" | "公文格式" => Ok(StyleId::Gov),
            "business" | "商务" | "商務" => Ok(StyleId::Business),
            "plain" | "简洁" | "簡潔" => Ok(StyleId::Plain),
            other => Err(Error::invalid("style", format!("'{other}'"))),
        }
    }
}

/// What a piece of text is, typographically. Each role has a size and a list of families.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum FontRole {
    Title,
    Heading1,
    Heading2,
    Heading3,
    Heading4,
    Body,
    /// The author line under the title (公文: 三号楷体) and other Kai text.
    Kai,
    Table,
    Mono,
    PageNumber,
    /// Running header text and the small print of the cover.
    Header,
}

impl FontRole {
    pub const ALL: [FontRole; 11] = [
        FontRole::Title,
        FontRole::Heading1,
        FontRole::Heading2,
        FontRole::Heading3,
        FontRole::Heading4,
        FontRole::Body,
        FontRole::Kai,
        FontRole::Table,
        FontRole::Mono,
        FontRole::PageNumber,
        FontRole::Header,
    ];

    /// The id used in Settings overrides (`fonts.<id> = "family"`).
    pub fn id(self) -> &'static str {
        match self {
            FontRole::Title => "title",
            FontRole::Heading1 => "heading1",
            FontRole::Heading2 => "heading2",
            FontRole::Heading3 => "heading3",
            FontRole::Heading4 => "heading4",
            FontRole::Body => "body",
            FontRole::Kai => "kai",
            FontRole::Table => "table",
            FontRole::Mono => "mono",
            FontRole::PageNumber => "page-number",
            FontRole::Header => "header",
        }
    }

    pub fn from_id(id: &str) -> Option<FontRole> {
        let id = id.trim().to_ascii_lowercase().replace('_', "-");
        let id = match id.as_str() {
            "pagenumber" | "page" => "page-number",
            "heading" | "heading-1" | "h1" => "heading1",
            "heading-2" | "h2" => "heading2",
            "heading-3" | "h3" => "heading3",
            "heading-4" | "h4" => "heading4",
            other => other,
        };
        FontRole::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The role's name in Settings, in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FontRole::Title => lang.pick("文档标题", "文件標題", "Document title"),
            FontRole::Heading1 => lang.pick("一级标题", "一級標題", "Heading 1"),
            FontRole::Heading2 => lang.pick("二级标题", "二級標題", "Heading 2"),
            FontRole::Heading3 => lang.pick("三级标题", "三級標題", "Heading 3"),
            FontRole::Heading4 => lang.pick("四级标题", "四級標題", "Heading 4"),
            FontRole::Body => lang.pick("正文", "內文", "Body text"),
            FontRole::Kai => lang.pick("楷体段落", "楷體段落", "Kai passages"),
            FontRole::Table => lang.pick("表格", "表格", "Tables"),
            FontRole::Mono => lang.pick("代码", "程式碼", "Code"),
            FontRole::PageNumber => lang.pick("页码", "頁碼", "Page numbers"),
            FontRole::Header => lang.pick("页眉", "頁首", "Header"),
        }
    }

    /// The heading role of a numbered depth (0 = 一、); depths past the fourth use the fourth.
    pub fn heading(depth: usize) -> FontRole {
        match depth {
            0 => FontRole::Heading1,
            1 => FontRole::Heading2,
            2 => FontRole::Heading3,
            _ => FontRole::Heading4,
        }
    }

    fn index(self) -> usize {
        FontRole::ALL.iter().position(|r| *r == self).unwrap_or(0)
    }
}

/// Family lists: the official name first, then Windows, macOS and Linux faces.
pub mod families {
    pub const XIAOBIAOSONG: &[&str] = &[
        "方正小标宋简体",
        "方正小标宋_GBK",
        "华文中宋",
        "SimSun",
        "Songti SC",
        "STSong",
        "Noto Serif CJK SC",
        "Source Han Serif SC",
    ];
    pub const FANGSONG: &[&str] = &[
        "仿宋_GB2312",
        "仿宋",
        "FangSong",
        "STFangsong",
        "Noto Serif CJK SC",
        "Source Han Serif SC",
    ];
    pub const KAI: &[&str] = &[
        "楷体_GB2312",
        "楷体",
        "KaiTi",
        "Kaiti SC",
        "STKaiti",
        // Linux: LXGW WenKai has a regular weight that holds up at 三号 and its own digits
        // and Latin; AR PL UKai's strokes are hairline-thin in print.
        "LXGW WenKai",
        "AR PL UKai CN",
        "AR PL UKai",
        "Noto Serif CJK SC",
    ];
    pub const HEI: &[&str] = &[
        "黑体",
        "SimHei",
        "Heiti SC",
        "STHeiti",
        "Noto Sans CJK SC",
        "Source Han Sans SC",
    ];
    pub const SONG: &[&str] = &[
        "宋体",
        "SimSun",
        "Songti SC",
        "STSong",
        "Noto Serif CJK SC",
        "Source Han Serif SC",
    ];
    pub const DENGXIAN: &[&str] = &[
        "等线",
        "DengXian",
        "Microsoft YaHei",
        "PingFang SC",
        "Heiti SC",
        "Noto Sans CJK SC",
        "Source Han Sans SC",
    ];
    pub const MONO: &[&str] = &[
        "Consolas",
        "Menlo",
        "DejaVu Sans Mono",
        "Noto Sans Mono CJK SC",
        "Noto Sans Mono",
    ];
}

/// Every family the styles name, each once, in the order the lists give them: what a font
/// picker offers first.
pub fn known_families() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for list in [
        families::FANGSONG,
        families::KAI,
        families::HEI,
        families::SONG,
        families::XIAOBIAOSONG,
        families::DENGXIAN,
        families::MONO,
    ] {
        for f in list {
            if !out.contains(f) {
                out.push(f);
            }
        }
    }
    out
}

/// The file formats a document is exported to.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Docx,
    Pdf,
    Html,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s
            .trim()
            .trim_start_matches('.')
            .to_ascii_lowercase()
            .as_str()
        {
            "docx" | "word" => Ok(Format::Docx),
            "pdf" => Ok(Format::Pdf),
            "html" | "htm" => Ok(Format::Html),
            other => Err(Error::invalid("format", format!("'{other}'"))),
        }
    }
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct FontSpec {
    /// Tried in order; DOCX writes the first, PDF embeds the first one installed.
    pub families: Vec<String>,
    pub size_pt: f32,
    pub bold: bool,
}

impl FontSpec {
    fn new(families: &[&str], size_pt: f32, bold: bool) -> Self {
        FontSpec {
            families: families.iter().map(|s| s.to_string()).collect(),
            size_pt,
            bold,
        }
    }

    /// The family a writer names (the first of the list).
    pub fn family(&self) -> &str {
        self.families.first().map_or("SimSun", String::as_str)
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Debug)]
pub struct PageSize {
    pub width_mm: f32,
    pub height_mm: f32,
}

pub const A4: PageSize = PageSize {
    width_mm: 210.0,
    height_mm: 297.0,
};

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Debug)]
pub struct Margins {
    pub top_mm: f32,
    pub bottom_mm: f32,
    pub left_mm: f32,
    pub right_mm: f32,
}

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub enum HAlign {
    Left,
    Center,
    Right,
    Justify,
}

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Debug)]
#[serde(rename_all = "lowercase", tag = "rule", content = "value")]
pub enum LineSpacing {
    /// Every line exactly this many points apart (公文: the grid's line pitch).
    Exact(f32),
    /// A multiple of the font's single line height.
    Multiple(f32),
}

/// A document grid of lines and characters filling the type area (公文: 22 × 28).
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Grid {
    pub lines: u32,
    pub chars: u32,
}

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
pub enum PageNumberFormat {
    /// — 1 —
    Dashed,
    /// 第 1 页 共 3 页
    OfTotal,
    /// 1
    Bare,
}

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
pub enum PageNumberPlacement {
    /// Odd pages right, even pages left, `inset_chars` characters in from the edge of the
    /// type area (公文: one character's space).
    Outside {
        inset_chars: u32,
    },
    Center,
}

/// Where the footer (the page number line) sits.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Debug)]
#[serde(rename_all = "kebab-case", tag = "from")]
pub enum FooterPosition {
    /// The top of the number line is `gap_mm` below the type area (公文: 7 mm).
    BelowTypeArea { gap_mm: f32 },
    /// The bottom of the footer is `mm` above the page's lower edge (Word's footer distance).
    FromEdge { mm: f32 },
}

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Debug)]
pub struct PageNumbers {
    pub format: PageNumberFormat,
    pub placement: PageNumberPlacement,
    pub position: FooterPosition,
}

/// One piece of the page number line: literal text or a field.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum PagePart {
    Text(String),
    /// The current page number (Word's PAGE field).
    Page,
    /// The number of pages (Word's NUMPAGES field).
    Pages,
}

impl PageNumberFormat {
    /// The line as text and fields, in `lang`.
    pub fn parts(self, lang: Lang) -> Vec<PagePart> {
        let t = |s: &str| PagePart::Text(s.to_string());
        match self {
            // Em dashes (U+2014) with a space each side of the number.
            PageNumberFormat::Dashed => vec![t("— "), PagePart::Page, t(" —")],
            PageNumberFormat::OfTotal => match lang {
                Lang::En => vec![t("Page "), PagePart::Page, t(" of "), PagePart::Pages],
                Lang::ZhHant => vec![
                    t("第 "),
                    PagePart::Page,
                    t(" 頁 共 "),
                    PagePart::Pages,
                    t(" 頁"),
                ],
                Lang::ZhHans => vec![
                    t("第 "),
                    PagePart::Page,
                    t(" 页 共 "),
                    PagePart::Pages,
                    t(" 页"),
                ],
            },
            PageNumberFormat::Bare => vec![PagePart::Page],
        }
    }

    /// The line for a known page, e.g. for a preview or a writer without fields.
    pub fn render(self, lang: Lang, page: u32, pages: u32) -> String {
        self.parts(lang)
            .into_iter()
            .map(|p| match p {
                PagePart::Text(s) => s,
                PagePart::Page => page.to_string(),
                PagePart::Pages => pages.to_string(),
            })
            .collect()
    }
}

/// The author line under the title (公文: department and name, centred, 三号楷体).
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Debug)]
pub struct AuthorLine {
    pub role: FontRole,
    pub align: HAlign,
}

/// The closing block: name, then the date in the official form, right-aligned.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Debug)]
pub struct Signature {
    pub role: FontRole,
    pub align: HAlign,
    /// Characters of space kept to the right of the block.
    pub right_indent_chars: u32,
    /// Empty lines between the body and the block.
    pub blank_lines_before: u32,
}

impl Signature {
    /// The date line, e.g. 2026年12月28日.
    pub fn date_text(&self, date: NaiveDate) -> String {
        format_date_cn(date)
    }
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct Style {
    pub id: StyleId,
    pub page: PageSize,
    pub margins: Margins,
    /// Indexed by [`FontRole::ALL`]; read it through [`Style::font`].
    fonts: Vec<FontSpec>,
    pub line_spacing: LineSpacing,
    /// Space after the title block (title and author line), in points.
    pub title_space_after_pt: f32,
    pub title_align: HAlign,
    pub heading_space_before_pt: f32,
    pub heading_space_after_pt: f32,
    pub body_align: HAlign,
    /// First-line indent of body paragraphs, in characters of the body size.
    pub first_line_indent_chars: u32,
    /// First-line indent of headings, in characters (公文: headings sit in the text like
    /// paragraphs, two characters in; the others: flush left).
    pub heading_indent_chars: u32,
    pub grid: Option<Grid>,
    pub author_line: Option<AuthorLine>,
    /// Number headings 一、（一）1.（1） (from [`crate::outline::heading_numbers`]).
    pub heading_numbering: bool,
    pub page_numbers: PageNumbers,
    /// The header's distance from the top edge of the page, in mm.
    pub header_mm: f32,
    pub signature: Signature,
}

impl Style {
    pub fn font(&self, role: FontRole) -> &FontSpec {
        // `fonts` always has one entry per role (built below); fall back to the body anyway.
        self.fonts
            .get(role.index())
            .or_else(|| self.fonts.get(FontRole::Body.index()))
            .unwrap_or(&FALLBACK_FONT)
    }

    pub fn font_mut(&mut self, role: FontRole) -> Option<&mut FontSpec> {
        self.fonts.get_mut(role.index())
    }

    /// Width and height of the type area (版心) in mm: the page minus the margins.
    pub fn type_area_mm(&self) -> (f32, f32) {
        (
            self.page.width_mm - self.margins.left_mm - self.margins.right_mm,
            self.page.height_mm - self.margins.top_mm - self.margins.bottom_mm,
        )
    }

    /// The grid's line pitch in points: the type area's height over the lines of a page.
    pub fn grid_line_pitch_pt(&self) -> Option<f32> {
        let g = self.grid?;
        Some(units::mm_to_pt(self.type_area_mm().1) / g.lines as f32)
    }

    /// The grid's character pitch in points: the type area's width over the characters of a line.
    pub fn grid_char_pitch_pt(&self) -> Option<f32> {
        let g = self.grid?;
        Some(units::mm_to_pt(self.type_area_mm().0) / g.chars as f32)
    }

    /// The body's first-line indent in points (characters × body size).
    pub fn first_line_indent_pt(&self) -> f32 {
        self.first_line_indent_chars as f32 * self.font(FontRole::Body).size_pt
    }

    /// The distance in points from one baseline to the next for text of `size_pt`:
    /// exact for the grid, else the multiple of a CJK line height (≈1.3 × size, as Word and
    /// LibreOffice lay out CJK faces).
    pub fn line_height_pt(&self, size_pt: f32) -> f32 {
        match self.line_spacing {
            LineSpacing::Exact(pt) => pt,
            LineSpacing::Multiple(m) => m * size_pt * CJK_LINE_HEIGHT,
        }
    }

    /// Distance in mm from the page's lower edge to the bottom of the page number line
    /// (Word's footer distance).
    pub fn footer_mm(&self) -> f32 {
        match self.page_numbers.position {
            FooterPosition::FromEdge { mm } => mm,
            FooterPosition::BelowTypeArea { gap_mm } => {
                let line = units::pt_to_mm(self.font(FontRole::PageNumber).size_pt);
                self.margins.bottom_mm - gap_mm - line
            }
        }
    }
}

/// Single line height of a CJK face as a multiple of its size.
pub const CJK_LINE_HEIGHT: f32 = 1.3;

static FALLBACK_FONT: FontSpec = FontSpec {
    families: Vec::new(),
    size_pt: size::SAN_HAO,
    bold: false,
};

fn fonts(f: impl Fn(FontRole) -> FontSpec) -> Vec<FontSpec> {
    FontRole::ALL.into_iter().map(f).collect()
}

fn gov() -> Style {
    let page = A4;
    let margins = Margins {
        top_mm: 37.0,
        bottom_mm: 35.0,
        left_mm: 28.0,
        right_mm: 26.0,
    };
    let mut s = Style {
        id: StyleId::Gov,
        page,
        margins,
        fonts: fonts(|r| match r {
            FontRole::Title => FontSpec::new(families::XIAOBIAOSONG, size::ER_HAO, false),
            FontRole::Heading1 => FontSpec::new(families::HEI, size::SAN_HAO, false),
            FontRole::Heading2 | FontRole::Kai => {
                FontSpec::new(families::KAI, size::SAN_HAO, false)
            }
            FontRole::Heading3 | FontRole::Heading4 | FontRole::Body => {
                FontSpec::new(families::FANGSONG, size::SAN_HAO, false)
            }
            FontRole::Table => FontSpec::new(families::FANGSONG, size::SI_HAO, false),
            FontRole::Mono => FontSpec::new(families::MONO, size::XIAO_SI, false),
            FontRole::PageNumber => FontSpec::new(families::SONG, size::SI_HAO, false),
            FontRole::Header => FontSpec::new(families::SONG, size::XIAO_WU, false),
        }),
        line_spacing: LineSpacing::Multiple(1.0),
        title_space_after_pt: 0.0,
        title_align: HAlign::Center,
        heading_space_before_pt: 0.0,
        heading_space_after_pt: 0.0,
        body_align: HAlign::Justify,
        first_line_indent_chars: 2,
        heading_indent_chars: 2,
        grid: Some(Grid {
            lines: GRID_LINES,
            chars: GRID_CHARS,
        }),
        author_line: Some(AuthorLine {
            role: FontRole::Kai,
            align: HAlign::Center,
        }),
        heading_numbering: true,
        page_numbers: PageNumbers {
            format: PageNumberFormat::Dashed,
            placement: PageNumberPlacement::Outside { inset_chars: 1 },
            position: FooterPosition::BelowTypeArea { gap_mm: 7.0 },
        },
        header_mm: 15.0,
        signature: Signature {
            role: FontRole::Body,
            align: HAlign::Right,
            right_indent_chars: 2,
            blank_lines_before: 1,
        },
    };
    // Lines sit exactly on the grid; one empty grid line after the title block.
    if let Some(pitch) = s.grid_line_pitch_pt() {
        s.line_spacing = LineSpacing::Exact(pitch);
        s.title_space_after_pt = pitch;
    }
    s
}

fn business() -> Style {
    Style {
        id: StyleId::Business,
        page: A4,
        margins: Margins {
            top_mm: 25.4,
            bottom_mm: 25.4,
            left_mm: 31.8,
            right_mm: 31.8,
        },
        fonts: fonts(|r| match r {
            FontRole::Title => FontSpec::new(families::HEI, size::XIAO_ER, true),
            FontRole::Heading1 => FontSpec::new(families::HEI, size::SI_HAO, false),
            FontRole::Heading2 | FontRole::Heading3 | FontRole::Heading4 => {
                FontSpec::new(families::HEI, size::XIAO_SI, false)
            }
            FontRole::Body => FontSpec::new(families::SONG, size::XIAO_SI, false),
            FontRole::Kai => FontSpec::new(families::KAI, size::XIAO_SI, false),
            FontRole::Table => FontSpec::new(families::SONG, size::WU_HAO, false),
            FontRole::Mono => FontSpec::new(families::MONO, size::WU_HAO, false),
            FontRole::PageNumber | FontRole::Header => {
                FontSpec::new(families::SONG, size::XIAO_WU, false)
            }
        }),
        line_spacing: LineSpacing::Multiple(1.5),
        title_space_after_pt: size::XIAO_SI * 2.0,
        title_align: HAlign::Center,
        heading_space_before_pt: size::XIAO_SI,
        heading_space_after_pt: size::XIAO_SI / 2.0,
        body_align: HAlign::Justify,
        first_line_indent_chars: 2,
        heading_indent_chars: 0,
        grid: None,
        author_line: Some(AuthorLine {
            role: FontRole::Kai,
            align: HAlign::Center,
        }),
        heading_numbering: true,
        page_numbers: PageNumbers {
            format: PageNumberFormat::OfTotal,
            placement: PageNumberPlacement::Center,
            // Word's Chinese default footer distance, 1.75 cm.
            position: FooterPosition::FromEdge { mm: 17.5 },
        },
        header_mm: 15.0,
        signature: Signature {
            role: FontRole::Body,
            align: HAlign::Right,
            right_indent_chars: 0,
            blank_lines_before: 1,
        },
    }
}

fn plain() -> Style {
    Style {
        id: StyleId::Plain,
        page: A4,
        margins: Margins {
            top_mm: 25.0,
            bottom_mm: 25.0,
            left_mm: 25.0,
            right_mm: 25.0,
        },
        fonts: fonts(|r| match r {
            FontRole::Title => FontSpec::new(families::DENGXIAN, size::XIAO_ER, true),
            FontRole::Heading1 => FontSpec::new(families::DENGXIAN, size::SI_HAO, true),
            FontRole::Heading2 => FontSpec::new(families::DENGXIAN, size::XIAO_SI, true),
            FontRole::Heading3 | FontRole::Heading4 => {
                FontSpec::new(families::DENGXIAN, size::WU_HAO, true)
            }
            FontRole::Body | FontRole::Kai | FontRole::Table => {
                FontSpec::new(families::DENGXIAN, size::WU_HAO, false)
            }
            FontRole::Mono => FontSpec::new(families::MONO, size::XIAO_WU, false),
            FontRole::PageNumber | FontRole::Header => {
                FontSpec::new(families::DENGXIAN, size::XIAO_WU, false)
            }
        }),
        line_spacing: LineSpacing::Multiple(1.5),
        title_space_after_pt: size::WU_HAO * 2.0,
        title_align: HAlign::Center,
        heading_space_before_pt: size::WU_HAO,
        heading_space_after_pt: size::WU_HAO / 2.0,
        body_align: HAlign::Justify,
        first_line_indent_chars: 2,
        heading_indent_chars: 0,
        grid: None,
        author_line: Some(AuthorLine {
            role: FontRole::Body,
            align: HAlign::Center,
        }),
        heading_numbering: false,
        page_numbers: PageNumbers {
            format: PageNumberFormat::Bare,
            placement: PageNumberPlacement::Center,
            position: FooterPosition::FromEdge { mm: 12.5 },
        },
        header_mm: 12.5,
        signature: Signature {
            role: FontRole::Body,
            align: HAlign::Right,
            right_indent_chars: 0,
            blank_lines_before: 1,
        },
    }
}

/// The description of one export style.
pub fn style(id: StyleId) -> Style {
    match id {
        StyleId::Gov => gov(),
        StyleId::Business => business(),
        StyleId::Plain => plain(),
    }
}

/// The style with the user's font choices from Settings applied: for each `role id ->
/// family` (ids from [`FontRole::id`]), that family goes first in the role's list (the
/// built-in names stay behind it as fallbacks). Unknown roles and empty names are ignored.
pub fn resolve_fonts(style: &Style, overrides: &BTreeMap<String, String>) -> Style {
    let mut s = style.clone();
    for (role, family) in overrides {
        let family = family.trim();
        let (Some(role), false) = (FontRole::from_id(role), family.is_empty()) else {
            continue;
        };
        if let Some(spec) = s.font_mut(role) {
            spec.families.retain(|f| f != family);
            spec.families.insert(0, family.to_string());
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f32, b: f32, eps: f32) -> bool {
        (a - b).abs() <= eps
    }

    #[test]
    fn gov_figures_follow_gb_t_9704() {
        let s = style(StyleId::Gov);
        assert_eq!((s.page.width_mm, s.page.height_mm), (210.0, 297.0));
        assert_eq!(s.type_area_mm(), (156.0, 225.0));
        let pitch = s.grid_line_pitch_pt().unwrap();
        assert!(close(pitch, 28.99, 0.01), "{pitch}");
        assert_eq!(s.line_spacing, LineSpacing::Exact(pitch));
        let chars = s.grid_char_pitch_pt().unwrap();
        assert!(close(chars, 15.79, 0.01), "{chars}");
        assert_eq!(
            s.grid,
            Some(Grid {
                lines: 22,
                chars: 28
            })
        );
        assert_eq!(s.font(FontRole::Body).family(), "仿宋_GB2312");
        assert_eq!(s.font(FontRole::Body).size_pt, 16.0);
        assert_eq!(s.font(FontRole::Title).family(), "方正小标宋简体");
        assert_eq!(s.font(FontRole::Title).size_pt, 22.0);
        assert_eq!(s.font(FontRole::Heading1).family(), "黑体");
        assert_eq!(s.font(FontRole::Heading2).family(), "楷体_GB2312");
        assert_eq!(s.font(FontRole::Heading3).family(), "仿宋_GB2312");
        assert_eq!(s.font(FontRole::Kai).size_pt, 16.0);
        assert_eq!(s.font(FontRole::PageNumber).size_pt, 14.0);
        assert_eq!(s.first_line_indent_pt(), 32.0);
        assert!(s.heading_numbering);
        // The number line's top is 7 mm below the type area: 35 - 7 - 14 pt.
        assert!(
            close(s.footer_mm(), 35.0 - 7.0 - 4.939, 0.01),
            "{}",
            s.footer_mm()
        );
        assert_eq!(
            PageNumberFormat::Dashed.render(Lang::ZhHans, 1, 3),
            "\u{2014} 1 \u{2014}"
        );
    }

    #[test]
    fn business_and_plain_figures() {
        let b = style(StyleId::Business);
        assert_eq!((b.margins.top_mm, b.margins.left_mm), (25.4, 31.8));
        assert_eq!(b.line_spacing, LineSpacing::Multiple(1.5));
        assert_eq!(b.grid, None);
        assert_eq!(b.font(FontRole::Title).size_pt, 18.0);
        assert!(b.font(FontRole::Title).bold);
        assert_eq!(b.font(FontRole::Body).size_pt, 12.0);
        assert_eq!(
            b.page_numbers.format.render(Lang::ZhHans, 2, 5),
            "第 2 页 共 5 页"
        );
        let p = style(StyleId::Plain);
        assert_eq!(p.type_area_mm(), (160.0, 247.0));
        assert_eq!(p.font(FontRole::Body).size_pt, 10.5);
        assert!(!p.heading_numbering);
        for r in FontRole::ALL {
            for s in [&b, &p] {
                assert!(!s.font(r).families.is_empty(), "{r:?}");
            }
        }
    }

    #[test]
    fn style_ids_parse() {
        assert_eq!("公文".parse::<StyleId>().unwrap(), StyleId::Gov);
        assert_eq!("Business".parse::<StyleId>().unwrap(), StyleId::Business);
        assert_eq!("简洁".parse::<StyleId>().unwrap(), StyleId::Plain);
        assert!("fancy".parse::<StyleId>().is_err());
        assert_eq!(StyleId::default(), StyleId::Gov);
        for id in StyleId::ALL {
            assert_eq!(id.id().parse::<StyleId>().unwrap(), id);
        }
    }

    #[test]
    fn overrides_go_first_and_keep_fallbacks() {
        let mut o = BTreeMap::new();
        o.insert("body".to_string(), "LXGW WenKai".to_string());
        o.insert("nonsense".to_string(), "X".to_string());
        o.insert("title".to_string(), "  ".to_string());
        let s = resolve_fonts(&style(StyleId::Gov), &o);
        assert_eq!(s.font(FontRole::Body).family(), "LXGW WenKai");
        assert!(
            s.font(FontRole::Body)
                .families
                .contains(&"仿宋_GB2312".to_string())
        );
        assert_eq!(s.font(FontRole::Title).family(), "方正小标宋简体");
    }
}
