//! Tables written one cell per line with nothing between rows, back into rows.
//!
//! Web pages copied as text, and converters that write every `<td>` as a paragraph, leave an indicator table
//! as a column of lines: `一级指标` / `二级指标` / `三级指标` / `指标值` / `产出指标` / `数量指标` / `配备车辆数` / `10` …
//! Nothing marks where a row ends, and merged or empty cells are simply absent. The header still names the
//! columns, and each row is still its cells in column order, so rows are found by segmenting the stream of
//! cells: every row is an order-preserving assignment of its cells to the columns ([`schema::align`]), and the
//! segmentation that fits best overall is chosen by dynamic programming. The rows come out with each cell in
//! its header column, so the rest of the reader sees an ordinary table.
//!
//! This runs on rows from any format, before the document reader, and touches only runs of one-cell rows that
//! start with a header of at least three column words.

use super::grid::Row;
use super::labels::{self, Label};
use super::schema::{self, Columns, Role};

/// Most cells read into one table's stream (a bound on the work; real blocks hold a few hundred).
const MAX_STREAM: usize = 4_000;

/// What splitting a stream into one more row costs: two short rows must fit better than one long row.
const ROW_COST: i32 = 2;

/// Header cells a restacked header needs at least.
const MIN_HEADER: usize = 3;

/// Rewrites runs of one-cell rows that hold a header and its table into rows of cells; other rows pass as
/// they are. `None` when there is nothing to rewrite (the common case: no copy is made).
pub fn rows(rows: &[Row]) -> Option<Vec<Row>> {
    let mut out: Option<Vec<Row>> = None;
    let mut i = 0;
    while i < rows.len() {
        if let Some((consumed, table)) = restack_at(&rows[i..]) {
            out.get_or_insert_with(|| rows[..i].to_vec()).extend(table);
            i += consumed;
        } else {
            if let Some(out) = out.as_mut() {
                out.push(rows[i].clone());
            }
            i += 1;
        }
    }
    out
}

/// The one cell of a row that has exactly one.
fn lone(row: &Row) -> Option<&str> {
    let mut filled = row.filled();
    let (_, c) = filled.next()?;
    filled.next().is_none().then_some(c)
}

/// A header word, perhaps broken over two lines (`一级` / `指标`): its text and how many rows it took.
fn header_word(rows: &[Row]) -> Option<(String, usize)> {
    let first = lone(rows.first()?)?;
    if first.chars().count() > 16 {
        return None;
    }
    if let Some(next) = rows.get(1).and_then(lone) {
        let joined = format!("{}{}", labels::squeeze(first), labels::squeeze(next));
        let broken = schema::role_of(first).is_none() || schema::role_of(next).is_none();
        // The rest of a word is words: a number after the header is the block's points, not part of one.
        let tail = next.chars().count() <= 4
            && !labels::is_category(next)
            && labels::number(next).is_none();
        if broken && tail && schema::role_of(&joined).is_some() {
            return Some((joined, 2));
        }
    }
    schema::role_of(first).map(|_| (first.to_owned(), 1))
}

