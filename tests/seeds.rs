//! The matcher against the hand-checked counts of the seed reports
//! (fixtures/expected/seed_counts.tsv; fixtures/README.md says how they were
//! made).

use std::collections::HashMap;
use std::path::Path;

use tifa::{Lexicon, Matcher, MatcherBuilder, Strategy};

fn expected() -> HashMap<(String, String), (u64, u64)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("fixtures/expected/seed_counts.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            (
                (f[0].to_string(), f[1].to_string()),
                (f[2].parse().unwrap(), f[3].parse().unwrap()),
            )
        })
        .collect()
}

fn seeds() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn check(matcher: &Matcher) {
    let expected = expected();
    let seeds = seeds();
    assert_eq!(seeds.len(), 5);
    let mut cells = 0;
    for (name, text) in &seeds {
        let counts = matcher.count(text);
        for (id, entry) in matcher.lexicon().iter() {
            let want = expected
                .get(&(name.clone(), entry.phrase.clone()))
                .copied()
                .unwrap_or((0, 0));
            let got = (counts.literal(id), counts.expanded(id));
            assert_eq!(got, want, "{name}: {} (count, expanded)", entry.phrase);
            cells += (want != (0, 0)) as usize;
        }
    }
    assert_eq!(
        cells,
        expected.len(),
        "every expected cell names a built-in phrase"
    );
}

#[test]
fn seed_counts_match_the_hand_checked_table() {
    for strategy in Strategy::ALL {
        check(
            &MatcherBuilder::new()
                .strategy(strategy)
                .build(&Lexicon::builtin())
                .unwrap(),
        );
    }
}

#[test]
fn find_iter_agrees_with_count_on_the_seeds() {
    let matcher = Matcher::new(&Lexicon::builtin()).unwrap();
    for (name, text) in seeds() {
        let counts = matcher.count(&text);
        let n = matcher.find_iter(&text).count() as u64;
        assert_eq!(
            n,
            counts.total_literal() + counts.total_expanded(),
            "{name}"
        );
    }
}
