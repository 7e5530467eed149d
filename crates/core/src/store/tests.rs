//! Store tests, over temporary folders with the real SQLite.

use super::*;
use chrono::{Datelike, Duration, TimeZone};
use std::collections::BTreeSet;

type Now = Arc<Mutex<DateTime<Utc>>>;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap()
}

fn fake_clock(start: DateTime<Utc>) -> (Clock, Now) {
    let now: Now = Arc::new(Mutex::new(start));
    let n = now.clone();
    (Arc::new(move || *n.lock().unwrap()), now)
}

fn advance(now: &Now, d: Duration) {
    *now.lock().unwrap() += d;
}

fn open_fake(dir: &Path) -> (Store, Now) {
    let (clock, now) = fake_clock(t0());
    (Store::open_with_clock(dir, clock).unwrap(), now)
}

fn ids(hits: &[SearchHit]) -> Vec<i64> {
    hits.iter().map(|h| h.id).collect()
}

#[test]
fn store_is_send_and_sync_and_serialises_with_the_agreed_names() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Store>();
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = open_fake(dir.path());
    let info = s
        .add("---\nkind: weekly\ntemplate: weekly-basic\n---\n# 第十周周报\n\n完成续约。\n")
        .unwrap();
    assert_eq!(info.title, "第十周周报");
    assert_eq!(info.kind, Some(crate::kind::Kind::Weekly));
    assert_eq!(info.template.as_deref(), Some("weekly-basic"));
    assert_eq!(info.chinese_chars, 9);
    assert_eq!(
        (info.rev, info.created_at.as_str()),
        (1, "2026-03-02T08:00:00.000Z")
    );
    let v = serde_json::to_value(s.get(info.id).unwrap()).unwrap();
    for k in [
        "id",
        "title",
        "kind",
        "template",
        "created_at",
        "updated_at",
        "chinese_chars",
        "rev",
        "deleted_at",
        "body",
    ] {
        assert!(v.get(k).is_some(), "missing {k} in {v}");
    }
    let out = serde_json::to_value(s.save(info.id, "x", SaveMode::Auto).unwrap()).unwrap();
    assert_eq!(out["changed"], true);
    assert!(out.get("saved_at").is_some());
    assert_eq!(serde_json::to_value(SaveMode::Auto).unwrap(), "auto");
    assert_eq!(s.path(), dir.path().join(DB_FILE));
    assert_eq!(s.data_dir(), dir.path());
    assert!(s.open_report().is_none());
}

#[test]
fn store_revisions_coalesce_automatic_saves_within_120_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let (s, now) = open_fake(dir.path());
    let id = s.add("# 草稿\n\n第一版").unwrap().id;
    let save = |secs: i64, text: &str, mode: SaveMode| {
        advance(&now, Duration::seconds(secs));
        s.save(id, text, mode).unwrap()
    };
    // Revision 1 is manual (the add), so the first automatic save makes revision 2.
    assert_eq!(save(10, "# 草稿\n\n第二版", SaveMode::Auto).rev, 2);
    let o = save(90, "# 草稿\n\n第二版改", SaveMode::Auto); // 90 s after rev 2 was made
    assert_eq!((o.rev, o.changed), (2, true));
    assert_eq!(o.saved_at, "2026-03-02T08:01:40.000Z");
    // 119 s after rev 2 was made: still coalesced, and the newest text is what rev 2 holds.
    assert_eq!(save(29, "# 草稿\n\n第二版再改", SaveMode::Auto).rev, 2);
    assert_eq!(s.revision(id, 2).unwrap(), "# 草稿\n\n第二版再改");
    // 120 s after: a new revision.
    assert_eq!(save(1, "# 草稿\n\n第三版", SaveMode::Auto).rev, 3);
    // Manual always adds one, and the automatic save after a manual one adds one too.
    assert_eq!(save(1, "# 草稿\n\n第四版", SaveMode::Manual).rev, 4);
    assert_eq!(save(1, "# 草稿\n\n第五版", SaveMode::Auto).rev, 5);
    assert_eq!(save(1, "# 草稿\n\n第六版", SaveMode::Manual).rev, 6);
    let h = s.history(id).unwrap();
    assert_eq!(
        h.iter().map(|r| r.rev).collect::<Vec<_>>(),
        vec![6, 5, 4, 3, 2, 1]
    );
    assert_eq!(
        h.iter().map(|r| r.auto).collect::<Vec<_>>(),
        vec![false, true, false, true, true, false]
    );
    assert_eq!(h[4].saved_at, "2026-03-02T08:02:09.000Z");
    assert_eq!(h[0].chinese_chars, 5);
    let doc = s.get(id).unwrap();
    assert_eq!((doc.body.as_str(), doc.info.rev), ("# 草稿\n\n第六版", 6));
    assert_eq!(doc.info.updated_at, "2026-03-02T08:02:13.000Z");
    assert_eq!(doc.info.created_at, "2026-03-02T08:00:00.000Z");
    // A clock that went backwards never coalesces into a revision "from the future".
    advance(&now, Duration::seconds(-3600));
    assert_eq!(s.save(id, "时钟回拨", SaveMode::Auto).unwrap().rev, 7);
    assert_eq!(s.save(id, "时钟回拨二", SaveMode::Auto).unwrap().rev, 7);
}

#[test]
fn store_identical_save_is_a_no_op_and_revert_adds_a_revision() {
    let dir = tempfile::tempdir().unwrap();
    let (s, now) = open_fake(dir.path());
    let id = s.add("甲").unwrap().id;
    advance(&now, Duration::seconds(5));
    let o = s.save(id, "甲", SaveMode::Manual).unwrap();
    assert_eq!(
        (o.rev, o.changed, o.saved_at.as_str()),
        (1, false, "2026-03-02T08:00:00.000Z")
    );
    s.save(id, "乙", SaveMode::Manual).unwrap();
    s.save(id, "丙", SaveMode::Manual).unwrap();
    assert_eq!(s.history(id).unwrap().len(), 3);
    let o = s.revert(id, 1).unwrap();
    assert_eq!((o.rev, o.changed), (4, true));
    assert_eq!(s.get(id).unwrap().body, "甲");
    // History was not rewritten.
    let texts: Vec<String> = (1..=4).map(|r| s.revision(id, r).unwrap()).collect();
    assert_eq!(texts, ["甲", "乙", "丙", "甲"]);
    // Reverting to the current text changes nothing.
    assert!(!s.revert(id, 4).unwrap().changed);
    assert_eq!(s.revision(id, 9).unwrap_err().code(), "not-found");
    assert_eq!(s.revert(id, 9).unwrap_err().code(), "not-found");
}

