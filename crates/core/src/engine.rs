//! The search engine under [`crate::Matcher`]: exact normalizing search with
//! one pass of an Aho-Corasick automaton over the raw bytes.
//!
//! # The problem
//! SPEC §1.2 defines matches on the *folded* text N (every character folded
//! by [`crate::fold::fold_char`], ignorable ones removed), with spans mapped
//! back to the raw text T. Folding every document before searching would
//! cost a copy and a table look-up per character, and nearly all characters
//! of a real report fold to themselves.
//!
//! # The approach
//! The automaton holds the folded patterns plus one single-character
//! *watch pattern* for every character that folds to something else and
//! could matter: every ignorable character, and every traditional or
//! full-width character whose folded form occurs in some pattern. A watched
//! character never occurs inside a folded pattern, so adding the watch
//! patterns does not change which pattern matches the raw pass finds; it
//! only reports where the raw text differs from N.
//!
//! A watched character is *harmless* when no occurrence of any pattern in N
//! covers it (for an ignorable run: crosses it). That is decided by an
//! overlapping search over a small folded window around it (at most
//! `max_chars - 1` characters each side). Harmless ignorable runs are *cuts*:
//! no match in N or in T crosses them, so leftmost-longest matching over the
//! whole text is the concatenation of leftmost-longest matching over the
//! pieces between cuts. A piece whose watched characters are all harmless
//! has exactly the same matches in T as in N, so the raw pass's hits are
//! final. A piece that holds a harmful watched character (a phrase broken
//! by a line break, a traditional phrase) is folded and searched again; in
//! practice that is one paragraph here and there.
//!
//! Strict mode has no folding and no watch patterns: one raw pass.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::error::Error;
use crate::fold::{fold_char, is_ignorable, watched_chars};

/// Which automaton the matcher runs on. All give identical results (the
/// tests run every semantics case against each); they differ in speed and
/// memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Strategy {
    /// A DFA while the automaton stays small (at most
    /// [`Strategy::AUTO_DFA_LIMIT`] patterns, watch patterns included),
    /// else aho-corasick's own choice (an NFA).
    #[default]
    Auto,
    /// A full DFA: fastest search, most memory.
    Dfa,
    /// A contiguous NFA: compact and fast.
    ContiguousNfa,
    /// A noncontiguous NFA: slowest search, cheapest to build.
    NoncontiguousNfa,
}

impl Strategy {
    /// Every strategy, for tests and benchmarks.
    pub const ALL: [Strategy; 4] = [
        Strategy::Auto,
        Strategy::Dfa,
        Strategy::ContiguousNfa,
        Strategy::NoncontiguousNfa,
    ];

    /// Above this many patterns `Auto` stops forcing a DFA: the DFA's
    /// memory grows with states × alphabet classes, and at a few thousand
    /// patterns the NFA is as fast (measured in benches/count.rs).
    pub const AUTO_DFA_LIMIT: usize = 3_000;

    fn kind(self, patterns: usize) -> Option<AhoCorasickKind> {
        match self {
            Strategy::Auto if patterns <= Self::AUTO_DFA_LIMIT => Some(AhoCorasickKind::DFA),
            Strategy::Auto => None,
            Strategy::Dfa => Some(AhoCorasickKind::DFA),
            Strategy::ContiguousNfa => Some(AhoCorasickKind::ContiguousNFA),
            Strategy::NoncontiguousNfa => Some(AhoCorasickKind::NoncontiguousNFA),
        }
    }
}

/// A pattern occurrence in the raw text: byte span and pattern index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub pid: usize,
}

/// Automata over one set of patterns (phrases, or members).
#[derive(Debug)]
pub(crate) struct Engine {
    leftmost: AhoCorasick,
    overlapping: AhoCorasick,
    /// Pattern ids below this are real patterns; the rest are watch patterns.
    n_patterns: usize,
    /// For each watch pattern (id - n_patterns): is it an ignorable char?
    watch_is_ignorable: Vec<bool>,
    /// Length of the longest pattern, in chars.
    max_chars: usize,
    /// Every pair of adjacent chars inside some pattern, and every
    /// single-char pattern: an O(1) test that rejects almost every watched
    /// position before the window search.
    pairs: HashSet<(char, char)>,
    singles: HashSet<char>,
    normalize: bool,
}

