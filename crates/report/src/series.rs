//! The trend itself: the count table's rows along the axis field, one
//! [`Series`] per phrase (and group), with a gap wherever no document has
//! that axis value.

use std::collections::BTreeMap;

use serde::Serialize;
use tifa_core::{natural_key_cmp, CountRow, CountTable, Lexicon, RowSelection};

use crate::keyness::{characteristic, Characteristic};

/// A numeric axis whose first and last values are at most this far apart
/// gets every integer in between, so that the missing ones show as gaps;
/// a wider one keeps only the values present.
const MAX_FILLED_SPAN: i64 = 1000;

/// One point of a series: a value of the axis field. Serializes as a flat
/// record whose first column is named after the axis field (`year`), then
/// `group` (when grouped), `phrase, category, count, docs, chars, per_10k`;
/// gaps are nulls.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesRow {
    /// The axis field's name (e.g. `year`).
    pub axis: String,
    /// The axis value (`2023`).
    pub x: String,
    /// The second grouping (`--by-also`), or empty.
    pub group: String,
    /// The phrase.
    pub phrase: String,
    /// Its category.
    pub category: String,
    /// Literal matches; `None` where no document has this axis value (a gap).
    pub count: Option<u64>,
    /// Documents holding the phrase.
    pub docs: Option<u64>,
    /// Characters of the documents with this axis value.
    pub chars: Option<u64>,
    /// Matches per 10,000 characters.
    pub per_10k: Option<f64>,
}

impl Serialize for SeriesRow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry(&self.axis, &self.x)?;
        if !self.group.is_empty() {
            map.serialize_entry("group", &self.group)?;
        }
        map.serialize_entry("phrase", &self.phrase)?;
        map.serialize_entry("category", &self.category)?;
        map.serialize_entry("count", &self.count)?;
        map.serialize_entry("docs", &self.docs)?;
        map.serialize_entry("chars", &self.chars)?;
        map.serialize_entry("per_10k", &self.per_10k)?;
        map.end()
    }
}

impl SeriesRow {
    /// The point of a count table row on the axis.
    fn from_count_row(axis: &str, group: String, r: CountRow) -> SeriesRow {
        SeriesRow {
            axis: axis.to_string(),
            x: r.group[0].clone(),
            group,
            phrase: r.phrase,
            category: r.category,
            count: Some(r.count),
            docs: Some(r.docs),
            chars: Some(r.chars),
            per_10k: Some(r.per_10k),
        }
    }

    /// A gap: no document has the axis value `x`.
    fn gap(axis: &str, x: &str, key: &SeriesKey) -> SeriesRow {
        SeriesRow {
            axis: axis.to_string(),
            x: x.to_string(),
            group: key.group.clone(),
            phrase: key.phrase.clone(),
            category: key.category.clone(),
            count: None,
            docs: None,
            chars: None,
            per_10k: None,
        }
    }
}

/// A series: one phrase (and group) along the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The phrase.
    pub phrase: String,
    /// Its category.
    pub category: String,
    /// The `--by-also` group, or empty.
    pub group: String,
    /// Points in axis order, gaps included.
    pub points: Vec<SeriesRow>,
}

impl Series {
    /// The legend label.
    pub fn label(&self) -> String {
        if self.group.is_empty() {
            self.phrase.clone()
        } else {
            format!("{} · {}", self.phrase, self.group)
        }
    }
}

/// Why a trend cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrendError {
    /// No document has a value for the axis field.
    NoAxisValues {
        /// The field.
        field: String,
    },
}

impl std::fmt::Display for TrendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrendError::NoAxisValues { field } => write!(
                f,
                "no document has a `{field}`: set it for all documents with --meta {field}=…, or give the records a `{field}` field (for years, tifa also reads dates in titles and first lines)"
            ),
        }
    }
}

impl std::error::Error for TrendError {}

