//! Time: annual deadlines inside the budget year or the implementation period.

use super::{line_of, name_of, Check, Rule, Severity, Sink, TableCtx};
use crate::value::Kind;

pub static T101: Rule = Rule {
    code: "T101",
    name: "deadline-outside-year",
    severity: Severity::Warning,
    title_zh: "年度指标的时限不在预算年度或实施周期内",
    title_en: "An annual deadline lies outside the budget year and the implementation period",
    doc: "An annual target (年度指标值) is what the budget year delivers: a deadline in another year (a 2025 \
          project promising `2026年1月31日前`) cannot be evaluated in that year's self-evaluation, unless the \
          implementation period reaches it. Cycle targets (实施周期指标值) are not checked.",
    source: "申报表填报说明：“年度绩效指标是对项目年度绩效目标的细化和量化。”；“长期目标与年度目标混淆”\
             (https://m.shutu.cn/template/p9476085.html). DOMAIN.md R2.1, R4.4.",
    message_zh: "指标「{name}」的年度时限 {target} 不在预算年度 {year}{period}内",
    message_en: "the annual deadline {target} of {name} lies outside the budget year {year}{period_en}",
    check: Check::Table(deadline_outside_year),
};

/// The first four-digit year (1949–2100) in a text.
fn year_of(text: &str) -> Option<u16> {
    let digits: Vec<(usize, char)> = text.char_indices().collect();
    for w in digits.windows(4) {
        if w.iter().all(|(_, c)| c.is_ascii_digit()) {
            let start = w[0].0;
            let before = text[..start].chars().next_back();
            let after = text[w[3].0 + 1..].chars().next();
            if before.is_some_and(|c| c.is_ascii_digit())
                || after.is_some_and(|c| c.is_ascii_digit())
            {
                continue;
            }
            let y: u16 = text[start..w[3].0 + 1].parse().ok()?;
            if (1949..=2100).contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

fn deadline_outside_year(ctx: &TableCtx, sink: &mut Sink) {
    let t = ctx.table;
    let Some(year) = t.year.as_deref().and_then(year_of) else {
        return;
    };
    let period = t
        .period
        .as_ref()
        .and_then(|(a, b)| Some((year_of(a)?, year_of(b).or(year_of(a))?)));
    for (i, ind) in ctx.indicators() {
        let Some(target) = &ind.target else { continue };
        if target.value.kind != Kind::Date {
            continue;
        }
        let Some(date) = target.value.date else {
            continue;
        };
        let y = date.year();
        let in_period = period.is_some_and(|(a, b)| a <= y && y <= b);
        if y != year && !in_period {
            let (period_zh, period_en) = match period {
                Some((a, b)) if a != b => (
                    format!("或实施周期 {a}–{b} 年"),
                    format!(" and the period {a}–{b}"),
                ),
                _ => (String::new(), String::new()),
            };
            sink.emit(
                Some(i),
                "target",
                line_of(ind),
                &[
                    ("name", name_of(ind)),
                    ("target", target.text.clone()),
                    ("year", year.to_string()),
                    ("period", period_zh),
                    ("period_en", period_en),
                ],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_text() {
        assert_eq!(year_of("2024"), Some(2024));
        assert_eq!(year_of("2021年"), Some(2021));
        assert_eq!(year_of("编码 440300221111562000383"), None);
        assert_eq!(year_of("2024-01至2026-12"), Some(2024));
    }
}
