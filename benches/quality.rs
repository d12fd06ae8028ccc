//! Quality against reading: the five seeds (39 tables) repeated to 10,140 tables, read from text, and the same
//! tables graded by `table_quality` (features, row grades, dimensions, index) with the shipped model, one thread.
//! The issue asks quality to cost at most a fifth of reading. `cargo bench --bench quality`; the README quotes it.

use std::hint::black_box;

mod common;

use common::SEEDS;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jixiao::check::Profile;
use jixiao::score::grade::GradeModel;
use jixiao::score::quality::{name_counts, table_quality};

const COPIES: usize = 260;

fn bench(c: &mut Criterion) {
    jixiao::parallel::disable();
    let docs: Vec<_> = SEEDS
        .iter()
        .map(|s| jixiao::read::read_text(s, "bench"))
        .collect();
    let tables: usize = docs.iter().map(|d| d.tables.len()).sum::<usize>() * COPIES;
    let names = name_counts(docs.iter());
    let model = GradeModel::shipped();
    let mut g = c.benchmark_group("quality");
    g.sample_size(10);
    g.throughput(Throughput::Elements(tables as u64));
    g.bench_function("read 10,140 tables from text", |b| {
        b.iter(|| {
            for _ in 0..COPIES {
                for s in SEEDS {
                    black_box(jixiao::read::read_text(s, "bench"));
                }
            }
        })
    });
    g.bench_function("quality of 10,140 tables", |b| {
        b.iter(|| {
            for _ in 0..COPIES {
                for d in &docs {
                    for t in &d.tables {
                        black_box(table_quality(t, Profile::detect(t), &names, model));
                    }
                }
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
