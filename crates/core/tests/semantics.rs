//! tifa's matching semantics (SPEC §1.2–1.3) as tables of named cases, in
//! the manner of aho-corasick's `src/tests.rs`: each table is run against
//! every matching strategy, and property tests compare the matcher with a
//! reference written plainly below.

use proptest::prelude::*;
use proptest::strategy::Strategy as _;
use tifa_core::fold::fold_char;
use tifa_core::{Form, Lexicon, LexiconFormat, Matcher, MatcherBuilder, Strategy};

/// The built-in lexicon plus a few test entries (nested 人民民主, an ASCII
/// formula for width folding, a traditional-sensitive 国家权力).
fn lexicon() -> Lexicon {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(make_lexicon).clone()
}

/// Three phrases only: a lexicon whose watched characters are few.
fn small_lexicon() -> Lexicon {
    Lexicon::parse(
        "[[entry]]\nphrase = \"全过程人民民主\"\ncategory = \"test\"\n\
         [[entry]]\nphrase = \"1+9\"\ncategory = \"test\"\n\
         [[entry]]\nphrase = \"国家权力\"\ncategory = \"test\"\n",
        LexiconFormat::Toml,
        "small.toml",
    )
    .expect("small lexicon")
}

fn small_matcher(strategy: usize, overlapping: bool) -> Matcher {
    static CACHE: std::sync::OnceLock<Vec<Matcher>> = std::sync::OnceLock::new();
    let all = CACHE.get_or_init(|| {
        let lex = small_lexicon();
        let mut v = Vec::new();
        for s in Strategy::ALL {
            for o in [false, true] {
                v.push(
                    MatcherBuilder::new()
                        .strategy(s)
                        .overlapping(o)
                        .build(&lex)
                        .unwrap(),
                );
            }
        }
        v
    });
    all[strategy * 2 + usize::from(overlapping)].clone()
}

/// One matcher per configuration, built once for all property cases.
fn cached_matcher(strategy: usize, overlapping: bool, strict: bool) -> Matcher {
    static CACHE: std::sync::OnceLock<Vec<Matcher>> = std::sync::OnceLock::new();
    let all = CACHE.get_or_init(|| {
        let lex = lexicon();
        let mut v = Vec::new();
        for s in Strategy::ALL {
            for o in [false, true] {
                for t in [false, true] {
                    v.push(
                        MatcherBuilder::new()
                            .strategy(s)
                            .overlapping(o)
                            .strict(t)
                            .build(&lex)
                            .unwrap(),
                    );
                }
            }
        }
        v
    });
    all[strategy * 4 + overlapping as usize * 2 + strict as usize].clone()
}

fn make_lexicon() -> Lexicon {
    let mut lex = Lexicon::builtin();
    let extra = Lexicon::parse(
        "[[entry]]\nphrase = \"人民民主\"\ncategory = \"test\"\n\
         [[entry]]\nphrase = \"1+9\"\ncategory = \"test\"\n\
         [[entry]]\nphrase = \"国家权力\"\ncategory = \"test\"\n",
        LexiconFormat::Toml,
        "test.toml",
    )
    .expect("test lexicon");
    lex.merge(extra).expect("merge");
    lex
}

/// (phrase, text of the span, form, quoted)
type Expect = (&'static str, &'static str, Form, bool);

struct Case {
    name: &'static str,
    text: &'static str,
    expect: &'static [Expect],
}

const L: Form = Form::Literal;
const X: Form = Form::Expanded;

macro_rules! cases {
    ($($name:literal : $text:expr => [$(($p:literal, $s:expr, $f:expr, $q:expr)),* $(,)?]),* $(,)?) => {
        &[$(Case { name: $name, text: $text, expect: &[$(($p, $s, $f, $q)),*] }),*]
    };
}

