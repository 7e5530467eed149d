//! The work log in the real app window (#14): type three notes with #tags and @projects on
//! days of one week, draft that week's report from them, open an item's sources, and export a
//! DOCX that LibreOffice reads with the notes' facts in it and no marker left.
//!
//! The notes are back-filled to 2 – 4 November 2026 (week 45) with the composer's date, so the
//! test does not depend on the day it runs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test: a failed step is a failed test

use std::time::Duration;

mod common;
use common::webdriver::{click, editor_text, launch, shot, start_driver, wait_css, wait_true};
use common::{display, soffice_to_text};

const NOTES: [(&str, &str); 3] = [
    ("2026-11-02", "@华东续约 拜访重点客户，续约 42 家 #客户"),
    (
        "2026-11-03",
        "@报表平台 上线新版报表，查询耗时降到 1.2 秒 #交付",
    ),
    ("2026-11-04", "@华东续约 两家客户预算推迟，续约有风险 #风险"),
];

/// Sets a form control's value the way a user's choice does: the value, then `change`.
fn choose(css: &str, value: &str) -> String {
    format!(
        "const e = document.querySelector('{css}'); if (!e) return false; \
         e.value = '{value}'; e.dispatchEvent(new Event('input', {{ bubbles: true }})); \
         e.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;"
    )
}

#[tokio::test(flavor = "current_thread")]
async fn a_week_of_notes_becomes_a_weekly_report_with_its_sources() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (disp, _xvfb) = display();
    let driver = start_driver(&disp, data.path(), out.path());
    let c = launch(&driver).await;

    // ── three notes, each on its day ─────────────────────────────────────────────────────
    click(&c, "[data-testid=\"nav-log\"]").await;
    wait_css(&c, "[data-testid=\"log-box\"]").await;
    for (date, text) in NOTES {
        let set = c
            .execute(&choose("[data-testid=\"log-date\"]", date), vec![])
            .await
            .unwrap();
        assert_eq!(set, serde_json::json!(true), "the composer's date field");
        let day = date.rsplit('-').next().unwrap().trim_start_matches('0');
        wait_true(
            &c,
            "the chosen day's heading",
            &format!(
                "return (document.querySelector('[data-testid=\"log-day-title\"]')?.textContent ?? '')\
                 .includes('11月{day}日');"
            ),
        )
        .await;
        let box_ = wait_css(&c, "[data-testid=\"log-box\"]").await;
        box_.click().await.unwrap();
        // Typed as keys into the real webview, then Ctrl+Enter (WebDriver's Control, Enter,
        // and the null key that releases Control).
        box_.send_keys(text).await.unwrap();
        box_.send_keys("\u{E009}\u{E007}\u{E000}").await.unwrap();
        wait_true(
            &c,
            "the note listed under its day",
            &format!(
                "return [...document.querySelectorAll('[data-testid=\"log-entry-text\"]')]\
                 .some(e => e.textContent === '{text}');"
            ),
        )
        .await;
        wait_true(
            &c,
            "the box cleared for the next note",
            "return document.querySelector('[data-testid=\"log-box\"]').value === '';",
        )
        .await;
    }
    // The note's own chips: the project, the tag and the figure, as the engine recognised them.
    let chips = c
        .execute(
            "return [...document.querySelectorAll('[data-testid=\"log-entries\"] [data-testid=\"chips\"] li')]\
             .map(e => e.textContent.trim()).join('|');",
            vec![],
        )
        .await
        .unwrap();
    let chips = chips.as_str().unwrap_or_default().to_string();
    assert!(
        chips.contains("华东续约") && chips.contains("风险"),
        "chips: {chips}"
    );
    shot(&c, "window-log").await;

    // ── draft week 45 from them ─────────────────────────────────────────────────────────
    click(&c, "[data-testid=\"draft-open\"]").await;
    wait_css(
        &c,
        "[data-testid=\"draft-dialog\"] [data-testid=\"draft-template\"]",
    )
    .await;
    c.execute(
        &choose("[data-testid=\"draft-template\"]", "weekly"),
        vec![],
    )
    .await
    .unwrap();
    wait_css(&c, "[data-testid=\"draft-part\"]").await;
    // The year, then the week (both selects of the picker, as a user picks them).
    c.execute(
        "const y = [...document.querySelectorAll('[data-testid=\"draft-dialog\"] select')]\
         .find(s => [...s.options].some(o => o.value === '2026')); \
         if (y) { y.value = '2026'; y.dispatchEvent(new Event('change', { bubbles: true })); } \
         return !!y;",
        vec![],
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    c.execute(&choose("[data-testid=\"draft-part\"]", "45"), vec![])
        .await
        .unwrap();
    wait_true(
        &c,
        "week 45 chosen",
        "return (document.querySelector('[data-testid=\"draft-range\"]')?.textContent ?? '')\
         .includes('2026-11-02');",
    )
    .await;
    wait_true(
        &c,
        "the draft button enabled",
        "const b = document.querySelector('[data-testid=\"draft-create\"]'); return !!b && !b.disabled;",
    )
    .await;
    // The dialog's footer may lie below a small window's edge: clicked as the page would.
    c.execute(
        "document.querySelector('[data-testid=\"draft-create\"]').click(); return true;",
        vec![],
    )
    .await
    .unwrap();
    wait_css(&c, "[data-testid=\"editor\"] .ProseMirror h2").await;
    let text = editor_text(&c).await;
    for fact in ["42 家", "1.2 秒", "预算推迟"] {
        assert!(text.contains(fact), "the draft holds {fact}:\n{text}");
    }

    // ── an item's sources ──────────────────────────────────────────────────────────────
    let marker = wait_css(&c, "[data-testid=\"editor\"] a[href^=\"recap:sources/\"]").await;
    marker.click().await.unwrap();
    wait_css(
        &c,
        "[data-testid=\"sources-popover\"] [data-testid=\"source-item\"]",
    )
    .await;
    let popover = c
        .execute(
            "return document.querySelector('[data-testid=\"sources-popover\"]').textContent;",
            vec![],
        )
        .await
        .unwrap();
    let popover = popover.as_str().unwrap_or_default().to_string();
    assert!(
        NOTES.iter().any(|(_, note)| popover.contains(note)),
        "the popover lists a note as typed: {popover}"
    );
    shot(&c, "window-draft-sources").await;
    c.execute(
        "document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); return true;",
        vec![],
    )
    .await
    .unwrap();

    // ── export DOCX; LibreOffice reads the facts, and no marker ───────────────────────────
    click(&c, "[data-testid=\"open-export\"]").await;
    click(&c, "[data-testid=\"format-docx\"]").await;
    wait_true(
        &c,
        "the page preview",
        "return document.querySelectorAll('[data-testid=\"preview-page\"]').length > 0 \
         && !document.querySelector('.preview[aria-busy=\"true\"]');",
    )
    .await;
    click(&c, "[data-testid=\"export-save\"]").await;
    wait_css(&c, "[data-testid=\"export-done\"]").await;
    let docx = std::fs::read_dir(out.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "docx"))
        .expect("a DOCX in the export folder");
    let read = soffice_to_text(&docx);
    let squashed: String = read.chars().filter(|c| !c.is_whitespace()).collect();
    for fact in ["续约42家", "1.2秒", "预算推迟"] {
        assert!(squashed.contains(fact), "LibreOffice reads {fact}:\n{read}");
    }
    assert!(
        !squashed.contains("recap:sources") && !squashed.contains("依据"),
        "no marker and no appendix unless asked for:\n{read}"
    );
    c.close().await.unwrap();
}
