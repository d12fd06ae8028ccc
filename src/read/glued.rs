//! Tables whose cells were glued together with no separator at all, back into rows.
//!
//! Copying a PDF or a document viewer's page as text often loses every cell boundary:
//! `一级指标二级指标三级指标分值年度指标值全年实际值得分…产出指标数量指标指标1免费发放原原种8550万粒550万粒8…`.
//! Two things survive. The header still names the columns in order, and every cell still reads as what it
//! is: a category name, a number, a value with its unit, a grade word, or words. So the body is segmented
//! against the header by dynamic programming over the characters. Every candidate cell (a category, each
//! prefix of a number run with or without its unit, a grade word, a stretch of words up to the next place a
//! cell can start) is scored by how well it fits the column it would fill ([`schema::fit`]), columns left
//! empty cost what they usually cost, every row pays a little, and a row's target and actual must agree on
//! having a unit. The best segmentation wins; its rows come out with each cell in its header column, so the
//! rest of the reader sees an ordinary table.
//!
//! This runs on rows of any format, before the document reader, and only on a cell that holds a header of at
//! least three column words printed with no separator between them.

use super::grid::Row;
use super::labels::{self, Label};
use super::schema::{self, Columns, Role, Shape, NATURE_WORDS};

/// Column words as printed, longest first where one starts another; a bracketed suffix (`(A)`, `(分)`) may follow.
pub(super) const HEADER_WORDS: &[&str] = &[
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标名称",
    "指标内容",
    "评价内容",
    "绩效内容",
    "绩效目标值",
    "指标目标值",
    "当年度目标值",
    "年度指标值",
    "年初指标值",
    "调整指标值",
    "预期指标值",
    "年度目标值",
    "年初目标值",
    "计划指标值",
    "指标值",
    "目标值",
    "全年实际完成值",
    "实际完成指标值",
    "全年实际值",
    "实际完成值",
    "全年完成值",
    "年终完成值",
    "实际值",
    "完成值",
    "标准分值",
    "指标权重",
    "指标得分",
    "得分系数",
    "自评得分",
    "自评分",
    "分值",
    "权重",
    "得分",
    "累计完成率",
    "偏差原因分析及改进措施",
    "未完成原因及拟采取的改进措施",
    "未完成原因及改进措施",
    "未完成原因和改进措施",
    "偏差原因",
    "改进措施",
    "计量单位",
    "度量单位",
    "指标性质",
    "指标方向",
    "计算符号",
    "是否核心指标",
    "评分标准",
    "指标解释",
    "指标说明",
    "备注",
];

/// Fewest column words in a glued header.
const MIN_HEADER: usize = 3;

/// Longest stretch of words one cell may hold, in characters.
const MAX_WORDS: usize = 48;

/// Longest body segmented (characters), bounding the work.
const MAX_BODY: usize = 4_000;

/// Cost of each row (see [`schema::align`] for the scale of the other scores).
const ROW_COST: i32 = 2;

/// Cost of each cell: only cells that fit their column well pay for themselves, so text is not cut into many
/// small cells that each fit a little.
const CELL_COST: i32 = 3;

/// Cost of leaving a letter, digit or Han character out of every cell.
const PASS_OVER: i32 = 4;

/// Extra cost of words in a value column.
const WORDY_VALUE: i32 = 2;

/// Cost of cutting a run of digits (`8550万粒` as 分值 8 and 550万粒) unless the digits after the cut repeat those
/// before it (`2020` as 20 and 20, `22` as 2 and 2: a weight and its score, a target and its actual).
const RUN_SPLIT: i32 = 2;

/// Cost of a target and an actual that disagree on having a unit (`32.1公里` against `2020`).
const UNIT_MISMATCH: i32 = 3;

/// Rewrites glued tables into rows; `None` when the rows hold none (no copy is made).
pub fn rows(rows: &[Row]) -> Option<Vec<Row>> {
    let first = rows.iter().position(is_glued)?;
    let mut out: Vec<Row> = rows[..first].to_vec();
    let mut queue: std::collections::VecDeque<Row> = rows[first..].iter().cloned().collect();
    while let Some(row) = queue.front() {
        if is_glued(row) {
            let pending: Vec<Row> = queue.iter().cloned().collect();
            if let Some((consumed, mut table, tail)) = restack_glued(&pending) {
                queue.drain(..consumed);
                out.append(&mut table);
                // What follows the table in its last row may hold the next glued table.
                if let Some(tail) = tail {
                    queue.push_front(tail);
                }
                continue;
            }
        }
        out.extend(queue.pop_front());
    }
    Some(out)
}

/// A row with a cell that prints column words glued to each other (`一级指标二级指标…`), not separated by
/// spaces (a table printed as words, read elsewhere).
fn is_glued(r: &Row) -> bool {
    r.cells.iter().any(|c| {
        c.len() > 12
            && c.chars().count() > 12
            && (c.contains("级指标") || c.contains("指标名称") || c.contains("绩效内容"))
            && header_at(c).is_some_and(|(start, _, words)| mostly_unspaced(c, start, &words))
    })
}

/// Most boundaries between the header's words have no space in the printed text. A header printed as words
/// separated by spaces (read elsewhere) has a space at every boundary; a glued one has spaces, if any, inside
/// its words (`绩 效 指 标一级 指标二级`), from a PDF's line wrapping.
fn mostly_unspaced(cell: &str, start: usize, words: &[String]) -> bool {
    // Boundaries, as counts of characters other than white space from the start of the cell.
    let mut at = start;
    let mut bounds = Vec::with_capacity(words.len());
    for w in &words[..words.len().saturating_sub(1)] {
        at += w.chars().filter(|c| !c.is_whitespace()).count();
        bounds.push(at);
    }
    let (mut seen, mut spaced, mut k) = (0usize, 0usize, 0usize);
    let mut prev_space = false;
    for c in cell.chars() {
        if c.is_whitespace() {
            prev_space = true;
            continue;
        }
        if bounds.get(k) == Some(&seen) {
            spaced += usize::from(prev_space);
            k += 1;
        }
        prev_space = false;
        seen += 1;
    }
    !bounds.is_empty() && spaced * 2 < bounds.len()
}

/// Text without spaces and tabs (glued text breaks words with stray spaces: `质量 指标`, `管理制 度`), line
/// breaks kept as `\n`, and page numbers a viewer prints at line starts (`2、`) dropped.
fn body_chars(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() / 2);
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let mut line = line.trim_start();
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&digits) && line[digits..].starts_with('、') && k > 0 {
            line = &line[digits + '、'.len_utf8()..];
        }
        out.extend(line.chars().filter(|c| !c.is_whitespace()));
    }
    out
}

