//! The one error type of tifa-datafusion.

use std::fmt;

/// What went wrong in tifa's DataFusion layer. Messages name the file or
/// option at fault and say what to do.
#[derive(Debug)]
pub enum Error {
    /// A lexicon could not be loaded or compiled.
    Lexicon(tifa_core::Error),
    /// DataFusion refused a query, a table or an option.
    DataFusion(datafusion::error::DataFusionError),
    /// Writing a Parquet file failed.
    Parquet {
        /// The file being written.
        path: String,
        /// What the Parquet writer said.
        message: String,
    },
    /// Ballista could not start or reach a scheduler or executor.
    Cluster(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Lexicon(e) => write!(f, "{e}"),
            Error::DataFusion(e) => write!(f, "{e}"),
            Error::Parquet { path, message } => write!(f, "cannot write {path}: {message}"),
            Error::Cluster(m) => write!(f, "ballista: {m}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<datafusion::error::DataFusionError> for Error {
    fn from(e: datafusion::error::DataFusionError) -> Error {
        Error::DataFusion(e)
    }
}

impl From<tifa_core::Error> for Error {
    fn from(e: tifa_core::Error) -> Error {
        Error::Lexicon(e)
    }
}
