//! The package's font table (`word/fontTable.xml`): every face the document names, described
//! the way Word records a face, so that a reader without it can pick the right substitute.
//!
//! - `w:charset`: the face's Windows character set — GB2312 (`86`) in a 简体 document, Big5
//!   (`88`) in a 繁體 one — which tells Word and WPS that the face is a Chinese one.
//! - `w:family` and `w:pitch`: serif (`roman`), sans (`swiss`), brush (`script`), or fixed
//!   width (`modern`), which guide the choice of a substitute of the same kind.
//! - `w:altName`: for the official names no stock Windows has (仿宋_GB2312, 楷体_GB2312,
//!   方正小标宋简体), the stock face that stands in for them (仿宋, 楷体, 宋体); for the stock
//!   faces, their English name (FangSong, KaiTi…), which Windows resolves in any language.
//! - `w:sig`: the Unicode ranges and code pages the face covers (OS/2 `ulUnicodeRange` and
//!   `ulCodePageRange` bits): Latin, CJK symbols, ideographs and full-width forms, and the
//!   Chinese code page of the document.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesStart, Event};
use recap_core::Lang;

/// The kind of a face, for `w:family`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Song, Fang Song, Ming: serif.
    Serif,
    /// Hei, Deng Xian, YaHei: sans.
    Sans,
    /// Kai: brush.
    Brush,
    /// Fixed-width Latin (code).
    Mono,
}

/// What the table says of one face.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Facts {
    kind: Kind,
    /// Sets Chinese text (else a Latin face: charset 0).
    chinese: bool,
    /// The face to look for when this one is missing.
    alt: Option<&'static str>,
}

const fn cjk(kind: Kind, alt: Option<&'static str>) -> Facts {
    Facts {
        kind,
        chinese: true,
        alt,
    }
}

/// The faces the styles name, by name.
const KNOWN: &[(&str, Facts)] = &[
    // The official names: no stock Windows has them; the stock face in their place.
    ("方正小标宋简体", cjk(Kind::Serif, Some("宋体"))),
    ("方正小标宋_GBK", cjk(Kind::Serif, Some("宋体"))),
    ("华文中宋", cjk(Kind::Serif, Some("宋体"))),
    ("仿宋_GB2312", cjk(Kind::Serif, Some("仿宋"))),
    ("楷体_GB2312", cjk(Kind::Brush, Some("楷体"))),
    // Stock Windows faces: their English names.
    ("宋体", cjk(Kind::Serif, Some("SimSun"))),
    ("仿宋", cjk(Kind::Serif, Some("FangSong"))),
    ("楷体", cjk(Kind::Brush, Some("KaiTi"))),
    ("黑体", cjk(Kind::Sans, Some("SimHei"))),
    ("等线", cjk(Kind::Sans, Some("DengXian"))),
    ("微软雅黑", cjk(Kind::Sans, Some("Microsoft YaHei"))),
    ("SimSun", cjk(Kind::Serif, Some("宋体"))),
    ("FangSong", cjk(Kind::Serif, Some("仿宋"))),
    ("KaiTi", cjk(Kind::Brush, Some("楷体"))),
    ("SimHei", cjk(Kind::Sans, Some("黑体"))),
    ("DengXian", cjk(Kind::Sans, Some("等线"))),
    ("Microsoft YaHei", cjk(Kind::Sans, Some("微软雅黑"))),
    // macOS and Linux faces the settings may name.
    ("Songti SC", cjk(Kind::Serif, Some("宋体"))),
    ("STSong", cjk(Kind::Serif, Some("宋体"))),
    ("STFangsong", cjk(Kind::Serif, Some("仿宋"))),
    ("Kaiti SC", cjk(Kind::Brush, Some("楷体"))),
    ("STKaiti", cjk(Kind::Brush, Some("楷体"))),
    ("Heiti SC", cjk(Kind::Sans, Some("黑体"))),
    ("STHeiti", cjk(Kind::Sans, Some("黑体"))),
    ("PingFang SC", cjk(Kind::Sans, Some("微软雅黑"))),
    ("Noto Serif CJK SC", cjk(Kind::Serif, Some("宋体"))),
    ("Source Han Serif SC", cjk(Kind::Serif, Some("宋体"))),
    ("Noto Sans CJK SC", cjk(Kind::Sans, Some("黑体"))),
    ("Source Han Sans SC", cjk(Kind::Sans, Some("黑体"))),
    ("LXGW WenKai", cjk(Kind::Brush, Some("楷体"))),
    ("AR PL UKai CN", cjk(Kind::Brush, Some("楷体"))),
    ("AR PL UKai", cjk(Kind::Brush, Some("楷体"))),
    // Code.
    (
        "Consolas",
        Facts {
            kind: Kind::Mono,
            chinese: false,
            alt: None,
        },
    ),
    (
        "Menlo",
        Facts {
            kind: Kind::Mono,
            chinese: false,
            alt: Some("Consolas"),
        },
    ),
    (
        "DejaVu Sans Mono",
        Facts {
            kind: Kind::Mono,
            chinese: false,
            alt: Some("Consolas"),
        },
    ),
];

/// What to say of a face the table does not know (a family chosen in Settings): a Chinese
/// face of the kind its name suggests when it looks Chinese, else a Latin face.
fn guess(name: &str) -> Facts {
    let lower = name.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let chinese = name.chars().any(recap_core::text::is_cjk_char)
        || has(&[
            "cjk", " sc", " tc", " hk", "song", "hei", "kai", "fang", "ming", "gb", "han",
        ]);
    let kind = if has(&["mono", "code", "consol", "courier"]) {
        Kind::Mono
    } else if has(&["kai", "楷"]) {
        Kind::Brush
    } else if has(&["sans", "hei", "gothic", "黑", "雅黑", "等线", "yahei"]) {
        Kind::Sans
    } else {
        Kind::Serif
    };
    Facts {
        kind,
        chinese,
        alt: None,
    }
}

