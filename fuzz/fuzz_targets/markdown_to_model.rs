//! Fuzz target `markdown_to_model`: the checks are in tests/src/fuzz_checks.rs (shared with the
//! regression tests in tests/tests/fuzz_regressions.rs).
#![no_main]

#[path = "../../tests/src/fuzz_checks.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::markdown_to_model(data));
