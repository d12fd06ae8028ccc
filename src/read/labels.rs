//! The words that tell a reader what a row is: titles, header labels, column names, category labels, totals.
//! Matching works on squeezed text (no white space), since OCR and wrapped cells scatter spaces through labels.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::model::{Level1, Level2, MoneyUnit, TableKind};

/// Text without white space.
pub fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    super::grid::push_squeezed(&mut out, s);
    out
}

/// `s.contains(w)` by a plain scan for short text (a cell, a label): the standard search prepares a Two-Way
/// search for every call, which cost more than the search itself in the header and category lookups (a few
/// dozen words tested against each short cell).
pub fn contains_short(s: &str, w: &str) -> bool {
    let (h, n) = (s.as_bytes(), w.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    if h.len() > 64 {
        return s.contains(w);
    }
    // On bytes: a word of whole characters matches the bytes of whole characters only.
    h.len() >= n.len() && (0..=h.len() - n.len()).any(|i| h[i] == first && h[i..i + n.len()] == *n)
}

/// [`squeeze`] without a copy when the text has no white space (most cells): for lookups on every cell.
pub fn squeeze_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if super::grid::first_white(s).is_none() {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(squeeze(s))
    }
}

/// A cell that is one plain number (`10`, `12.5`, `100.0`, `1,329.42`): weights, scores and amounts.
pub fn number(cell: &str) -> Option<Decimal> {
    let s = super::grid::trim(cell);
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    let first = s.as_bytes()[0];
    if !(first.is_ascii_digit() || first == b'-' || first == b'.') {
        return None;
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',' || b == b'-')
    {
        return None;
    }
    if !s.contains(',') {
        return Decimal::from_str(s).ok();
    }
    let plain: String = s.chars().filter(|&c| c != ',').collect();
    Decimal::from_str(&plain).ok()
}

/// A number with an optional trailing `%` (执行率 is printed both ways).
pub fn percent_number(cell: &str) -> Option<Decimal> {
    let s = cell.trim();
    number(
        s.strip_suffix('%')
            .or_else(|| s.strip_suffix('％'))
            .unwrap_or(s)
            .trim_end(),
    )
}

/// A cell that only marks "nothing here": `_`, `-`, `/`, `—`.
pub fn is_dash(cell: &str) -> bool {
    let s = super::grid::trim(cell);
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, '_' | '-' | '/' | '—' | '－' | '―' | '／'))
}

/// What a title row announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleKind {
    Table(TableKind),
    Allocation,
    /// A table jixiao does not model (基础数据表).
    Other,
}

/// Recognises a title from the squeezed text of a row. OCR splits 项目支出绩效自评表 into fragments such as
/// `目支出绩`, which still mark a self-evaluation.
pub fn title_kind(squeezed: &str) -> Option<TitleKind> {
    let n = squeezed.chars().count();
    if n > 80 || squeezed.contains('，') || squeezed.contains('。') {
        return None;
    }
    // A title ends in its table word, perhaps followed by a bracketed note: `…自评表（业务工作经费）`.
    let head = match squeezed.rfind(['(', '（']) {
        Some(p) if p > 0 => &squeezed[..p],
        _ => squeezed,
    };
    let ocr_fragment = n <= 12 && (squeezed.contains("目支出绩") || squeezed.contains("效自评表"));
    let has = |w: &str| contains_short(squeezed, w);
    // `部门整体绩效目标`, `项目支出绩效目标`: a goal table titled without its 表.
    let bare_goal = n <= 24
        && head.ends_with("绩效目标")
        && (has("部门整体") || has("整体支出") || has("项目支出"));
    if bare_goal {
        return Some(TitleKind::Table(TableKind::Goal));
    }
    if !(head.ends_with('表') || head.ends_with("方案") || ocr_fragment) {
        return None;
    }
    if has("分配方案") || has("分配表") || has("资金分配") && has("方案") {
        Some(TitleKind::Allocation)
    } else if has("基础数据表") {
        Some(TitleKind::Other)
    } else if has("绩效目标表")
        || has("目标申报表")
        || has("绩效目标申报")
        || has("绩效目标") && !has("自评")
    {
        // Before the OCR fragment 目支出绩 below, which 项目支出绩效目标表 also contains.
        Some(TitleKind::Table(TableKind::Goal))
    } else if has("自评表") || has("目支出绩") || has("效自评") || has("评价表") && has("绩效")
    {
        Some(TitleKind::Table(TableKind::SelfEval))
    } else {
        None
    }
}

