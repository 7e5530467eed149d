//! The DOCX writer, checked three ways: our own XML read back (zip + quick-xml) against the
//! figures of the styles, the schema (openxml-audit), and a real reader (LibreOffice turns
//! the file into a PDF whose text must hold every Chinese word of the source).

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use quick_xml::Reader;
use quick_xml::events::Event;
use recap_core::style::{self, StyleId};
use recap_core::text::is_cjk_char;
use recap_core::{Document, markdown};
use recap_export::{ExportOptions, Format, docx::write_docx, export, export_to_file};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: [&str; 3] = ["annual-summary.md", "hostile.md", "plain-text-summary.txt"];
const STYLES: [StyleId; 3] = [StyleId::Gov, StyleId::Business, StyleId::Plain];

fn fixture_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(name: &str) -> Document {
    markdown::parse(&fixture_text(name)).unwrap()
}

fn opts(style: StyleId) -> ExportOptions {
    ExportOptions {
        style,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2),
        ..Default::default()
    }
}

/// Every part of the package, by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(f.name().to_string(), s);
    }
    out
}

/// A read-back XML element.
#[derive(Debug, Clone, Default)]
struct El {
    name: String,
    attrs: BTreeMap<String, String>,
    children: Vec<El>,
    text: String,
}

impl El {
    fn parse(xml: &str) -> El {
        let mut r = Reader::from_str(xml);
        let mut stack = vec![El::default()];
        loop {
            match r.read_event().unwrap() {
                Event::Eof => break,
                Event::Start(s) => stack.push(El::from_start(&s, r.decoder())),
                Event::Empty(s) => {
                    let e = El::from_start(&s, r.decoder());
                    stack.last_mut().unwrap().children.push(e);
                }
                Event::End(_) => {
                    let e = stack.pop().unwrap();
                    stack.last_mut().unwrap().children.push(e);
                }
                Event::Text(t) => stack
                    .last_mut()
                    .unwrap()
                    .text
                    .push_str(&t.decode().unwrap()),
                Event::GeneralRef(g) => {
                    let s = match g.decode().unwrap().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("entity {other}"),
                    };
                    stack.last_mut().unwrap().text.push_str(s);
                }
                _ => {}
            }
        }
        assert_eq!(stack.len(), 1, "unbalanced XML");
        stack.pop().unwrap()
    }

    fn from_start(s: &quick_xml::events::BytesStart, d: quick_xml::encoding::Decoder) -> El {
        El {
            name: String::from_utf8(s.name().as_ref().to_vec()).unwrap(),
            attrs: s
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    (
                        String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                        a.decoded_and_normalized_value(quick_xml::XmlVersion::Explicit1_0, d)
                            .unwrap()
                            .into_owned(),
                    )
                })
                .collect(),
            ..El::default()
        }
    }

    fn all(&self, name: &str) -> Vec<&El> {
        let mut v = Vec::new();
        self.walk(&mut |e| {
            if e.name == name {
                v.push(e);
            }
        });
        v
    }

    fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a El)) {
        f(self);
        for c in &self.children {
            c.walk(f);
        }
    }

    fn first(&self, name: &str) -> &El {
        self.all(name)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no <{name}> in <{}>", self.name))
    }

    fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }

    fn attr(&self, name: &str) -> &str {
        self.attrs
            .get(name)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("<{}> has no {name}", self.name))
    }

    /// All w:t text below, concatenated.
    fn text(&self) -> String {
        self.all("w:t").iter().map(|t| t.text.as_str()).collect()
    }

    /// The value of `w:<prop> w:val` in this element's pPr/rPr.
    fn val(&self, path: &[&str]) -> Option<String> {
        let mut e = self;
        for p in path {
            e = e.child(p)?;
        }
        e.attrs.get("w:val").cloned()
    }
}

struct Docx {
    parts: BTreeMap<String, String>,
}

impl Docx {
    fn of(doc: &Document, o: &ExportOptions) -> Docx {
        Docx {
            parts: parts(&write_docx(doc, o).unwrap()),
        }
    }

    fn xml(&self, part: &str) -> El {
        El::parse(
            self.parts
                .get(part)
                .unwrap_or_else(|| panic!("no part {part}")),
        )
    }

    fn style(&self, id: &str) -> El {
        self.xml("word/styles.xml")
            .all("w:style")
            .into_iter()
            .find(|s| s.attr("w:styleId") == id)
            .unwrap_or_else(|| panic!("no style {id}"))
            .clone()
    }

    /// (style id, text) of every body paragraph.
    fn paragraphs(&self) -> Vec<(String, String)> {
        let doc = self.xml("word/document.xml");
        let body = doc.first("w:body");
        let mut v = Vec::new();
        body.walk(&mut |e| {
            if e.name == "w:p" {
                let style = e
                    .child("w:pPr")
                    .and_then(|p| p.child("w:pStyle"))
                    .map(|s| s.attr("w:val").to_string())
                    .unwrap_or_else(|| "Normal".into());
                v.push((style, e.text()));
            }
        });
        v
    }

    fn styled(&self, id: &str) -> Vec<String> {
        self.paragraphs()
            .into_iter()
            .filter(|(s, _)| s == id)
            .map(|(_, t)| t)
            .collect()
    }

