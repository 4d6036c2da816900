//! `POST /v1/count`: phrase counts of documents, grouped by metadata.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use tifa_core::meta::{field_value, of_record, Metadata};
use tifa_core::{CountTable, Counts};

use super::{object, objects, scalar_meta, DocumentIn, Options};
use crate::body::parse_json;
use crate::error::ApiError;
use crate::state::{blocking, AppState};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountRequest {
    #[serde(deserialize_with = "objects")]
    documents: Vec<DocumentIn>,
    #[serde(default)]
    by: Vec<String>,
    #[serde(default, deserialize_with = "object")]
    options: Options,
    #[serde(default)]
    all_phrases: bool,
}

/// A document's metadata: its scalar `meta` fields, then what tifa-core
/// infers from the text (the rules the CLI applies to a JSONL record).
fn metadata(doc: &DocumentIn, id: &str) -> Metadata {
    of_record(&doc.meta, &doc.text, id).0
}

pub(crate) async fn count(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let request: CountRequest = parse_json(&headers, body, state.config.max_body)?;
    let bytes: usize = request.documents.iter().map(|d| d.text.len()).sum();
    state.metrics.bytes.inc_by(bytes as u64);
    scalar_meta(&request.documents)?;
    let engines = state.engines.clone();
    let rows = blocking(&state, bytes, move |cancel| {
        let o = request.options;
        let matcher = &engines.matchers[o.overlapping as usize * 2 + o.strict as usize];
        let mut table = CountTable::new(request.by.clone());
        let mut counts = Counts::new(matcher.lexicon().len());
        cancel.check()?;
        for (i, doc) in request.documents.iter().enumerate() {
            // As the CLI does: a document with no text (white space only)
            // is skipped, not counted in `chars` or `docs`.
            if doc.text.trim().is_empty() {
                continue;
            }
            cancel.check()?;
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
        let notes: Vec<String> = table
            .missing_fields()
            .into_iter()
            .map(|(field, missing)| {
                format!(
                    "{missing} documents have no `{}` (grouped under \"\"); give it in `meta`",
                    ascii(field)
                )
            })
            .collect();
        Ok((notes, table.rows(matcher.lexicon(), request.all_phrases)))
    })
    .await?;
    let (notes, rows) = rows;
    let mut response = Json(rows).into_response();
    for note in notes {
        if let Ok(v) = HeaderValue::from_str(&note) {
            response.headers_mut().append(NOTE_HEADER, v);
        }
    }
    Ok(response)
}

/// The header that carries what the CLI says on stderr: a `by` field some
/// documents lack (one header a field).
const NOTE_HEADER: &str = "tifa-note";

/// `s` with every non-ASCII char as `\u{…}` (a header value is ASCII).
fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c.to_string()
            } else {
                format!("\\u{{{:x}}}", c as u32)
            }
        })
        .collect()
}
