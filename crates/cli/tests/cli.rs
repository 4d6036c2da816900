//! End-to-end tests of the `tifa` binary: real processes, real files.

mod common;
use common::{fixtures, jsonl, stdout_of, tifa};

use predicates::prelude::*;
use serde_json::{json, Value};

fn row<'a>(rows: &'a [Value], phrase: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["phrase"] == phrase)
        .unwrap_or_else(|| panic!("no row for {phrase}"))
}

#[test]
fn count_on_the_seeds_sums_the_hand_checked_table() {
    let out = tifa()
        .args(["count", "--format", "jsonl"])
        .arg(fixtures().join("seeds"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "5 documents read (5 processed, 0 skipped)",
        ))
        .get_output()
        .stdout
        .clone();
    let rows = jsonl(&out);
    // Sums over fixtures/expected/seed_counts.tsv.
    let expected = std::fs::read_to_string(fixtures().join("expected/seed_counts.tsv")).unwrap();
    let mut sums: std::collections::HashMap<String, (u64, u64, u64)> = Default::default();
    for line in expected.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let s = sums.entry(f[1].to_string()).or_default();
        s.0 += f[2].parse::<u64>().unwrap();
        s.1 += f[3].parse::<u64>().unwrap();
        s.2 += 1;
    }
    assert_eq!(rows.len(), sums.len());
    for (phrase, (count, expanded, docs)) in sums {
        let r = row(&rows, &phrase);
        assert_eq!(r["count"], count, "{phrase}");
        assert_eq!(r["expanded"], expanded, "{phrase}");
        assert_eq!(r["docs"], docs, "{phrase}");
    }
    let r = row(&rows, "人大常委会");
    let chars = r["chars"].as_u64().unwrap();
    let per = r["per_10k"].as_f64().unwrap();
    assert!((per - r["count"].as_f64().unwrap() / chars as f64 * 1e4).abs() < 1e-4);
}

#[test]
fn csv_has_the_spec_columns() {
    tifa()
        .args(["count", "--format", "csv"])
        .arg(fixtures().join("seeds/001_972b5afd0ef4ca2a.txt"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "phrase,category,count,expanded,docs,chars,per_10k\n",
        ));
}

#[test]
fn scan_reads_stdin_and_reports_spans_quotes_and_lines() {
    let out = tifa()
        .args(["scan", "-", "--format", "jsonl"])
        .write_stdin("标题\n坚持“一府一委两院”，发展全過程人\n民民主。")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let recs = jsonl(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["phrase"], "一府一委两院");
    assert_eq!(recs[0]["quoted"], true);
    assert_eq!(recs[0]["line"], 2);
    assert_eq!(recs[0]["doc"], "-");
    assert_eq!(recs[1]["phrase"], "全过程人民民主");
    assert_eq!(recs[1]["char_start"], 16); // 标题\n坚持“一府一委两院”，发展 = 16 chars
    assert_eq!(recs[1]["char_end"], 24);
    assert_eq!(recs[1]["line"], 2);
}

#[test]
fn overlapping_and_strict_change_what_counts() {
    let text = "一府一委两院和全过程人\n民民主";
    let count = |flags: &[&str], phrase: &str| -> u64 {
        let out = tifa()
            .args(["count", "-", "--format", "jsonl"])
            .args(flags)
            .write_stdin(text)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        jsonl(&out)
            .iter()
            .find(|r| r["phrase"] == phrase)
            .map(|r| r["count"].as_u64().unwrap())
            .unwrap_or(0)
    };
    assert_eq!(count(&[], "两院"), 0);
    assert_eq!(count(&["--overlapping"], "两院"), 1);
    assert_eq!(count(&[], "全过程人民民主"), 1);
    assert_eq!(count(&["--strict"], "全过程人民民主"), 0);
}

#[test]
fn user_lexicon_only() {
    let dir = common::tempdir(&unique());
    let lex = dir.join("mine.txt");
    std::fs::write(&lex, "# my phrases\n新质生产力\n人民城市\n").unwrap();
    let out = tifa()
        .args([
            "count",
            "-",
            "--format",
            "jsonl",
            "--lexicon-only",
            "--lexicon",
        ])
        .arg(&lex)
        .write_stdin("发展新质生产力，建设人民城市，一府一委两院")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows = jsonl(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["phrase"], "新质生产力");
    assert_eq!(rows[0]["category"], "custom");
}

