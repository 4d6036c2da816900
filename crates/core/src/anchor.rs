//! The anchored strategy: each pattern is found through its rarest stretch
//! of six bytes (for Chinese, its rarest pair of characters), ranked by how
//! often pairs occur in government reports.
//!
//! Why: the shift-or sieve ([`crate::sieve`]) asks at every byte pair
//! whether some pattern may *start* there, and the first characters of
//! phrases are among the most common of these texts (人民, 发展, 国家,
//! 全面 …), so candidates are dense and checking them dominates. A
//! phrase's rarest pair (专政 in 人民民主专政) occurs far less often: on
//! the national reports of 1954–2025, about 0.26% of character positions
//! are candidates for an 81-phrase lexicon against 2.3% with first pairs
//! (4.1% against 16% at 5,078 phrases). Hyperscan picks its literal
//! factors the same way, and memchr's `memmem` its rare bytes.
//!
//! How: at every character start the six bytes there are hashed into a bit
//! table (one load and a multiply); a set bit sends the place to the
//! patterns anchored on those bytes, each checked where it would start.
//! Occurrences arrive in anchor order, not start order, so they wait in a
//! small buffer until no later anchor can produce an earlier start (the
//! lag behind the scan that a match found later can have: three times the
//! longest anchor offset), and are then resolved
//! leftmost-longest ([`resolve`]). Watched characters outside the
//! ideographs are tested at the same character starts (a bit per BMP
//! character) and reported in the same order; traditional forms are found
//! through the anchors' spellings ([`variants`]).
//!
//! Exact whatever the ranking: every occurrence of a pattern holds its
//! anchor at a fixed offset, and every character start is probed; the
//! ranking decides only speed. Patterns shorter than six bytes have no
//! anchor: the strategy then declines (the engine falls back to the sieve).

mod frequency;
mod resolve;
mod table;
#[cfg(test)]
mod tests;
mod variants;

use crate::bmp::BmpSet;
use crate::charscan::CharScanner;
use crate::error::Error;
use crate::hit::Hit;
use crate::pattern::Pattern;
use frequency::Frequencies;
use resolve::Resolver;
use table::{Entry, KeyTable};
use variants::{fold_span, is_hidden, Spellings};

/// Bytes of an anchor.
const KEY_BYTES: usize = 6;
const KEY_MASK: u64 = (1 << (8 * KEY_BYTES)) - 1;
/// The multiplier of the bit table's hash (Fibonacci hashing).
const HASH_MUL: u64 = 0x9E37_79B9_7F4A_7C15;
/// Bytes scanned between two resolutions of the buffered occurrences.
const FLUSH_EVERY: usize = 4096;

/// The anchors, the bit table over them, and the patterns.
pub(crate) struct AnchorSieve {
    /// One bit per hash value of an anchor key.
    bits: Box<[u64]>,
    /// `64 - log2(bits)`: the hash is the product's top bits.
    shift: u32,
    /// The patterns by the keys of their anchor's spellings.
    anchors: KeyTable,
    /// The patterns, for the folded comparison.
    texts: Vec<String>,
    /// How far behind the scan position `i` something found later can
    /// start: three times the largest anchor offset. A raw occurrence starts
    /// at most the offset before its anchor; a folded run may be longer than
    /// its pattern, each character at most three times (a full-width form
    /// of ASCII is three bytes for one; a four-byte traditional form folds
    /// to a three-byte character), and its traditional forms are reported
    /// from its start.
    max_lag: usize,
    /// The watched characters, by ASCII bit and by BMP bit (no ideograph:
    /// their bit is clear).
    watch_ascii: u128,
    watch_bmp: BmpSet,
    /// The last two bytes (little-endian) of every three-byte character of
    /// `watch_bmp`: a test of one shift and one load, where decoding the
    /// character takes six operations more, at every character.
    watch_tails: BmpSet,
}

impl std::fmt::Debug for AnchorSieve {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnchorSieve")
            .field("keys", &self.anchors.keys().count())
            .field("bits", &(self.bits.len() * 64))
            .finish()
    }
}

