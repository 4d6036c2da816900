//! `tifa`: count and trace Chinese official formulations (提法).
//!
//! This facade re-exports [`tifa_core`], the library that does the work, so
//! that `use tifa::Matcher` reads naturally. The top-level `tests/` and
//! `benches/` of the workspace belong to this package.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use tifa_core::*;
