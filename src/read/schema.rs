//! The column schema of an indicator block, and the alignment of each row's cells to it.
//!
//! **Schema.** The header row (or rows) names the columns. The field words each column many ways (年度指标值,
//! 当年度目标值, 预期2022年实现值 …; 分值 or 权重; 得分 or 自评分 beside a 复核分 that is not the self score),
//! prints them in any order (分值 before the target), splits the target into comparator, value and unit columns,
//! adds explanation and numbering columns, and sets long-term and annual blocks side by side. [`role_of`] maps
//! one header cell to a [`Role`]; [`Columns::from_header`] maps a whole header, and a second header row under
//! it refines a parent column into its parts.
//!
//! **Alignment.** Extracted rows rarely keep their cells in their columns: merged category cells print once,
//! converters drop empty cells or move them to the end, OCR loses cells. What stays is the order. So a row's
//! filled cells are matched to the columns as an order-preserving assignment, each cell to one column, chosen
//! by dynamic programming to fit best what each cell looks like (a category name, a plain number, a value with
//! a unit or comparator, words) to what its column holds. A column left without a cell costs what a missing
//! cell there usually means: nothing for a merged category, more for a missing name.

use super::labels::{self, Label};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// 绩效指标: the section column over the whole block, merged.
    Section,
    Level1,
    Level2,
    /// 三级指标: the indicator name.
    Name,
    /// The long-term (实施期, 中期) target.
    Cycle,
    /// A long-term block's category or name column, beside the annual block (read, then dropped).
    LongTerm,
    /// The annual target.
    Target,
    /// A past year's value printed beside the target (2021年实际实现值).
    History,
    Actual,
    Weight,
    Score,
    Deviation,
    /// The comparator column of a target split in three (计算符号, 指标方向 holding `=`).
    Comparator,
    /// The unit column of a split target (度量单位, 计量单位).
    Unit,
    /// Explanation, scoring criteria, basis, remarks, nature (正向/反向): kept out of the values.
    Note,
    /// 行次, 序号: numbering.
    Seq,
}

/// One header cell's role, from its words. `None` for cells that name no column.
pub fn role_of(cell: &str) -> Option<Role> {
    let s = labels::squeeze_cow(cell);
    // Header cells are short; a long cell (`绩效指标(权重分值90分,其中产出指标…)`) is a caption, not a column.
    if s.is_empty() || s.chars().count() > 16 {
        return None;
    }
    if is_heading(&s) {
        return None;
    }
    let has = |w: &str| labels::contains_short(&s, w);
    let long_term = has("长期") || has("中期") || has("实施期") || has("实施周期");
    Some(if has("一级指标") || s == "一级" {
        Role::Level1
    } else if has("二级指标") || s == "二级" {
        if long_term {
            Role::LongTerm
        } else {
            Role::Level2
        }
    } else if names_indicator(&s) {
        if long_term {
            Role::LongTerm
        } else {
            Role::Name
        }
    } else if has("偏差")
        || has("改进措施")
        || has("未完成原因")
        || has("原因分析")
        || has("扣分原因")
    {
        Role::Deviation
    } else if has("复核") || has("核定") || has("评审") || has("折算") {
        // 复核分, 核定得分: another reviewer's figures, never the self score; 折算得分: the score weighted again.
        Role::Note
    } else if has("说明")
        || has("解释")
        || has("评分标准")
        || has("评价标准")
        || has("计分")
        || has("评分规则")
        || has("依据")
        || has("备注")
        || has("指标标准")
        || has("完成情况") && !has("值")
        // 累计完成率, 目标完成率: the actual over the target, worked out.
        || has("完成率")
    {
        Role::Note
    } else if has("行次") || has("列次") || s == "序号" {
        Role::Seq
    } else if has("计算符号") || s == "符号" || has("指标方向") {
        // 指标方向 holds the comparator (`=`, `≥`) where it stands beside 指标性质 (正向/反向).
        Role::Comparator
    } else if has("性质") || has("属性") || has("类型") || has("系数") || s.starts_with("是否")
    {
        // 得分系数, 是否核心指标: about the row, not its values.
        Role::Note
    } else if has("度量单位")
        || has("计量单位")
        || s == "单位"
        || s.starts_with("单位(")
        || s.starts_with("单位（")
    {
        Role::Unit
    } else if has("得分") || has("自评分") {
        Role::Score
    } else if s == "分值" || has("分值") || has("权重") || s == "分数" {
        Role::Weight
    } else if has("标准") {
        // 绩效标准, 计划标准: where the value comes from, not a value.
        Role::Note
    } else if (has("实际") || has("完成值") || has("实际值") || has("进度"))
        && !has("预期")
        && !has("计划")
    {
        Role::Actual
    } else if has("调整") && has("值") {
        // 调整指标值 beside 年初指标值: the adjusted target, printed beside the one the row is judged by.
        Role::History
    } else if has("指标值") || has("目标值") || has("实现值") || has("计划水平") || has("预期值")
    {
        if long_term {
            Role::Cycle
        } else {
            Role::Target
        }
    } else if s == "绩效指标" || s == "年度绩效指标" || s == "绩效目标" || s == "评价内容"
    {
        // 评价内容 (Fujian) heads the merged category columns, as 绩效指标 does.
        Role::Section
    } else {
        return None;
    })
}

