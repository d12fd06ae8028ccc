//! Indicator-setting quality: observable features of each indicator and table, four dimension scores along
//! the official review criteria (完整性, 相关性, 适当性, 可行性), and one index per table.
//!
//! The method, weights and sources are written down in `docs/quality.md`; every feature is exposed on its own
//! so that researchers can build their own measures.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::check::indicators::{ends_in_parentheses, is_prose, is_vague, name_implies_unit};
use crate::check::Profile;
use crate::completion::{completion, Direction};
use crate::model::{Document, Indicator, Level1, Level2, Table, TableKind};
use crate::read::grid::push_squeezed;
use crate::read::labels::{contains_short, is_han, squeeze};
use crate::value::{Kind, Op};

use super::grade::{Flaw, Form, GradeModel};
use super::words::{List, Name};

/// A name used in at least this many tables of the corpus is boilerplate.
pub const BOILERPLATE_TABLES: usize = 3;
/// Actual at or above this multiple of the target: the target was set far below what was delivered.
pub const FAR_ABOVE: Decimal = Decimal::from_parts(13, 0, 0, false, 1);

/// Dimension weights of the 0.1 index (完整性, 相关性, 适当性, 可行性), renormalised over the dimensions observed;
/// used only with a grade model that has no fitted `index`.
pub const DIMENSION_WEIGHTS: [f64; 4] = [0.3, 0.3, 0.25, 0.15];

/// Observable features of one indicator. `None` where the feature does not apply (no actual in a goal
/// table, no cycle target, not a quantity).
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorFeatures {
    /// The target is a quantity, range, date or duration.
    pub quantified: bool,
    /// The target can show a miss: quantified, or a gradable word, and neither vague (提高) nor prose.
    pub measurable: bool,
    /// A quantity's unit is printed in the value or implied by the name.
    pub unit_present: Option<bool>,
    /// Why the category looks wrong for the indicator's name, if it does.
    pub miscategorized: Option<&'static str>,
    /// A target that cannot be missed, or all but: `≥0`, `>0`, 不超预算, a cost capped at its budget line
    /// (`≤480万元`), `≥1次`, funds disbursed on time, 已完成 with nothing counted, the implementation period
    /// restated, an input stated as a fact (保障在职职工人数 = 116人).
    pub cannot_fail: bool,
    /// 100% for the unit's own routine work (完成率, 执行率, 及时率, 正常运转 …).
    pub routine_100: bool,
    /// Actual ≥ 130% of the target.
    pub far_above: Option<bool>,
    /// Target and actual printed identically.
    pub equals_actual: Option<bool>,
    /// The annual target exceeds the cycle target.
    pub annual_above_cycle: Option<bool>,
    /// The same name is used in at least [`BOILERPLATE_TABLES`] tables of the corpus.
    pub boilerplate: bool,
    /// The target was met (self-evaluations, where target and actual compare).
    pub met: Option<bool>,
    /// What kind of standard the target sets (a quantity, a single deliverable, a rate …).
    pub form: Form,
    /// The indicator is about what the money buys: not budget execution, payment or the unit's own
    /// management (RUBRIC §3.7). `None` without a name.
    pub relevant: Option<bool>,
    /// Completion or attainment rate (完成率, 达标率).
    pub completion_rate: bool,
    /// A percentage on a name that is no rate (齐抓共管 100%).
    pub undefined_rate: bool,
    /// The share of the name's character pairs found in the project name and annual goal (`None` where the
    /// table prints neither).
    pub goal_overlap: Option<f64>,
    /// The flaws the grade model weighs, in [`Flaw::ALL`] order.
    pub flaws: Vec<Flaw>,
    /// The grade on the 1–5 scale before rounding, and rounded (filled in by [`table_quality`]).
    pub grade_score: f64,
    pub grade: u8,
}

/// Features, dimensions and index of one table.
#[derive(Clone, Debug, PartialEq)]
pub struct TableQuality {
    pub profile: String,
    pub n_indicators: usize,
    pub share_quantified: f64,
    pub share_measurable: f64,
    pub share_unit: f64,
    pub share_miscategorized: f64,
    pub share_cannot_fail: f64,
    pub share_routine_100: f64,
    pub share_far_above: Option<f64>,
    pub share_equals_actual: Option<f64>,
    pub share_annual_above_cycle: Option<f64>,
    pub share_boilerplate: f64,
    pub share_met: Option<f64>,
    /// Required level-1 categories present, of those the profile requires.
    pub level1_coverage: f64,
    /// Of the six core level-2 slots (数量, 质量, 时效, 成本, a benefit, 服务对象满意度), the share filled.
    pub level2_coverage: f64,
    /// Rows with a name and a target (and, for quantities, a unit).
    pub share_complete: f64,
    pub completeness: f64,
    pub relevance: f64,
    pub appropriateness: f64,
    /// Only for self-evaluations (the share of targets met); None for goal tables.
    pub feasibility: Option<f64>,
    /// Rows about what the money buys, of the rows with a name.
    pub share_relevant: f64,
    /// Rows whose name shares nothing with the project name and annual goal.
    pub share_off_goal: f64,
    /// Rows too easy for any reason (cannot fail, routine 100%, far above the actual).
    pub share_easy: f64,
    /// Rows whose target is a specific quantity ([`Form::Quantity`]).
    pub share_quantity: f64,
    /// The mean row grade (1–5).
    pub mean_grade: f64,
    pub index: f64,
}

/// The table statistics a table model may weigh (names of `quality(...).tables` columns).
pub const TABLE_INPUTS: &[&str] = &[
    "share_quantified",
    "share_measurable",
    "share_unit",
    "share_miscategorized",
    "share_cannot_fail",
    "share_routine_100",
    "share_boilerplate",
    "share_relevant",
    "share_off_goal",
    "share_easy",
    "share_quantity",
    "mean_grade",
    "level1_coverage",
    "level2_coverage",
    "share_complete",
    "completeness",
    "relevance",
    "appropriateness",
];

/// A name that measures satisfaction: 满意度, or complaints counted (投诉率, 投诉数), not complaints handled.
fn names_satisfaction(name: Name) -> bool {
    name.has(List::Satisfied) || name.has(List::Complaint) && !name.has(List::Handling)
}

fn miscategorized(ind: &Indicator, name: Name, budget_execution: bool) -> Option<&'static str> {
    ind.name.as_ref()?;
    // A satisfaction item may be named by what is rated (运维服务态度) when its target is a rating (满意 ≥90%).
    let rated = ind.target.as_ref().is_some_and(|t| {
        t.text.contains("满意") || t.text.contains("评价") || t.value.unit.as_deref() == Some("%")
    });
    if budget_execution
        || ["经费", "资金"].iter().any(|w| name.starts_with(w)) && name.has(List::FundProgress)
        || name.contains("执行率") && name.contains("资金")
    {
        return Some("预算执行不是绩效指标 / budget execution filed as a performance indicator");
    }
    if name.contains("知晓") && !matches!(ind.level2, Some(Level2::SocialBenefit)) {
        return Some("知晓率属社会效益 / awareness is a social benefit");
    }
    if name.has(List::Spec) && ind.level2.is_some_and(|l| l != Level2::Quality) {
        return Some("技术指标应列为质量指标 / a technical specification belongs under 质量指标");
    }
    if matches!(
        ind.level2,
        Some(Level2::SocialCost | Level2::EcologicalCost)
    ) && !name.has(List::CostNoun)
    {
        return Some("成本类别下不是成本 / not a cost under a cost category");
    }
    match ind.level1? {
        l1 if l1 != Level1::Satisfaction && names_satisfaction(name) => {
            Some("满意度指标列在其他类别 / a satisfaction measure filed outside 满意度指标")
        }
        Level1::Benefit if name.has(List::Output) => {
            Some("产出（质量、时效、运行）指标列为效益 / an output measure filed as a benefit")
        }
        Level1::Satisfaction if !names_satisfaction(name) && !name.contains("评价") && !rated => {
            Some("满意度类别下不是满意度指标 / not a satisfaction measure under 满意度指标")
        }
        _ => None,
    }
}

