//! Self-scoring integrity: whether the self-scores and the explanations agree with the actuals.

use rust_decimal::Decimal;

use super::{line_of, name_of, num, Check, Rule, Severity, Sink, TableCtx};
use crate::completion::{completion, Completion, Direction};
use crate::model::Indicator;
use crate::value::Level;

/// The completion of a row, when target and actual can be compared.
fn row_completion(ind: &Indicator) -> Option<Completion> {
    completion(&ind.target.as_ref()?.value, &ind.actual.as_ref()?.value)
}

/// An actual that says the target was not (fully) reached, in words: 未完成, 否, 部分达成, 未达成.
fn negative_actual(ind: &Indicator) -> bool {
    let level = |c: &Option<crate::model::Cell>| c.as_ref().and_then(|c| c.value.level);
    let negative = |l: Option<Level>| {
        matches!(
            l,
            Some(Level::NotDone | Level::No | Level::PartlyAchieved | Level::NotAchieved)
        )
    };
    negative(level(&ind.actual)) && !negative(level(&ind.target))
}

/// The row falls short of its target by more than rounding, by numbers or in words; the completion for
/// messages. A shortfall is material when the score the rules give (points × completion, two decimals) is
/// below the points: `约 194.2 万个` against 194.15 万 earns the full 0.4 points.
fn falls_short(ind: &Indicator) -> Option<String> {
    match row_completion(ind) {
        Some(c) if c.short() => {
            let Some(r) = c.ratio else {
                return Some("—".into()); // late, or nothing delivered against a 0 target
            };
            let material = match ind.weight.filter(|w| !w.is_zero()) {
                Some(w) => (w * r.min(Decimal::ONE)).round_dp(2) < w,
                None => r < Decimal::new(995, 3),
            };
            material.then(|| format!("{}%", num((r * Decimal::ONE_HUNDRED).round_dp(1))))
        }
        Some(_) => None,
        None => negative_actual(ind).then(|| "—".to_owned()),
    }
}

fn has_reason(ind: &Indicator) -> bool {
    ind.deviation.as_deref().is_some_and(|d| {
        let s: String = d.chars().filter(|c| !c.is_whitespace()).collect();
        !s.is_empty() && !matches!(s.as_str(), "/" | "无" | "—" | "-" | "——" | "_")
    })
}

fn text(c: &Option<crate::model::Cell>) -> String {
    c.as_ref().map_or_else(|| "—".into(), |c| c.text.clone())
}

pub static S101: Rule = Rule {
    code: "S101",
    name: "full-marks-on-shortfall",
    severity: Severity::Error,
    title_zh: "未完成指标值却得满分",
    title_en: "Full marks although the actual falls short of the target",
    doc: "An indicator whose actual falls short of its target earns, by the rules, the share of its points that \
          the actual reaches (完成值/指标值 × 分值), not all of them. Full marks on a shortfall inflate the \
          self-score. Shortfalls are read from numbers in the same unit, deadlines, durations, and actuals that \
          say so in words (未完成, 否, 部分达成).",
    source: "预算绩效管理系统 selfpositiveindex: actual < target → round(actual/target × weight, 2); 财预〔2020〕10号 第十六条 \
             (gist: a missed target scores in proportion to completion; wording not verified). DOMAIN.md R1.3.",
    message_zh: "指标「{name}」实际完成 {actual}，未达指标值 {target}（完成 {completion}），却得满分 {score}/{weight}",
    message_en: "{name}: actual {actual} falls short of target {target} (completion {completion}), yet scores full marks {score}/{weight}",
    check: Check::Table(full_marks_on_shortfall),
};

fn full_marks_on_shortfall(ctx: &TableCtx, sink: &mut Sink) {
    for (i, ind) in ctx.indicators() {
        let (Some(w), Some(s)) = (ind.weight, ind.score) else {
            continue;
        };
        if w.is_zero() || s < w {
            continue;
        }
        if let Some(completion) = falls_short(ind) {
            sink.emit(
                Some(i),
                "score",
                line_of(ind),
                &[
                    ("name", name_of(ind)),
                    ("target", text(&ind.target)),
                    ("actual", text(&ind.actual)),
                    ("completion", completion),
                    ("score", num(s)),
                    ("weight", num(w)),
                ],
            );
        }
    }
}

