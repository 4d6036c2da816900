//! Surfaces no other test reached: every output format and the default,
//! `--input-format`, `.ndjson` and `.tsv` corpora, a lexicon in a legacy
//! encoding, discover's numbered and paired kinds, and an existing path
//! that cannot be read.

mod common;
use common::{jsonl, stdout_of, tempdir, tifa};

use predicates::prelude::*;
use serde_json::Value;

const TEXT: &str = "坚持一府一委两院，一府一委两院，人大常委会。";

fn count(format: Option<&str>) -> String {
    let mut cmd = tifa();
    cmd.arg("count");
    if let Some(f) = format {
        cmd.args(["--format", f]);
    }
    let out = cmd.arg("-").write_stdin(TEXT).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn every_output_format_holds_the_same_rows() {
    let rows = jsonl(count(Some("jsonl")).as_bytes());
    let pairs = |rows: &[Value]| -> Vec<(String, u64)> {
        rows.iter()
            .map(|r| {
                (
                    r["phrase"].as_str().unwrap().to_string(),
                    r["count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        pairs(&rows),
        [
            ("一府一委两院".to_string(), 2),
            ("人大常委会".to_string(), 1)
        ]
    );
    let json: Vec<Value> = serde_json::from_str(&count(Some("json"))).unwrap();
    assert_eq!(pairs(&json), pairs(&rows));
    // Not a terminal: csv by default, the same as --format csv.
    let csv = count(None);
    assert_eq!(csv, count(Some("csv")));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("phrase,category,count,expanded,docs,chars,per_10k")
    );
    assert!(lines
        .next()
        .unwrap()
        .starts_with("一府一委两院,institution,2,0,1,"));
    let tsv = count(Some("tsv"));
    assert!(tsv
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("一府一委两院\tinstitution\t2\t0\t1\t"));
    // The table: a header row, then one aligned row per phrase.
    let table = count(Some("table"));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        ["phrase", "category", "count", "expanded", "docs", "chars", "per_10k"]
    );
    let first: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(&first[..5], ["一府一委两院", "institution", "2", "0", "1"]);
}

#[test]
fn input_format_overrides_the_extension_and_ndjson_and_tsv_are_read() {
    let dir = tempdir("surfaces-formats");
    let records = "{\"text\": \"一府一委两院\"}\n{\"text\": \"一府两院\"}\n";
    std::fs::write(dir.join("records.txt"), records).unwrap();
    std::fs::write(dir.join("more.ndjson"), records).unwrap();
    std::fs::write(
        dir.join("table.tsv"),
        "id\ttext\nx\t一府一委两院\ny\t人大常委会\n",
    )
    .unwrap();
    // As text, the .txt file is one document; read as JSONL, two.
    let docs = |args: &[&str], file: &str| -> u64 {
        let rows = stdout_of(
            tifa()
                .args(["count", "--format", "jsonl", "--all-phrases"])
                .args(args)
                .arg(dir.join(file)),
        );
        rows.iter()
            .map(|r| r["docs"].as_u64().unwrap())
            .max()
            .unwrap()
    };
    assert_eq!(docs(&[], "records.txt"), 1);
    assert_eq!(docs(&["--input-format", "jsonl"], "records.txt"), 1);
    let by_doc = stdout_of(
        tifa()
            .args([
                "count",
                "--format",
                "jsonl",
                "--by",
                "doc",
                "--input-format",
                "jsonl",
            ])
            .arg(dir.join("records.txt")),
    );
    assert_eq!(by_doc.len(), 2, "two records, two documents: {by_doc:?}");
    let ndjson = stdout_of(
        tifa()
            .args(["count", "--format", "jsonl", "--by", "doc"])
            .arg(dir.join("more.ndjson")),
    );
    assert_eq!(ndjson.len(), 2);
    let tsv = stdout_of(
        tifa()
            .args([
                "count",
                "--format",
                "jsonl",
                "--by",
                "doc",
                "--id-field",
                "id",
            ])
            .arg(dir.join("table.tsv")),
    );
    let got: Vec<(&str, &str)> = tsv
        .iter()
        .map(|r| (r["doc"].as_str().unwrap(), r["phrase"].as_str().unwrap()))
        .collect();
    assert_eq!(got, [("x", "一府一委两院"), ("y", "人大常委会")]);
}

#[test]
fn a_lexicon_in_gbk_names_its_file_and_line() {
    let dir = tempdir("surfaces-gbk");
    let path = dir.join("gbk.txt");
    let (bytes, _, _) = encoding_rs::GBK.encode("改革开放\n全面深化改革\n");
    let mut all = b"# lexicon\n".to_vec();
    all.extend_from_slice(&bytes);
    std::fs::write(&path, all).unwrap();
    tifa()
        .args(["count", "--lexicon"])
        .arg(&path)
        .arg("-")
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains(format!("{}:2:", path.display()))
                .and(predicate::str::contains("not valid UTF-8")),
        );
}

#[test]
fn discover_finds_numbered_and_paired_formulas() {
    let text = "做到四个服务，坚持四个服务。推进一村一品，一村一品。".repeat(2);
    let rows = stdout_of(
        tifa()
            .args(["discover", "--format", "jsonl", "-"])
            .write_stdin(text),
    );
    let kind = |p: &str| {
        rows.iter()
            .find(|r| r["phrase"] == p)
            .map(|r| r["kind"].as_str().unwrap().to_string())
    };
    assert_eq!(kind("四个服务").as_deref(), Some("numbered"), "{rows:?}");
    assert_eq!(kind("一村一品").as_deref(), Some("paired"), "{rows:?}");
}

#[cfg(unix)]
#[test]
fn an_existing_path_that_cannot_be_read_is_a_usage_error() {
    // A socket exists but cannot be opened (even by root, where file
    // permissions would not stop a read).
    let dir = tempdir("surfaces-unreadable");
    let socket = dir.join("corpus.txt");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let good = dir.join("good.txt");
    std::fs::write(&good, TEXT).unwrap();
    let out = tifa()
        .args(["count", "--format", "jsonl"])
        .arg(&socket)
        .arg(&good)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}: cannot read",
            socket.display()
        )));
    // The rest is still counted.
    let rows = jsonl(&out.get_output().stdout);
    assert_eq!(rows[0]["phrase"], "一府一委两院");
    assert_eq!(rows[0]["count"], 2);
}
