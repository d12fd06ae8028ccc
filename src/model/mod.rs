//! The document model every reader produces and every check and score consumes.
//!
//! Money is exact (`rust_decimal`) and keeps the unit it was printed in (元 or 万元), with the amount in 元
//! derivable without loss. Printed text is kept beside every canonical reading (category names, target and actual
//! cells), so nothing a reader saw is lost. The model is serde-serialisable; JSON round-trips exactly.

mod category;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use category::{Level1, Level2};

use crate::error::Location;
use crate::value::{parse, parse_in, Context, Role, Value};

/// The unit money is printed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum MoneyUnit {
    #[serde(rename = "元")]
    Yuan,
    #[serde(rename = "万元")]
    WanYuan,
}

impl MoneyUnit {
    /// 元 per unit.
    pub fn yuan_per_unit(self) -> Decimal {
        match self {
            MoneyUnit::Yuan => Decimal::ONE,
            MoneyUnit::WanYuan => Decimal::from(10_000),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::WanYuan => "万元",
        }
    }
}

/// An amount as printed, with its unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Money {
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "Decimal")]
    pub amount: Decimal,
    pub unit: MoneyUnit,
}

impl Money {
    pub fn new(amount: Decimal, unit: MoneyUnit) -> Self {
        Money { amount, unit }
    }

    /// The canonical amount in 元 (exact; `None` only on overflow).
    pub fn yuan(&self) -> Option<Decimal> {
        self.amount.checked_mul(self.unit.yuan_per_unit())
    }
}

/// A target or actual cell: the text as printed and what it says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cell {
    pub text: String,
    pub value: Value,
}

impl Cell {
    /// Reads a printed cell with the value parser.
    pub fn read(text: impl Into<String>) -> Self {
        let text = text.into();
        let value = parse(&text);
        Cell { text, value }
    }

    /// Reads a target cell (指标值): an OCR'd `≥` read as a leading 2 is repaired there (`290%` → `≥90%`).
    pub fn target(text: impl Into<String>) -> Self {
        Self::read_as(text, Role::Target)
    }

    /// Reads an actual cell (实际完成值): values above 200% are possible there, so nothing is repaired.
    pub fn actual(text: impl Into<String>) -> Self {
        Self::read_as(text, Role::Actual)
    }

    fn read_as(text: impl Into<String>, role: Role) -> Self {
        let text = text.into();
        let value = parse_in(&text, &Context { year: None, role });
        Cell { text, value }
    }

    /// Reads the cell again with the table's year, if it is a date written without one (`12月31日前`).
    pub fn date_in_year(&mut self, year: u16, role: Role) {
        if self.value.kind == crate::value::Kind::Date && self.value.date.is_none() {
            self.value = parse_in(
                &self.text,
                &Context {
                    year: Some(year),
                    role,
                },
            );
        }
    }
}

/// Goal declaration (targets only) or self-evaluation (targets, actuals, weights, scores).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// 绩效目标表 / 绩效目标申报表.
    Goal,
    /// 项目支出绩效自评表 / 部门整体支出绩效自评表.
    SelfEval,
}

/// One line of the funds block (年度资金总额 or one of its sub-rows).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FundsLine {
    /// The printed label (年度资金总额, 当年财政拨款, 上年结转资金, 其他资金 …).
    pub label: String,
    /// 年初预算数.
    pub initial: Option<Money>,
    /// 全年预算数 (adjusted, including carry-over: the base of 执行率).
    pub full_year: Option<Money>,
    /// 全年执行数.
    pub executed: Option<Money>,
}

