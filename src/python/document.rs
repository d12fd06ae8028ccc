//! `jixiao.Document`, the readers, and the columns behind `jixiao.indicators / tables / allocations`.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::error::{Error, Location};
use crate::model::Document;

pyo3::create_exception!(
    _jixiao,
    ReadError,
    PyValueError,
    "A file that cannot be read: empty, binary, in an unknown encoding, too large, or invalid JSON.\n\n无法读取的文件：空文件、二进制文件、未知编码、文件过大或 JSON 无效。"
);

pub(super) fn read_error(e: &Error) -> PyErr {
    ReadError::new_err((
        format!("{}\n{}", e.message_zh(), e),
        e.location.file.clone(),
        e.location.line,
    ))
}

/// The `file`, `line` and `page` keys of an unread row's or a warning's dict.
fn set_location(d: &Bound<'_, PyDict>, at: &Location) -> PyResult<()> {
    d.set_item("file", &at.file)?;
    d.set_item("line", at.line)?;
    d.set_item("page", at.page)
}

/// One document read into the model: its tables, allocation plans, warnings and unread rows.
///
/// 一个已读入模型的文件：表格、资金分配方案、警告以及未能读取的行。
#[pyclass(name = "Document", module = "jixiao", frozen)]
pub struct PyDocument {
    pub inner: Arc<Document>,
}

#[pymethods]
impl PyDocument {
    /// The file path, or ``<text>`` for text passed to ``read_text``.
    #[getter]
    fn source(&self) -> &str {
        &self.inner.source
    }

    /// The detected encoding (``utf-8``, ``gb18030``, ``utf-16le`` …), or None for text.
    #[getter]
    fn encoding(&self) -> Option<&str> {
        self.inner.encoding.as_deref()
    }

    /// The text layout recognised (``tab-rows`` or ``cell-per-line``).
    #[getter]
    fn layout(&self) -> Option<&str> {
        self.inner.layout.as_deref()
    }

    /// Number of goal and self-evaluation tables.
    #[getter]
    fn n_tables(&self) -> usize {
        self.inner.tables.len()
    }

    /// Number of indicator rows over all tables.
    #[getter]
    fn n_indicators(&self) -> usize {
        self.inner.tables.iter().map(|t| t.indicators.len()).sum()
    }

    /// Number of allocation plans.
    #[getter]
    fn n_allocations(&self) -> usize {
        self.inner.allocations.len()
    }

    /// Rows that looked like table content but could not be placed: dicts of ``line``, ``page`` (PDF), ``text``,
    /// ``reason``.
    #[getter]
    fn unread<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for u in &self.inner.unread {
            let d = PyDict::new(py);
            set_location(&d, &u.location)?;
            d.set_item("text", &u.text)?;
            d.set_item("reason", &u.reason)?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// What the reader noticed without stopping: dicts of ``line``, ``page`` (PDF), ``message_zh``, ``message_en``.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for w in &self.inner.warnings {
            let d = PyDict::new(py);
            set_location(&d, &w.location)?;
            d.set_item("message_zh", &w.message_zh)?;
            d.set_item("message_en", &w.message_en)?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// How the input's table rows were accounted for: ``table_rows == placed + unread``.
    #[getter]
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("table_rows", self.inner.rows.table_rows)?;
        d.set_item("placed", self.inner.rows.placed)?;
        d.set_item("unread", self.inner.rows.unread)?;
        Ok(d)
    }

    /// Share of the table rows read into the model (``placed / table_rows``), ``None`` without table rows.
    #[getter]
    fn coverage(&self) -> Option<f64> {
        self.inner.rows.coverage()
    }

    /// The whole model as JSON (lossless: ``Document.from_json(doc.to_json()) == doc``).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// A document from the JSON of ``to_json``. Raises ``ReadError`` on invalid JSON.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<PyDocument> {
        Document::from_json(json)
            .map(|d| PyDocument { inner: Arc::new(d) })
            .map_err(|e| {
                ReadError::new_err((
                    format!("JSON 文档无效：{e}\ninvalid document JSON: {e}"),
                    "<json>".to_owned(),
                    u32::try_from(e.line()).ok(),
                ))
            })
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyDocument>()
            .is_ok_and(|o| *o.get().inner == *self.inner)
    }

    /// One table as a view: its indicator tree with scores and findings (HTML in Jupyter, text in a shell).
    fn table<'py>(slf: &Bound<'py, Self>, index: usize) -> PyResult<Bound<'py, PyAny>> {
        slf.py()
            .import("jixiao.display")?
            .getattr("TableView")?
            .call1((slf, index))
    }

    /// The HTML Jupyter shows: tables with totals and findings, unread rows.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py()
            .import("jixiao.display")?
            .getattr("document_html")?
            .call1((slf,))?
            .extract()
    }

    fn __repr__(&self) -> String {
        format!(
            "Document({:?}: {} tables, {} indicators, {} allocations, {} unread)",
            self.inner.source,
            self.n_tables(),
            self.n_indicators(),
            self.n_allocations(),
            self.inner.unread.len()
        )
    }
}