    /// The footer parts referenced by the body's section, by type.
    fn footers(&self) -> BTreeMap<String, El> {
        let doc = self.xml("word/document.xml");
        let rels = self.xml("word/_rels/document.xml.rels");
        let sect = doc.first("w:body").child("w:sectPr").unwrap().clone();
        sect.all("w:footerReference")
            .into_iter()
            .map(|r| {
                let id = r.attr("r:id");
                let target = rels
                    .all("Relationship")
                    .into_iter()
                    .find(|x| x.attr("Id") == id)
                    .unwrap()
                    .attr("Target")
                    .to_string();
                (
                    r.attr("w:type").to_string(),
                    self.xml(&format!("word/{target}")),
                )
            })
            .collect()
    }
}

fn fonts_of(e: &El) -> (String, String, String) {
    let f = e.first("w:rFonts");
    (
        f.attr("w:eastAsia").into(),
        f.attr("w:ascii").into(),
        f.attr("w:hAnsi").into(),
    )
}

fn size_of(e: &El) -> u32 {
    e.first("w:rPr")
        .child("w:sz")
        .unwrap()
        .attr("w:val")
        .parse()
        .unwrap()
}

#[test]
fn gov_page_grid_and_fonts_follow_gb_t_9704() {
    let d = Docx::of(&fixture("annual-summary.md"), &opts(StyleId::Gov));
    let doc = d.xml("word/document.xml");
    let sect = doc.first("w:body").child("w:sectPr").unwrap();
    let pg = sect.child("w:pgSz").unwrap();
    assert_eq!((pg.attr("w:w"), pg.attr("w:h")), ("11906", "16838"), "A4");
    let m = sect.child("w:pgMar").unwrap();
    // 37 / 35 / 28 / 26 mm in twips (1 mm = 56.69 twips).
    assert_eq!(
        (
            m.attr("w:top"),
            m.attr("w:bottom"),
            m.attr("w:left"),
            m.attr("w:right")
        ),
        ("2098", "1984", "1587", "1474")
    );
    let g = sect.child("w:docGrid").unwrap();
    assert_eq!(g.attr("w:type"), "linesAndChars");
    let pitch: i32 = g.attr("w:linePitch").parse().unwrap();
    let type_h = 16838 - 2098 - 1984;
    assert_eq!(type_h / pitch, 22, "22 lines fill the 225 mm type area");
    assert!((579..=580).contains(&pitch), "about 28.9 pt: {pitch}");
    let char_space: f64 = g.attr("w:charSpace").parse().unwrap();
    let char_pitch_twips = (16.0 + char_space / 4096.0) * 20.0;
    let type_w = 11906.0 - 1587.0 - 1474.0;
    assert_eq!(
        (type_w / char_pitch_twips).floor(),
        28.0,
        "28 characters a line"
    );

    let normal = d.style("Normal");
    assert_eq!(
        fonts_of(&normal),
        (
            "仿宋_GB2312".into(),
            "仿宋_GB2312".into(),
            "仿宋_GB2312".into()
        )
    );
    assert_eq!(size_of(&normal), 32, "三号");
    let sp = normal.first("w:spacing");
    assert_eq!(
        (sp.attr("w:lineRule"), sp.attr("w:line")),
        ("exact", pitch.to_string().as_str())
    );
    // Two cells of the grid (315 twips each): whole cells, or LibreOffice rounds up.
    assert_eq!(
        normal.first("w:ind").attr("w:firstLine"),
        "630",
        "two characters"
    );
    let title = d.style("Title");
    assert_eq!(fonts_of(&title).0, "方正小标宋简体");
    assert_eq!(size_of(&title), 44, "二号");
    assert_eq!(title.val(&["w:pPr", "w:jc"]).as_deref(), Some("center"));
    for (id, name, font, lvl) in [
        ("Heading1", "heading 1", "黑体", "0"),
        ("Heading2", "heading 2", "楷体_GB2312", "1"),
        ("Heading3", "heading 3", "仿宋_GB2312", "2"),
        ("Heading4", "heading 4", "仿宋_GB2312", "3"),
    ] {
        let h = d.style(id);
        assert_eq!(h.val(&["w:name"]).as_deref(), Some(name));
        assert_eq!(h.val(&["w:pPr", "w:outlineLvl"]).as_deref(), Some(lvl));
        assert_eq!(fonts_of(&h).0, font, "{id}");
        assert_eq!(size_of(&h), 32, "{id} 三号");
    }
    let author = d.style("Author");
    assert_eq!(fonts_of(&author).0, "楷体_GB2312");
    assert_eq!(size_of(&author), 32);
    // Every run names its East Asian font.
    for r in doc.all("w:r") {
        if !r.all("w:t").is_empty() {
            assert!(
                r.child("w:rPr").and_then(|p| p.child("w:rFonts")).is_some(),
                "run without fonts: {r:?}"
            );
        }
    }
    // Default run properties carry the language, so Word treats the text as Chinese.
    let styles = d.xml("word/styles.xml");
    assert_eq!(
        styles
            .first("w:docDefaults")
            .first("w:lang")
            .attr("w:eastAsia"),
        "zh-CN"
    );
}

