//! HTML writer: one standalone file, its CSS made from the same [`Style`] values as the
//! DOCX and PDF writers, headings numbered by the same plan.
//!
//! Safety: every piece of text is escaped (raw HTML from the source included: it is shown,
//! never interpreted), links stay links only for http(s) and mailto ([`crate::link_target`]),
//! images are not fetched (their alt text is shown), and a Content-Security-Policy without
//! any script source is declared, so nothing in the file can run script.

use crate::{ExportOptions, clean_text, link_target};
use recap_core::layout::{self, Plan};
use recap_core::model::{Align, Block, Inline, ListItem, inline_text};
use recap_core::style::{self, FontRole, HAlign, Style};
use recap_core::text::is_cjk_char;
use recap_core::{Document, Lang, Result};
use std::fmt::Write as _;

/// `doc` as a standalone HTML page.
pub fn write_html(doc: &Document, opts: &ExportOptions) -> Result<String> {
    let doc = &*crate::as_set(doc, opts.style);
    let style = style::resolve_fonts(&style::style(opts.style), &opts.fonts);
    let plan = layout::plan(doc, &style);
    let mut w = Html {
        plan: &plan,
        out: String::new(),
        closing: crate::closing_block(doc),
    };
    let lang = match opts.lang {
        Lang::ZhHans => "zh-CN",
        Lang::ZhHant => "zh-TW",
        Lang::En => "en",
    };
    let title = plan.title.trim();
    let date = crate::export_date(opts);

    let mut head = String::new();
    head.push_str("<!DOCTYPE html>\n");
    let _ = write!(
        head,
        "<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n"
    );
    head.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n",
    );
    head.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(head, "<meta name=\"generator\" content=\"Recap\">");
    if let Some(a) = doc
        .meta
        .author
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        let _ = writeln!(head, "<meta name=\"author\" content=\"{}\">", escape(a));
    }
    let known_as = match title {
        "" => recap_core::title::metadata_title(doc),
        shown => shown.to_string(),
    };
    let _ = writeln!(head, "<title>{}</title>", escape(&known_as));
    let _ = writeln!(head, "<style>\n{}</style>\n</head>\n<body>", css(&style));

    if opts.cover {
        w.out.push_str("<section class=\"cover\">\n");
        let _ = writeln!(w.out, "<p class=\"cover-title\">{}</p>", escape(title));
        for line in crate::cover_lines(doc, date, opts.lang) {
            let _ = writeln!(w.out, "<p class=\"cover-info\">{}</p>", escape(&line));
        }
        w.out.push_str("</section>\n");
    }
    if opts.toc {
        w.toc(doc, opts.lang);
    }
    w.out.push_str("<article>\n");
    w.out.push_str("<header class=\"title-block\">\n");
    if !title.is_empty() {
        let _ = writeln!(w.out, "<h1 class=\"title\">{}</h1>", escape(title));
    }
    let author = crate::author_line(doc);
    if style.author_line.is_some() && !author.is_empty() {
        let _ = writeln!(w.out, "<p class=\"author\">{}</p>", escape(&author));
    }
    w.out.push_str("</header>\n");
    w.blocks(doc, 0, &doc.blocks, 0);
    if opts.signature && !layout::ends_with_date(doc) {
        w.out.push_str("<div class=\"signature\">");
        if let Some(a) = doc
            .meta
            .author
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            let _ = write!(w.out, "<p>{}</p>", escape(a));
        }
        let _ = write!(w.out, "<p>{}</p>", escape(&style.signature.date_text(date)));
        w.out.push_str("</div>\n");
    }
    w.out.push_str("</article>\n</body>\n</html>\n");
    Ok(head + &w.out)
}

/// Text for HTML: XML-forbidden characters dropped, and `& < > " ' =` escaped (so that not
/// even the shape of an attribute survives in text).
pub fn escape(s: &str) -> String {
    let s = clean_text(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '=' => out.push_str("&#61;"),
            c => out.push(c),
        }
    }
    out
}

