//! `stats::collocates`: the counting model on a text small enough to count
//! by hand, the same neighbours for a phrase however it is written, the
//! lexicon's phrases kept whole, a plain second count of the windows, and
//! errors.

use proptest::prelude::*;
use tifa_core::stats::collocates::{
    collocates, folded, is_word, tokens, CollocateCounts, CollocateOptions, Measure, Node, Unit,
};
use tifa_core::{Lexicon, MatchOptions};

macro_rules! assert_close {
    ($x:expr, $y:expr) => {{
        let (x, y): (f64, f64) = ($x, $y);
        assert!((x - y).abs() <= 1e-12, "{x} != {y}");
    }};
}

fn node(phrase: &str) -> Node {
    Node::new(&Lexicon::builtin(), MatchOptions::default(), phrase).unwrap()
}

/// Characters as tokens, 1 each side, every collocate kept.
fn by_char() -> CollocateOptions {
    CollocateOptions {
        window: 1,
        unit: Unit::Chars(1),
        min_freq: 1,
        min_co: 1,
        ..CollocateOptions::default()
    }
}

const DOC1: &str = "甲乙全过程人民民主丙甲";
const DOC2: &str = "丙全过程人民民主乙全过程人民民主丁";

#[test]
fn worked_example_counted_by_hand() {
    // Tokens (N = node): doc 1 甲 乙 N 丙 甲; doc 2 丙 N 乙 N 丁.
    // N = 10 words; f_n = 3; window 1 (k = 2, k·f_n = 6).
    // Covered: doc 1 乙, 丙; doc 2 丙, 乙 (in both windows: once), 丁.
    //   W = 2 + 3 = 5.
    // f_c: 甲 2, 乙 2, 丙 2, 丁 1.  O: 乙 2, 丙 2, 丁 1 (甲 never).
    // 乙: E = W·f_c/N = 5·2/10 = 1; MI = log2(2/1) = 1;
    //   t = (2 − 1)/√2 = 0.7071068;
    //   cells O11 = 2, O12 = W − O = 3, O21 = f_c − O = 0,
    //   O22 = N − W − f_c + O = 5; E = 1, 4, 1, 4;
    //   G² = 2·(2·ln 2 + 3·ln(3/4) + 5·ln(5/4)) = 3.2779318.
    // 丁: E = 0.5; MI = 1; t = 0.5/1 = 0.5; cells 1, 4, 0, 5, E = 0.5,
    //   4.5, 0.5, 4.5; G² = 2·(ln 2 + 4·ln(4/4.5) + 5·ln(5/4.5)) = 1.4976352.
    let node = node("全过程人民民主");
    let c = collocates(&node, [DOC1, DOC2], &by_char()).unwrap();
    assert_eq!((c.node_freq, c.window_words, c.corpus_words), (3, 5, 10));
    let words: Vec<(&str, u64, u64)> = c
        .rows
        .iter()
        .map(|r| (r.collocate.as_str(), r.observed, r.freq))
        .collect();
    // Sorted by G², ties by O then word (丙 U+4E19 before 乙 U+4E59).
    assert_eq!(words, [("丙", 2, 2), ("乙", 2, 2), ("丁", 1, 1)]);
    assert_eq!(c.rows[0].g2, c.rows[1].g2);
    let yi = &c.rows[1];
    assert_close!(yi.expected, 1.0);
    assert_close!(yi.mi.unwrap(), 1.0);
    assert_close!(yi.t.unwrap(), 0.7071067811865475);
    assert_close!(yi.g2.unwrap(), 3.277931800671193);
    let ding = &c.rows[2];
    assert_close!(ding.expected, 0.5);
    assert_close!(ding.mi.unwrap(), 1.0);
    assert_close!(ding.t.unwrap(), 0.5);
    assert_close!(ding.g2.unwrap(), 1.497635232447086);
    // The thresholds: 丁 (O = 1, f_c = 1) goes with either at 2.
    for opts in [
        CollocateOptions {
            min_co: 2,
            ..by_char()
        },
        CollocateOptions {
            min_freq: 2,
            ..by_char()
        },
    ] {
        let kept = collocates(&node, [DOC1, DOC2], &opts).unwrap();
        assert_eq!(kept.rows.len(), 2, "{opts:?}");
    }
}

