//! Dates, years and ranges of years: 2023年1月13日, 2023年2月, 2月11日,
//! 十月, 2023-01-13, (20230219), 2022年, 2022年度, 2021-2035年,
//! 2021年至2025年.

use rust_decimal::Decimal;

use super::numeral::digit_value;
use super::read::{read_number, Number};
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

/// A date mention with an ISO value.
fn date(text: &str, at: usize, end: usize, iso: String) -> NumberMention {
    let mut out = mention(text, at, end, NumberKind::Date);
    out.value = Some(NumberValue::Date(iso));
    out
}

/// A range of days (3月19日至20日): ISO dates at both ends, unit 日.
fn days(text: &str, at: usize, end: usize, low: String, high: String) -> NumberMention {
    let mut out = mention(text, at, end, NumberKind::Range);
    out.value = Some(NumberValue::Date(low));
    out.value_high = Some(NumberValue::Date(high));
    out.unit = Some("日".into());
    out
}

/// After a day (19日): a range mark and a later day of the same month
/// (至20日), its number and end.
fn day_range(text: &str, at: usize, limit: usize, day: u32) -> Option<(u32, usize)> {
    let at = skip_ws(text, at, limit);
    let (mark, len) = char_at(text, at, limit).filter(|(c, _)| RANGE_MARKS.contains(c))?;
    let _ = mark;
    let (dv, dend, _) = core_number(text, skip_ws(text, at + len, limit), limit)?;
    let high = small(dv, 31).filter(|&h| h > day)?;
    let suffix = starts_with_any(&text[dend..limit], &["日", "号"])?;
    Some((high, dend + suffix.len()))
}

/// A range of years (unit 年).
fn years(text: &str, at: usize, end: usize, low: Decimal, high: Decimal) -> NumberMention {
    let mut out = mention(text, at, end, NumberKind::Range);
    out.value = Some(NumberValue::Number(low));
    out.value_high = Some(NumberValue::Number(high));
    out.unit = Some("年".into());
    out
}

/// 2023年1月13日, 2023年2月, 2023年, 2月11日, 3月, 2023-01-13, (20230219),
/// 2021-2035年, 2021年至2025年: the date, year or range of years at `at`.
pub(crate) fn date_or_year(
    text: &str,
    before: &str,
    at: usize,
    number: &Number,
    limit: usize,
) -> Option<NumberMention> {
    let (num_end, value, arabic) = (number.end, number.value, number.arabic);
    let digits = &text[at..num_end];
    if arabic {
        if let Some(m) = date_stamp(text, before, at, num_end, limit) {
            return Some(m);
        }
    }
    if is_year(digits, value, arabic) {
        if arabic {
            if let Some(m) = iso_date(text, at, num_end, limit, value) {
                return Some(m);
            }
        }
        return written_year(text, at, num_end, limit, value);
    }
    month_without_year(text, before, at, number, limit)
}

/// (20230219): eight digits in brackets.
fn date_stamp(
    text: &str,
    before: &str,
    at: usize,
    end: usize,
    limit: usize,
) -> Option<NumberMention> {
    let digits = &text[at..end];
    let rest = &text[end..limit];
    let bracketed = (before.ends_with('(') || before.ends_with('（'))
        && (rest.starts_with(')') || rest.starts_with('）'));
    if !bracketed || digits.chars().count() != 8 {
        return None;
    }
    // Full-width stamps too: read the digits as ASCII before slicing.
    let ascii: String = digits
        .chars()
        .filter_map(|c| number_char(c).to_digit(10))
        .filter_map(|d| char::from_digit(d, 10))
        .collect();
    if ascii.len() != 8 {
        return None;
    }
    let (y, m, d) = (&ascii[..4], &ascii[4..6], &ascii[6..8]);
    let (m, d) = (m.parse::<u32>().ok()?, d.parse::<u32>().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| date(text, at, end, format!("{y}-{m:02}-{d:02}")))
}

/// 2023-01-13, 2023/1/13, 2023.01.13.
fn iso_date(
    text: &str,
    at: usize,
    end: usize,
    limit: usize,
    year: Decimal,
) -> Option<NumberMention> {
    let rest = &text[end..limit];
    let sep = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = rest[1..].splitn(3, sep);
    let (month, day) = (parts.next()?, parts.next()?);
    let day_len = day.bytes().take_while(u8::is_ascii_digit).count();
    let well_formed = (1..=2).contains(&month.len())
        && month.bytes().all(|b| b.is_ascii_digit())
        && (1..=2).contains(&day_len);
    if !well_formed {
        return None;
    }
    let (m, d) = (
        month.parse::<u32>().ok()?,
        day[..day_len].parse::<u32>().ok()?,
    );
    let valid = (1..=12).contains(&m) && (1..=31).contains(&d);
    let span_end = end + 1 + month.len() + 1 + day_len;
    valid.then(|| date(text, at, span_end, format!("{year}-{m:02}-{d:02}")))
}

