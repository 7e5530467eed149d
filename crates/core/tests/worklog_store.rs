//! The work log on a real store: entries, history, trash, labels, search, the calendar,
//! backups, and every import source (paste, text file, folder, CSV in GBK, XLSX with formulas
//! and merged cells), with bad input refused whole.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use recap_core::Lang;
use recap_core::store::Store;
use recap_core::worklog::entry::LabelKind;
use recap_core::worklog::import::{self, ItemStatus, SkipReason, SourceKind};
use recap_core::worklog::{EntryEdit, EntryQuery, NewEntry, PasteProblem};
use std::path::{Path, PathBuf};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/worklog")
        .join(name)
}

fn new(date: &str, text: &str) -> NewEntry {
    NewEntry {
        date: d(date),
        text: text.into(),
    }
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path()).unwrap();
    (dir, s)
}

#[test]
fn an_entry_keeps_its_text_history_and_trash() {
    let (_dir, s) = store();
    let typed = "  @AI：编写需求文档 #需求  ";
    let e = s.add_entry(&new("2026-11-02", typed)).unwrap();
    assert_eq!(e.text, typed, "the text is stored exactly as typed");
    assert_eq!(
        (e.projects.clone(), e.tags.clone()),
        (vec!["AI".to_string()], vec!["需求".to_string()])
    );
    assert_eq!(e.rev, 1);

    let edited = s
        .update_entry(
            e.id,
            &EntryEdit {
                text: Some("@AI：需求文档初稿完成 12 页".into()),
                date: None,
            },
        )
        .unwrap();
    assert_eq!(edited.rev, 2);
    assert_eq!(edited.figures[0].text, "12 页");
    // The same text again writes nothing.
    let same = s
        .update_entry(
            e.id,
            &EntryEdit {
                text: Some("@AI：需求文档初稿完成 12 页".into()),
                date: None,
            },
        )
        .unwrap();
    assert_eq!(same.rev, 2);
    let moved = s
        .update_entry(
            e.id,
            &EntryEdit {
                date: Some(d("2026-11-03")),
                text: None,
            },
        )
        .unwrap();
    assert_eq!((moved.rev, moved.date), (3, d("2026-11-03")));
    let h = s.entry_history(e.id).unwrap();
    let got: Vec<(u32, String, bool)> = h
        .iter()
        .map(|v| (v.rev, v.text.clone(), v.current))
        .collect();
    assert_eq!(
        got,
        [
            (3, "@AI：需求文档初稿完成 12 页".to_string(), true),
            (2, "@AI：需求文档初稿完成 12 页".to_string(), false),
            (1, typed.to_string(), false),
        ]
    );
    assert_eq!(
        h[1].date,
        d("2026-11-02"),
        "version 2 was still dated the 2nd"
    );
    // The search index follows the edit: the old words are gone, the new ones found.
    let q = |t: &str| EntryQuery {
        text: t.into(),
        ..EntryQuery::default()
    };
    assert!(s.search_entries(&q("编写")).unwrap().is_empty());
    assert_eq!(s.search_entries(&q("初稿")).unwrap().len(), 1);

    s.delete_entry(e.id).unwrap();
    assert!(s.entries_of_day(d("2026-11-03")).unwrap().is_empty());
    assert!(s.search_entries(&q("初稿")).unwrap().is_empty());
    assert_eq!(s.entry_trash().unwrap()[0].id, e.id);
    s.restore_entry(e.id).unwrap();
    assert_eq!(s.entries_of_day(d("2026-11-03")).unwrap().len(), 1);

    let err = s.add_entry(&new("2026-11-02", "   ")).unwrap_err();
    assert_eq!(err.code(), "invalid-input");
    assert_eq!(s.entry(999).unwrap_err().code(), "not-found");
    assert_eq!(s.entry_count().unwrap(), 1);
}

