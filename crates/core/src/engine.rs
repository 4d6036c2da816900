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
use daachorse::{
    CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind as DaacKind,
};

use crate::error::Error;
use crate::fold::{fold_char, is_ignorable, raw_forms, watched_chars};

/// Which automaton the matcher runs on. All give identical results (the
/// tests run every semantics case against each); they differ in speed and
/// memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Strategy {
    /// A DFA while the automaton stays small (at most
    /// [`Strategy::AUTO_DFA_LIMIT`] patterns, watch patterns included),
    /// else [`Strategy::DoubleArray`] (measured by `scripts/compare.py`:
    /// at 5,000 phrases 179 MB/s against 137 for aho-corasick's own choice,
    /// at 50,000 177 against 90).
    #[default]
    Auto,
    /// A full DFA: fastest search, most memory.
    Dfa,
    /// A contiguous NFA: compact and fast.
    ContiguousNfa,
    /// A noncontiguous NFA: slowest search, cheapest to build.
    NoncontiguousNfa,
    /// daachorse's character-wise double-array automaton with its 2-gram
    /// prefilter, over the phrases alone; watched characters are found
    /// apart (ASCII white space by `memchr`, the others by a second
    /// automaton of *trigger* pairs, see [`Engine`]). Fastest on lexicons
    /// whose phrases are rare in the text.
    DoubleArray,
}

impl Strategy {
    /// Every strategy, for tests and benchmarks.
    pub const ALL: [Strategy; 5] = [
        Strategy::Auto,
        Strategy::Dfa,
        Strategy::ContiguousNfa,
        Strategy::NoncontiguousNfa,
        Strategy::DoubleArray,
    ];

    /// Above this many patterns `Auto` stops forcing a DFA: the DFA's
    /// memory grows with states × alphabet classes, and at a few thousand
    /// patterns the NFA is as fast (measured in benches/count.rs).
    pub const AUTO_DFA_LIMIT: usize = 3_000;

