//! Pipe-delimited text to rows: the layout that web-page and Word converters leave when they write each table
//! cell followed by `|`.
//!
//! One underlying form covers everything seen in the field: **every cell is terminated by a `|`**, an empty cell
//! is a bare `|`, and the converter pads each row with empty cells to the table's width, so rows end in a run of
//! pipes (`a | b | ||||`). Where the line breaks fall varies with the converter:
//! - one row per line (`项目名称 | 主体班 | 项目负责人 | ||||`);
//! - one cell per line (`项目名称 |` / `主体班 |` / `|||||`), rows told apart only by the padding runs;
//! - the pipe at the start of the next line, cell text wrapped over indented lines (`绩效` / `   指标` / `| 一级指标`);
//! - a row broken over a few lines where a cell held a line break (`绩 效 指 标 |` / `一级指标 | …`).
//!
//! So the text is first turned into one stream of cells, whatever the line breaks, and rows are cut from the
//! stream with the table's width: the most common length of the stretches that end in a padding run. A line
//! end closes a row when the row is full, when padding ends the line, or when the line held a whole row by
//! itself. Text between tables (prose without pipes) comes out as one-cell rows, as in every other layout.
//!
//! Markdown-style tables (`| a | b |`, pipes between cells, none or one at the ends) are the other form: one row
//! per line, `---` rule lines dropped.

use super::grid::{clean_cell, Row};

/// How the pipes of a block are used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PipeStyle {
    /// Each cell is followed by a pipe (most converters): rows are cut from the cell stream.
    Terminated,
    /// Pipes separate cells on one line (markdown): one row per line.
    Separated,
}

/// Share of pipe lines that must end in `|` for the block to be read as terminated cells.
const TERMINATED_SHARE: f64 = 0.6;

/// Widest table considered when cutting rows; wider "rows" are runs of stray pipes.
const MAX_WIDTH: usize = 64;

/// Decides how a block's pipes are used from its lines that hold a pipe. Markdown frames every row (`| a | b |`)
/// and rules its header (`|---|---|`); converters end every cell with a pipe.
pub fn style(lines: &[(u32, &str)]) -> PipeStyle {
    let (mut with_pipe, mut ending, mut framed, mut ruled) = (0usize, 0usize, 0usize, false);
    for (_, line) in lines {
        let t = line.trim();
        if !t.contains('|') {
            continue;
        }
        with_pipe += 1;
        ending += usize::from(t.ends_with('|'));
        framed += usize::from(is_framed_row(t));
        ruled |= is_rule_line(t);
    }
    if with_pipe == 0 {
        return PipeStyle::Separated;
    }
    if ruled || framed * 5 >= with_pipe * 4 {
        PipeStyle::Separated
    } else if ending as f64 >= with_pipe as f64 * TERMINATED_SHARE || leading_pipe_style(lines) {
        PipeStyle::Terminated
    } else {
        PipeStyle::Separated
    }
}

/// `| a | b |`: a pipe at both ends, at least two cells, some text.
fn is_framed_row(t: &str) -> bool {
    t.len() > 2
        && t.starts_with('|')
        && t.ends_with('|')
        && t.matches('|').count() >= 3
        && t.chars().any(|c| !matches!(c, '|' | ' ' | '-' | ':'))
}

/// `|---|:--:|` or `---|---`: markdown's rule under the header.
fn is_rule_line(t: &str) -> bool {
    t.contains('-') && t.contains('|') && t.chars().all(|c| matches!(c, '-' | ':' | '|' | ' '))
}

/// Reads a block of lines (1-based line numbers and text) that uses pipes.
pub fn rows(lines: &[(u32, &str)]) -> Vec<Row> {
    match style(lines) {
        PipeStyle::Terminated => terminated_rows(lines),
        PipeStyle::Separated => separated_rows(lines),
    }
}

