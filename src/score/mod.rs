//! Re-scoring self-evaluations by the rules: the score each indicator earns from its target and actual, the
//! budget execution score, the total and the grade, beside what the table reports.
//!
//! The formulas and their evidence are in `../shared/DOMAIN.md` section 5 and in `docs/scoring.md`:
//! - more-is-better (≥, >) and equality targets: points × min(actual / target, 1); an `= 0` target earns its
//!   points only when nothing happened;
//! - less-is-better (≤, <, 反向): full points when met, else by the [`ReversePolicy`];
//! - deadlines and time limits: on time or late (full points or none);
//! - qualitative results by band (达成 / 部分达成 / 未达成, floors from the profile): the self-score when it lies
//!   in the band of the stated result, else the nearest score the band allows;
//! - budget execution: points × execution rate (capped at 100% unless the policy says otherwise).
//!
//! Rows that cannot be scored mechanically are [`Status::Unscorable`] with the reason, never guessed.

pub mod columns;
pub mod grade;
pub mod quality;
mod words;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::check::Profile;
use crate::completion::{completion, Direction};
use crate::model::{Cell, Document, Indicator, Table, TableKind};
use crate::value::{Kind, Level, Value};

/// How a missed less-is-better target (反向指标) scores: the two formulas in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReversePolicy {
    /// points × target / actual (湖北式 and other provincial forms). The default.
    Ratio,
    /// points × (1 − (actual − target) / target), 0 from twice the target on (a provincial 预算绩效管理系统,
    /// `selfreverseindex`).
    Linear,
}

impl ReversePolicy {
    pub fn parse(s: &str) -> Option<ReversePolicy> {
        match s {
            "ratio" => Some(ReversePolicy::Ratio),
            "linear" => Some(ReversePolicy::Linear),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ReversePolicy::Ratio => "ratio",
            ReversePolicy::Linear => "linear",
        }
    }
}

/// The choices the rules leave open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    pub reverse: ReversePolicy,
    /// An execution rate above 100% earns at most the points.
    pub execution_cap: bool,
    /// Scale the standard total to the full points when not-applicable rows leave fewer applicable points
    /// (一些地方：用适用指标得分汇总后按百分制折算).
    pub renormalize: bool,
    /// Floors of the qualitative bands, as shares of the points (from the profile).
    pub achieved: Decimal,
    pub partial: Decimal,
}

impl Policy {
    /// The default policy with the profile's qualitative bands.
    pub fn for_profile(profile: &Profile) -> Policy {
        Policy {
            reverse: ReversePolicy::Ratio,
            execution_cap: true,
            renormalize: false,
            achieved: profile.qualitative.achieved,
            partial: profile.qualitative.partial,
        }
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            reverse: ReversePolicy::Ratio,
            execution_cap: true,
            renormalize: false,
            achieved: Decimal::new(8, 1),
            partial: Decimal::new(6, 1),
        }
    }
}

/// Whether a row was scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Status {
    /// The rules give a score.
    Scored = 0,
    /// Declared not applicable (0 points, 不涉及, `/`): excluded.
    NotApplicable = 1,
    /// Target and actual cannot be compared mechanically; `reason` says why.
    Unscorable = 2,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Scored, Status::NotApplicable, Status::Unscorable];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scored => "scored",
            Status::NotApplicable => "not_applicable",
            Status::Unscorable => "unscorable",
        }
    }
}

/// Why a row has the score it has, or none: a small closed list, so that frames can hold it as a category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Method {
    /// points × min(actual / target, 1).
    Proportional = 0,
    /// A less-is-better target, by the reverse policy.
    Reverse = 1,
    /// An `= 0` target: full points when nothing happened.
    ZeroTarget = 2,
    /// A deadline or time limit: on time or late.
    OnTime = 3,
    /// A qualitative result scored within its band.
    Band = 4,
    /// The actual states the target was met (same text, 是, 完成, 达标 …).
    StatedMet = 5,
    /// A cost target against the budget (不超年度预算).
    WithinBudget = 6,
    NotApplicable = 7,
    NoWeight = 8,
    NoTarget = 9,
    NoActual = 10,
    /// The target refers to another quantity (`≥考核年份党员总数`).
    TargetReference = 11,
    /// Target and actual are in different units.
    UnitMismatch = 12,
    /// The actual is text that does not say whether the target was met.
    TextActual = 13,
    /// The target is text that states no level to compare with.
    TextTarget = 14,
}

