//! Scoring many rows given as columns (a user's own spreadsheet through `jixiao.score_frame`): target and
//! actual texts, weights and self-scores in, score columns out, in parallel.

use std::collections::HashMap;

use rayon::prelude::*;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

use super::{inflated, score_row, IndicatorScore, Policy, Row};
use crate::value::{parse, Value};

/// Rows per parallel chunk.
const CHUNK: usize = 16_384;

/// The scores of many rows, one entry per row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScoreColumns {
    /// [`super::Status`] as its code.
    pub status: Vec<u8>,
    /// [`super::Method`] as its code.
    pub method: Vec<u8>,
    /// NaN where there is none.
    pub completion: Vec<f64>,
    pub standard: Vec<f64>,
    /// self-score − standard score.
    pub gap: Vec<f64>,
    pub inflated: Vec<bool>,
}

impl ScoreColumns {
    fn with_capacity(n: usize) -> Self {
        ScoreColumns {
            status: Vec::with_capacity(n),
            method: Vec::with_capacity(n),
            completion: Vec::with_capacity(n),
            standard: Vec::with_capacity(n),
            gap: Vec::with_capacity(n),
            inflated: Vec::with_capacity(n),
        }
    }

    /// Appends one row's score.
    pub fn push(&mut self, s: &IndicatorScore, self_score: Option<Decimal>) {
        let f = |d: Option<Decimal>| d.and_then(|d| d.to_f64()).unwrap_or(f64::NAN);
        self.status.push(s.status as u8);
        self.method.push(s.method as u8);
        self.completion.push(f(s.completion));
        self.standard.push(f(s.standard));
        self.gap.push(match (self_score, s.standard) {
            (Some(own), Some(std)) => f(Some(own - std)),
            _ => f64::NAN,
        });
        self.inflated.push(inflated(s, self_score));
    }

    /// Appends the rows of `other`.
    pub fn append(&mut self, other: ScoreColumns) {
        self.status.extend(other.status);
        self.method.extend(other.method);
        self.completion.extend(other.completion);
        self.standard.extend(other.standard);
        self.gap.extend(other.gap);
        self.inflated.extend(other.inflated);
    }

    pub fn len(&self) -> usize {
        self.status.len()
    }

    pub fn is_empty(&self) -> bool {
        self.status.is_empty()
    }
}

/// A float from a frame as an exact decimal, as it was typed (NaN is missing).
pub fn decimal_from_f64(f: f64) -> Option<Decimal> {
    // Weights and scores are almost always whole or in cents: build those directly (the general conversion
    // below was most of the time of scoring a row).
    if f.is_finite() && f.abs() < 1e13 {
        let cents = f * 100.0;
        let rounded = cents.round();
        // Within float arithmetic's noise of whole cents (0.1 + 0.2), not a float32's 0.1199999973 (0.12 as a
        // score would exceed it); anything else takes the exact path below.
        if (cents - rounded).abs() < 1e-9 {
            return Some(Decimal::new(rounded as i64, 2).normalize());
        }
    }
    // Otherwise the shortest text that reads back as the same float (what was typed), so that a score never
    // exceeds the float weight it came from.
    if let Ok(d) = f.to_string().parse::<Decimal>() {
        return Some(d.normalize());
    }
    Decimal::from_f64(f).map(|d| d.normalize())
}

/// A text column as its distinct texts and, per row, the index of its text (negative: missing). Real columns
/// repeat a few thousand texts (≥90%, 100%, 是) over millions of rows, so each text is parsed once.
pub struct Coded<'a, S: AsRef<str>> {
    pub texts: &'a [S],
    pub codes: &'a [i64],
}

impl<S: AsRef<str>> Coded<'_, S> {
    /// The row's text index, unless it is missing or blank.
    fn text(&self, row: usize) -> Option<usize> {
        usize::try_from(self.codes[row])
            .ok()
            .filter(|&c| c < self.texts.len() && !self.texts[c].as_ref().trim().is_empty())
    }
}

/// The inputs of [`score_coded`]: equal-length columns.
pub struct Columns<'a, S: AsRef<str>> {
    pub target: Coded<'a, S>,
    pub actual: Coded<'a, S>,
    pub weight: &'a [f64],
    pub self_score: &'a [f64],
    /// The full-year budget in 元 per row, for 不超预算 targets (NaN when unknown).
    pub budget: &'a [f64],
}

fn parse_all<S: AsRef<str> + Sync>(texts: &[S]) -> Vec<Value> {
    match crate::parallel::pool() {
        Some(pool) if texts.len() > CHUNK => {
            pool.install(|| texts.par_iter().map(|t| parse(t.as_ref())).collect())
        }
        _ => texts.iter().map(|t| parse(t.as_ref())).collect(),
    }
}