#[test]
fn a_bad_lexicon_is_a_configuration_error_naming_file_and_line() {
    let dir = common::tempdir(&unique());
    let lex = dir.join("bad.json");
    std::fs::write(&lex, "[\n{\"phrase\": \"甲乙\"},\n{\"phrase\": \"\"}\n]").unwrap();
    tifa()
        .args(["count", "-", "--lexicon"])
        .arg(&lex)
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.json:3: empty phrase"));
    tifa()
        .args(["lexicon", "check"])
        .arg(&lex)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("bad.json:3: empty phrase"));
}

#[test]
fn a_missing_path_is_reported_and_the_rest_still_counted() {
    tifa()
        .args(["count", "no/such/dir", "--format", "csv"])
        .arg(fixtures().join("seeds/001_972b5afd0ef4ca2a.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/dir: cannot read"))
        .stderr(predicate::str::contains(
            "1 documents read (1 processed, 0 skipped)",
        ))
        .stdout(predicate::str::contains("全过程人民民主,ideology,"));
}

#[test]
fn binary_and_invalid_utf8_files_are_accounted_for() {
    let dir = common::tempdir(&unique());
    std::fs::write(dir.join("a.txt"), "全过程人民民主").unwrap();
    std::fs::write(dir.join("b.txt"), b"\x00\x01\x02binary").unwrap();
    std::fs::write(dir.join("c.txt"), b"ok \xFF\n\xe5\x85\xa8\xe8\xbf\x87\xe7\xa8\x8b\xe4\xba\xba\xe6\xb0\x91\xe6\xb0\x91\xe4\xb8\xbb").unwrap();
    std::fs::write(dir.join("notes.md"), "ignored").unwrap();
    std::fs::create_dir(dir.join(".git")).unwrap();
    std::fs::write(dir.join(".git/x.txt"), "全过程人民民主").unwrap();
    let assert = tifa()
        .args(["count", "--format", "jsonl", "--strict-input"])
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("b.txt: binary file"))
        .stderr(predicate::str::contains("c.txt:1: invalid UTF-8"))
        .stderr(predicate::str::contains(
            "3 documents read (2 processed, 1 skipped)",
        ))
        .stderr(predicate::str::contains(
            "1 files in directories passed over (not a corpus format)",
        ));
    let rows = jsonl(&assert.get_output().stdout);
    assert_eq!(row(&rows, "全过程人民民主")["count"], 2);
}

#[test]
fn export_round_trips_through_lexicon() {
    let dir = common::tempdir(&unique());
    let out = tifa()
        .args(["lexicon", "export"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let path = dir.join("exported.toml");
    std::fs::write(&path, &out).unwrap();
    let seeds = fixtures().join("seeds");
    let run = |extra: &[&std::ffi::OsStr]| {
        tifa()
            .args(["count", "--format", "csv"])
            .args(extra)
            .arg(&seeds)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let builtin = run(&[]);
    let exported = run(&[
        "--lexicon-only".as_ref(),
        "--lexicon".as_ref(),
        path.as_os_str(),
    ]);
    assert_eq!(
        String::from_utf8_lossy(&builtin),
        String::from_utf8_lossy(&exported)
    );
}

#[test]
fn lexicon_list_shows_every_entry() {
    // Every entry of the built-in lexicon (which its unit test holds to the
    // SPEC §1.4 list), one row each, with its category, variants and
    // members as the library has them.
    let rows = stdout_of(tifa().args(["lexicon", "list", "--format", "jsonl"]));
    let builtin = tifa_core::Lexicon::builtin();
    assert_eq!(rows.len(), builtin.len());
    for (row, e) in rows.iter().zip(builtin.entries()) {
        assert_eq!(row["phrase"], e.phrase.as_str());
        assert_eq!(row["category"], e.category.as_str());
        assert_eq!(row["variants"], json!(e.variants), "{}", e.phrase);
        assert_eq!(row["members"], json!(e.members), "{}", e.phrase);
    }
    let four = rows.iter().find(|r| r["phrase"] == "四个机关").unwrap();
    assert_eq!(
        four["members"],
        json!(["政治机关", "国家权力机关", "工作机关", "代表机关"])
    );
}

/// A tag unique within this test process.
fn unique() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    format!("cli-{}", N.fetch_add(1, Ordering::SeqCst))
}