/// Reads a header and its stream at the start of `rows`: the rows consumed and the rows made.
fn restack_at(rows: &[Row]) -> Option<(usize, Vec<Row>)> {
    // Cheap test first: most rows are not a one-cell header word.
    let first = lone(rows.first()?)?;
    if !first.contains("指标") && !first.contains('级') {
        return None;
    }
    let mut header: Vec<String> = Vec::new();
    let mut at = 0;
    while let Some((word, used)) = header_word(&rows[at..]) {
        header.push(word);
        at += used;
    }
    if header.len() < MIN_HEADER {
        return None;
    }
    // The block's points printed where the score column's word would be (`实际完成指标值` / `50`).
    if let Some(points) = rows.get(at).and_then(lone).filter(|c| schema::is_points(c)) {
        let mut with = header.clone();
        with.push(points.to_owned());
        if Columns::from_header(&with).is_some_and(|c| c.has(Role::Score)) {
            header = with;
            at += 1;
        }
    }
    let columns = Columns::from_header(&header)?;
    // The stream: one-cell rows up to the next row of several cells, title, footer or total.
    let mut cells: Vec<(String, u32)> = Vec::new();
    let mut end = at;
    while end < rows.len() && cells.len() < MAX_STREAM {
        // An empty cell on its own (a bare `|`) is a cell the stream does not need.
        if rows[end].is_empty() {
            end += 1;
            continue;
        }
        let Some(c) = lone(&rows[end]) else { break };
        let sq = labels::squeeze(c);
        if labels::is_footer(&sq) || labels::title_kind(&sq).is_some() || ends_stream(&sq) {
            break;
        }
        // A category broken over two lines (`社会效益` / `指标`) is one cell.
        if let Some((prev, _)) = cells.last_mut() {
            let joined = format!("{}{}", labels::squeeze(prev), sq);
            let completes = matches!(
                labels::label_of(&joined),
                Label::Level1(_) | Label::Level2(_)
            ) && matches!(labels::label_of(&sq), Label::Unknown)
                && sq.chars().count() <= 6
                // The piece is words (`指标`, `效益指标`), never a value (`满意度` / `90%` is a name and its target).
                && sq.chars().all(|c| !c.is_ascii_alphanumeric() && !"%％.".contains(c));
            if completes {
                *prev = joined;
                end += 1;
                continue;
            }
        }
        cells.push((c.to_owned(), rows[end].line));
        end += 1;
    }
    if cells.is_empty() {
        return None;
    }
    let segments = segment(&columns, &cells)?;
    // Rows keep each cell in its header column; column 0 is the section column the header leaves blank.
    let width = header.len() + 1;
    let mut out = Vec::with_capacity(segments.len() + 1);
    let mut head = vec![String::new()];
    head.extend(header);
    out.push(Row {
        line: rows[0].line,
        end_line: rows[at - 1].end_line,
        cells: head,
        after_blank: rows[0].after_blank,
        placed: false,
    });
    for (start, at) in segments {
        let row = columns.place(
            width,
            at.iter()
                .enumerate()
                .map(|(k, &j)| (j, cells[start + k].0.as_str())),
        );
        out.push(Row {
            line: cells[start].1,
            end_line: cells[start + at.len() - 1].1,
            cells: row,
            after_blank: false,
            placed: true,
        });
    }
    Some((end, out))
}

/// Lines that end a table's stream: the closing questions and signatures of the form.
fn ends_stream(sq: &str) -> bool {
    labels::is_total_label(sq)
        || sq.starts_with("其他需说明")
        || sq.starts_with("其他说明")
        || sq.contains("审核意见")
        || sq.contains("盖章")
}

