//! The checks behind each fuzz target, shared by the libFuzzer targets
//! (fuzz/fuzz_targets/*.rs) and the replay test that runs the saved corpus
//! in CI (tests/fuzz_replay.rs). Each takes arbitrary bytes and asserts the
//! invariants that must hold for any input, not only "no panic".
#![allow(dead_code)]

use std::sync::OnceLock;

use tifa_core::{
    Entry, Form, Lexicon, LexiconFormat, Matcher, MatcherBuilder, NumberExtractor, Strategy,
};

/// The built-in lexicon's matchers: leftmost-longest, overlapping and
/// strict on the aho-corasick DFA (watch patterns inside), then
/// leftmost-longest and overlapping on the double-array and prefiltered
/// strategies, and leftmost-longest on the shift-or one and the anchored
/// one (what `Auto` picks for it; the strict matcher runs on it too).
fn matchers() -> &'static [Matcher; 9] {
    static M: OnceLock<[Matcher; 9]> = OnceLock::new();
    M.get_or_init(|| {
        let lex = Lexicon::builtin();
        [
            MatcherBuilder::new()
                .strategy(Strategy::Dfa)
                .build(&lex)
                .expect("matcher"),
            MatcherBuilder::new()
                .strategy(Strategy::Dfa)
                .overlapping(true)
                .build(&lex)
                .expect("matcher"),
            MatcherBuilder::new()
                .strict(true)
                .build(&lex)
                .expect("matcher"),
            MatcherBuilder::new()
                .strategy(Strategy::DoubleArray)
                .build(&lex)
                .expect("matcher"),
            MatcherBuilder::new()
                .strategy(Strategy::DoubleArray)
                .overlapping(true)
                .build(&lex)
                .expect("matcher"),
            MatcherBuilder::new()
                .strategy(Strategy::Prefiltered)
                .build(&lex)
                .expect("matcher"),
            MatcherBuilder::new()
                .strategy(Strategy::Prefiltered)
                .overlapping(true)
                .build(&lex)
                .expect("matcher"),
            MatcherBuilder::new()
                .strategy(Strategy::ShiftOr)
                .build(&lex)
                .expect("matcher"),
            MatcherBuilder::new()
                .strategy(Strategy::Anchored)
                .build(&lex)
                .expect("matcher"),
        ]
    })
}

fn extractor() -> &'static NumberExtractor {
    static E: OnceLock<NumberExtractor> = OnceLock::new();
    E.get_or_init(|| NumberExtractor::new(&Lexicon::builtin()).expect("extractor"))
}

/// The built-in lexicon and numeral phrases anchored on chars with a
/// spelling that starts no number (ｘ of x, 韆 of 千), and a variant
/// without a numeral, left to the matcher.
fn mixed_extractor() -> &'static NumberExtractor {
    static E: OnceLock<NumberExtractor> = OnceLock::new();
    E.get_or_init(|| {
        let mut plan = Entry::new("十四五规划", "custom");
        plan.variants = vec!["规划纲要".into()];
        let mut entries = Lexicon::builtin().entries().to_vec();
        entries.extend([
            Entry::new("x光机", "custom"),
            Entry::new("千万工程", "custom"),
            Entry::new("千万", "custom"),
            plan,
        ]);
        let lexicon = Lexicon::from_entries(entries, "fuzz").expect("lexicon");
        NumberExtractor::new(&lexicon).expect("extractor")
    })
}

/// The matcher over any bytes decoded lossily: spans on char boundaries,
/// char offsets agree with byte offsets, `count` agrees with `find_iter`,
/// leftmost-longest matches never overlap, and the double-array,
/// prefiltered, shift-or and anchored strategies (watched characters found
/// apart) find exactly what the aho-corasick DFA (watch patterns inside)
/// finds.
pub fn matcher(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let all = matchers();
    for (ac, da) in [(0, 3), (1, 4), (0, 5), (1, 6), (0, 7), (0, 8)] {
        let spans = |m: &Matcher| {
            let mut v: Vec<_> = m
                .find_iter(&text)
                .map(|x| (x.start(), x.end(), x.phrase().to_string(), x.form()))
                .collect();
            v.sort();
            v
        };
        assert_eq!(spans(&all[ac]), spans(&all[da]), "strategies disagree");
    }
    for m in all.iter() {
        let mut literal = 0u64;
        let mut expanded = 0u64;
        let mut last_end = 0;
        for x in m.find_iter(&text) {
            assert!(x.start() <= x.end() && x.end() <= text.len());
            assert!(text.is_char_boundary(x.start()) && text.is_char_boundary(x.end()));
            assert_eq!(text[..x.start()].chars().count(), x.char_start());
            assert_eq!(
                x.char_end() - x.char_start(),
                text[x.span()].chars().count()
            );
            match x.form() {
                Form::Literal => {
                    literal += 1;
                    if !m.is_overlapping() {
                        assert!(x.start() >= last_end, "leftmost-longest matches overlap");
                        last_end = x.end();
                    }
                }
                Form::Expanded => expanded += 1,
            }
        }
        let counts = m.count(&text);
        assert_eq!(
            (counts.total_literal(), counts.total_expanded()),
            (literal, expanded)
        );
    }
}

