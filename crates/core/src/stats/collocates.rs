//! Collocates of a phrase: the words around each of its matches, counted
//! over documents and scored with the measures of
//! [`collocation`](mod@super::collocation) (`tifa collocates`, the
//! server's `/v1/collocates`, Python's `tifa.collocates`).
//!
//! ## Tokens
//! A document is first **folded** as the matcher folds (white space and
//! zero-width characters dropped, traditional → simplified, full-width →
//! ASCII; not with a strict matcher), so that a phrase broken by a line
//! break or written in traditional characters has the same neighbours as
//! its plain form. Then:
//! 1. every literal match of the [`Matcher`] (the node and every other
//!    lexicon phrase) is one token, named by its entry's canonical phrase:
//!    phrases are kept whole, and a variant counts as its entry (of
//!    overlapping matches, the first, longest first, is kept);
//! 2. the text between matches is cut into words by jieba-rs (its default
//!    dictionary, with its HMM for unknown words) — or, with
//!    [`Unit::Chars`]`(n)`, into the character n-grams of each run of
//!    letters and digits (a run shorter than n gives none);
//! 3. a **word** is a token with at least one letter or digit (Unicode
//!    alphabetic or numeric: every Han character, Latin letters, digits);
//!    punctuation, symbols and white space are not words and take no
//!    place in a window.
//!
//! Windows never cross the edge of a document.
//!
//! ## The counting model (Evert 2008, surface co-occurrence)
//! - **N**: the words of all the documents (node occurrences included);
//! - **f_n**: the node's occurrences (its literal matches: `count` of
//!   `tifa count` for the phrase);
//! - **f_c**: a collocate's occurrences among the N words;
//! - the **window** of an occurrence: the `window` words on each side of
//!   it (span k = 2·window), fewer at a document's edge;
//! - **W**: the words covered by the windows, each counted once even when
//!   two occurrences' windows overlap, and never an occurrence of the node
//!   itself (the node is not its own collocate). W = k·f_n when no window
//!   is cut short or shared;
//! - **O**: the occurrences of the collocate among those W words;
//! - **E** = W·f_c/N (= k·f_n·f_c/N when W = k·f_n).
//!
//! Counting each covered word once keeps the 2×2 table (window words
//! against the rest) a partition of the corpus: O ≤ f_c, O ≤ W, and every
//! cell of the log-likelihood is ≥ 0.
//!
//! A collocate is listed when O ≥ `min_co` and f_c ≥ `min_freq`. G² is
//! printed **signed** (Evert 2008): negative when O < E, a word that keeps
//! away from the node; MI and t-score carry that sign already. Rows are
//! sorted by the chosen measure, largest first.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use jieba_rs::Jieba;
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::collocation::{log_likelihood, mutual_information, t_score, Cooccurrence};
use super::round_to;
use crate::fold::fold_str;
use crate::lexicon::{EntryId, Lexicon};
use crate::matcher::{Form, Matcher};
use crate::options::MatchOptions;
use crate::Error;

/// The largest window accepted (words each side): far beyond any
/// collocation span in use, and small enough that no count overflows.
pub const MAX_WINDOW: usize = 1000;
/// The largest n of character n-grams.
pub const MAX_NGRAM: usize = 16;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Words of jieba-rs (lexicon phrases kept whole).
    Words,
    /// Character n-grams of this length (lexicon phrases kept whole).
    Chars(usize),
}

/// The measure rows are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    /// Signed log-likelihood G².
    #[default]
    G2,
    /// Mutual information.
    Mi,
    /// t-score.
    T,
}

impl Measure {
    /// The measure named `g2`, `mi` or `t`.
    pub fn from_name(name: &str) -> Option<Measure> {
        match name {
            "g2" => Some(Measure::G2),
            "mi" => Some(Measure::Mi),
            "t" => Some(Measure::T),
            _ => None,
        }
    }
}

