//! The one error type of tifa-core.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong in tifa-core. Each message names the file,
/// line or field at fault and says what to do about it.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A lexicon has one or more problems (each with its file and line).
    Lexicon(Vec<Problem>),
    /// A file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The automaton could not be built (for example: too many patterns for
    /// the chosen engine).
    Build(String),
    /// Options that cannot be honoured as given (for example
    /// `--lexicon-only` without a lexicon file); the message says why.
    Options(String),
}

/// One problem found in a lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where the entry came from: a file path, or `<built-in>`, or the name
    /// given to an in-memory source.
    pub origin: String,
    /// 1-based line, when the format has lines.
    pub line: Option<usize>,
    /// What is wrong and what to do.
    pub message: String,
}

impl Problem {
    pub(crate) fn new(origin: &str, line: Option<usize>, message: impl Into<String>) -> Problem {
        Problem {
            origin: origin.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.origin, line, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Lexicon(problems) => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
            Error::Io { path, source } => write!(f, "{}: cannot read: {source}", path.display()),
            Error::Build(msg) => write!(f, "cannot build the matcher: {msg}"),
            Error::Options(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<Problem> for Error {
    fn from(p: Problem) -> Error {
        Error::Lexicon(vec![p])
    }
}