/// The funds block of a self-evaluation: totals, the fund weight and score, and the sub-rows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Funds {
    pub total: FundsLine,
    /// 分值 of budget execution (10 by default).
    #[serde(with = "rust_decimal::serde::str_option", default)]
    #[schemars(with = "Option<Decimal>")]
    pub weight: Option<Decimal>,
    /// 执行率 as printed, in percent (`89.73%` → 89.73).
    #[serde(with = "rust_decimal::serde::str_option", default)]
    #[schemars(with = "Option<Decimal>")]
    pub rate_percent: Option<Decimal>,
    /// 得分 of budget execution as printed.
    #[serde(with = "rust_decimal::serde::str_option", default)]
    #[schemars(with = "Option<Decimal>")]
    pub score: Option<Decimal>,
    pub lines: Vec<FundsLine>,
}

/// One indicator row (三级指标) with its categories, values, weight and score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Indicator {
    pub level1: Option<Level1>,
    pub level2: Option<Level2>,
    pub level1_printed: Option<String>,
    pub level2_printed: Option<String>,
    /// 三级指标.
    pub name: Option<String>,
    /// 实施周期指标值.
    pub cycle_target: Option<Cell>,
    /// 年度指标值 / 当年度目标值.
    pub target: Option<Cell>,
    /// 实际完成值.
    pub actual: Option<Cell>,
    /// 分值 / 权重.
    #[serde(with = "rust_decimal::serde::str_option", default)]
    #[schemars(with = "Option<Decimal>")]
    pub weight: Option<Decimal>,
    /// 得分 (the self-score).
    #[serde(with = "rust_decimal::serde::str_option", default)]
    #[schemars(with = "Option<Decimal>")]
    pub score: Option<Decimal>,
    /// 偏差原因分析及改进措施.
    pub deviation: Option<String>,
    /// The row only holds an unused level-2 category (`经济效益指标 … 不涉及 0 0`).
    pub placeholder: bool,
    pub location: Location,
    /// How sure OCR was of each cell, when the row was read from a page image; `None` for text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_confidence: Option<CellConfidence>,
}

/// The OCR confidence (0–1) of each cell of an indicator row read from a page image: the lowest of its
/// characters'. `None` for a cell that is not printed or was not found again in the grid. A confidence, not
/// money, so a float.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CellConfidence {
    pub level1: Option<f32>,
    pub level2: Option<f32>,
    pub name: Option<f32>,
    pub cycle_target: Option<f32>,
    pub target: Option<f32>,
    pub actual: Option<f32>,
    pub weight: Option<f32>,
    pub score: Option<f32>,
    pub deviation: Option<f32>,
}

impl CellConfidence {
    /// Each field's name and confidence, in printed order.
    pub fn fields(&self) -> [(&'static str, Option<f32>); 9] {
        [
            ("level1", self.level1),
            ("level2", self.level2),
            ("name", self.name),
            ("cycle_target", self.cycle_target),
            ("target", self.target),
            ("actual", self.actual),
            ("weight", self.weight),
            ("score", self.score),
            ("deviation", self.deviation),
        ]
    }

    /// The lowest confidence of the row's cells.
    pub fn lowest(&self) -> Option<f32> {
        self.fields()
            .into_iter()
            .filter_map(|(_, c)| c)
            .reduce(f32::min)
    }

    /// The fields read with a confidence below `threshold`.
    pub fn below(&self, threshold: f32) -> Vec<&'static str> {
        self.fields()
            .into_iter()
            .filter(|(_, c)| c.is_some_and(|c| c < threshold))
            .map(|(f, _)| f)
            .collect()
    }
}

/// A header label and its value as printed (项目类型, 设立依据 …), kept so that no header text is lost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HeaderField {
    pub label: String,
    pub value: String,
}

/// A labelled amount outside the funds rows (总金额, 2023年度金额, 总计, 一般公共预算 …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Amount {
    pub label: String,
    /// As printed (`180306400元`, `39,000,000`).
    pub text: String,
    /// The amount with its unit, when the text is a number and the unit is printed or known from the table.
    pub money: Option<Money>,
}

