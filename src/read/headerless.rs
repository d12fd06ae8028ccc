//! Indicator rows with no header above them, given one inferred from their contents.
//!
//! A scanned document often arrives as one image per page, and an excerpt may start below a table's header: the
//! rows of a continued indicator table then come with no header to name their columns (`| | 出版《湖南不动产》 |
//! 6期 | 6期 | 1 | 1`). Their cells still say what they are: category labels (产出指标, 数量指标) stand left of a
//! name, values follow, and weights and scores are plain numbers. So the rows before the document's first
//! header or title are aligned to each column order indicator tables print ([`LAYOUTS`]), with the same
//! order-preserving alignment a header's columns get ([`schema::align_at`]). When the best fit is clearly an
//! indicator table (category labels among the rows, a name in most rows), a header naming those columns is put
//! before the rows, in the grid columns the rows use, and the rest of the reader sees an ordinary table. The
//! reader warns that the columns were inferred.
//!
//! Rows without any category label are left alone: a name beside numbers may belong to any table.

use super::grid::Row;
use super::header;
use super::labels;
use super::schema::{self, Columns, Role, UNPRINTED};

/// The column orders an indicator table prints, after its merged section column. Self-evaluations print the
/// weight after the values or before them; goal tables print the target alone, with a weight, or after the
/// long-term target.
const LAYOUTS: &[&[Role]] = &[
    &[
        Role::Level1,
        Role::Level2,
        Role::Name,
        Role::Target,
        Role::Actual,
        Role::Weight,
        Role::Score,
        Role::Deviation,
    ],
    &[
        Role::Level1,
        Role::Level2,
        Role::Name,
        Role::Weight,
        Role::Target,
        Role::Actual,
        Role::Score,
        Role::Deviation,
    ],
    &[
        Role::Level1,
        Role::Level2,
        Role::Name,
        Role::Target,
        Role::Weight,
    ],
    // Two value columns and no weight or score: the long-term and annual targets of a goal table (实施期指标值 |
    // 年度指标值) rather than a self-evaluation, which scores its rows.
    &[
        Role::Level1,
        Role::Level2,
        Role::Name,
        Role::Cycle,
        Role::Target,
    ],
    &[Role::Level1, Role::Level2, Role::Name, Role::Target],
];

/// Rows a block needs at least before its columns are inferred.
const MIN_ROWS: usize = 3;
/// A row of an indicator table fits at least this well (a name and a value: 4 + 4, less a skipped column).
const ROW_FIT: i32 = 6;
/// Most rows looked at (a header comes within a page of rows in any real table).
const MAX_ROWS: usize = 400;

/// The header word printed for each role (words [`schema::role_of`] reads back as that role).
fn word(role: Role) -> &'static str {
    match role {
        Role::Level1 => "一级指标",
        Role::Level2 => "二级指标",
        Role::Name => "三级指标",
        Role::Cycle => "实施期指标值",
        Role::Target => "年度指标值",
        Role::Actual => "实际完成值",
        Role::Weight => "分值",
        Role::Score => "得分",
        Role::Deviation => "偏差原因分析及改进措施",
        _ => "",
    }
}

/// Rows with a header inferred for the indicator rows before the first header or title, and the index in them
/// of the row added. `None` when there are no such rows (the common case: no copy is made).
pub fn rows(rows: &[Row]) -> Option<(Vec<Row>, usize)> {
    let stop = rows
        .iter()
        .take(MAX_ROWS)
        .position(opens_something)
        .unwrap_or(rows.len().min(MAX_ROWS));
    let before = &rows[..stop];
    if before.iter().filter(|r| r.filled_count() >= 2).count() < MIN_ROWS {
        return None;
    }
    let (start, header) = infer(before)?;
    let mut out = Vec::with_capacity(rows.len() + 1);
    out.extend_from_slice(&rows[..start]);
    let first = &rows[start];
    out.push(Row {
        line: first.line,
        end_line: first.line,
        cells: header,
        after_blank: first.after_blank,
        placed: first.placed,
    });
    out.extend_from_slice(&rows[start..]);
    Some((out, start))
}

