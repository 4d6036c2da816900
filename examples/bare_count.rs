//! The baseline for whole-process comparisons (scripts/corpus-bench.sh):
//! reads every file under a directory, one thread, and counts matches of
//! the built-in lexicon with
//!   `ac`      — the bare aho-corasick DFA (leftmost-longest, folded patterns), or
//!   `matcher` — tifa-core's `Matcher::count` (normalizing, expansions),
//!   `literal` — tifa-core's `Matcher::count` without expansions.
//! Prints matches, bytes, and MB/s for matching alone and for the whole run.
//!
//! cargo run --release --example bare_count -- ac DIR

use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use tifa::fold::fold_str;
use tifa::{Lexicon, MatcherBuilder};

fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (mode, dir) = match args.as_slice() {
        [_, mode, dir] => (mode.as_str(), std::path::PathBuf::from(dir)),
        _ => {
            eprintln!("usage: bare_count ac|matcher|literal DIR");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let lexicon = Lexicon::builtin();
    let patterns: Vec<String> = lexicon
        .entries()
        .iter()
        .flat_map(|e| e.forms().map(fold_str))
        .collect();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
        .expect("automaton");
    let matcher = MatcherBuilder::new()
        .expansions(mode == "matcher")
        .build(&lexicon)
        .expect("matcher");
    let mut paths = Vec::new();
    files(&dir, &mut paths);
    let (mut bytes, mut matches, mut matching) = (0u64, 0u64, Duration::ZERO);
    for p in paths {
        let text = std::fs::read_to_string(&p).expect("utf-8 file");
        bytes += text.len() as u64;
        let t = Instant::now();
        matches += match mode {
            "ac" => ac.find_iter(&text).count() as u64,
            _ => {
                let c = matcher.count(&text);
                c.total_literal() + c.total_expanded()
            }
        };
        matching += t.elapsed();
    }
    let total = started.elapsed();
    println!(
        "{mode}: {matches} matches, {bytes} bytes, matching {:.1} MB/s, whole run {:.1} MB/s",
        bytes as f64 / 1e6 / matching.as_secs_f64(),
        bytes as f64 / 1e6 / total.as_secs_f64()
    );
}