impl Method {
    pub const ALL: [Method; 15] = [
        Method::Proportional,
        Method::Reverse,
        Method::ZeroTarget,
        Method::OnTime,
        Method::Band,
        Method::StatedMet,
        Method::WithinBudget,
        Method::NotApplicable,
        Method::NoWeight,
        Method::NoTarget,
        Method::NoActual,
        Method::TargetReference,
        Method::UnitMismatch,
        Method::TextActual,
        Method::TextTarget,
    ];

    /// The name used in frames.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Proportional => "proportional",
            Method::Reverse => "reverse",
            Method::ZeroTarget => "zero_target",
            Method::OnTime => "on_time",
            Method::Band => "band",
            Method::StatedMet => "stated_met",
            Method::WithinBudget => "within_budget",
            Method::NotApplicable => "not_applicable",
            Method::NoWeight => "no_weight",
            Method::NoTarget => "no_target",
            Method::NoActual => "no_actual",
            Method::TargetReference => "target_reference",
            Method::UnitMismatch => "unit_mismatch",
            Method::TextActual => "text_actual",
            Method::TextTarget => "text_target",
        }
    }

    /// Why, in Chinese and English.
    pub fn reason(self) -> &'static str {
        match self {
            Method::Proportional => "按完成比例计分 / points × completion",
            Method::Reverse => "反向指标按政策计分 / a less-is-better target, by the reverse policy",
            Method::ZeroTarget => "目标为 0：未发生得满分 / an = 0 target: full points when nothing happened",
            Method::OnTime => "时限指标：按时得满分，逾期不得分 / a deadline: on time or late",
            Method::Band => "定性指标按档次区间计分 / a qualitative result, scored within its band",
            Method::StatedMet => "实际完成情况表明已达成 / the actual states the target was met",
            Method::WithinBudget => "成本指标与预算比较 / a cost target against the budget",
            Method::NotApplicable => "不适用（0 分或不涉及）/ not applicable (0 points or 不涉及)",
            Method::NoWeight => "没有分值 / no weight",
            Method::NoTarget => "没有指标值 / no target",
            Method::NoActual => "没有实际完成值 / no actual",
            Method::TargetReference => "指标值引用其他数量，无法直接比较 / the target refers to another quantity",
            Method::UnitMismatch => "指标值与实际值单位不同 / target and actual are in different units",
            Method::TextActual => "实际完成值为文字，无法判断是否达成 / the actual is text that does not say whether the target was met",
            Method::TextTarget => "指标值为文字，没有可比较的水平 / the target is text with no level to compare",
        }
    }
}

/// The score the rules give one indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndicatorScore {
    pub status: Status,
    pub method: Method,
    /// actual / target (more-is-better), target / actual (less-is-better); None where no ratio applies.
    pub completion: Option<Decimal>,
    /// The score by the rules (None when not scorable; 0 for not-applicable rows).
    pub standard: Option<Decimal>,
}

fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn scored(method: Method, completion: Option<Decimal>, standard: Decimal) -> IndicatorScore {
    IndicatorScore {
        status: Status::Scored,
        method,
        completion,
        standard: Some(round2(standard.max(Decimal::ZERO))),
    }
}

fn unscorable(method: Method) -> IndicatorScore {
    IndicatorScore {
        status: Status::Unscorable,
        method,
        completion: None,
        standard: None,
    }
}

/// What one indicator row gives the scorer; a row of a document or of a user's frame.
pub struct Row<'a> {
    pub weight: Option<Decimal>,
    pub target: Option<&'a Value>,
    pub target_text: &'a str,
    pub actual: Option<&'a Value>,
    pub actual_text: &'a str,
    pub self_score: Option<Decimal>,
    /// The table's full-year budget in 元, for targets such as 不超年度预算.
    pub budget_yuan: Option<Decimal>,
}

