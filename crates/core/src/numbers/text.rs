//! Reading number text as its normalized form, in place.
//!
//! SPEC §2.1: number text is normalized like phrase text before it is read
//! — full-width digits and separators (１８，４０２), traditional characters
//! (萬 億 兩 個), 〇/○ as zero — but spans are offsets into the original.
//! Folding the whole document first would cost a pass over every character
//! and a copy; number extraction reads a few characters around each
//! candidate, so it reads them through [`number_char`] here instead: the
//! folding of [`crate::fold`] (so phrases and numbers agree on what a
//! character means), plus ○ → 〇. White space is *not* dropped here: only
//! white space between the single digits of one number is (see
//! `read::arabic_digits`), never between two numbers (`2019 2020`).

use crate::bmp::BmpSet;
use crate::fold::{fold_char, is_ignorable};

/// The character `c` stands for in number text: full-width forms as ASCII,
/// traditional characters as simplified, ○ as 〇; white space unchanged.
#[inline(always)]
pub(crate) fn number_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    // Nearly every char of a report stands for itself: one bit says so.
    if (c as u32) < 0x10000 && !changed_in_number_text().contains(c) {
        return c;
    }
    if c == '○' {
        return '〇';
    }
    fold_char(c).unwrap_or(c)
}

/// The BMP chars that [`number_char`] may change: ○, the full-width forms,
/// and the chars of the traditional table (a superset: `number_char` is
/// the identity on every other BMP char, as `fold_char` is on them or
/// drops them as white space, which number text keeps).
fn changed_in_number_text() -> &'static BmpSet {
    static CHANGED: std::sync::OnceLock<BmpSet> = std::sync::OnceLock::new();
    CHANGED.get_or_init(|| {
        let mut set = crate::fold::traditional_bits().clone();
        ('\u{FF01}'..='\u{FF5E}')
            .chain(['○'])
            .for_each(|c| set.insert(c));
        set
    })
}

/// `a` starts with `b`, compared byte by byte (the words are a few bytes:
/// a call to `memcmp` costs more than the compare).
#[inline]
fn bytes_start_with(a: &[u8], b: &[u8]) -> bool {
    a.len() >= b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The normalized char at byte `at` of `text` (before `limit`), with its
/// length in the original.
#[inline(always)]
pub(crate) fn char_at(text: &str, at: usize, limit: usize) -> Option<(char, usize)> {
    written_char_at(text, at, limit).map(|(_, c, len)| (c, len))
}

/// The char at byte `at` of `text` (before `limit`) as written and
/// normalized, with its length in the original.
#[inline(always)]
pub(crate) fn written_char_at(text: &str, at: usize, limit: usize) -> Option<(char, char, usize)> {
    if at >= limit {
        return None;
    }
    // ASCII first: digits, separators and marks are most of what is read.
    let b = *text.as_bytes().get(at)?;
    if b < 0x80 {
        return Some((b as char, b as char, 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, number_char(c), c.len_utf8()))
}

/// The normalized char just before byte `at`, with its length.
#[inline]
pub(crate) fn char_before(text: &str, at: usize) -> Option<(char, usize)> {
    let c = text.get(..at)?.chars().next_back()?;
    Some((number_char(c), c.len_utf8()))
}

/// If `text[at..limit]`, normalized, starts with `word` (written
/// normalized), the length of that prefix in the original.
#[inline]
pub(crate) fn word_at(text: &str, at: usize, limit: usize, word: &str) -> Option<usize> {
    let rest = text.get(at..limit)?;
    if bytes_start_with(rest.as_bytes(), word.as_bytes()) {
        return Some(word.len());
    }
    let mut len = 0;
    let mut chars = rest.chars();
    for w in word.chars() {
        let c = chars.next()?;
        if c != w && number_char(c) != w {
            return None;
        }
        len += c.len_utf8();
    }
    Some(len)
}

/// If `text[floor..at]`, normalized, ends with `word`, the length of that
/// suffix in the original.
#[inline]
pub(crate) fn word_before(text: &str, floor: usize, at: usize, word: &str) -> Option<usize> {
    let before = text.get(floor..at)?;
    if before.ends_with(word) {
        return Some(word.len());
    }
    let mut len = 0;
    let mut chars = before.chars().rev();
    for w in word.chars().rev() {
        let c = chars.next()?;
        if c != w && number_char(c) != w {
            return None;
        }
        len += c.len_utf8();
    }
    Some(len)
}

/// The first of `words` that `s` starts with (plain, for short lists).
pub(crate) fn starts_with_any<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| s.starts_with(w))
}

/// The first of `words` that `s` ends with (plain, for short lists).
pub(crate) fn ends_with_any<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| s.ends_with(w))
}

/// Skips ignorable chars (white space inside a mention) from `at`.
#[inline]
pub(crate) fn skip_ws(text: &str, at: usize, limit: usize) -> usize {
    // Nearly always there is none, and the first byte says so.
    let first = text.as_bytes().get(at).copied();
    if at >= limit || !first.is_some_and(crate::fold::may_lead_an_ignorable) {
        return at;
    }
    at + text[at..limit]
        .chars()
        .take_while(|c| is_ignorable(*c))
        .map(char::len_utf8)
        .sum::<usize>()
}

/// Is `c` a Han character (the basic block or extension A)?
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_matched_through_normalization() {
        assert_eq!(word_at("萬元", 0, 6, "万元"), Some(6));
        assert_eq!(word_at("１８，", 0, 9, "18,"), Some(9));
        assert_eq!(word_at("万", 0, 3, "万元"), None);
        assert_eq!(word_before("共約", 0, 6, "约"), Some(3));
        assert_eq!(number_char('○'), '〇');
        assert_eq!(number_char('兩'), '两');
        assert_eq!(number_char('個'), '个');
        assert_eq!(number_char('\n'), '\n');
    }

    /// Over every char: what `skip_ws` skips is the ignorable chars, its
    /// one-byte test included.
    #[test]
    fn skip_ws_skips_exactly_the_ignorable_chars() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("{c}{c}x");
            let skipped = if is_ignorable(c) { 2 * c.len_utf8() } else { 0 };
            assert_eq!(skip_ws(&text, 0, text.len()), skipped, "U+{:04X}", c as u32);
        }
    }

    /// Over every char: the fast path (one bit) gives what the rule says,
    /// ○ as 〇 and otherwise `fold_char`, white space kept.
    #[test]
    fn number_char_is_folding_with_white_space_kept_for_every_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let rule = if c == '○' {
                '〇'
            } else {
                fold_char(c).unwrap_or(c)
            };
            assert_eq!(number_char(c), rule, "U+{:04X}", c as u32);
        }
    }
}