#[test]
fn a_day_lists_newest_first_and_a_range_groups_by_day() {
    let (_dir, s) = store();
    let a = s.add_entry(&new("2026-11-02", "上午 拜访客户")).unwrap();
    let b = s.add_entry(&new("2026-11-02", "下午 写方案")).unwrap();
    let c = s.add_entry(&new("2026-11-04", "复盘")).unwrap();
    s.add_entry(&new("2026-11-09", "下周的")).unwrap();
    let ids: Vec<i64> = s
        .entries_of_day(d("2026-11-02"))
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, [b.id, a.id]);
    let week = s.entries_by_day(d("2026-11-02"), d("2026-11-08")).unwrap();
    let shape: Vec<(NaiveDate, Vec<i64>)> = week
        .iter()
        .map(|x| (x.date, x.entries.iter().map(|e| e.id).collect()))
        .collect();
    assert_eq!(
        shape,
        [
            (d("2026-11-02"), vec![a.id, b.id]),
            (d("2026-11-04"), vec![c.id])
        ]
    );
}

#[test]
fn labels_complete_most_used_first_and_count_live_entries_only() {
    let (_dir, s) = store();
    for t in [
        "#客户 拜访",
        "#客户 回访",
        "#客户 续约",
        "#客户成功 周会",
        "#交付 上线",
        "#交付 验收",
    ] {
        s.add_entry(&new("2026-11-02", t)).unwrap();
    }
    s.add_entry(&new("2026-11-02", "@AI 需求")).unwrap();
    s.add_entry(&new("2026-11-05", "@ai 评审")).unwrap();
    let names = |kind, prefix| -> Vec<(String, u32)> {
        s.entry_labels(kind, prefix, 10)
            .unwrap()
            .into_iter()
            .map(|u| (u.name, u.count))
            .collect()
    };
    assert_eq!(
        names(LabelKind::Tag, "客"),
        [("客户".into(), 3), ("客户成功".into(), 1)]
    );
    assert_eq!(
        names(LabelKind::Tag, ""),
        [
            ("客户".into(), 3),
            ("交付".into(), 2),
            ("客户成功".into(), 1)
        ]
    );
    // One project however it is cased; named as most recently written.
    let p = s.entry_labels(LabelKind::Project, "#A", 10).unwrap();
    assert_eq!(
        (p[0].name.as_str(), p[0].count, p[0].last_date),
        ("ai", 2, d("2026-11-05"))
    );
    let gone = s.search_entries(&EntryQuery::parse("#客户 续约")).unwrap();
    s.delete_entry(gone[0].entry.id).unwrap();
    assert_eq!(names(LabelKind::Tag, "客户")[0], ("客户".into(), 2));
}

#[test]
fn search_combines_text_tags_and_projects_and_finds_one_or_two_characters() {
    let (_dir, s) = store();
    let first = s
        .add_entry(&new("2026-11-02", "续约签字 @华东 #客户"))
        .unwrap();
    s.add_entry(&new("2026-11-03", "续约谈判 @华南 #客户"))
        .unwrap();
    s.add_entry(&new("2026-11-04", "客户续约率 92.9% @华东 #数据"))
        .unwrap();
    s.add_entry(&new("2026-11-05", "写周报")).unwrap();
    let ids = |q: EntryQuery| -> Vec<i64> {
        s.search_entries(&q)
            .unwrap()
            .into_iter()
            .map(|h| h.entry.id)
            .collect()
    };
    assert_eq!(ids(EntryQuery::parse("续约 #客户 @华东")), [first.id]);
    assert_eq!(ids(EntryQuery::parse("续约")).len(), 3);
    assert_eq!(ids(EntryQuery::parse("续")).len(), 3);
    assert_eq!(ids(EntryQuery::parse("续约率")).len(), 1);
    assert_eq!(ids(EntryQuery::parse("@华东")).len(), 2);
    assert_eq!(
        ids(EntryQuery::parse("约 报")).len(),
        0,
        "every term must hold"
    );
    let ranged = EntryQuery {
        text: "续约".into(),
        from: Some(d("2026-11-03")),
        to: Some(d("2026-11-03")),
        ..EntryQuery::default()
    };
    assert_eq!(ids(ranged).len(), 1);
    assert!(
        ids(EntryQuery::default()).is_empty(),
        "nothing asked, nothing found"
    );
    let hit = &s.search_entries(&EntryQuery::parse("续约率")).unwrap()[0];
    let chars: Vec<char> = hit.snippet.chars().collect();
    for [a, b] in &hit.highlights {
        assert_eq!(chars[*a..*b].iter().collect::<String>(), "续约率");
    }
}