#[test]
fn store_unknown_ids_and_oversized_bodies_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = open_fake(dir.path());
    for e in [
        s.get(42).unwrap_err(),
        s.save(42, "x", SaveMode::Auto).unwrap_err(),
        s.history(42).unwrap_err(),
        s.revision(42, 1).unwrap_err(),
        s.delete(42).unwrap_err(),
        s.undelete(42).unwrap_err(),
        s.purge(42).unwrap_err(),
    ] {
        assert!(
            matches!(
                e,
                Error::NotFound {
                    entity: crate::error::Entity::Document,
                    ..
                }
            ),
            "{e:?}"
        );
    }
    let big = "字".repeat((MAX_BODY_BYTES as usize) / 3 + 1);
    assert_eq!(s.add(&big).unwrap_err().code(), "too-large");
    let id = s.add("小").unwrap().id;
    assert!(matches!(
        s.save(id, &big, SaveMode::Auto).unwrap_err(),
        Error::TooLarge { .. }
    ));
    assert_eq!(s.get(id).unwrap().body, "小");
    // Exactly at the limit is accepted.
    let at_limit = "a".repeat(MAX_BODY_BYTES as usize);
    assert!(s.save(id, &at_limit, SaveMode::Auto).unwrap().changed);
}

#[test]
fn store_a_failed_save_leaves_the_previous_version_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = open_fake(dir.path());
    let id = s.add("# 原文\n\n保留").unwrap().id;
    // Make the index update fail inside the save transaction, after the revision insert.
    s.conn()
        .execute_batch(
            "CREATE TEMP TRIGGER boom BEFORE UPDATE ON documents BEGIN SELECT RAISE(ABORT, 'boom'); END;",
        )
        .unwrap();
    assert!(s.save(id, "# 新文\n\n丢失？", SaveMode::Manual).is_err());
    s.conn().execute_batch("DROP TRIGGER temp.boom;").unwrap();
    let doc = s.get(id).unwrap();
    assert_eq!(
        (doc.body.as_str(), doc.info.rev, doc.info.title.as_str()),
        ("# 原文\n\n保留", 1, "原文")
    );
    assert_eq!(s.history(id).unwrap().len(), 1);
    assert_eq!(ids(&s.search("新文", 10).unwrap()), Vec::<i64>::new());
    assert_eq!(
        s.save(id, "# 新文\n\n好了", SaveMode::Manual).unwrap().rev,
        2
    );
}

#[test]
fn store_trash_undelete_purge_and_the_30_day_purge() {
    let dir = tempfile::tempdir().unwrap();
    let (clock, now) = fake_clock(t0());
    let s = Store::open_with_clock(dir.path(), clock.clone()).unwrap();
    let a = s.add("# 甲文档\n\n续约计划").unwrap().id;
    let b = s.add("# 乙文档\n\n续约执行").unwrap().id;
    let c = s.add("# 丙文档\n\n其他").unwrap().id;
    advance(&now, Duration::seconds(1));
    s.delete(a).unwrap();
    advance(&now, Duration::seconds(1));
    s.delete(b).unwrap();
    assert_eq!(
        s.list().unwrap().iter().map(|d| d.id).collect::<Vec<_>>(),
        vec![c]
    );
    let trash = s.trash().unwrap();
    assert_eq!(trash.iter().map(|d| d.id).collect::<Vec<_>>(), vec![b, a]);
    assert_eq!(
        trash[1].deleted_at.as_deref(),
        Some("2026-03-02T08:00:01.000Z")
    );
    assert!(s.search("续约", 10).unwrap().is_empty());
    assert!(s.search("续约计划", 10).unwrap().is_empty());
    // Trashed documents can still be read.
    assert_eq!(s.get(a).unwrap().body, "# 甲文档\n\n续约计划");
    s.undelete(a).unwrap();
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![a]);
    assert_eq!(s.purge(a).unwrap_err().code(), "invalid-input");
    s.purge(b).unwrap();
    assert_eq!(s.get(b).unwrap_err().code(), "not-found");
    let left: i64 = s
        .conn()
        .query_row("SELECT (SELECT count(*) FROM revisions WHERE doc_id = ?1) + (SELECT count(*) FROM doc_fts WHERE rowid = ?1)", [b], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
    s.delete(c).unwrap();
    drop(s);
    advance(&now, Duration::days(29));
    let s = Store::open_with_clock(dir.path(), clock.clone()).unwrap();
    assert_eq!(s.trash().unwrap().len(), 1);
    drop(s);
    advance(&now, Duration::days(2));
    let s = Store::open_with_clock(dir.path(), clock).unwrap();
    assert!(s.trash().unwrap().is_empty());
    assert_eq!(s.get(c).unwrap_err().code(), "not-found");
    assert_eq!(
        s.list().unwrap().iter().map(|d| d.id).collect::<Vec<_>>(),
        vec![a]
    );
}

