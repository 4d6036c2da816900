//! Concordance lines (`tifa kwic`, `/v1/kwic`, `tifa.kwic`).

use std::ops::Range;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::matcher::{Match, Matcher};
use crate::pieces::{map_pieces_in_order, PieceStart, PIECE};

/// One concordance line, as `tifa kwic` prints it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KwicRecord {
    /// The document's id.
    pub doc: String,
    /// Up to `width` chars before the match.
    pub left: String,
    /// The match as written.
    #[serde(rename = "match")]
    pub matched: String,
    /// Up to `width` chars after the match.
    pub right: String,
    /// Byte offset of the match.
    pub start: usize,
    /// Char offset of the match.
    pub char_start: usize,
}

/// A concordance line without its document: the context and the match in
/// one string (one allocation a line, where a [`KwicRecord`] takes four),
/// printed with its document by [`KwicLineOf`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicLine {
    /// left, match and right, one after the other.
    text: String,
    /// Where the match starts and ends in `text`.
    matched: Range<usize>,
    /// Byte offset of the match.
    pub start: usize,
    /// Char offset of the match.
    pub char_start: usize,
}

impl KwicLine {
    /// Up to `width` chars before the match.
    pub fn left(&self) -> &str {
        &self.text[..self.matched.start]
    }

    /// The match as written.
    pub fn matched(&self) -> &str {
        &self.text[self.matched.clone()]
    }

    /// Up to `width` chars after the match.
    pub fn right(&self) -> &str {
        &self.text[self.matched.end..]
    }

    /// The owned record of this line in document `doc`.
    pub fn with_doc(&self, doc: &str) -> KwicRecord {
        KwicRecord {
            doc: doc.to_string(),
            left: self.left().to_string(),
            matched: self.matched().to_string(),
            right: self.right().to_string(),
            start: self.start,
            char_start: self.char_start,
        }
    }
}

/// A [`KwicLine`] with its document: serializes exactly as a
/// [`KwicRecord`].
#[derive(Debug, Clone, Copy)]
pub struct KwicLineOf<'a> {
    /// The document's id.
    pub doc: &'a str,
    /// The line.
    pub line: &'a KwicLine,
}

impl Serialize for KwicLineOf<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut r = s.serialize_struct("KwicRecord", 6)?;
        r.serialize_field("doc", self.doc)?;
        r.serialize_field("left", self.line.left())?;
        r.serialize_field("match", self.line.matched())?;
        r.serialize_field("right", self.line.right())?;
        r.serialize_field("start", &self.line.start)?;
        r.serialize_field("char_start", &self.line.char_start)?;
        r.end()
    }
}

