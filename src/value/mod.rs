//! Value expressions: what a target (指标值 / 年度指标值 / 当年度目标值) or actual (实际完成值) cell says.
//!
//! [`parse`] reads one cell into a [`Value`]; [`Parser`] does the same with reusable buffers for bulk work;
//! [`crate::columns::ValueColumns`] holds many parsed values as columns.
//!
//! The conventions follow `shared/gold/VALUES.md`: magnitudes (万, 亿) are applied to `value` and dropped from the
//! unit, the percent sign is a unit, durations are in seconds, dates are `YYYY-MM-DD`.

mod date;
mod lexicon;
pub(crate) mod normalize;
mod numeral;
mod parse;

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use date::Date;
pub use numeral::cn_digit as numeral_digit;
pub use parse::{parse, parse_in, Parser};

/// What kind of statement a cell makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Kind {
    /// A quantity, with an optional comparator and unit: `≥95%`, `1.4 万 km ²`.
    Number = 0,
    /// Two bounds: `2—3家`, `约 76—77 万页`.
    Range = 1,
    /// A calendar date or deadline: `2025年9月30日前`, `2024年底`.
    Date = 2,
    /// A span of time, in seconds: `3个月内`, `≤180S`.
    Duration = 3,
    /// A grade or statement without a number: `达标`, `有效提升`, `≥考核年份党员总数`.
    Qualitative = 4,
    /// A comparison against the budget: `不超年度预算`.
    BudgetRef = 5,
    /// An empty marker: `/`, `无`, `不涉及`.
    None = 6,
    /// Text that could not be read as a value (kept as written).
    Unknown = 7,
}

impl Kind {
    /// Every kind, in code order (the code is the position).
    pub const ALL: [Kind; 8] = [
        Kind::Number,
        Kind::Range,
        Kind::Date,
        Kind::Duration,
        Kind::Qualitative,
        Kind::BudgetRef,
        Kind::None,
        Kind::Unknown,
    ];

    /// The canonical name used in the gold files and DataFrames.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Range => "range",
            Kind::Date => "date",
            Kind::Duration => "duration",
            Kind::Qualitative => "qualitative",
            Kind::BudgetRef => "budget_ref",
            Kind::None => "none",
            Kind::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The comparator a cell states or implies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[repr(u8)]
pub enum Op {
    #[serde(rename = ">=")]
    Ge = 0,
    #[serde(rename = "<=")]
    Le = 1,
    #[serde(rename = ">")]
    Gt = 2,
    #[serde(rename = "<")]
    Lt = 3,
    #[serde(rename = "=")]
    Eq = 4,
    /// Approximately (约, 左右).
    #[serde(rename = "~")]
    Approx = 5,
}

impl Op {
    /// Every comparator, in code order.
    pub const ALL: [Op; 6] = [Op::Ge, Op::Le, Op::Gt, Op::Lt, Op::Eq, Op::Approx];

    /// The symbol used in the gold files and DataFrames.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Lt => "<",
            Op::Eq => "=",
            Op::Approx => "~",
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Qualifiers written before a quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Qual {
    /// 累计: a running total, not this year's amount.
    Cumulative = 0,
    /// 年均: a yearly average.
    AnnualAvg = 1,
    /// 新增: an increment on the existing stock.
    Increment = 2,
}

impl Qual {
    /// Every qualifier, in bit order.
    pub const ALL: [Qual; 3] = [Qual::Cumulative, Qual::AnnualAvg, Qual::Increment];

    /// The name used in the gold files and DataFrames.
    pub fn as_str(self) -> &'static str {
        match self {
            Qual::Cumulative => "cumulative",
            Qual::AnnualAvg => "annual_avg",
            Qual::Increment => "increment",
        }
    }
}

/// A small set of [`Qual`]s, stored as bits (a cell rarely has more than one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Quals(u8);

impl Quals {
    /// The empty set.
    pub const EMPTY: Quals = Quals(0);

    /// Adds a qualifier.
    pub fn insert(&mut self, q: Qual) {
        self.0 |= 1 << (q as u8);
    }

