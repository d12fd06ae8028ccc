//! Tables whose text came out column by column, back into rows.
//!
//! Some PDF text extractors (and copies from some viewers) emit a ruled table not row by row but in runs: the
//! header words, then every value of the value columns in reading order, then the category labels and the
//! indicator names, interleaved by where they sat on the page, all on one line separated by single spaces:
//! `一级指标 二级指标 数量指标 三级指标 结算完成 年度 指标值 实际 完成值 分值 得分 =100% 100% 10 10 =100% 100% 20 20 …
//! 100 98.62 率 产出指标 质量指标 … 合同结算条款完成率 … 总分`. A name wrapped in its cell is split too: its last
//! character (`率`) comes out after the value run.
//!
//! The rows are still recoverable, because each run keeps its own order: the value run cut into tuples of the
//! header's value columns gives one tuple per row (and the 总分 pair after them), the names in order give one
//! name per row, and the second-level labels in order give one category per row where there is one each. This
//! is done only where the counts agree; a table whose runs do not line up is left to the rest of the reader,
//! which reports it. The text before the header (the funds block and the header fields, scrambled the same way
//! and with nothing to tell which value is whose) is not guessed at: it goes to `unread` with [`SCRAMBLED`].

use super::glued::HEADER_WORDS;
use super::grid::Row;
use super::labels::{self, Label};
use super::schema::{self, Role, Shape};

/// A line shorter than this is no flattened table.
const MIN_CHARS: usize = 120;

/// Tokens a flattened table has at least (header words, values and names).
const MIN_TOKENS: usize = 20;

/// Why the text before a column-run table's header is unread.
pub const SCRAMBLED: &str =
    "表头区文本按列打乱，无法对应 (header text emitted column by column: labels and values cannot be paired)";

/// Rewrites one-cell rows that hold tables emitted column by column into rows of cells; other rows pass as
/// they are. `None` when there is nothing to rewrite (the common case: no copy is made). Text that cannot be
/// placed is added to `unread` with its line.
pub fn rows(rows: &[Row], unread: &mut Vec<(u32, String)>) -> Option<Vec<Row>> {
    let mut out: Option<Vec<Row>> = None;
    for (i, row) in rows.iter().enumerate() {
        match flattened(row).and_then(|text| read_line(row, text, unread)) {
            Some(made) => out.get_or_insert_with(|| rows[..i].to_vec()).extend(made),
            None => {
                if let Some(out) = out.as_mut() {
                    out.push(row.clone());
                }
            }
        }
    }
    out
}

/// The text of a row that may be a flattened table: one long cell of many space-separated tokens, with the
/// three category header words among them.
fn flattened(row: &Row) -> Option<&str> {
    let mut filled = row.filled();
    let (_, text) = filled.next()?;
    if filled.next().is_some() || text.len() < MIN_CHARS {
        return None;
    }
    // A substring search first (fast on prose), then the words as tokens of their own.
    let words = ["一级指标", "二级指标", "三级指标"];
    if !words.iter().all(|w| text.contains(w)) {
        return None;
    }
    let has = |w: &str| text.split_whitespace().any(|t| t == w);
    words.iter().all(|w| has(w)).then_some(text)
}

/// The rows of every table on the line, or `None` when no table on it lines up.
fn read_line(row: &Row, text: &str, unread: &mut Vec<(u32, String)>) -> Option<Vec<Row>> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    if tokens.len() < MIN_TOKENS {
        return None;
    }
    // Each table starts at a title; text before the first title belongs to the first table.
    let mut starts: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| labels::title_kind(t).is_some())
        .map(|(i, _)| i)
        .collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts.push(tokens.len());
    let mut out = Vec::new();
    let mut scrambled = Vec::new();
    let mut any = false;
    for w in starts.windows(2) {
        let part = &tokens[w[0]..w[1]];
        match read_table(row, part) {
            Some((rows, fields)) => {
                any = true;
                out.extend(rows);
                scrambled.extend(fields);
            }
            None => out.push(one_cell(row, &part.join(" "))),
        }
    }
    // No table lined up: the line stays as it was, for the other readers (a flattened table in row order).
    if !any {
        return None;
    }
    unread.extend(scrambled.into_iter().map(|t| (row.line, t)));
    Some(out)
}

fn one_cell(row: &Row, text: &str) -> Row {
    Row {
        cells: vec![text.to_owned()],
        placed: false,
        ..row.clone()
    }
}

/// What a token of the indicator part is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Level1,
    Level2,
    Name,
    /// A single character: the end of a name wrapped in its cell.
    Fragment,
    /// Section label pieces (`绩 效 指 标`), page numbers (`-1-`): nothing of a row.
    Noise,
}

/// A value cell's text: a number, a value with its unit or comparator, a grade word, a dash.
fn is_value(token: &str) -> bool {
    matches!(
        schema::shape_of(token),
        Shape::Number | Shape::Value | Shape::Dash
    ) && !labels::is_category(token)
}

