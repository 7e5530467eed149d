//! Bad input at the command line's door: ids, files that are missing, directories, or over the
//! 20 MiB limit, and exports to places that cannot take them. Each is one clear line in the
//! user's language and a failing exit status — never a panic, never a half-written file,
//! never a temporary file left behind, and nothing in the store changed.
//!
//! (The CLI's own contract tests, crates/cli/tests/cli.rs, cover unknown ids, missing
//! files, bad UTF-8 and bad front matter; these are the rest.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
    bin: PathBuf,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
            bin: recap_tests::recap_bin().unwrap(),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(&self.bin)
            .arg("--data-dir")
            .arg(self.dir.path().join("data"))
            .args(["--lang", "zh-Hans"])
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail; returns its message.
    fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
        err
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn add(&self, text: &str) -> String {
        let f = self.path("add.md");
        std::fs::write(&f, text).unwrap();
        self.ok(&["docs", "add", f.to_str().unwrap()])
            .trim()
            .to_string()
    }
}

/// The files in `dir` whose names look like the temporary files of an atomic write.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".recap-") || n.ends_with(".part") || n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn bad_ids_are_refused_clearly() {
    let env = Env::new();
    let id = env.add("# 原文\n\n不变的内容");
    let src = env.path("new.md");
    std::fs::write(&src, "# 新").unwrap();
    let src = src.to_str().unwrap();
    for bad in ["999", "0", "-5"] {
        let msg = env.fails(&["docs", "save", "--", bad, src], 1);
        assert!(msg.contains("找不到文档"), "{bad}: {msg}");
        let msg = env.fails(&["docs", "show", "--", bad], 1);
        assert!(msg.contains("找不到文档"), "{bad}: {msg}");
    }
    // Not numbers at all: the argument parser's usage error (exit status 2).
    for bad in ["abc", "1.5", "99999999999999999999", "", "１"] {
        let msg = env.fails(&["docs", "save", bad, src], 2);
        assert!(msg.contains("invalid value"), "{bad}: {msg}");
    }
    let msg = env.fails(&["docs", "revert", &id, "99"], 1);
    assert!(msg.contains("找不到历史版本"), "{msg}");
    assert_eq!(env.ok(&["docs", "show", &id]), "# 原文\n\n不变的内容");
}

#[test]
fn missing_files_directories_and_oversized_files_are_refused_and_change_nothing() {
    let env = Env::new();
    let id = env.add("# 原文\n\n不变的内容");
    let missing = env.path("no-such.md");
    let msg = env.fails(&["docs", "save", &id, missing.to_str().unwrap()], 1);
    assert!(
        msg.contains("不存在") && msg.contains("no-such.md"),
        "{msg}"
    );

    let folder = env.path("a-folder.md");
    std::fs::create_dir(&folder).unwrap();
    for args in [
        vec!["docs", "save", id.as_str(), folder.to_str().unwrap()],
        vec!["docs", "add", folder.to_str().unwrap()],
        vec!["count", folder.to_str().unwrap()],
    ] {
        let msg = env.fails(&args, 1);
        assert!(msg.contains("a-folder.md"), "{args:?}: {msg}");
    }

    // 30 MB: over the 20 MiB limit (fsio::MAX_TEXT_BYTES), refused before it is read whole.
    let big = env.path("big.md");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(30 * 1024 * 1024).unwrap();
    drop(f);
    for args in [
        vec!["docs", "save", id.as_str(), big.to_str().unwrap()],
        vec!["docs", "add", big.to_str().unwrap()],
        vec![
            "export",
            big.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            "/dev/null",
        ],
    ] {
        let msg = env.fails(&args, 1);
        assert!(msg.contains("超出大小上限"), "{args:?}: {msg}");
        assert!(msg.contains("31457280 / 20971520"), "{args:?}: {msg}");
    }
    // Not UTF-8 text at all (a binary file given by mistake).
    let binary = env.path("picture.md");
    std::fs::write(
        &binary,
        [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00],
    )
    .unwrap();
    let msg = env.fails(&["docs", "save", &id, binary.to_str().unwrap()], 1);
    assert!(msg.contains("UTF-8"), "{msg}");

    // After all that, the document is exactly as it was, with its one revision.
    assert_eq!(env.ok(&["docs", "show", &id]), "# 原文\n\n不变的内容");
    let history: serde_json::Value =
        serde_json::from_str(&env.ok(&["docs", "history", &id, "--json"])).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 1);
}