/// Names that count things: the measure word of a bare number is the thing named (补贴渔船数 6 is 6 艘).
const COUNT_ENDINGS: &[&str] = &["数", "数量", "批次", "品种", "学时", "课时", "场次", "人次"];

/// Verbs that open the name of an event or a thing made: a bare number counts them (召开…会议 2 is 2 次).
const COUNTED_VERBS: &[&str] = &[
    "召开", "开展", "组织", "举办", "开设", "开发", "上线", "建设", "建成", "新建", "购置", "采购",
    "发放", "补贴", "培训", "印发", "编制", "制作", "维修", "改造", "检查", "抽检", "抽验", "慰问",
    "资助",
];

/// Ends of a name that is a field of work or an aim, not a set of things done (工程质量管理, 文明施工, 齐抓共管,
/// …协调发展, 基础信息完善): a percentage on one measures nothing defined (RUBRIC §3.2, "齐抓共管100%").
const FIELD_OF_WORK: &[&str] = &[
    "管理", "施工", "工作", "共管", "发展", "建设", "完善", "规范",
];

/// Verbs that open a slogan (促进人口与经济…协调发展): a number on one is vague (RUBRIC §3.6).
const SLOGAN_VERBS: &[&str] = &["促进", "推动", "推进", "营造", "实现", "助力"];

/// A percentage on a name that names no share (齐抓共管 100%), and of those, the names of a concept no one
/// could check: a field of work or a slogan. An activity done to everyone it concerns (风险分级 100%, 资料审核
/// 98%) stays measurable: the share of the cases done.
fn undefined_rate(name: Name, pct: bool) -> (bool, bool) {
    let undefined =
        pct && !name.is_empty() && !names_satisfaction(name) && !name.has(List::RateNoun);
    let concept = undefined
        && (FIELD_OF_WORK.iter().any(|w| name.ends_with(w))
            || SLOGAN_VERBS.iter().any(|w| name.starts_with(w)));
    (undefined, concept)
}

/// Names of money: a cost indicator's unit must be money (检查差旅费 `470 人/天` lacks its 元).
const MONEY_WORDS: &[&str] = &["费", "成本", "资金", "经费", "金额", "投入", "投资"];

/// Whether the unit of a numeric target is printed right or clear from the indicator's name (the reviewers'
/// `unit_ok`, shared/quality/RUBRIC.md §3.3).
fn unit_is_clear(ind: &Indicator, name: Name, v: &crate::value::Value, text: &str) -> bool {
    // The name must end in money (培训费), not merely hold the word (收费凭证, 免费开放接待人数).
    let money = ind.level2 == Some(Level2::Cost) || MONEY_WORDS.iter().any(|w| name.ends_with(w));
    if let Some(unit) = v.unit.as_deref() {
        // A cost in 人/天 has lost its 元; a share of the cost (%) is fine.
        return !money || unit.contains('元') || unit == "%";
    }
    if name_implies_unit(&name) {
        return true;
    }
    if money {
        // 250万 under a cost: 万元, the magnitude written and the 元 implied.
        return text.contains('万') || text.contains('亿');
    }
    if name.has(List::Span) {
        return false;
    }
    // 建设普通省道二级公路32.1公里: the name carries its own quantity and unit.
    if crate::value::parse(&name).unit.is_some() {
        return true;
    }
    let whole = v.value.is_some_and(|x| x.fract().is_zero() && !x.is_zero());
    whole
        && (COUNT_ENDINGS.iter().any(|w| name.ends_with(w))
            || COUNTED_VERBS.iter().any(|w| name.starts_with(w)))
}

/// Budget execution filed as an indicator (资金拨付时间, 工资待遇保障率, 利息补贴保障率): the money is paid,
/// so the target is met by the budget itself (RUBRIC §3.4, `非绩效指标(预算执行)`).
fn is_budget_execution(name: Name) -> bool {
    name.has(List::BudgetExecution)
        || is_payment(name)
        || name.ends_with("保障率") && name.has(List::PaidObject)
}

/// Targets a reviewer calls too easy although they can fail on paper (RUBRIC §3.5): a cost capped at its
/// budget line, `≥1` of an event, funds disbursed, 已完成 with nothing counted, the implementation period
/// restated, and an input stated as a fact.
/// A cost indicator whose target caps money (`≤480万元`, `250万`): a budget line restated.
fn budget_cap(ind: &Indicator, v: &crate::value::Value, text: &str) -> bool {
    // The category and the comparator first: most rows are no cost, and the text is searched only for costs.
    let cost = matches!(
        ind.level2,
        Some(Level2::Cost | Level2::EconomicCost | Level2::SocialCost | Level2::EcologicalCost)
    );
    if !cost || !matches!(v.op, Some(Op::Le | Op::Lt | Op::Eq)) {
        return false;
    }
    // `250万` under a cost is 万元: the magnitude printed, the 元 implied.
    v.unit.as_deref().is_some_and(|u| u.starts_with('元'))
        || v.unit.is_none()
            && v.kind == Kind::Number
            && (text.contains('万') || text.contains('亿'))
}

/// Why a target is all but certain to be met: the rubric grades a bar at one and a cost capped at one of several
/// budget sub-lines as notable flaws (a tier off), the other reasons as major ones (grade 1) (RUBRIC §3.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Certain {
    /// A cost capped at its budget line (`≤480万元`): major when it is the table's only cost cap (the whole
    /// budget restated), notable when the table caps several sub-lines.
    BudgetCap,
    /// `≥1` of an event or item: a quantity without scale.
    AtLeastOne,
    /// 不超预算 as a rate, funds disbursed, 已完成 with nothing counted, the period restated, an input as a fact.
    Other,
}

fn all_but_certain(
    ind: &Indicator,
    name: Name,
    budget_execution: bool,
    v: &crate::value::Value,
    text: &str,
) -> Option<Certain> {
    // 成本控制率 100%: spending within the budget, 不超预算 as a rate.
    let within_budget = (name.contains("成本控制") || name.contains("预算控制"))
        && percent(v)
        && v.value == Some(Decimal::ONE_HUNDRED);
    let at_least_one = v.kind == Kind::Number
        && matches!(v.op, Some(Op::Ge | Op::Gt))
        && v.value == Some(Decimal::ONE)
        && v.unit.as_deref() != Some("%");
    let done = v.kind == Kind::Qualitative && v.level == Some(crate::value::Level::Done);
    let span = v.kind == Kind::Date && is_date_span(text);
    let input_fact = name.starts_with("保障") && name.contains("人数");
    if within_budget || budget_execution || done || span || input_fact {
        Some(Certain::Other)
    } else if budget_cap(ind, v, text) {
        Some(Certain::BudgetCap)
    } else if at_least_one {
        Some(Certain::AtLeastOne)
    } else {
        None
    }
}

/// A span of dates (`2021年1月-12月`, `1-12月`, `2023.07-2024.01`, `2024年1月至12月`), not one date written with
/// dashes (`2024-12-31`, `2024-12`).
fn is_date_span(text: &str) -> bool {
    let t = squeeze(text);
    if ['至', '~', '～', '—', '到'].iter().any(|c| t.contains(*c)) {
        return true;
    }
    let mut parts = t.split('-');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false; // no dash, or an ISO date's two
    };
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
    let year_month = a.len() == 4 && digits(a) == 4 && digits(b) <= 2 && !b.contains('月');
    !year_month
}

