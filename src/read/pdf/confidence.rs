//! OCR confidence from the grid's cells onto the model: each indicator keeps how sure OCR was of each of its
//! cells, and the cells read with low confidence are listed in a warning per page.
//!
//! The readers turn rows of cells into indicators by text, through stages (restacking, header inference,
//! joined wraps) that do not keep cell positions. So each indicator finds its cells again in the rows it was
//! read from, by their text: its own lines (from its first line up to the next indicator's), in printed order,
//! each grid cell used once. A category label carried down a merged cell is found on the line that printed it.

use rust_decimal::Decimal;

use super::layout::Confidences;
use crate::error::Location;
use crate::model::{CellConfidence, Document, Indicator, Warning};
use crate::read::grid::{push_squeezed, Row};
use crate::read::labels;

/// Below this confidence a cell is listed in the document's warnings.
pub const LOW_CONFIDENCE: f32 = 0.8;
/// At most this many low-confidence cells are quoted per page (the count says how many there were).
const QUOTED: usize = 20;
/// An indicator's cells are looked for on at most this many lines (a wrapped row spans a few).
const ROW_LINES: usize = 8;
/// A carried category label is looked for this many lines above its row.
const LABEL_LINES: usize = 60;

/// One grid cell with a confidence: its text without white space, its confidence, and whether a field took it.
struct Sure {
    text: String,
    conf: f32,
    used: bool,
}

fn squeezed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_squeezed(&mut out, text);
    out
}

/// The cells of `rows[from..to]` that have a confidence, left to right, line by line.
fn cells(rows: &[Row], conf: &Confidences, from: usize, to: usize) -> Vec<Sure> {
    let mut out = Vec::new();
    let end = to.min(rows.len());
    for (i, row) in rows.iter().enumerate().take(end).skip(from) {
        for (ci, text) in row.cells.iter().enumerate() {
            if let Some(c) = conf.get(i).and_then(|r| r.get(ci)).copied().flatten() {
                let text = squeezed(text);
                if !text.is_empty() {
                    out.push(Sure {
                        text,
                        conf: c,
                        used: false,
                    });
                }
            }
        }
    }
    out
}

/// The confidence of a field printed as `text`: the first unused cell with exactly that text. The cell taken
/// is marked used.
fn take_exact(cells: &mut [Sure], text: &str) -> Option<f32> {
    let want = squeezed(text);
    let c = cells
        .iter_mut()
        .find(|c| !c.used && !want.is_empty() && c.text == want)?;
    c.used = true;
    Some(c.conf)
}

/// The confidence of a field no cell prints exactly: the lowest of the unused cells that are pieces of it (a
/// wrapped cell joined) or that hold it (two fields in one cell). Asked only after every field took its exact
/// cell, so that a piece is not another field's cell.
fn take_pieces(cells: &mut [Sure], text: &str) -> Option<f32> {
    let want = squeezed(text);
    if want.is_empty() {
        return None;
    }
    let mut lowest: Option<f32> = None;
    for c in cells
        .iter_mut()
        .filter(|c| !c.used && (want.contains(&c.text) || c.text.contains(&want)))
    {
        c.used = true;
        lowest = Some(lowest.map_or(c.conf, |l| l.min(c.conf)));
    }
    lowest
}

/// The confidence of a number field (分值, 得分): the first unused cell that reads as that number.
fn take_number(cells: &mut [Sure], value: Option<Decimal>) -> Option<f32> {
    let value = value?;
    let c = cells
        .iter_mut()
        .find(|c| !c.used && labels::number(&c.text) == Some(value))?;
    c.used = true;
    Some(c.conf)
}

/// The confidences of one indicator's cells, found in its lines.
fn of_indicator(
    ind: &Indicator,
    rows: &[Row],
    conf: &Confidences,
    first: usize,
    end: usize,
) -> Option<CellConfidence> {
    let mut mine = cells(rows, conf, first, end);
    if mine.is_empty() {
        return None;
    }
    let text = |c: &Option<crate::model::Cell>| c.as_ref().map(|c| c.text.clone());
    // The text fields in printed order, so that equal texts (a target and an actual of 100%) take their own
    // cells: exact cells first, then the pieces of the fields no cell printed whole.
    let texts: [Option<String>; 7] = [
        ind.level1_printed.clone(),
        ind.level2_printed.clone(),
        ind.name.clone(),
        text(&ind.cycle_target),
        text(&ind.target),
        text(&ind.actual),
        ind.deviation.clone(),
    ];
    let mut found: [Option<f32>; 7] = [None; 7];
    for (slot, t) in found.iter_mut().zip(&texts) {
        *slot = t.as_deref().and_then(|t| take_exact(&mut mine, t));
    }
    let weight = take_number(&mut mine, ind.weight);
    let score = take_number(&mut mine, ind.score);
    // Category labels are not pieced together: a label not on the row was carried down a merged cell, and is
    // found on the nearest line above that printed it.
    let above = cells(rows, conf, first.saturating_sub(LABEL_LINES), first);
    for (k, (slot, t)) in found.iter_mut().zip(&texts).enumerate() {
        let Some(t) = t.as_deref().filter(|_| slot.is_none()) else {
            continue;
        };
        *slot = if k < 2 {
            let want = squeezed(t);
            above.iter().rev().find(|c| c.text == want).map(|c| c.conf)
        } else {
            take_pieces(&mut mine, t)
        };
    }
    let [level1, level2, name, cycle_target, target, actual, deviation] = found;
    let found = CellConfidence {
        level1,
        level2,
        name,
        cycle_target,
        target,
        actual,
        weight,
        score,
        deviation,
    };
    found.lowest().is_some().then_some(found)
}

