//! How each indicator is written: a name, a target, a unit, measurable wording, and an annual target that
//! fits the cycle target.

use super::{line_of, name_of, num, Check, Rule, Severity, Sink, TableCtx};
use crate::model::Indicator;
use crate::value::{Kind, Op};

const WELL_FORMED_SOURCE: &str = "财预〔2015〕88号 requirements for goals (refined and quantified; qualitative only where it \
cannot be quantified, and then measurable; gist, wording not verified); a provincial system's entry checks (“计量单位为必录项，\
必须有值。”; “指标名称不能大于100个字！”). DOMAIN.md R2.2.";

/// A row that states nothing to check: a placeholder, or a 0-point row declared not applicable.
fn not_applicable(ind: &Indicator) -> bool {
    ind.placeholder
        || ind.weight.is_some_and(|w| w.is_zero())
            && [&ind.target, &ind.actual]
                .iter()
                .all(|c| c.as_ref().is_none_or(|c| c.value.kind == Kind::None))
}

pub static I101: Rule = Rule {
    code: "I101",
    name: "missing-name",
    severity: Severity::Error,
    title_zh: "指标缺少名称（三级指标）",
    title_en: "An indicator has no name (三级指标)",
    doc: "A row with a target, an actual or points but no third-level indicator name says nothing about what is \
          measured; it cannot be reviewed or scored.",
    source: WELL_FORMED_SOURCE,
    message_zh: "第 {line} 行的指标没有名称（指标值 {target}）",
    message_en: "the indicator on line {line} has no name (target {target})",
    check: Check::Table(missing_name),
};

fn missing_name(ctx: &TableCtx, sink: &mut Sink) {
    for (i, ind) in ctx.indicators() {
        if ind.name.as_deref().is_none_or(|n| n.trim().is_empty()) && !not_applicable(ind) {
            let line = line_of(ind);
            sink.emit(
                Some(i),
                "name",
                line,
                &[
                    ("line", line.map_or("?".into(), |l| l.to_string())),
                    (
                        "target",
                        ind.target.as_ref().map_or("—".into(), |c| c.text.clone()),
                    ),
                ],
            );
        }
    }
}

pub static I102: Rule = Rule {
    code: "I102",
    name: "missing-target",
    severity: Severity::Error,
    title_zh: "指标缺少指标值",
    title_en: "An indicator has no target value",
    doc: "Every indicator needs its (annual) target value (年度指标值 / 指标值): without it the indicator cannot be \
          measured and a self-evaluation cannot be scored. `/`, `无` or an empty cell count as missing; rows \
          declared not applicable (0 points) are exempt.",
    source: WELL_FORMED_SOURCE,
    message_zh: "指标「{name}」没有指标值",
    message_en: "indicator {name} has no target value",
    check: Check::Table(missing_target),
};

fn missing_target(ctx: &TableCtx, sink: &mut Sink) {
    for (i, ind) in ctx.indicators() {
        if ind.name.is_none() || not_applicable(ind) {
            continue;
        }
        let empty = ind
            .target
            .as_ref()
            .is_none_or(|c| c.value.kind == Kind::None || c.text.trim().is_empty());
        let cycle = ind
            .cycle_target
            .as_ref()
            .is_some_and(|c| c.value.kind != Kind::None);
        if empty && !cycle {
            sink.emit(Some(i), "target", line_of(ind), &[("name", name_of(ind))]);
        }
    }
}

pub static I103: Rule = Rule {
    code: "I103",
    name: "quantity-without-unit",
    severity: Severity::Warning,
    title_zh: "定量指标值没有计量单位",
    title_en: "A quantitative target has no unit",
    doc: "A number without a unit (`≥30`) leaves open what is counted: items, percent, or money. The unit may \
          stand in the value (`≥30个`) or in the name (`新增信息资源目录数（个）`); names that are rates or \
          indices (…率, 满意度, 比例, 指数) imply their unit.",
    source: "预算绩效管理系统录入校验：“计量单位为必录项，必须有值。”（定性、定量（其他）除外）；财预〔2015〕88号（细化量化）。\
             DOMAIN.md R2.2.",
    message_zh: "指标「{name}」的指标值 {target} 没有计量单位",
    message_en: "the target {target} of {name} has no unit",
    check: Check::Table(quantity_without_unit),
};

