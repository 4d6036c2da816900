//! Putting what the scan finds back in text order, leftmost-longest.

use crate::hit::Hit;

/// Occurrences and watched characters waiting to be reported in order.
pub(super) struct Resolver {
    /// By start, the longest first (a watched character never shares a
    /// start with an occurrence: no pattern holds one).
    pending: Vec<Hit>,
    /// Leftmost-longest: no occurrence may start before this.
    next_free: usize,
    pub(super) n_patterns: usize,
}

impl Resolver {
    pub(super) fn new(n_patterns: usize) -> Resolver {
        Resolver {
            pending: Vec::new(),
            next_free: 0,
            n_patterns,
        }
    }

    /// Buffers `h` in order. Occurrences come nearly in order (their starts
    /// trail the scan by at most a few anchor offsets), so this moves
    /// few entries; a sort per flush cost a fifth of the scan on a lexicon
    /// of 5,000 n-grams. A watched character already buffered (two folded
    /// occurrences share it) is not buffered again.
    #[inline]
    pub(super) fn push(&mut self, h: Hit) {
        let key = |h: &Hit| (h.start, std::cmp::Reverse(h.end));
        let mut at = self.pending.len();
        while at > 0 && key(&self.pending[at - 1]) > key(&h) {
            at -= 1;
        }
        if at > 0 && self.pending[at - 1] == h {
            return;
        }
        self.pending.insert(at, h);
    }

    /// Reports, in text order, everything buffered that starts before
    /// `bound` (nothing found later can start before it): every watched
    /// character, and the occurrences a leftmost-longest search keeps. The
    /// greedy choice over *every* occurrence by start and length is exactly
    /// the automaton's leftmost-longest: the leftmost start, the longest
    /// there, then on from its end.
    pub(super) fn flush(&mut self, bound: usize, emit: &mut impl FnMut(Hit)) {
        if self.pending.is_empty() {
            return;
        }
        let ready = self.pending.partition_point(|h| h.start < bound);
        for h in self.pending.drain(..ready) {
            if h.pid >= self.n_patterns {
                emit(h);
            } else if h.start >= self.next_free {
                self.next_free = h.end;
                emit(h);
            }
        }
    }
}
