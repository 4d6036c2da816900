//! The shift-or strategy: one pass that finds where a pattern may start and
//! where a watched character may be, then checks each place exactly
//! ([`crate::design`] explains the table).

use rustc_hash::FxHashMap;

use crate::charscan::CharScanner;
use crate::error::Error;
use crate::hit::Hit;
use crate::pattern::Pattern;

/// Pairs per step of the scan.
const BLOCK: usize = 64;
/// The colours' before-bits in the entry's high byte; their last-bits are
/// these shifted left by four.
const BEFORE_ALL: u8 = 0x0F;

/// The filter table and the checker of one set of patterns.
pub(crate) struct Sieve {
    /// One entry per little-endian byte pair (see the module doc).
    table: Box<[u16; 65536]>,
    /// Pairs in the shortest pattern's window, less one: 0..=7.
    k: usize,
    /// The patterns (ids) by their first `k + 2` bytes, at most seven
    /// (little-endian in a u64, see [`prefix_key`]), longest first: a candidate is checked by one hash look-up and
    /// a comparison or two, and most fail the look-up (their pairs pass
    /// apart, not together). The first that matches is the longest.
    groups: FxHashMap<u64, Box<[u32]>>,
    patterns: Vec<Pattern>,
}

impl std::fmt::Debug for Sieve {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sieve").field("k", &self.k).finish()
    }
}

impl Sieve {
    /// The longest window: bits 0..=7 hold offsets.
    const MAX_WINDOW: usize = 9;

    /// A sieve for `patterns` (non-empty, no duplicates) and the watched
    /// characters `watched`; `None` when a pattern is a single byte (no
    /// pair to filter on).
    pub fn new(patterns: &[String], watched: &[char]) -> Result<Option<Sieve>, Error> {
        let Some(shortest) = patterns.iter().map(String::len).min() else {
            return Ok(None);
        };
        if shortest < 2 {
            return Ok(None);
        }
        let w = shortest.min(Sieve::MAX_WINDOW);
        let k = w - 2;
        // Bits 0..=k start at 1 ("no pattern has this pair here").
        let mut table: Box<[u16; 65536]> = vec![(1u16 << (k + 1)) - 1; 65536]
            .into_boxed_slice()
            .try_into()
            .unwrap_or_else(|_| unreachable!("the length is 65536"));
        let at = |a: u8, b: u8| usize::from(u16::from_le_bytes([a, b]));
        for p in patterns {
            let b = p.as_bytes();
            for j in 0..=k {
                table[at(b[j], b[j + 1])] &= !(1 << j);
            }
        }
        let before = |colour: u8| 1u16 << (8 + (colour & 3));
        let last = |colour: u8| 1u16 << (12 + (colour & 3));
        for &c in watched {
            let mut buf = [0u8; 4];
            match *c.encode_utf8(&mut buf).as_bytes() {
                [b0] => (0..=255).for_each(|x| {
                    table[at(x, b0)] |= before(0);
                    table[at(b0, x)] |= last(0);
                }),
                [b0, b1] => {
                    (0..=255).for_each(|x| table[at(x, b0)] |= before(0));
                    table[at(b0, b1)] |= last(0);
                }
                [b0, b1, b2] => {
                    table[at(b0, b1)] |= before(b0);
                    table[at(b1, b2)] |= last(b0);
                }
                [_, b1, b2, b3] => {
                    table[at(b1, b2)] |= before(b1);
                    table[at(b2, b3)] |= last(b1);
                }
                _ => {}
            }
        }
        let mut groups: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (pid, p) in patterns.iter().enumerate() {
            let pid = u32::try_from(pid).map_err(|_| Error::Build("too many patterns".into()))?;
            groups
                .entry(prefix_key(p.as_bytes(), w))
                .or_default()
                .push(pid);
        }
        let groups = groups
            .into_iter()
            .map(|(key, mut pids)| {
                pids.sort_by_key(|&pid| std::cmp::Reverse(patterns[pid as usize].len()));
                (key, pids.into_boxed_slice())
            })
            .collect();
        Ok(Some(Sieve {
            table,
            k,
            groups,
            patterns: patterns
                .iter()
                .map(|p| Pattern::new(p.as_bytes()))
                .collect(),
        }))
    }

