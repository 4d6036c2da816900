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

use std::collections::{BTreeMap, BTreeSet};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use tifa_core::meta::Metadata;
use tifa_core::Turns;

use crate::formats::{read_input, read_input_with, InputFormat, ReadOptions};
use crate::{Document, Event, Input, Notice};

/// Tasks waiting in the queue between the reader and the workers.
pub const QUEUE: usize = 64;
/// How far (in tasks) workers may run ahead of the sink.
pub const WINDOW: usize = 1024;
/// Messages (parts, ends) on their way from the workers to the sink: a
/// worker whose parts the sink has not taken yet waits, so a document
/// printed more slowly than it is read is never held whole in the queue.
pub const IN_FLIGHT: usize = 32;

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

/// What the sink of [`for_each_part_in_order`] receives, in input order: a
/// document's `Begin`, then the results its work emitted, in the order
/// emitted.
#[derive(Debug)]
pub enum Part<T> {
    /// A document starts: the results that follow are its own.
    Begin(DocInfo),
    /// One result of the current document.
    Result(T),
    /// A skipped document or remainder of a file.
    Skipped(Notice),
    /// A warning that did not cost a document.
    Warning(Notice),
}

/// A worker's message about task `i`: a part, or the task's end.
enum Message<T> {
    Part(Part<T>),
    End,
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
    let mut current: Option<DocInfo> = None;
    let work = |d: &Document, emit: &mut dyn FnMut(T)| emit(work(d));
    for_each_part_in_order(inputs, opts, threads, work, |part| match part {
        Part::Begin(info) => current = Some(info),
        Part::Result(t) => {
            if let Some(info) = current.take() {
                sink(Item::Document(info, t));
            }
        }
        Part::Skipped(n) => sink(Item::Skipped(n)),
        Part::Warning(n) => sink(Item::Warning(n)),
    });
}

/// As [`for_each_in_order`], but a document's work emits its results in
/// parts as it goes (`emit`), and each part reaches the sink as soon as the
/// documents before it are done: the results of a long document are
/// printed piece by piece, never all held at once.
pub fn for_each_part_in_order<T, W, S>(
    inputs: &[Input],
    opts: &ReadOptions,
    threads: usize,
    work: W,
    mut sink: S,
) where
    T: Send,
    W: Fn(&Document, &mut dyn FnMut(T)) + Sync,
    S: FnMut(Part<T>),
{
    let threads = threads.max(1);
    let (task_tx, task_rx) = sync_channel::<(usize, Task)>(QUEUE);
    // Shared by the workers alone: when the last one stops (the work
    // abandoned after a panic), the queue closes and the reader stops too.
    let task_rx = Arc::new(Mutex::new(task_rx));
    let (result_tx, result_rx) = sync_channel::<(usize, Message<T>)>(IN_FLIGHT);
    // Workers start no task more than WINDOW ahead of the one the sink needs.
    let turns = Turns::new(WINDOW);
    std::thread::scope(|scope| {
        scope.spawn(move || read_tasks(inputs, opts, task_tx));
        for _ in 0..threads {
            let (result_tx, task_rx) = (result_tx.clone(), Arc::clone(&task_rx));
            let (turns, work) = (&turns, &work);
            scope.spawn(move || worker(&task_rx, turns, opts, threads, work, result_tx));
        }
        drop((result_tx, task_rx));
        let _guard = turns.abandon_on_panic();
        let mut order = InOrder::default();
        for (i, message) in result_rx {
            let before = order.next;
            order.take(i, message, &mut sink);
            if order.next != before {
                turns.handed(order.next);
            }
        }
    });
}

/// Puts the workers' messages back in task order: the parts of the task
/// the sink needs go through at once; those of later tasks wait.
struct InOrder<T> {
    /// The task the sink needs next.
    next: usize,
    /// Parts of later tasks, in the order they came.
    waiting: BTreeMap<usize, Vec<Part<T>>>,
    /// Later tasks that have ended.
    ended: BTreeSet<usize>,
}

