//! Strings per second through the value parser: one thread (`Parser`), and the bulk column path on all cores.
//!
//! `cargo bench --bench value_parse`. Input: the 580 gold values of the seeds, repeated; numbers made distinct;
//! short cells one at a time.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jixiao::columns::ValueColumns;
use jixiao::Parser;
use std::hint::black_box;

fn gold_texts() -> Vec<String> {
    include_str!("../tests/fixtures/values/values_seeds.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let gold = gold_texts();
    let single: Vec<&str> = gold
        .iter()
        .map(String::as_str)
        .cycle()
        .take(gold.len() * 20)
        .collect();
    let mut group = c.benchmark_group("parse_value");
    group.throughput(Throughput::Elements(single.len() as u64));
    group.bench_function("single_thread", |b| {
        let mut parser = Parser::new();
        b.iter(|| {
            let mut kinds = 0u32;
            for t in &single {
                kinds += parser.parse(black_box(t)).kind as u32;
            }
            kinds
        })
    });
    let bulk: Vec<&str> = gold
        .iter()
        .map(String::as_str)
        .cycle()
        .take(200_000)
        .collect();
    group.throughput(Throughput::Elements(bulk.len() as u64));
    group.sample_size(20);
    group.bench_function("columns_all_cores", |b| {
        b.iter(|| ValueColumns::parse_all(black_box(&bulk)).len())
    });
    // No text repeats: each one is parsed (the distinct-text table is dropped after a probe).
    let distinct: Vec<String> = (0..bulk.len())
        .map(|i| format!("≥{i}{}", ["%", "个", "万元", "人次"][i % 4]))
        .collect();
    group.bench_function("columns_all_cores_distinct", |b| {
        b.iter(|| ValueColumns::parse_all(black_box(&distinct)).len())
    });
    group.finish();

    // A short cell, the commonest kind: the cost of one parse.
    let mut short = c.benchmark_group("parse_value_short");
    short.throughput(Throughput::Elements(1));
    for cell in ["≥95%", "是", "2024年12月31日前"] {
        short.bench_function(cell, |b| {
            let mut parser = Parser::new();
            b.iter(|| parser.parse(black_box(cell)).kind)
        });
    }
    short.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