#[test]
fn a_word_that_keeps_away_has_a_negative_g2() {
    // 甲 is frequent but never next to the node: O < E.
    let node = node("全过程人民民主");
    let doc = "甲甲甲甲甲甲乙全过程人民民主乙甲甲甲甲甲甲甲";
    let opts = CollocateOptions {
        window: 2,
        ..by_char()
    };
    let c = collocates(&node, [doc], &opts).unwrap();
    let jia = c.rows.iter().find(|r| r.collocate == "甲").unwrap();
    assert!(jia.expected > jia.observed as f64);
    assert!(jia.g2.unwrap() < 0.0 && jia.mi.unwrap() < 0.0 && jia.t.unwrap() < 0.0);
    // Sorted by the measure: the attracted 乙 first, 甲 last.
    assert_eq!(c.rows.first().unwrap().collocate, "乙");
    assert_eq!(c.rows.last().unwrap().collocate, "甲");
}

#[test]
fn broken_and_traditional_forms_have_the_same_collocates_as_the_plain_one() {
    let node = node("全过程人民民主");
    let plain = [
        "我们坚持推进全过程人民民主建设，发展全过程人民民主。",
        "人民代表大会制度是实现全过程人民民主的重要制度载体。",
    ];
    let written = [
        "我們堅持推\n進全過程人\n民民主建設，發展全过程人民民主。",
        "人民代表大會制度是實現全過程\r\n人民民主的重要制度載體。",
    ];
    for unit in [Unit::Words, Unit::Chars(1), Unit::Chars(2)] {
        let opts = CollocateOptions {
            unit,
            min_co: 1,
            min_freq: 1,
            ..CollocateOptions::default()
        };
        let a = collocates(&node, plain, &opts).unwrap();
        let b = collocates(&node, written, &opts).unwrap();
        assert_eq!(a.node_freq, 3, "{unit:?}");
        assert!(!a.rows.is_empty());
        assert_eq!(a, b, "{unit:?}");
    }
    // 推进, broken by a line break and written 推\n進, is one word.
    let words = collocates(
        &node,
        written,
        &CollocateOptions {
            min_co: 1,
            min_freq: 1,
            ..CollocateOptions::default()
        },
    )
    .unwrap();
    assert!(words.rows.iter().any(|r| r.collocate == "推进"));
}

#[test]
fn lexicon_phrases_are_whole_words_and_punctuation_is_none() {
    let node = node("全过程人民民主");
    let text = "坚持“一府一委两院”，发展全過程人民民主！";
    let f = folded(&node.matcher, text);
    let words: Vec<&str> = tokens(&node.matcher, &f, Unit::Words)
        .iter()
        .map(|t| t.word)
        .collect();
    // The canonical phrase for the traditional form; the quotes, comma and
    // exclamation mark are no words.
    assert_eq!(words, ["坚持", "一府一委两院", "发展", "全过程人民民主"]);
    let bigrams: Vec<&str> = tokens(&node.matcher, &f, Unit::Chars(2))
        .iter()
        .map(|t| t.word)
        .collect();
    assert_eq!(bigrams, ["坚持", "一府一委两院", "发展", "全过程人民民主"]);
    let chars: Vec<&str> = tokens(&node.matcher, "a，b国家x", Unit::Chars(3))
        .iter()
        .map(|t| t.word)
        .collect();
    assert_eq!(chars, ["b国家", "国家x"]);
    assert!(is_word("2023") && is_word("GDP") && is_word("5.2%") && is_word("国"));
    assert!(!is_word("，") && !is_word("……") && !is_word(" ") && !is_word("%"));
}

#[test]
fn a_phrase_outside_the_lexicon_is_added_and_a_variant_names_its_entry() {
    let added = node("新质生产力的发展");
    assert!(added.added);
    let c = collocates(&added, ["加快新质生产力的发展步伐"], &by_char()).unwrap();
    assert_eq!(c.node, "新质生产力的发展");
    assert_eq!(c.node_freq, 1);
    // Asked for in traditional characters: the same entry.
    let trad = node("全過程人民民主");
    assert!(!trad.added);
    assert_eq!(
        collocates(&trad, [DOC1], &by_char()).unwrap(),
        collocates(&node("全过程人民民主"), [DOC1], &by_char()).unwrap()
    );
}