/// A column word at `p`: its length in characters, with a bracketed suffix.
fn header_word_at(s: &[char], p: usize) -> Option<usize> {
    let word = HEADER_WORDS.iter().find(|w| starts_with(s, p, w))?;
    let mut len = word.chars().count();
    if matches!(s.get(p + len), Some('(' | '（')) {
        if let Some(close) = s[p + len..]
            .iter()
            .take(6)
            .position(|c| matches!(c, ')' | '）'))
        {
            len += close + 1;
        }
    }
    Some(len)
}

fn starts_with(s: &[char], p: usize, w: &str) -> bool {
    (p..).zip(w.chars()).all(|(k, c)| s.get(k) == Some(&c))
}

/// The glued header in a cell: where its words start and end, and the words (an unknown stretch of at most six
/// characters between two column words, OCR damage of one, is kept as a column of its own).
fn header_at(cell: &str) -> Option<(usize, usize, Vec<String>)> {
    let s = body_chars(cell);
    let s: Vec<char> = s.into_iter().filter(|c| *c != '\n').collect();
    let mut p = 0;
    while p < s.len() {
        if let Some(first) = header_word_at(&s, p) {
            let mut words = vec![s[p..p + first].iter().collect::<String>()];
            let mut q = p + first;
            loop {
                if let Some(len) = header_word_at(&s, q) {
                    words.push(s[q..q + len].iter().collect());
                    q += len;
                    continue;
                }
                // OCR damage between two column words: a value column (`年成值全完值` for 全年完成值) where the
                // header has a target and no actual yet, else a column of notes.
                let gap = (1..=6)
                    .take_while(|g| {
                        q + g <= s.len() && s[q..q + g].iter().all(|c| labels::is_han(*c))
                    })
                    .find(|g| q + g < s.len() && header_word_at(&s, q + g).is_some());
                match gap {
                    Some(g) if words.len() >= 2 => {
                        let text: String = s[q..q + g].iter().collect();
                        let roles: Vec<Option<Role>> =
                            words.iter().map(|w| schema::role_of(w)).collect();
                        let repaired = if schema::role_of(&text).is_some() {
                            text
                        } else if text.ends_with('值')
                            && roles.contains(&Some(Role::Target))
                            && !roles.contains(&Some(Role::Actual))
                        {
                            "实际完成值".to_owned()
                        } else {
                            "备注".to_owned()
                        };
                        words.push(repaired);
                        q += g;
                    }
                    _ => break,
                }
            }
            if words.len() >= MIN_HEADER && Columns::from_header(&words).is_some() {
                return Some((p, q, words));
            }
            p += first;
        } else {
            p += 1;
        }
    }
    None
}

/// Text that ends a table's body.
const END_MARKERS: &[&str] = &[
    "总分",
    "合计",
    "说明",
    "注:",
    "注：",
    "备注:",
    "填表人",
    "其他需说明",
    "项目名称",
    "专项名称",
];

/// A line break at `q` between two Han characters: text wrapped inside a word, a unit or a date's suffix.
fn wrap_at(s: &[char], q: usize) -> bool {
    q > 0
        && s.get(q) == Some(&'\n')
        && labels::is_han(s[q - 1])
        && s.get(q + 1).is_some_and(|c| labels::is_han(*c))
}

/// A numbered heading (`(二)`, `（三）`) of the report the table sits in: the table has ended.
fn heading_at(s: &[char], p: usize) -> bool {
    matches!(s.get(p), Some('(' | '（'))
        && s.get(p + 1)
            .is_some_and(|c| "一二三四五六七八九十".contains(*c))
        && matches!(s.get(p + 2), Some(')' | '）'))
}

/// Reads a glued header and its body starting at the first row: rows consumed, rows made, and what follows the
/// table in the last row consumed (text after its end marker).
fn restack_glued(rows: &[Row]) -> Option<(usize, Vec<Row>, Option<Row>)> {
    let first = &rows[0];
    let (cell_idx, cell) = first
        .cells
        .iter()
        .enumerate()
        .find(|(_, c)| header_at(c).is_some())?;
    let (hstart, hend, words) = header_at(cell)?;
    let columns = Columns::from_header(&words)?;
    // Header positions count characters without line breaks; find them in the text with its line breaks.
    let chars = body_chars(cell);
    let at = |n: usize| {
        let mut seen = 0;
        chars
            .iter()
            .position(|c| {
                if *c == '\n' {
                    return false;
                }
                seen += 1;
                seen > n
            })
            .unwrap_or(chars.len())
    };
    let (hstart, hend) = (at(hstart), at(hend));
    let before: String = chars[..hstart].iter().filter(|c| **c != '\n').collect();
    // The body: the rest of this cell, then the following rows' text, up to an end marker or a title.
    let mut body: Vec<char> = chars[hend..].to_vec();
    // (start in the body, row index) of each row's text.
    let mut starts = vec![(0usize, 0usize)];
    // The body runs to the end of the text: the table may be cut off there, mid-row.
    let mut to_the_end = true;
    for (k, r) in rows.iter().enumerate().skip(1) {
        if body.len() > MAX_BODY {
            to_the_end = false;
            break;
        }
        let text: String = r
            .cells
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("\n");
        let sq = labels::squeeze(&text);
        if !sq.is_empty() && labels::title_kind(&sq).is_some() {
            to_the_end = false;
            break;
        }
        starts.push((body.len(), k));
        // A viewer's page number (`2、`) at a row's start continues the cell the page cut, without a break.
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&digits) && text[digits..].starts_with('、') {
            body.extend(body_chars(&text[digits + '、'.len_utf8()..]));
        } else {
            body.push('\n');
            body.extend(body_chars(&text));
        }
    }
    // Bounded work: a body longer than the cap is cut there (the rest is read as text).
    let end = (0..body.len().min(MAX_BODY))
        .find(|&p| END_MARKERS.iter().any(|m| starts_with(&body, p, m)) || heading_at(&body, p))
        .unwrap_or(body.len().min(MAX_BODY));
    // Nor does a body run through the next table's title (`…=99百分比省级部门预算项目支出绩效目标表`).
    let end = next_title(&body[..end]).unwrap_or(end);
    let row_of = |p: usize| {
        starts
            .iter()
            .rev()
            .find(|(start, _)| *start <= p)
            .map_or(0, |(_, k)| *k)
    };
    let last_row = if end < body.len() {
        row_of(end)
    } else {
        starts.last().map_or(0, |(_, k)| *k)
    };
    // Only the rest of the row the body ends in is the tail; later rows stay rows.
    let tail_end = starts
        .iter()
        .find(|(start, _)| *start > end)
        .map_or(body.len(), |(s, _)| *s);
    let tail: String = body[end..tail_end].iter().collect();
    body.truncate(end);
    let line_at = |p: usize| rows[row_of(p)].line;
    let cut_off = to_the_end && end == body.len() && body.len() <= MAX_BODY;
    let segments = segment(&columns, &body, cut_off)?;
    let width = words.len() + 1;
    let mut out = Vec::new();
    if !before.is_empty() || cell_idx > 0 {
        let mut cells: Vec<String> = first.cells[..cell_idx].to_vec();
        cells.push(before);
        out.push(Row {
            cells,
            ..first.clone()
        });
    }
    let mut head = vec![String::new()];
    head.extend(words);
    out.push(Row {
        cells: head,
        after_blank: false,
        placed: false,
        ..first.clone()
    });
    for seg in segments {
        let row = columns.place(
            width,
            seg.iter().map(|(start, end, j)| {
                (
                    *j,
                    body[*start..*end]
                        .iter()
                        .filter(|c| **c != '\n')
                        .collect::<String>(),
                )
            }),
        );
        let (first_cell, last_cell) = (
            seg.first().map_or(0, |c| c.0),
            seg.last().map_or(0, |c| c.1),
        );
        out.push(Row {
            line: line_at(first_cell),
            end_line: line_at(last_cell.saturating_sub(1)),
            cells: row,
            after_blank: false,
            placed: true,
        });
    }
    let tail = tail.trim().to_owned();
    let tail = (!tail.is_empty()).then(|| Row {
        line: rows[last_row].line,
        end_line: rows[last_row].end_line,
        cells: vec![tail],
        after_blank: false,
        placed: false,
    });
    Some((last_row + 1, out, tail))
}

