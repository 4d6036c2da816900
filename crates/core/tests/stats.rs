//! The statistics of `tifa_core::stats`: a worked example per statistic,
//! with the arithmetic written out (checked by hand and with Python's
//! `math`), and a second implementation written plainly here — straight
//! formulas over all the cells or all the parts — compared on a table of
//! cases with zero counts, equal rates, tiny and huge sizes.

use std::collections::HashSet;

use tifa_core::stats::collocation::{self, Cooccurrence};
use tifa_core::stats::compare::{keyness_rows, Comparison, KeynessRow};
use tifa_core::stats::dispersion::{dispersion, PartSizes};
use tifa_core::stats::keyness::{self, keyness};
use tifa_core::stats::Use;
use tifa_core::{CountTable, Lexicon, Matcher};

/// |x − y| within `rel` of the larger (or of 1 near zero).
fn close(x: f64, y: f64, rel: f64) -> bool {
    (x - y).abs() <= rel * x.abs().max(y.abs()).max(1.0)
}

macro_rules! assert_close {
    ($x:expr, $y:expr) => {
        assert_close!($x, $y, 1e-12)
    };
    ($x:expr, $y:expr, $rel:expr) => {{
        let (x, y) = ($x, $y);
        assert!(close(x, y, $rel), "{} = {x}, expected {y}", stringify!($x));
    }};
}

// ---- keyness: worked examples ----

#[test]
fn keyness_worked_example_over_use() {
    // a = 50 in c = 100,000 chars; b = 30 in d = 200,000 chars; N = 300,000.
    // E1 = 100,000·80/300,000 = 26.6667, E2 = 200,000·80/300,000 = 53.3333.
    // G² = 2·(50·ln(50/26.6667) + 30·ln(30/53.3333))
    //    = 2·(50·0.628609 + 30·(−0.575364)) = 2·(31.43044 − 17.26092) = 28.33902
    // p = erfc(√(28.33902/2)) = 1.0182e-07
    // Yates: |a(d−b) − b(c−a)| = |50·199,970 − 30·99,950| = 6,998,000;
    //   χ² = 300,000·(6,998,000 − 150,000)² / (100,000·200,000·80·299,920) = 29.33439
    // log ratio = log2((50/100,000)/(30/200,000)) = log2(3.3333) = 1.736966
    let k = keyness(50, 100_000, 30, 200_000);
    assert_close!(k.expected_target, 26.666666666666668);
    assert_close!(k.expected_reference, 53.333333333333336);
    assert_close!(k.g2, 28.3390172480237);
    assert_close!(k.p / 1.0182284812158136e-07, 1.0, 1e-9); // relative: p is small
    assert_close!(k.chi2_yates, 29.33438500266738);
    assert_close!(k.p_chi2 / 6.090531617836331e-08, 1.0, 1e-9); // relative: p is small
    assert_close!(k.log_ratio.unwrap(), 1.7369655941662063);
    assert_eq!(k.direction, Use::Over);
}

#[test]
fn keyness_worked_example_zero_in_target() {
    // a = 0 in 50,000; b = 12 in 150,000. E1 = 50,000·12/200,000 = 3, E2 = 9.
    // G² = 2·(0 + 12·ln(12/9)) = 24·0.2876821 = 6.904370 (0·ln 0 = 0).
    // Yates: |0·149,988 − 12·50,000| = 600,000;
    //   χ² = 200,000·(600,000 − 100,000)² / (50,000·150,000·12·199,988) = 2.777944
    // log ratio with 0 → 0.5: log2((0.5/50,000)/(12/150,000)) = log2(1e-5/8e-5) = −3
    let k = keyness(0, 50_000, 12, 150_000);
    assert_close!(k.expected_target, 3.0);
    assert_close!(k.expected_reference, 9.0);
    assert_close!(k.g2, 6.904369738842741);
    assert_close!(k.p / 0.008598533205085907, 1.0, 1e-9); // relative: p is small
    assert_close!(k.chi2_yates, 2.7779444544450445);
    assert_close!(k.p_chi2 / 0.09557075679859867, 1.0, 1e-9); // relative: p is small
    assert_eq!(k.log_ratio, Some(-3.0));
    assert_eq!(k.direction, Use::Under);
}