/// Leftmost-longest, normalizing (the default).
const LEFTMOST_LONGEST: &[Case] = cases! {
    "empty text": "" => [],
    "no CJK": "hello world 123" => [],
    "no phrase": "这是一个普通的句子。" => [],
    "longest wins over nested 两院": "一府一委两院" => [("一府一委两院", "一府一委两院", L, false)],
    "两院 alone counts": "最高法、最高检两院" => [("两院", "两院", L, false)],
    "全过程人民民主 is not also 人民民主": "发展全过程人民民主" => [("全过程人民民主", "全过程人民民主", L, false)],
    "人民民主 alone": "人民民主专政" => [("人民民主", "人民民主", L, false)],
    "adjacent phrases": "一府两院一府一委两院两院" => [
        ("一府两院", "一府两院", L, false), ("一府一委两院", "一府一委两院", L, false), ("两院", "两院", L, false)],
    "variant counts for its entry": "区人民代表大会常务委员会" => [("人大常委会", "人民代表大会常务委员会", L, false)],
    "line break inside a phrase": "全过程人\n民民主" => [("全过程人民民主", "全过程人\n民民主", L, false)],
    "CRLF and spaces inside a phrase": "全 过 程\r\n人民民主" => [("全过程人民民主", "全 过 程\r\n人民民主", L, false)],
    "ideographic space and zero-width inside": "全过程\u{3000}人民\u{200B}民主" => [("全过程人民民主", "全过程\u{3000}人民\u{200B}民主", L, false)],
    "breaks around a phrase stay outside the span": "\n\n全过程人民民主\n" => [("全过程人民民主", "全过程人民民主", L, false)],
    "a break lets the longer phrase win": "一府一委\n两院" => [("一府一委两院", "一府一委\n两院", L, false)],
    "a harmless break between phrases": "全过程人民民主\n一府一委两院" => [
        ("全过程人民民主", "全过程人民民主", L, false), ("一府一委两院", "一府一委两院", L, false)],
    "a break that joins nothing": "人民\n主权" => [],
    "full-width forms": "方案１＋９和1+9" => [("1+9", "１＋９", L, false), ("1+9", "1+9", L, false)],
    "traditional phrase": "全過程人民民主" => [("全过程人民民主", "全過程人民民主", L, false)],
    "traditional 國家權力": "國家權力機關" => [("国家权力", "國家權力", L, false)],
    "one traditional char makes the longer phrase": "一府一委兩院" => [("一府一委两院", "一府一委兩院", L, false)],
    "traditional and a break": "全過程人\n民民主" => [("全过程人民民主", "全過程人\n民民主", L, false)],
    "traditional text with no phrase": "這是測試，沒有提法。" => [],
    "curly quotes": "“四个机关”" => [("四个机关", "四个机关", L, true)],
    "corner quotes": "「四个机关」" => [("四个机关", "四个机关", L, true)],
    "straight quotes": "\"四个机关\"" => [("四个机关", "四个机关", L, true)],
    "unbalanced quote": "“四个机关建设" => [("四个机关", "四个机关", L, false)],
    "mismatched quotes": "“四个机关」" => [("四个机关", "四个机关", L, false)],
    "expansion": "建设政治机关、国家权力机关、工作机关和代表机关。" => [
        ("四个机关", "政治机关、国家权力机关、工作机关和代表机关", X, false),
        ("国家权力", "国家权力", L, false)],
    "quoted members without a joiner are no list": "“政治机关”“国家权力机关”、“工作机关”及“代表机关”" => [("国家权力", "国家权力", L, false)],
    "expansion with quoted members and joiners": "“政治机关”、“国家权力机关”、“工作机关”及“代表机关”" => [
        ("四个机关", "政治机关”、“国家权力机关”、“工作机关”及“代表机关", X, false),
        ("国家权力", "国家权力", L, false)],
    "expansion broken by a line break": "政治机\n关、国家权力机关、工作机关\n和代表机关" => [
        ("四个机关", "政治机\n关、国家权力机关、工作机关\n和代表机关", X, false),
        ("国家权力", "国家权力", L, false)],
    "expansion in traditional": "政治機關、國家權力機關、工作機關和代表機關" => [
        ("四个机关", "政治機關、國家權力機關、工作機關和代表機關", X, false),
        ("国家权力", "國家權力", L, false)],
    "expansion needs every member": "政治机关、工作机关和代表机关" => [],
    "expansion stays in one sentence": "政治机关、国家权力机关。工作机关和代表机关" => [("国家权力", "国家权力", L, false)],
    "expansion needs joiners": "政治机关的国家权力机关的工作机关和代表机关" => [("国家权力", "国家权力", L, false)],
    "literal and expanded apart": "“四个机关”即政治机关、国家权力机关、工作机关与代表机关" => [
        ("四个机关", "四个机关", L, true),
        ("四个机关", "政治机关、国家权力机关、工作机关与代表机关", X, false),
        ("国家权力", "国家权力", L, false)],
    "two-member clause lists with inner commas": "确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位" => [
        ("两个确立", "确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位", X, false),
        ("习近平新时代中国特色社会主义思想", "习近平新时代中国特色社会主义思想", L, false)],
};

