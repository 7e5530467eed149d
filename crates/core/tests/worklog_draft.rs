//! Drafting a summary from the log and the stored reports, on a real store: routing, merging
//! by project, the review of the last plan, sources on every item, and no figure the user did
//! not write.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use recap_core::store::Store;
use recap_core::worklog::NewEntry;
use recap_core::worklog::draft::{self, Draft, DraftRequest, ReviewStatus, Source};
use recap_core::worklog::entry::{fold_label, recognise};
use recap_core::worklog::import;
use recap_core::worklog::route::Role;
use recap_core::{Lang, Metadata, Period, template};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/worklog")
        .join(name)
}

fn request(template_id: &str, period: &str, lang: Lang) -> DraftRequest {
    DraftRequest {
        template: template::find(template_id).unwrap(),
        period: Period::parse(period).unwrap(),
        lang,
        meta: Metadata {
            author: Some("林晓舟".into()),
            ..Metadata::default()
        },
    }
}

/// A store holding the fixture's three months, its two weekly reports and the Q3 summary.
fn fixture_store() -> (tempfile::TempDir, Store, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path()).unwrap();
    let p = import::preview_path(
        &fixture("cs-manager-2026.md"),
        d("2026-12-03"),
        Lang::ZhHans,
    )
    .unwrap();
    let entries = p.to_entries(None, Lang::ZhHans).unwrap();
    s.import_entries(p.kind, &p.source, &entries).unwrap();
    let ids = ["weekly-2026-W45.md", "weekly-2026-W46.md", "q3-summary.md"]
        .iter()
        .map(|f| {
            s.add(&std::fs::read_to_string(fixture(f)).unwrap())
                .unwrap()
                .id
        })
        .collect();
    (dir, s, ids)
}

