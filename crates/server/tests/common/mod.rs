//! The server started in-process on an ephemeral loopback port.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use serde_json::{json, Value};

use tifa_core::Lexicon;
use tifa_server::{app, Config};

/// Starts a server with `config` on 127.0.0.1:0; it lives until the test
/// process ends.
pub fn start(config: Config) -> SocketAddr {
    start_with_blocking_threads(config, 512)
}

/// [`start`] with at most `blocking` blocking threads, as the binary runs
/// (`2 × --threads`): what a request's work holds is then scarce.
pub fn start_with_blocking_threads(config: Config, blocking: usize) -> SocketAddr {
    let router = app(&Lexicon::builtin(), config).expect("app");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    listener.set_nonblocking(true).expect("nonblocking");
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(blocking)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(listener, router).await.expect("serve");
        });
    });
    addr
}

pub struct Response {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .expect("error.code")
            .to_string()
    }
}

/// One request on a fresh connection (`Connection: close`).
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("write head");
    // A body the server refuses early may end the connection before it is
    // all sent: that is fine, the answer is already on its way.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of head");
    let headers = String::from_utf8_lossy(&raw[..split]).to_string();
    let status: u16 = headers
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    let mut body = raw[split + 4..].to_vec();
    if headers
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    let response = Response {
        status,
        headers,
        body,
    };
    conforms(method, path, &response);
    response
}

/// The server's OpenAPI document as a JSON Schema root: its component
/// schemas resolve `#/components/schemas/…` references.
fn openapi() -> &'static Value {
    static DOC: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc: Value = serde_json::from_str(tifa_server::OPENAPI).expect("openapi.json");
        doc["$schema"] = "https://json-schema.org/draft/2020-12/schema".into();
        doc
    })
}

/// Every JSON answer of the tests is checked against the OpenAPI document:
/// its status must be listed for the route (404 and 405 for any path), and
/// its body must match the schema given there.
pub fn conforms(method: &str, path: &str, r: &Response) {
    let doc = openapi();
    let route = path.split('?').next().unwrap_or(path);
    let op = &doc["paths"][route][method.to_ascii_lowercase()];
    let described = op["responses"].get(r.status.to_string());
    let schema = match described {
        Some(d) => d["content"]["application/json"]["schema"].clone(),
        None if r.status == 404 || r.status == 405 => json!({"$ref": "#/components/schemas/Error"}),
        None => panic!(
            "{method} {path} answered {}, which openapi.json does not list",
            r.status
        ),
    };
    if schema.is_null() {
        return; // not a JSON answer (text, HTML)
    }
    let mut root = doc.clone();
    if let Some(obj) = root.as_object_mut() {
        obj.insert("$ref".into(), json!("#/$defs/answer"));
        obj.insert("$defs".into(), json!({ "answer": schema }));
    }
    let validator = jsonschema::validator_for(&root).expect("a valid schema");
    let body: Value = serde_json::from_slice(&r.body)
        .unwrap_or_else(|e| panic!("{method} {path}: {} is not JSON ({e})", r.status));
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .take(5)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {path} {}: the answer breaks openapi.json: {errors:?}",
        r.status
    );
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
}

pub fn post_json(addr: SocketAddr, path: &str, body: &Value) -> Response {
    request(
        addr,
        "POST",
        path,
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    )
}