#[test]
fn a_month_of_the_calendar_counts_each_day() {
    let (_dir, s) = store();
    s.add_entry(&new("2026-10-31", "十月底")).unwrap();
    for t in ["一", "二", "三"] {
        s.add_entry(&new("2026-11-02", t)).unwrap();
    }
    let gone = s.add_entry(&new("2026-11-03", "删掉的")).unwrap();
    s.delete_entry(gone.id).unwrap();
    s.add_entry(&new("2026-11-30", "月底")).unwrap();
    let g = s.entry_calendar(2026, 11, d("2026-11-02")).unwrap();
    assert_eq!((g.total, g.days_with_entries), (4, 2));
    let cell = |date: &str| {
        *g.weeks
            .iter()
            .flatten()
            .find(|c| c.date == d(date))
            .unwrap()
    };
    assert_eq!(
        (cell("2026-10-31").count, cell("2026-10-31").in_month),
        (1, false)
    );
    assert_eq!(cell("2026-11-02").count, 3);
    assert_eq!(cell("2026-11-03").count, 0, "the trash is not counted");
    assert!(cell("2026-11-02").today);
}

#[test]
fn backups_hold_the_entries_and_a_log_alone_is_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path()).unwrap();
    assert!(
        s.backups().unwrap().is_empty(),
        "an empty store is not backed up"
    );
    let e = s
        .add_entry(&new("2026-11-02", "备份前的记录 #备份"))
        .unwrap();
    drop(s);
    // The daily backup at open runs for a store that holds entries and no document.
    let s = Store::open(dir.path()).unwrap();
    let backups = s.backups().unwrap();
    assert_eq!(backups.len(), 1);
    s.add_entry(&new("2026-11-03", "备份后的记录")).unwrap();
    s.restore(&backups[0].path).unwrap();
    assert_eq!(s.entry_count().unwrap(), 1);
    let back = s.entry(e.id).unwrap();
    assert_eq!(
        (back.text.as_str(), back.tags.clone()),
        ("备份前的记录 #备份", vec!["备份".to_string()])
    );
    let found = s.search_entries(&EntryQuery::parse("备份")).unwrap();
    assert_eq!(
        found.len(),
        1,
        "the search indexes came back with the entries"
    );
}

/// The date each bullet of the fixture falls under, read from its headers by this test's own
/// reading of the three header styles.
fn fixture_dates(text: &str) -> Vec<NaiveDate> {
    let iso = regex::Regex::new(r"^(?:## )?(\d{4}-\d{2}-\d{2})(?:（周.）)?$").unwrap();
    let md = regex::Regex::new(r"^(\d{1,2})月(\d{1,2})日 周.$").unwrap();
    let mut current = None;
    let mut out = Vec::new();
    for line in text.lines() {
        if let Some(c) = iso.captures(line) {
            current = Some(d(&c[1]));
        } else if let Some(c) = md.captures(line) {
            current = NaiveDate::from_ymd_opt(2026, c[1].parse().unwrap(), c[2].parse().unwrap());
        } else if line.starts_with("- ") {
            out.push(current.unwrap());
        }
    }
    out
}