/// A header field of a goal or self-evaluation table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Code,
    Project,
    Year,
    Unit,
    Dept,
    Period,
    PeriodStart,
    PeriodEnd,
    Amount,
    /// The printed grade of a self-evaluation (自评等级 优).
    Grade,
    /// A label kept with its value but not interpreted (项目类型, 设立依据 …).
    Other,
}

/// Header labels, longest first where one contains another. Matched against squeezed text.
pub const FIELD_LABELS: &[(&str, Field)] = &[
    ("项目编码", Field::Code),
    ("项目代码", Field::Code),
    ("项目支出名称", Field::Project),
    ("项目名称", Field::Project),
    ("绩效自评年度", Field::Year),
    ("自评年度", Field::Year),
    ("评价年度", Field::Year),
    ("预算年度", Field::Year),
    ("实施单位", Field::Unit),
    ("项目单位", Field::Unit),
    ("单位名称", Field::Unit),
    // A 部门整体 table's unit is its department.
    ("部门名称", Field::Unit),
    ("部门编码", Field::Other),
    ("一级预算单位", Field::Dept),
    ("省级预算部门名称", Field::Dept),
    ("预算部门名称", Field::Dept),
    ("预算部门", Field::Dept),
    ("省级主管部门", Field::Dept),
    ("主管部门及代码", Field::Dept),
    ("主管部门及编码", Field::Dept),
    ("主管部门", Field::Dept),
    ("实施周期", Field::Period),
    ("起始年度", Field::PeriodStart),
    ("到期年度", Field::PeriodEnd),
    ("项目金额", Field::Other),
    ("总金额", Field::Amount),
    ("年度金额", Field::Amount),
    ("自评等级", Field::Grade),
    ("评价等级", Field::Grade),
    ("绩效等级", Field::Grade),
    ("自评等次", Field::Grade),
    ("评价等次", Field::Grade),
    ("自评结论", Field::Grade),
    ("评价结论", Field::Grade),
    ("项目类型", Field::Other),
    ("项目等级", Field::Other),
    ("项目属性", Field::Other),
    ("设立依据", Field::Other),
    ("项目概述", Field::Other),
    // Labels that sit between the fields above on one line; known, so that they end the value before them.
    ("项目负责人及电话", Field::Other),
    ("项目负责人", Field::Other),
    ("项目责任人", Field::Other),
    ("联系人及电话", Field::Other),
    ("联系人", Field::Other),
    ("联系电话", Field::Other),
    ("是否为专项资金", Field::Other),
    ("金额单位", Field::Other),
    ("项目来源", Field::Other),
    ("项目期", Field::Other),
    ("项目类别", Field::Other),
    ("归口科室", Field::Other),
    ("项目起止时间", Field::Other),
    ("专项名称", Field::Project),
];

/// Fields whose appearance opens a new table when the current one already has content.
pub fn opens_table(field: Field) -> bool {
    matches!(field, Field::Code | Field::Project)
}

/// Labels of the funds block.
pub const FUNDS_TOTAL: &[&str] = &["年度资金总额", "资金总额"];
pub const FUNDS_LINES: &[&str] = &[
    "当年财政拨款",
    "上年结转资金",
    "其他资金",
    "财政拨款",
    "上年结转",
];

/// The money unit a label announces: `项目资金 (元)`, `(万元)`, `单位：万元`.
pub fn money_unit_in(squeezed: &str) -> Option<MoneyUnit> {
    // Every form below ends in 元: one search for most rows instead of eight.
    if !squeezed.contains('元') {
        return None;
    }
    if squeezed.contains("(万元)")
        || squeezed.contains("（万元）")
        || squeezed.contains("单位:万元")
        || squeezed.contains("单位：万元")
    {
        Some(MoneyUnit::WanYuan)
    } else if squeezed.contains("(元)")
        || squeezed.contains("（元）")
        || squeezed.contains("单位:元")
        || squeezed.contains("单位：元")
    {
        Some(MoneyUnit::Yuan)
    } else {
        None
    }
}

