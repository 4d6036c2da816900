//! # tifa-report
//!
//! Trend reports over a [`CountTable`](tifa_core::CountTable) (SPEC §4,
//! `tifa trend`): the series of each phrase along one metadata field (a
//! year, a congress number, a region), a summary per phrase, and charts —
//! SVG drawn with `plotters`, put together as one self-contained HTML file,
//! or Markdown with SVG files.
//!
//! ```text
//! CountTable ──Trend::new──▶ Trend ─┬─ rows()        the series table
//!                                   ├─ summaries()   one Summary per series
//!                                   ├─ characteristic  phrases each value over-uses
//!                                   ├─ chart_svg()   one SVG chart
//!                                   ├─ html_report   one HTML page
//!                                   └─ markdown_report  Markdown + SVG files
//! ```
//!
//! ## Design notes
//!
//! - **One source of numbers.** The series are the count table's own rows
//!   (all phrases kept, zeros included), so a trend never disagrees with
//!   `tifa count --by`.
//! - **A zero is not a gap.** An axis value with documents but no match is
//!   a 0; one without any document is a gap: `None` in a [`SeriesRow`], a
//!   null in JSON, an empty cell in the tables, a break in the line.
//!   Documents with no axis value at all are left out and counted in
//!   [`Trend::without_axis`]; when no document has one, [`Trend::new`] fails
//!   with a [`TrendError`] that says how to set it.
//! - **Two kinds of axis.** When every axis value is an integer (years,
//!   congresses) the axis is [`Trend::numeric`]: it holds every integer
//!   from the first value to the last (for a span of at most 1,000), so
//!   that missing values show as gaps, and a chart is lines with marked
//!   points. Otherwise (regions) the axis is the names present, in natural
//!   order, and a chart is horizontal bars, sorted by rate when it has one
//!   series.
//! - **Order matters for summaries.** [`Summary::first`], [`Summary::last`]
//!   and [`Summary::change_per_10k`] only mean something along a numeric
//!   axis and are `None` along names; the peak and the total are always
//!   given.
//! - **Self-contained output.** The HTML page has no script, no external
//!   file or font and no URL (inline SVG needs no namespace); from
//!   [`SMALL_MULTIPLES_FROM`] charts on, they are drawn small, three to a
//!   row. The Markdown report links SVG files the caller writes beside it.
//!   Charts and pages ask for [`FONTS`], CJK first, so that Chinese renders.
//!
//! ## Modules
//!
//! The modules are private; everything public is re-exported here.
//!
//! - `series` — [`Trend`], [`Series`] and [`SeriesRow`]: the count table's
//!   rows along the axis, with gaps; the charts of a report (per phrase or
//!   per category).
//! - `summary` — [`Summary`] and [`Trend::summaries`].
//! - `chart` — [`Trend::chart_svg`]: line and bar charts with `plotters`.
//! - `keyness` — [`Characteristic`]: each axis value's characteristic
//!   phrases, by tifa-core's keyness statistics.
//! - `html` — [`html_report`].
//! - `markdown` — [`markdown_report`].
//! - `cell` — how the reports write optional values in table cells.
//!
//! Dependencies go one way: `series` takes `keyness`; `summary` and `chart` build on `series`; the
//! two reports, `html` and `markdown`, on those three and `cell`; nothing
//! depends on a report.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod cell;
mod chart;
mod html;
mod keyness;
mod markdown;
mod series;
mod summary;

pub use chart::FONTS;
pub use html::{html_report, SMALL_MULTIPLES_FROM};
pub use keyness::{Characteristic, CHARACTERISTIC_MIN_G2, CHARACTERISTIC_PER_VALUE};
pub use markdown::markdown_report;
pub use series::{Series, SeriesRow, Trend, TrendError};
pub use summary::Summary;

#[cfg(test)]
mod tests;
