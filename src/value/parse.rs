//! The value-expression parser: one folded cell in, one [`Value`] out, never a panic.
//!
//! The order of the readings matters and follows how cells are written: empty markers, then comparisons against
//! the budget (`不超过2024年预算金额` holds a year but is not a date), then dates, then quantities (numbers,
//! ranges, durations, frequencies), then grades and references. Anything left is qualitative text if it has
//! Chinese in it, and `unknown` if not.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::lexicon::{
    at, contains, ends_at, is_cjk, is_clause_sep, level_of, longest_at, longest_ending, magnitude,
    single_unit, LATIN_TIME_UNITS, LATIN_UNITS, MULTI_UNITS, NONE_MARKERS, PER_ADJACENT,
    PER_AFTER_SLASH, PER_ANYWHERE, PREFIX_OP_WORDS, QUALS, REF_NOUNS, SUFFIX_OP_WORDS, UNIT_WORDS,
};
use super::normalize::{fold_into, join_split_number, SPLIT};
use super::numeral::{
    ascii_number, ascii_years, chinese_number, is_cn_numeral, mixed_numerals, money_tail,
};
use super::{Context, Date, Kind, Op, Per, Quals, Role, Value};

/// Reads one cell, with this thread's [`Parser`] (its scratch buffers kept from one call to the next).
pub fn parse(text: &str) -> Value {
    parse_in(text, &Context::default())
}

/// Reads one cell with what the caller knows about it: the table's year and the cell's column.
pub fn parse_in(text: &str, cx: &Context) -> Value {
    // One parser per thread: a new one allocated its two buffers for every cell (a sixth of the allocations
    // made reading a document). Each parse clears them first, so the result never depends on the one before.
    thread_local! {
        static PARSER: std::cell::RefCell<Parser> = std::cell::RefCell::new(Parser::new());
    }
    PARSER.with(|p| match p.try_borrow_mut() {
        Ok(mut p) => {
            let v = p.parse_in(text, cx);
            // A huge cell does not keep its buffers' memory for the thread's lifetime.
            if p.folded.capacity() > 4096 || p.work.capacity() > 4096 {
                *p = Parser::new();
            }
            v
        }
        Err(_) => Parser::new().parse_in(text, cx),
    })
}

/// A parser with reusable buffers: parsing a cell with it allocates nothing in the common case.
#[derive(Debug, Default)]
pub struct Parser {
    folded: Vec<char>,
    work: Vec<char>,
}

impl Parser {
    /// A parser with empty buffers.
    pub fn new() -> Self {
        Parser {
            folded: Vec::with_capacity(64),
            work: Vec::with_capacity(64),
        }
    }

    /// Reads one cell. Never panics; text that is not a value comes back as `qualitative` or `unknown`.
    pub fn parse(&mut self, text: &str) -> Value {
        self.parse_in(text, &Context::default())
    }

    /// Reads one cell with what the caller knows about it (see [`Context`]).
    pub fn parse_in(&mut self, text: &str, cx: &Context) -> Value {
        let Parser { folded, work } = self;
        if !fold_into(text, folded) {
            return Value::of_kind(Kind::Unknown);
        }
        if folded.contains(&SPLIT) && !join_split_number(folded) {
            return Value::of_kind(Kind::Unknown); // two numbers side by side (100 200): neither is the value
        }
        ascii_years(folded);
        mixed_numerals(folded);
        let s = trim_noise(folded);
        if s.is_empty() || is_none_marker(s) {
            return Value::of_kind(Kind::None);
        }
        let annotation = strip_parens(s, work);
        let t = trim_noise(if work.is_empty() { s } else { work });
        if t.is_empty() {
            return Value::of_kind(Kind::Unknown);
        }
        let mut v = read(t, cx);
        if v.annotation.is_none() {
            v.annotation = annotation.map(Cow::Owned);
        }
        if cx.role != Role::Actual {
            repair_ocr_rate(t, &mut v);
        }
        v
    }
}

/// OCR reads the ≥ of a rate target as a 2: `290%` is `≥90%`. No rate target is 250% to 2100%, so exactly
/// `2` + 50..=100 + `%`, alone in the cell and with no comparator, is repaired and flagged. A real `200%` stays.
fn repair_ocr_rate(t: &[char], v: &mut Value) {
    let rest = match t {
        ['2', a, b, '%'] => [*a, *b].iter().collect::<String>(),
        ['2', '1', '0', '0', '%'] => "100".to_owned(),
        _ => return,
    };
    let Ok(n) = rest.parse::<u32>() else { return };
    if (50..=100).contains(&n) && v.kind == Kind::Number && v.op == Some(Op::Eq) {
        v.op = Some(Op::Ge);
        v.value = Some(Decimal::from(n));
        v.ocr_repaired = true;
    }
}

fn read(t: &[char], cx: &Context) -> Value {
    let several = clauses(t).nth(1).is_some();
    if several {
        if let Some(v) = value_with_remarks(t, cx) {
            return v;
        }
    }
    // A whole-cell reading next: 不超过2024年预算金额 holds a year, 本着节约的原则,控制在预算中 two clauses.
    if let Some(v) = budget_ref(t)
        .or_else(|| date_value(t, cx.year))
        .or_else(|| magnitude_only(t))
    {
        return v;
    }
    if several {
        return compound(t);
    }
    quantity(t).unwrap_or_else(|| qualitative(t))
}

/// A value, then remarks without numbers (`≥95%;以抽查结果为准`, `2024年底;视进度调整`): the value, with the
/// remarks as its annotation.
fn value_with_remarks(t: &[char], cx: &Context) -> Option<Value> {
    let end = first_clause_end(t)?;
    let rest = trim_noise(&t[end + 1..]);
    if rest.is_empty() || has_ascii_digit(rest) {
        return None;
    }
    let mut v = read_clause(trim_noise(&t[..end]), cx)?;
    v.annotation = Some(owned(rest));
    Some(v)
}

// ---------------------------------------------------------------------------------------------------------------
// Cell shape

const NOISE: &[char] = &[',', ';', '。', '.', '、', ':', '!', '?', '，', '；', '：'];