/// A row the document reader opens a table or region at: a title, an indicator header, or a table's header
/// fields. The rows before it have no header of their own.
fn opens_something(row: &Row) -> bool {
    let filled = row.filled_count();
    if filled == 0 {
        return false;
    }
    let sq = row.squeezed();
    (filled <= 3 && labels::title_kind(&sq).is_some())
        || labels::is_indicator_header(&row.cells)
        || ((sq.contains("指标") || sq.contains("目标值"))
            && (Columns::from_header(&row.cells).is_some()
                || schema::split_header(&row.cells).is_some()))
        || header::OPENING_LABELS.iter().any(|w| sq.contains(w))
}

/// The best layout's header for `rows`, and the row it goes before; `None` unless the rows are clearly indicator
/// rows.
fn infer(rows: &[Row]) -> Option<(usize, Vec<String>)> {
    let table: Vec<(usize, Vec<(usize, &str)>)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.filled_count() >= 2)
        .map(|(i, r)| (i, r.filled().collect()))
        .collect();
    let mut best: Option<(i32, usize, Vec<String>)> = None;
    for layout in LAYOUTS {
        let mut roles = vec![Role::Section];
        roles.extend_from_slice(layout);
        let columns = Columns {
            positions: vec![UNPRINTED; roles.len()],
            roles,
            header: Vec::new(),
        };
        let Some((score, start, header)) = fit(&columns, rows, &table) else {
            continue;
        };
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, start, header));
        }
    }
    best.map(|(_, start, header)| (start, header))
}

/// How well `table` (the rows' filled cells, by row index) fits `columns`: the total fit from the first row
/// that fits well, that row, and the header to print; `None` when the rows do not read as indicator rows.
fn fit(
    columns: &Columns,
    rows: &[Row],
    table: &[(usize, Vec<(usize, &str)>)],
) -> Option<(i32, usize, Vec<String>)> {
    let aligned: Vec<Option<(Vec<usize>, i32)>> = table
        .iter()
        .map(|(_, cells)| schema::align_at(columns, cells))
        .collect();
    let named = |k: usize| -> bool {
        aligned[k].as_ref().is_some_and(|(at, score)| {
            *score >= ROW_FIT && at.iter().any(|&j| columns.roles[j] == Role::Name)
        })
    };
    // Prose or a caption before the rows stays out of the table.
    let first = (0..table.len()).find(|&k| named(k))?;
    let rest = first..table.len();
    let n = rest.len();
    if n < MIN_ROWS {
        return None;
    }
    let mut total = 0;
    let (mut with_name, mut labelled, mut misfits) = (0, 0, 0);
    // For each column, the grid columns its cells sit in.
    let mut grid: Vec<Vec<usize>> = vec![Vec::new(); columns.roles.len()];
    for k in rest {
        let Some((at, score)) = &aligned[k] else {
            misfits += 1;
            continue;
        };
        total += score;
        with_name += usize::from(named(k));
        let cells = &table[k].1;
        let mut has_label = false;
        for (&j, &(col, text)) in at.iter().zip(cells) {
            let role = columns.roles[j];
            if matches!(role, Role::Level1 | Role::Level2 | Role::Section)
                && matches!(
                    schema::shape_of(text),
                    schema::Shape::Level1 | schema::Shape::Level2
                )
            {
                has_label = true;
            }
            grid[j].push(col);
        }
        labelled += usize::from(has_label);
    }
    // Category labels are what only indicator tables print; most rows name an indicator; few cannot be aligned.
    if labelled == 0 || with_name * 3 < n * 2 || misfits * 5 > n {
        return None;
    }
    let header = header_cells(columns, &grid, rows.get(table[first].0)?.placed)?;
    Some((total, table[first].0, header))
}

