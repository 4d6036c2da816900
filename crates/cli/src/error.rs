//! The CLI's one error type, carried up to `main`, which prints it and
//! picks the exit status; nothing below `main` exits the process.

use std::fmt;
use std::io;

/// Why a command stopped.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Bad flags, a bad lexicon, a file that cannot be written: exit 2
    /// with the message (SPEC §6).
    Usage(String),
    /// Writing standard output failed. A closed pipe (`tifa … | head`)
    /// ends the run quietly with status 0, as ripgrep does.
    Write(io::Error),
}

/// The result of a command.
pub(crate) type Result<T> = std::result::Result<T, Failure>;

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Usage(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Failure {
        Failure::Usage(message.to_string())
    }
}

impl From<tifa_core::Error> for Failure {
    fn from(e: tifa_core::Error) -> Failure {
        Failure::Usage(e.to_string())
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Write(e)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(message) => f.write_str(message),
            Failure::Write(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}