/// A header cell (squeezed) that names the indicator column: 三级指标, 指标名称, 指标内容, Fujian's 绩效内容. (The
/// long-term name column says so too; [`role_of`] tells them apart.)
fn names_indicator(s: &str) -> bool {
    labels::contains_short(s, "三级指标")
        || s == "三级"
        || labels::contains_short(s, "指标名称")
        || s == "指标内容"
        || s == "绩效内容"
}

/// `四、年度绩效指标完成情况`: a numbered section heading printed before the header words, not a column.
fn is_heading(word: &str) -> bool {
    let mut chars = word.trim().chars();
    chars
        .next()
        .is_some_and(|c| "一二三四五六七八九十".contains(c))
        && chars.next() == Some('、')
}

/// A header printed as words separated by spaces in one or two cells (`二级指标 三级指标 指标值 完成值`): the
/// words, when they name a header by themselves. The rows under such a header are split the same way.
pub fn split_header(cells: &[String]) -> Option<Vec<String>> {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    if filled.is_empty()
        || filled.len() > 2
        || !filled.iter().any(|c| c.contains(char::is_whitespace))
    {
        return None;
    }
    // A section heading before the first column word is not a column (the rows start at the first).
    let words: Vec<String> = filled
        .iter()
        .flat_map(|c| c.split_whitespace())
        .skip_while(|w| is_heading(w))
        .map(str::to_owned)
        .collect();
    if words.len() < 3 {
        return None;
    }
    let named = words.iter().filter(|w| role_of(w).is_some()).count();
    (named >= 3 && Columns::from_header(&words).is_some()).then_some(words)
}

/// Stems of header words that print the rest of the word on the next line (`年度` / `指标值`).
const STEMS: &[&str] = &[
    "年度",
    "实际",
    "全年",
    "预期",
    "计划",
    "年初",
    "当年度",
    "实施周期",
    "中期",
    "长期",
    "年度目标",
    "实际完成",
];

/// Header words broken across two lines (`… 年度 实际 分值 …` over `指标值 完成值`): the header's stems, in order,
/// take the next row's words. `None` unless the next row is exactly that many completing words.
pub fn join_stacked(header: &[String], next: &[String]) -> Option<Vec<String>> {
    let tails: Vec<&str> = next.iter().flat_map(|c| c.split_whitespace()).collect();
    let stems: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, w)| STEMS.contains(&labels::squeeze(w).as_str()))
        .map(|(i, _)| i)
        .collect();
    if tails.is_empty() || stems.len() != tails.len() {
        return None;
    }
    let mut out = header.to_vec();
    for (&i, tail) in stems.iter().zip(&tails) {
        let joined = format!("{}{}", labels::squeeze(&out[i]), tail);
        role_of(&joined)?;
        out[i] = joined;
    }
    Some(out)
}

/// Position of a column added by reading rather than printed in the header.
pub const UNPRINTED: usize = usize::MAX;

/// The columns of a block, in print order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    pub roles: Vec<Role>,
    /// The grid column of each role in the header row ([`UNPRINTED`] for columns not printed there). Where a
    /// format keeps cells in their columns (workbooks, Word, HTML, tab rows), a cell in its header's column
    /// is a strong hint; elsewhere positions rarely agree and the hint falls silent.
    pub positions: Vec<usize>,
    /// The header cells the columns were read from (to join words a second header line completes).
    pub header: Vec<String>,
}

