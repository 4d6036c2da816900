//! Word lists looked up at a position of the text, through normalization.

use rustc_hash::FxHashMap as HashMap;

use crate::bmp::BmpSet;

use super::text::{char_at, word_at, written_char_at};

/// The longest word the lookup compares char by char; longer words (none
/// in the bundled lists) are compared by [`word_at`].
const WINDOW: usize = 12;

/// A word list indexed by first (normalized) char: the longest word a text
/// starts with, in one hash look-up and a few compares, whatever the list's
/// length (a linear scan of these lists was once the largest cost of
/// extraction after the phrase pass).
pub(crate) struct WordIndex {
    by_first: HashMap<char, Vec<Word>>,
    /// The first chars of the words, one bit each: most chars of a text
    /// start no word, and a bit test says so before the hash (the subject's
    /// verb search asks at every char of a clause).
    firsts: BmpSet,
    /// Some word starts with a char above the BMP (which `firsts` cannot
    /// hold): such a char goes to the hash.
    wide_firsts: bool,
    /// The longest word's length in bytes.
    longest_len: usize,
}

/// A word and its chars.
struct Word {
    text: &'static str,
    chars: Box<[char]>,
}

impl WordIndex {
    /// Indexes `words`; among words with one first char, longest first.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a &'static str>) -> WordIndex {
        let mut m: HashMap<char, Vec<Word>> = HashMap::default();
        for &w in words {
            if let Some(c) = w.chars().next() {
                m.entry(c).or_default().push(Word {
                    text: w,
                    chars: w.chars().collect(),
                });
            }
        }
        for v in m.values_mut() {
            v.sort_by_key(|w| std::cmp::Reverse(w.chars.len()));
            v.dedup_by_key(|w| w.text);
        }
        let longest_len = m
            .values()
            .flatten()
            .map(|w| w.text.len())
            .max()
            .unwrap_or(0);
        WordIndex {
            firsts: m.keys().copied().collect(),
            wide_firsts: m.keys().any(|&c| c as u32 >= 0x10000),
            by_first: m,
            longest_len,
        }
    }

    /// The longest word's length in bytes.
    #[inline]
    pub(crate) fn longest_len(&self) -> usize {
        self.longest_len
    }

    /// The longest word `text[at..limit]` starts with (normalized), and its
    /// length in the original.
    ///
    /// The text's chars are decoded and normalized once, as far as the
    /// longest candidate word reaches, and each word is compared with them
    /// (decoding again for every word of a first char cost more than the
    /// rest of reading a unit).
    #[inline]
    pub(crate) fn at(&self, text: &str, at: usize, limit: usize) -> Option<(&'static str, usize)> {
        let (c, len) = char_at(text, at, limit)?;
        let words = self.words_starting(c)?;
        let longest = words.first().map_or(0, |w| w.chars.len()).min(WINDOW);
        // For the text's char i (the first is the index key): raw/norm, that
        // char as written and normalized (a word matches either, as
        // `word_at`); ends, where it ends.
        let mut raw = ['\0'; WINDOW];
        let mut norm = ['\0'; WINDOW];
        let mut ends = [0usize; WINDOW];
        ends[0] = at + len;
        let mut decoded = 1;
        while decoded < longest {
            let from = ends[decoded - 1];
            let Some((r, n, len)) = written_char_at(text, from, limit) else {
                break;
            };
            (raw[decoded], norm[decoded], ends[decoded]) = (r, n, from + len);
            decoded += 1;
        }
        words.iter().find_map(|w| {
            let n = w.chars.len();
            if n > WINDOW {
                return word_at(text, at, limit, w.text).map(|len| (w.text, len));
            }
            let fits = n <= decoded
                && w.chars[1..]
                    .iter()
                    .enumerate()
                    .all(|(i, &wc)| raw[i + 1] == wc || norm[i + 1] == wc);
            fits.then(|| (w.text, ends[n - 1] - at))
        })
    }

    /// The longest word a plain `&str` starts with (subjects, already cut
    /// from the text).
    #[inline]
    pub(crate) fn prefix_of(&self, s: &str) -> Option<&'static str> {
        self.at(s, 0, s.len()).map(|(w, _)| w)
    }

    /// Does some word start with `c` (normalized)?
    #[inline]
    pub(crate) fn has_first(&self, c: char) -> bool {
        self.words_starting(c).is_some()
    }

    /// The first chars of the words.
    pub(crate) fn first_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.by_first.keys().copied()
    }

    /// The words that start with `c`, longest first.
    #[inline]
    fn words_starting(&self, c: char) -> Option<&Vec<Word>> {
        let maybe = self.firsts.contains(c) || self.wide_firsts && c as u32 >= 0x10000;
        if maybe {
            self.by_first.get(&c)
        } else {
            None
        }
    }

    /// The ends of every word that `s[at..]` starts with (plain text).
    pub(crate) fn all_at<'s>(&'s self, s: &'s str, at: usize) -> impl Iterator<Item = usize> + 's {
        let first = s[at..].chars().next();
        first
            .and_then(|c| self.words_starting(c))
            .into_iter()
            .flatten()
            .filter(move |w| s[at..].starts_with(w.text))
            .map(move |w| at + w.text.len())
    }

    /// The words, for tests.
    #[cfg(test)]
    pub(crate) fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.by_first.values().flatten().map(|w| w.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_finds_the_longest_word() {
        let words: &[&'static str] = &["人", "人次", "个", "个百分点", "个月"];
        let index = WordIndex::new(words);
        assert_eq!(index.at("人次多", 0, 9), Some(("人次", 6)));
        assert_eq!(index.at("個人", 0, 6), Some(("个", 3)));
        assert_eq!(index.at("個月", 0, 6), Some(("个月", 6)));
        assert_eq!(index.at("个百分", 0, 9), Some(("个", 3)));
        assert_eq!(index.at("人次", 0, 3), Some(("人", 3)), "the limit cuts 次");
        assert_eq!(index.prefix_of("次"), None);
    }

    proptest::proptest! {
        /// The same answer as comparing every word by `word_at`, longest
        /// first, on text with traditional, full-width and plain forms.
        #[test]
        fn equals_comparing_every_word(text in "[个個月人次百分点點兩两ＡA万萬 ]{0,8}", cut in 0usize..30) {
            let words: &[&'static str] = &["个", "个月", "个百分点", "人", "人次", "两", "两万", "A", "AA人", "万"];
            let index = WordIndex::new(words);
            let mut limit = cut.min(text.len());
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let mut by_length = words.to_vec();
            by_length.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            let plain = by_length
                .iter()
                .find_map(|w| word_at(&text, 0, limit, w).map(|len| (*w, len)));
            proptest::prop_assert_eq!(index.at(&text, 0, limit), plain);
        }
    }
}
