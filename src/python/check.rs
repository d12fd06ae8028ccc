//! The rule catalogue and the framework profiles from Python (the findings of documents are built in `frames`).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::check::{Check, Profile, RULES};

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
    m.add_function(wrap_pyfunction!(_rules, m)?)?;
    m.add_function(wrap_pyfunction!(_profile_json, m)?)?;
    m.add_function(wrap_pyfunction!(_profile_names, m)?)?;
    m.add_function(wrap_pyfunction!(_detected_profiles, m)?)?;
    Ok(())
}
