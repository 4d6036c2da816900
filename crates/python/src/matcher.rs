//! `tifa.Matcher`: SPEC §1 matching over a lexicon, on one text or on many
//! (`count_table`, every core, the GIL released while it counts).

use std::collections::HashSet;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use tifa_core::{kwic, scan, CountTable, EntryId, Lexicon, MatchOptions, Matcher};

use crate::convert::{record_to_py, Columns};
use crate::documents::for_each_document;
use crate::lexicon::PyLexicon;
use crate::table::PyCountTable;

/// A document this long is counted on every thread when the batch has
/// fewer documents than threads (one big file).
const BIG_DOCUMENT: usize = 1 << 20;

/// Finds the lexicon's phrases in text by the rules of SPEC §1: line
/// breaks and white space inside a phrase, traditional and full-width
/// forms, quotes, enumerated expansions; leftmost-longest, or every
/// occurrence with `overlapping=True`; no normalization with `strict=True`.
/// `phrases` are phrases to count that the lexicon may lack: they are added
/// for this matcher (category `custom`), and its count tables keep only
/// them, as `tifa count --phrases` does.
#[pyclass(name = "Matcher", module = "tifa", frozen)]
pub(crate) struct PyMatcher {
    pub(crate) matcher: Arc<Matcher>,
    /// The phrases asked for, when some were: the rows a table keeps.
    wanted: Option<HashSet<EntryId>>,
    /// The phrases added to the lexicon for them.
    added: Vec<String>,
}

impl PyMatcher {
    /// The entry a kwic asks for (None: every entry); a phrase the
    /// matcher's lexicon lacks is an error saying how to add it.
    fn entry_of(&self, phrase: Option<&str>) -> PyResult<Option<EntryId>> {
        let Some(p) = phrase else {
            return Ok(None);
        };
        self.matcher.lexicon().find(p).map(Some).ok_or_else(|| {
            crate::error(format!(
                "{p} is not in the matcher's lexicon: give it in Matcher(phrases=[...])"
            ))
        })
    }
}

#[pymethods]
impl PyMatcher {
    #[new]
    #[pyo3(signature = (lexicon=None, overlapping=false, strict=false, phrases=None))]
    fn new(
        lexicon: Option<&PyLexicon>,
        overlapping: bool,
        strict: bool,
        phrases: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let base = lexicon.map_or_else(Lexicon::builtin, |l| (*l.inner).clone());
        let phrases = phrases.unwrap_or_default();
        let adhoc = base.with_phrases(&phrases).map_err(crate::error)?;
        let options = MatchOptions {
            overlapping,
            strict,
        };
        let matcher = options.build(&adhoc.lexicon).map_err(crate::error)?;
        let wanted = (!adhoc.wanted.is_empty()).then(|| adhoc.wanted.iter().copied().collect());
        Ok(PyMatcher {
            matcher: Arc::new(matcher),
            wanted,
            added: adhoc.added,
        })
    }

    /// The lexicon matched (with any phrases added for this matcher).
    #[getter]
    fn lexicon(&self) -> PyLexicon {
        PyLexicon {
            inner: Arc::new(self.matcher.lexicon().clone()),
        }
    }

    /// The phrases that were not in the lexicon and were added as `custom`.
    #[getter]
    fn added(&self) -> Vec<String> {
        self.added.clone()
    }