/// Every figure of every item (and review row) is one of its sources' figures.
fn assert_figures_have_sources(s: &Store, d: &Draft) {
    let source_figures = |src: &[Source]| -> HashSet<(String, String)> {
        let mut out = HashSet::new();
        for x in src {
            let text = match x {
                Source::Entry { id, .. } => s.entry(*id).unwrap().text,
                Source::Document { doc_id, .. } => s.get(*doc_id).unwrap().body,
            };
            out.extend(recognise(&text).figures.iter().map(|f| f.key()));
        }
        out
    };
    let mut checked = 0;
    for sec in &d.sections {
        for item in &sec.items {
            let have = source_figures(&item.sources);
            for f in recognise(&item.text).figures {
                assert!(
                    have.contains(&f.key()),
                    "{} in “{}” has no source",
                    f.text,
                    item.text
                );
                checked += 1;
            }
        }
    }
    for r in &d.review {
        let have = source_figures(std::slice::from_ref(&r.source));
        for f in recognise(&format!("{} {}", r.plan_item, r.target)).figures {
            assert!(
                have.contains(&f.key()),
                "{} in the plan row “{}”",
                f.text,
                r.plan_item
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "the property was checked on some figures");
}

#[test]
fn a_quarter_drafts_from_the_log_the_reports_and_the_last_plan() {
    let (_dir, s, ids) = fixture_store();
    let (w45, w46, q3) = (ids[0], ids[1], ids[2]);
    let req = request("quarterly", "2026-Q4", Lang::ZhHans);
    let dr = s.draft(&req).unwrap();
    let q4 = Period::parse("2026-Q4").unwrap();
    assert_eq!(dr.title, "2026年第四季度工作总结");
    let roles: Vec<Role> = dr.sections.iter().map(|x| x.role).collect();
    assert_eq!(
        roles,
        [
            Role::Goals,
            Role::Work,
            Role::Problems,
            Role::Plan,
            Role::Support
        ]
    );

    // Every item cites its sources; every cited note is of the quarter, and every note of the
    // quarter is cited or listed as unused with a reason.
    let in_q4: HashSet<i64> = s
        .entries_between(q4.start, q4.end)
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    let mut cited = HashSet::new();
    for sec in &dr.sections {
        for item in &sec.items {
            assert!(!item.sources.is_empty(), "{}", item.text);
            for src in &item.sources {
                if let Source::Entry { id, date } = src {
                    assert!(in_q4.contains(id));
                    assert_eq!(s.entry(*id).unwrap().date, *date);
                    cited.insert(*id);
                }
            }
        }
    }
    let unused: HashSet<i64> = dr.unused.iter().map(|u| u.id).collect();
    assert!(cited.is_disjoint(&unused));
    assert_eq!(cited.len() + unused.len(), in_q4.len());
    assert_eq!(dr.stats.entries, in_q4.len());

    // Same-project notes are one item, labelled with the project; no label twice in a section.
    for sec in &dr.sections {
        let mut labels = HashSet::new();
        // (Month labels group loose notes by date, not by a label of theirs.)
        for item in sec
            .items
            .iter()
            .filter(|i| i.label.as_ref().is_some_and(|l| !l.ends_with('月')))
        {
            let label = item.label.clone().unwrap();
            assert!(
                labels.insert(fold_label(&label)),
                "{label} twice in {}",
                sec.title
            );
            assert!(item.text.starts_with(&format!("{label}：")));
            for src in &item.sources {
                let Source::Entry { id, .. } = src else {
                    continue;
                };
                let e = s.entry(*id).unwrap();
                let key = fold_label(&label);
                let by_project = e.projects.first().map(|p| fold_label(p)) == Some(key.clone());
                let by_tag = e.projects.is_empty() && e.tags.iter().any(|t| fold_label(t) == key);
                assert!(by_project || by_tag, "{} is not of {label}", e.text);
            }
        }
    }

    // Problems: every note there is a problem by tag or wording.
    let problems = &dr.sections[2];
    assert!(!problems.items.is_empty());
    // The reports' items are there, citing report and section; W45's risk goes to problems.
    let from_w45 = problems
        .items
        .iter()
        .find(|i| i.text.starts_with("青禾医疗接口超时仍未根治"))
        .unwrap();
    assert_eq!(
        from_w45.sources,
        [Source::Document {
            doc_id: w45,
            title: "2026年第45周周报".into(),
            section: "问题与风险".into()
        }]
    );
    assert!(dr.sections[0].items.iter().any(|i| {
        i.sources
            .iter()
            .any(|x| matches!(x, Source::Document { doc_id, .. } if *doc_id == w46))
    }));
    assert_eq!(dr.stats.documents, 2);

    // The plan: the log ends on 30 November, so no plan falls in the quarter's last weeks, and
    // W46's plan (mid-November) is not next quarter's: the section keeps its prompt.
    let plan = &dr.sections[3];
    assert!(plan.items.is_empty() && plan.prompt_kept);
    assert!(plan.prompt.starts_with('【'));

    // The review of Q3's plan, item by item, in the goals section.
    assert_eq!(dr.review_in, Some(0));
    let items: Vec<&str> = dr.review.iter().map(|r| r.plan_item.as_str()).collect();
    assert_eq!(
        items,
        [
            "续约率提升到 94%",
            "健康度看板预警推送",
            "工单平均响应时间控制在 3 小时以内。",
            "培训体系认证考试"
        ]
    );
    for r in &dr.review {
        assert_eq!(
            r.source,
            Source::Document {
                doc_id: q3,
                title: "2026年第三季度工作总结".into(),
                section: "下季度计划".into()
            }
        );
        assert!(r.matches.iter().all(|m| in_q4.contains(&m.id)));
        assert_eq!(r.matches.is_empty(), r.suggested == ReviewStatus::NotDone);
    }
    assert_figures_have_sources(&s, &dr);

    // As Markdown: each item and review row ends in its source marker, the check pointing at
    // what is left to do (the kept prompts and the suggested statuses).
    let md = draft::to_markdown(&dr);
    let markers = md.matches("recap:sources/").count();
    let items: usize = dr.sections.iter().map(|x| x.items.len()).sum();
    assert_eq!(markers, items + dr.review.len());
    assert!(md.contains("[依据："), "{md}");
    assert!(md.contains("| 事项 | 目标 | 状态 | 说明 |"));
    assert!(md.contains("《2026年第45周周报》·问题与风险"));
    let doc = recap_core::markdown::parse(&md).unwrap();
    assert_eq!(doc.meta.template.as_deref(), Some("quarterly"));
    assert_eq!(doc.meta.period, Some(q4));
    assert_eq!(doc.meta.author.as_deref(), Some("林晓舟"));
    let report = recap_core::check::check(&md, &Default::default()).unwrap();
    let placeholders = report
        .findings
        .iter()
        .filter(|f| f.rule == "placeholder")
        .count();
    // The review's guidance, its four status cells, and the plan section's prompt.
    assert_eq!(placeholders, 1 + 4 + 1, "{:#?}", report.findings);
    assert!(!report.findings.iter().any(|f| f.rule == "missing-section"));
}

fn one_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path()).unwrap();
    (dir, s)
}

fn add(s: &Store, date: &str, text: &str) -> i64 {
    s.add_entry(&NewEntry {
        date: d(date),
        text: text.into(),
    })
    .unwrap()
    .id
}