/// Markdown-style rows: one per line; a leading and a trailing pipe are frames, not cells.
fn separated_rows(lines: &[(u32, &str)]) -> Vec<Row> {
    let mut out = Vec::new();
    let mut after_blank = false;
    for &(n, line) in lines {
        let t = line.trim();
        if t.is_empty() {
            after_blank = true;
            continue;
        }
        let inner = t.strip_prefix('|').unwrap_or(t);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        // `|---|:--:|` separates a markdown header from its body.
        if !inner.is_empty() && inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
            continue;
        }
        out.push(Row {
            line: n,
            end_line: n,
            cells: inner.split('|').map(clean_cell).collect(),
            after_blank,
            placed: false,
        });
        after_blank = false;
    }
    out
}

/// One item of the cell stream.
#[derive(Debug)]
enum Token {
    Cell {
        text: String,
        line: u32,
        /// The cell's pipe is the last one on its line.
        line_end: bool,
        /// Empty cells that end the line, this one included (the padding run), when `line_end`.
        trailing_empty: usize,
        /// Cells terminated on this cell's line.
        on_line: usize,
        /// Of those, cells with text (a line of padding alone says nothing of the width).
        filled_on_line: usize,
        /// The first cell terminated on its line (a row that starts here starts with the line).
        line_start: bool,
        /// The cell's text began a line of its own in a block whose cells follow their pipes (`| 一级指标`):
        /// such a line starts a row.
        row_start: bool,
    },
    /// Text outside any cell: prose between tables.
    Prose { text: String, line: u32 },
}

/// Turns the lines into cells and prose. Text not yet closed by a pipe is pending: it becomes the next cell's
/// text when a pipe follows (wrapped cell text), or prose when a blank line or a non-table line intervenes.
fn tokens(lines: &[(u32, &str)]) -> Vec<Token> {
    let leading = leading_pipe_style(lines);
    let mut out = Vec::new();
    let mut pending = String::new();
    let mut pending_line = 0u32;
    // The pending text began at the start of an unindented line without a pipe.
    let mut pending_starts_row = false;
    // The pending text followed the last pipe of a line of cells: when nothing closes it (a blank line, the
    // end of the text), it is that row's last cell with its pipe lost (a cut-off excerpt), not prose.
    let mut pending_after_cells: Option<(usize, usize)> = None;
    let flush_prose = |pending: &mut String,
                       line: u32,
                       after_cells: &mut Option<(usize, usize)>,
                       out: &mut Vec<Token>| {
        let text = clean_cell(pending);
        if !text.is_empty() {
            out.push(match after_cells.take() {
                Some((on_line, filled_on_line)) => Token::Cell {
                    text,
                    line,
                    line_end: true,
                    trailing_empty: 0,
                    on_line: on_line + 1,
                    filled_on_line: filled_on_line + 1,
                    line_start: false,
                    row_start: false,
                },
                None => Token::Prose { text, line },
            });
        }
        *after_cells = None;
        pending.clear();
    };
    for (i, &(n, line)) in lines.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() {
            flush_prose(
                &mut pending,
                pending_line,
                &mut pending_after_cells,
                &mut out,
            );
            continue;
        }
        if !t.contains('|') {
            // A line without a pipe continues a cell only when a pipe closes it within a few lines and that
            // pipe starts its line (cell text wrapped before a leading pipe), or when a cell is already open.
            let continues_cell = !pending.trim().is_empty() || closes_soon(&lines[i + 1..]);
            if !continues_cell && cut_off_cell(lines, i) {
                out.push(Token::Cell {
                    text: clean_cell(t),
                    line: n,
                    line_end: true,
                    trailing_empty: 0,
                    on_line: 1,
                    filled_on_line: 1,
                    line_start: true,
                    row_start: false,
                });
                continue;
            }
            if !continues_cell {
                flush_prose(
                    &mut pending,
                    pending_line,
                    &mut pending_after_cells,
                    &mut out,
                );
                out.push(Token::Prose {
                    text: clean_cell(t),
                    line: n,
                });
                continue;
            }
            if pending.trim().is_empty() {
                pending.clear();
                pending_after_cells = None;
                pending_line = n;
                pending_starts_row = leading && !line.starts_with(char::is_whitespace);
            } else {
                pending.push('\n');
            }
            pending.push_str(t);
            continue;
        }
        let pieces: Vec<&str> = line.split('|').collect();
        let cells_here = pieces.len() - 1;
        let pending_text = !pending.trim().is_empty();
        let texts: Vec<String> = pieces[..cells_here]
            .iter()
            .enumerate()
            .map(|(k, piece)| {
                if k == 0 {
                    let mut joined = std::mem::take(&mut pending);
                    if !joined.trim().is_empty() && !piece.trim().is_empty() {
                        joined.push('\n');
                    }
                    joined.push_str(piece);
                    join_wrapped(&joined)
                } else {
                    join_wrapped(piece)
                }
            })
            .collect();
        // Empty cells at the end of the line: the padding run.
        let trailing = texts.iter().rev().take_while(|t| t.is_empty()).count();
        let filled_here = texts.iter().filter(|t| !t.is_empty()).count();
        // A first cell whose text began on an earlier line (wrapped before its pipe) starts there.
        let first_line = if pending_text && pending_line > 0 && pending_line < n {
            pending_line
        } else {
            n
        };
        for (k, text) in texts.into_iter().enumerate() {
            let line_end = k + 1 == cells_here;
            out.push(Token::Cell {
                text,
                line: if k == 0 { first_line } else { n },
                line_end,
                trailing_empty: if line_end { trailing } else { 0 },
                on_line: cells_here,
                filled_on_line: filled_here,
                line_start: k == 0,
                row_start: k == 0 && std::mem::take(&mut pending_starts_row),
            });
        }
        pending_line = n;
        pending = pieces[cells_here].to_owned();
        pending_after_cells = Some((cells_here, filled_here));
    }
    flush_prose(
        &mut pending,
        pending_line,
        &mut pending_after_cells,
        &mut out,
    );
    out
}