/// Grades that name no standard to check against (RUBRIC §3.2): 是 after a slogan, 提升, 长期, 显著, 有效, 节约,
/// 优 or 高 with no scale. 完成, 按时, 达标, 通过, 全覆盖 and the official bands can be checked.
fn is_unchecked_level(level: crate::value::Level) -> bool {
    use crate::value::Level::*;
    matches!(
        level,
        Yes | No | Improved | Reduced | Marked | Effective | LongTerm | Saved | Excellent
    )
}

/// Payment to a contractor (结算完成率, 费用结算及时性, 付款): how the money is paid, not what it buys (RUBRIC §3.7).
fn is_payment(name: Name) -> bool {
    name.contains("付款") || name.has(List::Settlement) && name.has(List::SettledWhen)
}

/// The social-assistance programmes of 《社会救助暂行办法》 (国务院令第649号, 2014, chapters 2–9), each by the words
/// that name it: 最低生活保障, 特困人员供养, 受灾人员救助, 医疗救助, 教育救助, 住房救助, 就业救助, 临时救助.
const PROGRAMMES: [&[&str]; 8] = [
    &["最低生活保障", "低保"],
    &["特困人员", "特困供养", "五保"],
    &["受灾人员"],
    &["医疗救助"],
    &["教育救助"],
    &["住房救助"],
    &["就业救助"],
    &["临时救助"],
];

/// The programmes of [`PROGRAMMES`] that `text` names, as bits.
fn programmes(text: &str) -> u8 {
    PROGRAMMES
        .iter()
        .enumerate()
        .filter(|(_, words)| words.iter().any(|w| contains_short(text, w)))
        .fold(0, |bits, (i, _)| bits | 1 << i)
}

/// The one social-assistance programme a table's project name and annual goal name (bits), if exactly one.
fn own_programme(table: &Table) -> Option<u8> {
    let text = [table.project.as_deref(), table.goal_expected.as_deref()]
        .into_iter()
        .flatten()
        .collect::<String>();
    let own = programmes(&text);
    (own.count_ones() == 1).then_some(own)
}

/// A row that names another assistance programme than the one its table's money is for (RUBRIC §3.7: 低保 and
/// 特困 rows in a 临时救助 table belong to another programme).
fn another_programme(named: u8, own: Option<u8>) -> bool {
    own.is_some_and(|own| named != 0 && named & own == 0)
}

/// Whether an indicator named `name` (squeezed) is about what the money buys (RUBRIC §3.7): not budget
/// execution or payment, not the unit's own management, not an input stated as a fact. (Rows of another
/// assistance programme are judged with the table, in [`another_programme`].)
fn relevant(name: Name, budget_execution: bool) -> bool {
    !(budget_execution
        || name.has(List::Management)
        || name.starts_with("保障") && name.contains("人数"))
}

/// The character pairs of the Han text in `s`, in order, each packed into one integer.
fn han_pairs(s: &str) -> impl Iterator<Item = u64> + '_ {
    let mut prev: Option<char> = None;
    s.chars().filter(|c| is_han(*c)).filter_map(move |c| {
        let pair = prev.map(|p| u64::from(p) << 32 | u64::from(c));
        prev = Some(c);
        pair
    })
}

