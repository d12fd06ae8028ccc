//! Money: allocation plans that add up, agree with the declared amounts, and cost caps within the budget.
//! Amounts are compared exactly, in 元, after reconciling 万元 and 元.

use rust_decimal::Decimal;

use super::{line_of, name_of, num, Check, Rule, Severity, Sink, TableCtx};
use crate::model::{Allocation, Document, Level1, Level2, Money, MoneyUnit};
use crate::value::{Kind, Op};

const ALLOCATION_SOURCE: &str =
    "资金分配方案的算术一致性（无专门条文；seed 003 附件8：厅本级共计 900 万元 = 300+200+200+200，\
总计 3900 = 各行之和；seed 001 合计 = 各项目之和）。DOMAIN.md R4.5.";

fn yuan(m: &Money) -> Option<Decimal> {
    m.yuan()
}

/// Shows an amount in the unit it was printed in.
fn show(m: &Money) -> String {
    format!("{}{}", num(m.amount), m.unit.as_str())
}

/// The sum of the rows of an allocation plan in 元, with the unit of its first row for display.
fn rows_sum(a: &Allocation, rows: std::ops::Range<usize>) -> Option<(Decimal, MoneyUnit)> {
    let rows = &a.rows[rows];
    let unit = rows.iter().find_map(|r| r.amount.map(|m| m.unit))?;
    let sum = rows
        .iter()
        .filter_map(|r| r.amount.as_ref().and_then(yuan))
        .sum();
    Some((sum, unit))
}

fn in_unit(yuan: Decimal, unit: MoneyUnit) -> String {
    num(yuan / unit.yuan_per_unit())
}

pub static M101: Rule = Rule {
    code: "M101",
    name: "allocation-subtotal",
    severity: Severity::Error,
    title_zh: "分配方案小计与所含各行之和不符",
    title_en: "An allocation subtotal differs from the sum of its rows",
    doc: "A subtotal printed in an allocation plan (`厅本级共计 900 万元`) must equal the rows it covers: the run \
          of rows of the same recipient unit that the note sits on.",
    source: ALLOCATION_SOURCE,
    message_zh: "「{label}」印刷为 {printed}，所含 {rows} 行合计 {sum}",
    message_en: "{label} is printed as {printed} but its {rows} rows add up to {sum}",
    check: Check::Document(allocation_subtotal),
};

fn allocation_subtotal(doc: &Document, sink: &mut Sink) {
    for a in &doc.allocations {
        for sub in &a.subtotals {
            // The row the note is printed on, then the run of rows of the same unit around it.
            let Some(at) = a
                .rows
                .iter()
                .position(|r| r.location.line == sub.location.line)
            else {
                continue;
            };
            let unit = a.rows[at].unit.clone();
            let mut start = at;
            while start > 0 && a.rows[start - 1].unit == unit {
                start -= 1;
            }
            let mut end = at + 1;
            while end < a.rows.len() && a.rows[end].unit == unit {
                end += 1;
            }
            let (Some((sum, _)), Some(printed)) = (rows_sum(a, start..end), yuan(&sub.amount))
            else {
                continue;
            };
            if sum != printed {
                sink.emit(
                    Some(at),
                    "subtotal",
                    sub.location.line,
                    &[
                        ("label", sub.label.clone()),
                        ("printed", show(&sub.amount)),
                        ("rows", (end - start).to_string()),
                        (
                            "sum",
                            format!(
                                "{}{}",
                                in_unit(sum, sub.amount.unit),
                                sub.amount.unit.as_str()
                            ),
                        ),
                    ],
                );
            }
        }
    }
}

pub static M102: Rule = Rule {
    code: "M102",
    name: "allocation-total",
    severity: Severity::Error,
    title_zh: "分配方案总计与各行之和不符",
    title_en: "An allocation total differs from the sum of its rows",
    doc:
        "The printed total (合计 / 总计) of an allocation plan must equal the sum of all its rows.",
    source: ALLOCATION_SOURCE,
    message_zh: "分配方案「{title}」总计印刷为 {printed}，{rows} 行合计 {sum}",
    message_en:
        "allocation plan {title} prints a total of {printed}, but its {rows} rows add up to {sum}",
    check: Check::Document(allocation_total),
};

fn allocation_total(doc: &Document, sink: &mut Sink) {
    for a in &doc.allocations {
        let Some(printed) = &a.printed_total else {
            continue;
        };
        let (Some((sum, _)), Some(p)) = (rows_sum(a, 0..a.rows.len()), yuan(printed)) else {
            continue;
        };
        if sum != p {
            sink.emit(
                None,
                "printed_total",
                a.location.line,
                &[
                    ("title", a.title.clone().unwrap_or_default()),
                    ("printed", show(printed)),
                    ("rows", a.rows.len().to_string()),
                    (
                        "sum",
                        format!("{}{}", in_unit(sum, printed.unit), printed.unit.as_str()),
                    ),
                ],
            );
        }
    }
}

