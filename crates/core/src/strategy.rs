//! The strategies a matcher can run on, and which one `Auto` picks, from
//! measurements.

use aho_corasick::AhoCorasickKind;

/// Which automaton the matcher runs on. All give identical results (the
/// tests run every semantics case against each); they differ in speed and
/// memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Strategy {
    /// Chosen by the number of patterns, from measurements
    /// (`scripts/compare.py`, BENCHMARKS.md): [`Strategy::Prefiltered`] up to
    /// [`Strategy::AUTO_PREFILTER_LIMIT`] patterns, [`Strategy::Anchored`] up
    /// to [`Strategy::AUTO_ANCHORED_LIMIT`], [`Strategy::ShiftOr`] up to
    /// [`Strategy::AUTO_SHIFT_OR_LIMIT`], else [`Strategy::DoubleArray`].
    #[default]
    Auto,
    /// aho-corasick's DFA over the patterns and one one-character *watch
    /// pattern* per watched character: one pass does everything, but no
    /// prefilter can skip text (every line break is a candidate). Needs no
    /// pattern of two bytes: [`Strategy::ShiftOr`] falls back to it (up to
    /// 3,000 patterns; above, to [`Strategy::DoubleArray`]). Most memory.
    Dfa,
    /// As [`Strategy::Dfa`] with a contiguous NFA: compact.
    ContiguousNfa,
    /// As [`Strategy::Dfa`] with a noncontiguous NFA: slowest search,
    /// cheapest to build.
    NoncontiguousNfa,
    /// daachorse's character-wise double-array automaton (with its 2-gram
    /// prefilter) over the patterns alone; the watched characters are found
    /// apart by the character scanner (a block scan and Teddy for a few, a
    /// byte-pair table for many). Fastest on large lexicons.
    DoubleArray,
    /// aho-corasick's DFA over the patterns alone, so that its SIMD
    /// prefilter skips text; the watched characters are found apart by the
    /// character scanner. Fastest for one pattern (a `memmem`).
    Prefiltered,
    /// tifa's own sieve (`crates/core/src/sieve.rs`): a table of byte pairs
    /// says, in one pass, where a pattern may start (shift-or over the
    /// first pairs of every pattern, as in SOG) and where a watched
    /// character may be; each candidate is checked against the patterns
    /// that share its first bytes. Fastest from 2 to about 10,000
    /// patterns. Overlapping searches run the plain automaton and the
    /// character scanner. Needs patterns of two bytes or more (else runs
    /// as [`Strategy::Dfa`]).
    ShiftOr,
    /// tifa's anchored finder (`crates/core/src/anchor.rs`): each pattern
    /// is found through its rarest six bytes (for Chinese, its rarest pair
    /// of characters, ranked by their frequency in government reports),
    /// probed at every character start in a bit table, and checked where
    /// it would start; watched characters are tested at the same places.
    /// Overlapping searches run the plain automaton and the character
    /// scanner. Needs patterns of six bytes or more (else runs as
    /// [`Strategy::ShiftOr`]).
    Anchored,
}

impl Strategy {
    /// Every strategy, for tests and benchmarks.
    pub const ALL: [Strategy; 8] = [
        Strategy::Auto,
        Strategy::Dfa,
        Strategy::ContiguousNfa,
        Strategy::NoncontiguousNfa,
        Strategy::DoubleArray,
        Strategy::Prefiltered,
        Strategy::ShiftOr,
        Strategy::Anchored,
    ];

    /// Up to this many patterns `Auto` picks [`Strategy::Prefiltered`]:
    /// aho-corasick's `memmem` for one phrase beats the sieve
    /// (`examples/engines.rs`, 2026-12-02, MB/s prefiltered against
    /// shift-or: 1 phrase 1,850 / 1,139; from 2 phrases the sieve leads:
    /// 2 n-grams 696 / 1,226, 5 n-grams 1,355 / 1,078 but 5 built-in phrases
    /// 1,021 / 1,232, 10 n-grams 957 / 1,123, 32 n-grams 693 / 1,068).
    pub const AUTO_PREFILTER_LIMIT: usize = 1;

    /// Up to this many patterns `Auto` picks [`Strategy::Anchored`]; above,
    /// the patterns' occurrences are so dense (a lexicon of the corpus's
    /// most frequent n-grams) that checking each one costs more than the
    /// sieve's candidates (`examples/engines.rs`, 2026-12-03, medians of 5
    /// taken round robin, MB/s anchored against shift-or: 2 n-grams 849 /
    /// 855; 10 n-grams 906 / 860; built-in 100 phrases 777 / 702; 1,000
    /// n-grams 350 / 308; 3,000 n-grams 192 / 197; 5,000 n-grams 136 / 168).
    pub const AUTO_ANCHORED_LIMIT: usize = 2_000;

    /// Up to this many patterns `Auto` picks [`Strategy::ShiftOr`]; above,
    /// daachorse's double array leads (`examples/engines.rs`, 2026-12-02,
    /// medians of 3, MB/s shift-or against the double array: 5,000 n-grams
    /// 267 / 209; 10,000 n-grams 223 / 213; 20,000 n-grams 187 / 195;
    /// `scripts/compare.py`: built-in 100 phrases 1,074 / 520-574, 50,000
    /// n-grams 116 / 160).
    pub const AUTO_SHIFT_OR_LIMIT: usize = 10_000;

    /// Where [`Strategy::ShiftOr`] cannot run (a one-byte pattern), up to
    /// this many patterns the DFA with watch patterns, above it the double
    /// array (the DFA's memory grows with states × alphabet classes).
    pub(crate) const FALLBACK_DFA_LIMIT: usize = 3_000;

    /// The strategy `Auto` stands for with `n` patterns (any other strategy
    /// stands for itself).
    pub fn resolve(self, n: usize) -> Strategy {
        match self {
            Strategy::Auto if n <= Strategy::AUTO_PREFILTER_LIMIT => Strategy::Prefiltered,
            Strategy::Auto if n <= Strategy::AUTO_ANCHORED_LIMIT => Strategy::Anchored,
            Strategy::Auto if n <= Strategy::AUTO_SHIFT_OR_LIMIT => Strategy::ShiftOr,
            Strategy::Auto => Strategy::DoubleArray,
            other => other,
        }
    }

    /// The aho-corasick automaton of a resolved strategy.
    pub(crate) fn kind(self) -> AhoCorasickKind {
        match self {
            Strategy::ContiguousNfa => AhoCorasickKind::ContiguousNFA,
            Strategy::NoncontiguousNfa => AhoCorasickKind::NoncontiguousNFA,
            _ => AhoCorasickKind::DFA,
        }
    }
}
