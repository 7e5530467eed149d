//! The `recap` command line, run as a process against temporary stores: the contract of the
//! engine issue (field names, exit codes, messages in the user's language).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
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

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("recap").unwrap();
        c.env_remove("RECAP_DATA_DIR")
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .arg("--data-dir")
            .arg(self.data());
        c
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "recap {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn fails(&self, args: &[&str], lang: &str) -> String {
        let out = self.cmd().env("LANG", lang).args(args).output().unwrap();
        assert!(!out.status.success(), "recap {args:?} should fail");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            !err.contains("panicked"),
            "a panic crossed to the user: {err}"
        );
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "one line of error: {err}"
        );
        err
    }
}

#[test]
fn template_gallery_has_ten_or_more_in_every_language() {
    let env = Env::new();
    for lang in ["zh-Hans", "zh-Hant", "en"] {
        let list = env.json(&["templates", "list", "--lang", lang, "--json"]);
        let list = list.as_array().unwrap();
        assert!(list.len() >= 10, "{lang}: {} templates", list.len());
        for t in list {
            for field in ["id", "name", "kind", "description", "sections"] {
                assert!(
                    t.get(field).is_some(),
                    "{lang}: template lacks {field}: {t}"
                );
            }
        }
    }
    let hant = env.json(&[
        "templates",
        "show",
        "annual-five-part",
        "--lang",
        "zh-Hant",
        "--json",
    ]);
    assert!(
        hant["name"].as_str().unwrap().contains("總結"),
        "{}",
        hant["name"]
    );
    let en = env.json(&[
        "templates",
        "show",
        "annual-five-part",
        "--lang",
        "en",
        "--json",
    ]);
    let s = &en["sections"][0];
    for field in ["title", "level", "tips", "target", "snippets"] {
        assert!(s.get(field).is_some(), "section lacks {field}: {s}");
    }
    assert!(s["target"]["min"].as_u64().unwrap() <= s["target"]["max"].as_u64().unwrap());
    assert!(s["snippets"].as_array().unwrap().len() >= 2);
}

