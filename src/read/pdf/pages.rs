//! Pages to the rows of one document: a ruled table that runs onto the next page is joined to its start, and
//! the header printed again at the top of that page is dropped.

use super::layout::{Block, Confidences};
use crate::read::grid::{cap_cell, push_squeezed, Row};

/// At most this many header rows are printed again at the top of a continued table.
const HEADER_ROWS: usize = 3;
/// Column boundaries this close (in points) are the same table's.
const SAME_COLUMN: f32 = 3.0;

/// The rows of all pages in reading order, the page (1-based) of each row's line, and the OCR confidence of
/// each row's cells (empty rows of `None` for a text layer).
pub fn rows(pages: &[(u32, Vec<Block>)]) -> (Vec<Row>, Vec<u32>, Confidences) {
    let mut out: Vec<Row> = Vec::new();
    let mut page_of = Vec::new();
    let mut out_conf: Confidences = Vec::new();
    // The ruled table the previous page ended with: its column boundaries and its rows so far, squeezed.
    let mut open: Option<(Vec<f32>, Vec<String>)> = None;
    for (number, blocks) in pages {
        let mut first = true;
        for (bi, block) in blocks.iter().enumerate() {
            // Cells of a ruled table, or of an unruled one aligned on its columns, sit in their columns.
            let placed = match block {
                Block::Ruled { .. } => true,
                Block::Text { rows, .. } => rows.iter().any(|r| r.len() > 1),
            };
            let (rows, conf, continues) = match block {
                Block::Ruled { rows, conf, xs, .. } => {
                    let continues =
                        bi == 0 && open.as_ref().is_some_and(|(oxs, _)| same_columns(oxs, xs));
                    let skip = match (&open, continues) {
                        (Some((_, seen)), true) => repeated_header(seen, rows),
                        _ => {
                            open = Some((xs.clone(), Vec::new()));
                            0
                        }
                    };
                    if let Some((oxs, seen)) = open.as_mut() {
                        oxs.clone_from(xs);
                        seen.extend(rows.iter().map(|r| squeeze(r)));
                    }
                    let mut rest = &rows[skip..];
                    let mut rest_conf = conf.get(skip..).unwrap_or_default();
                    // A row broken by the page: its second part fills only cells its first part filled.
                    if continues {
                        if let (Some(head), Some(prev)) = (rest.first(), out.last_mut()) {
                            if split_part(&prev.cells, head) {
                                join_split(&mut prev.cells, head);
                                if let (Some(to), Some(from)) =
                                    (out_conf.last_mut(), rest_conf.first())
                                {
                                    join_confidences(to, from);
                                }
                                rest = &rest[1..];
                                rest_conf = rest_conf.get(1..).unwrap_or_default();
                            }
                        }
                    }
                    (rest, rest_conf, continues)
                }
                Block::Text { rows, conf, .. } => (&rows[..], &conf[..], false),
            };
            for (ri, cells) in rows.iter().enumerate() {
                let mut cells: Vec<String> = cells.clone();
                cells.iter_mut().for_each(cap_cell);
                while cells.last().is_some_and(String::is_empty) {
                    cells.pop();
                }
                if cells.is_empty() {
                    continue;
                }
                let mut row_conf = conf.get(ri).cloned().unwrap_or_default();
                row_conf.resize(cells.len(), None);
                out_conf.push(row_conf);
                let line = u32::try_from(out.len() + 1).unwrap_or(u32::MAX);
                out.push(Row {
                    line,
                    end_line: line,
                    cells,
                    // A new page breaks the text like a blank line, unless a table runs on.
                    after_blank: first && !continues,
                    placed,
                });
                page_of.push(*number);
                first = false;
            }
        }
        if !matches!(blocks.last(), Some(Block::Ruled { .. })) {
            open = None;
        }
    }
    (out, page_of, out_conf)
}

/// The second part of a row cut by the page lowers the confidence of the cells it continues.
fn join_confidences(to: &mut Vec<Option<f32>>, from: &[Option<f32>]) {
    if to.len() < from.len() {
        to.resize(from.len(), None);
    }
    for (t, f) in to.iter_mut().zip(from) {
        *t = super::centred::lower(*t, *f);
    }
}

/// Whether `next`, at the top of a continued table, is the rest of the row `prev` that the page break cut:
/// every cell it fills is filled in `prev`, and right of its first filled cell it leaves empty a cell that
/// `prev` filled. (A new row under merged categories leaves only the leading category cells empty, and fills
/// its name and values again.)
fn split_part(prev: &[String], next: &[String]) -> bool {
    let filled = |r: &[String], i: usize| r.get(i).is_some_and(|c| !c.is_empty());
    let width = prev.len().max(next.len());
    let Some(first) = (0..width).find(|&i| filled(next, i)) else {
        return false;
    };
    (0..width).all(|i| !filled(next, i) || filled(prev, i))
        && (first + 1..width).any(|i| filled(prev, i) && !filled(next, i))
}