#[test]
fn export_to_a_vanished_or_impossible_path_fails_and_leaves_nothing_behind() {
    let env = Env::new();
    let src = recap_tests::fixture("annual-summary.md");
    let src = src.to_str().unwrap();
    for format in ["docx", "pdf", "html"] {
        // A folder that does not exist (or vanished since the dialog chose it).
        let gone = env.path("gone");
        let out = gone.join(format!("总结.{format}"));
        let msg = env.fails(
            &[
                "export",
                src,
                "--format",
                format,
                "-o",
                out.to_str().unwrap(),
            ],
            1,
        );
        assert!(
            msg.contains("不存在") && msg.contains("gone"),
            "{format}: {msg}"
        );
        assert!(!gone.exists());

        // The output is a folder: the folder is kept, no temporary file left in its parent.
        let folder = env.path(&format!("out-{format}"));
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("keep.txt"), "保留").unwrap();
        let msg = env.fails(
            &[
                "export",
                src,
                "--format",
                format,
                "-o",
                folder.to_str().unwrap(),
            ],
            1,
        );
        assert!(msg.contains(&format!("out-{format}")), "{format}: {msg}");
        assert_eq!(
            std::fs::read_to_string(folder.join("keep.txt")).unwrap(),
            "保留"
        );
        assert_eq!(
            temporaries(env.dir.path()),
            Vec::<String>::new(),
            "{format}"
        );

        // A file in the way of the folder ("folder" is a file): nothing is created.
        let file = env.path(&format!("file-{format}"));
        std::fs::write(&file, "x").unwrap();
        env.fails(
            &[
                "export",
                src,
                "--format",
                format,
                "-o",
                file.join("x").to_str().unwrap(),
            ],
            1,
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    }
}

#[test]
fn export_over_an_existing_file_that_fails_keeps_the_old_file() {
    let env = Env::new();
    let out = env.path("总结.html");
    std::fs::write(&out, "旧的导出").unwrap();
    // An input that cannot be exported (not UTF-8): the old output is untouched.
    let bad = env.path("bad.md");
    std::fs::write(&bad, [0xff, 0xfe, 0x41]).unwrap();
    env.fails(
        &[
            "export",
            bad.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ],
        1,
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "旧的导出");
    // An unknown style is refused before anything is written, too.
    let src = recap_tests::fixture("annual-summary.md");
    let msg = env.fails(
        &[
            "export",
            src.to_str().unwrap(),
            "--format",
            "html",
            "--style",
            "<script>",
            "-o",
            out.to_str().unwrap(),
        ],
        1,
    );
    assert!(msg.contains("<script>"), "{msg}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "旧的导出");
    assert_eq!(temporaries(env.dir.path()), Vec::<String>::new());
}

#[test]
fn export_to_a_read_only_folder_fails_clearly_when_root_can_mount_one() {
    let env = Env::new();
    let Some(fs) = recap_tests::disk::Tmpfs::mount("1m") else {
        return;
    };
    fs.remount("ro").unwrap();
    let src = recap_tests::fixture("annual-summary.md");
    let out = fs.path().join("总结.docx");
    let msg = env.fails(
        &[
            "export",
            src.to_str().unwrap(),
            "--format",
            "docx",
            "-o",
            out.to_str().unwrap(),
        ],
        1,
    );
    assert!(msg.contains("没有权限"), "{msg}");
}