/// Grade words that stand as a value by themselves (`合格合格`, `是是`, `高高`).
const GRADES: &[&str] = &[
    "已完成",
    "全部完成",
    "基本达到",
    "达到预期",
    "合格",
    "达标",
    "完成",
    "良好",
    "较好",
    "优秀",
    "显著",
    "明显",
    "提高",
    "提升",
    "有效",
    "长期",
    "长远",
    "持续",
    "及时",
    "按时",
    "是",
    "否",
    "高",
    "好",
    "优",
    "无",
    "有",
];

/// A candidate cell: its end (exclusive), shape, and how many places a cell could start it runs across (a
/// stretch of words that swallows what could be cells of their own pays for each).
type Span = (usize, Shape, i32);

/// Words a table's title ends with.
const TITLE_ENDS: &[&str] = &["绩效目标表", "绩效自评表", "目标申报表", "绩效评价表"];

/// Longest title before its table word (`省级部门预算项目支出`), in characters.
const MAX_TITLE: usize = 24;

/// Where the next table's title starts inside a glued body: walking back from its table word over the title's
/// Han characters to the value before it, and past that value's unit (`99百分比` keeps 百分比).
fn next_title(body: &[char]) -> Option<usize> {
    // A title's table word ends the title: the year, a bracket, the header fields or the end follow it (a name
    // such as `填报绩效目标表及时率` goes on with words).
    let word = (1..body.len()).find(|&p| {
        TITLE_ENDS.iter().any(|w| {
            let after = p + w.chars().count();
            starts_with(body, p, w)
                && (after >= body.len()
                    || body[after].is_ascii_digit()
                    || matches!(body[after], '(' | '（' | '\n')
                    || ["项目", "单位", "部门"]
                        .iter()
                        .any(|h| starts_with(body, after, h)))
        })
    })?;
    let mut start = word;
    while start > 0 && word - start < MAX_TITLE && labels::is_han(body[start - 1]) {
        start -= 1;
    }
    if start > 0 && body[start - 1].is_ascii_digit() {
        let unit = (1..=3)
            .rev()
            .find(|&k| {
                start + k < word
                    && crate::value::is_unit_only(
                        &body[start..start + k].iter().collect::<String>(),
                    )
            })
            .unwrap_or(0);
        start += unit;
    }
    Some(start)
}

/// A category name at `p` (ending in 指标, perhaps with its block weight `(40分)`), longest first.
fn category_at(s: &[char], p: usize) -> Option<Span> {
    for len in (3..=18).rev() {
        if p + len > s.len() {
            continue;
        }
        // A category wrapped over lines (`经济效益` / `指标`) is still one; it starts with a Han character.
        if !labels::is_han(s[p]) || s[p + len - 1] == '\n' {
            continue;
        }
        let w: String = s[p..p + len].iter().filter(|c| **c != '\n').collect();
        let core = labels::as_indicator_words(w.split(['(', '（']).next().unwrap_or(""));
        let core = &*core;
        let bracketed = w.contains(['(', '（']);
        if !core.ends_with("指标") || bracketed && !w.ends_with([')', '）']) {
            continue;
        }
        // Standard names only: in glued text a nearest match would swallow the words before a category.
        if labels::exact_category(core).is_none() {
            continue;
        }
        match labels::label_of(&w) {
            Label::Level1(_) => return Some((p + len, Shape::Level1, 0)),
            Label::Level2(_) => return Some((p + len, Shape::Level2, 0)),
            _ => {}
        }
    }
    bare_satisfaction_at(s, p)
}

/// 服务对象满意度 printed without 指标, as some templates print the second-level label: a label only where the
/// name after it speaks of satisfaction too (`服务对象满意度退捕渔民抽样调查满意度90%`, `服务对象满意度服务对象满意度%`),
/// so that a name that merely starts with these words (`服务对象满意度%`) stays whole.
fn bare_satisfaction_at(s: &[char], p: usize) -> Option<Span> {
    const LABEL: &str = "服务对象满意度";
    if !starts_with(s, p, LABEL) {
        return None;
    }
    let end = p + LABEL.chars().count();
    if starts_with(s, end, "指标") {
        return None;
    }
    // The name after it: up to its value (a digit, a comparator, a line break).
    let name: String = s[end..]
        .iter()
        .take_while(|c| !(c.is_ascii_digit() || is_comparator(**c) || **c == '\n'))
        .take(MAX_WORDS)
        .collect();
    name.contains("满意").then_some((end, Shape::Level2, 0))
}

fn is_comparator(c: char) -> bool {
    labels::is_comparator_start(c) || c == '＝'
}