/// Cells follow their pipes on the same line (`   | 一级指标`) in a good share of the block's lines: the converter
/// put each separator at the start of the next cell's line, and a row's first cell on a line of its own.
fn leading_pipe_style(lines: &[(u32, &str)]) -> bool {
    let (mut with_pipe, mut leading) = (0usize, 0usize);
    for (_, line) in lines {
        let t = line.trim();
        if t.contains('|') {
            with_pipe += 1;
            if t.starts_with('|')
                && !t.ends_with('|')
                && !t.trim_start_matches(['|', ' ']).is_empty()
            {
                leading += 1;
            }
        }
    }
    with_pipe > 0 && leading * 10 >= with_pipe * 3
}

/// The last text line of the block, straight after a line whose last cell has text: the excerpt was cut inside
/// a row, after this cell's text and before its pipe. (After a padding run the row is closed, and a line that
/// follows is prose.)
fn cut_off_cell(lines: &[(u32, &str)], i: usize) -> bool {
    let last = lines[i + 1..].iter().all(|(_, l)| l.trim().is_empty());
    let after_cell = i > 0 && {
        let prev = lines[i - 1].1.trim_end();
        prev.ends_with('|') && !prev[..prev.len() - 1].trim_end().ends_with('|')
    };
    last && after_cell
}

/// Within the next few non-blank lines, a line that starts with a pipe closes the pending cell.
fn closes_soon(rest: &[(u32, &str)]) -> bool {
    for (_, line) in rest.iter().take(12) {
        let t = line.trim();
        if t.is_empty() {
            return false;
        }
        if t.contains('|') {
            return t.starts_with('|');
        }
    }
    false
}

/// Cell text wrapped over lines: CJK pieces join directly (`年度` + `指标值`), others with a space.
fn join_wrapped(text: &str) -> String {
    clean_cell(&super::grid::join_pieces(text.split('\n')))
}