fn join_split(prev: &mut Vec<String>, next: &[String]) {
    if prev.len() < next.len() {
        prev.resize(next.len(), String::new());
    }
    for (p, n) in prev.iter_mut().zip(next) {
        if !n.is_empty() {
            *p = super::text::join_wrapped(p, n);
        }
    }
}

/// A row's text without white space, as `Row::squeezed` gives it.
fn squeeze(row: &[String]) -> String {
    let mut out = String::new();
    for cell in row {
        push_squeezed(&mut out, cell);
    }
    out
}

fn same_columns(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= SAME_COLUMN)
}

/// How many rows at the top of a continued table repeat rows of its part on earlier pages with at least two
/// cells filled (a header printed again on each page; up to [`HEADER_ROWS`] of them).
fn repeated_header(seen: &[String], rows: &[Vec<String>]) -> usize {
    rows.iter()
        .take(HEADER_ROWS)
        .take_while(|r| {
            r.iter().filter(|c| !c.is_empty()).count() >= 2 && seen.contains(&squeeze(r))
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pdf::Rect;

    /// A ruled table whose cells were read by OCR: row `r`'s cells with confidence 0.5 + r / 10.
    fn ruled(rows: &[&[&str]]) -> Block {
        Block::Ruled {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
            conf: rows
                .iter()
                .enumerate()
                .map(|(i, r)| vec![Some(0.5 + i as f32 / 10.0); r.len()])
                .collect(),
            xs: vec![0.0, 100.0, 200.0],
            rect: Rect {
                x0: 0.0,
                top: 0.0,
                x1: 200.0,
                bottom: 100.0,
            },
        }
    }

    #[test]
    fn a_table_over_two_pages_drops_its_repeated_header() {
        let pages = vec![
            (1, vec![ruled(&[&["三级指标", "指标值"], &["a", "1"]])]),
            (2, vec![ruled(&[&["三级指标", "指标值"], &["b", "2"]])]),
            // Not a continuation: text comes first on the page.
            (
                3,
                vec![
                    Block::Text {
                        rows: vec![vec!["附件".into()]],
                        conf: Vec::new(),
                        rect: Rect {
                            x0: 0.0,
                            top: 0.0,
                            x1: 9.0,
                            bottom: 9.0,
                        },
                    },
                    ruled(&[&["三级指标", "指标值"]]),
                ],
            ),
        ];
        let (rows, page_of, conf) = rows(&pages);
        let cells: Vec<_> = rows.iter().map(|r| r.cells.join("|")).collect();
        assert_eq!(
            cells,
            ["三级指标|指标值", "a|1", "b|2", "附件", "三级指标|指标值"]
        );
        // The confidences stay with their cells when the repeated header is dropped; text has none.
        let (h, b) = (Some(0.5), Some(0.6));
        assert_eq!(
            conf,
            [vec![h, h], vec![b, b], vec![b, b], vec![None], vec![h, h]]
        );
        assert_eq!(page_of, [1, 1, 2, 3, 3]);
        assert_eq!(
            rows.iter().map(|r| r.after_blank).collect::<Vec<_>>(),
            [true, false, false, true, false]
        );
        assert_eq!(
            rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5]
        );
    }

    #[test]
    fn a_row_cut_by_the_page_is_joined_but_a_row_under_merged_categories_is_not() {
        let cells = |r: &[&str]| r.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        // The rest of a cut row: its name and note go on, its amount does not.
        assert!(split_part(
            &cells(&["5", "项目（2022-", "890.00", "批复（2022-"]),
            &cells(&["", "2024年）", "", "2024年）"])
        ));
        // A new row whose merged category cells are empty on the new page.
        assert!(!split_part(
            &cells(&["产出指标", "数量指标", "验收评价", "≥80分"]),
            &cells(&["", "", "审计完成率", "≥95%"])
        ));
        assert!(!split_part(&cells(&["a", "1"]), &cells(&["", ""])));
        let mut prev = cells(&["5", "项目（2022-", "890.00"]);
        join_split(&mut prev, &cells(&["", "2024年）项目"]));
        assert_eq!(prev, ["5", "项目（2022-2024年）项目", "890.00"]);
        // The joined cell is as sure as its less sure part; a cell the rest does not fill keeps its own.
        let mut conf = vec![Some(0.9), Some(0.95), Some(0.9)];
        join_confidences(&mut conf, &[None, Some(0.7)]);
        assert_eq!(conf, [Some(0.9), Some(0.7), Some(0.9)]);
    }
}
