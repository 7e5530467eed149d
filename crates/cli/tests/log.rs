//! `recap log …` and `recap draft …` run as processes against temporary stores.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/worklog")
        .join(name)
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("recap").unwrap();
        c.env_remove("RECAP_DATA_DIR")
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .arg("--data-dir")
            .arg(self.dir.path().join("data"));
        c
    }

    fn run(&self, args: &[&str]) -> (String, String) {
        let out = self.cmd().args(args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "recap {args:?} failed: {stderr}");
        (String::from_utf8(out.stdout).unwrap(), stderr)
    }

    fn ok(&self, args: &[&str]) -> String {
        self.run(args).0
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn fails(&self, args: &[&str], lang: &str) -> String {
        let out = self.cmd().env("LANG", lang).args(args).output().unwrap();
        assert!(!out.status.success(), "recap {args:?} should fail");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "one line of error: {err}"
        );
        err
    }
}

#[test]
fn notes_are_added_listed_filtered_and_edited() {
    let env = Env::new();
    let e = env.json(&[
        "log",
        "add",
        "@AI：编写需求，覆盖 12 个场景 #需求",
        "--date",
        "2026-11-02",
        "--json",
    ]);
    assert_eq!(e["date"], "2026-11-02");
    assert_eq!(e["projects"][0], "AI");
    assert_eq!(e["tags"][0], "需求");
    assert_eq!(e["figures"][0]["text"], "12 个");
    env.ok(&["log", "add", "整理客户纪要 #客户", "--date", "2026-11-03"]);
    env.ok(&["log", "add", "下个月的", "--date", "2026-12-01"]);
    let all = env.json(&[
        "log",
        "list",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--json",
    ]);
    assert_eq!(all.as_array().unwrap().len(), 2);
    let tagged = env.json(&["log", "list", "--tag", "客户", "--json"]);
    assert_eq!(tagged.as_array().unwrap().len(), 1);
    assert_eq!(tagged[0]["text"], "整理客户纪要 #客户");
    let found = env.json(&["log", "list", "--search", "需求 @ai", "--json"]);
    assert_eq!(found[0]["id"], e["id"]);
    let id = e["id"].as_i64().unwrap().to_string();
    env.ok(&[
        "log",
        "edit",
        &id,
        "@AI：需求评审通过",
        "--date",
        "2026-11-04",
    ]);
    let h = env.json(&["log", "history", &id, "--json"]);
    assert_eq!(h[0]["text"], "@AI：需求评审通过");
    assert_eq!(h[1]["text"], "@AI：编写需求，覆盖 12 个场景 #需求");
    let text = env.ok(&[
        "log",
        "list",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--lang",
        "zh-Hans",
    ]);
    assert!(text.contains("2026-11-04 周三"), "{text}");
    env.ok(&["log", "delete", &id]);
    let after = env.json(&[
        "log",
        "list",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--json",
    ]);
    assert_eq!(after.as_array().unwrap().len(), 1);
    env.ok(&["log", "restore", &id]);
    let tags = env.json(&["log", "tags", "--json"]);
    assert_eq!(tags[0]["name"], "客户");
    let month = env.json(&["log", "month", "2026-11", "--json"]);
    assert_eq!(month["total"], 2);
}

#[test]
fn bad_dates_are_one_line_in_the_users_language() {
    let env = Env::new();
    let err = env.fails(&["log", "add", "x", "--date", "2026-02-30"], "zh_CN.UTF-8");
    assert!(err.contains("输入无效"), "{err}");
    let err = env.fails(&["log", "add", "x", "--date", "2026-02-30"], "en_US.UTF-8");
    assert!(err.contains("Invalid date"), "{err}");
}

