//! Quotation marks around a match (SPEC §1.2 `quoted`), and the pairs the
//! list expansion (SPEC §1.3) lets stand around its members.

/// Opening and closing quotation marks that make an occurrence `quoted`.
pub(crate) const QUOTE_PAIRS: [(char, char); 7] = [
    ('“', '”'),
    ('「', '」'),
    ('『', '』'),
    ('‘', '’'),
    ('"', '"'),
    ('\'', '\''),
    ('＂', '＂'),
];

/// Are the chars right before `start` and right after `end` a pair of
/// [`QUOTE_PAIRS`]?
pub(crate) fn is_quoted(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    match (before, after) {
        (Some(b), Some(a)) => QUOTE_PAIRS.iter().any(|&(o, c)| o == b && c == a),
        _ => false,
    }
}