    /// Whether the set holds `q`.
    pub fn contains(self, q: Qual) -> bool {
        self.0 & (1 << (q as u8)) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The raw bits (bit `n` is `Qual::ALL[n]`).
    pub fn bits(self) -> u8 {
        self.0
    }

    /// The qualifiers in bit order.
    pub fn iter(self) -> impl Iterator<Item = Qual> {
        Qual::ALL.into_iter().filter(move |q| self.contains(*q))
    }
}

impl Serialize for Quals {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Quals {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let list = Vec::<Qual>::deserialize(d)?;
        let mut q = Quals::EMPTY;
        for x in list {
            q.insert(x);
        }
        Ok(q)
    }
}

/// The period of a frequency: 每月1次 is one 次 per 月.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[repr(u8)]
pub enum Per {
    #[serde(rename = "日")]
    Day = 0,
    #[serde(rename = "周")]
    Week = 1,
    #[serde(rename = "月")]
    Month = 2,
    #[serde(rename = "季度")]
    Quarter = 3,
    #[serde(rename = "半年")]
    HalfYear = 4,
    #[serde(rename = "年")]
    Year = 5,
}

impl Per {
    /// Every period, in code order.
    pub const ALL: [Per; 6] = [
        Per::Day,
        Per::Week,
        Per::Month,
        Per::Quarter,
        Per::HalfYear,
        Per::Year,
    ];

    /// The name used in the gold files and DataFrames.
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Day => "日",
            Per::Week => "周",
            Per::Month => "月",
            Per::Quarter => "季度",
            Per::HalfYear => "半年",
            Per::Year => "年",
        }
    }
}

/// A grade from the closed vocabulary of qualitative cells (see `VALUES.md`, "Qualitative vocabulary").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[repr(u8)]
pub enum Level {
    #[serde(rename = "是")]
    Yes = 0,
    #[serde(rename = "否")]
    No = 1,
    #[serde(rename = "完成")]
    Done = 2,
    #[serde(rename = "未完成")]
    NotDone = 3,
    #[serde(rename = "按时")]
    OnTime = 4,
    #[serde(rename = "达标")]
    UpToStandard = 5,
    #[serde(rename = "通过")]
    Passed = 6,
    #[serde(rename = "提升")]
    Improved = 7,
    #[serde(rename = "降低")]
    Reduced = 8,
    #[serde(rename = "优")]
    Excellent = 9,
    #[serde(rename = "优良")]
    Fine = 10,
    #[serde(rename = "良好")]
    Good = 11,
    #[serde(rename = "中")]
    Fair = 12,
    #[serde(rename = "差")]
    Poor = 13,
    #[serde(rename = "显著")]
    Marked = 14,
    #[serde(rename = "有效")]
    Effective = 15,
    #[serde(rename = "长期")]
    LongTerm = 16,
    #[serde(rename = "节约")]
    Saved = 17,
    #[serde(rename = "全覆盖")]
    FullCoverage = 18,
    /// 达成年度指标 (the official top band for qualitative results).
    #[serde(rename = "达成")]
    Achieved = 19,
    /// 部分达成年度指标并具有一定效果 (the official middle band).
    #[serde(rename = "部分达成")]
    PartlyAchieved = 20,
    /// 未达成年度指标且效果较差 (the official bottom band).
    #[serde(rename = "未达成")]
    NotAchieved = 21,
    #[serde(rename = "满意")]
    Satisfied = 22,
    #[serde(rename = "合格")]
    Qualified = 23,
}

impl Level {
    /// Every level, in code order.
    pub const ALL: [Level; 24] = [
        Level::Yes,
        Level::No,
        Level::Done,
        Level::NotDone,
        Level::OnTime,
        Level::UpToStandard,
        Level::Passed,
        Level::Improved,
        Level::Reduced,
        Level::Excellent,
        Level::Fine,
        Level::Good,
        Level::Fair,
        Level::Poor,
        Level::Marked,
        Level::Effective,
        Level::LongTerm,
        Level::Saved,
        Level::FullCoverage,
        Level::Achieved,
        Level::PartlyAchieved,
        Level::NotAchieved,
        Level::Satisfied,
        Level::Qualified,
    ];

