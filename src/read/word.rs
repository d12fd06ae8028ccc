//! Word documents (.docx) to rows, then to the document model by the same [`Reader`] as extracted text.
//!
//! A .docx is a ZIP holding `word/document.xml`. Its body is a sequence of paragraphs and tables: a paragraph is
//! a row (tabs inside it separate cells, as in extracted text), an empty paragraph is a blank line, and a table
//! row is a row of its cells. A cell spanning columns (`gridSpan`) is followed by empty cells, so that columns
//! stay aligned with the header; a vertically merged cell (`vMerge`) holds its text in the top cell only, as in
//! extracted text and workbooks. Lines in locations count the body's paragraphs and table rows, from 1.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use crate::error::{Error, ErrorKind, Location};
use crate::model::Document;

use super::document::Reader;
use super::grid::{clean_cell, Row};

const BODY: &str = "word/document.xml";

/// A ZIP that holds a Word body.
pub fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && zip::ZipArchive::new(Cursor::new(bytes)).is_ok_and(|z| z.index_for_name(BODY).is_some())
}

/// Reads a .docx into a document.
pub fn read_docx(bytes: &[u8], source: &str) -> Result<Document, Error> {
    let fail = |what: String| Error::new(ErrorKind::Word(what), Location::file(source));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| fail(e.to_string()))?;
    let mut xml = String::new();
    archive
        .by_name(BODY)
        .map_err(|e| fail(e.to_string()))?
        .read_to_string(&mut xml)
        .map_err(|e| fail(e.to_string()))?;
    let rows = body_rows(&xml).map_err(|(pos, e)| fail(format!("{BODY} at byte {pos}: {e}")))?;
    let mut doc = Reader::new(source).structured().read(&rows);
    doc.layout = Some("docx".to_owned());
    Ok(doc)
}

/// A table cell being read.
#[derive(Default)]
struct CellState {
    paragraphs: Vec<String>,
    span: usize,
    /// `vMerge` without `restart`: the cell continues the one above and shows nothing.
    continued: bool,
}

#[derive(Default)]
struct State {
    rows: Vec<Row>,
    line: u32,
    after_blank: bool,
    /// Depth of `<w:tbl>`; text of tables nested in a cell goes into that cell.
    tables: usize,
    row: Option<Vec<String>>,
    cell: Option<CellState>,
    paragraph: Option<String>,
    in_text: bool,
}

impl State {
    fn push_row(&mut self, mut cells: Vec<String>) {
        self.line += 1;
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if cells.is_empty() {
            self.after_blank = true;
            return;
        }
        self.rows.push(Row {
            line: self.line,
            end_line: self.line,
            cells,
            after_blank: self.after_blank,
            placed: false,
        });
        self.after_blank = false;
    }

    fn text(&mut self, s: &str) {
        if let Some(p) = self.paragraph.as_mut() {
            p.push_str(s);
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        match e.local_name().as_ref() {
            b"tbl" => self.tables += 1,
            b"tr" if self.tables == 1 => self.row = Some(Vec::new()),
            b"tc" if self.tables == 1 => {
                self.cell = Some(CellState {
                    span: 1,
                    ..CellState::default()
                })
            }
            b"gridSpan" if self.tables == 1 => {
                if let (Some(c), Some(v)) = (self.cell.as_mut(), val(e)) {
                    c.span = v.parse().unwrap_or(1).clamp(1, 64);
                }
            }
            b"vMerge" if self.tables == 1 => {
                if let Some(c) = self.cell.as_mut() {
                    c.continued = val(e).is_none_or(|v| v != "restart");
                }
            }
            b"p" if !empty => {
                if self.paragraph.is_none() {
                    self.paragraph = Some(String::new());
                } else {
                    self.text(" "); // a paragraph of a nested table, inside the cell's paragraph
                }
            }
            b"t" if !empty => self.in_text = true,
            b"tab" => self.text("\t"),
            b"br" | b"cr" => self.text("\n"),
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"t" => self.in_text = false,
            b"p" if self.tables == 0 => {
                let p = self.paragraph.take().unwrap_or_default();
                let cells = p
                    .split('\t')
                    .map(|c| clean_cell(&c.replace('\n', " ")))
                    .collect();
                self.push_row(cells);
            }
            b"p" if self.tables == 1 => {
                let p = self.paragraph.take().unwrap_or_default();
                if let Some(c) = self.cell.as_mut() {
                    c.paragraphs.push(p);
                }
            }
            b"tc" if self.tables == 1 => {
                if let (Some(c), Some(row)) = (self.cell.take(), self.row.as_mut()) {
                    let text = if c.continued {
                        String::new()
                    } else {
                        clean_cell(&join_paragraphs(&c.paragraphs))
                    };
                    row.push(text);
                    row.extend(std::iter::repeat_n(String::new(), c.span - 1));
                }
            }
            b"tr" if self.tables == 1 => {
                let cells = self.row.take().unwrap_or_default();
                self.push_row(cells);
            }
            b"tbl" => self.tables = self.tables.saturating_sub(1),
            _ => {}
        }
    }
}

/// The `w:val` attribute of an element.
fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == b"val")
        .map(|a| String::from_utf8_lossy(&a.value).into_owned()) // plain words: 2, restart
}

