#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;
use crate::model::{Block, inline_text};
use proptest::prelude::*;

const PLAIN: &str = include_str!("../../../../tests/fixtures/plain-text-summary.txt");
const HANT: &str = include_str!("../../../../tests/fixtures/plain-text-traditional.txt");
const WEB: &str = include_str!("../../../../tests/fixtures/web-paste-simplified.txt");
const ANNUAL: &str = include_str!("../../../../tests/fixtures/annual-summary.md");
const HOSTILE: &str = include_str!("../../../../tests/fixtures/hostile.md");

/// (level, text) of every heading.
fn headings(md: &str) -> Vec<(u8, String)> {
    crate::markdown::parse(md)
        .unwrap()
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, content } => Some((*level, inline_text(content))),
            _ => None,
        })
        .collect()
}

/// Whether every non-space character of every kept source line appears in `out`, in order.
/// Lines reported as dropped are skipped; a leading bullet marker turned into list
/// structure is not text.
fn keeps_every_character(source: &str, imported: &Imported) -> Result<(), String> {
    let dropped: Vec<usize> = imported.notes.iter().filter_map(|n| n.line).collect();
    let out: Vec<char> = imported.markdown.chars().collect();
    let mut at = 0;
    for (n, raw) in source.lines().enumerate() {
        if dropped.contains(&(n + 1)) {
            continue;
        }
        let line = raw.trim();
        let line = match text::leading_bullet(line) {
            Some(len) => &line[len..],
            None => line,
        };
        for c in line
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
        {
            match out[at..].iter().position(|o| *o == c) {
                Some(p) => at += p + 1,
                None => {
                    return Err(format!(
                        "line {}: {c:?} of {line:?} not found after offset {at} in\n{}",
                        n + 1,
                        imported.markdown
                    ));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn the_plain_text_fixture_gets_its_structure() {
    let imp = import_bytes("summary.txt", PLAIN.as_bytes(), Lang::ZhHans).unwrap();
    keeps_every_character(PLAIN, &imp).unwrap();
    let doc = crate::markdown::parse(&imp.markdown).unwrap();
    assert_eq!(doc.meta.title.as_deref(), Some("2026年第三季度工作总结"));
    assert_eq!(doc.meta.kind, Some(crate::Kind::Quarterly));
    assert_eq!(doc.meta.period, crate::Period::parse("2026-Q3").ok());
    assert_eq!(
        headings(&imp.markdown),
        vec![
            (1, "2026年第三季度工作总结".into()),
            (2, "一、本季度工作回顾".into()),
            (3, "（一）项目交付".into()),
            (3, "（二）团队建设".into()),
            (2, "二、存在的问题".into()),
            (2, "三、下季度计划".into()),
        ]
    );
    // Numbered sentences stay text, numbers and all.
    assert!(imp.markdown.contains("（1）制定了新人 30 天学习清单。"));
    assert!(imp.notes.is_empty());
}

#[test]
fn traditional_text_nests_chapters_and_numbers() {
    let imp = import_bytes("總結.txt", HANT.as_bytes(), Lang::ZhHant).unwrap();
    keeps_every_character(HANT, &imp).unwrap();
    let h = headings(&imp.markdown);
    let want: Vec<(u8, &str)> = vec![
        (1, "2026年度個人工作總結"),
        (2, "第一章 年度工作概述"),
        (3, "一、主要職責"),
        (3, "二、重點項目"),
        (4, "（一）客戶服務流程改造"),
        (4, "（二）團隊培訓"),
        (5, "(1) 新人培訓"),
        (5, "(2) 導師制度"),
        (2, "第二章 問題與不足"),
        (3, "一、跨部門溝通仍不順暢"),
        (2, "第三章 明年計畫"),
        (3, "1.1 續約率提升到 95%"),
        (3, "1.2 服務流程標準化"),
    ];
    let got: Vec<(u8, &str)> = h.iter().map(|(l, t)| (*l, t.as_str())).collect();
    assert_eq!(got, want);
    let doc = crate::markdown::parse(&imp.markdown).unwrap();
    assert_eq!(doc.meta.period, crate::Period::parse("2026").ok());
    assert_eq!(crate::script::document_lang(&doc), Lang::ZhHant);
}

#[test]
fn web_clutter_is_dropped_with_notes() {
    let imp = import_text(WEB, Lang::ZhHans).unwrap();
    keeps_every_character(WEB, &imp).unwrap();
    let dropped: Vec<usize> = imp.notes.iter().filter_map(|n| n.line).collect();
    assert_eq!(dropped, vec![1, 3, 18, 19, 20], "{:#?}", imp.notes);
    assert!(imp.notes.iter().all(|n| n.kind == NoteKind::ClutterDropped));
    assert!(imp.notes[0].message.contains("第 1 行"));
    for gone in ["首页", "阅读量", "分享到", "责任编辑", "版权所有"] {
        assert!(!imp.markdown.contains(gone), "{gone}");
    }
    let h = headings(&imp.markdown);
    let got: Vec<(u8, &str)> = h.iter().map(|(l, t)| (*l, t.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (1, "2026年上半年工作总结"),
            (2, "篇一 业务回顾"),
            (3, "模块一：渠道拓展"),
            (3, "模块二：客户运营"),
            (2, "篇二 下半年打算"),
            (3, "1.1 渠道目标"),
            (3, "1.2 团队建设"),
        ]
    );
    // Plain-text bullets become a list; numbered sentences stay paragraphs.
    let doc = crate::markdown::parse(&imp.markdown).unwrap();
    assert!(
        doc.blocks
            .iter()
            .any(|b| matches!(b, Block::List { start: None, items, .. } if items.len() == 2))
    );
    assert!(imp.markdown.contains("1\\. 新签渠道伙伴 8 家"));
}

#[test]
fn markdown_is_taken_as_it_is() {
    for (name, text) in [("a.md", ANNUAL), ("b.markdown", HOSTILE)] {
        let imp = import_bytes(name, text.as_bytes(), Lang::ZhHans).unwrap();
        assert_eq!(imp.markdown, text);
        assert!(imp.notes.is_empty());
    }
    // Pasted Markdown is recognised as such.
    assert_eq!(import_text(ANNUAL, Lang::ZhHans).unwrap().markdown, ANNUAL);
    let bom = format!("\u{feff}{ANNUAL}");
    assert_eq!(
        import_bytes("x.md", bom.as_bytes(), Lang::En)
            .unwrap()
            .markdown,
        ANNUAL
    );
    // Front matter YAML cannot read is kept as written and noted, line by line.
    let bad = import_bytes("bad.md", b"---\ntitle: x\nperiod: soon\n---\n", Lang::En).unwrap();
    assert_eq!(bad.markdown, "---\ntitle: x\nperiod: soon\n---\n");
    assert_eq!(bad.notes.len(), 1);
    assert_eq!(bad.notes[0].kind, NoteKind::Metadata);
    assert_eq!(bad.notes[0].line, Some(3));
}

#[test]
fn other_encodings_and_formats() {
    let (gbk, _, _) = encoding_rs::GB18030.encode(PLAIN);
    let imp = import_bytes("gbk.txt", &gbk, Lang::ZhHans).unwrap();
    assert!(imp.markdown.contains("一、本季度工作回顾"));
    assert_eq!(imp.notes[0].kind, NoteKind::Decoded);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "一、回顾\n正文".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let imp = import_bytes("u16.txt", &utf16, Lang::ZhHans).unwrap();
    assert!(imp.markdown.contains("一、回顾"), "{}", imp.markdown);
    for name in ["old.doc", "x.pdf", "slides.wps"] {
        let e = import_bytes(name, b"whatever", Lang::ZhHans).unwrap_err();
        assert_eq!(e.code(), "unsupported-format");
        assert!(e.message(Lang::ZhHans).contains(".docx"));
        assert!(e.message(Lang::ZhHant).contains("匯入"));
        assert!(e.message(Lang::En).contains("Cannot import"));
    }
    assert_eq!(
        import_bytes("bin.txt", &[0xff, 0xfe, 0xfd, 0x00, 0x81], Lang::En)
            .unwrap_err()
            .code(),
        "invalid-input"
    );
}

#[test]
fn docx_garbage_and_bombs_are_refused_with_typed_errors() {
    let e = import_bytes("x.docx", b"not a zip at all", Lang::ZhHans).unwrap_err();
    assert_eq!(e.code(), "docx-unreadable");
    assert!(e.message(Lang::ZhHans).contains("Word"));

    let zip_of = |entries: &[(&str, Vec<u8>)]| {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    };
    let no_document = zip_of(&[("hello.txt", b"hi".to_vec())]);
    assert_eq!(
        import_bytes("x.docx", &no_document, Lang::En)
            .unwrap_err()
            .code(),
        "docx-unreadable"
    );
    let bomb = zip_of(&[("word/document.xml", vec![0u8; 24 * 1024 * 1024])]);
    assert!(bomb.len() < 200_000);
    let e = import_bytes("x.docx", &bomb, Lang::En).unwrap_err();
    assert_eq!(e.code(), "suspicious-archive");
    assert!(e.message(Lang::ZhHant).contains("拒絕"));

    let big = vec![0u8; (docx::MAX_DOCX_BYTES + 1) as usize];
    assert_eq!(
        import_bytes("x.docx", &big, Lang::En).unwrap_err().code(),
        "too-large"
    );
    // A .docx without its extension is still recognised by its bytes.
    assert_eq!(
        import_bytes("", &no_document, Lang::En).unwrap_err().code(),
        "docx-unreadable"
    );
}

/// A Word file built with docx-rs's writer, the way Word names things: heading styles
/// called "heading 1" and "标题 2", a Title, an outline level on a plain paragraph, runs in
/// bold and italic, a numbered list, a table.
fn word_like_docx() -> Vec<u8> {
    use docx_rs::*;
    let styled = |id: &str, name: &str| Style::new(id, StyleType::Paragraph).name(name);
    let bullets = AbstractNumbering::new(7).add_level(Level::new(
        0,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("•"),
        LevelJc::new("left"),
    ));
    let decimal = AbstractNumbering::new(8)
        .add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new("%1."),
            LevelJc::new("left"),
        ))
        .add_level(Level::new(
            1,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new("%2)"),
            LevelJc::new("left"),
        ));
    let text = |s: &str| Run::new().add_text(s);
    let mut buf = std::io::Cursor::new(Vec::new());
    Docx::new()
        .add_style(styled("Title", "Title"))
        .add_style(styled("1", "heading 1"))
        .add_style(styled("2", "标题 2"))
        .add_abstract_numbering(bullets)
        .add_abstract_numbering(decimal)
        .add_numbering(Numbering::new(7, 7))
        .add_numbering(Numbering::new(8, 8))
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(text("2026年度工作总结")),
        )
        .add_paragraph(Paragraph::new().style("1").add_run(text("一、工作概述")))
        .add_paragraph(
            Paragraph::new()
                .add_run(text("全年完成"))
                .add_run(text("续约 39 家").bold())
                .add_run(text("，"))
                .add_run(text("增购 1,860 万元").italic())
                .add_run(text("。")),
        )
        .add_paragraph(Paragraph::new().style("2").add_run(text("（一）亮点")))
        .add_paragraph(
            Paragraph::new()
                .numbering(NumberingId::new(8), IndentLevel::new(0))
                .add_run(text("第一项")),
        )
        .add_paragraph(
            Paragraph::new()
                .numbering(NumberingId::new(8), IndentLevel::new(1))
                .add_run(text("第一项的细节")),
        )
        .add_paragraph(
            Paragraph::new()
                .numbering(NumberingId::new(8), IndentLevel::new(0))
                .add_run(text("第二项")),
        )
        .add_paragraph(
            Paragraph::new()
                .numbering(NumberingId::new(7), IndentLevel::new(0))
                .add_run(text("要点")),
        )
        .add_paragraph(Paragraph::new().outline_lvl(0).add_run(text("二、计划")))
        .add_table(Table::new(vec![
            TableRow::new(vec![
                TableCell::new().add_paragraph(Paragraph::new().add_run(text("指标"))),
                TableCell::new().add_paragraph(Paragraph::new().add_run(text("目标"))),
            ]),
            TableRow::new(vec![
                TableCell::new().add_paragraph(Paragraph::new().add_run(text("续约率"))),
                TableCell::new().add_paragraph(Paragraph::new().add_run(text("94%"))),
                TableCell::new().add_paragraph(Paragraph::new().add_run(text("多出的一格"))),
            ]),
        ]))
        .build()
        .pack(&mut buf)
        .unwrap();
    buf.into_inner()
}

#[test]
fn docx_styles_lists_tables_and_formatting_are_read() {
    let imp = import_bytes("word.docx", &word_like_docx(), Lang::ZhHans).unwrap();
    let md = &imp.markdown;
    assert_eq!(
        headings(md),
        vec![
            (1, "2026年度工作总结".into()),
            (2, "一、工作概述".into()),
            (3, "（一）亮点".into()),
            (2, "二、计划".into()),
        ],
        "{md}"
    );
    assert!(md.contains("**续约 39 家**"), "{md}");
    assert!(md.contains("*增购 1,860 万元*"), "{md}");
    let doc = crate::markdown::parse(md).unwrap();
    assert_eq!(doc.meta.title.as_deref(), Some("2026年度工作总结"));
    let lists: Vec<&Block> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::List { .. }))
        .collect();
    assert_eq!(lists.len(), 2, "{md}");
    match lists[0] {
        Block::List {
            start: Some(1),
            items,
            ..
        } => {
            assert_eq!(items.len(), 2);
            assert!(matches!(items[0].blocks.get(1), Some(Block::List { .. })));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(lists[1], Block::List { start: None, .. }));
    match doc.blocks.last() {
        Some(Block::Table { head, rows, .. }) => {
            assert_eq!(head.len(), 3);
            assert_eq!(inline_text(&rows[0][2]), "多出的一格");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn docx_without_heading_styles_uses_typed_numbers() {
    use docx_rs::*;
    let p = |s: &str| Paragraph::new().add_run(Run::new().add_text(s));
    let mut buf = std::io::Cursor::new(Vec::new());
    Docx::new()
        .add_paragraph(p("2026年第三季度工作总结"))
        .add_paragraph(p("一、本季度工作回顾"))
        .add_paragraph(p("（一）项目交付"))
        .add_paragraph(p("1、完成仓储系统二期上线，覆盖 3 个城市仓。"))
        .add_paragraph(p("二、下季度计划"))
        .build()
        .pack(&mut buf)
        .unwrap();
    let imp = import_bytes("typed.docx", &buf.into_inner(), Lang::ZhHans).unwrap();
    assert_eq!(
        headings(&imp.markdown),
        vec![
            (1, "2026年第三季度工作总结".into()),
            (2, "一、本季度工作回顾".into()),
            (3, "（一）项目交付".into()),
            (2, "二、下季度计划".into()),
        ]
    );
    assert!(imp.markdown.contains("1、完成仓储系统二期上线"));
}

/// Lines a plain-text draft is made of: typed numbers of every style, sentences, bullets,
/// Markdown's special characters, clutter, blank lines, both scripts.
fn line() -> impl Strategy<Value = String> {
    let prefix = prop::sample::select(vec![
        "",
        "",
        "",
        "一、",
        "（二）",
        "(三)",
        "1、",
        "2. ",
        "3．",
        "（4）",
        "(5)",
        "1.1 ",
        "第一章 ",
        "篇二 ",
        "模块三：",
        "- ",
        "• ",
        "# ",
        "> ",
        "* ",
        "1) ",
        "首页 > 范文 > ",
        "分享到：",
        "© ",
    ]);
    let body = "[一二工作总结總結項目计划計畫续约率提升到 0-9a-zA-Z，。：、%*_`#<>&|\\[\\]~!$\\\\（）()-]{0,24}";
    (prefix, body).prop_map(|(p, b)| format!("{p}{b}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn plain_text_import_keeps_every_character(lines in prop::collection::vec(line(), 0..24)) {
        let text = lines.join("\n");
        let imp = import_text(&text, Lang::ZhHans).unwrap();
        // Only plain text is re-read; text that looks like Markdown is taken as it is.
        if text::looks_like_markdown(&text) && crate::markdown::parse(&text).is_ok() {
            prop_assert_eq!(&imp.markdown, &text);
        } else if let Err(e) = keeps_every_character(&text, &imp) {
            prop_assert!(false, "{}", e);
        }
        // Whatever came in, the result reads back.
        prop_assert!(crate::markdown::parse(&imp.markdown).is_ok());
    }
}