/// The numeral parser and the extractor: no panic, spans slice to the
/// reported text, in order, without overlap; placeholders have no value.
pub fn numbers(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = tifa_core::numeral::parse_chinese_number(&text);
    let mut last = 0;
    let mentions = extractor().extract(&text);
    for m in &mentions {
        assert!(m.start >= last && m.start < m.end && m.end <= text.len());
        assert_eq!(&text[m.start..m.end], m.text);
        assert_eq!(m.placeholder, m.value.is_none());
        last = m.end;
    }
    // Cut after every 。 the rules allow, the mentions are the whole's.
    assert_eq!(extractor().extract_in_pieces_on(&text, 1, 1), mentions);
    // The numeral phrases found at the number starts are the matcher's.
    for ex in [extractor(), mixed_extractor()] {
        let (anchored, matched) = ex.numeral_phrases_both_ways(&text);
        assert_eq!(anchored, matched);
    }
}

/// Every lexicon loader: a lexicon or an error, never a panic; an error
/// names the source.
pub fn lexicon(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for format in [
        LexiconFormat::Toml,
        LexiconFormat::Json,
        LexiconFormat::Csv,
        LexiconFormat::Tsv,
        LexiconFormat::Lines,
    ] {
        match Lexicon::parse(&text, format, "fuzz.lex") {
            Ok(lex) => {
                // A valid lexicon builds a matcher.
                if lex.len() < 64 && lex.entries().iter().all(|e| e.phrase.len() < 64) {
                    let _ = Matcher::new(&lex);
                }
            }
            Err(e) => assert!(e.to_string().contains("fuzz.lex"), "{e}"),
        }
    }
}

/// The corpus readers (by the first byte: text, JSONL, CSV, TSV, each plain
/// or gzip): every event names the input, documents are non-empty, nothing
/// panics.
pub fn readers(data: &[u8]) {
    use tifa_corpus::{read_from, Event, ReadOptions};
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let names = [
        "a.txt",
        "a.jsonl",
        "a.csv",
        "a.tsv",
        "a.txt.gz",
        "a.jsonl.gz",
        "a.csv.gz",
        "a.tsv.gz",
    ];
    let name = names[which as usize % names.len()];
    let mut docs = 0;
    read_from(
        name,
        Box::new(rest),
        rest.len(),
        &ReadOptions::default(),
        &mut |e| match e {
            Event::Document(d) => {
                assert!(!d.text.trim().is_empty());
                assert!(d.id.starts_with(name));
                docs += 1;
            }
            Event::Skipped(n) | Event::Warning(n) => assert_eq!(n.path, name),
        },
    );
    let _ = docs;
}

/// The server's request handling (by the first byte: endpoint and content
/// type): every answer is a 2xx, or a 4xx with the JSON error shape; never
/// a 5xx, never a dropped request.
pub fn server(data: &[u8]) {
    use tower::ServiceExt;
    static APP: OnceLock<(axum::Router, tokio::runtime::Runtime)> = OnceLock::new();
    let (app, rt) = APP.get_or_init(|| {
        let config = tifa_server::Config {
            max_body: 64 * 1024,
            ..tifa_server::Config::default()
        };
        let app = tifa_server::app(&Lexicon::builtin(), config).expect("app");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        (app, rt)
    });
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    let paths = ["/v1/analyze", "/v1/count", "/v1/kwic", "/v1/lexicon"];
    let types = ["application/json", "text/plain", "application/xml", ""];
    let path = paths[(which & 3) as usize];
    let content_type = types[((which >> 2) & 3) as usize];
    let mut request = axum::http::Request::builder()
        .method(if which & 16 == 0 { "POST" } else { "GET" })
        .uri(path);
    if !content_type.is_empty() {
        request = request.header("content-type", content_type);
    }
    let request = request
        .body(axum::body::Body::from(body.to_vec()))
        .expect("request");
    let response = rt
        .block_on(app.clone().oneshot(request))
        .expect("infallible");
    let status = response.status().as_u16();
    assert!(status < 500, "status {status} for {path} {content_type}");
    if status >= 400 {
        let bytes = rt
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .expect("body");
        let v: serde_json::Value = serde_json::from_slice(&bytes).expect("a JSON error");
        assert!(
            v["error"]["code"].is_string() && v["error"]["message"].is_string(),
            "{v}"
        );
    }
}
