//! `tifa keyness` and `tifa count --dispersion` end to end: the binary on
//! the CPC congress reports of `fixtures/`, its values equal to tifa-core's
//! statistics on the same documents (read here, apart from the CLI), and
//! its errors.

mod common;

use common::{fixtures, stdout_of, tifa};
use predicates::prelude::*;
use serde_json::Value;
use tifa_core::stats::compare::{keyness_rows, Comparison};
use tifa_core::{CountTable, Lexicon, Matcher};

fn cpc() -> std::path::PathBuf {
    fixtures().join("cpc/cpc-congress-reports.jsonl")
}

/// The CPC reports counted by tifa-core, grouped by congress: read with
/// serde_json here, not with tifa-corpus.
fn library_table(matcher: &Matcher, dispersion: bool, by: &[&str]) -> CountTable {
    let mut table = CountTable::new(by.iter().map(|b| b.to_string()).collect());
    if dispersion {
        table = table.with_dispersion();
    }
    for line in std::fs::read_to_string(cpc()).unwrap().lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let text = record["content"].as_str().unwrap();
        let key = by.iter().map(|_| record["congress"].to_string()).collect();
        table.add(key, &matcher.count(text), text.chars().count() as u64);
    }
    table
}

/// G² in the Rayson & Garside form from a printed row's four numbers,
/// written out here again.
fn g2_of(row: &Value) -> f64 {
    let n = |k: &str| row[k].as_f64().unwrap();
    let (a, c, b, d) = (
        n("target_count"),
        n("target_chars"),
        n("reference_count"),
        n("reference_chars"),
    );
    let term = |o: f64, e: f64| if o == 0.0 { 0.0 } else { o * (o / e).ln() };
    2.0 * (term(a, c * (a + b) / (c + d)) + term(b, d * (a + b) / (c + d)))
}

#[test]
fn keyness_equals_the_library_on_the_cpc_reports() {
    let rows = stdout_of(
        tifa()
            .args(["keyness", "--by", "congress", "--target", "19,20"])
            .arg(cpc())
            .args(["--format", "jsonl"]),
    );
    let matcher = Matcher::new(&Lexicon::builtin()).unwrap();
    let table = library_table(&matcher, false, &["congress"]);
    let cmp = Comparison {
        field: "congress".into(),
        target: vec!["19".into(), "20".into()],
        ..Comparison::default()
    };
    let expected: Vec<Value> = keyness_rows(&table, matcher.lexicon(), &cmp)
        .unwrap()
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    assert!(rows.len() > 10, "{} rows", rows.len());
    assert_eq!(rows, expected);
    // The columns, in order.
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "phrase",
            "category",
            "target_count",
            "target_chars",
            "reference_count",
            "reference_chars",
            "target_per_10k",
            "reference_per_10k",
            "g2",
            "p",
            "log_ratio",
            "use"
        ]
    );
    // The target is the 19th and 20th reports (33,456 + 33,620 chars, as
    // `tifa count --by congress` prints them); G² from the printed counts
    // agrees to the printed precision; sorted by G².
    assert_eq!(rows[0]["target_chars"], 33456 + 33620);
    for r in &rows {
        assert!(
            (r["g2"].as_f64().unwrap() - g2_of(r)).abs() <= 0.00005 + 1e-9,
            "{r}"
        );
    }
    let g2: Vec<f64> = rows.iter().map(|r| r["g2"].as_f64().unwrap()).collect();
    assert!(g2.windows(2).all(|w| w[0] >= w[1]));
    // 全过程人民民主 appears first in the 20th report: over-used.
    let q = rows
        .iter()
        .find(|r| r["phrase"] == "全过程人民民主")
        .unwrap();
    assert_eq!(
        (q["reference_count"].as_u64(), q["use"].as_str()),
        (Some(0), Some("over"))
    );
}