#[test]
fn keyness_worked_example_equal_rates() {
    // 7 in 1,000 both sides: E1 = E2 = 7, G² = 2·(7·ln 1 + 7·ln 1) = 0, p = 1;
    // Yates: |7·993 − 7·993| = 0, below N/2, so χ² = 0; log ratio log2(1) = 0.
    let k = keyness(7, 1000, 7, 1000);
    assert_eq!((k.g2, k.p, k.chi2_yates, k.p_chi2), (0.0, 1.0, 0.0, 1.0));
    assert_eq!(k.log_ratio, Some(0.0));
    assert_eq!(k.direction, Use::Equal);
}

#[test]
fn p_values_match_the_chi_squared_table() {
    // Critical values of chi-squared with 1 df (any table; these digits are
    // scipy.stats.chi2.ppf(1 − α, 1)).
    for (x, alpha) in [
        (3.841458820694124, 0.05),
        (6.634896601021214, 0.01),
        (10.827566170662733, 0.001),
    ] {
        assert_close!(keyness::p_value_1df(x), alpha, 1e-12);
    }
    assert_eq!(keyness::p_value_1df(0.0), 1.0);
    assert_eq!(keyness::p_value_1df(f64::NAN), 1.0);
}

#[test]
fn undefined_keyness_is_none_or_zero_never_nan() {
    // Occurs nowhere: no evidence either way.
    let k = keyness(0, 1000, 0, 1000);
    assert_eq!((k.g2, k.p, k.chi2_yates), (0.0, 1.0, 0.0));
    assert_eq!(k.log_ratio, None);
    // No reference text at all.
    let k = keyness(5, 1000, 0, 0);
    assert_eq!((k.g2, k.chi2_yates, k.log_ratio), (0.0, 0.0, None));
    assert_eq!(k.direction, Use::Equal);
    // Nothing at all, and the largest counts.
    for (a, c, b, d) in [(0, 0, 0, 0), (u64::MAX, u64::MAX, u64::MAX, u64::MAX)] {
        let k = keyness(a, c, b, d);
        assert!(k.g2.is_finite() && k.p.is_finite() && k.chi2_yates.is_finite());
    }
}

// ---- keyness: a second implementation, over all four cells ----

/// The 2×2 table with cells [target, reference] × [phrase, rest] and each
/// expected count from its margins, E_ij = R_i·C_j/N.
fn cells(a: u64, c: u64, b: u64, d: u64) -> [[(f64, f64); 2]; 2] {
    let o = [[a as f64, (c - a) as f64], [b as f64, (d - b) as f64]];
    let n = (c + d) as f64;
    let rows = [o[0][0] + o[0][1], o[1][0] + o[1][1]];
    let cols = [o[0][0] + o[1][0], o[0][1] + o[1][1]];
    let mut t = [[(0.0, 0.0); 2]; 2];
    for i in 0..2 {
        for j in 0..2 {
            t[i][j] = (o[i][j], rows[i] * cols[j] / n);
        }
    }
    t
}

fn plain_g2(a: u64, c: u64, b: u64, d: u64) -> f64 {
    let t = cells(a, c, b, d);
    // Rayson & Garside: the phrase column only.
    2.0 * (0..2)
        .map(|i| {
            let (o, e) = t[i][0];
            if o == 0.0 {
                0.0
            } else {
                o * (o / e).ln()
            }
        })
        .sum::<f64>()
}

fn plain_chi2_yates(a: u64, c: u64, b: u64, d: u64) -> f64 {
    let t = cells(a, c, b, d);
    let mut sum = 0.0;
    for row in t {
        for (o, e) in row {
            // R's chisq.test: subtract min(0.5, |O − E|).
            let diff = (o - e).abs();
            let corrected = diff - diff.min(0.5);
            sum += corrected * corrected / e;
        }
    }
    sum
}

fn plain_log_ratio(a: u64, c: u64, b: u64, d: u64) -> f64 {
    let a = if a == 0 { 0.5 } else { a as f64 };
    let b = if b == 0 { 0.5 } else { b as f64 };
    (a / c as f64).log2() - (b / d as f64).log2()
}

/// (a, c, b, d), every margin positive.
const CASES: &[(u64, u64, u64, u64)] = &[
    (50, 100_000, 30, 200_000),
    (0, 50_000, 12, 150_000),
    (12, 150_000, 0, 50_000),
    (7, 1000, 7, 1000),
    (14, 2000, 7, 1000), // equal rates, unequal sizes
    (1, 1, 0, 1),        // tiny
    (1, 2, 1, 3),
    (3, 10, 0, 7),
    (1, 1_000_000_000_000, 1, 1_000_000_000_000), // huge, equal
    (1_000_000, 1_000_000_000_000, 10, 3_000_000_000_000), // huge, uneven
    (123_456, 9_876_543_210, 654_321, 12_345_678_901),
    (9, 37224, 0, 30020),
];

