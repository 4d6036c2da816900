//! The routes' handlers, one module per route group (`stats`: keyness and
//! collocates), and the request parts
//! they share (`options`, a document).
//!
//! A handler parses the body (`crate::body`), counts the bytes of text it
//! was given, runs tifa-core in [`blocking`](crate::state::blocking) and
//! serializes tifa-core's records.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use tifa_core::MatchOptions;

use crate::error::ApiError;

mod analyze;
mod count;
mod kwic;
mod lexicon;
mod service;
mod stats;

pub(crate) use analyze::analyze;
pub(crate) use count::count;
pub(crate) use kwic::kwic_handler;
use kwic::whole_number;
pub(crate) use lexicon::lexicon_handler;
pub use service::OPENAPI;
pub(crate) use service::{healthz, metrics, openapi, ui};
pub(crate) use stats::{collocates_handler, keyness};

/// `options` of `/v1/count` and `/v1/kwic`: the CLI's matching switches.
#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default)]
    overlapping: bool,
    #[serde(default)]
    strict: bool,
}

/// The matching switches of a request's `options`.
fn options(o: Options) -> MatchOptions {
    MatchOptions {
        overlapping: o.overlapping,
        strict: o.strict,
    }
}

/// An optional field that, when given, must hold its type: `null` is a
/// wrong type (422), as for every other field, not a way to leave it out.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A nested object of the request read only from a JSON object: serde
/// would also read a struct from an array of its fields in order.
fn object<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<T, D::Error> {
    let map = serde_json::Map::deserialize(d)?;
    serde_json::from_value(Value::Object(map)).map_err(D::Error::custom)
}

/// [`object`] for each item of an array.
fn objects<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    Vec::<serde_json::Map<String, Value>>::deserialize(d)?
        .into_iter()
        .map(|map| serde_json::from_value(Value::Object(map)).map_err(D::Error::custom))
        .collect()
}

/// A `meta` of scalars: an array or an object is no metadata (SPEC §3), and
/// is refused rather than dropped without a word.
fn scalar_meta(docs: &[DocumentIn]) -> Result<(), ApiError> {
    for (i, doc) in docs.iter().enumerate() {
        if let Some((k, _)) = doc.meta.iter().find(|(_, v)| v.is_array() || v.is_object()) {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_request",
                format!(
                    "documents[{i}].meta.{k}: an array or object is no metadata; give a string, number or boolean"
                ),
            ));
        }
    }
    Ok(())
}

/// A document of `/v1/count` and `/v1/kwic`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentIn {
    #[serde(default, deserialize_with = "present")]
    id: Option<String>,
    text: String,
    #[serde(default)]
    meta: BTreeMap<String, Value>,
}
