//! Parse + count of a 100,000-character document (target: under 5 ms), and the Markdown
//! writer on the same text. Run with `cargo bench -p recap-core --bench engine`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use recap_core::{count, markdown};
use std::hint::black_box;

/// The annual fixture repeated until the body holds at least `chars` characters.
fn document(chars: usize) -> String {
    let fixture = include_str!("../../../tests/fixtures/annual-summary.md");
    let body = fixture.splitn(3, "---").nth(2).unwrap_or(fixture);
    let mut out = String::from("---\ntitle: 长文档\n---\n");
    while out.chars().count() < chars {
        out.push_str(body);
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = document(100_000);
    println!(
        "document: {} characters, {} bytes",
        text.chars().count(),
        text.len()
    );
    c.bench_function("parse + count, 100,000 characters", |b| {
        b.iter(|| {
            let doc = markdown::parse(black_box(&text)).unwrap();
            black_box(count::count(&doc))
        })
    });
    let doc = markdown::parse(&text).unwrap();
    c.bench_function("write Markdown, 100,000 characters", |b| {
        b.iter(|| black_box(markdown::write(black_box(&doc))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