/// `--overlapping`: every occurrence, nested ones included.
const OVERLAPPING: &[Case] = cases! {
    "nested 两院": "一府一委两院" => [("一府一委两院", "一府一委两院", L, false), ("两院", "两院", L, false)],
    "nested 人民民主": "全过程人民民主" => [("全过程人民民主", "全过程人民民主", L, false), ("人民民主", "人民民主", L, false)],
    "nested across a break": "一府一委\n两院" => [("一府一委两院", "一府一委\n两院", L, false), ("两院", "两院", L, false)],
    "nested traditional": "全過程人民民主" => [("全过程人民民主", "全過程人民民主", L, false), ("人民民主", "人民民主", L, false)],
};

/// `--strict`: no normalization at all.
const STRICT: &[Case] = cases! {
    "exact still matches": "一府一委两院" => [("一府一委两院", "一府一委两院", L, false)],
    "no break skipping": "全过程人\n民民主" => [],
    "no traditional folding": "全過程人民民主" => [("人民民主", "人民民主", L, false)],
    "no width folding": "１＋９" => [],
    "quotes still reported": "“四个机关”" => [("四个机关", "四个机关", L, true)],
};

fn run_table(table: &[Case], configure: impl Fn(&mut MatcherBuilder)) {
    let lex = lexicon();
    for strategy in Strategy::ALL {
        let mut builder = MatcherBuilder::new();
        builder.strategy(strategy);
        configure(&mut builder);
        let matcher = builder.build(&lex).expect("build");
        for case in table {
            let got: Vec<(String, String, Form, bool)> = matcher
                .find_iter(case.text)
                .map(|m| {
                    (
                        m.phrase().to_string(),
                        case.text[m.span()].to_string(),
                        m.form(),
                        m.quoted(),
                    )
                })
                .collect();
            let want: Vec<(String, String, Form, bool)> = case
                .expect
                .iter()
                .map(|&(p, s, f, q)| (p.to_string(), s.to_string(), f, q))
                .collect();
            assert_eq!(got, want, "case {:?} with {strategy:?}", case.name);
            // The count fast path agrees with the match records.
            let counts = matcher.count(case.text);
            let literal = want.iter().filter(|w| w.2 == L).count() as u64;
            let expanded = want.iter().filter(|w| w.2 == X).count() as u64;
            assert_eq!(
                counts.total_literal(),
                literal,
                "count, case {:?}",
                case.name
            );
            assert_eq!(
                counts.total_expanded(),
                expanded,
                "count, case {:?}",
                case.name
            );
        }
    }
}

#[test]
fn leftmost_longest_table() {
    run_table(LEFTMOST_LONGEST, |_| {});
}

#[test]
fn overlapping_table() {
    run_table(OVERLAPPING, |b| {
        b.overlapping(true);
    });
}

#[test]
fn strict_table() {
    run_table(STRICT, |b| {
        b.strict(true);
    });
}

#[test]
fn char_offsets_follow_the_text() {
    let matcher = Matcher::new(&lexicon()).unwrap();
    let text = "ab一府一委两院\n“全過程人\n民民主”";
    for m in matcher.find_iter(text) {
        let chars: Vec<char> = text.chars().collect();
        let by_chars: String = chars[m.char_start()..m.char_end()].iter().collect();
        assert_eq!(by_chars, &text[m.span()]);
    }
}

// ---------------------------------------------------------------------------
// The reference: fold the text char by char, then search it naively.