/// Reads one table's tokens (from its title to the next): its rows, and the scrambled header text. `None` when
/// the runs do not line up.
fn read_table(row: &Row, tokens: &[&str]) -> Option<(Vec<Row>, Option<String>)> {
    let h = tokens.iter().position(|t| *t == "一级指标")?;
    // The value columns named after 三级指标, their words perhaps split (`年度 指标值`, `实际 完成值`): the run of
    // adjacent value-column words (a name that happens to read like one stands alone).
    let mut found: Vec<(usize, usize, Role, String)> = Vec::new();
    let mut header_at: Vec<usize> = Vec::new();
    let mut i = h;
    while i < tokens.len() {
        // A header word split in two (`年度` / `指标值`, `实际` / `完成值`): the two pieces make one of the
        // template's column words and the first is none by itself.
        let word = |t: &str| HEADER_WORDS.contains(&t);
        let one = schema::role_of(tokens[i]).filter(|_| !labels::is_category(tokens[i]));
        let two = tokens
            .get(i + 1)
            .map(|n| format!("{}{}", tokens[i], n))
            .filter(|j| !word(tokens[i]) && word(j))
            .and_then(|j| schema::role_of(&j).map(|r| (r, j)));
        let (role, word, used) = match (one, two) {
            (_, Some((r, j))) => (Some(r), j, 2),
            (Some(r), None) => (Some(r), tokens[i].to_owned(), 1),
            (None, None) => (None, String::new(), 1),
        };
        match role {
            Some(Role::Level1 | Role::Level2 | Role::Name | Role::Section) => header_at.push(i),
            Some(r @ (Role::Target | Role::Actual | Role::Weight | Role::Score | Role::Cycle)) => {
                found.push((i, i + used, r, word));
            }
            _ => {}
        }
        i += used;
    }
    let mut groups: Vec<Vec<(usize, usize, Role, String)>> = Vec::new();
    for f in found {
        match groups.last_mut() {
            Some(g) if g.last().is_some_and(|l| l.1 == f.0) => g.push(f),
            _ => groups.push(vec![f]),
        }
    }
    let group = groups.into_iter().rev().find(|g| {
        // One column word is enough only where the text ends with it (the values were cut off).
        let cut = g.last().is_some_and(|l| l.1 == tokens.len());
        (g.len() >= 2 || cut) && g.iter().any(|(_, _, r, _)| *r == Role::Target)
    })?;
    header_at.extend(group.iter().flat_map(|(a, b, _, _)| *a..*b));
    let last_header = group.last().map_or(h, |(_, b, _, _)| b - 1);
    let columns: Vec<(Role, String)> = group.into_iter().map(|(_, _, r, w)| (r, w)).collect();
    let k = columns.len();
    // The value run right after the last header word; or none, where the text ends with the header (cut off).
    let run_start = last_header + 1;
    let run_len = tokens[run_start..]
        .iter()
        .take_while(|t| is_value(t))
        .count();
    let tuples = run_len / k;
    let rest = run_len % k;
    let has_totals = columns.iter().any(|(r, _)| *r == Role::Score);
    let total: Option<(&str, &str)> = match rest {
        0 => None,
        2 if has_totals
            && labels::number(tokens[run_start + run_len - 2]).is_some()
            && labels::number(tokens[run_start + run_len - 1]).is_some() =>
        {
            Some((
                tokens[run_start + run_len - 2],
                tokens[run_start + run_len - 1],
            ))
        }
        _ => return None,
    };
    if tuples == 0 && run_start < tokens.len() {
        return None;
    }
    // The indicator part's other tokens, up to the total label.
    let end = tokens[h..]
        .iter()
        .position(|t| labels::is_total_label(t))
        .map_or(tokens.len(), |p| h + p);
    let in_run = |j: usize| j >= run_start && j < run_start + run_len;
    let mut kinds: Vec<(usize, Kind)> = Vec::new();
    let mut j = h;
    while j < end {
        if header_at.contains(&j) || in_run(j) {
            j += 1;
            continue;
        }
        // A run of single characters: a spaced label (`绩 效 指 标`) or one name's last character.
        let singles = tokens[j..end]
            .iter()
            .take_while(|t| t.chars().count() == 1)
            .count();
        if singles > 1 {
            let joined: String = tokens[j..j + singles].concat();
            if !matches!(labels::label_of(&joined), Label::Section) {
                return None;
            }
            kinds.extend((j..j + singles).map(|x| (x, Kind::Noise)));
            j += singles;
            continue;
        }
        let t = tokens[j];
        let kind = match labels::exact_category(&labels::squeeze(t)) {
            Some(Label::Level1(_)) => Kind::Level1,
            Some(Label::Level2(_)) => Kind::Level2,
            _ if singles == 1 && t.chars().all(labels::is_han) => Kind::Fragment,
            // Words, perhaps with a number inside (`培训1000人次`); a value starts with its number or comparator.
            _ if t.chars().filter(|c| labels::is_han(*c)).count() >= 2
                && t.chars().next().is_some_and(labels::is_han) =>
            {
                Kind::Name
            }
            _ if is_page_number(t) => Kind::Noise,
            // A stray value or symbol among the names: the runs are not what they seem.
            _ => return None,
        };
        kinds.push((j, kind));
        j += 1;
    }
    // Names in order, each fragment joined to the name before it.
    let mut names: Vec<String> = Vec::new();
    for &(at, kind) in &kinds {
        match kind {
            Kind::Name => names.push(tokens[at].to_owned()),
            Kind::Fragment => names.last_mut()?.push_str(tokens[at]),
            _ => {}
        }
    }
    let level2: Vec<&str> = kinds
        .iter()
        .filter(|(_, k)| *k == Kind::Level2)
        .map(|&(at, _)| tokens[at])
        .collect();
    if names.is_empty() || (tuples > 0 && names.len() != tuples) {
        return None;
    }
    // Rows: the title and its year, the header, the indicators, the total, the rest.
    let mut out = Vec::new();
    let (title_len, year_len) = title_tokens(tokens);
    if title_len > 0 {
        out.push(one_cell(row, tokens[0]));
    }
    if year_len > 0 {
        out.push(one_cell(row, &tokens[1..title_len].concat()));
    }
    let fields = (h > title_len).then(|| tokens[title_len..h].join(" "));
    let mut header = vec![
        "一级指标".to_owned(),
        "二级指标".to_owned(),
        "三级指标".to_owned(),
    ];
    header.extend(columns.iter().map(|(_, w)| w.clone()));
    out.push(Row {
        cells: header,
        placed: false,
        ..row.clone()
    });
    // Categories go with the names only where there is one second-level label per name.
    let by_order = level2.len() == names.len();
    for (r, name) in names.into_iter().enumerate() {
        let mut cells = vec![
            String::new(),
            if by_order {
                level2[r].to_owned()
            } else {
                String::new()
            },
            name,
        ];
        for c in 0..k {
            cells.push(if tuples > 0 {
                tokens[run_start + r * k + c].to_owned()
            } else {
                String::new()
            });
        }
        out.push(Row {
            cells,
            placed: true,
            ..row.clone()
        });
    }
    if let Some((w, s)) = total {
        out.push(Row {
            cells: vec!["总分".to_owned(), w.to_owned(), s.to_owned()],
            placed: false,
            ..row.clone()
        });
    }
    // After the total: the closing questions (偏差原因分析及改进措施), a page number; header words of a table cut
    // off before its values were read above.
    let after: Vec<&str> = (end + 1..tokens.len())
        .filter(|j| !header_at.contains(j))
        .map(|j| tokens[j])
        .collect();
    if !after.is_empty() {
        out.push(one_cell(row, &after.join(" ")));
    }
    Some((out, fields))
}

