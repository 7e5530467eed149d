//! PDF (and the page preview) through typst used as a library.
//!
//! - **One style.** Every figure comes from `recap_core::style` (the same description the
//!   DOCX writer reads); [`data`] converts it to points and chooses the font of each role.
//! - **Data, never markup.** The document reaches typst as JSON in a virtual file that only
//!   our [`world::SandboxWorld`] serves; a fixed template (`template.typ`) walks it and
//!   inserts every piece of user text as a string value. The world serves no other file:
//!   no host file, no package, no import.
//! - **Bounded time.** typst cannot be interrupted (its `World` has no cancellation), so it
//!   runs on a worker thread and the caller stops waiting after [`TIME_LIMIT`] with a clear
//!   error. The abandoned worker finishes on its own — its work is finite: the data is
//!   the document's size, nesting is clamped (the model flattens past depth 64, the data
//!   past 8 levels), lines break first-fit (linear) — and at most [`MAX_WORKERS`] workers
//!   exist at once: further exports wait for one to end (within their own limit), so
//!   runaway documents cannot pile up threads.

// Without the `pdf` feature only the data for the template is built (see [`typst_input`]).
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
mod data;
#[cfg(feature = "pdf")]
mod outlines;
#[cfg(feature = "pdf")]
mod world;

#[cfg(feature = "pdf")]
use std::sync::{Arc, Condvar, Mutex, PoisonError, mpsc};
use std::time::Duration;
#[cfg(feature = "pdf")]
use std::time::Instant;

#[cfg(feature = "pdf")]
use crate::fonts::{FontLibrary, Fonts};
use chrono::NaiveDate;
#[cfg(feature = "pdf")]
use recap_core::style::families;
use recap_core::style::{self, FontRole, Style};
#[cfg(feature = "pdf")]
use recap_core::{Document, Error, Result};
#[cfg(feature = "pdf")]
use typst::diag::{SourceDiagnostic, Warned};
#[cfg(feature = "pdf")]
use typst_layout::PagedDocument;

use crate::ExportOptions;
use data::RoleFont;

/// How long an export waits for typst before giving up.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);

/// Typesetting workers that may run at once (including ones whose caller gave up); more
/// exports wait for a free one, within their time limit.
pub const MAX_WORKERS: usize = 4;

/// Which family a font role was set in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontUse {
    /// The role id (`title`, `body`, `heading1`… as in [`FontRole::id`]).
    pub role: &'static str,
    /// The family embedded for it.
    pub family: String,
    /// True when none of the role's families is installed and this one stood in.
    pub fallback: bool,
}

/// What an export did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PdfReport {
    pub fonts_used: Vec<FontUse>,
    pub pages: usize,
    /// Characters of the document that no installed font can show: they print as a box
    /// (e.g. emoji on a machine without an emoji font).
    pub missing_glyphs: Vec<char>,
    /// typst's warnings.
    pub warnings: Vec<String>,
    /// Time spent typesetting and writing, font discovery excluded.
    pub elapsed: Duration,
}

impl PdfReport {
    /// The roles that had to fall back, as `role: family` (for a notice to the user).
    pub fn fallbacks(&self) -> Vec<String> {
        self.fonts_used
            .iter()
            .filter(|f| f.fallback)
            .map(|f| format!("{}: {}", f.role, f.family))
            .collect()
    }
}

#[cfg(feature = "pdf")]
fn export_error(reason: impl Into<String>) -> Error {
    Error::Export {
        format: "PDF",
        reason: reason.into(),
    }
}

#[cfg(feature = "pdf")]
/// The document as a PDF, with the process's shared fonts ([`FontLibrary::shared`]).
pub fn write_pdf(doc: &Document, opts: &ExportOptions) -> Result<Vec<u8>> {
    write_pdf_report(doc, opts).map(|(pdf, _)| pdf)
}

#[cfg(feature = "pdf")]
/// The document as a PDF, with which fonts were used and how many pages it has.
pub fn write_pdf_report(doc: &Document, opts: &ExportOptions) -> Result<(Vec<u8>, PdfReport)> {
    write_pdf_within(doc, opts, TIME_LIMIT)
}

