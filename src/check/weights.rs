//! Weights, scores and totals: the arithmetic of a self-evaluation table.

use rust_decimal::Decimal;

use super::profile::printed_level1_weights;
use super::{line_of, name_of, num, Check, Rule, Severity, Sink, TableCtx};
use crate::model::{Level1, Table};

/// Whether a printed figure agrees with a computed one, allowing the rounding its printed precision implies
/// (`8.6` for 8.642, `98` for 98.14) and at least one cent either way (two decimals rounded or truncated).
fn close(printed: Decimal, computed: Decimal) -> bool {
    let half_unit = Decimal::new(5, printed.scale() + 1);
    (printed - computed).abs() <= half_unit.max(Decimal::new(11, 3))
}

fn has_weights(table: &Table) -> bool {
    table.indicators.iter().any(|i| i.weight.is_some())
}

fn weight_of(table: &Table, level1: Level1) -> Decimal {
    table
        .indicators
        .iter()
        .filter(|i| i.level1 == Some(level1))
        .filter_map(|i| i.weight)
        .sum()
}

const WEIGHT_SOURCE: &str = "财预〔2020〕10号《项目支出绩效评价管理办法》第十五条: first-level weights of unit self-evaluation set \
uniformly in principle (execution 10, output 50, benefit 30, satisfaction 10; without satisfaction indicators their weight \
goes to benefit). Gist only: the article's wording is not verified against the full text. Corroborated by seed 002 \
(深圳 2024), the 安徽 2022 form, seed 004 (湖南 2024: 10/40/10/30/10), and a provincial system's check (汇总三级不得大于\
九十; 下级指标录入合计应等于上级设置数). DOMAIN.md R1.2, R3.2.";

pub static W101: Rule = Rule {
    code: "W101",
    name: "weights-not-total",
    severity: Severity::Error,
    title_zh: "分值合计不等于总分",
    title_en: "Weights do not add up to the total",
    doc: "The points of all indicators plus the points of the budget execution rate must make the table's total \
          (100). A table whose funds row has no points is accepted at 100 or at 100 minus the profile's \
          execution points.",
    source: WEIGHT_SOURCE,
    message_zh: "分值合计 {sum}（指标 {indicators} + 预算执行率 {execution}），应为 {total}",
    message_en: "weights add up to {sum} (indicators {indicators} + execution {execution}), not {total}",
    check: Check::Table(weights_not_total),
};

fn weights_not_total(ctx: &TableCtx, sink: &mut Sink) {
    let t = ctx.table;
    if !has_weights(t) {
        return;
    }
    let indicators: Decimal = t.indicators.iter().filter_map(|i| i.weight).sum();
    let execution = t.funds.as_ref().and_then(|f| f.weight);
    let total = ctx.profile.total;
    let ok = match execution {
        Some(e) => indicators + e == total,
        None => {
            indicators == total
                || ctx
                    .profile
                    .execution_weight
                    .is_some_and(|e| indicators + e == total)
        }
    };
    if !ok {
        let e = execution.unwrap_or_default();
        sink.emit(
            None,
            "weight",
            t.location.line,
            &[
                ("sum", num(indicators + e)),
                ("indicators", num(indicators)),
                ("execution", num(e)),
                ("total", num(total)),
            ],
        );
    }
}

pub static W102: Rule = Rule {
    code: "W102",
    name: "level1-weights-not-printed",
    severity: Severity::Error,
    title_zh: "一级指标下分值合计与印刷的分值不符",
    title_en: "A level-1 category's weights differ from its printed points",
    doc: "A table that prints a first-level category's points (`产出指标 (50分)`) commits to them: the points of \
          the indicators under it must add up to that number.",
    source: WEIGHT_SOURCE,
    message_zh: "「{level1}」印刷为 {printed} 分，其下指标分值合计 {sum}",
    message_en: "{level1} is printed as {printed} points but its indicators add up to {sum}",
    check: Check::Table(level1_weights_not_printed),
};

fn level1_weights_not_printed(ctx: &TableCtx, sink: &mut Sink) {
    let t = ctx.table;
    if !has_weights(t) {
        return;
    }
    for (l1, printed) in printed_level1_weights(t) {
        let sum = weight_of(t, l1);
        if sum != printed {
            let first = t.indicators.iter().position(|i| i.level1 == Some(l1));
            sink.emit(
                first,
                "weight",
                first.and_then(|i| line_of(&t.indicators[i])),
                &[
                    ("level1", l1.as_str().to_owned()),
                    ("printed", num(printed)),
                    ("sum", num(sum)),
                ],
            );
        }
    }
}

