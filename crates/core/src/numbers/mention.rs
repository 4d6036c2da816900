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

use compact_str::{format_compact, CompactString};
use rust_decimal::Decimal;

use super::affixes::{
    approx_after_unit, approx_before_unit, percent_range, prefix, range_tail, unit_and_kind, Prefix,
};
use super::dates::date_or_year;
use super::not_mentions::{
    a_lone_chinese_numeral, a_lone_financial_numeral, chinese_rules_allow, clock_time,
    glued_to_latin, in_set_word, inside_a_number, is_marker, names_a_day_or_group, names_a_line,
    names_a_set_by_size, nothing_can_make_a_mention,
};
use super::numeral::{digit_value, normalized};
use super::placeholder::placeholder_at;
use super::quote::in_short_quote;
use super::read::{read_number, Number};
use super::subject::subject;
use super::text::{char_at, ends_with_any, skip_ws, starts_with_any};
use super::vocab::{vocabulary, UnitKind};
use super::{mention, NumberKind, NumberMention, NumberValue};

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
    let number = candidate_number(text, at, limit)?;
    if number.big.is_some() {
        return Some(big_number(text, at, limit, number));
    }
    if nothing_can_make_a_mention(text, at, &number, limit)
        || names_a_day_or_group(text, at, number.end, limit)
    {
        return None;
    }
    let before = &text[floor..at];
    if number.high.is_none() && number.approx.is_none() {
        let date = date_or_year(text, before, at, &number, limit);
        // 十月革命, 五四运动: a set word is no date either.
        if date.is_some() && (number.arabic || !in_set_word(text, at, at, number.end)) {
            return date;
        }
    }
    // 一、两年之内: a listed pair before its unit, not a list marker.
    if is_marker(text, at, number.end, limit) && listed_pair(text, &number, limit).is_none() {
        return None;
    }
    let prefix = prefix(text, floor, at, &number);
    // Asked before the unit is read, which it does not depend on: a
    // quarter of the Chinese numerals read this far are in one (一个个,
    // 进一步).
    if !number.arabic && in_a_set_word(text, at, &number, &prefix) {
        return None;
    }
    let mut r = Reading::after_number(text, &number, &prefix, limit);
    r.read_unit(text, &number, &prefix, limit);
    if number.arabic && r.is_bare(&prefix, at) {
        if names_a_line(text, number.end, limit) || names_a_set_by_size(text, number.end, limit) {
            return None;
        }
        if let Some(m) = year_before_a_name(text, at, &number, limit) {
            return Some(m);
        }
    }
    if !number.arabic && !r.chinese_accepted(text, at, &number, &prefix, before, limit) {
        return None;
    }
    r.read_approx_after(text, limit);
    // A count or ordinal inside a short quoted formula (“两件大事”, “1+9”,
    // “四个要看、四个更要看”) is part of a name.
    if matches!(r.kind, NumberKind::Cardinal | NumberKind::Ordinal)
        && in_short_quote(text, r.start, r.cursor)
    {
        return None;
    }
    Some(r.into_mention(text))
}

/// The number at a candidate position, unless the position is inside a
/// number, holds a lone Chinese numeral, or the digits name something
/// (G20, 15:24).
fn candidate_number(text: &str, at: usize, limit: usize) -> Option<Number> {
    if inside_a_number(text, at)
        || a_lone_chinese_numeral(text, at, limit)
        || a_lone_financial_numeral(text, at, limit)
    {
        return None;
    }
    let number = read_number(text, at, limit)?;
    let named = number.arabic
        && (glued_to_latin(text, at, &number, limit) || clock_time(text, at, number.end, limit));
    (!named).then_some(number)
}

/// A mention as it is read, step by step.
struct Reading {
    /// Where the span starts (the prefix included).
    start: usize,
    value: Decimal,
    high: Option<Decimal>,
    /// Where the number and its range end.
    end: usize,
    /// Where what has been read ends.
    cursor: usize,
    approx: Option<&'static str>,
    kind: NumberKind,
    unit: Option<CompactString>,
}

impl Reading {
    /// The number, its prefix, a range after it (1-6月, 3至5万) and an
    /// approximation before the unit (60余场).
    fn after_number(text: &str, number: &Number, prefix: &Prefix, limit: usize) -> Reading {
        let (mut value, mut high, mut end) = (number.value, number.high, number.end);
        if high.is_none() {
            let tail = range_tail(text, number, number.end, limit)
                .or_else(|| percent_range(text, number, limit))
                .or_else(|| listed_pair(text, number, limit).filter(|_| !prefix.ordinal));
            if let Some((low, h, high_end)) = tail {
                (value, high, end) = (low, Some(h), high_end);
            }
        }
        let mut approx = prefix.approx.or(number.approx);
        let mut cursor = skip_ws(text, end, limit);
        // 近一百多年: a second approximation after the number is part of
        // the span; the one before it is the modifier.
        // 百分之十来维持: after a percent, 来 is the verb (十来个 counts things).
        let mid = approx_before_unit(text, cursor, limit)
            .filter(|(a, _)| !(prefix.percent && *a == "来"));
        if let Some((a, len)) = mid {
            approx = approx.or(Some(a));
            cursor += len;
        }
        Reading {
            start: prefix.start,
            value,
            high,
            end,
            cursor,
            approx,
            kind: NumberKind::Cardinal,
            unit: None,
        }
    }

