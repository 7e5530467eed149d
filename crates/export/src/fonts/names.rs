//! The family names of a face in every language its `name` table has.
//!
//! typst knows a family by one name (the English family of the `name` table: "FangSong",
//! "LXGW WenKai"); the styles list official Chinese names first (仿宋_GB2312, 楷体), which a
//! face carries as its localized family name. The index keeps them all.

use ttf_parser::PlatformId;
use ttf_parser::name_id::{FAMILY, TYPOGRAPHIC_FAMILY};

/// Every family name (name IDs 1 and 16, all languages) of face `index` of the font data,
/// trimmed, each once, in the table's order. Records in Unicode encodings are decoded; old
/// Macintosh records are taken when they are plain ASCII.
pub(crate) fn family_names(data: &[u8], index: u32) -> Vec<String> {
    // Only the `name` table is read (a face without the tables layout needs still has names).
    let table = ttf_parser::RawFace::parse(data, index)
        .ok()
        .and_then(|raw| raw.table(ttf_parser::Tag::from_bytes(b"name")))
        .and_then(ttf_parser::name::Table::parse);
    let Some(table) = table else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for name in table.names {
        if name.name_id != FAMILY && name.name_id != TYPOGRAPHIC_FAMILY {
            continue;
        }
        let text = match name.to_string() {
            Some(s) => s,
            None if name.platform_id == PlatformId::Macintosh && name.name.is_ascii() => {
                String::from_utf8_lossy(name.name).into_owned()
            }
            None => continue,
        };
        let text = text.trim();
        if !text.is_empty() && !out.iter().any(|o| o == text) {
            out.push(text.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A font with only a `name` table: enough for ttf-parser to read names from.
    fn font_with_names(records: &[(u16, u16, u16, u16, Vec<u8>)]) -> Vec<u8> {
        let mut strings: Vec<u8> = Vec::new();
        let mut table = Vec::new();
        for v in [0u16, records.len() as u16, (6 + 12 * records.len()) as u16] {
            table.extend(v.to_be_bytes());
        }
        for (p, e, l, id, s) in records {
            for v in [*p, *e, *l, *id, s.len() as u16, strings.len() as u16] {
                table.extend(v.to_be_bytes());
            }
            strings.extend(s);
        }
        table.extend(strings);
        // Offset table with one entry, then the table (4-byte aligned at 28).
        let mut font = Vec::new();
        font.extend(0x0001_0000u32.to_be_bytes());
        for v in [1u16, 16, 0, 0] {
            font.extend(v.to_be_bytes());
        }
        font.extend(b"name");
        font.extend(0u32.to_be_bytes());
        font.extend(28u32.to_be_bytes());
        font.extend((table.len() as u32).to_be_bytes());
        font.extend(table);
        font
    }

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn every_family_name_in_every_language_once() {
        let font = font_with_names(&[
            (3, 1, 0x409, 1, utf16("FangSong")),
            (3, 1, 0x804, 1, utf16("仿宋")),
            (3, 1, 0x409, 4, utf16("FangSong Regular")),
            (1, 0, 0, 1, b"FangSong".to_vec()),
            (3, 1, 0x804, 16, utf16(" 仿宋 ")),
        ]);
        assert_eq!(family_names(&font, 0), ["FangSong", "仿宋"]);
        assert!(family_names(&font, 1).is_empty());
        // Truncated data gives what it can, never panics.
        for n in 0..font.len() {
            let _ = family_names(&font[..n], 0);
        }
    }
}
