//! Rows to a [`Document`]: finds where tables start and end, and hands each part of a table to its reader
//! (header fields, funds, goal text, indicator block, allocation rows, inline items).
//!
//! Nothing is keyed to a file: a table starts at a title (`…绩效自评表`, `…绩效目标表`, `…分配方案`, or an OCR
//! fragment of one) or at a header row with a project code or name when the current table already has content,
//! and the role of every row comes from its labels and its shape.

use rust_decimal::Decimal;

use crate::error::Location;
use crate::model::{
    Amount, Document, Funds, FundsLine, HeaderField, Money, MoneyUnit, Table, TableKind, Unread,
    Warning,
};
use crate::value::Role;

use super::allocation;
use super::grid::Row;
use super::header::{self, Pair};
use super::indicators::{Block, RowOutcome, Schema};
use super::inline;
use super::labels::{self, Field, TitleKind};
use super::schema;

/// A table being read: header part first, then its indicator block.
struct TableBuilder {
    table: Table,
    block: Option<Block>,
    /// The 总分 row was read: the table is complete, later rows are not part of it.
    closed: bool,
    in_goal_text: bool,
    /// Line of the indicator header, once seen.
    header_line: Option<u32>,
    /// Funds figures before the money unit is known (it is often printed on the row after the total).
    funds: Option<RawFunds>,
    money_unit: Option<MoneyUnit>,
    /// Rows placed while this table was open (given back if the "table" turns out to be a title in prose).
    placed: u32,
    /// An identity label (项目名称, 主管部门 …) that ended its row with no value: a table written one cell per
    /// line prints the value on the next row.
    pending: Option<Pair>,
}

#[derive(Default)]
struct RawFunds {
    total: Vec<Option<Decimal>>,
    lines: Vec<(String, Vec<Option<Decimal>>)>,
}

/// One-row-per-project tables with inline indicators (seed 001).
struct InlineColumns {
    project: usize,
    amounts: Vec<(usize, String)>,
    goal: Option<usize>,
    items: usize,
}

enum Current {
    None,
    Table(Box<TableBuilder>),
    /// An allocation plan's region, its rows collected until it ends.
    Allocation(Box<allocation::Builder>),
    Inline(InlineColumns),
    /// A table jixiao does not model; its rows are listed as unread with this title.
    Other(String),
}

/// Reads a whole document from its rows.
pub struct Reader<'a> {
    file: &'a str,
    doc: Document,
    current: Current,
    /// Title and kind of the last title row, for tables that open without one (OCR lost it).
    last_title: Option<(String, TitleKind)>,
    /// Document-level context printed above a table: 单位名称, 单位：万元.
    context_unit: Option<String>,
    context_money: Option<MoneyUnit>,
    finished: Vec<(Table, Option<Block>)>,
    /// A row that opened an allocation region that held no plan: read again, it must not open one again.
    allocation_retry: Option<Row>,
    /// Allocations read from prose lists, dropped when a table of the document restates them.
    prose_allocations: allocation::ProseLists,
    /// The row being read is the last of the text (an excerpt or page may end inside it).
    at_end: bool,
    /// The rows come from a format's own grid (HTML, Word, workbooks, CSV, PDF): each cell sits in its column
    /// and rows are whole, so a row may leave its weight and score blank, and no row is cut off by the text.
    structured: bool,
}

fn new_table(kind: TableKind, title: Option<String>, file: &str, line: u32) -> TableBuilder {
    TableBuilder {
        table: Table {
            kind,
            title,
            project: None,
            code: None,
            unit: None,
            dept: None,
            year: None,
            period: None,
            money_unit: None,
            funds: None,
            amounts: Vec::new(),
            fields: Vec::new(),
            printed_total_score: None,
            printed_grade: None,
            goal_expected: None,
            goal_achieved: None,
            indicators: Vec::new(),
            location: Location::line(file, line),
        },
        block: None,
        header_line: None,
        closed: false,
        in_goal_text: false,
        funds: None,
        money_unit: None,
        placed: 0,
        pending: None,
    }
}

/// An indicator header row: the classic words (一级/二级/三级指标), or any header whose column words name the
/// indicator and its values (`指标名称 | 计量单位 | 年初指标值 | …`).
fn is_header(cells: &[String]) -> bool {
    if labels::is_indicator_header(cells) {
        return true;
    }
    // The full schema only for rows of several short cells with no number among them (a header's shape).
    let filled = || cells.iter().filter(|c| !c.trim().is_empty());
    filled().count() >= 3
        && filled().all(|c| c.chars().count() <= 20 && labels::number(c).is_none())
        && schema::Columns::from_header(cells).is_some()
}

/// `(2021年)`, `2021年`: a year alone, bracketed or not.
fn is_year_subtitle(squeezed: &str) -> bool {
    let inner = squeezed.trim_matches(['(', ')', '（', '）']);
    inner
        .strip_suffix('年')
        .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
}

