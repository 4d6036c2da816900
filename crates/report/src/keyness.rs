//! Characteristic phrases: for each axis value, the phrases it uses more
//! than every other value does, by log-likelihood (tifa-core's
//! `stats::compare`, the numbers of `tifa keyness --by AXIS --target X`).

use std::collections::HashSet;

use tifa_core::stats::compare::{keyness_rows, Comparison, KeynessRow};
use tifa_core::stats::Use;
use tifa_core::{CountTable, EntryId, Lexicon};

/// Rows shown per axis value at most.
pub const CHARACTERISTIC_PER_VALUE: usize = 3;

/// G² of p < 0.05 with one degree of freedom: below it a difference is not
/// told apart from noise, and the row is not shown.
pub const CHARACTERISTIC_MIN_G2: f64 = 3.841_458_820_694_124;

/// One axis value's characteristic phrases.
#[derive(Debug, Clone, PartialEq)]
pub struct Characteristic {
    /// The axis value (the target; the reference is every other value).
    pub x: String,
    /// Up to [`CHARACTERISTIC_PER_VALUE`] phrases used more there than
    /// elsewhere with G² ≥ [`CHARACTERISTIC_MIN_G2`], largest G² first.
    pub rows: Vec<KeynessRow>,
}

/// For each value of `axis` in `table` (in `xs` order), its characteristic
/// phrases among `entries` (`None`: every entry of the lexicon). Empty when
/// the axis has fewer than two values (nothing to compare with).
pub(crate) fn characteristic(
    table: &CountTable,
    lexicon: &Lexicon,
    axis: &str,
    xs: &[String],
    entries: Option<&HashSet<EntryId>>,
) -> Vec<Characteristic> {
    let present: Vec<&String> = xs
        .iter()
        .filter(|x| table.group_docs().any(|(g, _)| g.first() == Some(*x)))
        .collect();
    if present.len() < 2 {
        return Vec::new();
    }
    present
        .into_iter()
        .map(|x| {
            let cmp = Comparison {
                field: axis.to_string(),
                target: vec![x.clone()],
                entries: entries.cloned(),
                ..Comparison::default()
            };
            // An error here (a value in no group) cannot happen for values
            // taken from the table; it would leave the value without rows.
            let rows = keyness_rows(table, lexicon, &cmp)
                .unwrap_or_default()
                .into_iter()
                .filter(|r| {
                    r.keyness.direction == Use::Over && r.keyness.g2 >= CHARACTERISTIC_MIN_G2
                })
                .take(CHARACTERISTIC_PER_VALUE)
                .collect();
            Characteristic { x: x.clone(), rows }
        })
        .collect()
}
