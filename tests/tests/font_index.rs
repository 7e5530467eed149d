//! The font index as `recap export` processes meet it: several processes exporting a PDF at
//! once on a data folder without an index, an index damaged or cut short on disk, and an
//! index left by a run whose fonts are the same. Every export succeeds, the index they leave
//! is sound (the next process reads it and rewrites nothing), and a damaged one is replaced.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::SystemTime;

const INDEX: &str = "cache/font-index.json";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/annual-summary.md")
}

fn export(bin: &Path, data: &Path, out: &Path) -> Child {
    Command::new(bin)
        .arg("--data-dir")
        .arg(data)
        .arg("export")
        .arg(fixture())
        .args(["--format", "pdf", "-o"])
        .arg(out)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn wait_ok(child: Child, what: &str) {
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn modified(p: &Path) -> SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

/// A PDF with the fixture's title, as poppler reads it.
fn assert_pdf(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "{}", path.display());
}

#[test]
fn processes_racing_on_a_missing_index_all_export_and_leave_a_sound_one() {
    let bin = recap_tests::recap_bin().unwrap();
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let children: Vec<Child> = (0..4)
            .map(|k| export(&bin, &data, &dir.path().join(format!("{k}.pdf"))))
            .collect();
        for (k, c) in children.into_iter().enumerate() {
            wait_ok(c, &format!("round {round}, process {k}"));
            assert_pdf(&dir.path().join(format!("{k}.pdf")));
        }
        let index = data.join(INDEX);
        let sound = std::fs::read(&index).unwrap();
        assert!(sound.starts_with(b"recap-font-index "), "round {round}");
        // Sound and current: the next process takes it as it is.
        let before = modified(&index);
        std::thread::sleep(std::time::Duration::from_millis(20));
        wait_ok(export(&bin, &data, &dir.path().join("next.pdf")), "next");
        assert_eq!(
            modified(&index),
            before,
            "round {round}: the index was rebuilt"
        );
        assert_eq!(std::fs::read(&index).unwrap(), sound);
        let leftovers: Vec<_> = std::fs::read_dir(data.join("cache"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "temporary files left: {leftovers:?}");
    }
}

#[test]
fn a_damaged_index_on_disk_is_replaced_and_the_export_succeeds() {
    let bin = recap_tests::recap_bin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = dir.path().join("out.pdf");
    wait_ok(export(&bin, &data, &out), "first");
    let index = data.join(INDEX);
    let sound = std::fs::read(&index).unwrap();
    let mut flipped = sound.clone();
    let mid = flipped.len() / 2;
    flipped[mid] = flipped[mid].wrapping_add(1);
    for (what, bytes) in [
        ("cut short", sound[..sound.len() / 2].to_vec()),
        ("one byte changed", flipped),
        ("empty", Vec::new()),
        ("not an index", b"\x00\x01garbage".to_vec()),
    ] {
        std::fs::write(&index, &bytes).unwrap();
        let _ = std::fs::remove_file(&out);
        wait_ok(export(&bin, &data, &out), what);
        assert_pdf(&out);
        assert_eq!(std::fs::read(&index).unwrap(), sound, "{what}: not rebuilt");
    }
}
