//! CSV (comma, semicolon or tab separated, with quoted cells) to rows, then to the document model by the same
//! [`Reader`] as extracted text. The text is decoded first, so GB18030 CSV exported from Chinese Excel reads too.

use crate::error::{Error, ErrorKind, Location};
use crate::model::Document;

use super::document::Reader;
use super::grid::{clean_cell, Row};

/// Is this file name a CSV (or TSV) export?
pub fn is_delimited_name(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".tsv")
}

/// The separator used most on the first lines, outside quotes: `,`, `;` or tab.
fn separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(50) {
        let mut quoted = false;
        for b in line.bytes() {
            match b {
                b'"' => quoted = !quoted,
                b',' if !quoted => counts[0] += 1,
                b';' if !quoted => counts[1] += 1,
                b'\t' if !quoted => counts[2] += 1,
                _ => {}
            }
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// The records of a CSV text as rows. Line numbers are those of the text; a record that spans lines (a quoted
/// cell with line breaks) gets its first and last line.
pub fn csv_rows(text: &str, source: &str) -> Result<Vec<Row>, Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(text))
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let (mut line, mut counted) = (1u64, 0usize);
    let mut last_line = 0u64;
    let mut blank = false;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().and_then(|p| u32::try_from(p.line()).ok());
                return Err(Error::new(
                    ErrorKind::Spreadsheet(e.to_string()),
                    Location {
                        file: source.to_owned(),
                        line,
                        cell: None,
                        page: None,
                    },
                ));
            }
        }
        // The csv crate's line counter skips blank lines; count from the record's byte offset instead.
        let mut start = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let start = start.min(bytes.len());
        line += bytes
            .get(counted..start)
            .map_or(0, |b| b.iter().filter(|&&b| b == b'\n').count()) as u64;
        counted = start;
        let breaks: usize = record.iter().map(|f| f.matches('\n').count()).sum();
        let end_line = line + breaks as u64;
        let mut cells: Vec<String> = record
            .iter()
            .map(|f| clean_cell(&f.replace(['\r', '\n'], "")))
            .collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        // An empty line (which the csv crate skips) or a record of empty cells is a blank line, as in text.
        let gap = line > last_line + 1;
        last_line = end_line;
        if cells.is_empty() {
            blank = true;
            continue;
        }
        out.push(Row {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            end_line: u32::try_from(end_line).unwrap_or(u32::MAX),
            cells,
            after_blank: blank || gap,
            placed: false,
        });
        blank = false;
    }
    Ok(out)
}

/// Reads a CSV text into a document.
pub fn read_csv(text: &str, source: &str) -> Result<Document, Error> {
    let rows = csv_rows(text, source)?;
    let mut doc = Reader::new(source).structured().read(&rows);
    doc.layout = Some("csv".to_owned());
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_and_separators() {
        let rows = csv_rows("a,\"b,c\",\n\n\"多\n行\",x\n", "t.csv").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells, ["a", "b,c"]);
        assert_eq!((rows[1].line, rows[1].end_line), (3, 4));
        assert!(rows[1].after_blank);
        assert_eq!(rows[1].cells, ["多行", "x"]);
        assert_eq!(separator("a;b;c\n1;2;3"), b';');
        assert_eq!(separator("a\tb\n"), b'\t');
        assert_eq!(separator("\"x;y\",z"), b',');
    }

    #[test]
    fn empty_records_mark_a_break() {
        let rows = csv_rows("a,b\n,,\nc,d\n", "t.csv").unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[1].after_blank);
        assert_eq!(rows[1].line, 3);
    }
}
