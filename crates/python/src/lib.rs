//! tifa for Python: the module `tifa._tifa`, wrapped by the pure-Python
//! package `tifa` (python/tifa/__init__.py), which only turns the columns
//! this module returns into pandas, polars or Arrow tables.
//!
//! Thin like the CLI and the server: every rule — the lexicon and its
//! sources, matching, the count table, number extraction, reading a corpus,
//! metadata of a record, the trend report — is tifa-core's, tifa-corpus's
//! or tifa-report's. What is here is the conversion between Python values
//! and those types, and the batching that lets `count_many` work on every
//! core with the GIL released (`documents.rs`).
//!
//! Errors are `tifa.TifaError` (a `ValueError`) with tifa's own messages;
//! a Rust panic would cross into Python as `pyo3_runtime.PanicException`,
//! and none is expected: the library does not panic on any input.

use pyo3::prelude::*;

mod convert;
mod corpus;
mod discover;
mod documents;
mod lexicon;
mod matcher;
mod numbers;
mod stats;
mod table;

pyo3::create_exception!(
    tifa,
    TifaError,
    pyo3::exceptions::PyValueError,
    "An error of tifa: a bad lexicon (naming its file and line), bad options, an unreadable input."
);

/// A tifa error as a Python exception, with tifa's message.
pub(crate) fn error(e: impl std::fmt::Display) -> PyErr {
    TifaError::new_err(e.to_string())
}

/// The worker threads of a call: `threads`, or one per core.
pub(crate) fn thread_count(threads: Option<usize>) -> usize {
    threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

/// Busy for `ms` milliseconds holding the GIL: the control of the test
/// that counting releases it (a Python thread makes no progress meanwhile).
#[pyfunction]
fn _hold_the_gil(ms: u64) {
    let until = std::time::Instant::now() + std::time::Duration::from_millis(ms);
    while std::time::Instant::now() < until {
        std::hint::spin_loop();
    }
}

#[pymodule]
fn _tifa(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("TifaError", m.py().get_type::<TifaError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<lexicon::PyLexicon>()?;
    m.add_class::<matcher::PyMatcher>()?;
    m.add_class::<table::PyCountTable>()?;
    m.add_class::<table::PyTrend>()?;
    m.add_class::<corpus::Corpus>()?;
    m.add_function(wrap_pyfunction!(numbers::numbers, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::numbers_many, m)?)?;
    m.add_function(wrap_pyfunction!(corpus::read_corpus, m)?)?;
    m.add_function(wrap_pyfunction!(discover::discover, m)?)?;
    m.add_function(wrap_pyfunction!(stats::keyness, m)?)?;
    m.add_function(wrap_pyfunction!(stats::collocates, m)?)?;
    m.add_function(wrap_pyfunction!(_hold_the_gil, m)?)?;
    Ok(())
}