#[test]
fn new_document_carries_metadata_and_headings_and_counts_against_targets() {
    let env = Env::new();
    let out = env.dir.path().join("mine.md");
    env.ok(&[
        "new",
        "--template",
        "annual-five-part",
        "--title",
        "2026年度工作总结",
        "--author",
        "林晓舟",
        "--department",
        "客户成功部",
        "--period",
        "2026",
        "--lang",
        "zh-Hans",
        "-o",
        out.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("---\n"));
    assert!(text.contains("title: 2026年度工作总结"));
    assert!(text.contains("period: 2026-01-01 至 2026-12-31"));
    assert!(text.contains("template: annual-five-part"));
    assert!(text.contains("# 2026年度工作总结"));
    assert!(text.contains("## 工作完成情况概述"));

    let c = env.json(&["count", out.to_str().unwrap(), "--json"]);
    for f in [
        "chinese_chars",
        "words",
        "word_compatible",
        "pages",
        "sections",
    ] {
        assert!(c.get(f).is_some(), "count lacks {f}");
    }
    let sections = c["sections"].as_array().unwrap();
    let overview = sections
        .iter()
        .find(|s| s["title"] == "工作完成情况概述")
        .unwrap();
    assert!(
        overview["target"]["min"].as_u64().unwrap() > 0,
        "{overview}"
    );
    assert_eq!(overview["status"], "under");
}

#[test]
fn counts_the_annual_fixture() {
    let env = Env::new();
    let c = env.json(&[
        "count",
        fixture("annual-summary.md").to_str().unwrap(),
        "--json",
    ]);
    // An independent count: every character of the basic Han block after the front matter
    // (the fixture's Markdown syntax holds no Han characters).
    let text = std::fs::read_to_string(fixture("annual-summary.md")).unwrap();
    let body = text.splitn(3, "---").nth(2).unwrap();
    let expected = body
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count() as u64;
    let chinese = c["chinese_chars"].as_u64().unwrap();
    assert_eq!(chinese, expected);
    assert!(c["word_compatible"].as_u64().unwrap() > chinese);
    assert!(c["pages"].as_u64().unwrap() >= 2);
    let titles: Vec<&str> = c["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"工作完成情况概述"),
        "typed numbers are stripped: {titles:?}"
    );
}

#[test]
fn documents_live_in_the_store_with_history_search_and_trash() {
    let env = Env::new();
    let added = env.json(&[
        "docs",
        "add",
        fixture("annual-summary.md").to_str().unwrap(),
        "--json",
    ]);
    let id = added["id"].as_i64().unwrap().to_string();
    env.ok(&[
        "docs",
        "add",
        fixture("plain-text-summary.txt").to_str().unwrap(),
    ]);

    let list = env.json(&["docs", "list", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    for f in ["id", "title", "kind", "updated_at", "chinese_chars"] {
        assert!(list[0].get(f).is_some(), "docs list lacks {f}");
    }
    let shown = env.ok(&["docs", "show", &id]);
    assert_eq!(
        shown,
        std::fs::read_to_string(fixture("annual-summary.md")).unwrap()
    );

    // Chinese substrings of two and of five characters.
    for q in ["续约", "客户健康度"] {
        let hits = env.json(&["docs", "search", q, "--json"]);
        let hits = hits.as_array().unwrap();
        assert_eq!(hits.len(), 1, "{q}");
        assert_eq!(hits[0]["id"].as_i64().unwrap().to_string(), id);
        assert!(hits[0]["snippet"].as_str().unwrap().contains(q));
        assert!(hits[0]["title"].as_str().is_some());
    }

    // A save makes a revision; revert brings the old text back as a new one.
    let edited = env.dir.path().join("edited.md");
    std::fs::write(&edited, shown.replace("续约率 92.9%", "续约率 95.0%")).unwrap();
    assert_eq!(
        env.ok(&["docs", "save", &id, edited.to_str().unwrap()])
            .trim(),
        "2"
    );
    let hist = env.json(&["docs", "history", &id, "--json"]);
    let hist = hist.as_array().unwrap();
    assert_eq!(hist.len(), 2);
    for f in ["rev", "saved_at", "chinese_chars"] {
        assert!(hist[0].get(f).is_some(), "history lacks {f}");
    }
    env.ok(&["docs", "revert", &id, "1"]);
    assert!(env.ok(&["docs", "show", &id]).contains("续约率 92.9%"));
    assert_eq!(
        env.json(&["docs", "history", &id, "--json"])
            .as_array()
            .unwrap()
            .len(),
        3
    );

    env.ok(&["docs", "delete", &id]);
    assert_eq!(
        env.json(&["docs", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(
        env.json(&["docs", "search", "续约", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        env.json(&["docs", "trash", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    env.ok(&["docs", "undelete", &id]);
    assert_eq!(
        env.json(&["docs", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn backups_are_created_listed_and_restored() {
    let env = Env::new();
    let id = env.ok(&[
        "docs",
        "add",
        fixture("annual-summary.md").to_str().unwrap(),
    ]);
    let id = id.trim();
    let b = env.json(&["backup", "create", "--json"]);
    let path = b["path"].as_str().unwrap().to_string();
    assert!(Path::new(&path).is_file());
    assert!(
        !env.json(&["backup", "list", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );

    env.ok(&["docs", "delete", id]);
    env.ok(&[
        "docs",
        "add",
        fixture("plain-text-summary.txt").to_str().unwrap(),
    ]);
    env.ok(&["backup", "restore", &path]);
    let list = env.json(&["docs", "list", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1, "the store is as it was at the backup");
    assert_eq!(list[0]["id"].as_i64().unwrap().to_string(), id);
}

#[test]
fn user_templates_and_packs() {
    let env = Env::new();
    let id = env.ok(&[
        "docs",
        "add",
        fixture("plain-text-summary.txt").to_str().unwrap(),
    ]);
    let md = env.dir.path().join("team.md");
    std::fs::write(
        &md,
        "---\nkind: weekly\n---\n# 团队周报\n\n## 本周进展\n\n## 风险与求助\n",
    )
    .unwrap();
    let id2 = env.ok(&["docs", "add", md.to_str().unwrap()]);
    let _ = id;
    env.ok(&[
        "templates",
        "save",
        id2.trim(),
        "--id",
        "team-weekly",
        "--name",
        "团队周报",
    ]);
    let t = env.json(&["templates", "show", "team-weekly", "--json"]);
    assert_eq!(t["sections"].as_array().unwrap().len(), 2);

    let pack = env.dir.path().join("pack.toml");
    env.ok(&["templates", "export-pack", "-o", pack.to_str().unwrap()]);
    let other = Env::new();
    other.ok(&["templates", "import-pack", pack.to_str().unwrap()]);
    assert_eq!(
        other.json(&["templates", "show", "team-weekly", "--json"])["name"],
        "团队周报"
    );
}

#[test]
fn the_count_summary_speaks_the_users_language() {
    let env = Env::new();
    let file = fixture("annual-summary.md");
    let c = env.json(&["count", file.to_str().unwrap(), "--json"]);
    let figures = [
        &c["chinese_chars"],
        &c["word_compatible"],
        &c["words"],
        &c["pages"],
    ]
    .map(|v| v.as_u64().unwrap().to_string());
    for (lang, label) in [
        ("zh-Hans", "汉字"),
        ("zh-Hant", "漢字"),
        ("en", "Chinese characters"),
    ] {
        let text = env.ok(&["--lang", lang, "count", file.to_str().unwrap()]);
        let first = text.lines().next().unwrap();
        assert!(first.starts_with(label), "{lang}: {first}");
        let numbers: Vec<&str> = first
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .collect();
        assert_eq!(numbers, figures, "{lang}: {first}");
    }
}

#[test]
fn errors_are_one_clear_line_in_the_users_language() {
    let env = Env::new();
    let zh = env.fails(&["count", "/no/such/file.md"], "zh_CN.UTF-8");
    assert!(zh.contains("不存在"), "{zh}");
    let en = env.fails(&["count", "/no/such/file.md"], "en_US.UTF-8");
    assert!(en.contains("does not exist"), "{en}");
    let tw = env.fails(&["docs", "show", "999"], "zh_TW.UTF-8");
    assert!(tw.contains("找不到文件"), "{tw}");
    let t = env.fails(&["new", "--template", "nope"], "zh_CN.UTF-8");
    assert!(t.contains("找不到模板"), "{t}");
    let p = env.fails(
        &["new", "--template", "weekly", "--period", "someday"],
        "en_US.UTF-8",
    );
    assert!(p.contains("period"), "{p}");

    let bad = env.dir.path().join("bad.md");
    std::fs::write(&bad, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    env.fails(&["docs", "add", bad.to_str().unwrap()], "zh_CN.UTF-8");
    let p = env.fails(
        &["new", "--template", "weekly", "--period", "someday"],
        "zh_CN.UTF-8",
    );
    assert!(p.contains("周期") && p.contains("例如"), "{p}");
    assert!(!p.contains("e.g."), "one language: {p}");
}

/// Front matter YAML cannot read does not stop an export at the deadline: it is read where the
/// intent is clear, what was dropped is said in the user's language, and the file is written.
#[test]
fn front_matter_yaml_cannot_read_is_read_leniently_and_the_export_happens() {
    let env = Env::new();
    let md = env.dir.path().join("fm.md");
    std::fs::write(
        &md,
        "---\ntitle: \"2026年度\u{7}总结\nauthor: 林晓舟\nperiod: 明年\n---\n\n# 2026年度总结\n\n正文。\n",
    )
    .unwrap();
    let out_docx = env.dir.path().join("fm.docx");
    let out = env
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["export", md.to_str().unwrap(), "--format", "docx", "-o"])
        .arg(&out_docx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out_docx.exists());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("元数据第 2 行") && err.contains("已去掉"),
        "{err}"
    );
    assert!(err.contains("元数据第 4 行无法读取，已忽略"), "{err}");
    assert!(
        !err.contains("control characters") && !err.contains("at position"),
        "{err}"
    );
    // The check says the same.
    let check = env.ok(&["check", md.to_str().unwrap(), "--json"]);
    assert!(check.contains("\"metadata\""), "{check}");
}

#[test]
fn import_writes_markdown_and_reports_notes_on_stderr() {
    let env = Env::new();
    let out = env.dir.path().join("imported.md");
    let run = env
        .cmd()
        .args(["import"])
        .arg(fixture("web-paste-simplified.txt"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(run.stdout.is_empty());
    let notes = String::from_utf8(run.stderr).unwrap();
    assert_eq!(notes.lines().count(), 5, "{notes}");
    assert!(notes.contains("Line 1"), "{notes}");
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("---\n"));
    assert!(md.contains("\n## 篇一 业务回顾\n"), "{md}");
    assert!(!md.contains("版权所有"));

    // To standard output, and from standard input.
    let plain = env.ok(&[
        "import",
        fixture("plain-text-summary.txt").to_str().unwrap(),
    ]);
    assert!(plain.contains("## 一、本季度工作回顾"), "{plain}");
    let piped = env
        .cmd()
        .args(["import", "-"])
        .write_stdin("一、回顾\n正文。\n")
        .output()
        .unwrap();
    assert!(
        String::from_utf8(piped.stdout)
            .unwrap()
            .contains("# 一、回顾")
    );

    let err = env.fails(&["import", "old.doc"], "zh_CN.UTF-8");
    assert!(err.contains("old.doc"), "{err}");
}

#[test]
fn check_json_is_the_findings_contract() {
    let env = Env::new();
    let clean = env.json(&[
        "check",
        fixture("annual-summary.md").to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(clean, serde_json::json!({ "findings": [] }));

    let md = env.dir.path().join("draft.md");
    std::fs::write(
        &md,
        "# 总结\n\n## 一、概述\n\n完成【数字】个项目，效率大幅提升。\n\n## 二、计划\n",
    )
    .unwrap();
    let v = env.json(&["check", md.to_str().unwrap(), "--json", "--lang", "zh-Hans"]);
    let findings = v["findings"].as_array().unwrap();
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["placeholder", "vague", "empty-section"], "{v}");
    for f in findings {
        let obj = f.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["excerpt", "line", "message", "rule", "severity"]);
    }
    assert_eq!(findings[0]["line"], 5);
    assert_eq!(findings[0]["severity"], "error");
    assert!(findings[0]["message"].as_str().unwrap().contains("占位符"));
    assert_eq!(findings[2]["line"], 7);

    // Human form, exit code 0 with findings, summary in the user's language.
    let human = env
        .cmd()
        .env("LANG", "zh_TW.UTF-8")
        .args(["check", md.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(human.status.success());
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains("draft.md:5"), "{text}");
    assert!(text.contains("共 3 個問題"), "{text}");

    // date-format depends on the style.
    std::fs::write(&md, "# 总结\n\n## 一、概述\n\n2026-03-05 完成 3 项。\n").unwrap();
    let gov = env.json(&["check", md.to_str().unwrap(), "--json"]);
    assert_eq!(gov["findings"][0]["rule"], "date-format");
    let plain = env.json(&["check", md.to_str().unwrap(), "--json", "--style", "plain"]);
    assert_eq!(plain["findings"], serde_json::json!([]));
}

#[test]
fn carry_makes_the_next_period_from_a_file_or_the_store() {
    let env = Env::new();
    let annual = fixture("annual-summary.md");
    let next = env.ok(&["carry", annual.to_str().unwrap()]);
    assert!(next.contains("title: 2027年度个人工作总结"), "{next}");
    assert!(next.contains("period: 2027-01-01 至 2027-12-31"), "{next}");
    assert!(next.contains("| 事项 | 目标 | 状态 | 说明 |"), "{next}");
    assert!(next.contains("| 续约率提升到 94% |"), "{next}");

    let id = env.ok(&["docs", "add", annual.to_str().unwrap()]);
    let out = env.dir.path().join("next.md");
    env.ok(&["carry", "--doc", id.trim(), "-o", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), next);

    let filled = env.dir.path().join("filled.md");
    std::fs::write(
        &filled,
        "| 指标 | 基线 | 目标 | 实际 | 完成率 |\n| --- | --- | --- | --- | --- |\n| 响应时间（小时） | 9.5 | 4 | 3.2 | |\n",
    )
    .unwrap();
    let table = env.ok(&["results", "fill", filled.to_str().unwrap()]);
    assert!(table.contains("115%"), "{table}");
    let empty = env.ok(&["results", "table", "--lang", "zh-Hant"]);
    assert!(
        empty.contains("| 指標 | 基線 | 目標 | 實際 | 完成率 |"),
        "{empty}"
    );
}

#[test]
fn a_weekly_report_carried_forward_is_titled_and_dated_for_the_next_week() {
    let env = Env::new();
    let md = env.dir.path().join("w47.md");
    std::fs::write(
        &md,
        "---\ntitle: 2026年第47周工作周报\nkind: weekly\ntemplate: weekly\nperiod: 2026-W47\n---\n\n# 2026年第47周工作周报\n\n## 下周计划\n\n- 11 月 27 日前完成 3 家客户的续约\n",
    )
    .unwrap();
    let next = env.ok(&["carry", md.to_str().unwrap()]);
    assert!(next.contains("title: 2026年第48周工作周报"), "{next}");
    assert!(next.contains("period: 2026-11-23 至 2026-11-29"), "{next}");
    assert!(next.contains("# 2026年第48周工作周报"), "{next}");
    assert!(!next.contains("第47周工作周报"), "{next}");
}