impl Engine {
    /// `patterns` must be non-empty strings, already folded when
    /// `normalize` is set, without duplicates.
    pub fn new(patterns: &[String], normalize: bool, strategy: Strategy) -> Result<Engine, Error> {
        let mut all: Vec<String> = patterns.to_vec();
        let mut watch_is_ignorable = Vec::new();
        if normalize {
            let alphabet: HashSet<char> = patterns.iter().flat_map(|p| p.chars()).collect();
            for c in watched_chars(&alphabet) {
                all.push(c.to_string());
                watch_is_ignorable.push(is_ignorable(c));
            }
        }
        let build = |kind: MatchKind| {
            AhoCorasick::builder()
                .match_kind(kind)
                .kind(strategy.kind(all.len()))
                .build(&all)
                .map_err(|e| Error::Build(e.to_string()))
        };
        Ok(Engine {
            leftmost: build(MatchKind::LeftmostLongest)?,
            overlapping: build(MatchKind::Standard)?,
            n_patterns: patterns.len(),
            watch_is_ignorable,
            max_chars: patterns
                .iter()
                .map(|p| p.chars().count())
                .max()
                .unwrap_or(0),
            pairs: patterns
                .iter()
                .flat_map(|p| p.chars().zip(p.chars().skip(1)))
                .collect(),
            singles: patterns
                .iter()
                .filter(|p| p.chars().nth(1).is_none())
                .filter_map(|p| p.chars().next())
                .collect(),
            normalize,
        })
    }

    /// Calls `emit` for every match in `text`: leftmost-longest and
    /// non-overlapping in text order, or every occurrence (in no particular
    /// order) when `overlapping`.
    pub fn run<F: FnMut(Hit)>(&self, text: &str, overlapping: bool, emit: &mut F) {
        if !self.normalize {
            if overlapping {
                for m in self.overlapping.find_overlapping_iter(text) {
                    emit(hit(&m));
                }
            } else {
                for m in self.leftmost.find_iter(text) {
                    emit(hit(&m));
                }
            }
            return;
        }
        let mut stream = Stream {
            engine: self,
            text,
            overlapping,
            emit,
            pending: Vec::new(),
            piece_start: 0,
            piece_dirty: false,
            run: None,
            window: Vec::new(),
            folded: String::new(),
            map: Vec::new(),
        };
        if overlapping {
            for m in self.overlapping.find_overlapping_iter(text) {
                stream.feed(hit(&m));
            }
        } else {
            for m in self.leftmost.find_iter(text) {
                stream.feed(hit(&m));
            }
        }
        stream.finish();
    }
}

#[inline]
fn hit(m: &aho_corasick::Match) -> Hit {
    Hit {
        start: m.start(),
        end: m.end(),
        pid: m.pattern().as_usize(),
    }
}

/// The state of one normalizing search: hits of the current piece wait in
/// `pending` until the piece is known to be clean (emit them) or dirty
/// (search it again, folded).
struct Stream<'a, F> {
    engine: &'a Engine,
    text: &'a str,
    overlapping: bool,
    emit: &'a mut F,
    pending: Vec<Hit>,
    piece_start: usize,
    piece_dirty: bool,
    /// The ignorable run being read, not yet judged.
    run: Option<(usize, usize)>,
    // Scratch space, reused.
    window: Vec<char>,
    folded: String,
    /// For each char of `folded`: its offset there, and its span in `text`.
    map: Vec<(usize, usize, usize)>,
}