/// Value cells starting at `p`: every prefix of the number run (a weight and a score print as `22`), and the
/// number with its unit, percent sign or date words, each with its shape.
fn values_at(s: &[char], p: usize, out: &mut Vec<Span>) {
    let mut q = p;
    while q < s.len() && is_comparator(s[q]) {
        q += 1;
    }
    let digits_from = q;
    // A number starts with a digit (`.1` is the end of `32.1`), and is not cut before its decimals.
    if !s.get(q).is_some_and(char::is_ascii_digit) {
        return;
    }
    while q < s.len()
        && (s[q].is_ascii_digit() || s[q] == '.' && s.get(q + 1).is_some_and(char::is_ascii_digit))
    {
        q += 1;
        let decimals_follow =
            s.get(q) == Some(&'.') && s.get(q + 1).is_some_and(char::is_ascii_digit);
        // A number printed with a percent sign is a percentage, never a bare number (`100%22` is 100%, 2, 2).
        let percent_follows = matches!(s.get(q), Some('%' | '‰'));
        if s[q - 1].is_ascii_digit() && !decimals_follow && !percent_follows {
            let shape = if digits_from == p {
                Shape::Number
            } else {
                Shape::Value
            };
            out.push((q, shape, 0));
        }
    }
    if q == digits_from {
        return;
    }
    // The number with what follows it: a percent sign, or a unit of a few characters (with a magnitude) that
    // the next cell visibly starts after.
    let mut r = q;
    let mut wraps = 0;
    while r < s.len() && r - q - wraps < 4 {
        let c = s[r];
        // A unit wrapped onto the next line (`10万` / `元`).
        if r > q && wrap_at(s, r) {
            r += 1;
            wraps += 1;
            continue;
        }
        if matches!(c, '%' | '‰') {
            out.push((r + 1, Shape::Value, 0));
            break;
        }
        // A unit never runs into a category (`30000人次生态效益指标` is a value, then 生态效益指标).
        if !(labels::is_han(c) || matches!(c, '/' | '·' | '²' | '³'))
            || starts_with(s, r, "指标")
            || r > q && category_at(s, r).is_some()
        {
            break;
        }
        r += 1;
        // The actual printed with the target's unit right after the target (`0起0起市民满意度调查`): the unit
        // ends the value even before words, where the next cell does not visibly start; the words that start
        // with a unit character pay for it (see [`spans_at`]).
        let unit_len = r - q;
        let repeats_unit = unit_len <= 2
            && p >= unit_len
            && s[p - unit_len..p] == s[q..r]
            && s[q..r].iter().all(|c| labels::is_han(*c))
            && crate::value::is_unit_only(&s[q..r].iter().collect::<String>())
            && unit_char_at(s, q);
        if value_ends(s, r) || repeats_unit {
            out.push((r, Shape::Value, 0));
        }
    }
    // A date continues with its month and day (`2021年11月30日`), then perhaps 前, 底 or 完成.
    if r < s.len() && s[r].is_ascii_digit() && s[q..r].contains(&'年') {
        let mut t = r;
        for unit in ['月', '日'] {
            let digits = s[t..].iter().take_while(|c| c.is_ascii_digit()).count();
            if (1..=2).contains(&digits) && s.get(t + digits) == Some(&unit) {
                t += digits + 1;
                out.push((t, Shape::Value, 0));
            } else {
                break;
            }
        }
        if t > r {
            // The suffix may be wrapped onto the next line (`12月` / `前`).
            let t = if wrap_at(s, t) { t + 1 } else { t };
            for suffix in ["前完成", "底前", "以前", "之前", "前", "底", "完成"] {
                if starts_with(s, t, suffix) {
                    out.push((t + suffix.chars().count(), Shape::Value, 0));
                }
            }
        }
    }
}

/// The nature word at `q`, as printed or with its four characters scrambled by OCR (`性标定指` for 定性指标): its
/// length in characters.
fn nature_at(s: &[char], q: usize) -> Option<usize> {
    if let Some(w) = NATURE_WORDS.iter().find(|w| starts_with(s, q, w)) {
        return Some(w.chars().count());
    }
    let four = s.get(q..q + 4)?;
    let mut sorted: Vec<char> = four.to_vec();
    sorted.sort_unstable();
    ["定性指标", "定量指标"]
        .iter()
        .any(|w| {
            let mut want: Vec<char> = w.chars().collect();
            want.sort_unstable();
            want == sorted
        })
        .then_some(4)
}

/// The section label (`绩效指标`) a page break repeats inside a body: it ends the cell before it and is no cell.
fn section_at(s: &[char], q: usize) -> Option<usize> {
    starts_with(s, q, "绩效指标").then_some(4)
}

/// A short unit word at `q` printed in a unit column between a name and its value (`次数次26次`): its length.
fn unit_before_value(s: &[char], q: usize) -> Option<usize> {
    (1..=2).find(|&k| {
        s.get(q + k)
            .is_some_and(|c| c.is_ascii_digit() || is_comparator(*c))
            && s[q..q + k].iter().all(|c| labels::is_han(*c))
            && crate::value::is_unit_only(&s[q..q + k].iter().collect::<String>())
    })
}

/// A value may end at `r`: the next cell starts there (a number, a comparator, a category, a grade word, a line
/// break, a list separator) or the text ends.
fn value_ends(s: &[char], r: usize) -> bool {
    r >= s.len()
        || s[r].is_ascii_digit()
        || is_comparator(s[r])
        || matches!(s[r], '\n' | '、' | ',' | '，' | ';' | '；')
        || category_at(s, r).is_some()
        || GRADES.iter().any(|g| starts_with(s, r, g))
        || starts_with(s, r, "指标")
}

/// Where a stretch of words may end: before a category, a number, a comparator, a grade word or a line break.
fn boundary(s: &[char], q: usize) -> bool {
    if q >= s.len() || s[q] == '\n' {
        return true;
    }
    let c = s[q];
    // `指标1` numbers a name; the digit does not start a value.
    let after_marker = q >= 2 && s[q - 2] == '指' && s[q - 1] == '标';
    (c.is_ascii_digit() && !after_marker && !s[q - 1].is_ascii_digit() && s[q - 1] != '.')
        || is_comparator(c)
        || marker_at(s, q)
        // A unit column after a name (`控制率%定量指标`).
        || matches!(c, '%' | '‰') && labels::is_han(s[q - 1])
        || nature_at(s, q).is_some()
        || section_at(s, q).is_some()
        || category_at(s, q).is_some()
        || GRADES
            .iter()
            .any(|g| starts_with(s, q, g) && boundary_after(s, q + g.chars().count()))
}

/// `指标2:` numbers the next name: a cell starts there.
fn marker_at(s: &[char], q: usize) -> bool {
    starts_with(s, q, "指标") && s.get(q + 2).is_some_and(char::is_ascii_digit)
}

/// A grade word is a value only when a boundary follows it too (`合格合格20`, not `合格率`).
fn boundary_after(s: &[char], q: usize) -> bool {
    q >= s.len()
        || s[q] == '\n'
        || s[q].is_ascii_digit()
        || matches!(s[q], '“' | '"' | '《' | '(' | '（' | '★' | '☆')
        || is_comparator(s[q])
        // A grade word that is itself a value (`合格合格`), not the start of words (`完成及时率`: 及时 is no value
        // before 率, so 完成 is no value before it).
        || GRADES
            .iter()
            .any(|g| starts_with(s, q, g) && boundary_after(s, q + g.chars().count()))
        || category_at(s, q).is_some()
}