const POSITIVE: &[Level] = &[
    Level::Yes,
    Level::Done,
    Level::OnTime,
    Level::UpToStandard,
    Level::Passed,
    Level::Achieved,
    Level::FullCoverage,
    Level::Qualified,
    Level::Satisfied,
    Level::Effective,
    Level::Marked,
    Level::LongTerm,
    Level::Saved,
];
const NEGATIVE: &[Level] = &[Level::No, Level::NotDone, Level::NotAchieved];

/// Equal once white space is ignored (OCR and wrapping put spaces inside words), without allocating.
fn same_text(a: &str, b: &str) -> bool {
    a == b
        || a.chars()
            .filter(|c| !c.is_whitespace())
            .eq(b.chars().filter(|c| !c.is_whitespace()))
}

/// Scores one indicator. The standard score never exceeds the points (rounding 1.875 to two decimals must not
/// give 1.88 of 1.875; found by hypothesis).
pub fn score_row(row: &Row, policy: &Policy) -> IndicatorScore {
    let mut s = score_unclamped(row, policy);
    if let (Some(std), Some(w)) = (s.standard, row.weight) {
        s.standard = Some(std.min(w.max(Decimal::ZERO)));
    }
    s
}

fn score_unclamped(row: &Row, policy: &Policy) -> IndicatorScore {
    let Some(w) = row.weight else {
        return unscorable(Method::NoWeight);
    };
    let none = |v: Option<&Value>| v.is_none_or(|v| v.kind == Kind::None);
    if w.is_zero() || none(row.target) && none(row.actual) {
        return IndicatorScore {
            status: Status::NotApplicable,
            method: Method::NotApplicable,
            completion: None,
            standard: Some(Decimal::ZERO),
        };
    }
    let (Some(t), Some(a)) = (row.target, row.actual) else {
        return unscorable(if row.target.is_none() {
            Method::NoTarget
        } else {
            Method::NoActual
        });
    };
    if t.kind == Kind::None {
        return unscorable(Method::NoTarget);
    }
    if a.kind == Kind::None {
        return unscorable(Method::NoActual);
    }
    // A qualitative result in the official three bands.
    if let Some(level) = a.level.filter(|l| {
        matches!(
            l,
            Level::Achieved | Level::PartlyAchieved | Level::NotAchieved
        )
    }) {
        return band(level, w, row.self_score, policy);
    }
    if let Some(c) = completion(t, a) {
        return match c.direction {
            Direction::Deadline => {
                scored(Method::OnTime, None, if c.met { w } else { Decimal::ZERO })
            }
            Direction::Lower if t.kind == Kind::Duration => scored(
                Method::OnTime,
                c.ratio,
                if c.met { w } else { Decimal::ZERO },
            ),
            Direction::Lower => {
                if c.met {
                    return scored(Method::Reverse, c.ratio, w);
                }
                let standard = match (policy.reverse, c.target.is_zero()) {
                    (_, true) => Decimal::ZERO,
                    (ReversePolicy::Ratio, false) => w * c.target / c.actual,
                    (ReversePolicy::Linear, false) => {
                        if c.actual >= c.target * Decimal::TWO {
                            Decimal::ZERO
                        } else {
                            w * (Decimal::ONE - (c.actual - c.target) / c.target)
                        }
                    }
                };
                scored(Method::Reverse, c.ratio, standard.min(w))
            }
            Direction::Higher | Direction::Equal if c.target.is_zero() => scored(
                Method::ZeroTarget,
                None,
                if c.met { w } else { Decimal::ZERO },
            ),
            Direction::Higher | Direction::Equal => {
                let r = c.ratio.unwrap_or(Decimal::ONE);
                scored(Method::Proportional, Some(r), w * r.min(Decimal::ONE))
            }
        };
    }
    // Targets measured against the budget (不超年度预算, 不超预算).
    if t.kind == Kind::BudgetRef {
        if a.kind == Kind::BudgetRef || same_text(row.target_text, row.actual_text) {
            return scored(Method::WithinBudget, None, w);
        }
        if let (Some(budget), Some(spent), Some("元")) =
            (row.budget_yuan, a.value, a.unit.as_deref())
        {
            let within = spent <= budget;
            return scored(
                Method::WithinBudget,
                None,
                if within { w } else { Decimal::ZERO },
            );
        }
    }
    // Words: the same text, or an actual that states the result.
    let level = a.level;
    if level.is_some_and(|l| NEGATIVE.contains(&l)) {
        return band(Level::NotAchieved, w, row.self_score, policy);
    }
    if same_text(row.target_text, row.actual_text)
        || level.is_some_and(|l| POSITIVE.contains(&l) || Some(l) == t.level)
    {
        return scored(Method::StatedMet, None, w);
    }
    if t.reference.is_some() {
        return unscorable(Method::TargetReference);
    }
    if matches!(t.kind, Kind::Number | Kind::Range) && a.kind == Kind::Number {
        return unscorable(Method::UnitMismatch);
    }
    if matches!(t.kind, Kind::Qualitative | Kind::Unknown) && t.level.is_none() {
        return unscorable(Method::TextTarget);
    }
    unscorable(Method::TextActual)
}