#[test]
fn keyness_equals_the_four_cell_implementation() {
    for &(a, c, b, d) in CASES {
        let k = keyness(a, c, b, d);
        let case = format!("{a}/{c} vs {b}/{d}");
        assert!(
            close(k.g2, plain_g2(a, c, b, d), 1e-9),
            "{case}: g2 {}",
            k.g2
        );
        assert!(
            close(k.chi2_yates, plain_chi2_yates(a, c, b, d), 1e-9),
            "{case}: chi2 {} vs {}",
            k.chi2_yates,
            plain_chi2_yates(a, c, b, d)
        );
        assert!(
            close(k.log_ratio.unwrap(), plain_log_ratio(a, c, b, d), 1e-12),
            "{case}: log ratio"
        );
        let (ra, rb) = (a as f64 / c as f64, b as f64 / d as f64);
        let expected_use = if a * d == b * c {
            Use::Equal
        } else if ra > rb {
            Use::Over
        } else {
            Use::Under
        };
        assert_eq!(k.direction, expected_use, "{case}");
        // Swapping target and reference: same G² and χ², opposite ratio.
        let s = keyness(b, d, a, c);
        assert!(close(s.g2, k.g2, 1e-9), "{case}: g2 symmetric");
        assert!(close(s.chi2_yates, k.chi2_yates, 1e-9), "{case}");
        assert!(close(s.log_ratio.unwrap(), -k.log_ratio.unwrap(), 1e-12));
    }
}

// ---- dispersion ----

#[test]
fn dispersion_worked_example() {
    // Five documents of 100, 200, 300, 200, 200 chars (S = 1000, shares
    // .1 .2 .3 .2 .2); the phrase 2, 0, 6, 0, 2 times (f = 10, shares
    // .2 0 .6 0 .2).
    // DP = ½·(|.2−.1| + |0−.2| + |.6−.3| + |0−.2| + |.2−.2|) = ½·0.8 = 0.4
    // DPnorm = 0.4 / (1 − .1) = 0.4444
    // rates .02 0 .02 0 .01, mean .01; squared deviations 1e-4 ×4 + 0,
    //   σ = √(4e-4/5) = 0.0089443, CV = 0.89443,
    //   D = 1 − 0.89443/√4 = 0.5527864
    let mut sizes = PartSizes::default();
    for s in [100, 200, 300, 200, 200] {
        sizes.add(s);
    }
    let d = dispersion(&sizes, &[(2, 100), (6, 300), (2, 200)]);
    assert_close!(d.dp.unwrap(), 0.4);
    assert_close!(d.dp_norm.unwrap(), 0.4444444444444445);
    assert_close!(d.juilland_d.unwrap(), 0.552786404500042);
}

#[test]
fn dispersion_extremes() {
    let mut sizes = PartSizes::default();
    for s in [500, 500, 0] {
        sizes.add(s); // the empty document is no part
    }
    assert_eq!((sizes.parts, sizes.total, sizes.smallest), (2, 1000, 500));
    // The same rate in both halves: DP 0, D 1.
    let even = dispersion(&sizes, &[(3, 500), (3, 500)]);
    assert_eq!((even.dp, even.juilland_d), (Some(0.0), Some(1.0)));
    // All in one half: DP = ½·(|1 − .5| + .5) = .5, DPnorm 1, D 0.
    let one = dispersion(&sizes, &[(6, 500)]);
    assert_eq!(one.dp, Some(0.5));
    assert_eq!(one.dp_norm, Some(1.0));
    assert_eq!(one.juilland_d, Some(0.0));
    // Nowhere: undefined. One part: DP 0, the others undefined.
    assert_eq!(dispersion(&sizes, &[]).dp, None);
    let mut single = PartSizes::default();
    single.add(10);
    let d = dispersion(&single, &[(2, 10)]);
    assert_eq!((d.dp, d.dp_norm, d.juilland_d), (Some(0.0), None, None));
    // Occupied parts that are not among the group's: no answer.
    assert_eq!(dispersion(&single, &[(1, 10), (1, 10)]).dp, None);
}

