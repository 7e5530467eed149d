//! The export dialog's preview in the real window (#16): from the dialog opening to its first
//! page shown, and from an option changing to the new first page shown, as the page itself
//! measures them (`performance.measure` in ExportDialog.svelte: the mark is taken when the
//! dialog is created, the measure when the page's image has loaded).
//!
//!     cargo bench -p recap-desktop --bench preview_window      (make bench runs it)
//!
//! The release app under tauri-driver on a private Xvfb, a store holding the annual fixture.
//! Each run starts the app afresh (so "first" is the first preview of a session: fonts found
//! from the index on disk, nothing typeset yet), opens the document, opens the dialog, then
//! switches the table of contents on and off. Prints medians next to the targets; asserts
//! nothing about time.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench: a failed step ends it

#[path = "../tests/common/mod.rs"]
mod common;

use common::display;
use common::webdriver::{click, launch, start_driver, wait_css};
use fantoccini::Client;
use std::time::{Duration, Instant};

const FIXTURE: &str = include_str!("../../tests/fixtures/annual-summary.md");

/// The duration of the page's newest measure `name`, waiting for one newer than `seen`.
async fn measure(c: &Client, name: &str, seen: usize) -> f64 {
    let script = format!(
        "const m = performance.getEntriesByName('{name}', 'measure'); \
         return m.length > {seen} ? m[m.length - 1].duration : null;"
    );
    let start = Instant::now();
    loop {
        let v = c.execute(&script, vec![]).await.unwrap();
        if let Some(ms) = v.as_f64() {
            return ms;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no {name} measure in the page"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let runs: usize = std::env::var("PREVIEW_WINDOW_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    {
        let store = recap_core::store::Store::open(data.path()).unwrap();
        store.add(FIXTURE).unwrap();
    }
    let (disp, _xvfb) = display();
    let driver = start_driver(&disp, data.path(), out.path());

    let (mut open, mut change) = (Vec::new(), Vec::new());
    for run in 0..=runs {
        let c = launch(&driver).await;
        click(&c, "[data-testid=\"doc-row\"]").await;
        wait_css(&c, "[data-testid=\"editor\"] .ProseMirror h2").await;
        click(&c, "[data-testid=\"open-export\"]").await;
        let first = measure(&c, "recap:preview-open", 0).await;
        let mut changed = Vec::new();
        for k in 0..4 {
            // Each toggle waits for the previous one's page, so no two previews overlap.
            c.execute(
                "document.querySelector('[data-testid=\"opt-toc\"]').click()",
                vec![],
            )
            .await
            .unwrap();
            changed.push(measure(&c, "recap:preview-change", k).await);
        }
        c.close().await.unwrap();
        // The first run builds the font index in the fresh data folder: not a user's day.
        if run == 0 {
            continue;
        }
        open.push(first);
        change.extend(changed);
    }
    let (o, ch) = (median(&mut open), median(&mut change));
    println!(
        "Export dialog preview in the real window (release app, annual fixture, 公文), {runs} runs:"
    );
    println!(
        "  first page shown after the dialog opens   median {o:6.0} ms (min {:.0}, max {:.0})   target < 300 ms: {}",
        open[0],
        open[open.len() - 1],
        if o < 300.0 { "met" } else { "NOT met" }
    );
    println!(
        "  first page shown after an option changes  median {ch:6.0} ms (min {:.0}, max {:.0})   target < 100 ms: {}",
        change[0],
        change[change.len() - 1],
        if ch < 100.0 { "met" } else { "NOT met" }
    );
}
