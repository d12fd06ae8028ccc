//! Prints the findings of the checks on documents: `cargo run --example check_doc -- FILE...`
fn main() {
    for path in std::env::args().skip(1) {
        let doc = match jixiao::read::read_path(std::path::Path::new(&path)) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        let findings = jixiao::check::check(&doc, &jixiao::check::Options::default());
        println!("== {path}: {} findings", findings.len());
        for f in findings {
            println!(
                "{} {:7} T{:?} r{:?} l{:?} [{}] {}",
                f.code,
                f.severity.as_str(),
                f.table,
                f.row,
                f.line,
                f.profile.as_deref().unwrap_or("-"),
                f.message_zh
            );
        }
    }
}