#[test]
fn gov_text_has_title_author_numbered_headings_and_no_doubled_numbers() {
    let d = Docx::of(&fixture("annual-summary.md"), &opts(StyleId::Gov));
    assert_eq!(d.styled("Title"), vec!["2026年度个人工作总结"]);
    assert_eq!(d.styled("Author"), vec!["华东区客户成功部\u{3000}林晓舟"]);
    assert_eq!(
        d.styled("Heading1"),
        vec![
            "一、工作完成情况概述",
            "二、主要业绩与亮点",
            "三、存在的问题与不足",
            "四、经验与教训",
            "五、2027年工作计划"
        ]
    );
    assert_eq!(
        d.styled("Heading2")[..2],
        [
            "（一）建立客户健康度看板".to_string(),
            "（二）推动“季度业务回顾”机制".to_string()
        ]
    );
    // The title's own H1 is not repeated in the body.
    assert!(
        !d.paragraphs()
            .iter()
            .any(|(s, t)| s != "Title" && t == "2026年度个人工作总结")
    );
    // The text ends with its own name and date: set right-aligned, no second signature.
    let sig = d.styled("Signature");
    assert_eq!(
        sig.iter().filter(|t| !t.is_empty()).collect::<Vec<_>>(),
        vec!["林晓舟2026年12月28日"]
    );
    assert!(
        !d.paragraphs()
            .iter()
            .any(|(_, t)| t.contains("2026年11月2日"))
    );
    assert_eq!(
        d.style("Signature").val(&["w:pPr", "w:jc"]).as_deref(),
        Some("right")
    );
}

#[test]
fn typed_heading_numbers_are_kept_and_new_ones_generated() {
    let doc = markdown::parse("# 总结\n\n## 一、已编号\n\n## 未编号\n\n### （一）子项\n\n### 子项二\n\n#### 细节\n\n##### 更细\n").unwrap();
    let d = Docx::of(&doc, &opts(StyleId::Gov));
    assert_eq!(d.styled("Heading1"), vec!["一、已编号", "二、未编号"]);
    assert_eq!(d.styled("Heading2"), vec!["（一）子项", "（二）子项二"]);
    assert_eq!(d.styled("Heading3"), vec!["1.细节"]);
    assert_eq!(d.styled("Heading4"), vec!["（1）更细"]);
    // The plain style numbers nothing.
    let p = Docx::of(&doc, &opts(StyleId::Plain));
    assert_eq!(p.styled("Heading1"), vec!["一、已编号", "未编号"]);
}

#[test]
fn first_h1_is_the_title_without_front_matter() {
    let doc = markdown::parse("# 我的季度总结\n\n## 概述\n\n正文。\n").unwrap();
    let d = Docx::of(&doc, &opts(StyleId::Business));
    assert_eq!(d.styled("Title"), vec!["我的季度总结"]);
    assert_eq!(d.styled("Heading1"), vec!["一、概述"]);
    let core = d.xml("docProps/core.xml");
    assert_eq!(core.first("dc:title").text, "我的季度总结");
}

#[test]
fn table_columns_are_as_wide_as_their_text_asks() {
    // The annual fixture's table: a label column ("增购合同额（万元）") and three short
    // figure columns; together exactly the type area's width.
    let d = Docx::of(&fixture("annual-summary.md"), &opts(StyleId::Gov));
    let doc = d.xml("word/document.xml");
    let cols: Vec<u32> = doc
        .first("w:tblGrid")
        .all("w:gridCol")
        .iter()
        .map(|c| c.attr("w:w").parse().unwrap())
        .collect();
    assert_eq!(cols.len(), 4);
    assert!(cols[1..].iter().all(|w| cols[0] > w * 3 / 2), "{cols:?}");
    let type_width = 11906 - 1587 - 1474; // A4 minus the 28 mm and 26 mm margins, in twips
    assert!(
        (cols.iter().sum::<u32>() as i32 - type_width).abs() <= 2,
        "{cols:?}"
    );
}

#[test]
fn gov_page_numbers_are_fields_odd_right_even_left() {
    let d = Docx::of(&fixture("annual-summary.md"), &opts(StyleId::Gov));
    let settings = d.xml("word/settings.xml");
    assert_eq!(settings.all("w:evenAndOddHeaders").len(), 1);
    let footers = d.footers();
    assert_eq!(
        footers.keys().cloned().collect::<Vec<_>>(),
        vec!["default", "even"]
    );
    for (kind, jc, side) in [("default", "right", "w:right"), ("even", "left", "w:left")] {
        let f = &footers[kind];
        let p = f.first("w:p");
        assert_eq!(p.val(&["w:pPr", "w:jc"]).as_deref(), Some(jc), "{kind}");
        assert_eq!(
            p.first("w:ind").attr(side),
            "280",
            "one 四号 character in from the edge"
        );
        let instr: Vec<String> = f
            .all("w:instrText")
            .iter()
            .map(|i| i.text.trim().to_string())
            .collect();
        assert_eq!(instr, vec!["PAGE"]);
        assert_eq!(f.text(), "— 1 —", "em dashes around the PAGE field");
        for r in f.all("w:r") {
            assert_eq!(fonts_of(r).0, "宋体");
            assert_eq!(size_of(r), 28, "四号");
        }
    }
    // 7 mm below the type area: the footer line (14 pt ≈ 4.9 mm) ends 35 - 7 - 4.9 mm above the edge.
    let m = d.xml("word/document.xml");
    let footer: f64 = m.first("w:pgMar").attr("w:footer").parse().unwrap();
    let mm = footer / 1440.0 * 25.4;
    assert!((mm - (35.0 - 7.0 - 14.0 / 72.0 * 25.4)).abs() < 0.1, "{mm}");
}