pub static W103: Rule = Rule {
    code: "W103",
    name: "level1-weights-not-profile",
    severity: Severity::Warning,
    title_zh: "一级指标权重与框架规定不符",
    title_en: "A level-1 category's weights differ from the framework's",
    doc: "Frameworks fix the first-level weights \"in principle\" (原则上): centrally 产出 50, 效益 30, 满意度 10 \
          (with 满意度's points moving to 效益 when a table has none); 湖南 2024 产出 40, 成本 10, 效益 30, 满意度 \
          10. A different split is allowed but should be explained, so it is a warning. Categories the profile \
          leaves free are not checked.",
    source: WEIGHT_SOURCE,
    message_zh: "「{level1}」分值合计 {sum}，框架 {profile} 规定 {expected}",
    message_en: "{level1} has {sum} points; profile {profile} sets {expected}",
    check: Check::Table(level1_weights_not_profile),
};

fn level1_weights_not_profile(ctx: &TableCtx, sink: &mut Sink) {
    let t = ctx.table;
    if !has_weights(t) {
        return;
    }
    let p = ctx.profile;
    let satisfaction = weight_of(t, Level1::Satisfaction);
    for spec in &p.level1 {
        let Some(mut expected) = spec.weight else {
            continue;
        };
        if satisfaction.is_zero() {
            let moved = p
                .level1(Level1::Satisfaction)
                .and_then(|s| s.weight)
                .unwrap_or_default();
            if spec.category == Level1::Satisfaction {
                expected = Decimal::ZERO;
            } else if p.satisfaction_fallback == Some(spec.category) {
                expected += moved;
            }
        }
        let sum = weight_of(t, spec.category);
        if sum != expected {
            let first = t
                .indicators
                .iter()
                .position(|i| i.level1 == Some(spec.category));
            sink.emit(
                first,
                "weight",
                first.map_or(t.location.line, |i| line_of(&t.indicators[i])),
                &[
                    ("level1", spec.category.as_str().to_owned()),
                    ("sum", num(sum)),
                    ("expected", num(expected)),
                    ("profile", p.name.clone()),
                ],
            );
        }
    }
}

pub static W104: Rule = Rule {
    code: "W104",
    name: "score-above-weight",
    severity: Severity::Error,
    title_zh: "得分高于分值",
    title_en: "A score exceeds its weight",
    doc: "An indicator earns at most its points (得分不得突破权重): a score above the weight is an error of the \
          self-evaluation, whatever the actual.",
    source: "湖北式自评表说明：“得分不得突破权重总额”；财预〔2020〕10号 第十六条 (gist: a met target earns all its points; \
             wording not verified). DOMAIN.md R1.3.",
    message_zh: "指标「{name}」得分 {score} 高于分值 {weight}",
    message_en: "{name} scores {score}, above its weight {weight}",
    check: Check::Table(score_above_weight),
};

fn score_above_weight(ctx: &TableCtx, sink: &mut Sink) {
    for (i, ind) in ctx.table.indicators.iter().enumerate() {
        if let (Some(w), Some(s)) = (ind.weight, ind.score) {
            if s > w {
                sink.emit(
                    Some(i),
                    "score",
                    line_of(ind),
                    &[
                        ("name", name_of(ind)),
                        ("score", num(s)),
                        ("weight", num(w)),
                    ],
                );
            }
        }
    }
}

pub static W105: Rule = Rule {
    code: "W105",
    name: "scores-not-total",
    severity: Severity::Error,
    title_zh: "各项得分之和与总分不符",
    title_en: "The scores do not add up to the printed total",
    doc: "The printed total score (总分) is the budget execution score plus the scores of all indicators. A \
          different total misreports the result (and the grade).",
    source: "预算绩效管理系统 selfresultproject: total = Σ指标得分 + 执行率得分; seed 002 line 57 (100, 93.99 = 3.99 + 90); \
             财预〔2020〕10号 第十六条 (gist: the total is the sum of the scores; wording not verified). DOMAIN.md R1.10.",
    message_zh: "印刷的总分 {printed}，而执行率得分 {execution} 加指标得分 {indicators} 为 {sum}",
    message_en: "the printed total is {printed}, but execution {execution} plus indicators {indicators} make {sum}",
    check: Check::Table(scores_not_total),
};

fn scores_not_total(ctx: &TableCtx, sink: &mut Sink) {
    let t = ctx.table;
    let Some(printed) = t.printed_total_score else {
        return;
    };
    if !t.indicators.iter().any(|i| i.score.is_some()) {
        return;
    }
    let indicators: Decimal = t.indicators.iter().filter_map(|i| i.score).sum();
    let execution = t.funds.as_ref().and_then(|f| f.score).unwrap_or_default();
    let sum = indicators + execution;
    if !close(printed, sum) {
        sink.emit(
            None,
            "printed_total_score",
            t.location.line,
            &[
                ("printed", num(printed)),
                ("execution", num(execution)),
                ("indicators", num(indicators)),
                ("sum", num(sum)),
            ],
        );
    }
}