#[test]
fn the_fixture_imports_once_undoes_whole_and_comes_back_from_the_trash() {
    let (_dir, s) = store();
    let path = fixture("cs-manager-2026.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let want = fixture_dates(&text);
    assert!(want.len() >= 290, "{} notes", want.len());
    let mut p = import::preview_path(&path, d("2026-12-03"), Lang::ZhHans).unwrap();
    assert_eq!(p.kind, SourceKind::Text);
    let got: Vec<NaiveDate> = p.items.iter().map(|i| i.date.unwrap()).collect();
    assert_eq!(got, want);
    assert!(p.items.iter().all(|i| i.problem.is_none()));
    // The title line is a heading, shown as left out.
    assert_eq!(p.skipped.len(), 1);
    assert_eq!(p.skipped[0].reason, SkipReason::Heading);
    // A continuation line stays with its note.
    let cont = text.lines().filter(|l| l.starts_with("  ")).count();
    assert_eq!(
        p.items.iter().filter(|i| i.text.contains('\n')).count(),
        cont
    );

    s.mark_import_status(&mut p).unwrap();
    assert_eq!(p.counts().new, want.len());
    let entries = p.to_entries(None, Lang::ZhHans).unwrap();
    let first = s.import_entries(p.kind, &p.source, &entries).unwrap();
    assert_eq!((first.added as usize, first.skipped), (want.len(), 0));
    let batch = first.batch_id.unwrap();

    let mut again = import::preview_path(&path, d("2026-12-03"), Lang::ZhHans).unwrap();
    s.mark_import_status(&mut again).unwrap();
    assert!(
        again
            .items
            .iter()
            .all(|i| matches!(i.status, ItemStatus::Duplicate { .. }))
    );
    let second = s
        .import_entries(again.kind, &again.source, &entries)
        .unwrap();
    assert_eq!(
        (second.added, second.skipped as usize, second.batch_id),
        (0, want.len(), None)
    );
    assert_eq!(s.entry_count().unwrap() as usize, want.len());

    assert_eq!(s.undo_import(batch).unwrap(), want.len());
    assert_eq!(s.entry_count().unwrap(), 0);
    assert_eq!(
        s.undo_import(batch).unwrap(),
        0,
        "undoing twice changes nothing"
    );
    let third = s
        .import_entries(again.kind, &again.source, &entries)
        .unwrap();
    assert_eq!((third.added, third.restored as usize), (0, want.len()));
    assert_eq!(s.entry_count().unwrap() as usize, want.len());
    let batches = s.import_batches().unwrap();
    assert_eq!(batches.len(), 2);
    assert!(batches[1].undone_at.is_some());
}

#[test]
fn a_paste_is_split_and_undated_lines_wait_for_a_date() {
    let (_dir, s) = store();
    let paste =
        "先写一句\n11月2日（周一）\n- 拜访 @星河 #客户\n- 整理纪要\n周二 写方案\n2026-02-30 盘点\n";
    let p = import::preview_paste(paste, d("2026-11-06"), Lang::ZhHans).unwrap();
    let dates: Vec<Option<NaiveDate>> = p.items.iter().map(|i| i.date).collect();
    assert_eq!(
        dates,
        [
            None,
            Some(d("2026-11-02")),
            Some(d("2026-11-02")),
            Some(d("2026-11-03")),
            None
        ]
    );
    assert_eq!(p.items[0].problem, Some(PasteProblem::Undated));
    assert!(matches!(
        p.items[4].problem,
        Some(PasteProblem::NoSuchDate { .. })
    ));
    let err = p.to_entries(None, Lang::ZhHans).unwrap_err();
    let msg = err.message(Lang::ZhHans);
    assert!(
        msg.contains("2 条记录没有日期") && msg.contains("第 1 行") && msg.contains("第 6 行"),
        "{msg}"
    );
    assert_eq!(s.entry_count().unwrap(), 0);
}

#[test]
fn a_folder_of_5000_daily_notes_is_one_import() {
    let (_dir, s) = store();
    let notes = tempfile::tempdir().unwrap();
    let start = d("2012-01-01");
    for n in 0..5000u64 {
        let day = start + chrono::Days::new(n);
        let sub = notes.path().join(day.format("%Y").to_string());
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("{day}.md")),
            format!(
                "---\ntags: daily\n---\n# {day}\n\n- 第 {n} 天的记录 #日记\n- 和 @团队 对齐进度\n"
            ),
        )
        .unwrap();
    }
    std::fs::write(notes.path().join("README.md"), "不是日记").unwrap();
    std::fs::write(notes.path().join("2026-02-30.md"), "- 不存在的日子").unwrap();
    std::fs::create_dir_all(notes.path().join(".obsidian")).unwrap();
    std::fs::write(
        notes.path().join(".obsidian/2026-01-01.md"),
        "- 设置文件夹里的",
    )
    .unwrap();
    let p = import::preview_path(notes.path(), d("2026-12-03"), Lang::ZhHans).unwrap();
    assert_eq!(p.kind, SourceKind::Folder);
    assert_eq!(p.items.len(), 10_000);
    // The date heading under the front matter is the day itself: a header, not an entry.
    assert!(
        p.items
            .iter()
            .all(|i| i.date.is_some() && !i.text.starts_with('#'))
    );
    let last = start + chrono::Days::new(4999);
    assert_eq!(p.items.last().unwrap().date, Some(last));
    assert_eq!(
        p.items[0].origin.file.as_deref(),
        Some("2012/2012-01-01.md")
    );
    assert_eq!(
        p.items[0].origin.line,
        Some(6),
        "lines count from the top of the file"
    );
    let names: Vec<&str> = p
        .skipped
        .iter()
        .filter_map(|x| x.origin.file.as_deref())
        .collect();
    assert_eq!(names, ["2026-02-30.md", "README.md"]);
    let entries = p.to_entries(None, Lang::ZhHans).unwrap();
    let out = s.import_entries(p.kind, &p.source, &entries).unwrap();
    assert_eq!(out.added, 10_000);
    assert_eq!(s.import_batches().unwrap().len(), 1);
    assert_eq!(
        s.entry_labels(LabelKind::Project, "团", 5).unwrap()[0].count,
        5000
    );
}

