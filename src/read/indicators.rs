//! The indicator block of a goal or self-evaluation table: from rows under the header to [`Indicator`]s.
//!
//! Rows are read from the right, where their structure is stable: a self-evaluation row ends in 分值 and 得分
//! (two plain numbers, perhaps followed by a deviation note), and the cells before them are, leftwards, the
//! actual, the target, the cycle target if the header has one, and the name. Whatever is left of the name is
//! category labels, in any column, because extracted rows are ragged (cells dropped after page breaks, labels
//! shifted left). Categories are then inferred over the whole block: merged label cells print once per block,
//! at its top (Word, PDF text) or in its middle (OCR of a rendered page), and this module tells which.

use rust_decimal::Decimal;

use crate::error::Location;
use crate::model::{Cell, Indicator, Level1, Level2};

use super::grid::Row;
use super::labels::{self, Column, Label};
use super::schema::{self, Columns, Role, Shape};

/// Which values follow the name, from the header row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schema {
    pub cycle: bool,
    pub actual: bool,
    pub weight: bool,
    pub score: bool,
    /// The header's columns, where it names them well enough to align rows to them.
    pub columns: Option<Columns>,
    /// The header was words separated by spaces: rows are too (one cell per line of text).
    pub split_words: bool,
}

impl Schema {
    /// The schema a header row announces. `self_eval` fills in what a truncated header (OCR) lost.
    pub fn from_header(cells: &[String], self_eval: bool) -> Schema {
        let columns = Columns::from_header(cells);
        if let Some(c) = &columns {
            let self_eval = self_eval || c.has(Role::Actual) || c.has(Role::Score);
            return Schema {
                cycle: c.has(Role::Cycle),
                actual: self_eval,
                weight: self_eval || c.has(Role::Weight),
                score: self_eval,
                columns,
                split_words: false,
            };
        }
        let cols: Vec<Column> = cells.iter().filter_map(|c| labels::column_of(c)).collect();
        let has = |c: Column| cols.contains(&c);
        let self_eval = self_eval || has(Column::Actual) || has(Column::Score);
        Schema {
            cycle: has(Column::CycleTarget),
            actual: self_eval,
            weight: self_eval || has(Column::Weight),
            score: self_eval,
            columns: None,
            split_words: false,
        }
    }
}

/// An indicator row before categories are inferred.
#[derive(Clone, Debug)]
struct Raw {
    line: u32,
    end_line: u32,
    /// Filled cells left of the name, with their column index relative to the name (-1 is the level-2
    /// column, -2 the level-1 column).
    labels: Vec<(isize, String)>,
    name: Option<String>,
    cycle: Option<String>,
    target: Option<String>,
    actual: Option<String>,
    weight: Option<Decimal>,
    score: Option<Decimal>,
    deviation: Option<String>,
    /// Cell index of each text value (name, cycle, target, actual, deviation), for joining continuations.
    slots: Vec<(usize, Slot)>,
}