/// A qualitative result: the self-score if it lies in the band of the stated result, else the nearest score
/// the band allows (its top when there is no self-score).
fn band(level: Level, w: Decimal, self_score: Option<Decimal>, policy: &Policy) -> IndicatorScore {
    let cent = Decimal::new(1, 2);
    let (lo, hi) = match level {
        Level::Achieved => (round2(w * policy.achieved), w),
        Level::PartlyAchieved => (
            round2(w * policy.partial),
            round2(w * policy.achieved) - cent,
        ),
        _ => (Decimal::ZERO, round2(w * policy.partial) - cent),
    };
    let hi = hi.max(lo);
    let standard = self_score.map_or(hi, |s| s.clamp(lo, hi));
    scored(Method::Band, None, standard)
}

/// The scores of one table, beside what it reports.
#[derive(Clone, Debug, PartialEq)]
pub struct TableScore {
    pub profile: String,
    /// Points of the budget execution rate, the rate by the rules (全年执行数 / 全年预算数, percent) and the
    /// score it earns; the printed score beside it.
    pub fund_weight: Option<Decimal>,
    pub fund_rate: Option<Decimal>,
    pub fund_score: Option<Decimal>,
    pub fund_self_score: Option<Decimal>,
    /// Fund score plus the standard scores, with unscorable rows counted at their self-score.
    pub standard_total: Decimal,
    /// The printed total, else fund score plus the self-scores.
    pub self_total: Option<Decimal>,
    pub standard_grade: Option<String>,
    /// The printed grade, else the grade of the self total.
    pub self_grade: Option<String>,
    pub n_indicators: usize,
    pub n_scored: usize,
    pub n_unscorable: usize,
    pub n_not_applicable: usize,
    /// Points of the unscorable rows (counted at their self-score in the standard total).
    pub unscorable_weight: Decimal,
    /// Rows whose self-score is above what the rules give, and by how much in all.
    pub n_inflated: usize,
    pub inflated_points: Decimal,
}

/// The self-score is above the standard score by more than rounding.
pub fn inflated(s: &IndicatorScore, self_score: Option<Decimal>) -> bool {
    match (s.status, s.standard, self_score) {
        (Status::Scored, Some(std), Some(own)) => own - std > Decimal::new(1, 2),
        _ => false,
    }
}

fn cell_value(c: &Option<Cell>) -> Option<&Value> {
    c.as_ref().map(|c| &c.value)
}

fn cell_text(c: &Option<Cell>) -> &str {
    c.as_ref().map_or("", |c| c.text.as_str())
}