/// The title and a bracketed year after it (`财政项目支出绩效自评表 (2022 年度)`): how many tokens they take, and
/// how many of those are the year.
fn title_tokens(tokens: &[&str]) -> (usize, usize) {
    if tokens
        .first()
        .is_none_or(|t| labels::title_kind(t).is_none())
    {
        return (0, 0);
    }
    let mut n = 1;
    if tokens.get(1).is_some_and(|t| t.starts_with(['(', '（'])) {
        while n < tokens.len().min(4) {
            n += 1;
            if tokens[n - 1].ends_with([')', '）']) {
                return (n, n - 1);
            }
        }
        n = 1;
    }
    (n, 0)
}

/// `-1-`, `- 2 -`: a page number.
fn is_page_number(t: &str) -> bool {
    let core = t.trim_matches(['-', '—', ' ']);
    !core.is_empty() && core.len() < t.len() && core.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Row {
        Row::one_cell(1, text)
    }

    #[test]
    fn a_table_flattened_in_row_order_is_left_to_the_other_readers() {
        let text = "项目支出绩效自评表 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 产出指标 数量指标 \
                    培训人数 100人 100人 10 10 质量指标 验收合格率 100% 100% 10 10 总分 20 20";
        let mut unread = Vec::new();
        assert!(rows(&[line(text)], &mut unread).is_none());
        assert!(unread.is_empty());
    }

    #[test]
    fn runs_that_do_not_line_up_are_not_guessed() {
        // Three names, two value tuples: which name has which values is unknowable.
        let text = "项目支出绩效自评表 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 100人 100人 10 10 \
                    100% 100% 10 10 数量指标 培训人数 质量指标 验收合格率 时效指标 按时完成率 总分";
        assert!(rows(&[line(text)], &mut Vec::new()).is_none());
        // Two names: read.
        let text = "项目支出绩效自评表 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 100人 100人 10 10 \
                    100% 100% 10 10 数量指标 培训人数 质量指标 验收合格率 总分";
        let got = rows(&[line(text)], &mut Vec::new()).unwrap();
        let cells: Vec<Vec<&str>> = got
            .iter()
            .map(|r| r.filled().map(|(_, c)| c).collect())
            .collect();
        assert!(cells.contains(&vec!["数量指标", "培训人数", "100人", "100人", "10", "10"]));
        assert!(cells.contains(&vec!["质量指标", "验收合格率", "100%", "100%", "10", "10"]));
    }
}