/// A goal or self-evaluation table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Table {
    pub kind: TableKind,
    pub title: Option<String>,
    /// 项目名称 (none for a 部门整体 table).
    pub project: Option<String>,
    /// 项目编码.
    pub code: Option<String>,
    /// 实施单位.
    pub unit: Option<String>,
    /// 主管部门 / 一级预算单位.
    pub dept: Option<String>,
    pub year: Option<String>,
    /// 项目实施周期 (start, end) as printed.
    pub period: Option<(String, String)>,
    pub money_unit: Option<MoneyUnit>,
    pub funds: Option<Funds>,
    /// Amounts printed outside the funds rows.
    #[serde(default)]
    pub amounts: Vec<Amount>,
    /// Every header label and value as printed, interpreted or not.
    #[serde(default)]
    pub fields: Vec<HeaderField>,
    /// 总分 as printed.
    #[serde(with = "rust_decimal::serde::str_option", default)]
    #[schemars(with = "Option<Decimal>")]
    pub printed_total_score: Option<Decimal>,
    /// The grade the table prints (自评等级 / 评价结论: 优, 良, 中, 差).
    #[serde(default)]
    pub printed_grade: Option<String>,
    /// 年度总体目标: expected (预期目标).
    pub goal_expected: Option<String>,
    /// 年度总体目标: achieved (实际完成情况).
    pub goal_achieved: Option<String>,
    pub indicators: Vec<Indicator>,
    pub location: Location,
}

/// One row of an allocation plan (资金分配方案).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AllocationRow {
    /// 序号.
    pub seq: Option<u32>,
    /// 用款单位 / 建设单位 (carried down over merged cells).
    pub unit: Option<String>,
    /// The project; where a plan prints only recipients (县区 | 金额), the recipient.
    pub project: Option<String>,
    pub amount: Option<Money>,
    pub note: Option<String>,
    /// The outline heading the row stands under (`一、厅本级`, `(一)用于…`), when the plan groups its rows.
    #[serde(default)]
    pub group: Option<String>,
    pub location: Location,
}

/// A printed subtotal or total of an allocation plan (厅本级共计, 合计, 总计).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Subtotal {
    pub label: String,
    pub amount: Money,
    pub location: Location,
}

/// An allocation plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Allocation {
    pub title: Option<String>,
    pub rows: Vec<AllocationRow>,
    pub subtotals: Vec<Subtotal>,
    pub printed_total: Option<Money>,
    pub location: Location,
}

/// Input that looked like table content but could not be placed, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Unread {
    pub location: Location,
    pub text: String,
    pub reason: String,
}

/// Something a reader noticed that did not stop it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Warning {
    pub location: Location,
    pub message_zh: String,
    pub message_en: String,
}

/// How the rows of the input were accounted for: every row inside a table region is either placed in the
/// model or listed in `unread`, so `placed + unread == table_rows`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RowAccount {
    /// Rows inside table regions (titles, headers, funds, indicators, totals, allocation rows).
    pub table_rows: u32,
    /// Of those, rows read into the model.
    pub placed: u32,
    /// Of those, rows listed in `unread`.
    pub unread: u32,
}

impl RowAccount {
    /// Share of the table rows read into the model (`None` without table rows): how much of what looked like
    /// a table the reader understood. A ratio, not money, so a float.
    pub fn coverage(&self) -> Option<f64> {
        (self.table_rows > 0).then(|| f64::from(self.placed) / f64::from(self.table_rows))
    }
}

/// One input file (or text) read into the model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Document {
    /// The file path, or `<text>` for text passed directly.
    pub source: String,
    /// The encoding the bytes were in, when read from bytes.
    pub encoding: Option<String>,
    /// The layout the reader recognised (tab rows, one cell per line, inline items, spreadsheet, json …).
    pub layout: Option<String>,
    pub tables: Vec<Table>,
    pub allocations: Vec<Allocation>,
    pub warnings: Vec<Warning>,
    pub unread: Vec<Unread>,
    #[serde(default)]
    pub rows: RowAccount,
}