/// DP, DPnorm and D over every part, zeros included, straight from the
/// definitions.
fn plain_dispersion(parts: &[(u64, u64)]) -> (f64, f64, f64) {
    let parts: Vec<(f64, f64)> = parts
        .iter()
        .filter(|p| p.1 > 0)
        .map(|&(v, s)| (v as f64, s as f64))
        .collect();
    let f: f64 = parts.iter().map(|p| p.0).sum();
    let total: f64 = parts.iter().map(|p| p.1).sum();
    let dp = 0.5
        * parts
            .iter()
            .map(|(v, s)| (v / f - s / total).abs())
            .sum::<f64>();
    let smallest = parts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let n = parts.len() as f64;
    let rates: Vec<f64> = parts.iter().map(|(v, s)| v / s).collect();
    let mean = rates.iter().sum::<f64>() / n;
    let sd = (rates.iter().map(|p| (p - mean).powi(2)).sum::<f64>() / n).sqrt();
    (
        dp,
        dp / (1.0 - smallest / total),
        1.0 - sd / mean / (n - 1.0).sqrt(),
    )
}

#[test]
fn dispersion_equals_the_sum_over_all_parts() {
    let cases: &[&[(u64, u64)]] = &[
        &[(2, 100), (0, 200), (6, 300), (0, 200), (2, 200)],
        &[(1, 1), (0, 1), (0, 1)],
        &[(5, 37224), (0, 30020), (1, 33456), (0, 2), (0, 0)],
        &[(1, 1_000_000_000_000), (0, 1), (3, 5_000_000_000_000)],
        &[(4, 10), (8, 20), (12, 30)], // the same rate everywhere
        &[(7, 9), (1, 9), (0, 9), (0, 9), (2, 9), (0, 9), (1, 9)],
    ];
    for parts in cases {
        let mut sizes = PartSizes::default();
        let mut occupied = Vec::new();
        for &(v, s) in parts.iter() {
            sizes.add(s);
            if v > 0 {
                occupied.push((v, s));
            }
        }
        // Also in another order: the result does not depend on it.
        occupied.reverse();
        let d = dispersion(&sizes, &occupied);
        let (dp, dp_norm, jd) = plain_dispersion(parts);
        assert!(close(d.dp.unwrap(), dp, 1e-12), "{parts:?}: DP");
        assert!(
            close(d.dp_norm.unwrap(), dp_norm, 1e-12),
            "{parts:?}: DPnorm"
        );
        assert!(
            close(d.juilland_d.unwrap(), jd, 1e-12),
            "{parts:?}: D {:?} vs {jd}",
            d.juilland_d
        );
    }
}

// ---- collocation ----

#[test]
fn collocation_worked_example() {
    // O = 8, f_n = 20, f_c = 50, span k = 10 (W = k·f_n = 200), N = 10,000:
    // E = 200·50/10,000 = 1.
    // MI = log2(8/1) = 3; t = (8 − 1)/√8 = 2.474874.
    // Cells: O11 = 8, O12 = 200 − 8 = 192, O21 = 50 − 8 = 42,
    //   O22 = 10,000 − 200 − 50 + 8 = 9758; E = 1, 199, 49, 9751.
    // G² = 2·(8·ln 8 + 192·ln(192/199) + 42·ln(42/49) + 9758·ln(9758/9751))
    //    = 2·(16.63553 − 6.87537 − 6.47424 + 7.00251) = 20.57660
    let c = Cooccurrence {
        observed: 8,
        node: 20,
        collocate: 50,
        window: 200,
        corpus: 10_000,
    };
    assert_eq!(c.expected(), Some(1.0));
    assert_close!(collocation::mutual_information(&c).unwrap(), 3.0);
    assert_close!(collocation::t_score(&c).unwrap(), 2.4748737341529163);
    assert_close!(
        collocation::log_likelihood(&c).unwrap(),
        20.576601649437933,
        1e-10
    );
}

#[test]
fn collocation_undefined_cases() {
    let c = |observed, node, collocate, corpus| Cooccurrence {
        observed,
        node,
        collocate,
        window: 4 * node,
        corpus,
    };
    // Never together: MI and t undefined, G² defined.
    assert_eq!(collocation::mutual_information(&c(0, 5, 5, 100)), None);
    assert_eq!(collocation::t_score(&c(0, 5, 5, 100)), None);
    assert!(collocation::log_likelihood(&c(0, 5, 5, 100)).unwrap() > 0.0);
    // An empty corpus, a collocate that never occurs, counts that do not fit.
    assert_eq!(collocation::log_likelihood(&c(1, 5, 5, 0)), None);
    assert_eq!(collocation::mutual_information(&c(0, 5, 0, 100)), None);
    assert_eq!(collocation::log_likelihood(&c(9, 1, 5, 100)), None);
}

