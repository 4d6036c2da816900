//! The [`Matcher`]: finds and counts a lexicon's formulations in text with
//! the semantics of SPEC §1.2–1.3.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::count::Counts;
use crate::engine::{Engine, Strategy};
use crate::error::Error;
use crate::expand::find_expansions;
use crate::fold::fold_str;
use crate::hit::Hit;
use crate::lexicon::{EntryId, Lexicon};
use crate::pieces::{for_each_piece, sentence_cuts, sentence_pieces, PIECE, SENTENCE_END};
use crate::quotes::is_quoted;

/// How an occurrence was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// The phrase or one of its variants, written out.
    Literal,
    /// All members of the entry, as one list in one sentence (SPEC §1.3).
    Expanded,
}

impl Form {
    /// `literal` or `expanded`.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Literal => "literal",
            Form::Expanded => "expanded",
        }
    }
}

/// One occurrence of an entry.
///
/// Invariants: `start <= end`, both on char boundaries of the searched
/// text, and `text[start..end]` is the occurrence as written (with any line
/// breaks or spaces inside it); `char_start`/`char_end` are the same span in
/// Unicode scalar values. For an expanded occurrence the span runs from the
/// first listed member to the last.
///
/// ```
/// use tifa_core::{Form, Lexicon, Matcher};
/// let matcher = Matcher::new(&Lexicon::builtin())?;
/// let text = "坚持“一府一委两院”\n工作格局，发展全过程人\n民民主。";
/// let found: Vec<_> = matcher.find_iter(text).collect();
/// assert_eq!(found.len(), 2);
/// assert_eq!(found[0].phrase(), "一府一委两院");
/// assert!(found[0].quoted());
/// assert_eq!(found[1].phrase(), "全过程人民民主");
/// assert_eq!(&text[found[1].span()], "全过程人\n民民主");
/// assert_eq!(found[1].form(), Form::Literal);
/// # Ok::<(), tifa_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'m> {
    entry: EntryId,
    phrase: &'m str,
    category: &'m str,
    variant: &'m str,
    form: Form,
    quoted: bool,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
}

impl<'m> Match<'m> {
    /// The entry's id in the matcher's lexicon.
    pub fn entry(&self) -> EntryId {
        self.entry
    }
    /// The entry's canonical phrase.
    pub fn phrase(&self) -> &'m str {
        self.phrase
    }
    /// The entry's category.
    pub fn category(&self) -> &'m str {
        self.category
    }
    /// The lexicon form that matched: the phrase or one of its variants, as
    /// written in the lexicon (the text may differ by folding). For an
    /// expanded occurrence, the phrase.
    pub fn variant(&self) -> &'m str {
        self.variant
    }
    /// Literal or expanded.
    pub fn form(&self) -> Form {
        self.form
    }
    /// True when the occurrence stands between a pair of quotation marks
    /// (“…”, 「…」, 『…』, ‘…’, "…", '…', ＂…＂).
    pub fn quoted(&self) -> bool {
        self.quoted
    }
    /// Byte offset of the first byte.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset one past the last byte.
    pub fn end(&self) -> usize {
        self.end
    }
    /// The byte span.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
    /// Unicode scalar offset of the first char.
    pub fn char_start(&self) -> usize {
        self.char_start
    }
    /// Unicode scalar offset one past the last char.
    pub fn char_end(&self) -> usize {
        self.char_end
    }
}

/// Configures and builds a [`Matcher`].
///
/// ```
/// use tifa_core::{Lexicon, MatcherBuilder};
/// let matcher = MatcherBuilder::new().overlapping(true).build(&Lexicon::builtin())?;
/// let phrases: Vec<_> = matcher.find_iter("一府一委两院").map(|m| m.phrase()).collect();
/// assert_eq!(phrases, ["一府一委两院", "两院"]);
/// # Ok::<(), tifa_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct MatcherBuilder {
    overlapping: bool,
    strict: bool,
    expansions: bool,
    strategy: Strategy,
}

impl Default for MatcherBuilder {
    fn default() -> Self {
        MatcherBuilder {
            overlapping: false,
            strict: false,
            expansions: true,
            strategy: Strategy::Auto,
        }
    }
}

impl MatcherBuilder {
    /// The default configuration: leftmost-longest, normalizing, with
    /// enumerated expansions, automatic strategy.
    pub fn new() -> MatcherBuilder {
        MatcherBuilder::default()
    }

    /// Report every occurrence of every phrase, nested ones included,
    /// instead of leftmost-longest non-overlapping matches.
    pub fn overlapping(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.overlapping = yes;
        self
    }