/// Splits the cells into rows: (first cell, column of each cell) per row, maximising the sum of the rows'
/// alignment scores less [`ROW_COST`] a row. `None` when no split fits (every row needs a name or a category).
fn segment(columns: &Columns, cells: &[(String, u32)]) -> Option<Vec<(usize, Vec<usize>)>> {
    let n = cells.len();
    let m = columns.roles.len();
    const NEG: i32 = i32::MIN / 4;
    let mut best = vec![NEG; n + 1];
    let mut choice: Vec<Option<(usize, Vec<usize>)>> = vec![None; n + 1];
    best[0] = 0;
    for i in 0..n {
        if best[i] == NEG {
            continue;
        }
        for len in 1..=m.min(n - i) {
            let texts: Vec<(usize, &str)> = cells[i..i + len]
                .iter()
                .map(|(c, _)| (schema::UNPRINTED - 1, c.as_str()))
                .collect();
            let Some((at, score)) = schema::align_at(columns, &texts) else {
                continue;
            };
            let role = |j: &usize| columns.roles[*j];
            let named = at.iter().any(|j| role(j) == Role::Name);
            let category_only = at
                .iter()
                .all(|j| matches!(role(j), Role::Section | Role::Level1 | Role::Level2));
            // A category word in the name column with nothing after it is a second empty category
            // (`生态效益指标` / `可持续影响指标`, both without indicators), not an indicator named like one.
            let label_named = named
                && at.iter().zip(&texts).all(|(j, (_, c))| {
                    matches!(role(j), Role::Section | Role::Level1 | Role::Level2)
                        || (role(j) == Role::Name && labels::is_category(c))
                });
            // One row has one second-level category: two in a row are two rows.
            let level2s = texts
                .iter()
                .filter(|(_, c)| schema::shape_of(c) == schema::Shape::Level2)
                .count();
            if (!named && !category_only) || label_named || level2s > 1 {
                continue;
            }
            let total = best[i] + score - ROW_COST;
            if total > best[i + len] {
                best[i + len] = total;
                choice[i + len] = Some((i, at));
            }
        }
    }
    if best[n] == NEG {
        return None;
    }
    let mut out = Vec::new();
    let mut j = n;
    while j > 0 {
        let (i, at) = choice[j].take()?;
        out.push((i, at));
        j = i;
    }
    out.reverse();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Row> {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| Row {
                line: i as u32 + 1,
                end_line: i as u32 + 1,
                cells: vec![l.trim().to_owned()],
                after_blank: false,
                placed: false,
            })
            .collect()
    }

    fn filled(r: &Row) -> Vec<&str> {
        r.filled().map(|(_, c)| c).collect()
    }

    #[test]
    fn a_header_that_prints_the_blocks_points_where_the_score_word_would_be() {
        // `实际完成指标值` / `50`: the points head the score column, each row ends with its score; a numbered
        // name cut short (`指标1:技`) is still a name.
        let text = "年度绩效指标完成情况\n一级指标\n二级指标\n三级指标\n年度指标值\n实际完成指标值\n50\n效益指标\n\
                    社会效益指标\n指标1:事故发生数\n0次\n0次\n3\n指标2:科普知识素养\n逐步提高\n逐步提高\n3\n\
                    可持续影响指标\n指标1:技";
        let out = rows(&lines(text)).unwrap();
        let got: Vec<Vec<&str>> = out.iter().map(filled).collect();
        assert_eq!(got[0][got[0].len() - 2..], ["实际完成指标值", "50"]);
        assert_eq!(
            got[1],
            [
                "效益指标",
                "社会效益指标",
                "指标1:事故发生数",
                "0次",
                "0次",
                "3"
            ]
        );
        assert_eq!(got[2], ["指标2:科普知识素养", "逐步提高", "逐步提高", "3"]);
        assert_eq!(got[3], ["可持续影响指标", "指标1:技"]);
    }

    #[test]
    fn two_empty_categories_in_a_row_stay_two_rows() {
        let text = "一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n配备车辆数\n10\n效益指标\n生态效益指标\n\
                    可持续影响\n指标\n服务对象满意度指标\n满意度\n90%";
        let out = rows(&lines(text)).unwrap();
        let got: Vec<Vec<&str>> = out.iter().map(filled).collect();
        assert_eq!(got[2], ["效益指标", "生态效益指标"]);
        assert_eq!(got[3], ["可持续影响指标"]);
        assert_eq!(got[4], ["服务对象满意度指标", "满意度", "90%"]);
    }

    #[test]
    fn a_goal_table_one_cell_per_line() {
        let text = "绩效目标表\n一级\n指标\n二级指标\n三级指标\n指标值\n绩效标准\n产出指标\n数量指标\n配备车辆数\n10\n计划标准\n\
                    风炮射程\n80M\n计划标准\n效益指标\n经济效益指标\n社会效益\n指标\n市民满意程度\n85%\n计划标准\n其他需说明的问题\n无";
        let out = rows(&lines(text)).unwrap();
        assert_eq!(filled(&out[0]), ["绩效目标表"]);
        assert_eq!(
            out[1].cells,
            ["", "一级指标", "二级指标", "三级指标", "指标值", "绩效标准"]
        );
        assert_eq!(
            out[2].cells,
            ["", "产出指标", "数量指标", "配备车辆数", "10", "计划标准"]
        );
        assert_eq!(out[3].cells, ["", "", "", "风炮射程", "80M", "计划标准"]);
        assert_eq!(filled(&out[4]), ["效益指标", "经济效益指标"]);
        assert_eq!(
            out[5].cells,
            ["", "", "社会效益指标", "市民满意程度", "85%", "计划标准"]
        );
        assert_eq!(filled(&out[6]), ["其他需说明的问题"]);
    }

    #[test]
    fn a_self_evaluation_one_cell_per_line() {
        let text = "一级指标\n二级指标\n三级指标\n分值\n年度指标值\n实际完成值\n得分\n产出指标\n数量指标\n发放人数\n5\n≥100人\n120人\n5\n\
                    验收合格率\n5\n100%\n98%\n4\n总分\n";
        let out = rows(&lines(text)).unwrap();
        assert_eq!(
            filled(&out[1]),
            [
                "产出指标",
                "数量指标",
                "发放人数",
                "5",
                "≥100人",
                "120人",
                "5"
            ]
        );
        assert_eq!(filled(&out[2]), ["验收合格率", "5", "100%", "98%", "4"]);
        assert_eq!(filled(&out[3]), ["总分"]);
    }

    #[test]
    fn prose_and_tables_with_rows_pass_through() {
        let text = "根据有关规定\n现公示如下";
        assert!(rows(&lines(text)).is_none());
        let table = vec![Row {
            line: 1,
            end_line: 1,
            cells: vec!["一级指标".into(), "二级指标".into()],
            after_blank: false,
            placed: false,
        }];
        assert!(rows(&table).is_none());
    }
}
