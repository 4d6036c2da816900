//! The layers around the routes: the bearer-token check on `/v1/*` and the
//! Prometheus metrics every request records.
//!
//! Each middleware takes only the part of the state it needs (the config,
//! the metrics), so this module does not depend on the handlers' state.

use std::sync::Arc;
use std::time::Instant;

use axum::body::HttpBody;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus::{HistogramOpts, HistogramVec, IntCounter, IntCounterVec, Opts, Registry};
use subtle::ConstantTimeEq;

use crate::error::ApiError;
use crate::Config;

/// The service's Prometheus metrics, served at `/metrics`.
pub(crate) struct Metrics {
    pub(crate) registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    /// Bytes of text the handlers were given.
    pub(crate) bytes: IntCounter,
}

impl Metrics {
    pub(crate) fn new() -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new("tifa_requests_total", "Requests by route and status"),
            &["route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new("tifa_request_duration_seconds", "Request latency by route")
                .buckets(vec![
                    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
                ]),
            &["route"],
        )?;
        let bytes = IntCounter::new("tifa_text_bytes_total", "Bytes of text processed")?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(bytes.clone()))?;
        Ok(Metrics {
            registry,
            requests,
            latency,
            bytes,
        })
    }
}

/// With `--token`, answers 401 unless `Authorization: Bearer <token>`.
pub(crate) async fn require_token(
    State(config): State<Arc<Config>>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(token) = &config.token {
        let given = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(bearer_token)
            .unwrap_or("");
        // Constant-time: the comparison takes as long whatever the prefix matched.
        let ok: bool = given.as_bytes().ct_eq(token.as_bytes()).into();
        if !ok {
            return ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "send Authorization: Bearer <token> (--token)",
            )
            .into_response();
        }
    }
    next.run(request).await
}

/// Counts the request by route and status and records its latency.
pub(crate) async fn record_metrics(
    State(metrics): State<Arc<Metrics>>,
    request: Request,
    next: Next,
) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_string();
    let method = request.method().clone();
    let bytes_in = content_length(request.headers());
    let started = Instant::now();
    let response = next.run(request).await;
    let elapsed = started.elapsed();
    let m = &metrics;
    m.latency
        .with_label_values(&[&route])
        .observe(elapsed.as_secs_f64());
    m.requests
        .with_label_values(&[&route, response.status().as_str()])
        .inc();
    // One line a request at the default level (info).
    tracing::info!(
        "{method} {route} {} in={} out={} {:.1} ms",
        response.status().as_u16(),
        bytes_in,
        response
            .body()
            .size_hint()
            .exact()
            .map_or_else(|| "-".to_string(), |n| n.to_string()),
        elapsed.as_secs_f64() * 1e3
    );
    response
}

/// The Content-Length of a request, or `-` when it has none (chunked).
fn content_length(headers: &axum::http::HeaderMap) -> String {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string()
}

/// The token of an `Authorization` value whose scheme is `Bearer`, in any
/// case (RFC 9110: the scheme name is case-insensitive).
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim_start().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}
