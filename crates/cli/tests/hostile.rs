//! The hostile corpus (fixtures/hostile, made by scripts/make-hostile.py):
//! no panic, every problem named with its file (and line), the good
//! documents still counted, and the account balanced.

mod common;
use common::{fixtures, jsonl, tempdir, tifa};

#[test]
fn hostile_files_are_named_and_the_rest_counted() {
    let assert = tifa()
        .args(["count", "--format", "jsonl", "--phrases", "全过程人民民主"])
        .arg(fixtures().join("hostile"))
        .assert()
        .success();
    let out = assert.get_output();
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "random.txt: binary file",
        "random.jsonl: binary file",
        "random.csv: binary file",
        "nul-heavy.txt: binary file",
        "invalid-utf8.txt:1: invalid UTF-8",
        "truncated.jsonl.gz:174: cannot decompress",
        "the rest of the file after line 173 is skipped",
        "one-broken-line.jsonl:10: invalid JSON",
        "ragged.csv:3: row has 2 fields, the header 3: no `text`",
        "ragged.csv:4: row has 5 fields, the header 3: extra fields ignored",
        "ragged.csv:5: row has 1 fields",
        "empty.txt: empty document",
        "loop-dir/loop: symlink loop",
    ] {
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
    }
    let account = err.lines().last().unwrap();
    assert!(
        account.contains("207 documents read (198 processed, 9 skipped)"),
        "{account}"
    );
    assert!(account.contains("2 row has N fields"), "{account}");
    // good.txt 1 + good.txt.gz 1 + invalid-utf8.txt 2 + loop-dir/inside.txt 1
    // + 19 good JSONL lines + 2 good CSV rows + 173 lines before the gzip cut.
    let rows = jsonl(&out.stdout);
    assert_eq!(rows[0]["count"], 199);
}

/// A 300 MiB document on one line, made at test time. Slow in a debug
/// build, so ignored by default: `cargo test -p tifa-cli --release --test
/// hostile -- --ignored`. Peak memory is measured with /usr/bin/time in
/// BENCHMARKS.md.
#[test]
#[ignore]
fn a_300_mib_single_line_document() {
    let dir = tempdir("huge");
    let path = dir.join("huge.txt");
    let unit = "发展全过程人民民主，坚持一府一委两院，召开常委会会议7次。";
    let n = (300 << 20) / unit.len();
    std::fs::write(&path, unit.repeat(n)).unwrap();
    let out = tifa()
        .args(["count", "--format", "jsonl", "--phrases", "全过程人民民主"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(jsonl(&out)[0]["count"], n as u64);
    let _ = std::fs::remove_dir_all(&dir);
}