#[test]
fn collocation_log_likelihood_equals_the_keyness_table() {
    // The window tokens against the rest of the corpus are a 2×2 table like
    // keyness's, with window = target: the four-cell G² written plainly.
    for (o, fnode, fc, span, n) in [
        (8, 20, 50, 10, 10_000),
        (3, 7, 40, 6, 5000),
        (1, 1, 1, 2, 2),
    ] {
        let c = Cooccurrence {
            observed: o,
            node: fnode,
            collocate: fc,
            window: span * fnode,
            corpus: n,
        };
        let window = span * fnode;
        let t = cells(o, window, fc - o, n - window);
        let plain = 2.0
            * t.iter()
                .flatten()
                .map(|&(o, e)| if o == 0.0 { 0.0 } else { o * (o / e).ln() })
                .sum::<f64>();
        assert_close!(collocation::log_likelihood(&c).unwrap(), plain, 1e-10);
    }
}

// ---- over a count table ----

fn table(docs: &[(&str, &str)], dispersion: bool) -> (CountTable, Matcher) {
    let matcher = Matcher::new(&Lexicon::builtin()).unwrap();
    let mut t = CountTable::new(vec!["year".into()]);
    if dispersion {
        t = t.with_dispersion();
    }
    for (year, text) in docs {
        t.add(
            vec![year.to_string()],
            &matcher.count(text),
            text.chars().count() as u64,
        );
    }
    (t, matcher)
}

const DOCS: &[(&str, &str)] = &[
    (
        "2018",
        "坚持一府两院，加强人大常委会建设。人大常委会依法履职。",
    ),
    ("2018", "支持一府两院。"),
    (
        "2023",
        "发展全过程人民民主，坚持一府一委两院，全过程人民民主是。人大常委会。",
    ),
    ("2023", "全过程人民民主。"),
    ("2024", "全过程人民民主，一府一委两院。"),
    ("", "人大常委会"),
];

#[test]
fn keyness_rows_sum_the_groups_and_sort_by_g2() {
    let (t, m) = table(DOCS, false);
    let cmp = Comparison {
        field: "year".into(),
        target: vec!["2023".into()],
        ..Comparison::default()
    };
    let rows = keyness_rows(&t, m.lexicon(), &cmp).unwrap();
    let chars = |years: &[&str]| -> u64 {
        DOCS.iter()
            .filter(|d| years.contains(&d.0))
            .map(|d| d.1.chars().count() as u64)
            .sum()
    };
    // The reference is 2018 and 2024, not the document without a year.
    let (c, d) = (chars(&["2023"]), chars(&["2018", "2024"]));
    let row = |p: &str| rows.iter().find(|r| r.phrase == p).unwrap();
    let q = row("全过程人民民主");
    assert_eq!((q.target_count, q.target_chars), (3, c));
    assert_eq!((q.reference_count, q.reference_chars), (1, d));
    assert_eq!(q.keyness, keyness(3, c, 1, d));
    assert_eq!(q.keyness.direction, Use::Over);
    let two = row("一府两院");
    assert_eq!((two.target_count, two.reference_count), (0, 2));
    assert_eq!(two.keyness.direction, Use::Under);
    assert_eq!(row("人大常委会").reference_count, 2);
    for w in rows.windows(2) {
        assert!(
            w[0].keyness.g2 > w[1].keyness.g2
                || (w[0].keyness.g2 == w[1].keyness.g2 && w[0].phrase < w[1].phrase)
        );
    }
    // Phrases occurring nowhere are left out unless asked for.
    assert!(rows.iter().all(|r| r.target_count + r.reference_count > 0));
    let id = m.lexicon().find("四个机关").unwrap();
    let asked = Comparison {
        entries: Some(HashSet::from([id])),
        reference: vec!["2018".into()],
        yates: true,
        ..cmp.clone()
    };
    let rows = keyness_rows(&t, m.lexicon(), &asked).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].reference_chars, chars(&["2018"]));
    // The serialized fields are the columns the front ends print, in order.
    for (row, yates) in [
        (&rows[0], true),
        (
            &KeynessRow {
                yates: false,
                ..rows[0].clone()
            },
            false,
        ),
    ] {
        let text = serde_json::to_string(row).unwrap();
        let mut keys: Vec<(usize, &str)> = KeynessRow::columns(yates)
            .into_iter()
            .map(|k| (text.find(&format!("\"{k}\":")).unwrap_or(usize::MAX), k))
            .collect();
        assert!(keys.iter().all(|(at, _)| *at != usize::MAX), "{text}");
        let columns: Vec<&str> = keys.iter().map(|(_, k)| *k).collect();
        keys.sort();
        let order: Vec<&str> = keys.iter().map(|(_, k)| *k).collect();
        assert_eq!(order, columns, "{text}");
        let fields =
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text).unwrap();
        assert_eq!(fields.len(), columns.len());
    }
    let json = serde_json::to_value(&rows[0]).unwrap();
    assert_eq!(json["g2"], 0.0);
    assert_eq!(json["chi2"], 0.0);
    assert!(json["log_ratio"].is_null());
}

