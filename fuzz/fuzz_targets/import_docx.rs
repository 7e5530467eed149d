//! Fuzz target `import_docx`: the checks are in tests/src/fuzz_checks.rs (shared with the
//! regression tests in tests/tests/fuzz_regressions.rs).
#![no_main]

#[path = "../../tests/src/fuzz_checks.rs"]
mod fuzz_checks;

// The importer catches a panic of the third-party DOCX reader and reports it as an error;
// the default libFuzzer hook would abort at the panic before that guard is reached. A panic
// that escapes the guard still fails the run (libfuzzer-sys aborts on it).
libfuzzer_sys::fuzz_target!(
    init: { std::panic::set_hook(Box::new(|_| {})); },
    |data: &[u8]| fuzz_checks::import_docx(data)
);
