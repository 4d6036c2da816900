//! Subjects (SPEC §2.3): what a counted number counts.
//!
//! A cardinal with a counting unit (not a unit of time) gets a subject from
//! its own clause (delimited by punctuation): the noun right after the unit
//! when one follows (到23个镇街 → 镇街), otherwise the words before the number
//! after the last verb of the verb list (`data/words.toml`) and without
//! trailing 共/计/达 (召开常委会会议7次 → 常委会会议). No parsing: a subject
//! longer than 12 chars, or one that the verb list does not cut, is left out
//! (`null`) rather than guessed.

use super::text::is_han;
use super::vocab::vocabulary;
use super::word_index::WordIndex;
use compact_str::CompactString;

/// Does `c` end a clause? (A `match`, not a search of a list: it runs at
/// every char before a counted number.)
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '；'
            | '：'
            | '！'
            | '？'
            | '、'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\n'
            | '('
            | ')'
            | '（'
            | '）'
            | '“'
            | '”'
            | '"'
            | '《'
            | '》'
    )
}

/// What a counted number counts: the noun after the unit, or the words
/// before the number in its clause after the last verb.
pub(crate) fn subject(text: &str, start: usize, end: usize, unit: &str) -> Option<CompactString> {
    let vocab = vocabulary();
    let verbs = &vocab.verbs;
    if let Some(noun) = noun_after(text, end, unit) {
        return Some(noun);
    }
    // Before the number, in the same clause.
    // A subject is at most 12 chars, so the clause is looked for within the
    // last 64 chars (bounded cost on text without punctuation).
    let lo = (start.saturating_sub(64 * 4)..=start)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(start);
    let clause_start = text[lo..start].rfind(is_clause_end).map_or(lo, |i| {
        lo + i + text[lo + i..].chars().next().map_or(1, char::len_utf8)
    });
    let clause = without_ignorables(&text[clause_start..start], usize::MAX);
    let mut s: &str = &clause;
    while let Some(w) = vocab.before_number_word(s) {
        s = &s[..s.len() - w.len()];
    }
    // The last verb that leaves something after it (组织执法检查5项: 检查
    // ends the clause, so the cut is after 组织).
    let (any_verb, cut) = last_verb_cut(s, verbs);
    if any_verb && cut.is_none() {
        // Only a verb before the number (举办60余场): nothing names the count.
        return None;
    }
    if let Some(i) = cut {
        s = &s[i..];
    }
    while let Some(w) = vocab.subject_lead(s) {
        s = &s[w.len()..];
    }
    // 需要报告的重大事项, 我們黨的女黨員: the head noun, after the last 的.
    if let Some(i) = s.rfind('的') {
        s = &s[i + '的'.len_utf8()..];
    }
    let n = s.chars().count();
    ((1..=12).contains(&n) && s.chars().all(is_han)).then(|| s.into())
}

/// The noun right after the unit: 到23个镇街 → 镇街 (at most 8 chars,
/// ended by a word of `noun_end` or a verb).
fn noun_after(text: &str, end: usize, unit: &str) -> Option<CompactString> {
    // Most counts end their clause (7次，) or are followed by no Han char:
    // told by the first char when it is not ignorable, before the next 12
    // are read.
    match text[end..].chars().next() {
        None => return None,
        Some(c) if !crate::fold::is_ignorable(c) && (is_clause_end(c) || !is_han(c)) => {
            return None
        }
        Some(_) => {}
    }
    let after = without_ignorables(&text[end..], 12);
    let after: &str = &after;
    let stops_here = after.is_empty() || after.starts_with(is_clause_end);
    let vocab = vocabulary();
    let (noun_end, verbs) = (&vocab.noun_end, &vocab.verbs);
    if stops_here || vocab.not_a_noun_start.prefix_of(after).is_some() {
        return None;
    }
    // The noun is after[..len], of `n` chars.
    let (mut len, mut n) = (0usize, 0usize);
    for c in after.chars() {
        if is_clause_end(c) || !is_han(c) {
            break;
        }
        len += c.len_utf8();
        n += 1;
        if n >= 2
            && (noun_end.prefix_of(&after[len..]).is_some()
                || verbs.prefix_of(&after[len..]).is_some())
        {
            break;
        }
    }
    ((1..=8).contains(&n) && unit != "大").then(|| after[..len].into())
}

/// The first `max` chars of `s` that are not ignorable: borrowed when none
/// is skipped (nearly always), so a subject costs no allocation but its own.
fn without_ignorables(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let mut len = 0;
    for c in s.chars().take(max) {
        if crate::fold::is_ignorable(c) {
            return s
                .chars()
                .filter(|c| !crate::fold::is_ignorable(*c))
                .take(max)
                .collect::<String>()
                .into();
        }
        len += c.len_utf8();
    }
    s[..len].into()
}

/// Does a verb occur in `s`, and where is the last cut after a verb that
/// leaves something after it (the largest verb end below `s.len()`)?
fn last_verb_cut(s: &str, verbs: &WordIndex) -> (bool, Option<usize>) {
    let (mut any, mut cut) = (false, None);
    // From the end: once a cut is found, a verb starting more than the
    // longest verb before it cannot end after it.
    for (i, _) in s.char_indices().rev() {
        if cut.is_some_and(|c| i + verbs.longest_len() <= c) {
            break;
        }
        // Every verb starting here, not only the longest: 召开 and 召 both cut.
        for end in verbs.all_at(s, i) {
            any = true;
            if end < s.len() {
                cut = cut.max(Some(end));
            }
        }
    }
    (any, cut)
}