fn trim_noise(s: &[char]) -> &[char] {
    let mut a = 0;
    let mut b = s.len();
    while a < b && NOISE.contains(&s[a]) {
        a += 1;
    }
    while b > a && NOISE.contains(&s[b - 1]) {
        b -= 1;
    }
    &s[a..b]
}

fn is_none_marker(s: &[char]) -> bool {
    // 一 alone is a dash typed with the IME, not the number one.
    s == ['一']
        || s.iter().all(|&c| c == '-' || c == '/')
        || (s.len() <= 4
            && NONE_MARKERS
                .iter()
                .any(|w| w.chars().count() == s.len() && at(s, 0, w)))
}

/// Copies `s` into `out` without parenthetical remarks (`9个(含区)`, `100%(历史标准)`) and returns the remarks,
/// joined with `;`. A parenthesis that holds only a unit right after a number (`95(%)`) keeps its content. `out`
/// stays empty when nothing was removed or everything would be.
fn strip_parens(s: &[char], out: &mut Vec<char>) -> Option<String> {
    out.clear();
    if !s.iter().any(|&c| c == '(' || c == ')') {
        return None;
    }
    let mut remarks = String::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c == '(' {
            if depth == 0 {
                let close = s[i + 1..].iter().position(|&c| c == ')').map(|p| i + 1 + p);
                if let Some(close) = close {
                    let inner = &s[i + 1..close];
                    let after_digit = i > 0 && s[i - 1].is_ascii_digit();
                    let unit_only = !inner.is_empty()
                        && read_unit(inner, 0).is_some_and(|(_, e)| e == inner.len());
                    if unit_only && after_digit {
                        out.extend_from_slice(inner);
                        i = close + 1;
                        continue;
                    }
                    // `%(百分比)` glosses the unit, and `應(yīng)` is a transliteration: neither is a remark.
                    let after_han = i > 0 && is_cjk(s[i - 1]);
                    if unit_only || after_han && is_pinyin(inner) {
                        i = close + 1;
                        continue;
                    }
                }
                if !remarks.is_empty() && !remarks.ends_with(';') {
                    remarks.push(';');
                }
            } else {
                remarks.push(c);
            }
            depth += 1;
        } else if c == ')' {
            depth = depth.saturating_sub(1);
            if depth > 0 {
                remarks.push(c);
            }
        } else if depth == 0 {
            out.push(c);
        } else {
            remarks.push(c);
        }
        i += 1;
    }
    if out.is_empty() {
        out.extend(s.iter().copied().filter(|&c| c != '(' && c != ')'));
        return None;
    }
    let remarks = remarks.trim_matches(';');
    (!remarks.is_empty()).then(|| remarks.to_owned())
}

/// A syllable of pinyin: Latin letters, with or without tone marks.
fn is_pinyin(s: &[char]) -> bool {
    (1..=7).contains(&s.len())
        && s.iter()
            .all(|&c| c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c))
}

/// The clauses of a cell, split at `,` `;` `、` `。` (a comma inside `4,671.23` is a thousands separator).
fn clauses(t: &[char]) -> impl Iterator<Item = &[char]> {
    let mut start = 0;
    let mut i = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while i < t.len() {
            let c = t[i];
            let thousands = c == ','
                && i > 0
                && t[i - 1].is_ascii_digit()
                && t.get(i + 1..i + 4)
                    .is_some_and(|g| g.iter().all(char::is_ascii_digit))
                && !t.get(i + 4).is_some_and(char::is_ascii_digit);
            // 元/人、天: a second thing the rate is per, not a new clause.
            let rate_joint = c == '、'
                && i >= 2
                && t[i - 2] == '/'
                && longest_at(t, i + 1, PER_AFTER_SLASH).is_some_and(|(_, n)| i + 1 + n == t.len());
            if is_clause_sep(c) && !thousands && !rate_joint {
                let clause = &t[start..i];
                i += 1;
                start = i;
                if clause.is_empty() {
                    continue;
                }
                return Some(clause);
            }
            i += 1;
        }
        done = true;
        (start < t.len()).then(|| &t[start..])
    })
}

fn has_ascii_digit(s: &[char]) -> bool {
    s.iter().any(char::is_ascii_digit)
}

fn owned(s: &[char]) -> Cow<'static, str> {
    Cow::Owned(s.iter().collect())
}

// ---------------------------------------------------------------------------------------------------------------
// Budget references: 不超年度预算, ≤预算, 成本控制在预算之内

fn budget_ref(t: &[char]) -> Option<Value> {
    let k = (0..t.len().saturating_sub(1)).find(|&i| at(t, i, "预算"))?;
    if at(t, k + 2, "执行") {
        return None; // 预算执行率 is a rate, not the budget
    }
    // Digits may only be a year (不超过2024年预算金额).
    let mut i = 0;
    while i < t.len() {
        if t[i].is_ascii_digit() {
            let st = i;
            while i < t.len() && t[i].is_ascii_digit() {
                i += 1;
            }
            if i - st != 4 || t.get(i) != Some(&'年') {
                return None;
            }
        }
        i += 1;
    }
    let head = &t[..k];
    let tail = &t[k..];
    let op = if [
        "小于等于",
        "≤",
        "<=",
        "不超",
        "不高于",
        "不大于",
        "控制在",
        "不多于",
    ]
    .iter()
    .any(|w| contains(head, w))
        || ["以内", "之内", "范围内", "内"]
            .iter()
            .any(|w| contains(tail, w))
    {
        Op::Le
    } else if ["小于", "<", "低于", "少于"]
        .iter()
        .any(|w| contains(head, w))
    {
        Op::Lt
    } else if ["≥", ">=", "不低于", "不少于", "大于等于", "达到"]
        .iter()
        .any(|w| contains(head, w))
    {
        Op::Ge
    } else if ["=", "等于"].iter().any(|w| contains(head, w)) {
        Op::Eq
    } else {
        Op::Le // a bare reference to the budget means staying within it
    };
    // The quantity referred to: 预算 with its qualifiers (年度, 项目, 总, 2024年 …) and nouns (金额, 总额 …).
    const LEFT: &[&str] = &[
        "本年度",
        "调整后",
        "年度",
        "项目",
        "全年",
        "当年",
        "本年",
        "部门",
        "批复",
        "核定",
        "年初",
        "财政",
        "总",
    ];
    const RIGHT: &[&str] = &["金额", "总额", "资金", "总数", "数", "额"];
    let mut l = k;
    loop {
        if let Some(st) = LEFT.iter().find_map(|w| ends_at(t, l, w)) {
            l = st;
        } else if l >= 5 && t[l - 1] == '年' && t[l - 5..l - 1].iter().all(char::is_ascii_digit) {
            l -= 5;
        } else {
            break;
        }
    }
    let mut r = k + 2;
    if let Some(n) = RIGHT
        .iter()
        .find(|w| at(t, r, w))
        .map(|w| w.chars().count())
    {
        r += n;
    }
    let reference = if r - l == 2 {
        Cow::Borrowed("预算")
    } else {
        owned(&t[l..r])
    };
    let mut v = Value::of_kind(Kind::BudgetRef);
    v.op = Some(op);
    v.reference = Some(reference);
    Some(v)
}

