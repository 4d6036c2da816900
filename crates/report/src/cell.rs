//! How values are written in the cells of the reports' tables.

/// An optional value as a table cell: empty for `None` (a gap, or no such
/// axis value).
pub(crate) fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map(|v| v.to_string()).unwrap_or_default()
}
