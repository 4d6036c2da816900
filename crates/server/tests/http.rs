//! tifa-server over real TCP: a server on an ephemeral loopback port per
//! test, and a raw HTTP/1.1 client so that malformed requests can be sent
//! byte for byte.

use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};
use tifa_core::{Lexicon, Matcher, NumberExtractor};
use tifa_server::{Config, OPENAPI};

mod common;
use common::{post_json, request, start, Response};

fn seed(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/seeds")
            .join(name),
    )
    .expect("seed")
}

#[test]
fn analyze_plain_text_gives_the_engine_results() {
    let addr = start(Config::default());
    let text = seed("000_3a8302a680ca68c2.txt");
    let r = request(
        addr,
        "POST",
        "/v1/analyze",
        &[("Content-Type", "text/plain; charset=utf-8")],
        text.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let v = r.json();
    // The same engine as the CLI: counts and records equal tifa-core's.
    let matcher = Matcher::new(&Lexicon::builtin()).unwrap();
    let counts = matcher.count(&text);
    let want: Vec<Value> = tifa_core::phrase_counts(matcher.lexicon(), &counts)
        .iter()
        .map(|c| json!(c))
        .collect();
    assert_eq!(v["counts"].as_array().unwrap(), &want);
    let scan: Vec<Value> = tifa_core::scan(&matcher, "-", &text)
        .iter()
        .map(|r| json!(r))
        .collect();
    assert_eq!(v["matches"].as_array().unwrap(), &scan);
    let numbers = NumberExtractor::new(&Lexicon::builtin())
        .unwrap()
        .extract(&text);
    assert_eq!(v["numbers"].as_array().unwrap().len(), numbers.len());
    assert_eq!(v["chars"], text.chars().count());
}

#[test]
fn analyze_json_with_options() {
    let addr = start(Config::default());
    let body = json!({"text": "一府一委两院，召开常委会会议7次", "id": "d1", "options": {"overlapping": true, "numbers": true}});
    let v = post_json(addr, "/v1/analyze", &body).json();
    let phrases: Vec<&str> = v["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["phrase"].as_str().unwrap())
        .collect();
    assert_eq!(phrases, ["一府一委两院", "两院"]);
    assert_eq!(v["matches"][0]["doc"], "d1");
    assert_eq!(v["numbers"][0]["subject"], "常委会会议");
    let v = post_json(
        addr,
        "/v1/analyze",
        &json!({"text": "全过程人\n民民主", "options": {"strict": true, "numbers": false}}),
    )
    .json();
    assert_eq!(v["matches"].as_array().unwrap().len(), 0);
    assert_eq!(v["numbers"].as_array().unwrap().len(), 0);
}

#[test]
fn bad_requests_get_json_errors_with_the_right_status() {
    let addr = start(Config {
        max_body: 1024,
        ..Config::default()
    });
    let json_h = [("Content-Type", "application/json")];
    let cases: Vec<(&str, Response, u16, &str)> = vec![
        (
            "malformed JSON",
            request(addr, "POST", "/v1/analyze", &json_h, b"{\"text\": "),
            400,
            "malformed_json",
        ),
        (
            "missing text",
            request(addr, "POST", "/v1/analyze", &json_h, b"{\"options\": {}}"),
            422,
            "invalid_request",
        ),
        (
            "wrong type",
            request(addr, "POST", "/v1/analyze", &json_h, b"{\"text\": 5}"),
            422,
            "invalid_request",
        ),
        (
            "unknown option",
            request(
                addr,
                "POST",
                "/v1/analyze",
                &json_h,
                b"{\"text\": \"x\", \"options\": {\"fast\": true}}",
            ),
            422,
            "invalid_request",
        ),
        (
            "invalid UTF-8 JSON",
            request(
                addr,
                "POST",
                "/v1/analyze",
                &json_h,
                b"{\"text\": \"\xff\xfe\"}",
            ),
            400,
            "invalid_utf8",
        ),
        (
            "invalid UTF-8 text",
            request(
                addr,
                "POST",
                "/v1/analyze",
                &[("Content-Type", "text/plain")],
                b"ab\xffcd",
            ),
            400,
            "invalid_utf8",
        ),
        (
            "empty body",
            request(addr, "POST", "/v1/analyze", &json_h, b""),
            400,
            "empty_body",
        ),
        (
            "too large",
            request(
                addr,
                "POST",
                "/v1/analyze",
                &[("Content-Type", "text/plain")],
                &vec![b'a'; 4096],
            ),
            413,
            "body_too_large",
        ),
        (
            "wrong content type",
            request(
                addr,
                "POST",
                "/v1/analyze",
                &[("Content-Type", "application/xml")],
                b"<a/>",
            ),
            415,
            "unsupported_media_type",
        ),
        (
            "no content type",
            request(addr, "POST", "/v1/analyze", &[], b"{\"text\": \"x\"}"),
            415,
            "unsupported_media_type",
        ),
        (
            "text to count",
            request(
                addr,
                "POST",
                "/v1/count",
                &[("Content-Type", "text/plain")],
                b"x",
            ),
            415,
            "unsupported_media_type",
        ),
        (
            "count without documents",
            request(addr, "POST", "/v1/count", &json_h, b"{}"),
            422,
            "invalid_request",
        ),
        (
            "unknown route",
            request(addr, "GET", "/v2/nothing", &[], b""),
            404,
            "not_found",
        ),
        (
            "wrong method",
            request(addr, "GET", "/v1/analyze", &[], b""),
            405,
            "method_not_allowed",
        ),
    ];
    for (name, r, status, code) in cases {
        assert_eq!(
            r.status,
            status,
            "{name}: {}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(r.error_code(), code, "{name}");
        assert!(
            !r.json()["error"]["message"].as_str().unwrap().is_empty(),
            "{name}"
        );
    }
}

#[test]
fn a_token_is_required_when_set() {
    let addr = start(Config {
        token: Some("s3cret".into()),
        ..Config::default()
    });
    let body = r#"{"text": "两院"}"#.as_bytes();
    let none = request(
        addr,
        "POST",
        "/v1/analyze",
        &[("Content-Type", "application/json")],
        body,
    );
    assert_eq!(
        (none.status, none.error_code().as_str()),
        (401, "unauthorized")
    );
    let wrong = request(
        addr,
        "POST",
        "/v1/analyze",
        &[
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer s3cre"),
        ],
        body,
    );
    assert_eq!(wrong.status, 401);
    let right = request(
        addr,
        "POST",
        "/v1/analyze",
        &[
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer s3cret"),
        ],
        body,
    );
    assert_eq!(right.status, 200);
    assert_eq!(request(addr, "GET", "/v1/lexicon", &[], b"").status, 401);
    assert_eq!(
        request(addr, "GET", "/healthz", &[], b"").status,
        200,
        "health checks need no token"
    );
}

#[test]
fn count_groups_documents_like_the_cli() {
    let addr = start(Config::default());
    let body = json!({
        "documents": [
            {"id": "a", "text": "一府一委两院和一府两院", "meta": {"year": 2018}},
            {"id": "b", "text": "——2023年1月13日在会议上\n一府一委两院"},
            {"text": "无年份的文本，一府一委两院"}
        ],
        "by": ["year"]
    });
    let r = post_json(addr, "/v1/count", &body);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    // Fields in the CLI's order: the group fields first, then the count columns.
    let raw = String::from_utf8_lossy(&r.body);
    assert!(
        raw.starts_with(r#"[{"year":"2018","phrase":"一府一委两院","category":"institution","count":1,"expanded":0,"docs":1,"chars":11,"per_10k":"#),
        "{raw}"
    );
    let rows = r.json();
    let got: Vec<(String, String, u64)> = rows
        .as_array()
        .unwrap()
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
            ("2018".into(), "一府一委两院".into(), 1),
            ("2018".into(), "一府两院".into(), 1),
            ("2023".into(), "一府一委两院".into(), 1),
            ("".into(), "一府一委两院".into(), 1),
        ]
    );
}

#[test]
fn kwic_and_lexicon() {
    let addr = start(Config::default());
    let v = post_json(
        addr,
        "/v1/kwic",
        &json!({"text": "坚持一府一委两院，最高法两院", "phrases": ["两院"], "width": 3}),
    )
    .json();
    let lines = v.as_array().unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (lines[0]["left"].as_str(), lines[0]["match"].as_str()),
        (Some("最高法"), Some("两院"))
    );
    // A phrase outside the lexicon is added for the request (SPEC §4) and
    // matched like an entry: across a line break, in traditional form.
    let v = post_json(
        addr,
        "/v1/kwic",
        &json!({"text": "一要改革\n开放，二要改革開放", "phrases": ["改革开放"], "width": 2}),
    )
    .json();
    let found: Vec<(&str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["left"].as_str().unwrap(), l["match"].as_str().unwrap()))
        .collect();
    // (kwic shows a line break as a space.)
    assert_eq!(found, [("一要", "改革 开放"), ("二要", "改革開放")]);
    let lex = request(addr, "GET", "/v1/lexicon", &[], b"").json();
    assert_eq!(lex.as_array().unwrap().len(), Lexicon::builtin().len());
}