// ---------------------------------------------------------------------------------------------------------------
// Dates: 2025年9月30日前, 2024年底, 不晚于2024年6月30日, 2024-12-31, 2022-2024年

#[derive(Clone, Copy, PartialEq)]
enum Precision {
    Year,
    Month,
    Day,
}

/// Reads a number of one or two ASCII digits, or a Chinese numeral up to 31, at `i`.
fn small_number(t: &[char], i: usize) -> Option<(u32, usize)> {
    if t.get(i).is_some_and(char::is_ascii_digit) {
        let mut j = i;
        let mut n = 0u32;
        while j < t.len() && t[j].is_ascii_digit() && j - i < 2 {
            n = n * 10 + (t[j] as u32 - '0' as u32);
            j += 1;
        }
        if t.get(j).is_some_and(char::is_ascii_digit) {
            return None;
        }
        return Some((n, j));
    }
    let (d, j) = chinese_number(t, i)?;
    let n = u32::try_from(d.trunc().mantissa()).ok()?;
    (n <= 31).then_some((n, j))
}

/// A date written at `i`. Returns the date, its precision and the end.
fn date_at(t: &[char], i: usize) -> Option<(Date, Precision, usize)> {
    let year_end = i + 4;
    if year_end > t.len()
        || !t[i..year_end].iter().all(char::is_ascii_digit)
        || t.get(year_end).is_some_and(char::is_ascii_digit)
    {
        return None;
    }
    let year = t[i..year_end]
        .iter()
        .fold(0u16, |y, c| y * 10 + (*c as u16 - '0' as u16));
    if !(1900..=2199).contains(&year) {
        return None;
    }
    let mut j = year_end;
    match t.get(j) {
        Some('年') => {
            j += 1;
            if at(t, j, "度") {
                j += 1;
            }
            if let Some((month, e)) = small_number(t, j).filter(|&(_, e)| t.get(e) == Some(&'月'))
            {
                let mut j = e + 1;
                if let Some((day, e)) =
                    small_number(t, j).filter(|&(_, e)| matches!(t.get(e), Some('日' | '号')))
                {
                    return Some((
                        Date::new(year, month as u8, day as u8)?,
                        Precision::Day,
                        e + 1,
                    ));
                }
                if let Some(n) = ["上旬", "中旬"].iter().position(|w| at(t, j, w)) {
                    return Some((
                        Date::new(year, month as u8, [10, 20][n])?,
                        Precision::Day,
                        j + 2,
                    ));
                }
                for w in ["底", "末", "下旬", "份"] {
                    if at(t, j, w) {
                        j += w.chars().count();
                        break;
                    }
                }
                return Some((Date::end_of_month(year, month as u8)?, Precision::Month, j));
            }
            for (w, m, d) in [
                ("上半年", 6, 30),
                ("年中", 6, 30),
                ("下半年", 12, 31),
                ("年底", 12, 31),
                ("年末", 12, 31),
                ("年终", 12, 31),
                ("底", 12, 31),
                ("末", 12, 31),
            ] {
                if at(t, j, w) {
                    return Some((
                        Date::new(year, m, d)?,
                        Precision::Day,
                        j + w.chars().count(),
                    ));
                }
            }
            let q = if at(t, j, "第") { j + 1 } else { j };
            if let Some((n, e)) =
                small_number(t, q).filter(|&(n, e)| (1..=4).contains(&n) && at(t, e, "季度"))
            {
                let month = (n * 3) as u8;
                return Some((Date::end_of_month(year, month)?, Precision::Month, e + 2));
            }
            Some((Date::new(year, 12, 31)?, Precision::Year, j))
        }
        Some(&sep @ ('-' | '.' | '/')) => {
            // `2162.01` is a number: a dotted year-month is read as a date only for years a budget document
            // can mean.
            if sep == '.' && !(1949..=2100).contains(&year) {
                return None;
            }
            let (month, e) = small_number(t, j + 1).filter(|&(m, _)| (1..=12).contains(&m))?;
            if t.get(e) == Some(&sep) {
                if let Some((day, e2)) = small_number(t, e + 1) {
                    return Some((Date::new(year, month as u8, day as u8)?, Precision::Day, e2));
                }
            }
            Some((Date::end_of_month(year, month as u8)?, Precision::Month, e))
        }
        _ => None,
    }
}

const DEADLINE_BEFORE: &[&str] = &[
    "不晚于",
    "截至",
    "截止",
    "≤",
    "<=",
    "<",
    "最迟",
    "最晚",
    "完成",
];
const DEADLINE_AFTER: &[&str] = &["之前", "以前", "前", "以内", "之内", "内", "为止", "止"];
const START_BEFORE: &[&str] = &["不早于", "≥", ">=", ">"];
const START_AFTER: &[&str] = &["之后", "以后", "后", "起"];