    /// Turn all normalization off: phrases match only byte for byte
    /// (no white-space skipping, no width or traditional folding).
    pub fn strict(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.strict = yes;
        self
    }

    /// Look for enumerated expansions (SPEC §1.3); on by default. Off saves
    /// the second pass that finds members.
    pub fn expansions(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.expansions = yes;
        self
    }

    /// The automaton to run on. Results never depend on it.
    pub fn strategy(&mut self, strategy: Strategy) -> &mut MatcherBuilder {
        self.strategy = strategy;
        self
    }

    /// Builds the matcher for `lexicon` (which is copied into it).
    pub fn build(&self, lexicon: &Lexicon) -> Result<Matcher, Error> {
        let key = |s: &str| -> String {
            if self.strict {
                s.trim().to_string()
            } else {
                fold_str(s)
            }
        };
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<(EntryId, u16)> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut member_patterns: Vec<String> = Vec::new();
        let mut member_targets: Vec<Vec<(EntryId, u8)>> = Vec::new();
        let mut member_seen: HashMap<String, usize> = HashMap::new();
        let mut full_masks = vec![0u64; lexicon.len()];
        for (id, entry) in lexicon.iter() {
            for (k, form) in entry.forms().enumerate() {
                let p = key(form);
                if p.is_empty() || seen.contains_key(&p) {
                    continue;
                }
                seen.insert(p.clone(), patterns.len());
                patterns.push(p);
                targets.push((id, k.min(u16::MAX as usize) as u16));
            }
            if !self.expansions {
                continue;
            }
            let mut distinct: Vec<String> = Vec::new();
            for member in &entry.members {
                let p = key(member);
                if !p.is_empty() && !distinct.contains(&p) {
                    distinct.push(p);
                }
            }
            for (bit, p) in distinct.into_iter().enumerate().take(64) {
                full_masks[id.index()] |= 1u64 << bit;
                let pid = *member_seen.entry(p.clone()).or_insert_with(|| {
                    member_patterns.push(p);
                    member_targets.push(Vec::new());
                    member_patterns.len() - 1
                });
                member_targets[pid].push((id, bit as u8));
            }
        }
        let splittable = !patterns
            .iter()
            .chain(&member_patterns)
            .any(|p| p.contains(SENTENCE_END));
        let normalize = !self.strict;
        let phrases = Engine::new(&patterns, normalize, self.strategy)?;
        let members = if member_patterns.is_empty() {
            None
        } else {
            Some(Engine::new(&member_patterns, normalize, self.strategy)?)
        };
        Ok(Matcher {
            inner: Arc::new(Inner {
                lexicon: lexicon.clone(),
                options: self.clone(),
                phrases,
                targets,
                members,
                member_targets,
                full_masks,
                splittable,
            }),
        })
    }
}

/// Finds and counts a lexicon's formulations. Built once (the automata are
/// compiled at build time), then used for any number of texts; cheap to
/// clone (an `Arc`) and `Send + Sync`, so one matcher serves every thread.
///
/// ```
/// use tifa_core::{Lexicon, Matcher};
/// let matcher = Matcher::new(&Lexicon::builtin())?;
/// let text = "坚持和完善人民代表大会制度，建设政治机关、国家权力机关、工作机关和代表机关。";
/// let counts = matcher.count(text);
/// let lexicon = matcher.lexicon();
/// let four = lexicon.find("四个机关").unwrap();
/// assert_eq!(counts.literal(four), 0);
/// assert_eq!(counts.expanded(four), 1);
/// assert_eq!(counts.literal(lexicon.find("人民代表大会制度").unwrap()), 1);
/// # Ok::<(), tifa_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Matcher {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    lexicon: Lexicon,
    options: MatcherBuilder,
    phrases: Engine,
    /// Phrase pattern id → (entry, form index: 0 the phrase, i variant i-1).
    targets: Vec<(EntryId, u16)>,
    members: Option<Engine>,
    /// Member pattern id → the entries (and member bit) it belongs to.
    member_targets: Vec<Vec<(EntryId, u8)>>,
    /// Per entry: the bits of all its members.
    full_masks: Vec<u64>,
    /// No pattern (phrase or member) holds a sentence end 。, so no match
    /// and no enumerated list crosses one: a text may be counted in pieces
    /// cut after a 。.
    splittable: bool,
}

/// Smallest piece worth cutting off.
const MIN_PIECE: usize = 1 << 20;
/// Pieces per thread in [`Matcher::count_parallel`].
const PIECES_PER_THREAD: usize = 4;