impl Raw {
    /// An empty reading of `row`.
    fn at(row: &Row) -> Raw {
        Raw {
            line: row.line,
            end_line: row.end_line,
            labels: Vec::new(),
            name: None,
            cycle: None,
            target: None,
            actual: None,
            weight: None,
            score: None,
            deviation: None,
            slots: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Name,
    Cycle,
    Target,
    Actual,
    Deviation,
}

/// A label line standing alone between indicator rows (a merged cell split off by a page break).
#[derive(Clone, Debug)]
struct Floating {
    /// Index of the indicator row it precedes.
    before: usize,
    labels: Vec<String>,
}

/// What one row of the block turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum RowOutcome {
    Indicator,
    Continuation,
    Labels,
    /// The 总分 row: printed weight total and score total.
    Total(Option<Decimal>, Option<Decimal>),
    /// Not readable as part of the block; the reason goes to `unread`.
    Unread(&'static str),
    /// The last row of the text, read as an indicator although values are missing: the text ends inside it
    /// (a cut-off excerpt or page), so what it has is kept and the reader warns.
    CutOff,
}

/// Reads the rows of one indicator block.
pub struct Block {
    schema: Schema,
    raws: Vec<Raw>,
    floating: Vec<Floating>,
    /// The previous row was an indicator (a continuation may follow).
    last_was_indicator: bool,
    /// The row being read is the last of the text: it may be cut off inside.
    pub at_end: bool,
    /// The rows come from a format's own grid: a row may leave weight and score blank.
    pub structured: bool,
}

fn text(s: &str) -> Option<String> {
    let t = super::grid::trim(s);
    (!t.is_empty()).then(|| t.to_owned())
}

/// A category label, or a short framework label with its block weight (`投 入 (15分)`, `预算配置 (15分)`).
fn is_label_cell(c: &str) -> bool {
    labels::is_category(c)
        || labels::has_block_weight(c) && labels::squeeze(c).chars().count() <= 12
}

/// Splits `每月1次 3` into the text and a trailing number (a cell boundary OCR lost).
fn split_trailing_number(s: &str) -> Option<(String, Decimal)> {
    let (head, tail) = s.trim().rsplit_once(char::is_whitespace)?;
    let n = labels::number(tail)?;
    Some((head.trim().to_owned(), n))
}

/// OCR sometimes returns a whole row as one cell (`社会效益指标 国土空间规划数字 初步建立传导管控 完成 30 30`):
/// when the only filled cell ends in two numbers and has enough words for the columns, its words become cells.
fn split_collapsed(row: &Row) -> Option<Row> {
    let mut filled = row.filled();
    let (_, only) = filled.next()?;
    if filled.next().is_some() {
        return None;
    }
    let words: Vec<&str> = only.split_whitespace().collect();
    if words.len() < 5 {
        return None;
    }
    let n = words.len();
    labels::number(words[n - 1])?;
    labels::number(words[n - 2])?;
    Some(Row {
        cells: words.iter().map(|w| w.to_string()).collect(),
        ..row.clone()
    })
}

impl Block {
    pub fn new(schema: Schema) -> Self {
        Block {
            schema,
            raws: Vec::new(),
            floating: Vec::new(),
            last_was_indicator: false,
            at_end: false,
            structured: false,
        }
    }

    pub fn len(&self) -> usize {
        self.raws.len()
    }

    pub fn is_empty(&self) -> bool {
        self.raws.is_empty()
    }

    /// Reads one row. The caller has already taken out titles, header fields and new headers.
    pub fn push(&mut self, row: &Row) -> RowOutcome {
        let outcome = self.read(row);
        self.last_was_indicator =
            matches!(outcome, RowOutcome::Indicator | RowOutcome::Continuation);
        outcome
    }

    fn read(&mut self, row: &Row) -> RowOutcome {
        if self.raws.is_empty() && self.floating.is_empty() {
            if let Some(outcome) = self.complete_header(row) {
                return outcome;
            }
        }
        if let Some(split) = self.split_words(row).or_else(|| split_collapsed(row)) {
            return self.read(&split);
        }
        let cells = &row.cells;
        let Some(last) = row.last_filled() else {
            return RowOutcome::Unread("empty row");
        };
        // The text ends inside the next row's category cell (`生態(t`): not the end of the name above.
        if self.at_end && row.filled_count() == 1 && labels::is_category_start(&cells[last]) {
            return RowOutcome::Unread(
                "文本在类别单元格中截断 (the text ends inside a category cell)",
            );
        }
        // Sized once (collected from a filter, it grew, reallocating, on most rows).
        let mut filled: Vec<(usize, &str)> = Vec::with_capacity(last + 1);
        filled.extend(row.filled());
        if self.wrapped_scores(&filled) {
            return RowOutcome::Continuation;
        }
        // 总分: a label, or a row of nothing but numbers and dashes.
        let all_numeric = filled
            .iter()
            .all(|(_, c)| labels::number(c).is_some() || labels::is_dash(c));
        if filled.iter().any(|(_, c)| labels::is_total_label(c))
            || (self.schema.score
                && all_numeric
                && filled.iter().any(|(_, c)| labels::number(c).is_some()))
        {
            let nums: Vec<Decimal> = filled
                .iter()
                .filter_map(|(_, c)| labels::number(c))
                .collect();
            let (w, s) = match nums.as_slice() {
                [] => (None, None),
                [s] => (None, Some(*s)),
                [.., w, s] => (Some(*w), Some(*s)),
            };
            return RowOutcome::Total(w, s);
        }
        // A lone label line after a break: a merged cell that a page break split off its rows. (A row of
        // labels with cells is a placeholder row and is read below.)
        if filled.len() == 1
            && row.after_blank
            && !matches!(labels::label_of(filled[0].1), Label::Unknown)
        {
            self.floating.push(Floating {
                before: self.raws.len(),
                labels: filled.iter().map(|(_, c)| c.to_string()).collect(),
            });
            return RowOutcome::Labels;
        }
        if self.completes_label(&filled) {
            return RowOutcome::Continuation;
        }
        if let Some((raw, cut_off)) = self.aligned(row, &filled) {
            self.raws.push(raw);
            return if cut_off {
                RowOutcome::CutOff
            } else {
                RowOutcome::Indicator
            };
        }
        // The anchor: index of the first value right of the name-side values (the weight, or one past the
        // last value when the table has no weights).
        let mut weight = None;
        let mut score = None;
        let mut deviation = None;
        let mut split_actual: Option<(usize, String)> = None;
        let anchor: usize;
        if self.schema.weight {
            let num = |i: usize| labels::number(&cells[i]);
            let prev_filled = |i: usize| (0..i).rev().find(|&k| !cells[k].is_empty());
            let mut found = None;
            // weight score [deviation]
            if let Some(p) = prev_filled(last) {
                if num(last).is_some() && num(p).is_some() {
                    found = Some((p, last, None));
                } else if num(last).is_none() {
                    if let Some(pp) = prev_filled(p) {
                        if num(p).is_some() && num(pp).is_some() && self.schema.score {
                            found = Some((pp, p, Some(last)));
                        }
                    }
                }
            }
            match found {
                Some((w, s, d)) if self.schema.score => {
                    weight = num(w);
                    score = num(s);
                    deviation = d.and_then(|d| text(&cells[d]));
                    anchor = w;
                }
                Some((_, s, _)) => {
                    // A goal table with a weight column only: the last number is the weight.
                    weight = num(s);
                    anchor = s;
                }
                None => {
                    // One trailing number: either the score alone, or weight and actual fused (`每月1次 3`).
                    if let (Some(n), Some(p)) = (num(last), prev_filled(last)) {
                        if let Some((head, w)) = split_trailing_number(&cells[p]) {
                            weight = Some(w);
                            score = Some(n);
                            split_actual = Some((p, head));
                            anchor = p + 1;
                        } else {
                            // The score alone (the weight cell is empty).
                            score = Some(n);
                            anchor = last;
                        }
                    } else if filled
                        .iter()
                        .all(|(_, c)| is_label_cell(c) || labels::is_bare_marker(c))
                    {
                        // Category labels only: an empty category slot (read as a placeholder row), not the
                        // rest of a cell broken across lines.
                        anchor = 0;
                    } else if self.last_was_indicator {
                        if self.join_continuation(row) {
                            return RowOutcome::Continuation;
                        }
                        return RowOutcome::Unread(
                            "no weight and score, and not a continuation of the row above",
                        );
                    } else {
                        return RowOutcome::Unread("no weight and score where the header has them");
                    }
                }
            }
        } else if filled.len() == 1 && !labels::is_category(filled[0].1) {
            // One cell alone in a table without weights: the rest of a broken cell, or stray text.
            if self.last_was_indicator && self.join_continuation(row) {
                return RowOutcome::Continuation;
            }
            return RowOutcome::Unread(
                "指标区中的单个单元格 (a single cell inside the indicator block)",
            );
        } else {
            // No weights: the last filled cell that is not a category is the last value.
            match (0..=last)
                .rev()
                .find(|&i| !cells[i].is_empty() && !labels::is_category(&cells[i]))
            {
                Some(i) => anchor = i + 1,
                None => anchor = 0,
            }
        }
        // Values leftwards from the anchor.
        let mut order: Vec<Slot> = Vec::new();
        if self.schema.cycle {
            order.push(Slot::Cycle);
        }
        order.push(Slot::Target);
        if self.schema.actual {
            order.push(Slot::Actual);
        }
        let mut raw = Raw {
            weight,
            score,
            deviation: deviation.clone(),
            ..Raw::at(row)
        };
        if deviation.is_some() {
            if let Some(d) = (anchor..cells.len()).rev().find(|&k| !cells[k].is_empty()) {
                raw.slots.push((d, Slot::Deviation));
            }
        }
        let mut i = anchor as isize - 1;
        for slot in order.iter().rev() {
            if i < 0 {
                break;
            }
            let idx = i as usize;
            let value = match &split_actual {
                Some((p, head)) if *p == idx && *slot == Slot::Actual => text(head),
                _ => text(&cells[idx]),
            };
            // A category in a value column means the row is shifted and has no values there.
            let value = value.filter(|v| !labels::is_category(v));
            match slot {
                Slot::Cycle => raw.cycle = value,
                Slot::Target => raw.target = value,
                Slot::Actual => raw.actual = value,
                _ => {}
            }
            raw.slots.push((idx, *slot));
            i -= 1;
        }
        // The name: its column, or (when that is empty) the nearest filled cell further left that is not a
        // category label, for rows shifted right of their labels. A row of labels only has no name.
        let nominal = if anchor == 0 { cells.len() as isize } else { i };
        let mut name_idx = nominal;
        if nominal >= 0 && (nominal as usize) < cells.len() && cells[nominal as usize].is_empty() {
            if let Some(k) = (0..nominal as usize).rev().find(|&k| !cells[k].is_empty()) {
                if matches!(labels::label_of(&cells[k]), Label::Unknown)
                    && !self.looks_like_label_garbage(&cells[k])
                {
                    name_idx = k as isize;
                }
            }
        }
        if name_idx >= 0 && (name_idx as usize) < cells.len() {
            let idx = name_idx as usize;
            if !labels::is_category(&cells[idx]) {
                raw.name = text(&cells[idx]);
                raw.slots.push((idx, Slot::Name));
            } else {
                // A category in the name column: a placeholder row whose labels sit one column right.
                name_idx += 1;
            }
        }
        let label_cells = (name_idx.max(0) as usize).min(cells.len());
        for (k, cell) in cells.iter().enumerate().take(label_cells) {
            if !cell.is_empty() {
                raw.labels.push((k as isize - name_idx, cell.clone()));
            }
        }
        self.raws.push(raw);
        RowOutcome::Indicator
    }

    /// Under a header printed as words, a row printed as words on one line is split into cells the same way.
    fn split_words(&self, row: &Row) -> Option<Row> {
        if !self.schema.split_words {
            return None;
        }
        let mut filled = row.filled();
        let (_, only) = filled.next()?;
        if filled.next().is_some() || !only.contains(char::is_whitespace) {
            return None;
        }
        Some(Row {
            cells: only.split_whitespace().map(str::to_owned).collect(),
            ..row.clone()
        })
    }

    /// The row right under the header may finish it: words broken over two lines (`年度` / `指标值`), or a
    /// second header row of parts.
    fn complete_header(&mut self, row: &Row) -> Option<RowOutcome> {
        let split = self.schema.split_words;
        let columns = self.schema.columns.as_mut()?;
        let filled: Vec<String> = row.filled().map(|(_, c)| c.to_owned()).collect();
        if let Some(joined) = schema::join_stacked(&columns.header, &filled) {
            let self_eval = self.schema.actual;
            self.schema = Schema::from_header(&joined, self_eval);
            self.schema.split_words = split;
            return Some(RowOutcome::Labels);
        }
        let cells: Vec<String> = if split {
            filled
                .iter()
                .flat_map(|c| c.split_whitespace())
                .map(str::to_owned)
                .collect()
        } else {
            row.cells.clone()
        };
        columns.refine(&cells).then_some(RowOutcome::Labels)
    }

    /// Weight and score wrapped onto the next line under a row whose long texts pushed them there (`7 7` after
    /// a named row that has neither): they are that row's, not a total.
    fn wrapped_scores(&mut self, filled: &[(usize, &str)]) -> bool {
        if !(self.schema.weight && self.schema.score && (1..=2).contains(&filled.len())) {
            return false;
        }
        let nums: Option<Vec<Decimal>> = filled.iter().map(|(_, c)| labels::number(c)).collect();
        let Some(nums) = nums else { return false };
        let Some(prev) = self.raws.last_mut() else {
            return false;
        };
        if prev.name.is_none()
            || prev.weight.is_some()
            || prev.score.is_some()
            || !self.last_was_indicator
        {
            return false;
        }
        match nums.as_slice() {
            [w, s] => (prev.weight, prev.score) = (Some(*w), Some(*s)),
            [s] => prev.score = Some(*s),
            _ => return false,
        }
        true
    }

    /// The rest of a category broken over two lines (`社会效益` / `指标`) joins the label row above.
    fn completes_label(&mut self, filled: &[(usize, &str)]) -> bool {
        let [(_, piece)] = filled else { return false };
        let piece = labels::squeeze(piece);
        if piece.chars().count() > 4 || !matches!(labels::label_of(&piece), Label::Unknown) {
            return false;
        }
        let Some(prev) = self.raws.last_mut() else {
            return false;
        };
        if prev.name.is_some() || prev.target.is_some() || prev.weight.is_some() {
            // A full row whose category cell printed only the start of its words (`社会效益` | name | … then
            // `指标` below): the piece completes that cell, not the name.
            let core = |t: &str| labels::squeeze(t.split(['(', '（']).next().unwrap_or(""));
            for (_, label) in prev.labels.iter_mut().rev() {
                let joined = format!("{}{piece}", labels::squeeze(label));
                if labels::exact_category(&core(label)).is_none()
                    && labels::exact_category(&core(&joined)).is_some()
                {
                    *label = joined;
                    return true;
                }
            }
            return false;
        }
        let Some((_, label)) = prev.labels.last_mut() else {
            return false;
        };
        let joined = format!("{}{piece}", labels::squeeze(label));
        if matches!(
            labels::label_of(&joined),
            Label::Level1(_) | Label::Level2(_)
        ) {
            *label = joined;
            return true;
        }
        false
    }

    /// Reads a row by aligning its filled cells to the header's columns (see [`schema::align`]). `None` when the
    /// header named no columns or the row does not fit them (a continuation, labels only, stray text): the
    /// positional reading then decides. With the row, whether it was taken only because the text ends inside it
    /// (see [`RowOutcome::CutOff`]).
    fn aligned(&self, row: &Row, filled: &[(usize, &str)]) -> Option<(Raw, bool)> {
        let columns = self.schema.columns.as_ref()?;
        // A segmenter placed the cells in their columns already: take them there.
        let by_position = || -> Option<Vec<Role>> {
            filled
                .iter()
                .map(|(idx, _)| {
                    let mut at =
                        (0..columns.positions.len()).filter(|&j| columns.positions[j] == *idx);
                    let j = at.next()?;
                    at.next().is_none().then(|| columns.roles[j])
                })
                .collect()
        };
        // Unless the row is shifted off its header (a category where the name should be, words where a weight
        // or score should be): then its content decides, as for any row.
        let fits = |roles: &Vec<Role>| {
            roles.iter().zip(filled).all(|(r, (_, c))| match r {
                Role::Name => !labels::is_category(c),
                Role::Weight | Role::Score => labels::number(c).is_some() || labels::is_dash(c),
                _ => true,
            })
        };
        let (roles, _) = match row.placed.then(by_position).flatten().filter(fits) {
            Some(roles) => (roles, 0),
            None => schema::align(columns, filled)?,
        };
        // A row of the block names its indicator and gives its values: where the header has weights and
        // scores, both; otherwise a target. Anything less (a continuation, a lone label) is left to the
        // positional reading, which knows those shapes.
        let has = |r: Role| roles.contains(&r);
        // Cells placed on the header's grid (a PDF or HTML table, a segmented one) need not have both weight and
        // score: a table may leave those columns blank. Unless the actual ends in a number of its own and the
        // score is missing (`每月1次 3 | 3`: a weight fused into the actual, the score in the weight column),
        // which the positional reading splits.
        let fused = !has(Role::Score)
            && filled
                .iter()
                .zip(&roles)
                .any(|((_, c), r)| *r == Role::Actual && split_trailing_number(c).is_some());
        // Rows of a format's own grid are whole rows, as placed ones are: blank weight and score cells are blank.
        // Unless its target and actual are no values (`万元`, `规范》的要求`): then it is the rest of cells a page
        // break cut, which the positional reading joins to the row above.
        let valued = filled.iter().zip(&roles).any(|((_, c), r)| {
            matches!(r, Role::Target | Role::Actual | Role::Cycle)
                && matches!(schema::shape_of(c), Shape::Value | Shape::Number)
        });
        let placed = (row.placed || self.structured && valued) && !fused;
        let complete = if columns.has(Role::Weight) && columns.has(Role::Score) && !placed {
            has(Role::Weight) && has(Role::Score)
        } else if placed {
            has(Role::Target)
                || has(Role::Cycle)
                || has(Role::Actual)
                || has(Role::Weight)
                || has(Role::Score)
        } else {
            has(Role::Target) || has(Role::Cycle) || has(Role::Actual)
        };
        // A numbered name (`指标4.不合格产品处置率`) starts its own row even with its values left blank.
        let numbered = roles
            .iter()
            .zip(filled)
            .any(|(r, (_, c))| *r == Role::Name && labels::is_numbered_name(c));
        // Category labels and a name, values left blank (`生态效益 指标 | 提高森林覆盖率,促进生物多样性保护。`).
        let labelled_name = roles.len() >= 2
            && roles
                .iter()
                .all(|r| matches!(r, Role::Name | Role::Section | Role::Level1 | Role::Level2))
            && roles
                .iter()
                .any(|r| matches!(r, Role::Level1 | Role::Level2));
        // The text ends inside this row: a name and something beside it are kept, the rest was cut off. (A row
        // a segmenter placed is a row of its own already: its name alone is kept.)
        let cut_off = !(complete || numbered || labelled_name)
            && self.at_end
            && (filled.len() >= 2 || row.placed);
        if !has(Role::Name) || !(complete || numbered || labelled_name || cut_off) {
            return None;
        }
        let mut raw = Raw::at(row);
        let (mut comparator, mut value, mut unit) = (None, None, None);
        for (&(idx, cell), role) in filled.iter().zip(&roles) {
            let t = text(cell);
            match role {
                // The section column often holds the first piece of a wrapped or OCR-split category.
                // Both levels in one section cell (`产出指标 数量指标`, where the header has no level columns).
                Role::Section => {
                    let pieces: Vec<&str> = cell.split_whitespace().collect();
                    if pieces.len() == 2 && pieces.iter().all(|p| labels::is_category(p)) {
                        raw.labels.push((-3, pieces[0].to_owned()));
                        raw.labels.push((-2, pieces[1].to_owned()));
                    } else {
                        raw.labels.push((-3, cell.to_owned()));
                    }
                }
                Role::Level1 => raw.labels.push((-2, cell.to_owned())),
                Role::Level2 => raw.labels.push((-1, cell.to_owned())),
                Role::Name => {
                    raw.name = t;
                    raw.slots.push((idx, Slot::Name));
                }
                Role::Cycle => {
                    raw.cycle = t;
                    raw.slots.push((idx, Slot::Cycle));
                }
                Role::Target => {
                    value = t;
                    raw.slots.push((idx, Slot::Target));
                }
                Role::Comparator => comparator = t,
                Role::Unit => unit = t,
                Role::Actual => {
                    raw.actual = t;
                    raw.slots.push((idx, Slot::Actual));
                }
                Role::Weight => raw.weight = labels::number(cell),
                Role::Score => raw.score = labels::number(cell),
                Role::Deviation => {
                    raw.deviation = t;
                    raw.slots.push((idx, Slot::Deviation));
                }
                Role::LongTerm | Role::History | Role::Note | Role::Seq => {}
            }
        }
        // A target split over comparator, value and unit columns reads as one value, joined by spaces; a unit
        // the value prints already (`100%` under 计量单位 `%`) is not repeated.
        if let (Some(v), Some(u)) = (&value, &unit) {
            let u = labels::squeeze(u);
            if crate::value::is_unit_only(&u) && labels::squeeze(v).ends_with(u.as_str()) {
                unit = None;
            }
        }
        raw.target = if comparator.is_some() || unit.is_some() && value.is_some() {
            let parts: Vec<String> = [comparator, value, unit].into_iter().flatten().collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        } else {
            value
        };
        Some((raw, cut_off))
    }

    /// A row of category labels and nothing else, right above a named row without labels of its own, is the
    /// label of the rows below printed on a line of its own (a merged cell in text without columns), not an
    /// empty category slot: its labels go down to that row. Above a labelled row it stays a placeholder.
    fn lower_label_rows(&mut self) {
        let bare = |r: &Raw| {
            r.name.is_none()
                && r.target.is_none()
                && r.cycle.is_none()
                && r.actual.is_none()
                && r.weight.is_none()
                && r.score.is_none()
                && r.deviation.is_none()
        };
        let labelled = |r: &Raw| r.labels.iter().any(|(_, c)| labels::is_category(c));
        let mut r = 0;
        while r + 1 < self.raws.len() {
            let (this, next) = (&self.raws[r], &self.raws[r + 1]);
            if bare(this) && labelled(this) && next.name.is_some() && !labelled(next) {
                let moved = self.raws.remove(r);
                let next = &mut self.raws[r];
                let mut labels = moved.labels;
                labels.append(&mut next.labels);
                next.labels = labels;
                for f in &mut self.floating {
                    if f.before > r {
                        f.before -= 1;
                    }
                }
            } else {
                r += 1;
            }
        }
    }

    /// Short garbage in a label column is OCR noise of a label, not a shifted name.
    fn looks_like_label_garbage(&self, cell: &str) -> bool {
        let s = labels::squeeze(cell);
        let n = s.chars().count();
        n <= 2 || !s.chars().any(labels::is_han)
    }

    /// Joins a row that continues the previous indicator's cells (a cell broken by a page break). The pieces
    /// usually sit in the same column or one to the left, so both alignments are tried.
    fn join_continuation(&mut self, row: &Row) -> bool {
        let Some(prev) = self.raws.last_mut() else {
            return false;
        };
        let filled: Vec<(usize, &str)> = row.filled().collect();
        if filled.iter().all(|(_, c)| labels::is_bare_marker(c)) {
            return false;
        }
        // Among the alignments that put every piece on a text cell, the one that does not glue words onto a
        // value that already has its number (`≤418万元` + `务保障` is the name's end, not the target's).
        let mut best: Option<(u32, isize)> = None;
        for shift in [0isize, 1, -1] {
            let mut penalty = 0;
            let mut fits = true;
            for (i, piece) in &filled {
                let at = *i as isize + shift;
                match prev.slots.iter().find(|(k, _)| *k as isize == at) {
                    Some((_, slot)) => {
                        let existing = match slot {
                            Slot::Cycle => prev.cycle.as_deref(),
                            Slot::Target => prev.target.as_deref(),
                            Slot::Actual => prev.actual.as_deref(),
                            _ => None,
                        };
                        let wordy = piece.chars().count() >= 3
                            && !piece.chars().any(|c| c.is_ascii_digit());
                        if wordy && existing.is_some_and(|e| e.chars().any(|c| c.is_ascii_digit()))
                        {
                            penalty += 1;
                        }
                    }
                    None => fits = false,
                }
            }
            if fits && best.is_none_or(|(p, _)| penalty < p) {
                best = Some((penalty, shift));
            }
        }
        if let Some((_, shift)) = best {
            let targets: Option<Vec<Slot>> = filled
                .iter()
                .map(|(i, _)| {
                    let at = *i as isize + shift;
                    prev.slots
                        .iter()
                        .find(|(k, _)| *k as isize == at)
                        .map(|(_, s)| *s)
                })
                .collect();
            let Some(targets) = targets else { return false };
            for ((_, piece), slot) in filled.iter().zip(targets) {
                let field = match slot {
                    Slot::Name => &mut prev.name,
                    Slot::Cycle => &mut prev.cycle,
                    Slot::Target => &mut prev.target,
                    Slot::Actual => &mut prev.actual,
                    Slot::Deviation => &mut prev.deviation,
                };
                match field {
                    Some(s) => s.push_str(piece),
                    None => *field = Some(piece.to_string()),
                }
            }
            prev.end_line = row.line;
            return true;
        }
        false
    }

    /// The indicators, with categories inferred over the block. `centered` says merged labels sit in the
    /// middle of their blocks (see [`centered_votes`]).
    pub fn finish(mut self, file: &str, centered: bool) -> Vec<Indicator> {
        self.lower_label_rows();
        let n = self.raws.len();
        let mut l1_obs: Vec<Option<Level1>> = vec![None; n];
        let mut l2_obs: Vec<Option<Level2>> = vec![None; n];
        let mut l1_printed: Vec<Option<String>> = vec![None; n];
        let mut l2_printed: Vec<Option<String>> = vec![None; n];
        for (r, raw) in self.raws.iter().enumerate() {
            let labels = join_fragments(&raw.labels);
            for (pos, cell) in labels.iter().rev() {
                match labels::label_of(cell) {
                    Label::Level2(l2) if l2_obs[r].is_none() => {
                        l2_obs[r] = Some(l2);
                        l2_printed[r] = Some(cell.clone());
                    }
                    Label::Level2(l2)
                        // Two level-2 words: the left one is in the level-1 column (`成本指标 | 经济成本指标`).
                        if l1_printed[r].is_none() => {
                            l1_printed[r] = Some(cell.clone());
                            l1_obs[r] = Some(l2.parent());
                        }
                    Label::Level1(l1) if l1_obs[r].is_none() || l1_printed[r].is_none() => {
                        l1_obs[r] = Some(l1);
                        l1_printed[r] = Some(cell.clone());
                    }
                    Label::Weight if l1_printed[r].is_none() => l1_printed[r] = Some(cell.clone()),
                    Label::Unknown if *pos == -1 && l2_printed[r].is_none() => {
                        l2_printed[r] = Some(cell.clone())
                    }
                    Label::Unknown if *pos == -2 && l1_printed[r].is_none() => {
                        l1_printed[r] = Some(cell.clone())
                    }
                    _ => {}
                }
            }
        }
        // A first-level word in the level-2 cell: right before the name, or printed twice (`满意度指标 |
        // 满意度指标 | …`, where the columns cannot tell which cell is which).
        let l1_in_l2_cell: Vec<Option<Level1>> = self
            .raws
            .iter()
            .map(|raw| {
                let l1s: Vec<(isize, Level1)> = raw
                    .labels
                    .iter()
                    .filter_map(|(pos, cell)| match labels::label_of(cell) {
                        Label::Level1(l1) => Some((*pos, l1)),
                        _ => None,
                    })
                    .collect();
                let twice = l1s.len() >= 2 && l1s.iter().all(|(_, l)| *l == l1s[0].1);
                l1s.iter()
                    .find(|(pos, _)| *pos == -1 || twice)
                    .map(|(_, l)| *l)
            })
            .collect();
        let placeholder: Vec<bool> = self
            .raws
            .iter()
            .map(|r| {
                r.name.is_none()
                    && r.target.is_none()
                    && r.cycle.is_none()
                    && r.weight.is_none_or(|w| w.is_zero())
                    && r.score.is_none_or(|s| s.is_zero())
            })
            .collect();
        let floating_l2: Vec<(f64, Level2)> = self
            .floating
            .iter()
            .filter_map(|f| {
                f.labels.iter().find_map(|l| match labels::label_of(l) {
                    Label::Level2(l2) => Some((f.before as f64 - 0.5, l2)),
                    _ => None,
                })
            })
            .collect();
        let l2 = infer_level2(&l2_obs, &placeholder, &floating_l2, centered);
        let l2 = fill_by_elimination(l2, &l1_obs, &l2_obs, &placeholder);
        let l2 = keep_inside_level1(l2, &l2_obs, &placeholder);
        let l2 = obey_printed_level1(l2, &l1_in_l2_cell, &l2_obs);
        let mut out = Vec::with_capacity(n);
        let mut carried_l1: Option<Level1> = None;
        for (r, raw) in self.raws.into_iter().enumerate() {
            if let Some(l1) = l1_obs[r] {
                carried_l1 = Some(l1);
            }
            let level1 = match l2[r] {
                // 成本指标 at level 2 sits under 产出 (2015 tree) unless a first-level 成本 heads it.
                Some(Level2::Cost) => match (l1_obs[r], carried_l1) {
                    (Some(Level1::Cost), _) => Some(Level1::Cost),
                    _ => Some(Level1::Output),
                },
                Some(l2) => Some(l2.parent()),
                None => l1_obs[r].or(carried_l1),
            };
            out.push(Indicator {
                level1,
                level2: l2[r],
                level1_printed: l1_printed[r].take(),
                level2_printed: l2_printed[r].take(),
                name: raw.name,
                cycle_target: raw.cycle.map(Cell::target),
                target: raw.target.map(Cell::target),
                actual: raw.actual.map(Cell::actual),
                weight: raw.weight,
                score: raw.score,
                deviation: raw.deviation,
                placeholder: placeholder[r],
                location: Location::line(file, raw.line),
                ocr_confidence: None,
            });
        }
        out
    }

    /// Evidence on where this block's merged labels sit: (centered, top) votes. A first-level label printed on
    /// a row below an explicit second-level label of the same first-level block is in the block's middle.
    pub fn centered_votes(&self) -> (u32, u32) {
        let (mut centered, mut top) = (0, 0);
        let mut last_l2: Option<Level2> = None;
        for raw in &self.raws {
            let mut row_l1 = None;
            let mut row_l2 = None;
            for (_, cell) in &raw.labels {
                match labels::label_of(cell) {
                    Label::Level1(l1) => row_l1 = Some(l1),
                    Label::Level2(l2) => row_l2 = Some(l2),
                    _ => {}
                }
            }
            if let Some(l1) = row_l1 {
                match last_l2 {
                    Some(prev)
                        if prev.parent() == l1 && row_l2.is_none_or(|l2| l2.parent() == l1) =>
                    {
                        centered += 1
                    }
                    _ => top += 1,
                }
            }
            if row_l2.is_some() {
                last_l2 = row_l2;
            }
        }
        (centered, top)
    }
}

/// Joins a one- or two-character fragment to the label cell right of it when together they name a category
/// (`满` + `意度指标`).
fn join_fragments(labels: &[(isize, String)]) -> Vec<(isize, String)> {
    let mut out: Vec<(isize, String)> = Vec::with_capacity(labels.len());
    let mut i = 0;
    while i < labels.len() {
        let (pos, cell) = &labels[i];
        if i + 1 < labels.len() && labels[i + 1].0 == pos + 1 {
            let short = labels::squeeze(cell).chars().count() <= 2;
            if short && matches!(labels::label_of(cell), Label::Unknown) {
                let joined = format!("{}{}", cell, labels[i + 1].1);
                if !matches!(labels::label_of(&joined), Label::Unknown) {
                    out.push((labels[i + 1].0, joined));
                    i += 2;
                    continue;
                }
            }
        }
        out.push((*pos, cell.clone()));
        i += 1;
    }
    out
}

/// Second-level categories for every row. Placeholder rows keep their own label and lend it to no one.
fn infer_level2(
    obs: &[Option<Level2>],
    placeholder: &[bool],
    floating: &[(f64, Level2)],
    centered: bool,
) -> Vec<Option<Level2>> {
    let n = obs.len();
    let mut out = obs.to_vec();
    // Anchors: labelled non-placeholder rows, plus floating labels.
    let mut anchors: Vec<(f64, Level2, bool)> = obs
        .iter()
        .enumerate()
        .filter(|(r, o)| o.is_some() && !placeholder[*r])
        .map(|(r, o)| (r as f64, o.unwrap(), false))
        .collect();
    anchors.extend(floating.iter().map(|(p, l)| (*p, *l, true)));
    anchors.sort_by(|a, b| a.0.total_cmp(&b.0));
    if anchors.is_empty() {
        return out;
    }
    for r in 0..n {
        if out[r].is_some() {
            continue;
        }
        let pos = r as f64;
        let prev = anchors.iter().rev().find(|a| a.0 < pos);
        let next = anchors.iter().find(|a| a.0 > pos);
        out[r] = match (prev, next) {
            (Some(p), Some(nx)) => {
                if centered || nx.2 {
                    // Midpoint: each label owns the rows nearer to it; a tie goes to the label above.
                    if pos - p.0 <= nx.0 - pos {
                        Some(p.1)
                    } else {
                        Some(nx.1)
                    }
                } else {
                    Some(p.1)
                }
            }
            (Some(p), None) => Some(p.1),
            (None, Some(nx)) => {
                if centered || placeholder[r] {
                    Some(nx.1)
                } else {
                    // Top-aligned labels: rows above the first label belong to the category before it.
                    Some(predecessor(nx.1).unwrap_or(nx.1))
                }
            }
            (None, None) => None,
        };
    }
    out
}

/// The category printed before `l2` in the standard order of its first-level category.
fn predecessor(l2: Level2) -> Option<Level2> {
    let list = l2.parent().allowed_level2();
    let i = list.iter().position(|x| *x == l2)?;
    i.checked_sub(1).map(|j| list[j])
}

/// A row whose level-2 cell prints a first-level word (`满意度指标 | 满意度指标 | 受益群众满意度`) must not take an inferred level-2 of another first-level
/// category from the rows above: it takes the only level-2 its level-1 usually has (服务对象满意度指标 under
/// 满意度指标), or none, and the unlabelled rows right below it follow it.
fn obey_printed_level1(
    mut l2: Vec<Option<Level2>>,
    l1_in_l2_cell: &[Option<Level1>],
    l2_obs: &[Option<Level2>],
) -> Vec<Option<Level2>> {
    let mut r = 0;
    while r < l2.len() {
        let (Some(l1), None, Some(wrong)) = (l1_in_l2_cell[r], l2_obs[r], l2[r]) else {
            r += 1;
            continue;
        };
        if wrong.parent() == l1 || wrong == Level2::Cost && l1 == Level1::Output {
            r += 1;
            continue;
        }
        let right = match l1 {
            Level1::Satisfaction => Some(Level2::ServiceSatisfaction),
            _ => None,
        };
        l2[r] = right;
        r += 1;
        while r < l2.len()
            && l1_in_l2_cell[r].is_none()
            && l2_obs[r].is_none()
            && l2[r] == Some(wrong)
        {
            l2[r] = right;
            r += 1;
        }
    }
    l2
}

/// A row without a label of its own, between a row above and a labelled row below that share a level-1
/// category, belongs to that category too: it continues the category of the row above. (Midpoint inference
/// can otherwise hand it the level-2 of an earlier block when the labels around it are OCR garbage: seed 002
/// T5 r13, between two 效益 rows, was read as 成本指标.)
fn keep_inside_level1(
    mut l2: Vec<Option<Level2>>,
    l2_obs: &[Option<Level2>],
    placeholder: &[bool],
) -> Vec<Option<Level2>> {
    for r in 0..l2.len() {
        if l2_obs[r].is_some() || placeholder[r] {
            continue;
        }
        let above = (0..r).rev().find_map(|k| l2[k]);
        let below = (r + 1..l2.len()).find_map(|k| l2_obs[k]);
        if let (Some(a), Some(b), Some(mine)) = (above, below, l2[r]) {
            if a.parent() == b.parent() && mine.parent() != a.parent() {
                l2[r] = Some(a);
            }
        }
    }
    l2
}

/// A row with no category evidence inside a first-level block takes the one category of that block that no
/// other row uses (`经济/生态/可持续` are placeholders, so the unlabelled benefit row is 社会效益).
fn fill_by_elimination(
    mut l2: Vec<Option<Level2>>,
    l1_obs: &[Option<Level1>],
    l2_obs: &[Option<Level2>],
    placeholder: &[bool],
) -> Vec<Option<Level2>> {
    let used: Vec<Level2> = l2_obs.iter().flatten().copied().collect();
    for r in 0..l2.len() {
        if l2_obs[r].is_some() || placeholder[r] {
            continue;
        }
        let Some(l1) = l1_obs[r] else { continue };
        if l2[r].is_some_and(|x| x.parent() == l1) {
            continue;
        }
        let free: Vec<Level2> = l1
            .allowed_level2()
            .iter()
            .copied()
            .filter(|c| !used.contains(c) && *c != Level2::Cost)
            .collect();
        if free.len() == 1 {
            l2[r] = Some(free[0]);
        }
    }
    l2
}
