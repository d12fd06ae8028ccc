//! Which cells of an .xlsx workbook are formatted as percentages.
//!
//! calamine gives a cell's value but not its number format, and a rate typed as `39.94%` is stored as `0.3994`.
//! Execution rates and percentage targets are exactly such cells, so the styles are read here from the
//! workbook's XML: `xl/styles.xml` (number formats and the cell styles using them), `xl/workbook.xml` and its
//! relationships (which file holds which sheet), and each sheet's `<c r="G7" s="5">` (the style of each cell).
//! Anything unreadable gives no percentage cells: the values are then read as stored.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

/// Cell positions (row, column; 0-based) with a percentage format, per sheet name.
pub type PercentCells = HashMap<String, HashSet<(u32, u32)>>;

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    let a = e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)?;
    let raw = String::from_utf8_lossy(&a.value).into_owned();
    Some(quick_xml::escape::unescape(&raw).map_or_else(|_| raw.clone(), |v| v.into_owned()))
}

fn read_entry<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let mut s = String::new();
    zip.by_name(name).ok()?.read_to_string(&mut s).ok()?;
    Some(s)
}

/// Calls `f` with every start or empty element of an XML text; stops quietly at broken XML.
fn each_element(xml: &str, mut f: impl FnMut(&BytesStart)) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => f(&e),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
}

/// The style indices (positions in `cellXfs`) whose number format shows a percentage.
fn percent_styles(styles: &str) -> HashSet<usize> {
    let mut custom_percent: HashSet<u32> = HashSet::new();
    let mut in_xfs = false;
    let mut xf_index = 0usize;
    let mut out = HashSet::new();
    // Built-in formats 9 (0%) and 10 (0.00%); custom ones show a % outside quotes.
    let mut reader = quick_xml::Reader::from_str(styles);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"numFmt" => {
                    let code = attr(&e, b"formatCode").unwrap_or_default();
                    let unquoted: String = code.split('"').step_by(2).collect();
                    if unquoted.contains('%') {
                        if let Some(id) = attr(&e, b"numFmtId").and_then(|v| v.parse().ok()) {
                            custom_percent.insert(id);
                        }
                    }
                }
                b"cellXfs" => in_xfs = true,
                b"xf" if in_xfs => {
                    let id: u32 = attr(&e, b"numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    if id == 9 || id == 10 || custom_percent.contains(&id) {
                        out.insert(xf_index);
                    }
                    xf_index += 1;
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == b"cellXfs" => in_xfs = false,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// `G7` → (6, 6).
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    let mut col: u32 = 0;
    for c in letters.chars() {
        if !c.is_ascii_uppercase() {
            return None;
        }
        col = col
            .checked_mul(26)?
            .checked_add(c as u32 - 'A' as u32 + 1)?;
    }
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// The percentage-formatted cells of every sheet of an .xlsx/.xlsm (empty for other workbooks).
pub fn percent_cells(bytes: &[u8]) -> PercentCells {
    let mut out = PercentCells::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let Some(styles) = read_entry(&mut zip, "xl/styles.xml") else {
        return out;
    };
    let percent = percent_styles(&styles);
    if percent.is_empty() {
        return out;
    }
    let (Some(workbook), Some(rels)) = (
        read_entry(&mut zip, "xl/workbook.xml"),
        read_entry(&mut zip, "xl/_rels/workbook.xml.rels"),
    ) else {
        return out;
    };
    let mut targets: HashMap<String, String> = HashMap::new();
    each_element(&rels, |e| {
        if e.local_name().as_ref() == b"Relationship" {
            if let (Some(id), Some(target)) = (attr(e, b"Id"), attr(e, b"Target")) {
                let path = match target.strip_prefix('/') {
                    Some(abs) => abs.to_owned(),
                    None => format!("xl/{target}"),
                };
                targets.insert(id, path);
            }
        }
    });
    let mut sheets: Vec<(String, String)> = Vec::new();
    each_element(&workbook, |e| {
        if e.local_name().as_ref() == b"sheet" {
            if let (Some(name), Some(id)) = (attr(e, b"name"), attr(e, b"id")) {
                if let Some(path) = targets.get(&id) {
                    sheets.push((name, path.clone()));
                }
            }
        }
    });
    for (name, path) in sheets {
        let Some(xml) = read_entry(&mut zip, &path) else {
            continue;
        };
        let mut cells = HashSet::new();
        each_element(&xml, |e| {
            if e.local_name().as_ref() == b"c" {
                let style = attr(e, b"s").and_then(|s| s.parse::<usize>().ok());
                if style.is_some_and(|s| percent.contains(&s)) {
                    if let Some(pos) = attr(e, b"r").as_deref().and_then(cell_ref) {
                        cells.insert(pos);
                    }
                }
            }
        });
        if !cells.is_empty() {
            out.insert(name, cells);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_styles() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("G7"), Some((6, 6)));
        assert_eq!(cell_ref("AA10"), Some((9, 26)));
        assert_eq!(cell_ref("7"), None);
        let styles = r#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="&quot;%&quot;0"/></numFmts>
            <cellXfs><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="9"/></cellXfs></styleSheet>"#;
        let got = percent_styles(styles);
        assert_eq!(got, HashSet::from([1, 2, 4]));
        assert!(percent_cells(b"not a zip").is_empty());
    }
}