/// How to count and which rows to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CollocateOptions {
    /// Words on each side of a match (1 ..= [`MAX_WINDOW`]).
    pub window: usize,
    /// Words or character n-grams.
    pub unit: Unit,
    /// Keep collocates with at least this frequency f_c in the corpus.
    pub min_freq: u64,
    /// Keep collocates seen at least this often (O) in the windows.
    pub min_co: u64,
    /// Sort by this measure.
    pub sort: Measure,
    /// Keep only the first rows.
    pub top: Option<usize>,
}

impl Default for CollocateOptions {
    fn default() -> Self {
        CollocateOptions {
            window: 5,
            unit: Unit::Words,
            min_freq: 2,
            min_co: 2,
            sort: Measure::G2,
            top: None,
        }
    }
}

impl CollocateOptions {
    /// An error naming the option that is out of range.
    pub fn check(&self) -> Result<(), Error> {
        if !(1..=MAX_WINDOW).contains(&self.window) {
            return Err(Error::Options(format!(
                "window: {} is out of range; give 1 to {MAX_WINDOW} words on each side",
                self.window
            )));
        }
        if let Unit::Chars(n) = self.unit {
            if !(1..=MAX_NGRAM).contains(&n) {
                return Err(Error::Options(format!(
                    "chars: {n} is out of range; give n-grams of 1 to {MAX_NGRAM} characters"
                )));
            }
        }
        Ok(())
    }
}

/// The node: a phrase of the lexicon (or added to it for the search) and
/// the matcher that finds it and keeps the other phrases whole.
#[derive(Debug)]
pub struct Node {
    /// Finds the node and the lexicon's phrases.
    pub matcher: Matcher,
    /// The node's entry in the matcher's lexicon.
    pub entry: EntryId,
    /// True when the phrase was not in the lexicon and was added (category
    /// `custom`).
    pub added: bool,
}

impl Node {
    /// The node `phrase` (a phrase or a variant of `lexicon`, in any
    /// folding; else added to it) with a matcher built with `options`.
    pub fn new(lexicon: &Lexicon, options: MatchOptions, phrase: &str) -> Result<Node, Error> {
        let adhoc = lexicon.with_phrases(&[phrase])?;
        let Some(&entry) = adhoc.wanted.first() else {
            return Err(Error::Options(
                "phrase: give the phrase whose collocates to list (it is empty)".to_string(),
            ));
        };
        Ok(Node {
            matcher: options.build(&adhoc.lexicon)?,
            entry,
            added: !adhoc.added.is_empty(),
        })
    }
}

/// The co-occurrence counts of one node over some documents; documents
/// counted apart (on several threads) add up with [`CollocateCounts::add`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CollocateCounts {
    /// N: words of the documents.
    pub corpus: u64,
    /// f_n: occurrences of the node.
    pub node: u64,
    /// W: words covered by the windows.
    pub window: u64,
    /// f_c of every word.
    pub freq: HashMap<String, u64>,
    /// O of every word seen in a window.
    pub observed: HashMap<String, u64>,
}

impl CollocateCounts {
    /// The counts of one document: its tokens ([`tokens`]), the node's
    /// occurrences among them, and the words their windows cover.
    pub fn of_document(
        matcher: &Matcher,
        node: EntryId,
        text: &str,
        opts: &CollocateOptions,
    ) -> CollocateCounts {
        let text = folded(matcher, text);
        let toks = tokens(matcher, &text, opts.unit);
        let mut counts = CollocateCounts {
            corpus: toks.len() as u64,
            ..CollocateCounts::default()
        };
        for t in &toks {
            *counts.freq.entry(t.word.to_string()).or_default() += 1;
        }
        for i in covered(&toks, node, opts.window) {
            counts.window += 1;
            *counts.observed.entry(toks[i].word.to_string()).or_default() += 1;
        }
        counts.node = toks.iter().filter(|t| t.entry == Some(node)).count() as u64;
        counts
    }

