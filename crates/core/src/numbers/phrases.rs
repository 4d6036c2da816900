//! The lexicon's numeral phrases (一府一委两院, 十四五, 两个确立), found
//! at the number starts instead of by a pass of the matcher.
//!
//! # Why
//! Extraction must know which text the numeral phrases cover (no number
//! inside one is a mention). The matcher finds them exactly, but reads
//! every character of the text to do it: about 15% of extraction on
//! government reports. Yet every numeral phrase holds a char that can
//! start a number, and extraction already finds every such char (the
//! number-start scan). So each phrase is *anchored* on its first char that
//! can start a number, and is looked for only where the scan found that
//! char: a few compares at one char in a few dozen.
//!
//! # Why it is exact
//! SPEC §1.2 matches phrases on the folded text (every char folded by
//! [`fold_char`], ignorable chars dropped), leftmost-longest, with spans
//! from a phrase's first char to its last in the original. Here:
//! - each folded pattern is anchored on its first char that starts a
//!   number, provided the scan reports every *spelling* of it (the chars
//!   that fold to it: itself, its full-width form, the traditional chars
//!   the table maps to it; the scan reports the spellings that start no
//!   number too, 韆 of 千 and ｘ of x, for this search alone). Every
//!   occurrence of the pattern holds the anchor in one of its spellings,
//!   so the scan reports it. A pattern with no such char (a variant
//!   without a numeral) is left to the matcher, run in its overlapping
//!   mode: every occurrence of those patterns;
//! - at a reported char, each pattern anchored on its folded form is
//!   compared char by char, backward from the anchor and forward from it,
//!   with the folded chars of the text, ignorable chars skipped between
//!   two chars of the pattern (never before its first or after its last):
//!   exactly the occurrences of the folded text, in original offsets;
//! - all the occurrences, anchored and left to the matcher, are then
//!   sorted by start, longest first, and taken greedily without overlap:
//!   leftmost-longest over all the patterns together.
//!
//! Tested against the matcher on every fixture, on random texts (with
//! white space, traditional and full-width forms inside phrases), and by
//! the numbers fuzz target.

use std::ops::Range;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::fold::{fold_char, fold_str, traditional_table};

/// Folded patterns by the folded char they are anchored on.
#[derive(Debug, Clone, Default)]
pub(crate) struct NumeralPhrases {
    /// The anchors' folded chars, with the look-ups a place holding one
    /// needs.
    anchors: HashMap<char, Lookups>,
    /// (anchor, its neighbour in the pattern) → (pattern, index of the
    /// anchor in it). Keyed by the neighbour too, so that a place compares
    /// only the patterns whose next (or previous) char is there: a lexicon
    /// may hold hundreds of phrases with 一.
    by_key: HashMap<(char, Neighbour), Vec<(usize, usize)>>,
    /// The patterns, folded, as chars.
    patterns: Vec<Box<[char]>>,
}

/// A pattern's char beside its anchor: the next one, or for a pattern
/// that ends with its anchor the one before it, or none (one char).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Neighbour {
    Next(char),
    Before(char),
    Alone,
}

/// Which neighbours the patterns on one anchor are keyed by.
#[derive(Debug, Clone, Copy, Default)]
struct Lookups {
    next: bool,
    before: bool,
    alone: bool,
}

