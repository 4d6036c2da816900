//! The records that tifa prints (SPEC §4), as serde types shared by the CLI
//! and the server so that both print exactly the same thing.

use serde::Serialize;

use crate::matcher::{Form, Match, Matcher};
use crate::pieces::{for_each_piece, map_pieces_in_order, PieceStart, PIECE};

mod kwic;

#[cfg(test)]
pub(crate) use kwic::lines_in_pieces;
pub(crate) use kwic::one_line;
pub use kwic::{kwic, kwic_lines, kwic_lines_by_piece, KwicLine, KwicLineOf, KwicRecord};

/// One match, as `tifa scan` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanRecord {
    /// The document's id.
    pub doc: String,
    /// Canonical phrase of the entry.
    pub phrase: String,
    /// Category of the entry.
    pub category: String,
    /// The lexicon form that matched (phrase or variant).
    pub variant: String,
    /// `literal` or `expanded`.
    pub form: Form,
    /// Between quotation marks.
    pub quoted: bool,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
    /// Char offset of the start.
    pub char_start: usize,
    /// Char offset of the end (exclusive).
    pub char_end: usize,
    /// 1-based line of the start.
    pub line: usize,
}

/// The scan records of one document, in text order.
///
/// ```
/// use tifa_core::{scan, Lexicon, Matcher};
/// let matcher = Matcher::new(&Lexicon::builtin())?;
/// let records = scan(&matcher, "a.txt", "标题\n发展全过程人民民主");
/// assert_eq!(records[0].phrase, "全过程人民民主");
/// assert_eq!((records[0].line, records[0].char_start), (2, 5));
/// # Ok::<(), tifa_core::Error>(())
/// ```
pub fn scan(matcher: &Matcher, doc: &str, text: &str) -> Vec<ScanRecord> {
    scan_hits(matcher, text)
        .into_iter()
        .map(|h| h.with_doc(doc))
        .collect()
}

/// One match of a scan without its document, borrowing the matcher's
/// strings: a [`ScanRecord`] without its four copies. Printed with its
/// document by [`ScanHitOf`], which serializes exactly as a [`ScanRecord`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScanHit<'m> {
    /// Canonical phrase of the entry.
    pub phrase: &'m str,
    /// Category of the entry.
    pub category: &'m str,
    /// The lexicon form that matched (phrase or variant).
    pub variant: &'m str,
    /// `literal` or `expanded`.
    pub form: Form,
    /// Between quotation marks.
    pub quoted: bool,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
    /// Char offset of the start.
    pub char_start: usize,
    /// Char offset of the end (exclusive).
    pub char_end: usize,
    /// 1-based line of the start.
    pub line: usize,
}

impl ScanHit<'_> {
    /// The owned record of this hit in document `doc`.
    pub fn with_doc(&self, doc: &str) -> ScanRecord {
        ScanRecord {
            doc: doc.to_string(),
            phrase: self.phrase.to_string(),
            category: self.category.to_string(),
            variant: self.variant.to_string(),
            form: self.form,
            quoted: self.quoted,
            start: self.start,
            end: self.end,
            char_start: self.char_start,
            char_end: self.char_end,
            line: self.line,
        }
    }
}

/// A [`ScanHit`] with its document: serializes exactly as a [`ScanRecord`].
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ScanHitOf<'a> {
    /// The document's id.
    pub doc: &'a str,
    /// The match.
    #[serde(flatten)]
    pub hit: &'a ScanHit<'a>,
}

/// The scan hits of one text, in text order: the records of [`scan`]
/// without the document.
pub fn scan_hits<'m>(matcher: &'m Matcher, text: &str) -> Vec<ScanHit<'m>> {
    let mut lines = LineCounter::default();
    matcher
        .find_iter(text)
        .map(|m: Match<'m>| ScanHit {
            phrase: m.phrase(),
            category: m.category(),
            variant: m.variant(),
            form: m.form(),
            quoted: m.quoted(),
            start: m.start(),
            end: m.end(),
            char_start: m.char_start(),
            char_end: m.char_end(),
            line: lines.line_at(text, m.start()),
        })
        .collect()
}