/// Column roles of an indicator table, from its header cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Section,
    Level1,
    Level2,
    Name,
    CycleTarget,
    Target,
    Actual,
    Weight,
    Score,
    Deviation,
}

/// The role of one header cell, or `None`.
pub fn column_of(cell: &str) -> Option<Column> {
    let s = squeeze_cow(cell);
    if s.is_empty() {
        return None;
    }
    let has = |w: &str| contains_short(&s, w);
    Some(if has("一级指标") {
        Column::Level1
    } else if has("二级指标") {
        Column::Level2
    } else if has("三级指标") {
        Column::Name
    } else if has("偏差") || has("改进措施") {
        Column::Deviation
    } else if has("实施周期") && (has("目标") || has("指标值")) {
        Column::CycleTarget
    } else if has("实际") || has("完成值") || has("实际值") {
        Column::Actual
    } else if has("得分") {
        Column::Score
    } else if s == "分值" || s == "权重" || s == "权重(%)" || has("分值") {
        Column::Weight
    } else if has("指标值") || has("目标值") {
        Column::Target
    } else if has("绩效指标") {
        Column::Section
    } else {
        return None;
    })
}

/// A row is an indicator header when it names at least two indicator columns, one of them the level-1, level-2
/// or level-3 column.
pub fn is_indicator_header(cells: &[String]) -> bool {
    // The level columns are named 一级指标, 二级指标, 三级指标: a row without 级指标 in a cell names none (most rows
    // that reach here are indicator rows, whose every cell the full lookup below would test).
    if !cells
        .iter()
        .any(|c| contains_short(c, "级") && squeeze_cow(c).contains("级指标"))
    {
        return false;
    }
    let cols: Vec<Column> = cells.iter().filter_map(|c| column_of(c)).collect();
    cols.len() >= 2
        && cols
            .iter()
            .any(|c| matches!(c, Column::Level1 | Column::Level2 | Column::Name))
}

/// What a cell left of the indicator name says about the categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// A first-level category (产出指标, `成本指标 (10分)`).
    Level1(Level1),
    /// A second-level category (数量指标, `服务对象满意度指 标`).
    Level2(Level2),
    /// Only a block weight: `(30分)`, the lower half of a wrapped level-1 cell.
    Weight,
    /// The section column (`年度绩效指标`, `绩效指标`).
    Section,
    /// Text that names no category (OCR damage such as `灰星 1400`).
    Unknown,
}

/// Category names a label cell may print, in full; a cell matches when it is one of them or a start of exactly
/// one of them (`社会效益`, `服务对象满意度指`, cut by wrapping or OCR).
const CATEGORY_NAMES: &[(&str, Label)] = &[
    ("产出指标", Label::Level1(Level1::Output)),
    ("效益指标", Label::Level1(Level1::Benefit)),
    ("效果指标", Label::Level1(Level1::Benefit)),
    ("满意度指标", Label::Level1(Level1::Satisfaction)),
    ("数量指标", Label::Level2(Level2::Quantity)),
    ("质量指标", Label::Level2(Level2::Quality)),
    ("时效指标", Label::Level2(Level2::Timeliness)),
    ("成本指标", Label::Level2(Level2::Cost)),
    ("经济成本指标", Label::Level2(Level2::EconomicCost)),
    ("社会成本指标", Label::Level2(Level2::SocialCost)),
    ("生态环境成本指标", Label::Level2(Level2::EcologicalCost)),
    ("生态成本指标", Label::Level2(Level2::EcologicalCost)),
    ("环境成本指标", Label::Level2(Level2::EcologicalCost)),
    ("经济效益指标", Label::Level2(Level2::EconomicBenefit)),
    ("社会效益指标", Label::Level2(Level2::SocialBenefit)),
    ("生态效益指标", Label::Level2(Level2::EcologicalBenefit)),
    ("环境效益指标", Label::Level2(Level2::EcologicalBenefit)),
    ("可持续影响指标", Label::Level2(Level2::Sustainability)),
    (
        "服务对象满意度指标",
        Label::Level2(Level2::ServiceSatisfaction),
    ),
    ("其他满意度指标", Label::Level2(Level2::OtherSatisfaction)),
    // The lower half of a level-1 cell split over two cells (`满` | `意度指标`).
    ("意度指标", Label::Level1(Level1::Satisfaction)),
];