/// Scores every indicator of a table and the table.
pub fn score_table(
    table: &Table,
    profile: &Profile,
    policy: &Policy,
) -> (Vec<IndicatorScore>, TableScore) {
    let budget = table
        .funds
        .as_ref()
        .and_then(|f| f.total.full_year.or(f.total.initial))
        .and_then(|m| m.yuan());
    let rows: Vec<IndicatorScore> = table
        .indicators
        .iter()
        .map(|ind: &Indicator| {
            score_row(
                &Row {
                    weight: ind.weight,
                    target: cell_value(&ind.target),
                    target_text: cell_text(&ind.target),
                    actual: cell_value(&ind.actual),
                    actual_text: cell_text(&ind.actual),
                    self_score: ind.score,
                    budget_yuan: budget,
                },
                policy,
            )
        })
        .collect();
    let funds = table.funds.as_ref();
    let fund_weight = funds.and_then(|f| f.weight);
    let computed_rate = funds.and_then(|f| {
        let (b, e) = (f.total.full_year?.yuan()?, f.total.executed?.yuan()?);
        (!b.is_zero()).then(|| e * Decimal::ONE_HUNDRED / b)
    });
    let fund_rate = computed_rate.or_else(|| funds.and_then(|f| f.rate_percent));
    let fund_score = match (fund_weight, fund_rate) {
        (Some(w), Some(r)) => {
            let share = r / Decimal::ONE_HUNDRED;
            let share = if policy.execution_cap {
                share.min(Decimal::ONE)
            } else {
                share
            };
            Some(round2(w * share))
        }
        _ => None,
    };
    let mut standard_total = fund_score.unwrap_or_default();
    let mut applicable = fund_weight.unwrap_or_default();
    let (mut n_scored, mut n_unscorable, mut n_na, mut n_inflated) = (0, 0, 0, 0);
    let mut unscorable_weight = Decimal::ZERO;
    let mut inflated_points = Decimal::ZERO;
    for (s, ind) in rows.iter().zip(&table.indicators) {
        match s.status {
            Status::Scored => {
                n_scored += 1;
                standard_total += s.standard.unwrap_or_default();
                applicable += ind.weight.unwrap_or_default();
                if inflated(s, ind.score) {
                    n_inflated += 1;
                    inflated_points +=
                        ind.score.unwrap_or_default() - s.standard.unwrap_or_default();
                }
            }
            Status::Unscorable => {
                n_unscorable += 1;
                standard_total += ind.score.unwrap_or_default();
                applicable += ind.weight.unwrap_or_default();
                unscorable_weight += ind.weight.unwrap_or_default();
            }
            Status::NotApplicable => n_na += 1,
        }
    }
    if policy.renormalize && !applicable.is_zero() && applicable < profile.total {
        standard_total = standard_total * profile.total / applicable;
    }
    let standard_total = round2(standard_total);
    let self_total = table.printed_total_score.or_else(|| {
        let scores: Vec<Decimal> = table.indicators.iter().filter_map(|i| i.score).collect();
        (!scores.is_empty()).then(|| {
            scores.iter().copied().sum::<Decimal>()
                + funds.and_then(|f| f.score).unwrap_or_default()
        })
    });
    let summary = TableScore {
        profile: profile.name.clone(),
        fund_weight,
        fund_rate: fund_rate.map(round2),
        fund_score,
        fund_self_score: funds.and_then(|f| f.score),
        standard_grade: profile.grade(standard_total).map(str::to_owned),
        self_grade: table
            .printed_grade
            .clone()
            .or_else(|| self_total.and_then(|t| profile.grade(t).map(str::to_owned))),
        standard_total,
        self_total,
        n_indicators: table.indicators.len(),
        n_scored,
        n_unscorable,
        n_not_applicable: n_na,
        unscorable_weight,
        n_inflated,
        inflated_points,
    };
    (rows, summary)
}

