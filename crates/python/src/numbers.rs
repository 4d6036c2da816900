//! `tifa.numbers` and `tifa.numbers_many`: the numeric mentions of SPEC §2
//! (tifa-core's extractor), values exact as `decimal.Decimal`.

use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use tifa_core::{Lexicon, NumberExtractor, NumberKind, NumberMention};

use crate::convert::{decimal_class, value_to_py, Columns};
use crate::documents::for_each_document;
use crate::lexicon::PyLexicon;

/// The fields of a mention (SPEC §2.1), after `doc`: those of `tifa numbers`.
const FIELDS: [&str; 12] = NumberMention::FIELDS;

/// The extractor of `lexicon`, or of the built-in lexicon (built once).
fn extractor(lexicon: Option<&PyLexicon>) -> PyResult<std::borrow::Cow<'static, NumberExtractor>> {
    static BUILTIN: OnceLock<NumberExtractor> = OnceLock::new();
    match lexicon {
        Some(l) => Ok(std::borrow::Cow::Owned(
            NumberExtractor::new(&l.inner).map_err(crate::error)?,
        )),
        None => {
            if BUILTIN.get().is_none() {
                let built = NumberExtractor::new(&Lexicon::builtin()).map_err(crate::error)?;
                let _ = BUILTIN.set(built);
            }
            Ok(std::borrow::Cow::Borrowed(
                BUILTIN.get().expect("set above"),
            ))
        }
    }
}

/// The kinds asked for (None: every kind); an unknown kind is an error
/// listing the kinds.
fn kinds_of(kinds: Option<Vec<String>>) -> PyResult<Option<Vec<NumberKind>>> {
    let Some(names) = kinds else {
        return Ok(None);
    };
    names
        .iter()
        .map(|k| {
            NumberKind::from_name(k).ok_or_else(|| {
                crate::error(format!(
                    "unknown kind {k:?}: the kinds are cardinal, percent, money, ordinal, year, date, range"
                ))
            })
        })
        .collect::<PyResult<Vec<_>>>()
        .map(Some)
}

/// A mention's fields, in the order of [`FIELDS`], as Python values.
fn mention_values<'py>(
    decimal: &Bound<'py, PyAny>,
    m: &NumberMention,
) -> PyResult<[Bound<'py, PyAny>; 12]> {
    let py = decimal.py();
    let value = |v: &Option<tifa_core::NumberValue>| -> PyResult<Bound<'py, PyAny>> {
        match v {
            Some(v) => value_to_py(decimal, v),
            None => Ok(py.None().into_bound(py)),
        }
    };
    Ok([
        m.text.as_str().into_pyobject(py)?.into_any(),
        m.start.into_pyobject(py)?.into_any(),
        m.end.into_pyobject(py)?.into_any(),
        m.char_start.into_pyobject(py)?.into_any(),
        m.char_end.into_pyobject(py)?.into_any(),
        m.kind.as_str().into_pyobject(py)?.into_any(),
        value(&m.value)?,
        value(&m.value_high)?,
        m.unit.as_deref().into_pyobject(py)?.into_any(),
        m.approx.as_deref().into_pyobject(py)?.into_any(),
        m.placeholder.into_pyobject(py)?.to_owned().into_any(),
        m.subject.as_deref().into_pyobject(py)?.into_any(),
    ])
}

/// Every numeric mention of `text` (SPEC §2), in text order, as dicts with
/// the fields of `tifa numbers`: text, start, end (bytes of UTF-8),
/// char_start, char_end (characters: `text[char_start:char_end]` in
/// Python), kind, value and value_high (`decimal.Decimal`, exact; an ISO
/// date string for dates), unit, approx, placeholder, subject.
#[pyfunction]
#[pyo3(signature = (text, lexicon=None, kinds=None))]
pub(crate) fn numbers<'py>(
    py: Python<'py>,
    text: &str,
    lexicon: Option<&PyLexicon>,
    kinds: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyList>> {
    let ex = extractor(lexicon)?;
    let kinds = kinds_of(kinds)?;
    let mut found = py.detach(|| ex.extract(text));
    found.retain(|m| kinds.as_ref().is_none_or(|k| k.contains(&m.kind)));
    let decimal = decimal_class(py)?;
    let list = PyList::empty(py);
    for m in &found {
        let d = PyDict::new(py);
        for (name, v) in FIELDS.iter().zip(mention_values(&decimal, m)?) {
            d.set_item(name, v)?;
        }
        list.append(d)?;
    }
    Ok(list)
}

/// The mentions of many documents (str or records, as `count_table`
/// takes them) as columns: doc, then the fields of [`numbers`]. Extracted
/// on `threads` threads with the GIL released.
#[pyfunction]
#[pyo3(signature = (docs, lexicon=None, kinds=None, threads=None, text_field=None))]
pub(crate) fn numbers_many<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
    lexicon: Option<&PyLexicon>,
    kinds: Option<Vec<String>>,
    threads: Option<usize>,
    text_field: Option<String>,
) -> PyResult<Bound<'py, PyDict>> {
    let ex = extractor(lexicon)?;
    let kinds = kinds_of(kinds)?;
    let threads = crate::thread_count(threads);
    let decimal = decimal_class(py)?;
    let mut names = vec!["doc"];
    names.extend(FIELDS);
    let cols = Columns::new(py, &names);
    for_each_document(
        py,
        docs,
        text_field,
        threads,
        |doc, _| {
            let mut found = ex.extract(&doc.text);
            found.retain(|m| kinds.as_ref().is_none_or(|k| k.contains(&m.kind)));
            found
        },
        |doc, mentions| {
            for m in &mentions {
                cols.push(0, &doc.id)?;
                for (i, v) in mention_values(&decimal, m)?.into_iter().enumerate() {
                    cols.push(1 + i, v)?;
                }
            }
            Ok(())
        },
    )?;
    cols.into_dict()
}
