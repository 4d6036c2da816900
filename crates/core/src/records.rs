//! The records that tifa prints (SPEC §4), as serde types shared by the CLI
//! and the server so that both print exactly the same thing.

use serde::Serialize;

use crate::matcher::{Form, Match, Matcher};

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
    let mut lines = LineCounter::default();
    matcher
        .find_iter(text)
        .map(|m: Match<'_>| ScanRecord {
            doc: doc.to_string(),
            phrase: m.phrase().to_string(),
            category: m.category().to_string(),
            variant: m.variant().to_string(),
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