/// The distinct character pairs (bigrams) of the Han text in `s`, sorted: the words of a name, without a word
/// list. Each pair is packed into one integer and the vector sorted, not hashed: hashing the pairs of every name
/// and goal cost more than all the rules together.
fn bigrams(s: &str) -> Vec<u64> {
    let mut pairs: Vec<u64> = han_pairs(s).collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The share of the distinct `pairs` found in `purpose` (`None` without pairs).
fn share_in(pairs: &[u64], purpose: &[u64]) -> Option<f64> {
    let shared = pairs
        .iter()
        .filter(|p| purpose.binary_search(p).is_ok())
        .count();
    (!pairs.is_empty()).then(|| shared as f64 / pairs.len() as f64)
}

/// What the table says its money is for: the bigrams of the project name and the annual goal, if printed.
fn purpose(table: &Table) -> Option<Vec<u64>> {
    let text = [table.project.as_deref(), table.goal_expected.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let b = bigrams(&text);
    (b.len() >= 3).then_some(b)
}

/// The share of the name's bigrams found in the purpose (`None` without a purpose or a Han name).
fn goal_overlap(ind: &Indicator, purpose: Option<&[u64]>) -> Option<f64> {
    let purpose = purpose?;
    let name = ind.name.as_deref()?;
    // A name's pairs fit on the stack (a name of more than 64 pairs takes the general path): this runs
    // once per row, where a vector allocated and sorted per name cost a tenth of `quality()`.
    let mut buf = [0u64; 64];
    let mut n = 0;
    for p in han_pairs(name) {
        if n == buf.len() {
            return share_in(&bigrams(name), purpose);
        }
        buf[n] = p;
        n += 1;
    }
    let pairs = &mut buf[..n];
    pairs.sort_unstable();
    let mut distinct = 0;
    for k in 0..pairs.len() {
        if distinct == 0 || pairs[distinct - 1] != pairs[k] {
            pairs[distinct] = pairs[k];
            distinct += 1;
        }
    }
    share_in(&pairs[..distinct], purpose)
}

fn percent(v: &crate::value::Value) -> bool {
    v.unit.as_deref() == Some("%")
}

/// The form of a target (see [`Form`]) on an indicator named `name` (squeezed).
fn form(name: Name, v: Option<&crate::value::Value>) -> Form {
    let Some(v) = v else { return Form::Other };
    let top = v.high.or(v.value);
    let at_least = |x: u32| top.is_some_and(|t| t >= Decimal::from(x));
    match v.kind {
        Kind::Number | Kind::Range if percent(v) => match names_satisfaction(name) {
            true if at_least(99) => Form::FullSatisfaction,
            true => Form::Satisfaction,
            false if at_least(100) => Form::FullRate,
            false => Form::Rate,
        },
        Kind::Range => Form::Quantity,
        Kind::Number => match v.value {
            Some(x) if x == Decimal::ONE => Form::Single,
            Some(_) => Form::Quantity,
            None => Form::Other,
        },
        Kind::Date => Form::Deadline,
        Kind::Duration => Form::Duration,
        Kind::Qualitative => Form::Standard,
        Kind::BudgetRef | Kind::None | Kind::Unknown => Form::Other,
    }
}

/// A target that states something but sets no standard: an unchecked grade, the implementation period restated
/// as a span of dates (`2021年1月-12月` under 项目实施时间), or a bare number for a time span (完成时限 `1`).
fn no_standard(name: Name, v: &crate::value::Value, text: &str) -> bool {
    if v.kind == Kind::Qualitative && v.level.is_some_and(is_unchecked_level) {
        return true;
    }
    // 及时, 按期 with no date or time limit (RUBRIC §3.6): nothing says when is in time.
    if v.level == Some(crate::value::Level::OnTime) && squeeze(text).chars().count() <= 2 {
        return true;
    }
    if v.kind == Kind::Date && is_date_span(text) {
        return true;
    }
    // 系统响应时间（s） ≤8: the name gives the unit the number lacks.
    v.kind == Kind::Number
        && v.unit.is_none()
        && name.has(List::Span)
        && !ends_in_parentheses(&name)
}

/// Two texts that print the same but for white space (compared without building squeezed copies).
fn same_print(a: &str, b: &str) -> bool {
    let ink = |c: &char| !c.is_whitespace();
    a == b || a.chars().filter(ink).eq(b.chars().filter(ink))
}

/// The features of one indicator; `name` is its name squeezed (empty without one), so that no rule squeezes
/// it again.
fn features(
    ind: &Indicator,
    name: Name,
    self_eval: bool,
    boilerplate: bool,
    purpose: Option<&[u64]>,
    several_caps: bool,
    foreign: bool,
) -> IndicatorFeatures {
    let budget_execution = is_budget_execution(name);
    let target = ind.target.as_ref();
    let t = target.map(|c| &c.value);
    let kind = t.map(|v| v.kind);
    let quantified = matches!(
        kind,
        Some(Kind::Number | Kind::Range | Kind::Date | Kind::Duration)
    );
    let text = target.map_or("", |c| c.text.as_str());
    let gradable = t.is_some_and(|v| v.level.is_some() || v.kind == Kind::BudgetRef);
    let pct = t.is_some_and(|v| matches!(v.kind, Kind::Number | Kind::Range) && percent(v));
    let (undefined_rate, undefined_concept) = undefined_rate(name, pct);
    let measurable = (quantified || gradable)
        && !undefined_concept
        && !is_vague(text)
        && !is_prose(text)
        && t.is_some_and(|v| v.reference.is_none() && !no_standard(name, v, text));
    let numeric = matches!(kind, Some(Kind::Number | Kind::Range));
    let unit_present = numeric
        .then(|| t.map(|v| unit_is_clear(ind, name, v, text)))
        .flatten();
    let zero_floor = t.is_some_and(|v| {
        v.kind == Kind::Number
            && matches!(v.op, Some(Op::Ge | Op::Gt))
            && v.value.is_some_and(|x| x.is_zero())
    });
    let certain = t.and_then(|v| all_but_certain(ind, name, budget_execution, v, text));
    let certain = if zero_floor || kind == Some(Kind::BudgetRef) {
        Some(Certain::Other)
    } else {
        certain
    };
    let cannot_fail = certain.is_some();
    let routine_100 = t.is_some_and(|v| {
        v.kind == Kind::Number
            && v.unit.as_deref() == Some("%")
            && v.value == Some(Decimal::ONE_HUNDRED)
            && !matches!(v.op, Some(Op::Le | Op::Lt))
    }) && name.has(List::Routine);
    let actual = ind.actual.as_ref().filter(|_| self_eval);
    let c = match (t, actual) {
        (Some(t), Some(a)) => completion(t, &a.value),
        _ => None,
    };
    // A share above 100% cannot be (满意度 `290%` is the OCR of ≥90%): no evidence of a target set too low.
    let impossible = actual.is_some_and(|a| {
        percent(&a.value) && a.value.value.is_some_and(|x| x > Decimal::ONE_HUNDRED)
    }) && t.is_some_and(|t| t.value.is_some_and(|x| x <= Decimal::ONE_HUNDRED));
    let far_above = actual.map(|_| {
        !impossible
            && c.is_some_and(|c| match c.direction {
                Direction::Higher | Direction::Equal => {
                    c.target > Decimal::ZERO
                        && c.actual >= c.target_high.unwrap_or(c.target) * FAR_ABOVE
                }
                // A ceiling far above what happened (投诉 <20份, actual 0; ≤3天 met in 1): too wide to fail.
                Direction::Lower => c.target > Decimal::ZERO && c.target >= c.actual * FAR_ABOVE,
                Direction::Deadline => false,
            })
    });
    let equals_actual = actual.map(|a| same_print(text, &a.text) && !text.is_empty());
    let annual_above_cycle = match (t, ind.cycle_target.as_ref().map(|c| &c.value)) {
        (Some(t), Some(cy))
            if t.kind == Kind::Number && cy.kind == Kind::Number && t.unit == cy.unit =>
        {
            match (t.value, cy.value) {
                (Some(a), Some(b)) if t.unit.as_deref() != Some("%") => Some(a > b),
                _ => None,
            }
        }
        _ => None,
    };
    let completion_rate = pct && name.has(List::Completion);
    let relevant = ind
        .name
        .as_ref()
        .map(|_| relevant(name, budget_execution) && !foreign);
    let miscategorized = miscategorized(ind, name, budget_execution);
    let missing = t.is_none_or(|v| v.kind == Kind::None);
    let goal_overlap = goal_overlap(ind, purpose);
    let off_goal = goal_overlap == Some(0.0) && !names_satisfaction(name);
    let flaws = Flaw::ALL
        .into_iter()
        .filter(|f| match f {
            Flaw::MissingTarget => missing,
            Flaw::NotMeasurable => !measurable && !missing,
            Flaw::CannotFail => {
                certain == Some(Certain::Other)
                    || certain == Some(Certain::BudgetCap) && !several_caps
            }
            Flaw::LowBar => {
                certain == Some(Certain::AtLeastOne)
                    || certain == Some(Certain::BudgetCap) && several_caps
            }
            Flaw::FarAbove => far_above == Some(true),
            Flaw::Irrelevant => relevant == Some(false),
            Flaw::UnitUnclear => unit_present == Some(false),
            Flaw::Miscategorized => miscategorized.is_some(),
            Flaw::Routine100 => routine_100,
            Flaw::CompletionRate => completion_rate,
            Flaw::UndefinedRate => undefined_rate,
            Flaw::Boilerplate => boilerplate,
            Flaw::OffGoal => off_goal,
        })
        .collect();
    IndicatorFeatures {
        quantified,
        measurable,
        unit_present,
        miscategorized,
        cannot_fail,
        routine_100,
        far_above,
        equals_actual,
        annual_above_cycle,
        boilerplate,
        met: actual.and(c.map(|c| c.met)),
        // An empty marker (Kind::None) is Form::Other, like no target at all.
        form: form(name, t),
        relevant,
        completion_rate,
        undefined_rate,
        goal_overlap,
        flaws,
        grade_score: 0.0,
        grade: 0,
    }
}

/// Whether the 指标值 column holds each row's 分值 instead of a target (RUBRIC §2.1: "in 103 the column holds
/// 分值 (20, 10)"): at least three targets, every one printed as bare digits (no unit, no operator), and together
/// the table's points: 100, or 90 beside the 10 of budget execution, or each equal to its row's printed 分值.
fn targets_hold_points(table: &Table) -> bool {
    let rows: Vec<(&Indicator, Decimal)> = table
        .indicators
        .iter()
        .filter(|i| !i.placeholder)
        .filter_map(|i| {
            let t = i.target.as_ref()?;
            let bare =
                !t.text.trim().is_empty() && t.text.trim().chars().all(|c| c.is_ascii_digit());
            let v = &t.value;
            (bare && v.kind == Kind::Number && v.unit.is_none())
                .then_some(())
                .and(v.value)
                .map(|x| (i, x))
        })
        .collect();
    let with_target = table
        .indicators
        .iter()
        .filter(|i| {
            !i.placeholder
                && i.target
                    .as_ref()
                    .is_some_and(|t| t.value.kind != Kind::None)
        })
        .count();
    if rows.len() < 3 || rows.len() != with_target {
        return false;
    }
    // Checked, never to panic (the value parser keeps numbers under 21 digits, so it does not overflow).
    let sum = rows
        .iter()
        .try_fold(Decimal::ZERO, |a, (_, x)| a.checked_add(*x));
    let points = sum.is_some_and(|s| s == Decimal::ONE_HUNDRED || s == Decimal::from(90));
    let own_weights = rows.iter().all(|(i, x)| i.weight == Some(*x));
    points || own_weights
}

/// How often each indicator name is used, in distinct tables of the corpus.
pub fn name_counts<'a>(docs: impl IntoIterator<Item = &'a Document>) -> HashMap<String, usize> {
    let mut tables: HashMap<String, HashSet<(usize, usize)>> = HashMap::new();
    for (d, doc) in docs.into_iter().enumerate() {
        for (t, table) in doc.tables.iter().enumerate() {
            for ind in table.indicators.iter().filter(|i| !i.placeholder) {
                if let Some(name) = &ind.name {
                    tables.entry(squeeze(name)).or_default().insert((d, t));
                }
            }
        }
    }
    tables.into_iter().map(|(k, v)| (k, v.len())).collect()
}

fn share<'a>(
    items: impl Iterator<Item = &'a IndicatorFeatures>,
    f: impl Fn(&IndicatorFeatures) -> Option<bool>,
) -> Option<f64> {
    let (mut n, mut yes) = (0usize, 0usize);
    for x in items {
        if let Some(b) = f(x) {
            n += 1;
            yes += usize::from(b);
        }
    }
    (n > 0).then(|| yes as f64 / n as f64)
}

