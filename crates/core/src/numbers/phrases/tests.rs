//! The numeral phrases found at the number starts are the matcher's.

use std::ops::Range;

use crate::lexicon::{Entry, Lexicon};
use crate::numbers::NumberExtractor;

/// The numeral phrases of `text` both ways: anchored at the number starts,
/// and by the matcher's pass over every char.
fn both_ways(ex: &NumberExtractor, text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    ex.numeral_phrases_both_ways(text)
}

/// The texts of the numeral phrases in `text`, found both ways alike.
fn phrases_found<'t>(ex: &NumberExtractor, text: &'t str) -> Vec<&'t str> {
    let (anchored, matched) = both_ways(ex, text);
    assert_eq!(anchored, matched);
    anchored.into_iter().map(|r| &text[r]).collect()
}

/// The built-in lexicon; one with phrases of other shapes: one char,
/// Latin letters before the anchor, the anchor last, ASCII marks, nested
/// and overlapping phrases; and one with anchors spelled in chars that
/// start no number (ｘ, 韆) and forms left to the matcher beside anchored
/// ones that overlap them.
fn extractors() -> Vec<NumberExtractor> {
    let custom: Vec<Entry> = [
        "两",
        "G20",
        "第一",
        "1+9",
        "三个代表",
        "二十四五",
        "四五",
        "代表大会第二",
    ]
    .iter()
    .map(|&p| Entry::new(p, "custom"))
    .collect();
    let mut entries = Lexicon::builtin().entries().to_vec();
    entries.extend(custom);
    let mut plan = Entry::new("十四五规划", "custom");
    plan.variants = vec!["规划纲要".into(), "纲要".into()];
    let mixed = vec![
        Entry::new("x光机", "custom"),
        Entry::new("千万工程", "custom"),
        Entry::new("千万", "custom"),
        Entry::new("五规", "custom"),
        plan,
    ];
    vec![
        NumberExtractor::new(&Lexicon::builtin()).unwrap(),
        NumberExtractor::new(&Lexicon::from_entries(entries, "t").unwrap()).unwrap(),
        NumberExtractor::new(&Lexicon::from_entries(mixed, "t").unwrap()).unwrap(),
    ]
}

#[test]
fn every_fixture_has_the_matchers_phrases() {
    let mut phrases = 0;
    for ex in extractors() {
        for text in crate::numbers::tests::fixture_texts() {
            let (anchored, matched) = both_ways(&ex, &text);
            assert_eq!(anchored, matched);
            phrases += matched.len();
        }
    }
    assert!(phrases > 1000, "{phrases}");
}

#[test]
fn folded_and_broken_phrases_are_found() {
    let ex = NumberExtractor::new(&Lexicon::builtin()).unwrap();
    let text = "坚持一府一委\n两院，“兩個確立”，十 四 五规划，第一　议题，一府两院制度。";
    assert_eq!(
        phrases_found(&ex, text),
        [
            "一府一委\n两院",
            "兩個確立",
            "十 四 五",
            "第一　议题",
            "一府两院"
        ]
    );
}

#[test]
fn forms_without_a_numeral_are_left_to_the_matcher() {
    // ｘ (full-width) folds to x, 韆 to 千: neither starts a number, but the
    // scan reports them for the phrases (x光机 is anchored on x, 千万工程 on
    // 千). A variant without a numeral (规划纲要) goes to the matcher, and
    // its occurrences compete with the anchored ones for leftmost-longest.
    let mut plan = Entry::new("十四五规划", "custom");
    plan.variants = vec!["规划纲要".into(), "纲要".into()];
    let entries = vec![
        Entry::new("x光机", "custom"),
        Entry::new("千万工程", "custom"),
        plan,
        Entry::new("五规", "custom"),
    ];
    let ex = NumberExtractor::new(&Lexicon::from_entries(entries, "t").unwrap()).unwrap();
    let text =
        "购置ｘ光机3台、X光机2台，实施韆萬工程，十四五规划纲要，十四 五規劃，规划纲要，五规。";
    assert_eq!(
        phrases_found(&ex, text),
        [
            "ｘ光机",
            "韆萬工程",
            "十四五规划",
            "纲要",
            "十四 五規劃",
            "规划纲要",
            "五规"
        ]
    );
    let texts: Vec<String> = ex
        .extract(text)
        .into_iter()
        .map(|m| m.text.into())
        .collect();
    assert_eq!(texts, ["3台", "2台"]);
}

#[test]
fn every_char_that_folds_to_a_number_start_is_one_of_its_spellings() {
    // `spellings` inverts `fold_char` for the chars an anchor can be: if
    // folding ever maps another char to one, this says so.
    let mut folded_forms = 0;
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        if let Some(f) = crate::fold::fold_char(c) {
            if f != c && super::super::is_start(f) {
                assert!(super::spellings(f).contains(&c), "{c:?} folds to {f:?}");
                folded_forms += 1;
            }
        }
    }
    assert!(folded_forms > 10, "{folded_forms}");
}

/// Pieces of the phrases, their folded forms, white space and numerals.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "一府", "一委", "两院", "兩院", "一府一委两院", "一 府", "十四五", "十五五", "十四", "五", "四",
    "两个", "兩個", "确立", "確立", "维护", "第一议题", "第", "一", "议题", "五位一体", "位", "体",
    "三农", "三", "农", "\n", " ", "\u{3000}", "\u{200B}", "１", "2", "个", "，", "。", "人",
    "一带一路", "带", "路", "四风", "风", "八项规定", "八五普法", "普法", "两个一百年", "百",
    "六稳", "稳", "G", "Ｇ", "２０", "20", "+", "＋", "9", "代表", "大会", "二", "十", "第二",
    "x", "ｘ", "光机", "千", "韆", "萬", "工程", "规划", "規劃", "纲要",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    #[test]
    fn random_texts_have_the_matchers_phrases(
        picks in proptest::collection::vec(0..TOKENS.len(), 0..30)
    ) {
        static EXTRACTORS: std::sync::OnceLock<Vec<NumberExtractor>> = std::sync::OnceLock::new();
        let text: String = picks.iter().map(|&i| TOKENS[i]).collect();
        for ex in EXTRACTORS.get_or_init(extractors) {
            let (anchored, matched) = both_ways(ex, &text);
            proptest::prop_assert_eq!(anchored, matched, "{:?}", text);
        }
    }
}