    /// Adds the counts of other documents.
    pub fn add(&mut self, other: CollocateCounts) {
        self.corpus += other.corpus;
        self.node += other.node;
        self.window += other.window;
        for (w, n) in other.freq {
            *self.freq.entry(w).or_default() += n;
        }
        for (w, n) in other.observed {
            *self.observed.entry(w).or_default() += n;
        }
    }

    /// The scored collocates of `node_phrase`, filtered, sorted and cut as
    /// `opts` says.
    pub fn collocates(&self, node_phrase: &str, opts: &CollocateOptions) -> Collocates {
        let mut rows: Vec<CollocateRow> = self
            .observed
            .iter()
            .filter_map(|(word, &o)| {
                let f_c = self.freq.get(word).copied().unwrap_or(0);
                (o >= opts.min_co && f_c >= opts.min_freq)
                    .then(|| self.row(word, o, f_c))
                    .flatten()
            })
            .collect();
        rows.sort_by(|a, b| {
            let (x, y) = (a.measure(opts.sort), b.measure(opts.sort));
            // Undefined values last; then the most frequent, then by word.
            y.is_some()
                .cmp(&x.is_some())
                .then_with(|| y.unwrap_or(0.0).total_cmp(&x.unwrap_or(0.0)))
                .then_with(|| b.observed.cmp(&a.observed))
                .then_with(|| a.collocate.cmp(&b.collocate))
        });
        if let Some(top) = opts.top {
            rows.truncate(top);
        }
        Collocates {
            node: node_phrase.to_string(),
            node_freq: self.node,
            window_words: self.window,
            corpus_words: self.corpus,
            rows,
        }
    }

    /// One collocate scored; `None` when E is undefined (cannot happen for
    /// a word seen in a window, but no panic if it did).
    fn row(&self, word: &str, observed: u64, freq: u64) -> Option<CollocateRow> {
        let c = Cooccurrence {
            observed,
            node: self.node,
            collocate: freq,
            window: self.window,
            corpus: self.corpus,
        };
        let expected = c.expected()?;
        let sign = if (observed as f64) < expected {
            -1.0
        } else {
            1.0
        };
        Some(CollocateRow {
            collocate: word.to_string(),
            observed,
            freq,
            expected,
            g2: log_likelihood(&c).map(|g| sign * g),
            mi: mutual_information(&c),
            t: t_score(&c),
        })
    }
}

/// The collocates of a node, with the totals of the counting model.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Collocates {
    /// The node's canonical phrase.
    pub node: String,
    /// f_n.
    pub node_freq: u64,
    /// W.
    pub window_words: u64,
    /// N.
    pub corpus_words: u64,
    /// The collocates, sorted.
    pub rows: Vec<CollocateRow>,
}

/// One collocate. Serializes as `collocate, observed, freq, expected, g2,
/// mi, t`, the statistics rounded to 4 decimals (the struct keeps them
/// unrounded; an undefined one is null).
#[derive(Debug, Clone, PartialEq)]
pub struct CollocateRow {
    /// The word (or n-gram, or a lexicon phrase).
    pub collocate: String,
    /// O.
    pub observed: u64,
    /// f_c.
    pub freq: u64,
    /// E = W·f_c/N.
    pub expected: f64,
    /// Log-likelihood, negative when O < E.
    pub g2: Option<f64>,
    /// Mutual information.
    pub mi: Option<f64>,
    /// t-score.
    pub t: Option<f64>,
}

impl CollocateRow {
    /// The value of `m`.
    pub fn measure(&self, m: Measure) -> Option<f64> {
        match m {
            Measure::G2 => self.g2,
            Measure::Mi => self.mi,
            Measure::T => self.t,
        }
    }
}

/// The column names, in the order of the serialized row.
pub const COLLOCATE_COLUMNS: &[&str] =
    &["collocate", "observed", "freq", "expected", "g2", "mi", "t"];