    /// Leftmost-longest pattern occurrences in `text`, and, when `watch` is
    /// given, every watched character (pid `n_patterns + index` in `watch`),
    /// all in text order.
    pub fn find(
        &self,
        text: &str,
        watch: Option<&CharScanner>,
        n_patterns: usize,
        emit: &mut impl FnMut(Hit),
    ) {
        match self.k {
            0 => self.scan::<0>(text, watch, n_patterns, emit),
            1 => self.scan::<1>(text, watch, n_patterns, emit),
            2 => self.scan::<2>(text, watch, n_patterns, emit),
            3 => self.scan::<3>(text, watch, n_patterns, emit),
            4 => self.scan::<4>(text, watch, n_patterns, emit),
            5 => self.scan::<5>(text, watch, n_patterns, emit),
            6 => self.scan::<6>(text, watch, n_patterns, emit),
            _ => self.scan::<7>(text, watch, n_patterns, emit),
        }
    }

    #[inline(always)]
    fn entry(&self, bytes: &[u8], p: usize) -> u16 {
        self.table[usize::from(u16::from_le_bytes([bytes[p], bytes[p + 1]]))]
    }

    /// The flags of one block of pairs (`entries` holds the eight pairs
    /// before it and receives the block's): bit 0 of `flags[j]`, a
    /// candidate window ends at pair j (no pair of it misses its offset in
    /// every pattern); bit 1, a watched character ends there.
    #[inline(always)]
    fn block_flags<const K: usize>(
        &self,
        block: &[u8; BLOCK + 1],
        entries: &mut [u16; BLOCK + 8],
        watch_bits: u16,
        flags: &mut [u8; BLOCK],
    ) {
        // Fixed-size arrays: no bounds checks, and the loops below are
        // plain element-wise operations on 16-bit lanes that the compiler
        // vectorizes (SSE2 is enough). Only the look-ups are scalar.
        for j in 0..BLOCK {
            entries[8 + j] = self.entry(block, j);
        }
        // Bit 0 of `miss[j]`: some pair of the window ending at pair
        // i + j is not at its offset in any pattern.
        let mut miss = [0u16; BLOCK];
        for d in 0..=K {
            let back: &[u16; BLOCK] = entries[8 - d..8 - d + BLOCK]
                .try_into()
                .unwrap_or_else(|_| unreachable!("a block"));
            for j in 0..BLOCK {
                miss[j] |= back[j] >> (K - d);
            }
        }
        let now: &[u16; BLOCK] = entries[8..8 + BLOCK]
            .try_into()
            .unwrap_or_else(|_| unreachable!("a block"));
        let prev: &[u16; BLOCK] = entries[7..7 + BLOCK]
            .try_into()
            .unwrap_or_else(|_| unreachable!("a block"));
        for j in 0..BLOCK {
            let watched = u8::from(prev[j] & (now[j] >> 4) & watch_bits != 0);
            flags[j] = (!miss[j] & 1) as u8 | watched << 1;
        }
    }

