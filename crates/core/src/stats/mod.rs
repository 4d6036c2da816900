//! Corpus statistics on exact counts: keyness (is a phrase used more in one
//! group of documents than in another, beyond noise?), dispersion (is it
//! used evenly across the documents of a group, or in a few?), and the
//! association measures of collocation.
//!
//! Each file holds one kind of statistic and writes down its formulas and
//! where they come from:
//! - [`keyness`](mod@keyness): one phrase in a 2×2 table — log-likelihood G²
//!   (Dunning 1993, in the form of Rayson & Garside 2000), chi² with Yates'
//!   correction, their p-values, Hardie's (2014) log ratio;
//! - [`compare`](mod@compare): keyness of every phrase of a [`CountTable`]
//!   between target and reference groups (`tifa keyness`);
//! - [`dispersion`](mod@dispersion): Gries' DP (2008), its normalized form
//!   (Lijffijt & Gries 2012) and Juilland's D, from only the parts in which a
//!   phrase occurs (`tifa count --dispersion`);
//! - [`collocation`](mod@collocation): MI, t-score and log-likelihood of a
//!   node and a collocate in a window (Evert 2008);
//! - [`collocates`](mod@collocates): the words around a phrase's matches
//!   (jieba-rs words or character n-grams, lexicon phrases kept whole),
//!   counted over documents and scored (`tifa collocates`).
//!
//! Sizes are in characters (the `chars` of the count table): Chinese has no
//! word boundaries that every tool agrees on, and a rate per character is
//! what `per_10k` already is. Functions return `None` (never NaN or
//! infinity, never a panic) where a statistic is undefined, and say when.
//!
//! [`CountTable`]: crate::CountTable

pub mod collocates;
pub mod collocation;
pub mod compare;
pub mod dispersion;
pub mod keyness;

pub use collocates::{collocates, CollocateOptions, CollocateRow, Collocates, Measure, Node, Unit};
pub use collocation::Cooccurrence;
pub use compare::{Comparison, KeynessRow};
pub use dispersion::{Dispersion, PartSizes};
pub use keyness::{Keyness, Use};

/// `x` rounded to `decimals` places, as the printed tables show statistics
/// (the values kept in the structs are not rounded).
pub fn round_to(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    let r = (x * scale).round() / scale;
    if r.is_finite() {
        r
    } else {
        x
    }
}

/// `x` rounded to 4 significant digits: how p-values are printed (a
/// p-value of 3.2e-12 would read 0 at 4 decimals).
pub fn round_significant(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let magnitude = x.abs().log10().floor() as i32;
    round_to(x, 3 - magnitude)
}
