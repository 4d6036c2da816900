//! The anchored finder (`Strategy::Anchored`) against the ways it could go wrong:
//! crafted texts and lexicons meant to break it, and property tests with adversarial
//! alphabets, each compared with `Strategy::Dfa` and with a plain reference
//! (fold the text, search it leftmost-longest, map the spans back).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use aho_corasick::{AhoCorasick, MatchKind};
use proptest::prelude::*;
use proptest::strategy::Strategy as _;
use tifa_core::fold::{fold_char, fold_str};
use tifa_core::{Lexicon, LexiconFormat, Matcher, MatcherBuilder, Strategy};

/// Lexicons in `Lines` form (one phrase a line), each built to poke at one
/// part of the finder.
const LEXICONS: &[(&str, &str)] = &[
    (
        "ascii-mixed",
        "G20峰会\n5G网络\n十四五\n国家权力机关\n国家权力\n人民代表大会\n1+9中\nab国家权力\n",
    ),
    (
        "four-byte",
        "𠀋民主\n民主集中制\n𠀋𠀋𠀋\n岁月如歌\n岁岁年年\n𠀋岁岁\n",
    ),
    (
        "several-forms",
        "发展理念\n头发花白\n干部队伍\n台风来袭\n后面条款\n面条\n系统工程\n历史文化\n汇报工作\n钟表店\n坛子里\n",
    ),
    (
        "nested",
        "两院\n一府两院\n一府一委两院\n人民民主\n全过程人民民主\n人民民主专政\n民主专政\n主专政\n",
    ),
    (
        "ascii-only",
        "abcdef\nabcabc\nxyzxyz人民\nabcdefgh\n1+9=10\n",
    ),
    (
        "far-anchor",
        "2020202020杭州峰会\n国202020杭州峰会\nG20杭州峰会\n20杭州\n",
    ),
    (
        // Traditional forms of characters of one pattern that are
        // characters of another: 幹 (干), 乾 (干); 後 (后); 麵 (面).
        "cross-forms",
        "干部乾坤\n乾坤大挪移\n后来居上\n皇后娘娘\n面面俱到\n方便面条\n",
    ),
    (
        // Traditional forms outside U+4000–U+9FFF (Extension A, lead byte
        // E3; 4-byte) of characters inside it, and a simplified character in
        // Extension A: 㓨 → 刾, 㑯 → 㑔, 𣈶 → 暅.
        "ext-a",
        "刾刺客\n㑔人民\n暅日月\n人民刾刺\n",
    ),
    (
        // Unfolded in strict mode: white space, full-width and traditional
        // forms inside the patterns themselves.
        "strict-raw",
        "國家 權力\nＧ２０峰会\n全過程人民民主\n两院\u{3000}制度\n",
    ),
];

fn lines(name: &str) -> Lexicon {
    let text = LEXICONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .expect("a lexicon of the table");
    Lexicon::parse(text, LexiconFormat::Lines, name).expect("lexicon")
}

fn lexicon(name: &str) -> Lexicon {
    if name == "builtin" {
        Lexicon::builtin()
    } else {
        lines(name)
    }
}

/// One matcher per lexicon and configuration, built once.
fn cached(name: &str, strategy: Strategy, strict: bool, overlapping: bool) -> Matcher {
    type Key = (String, String, bool, bool);
    static CACHE: OnceLock<Mutex<HashMap<Key, Matcher>>> = OnceLock::new();
    let key = (
        name.to_string(),
        format!("{strategy:?}"),
        strict,
        overlapping,
    );
    let cache = CACHE.get_or_init(Default::default);
    if let Some(m) = cache.lock().expect("lock").get(&key) {
        return m.clone();
    }
    let m = build(&lexicon(name), strategy, strict, overlapping);
    cache.lock().expect("lock").insert(key, m.clone());
    m
}

fn build(lex: &Lexicon, strategy: Strategy, strict: bool, overlapping: bool) -> Matcher {
    MatcherBuilder::new()
        .strategy(strategy)
        .strict(strict)
        .overlapping(overlapping)
        .build(lex)
        .expect("matcher")
}

/// Does the matcher run the anchored finder for its phrases?
fn uses_anchors(m: &Matcher) -> bool {
    format!("{m:?}").contains("AnchorSieve")
}

type Row = (usize, usize, String, String, String);

fn rows(m: &Matcher, text: &str) -> Vec<Row> {
    m.find_iter(text)
        .map(|x| {
            (
                x.start(),
                x.end(),
                x.phrase().to_string(),
                x.variant().to_string(),
                x.form().as_str().to_string(),
            )
        })
        .collect()
}

