//! Cutting a long text into pieces right after a 。 — which no match, no
//! enumerated list and no number crosses — so that work on it can be done,
//! and stopped, piece by piece (a server request that timed out stops
//! within one piece instead of running to the end of a long text).

use std::ops::Range;

mod in_order;

pub(crate) use in_order::map_pieces_in_order;

/// A sentence end; texts are cut right after one for parallel counting.
pub(crate) const SENTENCE_END: &str = "。";

/// The size of a piece, in bytes, before the cut after the next 。.
pub(crate) const PIECE: usize = 1 << 20;

/// The pieces of `text`: each of at least `size` bytes (the last may be
/// shorter), ending right after a 。 or at the end of the text.
pub(crate) fn sentence_pieces(text: &str, size: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    sentence_pieces_where(text, size, |_| true)
}

/// [`sentence_pieces`], cut only where `may_cut` accepts the offset right
/// after a 。 (a rule that reads across some sentence ends declines them).
pub(crate) fn sentence_pieces_where<'t>(
    text: &'t str,
    size: usize,
    may_cut: impl Fn(usize) -> bool + 't,
) -> impl Iterator<Item = Range<usize>> + 't {
    let finder = memchr::memmem::Finder::new(SENTENCE_END.as_bytes());
    let mut from = 0;
    std::iter::from_fn(move || {
        if from >= text.len() {
            return None;
        }
        let mut at = (from + size.max(1)).min(text.len());
        while !text.is_char_boundary(at) {
            at += 1;
        }
        let to = loop {
            match finder.find(&text.as_bytes()[at..]) {
                Some(i) if may_cut(at + i + SENTENCE_END.len()) => {
                    break at + i + SENTENCE_END.len()
                }
                Some(i) => at += i + SENTENCE_END.len(),
                None => break text.len(),
            }
        };
        let piece = from..to;
        from = to;
        Some(piece)
    })
}

/// Runs `work` on each piece of `text` named by `ranges`, with where the
/// piece starts, asking `stop` before each: false when told to stop.
pub(crate) fn for_each_piece(
    text: &str,
    ranges: impl Iterator<Item = Range<usize>>,
    mut stop: impl FnMut() -> bool,
    mut work: impl FnMut(&str, PieceStart),
) -> bool {
    let mut at = PieceStart::default();
    for range in ranges {
        if stop() {
            return false;
        }
        let piece = &text[range];
        work(piece, at);
        at = at.after(piece);
    }
    true
}

/// Up to `pieces - 1` byte offsets, increasing, each right after a 。, near
/// `k * len / pieces`.
pub(crate) fn sentence_cuts(text: &str, pieces: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let finder = memchr::memmem::Finder::new(SENTENCE_END.as_bytes());
    let mut cuts: Vec<usize> = Vec::new();
    for k in 1..pieces {
        let from = (k * bytes.len() / pieces).max(cuts.last().copied().unwrap_or(0));
        match finder.find(&bytes[from..]) {
            Some(at) => {
                let cut = from + at + SENTENCE_END.len();
                if cut < bytes.len() && cuts.last() != Some(&cut) {
                    cuts.push(cut);
                }
            }
            None => break,
        }
    }
    cuts
}

/// Where a piece stands in the whole text: its first byte, char and line
/// (0-based: the lines before it).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PieceStart {
    pub byte: usize,
    pub char: usize,
    pub lines: usize,
}

impl PieceStart {
    /// The start of the piece after `piece` (which starts at `self`).
    pub(crate) fn after(self, piece: &str) -> PieceStart {
        PieceStart {
            byte: self.byte + piece.len(),
            char: self.char + bytecount::num_chars(piece.as_bytes()),
            lines: self.lines + bytecount::count(piece.as_bytes(), b'\n'),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_the_text_and_end_after_a_sentence() {
        let text = "一二三。四五。六七八九。十";
        let pieces: Vec<_> = sentence_pieces(text, 4).collect();
        assert_eq!(pieces.first().unwrap().start, 0);
        assert_eq!(pieces.last().unwrap().end, text.len());
        for w in pieces.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(text[w[0].clone()].ends_with('。'));
        }
        assert_eq!(pieces.len(), 4);
        assert_eq!(sentence_pieces("", 4).count(), 0);
        let whole: Vec<_> = sentence_pieces("没有句号", 1).collect();
        assert_eq!((whole.len(), whole[0].clone()), (1, 0..12));
    }

    /// Every text of the fixtures (seeds, provincial reports, CPC reports).
    fn fixture_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let mut texts = Vec::new();
        for dir in ["seeds", "provincial-2026"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
            }
        }
        let cpc = std::fs::read_to_string(root.join("cpc/cpc-congress-reports.jsonl")).unwrap();
        texts.extend(cpc.lines().map(String::from));
        texts
    }

    #[test]
    fn scan_and_count_in_pieces_equal_the_whole() {
        use crate::{scan, Counts, Lexicon, Matcher};
        let m = Matcher::new(&Lexicon::builtin()).unwrap();
        for text in fixture_texts() {
            let pieces = crate::records::scan_in_pieces(&m, "d", &text, 1024, || false).unwrap();
            assert_eq!(pieces, scan(&m, "d", &text));
            let mut counts = Counts::new(m.lexicon().len());
            for p in m.pieces(&text, 1024) {
                m.count_into(&text[p], &mut counts);
            }
            assert_eq!(counts, m.count(&text));
            assert_eq!(m.count_until(&text, || false).unwrap(), m.count(&text));
        }
        assert!(m.count_until("两院。", || true).is_none());
    }

    #[test]
    fn kwic_lines_in_pieces_equal_the_whole() {
        use crate::{kwic_lines, Lexicon, Matcher};
        let m = Matcher::new(&Lexicon::builtin()).unwrap();
        let mut pieces_seen = 0;
        for text in fixture_texts() {
            for (width, threads) in [(0, 1), (5, 3), (40, 2)] {
                let mut lines = Vec::new();
                crate::records::lines_in_pieces(
                    &m,
                    &text,
                    1024,
                    |_| true,
                    width,
                    threads,
                    |part| {
                        pieces_seen += 1;
                        lines.extend(part);
                    },
                );
                // A line at a piece's edge takes its context across it.
                assert_eq!(lines, kwic_lines(&m, &text, |_| true, width));
            }
        }
        assert!(pieces_seen > 1000, "{pieces_seen}");
    }

    /// The public by-piece functions (pieces of a MiB) on a text of
    /// several, on one thread and on three: what they hand over, put
    /// together, is the whole's.
    #[test]
    fn records_by_piece_equal_the_whole_on_a_long_text() {
        use crate::{
            kwic_lines, kwic_lines_by_piece, scan_hits, scan_hits_by_piece, Lexicon, Matcher,
        };
        let text: String = fixture_texts().concat().repeat(2);
        assert!(text.len() > 3 * PIECE, "{}", text.len());
        let m = Matcher::new(&Lexicon::builtin()).unwrap();
        for threads in [1, 3] {
            let (mut parts, mut hits) = (0, Vec::new());
            scan_hits_by_piece(&m, &text, threads, |part| {
                parts += 1;
                hits.extend(part);
            });
            assert!(parts > 3, "{parts}");
            assert_eq!(hits, scan_hits(&m, &text));
            let mut lines = Vec::new();
            kwic_lines_by_piece(&m, &text, |_| true, 10, threads, |part| lines.extend(part));
            assert_eq!(lines, kwic_lines(&m, &text, |_| true, 10));
        }
    }
}