pub static S102: Rule = Rule {
    code: "S102",
    name: "qualitative-score-out-of-band",
    severity: Severity::Error,
    title_zh: "定性指标得分不在其完成档次的区间内",
    title_en: "A qualitative result is scored outside its band",
    doc: "Qualitative results are scored by band: 达成年度指标 earns 80–100% of the points, 部分达成年度指标并具有\
          一定效果 60–80%, 未达成年度指标且效果较差 0–60% (the floors are the profile's). A score outside the band \
          of the stated result contradicts it.",
    source: "预算绩效管理系统 selfqualscorecheck (达成年度指标 [80%, 100%], 部分达成年度指标并具有一定效果 [60%, 80%), \
             未达成年度指标且效果较差 [0, 60%) of the weight); 财预〔2020〕10号 第十六条 (three bands; gist, wording not verified). \
             DOMAIN.md R1.6.",
    message_zh: "指标「{name}」实际完成为「{actual}」，得分 {score} 不在区间 {band}（分值 {weight}）",
    message_en: "{name} is reported as {actual} but scores {score}, outside the band {band} (weight {weight})",
    check: Check::Table(qualitative_out_of_band),
};

fn qualitative_out_of_band(ctx: &TableCtx, sink: &mut Sink) {
    let q = &ctx.profile.qualitative;
    for (i, ind) in ctx.indicators() {
        let (Some(w), Some(s)) = (ind.weight, ind.score) else {
            continue;
        };
        let Some(level) = ind.actual.as_ref().and_then(|c| c.value.level) else {
            continue;
        };
        let (low, high, closed_high) = match level {
            Level::Achieved => (q.achieved, Decimal::ONE, true),
            Level::PartlyAchieved => (q.partial, q.achieved, false),
            Level::NotAchieved => (Decimal::ZERO, q.partial, false),
            _ => continue,
        };
        let (lo, hi) = ((w * low).round_dp(2), (w * high).round_dp(2));
        let inside = s >= lo && if closed_high { s <= hi } else { s < hi };
        if !inside {
            let band = if closed_high {
                format!("[{}, {}]", num(lo), num(hi))
            } else {
                format!("[{}, {})", num(lo), num(hi))
            };
            sink.emit(
                Some(i),
                "score",
                line_of(ind),
                &[
                    ("name", name_of(ind)),
                    ("actual", text(&ind.actual)),
                    ("score", num(s)),
                    ("band", band),
                    ("weight", num(w)),
                ],
            );
        }
    }
}

const REASON_SOURCE: &str = "广西 provincial system: “实际完成值（ACTUALVALUE）大于等于指标值（INDEXVAL）的130%时，偏差原因及整改措施\
必填”; a self-evaluation validator: “指标未达成满分，但未填写偏差原因。”; 财预〔2020〕10号 第十六条 (a large overshoot is to be \
analysed; gist, wording not verified). DOMAIN.md R1.8.";

pub static S103: Rule = Rule {
    code: "S103",
    name: "shortfall-without-reason",
    severity: Severity::Warning,
    title_zh: "未完成指标值但未说明偏差原因",
    title_en: "A shortfall without a deviation reason",
    doc: "When the actual falls short of the target, the self-evaluation must say why and what will change \
          (偏差原因分析及改进措施). An empty cell leaves the shortfall unexplained, unless another row's note \
          names this indicator (one note often covers neighbouring rows).",
    source: REASON_SOURCE,
    message_zh: "指标「{name}」实际完成 {actual}，未达指标值 {target}，未说明偏差原因",
    message_en: "{name}: actual {actual} falls short of target {target} with no deviation reason",
    check: Check::Table(shortfall_without_reason),
};

