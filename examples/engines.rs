//! One engine, one lexicon, one file: the in-process side of
//! `scripts/compare.py` (BENCHMARKS.md, "Engines side by side").
//!
//! Reads FILE into memory, builds ENGINE from the phrases of LEXICON (one a
//! line), counts leftmost-longest matches over the whole text, and prints
//! `engine<TAB>matches<TAB>build seconds<TAB>match seconds<TAB>MB/s`. The
//! file is read before the clock starts, so only matching is timed.
//!
//! Engines: `ac-dfa` (aho-corasick 1.1, DFA forced), `ac-auto` (its own
//! choice), `daachorse` (5.1 charwise, prefilter on, the default),
//! `daachorse-nopf` (prefilter off), `tifa` (tifa-core `Matcher::count`,
//! strategy chosen per lexicon, no expansions), `tifa-ac` / `tifa-da` (the
//! same with the aho-corasick DFA, the double-array or the prefiltered
//! strategy forced; `tifa-pf` is the last; `tifa-so` the shift-or sieve,
//! `tifa-an` the anchored finder; `tifa-so-strict` and `tifa-an-strict` the
//! same in strict mode),
//! `tifa-strict` (strict mode: no normalization).
//!
//! cargo run --release --example engines -- ENGINE LEXICON FILE

use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use daachorse::{CharwiseDoubleArrayAhoCorasickBuilder, MatchKind as DaacKind};
use tifa::{Lexicon, LexiconFormat, MatcherBuilder, Strategy};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, engine, lexicon, file] = args.as_slice() else {
        eprintln!("usage: engines ENGINE LEXICON FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(file).expect("FILE must be readable UTF-8");
    let lexicon_text = std::fs::read_to_string(lexicon).expect("LEXICON must be readable");
    let phrases: Vec<&str> = lexicon_text.lines().filter(|l| !l.is_empty()).collect();

    let t0 = Instant::now();
    let count: Box<dyn Fn(&str) -> usize> = match engine.as_str() {
        "ac-dfa" | "ac-auto" => {
            let kind = (engine == "ac-dfa").then_some(AhoCorasickKind::DFA);
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(kind)
                .build(&phrases)
                .expect("automaton");
            Box::new(move |t| ac.find_iter(t).count())
        }
        "daachorse" | "daachorse-nopf" => {
            let pma = CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(DaacKind::LeftmostLongest)
                .use_prefilter(engine == "daachorse")
                .build::<_, _, u32>(&phrases)
                .expect("automaton");
            Box::new(move |t| pma.leftmost_find_iter(t).count())
        }
        "tifa" | "tifa-strict" | "tifa-ac" | "tifa-da" | "tifa-pf" | "tifa-so" | "tifa-an"
        | "tifa-so-strict" | "tifa-an-strict" => {
            let lex =
                Lexicon::parse(&lexicon_text, LexiconFormat::Lines, lexicon).expect("lexicon");
            let m = MatcherBuilder::new()
                .expansions(false)
                .strict(engine.ends_with("-strict"))
                .strategy(match engine.as_str() {
                    "tifa-ac" => Strategy::Dfa,
                    "tifa-da" => Strategy::DoubleArray,
                    "tifa-pf" => Strategy::Prefiltered,
                    "tifa-so" | "tifa-so-strict" => Strategy::ShiftOr,
                    "tifa-an" | "tifa-an-strict" => Strategy::Anchored,
                    _ => Strategy::Auto,
                })
                .build(&lex)
                .expect("matcher");
            Box::new(move |t| m.count(t).total_literal() as usize)
        }
        other => {
            eprintln!("unknown engine {other}");
            std::process::exit(2);
        }
    };
    let built = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let n = count(&text);
    let secs = t1.elapsed().as_secs_f64();
    println!(
        "{engine}\t{n}\t{built:.4}\t{secs:.4}\t{:.1}",
        text.len() as f64 / 1e6 / secs
    );
}