/// The table's width in cells. Where rows are padded, the most common length of the stretches of cells that
/// end in a padding run (two or more empty cells ending a line); otherwise (one row per line, no padding) the
/// most common number of cells on a line that holds two or more.
fn width(tokens: &[Token]) -> usize {
    let mut padded = std::collections::HashMap::<usize, usize>::new();
    let mut per_line = std::collections::HashMap::<usize, usize>::new();
    let mut run = 0usize;
    for t in tokens {
        match t {
            Token::Prose { .. } => run = 0,
            Token::Cell {
                line_end,
                trailing_empty,
                on_line,
                filled_on_line,
                ..
            } => {
                run += 1;
                if *line_end && *filled_on_line >= 2 {
                    *per_line.entry(*on_line).or_default() += 1;
                }
                if *line_end && *trailing_empty >= 2 {
                    if (2..=MAX_WIDTH).contains(&run) {
                        *padded.entry(run).or_default() += 1;
                    }
                    run = 0;
                }
            }
        }
    }
    // The commonest; on a tie the narrower (a stretch of two unpadded rows is twice the width).
    let mode = |m: std::collections::HashMap<usize, usize>| {
        m.into_iter()
            .max_by_key(|&(w, c)| (c, std::cmp::Reverse(w)))
            .map(|(w, _)| w)
    };
    match (mode(padded), mode(per_line)) {
        // Stretches of several unpadded rows are multiples of the width the lines show.
        (Some(p), Some(l)) if p % l == 0 => l,
        (Some(p), _) => p,
        (None, l) => l.unwrap_or(1),
    }
}

