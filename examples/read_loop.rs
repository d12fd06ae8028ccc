//! Reads the five seeds in a loop on one thread, for profiling the readers (`perf record`).
//! `cargo run --release --example read_loop -- [iterations]`
fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/documents");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        texts.push(std::fs::read_to_string(&path).expect("utf-8 seed"));
    }
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * n;
    let t = std::time::Instant::now();
    let mut indicators = 0;
    for _ in 0..n {
        for text in &texts {
            let doc = jixiao::read::read_text(text, "loop");
            indicators += doc.tables.iter().map(|t| t.indicators.len()).sum::<usize>();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{:.1} MB/s, {indicators} indicators",
        bytes as f64 / s / 1e6
    );
}