/// (start, end, phrase) of every literal match, sorted.
fn reference(
    lex: &Lexicon,
    text: &str,
    overlapping: bool,
    strict: bool,
) -> Vec<(usize, usize, String)> {
    let fold = |c: char| if strict { Some(c) } else { fold_char(c) };
    let mut patterns: Vec<(Vec<char>, &str)> = Vec::new();
    for e in lex.entries() {
        for form in e.forms() {
            let form = if strict { form.trim() } else { form };
            patterns.push((form.chars().filter_map(fold).collect(), &e.phrase));
        }
    }
    let folded: Vec<(char, usize, usize)> = text
        .char_indices()
        .filter_map(|(i, c)| fold(c).map(|f| (f, i, i + c.len_utf8())))
        .collect();
    let matches_at = |i: usize, p: &[char]| {
        !p.is_empty()
            && i + p.len() <= folded.len()
            && folded[i..i + p.len()]
                .iter()
                .map(|x| x.0)
                .eq(p.iter().copied())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < folded.len() {
        if overlapping {
            for (p, phrase) in &patterns {
                if matches_at(i, p) {
                    out.push((folded[i].1, folded[i + p.len() - 1].2, phrase.to_string()));
                }
            }
            i += 1;
        } else {
            let best = patterns
                .iter()
                .filter(|(p, _)| matches_at(i, p))
                .max_by_key(|(p, _)| p.len());
            match best {
                Some((p, phrase)) => {
                    out.push((folded[i].1, folded[i + p.len() - 1].2, phrase.to_string()));
                    i += p.len();
                }
                None => i += 1,
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

const PIECES: &[&str] = &[
    "一府一委两院",
    "一府两院",
    "两院",
    "一府一委",
    "一府",
    "两",
    "院",
    "兩院",
    "全过程人民民主",
    "人民民主",
    "全过程",
    "全過程",
    "人",
    "民",
    "人\n民",
    "民主",
    "\n",
    "\r\n",
    " ",
    "\u{3000}",
    "\u{200B}",
    "的",
    "，",
    "。",
    "、",
    "国家权力机关",
    "國家權力",
    "权力",
    "“",
    "”",
    "人大常委会",
    "人民代表大会常务委员会",
    "人民代表大会",
    "常委会",
    "１",
    "+",
    "＋",
    "９",
    "1+9",
    "四个机关",
    "政治机关",
    "工作机关",
    "代表机关",
    "和",
];

fn text_strategy() -> impl proptest::strategy::Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

/// Single characters around the phrases of [`PIECES`]: their own, their
/// traditional and full-width forms, and white space of every width (ASCII,
/// no-break, ideographic, zero-width), so that phrases break anywhere.
const CHARS: &[char] = &[
    '一', '府', '委', '两', '兩', '院', '全', '过', '過', '程', '人', '民', '主', '国', '國', '家',
    '权', '權', '力', '机', '機', '关', '關', '1', '１', '+', '＋', '9', '９', '\n', '\r', ' ',
    '\t', '\u{3000}', '\u{00A0}', '\u{200B}', '\u{FEFF}', '\u{2028}', '\u{0085}', '、', '“', '”',
    '。', '的',
];

fn char_text_strategy() -> impl proptest::strategy::Strategy<Value = String> {
    const BREAKS: &[&str] = &[
        "\n",
        "\r\n",
        " ",
        "\t",
        "\u{3000}",
        "\u{00A0}",
        "\u{200B}",
        "\u{FEFF}",
        "\u{2028}",
        "\u{0085}",
        "\u{3000}\n",
        " \u{200B}",
    ];
    // A piece with white space put in after its k-th character.
    let broken = (
        proptest::sample::select(PIECES),
        proptest::sample::select(BREAKS),
        0usize..8,
    )
        .prop_map(|(p, b, k)| {
            let at = p.char_indices().nth(k).map_or(p.len(), |(i, _)| i);
            format!("{}{b}{}", &p[..at], &p[at..])
        });
    let piece = prop_oneof![
        proptest::sample::select(PIECES).prop_map(str::to_string),
        proptest::sample::select(CHARS).prop_map(|c| c.to_string()),
        broken,
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn literal_matches(m: &Matcher, text: &str) -> Vec<(usize, usize, String)> {
    let mut got: Vec<_> = m
        .find_iter(text)
        .filter(|x| x.form() == Form::Literal)
        .map(|x| (x.start(), x.end(), x.phrase().to_string()))
        .collect();
    got.sort();
    got
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn matches_equal_the_reference(text in text_strategy(), s in 0usize..Strategy::ALL.len(), overlapping: bool, strict: bool) {
        let matcher = cached_matcher(s, overlapping, strict);
        prop_assert_eq!(literal_matches(&matcher, &text), reference(&lexicon(), &text, overlapping, strict));
    }

    #[test]
    fn broken_and_variant_phrases_match_the_reference(text in char_text_strategy(), s in 0usize..Strategy::ALL.len(), overlapping: bool) {
        // Phrases broken by any white space, in any mix of traditional and
        // full-width forms: where the watch scan of the strategies that
        // find watched characters apart must catch every one that matters.
        let matcher = cached_matcher(s, overlapping, false);
        prop_assert_eq!(literal_matches(&matcher, &text), reference(&lexicon(), &text, overlapping, false));
    }

    #[test]
    fn a_small_lexicon_matches_the_reference(text in char_text_strategy(), s in 0usize..Strategy::ALL.len(), overlapping: bool) {
        // Few phrases, so few watched characters: the strategies that find
        // them apart use the SIMD searchers (memchr, Teddy) instead of the
        // byte-pair table.
        let matcher = small_matcher(s, overlapping);
        prop_assert_eq!(literal_matches(&matcher, &text), reference(&small_lexicon(), &text, overlapping, false));
    }

    #[test]
    fn counts_do_not_depend_on_splitting_at_sentence_ends(text in text_strategy()) {
        let matcher = cached_matcher(0, false, false);
        let whole = matcher.count(&text);
        let mut pieces = tifa_core::Counts::new(matcher.lexicon().len());
        for sentence in text.split_inclusive('。') {
            matcher.count_into(sentence, &mut pieces);
        }
        prop_assert_eq!(whole, pieces);
    }

    #[test]
    fn counting_in_parallel_pieces_equals_counting_whole(text in char_text_strategy(), s in 0usize..Strategy::ALL.len(), overlapping: bool, strict: bool, pieces in 1usize..6) {
        // Matcher::count_parallel cuts long texts after sentence ends and
        // counts the pieces on threads; here any text, cut into small pieces.
        let matcher = cached_matcher(s, overlapping, strict);
        prop_assert_eq!(matcher.count_in_pieces(&text, pieces), matcher.count(&text));
    }

    #[test]
    fn scan_and_count_agree(text in text_strategy(), s in 0usize..Strategy::ALL.len(), overlapping: bool, strict: bool) {
        // `tifa scan` prints one record per occurrence that `tifa count` counts.
        let matcher = cached_matcher(s, overlapping, strict);
        let lex = matcher.lexicon();
        let mut from_count = std::collections::BTreeMap::new();
        for (id, literal, expanded) in matcher.count(&text).iter() {
            let phrase = lex.entry(id).phrase.clone();
            if literal > 0 {
                from_count.insert((phrase.clone(), Form::Literal), literal);
            }
            if expanded > 0 {
                from_count.insert((phrase, Form::Expanded), expanded);
            }
        }
        let mut from_scan = std::collections::BTreeMap::new();
        for r in tifa_core::scan(&matcher, "doc", &text) {
            *from_scan.entry((r.phrase, r.form)).or_insert(0u64) += 1;
        }
        prop_assert_eq!(from_count, from_scan);
    }

    #[test]
    fn offsets_slice_to_the_reported_text(text in text_strategy()) {
        let matcher = cached_matcher(0, false, false);
        let chars: Vec<char> = text.chars().collect();
        for m in matcher.find_iter(&text) {
            prop_assert!(text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()));
            let by_chars: String = chars[m.char_start()..m.char_end()].iter().collect();
            prop_assert_eq!(by_chars.as_str(), &text[m.span()]);
        }
    }
}

#[test]
fn a_scan_hit_with_its_document_serializes_as_the_scan_record() {
    let matcher = Matcher::new(&Lexicon::builtin()).unwrap();
    let text =
        "坚持“一府一委两院”，\n发展全過程人民\n民主。政治机关、国家权力机关、工作机关和代表机关";
    let records = tifa_core::scan(&matcher, "报告.txt", text);
    let hits = tifa_core::scan_hits(&matcher, text);
    assert_eq!(records.len(), hits.len());
    assert_eq!(records.len(), 3, "{records:?}");
    for (r, h) in records.iter().zip(&hits) {
        let of = tifa_core::ScanHitOf {
            doc: "报告.txt",
            hit: h,
        };
        assert_eq!(
            serde_json::to_string(r).unwrap(),
            serde_json::to_string(&of).unwrap()
        );
    }
}