    /// The unit and the kind it gives; Latin letters after a magnitude
    /// (4万P); a compound unit (元/吨, 次/秒). Then 第 makes an ordinal and
    /// a high end a range.
    fn read_unit(&mut self, text: &str, number: &Number, prefix: &Prefix, limit: usize) {
        let cursor = self.cursor;
        let (mut kind, mut unit, mut len) = unit_and_kind(text, cursor, limit, prefix, self.value);
        if unit.as_deref() == Some("个") && self.approx.is_none() {
            // 三个多小时, 两个多月: the approximation inside a unit of time.
            if let Some((a, t, more)) = approx_inside_a_time_unit(text, cursor + len, limit) {
                (unit, len, self.approx) = (Some(t), len + more, Some(a));
            }
        }
        let rate_unit = unit
            .as_deref()
            .is_some_and(|u| vocabulary().rate_units.contains(&u));
        // 千人口托位数: a bare magnitude before 人口 is a rate without 每.
        let per_magnitude = number.bare_magnitude && number.chars == 1;
        if rate_unit && !text[..self.start].ends_with('每') && !per_magnitude {
            // 每千人口 is a rate's unit; 十亿人口 counts people, 人口 is
            // what is counted.
            (kind, unit, len) = (NumberKind::Cardinal, None, 0);
        }
        if number.bare_magnitude && unit.as_deref() == Some("级") {
            // 千亿级园区: 级 makes a class of the magnitude, it is no unit.
            (kind, unit, len) = (NumberKind::Cardinal, None, 0);
        }
        if !number.arabic
            && number.chars == 1
            && unit.as_deref() == Some("期")
            && names_a_phase(text, cursor + len, limit)
        {
            // 基地二期、 西线一期工程: the project's phase.
            kind = NumberKind::Ordinal;
        }
        if unit.as_deref() == Some("届")
            && (text[self.start..].starts_with('两')
                || ends_with_any(&text[..self.start], &vocabulary().edition_counts).is_some())
        {
            // 连续12届, 连续举办两届: editions counted (两 never ranks).
            kind = NumberKind::Cardinal;
        }
        if unit.is_none() && number.magnitude > 1 {
            let letters = text[cursor..limit]
                .bytes()
                .take_while(u8::is_ascii_alphabetic)
                .count();
            if (1..=4).contains(&letters) {
                unit = Some(text[cursor..cursor + letters].into());
                len = letters;
            }
        }
        if let Some(u) = &unit {
            if let Some(('/', slash)) = char_at(text, cursor + len, limit) {
                let per = vocabulary().units.at(text, cursor + len + slash, limit);
                if let Some((per, per_len)) = per {
                    unit = Some(format_compact!("{u}/{per}"));
                    len += slash + per_len;
                }
            }
        }
        self.cursor += len;
        self.unit = unit;
        self.kind = if self.high.is_some() {
            NumberKind::Range
        } else if prefix.ordinal {
            NumberKind::Ordinal
        } else {
            kind
        };
    }

    /// Nothing but the digits: no unit, approximation, prefix or range.
    fn is_bare(&self, prefix: &Prefix, at: usize) -> bool {
        self.unit.is_none() && self.approx.is_none() && prefix.start == at && self.high.is_none()
    }

    /// Chinese numerals need a unit, a prefix, a range, an approximation or
    /// a magnitude to be a quantity, and must pass the rules of
    /// `not_mentions.rs` (the set words, [`in_a_set_word`], were asked
    /// before); 人大一次会议 makes an ordinal.
    fn chinese_accepted(
        &mut self,
        text: &str,
        at: usize,
        number: &Number,
        prefix: &Prefix,
        before: &str,
        limit: usize,
    ) -> bool {
        let formed = prefix.percent
            || prefix.ordinal
            || self.unit.is_some()
            || self.high.is_some()
            || self.approx.is_some()
            || number.has_magnitude && number.chars >= 2 && !number.bare_magnitude
            || number.bare_magnitude && number.chars >= 2 && text[self.cursor..].starts_with('级')
            // 十亿人口, 裁军百万: units alone, two or more, are a number
            // (but for the words of data `magnitude_words`: 千万不要).
            || number.bare_magnitude
                && number.chars >= 2
                && !vocabulary().magnitude_words.contains(&&text[at..number.end]);
        let unit = self.unit.as_deref();
        // 百分之一: the rules for bare numerals (一 as an article, 一年
        // naming a year) are not about percents or ordinals.
        let bare = !prefix.ordinal && !prefix.percent;
        if !formed
            || bare
                && !chinese_rules_allow(
                    text,
                    at,
                    number,
                    self.approx,
                    unit,
                    before,
                    self.cursor,
                    limit,
                )
        {
            return false;
        }
        if is_session_ordinal(unit, text, at, self.cursor, limit) {
            self.kind = NumberKind::Ordinal;
        }
        true
    }