/// The features of a table's indicators and the table's dimensions and index.
pub fn table_quality(
    table: &Table,
    profile: &Profile,
    names: &HashMap<String, usize>,
    model: &GradeModel,
) -> (Vec<IndicatorFeatures>, TableQuality) {
    let self_eval = table.kind == TableKind::SelfEval;
    let purpose = purpose(table);
    // The table's own programme is looked for only when a row names one (most tables are no assistance).
    let programme = std::cell::OnceCell::new();
    // Several cost caps are budget sub-lines, which say a little more than the one cap that restates the budget.
    let caps = table
        .indicators
        .iter()
        .filter(|i| !i.placeholder)
        .filter(|i| {
            i.target
                .as_ref()
                .is_some_and(|c| budget_cap(i, &c.value, &c.text))
        })
        .count();
    // A 指标值 column that holds the 分值 sets no target: its rows are read as rows without one.
    let stripped: Vec<Indicator>;
    let indicators: &[Indicator] = if targets_hold_points(table) {
        stripped = table
            .indicators
            .iter()
            .map(|i| Indicator {
                target: None,
                ..i.clone()
            })
            .collect();
        &stripped
    } else {
        &table.indicators
    };
    // One buffer for the squeezed names of all rows, not a string per row.
    let mut name = String::new();
    let all: Vec<IndicatorFeatures> = indicators
        .iter()
        .map(|ind| {
            name.clear();
            if let Some(n) = ind.name.as_deref() {
                push_squeezed(&mut name, n);
            }
            let boilerplate =
                ind.name.is_some() && names.get(&name).copied().unwrap_or(0) >= BOILERPLATE_TABLES;
            let words = Name::new(&name);
            let foreign = words.has(List::Programme)
                && another_programme(
                    programmes(&name),
                    *programme.get_or_init(|| own_programme(table)),
                );
            let mut f = features(
                ind,
                words,
                self_eval,
                boilerplate,
                purpose.as_deref(),
                caps >= 2,
                foreign,
            );
            f.grade_score = model.row_score(f.form, &f.flaws);
            f.grade = model.row.whole(f.grade_score);
            f
        })
        .collect();
    let real: Vec<&IndicatorFeatures> = indicators
        .iter()
        .zip(&all)
        .filter(|(i, _)| !i.placeholder)
        .map(|(_, f)| f)
        .collect();
    let s = |f: &dyn Fn(&IndicatorFeatures) -> Option<bool>| share(real.iter().copied(), f);
    let or0 = |x: Option<f64>| x.unwrap_or(0.0);
    let share_quantified = or0(s(&|f| Some(f.quantified)));
    let share_measurable = or0(s(&|f| Some(f.measurable)));
    let share_unit = s(&|f| f.unit_present).unwrap_or(1.0);
    let share_miscategorized = or0(s(&|f| Some(f.miscategorized.is_some())));
    let share_cannot_fail = or0(s(&|f| Some(f.cannot_fail)));
    let share_routine_100 = or0(s(&|f| Some(f.routine_100)));
    let share_far_above = s(&|f| f.far_above);
    let share_equals_actual = s(&|f| f.equals_actual);
    let share_annual_above_cycle = s(&|f| f.annual_above_cycle);
    let share_boilerplate = or0(s(&|f| Some(f.boilerplate)));
    let share_met = s(&|f| f.met);

    let real_rows: Vec<&Indicator> = indicators.iter().filter(|i| !i.placeholder).collect();
    let required: Vec<Level1> = profile
        .level1
        .iter()
        .filter(|l| l.required)
        .map(|l| l.category)
        .collect();
    let level1_coverage = if required.is_empty() {
        1.0
    } else {
        required
            .iter()
            .filter(|l| real_rows.iter().any(|i| i.level1 == Some(**l)))
            .count() as f64
            / required.len() as f64
    };
    // A slot is filled by a row filed under it rightly: a mis-filed row does not count (RUBRIC §4, completeness).
    let has2 = |f: &dyn Fn(Level2) -> bool| {
        real_rows
            .iter()
            .zip(&real)
            .any(|(i, x)| x.miscategorized.is_none() && i.level2.is_some_and(f))
    };
    let core = [
        has2(&|l| l == Level2::Quantity),
        has2(&|l| l == Level2::Quality),
        has2(&|l| l == Level2::Timeliness),
        has2(&|l| {
            matches!(
                l,
                Level2::Cost | Level2::EconomicCost | Level2::SocialCost | Level2::EcologicalCost
            )
        }),
        has2(&|l| l.parent() == Level1::Benefit),
        has2(&|l| l == Level2::ServiceSatisfaction),
    ];
    let level2_coverage = core.iter().filter(|b| **b).count() as f64 / core.len() as f64;
    let complete_rows = real_rows
        .iter()
        .zip(&real)
        .filter(|(i, f)| {
            i.name.is_some()
                && i.target
                    .as_ref()
                    .is_some_and(|t| t.value.kind != Kind::None)
                && f.unit_present != Some(false)
        })
        .count();
    let share_complete = if real_rows.is_empty() {
        0.0
    } else {
        complete_rows as f64 / real_rows.len() as f64
    };

    let completeness =
        100.0 * (0.4 * level1_coverage + 0.3 * level2_coverage + 0.3 * share_complete);
    // A row is too easy for any one reason; the share of such rows, not the mean of the reasons' shares (which
    // counted a row twice when two reasons met and diluted one reason by the others).
    let share_easy = or0(s(&|f| {
        Some(
            f.cannot_fail
                || f.routine_100
                || f.far_above == Some(true)
                || f.annual_above_cycle == Some(true),
        )
    }));
    let share_relevant = s(&|f| f.relevant).unwrap_or(1.0);
    // Rows off the table's purpose (0 where the table prints no purpose: no evidence either way).
    let share_off_goal = or0(s(&|f| Some(f.flaws.contains(&Flaw::OffGoal))));
    let share_quantity = or0(s(&|f| Some(f.form == Form::Quantity)));
    let mean_grade = if real.is_empty() {
        1.0
    } else {
        real.iter().map(|f| f.grade_score).sum::<f64>() / real.len() as f64
    };
    let mut inputs: std::collections::BTreeMap<&str, f64> = [
        ("share_quantified", share_quantified),
        ("share_measurable", share_measurable),
        ("share_unit", share_unit),
        ("share_miscategorized", share_miscategorized),
        ("share_cannot_fail", share_cannot_fail),
        ("share_routine_100", share_routine_100),
        ("share_boilerplate", share_boilerplate),
        ("share_relevant", share_relevant),
        ("share_off_goal", share_off_goal),
        ("share_easy", share_easy),
        ("share_quantity", share_quantity),
        ("mean_grade", mean_grade),
        ("level1_coverage", level1_coverage),
        ("level2_coverage", level2_coverage),
        ("share_complete", share_complete),
        ("completeness", completeness),
    ]
    .into_iter()
    .collect();
    // Without fitted table models (a user's model may have none), the documented hand-set formulas of 0.1.
    let relevance = model.table_score("relevance", &inputs).unwrap_or(
        100.0
            * (0.25 * share_quantified
                + 0.35 * share_measurable
                + 0.25 * (1.0 - share_miscategorized)
                + 0.15 * (1.0 - share_boilerplate)),
    );
    let appropriateness = model
        .table_score("appropriateness", &inputs)
        .unwrap_or(100.0 * (1.0 - share_easy));
    inputs.insert("relevance", relevance);
    inputs.insert("appropriateness", appropriateness);
    let feasibility = if self_eval {
        share_met.map(|m| 100.0 * m)
    } else {
        None
    };
    let index = model.table_score("index", &inputs).unwrap_or_else(|| {
        let dims = [
            Some(completeness),
            Some(relevance),
            Some(appropriateness),
            feasibility,
        ];
        let (mut num, mut den) = (0.0, 0.0);
        for (d, w) in dims.iter().zip(DIMENSION_WEIGHTS) {
            if let Some(d) = d {
                num += d * w;
                den += w;
            }
        }
        if den > 0.0 {
            num / den
        } else {
            0.0
        }
    });
    let quality = TableQuality {
        profile: profile.name.clone(),
        n_indicators: real_rows.len(),
        share_quantified,
        share_measurable,
        share_unit,
        share_miscategorized,
        share_cannot_fail,
        share_routine_100,
        share_far_above,
        share_equals_actual,
        share_annual_above_cycle,
        share_boilerplate,
        share_met,
        level1_coverage,
        level2_coverage,
        share_complete,
        completeness,
        relevance,
        appropriateness,
        feasibility,
        share_relevant,
        share_off_goal,
        share_easy,
        share_quantity,
        mean_grade,
        index,
    };
    (all, quality)
}

