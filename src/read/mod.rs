//! Readers: from files and text to the document model, one module per concern.
//!
//! - [`decode`]: bytes to text, with the encoding detected;
//! - [`grid`]: text to rows of cells, the layout chosen per stretch of text (tab rows, Word's one cell per line);
//! - [`pipes`]: pipe-delimited text (`a | b | ||||`, one cell per line, markdown) to the same rows;
//! - [`spreadsheet`], [`delimited`], [`word`], [`html`]: workbooks (.xlsx/.xls/.ods), CSV, Word .docx and HTML pages
//!   to the same rows;
//! - [`pdf`]: PDF text layers: positioned characters and drawn lines to the same rows, ruled tables from their
//!   lattice;
//! - [`glued`]: tables whose cells were glued with no separator, segmented against their header;
//! - [`restack`]: tables written one cell per line with no row breaks, back into rows;
//! - [`column_runs`]: tables whose text came out column by column (values, labels and names in runs), back
//!   into rows;
//! - [`script`]: traditional-script documents read through simplified copies of their cells;
//! - [`schema`]: the columns an indicator header names, and each row's cells aligned to them;
//! - [`document`]: rows to tables, finding where each table and each of its parts starts;
//! - [`allocation`]: allocation plans (资金分配方案, 分配表, prose lists): their regions, column schema and rows;
//! - [`header`], [`indicators`], [`inline`]: the parts of a table;
//! - [`labels`]: the words that say what a row or cell is.

pub mod allocation;
pub mod column_runs;
pub mod decode;
pub mod delimited;
pub mod document;
pub mod glued;
pub mod grid;
pub mod header;
pub mod headerless;
pub mod html;
pub mod indicators;
pub mod inline;
pub mod labels;
pub mod number_formats;
pub mod ocr;
pub mod pdf;
pub mod pipes;
pub mod restack;
pub mod schema;
pub mod script;
pub mod spreadsheet;
pub mod word;

use std::path::Path;

pub use decode::{decode, Decoded, Encoding, MAX_FILE_BYTES};

use crate::error::{Error, ErrorKind, Location};
use crate::model::Document;

/// Reads extracted text (from PDF, Word or HTML) into a document. `source` names it in locations.
pub fn read_text(text: &str, source: &str) -> Document {
    let (rows, layout) = grid::text_rows(text);
    let mut doc = document::Reader::new(source).read(&rows);
    doc.layout = Some(layout);
    doc
}

/// Reads the bytes of a file: a Word .docx or a workbook (by their contents), an HTML page (by name or content),
/// the model's own JSON, CSV (by the `.csv`/`.tsv` name), or text in any supported encoding.
pub fn read_bytes(bytes: &[u8], source: &str) -> Result<Document, Error> {
    if pdf::is_pdf(bytes) {
        return pdf::read_pdf(bytes, source);
    }
    if word::is_docx(bytes) {
        return word::read_docx(bytes, source);
    }
    if spreadsheet::is_workbook(bytes) {
        return spreadsheet::read_workbook(bytes, source);
    }
    // Before decoding: a page may declare its charset. (JSON and CSV are never taken for HTML.)
    if html::is_html(bytes, source) {
        return html::read_html(bytes, source);
    }
    let decoded = decode(bytes, source)?;
    let trimmed = decoded.text.trim_start();
    if trimmed.starts_with('{') && trimmed.contains("\"tables\"") {
        return Document::from_json(trimmed).map_err(|e| {
            let line = u32::try_from(e.line()).ok();
            Error::new(
                ErrorKind::Json(e.to_string()),
                Location {
                    file: source.to_owned(),
                    line,
                    cell: None,
                    page: None,
                },
            )
        });
    }
    let mut doc = if delimited::is_delimited_name(source) {
        delimited::read_csv(&decoded.text, source)?
    } else {
        read_text(&decoded.text, source)
    };
    doc.encoding = Some(decoded.encoding.as_str().to_owned());
    Ok(doc)
}

/// Reads a file from disk.
pub fn read_path(path: &Path) -> Result<Document, Error> {
    let source = path.to_string_lossy().into_owned();
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::new(ErrorKind::Io(e.to_string()), Location::file(&source)))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge {
                bytes: meta.len(),
                limit: MAX_FILE_BYTES,
            },
            Location::file(&source),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Error::new(ErrorKind::Io(e.to_string()), Location::file(&source)))?;
    read_bytes(&bytes, &source)
}

/// Reads many files, in parallel on the crate's pool (sequentially when parallelism is off, as in a forked
/// child). Results come back in input order.
pub fn read_paths<P: AsRef<Path> + Sync>(paths: &[P]) -> Vec<Result<Document, Error>> {
    use rayon::prelude::*;
    match crate::parallel::pool() {
        Some(pool) if paths.len() > 1 => {
            pool.install(|| paths.par_iter().map(|p| read_path(p.as_ref())).collect())
        }
        _ => paths.iter().map(|p| read_path(p.as_ref())).collect(),
    }
}
