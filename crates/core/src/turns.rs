//! Turns: which of a numbered sequence of jobs may start, so that the
//! threads working on them run at most a window ahead of the results
//! handed over in order.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};

/// Jobs numbered 0, 1, 2 … are worked on by several threads and their
/// results handed over in that order: job `i` may start once fewer than
/// `window` jobs stand between it and the next to hand over. What is held
/// at once stays bounded, and the job next to hand over never waits, so
/// the jobs always move on.
///
/// A thread that panics abandons the turns (through
/// [`Turns::abandon_on_panic`]): no thread waits any longer, so the panic
/// reaches the caller instead of a hang on a result that never comes.
/// Used by `tifa_core`'s pieces of one long text and `tifa_corpus`'s
/// documents.
#[derive(Debug)]
pub struct Turns {
    window: usize,
    /// How many results have been handed over.
    handed: Mutex<usize>,
    /// Signalled when `handed` grows, or the turns are abandoned.
    changed: Condvar,
    abandoned: AtomicBool,
}

impl Turns {
    /// Turns for jobs at most `window` (at least 1) ahead of the next to
    /// hand over.
    pub fn new(window: usize) -> Turns {
        Turns {
            window: window.max(1),
            handed: Mutex::new(0),
            changed: Condvar::new(),
            abandoned: AtomicBool::new(false),
        }
    }

    /// How far ahead jobs may run.
    pub fn window(&self) -> usize {
        self.window
    }

    /// Waits until job `i` may start; false when the turns were abandoned
    /// (the thread should stop).
    pub fn wait_for(&self, i: usize) -> bool {
        let mut handed = self.handed.lock().unwrap_or_else(|e| e.into_inner());
        while i >= handed.saturating_add(self.window) && !self.is_abandoned() {
            handed = self.changed.wait(handed).unwrap_or_else(|e| e.into_inner());
        }
        !self.is_abandoned()
    }

    /// `k` results have now been handed over.
    pub fn handed(&self, k: usize) {
        *self.handed.lock().unwrap_or_else(|e| e.into_inner()) = k;
        self.changed.notify_all();
    }

    /// Has a thread abandoned the turns?
    pub fn is_abandoned(&self) -> bool {
        self.abandoned.load(Ordering::Acquire)
    }

    /// No thread waits any longer.
    pub fn abandon(&self) {
        self.abandoned.store(true, Ordering::Release);
        // Taken so that no thread is between its check and its wait.
        drop(self.handed.lock().unwrap_or_else(|e| e.into_inner()));
        self.changed.notify_all();
    }

    /// A guard that abandons the turns if its thread unwinds: each thread
    /// taking part, the one handing results over included, holds one.
    pub fn abandon_on_panic(&self) -> AbandonOnPanic<'_> {
        AbandonOnPanic(self)
    }
}

/// See [`Turns::abandon_on_panic`].
#[derive(Debug)]
pub struct AbandonOnPanic<'a>(&'a Turns);

impl Drop for AbandonOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.abandon();
        }
    }
}