/// `18030.64万元`, `180306400元`, `39,000,000`, `9300.00`: the number and the unit printed with it.
pub fn money_text(text: &str) -> Option<(Decimal, Option<MoneyUnit>)> {
    if text.len() > 80 {
        return None; // longer than any amount; spares the copy below for every prose cell
    }
    let s = labels::squeeze(text);
    let (num, unit) = if let Some(n) = s.strip_suffix("万元") {
        (n, Some(MoneyUnit::WanYuan))
    } else if let Some(n) = s.strip_suffix('元') {
        (n, Some(MoneyUnit::Yuan))
    } else {
        (s.as_str(), None)
    };
    labels::number(num).map(|d| (d, unit))
}

fn append(slot: &mut Option<String>, text: &str) {
    match slot {
        Some(s) => {
            s.push('\n');
            s.push_str(text);
        }
        None => *slot = Some(text.to_owned()),
    }
}

impl<'a> Reader<'a> {
    pub fn new(file: &'a str) -> Self {
        Reader {
            file,
            doc: Document::new(file),
            current: Current::None,
            last_title: None,
            context_unit: None,
            context_money: None,
            finished: Vec::new(),
            allocation_retry: None,
            at_end: false,
            structured: false,
            prose_allocations: allocation::ProseLists::default(),
        }
    }

    /// The rows come from a format's own grid (HTML, Word, workbooks, CSV, PDF), not from text: set by those
    /// readers.
    pub fn structured(mut self) -> Self {
        self.structured = true;
        self
    }

    fn unread(&mut self, row: &Row, reason: &str) {
        self.doc.rows.table_rows += 1;
        self.doc.rows.unread += 1;
        self.doc.unread.push(Unread {
            location: Location::line(self.file, row.line),
            text: row.filled_joined("\t"),
            reason: reason.to_owned(),
        });
    }

    fn placed(&mut self) {
        self.doc.rows.table_rows += 1;
        self.doc.rows.placed += 1;
        if let Current::Table(b) = &mut self.current {
            b.placed += 1;
        }
    }

    fn close(&mut self) {
        match std::mem::replace(&mut self.current, Current::None) {
            Current::Table(b) => {
                let b = *b;
                if let (Some(line), true) =
                    (b.header_line, b.block.as_ref().is_some_and(Block::is_empty))
                {
                    // The header promised indicators and none were read: say so rather than report a table.
                    self.doc.warnings.push(Warning {
                        location: Location::line(self.file, line),
                        message_zh: "表头列有指标列，但未读出任何指标行".into(),
                        message_en:
                            "the header names indicator columns, but no indicator row was read"
                                .into(),
                    });
                }
                let t = &b.table;
                let empty = t.project.is_none()
                    && t.code.is_none()
                    && t.dept.is_none()
                    && t.fields.is_empty()
                    && b.funds.is_none()
                    && b.block.as_ref().is_none_or(Block::is_empty);
                if empty {
                    // A title-like line in prose (a table of contents), not a table.
                    self.doc.rows.table_rows -= b.placed;
                    self.doc.rows.placed -= b.placed;
                    return;
                }
                let mut table = b.table;
                let unit = b.money_unit.or(table.money_unit);
                table.money_unit = table.money_unit.or(unit);
                if let Some(raw) = b.funds {
                    table.funds = Some(build_funds(raw, unit.unwrap_or(MoneyUnit::Yuan)));
                    if table.money_unit.is_none() {
                        self.doc.warnings.push(Warning {
                            location: table.location.clone(),
                            message_zh: "资金单位未注明，按元读取".into(),
                            message_en: "the money unit is not printed; funds read as 元".into(),
                        });
                    }
                }
                self.finished.push((table, b.block));
            }
            Current::Allocation(b) => {
                self.finish_allocation(*b);
                // Rows given back may have opened another table or region.
                if !matches!(self.current, Current::None) {
                    self.close();
                }
            }
            _ => {}
        }
    }

    /// Reads every row, then infers categories with the document's label style.
    pub fn read(self, rows: &[Row]) -> Document {
        // Traditional script is read through simplified copies of the cells; printed text is given back after.
        if super::script::is_traditional_rows(rows) {
            let (folded, printed) = super::script::fold_rows(rows);
            let mut doc = self.read_rows(&folded);
            super::script::restore(&mut doc, &printed);
            doc.warnings.push(Warning {
                location: Location::file(&doc.source),
                message_zh: "繁体文本：按简体词表识别，保留原文".into(),
                message_en:
                    "traditional script: matched in simplified script, text kept as printed".into(),
            });
            return doc;
        }
        self.read_rows(rows)
    }

