//! `parse_value` (one cell → a `Value` object) and `_parse_value_columns` (many cells → numpy columns, which
//! `jixiao.values.parse_values` wraps in a DataFrame).

use numpy::{IntoPyArray, PyArray1, PyArrayMethods};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDict, PyList, PyString, PyTuple};
use rust_decimal::Decimal;

use crate::columns::{ValueColumns, Years};
use crate::value::{Context, Kind, Level, Op, Per, Qual, Value};

/// A target or actual cell read as a value.
///
/// Numbers are exact (`decimal.Decimal`), with magnitudes applied (`1.4万` → 14000) and durations in seconds.
#[pyclass(name = "Value", module = "jixiao", frozen)]
pub struct PyValue {
    text: String,
    inner: Value,
}

#[pymethods]
impl PyValue {
    /// The cell as given.
    #[getter]
    fn text(&self) -> &str {
        &self.text
    }

    /// number, range, date, duration, qualitative, budget_ref, none or unknown.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }

    /// The comparator: ``>=``, ``<=``, ``>``, ``<``, ``=``, ``~`` or None.
    #[getter]
    fn op(&self) -> Option<&'static str> {
        self.inner.op.map(Op::as_str)
    }

    #[getter]
    fn value(&self) -> Option<Decimal> {
        self.inner.value
    }

    #[getter]
    fn low(&self) -> Option<Decimal> {
        self.inner.low
    }

    #[getter]
    fn high(&self) -> Option<Decimal> {
        self.inner.high
    }

    #[getter]
    fn unit(&self) -> Option<&str> {
        self.inner.unit.as_deref()
    }

    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDate>>> {
        self.inner
            .date
            .map(|d| PyDate::new(py, i32::from(d.year()), d.month(), d.day()))
            .transpose()
    }

    #[getter]
    fn duration_s(&self) -> Option<Decimal> {
        self.inner.duration_s
    }

    #[getter]
    fn level(&self) -> Option<&'static str> {
        self.inner.level.map(Level::as_str)
    }

    /// Qualifiers: cumulative (累计), annual_avg (年均), increment (新增).
    #[getter]
    fn qual<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            self.inner.qual.iter().map(Qual::as_str).collect::<Vec<_>>(),
        )
    }

    /// The period of a frequency (每月1次 → 月).
    #[getter]
    fn per(&self) -> Option<&'static str> {
        self.inner.per.map(Per::as_str)
    }

    /// The quantity a comparison refers to (预算, 年度预算, …).
    #[getter]
    fn r#ref(&self) -> Option<&str> {
        self.inner.reference.as_deref()
    }

    /// A remark beside the value that is not part of it (``100%(历史标准)`` → ``历史标准``).
    #[getter]
    fn annotation(&self) -> Option<&str> {
        self.inner.annotation.as_deref()
    }

    /// True when the value was repaired from a known OCR confusion (``290%`` as a rate target → ``≥90%``).
    #[getter]
    fn ocr_repaired(&self) -> bool {
        self.inner.ocr_repaired
    }

    /// The fields as a dict (the same keys as a row of `parse_values`).
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        let py = slf.py();
        let d = PyDict::new(py);
        for name in [
            "text",
            "kind",
            "op",
            "value",
            "low",
            "high",
            "unit",
            "date",
            "duration_s",
            "level",
            "qual",
            "per",
            "ref",
            "annotation",
            "ocr_repaired",
        ] {
            d.set_item(name, slf.getattr(name)?)?;
        }
        Ok(d)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyValue>()
            .is_ok_and(|o| o.get().inner == self.inner && o.get().text == self.text)
    }

    fn __repr__(&self) -> String {
        let v = &self.inner;
        let mut parts = vec![format!("kind={:?}", v.kind.as_str())];
        if let Some(op) = v.op {
            parts.push(format!("op={:?}", op.as_str()));
        }
        for (name, x) in [("value", v.value), ("low", v.low), ("high", v.high)] {
            if let Some(x) = x {
                parts.push(format!("{name}={x}"));
            }
        }
        if let Some(u) = &v.unit {
            parts.push(format!("unit={u:?}"));
        }
        if let Some(d) = v.date {
            parts.push(format!("date={d}"));
        }
        if let Some(l) = v.level {
            parts.push(format!("level={:?}", l.as_str()));
        }
        if !v.qual.is_empty() {
            let q: Vec<_> = v.qual.iter().map(Qual::as_str).collect();
            parts.push(format!("qual={q:?}"));
        }
        if let Some(p) = v.per {
            parts.push(format!("per={:?}", p.as_str()));
        }
        if let Some(r) = &v.reference {
            parts.push(format!("ref={r:?}"));
        }
        if let Some(a) = &v.annotation {
            parts.push(format!("annotation={a:?}"));
        }
        if v.ocr_repaired {
            parts.push("ocr_repaired=True".to_owned());
        }
        format!("Value({:?}: {})", self.text, parts.join(", "))
    }
}

/// Reads one target or actual cell (指标值 / 实际完成值) into a ``Value``.
///
/// ``year`` is the table's year: a date written without one (``12月31日前``) takes it. Never raises for odd
/// text: what cannot be read comes back with kind ``"unknown"``.
///
/// >>> jixiao.parse_value("≥95%")
/// Value("≥95%": kind="number", op=">=", value=95, unit="%")
#[pyfunction]
#[pyo3(signature = (text, year=None))]
fn parse_value(text: &Bound<'_, PyAny>, year: Option<u16>) -> PyResult<PyValue> {
    let s = text.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "parse_value() takes a str, not {}",
            type_name(text)
        ))
    })?;
    let text = s.to_str()?.to_owned();
    let cx = Context {
        year,
        ..Context::default()
    };
    let inner = crate::value::parse_in(&text, &cx);
    Ok(PyValue { text, inner })
}

