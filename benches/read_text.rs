//! MB/s of extracted text read into the model: the five seeds, one thread and all cores; and the same seeds as
//! HTML pages (rendered line for line as the HTML reader's tests render them), MB/s of HTML.
//! `cargo bench --bench read_text` (`-- html` for the pages only); the README quotes the result.

use std::hint::black_box;

mod common;
#[allow(dead_code)] // the tests' renderer; the benchmark uses one of its layouts
#[path = "../tests/common/seed_html.rs"]
mod seed_html;

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

fn bench_html(c: &mut Criterion) {
    let pages: Vec<String> = SEEDS
        .iter()
        .map(|s| seed_html::render(s, seed_html::Cells::Plain))
        .collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut g = c.benchmark_group("read_html");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("five seeds as pages, one thread", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(jixiao::read::html::read_html(p.as_bytes(), "bench.html").unwrap());
            }
        })
    });
    let many: Vec<&String> = pages.iter().cycle().take(pages.len() * 64).collect();
    g.throughput(Throughput::Bytes((bytes * 64) as u64));
    g.bench_function("320 pages, all cores", |b| {
        b.iter(|| {
            let docs: Vec<_> = many
                .par_iter()
                .map(|p| jixiao::read::html::read_html(p.as_bytes(), "bench.html").unwrap())
                .collect();
            black_box(docs)
        })
    });
    g.finish();
}

criterion_group!(benches, bench, bench_html);
criterion_main!(benches);