    fn read_rows(mut self, rows: &[Row]) -> Document {
        // Tables whose cells were glued together, tables emitted column by column, and tables written one cell
        // per line with no row breaks become rows first.
        let unglued = super::glued::rows(rows);
        let rows = unglued.as_deref().unwrap_or(rows);
        let mut scrambled = Vec::new();
        let unrun = super::column_runs::rows(rows, &mut scrambled);
        let rows = unrun.as_deref().unwrap_or(rows);
        for (line, text) in scrambled {
            self.unread(&Row::one_cell(line, &text), super::column_runs::SCRAMBLED);
        }
        let restacked = super::restack::rows(rows);
        let rows = restacked.as_deref().unwrap_or(rows);
        let headed = super::headerless::rows(rows);
        let (rows, inferred) = match &headed {
            Some((rows, at)) => (rows.as_slice(), Some(*at)),
            None => (rows, None),
        };
        for (i, row) in rows.iter().enumerate() {
            self.at_end = i + 1 == rows.len();
            if inferred == Some(i) {
                self.inferred_header(row);
            } else {
                self.row(row);
            }
        }
        self.close();
        let (mut centered, mut top) = (0, 0);
        for (_, block) in &self.finished {
            if let Some(b) = block {
                let (c, t) = b.centered_votes();
                centered += c;
                top += t;
            }
        }
        let centered = centered > top;
        for (mut table, block) in std::mem::take(&mut self.finished) {
            if let Some(block) = block {
                table.indicators = block.finish(self.file, centered);
            }
            self.doc.tables.push(table);
        }
        self.doc
            .tables
            .sort_by_key(|t| t.location.line.unwrap_or(0));
        for table in &mut self.doc.tables {
            dates_in_table_year(table);
        }
        repair_by_consensus(&mut self.doc);
        self.doc
    }

    /// The header [`super::headerless`] inferred for indicator rows printed without one: it opens their table
    /// as a printed header would, is not counted as a row of the document, and is named in a warning.
    fn inferred_header(&mut self, row: &Row) {
        let before = self.doc.rows.clone();
        self.row(row);
        let opened = matches!(&self.current, Current::Table(b) if b.block.is_some());
        if self.doc.rows.placed > before.placed {
            self.doc.rows.placed -= 1;
            self.doc.rows.table_rows -= 1;
            if let Current::Table(b) = &mut self.current {
                b.placed = b.placed.saturating_sub(1);
            }
        } else if self.doc.rows.unread > before.unread {
            // Not taken as a header after all: it was never printed, so it is no unread row either.
            self.doc.rows.unread -= 1;
            self.doc.rows.table_rows -= 1;
            self.doc.unread.pop();
        }
        if opened {
            let columns = row.filled_joined(" | ");
            self.doc.warnings.push(Warning {
                location: Location::line(self.file, row.line),
                message_zh: format!(
                    "这些指标行之前没有表头（单独读取的续页或节选？）：列按内容推断为 {columns}"
                ),
                message_en: format!(
                    "no header precedes these indicator rows (a continuation page or an excerpt read \
                     alone?): their columns were inferred from their contents as {columns}"
                ),
            });
        }
    }

    fn row(&mut self, row: &Row) {
        let sq = row.squeezed();
        let filled = row.filled_count();
        if filled == 0 {
            // Empty cells are part of an allocation's layout (a bare `|` per empty cell).
            if let Current::Allocation(b) = &mut self.current {
                if !b.push(row) {
                    self.end_allocation();
                }
            }
            return;
        }
        // Titles open a new table of their kind.
        if filled <= 3
            && !matches!(self.current, Current::Table(ref b) if b.block.is_some() && !b.closed && filled > 1)
        {
            let title = labels::title_kind(&sq)
                .or_else(|| allocation::is_title(&sq).then_some(TitleKind::Allocation))
                .filter(|_| !header::opens_table(&header::pairs(row)));
            if let Some(kind) = title {
                self.close();
                let title = row.filled_joined("");
                self.last_title = Some((title.clone(), kind));
                self.current = match kind {
                    TitleKind::Table(k) => {
                        Current::Table(Box::new(new_table(k, Some(title), self.file, row.line)))
                    }
                    TitleKind::Allocation => {
                        Current::Allocation(Box::new(allocation::Builder::titled(&title, row.line)))
                    }
                    TitleKind::Other => Current::Other(title),
                };
                self.placed();
                return;
            }
        }
        // An allocation's region sees its footers (a bare 备注 is one of its columns).
        if labels::is_footer(&sq) && !matches!(self.current, Current::Allocation(_)) {
            self.close();
            return;
        }
        // A rule line (`--`) from HTML extraction: no content, not a table row.
        if filled == 1 && row.filled().all(|(_, c)| labels::is_dash(c)) {
            return;
        }
        match &mut self.current {
            Current::Other(title) => {
                if filled >= 2 {
                    let reason =
                        format!("属于未建模的表格「{title}」 (a table jixiao does not model)");
                    self.unread(row, &reason);
                }
            }
            Current::Allocation(b) => {
                if !b.push(row) {
                    self.end_allocation();
                }
            }
            Current::Inline(_) => self.inline_row(row),
            Current::Table(_) => self.table_row(row, &sq),
            Current::None => self.outside_row(row, &sq),
        }
    }