#[test]
fn keyness_rows_bad_input_names_the_value() {
    let (t, m) = table(DOCS, false);
    let cmp = |target: &[&str], reference: &[&str], field: &str| Comparison {
        field: field.into(),
        target: target.iter().map(|s| s.to_string()).collect(),
        reference: reference.iter().map(|s| s.to_string()).collect(),
        ..Comparison::default()
    };
    let err = |c: Comparison| keyness_rows(&t, m.lexicon(), &c).unwrap_err().to_string();
    assert_eq!(
        err(cmp(&["2031"], &[], "year")),
        "--target: no document has year = 2031; the values are 2018, 2023, 2024"
    );
    assert!(err(cmp(&["2023"], &["1999"], "year"))
        .starts_with("--reference: no document has year = 1999"));
    assert!(err(cmp(&["2023"], &["2023"], "year")).contains("in both --target and --reference"));
    assert!(err(cmp(&["2023"], &[], "region")).contains("not grouped by `region`"));
    assert!(err(cmp(&[], &[], "year")).starts_with("--target"));
    assert!(err(cmp(&["2018", "2023", "2024"], &[], "year")).starts_with("no reference text"));
    // Many values: the list is bounded.
    let many: Vec<(String, &str)> = (1900..2000).map(|y| (y.to_string(), "一府两院")).collect();
    let docs: Vec<(&str, &str)> = many.iter().map(|(y, t)| (y.as_str(), *t)).collect();
    let (t, m) = table(&docs, false);
    let e = keyness_rows(&t, m.lexicon(), &cmp(&["1"], &[], "year"))
        .unwrap_err()
        .to_string();
    assert!(e.ends_with("1910, 1911 (and 88 more)"), "{e}");
}

#[test]
fn count_table_dispersion_over_documents() {
    let (t, m) = table(DOCS, true);
    let rows = t.rows(m.lexicon(), false);
    let row = |year: &str, p: &str| {
        rows.iter()
            .find(|r| r.group[0] == year && r.phrase == p)
            .unwrap()
            .dispersion
            .unwrap()
    };
    // 2023: 全过程人民民主 2 and 1 times in its two documents.
    let parts: Vec<(u64, u64)> = DOCS
        .iter()
        .filter(|d| d.0 == "2023")
        .map(|d| {
            let n = d.1.matches("全过程人民民主").count() as u64;
            (n, d.1.chars().count() as u64)
        })
        .collect();
    assert_eq!(parts.iter().map(|p| p.0).collect::<Vec<_>>(), [2, 1]);
    let (dp, _, jd) = plain_dispersion(&parts);
    let d = row("2023", "全过程人民民主");
    assert!(close(d.dp.unwrap(), dp, 1e-12) && close(d.juilland_d.unwrap(), jd, 1e-12));
    // 2018: 一府两院 once in each document; 2024: one document, no D.
    let d = row("2024", "一府一委两院");
    assert_eq!((d.dp, d.juilland_d), (Some(0.0), None));
    let json = serde_json::to_value(&rows[0]).unwrap();
    assert!(json.get("dp").is_some() && json.get("juilland_d").is_some());
    // Without dispersion the rows are as before.
    let (plain, _) = table(DOCS, false);
    let json = serde_json::to_value(&plain.rows(m.lexicon(), false)[0]).unwrap();
    assert!(json.get("dp").is_none());
    // Merging two halves gives the same dispersion as one table.
    let (mut a, _) = table(&DOCS[..3], true);
    let (b, _) = table(&DOCS[3..], true);
    a.merge(b);
    assert_eq!(a.rows(m.lexicon(), false), rows);
}