impl<T> Default for InOrder<T> {
    fn default() -> Self {
        InOrder {
            next: 0,
            waiting: BTreeMap::new(),
            ended: BTreeSet::new(),
        }
    }
}

impl<T> InOrder<T> {
    /// One message about task `i`. A task's messages come in the order its
    /// worker sent them (one worker a task, one channel).
    fn take(&mut self, i: usize, message: Message<T>, sink: &mut impl FnMut(Part<T>)) {
        if i != self.next {
            match message {
                Message::Part(p) => self.waiting.entry(i).or_default().push(p),
                Message::End => {
                    self.ended.insert(i);
                }
            }
            return;
        }
        match message {
            Message::Part(p) => sink(p),
            Message::End => {
                self.next += 1;
                // The tasks that waited: their parts, and on past those
                // that have ended.
                loop {
                    if let Some(parts) = self.waiting.remove(&self.next) {
                        parts.into_iter().for_each(&mut *sink);
                    }
                    if !self.ended.remove(&self.next) {
                        break;
                    }
                    self.next += 1;
                }
            }
        }
    }
}

/// The reader: walks the inputs in order and numbers the tasks.
fn read_tasks(inputs: &[Input], opts: &ReadOptions, task_tx: SyncSender<(usize, Task)>) {
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
}

fn worker<T, W: Fn(&Document, &mut dyn FnMut(T))>(
    tasks: &Mutex<Receiver<(usize, Task)>>,
    turns: &Turns,
    opts: &ReadOptions,
    threads: usize,
    work: &W,
    results: SyncSender<(usize, Message<T>)>,
) {
    let _guard = turns.abandon_on_panic();
    loop {
        let next = match tasks.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((i, task)) = next else { return };
        if !turns.wait_for(i) {
            return;
        }
        // A closed channel (the sink has gone) ends the work quietly.
        let mut open = true;
        let mut send = |part: Part<T>| {
            if open {
                open = results.send((i, Message::Part(part))).is_ok();
            }
        };
        let mut handle = |event: Event| process(event, work, threads, &mut send);
        match task {
            Task::Event(event) => handle(event),
            Task::TextFile(input) => read_input_with(&input, opts, threads, &mut handle),
        }
        if results.send((i, Message::End)).is_err() {
            return;
        }
    }
}

