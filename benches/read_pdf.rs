//! Pages per second of PDF read into the model: the five seeds as LibreOffice exports (tests/fixtures/pdf, 44
//! pages), one thread, and the same on all cores; plus the extraction stage alone (characters and lines, no
//! tables). `cargo bench --bench read_pdf`; the README quotes the result.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jixiao::read::pdf::extract;
use rayon::prelude::*;

const SEEDS: [&str; 5] = [
    "000_4d4b8abbc5176aaa",
    "001_8ac005536caa6091",
    "002_64eb690d41cac579",
    "003_4ea89972e077d80e",
    "004_717b51cf7e2c8e2d",
];

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    let files: Vec<Vec<u8>> = SEEDS
        .iter()
        .map(|s| std::fs::read(dir.join(format!("{s}.pdf"))).unwrap())
        .collect();
    let pages: usize = files
        .iter()
        .map(|f| {
            extract::pages(f, &extract::Limits::default())
                .unwrap()
                .len()
        })
        .sum();
    let mut g = c.benchmark_group("read_pdf");
    g.sample_size(20);
    g.throughput(Throughput::Elements(pages as u64));
    g.bench_function(format!("five seeds, {pages} pages, one thread"), |b| {
        b.iter(|| {
            for f in &files {
                black_box(jixiao::read::read_bytes(f, "bench.pdf").unwrap());
            }
        })
    });
    g.bench_function("extraction only, one thread", |b| {
        b.iter(|| {
            for f in &files {
                black_box(extract::pages(f, &extract::Limits::default()).unwrap());
            }
        })
    });
    let many: Vec<&Vec<u8>> = files.iter().cycle().take(files.len() * 8).collect();
    g.throughput(Throughput::Elements((pages * 8) as u64));
    g.bench_function("eight copies, all cores", |b| {
        b.iter(|| {
            let docs: Vec<_> = many
                .par_iter()
                .map(|f| jixiao::read::read_bytes(f, "bench.pdf").unwrap())
                .collect();
            black_box(docs)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
