//! What stands around the number: the prefix before it (第, 百分之, an
//! approximation), a range after it, approximations before and after the
//! unit, and the unit with the kind it gives.

use compact_str::CompactString;
use rust_decimal::Decimal;

use super::not_mentions::may_end_a_prefix;
use super::numeral::{digit_value, unit_value};
use super::read::{read_number, Number};
use super::text::{char_at, char_before, skip_ws, starts_with_any, word_at, word_before};
use super::vocab::{vocabulary, UnitKind};
use super::{NumberKind, RANGE_MARKS};

/// What stands before the number.
#[derive(Default)]
pub(crate) struct Prefix {
    pub percent: bool,
    pub ordinal: bool,
    pub approx: Option<&'static str>,
    pub start: usize,
}

/// 第, 百分之, or an approximation before the number (近5年, 约300人;
/// 上万, 几十, 数百 only before a bare magnitude).
pub(crate) fn prefix(text: &str, floor: usize, at: usize, number: &Number) -> Prefix {
    // One look at the char before: most numbers have no prefix, and each
    // prefix word ends in one of a few chars.
    let Some((p, _)) = char_before(text, at) else {
        return Prefix {
            start: at,
            ..Prefix::default()
        };
    };
    let vocab = vocabulary();
    if !may_end_a_prefix(p) {
        return Prefix {
            start: at,
            ..Prefix::default()
        };
    }
    if !number.arabic {
        if let Some(len) = word_before(text, floor, at, "百分之") {
            // 超过百分之三十: an approximation before the percent's prefix.
            let outer = outer_approx(text, floor, at - len);
            return Prefix {
                percent: true,
                approx: outer.map(|(w, _)| w),
                start: at - len - outer.map_or(0, |(_, l)| l),
                ..Prefix::default()
            };
        }
    }
    if let Some(len) = word_before(text, floor, at, "第") {
        return Prefix {
            ordinal: true,
            start: at - len,
            ..Prefix::default()
        };
    }
    if continues_an_ordinal_list(text, at) {
        return Prefix {
            ordinal: true,
            start: at,
            ..Prefix::default()
        };
    }
    // The char before, as written: a word matches it or its normal form.
    let raw = text[..at].chars().next_back().unwrap_or(p);
    for &w in &vocab.approx_before {
        let magnitude_only = matches!(w, "上" | "几" | "数");
        if magnitude_only && !number.bare_magnitude || !w.ends_with([p, raw]) {
            continue;
        }
        if let Some(len) = word_before(text, floor, at, w) {
            if inside_a_word(text, at, w) {
                break;
            }
            let mut prefix = Prefix {
                approx: Some(w),
                start: at - len,
                ..Prefix::default()
            };
            if magnitude_only {
                // 至少上百年: an approximation before 上 too; the outer one
                // is the modifier, and the span starts with it.
                if let Some((outer, outer_len)) = outer_approx(text, floor, prefix.start) {
                    prefix.approx = Some(outer);
                    prefix.start -= outer_len;
                }
            }
            return prefix;
        }
    }
    Prefix {
        start: at,
        ..Prefix::default()
    }
}

/// 最近一年 is "the latest year": the approximation word `w` ending at
/// `at` is the end of a longer word (近 of 最近).
fn inside_a_word(text: &str, at: usize, w: &str) -> bool {
    vocabulary()
        .approx_before_not
        .iter()
        .any(|n| n.len() > w.len() && word_before(text, 0, at, n).is_some())
}

/// An approximation word (not one of 上 几 数) ending at `at`.
fn outer_approx(text: &str, floor: usize, at: usize) -> Option<(&'static str, usize)> {
    vocabulary()
        .approx_before
        .iter()
        .filter(|w| !matches!(**w, "上" | "几" | "数"))
        .find_map(|&w| word_before(text, floor, at, w).map(|len| (w, len)))
        .filter(|&(w, _)| !inside_a_word(text, at, w))
}

/// 第一、二、三: the 第 of the first numeral holds for the rest of the list.
pub(crate) fn continues_an_ordinal_list(text: &str, at: usize) -> bool {
    let mut chars = text[..at]
        .chars()
        .rev()
        .take(24)
        .map(super::text::number_char)
        .peekable();
    let mut seen_numeral = false;
    loop {
        match chars.next() {
            Some('、')
                if !seen_numeral
                    || chars
                        .peek()
                        .is_some_and(|&c| digit_value(c).is_some() || unit_value(c).is_some()) =>
            {
                seen_numeral = false;
                // the numerals before it
                while chars
                    .peek()
                    .is_some_and(|&c| digit_value(c).is_some() || unit_value(c).is_some())
                {
                    chars.next();
                    seen_numeral = true;
                }
                if !seen_numeral {
                    return false;
                }
                if chars.peek() == Some(&'第') {
                    return true;
                }
            }
            _ => return false,
        }
    }
}

/// An explicit range after the number: 1-6月, 3至5年, 五万到六万人; a low
/// end without the high end's magnitude takes it (3至5万 → 30000..50000).
pub(crate) fn range_tail(
    text: &str,
    number: &Number,
    from: usize,
    limit: usize,
) -> Option<(Decimal, Decimal, usize)> {
    let after = skip_ws(text, from, limit);
    let (mark, _) = char_at(text, after, limit).filter(|(c, _)| RANGE_MARKS.contains(c))?;
    let mut second = after + text[after..].chars().next().map_or(0, char::len_utf8);
    if mark == '—' && text[second..limit].starts_with('—') {
        second += '—'.len_utf8();
    }
    let high = read_number(text, second, limit)?;
    if high.arabic != number.arabic || high.big.is_some() || high.high.is_some() {
        return None;
    }
    let mut low = number.value;
    if number.magnitude == 1 && high.magnitude > 1 {
        let scaled = low.checked_mul(Decimal::from(high.magnitude))?;
        if scaled < high.value {
            low = scaled;
        }
    }
    (high.value > low).then_some((low, high.value, high.end))
}

