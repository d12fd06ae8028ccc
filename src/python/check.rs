//! Checks from Python: findings as columns, the rule catalogue, and the framework profiles.

use numpy::IntoPyArray;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::check::{self, Check, Options, Profile, RULES};

fn load_profile(profile: Option<&str>) -> PyResult<Option<Profile>> {
    profile
        .map(|p| Profile::load(p).map_err(|e| PyValueError::new_err(e.to_string())))
        .transpose()
}

/// Findings of many documents as columns (see `jixiao.check`). Runs in parallel with the GIL released.
#[pyfunction]
#[pyo3(signature = (docs, profile=None, select=Vec::new(), ignore=Vec::new()))]
fn _check<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
    profile: Option<&str>,
    select: Vec<String>,
    ignore: Vec<String>,
) -> PyResult<Bound<'py, PyDict>> {
    for code in select.iter().chain(&ignore) {
        if check::rule(code).is_none() {
            return Err(PyValueError::new_err(format!(
                "未知的规则代码 {code} / unknown rule code {code:?} (see jixiao.rules())"
            )));
        }
    }
    let options = Options {
        profile: load_profile(profile)?,
        select,
        ignore,
    };
    let docs = super::document::documents(docs)?;
    let findings = py.detach(|| {
        let refs: Vec<&crate::model::Document> = docs.iter().map(|d| &**d).collect();
        check::check_all(&refs, &options)
    });
    let index = |v: Option<usize>| v.map_or(-1, |v| v as i64);
    let d = PyDict::new(py);
    d.set_item(
        "code",
        findings.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(),
    )?;
    d.set_item(
        "name",
        findings
            .iter()
            .map(|f| check::rule(&f.code).map_or("", |r| r.name))
            .collect::<Vec<_>>(),
    )?;
    d.set_item(
        "severity",
        findings
            .iter()
            .map(|f| f.severity.as_str())
            .collect::<Vec<_>>(),
    )?;
    d.set_item(
        "message_zh",
        findings
            .iter()
            .map(|f| f.message_zh.as_str())
            .collect::<Vec<_>>(),
    )?;
    d.set_item(
        "message_en",
        findings
            .iter()
            .map(|f| f.message_en.as_str())
            .collect::<Vec<_>>(),
    )?;
    d.set_item(
        "doc",
        findings.iter().map(|f| f.doc.as_str()).collect::<Vec<_>>(),
    )?;
    d.set_item(
        "table",
        findings
            .iter()
            .map(|f| index(f.table))
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "row",
        findings
            .iter()
            .map(|f| index(f.row))
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "field",
        findings
            .iter()
            .map(|f| f.field.as_deref())
            .collect::<Vec<_>>(),
    )?;
    d.set_item(
        "line",
        findings
            .iter()
            .map(|f| f.line.map_or(-1, i64::from))
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "profile",
        findings
            .iter()
            .map(|f| f.profile.as_deref())
            .collect::<Vec<_>>(),
    )?;
    let values = PyList::empty(py);
    for f in &findings {
        let v = PyDict::new(py);
        for (k, x) in &f.values {
            v.set_item(k, x)?;
        }
        values.append(v)?;
    }
    d.set_item("values", values)?;
    Ok(d)
}

/// The rule catalogue, one dict per rule (see `jixiao.rules`).
#[pyfunction]
fn _rules(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let out = PyList::empty(py);
    for r in RULES {
        let d = PyDict::new(py);
        d.set_item("code", r.code)?;
        d.set_item("name", r.name)?;
        d.set_item("severity", r.severity.as_str())?;
        d.set_item("title_zh", r.title_zh)?;
        d.set_item("title_en", r.title_en)?;
        d.set_item("doc", r.doc)?;
        d.set_item("source", r.source)?;
        d.set_item("message_zh", r.message_zh)?;
        d.set_item("message_en", r.message_en)?;
        d.set_item(
            "scope",
            match r.check {
                Check::Table(_) => "table",
                Check::Document(_) => "document",
            },
        )?;
        out.append(d)?;
    }
    Ok(out)
}

/// A profile (built-in name or TOML path) as JSON, checked for consistency.
#[pyfunction]
fn _profile_json(name_or_path: &str) -> PyResult<String> {
    let p = Profile::load(name_or_path).map_err(|e| PyValueError::new_err(e.to_string()))?;
    serde_json::to_string(&p).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The names of the built-in profiles.
#[pyfunction]
fn _profile_names() -> Vec<&'static str> {
    Profile::builtin_names()
}

/// The profile each table of each document is checked under when none is given: (doc, table, profile).
#[pyfunction]
fn _detected_profiles<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
) -> PyResult<Vec<(String, usize, String)>> {
    let docs = super::document::documents(docs)?;
    Ok(py.detach(|| {
        docs.iter()
            .flat_map(|d| {
                d.tables
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (d.source.clone(), i, Profile::detect(t).name.clone()))
            })
            .collect()
    }))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_check, m)?)?;
    m.add_function(wrap_pyfunction!(_rules, m)?)?;
    m.add_function(wrap_pyfunction!(_profile_json, m)?)?;
    m.add_function(wrap_pyfunction!(_profile_names, m)?)?;
    m.add_function(wrap_pyfunction!(_detected_profiles, m)?)?;
    Ok(())
}