/// `10月`, `9月前`, `11月前完成`: a month named alone is a date (a span of months is written 个月). Not after a
/// comparator (`≤3月` counts months), nor before 内 (`3月内` is within three months).
fn month_alone(before: &[char], rest: &[char]) -> bool {
    let rest = rest.strip_prefix(&['份'][..]).unwrap_or(rest);
    (before.is_empty()
        || ["于", "在", "截至", "截止", "不晚于", "最迟"]
            .iter()
            .any(|w| ends_at(before, before.len(), w) == Some(0)))
        && (rest.is_empty()
            || ["前", "之前", "以前"].iter().any(|w| at(rest, 0, w))
            || is_deadline_event(rest))
}

/// `11月底`, `6月30日` inside a longer cell (`11月底完成100%`): a date, so its number is not the cell's quantity.
fn is_month_date(t: &[char], m: &Measure) -> bool {
    m.unit.as_ref().is_some_and(|u| u.secs == Some(2_592_000))
        && m.number >= Decimal::ONE
        && m.number <= Decimal::from(12)
        && t.get(m.end - 2) != Some(&'个')
        && (["底", "末", "上旬", "中旬", "下旬", "份"]
            .iter()
            .any(|w| at(t, m.end, w))
            || small_number(t, m.end).is_some_and(|(_, e)| matches!(t.get(e), Some('日' | '号'))))
}

/// Verbs after a date that make it a deadline (`2021年12月完成`): the work is done by then. Other verbs
/// (`2024年2月8日下达`) leave the date as it is.
const DEADLINE_VERBS: &[&str] = &["完成", "完工", "竣工", "建成", "办结", "结束"];

fn is_deadline_event(rest: &[char]) -> bool {
    let rest = rest.strip_prefix(&['前'][..]).unwrap_or(rest);
    DEADLINE_VERBS.iter().any(|w| at(rest, 0, w))
}

fn date_value(t: &[char], year: Option<u16>) -> Option<Value> {
    let Some(i) = t.iter().position(char::is_ascii_digit) else {
        // Without digits, only a month without its year can be a date (十二月底前): years were made ASCII.
        let i = t.iter().position(|&c| is_cn_numeral(c))?;
        return (i <= 8).then(|| date_without_year(t, i, year)).flatten();
    };
    let prefix = &t[..i];
    if prefix.len() > 8 {
        return None;
    }
    if let Some(v) = year_span(t, i) {
        return Some(v);
    }
    let Some((mut date, mut precision, mut j)) = date_at(t, i) else {
        return date_without_year(t, i, year);
    };
    // A span (2024年1月-2024年12月, 2022-2024年): the deadline is its end.
    let mut span = false;
    if j < t.len() && matches!(t[j], '-' | '至' | '到' | '~') {
        if let Some((d2, p2, e2)) = date_at(t, j + 1) {
            (date, precision, j, span) = (d2, p2, e2, true);
        } else if let Some((m, e2)) = small_number(t, j + 1)
            .filter(|&(m, e2)| (1..=12).contains(&m) && t.get(e2) == Some(&'月'))
        {
            // 2021年1月-12月: the second month is in the same year.
            if let Some(d2) = Date::end_of_month(date.year(), m as u8) {
                (date, precision, j, span) = (d2, Precision::Month, e2 + 1, true);
            }
        }
    } else if precision == Precision::Month && t.get(j) == Some(&'年') {
        // 2022-2024年 was read as year 2022, month "20": not a date.
        return None;
    }
    let rest = &t[j..];
    if has_ascii_digit(rest) {
        return None; // a quantity with a date beside it (2024年完成100个)
    }
    let op = if DEADLINE_BEFORE.iter().any(|w| contains(prefix, w))
        || DEADLINE_AFTER.iter().any(|w| at(rest, 0, w))
    {
        Op::Le
    } else if START_BEFORE.iter().any(|w| contains(prefix, w))
        || START_AFTER.iter().any(|w| at(rest, 0, w))
    {
        Op::Ge
    } else if span || (precision == Precision::Year && !rest.is_empty()) || is_deadline_event(rest)
    {
        Op::Le // a year and an event, or a date and 完成, is a deadline (2025年完成…, 2021年12月完成)
    } else {
        Op::Eq
    };
    let mut v = Value::of_kind(Kind::Date);
    v.op = Some(op);
    v.date = Some(date);
    Some(v)
}

/// `2022-2024年`, `2022至2024年`: a span of years, read as a deadline at the end of its last year.
fn year_span(t: &[char], i: usize) -> Option<Value> {
    let four = |k: usize| {
        t.get(k..k + 4)
            .is_some_and(|d| d.iter().all(char::is_ascii_digit))
    };
    if !(four(i) && matches!(t.get(i + 4), Some('-' | '至' | '到' | '~')) && four(i + 5)) {
        return None;
    }
    if t.get(i + 9).is_some_and(char::is_ascii_digit) || t.get(i + 9) != Some(&'年') {
        return None;
    }
    let first: u16 = t[i..i + 4]
        .iter()
        .fold(0, |y, c| y * 10 + (*c as u16 - '0' as u16));
    if !(1900..=2199).contains(&first) {
        return None;
    }
    let (date, _, j) = date_at(t, i + 5)?;
    if has_ascii_digit(&t[j..]) {
        return None;
    }
    let mut v = Value::of_kind(Kind::Date);
    v.op = Some(Op::Le);
    v.date = Some(date);
    Some(v)
}

