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
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, Opts, Registry};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use subtle::ConstantTimeEq;
use tifa_core::meta::{field_value, from_json, infer, Metadata};
use tifa_core::{
    kwic, phrase_counts, scan, CountTable, Counts, EntryId, Lexicon, MatchOptions, Matcher,
    NumberExtractor, NumberRecord,
};

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

/// Everything the handlers share, built once at start.
struct Engines {
    lexicon: Lexicon,
    /// Indexed by `overlapping as usize * 2 + strict as usize`.
    matchers: [Matcher; 4],
    numbers: NumberExtractor,
}

#[derive(Clone)]
struct AppState {
    engines: Arc<Engines>,
    config: Arc<Config>,
    metrics: Arc<Metrics>,
}

struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    bytes: IntCounter,
}

impl Metrics {
    fn new() -> Result<Metrics, prometheus::Error> {
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

/// Builds the router for `lexicon` and `config`: the whole service, ready
/// for `axum::serve`.
pub fn app(lexicon: &Lexicon, config: Config) -> Result<Router, String> {
    let build = |overlapping: bool, strict: bool| {
        MatchOptions {
            overlapping,
            strict,
        }
        .build(lexicon)
        .map_err(|e| e.to_string())
    };
    let engines = Engines {
        lexicon: lexicon.clone(),
        matchers: [
            build(false, false)?,
            build(false, true)?,
            build(true, false)?,
            build(true, true)?,
        ],
        numbers: NumberExtractor::new(lexicon).map_err(|e| e.to_string())?,
    };
    let state = AppState {
        engines: Arc::new(engines),
        config: Arc::new(config.clone()),
        metrics: Arc::new(Metrics::new().map_err(|e| e.to_string())?),
    };
    let api = Router::new()
        .route("/v1/analyze", post(analyze))
        .route("/v1/count", post(count))
        .route("/v1/kwic", post(kwic_handler))
        .route("/v1/lexicon", get(lexicon_handler))
        .route_layer(middleware::from_fn_with_state(state.clone(), require_token));
    Ok(Router::new()
        .merge(api)
        .route("/", get(ui))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            record_metrics,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state))
}

/// The OpenAPI description served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");
const UI: &str = include_str!("ui.html");

// ---------------------------------------------------------------------------
// Errors

/// An error answer: status and `{"error": {"code", "message"}}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"code": self.code, "message": self.message}});
        (self.status, Json(body)).into_response()
    }
}

fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "the request failed inside tifa; please report it",
    )
    .into_response()
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such endpoint; see /openapi.json",
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "wrong method for this endpoint; see /openapi.json",
    )
}

/// The body as bytes, with the body-limit rejection as a JSON 413.
fn body_bytes(body: Result<Bytes, BytesRejection>, max: usize) -> Result<Bytes, ApiError> {
    match body {
        Ok(b) if b.is_empty() => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "empty_body",
            "the request body is empty",
        )),
        Ok(b) => Ok(b),
        Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("the body is larger than {max} bytes (--max-body)"),
        )),
        Err(r) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_body",
            r.body_text(),
        )),
    }
}

/// What a request body holds.
enum Payload<T> {
    Json(T),
    Text(String),
}

/// Reads a JSON body into `T`, or a `text/plain` body as text when
/// `text_ok`.
fn parse<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    max: usize,
    text_ok: bool,
) -> Result<Payload<T>, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let is_json = content_type == "application/json" || content_type.ends_with("+json");
    let is_text = content_type == "text/plain";
    if !(is_json || (is_text && text_ok)) {
        let accepted = if text_ok {
            "application/json or text/plain"
        } else {
            "application/json"
        };
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!("Content-Type `{content_type}` is not accepted: send {accepted}"),
        ));
    }
    let bytes = body_bytes(body, max)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_utf8",
            format!("the body is not valid UTF-8 (byte {})", e.valid_up_to()),
        )
    })?;
    if is_text {
        return Ok(Payload::Text(text.to_string()));
    }
    serde_json::from_str::<T>(text)
        .map(Payload::Json)
        .map_err(|e| {
            use serde_json::error::Category;
            match e.classify() {
                Category::Data => ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid_request",
                    e.to_string(),
                ),
                _ => ApiError::new(StatusCode::BAD_REQUEST, "malformed_json", e.to_string()),
            }
        })
}

