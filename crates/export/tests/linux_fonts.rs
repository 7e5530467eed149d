//! The fontconfig file Recap's Linux package installs (packaging/linux/), checked the way a
//! user meets it: with that file in a private fontconfig configuration, every face name our
//! DOCX uses and the stock Windows names resolve to a free face of the right kind
//! (`fc-match`), and LibreOffice sets each part of an exported document in it (`pdffonts`,
//! and `pdftohtml -xml`, which tells the face of each line).
//!
//! The Noto collections share one internal name, so LibreOffice's PDF says "jp" whatever
//! face of a collection it used: the PDF tells Serif from Sans from Kai, `fc-match` tells
//! which face.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use recap_core::style::StyleId;
use recap_export::ExportOptions;
use recap_export::docx::write_docx;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const CONF: &str = "packaging/linux/65-recap-chinese-fonts.conf";

fn tool(name: &str) -> String {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "`{name}` is missing: `make deps` installs fontconfig, poppler-utils and LibreOffice"
    );
    name.to_string()
}

/// A private fontconfig configuration: the system's, then the project's file.
fn config(dir: &Path) -> PathBuf {
    let conf = root().join(CONF);
    assert!(conf.is_file(), "{} is missing", conf.display());
    let path = dir.join("fonts.conf");
    std::fs::write(
        &path,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n<fontconfig>\n  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n  <include>{}</include>\n</fontconfig>\n",
            conf.display()
        ),
    )
    .unwrap();
    path
}

