//! Character folding: the normalization of SPEC §1.2.
//!
//! Folding maps one character to its canonical form, or drops it:
//!
//! * white space (anything [`char::is_whitespace`] accepts, which includes
//!   the ideographic space U+3000) and zero-width characters are *ignorable*:
//!   they vanish, so a phrase broken by a line break still matches;
//! * full-width ASCII forms (U+FF01–U+FF5E) become their ASCII twins;
//! * traditional characters become simplified ones, one character at a time,
//!   by OpenCC's `TSCharacters` table (through the `hanconv` crate).
//!
//! Folding is per character and idempotent (`fold(fold(c)) == fold(c)`),
//! which is what lets the matcher fold the *patterns* once and look at the
//! raw text only where a character that folds differently could matter.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::bmp::BmpSet;

/// The canonical form of `c`: `None` when `c` is ignorable (white space,
/// zero-width), otherwise the folded character (often `c` itself).
///
/// ```
/// use tifa_core::fold::fold_char;
/// assert_eq!(fold_char('國'), Some('国'));
/// assert_eq!(fold_char('１'), Some('1'));
/// assert_eq!(fold_char('\n'), None);
/// assert_eq!(fold_char('民'), Some('民'));
/// ```
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    // Nearly every char of a text folds to itself: one bit says so.
    if (c as u32) < 0x10000 && !changing_bits().contains(c) {
        return Some(c);
    }
    fold_by_rules(c)
}

/// [`fold_char`] by its rules, one after the other (out of line: the
/// bit above keeps nearly every char from it).
#[inline(never)]
fn fold_by_rules(c: char) -> Option<char> {
    if is_ignorable(c) {
        return None;
    }
    let c = fold_width(c);
    if c.is_ascii() {
        return Some(c);
    }
    Some(traditional_table().get(&c).copied().unwrap_or(c))
}

/// Can `c` fold to another char (or vanish)? False for nearly every char
/// of a report, in one bit test: a caller that folds a few chars at a time
/// skips the full [`fold_char`] for them.
#[inline]
pub(crate) fn folds_differently(c: char) -> bool {
    c as u32 >= 0x10000 || changing_bits().contains(c)
}

/// One bit per BMP character that folds to another or vanishes: the
/// ignorable ones, the full-width forms, the keys of [`traditional_table`].
fn changing_bits() -> &'static BmpSet {
    static BITS: OnceLock<BmpSet> = OnceLock::new();
    BITS.get_or_init(|| {
        let mut set = traditional_bits().clone();
        // Every ignorable BMP char is at most U+3000 but for U+FEFF.
        ('\0'..='\u{3000}')
            .chain(['\u{FEFF}'])
            .filter(|&c| is_ignorable(c))
            .chain('\u{FF01}'..='\u{FF5E}')
            .for_each(|c| set.insert(c));
        set
    })
}

/// One bit per BMP character: set when [`traditional_table`] maps it.
pub(crate) fn traditional_bits() -> &'static BmpSet {
    static BITS: OnceLock<BmpSet> = OnceLock::new();
    BITS.get_or_init(|| traditional_table().keys().copied().collect())
}

/// True for characters that normalization drops: white space and the
/// zero-width characters U+200B–U+200D, U+2060 and U+FEFF.
#[inline]
pub fn is_ignorable(c: char) -> bool {
    // Nearly every char of a report is CJK, above every ignorable but
    // U+FEFF (white space ends at U+3000): one compare for them.
    if c > '\u{3000}' {
        return c == '\u{FEFF}';
    }
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}')
}

/// Can `b`, the first byte of a char's UTF-8, be that of an ignorable char?
/// Every ignorable char is ASCII up to the space or led by C2, E1, E2, E3
/// or EF; CJK chars, digits and letters are not: one byte tells that a
/// char (or a run of bytes) holds none.
#[inline]
pub(crate) fn may_lead_an_ignorable(b: u8) -> bool {
    b <= b' ' || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
}

/// Full-width ASCII (U+FF01–U+FF5E) to ASCII; other characters unchanged.
#[inline]
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Folds a whole string (the reference form used for patterns).
///
/// ```
/// use tifa_core::fold::fold_str;
/// assert_eq!(fold_str("全過程人\n民民主"), "全过程人民民主");
/// assert_eq!(fold_str("１＋９"), "1+9");
/// ```
pub fn fold_str(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// Traditional → simplified, closed under itself so that folding is
/// idempotent. Built once per process from OpenCC's character table.
pub(crate) fn traditional_table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for (trad, simp) in hanconv::RawDictionary::TSCharacters.iter() {
            let (Some(t), Some(s)) = (single_char(trad), single_char(simp)) else {
                continue;
            };
            if t != s {
                map.entry(t).or_insert(s);
            }
        }
        // Close the table: if a → b and b → c then a → c. Chains are short;
        // a cycle (none in OpenCC's table) would be cut after a few steps.
        let keys: Vec<char> = map.keys().copied().collect();
        for k in keys {
            let mut v = map[&k];
            for _ in 0..4 {
                match map.get(&v) {
                    Some(&next) if next != k => v = next,
                    _ => break,
                }
            }
            map.insert(k, v);
        }
        map.retain(|k, v| k != v);
        map
    })
}

fn single_char(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// Every character whose fold differs from itself and lands in `alphabet`
/// (or is ignorable): the characters the matcher must watch for in raw text.
pub(crate) fn watched_chars(alphabet: &std::collections::HashSet<char>) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    // Ignorables: every white-space character and the zero-width ones.
    for cp in 0u32..=0x3000 {
        if let Some(c) = char::from_u32(cp) {
            if is_ignorable(c) {
                out.push(c);
            }
        }
    }
    out.extend(['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}']);
    for &a in alphabet {
        if ('\u{21}'..='\u{7E}').contains(&a) {
            if let Some(w) = char::from_u32(a as u32 + 0xFEE0) {
                out.push(w);
            }
        }
    }
    for (&t, &s) in traditional_table() {
        if alphabet.contains(&s) {
            out.push(t);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignorables_are_white_space_and_the_zero_width_chars() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let plain =
                c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}');
            assert_eq!(is_ignorable(c), plain, "{:?}", c);
        }
    }

    /// Over every char: the one-bit path gives what the rules give, and
    /// `folds_differently` is false only where a char folds to itself.
    #[test]
    fn the_bit_agrees_with_the_rules_for_every_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(fold_char(c), fold_by_rules(c), "U+{:04X}", c as u32);
            if !folds_differently(c) {
                assert_eq!(fold_by_rules(c), Some(c), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn every_ignorable_char_is_led_by_a_byte_that_may_lead_one() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            if is_ignorable(c) {
                assert!(may_lead_an_ignorable(lead), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn folding_is_idempotent_on_the_whole_table() {
        for (&t, &s) in traditional_table() {
            assert_eq!(fold_char(s), Some(s), "{t} → {s} is not a fixed point");
            assert_eq!(fold_char(t), Some(s));
        }
    }

    #[test]
    fn width_and_ignorables() {
        assert_eq!(fold_str("ＡＢ　1\u{200B}2"), "AB12");
        assert!(is_ignorable('\u{3000}'));
        assert!(is_ignorable('\u{FEFF}'));
        assert!(!is_ignorable('、'));
    }

    #[test]
    fn spec_examples() {
        assert_eq!(fold_str("全過程人民民主"), "全过程人民民主");
        assert_eq!(fold_str("國家權力機關"), "国家权力机关");
    }
}
