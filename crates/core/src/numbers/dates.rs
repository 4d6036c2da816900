//! Dates, years and ranges of years: 2023年1月13日, 2023年2月, 2月11日,
//! 十月, 2023-01-13, (20230219), 2022年, 2022年度, 2021-2035年,
//! 2021年至2025年.

use rust_decimal::Decimal;

use super::numeral::digit_value;
use super::read::read_number;
use super::text::{char_at, number_char, skip_ws, starts_with_any};
use super::RANGE_MARKS;
use super::{mention, NumberKind, NumberMention, NumberValue};

/// The plain number at `at` (no range, no overflow): (value, end, arabic?).
fn core_number(text: &str, at: usize, limit: usize) -> Option<(Decimal, usize, bool)> {
    let n = read_number(text, at, limit)?;
    (n.high.is_none() && n.big.is_none() && n.approx.is_none())
        .then_some((n.value, n.end, n.arabic))
}

/// Is `value`, written in `digits`, a year: four digits (Arabic, or
/// Chinese read digit by digit), 1000-2100?
fn is_year(digits: &str, value: Decimal, arabic: bool) -> bool {
    digits.chars().count() == 4
        && (!arabic || digits.chars().map(number_char).all(|c| c.is_ascii_digit()))
        && (1000..=2100).contains(&u32::try_from(value).unwrap_or(0))
}

/// A second year after a range mark (2021年至2025年, 2021-2035年): where
/// it and its 年 end, and its value.
fn second_year(text: &str, at: usize, limit: usize, low: Decimal) -> Option<(usize, Decimal)> {
    let at = skip_ws(text, at, limit);
    let (mark, _) = char_at(text, at, limit).filter(|(c, _)| RANGE_MARKS.contains(c))?;
    let mut second = at + text[at..].chars().next().map_or(0, char::len_utf8);
    if mark == '—' && text[second..limit].starts_with('—') {
        second += '—'.len_utf8();
    }
    let second = skip_ws(text, second, limit);
    let (high, high_end, arabic) = core_number(text, second, limit)?;
    let high_end_year = skip_ws(text, high_end, limit);
    (is_year(&text[second..high_end], high, arabic)
        && high > low
        && text[high_end_year..limit].starts_with('年'))
    .then_some((high_end_year + '年'.len_utf8(), high))
}

fn small(d: Decimal, max: u32) -> Option<u32> {
    u32::try_from(d)
        .ok()
        .filter(|v| (1..=max).contains(v) && d.fract().is_zero())
}