/// The header row: each column's word, in the grid column its cells most often sit in when the rows keep their
/// cells in columns (one after another otherwise). Columns no row filled are left out, except the level, name
/// and target columns, which take a free grid column where their neighbours leave one.
fn header_cells(columns: &Columns, grid: &[Vec<usize>], placed: bool) -> Option<Vec<String>> {
    let kept: Vec<(Role, Option<usize>)> = columns
        .roles
        .iter()
        .zip(grid)
        .filter(|(role, cols)| {
            **role != Role::Section
                && (!cols.is_empty()
                    || matches!(
                        role,
                        Role::Level1 | Role::Level2 | Role::Name | Role::Target
                    ))
        })
        .map(|(role, cols)| (*role, most_common(cols)))
        .collect();
    if !placed {
        return Some(kept.iter().map(|(r, _)| word(*r).to_owned()).collect());
    }
    // Where the cells sit, kept in order (a column left of its predecessor's position is moved after it).
    let mut at: Vec<Option<usize>> = Vec::with_capacity(kept.len());
    let mut last: Option<usize> = None;
    for (_, col) in &kept {
        let c = col.filter(|&c| last.is_none_or(|l| c > l));
        if c.is_some() {
            last = c;
        }
        at.push(c);
    }
    // Columns without cells go in the free grid columns between their neighbours, or are left out.
    let mut cells: Vec<String> = Vec::new();
    let mut prev: Option<usize> = None;
    for (k, (role, _)) in kept.iter().enumerate() {
        let next_known = at[k + 1..].iter().flatten().next().copied();
        let here = match at[k] {
            Some(c) => Some(c),
            None => {
                let free = prev.map_or(0, |p| p + 1);
                next_known.is_none_or(|n| free < n).then_some(free)
            }
        };
        let Some(c) = here else {
            if matches!(role, Role::Name | Role::Target) {
                return None;
            }
            continue;
        };
        if cells.len() <= c {
            cells.resize(c + 1, String::new());
        }
        cells[c] = word(*role).to_owned();
        prev = Some(c);
    }
    Some(cells)
}

fn most_common(cols: &[usize]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for &c in cols {
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    // The most frequent, and the leftmost of equals.
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u32, cells: &[&str], placed: bool) -> Row {
        Row {
            line,
            end_line: line,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            after_blank: false,
            placed,
        }
    }

    /// A continuation page of 004 (湖南, page 9) as its ruled grid gives it: the header goes in the grid columns
    /// the cells use, before the first indicator row, and the cut-off row above it stays where it was.
    #[test]
    fn a_ruled_continuation_page_gets_a_header_in_its_grid_columns() {
        let page = [
            row(1, &["", "", "教育库课程"], true),
            row(
                2,
                &["", "", "出版《湖南不动产》", "6期", "6期", "1", "1"],
                true,
            ),
            row(
                3,
                &[
                    "",
                    "质量指标",
                    "项目成果质量合格率",
                    "100%",
                    "100%",
                    "1",
                    "1",
                ],
                true,
            ),
            row(
                4,
                &[
                    "成本指标",
                    "经济成本指标",
                    "档案资料管理与利用",
                    "≤445万元",
                    "445万元",
                    "10",
                    "10",
                ],
                true,
            ),
        ];
        let (out, at) = rows(&page).unwrap();
        assert_eq!(at, 1);
        assert_eq!(out.len(), 5);
        assert_eq!(
            out[1].cells,
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分"
            ]
        );
        assert_eq!(out[1].line, 2);
        assert_eq!(out[0], page[0]);
    }

    /// Text rows keep no grid: the header is the words in order, for a goal table's columns. Prose before the
    /// rows stays out of the table.
    #[test]
    fn goal_rows_in_text_get_a_goal_header_after_the_prose() {
        let text = [
            row(1, &["附件：", "部分指标如下"], false),
            row(2, &["产出指标", "数量指标", "培训人次", "≥500人"], false),
            row(3, &["发放补助对象数", "≥120户"], false),
            row(
                4,
                &["效益指标", "社会效益指标", "群众知晓率", "≥90%"],
                false,
            ),
        ];
        let (out, at) = rows(&text).unwrap();
        assert_eq!(at, 1);
        assert_eq!(
            out[1].cells,
            ["一级指标", "二级指标", "三级指标", "年度指标值"]
        );
    }

    /// Rows after a printed header or title are the reader's own: nothing is inferred for them.
    #[test]
    fn rows_under_a_printed_header_are_left_alone() {
        let text = [
            row(1, &["一级指标", "二级指标", "三级指标", "指标值"], false),
            row(2, &["产出指标", "数量指标", "培训人次", "≥500人"], false),
            row(3, &["发放补助对象数", "≥120户"], false),
            row(
                4,
                &["效益指标", "社会效益指标", "群众知晓率", "≥90%"],
                false,
            ),
        ];
        assert!(rows(&text).is_none());
    }
}