/// Runs CPU-bound work off the async threads, within `--timeout`.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::time::timeout(state.config.timeout, tokio::task::spawn_blocking(work)).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(_)) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the request failed inside tifa; please report it",
        )),
        Err(_) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            format!(
                "the request took longer than {} s (--timeout); send less text per request",
                state.config.timeout.as_secs_f64()
            ),
        )),
    }
}

// ---------------------------------------------------------------------------
// Middleware

async fn require_token(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if let Some(token) = &state.config.token {
        let given = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
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

async fn record_metrics(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let m = &state.metrics;
    m.latency
        .with_label_values(&[&route])
        .observe(started.elapsed().as_secs_f64());
    m.requests
        .with_label_values(&[&route, response.status().as_str()])
        .inc();
    response
}

// ---------------------------------------------------------------------------
// Handlers

async fn ui() -> Html<&'static str> {
    Html(UI)
}

async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn metrics(State(state): State<AppState>) -> Response {
    let mut out = Vec::new();
    let encoder = prometheus::TextEncoder::new();
    if let Err(e) = encoder.encode(&state.metrics.registry.gather(), &mut out) {
        return ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
            .into_response();
    }
    (
        [(header::CONTENT_TYPE, encoder.format_type().to_string())],
        out,
    )
        .into_response()
}

async fn lexicon_handler(State(state): State<AppState>) -> Json<Vec<tifa_core::Entry>> {
    // Typed records, not `Value`s: fields keep the order of the CLI's output.
    Json(state.engines.lexicon.entries().to_vec())
}

/// The CLI's matching switches.
#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default)]
    overlapping: bool,
    #[serde(default)]
    strict: bool,
    /// Numbers are extracted unless this is `false`.
    #[serde(default)]
    numbers: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnalyzeRequest {
    text: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    options: Options,
}

/// `POST /v1/analyze`: matches, counts and numbers of one text.
#[derive(Serialize)]
struct Analysis {
    chars: usize,
    matches: Vec<tifa_core::ScanRecord>,
    counts: Vec<tifa_core::PhraseCount>,
    numbers: Vec<NumberRecord>,
}

async fn analyze(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Analysis>, ApiError> {
    let request = match parse::<AnalyzeRequest>(&headers, body, state.config.max_body, true)? {
        Payload::Json(r) => r,
        Payload::Text(text) => AnalyzeRequest {
            text,
            id: None,
            options: Options::default(),
        },
    };
    state.metrics.bytes.inc_by(request.text.len() as u64);
    let engines = state.engines.clone();
    let analysis = blocking(&state, move || {
        let o = request.options;
        let matcher = &engines.matchers[o.overlapping as usize * 2 + o.strict as usize];
        let doc = request.id.unwrap_or_else(|| "-".to_string());
        let counts = matcher.count(&request.text);
        let numbers = if o.numbers.unwrap_or(true) {
            engines
                .numbers
                .extract(&request.text)
                .into_iter()
                .map(|mention| NumberRecord {
                    doc: doc.clone(),
                    mention,
                })
                .collect()
        } else {
            Vec::new()
        };
        Analysis {
            chars: request.text.chars().count(),
            matches: scan(matcher, &doc, &request.text),
            counts: phrase_counts(matcher.lexicon(), &counts),
            numbers,
        }
    })
    .await?;
    Ok(Json(analysis))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentIn {
    #[serde(default)]
    id: Option<String>,
    text: String,
    #[serde(default)]
    meta: BTreeMap<String, Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountRequest {
    documents: Vec<DocumentIn>,
    #[serde(default)]
    by: Vec<String>,
    #[serde(default)]
    options: Options,
    #[serde(default)]
    all_phrases: bool,
}

/// A document's metadata: its scalar `meta` fields, then what tifa-core
/// infers from the text (the rules the CLI applies to a JSONL record).
fn metadata(doc: &DocumentIn, id: &str) -> Metadata {
    let (mut meta, _ignored) = from_json(&doc.meta);
    infer(&mut meta, &doc.text, id);
    meta
}

async fn count(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Vec<tifa_core::CountRow>>, ApiError> {
    let Payload::Json(request) =
        parse::<CountRequest>(&headers, body, state.config.max_body, false)?
    else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send application/json",
        ));
    };
    let bytes: usize = request.documents.iter().map(|d| d.text.len()).sum();
    state.metrics.bytes.inc_by(bytes as u64);
    let engines = state.engines.clone();
    let rows = blocking(&state, move || {
        let o = request.options;
        let matcher = &engines.matchers[o.overlapping as usize * 2 + o.strict as usize];
        let mut table = CountTable::new(request.by.clone());
        let mut counts = Counts::new(matcher.lexicon().len());
        for (i, doc) in request.documents.iter().enumerate() {
            // As the CLI does: a document with no text (white space only)
            // is skipped, not counted in `chars` or `docs`.
            if doc.text.trim().is_empty() {
                continue;
            }
            let id = doc.id.clone().unwrap_or_else(|| format!("#{}", i + 1));
            let meta = metadata(doc, &id);
            let key = request
                .by
                .iter()
                .map(|f| field_value(&id, &meta, f))
                .collect();
            counts.clear();
            matcher.count_into(&doc.text, &mut counts);
            table.add(key, &counts, doc.text.chars().count() as u64);
        }
        table.rows(matcher.lexicon(), request.all_phrases)
    })
    .await?;
    Ok(Json(rows))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KwicRequest {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    documents: Vec<DocumentIn>,
    phrases: Vec<String>,
    #[serde(default = "default_width")]
    width: usize,
    #[serde(default)]
    options: Options,
}

fn default_width() -> usize {
    20
}

async fn kwic_handler(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Vec<tifa_core::KwicRecord>>, ApiError> {
    let Payload::Json(request) =
        parse::<KwicRequest>(&headers, body, state.config.max_body, false)?
    else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send application/json",
        ));
    };
    let mut docs: Vec<(String, String)> = request
        .documents
        .into_iter()
        .enumerate()
        .map(|(i, d)| (d.id.unwrap_or_else(|| format!("#{}", i + 1)), d.text))
        .collect();
    if let Some(text) = request.text {
        docs.insert(0, ("-".to_string(), text));
    }
    if docs.is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_request",
            "give `text` or `documents`",
        ));
    }
    state
        .metrics
        .bytes
        .inc_by(docs.iter().map(|d| d.1.len() as u64).sum());
    let engines = state.engines.clone();
    let (o, width, phrases) = (request.options, request.width, request.phrases);
    let lines = blocking(&state, move || {
        let matcher = &engines.matchers[o.overlapping as usize * 2 + o.strict as usize];
        // A phrase outside the lexicon is added for this request (SPEC §4),
        // in a matcher of its own; the shared ones serve the rest.
        let adhoc = engines
            .lexicon
            .with_phrases(&phrases)
            .map_err(invalid_phrase)?;
        let own = if adhoc.added.is_empty() {
            None
        } else {
            Some(options(o).build(&adhoc.lexicon).map_err(invalid_phrase)?)
        };
        let matcher = own.as_ref().unwrap_or(matcher);
        let keep: Vec<EntryId> = adhoc.wanted;
        Ok::<_, ApiError>(
            docs.iter()
                .flat_map(|(id, text)| {
                    kwic(matcher, id, text, |m| keep.contains(&m.entry()), width)
                })
                .collect::<Vec<_>>(),
        )
    })
    .await??;
    Ok(Json(lines))
}

/// The matching switches of a request's `options`.
fn options(o: Options) -> MatchOptions {
    MatchOptions {
        overlapping: o.overlapping,
        strict: o.strict,
    }
}

/// A phrase that cannot be added (it folds to nothing a lexicon accepts).
fn invalid_phrase(e: tifa_core::Error) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_request",
        format!("phrases: {e}"),
    )
}
