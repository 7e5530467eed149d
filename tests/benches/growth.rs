//! Growth bench: doubles the input of each parser and writer and prints how much longer each
//! doubling takes. Linear work shows a ratio near 2; a ratio near 4 is quadratic behaviour
//! (a rescan per line, a string rebuilt per character) that a summary of normal size hides.
//!
//!     cargo bench -p recap-tests --bench growth
//!
//! The source doubles: Markdown for the parser and the writers, hand-numbered plain text for
//! the text import, and our own DOCX of the Markdown for the DOCX import.
//!
//! Besides the parsers and writers: the 体检 check, the counts, the preview of one page, and
//! search as the store doubles to 10,000 documents. (The draft of a period is not here: the
//! work log it drafts from does not exist yet.)
//!
//! Print-only: timings are not asserted (a loaded machine would make that flaky); a ratio
//! above 2.2 (the target of #16) is marked `OVER`. `GROWTH_STRICT=1` makes an OVER ratio exit
//! with status 1, for a quiet machine. `GROWTH_STEPS` sets the number of doublings (default
//! 5). Each figure is the median of at least `runs` timings and of at least 0.3 s of them,
//! after a warm-up of at least 0.1 s, so that the fast rows are as steady as the slow ones.

use recap_core::check::{CheckOptions, check};
use recap_core::count::count_with_template;
use recap_core::store::Store;
use recap_core::style::StyleId;
use recap_core::{Lang, import, markdown};
use recap_export::{ExportOptions, Format, export};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The ratio per doubling above which a row is marked (and fails under GROWTH_STRICT).
const LIMIT: f64 = 2.2;

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

/// The median of at least `runs` timings of `f`, and of as many as fill 0.3 s (up to 200),
/// after a warm-up of at least three runs and 0.1 s (caches, allocator, CPU clock).
fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    let warm = Instant::now();
    let mut k = 0;
    while k < 3 || warm.elapsed() < Duration::from_millis(100) {
        f();
        k += 1;
    }
    let mut t: Vec<Duration> = Vec::new();
    let started = Instant::now();
    while t.len() < runs || (started.elapsed() < Duration::from_millis(300) && t.len() < 200) {
        let start = Instant::now();
        f();
        t.push(start.elapsed());
    }
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
            name: "preview page 1",
            start_bytes: 8 << 10,
            runs: 3,
            input: markdown_input,
            f: |md| {
                if let Ok(doc) = markdown::parse(as_text(md)) {
                    let fonts = recap_export::fonts::FontLibrary::shared();
                    black_box(recap_export::pdf::preview_pages(&doc, &gov(), fonts, 0..1).ok());
                }
            },
        },
        Row {
            name: "check (体检)",
            start_bytes: 32 << 10,
            runs: 5,
            input: markdown_input,
            f: |md| {
                let opts = CheckOptions {
                    style: Some(StyleId::Gov),
                    ..CheckOptions::default()
                };
                black_box(check(as_text(md), &opts).ok());
            },
        },
        Row {
            name: "counts",
            start_bytes: 64 << 10,
            runs: 7,
            input: markdown_input,
            f: |md| {
                if let Ok(doc) = markdown::parse(as_text(md)) {
                    black_box(count_with_template(&doc, &[]));
                }
            },
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

    let mut over = false;
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
                Some(r) if r > LIMIT => {
                    over = true;
                    "  OVER"
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
    over |= search_rows(steps);
    if strict && over {
        eprintln!("growth: a doubling took more than {LIMIT} times as long (see OVER above)");
        std::process::exit(1);
    }
}

fn gov() -> ExportOptions {
    ExportOptions {
        style: StyleId::Gov,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2),
        ..ExportOptions::default()
    }
}

/// A document of the store: about 600 characters; one in five mentions 续约, one in ten
/// 客户健康度 (what the queries look for).
fn store_doc(i: usize) -> String {
    let mut s = format!("# 第{i}号季度总结\n\n## 工作成果\n\n");
    for p in 0..6 {
        s.push_str(
            "推进新版本上线并完成灰度发布，团队协作流程进一步规范，组织了两次跨部门技术分享，",
        );
        if p == 1 && i % 5 == 0 {
            s.push_str("完成了三家重点客户的续约，");
        }
        if p == 2 && i % 10 == 3 {
            s.push_str("客户健康度整体提升到百分之九十二，");
        }
        s.push_str("取得了阶段性进展。\n\n");
    }
    s
}

/// Search as the store doubles, up to 10,000 documents: a long term (the trigram index) and
/// a two-character one (a scan). Returns whether a doubling was OVER.
fn search_rows(steps: u32) -> bool {
    let Ok(dir) = tempfile::tempdir() else {
        return false;
    };
    let Ok(store) = Store::open(dir.path()) else {
        eprintln!("growth: could not open a store in {}", dir.path().display());
        return false;
    };
    let sizes: Vec<usize> = (0..steps).rev().map(|k| 10_000usize >> k).collect();
    let mut over = false;
    let mut rows: Vec<(&str, &str, Vec<Duration>)> = vec![
        ("search 3+ chars", "客户健康度", Vec::new()),
        ("search 2 chars", "续约", Vec::new()),
    ];
    let mut have = 0;
    for &n in &sizes {
        let docs: Vec<String> = (have..n).map(store_doc).collect();
        for chunk in docs.chunks(500) {
            if store.add_many(chunk).is_err() {
                eprintln!("growth: could not fill the store");
                return false;
            }
        }
        have = n;
        for (_, query, times) in &mut rows {
            times.push(time(7, || {
                black_box(store.search(query, 50).ok());
            }));
        }
    }
    for (name, _, times) in rows {
        let mut prev: Option<Duration> = None;
        for (t, n) in times.iter().zip(&sizes) {
            let ratio = prev.map(|p| t.as_secs_f64() / p.as_secs_f64().max(1e-9));
            let mark = if ratio.is_some_and(|r| r > LIMIT) {
                over = true;
                "  OVER"
            } else {
                ""
            };
            println!(
                "{:<16} {:>6} docs {:>8.2}ms {:>8}{mark}",
                name,
                n,
                t.as_secs_f64() * 1e3,
                ratio.map_or_else(|| "-".to_string(), |r| format!("{r:.2}"))
            );
            prev = Some(*t);
        }
    }
    over
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