/// All candidate cells starting at `p`.
fn spans_at(s: &[char], p: usize) -> Vec<Span> {
    let mut out = Vec::new();
    if let Some(span) = category_at(s, p) {
        out.push(span);
    }
    values_at(s, p, &mut out);
    if matches!(s[p], '%' | '‰') {
        out.push((p + 1, Shape::Unit, 0));
    }
    if let Some(len) = nature_at(s, p) {
        out.push((p + len, Shape::Nature, 0));
    }
    if let Some(len) = unit_before_value(s, p) {
        out.push((p + len, Shape::Unit, 0));
    }
    // A template marker alone (`指标2:`): an empty named row.
    if marker_at(s, p) {
        let mut end = p + 2;
        while end < s.len() && s[end].is_ascii_digit() {
            end += 1;
        }
        if matches!(s.get(end), Some(':' | '：' | '.' | '、')) {
            end += 1;
        }
        out.push((end, Shape::Words, 0));
    }
    // 是/否 right after a number: a yes/no column at the end of the row before (`22否基础信息完善`).
    if matches!(s[p], '是' | '否') && p > 0 && s[p - 1].is_ascii_digit() {
        out.push((p + 1, Shape::Value, 0));
    }
    for g in GRADES {
        let end = p + g.chars().count();
        if starts_with(s, p, g) && boundary_after(s, end) {
            out.push((end, Shape::Value, 0));
        }
    }
    // Words start with a Han character, a digit (`5000吨稻谷、500吨成品粮储备到位率`) or a marker, hold some Han
    // characters, and stop at the next category.
    // A nature word is a cell of its own, and a section label no cell: neither starts longer words. Nor
    // does a percentage (`0%当年…` is a value, then a name).
    let digits = s[p..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == '.')
        .count();
    let percent = digits > 0 && matches!(s.get(p + digits), Some('%' | '‰'));
    // Words start with a number only with its unit (`5000吨稻谷…`, `2021年…`): digits before other words are the
    // end of the row before (`11群众满意度` is a score, then a name).
    let bare_number = digits > 0
        && !(matches!(s.get(p + digits), Some('年' | '月' | '万' | '亿' | '千'))
            || unit_char_at(s, p + digits));
    if nature_at(s, p).is_none()
        && section_at(s, p).is_none()
        && !percent
        && !bare_number
        && (labels::is_han(s[p])
            || s[p].is_ascii_digit()
            || matches!(s[p], '★' | '☆' | '*' | '“' | '"' | '《' | '(' | '（'))
    {
        let mut q = p + 1;
        let mut han = usize::from(labels::is_han(s[p]));
        // Words that start with the unit of the number before them (`0起市民…`) most likely do not.
        let mut crossed = i32::from(p > 0 && s[p - 1].is_ascii_digit() && unit_char_at(s, p));
        // A line break between two Han characters (words wrapped) is crossed at the cost of a boundary; any
        // other line break ends the words.
        while q < s.len()
            && q - p <= MAX_WORDS
            && (s[q] != '\n' || wrap_at(s, q))
            && category_at(s, q).is_none()
            && section_at(s, q).is_none()
        {
            // Words that start with digits end before a marker (`2018` is not the start of `2018指标`).
            if s[p].is_ascii_digit() && marker_at(s, q) {
                break;
            }
            if boundary(s, q) {
                if han > 0 {
                    out.push((q, Shape::Words, crossed));
                    // The name may end before a unit printed in a column of its own (`培训次数次26次`).
                    if let Some(k) =
                        (1..=2).find(|&k| q >= p + 2 + k && unit_before_value(s, q - k) == Some(k))
                    {
                        out.push((q - k, Shape::Words, crossed));
                    }
                }
                crossed += 1;
            }
            han += usize::from(labels::is_han(s[q]));
            q += 1;
        }
        if han > 0
            && q - p <= MAX_WORDS
            && (q >= s.len()
                || s[q] == '\n'
                || category_at(s, q).is_some()
                || section_at(s, q).is_some())
        {
            out.push((q, Shape::Words, crossed));
        }
    }
    out
}

/// Words that start with a unit character (`项目` after `1010` is a name's start, not `10项`).
const UNIT_LED_WORDS: &[&str] = &[
    "项目", "个人", "人员", "人数", "人口", "人才", "次数", "户数", "件数", "台账", "元旦", "天然",
    "年度",
];

/// A unit character at `i` after a number (`10人`, `5000吨稻谷`), not one that starts a word (`10项目…` is 10,
/// then 项目; a line break may sit inside the word).
fn unit_char_at(s: &[char], i: usize) -> bool {
    let Some(&c) = s.get(i) else { return false };
    if !crate::value::is_unit_only(&c.to_string()) {
        return false;
    }
    let next = if s.get(i + 1) == Some(&'\n') {
        i + 2
    } else {
        i + 1
    };
    !s.get(next)
        .is_some_and(|n| UNIT_LED_WORDS.contains(&format!("{c}{n}").as_str()))
}

/// What ending a cell at `end` inside a run of digits costs (see [`RUN_SPLIT`]).
fn run_split(s: &[char], start: usize, end: usize) -> i32 {
    if end >= s.len() || end == 0 || !s[end].is_ascii_digit() || !s[end - 1].is_ascii_digit() {
        return 0;
    }
    let run_start = (0..end)
        .rev()
        .take_while(|&k| s[k].is_ascii_digit())
        .last()
        .unwrap_or(end)
        .max(start);
    let left = &s[run_start..end];
    let right_len = (end..s.len())
        .take_while(|&k| s[k].is_ascii_digit())
        .count();
    let right = &s[end..end + right_len];
    // A value printed twice (`2020`, `6620` as 6, 6 and 20) repeats the digits before the cut; a run that ends
    // in a unit (`550万粒`) is one value.
    // (A unit character that starts a word is no unit: `10项目…` is 10, then 项目.)
    let after = end + right_len;
    let unit_follows = matches!(s.get(after), Some('%' | '‰' | '.' | '万' | '亿' | '千'))
        || unit_char_at(s, after);
    // No number starts with a zero before more digits: `0100%` is 0 and 100%.
    if right.starts_with(left) && !unit_follows || left == ['0'] {
        0
    } else {
        RUN_SPLIT
    }
}

fn over_hundred(cell: &[char]) -> bool {
    let t: String = cell.iter().collect();
    t.parse::<f64>().is_ok_and(|v| v > 100.0)
}