impl Document {
    /// An empty document for `source`.
    pub fn new(source: impl Into<String>) -> Self {
        Document {
            source: source.into(),
            encoding: None,
            layout: None,
            tables: Vec::new(),
            allocations: Vec::new(),
            warnings: Vec::new(),
            unread: Vec::new(),
            rows: RowAccount::default(),
        }
    }

    /// The model as JSON (lossless: [`Document::from_json`] gives back an equal document).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("the model has only string keys and finite numbers")
    }

    /// A document from its JSON.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The JSON Schema (draft 2020-12) of the document JSON that [`Document::to_json`] writes (and
    /// [`Document::from_json`] reads back). The package ships it as `jixiao/document.schema.json`.
    pub fn json_schema() -> String {
        // The serialising side: decimals are strings (never numbers), and every field is written.
        let generator = schemars::generate::SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator();
        let schema = generator.into_root_schema_for::<Document>();
        let mut text = serde_json::to_string_pretty(&schema).expect("a schema is plain JSON");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// A table shaped like the first self-evaluation of seed 002 (values from the gold).
    fn sample() -> Document {
        let loc = |line| Location::line("002_64eb690d41cac579.txt", line);
        let yuan = |s| Some(Money::new(d(s), MoneyUnit::Yuan));
        let mut doc = Document::new("002_64eb690d41cac579.txt");
        doc.encoding = Some("utf-8".into());
        doc.tables.push(Table {
            kind: TableKind::SelfEval,
            title: Some("项目支出绩效自评表".into()),
            project: Some("国土空间基础信息平台升级及场景应用建设(一期)".into()),
            code: Some("440300241113100001007".into()),
            unit: Some("深圳市规划和自然资源数据管理中心".into()),
            dept: Some("深圳市规划和自然资源局(本级)".into()),
            year: Some("2024".into()),
            period: None,
            money_unit: Some(MoneyUnit::Yuan),
            amounts: vec![],
            fields: vec![],
            funds: Some(Funds {
                total: FundsLine {
                    label: "年度资金总额".into(),
                    initial: yuan("0.00"),
                    full_year: yuan("11264600.00"),
                    executed: yuan("11264600.00"),
                },
                weight: Some(d("10")),
                rate_percent: Some(d("100")),
                score: Some(d("10")),
                lines: vec![],
            }),
            printed_total_score: Some(d("100")),
            printed_grade: None,
            goal_expected: None,
            goal_achieved: None,
            indicators: vec![Indicator {
                level1: Some(Level1::Output),
                level2: Some(Level2::Quantity),
                level1_printed: Some("产出指标 (50分)".into()),
                level2_printed: Some("数量指标".into()),
                name: Some("完成小程序H5改造的建设数量".into()),
                cycle_target: None,
                target: Some(Cell::read("2个")),
                actual: Some(Cell::read("2个")),
                weight: Some(d("10")),
                score: Some(d("10")),
                deviation: None,
                placeholder: false,
                location: loc(20),
                ocr_confidence: None,
            }],
            location: loc(1),
        });
        doc.unread.push(Unread {
            location: loc(22),
            text: "X X W. X.".into(),
            reason: "no indicator name".into(),
        });
        doc
    }

    #[test]
    fn json_round_trip_is_lossless() {
        let doc = sample();
        let json = doc.to_json();
        assert_eq!(Document::from_json(&json).unwrap(), doc);
        // Money stays exact and keeps its printed scale.
        assert!(json.contains(r#""amount":"11264600.00""#));
    }

    #[test]
    fn money_converts_to_yuan_exactly() {
        assert_eq!(
            Money::new(d("15585.91"), MoneyUnit::WanYuan).yuan(),
            Some(d("155859100.00"))
        );
        assert_eq!(
            Money::new(d("0.01"), MoneyUnit::Yuan).yuan(),
            Some(d("0.01"))
        );
    }
}
