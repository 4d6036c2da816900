//! What the handlers share, built once at start: the lexicon and its
//! matchers, the config and the metrics; and [`blocking`], which runs a
//! handler's work off the async threads within `--timeout`.

use std::sync::Arc;

use axum::http::StatusCode;
use tifa_core::{Lexicon, MatchOptions, Matcher, NumberExtractor};

use crate::error::ApiError;
use crate::middleware::Metrics;
use crate::Config;

/// Everything the handlers share, built once at start.
pub(crate) struct Engines {
    pub(crate) lexicon: Lexicon,
    /// Indexed by `overlapping as usize * 2 + strict as usize`.
    pub(crate) matchers: [Matcher; 4],
    pub(crate) numbers: NumberExtractor,
}

impl Engines {
    /// The four matchers of `lexicon` (one per pair of switches) and its
    /// number extractor.
    fn new(lexicon: &Lexicon) -> Result<Engines, String> {
        let build = |overlapping: bool, strict: bool| {
            MatchOptions {
                overlapping,
                strict,
            }
            .build(lexicon)
            .map_err(|e| e.to_string())
        };
        Ok(Engines {
            lexicon: lexicon.clone(),
            matchers: [
                build(false, false)?,
                build(false, true)?,
                build(true, false)?,
                build(true, true)?,
            ],
            numbers: NumberExtractor::new(lexicon).map_err(|e| e.to_string())?,
        })
    }
}

/// The router's state.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) engines: Arc<Engines>,
    pub(crate) config: Arc<Config>,
    pub(crate) metrics: Arc<Metrics>,
}

impl AppState {
    pub(crate) fn new(lexicon: &Lexicon, config: Config) -> Result<AppState, String> {
        let engines = Engines::new(lexicon)?;
        Ok(AppState {
            engines: Arc::new(engines),
            config: Arc::new(config),
            metrics: Arc::new(Metrics::new().map_err(|e| e.to_string())?),
        })
    }
}

/// Runs CPU-bound work off the async threads, within `--timeout`.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::time::timeout(state.config.timeout, tokio::task::spawn_blocking(work)).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(_)) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the request failed inside tifa; please report it",
        )),
        Err(_) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            format!(
                "the request took longer than {} s (--timeout); send less text per request",
                state.config.timeout.as_secs_f64()
            ),
        )),
    }
}