#[cfg(feature = "pdf")]
/// [`write_pdf_report`] with another time limit.
pub fn write_pdf_within(
    doc: &Document,
    opts: &ExportOptions,
    limit: Duration,
) -> Result<(Vec<u8>, PdfReport)> {
    write_pdf_with(doc, opts, FontLibrary::shared(), limit)
}

#[cfg(feature = "pdf")]
/// The document as a PDF set in the fonts of `fonts`, within `limit`.
pub fn write_pdf_with(
    doc: &Document,
    opts: &ExportOptions,
    fonts: &Arc<FontLibrary>,
    limit: Duration,
) -> Result<(Vec<u8>, PdfReport)> {
    let job = Job::new(doc, opts, fonts)?;
    let fonts_used = job.fonts_used();
    let missing_glyphs = job.missing_glyphs.clone();
    let started = Instant::now();
    let (pdf, pages, warnings) = run_limited(limit, move || {
        let doc = job.compile()?;
        let options = typst_pdf::PdfOptions {
            creator: typst::foundations::Smart::Custom(Some("Recap 复盘".into())),
            ..typst_pdf::PdfOptions::default()
        };
        let drawn = outlines::document_with_outlines(&doc.output, doc.fonts.fonts());
        let pdf = typst_pdf::pdf(&drawn, &options).map_err(|e| export_error(diagnostics(&e)))?;
        Ok((pdf, drawn.pages().len(), doc.warnings))
    })?;
    let report = PdfReport {
        fonts_used,
        missing_glyphs,
        pages,
        warnings,
        elapsed: started.elapsed(),
    };
    Ok((pdf, report))
}

#[cfg(feature = "pdf")]
/// One SVG per page: exactly the pages [`write_pdf`] writes, for the app's preview.
pub fn preview_svgs(doc: &Document, opts: &ExportOptions) -> Result<Vec<String>> {
    let preview = preview_pages(doc, opts, FontLibrary::shared(), 0..usize::MAX)?;
    Ok(preview.pages.into_iter().map(|(_, svg)| svg).collect())
}

/// Some pages of the document as the PDF would print them.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// How many pages the whole document has.
    pub total: usize,
    /// The pages asked for that exist: (page index from 0, SVG).
    pub pages: Vec<(usize, String)>,
}

#[cfg(feature = "pdf")]
/// The pages of `which` (indices from 0; those past the end are left out) as SVG, set in
/// the fonts of `fonts`: what the app's preview shows. The whole document is laid out (the
/// page count and every page break depend on all of it), but only the pages asked for are
/// drawn, so the first page of a long document costs its layout and one page. Layouts are
/// cached between calls: after an option changes, only what it changed is laid out again.
pub fn preview_pages(
    doc: &Document,
    opts: &ExportOptions,
    fonts: &Arc<FontLibrary>,
    which: std::ops::Range<usize>,
) -> Result<Preview> {
    // A draft's source markers are no text of the summary (see recap_core::sources).
    let prepared = recap_core::sources::for_export(doc, opts.sources, opts.lang);
    let job = Job::new(&prepared, opts, fonts)?;
    run_limited(TIME_LIMIT, move || {
        let doc = job.compile()?;
        let all = doc.output.pages();
        let first = which.start.min(all.len());
        let last = which.end.clamp(first, all.len());
        let drawn = outlines::with_outlines(&all[first..last], doc.fonts.fonts());
        let svg = typst_svg::SvgOptions::default();
        let pages = drawn
            .iter()
            .enumerate()
            .map(|(k, p)| (first + k, typst_svg::svg(p, &svg)))
            .collect();
        Ok(Preview {
            total: all.len(),
            pages,
        })
    })
}

#[cfg(feature = "pdf")]
/// Everything a worker needs, owned.
struct Job {
    fonts: Arc<FontLibrary>,
    json: Vec<u8>,
    today: NaiveDate,
    roles: Vec<RoleFont>,
    missing_glyphs: Vec<char>,
}

#[cfg(feature = "pdf")]
struct Compiled {
    output: PagedDocument,
    warnings: Vec<String>,
    /// The fonts it was laid out with (the outlines come from there).
    fonts: Arc<FontLibrary>,
}

