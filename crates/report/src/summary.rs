//! One [`Summary`] per series: where a phrase first and last occurs, where
//! its rate peaks, its total, and how its rate changed.

use serde::Serialize;

use crate::series::{Series, SeriesRow, Trend};

/// The summary of one series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The phrase.
    pub phrase: String,
    /// The `--by-also` group, or empty.
    pub group: String,
    /// First axis value with an occurrence.
    pub first: Option<String>,
    /// Last axis value with an occurrence.
    pub last: Option<String>,
    /// Axis value with the highest rate per 10,000 chars.
    pub peak: Option<String>,
    /// Total matches.
    pub total: u64,
    /// Mean rate per 10,000 chars over the last third of the axis values
    /// with documents, minus the mean over the first third.
    pub change_per_10k: Option<f64>,
}

impl Trend {
    /// One summary per series.
    pub fn summaries(&self) -> Vec<Summary> {
        self.series
            .iter()
            .map(|s| summarize(s, self.numeric))
            .collect()
    }
}

/// The summary of `s`; `ordered` when the axis is numeric.
fn summarize(s: &Series, ordered: bool) -> Summary {
    let seen: Vec<&SeriesRow> = s
        .points
        .iter()
        .filter(|p| p.count.unwrap_or(0) > 0)
        .collect();
    let with_docs: Vec<&SeriesRow> = s.points.iter().filter(|p| p.count.is_some()).collect();
    // Along names (regions) there is no first, last or change.
    Summary {
        phrase: s.phrase.clone(),
        group: s.group.clone(),
        first: seen.first().filter(|_| ordered).map(|p| p.x.clone()),
        last: seen.last().filter(|_| ordered).map(|p| p.x.clone()),
        peak: peak(&with_docs),
        total: s.points.iter().filter_map(|p| p.count).sum(),
        change_per_10k: change_per_10k(&with_docs).filter(|_| ordered),
    }
}

/// The axis value with an occurrence and the highest rate (the last of
/// equal ones).
fn peak(with_docs: &[&SeriesRow]) -> Option<String> {
    with_docs
        .iter()
        .filter(|p| p.count.unwrap_or(0) > 0)
        .max_by(|a, b| {
            a.per_10k
                .unwrap_or(0.0)
                .total_cmp(&b.per_10k.unwrap_or(0.0))
        })
        .map(|p| p.x.clone())
}

/// The mean rate over the last third of the points with documents minus the
/// mean over the first third, to 4 decimals; none with fewer than 3 points.
fn change_per_10k(with_docs: &[&SeriesRow]) -> Option<f64> {
    let third = with_docs.len() / 3;
    (third > 0).then(|| {
        let d =
            mean_per_10k(&with_docs[with_docs.len() - third..]) - mean_per_10k(&with_docs[..third]);
        (d * 10_000.0).round() / 10_000.0
    })
}

/// The mean rate of `points`.
fn mean_per_10k(points: &[&SeriesRow]) -> f64 {
    points.iter().map(|p| p.per_10k.unwrap_or(0.0)).sum::<f64>() / points.len() as f64
}