/// A CSS font-family list from family names (quotes, backslashes and anything that could
/// leave the declaration are dropped from the names).
fn css_families(style: &Style, role: FontRole, generic: &str) -> String {
    let mut v: Vec<String> = style
        .font(role)
        .families
        .iter()
        .map(|f| {
            f.chars()
                .filter(|c| {
                    !matches!(
                        c,
                        '"' | '\'' | '\\' | '<' | '>' | ';' | '{' | '}' | '\n' | '\r'
                    ) && !c.is_control()
                })
                .collect::<String>()
        })
        .filter(|f| !f.trim().is_empty())
        .map(|f| format!("\"{}\"", f.trim()))
        .collect();
    v.push(generic.to_string());
    v.join(", ")
}

fn css_align(a: HAlign) -> &'static str {
    match a {
        HAlign::Left => "left",
        HAlign::Center => "center",
        HAlign::Right => "right",
        HAlign::Justify => "justify",
    }
}

fn generic(role: FontRole, style: &Style) -> &'static str {
    let fam = style.font(role).family().to_ascii_lowercase();
    if role == FontRole::Mono {
        "monospace"
    } else if fam.contains("hei")
        || fam.contains("sans")
        || fam.contains("黑")
        || fam.contains("等线")
        || fam.contains("dengxian")
    {
        "sans-serif"
    } else {
        "serif"
    }
}

