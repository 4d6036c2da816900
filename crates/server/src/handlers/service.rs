//! The service's own routes: the UI at `/`, `/healthz`, `/openapi.json` and
//! `/metrics`.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use prometheus::Encoder;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::state::AppState;

/// The OpenAPI description served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");
const UI: &str = include_str!("../ui.html");

pub(crate) async fn ui() -> Html<&'static str> {
    Html(UI)
}

pub(crate) async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

pub(crate) async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

pub(crate) async fn metrics(State(state): State<AppState>) -> Response {
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
