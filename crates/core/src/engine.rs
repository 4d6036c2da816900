//! The search engine under [`crate::Matcher`]: exact normalizing search
//! over the raw bytes. Why it is exact: [`crate::design`].

use std::collections::HashSet;

use rustc_hash::FxHashSet;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use daachorse::{
    CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind as DaacKind,
};

use crate::anchor::AnchorSieve;
use crate::bmp::BmpSet;
use crate::charscan::CharScanner;
use crate::error::Error;
use crate::fold::{fold_char, is_ignorable, watched_chars};
use crate::hit::Hit;
use crate::sieve::Sieve;
pub use crate::strategy::Strategy;

/// The automata of one strategy.
enum Search {
    /// aho-corasick, over the patterns and, when `watch_inside`, the watch
    /// patterns (pattern ids `n_patterns..`).
    Ac {
        leftmost: AhoCorasick,
        overlapping: AhoCorasick,
        watch_inside: bool,
    },
    /// daachorse, over the patterns alone.
    DoubleArray(Box<DoubleArray>),
    /// tifa's own finder for leftmost-longest searches, a plain
    /// automaton over the patterns for overlapping ones.
    Finder {
        finder: Finder,
        overlapping: AhoCorasick,
    },
}

/// tifa's own finders: leftmost-longest occurrences and watched
/// characters in one pass, in text order.
enum Finder {
    ShiftOr(Box<Sieve>),
    Anchored(Box<AnchorSieve>),
}

impl Finder {
    /// The finder of `strategy` (ShiftOr or Anchored) for `patterns`;
    /// `None` when it cannot take them. An anchored one that cannot (a
    /// pattern shorter than six bytes) falls back to the shift-or sieve.
    fn new(
        patterns: &[String],
        watch_chars: &[char],
        strategy: Strategy,
    ) -> Result<Option<Finder>, Error> {
        if strategy == Strategy::Anchored {
            if let Some(a) = AnchorSieve::new(patterns, watch_chars)? {
                return Ok(Some(Finder::Anchored(Box::new(a))));
            }
        }
        if matches!(strategy, Strategy::Anchored | Strategy::ShiftOr) {
            if let Some(s) = Sieve::new(patterns, watch_chars)? {
                return Ok(Some(Finder::ShiftOr(Box::new(s))));
            }
        }
        Ok(None)
    }

    fn find(
        &self,
        text: &str,
        watch: Option<&CharScanner>,
        n_patterns: usize,
        emit: &mut impl FnMut(Hit),
    ) {
        match self {
            Finder::ShiftOr(s) => s.find(text, watch, n_patterns, emit),
            Finder::Anchored(a) => a.find(text, watch, n_patterns, emit),
        }
    }
}

impl std::fmt::Debug for Finder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finder::ShiftOr(s) => s.fmt(f),
            Finder::Anchored(a) => a.fmt(f),
        }
    }
}

struct DoubleArray {
    leftmost: CharwiseDoubleArrayAhoCorasick<u32>,
    overlapping: CharwiseDoubleArrayAhoCorasick<u32>,
}

impl std::fmt::Debug for Search {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Search::Ac { leftmost, .. } => f.debug_tuple("Ac").field(leftmost).finish(),
            Search::DoubleArray(_) => f.write_str("DoubleArray"),
            Search::Finder { finder, .. } => finder.fmt(f),
        }
    }
}

/// Automata over one set of patterns (phrases, or members).
#[derive(Debug)]
pub(crate) struct Engine {
    search: Search,
    /// Pattern ids below this are real patterns; a watch hit has id
    /// `n_patterns + i` for the watched character `watch.chars()[i]`.
    n_patterns: usize,
    /// Finds the watched characters when they are not watch patterns of
    /// the automaton (`None` then, and in strict mode, which has none).
    watch: Option<CharScanner>,
    /// For each watched character: is it ignorable?
    watch_is_ignorable: Vec<bool>,
    /// Length of the longest pattern, in chars.
    max_chars: usize,
    /// Every pair of adjacent chars inside some pattern, and every
    /// single-char pattern: an O(1) test that rejects almost every watched
    /// position before the window search.
    pairs: FxHashSet<(char, char)>,
    singles: FxHashSet<char>,
    /// The first characters of `pairs`, one bit per BMP character (all
    /// set above the BMP): rejects a line break after 。 or ， without
    /// hashing, which is most of them.
    pair_firsts: BmpSet,
    normalize: bool,
}

