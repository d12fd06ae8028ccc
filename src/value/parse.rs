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
use super::normalize::fold_into;
use super::numeral::{ascii_number, chinese_number, is_cn_numeral};
use super::{Date, Kind, Op, Per, Quals, Value};

/// Reads one cell, with this thread's [`Parser`] (its scratch buffers kept from one call to the next).
pub fn parse(text: &str) -> Value {
    // One parser per thread: a new one allocated its two buffers for every cell (a sixth of the allocations
    // made reading a document). Each parse clears them first, so the result never depends on the one before.
    thread_local! {
        static PARSER: std::cell::RefCell<Parser> = std::cell::RefCell::new(Parser::new());
    }
    PARSER.with(|p| match p.try_borrow_mut() {
        Ok(mut p) => {
            let v = p.parse(text);
            // A huge cell does not keep its buffers' memory for the thread's lifetime.
            if p.folded.capacity() > 4096 || p.work.capacity() > 4096 {
                *p = Parser::new();
            }
            v
        }
        Err(_) => Parser::new().parse(text),
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
        let Parser { folded, work } = self;
        if !fold_into(text, folded) {
            return Value::of_kind(Kind::Unknown);
        }
        let s = trim_noise(folded);
        if s.is_empty() || is_none_marker(s) {
            return Value::of_kind(Kind::None);
        }
        strip_parens(s, work);
        let t = trim_noise(if work.is_empty() { s } else { work });
        if t.is_empty() {
            return Value::of_kind(Kind::Unknown);
        }
        read(t)
    }
}

fn read(t: &[char]) -> Value {
    if let Some(v) = budget_ref(t) {
        return v;
    }
    if let Some(v) = date_value(t) {
        return v;
    }
    if let Some(v) = magnitude_only(t) {
        return v;
    }
    if clauses(t).nth(1).is_some() {
        return compound(t);
    }
    if let Some(v) = quantity(t) {
        return v;
    }
    qualitative(t)
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
    s.iter().all(|&c| c == '-' || c == '/')
        || (s.len() <= 4
            && NONE_MARKERS
                .iter()
                .any(|w| w.chars().count() == s.len() && at(s, 0, w)))
}

/// Copies `s` into `out` without parenthetical remarks (`9个(含区)`, `不少于2人(含参加招聘人数)`). A parenthesis
/// that holds only a unit right after a number (`95(%)`) keeps its content. `out` stays empty when nothing was
/// removed or everything would be.
fn strip_parens(s: &[char], out: &mut Vec<char>) {
    out.clear();
    if !s.iter().any(|&c| c == '(' || c == ')') {
        return;
    }
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
                    if after_digit
                        && !inner.is_empty()
                        && read_unit(inner, 0).is_some_and(|(_, e)| e == inner.len())
                    {
                        out.extend_from_slice(inner);
                        i = close + 1;
                        continue;
                    }
                }
            }
            depth += 1;
        } else if c == ')' {
            depth = depth.saturating_sub(1);
        } else if depth == 0 {
            out.push(c);
        }
        i += 1;
    }
    if out.is_empty() {
        out.extend(s.iter().copied().filter(|&c| c != '(' && c != ')'));
    }
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
            if is_clause_sep(c) && !thousands {
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

const DEADLINE_BEFORE: &[&str] = &["不晚于", "截至", "截止", "≤", "<=", "<", "最迟", "最晚"];
const DEADLINE_AFTER: &[&str] = &["之前", "以前", "前", "以内", "之内", "内", "为止", "止"];
const START_BEFORE: &[&str] = &["不早于", "≥", ">=", ">"];
const START_AFTER: &[&str] = &["之后", "以后", "后", "起"];

fn date_value(t: &[char]) -> Option<Value> {
    let i = t.iter().position(char::is_ascii_digit)?;
    let prefix = &t[..i];
    if prefix.len() > 8 {
        return None;
    }
    if let Some(v) = year_span(t, i) {
        return Some(v);
    }
    let Some((mut date, mut precision, mut j)) = date_at(t, i) else {
        return date_without_year(t, i);
    };
    // A span (2024年1月-2024年12月, 2022-2024年): the deadline is its end.
    let mut span = false;
    if j < t.len() && matches!(t[j], '-' | '至' | '到' | '~') {
        if let Some((d2, p2, e2)) = date_at(t, j + 1) {
            (date, precision, j, span) = (d2, p2, e2, true);
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
    } else if span || (precision == Precision::Year && !rest.is_empty()) {
        Op::Le // a year and an event is a deadline (2025年完成…)
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

/// `12月31日前`, `6月底前`: a date without its year. The kind and comparator are known, the date is not.
fn date_without_year(t: &[char], i: usize) -> Option<Value> {
    let (_, e) =
        small_number(t, i).filter(|&(m, e)| (1..=12).contains(&m) && t.get(e) == Some(&'月'))?;
    let mut j = e + 1;
    if let Some((_, e2)) = small_number(t, j)
        .filter(|&(d, e2)| (1..=31).contains(&d) && matches!(t.get(e2), Some('日' | '号')))
    {
        j = e2 + 1;
    } else if let Some(w) = ["底", "末", "下旬", "中旬", "上旬"]
        .iter()
        .find(|w| at(t, j, w))
    {
        j += w.chars().count();
    } else {
        return None;
    }
    let rest = &t[j..];
    if has_ascii_digit(rest) {
        return None;
    }
    let mut v = Value::of_kind(Kind::Date);
    v.op = Some(
        if DEADLINE_BEFORE.iter().any(|w| contains(&t[..i], w))
            || DEADLINE_AFTER.iter().any(|w| at(rest, 0, w))
        {
            Op::Le
        } else {
            Op::Eq
        },
    );
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
        if let Some((second, e2)) = read_unit(t, end + 1).filter(|(u, _)| u.secs.is_none()) {
            let text = format!("{}/{}", unit.text, second.text);
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
    let unit = read_unit(t, j);
    if let Some((_, e)) = unit {
        j = e;
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
    if m1.is_year {
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
    let negative = i > 0
        && t[i - 1] == '-'
        && (i == 1 || !(t[i - 2].is_ascii_digit() || read_unit(t, i - 2).is_some()));
    let number_start = if negative { i - 1 } else { i };
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
        None => (None, number_start),
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
    if !ascii && m1.unit.is_none() && prefix_op.is_none() {
        return None; // a Chinese numeral counts only with a unit or a comparator (一定效果, 统一)
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

    let op = if m2.is_some() {
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
    let unit = m1.unit.as_ref().map(|u| u.text.clone());
    let is_time = m1.unit.as_ref().is_some_and(|u| u.secs.is_some());

    let mut v = match &m2 {
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
    match chosen {
        Some(v) if all_frequencies => v,
        _ => text_value(t),
    }
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
