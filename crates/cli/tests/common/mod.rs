//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The repository's fixtures/.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// The `tifa` binary of this build.
pub fn tifa() -> Command {
    Command::cargo_bin("tifa").unwrap()
}

/// JSON Lines output as values.
pub fn jsonl(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Runs a command that must succeed and reads its JSON Lines output.
pub fn stdout_of(cmd: &mut Command) -> Vec<Value> {
    jsonl(&cmd.assert().success().get_output().stdout)
}

/// A fresh empty directory for one test, named by `tag`.
pub fn tempdir(tag: &str) -> PathBuf {
    // Unique per call: tests of one binary run on threads of one process,
    // and two that asked for the same tag removed each other's files.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("tifa-test-{}-{tag}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `POST /v1/count` on the server's router, in process.
pub fn server_count(body: Value) -> Value {
    static APP: std::sync::OnceLock<axum::Router> = std::sync::OnceLock::new();
    let app = APP
        .get_or_init(|| {
            tifa_server::app(
                &tifa_core::Lexicon::builtin(),
                tifa_server::Config::default(),
            )
            .unwrap()
        })
        .clone();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let request = axum::http::Request::post("/v1/count")
            .header("content-type", "application/json")
            .body(axum::body::Body::from(body.to_string()))
            .unwrap();
        let response = tower::ServiceExt::oneshot(app, request).await.unwrap();
        assert_eq!(response.status(), 200);
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    })
}
