//! `tifa.read_corpus`: the documents of files and folders, read by
//! tifa-corpus as the CLI reads them (formats, encodings, gzip, metadata
//! inference), one file at a time, as dicts.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use tifa_corpus::{find_inputs, read_input, Document, Event, Input, InputFormat, ReadOptions};

/// The documents of `paths` (files, or folders searched for .txt, .jsonl,
/// .ndjson, .csv, .tsv and their .gz), lazily, in the CLI's order: each a
/// dict with `id` (the path, `path#line` for a record, or the id field),
/// `text`, and the metadata fields (the record's own, then the inferred
/// year, region, title, date, then `meta`). A file or record that cannot
/// be read is skipped with a `RuntimeWarning` naming it; a path that does
/// not exist raises `TifaError`.
#[pyfunction]
#[pyo3(signature = (paths, text_field=None, id_field=None, meta=None, input_format=None, no_mmap=false))]
pub(crate) fn read_corpus(
    paths: &Bound<'_, PyAny>,
    text_field: Option<String>,
    id_field: Option<String>,
    meta: Option<HashMap<String, String>>,
    input_format: Option<String>,
    no_mmap: bool,
) -> PyResult<Corpus> {
    let paths: Vec<PathBuf> = match paths.extract::<PathBuf>() {
        Ok(p) => vec![p],
        Err(_) => paths.extract()?,
    };
    let format = match input_format {
        Some(name) => Some(InputFormat::from_name(&name).ok_or_else(|| {
            crate::error(format!(
                "unknown input_format {name:?}: the formats are txt, jsonl, csv, tsv"
            ))
        })?),
        None => None,
    };
    let found = find_inputs(&paths);
    if !found.errors.is_empty() {
        let errors: Vec<String> = found.errors.iter().map(ToString::to_string).collect();
        return Err(crate::error(errors.join("; ")));
    }
    let mut pending: VecDeque<Event> = found.warnings.into_iter().map(Event::Warning).collect();
    if !found.ignored.is_empty() {
        let first = found.ignored[0].display().to_string();
        pending.push_back(Event::Warning(tifa_corpus::Notice::new(
            &first,
            None,
            format!(
                "{} files passed over (not a corpus format), this one among them",
                found.ignored.len()
            ),
        )));
    }
    let mut meta: Vec<(String, String)> = meta.unwrap_or_default().into_iter().collect();
    meta.sort();
    Ok(Corpus {
        inputs: found.inputs.into(),
        opts: ReadOptions {
            format,
            text_field,
            id_field,
            meta,
            no_mmap,
        },
        pending,
    })
}

/// An iterator over a corpus's documents (see `read_corpus`).
#[pyclass(module = "tifa")]
pub(crate) struct Corpus {
    inputs: VecDeque<Input>,
    opts: ReadOptions,
    pending: VecDeque<Event>,
}

#[pymethods]
impl Corpus {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                match event {
                    Event::Document(doc) => return document_to_py(py, &doc).map(Some),
                    Event::Skipped(n) => warn(py, &format!("skipped {n}"))?,
                    Event::Warning(n) => warn(py, &n.to_string())?,
                }
                continue;
            }
            let Some(input) = self.inputs.pop_front() else {
                return Ok(None);
            };
            let (opts, pending) = (&self.opts, &mut self.pending);
            py.detach(|| read_input(&input, opts, &mut |e| pending.push_back(e)));
        }
    }
}

/// `{"id", "text", **meta}`.
fn document_to_py<'py>(py: Python<'py>, doc: &Document) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("id", &doc.id)?;
    d.set_item("text", doc.text.as_str())?;
    for (k, v) in doc.meta.iter() {
        if k != "id" && k != "text" {
            d.set_item(k, v)?;
        }
    }
    Ok(d)
}

fn warn(py: Python<'_>, message: &str) -> PyResult<()> {
    let category = py.get_type::<pyo3::exceptions::PyRuntimeWarning>();
    PyErr::warn(
        py,
        &category,
        &std::ffi::CString::new(format!("tifa: {message}")).unwrap_or_default(),
        1,
    )
}