impl Search {
    /// The automata of the strategy asked for (resolved for this many
    /// patterns); the sieve falls back to an automaton when it cannot take
    /// the patterns (a one-byte pattern).
    fn new(patterns: &[String], watch_chars: &[char], strategy: Strategy) -> Result<Search, Error> {
        let mut strategy = strategy.resolve(patterns.len());
        let mut finder = None;
        if matches!(strategy, Strategy::ShiftOr | Strategy::Anchored) {
            finder = Finder::new(patterns, watch_chars, strategy)?;
            if finder.is_none() {
                strategy = if patterns.len() <= Strategy::FALLBACK_DFA_LIMIT {
                    Strategy::Dfa
                } else {
                    Strategy::DoubleArray
                };
            }
        }
        let search = if let Some(finder) = finder {
            Search::Finder {
                finder,
                overlapping: AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(patterns)
                    .map_err(|e| Error::Build(e.to_string()))?,
            }
        } else if strategy == Strategy::DoubleArray {
            Search::DoubleArray(Box::new(DoubleArray::new(patterns)?))
        } else {
            let watch_inside = strategy != Strategy::Prefiltered && !watch_chars.is_empty();
            let mut all: Vec<String> = patterns.to_vec();
            if watch_inside {
                all.extend(watch_chars.iter().map(|c| c.to_string()));
            }
            let build = |kind: MatchKind| {
                AhoCorasick::builder()
                    .match_kind(kind)
                    .kind(Some(strategy.kind()))
                    .build(&all)
                    .map_err(|e| Error::Build(e.to_string()))
            };
            Search::Ac {
                leftmost: build(MatchKind::LeftmostLongest)?,
                overlapping: build(MatchKind::Standard)?,
                watch_inside,
            }
        };
        Ok(search)
    }
}

