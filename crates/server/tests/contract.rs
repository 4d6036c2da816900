//! SPEC §5's rules for bad input and abandoned work, over real TCP: bounded
//! error messages, the body held to its schema, a request abandoned when it
//! times out, small requests served while large ones run.

use std::time::{Duration, Instant};

use serde_json::json;
use tifa_server::Config;

mod common;
use common::{post_json, request, start, start_with_blocking_threads};

const JSON: [(&str, &str); 1] = [("Content-Type", "application/json")];

#[test]
fn error_messages_stay_small_whatever_the_input() {
    let addr = start(Config::default());
    let huge = "x".repeat(10 << 20);
    let cases = [
        (
            "a 10 MB string for options",
            json!({"text": "两院", "options": huge}),
        ),
        (
            "a 10 MB string for by",
            json!({"documents": [], "by": huge}),
        ),
        (
            "a 10 MB unknown field",
            json!({"text": "两院", huge.clone(): 1}),
        ),
    ];
    for (name, body) in cases {
        let path = if name.contains("by") {
            "/v1/count"
        } else {
            "/v1/analyze"
        };
        let r = post_json(addr, path, &body);
        assert_eq!(r.status, 422, "{name}");
        assert!(r.body.len() < 2048, "{name}: {} bytes", r.body.len());
        let message = r.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(message.contains("bytes cut"), "{name}: {message}");
    }
}

