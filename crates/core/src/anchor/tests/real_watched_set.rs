//! Adversarial checks of the finder with the engine's real watched set
//! (every white-space and zero-width character, every traditional and
//! full-width form of a pattern character).

use super::*;

/// Pattern sets for the review: ASCII-mixed, 4-byte, characters with
/// several traditional forms (one of them 4-byte: 𡻕 → 岁), traditional
/// forms of one pattern's characters that are characters of another, and
/// anchors far from the start behind ASCII.
const REVIEW_SETS: &[&[&str]] = &[
    &[
        "G20峰会",
        "5G网络",
        "十四五",
        "国家权力机关",
        "国家权力",
        "ab国家权力",
    ],
    &[
        "𠀋民主",
        "民主集中制",
        "𠀋𠀋𠀋",
        "岁月如歌",
        "岁岁年年",
        "𠀋岁岁",
    ],
    &[
        "发展理念",
        "头发花白",
        "干部队伍",
        "台风来袭",
        "系统工程",
        "钟表店",
    ],
    &[
        "两院",
        "一府两院",
        "一府一委两院",
        "人民民主",
        "人民民主专政",
        "主专政",
    ],
    &[
        "2020202020杭州峰会",
        "国202020杭州峰会",
        "G20杭州峰会",
        "20杭州",
    ],
    &["干部乾坤", "后来居上", "皇后娘娘", "面面俱到", "方便面条"],
    &["abcdef", "abcabc", "xyzxyz人民", "1+9=10"],
];

const REVIEW_PIECES: &[&str] = &[
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
    "xyz",
    "ｘｙｚ",
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
    "主",
    "集中",
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
    "系",
    "係",
    "繫",
    "统",
    "統",
    "工程",
    "钟",
    "鐘",
    "鍾",
    "表",
    "錶",
    "店",
    "两",
    "兩",
    "院",
    "一",
    "府",
    "委",
    "专",
    "專",
    "政",
    "杭州",
    "來居上",
    "皇",
    "娘",
    "方便",
    "俱到",
    "\n",
    "\r\n",
    " ",
    "\u{3000}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{A0}",
    "\u{2028}",
    "。",
    "的",
    "é",
];

/// Every hit in strict text order, no duplicates; the occurrences exactly
/// the automaton's; every watched character outside the ideographs; the
/// traditional forms of every run that folds to a pattern with no other
/// differing character (required), and of no place outside a folded run
/// (allowed: a run with full-width or 4-byte forms too).
fn check_review(patterns: &[String], text: &str) -> Result<(), String> {
    let alphabet: std::collections::HashSet<char> =
        patterns.iter().flat_map(|p| p.chars()).collect();
    let watched = crate::fold::watched_chars(&alphabet);
    let scanner = CharScanner::new(watched.clone());
    let sieve = AnchorSieve::new(patterns, &watched)
        .map_err(|e| e.to_string())?
        .ok_or("no sieve")?;
    let mut got = Vec::new();
    sieve.find(text, Some(&scanner), patterns.len(), &mut |h| got.push(h));
    if !got.windows(2).all(|w| w[0].start < w[1].start) {
        return Err(format!("out of order: {got:?}"));
    }
    let allowed = reference(patterns, &scanner, text);
    // Required: hidden forms in runs folding to a pattern whose every
    // character is either itself or a hidden form.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut required = vec![false; chars.len()];
    for k in 0..chars.len() {
        for p in patterns {
            let pc: Vec<char> = p.chars().collect();
            let fits = k + pc.len() <= chars.len()
                && pc.iter().zip(&chars[k..]).all(|(&want, &(_, c))| {
                    c == want || (variants::is_hidden(c) && fold_char(c) == Some(want))
                });
            if fits {
                required[k..k + pc.len()].iter_mut().for_each(|f| *f = true);
            }
        }
    }
    let is_hidden_hit = |h: &Hit| {
        h.pid >= patterns.len()
            && variants::is_hidden(text[h.start..].chars().next().unwrap_or(' '))
    };
    let plain = |hits: &[Hit]| {
        hits.iter()
            .filter(|h| !is_hidden_hit(h))
            .copied()
            .collect::<Vec<_>>()
    };
    if plain(&got) != plain(&allowed) {
        return Err(format!(
            "occurrences or outside watched differ:\n got  {:?}\n want {:?}",
            plain(&got),
            plain(&allowed)
        ));
    }
    for h in got.iter().filter(|h| is_hidden_hit(h)) {
        if !allowed.contains(h) {
            return Err(format!("hidden hit outside any folded run: {h:?}"));
        }
    }
    for (k, &(s, c)) in chars.iter().enumerate() {
        if required[k]
            && variants::is_hidden(c)
            && scanner.index(c).is_some()
            && !got.iter().any(|h| h.start == s)
        {
            return Err(format!("hidden form {c:?} at {s} not reported"));
        }
    }
    Ok(())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
    #[test]
    fn review_sets_with_the_real_watched_set(
        set in 0..REVIEW_SETS.len(),
        pieces in proptest::collection::vec(proptest::sample::select(REVIEW_PIECES), 0..2500),
        pad in 0usize..8,
    ) {
        let text = format!("{}{}", "a".repeat(pad), pieces.concat());
        let patterns: Vec<String> = REVIEW_SETS[set].iter().map(|p| p.to_string()).collect();
        if let Err(e) = check_review(&patterns, &text) {
            return Err(proptest::test_runner::TestCaseError::fail(format!("{patterns:?} in {text:?}: {e}")));
        }
    }
}

