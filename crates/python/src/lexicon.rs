//! `tifa.Lexicon`: the built-in lexicon, the user's files merged over it
//! (`LexiconSources`, the rule of `--lexicon` / `--lexicon-only`), a file
//! alone, or entries given as Python values.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use tifa_core::{Entry, Lexicon, LexiconSources, DEFAULT_CATEGORY};

use crate::convert::record_to_py;

/// A lexicon of formulations (提法). `Lexicon()` is the built-in one;
/// `Lexicon(files=[...])` merges the files over it as `--lexicon` does (an
/// entry of a file replaces the built-in entry of the same phrase), and
/// `only=True` uses the files alone, as `--lexicon-only`.
#[pyclass(name = "Lexicon", module = "tifa", frozen)]
#[derive(Clone)]
pub(crate) struct PyLexicon {
    pub(crate) inner: Arc<Lexicon>,
}

#[pymethods]
impl PyLexicon {
    #[new]
    #[pyo3(signature = (files=None, only=false))]
    fn new(files: Option<Vec<PathBuf>>, only: bool) -> PyResult<Self> {
        let sources = LexiconSources {
            files: files.unwrap_or_default(),
            only,
        };
        Ok(PyLexicon {
            inner: Arc::new(sources.load().map_err(crate::error)?),
        })
    }

    /// The built-in lexicon.
    #[staticmethod]
    fn builtin() -> Self {
        PyLexicon {
            inner: Arc::new(Lexicon::builtin()),
        }
    }

    /// A lexicon file alone (.toml, .json, .csv, .tsv, or one phrase a line:
    /// every format the CLI reads). A bad file raises `TifaError` naming
    /// the file and line.
    #[staticmethod]
    fn from_file(path: PathBuf) -> PyResult<Self> {
        Ok(PyLexicon {
            inner: Arc::new(Lexicon::from_file(&path).map_err(crate::error)?),
        })
    }

    /// Entries given as phrases (category `custom`) or dicts with `phrase`
    /// and optionally `category`, `variants`, `members`, `note`.
    #[staticmethod]
    fn from_entries(entries: &Bound<'_, PyAny>) -> PyResult<Self> {
        let mut list = Vec::new();
        for (i, item) in entries.try_iter()?.enumerate() {
            list.push(entry_of(&item?, i)?);
        }
        Ok(PyLexicon {
            inner: Arc::new(Lexicon::from_entries(list, "<python>").map_err(crate::error)?),
        })
    }

    /// This lexicon with `other`'s entries merged over it (an entry of
    /// `other` replaces the one of the same phrase).
    fn merged(&self, other: &PyLexicon) -> PyResult<Self> {
        let mut lexicon = (*self.inner).clone();
        lexicon
            .merge((*other.inner).clone())
            .map_err(crate::error)?;
        Ok(PyLexicon {
            inner: Arc::new(lexicon),
        })
    }

    /// The entries, as dicts: phrase, category, and variants, members,
    /// note where the entry has them.
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for e in self.inner.entries() {
            list.append(record_to_py(py, e)?)?;
        }
        Ok(list)
    }

    /// The phrases of the lexicon close to `phrase` (a did-you-mean).
    #[pyo3(signature = (phrase, n=3))]
    fn nearest(&self, phrase: &str, n: usize) -> Vec<String> {
        self.inner
            .nearest(phrase, n)
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __contains__(&self, phrase: &str) -> bool {
        self.inner.find(phrase).is_some()
    }

    fn __repr__(&self) -> String {
        format!("<tifa.Lexicon: {} entries>", self.inner.len())
    }
}

/// An entry from a str or a dict.
fn entry_of(item: &Bound<'_, PyAny>, i: usize) -> PyResult<Entry> {
    if let Ok(s) = item.cast::<PyString>() {
        return Ok(Entry::new(s.to_cow()?.into_owned(), DEFAULT_CATEGORY));
    }
    let field = |name: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        match item.get_item(name) {
            Ok(v) if !v.is_none() => Ok(Some(v)),
            Ok(_) => Ok(None),
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyKeyError>(item.py()) => Ok(None),
            Err(e) => Err(e),
        }
    };
    let phrase: String = field("phrase")?
        .ok_or_else(|| crate::error(format!("entry {i}: no `phrase`")))?
        .extract()?;
    let category: String = match field("category")? {
        Some(c) => c.extract()?,
        None => DEFAULT_CATEGORY.to_string(),
    };
    let mut entry = Entry::new(phrase, category);
    if let Some(v) = field("variants")? {
        entry.variants = v.extract()?;
    }
    if let Some(m) = field("members")? {
        entry.members = m.extract()?;
    }
    if let Some(n) = field("note")? {
        entry.note = Some(n.extract()?);
    }
    Ok(entry)
}