impl Columns {
    /// The columns a header row names; `None` unless it names a name column and a value column.
    pub fn from_header(cells: &[String]) -> Option<Columns> {
        // A header names its name column (see [`role_of`]): a row with no cell that could is none, found
        // without the full lookup of every cell.
        if !cells
            .iter()
            .any(|c| names_indicator(&labels::squeeze_cow(c)))
        {
            return None;
        }
        let (mut positions, mut roles): (Vec<usize>, Vec<Role>) = cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| role_of(c).map(|r| (i, r)))
            .unzip();
        resolve_long_term(&mut roles);
        // A bare number as the header's last cell, after the value columns and with no weight or score column:
        // the block's points printed in the score column's place (`… | 实际完成指标值 | 50`); the rows print
        // their scores under it.
        if let Some(last) = cells.iter().rposition(|c| !c.trim().is_empty()) {
            let after_values = positions.last().is_some_and(|&p| p < last)
                && roles
                    .last()
                    .is_some_and(|r| matches!(r, Role::Actual | Role::Target));
            if after_values
                && !roles
                    .iter()
                    .any(|r| matches!(r, Role::Weight | Role::Score))
                && is_points(&cells[last])
            {
                positions.push(last);
                roles.push(Role::Score);
            }
        }
        let labelled: Vec<&String> = positions.iter().map(|&i| &cells[i]).collect();
        resolve_history(&labelled, &mut roles);
        let has = |r: Role| roles.contains(&r);
        // Values, or at least scores: a 部门整体 self-evaluation may print only 评分标准, 分值 and 得分.
        let valued = has(Role::Target) || has(Role::Actual) || has(Role::Cycle) || has(Role::Score);
        if !(has(Role::Name) && valued) {
            return None;
        }
        // The section column (绩效指标, merged down the block) is often blank in the header row itself, yet rows
        // print category pieces in it.
        if roles.first() != Some(&Role::Section) {
            let before = positions.first().copied().unwrap_or(0);
            roles.insert(0, Role::Section);
            positions.insert(0, if before > 0 { before - 1 } else { UNPRINTED });
        }
        Some(Columns {
            roles,
            positions,
            header: cells.to_vec(),
        })
    }

    /// Refines the columns with a second header row (the parts of a merged parent): `2021年实际实现值 |
    /// 预期2022年实现值` under 指标值, or `符号 | 单位` under the target. Returns false when the row is not one.
    pub fn refine(&mut self, cells: &[String]) -> bool {
        let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
        if filled.is_empty()
            || filled
                .iter()
                .any(|c| labels::is_category(c) || labels::number(c).is_some())
        {
            return false;
        }
        let mut sub: Vec<Role> = Vec::new();
        for c in &filled {
            match role_of(c) {
                Some(r) => sub.push(r),
                None => return false,
            }
        }
        resolve_history(&filled, &mut sub);
        let sub_positions: Vec<usize> = cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(i, _)| i)
            .collect();
        // The parent is the first column of the sub-header's kind of content: the target for values.
        let parent = if sub
            .iter()
            .any(|r| matches!(r, Role::Target | Role::History | Role::Cycle))
        {
            self.roles.iter().position(|r| *r == Role::Target)
        } else {
            None
        };
        match parent {
            Some(p) => {
                self.roles.splice(p..=p, sub);
                self.positions.splice(p..=p, sub_positions);
            }
            // Parts of several parents (符号 | 单位 under the target, 单项指标得分 | 权重占比 | 折算得分 under the
            // score): the comparator goes before the target and the unit after it; score parts that include a
            // score take the score column's place.
            None => {
                let parts: Vec<(Role, usize)> = sub.into_iter().zip(sub_positions).collect();
                let scored = parts.iter().any(|(r, _)| *r == Role::Score);
                let score_at = self.roles.iter().rposition(|r| *r == Role::Score);
                type Parts = Vec<(Role, usize)>;
                let (score_parts, value_parts): (Parts, Parts) =
                    parts.into_iter().partition(|(r, _)| {
                        scored
                            && score_at.is_some()
                            && matches!(r, Role::Score | Role::Weight | Role::Note)
                    });
                if let Some(at) = score_at.filter(|_| !score_parts.is_empty()) {
                    let (roles, positions): (Vec<Role>, Vec<usize>) =
                        score_parts.into_iter().unzip();
                    // The parent's own weight column is then a second one: the sub-header's is the weight.
                    if roles.contains(&Role::Weight) {
                        for r in self.roles[..at].iter_mut() {
                            if *r == Role::Weight {
                                *r = Role::Note;
                            }
                        }
                    }
                    self.roles.splice(at..=at, roles);
                    self.positions.splice(at..=at, positions);
                }
                let target = self.roles.iter().position(|r| *r == Role::Target);
                for (r, pos) in value_parts {
                    if self.roles.contains(&r) {
                        continue;
                    }
                    let at = match (r, target) {
                        (Role::Comparator, Some(t)) => t,
                        (_, Some(t)) => {
                            self.roles
                                .iter()
                                .position(|r| *r == Role::Target)
                                .unwrap_or(t)
                                + 1
                        }
                        (_, None) => self.roles.len(),
                    };
                    self.roles.insert(at, r);
                    self.positions.insert(at, pos);
                }
            }
        }
        true
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// A row of `width` cells (the header's cells and a section column before them) with each text in the
    /// header position of its column (by index into [`Columns::roles`]); texts that share a column are joined
    /// by a space, and empty cells at the end are dropped.
    pub fn place<S: AsRef<str>>(
        &self,
        width: usize,
        cells: impl IntoIterator<Item = (usize, S)>,
    ) -> Vec<String> {
        let mut row = vec![String::new(); width];
        for (j, text) in cells {
            let p = self.positions[j];
            let col = if p == UNPRINTED {
                0
            } else {
                (p + 1).min(width - 1)
            };
            let slot = &mut row[col];
            if !slot.is_empty() {
                slot.push(' ');
            }
            slot.push_str(text.as_ref());
        }
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
        row
    }
}

