//! Traditional script: documents printed in 繁體 (績效, 指標, 項目名稱) are read with the simplified vocabulary,
//! and the model keeps the text as printed.
//!
//! The readers match labels, header words and values in simplified script. For a document in traditional
//! script, every cell is folded to a matching copy, simplified by OpenCC's character table (ferrous-opencc)
//! and without the pinyin some converters print after each character (`業(yè)務(wù)`), and the document is read
//! from the copies. Then every text field of the model that is a whole folded cell gets its printed text back.
//! Parsed values, categories and amounts stay as read from the simplified copy.

use std::collections::HashMap;

use crate::model::{Cell, Document};
use crate::value::normalize::simplified;

use super::grid::Row;

/// Fewest characters that differ in simplified script for a document to count as traditional.
const MIN_TRADITIONAL: usize = 8;

/// The text is in traditional script: enough of its Han characters have a different simplified form. A few
/// traditional characters in simplified text (a name, a quotation) do not count.
pub fn is_traditional(text: &str) -> bool {
    is_traditional_parts(std::iter::once(text))
}

/// The rows' text is in traditional script (see [`is_traditional`]).
pub fn is_traditional_rows(rows: &[Row]) -> bool {
    is_traditional_parts(rows.iter().flat_map(|r| r.cells.iter().map(String::as_str)))
}

/// Characters looked at, at most: the start of a document tells its script.
const SAMPLE: usize = 50_000;

/// The commonest traditional characters of these documents (a cheap first test that needs no table).
fn is_marker(c: char) -> bool {
    matches!(
        c,
        '績' | '標'
            | '項'
            | '產'
            | '數'
            | '質'
            | '時'
            | '滿'
            | '額'
            | '資'
            | '預'
            | '實'
            | '務'
            | '經'
    )
}

fn is_traditional_parts<'a>(parts: impl Iterator<Item = &'a str> + Clone) -> bool {
    // Every marker is above U+7000; most characters are ruled out by one comparison.
    // The simplified words every such document prints (指标, 绩效) settle it at once, most often in the first
    // few cells.
    if parts
        .clone()
        .take(2_000)
        .any(|p| p.contains("指标") || p.contains("绩效"))
    {
        return false;
    }
    let chars = || parts.clone().flat_map(str::chars).take(SAMPLE);
    if !chars().any(|c| c >= '\u{7000}' && is_marker(c)) {
        return false;
    }
    let (mut han, mut changed) = (0usize, 0usize);
    for c in chars() {
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            han += 1;
            if simplified(c) != c {
                changed += 1;
            }
        }
    }
    changed >= MIN_TRADITIONAL && changed * 20 >= han
}

/// The matching copy of a cell: simplified, without pinyin in brackets after characters.
pub fn fold(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut rest = cell;
    while let Some(c) = rest.chars().next() {
        // `(yè)` right after a Han character: a transliteration, not content.
        if matches!(c, '(' | '（') && out.chars().last().is_some_and(super::labels::is_han) {
            if let Some(len) = pinyin_group(rest) {
                rest = &rest[len..];
                continue;
            }
        }
        out.push(simplified(c));
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Byte length of `(pinyin)` at the start of `s`: brackets around Latin letters with tone marks, at most 8.
fn pinyin_group(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    chars.next()?;
    for (letters, (i, c)) in chars.enumerate() {
        if matches!(c, ')' | '）') {
            return (letters > 0).then_some(i + c.len_utf8());
        }
        let latin = c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c);
        if !latin || letters >= 8 {
            return None;
        }
    }
    None
}

/// Folded copies of the rows, and the printed text of every folded cell that differs.
pub fn fold_rows(rows: &[Row]) -> (Vec<Row>, HashMap<String, String>) {
    let mut printed = HashMap::new();
    let folded = rows
        .iter()
        .map(|r| Row {
            cells: r
                .cells
                .iter()
                .map(|c| {
                    let f = fold(c);
                    if f != *c {
                        printed.entry(f.clone()).or_insert_with(|| c.clone());
                    }
                    f
                })
                .collect(),
            ..r.clone()
        })
        .collect();
    (folded, printed)
}

/// The printed text of a folded cell, or of each word of cells joined with spaces (a target from comparator,
/// value and unit columns).
fn restore_text(s: &mut String, printed: &HashMap<String, String>) {
    if s.is_empty() {
        return;
    }
    if let Some(p) = printed.get(s.as_str()) {
        *s = p.clone();
    } else if s.contains(' ') {
        let words: Vec<String> = s
            .split(' ')
            .map(|w| {
                let mut w = w.to_owned();
                restore_part(&mut w, printed);
                w
            })
            .collect();
        *s = words.join(" ");
    } else {
        restore_part(s, printed);
    }
}

/// Longest field restored piece by piece: a field joined from pieces of several cells.
const MAX_JOINED_CHARS: usize = 200;

/// A field joined from pieces of several cells (a name wrapped over a page break, a glued row split across
/// lines): each longest leading piece that one folded cell holds is restored from that cell.
fn restore_joined(s: &mut String, printed: &HashMap<String, String>) {
    if s.chars().count() > MAX_JOINED_CHARS {
        return;
    }
    let mut out = String::new();
    let mut rest = s.as_str();
    while let Some(first) = rest.chars().next() {
        // The longest leading piece held by a folded cell, grown a character at a time over the cells that
        // still hold it (a piece one cell holds, each shorter start of it holds too).
        let mut cells: Vec<&String> = printed.keys().collect();
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            let e = i + c.len_utf8();
            cells.retain(|f| f.contains(&rest[..e]));
            if cells.is_empty() {
                break;
            }
            end = e;
        }
        if end == 0 {
            // In no differing cell: printed as folded.
            end = first.len_utf8();
            out.push_str(&rest[..end]);
        } else {
            let mut part = rest[..end].to_owned();
            restore_part(&mut part, printed);
            out.push_str(&part);
        }
        rest = &rest[end..];
    }
    *s = out;
}

