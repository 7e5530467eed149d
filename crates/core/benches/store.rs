//! The store at 10,000 documents: save latency (p50/p99 of 1,000 saves, timed by hand) and
//! search. Run with `cargo bench -p recap-core --bench store`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use recap_core::store::{SaveMode, Store};
use std::hint::black_box;
use std::time::{Duration, Instant};

const DOCS: usize = 10_000;
const SAVES: usize = 1_000;

const PHRASES: &[&str] = &[
    "推进新版本上线并完成灰度发布",
    "团队协作流程进一步规范",
    "完成年度预算编制与成本复盘",
    "组织了两次跨部门技术分享",
    "线上故障平均恢复时间缩短一半",
    "招聘并培养了四名新同事",
    "下一阶段将重点关注数据质量",
    "配合销售团队完成招投标材料",
    "存在的不足是沟通还不够及时",
    "持续优化交付节奏和质量门禁",
];

/// A deterministic document of about 600 characters.
fn corpus(i: usize, extra: &str) -> String {
    let mut x = (i as u64)
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    let mut next = || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) as usize
    };
    let mut s = format!(
        "---\ntitle: 第{i}号工作总结\nkind: quarterly\n---\n\n# 第{i}号工作总结\n\n## 工作成果\n\n"
    );
    // About 30% of the documents mention 续约, 20% 客户健康度, 10% both.
    let mention = next() % 20;
    for p in 0..6 {
        for _ in 0..4 {
            s.push_str(PHRASES[next() % PHRASES.len()]);
            s.push('，');
        }
        if p == 1 {
            if mention < 6 {
                s.push_str("完成了三家重点客户的续约，");
            }
            if (4..8).contains(&mention) {
                s.push_str("客户健康度整体提升到百分之九十二，");
            }
        }
        s.push_str("取得了阶段性进展。\n\n");
        if p == 2 {
            s.push_str("## 问题与计划\n\n");
        }
    }
    s.push_str(extra);
    s
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let started = Instant::now();
    let all: Vec<usize> = (0..DOCS).collect();
    let mut ids = Vec::with_capacity(DOCS);
    for chunk in all.chunks(500) {
        let docs: Vec<String> = chunk.iter().map(|&i| corpus(i, "")).collect();
        ids.extend(store.add_many(&docs).unwrap().into_iter().map(|d| d.id));
    }
    eprintln!("setup: {DOCS} documents in {:.1?}", started.elapsed());
    let t = Instant::now();
    drop(Store::open(dir.path()).unwrap());
    println!(
        "open (quick_check, migrations, daily backup) of a {DOCS}-document store: {:.1?}",
        t.elapsed()
    );
    let t = Instant::now();
    drop(Store::open(dir.path()).unwrap());
    println!(
        "open again (backup already made today): {:.1?}",
        t.elapsed()
    );
    let size = std::fs::metadata(store.path())
        .map(|m| m.len())
        .unwrap_or(0);
    println!("store file: {:.1} MB", size as f64 / 1e6);

    // Save latency: manual saves (each a new revision plus an index update), timed one by one.
    let texts: Vec<(i64, String)> = (0..SAVES)
        .map(|k| {
            let n = (k * 7919) % DOCS;
            (ids[n], corpus(n, &format!("第{k}次修改。\n")))
        })
        .collect();
    let mut times: Vec<Duration> = texts
        .iter()
        .map(|(id, text)| {
            let t = Instant::now();
            store.save(*id, text, SaveMode::Manual).unwrap();
            t.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "save p50/p99: {:.2?} / {:.2?} (max {:.2?}; {SAVES} manual saves into a store of {DOCS} documents)",
        times[SAVES / 2],
        times[SAVES * 99 / 100 - 1],
        times[SAVES - 1]
    );

    let mut g = c.benchmark_group("store_10k");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for q in [
        "客户健康度",
        "续约",
        "续约 客户健康度",
        "续约 健康",
        "不存在的内容",
        "续",
    ] {
        g.bench_function(format!("search {q}"), |b| {
            b.iter(|| black_box(store.search(q, 20).unwrap()))
        });
    }
    let id = ids[0];
    let mut k = 0u64;
    g.bench_function("save auto (coalesced)", |b| {
        b.iter(|| {
            k += 1;
            store
                .save(id, &corpus(0, &format!("自动保存{k}\n")), SaveMode::Auto)
                .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