/// The paragraphs of a cell as one text: joined without a break between Chinese characters (Word wraps a cell's
/// text into paragraphs as it wraps lines), with a space elsewhere.
fn join_paragraphs(paragraphs: &[String]) -> String {
    let flat: Vec<String> = paragraphs
        .iter()
        .map(|p| p.replace(['\t', '\n'], " "))
        .collect();
    super::grid::join_pieces(flat.iter().map(String::as_str))
}

/// The rows of a Word body, or the byte position and reason where its XML is broken.
pub fn body_rows(xml: &str) -> Result<Vec<Row>, (u64, String)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut st = State::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| (reader.buffer_position(), e.to_string()))?;
        match event {
            Event::Start(e) => st.start(&e, false),
            Event::Empty(e) => {
                st.start(&e, true);
                // An empty paragraph (`<w:p/>`) is a blank line.
                if e.local_name().as_ref() == b"p" && st.tables == 0 {
                    st.push_row(Vec::new());
                }
            }
            Event::End(e) => st.end(e.local_name().as_ref()),
            Event::Text(t) if st.in_text => {
                let text = t
                    .unescape()
                    .map_err(|e| (reader.buffer_position(), e.to_string()))?;
                st.text(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(st.rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn body(inner: &str) -> String {
        format!("<w:document {NS}><w:body>{inner}</w:body></w:document>")
    }

    #[test]
    fn paragraphs_tables_and_merged_cells() {
        let xml = body(concat!(
            "<w:p><w:r><w:t>项目支出绩效自评表</w:t></w:r></w:p>",
            "<w:p/>",
            "<w:tbl>",
            "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:p><w:r><w:t>示例</w:t></w:r></w:p></w:tc></w:tr>",
            "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>产出指标</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:p><w:r><w:t>数量</w:t></w:r></w:p><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:p><w:r><w:t>≥95%</w:t></w:r></w:p></w:tc></w:tr>",
            "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>",
            "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">a &amp; b</w:t></w:r></w:p></w:tc></w:tr>",
            "</w:tbl>",
        ));
        let rows = body_rows(&xml).unwrap();
        let cells: Vec<&Vec<String>> = rows.iter().map(|r| &r.cells).collect();
        assert_eq!(cells[0], &["项目支出绩效自评表"]);
        assert_eq!(cells[1], &["项目名称", "", "示例"]);
        assert_eq!(cells[2], &["产出指标", "数量指标", "≥95%"]);
        assert_eq!(cells[3], &["", "a & b"]);
        assert_eq!(
            rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            [1, 3, 4, 5]
        );
        assert!(rows[1].after_blank);
    }

    #[test]
    fn broken_xml_is_an_error_with_a_position() {
        let err = body_rows("<w:document><w:body><w:p></w:body>").unwrap_err();
        assert!(err.0 > 0);
        assert!(read_docx(b"PK\x03\x04broken", "x.docx").is_err());
    }
}
