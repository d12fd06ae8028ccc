//! Scoring and indicator-setting quality from Python, as columns.

use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::check::Profile;
use crate::model::Document;
use crate::score::columns::{score_coded, Coded, Columns, ScoreColumns};
use crate::score::quality::{name_counts, table_quality};
use crate::score::{scorable_tables, score_table, Method, Policy, ReversePolicy, Status};

fn f(d: Option<Decimal>) -> f64 {
    d.and_then(|d| d.to_f64()).unwrap_or(f64::NAN)
}

fn s(d: Option<Decimal>) -> Option<String> {
    d.map(|d| d.normalize().to_string())
}

/// The profile for a table: the given one, or the detected one.
fn profile_for<'a>(given: Option<&'a Profile>, table: &crate::model::Table) -> &'a Profile {
    given.unwrap_or_else(|| Profile::detect(table))
}

fn policy(
    profile: &Profile,
    reverse: &str,
    execution_cap: bool,
    renormalize: bool,
) -> PyResult<Policy> {
    let reverse = ReversePolicy::parse(reverse).ok_or_else(|| {
        PyValueError::new_err(format!(
            "reverse 须为 ratio 或 linear / reverse must be 'ratio' or 'linear', not {reverse:?}"
        ))
    })?;
    Ok(Policy {
        reverse,
        execution_cap,
        renormalize,
        ..Policy::for_profile(profile)
    })
}

fn load(profile: Option<&str>) -> PyResult<Option<Profile>> {
    profile
        .map(|p| Profile::load(p).map_err(|e| PyValueError::new_err(e.to_string())))
        .transpose()
}

/// Score columns as numpy arrays (status and method as codes; see `_score_codes`).
fn put_scores<'py>(py: Python<'py>, d: &Bound<'py, PyDict>, c: ScoreColumns) -> PyResult<()> {
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