const EXECUTION_SOURCE: &str = "预算执行率 = 全年执行数 / 全年预算数，得分 = 分值 × 执行率（seed 002 第35行、seed 004 第275行；\
预算绩效管理系统 bgtscore；四川、湖北自评表说明）。DOMAIN.md R1.7.";

pub static W106: Rule = Rule {
    code: "W106",
    name: "execution-score",
    severity: Severity::Error,
    title_zh: "预算执行率得分不等于分值×执行率",
    title_en: "The execution score is not weight × execution rate",
    doc: "The budget execution rate earns its points in proportion: score = points × rate (a rate above 100% \
          earning at most the points). A printed score that is neither is wrong. Two decimals of rounding or \
          truncation are allowed.",
    source: EXECUTION_SOURCE,
    message_zh: "预算执行率得分 {score}，按分值 {weight} × 执行率 {rate}% 应为 {expected}",
    message_en: "the execution score is {score}; weight {weight} × rate {rate}% gives {expected}",
    check: Check::Table(execution_score),
};

fn execution_score(ctx: &TableCtx, sink: &mut Sink) {
    let Some(f) = &ctx.table.funds else { return };
    let (Some(w), Some(rate), Some(score)) = (f.weight, f.rate_percent, f.score) else {
        return;
    };
    let hundred = Decimal::ONE_HUNDRED;
    let expected = w * rate / hundred;
    let capped = w * rate.min(hundred) / hundred;
    if !close(score, expected) && !close(score, capped) {
        sink.emit(
            None,
            "funds.score",
            ctx.table.location.line,
            &[
                ("score", num(score)),
                ("weight", num(w)),
                ("rate", num(rate)),
                ("expected", num(capped.round_dp(2))),
            ],
        );
    }
}

pub static W107: Rule = Rule {
    code: "W107",
    name: "execution-rate",
    severity: Severity::Error,
    title_zh: "执行率不等于全年执行数÷全年预算数",
    title_en: "The execution rate is not executed / full-year budget",
    doc: "The execution rate is the year's spending over the full-year (adjusted) budget, 全年执行数 / 全年预算数 — \
          not over the initial budget (年初预算数). A printed rate that differs misstates the execution score.",
    source: EXECUTION_SOURCE,
    message_zh: "执行率印刷为 {rate}%，全年执行数 {executed} ÷ 全年预算数 {budget} = {expected}%",
    message_en: "the execution rate is printed as {rate}%, but executed {executed} / budget {budget} = {expected}%",
    check: Check::Table(execution_rate),
};

fn execution_rate(ctx: &TableCtx, sink: &mut Sink) {
    let Some(f) = &ctx.table.funds else { return };
    let (Some(rate), Some(budget), Some(executed)) =
        (f.rate_percent, f.total.full_year, f.total.executed)
    else {
        return;
    };
    let (Some(b), Some(e)) = (budget.yuan(), executed.yuan()) else {
        return;
    };
    if b.is_zero() {
        return;
    }
    let expected = e * Decimal::ONE_HUNDRED / b;
    // Printed rates are rounded or truncated to two decimals.
    if !close(rate, expected) && rate != expected.trunc_with_scale(2) {
        sink.emit(
            None,
            "funds.rate",
            ctx.table.location.line,
            &[
                ("rate", num(rate)),
                ("executed", num(executed.amount)),
                ("budget", num(budget.amount)),
                ("expected", num(expected.round_dp(2))),
            ],
        );
    }
}

pub static W108: Rule = Rule {
    code: "W108",
    name: "grade-not-total",
    severity: Severity::Error,
    title_zh: "自评等级与总分不符",
    title_en: "The printed grade does not match the total",
    doc: "The grade follows from the total by the framework's bands (centrally 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60). \
          A printed grade above what the total earns overstates the result.",
    source: "财政部预算司绩效评价结果等级划分标准：优(90-100分)、良(80-89分)、中(60-79分)、差(0-59分)（鼎正工程咨询转述, \
             http://www.dz-gczx.com/wap/articleDetails_id_1290.html）. DOMAIN.md R1.10.",
    message_zh: "印刷的等级为「{grade}」，总分 {total} 按框架 {profile} 应为「{expected}」",
    message_en: "the printed grade is {grade}, but a total of {total} is {expected} under profile {profile}",
    check: Check::Table(grade_not_total),
};

fn grade_not_total(ctx: &TableCtx, sink: &mut Sink) {
    let t = ctx.table;
    let (Some(grade), Some(total)) = (&t.printed_grade, t.printed_total_score) else {
        return;
    };
    let Some(expected) = ctx.profile.grade(total) else {
        return;
    };
    if !grade.contains(expected) {
        sink.emit(
            None,
            "printed_grade",
            t.location.line,
            &[
                ("grade", grade.clone()),
                ("total", num(total)),
                ("expected", expected.to_owned()),
                ("profile", ctx.profile.name.clone()),
            ],
        );
    }
}
