//! The per-indicator grade (1–5) and the fitted table dimensions, from the features of [`super::quality`].
//!
//! The model follows the structure of the reviewers' rubric (shared/quality/RUBRIC.md §3.8) and keeps it
//! explainable: the **form** of the target sets a base (a specific quantity grades higher than a single
//! deliverable, a binary standard lower than a rate), each **notable flaw** takes a fitted share of a tier off,
//! and each **major flaw** caps the grade at a fitted level (a target that cannot fail is worth about 1 whatever
//! its form). The numbers live in `grade_model.json`, written by `python -m jixiao.validation`, which fits them on
//! expert grades with ordinary least squares (caps: the mean grade of the rows with the flaw) and reports the
//! agreement left out one document at a time. A user may pass a model fitted on their own grades.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The form of a target: what kind of standard it sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    /// A count, area or amount other than one, or a range (`4120km²`, `≥30000个`, `约 19—20 万页`).
    Quantity,
    /// One of something (`1套`, `≥1项`, `1批次`): a single deliverable, or a count without scale.
    Single,
    /// A share below 100% (`修复率55%`, `≥95%`), satisfaction aside.
    Rate,
    /// A share of 100% (`合格率100%`, `完成率100%`).
    FullRate,
    /// Satisfaction below 99% (`≥90%`).
    Satisfaction,
    /// Satisfaction of 99% or 100%: not realistic (RUBRIC §3.8, notable flaw).
    FullSatisfaction,
    /// A date or deadline.
    Deadline,
    /// A span of time (`3天内`).
    Duration,
    /// A grade or statement without a number (`合格`, `符合设计方案要求`, `是`).
    Standard,
    /// No target, or text that reads as no value.
    Other,
}

impl Form {
    pub const ALL: [Form; 10] = [
        Form::Quantity,
        Form::Single,
        Form::Rate,
        Form::FullRate,
        Form::Satisfaction,
        Form::FullSatisfaction,
        Form::Deadline,
        Form::Duration,
        Form::Standard,
        Form::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Form::Quantity => "quantity",
            Form::Single => "single",
            Form::Rate => "rate",
            Form::FullRate => "full_rate",
            Form::Satisfaction => "satisfaction",
            Form::FullSatisfaction => "full_satisfaction",
            Form::Deadline => "deadline",
            Form::Duration => "duration",
            Form::Standard => "standard",
            Form::Other => "other",
        }
    }
}

/// A flaw of an indicator as the rubric names them; the model decides whether it caps the grade or lowers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flaw {
    /// No target printed (or an empty marker).
    MissingTarget,
    /// The target cannot show a miss (vague, prose, no standard).
    NotMeasurable,
    /// The target can hardly fail (`≥0`, 不超预算, a budget cap, the period restated …).
    CannotFail,
    /// The actual overshot the target by 30% or more, or a ceiling was far above what happened.
    FarAbove,
    /// Not about what the money buys: budget execution, payment, the unit's own management.
    Irrelevant,
    /// A quantity without its unit, or with the wrong one.
    UnitUnclear,
    /// Filed under the wrong category.
    Miscategorized,
    /// 100% for the unit's own routine work.
    Routine100,
    /// A completion or attainment rate (完成率, 达标率): restates a quantity, or has no scale.
    CompletionRate,
    /// A percentage attached to a name that is no rate (齐抓共管 100%, 文明施工 ≥95%): its measure is undefined.
    UndefinedRate,
    /// A name used in many tables of the corpus.
    Boilerplate,
    /// The name shares no two-character word with the project name or the annual goal (satisfaction aside),
    /// where the table prints either.
    OffGoal,
    /// A bar too low but not a certainty: `≥1` of an event or item (a quantity without scale), or a cost capped
    /// at one of several budget sub-lines (RUBRIC §3.8 lists both as notable flaws, a tier off, where 不超预算 or
    /// the whole budget as the only cost target is [`Flaw::CannotFail`]).
    LowBar,
}

impl Flaw {
    pub const ALL: [Flaw; 13] = [
        Flaw::MissingTarget,
        Flaw::NotMeasurable,
        Flaw::CannotFail,
        Flaw::FarAbove,
        Flaw::Irrelevant,
        Flaw::UnitUnclear,
        Flaw::Miscategorized,
        Flaw::Routine100,
        Flaw::CompletionRate,
        Flaw::UndefinedRate,
        Flaw::Boilerplate,
        Flaw::OffGoal,
        Flaw::LowBar,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Flaw::MissingTarget => "missing_target",
            Flaw::NotMeasurable => "not_measurable",
            Flaw::CannotFail => "cannot_fail",
            Flaw::FarAbove => "far_above",
            Flaw::Irrelevant => "irrelevant",
            Flaw::UnitUnclear => "unit_unclear",
            Flaw::Miscategorized => "miscategorized",
            Flaw::Routine100 => "routine_100",
            Flaw::CompletionRate => "completion_rate",
            Flaw::UndefinedRate => "undefined_rate",
            Flaw::Boilerplate => "boilerplate",
            Flaw::OffGoal => "off_goal",
            Flaw::LowBar => "low_bar",
        }
    }
}

