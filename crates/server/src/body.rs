//! Reading a request body: the size limit, the content type, UTF-8, and
//! JSON into a typed request (or plain text where an endpoint takes it).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::{header, HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

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
pub(crate) enum Payload<T> {
    Json(T),
    Text(String),
}

/// Reads a JSON body into `T`, or a `text/plain` body as text when
/// `text_ok`.
pub(crate) fn parse<T: DeserializeOwned>(
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
        let message = if content_type.is_empty() {
            format!(
                "no Content-Type header: send the body as {accepted}, and say so in Content-Type"
            )
        } else {
            format!("Content-Type `{content_type}` is not accepted: send {accepted}")
        };
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            message,
        ));
    }
    if is_text && matches!(&body, Ok(b) if b.is_empty()) {
        // An empty text is a text, as `{"text": ""}` is: one rule for both.
        return Ok(Payload::Text(String::new()));
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
    // A byte-order mark before JSON (Windows editors write one) is not text.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Every request is an object; serde would also read a struct from an
    // array of its fields in order (["…"] as {"text": "…"}).
    let first = text.trim_start().chars().next();
    if first.is_some_and(|c| c != '{') && serde_json::from_str::<serde_json::Value>(text).is_ok() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_request",
            "the body must be a JSON object, {…}",
        ));
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

/// Reads a JSON body into `T` (the routes that take no plain text).
pub(crate) fn parse_json<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    max: usize,
) -> Result<T, ApiError> {
    match parse::<T>(headers, body, max, false)? {
        Payload::Json(request) => Ok(request),
        Payload::Text(_) => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send application/json",
        )),
    }
}