impl NumeralPhrases {
    /// Splits `forms` (as written in the lexicon; folded alike, one kept):
    /// the phrases anchored on their first char that `anchorable` holds
    /// for and that the scan `reports` in every spelling, and the forms
    /// that have no such char, left to the matcher (a variant may hold no
    /// numeral at all).
    pub(crate) fn new<'a>(
        forms: impl IntoIterator<Item = &'a str>,
        anchorable: impl Fn(char) -> bool,
        reports: impl Fn(char) -> bool,
    ) -> (NumeralPhrases, Vec<&'a str>) {
        let mut anchored = NumeralPhrases::default();
        let mut rest = Vec::new();
        let mut seen: HashSet<Box<[char]>> = HashSet::default();
        for form in forms {
            let folded: Box<[char]> = fold_str(form).chars().collect();
            if folded.is_empty() || !seen.insert(folded.clone()) {
                continue;
            }
            let anchor = folded
                .iter()
                .position(|&c| anchorable(c) && spellings(c).into_iter().all(&reports));
            match anchor {
                Some(k) => anchored.add(folded, k),
                None => rest.push(form),
            }
        }
        (anchored, rest)
    }

    /// Adds `pattern`, anchored on its char `k`.
    fn add(&mut self, pattern: Box<[char]>, k: usize) {
        let a = pattern[k];
        let lookups = self.anchors.entry(a).or_default();
        let neighbour = match (pattern.get(k + 1), k.checked_sub(1)) {
            (Some(&next), _) => {
                lookups.next = true;
                Neighbour::Next(next)
            }
            (None, Some(before)) => {
                lookups.before = true;
                Neighbour::Before(pattern[before])
            }
            (None, None) => {
                lookups.alone = true;
                Neighbour::Alone
            }
        };
        let p = self.patterns.len();
        self.by_key.entry((a, neighbour)).or_default().push((p, k));
        self.patterns.push(pattern);
    }

    /// The anchor a char `c` of the text stands for (its fold), if some
    /// pattern is anchored on it: what [`NumeralPhrases::occurrences_at`]
    /// takes, worked out once per char of the number-start scan.
    pub(crate) fn anchor(&self, c: char) -> Option<Anchor> {
        let folded = fold_char(c)?;
        let lookups = *self.anchors.get(&folded)?;
        Some(Anchor {
            folded,
            len: c.len_utf8(),
            lookups,
        })
    }

    /// Adds to `found` every occurrence of a phrase anchored on the char
    /// at byte `at` of `text`, which stands for `anchor`: the folded chars
    /// beside it are read once, and only the patterns keyed by them are
    /// compared.
    #[inline]
    pub(crate) fn occurrences_at(
        &self,
        text: &str,
        at: usize,
        anchor: Anchor,
        found: &mut Vec<Range<usize>>,
    ) {
        let Anchor {
            folded: a,
            len,
            lookups,
        } = anchor;
        let after_anchor = at + len;
        let next = lookups
            .next
            .then(|| folded_after(text, after_anchor))
            .flatten()
            .map(Neighbour::Next);
        let before = lookups
            .before
            .then(|| folded_before(text, at))
            .flatten()
            .map(Neighbour::Before);
        let alone = lookups.alone.then_some(Neighbour::Alone);
        for neighbour in [next, before, alone].into_iter().flatten() {
            let Some(keyed) = self.by_key.get(&(a, neighbour)) else {
                continue;
            };
            for &(p, k) in keyed {
                let pattern = &self.patterns[p];
                let Some(end) = forward(text, after_anchor, &pattern[k + 1..]) else {
                    continue;
                };
                if let Some(start) = backward(text, at, &pattern[..k]) {
                    found.push(start..end);
                }
            }
        }
    }
}

/// A char of the text that stands for an anchor: the anchor (folded), the
/// char's length as written, and which neighbours its patterns are keyed by.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Anchor {
    folded: char,
    len: usize,
    lookups: Lookups,
}

/// The first char of `text` from `at` that is not ignorable, folded.
fn folded_after(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().find_map(fold_char)
}

/// The last char of `text` before `at` that is not ignorable, folded.
fn folded_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().rev().find_map(fold_char)
}

/// Leftmost-longest: `found` (occurrences, in any order) sorted by start,
/// longest first, then taken in order, each that starts before the end of
/// the last taken dropped.
pub(crate) fn leftmost_longest(found: &mut Vec<Range<usize>>) {
    found.sort_unstable_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut end = 0;
    found.retain(|r| {
        let keep = r.start >= end;
        if keep {
            end = r.end;
        }
        keep
    });
}

/// The chars that fold to `a` (a folded char): itself, its full-width
/// form, and the traditional chars the table maps to it.
pub(super) fn spellings(a: char) -> Vec<char> {
    let mut all = vec![a];
    if ('!'..='~').contains(&a) {
        all.extend(char::from_u32(a as u32 + 0xFEE0));
    }
    all.extend(
        traditional_table()
            .iter()
            .filter(|&(_, &s)| s == a)
            .map(|(&t, _)| t),
    );
    all
}

/// If the text from `at` spells `rest` (folded, ignorable chars skipped
/// between its chars), where that ends.
fn forward(text: &str, at: usize, rest: &[char]) -> Option<usize> {
    let mut pos = at;
    let mut chars = text.get(at..)?.chars();
    for &want in rest {
        loop {
            let c = chars.next()?;
            pos += c.len_utf8();
            match fold_char(c) {
                None => continue,
                Some(f) if f == want => break,
                Some(_) => return None,
            }
        }
    }
    Some(pos)
}

/// If the text before `at` ends by spelling `head` (folded, ignorable
/// chars skipped between its chars and before `at`), where that starts.
fn backward(text: &str, at: usize, head: &[char]) -> Option<usize> {
    let mut pos = at;
    let mut chars = text.get(..at)?.chars();
    for &want in head.iter().rev() {
        loop {
            let c = chars.next_back()?;
            pos -= c.len_utf8();
            match fold_char(c) {
                None => continue,
                Some(f) if f == want => break,
                Some(_) => return None,
            }
        }
    }
    Some(pos)
}

#[cfg(test)]
mod tests;