    fn kind(self) -> Option<AhoCorasickKind> {
        match self {
            // Auto reaches aho-corasick only up to AUTO_DFA_LIMIT patterns.
            Strategy::Auto | Strategy::Dfa => Some(AhoCorasickKind::DFA),
            Strategy::DoubleArray => None,
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

/// The automata of one strategy.
enum Search {
    /// aho-corasick over the patterns and the watch patterns: one pass
    /// reports both.
    Ac {
        leftmost: AhoCorasick,
        overlapping: AhoCorasick,
    },
    /// daachorse over the patterns alone; watched characters are found by
    /// [`Engine::watch_hits`].
    DoubleArray(Box<DoubleArray>),
}

struct DoubleArray {
    leftmost: CharwiseDoubleArrayAhoCorasick<u32>,
    overlapping: CharwiseDoubleArrayAhoCorasick<u32>,
    /// Raw character pairs (and single characters) that can put a watched
    /// non-ASCII character inside an occurrence in N; `None` in strict mode
    /// or when there are none.
    triggers: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// The non-ASCII ignorable characters (none in strict mode). They
    /// never overlap one another, so a leftmost search finds them all; and
    /// aho-corasick's SIMD prefilter runs at several GB/s over them.
    ignorables: Option<AhoCorasick>,
}

impl std::fmt::Debug for Search {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Search::Ac { leftmost, .. } => f.debug_tuple("Ac").field(leftmost).finish(),
            Search::DoubleArray(_) => f.write_str("DoubleArray"),
        }
    }
}

/// Automata over one set of patterns (phrases, or members).
#[derive(Debug)]
pub(crate) struct Engine {
    search: Search,
    /// Pattern ids below this are real patterns; the rest are watch patterns.
    n_patterns: usize,
    /// The watched characters, sorted; watch pattern `n_patterns + i` is
    /// `watch_chars[i]`.
    watch_chars: Vec<char>,
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
        let mut watch_chars = Vec::new();
        if normalize {
            let alphabet: HashSet<char> = patterns.iter().flat_map(|p| p.chars()).collect();
            watch_chars = watched_chars(&alphabet);
        }
        let watch_is_ignorable = watch_chars.iter().map(|&c| is_ignorable(c)).collect();
        let watched = watch_chars.len();
        let search = if strategy == Strategy::DoubleArray
            || (strategy == Strategy::Auto && patterns.len() + watched > Strategy::AUTO_DFA_LIMIT)
        {
            Search::DoubleArray(Box::new(DoubleArray::new(patterns, normalize)?))
        } else {
            let mut all: Vec<String> = patterns.to_vec();
            all.extend(watch_chars.iter().map(|c| c.to_string()));
            let build = |kind: MatchKind| {
                AhoCorasick::builder()
                    .match_kind(kind)
                    .kind(strategy.kind())
                    .build(&all)
                    .map_err(|e| Error::Build(e.to_string()))
            };
            Search::Ac {
                leftmost: build(MatchKind::LeftmostLongest)?,
                overlapping: build(MatchKind::Standard)?,
            }
        };
        Ok(Engine {
            search,
            n_patterns: patterns.len(),
            watch_chars,
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

    /// Occurrences of the patterns alone (no watch hits) in `text`:
    /// leftmost-longest in text order, or every occurrence.
    fn pattern_hits(&self, text: &str, overlapping: bool, emit: &mut impl FnMut(Hit)) {
        let n = self.n_patterns;
        match &self.search {
            Search::Ac {
                leftmost,
                overlapping: all,
            } => {
                if overlapping {
                    all.find_overlapping_iter(text)
                        .map(|m| hit(&m))
                        .filter(|h| h.pid < n)
                        .for_each(emit);
                } else {
                    // In N (the only text searched here with watch patterns
                    // present) no watched char occurs, so filtering is exact.
                    leftmost
                        .find_iter(text)
                        .map(|m| hit(&m))
                        .filter(|h| h.pid < n)
                        .for_each(emit);
                }
            }
            Search::DoubleArray(da) => {
                if overlapping {
                    da.overlapping
                        .find_overlapping_iter(text)
                        .map(|m| daac_hit(&m))
                        .for_each(emit);
                } else {
                    da.leftmost
                        .leftmost_find_iter(text)
                        .map(|m| daac_hit(&m))
                        .for_each(emit);
                }
            }
        }
    }

    /// The raw pass of a normalizing search: pattern occurrences in the raw
    /// text and watch hits, ordered so that [`Stream`] can judge pieces.
    fn raw_hits(&self, text: &str, overlapping: bool, emit: &mut impl FnMut(Hit)) {
        match &self.search {
            Search::Ac {
                leftmost,
                overlapping: all,
            } => {
                if overlapping {
                    all.find_overlapping_iter(text).for_each(|m| emit(hit(&m)));
                } else {
                    leftmost.find_iter(text).for_each(|m| emit(hit(&m)));
                }
            }
            Search::DoubleArray(da) => {
                let watch = self.watch_hits(da, text);
                let mut watch = watch.into_iter().peekable();
                let mut merge = |h: Hit| {
                    while let Some(w) = watch.next_if(|w| w.start < h.start) {
                        emit(w);
                    }
                    emit(h);
                };
                if overlapping {
                    // Overlapping hits come by end; a piece only needs
                    // every hit that starts before a cut to come before it.
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
    }

    /// The watched characters of `text` that the double-array raw pass must
    /// report, in text order, each once: every ASCII white-space byte (found
    /// by `memchr`), and every non-identity character inside a trigger
    /// occurrence. The Stream's exactness needs fewer than *every* watched
    /// character (the argument is at [`DoubleArray::new`]).
    fn watch_hits(&self, da: &DoubleArray, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut out: Vec<Hit> = Vec::new();
        let mut push = |start: usize, c: char| {
            if let Ok(i) = self.watch_chars.binary_search(&c) {
                out.push(Hit {
                    start,
                    end: start + c.len_utf8(),
                    pid: self.n_patterns + i,
                });
            }
        };
        for i in memchr::memchr3_iter(b'\n', b'\r', b' ', bytes) {
            push(i, bytes[i] as char);
        }
        for i in memchr::memchr3_iter(b'\t', 0x0B, 0x0C, bytes) {
            push(i, bytes[i] as char);
        }
        if let Some(ignorables) = &da.ignorables {
            for m in ignorables.find_iter(text) {
                push(m.start(), text[m.start()..].chars().next().unwrap_or(' '));
            }
        }
        if let Some(triggers) = &da.triggers {
            for m in triggers.find_overlapping_iter(text) {
                for (i, c) in text[m.start()..m.end()].char_indices() {
                    if !c.is_ascii() && fold_char(c) != Some(c) {
                        push(m.start() + i, c);
                    }
                }
            }
        }
        out.sort_unstable_by_key(|h| h.start);
        out.dedup_by_key(|h| h.start);
        out
    }
}

impl DoubleArray {
    /// The automata of the double-array strategy.
    ///
    /// Which watched characters must the raw pass report? [`Stream`] needs,
    /// in every piece whose raw hits differ from the hits in N, one reported
    /// character that shows it. Raw hits differ only where an occurrence O
    /// in N (a) crosses a run of ignorable characters or (b) covers a
    /// non-identity character w (traditional, full width). Every ignorable
    /// character is reported (ASCII ones by `memchr`, the others by a small
    /// aho-corasick automaton), which settles (a). In (b), if O is one
    /// character long, w is a trigger by itself; otherwise w stands next to
    /// another character of O in N, and either they are next to each other
    /// in the raw text (the raw pair is a trigger: its fold is a pair inside
    /// a pattern) or an ignorable run lies between them, which is case (a).
    /// Triggers are therefore every raw pair, other than the folded pair
    /// itself, whose fold is a pair of adjacent pattern characters, and
    /// every non-identity raw form of a one-character pattern.
    fn new(patterns: &[String], normalize: bool) -> Result<DoubleArray, Error> {
        let build = |kind: DaacKind, pats: &[String]| {
            CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(kind)
                .build::<_, _, u32>(pats)
                .map_err(|e| Error::Build(e.to_string()))
        };
        let triggers = if normalize {
            let set = triggers(patterns);
            if set.is_empty() {
                None
            } else {
                Some(build(
                    DaacKind::Standard,
                    &set.into_iter().collect::<Vec<_>>(),
                )?)
            }
        } else {
            None
        };
        let ignorables = if normalize {
            let all: Vec<String> = watched_chars(&HashSet::new())
                .into_iter()
                .filter(|c| !c.is_ascii() && is_ignorable(*c))
                .map(String::from)
                .collect();
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(&all)
                .map_err(|e| Error::Build(e.to_string()))?;
            Some(ac)
        } else {
            None
        };
        Ok(DoubleArray {
            leftmost: build(DaacKind::LeftmostLongest, patterns)?,
            overlapping: build(DaacKind::Standard, patterns)?,
            triggers,
            ignorables,
        })
    }
}

/// The trigger strings of [`DoubleArray::new`], sorted.
fn triggers(patterns: &[String]) -> std::collections::BTreeSet<String> {
    let alphabet: HashSet<char> = patterns.iter().flat_map(|p| p.chars()).collect();
    let raw = raw_forms(&alphabet);
    let forms = |c: char| raw.get(&c).map_or(&[][..], |v| v.as_slice());
    let mut out = std::collections::BTreeSet::new();
    for p in patterns {
        let chars: Vec<char> = p.chars().collect();
        if let [c] = chars[..] {
            for &x in forms(c) {
                if x != c {
                    out.insert(x.to_string());
                }
            }
        }
        for w in chars.windows(2) {
            for &x in forms(w[0]) {
                for &y in forms(w[1]) {
                    if (x, y) != (w[0], w[1]) {
                        out.insert([x, y].iter().collect());
                    }
                }
            }
        }
    }
    out
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
