//! What is not a mention (SPEC §2.2), each rule by itself: a numeral with
//! nothing around it that could make a quantity, digits inside a number or
//! glued to Latin letters, clock times, list markers and footnotes,
//! telephone lines, set words, and the rules for Chinese numerals (一 as a
//! determiner or an article, 第八个五年, 一年 naming a year).

use super::numeral::{digit_value, unit_value};
use super::read::Number;
use super::text::{char_at, char_before, ends_with_any, is_han, skip_ws, starts_with_any, word_at};
use super::vocab::{vocabulary, UnitKind};
use super::RANGE_MARKS;
use crate::bmp::BmpSet;

/// A Chinese numeral alone (一些, 三是, 十分) with no prefix before it and
/// nothing after it that could make it a quantity (a unit, an
/// approximation, a range, a date, an ordinal suffix): no mention, known
/// from two chars, before the rules look at it (most Chinese numerals of a
/// text are such).
pub(crate) fn nothing_can_make_a_mention(
    text: &str,
    at: usize,
    number: &Number,
    limit: usize,
) -> bool {
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
pub(crate) fn nothing_around(text: &str, at: usize, end: usize, limit: usize) -> bool {
    let after = skip_ws(text, end, limit);
    let next_can = char_at(text, after, limit).is_some_and(|(c, _)| may_follow_a_quantity(c));
    let prev_can = char_before(text, at).is_some_and(|(p, _)| may_end_a_prefix(p));
    !next_can && !prev_can
}

/// The chars that can make a numeral a quantity, beside it: asked at
/// nearly every number start (most are a lone 一 or 三 of a word), so one
/// bit each, built once from the vocabulary.
struct Sides {
    /// After the number: the first chars of units and approximations, the
    /// range marks, 、 and the suffixes of percents, ordinals and dates.
    after: BmpSet,
    /// Some unit or approximation starts with a char above the BMP (which
    /// a [`BmpSet`] cannot hold): such a char is asked of the vocabulary.
    wide_after: bool,
    /// Before it: 之 (百分之), 第, 、 and the last chars of approximations.
    before: BmpSet,
}

/// Can `c`, right after a numeral, make it a quantity (the first char of
/// a unit or an approximation, a range mark, a suffix)?
pub(crate) fn may_follow_a_quantity(c: char) -> bool {
    let sides = sides();
    if (c as u32) < 0x10000 {
        return sides.after.contains(c);
    }
    let vocab = vocabulary();
    sides.wide_after
        && (vocab.units.has_first(c)
            || vocab.approx_mid.has_first(c)
            || vocab.approx_after.has_first(c))
}

/// Can a prefix end with `c` right before a numeral (第, 百分之, an
/// approximation, the 、 of a list of ordinals)?
pub(crate) fn may_end_a_prefix(c: char) -> bool {
    if (c as u32) < 0x10000 {
        return sides().before.contains(c);
    }
    vocabulary().approx_before_last.contains(&c)
}

fn sides() -> &'static Sides {
    static SIDES: std::sync::OnceLock<Sides> = std::sync::OnceLock::new();
    SIDES.get_or_init(|| {
        let vocab = vocabulary();
        let lists = [&vocab.units, &vocab.approx_mid, &vocab.approx_after];
        let firsts: Vec<char> = lists.iter().flat_map(|l| l.first_chars()).collect();
        let marks = RANGE_MARKS
            .iter()
            .copied()
            .chain(['、', '%', '‰', '中', '届', '大', '年', '月', '日', '号']);
        let after: BmpSet = firsts.iter().copied().chain(marks).collect();
        let before = ['之', '第', '、']
            .into_iter()
            .chain(vocab.approx_before_last.iter().copied())
            .collect();
        Sides {
            after,
            wide_after: firsts.iter().any(|&c| c as u32 >= 0x10000),
            before,
        }
    })
}

/// A financial numeral (壹 … 玖, 拾 佰 仟) alone is a word (陆港 is a land
/// port, 伍 a name): one stands for a number only beside another numeral.
pub(crate) fn a_lone_financial_numeral(text: &str, at: usize, limit: usize) -> bool {
    let Some((c, len)) = char_at(text, at, limit) else {
        return false;
    };
    let financial = matches!(
        c,
        '壹' | '贰' | '叁' | '肆' | '伍' | '陆' | '柒' | '捌' | '玖' | '拾' | '佰' | '仟'
    );
    let numeral = |c: char| digit_value(c).is_some() || unit_value(c).is_some();
    financial
        && !char_at(text, at + len, limit).is_some_and(|(n, _)| numeral(n))
        && !char_before(text, at).is_some_and(|(p, _)| numeral(p))
}