/// The style's figures as CSS.
fn css(style: &Style) -> String {
    let m = style.margins;
    let (type_w, _) = style.type_area_mm();
    let body = style.font(FontRole::Body);
    let line = |size: f32| style.line_height_pt(size);
    let font = |role: FontRole| {
        let f = style.font(role);
        format!(
            "font-family: {}; font-size: {}pt; font-weight: {}; line-height: {:.2}pt;",
            css_families(style, role, generic(role, style)),
            f.size_pt,
            if f.bold { "bold" } else { "normal" },
            line(f.size_pt).max(f.size_pt * 1.2)
        )
    };
    let mut c = String::new();
    let _ = writeln!(
        c,
        "@page {{ size: {}mm {}mm; margin: {}mm {}mm {}mm {}mm; }}",
        style.page.width_mm, style.page.height_mm, m.top_mm, m.right_mm, m.bottom_mm, m.left_mm
    );
    let _ = writeln!(
        c,
        "body {{ margin: 0; background: #f4f4f4; color: #000; }}\narticle, section.cover, nav.toc {{ box-sizing: content-box; width: {type_w}mm; max-width: calc(100% - 2em); margin: 1.5em auto; padding: {}mm {}mm {}mm {}mm; background: #fff; }}",
        m.top_mm, m.right_mm, m.bottom_mm, m.left_mm
    );
    let _ = writeln!(
        c,
        "@media print {{ body {{ background: none; }} article, section.cover, nav.toc {{ width: auto; max-width: none; margin: 0; padding: 0; }} section.cover, nav.toc {{ break-after: page; }} }}"
    );
    let _ = writeln!(c, "article {{ {} }}", font(FontRole::Body));
    let _ = writeln!(
        c,
        "p, li, blockquote {{ margin: 0; text-align: {}; }}\narticle > p, blockquote > p {{ text-indent: {}em; }}",
        css_align(style.body_align),
        style.first_line_indent_chars
    );
    let _ = writeln!(
        c,
        "h1.title {{ {} text-align: {}; margin: 0; }}",
        font(FontRole::Title),
        css_align(style.title_align)
    );
    if let Some(a) = style.author_line {
        let _ = writeln!(
            c,
            "p.author {{ {} text-align: {}; text-indent: 0; }}",
            font(a.role),
            css_align(a.align)
        );
    }
    let _ = writeln!(
        c,
        "header.title-block {{ margin-bottom: {:.2}pt; }}",
        style.title_space_after_pt
    );
    for depth in 0..4 {
        let _ = writeln!(
            c,
            "h{} {{ {} margin: {}pt 0 {}pt 0; text-indent: {}em; }}",
            depth + 2,
            font(FontRole::heading(depth)),
            style.heading_space_before_pt,
            style.heading_space_after_pt,
            style.heading_indent_chars
        );
    }
    let _ = writeln!(c, "h6 {{ {} margin: 0; }}", font(FontRole::Heading4));
    let _ = writeln!(
        c,
        "ul, ol {{ margin: 0; padding-left: {}em; }}\nli > p {{ text-indent: 0; }}\nli.task {{ list-style: none; }}",
        style.first_line_indent_chars + 2
    );
    let _ = writeln!(
        c,
        "blockquote {{ {} margin: 0 0 0 2em; }}",
        format_args!(
            "font-family: {};",
            css_families(style, FontRole::Kai, "serif")
        )
    );
    let _ = writeln!(
        c,
        "pre, code {{ font-family: {}; font-size: {}pt; }}\npre {{ white-space: pre-wrap; overflow-wrap: anywhere; background: #f2f2f2; padding: 0.5em; margin: 0.5em 0; line-height: 1.4; }}\np.raw {{ white-space: pre-wrap; text-indent: 0; }}",
        css_families(style, FontRole::Mono, "monospace"),
        style.font(FontRole::Mono).size_pt
    );
    let _ = writeln!(
        c,
        "table {{ border-collapse: collapse; width: 100%; margin: 0.5em 0; {} }}\nth, td {{ border: 0.5pt solid #000; padding: 0.2em 0.4em; vertical-align: top; }}\nth {{ background: #f2f2f2; font-weight: bold; text-align: center; }}",
        font(FontRole::Table)
    );
    let _ = writeln!(
        c,
        "a {{ color: #0563c1; }}\narticle {{ overflow-wrap: anywhere; }}"
    );
    let sig = style.signature;
    let _ = writeln!(
        c,
        "div.signature, p.signature {{ margin-top: {:.2}pt; text-align: {}; padding-right: {}em; }}\ndiv.signature p {{ text-indent: 0; text-align: {}; }}\np.signature {{ text-indent: 0; }}",
        sig.blank_lines_before as f32 * line(body.size_pt),
        css_align(sig.align),
        sig.right_indent_chars,
        css_align(sig.align)
    );
    let _ = writeln!(
        c,
        "p.cover-title {{ {} text-align: center; margin: 30% 0 20% 0; text-indent: 0; }}\np.cover-info {{ {} text-align: center; text-indent: 0; }}\nnav.toc p.toc-title {{ {} text-align: center; }}\nnav.toc ol {{ list-style: none; padding-left: 0; {} }}\nnav.toc li {{ text-align: left; }}",
        font(FontRole::Title),
        font(FontRole::Kai),
        font(FontRole::Heading1),
        font(FontRole::Body)
    );
    c
}

struct Html<'a> {
    plan: &'a Plan,
    out: String,
    closing: Option<usize>,
}

