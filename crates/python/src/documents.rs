//! Documents from whatever Python iterable a user has — a list or generator
//! of str, a pandas/polars Series, a pyarrow array, dicts from
//! `tifa.read_corpus` or their own records — taken in batches: each batch
//! is copied out of Python with the GIL held, then worked on by every core
//! with the GIL released, so other Python threads run meanwhile.

use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyString};
use tifa_core::meta::{of_record, Metadata};
use tifa_corpus::TEXT_FIELDS;

use crate::convert::mapping_fields;

/// One document, owned by Rust.
pub(crate) struct Doc {
    /// Its `id` (or `doc`) field, else its position in the input, from 0.
    pub id: String,
    pub text: String,
    /// The record's fields and what tifa infers from the text
    /// (`meta::of_record`); for a bare str, only what is inferred.
    pub meta: Metadata,
}

/// A batch holds at most this many bytes of text (or one document).
const BATCH_BYTES: usize = 16 << 20;
/// … and at most this many documents.
const BATCH_DOCS: usize = 4096;

/// The documents of a Python iterable, a batch at a time.
struct Batches<'py> {
    items: Bound<'py, PyIterator>,
    position: usize,
    text_field: Option<String>,
}

impl<'py> Batches<'py> {
    fn new(items: &Bound<'py, PyAny>, text_field: Option<String>) -> PyResult<Self> {
        if items.is_instance_of::<PyString>() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "expected an iterable of texts or records, got one str: wrap it in a list",
            ));
        }
        Ok(Batches {
            items: items.try_iter()?,
            position: 0,
            text_field,
        })
    }

    /// The next batch; empty at the end.
    fn next_batch(&mut self) -> PyResult<Vec<Doc>> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while bytes < BATCH_BYTES && batch.len() < BATCH_DOCS {
            let Some(item) = self.items.next() else {
                break;
            };
            let doc = doc_of(&item?, self.position, self.text_field.as_deref())?;
            self.position += 1;
            bytes += doc.text.len();
            batch.push(doc);
        }
        Ok(batch)
    }
}

/// A str is a text; a mapping (a dict, a pandas row as dict) a record with
/// its text in `text_field`, or the first of text, content, full_text, body
/// (as the CLI reads JSONL); None (a missing value in a Series) is an
/// error naming its position, not an empty text.
fn doc_of(item: &Bound<'_, PyAny>, position: usize, text_field: Option<&str>) -> PyResult<Doc> {
    if let Ok(s) = item.cast::<PyString>() {
        let text = s.to_cow()?.into_owned();
        let id = position.to_string();
        let (meta, _) = of_record(std::iter::empty(), &text, &id);
        return Ok(Doc { id, text, meta });
    }
    if item.hasattr("keys")? {
        let fields: Vec<&str> = match text_field {
            Some(f) => vec![f],
            None => TEXT_FIELDS.to_vec(),
        };
        let mut text = None;
        for f in &fields {
            let Ok(v) = item.get_item(*f) else {
                continue;
            };
            if let Ok(s) = v.cast::<PyString>() {
                text = Some((f.to_string(), s.to_cow()?.into_owned()));
                break;
            }
        }
        let Some((field, text)) = text else {
            return Err(crate::error(format!(
                "record {position}: no text field (looked for {}); name it with text_field=",
                fields.join(", ")
            )));
        };
        let id = ["id", "doc"]
            .iter()
            .find_map(|k| item.get_item(*k).ok().filter(|v| !v.is_none()))
            .map(|v| v.str().and_then(|s| s.to_cow().map(|c| c.into_owned())))
            .transpose()?
            .unwrap_or_else(|| position.to_string());
        let record = mapping_fields(item, &[field.as_str()])?;
        let (meta, _) = of_record(&record, &text, &id);
        return Ok(Doc { id, text, meta });
    }
    let type_name = item.get_type().name()?.to_cow()?.into_owned();
    Err(crate::error(format!(
        "item {position}: expected a str or a record (dict), got {type_name}"
    )))
}

/// Runs `work` on every document of `docs` (see [`Batches`]), a batch at a
/// time on `threads` threads with the GIL released, and hands each document
/// and its result to `each` in input order, with the GIL held. `work` is
/// told whether its batch has fewer documents than threads (then one big
/// document may use them all).
pub(crate) fn for_each_document<T: Send>(
    py: Python<'_>,
    docs: &Bound<'_, PyAny>,
    text_field: Option<String>,
    threads: usize,
    work: impl Fn(&Doc, bool) -> T + Sync,
    mut each: impl FnMut(&Doc, T) -> PyResult<()>,
) -> PyResult<()> {
    let mut batches = Batches::new(docs, text_field)?;
    loop {
        let batch = batches.next_batch()?;
        if batch.is_empty() {
            return Ok(());
        }
        let few = batch.len() < threads;
        let results = py.detach(|| map_in_parallel(&batch, threads, |d| work(d, few)));
        for (doc, r) in batch.iter().zip(results) {
            each(doc, r)?;
        }
    }
}

/// Runs `work` on every document of `docs` on up to `threads` threads
/// (the calling thread included), results in input order.
fn map_in_parallel<T: Send>(
    docs: &[Doc],
    threads: usize,
    work: impl Fn(&Doc) -> T + Sync,
) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let workers = threads.min(docs.len()).max(1);
    let mut parts: Vec<Vec<(usize, T)>> = std::thread::scope(|s| {
        let run = || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(doc) = docs.get(i) else {
                    break;
                };
                done.push((i, work(doc)));
            }
            done
        };
        let handles: Vec<_> = (1..workers).map(|_| s.spawn(run)).collect();
        let mut parts = vec![run()];
        for h in handles {
            // A worker's panic is a bug; it is re-raised, not swallowed.
            parts.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        parts
    });
    let mut all: Vec<(usize, T)> = parts.drain(..).flatten().collect();
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, t)| t).collect()
}