#[test]
fn a_week_routes_each_note_and_merges_a_project_with_its_dates() {
    let (_dir, s) = one_store();
    let a = add(&s, "2026-11-16", "@看板 需求评审，确认 5 个指标");
    let b = add(&s, "2026-11-18", "@看板 v2 上线，覆盖 42 家客户");
    let c = add(&s, "2026-11-19", "@看板 修复预警规则");
    let p = add(&s, "2026-11-17", "数据接口延期，影响月报 #风险");
    let n = add(&s, "2026-11-20", "下周约 @星河 采购总监面谈");
    let loose = add(&s, "2026-11-20", "整理客户访谈纪要");
    add(&s, "2026-11-23", "下一周的记录，不在本周");
    let dr = s
        .draft(&request("weekly", "2026-W47", Lang::ZhHans))
        .unwrap();
    let titles: Vec<&str> = dr.sections.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["本周完成", "进行中", "问题与风险", "下周计划"]);
    let ids = |k: usize| -> Vec<Vec<i64>> {
        dr.sections[k]
            .items
            .iter()
            .map(|i| {
                i.sources
                    .iter()
                    .map(|x| match x {
                        Source::Entry { id, .. } => *id,
                        Source::Document { .. } => 0,
                    })
                    .collect()
            })
            .collect()
    };
    // The three 看板 notes are one item (results and work alike go to 本周完成).
    assert_eq!(ids(0), [vec![a, b, c], vec![loose]]);
    assert_eq!(
        dr.sections[0].items[0].text,
        "看板：需求评审，确认 5 个指标；v2 上线，覆盖 42 家客户；修复预警规则。"
    );
    assert_eq!(dr.sections[0].items[1].label, None);
    assert!(dr.sections[1].prompt_kept && dr.sections[1].items.is_empty());
    assert_eq!(ids(2), [vec![p]]);
    assert_eq!(dr.sections[2].items[0].text, "数据接口延期，影响月报。");
    assert_eq!(ids(3), [vec![n]]);
    assert_eq!(
        dr.sections[3].items[0].text,
        "星河：下周约 星河 采购总监面谈。"
    );
    assert!(dr.unused.is_empty());
    let md = draft::to_markdown(&dr);
    assert!(
        md.contains(
            "- 看板：需求评审，确认 5 个指标；v2 上线，覆盖 42 家客户；修复预警规则。[依据：11-16、11-18、11-19 共 3 条记录（"
        ),
        "{md}"
    );
    assert!(md.contains(&format!("#{a}、#{b}、#{c}）")), "{md}");
    assert!(
        md.contains("本期共记录 6 条（覆盖 5 天），涉及 2 个项目"),
        "{md}"
    );
}