#[test]
fn bad_options_are_errors_naming_the_option() {
    let node = node("全过程人民民主");
    let cases = [
        (
            CollocateOptions {
                window: 0,
                ..CollocateOptions::default()
            },
            "window",
        ),
        (
            CollocateOptions {
                window: usize::MAX,
                ..CollocateOptions::default()
            },
            "window",
        ),
        (
            CollocateOptions {
                unit: Unit::Chars(0),
                ..CollocateOptions::default()
            },
            "chars",
        ),
    ];
    for (opts, field) in cases {
        let e = collocates(&node, [DOC1], &opts).unwrap_err().to_string();
        assert!(e.starts_with(field), "{e}");
    }
    let e = Node::new(&Lexicon::builtin(), MatchOptions::default(), " \n")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("phrase"), "{e}");
    assert_eq!(Measure::from_name("mi"), Some(Measure::Mi));
    assert_eq!(Measure::from_name("chi2"), None);
}

#[test]
fn empty_and_node_free_documents_give_no_rows() {
    let node = node("全过程人民民主");
    let c = collocates(&node, ["", "，。", "甲乙丙"], &by_char()).unwrap();
    assert_eq!((c.node_freq, c.window_words, c.corpus_words), (0, 0, 3));
    assert!(c.rows.is_empty());
}

/// Characters of the generated documents: the node (as one piece), its
/// traditional form broken by a line break, plain characters, punctuation.
const PIECES: &[&str] = &[
    "全过程人民民主",
    "全過程人\n民民主",
    "甲",
    "乙",
    "丙",
    "，",
    "\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The windows counted plainly again — for every word, is some node
    /// occurrence within `window` positions? — and the invariants that
    /// keep the 2×2 table a partition of the corpus.
    #[test]
    fn windows_equal_a_plain_count(
        docs in proptest::collection::vec(
            proptest::collection::vec(proptest::sample::select(PIECES), 0..30), 1..4),
        window in 1usize..5,
    ) {
        let node = node("全过程人民民主");
        let texts: Vec<String> = docs.iter().map(|d| d.concat()).collect();
        let opts = CollocateOptions { window, ..by_char() };
        let mut total = CollocateCounts::default();
        let (mut plain_w, mut plain_n, mut plain_fn) = (0u64, 0u64, 0u64);
        let mut plain_o = std::collections::HashMap::<String, u64>::new();
        for text in &texts {
            total.add(CollocateCounts::of_document(&node.matcher, node.entry, text, &opts));
            // Plainly: the folded text, the node as one token, each other
            // character a token unless punctuation.
            let folded: String = text.replace("全過程人\n民民主", "全过程人民民主").replace('\n', "");
            let toks: Vec<String> = folded
                .replace("全过程人民民主", "N")
                .chars()
                .filter(|c| *c != '，')
                .map(|c| c.to_string())
                .collect();
            plain_n += toks.len() as u64;
            plain_fn += toks.iter().filter(|t| *t == "N").count() as u64;
            for (i, t) in toks.iter().enumerate() {
                let near = toks.iter().enumerate().any(|(j, u)| u == "N" && i.abs_diff(j) <= window);
                if t != "N" && near {
                    plain_w += 1;
                    *plain_o.entry(t.clone()).or_default() += 1;
                }
            }
        }
        prop_assert_eq!((total.corpus, total.node, total.window), (plain_n, plain_fn, plain_w));
        prop_assert_eq!(&total.observed, &plain_o);
        prop_assert!(total.window <= 2 * window as u64 * total.node);
        prop_assert!(total.window + total.node <= total.corpus);
        let result = total.collocates("全过程人民民主", &opts);
        for r in &result.rows {
            prop_assert!(r.observed <= r.freq && r.observed <= total.window);
            prop_assert!(r.g2.is_some() && r.mi.is_some() && r.t.is_some());
        }
    }

    /// No input makes it panic, in either unit.
    #[test]
    fn never_panics(text in "\\PC{0,60}", n in 1usize..4) {
        let node = node("全过程人民民主");
        for unit in [Unit::Words, Unit::Chars(n)] {
            let opts = CollocateOptions { unit, min_co: 1, min_freq: 1, ..CollocateOptions::default() };
            collocates(&node, [text.as_str()], &opts).unwrap();
        }
    }
}