    fn scan<const K: usize>(
        &self,
        text: &str,
        watch: Option<&CharScanner>,
        n_patterns: usize,
        emit: &mut impl FnMut(Hit),
    ) {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut state = State {
            text,
            next_free: 0,
            watched_to: 0,
        };
        // The before-bits of the colours, where watched characters are wanted.
        let watch_bits = if watch.is_some() {
            u16::from(BEFORE_ALL) << 8
        } else {
            0
        };
        // `entries[8 + j]` is the entry of pair `i + j`; the first eight are
        // those of the eight pairs before `i` (before the text: no pattern
        // pair, and maybe the bytes before a watched character).
        let mut entries = [0x00FF | u16::from(BEFORE_ALL) << 8; BLOCK + 8];
        let mut flags = [0u8; BLOCK];
        let mut i = 0usize;
        while i + BLOCK < n {
            entries.copy_within(BLOCK..BLOCK + 8, 0);
            let block: &[u8; BLOCK + 1] = bytes[i..i + BLOCK + 1]
                .try_into()
                .unwrap_or_else(|_| unreachable!("a block and one byte"));
            self.block_flags::<K>(block, &mut entries, watch_bits, &mut flags);
            for (k, chunk) in flags.chunks_exact(8).enumerate() {
                let mut lanes = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                while lanes != 0 {
                    let t = lanes.trailing_zeros() as usize / 8;
                    let f = (lanes >> (8 * t)) as u8;
                    lanes &= !(0xFF << (8 * t));
                    self.flagged::<K>(
                        &mut state,
                        i + 8 * k + t,
                        f & 1 != 0,
                        if f & 2 != 0 { watch } else { None },
                        n_patterns,
                        emit,
                    );
                }
            }
            i += BLOCK;
        }
        // The rest, one pair at a time, by the same rules.
        while i + 1 < n {
            let is_candidate =
                i >= K && (0..=K).all(|d| self.entry(bytes, i - d) >> (K - d) & 1 == 0);
            let before = if i == 0 {
                BEFORE_ALL
            } else {
                self.entry(bytes, i - 1).to_le_bytes()[1]
            };
            let is_watch = before & (self.entry(bytes, i).to_le_bytes()[1] >> 4) != 0;
            self.flagged::<K>(
                &mut state,
                i,
                is_candidate,
                is_watch.then_some(watch).flatten(),
                n_patterns,
                emit,
            );
            i += 1;
        }
        // The last byte has no pair of its own: a one-byte character there.
        if let Some(scanner) = watch {
            if n > 0 && bytes[n - 1].is_ascii() {
                state.confirm(scanner, n - 1, n_patterns, emit);
            }
        }
    }

    /// Handles pair `p`: a window of candidate start `p - K`, a watched
    /// character ending at `p + 1`, or both (in text order).
    #[inline(always)]
    fn flagged<const K: usize>(
        &self,
        state: &mut State,
        p: usize,
        is_candidate: bool,
        watch: Option<&CharScanner>,
        n_patterns: usize,
        emit: &mut impl FnMut(Hit),
    ) {
        if let Some(scanner) = watch {
            state.confirm(scanner, p, n_patterns, emit);
        }
        if is_candidate {
            let s = p - K;
            let bytes = state.text.as_bytes();
            if s < state.next_free || is_continuation(bytes[s]) {
                return;
            }
            let Some(group) = self.groups.get(&prefix_key(&bytes[s..], K + 2)) else {
                return;
            };
            let rest = &bytes[s..];
            if let Some(&pid) = group
                .iter()
                .find(|&&pid| self.patterns[pid as usize].starts(rest))
            {
                let end = s + self.patterns[pid as usize].bytes.len();
                state.next_free = end;
                emit(Hit {
                    start: s,
                    end,
                    pid: pid as usize,
                });
            }
        }
    }
}

/// Where one scan is.
struct State<'t> {
    text: &'t str,
    /// Leftmost-longest: no match may start before this.
    next_free: usize,
    /// Every character starting before this has been looked up.
    watched_to: usize,
}

impl State<'_> {
    /// The character whose last two bytes are at `p` (or the one-byte one
    /// at `p`): emitted if watched.
    #[inline]
    fn confirm(
        &mut self,
        scanner: &CharScanner,
        p: usize,
        n_patterns: usize,
        emit: &mut impl FnMut(Hit),
    ) {
        let bytes = self.text.as_bytes();
        let mut s = p;
        while s > 0 && is_continuation(bytes[s]) {
            s -= 1;
        }
        if s < self.watched_to {
            return;
        }
        if let Some(c) = self.text[s..].chars().next() {
            self.watched_to = s + c.len_utf8();
            if let Some(i) = scanner.index(c) {
                emit(Hit {
                    start: s,
                    end: s + c.len_utf8(),
                    pid: n_patterns + i,
                });
            }
        }
    }
}