/// `12月31日前`, `6月底前`: a date without its year. The kind and comparator are known; the date is known only
/// when the caller gives the table's year.
fn date_without_year(t: &[char], i: usize, year: Option<u16>) -> Option<Value> {
    let (mut month, mut e) = small_number(t, i).filter(|&(m, e)| {
        (1..=12).contains(&m) && matches!(t.get(e), Some('月' | '-' | '至' | '到'))
    })?;
    // 1-12月, 1月-12月: a span of months is a deadline at the end of the last.
    let mut span = false;
    if t[e] != '月' || matches!(t.get(e + 1), Some('-' | '至' | '到')) {
        let k = if t[e] == '月' { e + 2 } else { e + 1 };
        let (m2, e2) = small_number(t, k)
            .filter(|&(m2, e2)| m2 > month && m2 <= 12 && t.get(e2) == Some(&'月'))?;
        (month, e, span) = (m2, e2, true);
    }
    let mut j = e + 1;
    let day: Option<u32>;
    if let Some((d, e2)) = small_number(t, j)
        .filter(|&(d, e2)| (1..=31).contains(&d) && matches!(t.get(e2), Some('日' | '号')))
    {
        day = Some(d);
        j = e2 + 1;
    } else if let Some(w) = ["底", "末", "下旬", "中旬", "上旬"]
        .iter()
        .find(|w| at(t, j, w))
    {
        day = match *w {
            "上旬" => Some(10),
            "中旬" => Some(20),
            _ => None,
        };
        j += w.chars().count();
    } else if span || month_alone(&t[..i], &t[j..]) {
        day = None;
    } else {
        return None;
    }
    let rest = &t[j..];
    if has_ascii_digit(rest) {
        return None;
    }
    let mut v = Value::of_kind(Kind::Date);
    v.op = Some(
        if span
            || DEADLINE_BEFORE.iter().any(|w| contains(&t[..i], w))
            || DEADLINE_AFTER.iter().any(|w| at(rest, 0, w))
            || is_deadline_event(rest)
        {
            Op::Le
        } else {
            Op::Eq
        },
    );
    v.date = year.and_then(|y| match day {
        Some(d) => Date::new(y, month as u8, d as u8),
        None => Date::end_of_month(y, month as u8),
    });
    Some(v)
}

// ---------------------------------------------------------------------------------------------------------------
// Quantities: numbers, ranges, durations, frequencies

#[derive(Clone, Debug)]
struct Unit {
    text: Cow<'static, str>,
    /// Seconds per unit for time units.
    secs: Option<u32>,
}

#[derive(Clone, Debug)]
struct Measure {
    number: Decimal,
    magnitude: Option<Decimal>,
    unit: Option<Unit>,
    end: usize,
    /// 余 / 多 after the number: "more than".
    more: bool,
    /// A four-digit year followed by 年: part of a date, not 2024 years.
    is_year: bool,
}

/// Reads a unit at `j`: time units, multi-character units, measure words, `%`, Latin units, and `卷/件` pairs.
fn read_unit(t: &[char], j: usize) -> Option<(Unit, usize)> {
    let c = *t.get(j)?;
    let (unit, end) = match UNIT_WORDS.longest_at(t, j) {
        Some((Some(secs), n)) => (
            Unit {
                text: Cow::Borrowed("s"),
                secs: Some(secs),
            },
            j + n,
        ),
        Some((None, n)) => {
            let w = MULTI_UNITS
                .iter()
                .find(|w| w.chars().count() == n && at(t, j, w))
                .copied()
                .unwrap_or("");
            // 百分点 (percentage points) is a change in points, not a percent; 百分比 is the percent sign.
            let text = match w {
                "个百分点" => "百分点",
                "百分比" => "%",
                _ => w,
            };
            (
                Unit {
                    text: Cow::Borrowed(text),
                    secs: None,
                },
                j + n,
            )
        }
        None => {
            if let Some(u) = single_unit(c) {
                let secs = if c == '夭' { Some(86_400) } else { None };
                let text = if secs.is_some() { "s" } else { u };
                (
                    Unit {
                        text: Cow::Borrowed(text),
                        secs,
                    },
                    j + 1,
                )
            } else if c.is_ascii_alphabetic() {
                latin_unit(t, j)?
            } else {
                return None;
            }
        }
    };
    // A pair of measure words (卷/件), unless the slash starts a period (次/年).
    if unit.secs.is_none()
        && t.get(end) == Some(&'/')
        && longest_at(t, end + 1, PER_AFTER_SLASH).is_none()
    {
        if let Some((second, mut e2)) = read_unit(t, end + 1).filter(|(u, _)| u.secs.is_none()) {
            let mut text = format!("{}/{}", unit.text, second.text);
            // 元/人·月, 元/人*月, 元/人、天: a second thing the rate is per, written `·`.
            if matches!(t.get(e2), Some('·' | '*' | '×' | '、' | '•')) {
                if let Some((_, n)) = longest_at(t, e2 + 1, PER_AFTER_SLASH) {
                    text.push('·');
                    text.extend(&t[e2 + 1..e2 + 1 + n]);
                    e2 += 1 + n;
                } else if let Some((third, e3)) =
                    read_unit(t, e2 + 1).filter(|(u, _)| u.secs.is_none())
                {
                    text.push('·');
                    text.push_str(&third.text);
                    e2 = e3;
                }
            }
            return Some((
                Unit {
                    text: Cow::Owned(text),
                    secs: None,
                },
                e2,
            ));
        }
    }
    Some((unit, end))
}

fn latin_unit(t: &[char], j: usize) -> Option<(Unit, usize)> {
    let mut e = j;
    while e < t.len() && t[e].is_ascii_alphabetic() && e - j < 8 {
        e += 1;
    }
    if t.get(e).is_some_and(char::is_ascii_alphabetic) {
        return None; // a word, not a unit
    }
    let word: String = t[j..e].iter().collect();
    if let Some(&(_, secs)) = LATIN_TIME_UNITS.iter().find(|(w, _)| *w == word) {
        return Some((
            Unit {
                text: Cow::Borrowed("s"),
                secs: Some(secs),
            },
            e,
        ));
    }
    // Superscripts, and the OCR-detached or plain-digit forms of m² and m³.
    let mut text = word;
    match t.get(e) {
        Some('²') | Some('³') => {
            text.push(t[e]);
            e += 1;
        }
        Some(&d @ ('2' | '3'))
            if matches!(text.as_str(), "m" | "km" | "cm" | "mm" | "dm")
                && !t.get(e + 1).is_some_and(char::is_ascii_digit) =>
        {
            text.push(if d == '2' { '²' } else { '³' });
            e += 1;
        }
        _ => {}
    }
    let text = match LATIN_UNITS.iter().find(|u| **u == text) {
        Some(u) => Cow::Borrowed(*u),
        None => Cow::Owned(text),
    };
    Some((Unit { text, secs: None }, e))
}

fn multi_unit_at(t: &[char], j: usize) -> bool {
    UNIT_WORDS
        .longest_at(t, j)
        .is_some_and(|(secs, _)| secs.is_none())
}