/// A name that ends in a parenthesis, where names print their unit (`培训人次（人次）`, `系统响应时间（s）`).
pub fn ends_in_parentheses(name: &str) -> bool {
    name.ends_with(')') || name.ends_with('）')
}

/// A name that carries its unit: `（个）`, `(s)` at the end, or a word for a ratio or index.
pub fn name_implies_unit(name: &str) -> bool {
    let s: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    ends_in_parentheses(&s)
        || [
            "次数", "人次", "人数", "个数", "件数", "天数", "户数", "家数", "篇数", "项数", "场次",
        ]
        .iter()
        .any(|w| s.ends_with(w))
        || [
            "率",
            "满意度",
            "比例",
            "比重",
            "占比",
            "指数",
            "系数",
            "得分",
            "分数",
            "评分",
            "%",
            "％",
        ]
        .iter()
        .any(|w| s.contains(w))
}

fn quantity_without_unit(ctx: &TableCtx, sink: &mut Sink) {
    for (i, ind) in ctx.indicators() {
        let Some(target) = &ind.target else { continue };
        let v = &target.value;
        let quantity = matches!(v.kind, Kind::Number | Kind::Range);
        if quantity
            && v.unit.is_none()
            && v.reference.is_none()
            && !ind.name.as_deref().is_some_and(name_implies_unit)
        {
            sink.emit(
                Some(i),
                "target",
                line_of(ind),
                &[("name", name_of(ind)), ("target", target.text.clone())],
            );
        }
    }
}

pub static I104: Rule = Rule {
    code: "I104",
    name: "vague-target",
    severity: Severity::Warning,
    title_zh: "指标值表述模糊，无法衡量",
    title_en: "A target is vague wording that cannot be measured",
    doc: "Targets such as 提高, 进一步提高, 有效促进, 明显改善 name a direction, not a level: nothing can show \
          them missed. A qualitative target must be gradable (达成/部分达成/未达成, 是/否, 优/良/中/差, 合格, \
          按时完成). Reported when the whole target is such a phrase.",
    source: "中诚政融《绩效目标设置的痼疾在哪里？》（2025, http://zczrbj.com/public/news/detail/403）：“使用‘进一步提高’、\
             ‘明显改善’、‘有效促进’等模糊不清的定性描述”; 财预〔2015〕88号 (qualitative goals must be measurable; gist). \
             DOMAIN.md R2.2, R4.4.",
    message_zh: "指标「{name}」的指标值「{target}」只表明方向，无法衡量",
    message_en: "the target {target} of {name} names a direction, not a measurable level",
    check: Check::Table(vague_target),
};

const VAGUE_MODIFIERS: &[&str] = &[
    "进一步",
    "有效",
    "明显",
    "显著",
    "逐步",
    "不断",
    "持续",
    "稳步",
    "大幅",
    "有所",
    "全面",
    "切实",
    "较大",
    "大力",
    "积极",
    "得到",
    "进一步的",
];
const VAGUE_VERBS: &[&str] = &[
    "提高", "提升", "改善", "促进", "增强", "加强", "优化", "完善", "推进", "推动", "加快", "改进",
    "规范", "巩固", "扩大", "增加", "降低", "减少",
];

/// Whether a target is only a direction: modifiers, then one verb, then at most a short object.
pub fn is_vague(text: &str) -> bool {
    // Most targets hold a digit: answered before building the squeezed copy.
    if text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let squeezed: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '，' | ','))
        .collect();
    if squeezed.is_empty() || squeezed.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let mut s = squeezed.as_str();
    while let Some(m) = VAGUE_MODIFIERS.iter().find(|m| s.starts_with(**m)) {
        s = &s[m.len()..];
    }
    let Some(verb) = VAGUE_VERBS.iter().find(|v| s.starts_with(**v)) else {
        return false;
    };
    // `提高` alone, or with a short object (`提升服务水平`): at most 6 more characters.
    s[verb.len()..].chars().count() <= 6
}

fn vague_target(ctx: &TableCtx, sink: &mut Sink) {
    for (i, ind) in ctx.indicators() {
        let Some(target) = &ind.target else { continue };
        if matches!(target.value.kind, Kind::Qualitative | Kind::Unknown) && is_vague(&target.text)
        {
            sink.emit(
                Some(i),
                "target",
                line_of(ind),
                &[("name", name_of(ind)), ("target", target.text.clone())],
            );
        }
    }
}