/// The commonest candidate of a Chinese text, one Chinese numeral with
/// nothing around it that could make it a quantity (一些, 统一, 三是),
/// told from the chars around it before the numeral is read.
pub(crate) fn a_lone_chinese_numeral(text: &str, at: usize, limit: usize) -> bool {
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

/// Never start inside a run of digits (G20 is not 0; 三十五 is not 十五;
/// 1.5 is not 5).
pub(crate) fn inside_a_number(text: &str, at: usize) -> bool {
    char_before(text, at).is_some_and(|(p, _)| {
        p.is_ascii_digit()
            || digit_value(p).is_some()
            || unit_value(p).is_some()
            || p == '点'
            || p == '.'
    })
}

/// Digits glued to Latin letters (G20, 5G, PM2.5, PM_2.5: an identifier
/// may hold an underscore) name things; letters after a magnitude are a
/// unit (4万P).
pub(crate) fn glued_to_latin(text: &str, at: usize, number: &Number, limit: usize) -> bool {
    char_before(text, at).is_some_and(|(p, _)| p.is_ascii_alphabetic() || p == '_')
        || number.magnitude == 1
            && char_at(text, number.end, limit)
                .is_some_and(|(c, _)| c.is_ascii_alphabetic() && c != 'x')
}

/// A list marker (2． at the start of a line, 3、) or a footnote mark
/// ([5], ［9］, (3)): it numbers the text, it states no quantity.
pub(crate) fn is_marker(text: &str, at: usize, end: usize, limit: usize) -> bool {
    let prev = char_before(text, at).map(|(c, _)| c);
    let (next, next_len) = char_at(text, end, limit).unwrap_or((' ', 0));
    let bracketed = matches!(
        (prev, next),
        (Some('(' | '（'), ')' | '）') | (Some('[' | '［'), ']' | '］') | (Some('【'), '】')
    );
    let line_start =
        prev.is_none_or(|p| matches!(p, '\n' | '\r' | '\u{3000}' | ' ' | '：' | ':' | '；' | '。'));
    let listed = line_start
        && (next == '、'
            || next == '.'
                && char_at(text, end + next_len, limit).is_none_or(|(c, _)| !c.is_ascii_digit()));
    bracketed || listed
}

/// N大 + a noun (7大领域, 十大湿地) names a set by its size, as the
/// conventions settle for Chinese numerals; a congress (二十大) is read as
/// an ordinal before this rule is asked.
pub(crate) fn names_a_set_by_size(text: &str, end: usize, limit: usize) -> bool {
    let Some(('大', len)) = char_at(text, end, limit) else {
        return false;
    };
    char_at(text, end + len, limit).is_some_and(|(c, _)| is_han(c))
}

/// Clock times (15:24) are not among the kinds of SPEC §2.
pub(crate) fn clock_time(text: &str, at: usize, end: usize, limit: usize) -> bool {
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

/// 12345热线: a bare number that names a telephone line.
pub(crate) fn names_a_line(text: &str, end: usize, limit: usize) -> bool {
    let word_len: usize = text[end..limit]
        .chars()
        .take(8)
        .take_while(|&c| super::text::is_han(c))
        .map(char::len_utf8)
        .sum();
    let word = &text[end..end + word_len];
    vocabulary().number_names.iter().any(|n| word.contains(n))
}

/// Is the numeral run `at..end` inside one of the set words (一系列, 统一,
/// 十分 …, and the idioms) that starts at or before `from`? Set words are
/// indexed by each of their chars together with a neighbour — the char
/// after it, or for a word's last char the char before it — so that the
/// thousands of words holding 一 cost a probe or two, not a scan.
pub(crate) fn in_set_word(text: &str, from: usize, at: usize, end: usize) -> bool {
    use std::sync::OnceLock;
    /// (a char of the word, its neighbour, is it the word's last char) →
    /// (word, chars before it)
    type Index = rustc_hash::FxHashMap<(char, char, bool), Vec<(&'static str, usize)>>;
    static INDEX: OnceLock<Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m = Index::default();
        for &w in &vocabulary().set_words {
            let chars: Vec<char> = w.chars().collect();
            for (k, &c) in chars.iter().enumerate() {
                let key = match chars.get(k + 1) {
                    Some(&next) => (c, next, false),
                    None => (c, k.checked_sub(1).map_or('\0', |p| chars[p]), true),
                };
                m.entry(key).or_default().push((w, k));
            }
        }
        m
    });
    let Some((first, len)) = char_at(text, at, end) else {
        return false;
    };
    let next = char_at(text, at + len, text.len()).map_or('\0', |(c, _)| c);
    let prev = char_before(text, at).map_or('\0', |(c, _)| c);
    [(first, next, false), (first, prev, true)]
        .iter()
        .any(|key| {
            index.get(key).is_some_and(|words| {
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
pub(crate) fn back_chars(text: &str, at: usize, n: usize) -> Option<usize> {
    let mut pos = at;
    for _ in 0..n {
        pos -= text[..pos].chars().next_back()?.len_utf8();
    }
    Some(pos)
}

/// The rules for Chinese numerals that make a reading no quantity.
#[allow(clippy::too_many_arguments)]
pub(crate) fn chinese_rules_allow(
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
    // 一年、两年、三年; 一个、两个: 一 heading a list of counts is a count,
    // whatever the article and span-of-time rules below would say.
    let one = number.chars == 1
        && char_at(text, at, limit).is_some_and(|(c, _)| c == '一')
        && !heads_a_list_of_counts(text, cursor, limit);
    // A bare 百 千 万 亿 is a number only with an approximation (百余人,
    // 上万名, 超千万): 百姓, 千万不要, 万人空巷 are words.
    let vocab = vocabulary();
    let unit_kind = unit.map(|u| vocab.unit_kind(u));
    if number.bare_magnitude
        && number.chars == 1
        && approx.is_none()
        // 每千人口, 每万人, 千人口托位数: a rate per magnitude.
        && !before.ends_with('每')
        && !unit.is_some_and(|u| vocab.rate_units.contains(&u))
        && !digits.starts_with(['十', '拾'])
        && unit_kind != Some(UnitKind::Time)
        && !(unit.is_some() && text[cursor..limit].starts_with('级'))
        // 亿元以上项目, 千万元以下: a threshold, approximate by its bound.
        && !(unit.is_some() && vocab.approx_after.at(text, cursor, limit).is_some())
    {
        return false;
    }
    // 一 + a measure word is an indefinite article (一个漫长的过程, 新一轮,
    // 一场风波) unless a word before it counts (只有一人) or the measure
    // counts events (一次).
    if one
        && unit_kind == Some(UnitKind::Measure)
        && !unit
            .is_some_and(|u| vocab.event_measures.contains(&u) || vocab.grade_measures.contains(&u))
        && !vocab.counting_cues.iter().any(|c| before.ends_with(c))
        // 翻一番, 翻了一番: doubling once.
        && !(unit == Some("番") && (before.ends_with('翻') || before.ends_with("翻了")))
    {
        return false;
    }
    // 一 as a determiner (这一年, 特殊意义的一年) is no quantity.
    let prev = char_before(text, at).map(|(c, _)| c);
    if one && prev.is_some_and(|p| "这那哪每的同某另任其是为又再上下".contains(p)) {
        return false;
    }
    // 第八个五年, 第十四个五年规划: the plan's name, not a span.
    if digits == "五" && unit == Some("年") && prev == Some('个') {
        return false;
    }
    // 一年 is a span of time only with 来/内/以来/多 after it, 过去/近/用
    // before it (一年来, 过去一年) or an approximation (不少于一年); else it
    // names a year (重要一年, 上一年度).
    if one
        && approx.is_none()
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

/// After a number and its unit, `、` and another numeral: a list of counts.
fn heads_a_list_of_counts(text: &str, cursor: usize, limit: usize) -> bool {
    let Some(('、', len)) = char_at(text, cursor, limit) else {
        return false;
    };
    char_at(text, cursor + len, limit).is_some_and(|(c, _)| digit_value(c).is_some_and(|d| d > 1))
}

/// 九·一三, 五·七干校: numerals joined by a middle dot name a day (an
/// event, a school), as 九一八 does; 七国集团, 77国集团: a number before
/// 国集团 names a group. Neither states a quantity.
pub(crate) fn names_a_day_or_group(text: &str, at: usize, end: usize, limit: usize) -> bool {
    const DOTS: [char; 3] = ['·', '・', '•'];
    let numeral = |c: char| digit_value(c).is_some() || unit_value(c).is_some();
    let dot_before = char_before(text, at).is_some_and(|(d, len)| {
        DOTS.contains(&d) && char_before(text, at - len).is_some_and(|(p, _)| numeral(p))
    });
    let dot_after = char_at(text, end, limit).is_some_and(|(d, len)| {
        DOTS.contains(&d) && char_at(text, end + len, limit).is_some_and(|(n, _)| numeral(n))
    });
    dot_before || dot_after || text[end..limit].starts_with("国集团")
}
