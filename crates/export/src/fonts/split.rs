//! A face split in two: what typst lays text out with, and the outlines it draws with.
//!
//! typst identifies a font by a hash of all its bytes, computed the first time the font is
//! used. For a Chinese collection that is 20–27 MB per file, 60–90 MB for a 公文 page (Song,
//! Hei, Kai, bold) — most of an export's time. Yet laying text out reads only the face's
//! layout tables (character map, metrics, substitution and positioning: about 1 MB); the
//! outlines (`CFF `, `glyf`: the other 95 %) are read only to draw the glyphs a document
//! uses. So a face is loaded as its tables without the outlines ([`shaping_face`]), and
//! once the pages are laid out, [`outlines_for`] makes a face holding just the outlines of
//! the glyphs on them, which the pages are then drawn with (see `pdf::outlines`).

use typst::foundations::Bytes;
use typst::text::Font;

/// Tables read only to draw glyphs (outlines and their hinting).
const OUTLINE_TABLES: [&[u8; 4]; 8] = [
    b"CFF ", b"CFF2", b"glyf", b"loca", b"fpgm", b"prep", b"cvt ", b"gasp",
];

/// Tables that make a face unsuitable for splitting: variations (outlines depend on the
/// instance) and color or bitmap glyphs (typst draws those from the whole font).
const WHOLE_TABLES: [&[u8; 4]; 8] = [
    b"fvar", b"COLR", b"CBDT", b"CBLC", b"sbix", b"SVG ", b"EBDT", b"EBLC",
];

/// Face `index` of `data` without its outline tables, as a font of its own (a single face:
/// index 0). `None` when the face should be used whole (nothing to gain, or see
/// [`WHOLE_TABLES`]) or cannot be read.
pub(crate) fn shaping_face(data: &[u8], index: u32) -> Option<Vec<u8>> {
    let raw = ttf_parser::RawFace::parse(data, index).ok()?;
    let tags: Vec<[u8; 4]> = raw
        .table_records
        .into_iter()
        .map(|r| r.tag.to_bytes())
        .collect();
    let has = |set: &[&[u8; 4]]| tags.iter().any(|t| set.contains(&t));
    if has(&WHOLE_TABLES) || !has(&OUTLINE_TABLES) {
        return None;
    }
    let mut builder = write_fonts::FontBuilder::new();
    for tag in &tags {
        if OUTLINE_TABLES.contains(&tag) {
            continue;
        }
        let table = raw.table(ttf_parser::Tag::from_bytes(tag))?;
        builder.add_raw(write_fonts::types::Tag::new(tag), table);
    }
    Some(builder.build())
}

/// A font holding the outlines of `glyphs` of face `index` of `data` (plus `.notdef`),
/// renumbered in the order of the map it returns with it: old glyph id -> new one.
pub(crate) fn outlines_for(
    data: &[u8],
    index: u32,
    glyphs: impl IntoIterator<Item = u16>,
) -> Option<(Font, subsetter::GlyphRemapper)> {
    let mut map = subsetter::GlyphRemapper::new();
    for g in glyphs {
        map.remap(g);
    }
    let subset = subsetter::subset(data, index, &map).ok()?;
    Some((Font::new(Bytes::new(subset), 0)?, map))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontLibrary;

    fn data_of(family: &str) -> (Vec<u8>, u32) {
        let lib = FontLibrary::shared().fonts();
        let i = lib.book().select_family(family).next().unwrap();
        let (path, index) = lib.source_of(i).unwrap();
        (std::fs::read(path).unwrap(), index)
    }

    #[test]
    fn a_shaping_face_shapes_like_the_whole_face_and_is_small() {
        use ttf_parser::Face;
        for family in ["noto serif cjk sc", "lxgw wenkai", "dejavu sans"] {
            let (data, index) = data_of(family);
            let part = shaping_face(&data, index).unwrap();
            assert!(
                part.len() * 4 < data.len(),
                "{family}: {} of {}",
                part.len(),
                data.len()
            );
            let whole_font = Font::new(Bytes::new(data.clone()), index).unwrap();
            let part_font = Font::new(Bytes::new(part.clone()), 0).unwrap();
            assert_eq!(part_font.info(), whole_font.info(), "{family}");
            let (whole, shaping) = (
                Face::parse(&data, index).unwrap(),
                Face::parse(&part, 0).unwrap(),
            );
            let mut checked = 0;
            for c in "华东区42家，续约率92.9%。Review".chars() {
                let (a, b) = (whole.glyph_index(c), shaping.glyph_index(c));
                assert_eq!(a, b, "{family} {c}");
                // DejaVu has no Chinese.
                let Some(g) = a else { continue };
                checked += 1;
                assert_eq!(
                    whole.glyph_hor_advance(g),
                    shaping.glyph_hor_advance(g),
                    "{family} {c}"
                );
                assert!(whole.glyph_bounding_box(g).is_some() || c == ' ');
                assert!(shaping.glyph_bounding_box(g).is_none());
            }
            assert!(checked >= 10, "{family}");
        }
    }

    #[test]
    fn outlines_come_back_for_the_glyphs_asked_and_only_those() {
        use ttf_parser::{Face, GlyphId};
        let (data, index) = data_of("noto serif cjk sc");
        let whole = Face::parse(&data, index).unwrap();
        let ids: Vec<u16> = "复盘总结"
            .chars()
            .map(|c| whole.glyph_index(c).unwrap().0)
            .collect();
        let (font, map) = outlines_for(&data, index, ids.iter().copied()).unwrap();
        assert!(font.data().len() < 100_000, "{}", font.data().len());
        let part = Face::parse(font.data(), 0).unwrap();
        for &old in &ids {
            let new = map.get(old).unwrap();
            let a = whole.glyph_bounding_box(GlyphId(old)).unwrap();
            let b = part.glyph_bounding_box(GlyphId(new)).unwrap();
            assert_eq!(a, b);
            assert_eq!(
                whole.glyph_hor_advance(GlyphId(old)),
                part.glyph_hor_advance(GlyphId(new))
            );
        }
        assert_eq!(map.get(0), Some(0));
    }
}