/// Whether a table has indicators to grade.
pub fn gradable(table: &Table) -> bool {
    table.indicators.iter().any(|i| !i.placeholder)
}

#[cfg(test)]
mod unit_tests {
    use super::*;
    use crate::error::Location;
    use crate::model::Cell;

    fn clear(level2: Level2, name: &str, target: &str) -> bool {
        let ind = row(level2, name, target);
        let t = ind.target.as_ref().unwrap();
        unit_is_clear(&ind, Name::new(&squeeze(name)), &t.value, &t.text)
    }

    /// The features of a goal-table row, its name squeezed as `table_quality` does.
    fn feat(ind: &Indicator) -> IndicatorFeatures {
        let name = squeeze(ind.name.as_deref().unwrap_or(""));
        features(ind, Name::new(&name), false, false, None, false, false)
    }

    fn row(level2: Level2, name: &str, target: &str) -> Indicator {
        row_with(level2, name, target, None)
    }

    /// A made-up row, with an actual when it is a self-evaluation's.
    pub(super) fn row_with(
        level2: Level2,
        name: &str,
        target: &str,
        actual: Option<&str>,
    ) -> Indicator {
        Indicator {
            level1: Some(level2.parent()),
            level2: Some(level2),
            level1_printed: None,
            level2_printed: None,
            name: Some(name.into()),
            cycle_target: None,
            target: Some(Cell::target(target)),
            actual: actual.map(Cell::actual),
            weight: None,
            score: None,
            deviation: None,
            placeholder: false,
            location: Location::line("t.txt", 1),
            ocr_confidence: None,
        }
    }

    /// A self-evaluation table holding `rows`.
    fn self_eval(rows: Vec<Indicator>) -> Table {
        let text = "项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n产出指标\t数量指标\t培训人次\t≥300人次\t320人次\t10\t10\n";
        let mut t = crate::read::read_text(text, "t.txt").tables.remove(0);
        assert_eq!(t.kind, TableKind::SelfEval);
        t.indicators = rows;
        t
    }

    /// A table graded under the central profile and the shipped model, with no boilerplate counts.
    fn graded(table: &Table) -> (Vec<IndicatorFeatures>, TableQuality) {
        let profile = Profile::builtin("central").unwrap();
        table_quality(table, &profile, &HashMap::new(), GradeModel::shipped())
    }

    /// RUBRIC §2.1: in 103 the 指标值 column holds each row's 分值 (20, 20, 10 …, together 100): the rows set
    /// no target, and are graded as rows without one. Bare numbers that are not the table's points, or any
    /// target with a unit, keep the rows' targets.
    #[test]
    fn a_target_column_that_holds_the_points_sets_no_target() {
        use Level2::*;
        let points = |t: &[&str]| {
            let names = [
                "建设普通省道二级公路32.1公里",
                "建设符合验收要求",
                "按期完成投资",
                "基本公共服务水平",
            ];
            self_eval(
                names
                    .iter()
                    .zip(t)
                    .map(|(n, t)| row_with(Quantity, n, t, Some(t)))
                    .collect(),
            )
        };
        assert!(targets_hold_points(&points(&["40", "20", "20", "20"])));
        assert!(targets_hold_points(&points(&["30", "20", "20", "20"])));
        assert!(!targets_hold_points(&points(&["40", "20", "20", "30"])));
        assert!(!targets_hold_points(&points(&["40", "20", "20", "20公里"])));
        assert!(!targets_hold_points(&points(&["40", "60"])));
        // Each equal to its row's printed 分值, whatever the sum.
        let mut own = points(&["15", "15", "10", "5"]);
        for (i, w) in own.indicators.iter_mut().zip([15, 15, 10, 5]) {
            i.weight = Some(Decimal::from(w));
        }
        assert!(targets_hold_points(&own));
        let profile = Profile::builtin("central").unwrap();
        let model = GradeModel::shipped();
        let (rows, table) = table_quality(
            &points(&["40", "20", "20", "20"]),
            &profile,
            &HashMap::new(),
            model,
        );
        assert!(rows
            .iter()
            .all(|f| f.flaws.contains(&Flaw::MissingTarget) && !f.quantified));
        assert_eq!(table.share_complete, 0.0);
        let (rows, _) = table_quality(
            &points(&["≥32.1公里", "合格", "2024年底前", "提高"]),
            &profile,
            &HashMap::new(),
            model,
        );
        assert!(rows.iter().all(|f| !f.flaws.contains(&Flaw::MissingTarget)));
    }

    /// RUBRIC §3.7: rows of another assistance programme in a programme's table are not relevant (149: 低保 and
    /// 特困 rows in a 临时救助 table). A table for several programmes, or for none, judges no row this way.
    #[test]
    fn rows_of_another_assistance_programme_are_not_relevant() {
        use Level2::*;
        let table = |project: &str| {
            let mut t = self_eval(
                [
                    "农村低保发放人数",
                    "特困人员救助供养人数",
                    "建档立卡贫困人口中接受临时救助的人次数",
                    "受助对象满意度",
                ]
                .iter()
                .map(|n| row(Quantity, n, "≥50人"))
                .collect(),
            );
            t.project = Some(project.into());
            t
        };
        let relevant = |project: &str| -> Vec<Option<bool>> {
            let (rows, _) = graded(&table(project));
            rows.iter().map(|f| f.relevant).collect()
        };
        assert_eq!(
            relevant("临时救助"),
            [Some(false), Some(false), Some(true), Some(true)]
        );
        assert_eq!(
            relevant("城乡最低生活保障资金"),
            [Some(true), Some(false), Some(false), Some(true)]
        );
        assert!(relevant("困难群众救助补助资金")
            .iter()
            .all(|r| *r == Some(true)));
        assert!(relevant("低保和临时救助资金")
            .iter()
            .all(|r| *r == Some(true)));
        assert!(another_programme(
            programmes("特困人员救助供养人数"),
            own_programme(&table("临时救助"))
        ));
        assert!(!another_programme(
            programmes("特困家庭再扶助人数"),
            own_programme(&table("临时救助"))
        ));
        // The list the name matcher gates the search by holds every programme's words.
        assert_eq!(PROGRAMMES.concat(), List::Programme.words());
    }

