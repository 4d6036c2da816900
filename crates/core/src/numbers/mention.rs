//! One mention: the small grammar around a number.
//!
//! ```text
//! mention := prefix? number range? approx? unit? approx?
//! prefix  := 第 | 百分之 | 近 约 超 逾 超过 … | 上 几 数 (before a bare magnitude)
//! number  := digits magnitude? | Chinese numerals        (read.rs)
//! range   := (- — ~ 至 到) number | adjacent numerals     (1-6月, 十七八岁)
//! approx  := 余 多 来 几 (before the unit) | 以上 左右 … (after it)
//! unit    := a word of data/units.tsv (个 人次 亿元 → 元 标准箱 …) | % | 届 大 中全会
//! ```
//! Each step below is one rule, named for it.

use rust_decimal::Decimal;

use super::dates::date_or_year;
use super::numeral::{digit_value, unit_value};
use super::placeholder::placeholder_at;
use super::quote::in_short_quote;
use super::read::{read_number, Number};
use super::subject::subject;
use super::text::{
    char_at, char_before, ends_with_any, skip_ws, starts_with_any, word_at, word_before,
};
use super::vocab::{vocabulary, UnitKind};
use super::{mention, NumberKind, NumberMention, NumberValue, RANGE_MARKS};

/// What stands before the number.
#[derive(Default)]
struct Prefix {
    percent: bool,
    ordinal: bool,
    approx: Option<&'static str>,
    start: usize,
}

/// The mention starting at `at` (a prefix may start earlier, but never
/// before `floor`, the end of the previous mention), ending by `limit`.
pub(crate) fn mention_at(
    text: &str,
    floor: usize,
    at: usize,
    limit: usize,
) -> Option<NumberMention> {
    let (first, _) = char_at(text, at, limit)?;
    if first == 'x' || first == 'X' {
        return placeholder_at(text, floor, at, limit);
    }
    if inside_a_number(text, at) || a_lone_chinese_numeral(text, at, limit) {
        return None;
    }
    let number = read_number(text, at, limit)?;
    if number.arabic
        && (glued_to_latin(text, at, &number, limit) || clock_time(text, at, number.end, limit))
    {
        return None;
    }
    if number.big.is_some() {
        return Some(big_number(text, at, limit, number));
    }
    if nothing_can_make_a_mention(text, at, &number, limit) {
        return None;
    }
    let before = &text[floor..at];
    if number.high.is_none() && number.approx.is_none() {
        if let Some(m) = date_or_year(
            text,
            before,
            at,
            number.end,
            limit,
            number.value,
            number.arabic,
        ) {
            return Some(m);
        }
    }
    if is_marker(text, at, number.end, limit) {
        return None;
    }
    let prefix = prefix(text, floor, at, &number);
    let (mut value, mut value_high, mut end) = (number.value, number.high, number.end);
    if value_high.is_none() {
        if let Some((low, high, high_end)) = range_tail(text, &number, limit) {
            (value, value_high, end) = (low, Some(high), high_end);
        }
    }
    let mut approx = prefix.approx.or(number.approx);
    let mut cursor = skip_ws(text, end, limit);
    if approx.is_none() {
        if let Some((a, len)) = approx_before_unit(text, cursor, limit) {
            approx = Some(a);
            cursor += len;
        }
    }
    let (mut kind, mut unit, mut unit_len) = unit_and_kind(text, cursor, limit, &prefix, value);
    if unit.is_none() && number.magnitude > 1 {
        // 4万P: Latin letters after a magnitude are the unit.
        let letters = text[cursor..limit]
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        if (1..=4).contains(&letters) {
            unit = Some(text[cursor..cursor + letters].to_string());
            unit_len = letters;
        }
    }
    if let Some(u) = &unit {
        // 元/吨, 次/秒: a compound unit.
        if let Some(('/', slash)) = char_at(text, cursor + unit_len, limit) {
            if let Some((per, len)) = vocabulary()
                .units
                .at(text, cursor + unit_len + slash, limit)
            {
                unit = Some(format!("{u}/{per}"));
                unit_len += slash + len;
            }
        }
    }
    cursor += unit_len;
    if number.arabic
        && unit.is_none()
        && approx.is_none()
        && prefix.start == at
        && value_high.is_none()
    {
        if names_a_line(text, number.end, limit) {
            return None;
        }
        if let Some(m) = year_before_a_name(text, at, &number, limit) {
            return Some(m);
        }
    }
    if prefix.ordinal {
        kind = NumberKind::Ordinal;
    }
    if value_high.is_some() {
        kind = NumberKind::Range;
    }
    if !number.arabic {
        let formed = prefix.percent
            || prefix.ordinal
            || unit.is_some()
            || value_high.is_some()
            || approx.is_some()
            || number.has_magnitude && number.chars >= 2 && !number.bare_magnitude;
        let from = if prefix.ordinal { prefix.start } else { at };
        if !formed
            || in_set_word(text, from, at, number.end)
            || !prefix.ordinal
                && !chinese_rules_allow(
                    text,
                    at,
                    &number,
                    approx,
                    unit.as_deref(),
                    before,
                    cursor,
                    limit,
                )
        {
            return None;
        }
        if is_session_ordinal(unit.as_deref(), before, text, cursor, limit) {
            kind = NumberKind::Ordinal;
        }
    }
    if approx.is_none() {
        if let Some((a, len)) = approx_after_unit(text, cursor, limit, unit.is_some()) {
            approx = Some(a);
            cursor += len;
        }
    }
    // 1-6月份, 3个月份: 份 belongs to the unit's word.
    if matches!(unit.as_deref(), Some("月" | "个月")) && text[cursor..limit].starts_with('份') {
        cursor += '份'.len_utf8();
    }
    // A count or ordinal inside a short quoted formula (“两件大事”, “1+9”,
    // “四个要看、四个更要看”) is part of a name.
    if matches!(kind, NumberKind::Cardinal | NumberKind::Ordinal)
        && in_short_quote(text, prefix.start, cursor)
    {
        return None;
    }
    // White space skipped after the number that nothing followed is no
    // part of the span (2019 2020).
    let cursor = cursor.max(end).min(trimmed_end(text, prefix.start, cursor));
    let mut m = mention(text, prefix.start, cursor, kind);
    m.value = Some(NumberValue::Number(value.normalize()));
    m.value_high = value_high.map(|h| NumberValue::Number(h.normalize()));
    m.approx = approx.map(String::from);
    if kind == NumberKind::Cardinal {
        if let Some(u) = unit.as_deref() {
            if matches!(
                vocabulary().unit_kind(u),
                UnitKind::Measure | UnitKind::Metric
            ) {
                m.subject = subject(text, prefix.start, cursor, u);
            }
        }
    }
    m.unit = unit;
    Some(m)
}

