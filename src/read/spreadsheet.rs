//! Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) to rows, read with calamine, then to the document model by the
//! same [`Reader`] as extracted text.
//!
//! Each sheet is read on its own, and locations name it: `book.xlsx#Sheet1`, with the sheet's row number as the
//! line. A merged cell holds its value in its top-left cell only, which is how extracted
//! text shows a merged category label at the top of its block; the indicator reader carries it down.
//!
//! What a workbook does not give back: the number format. A cell formatted as a percentage holds `0.95`, and is
//! read as `0.95`, not `95%`. Numbers are shown with at most 15 significant digits, as Excel shows them.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use std::collections::HashSet;

use calamine::{open_workbook_auto_from_rs, Data, ExcelDateTime, Range, Reader as _};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;

use crate::error::{Error, ErrorKind, Location};
use crate::model::{Document, Warning};

use super::document::Reader;
use super::grid::{clean_cell, Row};
use super::number_formats;

/// ZIP (xlsx, xlsm, xlsb, ods) or OLE compound file (xls) magic bytes.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Reads every sheet of a workbook into one document. A sheet that cannot be read is skipped with a warning;
/// a workbook that cannot be opened at all is an error.
pub fn read_workbook(bytes: &[u8], source: &str) -> Result<Document, Error> {
    let fail = |what: String| Error::new(ErrorKind::Spreadsheet(what), Location::file(source));
    // calamine parses untrusted bytes; a bug there must not take the caller down.
    let opened = catch_unwind(AssertUnwindSafe(|| {
        let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))?;
        let mut sheets = Vec::new();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name);
            sheets.push((name, range));
        }
        Ok::<_, calamine::Error>(sheets)
    }));
    let sheets = match opened {
        Ok(Ok(sheets)) => sheets,
        Ok(Err(e)) => return Err(fail(not_a_workbook_hint(bytes, e.to_string()))),
        Err(_) => return Err(fail("the workbook reader failed on this file".into())),
    };
    let mut doc = Document::new(source);
    doc.layout = Some("workbook".to_owned());
    let percent = number_formats::percent_cells(bytes);
    for (name, range) in sheets {
        let file = format!("{source}#{name}");
        match range {
            Ok(range) => {
                let rows = sheet_rows(&range, percent.get(&name));
                merge(&mut doc, Reader::new(&file).structured().read(&rows));
            }
            Err(e) => doc.warnings.push(Warning {
                location: Location::file(&file),
                message_zh: format!("无法读取此工作表，已跳过：{e}"),
                message_en: format!("this sheet cannot be read and was skipped: {e}"),
            }),
        }
    }
    Ok(doc)
}

/// An old Word .doc is an OLE file like .xls; say so rather than report a corrupt workbook.
fn not_a_workbook_hint(bytes: &[u8], error: String) -> String {
    let window = &bytes[..bytes.len().min(1 << 16)];
    // An OLE directory names its streams in UTF-16; Word's main stream is "WordDocument".
    let needle: Vec<u8> = "WordDocument"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if window.windows(needle.len()).any(|w| w == needle.as_slice()) {
        format!("{error} (an old Word .doc: save it as .docx / 旧版 Word 文档请另存为 .docx)")
    } else {
        error
    }
}

/// One sheet's document folded into the workbook's.
fn merge(doc: &mut Document, sheet: Document) {
    doc.tables.extend(sheet.tables);
    doc.allocations.extend(sheet.allocations);
    doc.warnings.extend(sheet.warnings);
    doc.unread.extend(sheet.unread);
    doc.rows.table_rows += sheet.rows.table_rows;
    doc.rows.placed += sheet.rows.placed;
    doc.rows.unread += sheet.rows.unread;
}