/// Re-scores the self-evaluations of many documents: indicator columns and table records.
#[pyfunction]
#[pyo3(signature = (docs, profile=None, reverse="ratio", execution_cap=true, renormalize=false))]
fn _score_documents<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
    profile: Option<&str>,
    reverse: &str,
    execution_cap: bool,
    renormalize: bool,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyList>)> {
    let given = load(profile)?;
    let docs = super::document::documents(docs)?;
    // Check the policy once up front so a bad argument fails before any work.
    policy(
        Profile::builtin_ref("central").expect("built in"),
        reverse,
        execution_cap,
        renormalize,
    )?;
    struct Out {
        keys: Vec<(String, u32, u32, u32)>,
        texts: Vec<[Option<String>; 5]>,
        weight: Vec<f64>,
        self_score: Vec<f64>,
        scores: ScoreColumns,
        tables: Vec<(String, usize, crate::score::TableScore)>,
    }
    let out = py.detach(|| -> PyResult<Out> {
        let mut o = Out {
            keys: Vec::new(),
            texts: Vec::new(),
            weight: Vec::new(),
            self_score: Vec::new(),
            scores: ScoreColumns::default(),
            tables: Vec::new(),
        };
        for doc in &docs {
            let doc: &Document = doc;
            for (ti, table) in scorable_tables(doc) {
                let p = profile_for(given.as_ref(), table);
                let pol = policy(p, reverse, execution_cap, renormalize)?;
                let (rows, summary) = score_table(table, p, &pol);
                for (ri, (sc, ind)) in rows.iter().zip(&table.indicators).enumerate() {
                    o.keys.push((
                        doc.source.clone(),
                        ti as u32,
                        ri as u32,
                        ind.location.line.unwrap_or(0),
                    ));
                    let text = |c: &Option<crate::model::Cell>| c.as_ref().map(|c| c.text.clone());
                    o.texts.push([
                        ind.level1.map(|l| l.as_str().to_owned()),
                        ind.level2.map(|l| l.as_str().to_owned()),
                        ind.name.clone(),
                        text(&ind.target),
                        text(&ind.actual),
                    ]);
                    o.weight.push(f(ind.weight));
                    o.self_score.push(f(ind.score));
                    o.scores.push(sc, ind.score);
                }
                o.tables.push((doc.source.clone(), ti, summary));
            }
        }
        Ok(o)
    })?;
    let d = PyDict::new(py);
    d.set_item(
        "doc",
        out.keys.iter().map(|k| k.0.as_str()).collect::<Vec<_>>(),
    )?;
    d.set_item(
        "table",
        out.keys
            .iter()
            .map(|k| k.1)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "row",
        out.keys
            .iter()
            .map(|k| k.2)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    for (i, name) in ["level1", "level2", "name", "target", "actual"]
        .iter()
        .enumerate()
    {
        d.set_item(
            *name,
            out.texts
                .iter()
                .map(|t| t[i].as_deref())
                .collect::<Vec<_>>(),
        )?;
    }
    d.set_item("weight", out.weight.into_pyarray(py))?;
    d.set_item("self_score", out.self_score.into_pyarray(py))?;
    d.set_item(
        "line",
        out.keys
            .iter()
            .map(|k| k.3)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    put_scores(py, &d, out.scores)?;
    let tables = PyList::empty(py);
    for (doc, ti, t) in &out.tables {
        let r = PyDict::new(py);
        r.set_item("doc", doc)?;
        r.set_item("table", ti)?;
        r.set_item("profile", &t.profile)?;
        r.set_item("fund_weight", f(t.fund_weight))?;
        r.set_item("fund_rate", f(t.fund_rate))?;
        r.set_item("fund_score", f(t.fund_score))?;
        r.set_item("fund_self_score", f(t.fund_self_score))?;
        r.set_item("standard_total", f(Some(t.standard_total)))?;
        r.set_item("self_total", f(t.self_total))?;
        r.set_item("standard_total_exact", s(Some(t.standard_total)))?;
        r.set_item("self_total_exact", s(t.self_total))?;
        r.set_item("standard_grade", &t.standard_grade)?;
        r.set_item("self_grade", &t.self_grade)?;
        r.set_item("n_indicators", t.n_indicators)?;
        r.set_item("n_scored", t.n_scored)?;
        r.set_item("n_unscorable", t.n_unscorable)?;
        r.set_item("n_not_applicable", t.n_not_applicable)?;
        r.set_item("unscorable_weight", f(Some(t.unscorable_weight)))?;
        r.set_item("n_inflated", t.n_inflated)?;
        r.set_item("inflated_points", f(Some(t.inflated_points)))?;
        tables.append(r)?;
    }
    Ok((d, tables))
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

/// Indicator-setting quality of every table: indicator feature columns and table records.
#[pyfunction]
#[pyo3(signature = (docs, profile=None))]
fn _quality<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
    profile: Option<&str>,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyList>)> {
    let given = load(profile)?;
    let docs = super::document::documents(docs)?;
    let (rows, tables) = py.detach(|| {
        let names = name_counts(docs.iter().map(|d| &**d));
        let mut rows = Vec::new();
        let mut tables = Vec::new();
        for doc in &docs {
            for (ti, table) in doc.tables.iter().enumerate() {
                if !crate::score::quality::gradable(table) {
                    continue;
                }
                let p = profile_for(given.as_ref(), table);
                let (features, q) = table_quality(table, p, &names);
                for (ri, (ft, ind)) in features.into_iter().zip(&table.indicators).enumerate() {
                    rows.push((doc.source.clone(), ti, ri, ind.clone(), ft));
                }
                tables.push((doc.source.clone(), ti, table.kind, q));
            }
        }
        (rows, tables)
    });
    let opt = |b: Option<bool>| b.map_or(-1i8, i8::from);
    let d = PyDict::new(py);
    d.set_item("doc", rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>())?;
    d.set_item(
        "table",
        rows.iter()
            .map(|r| r.1 as u32)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "row",
        rows.iter()
            .map(|r| r.2 as u32)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "level1",
        rows.iter()
            .map(|r| r.3.level1.map(|l| l.as_str()))
            .collect::<Vec<_>>(),
    )?;
    d.set_item(
        "level2",
        rows.iter()
            .map(|r| r.3.level2.map(|l| l.as_str()))
            .collect::<Vec<_>>(),
    )?;
    d.set_item(
        "name",
        rows.iter().map(|r| r.3.name.as_deref()).collect::<Vec<_>>(),
    )?;
    d.set_item(
        "target",
        rows.iter()
            .map(|r| r.3.target.as_ref().map(|c| c.text.as_str()))
            .collect::<Vec<_>>(),
    )?;
    d.set_item(
        "placeholder",
        rows.iter()
            .map(|r| r.3.placeholder)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "quantified",
        rows.iter()
            .map(|r| r.4.quantified)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "measurable",
        rows.iter()
            .map(|r| r.4.measurable)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "unit_present",
        rows.iter()
            .map(|r| opt(r.4.unit_present))
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "miscategorized",
        rows.iter().map(|r| r.4.miscategorized).collect::<Vec<_>>(),
    )?;
    d.set_item(
        "cannot_fail",
        rows.iter()
            .map(|r| r.4.cannot_fail)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "routine_100",
        rows.iter()
            .map(|r| r.4.routine_100)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "far_above",
        rows.iter()
            .map(|r| opt(r.4.far_above))
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "equals_actual",
        rows.iter()
            .map(|r| opt(r.4.equals_actual))
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "annual_above_cycle",
        rows.iter()
            .map(|r| opt(r.4.annual_above_cycle))
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "boilerplate",
        rows.iter()
            .map(|r| r.4.boilerplate)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "met",
        rows.iter()
            .map(|r| opt(r.4.met))
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "line",
        rows.iter()
            .map(|r| r.3.location.line.unwrap_or(0))
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    let out = PyList::empty(py);
    let nan = |x: Option<f64>| x.unwrap_or(f64::NAN);
    for (doc, ti, kind, q) in &tables {
        let r = PyDict::new(py);
        r.set_item("doc", doc)?;
        r.set_item("table", ti)?;
        r.set_item(
            "kind",
            match kind {
                crate::model::TableKind::Goal => "goal",
                crate::model::TableKind::SelfEval => "self_eval",
            },
        )?;
        r.set_item("profile", &q.profile)?;
        r.set_item("n_indicators", q.n_indicators)?;
        r.set_item("share_quantified", q.share_quantified)?;
        r.set_item("share_measurable", q.share_measurable)?;
        r.set_item("share_unit", q.share_unit)?;
        r.set_item("share_miscategorized", q.share_miscategorized)?;
        r.set_item("share_cannot_fail", q.share_cannot_fail)?;
        r.set_item("share_routine_100", q.share_routine_100)?;
        r.set_item("share_far_above", nan(q.share_far_above))?;
        r.set_item("share_equals_actual", nan(q.share_equals_actual))?;
        r.set_item("share_annual_above_cycle", nan(q.share_annual_above_cycle))?;
        r.set_item("share_boilerplate", q.share_boilerplate)?;
        r.set_item("share_met", nan(q.share_met))?;
        r.set_item("level1_coverage", q.level1_coverage)?;
        r.set_item("level2_coverage", q.level2_coverage)?;
        r.set_item("share_complete", q.share_complete)?;
        r.set_item("completeness", q.completeness)?;
        r.set_item("relevance", q.relevance)?;
        r.set_item("appropriateness", q.appropriateness)?;
        r.set_item("feasibility", nan(q.feasibility))?;
        r.set_item("index", q.index)?;
        out.append(r)?;
    }
    Ok((d, out))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_score_codes, m)?)?;
    m.add_function(wrap_pyfunction!(_score_documents, m)?)?;
    m.add_function(wrap_pyfunction!(_score_columns, m)?)?;
    m.add_function(wrap_pyfunction!(_quality, m)?)?;
    Ok(())
}
