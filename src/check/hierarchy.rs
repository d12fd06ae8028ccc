//! The indicator tree: categories in the right place, none missing, none empty, no indicator twice.

use super::{line_of, name_of, Check, Rule, Severity, Sink, TableCtx};
use crate::model::{Indicator, Level1};
use crate::read::labels::squeeze;

const TREE_SOURCE: &str = "财预〔2015〕88号《中央部门预算绩效目标管理办法》 indicator tree (产出: 数量、质量、时效、成本; 效益: \
经济、社会、生态、可持续影响; 满意度), as restated in 扶贫项目资金绩效目标设定要求 and the 申报表填报说明; 财预〔2021〕101号 \
(成本 as a first-level category: 经济成本、社会成本、生态环境成本; gist, seen in seeds 003 and 004). The profile's tree is \
what the document's framework allows. DOMAIN.md R2.1, R3.1.";

pub static H101: Rule = Rule {
    code: "H101",
    name: "level2-under-wrong-level1",
    severity: Severity::Error,
    title_zh: "二级指标挂在错误的一级指标下",
    title_en: "A level-2 category sits under the wrong level-1 category",
    doc: "Each second-level category belongs to one first-level category of the framework's tree (数量指标 under \
          产出指标, 社会效益指标 under 效益指标, …). A level-2 category under another level-1 one files the \
          indicators in the wrong place, so weights per level-1 and the indicator-setting review are wrong. \
          One finding per misplaced block, at its first row. The readers of printed tables file a level-2 label \
          under its own level-1 (in merged cells the printed position of a label is ambiguous), so this fires \
          on models whose categories were given explicitly: the model's JSON, or indicators built elsewhere.",
    source: TREE_SOURCE,
    message_zh: "二级指标「{level2}」不应位于一级指标「{level1}」之下（{rows} 行，配置 {profile}）",
    message_en: "level-2 category {level2} does not belong under level-1 {level1} ({rows} rows, profile {profile})",
    check: Check::Table(level2_under_wrong_level1),
};

fn level2_under_wrong_level1(ctx: &TableCtx, sink: &mut Sink) {
    let mut seen: Vec<(Level1, crate::model::Level2)> = Vec::new();
    for (i, ind) in ctx.table.indicators.iter().enumerate() {
        let (Some(l1), Some(l2)) = (ind.level1, ind.level2) else {
            continue;
        };
        if ctx.profile.level1(l1).is_none()
            || ctx.profile.allows(l1, l2)
            || seen.contains(&(l1, l2))
        {
            continue;
        }
        seen.push((l1, l2));
        let rows = ctx
            .table
            .indicators
            .iter()
            .filter(|x| x.level1 == Some(l1) && x.level2 == Some(l2))
            .count();
        sink.emit(
            Some(i),
            "level2",
            line_of(ind),
            &[
                ("level1", l1.as_str().to_owned()),
                ("level2", l2.as_str().to_owned()),
                ("rows", rows.to_string()),
                ("profile", ctx.profile.name.clone()),
            ],
        );
    }
}

pub static H102: Rule = Rule {
    code: "H102",
    name: "unknown-category",
    severity: Severity::Warning,
    title_zh: "指标类别无法识别",
    title_en: "An indicator's category cannot be recognised",
    doc: "An indicator whose first- or second-level category is neither printed in a recognisable form nor \
          inferable from its block (a garbled or non-standard label such as 项目管理, or a row outside any \
          category) cannot be weighed or reviewed by category. Level-1 categories outside the profile's tree \
          (成本指标 at level 1 under the central profile) are reported here too.",
    source: TREE_SOURCE,
    message_zh: "「{name}」的{level}类别无法识别（印刷为「{printed}」）",
    message_en: "the {level_en} category of {name} cannot be recognised (printed “{printed}”)",
    check: Check::Table(unknown_category),
};

fn unknown_category(ctx: &TableCtx, sink: &mut Sink) {
    for (i, ind) in ctx.indicators() {
        let printed = |p: &Option<String>| p.clone().unwrap_or_default();
        let outside_tree = ind
            .level1
            .is_some_and(|l1| ctx.profile.level1(l1).is_none());
        if ind.level1.is_none() || outside_tree {
            sink.emit(
                Some(i),
                "level1",
                line_of(ind),
                &[
                    ("name", name_of(ind)),
                    ("level", "一级".into()),
                    ("level_en", "level-1".into()),
                    ("printed", printed(&ind.level1_printed)),
                ],
            );
        } else if ind.level2.is_none() {
            sink.emit(
                Some(i),
                "level2",
                line_of(ind),
                &[
                    ("name", name_of(ind)),
                    ("level", "二级".into()),
                    ("level_en", "level-2".into()),
                    ("printed", printed(&ind.level2_printed)),
                ],
            );
        }
    }
}

