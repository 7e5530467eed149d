//! PDF export, checked with poppler's tools: the text comes back, fonts are embedded and
//! subset, the page is A4 and the metadata is there — for every fixture in every style.
//!
//! The tools are part of the test environment (`make test` installs poppler-utils); a
//! missing tool fails the test, it never skips it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use recap_core::model::{Block, Document, Inline};
use recap_core::style::StyleId;
use recap_export::ExportOptions;
use recap_export::pdf::{self, PdfReport};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

/// A Markdown fixture through the Markdown reader; a `.txt` one as plain text, one
/// paragraph per line (nothing in it is markup).
fn load(name: &str) -> Document {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    if name.ends_with(".txt") {
        let blocks = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| Block::Paragraph {
                content: vec![Inline::text(l.trim())],
            })
            .collect();
        Document {
            meta: Default::default(),
            blocks,
        }
    } else {
        recap_core::markdown::parse(&text).unwrap()
    }
}

const FIXTURES: [&str; 3] = ["annual-summary.md", "hostile.md", "plain-text-summary.txt"];

fn opts(style: StyleId) -> ExportOptions {
    ExportOptions {
        style,
        date: NaiveDate::from_ymd_opt(2026, 12, 28),
        ..ExportOptions::default()
    }
}

fn tool(name: &str) -> String {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{name}` is missing: these tests read the PDF with poppler-utils; `make test` installs it (apt-get install poppler-utils)"
    );
    name.to_string()
}

fn run(tool_name: &str, args: &[&str]) -> String {
    let out = Command::new(tool(tool_name)).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{tool_name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

struct Written {
    _dir: tempfile::TempDir,
    path: PathBuf,
    report: PdfReport,
}

impl Written {
    fn p(&self) -> &str {
        self.path.to_str().unwrap()
    }
    fn text(&self) -> String {
        run("pdftotext", &["-enc", "UTF-8", self.p(), "-"])
    }
    fn info(&self) -> String {
        run("pdfinfo", &[self.p()])
    }
    fn fonts(&self) -> String {
        run("pdffonts", &[self.p()])
    }
}

fn write(doc: &Document, o: &ExportOptions) -> Written {
    let (bytes, report) = pdf::write_pdf_report(doc, o).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, bytes).unwrap();
    Written {
        _dir: dir,
        path,
        report,
    }
}

/// Characters a PDF cannot give back as text, left out of the comparison:
/// - controls (C0/C1 other than white space) and the noncharacters U+FFFE/U+FFFF: forbidden
///   in XML, dropped by the exporter on purpose;
/// - invisible format characters (zero-width space/joiners, bidi controls, BOM, variation
///   selectors, tags): they have no glyph, so there is nothing on the page to extract.
fn extractable(c: char) -> bool {
    let u = c as u32;
    let control = c.is_control() && !c.is_whitespace();
    let nonchar = (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE;
    let format = matches!(u,
        0x00AD | 0x034F | 0x061C | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F
        | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE007F | 0xE0100..=0xE01EF);
    !(control || nonchar || format)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// pdftotext's text without the page-number lines of the three styles ("— 1 —",
/// "第 1 页 共 3 页", "1"; pdftotext may drop the spaces in them).
fn body_text(text: &str) -> String {
    text.lines()
        .filter(|l| !is_page_number_line(l))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_page_number_line(line: &str) -> bool {
    let t = squash(line);
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
    dashed || of_total || digits(&t)
}

/// Every word of `expected` (split at white space) is found in `pdf_text`, in order.
/// `no_glyph` are the characters no installed font has (the report lists them): they print
/// as a box, and the text behind a box (.notdef) is not reliably extractable, so they are
/// left out of the comparison. Which ones they are is checked in its own test.
fn assert_all_text_back(expected: &str, pdf_text: &str, no_glyph: &[char], what: &str) {
    let keep = |c: &char| extractable(*c) && !no_glyph.contains(c);
    let got: String = squash(&body_text(pdf_text)).chars().filter(keep).collect();
    let mut from = 0;
    for word in expected.split_whitespace() {
        // Text under a bidi override (U+202D/U+202E…) is drawn, and so extracted, in visual
        // order: such a word is only checked character by character.
        let bidi = word
            .chars()
            .any(|c| matches!(c as u32, 0x202A..=0x202E | 0x2066..=0x2069));
        let word: String = word.chars().filter(keep).collect();
        if word.is_empty() {
            continue;
        }
        if bidi {
            for c in word.chars() {
                assert!(
                    got.contains(c),
                    "{what}: {c:?} of {word:?} is missing\n{pdf_text}"
                );
            }
            continue;
        }
        match got[from..].find(&word) {
            Some(at) => from += at + word.len(),
            None => {
                let anywhere = got.contains(&word);
                panic!(
                    "{what}: {word:?} is {} in the PDF's text\n--- pdftotext ---\n{pdf_text}",
                    if anywhere { "out of order" } else { "missing" }
                );
            }
        }
    }
}

fn assert_fonts_embedded_and_subset(fonts: &str, what: &str) {
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "{what}: no fonts\n{fonts}");
    for row in rows {
        // name type [encoding…] emb sub uni object ID: the three yes/no columns come
        // before the two numbers at the end.
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(n >= 7, "{what}: {row}");
        let (emb, sub) = (cols[n - 5], cols[n - 4]);
        assert_eq!(emb, "yes", "{what}: not embedded: {row}");
        assert_eq!(sub, "yes", "{what}: not subset: {row}");
        assert!(
            cols[0].contains('+'),
            "{what}: subset fonts carry a tag: {row}"
        );
    }
}

fn field<'a>(info: &'a str, key: &str) -> &'a str {
    info.lines()
        .find_map(|l| {
            l.strip_prefix(key)
                .map(|v| v.trim_start_matches(':').trim())
        })
        .unwrap_or("")
}

#[test]
fn every_fixture_in_every_style_gives_back_its_text_fonts_page_and_title() {
    for name in FIXTURES {
        let doc = load(name);
        for style in StyleId::ALL {
            let what = format!("{name} / {}", style.id());
            let w = write(&doc, &opts(style));
            assert!(w.report.pages >= 1, "{what}");
            assert_all_text_back(
                &doc.plain_text(),
                &w.text(),
                &w.report.missing_glyphs,
                &what,
            );
            assert_fonts_embedded_and_subset(&w.fonts(), &what);
            let info = w.info();
            assert!(
                field(&info, "Page size").starts_with("595.28 x 841.89"),
                "{what}: {info}"
            );
            assert_eq!(field(&info, "Pages"), w.report.pages.to_string(), "{what}");
            let title = doc.display_title();
            if !title.is_empty() {
                assert_eq!(field(&info, "Title"), squash_controls(&title), "{what}");
            }
        }
    }
}

fn squash_controls(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

#[test]
fn the_annual_summary_has_its_metadata_numbers_and_signature() {
    let doc = load("annual-summary.md");
    let w = write(&doc, &opts(StyleId::Gov));
    let info = w.info();
    assert_eq!(field(&info, "Title"), "2026年度个人工作总结");
    assert_eq!(field(&info, "Author"), "林晓舟");
    let raw = std::fs::read(&w.path).unwrap();
    let lang = b"/Lang(zh-CN)";
    assert!(
        raw.windows(lang.len()).any(|x| x == lang),
        "the catalog names the language"
    );
    let text = w.text();
    // The typed numbers are kept and never doubled.
    assert!(text.contains("一、工作完成情况概述"), "{text}");
    assert!(!text.contains("一、一、"), "{text}");
    // Author line, page number, signature with the date in the official form.
    assert!(text.contains("华东区客户成功部"), "{text}");
    assert!(squash(&text).contains("—1—"), "{text}");
    let tail = squash(&text);
    assert!(tail.contains("林晓舟2026年12月28日"), "{text}");
    // The title is printed once (not again as a heading).
    assert_eq!(text.matches("2026年度个人工作总结").count(), 1, "{text}");
}

#[test]
fn gov_sets_no_space_between_chinese_and_figures_the_others_keep_it() {
    let doc = load("annual-summary.md");
    let gov = write(&doc, &opts(StyleId::Gov)).text();
    assert!(gov.contains("本年度我负责华东区42家重点客户"), "{gov}");
    assert!(!gov.contains("华东区 42"), "{gov}");
    let business = write(&doc, &opts(StyleId::Business)).text();
    assert!(business.contains("华东区 42 家重点客户"), "{business}");
}

#[test]
fn a_pasted_essay_still_has_a_title_in_its_metadata() {
    let doc = recap_core::markdown::parse("## 一、工作概述\n\n本季度完成续约39家。\n").unwrap();
    let w = write(&doc, &opts(StyleId::Gov));
    assert_eq!(field(&w.info(), "Title"), "一、工作概述");
    let essay = recap_core::markdown::parse("关于客户续约工作的几点体会\n\n过去一年……").unwrap();
    let w = write(&essay, &opts(StyleId::Plain));
    assert_eq!(field(&w.info(), "Title"), "关于客户续约工作的几点体会");
}

#[test]
fn hostile_text_is_printed_literally_and_reads_nothing() {
    let doc = load("hostile.md");
    for style in StyleId::ALL {
        let w = write(&doc, &opts(style));
        let text = w.text();
        let flat = squash(&text);
        assert!(
            !text.contains("root:"),
            "the PDF shows a host file:\n{text}"
        );
        for literal in [
            "#read(\"/etc/passwd\")",
            "#import\"x.typ\":*",
            "$x^2$",
            "#panic()",
            "#setpage(paper:\"a0\")",
            "<script>alert(1)</script>",
            "@label<label>",
            "\\begin{document}{{field}}]]>",
        ] {
            assert!(
                flat.contains(literal),
                "{} / {literal}:\n{text}",
                style.id()
            );
        }
        assert!(field(&w.info(), "Page size").starts_with("595.28 x 841.89"));
    }
}

#[test]
fn characters_without_any_font_are_reported() {
    let doc = recap_core::markdown::parse("# 标题\n\n正文 \u{1F389}\u{F0000} 文字\n").unwrap();
    let w = write(&doc, &opts(StyleId::Gov));
    // No font covers a supplementary private-use character; every text character of the
    // title and body is covered.
    assert!(
        w.report.missing_glyphs.contains(&'\u{F0000}'),
        "{:?}",
        w.report.missing_glyphs
    );
    for c in "标题正文文字".chars() {
        assert!(!w.report.missing_glyphs.contains(&c));
    }
    assert_all_text_back(
        "标题 正文 文字",
        &w.text(),
        &w.report.missing_glyphs,
        "missing glyphs",
    );
}

#[test]
fn only_web_and_mail_links_become_links() {
    let doc = load("hostile.md");
    let bytes = pdf::write_pdf(&doc, &opts(StyleId::Gov)).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    // PDF streams are compressed, but link annotations' URIs are plain dictionary strings.
    assert!(
        raw.contains("https://example.com"),
        "the autolink is a link"
    );
    assert!(
        !raw.contains("javascript:"),
        "javascript: must not become a link"
    );
    assert!(
        !raw.contains("file:///etc/passwd"),
        "file: must not become a link"
    );
}

#[test]
fn fonts_are_reported_per_role() {
    let doc = load("annual-summary.md");
    let w = write(&doc, &opts(StyleId::Gov));
    let roles: Vec<&str> = w.report.fonts_used.iter().map(|f| f.role).collect();
    for r in [
        "title",
        "heading1",
        "heading2",
        "body",
        "kai",
        "page-number",
    ] {
        assert!(roles.contains(&r), "{roles:?}");
    }
    assert!(w.report.fonts_used.iter().all(|f| !f.family.is_empty()));
    // A family chosen in Settings goes first; one that is not installed falls through to
    // the style's list, so the export still succeeds.
    let mut o = opts(StyleId::Gov);
    o.fonts.insert("body".into(), "霞鹜文楷".into());
    o.fonts.insert("title".into(), "No Such Font".into());
    let w2 = write(&doc, &o);
    let used = |r: &str| {
        w2.report
            .fonts_used
            .iter()
            .find(|f| f.role == r)
            .unwrap()
            .clone()
    };
    assert_eq!(used("body").family, "LXGW WenKai");
    assert_eq!(used("title").family, w.report.fonts_used[0].family);
    assert!(w2.fonts().contains("LXGWWenKai"), "{}", w2.fonts());
    eprintln!("fonts used: {:#?}", w.report.fonts_used);
}

#[test]
fn cover_contents_header_and_no_page_numbers() {
    let doc = load("annual-summary.md");
    let o = ExportOptions {
        cover: true,
        toc: true,
        header: Some("内部资料 #import \"x\"".into()),
        page_numbers: false,
        ..opts(StyleId::Business)
    };
    let w = write(&doc, &o);
    let plain = write(&doc, &opts(StyleId::Business));
    assert!(
        w.report.pages >= plain.report.pages + 2,
        "{} vs {}",
        w.report.pages,
        plain.report.pages
    );
    let text = w.text();
    assert!(squash(&text).contains("目录"), "{text}");
    assert!(squash(&text).contains("姓名：林晓舟"), "{text}");
    assert!(squash(&text).contains("内部资料#import\"x\""), "{text}");
    assert!(!squash(&text).contains("第1页"), "{text}");
    assert_all_text_back(
        &doc.plain_text(),
        &text,
        &w.report.missing_glyphs,
        "cover+toc",
    );
}

#[test]
fn business_numbers_pages_of_a_total() {
    let mut md = String::from("# 总结\n\n");
    for i in 0..120 {
        md.push_str(&format!(
            "第{i}段：本季度完成了若干重要工作，取得了较好的成效。\n\n"
        ));
    }
    let doc = recap_core::markdown::parse(&md).unwrap();
    let w = write(&doc, &opts(StyleId::Business));
    assert!(w.report.pages >= 2);
    let text = w.text();
    let last = format!("第 {n} 页 共 {n} 页", n = w.report.pages);
    assert!(squash(&text).contains("第1页共"), "{text}");
    assert!(squash(&text).contains(&squash(&last)), "{last}\n{text}");
}

#[test]
fn no_signature_when_the_text_ends_with_a_date() {
    let doc = recap_core::markdown::parse(
        "---\nauthor: 张三\n---\n\n# 总结\n\n正文。\n\n张三\n2026年11月2日\n",
    )
    .unwrap();
    let text = write(&doc, &opts(StyleId::Gov)).text();
    assert_eq!(text.matches("2026年").count(), 1, "{text}");
    let doc = recap_core::markdown::parse("---\nauthor: 张三\n---\n\n# 总结\n\n正文。\n").unwrap();
    let text = write(&doc, &opts(StyleId::Gov)).text();
    assert!(
        squash(&body_text(&text)).ends_with("张三2026年12月28日"),
        "{text}"
    );
}

#[test]
fn the_preview_shows_the_same_pages() {
    let doc = load("annual-summary.md");
    let o = opts(StyleId::Gov);
    let svgs = pdf::preview_svgs(&doc, &o).unwrap();
    let (_, report) = pdf::write_pdf_report(&doc, &o).unwrap();
    assert_eq!(svgs.len(), report.pages);
    assert!(
        svgs.iter()
            .all(|s| s.starts_with("<svg") && s.contains("</svg>"))
    );
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    eprintln!("{what}: {:?}", t.elapsed());
    r
}

#[test]
fn deep_nesting_does_not_exhaust_any_stack() {
    let mut md = String::new();
    for d in 0..200 {
        md.push_str(&"  ".repeat(d));
        md.push_str(&format!("- 第{d}层\n"));
    }
    md.push('\n');
    for d in 1..200 {
        md.push_str(&">".repeat(d));
        md.push_str(&format!(" 引用{d}\n"));
    }
    md.push('\n');
    md.push_str(&"*".repeat(300));
    md.push_str("加粗斜体");
    md.push_str(&"*".repeat(300));
    md.push('\n');
    let doc = recap_core::markdown::parse(&md).unwrap();
    let w = timed("deep nesting PDF", || write(&doc, &opts(StyleId::Gov)));
    let text = squash(&w.text());
    for needle in ["第0层", "第63层", "第199层", "引用1", "引用199", "加粗斜体"] {
        assert!(text.contains(needle), "{needle}");
    }
}

#[test]
fn a_100000_character_line_wraps_and_finishes() {
    let cjk = "年度工作总结与计划".repeat(100_000 / 9);
    let latin = "a".repeat(100_000);
    for (what, line) in [("CJK", cjk), ("Latin", latin)] {
        let doc = recap_core::markdown::parse(&format!("# 长行\n\n{line}\n")).unwrap();
        let w = timed(&format!("100,000-character {what} line"), || {
            write(&doc, &opts(StyleId::Plain))
        });
        let text = squash(&body_text(&w.text()));
        assert!(
            text.contains(&line),
            "{what}: the whole line is in the text"
        );
        eprintln!("{what}: {} pages", w.report.pages);
    }
}

#[test]
fn exports_in_parallel_wait_for_a_worker_and_all_finish() {
    let doc = load("annual-summary.md");
    let handles: Vec<_> = (0..3 * pdf::MAX_WORKERS)
        .map(|k| {
            let doc = doc.clone();
            let style = StyleId::ALL[k % 3];
            std::thread::spawn(move || pdf::write_pdf(&doc, &opts(style)).map(|b| b.len()))
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap().unwrap() > 1000);
    }
}

#[test]
fn every_kind_of_block_and_inline_is_set() {
    let md = "---\ntitle: 全部元素\nauthor: 王五\n---\n\n\
        ## 一级 **加粗** *强调*\n\n### 二级 **楷体加粗**\n\n#### 三级\n\n##### 四级\n\n\
        段落有`行内代码`、~~删除线~~、[链接](https://example.com/x)、![图片说明](/etc/passwd)、\
        <span>内联HTML</span>和硬换行\\\n第二行。\n\n\
        - [ ] 未完成任务\n- [x] 已完成任务\n\n\
        7. 第七项\n8. 第八项\n   - 嵌套项\n\n\
        > 引用一层\n>\n> > 引用两层\n\n\
        ```rust\n    缩进的代码();\n\tlet x = 1;\n```\n\n\
        <div>块级HTML</div>\n\n---\n\n\
        | 左 | 中 | 右 |\n| :-- | :-: | --: |\n| 一 | 二 | 三 |\n";
    let doc = recap_core::markdown::parse(md).unwrap();
    for style in StyleId::ALL {
        let w = write(&doc, &opts(style));
        let text = w.text();
        assert_all_text_back(
            &doc.plain_text(),
            &text,
            &w.report.missing_glyphs,
            style.id(),
        );
        let flat = squash(&text);
        for needle in [
            "☐未完成任务",
            "☑已完成任务",
            "7.第七项",
            "8.第八项",
            "图片说明",
            "缩进的代码();",
        ] {
            assert!(flat.contains(needle), "{} / {needle}:\n{text}", style.id());
        }
        assert!(!text.contains("root:"));
    }
}

#[test]
fn an_empty_document_is_one_page() {
    let w = write(&Document::default(), &opts(StyleId::Gov));
    assert_eq!(w.report.pages, 1);
}

#[test]
fn a_compile_past_the_time_limit_is_a_clear_error() {
    let doc = recap_core::markdown::parse(&"# 标题\n\n正文段落。\n\n".repeat(300)).unwrap();
    let err =
        pdf::write_pdf_within(&doc, &opts(StyleId::Gov), Duration::from_millis(1)).unwrap_err();
    assert_eq!(err.code(), "export-failed");
    assert!(err.to_string().contains("took longer"), "{err}");
}
