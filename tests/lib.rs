//! Shared helpers for the acceptance tests (see the files under `tests/tests/`).

use std::path::PathBuf;

/// A fixture from `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}