    /// The canonical word.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Yes => "是",
            Level::No => "否",
            Level::Done => "完成",
            Level::NotDone => "未完成",
            Level::OnTime => "按时",
            Level::UpToStandard => "达标",
            Level::Passed => "通过",
            Level::Improved => "提升",
            Level::Reduced => "降低",
            Level::Excellent => "优",
            Level::Fine => "优良",
            Level::Good => "良好",
            Level::Fair => "中",
            Level::Poor => "差",
            Level::Marked => "显著",
            Level::Effective => "有效",
            Level::LongTerm => "长期",
            Level::Saved => "节约",
            Level::FullCoverage => "全覆盖",
            Level::Achieved => "达成",
            Level::PartlyAchieved => "部分达成",
            Level::NotAchieved => "未达成",
            Level::Satisfied => "满意",
            Level::Qualified => "合格",
        }
    }
}

/// One cell read as a value. Units and references are `Cow<'static, str>`: the common ones are static strings
/// from the lexicon, so parsing a cell does not allocate in the common case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Value {
    pub kind: Kind,
    pub op: Option<Op>,
    /// The quantity with magnitudes applied (seconds for durations).
    pub value: Option<Decimal>,
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    /// The unit without magnitude (`万元` → `元`); `s` for durations.
    pub unit: Option<Cow<'static, str>>,
    pub date: Option<Date>,
    /// The duration in seconds (the same as `value` for durations).
    pub duration_s: Option<Decimal>,
    pub level: Option<Level>,
    #[serde(default, skip_serializing_if = "Quals::is_empty")]
    #[schemars(with = "Vec<Qual>")]
    pub qual: Quals,
    pub per: Option<Per>,
    /// The quantity a comparison refers to (`预算`, `考核年份党员总数`).
    #[serde(rename = "ref")]
    pub reference: Option<Cow<'static, str>>,
    /// A remark beside the value that is not part of it: a bracket after the value (`100%(历史标准)` →
    /// `历史标准`) or a clause after it (`≥95%;以抽查结果为准` → `以抽查结果为准`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotation: Option<Cow<'static, str>>,
    /// The value was repaired from a known OCR confusion (`290%` as the target of a rate is `≥90%`): the
    /// printed text says something else, so a reader should look at the source.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ocr_repaired: bool,
}

impl Value {
    /// An empty value of the given kind.
    pub fn of_kind(kind: Kind) -> Self {
        Value {
            kind,
            op: None,
            value: None,
            low: None,
            high: None,
            unit: None,
            date: None,
            duration_s: None,
            level: None,
            qual: Quals::EMPTY,
            per: None,
            reference: None,
            annotation: None,
            ocr_repaired: false,
        }
    }
}

/// What the caller knows about a cell beyond its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// The table's year: a date written without one (`12月31日前`) gets it.
    pub year: Option<u16>,
    /// Which column the cell is from.
    pub role: Role,
}

/// The column a cell comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Role {
    /// Not known (a string given alone): read as a target would be.
    #[default]
    Unknown,
    /// 指标值 / 年度指标值: a target.
    Target,
    /// 实际完成值: an actual.
    Actual,
}

/// A unit printed alone, in a column of its own (`人`, `%`, `万元`, `万立方米`, `人/天`): no number, only unit words
/// (with a magnitude before them and `/` between them).
pub fn is_unit_only(text: &str) -> bool {
    let s: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() || s.len() > 8 || s.iter().any(char::is_ascii_digit) {
        return false;
    }
    s.split(|c| *c == '/' || *c == '／' || *c == '·')
        .all(|part| {
            // A unit word that starts with a magnitude character (`百分比`, `千米`) is a unit as it stands.
            if lexicon::UNIT_WORDS
                .longest_at(part, 0)
                .is_some_and(|(_, n)| n == part.len())
            {
                return true;
            }
            let mut i = 0;
            while i < part.len()
                && matches!(part[i], '万' | '亿' | '千' | '百' | '十')
                && i + 1 < part.len()
            {
                i += 1;
            }
            let rest = &part[i..];
            !rest.is_empty()
                && (rest.len() == 1 && lexicon::SINGLE_UNITS.contains(rest[0])
                    || lexicon::UNIT_WORDS
                        .longest_at(rest, 0)
                        .is_some_and(|(_, n)| n == rest.len())
                    || rest.iter().all(|c| lexicon::SINGLE_UNITS.contains(*c)) && rest.len() <= 2)
        })
}
