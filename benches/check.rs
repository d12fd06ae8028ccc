//! Documents per second through the rule catalogue (reading excluded): the five seeds, one thread and all
//! cores. `cargo bench --bench check`; the README quotes the result.

use std::hint::black_box;

mod common;

use common::SEEDS;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jixiao::check::{check, check_all, Options};
use jixiao::model::Document;

fn bench(c: &mut Criterion) {
    let docs: Vec<Document> = SEEDS
        .iter()
        .map(|s| jixiao::read::read_text(s, "bench"))
        .collect();
    let options = Options::default();
    let mut g = c.benchmark_group("check");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("five seeds, one thread", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(check(d, &options));
            }
        })
    });
    // A batch: 64 copies of the five seeds over all cores.
    let many: Vec<&Document> = docs.iter().cycle().take(docs.len() * 64).collect();
    g.throughput(Throughput::Elements(many.len() as u64));
    g.bench_function("320 documents, all cores", |b| {
        b.iter(|| black_box(check_all(&many, &options)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
