//! Scoring a user's frame from Python, as columns (the scores of documents are built in `frames`).

use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rust_decimal::Decimal;

use crate::score::columns::{score_coded, Coded, Columns, ScoreColumns};
use crate::score::{Method, Policy, ReversePolicy, Status};

/// Score columns as numpy arrays (status and method as codes; see `_score_codes`).
pub(super) fn put_scores<'py>(
    py: Python<'py>,
    d: &Bound<'py, PyDict>,
    c: ScoreColumns,
) -> PyResult<()> {
    d.set_item("status", c.status.into_pyarray(py))?;
    d.set_item("method", c.method.into_pyarray(py))?;
    d.set_item("completion", c.completion.into_pyarray(py))?;
    d.set_item("standard_score", c.standard.into_pyarray(py))?;
    d.set_item("score_gap", c.gap.into_pyarray(py))?;
    d.set_item("inflated", c.inflated.into_pyarray(py))?;
    Ok(())
}

/// The names of the status and method codes, with the reasons.
#[pyfunction]
fn _score_codes() -> (Vec<&'static str>, Vec<&'static str>, Vec<&'static str>) {
    (
        Status::ALL.iter().map(|s| s.as_str()).collect(),
        Method::ALL.iter().map(|m| m.as_str()).collect(),
        Method::ALL.iter().map(|m| m.reason()).collect(),
    )
}

/// Scores rows given as columns (a user's frame): each text column as its distinct texts and per-row codes
/// (from `pandas.factorize`, -1 for missing), weights, self-scores and budgets as float arrays.
#[pyfunction]
#[pyo3(signature = (target_texts, target_codes, actual_texts, actual_codes, weight, self_score, budget, reverse="ratio", achieved=0.8, partial=0.6))]
#[allow(clippy::too_many_arguments)]
fn _score_columns<'py>(
    py: Python<'py>,
    target_texts: Vec<String>,
    target_codes: PyReadonlyArray1<'py, i64>,
    actual_texts: Vec<String>,
    actual_codes: PyReadonlyArray1<'py, i64>,
    weight: PyReadonlyArray1<'py, f64>,
    self_score: PyReadonlyArray1<'py, f64>,
    budget: PyReadonlyArray1<'py, f64>,
    reverse: &str,
    achieved: f64,
    partial: f64,
) -> PyResult<Bound<'py, PyDict>> {
    fn slice<'a>(a: &'a PyReadonlyArray1<'_, f64>) -> PyResult<&'a [f64]> {
        a.as_slice()
            .map_err(|_| PyValueError::new_err("arrays must be contiguous"))
    }
    let (tc, ac) = (
        target_codes
            .as_slice()
            .map_err(|_| PyValueError::new_err("arrays must be contiguous"))?,
        actual_codes
            .as_slice()
            .map_err(|_| PyValueError::new_err("arrays must be contiguous"))?,
    );
    let (w, own, b) = (slice(&weight)?, slice(&self_score)?, slice(&budget)?);
    let n = w.len();
    if [tc.len(), ac.len(), own.len(), b.len()]
        .iter()
        .any(|&l| l != n)
    {
        return Err(PyValueError::new_err(
            "columns differ in length / 各列长度不一致",
        ));
    }
    let band = |x: f64, what: &str| {
        crate::score::columns::decimal_from_f64(x)
            .filter(|d| *d > Decimal::ZERO && *d <= Decimal::ONE)
            .ok_or_else(|| PyValueError::new_err(format!("{what} must be in (0, 1], not {x}")))
    };
    let (achieved, partial) = (band(achieved, "achieved")?, band(partial, "partial")?);
    if partial >= achieved {
        return Err(PyValueError::new_err("partial must be below achieved"));
    }
    let reverse = ReversePolicy::parse(reverse).ok_or_else(|| {
        PyValueError::new_err(format!(
            "reverse must be 'ratio' or 'linear', not {reverse:?}"
        ))
    })?;
    let pol = Policy {
        reverse,
        achieved,
        partial,
        ..Policy::default()
    };
    let cols = Columns {
        target: Coded {
            texts: &target_texts,
            codes: tc,
        },
        actual: Coded {
            texts: &actual_texts,
            codes: ac,
        },
        weight: w,
        self_score: own,
        budget: b,
    };
    let scores = py.detach(|| score_coded(&cols, &pol));
    let d = PyDict::new(py);
    put_scores(py, &d, scores)?;
    Ok(d)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_score_codes, m)?)?;
    m.add_function(wrap_pyfunction!(_score_columns, m)?)?;
    Ok(())
}
