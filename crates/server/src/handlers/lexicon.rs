//! `GET /v1/lexicon`: the lexicon's entries.

use axum::extract::State;
use axum::Json;

use crate::state::AppState;

pub(crate) async fn lexicon_handler(State(state): State<AppState>) -> Json<Vec<tifa_core::Entry>> {
    // Typed records, not `Value`s: fields keep the order of the CLI's output.
    Json(state.engines.lexicon.entries().to_vec())
}