    /// A row outside any table: prose, document context, or a table that opens without a title.
    fn outside_row(&mut self, row: &Row, sq: &str) {
        let pairs = if header::OPENING_LABELS.iter().any(|w| sq.contains(w)) {
            header::pairs(row)
        } else {
            Vec::new()
        };
        if header::opens_table(&pairs) {
            let kind = match self.last_title {
                Some((_, TitleKind::Table(k))) => k,
                _ => TableKind::Goal,
            };
            let title = self.last_title.as_ref().map(|t| t.0.clone());
            self.current = Current::Table(Box::new(new_table(kind, title, self.file, row.line)));
            self.table_row(row, sq);
            return;
        }
        // An indicator header with no title or header part above it (lost to the excerpt, or never printed)
        // still opens a table; its columns say what kind.
        // A header names several columns: 指标 at least twice (一级指标, 三级指标, 指标值) or a target column
        // (Fujian's 绩效内容 | 绩效目标值), in a short row.
        if sq.len() < 400
            && (sq.matches("指标").nth(1).is_some()
                || sq.contains("目标值")
                || sq.contains("指标值"))
        {
            let words = schema::split_header(&row.cells);
            let cells = words.as_deref().unwrap_or(&row.cells);
            if words.is_some() || is_header(&row.cells) {
                let kind = match (&self.last_title, schema::Columns::from_header(cells)) {
                    (Some((_, TitleKind::Table(k))), _) => *k,
                    (_, Some(c)) if c.has(schema::Role::Actual) || c.has(schema::Role::Score) => {
                        TableKind::SelfEval
                    }
                    _ => TableKind::Goal,
                };
                let title = self.last_title.as_ref().map(|t| t.0.clone());
                self.current =
                    Current::Table(Box::new(new_table(kind, title, self.file, row.line)));
                self.table_row(row, sq);
                return;
            }
        }
        // A header naming a recipient and a money column, or a prose list of amounts: an allocation plan.
        if self.allocation_retry.as_ref() == Some(row) {
            self.allocation_retry = None;
        } else if let Some(b) = allocation::Builder::candidate(row) {
            self.current = Current::Allocation(Box::new(b));
            return;
        }
        if row.filled_count() >= 2 {
            self.unread(
                row,
                "表格之外的表格行 (a table row outside any recognised table)",
            );
        }
    }

    /// Ends the allocation region being read (it has said it is complete).
    fn end_allocation(&mut self) {
        if let Current::Allocation(b) = std::mem::replace(&mut self.current, Current::None) {
            self.finish_allocation(*b);
        }
    }

    /// Reads an allocation region: the plan, its rows placed or unread, and the rows it did not take read again.
    fn finish_allocation(&mut self, b: allocation::Builder) {
        let titled = b.is_titled();
        let done = b.finish(self.file);
        self.doc.warnings.extend(done.warnings);
        match done.allocation {
            Some(plan) => {
                let mut placed = 0u32;
                for (i, fate) in &done.fates {
                    match fate {
                        None => {
                            self.placed();
                            placed += 1;
                        }
                        Some(reason) => self.unread(&done.rows[*i], reason),
                    }
                }
                self.prose_allocations.add(
                    &mut self.doc,
                    plan,
                    done.prose,
                    placed + u32::from(titled),
                );
            }
            None if titled => {
                // A title-like line in prose (a list of attachments), not a plan.
                self.doc.rows.table_rows -= 1;
                self.doc.rows.placed -= 1;
            }
            None => self.allocation_retry = done.rows.first().cloned(),
        }
        for row in &done.rows[done.consumed..] {
            self.row(row);
        }
    }