/// A year: 2023年 with a month and day after it (a date), 2023年至2025年
/// (a range), 2023年度, 2023年; or 2021-2035年 without 年 after the first.
fn written_year(
    text: &str,
    at: usize,
    end: usize,
    limit: usize,
    value: Decimal,
) -> Option<NumberMention> {
    let after_year = skip_ws(text, end, limit);
    if !text[after_year..limit].starts_with('年') {
        let (end, high) = second_year(text, end, limit, value)?;
        return Some(years(text, at, end, value, high));
    }
    let year_end = after_year + '年'.len_utf8();
    let y = u32::try_from(value).ok()?;
    if let Some((month, day, end)) = month_and_day(text, skip_ws(text, year_end, limit), limit) {
        let Some(day) = day else {
            return Some(date(text, at, end, format!("{y}-{month:02}")));
        };
        let iso = |d: u32| format!("{y}-{month:02}-{d:02}");
        return Some(match day_range(text, end, limit, day) {
            Some((high, end)) => days(text, at, end, iso(day), iso(high)),
            None => date(text, at, end, iso(day)),
        });
    }
    if let Some((end, high)) = second_year(text, year_end, limit, value) {
        return Some(years(text, at, end, value, high));
    }
    let end = if text[year_end..limit].starts_with('度') {
        year_end + '度'.len_utf8()
    } else {
        year_end
    };
    let mut out = mention(text, at, end, NumberKind::Year);
    out.value = Some(NumberValue::Number(value));
    Some(out)
}

/// A month (1-12) and 月 at `at`, then maybe a day (1-31) and 日/号:
/// (month, day, end).
fn month_and_day(text: &str, at: usize, limit: usize) -> Option<(u32, Option<u32>, usize)> {
    let (mv, mend, _) = core_number(text, at, limit)?;
    let month = small(mv, 12)?;
    let mend = skip_ws(text, mend, limit);
    if !text[mend..limit].starts_with('月') {
        return None;
    }
    let month_end = mend + '月'.len_utf8();
    let dpos = skip_ws(text, month_end, limit);
    if let Some((dv, dend, _)) = core_number(text, dpos, limit) {
        if let Some(day) = small(dv, 31) {
            if let Some(suffix) = starts_with_any(&text[dend..limit], &["日", "号"]) {
                return Some((month, Some(day), dend + suffix.len()));
            }
        }
    }
    Some((month, None, month_end))
}

/// 2月11日 (`--02-11`), 3月 and 3月份 (`--03`): a date without a year.
fn month_without_year(
    text: &str,
    before: &str,
    at: usize,
    number: &Number,
    limit: usize,
) -> Option<NumberMention> {
    let (num_end, arabic) = (number.end, number.arabic);
    small(number.value, 12)?;
    if text[..at].ends_with('个') || !text[skip_ws(text, num_end, limit)..limit].starts_with('月')
    {
        return None;
    }
    let (month, day, end) = month_and_day(text, at, limit)?;
    if let Some(day) = day {
        let iso = |d: u32| format!("--{month:02}-{d:02}");
        return Some(match day_range(text, end, limit, day) {
            Some((high, end)) => days(text, at, end, iso(day), iso(high)),
            None => date(text, at, end, iso(day)),
        });
    }
    // 1-6月 style ranges are read by the caller.
    let month_end = end;
    let dpos = skip_ws(text, month_end, limit);
    if core_number(text, dpos, limit).is_some() {
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
    Some(date(text, at, end, format!("--{month:02}")))
}

/// 一月二十一日和二十八日, 3月5日、12日: a day listed after a date is a date
/// of the same month (and year), not a count of days. Runs over the
/// mentions of a text once they are all found.
pub(crate) fn carry_the_month(text: &str, mentions: &mut [NumberMention]) {
    for i in 1..mentions.len() {
        let (done, rest) = mentions.split_at_mut(i);
        let (prev, m) = (&done[i - 1], &mut rest[0]);
        let Some(NumberValue::Date(iso)) = &prev.value else {
            continue;
        };
        // A date with a day (1976-01-21, --01-21): its year and month.
        let with_day = iso.len() == 10 || iso.len() == 7 && iso.starts_with("--");
        if !with_day || prev.kind != NumberKind::Date {
            continue;
        }
        let month = &iso[..iso.len() - 3];
        let between = text[prev.end..m.start].trim();
        let listed = matches!(between, "和" | "、" | "及" | "与" | "或");
        let day = m
            .value
            .as_ref()
            .and_then(NumberValue::as_decimal)
            .and_then(|d| small(d, 31));
        if !listed || m.kind != NumberKind::Cardinal || m.approx.is_some() {
            continue;
        }
        if let (Some(day), Some("日" | "号")) = (day, m.unit.as_deref()) {
            m.kind = NumberKind::Date;
            m.value = Some(NumberValue::Date(format!("{month}-{day:02}")));
            m.unit = None;
            m.subject = None;
        }
    }
}