#[test]
fn the_fixture_imports_once_and_prints_what_it_stores() {
    let env = Env::new();
    let path = fixture("cs-manager-2026.md");
    let notes = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("- "))
        .count();
    let p = path.to_str().unwrap();
    let (dry, _) = env.run(&["log", "import", p, "--dry-run", "--today", "2026-12-03"]);
    assert!(dry.trim_end().ends_with("nothing was stored."), "{dry}");
    assert!(
        env.json(&[
            "log",
            "list",
            "--from",
            "2026-09-01",
            "--to",
            "2026-11-30",
            "--json"
        ])
        .as_array()
        .unwrap()
        .is_empty()
    );

    let (out, err) = env.run(&["log", "import", p, "--today", "2026-12-03"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), notes + 1);
    assert_eq!(
        lines[0],
        "+ 2026-09-01  梳理 @健康度看板 新指标的计算口径 #数据"
    );
    assert!(
        lines[notes].starts_with(&format!("Added {notes}, skipped 0 already in the log")),
        "{}",
        lines[notes]
    );
    assert!(err.contains("a heading; not imported"), "{err}");
    let (again, _) = env.run(&["log", "import", p, "--today", "2026-12-03"]);
    assert!(
        again
            .lines()
            .last()
            .unwrap()
            .starts_with(&format!("Added 0, skipped {notes} already")),
        "{again}"
    );
    assert!(again.lines().take(notes).all(|l| l.starts_with("= ")));
    let listed = env.json(&[
        "log",
        "list",
        "--from",
        "2026-09-01",
        "--to",
        "2026-11-30",
        "--limit",
        "1000",
        "--json",
    ]);
    assert_eq!(listed.as_array().unwrap().len(), notes);
    let batches = env.json(&["log", "imports", "--json"]);
    assert_eq!(batches.as_array().unwrap().len(), 1);
    let undo = env.ok(&["log", "undo", &batches[0]["id"].to_string()]);
    assert!(
        undo.contains(&format!("{notes} entries moved to the trash")),
        "{undo}"
    );
}

#[test]
fn an_undated_paste_file_is_refused_whole_unless_given_a_date() {
    let env = Env::new();
    let file = env.dir.path().join("paste.txt");
    std::fs::write(&file, "没写日期的一条\n11月2日 拜访客户\n").unwrap();
    let f = file.to_str().unwrap();
    let err = env.fails(
        &["log", "import", f, "--today", "2026-12-03"],
        "zh_CN.UTF-8",
    );
    assert!(err.contains("1 条记录没有日期（第 1 行）"), "{err}");
    assert!(
        env.json(&["log", "list", "--search", "客户", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    let out = env.ok(&[
        "log",
        "import",
        f,
        "--today",
        "2026-12-03",
        "--date",
        "2026-11-01",
    ]);
    assert!(out.contains("+ 2026-11-01  没写日期的一条"), "{out}");
    assert!(out.contains("+ 2026-11-02  拜访客户"), "{out}");
}

#[test]
fn a_quarter_is_drafted_into_the_store_and_a_file() {
    let env = Env::new();
    env.ok(&[
        "log",
        "import",
        fixture("cs-manager-2026.md").to_str().unwrap(),
        "--today",
        "2026-12-03",
    ]);
    for f in ["weekly-2026-W45.md", "weekly-2026-W46.md", "q3-summary.md"] {
        env.ok(&["docs", "add", fixture(f).to_str().unwrap()]);
    }
    let out = env.dir.path().join("q4.md");
    let (stdout, stderr) = env.run(&[
        "draft",
        "--template",
        "quarterly",
        "--period",
        "2026-Q4",
        "--lang",
        "zh-Hans",
        "--author",
        "林晓舟",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(stdout.is_empty());
    let id: i64 = stderr.trim().parse().unwrap();
    let md = std::fs::read_to_string(&out).unwrap();
    for want in [
        "# 2026年第四季度工作总结",
        "## 季度目标完成情况",
        "| 事项 | 目标 | 状态 | 说明 |",
        "[依据：",
        "recap:sources/",
    ] {
        assert!(md.contains(want), "{want} in\n{md}");
    }
    assert_eq!(
        env.ok(&["docs", "show", &id.to_string()]),
        md,
        "the stored draft is the file"
    );
    // It is an ordinary document: the check finds the statuses to confirm.
    let check = env.json(&["check", "--doc", &id.to_string(), "--json"]);
    assert!(
        check["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "placeholder")
    );
    // The structured draft, for scripts and the app.
    let j = env.json(&[
        "draft",
        "--template",
        "quarterly",
        "--period",
        "2026-Q4",
        "--dry-run",
        "--json",
    ]);
    let items = j["sections"][1]["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|i| !i["sources"].as_array().unwrap().is_empty())
    );
    assert_eq!(j["review"].as_array().unwrap().len(), 4);
    assert_eq!(
        env.json(&["docs", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        4,
        "--dry-run stored nothing"
    );
}
