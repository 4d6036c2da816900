//! # tifa-server
//!
//! tifa over HTTP (SPEC §5): the same engine and the same serde records as
//! the CLI, as a JSON service. Nothing here matches or counts: handlers
//! parse the request, call tifa-core on a blocking thread (so a large
//! request never stalls the async workers or `/healthz`), and serialize
//! tifa-core's records.
//!
//! Every error is `{"error": {"code", "message"}}` with a 4xx status (or 503
//! for a request over `--timeout`): malformed JSON and invalid UTF-8 are 400,
//! a bad token 401, a body over `--max-body` 413, a content type other than
//! JSON or plain text 415, a missing field or a wrong type 422.
//!
//! ## Design
//!
//! The crate is split by responsibility; the modules depend on one another
//! in one direction only (besides [`Config`], which lives here):
//!
//! - `error`: [`ApiError`] and the answers of the fallbacks (404, 405, a
//!   handler that panicked);
//! - `body`: reading a body: its size, its content type, UTF-8, and JSON
//!   into a typed request (or plain text where an endpoint accepts it);
//! - `middleware`: the bearer-token check on `/v1/*` and the Prometheus
//!   metrics; each middleware gets only the part of the state it needs;
//! - `state`: what the handlers share, built once by [`app`]: the lexicon,
//!   one matcher per pair of matching switches (`overlapping`, `strict`),
//!   the number extractor, the config and the metrics; and the helper that
//!   runs a handler's work off the async threads within `--timeout`;
//! - `handlers`: one module per route group (`analyze`, `count`, `kwic`,
//!   `stats` for keyness and collocates, `lexicon`, and `service` for `/`,
//!   `/healthz`, `/openapi.json` and `/metrics`).
//!
//! The layers, from the outside in: tracing, compression, a caught panic
//! answered 500, the metrics (so every answer is counted, errors
//! included), the body limit, then the token check on `/v1/*` only.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use tifa_core::Lexicon;

mod body;
mod error;
mod handlers;
mod middleware;
mod state;

pub use error::ApiError;
pub use handlers::OPENAPI;

use handlers::{
    analyze, collocates_handler, count, healthz, keyness, kwic_handler, lexicon_handler, metrics,
    openapi, ui,
};
use state::AppState;

/// The service's settings (the binary's flags).
#[derive(Debug, Clone)]
pub struct Config {
    /// The largest request body accepted, in bytes (413 above).
    pub max_body: usize,
    /// How long a request may compute before it is answered 503.
    pub timeout: Duration,
    /// When set, `/v1/*` requires `Authorization: Bearer <token>`.
    pub token: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_body: 16 << 20,
            timeout: Duration::from_secs(30),
            token: None,
        }
    }
}

/// Builds the router for `lexicon` and `config`: the whole service, ready
/// for `axum::serve`.
pub fn app(lexicon: &Lexicon, config: Config) -> Result<Router, String> {
    let max_body = config.max_body;
    let state = AppState::new(lexicon, config)?;
    let api = Router::new()
        .route("/v1/analyze", post(analyze))
        .route("/v1/count", post(count))
        .route("/v1/kwic", post(kwic_handler))
        .route("/v1/keyness", post(keyness))
        .route("/v1/collocates", post(collocates_handler))
        .route("/v1/lexicon", get(lexicon_handler))
        .route_layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state.config),
            middleware::require_token,
        ));
    Ok(Router::new()
        .merge(api)
        .route("/", get(ui))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state.metrics),
            middleware::record_metrics,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            error::panicked,
        ))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state))
}
