//! Growth bench: doubles the input of each parser and writer and prints how much longer each
//! doubling takes. Linear work shows a ratio near 2; a ratio near 4 is quadratic behaviour
//! (a rescan per line, a string rebuilt per character) that a summary of normal size hides.
//!
//!     cargo bench -p recap-tests --bench growth
//!
//! The source doubles: Markdown for the parser and the writers, hand-numbered plain text for
//! the text import, and our own DOCX of the Markdown for the DOCX import.
//!
//! Print-only: timings are not asserted (a loaded machine would make that flaky); a ratio
//! above 3 is marked `SUSPECT`. `GROWTH_STRICT=1` makes a SUSPECT ratio exit with status 1,
//! for a quiet machine. `GROWTH_STEPS` sets the number of doublings (default 5).

use recap_core::{Lang, import, markdown};
use recap_export::{ExportOptions, Format, export};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// One section of a realistic summary: headings, paragraphs of mixed text, a list, a table.
fn section(i: usize) -> String {
    format!(
        "## 第{i}部分 重点工作\n\n\
         今年完成续约 39 家，续约率 92.9%，客户健康度看板覆盖全部重点客户（Q{q} revenue +{i}%）。\
         **重点**：*稳定交付*，~~延期~~，`code-{i}`，[链接](https://example.com/{i})。\n\n\
         ### （一）具体做法\n\n\
         - 建立周会机制，每周复盘一次\n  - 子项：问题清单 {i}\n- 推行标准化交付流程\n\n\
         > 引用：客户反馈第{i}条，满意度提升。\n\n\
         | 指标 | 目标 | 实际 |\n| --- | --- | --- |\n| 续约率 | 90% | 92.{i}% |\n| 新签 | {i} | {j} |\n\n",
        q = i % 4 + 1,
        j = i + 3
    )
}

/// A document of about `bytes` bytes.
fn document(bytes: usize) -> String {
    let mut s = String::from("---\ntitle: 增长测试\nauthor: 林晓舟\n---\n\n# 年度工作总结\n\n");
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&section(i));
        i += 1;
    }
    s
}

/// Plain text of about `bytes` bytes, numbered by hand as people paste it: 一、（一）1.
fn plain_text(bytes: usize) -> String {
    let mut s = String::from("2026年度工作总结\n\n");
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&format!(
            "{}、第{i}项重点工作\n（一）具体做法\n今年完成续约 39 家，续约率 92.9%，客户健康度看板覆盖全部重点客户。\n\
             1. 建立周会机制，每周复盘一次。\n2. 推行标准化交付流程，问题清单 {i} 条。\n（二）存在不足\n交付周期偏长，需要继续压缩。\n\n",
            recap_core::numbering::heading_number(0, (i % 9 + 1) as u32)
                .unwrap_or_default()
                .trim_end_matches('、')
        ));
        i += 1;
    }
    s
}

/// Our own DOCX of a document of about `bytes` bytes of Markdown (what import reads back).
fn docx_of(bytes: usize) -> Vec<u8> {
    markdown::parse(&document(bytes))
        .ok()
        .and_then(|doc| export(&doc, Format::Docx, &ExportOptions::default()).ok())
        .unwrap_or_default()
}

/// The median of `runs` timings of `f` (after one warm-up run).
fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    t.sort();
    t[t.len() / 2]
}

struct Row {
    name: &'static str,
    start_bytes: usize,
    runs: usize,
    /// The input of `bytes` bytes of source (made outside the timing).
    input: fn(usize) -> Vec<u8>,
    f: fn(&[u8]),
}

fn markdown_input(bytes: usize) -> Vec<u8> {
    document(bytes).into_bytes()
}

fn as_text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

fn main() {
    let steps: u32 = std::env::var("GROWTH_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let strict = std::env::var_os("GROWTH_STRICT").is_some();
    let opts = ExportOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2),
        ..ExportOptions::default()
    };
    // Warm typst's font discovery once, so the first PDF row measures typesetting.
    let _ = export(
        &markdown::parse("# 预热").unwrap_or_default(),
        Format::Pdf,
        &opts,
    );

    let rows = [
        Row {
            name: "markdown parse",
            start_bytes: 64 << 10,
            runs: 7,
            input: markdown_input,
            f: |md| {
                black_box(markdown::parse(as_text(md)).ok());
            },
        },
        Row {
            name: "markdown write",
            start_bytes: 64 << 10,
            runs: 7,
            input: markdown_input,
            f: |md| {
                if let Ok(doc) = markdown::parse(as_text(md)) {
                    black_box(markdown::write(&doc));
                }
            },
        },
        Row {
            name: "docx write",
            start_bytes: 32 << 10,
            runs: 5,
            input: markdown_input,
            f: |md| write(as_text(md), Format::Docx),
        },
        Row {
            name: "html write",
            start_bytes: 64 << 10,
            runs: 5,
            input: markdown_input,
            f: |md| write(as_text(md), Format::Html),
        },
        Row {
            name: "pdf write",
            start_bytes: 8 << 10,
            runs: 3,
            input: markdown_input,
            f: |md| write(as_text(md), Format::Pdf),
        },
        Row {
            name: "import text",
            start_bytes: 32 << 10,
            runs: 5,
            input: |bytes| plain_text(bytes).into_bytes(),
            f: |text| {
                black_box(import::import_text(as_text(text), Lang::ZhHans).ok());
            },
        },
        Row {
            name: "import docx",
            start_bytes: 32 << 10,
            runs: 5,
            input: docx_of,
            f: |docx| {
                black_box(import::import_bytes("总结.docx", docx, Lang::ZhHans).ok());
            },
        },
    ];

    let mut suspect = false;
    println!(
        "{:<16} {:>10} {:>12} {:>8}",
        "what", "source", "median", "ratio"
    );
    for row in &rows {
        let mut prev: Option<Duration> = None;
        for step in 0..steps {
            let source_bytes = row.start_bytes << step;
            let input = (row.input)(source_bytes);
            // The document is parsed inside `f` for the writers too: parse is linear (its
            // own row shows it), and keeping it in makes every row one call from text.
            let t = time(row.runs, || (row.f)(&input));
            let ratio = prev.map(|p| t.as_secs_f64() / p.as_secs_f64().max(1e-9));
            let mark = match ratio {
                Some(r) if r > 3.0 => {
                    suspect = true;
                    "  SUSPECT"
                }
                _ => "",
            };
            println!(
                "{:<16} {:>10} {:>10.2}ms {:>8}{mark}",
                row.name,
                source_bytes,
                t.as_secs_f64() * 1e3,
                ratio.map_or_else(|| "-".to_string(), |r| format!("{r:.2}"))
            );
            prev = Some(t);
        }
    }
    if strict && suspect {
        eprintln!("growth: a doubling took more than 3 times as long (see SUSPECT above)");
        std::process::exit(1);
    }
}

fn write(md: &str, format: Format) {
    let opts = ExportOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2),
        ..ExportOptions::default()
    };
    if let Ok(doc) = markdown::parse(md) {
        match export(&doc, format, &opts) {
            Ok(bytes) => {
                black_box(bytes);
            }
            Err(e) => eprintln!("{format:?}: {e}"),
        }
    }
}
