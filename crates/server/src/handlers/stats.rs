//! `POST /v1/keyness` and `POST /v1/collocates`: the statistics of
//! `tifa keyness` and `tifa collocates` on a batch of documents, by the same
//! tifa-core functions (`stats::compare::keyness_rows`,
//! `stats::collocates::collocates`).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use tifa_core::meta::{field_value, of_record};
use tifa_core::stats::collocates::{collocates, CollocateOptions, Measure, Node, Unit};
use tifa_core::stats::compare::{keyness_rows, Comparison};
use tifa_core::stats::{Collocates, KeynessRow};
use tifa_core::{CountTable, Counts};

use super::{object, objects, options, present, scalar_meta, whole_number, DocumentIn, Options};
use crate::body::parse_json;
use crate::error::ApiError;
use crate::state::{blocking, AppState};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeynessRequest {
    #[serde(deserialize_with = "objects")]
    documents: Vec<DocumentIn>,
    by: String,
    target: Vec<String>,
    #[serde(default)]
    reference: Vec<String>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    yates: bool,
    #[serde(default, deserialize_with = "object")]
    options: Options,
}

/// A 422 naming the request field at fault.
fn invalid(message: String) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request", message)
}

pub(crate) async fn keyness(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Vec<KeynessRow>>, ApiError> {
    let request: KeynessRequest = parse_json(&headers, body, state.config.max_body)?;
    scalar_meta(&request.documents)?;
    let bytes: usize = request.documents.iter().map(|d| d.text.len()).sum();
    state.metrics.bytes.inc_by(bytes as u64);
    let engines = state.engines.clone();
    let rows = blocking(&state, bytes, move |cancel| {
        let o = request.options;
        // Phrases outside the lexicon are added for this request, in a
        // matcher of its own, as /v1/kwic does.
        let adhoc = engines
            .lexicon
            .with_phrases(&request.phrases)
            .map_err(|e| invalid(format!("phrases: {e}")))?;
        let own = if adhoc.added.is_empty() {
            None
        } else {
            Some(
                options(o)
                    .build(&adhoc.lexicon)
                    .map_err(|e| invalid(format!("phrases: {e}")))?,
            )
        };
        let matcher = own
            .as_ref()
            .unwrap_or(&engines.matchers[o.overlapping as usize * 2 + o.strict as usize]);
        let mut table = CountTable::new(vec![request.by.clone()]);
        let mut counts = Counts::new(matcher.lexicon().len());
        for (i, doc) in request.documents.iter().enumerate() {
            // As /v1/count and the CLI: a blank document is no part.
            if doc.text.trim().is_empty() {
                continue;
            }
            cancel.check()?;
            let id = doc.id.clone().unwrap_or_else(|| format!("#{}", i + 1));
            let meta = of_record(&doc.meta, &doc.text, &id).0;
            counts.clear();
            matcher.count_into(&doc.text, &mut counts);
            table.add(
                vec![field_value(&id, &meta, &request.by)],
                &counts,
                doc.text.chars().count() as u64,
            );
        }
        let comparison = Comparison {
            field: request.by.clone(),
            target: request.target.clone(),
            reference: request.reference.clone(),
            entries: (!request.phrases.is_empty()).then(|| adhoc.wanted.iter().copied().collect()),
            yates: request.yates,
        };
        // tifa-core names the CLI's flags (--target); here they are fields.
        keyness_rows(&table, matcher.lexicon(), &comparison).map_err(|e| {
            invalid(
                e.to_string()
                    .replace("--target", "target")
                    .replace("--reference", "reference"),
            )
            .into()
        })
    })
    .await?;
    Ok(Json(rows))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CollocatesRequest {
    #[serde(default, deserialize_with = "present")]
    text: Option<String>,
    #[serde(default, deserialize_with = "objects")]
    documents: Vec<DocumentIn>,
    phrase: String,
    #[serde(default = "default_window", deserialize_with = "whole_number")]
    window: usize,
    #[serde(default, deserialize_with = "some_whole_number")]
    chars: Option<usize>,
    #[serde(default = "default_min", deserialize_with = "whole_u64")]
    min_freq: u64,
    #[serde(default = "default_min", deserialize_with = "whole_u64")]
    min_co: u64,
    #[serde(default = "default_sort", deserialize_with = "measure")]
    sort: Measure,
    #[serde(default, deserialize_with = "some_whole_number")]
    top: Option<usize>,
    #[serde(default, deserialize_with = "object")]
    options: Options,
}

fn default_window() -> usize {
    CollocateOptions::default().window
}

fn default_min() -> u64 {
    2
}

fn default_sort() -> Measure {
    Measure::G2
}

fn some_whole_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    whole_number(d).map(Some)
}

fn whole_u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    whole_number(d).map(|n| n as u64)
}

fn measure<'de, D: Deserializer<'de>>(d: D) -> Result<Measure, D::Error> {
    let name = String::deserialize(d)?;
    Measure::from_name(&name).ok_or_else(|| {
        let shown: String = name.chars().take(40).collect();
        D::Error::custom(format!("unknown measure `{shown}`, expected g2, mi or t"))
    })
}

pub(crate) async fn collocates_handler(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Collocates>, ApiError> {
    let request: CollocatesRequest = parse_json(&headers, body, state.config.max_body)?;
    scalar_meta(&request.documents)?;
    let mut texts: Vec<String> = request.documents.into_iter().map(|d| d.text).collect();
    if let Some(text) = request.text {
        texts.insert(0, text);
    }
    if texts.is_empty() {
        return Err(invalid("give `text` or `documents`".to_string()));
    }
    let opts = CollocateOptions {
        window: request.window,
        unit: request.chars.map_or(Unit::Words, Unit::Chars),
        min_freq: request.min_freq,
        min_co: request.min_co,
        sort: request.sort,
        top: request.top,
    };
    opts.check().map_err(|e| invalid(e.to_string()))?;
    let bytes: usize = texts.iter().map(String::len).sum();
    state.metrics.bytes.inc_by(bytes as u64);
    let engines = state.engines.clone();
    let (o, phrase) = (request.options, request.phrase);
    let result = blocking(&state, bytes, move |cancel| {
        // The node's own matcher: the phrase may be added to the lexicon.
        let node =
            Node::new(&engines.lexicon, options(o), &phrase).map_err(|e| invalid(e.to_string()))?;
        cancel.check()?;
        // Checked between documents: a request over --timeout stops.
        let docs = texts
            .iter()
            .map(String::as_str)
            .take_while(|_| !cancel.is_set());
        let result = collocates(&node, docs, &opts).map_err(|e| invalid(e.to_string()))?;
        cancel.check()?;
        Ok(result)
    })
    .await?;
    Ok(Json(result))
}
