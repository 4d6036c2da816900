//! `tifa collocates` end to end: the binary on the CPC congress reports of
//! `fixtures/` equal to tifa-core's `stats::collocates` over the same
//! documents (read here with serde_json, apart from the CLI), a phrase
//! broken and written in traditional characters like its plain form, and
//! errors.

mod common;

use common::{fixtures, stdout_of, tempdir, tifa};
use predicates::prelude::*;
use serde_json::Value;
use tifa_core::stats::collocates::{collocates, CollocateOptions, Measure, Node, Unit};
use tifa_core::{Lexicon, MatchOptions};

fn cpc() -> std::path::PathBuf {
    fixtures().join("cpc/cpc-congress-reports.jsonl")
}

fn cpc_texts() -> Vec<String> {
    std::fs::read_to_string(cpc())
        .unwrap()
        .lines()
        .map(|l| {
            let record: Value = serde_json::from_str(l).unwrap();
            record["content"].as_str().unwrap().to_string()
        })
        .collect()
}

fn library(phrase: &str, opts: &CollocateOptions) -> Vec<Value> {
    let node = Node::new(&Lexicon::builtin(), MatchOptions::default(), phrase).unwrap();
    let texts = cpc_texts();
    collocates(&node, texts.iter().map(String::as_str), opts)
        .unwrap()
        .rows
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect()
}

#[test]
fn collocates_equal_the_library_on_the_cpc_reports() {
    let rows = stdout_of(tifa().args(["collocates", "改革开放"]).arg(cpc()).args([
        "--format",
        "jsonl",
        "--threads",
        "2",
    ]));
    assert!(rows.len() > 10, "{} rows", rows.len());
    assert_eq!(rows, library("改革开放", &CollocateOptions::default()));
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["collocate", "observed", "freq", "expected", "g2", "mi", "t"]
    );
    let g2: Vec<f64> = rows.iter().map(|r| r["g2"].as_f64().unwrap()).collect();
    assert!(g2.windows(2).all(|w| w[0] >= w[1]));

    // Other options reach the library unchanged.
    let opts = CollocateOptions {
        window: 3,
        unit: Unit::Chars(2),
        min_freq: 5,
        min_co: 3,
        sort: Measure::Mi,
        top: Some(20),
    };
    let rows = stdout_of(tifa().args(["collocates", "改革开放"]).arg(cpc()).args([
        "--format",
        "jsonl",
        "--window",
        "3",
        "--chars",
        "2",
        "--min-freq",
        "5",
        "--min-co",
        "3",
        "--sort",
        "mi",
        "--top",
        "20",
    ]));
    assert_eq!(rows.len(), 20);
    assert_eq!(rows, library("改革开放", &opts));
}

#[test]
fn node_frequency_is_the_count_of_tifa_count() {
    let out = tifa()
        .args(["collocates", "改革开放"])
        .arg(cpc())
        .args(["--format", "csv"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let counted = stdout_of(
        tifa()
            .args(["count", "--phrases", "改革开放"])
            .arg(cpc())
            .args(["--format", "jsonl"]),
    );
    let count = counted[0]["count"].as_u64().unwrap();
    assert!(count > 0);
    assert!(
        stderr.contains(&format!("f_n = {count} matches")),
        "{stderr}"
    );
}

#[test]
fn a_broken_traditional_phrase_has_the_collocates_of_its_plain_form() {
    let dir = tempdir("collocates-forms");
    let plain = "我们坚持推进全过程人民民主建设，发展全过程人民民主。\n人民代表大会制度是实现全过程人民民主的重要制度载体。\n";
    let written = "我們堅持推\n進全過程人\n民民主建設，發展全过程人民民主。\n人民代表大會制度是實現全過程\n人民民主的重要制度載體。\n";
    std::fs::write(dir.join("plain.txt"), plain).unwrap();
    std::fs::write(dir.join("written.txt"), written).unwrap();
    let run = |file: &str| {
        stdout_of(
            tifa()
                .args(["collocates", "全过程人民民主"])
                .arg(dir.join(file))
                .args(["--format", "jsonl", "--min-co", "1", "--min-freq", "1"]),
        )
    };
    let a = run("plain.txt");
    assert!(a.iter().any(|r| r["collocate"] == "推进"));
    assert_eq!(a, run("written.txt"));
}

#[test]
fn bad_options_name_the_flag() {
    for (args, says) in [
        (vec!["--window", "0"], "--window: 0 is out of range"),
        (vec!["--chars", "0"], "--chars: 0 is out of range"),
        (vec!["--sort", "chi2"], "unknown measure `chi2`"),
    ] {
        tifa()
            .args(["collocates", "改革开放"])
            .arg(cpc())
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    tifa()
        .args(["collocates", " "])
        .arg(cpc())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("phrase: give the phrase"));
}