/// A Chinese numeral alone (一些, 三是, 十分) with no prefix before it and
/// nothing after it that could make it a quantity (a unit, an
/// approximation, a range, a date, an ordinal suffix): no mention, known
/// from two chars, before the rules look at it (most Chinese numerals of a
/// text are such).
fn nothing_can_make_a_mention(text: &str, at: usize, number: &Number, limit: usize) -> bool {
    if number.arabic
        || number.high.is_some()
        || number.approx.is_some()
        || number.has_magnitude && number.chars >= 2
    {
        return false;
    }
    nothing_around(text, at, number.end, limit)
}

/// No char after `end` that could make `at..end` a quantity (a unit, an
/// approximation, a range, a date, an ordinal suffix), and none before `at`
/// (第, 百分之, an approximation, a list of ordinals).
fn nothing_around(text: &str, at: usize, end: usize, limit: usize) -> bool {
    let vocab = vocabulary();
    let after = skip_ws(text, end, limit);
    let next_can = char_at(text, after, limit).is_some_and(|(c, _)| {
        vocab.units.has_first(c)
            || vocab.approx_mid.has_first(c)
            || vocab.approx_after.has_first(c)
            || RANGE_MARKS.contains(&c)
            || matches!(
                c,
                '%' | '‰' | '中' | '届' | '大' | '年' | '月' | '日' | '号'
            )
    });
    let prev_can = char_before(text, at).is_some_and(|(p, _)| {
        p == '之' || p == '第' || p == '、' || vocab.approx_before_last.contains(&p)
    });
    !next_can && !prev_can
}

/// The commonest candidate of a Chinese text, one Chinese numeral with
/// nothing around it that could make it a quantity (一些, 统一, 三是),
/// told from the chars around it before the numeral is read.
fn a_lone_chinese_numeral(text: &str, at: usize, limit: usize) -> bool {
    let Some((c, len)) = char_at(text, at, limit) else {
        return false;
    };
    if c.is_ascii_digit() {
        return false;
    }
    let next_is_numeral = char_at(text, at + len, limit)
        .is_some_and(|(n, _)| digit_value(n).is_some() || unit_value(n).is_some() || n == '点');
    !next_is_numeral && nothing_around(text, at, at + len, limit)
}