impl AnchorSieve {
    /// The sieve for `patterns` (non-empty, no duplicates) and the watched
    /// characters `watched`; `None` when a pattern is shorter than six
    /// bytes (no anchor) or has no window of few enough spellings.
    pub fn new(patterns: &[String], watched: &[char]) -> Result<Option<AnchorSieve>, Error> {
        if patterns.is_empty() || patterns.iter().any(|p| p.len() < KEY_BYTES) {
            return Ok(None);
        }
        let Some(spellings) = Spellings::new(watched) else {
            return Ok(None);
        };
        let freq = Frequencies::shipped();
        let mut pairs: Vec<(u64, Entry)> = Vec::new();
        let mut max_offset = 0;
        for (pid, p) in patterns.iter().enumerate() {
            let pid = u32::try_from(pid).map_err(|_| Error::Build("too many patterns".into()))?;
            let Some((offset, keys)) = rarest_window(p, freq, &spellings) else {
                return Ok(None);
            };
            max_offset = max_offset.max(offset);
            let fold = spellings.any_in(p);
            let head = Pattern::new(p.as_bytes());
            for (n, key) in keys.iter().enumerate() {
                pairs.push((
                    key_of(key),
                    Entry {
                        head: head.clone(),
                        pid,
                        offset: offset as u32,
                        own: n == 0,
                        fold,
                    },
                ));
            }
        }
        let anchors = KeyTable::new(pairs);
        let n_keys = anchors.keys().count();
        // About 256 bits a key: a false hit (a call and a table probe) at
        // about one character in 256 per key; the table stays within L1 up
        // to a thousand keys, L2 above (measured: 64 bits a key left 70%
        // of the hits false with the built-in lexicon).
        let n_bits = (n_keys * 256).next_power_of_two().clamp(1 << 12, 1 << 20);
        let mut bits = vec![0u64; n_bits / 64].into_boxed_slice();
        let shift = 64 - n_bits.trailing_zeros();
        for key in anchors.keys() {
            let h = hash(key, shift);
            bits[h >> 6] |= 1 << (h & 63);
        }
        let mut watch_ascii = 0u128;
        let mut watch_bmp = BmpSet::new();
        let mut watch_tails = BmpSet::new();
        for &c in watched {
            if c.is_ascii() {
                watch_ascii |= 1 << (c as u32);
            }
            // Ideographs are found through the anchors' spellings: the
            // scan must not report them one by one.
            if !is_hidden(c) {
                watch_bmp.insert(c);
                let mut buf = [0u8; 4];
                if let [_, b1, b2] = *c.encode_utf8(&mut buf).as_bytes() {
                    watch_tails.insert_bmp_code(u16::from_le_bytes([b1, b2]));
                }
            }
        }
        Ok(Some(AnchorSieve {
            bits,
            shift,
            anchors,
            texts: patterns.to_vec(),
            max_lag: 3 * max_offset,
            watch_ascii,
            watch_bmp,
            watch_tails,
        }))
    }

    /// Leftmost-longest pattern occurrences in `text`, and, when `watch` is
    /// given, the watched characters that may change a match (pid
    /// `n_patterns + index` in `watch`): every one outside the ideographs,
    /// and the traditional forms inside folded occurrences ([`variants`]),
    /// all in text order.
    pub fn find(
        &self,
        text: &str,
        watch: Option<&CharScanner>,
        n_patterns: usize,
        emit: &mut impl FnMut(Hit),
    ) {
        match watch {
            Some(scanner) => self.scan::<true>(text, Some(scanner), n_patterns, emit),
            None => self.scan::<false>(text, None, n_patterns, emit),
        }
    }

    fn scan<const WATCH: bool>(
        &self,
        text: &str,
        watch: Option<&CharScanner>,
        n_patterns: usize,
        emit: &mut impl FnMut(Hit),
    ) {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut found = Resolver::new(n_patterns);
        let mut i = 0;
        let mut flush_at = FLUSH_EVERY;
        // The bulk: eight bytes readable at every character start. Three-
        // byte characters (almost all of these texts) take their own branch:
        // predicted, it lets the next key's load start before this byte is
        // read (a length looked up from the byte would chain every step to
        // two loads); ideographs skip the watch test.
        while let Some(eight) = bytes.get(i..i + 8) {
            let key = u64::from_le_bytes(eight.try_into().unwrap_or([0; 8])) & KEY_MASK;
            if self.is_anchor(key) {
                self.check(text, i, key, watch, &mut found);
            }
            let b = eight[0];
            let len = if b & 0xF0 == 0xE0 {
                if let (true, Some(scanner)) = (WATCH, watch) {
                    if self.watch_tails.contains_bmp_code((key >> 8) as u16) {
                        self.watch_other(text, i, 3, scanner, &mut found);
                    }
                }
                3
            } else {
                let len = utf8_len(b);
                if let (true, Some(scanner)) = (WATCH, watch) {
                    self.watch_other(text, i, len, scanner, &mut found);
                }
                len
            };
            i += len;
            if i >= flush_at {
                found.flush(i.saturating_sub(self.max_lag), emit);
                flush_at = i + FLUSH_EVERY;
            }
        }
        // The last few bytes: keys zero-padded, and only where six remain.
        while i < n {
            if i + KEY_BYTES <= n {
                let key = key_of(&bytes[i..]);
                if self.is_anchor(key) {
                    self.check(text, i, key, watch, &mut found);
                }
            }
            let len = utf8_len(bytes[i]);
            if let (true, Some(scanner)) = (WATCH, watch) {
                self.watch_other(text, i, len, scanner, &mut found);
            }
            i += len;
        }
        found.flush(usize::MAX, emit);
    }

    #[inline(always)]
    fn is_anchor(&self, key: u64) -> bool {
        let h = hash(key, self.shift);
        self.bits[h >> 6] >> (h & 63) & 1 != 0
    }

