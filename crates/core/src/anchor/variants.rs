//! Traditional forms inside anchors: the watched characters the scan does
//! not test one by one.
//!
//! Testing every character of the text against the watched set cost a
//! third of the scan, and nearly all of it was spent on the ideographs
//! (lead bytes E4–E9), where the only watched characters are traditional
//! forms. So the scan tests only characters outside that block (white
//! space, full-width forms, punctuation) and finds the traditional forms
//! that matter through the anchors: a phrase written with traditional
//! forms and no white space inside (which the scan reports) holds, at its
//! anchor's place, one of the anchor's *spellings* (each character in its
//! own form or a traditional one); every spelling is a key, and where one
//! is found the phrase is compared folded, character by character
//! ([`fold_span`]). Its traditional characters are then reported like any
//! watched character, and the normalizing stream searches their paragraph
//! folded. A traditional form inside no folded occurrence changes no match,
//! and is not reported.

use rustc_hash::FxHashMap;

use crate::fold::{fold_char, folds_differently};

/// Characters the scan does not test: those with lead bytes E4–E9
/// (U+4000–U+9FFF, the ideographs).
#[inline(always)]
pub(super) fn is_hidden(c: char) -> bool {
    ('\u{4000}'..='\u{9FFF}').contains(&c)
}

/// For each character, its watched traditional forms the scan does not
/// test.
pub(super) struct Spellings {
    forms: FxHashMap<char, Vec<char>>,
}

/// Keys per anchor at most: a window with more spellings is passed over.
pub(super) const MAX_SPELLINGS: usize = 64;

impl Spellings {
    /// From the watched characters; `None` when a hidden one folds to a
    /// character of another length (its spellings would not be six bytes).
    pub(super) fn new(watched: &[char]) -> Option<Spellings> {
        let mut forms: FxHashMap<char, Vec<char>> = FxHashMap::default();
        for &t in watched.iter().filter(|&&c| is_hidden(c)) {
            let s = fold_char(t)?;
            if s.len_utf8() != t.len_utf8() {
                return None;
            }
            forms.entry(s).or_default().push(t);
        }
        Some(Spellings { forms })
    }

    /// Does some character of `pattern` have a hidden form?
    pub(super) fn any_in(&self, pattern: &str) -> bool {
        pattern.chars().any(|c| self.forms.contains_key(&c))
    }

    /// Every spelling of the `len` bytes of `pattern` at `offset` (a
    /// character start): the window itself first, then each combination of
    /// the hidden forms of the characters it touches (a character cut by
    /// the window's end gives its first bytes). `None` above
    /// [`MAX_SPELLINGS`].
    pub(super) fn of_window(
        &self,
        pattern: &str,
        offset: usize,
        len: usize,
    ) -> Option<Vec<Vec<u8>>> {
        let mut out: Vec<Vec<u8>> = vec![Vec::new()];
        for (j, c) in pattern[offset..].char_indices() {
            if j >= len {
                break;
            }
            let mut forms = vec![c];
            forms.extend(self.forms.get(&c).into_iter().flatten());
            if out.len() * forms.len() > MAX_SPELLINGS {
                return None;
            }
            let take = c.len_utf8().min(len - j);
            out = out
                .iter()
                .flat_map(|prefix| {
                    forms.iter().map(move |f| {
                        let mut buf = [0u8; 4];
                        let mut key = prefix.clone();
                        key.extend_from_slice(&f.encode_utf8(&mut buf).as_bytes()[..take]);
                        key
                    })
                })
                .collect();
        }
        Some(out)
    }
}

/// Where `pattern` occurs folded, its bytes from `offset` lying at `i` of
/// `text`, with no ignorable character inside: each raw character folds to
/// the pattern's character at its place. The raw span.
pub(super) fn fold_span(
    text: &str,
    i: usize,
    pattern: &str,
    offset: usize,
) -> Option<(usize, usize)> {
    // Most candidates fail at a character that folds to itself.
    let same =
        |rc: char, pc: char| rc == pc || (folds_differently(rc) && fold_char(rc) == Some(pc));
    let mut end = i;
    for pc in pattern[offset..].chars() {
        let rc = text.get(end..)?.chars().next()?;
        if !same(rc, pc) {
            return None;
        }
        end += rc.len_utf8();
    }
    let mut start = i;
    for pc in pattern[..offset].chars().rev() {
        let rc = text.get(..start)?.chars().next_back()?;
        if !same(rc, pc) {
            return None;
        }
        start -= rc.len_utf8();
    }
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_a_window() {
        let s = Spellings::new(&['國', '權', '\n', '１']).expect("spellings");
        let keys = s.of_window("国家权力", 0, 6).expect("few");
        let text: Vec<String> = keys
            .iter()
            .map(|k| String::from_utf8_lossy(k).into())
            .collect();
        assert_eq!(text, ["国家", "國家"]);
        assert_eq!(s.of_window("家权力", 0, 6).expect("few").len(), 2);
        // A cut character gives its first bytes in every form.
        let cut = s.of_window("ab国", 0, 4).expect("few");
        assert_eq!(cut, [b"ab\xE5\x9B".to_vec(), b"ab\xE5\x9C".to_vec()]);
        assert!(s.any_in("国家") && !s.any_in("人民"));
    }

    #[test]
    fn folded_spans() {
        assert_eq!(fold_span("在國家權力中", 3, "国家权力", 0), Some((3, 15)));
        assert_eq!(fold_span("在國家權力中", 9, "国家权力", 6), Some((3, 15)));
        assert_eq!(fold_span("國家\n權力", 0, "国家权力", 0), None);
        assert_eq!(fold_span("国家", 0, "国家权力", 0), None);
    }
}