/// `start..end` without the ignorable chars at its end.
fn trimmed_end(text: &str, start: usize, end: usize) -> usize {
    start
        + text[start..end]
            .trim_end_matches(crate::fold::is_ignorable)
            .len()
}

/// Never start inside a run of digits (G20 is not 0; 三十五 is not 十五;
/// 1.5 is not 5).
fn inside_a_number(text: &str, at: usize) -> bool {
    char_before(text, at).is_some_and(|(p, _)| {
        p.is_ascii_digit()
            || digit_value(p).is_some()
            || unit_value(p).is_some()
            || p == '点'
            || p == '.'
    })
}

/// Digits glued to Latin letters (G20, 5G, PM2.5) name things; letters
/// after a magnitude are a unit (4万P).
fn glued_to_latin(text: &str, at: usize, number: &Number, limit: usize) -> bool {
    char_before(text, at).is_some_and(|(p, _)| p.is_ascii_alphabetic())
        || number.magnitude == 1
            && char_at(text, number.end, limit)
                .is_some_and(|(c, _)| c.is_ascii_alphabetic() && c != 'x')
}

/// A list marker (2． at the start of a line, 3、) or a footnote mark
/// ([5], ［9］, (3)): it numbers the text, it states no quantity.
fn is_marker(text: &str, at: usize, end: usize, limit: usize) -> bool {
    let prev = char_before(text, at).map(|(c, _)| c);
    let (next, next_len) = char_at(text, end, limit).unwrap_or((' ', 0));
    let bracketed = matches!(
        (prev, next),
        (Some('(' | '（'), ')' | '）') | (Some('[' | '［'), ']' | '］') | (Some('【'), '】')
    );
    let line_start = prev.is_none_or(|p| p == '\n' || p == '\r' || p == '\u{3000}' || p == ' ');
    let listed = line_start
        && (next == '、'
            || next == '.'
                && char_at(text, end + next_len, limit).is_none_or(|(c, _)| !c.is_ascii_digit()));
    bracketed || listed
}

/// Clock times (15:24) are not among the kinds of SPEC §2.
fn clock_time(text: &str, at: usize, end: usize, limit: usize) -> bool {
    let colon = |c: char| c == ':';
    let after = char_at(text, end, limit).is_some_and(|(c, _)| colon(c))
        && text[end..limit]
            .chars()
            .nth(1)
            .is_some_and(|c| super::text::number_char(c).is_ascii_digit());
    let before = char_before(text, at).is_some_and(|(c, _)| colon(c))
        && text[..at]
            .trim_end_matches([':', '：'])
            .chars()
            .next_back()
            .is_some_and(|c| super::text::number_char(c).is_ascii_digit());
    after || before
}

/// A number beyond 28 significant digits: its exact text, and its unit.
fn big_number(text: &str, at: usize, limit: usize, number: Number) -> NumberMention {
    let cursor = skip_ws(text, number.end, limit);
    let unit = vocabulary().units.at(text, cursor, limit);
    let end = unit.map_or(number.end, |(_, len)| cursor + len);
    let kind = match unit.map(|(u, _)| vocabulary().unit_kind(u)) {
        Some(UnitKind::Money) => NumberKind::Money,
        _ => NumberKind::Cardinal,
    };
    let mut m = mention(text, at, end, kind);
    m.value = number.big.map(NumberValue::Big);
    m.unit = unit.map(|(u, _)| u.to_string());
    m
}

