//! Allocation plans (资金分配方案, 分配表, 安排表, 计划表 …): where one starts and ends, the columns its header
//! names, and its rows.
//!
//! The field prints these tables every way a table can be printed: tab or pipe rows, one cell per line with or
//! without bars and blank lines, words separated by spaces, a whole table flattened onto one line, a spreadsheet
//! dumped with ` , ` between cells. They are also written as prose lists (`巴州区:…2405万元;`,
//! `(一)…543.10万元; 1.…193.8万元;`). The reading goes in stages:
//!
//! - **region**: a title (`…分配表`, `…资金安排表`, `…补助资金计划表`), a header row naming a recipient and a money
//!   column, or a prose list opens a region. The document reader hands it every following row until the next
//!   title or until nothing table-like has come for a while ([`Builder::push`]); what turns out not to be the
//!   table goes back to the document reader.
//! - **cells**: each row's cells, with space-separated rows split into words (`合 计` stays one word).
//! - **column schema**: 序号; the recipient (单位/地区/县区/乡镇/村); the project; money columns with their unit
//!   (`(万元)`, `单位:万元`, `(元)`); counts (户数, 人数, 面积), rates (每亩…元) and notes. A second header row splits
//!   parents into their parts (C级 → 户数 | 补助资金). A header that repeats one group of columns side by side
//!   (单位 | 金额 | 单位 | 金额) is read as that group, its rows in column order. The amount of a row is its total
//!   column (合计, 资金合计), else the only money column, else the last money column that is not an `其中` part.
//! - **rows**: the cells after the header, as one stream, cut into rows by dynamic programming over the columns:
//!   each row is an order-preserving assignment of its cells to the columns that fits what each cell looks like
//!   (a number, a sequence number, words), so rows broken over lines, cells one per line, dropped empty cells
//!   and rate columns printed only in the first row all read the same way. The rows a layout keeps (a tab or
//!   pipe row) are kept unless the cells say otherwise.
//! - **roles of rows**: data rows; `小计` rows are subtotals; `合计`/`总计` rows give the printed total wherever
//!   they stand (first or last); an outline heading (`一、…`, `(一)…`) without an amount labels the rows below
//!   it; a first row that is the sum of all the others is the printed total; a row without an amount is unread
//!   with its reason.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::Location;
use crate::model::{Allocation, AllocationRow, Document, Money, MoneyUnit, Subtotal, Warning};

use super::document::money_text;
use super::grid::Row;
use super::labels;

// ---------------------------------------------------------------------------------------------------------------
// Words

/// Traditional forms of the characters the allocation words use (mirror sites convert pages to traditional
/// script), and their simplified forms, in the same order; matching folds them, the printed text is kept.
const TRADITIONAL: &str = "萬資補貼項計劃況撥總單額縣區鎮鄉專費經發達於億預稱備註說內實際設個戶數畝積來為級檔獎勵門組織開關種糧學務";
const SIMPLIFIED: &str = "万资补贴项计划况拨总单额县区镇乡专费经发达于亿预称备注说内实际设个户数亩积来为级档奖励门组织开关种粮学务";

/// The pairs above, sorted by the traditional character, for a binary search, and a bit per character of the
/// Basic Multilingual Plane saying whether it is one of them (most characters are not: one test, no search).
struct Folds {
    pairs: Vec<(char, char)>,
    bits: Vec<u64>,
}

static FOLDS: std::sync::LazyLock<Folds> = std::sync::LazyLock::new(|| {
    let mut pairs: Vec<(char, char)> = TRADITIONAL.chars().zip(SIMPLIFIED.chars()).collect();
    pairs.sort_unstable();
    let mut bits = vec![0u64; 0x10000 / 64];
    for (t, _) in &pairs {
        let c = *t as usize;
        bits[c / 64] |= 1 << (c % 64);
    }
    Folds { pairs, bits }
});

fn fold_char(c: char) -> char {
    let Folds { pairs, bits } = &*FOLDS;
    let i = c as usize;
    if i >= 0x10000 || bits[i / 64] & (1 << (i % 64)) == 0 {
        return c;
    }
    pairs
        .binary_search_by_key(&c, |(t, _)| *t)
        .map_or(c, |k| pairs[k].1)
}

/// Text without white space, traditional characters folded: for matching words, never for output.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(fold_char)
        .collect()
}

/// Holds a character that [`fold`] changes.
fn has_traditional(s: &str) -> bool {
    s.chars().any(|c| fold_char(c) != c)
}

/// Words that make a short line ending in 表 or 方案 an allocation title: what is done with the money …
const TITLE_ACTS: &[&str] = &[
    "分配", "安排", "下达", "计划", "发放", "明细", "汇总", "一览", "拨付", "切块", "测算", "分解",
];
/// … and what the money is.
const TITLE_MONEY: &[&str] = &[
    "资金",
    "经费",
    "补助",
    "补贴",
    "资助",
    "公益金",
    "奖补",
    "奖励",
    "专项",
];

/// `附件1:`, `附表2：`, `附件`: the attachment marker before a title.
fn strip_attachment(s: &str) -> &str {
    for w in ["附件", "附表"] {
        if let Some(rest) = s.strip_prefix(w) {
            // The attachment's number (`附件1.2`), not the year of a title glued to it (`附件12018年…`).
            let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
            let d = digits(rest);
            let year = rest[d..].starts_with('年');
            let mut rest = &rest[if year { d.saturating_sub(4) } else { d }..];
            if let Some(sub) = rest.strip_prefix(['.', '-', '－']) {
                let d = digits(sub);
                if d > 0 && !sub[d..].starts_with('年') {
                    rest = &sub[d..];
                }
            }
            return rest.trim_start_matches([':', '：', ' ']);
        }
    }
    s
}

/// A title of an allocation plan, from the squeezed text of a line: `…专项资金分配方案`, `…资金分配表`, and the
/// forms the field uses beside them (`…资金分配情况表`, `…专项资金安排表(汇总表)`, `…补助资金计划表`,
/// `…学生资助分乡镇汇总表`, `…补贴资金发放一览表`). Indicator tables (绩效, 指标) are never one.
pub fn is_title(squeezed: &str) -> bool {
    // Cheap test first: a title ends in its table word or a bracket.
    if !squeezed.ends_with(['表', '案', '单', ')', '）']) {
        return false;
    }
    let s = fold(squeezed);
    let n = s.chars().count();
    if !(4..=80).contains(&n) || s.contains('。') || s.contains('，') || s.contains(';') {
        return false;
    }
    let s = strip_attachment(&s);
    // The title ends in its table word, perhaps followed by bracketed notes: `…安排表(汇总表)`.
    let mut head = s;
    while let Some(inner) = head.strip_suffix([')', '）']) {
        match inner.rfind(['(', '（']) {
            Some(p) if p > 0 => head = &inner[..p],
            _ => break,
        }
    }
    if !(head.ends_with('表') || head.ends_with("方案") || head.ends_with("清单")) {
        return false;
    }
    let has = |w: &str| head.contains(w);
    if has("绩效") || has("指标") || has("自评") || has("评价") || has("目标") {
        return false;
    }
    if has("分配方案") || has("分配表") || has("资金分配") && has("方案") {
        return true;
    }
    TITLE_ACTS.iter().any(|w| has(w)) && TITLE_MONEY.iter().any(|w| has(w))
}

/// The printed title without what stands before its attachment marker (`…附表1:2018年度…安排表`).
fn title_text(text: &str) -> String {
    let t = text.trim();
    let from = ["附件", "附表"]
        .iter()
        .filter_map(|w| t.rfind(w))
        .max()
        .map_or(t, |p| &t[p..]);
    strip_attachment(from).trim().to_owned()
}

/// `单位:万元`, `金额单位：元`, `单位:人、万元`: a line that gives the money unit, and that unit.
fn unit_line(text: &str) -> Option<MoneyUnit> {
    let s = fold(text);
    let rest = s
        .strip_prefix("金额单位")
        .or_else(|| s.strip_prefix("资金单位"))
        .or_else(|| s.strip_prefix("单位"))?;
    let rest = rest.strip_prefix([':', '：'])?;
    if rest.chars().count() > 8 {
        return None;
    }
    if rest.contains("万元") {
        Some(MoneyUnit::WanYuan)
    } else if rest.contains('元') {
        Some(MoneyUnit::Yuan)
    } else {
        None
    }
}

/// A money unit printed in a column label: `(万元)`, `（元）`, `金额万元`. A rate (`每亩补助资金(元)`) says
/// nothing of the table's unit.
fn label_unit(label: &str) -> Option<MoneyUnit> {
    let s = fold(label);
    if s.contains('每') {
        return None;
    }
    if s.contains("万元") {
        Some(MoneyUnit::WanYuan)
    } else if s.contains("(元)") || s.contains("（元）") || s.ends_with('元') {
        Some(MoneyUnit::Yuan)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Amounts

/// Rounds binary-float noise away: `0.30000000000000004` → 0.3, `1.9999999999999998` → 2. Only a long fraction
/// that ends in a run of at least six zeros or nines followed by at most three digits is noise; a short
/// fraction, or one like `0.240000152587891`, is kept as printed.
fn denoise(printed: &str, d: Decimal) -> Decimal {
    let Some((_, frac)) = printed.split_once('.') else {
        return d;
    };
    let frac: &str = &frac[..frac.bytes().take_while(u8::is_ascii_digit).count()];
    if frac.len() < 12 {
        return d;
    }
    let bytes = frac.as_bytes();
    for p in 0..frac.len() {
        for z in [b'0', b'9'] {
            let run = bytes[p..].iter().take_while(|&&b| b == z).count();
            if run >= 6 && frac.len() - p - run <= 3 && (p == 0 || bytes[p - 1] != z) {
                return d.round_dp(u32::try_from(p).unwrap_or(0)).normalize_to(p);
            }
        }
    }
    d
}

trait NormalizeTo {
    fn normalize_to(self, dp: usize) -> Decimal;
}

impl NormalizeTo for Decimal {
    /// The number with exactly `dp` decimals (`0.3`, not `0.30000`).
    fn normalize_to(self, dp: usize) -> Decimal {
        let mut d = self.round_dp(u32::try_from(dp).unwrap_or(0));
        d.rescale(u32::try_from(dp).unwrap_or(0));
        d
    }
}

/// A printed amount: `150`, `1,304.5`, `18030.64万元`, `861.00萬元`, `25(其中,灾情因素6万元)`: the number, the
/// unit printed with it, and a bracketed note after it.
fn amount(text: &str) -> Option<(Decimal, Option<MoneyUnit>, Option<String>)> {
    let t = text.trim();
    if t.is_empty() || t.len() > 120 {
        return None;
    }
    let (main, note) = match t.find(['(', '（']) {
        Some(p) if p > 0 && t.ends_with([')', '）']) => {
            let inner = t[p..]
                .trim_start_matches(['(', '（'])
                .trim_end_matches([')', '）']);
            (&t[..p], Some(inner.trim().to_owned()))
        }
        _ => (t, None),
    };
    let folded: String = main.chars().map(fold_char).collect();
    let (d, unit) = money_text(&folded)?;
    Some((denoise(main, d), unit, note.filter(|n| !n.is_empty())))
}

// ---------------------------------------------------------------------------------------------------------------
// Cells

/// What a cell looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A whole number from 1 to 9999: a sequence number, or a small amount or count.
    Seq,
    Number,
    /// A number with a bracketed note: `10(其中,灾情因素6万元)`.
    NumberNote,
    /// `合计`, `总计`, `全省合计`.
    Total,
    /// `小计`, `杭州市小计`.
    Subtotal,
    /// `-`, `/`, `—`: nothing.
    Dash,
    Text,
}

/// `合计`, `总计`, `全省合计`, `合 计`: the label of a printed total.
fn is_total_label(folded: &str) -> bool {
    let s = folded.trim_end_matches([':', '：']);
    let n = s.chars().count();
    n <= 10
        && !s.starts_with("其中")
        && (s.ends_with("合计") || s.ends_with("总计") || s == "共计" || s == "总额")
}

/// `小计`, `杭州市小计`, `潮州市辖区小计`: the label of a subtotal.
fn is_subtotal_label(folded: &str) -> bool {
    let s = folded.trim_end_matches([':', '：']);
    s.ends_with("小计") && s.chars().count() <= 14
}

fn kind_of(text: &str) -> Kind {
    let s = fold(text);
    if s.is_empty() || labels::is_dash(&s) {
        return Kind::Dash;
    }
    if is_total_label(&s) {
        return Kind::Total;
    }
    if is_subtotal_label(&s) {
        return Kind::Subtotal;
    }
    match amount(text) {
        Some((_, _, Some(_))) => Kind::NumberNote,
        Some((d, None, None))
            if s.bytes().all(|b| b.is_ascii_digit())
                && d >= Decimal::ONE
                && d <= Decimal::from(9999) =>
        {
            Kind::Seq
        }
        Some(_) => Kind::Number,
        None => Kind::Text,
    }
}

/// One cell of the region, in reading order.
#[derive(Clone, Debug)]
struct Token {
    text: String,
    /// Index of its row in the region.
    row: usize,
    /// Index of its cell in that row (words split from one cell share it).
    cell: usize,
    /// The first token of its row.
    first: bool,
    kind: Kind,
}

/// A comma that separates cells rather than digits or words: one standing next to white space, another comma
/// or an end (` , `, `,,`), as a spreadsheet dump leaves them.
fn loose_comma(chars: &[char], i: usize) -> bool {
    let apart = |c: Option<&char>| c.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '，'));
    matches!(chars[i], ',' | '，')
        && (apart(i.checked_sub(1).and_then(|p| chars.get(p))) || apart(chars.get(i + 1)))
}