/// Has a printed block weight: `(50分)`, `（10 分）`.
pub fn has_block_weight(s: &str) -> bool {
    contains_short(s, "分")
        && (s.contains('(') || contains_short(s, "（"))
        && s.chars().any(|c| c.is_ascii_digit())
}

/// A Han character (the CJK Unified Ideographs block).
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The category words of a label cell: the weight in brackets, a code prefix (`1-`) and trailing OCR noise go.
fn label_core(s: &str) -> std::borrow::Cow<'_, str> {
    let before_bracket = s.split(['(', '（']).next().unwrap_or("");
    let no_code = before_bracket
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['-', '－', '、', '.']);
    as_indicator_words(no_code.trim_end_matches(|c: char| !is_han(c)))
}

/// A category written with 目标 for 指标 (Fujian's `产出目标`, `数量目标`) as the standard words; other text as it
/// is. Only standard categories are rewritten: 年度目标 and 绩效目标 stay goals.
pub fn as_indicator_words(core: &str) -> std::borrow::Cow<'_, str> {
    if let Some(stem) = core.strip_suffix("目标") {
        let words = format!("{stem}指标");
        if CATEGORY_NAMES.iter().any(|(name, _)| *name == words) {
            return std::borrow::Cow::Owned(words);
        }
    }
    std::borrow::Cow::Borrowed(core)
}

/// Classifies a category cell.
pub fn label_of(cell: &str) -> Label {
    // Category labels are short; a long cell (an indicator name, a note) is none, even with a weight in it.
    if cell.len() > 120 {
        return Label::Unknown;
    }
    label_of_squeezed(&squeeze_cow(cell))
}

/// [`label_of`] for text already without white space.
pub fn label_of_squeezed(s: &str) -> Label {
    // The longest label with its block weight (`时效指标(工期指标、形象进度指标)`) is under 24 characters.
    if s.len() > 72 || s.len() > 24 && s.chars().count() > 24 {
        return Label::Unknown;
    }
    if s.is_empty() {
        return Label::Unknown;
    }
    if s == "年度绩效指标" || s == "绩效指标" || s == "年度绩效目标" {
        return Label::Section;
    }
    let core = label_core(s);
    let core: &str = &core;
    if core.chars().count() >= 2 {
        let mut found: Option<Label> = None;
        // A name equal to the core or starting with it starts with its first two bytes (the core has two
        // characters or more): the others are passed over without a string comparison.
        let head = |t: &str| (t.as_bytes()[0], t.as_bytes()[1]);
        let core_head = head(core);
        for (name, label) in CATEGORY_NAMES
            .iter()
            .filter(|(name, _)| head(name) == core_head)
        {
            if *name == core {
                found = Some(*label);
                break;
            }
            if name.starts_with(core) {
                if found.is_some_and(|f| f != *label) {
                    found = None;
                    break;
                }
                found = Some(*label);
            }
        }
        if let Some(label) = found {
            // 成本指标 with a block weight is the 2021 first-level cost category; without, the 2015
            // second-level one.
            if label == Label::Level2(Level2::Cost) && has_block_weight(s) {
                return Label::Level1(Level1::Cost);
            }
            return label;
        }
    }
    if let Some(label) = nearest_category(core) {
        return label;
    }
    if has_block_weight(s) && s.chars().count() <= 8 {
        return Label::Weight;
    }
    Label::Unknown
}

/// First two characters of every label [`label_of`] can return (a category, its OCR or wrapped pieces, the
/// section column): a cell starting otherwise is no label, found without the full lookup.
const LABEL_STARTS: &[&str] = &[
    "产出", "效益", "效果", "满意", "意度", "数量", "质量", "时效", "成本", "经济", "社会", "生态",
    "环境", "可持", "服务", "其他", "项目", "年度", "绩效", "进度", "工期", "形象",
];

