//! The small type every search strategy reports, apart from the strategies
//! (the engine and the sieve both use it; neither owns it).

/// A pattern occurrence in the raw text: byte span and pattern index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub pid: usize,
}