/// `指标1:`, `指标12、` at the start of a name, with something after it.
fn has_name_marker(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("指标") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let mut after = rest[digits..].chars();
    digits > 0
        && after
            .next()
            .is_some_and(|c| matches!(c, ':' | '：' | '、' | '.' | '．'))
        && after.next().is_some()
}

/// A block's points as a header prints them: a whole number up to 100.
pub fn is_points(cell: &str) -> bool {
    let t = super::grid::trim(cell);
    !t.is_empty()
        && t.len() <= 3
        && t.bytes().all(|b| b.is_ascii_digit())
        && t.parse::<u32>().is_ok_and(|n| n <= 100)
}

/// Two name columns: the first block is the long-term one (中期 and 年度 side by side), so its category and
/// name columns are long-term and its target is the cycle target.
fn resolve_long_term(roles: &mut [Role]) {
    let names: Vec<usize> = roles
        .iter()
        .enumerate()
        .filter(|(_, r)| **r == Role::Name)
        .map(|(i, _)| i)
        .collect();
    if names.len() < 2 {
        return;
    }
    let second = names[1];
    // The annual block starts at its own level-2 column when it has one.
    let start = roles[..second]
        .iter()
        .rposition(|r| *r == Role::Level2)
        .filter(|&i| i > names[0])
        .unwrap_or(second);
    for r in &mut roles[..start] {
        match r {
            Role::Level2 | Role::Name => *r = Role::LongTerm,
            Role::Target => *r = Role::Cycle,
            _ => {}
        }
    }
}

/// `2021年实际实现值` beside `预期2022年实现值`: a value of an earlier year than another column's is history.
/// `labelled` are the header cells that have a role, in order (one per role).
fn resolve_history(labelled: &[&String], roles: &mut [Role]) {
    if labelled.len() != roles.len() {
        return;
    }
    let years: Vec<Option<u32>> = labelled.iter().map(|c| year_of(c)).collect();
    let Some(latest) = years.iter().flatten().max().copied() else {
        return;
    };
    for (r, y) in roles.iter_mut().zip(&years) {
        if y.is_some_and(|y| y < latest) && matches!(r, Role::Actual | Role::Target) {
            *r = Role::History;
        }
    }
}

fn year_of(cell: &str) -> Option<u32> {
    let digits: Vec<char> = cell.chars().collect();
    for w in digits.windows(5) {
        if w[4] == '年' && w[..4].iter().all(char::is_ascii_digit) {
            let y: String = w[..4].iter().collect();
            return y.parse().ok();
        }
    }
    None
}

/// What a cell looks like, for alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// 绩效指标, 年度绩效指标: the section label.
    Section,
    Level1,
    Level2,
    /// A plain number (a weight or score).
    Number,
    /// A value: a number with a unit or comparator, a percentage, a date, a short grade word.
    Value,
    /// A comparator alone (`=`, `≥`).
    Comparator,
    /// A unit alone (`%`, `人`, `万元`): the unit column of a split target.
    Unit,
    /// Words (a name, a note, a qualitative target).
    Words,
    /// A dash or empty marker.
    Dash,
    /// An indicator's nature (定量指标, 定性, 正向, 反向): a note column's word, never a value.
    Nature,
}

/// Words a nature column (指标性质, 指标值类型, 指标方向) holds.
pub const NATURE_WORDS: &[&str] = &["定量指标", "定性指标", "定量", "定性", "正向", "反向"];

/// What a cell prints where it has nothing: a placeholder row's filler, not a name or a value.
const EMPTY_MARKERS: &[&str] = &[
    "不涉及",
    "无",
    "不适用",
    "暂无",
    "/",
    "\\",
    "—",
    "-",
    "——",
    "空",
];

/// Short grade words real tables print as a qualitative target or actual.
const GRADE_WORDS: &[&str] = &[
    "是",
    "否",
    "有",
    "无",
    "好",
    "合格",
    "达标",
    "优",
    "优秀",
    "良好",
    "较好",
    "及时",
    "按时",
    "完成",
    "已完成",
    "全部完成",
    "提高",
    "提升",
    "明显",
    "显著",
    "有效",
    "改善",
    "长期",
    "持续",
    "稳定",
    "正常",
];