#[test]
fn business_and_plain_figures() {
    let b = Docx::of(&fixture("annual-summary.md"), &opts(StyleId::Business));
    let m = b.xml("word/document.xml");
    let pg = m.first("w:pgMar");
    assert_eq!(
        (
            pg.attr("w:top"),
            pg.attr("w:bottom"),
            pg.attr("w:left"),
            pg.attr("w:right")
        ),
        ("1440", "1440", "1803", "1803")
    );
    assert_eq!(m.first("w:docGrid").attr("w:type"), "default");
    let normal = b.style("Normal");
    assert_eq!(fonts_of(&normal).0, "宋体");
    assert_eq!(size_of(&normal), 24, "小四");
    let sp = normal.first("w:spacing");
    assert_eq!(
        (sp.attr("w:lineRule"), sp.attr("w:line")),
        ("auto", "360"),
        "1.5 lines"
    );
    let title = b.style("Title");
    assert_eq!((fonts_of(&title).0.as_str(), size_of(&title)), ("黑体", 36));
    assert!(title.first("w:rPr").child("w:b").is_some(), "bold title");
    assert_eq!(
        (
            fonts_of(&b.style("Heading1")).0.as_str(),
            size_of(&b.style("Heading1"))
        ),
        ("黑体", 28)
    );
    assert_eq!(size_of(&b.style("Heading2")), 24);
    assert!(
        b.xml("word/settings.xml")
            .all("w:evenAndOddHeaders")
            .is_empty()
    );
    let footers = b.footers();
    assert_eq!(footers.len(), 1);
    let f = &footers["default"];
    assert_eq!(
        f.first("w:p").val(&["w:pPr", "w:jc"]).as_deref(),
        Some("center")
    );
    let instr: Vec<String> = f
        .all("w:instrText")
        .iter()
        .map(|i| i.text.trim().to_string())
        .collect();
    assert_eq!(instr, vec!["PAGE", "NUMPAGES"]);
    assert_eq!(f.text(), "第 1 页 共 1 页");

    let p = Docx::of(&fixture("annual-summary.md"), &opts(StyleId::Plain));
    let pg = p.xml("word/document.xml");
    let pg = pg.first("w:pgMar");
    assert_eq!(
        (pg.attr("w:top"), pg.attr("w:left")),
        ("1417", "1417"),
        "25 mm"
    );
    assert_eq!(size_of(&p.style("Normal")), 21, "五号");
    assert_eq!(fonts_of(&p.style("Normal")).0, "等线");
    assert_eq!(p.footers()["default"].text(), "1");
    assert_eq!(
        p.styled("Heading1")[0],
        "一、工作完成情况概述",
        "typed numbers stay"
    );
}

#[test]
fn lists_are_real_word_numbering() {
    let doc = markdown::parse("# T\n\n1. 甲\n2. 乙\n   - 内层\n     - 更深\n\n段落\n\n3. 丙\n4. 丁\n\n- [ ] 待办\n- [x] 已办\n").unwrap();
    let d = Docx::of(&doc, &opts(StyleId::Gov));
    let numbering = d.xml("word/numbering.xml");
    let nums: BTreeMap<String, &El> = numbering
        .all("w:num")
        .into_iter()
        .map(|n| (n.attr("w:numId").to_string(), n))
        .collect();
    let abstracts: BTreeMap<String, &El> = numbering
        .all("w:abstractNum")
        .into_iter()
        .map(|a| (a.attr("w:abstractNumId").to_string(), a))
        .collect();
    let body = d.xml("word/document.xml");
    let mut seen = Vec::new();
    for p in body.all("w:p") {
        let Some(np) = p.child("w:pPr").and_then(|x| x.child("w:numPr")) else {
            continue;
        };
        let id = np.child("w:numId").unwrap().attr("w:val").to_string();
        let ilvl: usize = np.child("w:ilvl").unwrap().attr("w:val").parse().unwrap();
        let num = nums
            .get(&id)
            .unwrap_or_else(|| panic!("numId {id} not defined"));
        let abs = &abstracts[num.first("w:abstractNumId").attr("w:val")];
        let lvl = abs
            .all("w:lvl")
            .into_iter()
            .find(|l| l.attr("w:ilvl") == ilvl.to_string())
            .unwrap();
        seen.push((p.text(), ilvl, lvl.val(&["w:numFmt"]).unwrap(), id));
    }
    let fmt: Vec<(&str, usize, &str)> = seen
        .iter()
        .map(|(t, l, f, _)| (t.as_str(), *l, f.as_str()))
        .collect();
    assert_eq!(
        fmt,
        vec![
            ("甲", 0, "decimal"),
            ("乙", 0, "decimal"),
            ("内层", 1, "bullet"),
            ("更深", 2, "bullet"),
            ("丙", 0, "decimal"),
            ("丁", 0, "decimal")
        ]
    );
    // The second ordered list is its own numbering instance, starting at 3.
    let second = &seen[4].3;
    assert_ne!(second, &seen[0].3);
    let start = nums[second.as_str()].first("w:startOverride").attr("w:val");
    assert_eq!(start, "3");
    // Task items carry their box, not a bullet.
    let texts: Vec<String> = d.paragraphs().into_iter().map(|(_, t)| t).collect();
    assert!(
        texts.contains(&"☐ 待办".to_string()) && texts.contains(&"☑ 已办".to_string()),
        "{texts:?}"
    );
}