fn facts(name: &str) -> Facts {
    KNOWN
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map_or_else(|| guess(name), |(_, f)| *f)
}

/// The whole `word/fontTable.xml` for `names` (in the order given), in a document whose
/// Chinese text is `lang`'s.
pub(crate) fn font_table(names: &[String], lang: Lang) -> Result<Vec<u8>, String> {
    let traditional = lang == Lang::ZhHant;
    let mut w = Writer::new(Vec::new());
    let io = |e: std::io::Error| e.to_string();
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))
    .map_err(io)?;
    let mut root = BytesStart::new("w:fonts");
    root.push_attribute((
        "xmlns:w",
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    ));
    w.write_event(Event::Start(root.borrow())).map_err(io)?;
    for name in names {
        let f = facts(name);
        let mut font = BytesStart::new("w:font");
        font.push_attribute(("w:name", name.as_str()));
        w.write_event(Event::Start(font.borrow())).map_err(io)?;
        let mut val = |el: &str, v: &str| {
            let mut e = BytesStart::new(el);
            e.push_attribute(("w:val", v));
            w.write_event(Event::Empty(e))
        };
        if let Some(alt) = f.alt.filter(|a| !a.eq_ignore_ascii_case(name)) {
            val("w:altName", alt).map_err(io)?;
        }
        let charset = match (f.chinese, traditional) {
            (false, _) => "00",
            (true, false) => "86",
            (true, true) => "88",
        };
        val("w:charset", charset).map_err(io)?;
        let family = match f.kind {
            Kind::Serif => "roman",
            Kind::Sans => "swiss",
            Kind::Brush => "script",
            Kind::Mono => "modern",
        };
        val("w:family", family).map_err(io)?;
        val(
            "w:pitch",
            if f.kind == Kind::Mono {
                "fixed"
            } else {
                "variable"
            },
        )
        .map_err(io)?;
        let (usb, csb0) = signature(f.chinese, traditional);
        let mut sig = BytesStart::new("w:sig");
        let hex: Vec<String> = usb
            .iter()
            .chain([csb0, 0].iter())
            .map(|v| format!("{v:08X}"))
            .collect();
        for (k, v) in ["w:usb0", "w:usb1", "w:usb2", "w:usb3", "w:csb0", "w:csb1"]
            .iter()
            .zip(&hex)
        {
            sig.push_attribute((*k, v.as_str()));
        }
        w.write_event(Event::Empty(sig)).map_err(io)?;
        w.write_event(Event::End(font.to_end())).map_err(io)?;
    }
    w.write_event(Event::End(root.to_end())).map_err(io)?;
    Ok(w.into_inner())
}

/// `w:sig`: OS/2 ulUnicodeRange1–4 and ulCodePageRange1 of a face.
fn signature(chinese: bool, traditional: bool) -> ([u32; 4], u32) {
    // Unicode ranges: bit 0 Basic Latin, 1 Latin-1 Supplement; 48 CJK Symbols and
    // Punctuation, 59 CJK Unified Ideographs, 61 CJK Compatibility Ideographs (range 2, bits
    // 16, 27, 29); 68 Halfwidth and Fullwidth Forms (range 3, bit 4).
    let latin = 0b11;
    // Code pages: bit 0 Latin 1 (1252); bit 18 Simplified Chinese (936), bit 20 Traditional
    // Chinese (950).
    if !chinese {
        return ([latin, 0, 0, 0], 1);
    }
    let cjk = (1 << 16) | (1 << 27) | (1 << 29);
    let code_page = if traditional { 1 << 20 } else { 1 << 18 };
    ([latin, cjk, 1 << 4, 0], 1 | code_page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_names_fall_back_to_stock_faces_and_say_they_are_chinese() {
        assert_eq!(facts("仿宋_GB2312").alt, Some("仿宋"));
        assert_eq!(facts("楷体_GB2312").alt, Some("楷体"));
        assert_eq!(facts("方正小标宋简体").alt, Some("宋体"));
        assert_eq!(facts("黑体").kind, Kind::Sans);
        assert_eq!(facts("consolas").kind, Kind::Mono);
        assert!(!facts("Consolas").chinese);
        // Names Settings may give.
        assert_eq!(facts("思源宋体").kind, Kind::Serif);
        assert!(facts("思源宋体").chinese);
        assert_eq!(facts("Source Han Sans TC").kind, Kind::Sans);
        assert_eq!(facts("WenQuanYi Zen Hei").kind, Kind::Sans);
        assert!(!facts("Georgia").chinese);
    }

    #[test]
    fn the_table_is_one_entry_per_name_with_the_documents_charset() {
        let names = vec!["仿宋_GB2312".to_string(), "Consolas".to_string()];
        let xml = String::from_utf8(font_table(&names, Lang::ZhHans).unwrap()).unwrap();
        assert!(xml.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/><w:sig w:usb0="00000003" w:usb1="28010000" w:usb2="00000010" w:usb3="00000000" w:csb0="00040001" w:csb1="00000000"/></w:font>"#), "{xml}");
        assert!(xml.contains(r#"<w:font w:name="Consolas"><w:charset w:val="00"/><w:family w:val="modern"/><w:pitch w:val="fixed"/>"#), "{xml}");
        let hant = String::from_utf8(font_table(&names, Lang::ZhHant).unwrap()).unwrap();
        assert!(
            hant.contains(r#"<w:charset w:val="88"/>"#) && hant.contains(r#"w:csb0="00100001""#)
        );
    }
}