/// The words of a space-separated cell. Single characters in a row are one word broken by spacing (`合 计`,
/// `乡 镇`).
fn words(cell: &str) -> Vec<String> {
    let chars: Vec<char> = cell.chars().collect();
    let mut pieces: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() || loose_comma(&chars, i) {
            if !cur.is_empty() {
                pieces.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        pieces.push(cur);
    }
    let single_han = |p: &str| p.chars().count() == 1 && p.chars().all(labels::is_han);
    let mut out: Vec<String> = Vec::new();
    let mut joining = false;
    for p in pieces {
        let single = single_han(&p);
        match out.last_mut() {
            Some(last) if single && joining => last.push_str(&p),
            _ => out.push(p),
        }
        joining = single;
    }
    out
}

/// `合计:1227万元`, `小计 160`: a total's label and its amount printed in one cell, as two cells.
fn split_labelled_total(text: String) -> Vec<String> {
    let t = text.trim();
    let cut = t
        .char_indices()
        .find(|(_, c)| c.is_ascii_digit() || *c == '-')
        .map(|(i, _)| i);
    if let Some(i) = cut.filter(|&i| i > 0) {
        let (label, rest) = t.split_at(i);
        let label = label.trim().trim_end_matches([':', '：']).trim();
        let f = fold(label);
        if (is_total_label(&f) || is_subtotal_label(&f)) && amount(rest).is_some() {
            return vec![label.to_owned(), rest.trim().to_owned()];
        }
    }
    vec![text]
}

/// The tokens of rows: each non-empty cell, and with `split` the words of one-cell rows.
fn tokenize(rows: &[Row], split: bool) -> Vec<Token> {
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut first = true;
        let one_cell = row.filled_count() == 1;
        for (c, cell) in row.filled() {
            let pieces = if split && one_cell {
                words(cell)
            } else {
                vec![cell.trim().to_owned()]
            };
            for text in pieces.into_iter().flat_map(split_labelled_total) {
                out.push(Token {
                    kind: kind_of(&text),
                    text,
                    row: r,
                    cell: c,
                    first,
                });
                first = false;
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------------------------
// Column schema

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// 序号.
    Seq,
    /// The recipient: 单位, 地区, 县区, 乡镇, 村名, 用款单位, 责任单位.
    Unit,
    /// 项目名称, 项目内容.
    Project,
    /// An amount of money.
    Money,
    /// 户数, 人数, 面积(亩): a count beside the money.
    Count,
    /// 每亩补助资金(元), 补助标准: a rate.
    Rate,
    /// 备注, 支出方向, 建设内容, 建设地点.
    Note,
}

/// Short labels that name the recipient only when they stand alone (`县区`, `地县`, `市州`).
const WEAK_UNIT: &[char] = &['县', '区', '市', '乡', '镇', '村', '州', '盟', '旗'];

/// The role of a header label, from its words; `None` for a label that names no known column (a group
/// parent such as `C级` or `小学`, or a data cell).
fn role_of(label: &str) -> Option<Role> {
    let s = fold(label);
    let n = s.chars().count();
    // Column labels are short words: no sentence, no outline or list marker.
    if n == 0
        || n > 24
        || unit_line(label).is_some()
        || s.contains(['。', '；', ';'])
        || outside_brackets(&s).contains([',', '，'])
        || outline(&s).is_some()
        || arabic_marker(&s).is_some()
    {
        return None;
    }
    let has = |w: &str| s.contains(w);
    let any = |ws: &[&str]| ws.iter().any(|w| s.contains(w));
    if matches!(
        s.as_str(),
        "序号" | "编号" | "序" | "顺序号" | "行次" | "序列号"
    ) {
        return Some(Role::Seq);
    }
    if has("每") && (has("元") || has("标准")) || any(&["标准", "单价", "比例", "%", "％", "率"])
    {
        return Some(Role::Rate);
    }
    if any(&[
        "户数",
        "人数",
        "人次",
        "面积",
        "亩",
        "数量",
        "个数",
        "头数",
        "公里",
        "人口",
        "(户)",
        "（户）",
        "(人)",
        "（人）",
        "(个)",
    ]) {
        return Some(Role::Count);
    }
    if any(&[
        "资金",
        "金额",
        "万元",
        "(元)",
        "（元）",
        "经费",
        "补助",
        "补贴",
        "拨款",
        "下达",
        "合计",
        "总计",
        "小计",
        "总额",
        "分配额",
        "安排额",
        "投资",
        "奖补",
        "费用",
        "资助",
    ]) {
        return Some(Role::Money);
    }
    if s.ends_with("单位") {
        return Some(Role::Unit);
    }
    if any(&["项目", "工程", "任务", "事项"]) {
        return Some(Role::Project);
    }
    if any(&[
        "备注", "说明", "用途", "方向", "内容", "地点", "科目", "性质", "文号", "依据", "类别",
        "类型", "时间", "期限",
    ]) {
        return Some(Role::Note);
    }
    if any(UNIT_WORDS) {
        return Some(Role::Unit);
    }
    // `县区`, `地县`, `县(市、区)`, `市（州）`: a short place word, its variants in brackets.
    let bare = outside_brackets(&s);
    if bare.chars().count() <= 4 && bare.chars().any(|c| WEAK_UNIT.contains(&c)) {
        return Some(Role::Unit);
    }
    None
}

/// The text outside brackets (`走读生(每生250元,…)` → `走读生`).
fn outside_brackets(s: &str) -> String {
    let mut depth = 0usize;
    s.chars()
        .filter(|&c| {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect()
}

/// Words of a recipient column.
const UNIT_WORDS: &[&str] = &[
    "单位", "名称", "地区", "县区", "区县", "市县", "地县", "县市", "乡镇", "街道", "村名", "村组",
    "学校", "院校", "受援", "对象", "部门",
];

/// A label that is surely a column word, not a place name that a short label would also match (`县区` is a
/// column, `睢县` a county).
fn strong_role(label: &str) -> bool {
    match role_of(label) {
        Some(Role::Unit) => {
            let s = fold(label);
            // A place word with its variants in brackets is a column (`县(市、区)`), a place name never.
            let bracketed = s.contains(['(', '（']) && outside_brackets(&s).chars().count() <= 2;
            bracketed || UNIT_WORDS.iter().any(|w| s.contains(w))
        }
        Some(_) => true,
        None => false,
    }
}

/// A total column (合计, 资金合计, 补助资金总额).
fn is_total_column(label: &str) -> bool {
    let s = fold(label);
    ["合计", "总计", "总额", "总金额", "共计"]
        .iter()
        .any(|w| s.contains(w))
}

/// One column of the schema.
#[derive(Clone, Debug)]
struct Col {
    /// The printed label (`parent/child` for a part of a two-level header).
    label: String,
    role: Option<Role>,
    /// A total column (its own label or its parent's).
    total: bool,
    /// An `其中` part of another amount.
    part: bool,
    unit: Option<MoneyUnit>,
}

impl Col {
    fn new(label: &str, parent: Option<&str>) -> Col {
        let full = match parent {
            Some(p) => format!("{p}/{label}"),
            None => label.to_owned(),
        };
        let role = role_of(label).or_else(|| parent.and_then(role_of));
        Col {
            total: is_total_column(label) || parent.is_some_and(is_total_column),
            part: fold(label).contains("其中") || parent.is_some_and(|p| fold(p).contains("其中")),
            unit: label_unit(label).or_else(|| parent.and_then(label_unit)),
            role,
            label: full,
        }
    }

    fn money(&self) -> bool {
        self.role == Some(Role::Money)
    }
}

/// The columns a header names, and which one is the amount.
#[derive(Clone, Debug)]
struct Schema {
    cols: Vec<Col>,
    /// The amount column.
    amount: usize,
    /// How many times the header repeats its group of columns side by side (单位 | 金额 | 单位 | 金额: 2).
    groups: usize,
}

impl Schema {
    fn has(&self, role: Role) -> bool {
        self.cols.iter().any(|c| c.role == Some(role))
    }

    fn index(&self, role: Role) -> Option<usize> {
        self.cols.iter().position(|c| c.role == Some(role))
    }
}

/// The header's labels as columns: one level, or two where a second row splits parents into parts.
fn columns(labels: &[(String, usize)]) -> Vec<Col> {
    // Group the labels by the row they stand on.
    let mut rows: Vec<Vec<&str>> = Vec::new();
    let mut last_row = usize::MAX;
    for (text, row) in labels {
        if *row != last_row {
            rows.push(Vec::new());
            last_row = *row;
        }
        if let Some(r) = rows.last_mut() {
            r.push(text);
        }
    }
    let is_parent = |l: &str| matches!(role_of(l), None | Some(Role::Money));
    let two_level = rows.len() >= 2
        && rows.last().is_some_and(|r| r.len() >= 2)
        && rows[..rows.len() - 1]
            .iter()
            .flatten()
            .any(|l| is_parent(l));
    if !two_level {
        return labels.iter().map(|(l, _)| Col::new(l, None)).collect();
    }
    let children: Vec<&str> = rows.last().cloned().unwrap_or_default();
    let level1: Vec<&str> = rows[..rows.len() - 1].iter().flatten().copied().collect();
    let parents_all: Vec<usize> = (0..level1.len())
        .filter(|&i| is_parent(level1[i]))
        .collect();
    let parents_none: Vec<usize> = (0..level1.len())
        .filter(|&i| role_of(level1[i]).is_none())
        .collect();
    // Children come in groups that start where the first child's word comes again (户数 | 补助资金 | 户数 | …,
    // 总户数 closing the last).
    let stem = |l: &str| {
        let f = fold(l);
        f.split(['(', '（']).next().unwrap_or("").to_owned()
    };
    let first = stem(children[0]);
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for (i, c) in children.iter().enumerate() {
        let s = stem(c);
        if i == 0 || !first.is_empty() && (s == first || s.ends_with(&first)) {
            groups.push(Vec::new());
        }
        if let Some(g) = groups.last_mut() {
            g.push(c);
        }
    }
    // A last parent beyond the repeating groups (`本次实际下达资金` after the categories) takes the parts of the
    // last group that come after the words every group repeats.
    if groups.len() + 1 == parents_all.len() && groups.len() >= 2 {
        let common: Vec<String> = {
            let mut stems: Vec<String> = groups.iter().flatten().map(|c| stem(c)).collect();
            stems.sort();
            stems.dedup();
            stems
                .into_iter()
                .filter(|w| {
                    groups
                        .iter()
                        .filter(|g| g.iter().any(|c| stem(c) == *w))
                        .count()
                        * 2
                        > groups.len()
                })
                .collect()
        };
        if let Some(last) = groups.last_mut() {
            let cut = last
                .iter()
                .rposition(|c| common.contains(&stem(c)))
                .map_or(0, |p| p + 1);
            if cut > 0 && cut < last.len() {
                let tail = last.split_off(cut);
                groups.push(tail);
            }
        }
    }
    let chunk = |n: usize| -> Option<Vec<Vec<&str>>> {
        (n > 0 && children.len().is_multiple_of(n)).then(|| {
            children
                .chunks(children.len() / n)
                .map(<[&str]>::to_vec)
                .collect()
        })
    };
    let assignment: Option<(Vec<usize>, Vec<Vec<&str>>)> = if groups.len() == parents_all.len() {
        Some((parents_all.clone(), groups.clone()))
    } else if groups.len() == parents_none.len() {
        Some((parents_none.clone(), groups.clone()))
    } else if let Some(g) = chunk(parents_all.len()) {
        Some((parents_all.clone(), g))
    } else {
        chunk(parents_none.len()).map(|g| (parents_none.clone(), g))
    };
    let mut out = Vec::new();
    match assignment {
        Some((parents, groups)) => {
            for (i, l) in level1.iter().enumerate() {
                match parents.iter().position(|&p| p == i) {
                    Some(k) => out.extend(groups[k].iter().map(|c| Col::new(c, Some(l)))),
                    None => out.push(Col::new(l, None)),
                }
            }
        }
        None => {
            // The parts cannot be told to their parents: the leaves before the first parent, then every part,
            // then the leaves after the last.
            let first_parent = parents_all.first().copied().unwrap_or(level1.len());
            let last_parent = parents_all.last().copied().unwrap_or(0);
            out.extend(level1[..first_parent].iter().map(|l| Col::new(l, None)));
            out.extend(children.iter().map(|c| Col::new(c, None)));
            if last_parent + 1 < level1.len() && first_parent < level1.len() {
                out.extend(level1[last_parent + 1..].iter().map(|l| Col::new(l, None)));
            }
        }
    }
    out
}

/// The amount column: the total column, else the only money column, else the last money column that is not a
/// part (`其中…`) of another.
fn amount_column(cols: &[Col]) -> Option<usize> {
    let money: Vec<usize> = (0..cols.len())
        .filter(|&i| cols[i].money() && !cols[i].part)
        .collect();
    money
        .iter()
        .copied()
        .find(|&i| cols[i].total)
        .or_else(|| money.last().copied())
}

/// The columns as one group repeated side by side, when they are: (the group, how many times).
fn repeated_group(cols: &[Col]) -> (Vec<Col>, usize) {
    let n = cols.len();
    for p in 1..=n / 2 {
        if !n.is_multiple_of(p) {
            continue;
        }
        let same = (p..n).all(|i| {
            fold(&cols[i].label) == fold(&cols[i % p].label) && cols[i].role == cols[i % p].role
        });
        if same && cols[..p].iter().any(Col::money) {
            return (cols[..p].to_vec(), n / p);
        }
    }
    (cols.to_vec(), 1)
}

/// A header found in the tokens: its schema, its first and one-past-last token, and the unit it prints.
struct Header {
    schema: Schema,
    start: usize,
    end: usize,
}

fn number_like(k: Kind) -> bool {
    matches!(k, Kind::Seq | Kind::Number | Kind::NumberNote)
}

/// Reads a header starting at token `s`: the run of column labels up to the first data cell. It must name a
/// money column and a recipient or project column.
fn header_at(tokens: &[Token], s: usize) -> Option<Header> {
    let t0 = tokens.get(s)?;
    // A header starts with a short column word (not a title broken over lines: `…专项资金` / `安排表`).
    if t0.kind != Kind::Text
        || !strong_role(&t0.text)
        || fold(&t0.text).chars().count() > 12
        || is_title(&t0.text)
    {
        return None;
    }
    let mut labels: Vec<(String, usize)> = Vec::new();
    let mut j = s;
    while j < tokens.len() && labels.len() < 80 {
        let t = &tokens[j];
        let next_number = tokens.get(j + 1).is_some_and(|n| number_like(n.kind));
        if t.text.chars().count() > 30 || number_like(t.kind) || t.kind == Kind::Dash {
            break;
        }
        if unit_line(&t.text).is_some() {
            j += 1;
            continue;
        }
        if is_title(&t.text) || is_prose_like(&t.text) {
            break;
        }
        // A label followed by a number ends the header when it is a column word and the number starts the
        // sequence (`… | 备注 | 1 | …`); any other cell followed by a number is the first data row's.
        let seq_follows = tokens
            .get(j + 1)
            .is_some_and(|n| n.kind == Kind::Seq && n.text.trim() == "1");
        // `补助资金合计 | 1 | …` ends a header; `合计 | 4000` is the total row.
        let money_total = seq_follows
            && ["资金", "金额", "元"]
                .iter()
                .any(|w| fold(&t.text).contains(w));
        match t.kind {
            Kind::Subtotal => break,
            Kind::Total if next_number && !money_total => break,
            Kind::Text if next_number && !(seq_follows && strong_role(&t.text)) => break,
            _ => {}
        }
        labels.push((t.text.clone(), t.row));
        j += 1;
        if next_number {
            break;
        }
    }
    let cols = columns(&labels);
    let has_name = cols
        .iter()
        .any(|c| matches!(c.role, Some(Role::Unit | Role::Project)));
    if !has_name || !cols.iter().any(Col::money) {
        return None;
    }
    let (group, groups) = repeated_group(&cols);
    let amount = amount_column(&group)?;
    Some(Header {
        schema: Schema {
            cols: group,
            amount,
            groups,
        },
        start: s,
        end: j,
    })
}

// ---------------------------------------------------------------------------------------------------------------
// Rows: the stream of cells cut by dynamic programming

/// What starting a row costs (a long row must fit worse than two rows for two rows to be read).
const ROW_COST: i32 = -4;
/// A row that starts inside a row the layout printed as one (a tab or pipe row).
const MID_ROW_COST: i32 = -6;
/// A row that starts at the next sequence number.
const SEQ_BONUS: i32 = 3;

/// How well a cell fits a column (higher is better).
fn fit(col: &Col, is_amount: bool, kind: Kind) -> i32 {
    use Kind as K;
    match (col.role, kind) {
        (_, K::Dash) => 0,
        (Some(Role::Seq), K::Seq) => 6,
        (Some(Role::Seq), K::Total | K::Subtotal) => 2,
        (Some(Role::Seq), K::Text) => -12,
        (Some(Role::Seq), _) => -8,
        (Some(Role::Unit | Role::Project), K::Text | K::Total | K::Subtotal) => 6,
        (Some(Role::Unit | Role::Project), K::Seq) => -8,
        (Some(Role::Unit | Role::Project), _) => -10,
        (_, K::Total | K::Subtotal) => -12,
        (Some(Role::Money), K::Number | K::Seq) if is_amount => 6,
        (Some(Role::Money), K::NumberNote) if is_amount => 4,
        (Some(Role::Money | Role::Count | Role::Rate), K::Number | K::Seq) => 4,
        (Some(Role::Money | Role::Count | Role::Rate), K::NumberNote) => 2,
        (Some(Role::Money | Role::Count | Role::Rate), K::Text) => -10,
        (Some(Role::Note), K::Text) => 2,
        (Some(Role::Note), _) => -2,
        // A column the header does not name in known words: in a plan, numbers beside the amount.
        (None, K::Text) => -6,
        (None, _) => 4,
    }
}

/// What leaving a column empty in a row costs.
fn skip_cost(schema: &Schema, i: usize) -> i32 {
    if i == schema.amount {
        return -12;
    }
    match schema.cols[i].role {
        Some(Role::Seq) => -2,
        // A recipient beside a project is often merged down the rows.
        Some(Role::Unit) if schema.has(Role::Project) => -1,
        Some(Role::Project) if schema.has(Role::Unit) => -3,
        Some(Role::Unit | Role::Project) => -10,
        _ => 0,
    }
}

/// Sequence numbers that continue the count from 1 (1, 2, 3 …).
fn seq_chain(tokens: &[Token]) -> Vec<bool> {
    let mut expected = 1u32;
    tokens
        .iter()
        .map(|t| {
            if t.kind != Kind::Seq {
                return false;
            }
            let v: u32 = t.text.trim().parse().unwrap_or(0);
            if v == expected {
                expected = v + 1;
                true
            } else {
                false
            }
        })
        .collect()
}

/// `四、监督电话`, `…如下:`, a sentence: text that is not a cell.
fn is_prose_like(text: &str) -> bool {
    let t = text.trim();
    outline(t).is_some() || t.contains('。') || t.ends_with([':', '：'])
}

/// A cell that is an outline heading (`一、省本级`, `(二)市县`).
fn is_heading(t: &Token) -> bool {
    t.kind == Kind::Text && outline(&t.text).is_some()
}

/// Cuts the stream into rows: for each row, its (column, token) pairs in order.
fn segment(schema: &Schema, tokens: &[Token]) -> Vec<Vec<(usize, usize)>> {
    let k = schema.cols.len();
    let m = tokens.len();
    if m == 0 || k == 0 {
        return Vec::new();
    }
    let with_seq = schema.has(Role::Seq);
    let chain = seq_chain(tokens);
    // A heading or a sentence on a line of its own never continues the row above it.
    let prose_like: Vec<bool> = tokens
        .iter()
        .map(|t| t.kind == Kind::Text && t.first && is_prose_like(&t.text))
        .collect();
    // An outline heading starts a row wherever it stands (a converter may have run it into the row above).
    let heading: Vec<bool> = tokens.iter().map(is_heading).collect();
    let skips: Vec<i32> = (0..k).map(|i| skip_cost(schema, i)).collect();
    // prefix[c] = skips of columns 0..c.
    let mut prefix = vec![0i32; k + 1];
    for i in 0..k {
        prefix[i + 1] = prefix[i] + skips[i];
    }
    let fits: Vec<Vec<i32>> = tokens
        .iter()
        .map(|t| {
            (0..k)
                .map(|c| fit(&schema.cols[c], c == schema.amount, t.kind))
                .collect()
        })
        .collect();
    const NONE: i32 = i32::MIN / 4;
    // score[i][c][t]: tokens 0..=i assigned, token i in column c; t = 1 when the row opened with a label (a
    // total or subtotal label, a heading), which takes only numbers from the printed rows after its own.
    let mut score = vec![[NONE; 2]; m * k];
    // back[i][c][t]: (previous column, previous t, new row).
    let mut back = vec![[(0u16, 0u8, false); 2]; m * k];
    let idx = |i: usize, c: usize| i * k + c;
    // The best way to end a row at token i (the columns after its last left empty): score, column, total flag.
    let closed = |score: &[[i32; 2]], i: usize| -> Option<(i32, usize, usize)> {
        let mut best: Option<(i32, usize, usize)> = None;
        for c in 0..k {
            for (tt, &s) in score[idx(i, c)].iter().enumerate() {
                let v = s + prefix[k] - prefix[c + 1];
                if s > NONE && best.is_none_or(|b| v > b.0) {
                    best = Some((v, c, tt));
                }
            }
        }
        best
    };
    for i in 0..m {
        let t = &tokens[i];
        let label_row = matches!(t.kind, Kind::Total | Kind::Subtotal);
        let start_cost = ROW_COST
            + if t.first || i == 0 { 0 } else { MID_ROW_COST }
            + if with_seq && chain[i] { SEQ_BONUS } else { 0 };
        // The best way to have closed the previous row before token i.
        let close = if i == 0 {
            Some((0, 0, 0))
        } else {
            closed(&score, i - 1)
        };
        let new_t = usize::from(label_row || prose_like[i] || heading[i]);
        // A sequence number that starts a printed row of several cells starts a row.
        let starts_row =
            with_seq && chain[i] && t.first && tokens.get(i + 1).is_some_and(|n| n.row == t.row);
        // Continuing the row: the best previous column j < c, by a running maximum.
        let mut run = [(NONE, 0usize); 2];
        for c in 0..k {
            // New row at column c.
            if let Some((closing, pc, pt)) = close {
                let v = closing + start_cost + prefix[c] + fits[i][c];
                if v > score[idx(i, c)][new_t] {
                    score[idx(i, c)][new_t] = v;
                    back[idx(i, c)][new_t] = (pc as u16, pt as u8, true);
                }
            }
            // Continue from column j < c (kept in `run`), unless this cell opens rows (a total label, a heading),
            // or the row would go on into another printed row with words after a label, with a heading or a
            // sentence, or with a sequence number that starts a printed row.
            if i > 0 && !label_row && !heading[i] {
                for tt in 0..2 {
                    let (best, from) = run[tt];
                    if best <= NONE {
                        continue;
                    }
                    let crosses = tokens[i - 1].row != t.row;
                    let next_seq = with_seq && chain[i];
                    let blocked = tt == 1 && (t.kind == Kind::Text || next_seq)
                        || prose_like[i]
                        || starts_row;
                    if crosses && blocked {
                        continue;
                    }
                    let v = best + prefix[c] + fits[i][c];
                    if v > score[idx(i, c)][tt] {
                        score[idx(i, c)][tt] = v;
                        back[idx(i, c)][tt] = (from as u16, tt as u8, false);
                    }
                }
            }
            // Make column c available to later columns of this token.
            if i > 0 {
                for tt in 0..2 {
                    let s = score[idx(i - 1, c)][tt];
                    if s > NONE {
                        let v = s - prefix[c + 1];
                        if v > run[tt].0 {
                            run[tt] = (v, c);
                        }
                    }
                }
            }
        }
    }
    let Some((_, end_c, end_t)) = closed(&score, m - 1) else {
        return Vec::new();
    };
    let mut rows: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut cur: Vec<(usize, usize)> = Vec::new();
    let (mut c, mut tt) = (end_c, end_t);
    for i in (0..m).rev() {
        cur.push((c, i));
        let (pc, pt, new_row) = back[idx(i, c)][tt];
        if new_row || i == 0 {
            cur.reverse();
            rows.push(std::mem::take(&mut cur));
        }
        c = pc as usize;
        tt = pt as usize;
    }
    rows.reverse();
    rows
}

// ---------------------------------------------------------------------------------------------------------------
// Regions

/// How a region reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Table,
    Prose,
}

/// A region being collected: the rows after its opening, until [`Builder::push`] says it has enough.
pub struct Builder {
    title: Option<String>,
    /// The line of the title, or of the first row.
    line: u32,
    mode: Mode,
    rows: Vec<Row>,
    /// Non-empty rows since the last one holding a number.
    since_number: usize,
    /// Non-empty rows pushed.
    filled_rows: usize,
    /// The row that ended the region (a footer, an indicator header), when one did.
    stop: Option<usize>,
}

/// Most rows a region takes (a bound on the work; real plans hold a few hundred).
const MAX_REGION_ROWS: usize = 20_000;
/// Rows without a number after which a table region has ended.
const MAX_ROWS_WITHOUT_NUMBER: usize = 24;
/// Rows a table region waits for its header.
const MAX_ROWS_BEFORE_HEADER: usize = 40;

/// What a region turned out to be.
pub struct Finished {
    /// The plan, or `None` when the region held none (a title in a list of attachments, a word that looked
    /// like a header).
    pub allocation: Option<Allocation>,
    /// Rows the plan took from the front of the region; the rest go back to the document reader.
    pub consumed: usize,
    /// The consumed non-empty rows and what became of them: `None` placed, `Some(reason)` unread.
    pub fates: Vec<(usize, Option<&'static str>)>,
    pub warnings: Vec<Warning>,
    /// Read from a prose list rather than a table.
    pub prose: bool,
    /// The rows of the region, all of them.
    pub rows: Vec<Row>,
}

fn has_number(row: &Row) -> bool {
    row.filled()
        .any(|(_, c)| c.bytes().any(|b| b.is_ascii_digit()))
}

impl Builder {
    /// A region opened by a title row (not itself part of the region).
    pub fn titled(title: &str, line: u32) -> Builder {
        Builder {
            title: Some(title_text(title)),
            line,
            mode: Mode::Table,
            rows: Vec::new(),
            since_number: 0,
            filled_rows: 0,
            stop: None,
        }
    }

    /// A region opened by a row outside any table that may start a plan: a header naming a recipient and a
    /// money column (perhaps after a title in the same row), or a prose list with its lead-in. The row is
    /// the region's first.
    pub fn candidate(row: &Row) -> Option<Builder> {
        let one = row.filled_count() == 1;
        let mode = if table_candidate(row) {
            Mode::Table
        } else if one && prose_candidate(row) {
            Mode::Prose
        } else {
            return None;
        };
        let mut b = Builder {
            title: None,
            line: row.line,
            mode,
            rows: Vec::new(),
            since_number: 0,
            filled_rows: 0,
            stop: None,
        };
        b.push(row);
        Some(b)
    }

    /// Takes the next row of the document; `false` once the region has surely ended (the document reader then
    /// finishes it, and gives back what it did not take).
    pub fn push(&mut self, row: &Row) -> bool {
        self.rows.push(row.clone());
        if row.is_empty() {
            return self.rows.len() < MAX_REGION_ROWS;
        }
        self.filled_rows += 1;
        if self.rows.len() >= MAX_REGION_ROWS {
            return false;
        }
        match self.mode {
            Mode::Prose => {
                let items = self.rows.iter().filter(|r| prose_line_items(r)).count();
                let last_is_item = prose_line_items(row);
                // Lead-in lines before the list: at most two.
                last_is_item || items == 0 && self.filled_rows <= 3
            }
            Mode::Table => {
                if has_number(row) {
                    self.since_number = 0;
                } else {
                    self.since_number += 1;
                }
                if ends_region(row) {
                    self.stop = Some(self.rows.len() - 1);
                    return false;
                }
                self.since_number < MAX_ROWS_WITHOUT_NUMBER
                    && (self.filled_rows < MAX_ROWS_BEFORE_HEADER || self.any_number())
            }
        }
    }

    /// The region was opened by a title row.
    pub fn is_titled(&self) -> bool {
        self.title.is_some()
    }

    fn any_number(&self) -> bool {
        self.rows.iter().any(has_number)
    }

    /// Reads the region.
    pub fn finish(self, file: &str) -> Finished {
        match self.mode {
            Mode::Table => read_table(self, file),
            Mode::Prose => read_prose(self, file),
        }
    }
}

/// A row no allocation plan holds: a footer under it, or the header of an indicator table.
fn ends_region(row: &Row) -> bool {
    let s = row.squeezed();
    is_footer(&s)
        || s.contains("指标")
            && (s.contains("一级指标")
                || s.contains("三级指标")
                || labels::is_indicator_header(&row.cells))
}

/// `备注:…`, `注：…`, `说明:…`, `填表人`: a note under the table, which ends it (a bare `备注` is a column).
fn is_footer(folded: &str) -> bool {
    let with_text = |w: &str| {
        folded
            .strip_prefix(w)
            .is_some_and(|r| r.starts_with([':', '：']) && r.chars().count() > 1)
    };
    with_text("备注") || with_text("注") || with_text("说明") || folded.starts_with("填表人")
}

/// A row outside any table that may hold the start of a header: two column words, or one strong one (the
/// header printed one cell per line).
fn table_candidate(row: &Row) -> bool {
    // Cheap tests first: a sentence in one cell (no spaces, longer than a header word) is no header, and a
    // header names its columns in known words.
    let mut filled = row.filled();
    if let (Some((_, only)), None) = (filled.next(), filled.next()) {
        if only.chars().count() > 24 && !only.contains(char::is_whitespace) {
            return false;
        }
    }
    const HINTS: &[&str] = &[
        "序号", "单位", "名称", "地区", "县区", "乡镇", "街道", "村名", "项目", "资金", "金额",
        "补助", "补贴", "经费", "万元", "分配", "安排",
    ];
    let hinted = |c: &str| {
        let folded;
        let c = if has_traditional(c) {
            folded = fold(c);
            folded.as_str()
        } else {
            c
        };
        HINTS.iter().any(|w| c.contains(w))
    };
    if !row.filled().any(|(_, c)| hinted(c)) || row.filled().any(|(_, c)| c.contains("指标")) {
        return false;
    }
    let cells: Vec<String> = match row.filled().collect::<Vec<_>>().as_slice() {
        [(_, only)] => words(only),
        many => many.iter().map(|(_, c)| c.trim().to_owned()).collect(),
    };
    // After a title and a unit line, the first cell must be a column word.
    let mut i = 0;
    while i < cells.len() && lead_in_line(&cells[i]) {
        i += 1;
    }
    let Some(first) = cells.get(i) else {
        return false;
    };
    if !strong_role(first) {
        return false;
    }
    // Column words stand before any number (a row of words and amounts is data or prose).
    let roles = cells[i..]
        .iter()
        .take_while(|c| amount(c).is_none())
        .filter(|c| strong_role(c))
        .count();
    // A title before the header in the same row (a table flattened onto lines), two column words, or one cell
    // alone (a header printed one cell per line starts with 序号 or the recipient or project).
    i > 0 && cells[..i].iter().any(|c| is_title(c))
        || roles >= 2
        || cells.len() == i + 1
            && matches!(role_of(first), Some(Role::Seq | Role::Unit | Role::Project))
}

/// Which rows of a region are split into words: those of a region whose header is printed as words in one
/// cell (`序号 乡镇、街道 C级 D级 无房户 合计`), as a flattened or space-separated table prints it.
fn split_words(rows: &[Row]) -> bool {
    rows.iter().take(60).any(|r| {
        let one = r.filled().collect::<Vec<_>>();
        if one.len() != 1 {
            return false;
        }
        let w = words(one[0].1);
        w.len() >= 2 && w.iter().filter(|x| strong_role(x)).count() >= 2
    })
}

/// What became of a row of a region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fate {
    Unset,
    Placed,
    Unread(&'static str),
    /// Text before the table (not counted as a table row).
    Skip,
}

impl Fate {
    /// A row holding cells of several read rows is placed when any of them is.
    fn set(&mut self, f: Fate) {
        match (*self, f) {
            (Fate::Placed, _) => {}
            (Fate::Unset | Fate::Skip, _) | (_, Fate::Placed) => *self = f,
            _ => {}
        }
    }
}

/// An empty cell printed between two cells of a region (`before` absent: from the start of `after`'s row).
fn empty_between(rows: &[Row], before: Option<&Token>, after: &Token) -> bool {
    let blank = |c: &String| c.trim().is_empty();
    let row_of = |t: &Token| &rows[t.row].cells;
    match before {
        Some(b) if b.row == after.row => row_of(after)
            .get(b.cell + 1..after.cell)
            .is_some_and(|cells| cells.iter().any(blank)),
        Some(b) => {
            row_of(b)
                .get(b.cell + 1..)
                .is_some_and(|cells| cells.iter().any(blank))
                || rows[b.row + 1..after.row].iter().any(Row::is_empty)
                || row_of(after)[..after.cell].iter().any(blank)
        }
        None => row_of(after)[..after.cell].iter().any(blank),
    }
}

/// A line before a header that belongs to the table: its title, unit line or attachment marker.
fn lead_in_line(text: &str) -> bool {
    let f = fold(text);
    is_title(&f) || unit_line(text).is_some() || f.starts_with("附件") || f.starts_with("附表")
}

/// One row read: its columns' tokens.
struct Read<'a> {
    cells: Vec<(usize, &'a Token)>,
}

impl Read<'_> {
    fn get(&self, col: usize) -> Option<&Token> {
        self.cells.iter().find(|(c, _)| *c == col).map(|(_, t)| *t)
    }

    fn first(&self) -> &Token {
        self.cells[0].1
    }
}

/// `一、`, `(一)`, `（二）`, `十二、`: an outline heading's marker, and the text after it.
fn outline(text: &str) -> Option<(u32, &str)> {
    let t = text.trim();
    let numeral = |s: &str| -> Option<(u32, usize)> {
        const DIGITS: &str = "零一二三四五六七八九十";
        let mut v = 0u32;
        let mut len = 0;
        for c in s.chars() {
            let Some(d) = DIGITS.chars().position(|x| x == c) else {
                break;
            };
            let d = u32::try_from(d).unwrap_or(0);
            v = if d == 10 {
                v.max(1) * 10
            } else {
                v - v % 10 + d
            };
            len += c.len_utf8();
        }
        (len > 0).then_some((v, len))
    };
    if let Some(rest) = t.strip_prefix(['(', '（']) {
        let (v, len) = numeral(rest)?;
        let after = rest[len..].strip_prefix([')', '）'])?;
        return Some((v, after));
    }
    let (v, len) = numeral(t)?;
    let after = t[len..].strip_prefix(['、', '.', '．'])?;
    Some((v, after))
}

fn read_table(b: Builder, file: &str) -> Finished {
    let rows = b.rows;
    let split = split_words(&rows);
    let mut tokens = tokenize(&rows, split);
    // The region ends at a footer or an indicator header (seen as the rows came), or at a title printed among
    // the words of a row.
    let stop = b.stop.or_else(|| {
        tokens
            .iter()
            .find(|t| t.row > 0 && t.kind == Kind::Text && is_title(&t.text))
            .map(|t| t.row)
    });
    if let Some(stop) = stop {
        tokens.retain(|t| t.row < stop);
    }
    let titled = b.title.is_some();
    // The header: the first run of column words (a titled region may print lines before it; a region opened by
    // a row must start with it).
    let search = if titled {
        tokens.len().min(120)
    } else {
        tokens.iter().take_while(|t| t.row == 0).count()
    };
    let header = (0..search).find_map(|s| header_at(&tokens, s));
    let none = |rows: Vec<Row>| Finished {
        allocation: None,
        consumed: 0,
        fates: Vec::new(),
        warnings: Vec::new(),
        prose: false,
        rows,
    };
    let Some(header) = header else {
        return none(rows);
    };
    let schema = header.schema;
    let before = &tokens[..header.start];
    // Without a title, the header alone must show a plan: mostly column words, two of them at least.
    let has_title = titled || before.iter().any(|t| is_title(&t.text));
    if !has_title {
        let labels = &tokens[header.start..header.end];
        let known = labels.iter().filter(|t| strong_role(&t.text)).count();
        if known < 2 || known * 2 < labels.len() {
            return none(rows);
        }
    }
    // A title printed in the rows before the header (perhaps broken over two lines) names the table better
    // than a heading or a list of attachments above it: the last one.
    let lead_title = (0..before.len()).rev().find_map(|i| {
        let one = &before[i].text;
        if is_title(one) {
            return Some((title_text(one), before[i].row));
        }
        let next = before.get(i + 1).filter(|n| n.first && before[i].first)?;
        let joined = format!("{}{}", one.trim(), next.text.trim());
        is_title(&joined).then(|| (title_text(&joined), before[i].row))
    });
    let title_row = lead_title.as_ref().map(|(_, r)| *r);
    let title = lead_title.map(|(t, _)| t).or_else(|| b.title.clone());
    // The unit: the amount column's, a unit line, another money column's, else the unit of a rate the header
    // prints (`每生每学期250元`: amounts worked out from it are in 元).
    let table_unit = tokens[..header.end]
        .iter()
        .find_map(|t| unit_line(&t.text))
        .or_else(|| schema.cols.iter().find_map(|c| c.unit))
        .or_else(|| {
            tokens[header.start..header.end].iter().find_map(|t| {
                let f = fold(&t.text);
                (f.contains('每') && f.contains('元')).then(|| {
                    if f.contains("万元") {
                        MoneyUnit::WanYuan
                    } else {
                        MoneyUnit::Yuan
                    }
                })
            })
        });
    let unit = schema.cols[schema.amount].unit.or(table_unit);
    let data = &tokens[header.end..];
    let segments = segment(&schema, data);
    let reads: Vec<Read> = segments
        .iter()
        .map(|seg| Read {
            cells: seg.iter().map(|&(c, i)| (c, &data[i])).collect(),
        })
        .collect();
    // An untitled region without a single data row was not a plan.
    let location = |row: usize| Location::line(file, rows[row].line);
    let money_of = |t: &Token| {
        amount(&t.text).map(|(d, u, _)| Money::new(d, u.or(unit).unwrap_or(MoneyUnit::WanYuan)))
    };
    let unit_col = schema.index(Role::Unit);
    let project_col = schema.index(Role::Project);
    let seq_col = schema.index(Role::Seq);
    let note_cols: Vec<usize> = (0..schema.cols.len())
        .filter(|&c| schema.cols[c].role == Some(Role::Note))
        .collect();

    // What each read row is.
    enum What {
        Data(AllocationRow),
        Total(Money),
        Sub(Subtotal),
        Group,
        Unread(&'static str),
    }
    let mut whats: Vec<What> = Vec::with_capacity(reads.len());
    let mut carried: Option<String> = None;
    let mut group: Option<String> = None;
    for (ri, r) in reads.iter().enumerate() {
        let first = r.first();
        let grid_row = first.row;
        let last_money = || {
            r.cells
                .iter()
                .rev()
                .find(|(c, t)| number_like(t.kind) && schema.cols[*c].role != Some(Role::Seq))
                .and_then(|(_, t)| money_of(t))
        };
        let amount_tok = r.get(schema.amount).filter(|t| number_like(t.kind));
        match first.kind {
            Kind::Total => {
                match amount_tok.and_then(money_of).or_else(last_money) {
                    Some(m) => whats.push(What::Total(m)),
                    None => whats.push(What::Unread(
                        "没有金额的合计行 (a total row without an amount)",
                    )),
                }
                continue;
            }
            Kind::Subtotal => {
                match amount_tok.and_then(money_of).or_else(last_money) {
                    Some(m) => whats.push(What::Sub(Subtotal {
                        label: first.text.clone(),
                        amount: m,
                        location: location(grid_row),
                    })),
                    None => whats.push(What::Unread(
                        "没有金额的小计行 (a subtotal row without an amount)",
                    )),
                }
                continue;
            }
            _ => {}
        }
        let seq = seq_col
            .and_then(|c| r.get(c))
            .and_then(|t| t.text.trim().parse::<u32>().ok());
        // A number or two alone where a row begins: the row was cut off.
        if r.cells.len() <= 2
            && r.cells.iter().all(|(_, t)| number_like(t.kind))
            && ri + 1 == reads.len()
        {
            whats.push(What::Unread(
                "只剩序号或数字的分配行，可能被截断 (an allocation row of a number alone, perhaps cut off)",
            ));
            continue;
        }
        let Some(amount_tok) = amount_tok else {
            let texts: Vec<&Token> = r
                .cells
                .iter()
                .map(|(_, t)| *t)
                .filter(|t| t.kind == Kind::Text)
                .collect();
            // An outline heading alone, with data rows after it: the label of the rows below.
            let later_data = reads[ri + 1..]
                .iter()
                .any(|x| x.get(schema.amount).is_some_and(|t| number_like(t.kind)));
            if r.cells.len() == 1
                && texts.len() == 1
                && outline(&texts[0].text).is_some()
                && later_data
            {
                group = Some(texts[0].text.clone());
                whats.push(What::Group);
            } else if seq.is_some() || r.cells.iter().all(|(_, t)| number_like(t.kind)) {
                whats.push(What::Unread(
                    "没有金额的分配行，可能被截断 (an allocation row without an amount, perhaps cut off)",
                ));
            } else {
                whats.push(What::Unread(
                    "没有金额的分配行 (an allocation row without an amount)",
                ));
            }
            continue;
        };
        let (d, u, amount_note) = amount(&amount_tok.text).unwrap_or((Decimal::ZERO, None, None));
        let money = Money::new(d, u.or(unit).unwrap_or(MoneyUnit::WanYuan));
        // An outline heading with an amount, over rows of its own: their group, its amount their subtotal.
        let next_data = reads[ri + 1..]
            .iter()
            .find(|x| x.get(schema.amount).is_some_and(|t| number_like(t.kind)));
        if is_heading(first) && next_data.is_some_and(|x| !is_heading(x.first())) {
            group = Some(first.text.clone());
            whats.push(What::Sub(Subtotal {
                label: first.text.clone(),
                amount: money,
                location: location(grid_row),
            }));
            continue;
        }
        let text_of = |c: Option<usize>| {
            c.and_then(|c| r.get(c))
                .filter(|t| t.kind == Kind::Text || t.kind == Kind::Total)
                .map(|t| t.text.clone())
        };
        let mut unit_name = text_of(unit_col);
        let project = text_of(project_col);
        // A recipient merged down the rows: printed in the first row of its run, blank below. Carried down where
        // the layout shows the blank (an empty cell where the recipient stands), never over a dropped cell.
        if let (Some(uc), Some(_)) = (unit_col, project_col) {
            if unit_name.is_some() {
                carried = unit_name.clone();
            } else {
                let before = r.cells.iter().rev().find(|(c, _)| *c < uc).map(|(_, t)| *t);
                let after = r.cells.iter().find(|(c, _)| *c > uc).map(|(_, t)| *t);
                if after.is_some_and(|after| empty_between(&rows, before, after)) {
                    unit_name = carried.clone();
                }
            }
        }
        let (unit_name, project) = if project_col.is_some() {
            (unit_name, project)
        } else {
            // No project column: the recipient is what the row is for.
            (None, unit_name)
        };
        if unit_name.is_none() && project.is_none() {
            whats.push(What::Unread(
                "没有名称的分配行 (an allocation row without a name)",
            ));
            continue;
        }
        let mut notes: Vec<String> = Vec::new();
        let labelled = note_cols.len() > 1;
        for &c in &note_cols {
            if let Some(t) = r.get(c).filter(|t| t.kind != Kind::Dash) {
                if labelled {
                    notes.push(format!("{}: {}", schema.cols[c].label, t.text));
                } else {
                    notes.push(t.text.clone());
                }
            }
        }
        if let Some(n) = amount_note {
            notes.push(n);
        }
        let note = (!notes.is_empty()).then(|| notes.join("; "));
        whats.push(What::Data(AllocationRow {
            seq,
            unit: unit_name,
            project,
            amount: Some(money),
            note,
            group: group.clone(),
            location: location(grid_row),
        }));
    }

    // Where the plan ends: its last data, total or subtotal row, then rows cut off after it (a sequence
    // number alone) and template rows (a name over empty cells).
    let is_content = |w: &What| matches!(w, What::Data(_) | What::Total(_) | What::Sub(_));
    let last = whats.iter().rposition(is_content);
    let mut end_read = last.map_or(0, |l| l + 1);
    while end_read < reads.len() {
        let r = &reads[end_read];
        let cut = r.cells.iter().all(|(_, t)| number_like(t.kind)) && r.cells.len() <= 2
            || seq_col.is_some_and(|c| r.get(c).is_some() && r.first().kind == Kind::Seq);
        let grid = &rows[r.first().row];
        let template = grid.cells.len() > grid.filled_count()
            || rows.get(r.first().row + 1).is_some_and(Row::is_empty);
        if (cut || template) && !matches!(whats[end_read], What::Group) {
            end_read += 1;
        } else {
            break;
        }
    }
    // A region opened by a row without a title must show a table: two rows at least, named in words rather
    // than sentences.
    let data: Vec<&AllocationRow> = whats
        .iter()
        .filter_map(|w| match w {
            What::Data(r) => Some(r),
            _ => None,
        })
        .collect();
    let worded =
        data.iter()
            .filter(|r| {
                r.project.as_deref().or(r.unit.as_deref()).is_some_and(|n| {
                    n.chars().count() <= 60 && !n.contains(['。', '，', '；', ';'])
                })
            })
            .count();
    if !titled && (data.len() < 2 || worded * 5 < data.len() * 4) {
        return none(rows);
    }
    // The rows of the region consumed: through the last token of the last read row kept.
    let last_token_row = if end_read > 0 {
        reads[end_read - 1]
            .cells
            .iter()
            .map(|(_, t)| t.row)
            .max()
            .unwrap_or(0)
    } else {
        tokens[..header.end].last().map_or(0, |t| t.row)
    };
    let mut consumed = last_token_row + 1;
    while consumed < rows.len() && rows[consumed].is_empty() {
        consumed += 1;
    }

    // The plan.
    let mut allocation = Allocation {
        title,
        rows: Vec::new(),
        subtotals: Vec::new(),
        printed_total: None,
        location: Location::line(
            file,
            match title_row {
                Some(r) => rows[r].line,
                None if titled => b.line,
                None => rows[0].line,
            },
        ),
    };
    // Fates of the rows: every token's row takes the fate of its read rows (placed wins); the header and the
    // title, unit and attachment lines before it are placed; other text before it is not part of the table, and
    // a row of cells there is unread.
    let mut fate: Vec<Fate> = vec![Fate::Unset; rows.len()];
    let header_row = tokens[header.start].row;
    for t in &tokens[..header.end] {
        if t.row >= consumed {
            continue;
        }
        let f = if t.row >= header_row || lead_in_line(&t.text) || Some(t.row) == title_row {
            Fate::Placed
        } else if rows[t.row].filled_count() > 1 {
            Fate::Unread("分配表表头之前的行 (a row before the allocation header)")
        } else {
            Fate::Skip
        };
        fate[t.row].set(f);
    }
    let mut group_rows: Vec<Vec<AllocationRow>> = vec![Vec::new(); schema.groups];
    let mut group_subs: Vec<Vec<Subtotal>> = vec![Vec::new(); schema.groups];
    for (ri, w) in whats.into_iter().enumerate().take(end_read) {
        let r = &reads[ri];
        // The group of columns a read row came from, where the header repeats one.
        let g = if schema.groups == 1 {
            0
        } else if rows[r.first().row].filled_count() > 1 {
            // A row of cells: the group its first cell stands in.
            let width = rows[r.first().row].cells.len().max(1);
            (r.first().cell * schema.groups / width).min(schema.groups - 1)
        } else {
            // Cells one per line: the groups take turns.
            ri % schema.groups
        };
        let f = match w {
            What::Data(row) => {
                if let Some(n) = &row.note {
                    if let Some(sub) = subtotal_in(
                        n,
                        row.amount.map_or(MoneyUnit::WanYuan, |m| m.unit),
                        row.location.clone(),
                    ) {
                        group_subs[g].push(sub);
                    }
                }
                group_rows[g].push(row);
                Fate::Placed
            }
            What::Total(m) => {
                allocation.printed_total = Some(m);
                Fate::Placed
            }
            What::Sub(s) => {
                group_subs[g].push(s);
                Fate::Placed
            }
            What::Group => Fate::Placed,
            What::Unread(reason) => Fate::Unread(reason),
        };
        for (_, t) in &r.cells {
            fate[t.row].set(f);
        }
    }
    allocation.rows = group_rows.into_iter().flatten().collect();
    allocation.subtotals = group_subs.into_iter().flatten().collect();
    // No total printed, and the first row is the sum of all the others: it is the total (a region's row
    // printed above its parts).
    if allocation.printed_total.is_none()
        && allocation.rows.len() >= 3
        && allocation.rows[0].seq.is_none()
    {
        let sum: Option<Decimal> = allocation.rows[1..]
            .iter()
            .map(|r| r.amount.and_then(|m| m.yuan()))
            .sum();
        let first = allocation.rows[0].amount;
        if sum.is_some() && first.and_then(|m| m.yuan()) == sum {
            allocation.printed_total = first;
            allocation.rows.remove(0);
        }
    }
    let mut warnings = Vec::new();
    if allocation.rows.is_empty() {
        warnings.push(Warning {
            location: allocation.location.clone(),
            message_zh: "分配表有表头，但未读出任何分配行".into(),
            message_en: "the allocation table has a header, but no allocation row was read".into(),
        });
    } else if unit.is_none() && allocation.rows.iter().any(|r| r.amount.is_some()) {
        warnings.push(Warning {
            location: allocation.location.clone(),
            message_zh: "分配表未注明资金单位，按万元读取".into(),
            message_en: "the allocation table prints no money unit; amounts read as 万元".into(),
        });
    }
    // Rows of separators alone (`,,` between empty cells) hold nothing.
    let blank = |r: &Row| {
        r.filled().all(|(_, c)| {
            c.chars()
                .all(|ch| ch.is_whitespace() || matches!(ch, ',' | '，'))
        })
    };
    let fates = (0..consumed)
        .filter(|&i| !blank(&rows[i]))
        .filter_map(|i| match fate[i] {
            Fate::Placed => Some((i, None)),
            Fate::Unread(reason) => Some((i, Some(reason))),
            Fate::Skip => None,
            Fate::Unset => Some((
                i,
                Some("分配表中无法归入任何行的内容 (content of the allocation table that fits no row)"),
            )),
        })
        .collect();
    Finished {
        allocation: Some(allocation),
        consumed,
        fates,
        warnings,
        prose: false,
        rows,
    }
}

/// `厅本级共计 900 万元` in a note: a printed subtotal.
fn subtotal_in(note: &str, unit: MoneyUnit, location: Location) -> Option<Subtotal> {
    let s = labels::squeeze(note);
    let pos = ["共计", "合计", "小计"]
        .iter()
        .find_map(|w| s.find(w).map(|p| p + w.len()))?;
    let rest = &s[pos..];
    let num_len = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == ',')
        .count();
    let (d, u) = money_text(&rest[..num_len]).or_else(|| money_text(rest))?;
    let u = u.or_else(|| {
        rest[num_len..]
            .starts_with("万元")
            .then_some(MoneyUnit::WanYuan)
    });
    Some(Subtotal {
        label: s[..pos].to_owned(),
        amount: Money::new(d, u.unwrap_or(unit)),
        location,
    })
}

// ---------------------------------------------------------------------------------------------------------------
// Prose lists

/// One item of a prose list: `巴州区:省级财政专项扶贫资金2405万元;`, `(一)用于…543.10萬元;`, `1.…193.8萬元;`.
#[derive(Clone, Debug, PartialEq)]
struct Item {
    /// 0 without a marker, 1 for `一、`/`(一)`, 2 for `1.`/`1、`, 3 for `(1)`.
    level: u8,
    seq: Option<u32>,
    name: String,
    note: Option<String>,
    amount: Decimal,
    unit: MoneyUnit,
}

/// `1.`, `1、`, `(1)`, `（1）`: an arabic list marker, its level and number, and the text after it.
fn arabic_marker(t: &str) -> Option<(u8, u32, &str)> {
    if let Some(rest) = t.strip_prefix(['(', '（']) {
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        let after = rest[n..].strip_prefix([')', '）'])?;
        return (n > 0).then(|| (3, rest[..n].parse().unwrap_or(0), after));
    }
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 3 {
        return None;
    }
    let after = t[n..].strip_prefix(['.', '、', '．'])?;
    // `1.5万元` is a number, not a marker.
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((2, t[..n].parse().unwrap_or(0), after))
}

/// The amount a text ends with (`…2405万元`, `…861.00萬元`), and the text before it.
fn trailing_amount(t: &str) -> Option<(&str, Decimal, MoneyUnit)> {
    let (body, unit) = if let Some(b) = t.strip_suffix("万元").or_else(|| t.strip_suffix("萬元"))
    {
        (b, MoneyUnit::WanYuan)
    } else if let Some(b) = t.strip_suffix('元') {
        (b, MoneyUnit::Yuan)
    } else {
        return None;
    };
    let num_start = body
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == ',')
        .last()
        .map(|(i, _)| i)?;
    let num = body[num_start..].trim_start_matches([',', '.']);
    let d = Decimal::from_str(&num.replace(',', "")).ok()?;
    Some((&body[..body.len() - num.len()], d, unit))
}

/// A line that is one list item.
fn item(text: &str) -> Option<Item> {
    let t = text
        .trim()
        .trim_end_matches([';', '；', '。', ',', '，', '.', ' ']);
    if t.chars().count() > 90 {
        return None;
    }
    let (level, seq, body) = match outline(t) {
        Some((v, rest)) => (1, Some(v), rest),
        None => match arabic_marker(t) {
            Some((l, v, rest)) => (l, Some(v), rest),
            None => (0, None, t),
        },
    };
    let (label, d, unit) = trailing_amount(body.trim())?;
    let label = label.trim().trim_end_matches([':', '：']);
    if label.is_empty()
        || label.contains('。')
        || fold(label).contains("万元")
        || label.chars().count() > 60
    {
        return None;
    }
    let (name, note) = match label.split_once([':', '：']) {
        Some((n, rest)) => (n.trim(), Some(rest.trim()).filter(|r| !r.is_empty())),
        // Without a marker, an item names its recipient before a colon.
        None if level == 0 => return None,
        None => (label, None),
    };
    if name.is_empty() || name.chars().count() > 30 {
        return None;
    }
    Some(Item {
        level,
        seq,
        name: name.to_owned(),
        note: note.map(str::to_owned),
        amount: d,
        unit,
    })
}

/// Words that lead into a list inside a sentence.
const LIST_LEADS: &[&str] = &["其中", "分别为", "分别是", "具体为", "如下"];

/// `…其中:乐都区819万元,民和县1226万元,互助县600万元,…`, `…资金分配如下:甲县100万元,乙县200万元`: the items of
/// a list inside a sentence, after its lead word; at least two, names as printed.
fn inline_items(text: &str) -> Vec<Item> {
    let folded: String = text.chars().map(fold_char).collect();
    // Folding keeps every character's length (both forms are three bytes), so offsets hold in both texts.
    let Some(p) = LIST_LEADS
        .iter()
        .filter_map(|w| folded.find(w).map(|p| p + w.len()))
        .min()
    else {
        return Vec::new();
    };
    let lead = |s: &str| s.len() - s.trim_start_matches([':', '：', ',', '，']).len();
    let start = p + lead(&folded[p..]);
    const SEPARATORS: [char; 6] = [',', '，', ';', '；', '、', '。'];
    let mut out = Vec::new();
    for (piece, printed) in folded[start..]
        .split(SEPARATORS)
        .zip(text[start..].split(SEPARATORS))
    {
        let Some((name, d, unit)) = trailing_amount(piece.trim()) else {
            break;
        };
        let n = name.chars().count();
        if !(2..=15).contains(&n) || name.chars().any(|c| c.is_ascii_digit()) {
            break;
        }
        let printed_name: String = printed.trim().chars().take(n).collect();
        out.push(Item {
            level: 0,
            seq: None,
            name: printed_name,
            note: None,
            amount: d,
            unit,
        });
    }
    if out.len() >= 2 {
        out
    } else {
        Vec::new()
    }
}

/// The row is one line of text holding a list item or an inline list.
fn prose_line_items(row: &Row) -> bool {
    let mut f = row.filled();
    let (Some((_, c)), None) = (f.next(), f.next()) else {
        return false;
    };
    item(c).is_some()
}

/// Words saying that money is split between recipients.
const ALLOCATING: &[&str] = &["分配", "下达", "安排", "拨付", "使用", "分别", "用于"];

/// A line that may lead into a prose list (or hold one): a list item, a sentence with an inline list, or a
/// heading or sentence about allocating money.
fn prose_candidate(row: &Row) -> bool {
    let Some((_, c)) = row.filled().next() else {
        return false;
    };
    if item(c).is_some() || LIST_LEADS.iter().any(|w| c.contains(w)) && !inline_items(c).is_empty()
    {
        return true;
    }
    if c.len() > 600 {
        return false;
    }
    let about = |f: &str| ALLOCATING.iter().any(|w| f.contains(w)) && !f.contains("来源");
    if has_traditional(c) {
        about(&fold(c))
    } else {
        about(c)
    }
}

fn read_prose(b: Builder, file: &str) -> Finished {
    let rows = b.rows;
    let none = |rows: Vec<Row>| Finished {
        allocation: None,
        consumed: 0,
        fates: Vec::new(),
        warnings: Vec::new(),
        prose: true,
        rows,
    };
    let text = |r: &Row| {
        r.filled()
            .map(|(_, c)| c.to_owned())
            .collect::<Vec<_>>()
            .join("")
    };
    // The lead-in (up to the first item) and the items after it.
    let first_item = rows.iter().position(prose_line_items);
    let lead_end = first_item.unwrap_or(rows.len()).min(3);
    let lead: Vec<String> = rows[..lead_end].iter().map(text).collect();
    let mut items: Vec<(usize, Item)> = Vec::new();
    let mut consumed;
    let mut inline = false;
    if let Some(at) = rows[..lead_end.min(rows.len())]
        .iter()
        .position(|r| !inline_items(&text(r)).is_empty())
        .filter(|_| first_item.is_none_or(|f| f > 0))
    {
        // A list inside a sentence.
        for it in inline_items(&text(&rows[at])) {
            items.push((at, it));
        }
        consumed = at + 1;
        inline = true;
    } else if let Some(start) = first_item {
        consumed = start;
        while consumed < rows.len() {
            if rows[consumed].is_empty() {
                consumed += 1;
                continue;
            }
            match item(&text(&rows[consumed])) {
                Some(it) => items.push((consumed, it)),
                None => break,
            }
            consumed += 1;
        }
    } else {
        return none(rows);
    }
    if items.len() < 2 {
        return none(rows);
    }
    // The list must stand in a passage about allocating money (not 资金来源, where the money comes from).
    let context: String = lead.iter().map(|l| fold(l)).collect();
    let about = ALLOCATING.iter().any(|w| context.contains(w)) && !context.contains("来源");
    if !about {
        return none(rows);
    }
    // Nested lists: an item with items of a lower level under it is their group, its amount their subtotal.
    let mut allocation = Allocation {
        title: b.title.clone(),
        rows: Vec::new(),
        subtotals: Vec::new(),
        printed_total: None,
        location: Location::line(file, rows[0].line),
    };
    let mut group: Option<String> = None;
    for (k, (ri, it)) in items.iter().enumerate() {
        let has_children = items
            .get(k + 1)
            .is_some_and(|(_, next)| next.level > it.level)
            && !inline;
        let location = Location::line(file, rows[*ri].line);
        // `合计：1000万元` closing the list: its printed total.
        if is_total_label(&fold(&it.name)) {
            allocation.printed_total = Some(Money::new(it.amount, it.unit));
            continue;
        }
        if has_children {
            group = Some(it.name.clone());
            allocation.subtotals.push(Subtotal {
                label: it.name.clone(),
                amount: Money::new(it.amount, it.unit),
                location,
            });
            continue;
        }
        if items.iter().all(|(_, x)| x.level >= it.level) {
            group = None;
        }
        allocation.rows.push(AllocationRow {
            seq: it.seq,
            unit: None,
            project: Some(it.name.clone()),
            amount: Some(Money::new(it.amount, it.unit)),
            note: it.note.clone(),
            group: group.clone().filter(|_| it.level > 1),
            location,
        });
    }
    // The lead-in's one amount, when the rows add up to it, is the printed total.
    let sum: Option<Decimal> = allocation
        .rows
        .iter()
        .map(|r| r.amount.and_then(|m| m.yuan()))
        .sum();
    let lead_amounts: Vec<Money> = lead
        .iter()
        .take(if inline { 0 } else { lead.len() })
        .flat_map(|l| amounts_in(l))
        .collect();
    if let [only] = lead_amounts.as_slice() {
        if allocation.printed_total.is_none() && only.yuan().is_some() && only.yuan() == sum {
            allocation.printed_total = Some(*only);
        }
    }
    let fates = (0..consumed)
        .filter(|&i| !rows[i].is_empty())
        .map(|i| (i, None))
        .collect();
    Finished {
        allocation: Some(allocation),
        consumed,
        fates,
        warnings: Vec::new(),
        prose: true,
        rows,
    }
}

/// Every `<number>万元` / `<number>元` in a text.
fn amounts_in(text: &str) -> Vec<Money> {
    let folded: String = text.chars().map(fold_char).collect();
    let mut out = Vec::new();
    let mut rest = folded.as_str();
    while let Some(p) = rest.find('元') {
        let before = &rest[..p];
        let (body, unit) = match before.strip_suffix('万') {
            Some(b) => (b, MoneyUnit::WanYuan),
            None => (before, MoneyUnit::Yuan),
        };
        let digits = body
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .count();
        if digits > 0 {
            let start = body
                .char_indices()
                .rev()
                .nth(digits - 1)
                .map_or(0, |(i, _)| i);
            if let Ok(d) = Decimal::from_str(&body[start..].replace(',', "")) {
                out.push(Money::new(d, unit));
            }
        }
        rest = &rest[p + '元'.len_utf8()..];
    }
    out
}

/// The plans of a document read from prose lists, by their index in `Document::allocations`, with the rows
/// each placed: a prose list and a table of the same document that give the same rows are one plan, read from
/// the table.
#[derive(Default)]
pub struct ProseLists(Vec<(usize, u32)>);

impl ProseLists {
    /// Adds a plan to the document, unless it is a prose list a table there restates; a table drops the prose
    /// lists it restates. The rows a dropped list placed are taken off the document's count.
    pub fn add(&mut self, doc: &mut Document, plan: Allocation, prose: bool, placed: u32) {
        let uncount = |doc: &mut Document, n: u32| {
            doc.rows.table_rows -= n;
            doc.rows.placed -= n;
        };
        if prose {
            let restated = doc
                .allocations
                .iter()
                .enumerate()
                .any(|(i, t)| !self.0.iter().any(|(p, _)| *p == i) && restates(&plan, t));
            if restated {
                uncount(doc, placed);
                return;
            }
            self.0.push((doc.allocations.len(), placed));
        } else {
            for k in (0..self.0.len()).rev() {
                let (i, n) = self.0[k];
                if restates(&doc.allocations[i], &plan) {
                    doc.allocations.remove(i);
                    self.0.remove(k);
                    for (j, _) in &mut self.0 {
                        if *j > i {
                            *j -= 1;
                        }
                    }
                    uncount(doc, n);
                }
            }
        }
        doc.allocations.push(plan);
    }
}

/// A prose list that restates a table of the same document (every item, by name and amount, is a row of it).
fn restates(prose: &Allocation, table: &Allocation) -> bool {
    !prose.rows.is_empty()
        && prose.rows.iter().all(|p| {
            let name = p.project.as_deref().map(fold);
            let yuan = p.amount.and_then(|m| m.yuan());
            table.rows.iter().any(|t| {
                let same_name = [t.project.as_deref(), t.unit.as_deref()]
                    .iter()
                    .flatten()
                    .any(|n| Some(fold(n)) == name);
                same_name && t.amount.and_then(|m| m.yuan()) == yuan
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Document {
        crate::read::read_text(text, "t.txt")
    }

    fn rows(doc: &Document) -> Vec<(Option<&str>, String)> {
        doc.allocations
            .iter()
            .flat_map(|a| &a.rows)
            .map(|r| {
                (
                    r.project.as_deref(),
                    r.amount.map(|m| m.amount.to_string()).unwrap_or_default(),
                )
            })
            .collect()
    }

    fn header(lines: &[&str]) -> Schema {
        let rows: Vec<Row> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| Row {
                line: i as u32 + 1,
                end_line: i as u32 + 1,
                cells: l.split('\t').map(str::to_owned).collect(),
                after_blank: false,
                placed: false,
            })
            .collect();
        let tokens = tokenize(&rows, split_words(&rows));
        header_at(&tokens, 0).expect("a header").schema
    }

    fn roles(s: &Schema) -> Vec<Option<Role>> {
        s.cols.iter().map(|c| c.role).collect()
    }

    #[test]
    fn titles() {
        for t in [
            "2021年国土空间规划专项资金分配方案",
            "2017年自然灾害生活补助资金分配表",
            "附件:2017年自然灾害生活补助资金分配表(总表不下发)",
            "2018年财政扶贫资金分配情况表",
            "某县2021年第一批危房改造专项补助资金计划表",
            "2018年建档立卡学生免学费和生活费补助资金安排表(汇总表)",
            "2021年春学期义务教育学生资助分乡镇汇总表(含某某镇)",
            "某县2021年种粮农民一次性补贴资金发放一览表",
            "附件12018年某某资金安排表",
            "2022年某某补助资金测算表",
        ] {
            assert!(is_title(&labels::squeeze(t)), "{t}");
        }
        for t in [
            "2023年省级财政林业草原专项资金(第一批)区域绩效目标表",
            "项目支出绩效自评表",
            "部门收支总表",
            "根据有关规定,现将资金分配情况公告如下:",
            "三、资金分配情况表说明。",
        ] {
            assert!(!is_title(&labels::squeeze(t)), "{t}");
        }
        assert_eq!(
            title_text("附件1:2018年某某资金安排表"),
            "2018年某某资金安排表"
        );
        assert_eq!(
            title_text("附件12018年某某资金安排表"),
            "2018年某某资金安排表"
        );
        assert_eq!(
            title_text("2018年1月5日 (此件主动公开) 附表1:2018年度某某资金安排表"),
            "2018年度某某资金安排表"
        );
    }

    #[test]
    fn one_level_header_and_its_money_unit() {
        let s = header(&["序号\t单位\t金额(万元)\t备注"]);
        assert_eq!(
            roles(&s),
            [
                Some(Role::Seq),
                Some(Role::Unit),
                Some(Role::Money),
                Some(Role::Note)
            ]
        );
        assert_eq!(s.amount, 2);
        assert_eq!(s.cols[2].unit, Some(MoneyUnit::WanYuan));
        // A recipient and a project, the unit column before the project; counts and rates beside the amount.
        let s = header(&["序号\t用款单位\t项目内容\t户数\t每亩补助资金(元)\t应发资金(元)"]);
        assert_eq!(
            roles(&s),
            [
                Some(Role::Seq),
                Some(Role::Unit),
                Some(Role::Project),
                Some(Role::Count),
                Some(Role::Rate),
                Some(Role::Money)
            ]
        );
        assert_eq!((s.amount, s.cols[5].unit), (5, Some(MoneyUnit::Yuan)));
        assert_eq!(unit_line("单位:万元"), Some(MoneyUnit::WanYuan));
        assert_eq!(unit_line("金额单位：元"), Some(MoneyUnit::Yuan));
        assert_eq!(unit_line("单位:人、万元"), Some(MoneyUnit::WanYuan));
        assert_eq!(unit_line("单位名称"), None);
    }

    #[test]
    fn two_level_header_splits_parents_into_their_parts() {
        // Grades over 户数 | 补助资金 pairs, the last pair under 合计: its money part is the amount.
        let s = header(&[
            "序号 乡镇 C级 D级 合计",
            "户数 补助资金(万元) 户数 补助资金(万元) 总户数 补助资金(万元)",
        ]);
        let labels: Vec<&str> = s.cols.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "序号",
                "乡镇",
                "C级/户数",
                "C级/补助资金(万元)",
                "D级/户数",
                "D级/补助资金(万元)",
                "合计/总户数",
                "合计/补助资金(万元)"
            ]
        );
        assert_eq!(s.amount, 7);
        assert_eq!(s.cols[6].role, Some(Role::Count));
        // Parts of unequal number under each parent (走读 | 寄宿 twice, then the total alone).
        let s = header(&[
            "序号\t乡镇名称\t总人数\t小学\t初中\t合计",
            "走读生\t寄宿生\t走读生\t寄宿生\t补助资金合计",
        ]);
        assert_eq!(s.cols.len(), 8);
        assert_eq!(s.cols[7].label, "合计/补助资金合计");
        assert_eq!(s.amount, 7);
    }

    #[test]
    fn columns_repeated_side_by_side_are_one_group() {
        let s = header(&["单位\t金额\t单位\t金额\t单位\t金额"]);
        assert_eq!((s.cols.len(), s.groups, s.amount), (2, 3, 1));
        // Read in column order: the first group's rows, then the second's.
        let doc = read(
            "2018年某某补助资金分配表\n金额单位:万元\n单位\t金额\t单位\t金额\n全省合计\t60\t乙县\t20\n\
             甲县\t10\t丙县小计\t50\n其中:市本级\t4\t丁县\t30\n",
        );
        assert_eq!(
            rows(&doc),
            [
                (Some("甲县"), "10".into()),
                (Some("其中:市本级"), "4".into()),
                (Some("乙县"), "20".into()),
                (Some("丁县"), "30".into()),
            ]
        );
        let a = &doc.allocations[0];
        assert_eq!(
            a.printed_total.map(|m| m.amount.to_string()).as_deref(),
            Some("60")
        );
        assert_eq!(a.subtotals[0].label, "丙县小计");
    }

    #[test]
    fn subtotal_and_total_rows() {
        let doc = read(
            "附件\n2020年某某专项资金安排表\n单位:万元\n序号\t村名\t项目名称\t资金金额\n\
             1\t甲村\t水果基地\t20\n2\t乙村\t蔬菜基地\t30\n小计\t50\n3\t丙村\t灌溉设施\t16\n合计\t66\n\
             扫一扫在手机打开当前页\n",
        );
        let a = &doc.allocations[0];
        assert_eq!(a.title.as_deref(), Some("2020年某某专项资金安排表"));
        assert_eq!(a.rows.len(), 3);
        assert_eq!(a.rows[0].unit.as_deref(), Some("甲村"));
        assert_eq!(a.rows[2].project.as_deref(), Some("灌溉设施"));
        assert_eq!(a.subtotals.len(), 1);
        assert_eq!(a.subtotals[0].amount.amount.to_string(), "50");
        assert_eq!(a.printed_total.unwrap().amount.to_string(), "66");
        assert_eq!(a.printed_total.unwrap().unit, MoneyUnit::WanYuan);
        assert!(doc.unread.is_empty(), "{:?}", doc.unread);
        // The total printed first, before the rows it adds up.
        let doc =
            read("某市扶贫专项资金分配表 县区名称 资金分配额(万元) 备注 合计 30 甲区 10 乙县 20\n");
        assert_eq!(
            rows(&doc),
            [(Some("甲区"), "10".into()), (Some("乙县"), "20".into())]
        );
        assert_eq!(
            doc.allocations[0].printed_total.unwrap().amount.to_string(),
            "30"
        );
        // No total label: a first row that is the sum of all the others is the total.
        let doc = read("某地区资金分配情况表\n地县\t资金合计\t备注\n某地区\t60\t\n甲县\t10\t\n乙县\t20\t\n丙县\t30\t\n");
        assert_eq!(rows(&doc).len(), 3);
        assert_eq!(
            doc.allocations[0].printed_total.unwrap().amount.to_string(),
            "60"
        );
    }

    #[test]
    fn a_total_with_its_amount_in_one_cell() {
        assert_eq!(
            split_labelled_total("合计:1227万元".into()),
            ["合计", "1227万元"]
        );
        assert_eq!(split_labelled_total("小计 160".into()), ["小计", "160"]);
        assert_eq!(split_labelled_total("合计3个项目".into()), ["合计3个项目"]);
        let doc = read(
            "2020年某某资金分配表\n县区\t省级资金(万元)\n睢县\t421\n宁陵县\t376\n合计:797万元\n",
        );
        assert_eq!(rows(&doc).len(), 2);
        assert_eq!(
            doc.allocations[0].printed_total.unwrap().amount.to_string(),
            "797"
        );
        // In a prose list, the 合计 item is the total, not a row.
        let doc = read("二、资金分配情况\n1.甲镇:300万元;\n2.乙镇:200万元;\n3.合计:500万元。\n");
        assert_eq!(rows(&doc).len(), 2);
        assert_eq!(
            doc.allocations[0].printed_total.unwrap().amount.to_string(),
            "500"
        );
    }

    #[test]
    fn outline_headings_label_the_rows_below() {
        assert_eq!(outline("一、省本级"), Some((1, "省本级")));
        assert_eq!(outline("（十二）其他"), Some((12, "其他")));
        assert_eq!(outline("二十、x"), Some((20, "x")));
        assert_eq!(outline("十八、x"), Some((18, "x")));
        assert_eq!(outline("省本级"), None);
        let doc = read(
            "2021年某某专项资金分配方案\n序号\t用款单位\t项目内容\t金额(万元)\n一、省本级\n\
             1\t省厅\t规划研究\t300\n2\t\t标准制定\t200\n二、市县\n3\t甲市\t基础测绘\t100\n",
        );
        let a = &doc.allocations[0];
        let groups: Vec<Option<&str>> = a.rows.iter().map(|r| r.group.as_deref()).collect();
        assert_eq!(
            groups,
            [Some("一、省本级"), Some("一、省本级"), Some("二、市县")]
        );
        // The merged recipient cell is carried down.
        assert_eq!(a.rows[1].unit.as_deref(), Some("省厅"));
        assert!(doc.unread.is_empty(), "{:?}", doc.unread);
    }

    #[test]
    fn amounts_as_printed() {
        let d = |s: &str| amount(s).map(|(d, u, n)| (d.to_string(), u, n));
        assert_eq!(d("1,304.50"), Some(("1304.50".into(), None, None)));
        assert_eq!(
            d("18030.64万元"),
            Some(("18030.64".into(), Some(MoneyUnit::WanYuan), None))
        );
        assert_eq!(
            d("861.00萬元"),
            Some(("861.00".into(), Some(MoneyUnit::WanYuan), None))
        );
        assert_eq!(
            d("10(其中,灾情因素6万元)"),
            Some(("10".into(), None, Some("其中,灾情因素6万元".into())))
        );
        assert_eq!(d("-0.18"), Some(("-0.18".into(), None, None)));
        assert_eq!(d("乐都区"), None);
        assert_eq!(kind_of("12"), Kind::Seq);
        assert_eq!(kind_of("20191227"), Kind::Number);
        assert_eq!(kind_of("合 计"), Kind::Total);
        assert_eq!(kind_of("杭州市小计"), Kind::Subtotal);
        assert_eq!(kind_of("其中:市本级"), Kind::Text);
    }

    #[test]
    fn binary_float_noise_is_rounded_and_nothing_else() {
        let noise = |s: &str| denoise(s, Decimal::from_str(s).unwrap()).to_string();
        assert_eq!(noise("0.30000000000000004"), "0.3");
        assert_eq!(noise("1.9999999999999998"), "2");
        assert_eq!(noise("115.64999999999999"), "115.65");
        // Not noise: short fractions, and digits that do not end in a run of zeros or nines.
        assert_eq!(noise("0.240000152587891"), "0.240000152587891");
        assert_eq!(noise("12.50"), "12.50");
        assert_eq!(noise("0.1000000001"), "0.1000000001");
        let doc = read("某某资金分配表\n单位\t金额(万元)\n甲县\t0.30000000000000004\n乙县\t1\n");
        assert_eq!(rows(&doc)[0].1, "0.3");
    }

    #[test]
    fn words_of_space_separated_rows() {
        assert_eq!(words("合  计 3 2.25"), ["合计", "3", "2.25"]);
        assert_eq!(words("1 桂阳街道"), ["1", "桂阳街道"]);
        assert_eq!(words("地区 , 小学(生活费) ,,"), ["地区", "小学(生活费)"]);
        assert_eq!(
            words("1,304 大专(学费,户籍地部分)"),
            ["1,304", "大专(学费,户籍地部分)"]
        );
    }

    #[test]
    fn prose_lists() {
        // One `<recipient>:<fund><amount>万元;` line per row, the total in the sentence before.
        let doc = read(
            "现将下达我市的专项扶贫资金300万元予以公告。\n甲区:省级财政专项扶贫资金100万元;\n\
             乙县:省级财政专项扶贫资金200万元。\n资金用途:用于基础设施。\n",
        );
        assert_eq!(
            rows(&doc),
            [(Some("甲区"), "100".into()), (Some("乙县"), "200".into())]
        );
        let a = &doc.allocations[0];
        assert_eq!(a.rows[0].note.as_deref(), Some("省级财政专项扶贫资金"));
        assert_eq!(a.printed_total.unwrap().amount.to_string(), "300");
        // Nested lists: the (一) items are subtotals over their 1. items, which carry the group.
        let doc = read(
            "二、资金使用情况\n用于体育支出30.00萬元。其中:\n(一)用于场地建设20.00萬元;\n1.场馆维护12萬元;\n\
             2.健身路径8萬元;\n(二)用于组织建设10.00萬元;\n1.指导员10萬元。\n注:以上数据不含上级补助。\n",
        );
        assert_eq!(rows(&doc).len(), 3);
        let a = &doc.allocations[0];
        assert_eq!(a.subtotals.len(), 2);
        assert_eq!(a.rows[0].group.as_deref(), Some("用于场地建设"));
        assert_eq!(a.rows[0].seq, Some(1));
        assert_eq!(a.printed_total.unwrap().amount.to_string(), "30.00");
        // Where money comes from (资金来源) is not an allocation.
        let doc = read("一、资金来源\n1.中央资金100万元;\n2.省级资金200万元。\n");
        assert!(doc.allocations.is_empty());
        // Prose that mentions money is not a list.
        let doc = read("现将资金分配情况公告如下:\n2022年本级留用861.00万元。\n特此公告。\n");
        assert!(doc.allocations.is_empty());
    }

    #[test]
    fn a_list_in_a_sentence_restated_by_a_table_is_read_once() {
        let doc = read(
            "将资金全部分配给3县区,其中:甲区10万元,乙县20万元,主要用于卫生室;另安排丙县30万元。\n\
             某某资金分配表\n县区名称\t资金分配额(万元)\n甲区\t10\n乙县\t20\n丙县\t30\n合计\t60\n",
        );
        assert_eq!(doc.allocations.len(), 1);
        assert_eq!(rows(&doc).len(), 3);
        // Without the table, the list is the plan.
        let doc = read("将资金全部分配给县区,其中:甲区10万元,乙县20万元,主要用于卫生室。\n");
        assert_eq!(
            rows(&doc),
            [(Some("甲区"), "10".into()), (Some("乙县"), "20".into())]
        );
        assert_eq!(doc.rows.table_rows, doc.rows.placed);
    }

    #[test]
    fn rows_cut_off_and_rows_without_amounts_are_unread_with_a_reason() {
        let doc = read(
            "某某资金安排表\n序号 |\n乡镇 |\n户数 |\n资金安排额(万元) |\n1 |\n甲镇 |\n74 |\n8 |\n2 |\n乙镇 |\n\
             599 |\n65 |\n3 |\n丙镇\n",
        );
        assert_eq!(
            rows(&doc),
            [(Some("甲镇"), "8".into()), (Some("乙镇"), "65".into())]
        );
        assert!(
            doc.unread.iter().any(|u| u.reason.contains("cut off")),
            "{:?}",
            doc.unread
        );
        assert_eq!(doc.rows.table_rows, doc.rows.placed + doc.rows.unread);
    }

    #[test]
    fn a_header_with_no_rows_is_reported() {
        let doc = read("某某资金分配表\n单位\t金额(万元)\n见附件\n");
        assert!(doc.allocations[0].rows.is_empty());
        assert!(doc
            .warnings
            .iter()
            .any(|w| w.message_en.contains("no allocation row")));
    }

    #[test]
    fn place_words_with_their_variants_are_recipient_columns() {
        assert_eq!(role_of("县(市、区)"), Some(Role::Unit));
        assert!(strong_role("县(市、区)") && strong_role("市（州）") && strong_role("县区名称"));
        // A place name is a recipient, not a column word.
        assert!(!strong_role("睢县") && !strong_role("和田县"));
        let doc = read("序号\t县(市、区)\t补助资金(万元)\t备注\n1\t甲县\t120.5\t\n2\t乙市\t80\t\n合计\t\t200.5\t\n");
        assert_eq!(
            rows(&doc),
            [(Some("甲县"), "120.5".into()), (Some("乙市"), "80".into())]
        );
    }

    #[test]
    fn merged_recipients_are_carried_down_where_the_blank_shows() {
        // The converter ran the title into the header row, so no cell stands in its header column; the empty
        // cell between 序号 and the project still shows the merged recipient.
        let doc = read(
            "2021年某某资金分配表 |\n序号 | 用款单位 | 项目 | 金额(万元) |\n1 | 省厅 | 调查 | 100 |\n\
             2 | | 研究 | 50 |\n合计 | | | 150 |\n",
        );
        let units: Vec<Option<&str>> = doc.allocations[0]
            .rows
            .iter()
            .map(|r| r.unit.as_deref())
            .collect();
        assert_eq!(units, [Some("省厅"), Some("省厅")]);
        // Cells one per line with nothing where the recipient would be: nothing to carry.
        let doc = read("某某资金安排表\n\n序号\n\n村名\n\n项目名称\n\n资金金额\n\n1\n\n甲村\n\n水果基地\n\n20\n\n2\n\n小额信贷贴息\n\n12\n");
        let units: Vec<Option<&str>> = doc.allocations[0]
            .rows
            .iter()
            .map(|r| r.unit.as_deref())
            .collect();
        assert_eq!(units, [Some("甲村"), None]);
    }

    #[test]
    fn lists_in_a_sentence_after_other_lead_words() {
        // Names as printed, in traditional script too.
        let doc = read("資金分配如下:甲縣100萬元,乙區200萬元。\n");
        assert_eq!(
            rows(&doc),
            [(Some("甲縣"), "100".into()), (Some("乙區"), "200".into())]
        );
        // A sentence with one amount, or with amounts that are not a list of recipients, is not one.
        let doc = read(
            "现将资金分配如下:共安排资金300万元。\n安排资金4183398.38元(省下达418.29万元、县垫付498.38元)。\n",
        );
        assert!(doc.allocations.is_empty());
    }

    #[test]
    fn untitled_headers_and_lookalikes() {
        // A header with no title above it opens a plan.
        let doc = read("序号\t县区\t金额(万元)\n1\t甲县\t10\n2\t乙县\t20\n");
        assert_eq!(rows(&doc).len(), 2);
        // A list of links that happens to hold 项目 and 奖补 is not one.
        let doc = read("挂点帮扶项目\n义务植树\n林业产业奖补\n森林防火\n一级指标\t二级指标\t三级指标\t指标值\n");
        assert!(doc.allocations.is_empty());
    }
}