/// Concordance lines for the matches that `keep` accepts. Line breaks and
/// tabs in the context and the match are shown as spaces, so each record is
/// one line.
///
/// ```
/// use tifa_core::{kwic, Lexicon, Matcher};
/// let matcher = Matcher::new(&Lexicon::builtin())?;
/// let lines = kwic(&matcher, "a", "一是坚持一府一委两院，二是两院工作", |m| m.phrase() == "两院", 3);
/// assert_eq!(lines.len(), 1); // the 两院 inside 一府一委两院 is not a match
/// assert_eq!((lines[0].left.as_str(), lines[0].matched.as_str(), lines[0].right.as_str()), ("，二是", "两院", "工作"));
/// # Ok::<(), tifa_core::Error>(())
/// ```
pub fn kwic(
    matcher: &Matcher,
    doc: &str,
    text: &str,
    keep: impl Fn(&Match<'_>) -> bool,
    width: usize,
) -> Vec<KwicRecord> {
    kwic_lines(matcher, text, keep, width)
        .iter()
        .map(|l| l.with_doc(doc))
        .collect()
}

/// The lines of [`kwic`] without the document.
pub fn kwic_lines(
    matcher: &Matcher,
    text: &str,
    keep: impl Fn(&Match<'_>) -> bool,
    width: usize,
) -> Vec<KwicLine> {
    lines_of_piece(
        matcher,
        text,
        PieceStart::default(),
        text.len(),
        &keep,
        width,
    )
}

/// The lines of [`kwic_lines`] handed to `each` a piece of `text` at a time
/// (pieces of about a MiB, cut after sentence ends when no phrase holds
/// one), in text order; the context of a line at a piece's edge is taken
/// from the whole text. A long document's lines are printed as they are
/// found, never all held at once. The pieces are worked on `threads`
/// threads (a few pieces ahead of the one handed over at most).
pub fn kwic_lines_by_piece(
    matcher: &Matcher,
    text: &str,
    keep: impl Fn(&Match<'_>) -> bool + Sync,
    width: usize,
    threads: usize,
    each: impl FnMut(Vec<KwicLine>),
) {
    lines_in_pieces(matcher, text, PIECE, keep, width, threads, each);
}

/// [`kwic_lines_by_piece`] with pieces of `size` bytes.
pub(crate) fn lines_in_pieces(
    matcher: &Matcher,
    text: &str,
    size: usize,
    keep: impl Fn(&Match<'_>) -> bool + Sync,
    width: usize,
    threads: usize,
    each: impl FnMut(Vec<KwicLine>),
) {
    let work =
        |piece: &str, at: PieceStart| lines_of_piece(matcher, text, at, piece.len(), &keep, width);
    map_pieces_in_order(text, matcher.pieces(text, size), threads, work, each);
}

/// The lines of the matches in the piece of `len` bytes at `at` of `text`.
fn lines_of_piece(
    matcher: &Matcher,
    text: &str,
    at: PieceStart,
    len: usize,
    keep: &impl Fn(&Match<'_>) -> bool,
    width: usize,
) -> Vec<KwicLine> {
    let piece = &text[at.byte..at.byte + len];
    matcher
        .find_iter(piece)
        .filter(|m| keep(m))
        .map(|m| {
            let (start, end) = (at.byte + m.start(), at.byte + m.end());
            let left = &text[chars_before(text, start, width)..start];
            let right = &text[end..chars_after(text, end, width)];
            let mut line = String::with_capacity(left.len() + (end - start) + right.len());
            push_one_line(&mut line, left);
            let matched_start = line.len();
            push_one_line(&mut line, &text[start..end]);
            let matched = matched_start..line.len();
            push_one_line(&mut line, right);
            KwicLine {
                text: line,
                matched,
                start,
                char_start: at.char + m.char_start(),
            }
        })
        .collect()
}

/// Where the `width` chars before byte `at` start (the text's start if it
/// has fewer).
fn chars_before(text: &str, at: usize, width: usize) -> usize {
    // Counted by the bytes that start a char: no decoding.
    let bytes = &text.as_bytes()[..at];
    let mut left = width;
    let mut i = at;
    while left > 0 && i > 0 {
        i -= 1;
        if !is_continuation(bytes[i]) {
            left -= 1;
        }
    }
    i
}

/// Where the `width` chars after byte `at` end (the text's end if it has
/// fewer).
fn chars_after(text: &str, at: usize, width: usize) -> usize {
    let bytes = text.as_bytes();
    let mut left = width;
    let mut i = at;
    while i < bytes.len() {
        if !is_continuation(bytes[i]) {
            if left == 0 {
                break;
            }
            left -= 1;
        }
        i += 1;
    }
    i
}

/// Is `b` a continuation byte of a UTF-8 char (not the start of one)?
#[inline]
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Is `c` shown as a space on a one-line record?
fn breaks_a_line(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}')
}

/// Does `s` hold a char of [`breaks_a_line`]? Read by bytes: U+2028 and
/// U+2029 are E2 80 A8 and E2 80 A9.
fn has_a_line_break(s: &[u8]) -> bool {
    memchr::memchr3(b'\n', b'\r', b'\t', s).is_some()
        || memchr::memchr_iter(0xE2, s)
            .any(|i| s.get(i + 1) == Some(&0x80) && matches!(s.get(i + 2), Some(0xA8 | 0xA9)))
}

/// Appends `s` with line breaks and tabs as spaces (copied whole when it has
/// none, nearly always).
fn push_one_line(out: &mut String, s: &str) {
    if has_a_line_break(s.as_bytes()) {
        out.extend(s.chars().map(|c| if breaks_a_line(c) { ' ' } else { c }));
    } else {
        out.push_str(s);
    }
}

/// Chars with line breaks and tabs replaced by spaces.
pub(crate) fn one_line(chars: impl Iterator<Item = char>) -> String {
    chars
        .map(|c| if breaks_a_line(c) { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;

    /// The lines as the plain rule reads them: `width` chars each side,
    /// collected char by char.
    fn plain(text: &str, m: &Match<'_>, width: usize) -> (String, String, String) {
        let mut left: Vec<char> = text[..m.start()].chars().rev().take(width).collect();
        left.reverse();
        (
            one_line(left.into_iter()),
            one_line(text[m.span()].chars()),
            one_line(text[m.end()..].chars().take(width)),
        )
    }

    #[test]
    fn lines_equal_the_plain_rule_and_serialize_as_records() {
        let matcher = Matcher::new(&Lexicon::builtin()).expect("builtin");
        let texts = [
            "一是坚持一府一委两院，二是两院工作",
            "两院",
            "标题\n全过程\n人民民主\t在\u{2028}基层，两院",
            "a两院b",
            "𠀀𠀁两院𠀂",
            "“两院”—…\u{2029}两院\r\n两院",
        ];
        for text in texts {
            for width in [0, 1, 2, 3, 10, 100] {
                let lines = kwic_lines(&matcher, text, |_| true, width);
                let matches: Vec<Match<'_>> = matcher.find_iter(text).collect();
                assert_eq!(lines.len(), matches.len(), "{text:?}");
                for (line, m) in lines.iter().zip(&matches) {
                    let (l, c, r) = plain(text, m, width);
                    assert_eq!(
                        (line.left(), line.matched(), line.right()),
                        (l.as_str(), c.as_str(), r.as_str()),
                        "{text:?} width {width}"
                    );
                    let record = line.with_doc("d");
                    assert_eq!(
                        serde_json::to_string(&KwicLineOf { doc: "d", line }).unwrap(),
                        serde_json::to_string(&record).unwrap()
                    );
                }
            }
        }
    }
}