/// Sets each indicator's cell confidences from the rows it was read from (`rows[i]` is line `i + 1`, `conf[i]`
/// its cells' confidences). Rows without confidences (a text layer) leave the indicators as they are.
pub fn attach(doc: &mut Document, rows: &[Row], conf: &Confidences) {
    if conf.iter().flatten().all(Option::is_none) {
        return;
    }
    // Rows are numbered from 1 in order (pages::rows), so a line is found at its place; searched otherwise.
    let index = |line: u32| {
        let at = (line as usize).wrapping_sub(1);
        match rows.get(at) {
            Some(r) if r.line == line => Some(at),
            _ => rows.iter().position(|r| r.line == line),
        }
    };
    for table in &mut doc.tables {
        let lines: Vec<Option<usize>> = table
            .indicators
            .iter()
            .map(|i| i.location.line.and_then(index))
            .collect();
        let mut prev: Option<(&Indicator, CellConfidence)> = None;
        let mut found = Vec::with_capacity(table.indicators.len());
        for (k, ind) in table.indicators.iter().enumerate() {
            let Some(first) = lines[k] else {
                found.push(None);
                continue;
            };
            // Up to the next indicator's first line (at least the indicator's own line).
            let next = lines[k + 1..]
                .iter()
                .flatten()
                .copied()
                .find(|&n| n > first);
            let end = next
                .unwrap_or(first + 1)
                .clamp(first + 1, first + ROW_LINES);
            let mut c = of_indicator(ind, rows, conf, first, end);
            // A category carried down a merged cell is as sure as the cell that printed it for the row above.
            if let (Some(c), Some((p, pc))) = (c.as_mut(), prev) {
                if ind.level1_printed.is_none() && ind.level1.is_some() && ind.level1 == p.level1 {
                    c.level1 = c.level1.or(pc.level1);
                }
                if ind.level2_printed.is_none() && ind.level2.is_some() && ind.level2 == p.level2 {
                    c.level2 = c.level2.or(pc.level2);
                }
            }
            prev = c.map(|c| (ind, c));
            found.push(c);
        }
        for (ind, c) in table.indicators.iter_mut().zip(found) {
            ind.ocr_confidence = c;
        }
    }
}

