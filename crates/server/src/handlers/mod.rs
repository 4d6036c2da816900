//! The routes' handlers, one module per route group, and the request parts
//! they share (`options`, a document).
//!
//! A handler parses the body (`crate::body`), counts the bytes of text it
//! was given, runs tifa-core in [`blocking`](crate::state::blocking) and
//! serializes tifa-core's records.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;
use tifa_core::MatchOptions;

mod analyze;
mod count;
mod kwic;
mod lexicon;
mod service;

pub(crate) use analyze::analyze;
pub(crate) use count::count;
pub(crate) use kwic::kwic_handler;
pub(crate) use lexicon::lexicon_handler;
pub use service::OPENAPI;
pub(crate) use service::{healthz, metrics, openapi, ui};

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

/// The matching switches of a request's `options`.
fn options(o: Options) -> MatchOptions {
    MatchOptions {
        overlapping: o.overlapping,
        strict: o.strict,
    }
}

/// A document of `/v1/count` and `/v1/kwic`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentIn {
    #[serde(default)]
    id: Option<String>,
    text: String,
    #[serde(default)]
    meta: BTreeMap<String, Value>,
}