/// Leftmost-longest literal matches by the definition: fold the text (every
/// char by `fold_char`, ignorables dropped), search the folded patterns,
/// map spans back to the raw text. (start, end, pattern).
fn reference(lex: &Lexicon, text: &str) -> Vec<(usize, usize, String)> {
    let mut patterns: Vec<String> = Vec::new();
    for (_, e) in lex.iter() {
        for f in e.forms() {
            let p = fold_str(f);
            if !p.is_empty() && !patterns.contains(&p) {
                patterns.push(p);
            }
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("automaton");
    let mut folded = String::new();
    let mut map: Vec<(usize, usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        if let Some(f) = fold_char(c) {
            map.push((folded.len(), i, i + c.len_utf8()));
            folded.push(f);
        }
    }
    ac.find_iter(&folded)
        .map(|m| {
            let first = map.partition_point(|x| x.0 < m.start());
            let last = map.partition_point(|x| x.0 < m.end()) - 1;
            (
                map[first].1,
                map[last].2,
                patterns[m.pattern().as_usize()].clone(),
            )
        })
        .collect()
}

fn literal(m: &Matcher, text: &str) -> Vec<(usize, usize, String)> {
    m.find_iter(text)
        .filter(|x| x.form().as_str() == "literal")
        .map(|x| (x.start(), x.end(), fold_str(x.variant())))
        .collect()
}

/// Anchored against the DFA (matches and counts, normalizing and strict,
/// leftmost-longest and overlapping, whole and in pieces), and against the
/// plain reference.
fn check(label: &str, text: &str) -> Result<(), String> {
    let lex = cached(label, Strategy::Dfa, false, false).lexicon().clone();
    for strict in [false, true] {
        for overlapping in [false, true] {
            let a = cached(label, Strategy::Anchored, strict, overlapping);
            let d = cached(label, Strategy::Dfa, strict, overlapping);
            let (ra, rd) = (rows(&a, text), rows(&d, text));
            if ra != rd {
                return Err(format!(
                    "{label} strict={strict} overlapping={overlapping} text={text:?}\n anchored: {ra:?}\n dfa:      {rd:?}"
                ));
            }
            if a.count(text) != d.count(text) {
                return Err(format!(
                    "{label} strict={strict} overlapping={overlapping}: counts differ, text={text:?}"
                ));
            }
            for pieces in [2, 3, 7] {
                if a.count_in_pieces(text, pieces) != d.count(text) {
                    return Err(format!(
                        "{label} strict={strict} overlapping={overlapping} pieces={pieces}: counts differ, text={text:?}"
                    ));
                }
            }
            if !strict && !overlapping {
                let want = reference(&lex, text);
                let got = literal(&a, text);
                if got != want {
                    return Err(format!(
                        "{label}: anchored differs from the reference, text={text:?}\n got:  {got:?}\n want: {want:?}"
                    ));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn the_review_lexicons_run_the_anchored_finder() {
    for (name, _) in LEXICONS {
        let m = build(&lines(name), Strategy::Anchored, false, false);
        assert!(uses_anchors(&m), "{name}: {m:?}");
    }
    assert!(uses_anchors(&build(
        &Lexicon::builtin(),
        Strategy::Anchored,
        false,
        false
    )));
}

/// Crafted texts, each run on every review lexicon and the built-in one,
/// bare, padded to every alignment around a flush of the buffer, and at the
/// very end of a text.
const TEXTS: &[&str] = &[
    "",
    "G",
    "G20",
    "两院",
    "兩院",
    "兩",
    "G20峰會",
    "Ｇ２０峰會",
    "Ｇ20峰会",
    "G２0峰会",
    "G20\n峰会",
    "G20峰\u{200B}会",
    "G20峰\u{FEFF}會",
    "５G網絡",
    "5G網絡",
    "５Ｇ网络",
    "5G\u{3000}网络",
    "十四五",
    "十\n四五",
    "十四\u{200B}五",
    "國家權力機關",
    "國家权力機关",
    "国家權力\n機關",
    "国家权力机\n关",
    "ab國家權力",
    "ａｂ國家權力",
    "ａb国家权力",
    "人民代表大會",
    "人民代表\r\n大會",
    "1+9中",
    "１＋９中",
    "1＋9\n中",
    "𠀋民主",
    "𠀋民主集中制",
    "民主集中製",
    "𠀋𠀋𠀋𠀋",
    "𠀋 𠀋𠀋",
    "歲月如歌",
    "𡻕月如歌",
    "嵗月如歌",
    "歲𡻕年年",
    "𠀋歲歲",
    "𠀋𡻕嵗",
    "發展理念",
    "头髮花白",
    "頭髮花白",
    "幹部隊伍",
    "乾部隊伍",
    "干部乾坤",
    "幹部乾坤",
    "乾坤大挪移",
    "臺風來襲",
    "颱風來襲",
    "檯风来袭",
    "後面條款",
    "後麵條款",
    "方便麵條",
    "麵麵俱到",
    "面麵俱到",
    "皇後娘娘",
    "後來居上",
    "係統工程",
    "繫统工程",
    "歷史文化",
    "曆史文化",
    "匯報工作",
    "彙報工作",
    "鐘表店",
    "鍾錶店",
    "罈子裏",
    "壇子里",
    "一府一委兩院",
    "一府一委\n兩院",
    "一府兩院兩院",
    "全過程人民民主專政",
    "人民民主專政",
    "人民民主专政",
    "全过程人民民主专政",
    "人民民主\n專政",
    "abcdefgh",
    "ａｂｃｄｅｆｇｈ",
    "abc\nabc",
    "abcabcabc",
    "ａｂｃabc",
    "xyzxyz人民",
    "ｘｙｚｘｙｚ人民",
    "1+9=10",
    "１＋９＝１０",
    "2020202020杭州峰会",
    "２０２０２０２０２０杭州峰會",
    "２０２０２０２０２０杭州峰会",
    "国２０２０２０杭州峰會",
    "國２０２０２０杭州峰會",
    "G２０杭州峰會",
    "２０杭州",
    "2\n0杭州",
    "國家權力機關國家權力機關國家權力機關",
    "一府一委兩院一府兩院兩院",
    "国\n家權力",
    "國\u{200B}家權力機關",
    "兩\n院",
    "一府兩\u{200B}院",
    "一府\u{FEFF}一委兩院",
    "Ｇ20峰會",
    "G20峰\u{3000}會",
    "钟錶\n店",
    "鐘錶店",
    "歲歲年年",
    "𡻕𡻕年年",
    "嵗\n歲年年",
    "㓨刺客",
    "刾刺客",
    "㓨\n刺客",
    "㑯人民",
    "㑔人民",
    "𣈶日月",
    "暅日月",
    "人民㓨刺客",
];

#[test]
fn crafted_texts_agree() {
    let mut names: Vec<&str> = LEXICONS.iter().map(|(n, _)| *n).collect();
    names.push("builtin");
    let mut failures = Vec::new();
    for name in names {
        for t in TEXTS {
            let variants = [
                t.to_string(),
                format!("的{t}的"),
                format!("{t}{t}"),
                format!("{t}。{t}"),
                format!("x{t}"),
                format!("{t}x"),
            ];
            for v in &variants {
                if let Err(e) = check(name, v) {
                    failures.push(e);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn crafted_texts_agree_around_flushes() {
    // The buffer is resolved every 4096 bytes; pad so that every crafted
    // text straddles that point at every byte.
    let mut failures = Vec::new();
    for (name, _) in LEXICONS {
        let a = cached(name, Strategy::Anchored, false, false);
        let d = cached(name, Strategy::Dfa, false, false);
        for t in TEXTS.iter().filter(|t| t.len() >= 6) {
            for pad in 4096usize.saturating_sub(t.len() + 4)..4096 + 4 {
                for filler in ["a", "的"] {
                    let n = pad / filler.len();
                    let text = format!("{}{t}{}", filler.repeat(n), t);
                    let (ra, rd) = (rows(&a, &text), rows(&d, &text));
                    if ra != rd {
                        failures.push(format!(
                            "{name} pad={pad} filler={filler} {t:?}: {ra:?} vs {rd:?}"
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Adversarial pieces: pattern fragments, their traditional and full-width
/// forms (several traditional forms of one character, 4-byte ones),
/// ignorables of every kind, 4-byte CJK.
const PIECES: &[&str] = &[
    "G",
    "Ｇ",
    "2",
    "２",
    "0",
    "０",
    "20",
    "２０",
    "5",
    "５",
    "1",
    "１",
    "+",
    "＋",
    "9",
    "９",
    "=",
    "＝",
    "a",
    "ａ",
    "b",
    "ｂ",
    "c",
    "ｃ",
    "def",
    "ｄｅｆ",
    "x",
    "ｘ",
    "yz",
    "ｙｚ",
    "峰",
    "会",
    "會",
    "网",
    "網",
    "络",
    "絡",
    "十",
    "四",
    "五",
    "国",
    "國",
    "家",
    "权",
    "權",
    "力",
    "机",
    "機",
    "关",
    "關",
    "人",
    "民",
    "代表",
    "大",
    "中",
    "主",
    "集",
    "制",
    "製",
    "𠀋",
    "岁",
    "歲",
    "𡻕",
    "嵗",
    "月如歌",
    "年",
    "发",
    "發",
    "髮",
    "展理念",
    "头",
    "頭",
    "花白",
    "干",
    "幹",
    "乾",
    "坤",
    "部",
    "队伍",
    "隊伍",
    "台",
    "臺",
    "颱",
    "檯",
    "风",
    "風",
    "来袭",
    "來襲",
    "后",
    "後",
    "面",
    "麵",
    "麪",
    "条",
    "條",
    "款",
    "系",
    "係",
    "繫",
    "统",
    "工程",
    "历",
    "歷",
    "曆",
    "史文化",
    "汇",
    "匯",
    "彙",
    "报",
    "報",
    "工作",
    "钟",
    "鐘",
    "鍾",
    "表",
    "錶",
    "店",
    "坛",
    "罈",
    "壇",
    "子",
    "里",
    "裏",
    "两",
    "兩",
    "院",
    "一",
    "府",
    "委",
    "全",
    "过",
    "過",
    "程",
    "专",
    "專",
    "政",
    "杭州",
    "挪移",
    "皇",
    "娘",
    "居上",
    "方便",
    "俱到",
    "\n",
    "\r\n",
    " ",
    "\u{3000}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{A0}",
    "\t",
    "。",
    "，",
    "的",
    "é",
    "政治",
    "、",
    "和",
    "制度",
];

fn text_strategy(max: usize) -> impl proptest::strategy::Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn adversarial_texts_agree(text in text_strategy(60), lex in 0..LEXICONS.len()) {
        let (name, _) = LEXICONS[lex];
        if let Err(e) = check(name, &text) {
            return Err(TestCaseError::fail(e));
        }
    }

    #[test]
    fn long_adversarial_texts_agree(text in text_strategy(2500), lex in 0..LEXICONS.len()) {
        // Long enough to flush the buffer several times.
        let (name, _) = LEXICONS[lex];
        let lexicon = lines(name);
        let a = cached(name, Strategy::Anchored, false, false);
        let d = cached(name, Strategy::Dfa, false, false);
        prop_assert_eq!(rows(&a, &text), rows(&d, &text), "{}", name);
        prop_assert_eq!(literal(&a, &text), reference(&lexicon, &text), "{}", name);
    }

    #[test]
    fn long_texts_agree_on_the_builtin_lexicon(text in text_strategy(2500)) {
        let lexicon = Lexicon::builtin();
        let a = cached("builtin", Strategy::Anchored, false, false);
        let d = cached("builtin", Strategy::Dfa, false, false);
        prop_assert_eq!(rows(&a, &text), rows(&d, &text));
        prop_assert_eq!(literal(&a, &text), reference(&lexicon, &text));
    }

    #[test]
    fn the_builtin_lexicon_agrees(text in text_strategy(200)) {
        if let Err(e) = check("builtin", &text) {
            return Err(TestCaseError::fail(e));
        }
    }
}

#[test]
fn a_declined_lexicon_falls_back_exactly() {
    // 䀉 (U+4009, three bytes, inside the scan's blind block) folds to 𥁢
    // (four bytes): its spellings would not be six bytes, so the anchored
    // finder declines; 2-byte and short patterns too.
    for (lex, texts) in [
        (
            "𥁢民主\n人民𥁢\n",
            &["䀉民主", "人民䀉", "人民\n𥁢", "𥁢民主"][..],
        ),
        ("5G\n人民\n", &["５G人民", "5\nG", "人\u{200B}民"][..]),
    ] {
        let lexicon = Lexicon::parse(lex, LexiconFormat::Lines, "declined").expect("lexicon");
        let a = build(&lexicon, Strategy::Anchored, false, false);
        assert!(!uses_anchors(&a), "{a:?}");
        let d = build(&lexicon, Strategy::Dfa, false, false);
        for t in texts {
            assert_eq!(rows(&a, t), rows(&d, t), "{t:?}");
            assert_eq!(literal(&a, t), reference(&lexicon, t), "{t:?}");
            assert!(!literal(&a, t).is_empty(), "{t:?}");
        }
    }
}
