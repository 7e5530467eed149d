//! Laid-out pages given their outlines back: every text run set in a split face (laid out
//! without outlines, see `fonts::split`) is switched to a face holding the outlines of
//! exactly the glyphs the pages use, renumbered. The PDF and SVG writers then read a few
//! kilobytes of outlines instead of hashing a 20 MB collection.

use std::collections::BTreeSet;

use typst::layout::{Frame, FrameItem};
use typst::model::Document as _;
use typst::text::Font;
use typst_layout::{Page, PagedDocument};

use crate::fonts::Fonts;

/// Fonts with what goes with each. A page uses a handful of fonts: a list is enough (and
/// `Font`, hashed lazily, is no map key clippy accepts).
type PerFont<T> = Vec<(Font, T)>;

fn entry<'a, T: Default>(list: &'a mut PerFont<T>, font: &Font) -> &'a mut T {
    let at = match list.iter().position(|(f, _)| f == font) {
        Some(at) => at,
        None => {
            list.push((font.clone(), T::default()));
            list.len() - 1
        }
    };
    &mut list[at].1
}

/// The glyphs each font of `pages` draws.
fn glyphs_used(pages: &[Page]) -> PerFont<BTreeSet<u16>> {
    fn walk(frame: &Frame, out: &mut PerFont<BTreeSet<u16>>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(g) => walk(&g.frame, out),
                FrameItem::Text(t) => {
                    entry(out, t.font.font()).extend(t.glyphs.iter().map(|g| g.id));
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for p in pages {
        walk(&p.frame, &mut out);
    }
    out
}

/// What a laid-out font becomes: a font with its outlines, and the new id of each glyph
/// (none: the ids stay, the whole face stands in).
struct Swap {
    font: Font,
    ids: Option<subsetter::GlyphRemapper>,
}

fn swap_fonts(frame: &mut Frame, swaps: &PerFont<Swap>) {
    frame.retain(|item| {
        match item {
            FrameItem::Group(g) => swap_fonts(&mut g.frame, swaps),
            FrameItem::Text(t) => {
                if let Some((_, s)) = swaps.iter().find(|(f, _)| f == t.font.font()) {
                    let variant = s.font.info().variant;
                    t.font = s
                        .font
                        .clone()
                        .instantiate(variant, t.size, t.font.variations());
                    if let Some(ids) = &s.ids {
                        for g in &mut t.glyphs {
                            g.id = ids.get(g.id).unwrap_or(0);
                        }
                    }
                }
            }
            _ => {}
        }
        true
    });
}

/// `pages` with every split face of `fonts` replaced by its outlines for these pages.
pub(crate) fn with_outlines(pages: &[Page], fonts: &Fonts) -> Vec<Page> {
    let mut swaps = Vec::new();
    for (font, glyphs) in glyphs_used(pages) {
        let swap = match fonts.outlines(&font, glyphs.iter().copied()) {
            Some((outlines, ids)) => Swap {
                font: outlines,
                ids: Some(ids),
            },
            // Not a split face: it is drawn as it is.
            None => match fonts.whole_face(&font) {
                Some(whole) => Swap {
                    font: whole,
                    ids: None,
                },
                None => continue,
            },
        };
        swaps.push((font, swap));
    }
    pages
        .iter()
        .map(|p| {
            let mut p = p.clone();
            if !swaps.is_empty() {
                swap_fonts(&mut p.frame, &swaps);
            }
            p
        })
        .collect()
}

/// The document with its outlines back (see [`with_outlines`]), for the PDF writer.
pub(crate) fn document_with_outlines(doc: &PagedDocument, fonts: &Fonts) -> PagedDocument {
    let pages = with_outlines(doc.pages(), fonts);
    PagedDocument::new(pages.into_iter().collect(), doc.info().clone())
}
