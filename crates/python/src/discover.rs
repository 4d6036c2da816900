//! `tifa.discover`: candidate formulations the lexicon lacks (numbered
//! formulas such as 三个务必, quoted phrases), ranked over many documents,
//! as `tifa discover` ranks them (tifa-core's `discover`).

use pyo3::prelude::*;
use pyo3::types::PyDict;
use tifa_core::discover::candidates;
use tifa_core::{Discovery, Lexicon, Matcher};

use crate::convert::Columns;
use crate::documents::for_each_document;
use crate::lexicon::PyLexicon;

/// The candidates of `docs` (str or records) seen at least `min_count`
/// times, by documents, then count: columns phrase, kind, count, docs,
/// example, doc — those of `tifa discover`.
#[pyfunction]
#[pyo3(signature = (docs, lexicon=None, min_count=2, top=None, threads=None, text_field=None))]
pub(crate) fn discover<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
    lexicon: Option<&PyLexicon>,
    min_count: u64,
    top: Option<usize>,
    threads: Option<usize>,
    text_field: Option<String>,
) -> PyResult<Bound<'py, PyDict>> {
    let lexicon = lexicon.map_or_else(Lexicon::builtin, |l| (*l.inner).clone());
    let matcher = Matcher::new(&lexicon).map_err(crate::error)?;
    let threads = crate::thread_count(threads);
    let mut discovery = Discovery::new();
    for_each_document(
        py,
        docs,
        text_field,
        threads,
        |d, _| candidates(&matcher, &d.text),
        |doc, found| {
            discovery.add(&doc.id, found);
            Ok(())
        },
    )?;
    let mut ranked = discovery.ranked(min_count);
    if let Some(n) = top {
        ranked.truncate(n);
    }
    let cols = Columns::new(py, &["phrase", "kind", "count", "docs", "example", "doc"]);
    for r in &ranked {
        cols.push(0, &r.phrase)?;
        cols.push(1, r.kind)?;
        cols.push(2, r.count)?;
        cols.push(3, r.docs)?;
        cols.push(4, &r.example)?;
        cols.push(5, &r.doc)?;
    }
    cols.into_dict()
}
