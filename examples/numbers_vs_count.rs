//! The performance issue's numbers target, measured in pairs: numeric
//! extraction within 2× of phrase counting on the same text.
//!
//! Builds the corpus of `benches/count.rs` (the seed reports of
//! `fixtures/seeds` repeated to 32 MiB), then times `Matcher::count` (the
//! default: normalizing, expansions) and `NumberExtractor::extract` back to
//! back, ROUNDS times (default 15). Each round gives one ratio of the two,
//! measured a few hundred milliseconds apart, so the drift of a shared
//! machine cancels; prints the median of each and of the ratios.
//!
//! cargo run --release --example numbers_vs_count -- [ROUNDS]

use std::time::Instant;

use tifa::{Lexicon, Matcher, NumberExtractor};

#[path = "../benches/support/mod.rs"]
mod support;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(15)
        .max(1);
    let text = support::seed_corpus();
    let lexicon = Lexicon::builtin();
    let matcher = Matcher::new(&lexicon).expect("matcher");
    let extractor = NumberExtractor::new(&lexicon).expect("extractor");
    // One warm-up round of each.
    let total = matcher.count(&text).total_literal();
    let mentions = extractor.extract(&text).len();
    let (mut count_ms, mut numbers_ms, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        assert_eq!(matcher.count(&text).total_literal(), total);
        let c = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        assert_eq!(extractor.extract(&text).len(), mentions);
        let n = t.elapsed().as_secs_f64() * 1e3;
        count_ms.push(c);
        numbers_ms.push(n);
        ratios.push(n / c);
    }
    println!(
        "{} MiB, {rounds} rounds: count {:.1} ms, numbers {:.1} ms (medians); \
         numbers / count: median of paired ratios {:.2}, min {:.2}, max {:.2}",
        text.len() >> 20,
        median(count_ms),
        median(numbers_ms),
        median(ratios.clone()),
        ratios.iter().copied().fold(f64::INFINITY, f64::min),
        ratios.iter().copied().fold(0.0, f64::max),
    );
}
