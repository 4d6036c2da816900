//! Properties that hold across the front ends (issue 7): counts do not
//! depend on the thread count or on how documents are grouped into files,
//! and the server answers what the CLI prints for the same documents.

mod common;

use std::path::Path;

use common::{server_count, stdout_of, tempdir, tifa};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Pieces of text that exercise the semantics: phrases of the built-in
/// lexicon, nested and enumerated ones, line breaks and spaces inside them,
/// full-width and traditional forms, numbers, quotation marks.
const PIECES: &[&str] = &[
    "一府一委两院",
    "一府两院",
    "一府",
    "一委",
    "两院",
    "一府一\n委两院",
    "全过程人民民主",
    "全过程 人民民主",
    "人民民主",
    "四个机关",
    // The list of 四个机关 (an expansion), and one member short of it.
    "政治机关、国家权力机关、工作机关和代表机关",
    "政治机关、权力机关、工作机关、代表机关",
    "两个确立",
    "两个维护",
    "人大常委会",
    "人民代表大会常务委员会",
    "人民代表大會常務委員會",
    "ＡＢＣ",
    "召开常委会会议7次",
    "1.2万亿元",
    "第十八届",
    "“",
    "”",
    "，",
    "。",
    "\n",
    "\r\n",
    "的",
    "和",
    "工作",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 1..30).prop_map(|v| v.concat())
}

fn documents() -> impl Strategy<Value = Vec<(String, Option<u16>)>> {
    proptest::collection::vec((text(), proptest::option::of(2018u16..2021)), 1..8)
}

fn jsonl_line(i: usize, text: &str, year: Option<u16>) -> String {
    let mut v = json!({"id": format!("d{i}"), "text": text});
    if let Some(y) = year {
        v["year"] = json!(y.to_string());
    }
    v.to_string() + "\n"
}

fn write_jsonl(path: &Path, docs: &[(usize, &(String, Option<u16>))]) {
    let body: String = docs
        .iter()
        .map(|(i, (t, y))| jsonl_line(*i, t, *y))
        .collect();
    std::fs::write(path, body).unwrap();
}

/// `tifa count --format jsonl` on `paths` with `args`.
fn cli_count(paths: &[&Path], args: &[&str]) -> Vec<Value> {
    stdout_of(
        tifa()
            .arg("count")
            .args(["--format", "jsonl", "--id-field", "id"])
            .args(args)
            .args(paths),
    )
}

proptest! {
    // Each case runs the binary four times; 48 cases keep this under a few seconds.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn counts_do_not_depend_on_threads_or_file_grouping(docs in documents()) {
        let dir = tempdir("prop-grouping");
        let numbered: Vec<(usize, &(String, Option<u16>))> = docs.iter().enumerate().collect();
        // One JSONL file.
        let one = dir.join("all.jsonl");
        write_jsonl(&one, &numbered);
        // The same documents split over two JSONL files.
        let split = dir.join("split");
        std::fs::create_dir_all(&split).unwrap();
        let half = numbered.len() / 2;
        write_jsonl(&split.join("a.jsonl"), &numbered[..half]);
        write_jsonl(&split.join("b.jsonl"), &numbered[half..]);
        // Each document as its own text file.
        let files = dir.join("txt");
        std::fs::create_dir_all(&files).unwrap();
        for (i, (t, _)) in &numbered {
            std::fs::write(files.join(format!("{i:03}.txt")), t).unwrap();
        }
        let reference = cli_count(&[&one], &["--threads", "1"]);
        // And the CLI counts what the library counts in each document.
        let matcher = tifa_core::Matcher::new(&tifa_core::Lexicon::builtin()).unwrap();
        let library: u64 = docs.iter().map(|(t, _)| matcher.count(t).total_literal()).sum();
        let printed: u64 = reference.iter().map(|r| r["count"].as_u64().unwrap()).sum();
        prop_assert_eq!(printed, library);
        prop_assert_eq!(&cli_count(&[&one], &["--threads", "2"]), &reference);
        prop_assert_eq!(&cli_count(&[&split], &["--threads", "2"]), &reference);
        prop_assert_eq!(&cli_count(&[&files], &["--threads", "3"]), &reference);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_server_counts_what_the_cli_prints(docs in documents(), overlapping: bool, strict: bool) {
        let dir = tempdir("prop-server");
        let numbered: Vec<(usize, &(String, Option<u16>))> = docs.iter().enumerate().collect();
        let path = dir.join("docs.jsonl");
        write_jsonl(&path, &numbered);
        let mut args = vec!["--by", "year"];
        if overlapping {
            args.push("--overlapping");
        }
        if strict {
            args.push("--strict");
        }
        let cli = cli_count(&[&path], &args);
        let documents: Vec<Value> = numbered
            .iter()
            .map(|(i, (t, y))| {
                let mut d = json!({"id": format!("d{i}"), "text": t});
                if let Some(y) = y {
                    d["meta"] = json!({"year": y.to_string()});
                }
                d
            })
            .collect();
        let server = server_count(json!({
            "documents": documents,
            "by": ["year"],
            "options": {"overlapping": overlapping, "strict": strict}
        }));
        prop_assert_eq!(Value::Array(cli), server);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// Found by the property above: the CLI skipped a white-space-only
/// document while the server counted its characters.
#[test]
fn an_empty_document_is_skipped_by_both() {
    let dir = tempdir("empty-doc");
    let docs = [("\n".to_string(), None), ("两院".to_string(), None)];
    let numbered: Vec<(usize, &(String, Option<u16>))> = docs.iter().enumerate().collect();
    let path = dir.join("docs.jsonl");
    write_jsonl(&path, &numbered);
    let cli = cli_count(&[&path], &["--by", "year"]);
    let server = server_count(json!({
        "documents": [{"id": "d0", "text": "\n"}, {"id": "d1", "text": "两院"}],
        "by": ["year"]
    }));
    assert_eq!(server[0]["chars"], 2);
    assert_eq!(Value::Array(cli), server);
    std::fs::remove_dir_all(&dir).unwrap();
}