    fn table_row(&mut self, row: &Row, sq: &str) {
        let Current::Table(b) = &mut self.current else {
            return;
        };
        // Header labels are rare inside an indicator block; skip the label search there unless a label that
        // opens a table could be present.
        let in_block = b.block.is_some() || b.closed;
        // (项目 and 等 searched first: one search for most rows instead of six.)
        let pairs = if !in_block
            || sq.contains("项目")
                && (sq.contains("项目编码")
                    || sq.contains("项目名称")
                    || sq.contains("项目支出名称"))
            || sq.contains('等') && (sq.contains("等级") || sq.contains("等次"))
            || sq.contains("结论")
        {
            header::pairs(row)
        } else {
            Vec::new()
        };
        let has_block = b.block.as_ref().is_some_and(|bl| !bl.is_empty()) || b.closed;
        // A project code or name after the table has content: the next table (OCR lost its title).
        if header::opens_table(&pairs)
            && (has_block
                || b.table.project.is_some() && pairs.iter().any(|p| p.field == Field::Project)
                || b.table.code.is_some() && pairs.iter().any(|p| p.field == Field::Code))
        {
            self.close();
            let (kind, title) = match &self.last_title {
                Some((t, TitleKind::Table(k))) => (*k, Some(t.clone())),
                _ => (TableKind::Goal, None),
            };
            self.current = Current::Table(Box::new(new_table(kind, title, self.file, row.line)));
            self.table_row(row, sq);
            return;
        }
        // The printed grade, usually on the row after the total.
        if let Some(grade) = pairs
            .iter()
            .find(|p| p.field == Field::Grade && !p.value.is_empty())
        {
            b.table.printed_grade = Some(grade.value.clone());
            b.table.fields.push(HeaderField {
                label: grade.label.clone(),
                value: grade.value.clone(),
            });
            self.placed();
            return;
        }
        if b.closed {
            if row.filled_count() >= 2 {
                self.unread(row, "总分行之后的行 (a row after the table's total)");
            }
            return;
        }
        // The inline layout: a header with a 绩效指标 column over project rows.
        if b.block.is_none()
            && b.table.indicators.is_empty()
            && sq.contains("绩效指标")
            && (sq.contains("项目名称") || sq.contains("总计"))
            && !labels::is_indicator_header(&row.cells)
        {
            if let Some(cols) = inline_columns(row) {
                let (unit, money) = (b.table.unit.clone(), b.money_unit);
                self.context_unit = unit.or(self.context_unit.take());
                self.context_money = money.or(self.context_money);
                self.current = Current::Inline(cols);
                self.placed();
                return;
            }
        }
        let words = if b.block.is_none()
            && row.filled_count() <= 2
            && sq.len() < 400
            && sq.matches("指标").nth(1).is_some()
        {
            schema::split_header(&row.cells)
        } else {
            None
        };
        if (sq.contains("指标") || sq.contains("目标值"))
            && (words.is_some() || is_header(&row.cells))
        {
            if b.block.is_none() {
                let self_eval = b.table.kind == TableKind::SelfEval;
                let mut schema =
                    Schema::from_header(words.as_deref().unwrap_or(&row.cells), self_eval);
                schema.split_words = words.is_some();
                b.block = Some(Block::new(schema));
                b.header_line = Some(row.line);
                b.in_goal_text = false;
            }
            self.placed();
            return;
        }
        if let Some(block) = b.block.as_mut() {
            if labels::is_goal_text_label(sq) && row.filled_count() == 1 {
                self.unread(
                    row,
                    "指标区中的孤立标签 (a stray label inside the indicator block)",
                );
                return;
            }
            block.at_end = self.at_end && !self.structured;
            block.structured = self.structured;
            match block.push(row) {
                RowOutcome::Indicator | RowOutcome::Continuation | RowOutcome::Labels => {
                    self.placed()
                }
                RowOutcome::CutOff => {
                    self.doc.warnings.push(Warning {
                        location: Location::line(self.file, row.line),
                        message_zh: "文本在此指标行中间结束：缺少的值可能被截断".into(),
                        message_en:
                            "the text ends inside this indicator row: its missing values may \
                                     have been cut off"
                                .into(),
                    });
                    self.placed()
                }
                RowOutcome::Total(_, score) => {
                    b.table.printed_total_score = score;
                    b.closed = true;
                    self.placed();
                }
                RowOutcome::Unread(reason) => self.unread(row, reason),
            }
            return;
        }
        // The header part.
        if let Some(unit) = labels::money_unit_in(sq) {
            b.money_unit = Some(unit);
        }
        if funds_row(b, row) {
            self.placed();
            return;
        }
        let pending = b.pending.take();
        if !pairs.is_empty() {
            apply_pairs(b, &pairs);
            b.pending = pairs
                .last()
                .filter(|p| p.value.is_empty() && awaits_value(p.field))
                .cloned();
            b.in_goal_text = false;
            self.placed();
            return;
        }
        if let Some(p) = pending {
            if value_on_next_row(b, p, row, sq) {
                self.placed();
                return;
            }
        }
        if labels::is_goal_text_label(sq) || b.in_goal_text {
            b.in_goal_text = true;
            goal_text(b, row);
            self.placed();
            return;
        }
        if amounts_row(b, row) {
            self.placed();
            return;
        }
        if sq.contains("资金使用情况")
            || sq.contains("年初预算数")
            || sq.contains("预期目标")
            || sq.contains("年度预算申请")
            || sq.contains("年度目标")
            || sq.contains("按收入性质分")
        {
            self.placed();
            return;
        }
        if row.filled_count() == 1 && sq.starts_with("单位") {
            self.placed();
            return;
        }
        if row.filled_count() == 1
            && sq.chars().count() <= 12
            && (sq.contains("年度") || is_year_subtitle(sq))
        {
            // A subtitle such as （2024年度） or (2021年) under the title.
            if b.table.year.is_none() {
                b.table.year = header::year_in(sq);
            }
            self.placed();
            return;
        }
        if row.filled_count() == 1 {
            // One cell of text between a title and its header: prose, not a table row.
            return;
        }
        self.unread(
            row,
            "表头中无法识别的行 (an unrecognised row in the table header)",
        );
    }

