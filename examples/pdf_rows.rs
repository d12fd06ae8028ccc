//! Prints the rows a PDF's pages give, before the tables are read: `cargo run --example pdf_rows -- FILE.pdf`.
//! Each row is `page:line` and its cells between `|`; a ruled table's spanned slots are empty cells. With
//! `LINES=1` the text lines of each page and their vertical extent go to stderr first.
use jixiao::read::pdf::{extract, layout, pages};

fn main() {
    let path = std::env::args().nth(1).expect("usage: pdf_rows FILE.pdf");
    let bytes = std::fs::read(&path).expect("cannot read the file");
    let pdf = match extract::pages(&bytes, &extract::Limits::default()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}", e.what().1);
            std::process::exit(2);
        }
    };
    if std::env::var_os("LINES").is_some() {
        pdf.iter().for_each(debug_lines);
    }
    let laid: Vec<_> = pdf.iter().map(|p| (p.number, layout::blocks(p))).collect();
    let (rows, page_of, _confidences) = pages::rows(&laid);
    for (row, page) in rows.iter().zip(page_of) {
        let gap = if row.after_blank { "\n" } else { "" };
        println!("{gap}{page}:{}\t{}", row.line, row.cells.join(" | "));
    }
}

/// The text lines of a page with their vertical extent (`LINES=1`), to see how rows were formed.
fn debug_lines(page: &jixiao::read::pdf::Page) {
    for l in jixiao::read::pdf::text::lines(&page.glyphs) {
        eprintln!("{:.1}-{:.1} {}", l.rect.top, l.rect.bottom, l.text());
    }
}