fn type_name(x: &Bound<'_, PyAny>) -> String {
    x.get_type()
        .name()
        .map_or_else(|_| "?".to_string(), |n| n.to_string())
}

/// Parses many cells into columns: a dict of numpy arrays and category lists (see `jixiao.values`).
/// The GIL is released while Rust works, and large inputs are parsed on all cores.
///
/// ``years`` is None, one year for every text, or an integer array aligned with the texts (0 for none).
///
/// With ``text_buffers``, the texts also come back as Arrow's large-string layout (``text_data``: the UTF-8
/// bytes back to back, ``text_offsets``: where each starts and the last ends), from which pandas' pyarrow-backed
/// ``str`` column is built without touching a Python object per row.
#[pyfunction]
#[pyo3(signature = (texts, years=None, text_buffers=false))]
fn _parse_value_columns<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    years: Option<&Bound<'py, PyAny>>,
    text_buffers: bool,
) -> PyResult<Bound<'py, PyDict>> {
    // Keep every string object alive (and borrowed as UTF-8) while the GIL is released.
    let items: Vec<Bound<'py, PyAny>> = match texts.cast::<PyList>() {
        Ok(list) => list.iter().collect(),
        Err(_) => texts.try_iter()?.collect::<PyResult<_>>()?,
    };
    let mut strs: Vec<&str> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let s = item.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "parse_values(): item {i} is {}, not str ({:.60})",
                type_name(item),
                repr(item)
            ))
        })?;
        strs.push(s.to_str()?);
    }
    let years: Years = match years {
        None => Years::None,
        Some(y) if y.is_none() => Years::None,
        Some(y) => match y.extract::<u16>() {
            Ok(one) => Years::One(one),
            Err(_) => {
                let each: Vec<u16> = y
                    .cast::<PyArray1<u16>>()
                    .map_err(|_| {
                        PyTypeError::new_err(
                            "parse_values(): year is an int, or one int per text (0 for none)",
                        )
                    })?
                    .readonly()
                    .as_slice()
                    .map(<[u16]>::to_vec)
                    .map_err(|e| PyTypeError::new_err(e.to_string()))?;
                if each.len() != strs.len() {
                    return Err(PyTypeError::new_err(format!(
                        "parse_values(): {} years for {} texts",
                        each.len(),
                        strs.len()
                    )));
                }
                Years::Each(each)
            }
        },
    };
    let (cols, buffers) = py.detach(|| {
        let buffers = text_buffers.then(|| arrow_strings(&strs));
        (ValueColumns::parse_all_in(&strs, &years), buffers)
    });
    let d = columns_to_dict(py, cols)?;
    if let Some((data, offsets)) = buffers {
        d.set_item("text_data", data.into_pyarray(py))?;
        d.set_item("text_offsets", offsets.into_pyarray(py))?;
    }
    Ok(d)
}

/// The strings in Arrow's large-string layout: their bytes back to back, and `n + 1` offsets into them.
fn arrow_strings(strs: &[&str]) -> (Vec<u8>, Vec<i64>) {
    let mut data = Vec::with_capacity(strs.iter().map(|s| s.len()).sum());
    let mut offsets = Vec::with_capacity(strs.len() + 1);
    offsets.push(0i64);
    for s in strs {
        data.extend_from_slice(s.as_bytes());
        offsets.push(data.len() as i64);
    }
    (data, offsets)
}

fn repr(x: &Bound<'_, PyAny>) -> String {
    x.repr().map_or_else(|_| String::new(), |r| r.to_string())
}

pub(super) fn columns_to_dict(py: Python<'_>, c: ValueColumns) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("kind", c.kind.into_pyarray(py))?;
    d.set_item("op", c.op.into_pyarray(py))?;
    d.set_item("value", c.value.into_pyarray(py))?;
    d.set_item("low", c.low.into_pyarray(py))?;
    d.set_item("high", c.high.into_pyarray(py))?;
    d.set_item("unit", c.unit.codes.into_pyarray(py))?;
    d.set_item("unit_categories", c.unit.categories)?;
    d.set_item("date", c.date.into_pyarray(py))?;
    d.set_item("duration_s", c.duration_s.into_pyarray(py))?;
    d.set_item("level", c.level.into_pyarray(py))?;
    d.set_item("qual", c.qual.into_pyarray(py))?;
    d.set_item("per", c.per.into_pyarray(py))?;
    d.set_item("ref", c.reference.codes.into_pyarray(py))?;
    d.set_item("ref_categories", c.reference.categories)?;
    d.set_item("annotation", c.annotation.codes.into_pyarray(py))?;
    d.set_item("annotation_categories", c.annotation.categories)?;
    d.set_item("ocr_repaired", c.ocr_repaired.into_pyarray(py))?;
    Ok(d)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyValue>()?;
    m.add_function(wrap_pyfunction!(parse_value, m)?)?;
    m.add_function(wrap_pyfunction!(_parse_value_columns, m)?)?;
    // The category lists behind the code columns, in code order: one source of truth, the Rust enums.
    m.add("KINDS", Kind::ALL.map(Kind::as_str).to_vec())?;
    m.add("OPS", Op::ALL.map(Op::as_str).to_vec())?;
    m.add("LEVELS", Level::ALL.map(Level::as_str).to_vec())?;
    m.add("PERS", Per::ALL.map(Per::as_str).to_vec())?;
    m.add("QUALS", Qual::ALL.map(Qual::as_str).to_vec())?;
    Ok(())
}