    /// Occurrences in `text` per phrase: {phrase: count}, literal matches
    /// (enumerated expansions are counted apart: `expanded=True` adds them).
    #[pyo3(signature = (text, expanded=false))]
    fn count<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        expanded: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        let counts = py.detach(|| self.matcher.count(text));
        let lexicon = self.matcher.lexicon();
        let out = PyDict::new(py);
        for (id, literal, exp) in counts.iter() {
            let n = literal + if expanded { exp } else { 0 };
            if n > 0 {
                out.set_item(&lexicon.entry(id).phrase, n)?;
            }
        }
        Ok(out)
    }

    /// Every match in `text` as a dict with the fields of `tifa scan`: doc,
    /// phrase, category, variant, form, quoted, start, end (bytes of
    /// UTF-8), char_start, char_end (characters, as Python indexes str),
    /// line.
    #[pyo3(signature = (text, doc=""))]
    fn scan<'py>(&self, py: Python<'py>, text: &str, doc: &str) -> PyResult<Bound<'py, PyList>> {
        let records = py.detach(|| scan(&self.matcher, doc, text));
        let list = PyList::empty(py);
        for r in &records {
            list.append(record_to_py(py, r)?)?;
        }
        Ok(list)
    }

    /// Keyword in context: each match of `phrase` (any phrase when None),
    /// with `width` characters either side, as dicts (doc, left, match,
    /// right, start, char_start), as `tifa kwic` prints them.
    #[pyo3(signature = (text, phrase=None, width=20, doc=""))]
    fn kwic<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        phrase: Option<&str>,
        width: usize,
        doc: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let wanted = self.entry_of(phrase)?;
        let records = py.detach(|| {
            kwic(
                &self.matcher,
                doc,
                text,
                |m| wanted.is_none_or(|w| m.entry() == w),
                width,
            )
        });
        let list = PyList::empty(py);
        for r in &records {
            list.append(record_to_py(py, r)?)?;
        }
        Ok(list)
    }

    /// Keyword in context over many documents (str or records): columns
    /// doc, left, match, right, start, char_start.
    #[pyo3(signature = (docs, phrase=None, width=20, threads=None, text_field=None))]
    fn kwic_many<'py>(
        &self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        phrase: Option<&str>,
        width: usize,
        threads: Option<usize>,
        text_field: Option<String>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let wanted = self.entry_of(phrase)?;
        let threads = crate::thread_count(threads);
        let cols = Columns::new(
            py,
            &["doc", "left", "match", "right", "start", "char_start"],
        );
        let matcher = &*self.matcher;
        for_each_document(
            py,
            docs,
            text_field,
            threads,
            |d, _| {
                kwic(
                    matcher,
                    &d.id,
                    &d.text,
                    |m| wanted.is_none_or(|w| m.entry() == w),
                    width,
                )
            },
            |_, lines| {
                for r in &lines {
                    cols.push(0, &r.doc)?;
                    cols.push(1, &r.left)?;
                    cols.push(2, &r.matched)?;
                    cols.push(3, &r.right)?;
                    cols.push(4, r.start)?;
                    cols.push(5, r.char_start)?;
                }
                Ok(())
            },
        )?;
        cols.into_dict()
    }

    /// The count table (SPEC §4) of many documents grouped by the fields
    /// `by`: an iterable of str or of records (dicts with a text field and
    /// metadata, as `tifa.read_corpus` gives). Counted on `threads` threads
    /// (default: one per core) with the GIL released, in batches.
    #[pyo3(signature = (docs, by=None, threads=None, text_field=None))]
    fn count_table(
        &self,
        py: Python<'_>,
        docs: &Bound<'_, PyAny>,
        by: Option<Vec<String>>,
        threads: Option<usize>,
        text_field: Option<String>,
    ) -> PyResult<PyCountTable> {
        let by = by.unwrap_or_default();
        let threads = crate::thread_count(threads);
        let matcher = &*self.matcher;
        let mut table = CountTable::new(by.clone());
        for_each_document(
            py,
            docs,
            text_field,
            threads,
            |doc, few| {
                let counts = if few && doc.text.len() >= BIG_DOCUMENT {
                    matcher.count_parallel(&doc.text, threads)
                } else {
                    matcher.count(&doc.text)
                };
                (
                    counts,
                    tifa_corpus::decode::count_chars(&doc.text, 1) as u64,
                )
            },
            |doc, (counts, chars)| {
                let key = by
                    .iter()
                    .map(|f| tifa_core::meta::field_value(&doc.id, &doc.meta, f))
                    .collect();
                table.add(key, &counts, chars);
                Ok(())
            },
        )?;
        Ok(PyCountTable::new(
            table,
            self.matcher.lexicon().clone(),
            self.wanted.clone(),
        ))
    }

    fn __repr__(&self) -> String {
        format!(
            "<tifa.Matcher: {} entries, overlapping={}, strict={}>",
            self.matcher.lexicon().len(),
            if self.matcher.is_overlapping() {
                "True"
            } else {
                "False"
            },
            if self.matcher.is_strict() {
                "True"
            } else {
                "False"
            },
        )
    }
}
