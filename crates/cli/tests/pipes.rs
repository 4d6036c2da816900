//! A reader that goes away (`tifa … | head -1`) ends the run quietly with
//! status 0, as ripgrep does: no panic, no error message.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

mod common;
use common::fixtures;

/// Runs `tifa args`, reads one line of its output, closes the pipe, and
/// returns (the line, the exit status, stderr).
fn first_line_then_close(args: &[&str]) -> (String, Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    {
        let mut out = BufReader::new(child.stdout.take().unwrap());
        out.read_line(&mut line).unwrap();
        // `out` is dropped here: the pipe's read end is closed.
    }
    let output = child.wait_with_output().unwrap();
    (
        line,
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn lexicon_export_into_a_closed_pipe() {
    // The export is small enough to fit a pipe buffer, so it is repeated
    // through a lexicon of many entries written for the test.
    let dir = common::tempdir("pipe-lexicon");
    let lexicon = dir.join("big.txt");
    let phrases: Vec<String> = (0..20_000).map(|i| format!("提法{i:05}号")).collect();
    std::fs::write(&lexicon, phrases.join("\n")).unwrap();
    let path = lexicon.to_string_lossy().into_owned();
    let (line, code, err) = first_line_then_close(&["lexicon", "export", "--lexicon", &path]);
    assert!(line.starts_with("[[entry]]"), "{line}");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
}

#[test]
fn scan_of_a_corpus_into_a_closed_pipe() {
    let corpus = fixtures().join("cpc/cpc-congress-reports.jsonl");
    let corpus = corpus.to_string_lossy().into_owned();
    let (line, code, err) = first_line_then_close(&["scan", "--format", "csv", &corpus]);
    assert!(line.starts_with("doc,phrase,category"), "{line}");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
}

#[test]
fn every_record_format_into_a_closed_pipe() {
    let corpus = fixtures().join("cpc/cpc-congress-reports.jsonl");
    let corpus = corpus.to_string_lossy().into_owned();
    for format in ["csv", "tsv", "jsonl", "json", "table"] {
        for command in ["scan", "numbers"] {
            let (line, code, err) = first_line_then_close(&[command, "--format", format, &corpus]);
            assert!(!line.is_empty(), "{command} {format}");
            assert_eq!(code, Some(0), "{command} {format}: {err}");
            assert!(
                !err.contains("panicked") && !err.contains("Broken pipe"),
                "{command} {format}: {err}"
            );
        }
    }
}

#[test]
fn a_closed_standard_error_does_not_stop_the_run() {
    // `tifa count DIR 2>&1 >/dev/null | head -1`: the directory holds files
    // that draw warnings (a symlink loop, bad records, other formats), the
    // reader of standard error goes away after the first line, and the run
    // must still finish and print the whole table on standard output.
    let mut child = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(["count", "--format", "csv"])
        .arg(fixtures())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    {
        let mut err = BufReader::new(child.stderr.take().unwrap());
        err.read_line(&mut line).unwrap();
    }
    assert!(line.starts_with("tifa: "), "{line}");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    let output = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("tifa finishes with standard error closed")
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let table = String::from_utf8_lossy(&output.stdout);
    assert!(table.starts_with("phrase,category,count"), "{table}");
    assert!(table.lines().count() > 50, "{table}");
}