/// A linear model over named inputs: `intercept + Σ weight × input`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Linear {
    pub intercept: f64,
    pub weights: BTreeMap<String, f64>,
}

impl Default for RowModel {
    fn default() -> Self {
        RowModel {
            base: BTreeMap::new(),
            penalty: BTreeMap::new(),
            cap: BTreeMap::new(),
            cuts: halfway(),
        }
    }
}

impl Linear {
    /// The prediction from `inputs`; an input the model names but `inputs` lacks counts as 0.
    pub fn predict(&self, inputs: &BTreeMap<&str, f64>) -> f64 {
        self.intercept
            + self
                .weights
                .iter()
                .map(|(k, w)| w * inputs.get(k.as_str()).copied().unwrap_or(0.0))
                .sum::<f64>()
    }
}

/// The row grade: a base per form, a penalty per notable flaw, a cap per major flaw (all on the 1–5 scale).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowModel {
    pub base: BTreeMap<String, f64>,
    #[serde(default)]
    pub penalty: BTreeMap<String, f64>,
    #[serde(default)]
    pub cap: BTreeMap<String, f64>,
    /// The four scores at which the whole grade steps up to 2, 3, 4 and 5 (ascending). Fitted so that each
    /// grade is given about as often as the reviewers gave it; halfway points when absent.
    #[serde(default = "halfway")]
    pub cuts: [f64; 4],
}

fn halfway() -> [f64; 4] {
    [1.5, 2.5, 3.5, 4.5]
}

impl RowModel {
    /// The grade as the reviewers give it, a whole tier: 1 plus the number of cuts the score reaches.
    pub fn whole(&self, score: f64) -> u8 {
        1 + self.cuts.iter().filter(|c| score >= **c).count() as u8
    }
}

/// The fitted model: the row grade, and the table dimensions fitted on the reviewers' table grades. Each table
/// model predicts a 1–5 grade from the table's statistics (the columns of `quality(...).tables`); it is reported
/// on 0–100 as `25 × (grade − 1)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GradeModel {
    pub row: RowModel,
    /// `relevance`, `appropriateness` and `index`; `index` may also use the dimensions (0–100).
    #[serde(default)]
    pub tables: BTreeMap<String, Linear>,
    /// Where the numbers come from (free text: the grades, the date, the agreement).
    #[serde(default)]
    pub fitted_on: String,
}

/// The table models a [`GradeModel`] may hold.
pub const TABLE_MODELS: [&str; 3] = ["relevance", "appropriateness", "index"];

