//! Streaming documents to parallel workers, results back in input order.
//!
//! A reader thread walks the inputs in order and turns them into numbered
//! tasks: a plain-text file is one task that a worker reads, decodes and
//! processes on its own (so reading and UTF-8 validation run in parallel
//! too); the records of a JSONL or CSV file are parsed in order by the
//! reader and become one task each. Workers take tasks from a bounded
//! queue, run `work`, and send back small results (no document text); the
//! calling thread puts them back in input order and hands them to the sink.
//!
//! There is no barrier between batches: a worker that finishes takes the
//! next task at once. Memory stays bounded: the queue holds at most
//! [`QUEUE`] tasks, and no worker starts a task more than [`WINDOW`] tasks
//! ahead of the last one handed to the sink. Output order never depends on
//! the thread count.

use std::collections::BTreeMap;
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::{Condvar, Mutex};

use tifa_core::meta::Metadata;

use crate::formats::{read_input, read_input_with, InputFormat, ReadOptions};
use crate::{Document, Event, Input, Notice};

/// Tasks waiting in the queue between the reader and the workers.
pub const QUEUE: usize = 64;
/// How far (in tasks) workers may run ahead of the sink.
pub const WINDOW: usize = 1024;

/// What the sink learns about a document (its text stays with the worker).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocInfo {
    /// The document's id.
    pub id: String,
    /// Its metadata.
    pub meta: Metadata,
    /// Length of its text in bytes (UTF-8).
    pub bytes: u64,
    /// Length of its text in chars (Unicode scalar values).
    pub chars: u64,
}

/// What the sink receives, in input order.
#[derive(Debug)]
pub enum Item<T> {
    /// A document and the worker's result for it.
    Document(DocInfo, T),
    /// A skipped document or remainder of a file.
    Skipped(Notice),
    /// A warning that did not cost a document.
    Warning(Notice),
}

enum Task {
    /// A plain-text file, read by the worker.
    TextFile(Input),
    /// Anything the reader produced itself.
    Event(Event),
}

/// Reads `inputs` in order, runs `work` on every document on `threads`
/// worker threads, and calls `sink` with every item in input order.
pub fn for_each_in_order<T, W, S>(
    inputs: &[Input],
    opts: &ReadOptions,
    threads: usize,
    work: W,
    mut sink: S,
) where
    T: Send,
    W: Fn(&Document) -> T + Sync,
    S: FnMut(Item<T>),
{
    let threads = threads.max(1);
    let (task_tx, task_rx) = sync_channel::<(usize, Task)>(QUEUE);
    let task_rx = Mutex::new(task_rx);
    let (result_tx, result_rx) = channel::<(usize, Vec<Item<T>>)>();
    // The index of the next task the sink needs; workers wait beyond it + WINDOW.
    let emitted = (Mutex::new(0usize), Condvar::new());
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut n = 0usize;
            for input in inputs {
                let text_file = matches!(input, Input::File(p)
                    if opts.format.or_else(|| InputFormat::from_path(p)).unwrap_or(InputFormat::Text) == InputFormat::Text);
                if text_file {
                    if task_tx.send((n, Task::TextFile(input.clone()))).is_err() {
                        return;
                    }
                    n += 1;
                    continue;
                }
                let mut open = true;
                read_input(input, opts, &mut |event| {
                    if open {
                        open = task_tx.send((n, Task::Event(event))).is_ok();
                        n += 1;
                    }
                });
                if !open {
                    return;
                }
            }
        });
        for _ in 0..threads {
            let result_tx = result_tx.clone();
            let (task_rx, emitted, work) = (&task_rx, &emitted, &work);
            scope.spawn(move || worker(task_rx, emitted, opts, threads, work, result_tx));
        }
        drop(result_tx);
        let mut pending: BTreeMap<usize, Vec<Item<T>>> = BTreeMap::new();
        let mut next = 0usize;
        for (i, items) in result_rx {
            pending.insert(i, items);
            while let Some(items) = pending.remove(&next) {
                items.into_iter().for_each(&mut sink);
                next += 1;
            }
            let (lock, cv) = &emitted;
            if let Ok(mut e) = lock.lock() {
                *e = next;
            }
            cv.notify_all();
        }
    });
}

fn worker<T, W: Fn(&Document) -> T>(
    tasks: &Mutex<Receiver<(usize, Task)>>,
    emitted: &(Mutex<usize>, Condvar),
    opts: &ReadOptions,
    threads: usize,
    work: &W,
    results: std::sync::mpsc::Sender<(usize, Vec<Item<T>>)>,
) {
    loop {
        let next = match tasks.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((i, task)) = next else { return };
        {
            let (lock, cv) = emitted;
            let Ok(mut e) = lock.lock() else { return };
            while i >= *e + WINDOW {
                e = match cv.wait(e) {
                    Ok(e) => e,
                    Err(_) => return,
                };
            }
        }
        let mut items = Vec::with_capacity(1);
        let mut handle = |event: Event| items.push(process(event, work, threads));
        match task {
            Task::Event(event) => handle(event),
            Task::TextFile(input) => read_input_with(&input, opts, threads, &mut handle),
        }
        if results.send((i, items)).is_err() {
            return;
        }
    }
}

fn process<T, W: Fn(&Document) -> T>(event: Event, work: &W, threads: usize) -> Item<T> {
    match event {
        Event::Document(d) => {
            let t = work(&d);
            let info = DocInfo {
                bytes: d.text.len() as u64,
                // One large file is the only task running: count on all.
                chars: crate::decode::count_chars(&d.text, threads) as u64,
                id: d.id,
                meta: d.meta,
            };
            Item::Document(info, t)
        }
        Event::Skipped(n) => Item::Skipped(n),
        Event::Warning(n) => Item::Warning(n),
    }
}
