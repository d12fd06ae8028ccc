//! Reads a document and prints its model as JSON: `cargo run --example read_doc -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: read_doc FILE");
    match jixiao::read::read_path(std::path::Path::new(&path)) {
        Ok(doc) => println!("{}", doc.to_json()),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