impl Html<'_> {
    fn inlines(&mut self, inlines: &[Inline]) {
        let mut prev_cjk = false;
        for (k, i) in inlines.iter().enumerate() {
            match i {
                Inline::Text { text } | Inline::Html { text } => self.out.push_str(&escape(text)),
                Inline::Code { text } => {
                    let _ = write!(self.out, "<code>{}</code>", escape(text));
                }
                Inline::Strong { content } => self.wrap("strong", content),
                Inline::Emph { content } => self.wrap("em", content),
                Inline::Strike { content } => self.wrap("del", content),
                Inline::Link {
                    url,
                    title,
                    content,
                } => match link_target(url) {
                    Some(target) => {
                        let _ = write!(
                            self.out,
                            "<a href=\"{}\" rel=\"noopener noreferrer nofollow\"",
                            escape(&target)
                        );
                        if !title.trim().is_empty() {
                            let _ = write!(self.out, " title=\"{}\"", escape(title));
                        }
                        self.out.push('>');
                        self.inlines(content);
                        self.out.push_str("</a>");
                    }
                    None => self.inlines(content),
                },
                // Images are not fetched: their alternative text stands in.
                Inline::Image { alt, .. } => self.inlines(alt),
                Inline::SoftBreak => {
                    let next_cjk = inline_text(&inlines[k + 1..])
                        .chars()
                        .next()
                        .is_some_and(is_cjk_char);
                    if !(prev_cjk && next_cjk) {
                        self.out.push(' ');
                    }
                }
                Inline::HardBreak => self.out.push_str("<br>"),
            }
            if let Some(c) = inline_text(std::slice::from_ref(i)).chars().last() {
                prev_cjk = is_cjk_char(c);
            }
        }
    }

    fn wrap(&mut self, tag: &str, content: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(content);
        let _ = write!(self.out, "</{tag}>");
    }

    fn blocks(&mut self, doc: &Document, offset: usize, blocks: &[Block], nest: usize) {
        for (k, b) in blocks.iter().enumerate() {
            let index = (nest == 0).then_some(offset + k);
            if index.is_some() && index == self.plan.title_block {
                continue;
            }
            if index.is_some()
                && index == self.closing
                && let Block::Paragraph { content } = b
            {
                let lines = crate::signature_lines(content);
                self.out.push_str("<p class=\"signature\">");
                self.inlines(&lines);
                self.out.push_str("</p>\n");
                continue;
            }
            self.block(doc, index, b, nest);
        }
    }

    fn block(&mut self, doc: &Document, index: Option<usize>, b: &Block, nest: usize) {
        match b {
            Block::Heading { level, content } => match index {
                Some(i) => {
                    let depth = self.plan.depths.get(i).copied().flatten().unwrap_or(0);
                    let tag = (depth + 2).min(6);
                    let _ = write!(self.out, "<h{tag} id=\"h{i}\">");
                    if let Some(n) = self.plan.numbers.get(i).and_then(|n| n.as_deref()) {
                        self.out.push_str(&escape(n));
                    }
                    let text = inline_text(content);
                    if text.trim().is_empty() {
                        self.inlines(content);
                    } else {
                        self.inlines(&crate::trim_inlines(content));
                    }
                    let _ = writeln!(self.out, "</h{tag}>");
                }
                None => {
                    let _ = write!(self.out, "<p class=\"h{level}\"><strong>");
                    self.inlines(content);
                    self.out.push_str("</strong></p>\n");
                }
            },
            Block::Paragraph { content } => {
                self.out.push_str("<p>");
                self.inlines(content);
                self.out.push_str("</p>\n");
            }
            Block::Html { text } => {
                let _ = writeln!(
                    self.out,
                    "<p class=\"raw\">{}</p>",
                    escape(text.trim_end_matches('\n'))
                );
            }
            Block::Code { lang, text } => {
                let class = lang
                    .as_deref()
                    .map(|l| {
                        l.chars()
                            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                            .collect::<String>()
                    })
                    .filter(|l| !l.is_empty())
                    .map(|l| format!(" class=\"language-{l}\""))
                    .unwrap_or_default();
                let _ = writeln!(
                    self.out,
                    "<pre><code{class}>{}</code></pre>",
                    escape(text.trim_end_matches('\n'))
                );
            }
            Block::Rule => self.out.push_str("<hr>\n"),
            Block::Quote { blocks } => {
                self.out.push_str("<blockquote>\n");
                self.blocks(doc, 0, blocks, nest + 1);
                self.out.push_str("</blockquote>\n");
            }
            Block::List {
                start,
                items,
                tight,
            } => self.list(doc, *start, items, *tight, nest),
            Block::Table { align, head, rows } => self.table(align, head, rows),
        }
    }

    fn list(
        &mut self,
        doc: &Document,
        start: Option<u64>,
        items: &[ListItem],
        tight: bool,
        nest: usize,
    ) {
        match start {
            Some(1) => self.out.push_str("<ol>\n"),
            Some(n) => {
                let _ = writeln!(self.out, "<ol start=\"{n}\">");
            }
            None => self.out.push_str("<ul>\n"),
        }
        for item in items {
            match item.task {
                Some(done) => {
                    let _ = write!(
                        self.out,
                        "<li class=\"task\">{}",
                        if done { "☑ " } else { "☐ " }
                    );
                }
                None => self.out.push_str("<li>"),
            }
            for (k, b) in item.blocks.iter().enumerate() {
                // A tight item's first paragraph is its text, without a paragraph box.
                match b {
                    Block::Paragraph { content } if tight && k == 0 => self.inlines(content),
                    _ => self.block(doc, None, b, nest + 1),
                }
            }
            self.out.push_str("</li>\n");
        }
        self.out.push_str(if start.is_some() {
            "</ol>\n"
        } else {
            "</ul>\n"
        });
    }

    fn table(&mut self, align: &[Align], head: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) {
        let cols = rows
            .iter()
            .map(Vec::len)
            .chain([head.len()])
            .max()
            .unwrap_or(0);
        let style_of = |k: usize| match align.get(k) {
            Some(Align::Center) => " style=\"text-align: center\"",
            Some(Align::Right) => " style=\"text-align: right\"",
            Some(Align::Left) => " style=\"text-align: left\"",
            _ => "",
        };
        self.out.push_str("<table>\n<thead><tr>");
        for k in 0..cols {
            self.out.push_str("<th>");
            if let Some(c) = head.get(k) {
                self.inlines(c);
            }
            self.out.push_str("</th>");
        }
        self.out.push_str("</tr></thead>\n<tbody>\n");
        for r in rows {
            self.out.push_str("<tr>");
            for k in 0..cols {
                let _ = write!(self.out, "<td{}>", style_of(k));
                if let Some(c) = r.get(k) {
                    self.inlines(c);
                }
                self.out.push_str("</td>");
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table>\n");
    }

    fn toc(&mut self, doc: &Document, lang: Lang) {
        self.out.push_str("<nav class=\"toc\">\n");
        let _ = writeln!(
            self.out,
            "<p class=\"toc-title\">{}</p>\n<ol>",
            escape(crate::toc_label(lang))
        );
        for (i, b) in doc.blocks.iter().enumerate() {
            if Some(i) == self.plan.title_block {
                continue;
            }
            if let Block::Heading { content, .. } = b {
                let depth = self.plan.depths.get(i).copied().flatten().unwrap_or(0);
                if depth < 4 {
                    let _ = writeln!(
                        self.out,
                        "<li style=\"padding-left: {}em\"><a href=\"#h{i}\">{}</a></li>",
                        2 * depth,
                        escape(&self.plan.heading_text(i, content))
                    );
                }
            }
        }
        self.out.push_str("</ol>\n</nav>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            escape("<img src=x onerror=\"a\">&'"),
            "&lt;img src&#61;x onerror&#61;&quot;a&quot;&gt;&amp;&#39;"
        );
        assert_eq!(escape("a\u{0}b"), "ab");
    }

    #[test]
    fn css_comes_from_the_style() {
        let c = css(&style::style(style::StyleId::Gov));
        assert!(
            c.contains("@page { size: 210mm 297mm; margin: 37mm 26mm 35mm 28mm; }"),
            "{c}"
        );
        assert!(c.contains("\"仿宋_GB2312\""));
        assert!(c.contains("line-height: 28.99pt"));
    }

    #[test]
    fn font_names_cannot_leave_the_style_sheet() {
        let mut o = std::collections::BTreeMap::new();
        o.insert(
            "body".into(),
            "x\"; } </style><script>alert(1)</script>".into(),
        );
        let s = style::resolve_fonts(&style::style(style::StyleId::Plain), &o);
        let c = css(&s);
        assert!(!c.contains("</style"));
        assert!(!c.contains("<script"));
    }
}