impl<F: FnMut(Hit)> Stream<'_, F> {
    fn feed(&mut self, h: Hit) {
        let e = self.engine;
        if h.pid < e.n_patterns {
            self.close_run();
            self.pending.push(h);
        } else if e.watch_is_ignorable[h.pid - e.n_patterns] {
            match self.run {
                Some((s, end)) if end == h.start => self.run = Some((s, h.end)),
                _ => {
                    self.close_run();
                    self.run = Some((h.start, h.end));
                }
            }
        } else {
            self.close_run();
            if !self.piece_dirty && self.is_covered(h.start, h.end) {
                self.piece_dirty = true;
            }
        }
    }

    fn finish(&mut self) {
        self.close_run();
        self.end_piece(self.text.len());
    }

    /// Judges the ignorable run just read: a cut, or part of a phrase.
    fn close_run(&mut self) {
        let Some((s, e)) = self.run.take() else {
            return;
        };
        if self.is_crossed(s, e) {
            self.piece_dirty = true;
        } else {
            self.end_piece(s);
            self.piece_start = e;
        }
    }

    fn end_piece(&mut self, end: usize) {
        if self.piece_dirty {
            self.pending.clear();
            self.search_folded(self.piece_start, end);
            self.piece_dirty = false;
        } else {
            for h in self.pending.drain(..) {
                (self.emit)(h);
            }
        }
    }

    /// Folds up to `max_chars - 1` non-ignorable chars before `before` into
    /// `self.window` (in order), then `mid` and up to `max_chars - 1` after
    /// `after`. Returns the window's indices where `mid` starts and ends.
    fn fill_window(&mut self, before: usize, mid: &str, after: usize) -> (usize, usize) {
        let reach = self.engine.max_chars.saturating_sub(1);
        self.window.clear();
        self.window.extend(
            self.text[..before]
                .chars()
                .rev()
                .filter_map(fold_char)
                .take(reach),
        );
        self.window.reverse();
        let j0 = self.window.len();
        self.window.extend(mid.chars().filter_map(fold_char));
        let j1 = self.window.len();
        self.window
            .extend(self.text[after..].chars().filter_map(fold_char).take(reach));
        (j0, j1)
    }

    /// Does some pattern occurrence in the folded text cross the ignorable
    /// run `s..e`?
    fn is_crossed(&mut self, s: usize, e: usize) -> bool {
        // An occurrence crossing the run holds the folded chars on either
        // side of it next to each other.
        let before = self.text[..s].chars().rev().find_map(fold_char);
        let after = self.text[e..].chars().find_map(fold_char);
        match (before, after) {
            (Some(b), Some(a)) if self.engine.pairs.contains(&(b, a)) => {}
            _ => return false,
        }
        let (j, _) = self.fill_window(s, "", e);
        self.window_has_match(|ms, me| ms < j && me > j)
    }

    /// Does some pattern occurrence in the folded text cover the watched
    /// (non-ignorable) char at `s..e`?
    fn is_covered(&mut self, s: usize, e: usize) -> bool {
        let text = self.text;
        // An occurrence covering the char is the char alone or pairs it
        // with a neighbour.
        let c = text[s..e].chars().find_map(fold_char);
        let before = text[..s].chars().rev().find_map(fold_char);
        let after = text[e..].chars().find_map(fold_char);
        let plausible = c.is_some_and(|c| {
            self.engine.singles.contains(&c)
                || before.is_some_and(|b| self.engine.pairs.contains(&(b, c)))
                || after.is_some_and(|a| self.engine.pairs.contains(&(c, a)))
        });
        if !plausible {
            return false;
        }
        let (j0, j1) = self.fill_window(s, &text[s..e], e);
        self.window_has_match(|ms, me| ms < j1 && me > j0)
    }

    /// Searches the window (overlapping) for an occurrence, in char
    /// indices, that satisfies `pred`.
    fn window_has_match(&mut self, pred: impl Fn(usize, usize) -> bool) -> bool {
        self.folded.clear();
        self.map.clear();
        for (i, &c) in self.window.iter().enumerate() {
            self.map.push((self.folded.len(), i, 0));
            self.folded.push(c);
        }
        let n = self.engine.n_patterns;
        for m in self.engine.overlapping.find_overlapping_iter(&self.folded) {
            if m.pattern().as_usize() >= n {
                continue;
            }
            let cs = self.map.partition_point(|x| x.0 < m.start());
            let ce = self.map.partition_point(|x| x.0 < m.end());
            if pred(cs, ce) {
                return true;
            }
        }
        false
    }

    /// Folds `text[a..b]` and searches it, emitting hits with raw spans.
    fn search_folded(&mut self, a: usize, b: usize) {
        self.folded.clear();
        self.map.clear();
        for (i, c) in self.text[a..b].char_indices() {
            if let Some(f) = fold_char(c) {
                let start = a + i;
                self.map
                    .push((self.folded.len(), start, start + c.len_utf8()));
                self.folded.push(f);
            }
        }
        let e = self.engine;
        let mut emit_folded = |m: aho_corasick::Match| {
            if m.pattern().as_usize() >= e.n_patterns {
                return;
            }
            let first = self.map.partition_point(|x| x.0 < m.start());
            let last = self.map.partition_point(|x| x.0 < m.end()) - 1;
            (self.emit)(Hit {
                start: self.map[first].1,
                end: self.map[last].2,
                pid: m.pattern().as_usize(),
            });
        };
        if self.overlapping {
            for m in e.overlapping.find_overlapping_iter(&self.folded) {
                emit_folded(m);
            }
        } else {
            for m in e.leftmost.find_iter(&self.folded) {
                emit_folded(m);
            }
        }
    }
}
