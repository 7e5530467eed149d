//! The export dialog's preview, engine side: how long from the dialog opening to the first
//! page's SVG, and from an option changing to the new first page, printed next to what the
//! app calls today (`preview_svgs`: every page drawn, no font index, no warming).
//!
//!     cargo bench -p recap-tests --bench preview
//!
//! Each figure is a fresh process (this binary runs itself with `--one SCENARIO`), so "first"
//! is first: typst's caches, the font library and the page cache of a real first preview.
//! Median of `PREVIEW_RUNS` (default 9) runs; print-only, nothing is asserted. The targets
//! (#16) are for the real window — first page shown < 300 ms after the dialog opens, < 100 ms
//! after an option changes — and the UI's own marks add its drawing to these figures.

use recap_core::markdown;
use recap_core::style::StyleId;
use recap_export::ExportOptions;
use recap_export::fonts::FontLibrary;
use recap_export::pdf;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn fixture() -> recap_core::Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/annual-summary.md");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    markdown::parse(&text).unwrap_or_default()
}

/// The fixture's body ten times (the bench-export.sh "long" document).
fn long() -> recap_core::Document {
    let mut doc = fixture();
    let body: Vec<_> = doc.blocks.iter().skip(1).cloned().collect();
    for _ in 0..9 {
        doc.blocks.extend(body.iter().cloned());
    }
    doc
}

fn opts(style: StyleId) -> ExportOptions {
    ExportOptions {
        style,
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 28),
        ..ExportOptions::default()
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// One scenario in this process; prints its figure (ms).
fn one(scenario: &str, data: &Path) -> Option<f64> {
    let gov = opts(StyleId::Gov);
    let doc = fixture();
    let start = Instant::now();
    let figure = match scenario {
        // The app from this issue: one library made at start (reads nothing), warmed when the
        // dialog opens, then the first page only.
        "dialog-first-page" => {
            let fonts = FontLibrary::new(Some(data));
            let warm = fonts.warm_in_background(gov.clone()).ok()?;
            let _ = warm.join();
            pdf::preview_pages(&doc, &gov, &fonts, 0..1).ok()?;
            ms(start)
        }
        "dialog-first-page-long" => {
            let fonts = FontLibrary::new(Some(data));
            let _ = fonts.warm_in_background(gov.clone()).ok()?.join();
            pdf::preview_pages(&long(), &gov, &fonts, 0..1).ok()?;
            ms(start)
        }
        // The same on a machine whose font index is not built yet.
        "dialog-first-page-no-index" => {
            let dir = tempfile::tempdir().ok()?;
            let fonts = FontLibrary::new(Some(dir.path()));
            let _ = fonts.warm_in_background(gov.clone()).ok()?.join();
            pdf::preview_pages(&doc, &gov, &fonts, 0..1).ok()?;
            ms(start)
        }
        // Before: every page drawn, the process's fonts discovered by the first preview.
        "before-dialog-all-pages" => {
            pdf::preview_svgs(&doc, &gov).ok()?;
            ms(start)
        }
        // An option changes after the first preview: the dialog asks again.
        "option-change" | "before-option-change" => {
            let fonts = FontLibrary::new(Some(data));
            let _ = fonts.warm_in_background(gov.clone()).ok()?.join();
            let changed = ExportOptions {
                toc: true,
                header: Some("内部资料".into()),
                ..gov.clone()
            };
            if scenario == "option-change" {
                pdf::preview_pages(&doc, &gov, &fonts, 0..1).ok()?;
                let again = Instant::now();
                pdf::preview_pages(&doc, &changed, &fonts, 0..1).ok()?;
                ms(again)
            } else {
                pdf::preview_svgs(&doc, &gov).ok()?;
                let again = Instant::now();
                pdf::preview_svgs(&doc, &changed).ok()?;
                ms(again)
            }
        }
        "style-change" | "before-style-change" => {
            let fonts = FontLibrary::new(Some(data));
            let _ = fonts.warm_in_background(gov.clone()).ok()?.join();
            let business = opts(StyleId::Business);
            if scenario == "style-change" {
                pdf::preview_pages(&doc, &gov, &fonts, 0..1).ok()?;
                let again = Instant::now();
                pdf::preview_pages(&doc, &business, &fonts, 0..1).ok()?;
                ms(again)
            } else {
                pdf::preview_svgs(&doc, &gov).ok()?;
                let again = Instant::now();
                pdf::preview_svgs(&doc, &business).ok()?;
                ms(again)
            }
        }
        // What warming costs by itself (off the UI thread in the app).
        "warm" => {
            let fonts = FontLibrary::new(Some(data));
            fonts.warm(&gov);
            ms(start)
        }
        _ => return None,
    };
    Some(figure)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(k) = args.iter().position(|a| a == "--one") {
        let (Some(scenario), Some(data)) = (args.get(k + 1), args.get(k + 2)) else {
            std::process::exit(2);
        };
        match one(scenario, Path::new(data)) {
            Some(ms) => println!("{ms:.2}"),
            None => std::process::exit(1),
        }
        return;
    }
    let runs: usize = std::env::var("PREVIEW_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(9);
    let Ok(me) = std::env::current_exe() else {
        return;
    };
    let Ok(data) = tempfile::tempdir() else {
        return;
    };
    let run = |scenario: &str| -> f64 {
        let out = Command::new(&me)
            .args(["--one", scenario])
            .arg(data.path())
            .output();
        out.ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
            .unwrap_or(f64::NAN)
    };
    // The font index, as the app's first launch leaves it.
    let _ = run("warm");
    let pairs: [(&str, &str, &str, &str); 3] = [
        (
            "dialog opens -> first page (annual)",
            "dialog-first-page",
            "before-dialog-all-pages",
            "< 300 ms in the window",
        ),
        (
            "option changes -> first page again",
            "option-change",
            "before-option-change",
            "< 100 ms in the window",
        ),
        (
            "style changes -> first page again",
            "style-change",
            "before-style-change",
            "< 100 ms in the window",
        ),
    ];
    println!(
        "{:<44} {:>10} {:>14}   target",
        "preview (engine side)", "now", "all pages"
    );
    for (name, now, before, target) in pairs {
        // Interleaved, so that a slow moment of the machine hits both alike.
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            a.push(run(now));
            b.push(run(before));
        }
        println!(
            "{name:<44} {:>7.1} ms {:>11.1} ms   {target}",
            median(a),
            median(b)
        );
    }
    for (name, scenario) in [
        (
            "dialog opens -> first page (10x long)",
            "dialog-first-page-long",
        ),
        (
            "the same, font index not built yet",
            "dialog-first-page-no-index",
        ),
        ("warming the fonts alone (off the UI thread)", "warm"),
    ] {
        let v: Vec<f64> = (0..runs).map(|_| run(scenario)).collect();
        println!("{name:<44} {:>7.1} ms", median(v));
    }
    println!(
        "(each a fresh process, median of {runs}; \"all pages\": preview_svgs, what the app calls today: every page drawn, no font index, no warming)"
    );
}
