//! Numeric extraction against the hand-written gold standard
//! (fixtures/gold/numbers.tsv): precision and recall of (span, kind, value,
//! unit), overall and by kind; fails below 0.95 and prints every miss so
//! that a failure says what to fix. Subject agreement is printed too.

use std::collections::BTreeMap;
use std::path::Path;

use tifa::{Lexicon, NumberExtractor};

/// (start, end, kind, value, value_high, unit)
type Key = (usize, usize, String, String, String, String);

struct Sentence {
    source: String,
    text: String,
    gold: Vec<(Key, String)>,
}

fn gold() -> Vec<Sentence> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/gold/numbers.tsv");
    let text = std::fs::read_to_string(path).expect("gold file");
    let mut out: Vec<Sentence> = Vec::new();
    let mut pos = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "S" => {
                out.push(Sentence {
                    source: f[1].into(),
                    text: f[2].into(),
                    gold: Vec::new(),
                });
                pos = 0;
            }
            "M" => {
                let s = out.last_mut().expect("M after S");
                let start = pos
                    + s.text[pos..]
                        .find(f[1])
                        .unwrap_or_else(|| panic!("{}: {} not found", s.source, f[1]));
                let end = start + f[1].len();
                pos = end;
                let key = (
                    start,
                    end,
                    f[2].into(),
                    f[3].into(),
                    f[4].into(),
                    f[5].into(),
                );
                s.gold.push((key, f.get(6).copied().unwrap_or("").into()));
            }
            other => panic!("bad gold line kind {other}"),
        }
    }
    out
}

#[test]
fn precision_and_recall_against_the_gold_standard() {
    let ex = NumberExtractor::new(&Lexicon::builtin()).unwrap();
    let sentences = gold();
    // kind → (true positives, extracted, gold)
    let mut by_kind: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let (mut subject_ok, mut subject_n) = (0, 0);
    let mut misses = Vec::new();
    for s in &sentences {
        let found: Vec<(Key, String)> = ex
            .extract(&s.text)
            .into_iter()
            .map(|m| {
                let key = (
                    m.start,
                    m.end,
                    m.kind.as_str().to_string(),
                    m.value.map(|v| v.to_string()).unwrap_or_default(),
                    m.value_high.map(|v| v.to_string()).unwrap_or_default(),
                    m.unit.unwrap_or_default(),
                );
                (key, m.subject.unwrap_or_default())
            })
            .collect();
        for (k, subj) in &found {
            let e = by_kind.entry(k.2.clone()).or_default();
            e.1 += 1;
            match s.gold.iter().find(|(g, _)| g == k) {
                Some((_, gsubj)) => {
                    e.0 += 1;
                    if !gsubj.is_empty() {
                        subject_n += 1;
                        subject_ok += (gsubj == subj) as usize;
                    }
                }
                None => misses.push(format!(
                    "{}: extra   {:?} in {}",
                    s.source,
                    (&s.text[k.0..k.1], &k.2, &k.3, &k.4, &k.5),
                    s.text
                )),
            }
        }
        for (g, _) in &s.gold {
            by_kind.entry(g.2.clone()).or_default().2 += 1;
            if !found.iter().any(|(k, _)| k == g) {
                misses.push(format!(
                    "{}: missed  {:?} in {}",
                    s.source,
                    (&s.text[g.0..g.1], &g.2, &g.3, &g.4, &g.5),
                    s.text
                ));
            }
        }
    }
    let (tp, ex_n, gold_n) = by_kind
        .values()
        .fold((0, 0, 0), |a, v| (a.0 + v.0, a.1 + v.1, a.2 + v.2));
    let precision = tp as f64 / ex_n.max(1) as f64;
    let recall = tp as f64 / gold_n.max(1) as f64;
    println!(
        "{} sentences, {gold_n} gold mentions, {ex_n} extracted",
        sentences.len()
    );
    println!("overall: precision {precision:.3}, recall {recall:.3}");
    for (kind, (tp, e, g)) in &by_kind {
        println!(
            "  {kind:9} precision {:.3} ({tp}/{e}), recall {:.3} ({tp}/{g})",
            *tp as f64 / (*e).max(1) as f64,
            *tp as f64 / (*g).max(1) as f64
        );
    }
    println!("subjects: {subject_ok}/{subject_n} as in the gold");
    for m in &misses {
        println!("{m}");
    }
    assert!(
        precision >= 0.95 && recall >= 0.95,
        "precision {precision:.3}, recall {recall:.3}: see the misses above"
    );
}
