//! Throughput of counting (and of number extraction), next to the bare aho-corasick automaton on the
//! same bytes and the same (folded) patterns.
//!
//! Corpus: the five seed reports in fixtures/ repeated to 32 MiB, made
//! deterministically in memory (no download, nothing committed).
//! Run: `cargo bench --bench count`; quick look: `cargo bench --bench count -- --quick`.

use std::hint::black_box;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tifa::fold::fold_str;
use tifa::{Lexicon, Matcher, MatcherBuilder, NumberExtractor, Strategy};

mod support;

fn bench(c: &mut Criterion) {
    let text = support::seed_corpus();
    let lexicon = Lexicon::builtin();
    let patterns: Vec<String> = lexicon
        .entries()
        .iter()
        .flat_map(|e| e.forms().map(fold_str))
        .collect();

    let mut g = c.benchmark_group("count");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);

    for kind in [AhoCorasickKind::DFA, AhoCorasickKind::ContiguousNFA] {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(kind))
            .build(&patterns)
            .expect("automaton");
        g.bench_function(format!("aho-corasick {kind:?} (bare)"), |b| {
            b.iter(|| black_box(ac.find_iter(text.as_str()).count()))
        });
    }

    let default = Matcher::new(&lexicon).expect("matcher");
    g.bench_function("tifa count (default: normalizing, expansions)", |b| {
        b.iter(|| black_box(default.count(&text).total_literal()))
    });
    let literal_only = MatcherBuilder::new()
        .expansions(false)
        .build(&lexicon)
        .expect("matcher");
    g.bench_function("tifa count (normalizing, no expansions)", |b| {
        b.iter(|| black_box(literal_only.count(&text).total_literal()))
    });
    let strict = MatcherBuilder::new()
        .strict(true)
        .expansions(false)
        .strategy(Strategy::Dfa)
        .build(&lexicon)
        .expect("matcher");
    g.bench_function("tifa count (strict, no expansions, DFA)", |b| {
        b.iter(|| black_box(strict.count(&text).total_literal()))
    });
    g.bench_function("tifa find_iter (match records)", |b| {
        b.iter(|| black_box(default.find_iter(&text).count()))
    });
    let numbers = NumberExtractor::new(&lexicon).expect("extractor");
    g.bench_function("tifa numbers (extract every mention)", |b| {
        b.iter(|| black_box(numbers.extract(&text).len()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
