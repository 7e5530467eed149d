//! Inputs the fuzzers found (and the seed fixtures), replayed with the fuzz targets' own
//! checks on every `cargo test`. A crash found by `make fuzz` is copied into
//! `tests/fixtures/fuzz/<target>/` (see the README's "Reliability and security") and stays
//! here as a regression test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../src/fuzz_checks.rs"]
mod fuzz_checks;

use std::path::PathBuf;

/// The files of `tests/fixtures/fuzz/<target>/` and every top-level fixture.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut dirs = vec![
        recap_tests::fixture("fuzz").join(target),
        recap_tests::fixture(""),
    ];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let path = e.unwrap().path();
            if path.is_file() {
                let bytes = std::fs::read(&path).unwrap();
                out.push((path, bytes));
            }
        }
    }
    assert!(!out.is_empty());
    out
}

fn replay(target: &str, check: fn(&[u8])) {
    for (path, bytes) in inputs(target) {
        // Each input alone, so a failure names its file.
        let r = std::panic::catch_unwind(|| check(&bytes));
        assert!(r.is_ok(), "{target} fails on {}", path.display());
    }
}

#[test]
fn fuzz_regressions_markdown_to_model() {
    replay("markdown_to_model", fuzz_checks::markdown_to_model);
}

#[test]
fn fuzz_regressions_model_to_docx() {
    replay("model_to_docx", fuzz_checks::model_to_docx);
}

#[test]
fn fuzz_regressions_model_to_typst() {
    replay("model_to_typst", fuzz_checks::model_to_typst);
}

/// The depth bound holds for absurd nesting too (what the fuzzer reaches only slowly).
#[test]
fn fuzz_regressions_import_text() {
    replay("import_text", fuzz_checks::import_text);
}

#[test]
fn fuzz_regressions_import_docx() {
    replay("import_docx", fuzz_checks::import_docx);
}

#[test]
fn typst_input_depth_is_bounded_for_1000_levels() {
    let mut lists = String::new();
    for i in 0..1000 {
        lists.push_str(&"  ".repeat(i));
        lists.push_str("- 层\n");
    }
    let quotes = format!("{}引文\n", "> ".repeat(1000));
    let mixed: String = (0..1000)
        .map(|i| if i % 2 == 0 { "> " } else { "- " })
        .collect();
    // Parsing 1,000 levels recurses deeply in an unoptimised build; the app parses on its
    // main thread (8 MiB), a test thread has 2 MiB.
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            for text in [lists, quotes, format!("{mixed}混合\n")] {
                fuzz_checks::model_to_typst(text.as_bytes());
                fuzz_checks::model_to_docx(text.as_bytes());
            }
        })
        .unwrap()
        .join()
        .unwrap();
}
