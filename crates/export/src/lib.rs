//! recap-export: the writers (DOCX, PDF, HTML). Each reads the document model and one
//! [`recap_core::style::Style`]; no figure of a layout is written here twice.
//!
//! [`export`] and [`export_to_file`] are the front door; the rules every writer shares on
//! the text itself (which characters may go out, which links may stay links) live here.

pub mod docx;
#[cfg(feature = "pdf")]
pub mod fonts;
pub mod html;
pub mod options;
pub mod pdf;

pub use options::{ExportOptions, Format};

use chrono::NaiveDate;
use recap_core::meta::format_date_cn;
use recap_core::{Block, Document, Inline, Lang, Result};
use std::borrow::Cow;
use std::path::Path;

/// Whether XML 1.0 forbids `c` (C0 controls other than tab, newline and carriage return,
/// and the non-characters U+FFFE and U+FFFF). Surrogates cannot occur in a `str`.
pub fn is_forbidden_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The text with every character XML forbids dropped. Every writer passes all user text
/// (body, metadata, options) through this one function.
pub fn clean_text(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_forbidden_char) {
        Cow::Owned(s.chars().filter(|c| !is_forbidden_char(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// The target of a link when it may stay a link: http, https and mailto only. Anything else
/// (javascript:, file:, data:, relative paths) is written as plain text by every writer.
pub fn link_target(url: &str) -> Option<String> {
    let url = clean_text(url.trim()).into_owned();
    let lower = url.to_ascii_lowercase();
    let ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p) && lower.len() > p.len())
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then_some(url)
}

/// The document as the style sets it: for 公文, without the spaces typed between Chinese
/// and figures or Latin words (see [`recap_core::typography`]); else as it is.
pub(crate) fn as_set(doc: &Document, style: recap_core::style::StyleId) -> Cow<'_, Document> {
    if recap_core::typography::keeps_cjk_latin_spaces(style) {
        Cow::Borrowed(doc)
    } else {
        Cow::Owned(recap_core::typography::without_cjk_latin_spaces_doc(doc))
    }
}

/// The line under the title: department and name.
pub(crate) fn author_line(doc: &Document) -> String {
    let m = &doc.meta;
    [m.department.as_deref(), m.author.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\u{3000}")
}

/// The lines of a cover page under the title (姓名：…, 部门：…, 总结周期：…, 日期：…).
pub(crate) fn cover_lines(doc: &Document, date: NaiveDate, l: Lang) -> Vec<String> {
    let m = &doc.meta;
    let period = m
        .period
        .map(|p| format!("{} — {}", format_date_cn(p.start), format_date_cn(p.end)));
    let sep = if l == Lang::En { ": " } else { "：" };
    [
        (
            l.pick("姓\u{3000}\u{3000}名", "姓\u{3000}\u{3000}名", "Name"),
            m.author.clone(),
        ),
        (
            l.pick("部\u{3000}\u{3000}门", "部\u{3000}\u{3000}門", "Department"),
            m.department.clone(),
        ),
        (
            l.pick("岗\u{3000}\u{3000}位", "職\u{3000}\u{3000}位", "Position"),
            m.position.clone(),
        ),
        (l.pick("总结周期", "總結週期", "Period"), period),
        (
            l.pick("日\u{3000}\u{3000}期", "日\u{3000}\u{3000}期", "Date"),
            Some(format_date_cn(date)),
        ),
    ]
    .into_iter()
    .filter_map(|(label, value)| {
        let value = value?;
        let value = value.trim();
        (!value.is_empty()).then(|| format!("{label}{sep}{value}"))
    })
    .collect()
}

/// The last block when it is the text's own closing paragraph ending with a date (name
/// and date typed by the user): set like the signature block.
pub(crate) fn closing_block(doc: &Document) -> Option<usize> {
    if !recap_core::layout::ends_with_date(doc) {
        return None;
    }
    doc.blocks
        .iter()
        .rposition(|b| !matches!(b, Block::Rule))
        .filter(|&i| matches!(doc.blocks[i], Block::Paragraph { .. }))
}

/// Inlines without the whitespace at their two ends (a heading typed "## 概述 ").
pub(crate) fn trim_inlines(content: &[Inline]) -> Vec<Inline> {
    let mut v = content.to_vec();
    if let Some(Inline::Text { text }) = v.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text }) = v.last_mut() {
        *text = text.trim_end().to_string();
    }
    v
}

/// The heading of a table of contents.
pub(crate) fn toc_label(l: Lang) -> &'static str {
    l.pick("目\u{3000}录", "目\u{3000}錄", "Contents")
}

