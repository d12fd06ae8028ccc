//! MB/s of extracted text read into the model: the five seeds, one thread and all cores.
//! `cargo bench --bench read_text`; the README quotes the result.

use std::hint::black_box;

mod common;

use common::SEEDS;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;

fn bench(c: &mut Criterion) {
    let bytes: usize = SEEDS.iter().map(|s| s.len()).sum();
    let mut g = c.benchmark_group("read_text");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("five seeds, one thread", |b| {
        b.iter(|| {
            for s in SEEDS {
                black_box(jixiao::read::read_text(s, "bench"));
            }
        })
    });
    // Many documents at once, as in a batch job: 64 copies of the five seeds over all cores.
    let many: Vec<&str> = SEEDS
        .iter()
        .copied()
        .cycle()
        .take(SEEDS.len() * 64)
        .collect();
    g.throughput(Throughput::Bytes((bytes * 64) as u64));
    g.bench_function("320 documents, all cores", |b| {
        b.iter(|| {
            let docs: Vec<_> = many
                .par_iter()
                .map(|s| jixiao::read::read_text(s, "bench"))
                .collect();
            black_box(docs)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
