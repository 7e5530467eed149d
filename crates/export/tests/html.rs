//! The HTML writer: safe against hostile input, the same numbering and figures as the
//! other writers.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use recap_core::style::StyleId;
use recap_core::{Document, markdown};
use recap_export::ExportOptions;
use recap_export::html::write_html;
use std::path::Path;

fn fixture(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name);
    markdown::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn opts(style: StyleId) -> ExportOptions {
    ExportOptions {
        style,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2),
        ..Default::default()
    }
}

/// The text a browser would show: tags removed, entities decoded.
fn visible_text(html: &str) -> String {
    let body = &html[html.find("<body>").unwrap()..];
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#61;", "=")
        .replace("&amp;", "&")
}

/// Every `href="..."` value.
fn hrefs(html: &str) -> Vec<String> {
    html.match_indices("href=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn hostile_input_cannot_run_anything_and_is_shown_literally() {
    for s in [StyleId::Gov, StyleId::Business, StyleId::Plain] {
        let o = ExportOptions {
            toc: true,
            cover: true,
            ..opts(s)
        };
        let html = write_html(&fixture("hostile.md"), &o).unwrap();
        let lower = html.to_lowercase();
        for bad in [
            "<script",
            "javascript:",
            "onerror=",
            "<iframe",
            "<img",
            "<svg",
            "<object",
            "<embed",
        ] {
            assert!(!lower.contains(bad), "{bad} in the {} output", s.id());
        }
        // Nothing may load or run: a policy with no script source at all.
        assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none';"));
        for h in hrefs(&html) {
            assert!(
                h.starts_with("#")
                    || h.starts_with("https://")
                    || h.starts_with("http://")
                    || h.starts_with("mailto:"),
                "{h}"
            );
        }
        let text = visible_text(&html);
        for literal in [
            "<script>window.__pwned = true</script>",
            r#"<img src=x onerror="window.__pwned=true">"#,
            r#"<iframe src="file:///etc/passwd"></iframe>"#,
            "点我",
            "#read(\"/etc/passwd\")",
            "$x^2$",
            // CommonMark decodes the entities of the source: the model holds "& < A".
            "<w:t>xml</w:t> & < A",
            "代码块 <script>alert(1)</script> #set page(paper: \"a0\")",
            "<script>alert('t')</script> 标题 # $ * _ @ \\ 测试",
            "O'Brien & <b>张三</b>",
            "𠀀𪚥𰻞",
            "第七层",
            "七个井号不是标题",
        ] {
            assert!(text.contains(literal), "{} lacks {literal:?}", s.id());
        }
        // XML-forbidden control characters are dropped, the rest kept.
        assert!(!html.chars().any(
            |c| matches!(c, '\u{1}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFF}')
        ));
        assert!(text.contains("控制字符：[][][][]"));
    }
}

#[test]
fn only_web_links_stay_links() {
    let html = write_html(&fixture("hostile.md"), &opts(StyleId::Gov)).unwrap();
    let links: Vec<String> = hrefs(&html);
    assert_eq!(links, vec!["https://example.com"]);
    assert!(html.contains("rel=\"noopener noreferrer nofollow\""));
}

#[test]
fn headings_are_numbered_as_in_the_other_writers() {
    let html = write_html(&fixture("annual-summary.md"), &opts(StyleId::Gov)).unwrap();
    assert!(html.contains("<h1 class=\"title\">2026年度个人工作总结</h1>"));
    assert!(html.contains("<p class=\"author\">华东区客户成功部\u{3000}林晓舟</p>"));
    assert!(html.contains(">一、工作完成情况概述</h2>"));
    assert!(html.contains(">（一）建立客户健康度看板</h3>"));
    assert_eq!(
        html.matches("2026年度个人工作总结").count(),
        2,
        "<title> and the title, not the H1 again"
    );
    // The text's own closing name and date, right-aligned; no second signature.
    assert!(html.contains("<p class=\"signature\">林晓舟<br>2026年12月28日</p>"));
    assert!(!html.contains("2026年11月2日"));
    let doc = markdown::parse("# 总结\n\n## 概述\n\n正文\n").unwrap();
    let plain = write_html(&doc, &opts(StyleId::Plain)).unwrap();
    assert!(
        plain.contains(">概述</h2>"),
        "the plain style does not number"
    );
    let signed = write_html(&doc, &opts(StyleId::Gov)).unwrap();
    assert!(signed.contains("<div class=\"signature\"><p>2026年11月2日</p></div>"));
}

#[test]
fn css_carries_the_style_figures() {
    let gov = write_html(&fixture("annual-summary.md"), &opts(StyleId::Gov)).unwrap();
    assert!(gov.contains("@page { size: 210mm 297mm; margin: 37mm 26mm 35mm 28mm; }"));
    assert!(gov.contains("\"仿宋_GB2312\""));
    assert!(gov.contains("font-size: 16pt"));
    assert!(gov.contains("\"方正小标宋简体\""));
    assert!(
        gov.contains("line-height: 28.99pt"),
        "the grid's line pitch"
    );
    assert!(gov.contains("text-indent: 2em"));
    let business = write_html(&fixture("annual-summary.md"), &opts(StyleId::Business)).unwrap();
    assert!(business.contains("margin: 25.4mm 31.8mm 25.4mm 31.8mm"));
    assert!(business.contains("font-size: 12pt"));
}

#[test]
fn lists_tables_and_tasks() {
    let doc = markdown::parse("1. 甲\n2. 乙\n\n段\n\n3. 丙\n\n- [ ] 待办\n- [x] 已办\n\n| a | b |\n| :-: | --: |\n| 1 | 2 |\n").unwrap();
    let html = write_html(&doc, &opts(StyleId::Gov)).unwrap();
    assert!(html.contains("<ol>\n<li>甲</li>"));
    assert!(html.contains("<ol start=\"3\">"));
    assert!(html.contains("<li class=\"task\">☐ 待办</li>") && html.contains("☑ 已办"));
    assert!(html.contains("<thead><tr><th>a</th><th>b</th></tr></thead>"));
    assert!(
        html.contains(
            "<td style=\"text-align: center\">1</td><td style=\"text-align: right\">2</td>"
        )
    );
}