#[test]
fn a_csv_in_gbk_reads_with_its_columns_and_a_bad_date_stops_it() {
    let (_dir, s) = store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("日报导出.csv");
    let text = "日期,工作内容,备注\r\n2026-11-02,拜访星河零售 #客户,带报价单\r\n2026/11/3,整理纪要,\r\n,补充：会后回访 12 家,\r\n2026-02-30,月底盘点,\r\n";
    let (bytes, _, bad) = encoding_rs::GBK.encode(text);
    assert!(!bad);
    std::fs::write(&path, &bytes).unwrap();
    let t = import::table_preview(&path, None, d("2026-12-03"), Lang::ZhHans).unwrap();
    assert!(t.guess.header);
    assert_eq!(t.guess.date_column, 0);
    assert_eq!(t.guess.text_columns, [1, 2], "备注 names a text column too");
    assert_eq!(t.columns[1].name, "工作内容");
    let p = import::preview_table(&path, &t.guess, d("2026-12-03"), Lang::ZhHans).unwrap();
    assert!(p.notes.iter().any(|n| n.contains("GBK")), "{:?}", p.notes);
    let got: Vec<(Option<NaiveDate>, &str, Option<usize>)> = p
        .items
        .iter()
        .map(|i| (i.date, i.text.as_str(), i.origin.row))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some(d("2026-11-02")),
                "拜访星河零售 #客户\n备注：带报价单",
                Some(2)
            ),
            (Some(d("2026-11-03")), "整理纪要", Some(3)),
            (Some(d("2026-11-03")), "补充：会后回访 12 家", Some(4)),
            (None, "月底盘点", Some(5)),
        ]
    );
    let err = p.to_entries(None, Lang::En).unwrap_err();
    assert!(
        err.message(Lang::En).contains("line 5"),
        "{}",
        err.message(Lang::En)
    );
    assert_eq!(s.entry_count().unwrap(), 0, "nothing half-imported");
}