fn process<T, W: Fn(&Document, &mut dyn FnMut(T))>(
    event: Event,
    work: &W,
    threads: usize,
    send: &mut impl FnMut(Part<T>),
) {
    match event {
        Event::Document(d) => {
            send(Part::Begin(DocInfo {
                bytes: d.text.len() as u64,
                // One large file is the only task running: count on all.
                chars: crate::decode::count_chars(&d.text, threads) as u64,
                id: d.id.clone(),
                meta: d.meta.clone(),
            }));
            work(&d, &mut |t| send(Part::Result(t)));
        }
        Event::Skipped(n) => send(Part::Skipped(n)),
        Event::Warning(n) => send(Part::Warning(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the sink saw, as (task, part) labels.
    fn labels(parts: Vec<Part<(usize, usize)>>) -> Vec<(usize, usize)> {
        parts
            .into_iter()
            .filter_map(|p| match p {
                Part::Result(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn parts_come_out_in_task_order_whatever_order_they_came_in() {
        // Three tasks of three parts; each task's messages keep their own
        // order (one worker a task), the tasks are interleaved every way.
        let tasks: Vec<Vec<Message<(usize, usize)>>> = (0..3)
            .map(|t| {
                let mut m: Vec<_> = (0..3)
                    .map(|k| Message::Part(Part::Result((t, k))))
                    .collect();
                m.push(Message::End);
                m
            })
            .collect();
        let expected: Vec<(usize, usize)> =
            (0..3).flat_map(|t| (0..3).map(move |k| (t, k))).collect();
        // 729 interleavings, each picked by a seed: at each step the next
        // message of a task the seed names (or of the next with one left).
        for seed in 0..729u32 {
            let mut queues: Vec<std::collections::VecDeque<_>> = tasks
                .iter()
                .map(|t| {
                    t.iter()
                        .map(|m| match m {
                            Message::Part(Part::Result(x)) => Message::Part(Part::Result(*x)),
                            _ => Message::End,
                        })
                        .collect()
                })
                .collect();
            let (mut order, mut seen, mut s) = (InOrder::default(), Vec::new(), seed);
            while queues.iter().any(|q| !q.is_empty()) {
                let mut t = (s % 3) as usize;
                s = s / 3 + 7;
                while queues[t].is_empty() {
                    t = (t + 1) % 3;
                }
                let message = queues[t].pop_front().unwrap();
                order.take(t, message, &mut |p| seen.push(p));
            }
            assert_eq!(labels(seen), expected, "seed {seed}");
            assert_eq!(order.next, 3);
        }
    }

    #[test]
    fn a_document_in_parts_on_two_threads_keeps_the_input_order() {
        let dir = std::env::temp_dir().join(format!("tifa-parts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let inputs: Vec<Input> = (0..40)
            .map(|i| {
                let path = dir.join(format!("d{i:02}.txt"));
                // A document of i + 1 lines: as many parts.
                let text: String = (0..=i).map(|k| format!("{i}-{k}\n")).collect();
                std::fs::write(&path, text).unwrap();
                Input::File(path)
            })
            .collect();
        let mut seen: Vec<String> = Vec::new();
        let work = |d: &Document, emit: &mut dyn FnMut(String)| {
            d.text.lines().for_each(|l| emit(l.to_string()));
        };
        for_each_part_in_order(&inputs, &ReadOptions::default(), 2, work, |p| match p {
            Part::Begin(info) => seen.push(format!("begin {}", info.bytes)),
            Part::Result(line) => seen.push(line),
            Part::Skipped(n) | Part::Warning(n) => panic!("{n:?}"),
        });
        let expected: Vec<String> = (0..40)
            .flat_map(|i: usize| {
                let text: String = (0..=i).map(|k| format!("{i}-{k}\n")).collect();
                std::iter::once(format!("begin {}", text.len()))
                    .chain((0..=i).map(move |k| format!("{i}-{k}")))
            })
            .collect();
        assert_eq!(seen, expected);
        // The one-part form: one item a document, with its info, in order.
        let mut items: Vec<(u64, usize)> = Vec::new();
        let lines = |d: &Document| d.text.lines().count();
        for_each_in_order(
            &inputs,
            &ReadOptions::default(),
            2,
            lines,
            |item| match item {
                Item::Document(info, n) => items.push((info.bytes, n)),
                Item::Skipped(n) | Item::Warning(n) => panic!("{n:?}"),
            },
        );
        let expected: Vec<(u64, usize)> = (0..40)
            .map(|i: usize| {
                let text: String = (0..=i).map(|k| format!("{i}-{k}\n")).collect();
                (text.len() as u64, i + 1)
            })
            .collect();
        assert_eq!(items, expected);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A panic in the work of one document, or in the sink, ends the run
    /// with that panic: the workers that ran a window ahead of the lost
    /// document do not wait for it forever, nor does the reader.
    #[test]
    fn a_panic_in_the_work_or_the_sink_ends_the_run() {
        let dir = std::env::temp_dir().join(format!("tifa-panics-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("many.jsonl");
        // More records than the window: a worker runs ahead and then waits.
        let lines: String = (0..WINDOW + 300)
            .map(|i| format!("{{\"text\":\"文{i}\"}}\n"))
            .collect();
        std::fs::write(&path, lines).unwrap();
        let inputs = vec![Input::File(path)];
        let opts = ReadOptions::default();
        for threads in [2, 3] {
            let run = |panic_in_work: bool| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let mut seen = 0;
                    let work = |d: &Document, emit: &mut dyn FnMut(usize)| {
                        assert!(!(panic_in_work && &*d.text == "文0"), "work panics");
                        emit(1);
                    };
                    for_each_part_in_order(&inputs, &opts, threads, work, |_| {
                        seen += 1;
                        assert!(panic_in_work || seen < 10, "sink panics");
                    });
                }))
            };
            assert!(run(true).is_err());
            assert!(run(false).is_err());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