/// 2023年1月13日, 2023年2月, 2023年, 2月11日, 3月, 2023-01-13, (20230219),
/// 2021-2035年 (a range of years).
pub(crate) fn date_or_year(
    text: &str,
    before: &str,
    at: usize,
    num_end: usize,
    limit: usize,
    value: Decimal,
    arabic: bool,
) -> Option<NumberMention> {
    let digits = &text[at..num_end];
    let n_digits = digits.chars().count();
    let year_like = is_year(digits, value, arabic);
    let rest = &text[num_end..limit];
    // (20230219)
    if arabic
        && n_digits == 8
        && (before.ends_with('(') || before.ends_with('（'))
        && (rest.starts_with(')') || rest.starts_with('）'))
    {
        // Full-width stamps too: read the digits as ASCII before slicing.
        let ascii: String = digits
            .chars()
            .filter_map(|c| {
                c.to_digit(10)
                    .or_else(|| digit_value(c).filter(|_| !c.is_alphabetic()))
            })
            .filter_map(|d| char::from_digit(d, 10))
            .collect();
        if ascii.len() != 8 {
            return None;
        }
        let (y, m, d) = (&ascii[..4], &ascii[4..6], &ascii[6..8]);
        if let (Ok(m), Ok(d)) = (m.parse::<u32>(), d.parse::<u32>()) {
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                let mut out = mention(text, at, num_end, NumberKind::Date);
                out.value = Some(NumberValue::Date(format!("{y}-{m:02}-{d:02}")));
                return Some(out);
            }
        }
    }
    // 2023-01-13, 2023/1/13, 2023.01.13
    if year_like && arabic {
        if let Some(sep) = rest.chars().next().filter(|c| matches!(c, '-' | '/' | '.')) {
            let parts: Vec<&str> = rest[1..].splitn(3, sep).collect();
            if parts.len() >= 2 {
                let m: String = parts[0].chars().take_while(char::is_ascii_digit).collect();
                let d: String = parts[1].chars().take_while(char::is_ascii_digit).collect();
                if !m.is_empty()
                    && m.len() <= 2
                    && m.len() == parts[0].len()
                    && !d.is_empty()
                    && d.len() <= 2
                {
                    if let (Ok(mv), Ok(dv)) = (m.parse::<u32>(), d.parse::<u32>()) {
                        if (1..=12).contains(&mv) && (1..=31).contains(&dv) {
                            let end = num_end + 1 + m.len() + 1 + d.len();
                            let mut out = mention(text, at, end, NumberKind::Date);
                            out.value = Some(NumberValue::Date(format!("{value}-{mv:02}-{dv:02}")));
                            return Some(out);
                        }
                    }
                }
            }
        }
    }
    let after_year = skip_ws(text, num_end, limit);
    if year_like && text[after_year..limit].starts_with('年') {
        let year_end = after_year + '年'.len_utf8();
        let y = u32::try_from(value).ok()?;
        // 2023年1月13日 / 2023年2月
        let mpos = skip_ws(text, year_end, limit);
        if let Some((mv, mend, _)) = core_number(text, mpos, limit) {
            if let Some(month) = small(mv, 12) {
                if text[mend..limit].starts_with('月') {
                    let month_end = mend + '月'.len_utf8();
                    let dpos = skip_ws(text, month_end, limit);
                    if let Some((dv, dend, _)) = core_number(text, dpos, limit) {
                        if let Some(day) = small(dv, 31) {
                            if let Some(suffix) = starts_with_any(&text[dend..limit], &["日", "号"])
                            {
                                let mut out =
                                    mention(text, at, dend + suffix.len(), NumberKind::Date);
                                out.value =
                                    Some(NumberValue::Date(format!("{y}-{month:02}-{day:02}")));
                                return Some(out);
                            }
                        }
                    }
                    let mut out = mention(text, at, month_end, NumberKind::Date);
                    out.value = Some(NumberValue::Date(format!("{y}-{month:02}")));
                    return Some(out);
                }
            }
        }
        if let Some((end, high)) = second_year(text, year_end, limit, value) {
            let mut out = mention(text, at, end, NumberKind::Range);
            out.value = Some(NumberValue::Number(value));
            out.value_high = Some(NumberValue::Number(high));
            out.unit = Some("年".into());
            return Some(out);
        }
        let end = if text[year_end..limit].starts_with('度') {
            year_end + '度'.len_utf8()
        } else {
            year_end
        };
        let mut out = mention(text, at, end, NumberKind::Year);
        out.value = Some(NumberValue::Number(value));
        return Some(out);
    }
    // 2021-2035年 / 2021—2035年
    if year_like {
        let (end, high) = second_year(text, num_end, limit, value)?;
        let mut out = mention(text, at, end, NumberKind::Range);
        out.value = Some(NumberValue::Number(value));
        out.value_high = Some(NumberValue::Number(high));
        out.unit = Some("年".into());
        return Some(out);
    }
    // 2月11日, 3月 (no year: --MM-DD / --MM)
    let month = small(value, 12)?;
    let mpos = skip_ws(text, num_end, limit);
    if !text[mpos..limit].starts_with('月') || text[..at].ends_with('个') {
        return None;
    }
    let month_end = mpos + '月'.len_utf8();
    let dpos = skip_ws(text, month_end, limit);
    if let Some((dv, dend, _)) = core_number(text, dpos, limit) {
        if let Some(day) = small(dv, 31) {
            if let Some(suffix) = starts_with_any(&text[dend..limit], &["日", "号"]) {
                let mut out = mention(text, at, dend + suffix.len(), NumberKind::Date);
                out.value = Some(NumberValue::Date(format!("--{month:02}-{day:02}")));
                return Some(out);
            }
        }
        // 1-6月 style ranges are read by the caller.
        return None;
    }
    let end = if text[month_end..limit].starts_with('份') {
        month_end + '份'.len_utf8()
    } else {
        month_end
    };
    if before.ends_with(['第', '近', '约'])
        || !arabic && before.ends_with(|c: char| digit_value(c).is_some())
    {
        return None;
    }
    let mut out = mention(text, at, end, NumberKind::Date);
    out.value = Some(NumberValue::Date(format!("--{month:02}")));
    Some(out)
}
