//! tifa's phrase counter and number extractor as SQL functions of
//! [Apache DataFusion](https://datafusion.apache.org), so that one query runs
//! in one process on a laptop and across a [Ballista](https://datafusion.apache.org/ballista/)
//! cluster.
//!
//! The key decision: **the functions are thin columnar wrappers over
//! tifa-core, not a second implementation.** Each function reads the text
//! column in place (Arrow `Utf8`, `LargeUtf8` or `Utf8View` values are
//! borrowed as `&str`, never copied), runs the same [`Matcher`] and
//! [`NumberExtractor`] that `tifa count`, `tifa scan` and `tifa numbers` run,
//! and writes the same fields those commands print. The matcher is built once
//! per lexicon and session options and shared by every batch and thread.
//!
//! | function | returns |
//! | --- | --- |
//! | `tifa_count(text)` | `list<struct<phrase, category, count, expanded>>`: one element per phrase found (SPEC §1.2, §1.3) |
//! | `tifa_count(text, phrase)` | `uint64`: the literal count of one phrase (its canonical form or a variant) |
//! | `tifa_matches(text)` | `list<struct<phrase, category, variant, form, quoted, start, end, char_start, char_end, line>>` (the `tifa scan` fields) |
//! | `tifa_numbers(text)` | `list<struct<text, start, end, char_start, char_end, kind, value, value_high, unit, approx, placeholder, subject>>` (SPEC §2.1; `value` is the exact number or ISO date as text: cast it to `DECIMAL` for arithmetic) |
//!
//! A null text gives a null result; an empty text an empty list (or 0).
//!
//! The long count table of SPEC §4 is an `unnest` away:
//!
//! ```sql
//! SELECT year, c['phrase'] AS phrase, sum(c['count']) AS count
//! FROM (SELECT year, unnest(tifa_count(text)) AS c FROM corpus)
//! GROUP BY year, phrase ORDER BY year, phrase
//! ```
//!
//! The lexicon is the one given to [`TifaFunctions`] (the built-in one by
//! default); a session may name another file and switch modes with the
//! [`TifaOptions`] `SET tifa.lexicon = 'my.toml'`, `SET tifa.overlapping =
//! true`, `SET tifa.strict = true`.
//!
//! ```
//! use datafusion::prelude::SessionContext;
//! use tifa_datafusion::TifaFunctions;
//!
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let ctx = SessionContext::new_with_config(TifaFunctions::session_config());
//! TifaFunctions::builtin().register(&ctx);
//! let batches = ctx
//!     .sql("SELECT tifa_count('坚持一府一委两院，一府一委两院', '一府一委两院') AS n")
//!     .await?
//!     .collect()
//!     .await?;
//! let n = batches[0].column(0).as_any().downcast_ref::<datafusion::arrow::array::UInt64Array>().unwrap();
//! assert_eq!(n.value(0), 2);
//! # Ok::<(), datafusion::error::DataFusionError>(())
//! # }).unwrap();
//! ```
#![deny(missing_docs)]

mod cluster;
mod error;
mod export;
mod text;
mod udf;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use datafusion::common::config::ConfigExtension;
use datafusion::common::extensions_options;
use datafusion::error::{DataFusionError, Result as DfResult};
use datafusion::execution::context::SessionContext;
use datafusion::logical_expr::ScalarUDF;
use datafusion::prelude::SessionConfig;
use tifa_core::{EntryId, Lexicon, LexiconSources, MatchOptions, Matcher, NumberExtractor};

pub use cluster::{
    executor_function_registry, remote_context, run_executor, run_scheduler, standalone_context,
    ExecutorSettings,
};
pub use error::Error;
pub use export::{export_schema, ParquetExport, EXPORT_COLUMNS};

/// Names of the scalar functions this crate registers.
pub const FUNCTION_NAMES: [&str; 3] = ["tifa_count", "tifa_matches", "tifa_numbers"];

extensions_options! {
    /// tifa's session options (`SET tifa.<name> = …`). Unset options keep
    /// what the [`TifaFunctions`] were built with.
    pub struct TifaOptions {
        /// A lexicon file (.toml, .json, .csv, .tsv or one phrase a line)
        /// added to the built-in lexicon, as `tifa --lexicon FILE` does.
        pub lexicon: Option<String>, default = None
        /// With `lexicon`: use only that file, not the built-in lexicon.
        pub lexicon_only: Option<bool>, default = None
        /// Report every occurrence, nested ones included (`--overlapping`).
        pub overlapping: Option<bool>, default = None
        /// No normalization (`--strict`).
        pub strict: Option<bool>, default = None
    }
}

impl ConfigExtension for TifaOptions {
    const PREFIX: &'static str = "tifa";
}

/// What a matcher is built from; the key of the engine cache.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Settings {
    /// `None`: the lexicon the functions were built with.
    lexicon: Option<(PathBuf, bool)>,
    options: MatchOptions,
}

/// A matcher and, built on first use, a number extractor over one lexicon.
#[derive(Debug)]
pub(crate) struct Engine {
    pub(crate) matcher: Matcher,
    options: MatchOptions,
    numbers: Mutex<Option<Arc<NumberExtractor>>>,
    /// For each phrase asked for that the lexicon lacks, a matcher over
    /// the lexicon with it added (SPEC §4), built once.
    adhoc: Mutex<HashMap<String, Arc<(Matcher, EntryId)>>>,
}

impl Engine {
    fn new(matcher: Matcher, options: MatchOptions) -> Engine {
        Engine {
            matcher,
            options,
            numbers: Mutex::new(None),
            adhoc: Mutex::new(HashMap::new()),
        }
    }