/// The self-evaluation tables of a document (goal tables have no actuals to score).
pub fn scorable_tables(doc: &Document) -> impl Iterator<Item = (usize, &Table)> {
    doc.tables.iter().enumerate().filter(|(_, t)| {
        t.kind == TableKind::SelfEval && t.indicators.iter().any(|i| i.actual.is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::parse;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn score(w: &str, t: &str, a: &str, own: Option<&str>, policy: &Policy) -> IndicatorScore {
        let (tv, av) = (parse(t), parse(a));
        score_row(
            &Row {
                weight: Some(d(w)),
                target: Some(&tv),
                target_text: t,
                actual: Some(&av),
                actual_text: a,
                self_score: own.map(d),
                budget_yuan: Some(d("45711")),
            },
            policy,
        )
    }

    fn std(w: &str, t: &str, a: &str) -> Option<String> {
        score(w, t, a, None, &Policy::default())
            .standard
            .map(|s| s.normalize().to_string())
    }

    #[test]
    fn rows_of_seed_002() {
        // 维护维修及时性 100% → 10%, 15 points: 1.5 by the rules (the table reports 15).
        assert_eq!(std("15", "100%", "10%").as_deref(), Some("1.5"));
        assert_eq!(std("5", "≥4次", "8").as_deref(), Some("5"));
        assert_eq!(std("10", "<20份", "0份").as_deref(), Some("10"));
        assert_eq!(std("10", "3个月内", "1个月").as_deref(), Some("10"));
        assert_eq!(
            std("20", "不超年度预算", "不超年度预算").as_deref(),
            Some("20")
        );
        assert_eq!(std("30", "提高", "提高").as_deref(), Some("30"));
        let r = score(
            "5",
            "≥考核年份党员总数",
            "209",
            Some("5"),
            &Policy::default(),
        );
        assert_eq!(
            (r.status, r.method),
            (Status::Unscorable, Method::TargetReference)
        );
        let na = score("0", "/", "不涉及", Some("0"), &Policy::default());
        assert_eq!(na.status, Status::NotApplicable);
    }

    #[test]
    fn rows_of_seed_004() {
        // 测绘大院一号楼外墙脱落整修维护 5400 m² → 2629.88 m², 0.5 points: 0.24 (the table reports 0.25).
        assert_eq!(
            std("0.5", "5400 m ²", "2629.88 m ²").as_deref(),
            Some("0.24")
        );
        assert_eq!(std("0.6", "40 个", "22 个").as_deref(), Some("0.33"));
        assert_eq!(
            std("1", "≤15585.91 万元", "14774.51 万元").as_deref(),
            Some("1")
        );
    }

    #[test]
    fn reverse_policies_differ() {
        // Target ≤10, actual 15, 5 points: ratio 3.33, linear 2.5 (DOMAIN.md R1.4).
        let ratio = score("5", "≤10次", "15次", None, &Policy::default());
        let linear = score(
            "5",
            "≤10次",
            "15次",
            None,
            &Policy {
                reverse: ReversePolicy::Linear,
                ..Policy::default()
            },
        );
        assert_eq!(ratio.standard.unwrap().to_string(), "3.33");
        assert_eq!(linear.standard.unwrap().to_string(), "2.50");
        assert_eq!(std("5", "≤10次", "25次").as_deref(), Some("2"));
        assert_eq!(std("5", "0次", "2次").as_deref(), Some("0"));
    }

    #[test]
    fn qualitative_bands() {
        let p = Policy::default();
        let s = |a: &str, own: &str| {
            score("10", "达成年度指标", a, Some(own), &p)
                .standard
                .unwrap()
                .normalize()
                .to_string()
        };
        assert_eq!(s("达成年度指标", "9"), "9");
        assert_eq!(s("部分达成年度指标并具有一定效果", "10"), "7.99");
        assert_eq!(s("部分达成年度指标并具有一定效果", "7"), "7");
        assert_eq!(s("未达成年度指标且效果较差", "8"), "5.99");
        // Words that say the target was missed score in the bottom band.
        assert_eq!(
            score(
                "0.4",
                "2024年内完成本年度工作",
                "部分项目工作任务没有在年度内完成",
                Some("0.4"),
                &p
            )
            .standard
            .unwrap()
            .to_string(),
            "0.23"
        );
    }

    #[test]
    fn never_above_the_points() {
        assert_eq!(std("1.875", "0", "0").as_deref(), Some("1.875"));
        assert_eq!(std("1.875", "≥10", "20").as_deref(), Some("1.875"));
    }

    #[test]
    fn deadlines() {
        assert_eq!(
            std("5", "2024年12月31日前", "2024年11月").as_deref(),
            Some("5")
        );
        assert_eq!(
            std("5", "2023年12月31日前", "2024年3月").as_deref(),
            Some("0")
        );
    }
}