/// Reads extracted text into a Document (never raises for odd content: what cannot be placed is in ``unread``).
#[pyfunction]
#[pyo3(signature = (text, source = "<text>"))]
fn read_text(py: Python<'_>, text: &str, source: &str) -> PyDocument {
    let doc = py.detach(|| crate::read::read_text(text, source));
    PyDocument {
        inner: Arc::new(doc),
    }
}

/// Reads files in parallel (GIL released), in chunks so that ``progress(done, total)`` can be called between
/// them. Returns, per path and in order, a Document or the ReadError it raised.
#[pyfunction]
#[pyo3(signature = (paths, progress = None))]
fn _read_paths<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    progress: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    let total = paths.len();
    let chunk = if progress.is_some() {
        (rayon::current_num_threads() * 4).max(1)
    } else {
        total.max(1)
    };
    let mut done = 0;
    for part in paths.chunks(chunk) {
        let results: Vec<Result<Document, Error>> = py.detach(|| crate::read::read_paths(part));
        for r in results {
            match r {
                Ok(doc) => out.append(Py::new(
                    py,
                    PyDocument {
                        inner: Arc::new(doc),
                    },
                )?)?,
                Err(e) => out.append(read_error(&e).into_value(py))?,
            }
        }
        done += part.len();
        if let Some(cb) = &progress {
            cb.call1((done, total))?;
        }
    }
    Ok(out)
}

/// One OCR'd page as Python passes it: number, width and height in points, the words
/// `(x0, top, x1, bottom, text, confidence)` and the ruling lines `(x0, top, x1, bottom)`, all in points.
type PyOcrPage = (
    u32,
    f32,
    f32,
    Vec<(f32, f32, f32, f32, String, f32)>,
    Vec<(f32, f32, f32, f32)>,
);

/// Reads pages that OCR read (``jixiao.ocr``): page images of an image file, or, with ``pdf`` (the file's bytes),
/// the image pages of a PDF, read in place of those pages while the others are read from the text layer.
/// Raises ``ReadError`` when nothing can be read.
#[pyfunction]
#[pyo3(signature = (source, pages, pdf = None))]
fn _read_ocr(
    py: Python<'_>,
    source: &str,
    pages: Vec<PyOcrPage>,
    pdf: Option<Vec<u8>>,
) -> PyResult<PyDocument> {
    use crate::read::ocr::{OcrPage, OcrWord};
    use crate::read::pdf::Rect;
    let rect = |x0, top, x1, bottom| Rect {
        x0,
        top,
        x1,
        bottom,
    };
    let pages: Vec<OcrPage> = pages
        .into_iter()
        .map(|(number, width, height, words, lines)| OcrPage {
            number,
            width,
            height,
            words: words
                .into_iter()
                .map(|(x0, top, x1, bottom, text, confidence)| OcrWord {
                    rect: rect(x0, top, x1, bottom),
                    text,
                    confidence,
                })
                .collect(),
            lines: lines
                .into_iter()
                .map(|(x0, top, x1, bottom)| rect(x0, top, x1, bottom))
                .collect(),
        })
        .collect();
    let doc = py.detach(|| match &pdf {
        Some(bytes) => crate::read::ocr::read_pdf_ocr(bytes, source, &pages),
        None => crate::read::ocr::read_ocr(&pages, source),
    });
    doc.map(|d| PyDocument { inner: Arc::new(d) })
        .map_err(|e| read_error(&e))
}

pub(super) fn documents<'py>(docs: &Bound<'py, PyAny>) -> PyResult<Vec<Arc<Document>>> {
    let mut out = Vec::new();
    for (i, item) in docs.try_iter()?.enumerate() {
        let item = item?;
        let d = item.cast::<PyDocument>().map_err(|_| {
            PyTypeError::new_err(format!(
                "item {i} is not a jixiao.Document (read files with jixiao.read first)"
            ))
        })?;
        out.push(d.get().inner.clone());
    }
    Ok(out)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDocument>()?;
    m.add("ReadError", m.py().get_type::<ReadError>())?;
    m.add_function(wrap_pyfunction!(read_text, m)?)?;
    m.add_function(wrap_pyfunction!(_read_paths, m)?)?;
    m.add_function(wrap_pyfunction!(_read_ocr, m)?)?;
    m.add("MAX_FILE_BYTES", crate::read::MAX_FILE_BYTES)?;
    m.add("MAX_CELL_CHARS", crate::read::grid::MAX_CELL_CHARS)?;
    Ok(())
}
