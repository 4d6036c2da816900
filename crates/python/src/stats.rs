//! `tifa.keyness` and `tifa.collocates`: the statistics of `tifa keyness`
//! and `tifa collocates` on documents from Python, by the same tifa-core
//! functions (`stats::compare::keyness_rows`, `stats::collocates`), as
//! columns.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::Serialize;
use tifa_core::stats::collocates::{
    CollocateCounts, CollocateOptions, Measure, Node, Unit, COLLOCATE_COLUMNS,
};
use tifa_core::stats::compare::{keyness_rows, Comparison, KeynessRow};
use tifa_core::{CountTable, Lexicon, MatchOptions};

use crate::convert::{json_to_py, Columns};
use crate::documents::for_each_document;
use crate::lexicon::PyLexicon;

/// The rows as columns named `names`, each cell as its record serializes.
fn columns_of<'py, T: Serialize>(
    py: Python<'py>,
    names: &[&str],
    rows: &[T],
) -> PyResult<Bound<'py, PyDict>> {
    let cols = Columns::new(py, names);
    for row in rows {
        let v = serde_json::to_value(row).map_err(crate::error)?;
        for (i, name) in names.iter().enumerate() {
            cols.push(i, json_to_py(py, &v[*name])?)?;
        }
    }
    cols.into_dict()
}

/// Keyness of each phrase between the documents whose `by` field has a
/// `target` value and the reference: the columns of `tifa keyness`.
#[pyfunction]
#[pyo3(signature = (docs, by, target, reference=None, phrases=None, yates=false, lexicon=None, overlapping=false, strict=false, threads=None, text_field=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn keyness<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
    by: String,
    target: Vec<String>,
    reference: Option<Vec<String>>,
    phrases: Option<Vec<String>>,
    yates: bool,
    lexicon: Option<&PyLexicon>,
    overlapping: bool,
    strict: bool,
    threads: Option<usize>,
    text_field: Option<String>,
) -> PyResult<Bound<'py, PyDict>> {
    let lexicon = lexicon.map_or_else(Lexicon::builtin, |l| (*l.inner).clone());
    let phrases = phrases.unwrap_or_default();
    let adhoc = lexicon.with_phrases(&phrases).map_err(crate::error)?;
    let matcher = MatchOptions {
        overlapping,
        strict,
    }
    .build(&adhoc.lexicon)
    .map_err(crate::error)?;
    let mut table = CountTable::new(vec![by.clone()]);
    for_each_document(
        py,
        docs,
        text_field,
        crate::thread_count(threads),
        |doc, _| {
            (
                matcher.count(&doc.text),
                tifa_corpus::decode::count_chars(&doc.text, 1) as u64,
            )
        },
        |doc, (counts, chars)| {
            let key = vec![tifa_core::meta::field_value(&doc.id, &doc.meta, &by)];
            table.add(key, &counts, chars);
            Ok(())
        },
    )?;
    let comparison = Comparison {
        field: by,
        target,
        reference: reference.unwrap_or_default(),
        entries: (!phrases.is_empty()).then(|| adhoc.wanted.iter().copied().collect()),
        yates,
    };
    // tifa-core names the CLI's flags (--target); here they are arguments.
    let rows = keyness_rows(&table, matcher.lexicon(), &comparison).map_err(|e| {
        crate::error(
            e.to_string()
                .replace("--target", "target")
                .replace("--reference", "reference"),
        )
    })?;
    let names = KeynessRow::columns(yates);
    columns_of(py, &names, &rows)
}

/// The collocates of `phrase` in `docs`: the columns of `tifa collocates`,
/// and the totals of the counting model (node_freq, window_words,
/// corpus_words) as a dict.
#[pyfunction]
#[pyo3(signature = (phrase, docs, window=5, chars=None, min_freq=2, min_co=2, sort="g2", top=None, lexicon=None, overlapping=false, strict=false, threads=None, text_field=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn collocates<'py>(
    py: Python<'py>,
    phrase: &str,
    docs: &Bound<'py, PyAny>,
    window: usize,
    chars: Option<usize>,
    min_freq: u64,
    min_co: u64,
    sort: &str,
    top: Option<usize>,
    lexicon: Option<&PyLexicon>,
    overlapping: bool,
    strict: bool,
    threads: Option<usize>,
    text_field: Option<String>,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyDict>)> {
    let sort = Measure::from_name(sort).ok_or_else(|| {
        let shown: String = sort.chars().take(40).collect();
        crate::error(format!("sort: unknown measure `{shown}`; use g2, mi or t"))
    })?;
    let opts = CollocateOptions {
        window,
        unit: chars.map_or(Unit::Words, Unit::Chars),
        min_freq,
        min_co,
        sort,
        top,
    };
    opts.check().map_err(crate::error)?;
    let lexicon = lexicon.map_or_else(Lexicon::builtin, |l| (*l.inner).clone());
    let options = MatchOptions {
        overlapping,
        strict,
    };
    let node = Node::new(&lexicon, options, phrase).map_err(crate::error)?;
    // Each document counted on a worker; the sum is `stats::collocates`'s.
    let mut total = CollocateCounts::default();
    for_each_document(
        py,
        docs,
        text_field,
        crate::thread_count(threads),
        |doc, _| CollocateCounts::of_document(&node.matcher, node.entry, &doc.text, &opts),
        |_, counts| {
            total.add(counts);
            Ok(())
        },
    )?;
    let canonical = &node.matcher.lexicon().entry(node.entry).phrase;
    let result = total.collocates(canonical, &opts);
    let totals = PyDict::new(py);
    totals.set_item("node", &result.node)?;
    totals.set_item("node_freq", result.node_freq)?;
    totals.set_item("window_words", result.window_words)?;
    totals.set_item("corpus_words", result.corpus_words)?;
    Ok((columns_of(py, COLLOCATE_COLUMNS, &result.rows)?, totals))
}