#[test]
fn store_search_finds_short_long_and_traditional_terms() {
    let dir = tempfile::tempdir().unwrap();
    let (s, now) = open_fake(dir.path());
    let add = |text: &str| {
        advance(&now, Duration::seconds(10));
        s.add(text).unwrap().id
    };
    let title_hit = add("# 续约跟进记录\n\n跟进表。");
    let a = add(
        "# 客户成功季度总结\n\n本季度完成三家大客户的续约，客户健康度整体提升。\n\n- 下季度继续 Rust 重构",
    );
    let b = add("# 周报\n\n推进续约谈判。RUST 重构完成一半。");
    let trad = add("# 年度總結\n\n繁體中文的客戶健康度報告，續約率提升。");
    let gone = add("# 已删除\n\n续约 客户健康度 Rust");
    s.delete(gone).unwrap();

    // Two characters (through instr), title hits first, then the most recent.
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![title_hit, b, a]);
    assert_eq!(ids(&s.search("续约", 2).unwrap()), vec![title_hit, b]);
    // Five characters (through the trigram index).
    assert_eq!(ids(&s.search("客户健康度", 10).unwrap()), vec![a]);
    // Traditional characters are other characters.
    assert_eq!(ids(&s.search("客戶健康度", 10).unwrap()), vec![trad]);
    assert_eq!(ids(&s.search("續約", 10).unwrap()), vec![trad]);
    assert_eq!(ids(&s.search("健康度", 10).unwrap()), vec![trad, a]);
    // AND over terms of both kinds; ASCII is case-insensitive either way.
    assert_eq!(ids(&s.search("续约 rust", 10).unwrap()), vec![b, a]);
    assert_eq!(ids(&s.search("  续约   重构 季度 ", 10).unwrap()), vec![a]);
    assert_eq!(
        ids(&s.search("续约 不存在的词", 10).unwrap()),
        Vec::<i64>::new()
    );
    assert_eq!(ids(&s.search("Ru 季度", 10).unwrap()), vec![a]);
    // Quotes and FTS syntax are just text.
    assert!(s.search("\"续约\" OR NOT", 10).unwrap().is_empty());
    assert!(s.search("", 10).unwrap().is_empty());
    assert!(s.search("续约", 0).unwrap().is_empty());

    let hit = &s.search("客户健康度", 10).unwrap()[0];
    assert_eq!(hit.title, "客户成功季度总结");
    let chars: Vec<char> = hit.snippet.chars().collect();
    assert_eq!(hit.highlights.len(), 1);
    let [from, to] = hit.highlights[0];
    assert_eq!(chars[from..to].iter().collect::<String>(), "客户健康度");
    let hit = &s.search("续约 rust", 10).unwrap()[0];
    let marked: Vec<String> = hit
        .highlights
        .iter()
        .map(|[f, t]| hit.snippet.chars().skip(*f).take(t - f).collect())
        .collect();
    assert_eq!(marked, ["续约", "RUST"]);
    let v = serde_json::to_value(hit).unwrap();
    let keys: BTreeSet<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from(["highlights", "id", "snippet", "title"])
    );

    // The index follows saves, in the same transaction.
    s.save(b, "# 周报\n\n改写后没有那个词了。", SaveMode::Manual)
        .unwrap();
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![title_hit, a]);
    s.save(b, "# 周报\n\n又提到客户健康度。", SaveMode::Auto)
        .unwrap();
    assert_eq!(ids(&s.search("客户健康度", 10).unwrap()), vec![b, a]);
}

#[test]
fn store_two_stores_on_one_file_interleave_safely() {
    let dir = tempfile::tempdir().unwrap();
    let s1 = Store::open(dir.path()).unwrap();
    let s2 = Store::open(dir.path()).unwrap();
    let id = s1.add("# 共享\n\n一").unwrap().id;
    assert_eq!(s2.get(id).unwrap().body, "# 共享\n\n一");
    s2.save(id, "# 共享\n\n二", SaveMode::Manual).unwrap();
    assert_eq!(
        s1.save(id, "# 共享\n\n三", SaveMode::Manual).unwrap().rev,
        3
    );
    assert_eq!(s2.get(id).unwrap().body, "# 共享\n\n三");
    s2.set_setting("theme", "dark").unwrap();
    assert_eq!(s1.get_setting("theme").unwrap().as_deref(), Some("dark"));

    // Two threads, two stores, hammering the same document and adding their own.
    let run = |s: Store, tag: &'static str| {
        std::thread::spawn(move || {
            let mut mine = Vec::new();
            for i in 0..40 {
                s.save(id, &format!("# 共享\n\n{tag}{i}"), SaveMode::Manual)
                    .unwrap();
                mine.push(s.add(&format!("# {tag}的文档{i}\n\n内容")).unwrap().id);
            }
            mine
        })
    };
    let h1 = run(s1, "甲");
    let h2 = run(s2, "乙");
    let mut all: Vec<i64> = h1.join().unwrap();
    all.extend(h2.join().unwrap());
    let s = Store::open(dir.path()).unwrap();
    let revs: Vec<u32> = s.history(id).unwrap().iter().map(|r| r.rev).collect();
    assert_eq!(revs, (1..=83).rev().collect::<Vec<u32>>());
    assert_eq!(all.iter().collect::<BTreeSet<_>>().len(), 80);
    assert_eq!(s.list().unwrap().len(), 81);
    assert_eq!(
        s.conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
            .unwrap(),
        "ok"
    );
    assert_eq!(s.search("的文档", 200).unwrap().len(), 80);
}

#[test]
fn store_opening_a_new_store_from_several_threads_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let p = dir.path().to_path_buf();
            std::thread::spawn(move || Store::open(&p).map(|s| s.add("并发").map(|_| ())))
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap().unwrap();
    }
    assert_eq!(Store::open(dir.path()).unwrap().list().unwrap().len(), 4);
}

