//! `POST /v1/analyze`: matches, counts and numbers of one text.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde::{Deserialize, Serialize};
use tifa_core::{phrase_counts, scan_until, NumberRecord};

use super::{object, present};
use crate::body::{parse, Payload};
use crate::error::ApiError;
use crate::state::{blocking, AppState, Stop};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnalyzeRequest {
    text: String,
    #[serde(default, deserialize_with = "present")]
    id: Option<String>,
    #[serde(default, deserialize_with = "object")]
    options: AnalyzeOptions,
}

/// `options` of `/v1/analyze`: the matching switches, and `numbers`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnalyzeOptions {
    #[serde(default)]
    overlapping: bool,
    #[serde(default)]
    strict: bool,
    /// Numbers are extracted unless this is `false`.
    #[serde(default = "yes")]
    numbers: bool,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions {
            overlapping: false,
            strict: false,
            numbers: true,
        }
    }
}

fn yes() -> bool {
    true
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
            options: AnalyzeOptions::default(),
        },
    };
    let bytes = request.text.len();
    state.metrics.bytes.inc_by(bytes as u64);
    let engines = state.engines.clone();
    let analysis = blocking(&state, bytes, move |cancel| {
        let o = request.options;
        let matcher = &engines.matchers[o.overlapping as usize * 2 + o.strict as usize];
        let doc = request.id.unwrap_or_else(|| "-".to_string());
        // Each step in pieces of a MiB, so that abandoned work stops soon.
        let stop = || cancel.is_set();
        let counts = matcher
            .count_until(&request.text, stop)
            .ok_or(Stop::Cancelled)?;
        let matches = scan_until(matcher, &doc, &request.text, stop).ok_or(Stop::Cancelled)?;
        let mut numbers = Vec::new();
        if o.numbers {
            let mentions = engines
                .numbers
                .extract_until(&request.text, stop)
                .ok_or(Stop::Cancelled)?;
            numbers = mentions
                .into_iter()
                .map(|mention| NumberRecord {
                    doc: doc.clone(),
                    mention,
                })
                .collect();
        }
        Ok(Analysis {
            chars: request.text.chars().count(),
            matches,
            counts: phrase_counts(matcher.lexicon(), &counts),
            numbers,
        })
    })
    .await?;
    Ok(Json(analysis))
}
