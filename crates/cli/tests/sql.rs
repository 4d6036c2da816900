//! `tifa export --parquet` and `tifa sql`: the SQL count query gives the
//! table `tifa count --by year` prints.
#![cfg(feature = "sql")]

use std::collections::BTreeSet;

mod common;
use common::{fixtures, stdout_of, tempdir, tifa};

use predicates::prelude::*;
use serde_json::Value;

const COUNT_BY_YEAR: &str = "SELECT year, c['phrase'] AS phrase, sum(c['count']) AS count, \
     sum(c['expanded']) AS expanded, count(*) AS docs \
     FROM (SELECT year, unnest(tifa_count(text)) AS c FROM corpus) \
     GROUP BY year, phrase ORDER BY year, phrase";

fn corpus_paths() -> Vec<std::path::PathBuf> {
    ["seeds", "provincial-2026", "cpc"]
        .iter()
        .map(|d| fixtures().join(d))
        .collect()
}

/// (year, phrase, count, expanded, docs) with a missing year as "".
fn rows(values: &[Value]) -> BTreeSet<(String, String, u64, u64, u64)> {
    values
        .iter()
        .map(|r| {
            let year = match &r["year"] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (
                year,
                r["phrase"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap(),
                r["expanded"].as_u64().unwrap(),
                r["docs"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn sql_over_an_exported_corpus_equals_count_by_year() {
    let dir = tempdir("sql-export");
    let parquet = dir.join("corpus.parquet");
    tifa()
        .args(["export", "--parquet"])
        .arg(&parquet)
        .args(corpus_paths())
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote 47 documents"));
    let expected = rows(&stdout_of(
        tifa()
            .args([
                "count",
                "--by",
                "year",
                "--format",
                "jsonl",
                "--threads",
                "2",
            ])
            .args(corpus_paths()),
    ));
    assert!(expected.len() > 100);
    assert!(expected.iter().any(|r| r.0.is_empty()));
    let table = format!("corpus={}", parquet.display());
    let got = rows(&stdout_of(tifa().args([
        "sql",
        "--table",
        &table,
        "--format",
        "jsonl",
        COUNT_BY_YEAR,
    ])));
    assert_eq!(got, expected);
}

#[test]
fn sql_reads_jsonl_and_multi_line_csv_as_tifa_does() {
    let cpc = fixtures().join("cpc/cpc-congress-reports.jsonl");
    let provincial = fixtures().join("provincial-2026");
    let count = |p: &std::path::Path| -> u64 {
        stdout_of(
            tifa()
                .args(["count", "--phrases", "全过程人民民主", "--format", "jsonl"])
                .arg(p),
        )[0]["count"]
            .as_u64()
            .unwrap()
    };
    let got = stdout_of(tifa().args([
        "sql",
        "--table",
        &format!("cpc={}", cpc.display()),
        "--table",
        &format!("p={}/*.csv", provincial.display()),
        "--format",
        "jsonl",
        "SELECT (SELECT sum(tifa_count(content, '全过程人民民主')) FROM cpc) AS cpc, \
                (SELECT sum(tifa_count(full_text, '全过程人民民主')) FROM p) AS p, \
                (SELECT count(*) FROM p) AS reports",
    ]));
    assert_eq!(got[0]["cpc"].as_u64().unwrap(), count(&cpc));
    assert_eq!(got[0]["p"].as_u64().unwrap(), count(&provincial));
    assert_eq!(got[0]["reports"].as_u64().unwrap(), 26);
}

#[test]
fn sql_errors_name_the_table_or_the_query() {
    let dir = tempdir("sql-errors");
    std::fs::write(dir.join("notes.docx"), "x").unwrap();
    tifa()
        .current_dir(&dir)
        .args(["sql", "--table", "t=notes.docx", "SELECT 1"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--table t=notes.docx")
                .and(predicate::str::contains(".parquet")),
        );
    tifa()
        .args(["sql", "--table", "nonsense", "SELECT 1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("NAME=PATH"));
    tifa()
        .args(["sql", "--table", "t=/nonexistent/*.parquet", "SELECT 1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--table t=/nonexistent/*.parquet"));
    tifa()
        .args(["sql", "SELECT * FROM nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nowhere"));
}

#[test]
fn sql_formats_print_nested_results() {
    let out = tifa()
        .args([
            "sql",
            "--format",
            "csv",
            "SELECT tifa_count('坚持一府一委两院', '一府一委两院') AS n, 'x' AS s",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap(), "n,s\n1,x\n");
    let v = stdout_of(tifa().args([
        "sql",
        "--format",
        "jsonl",
        "SELECT tifa_numbers('召开常委会会议7次') AS n",
    ]));
    assert_eq!(v[0]["n"][0]["value"], "7");
    assert_eq!(v[0]["n"][0]["unit"], "次");
}