    /// 以上 左右 … after the unit; 份 of 1-6月份.
    fn read_approx_after(&mut self, text: &str, limit: usize) {
        if self.approx.is_none() {
            let after = approx_after_unit(text, self.cursor, limit, self.unit.is_some());
            if let Some((a, len)) = after {
                self.approx = Some(a);
                self.cursor += len;
            }
        }
        if matches!(self.unit.as_deref(), Some("月" | "个月"))
            && text[self.cursor..limit].starts_with('份')
        {
            self.cursor += '份'.len_utf8();
        }
    }

    /// The mention, with the subject of a count.
    fn into_mention(self, text: &str) -> NumberMention {
        // White space skipped after the number that nothing followed is no
        // part of the span (2019 2020).
        let end = self
            .cursor
            .max(self.end)
            .min(trimmed_end(text, self.start, self.cursor));
        let mut m = mention(text, self.start, end, self.kind);
        m.value = Some(NumberValue::Number(normalized(self.value)));
        m.value_high = self.high.map(|h| NumberValue::Number(normalized(h)));
        m.approx = self.approx.map(CompactString::from);
        if self.kind == NumberKind::Cardinal {
            if let Some(u) = self.unit.as_deref() {
                let counted = matches!(
                    vocabulary().unit_kind(u),
                    UnitKind::Measure | UnitKind::Metric
                );
                if counted {
                    m.subject = subject(text, self.start, end, u);
                }
            }
        }
        m.unit = self.unit;
        m
    }
}

/// Is the Chinese numeral at `at` in a set word (一系列, 统一, 十分 …)?
/// A set word must cover the whole mention, its prefix included: 之一 is a
/// word, 百分之一 a percent.
fn in_a_set_word(text: &str, at: usize, number: &Number, prefix: &Prefix) -> bool {
    let from = if prefix.ordinal || prefix.percent {
        prefix.start
    } else {
        at
    };
    in_set_word(text, from, at, number.end)
}

/// After N期: the end of a clause, or 工程 项目 范围 — a phase, not a
/// count of sessions (举办三期培训班).
fn names_a_phase(text: &str, at: usize, limit: usize) -> bool {
    let rest = &text[at..limit];
    rest.is_empty()
        || rest.starts_with(['、', '，', '。', '；', ',', ';'])
        || starts_with_any(rest, &["工程", "项目", "范围"]).is_some()
}

/// 五、六个人: two consecutive Chinese digits listed before one unit are
/// an approximate range, as 五六个 is.
fn listed_pair(text: &str, number: &Number, limit: usize) -> Option<(Decimal, Decimal, usize)> {
    if number.arabic || number.chars != 1 {
        return None;
    }
    let (_, comma) = char_at(text, number.end, limit).filter(|(c, _)| *c == '、')?;
    let second = number.end + comma;
    let (c, len) = char_at(text, second, limit)?;
    let high = Decimal::from(digit_value(c).filter(|_| !c.is_ascii_digit())?);
    let unit_follows = vocabulary().units.at(text, second + len, limit).is_some();
    (unit_follows && high == number.value + Decimal::ONE).then_some((
        number.value,
        high,
        second + len,
    ))
}

/// `start..end` without the ignorable chars at its end.
fn trimmed_end(text: &str, start: usize, end: usize) -> usize {
    start
        + text[start..end]
            .trim_end_matches(crate::fold::is_ignorable)
            .len()
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
    m.unit = unit.map(|(u, _)| u.into());
    m
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

/// 人大一次会议, 十九届二次全会: the session's ordinal.
fn is_session_ordinal(
    unit: Option<&str>,
    text: &str,
    at: usize,
    cursor: usize,
    limit: usize,
) -> bool {
    // text[..at], not the text after the last mention: 十四届九次全会
    // follows the mention 十四届 directly.
    unit == Some("次")
        && text[..at].ends_with(['大', '届', '协'])
        && starts_with_any(&text[cursor..limit], &["会议", "全会", "全体会议"]).is_some()
}

/// After 个: an approximation and a unit of time that 个 + it names
/// (三个多小时 → 个小时, 多): the approximation, the unit, the length.
fn approx_inside_a_time_unit(
    text: &str,
    at: usize,
    limit: usize,
) -> Option<(&'static str, CompactString, usize)> {
    let vocab = vocabulary();
    let (a, alen) = vocab.approx_mid.at(text, at, limit)?;
    let (t, tlen) = vocab.units.at(text, at + alen, limit)?;
    let unit = format_compact!("个{t}");
    (vocab.is_unit(&unit) && vocab.unit_kind(&unit) == UnitKind::Time).then_some((
        a,
        unit,
        alen + tlen,
    ))
}