    fn measurable(level2: Level2, name: &str, target: &str) -> bool {
        let ind = row(level2, name, target);
        feat(&ind).measurable
    }

    /// The reviewers' measurable (RUBRIC §3.2) on made-up rows: a grade that names no standard, a restated
    /// implementation period and a time limit without its unit are not measurable.
    #[test]
    fn targets_that_set_no_standard_are_not_measurable() {
        use Level2::*;
        assert!(!measurable(SocialBenefit, "营造良好社会氛围", "是"));
        assert!(!measurable(Sustainability, "对产业发展的影响", "长期"));
        assert!(!measurable(Timeliness, "项目实施时间", "2024年1月-12月"));
        assert!(!measurable(Timeliness, "完成时限", "1"));
        assert!(measurable(Timeliness, "完成时限", "2024年11月底前"));
        assert!(measurable(Timeliness, "完成时限", "2024-12-31前"));
        assert!(!measurable(Timeliness, "服务周期", "2023.07-2024.01"));
        assert!(!measurable(Timeliness, "全年", "1-12月"));
        assert!(measurable(Quantity, "培训人次", "≥300人次"));
        assert!(measurable(Quality, "验收结果", "通过"));
        assert!(measurable(Quality, "整改完成情况", "全部完成"));
        // A percentage on a field of work or a slogan measures nothing defined (§3.2 齐抓共管100%, §3.6
        // 促进…协调发展 100%); on an activity done to all it concerns, the share of cases done.
        assert!(!measurable(Quality, "食品安全工作齐抓共管", "100%"));
        assert!(!measurable(Quality, "工程质量管理", "≥95%"));
        assert!(!measurable(
            SocialBenefit,
            "促进人口与经济、社会协调和可持续发展",
            "100%"
        ));
        assert!(measurable(Quality, "食品经营环节风险分级", "100%"));
        assert!(measurable(Quality, "整编资料审核", "98%"));
        assert!(measurable(Quality, "工程质量管理达标率", "≥95%"));
        assert!(measurable(Quantity, "档案管理", "≥300卷"));
        let f = feat(&row(Quality, "文明施工", "≥95%"));
        assert!(f.undefined_rate && f.flaws.contains(&Flaw::NotMeasurable));
    }

    /// RUBRIC §4: completeness counts the categories filled by rows filed rightly. A satisfaction row filed as
    /// the benefit fills neither the benefit nor the satisfaction slot.
    #[test]
    fn misfiled_rows_fill_no_category() {
        use Level2::*;
        let coverage = |rows: Vec<Indicator>| graded(&self_eval(rows)).1.level2_coverage;
        let base = || {
            vec![
                row(Quantity, "培训人次", "≥300人次"),
                row(Quality, "培训合格率", "≥95%"),
                row(Timeliness, "培训完成时间", "2024年6月底前"),
            ]
        };
        let mut right = base();
        right.push(row(SocialBenefit, "学员就业率", "≥60%"));
        let mut misfiled = base();
        misfiled.push(row(SocialBenefit, "学员满意度", "≥90%"));
        assert_eq!(coverage(right), 4.0 / 6.0);
        assert_eq!(coverage(misfiled), 3.0 / 6.0);
    }

    fn easy(level2: Level2, name: &str, target: &str) -> bool {
        let ind = row(level2, name, target);
        let f = feat(&ind);
        f.cannot_fail || f.routine_100
    }

    /// The reviewers' too_easy (RUBRIC §3.5) on made-up rows.
    #[test]
    fn targets_too_easy_to_miss() {
        use Level2::*;
        assert!(easy(EconomicCost, "办公设备购置", "≤120万元"));
        assert!(easy(Quantity, "开展业务交流", "≥1次"));
        assert!(easy(Timeliness, "资金拨付时间", "不晚于2024年6月30日"));
        assert!(easy(Quality, "人员培训", "已完成"));
        assert!(easy(Timeliness, "项目实施时间", "2024年1月-12月"));
        assert!(easy(Quantity, "保障在职职工人数", "=116人"));
        assert!(easy(Quality, "补贴资金发放率", "100%"));
        assert!(!easy(Quantity, "开展业务交流", "≥6次"));
        assert!(!easy(Timeliness, "系统上线时间", "2024-06-30前"));
        assert!(!easy(Quality, "设备验收完成率", "100%"));
        assert!(!easy(Quality, "设备验收合格率", "≥98%"));
    }

    fn misfiled(level2: Level2, name: &str, target: &str) -> bool {
        feat(&row(level2, name, target)).miscategorized.is_some()
    }

    /// The reviewers' category_ok (RUBRIC §3.4) on made-up rows.
    #[test]
    fn rows_filed_in_the_wrong_category() {
        use Level2::*;
        assert!(misfiled(Timeliness, "资金拨付时间", "2024年6月底前"));
        assert!(misfiled(EconomicBenefit, "人员工资保障率", "100%"));
        assert!(misfiled(Quantity, "经费使用率", "100%"));
        assert!(misfiled(Quality, "惠民政策知晓率", "≥90%"));
        assert!(misfiled(Timeliness, "平台响应时间", "≤3秒"));
        assert!(misfiled(EconomicBenefit, "网络中断率", "≤0.1%"));
        assert!(misfiled(SocialCost, "对文化传承的影响", "长期"));
        assert!(!misfiled(SocialBenefit, "惠民政策知晓率", "≥90%"));
        assert!(!misfiled(Quality, "平台响应时间", "≤3秒"));
        assert!(!misfiled(SocialCost, "项目占用耕地面积", "≤5亩"));
        assert!(!misfiled(Quantity, "培训人次", "≥300人次"));
    }

    /// The reviewers' unit_ok (RUBRIC §3.3) on made-up rows: printed, implied by what the name counts, missing.
    #[test]
    fn units_printed_implied_or_missing() {
        use Level2::*;
        assert!(clear(Quantity, "维修道路长度", "12公里"));
        assert!(clear(Quantity, "采购设备台数", "5"));
        assert!(clear(Quantity, "召开工作推进会", "2"));
        assert!(clear(Quantity, "档案整理批次", "≥3"));
        assert!(clear(Quantity, "新建村道3.5公里", "10"));
        assert!(clear(Quality, "设备完好率", "95"));
        assert!(clear(Cost, "办公设备购置成本", "12万"));
        assert!(clear(Quantity, "免费开放接待人数", "=30000人次"));
        assert!(!clear(Cost, "会议费", "300 人/天"));
        assert!(!clear(Cost, "印刷成本", "3000"));
        assert!(!clear(Timeliness, "维保服务周期", "180"));
        assert!(!clear(Quantity, "成果推广应用", "≥0"));
        assert!(!clear(Quantity, "项目宣传效果", "2"));
    }
}

#[cfg(test)]
mod rubric_tests {
    //! The features the row grade weighs (forms, relevance, the goal overlap, too-easy ceilings), on made-up rows.
    use super::unit_tests::row_with as row;
    use super::*;

    fn feat(ind: &Indicator, self_eval: bool, purpose: Option<&str>) -> IndicatorFeatures {
        let name = squeeze(ind.name.as_deref().unwrap_or(""));
        let purpose = purpose.map(bigrams);
        features(
            ind,
            Name::new(&name),
            self_eval,
            false,
            purpose.as_deref(),
            false,
            false,
        )
    }

    fn goal(level2: Level2, name: &str, target: &str) -> IndicatorFeatures {
        feat(&row(level2, name, target, None), false, None)
    }