#[test]
fn review_anchor_offsets() {
    // Where the anchors of the review sets fall (printed), so that the
    // far-anchor set does test a long lag.
    let mut max = 0;
    for set in REVIEW_SETS {
        let patterns: Vec<String> = set.iter().map(|p| p.to_string()).collect();
        let alphabet: std::collections::HashSet<char> =
            patterns.iter().flat_map(|p| p.chars()).collect();
        let watched = crate::fold::watched_chars(&alphabet);
        let sp = Spellings::new(&watched).expect("spellings");
        for p in &patterns {
            let (o, keys) = rarest_window(p, Frequencies::shipped(), &sp).expect("window");
            println!("{p}: offset {o}, {} spellings", keys.len());
            max = max.max(o);
        }
    }
    assert!(max >= 6);
}

#[test]
fn review_folded_run_at_three_times_the_offset_across_every_flush_point() {
    // A run of full-width forms before the anchor, as long as the lag
    // allows, followed by traditional forms, at every byte around a flush.
    let patterns = vec![
        "2020202020杭州峰会".to_string(),
        "国202020杭州峰会".to_string(),
        "国家权力".to_string(),
    ];
    for filler in FLUSH_EVERY - 70..FLUSH_EVERY + 70 {
        for tail in [
            "２０２０２０２０２０杭州峰會",
            "２０２０２０２０２０杭州峰会國家權力",
            "國家權力２０２０２０２０２０杭州峰會",
            "國２０２０２０杭州峰會",
            "ａ國２０２０２０杭州峰會",
        ] {
            let text = format!("{}{tail}。{tail}", "a".repeat(filler));
            if let Err(e) = check_review(&patterns, &text) {
                panic!("filler {filler} {tail}: {e}");
            }
        }
    }
}

#[test]
fn review_key_table_probing() {
    // Many keys, many sharing slots: every key finds exactly its entries,
    // and keys never inserted find none.
    let mut pairs = Vec::new();
    let mut state = 0x1234_5678_9abc_def0u64;
    let mut keys = Vec::new();
    for pid in 0..3000u32 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let key = (state >> 7) & KEY_MASK;
        let copies = 1 + (pid % 3);
        for c in 0..copies {
            pairs.push((
                key,
                table::Entry {
                    head: crate::pattern::Pattern::new(b"abcdef"),
                    pid: pid * 4 + c,
                    offset: 0,
                    own: c == 0,
                    fold: false,
                },
            ));
        }
        keys.push((key, pid, copies));
        // A neighbour key, differing in one byte: never inserted.
    }
    let t = KeyTable::new(pairs);
    for (key, pid, copies) in keys {
        let got: Vec<u32> = t.get(key).iter().map(|e| e.pid).collect();
        let want: Vec<u32> = (0..copies).map(|c| pid * 4 + c).collect();
        assert_eq!(got, want, "key {key:x}");
        assert!(
            t.get(key ^ (1 << 40)).iter().all(|e| e.pid / 4 != pid)
                || t.get(key ^ (1 << 40)).is_empty()
        );
    }
}

#[test]
fn review_resolver_orders_equal_starts_longest_first_and_drops_duplicates() {
    let mut r = Resolver::new(3);
    let h = |start, end, pid| Hit { start, end, pid };
    // Found out of order (anchors later in the text give earlier starts).
    r.push(h(3, 9, 2));
    r.push(h(0, 6, 0));
    r.push(h(12, 15, 3));
    r.push(h(0, 12, 1));
    r.push(h(12, 15, 3));
    r.push(h(15, 21, 0));
    let mut out = Vec::new();
    r.flush(13, &mut |x| out.push(x));
    r.push(h(15, 18, 4));
    r.push(h(15, 27, 1));
    r.flush(usize::MAX, &mut |x| out.push(x));
    assert_eq!(out, [h(0, 12, 1), h(12, 15, 3), h(15, 27, 1), h(15, 18, 4)]);
}

#[test]
fn review_doc_gap_a_full_width_form_in_the_anchor_hides_the_traditional_forms() {
    // design.rs says a traditional form is reported "exactly when" it lies
    // in a run without ignorables that folds to a pattern. Not so when the
    // anchor's window holds a full-width form (G20峰会 is anchored on
    // "G20峰"): no spelling matches and 會 is not reported. Exactness holds
    // all the same, because Ｇ itself is reported by the scan and covered,
    // so the piece is searched again folded; the argument in design.rs
    // names only the ignorable case and should name this one.
    let patterns = vec!["G20峰会".to_string()];
    let alphabet: std::collections::HashSet<char> = patterns[0].chars().collect();
    let watched = crate::fold::watched_chars(&alphabet);
    let scanner = CharScanner::new(watched.clone());
    let sieve = AnchorSieve::new(&patterns, &watched)
        .expect("build")
        .expect("sieve");
    let sp = Spellings::new(&watched).expect("spellings");
    assert_eq!(
        rarest_window(&patterns[0], Frequencies::shipped(), &sp).map(|w| w.0),
        Some(0)
    );
    let text = "Ｇ20峰會";
    let mut got = Vec::new();
    sieve.find(text, Some(&scanner), 1, &mut |h| got.push(h));
    let reported: Vec<char> = got
        .iter()
        .filter_map(|h| text[h.start..].chars().next())
        .collect();
    assert_eq!(
        reported,
        ['Ｇ'],
        "會 lies in a folded run but is not reported"
    );
}