impl GradeModel {
    /// The model shipped with jixiao, fitted on the expert grades (see `docs/quality.md`, validation).
    pub fn shipped() -> &'static GradeModel {
        static MODEL: OnceLock<GradeModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            GradeModel::from_json(include_str!("grade_model.json"))
                .expect("the shipped grade_model.json is checked by a unit test")
        })
    }

    /// Reads a model from JSON, refusing names the core does not know (a typo would silently weigh nothing).
    pub fn from_json(text: &str) -> Result<GradeModel, String> {
        let model: GradeModel = serde_json::from_str(text)
            .map_err(|e| format!("评分模型无法读取 / the grade model cannot be read: {e}"))?;
        let unknown = |kind: &str, name: &str| {
            format!(
                "评分模型含未知{kind} {name:?} / the grade model names an unknown {kind} {name:?}"
            )
        };
        for name in model.row.base.keys() {
            if !Form::ALL.iter().any(|f| f.as_str() == name) {
                return Err(unknown("form", name));
            }
        }
        for name in model.row.penalty.keys().chain(model.row.cap.keys()) {
            if !Flaw::ALL.iter().any(|f| f.as_str() == name) {
                return Err(unknown("flaw", name));
            }
        }
        for (name, linear) in &model.tables {
            if !TABLE_MODELS.contains(&name.as_str()) {
                return Err(unknown("table model", name));
            }
            for input in linear.weights.keys() {
                if !super::quality::TABLE_INPUTS.contains(&input.as_str()) {
                    return Err(unknown("table input", input));
                }
            }
        }
        if model.row.cuts.windows(2).any(|w| w[0] > w[1]) {
            return Err(format!(
                "评分模型的分界须递增 / the grade model's cuts must ascend: {:?}",
                model.row.cuts
            ));
        }
        let mut all = model
            .row
            .base
            .values()
            .chain(model.row.penalty.values())
            .chain(model.row.cap.values())
            .chain(&model.row.cuts)
            .chain(
                model
                    .tables
                    .values()
                    .flat_map(|l| std::iter::once(&l.intercept).chain(l.weights.values())),
            );
        if let Some(x) = all.find(|x| !x.is_finite()) {
            return Err(format!(
                "评分模型含非有限数 {x} / the grade model holds a non-finite number {x}"
            ));
        }
        Ok(model)
    }

    /// The row grade before rounding, on 1–5: the base of the form, less the penalties, capped by the major flaws.
    pub fn row_score(&self, form: Form, flaws: &[Flaw]) -> f64 {
        let row = &self.row;
        // A form the model has no base for (a model of one's own) takes the mean base.
        let mut score = row.base.get(form.as_str()).copied().unwrap_or_else(|| {
            if row.base.is_empty() {
                3.0
            } else {
                row.base.values().sum::<f64>() / row.base.len() as f64
            }
        });
        for f in flaws {
            score -= row.penalty.get(f.as_str()).copied().unwrap_or(0.0);
        }
        for f in flaws {
            if let Some(cap) = row.cap.get(f.as_str()) {
                score = score.min(*cap);
            }
        }
        score.clamp(1.0, 5.0)
    }

    /// A table model's prediction on 0–100, or `None` when the model has no such table model.
    pub fn table_score(&self, which: &str, inputs: &BTreeMap<&str, f64>) -> Option<f64> {
        let grade = self.tables.get(which)?.predict(inputs).clamp(1.0, 5.0);
        Some(25.0 * (grade - 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_reads_and_names_every_form() {
        let m = GradeModel::shipped();
        for f in Form::ALL {
            assert!(m.row.base.contains_key(f.as_str()), "no base for {f:?}");
        }
        for t in TABLE_MODELS {
            assert!(m.tables.contains_key(t), "no table model {t}");
        }
    }

    #[test]
    fn a_major_flaw_caps_and_a_notable_flaw_lowers() {
        let m = GradeModel::from_json(
            r#"{"row": {"base": {"quantity": 4.6, "single": 3.9},
                         "penalty": {"miscategorized": 0.7},
                         "cap": {"cannot_fail": 1.4}}}"#,
        )
        .unwrap();
        assert_eq!(m.row_score(Form::Quantity, &[]), 4.6);
        assert!((m.row_score(Form::Quantity, &[Flaw::Miscategorized]) - 3.9).abs() < 1e-9);
        assert_eq!(m.row_score(Form::Quantity, &[Flaw::CannotFail]), 1.4);
        // A form the model lacks takes the mean base.
        assert!((m.row_score(Form::Deadline, &[]) - 4.25).abs() < 1e-9);
        assert_eq!(m.row.whole(4.6), 5);
        assert_eq!(m.row.whole(1.4), 1);
        assert_eq!(m.row.whole(2.5), 3);
        let fitted = GradeModel::from_json(
            r#"{"row": {"base": {"quantity": 4.35}, "cuts": [1.2, 1.9, 2.9, 4.3]}}"#,
        )
        .unwrap();
        assert_eq!(fitted.row.whole(4.35), 5);
        assert_eq!(fitted.row.whole(1.2), 2);
        assert!(GradeModel::from_json(r#"{"row": {"base": {}, "cuts": [2, 1, 3, 4]}}"#).is_err());
    }

    #[test]
    fn unknown_names_and_bad_numbers_are_refused() {
        let e = GradeModel::from_json(r#"{"row": {"base": {"quantty": 4}}}"#).unwrap_err();
        assert!(e.contains("quantty"), "{e}");
        let e = GradeModel::from_json(r#"{"row": {"base": {}, "cap": {"cannot_fial": 1}}}"#)
            .unwrap_err();
        assert!(e.contains("cannot_fial"), "{e}");
        let e = GradeModel::from_json(
            r#"{"row": {"base": {}}, "tables": {"index": {"intercept": 1, "weights": {"nope": 1}}}}"#,
        )
        .unwrap_err();
        assert!(e.contains("nope"), "{e}");
        assert!(GradeModel::from_json("{").is_err());
    }
}
