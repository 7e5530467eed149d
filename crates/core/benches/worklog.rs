//! The work log at scale: 10,000 entries (three years of a heavy user) and 500 documents.
//! Prints each figure beside its target; asserts nothing (a benchmark, not a test). Run with
//! `cargo bench -p recap-core --bench worklog`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Datelike, NaiveDate};
use recap_core::store::Store;
use recap_core::worklog::draft::{self, DraftRequest};
use recap_core::worklog::import::SourceKind;
use recap_core::worklog::{EntryQuery, NewEntry};
use recap_core::{Lang, Metadata, Period, template};
use std::time::{Duration, Instant};

const CLIENTS: &[&str] = &[
    "星河零售",
    "澄江物流",
    "远帆教育",
    "青禾医疗",
    "北辰制造",
    "海岚科技",
    "云栖餐饮",
    "嘉木地产",
];
const SHAPES: &[&str] = &[
    "与 @{c} 召开季度业务回顾会，对齐采购预算 #会议",
    "续约 @{c}，合同额 {n} 万元，较去年增长 {p}% #续约",
    "@{c} 第二批 {n} 家门店上线，切换零故障 #交付",
    "@工单提效 处理工单 {n} 个，平均响应时间 {f} 小时 #工单",
    "@{c} 反馈接口超时，超时率 {f}% #问题",
    "下周约 @{c} 采购负责人沟通续约条款 #计划",
    "整理 @{c} 本月使用数据，准备复盘材料",
    "给 @{c} 新入职的 {n} 名客服做产品培训，满意度 {f} 分 #培训",
    "@健康度看板 更新风险客户名单，红色预警客户降到 {p} 家 #数据",
    "写周报，汇总本周续约和工单情况 #周报",
    "体会：续约谈判前先把使用数据准备好 #复盘",
    "需要协调法务审核 @{c} 的补充协议 #支持",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self, m: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % m
    }
}

fn note(rng: &mut Rng, k: usize) -> String {
    let s = SHAPES[rng.next(SHAPES.len() as u64) as usize]
        .replace("{c}", CLIENTS[rng.next(CLIENTS.len() as u64) as usize])
        .replace("{n}", &(rng.next(300) + 1).to_string())
        .replace("{p}", &(rng.next(40) + 1).to_string())
        .replace("{f}", &format!("{}.{}", rng.next(9) + 1, rng.next(10)));
    format!("{s}（第 {k} 条）")
}

/// `n` entries spread over `year`, about evenly.
fn year_of_notes(rng: &mut Rng, year: i32, n: usize, from: usize) -> Vec<NewEntry> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    let days = if NaiveDate::from_ymd_opt(year, 12, 31).unwrap().ordinal0() == 365 {
        366
    } else {
        365
    };
    (0..n)
        .map(|i| NewEntry {
            date: first + chrono::Days::new((i * days / n) as u64),
            text: note(rng, from + i),
        })
        .collect()
}

fn report(i: usize) -> String {
    let year = 2024 + (i % 3) as i32;
    let week = 1 + (i / 3) % 52;
    format!(
        "---\ntitle: 第{week}周周报 {i}\nkind: weekly\nperiod: {year}-W{week:02}\ntemplate: weekly\n---\n\n# 第{week}周周报\n\n## 本周完成\n\n- 完成 {} 家客户回访，续约 {} 家。\n- 处理工单 {} 个。\n\n## 进行中\n\n- 看板二期联调。\n\n## 问题与风险\n\n- 夜间工单响应慢。\n\n## 下周计划\n\n- 推进续约签字。\n",
        3 + i % 7,
        1 + i % 4,
        20 + i % 50
    )
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut rng = Rng(20_261_203);
    let started = Instant::now();
    let mut notes = year_of_notes(&mut rng, 2024, 3_500, 0);
    notes.extend(year_of_notes(&mut rng, 2025, 3_500, 3_500));
    notes.extend(year_of_notes(&mut rng, 2026, 3_000, 7_000));
    for chunk in notes.chunks(1_000) {
        store
            .import_entries(SourceKind::Paste, "bench", chunk)
            .unwrap();
    }
    let docs: Vec<String> = (0..500).map(report).collect();
    store.add_many(&docs).unwrap();
    println!(
        "work log: {} entries over 2024–2026, {} documents (set up in {:.1?})",
        store.entry_count().unwrap(),
        docs.len(),
        started.elapsed()
    );

    // Saving: each save its own transaction, timed one by one.
    let mut saves: Vec<Duration> = (0..1_000)
        .map(|k| {
            let e = NewEntry {
                // Next January: the year drafted below keeps its 3,000 entries.
                date: NaiveDate::from_ymd_opt(2027, 1, 1 + (k % 28) as u32).unwrap(),
                text: note(&mut rng, 20_000 + k),
            };
            let t = Instant::now();
            store.add_entry(&e).unwrap();
            t.elapsed()
        })
        .collect();
    saves.sort();
    println!(
        "save an entry: p50 {}, p99 {}, max {} (1,000 saves; target p99 < 10 ms)",
        ms(saves[saves.len() / 2]),
        ms(saves[saves.len() * 99 / 100]),
        ms(saves[saves.len() - 1])
    );

    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let grid = time(20, || store.entry_calendar(2026, 11, today).unwrap());
    let first = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let days = time(20, || store.entries_by_day(first, last).unwrap());
    let n_month = store.entries_between(first, last).unwrap().len();
    println!(
        "a month of the calendar: day counts {}, the month's {n_month} entries by day {} (target < 50 ms)",
        ms(grid),
        ms(days)
    );

    for (label, q) in [
        ("two characters «续约»", EntryQuery::parse("续约")),
        ("a phrase «风险客户名单»", EntryQuery::parse("风险客户名单")),
        (
            "combined «续约 #续约 @星河零售»",
            EntryQuery::parse("续约 #续约 @星河零售"),
        ),
        ("a tag alone «#工单»", EntryQuery::parse("#工单")),
    ] {
        let hits = store.search_entries(&q).unwrap().len();
        println!(
            "search {label}: {} ({hits} hits, newest 200 kept; target < 50 ms)",
            ms(time(20, || store.search_entries(&q).unwrap()))
        );
    }

    let req = |id: &str, p: &str| DraftRequest {
        template: template::find(id).unwrap(),
        period: Period::parse(p).unwrap(),
        lang: Lang::ZhHans,
        meta: Metadata::default(),
    };
    let annual = req("annual-five-part", "2026");
    let n_year = store
        .entries_between(annual.period.start, annual.period.end)
        .unwrap()
        .len();
    let t = time(5, || draft::to_markdown(&store.draft(&annual).unwrap()));
    println!(
        "annual draft of 2026 ({n_year} entries, its reports read), Markdown written: {} (target < 500 ms)",
        ms(t)
    );

    println!("drafting cost against the entries in the period (1×, 2×, 4×):");
    let mut base = None;
    for (id, p) in [
        ("quarterly", "2026-Q1"),
        ("half-year", "2026-H1"),
        ("annual-five-part", "2026"),
    ] {
        let r = req(id, p);
        let n = store
            .entries_between(r.period.start, r.period.end)
            .unwrap()
            .len();
        let t = time(5, || draft::to_markdown(&store.draft(&r).unwrap()));
        let per = t.as_secs_f64() * 1e6 / n as f64;
        let ratio = base.map_or(1.0, |b: f64| per / b);
        base.get_or_insert(per);
        println!(
            "  {p:<8} {n:>5} entries: {} ({per:.1} µs per entry, {ratio:.2}× the quarter's per-entry cost)",
            ms(t)
        );
    }
}
