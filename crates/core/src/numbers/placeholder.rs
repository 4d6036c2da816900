//! Template numbers (SPEC §2.1): x次, xx区, x余件, 第x次: no value, never
//! an error.

use super::subject::subject;
use super::text::starts_with_any;
use super::vocab::{vocabulary, UnitKind};
use super::{mention, NumberKind, NumberMention};
use compact_str::CompactString;

/// The placeholder at `at` (an `x`), if one is there.
pub(crate) fn placeholder_at(
    text: &str,
    floor: usize,
    at: usize,
    limit: usize,
) -> Option<NumberMention> {
    let before = &text[floor..at];
    let prev = text[..at].chars().next_back();
    if prev.is_some_and(|p| p.is_ascii_alphanumeric()) {
        return None;
    }
    let n = text[at..limit]
        .chars()
        .take_while(|c| *c == 'x' || *c == 'X')
        .count();
    if n > 3 {
        return None;
    }
    let mut end = at + n;
    let mut approx = starts_with_any(&text[end..limit], &["余", "多"]);
    if let Some(a) = approx {
        end += a.len();
    }
    let ordinal = before.ends_with('第');
    let start = if ordinal { at - '第'.len_utf8() } else { at };
    let Some((magnitude, unit, unit_len)) = unit_with_magnitude(text, end, limit) else {
        // x以上, x左右: a template number without a unit.
        let a = starts_with_any(&text[end..limit], &["以上", "左右"])?;
        let mut m = mention(text, start, end + a.len(), NumberKind::Cardinal);
        m.approx = Some(approx.unwrap_or(a).into());
        m.placeholder = true;
        return Some(m);
    };
    end += magnitude.len();
    if text[end + unit_len..limit]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    end += unit_len;
    if approx.is_none() {
        approx = starts_with_any(&text[end..limit], &["以上", "左右"]);
        end += approx.map_or(0, str::len);
    }
    let unit_kind = vocabulary().unit_kind(unit);
    let kind = if ordinal || unit_kind == UnitKind::Ordinal {
        NumberKind::Ordinal
    } else if unit_kind == UnitKind::Money {
        NumberKind::Money
    } else {
        NumberKind::Cardinal
    };
    let mut m = mention(text, start, end, kind);
    m.unit = Some(unit.into());
    m.approx = approx.map(CompactString::from);
    m.placeholder = true;
    if kind == NumberKind::Cardinal && unit_kind != UnitKind::Time {
        m.subject = subject(text, start, end, unit);
    }
    Some(m)
}

/// (magnitude, unit, the unit's length as written) at `at`: 万元 → ("万",
/// "元", 3), 次 → ("", "次", 3); a unit is found through folding (Ｃ is C).
fn unit_with_magnitude(
    text: &str,
    at: usize,
    limit: usize,
) -> Option<(&'static str, &'static str, usize)> {
    let units = &vocabulary().units;
    for mag in ["万亿", "千万", "百万", "十万", "亿", "万", ""] {
        if text[at..limit].starts_with(mag) {
            if let Some((u, len)) = units.at(text, at + mag.len(), limit) {
                if u == "大" {
                    continue;
                }
                return Some((mag, u, len));
            }
        }
    }
    None
}