    /// The matcher and entry that count `phrase`: this engine's when the
    /// lexicon holds it (as a phrase or a variant), else one over the
    /// lexicon with the phrase added as `custom`.
    pub(crate) fn for_phrase(&self, phrase: &str) -> DfResult<Arc<(Matcher, EntryId)>> {
        let mut cache = self.adhoc.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(x) = cache.get(phrase) {
            return Ok(x.clone());
        }
        let fail = |e: tifa_core::Error| {
            DataFusionError::Execution(format!("tifa_count: phrase `{}`: {e}", excerpt(phrase)))
        };
        let adhoc = self
            .matcher
            .lexicon()
            .with_phrases(&[phrase])
            .map_err(fail)?;
        let Some(&id) = adhoc.wanted.first() else {
            return Err(DataFusionError::Execution(
                "tifa_count: the phrase is blank; give the phrase to count".into(),
            ));
        };
        let matcher = self.options.build(&adhoc.lexicon).map_err(fail)?;
        let x = Arc::new((matcher, id));
        cache.insert(phrase.to_string(), x.clone());
        Ok(x)
    }

    /// The number extractor over this engine's lexicon (lexicon phrases are
    /// not number mentions, SPEC §2.2).
    pub(crate) fn numbers(&self) -> DfResult<Arc<NumberExtractor>> {
        let mut slot = self.numbers.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(x) = slot.as_ref() {
            return Ok(x.clone());
        }
        let x = Arc::new(
            NumberExtractor::new(self.matcher.lexicon())
                .map_err(|e| DataFusionError::Execution(format!("tifa_numbers: {e}")))?,
        );
        *slot = Some(x.clone());
        Ok(x)
    }
}

/// The engines of one set of functions: the one they were built with, and
/// one per distinct session options, each built once.
#[derive(Debug)]
pub(crate) struct Engines {
    lexicon: Lexicon,
    base: Settings,
    cache: Mutex<HashMap<Settings, Arc<Engine>>>,
}

impl Engines {
    /// The engine for the session options in `config`.
    pub(crate) fn get(
        &self,
        config: &datafusion::config::ConfigOptions,
        function: &str,
    ) -> DfResult<Arc<Engine>> {
        let mut settings = self.base.clone();
        if let Some(o) = config.extensions.get::<TifaOptions>() {
            if let Some(path) = o.lexicon.as_deref().filter(|p| !p.is_empty()) {
                settings.lexicon = Some((PathBuf::from(path), o.lexicon_only.unwrap_or(false)));
            }
            let m = &mut settings.options;
            m.overlapping = o.overlapping.unwrap_or(m.overlapping);
            m.strict = o.strict.unwrap_or(m.strict);
        }
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(e) = cache.get(&settings) {
            return Ok(e.clone());
        }
        let lexicon = match &settings.lexicon {
            None => self.lexicon.clone(),
            Some((path, only)) => LexiconSources {
                files: vec![path.clone()],
                only: *only,
            }
            .load()
            .map_err(|e| {
                DataFusionError::Execution(format!(
                    "{function}: the lexicon named by `tifa.lexicon` cannot be used: {e}"
                ))
            })?,
        };
        let matcher = settings
            .options
            .build(&lexicon)
            .map_err(|e| DataFusionError::Execution(format!("{function}: {e}")))?;
        let engine = Arc::new(Engine::new(matcher, settings.options));
        cache.insert(settings, engine.clone());
        Ok(engine)
    }
}

/// tifa's SQL functions over one lexicon, built once and registered in any
/// number of sessions (local or Ballista).
#[derive(Debug, Clone)]
pub struct TifaFunctions {
    engines: Arc<Engines>,
}

impl TifaFunctions {
    /// The functions over the built-in lexicon, default matching.
    pub fn builtin() -> TifaFunctions {
        TifaFunctions::new(Lexicon::builtin())
    }

    /// The functions over `lexicon`, default matching (leftmost-longest,
    /// normalizing).
    pub fn new(lexicon: Lexicon) -> TifaFunctions {
        TifaFunctions::with_modes(lexicon, false, false)
    }

    /// The functions over `lexicon`, with `--overlapping` and `--strict`
    /// set as given (session options can still change them).
    pub fn with_modes(lexicon: Lexicon, overlapping: bool, strict: bool) -> TifaFunctions {
        TifaFunctions {
            engines: Arc::new(Engines {
                lexicon,
                base: Settings {
                    lexicon: None,
                    options: MatchOptions {
                        overlapping,
                        strict,
                    },
                },
                cache: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// Builds the matcher for the functions' own settings now, so that a bad
    /// lexicon is reported before any query runs.
    pub fn check(&self) -> Result<(), Error> {
        let config = datafusion::config::ConfigOptions::new();
        self.engines
            .get(&config, "tifa")
            .map(|_| ())
            .map_err(Error::DataFusion)
    }

    /// The scalar functions, to register wherever functions are registered
    /// (a `SessionContext`, a `SessionStateBuilder`, a Ballista executor).
    pub fn udfs(&self) -> Vec<Arc<ScalarUDF>> {
        udf::all(&self.engines)
    }

    /// Registers the functions in `ctx`.
    pub fn register(&self, ctx: &SessionContext) {
        for f in self.udfs() {
            ctx.register_udf(f.as_ref().clone());
        }
    }

    /// A session configuration that accepts `SET tifa.…` options.
    pub fn session_config() -> SessionConfig {
        SessionConfig::new().with_option_extension(TifaOptions::default())
    }
}

/// At most 40 chars of `s`, for messages that quote user input.
fn excerpt(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