#[test]
fn the_body_is_held_to_its_schema() {
    let addr = start(Config::default());
    let status = |path: &str, body: &[u8]| {
        let r = request(addr, "POST", path, &JSON, body);
        (
            r.status,
            r.json()["error"]["code"].as_str().map(String::from),
        )
    };
    let invalid = (422, Some("invalid_request".to_string()));
    // An array where the object belongs (serde would read it as the fields).
    assert_eq!(status("/v1/analyze", r#"["两院"]"#.as_bytes()), invalid);
    assert_eq!(status("/v1/analyze", r#""两院""#.as_bytes()), invalid);
    // null is a wrong type, not a missing field.
    assert_eq!(
        status("/v1/analyze", r#"{"text": "两院", "id": null}"#.as_bytes()),
        invalid
    );
    assert_eq!(
        status(
            "/v1/analyze",
            r#"{"text": "两院", "options": {"numbers": null}}"#.as_bytes()
        ),
        invalid
    );
    assert_eq!(
        status(
            "/v1/kwic",
            r#"{"text": null, "phrases": ["两院"]}"#.as_bytes()
        ),
        invalid
    );
    // `numbers` means something on analyze only.
    assert_eq!(
        status(
            "/v1/count",
            br#"{"documents": [], "options": {"numbers": false}}"#
        ),
        invalid
    );
    // Structured metadata is refused, naming the field.
    let r = post_json(
        addr,
        "/v1/count",
        &json!({"documents": [{"text": "两院", "meta": {"year": [2023]}}]}),
    );
    assert_eq!(r.status, 422);
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("documents[0].meta.year"));
    // Nested objects too (found by schemathesis): options and documents.
    assert_eq!(
        status(
            "/v1/count",
            r#"{"documents": [], "options": []}"#.as_bytes()
        ),
        invalid
    );
    assert_eq!(
        status("/v1/count", r#"{"documents": [["d", "两院"]]}"#.as_bytes()),
        invalid
    );
    // A width written 20.0 is 20 (JSON Schema's integer); 2.5 is not.
    let kwic = |width: &str| {
        let body = format!(r#"{{"text": "最高法两院", "phrases": ["两院"], "width": {width}}}"#);
        request(addr, "POST", "/v1/kwic", &JSON, body.as_bytes())
    };
    assert_eq!(kwic("2.0").json()[0]["left"], "高法");
    assert_eq!(kwic("2.5").status, 422);
    assert_eq!(kwic("1e30").status, 200);
    // Malformed JSON stays a 400.
    assert_eq!(
        status("/v1/analyze", br#"{"text""#),
        (400, Some("malformed_json".into()))
    );
}

#[test]
fn small_differences_of_form_are_accepted() {
    let addr = start(Config {
        token: Some("s3cret".into()),
        ..Config::default()
    });
    let auth = |scheme: &str| format!("{scheme} s3cret");
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let value = auth(scheme);
        let headers = [
            ("Content-Type", "application/json"),
            ("Authorization", value.as_str()),
        ];
        let r = request(
            addr,
            "POST",
            "/v1/analyze",
            &headers,
            r#"{"text": "两院"}"#.as_bytes(),
        );
        assert_eq!(r.status, 200, "{scheme}");
    }
    let bearer = [("Authorization", "Bearer s3cret")];
    // A byte-order mark before JSON.
    let mut bom = "\u{FEFF}".as_bytes().to_vec();
    bom.extend_from_slice(r#"{"text": "两院"}"#.as_bytes());
    let headers = [JSON[0], bearer[0]];
    assert_eq!(
        request(addr, "POST", "/v1/analyze", &headers, &bom).status,
        200
    );
    // An empty text is a text, sent either way.
    let plain = [("Content-Type", "text/plain"), bearer[0]];
    let empty = request(addr, "POST", "/v1/analyze", &plain, b"");
    assert_eq!(empty.status, 200);
    let as_json = request(addr, "POST", "/v1/analyze", &headers, br#"{"text": ""}"#);
    assert_eq!(empty.json(), as_json.json());
    // No Content-Type: the answer says what to send.
    let r = request(
        addr,
        "POST",
        "/v1/analyze",
        &bearer,
        r#"{"text": "两院"}"#.as_bytes(),
    );
    assert_eq!(r.status, 415);
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("no Content-Type"));
}

/// A text of about `mib` MiB of report prose.
fn report_text(mib: usize) -> String {
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/seeds/004_031ce8af2aa5712c.txt"),
    )
    .unwrap();
    seed.repeat((mib << 20) / seed.len() + 1)
}

/// `POST /v1/analyze` of a plain text.
fn analyze_text(addr: std::net::SocketAddr, text: &str) -> common::Response {
    request(
        addr,
        "POST",
        "/v1/analyze",
        &[("Content-Type", "text/plain")],
        text.as_bytes(),
    )
}

/// `n` analyses of `text` at once, each on a thread of its own.
fn analyze_in_threads(
    addr: std::net::SocketAddr,
    text: &str,
    n: usize,
) -> Vec<std::thread::JoinHandle<common::Response>> {
    (0..n)
        .map(|_| {
            let text = text.to_string();
            std::thread::spawn(move || analyze_text(addr, &text))
        })
        .collect()
}

#[test]
fn abandoned_work_stops_and_frees_its_thread() {
    // Two blocking threads, as `--threads 1` gives; one second to answer.
    let addr = start_with_blocking_threads(
        Config {
            timeout: Duration::from_secs(1),
            ..Config::default()
        },
        2,
    );
    let large = analyze_in_threads(addr, &report_text(8), 4);
    for r in large {
        let r = r.join().unwrap();
        assert_eq!(r.status, 503);
        assert!(
            r.headers.to_ascii_lowercase().contains("retry-after: 1"),
            "{}",
            r.headers
        );
    }
    // The four abandoned jobs have stopped: a request large enough to need
    // a blocking thread gets one, and is answered within the timeout.
    // About 150 KB: over the size worked at once on the async threads.
    let medium: String = report_text(1).chars().take(50_000).collect();
    assert!(medium.len() > 100_000);
    let r = analyze_text(addr, &medium);
    assert_eq!(
        r.status,
        200,
        "{}",
        String::from_utf8_lossy(&r.body[..r.body.len().min(300)])
    );
}

#[test]
fn a_small_request_is_served_while_large_ones_run() {
    let addr = start_with_blocking_threads(Config::default(), 2);
    let large = analyze_in_threads(addr, &report_text(8), 4);
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let r = post_json(
        addr,
        "/v1/analyze",
        &json!({"text": "坚持一府一委两院，召开常委会会议7次"}),
    );
    let took = started.elapsed();
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["numbers"][0]["value"], 7);
    for r in large {
        assert_eq!(r.join().unwrap().status, 200);
    }
    // Served beside them, not after them (each large one takes seconds).
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[test]
fn a_grouping_field_no_document_has_is_said() {
    let addr = start(Config::default());
    let r = post_json(
        addr,
        "/v1/count",
        &json!({"documents": [{"text": "两院", "meta": {"year": 2020}}], "by": ["year", "regoin", "地区"]}),
    );
    assert_eq!(r.status, 200);
    let notes: Vec<&str> = r
        .headers
        .lines()
        .filter_map(|l| l.strip_prefix("tifa-note: "))
        .collect();
    assert_eq!(
        notes,
        [
            "1 documents have no `regoin` (grouped under \"\"); give it in `meta`",
            "1 documents have no `\\u{5730}\\u{533a}` (grouped under \"\"); give it in `meta`"
        ],
        "{}",
        r.headers
    );
}

/// Every answer of these tests is checked against openapi.json (in
/// `common::request`); the check itself catches a row that breaks it.
#[test]
#[should_panic(expected = "breaks openapi.json")]
fn the_schema_check_catches_a_wrong_answer() {
    let wrong = common::Response {
        status: 200,
        headers: String::new(),
        body: br#"[{"phrase": "x", "category": "y", "count": -1}]"#.to_vec(),
    };
    common::conforms("POST", "/v1/count", &wrong);
}