/// How a row's target reads, to check its actual against: nothing yet, a bare number, or with a unit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    None,
    Bare,
    With,
    /// A grade word (`好`, `高`): a qualitative value.
    Grade,
    /// A percentage: a count (`12次`) is not measured against one.
    Percent,
}

/// How many [`Unit`] classes there are.
const UNITS: usize = 5;

fn unit_class(s: &[char], start: usize, end: usize, shape: Shape) -> Unit {
    // Zero needs no unit (`3%` planned, `0` reached): it agrees with any target.
    if s[start..end].iter().all(|c| *c == '0') {
        return Unit::None;
    }
    match shape {
        Shape::Number => Unit::Bare,
        Shape::Value if !s[start..end].iter().any(char::is_ascii_digit) => Unit::Grade,
        Shape::Value if matches!(s[end - 1], '%' | '‰') => Unit::Percent,
        Shape::Value
            if s[start..end]
                .iter()
                .any(|c| !c.is_ascii_digit() && *c != '.' && !is_comparator(*c)) =>
        {
            Unit::With
        }
        Shape::Value => Unit::Bare,
        _ => Unit::None,
    }
}

/// The DP state at a position: the last column filled in the current row (`m` before any), the target's unit
/// class, and whether the row has a name or only categories so far.
#[derive(Clone, Copy, PartialEq, Eq)]
struct State {
    col: usize,
    unit: Unit,
    named: bool,
    labelled: bool,
}