/// The family fontconfig gives for the family `name` under `conf`.
fn fc_match(conf: &Path, name: &str) -> String {
    // fc-match reads a pattern: "DFKai-SB" would be the family "DFKai" at size "SB".
    let pattern: String = name
        .chars()
        .flat_map(|c| match c {
            '-' | ':' | ',' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    let out = Command::new(tool("fc-match"))
        .env("FONTCONFIG_FILE", conf)
        .args(["-f", "%{family[0]}", &pattern])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

const SERIF_SC: &[&str] = &["Noto Serif CJK SC"];
const SANS_SC: &[&str] = &["Noto Sans CJK SC"];
const KAI_SC: &[&str] = &["LXGW WenKai", "AR PL UKai CN"];

#[test]
fn every_name_resolves_to_a_free_face_of_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    let conf = config(dir.path());
    let expect: &[(&[&str], &[&str])] = &[
        (
            &[
                "仿宋_GB2312",
                "仿宋",
                "FangSong",
                "方正小标宋简体",
                "宋体",
                "SimSun",
                "华文中宋",
            ],
            SERIF_SC,
        ),
        (
            &[
                "黑体",
                "SimHei",
                "微软雅黑",
                "Microsoft YaHei",
                "等线",
                "DengXian",
            ],
            SANS_SC,
        ),
        (&["楷体_GB2312", "楷体", "KaiTi", "华文楷体"], KAI_SC),
        (&["新細明體", "PMingLiU", "細明體"], &["Noto Serif CJK TC"]),
        (&["微軟正黑體", "Microsoft JhengHei"], &["Noto Sans CJK TC"]),
        (
            &["標楷體", "DFKai-SB"],
            &["LXGW WenKai TC", "AR PL UKai TW"],
        ),
        (&["Consolas"], &["Noto Sans Mono CJK SC"]),
    ];
    let mut wrong = Vec::new();
    for (names, faces) in expect {
        for name in *names {
            let got = fc_match(&conf, name);
            if !faces.contains(&got.as_str()) {
                wrong.push(format!("{name} -> {got} (want one of {faces:?})"));
            }
        }
    }
    // Without the file, fontconfig falls back to DejaVu: the file is what makes the difference.
    let none = dir.path().join("system.conf");
    std::fs::write(&none, "<?xml version=\"1.0\"?>\n<fontconfig><include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include></fontconfig>\n").unwrap();
    assert!(!SERIF_SC.contains(&fc_match(&none, "仿宋_GB2312").as_str()));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_face_a_docx_declares_resolves_to_one_of_the_kind_it_declares() {
    let dir = tempfile::tempdir().unwrap();
    let conf = config(dir.path());
    let doc = fixture("annual-summary.md");
    let mut wrong = Vec::new();
    for style in StyleId::ALL {
        let table = part(
            &write_docx(&doc, &opts(style)).unwrap(),
            "word/fontTable.xml",
        );
        for (name, family) in declared_faces(&table) {
            let got = fc_match(&conf, &name);
            let ok = match family.as_str() {
                "roman" => got.contains("Serif CJK"),
                "swiss" => got.contains("Sans CJK"),
                "script" => KAI_SC.contains(&got.as_str()),
                "modern" => got.contains("Mono"),
                _ => false,
            };
            if !ok || got.contains("DejaVu") {
                wrong.push(format!("{}: {name} ({family}) -> {got}", style.id()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// (name, w:family) of each `w:font` of a font table.
fn declared_faces(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for font in xml.split("<w:font ").skip(1) {
        let attr = |key: &str| -> String {
            let at = font.find(key).unwrap() + key.len();
            font[at..at + font[at..].find('"').unwrap()].to_string()
        };
        out.push((attr("w:name=\""), attr("<w:family w:val=\"")));
    }
    out
}

fn fixture(name: &str) -> recap_core::Document {
    let text = std::fs::read_to_string(root().join("tests/fixtures").join(name)).unwrap();
    recap_core::markdown::parse(&text).unwrap()
}

fn opts(style: StyleId) -> ExportOptions {
    ExportOptions {
        style,
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 28),
        ..ExportOptions::default()
    }
}

fn part(docx: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// LibreOffice's PDF of `docx`, converted with `conf` as fontconfig's configuration.
fn libreoffice_pdf(docx: &Path, conf: &Path, work: &Path) -> PathBuf {
    let out = Command::new(tool("soffice"))
        .env("FONTCONFIG_FILE", conf)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            work.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(work)
        .arg(docx)
        .output()
        .unwrap();
    let pdf = work.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(
        pdf.is_file(),
        "LibreOffice made no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

/// Each line of text of the PDF's first page with the font it is set in (pdftohtml -xml).
fn lines_with_fonts(pdf: &Path) -> Vec<(String, String)> {
    let out = Command::new(tool("pdftohtml"))
        .args(["-xml", "-i", "-stdout", "-f", "1", "-l", "1"])
        .arg(pdf)
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    let value = |line: &str, key: &str| -> Option<String> {
        let at = line.find(key)? + key.len();
        Some(line[at..at + line[at..].find('"')?].to_string())
    };
    let mut fonts = BTreeMap::new();
    let mut lines = Vec::new();
    for line in xml.lines() {
        if line.contains("<fontspec") {
            fonts.insert(
                value(line, "id=\"").unwrap(),
                value(line, "family=\"").unwrap(),
            );
        } else if line.trim_start().starts_with("<text") {
            let font = fonts[&value(line, "font=\"").unwrap()].clone();
            let inner = &line[line.find('>').unwrap() + 1..line.rfind("</text>").unwrap()];
            let text: String = inner
                .replace("<b>", "")
                .replace("</b>", "")
                .replace("<i>", "")
                .replace("</i>", "");
            lines.push((text, font));
        }
    }
    lines
}

fn pdffonts(pdf: &Path) -> String {
    let out = Command::new(tool("pdffonts")).arg(pdf).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn libreoffice_sets_the_gov_document_in_song_hei_and_kai_and_never_dejavu() {
    let work = tempfile::tempdir().unwrap();
    let conf = config(work.path());
    let docx = work.path().join("gov.docx");
    std::fs::write(
        &docx,
        write_docx(&fixture("annual-summary.md"), &opts(StyleId::Gov)).unwrap(),
    )
    .unwrap();
    let pdf = libreoffice_pdf(&docx, &conf, work.path());

    let fonts = pdffonts(&pdf);
    assert!(!fonts.contains("DejaVu"), "{fonts}");
    for kind in ["NotoSerifCJK", "NotoSansCJK", "WenKai"] {
        assert!(fonts.contains(kind), "no {kind} face: {fonts}");
    }
    let lines = lines_with_fonts(&pdf);
    let font_of = |start: &str| -> String {
        lines
            .iter()
            .find(|(t, _)| t.replace(' ', "").starts_with(start))
            .unwrap_or_else(|| panic!("no line starts with {start}: {lines:?}"))
            .1
            .clone()
    };
    // Title (小标宋) and body (仿宋): Song; 一、 headings (黑体): Hei; （一） headings and the
    // author line (楷体): Kai.
    for (start, face) in [
        ("2026年度个人工作总结", "NotoSerifCJK"),
        ("本年度我负责华东区", "NotoSerifCJK"),
        ("一、工作完成情况概述", "NotoSansCJK"),
        ("（一）建立客户健康度看板", "WenKai"),
        ("华东区客户成功部", "WenKai"),
    ] {
        let got = font_of(start);
        assert!(got.contains(face), "{start}: {got}, want {face}");
    }
    if let Some(dir) = std::env::var_os("RECAP_SCREENSHOT_DIR") {
        screenshot(&pdf, &Path::new(&dir).join("libreoffice-gov"));
    }
}

#[test]
fn libreoffice_sets_business_and_plain_in_their_kinds_too() {
    let work = tempfile::tempdir().unwrap();
    let conf = config(work.path());
    for (style, body, heading) in [
        (StyleId::Business, "NotoSerifCJK", "NotoSansCJK"),
        (StyleId::Plain, "NotoSansCJK", "NotoSansCJK"),
    ] {
        let docx = work.path().join(format!("{}.docx", style.id()));
        std::fs::write(
            &docx,
            write_docx(&fixture("annual-summary.md"), &opts(style)).unwrap(),
        )
        .unwrap();
        let pdf = libreoffice_pdf(&docx, &conf, work.path());
        let fonts = pdffonts(&pdf);
        assert!(!fonts.contains("DejaVu"), "{}: {fonts}", style.id());
        let lines = lines_with_fonts(&pdf);
        let font_of = |start: &str| -> String {
            lines
                .iter()
                .find(|(t, _)| t.replace(' ', "").contains(start))
                .unwrap_or_else(|| panic!("{}: no line with {start}: {lines:?}", style.id()))
                .1
                .clone()
        };
        let got = font_of("本年度我负责华东区");
        assert!(got.contains(body), "{} body: {got}", style.id());
        let got = font_of("工作完成情况概述");
        assert!(got.contains(heading), "{} heading: {got}", style.id());
        if let Some(dir) = std::env::var_os("RECAP_SCREENSHOT_DIR") {
            screenshot(
                &pdf,
                &Path::new(&dir).join(format!("libreoffice-{}", style.id())),
            );
        }
    }
}

/// Page 1 as a PNG (for the README's side-by-side pictures).
fn screenshot(pdf: &Path, stem: &Path) {
    let _ = std::fs::create_dir_all(stem.parent().unwrap());
    let ok = Command::new(tool("pdftoppm"))
        .args([
            "-r",
            "110",
            "-gray",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
        ])
        .arg(pdf)
        .arg(stem)
        .status()
        .unwrap()
        .success();
    assert!(ok, "pdftoppm failed on {}", pdf.display());
}