impl Engine {
    /// `patterns` must be non-empty strings, already folded when
    /// `normalize` is set, without duplicates.
    pub fn new(patterns: &[String], normalize: bool, strategy: Strategy) -> Result<Engine, Error> {
        let mut watch_chars = Vec::new();
        if normalize {
            let alphabet: HashSet<char> = patterns.iter().flat_map(|p| p.chars()).collect();
            watch_chars = watched_chars(&alphabet);
        }
        let watch_is_ignorable = watch_chars.iter().map(|&c| is_ignorable(c)).collect();
        let search = Search::new(patterns, &watch_chars, strategy)?;
        let watch = match &search {
            Search::Ac {
                watch_inside: true, ..
            } => None,
            _ if watch_chars.is_empty() => None,
            _ => Some(CharScanner::new(watch_chars)),
        };
        Ok(Engine {
            search,
            n_patterns: patterns.len(),
            watch,
            watch_is_ignorable,
            max_chars: patterns
                .iter()
                .map(|p| p.chars().count())
                .max()
                .unwrap_or(0),
            pair_firsts: patterns
                .iter()
                .flat_map(|p| p.chars().rev().skip(1))
                .collect(),
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

    /// Can `c` be the first of two adjacent pattern characters?
    #[inline]
    fn may_start_pair(&self, c: char) -> bool {
        c as u32 >= 0x10000 || self.pair_firsts.contains(c)
    }

    /// Calls `emit` for every match in `text`: leftmost-longest and
    /// non-overlapping in text order, or every occurrence (in no particular
    /// order) when `overlapping`.
    pub fn run<F: FnMut(Hit)>(&self, text: &str, overlapping: bool, emit: &mut F) {
        if !self.normalize {
            self.pattern_hits(text, overlapping, emit);
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
        self.raw_hits(text, overlapping, &mut |h| stream.feed(h));
        stream.finish();
    }

    /// Occurrences of the patterns in `text`: leftmost-longest in text
    /// order, or every occurrence (in no particular order).
    fn pattern_hits(&self, text: &str, overlapping: bool, emit: &mut impl FnMut(Hit)) {
        let n = self.n_patterns;
        match &self.search {
            Search::Ac {
                leftmost,
                overlapping: all,
                ..
            } => {
                // With watch patterns inside, only N is searched here, where
                // no watched char occurs: dropping their ids is exact.
                if overlapping {
                    all.find_overlapping_iter(text)
                        .map(|m| hit(&m))
                        .filter(|h| h.pid < n)
                        .for_each(emit);
                } else {
                    leftmost
                        .find_iter(text)
                        .map(|m| hit(&m))
                        .filter(|h| h.pid < n)
                        .for_each(emit);
                }
            }
            Search::Finder {
                finder,
                overlapping: all,
            } => {
                if overlapping {
                    all.find_overlapping_iter(text).for_each(|m| emit(hit(&m)));
                } else {
                    finder.find(text, None, n, emit);
                }
            }
            Search::DoubleArray(da) => {
                if overlapping {
                    da.overlapping
                        .find_overlapping_iter(text)
                        .for_each(|m| emit(daac_hit(&m)));
                } else {
                    da.leftmost
                        .leftmost_find_iter(text)
                        .for_each(|m| emit(daac_hit(&m)));
                }
            }
        }
    }

    /// The raw pass of a normalizing search: pattern occurrences in the raw
    /// text and watch hits, merged by start so that [`Stream`] can judge
    /// pieces (a watch hit never lies inside a raw pattern occurrence).
    fn raw_hits(&self, text: &str, overlapping: bool, emit: &mut impl FnMut(Hit)) {
        if let Search::Ac {
            leftmost,
            overlapping: all,
            watch_inside: true,
        } = &self.search
        {
            // One pass reports both, in the order Stream needs.
            if overlapping {
                all.find_overlapping_iter(text).for_each(|m| emit(hit(&m)));
            } else {
                leftmost.find_iter(text).for_each(|m| emit(hit(&m)));
            }
            return;
        }
        if let (Search::Finder { finder, .. }, false) = (&self.search, overlapping) {
            // One pass reports both, in text order.
            finder.find(text, self.watch.as_ref(), self.n_patterns, emit);
            return;
        }
        let mut watch: Vec<Hit> = Vec::new();
        if let Some(scanner) = &self.watch {
            scanner.scan(text, |start, i| {
                let c = scanner.chars()[i];
                watch.push(Hit {
                    start,
                    end: start + c.len_utf8(),
                    pid: self.n_patterns + i,
                });
            });
        }
        let mut watch = watch.into_iter().peekable();
        let mut merge = |h: Hit| {
            while let Some(w) = watch.next_if(|w| w.start < h.start) {
                emit(w);
            }
            emit(h);
        };
        if overlapping {
            // Overlapping hits come by end; a piece only needs every hit
            // that starts before a cut to come before it.
            let mut hits: Vec<Hit> = Vec::new();
            self.pattern_hits(text, true, &mut |h| hits.push(h));
            hits.sort_unstable_by_key(|h| (h.start, h.end));
            hits.into_iter().for_each(&mut merge);
        } else {
            self.pattern_hits(text, false, &mut merge);
        }
        watch.for_each(emit);
    }
}

impl DoubleArray {
    /// The automata of the double-array strategy.
    fn new(patterns: &[String]) -> Result<DoubleArray, Error> {
        let build = |kind: DaacKind| {
            CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(kind)
                .build::<_, _, u32>(patterns)
                .map_err(|e| Error::Build(e.to_string()))
        };
        Ok(DoubleArray {
            leftmost: build(DaacKind::LeftmostLongest)?,
            overlapping: build(DaacKind::Standard)?,
        })
    }
}

#[inline]
fn daac_hit(m: &daachorse::Match<u32>) -> Hit {
    Hit {
        start: m.start(),
        end: m.end(),
        pid: m.value() as usize,
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
        let Some(b) = self.text[..s].chars().rev().find_map(fold_char) else {
            return false;
        };
        if !self.engine.may_start_pair(b) {
            return false;
        }
        let after = self.text[e..].chars().find_map(fold_char);
        if !after.is_some_and(|a| self.engine.pairs.contains(&(b, a))) {
            return false;
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
        let mut found = false;
        let (folded, map) = (&self.folded, &self.map);
        self.engine.pattern_hits(folded, true, &mut |h: Hit| {
            let cs = map.partition_point(|x| x.0 < h.start);
            let ce = map.partition_point(|x| x.0 < h.end);
            found |= pred(cs, ce);
        });
        found
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
        let (folded, map, emit) = (&self.folded, &self.map, &mut self.emit);
        self.engine
            .pattern_hits(folded, self.overlapping, &mut |h: Hit| {
                let first = map.partition_point(|x| x.0 < h.start);
                let last = map.partition_point(|x| x.0 < h.end) - 1;
                emit(Hit {
                    start: map[first].1,
                    end: map[last].2,
                    pid: h.pid,
                });
            });
    }
}