    fn inline_row(&mut self, row: &Row) {
        let Current::Inline(cols) = &self.current else {
            return;
        };
        let items_cell = row.cells.get(cols.items).map(String::as_str).unwrap_or("");
        let items_cell = if inline::has_items(items_cell) {
            items_cell
        } else if let Some((_, c)) = row.filled().find(|(_, c)| inline::has_items(c)) {
            c
        } else {
            self.unread(
                row,
                "没有指标的合计或小计行 (a total or subtotal row without indicators)",
            );
            return;
        };
        let project = row
            .cells
            .get(cols.project)
            .cloned()
            .filter(|p| !p.is_empty());
        let title = self.last_title.as_ref().map(|t| t.0.clone());
        let mut b = new_table(TableKind::Goal, title, self.file, row.line);
        b.table.project = project;
        b.table.unit = self.context_unit.clone();
        b.table.money_unit = self.context_money;
        for (i, label) in &cols.amounts {
            if let Some(text) = row.cells.get(*i).filter(|c| !c.is_empty()) {
                let money = money_text(text).map(|(d, u)| {
                    Money::new(d, u.or(self.context_money).unwrap_or(MoneyUnit::Yuan))
                });
                b.table.amounts.push(Amount {
                    label: label.clone(),
                    text: text.clone(),
                    money: money.filter(|_| self.context_money.is_some()),
                });
            }
        }
        b.table.goal_expected = cols
            .goal
            .and_then(|g| row.cells.get(g))
            .cloned()
            .filter(|g| !g.is_empty());
        let (indicators, bad) = inline::read_items(items_cell, self.file, row.line);
        b.table.indicators = indicators;
        for item in bad {
            self.doc.unread.push(Unread {
                location: Location::line(self.file, row.line),
                text: item,
                reason:
                    "无法拆分的指标条目 (an inline item without category, name and value parts)"
                        .into(),
            });
        }
        self.finished.push((b.table, None));
        self.placed();
    }
}

fn inline_columns(row: &Row) -> Option<InlineColumns> {
    let mut project = None;
    let mut items = None;
    let mut goal = None;
    let mut amounts = Vec::new();
    for (i, c) in row.filled() {
        let s = labels::squeeze(c);
        if s.starts_with("项目名称") {
            project = Some(i);
        } else if s.contains("绩效指标") {
            items = Some(i);
        } else if s.contains("绩效目标") {
            goal = Some(i);
        } else if [
            "总计",
            "财政拨款",
            "财政专户拨款",
            "其他资金",
            "合计",
            "金额",
        ]
        .iter()
        .any(|w| s.contains(w))
        {
            amounts.push((i, s));
        }
    }
    Some(InlineColumns {
        project: project.unwrap_or(0),
        amounts,
        goal,
        items: items?,
    })
}

fn apply_pairs(b: &mut TableBuilder, pairs: &[Pair]) {
    for p in pairs {
        b.table.fields.push(HeaderField {
            label: p.label.clone(),
            value: p.value.clone(),
        });
        let v = (!p.value.is_empty()).then(|| p.value.clone());
        match p.field {
            Field::Code => b.table.code = b.table.code.take().or(v),
            Field::Project => b.table.project = b.table.project.take().or(v),
            Field::Year => b.table.year = b.table.year.take().or(v),
            Field::Unit => b.table.unit = b.table.unit.take().or(v),
            Field::Dept => b.table.dept = b.table.dept.take().or(v),
            Field::PeriodStart => {
                let end = b
                    .table
                    .period
                    .as_ref()
                    .map(|p| p.1.clone())
                    .unwrap_or_default();
                b.table.period = Some((p.value.clone(), end));
            }
            Field::PeriodEnd => {
                let start = b
                    .table
                    .period
                    .as_ref()
                    .map(|p| p.0.clone())
                    .unwrap_or_default();
                b.table.period = Some((start, p.value.clone()));
            }
            Field::Amount => {
                if let Some(text) = v {
                    let parsed = money_text(&text);
                    if let Some((_, Some(u))) = parsed {
                        b.table.money_unit = b.table.money_unit.or(Some(u));
                    }
                    b.table.amounts.push(Amount {
                        label: p.label.clone(),
                        money: parsed.and_then(|(d, u)| u.map(|u| Money::new(d, u))),
                        text,
                    });
                }
            }
            Field::Grade => b.table.printed_grade = b.table.printed_grade.take().or(v),
            Field::Period | Field::Other => {}
        }
    }
    // No year label: the year of a `2023年度金额` label, else of the title.
    if b.table.year.is_none() {
        b.table.year = pairs
            .iter()
            .filter(|p| p.field == Field::Amount)
            .find_map(|p| header::year_in(&p.label))
            .or_else(|| b.table.title.as_deref().and_then(header::year_in));
    }
}

/// The fields whose label may stand alone on its row, its value on the next (one cell per line).
fn awaits_value(field: Field) -> bool {
    matches!(
        field,
        Field::Code | Field::Project | Field::Unit | Field::Dept | Field::Year
    )
}

/// The row after a label that ended its row empty (`p`), in a table written one cell per line: the rest of a
/// label broken over two lines (`主管部门` / `及编码`), which keeps waiting for the value, or the label's value,
/// a lone short cell that is no label. Returns whether the row was taken.
fn value_on_next_row(b: &mut TableBuilder, p: Pair, row: &Row, sq: &str) -> bool {
    if row.filled_count() != 1 || sq.is_empty() || sq.chars().count() > 60 {
        return false;
    }
    if labels::is_goal_text_label(sq) || sq.contains("指标") || labels::money_unit_in(sq).is_some()
    {
        return false;
    }
    // The empty field the label left, replaced below by the label with its value.
    let Some(at) = b
        .table
        .fields
        .iter()
        .rposition(|f| f.label == p.label && f.value.is_empty())
    else {
        return false;
    };
    let joined = format!("{}{sq}", p.label);
    if let Some((label, field)) = labels::FIELD_LABELS.iter().find(|(l, _)| *l == joined) {
        b.table.fields[at].label = (*label).to_owned();
        b.pending = Some(Pair {
            field: *field,
            label: (*label).to_owned(),
            value: String::new(),
        });
        return true;
    }
    b.table.fields.remove(at);
    apply_pairs(
        b,
        &[Pair {
            value: sq.to_owned(),
            ..p
        }],
    );
    true
}

