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
pub mod keyness;
#[doc(inline)]
pub use crate::dispersion;

pub use collocates::{collocates, CollocateOptions, CollocateRow, Collocates, Measure, Node, Unit};
pub use collocation::Cooccurrence;
pub use compare::{Comparison, KeynessRow};
pub use dispersion::{Dispersion, PartSizes};
pub use keyness::{Keyness, Use};

pub use crate::rounding::{round_significant, round_to};