/// One warning per page that has cells read with low confidence, quoting them with their lines: they are the
/// cells to check against the image.
pub fn warn_low(doc: &mut Document, rows: &[Row], conf: &Confidences, page_of: &[u32]) {
    // Per page: its low cells as (line, text, confidence).
    type Low<'a> = Vec<(u32, &'a str, f32)>;
    let mut pages: Vec<(u32, Low)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let page = page_of.get(i).copied().unwrap_or(0);
        for (ci, text) in row.cells.iter().enumerate() {
            let Some(c) = conf.get(i).and_then(|r| r.get(ci)).copied().flatten() else {
                continue;
            };
            if c >= LOW_CONFIDENCE || text.trim().is_empty() {
                continue;
            }
            match pages.last_mut() {
                Some((p, low)) if *p == page => low.push((row.line, text.trim(), c)),
                _ => pages.push((page, vec![(row.line, text.trim(), c)])),
            }
        }
    }
    for (page, low) in pages {
        let quote = |line_word: &str| {
            low.iter()
                .take(QUOTED)
                // Cut, not rounded, to two places: 0.7997 shows as 0.79, under the threshold it is under.
                .map(|(line, text, c)| {
                    let shown = (c * 100.0).floor() / 100.0;
                    format!("{line_word} {line}「{text}」{shown:.2}")
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let more = low.len().saturating_sub(QUOTED);
        let (more_zh, more_en) = if more > 0 {
            (format!(" 等（另 {more} 格）"), format!(" and {more} more"))
        } else {
            (String::new(), String::new())
        };
        let n = low.len();
        doc.warnings.push(Warning {
            location: Location {
                line: low.first().map(|l| l.0),
                page: Some(page),
                ..Location::file(doc.source.clone())
            },
            message_zh: format!(
                "第 {page} 页：{n} 个单元格的 OCR 置信度低于 {LOW_CONFIDENCE}，请对照原图核对：{}{more_zh}",
                quote("行")
            ),
            message_en: format!(
                "page {page}: {n} cells read by OCR with confidence below {LOW_CONFIDENCE}, check them against the image: {}{more_en}",
                quote("line")
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::document::Reader;

    /// Rows of cells, each cell's confidence written after `@` (`100%@0.6`); a cell without one has none.
    fn grid(lines: &[&[&str]]) -> (Vec<Row>, Confidences) {
        let mut rows = Vec::new();
        let mut conf = Vec::new();
        for (i, cells) in lines.iter().enumerate() {
            let line = i as u32 + 1;
            let (texts, sure): (Vec<String>, Vec<Option<f32>>) = cells
                .iter()
                .map(|c| match c.split_once('@') {
                    Some((t, x)) => (t.to_owned(), x.parse().ok()),
                    None => ((*c).to_owned(), None),
                })
                .unzip();
            rows.push(Row {
                line,
                end_line: line,
                cells: texts,
                after_blank: false,
                placed: true,
            });
            conf.push(sure);
        }
        (rows, conf)
    }

    fn read(lines: &[&[&str]]) -> Document {
        let (rows, conf) = grid(lines);
        let mut doc = Reader::new("scan.png").structured().read(&rows);
        attach(&mut doc, &rows, &conf);
        warn_low(&mut doc, &rows, &conf, &vec![1; rows.len()]);
        doc
    }

    #[test]
    fn each_cell_of_a_self_evaluation_row_finds_its_own_confidence() {
        let doc = read(&[
            &["项目支出绩效自评表@0.99"],
            &[
                "一级指标@0.99",
                "二级指标@0.99",
                "三级指标@0.99",
                "年度指标值@0.99",
                "实际完成值@0.99",
                "分值@0.99",
                "得分@0.99",
                "偏差原因分析及改进措施@0.99",
            ],
            &[
                "产出指标@0.97",
                "数量指标@0.93",
                "培训人次@0.9",
                "100%@0.85",
                "100%@0.55",
                "10.00@0.7",
                "10@0.99",
                "无@0.98",
            ],
            // Merged category cells: the labels were printed on the row above.
            &[
                "",
                "",
                "合格率@0.88",
                "≥95%@0.96",
                "96%@0.9",
                "10@0.66",
                "9@0.8",
            ],
        ]);
        let inds = &doc.tables[0].indicators;
        assert_eq!(inds.len(), 2);
        let a = inds[0].ocr_confidence.unwrap();
        // Target and actual are both 100%: each takes its own cell, in printed order.
        assert_eq!((a.target, a.actual), (Some(0.85), Some(0.55)));
        // 分值 10.00 is the number 10, 得分 10 the next cell.
        assert_eq!(
            (a.weight, a.score, a.deviation),
            (Some(0.7), Some(0.99), Some(0.98))
        );
        assert_eq!(a.below(LOW_CONFIDENCE), ["actual", "weight"]);
        let b = inds[1].ocr_confidence.unwrap();
        // Carried labels take the confidence of the merged cell that printed them.
        assert_eq!(
            (b.level1, b.level2, b.name),
            (Some(0.97), Some(0.93), Some(0.88))
        );
        assert_eq!((b.weight, b.score), (Some(0.66), Some(0.8)));
        assert_eq!(b.lowest(), Some(0.66));
        let warning = doc
            .warnings
            .iter()
            .find(|w| w.message_en.contains("confidence"))
            .unwrap();
        assert!(
            warning.message_en.starts_with("page 1: 3 cells"),
            "{}",
            warning.message_en
        );
        assert!(warning
            .message_en
            .contains("line 3「100%」0.55, line 3「10.00」0.70, line 4「10」0.66"));
    }

    #[test]
    fn a_name_wrapped_onto_a_second_line_is_as_sure_as_its_less_sure_piece() {
        let doc = read(&[
            &[
                "一级指标@0.99",
                "二级指标@0.99",
                "三级指标@0.99",
                "指标值@0.99",
            ],
            &[
                "产出指标@0.99",
                "数量指标@0.99",
                "培训合格@0.95",
                "≥95%@0.9",
            ],
            &["", "", "率@0.6", ""],
            &[
                "效益指标@0.99",
                "社会效益指标@0.99",
                "就业人数@0.9",
                "≥300人@0.9",
            ],
        ]);
        let inds = &doc.tables[0].indicators;
        assert_eq!(inds[0].name.as_deref(), Some("培训合格率"));
        assert_eq!(inds[0].ocr_confidence.unwrap().name, Some(0.6));
        assert_eq!(inds[1].ocr_confidence.unwrap().name, Some(0.9));
    }

    #[test]
    fn rows_from_a_text_layer_keep_no_confidence_and_no_warning() {
        let doc = read(&[
            &["一级指标", "二级指标", "三级指标", "指标值"],
            &["产出指标", "数量指标", "培训人次", "≥300人次"],
        ]);
        assert_eq!(doc.tables[0].indicators.len(), 1);
        assert!(doc.tables[0].indicators[0].ocr_confidence.is_none());
        assert!(doc
            .warnings
            .iter()
            .all(|w| !w.message_en.contains("confidence")));
        assert!(!doc.to_json().contains("ocr_confidence"));
    }
}