pub static H103: Rule = Rule {
    code: "H103",
    name: "missing-level1",
    severity: Severity::Error,
    title_zh: "缺少必设的一级指标",
    title_en: "A required level-1 category is missing",
    doc: "The framework requires certain first-level categories (产出指标 and 效益指标 everywhere; 成本指标 in the \
          2021 tree). A table without any real indicator in one of them is incomplete (完整性). A category \
          printed only as a placeholder (`不涉及`, 0 points) counts as missing. 满意度指标 is not required: when it \
          is absent its weight moves to 效益指标.",
    source: "财预〔2015〕88号 goal review, completeness (完整性); 财预〔2020〕10号 第十五条 (satisfaction weight moves to benefit \
             when absent). Both gists, wording not verified. DOMAIN.md R1.2, R2.4.",
    message_zh: "缺少一级指标「{level1}」（配置 {profile}）",
    message_en: "no indicator under the required level-1 category {level1} (profile {profile})",
    check: Check::Table(missing_level1),
};

fn missing_level1(ctx: &TableCtx, sink: &mut Sink) {
    if ctx.table.indicators.is_empty() {
        return;
    }
    for spec in ctx.profile.level1.iter().filter(|s| s.required) {
        if !ctx
            .indicators()
            .any(|(_, i)| i.level1 == Some(spec.category))
        {
            sink.emit(
                None,
                "level1",
                ctx.table.location.line,
                &[
                    ("level1", spec.category.as_str().to_owned()),
                    ("profile", ctx.profile.name.clone()),
                ],
            );
        }
    }
}

pub static H104: Rule = Rule {
    code: "H104",
    name: "empty-category",
    severity: Severity::Warning,
    title_zh: "类别下没有指标",
    title_en: "A category is printed without any indicator",
    doc: "A first- or second-level category printed in the table with no indicator under it, and not declared \
          not applicable (a 0-point `不涉及` row), is a gap: either an indicator is missing or the label should \
          go. Declared not-applicable categories (seed 002 lists its unused ones with 0 points) are fine.",
    source: "财预〔2015〕88号 goal review, completeness (完整性; gist, wording not verified). DOMAIN.md R2.4, R3.3 (a \
             category with no 三级 rows is a quality warning).",
    message_zh: "「{category}」下没有指标",
    message_en: "no indicator under {category}",
    check: Check::Table(empty_category),
};

/// A placeholder that declares its category not applicable: 0 points, or an actual of `不涉及` / `/`.
fn declared_not_applicable(ind: &Indicator) -> bool {
    ind.weight.is_some_and(|w| w.is_zero())
        || [&ind.actual, &ind.target].iter().any(|c| {
            c.as_ref()
                .is_some_and(|c| c.value.kind == crate::value::Kind::None)
        })
}

fn empty_category(ctx: &TableCtx, sink: &mut Sink) {
    for (i, ind) in ctx.table.indicators.iter().enumerate() {
        if !ind.placeholder || declared_not_applicable(ind) {
            continue;
        }
        let same_level1 = |x: &Indicator| x.level1 == ind.level1 && !x.placeholder;
        let category = match ind.level2 {
            // A level-2 slot whose level-1 has real indicators elsewhere, or a level-1 with none at all.
            Some(l2) if ctx.table.indicators.iter().any(same_level1) => l2.as_str(),
            _ => ind.level1.map_or("（未识别）", Level1::as_str),
        };
        sink.emit(
            Some(i),
            "name",
            line_of(ind),
            &[("category", category.to_owned())],
        );
    }
}

pub static H105: Rule = Rule {
    code: "H105",
    name: "duplicate-indicator",
    severity: Severity::Warning,
    title_zh: "同一指标重复出现",
    title_en: "The same indicator appears twice",
    doc: "Two rows of one table with the same indicator name and the same target count the same thing twice: \
          the weight is split or doubled and the self-score cannot be traced. Reported at the second row.",
    source: "财预〔2015〕88号 goal review, completeness and relevance (完整性、相关性; gist, wording not verified). \
             DOMAIN.md R2.4.",
    message_zh: "指标「{name}」（指标值 {target}）与第 {first_line} 行重复",
    message_en: "indicator {name} (target {target}) repeats line {first_line}",
    check: Check::Table(duplicate_indicator),
};

fn duplicate_indicator(ctx: &TableCtx, sink: &mut Sink) {
    let key = |ind: &Indicator| {
        (
            ind.name.as_deref().map(squeeze),
            ind.target.as_ref().map(|c| squeeze(&c.text)),
        )
    };
    let rows: Vec<(usize, &Indicator, _)> = ctx
        .indicators()
        .filter(|(_, i)| i.name.is_some())
        .map(|(i, ind)| (i, ind, key(ind)))
        .collect();
    for (k, (i, ind, this)) in rows.iter().enumerate() {
        if let Some((_, first, _)) = rows[..k].iter().find(|(_, _, other)| other == this) {
            sink.emit(
                Some(*i),
                "name",
                line_of(ind),
                &[
                    ("name", name_of(ind)),
                    (
                        "target",
                        ind.target.as_ref().map_or("—".into(), |c| c.text.clone()),
                    ),
                    (
                        "first_line",
                        line_of(first).map_or("?".into(), |l| l.to_string()),
                    ),
                ],
            );
        }
    }
}