/// Whether `squeezed` may be a label: cheap, and never false for one (a code, digits or a bracketed weight
/// first sends it to the full lookup).
pub fn may_be_label(squeezed: &str) -> bool {
    let mut chars = squeezed.chars();
    let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
        return true;
    };
    if a.is_ascii() || matches!(a, '(' | '（') {
        return true;
    }
    LABEL_START_CHARS.contains(&(a, b))
}

/// [`LABEL_STARTS`] as pairs of characters (compared without a string comparison per entry).
static LABEL_START_CHARS: std::sync::LazyLock<Vec<(char, char)>> = std::sync::LazyLock::new(|| {
    LABEL_STARTS
        .iter()
        .map(|s| {
            let mut c = s.chars();
            (c.next().unwrap_or_default(), c.next().unwrap_or_default())
        })
        .collect()
});

/// The start of a category's name, perhaps cut inside a bracket (`生態(t`, `可`): what a text cut off inside a
/// category cell leaves. Two characters or more of the name, or its first character alone.
pub fn is_category_start(cell: &str) -> bool {
    let sq = squeeze(cell);
    let core = sq.split(['(', '（']).next().unwrap_or("");
    !core.is_empty()
        && core.chars().count() < 8
        && CATEGORY_NAMES
            .iter()
            .chain(FRAMEWORK_NAMES)
            .any(|(name, _)| name.starts_with(core) && *name != core)
}

/// A category's standard name exactly (`产出指标`, `服务对象满意度指标`, `项目产出`), no nearer match.
pub fn exact_category(core: &str) -> Option<Label> {
    CATEGORY_NAMES
        .iter()
        .chain(FRAMEWORK_NAMES)
        .find(|(name, _)| *name == core)
        .map(|(_, label)| *label)
}

/// Names of categories in other words that templates print: the evaluation framework's first-level names
/// (项目产出, 项目效益), and the older names of 时效指标 that the 2021 template lists beside it
/// (`时效指标(工期指标、形象进度指标)`), printed alone by some provinces (进度指标).
const FRAMEWORK_NAMES: &[(&str, Label)] = &[
    ("项目产出", Label::Level1(Level1::Output)),
    ("项目效益", Label::Level1(Level1::Benefit)),
    ("项目效果", Label::Level1(Level1::Benefit)),
    ("进度指标", Label::Level2(Level2::Timeliness)),
    ("工期指标", Label::Level2(Level2::Timeliness)),
    ("形象进度指标", Label::Level2(Level2::Timeliness)),
];

/// A category printed outside the standard list reads as the standard one it ends with: `预期产出指标` as
/// 产出指标, `社会公众或服务对象满意度指标` as 服务对象满意度指标. Short cells only (a category, not a sentence).
fn nearest_category(core: &str) -> Option<Label> {
    let n = core.chars().count();
    if !(3..=16).contains(&n) {
        return None;
    }
    if let Some((_, label)) = FRAMEWORK_NAMES.iter().find(|(name, _)| *name == core) {
        return Some(*label);
    }
    if !core.ends_with("指标") {
        return None;
    }
    // One character misread, before what a suffix would say (`社佘效益指标` is 社会效益, not 效益 with words).
    if let Some(label) = misread_category(core, n) {
        return Some(label);
    }
    // What comes before the standard name is a few words (预期, 社会公众或), never a number or a sentence.
    CATEGORY_NAMES
        .iter()
        .filter(|(name, _)| name.chars().count() >= 4 && core.ends_with(name))
        .max_by_key(|(name, _)| name.len())
        .filter(|(name, _)| {
            let prefix = &core[..core.len() - name.len()];
            prefix.chars().count() <= 6 && prefix.chars().all(is_han) && !prefix.contains("指标")
        })
        .map(|(_, label)| *label)
}

