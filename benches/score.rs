//! Indicators scored per second: 1,000,000 rows of real target/actual pairs from the seeds, through the column
//! path `score_texts` (parse both texts, then score), one thread and all cores; and the scoring step alone on
//! parsed values. `cargo bench --bench score`; the README quotes the result.

use std::hint::black_box;

mod common;

use common::SEEDS;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jixiao::score::columns::{score_texts, TextColumns};
use jixiao::score::{score_row, Policy, Row};
use rust_decimal::prelude::ToPrimitive;

const ROWS: usize = 1_000_000;

fn bench(c: &mut Criterion) {
    // Every self-evaluation row of the seeds, repeated to a million.
    let mut pairs: Vec<(String, String, f64, f64)> = Vec::new();
    for s in SEEDS {
        let doc = jixiao::read::read_text(s, "bench");
        for t in &doc.tables {
            for i in &t.indicators {
                if let (Some(tg), Some(a)) = (&i.target, &i.actual) {
                    let f = |d: Option<rust_decimal::Decimal>| {
                        d.and_then(|d| d.to_f64()).unwrap_or(f64::NAN)
                    };
                    pairs.push((tg.text.clone(), a.text.clone(), f(i.weight), f(i.score)));
                }
            }
        }
    }
    let rows: Vec<&(String, String, f64, f64)> = pairs.iter().cycle().take(ROWS).collect();
    let target: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let actual: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    let weight: Vec<f64> = rows.iter().map(|r| r.2).collect();
    let own: Vec<f64> = rows.iter().map(|r| r.3).collect();
    let budget = vec![f64::NAN; ROWS];
    let cols = TextColumns {
        target: &target,
        actual: &actual,
        weight: &weight,
        self_score: &own,
        budget: &budget,
    };
    let policy = Policy::default();
    let mut g = c.benchmark_group("score");
    g.sample_size(10);
    g.throughput(Throughput::Elements(ROWS as u64));
    g.bench_function("1M rows, texts, all cores", |b| {
        b.iter(|| black_box(score_texts(&cols, &policy)))
    });
    jixiao::parallel::disable();
    g.bench_function("1M rows, texts, one thread", |b| {
        b.iter(|| black_box(score_texts(&cols, &policy)))
    });
    // The scoring step alone, on values parsed beforehand.
    let parsed: Vec<_> = pairs
        .iter()
        .map(|p| (jixiao::parse(&p.0), jixiao::parse(&p.1), p))
        .collect();
    let dec = |f: f64| jixiao::score::columns::decimal_from_f64(f);
    g.bench_function("1M rows, parsed values, one thread", |b| {
        b.iter(|| {
            let mut n = 0u32;
            for (t, a, p) in parsed.iter().cycle().take(ROWS) {
                let s = score_row(
                    &Row {
                        weight: dec(p.2),
                        target: Some(t),
                        target_text: &p.0,
                        actual: Some(a),
                        actual_text: &p.1,
                        self_score: dec(p.3),
                        budget_yuan: None,
                    },
                    &policy,
                );
                n += s.standard.is_some() as u32;
            }
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
