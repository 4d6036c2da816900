//! Short quotations: a count inside “两件大事” or a short title 《十条》 is
//! part of a name.

/// How far [`in_short_quote`] looks for a mark on either side, in bytes:
/// no further than a short quote can reach (17 chars of at most 4 bytes),
/// so that the cost per candidate stays constant.
const REACH: usize = 17 * 4;

/// Is `at..end` inside a short quotation (“…”, 「…」 or 《…》, at most 16
/// chars)?
pub(crate) fn in_short_quote(text: &str, at: usize, end: usize) -> bool {
    // The marks are found by their last bytes (`memchr`), which is most of
    // the cost of a candidate otherwise.
    let bytes = text.as_bytes();
    // (A mark cut by either bound would close a quote longer than 17
    // chars anyway.)
    let lo = at.saturating_sub(REACH);
    let hi = (end + REACH).min(text.len());
    // The nearest opening mark wholly in lo..at, the nearest closing one
    // wholly in end..hi (by the index of their last bytes).
    let open = memchr::memrchr3_iter(0x9C, 0x8C, 0x8A, &bytes[lo..at])
        .filter(|&k| k >= 2)
        .map(|k| lo + k)
        .find(|&j| quote_mark(bytes, j) == Some(true));
    let close = memchr::memchr3_iter(0x9D, 0x8D, 0x8B, &bytes[end..hi])
        .filter(|&k| k >= 2)
        .map(|k| end + k)
        .find(|&j| quote_mark(bytes, j) == Some(false));
    match (open, close) {
        (Some(o), Some(c)) => {
            // The quote: from the opening mark's first byte to the closing
            // mark's; no other mark inside it.
            let (o, c) = (o - 2, c - 2);
            !(o + 5..c).any(|j| quote_mark(bytes, j).is_some())
                && bytecount::num_chars(&bytes[o..c]) <= 17
        }
        _ => false,
    }
}

/// Is a quotation mark's last byte at `j`: `Some(true)` for “ 「 《,
/// `Some(false)` for ” 」 》 (each three bytes; a lead byte E2/E3 is never
/// inside another character, so the three bytes are that mark).
#[inline]
fn quote_mark(bytes: &[u8], j: usize) -> Option<bool> {
    match bytes.get(j.checked_sub(2)?..=j)? {
        [0xE2, 0x80, 0x9C] | [0xE3, 0x80, 0x8C] | [0xE3, 0x80, 0x8A] => Some(true),
        [0xE2, 0x80, 0x9D] | [0xE3, 0x80, 0x8D] | [0xE3, 0x80, 0x8B] => Some(false),
        _ => None,
    }
}

/// Could a text cut at `cut` (right after a 。) change what
/// [`in_short_quote`] finds on either side: is a quotation mark within its
/// reach of the cut? (“两件大事。” cut after the 。 would lose its closing
/// mark.) Only cuts where this is false keep a piece's mentions those of
/// the whole text.
pub(crate) fn a_quote_mark_near(text: &str, cut: usize) -> bool {
    let bytes = text.as_bytes();
    // The last byte of a mark that either window can hold: REACH bytes
    // before the cut to REACH after it, and the mark's own two.
    let lo = cut.saturating_sub(REACH + 2);
    let hi = (cut + REACH + 2).min(bytes.len());
    (lo..hi).any(|j| quote_mark(bytes, j).is_some())
}