    /// The form of the target sets the row's base grade (RUBRIC §3.8).
    #[test]
    fn forms_of_targets() {
        use Level2::*;
        assert_eq!(goal(Quantity, "培训人次", "≥300人次").form, Form::Quantity);
        assert_eq!(goal(Quantity, "建设平台", "1个").form, Form::Single);
        assert_eq!(goal(Quality, "设备验收合格率", "≥98%").form, Form::Rate);
        assert_eq!(goal(Quality, "设备验收合格率", "100%").form, Form::FullRate);
        assert_eq!(
            goal(ServiceSatisfaction, "群众满意度", "≥90%").form,
            Form::Satisfaction
        );
        assert_eq!(
            goal(ServiceSatisfaction, "群众满意度", "100%").form,
            Form::FullSatisfaction
        );
        assert_eq!(
            goal(Timeliness, "完成时间", "2024年12月底前").form,
            Form::Deadline
        );
        assert_eq!(goal(Quality, "验收结果", "通过").form, Form::Standard);
        // Complaints counted are a satisfaction measure; complaints handled are an output.
        assert_eq!(
            goal(ServiceSatisfaction, "投诉率", "≤1%").form,
            Form::Satisfaction
        );
        assert_eq!(goal(Quality, "投诉举报处置率", "100%").form, Form::FullRate);
    }

    /// Relevance (RUBRIC §3.7): budget execution, payment and the unit's own management are not what the money
    /// buys.
    #[test]
    fn rows_about_what_the_money_buys() {
        use Level2::*;
        assert_eq!(goal(Quantity, "培训人次", "≥300人次").relevant, Some(true));
        assert_eq!(
            goal(Timeliness, "资金拨付及时率", "100%").relevant,
            Some(false)
        );
        assert_eq!(goal(Quality, "预算执行率", "≥90%").relevant, Some(false));
        assert_eq!(
            goal(Timeliness, "工程款付款及时性", "及时").relevant,
            Some(false)
        );
        assert_eq!(
            goal(Quality, "项目结算完成率", "100%").relevant,
            Some(false)
        );
        assert_eq!(
            goal(Quality, "三公经费控制率", "≤100%").relevant,
            Some(false)
        );
        assert_eq!(
            goal(Quantity, "保障在职人数", "=116人").relevant,
            Some(false)
        );
        // 结算 alone (a settlement system) is what is bought, not a payment.
        assert_eq!(goal(Quantity, "结算系统建设", "1套").relevant, Some(true));
        assert!(goal(Quality, "预算执行率", "≥90%")
            .flaws
            .contains(&Flaw::Irrelevant));
    }

    /// The goal overlap: the share of the name's character pairs found in the project name and annual goal.
    #[test]
    fn overlap_with_the_goal() {
        use Level2::*;
        let purpose = Some("农村公路养护项目：完成农村公路日常养护1200公里，提升路况");
        let on = feat(
            &row(Quantity, "农村公路养护里程", "≥1200公里", None),
            false,
            purpose,
        );
        // 农村 村公 公路 路养 养护 护里 里程: five of seven in the goal.
        assert_eq!(on.goal_overlap, Some(5.0 / 7.0));
        assert!(!on.flaws.contains(&Flaw::OffGoal));
        let off = feat(
            &row(Quantity, "低保对象人数", "≥300人", None),
            false,
            purpose,
        );
        assert_eq!(off.goal_overlap, Some(0.0));
        assert!(off.flaws.contains(&Flaw::OffGoal));
        // Satisfaction is never off the goal, and without a goal there is no evidence either way.
        let rated = feat(
            &row(ServiceSatisfaction, "群众满意度", "≥90%", None),
            false,
            purpose,
        );
        assert!(!rated.flaws.contains(&Flaw::OffGoal));
        assert_eq!(goal(Quantity, "低保对象人数", "≥300人").goal_overlap, None);
    }

    /// The overlap counts each distinct pair of the name once, on the stack or (a name of 64 pairs and more)
    /// through `bigrams`: both agree with the definition.
    #[test]
    fn overlap_counts_distinct_pairs() {
        let purpose = bigrams("农村公路养护项目：完成农村公路日常养护1200公里，提升路况");
        let long = "农村公路养护".repeat(20) + "里程";
        for name in [
            "农村公路养护里程",
            "养护养护里程",
            "养护",
            "养",
            "ABC",
            long.as_str(),
        ] {
            let ind = row(Level2::Quantity, name, "≥1200公里", None);
            let pairs = bigrams(name);
            let want = (!pairs.is_empty()).then(|| {
                pairs
                    .iter()
                    .filter(|p| purpose.binary_search(p).is_ok())
                    .count() as f64
                    / pairs.len() as f64
            });
            assert_eq!(goal_overlap(&ind, Some(&purpose)), want, "{name}");
        }
        // 养护 护养 养护 护里 里程: four distinct, of which only 养护 is in the goal.
        let twice = row(Level2::Quantity, "养护养护里程", "1", None);
        assert_eq!(goal_overlap(&twice, Some(&purpose)), Some(0.25));
    }

    /// Too easy, major or notable (RUBRIC §3.8): `≥0` and the one cost cap that restates the budget cannot fail;
    /// `≥1次` and a cap on one of several budget sub-lines set the bar low. All four are too easy (§3.5).
    #[test]
    fn bars_that_cannot_fail_and_bars_set_low() {
        use Level2::*;
        let flaws = |level2, name: &str, target: &str, several_caps| {
            let ind = row(level2, name, target, None);
            let name = squeeze(name);
            let f = features(
                &ind,
                Name::new(&name),
                false,
                false,
                None,
                several_caps,
                false,
            );
            assert!(f.cannot_fail, "{name} {target}");
            f.flaws
        };
        assert!(flaws(Quantity, "成果推广应用", "≥0", false).contains(&Flaw::CannotFail));
        assert!(flaws(Quantity, "开展业务交流", "≥1次", false).contains(&Flaw::LowBar));
        assert!(!flaws(Quantity, "开展业务交流", "≥1次", false).contains(&Flaw::CannotFail));
        assert!(flaws(EconomicCost, "项目成本", "≤250万元", false).contains(&Flaw::CannotFail));
        let sub_line = flaws(EconomicCost, "耕地保护", "≤1590万元", true);
        assert!(sub_line.contains(&Flaw::LowBar) && !sub_line.contains(&Flaw::CannotFail));
        // Funds disbursed stay certain however many caps the table has.
        assert!(
            flaws(Timeliness, "资金拨付时间", "2024年6月底前", true).contains(&Flaw::CannotFail)
        );
    }

    /// Far above (RUBRIC §3.5): a floor met 1.3 times over, and a ceiling 1.3 times what happened.
    #[test]
    fn targets_far_from_what_happened() {
        use Level2::*;
        let done = |name: &str, target: &str, actual: &str| {
            feat(&row(Quantity, name, target, Some(actual)), true, None).far_above
        };
        assert_eq!(done("培训人次", "≥100人次", "300人次"), Some(true));
        assert_eq!(done("培训人次", "≥100人次", "120人次"), Some(false));
        assert_eq!(done("投诉数量", "<20份", "0份"), Some(true));
        assert_eq!(done("投诉数量", "<20份", "18份"), Some(false));
        // 290% is the OCR of ≥90%, not evidence of a target set low.
        let ocr = feat(
            &row(ServiceSatisfaction, "满意度", "≥90%", Some("290%")),
            true,
            None,
        );
        assert_eq!(ocr.far_above, Some(false));
        // A goal table has no actual to compare.
        assert_eq!(goal(Quantity, "培训人次", "≥100人次").far_above, None);
    }
}
