//! Parses the gold values in a loop: a profiling target (`perf record target/release/examples/parse_loop`).
fn main() {
    let texts: Vec<String> = include_str!("../tests/fixtures/values/values_seeds.jsonl")
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let mut parser = jixiao::Parser::new();
    let mut n = 0u64;
    let t0 = std::time::Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            n += parser.parse(t).kind as u64;
        }
    }
    let el = t0.elapsed().as_secs_f64();
    eprintln!("{} strings/s ({n})", (rounds * texts.len()) as f64 / el);
}