#[test]
fn an_xlsx_with_formulas_and_merged_cells_gives_its_cached_values() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("周报.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_string(0, 0, "日期").unwrap();
    ws.write_string(0, 1, "工作内容").unwrap();
    ws.write_string(0, 2, "数量").unwrap();
    ws.write_datetime_with_format(1, 0, ExcelDateTime::from_ymd(2026, 11, 2).unwrap(), &date)
        .unwrap();
    ws.write_string(1, 1, "拜访 @星河 #客户").unwrap();
    // A day's date merged down over its two rows.
    ws.merge_range(2, 0, 3, 0, "", &date).unwrap();
    ws.write_datetime_with_format(2, 0, ExcelDateTime::from_ymd(2026, 11, 3).unwrap(), &date)
        .unwrap();
    ws.write_string(2, 1, "整理纪要").unwrap();
    ws.write_string(3, 1, "回访 @澄江").unwrap();
    // Formulas, with the values Excel saved for them.
    let serial = (d("2026-11-04") - d("1899-12-30")).num_days();
    ws.write_formula_with_format(
        4,
        0,
        Formula::new("=A3+1").set_result(serial.to_string()),
        &date,
    )
    .unwrap();
    ws.write_number(4, 2, 12).unwrap();
    ws.write_formula(
        4,
        1,
        Formula::new("=\"完成\"&C5&\"家门店上线\"").set_result("完成12家门店上线"),
    )
    .unwrap();
    // A note merged across two columns.
    ws.write_datetime_with_format(5, 0, ExcelDateTime::from_ymd(2026, 11, 5).unwrap(), &date)
        .unwrap();
    ws.merge_range(5, 1, 5, 2, "跨列合并的说明", &Format::new())
        .unwrap();
    wb.save(&path).unwrap();

    let t = import::table_preview(&path, None, d("2026-12-03"), Lang::ZhHans).unwrap();
    assert_eq!(t.kind, SourceKind::Xlsx);
    assert_eq!(
        (t.guess.date_column, t.guess.text_columns.clone()),
        (0, vec![1])
    );
    let p = import::preview_table(&path, &t.guess, d("2026-12-03"), Lang::ZhHans).unwrap();
    let got: Vec<(Option<NaiveDate>, &str)> =
        p.items.iter().map(|i| (i.date, i.text.as_str())).collect();
    assert_eq!(
        got,
        [
            (Some(d("2026-11-02")), "拜访 @星河 #客户"),
            (Some(d("2026-11-03")), "整理纪要"),
            (Some(d("2026-11-03")), "回访 @澄江"),
            (Some(d("2026-11-04")), "完成12家门店上线"),
            (Some(d("2026-11-05")), "跨列合并的说明"),
        ]
    );
    let (_sdir, s) = store();
    let entries = p.to_entries(None, Lang::ZhHans).unwrap();
    assert_eq!(
        s.import_entries(p.kind, &p.source, &entries).unwrap().added,
        5
    );
    assert_eq!(
        s.entries_of_day(d("2026-11-04")).unwrap()[0].figures[0].text,
        "12家"
    );
}

#[test]
fn bad_input_is_refused_whole_in_the_users_language() {
    let (_dir, s) = store();
    s.add_entry(&new("2026-11-01", "原有的一条")).unwrap();
    // A 10 MB paste.
    let big = "2026-11-02 很长的粘贴内容，一行又一行\n".repeat(10 * 1024 * 1024 / 48);
    assert!(big.len() >= 10 * 1000 * 1000);
    for (lang, words) in [
        (Lang::ZhHans, "什么都没有保存"),
        (Lang::ZhHant, "什麼都沒有儲存"),
        (Lang::En, "nothing was saved"),
    ] {
        let err = import::preview_paste(&big, d("2026-12-03"), lang).unwrap_err();
        assert!(err.message(lang).contains(words), "{}", err.message(lang));
    }
    // One oversized note among good ones: the import stores none of them.
    let mut entries: Vec<NewEntry> = (1..=20)
        .map(|i| new("2026-11-02", &format!("第 {i} 条")))
        .collect();
    entries.insert(10, new("2026-11-02", &"长".repeat(30_000)));
    let err = s
        .import_entries(SourceKind::Paste, "paste", &entries)
        .unwrap_err();
    assert_eq!(err.code(), "too-large");
    assert_eq!(s.entry_count().unwrap(), 1);
    assert!(s.import_batches().unwrap().is_empty());
    // Not a text file at all.
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("notes.txt");
    std::fs::write(&bin, [0u8, 159, 146, 150, 0, 255]).unwrap();
    let err = import::preview_path(&bin, d("2026-12-03"), Lang::ZhHans).unwrap_err();
    assert!(
        err.message(Lang::ZhHans).contains("不是文本文件"),
        "{}",
        err.message(Lang::ZhHans)
    );
    // An .xlsx that is no zip package.
    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, "not a workbook").unwrap();
    let err = import::preview_path(&fake, d("2026-12-03"), Lang::En).unwrap_err();
    assert_eq!(err.code(), "import-failed");
    assert!(
        err.message(Lang::En).contains("cannot be read"),
        "{}",
        err.message(Lang::En)
    );
    assert_eq!(s.entry_count().unwrap(), 1);
}