/// Series along the first field of `table.by()` (grouped by the second, if
/// any), for the entries `selection` keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// The axis field.
    pub axis: String,
    /// The grouping field, if any.
    pub group_by: Option<String>,
    /// True when every axis value is a number: a line chart with gaps.
    pub numeric: bool,
    /// The axis values, in order (for a numeric axis, every integer between
    /// the first and the last, so that missing ones show as gaps).
    pub xs: Vec<String>,
    /// One series per phrase (and group).
    pub series: Vec<Series>,
    /// Documents left out for having no axis value.
    pub without_axis: u64,
    /// Which phrases the trend shows, and why, in words (for a subtitle).
    pub chosen: String,
    /// Points from groups with fewer characters than this are marked on
    /// the charts and left out of the summaries (0: none).
    pub min_chars: u64,
    /// Every chart on one scale (the default), or each on its own.
    pub shared_scale: bool,
    /// A second row of axis labels: its field, and one label per axis
    /// value (empty where there is none): congress 18 → year 2012.
    pub second_labels: Option<(String, Vec<String>)>,
    /// For each axis value with documents, the phrases (of the selection's
    /// entries, or of the whole lexicon) it uses more than all other values
    /// together, by log-likelihood (`tifa keyness --by AXIS --target X`).
    pub characteristic: Vec<Characteristic>,
}

impl Trend {
    /// Builds the trend from a count table grouped by `[axis]` or
    /// `[axis, group]`.
    pub fn new(
        table: &CountTable,
        lexicon: &Lexicon,
        selection: &RowSelection,
    ) -> Result<Trend, TrendError> {
        let by = table.by();
        let axis = by.first().cloned().unwrap_or_else(|| "year".to_string());
        let group_by = by.get(1).cloned();
        let without_axis = docs_without_axis(table);
        let rows = rows_on_axis(table, lexicon, selection);
        if rows.is_empty() {
            return Err(TrendError::NoAxisValues { field: axis });
        }
        let present = axis_values_present(&rows);
        let numeric = present.iter().all(|x| x.parse::<i64>().is_ok());
        let xs = if numeric {
            fill_numeric_axis(present)
        } else {
            present
        };
        let series = series_along(&axis, &xs, rows);
        let chosen = chosen(selection, series.len());
        let characteristic = characteristic(table, lexicon, &axis, &xs, selection.entries.as_ref());
        Ok(Trend {
            axis,
            group_by,
            numeric,
            xs,
            series,
            without_axis,
            chosen,
            min_chars: 0,
            shared_scale: true,
            second_labels: None,
            characteristic,
        })
    }

    /// Marks points of groups under `min_chars` characters and leaves them
    /// out of the summaries.
    pub fn with_min_chars(mut self, min_chars: u64) -> Trend {
        self.min_chars = min_chars;
        self
    }

    /// Gives each chart its own scale instead of one for all.
    pub fn with_own_scales(mut self) -> Trend {
        self.shared_scale = false;
        self
    }

    /// Labels the axis values a second time, from `field`'s values of each
    /// (one value: it; several: first–last), e.g. the years of congresses.
    pub fn with_second_labels(
        mut self,
        field: &str,
        values: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    ) -> Trend {
        let labels = self
            .xs
            .iter()
            .map(|x| match values.get(x) {
                Some(v) if v.len() == 1 => v.iter().next().cloned().unwrap_or_default(),
                Some(v) => format!(
                    "{}–{}",
                    v.iter().next().cloned().unwrap_or_default(),
                    v.iter().next_back().cloned().unwrap_or_default()
                ),
                None => String::new(),
            })
            .collect();
        self.second_labels = Some((field.to_string(), labels));
        self
    }

    /// Is this point from a group too small to trust its rate?
    pub fn is_thin(&self, p: &SeriesRow) -> bool {
        p.chars.is_some_and(|c| c < self.min_chars)
    }

    /// Every point of every series, gaps included (the series table).
    pub fn rows(&self) -> Vec<SeriesRow> {
        self.series
            .iter()
            .flat_map(|s| s.points.iter().cloned())
            .collect()
    }

    /// The series of one chart per phrase (all groups of a phrase together).
    pub fn per_phrase(&self) -> Vec<(String, Vec<&Series>)> {
        self.grouped(|s| &s.phrase)
    }

    /// The series of one chart per category.
    pub fn per_category(&self) -> Vec<(String, Vec<&Series>)> {
        self.grouped(|s| &s.category)
    }

    /// The charts of a report: one per category or one per phrase.
    pub(crate) fn charts(&self, per_category: bool) -> Vec<(String, Vec<&Series>)> {
        if per_category {
            self.per_category()
        } else {
            self.per_phrase()
        }
    }