/// A number with its magnitude and unit at `i`.
fn measure(t: &[char], i: usize, ascii: bool) -> Option<Measure> {
    let (number, mut j) = if ascii {
        ascii_number(t, i)?
    } else {
        chinese_number(t, i)?
    };
    let is_year = ascii
        && j - i == 4
        && (Decimal::from(1900)..=Decimal::from(2199)).contains(&number)
        && matches!(t.get(j), Some('年'));
    let mut more = false;
    if matches!(t.get(j), Some('余' | '多')) {
        more = true;
        j += 1;
    }
    let mut mag: Option<Decimal> = None;
    while j < t.len() {
        let Some(m) = magnitude(t[j]) else { break };
        if multi_unit_at(t, j) {
            break; // 千米, 百分点: a unit, not a magnitude
        }
        if !ascii && !matches!(t[j], '万' | '亿') {
            break; // 十百千 are already part of a Chinese numeral
        }
        mag = Some(mag.unwrap_or(Decimal::ONE).checked_mul(Decimal::from(m))?);
        j += 1;
    }
    if !more && matches!(t.get(j), Some('余' | '多')) {
        more = true;
        j += 1;
    }
    let mut unit = read_unit(t, j);
    let mut number = number;
    // 圆 is 元 in a sum written in words (壹仟贰佰圆整); elsewhere it begins words such as 圆满.
    if unit.is_none() && !ascii && t.get(j) == Some(&'圆') {
        unit = Some((
            Unit {
                text: Cow::Borrowed("元"),
                secs: None,
            },
            j + 1,
        ));
    }
    if let Some((u, e)) = &unit {
        j = *e;
        // 壹佰元伍角, 叁拾元零伍分, 贰佰元整: the 角 and 分 of a sum, and 整.
        if u.text == "元" && mag.is_none() {
            if let Some((fraction, e)) = money_tail(t, j) {
                number = number.checked_add(fraction)?;
                j = e;
            }
        }
    }
    Some(Measure {
        number,
        magnitude: mag,
        unit: unit.map(|(u, _)| u),
        end: j,
        more,
        is_year,
    })
}

fn quantity(t: &[char]) -> Option<Value> {
    let ascii = has_ascii_digit(t);
    for i in 0..t.len() {
        let c = t[i];
        let starts = if ascii {
            c.is_ascii_digit()
                && (i == 0 || !(t[i - 1].is_ascii_digit() || t[i - 1] == '.' || t[i - 1] == ','))
        } else {
            is_cn_numeral(c) && (i == 0 || !is_cn_numeral(t[i - 1]))
        };
        if starts {
            if let Some(v) = quantity_at(t, i, ascii) {
                return Some(v);
            }
        }
    }
    None
}

/// Comparators that count when they open a longer subject (`至少全年完成2次`, `不少于本年度开展3次`).
const SUBJECT_OPS: &[(&str, Op)] = &[
    ("至少", Op::Ge),
    ("不少于", Op::Ge),
    ("不低于", Op::Ge),
    ("不小于", Op::Ge),
    ("大于等于", Op::Ge),
    ("不超过", Op::Le),
    ("不超出", Op::Le),
    ("不高于", Op::Le),
    ("不多于", Op::Le),
    ("不大于", Op::Le),
    ("小于等于", Op::Le),
];

/// Subject text longer than this before the number, together with trailing text longer than
/// [`MAX_TRAILING_WITH_SUBJECT`], means the number is inside a sentence, not the cell's value.
const MAX_SUBJECT_WITH_TRAILING: usize = 6;
const MAX_TRAILING_WITH_SUBJECT: usize = 4;