pub static M103: Rule = Rule {
    code: "M103",
    name: "allocation-vs-declared",
    severity: Severity::Error,
    title_zh: "分配方案总额与申报的项目金额不一致",
    title_en: "The allocation total disagrees with the declared project amount",
    doc: "When a document holds both an allocation plan and the goal table of the project it funds, the plan's \
          total must equal an amount the table declares (总金额, 年度金额, 全年预算数), once 万元 and 元 are \
          reconciled. An amount printed without its unit is compared both as 元 and as 万元.",
    source: ALLOCATION_SOURCE,
    message_zh: "分配方案总额 {allocation} 与申报金额（{declared}）均不相符",
    message_en: "the allocation total {allocation} matches none of the declared amounts ({declared})",
    check: Check::Document(allocation_vs_declared),
};

fn allocation_vs_declared(doc: &Document, sink: &mut Sink) {
    // Every amount a table declares, in 元; one printed without a unit may be either.
    let mut declared: Vec<(String, Vec<Decimal>)> = Vec::new();
    for t in &doc.tables {
        for a in &t.amounts {
            let values = match (&a.money, crate::read::document::money_text(&a.text)) {
                (Some(m), _) => yuan(m).into_iter().collect(),
                (None, Some((d, _))) => vec![d, d * MoneyUnit::WanYuan.yuan_per_unit()],
                _ => Vec::new(),
            };
            if !values.is_empty() {
                declared.push((format!("{} {}", a.label, a.text), values));
            }
        }
        if let Some(m) = t
            .funds
            .as_ref()
            .and_then(|f| f.total.full_year.or(f.total.initial))
        {
            if let Some(y) = yuan(&m) {
                declared.push((format!("全年预算数 {}", show(&m)), vec![y]));
            }
        }
    }
    if declared.is_empty() {
        return;
    }
    for a in &doc.allocations {
        let total = a
            .printed_total
            .as_ref()
            .and_then(yuan)
            .or_else(|| rows_sum(a, 0..a.rows.len()).map(|(s, _)| s));
        let Some(total) = total else { continue };
        if !declared.iter().any(|(_, vs)| vs.contains(&total)) {
            let shown = a
                .printed_total
                .as_ref()
                .map_or_else(|| format!("{}元", num(total)), show);
            sink.emit(
                None,
                "printed_total",
                a.location.line,
                &[
                    ("allocation", shown),
                    (
                        "declared",
                        declared
                            .iter()
                            .map(|(label, _)| label.clone())
                            .collect::<Vec<_>>()
                            .join("；"),
                    ),
                ],
            );
        }
    }
}

pub static M104: Rule = Rule {
    code: "M104",
    name: "cost-cap-above-budget",
    severity: Severity::Warning,
    title_zh: "成本指标的上限高于项目预算",
    title_en: "A cost indicator's cap is above the budget",
    doc: "A cost indicator that caps spending (`≤15585.91万元`) above the table's own budget cannot fail and \
          does not constrain anything; the cap should not exceed the funds (年度资金总额 / 全年预算数). Only caps \
          in money (元, 万元) under a cost category are compared.",
    source: "财预〔2015〕88号 goal review, appropriateness (适当性: funds and goals match; gist, wording not verified); seed 004 \
             line 363 (≤15585.91 万元 under 成本指标). DOMAIN.md R2.4.",
    message_zh: "成本指标「{name}」上限 {cap} 高于预算 {budget}",
    message_en: "cost indicator {name} caps spending at {cap}, above the budget {budget}",
    check: Check::Table(cost_cap_above_budget),
};

fn cost_cap_above_budget(ctx: &TableCtx, sink: &mut Sink) {
    let t = ctx.table;
    let budget = t
        .funds
        .as_ref()
        .and_then(|f| f.total.full_year.or(f.total.initial))
        .or_else(|| t.amounts.iter().find_map(|a| a.money));
    let Some(budget) = budget else { return };
    let Some(budget_yuan) = yuan(&budget) else {
        return;
    };
    for (i, ind) in ctx.indicators() {
        let cost = ind.level1 == Some(Level1::Cost)
            || matches!(ind.level2, Some(Level2::Cost | Level2::EconomicCost));
        let Some(target) = &ind.target else { continue };
        let v = &target.value;
        if !cost
            || v.kind != Kind::Number
            || !matches!(v.op, Some(Op::Le | Op::Lt))
            || v.unit.as_deref() != Some("元")
        {
            continue;
        }
        // The value parser applies 万 to the number: the value is in 元.
        let Some(cap) = v.value else { continue };
        if cap > budget_yuan {
            sink.emit(
                Some(i),
                "target",
                line_of(ind),
                &[
                    ("name", name_of(ind)),
                    ("cap", target.text.clone()),
                    ("budget", show(&budget)),
                ],
            );
        }
    }
}
