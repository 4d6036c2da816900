//! `POST /v1/analyze`: matches, counts and numbers of one text.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde::{Deserialize, Serialize};
use tifa_core::{phrase_counts, scan, NumberRecord};

use super::Options;
use crate::body::{parse, Payload};
use crate::error::ApiError;
use crate::state::{blocking, AppState};

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
pub(crate) struct Analysis {
    chars: usize,
    matches: Vec<tifa_core::ScanRecord>,
    counts: Vec<tifa_core::PhraseCount>,
    numbers: Vec<NumberRecord>,
}

pub(crate) async fn analyze(
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
