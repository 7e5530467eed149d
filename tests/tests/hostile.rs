//! Hostile documents through every writer (DOCX, PDF, HTML) in every style (公文, 商务,
//! 简洁): every export succeeds — or, for the absurd, fails with a clear message — the text
//! comes out literally, nothing in the output can run, and no file of the host reaches it.
//!
//! What crates/export/tests already prove for `hostile.md` (HTML substring checks, the PDF's
//! literal typst text, DOCX forbidden characters) is not repeated; this adds the committed
//! fixtures `hostile-links.md`, `hostile-typst.md`, `hostile-unicode.md`, documents made
//! here (a secret file referenced by absolute path in every syntax, a 100,000-character line,
//! nesting 1,000 deep, a 10 MB document), and reads every output with a real parser: HTML
//! through html5ever (dom_query), DOCX through its XML, PDF through pdftotext.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../src/fuzz_checks.rs"]
mod fuzz_checks;

use recap_core::style::StyleId;
use recap_core::{Document, Lang, markdown};
use recap_export::{ExportOptions, Format, export};
use std::io::Read;
use std::path::Path;
use std::process::Command;

/// The running header every export here carries: itself hostile.
const HEADER: &str = "<script>alert('header')</script> #read(\"/etc/passwd\")";

fn opts(style: StyleId) -> ExportOptions {
    ExportOptions {
        style,
        cover: true,
        toc: true,
        header: Some(HEADER.into()),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2),
        ..ExportOptions::default()
    }
}

fn load(name: &str) -> Document {
    markdown::parse(&std::fs::read_to_string(recap_tests::fixture(name)).unwrap()).unwrap()
}

/// Whitespace removed: the writers may break lines anywhere.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The first line of /etc/passwd (`root:x:0:0:…`), which must never appear in an output.
fn passwd_first_line() -> Option<String> {
    let text = std::fs::read_to_string("/etc/passwd").ok()?;
    text.lines().next().map(str::to_string)
}

// ---- reading the outputs ----

/// Everything an HTML page could do, read by a real HTML5 parser: what would run, what
/// would load, and the text a browser shows.
struct HtmlFindings {
    text: String,
}

fn read_html(html: &str, what: &str) -> HtmlFindings {
    let doc = dom_query::Document::from(html);
    for tag in [
        "script", "iframe", "object", "embed", "frame", "frameset", "applet", "form", "input",
        "button", "base", "link", "svg", "math", "img", "video", "audio", "source",
    ] {
        assert!(
            doc.select(tag).is_empty(),
            "{what}: a <{tag}> element in the output"
        );
    }
    // Only the writer's own <meta> tags (charset, CSP, viewport, generator, author).
    for meta in doc.select("meta").iter() {
        let equiv = meta.attr("http-equiv").map(|v| v.to_lowercase());
        assert!(
            equiv.is_none() || equiv.as_deref() == Some("content-security-policy"),
            "{what}: <meta http-equiv={equiv:?}>"
        );
    }
    for el in doc.select("*").iter() {
        for attr in el.attrs() {
            let name = attr.name.local.to_lowercase();
            assert!(!name.starts_with("on"), "{what}: an event handler {name}=");
            let value = attr.value.to_lowercase();
            if [
                "href",
                "src",
                "action",
                "formaction",
                "data",
                "xlink:href",
                "background",
            ]
            .contains(&name.as_str())
            {
                let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(
                    v.starts_with("https://")
                        || v.starts_with("http://")
                        || v.starts_with("mailto:")
                        || v.starts_with('#'),
                    "{what}: {name}=\"{value}\""
                );
            }
            if name == "style" {
                assert!(
                    !value.contains("url(") && !value.contains("expression"),
                    "{what}: style=\"{value}\""
                );
            }
        }
    }
    // The one <style> is the writer's CSS: it loads nothing.
    for style in doc.select("style").iter() {
        let css = style.text().to_lowercase();
        assert!(
            !css.contains("url(") && !css.contains("@import"),
            "{what}: CSS loads {css}"
        );
    }
    let csp = doc
        .select("meta[http-equiv]")
        .attr("content")
        .unwrap_or_default();
    assert!(csp.contains("default-src 'none'"), "{what}: CSP {csp}");
    assert!(!csp.contains("script-src"), "{what}: CSP {csp}");
    HtmlFindings {
        text: doc.select("body").text().to_string(),
    }
}