fn quantity_at(t: &[char], i: usize, ascii: bool) -> Option<Value> {
    if i > 0 && t[i - 1] == '第' {
        return None; // an ordinal (第八批, 第3期)
    }
    if i > 0 && (t[i - 1].is_ascii_alphabetic() || matches!(t[i - 1], '+' | '#' | '_' | '*')) {
        return None; // a code (T+1, GB50300, 2#楼), not a quantity
    }
    let mut m1 = measure(t, i, ascii)?;
    if m1.is_year || is_month_date(t, &m1) {
        return None;
    }
    // 百分之九十: the percent is written before the number.
    let percent_word = i >= 3 && at(t, i - 3, "百分之");
    if percent_word && m1.unit.is_none() {
        m1.unit = Some(Unit {
            text: Cow::Borrowed("%"),
            secs: None,
        });
    }
    let i = if percent_word { i - 3 } else { i };
    // ±3%: a tolerance, the range from minus to plus the number.
    let tolerance = i > 0 && t[i - 1] == '±';
    // A minus sign, or 负 (负一个), before the number.
    let negative = i > 0
        && (t[i - 1] == '负'
            || t[i - 1] == '-'
                && (i == 1 || !(t[i - 2].is_ascii_digit() || read_unit(t, i - 2).is_some())));
    let number_start = if negative || tolerance { i - 1 } else { i };
    let mut j = m1.end;

    // A range: 2—3家, 约 76—77 万页, 80%-90%.
    let mut m2: Option<Measure> = None;
    if j + 1 < t.len() && matches!(t[j], '-' | '~' | '至' | '到') {
        let k = j + 1;
        let next_is_number = if ascii {
            t[k].is_ascii_digit()
        } else {
            is_cn_numeral(t[k])
        };
        if next_is_number {
            if let Some(m) = measure(t, k, ascii).filter(|m| !m.is_year) {
                j = m.end;
                m2 = Some(m);
            }
        }
    }
    if let Some(m2) = &mut m2 {
        // 万 and the unit written once distribute over both bounds.
        if m1.unit.is_none() {
            if m1.magnitude.is_none() {
                m1.magnitude = m2.magnitude;
            }
            m1.unit = m2.unit.clone();
        } else if m2.unit.is_none() {
            m2.unit = m1.unit.clone();
        }
    }

    let mut per: Option<Per> = None;
    if t.get(j) == Some(&'/') {
        if let Some((p, n)) = longest_at(t, j + 1, PER_AFTER_SLASH) {
            per = Some(p);
            j += 1 + n;
        }
    }
    let suffix_op = SUFFIX_OP_WORDS.longest_at(t, j).map(|(op, n)| {
        j += n;
        op
    });
    let trailing = &t[j..];

    let (prefix_op, subject_end) = match PREFIX_OP_WORDS.longest_ending(t, number_start) {
        Some((op, start)) => (Some(op), start),
        // 至少全年完成2次: a comparator that opens the subject. Only words that cannot begin a noun: 最低 begins
        // 最低生活保障 (低保), whose counts are no minimum.
        None => match longest_at(t, 0, SUBJECT_OPS) {
            Some((op, n)) if n < number_start => (Some(op), number_start),
            _ => (None, number_start),
        },
    };
    // 约 before another comparator word is still approximate (约不少于 is rare; 约 alone is common).
    let approx = prefix_op == Some(Op::Approx)
        || (subject_end > 0 && ends_at(t, subject_end, "约").is_some());
    let prefix = &t[..subject_end];

    // Is this number the cell's value, or a number inside a sentence?
    let bare = m1.unit.is_none()
        && m1.magnitude.is_none()
        && m2.is_none()
        && suffix_op.is_none()
        && per.is_none();
    if bare && trailing.first().is_some_and(|&c| is_cjk(c)) {
        return None; // 14时个: the digits run into words
    }
    if trailing
        .first()
        .is_some_and(|&c| matches!(c, '=' | '≥' | '≤' | '<' | '>'))
        && has_ascii_digit(trailing)
    {
        return None; // 5=50%: the number before a comparator is debris; the one after it is the value
    }
    // A Chinese numeral counts only with a unit or a comparator (一定效果, 统一), or alone in its cell (一百).
    let alone = number_start == 0 && j == t.len();
    if !ascii && m1.unit.is_none() && prefix_op.is_none() && !alone {
        return None;
    }
    let mut quals = Quals::EMPTY;
    let mut subject_len = prefix.len();
    // Qualifier and frequency words have two characters or more: most values have no such prefix, and
    // skip the search for each word.
    let worded = prefix.len() >= 2;
    for &(w, q) in QUALS.iter().filter(|_| worded) {
        if contains(prefix, w) {
            quals.insert(q);
            subject_len = subject_len.saturating_sub(w.chars().count());
        }
    }
    if per.is_none() && worded {
        per = PER_ANYWHERE
            .iter()
            .find(|(w, _)| contains(prefix, w))
            .map(|&(_, p)| p);
    }
    if per.is_none() {
        per = longest_ending(t, subject_end, PER_ADJACENT).map(|(p, _)| p);
    }
    if subject_len > MAX_SUBJECT_WITH_TRAILING && trailing.len() > MAX_TRAILING_WITH_SUBJECT {
        return None;
    }

    let op = if m2.is_some() || tolerance {
        if approx {
            Some(Op::Approx)
        } else {
            prefix_op.filter(|o| *o != Op::Eq)
        }
    } else {
        Some(
            prefix_op
                .or(suffix_op)
                .unwrap_or(if m1.more { Op::Gt } else { Op::Eq }),
        )
    };

    let scaled = |m: &Measure, negative: bool| -> Option<Decimal> {
        let mut v = m.number;
        if let Some(g) = m.magnitude {
            v = v.checked_mul(g)?;
        }
        if let Some(secs) = m.unit.as_ref().and_then(|u| u.secs) {
            v = v.checked_mul(Decimal::from(secs))?;
        }
        Some(if negative { -v } else { v }.normalize())
    };
    // A currency sign or 人民币 written before the number is the unit 元.
    if m1.unit.is_none()
        && (prefix.last().is_some_and(|&c| matches!(c, '¥' | '￥'))
            || ends_at(prefix, prefix.len(), "人民币").is_some())
    {
        m1.unit = Some(Unit {
            text: Cow::Borrowed("元"),
            secs: None,
        });
    }
    let mut unit = m1.unit.as_ref().map(|u| u.text.clone());
    let is_time = m1.unit.as_ref().is_some_and(|u| u.secs.is_some());
    // 每户补助2000元 is 2000 元/户: a rate, whose unit names what it is per.
    if let Some(per_what) = (!is_time).then(|| rate_denominators(prefix)).flatten() {
        unit = Some(Cow::Owned(format!(
            "{}/{per_what}",
            unit.as_deref().unwrap_or("")
        )));
        per = None;
    }

    let mut v = match &m2 {
        None if tolerance => {
            let mut v = Value::of_kind(Kind::Range);
            let x = scaled(&m1, false)?;
            v.low = Some(-x);
            v.high = Some(x);
            v
        }
        Some(m2) => {
            let mut v = Value::of_kind(Kind::Range);
            v.low = Some(scaled(&m1, negative)?);
            v.high = Some(scaled(m2, false)?);
            v
        }
        None => {
            let mut v = Value::of_kind(if is_time {
                Kind::Duration
            } else {
                Kind::Number
            });
            let x = scaled(&m1, negative)?;
            v.value = Some(x);
            if is_time {
                v.duration_s = Some(x);
            }
            v
        }
    };
    v.op = op;
    v.unit = unit;
    v.qual = quals;
    v.per = per;
    Some(v)
}

/// `每亩300`, `每户补助2000元`, `每人每月300元`: what a quantity is per, written before it as 每 and a measure word
/// (`亩`, `人·月`). `None` when every 每 names a period: 每月1次 is a frequency (its period is `per`), not a rate.
fn rate_denominators(prefix: &[char]) -> Option<String> {
    if !prefix.contains(&'每') {
        return None;
    }
    let mut parts: Vec<Cow<'static, str>> = Vec::new();
    let mut noun = false;
    let mut k = 0;
    while k < prefix.len() {
        if prefix[k] == '每' {
            if let Some((p, n)) = longest_at(prefix, k, PER_ANYWHERE) {
                parts.push(Cow::Borrowed(p.as_str()));
                k += n;
                continue;
            }
            let after = if prefix.get(k + 1) == Some(&'个') {
                k + 2
            } else {
                k + 1
            };
            if let Some((u, e)) = read_unit(prefix, after).filter(|(u, _)| u.secs.is_none()) {
                parts.push(u.text);
                noun = true;
                k = e;
                continue;
            }
        }
        k += 1;
    }
    noun.then(|| parts.join("·"))
}