pub static I105: Rule = Rule {
    code: "I105",
    name: "prose-target",
    severity: Severity::Warning,
    title_zh: "年度指标值是一段叙述",
    title_en: "An annual target is prose",
    doc: "An annual target written as sentences (a work plan, several clauses) is not a value an actual can be \
          compared with; it belongs in the annual goal text (年度总体目标), with the indicator stating what is \
          measured. Reported for qualitative targets longer than 40 characters or made of several sentences.",
    source: WELL_FORMED_SOURCE,
    message_zh: "指标「{name}」的年度指标值是一段叙述（{chars} 字）",
    message_en: "the annual target of {name} is prose ({chars} characters)",
    check: Check::Table(prose_target),
};

/// Text longer than 40 characters or of several sentences: a plan, not a value.
pub fn is_prose(text: &str) -> bool {
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    chars > 40 || text.matches(['。', '；', ';']).count() >= 2
}

fn prose_target(ctx: &TableCtx, sink: &mut Sink) {
    for (i, ind) in ctx.indicators() {
        let Some(target) = &ind.target else { continue };
        if !matches!(target.value.kind, Kind::Qualitative | Kind::Unknown) {
            continue;
        }
        let chars = target.text.chars().filter(|c| !c.is_whitespace()).count();
        if is_prose(&target.text) {
            sink.emit(
                Some(i),
                "target",
                line_of(ind),
                &[("name", name_of(ind)), ("chars", chars.to_string())],
            );
        }
    }
}

pub static I106: Rule = Rule {
    code: "I106",
    name: "annual-above-cycle",
    severity: Severity::Warning,
    title_zh: "年度指标值大于实施周期指标值",
    title_en: "The annual target exceeds the target for the whole period",
    doc: "For a count or amount, one year of a multi-year project cannot deliver more than the whole \
          implementation period (实施周期指标值). An annual target above the cycle target usually means the \
          two columns are swapped or the long-term goal was entered as the annual one. Rates and percentages \
          are not compared (a yearly rate may exceed the period's).",
    source: "申报表填报说明：“年度绩效指标是对项目年度绩效目标的细化和量化。”；“长期目标与年度目标混淆”\
             (https://m.shutu.cn/template/p9476085.html). DOMAIN.md R2.1, R4.4.",
    message_zh: "指标「{name}」的年度指标值 {target} 大于实施周期指标值 {cycle}",
    message_en: "the annual target {target} of {name} exceeds the period target {cycle}",
    check: Check::Table(annual_above_cycle),
};

fn annual_above_cycle(ctx: &TableCtx, sink: &mut Sink) {
    for (i, ind) in ctx.indicators() {
        let (Some(target), Some(cycle)) = (&ind.target, &ind.cycle_target) else {
            continue;
        };
        let (t, c) = (&target.value, &cycle.value);
        let comparable = t.kind == Kind::Number
            && c.kind == Kind::Number
            && t.unit == c.unit
            && !matches!(t.unit.as_deref(), Some("%" | "‰"))
            && !ind.name.as_deref().is_some_and(name_implies_unit)
            && matches!(t.op, None | Some(Op::Ge | Op::Gt | Op::Eq))
            && matches!(c.op, None | Some(Op::Ge | Op::Gt | Op::Eq));
        if let (true, Some(tv), Some(cv)) = (comparable, t.value, c.value) {
            if tv > cv {
                sink.emit(
                    Some(i),
                    "target",
                    line_of(ind),
                    &[
                        ("name", name_of(ind)),
                        ("target", target.text.clone()),
                        ("cycle", cycle.text.clone()),
                        ("target_value", num(tv)),
                        ("cycle_value", num(cv)),
                    ],
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_wording() {
        for v in [
            "提高",
            "进一步提高",
            "有效促进",
            "明显改善",
            "有效提升",
            "提升服务水平",
            "逐步提高。",
        ] {
            assert!(is_vague(v), "{v}");
        }
        for v in [
            "是",
            "达成年度指标",
            "≥95%",
            "提高10%",
            "按时完成",
            "良好",
            "提高群众对生态保护修复工作的认识和参与度",
        ] {
            assert!(!is_vague(v), "{v}");
        }
    }

    #[test]
    fn units_in_names() {
        assert!(name_implies_unit("新增信息资源目录数（个）"));
        assert!(name_implies_unit("系统正常运行率"));
        assert!(!name_implies_unit("成果推广应用"));
    }
}