pub fn shape_of(cell: &str) -> Shape {
    let t = super::grid::trim(cell);
    // Most cells of a block are plain numbers and percentages: no copy for them.
    if !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'%' | b','))
    {
        if labels::number(t).is_some() {
            return Shape::Number;
        }
        // A percent sign alone is the unit column of a split target.
        if t == "%" {
            return Shape::Unit;
        }
        if t.ends_with('%') {
            return Shape::Value;
        }
    }
    // A long cell is words or a value with words (`≥95%,以抽查结果为准`): never a label, unit or dash.
    if t.len() > 72 {
        let first = t.chars().next().unwrap_or(' ');
        return if labels::is_comparator_start(first) || t.ends_with('%') {
            Shape::Value
        } else {
            Shape::Words
        };
    }
    let s = labels::squeeze_cow(t);
    if s.is_empty() || labels::is_dash(&s) || EMPTY_MARKERS.contains(&&*s) {
        return Shape::Dash;
    }
    if NATURE_WORDS.contains(&&*s) {
        return Shape::Nature;
    }
    // A value starts with a digit or a comparator: no label does.
    let first = s.chars().next().unwrap_or(' ');
    let label = if labels::is_comparator_start(first) || !labels::may_be_label(&s) {
        Label::Unknown
    } else {
        labels::label_of_squeezed(&s)
    };
    match label {
        // `(30分)`: the lower half of a wrapped level-1 cell.
        Label::Level1(_) | Label::Weight => return Shape::Level1,
        Label::Level2(_) => return Shape::Level2,
        Label::Section => return Shape::Section,
        Label::Unknown => {}
    }
    let (mut chars, mut digits, mut han) = (0usize, 0usize, 0usize);
    for c in s.chars() {
        chars += 1;
        digits += usize::from(c.is_ascii_digit());
        han += usize::from(labels::is_han(c));
    }
    // Words without a digit (a name, most often): no number, comparator or grade word to look for.
    if digits == 0 && chars > 8 && !s.ends_with('%') {
        return Shape::Words;
    }
    // A numbered name (`指标1:技`, cut short or not): its number numbers it, it is no value.
    if first == '指' && has_name_marker(&s) {
        return Shape::Words;
    }
    if digits > 0 && labels::number(&s).is_some() {
        return Shape::Number;
    }
    if chars <= 4
        && matches!(
            &*s,
            "=" | "≥"
                | "≤"
                | ">"
                | "<"
                | ">="
                | "<="
                | "＝"
                | "≧"
                | "≦"
                | "﹦"
                | "═"
                | "等于"
                | "大于"
                | "小于"
                | "大于等于"
                | "小于等于"
                | "不低于"
                | "不高于"
                | "不少于"
                | "不多于"
                | "不超过"
                | "不大于"
                | "不小于"
                | "高于"
                | "低于"
        )
    {
        return Shape::Comparator;
    }
    if digits == 0 && chars <= 8 && crate::value::is_unit_only(&s) {
        return Shape::Unit;
    }
    let comparator_start = labels::is_comparator_start(first) || matches!(first, '≈' | '约' | '不');
    if comparator_start && digits > 0
        || s.ends_with('%')
        || (digits > 0 && han <= 4 && chars <= 16)
        || chars <= 8
            && GRADE_WORDS
                .iter()
                .any(|w| s == *w || (chars <= 6 && s.starts_with(w)))
    {
        return Shape::Value;
    }
    Shape::Words
}