/// The text of a DOCX (every `w:t`, decoded) and every part as text, after checking that
/// every XML part is well-formed and no relationship points outside the package except to
/// a web or mail address.
fn read_docx(bytes: &[u8], what: &str) -> (String, String) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    let mut text = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().to_string();
        let mut raw = Vec::new();
        part.read_to_end(&mut raw).unwrap();
        let Ok(xml) = String::from_utf8(raw) else {
            continue;
        };
        fuzz_checks::assert_well_formed(&xml, &format!("{what} {name}"));
        if name.ends_with(".rels") {
            let mut reader = quick_xml::Reader::from_str(&xml);
            loop {
                match reader.read_event().unwrap() {
                    quick_xml::events::Event::Eof => break,
                    quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e) => {
                        let external = e
                            .try_get_attribute("TargetMode")
                            .unwrap()
                            .is_some_and(|a| &*a.value == b"External");
                        if external {
                            let target = e.try_get_attribute("Target").unwrap().unwrap();
                            let target = target
                                .decoded_and_normalized_value(
                                    quick_xml::XmlVersion::Implicit1_0,
                                    reader.decoder(),
                                )
                                .unwrap()
                                .to_lowercase();
                            assert!(
                                target.starts_with("https://")
                                    || target.starts_with("http://")
                                    || target.starts_with("mailto:"),
                                "{what}: external relationship to {target}"
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
        if name == "word/document.xml" {
            text = docx_text(&xml);
        }
        all.push_str(&xml);
    }
    // No macros, no embedded objects, no fields that fetch (INCLUDETEXT, INCLUDEPICTURE).
    for name in zip.file_names() {
        assert!(
            !name.contains("vbaProject")
                && !name.contains("embeddings")
                && !name.contains("activeX"),
            "{what}: part {name}"
        );
    }
    // A field that pulls in a file is an instruction (instrText, fldSimple's instr); the
    // same words typed in the document are only text.
    let field = regex::Regex::new(r#"(?:<w:instrText[^>]*>[^<]*|w:instr="[^"]*)INCLUDE"#).unwrap();
    assert!(!field.is_match(&all), "{what}: an INCLUDE field");
    (text, all)
}

fn docx_text(xml: &str) -> String {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut in_t = false;
    let mut out = String::new();
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            quick_xml::events::Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            quick_xml::events::Event::Text(t) if in_t => {
                out.push_str(&t.decode().unwrap());
            }
            quick_xml::events::Event::GeneralRef(r) if in_t => {
                let name = r.decode().unwrap();
                out.push_str(match &*name {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            _ => {}
        }
    }
    out
}

fn pdftotext(pdf: &[u8], dir: &Path) -> String {
    let path = dir.join("out.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed: make deps");
    assert!(out.status.success());
    // The running header and the page footers ("— 1 —", "第 1 页 共 3 页") sit between the
    // pages' text; drop them so that a line the page break split reads as one.
    let footer = regex::Regex::new(
        r"^\s*(—\s*\d+\s*—|第\s*\d+\s*页\s*共\s*\d+\s*页|Page \d+ of \d+|\d+)\s*$",
    )
    .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .replace('\u{c}', "\n")
        .lines()
        .filter(|l| !footer.is_match(l) && squash(l) != squash(HEADER))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A PDF that cannot act: no script, no launch, no form, no embedded file.
fn assert_inert_pdf(pdf: &[u8], what: &str) {
    let raw = String::from_utf8_lossy(pdf);
    for key in [
        "/JavaScript",
        "/JS",
        "/Launch",
        "/EmbeddedFile",
        "/AcroForm",
        "/OpenAction",
        "/SubmitForm",
        "/GoToR",
    ] {
        assert!(!raw.contains(key), "{what}: {key} in the PDF");
    }
    for uri in raw
        .match_indices("/URI")
        .map(|(i, _)| &raw[i..raw.len().min(i + 80)])
    {
        let lower = uri.to_lowercase();
        assert!(
            !lower.contains("javascript:") && !lower.contains("file:") && !lower.contains("data:"),
            "{what}: {uri}"
        );
    }
}

/// Exports `doc` in every format and style, checks each output and hands its visible text
/// to `check`.
fn every_export(doc: &Document, name: &str, check: &dyn Fn(&str, Format, &str)) {
    let tmp = tempfile::tempdir().unwrap();
    for style in StyleId::ALL {
        let o = opts(style);
        for format in [Format::Html, Format::Docx, Format::Pdf] {
            let what = format!("{name} as {format:?}/{}", style.id());
            let bytes = export(doc, format, &o).unwrap_or_else(|e| panic!("{what}: {e}"));
            let text = match format {
                Format::Html => read_html(std::str::from_utf8(&bytes).unwrap(), &what).text,
                Format::Docx => read_docx(&bytes, &what).0,
                Format::Pdf => {
                    assert_inert_pdf(&bytes, &what);
                    pdftotext(&bytes, tmp.path())
                }
            };
            if let Some(line) = passwd_first_line() {
                assert!(!text.contains(&line), "{what}: /etc/passwd leaked");
            }
            check(&what, format, &text);
        }
    }
}

// ---- the documents ----

#[test]
fn hostile_links_and_raw_html_become_text_and_never_links() {
    let doc = load("hostile-links.md");
    every_export(&doc, "hostile-links.md", &|what, format, text| {
        let flat = squash(text);
        for literal in [
            r#"<ahref="javascript:alert(1)"onclick="alert(2)">a标签</a>"#,
            "<svg><script>alert(5)</script></svg>",
            r#"<metahttp-equiv="refresh"content="0;url=javascript:alert(7)">"#,
            r#"<b onmouseover="alert(9)">"#,
            "行内javascript",
            "引用式链接",
        ] {
            let literal = squash(literal);
            assert!(flat.contains(&literal), "{what} lacks {literal:?}");
        }
        if format != Format::Pdf {
            // The title from the front matter, literally (the PDF's cover splits it).
            assert!(flat.contains("<imgsrc=xonerror=alert(1)>"), "{what}");
        }
    });
}

#[test]
fn typst_and_template_syntax_is_printed_literally() {
    let doc = load("hostile-typst.md");
    every_export(&doc, "hostile-typst.md", &|what, _, text| {
        let flat = squash(text);
        for literal in [
            "#read(\"/etc/passwd\")#import\"/etc/passwd\":*#include\"/etc/hostname\"",
            // Markdown reads \" as a quote: the text shows the quotes, not the backslashes.
            "#eval(\"read(\"/etc/passwd\")\")",
            "#setpage(width:1pt,height:1pt)#settext(size:0pt)#show:none#pagebreak()#panic(\"boom\")",
            "$x^2$",
            "#import\"@preview/evil:0.1.0\":*",
            // (The 7*7 that follow may read as emphasis in Markdown; checked below.)
            "\\begin{document}\\input{/etc/passwd}\\end{document}",
        ] {
            let literal = squash(literal);
            assert!(flat.contains(&literal), "{what} lacks {literal:?}");
        }
        // No expression was evaluated: 7*7 is not 49 anywhere it was written.
        assert!(
            !flat.contains("{{49}}") && !flat.contains("${49}"),
            "{what}"
        );
    });
}

#[test]
fn every_kind_of_character_comes_out_or_is_dropped_as_documented() {
    let doc = load("hostile-unicode.md");
    every_export(&doc, "hostile-unicode.md", &|what, format, text| {
        let flat = squash(text);
        for literal in [
            "繁體段落：這份總結記錄了專案進度與團隊協作。",
            "简体段落：这份总结记录了项目进度与团队协作。",
            "後台与后台、發展与发展、裡與里。",
            "全角：ＡＢＣ１２３！？",
        ] {
            assert!(flat.contains(&squash(literal)), "{what} lacks {literal:?}");
        }
        // Characters a font may lack print as boxes in the PDF, so only the other writers
        // are checked for them.
        if format != Format::Pdf {
            for literal in ["🎉👍🏽👨‍👩‍👧‍👦🏳️‍🌈🇨🇳", "Z̤͔ͧ̑̓ä͖̭̈̇ḻ͙̈́g͚̓o̟̓̚", "𠀀𪚥𰻞𱍐", "葛󠄀"]
            {
                assert!(flat.contains(literal), "{what} lacks {literal:?}");
            }
        }
        // What XML forbids never reaches any output.
        assert!(!text.chars().any(recap_export::is_forbidden_char), "{what}");
    });
}

/// A secret file of this machine, named by absolute path in every syntax that could read a
/// file: Markdown images and links, raw HTML, typst functions, LaTeX, Word fields, metadata.
#[test]
fn no_host_file_reaches_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let secret = format!("SECRET-{}-不可外泄", recap_tests::Rng::seed_from_env());
    let txt = dir.path().join("secret.txt");
    std::fs::write(&txt, &secret).unwrap();
    let typ = dir.path().join("secret.typ");
    std::fs::write(&typ, format!("#let leaked = \"{secret}\"\n{secret}\n")).unwrap();
    let svg = dir.path().join("secret.svg");
    std::fs::write(
        &svg,
        format!("<svg xmlns='http://www.w3.org/2000/svg'><text>{secret}</text></svg>"),
    )
    .unwrap();
    let (t, y, s) = (txt.display(), typ.display(), svg.display());
    let md = format!(
        "---\ntitle: \"#read(\\\"{t}\\\")\"\nauthor: \"<img src='file://{s}'>\"\n---\n\n\
         # 读取本机文件的各种写法\n\n\
         #read(\"{t}\") #include \"{y}\" #import \"{y}\": leaked #leaked #image(\"{s}\")\n\n\
         ![图片]({s}) ![文本]({t}) ![文件协议](file://{s}) [链接](file://{t}) <file://{t}>\n\n\
         <img src=\"{s}\"> <iframe src=\"file://{t}\"></iframe> <object data=\"{t}\"></object>\n\n\
         $#read(\"{t}\")$ \\input{{{t}}} {{ INCLUDETEXT \"{t}\" }} <xi:include href=\"{t}\"/>\n\n\
         [ref]: {t}\n\n\
         | ![x]({s}) | #read(\"{t}\") |\n| --- | --- |\n| <img src=\"{s}\"> | x |\n"
    );
    let doc = markdown::parse(&md).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    for style in StyleId::ALL {
        for format in [Format::Html, Format::Docx, Format::Pdf] {
            let what = format!("{format:?}/{}", style.id());
            let bytes = export(&doc, format, &opts(style)).unwrap();
            // The raw bytes (DOCX parts are deflated, so read them too) and the text.
            let mut everything = String::from_utf8_lossy(&bytes).into_owned();
            match format {
                Format::Docx => {
                    let (text, xml) = read_docx(&bytes, &what);
                    everything.push_str(&xml);
                    everything.push_str(&text);
                }
                Format::Pdf => everything.push_str(&pdftotext(&bytes, tmp.path())),
                // Quotes are escaped in the markup: read the text as a browser shows it too.
                Format::Html => everything
                    .push_str(&read_html(std::str::from_utf8(&bytes).unwrap(), &what).text),
            }
            assert!(
                !everything.contains(&secret),
                "{what}: the secret file was read"
            );
            assert!(
                !everything.contains("SECRET-"),
                "{what}: the secret file was read"
            );
            // The path itself is shown as text, as typed.
            assert!(
                squash(&everything).contains(&squash(&format!("#read(\"{t}\")")))
                    || format == Format::Pdf && pdf_has_path(&everything, &t.to_string()),
                "{what}"
            );
        }
    }
}

/// The PDF breaks long runs with invisible break opportunities; the path is still all there.
fn pdf_has_path(text: &str, path: &str) -> bool {
    squash(text).contains(&squash(path))
}

#[test]
fn a_100000_character_line_exports_in_every_format() {
    let latin = "a".repeat(100_000);
    let cjk = "长".repeat(100_000);
    let md = format!("# 长行\n\n{latin}\n\n{cjk}\n\n`{}`\n", "x".repeat(100_000));
    let doc = markdown::parse(&md).unwrap();
    for style in StyleId::ALL {
        for format in [Format::Html, Format::Docx] {
            let what = format!("{format:?}/{}", style.id());
            let bytes = export(&doc, format, &opts(style)).unwrap();
            let text = match format {
                Format::Html => read_html(std::str::from_utf8(&bytes).unwrap(), &what).text,
                _ => read_docx(&bytes, &what).0,
            };
            let flat = squash(&text);
            assert!(
                flat.contains(&latin) && flat.contains(&cjk),
                "{what}: the line is cut"
            );
        }
    }
    // The PDF of such lines is covered by crates/export/tests/pdf.rs
    // (a_100000_character_line_wraps_and_finishes).
}

/// Lists, quotes and both mixed, 1,000 levels deep: no stack overflow in any writer; every
/// export finishes, or the PDF says clearly that it cannot.
#[test]
fn nesting_1000_deep_exports_or_fails_clearly() {
    // Parsing 1,000 levels recurses deeply in an unoptimised build: the app parses on its
    // main thread (8 MiB) and exports on a 64 MiB writer thread; a test thread has 2 MiB.
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(nesting_1000_deep)
        .unwrap()
        .join()
        .unwrap();
}

fn nesting_1000_deep() {
    let mut lists = String::from("# 深层列表\n\n");
    for i in 0..1000 {
        lists.push_str(&"  ".repeat(i));
        lists.push_str(&format!("- 第{i}层\n"));
    }
    let quotes = format!("# 深层引用\n\n{}最深处的引文\n", "> ".repeat(1000));
    let mixed: String = (0..1000)
        .map(|i| if i % 2 == 0 { "> " } else { "- " })
        .collect();
    let mixed = format!("# 混合\n\n{mixed}混合的最深处\n");
    let ordered: String = (0..1000)
        .map(|i| format!("{}1. 序{i}\n", "   ".repeat(i)))
        .collect();
    for (name, md) in [
        ("lists", lists),
        ("quotes", quotes),
        ("mixed", mixed),
        ("ordered", ordered),
    ] {
        let doc = markdown::parse(&md).unwrap();
        let leaf = match name {
            "lists" => "第999层",
            "quotes" => "最深处的引文",
            "mixed" => "混合的最深处",
            _ => "序999",
        };
        for style in StyleId::ALL {
            for format in [Format::Html, Format::Docx, Format::Pdf] {
                let what = format!("{name} as {format:?}/{}", style.id());
                match export(&doc, format, &opts(style)) {
                    Ok(bytes) => {
                        let text = match format {
                            Format::Html => {
                                read_html(std::str::from_utf8(&bytes).unwrap(), &what).text
                            }
                            Format::Docx => read_docx(&bytes, &what).0,
                            Format::Pdf => {
                                let tmp = tempfile::tempdir().unwrap();
                                pdftotext(&bytes, tmp.path())
                            }
                        };
                        // The text is all kept, only the drawing depth is limited.
                        assert!(
                            squash(&text).contains(leaf),
                            "{what}: the deepest text is lost"
                        );
                    }
                    Err(e) => {
                        assert_eq!(format, Format::Pdf, "{what}: {e}");
                        assert_eq!(e.code(), "export-failed");
                        assert!(
                            e.message(Lang::ZhHans).starts_with("导出 PDF 失败："),
                            "{e}"
                        );
                    }
                }
            }
        }
    }
}

/// 10 MB of text (about 3.3 million Chinese characters): DOCX and HTML are written whole in
/// every style; the PDF finishes or says clearly that the document is too large for one.
#[test]
fn a_10_mb_document_exports_or_fails_clearly() {
    let para = "今年完成续约三十九家，续约率百分之九十二点九，客户健康度看板覆盖全部重点客户。\n\n";
    let mut md = String::from("# 十兆字节的总结\n\n");
    let mut i = 0;
    while md.len() < 10 * 1024 * 1024 {
        if i % 200 == 0 {
            md.push_str(&format!("## 第{i}节\n\n"));
        }
        md.push_str(para);
        i += 1;
    }
    md.push_str("全文最后一句。\n");
    let doc = markdown::parse(&md).unwrap();
    for style in StyleId::ALL {
        for format in [Format::Html, Format::Docx] {
            let what = format!("10 MB as {format:?}/{}", style.id());
            let bytes =
                export(&doc, format, &opts(style)).unwrap_or_else(|e| panic!("{what}: {e}"));
            let text = match format {
                Format::Html => read_html(std::str::from_utf8(&bytes).unwrap(), &what).text,
                _ => read_docx(&bytes, &what).0,
            };
            assert_eq!(text.matches("续约率百分之九十二点九").count(), i, "{what}");
            assert!(text.contains("全文最后一句。"), "{what}");
        }
    }
    // One PDF attempt: typst lays out ~3,000 pages; within the time limit or a clear error.
    match export(&doc, Format::Pdf, &opts(StyleId::Plain)) {
        Ok(pdf) => assert!(pdf.starts_with(b"%PDF")),
        Err(e) => {
            assert_eq!(e.code(), "export-failed", "{e:?}");
            assert!(
                e.message(Lang::ZhHans).starts_with("导出 PDF 失败："),
                "{e}"
            );
        }
    }
}