/// Reads a 年度资金总额 or sub-row into the raw funds. Returns whether the row was one.
fn funds_row(b: &mut TableBuilder, row: &Row) -> bool {
    let mut label_at = None;
    let mut is_total = false;
    for (i, c) in row.filled() {
        let s = labels::squeeze_cow(c);
        if labels::FUNDS_TOTAL.iter().any(|w| s.ends_with(w)) {
            label_at = Some((i, "年度资金总额".to_owned()));
            is_total = true;
        } else if let Some(w) = labels::FUNDS_LINES.iter().find(|w| s.ends_with(*w)) {
            label_at = Some((i, w.to_string()));
        }
    }
    let Some((at, label)) = label_at else {
        return false;
    };
    let values: Vec<Option<Decimal>> = row.cells[at + 1..]
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| labels::percent_number(c))
        .collect();
    let funds = b.funds.get_or_insert_with(RawFunds::default);
    if is_total {
        funds.total = values;
    } else if values.iter().any(Option::is_some) {
        funds.lines.push((label, values));
    }
    true
}

fn build_funds(raw: RawFunds, unit: MoneyUnit) -> Funds {
    let money = |v: &Vec<Option<Decimal>>, i: usize| {
        v.get(i).copied().flatten().map(|d| Money::new(d, unit))
    };
    let line = |label: String, v: &Vec<Option<Decimal>>| FundsLine {
        label,
        initial: money(v, 0),
        full_year: money(v, 1),
        executed: money(v, 2),
    };
    Funds {
        total: line("年度资金总额".into(), &raw.total),
        weight: raw.total.get(3).copied().flatten(),
        rate_percent: raw.total.get(4).copied().flatten(),
        score: raw.total.get(5).copied().flatten(),
        lines: raw.lines.iter().map(|(l, v)| line(l.clone(), v)).collect(),
    }
}

/// `其中: 一般公共预算: 127801.81`: labelled amounts printed inside cells.
fn amounts_row(b: &mut TableBuilder, row: &Row) -> bool {
    let mut any = false;
    for (_, c) in row.filled() {
        let s = labels::squeeze_cow(c);
        let Some((label, value)) = s.rsplit_once([':', '：']) else {
            continue;
        };
        let Some((d, u)) = money_text(value) else {
            continue;
        };
        let label = label.rsplit([':', '：']).next().unwrap_or(label).to_owned();
        let unit = u.or(b.money_unit);
        b.table.amounts.push(Amount {
            label,
            text: value.to_owned(),
            money: unit.map(|u| Money::new(d, u)),
        });
        any = true;
    }
    any
}

fn goal_text(b: &mut TableBuilder, row: &Row) {
    let texts: Vec<&str> = row
        .filled()
        .map(|(_, c)| c)
        .filter(|c| {
            let s = labels::squeeze_cow(c);
            !(labels::is_goal_text_label(&s)
                || s == "预期目标"
                || s == "实际完成情况"
                || s.chars().count() <= 2)
        })
        .collect();
    match texts.as_slice() {
        [] => {}
        [one] => append(&mut b.table.goal_expected, one),
        [first, .., last] => {
            append(&mut b.table.goal_expected, first);
            if b.table.kind == TableKind::SelfEval {
                append(&mut b.table.goal_achieved, last);
            } else {
                append(&mut b.table.goal_expected, last);
            }
        }
    }
}

/// Character edit distance (Levenshtein), for short header values.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j + 1] + 1)
                    .min(cur[j] + 1)
                    .min(prev[j] + usize::from(ca != *cb)),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Dates written without a year (`12月31日前`) take the year the table prints (`2024年度`).
fn dates_in_table_year(table: &mut crate::model::Table) {
    let Some(year) = table.year.as_deref().and_then(four_digit_year) else {
        return;
    };
    for ind in &mut table.indicators {
        for (cell, role) in [
            (&mut ind.cycle_target, Role::Target),
            (&mut ind.target, Role::Target),
            (&mut ind.actual, Role::Actual),
        ] {
            if let Some(c) = cell {
                c.date_in_year(year, role);
            }
        }
    }
}

