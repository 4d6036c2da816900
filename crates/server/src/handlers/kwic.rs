//! `POST /v1/kwic`: keyword-in-context lines of the phrases asked for.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use tifa_core::{kwic, EntryId};

use super::{object, objects, options, present, scalar_meta, DocumentIn, Options};
use crate::body::parse_json;
use crate::error::ApiError;
use crate::state::{blocking, AppState};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KwicRequest {
    #[serde(default, deserialize_with = "present")]
    text: Option<String>,
    #[serde(default, deserialize_with = "objects")]
    documents: Vec<DocumentIn>,
    phrases: Vec<String>,
    #[serde(default = "default_width", deserialize_with = "whole_number")]
    width: usize,
    #[serde(default, deserialize_with = "object")]
    options: Options,
}

fn default_width() -> usize {
    20
}

/// A count that JSON may write as `20` or `20.0` (JSON Schema's `integer`
/// takes both); a fraction or a negative number is a wrong type.
pub(super) fn whole_number<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let n = serde_json::Number::deserialize(d)?;
    // A width past any text is all of it: a huge one is cut to 2^32.
    let whole = n.as_u64().or_else(|| {
        n.as_f64()
            .filter(|f| f.fract() == 0.0 && *f >= 0.0)
            .map(|f| f.min(u32::MAX as f64) as u64)
    });
    whole.and_then(|w| usize::try_from(w).ok()).ok_or_else(|| {
        D::Error::custom(format!(
            "invalid value: {n}, expected a whole number of characters"
        ))
    })
}

pub(crate) async fn kwic_handler(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Vec<tifa_core::KwicRecord>>, ApiError> {
    let request: KwicRequest = parse_json(&headers, body, state.config.max_body)?;
    scalar_meta(&request.documents)?;
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
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    state.metrics.bytes.inc_by(bytes as u64);
    let engines = state.engines.clone();
    let (o, width, phrases) = (request.options, request.width, request.phrases);
    let lines = blocking(&state, bytes, move |cancel| {
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
        let mut lines = Vec::new();
        for (id, text) in &docs {
            cancel.check()?;
            lines.extend(kwic(
                matcher,
                id,
                text,
                |m| keep.contains(&m.entry()),
                width,
            ));
        }
        Ok(lines)
    })
    .await?;
    Ok(Json(lines))
}

/// A phrase that cannot be added (it folds to nothing a lexicon accepts).
fn invalid_phrase(e: tifa_core::Error) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_request",
        format!("phrases: {e}"),
    )
}
