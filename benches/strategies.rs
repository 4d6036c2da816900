//! The matcher per strategy and lexicon size (1, 10, 100, 1k, 5k, 50k
//! phrases), counting and scanning, next to the bare aho-corasick DFA and
//! daachorse's charwise automaton over the same folded phrases.
//!
//! Corpus: the fixture texts (seeds, CPC reports, provincial reports)
//! rotated and repeated to 64 MiB; lexicons: the corpus's most frequent
//! 3–6-character CJK n-grams (folding twins dropped; 100 is the built-in
//! lexicon). Both are made deterministically and cached in
//! `bench-data/criterion/` (never committed) so that later runs start at once.
//!
//! Run: `cargo bench --bench strategies` (about 10 minutes);
//! one size: `cargo bench --bench strategies -- 'phrases=5000'`.

use std::collections::{HashMap, HashSet};
use std::hint::black_box;
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use daachorse::{CharwiseDoubleArrayAhoCorasickBuilder, MatchKind as DaaMatchKind};
use tifa::fold::fold_str;
use tifa::{Entry, Lexicon, MatcherBuilder, Strategy};

const CORPUS_BYTES: usize = 64 << 20;
const SIZES: [usize; 6] = [1, 10, 100, 1_000, 5_000, 50_000];
/// The aho-corasick DFA is not built above this many patterns (its build
/// takes minutes and gigabytes there; `Strategy::Auto` never picks it).
const DFA_MAX: usize = 5_000;

fn cache_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench-data/criterion");
    std::fs::create_dir_all(&dir).expect("bench-data/criterion");
    dir
}

fn fixture_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut texts = Vec::new();
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(root.join("seeds"))
        .expect("fixtures/seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    seeds.sort();
    for p in seeds {
        texts.push(std::fs::read_to_string(p).expect("seed"));
    }
    let cpc = std::fs::read_to_string(root.join("cpc/cpc-congress-reports.jsonl")).expect("cpc");
    for line in cpc.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("cpc line");
        texts.push(v["content"].as_str().unwrap_or_default().to_string());
    }
    texts
}

/// The corpus, made once and cached.
fn corpus() -> String {
    let path = cache_dir().join("corpus-64m.txt");
    if let Ok(text) = std::fs::read_to_string(&path) {
        if text.len() >= CORPUS_BYTES {
            return text;
        }
    }
    let blob = fixture_texts().join("\n");
    let chars: Vec<char> = blob.chars().collect();
    let mut text = String::with_capacity(CORPUS_BYTES + (1 << 20));
    let mut i = 0usize;
    while text.len() < CORPUS_BYTES {
        // Rotations, so that repeated text does not line up the same way.
        let k = (i * 7919) % chars.len();
        text.extend(chars[k..].iter().chain(&chars[..k]));
        text.push('\n');
        i += 1;
    }
    std::fs::write(&path, &text).expect("write the corpus");
    text
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The `n` most frequent 3–6-character CJK n-grams of (a sample of) the
/// corpus, one fold each, cached one a line.
fn ngram_phrases(text: &str, n: usize) -> Vec<String> {
    let path = cache_dir().join(format!("lex-{n}.txt"));
    if let Ok(s) = std::fs::read_to_string(&path) {
        let v: Vec<String> = s.lines().map(str::to_string).collect();
        if v.len() == n {
            return v;
        }
    }
    let sample: Vec<char> = text.chars().take(6_000_000).collect();
    let mut freq: HashMap<&[char], u32> = HashMap::new();
    for len in 3..=6 {
        for w in sample.windows(len) {
            if w.iter().all(|&c| is_cjk(c)) {
                *freq.entry(w).or_insert(0) += 1;
            }
        }
    }
    let mut ranked: Vec<(&[char], u32)> = freq.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(n);
    for (w, _) in ranked {
        let s: String = w.iter().collect();
        if seen.insert(fold_str(&s)) {
            out.push(s);
            if out.len() == n {
                break;
            }
        }
    }
    std::fs::write(&path, out.join("\n")).expect("write the lexicon");
    out
}

fn lexicon_of(size: usize, text: &str) -> Lexicon {
    if size == 100 {
        return Lexicon::builtin();
    }
    let entries = ngram_phrases(text, size)
        .into_iter()
        .map(|p| Entry::new(p, "ngram"))
        .collect();
    Lexicon::from_entries(entries, "n-grams").expect("n-gram lexicon")
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    for size in SIZES {
        let lexicon = lexicon_of(size, &text);
        let patterns: Vec<String> = lexicon
            .entries()
            .iter()
            .flat_map(|e| e.forms().map(fold_str))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let mut g = c.benchmark_group(format!("phrases={size}"));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.sample_size(10);

        if patterns.len() <= DFA_MAX {
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .expect("automaton");
            g.bench_function("bare aho-corasick DFA", |b| {
                b.iter(|| black_box(ac.find_iter(text.as_str()).count()))
            });
        }
        let daa: daachorse::CharwiseDoubleArrayAhoCorasick<u32> =
            CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(DaaMatchKind::LeftmostLongest)
                .build(&patterns)
                .expect("daachorse");
        g.bench_function("bare daachorse charwise", |b| {
            b.iter(|| black_box(daa.leftmost_find_iter(text.as_str()).count()))
        });

        for strategy in Strategy::ALL {
            if strategy == Strategy::Dfa && patterns.len() > DFA_MAX {
                continue;
            }
            let m = MatcherBuilder::new()
                .strategy(strategy)
                .build(&lexicon)
                .expect("matcher");
            g.bench_function(
                BenchmarkId::new("tifa count", format!("{strategy:?}")),
                |b| b.iter(|| black_box(m.count(&text).total_literal())),
            );
            if strategy == Strategy::Auto {
                g.bench_function(BenchmarkId::new("tifa scan", "Auto"), |b| {
                    b.iter(|| black_box(m.find_iter(&text).count()))
                });
            }
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
