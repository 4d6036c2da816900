//! End-to-end tests of `tifa trend`.

use std::collections::HashMap;

mod common;
use common::{fixtures, jsonl, stdout_of, tempdir, tifa};
use predicates::prelude::*;

const PHRASES: &str = "人大常委会,执法检查,全过程人民民主,一府一委两院";

#[test]
fn series_equal_the_count_table() {
    let seeds = fixtures().join("seeds");
    let count = stdout_of(
        tifa()
            .args([
                "count",
                "--by",
                "year",
                "--phrases",
                PHRASES,
                "--format",
                "jsonl",
            ])
            .arg(&seeds),
    );
    let trend = stdout_of(
        tifa()
            .args([
                "trend",
                "--by",
                "year",
                "--phrases",
                PHRASES,
                "--format",
                "jsonl",
            ])
            .arg(&seeds),
    );
    let counted: HashMap<(String, String), (u64, f64)> = count
        .iter()
        .filter(|r| r["year"] != "")
        .map(|r| {
            let key = (
                r["year"].as_str().unwrap().to_string(),
                r["phrase"].as_str().unwrap().to_string(),
            );
            (
                key,
                (r["count"].as_u64().unwrap(), r["per_10k"].as_f64().unwrap()),
            )
        })
        .collect();
    assert!(!counted.is_empty());
    let years: Vec<&str> = trend.iter().map(|r| r["year"].as_str().unwrap()).collect();
    assert!(
        years.contains(&"2021") && years.contains(&"2022"),
        "years without documents are in the series as gaps"
    );
    for r in &trend {
        let key = (
            r["year"].as_str().unwrap().to_string(),
            r["phrase"].as_str().unwrap().to_string(),
        );
        match counted.get(&key) {
            Some(&(c, p)) => {
                assert_eq!(r["count"].as_u64(), Some(c), "{key:?}");
                assert_eq!(r["per_10k"].as_f64(), Some(p), "{key:?}");
            }
            // No row in the count table: either a year without documents (a
            // gap, null) or a year with documents and no occurrence (0).
            None if r["chars"].is_null() => {
                assert!(r["count"].is_null() && r["per_10k"].is_null(), "{r}")
            }
            None => assert_eq!(r["count"].as_u64(), Some(0), "{r}"),
        }
    }
    for key in counted.keys() {
        assert!(
            trend
                .iter()
                .any(|r| r["year"] == key.0.as_str() && r["phrase"] == key.1.as_str()),
            "{key:?} missing"
        );
    }
}

#[test]
fn html_report_on_the_cpc_reports() {
    let dir = tempdir("trend-html");
    let out = dir.join("report.html");
    tifa()
        .args([
            "trend",
            "--by",
            "congress",
            "--phrases",
            "中国特色社会主义,全过程人民民主,以人民为中心",
            "--out",
        ])
        .arg(&out)
        .arg(fixtures().join("cpc/cpc-congress-reports.jsonl"))
        .assert()
        .success()
        // The report is the output: nothing on stdout, its path on stderr.
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(format!("wrote {}", out.display())));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no external reference"
    );
    let doc = scraper::Html::parse_document(&html);
    let figure = scraper::Selector::parse("figure").unwrap();
    let text = scraper::Selector::parse("text").unwrap();
    let mut names: Vec<&str> = doc
        .select(&figure)
        .filter_map(|f| f.value().attr("data-chart"))
        .collect();
    assert_eq!(names.remove(0), "overview", "the overview first");
    names.sort_unstable();
    let mut asked = ["中国特色社会主义", "全过程人民民主", "以人民为中心"];
    asked.sort_unstable();
    assert_eq!(names, asked, "then one chart per phrase");
    // Every congress, 1 to 20 (the 7th has a report too), labels the axis
    // of every chart, in order: no label skipped, none invented.
    let congresses: Vec<String> = (1..=20).map(|c| c.to_string()).collect();
    for f in doc.select(&figure) {
        let labels: Vec<String> = f
            .select(&text)
            .map(|t| t.text().collect::<String>().trim().to_string())
            .filter(|t| t.parse::<u32>().is_ok_and(|n| (1..=30).contains(&n)))
            .collect();
        let axis: Vec<String> = labels
            .into_iter()
            .filter(|l| congresses.contains(l))
            .collect();
        assert_eq!(axis, congresses, "{:?}", f.value().attr("data-chart"));
    }
    // The subtitle says which phrases, the note how to read the scale.
    assert!(html.contains("Showing the phrases asked for."), "{html}");
    assert!(html.contains("All charts share one scale"));
}

#[test]
fn markdown_and_svg_outputs() {
    let dir = tempdir("trend-md");
    let md = dir.join("r.md");
    tifa()
        .args(["trend", "--phrases", PHRASES, "--out"])
        .arg(&md)
        .arg(fixtures().join("seeds"))
        .assert()
        .success();
    let text = std::fs::read_to_string(&md).unwrap();
    for i in 1..=4 {
        assert!(text.contains(&format!("(r-{i}.svg)")), "{text}");
        let svg = std::fs::read_to_string(dir.join(format!("r-{i}.svg"))).unwrap();
        assert!(svg.starts_with("<svg"));
    }
    let one = dir.join("chart.svg");
    tifa()
        .args(["trend", "--phrases", PHRASES, "--out"])
        .arg(&one)
        .arg(fixtures().join("seeds"))
        .assert()
        .success();
    let svg = std::fs::read_to_string(&one).unwrap();
    assert!(
        svg.contains("人大常委会") && svg.contains("执法检查"),
        "one chart with every series and a legend"
    );
}

#[test]
fn bad_input_has_clear_messages() {
    // A phrase outside the lexicon is added for the run (SPEC §4); one
    // that occurs nowhere and is close to an entry gets the hint.
    tifa()
        .args(["trend", "--phrases", "一府一委", "--meta", "year=2020", "-"])
        .write_stdin("x")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "added for this run as `custom`: 一府一委 (found 0 times; did you mean 一府一委两院",
        ));
    tifa()
        .args(["trend", "-"])
        .write_stdin("没有年份的文本，一府一委两院")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--meta year="));
    tifa()
        .args(["trend", "--out", "x.pdf", "--meta", "year=2023", "-"])
        .write_stdin("一府一委两院")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--out takes a .html, .md or .svg file",
        ));
}

#[test]
fn a_single_year_gives_a_table_and_a_dot() {
    let dir = tempdir("trend-one");
    let svg = dir.join("one.svg");
    let out = tifa()
        .args(["trend", "--meta", "year=2023", "--format", "jsonl", "-"])
        .write_stdin("一府一委两院")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows = jsonl(&out);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0]["year"].as_str(), rows[0]["count"].as_u64()),
        (Some("2023"), Some(1))
    );
    tifa()
        .args(["trend", "--meta", "year=2023", "--out"])
        .arg(&svg)
        .arg("-")
        .write_stdin("一府一委两院")
        .assert()
        .success();
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<circle"));
}