#[test]
fn metrics_count_requests_by_route_and_status() {
    let addr = start(Config::default());
    post_json(addr, "/v1/analyze", &json!({"text": "两院"}));
    request(
        addr,
        "POST",
        "/v1/analyze",
        &[("Content-Type", "application/json")],
        b"{",
    );
    let m = String::from_utf8(request(addr, "GET", "/metrics", &[], b"").body).unwrap();
    assert!(
        m.contains(r#"tifa_requests_total{route="/v1/analyze",status="200"} 1"#),
        "{m}"
    );
    assert!(
        m.contains(r#"tifa_requests_total{route="/v1/analyze",status="400"} 1"#),
        "{m}"
    );
    assert!(m.contains("tifa_request_duration_seconds_bucket"), "{m}");
    assert!(m.contains("tifa_text_bytes_total 6"), "{m}");
}

#[test]
fn a_request_over_the_timeout_is_answered_503() {
    let addr = start(Config {
        timeout: Duration::from_millis(1),
        ..Config::default()
    });
    let big = seed("004_031ce8af2aa5712c.txt").repeat(100);
    let r = request(
        addr,
        "POST",
        "/v1/analyze",
        &[("Content-Type", "text/plain")],
        big.as_bytes(),
    );
    assert_eq!((r.status, r.error_code().as_str()), (503, "timeout"));
    assert_eq!(request(addr, "GET", "/healthz", &[], b"").status, 200);
}

/// The OpenAPI file and the router agree: every path and method the file
/// names is served, and no other method answers on those paths.
#[test]
fn openapi_describes_the_served_api() {
    let addr = start(Config::default());
    let served = request(addr, "GET", "/openapi.json", &[], b"").json();
    let spec: Value = serde_json::from_str(OPENAPI).unwrap();
    assert_eq!(served, spec);
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in ["get", "post"] {
            let r = request(
                addr,
                &method.to_uppercase(),
                path,
                &[("Content-Type", "application/json")],
                b"{}",
            );
            if item.get(method).is_some() {
                assert!(
                    r.status != 404 && r.status != 405,
                    "{method} {path} is in openapi.json but answers {}",
                    r.status
                );
            } else {
                assert_eq!(
                    r.status, 405,
                    "{method} {path} answers {} but is not in openapi.json",
                    r.status
                );
            }
        }
    }
    assert_eq!(spec["paths"].as_object().unwrap().len(), 10);
}

#[test]
fn the_web_page_is_self_contained() {
    let addr = start(Config::default());
    let r = request(addr, "GET", "/", &[], b"");
    assert_eq!(r.status, 200);
    assert!(r
        .headers
        .to_ascii_lowercase()
        .contains("content-type: text/html"));
    let html = String::from_utf8(r.body).unwrap();
    assert!(html.contains("/v1/analyze"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no external resources"
    );
}

#[test]
fn the_binary_shuts_down_on_sigterm() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tifa-server"))
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let mut up = false;
    for _ in 0..100 {
        if TcpStream::connect(addr).is_ok() {
            up = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(up, "the server did not start");
    assert_eq!(request(addr, "GET", "/healthz", &[], b"").status, 200);
    // A large request in flight when SIGTERM arrives still gets its answer.
    let big = seed("004_031ce8af2aa5712c.txt").repeat(150);
    let in_flight = std::thread::spawn(move || {
        request(
            addr,
            "POST",
            "/v1/analyze",
            &[("Content-Type", "text/plain")],
            big.as_bytes(),
        )
    });
    std::thread::sleep(Duration::from_millis(300));
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let answer = in_flight.join().unwrap();
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}