/// Scores coded columns, in parallel on the crate's pool for large inputs.
///
/// Panics if the row columns differ in length (the Python layer checks this first).
pub fn score_coded<S: AsRef<str> + Sync>(cols: &Columns<S>, policy: &Policy) -> ScoreColumns {
    let n = cols.weight.len();
    assert!(
        [
            cols.target.codes.len(),
            cols.actual.codes.len(),
            cols.self_score.len(),
            cols.budget.len()
        ]
        .iter()
        .all(|&l| l == n),
        "columns of equal length"
    );
    let (targets, actuals) = (parse_all(cols.target.texts), parse_all(cols.actual.texts));
    let chunk = |range: std::ops::Range<usize>| {
        let mut out = ScoreColumns::with_capacity(range.len());
        for i in range {
            let (t, a) = (cols.target.text(i), cols.actual.text(i));
            let self_score = decimal_from_f64(cols.self_score[i]);
            let s = score_row(
                &Row {
                    weight: decimal_from_f64(cols.weight[i]),
                    target: t.map(|k| &targets[k]),
                    target_text: t.map_or("", |k| cols.target.texts[k].as_ref()),
                    actual: a.map(|k| &actuals[k]),
                    actual_text: a.map_or("", |k| cols.actual.texts[k].as_ref()),
                    self_score,
                    budget_yuan: decimal_from_f64(cols.budget[i]),
                },
                policy,
            );
            out.push(&s, self_score);
        }
        out
    };
    let ranges: Vec<std::ops::Range<usize>> = (0..n)
        .step_by(CHUNK)
        .map(|s| s..(s + CHUNK).min(n))
        .collect();
    let parts: Vec<ScoreColumns> = match crate::parallel::pool() {
        Some(pool) if ranges.len() > 1 => {
            pool.install(|| ranges.into_par_iter().map(chunk).collect())
        }
        _ => ranges.into_iter().map(chunk).collect(),
    };
    let mut all = ScoreColumns::with_capacity(n);
    for p in parts {
        all.append(p);
    }
    all
}

/// The inputs of [`score_texts`]: equal-length columns of texts and numbers.
pub struct TextColumns<'a, S: AsRef<str>> {
    pub target: &'a [S],
    pub actual: &'a [S],
    pub weight: &'a [f64],
    pub self_score: &'a [f64],
    pub budget: &'a [f64],
}

/// Codes a text column: its distinct texts and each row's index.
pub fn code<S: AsRef<str>>(texts: &[S]) -> (Vec<&str>, Vec<i64>) {
    let mut index: HashMap<&str, i64> = HashMap::new();
    let mut uniques = Vec::new();
    let codes = texts
        .iter()
        .map(|t| {
            let t = t.as_ref();
            *index.entry(t).or_insert_with(|| {
                uniques.push(t);
                (uniques.len() - 1) as i64
            })
        })
        .collect();
    (uniques, codes)
}

/// Scores rows given as text columns (codes them, then [`score_coded`]).
pub fn score_texts<S: AsRef<str> + Sync>(cols: &TextColumns<S>, policy: &Policy) -> ScoreColumns {
    let (t, tc) = code(cols.target);
    let (a, ac) = code(cols.actual);
    score_coded(
        &Columns {
            target: Coded {
                texts: &t,
                codes: &tc,
            },
            actual: Coded {
                texts: &a,
                codes: &ac,
            },
            weight: cols.weight,
            self_score: cols.self_score,
            budget: cols.budget,
        },
        policy,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_agree_with_rows_in_any_chunking() {
        let target = ["100%", "≥4次", "<20份", "/", "提高", "≥考核年份党员总数"].repeat(7000);
        let actual = ["10%", "8", "0份", "不涉及", "提高", "209"].repeat(7000);
        let weight = [15.0, 5.0, 10.0, 0.0, 30.0, 5.0].repeat(7000);
        let own = [15.0, 5.0, 10.0, 0.0, 30.0, 5.0].repeat(7000);
        let budget = vec![f64::NAN; target.len()];
        let cols = TextColumns {
            target: &target,
            actual: &actual,
            weight: &weight,
            self_score: &own,
            budget: &budget,
        };
        let out = score_texts(&cols, &Policy::default());
        assert_eq!(out.len(), 42_000);
        for k in [0, 6 * 4000, 41_994] {
            assert_eq!(out.standard[k], 1.5);
            assert!(out.inflated[k]);
            assert_eq!(out.gap[k], 13.5);
            assert_eq!(out.status[k + 3], super::super::Status::NotApplicable as u8);
            assert!(out.standard[k + 5].is_nan());
        }
    }

    #[test]
    fn floats_read_as_typed() {
        assert_eq!(decimal_from_f64(0.1 + 0.2).unwrap().to_string(), "0.3");
        assert_eq!(decimal_from_f64(15.0).unwrap().to_string(), "15");
        assert_eq!(decimal_from_f64(0.29).unwrap().to_string(), "0.29");
        // A float32's 0.12 is not 0.12: a score read as 0.12 would exceed it.
        assert_eq!(
            decimal_from_f64(f64::from(0.12f32)).unwrap().to_string(),
            "0.11999999731779099"
        );
        assert!(decimal_from_f64(f64::NAN).is_none());
    }
}