impl Matcher {
    /// A matcher with the default configuration ([`MatcherBuilder::new`]).
    pub fn new(lexicon: &Lexicon) -> Result<Matcher, Error> {
        MatcherBuilder::new().build(lexicon)
    }

    /// A builder, to configure one.
    pub fn builder() -> MatcherBuilder {
        MatcherBuilder::new()
    }

    /// The lexicon the matcher was built from.
    pub fn lexicon(&self) -> &Lexicon {
        &self.inner.lexicon
    }

    /// True when built with [`MatcherBuilder::overlapping`].
    pub fn is_overlapping(&self) -> bool {
        self.inner.options.overlapping
    }

    /// True when built with [`MatcherBuilder::strict`].
    pub fn is_strict(&self) -> bool {
        self.inner.options.strict
    }

    /// Every occurrence in `text`, literal and expanded, ordered by start
    /// (longer first at the same start).
    ///
    /// The matches of one call are gathered before the first is yielded
    /// (normalization may revisit a paragraph), so the cost is one
    /// allocation per call, none per match.
    pub fn find_iter<'m>(&'m self, text: &str) -> FindIter<'m> {
        FindIter {
            inner: self.find_all(text).into_iter(),
        }
    }

    fn find_all<'m>(&'m self, text: &str) -> Vec<Match<'m>> {
        let inner = &*self.inner;
        let mut out: Vec<Match<'m>> = Vec::new();
        inner
            .phrases
            .run(text, inner.options.overlapping, &mut |h: Hit| {
                let (entry, k) = inner.targets[h.pid];
                let e = inner.lexicon.entry(entry);
                let variant = if k == 0 {
                    e.phrase.as_str()
                } else {
                    e.variants[k as usize - 1].as_str()
                };
                out.push(Match {
                    entry,
                    phrase: &e.phrase,
                    category: &e.category,
                    variant,
                    form: Form::Literal,
                    quoted: is_quoted(text, h.start, h.end),
                    start: h.start,
                    end: h.end,
                    char_start: 0,
                    char_end: 0,
                });
            });
        if let Some(members) = &inner.members {
            find_expansions(
                members,
                &inner.member_targets,
                &inner.full_masks,
                text,
                &mut |entry, start, end| {
                    let e = inner.lexicon.entry(entry);
                    out.push(Match {
                        entry,
                        phrase: &e.phrase,
                        category: &e.category,
                        variant: &e.phrase,
                        form: Form::Expanded,
                        quoted: false,
                        start,
                        end,
                        char_start: 0,
                        char_end: 0,
                    });
                },
            );
        }
        out.sort_by(|a, b| {
            (a.start, std::cmp::Reverse(a.end), a.form, a.entry).cmp(&(
                b.start,
                std::cmp::Reverse(b.end),
                b.form,
                b.entry,
            ))
        });
        let (mut byte, mut chars) = (0usize, 0usize);
        for m in &mut out {
            chars += text[byte..m.start].chars().count();
            byte = m.start;
            m.char_start = chars;
            m.char_end = chars + text[m.start..m.end].chars().count();
        }
        out
    }

    /// Byte spans of the literal matches, in text order, without building
    /// match records (for the number extractor, which only needs to know
    /// what text the lexicon covers).
    pub(crate) fn literal_spans(&self, text: &str) -> Vec<Range<usize>> {
        let mut spans = Vec::new();
        self.inner
            .phrases
            .run(text, self.inner.options.overlapping, &mut |h: Hit| {
                spans.push(h.start..h.end)
            });
        spans
    }

    /// Counts of every entry in `text`, literal and expanded. Builds no
    /// match records.
    pub fn count(&self, text: &str) -> Counts {
        let mut counts = Counts::new(self.inner.lexicon.len());
        self.count_into(text, &mut counts);
        counts
    }

    /// [`Matcher::count`], piece by piece (cut after sentence ends, as
    /// [`Matcher::count_parallel`] cuts), asking `stop` before each piece:
    /// `None` as soon as it says to stop. The counts are those of `count`.
    pub fn count_until(&self, text: &str, stop: impl FnMut() -> bool) -> Option<Counts> {
        let mut counts = Counts::new(self.inner.lexicon.len());
        let ranges = self.pieces(text, PIECE);
        let done = for_each_piece(text, ranges, stop, |piece, _| {
            self.count_into(piece, &mut counts)
        });
        done.then_some(counts)
    }

    /// Can a text be cut after a sentence end: does no pattern hold a 。?
    pub(crate) fn splittable(&self) -> bool {
        self.inner.splittable
    }

    /// The pieces a long text may be worked in: cut after sentence ends
    /// when no pattern holds one, else the whole text.
    pub(crate) fn pieces<'t>(
        &self,
        text: &'t str,
        size: usize,
    ) -> Box<dyn Iterator<Item = std::ops::Range<usize>> + 't> {
        if self.inner.splittable {
            Box::new(sentence_pieces(text, size))
        } else {
            Box::new(std::iter::once(0..text.len()))
        }
    }

    /// The counts of `text` on up to `threads` threads: a long text (a
    /// megabyte a thread or more) is cut right after sentence ends (。) into
    /// pieces counted at once and summed. No match and no enumerated list
    /// crosses a sentence end, so the counts are those of [`Matcher::count`]
    /// (a lexicon with a phrase holding 。 is counted on one thread).
    ///
    /// ```
    /// use tifa_core::{Lexicon, Matcher};
    /// let m = Matcher::new(&Lexicon::builtin())?;
    /// let text = "坚持一府一委两院。".repeat(200_000);
    /// assert_eq!(m.count_parallel(&text, 2), m.count(&text));
    /// # Ok::<(), tifa_core::Error>(())
    /// ```
    pub fn count_parallel(&self, text: &str, threads: usize) -> Counts {
        let threads = threads.max(1);
        // Four pieces a thread, taken in turn: pieces of equal size are not
        // equal work (phrase density varies), and the thread that finishes
        // first takes the next one instead of waiting.
        let pieces = (threads * PIECES_PER_THREAD)
            .min(text.len() / MIN_PIECE)
            .max(1);
        self.count_pieces_on(text, pieces, threads.min(pieces))
    }

    /// [`Matcher::count_parallel`] with the number of pieces given, on as
    /// many threads (tests use small texts cut into many pieces).
    #[doc(hidden)]
    pub fn count_in_pieces(&self, text: &str, pieces: usize) -> Counts {
        self.count_pieces_on(text, pieces, pieces)
    }

    /// Cuts `text` into up to `pieces` pieces after sentence ends and counts
    /// them on `threads` threads (this one included), each taking the next
    /// uncounted piece.
    fn count_pieces_on(&self, text: &str, pieces: usize, threads: usize) -> Counts {
        let cuts = if self.inner.splittable {
            sentence_cuts(text, pieces)
        } else {
            Vec::new()
        };
        if cuts.is_empty() {
            return self.count(text);
        }
        let mut bounds = Vec::with_capacity(cuts.len() + 2);
        bounds.push(0);
        bounds.extend(cuts);
        bounds.push(text.len());
        let next = std::sync::atomic::AtomicUsize::new(0);
        let work = || {
            let mut counts = Counts::new(self.inner.lexicon.len());
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(w) = bounds.get(i..i + 2) else {
                    break;
                };
                self.count_into(&text[w[0]..w[1]], &mut counts);
            }
            counts
        };
        let threads = threads.clamp(1, bounds.len() - 1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
            let mut total = work();
            for h in handles {
                match h.join() {
                    Ok(c) => total.add(&c),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            total
        })
    }

    /// Adds the counts of `text` to `counts` (which must have been made for
    /// this matcher's lexicon: `Counts::new(matcher.lexicon().len())`).
    pub fn count_into(&self, text: &str, counts: &mut Counts) {
        let inner = &*self.inner;
        counts.ensure_len(inner.lexicon.len());
        inner
            .phrases
            .run(text, inner.options.overlapping, &mut |h: Hit| {
                counts.add_literal(inner.targets[h.pid].0, 1);
            });
        if let Some(members) = &inner.members {
            find_expansions(
                members,
                &inner.member_targets,
                &inner.full_masks,
                text,
                &mut |entry, _, _| counts.add_expanded(entry, 1),
            );
        }
    }
}

/// The iterator of [`Matcher::find_iter`].
#[derive(Debug)]
pub struct FindIter<'m> {
    inner: std::vec::IntoIter<Match<'m>>,
}

impl<'m> Iterator for FindIter<'m> {
    type Item = Match<'m>;
    fn next(&mut self) -> Option<Match<'m>> {
        self.inner.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl ExactSizeIterator for FindIter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matcher_is_send_sync_and_clone_shares_the_automata() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Matcher>();
        let m = Matcher::new(&Lexicon::builtin()).unwrap();
        let c = m.clone();
        assert!(Arc::ptr_eq(&m.inner, &c.inner));
        let handle = std::thread::spawn(move || c.count("一府一委两院").total_literal());
        assert_eq!(handle.join().unwrap(), 1);
    }
}
