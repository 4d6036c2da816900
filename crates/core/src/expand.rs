//! Enumerated expansions (SPEC §1.3): all members of an entry listed in one
//! sentence count as one `expanded` occurrence of the entry.
//!
//! The rule, precisely: member occurrences are found leftmost-longest (with
//! the same normalization as phrases). Consecutive occurrences belong to the
//! same list when the text between them is made only of list joiners — 、
//! ， , 和 及 与 以及 — with optional white space and quotation marks around
//! them, and at least one joiner. A sentence terminator (。！？；…) is not a
//! joiner, so a list never leaves its sentence. A list that holds every
//! member of an entry (in any order, repeats allowed) is one expanded
//! occurrence of that entry, spanning from the first of its members to the
//! last.

use crate::engine::Engine;
use crate::fold::is_ignorable;
use crate::hit::Hit;
use crate::lexicon::EntryId;
use crate::quotes::QUOTE_PAIRS;

const JOINERS: [&str; 7] = ["以及", "、", "，", ",", "和", "及", "与"];

/// True when `gap` separates two items of one list.
fn is_list_gap(gap: &str) -> bool {
    let skip = |c: char| is_ignorable(c) || QUOTE_PAIRS.iter().any(|&(o, cl)| c == o || c == cl);
    let mut rest = gap;
    let mut joiners = 0;
    loop {
        rest = rest.trim_start_matches(skip);
        if rest.is_empty() {
            return joiners > 0;
        }
        match JOINERS.iter().find_map(|j| rest.strip_prefix(j)) {
            Some(r) => {
                rest = r;
                joiners += 1;
            }
            None => return false,
        }
    }
}

/// Calls `found(entry, start, end)` for each expanded occurrence in `text`.
pub(crate) fn find_expansions(
    members: &Engine,
    targets: &[Vec<(EntryId, u8)>],
    full_masks: &[u64],
    text: &str,
    found: &mut dyn FnMut(EntryId, usize, usize),
) {
    let mut list: Vec<Hit> = Vec::new();
    // (entry, members seen, first start, last end) for the current list.
    let mut tally: Vec<(EntryId, u64, usize, usize)> = Vec::new();
    let mut close = |list: &mut Vec<Hit>, tally: &mut Vec<(EntryId, u64, usize, usize)>| {
        tally.clear();
        for h in list.iter() {
            for &(entry, bit) in &targets[h.pid] {
                match tally.iter_mut().find(|t| t.0 == entry) {
                    Some(t) => {
                        t.1 |= 1 << bit;
                        t.3 = h.end;
                    }
                    None => tally.push((entry, 1 << bit, h.start, h.end)),
                }
            }
        }
        for &(entry, mask, start, end) in tally.iter() {
            if mask == full_masks[entry.index()] {
                found(entry, start, end);
            }
        }
        list.clear();
    };
    members.run(text, false, &mut |h: Hit| {
        if let Some(last) = list.last() {
            if !is_list_gap(&text[last.end..h.start]) {
                close(&mut list, &mut tally);
            }
        }
        list.push(h);
    });
    close(&mut list, &mut tally);
}

#[cfg(test)]
mod tests {
    use super::is_list_gap;

    #[test]
    fn gaps() {
        for ok in ["、", "和", "，", "以及", "、\n", "”、“", " 及 ", "、以及"] {
            assert!(is_list_gap(ok), "{ok:?}");
        }
        for bad in ["", "。", "；", "的", "、的", " ", "”“"] {
            assert!(!is_list_gap(bad), "{bad:?}");
        }
    }
}