/// A category with one character misread by OCR (`数且指标`, `社佘效益指标`): the only category of the same
/// length that differs from it in one character before 指标. Two categories that near (`成效指标`: 时效 or 成本)
/// leave it unread. The cell keeps its printed text; only its category is read.
fn misread_category(core: &str, n: usize) -> Option<Label> {
    let mut found: Option<Label> = None;
    for (name, label) in CATEGORY_NAMES {
        // `意度指标` is the lower half of a split cell, not a category to be near (温度指标 is a name).
        if name.chars().count() != n || name.starts_with("意度") {
            continue;
        }
        let differ = name
            .chars()
            .zip(core.chars())
            .filter(|(a, b)| a != b)
            .count();
        if differ == 1 {
            if found.is_some_and(|f| f != *label) {
                return None;
            }
            found = Some(*label);
        }
    }
    found
}

/// A name with an indicator number before it: `指标4.不合格产品处置率`, `指标1:宣传次数`.
pub fn is_numbered_name(cell: &str) -> bool {
    let s = cell.trim_start_matches(['★', '☆', '*', '※', ' ']);
    let Some(rest) = s.strip_prefix("指标") else {
        return false;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && rest[digits..].starts_with(['.', ':', '：', '、', '．'])
        && rest.chars().count() > digits + 2
}

/// A template's numbering alone (`指标2:`, `指标1:指标2:`): an empty indicator slot, not a name or its end.
pub fn is_bare_marker(cell: &str) -> bool {
    let mut rest = squeeze(cell);
    let mut any = false;
    while let Some(after) = rest.strip_prefix("指标") {
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        let after = after[digits..].trim_start_matches([':', '：', '.', '、', '．']);
        rest = after.to_owned();
        any = true;
    }
    any && rest.is_empty()
}

/// A comparator a value starts with (`≥95%`, `<5天`, `±3%`).
pub fn is_comparator_start(c: char) -> bool {
    matches!(
        c,
        '≥' | '≤' | '<' | '>' | '=' | '＞' | '＜' | '≧' | '≦' | '±'
    )
}

/// A cell holding a category word (not a weight fragment or garbage).
pub fn is_category(cell: &str) -> bool {
    matches!(label_of(cell), Label::Level1(_) | Label::Level2(_))
}

/// The 总分 / 合计 row of an indicator table.
pub fn is_total_label(cell: &str) -> bool {
    // Each total word starts with 总, 合 or 自 and ends with 分 or 计: a cell that does not (nearly every cell of a
    // block, tested on every row) is none, without squeezing it.
    let t = super::grid::trim(cell);
    if !(t.starts_with(['总', '合', '自']) && t.ends_with(['分', '计'])) {
        return false;
    }
    let s = squeeze_cow(cell);
    matches!(
        &*s,
        "总分" | "合计" | "总计" | "合计得分" | "总得分" | "自评总分"
    )
}

/// Lines after a table that belong to no table: signatures and notes.
pub fn is_footer(squeezed: &str) -> bool {
    squeezed.starts_with("填表人")
        || squeezed.starts_with("备注")
        || squeezed.starts_with("-备注")
        || squeezed.starts_with("注:")
        || squeezed.starts_with("注：")
        || squeezed.starts_with("单位负责人")
        // 财政部门审核意见, 主管部门审批意见: the reviewers' boxes under the table.
        || squeezed.len() <= 48 && (squeezed.ends_with("审核意见") || squeezed.ends_with("审批意见"))
}

/// Rows about the 年度总体目标 block.
pub fn is_goal_text_label(squeezed: &str) -> bool {
    squeezed.starts_with("年度总体目标")
        || squeezed.starts_with("项目目标完成")
        || squeezed.starts_with("总体绩效目标")
        || squeezed.starts_with("总体目标")
        || squeezed.starts_with("实施周期总体目标")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// OCR misreads one character of a category: the only category that near is read, and nothing when two
    /// are (or when the cell is the lower half of a split cell's neighbour, or a name).
    #[test]
    fn a_category_with_one_character_misread_is_that_category() {
        assert_eq!(label_of("数且指标"), Label::Level2(Level2::Quantity));
        assert_eq!(label_of("质虽指标"), Label::Level2(Level2::Quality));
        assert_eq!(
            label_of("社佘效益指标"),
            Label::Level2(Level2::SocialBenefit)
        );
        assert_eq!(
            label_of("服务对象满意皮指标"),
            Label::Level2(Level2::ServiceSatisfaction)
        );
        assert_eq!(label_of("产岀指标（50分）"), Label::Level1(Level1::Output));
        // 时效 or 成本: two categories one character away.
        assert_eq!(label_of("成效指标"), Label::Unknown);
        // Two characters away, or not a category's length: a name.
        assert_eq!(label_of("温度指标"), Label::Unknown);
        assert_eq!(label_of("数据质控指标"), Label::Unknown);
    }

    #[test]
    fn reviewers_boxes_are_footers() {
        assert!(is_footer("财政部门审核意见"));
        assert!(is_footer("主管部门审批意见"));
        assert!(!is_footer("市民满意度"));
    }

    #[test]
    fn numbers_and_dashes() {
        assert_eq!(number("12.5"), Some(Decimal::new(125, 1)));
        assert_eq!(number("1,329.42"), Some(Decimal::new(132942, 2)));
        assert_eq!(number("100.0").unwrap().to_string(), "100.0");
        assert_eq!(number("2个"), None);
        assert_eq!(percent_number("89.73%"), Some(Decimal::new(8973, 2)));
        assert!(is_dash("_") && is_dash("——") && !is_dash("0"));
    }

    #[test]
    fn titles_including_ocr_fragments() {
        assert_eq!(
            title_kind("目支出绩"),
            Some(TitleKind::Table(TableKind::SelfEval))
        );
        assert_eq!(
            title_kind("预算支出绩效目标表"),
            Some(TitleKind::Table(TableKind::Goal))
        );
        assert_eq!(
            title_kind("绩效目标申报表(一级项目)"),
            Some(TitleKind::Table(TableKind::Goal))
        );
        assert_eq!(
            title_kind("2021年国土空间规划专项资金分配方案"),
            Some(TitleKind::Allocation)
        );
        assert_eq!(
            title_kind("2024年度部门整体支出绩效评价基础数据表"),
            Some(TitleKind::Other)
        );
        assert_eq!(title_kind("项目资金"), None);
    }

    #[test]
    fn category_labels() {
        assert_eq!(label_of("产出指标 (50分)"), Label::Level1(Level1::Output));
        assert_eq!(
            title_kind("项目支出绩效目标表"),
            Some(TitleKind::Table(TableKind::Goal))
        );
        assert_eq!(label_of("成本指标 (10 分)"), Label::Level1(Level1::Cost));
        assert_eq!(label_of("成本指标"), Label::Level2(Level2::Cost));
        assert_eq!(
            label_of("服务对象满意度指 标"),
            Label::Level2(Level2::ServiceSatisfaction)
        );
        assert_eq!(
            label_of("满意度指标 (10分)"),
            Label::Level1(Level1::Satisfaction)
        );
        assert_eq!(label_of("(30分)"), Label::Weight);
        assert_eq!(label_of("年度绩效指标"), Label::Section);
        assert_eq!(label_of("灰星 1400"), Label::Unknown);
        assert_eq!(label_of("社会效益"), Label::Level2(Level2::SocialBenefit));
    }

    #[test]
    fn contains_short_is_contains() {
        let words = ["指标", "三级指标", "分", "(", "a", "", "值值", "级指标值"];
        for s in [
            "三级指标",
            "指标值",
            "分值(%)",
            "",
            "a",
            "值",
            "年度指标值指标值",
            "一级指标二级指标三级指标",
        ] {
            for w in words {
                assert_eq!(contains_short(s, w), s.contains(w), "{s} {w}");
            }
        }
        let long = "绩效指标".repeat(20);
        assert!(contains_short(&long, "指标绩效") && !contains_short(&long, "三级"));
    }

    #[test]
    fn header_columns() {
        assert_eq!(column_of("实际完成 值"), Some(Column::Actual));
        assert_eq!(column_of("当年度目标值"), Some(Column::Target));
        assert_eq!(column_of("实施周期目标值"), Some(Column::CycleTarget));
        assert_eq!(
            column_of("偏差原因分析及改进 措施"),
            Some(Column::Deviation)
        );
        assert_eq!(column_of("自评得分"), Some(Column::Score));
        assert_eq!(column_of("分值"), Some(Column::Weight));
    }
}