    /// The patterns anchored on `key` at `i`: each that occurs where it
    /// would start is buffered; with `watch`, each that occurs there folded
    /// has its traditional forms buffered.
    #[inline(never)]
    fn check(
        &self,
        text: &str,
        i: usize,
        key: u64,
        watch: Option<&CharScanner>,
        found: &mut Resolver,
    ) {
        let bytes = text.as_bytes();
        for a in self.anchors.get(key) {
            let offset = a.offset as usize;
            let pid = a.pid as usize;
            if a.own {
                if let Some(start) = i.checked_sub(offset) {
                    if a.head.starts(&bytes[start..]) {
                        found.push(Hit {
                            start,
                            end: start + a.head.bytes.len(),
                            pid,
                        });
                        continue;
                    }
                }
            }
            if let (true, Some(scanner)) = (a.fold, watch) {
                if let Some((start, end)) = fold_span(text, i, &self.texts[pid], offset) {
                    self.report_hidden(text, start, end, scanner, found);
                }
            }
        }
    }

    /// Buffers the traditional forms in `text[start..end]` (a folded
    /// occurrence) that the scan does not test.
    #[cold]
    fn report_hidden(
        &self,
        text: &str,
        start: usize,
        end: usize,
        scanner: &CharScanner,
        found: &mut Resolver,
    ) {
        for (j, c) in text[start..end].char_indices() {
            if !is_hidden(c) {
                continue;
            }
            if let Some(index) = scanner.index(c) {
                found.push(Hit {
                    start: start + j,
                    end: start + j + c.len_utf8(),
                    pid: found.n_patterns + index,
                });
            }
        }
    }

    /// Buffers the character at `i` (`len` bytes, not an ideograph) if it
    /// is watched.
    #[inline(always)]
    fn watch_other(
        &self,
        text: &str,
        i: usize,
        len: usize,
        scanner: &CharScanner,
        found: &mut Resolver,
    ) {
        let bytes = text.as_bytes();
        let maybe = match len {
            1 => self.watch_ascii >> bytes[i] & 1 != 0,
            3 => {
                let cp = u16::from(bytes[i] & 0x0F) << 12
                    | u16::from(bytes[i + 1] & 0x3F) << 6
                    | u16::from(bytes[i + 2] & 0x3F);
                self.watch_bmp.contains_bmp_code(cp)
            }
            _ => true,
        };
        if maybe {
            self.watched(text, i, scanner, found);
        }
    }

    /// Buffers the character at `i` if the scanner knows it.
    #[inline(never)]
    fn watched(&self, text: &str, i: usize, scanner: &CharScanner, found: &mut Resolver) {
        if let Some(c) = text[i..].chars().next() {
            if let Some(index) = scanner.index(c) {
                found.push(Hit {
                    start: i,
                    end: i + c.len_utf8(),
                    pid: found.n_patterns + index,
                });
            }
        }
    }
}

/// The rarest six bytes of `pattern` starting at a character, and their
/// spellings (its own bytes first): the window whose whole characters are
/// least expected (their rarest pair), the first of equals, among those of
/// at most [`variants::MAX_SPELLINGS`] spellings.
fn rarest_window(
    pattern: &str,
    freq: &Frequencies,
    spellings: &Spellings,
) -> Option<(usize, Vec<Vec<u8>>)> {
    let mut best: Option<(f64, usize, Vec<Vec<u8>>)> = None;
    for (o, _) in pattern.char_indices() {
        if o + KEY_BYTES > pattern.len() {
            break;
        }
        let whole: Vec<char> = pattern[o..]
            .char_indices()
            .take_while(|&(j, c)| j + c.len_utf8() <= KEY_BYTES)
            .map(|(_, c)| c)
            .collect();
        let cost = freq.stretch(&whole);
        if best.as_ref().is_some_and(|b| cost >= b.0) {
            continue;
        }
        if let Some(keys) = spellings.of_window(pattern, o, KEY_BYTES) {
            best = Some((cost, o, keys));
        }
    }
    best.map(|(_, o, keys)| (o, keys))
}

/// The first six bytes of `bytes` (which has at least six) as a key.
#[inline(always)]
fn key_of(bytes: &[u8]) -> u64 {
    let mut eight = [0u8; 8];
    let n = bytes.len().min(8);
    eight[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(eight) & KEY_MASK
}

#[inline(always)]
fn hash(key: u64, shift: u32) -> usize {
    (key.wrapping_mul(HASH_MUL) >> shift) as usize
}

/// The length of the UTF-8 character whose first byte is `b`.
#[inline(always)]
fn utf8_len(b: u8) -> usize {
    // By the high nibble: 0xxx one byte, 110x two, 1110 three, 1111 four
    // (10xx never starts a character of valid text; 1 keeps the scan going).
    const LEN: [u8; 16] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4];
    usize::from(LEN[usize::from(b >> 4)])
}