    /// The series grouped by `name`, groups in the order they first appear.
    fn grouped(&self, name: impl Fn(&Series) -> &String) -> Vec<(String, Vec<&Series>)> {
        let mut out: Vec<(String, Vec<&Series>)> = Vec::new();
        for s in &self.series {
            match out.iter_mut().find(|(n, _)| *n == *name(s)) {
                Some((_, v)) => v.push(s),
                None => out.push((name(s).clone(), vec![s])),
            }
        }
        out
    }
}

/// Documents whose axis value is missing or empty.
fn docs_without_axis(table: &CountTable) -> u64 {
    table
        .group_docs()
        .filter(|(k, _)| k.first().is_none_or(|x| x.is_empty()))
        .map(|(_, d)| d)
        .sum()
}

/// The rows `selection` keeps, zeros included, of the groups with an axis
/// value.
fn rows_on_axis(table: &CountTable, lexicon: &Lexicon, selection: &RowSelection) -> Vec<CountRow> {
    let sel = RowSelection {
        all_phrases: true,
        ..selection.clone()
    };
    table
        .select(lexicon, &sel)
        .into_iter()
        .filter(|r| r.group.first().is_some_and(|x| !x.is_empty()))
        .collect()
}

/// The axis values with documents, in natural order, each once.
fn axis_values_present(rows: &[CountRow]) -> Vec<String> {
    let mut present: Vec<String> = rows.iter().map(|r| r.group[0].clone()).collect();
    present.sort_by(|a, b| natural_key_cmp(std::slice::from_ref(a), std::slice::from_ref(b)));
    present.dedup();
    present
}

/// A numeric axis: every integer from the first value to the last, unless
/// they are more than [`MAX_FILLED_SPAN`] apart.
fn fill_numeric_axis(present: Vec<String>) -> Vec<String> {
    if let (Some(a), Some(b)) = (present.first(), present.last()) {
        let (a, b): (i64, i64) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
        if b - a <= MAX_FILLED_SPAN {
            return (a..=b).map(|v| v.to_string()).collect();
        }
    }
    present
}

/// What names a series.
struct SeriesKey {
    phrase: String,
    category: String,
    group: String,
}

/// One series per (phrase, group), in the order of `rows` (the lexicon's),
/// with a point for every value of `xs`.
fn series_along(axis: &str, xs: &[String], rows: Vec<CountRow>) -> Vec<Series> {
    // (phrase, group) → x → row, keeping lexicon order of phrases.
    let mut order: Vec<SeriesKey> = Vec::new();
    let mut by_key: BTreeMap<(String, String), BTreeMap<String, SeriesRow>> = BTreeMap::new();
    for r in rows {
        let group = r.group.get(1).cloned().unwrap_or_default();
        let key = (r.phrase.clone(), group.clone());
        if !by_key.contains_key(&key) {
            order.push(SeriesKey {
                phrase: r.phrase.clone(),
                category: r.category.clone(),
                group: group.clone(),
            });
        }
        by_key.entry(key).or_default().insert(
            r.group[0].clone(),
            SeriesRow::from_count_row(axis, group, r),
        );
    }
    order
        .into_iter()
        .map(|key| {
            let at = by_key
                .remove(&(key.phrase.clone(), key.group.clone()))
                .unwrap_or_default();
            with_gaps(axis, xs, key, at)
        })
        .collect()
}

/// The series `key` with the points `at` (by axis value), and a gap for
/// each value of `xs` without one.
fn with_gaps(
    axis: &str,
    xs: &[String],
    key: SeriesKey,
    mut at: BTreeMap<String, SeriesRow>,
) -> Series {
    let points = xs
        .iter()
        .map(|x| {
            at.remove(x)
                .unwrap_or_else(|| SeriesRow::gap(axis, x, &key))
        })
        .collect();
    Series {
        phrase: key.phrase,
        category: key.category,
        group: key.group,
        points,
    }
}

/// The choice of phrases in words: the ones asked for, or the most frequent.
fn chosen(selection: &RowSelection, shown: usize) -> String {
    match (&selection.entries, selection.top) {
        (Some(_), Some(n)) => format!("the {n} most frequent of the phrases asked for"),
        (Some(_), None) => "the phrases asked for".to_string(),
        (None, Some(n)) => format!(
            "the {n} most frequent phrases (--top {n}; name others with --phrases or --category)"
        ),
        (None, None) => format!("every phrase found ({shown} series)"),
    }
}