/// The rows of a sheet as the readers see them: empty rows dropped (the next row is marked `after_blank`, as a
/// blank line is in text), trailing empty cells trimmed. Numbers in `percent` cells (0-based row, column) show as
/// percentages, as Excel shows them.
pub fn sheet_rows(range: &Range<Data>, percent: Option<&HashSet<(u32, u32)>>) -> Vec<Row> {
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut out = Vec::new();
    let mut after_blank = false;
    for (i, cells) in range.rows().enumerate() {
        let row_index = first_row + i as u32;
        let mut cells: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(j, c)| {
                let is_percent =
                    percent.is_some_and(|p| p.contains(&(row_index, first_col + j as u32)));
                match c {
                    Data::Float(f) if is_percent => format!("{}%", float_text(f * 100.0)),
                    Data::Int(n) if is_percent => format!("{}%", float_text(*n as f64 * 100.0)),
                    _ => cell_text(c),
                }
            })
            .collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if cells.is_empty() {
            after_blank = true;
            continue;
        }
        let line = u32::try_from(i)
            .ok()
            .and_then(|i| first_row.checked_add(i)?.checked_add(1))
            .unwrap_or(u32::MAX);
        out.push(Row {
            line,
            end_line: line,
            cells,
            after_blank,
            placed: false,
        });
        after_blank = false;
    }
    out
}

/// A cell as text, the way Excel shows it with the general format.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => clean_cell(&join_lines(s)),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) if d.is_datetime() => date_text(d),
        Data::DateTime(d) => float_text(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A line break inside a cell (Alt+Enter) wraps text; between Chinese characters it is dropped, as Word's
/// wrapped lines are, elsewhere it becomes a space.
fn join_lines(s: &str) -> String {
    if !s.contains('\n') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for (i, line) in s
        .split('\n')
        .map(|l| l.trim_end_matches('\r').trim())
        .enumerate()
    {
        if i > 0 && !line.is_empty() {
            let joins_han = out.chars().last().is_some_and(super::labels::is_han)
                && line.chars().next().is_some_and(super::labels::is_han);
            if !joins_han && !out.is_empty() {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out
}

/// At most 15 significant digits, no exponent, no trailing zeros: what Excel's general format shows, so that a
/// stored 0.1 + 0.2 reads as `0.3` and an amount as it was typed.
fn float_text(f: f64) -> String {
    match Decimal::from_f64(f) {
        Some(d) => d.round_sf(15).unwrap_or(d).normalize().to_string(),
        None => f.to_string(),
    }
}

/// An Excel date as `YYYY年M月D日`, with the time when it has one.
fn date_text(d: &ExcelDateTime) -> String {
    use chrono::{Datelike, Timelike};
    let Some(dt) = d.as_datetime() else {
        return float_text(d.as_f64());
    };
    let date = format!("{}年{}月{}日", dt.year(), dt.month(), dt.day());
    match (dt.hour(), dt.minute()) {
        (0, 0) => date,
        (h, m) => format!("{date} {h:02}:{m:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(float_text(0.1 + 0.2), "0.3");
        assert_eq!(float_text(10.0), "10");
        assert_eq!(float_text(1_234_567.89), "1234567.89");
        assert_eq!(float_text(-0.5), "-0.5");
        assert_eq!(float_text(f64::NAN), "NaN");
    }

    #[test]
    fn serial_dates() {
        let date = |v| date_text(&ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        assert_eq!(date(45_657.0), "2024年12月31日");
        assert_eq!(date(61.0), "1900年3月1日");
        assert_eq!(date(45_292.5), "2024年1月1日 12:00");
        let in_1904 = ExcelDateTime::new(44_195.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(date_text(&in_1904), "2024年12月31日");
    }

    #[test]
    fn wrapped_cells_join_like_word() {
        assert_eq!(join_lines("开展生态\n保护"), "开展生态保护");
        assert_eq!(join_lines("≥95%\r\nby survey"), "≥95% by survey");
        assert_eq!(join_lines("a\n\nb"), "a b");
    }

    #[test]
    fn non_workbooks_are_errors_not_panics() {
        let e = read_workbook(b"PK\x03\x04garbage", "x.xlsx").unwrap_err();
        assert!(matches!(e.kind, ErrorKind::Spreadsheet(_)));
        assert_eq!(e.location.file, "x.xlsx");
    }
}
