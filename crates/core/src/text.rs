//! Character classes of Chinese text, shared by counting, layout, the check and every writer:
//! what is a Han character, what is full-width punctuation, what fills a whole cell of the
//! 公文 grid. A leaf module: it depends on nothing else of the crate.

/// A Han ideograph (the unified blocks, their extensions, compatibility ideographs and 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF | 0x2EBF0..=0x2EE5F
        | 0x2F800..=0x2FA1F | 0x30000..=0x3134F | 0x31350..=0x323AF)
}

/// Full-width punctuation as used in Chinese text: counted by Word's 字数, not as a
/// Chinese character by ours.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x3006 | 0x3008..=0x303F | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65
        | 0x2014 | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x2026 | 0x00B7)
}

/// A character that takes a full cell on the grid and counts one on its own: Han, kana,
/// hangul, full-width forms and CJK punctuation.
pub fn is_cjk_char(c: char) -> bool {
    is_han(c)
        || is_cjk_punct(c)
        || matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xAC00..=0xD7AF | 0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
}

/// A Chinese numeral as typed in heading numbers and ordinals (一 … 十, 百, 千, 〇, 两).
pub fn is_cn_numeral(c: char) -> bool {
    "零〇一二三四五六七八九十百千两".contains(c)
}

/// An Arabic digit, half or full width.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Whether a text holds a figure: an Arabic digit (half or full width).
pub fn has_digit(text: &str) -> bool {
    text.chars().any(is_digit)
}

/// The UTF-16 offset of byte offset `byte` in `text` (what a JavaScript string index is).
/// Offsets that cross the app's contract are UTF-16, so the page never converts them.
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    // A byte inside a character counts up to that character's start.
    let mut end = byte;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].encode_utf16().count()
}

/// `[start, end)` byte offsets of `text` as UTF-16 offsets.
pub fn utf16_range(text: &str, start: usize, end: usize) -> [usize; 2] {
    [utf16_offset(text, start), utf16_offset(text, end)]
}

/// `[start, end)` character (code point) offsets of `text` as UTF-16 offsets.
pub fn chars_to_utf16(text: &str, start: usize, end: usize) -> [usize; 2] {
    let mut units = 0;
    let mut out = [usize::MAX; 2];
    for (i, c) in text.chars().enumerate() {
        if i == start {
            out[0] = units;
        }
        if i == end {
            out[1] = units;
        }
        units += c.len_utf16();
    }
    out.map(|o| if o == usize::MAX { units } else { o })
}

/// The paragraphs of plain text: blocks separated by a blank line (spaces allowed on it),
/// trimmed, empty ones dropped. How a model's answer is put back into a document.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !cur.trim().is_empty() {
                out.push(cur.trim().to_string());
            }
            cur.clear();
        } else {
            if !cur.is_empty() {
                cur.push('\n');
            }
            cur.push_str(line);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('中') && is_han('𠀀') && !is_han('，'));
        assert!(is_cjk_punct('，') && is_cjk_punct('—') && !is_cjk_punct(','));
        assert!(is_cjk_char('あ') && is_cjk_char('１') && !is_cjk_char('1'));
        assert!(has_digit("第３季度") && !has_digit("第三季度"));
    }

    #[test]
    fn utf16_offsets_count_astral_characters_twice() {
        let t = "𠀀续约率";
        assert_eq!(utf16_offset(t, 4), 2);
        assert_eq!(utf16_range(t, 4, 10), [2, 4]);
        assert_eq!(chars_to_utf16(t, 1, 3), [2, 4]);
        assert_eq!(chars_to_utf16(t, 1, 4), [2, 5]);
        assert_eq!(utf16_offset(t, 1), 0);
    }

    #[test]
    fn paragraphs_are_split_at_blank_lines() {
        assert_eq!(
            paragraphs("  一段。\n续行\n \n\n二段。\n\n"),
            ["一段。\n续行", "二段。"]
        );
        assert!(paragraphs(" \n\n").is_empty());
    }
}
