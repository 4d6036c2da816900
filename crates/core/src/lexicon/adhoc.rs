//! Phrases a run asks for that the lexicon lacks. Every front end (`count
//! --phrases`, `trend`, `kwic`, `tifa_count(text, 'X')` in SQL, the
//! server's `phrases`) adds them for that run with category
//! [`DEFAULT_CATEGORY`] (`custom`) instead of refusing them (SPEC §4), so
//! they take part in leftmost-longest matching like any entry; and each
//! front end gives the same "did you mean" hint from [`Lexicon::nearest`].

use std::collections::HashSet;

use super::{Entry, EntryId, Lexicon, DEFAULT_CATEGORY};
use crate::error::Error;
use crate::fold::fold_str;

/// A lexicon with the asked-for phrases it lacked added (see
/// [`Lexicon::with_phrases`]).
#[derive(Debug, Clone)]
pub struct AdHoc {
    /// The lexicon, the added entries at its end.
    pub lexicon: Lexicon,
    /// The phrases that were added, in the order asked for.
    pub added: Vec<String>,
    /// For each phrase asked for (in order, blanks dropped), the entry it
    /// names: the lexicon entry one of whose forms it is, or the added one.
    pub wanted: Vec<EntryId>,
}

impl Lexicon {
    /// This lexicon with every phrase of `phrases` that is none of its
    /// forms (compared after folding, so 全過程人民民主 names
    /// 全过程人民民主) added as an entry of category `custom`. Blank phrases
    /// are ignored; a phrase asked for twice is added once.
    ///
    /// ```
    /// use tifa_core::Lexicon;
    /// let adhoc = Lexicon::builtin().with_phrases(&["改革开放", "全過程人民民主"])?;
    /// assert_eq!(adhoc.added, ["改革开放"]);
    /// assert_eq!(adhoc.lexicon.entry(adhoc.wanted[0]).category, "custom");
    /// assert_eq!(adhoc.lexicon.entry(adhoc.wanted[1]).phrase, "全过程人民民主");
    /// # Ok::<(), tifa_core::Error>(())
    /// ```
    pub fn with_phrases<S: AsRef<str>>(&self, phrases: &[S]) -> Result<AdHoc, Error> {
        let asked: Vec<&str> = phrases
            .iter()
            .map(|p| p.as_ref().trim())
            .filter(|p| !fold_str(p).is_empty())
            .collect();
        let mut seen = HashSet::new();
        let added: Vec<String> = asked
            .iter()
            .filter(|p| self.find_form(p).is_none() && seen.insert(fold_str(p)))
            .map(|p| p.to_string())
            .collect();
        let mut lexicon = self.clone();
        if !added.is_empty() {
            let entries = added
                .iter()
                .map(|p| Entry::new(p.clone(), DEFAULT_CATEGORY))
                .collect();
            lexicon.merge(Lexicon::from_entries(entries, "<asked for>")?)?;
        }
        let wanted = asked.iter().filter_map(|p| lexicon.find_form(p)).collect();
        Ok(AdHoc {
            lexicon,
            added,
            wanted,
        })
    }

    /// Up to `n` phrases of the lexicon close to `phrase` — holding at
    /// least half of its distinct characters — those sharing the most
    /// first (ties in phrase order), for a "did you mean" hint; empty when
    /// none is that close.
    pub fn nearest(&self, phrase: &str, n: usize) -> Vec<&str> {
        let folded = fold_str(phrase);
        let chars: HashSet<char> = folded.chars().collect();
        let half = chars.len().div_ceil(2).max(1);
        let mut scored: Vec<(usize, &str)> = self
            .entries
            .iter()
            .filter_map(|e| {
                let theirs = fold_str(&e.phrase);
                let mine: HashSet<char> = theirs.chars().collect();
                (theirs != folded).then(|| (mine.intersection(&chars).count(), e.phrase.as_str()))
            })
            .filter(|(shared, _)| *shared >= half)
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        scored.into_iter().take(n).map(|(_, p)| p).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_forms_are_found_and_unknown_ones_added_once() {
        let base = Lexicon::builtin();
        let adhoc = base
            .with_phrases(&["改革开放", " ", "改革開放", "两院", "代表之家"])
            .unwrap();
        assert_eq!(adhoc.added, ["改革开放"]);
        assert_eq!(adhoc.lexicon.len(), base.len() + 1);
        let names: Vec<&str> = adhoc
            .wanted
            .iter()
            .map(|&id| adhoc.lexicon.entry(id).phrase.as_str())
            .collect();
        assert_eq!(names, ["改革开放", "改革开放", "两院", "人大代表之家"]);
    }

    #[test]
    fn nothing_added_leaves_the_lexicon_as_it_was() {
        let base = Lexicon::builtin();
        let adhoc = base.with_phrases(&["两院"]).unwrap();
        assert!(adhoc.added.is_empty());
        assert_eq!(adhoc.lexicon, base);
    }

    #[test]
    fn nearest_ranks_by_shared_characters() {
        let lex = Lexicon::builtin();
        let near = lex.nearest("全过程人民民煮", 3);
        assert_eq!(near[0], "全过程人民民主");
        // 一 twice is one shared character: 一带一路 is not near 一府一委.
        assert_eq!(lex.nearest("一府一委", 3), ["一府一委两院", "一府两院"]);
        assert!(lex.nearest("㐀", 3).is_empty());
    }
}
