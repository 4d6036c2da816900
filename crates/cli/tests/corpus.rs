//! End-to-end tests of corpus runs: formats, encodings, metadata, grouping,
//! bad input, determinism, kwic and discover.

use std::io::Write;
use std::path::{Path, PathBuf};

mod common;
use common::{fixtures, jsonl, stdout_of, tempdir, tifa};

use predicates::prelude::*;
use serde_json::Value;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// (id, year, region) of each document, from a count grouped by them.
fn metadata(path: &Path, extra: &[&str]) -> Vec<(String, String, String)> {
    let rows = stdout_of(
        tifa()
            .args([
                "count",
                "--by",
                "id,year,region",
                "--all-phrases",
                "--top",
                "1",
                "--format",
                "jsonl",
            ])
            .args(extra)
            .arg(path),
    );
    rows.iter()
        .map(|r| {
            let name = r["id"].as_str().unwrap();
            let short = name.rsplit('/').next().unwrap().to_string();
            (
                short,
                r["year"].as_str().unwrap().into(),
                r["region"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn metadata_inferred_on_every_seed() {
    let got = metadata(&fixtures().join("seeds"), &[]);
    let want = [
        ("000_3a8302a680ca68c2.txt", "2023", "巴南区"),
        ("001_972b5afd0ef4ca2a.txt", "", ""),
        ("002_1d56612637f485f7.txt", "2020", ""),
        ("003_3dbbeef85bc7bc09.txt", "", "舟山市定海区"),
        ("004_031ce8af2aa5712c.txt", "2024", "呼和浩特市新城区"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    let mut got = got;
    got.sort();
    assert_eq!(got, want);
}

#[test]
fn metadata_from_csv_fields() {
    let got = metadata(&fixtures().join("provincial-2026"), &[]);
    assert_eq!(got.len(), 26);
    for (id, year, region) in &got {
        assert_eq!(year, "2026", "{id}");
        // The file name is 2026_<province>_政府工作报告.csv; the record's province field wins.
        assert!(id.contains(&format!("_{region}_")), "{id} → {region}");
    }
}

#[test]
fn metadata_from_jsonl_and_congress_groups_in_numeric_order() {
    let cpc = fixtures().join("cpc/cpc-congress-reports.jsonl");
    let got = metadata(&cpc, &[]);
    assert_eq!(got.len(), 16);
    let years: Vec<&str> = got
        .iter()
        .map(|g| g.1.as_str())
        .filter(|y| !y.is_empty())
        .collect();
    assert_eq!(
        years,
        ["2017", "2022"],
        "only the 19th and 20th reports carry a date"
    );
    let rows = stdout_of(
        tifa()
            .args([
                "count",
                "--by",
                "congress",
                "--phrases",
                "中国特色社会主义",
                "--all-phrases",
                "--format",
                "jsonl",
            ])
            .arg(&cpc),
    );
    let congresses: Vec<&str> = rows
        .iter()
        .map(|r| r["congress"].as_str().unwrap())
        .collect();
    assert_eq!(
        congresses,
        ["1", "3", "7", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"]
    );
    // 12大 writes 有中国特色的社会主义 (not the phrase); 15大 has 有中国特色社会主义事业.
    let count = |c: &str| {
        rows.iter().find(|r| r["congress"] == c).unwrap()["count"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count("12"), 0);
    assert!(count("15") > 0);
    // --meta overrides fields and inference.
    let got = metadata(&cpc, &["--meta", "year=1999"]);
    assert!(got.iter().all(|g| g.1 == "1999"));
}

#[test]
fn traditional_reports_count_as_simplified() {
    // The 1st congress's Guangzhou report and the 3rd's are in traditional characters.
    let rows = stdout_of(
        tifa()
            .args(["scan", "--format", "jsonl", "--lexicon-only", "--lexicon"])
            .arg(lexicon_file("trad", "共产党\n中央委员会\n"))
            .arg(fixtures().join("cpc/cpc-congress-reports.jsonl")),
    );
    let in_trad = rows
        .iter()
        .filter(|r| r["doc"].as_str().unwrap().ends_with("#2"))
        .count();
    assert!(in_trad > 0, "共產黨 in 廣州共產黨報告 is found as 共产党");
}

fn lexicon_file(tag: &str, content: &str) -> PathBuf {
    let dir = tempdir(&format!("lex-{tag}"));
    let p = dir.join("lex.txt");
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn bad_inputs_are_reported_and_the_rest_counted() {
    let dir = tempdir("bad");
    let good = "发展全过程人民民主";
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(dir.join("blank.txt"), b"  \n\n").unwrap();
    std::fs::write(dir.join("good.txt"), good).unwrap();
    // 100 JSONL records, line 57 broken, and one empty line at 30.
    let mut lines: Vec<String> = (1..=100)
        .map(|i| format!("{{\"id\": \"r{i}\", \"text\": \"{good}\"}}"))
        .collect();
    lines[56] = "{\"id\": \"r57\", \"text\": ".into();
    lines[29] = String::new();
    std::fs::write(dir.join("records.jsonl"), lines.join("\n")).unwrap();
    // CSV: a row whose text column is missing.
    std::fs::write(
        dir.join("rows.csv"),
        format!("id,year,text\na,2020,{good}\nb,2021\nc,2022,{good}\n"),
    )
    .unwrap();
    // GBK.
    let (gbk, _, _) =
        encoding_rs::GBK.encode("人大常委会听取一府一委两院工作报告，发展全过程人民民主。");
    std::fs::write(dir.join("gbk.txt"), &gbk).unwrap();
    // gzip, good and truncated.
    std::fs::write(dir.join("zipped.txt.gz"), gzip(good.as_bytes())).unwrap();
    let many: String = (0..2000)
        .map(|i| format!("{{\"text\": \"{good}{i}\"}}\n"))
        .collect();
    let z = gzip(many.as_bytes());
    std::fs::write(dir.join("truncated.jsonl.gz"), &z[..z.len() / 2]).unwrap();
    std::fs::write(dir.join("binary.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    std::fs::create_dir(dir.join("nothing-here")).unwrap();
    std::fs::write(dir.join("nothing-here/readme.md"), "x").unwrap();

    let assert = tifa()
        .args([
            "count",
            "--format",
            "jsonl",
            "--phrases",
            "全过程人民民主,一府一委两院",
        ])
        .arg(&dir)
        .arg(dir.join("does-not-exist"))
        .arg(dir.join("nothing-here"))
        .assert()
        .code(2);
    let out = assert.get_output();
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "does-not-exist: cannot read",
        "empty.txt: empty document",
        "blank.txt: empty document",
        "records.jsonl:30: blank line",
        "records.jsonl:57: invalid JSON",
        "rows.csv:3: row has 2 fields, the header 3: no `text`",
        "truncated.jsonl.gz",
        "the .gz file is truncated or corrupt",
        "binary.txt: binary file",
        "nothing-here: no readable file here",
    ] {
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
    }
    // The account balances: read = processed + skipped.
    let account = err.lines().last().unwrap();
    let nums: Vec<u64> = account
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(nums[0], nums[1] + nums[2], "{account}");
    let rows = jsonl(&out.stdout);
    let quan = rows
        .iter()
        .find(|r| r["phrase"] == "全过程人民民主")
        .unwrap()["count"]
        .as_u64()
        .unwrap();
    let ttl = rows.iter().find(|r| r["phrase"] == "一府一委两院").unwrap()["count"]
        .as_u64()
        .unwrap();
    // good.txt 1 + 98 JSONL records + 2 CSV rows + GBK 1 + zipped 1 = 103, plus the
    // records the truncated gzip holds before the cut (half its bytes: ~1000 of 2000).
    assert!(quan >= 103 + 500, "{quan}");
    assert!(err.contains("the rest of the file after line"), "{err}");
    assert_eq!(ttl, 1, "the GBK file is decoded");
}

#[test]
fn gzip_formats_are_read() {
    let dir = tempdir("gz");
    std::fs::write(
        dir.join("a.jsonl.gz"),
        gzip("{\"content\": \"两个确立\", \"year\": 2021}\n".as_bytes()),
    )
    .unwrap();
    std::fs::write(
        dir.join("b.csv.gz"),
        gzip("year,full_text\n2022,两个确立和两个维护\n".as_bytes()),
    )
    .unwrap();
    let rows = stdout_of(
        tifa()
            .args(["count", "--by", "year", "--format", "jsonl"])
            .arg(&dir),
    );
    let got: Vec<(String, String, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["year"].as_str().unwrap().into(),
                r["phrase"].as_str().unwrap().into(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2021".into(), "两个确立".into(), 1),
            ("2022".into(), "两个确立".into(), 1),
            ("2022".into(), "两个维护".into(), 1)
        ]
    );
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let run = |threads: &str| {
        tifa()
            .args(["scan", "--format", "csv", "--threads", threads])
            .arg(fixtures())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    assert!(one.len() > 10_000);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

#[test]
fn text_and_id_fields_by_name() {
    let dir = tempdir("fields");
    std::fs::write(
        dir.join("a.jsonl"),
        "{\"doc_no\": \"X-1\", \"body\": \"无\", \"main\": \"两个确立\"}\n",
    )
    .unwrap();
    let rows = stdout_of(
        tifa()
            .args([
                "scan",
                "--format",
                "jsonl",
                "--text-field",
                "main",
                "--id-field",
                "doc_no",
            ])
            .arg(&dir),
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["doc"], "X-1");
    tifa()
        .args(["count", "--text-field", "nope", "--format", "csv"])
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicate::str::contains("a.jsonl:1: no text field `nope`"));
}

#[test]
fn wide_pivots_phrases_into_columns() {
    let rows = stdout_of(
        tifa()
            .args([
                "count",
                "--wide",
                "--by",
                "year",
                "--phrases",
                "人大常委会,执法检查",
                "--format",
                "jsonl",
            ])
            .arg(fixtures().join("seeds")),
    );
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["year", "docs", "chars", "人大常委会", "执法检查"]);
    let y2023 = rows.iter().find(|r| r["year"] == "2023").unwrap();
    assert_eq!(y2023["人大常委会"], 12);
    assert_eq!(y2023["执法检查"], 5);
}

#[test]
fn a_phrase_outside_the_lexicon_is_counted_with_a_note() {
    // SPEC §4: added for the run as `custom`, never an error; one note,
    // with a "did you mean" hint for the phrase that occurs nowhere and is
    // close to an entry.
    let out = tifa()
        .args([
            "count",
            "--phrases",
            "改革开放,一府一委,一府一委两院",
            "--format",
            "jsonl",
            "-",
        ])
        .write_stdin("坚持改革开放，改革\n开放，一府一委两院。")
        .assert()
        .success()
        .get_output()
        .clone();
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let row = |p: &str| rows.iter().find(|r| r["phrase"] == p).cloned();
    let reform = row("改革开放").expect("改革开放 is counted");
    assert_eq!(reform["count"], 2, "a line break inside is still a match");
    assert_eq!(reform["category"], "custom");
    assert_eq!(row("一府一委两院").unwrap()["count"], 1);
    assert!(row("一府一委").is_none(), "0 occurrences: no row");
    assert_eq!(rows.len(), 2);
    let err = String::from_utf8(out.stderr).unwrap();
    let notes: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("added for this run"))
        .collect();
    assert_eq!(notes.len(), 1, "{err}");
    assert!(
        notes[0].contains("改革开放, 一府一委 (found 0 times; did you mean 一府一委两院"),
        "{err}"
    );
}

#[test]
fn kwic_lines_and_variants() {
    let rows = stdout_of(
        tifa()
            .args(["kwic", "人大常委会", "--width", "4", "--format", "jsonl"])
            .arg(fixtures().join("seeds/000_3a8302a680ca68c2.txt")),
    );
    assert_eq!(
        rows.len(),
        12,
        "as many lines as the seed's count of 人大常委会"
    );
    assert_eq!(
        rows[0]["match"], "人民代表大会常务委员会",
        "the variant as written"
    );
    assert_eq!(rows[0]["left"], "巴南区");
    for r in &rows {
        assert!(r["left"].as_str().unwrap().chars().count() <= 4);
        assert!(!r["right"].as_str().unwrap().contains('\n'));
    }
}

#[test]
fn discover_finds_quoted_terms_and_writes_a_lexicon() {
    let out = tifa()
        .args(["discover", "--as-lexicon", "--min-count", "3"])
        .arg(fixtures().join("provincial-2026"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("phrase = \"高效办成一件事\""), "{text}");
    assert!(
        !text.contains("phrase = \"十五五\""),
        "lexicon phrases are not candidates"
    );
    let dir = tempdir("disc");
    let path = dir.join("candidates.toml");
    std::fs::write(&path, &text).unwrap();
    tifa()
        .args(["lexicon", "check"])
        .arg(&path)
        .assert()
        .success();
}

#[test]
fn numbers_on_a_seed_with_kinds_and_subjects() {
    let seed = fixtures().join("seeds/000_3a8302a680ca68c2.txt");
    let rows = stdout_of(tifa().args(["numbers", "--format", "jsonl"]).arg(&seed));
    let seven = rows.iter().find(|r| r["text"] == "7次").expect("7次");
    assert_eq!(seven["kind"], "cardinal");
    assert_eq!(seven["value"], 7);
    assert_eq!(seven["unit"], "次");
    assert_eq!(seven["subject"], "常委会会议");
    assert_eq!(seven["placeholder"], false);
    let stamp = rows.iter().find(|r| r["kind"] == "date").expect("a date");
    assert_eq!(stamp["value"], "2023-02-19");
    for r in &rows {
        assert!(r["doc"]
            .as_str()
            .unwrap()
            .ends_with("000_3a8302a680ca68c2.txt"));
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        let text = std::fs::read_to_string(&seed).unwrap();
        assert_eq!(&text[s..e], r["text"].as_str().unwrap());
    }
    // --kind filters.
    let years = stdout_of(
        tifa()
            .args(["numbers", "--kind", "year,range", "--format", "jsonl"])
            .arg(&seed),
    );
    assert!(!years.is_empty());
    assert!(years
        .iter()
        .all(|r| r["kind"] == "year" || r["kind"] == "range"));
    let range = years.iter().find(|r| r["kind"] == "range").unwrap();
    assert_eq!(
        (range["value"].as_u64(), range["value_high"].as_u64()),
        (Some(1), Some(6))
    );
}

#[test]
fn numbers_subjects_view_sums_per_document() {
    let rows = stdout_of(
        tifa()
            .args(["numbers", "--subjects", "--format", "jsonl"])
            .arg(fixtures().join("seeds")),
    );
    let meetings: Vec<&Value> = rows
        .iter()
        .filter(|r| r["subject"] == "常委会会议" && r["unit"] == "次")
        .collect();
    // 000 (2023): 7 meetings. 004 (2024) holds its report text twice, so
    // its "7次" is summed twice: 14 from 2 mentions.
    assert!(meetings.iter().any(|r| r["year"] == "2023"
        && r["region"] == "巴南区"
        && r["value"] == 7
        && r["mentions"] == 1));
    assert!(meetings
        .iter()
        .any(|r| r["year"] == "2024" && r["value"] == 14 && r["mentions"] == 2));
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["doc", "year", "region", "subject", "unit", "value", "mentions"]
    );
}

#[test]
fn numbers_placeholders_in_the_template() {
    let rows = stdout_of(
        tifa()
            .args(["numbers", "--format", "jsonl"])
            .arg(fixtures().join("seeds/002_1d56612637f485f7.txt")),
    );
    let placeholders: Vec<&Value> = rows.iter().filter(|r| r["placeholder"] == true).collect();
    assert!(placeholders.len() >= 20, "{}", placeholders.len());
    assert!(placeholders.iter().all(|r| r["value"].is_null()));
    assert!(placeholders
        .iter()
        .any(|r| r["text"] == "x余件" && r["approx"] == "余"));
}

#[test]
fn unknown_kind_is_a_usage_error() {
    tifa()
        .args(["numbers", "--kind", "weight", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown kind `weight`"));
}

#[test]
fn one_large_file_counts_the_same_on_any_number_of_threads() {
    // Over tifa_corpus::MAP_THRESHOLD (16 MiB): mapped into memory and
    // counted in pieces cut after sentence ends. Plain UTF-8 takes that path;
    // with --no-mmap, with a BOM, and as GBK, the ordinary one. Every count
    // must be the same.
    let dir = tempdir("large-file");
    let seed = std::fs::read_to_string(fixtures().join("seeds/000_3a8302a680ca68c2.txt")).unwrap();
    let mut text = String::new();
    while text.len() < 17 << 20 {
        text.push_str(&seed);
        text.push('\n');
    }
    let plain = dir.join("plain.txt");
    std::fs::write(&plain, &text).unwrap();
    let bom = dir.join("bom.txt");
    std::fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap();
    let gbk = dir.join("gbk.txt");
    std::fs::write(&gbk, encoding_rs::GBK.encode(&text).0).unwrap();
    let count = |path: &Path, threads: &str| {
        let rows = stdout_of(
            tifa()
                .args(["count", "--format", "jsonl", "--threads"])
                .args(threads.split(' '))
                .arg(path),
        );
        rows.iter()
            .map(|r| {
                (
                    r["phrase"].as_str().unwrap().to_string(),
                    r["count"].as_u64().unwrap(),
                    r["expanded"].as_u64().unwrap(),
                    r["chars"].as_u64().unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    let expected = count(&plain, "1");
    assert!(expected.len() > 10 && expected.iter().all(|r| r.3 == text.chars().count() as u64));
    assert_eq!(count(&plain, "2"), expected);
    assert_eq!(count(&plain, "2 --no-mmap"), expected);
    assert_eq!(count(&bom, "2"), expected);
    assert_eq!(count(&gbk, "2"), expected);
}

#[test]
fn huge_and_long_values_are_exact_in_every_format_and_stop_nothing() {
    // 2^64 and beyond, a decimal of 20 significant digits, then an ordinary
    // record after them: the run goes on and every value is exact.
    let text = "投资99999999万亿元。\n增长1.2345678901234567891%。\n召开会议7次。\n";
    let out = tifa()
        .args(["numbers", "-", "--format", "jsonl"])
        .write_stdin(text)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows = jsonl(&out);
    assert_eq!(rows.len(), 3, "{rows:?}");
    // Beyond 64 bits: the exact decimal as a JSON string.
    assert_eq!(rows[0]["value"], "99999999000000000000");
    assert_eq!(rows[1]["value"], "1.2345678901234567891");
    // An ordinary integer stays a JSON integer.
    assert_eq!(rows[2]["value"], 7);
    for format in ["csv", "tsv", "table", "json"] {
        let out = tifa()
            .args(["numbers", "-", "--format", format])
            .write_stdin(text)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8_lossy(&out);
        assert!(out.contains("99999999000000000000"), "{format}: {out}");
        assert!(out.contains("1.2345678901234567891"), "{format}: {out}");
    }
}