/// How well a cell of `shape` fits a column of `role` (higher is better; negative is a misfit).
pub(crate) fn fit(role: Role, shape: Shape) -> i32 {
    use Role as R;
    use Shape as S;
    match (role, shape) {
        (R::Note, S::Nature) => 3,
        (R::Name | R::Deviation, S::Nature) => -2,
        (_, S::Nature) => -3,
        // Pieces of a wrapped or OCR-split category land in the section column.
        (R::Section, S::Section) => 3,
        (_, S::Section) => -3,
        (R::Section, S::Level1 | S::Level2) => 0,
        (R::Section, S::Words) => -1,
        (R::Section, _) => -6,
        (R::Level1, S::Level1) => 6,
        (R::Level1, S::Level2) => 1,
        (R::Level1, S::Words) => -1,
        (R::Level2, S::Level2) => 6,
        (R::Level2, S::Level1) => 0,
        (R::Level2, S::Words) => -1,
        (R::Level1 | R::Level2, _) => -6,
        (R::LongTerm, S::Level1 | S::Level2) => 3,
        (R::LongTerm, S::Words) => 1,
        (R::LongTerm, _) => -2,
        (R::Name, S::Words) => 4,
        (R::Name, S::Value) => 0,
        // Many names read like a label (服务对象满意度, 社会效益): a name may be one where the labels are printed.
        (R::Name, S::Level1 | S::Level2) => 0,
        (R::Name, S::Unit) => -2,
        (R::Name, _) => -4,
        // A past or adjusted value printed beside the target is usually blank: it takes a value only when the
        // row has one to spare.
        (R::History, S::Value | S::Number) => -1,
        (R::Target | R::Cycle | R::Actual, S::Value) => 4,
        (R::Target | R::Cycle | R::Actual, S::Number) => 3,
        (R::Target | R::Cycle | R::Actual | R::History, S::Words) => 1,
        (R::Target | R::Cycle | R::Actual | R::History, S::Dash) => 1,
        (R::Target | R::Cycle | R::Actual | R::History, S::Unit) => 0,
        (R::Target | R::Cycle | R::Actual | R::History, _) => -3,
        (R::Weight | R::Score, S::Number) => 5,
        (R::Weight | R::Score, S::Dash) => 1,
        (R::Weight | R::Score, _) => -6,
        (R::Comparator, S::Comparator) => 6,
        (R::Comparator, _) => -4,
        (R::Unit, S::Unit) => 5,
        (R::Unit, S::Words) => 1,
        (R::Unit, S::Value) => 0,
        (R::Unit, _) => -2,
        (R::Deviation | R::Note, S::Words) => 1,
        (R::Deviation | R::Note, S::Dash) => 1,
        (R::Deviation | R::Note, S::Value) => 0,
        (R::Deviation | R::Note, S::Number) => -3,
        (R::Deviation | R::Note, _) => -2,
        (R::Seq, S::Number) => 3,
        (R::Seq, _) => -4,
    }
}

/// What leaving a column without a cell costs: nothing where merged or optional cells are common.
pub(crate) fn skip_cost(role: Role) -> i32 {
    match role {
        Role::Section | Role::Level1 | Role::Level2 | Role::LongTerm | Role::Seq => 0,
        Role::Note
        | Role::Deviation
        | Role::Unit
        | Role::Comparator
        | Role::History
        | Role::Cycle => 0,
        Role::Actual | Role::Score | Role::Weight => 1,
        Role::Target => 2,
        Role::Name => 3,
    }
}

/// Bonus for a cell that sits in its column's header position: a tie-breaker only, since rows are often shifted
/// by a column against their header.
const IN_PLACE: i32 = 1;

/// The best order-preserving assignment of `cells` (filled cells with their grid columns, in order) to the
/// columns: the role of each cell, and the score. `None` when there are more cells than columns.
pub fn align(columns: &Columns, cells: &[(usize, &str)]) -> Option<(Vec<Role>, i32)> {
    let (at, score) = align_at(columns, cells)?;
    Some((at.into_iter().map(|j| columns.roles[j]).collect(), score))
}

