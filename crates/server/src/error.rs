//! The error answer, `{"error": {"code", "message"}}`, and the answers of
//! the router's fallbacks: 404, 405 and a handler that panicked (500).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An error answer: status and `{"error": {"code", "message"}}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

/// The longest message an error answer carries, in bytes: messages quote
/// the input at fault (serde quotes a bad value whole), and an answer must
/// stay small whatever the input (SPEC §5).
pub(crate) const MAX_MESSAGE: usize = 512;

impl ApiError {
    pub(crate) fn new(
        status: StatusCode,
        code: &'static str,
        message: impl Into<String>,
    ) -> ApiError {
        ApiError {
            status,
            code,
            message: bounded(message.into()),
        }
    }
}

/// `message` if it is short; else its head and its tail (where serde says
/// the line and column) around a note of what was cut, at most
/// [`MAX_MESSAGE`] bytes in all.
fn bounded(message: String) -> String {
    if message.len() <= MAX_MESSAGE {
        return message;
    }
    let head_end = floor_char_boundary(&message, 300);
    let tail_start = ceil_char_boundary(&message, message.len() - 150);
    format!(
        "{} … ({} bytes cut) … {}",
        &message[..head_end],
        tail_start - head_end,
        &message[tail_start..]
    )
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"code": self.code, "message": self.message}});
        let mut response = (self.status, Json(body)).into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            // SPEC §5: a 503 says when to come back.
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

/// The answer when a handler panics (`CatchPanicLayer`).
pub(crate) fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "the request failed inside tifa; please report it",
    )
    .into_response()
}

/// The router's fallback: no route has this path.
pub(crate) async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such endpoint; see /openapi.json",
    )
}

/// The router's fallback: a route has this path, not this method.
pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "wrong method for this endpoint; see /openapi.json",
    )
}
