//! Prints the rows a text file gives, before the tables are read: `cargo run --example text_rows -- FILE`.
//! Each row is its line and its cells between `|`; `*` marks rows a segmenter already placed in columns. With
//! `SEGMENTED=1` the rows are those the document reader sees: glued, column-run and one-cell-per-line tables
//! segmented.
fn main() {
    let path = std::env::args().nth(1).expect("usage: text_rows FILE");
    let bytes = std::fs::read(&path).expect("cannot read the file");
    let text = match jixiao::read::decode(&bytes, &path) {
        Ok(d) => d.text,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let (mut rows, layout) = jixiao::read::grid::text_rows(&text);
    if std::env::var_os("SEGMENTED").is_some() {
        use jixiao::read::{column_runs, glued, restack};
        rows = glued::rows(&rows).unwrap_or(rows);
        rows = column_runs::rows(&rows, &mut Vec::new()).unwrap_or(rows);
        rows = restack::rows(&rows).unwrap_or(rows);
    }
    println!("layout: {layout}");
    for row in rows {
        let gap = if row.after_blank { "\n" } else { "" };
        let placed = if row.placed { "*" } else { "" };
        println!("{gap}{}{placed}\t{}", row.line, row.cells.join(" | "));
    }
}
