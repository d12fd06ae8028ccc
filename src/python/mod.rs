//! The Python module `jixiao._jixiao`: the only place that touches pyo3 and numpy.

mod check;
mod document;
mod frames;
mod score;
mod value;

use pyo3::prelude::*;

/// Parallel work in a forked child would wait forever on the parent's rayon workers; `jixiao/__init__.py`
/// registers this with `os.register_at_fork`.
#[pyfunction]
fn _disable_parallelism_after_fork() {
    crate::parallel::disable();
}

#[pymodule]
#[pyo3(name = "_jixiao")]
fn jixiao_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(_disable_parallelism_after_fork, m)?)?;
    value::register(m)?;
    document::register(m)?;
    check::register(m)?;
    score::register(m)?;
    frames::register(m)?;
    Ok(())
}