#[cfg(feature = "pdf")]
fn is_sans(families_of_role: &[String]) -> bool {
    families_of_role
        .iter()
        .any(|f| families::HEI.contains(&f.as_str()) || families::DENGXIAN.contains(&f.as_str()))
}

#[cfg(feature = "pdf")]
/// The family of every role of `style`, in [`FontRole::ALL`]'s order (title, headings, body,
/// Kai… — roughly the order a page needs them).
fn choose_roles(fonts: &Fonts, style: &Style) -> Result<Vec<RoleFont>> {
    FontRole::ALL
        .iter()
        .map(|&role| {
            let spec = style.font(role);
            let choice = fonts
                .choose(&spec.families, is_sans(&spec.families))
                .ok_or_else(|| export_error("no usable font found"))?;
            Ok(RoleFont {
                role,
                has_bold: fonts.has_bold(&choice.family),
                family: choice.family,
                fallback: choice.fallback,
            })
        })
        .collect()
}

#[cfg(feature = "pdf")]
/// The installed family of each role the export `opts` asks for (what warming loads).
pub(crate) fn role_families(fonts: &Fonts, opts: &ExportOptions) -> Vec<String> {
    let style = style::resolve_fonts(&style::style(opts.style), &opts.fonts);
    choose_roles(fonts, &style)
        .map(|roles| roles.into_iter().map(|r| r.family).collect())
        .unwrap_or_default()
}

#[cfg(feature = "pdf")]
/// Whether the document will set anything in bold: strong text, table headers, headings
/// inside lists and quotes, or a role the style sets bold.
fn needs_bold(doc: &Document, style: &Style) -> bool {
    use recap_core::model::{Block, Inline};
    fn inlines(v: &[Inline]) -> bool {
        v.iter().any(|i| match i {
            Inline::Strong { .. } => true,
            Inline::Emph { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. }
            | Inline::Image { alt: content, .. } => inlines(content),
            _ => false,
        })
    }
    fn blocks(v: &[Block], nested: bool) -> bool {
        v.iter().any(|b| match b {
            Block::Table { .. } => true,
            Block::Heading { content, .. } => nested || inlines(content),
            Block::Paragraph { content } => inlines(content),
            Block::Quote { blocks: inner } => blocks(inner, true),
            Block::List { items, .. } => items.iter().any(|i| blocks(&i.blocks, true)),
            _ => false,
        })
    }
    FontRole::ALL.iter().any(|&r| style.font(r).bold) || blocks(&doc.blocks, false)
}

#[cfg(feature = "pdf")]
impl Job {
    fn new(doc: &Document, opts: &ExportOptions, lib: &Arc<FontLibrary>) -> Result<Job> {
        let doc = &*crate::as_set(doc, opts.style);
        let style: Style = style::resolve_fonts(&style::style(opts.style), &opts.fonts);
        let fonts = lib.fonts();
        if fonts.is_empty() {
            return Err(export_error(
                "no font is installed on this machine (install fonts-noto-cjk or any Chinese font)",
            ));
        }
        let roles = choose_roles(fonts, &style)?;
        // The faces the typesetter will ask for, loaded on other threads meanwhile (title
        // and author line first, then headings and body), so that typesetting rarely waits.
        let families: Vec<String> = roles.iter().map(|r| r.family.clone()).collect();
        lib.prefetch(fonts.faces_for(&families, needs_bold(doc, &style)));
        // The date of the signature and the cover, also typst's `datetime.today()`.
        let today = crate::export_date(opts);
        let families: Vec<&str> = roles.iter().map(|r| r.family.as_str()).collect();
        let boxes: Vec<char> = [data::TASK_OPEN, data::TASK_DONE]
            .iter()
            .filter_map(|t| t.chars().next())
            .collect();
        let symbol = fonts.family_covering(&boxes, &families);
        let json = data::prepare(doc, &style, &roles, symbol.as_deref(), opts, today);
        let missing_glyphs = fonts.uncovered(&data::all_chars(doc, opts), &families);
        Ok(Job {
            fonts: Arc::clone(lib),
            json,
            today,
            roles,
            missing_glyphs,
        })
    }