/// The date of the signature and the cover: the chosen one, else today.
pub(crate) fn export_date(opts: &ExportOptions) -> NaiveDate {
    opts.date
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The fonts an export sets its PDF in: a library shared by the caller, or the process's
/// own ([`fonts::FontLibrary::shared`]). DOCX and HTML name fonts without opening them.
#[derive(Clone, Copy, Default)]
pub enum PdfFonts<'a> {
    #[default]
    Shared,
    #[cfg(feature = "pdf")]
    Library(&'a std::sync::Arc<crate::fonts::FontLibrary>),
    #[cfg(not(feature = "pdf"))]
    #[doc(hidden)]
    _Unused(std::marker::PhantomData<&'a ()>),
}

/// `doc` in `format`, as bytes (a PDF set in the process's shared fonts).
pub fn export(doc: &Document, format: Format, opts: &ExportOptions) -> Result<Vec<u8>> {
    export_with(doc, format, opts, PdfFonts::Shared)
}

/// `doc` in `format`, as bytes, a PDF set in `fonts`.
pub fn export_with(
    doc: &Document,
    format: Format,
    opts: &ExportOptions,
    fonts: PdfFonts<'_>,
) -> Result<Vec<u8>> {
    // A draft's source markers are no text of the summary (see recap_core::sources).
    let prepared = recap_core::sources::for_export(doc, opts.sources, opts.lang);
    let doc = &prepared;
    // The writers recurse once per level of nesting. The model allows 64 levels, which an
    // unoptimised build cannot always fit in a worker thread's default 2 MiB stack (the app
    // exports on such threads), so deep documents are written on a thread of their own with
    // room to spare. Real summaries nest a few levels: their DOCX and HTML are written on
    // the calling thread, which saves the thread and its fresh heap (a good part of a DOCX's
    // time). PDF always gets the big thread: typst's layout recurses deeply on its own.
    const WRITER_STACK: usize = 64 << 20;
    const SHALLOW: usize = 12;
    let failed = |reason: String| recap_core::Error::Export {
        format: match format {
            Format::Docx => "DOCX",
            Format::Pdf => "PDF",
            Format::Html => "HTML",
        },
        reason,
    };
    let stopped = || failed("the writer stopped unexpectedly".into());
    if format != Format::Pdf && doc.nesting_depth() <= SHALLOW {
        // A panic in a writer (or a library under it) is an error, never a crash.
        return std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            write(doc, format, opts, fonts)
        }))
        .unwrap_or_else(|_| Err(stopped()));
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("recap-export".into())
            .stack_size(WRITER_STACK)
            .spawn_scoped(scope, || write(doc, format, opts, fonts))
            .map_err(|e| failed(e.to_string()))?
            .join()
            .unwrap_or_else(|_| Err(stopped()))
    })
}

fn write(
    doc: &Document,
    format: Format,
    opts: &ExportOptions,
    fonts: PdfFonts<'_>,
) -> Result<Vec<u8>> {
    match format {
        Format::Docx => docx::write_docx(doc, opts),
        #[cfg(feature = "pdf")]
        Format::Pdf => {
            let lib = match fonts {
                PdfFonts::Library(lib) => lib,
                PdfFonts::Shared => crate::fonts::FontLibrary::shared(),
            };
            pdf::write_pdf_with(doc, opts, lib, pdf::TIME_LIMIT).map(|(pdf, _)| pdf)
        }
        #[cfg(not(feature = "pdf"))]
        Format::Pdf => {
            let _ = fonts;
            Err(recap_core::Error::Export {
                format: "PDF",
                reason: "this build of Recap has no PDF writer".into(),
            })
        }
        Format::Html => html::write_html(doc, opts).map(String::into_bytes),
    }
}

/// Exports to `path` through [`recap_core::fsio::write_atomic`]: a temporary file in the
/// same folder, flushed, then renamed over `path`, so the file is never seen half-written
/// and an old file survives a failure.
pub fn export_to_file(
    doc: &Document,
    format: Format,
    opts: &ExportOptions,
    path: &Path,
) -> Result<()> {
    export_to_file_with(doc, format, opts, PdfFonts::Shared, path)
}

/// [`export_to_file`] with a PDF set in `fonts`.
pub fn export_to_file_with(
    doc: &Document,
    format: Format,
    opts: &ExportOptions,
    fonts: PdfFonts<'_>,
    path: &Path,
) -> Result<()> {
    let bytes = export_with(doc, format, opts, fonts)?;
    recap_core::fsio::write_atomic(path, &bytes)
}

/// The lines of the closing (signature and date) block: each line of the paragraph as typed
/// stays its own line in every writer.
pub(crate) fn signature_lines(
    content: &[recap_core::model::Inline],
) -> Vec<recap_core::model::Inline> {
    use recap_core::model::Inline;
    content
        .iter()
        .map(|i| match i {
            Inline::SoftBreak => Inline::HardBreak,
            other => other.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_dropped_and_others_kept() {
        assert_eq!(
            clean_text("a\u{0}b\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF}c"),
            "abc"
        );
        assert_eq!(
            clean_text("tab\tnl\ncr\r 中文 🎉 \u{200B}"),
            "tab\tnl\ncr\r 中文 🎉 \u{200B}"
        );
        assert!(matches!(clean_text("clean"), Cow::Borrowed(_)));
    }

    #[test]
    fn only_web_and_mail_links_stay_links() {
        assert_eq!(
            link_target(" https://example.com/a?b=1&c=2 ").as_deref(),
            Some("https://example.com/a?b=1&c=2")
        );
        assert!(link_target("mailto:a@b.cn").is_some());
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:x",
            "file:///etc/passwd",
            "data:text/html,x",
            "/rel",
            "http://",
            "vbscript:x",
            "https://a b",
        ] {
            assert_eq!(link_target(bad), None, "{bad}");
        }
    }

    #[test]
    fn export_to_file_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.html");
        std::fs::write(&path, "old").unwrap();
        let doc = recap_core::markdown::parse("# 标题\n\n正文").unwrap();
        export_to_file(&doc, Format::Html, &ExportOptions::default(), &path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("正文"));
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }
}