#[test]
fn tables_links_code_and_quotes() {
    let doc = fixture("hostile.md");
    let d = Docx::of(&doc, &opts(StyleId::Gov));
    let body = d.xml("word/document.xml");
    let tbl = body.first("w:tbl");
    let rows = tbl.all("w:tr");
    assert!(
        rows[0].first("w:trPr").child("w:tblHeader").is_some(),
        "header row repeats"
    );
    assert!(
        rows[1]
            .child("w:trPr")
            .is_none_or(|p| p.child("w:tblHeader").is_none())
    );
    let borders = tbl.first("w:tblBorders");
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        assert_eq!(
            borders.child(side).unwrap().attr("w:val"),
            "single",
            "{side}"
        );
    }
    assert!(
        rows[0].first("w:r").first("w:rPr").child("w:b").is_some(),
        "bold header"
    );
    // Only http(s) links become hyperlinks, as external relationships.
    let rels = d.xml("word/_rels/document.xml.rels");
    let links: Vec<(&str, &str)> = rels
        .all("Relationship")
        .into_iter()
        .filter(|r| r.attr("Type").ends_with("/hyperlink"))
        .map(|r| (r.attr("Target"), r.attr("TargetMode")))
        .collect();
    assert_eq!(links, vec![("https://example.com", "External")]);
    assert_eq!(body.all("w:hyperlink").len(), 1);
    let all = body.text();
    assert!(all.contains("点我"), "the text of a refused link stays");
    assert!(!d.parts["word/_rels/document.xml.rels"].contains("javascript"));
    assert!(!d.parts["word/_rels/document.xml.rels"].contains("file:"));
    // Raw HTML and code are literal text.
    assert!(all.contains("<script>window.__pwned = true</script>"));
    assert!(all.contains(r#"<img src=x onerror="window.__pwned=true">"#));
    assert!(all.contains("代码块 <script>alert(1)</script> #set page(paper: \"a0\")"));
    assert!(all.contains("<w:t>xml</w:t>"), "XML-looking text is text");
    assert_eq!(d.styled("SourceCode").len(), 1);
    let code_run = body
        .all("w:r")
        .into_iter()
        .find(|r| r.text().starts_with("代码块"))
        .unwrap();
    assert_eq!(code_run.first("w:rFonts").attr("w:ascii"), "Consolas");
    assert_eq!(code_run.first("w:rFonts").attr("w:eastAsia"), "仿宋_GB2312");

    // A URL with a query keeps its ampersand once escaped, not twice.
    let amp = markdown::parse("[查询](https://example.com/a?b=1&c=2)").unwrap();
    let a = Docx::of(&amp, &opts(StyleId::Gov)).xml("word/_rels/document.xml.rels");
    let targets: Vec<&str> = a
        .all("Relationship")
        .into_iter()
        .map(|r| r.attr("Target"))
        .collect();
    assert!(
        targets.contains(&"https://example.com/a?b=1&c=2"),
        "{targets:?}"
    );

    let quote = markdown::parse("> 引用的话\n>\n> > 更深\n").unwrap();
    let q = Docx::of(&quote, &opts(StyleId::Gov));
    assert_eq!(q.styled("Quote"), vec!["引用的话", "更深"]);
    let fmt = markdown::parse("**粗** *斜* ~~删~~ `代码`").unwrap();
    let f = Docx::of(&fmt, &opts(StyleId::Gov)).xml("word/document.xml");
    let runs = f.all("w:r");
    let by = |t: &str| {
        runs.iter()
            .find(|r| r.text() == t)
            .unwrap()
            .first("w:rPr")
            .clone()
    };
    assert!(by("粗").child("w:b").is_some());
    assert!(by("斜").child("w:i").is_some());
    assert!(by("删").child("w:strike").is_some());
    assert_eq!(
        by("代码").child("w:rStyle").unwrap().attr("w:val"),
        "VerbatimChar"
    );
}

#[test]
fn properties_and_forbidden_characters() {
    let text = "---\ntitle: \"标题\\u0001带控制符\"\nauthor: \"王\\u0008五\"\nkind: annual\n---\n\n正文\u{1}含\u{1F}控制\u{B}字符\u{FFFF}。\n";
    let doc = markdown::parse(text).unwrap();
    assert!(doc.meta.title.as_deref().unwrap().contains('\u{1}'));
    let o = ExportOptions {
        header: Some("页眉\u{7}文字".into()),
        ..opts(StyleId::Gov)
    };
    let d = Docx::of(&doc, &o);
    for (name, xml) in &d.parts {
        assert!(
            !xml.chars().any(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')),
            "forbidden character in {name}"
        );
    }
    let core = d.xml("docProps/core.xml");
    assert_eq!(core.first("dc:title").text, "标题带控制符");
    assert_eq!(core.first("dc:creator").text, "王五");
    assert_eq!(core.first("dc:subject").text, "年度总结");
    let created = &core.first("dcterms:created");
    assert_eq!(created.attr("xsi:type"), "dcterms:W3CDTF");
    assert!(
        chrono::DateTime::parse_from_rfc3339(&created.text).is_ok(),
        "{}",
        created.text
    );
    assert!(
        d.xml("word/document.xml")
            .text()
            .contains("正文含控制字符。")
    );
    let header = d
        .parts
        .iter()
        .find(|(n, _)| n.starts_with("word/header"))
        .map(|(_, x)| El::parse(x))
        .unwrap();
    assert_eq!(header.text(), "页眉文字");

    // The hostile fixture's control characters are gone, the rest of its text is kept.
    let h = Docx::of(&fixture("hostile.md"), &opts(StyleId::Gov));
    let t = h.xml("word/document.xml").text();
    assert!(t.contains("控制字符：[][][][]"), "{t}");
    assert!(t.contains("零宽字符：[\u{200B}][\u{200C}][\u{200D}]"));
    assert!(t.contains("🎉👍🏽👨‍👩‍👧") && t.contains("𠀀𪚥𰻞"));
}

#[test]
fn signature_block_when_the_text_has_none() {
    let doc = markdown::parse("---\ntitle: 周报\nauthor: 张三\n---\n\n本周完成。\n").unwrap();
    let d = Docx::of(&doc, &opts(StyleId::Gov));
    let sig: Vec<String> = d
        .styled("Signature")
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(sig, vec!["张三", "2026年11月2日"]);
    let off = Docx::of(
        &doc,
        &ExportOptions {
            signature: false,
            ..opts(StyleId::Gov)
        },
    );
    assert!(off.styled("Signature").is_empty());
}

#[test]
fn cover_toc_header_and_no_page_numbers() {
    let o = ExportOptions {
        cover: true,
        toc: true,
        header: Some("内部资料".into()),
        ..opts(StyleId::Business)
    };
    let d = Docx::of(&fixture("annual-summary.md"), &o);
    let body = d.xml("word/document.xml");
    // The cover is its own section, before the text's.
    let cover_sect = body
        .all("w:sectPr")
        .into_iter()
        .find(|s| s.child("w:footerReference").is_none())
        .unwrap();
    assert!(cover_sect.child("w:pgSz").is_some());
    assert_eq!(
        body.first("w:body")
            .child("w:sectPr")
            .unwrap()
            .first("w:pgNumType")
            .attr("w:start"),
        "1"
    );
    assert_eq!(d.styled("CoverTitle"), vec!["2026年度个人工作总结"]);
    let info = d.styled("CoverInfo");
    assert!(
        info.contains(&"姓\u{3000}\u{3000}名：林晓舟".to_string()),
        "{info:?}"
    );
    assert!(
        info.contains(&"总结周期：2026年1月1日 — 2026年12月31日".to_string()),
        "{info:?}"
    );
    // A real TOC field, marked dirty, and the reader asked to update fields.
    let instr: Vec<String> = body
        .all("w:instrText")
        .iter()
        .map(|i| i.text.clone())
        .collect();
    assert_eq!(instr, vec![r#" TOC \o "1-4" \h \z \u "#]);
    let begin = body
        .all("w:fldChar")
        .into_iter()
        .find(|f| f.attr("w:fldCharType") == "begin")
        .unwrap();
    assert_eq!(begin.attr("w:dirty"), "true");
    assert_eq!(
        d.xml("word/settings.xml")
            .first("w:updateFields")
            .attr("w:val"),
        "true"
    );
    assert!(
        d.styled("TOC1")
            .contains(&"一、工作完成情况概述".to_string())
    );
    assert_eq!(d.style("TOC1").val(&["w:name"]).as_deref(), Some("toc 1"));
    // The header.
    let header = d
        .parts
        .iter()
        .find(|(n, _)| n.starts_with("word/header"))
        .map(|(_, x)| El::parse(x))
        .unwrap();
    assert_eq!(header.text(), "内部资料");
    assert_eq!(fonts_of(header.first("w:r")).0, "宋体");

    let none = Docx::of(
        &fixture("annual-summary.md"),
        &ExportOptions {
            page_numbers: false,
            ..opts(StyleId::Gov)
        },
    );
    assert!(none.footers().is_empty());
    assert!(!none.parts["word/document.xml"].contains("PAGE"));
}

#[test]
fn font_overrides_from_settings_reach_styles() {
    let mut o = opts(StyleId::Gov);
    o.fonts.insert("body".into(), "LXGW WenKai".into());
    o.fonts.insert("heading1".into(), "Noto Sans CJK SC".into());
    let d = Docx::of(&fixture("annual-summary.md"), &o);
    assert_eq!(fonts_of(&d.style("Normal")).0, "LXGW WenKai");
    assert_eq!(fonts_of(&d.style("Heading1")).0, "Noto Sans CJK SC");
    assert_eq!(fonts_of(&d.style("Title")).0, "方正小标宋简体");
}

#[test]
fn facade_exports_every_format_and_writes_files_whole() {
    let doc = fixture("annual-summary.md");
    let o = opts(StyleId::Gov);
    let bytes = export(&doc, Format::Docx, &o).unwrap();
    assert_eq!(&bytes[..2], b"PK");
    let html = export(&doc, Format::Html, &o).unwrap();
    assert!(
        String::from_utf8(html)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("总结.docx");
    export_to_file(&doc, Format::Docx, &o, &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap()[..2], *b"PK");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
    let missing = dir.path().join("no/such/dir/x.docx");
    let err = export_to_file(&doc, Format::Docx, &o, &missing).unwrap_err();
    assert_eq!(err.code(), "file-not-found");
}

#[test]
fn the_font_table_declares_every_face_with_its_charset_and_a_stock_fallback() {
    let fallbacks = [
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("方正小标宋简体", "宋体"),
        ("黑体", "SimHei"),
        ("宋体", "SimSun"),
        ("等线", "DengXian"),
    ];
    let traditional =
        markdown::parse("# 年度總結\n\n本年度我負責華東區的客戶續約與增購。").unwrap();
    let cases = [(fixture("annual-summary.md"), "86"), (traditional, "88")];
    for (doc, charset) in cases {
        for s in STYLES {
            let o = ExportOptions {
                toc: true,
                header: Some("页眉".into()),
                ..opts(s)
            };
            let d = Docx::of(&doc, &o);
            // Every name any part gives a run, a style or a list level.
            let mut named = std::collections::BTreeSet::new();
            for (name, xml) in &d.parts {
                if !name.ends_with(".xml") || name.ends_with("fontTable.xml") {
                    continue;
                }
                for f in El::parse(xml).all("w:rFonts") {
                    for k in ["w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"] {
                        if let Some(v) = f.attrs.get(k) {
                            named.insert(v.clone());
                        }
                    }
                }
            }
            let table = d.xml("word/fontTable.xml");
            let declared: std::collections::BTreeSet<String> = table
                .all("w:font")
                .iter()
                .map(|f| f.attr("w:name").to_string())
                .collect();
            assert_eq!(
                declared,
                named,
                "{}: the font table and the parts differ",
                s.id()
            );
            for f in table.all("w:font") {
                let name = f.attr("w:name");
                let latin = name == style::families::MONO[0];
                assert_eq!(
                    f.val(&["w:charset"]).as_deref(),
                    Some(if latin { "00" } else { charset }),
                    "{}: {name}",
                    s.id()
                );
                assert!(
                    f.child("w:family").is_some() && f.child("w:pitch").is_some(),
                    "{name}"
                );
                assert!(f.child("w:sig").is_some(), "{name}");
                if let Some((_, alt)) = fallbacks.iter().find(|(n, _)| *n == name) {
                    assert_eq!(f.val(&["w:altName"]).as_deref(), Some(*alt), "{name}");
                }
            }
            if s == StyleId::Gov {
                for official in ["仿宋_GB2312", "楷体_GB2312", "方正小标宋简体", "黑体"]
                {
                    assert!(
                        declared.contains(official),
                        "{official} missing: {declared:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn gov_sets_no_space_between_chinese_and_figures_the_others_keep_it() {
    let doc = fixture("annual-summary.md");
    let gov = Docx::of(&doc, &opts(StyleId::Gov))
        .xml("word/document.xml")
        .text();
    assert!(gov.contains("本年度我负责华东区42家重点客户"), "{gov}");
    assert!(gov.contains("续约：42家重点客户中39家完成续约"), "{gov}");
    assert!(!gov.contains("华东区 42"));
    let business = Docx::of(&doc, &opts(StyleId::Business))
        .xml("word/document.xml")
        .text();
    assert!(business.contains("华东区 42 家重点客户"), "{business}");
}

#[test]
fn a_pasted_essay_still_has_a_title_and_its_top_headings_are_heading_1() {
    // No front matter, no level-1 heading: the text starts at level 2.
    let doc = markdown::parse(
        "## 一、工作概述\n\n本季度完成续约39家。\n\n### （一）续约\n\n正文。\n\n## 二、下一步计划\n\n继续推进。\n",
    )
    .unwrap();
    let d = Docx::of(&doc, &opts(StyleId::Gov));
    let core = d.xml("docProps/core.xml");
    assert_eq!(core.first("dc:title").text, "一、工作概述");
    let headings: Vec<(String, String)> = d
        .paragraphs()
        .into_iter()
        .filter(|(s, _)| s.starts_with("Heading"))
        .collect();
    assert_eq!(
        headings,
        [
            ("Heading1".to_string(), "一、工作概述".to_string()),
            ("Heading2".into(), "（一）续约".into()),
            ("Heading1".into(), "二、下一步计划".into()),
        ]
    );
    // No heading at all: the first line of the text.
    let essay = markdown::parse("关于客户续约工作的几点体会\n\n过去一年，我们……").unwrap();
    let core = Docx::of(&essay, &opts(StyleId::Plain)).xml("docProps/core.xml");
    assert_eq!(core.first("dc:title").text, "关于客户续约工作的几点体会");
}

// ---- external tools -------------------------------------------------------------------

fn tool(name: &str, hint: &str) -> PathBuf {
    let found = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(name))
                .find(|c| c.is_file())
        })
        .unwrap_or(None);
    found.unwrap_or_else(|| panic!("`{name}` is not installed; {hint}"))
}

/// All fixtures in all styles, plus one with every option on.
fn every_docx() -> Vec<(String, Vec<u8>)> {
    let mut v = Vec::new();
    for f in FIXTURES {
        let doc = fixture(f);
        for s in STYLES {
            v.push((
                format!("{f}.{}", s.id()),
                write_docx(&doc, &opts(s)).unwrap(),
            ));
        }
    }
    for s in STYLES {
        let o = ExportOptions {
            cover: true,
            toc: true,
            header: Some("页眉".into()),
            ..opts(s)
        };
        v.push((
            format!("options.{}", s.id()),
            write_docx(&fixture("annual-summary.md"), &o).unwrap(),
        ));
    }
    v
}

#[test]
fn every_docx_is_schema_valid_under_openxml_audit() {
    let audit = tool(
        "openxml-audit",
        "`make test` installs it (pip install openxml-audit); the schema check cannot be skipped",
    );
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (name, bytes) in every_docx() {
        let path = dir.path().join(format!("{name}.docx"));
        std::fs::write(&path, bytes).unwrap();
        let out = Command::new(&audit)
            .args(["-f", "office2019", "-m", "0"])
            .arg(&path)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        if !out.status.success() || !text.contains("Errors: 0") {
            failures.push(format!("{name}: {text}"));
        }
    }
    assert!(
        failures.is_empty(),
        "schema errors:\n{}",
        failures.join("\n")
    );
}

/// A private fontconfig configuration: the system's, then the file Recap's Linux package
/// installs (packaging/linux/), which maps the Chinese family names of the styles to the
/// free faces this machine has.
fn fontconfig(dir: &Path) -> PathBuf {
    let project = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../packaging/linux/65-recap-chinese-fonts.conf");
    assert!(project.is_file(), "{} is missing", project.display());
    let conf = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n<fontconfig>\n<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n<include>{}</include>\n</fontconfig>\n",
        project.display()
    );
    let path = dir.join("fonts.conf");
    std::fs::write(&path, conf).unwrap();
    path
}

/// Converts with LibreOffice in a fresh profile; returns the PDF's path.
fn soffice_pdf(docx: &Path, work: &Path) -> PathBuf {
    let soffice = tool(
        "soffice",
        "`make test` installs LibreOffice (libreoffice-writer-nogui)",
    );
    let profile = work.join("lo-profile");
    let out = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(work)
        .arg(docx)
        .env("FONTCONFIG_FILE", fontconfig(work))
        .output()
        .unwrap();
    let pdf = work.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(
        pdf.is_file(),
        "LibreOffice made no PDF of {}: {}{}",
        docx.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

fn pdftotext(pdf: &Path) -> String {
    let bin = tool("pdftotext", "`make test` installs poppler-utils");
    let out = Command::new(bin).arg(pdf).arg("-").output().unwrap();
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text without the footers' page number lines (they interrupt words across pages).
fn without_page_numbers(text: &str) -> String {
    text.lines()
        .filter(|l| {
            let t: String = l.chars().filter(|c| !c.is_whitespace()).collect();
            let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
            let dashed = t
                .strip_prefix('—')
                .and_then(|r| r.strip_suffix('—'))
                .is_some_and(digits);
            let of_total = t
                .strip_prefix('第')
                .and_then(|r| r.strip_suffix('页'))
                .and_then(|r| r.split_once("页共"))
                .is_some_and(|(a, b)| digits(a) && digits(b));
            !(dashed || of_total || digits(&t))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The runs of CJK characters (Han, kana, full-width punctuation) of a text.
fn cjk_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if is_cjk_char(c) {
            cur.push(c);
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

#[test]
fn libreoffice_reads_every_chinese_word_back() {
    let work = tempfile::tempdir().unwrap();
    for f in FIXTURES {
        let doc = fixture(f);
        for s in STYLES {
            let path = work
                .path()
                .join(format!("{}-{}.docx", f.replace('.', "-"), s.id()));
            std::fs::write(&path, write_docx(&doc, &opts(s)).unwrap()).unwrap();
            let pdf = soffice_pdf(&path, work.path());
            let squash = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            let got = squash(&without_page_numbers(&pdftotext(&pdf)));
            let mut source = doc.plain_text();
            source.push_str(&doc.display_title());
            let missing: Vec<String> = cjk_words(&source)
                .into_iter()
                .filter(|w| !got.contains(w.as_str()))
                .collect();
            assert!(
                missing.is_empty(),
                "{f} ({}): LibreOffice's text lacks {missing:?}",
                s.id()
            );
        }
    }
}

#[test]
fn libreoffice_lays_the_gov_page_out_on_the_grid() {
    let work = tempfile::tempdir().unwrap();
    let path = work.path().join("gov.docx");
    std::fs::write(
        &path,
        write_docx(&fixture("annual-summary.md"), &opts(StyleId::Gov)).unwrap(),
    )
    .unwrap();
    let pdf = soffice_pdf(&path, work.path());
    let bin = tool("pdftotext", "`make test` installs poppler-utils");
    let out = Command::new(bin)
        .args(["-bbox", "-f", "1", "-l", "2"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let bbox = String::from_utf8(out.stdout).unwrap();
    let words: Vec<(f64, f64, f64, String)> = bbox
        .lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let num = |k: &str| -> f64 {
                let a = l.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                l[a..a + l[a..].find('"').unwrap()].parse().unwrap()
            };
            let text = l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()].to_string();
            (num("xMin"), num("yMin"), num("xMax"), text)
        })
        .collect();
    let pt = |mm: f64| mm / 25.4 * 72.0;
    // The title starts at the top margin (37 mm) and is centred.
    let title = words
        .iter()
        .find(|w| w.3.contains("年度个人工作总结"))
        .unwrap();
    assert!(
        (title.1 - pt(37.0)).abs() < pt(3.0),
        "title top {}",
        title.1
    );
    // "— 1 —" right on page 1, below the type area (bottom margin 35 mm).
    let dash_1 = words.iter().position(|w| w.3 == "1").unwrap();
    let (x_max, y) = (words[dash_1 + 1].2, words[dash_1].1);
    assert_eq!(words[dash_1 - 1].3, "—");
    assert!(
        y > pt(297.0 - 35.0) && y < pt(297.0 - 35.0 + 9.0),
        "page number at {y}"
    );
    assert!(
        x_max < pt(210.0 - 26.0) && x_max > pt(210.0 - 26.0 - 10.0),
        "odd page number right, {x_max}"
    );
    // Page 2: on the left.
    let dash_2 = words
        .iter()
        .position(|w| w.3 == "2" && w.1 > pt(250.0))
        .unwrap();
    assert!(
        words[dash_2 - 1].0 > pt(28.0) && words[dash_2 - 1].0 < pt(28.0 + 10.0),
        "even page number left"
    );
    // A full body line holds 28 characters: the first paragraph's first line ends at the
    // right edge of the type area.
    let line = words
        .iter()
        .find(|w| w.3.starts_with("本年度我负责华东区"))
        .unwrap();
    assert!(
        (line.0 - pt(28.0) - 2.0 * 16.0).abs() < 3.0,
        "two-character indent: {}",
        line.0
    );
}