impl Serialize for CollocateRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r4 = |x: Option<f64>| x.map(|v| round_to(v, 4));
        let mut map = s.serialize_map(Some(COLLOCATE_COLUMNS.len()))?;
        map.serialize_entry("collocate", &self.collocate)?;
        map.serialize_entry("observed", &self.observed)?;
        map.serialize_entry("freq", &self.freq)?;
        map.serialize_entry("expected", &round_to(self.expected, 4))?;
        map.serialize_entry("g2", &r4(self.g2))?;
        map.serialize_entry("mi", &r4(self.mi))?;
        map.serialize_entry("t", &r4(self.t))?;
        map.end()
    }
}

/// The collocates of `node` in `docs`: the one function behind the CLI,
/// the server and Python (the CLI adds up [`CollocateCounts`] of documents
/// read on several threads, which is the same sum).
pub fn collocates<'t>(
    node: &Node,
    docs: impl IntoIterator<Item = &'t str>,
    opts: &CollocateOptions,
) -> Result<Collocates, Error> {
    opts.check()?;
    let mut counts = CollocateCounts::default();
    for text in docs {
        counts.add(CollocateCounts::of_document(
            &node.matcher,
            node.entry,
            text,
            opts,
        ));
    }
    let phrase = &node.matcher.lexicon().entry(node.entry).phrase;
    Ok(counts.collocates(phrase, opts))
}

/// One token of a folded document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word: the canonical phrase of a lexicon match, else the text.
    pub word: &'a str,
    /// The lexicon entry, for a match.
    pub entry: Option<EntryId>,
}

/// `text` as the matcher sees it: folded, unless the matcher is strict.
pub fn folded<'t>(matcher: &Matcher, text: &'t str) -> Cow<'t, str> {
    if matcher.is_strict() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(fold_str(text))
    }
}

/// The words of `text` (already [`folded`]), in order: lexicon matches
/// whole, the rest cut into `unit`s, non-words dropped (see the module
/// docs).
pub fn tokens<'a>(matcher: &'a Matcher, text: &'a str, unit: Unit) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let mut end = 0;
    for m in matcher.find_iter(text) {
        if m.form() != Form::Literal || m.start() < end {
            continue;
        }
        cut_gap(&text[end..m.start()], unit, &mut out);
        out.push(Token {
            word: m.phrase(),
            entry: Some(m.entry()),
        });
        end = m.end();
    }
    cut_gap(&text[end..], unit, &mut out);
    out
}

/// Cuts text between two matches into the words of `unit`.
fn cut_gap<'a>(gap: &'a str, unit: Unit, out: &mut Vec<Token<'a>>) {
    if gap.is_empty() {
        return;
    }
    let word = |w: &'a str| Token {
        word: w,
        entry: None,
    };
    match unit {
        Unit::Words => out.extend(
            segmenter()
                .cut(gap, true)
                .into_iter()
                .map(|t| t.word)
                .filter(|w| is_word(w))
                .map(word),
        ),
        Unit::Chars(n) => {
            for run in gap.split(|c: char| !c.is_alphanumeric()) {
                // Byte offsets of the run's chars, and its end: the n-gram
                // at char k runs from bounds[k] to bounds[k + n].
                let bounds: Vec<usize> = run
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([run.len()])
                    .collect();
                for pair in bounds.windows(n.saturating_add(1)) {
                    out.push(word(&run[pair[0]..pair[n]]));
                }
            }
        }
    }
}

/// A token with a letter or a digit: what counts as a word.
pub fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

/// jieba-rs with its embedded dictionary, loaded once per process (it
/// takes a moment).
fn segmenter() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// The positions covered by the windows of the node's occurrences: within
/// `window` tokens of an occurrence, each once, never an occurrence itself.
fn covered(toks: &[Token<'_>], node: EntryId, window: usize) -> Vec<usize> {
    let mut seen = vec![false; toks.len()];
    for (p, _) in toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.entry == Some(node))
    {
        let lo = p.saturating_sub(window);
        let hi = p.saturating_add(window).min(toks.len() - 1);
        for s in &mut seen[lo..=hi] {
            *s = true;
        }
    }
    (0..toks.len())
        .filter(|&i| seen[i] && toks[i].entry != Some(node))
        .collect()
}