#[test]
fn the_last_plan_is_checked_against_the_notes() {
    let (_dir, s) = one_store();
    let october = "---\ntitle: 2026年10月工作总结\nkind: monthly\nperiod: 2026-10\ntemplate: monthly\n---\n\n# 2026年10月工作总结\n\n## 本月重点工作\n\n- 完成续约材料\n\n## 下月计划\n\n- 完成星河零售续约：合同额 300 万元\n- 上线预警推送\n- 招聘 2 名客户成功专员\n";
    let doc = s.add(october).unwrap().id;
    let signed = add(&s, "2026-11-12", "@星河零售 续约签约，合同额 320 万元");
    let talk = add(&s, "2026-11-13", "预警推送排期讨论 @看板");
    add(&s, "2026-11-14", "写周报");
    let dr = s
        .draft(&request("monthly", "2026-11", Lang::ZhHans))
        .unwrap();
    let rows: Vec<(&str, &str, ReviewStatus, Vec<i64>)> = dr
        .review
        .iter()
        .map(|r| {
            (
                r.plan_item.as_str(),
                r.target.as_str(),
                r.suggested,
                r.matches.iter().map(|m| m.id).collect(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            // 320 万元 reaches the target of 300 万元.
            (
                "完成星河零售续约",
                "合同额 300 万元",
                ReviewStatus::Done,
                vec![signed]
            ),
            // Noted, but nothing says it was done.
            ("上线预警推送", "", ReviewStatus::Partly, vec![talk]),
            // No colon: carry-forward takes the clauses with figures as the target.
            (
                "招聘 2 名客户成功专员",
                "招聘 2 名客户成功专员",
                ReviewStatus::NotDone,
                vec![]
            ),
        ]
    );
    assert!(dr.review.iter().all(|r| matches!(&r.source, Source::Document { doc_id, section, .. } if *doc_id == doc && section == "下月计划")));
    // monthly has no goals section: the review is its own section after the title.
    assert_eq!(dr.review_in, None);
    let md = draft::to_markdown(&dr);
    let title = md.find("# 2026年11月工作总结").unwrap();
    let review = md.find("## 上期计划回顾").unwrap();
    assert!(title < review && review < md.find("## 本月重点工作").unwrap());
    assert!(
        md.contains("| 完成星河零售续约 | 合同额 300 万元 | 【建议：完成】 | [依据："),
        "{md}"
    );
    assert_figures_have_sources(&s, &dr);
}

#[test]
fn without_a_stored_summary_the_plans_noted_at_the_end_of_last_period_are_reviewed() {
    let (_dir, s) = one_store();
    let plan = add(
        &s,
        "2026-10-28",
        "下月计划：完成 @培训体系 认证考试上线 #计划",
    );
    add(&s, "2026-10-03", "计划下周整理材料 #计划");
    let done = add(&s, "2026-11-20", "@培训体系 认证考试上线，首批 86 人参加");
    let dr = s
        .draft(&request("monthly", "2026-11", Lang::ZhHans))
        .unwrap();
    // Only the plan noted in October's last week or so is reviewed.
    assert_eq!(dr.review.len(), 1);
    assert_eq!(
        dr.review[0].source,
        Source::Entry {
            id: plan,
            date: d("2026-10-28")
        }
    );
    assert_eq!(dr.review[0].matches[0].id, done);
    assert_eq!(dr.review[0].suggested, ReviewStatus::Done);
}

#[test]
fn every_figure_in_a_draft_is_one_the_user_wrote() {
    // Property-style: many generated logs, each drafted into several templates.
    let clients = ["星河", "澄江", "远帆", "青禾"];
    let shapes = [
        "@{c} 续约，合同额 {n} 万元 #续约",
        "@{c} 上线 {n} 家门店",
        "处理工单 {n} 个，平均响应 {f} 小时",
        "{c} 接口超时率 {f}% #问题",
        "下周计划：@{c} 回访 {n} 家 #计划",
        "满意度提升 {n} 个百分点",
        "给 @{c} 培训 {n} 人，满意度 {f} 分",
        "整理 {c} 的纪要",
    ];
    let mut x: u64 = 20_261_130;
    let mut next = |m: u64| {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) % m
    };
    for round in 0..6 {
        let (_dir, s) = one_store();
        for k in 0..60 {
            let day = d("2026-10-01") + chrono::Days::new(next(61));
            let text = shapes[next(shapes.len() as u64) as usize]
                .replace("{c}", clients[next(4) as usize])
                .replace("{n}", &(next(900) + 1).to_string())
                .replace("{f}", &format!("{}.{}", next(20), next(10)));
            s.add_entry(&NewEntry {
                date: day,
                text: format!("{text}（{k}）"),
            })
            .unwrap();
        }
        for (id, period) in [
            ("quarterly", "2026-Q4"),
            ("monthly", "2026-11"),
            ("annual-five-part", "2026"),
            ("weekly", "2026-W45"),
        ] {
            let lang = Lang::ALL[round % 3];
            let dr = s.draft(&request(id, period, lang)).unwrap();
            if dr.stats.entries > 0 {
                assert_figures_have_sources(&s, &dr);
            }
            let md = draft::to_markdown(&dr);
            // And nothing in the text outside the stats line and the source markers adds one.
            let body = recap_core::markdown::parse(&md)
                .unwrap()
                .plain_text()
                .replace(&dr.stats_line, "");
            let mut all = HashSet::new();
            for e in s.entries_between(d("2026-01-01"), d("2026-12-31")).unwrap() {
                all.extend(e.figures.iter().map(|f| f.key()));
            }
            for f in recognise(&body).figures {
                assert!(
                    all.contains(&f.key()),
                    "{} in {id} {period} ({lang})",
                    f.text
                );
            }
        }
    }
}

#[test]
fn an_english_log_drafts_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path()).unwrap();
    let p =
        import::preview_path(&fixture("en-support-lead.md"), d("2026-10-31"), Lang::En).unwrap();
    assert_eq!(p.items.len(), 33);
    assert_eq!(p.items[5].date, Some(d("2026-10-06")));
    assert_eq!(
        p.items[6].date,
        Some(d("2026-10-07")),
        "“Oct 7” is this year's"
    );
    let entries = p.to_entries(None, Lang::En).unwrap();
    s.import_entries(p.kind, &p.source, &entries).unwrap();
    let dr = s.draft(&request("monthly", "2026-10", Lang::En)).unwrap();
    assert_eq!(
        dr.title, "Oct 2026 Monthly Review",
        "the title rule of every new document"
    );
    assert_eq!(dr.sections[0].title, "Key work this month");
    assert!(
        dr.stats_line
            .starts_with("This period: 33 entries over 15 days"),
        "{}",
        dr.stats_line
    );
    let problems = &dr.sections[2];
    assert!(
        problems
            .items
            .iter()
            .any(|i| i.text.contains("Data feed from billing delayed again"))
    );
    let md = draft::to_markdown(&dr);
    assert!(md.contains("[Sources: 10-"), "{md}");
    assert_figures_have_sources(&s, &dr);
}