fn terminated_rows(lines: &[(u32, &str)]) -> Vec<Row> {
    let tokens = tokens(lines);
    // Where each row's first cell starts a line of its own, those lines cut the rows, not a width.
    let w = if leading_pipe_style(lines) {
        usize::MAX
    } else {
        width(&tokens)
    };
    let mut out = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let (mut first, mut last) = (0u32, 0u32);
    // The row began with the first cell of a line (so a line holding a whole row closes it).
    let mut starts_line = false;
    let mut after_blank = false;
    let flush = |cur: &mut Vec<String>,
                 first: u32,
                 last: u32,
                 after_blank: &mut bool,
                 out: &mut Vec<Row>| {
        if cur.is_empty() {
            return;
        }
        while cur.last().is_some_and(String::is_empty) {
            cur.pop();
        }
        if cur.is_empty() {
            return;
        }
        out.push(Row {
            line: first,
            end_line: last.max(first),
            cells: std::mem::take(cur),
            after_blank: std::mem::take(after_blank),
            placed: false,
        });
    };
    for t in tokens {
        match t {
            Token::Prose { text, line } => {
                flush(&mut cur, first, last, &mut after_blank, &mut out);
                out.push(Row {
                    line,
                    end_line: line,
                    cells: vec![text],
                    after_blank: false,
                    placed: false,
                });
                // A table that follows prose starts after a break, as in tab-row text.
                after_blank = true;
            }
            Token::Cell {
                text,
                line,
                line_end,
                trailing_empty,
                on_line,
                line_start,
                row_start,
                ..
            } => {
                if row_start {
                    flush(&mut cur, first, last, &mut after_blank, &mut out);
                }
                if cur.is_empty() {
                    first = line;
                    starts_line = line_start;
                }
                cur.push(text);
                last = line;
                if !line_end {
                    continue;
                }
                let whole_line_row =
                    starts_line && on_line >= 2 && cur.len().saturating_add(1) >= w;
                if trailing_empty >= 2 || cur.len() >= w || whole_line_row {
                    flush(&mut cur, first, last, &mut after_blank, &mut out);
                }
            }
        }
    }
    flush(&mut cur, first, last, &mut after_blank, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Vec<String>> {
        let lines: Vec<(u32, &str)> = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i as u32 + 1, l))
            .collect();
        rows(&lines).into_iter().map(|r| r.cells).collect()
    }

    fn cells(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn one_row_per_line_with_padding() {
        let got =
            read("项目名称 | 主体班 | 项目负责人 | ||||\n数量指标 | 培训人次 | 280人次 | ||||\n");
        assert_eq!(
            got,
            vec![
                cells(&["项目名称", "主体班", "项目负责人"]),
                cells(&["数量指标", "培训人次", "280人次"])
            ]
        );
    }

    #[test]
    fn one_cell_per_line_rows_cut_by_padding_runs() {
        let text = "表题 |\n||||\n项目名称 |\n某项目 |\n|||\n产出指标 |\n数量指标 |\n开展次数 |\n≥70次 |\n|\n";
        let got = read(text);
        assert_eq!(
            got,
            vec![
                cells(&["表题"]),
                cells(&["项目名称", "某项目"]),
                cells(&["产出指标", "数量指标", "开展次数", "≥70次"])
            ]
        );
    }

    #[test]
    fn row_broken_over_lines_is_joined_by_width() {
        let text = "标题 | ||||\n绩 效 指 标 |\n一级指标 | 二级指标 |\n分值 | 得分 |\n产出指标 | 数量指标 | 人数 | 5 | 5 |\n";
        let got = read(text);
        assert_eq!(
            got[1],
            cells(&["绩 效 指 标", "一级指标", "二级指标", "分值", "得分"])
        );
        assert_eq!(got[2], cells(&["产出指标", "数量指标", "人数", "5", "5"]));
    }

    #[test]
    fn a_last_cell_whose_pipe_was_cut_off_stays_in_its_row() {
        // An excerpt that ends inside a row: the text after the last pipe is that row's last cell, not prose.
        let text = "一级指标 | 二级指标 | 三级指标 | 指标值 | ||||\n产出指标 | 数量指标 | 新建水池数量 | 1座";
        assert_eq!(
            read(text)[1],
            cells(&["产出指标", "数量指标", "新建水池数量", "1座"])
        );
        // One cell per line: the cut-off cell is the last line, with no pipe.
        let text = "名称 |\n指标值 |\n||||\n人数 |\n>=9";
        assert_eq!(read(text)[1], cells(&["人数", ">=9"]));
        // Prose after a table, on lines of its own, stays prose.
        let text = "名称 | 指标值 | ||||\n人数 | 5人 | ||||\n\n注:说明";
        assert_eq!(read(text)[2], cells(&["注:说明"]));
    }

    #[test]
    fn leading_pipes_and_wrapped_cell_text() {
        let text = "绩效\n   指标\n   | 一级指标\n   | 二级指标\n   | 指标值\n   | \n项目决策\n   | 数量指标\n   | 次数\n   | ||\n";
        let got = read(text);
        assert_eq!(
            got[0],
            cells(&["绩效指标", "一级指标", "二级指标", "指标值"])
        );
        assert_eq!(got[1], cells(&["项目决策", "数量指标", "次数"]));
    }

    #[test]
    fn prose_between_tables_stays_separate() {
        let text = "索引号: | P01 | 部门 | 财政局 |\n根据有关规定,现公示如下:\n分配表 | |\n县区 | 资金 |\n睢县 | 421 |\n";
        let got = read(text);
        assert_eq!(got[1], cells(&["根据有关规定,现公示如下:"]));
        assert_eq!(got[2], cells(&["分配表"]));
        assert_eq!(got[4], cells(&["睢县", "421"]));
    }

    #[test]
    fn empty_cells_inside_rows_keep_their_column() {
        // Rows continued under merged cells print their empty cells (a bare pipe on a line).
        let text =
            "t |\n||||\n| 一级指标 |\n二级指标 |\n三级指标 |\n分值 |\n|\n|\n|\n名称 |\n5 |\n";
        let got = read(text);
        assert_eq!(
            got[1],
            cells(&["", "一级指标", "二级指标", "三级指标", "分值"])
        );
        assert_eq!(got[2], cells(&["", "", "", "名称", "5"]));
    }

    #[test]
    fn markdown_rows() {
        let got =
            read("| 一级指标 | 二级指标 | 指标值 |\n|---|---|---|\n| 产出指标 | 数量指标 | 3 |\n");
        assert_eq!(
            got,
            vec![
                cells(&["一级指标", "二级指标", "指标值"]),
                cells(&["产出指标", "数量指标", "3"])
            ]
        );
    }
}