/// [`scan`], piece by piece (cut after sentence ends when no phrase holds
/// one), asking `stop` before each piece: `None` as soon as it says to
/// stop. The records are those of `scan`.
pub fn scan_until(
    matcher: &Matcher,
    doc: &str,
    text: &str,
    stop: impl FnMut() -> bool,
) -> Option<Vec<ScanRecord>> {
    scan_in_pieces(matcher, doc, text, PIECE, stop)
}

pub(crate) fn scan_in_pieces(
    matcher: &Matcher,
    doc: &str,
    text: &str,
    size: usize,
    stop: impl FnMut() -> bool,
) -> Option<Vec<ScanRecord>> {
    let mut out = Vec::new();
    let done = hits_in_pieces(matcher, text, size, stop, |hits| {
        out.extend(hits.iter().map(|h| h.with_doc(doc)));
    });
    done.then_some(out)
}

/// The hits of [`scan_hits`] handed to `each` a piece at a time (pieces of
/// about a MiB, cut after sentence ends when no phrase holds one), in text
/// order, with offsets and lines in the whole text: a long document's hits
/// are printed as they are found, never all held at once. The pieces are
/// worked on `threads` threads (a few pieces ahead of the one handed over
/// at most).
pub fn scan_hits_by_piece<'m>(
    matcher: &'m Matcher,
    text: &str,
    threads: usize,
    each: impl FnMut(Vec<ScanHit<'m>>),
) {
    let work = |piece: &str, at: PieceStart| hits_of_piece(matcher, piece, at);
    map_pieces_in_order(text, matcher.pieces(text, PIECE), threads, work, each);
}

/// The hits of each piece of `text`; false when `stop` said to stop.
fn hits_in_pieces<'m>(
    matcher: &'m Matcher,
    text: &str,
    size: usize,
    stop: impl FnMut() -> bool,
    mut each: impl FnMut(Vec<ScanHit<'m>>),
) -> bool {
    for_each_piece(text, matcher.pieces(text, size), stop, |piece, at| {
        each(hits_of_piece(matcher, piece, at))
    })
}

/// The hits of a piece starting at `at`, moved to the whole text.
fn hits_of_piece<'m>(matcher: &'m Matcher, piece: &str, at: PieceStart) -> Vec<ScanHit<'m>> {
    let mut hits = scan_hits(matcher, piece);
    for h in &mut hits {
        h.start += at.byte;
        h.end += at.byte;
        h.char_start += at.char;
        h.char_end += at.char;
        h.line += at.lines;
    }
    hits
}

/// Turns byte offsets, visited in increasing order, into 1-based line
/// numbers without rescanning the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct LineCounter {
    byte: usize,
    newlines: usize,
}

impl LineCounter {
    /// The line holding byte `offset`. Offsets must not decrease between
    /// calls (a smaller one restarts the count from the top).
    pub fn line_at(&mut self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        if offset < self.byte {
            *self = LineCounter::default();
        }
        self.newlines += memchr::memchr_iter(b'\n', &text.as_bytes()[self.byte..offset]).count();
        self.byte = offset;
        self.newlines + 1
    }
}

/// The counts of one phrase in one text (the server's `/v1/analyze`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhraseCount {
    /// Canonical phrase.
    pub phrase: String,
    /// Category.
    pub category: String,
    /// Literal matches.
    pub count: u64,
    /// Enumerated expansions.
    pub expanded: u64,
}

/// The phrases with an occurrence in `counts`, in lexicon order.
///
/// ```
/// use tifa_core::{phrase_counts, Lexicon, Matcher};
/// let m = Matcher::new(&Lexicon::builtin())?;
/// let counts = phrase_counts(m.lexicon(), &m.count("两院和一府两院"));
/// assert_eq!(counts.len(), 2);
/// assert_eq!((counts[0].phrase.as_str(), counts[0].count), ("一府两院", 1));
/// # Ok::<(), tifa_core::Error>(())
/// ```
pub fn phrase_counts(lexicon: &crate::Lexicon, counts: &crate::Counts) -> Vec<PhraseCount> {
    counts
        .iter()
        .map(|(id, count, expanded)| {
            let e = lexicon.entry(id);
            PhraseCount {
                phrase: e.phrase.clone(),
                category: e.category.clone(),
                count,
                expanded,
            }
        })
        .collect()
}
