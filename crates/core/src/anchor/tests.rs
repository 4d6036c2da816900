//! The anchored finder against a plain reference on random texts.

use super::*;
use crate::fold::fold_char;
use aho_corasick::{AhoCorasick, MatchKind};

mod real_watched_set;

const SETS: &[&[&str]] = &[
    &["人民", "人民代表", "民主"],
    &["两院", "一府一委两院", "一府两院"],
    &["国家权力", "国家权力机关", "四个机关"],
    &["全过程人民民主", "人民民主专政"],
    &["x人民", "人民代表大会", "ab人民"],
    &["1+9中", "G20峰会", "𠀋民主"],
];
const WATCHED: &[char] = &[
    '\n', ' ', '\u{A0}', '\u{3000}', '國', '權', '過', '１', 'Ｇ', '𠀋', '兩',
];
const PIECES: &[&str] = &[
    "a",
    "b",
    "ab",
    "c",
    "1+9",
    "G20",
    "峰会",
    "中",
    "人",
    "民",
    "人民",
    "代表",
    "大会",
    "民主",
    "专政",
    "全过程",
    "全過程",
    "两院",
    "兩院",
    "一府",
    "一委",
    "国家",
    "國家",
    "权力",
    "權力",
    "机关",
    "四个",
    "x",
    "。",
    "，",
    "\n",
    " ",
    "\u{A0}",
    "\u{3000}",
    "國",
    "權",
    "１",
    "Ｇ20",
    "𠀋",
    "é",
    "的",
];

/// The automaton's leftmost-longest matches in the raw text; every watched
/// character outside the ideographs; and every watched ideograph lying in a
/// run of characters that folds to a pattern, found by trying every
/// pattern at every character.
fn reference(patterns: &[String], scanner: &CharScanner, text: &str) -> Vec<Hit> {
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("automaton");
    let mut out: Vec<Hit> = ac
        .find_iter(text)
        .map(|m| Hit {
            start: m.start(),
            end: m.end(),
            pid: m.pattern().as_usize(),
        })
        .collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut in_folded = vec![false; chars.len()];
    for k in 0..chars.len() {
        for p in patterns {
            let pc: Vec<char> = p.chars().collect();
            let fits = k + pc.len() <= chars.len()
                && pc
                    .iter()
                    .zip(&chars[k..])
                    .all(|(&want, &(_, c))| fold_char(c) == Some(want));
            if fits {
                in_folded[k..k + pc.len()]
                    .iter_mut()
                    .for_each(|f| *f = true);
            }
        }
    }
    for (k, &(s, c)) in chars.iter().enumerate() {
        let ideograph = ('\u{4000}'..='\u{9FFF}').contains(&c);
        if let Some(i) = scanner.index(c) {
            if !ideograph || in_folded[k] {
                out.push(Hit {
                    start: s,
                    end: s + c.len_utf8(),
                    pid: patterns.len() + i,
                });
            }
        }
    }
    out.sort_by_key(|h| h.start);
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
    #[test]
    fn finds_what_the_automaton_and_decoding_find(
        set in 0..SETS.len(),
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..2000),
        watch: bool,
    ) {
        let text = pieces.concat();
        let patterns: Vec<String> = SETS[set].iter().map(|p| p.to_string()).collect();
        let mut watched = WATCHED.to_vec();
        watched.sort_unstable();
        let scanner = CharScanner::new(watched.clone());
        let sieve = AnchorSieve::new(&patterns, &watched).expect("build").expect("sieve");
        let mut got = Vec::new();
        sieve.find(&text, watch.then_some(&scanner), patterns.len(), &mut |h| got.push(h));
        let mut want = reference(&patterns, &scanner, &text);
        if !watch {
            want.retain(|h| h.pid < patterns.len());
        }
        proptest::prop_assert_eq!(got, want, "{:?} in {:?}", patterns, text);
    }
}

#[test]
fn anchors_fall_on_rare_pairs() {
    let f = Frequencies::shipped();
    let none = Spellings::new(&[]).expect("spellings");
    let at = |p: &str| rarest_window(p, f, &none).map(|(o, _)| o);
    // 主专 (seen fewer than four times) is rarer than 人民, 民民, 民主 or
    // 专政 in these reports.
    assert!(f.pair('主', '专') < f.pair('专', '政'));
    assert_eq!(at("人民民主专政"), Some("人民民".len()));
    assert_eq!(at("两院"), Some(0));
    assert!(AnchorSieve::new(&["人民".into(), "G20".into()], &[])
        .expect("build")
        .is_none());
}

#[test]
fn a_traditional_anchor_has_its_spellings() {
    let s = Spellings::new(&['國', '權']).expect("spellings");
    let (_, keys) = rarest_window("国家权力", Frequencies::shipped(), &s).expect("window");
    assert_eq!(
        keys.len(),
        2,
        "one character of the window has one traditional form"
    );
}

#[test]
fn folded_runs_longer_than_their_pattern_stay_in_order() {
    // Full-width forms are longer than the ASCII they fold to, so a folded
    // run can start further before its anchor than any pattern's anchor
    // offset; its traditional forms must still come out in text order, also
    // right after a flush of the buffer (every FLUSH_EVERY bytes). (The run
    // holds full-width forms, which the scan reports itself, so reporting
    // its traditional forms is not required, only allowed: the check is
    // order, and the other hits against the reference.)
    let patterns = vec!["国202020杭州峰会".to_string()];
    let mut watched = vec!['國', '２', '０', '會', '\n'];
    watched.sort_unstable();
    let scanner = CharScanner::new(watched.clone());
    let sieve = AnchorSieve::new(&patterns, &watched)
        .expect("build")
        .expect("sieve");
    let (offset, _) = rarest_window(
        &patterns[0],
        Frequencies::shipped(),
        &Spellings::new(&watched).expect("spellings"),
    )
    .expect("window");
    assert!(
        offset >= "国202020".len(),
        "the anchor lies after the full-width forms"
    );
    let mut traditional_reported = 0;
    for filler in FLUSH_EVERY - 40..FLUSH_EVERY + 40 {
        let text = format!(
            "{}國２０２０２０杭州峰會。国202020杭州峰会",
            "a".repeat(filler)
        );
        let mut got = Vec::new();
        sieve.find(&text, Some(&scanner), patterns.len(), &mut |h| got.push(h));
        assert!(
            got.windows(2).all(|w| w[0].start < w[1].start),
            "filler {filler}: {got:?}"
        );
        let want = reference(&patterns, &scanner, &text);
        let is_traditional = |h: &Hit| h.pid > 0 && text[h.start..].starts_with(['國', '會']);
        let plain = |hits: &[Hit]| {
            hits.iter()
                .filter(|h| !is_traditional(h))
                .copied()
                .collect::<Vec<_>>()
        };
        assert_eq!(plain(&got), plain(&want), "filler {filler}");
        assert!(got
            .iter()
            .filter(|h| is_traditional(h))
            .all(|h| want.contains(h)));
        traditional_reported += got.iter().filter(|h| is_traditional(h)).count();
    }
    assert!(traditional_reported > 0, "the folded comparison ran");
}