/// A field cut from a cell (an item of a list in one cell): the printed text of the part of a folded cell it
/// is, found by folding the printed cell character by character.
fn restore_part(s: &mut String, printed: &HashMap<String, String>) {
    if let Some(p) = printed.get(s.as_str()) {
        *s = p.clone();
        return;
    }
    let Some((folded, original)) = printed.iter().find(|(f, _)| f.contains(s.as_str())) else {
        restore_joined(s, printed);
        return;
    };
    let Some(at) = folded.find(s.as_str()) else {
        return;
    };
    let (want_start, want_end) = (at, at + s.len());
    // Walk the printed text, folding as we go, until the folded length reaches the part's ends.
    let (mut start, mut end) = (None, None);
    let mut folded_len = 0;
    let mut rest = original.as_str();
    let mut offset = 0;
    while !rest.is_empty() && end.is_none() {
        if folded_len == want_start && start.is_none() {
            start = Some(offset);
        }
        // The next folded unit: a character, or a character with its pinyin.
        let c = rest.chars().next().unwrap_or(' ');
        let mut len = c.len_utf8();
        if let Some(p) = pinyin_group(&rest[len..]) {
            if super::labels::is_han(c) {
                len += p;
            }
        }
        folded_len += fold(&rest[..len]).len();
        offset += len;
        rest = &rest[len..];
        if folded_len >= want_end {
            end = Some(offset);
        }
    }
    if let (Some(a), Some(b)) = (start, end) {
        *s = original[a..b].to_owned();
    }
}

/// Gives the model's text fields their printed text back where a field is a whole folded cell.
pub fn restore(doc: &mut Document, printed: &HashMap<String, String>) {
    let text = |s: &mut String| restore_text(s, printed);
    let opt = |s: &mut Option<String>| {
        if let Some(s) = s {
            text(s);
        }
    };
    let cell = |c: &mut Option<Cell>| {
        if let Some(c) = c {
            restore_text(&mut c.text, printed);
        }
    };
    for t in &mut doc.tables {
        opt(&mut t.title);
        opt(&mut t.project);
        opt(&mut t.unit);
        opt(&mut t.dept);
        for f in &mut t.fields {
            text(&mut f.value);
        }
        for i in &mut t.indicators {
            opt(&mut i.name);
            opt(&mut i.level1_printed);
            opt(&mut i.level2_printed);
            opt(&mut i.deviation);
            cell(&mut i.target);
            cell(&mut i.cycle_target);
            cell(&mut i.actual);
        }
    }
    for a in &mut doc.allocations {
        opt(&mut a.title);
        for r in &mut a.rows {
            opt(&mut r.project);
            opt(&mut r.unit);
            opt(&mut r.note);
        }
    }
    for u in &mut doc.unread {
        // Unread text is joined cells; restore cell by cell.
        let parts: Vec<String> = u
            .text
            .split('\t')
            .map(|p| printed.get(p).cloned().unwrap_or_else(|| p.to_owned()))
            .collect();
        u.text = parts.join("\t");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_joined_from_two_cells_gets_both_printed_pieces_back() {
        let cells = ["進(jìn)度指標(biāo)取得2018-2022", "2、監(jiān)測資料100%"];
        let printed: HashMap<String, String> =
            cells.iter().map(|c| (fold(c), c.to_string())).collect();
        let mut name = "取得2018-2022监测资料".to_owned();
        restore_text(&mut name, &printed);
        assert_eq!(name, "取得2018-2022監(jiān)測資料");
        // Text that no cell holds stays as it is.
        let mut other = "别的".to_owned();
        restore_text(&mut other, &printed);
        assert_eq!(other, "别的");
    }

    #[test]
    fn folds_traditional_labels_and_drops_pinyin() {
        assert_eq!(fold("績效指標"), "绩效指标");
        assert_eq!(fold("經(jīng)濟(jì)效益指標(biāo)"), "经济效益指标");
        assert_eq!(fold("業(yè)務(wù)工作支出安排金額"), "业务工作支出安排金额");
        // Brackets that are content stay.
        assert_eq!(fold("產出指標(30分)"), "产出指标(30分)");
        assert_eq!(fold("受益人數(人)"), "受益人数(人)");
    }

    #[test]
    fn parts_of_cells_get_their_printed_text() {
        let printed: HashMap<String, String> = [(
            "其中:全民健身路径工程236.3万元".to_owned(),
            "其中:全民健身路徑工程236.3萬元".to_owned(),
        )]
        .into();
        let mut part = "全民健身路径工程".to_owned();
        restore_text(&mut part, &printed);
        assert_eq!(part, "全民健身路徑工程");
        let printed: HashMap<String, String> =
            [("体育场馆建设".to_owned(), "體育場館建設(shè)".to_owned())].into();
        let mut part = "场馆建设".to_owned();
        restore_text(&mut part, &printed);
        assert_eq!(part, "場館建設(shè)");
    }

    #[test]
    fn tells_traditional_documents() {
        assert!(is_traditional(
            "項目支出績效目標表 產出指標 數量指標 質量指標 時效指標 滿意度指標 預算 資金"
        ));
        assert!(!is_traditional("项目支出绩效目标表 产出指标 数量指标"));
        // A traditional name in simplified text does not make the document traditional.
        assert!(!is_traditional(&format!(
            "{}臺灣",
            "项目支出绩效目标表 产出指标 数量指标 ".repeat(20)
        )));
    }
}