/// 5%—5.5%: a range of percents, each end with its sign.
pub(crate) fn percent_range(
    text: &str,
    number: &Number,
    limit: usize,
) -> Option<(Decimal, Decimal, usize)> {
    let (sign, len) = char_at(text, number.end, limit).filter(|(c, _)| *c == '%')?;
    let (low, high, high_end) = range_tail(text, number, number.end + len, limit)?;
    char_at(text, high_end, limit).filter(|(c, _)| *c == sign)?;
    Some((low, high, high_end))
}

/// 余 多 来 几 between the number and its unit (60余场, 2000多个, 十来个,
/// 十几个): only where a unit follows, or 余 at the end of a phrase (百余).
pub(crate) fn approx_before_unit(
    text: &str,
    at: usize,
    limit: usize,
) -> Option<(&'static str, usize)> {
    let vocab = vocabulary();
    let (a, len) = vocab.approx_mid.at(text, at, limit)?;
    let unit_follows = vocab.units.at(text, at + len, limit).is_some()
        || char_at(text, at + len, limit).is_some_and(|(c, _)| c == '%');
    // 十三亿多中国人民, 3万多, 二百多的中央委员: 多 after a magnitude ends the
    // number, unit or not (after other digits it may start a word: 三多;
    // after 十 too: 十多样).
    let after_magnitude =
        char_before(text, at).is_some_and(|(c, _)| "百千万亿佰仟萬億".contains(c));
    (unit_follows || a == "余" || a == "多" && after_magnitude).then_some((a, len))
}

/// 以上 左右 上下 之多 多 余 after the unit (50人以上, 3年多).
pub(crate) fn approx_after_unit(
    text: &str,
    at: usize,
    limit: usize,
    has_unit: bool,
) -> Option<(&'static str, usize)> {
    let (a, len) = vocabulary().approx_after.at(text, at, limit)?;
    if !has_unit {
        return None;
    }
    // 3年多个 is not 3年多: 多个 is a word of its own.
    if a == "多" && starts_with_any(&text[at + len..limit], &["个", "项", "种"]).is_some() {
        return None;
    }
    Some((a, len))
}

/// The unit after the number and the kind it gives: %, 届 大 中全会, or a
/// word of the unit vocabulary. Returns (kind, unit, length in the text).
pub(crate) fn unit_and_kind(
    text: &str,
    at: usize,
    limit: usize,
    prefix: &Prefix,
    value: Decimal,
) -> (NumberKind, Option<CompactString>, usize) {
    if prefix.percent {
        return (NumberKind::Percent, Some("%".into()), 0);
    }
    match char_at(text, at, limit) {
        Some(('%', len)) => return (NumberKind::Percent, Some("%".into()), len),
        Some(('‰', len)) => return (NumberKind::Percent, Some("‰".into()), len),
        _ => {}
    }
    // 党的十大: a congress whatever follows it.
    let of_the_party = text[..prefix.start].ends_with("党的");
    if let Some((suffix, len)) = ordinal_suffix(text, at, limit, value, of_the_party) {
        return (NumberKind::Ordinal, Some(suffix.into()), len);
    }
    let vocab = vocabulary();
    let Some((unit, len)) = vocab.units.at(text, at, limit).filter(|(u, _)| *u != "大") else {
        return (NumberKind::Cardinal, None, 0);
    };
    // 台湾, 元旦: a one-char unit that begins a noun is no unit (looked up
    // only then: most numbers never get here).
    if unit.chars().nth(1).is_none() && vocab.not_units.at(text, at, limit).is_some() {
        return (NumberKind::Cardinal, None, 0);
    }
    let kind = match vocab.unit_kind(unit) {
        UnitKind::Money => NumberKind::Money,
        UnitKind::Percent => NumberKind::Percent,
        UnitKind::Ordinal => NumberKind::Ordinal,
        _ => NumberKind::Cardinal,
    };
    (kind, Some(unit.into()), len)
}

/// 中全会 / 中 (二中、三中全会), 届, 大 (二十大, in a congress context):
/// the unit and its length.
pub(crate) fn ordinal_suffix(
    text: &str,
    at: usize,
    limit: usize,
    value: Decimal,
    of_the_party: bool,
) -> Option<(&'static str, usize)> {
    // One decoded char rules out the words below at most numbers.
    if !matches!(char_at(text, at, limit), Some(('中' | '届' | '大', _))) {
        return None;
    }
    if let Some(len) = word_at(text, at, limit, "中全会") {
        return Some(("中全会", len));
    }
    for w in ["中、", "中，"] {
        if word_at(text, at, limit, w).is_some() {
            return Some(("中全会", '中'.len_utf8()));
        }
    }
    if let Some(len) = word_at(text, at, limit, "届") {
        return Some(("届", len));
    }
    let len = word_at(text, at, limit, "大")?;
    let after = at + len;
    // N大 for N above ten is a congress (there are no "fourteen big X");
    // 三大, 十大 only in a congress context.
    let congress = after >= limit
        || of_the_party
        || (Decimal::from(11)..=Decimal::from(30)).contains(&value)
        || vocabulary()
            .congress_context
            .at(text, after, limit)
            .is_some();
    congress.then_some(("大", len))
}