/// Best segmentation of `s`: rows of (start, end, column). Where the text is `cut_off` (it ends inside the
/// table), a last row that stops at its name owes nothing for the cells the cut took.
fn segment(
    columns: &Columns,
    s: &[char],
    cut_off: bool,
) -> Option<Vec<Vec<(usize, usize, usize)>>> {
    let n = s.len();
    let m = columns.roles.len();
    if n == 0 {
        return None;
    }
    let idx = |st: &State| {
        ((st.col * UNITS + st.unit as usize) * 2 + usize::from(st.named)) * 2
            + usize::from(st.labelled)
    };
    let states = (m + 1) * UNITS * 2 * 2;
    const NEG: i32 = i32::MIN / 4;
    let mut best = vec![vec![NEG; states]; n + 1];
    // Back-pointers, eight bytes each: the previous position (where the cell placed starts, if one was), the
    // previous state, and the column of the cell placed ([`PASSED`] when a character was passed over).
    const PASSED: u16 = u16::MAX;
    const UNSET: u32 = u32::MAX;
    let mut back: Vec<Vec<(u32, u16, u16)>> = vec![vec![(UNSET, 0, PASSED); states]; n + 1];
    let start = State {
        col: m,
        unit: Unit::None,
        named: false,
        labelled: false,
    };
    best[0][idx(&start)] = 0;
    let decode = |k: usize| State {
        col: k / (UNITS * 4),
        unit: match (k / 4) % UNITS {
            0 => Unit::None,
            1 => Unit::Bare,
            2 => Unit::With,
            3 => Unit::Grade,
            _ => Unit::Percent,
        },
        named: (k / 2) % 2 == 1,
        labelled: k % 2 == 1,
    };
    // Columns whose header says what they hold: a yes/no flag (是否核心指标) takes a 是 or 否, which is not the
    // start of the next name; a nature column (指标性质) takes 定量指标 or 定性指标, which is not a unit.
    let header_of = |j: usize| {
        columns
            .positions
            .get(j)
            .and_then(|&at| columns.header.get(at))
            .map(|h| labels::squeeze(h))
            .unwrap_or_default()
    };
    let flag: Vec<bool> = (0..m).map(|j| header_of(j).starts_with("是否")).collect();
    let nature: Vec<bool> = (0..m).map(|j| header_of(j).contains("性质")).collect();
    let no_levels = !columns.has(Role::Level1) && !columns.has(Role::Level2);
    let stacking: Vec<bool> = (0..m)
        .map(|j| no_levels && columns.roles[j] == Role::Section)
        .collect();
    let skip = |from: usize, to: usize| -> i32 {
        (from..to)
            .map(|j| schema::skip_cost(columns.roles[j]))
            .sum()
    };
    for p in 0..n {
        let live: Vec<usize> = (0..states).filter(|&k| best[p][k] > NEG).collect();
        if live.is_empty() {
            continue;
        }
        // Any character can be passed over, so that the segmentation never dead-ends on OCR debris: a line break
        // for nothing, punctuation for little, anything else for more than a cell could gain.
        let pass = if s[p] == '\n' {
            0
        } else if !labels::is_han(s[p]) && !s[p].is_ascii_alphanumeric() {
            1
        } else {
            PASS_OVER
        };
        let spans = if s[p] == '\n' {
            Vec::new()
        } else {
            spans_at(s, p)
        };
        for &k in &live {
            let st = decode(k);
            let here = best[p][k];
            if here - pass > best[p + 1][k] {
                best[p + 1][k] = here - pass;
                back[p + 1][k] = (p as u32, k as u16, PASSED);
            }
            // A section label repeated after a page break is passed over whole, for little.
            if let Some(len) = section_at(s, p) {
                if here - 1 > best[p + len][k] {
                    best[p + len][k] = here - 1;
                    back[p + len][k] = (p as u32, k as u16, PASSED);
                }
            }
            for &(end, shape, crossed) in &spans {
                for j in 0..m {
                    let role = columns.roles[j];
                    let yes_no = end == p + 1 && matches!(s[p], '是' | '否');
                    let typed = nature_at(s, p) == Some(end - p);
                    let gain = if stacking[j] && matches!(shape, Shape::Level1 | Shape::Level2) {
                        // The section column stands for both category columns here.
                        schema::fit(Role::Level1, Shape::Level1)
                    } else if flag[j] && yes_no || nature[j] && typed {
                        3
                    } else if flag[j] || nature[j] {
                        // Anything else in a column of one kind of word is out of place.
                        schema::fit(role, shape) - 3
                    } else if role == Role::Unit && s[p..end].iter().any(char::is_ascii_digit) {
                        // No unit holds a digit.
                        -3
                    } else if shape == Shape::Unit {
                        // A unit is a character or two: it may fill its column, not pay for a row of its own.
                        schema::fit(role, shape).min(2)
                    } else {
                        schema::fit(role, shape)
                    };
                    if gain < -2 {
                        continue;
                    }
                    // Same row (a later column) or a new row (the current one must hold a name or categories).
                    // A section column with no category columns beside it (评价内容 over both levels) takes
                    // the level-1 and the level-2 word in turn.
                    let stacked = stacking[j]
                        && st.col == j
                        && matches!(shape, Shape::Level1 | Shape::Level2);
                    let (mut score, base) = if st.col < m && (j > st.col || stacked) {
                        (here - skip(st.col + 1, j), st)
                    } else {
                        if st.col < m && !(st.named || st.labelled) {
                            continue;
                        }
                        // A row of categories alone (a placeholder) owes nothing for its empty cells.
                        let close = if st.col < m && st.named {
                            skip(st.col + 1, m)
                        } else {
                            0
                        };
                        let fresh = State {
                            col: m,
                            unit: Unit::None,
                            named: false,
                            labelled: false,
                        };
                        (here - close - ROW_COST - skip(0, j), fresh)
                    };
                    // Words are rarely a value in glued text (grade words are values already): a name cut in two
                    // must not pay for itself as a qualitative target.
                    let wordy_value = shape == Shape::Words
                        && matches!(
                            role,
                            Role::Target | Role::Actual | Role::Cycle | Role::History
                        );
                    // A unit or a note in its own column (`%`, `定量指标`) need not earn its place as a value must.
                    let cell_cost =
                        if matches!(role, Role::Note | Role::Unit) && shape != Shape::Number {
                            1
                        } else {
                            CELL_COST
                        };
                    score += gain
                        - cell_cost
                        - crossed
                        - run_split(s, p, end)
                        - if wordy_value { WORDY_VALUE } else { 0 };
                    // An indicator's name is more than a word or two (`月前` is the end of a date cut wrong).
                    if role == Role::Name {
                        score -= match s[p..end].iter().filter(|c| labels::is_han(**c)).count() {
                            0 | 1 => 3 * RUN_SPLIT,
                            2 => RUN_SPLIT,
                            _ => 0,
                        };
                    }
                    // No number is printed with a leading zero (`018` is the end of `2018` cut wrong).
                    if s[p] == '0' && end > p + 1 && s[p + 1].is_ascii_digit() {
                        score -= RUN_SPLIT + 1;
                    }
                    // Weights and scores are at most 100: `620` is digits of two cells.
                    if matches!(role, Role::Weight | Role::Score) && over_hundred(&s[p..end]) {
                        score -= RUN_SPLIT + 1;
                    }
                    let mut next = State { col: j, ..base };
                    match role {
                        Role::Target => next.unit = unit_class(s, p, end, shape),
                        Role::Actual => {
                            let u = unit_class(s, p, end, shape);
                            if base.unit != Unit::None && u != Unit::None && u != base.unit {
                                score -= UNIT_MISMATCH;
                            }
                        }
                        Role::Name => next.named = true,
                        Role::Level1 | Role::Level2 | Role::Section => next.labelled = true,
                        _ => {}
                    }
                    let nk = idx(&next);
                    if score > best[end][nk] {
                        best[end][nk] = score;
                        back[end][nk] = (p as u32, k as u16, j as u16);
                    }
                }
            }
        }
    }
    // The end: the last row must be complete too.
    let (mut k, mut total) = (None, NEG);
    for (kk, &v) in best[n].iter().enumerate() {
        let st = decode(kk);
        if v == NEG || st.col < m && !(st.named || st.labelled) {
            continue;
        }
        // A row cut off right after its name owes nothing for the cells the cut took.
        let cut_after_name = cut_off && st.col < m && columns.roles[st.col] == Role::Name;
        let v = v - if st.col < m && st.named && !cut_after_name {
            skip(st.col + 1, m)
        } else {
            0
        };
        if v > total {
            total = v;
            k = Some(kk);
        }
    }
    let mut k = k?;
    let mut p = n;
    let mut cells: Vec<(usize, usize, usize)> = Vec::new();
    while p > 0 {
        let (pp, pk, col) = back[p][k];
        if pp == UNSET {
            return None;
        }
        let pp = pp as usize;
        if col != PASSED {
            cells.push((pp, p, col as usize));
        }
        p = pp;
        k = pk as usize;
    }
    cells.reverse();
    // Rows: a new row starts wherever a cell's column is not after the previous one.
    let mut rows: Vec<Vec<(usize, usize, usize)>> = Vec::new();
    for c in cells {
        match rows.last_mut() {
            Some(row)
                if row.last().is_some_and(|l| {
                    c.2 > l.2 || c.2 == l.2 && stacking[c.2] && row.len() == 1
                }) =>
            {
                row.push(c)
            }
            _ => rows.push(vec![c]),
        }
    }
    Some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str) -> Row {
        Row::one_cell(1, text)
    }

    fn filled(r: &Row) -> Vec<&str> {
        r.filled().map(|(_, c)| c).collect()
    }

    #[test]
    fn finds_a_glued_header() {
        let (_, _, words) = header_at("绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施产出指标").unwrap();
        assert_eq!(
            words,
            [
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "分值",
                "年度指标值",
                "全年实际值",
                "得分",
                "未完成原因及改进措施"
            ]
        );
        assert!(header_at("按计划完成年度建设任务").is_none());
    }

    #[test]
    fn a_weight_first_self_evaluation() {
        let text = "自评表一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施\
                    产出指标(40分)数量指标指标1免费发放原原种8550万粒550万粒8指标2企业自行采购8200万粒200万粒8\
                    质量指标种子合格率8≥90%95%8总分100";
        let out = rows(&[row(text)]).unwrap();
        let body: Vec<Vec<&str>> = out.iter().skip(2).map(filled).collect();
        assert_eq!(
            body[0],
            [
                "产出指标(40分)",
                "数量指标",
                "指标1免费发放原原种",
                "8",
                "550万粒",
                "550万粒",
                "8"
            ]
        );
        assert_eq!(
            body[1],
            ["指标2企业自行采购", "8", "200万粒", "200万粒", "8"]
        );
        assert_eq!(body[2], ["质量指标", "种子合格率", "8", "≥90%", "95%", "8"]);
        assert_eq!(body[3], ["总分100"]);
    }

    /// A 部门整体 self-evaluation printed with no separators: unit, nature (scrambled by OCR in one row),
    /// 得分系数 and a yes/no column around the values, and a page's section label repeated inside the body.
    #[test]
    fn unit_nature_coefficient_and_flag_columns() {
        let text = "指标名称计量单位指标性质年初指标值调整指标值全年完成值得分系数(%)指标权重(分)指标得分(分)\
                    是否核心指标财政供养人员控制率%定量指标100%92%100%22否预算调整率%3%0100%22否\
                    管理制度健全性性标定指高高100%33否绩效指标资产管理安全好好100%22否\
                    培训次数次26次12次100%55是公共服务";
        let out = rows(&[row(text)]).unwrap();
        let body: Vec<Vec<&str>> = out.iter().skip(1).map(filled).collect();
        assert_eq!(
            body[0],
            [
                "财政供养人员控制率",
                "%",
                "定量指标",
                "100%",
                "92%",
                "100%",
                "2",
                "2",
                "否"
            ]
        );
        assert_eq!(
            body[1],
            ["预算调整率", "%", "3%", "0", "100%", "2", "2", "否"]
        );
        assert_eq!(
            body[2],
            [
                "管理制度健全性",
                "性标定指",
                "高",
                "高",
                "100%",
                "3",
                "3",
                "否"
            ]
        );
        assert_eq!(
            body[3],
            ["资产管理安全", "好", "好", "100%", "2", "2", "否"]
        );
        assert_eq!(
            body[4],
            ["培训次数", "次", "26次", "12次", "100%", "5", "5", "是"]
        );
        // The text ends inside the table: the last name stands alone.
        assert_eq!(body[5], ["公共服务"]);
        // Cells sit in their header's columns.
        assert!(out.iter().skip(1).all(|r| r.placed));
        assert_eq!(out[1].cells[7], "100%");
        assert_eq!(out[1].cells[10], "否");
    }

    /// A unit character that starts a word is no unit (`1010项目…` is 10 | 10 and a name), one that starts no
    /// word is (`5000吨稻谷` is a name's start).
    /// The body rows a glued text gives (after its title and header rows), as their filled cells.
    fn body_rows(text: &str) -> Vec<Vec<String>> {
        let out = rows(&[row(text)]).unwrap();
        out.iter()
            .skip(2)
            .map(|r| filled(r).into_iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn an_actual_that_repeats_the_targets_unit_ends_before_the_next_name() {
        let text = "自评表一级指标二级指标三级指标年度指标值实际完成值\
                    满意度指标服务对象满意度指标安全事件发生数0起0起市民满意度调查≥90%100%";
        let body = body_rows(text);
        assert_eq!(body[0][2..], ["安全事件发生数", "0起", "0起"]);
        assert_eq!(body[1], ["市民满意度调查", "≥90%", "100%"]);
    }

    #[test]
    fn a_satisfaction_label_without_its_last_words_and_the_next_tables_title() {
        // 服务对象满意度 as the second-level label where the name after it is about satisfaction too; the body
        // ends where the next table's title starts, after the value's unit word.
        let text = "目标表一级指标二级指标三级指标指标目标值满意度指标服务对象满意度服务对象满意度%=99百分比\
                    省级部门预算项目支出绩效目标表2023年度";
        let body = body_rows(text);
        assert_eq!(
            body[0],
            [
                "满意度指标",
                "服务对象满意度",
                "服务对象满意度%",
                "=99百分比"
            ]
        );
        assert_eq!(body[1], ["省级部门预算项目支出绩效目标表2023年度"]);
        // A name that only starts with the label's words stays whole, and a name that holds a table word
        // (`填报绩效目标表及时率`) does not end the body.
        let text = "目标表一级指标二级指标三级指标指标目标值满意度指标服务对象满意度调查覆盖率≥95%\
                    质量指标填报绩效目标表及时率100%";
        let body = body_rows(text);
        assert_eq!(body[0], ["满意度指标", "服务对象满意度调查覆盖率", "≥95%"]);
        assert_eq!(body[1], ["质量指标", "填报绩效目标表及时率", "100%"]);
    }

    #[test]
    fn unit_characters_that_start_words() {
        let s: Vec<char> = "1010项目验收合格率5000吨稻谷".chars().collect();
        assert!(!unit_char_at(&s, 4));
        assert!(unit_char_at(&s, 15));
        let text = "自评表一级指标二级指标三级指标年度指标值实际完成值分值得分\
                    产出指标时效指标开展技能培训人次≥1人1人1010项目验收合格率≥1人1人11";
        let out = rows(&[row(text)]).unwrap();
        let body: Vec<Vec<&str>> = out.iter().skip(2).map(filled).collect();
        assert_eq!(body[0][body[0].len() - 2..], ["10", "10"]);
        assert_eq!(body[1][0], "项目验收合格率");
    }

    #[test]
    fn names_keep_their_numbers_and_scores_split() {
        let text = "一级指标二级指标三级指标指标值全年实际完成值未完成原因和改进措施\n数量指标建设普通省道二级公路32.1公里2020\n质量指标建设符合验收要求合格合格";
        let out = rows(&[row(text)]).unwrap();
        let body: Vec<Vec<&str>> = out.iter().skip(1).map(filled).collect();
        assert_eq!(
            body[0],
            ["数量指标", "建设普通省道二级公路32.1公里", "20", "20"]
        );
        assert_eq!(body[1], ["质量指标", "建设符合验收要求", "合格", "合格"]);
    }

    #[test]
    fn wrapped_categories_placeholders_and_debris() {
        let text = "二级指标三级指标指标值全年实际完成值未完成原因和改进措施\n时效指标按期完成投资1010\n成本指标\n……\n经济效益\n指标\n对经济发展的促进作用1010\n说明";
        let out = rows(&[row(text)]).unwrap();
        let body: Vec<Vec<&str>> = out.iter().skip(1).map(filled).collect();
        assert_eq!(body[0], ["时效指标", "按期完成投资", "10", "10"]);
        assert_eq!(body[1], ["成本指标"]);
        assert_eq!(
            body[2],
            ["经济效益指标", "对经济发展的促进作用", "10", "10"]
        );
        assert_eq!(body[3], ["说明"]);
    }

    #[test]
    fn a_page_number_inside_a_cell_joins_it() {
        let rows_in = [row("二级指标三级指标年初目标值(A)实际完成值(B)得分\n数量指标补贴渔船数6620\n时效指标12月底之前完成10"), row("2、0%100%10")];
        let out = rows(&rows_in).unwrap();
        let body: Vec<Vec<&str>> = out.iter().skip(1).map(filled).collect();
        assert_eq!(body[0], ["数量指标", "补贴渔船数", "6", "6", "20"]);
        assert_eq!(
            body[1],
            ["时效指标", "12月底之前完成", "100%", "100%", "10"]
        );
    }

    #[test]
    fn long_bodies_are_cut_and_bounded() {
        let mut text = String::from("一级指标二级指标三级指标年度指标值实际完成值分值得分");
        for i in 0..3_000 {
            text.push_str(&format!("产出指标数量指标开展培训次数{i}≥95%98%1010"));
        }
        let out = rows(&[row(&text)]).unwrap();
        // The body is read up to the cap; the rest comes back as text, not dropped.
        assert!(out.len() > 50);
        let read: usize = out
            .iter()
            .map(|r| r.cells.iter().map(|c| c.chars().count()).sum::<usize>())
            .sum();
        assert!(read + 10 >= text.chars().count() - 16, "{read}");
    }
}