#[test]
fn store_backups_rotate_over_weeks_and_the_daily_backup_runs_once() {
    let dir = tempfile::tempdir().unwrap();
    let (clock, now) = fake_clock(t0());
    let s = Store::open_with_clock(dir.path(), clock.clone()).unwrap();
    // An empty store gets no automatic backup.
    assert!(s.backups().unwrap().is_empty());
    s.add("# 有内容\n\n一").unwrap();
    drop(s);
    let s = Store::open_with_clock(dir.path(), clock.clone()).unwrap();
    assert_eq!(s.backups().unwrap().len(), 1);
    drop(s);
    advance(&now, Duration::hours(3));
    let s = Store::open_with_clock(dir.path(), clock.clone()).unwrap();
    assert_eq!(s.backups().unwrap().len(), 1, "one automatic backup a day");
    drop(s);

    // Same second: names get milliseconds, then a counter.
    let s = Store::open_with_clock(dir.path(), clock.clone()).unwrap();
    let a = s.backup_now().unwrap();
    let b = s.backup_now().unwrap();
    assert!(a.path.ends_with("recap-20260302-110000.sqlite3"), "{a:?}");
    assert!(
        b.path.ends_with("recap-20260302-110000-000.sqlite3"),
        "{b:?}"
    );
    assert!(
        s.backup_now()
            .unwrap()
            .path
            .ends_with("recap-20260302-110000-000-1.sqlite3")
    );
    assert_eq!(
        s.backups().unwrap()[0].path,
        dir.path()
            .join("backups/recap-20260302-110000-000-1.sqlite3")
    );
    assert!(a.size > 0);
    assert_eq!(a.created_at, "2026-03-02T11:00:00.000Z");
    // The backup is a plain rollback-journal file.
    let header = std::fs::read(&a.path).unwrap();
    assert_eq!((header[18], header[19]), (1, 1));
    drop(s);

    // Seventy days of daily opens.
    for _ in 0..70 {
        advance(&now, Duration::days(1));
        drop(Store::open_with_clock(dir.path(), clock.clone()).unwrap());
    }
    let s = Store::open_with_clock(dir.path(), clock).unwrap();
    let kept: Vec<DateTime<Utc>> = s
        .backups()
        .unwrap()
        .iter()
        .map(|b| parse_ts(&b.created_at).unwrap())
        .collect();
    // Independently: every backup time made, then the newest 10 plus each of the 8 newest
    // weeks' newest.
    let mut made: Vec<DateTime<Utc>> = vec![t0(), t0() + Duration::hours(3)];
    made.extend((1..=70).map(|d| t0() + Duration::hours(3) + Duration::days(d)));
    made.sort_by(|x, y| y.cmp(x));
    let mut expect: BTreeSet<DateTime<Utc>> = made.iter().take(10).copied().collect();
    let mut weeks = Vec::new();
    for t in &made {
        let w = (t.iso_week().year(), t.iso_week().week());
        if !weeks.contains(&w) && weeks.len() < 8 {
            weeks.push(w);
            expect.insert(*t);
        }
    }
    let mut kept_sorted = kept.clone();
    kept_sorted.sort_by(|x, y| y.cmp(x));
    assert_eq!(kept, kept_sorted, "newest first");
    // The first day's three same-second backups were rotated away long ago; compare by time.
    assert_eq!(kept.iter().copied().collect::<BTreeSet<_>>(), expect);
    assert_eq!(kept.len(), 15);
    // Nothing but backups in the folder (no temporary files, no -wal/-shm).
    let names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 15, "{names:?}");
}

