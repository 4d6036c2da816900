//! Numeric extraction against the hand-written gold standard: the first
//! gold (fixtures/gold/numbers.tsv) and the blind batches
//! (fixtures/gold/batches/*.tsv). For each file: precision and recall of
//! (span, kind, value, value_high, unit), overall and by kind, agreement on
//! approx and subject where the gold gives them; every miss is printed so
//! that a failure says what to fix.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tifa::{Lexicon, NumberExtractor};

/// (start, end, kind, value, value_high, unit)
type Key = (usize, usize, String, String, String, String);

struct Gold {
    key: Key,
    subject: String,
    /// `None` in files without the approx column.
    approx: Option<String>,
}

struct Sentence {
    source: String,
    text: String,
    gold: Vec<Gold>,
}

fn read_gold(path: &Path) -> Vec<Sentence> {
    let text = std::fs::read_to_string(path).expect("gold file");
    let mut out: Vec<Sentence> = Vec::new();
    let mut pos = 0;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let field = |i: usize| f.get(i).copied().unwrap_or("").to_string();
        match f[0] {
            "S" => {
                out.push(Sentence {
                    source: field(1),
                    text: field(2),
                    gold: Vec::new(),
                });
                pos = 0;
            }
            "M" => {
                let s = out.last_mut().expect("M after S");
                let start = pos
                    + s.text[pos..].find(f[1]).unwrap_or_else(|| {
                        panic!(
                            "{}:{}: {} not found in {}",
                            path.display(),
                            n + 1,
                            f[1],
                            s.source
                        )
                    });
                let end = start + f[1].len();
                pos = end;
                s.gold.push(Gold {
                    key: (start, end, field(2), field(3), field(4), field(5)),
                    subject: field(6),
                    approx: (f.len() > 7).then(|| field(7)),
                });
            }
            other => panic!("{}:{}: bad line kind {other}", path.display(), n + 1),
        }
    }
    out
}

fn gold_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/gold");
    let mut files = vec![root.join("numbers.tsv")];
    let mut batches: Vec<PathBuf> = std::fs::read_dir(root.join("batches"))
        .expect("batches folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    batches.sort();
    files.extend(batches);
    files
}

/// Scores, as printed and asserted.
struct Score {
    precision: f64,
    recall: f64,
}

fn score(ex: &NumberExtractor, path: &Path) -> Score {
    let sentences = read_gold(path);
    // kind → (true positives, extracted, gold)
    let mut by_kind: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let (mut subject_ok, mut subject_n, mut approx_ok, mut approx_n) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    let mut subject_misses = Vec::new();
    for s in &sentences {
        let found: Vec<(Key, String, String)> = ex
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
                (
                    key,
                    m.subject.unwrap_or_default(),
                    m.approx.unwrap_or_default(),
                )
            })
            .collect();
        for (k, subject, approx) in &found {
            let e = by_kind.entry(k.2.clone()).or_default();
            e.1 += 1;
            match s.gold.iter().find(|g| &g.key == k) {
                Some(g) => {
                    e.0 += 1;
                    if !g.subject.is_empty() {
                        subject_n += 1;
                        subject_ok += (&g.subject == subject) as usize;
                        if &g.subject != subject {
                            subject_misses.push(format!(
                                "{}: subject {:?} vs {subject:?} for {}",
                                s.source,
                                g.subject,
                                &s.text[k.0..k.1]
                            ));
                        }
                    }
                    if let Some(a) = &g.approx {
                        approx_n += 1;
                        approx_ok += (a == approx) as usize;
                        if a != approx {
                            misses.push(format!(
                                "{}: approx  {a:?} vs {approx:?} in {}",
                                s.source, s.text
                            ));
                        }
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
        for g in &s.gold {
            let k = &g.key;
            by_kind.entry(k.2.clone()).or_default().2 += 1;
            if !found.iter().any(|(f, _, _)| f == k) {
                misses.push(format!(
                    "{}: missed  {:?} in {}",
                    s.source,
                    (&s.text[k.0..k.1], &k.2, &k.3, &k.4, &k.5),
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
        "== {}: {} sentences, {gold_n} gold mentions, {ex_n} extracted",
        path.file_name().unwrap_or_default().to_string_lossy(),
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
    if approx_n > 0 {
        println!("approx: {approx_ok}/{approx_n} as in the gold");
    }
    for m in misses.iter().chain(&subject_misses) {
        println!("{m}");
    }
    Score { precision, recall }
}

#[test]
fn precision_and_recall_against_the_gold_standard() {
    let ex = NumberExtractor::new(&Lexicon::builtin()).unwrap();
    let mut failed = Vec::new();
    for path in gold_files() {
        // A batch is drawn, committed, then annotated: one with no M line
        // yet is waiting for its annotator, and is not scored.
        let text = std::fs::read_to_string(&path).expect("gold file");
        if !text.lines().any(|l| l.starts_with("M\t")) {
            println!("== {}: drawn, not yet annotated: skipped", path.display());
            continue;
        }
        let s = score(&ex, &path);
        if s.precision < 0.95 || s.recall < 0.95 {
            failed.push(format!(
                "{}: precision {:.3}, recall {:.3}",
                path.display(),
                s.precision,
                s.recall
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "below 0.95 (see the misses above): {failed:?}"
    );
}