/// The first `w` bytes of `bytes` (at most seven, fewer if `bytes` is
/// shorter) as a little-endian u64, the rest zero: one load where eight
/// bytes remain.
#[inline(always)]
fn prefix_key(bytes: &[u8], w: usize) -> u64 {
    let n = w.min(7).min(bytes.len());
    match bytes.first_chunk::<8>() {
        Some(eight) => u64::from_le_bytes(*eight) & ((1u64 << (8 * n)) - 1),
        None => {
            let mut key = [0u8; 8];
            key[..n].copy_from_slice(&bytes[..n]);
            u64::from_le_bytes(key)
        }
    }
}

#[inline(always)]
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};

    /// Pattern sets whose shortest pattern gives every window length, 2
    /// to 9 bytes and capped above.
    const SETS: &[&[&str]] = &[
        &["ab", "abc", "人民", "b1+"],
        &["1+9", "人民", "全过程人民民主"],
        &["a人", "人民代表", "民主"],
        &["两院", "一府一委两院", "一府两院"],
        &["ab人", "人民代表大会"],
        &["国家权力", "国家权力机关", "四个机关"],
        &["全过程人民民主", "人民民主专政"],
        &["x人民", "人民代表大会"],
        &["ab人民", "国家权力"],
    ];
    const WATCHED: &[char] = &['\n', ' ', '\u{A0}', '\u{3000}', '國', '權', '１', '𠀋'];
    const PIECES: &[&str] = &[
        "a",
        "b",
        "ab",
        "c",
        "1+9",
        "人",
        "民",
        "人民",
        "代表",
        "大会",
        "民主",
        "全过程",
        "两院",
        "一府",
        "一委",
        "国家",
        "权力",
        "机关",
        "四个",
        "专政",
        "x",
        "。",
        "，",
        "\n",
        " ",
        "\u{A0}",
        "\u{3000}",
        "國",
        "權",
        "１",
        "𠀋",
        "é",
        "的",
    ];

    /// The plain reference: the automaton's leftmost-longest matches and
    /// every watched character by decoding, merged by start.
    fn reference(patterns: &[String], scanner: &CharScanner, text: &str) -> Vec<Hit> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .expect("automaton");
        let mut out: Vec<Hit> = ac
            .find_iter(text)
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                pid: m.pattern().as_usize(),
            })
            .collect();
        for (s, c) in text.char_indices() {
            if let Some(i) = scanner.index(c) {
                out.push(Hit {
                    start: s,
                    end: s + c.len_utf8(),
                    pid: patterns.len() + i,
                });
            }
        }
        out.sort_by_key(|h| h.start);
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn finds_what_the_automaton_and_decoding_find(
            set in 0..SETS.len(),
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..60),
            watch: bool,
        ) {
            let text = pieces.concat();
            let patterns: Vec<String> = SETS[set].iter().map(|p| p.to_string()).collect();
            let mut watched = WATCHED.to_vec();
            watched.sort_unstable();
            let scanner = CharScanner::new(watched.clone());
            let sieve = Sieve::new(&patterns, &watched).expect("build").expect("sieve");
            let mut got = Vec::new();
            sieve.find(&text, watch.then_some(&scanner), patterns.len(), &mut |h| got.push(h));
            let mut want = reference(&patterns, &scanner, &text);
            if !watch {
                want.retain(|h| h.pid < patterns.len());
            }
            proptest::prop_assert_eq!(got, want, "{:?} in {:?}", patterns, text);
        }
    }

    #[test]
    fn windows_follow_the_shortest_pattern() {
        let k = |set: &[&str]| {
            let patterns: Vec<String> = set.iter().map(|p| p.to_string()).collect();
            Sieve::new(&patterns, &[]).expect("build").map(|s| s.k)
        };
        let ks: Vec<Option<usize>> = SETS.iter().map(|s| k(s)).collect();
        assert_eq!(ks, [0, 1, 2, 4, 3, 7, 7, 5, 6].map(Some));
        assert_eq!(k(&["a", "人民"]), None, "a one-byte pattern has no pair");
    }
}