#[test]
fn keyness_yates_reference_and_adhoc_phrases() {
    let out = tifa()
        .args([
            "keyness",
            "--by",
            "congress",
            "--target",
            "20",
            "--reference",
            "18",
        ])
        .args([
            "--phrases",
            "改革开放,全过程人民民主",
            "--yates",
            "--format",
            "jsonl",
        ])
        .arg(cpc())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "added for this run as `custom`: 改革开放",
        ));
    let rows = common::jsonl(&out.get_output().stdout);
    assert_eq!(rows.len(), 2);
    let reform = rows.iter().find(|r| r["phrase"] == "改革开放").unwrap();
    assert_eq!(reform["category"], "custom");
    assert!(reform["target_count"].as_u64().unwrap() > 0);
    assert!(rows[0].get("chi2").is_some() && rows[0].get("p_chi2").is_some());
    // The reference is the 18th report alone (30,020 chars).
    assert_eq!(rows[0]["reference_chars"], 30020);
    let matcher = Matcher::new(
        &Lexicon::builtin()
            .with_phrases(&["改革开放".to_string()])
            .unwrap()
            .lexicon,
    )
    .unwrap();
    let table = library_table(&matcher, false, &["congress"]);
    let ids = ["改革开放", "全过程人民民主"].map(|p| matcher.lexicon().find(p).unwrap());
    let cmp = Comparison {
        field: "congress".into(),
        target: vec!["20".into()],
        reference: vec!["18".into()],
        entries: Some(ids.into_iter().collect()),
        yates: true,
    };
    let expected: Vec<Value> = keyness_rows(&table, matcher.lexicon(), &cmp)
        .unwrap()
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn keyness_errors_name_the_field_and_value() {
    tifa()
        .args(["keyness", "--by", "congress", "--target", "99"])
        .arg(cpc())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--target: no document has congress = 99; the values are 1, 3, 7, 9, 10,",
        ))
        .stderr(predicate::str::contains("17 (and 3 more)"));
    tifa()
        .args(["keyness", "--target", "2023"])
        .arg(cpc())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--by <FIELD>"));
    tifa()
        .args([
            "keyness",
            "--by",
            "congress",
            "--target",
            "20",
            "--reference",
            "20",
        ])
        .arg(cpc())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("in both --target and --reference"));
    // An empty table still has its header.
    tifa()
        .args([
            "keyness",
            "--by",
            "congress",
            "--target",
            "20",
            "--category",
            "campaign",
        ])
        .args(["--reference", "1", "--format", "csv"])
        .arg(cpc())
        .assert()
        .success()
        .stdout(predicate::str::starts_with("phrase,category,target_count"));
}

#[test]
fn count_dispersion_equals_the_library() {
    let rows = stdout_of(
        tifa()
            .args(["count", "--dispersion", "--format", "jsonl"])
            .arg(cpc()),
    );
    let matcher = Matcher::new(&Lexicon::builtin()).unwrap();
    let table = library_table(&matcher, true, &[]);
    let expected: Vec<Value> = table
        .rows(matcher.lexicon(), false)
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    assert_eq!(rows, expected);
    // Spread over twenty reports of very different lengths: a phrase of the
    // last three reports only is concentrated (DP well above 0.5), one of
    // nearly every report is not.
    let row = |p: &str| rows.iter().find(|r| r["phrase"] == p).unwrap();
    let recent = row("全过程人民民主");
    assert!(recent["dp"].as_f64().unwrap() > 0.7, "{recent}");
    assert!(recent["juilland_d"].as_f64().unwrap() < 0.3, "{recent}");
    // One group per congress, and every congress with a match has one
    // document: DP 0 and no D; no dispersion for a phrase seen only in
    // its enumerated form (dispersion is of `count`).
    let by = stdout_of(
        tifa()
            .args([
                "count",
                "--dispersion",
                "--by",
                "congress",
                "--format",
                "jsonl",
            ])
            .arg(cpc()),
    );
    assert!(by.iter().all(|r| r["docs"] == 1));
    for r in &by {
        let expected = if r["count"] == 0 {
            Value::Null
        } else {
            0.0.into()
        };
        assert_eq!(
            (&r["dp"], &r["juilland_d"]),
            (&expected, &Value::Null),
            "{r}"
        );
    }
    // Without the flag, no such column; with --wide, a clear refusal.
    let plain = stdout_of(tifa().args(["count", "--format", "jsonl"]).arg(cpc()));
    assert!(plain[0].get("dp").is_none());
    tifa()
        .args(["count", "--dispersion", "--wide"])
        .arg(cpc())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}
