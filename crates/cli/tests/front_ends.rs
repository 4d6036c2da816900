//! The rules every front end shares give the same answer for the same
//! record in the CLI, the server and SQL: an empty `year` is inferred from
//! the text, `doc` groups by the document's id, `--lexicon-only` needs a
//! file, a phrase outside the lexicon is counted.

use std::collections::BTreeSet;

mod common;
use common::{server_count, stdout_of, tempdir, tifa};

use predicates::prelude::*;
use serde_json::{json, Value};

/// Two records: one whose `year` is empty (its text dates it 2023), one
/// whose `year` is set.
fn records() -> Vec<Value> {
    vec![
        json!({"id": "a", "year": "", "text": "——2023年1月13日在会议上\n坚持一府一委两院，改革开放"}),
        json!({"id": "b", "year": 2018, "text": "一府一委两院和一府两院，改革\n开放"}),
    ]
}

/// (year, doc, phrase, count) of count rows grouped by year and doc.
fn rows(values: &[Value]) -> BTreeSet<(String, String, String, u64)> {
    values
        .iter()
        .map(|r| {
            let text = |k: &str| match &r[k] {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            (
                text("year"),
                text("doc"),
                text("phrase"),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn expected() -> BTreeSet<(String, String, String, u64)> {
    [
        ("2018", "b", "一府一委两院", 1),
        ("2018", "b", "一府两院", 1),
        ("2018", "b", "改革开放", 1),
        ("2023", "a", "一府一委两院", 1),
        ("2023", "a", "改革开放", 1),
    ]
    .iter()
    .map(|(y, d, p, c)| (y.to_string(), d.to_string(), p.to_string(), *c))
    .collect()
}

fn corpus_file() -> std::path::PathBuf {
    let dir = tempdir("front-ends");
    let path = dir.join("records.jsonl");
    let lines: Vec<String> = records().iter().map(Value::to_string).collect();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

#[test]
fn cli_and_server_agree_on_the_edge_cases() {
    let path = corpus_file();
    let cli = stdout_of(
        tifa()
            .args(["count", "--format", "jsonl", "--id-field", "id"])
            .args([
                "--by",
                "year,doc",
                "--phrases",
                "一府一委两院,一府两院,改革开放",
            ])
            .arg(&path),
    );
    assert_eq!(rows(&cli), expected());
    let documents: Vec<Value> = records()
        .into_iter()
        .map(|r| {
            let mut meta = r.as_object().unwrap().clone();
            let id = meta.remove("id").unwrap();
            let text = meta.remove("text").unwrap();
            json!({"id": id, "text": text, "meta": meta})
        })
        .collect();
    // The server has no `phrases` on count: it counts the lexicon, so the
    // ad-hoc phrase is left out of its side of the comparison.
    let server = server_count(json!({"documents": documents, "by": ["year", "doc"]}));
    let without_adhoc: BTreeSet<_> = expected()
        .into_iter()
        .filter(|r| r.2 != "改革开放")
        .collect();
    assert_eq!(rows(server.as_array().unwrap()), without_adhoc);
}

#[test]
fn lexicon_only_without_a_file_is_refused() {
    tifa()
        .args(["count", "--lexicon-only", "-"])
        .write_stdin("一府一委两院")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--lexicon-only")
                .and(predicate::str::contains("--lexicon FILE")),
        );
}

#[cfg(feature = "sql")]
#[test]
fn sql_agrees_with_the_cli_on_the_edge_cases() {
    let path = corpus_file();
    let parquet = path.with_extension("parquet");
    tifa()
        .args(["export", "--id-field", "id", "--parquet"])
        .arg(&parquet)
        .arg(&path)
        .assert()
        .success();
    let query = "SELECT CAST(year AS VARCHAR) AS year, doc, \
         '一府一委两院' AS phrase, tifa_count(text, '一府一委两院') AS count FROM corpus \
         UNION ALL SELECT CAST(year AS VARCHAR), doc, '一府两院', tifa_count(text, '一府两院') FROM corpus \
         UNION ALL SELECT CAST(year AS VARCHAR), doc, '改革开放', tifa_count(text, '改革开放') FROM corpus";
    let table = format!("corpus={}", parquet.display());
    let sql = stdout_of(tifa().args(["sql", "--format", "jsonl", "--table", &table, query]));
    let found: BTreeSet<_> = rows(&sql).into_iter().filter(|r| r.3 > 0).collect();
    assert_eq!(found, expected());
}