/// As [`align`], with the index of each cell's column instead of its role (two columns can share a role).
pub fn align_at(columns: &Columns, cells: &[(usize, &str)]) -> Option<(Vec<usize>, i32)> {
    let roles = &columns.roles;
    let (n, m) = (cells.len(), roles.len());
    if n == 0 || n > m {
        return None;
    }
    const NEG: i32 = i32::MIN / 4;
    // The shapes and tables live on the stack for rows and headers of usual size (three allocations a row
    // otherwise).
    const SMALL: usize = 24;
    let (mut shapes_small, mut shapes_large) = ([Shape::Dash; SMALL], Vec::new());
    let shapes: &mut [Shape] = if n <= SMALL {
        &mut shapes_small[..n]
    } else {
        shapes_large.resize(n, Shape::Dash);
        &mut shapes_large
    };
    for (shape, (_, c)) in shapes.iter_mut().zip(cells) {
        *shape = shape_of(c);
    }
    // best[i * w + j]: best score with the first i cells placed among the first j columns (one flat table).
    let w = m + 1;
    let size = (n + 1) * w;
    let (mut best_small, mut best_large) = ([NEG; SMALL * SMALL], Vec::new());
    let (mut took_small, mut took_large) = ([false; SMALL * SMALL], Vec::new());
    let (best, took): (&mut [i32], &mut [bool]) = if size <= SMALL * SMALL {
        (&mut best_small[..size], &mut took_small[..size])
    } else {
        best_large.resize(size, NEG);
        took_large.resize(size, false);
        (&mut best_large, &mut took_large)
    };
    best[0] = 0;
    for j in 1..=m {
        best[j] = best[j - 1] - skip_cost(roles[j - 1]);
    }
    for i in 1..=n {
        for j in i..=m {
            let skip = best[i * w + j - 1].saturating_sub(skip_cost(roles[j - 1]));
            let in_place = columns.positions.get(j - 1) == Some(&cells[i - 1].0);
            let gain = fit(roles[j - 1], shapes[i - 1]) + if in_place { IN_PLACE } else { 0 };
            let take = best[(i - 1) * w + j - 1].saturating_add(gain);
            if take >= skip {
                best[i * w + j] = take;
                took[i * w + j] = true;
            } else {
                best[i * w + j] = skip;
            }
        }
    }
    let mut out = vec![0; n];
    let (mut i, mut j) = (n, m);
    while i > 0 {
        if took[i * w + j] {
            out[i - 1] = j - 1;
            i -= 1;
        }
        j -= 1;
    }
    Some((out, best[n * w + m]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> Columns {
        Columns::from_header(&cells.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn header_words_in_any_order() {
        use Role::*;
        let c = header(&[
            "一级指标",
            "二级指标",
            "三级指标",
            "分值",
            "年度指标值",
            "全年实际值",
            "得分",
            "未完成原因及改进措施",
        ]);
        assert_eq!(
            c.roles,
            [Section, Level1, Level2, Name, Weight, Target, Actual, Score, Deviation]
        );
        let c = header(&[
            "一级指标",
            "二级指标",
            "三级指标",
            "计算符号",
            "目标值",
            "度量单位",
            "指标值说明",
        ]);
        assert_eq!(
            c.roles,
            [Section, Level1, Level2, Name, Comparator, Target, Unit, Note]
        );
        let c = header(&["", "三级指标", "当年度目标值", "自评得分", "复核分"]);
        assert_eq!(c.roles, [Section, Name, Target, Score, Note]);
        assert_eq!(c.positions, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn long_term_and_annual_blocks() {
        use Role::*;
        let c = header(&[
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值(或计划水平)",
            "二级指标",
            "三级指标",
            "计划指标值",
        ]);
        assert_eq!(
            c.roles,
            [Section, Level1, LongTerm, LongTerm, Cycle, Level2, Name, Target]
        );
        let c = header(&[
            "一级指标",
            "二级指标(长期)",
            "三级指标(长期)",
            "指标值(长期)",
            "二级指标(年度)",
            "三级指标(年度)",
            "指标值(年度)",
        ]);
        assert_eq!(
            c.roles,
            [Section, Level1, LongTerm, LongTerm, Cycle, Level2, Name, Target]
        );
    }

    #[test]
    fn sub_header_refines_the_target() {
        use Role::*;
        let mut c = header(&[
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "指标标准或依据",
        ]);
        assert!(c.refine(&["2021年实际实现值".into(), "预期2022年实现值".into()]));
        assert_eq!(
            c.roles,
            [Section, Level1, Level2, Name, History, Target, Note]
        );
        assert!(!c.refine(&["产出指标".into(), "数量指标".into()]));
    }

    /// Hebei's 自评表: 符号 | 单位 under 预期指标值, and 单项指标得分 | 权重占比 | 折算得分 under 自评得分, in one
    /// sub-header row; the row prints an explanation where the header says 指标分值.
    #[test]
    fn sub_header_parts_of_two_parents() {
        use Role::*;
        let words = split_header(&[
            "四、年度绩效指标完成情况 一级指标 二级指标 三级指标 指标分值 预期指标值 单项指标实际完成值 \
             单项指标完成情况 自评得分"
                .to_owned(),
        ])
        .unwrap();
        assert_eq!(words[0], "一级指标");
        let mut c = Columns::from_header(&words).unwrap();
        assert!(c.refine(&[
            "符号".into(),
            "单位(文字描述)".into(),
            "单项指标得分".into(),
            "权重占比(%)".into(),
            "单项指标折算得分".into(),
        ]));
        assert_eq!(
            c.roles,
            [
                Section, Level1, Level2, Name, Note, Comparator, Target, Unit, Actual, Note, Score,
                Weight, Note
            ]
        );
        let row = [
            "满意度指标",
            "服务对象满意度指标",
            "服务对象满意度",
            "享受高龄津贴的对象对老龄工作的满意程度",
            ">=",
            "95",
            "%(百分比)",
            "100%",
            "完成",
            "10.00",
            "10.00",
            "1.00",
        ];
        let cells: Vec<(usize, &str)> = row.iter().copied().enumerate().collect();
        let (roles, _) = align(&c, &cells).unwrap();
        assert_eq!(
            roles,
            [
                Level1, Level2, Name, Note, Comparator, Target, Unit, Actual, Note, Score, Weight,
                Note
            ]
        );
    }

    /// A goal table with 指标值类型 and 计量单位 columns, a row whose merged level-1 cell is absent (its cells sit
    /// one column left of their header) and whose name reads like a category (社会成本指标).
    #[test]
    fn nature_words_and_a_lone_percent_sign_find_their_columns() {
        use Role::*;
        let c = header(&[
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值类型",
            "指标值",
            "计量单位",
            "指标解释",
            "评(扣)分标准",
        ]);
        let row = [
            "成本指标",
            "社会成本指标",
            "定量",
            "100",
            "%",
            "该指标主要考察总成本控制情况",
            "未达指标值酌情扣分",
        ];
        let cells: Vec<(usize, &str)> = row.iter().copied().enumerate().collect();
        let (roles, _) = align(&c, &cells).unwrap();
        assert_eq!(roles, [Level2, Name, Note, Target, Unit, Note, Note]);
    }

    /// Aligns cells that do not keep their header positions.
    fn roles_of(roles: &[Role], cells: &[&str]) -> Vec<Role> {
        let columns = Columns {
            roles: roles.to_vec(),
            positions: vec![UNPRINTED; roles.len()],
            header: Vec::new(),
        };
        let cells: Vec<(usize, &str)> = cells.iter().map(|c| (UNPRINTED - 1, *c)).collect();
        align(&columns, &cells).unwrap().0
    }

    #[test]
    fn rows_align_by_order_and_shape() {
        use Role::*;
        let roles = [
            Section, Level1, Level2, Name, Weight, Target, Actual, Score, Deviation,
        ];
        // A row under merged categories: name first.
        let got = roles_of(&roles, &["发放人数", "5", ">=21933人", "21980人", "5"]);
        assert_eq!(got, [Name, Weight, Target, Actual, Score]);
        let got = roles_of(
            &roles,
            &[
                "产出指标(50分)",
                "数量指标",
                "发放人数",
                "5",
                "≥90%",
                "95%",
                "5",
                "无",
            ],
        );
        assert_eq!(got, roles[1..]);
        // A goal row with the level-2 label and no level-1.
        let roles = [Section, Level1, Level2, Name, History, Target, Note];
        assert_eq!(
            roles_of(&roles, &["数量指标", "主体班培训人次", "280人次"]),
            [Level2, Name, Target]
        );
        let roles = [
            Section, Level1, Level2, Name, Comparator, Target, Unit, Note,
        ];
        let got = roles_of(
            &roles,
            &["保障人数(人)", "=", "116", "人", "该指标值数据合理"],
        );
        assert_eq!(got, [Name, Comparator, Target, Unit, Note]);
        // OCR split a category over the section and level-1 columns.
        let roles = [
            Section, Level1, Level2, Name, Target, Actual, Weight, Score, Deviation,
        ];
        let got = roles_of(
            &roles,
            &[
                "满",
                "意度指标",
                "服务对象满意度指 标",
                "根据通知提交",
                "不少于4份",
                "4份",
                "10",
                "10",
            ],
        );
        assert_eq!(got, roles[..8]);
    }

    #[test]
    fn headers_printed_as_words() {
        use Role::*;
        let words = split_header(&["二级指标 三级指标 指标值 完成值".to_owned()]).unwrap();
        assert_eq!(
            Columns::from_header(&words).unwrap().roles,
            [Section, Level2, Name, Target, Actual]
        );
        assert!(split_header(&["根据 有关 规定 执行".to_owned()]).is_none());
        let words: Vec<String> =
            "一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施"
                .split(' ')
                .map(String::from)
                .collect();
        let joined = join_stacked(&words, &["指标值 完成值".to_owned()]).unwrap();
        assert_eq!(joined[3], "年度指标值");
        assert_eq!(joined[4], "实际完成值");
        let c = Columns::from_header(&joined).unwrap();
        assert_eq!(
            c.roles,
            [Section, Level1, Level2, Name, Target, Actual, Weight, Score, Deviation]
        );
        assert!(join_stacked(&words, &["产出指标 数量指标".to_owned()]).is_none());
    }

    #[test]
    fn comparators_in_words_fill_the_comparator_column() {
        use Role::*;
        let roles = [
            Section, Level1, Level2, Name, Note, Comparator, Target, Actual, Unit, Weight, Score,
            Deviation,
        ];
        let got = roles_of(
            &roles,
            &[
                "指标2:宣传美工制作个数(个)",
                "正向",
                "小于等于",
                "1",
                "1",
                "个",
                "7",
                "7",
            ],
        );
        assert_eq!(
            got,
            [Name, Note, Comparator, Target, Actual, Unit, Weight, Score]
        );
    }

    #[test]
    fn cells_in_their_header_columns_win_ties() {
        use Role::*;
        let columns = Columns::from_header(
            &["", "一级指标", "二级指标", "三级指标", "指标值"].map(String::from),
        )
        .unwrap();
        // An unreadable label in the level-2 column stays there.
        let (got, _) = align(&columns, &[(2, "在安效鱼组体"), (3, "办理率"), (4, "90%")]).unwrap();
        assert_eq!(got, [Level2, Name, Target]);
    }
}