#[test]
fn store_restore_round_trip_while_another_store_has_the_file_open() {
    let dir = tempfile::tempdir().unwrap();
    let (clock, now) = fake_clock(t0());
    let s = Store::open_with_clock(dir.path(), clock.clone()).unwrap();
    let other = Store::open_with_clock(dir.path(), clock).unwrap();
    let id = s.add("# 恢复测试\n\n第一版续约").unwrap().id;
    let backup = s.backup_now().unwrap();
    advance(&now, Duration::minutes(5));
    s.save(id, "# 恢复测试\n\n第二版客户健康度", SaveMode::Manual)
        .unwrap();
    let later = s.add("# 备份之后\n\n新文档").unwrap().id;
    assert_eq!(other.get(id).unwrap().info.rev, 2);

    let out = s.restore(&backup.path).unwrap();
    assert!(
        out.kept_current_as
            .ends_with("recap.sqlite3.before-restore-20260302-080500")
    );
    // Both connections see the restored content, the index included.
    for st in [&s, &other] {
        assert_eq!(st.get(id).unwrap().body, "# 恢复测试\n\n第一版续约");
        assert_eq!(st.get(later).unwrap_err().code(), "not-found");
        assert_eq!(ids(&st.search("续约", 10).unwrap()), vec![id]);
        assert!(st.search("客户健康度", 10).unwrap().is_empty());
    }
    // And both can go on writing.
    assert_eq!(
        other
            .save(id, "# 恢复测试\n\n之后再改", SaveMode::Manual)
            .unwrap()
            .rev,
        2
    );
    assert_eq!(s.get(id).unwrap().body, "# 恢复测试\n\n之后再改");

    // The content from before the restore was kept, whole.
    let kept = rusqlite::Connection::open(&out.kept_current_as).unwrap();
    let body: String = kept
        .query_row(
            "SELECT body FROM revisions WHERE doc_id = ?1 AND rev = 2",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(body, "# 恢复测试\n\n第二版客户健康度");
    drop(kept);

    // A damaged backup is refused and changes nothing; a missing one is not found.
    let bad = dir.path().join("backups/recap-20260101-000000.sqlite3");
    let mut bytes = std::fs::read(&backup.path).unwrap();
    bytes.truncate(bytes.len() / 2);
    bytes.extend(std::iter::repeat_n(0xA5u8, 4096));
    std::fs::write(&bad, &bytes).unwrap();
    std::fs::write(
        dir.path().join("junk.sqlite3"),
        b"not a database at all, just some text",
    )
    .unwrap();
    for p in [bad.clone(), dir.path().join("junk.sqlite3")] {
        let e = s.restore(&p).unwrap_err();
        assert_eq!(e.code(), "invalid-input", "{e:?}");
    }
    assert_eq!(
        s.restore(&dir.path().join("nope.sqlite3"))
            .unwrap_err()
            .code(),
        "not-found"
    );
    assert_eq!(s.restore(s.path()).unwrap_err().code(), "invalid-input");
    assert_eq!(s.get(id).unwrap().body, "# 恢复测试\n\n之后再改");
}

fn damaged_case(
    dir: &Path,
    damage: impl FnOnce(&Path),
    with_backup: bool,
) -> (Vec<u8>, Store, i64) {
    let (clock, now) = fake_clock(t0());
    let s = Store::open_with_clock(dir, clock.clone()).unwrap();
    let filler = "这是一段用来把数据库撑大的正文。".repeat(200);
    let docs: Vec<String> = (0..40).map(|i| format!("# 文档{i}\n\n{filler}")).collect();
    let first = s.add_many(&docs).unwrap()[0].id;
    if with_backup {
        s.backup_now().unwrap();
    }
    s.save(first, "# 备份之后的改动\n\n不在备份里", SaveMode::Manual)
        .unwrap();
    drop(s);
    let path = dir.join(DB_FILE);
    damage(&path);
    let before = std::fs::read(&path).unwrap();
    advance(&now, Duration::hours(1));
    let s = Store::open_with_clock(dir, clock).unwrap();
    (before, s, first)
}

fn expect_kept_aside(s: &Store, before: &[u8]) -> Option<PathBuf> {
    match s.open_report() {
        Some(Error::StoreDamaged {
            path,
            kept_as,
            restored_from,
        }) => {
            assert_eq!(path, s.path());
            assert!(
                kept_as.ends_with("recap.sqlite3.damaged-20260302-090000"),
                "{kept_as:?}"
            );
            assert_eq!(
                std::fs::read(kept_as).unwrap(),
                before,
                "the damaged file is kept untouched"
            );
            assert_eq!(s.open_report().unwrap().code(), "store-damaged");
            restored_from.clone()
        }
        other => panic!("expected StoreDamaged, got {other:?}"),
    }
}

#[test]
fn store_garbage_file_is_kept_aside_and_a_new_store_made() {
    let dir = tempfile::tempdir().unwrap();
    let garbage: Vec<u8> = (0..50_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let wal = dir.path().join("recap.sqlite3-wal");
    let (before, s, _) = damaged_case(
        dir.path(),
        |p| {
            std::fs::write(p, &garbage).unwrap();
            std::fs::write(&wal, b"stale wal").unwrap();
        },
        false,
    );
    assert_eq!(before, garbage);
    assert_eq!(expect_kept_aside(&s, &before), None);
    assert_eq!(
        std::fs::read(dir.path().join("recap.sqlite3.damaged-20260302-090000-wal")).unwrap(),
        b"stale wal"
    );
    assert!(s.list().unwrap().is_empty());
    s.add("重新开始").unwrap();
    drop(s);
    // The next open is clean.
    let s = Store::open(dir.path()).unwrap();
    assert!(s.open_report().is_none());
    assert_eq!(s.list().unwrap().len(), 1);
}

#[test]
fn store_truncated_file_is_kept_aside_and_the_newest_good_backup_restored() {
    let dir = tempfile::tempdir().unwrap();
    let (before, s, first) = damaged_case(
        dir.path(),
        |p| {
            let bytes = std::fs::read(p).unwrap();
            std::fs::write(p, &bytes[..bytes.len() / 3]).unwrap();
        },
        true,
    );
    let restored = expect_kept_aside(&s, &before).expect("restored from a backup");
    assert!(
        restored.ends_with("recap-20260302-080000.sqlite3"),
        "{restored:?}"
    );
    assert_eq!(s.list().unwrap().len(), 40);
    assert_eq!(s.get(first).unwrap().info.title, "文档0");
    assert_eq!(s.search("撑大", 100).unwrap().len(), 40);
}

#[test]
fn store_damage_skips_a_damaged_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (before, s, _) = damaged_case(
        dir.path(),
        |p| {
            // A newer backup that is itself damaged, and a zeroed page in the store.
            let backups = p.parent().unwrap().join("backups");
            std::fs::write(
                backups.join("recap-20260302-083000.sqlite3"),
                b"SQLite format 3\0 garbage",
            )
            .unwrap();
            let mut bytes = std::fs::read(p).unwrap();
            for b in &mut bytes[4096..4096 * 3] {
                *b = 0xFF;
            }
            std::fs::write(p, &bytes).unwrap();
        },
        true,
    );
    let restored = expect_kept_aside(&s, &before).unwrap();
    assert!(
        restored.ends_with("recap-20260302-080000.sqlite3"),
        "{restored:?}"
    );
    assert_eq!(s.list().unwrap().len(), 40);
}

#[test]
fn store_missing_folder_is_created_and_unwritable_one_is_a_clear_error() {
    let root = tempfile::tempdir().unwrap();
    let deep = root.path().join("a/b/c");
    let s = Store::open(&deep).unwrap();
    assert!(deep.join(DB_FILE).is_file());
    drop(s);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = root.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root ignores permissions: nothing to test then.
        if std::fs::write(ro.join("probe"), b"").is_err() {
            let e = Store::open(&ro).unwrap_err();
            assert!(
                matches!(e.code(), "store-read-only" | "permission-denied"),
                "{e:?}"
            );
            let e = Store::open(&ro.join("sub")).unwrap_err();
            assert_eq!(e.code(), "permission-denied", "{e:?}");
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn store_default_data_dir_honours_the_environment() {
    // Only reads: RECAP_DATA_DIR may or may not be set where the tests run.
    let d = default_data_dir().unwrap();
    match std::env::var_os("RECAP_DATA_DIR").filter(|v| !v.is_empty()) {
        Some(v) => assert_eq!(d, PathBuf::from(v)),
        None => assert!(d.to_string_lossy().to_lowercase().contains("recap")),
    }
}

#[test]
fn store_settings_templates_and_snippets() {
    let dir = tempfile::tempdir().unwrap();
    let (s, now) = open_fake(dir.path());
    assert_eq!(s.get_setting("lang").unwrap(), None);
    s.set_setting("lang", "zh-Hans").unwrap();
    s.set_setting("lang", "zh-Hant").unwrap();
    s.set_setting("font", "仿宋").unwrap();
    assert_eq!(s.get_setting("lang").unwrap().as_deref(), Some("zh-Hant"));
    assert_eq!(
        s.settings().unwrap().into_iter().collect::<Vec<_>>(),
        [
            ("font".to_string(), "仿宋".to_string()),
            ("lang".to_string(), "zh-Hant".to_string())
        ]
    );
    s.remove_setting("font").unwrap();
    assert_eq!(s.settings().unwrap().len(), 1);

    assert_eq!(
        s.put_user_template("t1", "{not json").unwrap_err().code(),
        "template-data"
    );
    s.put_user_template("t1", r#"{"name":"我的周报","sections":[]}"#)
        .unwrap();
    advance(&now, Duration::seconds(30));
    s.put_user_template("t1", r#"{"name":"我的周报 v2"}"#)
        .unwrap();
    s.put_user_template("t0", "{}").unwrap();
    assert_eq!(
        s.user_template("t1").unwrap().as_deref(),
        Some(r#"{"name":"我的周报 v2"}"#)
    );
    assert_eq!(s.user_template("zz").unwrap(), None);
    let all = s.user_template_rows().unwrap();
    assert_eq!(
        all.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        ["t0", "t1"]
    );
    assert_eq!(all[1].data["name"], "我的周报 v2");
    assert_eq!(
        (all[1].created_at.as_str(), all[1].updated_at.as_str()),
        ("2026-03-02T08:00:00.000Z", "2026-03-02T08:00:30.000Z")
    );
    s.delete_user_template("t0").unwrap();
    assert_eq!(
        s.delete_user_template("t0").unwrap_err().code(),
        "not-found"
    );

    let a = s
        .add_snippet("t1", "工作成果", "zh-Hans", "完成了续约。")
        .unwrap();
    s.add_snippet("t1", "工作成果", "zh-Hans", "客户健康度提升。")
        .unwrap();
    s.add_snippet("t1", "不足", "zh-Hans", "沟通不够。")
        .unwrap();
    let got = s.snippets("t1", "工作成果").unwrap();
    assert_eq!(
        got.iter().map(|x| x.text.as_str()).collect::<Vec<_>>(),
        ["完成了续约。", "客户健康度提升。"]
    );
    assert_eq!(got[0], a);
    s.delete_snippet(a.id).unwrap();
    assert_eq!(s.snippets("t1", "工作成果").unwrap().len(), 1);
    assert!(s.delete_snippet(a.id).is_err());
}

#[test]
fn store_keeps_nul_and_odd_unicode_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = open_fake(dir.path());
    for text in [
        "a\0b",
        "\0",
        "\u{feff}---\n",
        "𠀀𪚥\r\n\u{200d}",
        "---\ntitle: [\n---\n\0# x",
    ] {
        let id = s.add(text).unwrap().id;
        assert_eq!(s.get(id).unwrap().body, text);
        let t2 = format!("{text}\0尾");
        s.save(id, &t2, SaveMode::Auto).unwrap();
        assert_eq!(s.get(id).unwrap().body, t2);
        assert_eq!(s.revision(id, 1).unwrap(), text);
    }
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn store_round_trips_any_text(a in any::<String>(), b in any::<String>()) {
            let dir = tempfile::tempdir().unwrap();
            let (s, _) = open_fake(dir.path());
            let id = s.add(&a).unwrap().id;
            prop_assert_eq!(&s.get(id).unwrap().body, &a);
            let out = s.save(id, &b, SaveMode::Manual).unwrap();
            prop_assert_eq!(out.changed, a != b);
            prop_assert_eq!(&s.get(id).unwrap().body, &b);
            prop_assert_eq!(&s.revision(id, 1).unwrap(), &a);
            // Searching for any of the text must not fail, whatever it holds.
            s.search(&b, 5).unwrap();
        }
    }
}

/// The search as it was before the pair index `doc_bigram` (trigram MATCH for terms of 3+
/// characters, `instr()` over every text for shorter ones): the reference the search must
/// still agree with.
fn search_by_scan(s: &Store, query: &str, limit: usize) -> Vec<i64> {
    let terms: Vec<&str> = query.split_whitespace().collect();
    if terms.is_empty() || limit == 0 {
        return Vec::new();
    }
    let folded = |col: &str, t: &str| {
        if t.bytes().any(|b| b.is_ascii_alphabetic()) {
            format!("lower({col})")
        } else {
            col.to_string()
        }
    };
    let mut params: Vec<String> = Vec::new();
    let mut hits = Vec::new();
    for t in &terms {
        params.push(t.to_ascii_lowercase());
        hits.push(format!(
            "(instr({}, ?{}) > 0)",
            folded("f.title", t),
            params.len()
        ));
    }
    let mut filters = vec!["d.deleted_at IS NULL".to_string()];
    let long: Vec<String> = terms
        .iter()
        .filter(|t| t.chars().count() >= 3)
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect();
    if !long.is_empty() {
        params.push(long.join(" AND "));
        filters.push(format!("f.doc_fts MATCH ?{}", params.len()));
    }
    for t in terms.iter().filter(|t| t.chars().count() < 3) {
        params.push(t.to_ascii_lowercase());
        let p = params.len();
        filters.push(format!(
            "(instr({}, ?{p}) > 0 OR instr({}, ?{p}) > 0)",
            folded("f.title", t),
            folded("f.text", t)
        ));
    }
    let sql = format!(
        "SELECT d.id, {} AS title_hits FROM doc_fts AS f JOIN documents d ON d.id = f.rowid
         WHERE {} ORDER BY title_hits DESC, d.updated_at DESC, d.id DESC LIMIT {limit}",
        hits.join(" + "),
        filters.join(" AND ")
    );
    let conn = s.conn();
    let mut stmt = conn.prepare(&sql).unwrap();
    stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<i64>>>()
        .unwrap()
}

/// FTS5's own consistency check of both indexes.
fn check_indexes(s: &Store) {
    s.conn()
        .execute_batch(
            "INSERT INTO doc_fts (doc_fts, rank) VALUES ('integrity-check', 1);
             INSERT INTO doc_bigram (doc_bigram) VALUES ('integrity-check');",
        )
        .unwrap();
}

/// Documents holding `token` in the pair index `doc_bigram`, whatever the trash says.
fn in_pair_index(s: &Store, token: &str) -> Vec<i64> {
    let conn = s.conn();
    let mut stmt = conn
        .prepare("SELECT rowid FROM doc_bigram WHERE doc_bigram MATCH ?1 ORDER BY rowid")
        .unwrap();
    stmt.query_map([format!("\"{token}\"")], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<i64>>>()
        .unwrap()
}

#[test]
fn store_short_terms_are_answered_by_the_pair_index() {
    let dir = tempfile::tempdir().unwrap();
    let (s, now) = open_fake(dir.path());
    let add = |text: &str| {
        advance(&now, Duration::seconds(10));
        s.add(text).unwrap().id
    };
    let a = add("# 客户成功季度总结\n\n本季度完成三家大客户的续约。");
    let b = add("# 续约跟进\n\n跟进表。");
    let c = add("# 周报\n\n无关内容。");
    assert_eq!(in_pair_index(&s, "续约"), vec![a, b]);
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![b, a]);
    // The pair index alone answers: without a's row there, a is not found, although its text
    // (in the trigram index) still holds 续约.
    s.conn()
        .execute("DELETE FROM doc_bigram WHERE rowid = ?1", [a])
        .unwrap();
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![b]);
    // One-character terms likewise.
    assert_eq!(ids(&s.search("续", 10).unwrap()), vec![b]);
    assert_eq!(ids(&s.search("大客户", 10).unwrap()), vec![a]);
    // Saving a's text writes its row again.
    s.save(
        a,
        "# 客户成功季度总结\n\n本季度完成三家大客户的续约！",
        SaveMode::Manual,
    )
    .unwrap();
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![b, a]);
    // Snippets and highlights are those of the text, as for any other term.
    let hit = &s.search("续约", 10).unwrap()[1];
    assert_eq!(hit.snippet, "客户成功季度总结 本季度完成三家大客户的续约！");
    assert_eq!(hit.highlights, vec![[20, 22]]);
    assert!(s.search("周报 续约", 10).unwrap().is_empty());
    assert_eq!(ids(&s.search("周报 无关", 10).unwrap()), vec![c]);
    check_indexes(&s);
}

#[test]
fn store_search_agrees_with_the_scan_on_mixed_queries() {
    let dir = tempfile::tempdir().unwrap();
    let (s, now) = open_fake(dir.path());
    let add = |text: &str| {
        advance(&now, Duration::seconds(10));
        s.add(text).unwrap().id
    };
    for text in [
        "# 续约跟进记录\n\n跟进表，续约率 Q3 提升。",
        "# 客户成功季度总结\n\n本季度完成三家大客户的续约，客户健康度整体提升。\n\n- 下季度继续 Rust 重构",
        "# 周报\n\n推进续约谈判。RUST 重构完成一半。AI 助手上线，OpenAI 接口。",
        "# 年度總結\n\n繁體中文的客戶健康度報告，續約率提升。",
        "# Q3 计划\n\n客户 健康 度，分开写的词。ab cab abc",
        "# x7ea6xff0c\n\n约 ，客 不相邻：约。客",
        "# 标点\n\n续约，客户说：好。a\"b 与 \"引号\"",
        "# 𠀀𪚥\n\n罕用字 𠀀𪚥 之后 Ｑ３ 全角",
    ] {
        add(text);
    }
    // Pseudo-random documents over a small alphabet, so that pairs recur in every mix.
    let alphabet: Vec<char> = "续约率客户健康度，。 AaQ3b\n".chars().collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((x >> 33) as usize) % n
    };
    let mut generated = Vec::new();
    for _ in 0..40 {
        let len = 3 + next(30);
        let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
        generated.push(add(&format!(
            "# {}\n\n{text}",
            &text[..text.char_indices().nth(3).map_or(text.len(), |(i, _)| i)]
        )));
    }
    s.delete(generated[0]).unwrap();
    s.delete(generated[1]).unwrap();
    let mut queries: Vec<String> = [
        "续约",
        "续约 客户健康度",
        "续约 健康",
        "续约 健康 Q3",
        "q3 续约",
        "Q3",
        "AI",
        "ai 续约率",
        "约，",
        "，客",
        "续 健康度",
        "续 约",
        "RUST",
        "ru 重构",
        "健康 度",
        "ab",
        "AB c",
        "𠀀𪚥",
        "續約",
        "Ｑ３",
        "a\"",
        "\"引",
        "x7",
        "约 。",
    ]
    .iter()
    .map(|q| q.to_string())
    .collect();
    for _ in 0..300 {
        let terms = 1 + next(3);
        let q: Vec<String> = (0..terms)
            .map(|_| {
                let len = 1 + next(3);
                (0..len)
                    .map(|_| alphabet[next(alphabet.len() - 2)])
                    .filter(|c| !c.is_whitespace())
                    .collect()
            })
            .filter(|t: &String| !t.is_empty())
            .collect();
        queries.push(q.join(" "));
    }
    let mut found = 0;
    for q in &queries {
        for limit in [3, 100] {
            let got = ids(&s.search(q, limit).unwrap());
            assert_eq!(
                got,
                search_by_scan(&s, q, limit),
                "query {q:?}, limit {limit}"
            );
            found += got.len();
        }
    }
    assert!(found > 1000, "the queries should find things ({found})");
}

#[test]
fn store_pair_index_follows_trash_purge_and_edits() {
    let dir = tempfile::tempdir().unwrap();
    let (clock, now) = fake_clock(t0());
    let s = Store::open_with_clock(dir.path(), clock.clone()).unwrap();
    let a = s.add("# 甲\n\n续约计划").unwrap().id;
    let b = s.add("# 乙\n\n续约执行").unwrap().id;
    let c = s.add("# 丙\n\n续约总结").unwrap().id;
    // In the trash: not found, though still indexed (it can come back).
    s.delete(a).unwrap();
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![c, b]);
    assert_eq!(in_pair_index(&s, "续约"), vec![a, b, c]);
    s.undelete(a).unwrap();
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![c, b, a]);
    // Purged: gone from the index.
    s.delete(a).unwrap();
    s.purge(a).unwrap();
    assert_eq!(in_pair_index(&s, "续约"), vec![b, c]);
    // An edit that drops the term: no longer found, by an automatic save coalesced into the
    // current revision as by a manual one.
    advance(&now, Duration::seconds(5));
    s.save(b, "# 乙\n\n合同执行", SaveMode::Auto).unwrap();
    s.save(b, "# 乙\n\n合同执行中", SaveMode::Auto).unwrap();
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![c]);
    assert_eq!(ids(&s.search("合同", 10).unwrap()), vec![b]);
    // From the title too.
    s.save(c, "# 续约\n\n总结", SaveMode::Manual).unwrap();
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![c]);
    s.save(c, "# 总结\n\n总结", SaveMode::Manual).unwrap();
    assert!(s.search("续约", 10).unwrap().is_empty());
    assert!(in_pair_index(&s, "续约").is_empty());
    // Reverting brings it back.
    s.revert(b, 1).unwrap();
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![b]);
    check_indexes(&s);
    // The 30-day purge at open removes the index rows by the same trigger.
    s.delete(b).unwrap();
    drop(s);
    advance(&now, Duration::days(31));
    let s = Store::open_with_clock(dir.path(), clock).unwrap();
    assert!(in_pair_index(&s, "续约").is_empty());
    assert!(in_pair_index(&s, "总结").contains(&c));
    check_indexes(&s);
}

