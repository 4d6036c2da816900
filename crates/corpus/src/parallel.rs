//! Streaming documents to parallel workers, results back in input order.
//!
//! One reader thread reads inputs in order and hands batches of events
//! (up to [`BATCH_BYTES`] of text, or [`BATCH_DOCS`] documents) through a
//! channel that holds at most two batches; the calling thread runs each
//! batch's documents on rayon's pool and passes the results to the sink in
//! input order. Memory is bounded by a few batches, whatever the corpus
//! size; output order never depends on the thread count.

use std::sync::mpsc::sync_channel;

use rayon::prelude::*;

use crate::formats::{read_input, ReadOptions};
use crate::{Document, Event, Input, Notice};

/// Text per batch, in bytes.
pub const BATCH_BYTES: usize = 8 << 20;
/// Documents per batch.
pub const BATCH_DOCS: usize = 1024;

/// What the sink receives, in input order.
#[derive(Debug)]
pub enum Item<T> {
    /// A document and the worker's result for it.
    Document(Document, T),
    /// A skipped document or remainder of a file.
    Skipped(Notice),
    /// A warning that did not cost a document.
    Warning(Notice),
}

/// Reads `inputs` in order, runs `work` on every document in parallel
/// (on the current rayon pool), and calls `sink` with every item in input
/// order.
pub fn for_each_in_order<T, W, S>(inputs: &[Input], opts: &ReadOptions, work: W, mut sink: S)
where
    T: Send,
    W: Fn(&Document) -> T + Sync,
    S: FnMut(Item<T>),
{
    let (tx, rx) = sync_channel::<Vec<Event>>(2);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch: Vec<Event> = Vec::new();
            let mut bytes = 0usize;
            let mut open = true;
            for input in inputs {
                read_input(input, opts, &mut |event| {
                    if let Event::Document(d) = &event {
                        bytes += d.text.len();
                    }
                    batch.push(event);
                    if open && (bytes >= BATCH_BYTES || batch.len() >= BATCH_DOCS) {
                        open = tx.send(std::mem::take(&mut batch)).is_ok();
                        bytes = 0;
                    }
                });
                if !open {
                    return;
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
        });
        for batch in rx {
            let results: Vec<Item<T>> = batch
                .into_par_iter()
                .map(|event| match event {
                    Event::Document(d) => {
                        let t = work(&d);
                        Item::Document(d, t)
                    }
                    Event::Skipped(n) => Item::Skipped(n),
                    Event::Warning(n) => Item::Warning(n),
                })
                .collect();
            for item in results {
                sink(item);
            }
        }
    });
}
