//! `POST /v1/keyness` and `POST /v1/collocates` over real TCP: the answers
//! equal tifa-core's statistics on the same documents (the CPC congress
//! reports of `fixtures/`), every answer valid against openapi.json
//! (`common::request` checks it), and errors that name the field.

use std::path::Path;

use serde_json::{json, Value};
use tifa_core::stats::collocates::{collocates, CollocateOptions, Measure, Node, Unit};
use tifa_core::stats::compare::{keyness_rows, Comparison};
use tifa_core::{CountTable, Lexicon, MatchOptions, Matcher};
use tifa_server::Config;

mod common;
use common::{post_json, start};

/// (congress, text) of each CPC report.
fn cpc() -> Vec<(String, String)> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/cpc/cpc-congress-reports.jsonl");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let r: Value = serde_json::from_str(l).unwrap();
            (
                r["congress"].to_string(),
                r["content"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn documents(docs: &[(String, String)]) -> Value {
    docs.iter()
        .map(|(congress, text)| json!({"text": text, "meta": {"congress": congress}}))
        .collect()
}

#[test]
fn keyness_equals_the_library() {
    let addr = start(Config::default());
    let docs = cpc();
    let body =
        json!({"documents": documents(&docs), "by": "congress", "target": ["20"], "yates": true});
    let r = post_json(addr, "/v1/keyness", &body);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let matcher = Matcher::new(&Lexicon::builtin()).unwrap();
    let mut table = CountTable::new(vec!["congress".into()]);
    for (congress, text) in &docs {
        table.add(
            vec![congress.clone()],
            &matcher.count(text),
            text.chars().count() as u64,
        );
    }
    let cmp = Comparison {
        field: "congress".into(),
        target: vec!["20".into()],
        yates: true,
        ..Comparison::default()
    };
    let want: Vec<Value> = keyness_rows(&table, matcher.lexicon(), &cmp)
        .unwrap()
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    let got = r.json();
    assert!(want.len() > 10);
    assert_eq!(got.as_array().unwrap(), &want);
    assert!(got[0].get("chi2").is_some());

    // Ad-hoc phrases: only they, even at 0.
    let body = json!({"documents": documents(&docs), "by": "congress", "target": ["20"],
                      "phrases": ["全过程人民民主", "不存在的提法"]});
    let got = post_json(addr, "/v1/keyness", &body).json();
    let phrases: Vec<&str> = got
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["phrase"].as_str().unwrap())
        .collect();
    assert_eq!(phrases, ["全过程人民民主", "不存在的提法"]);
}

#[test]
fn keyness_errors_name_the_field() {
    let addr = start(Config::default());
    let docs = documents(&cpc()[..3]);
    for (body, says) in [
        (
            json!({"documents": docs, "by": "congress", "target": ["99"]}),
            "target: no document has congress = 99",
        ),
        (
            json!({"documents": docs, "by": "congress", "target": ["1"], "reference": ["98"]}),
            "reference: no document has congress = 98",
        ),
        (
            json!({"documents": docs, "by": "congress", "target": []}),
            "target: give at least one value",
        ),
        (
            json!({"documents": docs, "by": "year", "target": ["2023"]}),
            "target: no document has year = 2023",
        ),
        (
            json!({"documents": docs, "by": "congress"}),
            "missing field `target`",
        ),
    ] {
        let r = post_json(addr, "/v1/keyness", &body);
        assert_eq!(r.status, 422, "{}", String::from_utf8_lossy(&r.body));
        let message = r.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(message.contains(says), "{message}");
        assert!(!message.contains("--"), "{message}");
    }
}

#[test]
fn collocates_equal_the_library() {
    let addr = start(Config::default());
    let docs = cpc();
    let node = Node::new(&Lexicon::builtin(), MatchOptions::default(), "改革开放").unwrap();
    let texts = || docs.iter().map(|(_, t)| t.as_str());
    for (extra, opts) in [
        (json!({}), CollocateOptions::default()),
        (
            json!({"window": 3, "chars": 2, "min_freq": 5, "min_co": 3, "sort": "mi", "top": 15}),
            CollocateOptions {
                window: 3,
                unit: Unit::Chars(2),
                min_freq: 5,
                min_co: 3,
                sort: Measure::Mi,
                top: Some(15),
            },
        ),
    ] {
        let mut body = json!({"documents": documents(&docs), "phrase": "改革开放"});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        let r = post_json(addr, "/v1/collocates", &body);
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        let want = serde_json::to_value(collocates(&node, texts(), &opts).unwrap()).unwrap();
        assert!(want["rows"].as_array().unwrap().len() > 10);
        assert_eq!(r.json(), want);
    }
    // `text` alone, in traditional characters across a line break: the
    // collocates of the plain text.
    let plain = post_json(addr, "/v1/collocates", &json!({"text": "坚持推进全过程人民民主建设", "phrase": "全过程人民民主", "min_co": 1, "min_freq": 1})).json();
    let written = post_json(addr, "/v1/collocates", &json!({"text": "堅持推\n進全過程人\n民民主建設", "phrase": "全過程人民民主", "min_co": 1, "min_freq": 1})).json();
    assert_eq!(plain["node_freq"], 1);
    assert_eq!(plain, written);
}

#[test]
fn collocates_errors_name_the_field() {
    let addr = start(Config::default());
    for (body, says) in [
        (
            json!({"text": "甲", "phrase": "改革开放", "window": 0}),
            "window: 0 is out of range",
        ),
        (
            json!({"text": "甲", "phrase": "改革开放", "window": 1e12}),
            "window: 4294967295 is out of range",
        ),
        (
            json!({"text": "甲", "phrase": "改革开放", "chars": 0}),
            "chars: 0 is out of range",
        ),
        (
            json!({"text": "甲", "phrase": "改革开放", "sort": "chi2"}),
            "unknown measure `chi2`",
        ),
        (
            json!({"text": "甲", "phrase": "  "}),
            "phrase: give the phrase",
        ),
        (json!({"phrase": "改革开放"}), "give `text` or `documents`"),
        (json!({"text": "甲"}), "missing field `phrase`"),
    ] {
        let r = post_json(addr, "/v1/collocates", &body);
        assert_eq!(
            r.status,
            422,
            "{body}: {}",
            String::from_utf8_lossy(&r.body)
        );
        let message = r.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(message.contains(says), "{message}");
    }
}