    fn fonts_used(&self) -> Vec<FontUse> {
        self.roles
            .iter()
            .map(|r| FontUse {
                role: r.role.id(),
                family: r.family.clone(),
                fallback: r.fallback,
            })
            .collect()
    }

    fn compile(self) -> Result<Compiled> {
        let fonts = Arc::clone(&self.fonts);
        let world = world::SandboxWorld::new(self.fonts, world::TEMPLATE, self.json, self.today)
            .ok_or_else(|| export_error("could not set up the typesetter"))?;
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        // Keep typst's memo cache from growing across exports.
        typst::comemo::evict(10);
        let output = output.map_err(|e| export_error(diagnostics(&e)))?;
        Ok(Compiled {
            output,
            warnings: warnings.iter().map(|w| w.message.to_string()).collect(),
            fonts,
        })
    }
}

#[cfg(feature = "pdf")]
fn diagnostics(errors: &[SourceDiagnostic]) -> String {
    let mut msgs: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
    msgs.dedup();
    msgs.join("; ")
}

#[cfg(feature = "pdf")]
/// Workers running now (including ones whose caller gave up).
static WORKERS: (Mutex<usize>, Condvar) = (Mutex::new(0), Condvar::new());

#[cfg(feature = "pdf")]
/// A place among the [`MAX_WORKERS`]; given back when the worker ends.
struct WorkerSlot;

#[cfg(feature = "pdf")]
impl WorkerSlot {
    /// Waits until `deadline` for a free place.
    fn take(deadline: Instant) -> Option<WorkerSlot> {
        let (count, freed) = &WORKERS;
        let mut n = count.lock().unwrap_or_else(PoisonError::into_inner);
        while *n >= MAX_WORKERS {
            let left = deadline.checked_duration_since(Instant::now())?;
            n = freed
                .wait_timeout(n, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        *n += 1;
        Some(WorkerSlot)
    }
}

#[cfg(feature = "pdf")]
impl Drop for WorkerSlot {
    fn drop(&mut self) {
        let (count, freed) = &WORKERS;
        let mut n = count.lock().unwrap_or_else(PoisonError::into_inner);
        *n = n.saturating_sub(1);
        freed.notify_one();
    }
}

#[cfg(feature = "pdf")]
/// Runs `f` on a worker thread and waits at most `limit` (counted from now, waiting for a
/// free worker included) for its result.
fn run_limited<T: Send + 'static>(
    limit: Duration,
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let deadline = Instant::now() + limit;
    let too_long = || {
        export_error(format!(
            "typesetting took longer than {:.1} s and was abandoned; the document may be too large for one PDF",
            limit.as_secs_f32()
        ))
    };
    let slot = WorkerSlot::take(deadline).ok_or_else(|| {
        export_error("earlier exports are still being typeset; try again in a moment")
    })?;
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("recap-pdf".into())
        // typst recurses while laying out nested content; give it room.
        .stack_size(64 << 20)
        .spawn(move || {
            let _slot = slot;
            let _ = tx.send(f());
        })
        .map_err(|e| export_error(format!("could not start the typesetter: {e}")))?;
    let left = deadline.saturating_duration_since(Instant::now());
    match rx.recv_timeout(left) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(too_long()),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(export_error("the typesetter stopped unexpectedly"))
        }
    }
}

/// The data the typst template reads (`doc.json`), as [`write_pdf`] would build it but with
/// each font role set in the first family its style names (no font discovery) — what the
/// typesetter is given, without typesetting. The fuzz target `model_to_typst` checks that
/// any document becomes valid JSON of bounded depth here.
pub fn typst_input(doc: &recap_core::Document, opts: &ExportOptions) -> Vec<u8> {
    let doc = &*crate::as_set(doc, opts.style);
    let style: Style = style::resolve_fonts(&style::style(opts.style), &opts.fonts);
    let roles: Vec<RoleFont> = FontRole::ALL
        .iter()
        .map(|&role| RoleFont {
            role,
            family: style
                .font(role)
                .families
                .first()
                .cloned()
                .unwrap_or_default(),
            fallback: false,
            has_bold: false,
        })
        .collect();
    let today: NaiveDate = crate::export_date(opts);
    data::prepare(doc, &style, &roles, None, opts, today)
}