/// 第, 百分之, or an approximation before the number (近5年, 约300人;
/// 上万, 几十, 数百 only before a bare magnitude).
fn prefix(text: &str, floor: usize, at: usize, number: &Number) -> Prefix {
    // One look at the char before: most numbers have no prefix, and each
    // prefix word ends in one of a few chars.
    let Some((p, _)) = char_before(text, at) else {
        return Prefix {
            start: at,
            ..Prefix::default()
        };
    };
    let vocab = vocabulary();
    if p != '之' && p != '第' && p != '、' && !vocab.approx_before_last.contains(&p) {
        return Prefix {
            start: at,
            ..Prefix::default()
        };
    }
    if !number.arabic {
        if let Some(len) = word_before(text, floor, at, "百分之") {
            return Prefix {
                percent: true,
                start: at - len,
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
    for &w in &vocab.approx_before {
        let magnitude_only = matches!(w, "上" | "几" | "数");
        if magnitude_only && !number.bare_magnitude {
            continue;
        }
        if let Some(len) = word_before(text, floor, at, w) {
            // 最近一年 is "the latest year": 近 there is part of 最近.
            if vocab
                .approx_before_not
                .iter()
                .any(|n| n.len() > w.len() && word_before(text, 0, at, n).is_some())
            {
                break;
            }
            return Prefix {
                approx: Some(w),
                start: at - len,
                ..Prefix::default()
            };
        }
    }
    Prefix {
        start: at,
        ..Prefix::default()
    }
}

/// 第一、二、三: the 第 of the first numeral holds for the rest of the list.
fn continues_an_ordinal_list(text: &str, at: usize) -> bool {
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
fn range_tail(text: &str, number: &Number, limit: usize) -> Option<(Decimal, Decimal, usize)> {
    let after = skip_ws(text, number.end, limit);
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

/// 12345热线: a bare number that names a telephone line.
fn names_a_line(text: &str, end: usize, limit: usize) -> bool {
    let word_len: usize = text[end..limit]
        .chars()
        .take(8)
        .take_while(|&c| super::text::is_han(c))
        .map(char::len_utf8)
        .sum();
    let word = &text[end..end + word_len];
    vocabulary().number_names.iter().any(|n| word.contains(n))
}

/// 2026智慧农业博览会: four digits of a year right before a name.
fn year_before_a_name(
    text: &str,
    at: usize,
    number: &Number,
    limit: usize,
) -> Option<NumberMention> {
    let digits = &text[at..number.end];
    let year =
        digits.len() == 4 && (Decimal::from(1900)..=Decimal::from(2100)).contains(&number.value);
    let han_next = char_at(text, number.end, limit).is_some_and(|(c, _)| super::text::is_han(c));
    if !(year && han_next && digits.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let mut m = mention(text, at, number.end, NumberKind::Year);
    m.value = Some(NumberValue::Number(number.value));
    Some(m)
}

/// 余 多 来 几 between the number and its unit (60余场, 2000多个, 十来个,
/// 十几个): only where a unit follows, or 余 at the end of a phrase (百余).
fn approx_before_unit(text: &str, at: usize, limit: usize) -> Option<(&'static str, usize)> {
    let vocab = vocabulary();
    let (a, len) = vocab.approx_mid.at(text, at, limit)?;
    let unit_follows = vocab.units.at(text, at + len, limit).is_some()
        || char_at(text, at + len, limit).is_some_and(|(c, _)| c == '%');
    (unit_follows || a == "余").then_some((a, len))
}

/// 以上 左右 上下 之多 多 余 after the unit (50人以上, 3年多).
fn approx_after_unit(
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
fn unit_and_kind(
    text: &str,
    at: usize,
    limit: usize,
    prefix: &Prefix,
    value: Decimal,
) -> (NumberKind, Option<String>, usize) {
    if prefix.percent {
        return (NumberKind::Percent, Some("%".into()), 0);
    }
    if let Some(('%', len)) = char_at(text, at, limit) {
        return (NumberKind::Percent, Some("%".into()), len);
    }
    if let Some(('‰', len)) = char_at(text, at, limit) {
        return (NumberKind::Percent, Some("‰".into()), len);
    }
    if let Some((suffix, len)) = ordinal_suffix(text, at, limit, value) {
        return (NumberKind::Ordinal, Some(suffix.into()), len);
    }
    let vocab = vocabulary();
    let Some((unit, len)) = vocab.units.at(text, at, limit).filter(|(u, _)| *u != "大") else {
        return (NumberKind::Cardinal, None, 0);
    };
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
fn ordinal_suffix(
    text: &str,
    at: usize,
    limit: usize,
    value: Decimal,
) -> Option<(&'static str, usize)> {
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
        || (Decimal::from(11)..=Decimal::from(30)).contains(&value)
        || vocabulary()
            .congress_context
            .at(text, after, limit)
            .is_some();
    congress.then_some(("大", len))
}

/// Is the numeral run `at..end` inside one of the set words (一系列, 统一,
/// 十分 …) that starts at or before `from`? Set words are indexed by each
/// of their chars together with the char after it, so that the hundred
/// words holding 一 cost a probe or two, not a hundred compares.
fn in_set_word(text: &str, from: usize, at: usize, end: usize) -> bool {
    use std::sync::OnceLock;
    /// (a char of the word, the char after it or '\0') → (word, chars before it)
    type Index = rustc_hash::FxHashMap<(char, char), Vec<(&'static str, usize)>>;
    static INDEX: OnceLock<Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m = Index::default();
        for &w in &vocabulary().set_words {
            let chars: Vec<char> = w.chars().collect();
            for (k, &c) in chars.iter().enumerate() {
                let next = chars.get(k + 1).copied().unwrap_or('\0');
                m.entry((c, next)).or_default().push((w, k));
            }
        }
        m
    });
    let Some((first, len)) = char_at(text, at, end) else {
        return false;
    };
    let next = char_at(text, at + len, text.len()).map_or('\0', |(c, _)| c);
    [next, '\0'].iter().any(|&n| {
        index.get(&(first, n)).is_some_and(|words| {
            words.iter().any(|&(w, chars_before)| {
                let Some(start) = back_chars(text, at, chars_before) else {
                    return false;
                };
                start <= from
                    && word_at(text, start, text.len(), w).is_some_and(|len| start + len >= end)
            })
        })
    })
}

/// The byte offset `n` chars before `at`.
fn back_chars(text: &str, at: usize, n: usize) -> Option<usize> {
    let mut pos = at;
    for _ in 0..n {
        pos -= text[..pos].chars().next_back()?.len_utf8();
    }
    Some(pos)
}

/// The rules for Chinese numerals that make a reading no quantity.
#[allow(clippy::too_many_arguments)]
fn chinese_rules_allow(
    text: &str,
    at: usize,
    number: &Number,
    approx: Option<&str>,
    unit: Option<&str>,
    before: &str,
    cursor: usize,
    limit: usize,
) -> bool {
    let digits = &text[at..number.end];
    let one = number.chars == 1 && char_at(text, at, limit).is_some_and(|(c, _)| c == '一');
    // A bare 百 千 万 亿 is a number only with an approximation (百余人,
    // 上万名, 超千万): 百姓, 千万不要, 万人空巷 are words.
    let vocab = vocabulary();
    let unit_kind = unit.map(|u| vocab.unit_kind(u));
    if number.bare_magnitude
        && number.chars == 1
        && approx.is_none()
        && !digits.starts_with(['十', '拾'])
        && unit_kind != Some(UnitKind::Time)
        && !(unit.is_some() && text[cursor..limit].starts_with('级'))
    {
        return false;
    }
    // 一 + a measure word is an indefinite article (一个漫长的过程, 新一轮,
    // 一场风波) unless a word before it counts (只有一人) or the measure
    // counts events (一次).
    if one
        && unit_kind == Some(UnitKind::Measure)
        && !unit.is_some_and(|u| vocab.event_measures.contains(&u))
        && !vocab.counting_cues.iter().any(|c| before.ends_with(c))
    {
        return false;
    }
    // 一 as a determiner (这一年, 特殊意义的一年) is no quantity.
    let prev = char_before(text, at).map(|(c, _)| c);
    if one && prev.is_some_and(|p| "这那哪每的同某另任其是为又上下".contains(p)) {
        return false;
    }
    // 第八个五年, 第十四个五年规划: the plan's name, not a span.
    if digits == "五" && unit == Some("年") && prev == Some('个') {
        return false;
    }
    // 一年 is a span of time only with 来/内/以来/多 after it or 过去/近/用
    // before it (一年来, 过去一年); else it names a year (重要一年, 上一年度).
    if one
        && matches!(unit, Some("年" | "天" | "月" | "周"))
        && starts_with_any(
            &text[cursor..limit],
            &[
                "来", "内", "以来", "多", "后", "间", "时间", "之中", "之内", "中", "里",
            ],
        )
        .is_none()
        && ends_with_any(before, &["过去", "近", "用", "历时", "经过", "不到", "第"]).is_none()
    {
        return false;
    }
    true
}

/// 人大一次会议, 十九届二次全会: the session's ordinal.
fn is_session_ordinal(
    unit: Option<&str>,
    before: &str,
    text: &str,
    cursor: usize,
    limit: usize,
) -> bool {
    unit == Some("次")
        && before.ends_with(['大', '届', '协'])
        && starts_with_any(&text[cursor..limit], &["会议", "全会", "全体会议"]).is_some()
}