/// Another row's deviation note that speaks of this indicator (six or more characters of its name): one note
/// often explains neighbouring rows together (seed 004 line 427 explains line 428).
fn explained_elsewhere(ctx: &TableCtx, ind: &Indicator) -> bool {
    let Some(name) = &ind.name else { return false };
    let chars: Vec<char> = name.chars().filter(|c| !c.is_whitespace()).collect();
    let notes: Vec<String> = ctx
        .table
        .indicators
        .iter()
        .filter_map(|i| i.deviation.as_deref())
        .map(|d| d.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    chars.windows(6.min(chars.len()).max(1)).any(|w| {
        let piece: String = w.iter().collect();
        notes.iter().any(|n| n.contains(&piece))
    })
}

fn shortfall_without_reason(ctx: &TableCtx, sink: &mut Sink) {
    for (i, ind) in ctx.indicators() {
        if ind.weight.is_some_and(|w| w.is_zero()) || has_reason(ind) {
            continue;
        }
        if falls_short(ind).is_some() && !explained_elsewhere(ctx, ind) {
            sink.emit(
                Some(i),
                "deviation",
                line_of(ind),
                &[
                    ("name", name_of(ind)),
                    ("target", text(&ind.target)),
                    ("actual", text(&ind.actual)),
                ],
            );
        }
    }
}

pub static S104: Rule = Rule {
    code: "S104",
    name: "overshoot-without-reason",
    severity: Severity::Warning,
    title_zh: "实际完成值远超指标值但未说明原因",
    title_en: "A large overshoot without a reason",
    doc: "An actual far above the target (by default 130% or more) suggests the target was set too low (年初指标值\
          设定明显偏低); the rules ask for the reason to be analysed, and some provinces make the deviation cell \
          mandatory. Only more-is-better and equality targets above 0 are checked.",
    source: REASON_SOURCE,
    message_zh: "指标「{name}」实际完成 {actual}，为指标值 {target} 的 {ratio}，未说明原因（指标值可能设定偏低）",
    message_en: "{name}: actual {actual} is {ratio} of target {target} with no reason given (the target may be set too low)",
    check: Check::Table(overshoot_without_reason),
};

fn overshoot_without_reason(ctx: &TableCtx, sink: &mut Sink) {
    let limit = ctx.profile.thresholds.overshoot;
    for (i, ind) in ctx.indicators() {
        if ind.weight.is_some_and(|w| w.is_zero()) || has_reason(ind) {
            continue;
        }
        let Some(c) = row_completion(ind) else {
            continue;
        };
        if !matches!(c.direction, Direction::Higher | Direction::Equal) || c.target <= Decimal::ZERO
        {
            continue;
        }
        // Against the top of a range target (`2—3家` → 3家 is inside it).
        let ratio = match c.target_high {
            Some(h) if h > Decimal::ZERO => Some(c.actual / h),
            _ => c.ratio,
        };
        if let Some(r) = ratio.filter(|r| *r >= limit) {
            sink.emit(
                Some(i),
                "deviation",
                line_of(ind),
                &[
                    ("name", name_of(ind)),
                    ("target", text(&ind.target)),
                    ("actual", text(&ind.actual)),
                    (
                        "ratio",
                        format!("{}%", num((r * Decimal::ONE_HUNDRED).round_dp(0))),
                    ),
                ],
            );
        }
    }
}

pub static S105: Rule = Rule {
    code: "S105",
    name: "low-execution-without-reason",
    severity: Severity::Warning,
    title_zh: "预算执行率偏低但未说明原因",
    title_en: "A low execution rate without an explanation",
    doc: "A budget execution rate below the profile's threshold (90%) needs an explanation in the table: a \
          deviation note or goal text that speaks of the budget, spending or funds (预算, 执行, 支出, 资金, 结余, \
          支付). Without it, the low rate is unexplained.",
    source: "四川 项目支出绩效自评表说明（青神县发改局 2023, https://www.scqs.gov.cn/info/13206/211004.htm）：“预算执行率未达到90%\
             的需说明原因”. DOMAIN.md R1.7.",
    message_zh: "预算执行率 {rate}% 低于 {threshold}%，表中未说明原因",
    message_en: "the execution rate {rate}% is below {threshold}% and the table gives no reason",
    check: Check::Table(low_execution_without_reason),
};

fn low_execution_without_reason(ctx: &TableCtx, sink: &mut Sink) {
    let t = ctx.table;
    let Some(rate) = t.funds.as_ref().and_then(|f| f.rate_percent) else {
        return;
    };
    let threshold = ctx.profile.thresholds.execution_reason_below;
    if rate >= threshold {
        return;
    }
    let words = ["预算", "执行", "支出", "资金", "结余", "支付", "结转"];
    let explained = t
        .indicators
        .iter()
        .filter_map(|i| i.deviation.as_deref())
        .chain(t.goal_achieved.as_deref())
        .chain(
            t.fields
                .iter()
                .filter(|f| f.label.contains("原因") || f.label.contains("说明"))
                .map(|f| f.value.as_str()),
        )
        .any(|text| words.iter().any(|w| text.contains(w)));
    if !explained {
        sink.emit(
            None,
            "funds.rate",
            t.location.line,
            &[("rate", num(rate)), ("threshold", num(threshold))],
        );
    }
}