/// `万级`, `千万级`: an order of magnitude with no digits.
fn magnitude_only(t: &[char]) -> Option<Value> {
    let (last, head) = t.split_last()?;
    if *last != '级' || head.is_empty() {
        return None;
    }
    let mut value = Decimal::ONE;
    for &c in head {
        value = value.checked_mul(Decimal::from(magnitude(c)?))?;
    }
    let mut v = Value::of_kind(Kind::Number);
    v.op = Some(Op::Approx);
    v.value = Some(value);
    Some(v)
}

/// Several clauses. A list of frequencies (`半年6次,一年12次`) reads as its yearly clause; anything else is text.
fn compound(t: &[char]) -> Value {
    let mut chosen: Option<Value> = None;
    let mut all_frequencies = true;
    for clause in clauses(t) {
        let clause = trim_noise(clause);
        if clause.is_empty() {
            continue;
        }
        match quantity(clause) {
            Some(v) if v.per.is_some() && matches!(v.kind, Kind::Number | Kind::Duration) => {
                if chosen.as_ref().is_none_or(|c| c.per != Some(Per::Year)) {
                    chosen = Some(v);
                }
            }
            _ => all_frequencies = false,
        }
    }
    if let Some(v) = chosen.filter(|_| all_frequencies) {
        return v;
    }
    // A list of tasks that opens with 完成 (完成A、B和C) reports them done.
    let mut v = text_value(t);
    if v.kind == Kind::Qualitative && (at(t, 0, "完成") || at(t, 0, "已完成")) {
        v.level = Some(super::Level::Done);
    }
    v
}

/// One clause read as a value with a quantity, a date or a reference to the budget.
fn read_clause(t: &[char], cx: &Context) -> Option<Value> {
    budget_ref(t)
        .or_else(|| date_value(t, cx.year))
        .or_else(|| magnitude_only(t))
        .or_else(|| quantity(t))
}

/// Where the first clause ends: the index of its separator (see [`clauses`]).
fn first_clause_end(t: &[char]) -> Option<usize> {
    let first = clauses(t).next()?;
    // `clauses` yields sub-slices of `t`: the first one's end is its offset plus its length.
    let start = (first.as_ptr() as usize - t.as_ptr() as usize) / std::mem::size_of::<char>();
    let end = start + first.len();
    (end < t.len()).then_some(end)
}

// ---------------------------------------------------------------------------------------------------------------
// Grades, references and free text

/// Comparator words that may stand before a grade or a named quantity (`不低于良好`, `≥考核年份党员总数`).
/// 为, 达 and 约 are left out: they begin too many ordinary words (达标, 为民).
fn leading_comparator(t: &[char]) -> Option<(Op, usize)> {
    let (op, n) = PREFIX_OP_WORDS.longest_at(t, 0)?;
    let word_is_weak = n == 1 && matches!(t[0], '为' | '达' | '约');
    (!word_is_weak && op != Op::Approx).then_some((op, n))
}

fn qualitative(t: &[char]) -> Value {
    // 应保尽保% : the unit column's % glued to a grade.
    let t = match t.split_last() {
        Some(('%', head)) if !head.is_empty() => head,
        _ => t,
    };
    let mut v = Value::of_kind(Kind::Qualitative);
    if let Some(level) = level_of(t) {
        v.level = Some(level);
        return v;
    }
    if let Some((op, n)) = leading_comparator(t) {
        let rest = &t[n..];
        if !rest.is_empty() && !has_ascii_digit(rest) {
            v.op = Some(op);
            match level_of(rest) {
                Some(level) => v.level = Some(level),
                None => v.reference = Some(owned(rest)),
            }
            return v;
        }
    }
    for (w, op) in [
        ("及以上", Op::Ge),
        ("或以上", Op::Ge),
        ("以上", Op::Ge),
        ("及以下", Op::Le),
        ("以下", Op::Le),
    ] {
        if let Some(st) = ends_at(t, t.len(), w) {
            if let Some(level) = level_of(&t[..st]) {
                v.op = Some(op);
                v.level = Some(level);
                return v;
            }
        }
    }
    if t.len() <= 12
        && !has_ascii_digit(t)
        && REF_NOUNS.iter().any(|w| ends_at(t, t.len(), w).is_some())
    {
        v.op = Some(Op::Eq);
        v.reference = Some(owned(t));
        return v;
    }
    text_value(t)
}

/// Free text: qualitative without a grade if it has Chinese in it, else unknown.
fn text_value(t: &[char]) -> Value {
    if t.iter().any(|&c| is_cjk(c)) {
        Value::of_kind(Kind::Qualitative)
    } else {
        Value::of_kind(Kind::Unknown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Percent written as a word after the number is a percent; percentage points stay points.
    #[test]
    fn percent_and_percentage_points_written_as_words() {
        let read = |t: &str| {
            let v = parse(t);
            (
                v.kind,
                v.op,
                v.value.map(|d| d.to_string()),
                v.unit.map(|u| u.to_string()),
            )
        };
        let pct = |op, n: &str| {
            (
                Kind::Number,
                Some(op),
                Some(n.to_owned()),
                Some("%".to_owned()),
            )
        };
        assert_eq!(read("≥100百分比"), pct(Op::Ge, "100"));
        assert_eq!(read("=99百分比"), pct(Op::Eq, "99"));
        assert_eq!(read("百分之九十"), pct(Op::Eq, "90"));
        let points = read("提高5个百分点");
        assert_eq!(
            (points.2.as_deref(), points.3.as_deref()),
            (Some("5"), Some("百分点"))
        );
    }

    /// `quantity` skips the qualifier and frequency words for a prefix of fewer than two characters.
    #[test]
    fn prefix_words_have_two_characters() {
        for w in QUALS
            .iter()
            .map(|(w, _)| *w)
            .chain(PER_ANYWHERE.iter().map(|(w, _)| *w))
        {
            assert!(w.chars().count() >= 2, "{w}");
        }
    }
}