/// A store as schema version 1 wrote it: migration 001 only, rows as the version 1 code
/// inserted them.
fn write_v1_store(path: &Path, docs: &[(&str, &str, &str)]) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    rusqlite_migration::Migrations::new(vec![rusqlite_migration::M::up(include_str!(
        "../../migrations/001_init.sql"
    ))])
    .to_latest(&mut conn)
    .unwrap();
    for (i, (title, body, plain)) in docs.iter().enumerate() {
        let at = format!("2026-03-01T08:00:0{i}.000Z");
        conn.execute(
            "INSERT INTO documents (title, created_at, updated_at, chinese_chars, rev)
             VALUES (?1, ?2, ?2, 0, 1)",
            rusqlite::params![title, at],
        )
        .unwrap();
        let id = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO revisions (doc_id, rev, body, created_at, saved_at) VALUES (?1, 1, ?2, ?3, ?3)",
            rusqlite::params![id, body, at],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO doc_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
            rusqlite::params![id, title, plain],
        )
        .unwrap();
    }
    assert_eq!(
        conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
            .unwrap(),
        1
    );
}

#[test]
fn store_a_version_1_store_is_migrated_and_finds_two_character_terms() {
    let docs = [
        ("续约跟进", "# 续约跟进\n\n跟进表。", "续约跟进\n\n跟进表。"),
        (
            "季度总结",
            "# 季度总结\n\n完成三家客户的续约，客户健康度提升。",
            "季度总结\n\n完成三家客户的续约，客户健康度提升。",
        ),
        ("周报", "# 周报\n\n无关。", "周报\n\n无关。"),
    ];
    let dir = tempfile::tempdir().unwrap();
    write_v1_store(&dir.path().join(DB_FILE), &docs);
    let (s, _) = open_fake(dir.path());
    assert!(s.open_report().is_none());
    let version: i64 = s
        .conn()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, super::file::SCHEMA_VERSION);
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![1, 2]);
    assert_eq!(ids(&s.search("续约 健康", 10).unwrap()), vec![2]);
    assert_eq!(ids(&s.search("续约 客户健康度", 10).unwrap()), vec![2]);
    assert_eq!(in_pair_index(&s, "续约"), vec![1, 2]);
    check_indexes(&s);
    // New writes go on from there.
    s.save(1, "# 跟进\n\n跟进表。", SaveMode::Manual).unwrap();
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![2]);

    // A version 1 backup restored into a current store gets the index too.
    let backups = dir.path().join(BACKUP_DIR);
    std::fs::create_dir_all(&backups).unwrap();
    let old = backups.join("recap-20260101-000000.sqlite3");
    let other = tempfile::tempdir().unwrap();
    write_v1_store(&other.path().join(DB_FILE), &docs[..1]);
    {
        let conn = rusqlite::Connection::open(other.path().join(DB_FILE)).unwrap();
        conn.execute("VACUUM INTO ?1", [old.to_string_lossy()])
            .unwrap();
    }
    s.restore(&old).unwrap();
    assert_eq!(ids(&s.search("续约", 10).unwrap()), vec![1]);
    assert_eq!(ids(&s.search("跟进", 10).unwrap()), vec![1]);
    check_indexes(&s);
}

