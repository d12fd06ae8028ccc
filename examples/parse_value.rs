//! Reads one cell per line on standard input and prints its parsed value as JSON.
//!
//! `printf '≥95%%\n2024年底前\n' | cargo run --example parse_value`

use std::io::BufRead;

fn main() {
    let mut parser = jixiao::Parser::new();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let v = parser.parse(&line);
        println!(
            "{}\t{}",
            line,
            serde_json::to_string(&v).unwrap_or_default()
        );
    }
}
