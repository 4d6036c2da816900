//! `tifa.CountTable` (the count table of SPEC §4, tifa-core's) and
//! `tifa.Trend` (tifa-report's series and charts, shown in Jupyter as the
//! HTML report's).

use std::collections::HashSet;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use tifa_core::{CountTable, EntryId, Lexicon, RowSelection};
use tifa_report::Trend;

use crate::convert::Columns;

/// The columns of the long count table after the group columns: those of
/// `tifa count`.
const COUNT_COLUMNS: [&str; 7] = [
    "phrase", "category", "count", "expanded", "docs", "chars", "per_10k",
];

/// Counts of a corpus grouped by fields: `columns()` gives the long table
/// of `tifa count` (one row per group and phrase), `trend()` the series
/// along the first grouping field.
#[pyclass(name = "CountTable", module = "tifa", frozen)]
pub(crate) struct PyCountTable {
    table: CountTable,
    lexicon: Lexicon,
    wanted: Option<HashSet<EntryId>>,
}

impl PyCountTable {
    pub(crate) fn new(
        table: CountTable,
        lexicon: Lexicon,
        wanted: Option<HashSet<EntryId>>,
    ) -> PyCountTable {
        PyCountTable {
            table,
            lexicon,
            wanted,
        }
    }

    fn selection(&self, all_phrases: bool, top: Option<usize>) -> RowSelection {
        RowSelection {
            all_phrases,
            entries: self.wanted.clone(),
            top,
        }
    }
}

#[pymethods]
impl PyCountTable {
    /// The grouping fields.
    #[getter]
    fn by(&self) -> Vec<String> {
        self.table.by().to_vec()
    }

    /// The number of documents counted.
    #[getter]
    fn docs(&self) -> u64 {
        self.table.docs()
    }

    /// Grouping fields some documents lacked, with how many (they are in
    /// the group ""): set the field in the records to fill it.
    fn missing_fields(&self) -> Vec<(String, u64)> {
        self.table
            .missing_fields()
            .into_iter()
            .map(|(f, n)| (f.to_string(), n))
            .collect()
    }

    /// The long table as columns {name: list}: the group fields, then
    /// phrase, category, count, expanded, docs, chars, per_10k — the rows
    /// and order of `tifa count`. `all_phrases=True` keeps phrases counted
    /// 0 times; `top` keeps the most frequent phrases.
    #[pyo3(signature = (all_phrases=false, top=None))]
    fn columns<'py>(
        &self,
        py: Python<'py>,
        all_phrases: bool,
        top: Option<usize>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let rows = self
            .table
            .select(&self.lexicon, &self.selection(all_phrases, top));
        let by = self.table.by();
        let mut names: Vec<&str> = by.iter().map(String::as_str).collect();
        names.extend(COUNT_COLUMNS);
        let cols = Columns::new(py, &names);
        let n = by.len();
        for r in &rows {
            for (i, g) in r.group.iter().enumerate() {
                cols.push(i, g)?;
            }
            cols.push(n, &r.phrase)?;
            cols.push(n + 1, &r.category)?;
            cols.push(n + 2, r.count)?;
            cols.push(n + 3, r.expanded)?;
            cols.push(n + 4, r.docs)?;
            cols.push(n + 5, r.chars)?;
            cols.push(n + 6, r.per_10k)?;
        }
        cols.into_dict()
    }

    /// The trend along the first grouping field (the second, if any,
    /// splits each phrase's series): the `top` phrases (all those asked
    /// for when the matcher was given phrases). Points of groups under
    /// `min_chars` characters are drawn hollow.
    #[pyo3(signature = (top=8, min_chars=2000, title=None))]
    fn trend(&self, top: usize, min_chars: u64, title: Option<String>) -> PyResult<PyTrend> {
        if self.table.by().is_empty() {
            return Err(crate::error(
                "a trend needs a table grouped by a field: count_table(docs, by=[\"year\"])",
            ));
        }
        let top = self.wanted.is_none().then_some(top);
        let trend = Trend::new(&self.table, &self.lexicon, &self.selection(false, top))
            .map_err(crate::error)?
            .with_min_chars(min_chars);
        let title = title.unwrap_or_else(|| format!("tifa trend by {}", self.table.by()[0]));
        Ok(PyTrend { trend, title })
    }

    fn __repr__(&self) -> String {
        format!(
            "<tifa.CountTable: {} documents by {:?}>",
            self.table.docs(),
            self.table.by()
        )
    }
}

/// Series of counts per 10,000 characters along a field, with the charts
/// of `tifa trend --out report.html`.
#[pyclass(name = "Trend", module = "tifa", frozen)]
pub(crate) struct PyTrend {
    trend: Trend,
    title: String,
}

#[pymethods]
impl PyTrend {
    /// The points as columns: the axis field (named after it), group,
    /// phrase, category, count, docs, chars, per_10k (None in a gap).
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let rows = self.trend.rows();
        let axis = self.trend.axis.as_str();
        let names = [
            axis, "group", "phrase", "category", "count", "docs", "chars", "per_10k",
        ];
        let cols = Columns::new(py, &names);
        for r in &rows {
            cols.push(0, &r.x)?;
            cols.push(1, &r.group)?;
            cols.push(2, &r.phrase)?;
            cols.push(3, &r.category)?;
            cols.push(4, r.count)?;
            cols.push(5, r.docs)?;
            cols.push(6, r.chars)?;
            cols.push(7, r.per_10k)?;
        }
        cols.into_dict()
    }

    /// The HTML report (overview and one chart per phrase, SVG inline).
    #[pyo3(signature = (per_category=false))]
    fn html(&self, per_category: bool) -> PyResult<String> {
        tifa_report::html_report(&self.trend, &self.title, per_category).map_err(crate::error)
    }

    /// One SVG chart of every series.
    #[pyo3(signature = (width=960, height=480))]
    fn svg(&self, width: u32, height: u32) -> PyResult<String> {
        let all: Vec<&tifa_report::Series> = self.trend.series.iter().collect();
        self.trend
            .chart_svg(&self.title, &all, (width, height))
            .map_err(crate::error)
    }

    /// Jupyter shows the trend as its chart.
    fn _repr_svg_(&self) -> PyResult<String> {
        self.svg(960, 480)
    }

    fn __repr__(&self) -> String {
        format!(
            "<tifa.Trend by {}: {} series>",
            self.trend.axis,
            self.trend.series.len()
        )
    }
}
