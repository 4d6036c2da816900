//! One [`Summary`] per series: where a phrase first and last occurs, the
//! axis value with its highest rate, its total, and how its rate changed.
//! Points from groups under [`Trend::min_chars`] characters are left out:
//! one short document makes a rate of noise.

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
    /// The axis value with the highest rate per 10,000 chars.
    pub highest_at: Option<String>,
    /// That rate.
    pub highest_per_10k: Option<f64>,
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
            .map(|s| summarize(s, self.numeric, self.min_chars))
            .collect()
    }
}

/// The summary of `s`; `ordered` when the axis is numeric.
fn summarize(s: &Series, ordered: bool, min_chars: u64) -> Summary {
    let kept = |p: &&SeriesRow| p.chars.unwrap_or(0) >= min_chars;
    let seen: Vec<&SeriesRow> = s
        .points
        .iter()
        .filter(kept)
        .filter(|p| p.count.unwrap_or(0) > 0)
        .collect();
    let with_docs: Vec<&SeriesRow> = s
        .points
        .iter()
        .filter(kept)
        .filter(|p| p.count.is_some())
        .collect();
    let highest = highest(&with_docs);
    // Along names (regions) there is no first, last or change.
    Summary {
        phrase: s.phrase.clone(),
        group: s.group.clone(),
        first: seen.first().filter(|_| ordered).map(|p| p.x.clone()),
        last: seen.last().filter(|_| ordered).map(|p| p.x.clone()),
        highest_at: highest.map(|p| p.x.clone()),
        highest_per_10k: highest.and_then(|p| p.per_10k),
        total: s.points.iter().filter(kept).filter_map(|p| p.count).sum(),
        change_per_10k: change_per_10k(&with_docs).filter(|_| ordered),
    }
}

/// The point with an occurrence and the highest rate (the last of equal
/// ones).
fn highest<'a>(with_docs: &[&'a SeriesRow]) -> Option<&'a SeriesRow> {
    with_docs
        .iter()
        .filter(|p| p.count.unwrap_or(0) > 0)
        .max_by(|a, b| {
            a.per_10k
                .unwrap_or(0.0)
                .total_cmp(&b.per_10k.unwrap_or(0.0))
        })
        .copied()
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
