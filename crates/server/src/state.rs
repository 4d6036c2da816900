//! What the handlers share, built once at start: the lexicon and its
//! matchers, the config and the metrics; and [`blocking`], which runs a
//! handler's work off the async threads within `--timeout`.

use std::sync::atomic::{AtomicBool, Ordering};
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

/// Text below this many bytes is worked on the async thread that received
/// it: that takes well under a millisecond, and a small request then never
/// waits behind large ones on the blocking threads.
pub(crate) const SMALL_WORK: usize = 64 << 10;

/// Tells a request's work that nobody waits for it any more (it timed out,
/// or its client went away), so that it stops and frees its thread.
pub(crate) struct Cancel(Arc<AtomicBool>);

/// Why work stopped before its end.
pub(crate) enum Stop {
    /// Its request was abandoned ([`Cancel`]).
    Cancelled,
    /// The request is wrong in a way found only while working.
    Error(ApiError),
}

impl From<ApiError> for Stop {
    fn from(e: ApiError) -> Stop {
        Stop::Error(e)
    }
}

impl Cancel {
    /// Has the request been abandoned?
    pub(crate) fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// `Err(Stop::Cancelled)` once the request is abandoned: work calls it
    /// between documents and between its steps.
    pub(crate) fn check(&self) -> Result<(), Stop> {
        if self.is_set() {
            Err(Stop::Cancelled)
        } else {
            Ok(())
        }
    }
}

/// Sets the flag when dropped: when the handler's future is dropped (the
/// client went away) or returns (a timeout), the work is told to stop.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Runs a request's CPU-bound work within `--timeout`: small work (under
/// [`SMALL_WORK`] bytes of text) at once, larger work on the blocking
/// threads, told to stop when the request times out or its client leaves.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &AppState,
    text_bytes: usize,
    work: impl FnOnce(&Cancel) -> Result<T, Stop> + Send + 'static,
) -> Result<T, ApiError> {
    let flag = Arc::new(AtomicBool::new(false));
    let cancel = Cancel(flag.clone());
    let result = if text_bytes < SMALL_WORK {
        work(&cancel)
    } else {
        let _stop_when_dropped = CancelOnDrop(flag);
        let job = tokio::task::spawn_blocking(move || work(&cancel));
        match tokio::time::timeout(state.config.timeout, job).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(Stop::Error(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the request failed inside tifa; please report it",
            ))),
            Err(_) => Err(Stop::Cancelled),
        }
    };
    result.map_err(|stop| match stop {
        Stop::Error(e) => e,
        Stop::Cancelled => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            format!(
                "the request took longer than {} s (--timeout); send less text per request",
                state.config.timeout.as_secs_f64()
            ),
        ),
    })
}