#[test]
fn store_index_merging_keeps_the_indexes_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = open_fake(dir.path());
    // One segment per transaction; automerge is off, so they pile up until merged.
    let mut all = Vec::new();
    for i in 0..40 {
        all.push(
            s.add(&format!("# 文档{i}\n\n续约第{i}次，客户健康度。"))
                .unwrap()
                .id,
        );
    }
    for &id in all.iter().step_by(3) {
        s.save(id, "# 改过\n\n没有那个词", SaveMode::Manual)
            .unwrap();
    }
    let before = (
        s.search("续约", 100).unwrap(),
        s.search("客户健康度", 100).unwrap(),
    );
    let mut steps = 0;
    while super::maintenance::merge_step(&mut s.conn()).unwrap() {
        steps += 1;
        assert!(steps < 1000);
    }
    assert!(steps > 0, "there were segments to merge");
    let after = (
        s.search("续约", 100).unwrap(),
        s.search("客户健康度", 100).unwrap(),
    );
    assert_eq!(before, after);
    assert_eq!(before.0.len(), 26);
    check_indexes(&s);
}

#[test]
fn store_dialogs_start_in_the_last_folder_while_it_exists() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = open_fake(dir.path());
    let fallback = s.dialog_folder();
    // Documents or home, whichever this machine has; never a folder that is not there.
    assert!(fallback.as_deref().is_none_or(Path::is_dir));

    let exports = dir.path().join("导出");
    std::fs::create_dir(&exports).unwrap();
    s.remember_folder(&exports.join("2026年度工作总结.docx"))
        .unwrap();
    assert_eq!(s.dialog_folder().as_deref(), Some(exports.as_path()));

    // Removed since: back to the fallback, and the setting does not stop dialogs working.
    std::fs::remove_dir(&exports).unwrap();
    assert_eq!(s.dialog_folder(), fallback);

    // A bare file name has no folder to remember; a relative one is never offered.
    s.remember_folder(Path::new("a.docx")).unwrap();
    s.set_setting(super::settings::LAST_FOLDER, "relative/dir")
        .unwrap();
    assert_eq!(s.dialog_folder(), fallback);
}