/// The first four-digit year in 1900..=2199 of a printed year field (`2024`, `2024年度`, `二〇二四年`).
fn four_digit_year(text: &str) -> Option<u16> {
    let digits: String = text
        .chars()
        .map(|c| match crate::value::numeral_digit(c) {
            Some(d) => char::from_digit(d, 10).unwrap_or(c),
            None => c,
        })
        .collect();
    let bytes = digits.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let w = bytes.get(i..i + 4)?;
        let before = i > 0 && bytes[i - 1].is_ascii_digit();
        let after = bytes.get(i + 4).is_some_and(u8::is_ascii_digit);
        if before || after || !w.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let y: u16 = std::str::from_utf8(w).ok()?.parse().ok()?;
        (1900..=2199).contains(&y).then_some(y)
    })
}

/// OCR garbles the same unit or department name differently on every page (`深圳市规划和自然分资源局(本组及)`).
/// Within one document, a value of 实施单位 or 主管部门 that is a longer near-copy of the value most tables print
/// (inserted characters, at most a third of it changed) is read as that value, with a warning naming both; the
/// printed text stays in `fields`. Distinct names of equal length (第一中学 / 第二中学) are never merged.
fn repair_by_consensus(doc: &mut Document) {
    type Get = fn(&mut Table) -> &mut Option<String>;
    let fields: [(&str, &str, Get); 2] = [
        ("实施单位", "unit", |t| &mut t.unit),
        ("主管部门", "department", |t| &mut t.dept),
    ];
    for (label_zh, label_en, get) in fields {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for t in doc.tables.iter_mut() {
            if let Some(v) = get(t).clone() {
                match counts.iter_mut().find(|(c, _)| *c == v) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((v, 1)),
                }
            }
        }
        let Some((common, n)) = counts.iter().max_by_key(|(_, n)| *n).cloned() else {
            continue;
        };
        if n < 2 {
            continue;
        }
        let common_len = common.chars().count();
        for t in doc.tables.iter_mut() {
            let location = t.location.clone();
            let slot = get(t);
            let Some(v) = slot.clone() else { continue };
            let seen = counts.iter().find(|(c, _)| *c == v).map_or(0, |(_, k)| *k);
            let near = v.chars().count() > common_len
                && seen < n
                && edit_distance(&v, &common) <= (common_len / 3).max(2);
            if near {
                doc.warnings.push(Warning {
                    location,
                    message_zh: format!("OCR 修正：{label_zh}「{v}」按本文件其他表读作「{common}」"),
                    message_en: format!(
                        "OCR repair: the {label_en} {} is read as {}, as the other tables of this document print it",
                        debug_quoted(&v),
                        debug_quoted(&common)
                    ),
                });
                *slot = Some(common.clone());
            }
        }
    }
}

/// `format!("{s:?}")`: for names of Han characters and plain ASCII (all of them, in practice) the text in quotes,
/// without Debug's printability lookup per character (a few thousand instructions for each Chinese character).
fn debug_quoted(s: &str) -> String {
    let plain =
        |c: char| (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' || labels::is_han(c);
    if s.chars().all(plain) {
        format!("\"{s}\"")
    } else {
        format!("{s:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_quoted_is_debug() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let s = format!("局{c}a");
            assert_eq!(debug_quoted(&s), format!("{s:?}"));
        }
        assert_eq!(
            debug_quoted("深圳市规划和自然资源局(本级)"),
            "\"深圳市规划和自然资源局(本级)\""
        );
    }

    fn doc_with(depts: &[&str]) -> Document {
        let mut doc = Document::new("t.txt");
        for (i, d) in depts.iter().enumerate() {
            let mut b = new_table(TableKind::SelfEval, None, "t.txt", i as u32 + 1);
            b.table.dept = Some((*d).to_owned());
            doc.tables.push(b.table);
        }
        doc
    }

    #[test]
    fn ocr_variants_of_a_name_are_read_as_the_common_one() {
        // Seed 002's 主管部门 as OCR printed it on three pages.
        let mut doc = doc_with(&[
            "深圳市规划和自然资源局(本级)",
            "深圳市规划和自然资源局(本级)",
            "深圳市规划和自然分资源局(本组及)",
        ]);
        repair_by_consensus(&mut doc);
        assert!(doc
            .tables
            .iter()
            .all(|t| t.dept.as_deref() == Some("深圳市规划和自然资源局(本级)")));
        assert_eq!(doc.warnings.len(), 1);
        assert!(doc.warnings[0]
            .message_zh
            .contains("深圳市规划和自然分资源局(本组及)"));
    }

    #[test]
    fn distinct_names_are_not_merged() {
        // Same length, one character apart: two real units.
        let mut doc = doc_with(&["示例市第一中学", "示例市第一中学", "示例市第二中学"]);
        repair_by_consensus(&mut doc);
        assert_eq!(doc.tables[2].dept.as_deref(), Some("示例市第二中学"));
        // A name that is not a near copy: far more than a third changed.
        let mut doc = doc_with(&["示例市教育局", "示例市教育局", "示例市人力资源和社会保障局"]);
        repair_by_consensus(&mut doc);
        assert_eq!(
            doc.tables[2].dept.as_deref(),
            Some("示例市人力资源和社会保障局")
        );
        assert!(doc.warnings.is_empty());
        assert_eq!(edit_distance("abc", "abd"), 1);
        assert_eq!(edit_distance("", "ab"), 2);
    }
}
