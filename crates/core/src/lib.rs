//! # tifa-core
//!
//! The engine of tifa: a [`Lexicon`] of Chinese official formulations
//! (提法) with categories, variants and enumerated members; a [`Matcher`]
//! that finds and counts them with precise semantics; and the [`Counts`] and
//! [`CountTable`] that corpus statistics are made of, and those statistics
//! ([`stats`]: keyness, dispersion, collocation). No I/O beyond reading a
//! lexicon file, and no printing: the `tifa` CLI and `tifa-server` are thin
//! layers over this crate.
//!
//! ## The key decision: fold the patterns, not the text
//! The semantics (SPEC §1.2) are defined on normalized text: white space
//! and zero-width characters inside a phrase are ignored, full-width ≡
//! half-width, traditional ≡ simplified. Normalizing every document first
//! would cost a copy and a table look-up per character, on text that is
//! almost always already canonical. Instead the automaton holds the folded
//! patterns plus single-character *watch patterns* for the characters that
//! fold differently, and one leftmost-longest pass over the raw bytes finds
//! both. Only a paragraph in which a watched character could change a
//! match (a phrase broken by a line break, a traditional phrase) is folded
//! and searched again. The result is exactly that of searching the folded
//! text; the argument is in [`design`].
//!
//! ## Example
//! ```
//! use tifa_core::{Lexicon, Matcher};
//! let matcher = Matcher::new(&Lexicon::builtin())?;
//! let text = "坚持“一府一委两院”，發展全過程人民民主。";
//! for m in matcher.find_iter(text) {
//!     println!("{} {} {:?} quoted={}", m.phrase(), m.category(), m.span(), m.quoted());
//! }
//! let counts = matcher.count(text);
//! let id = matcher.lexicon().find("全过程人民民主").unwrap();
//! assert_eq!(counts.literal(id), 1);
//! // 两院 inside 一府一委两院 is not counted: leftmost-longest.
//! assert_eq!(counts.literal(matcher.lexicon().find("两院").unwrap()), 0);
//! # Ok::<(), tifa_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod anchor;
mod bmp;
mod charscan;
mod count;
pub mod design;
// Public as `stats::dispersion`; here, below `count` and `stats`, which
// both use it.
pub mod discover;
#[doc(hidden)]
pub mod dispersion;
mod engine;
mod error;
mod expand;
pub mod fold;
mod hit;
mod lexicon;
mod matcher;
pub mod meta;
mod numbers;
mod options;
mod pattern;
mod pieces;
pub use numbers::numeral;

mod quotes;
mod records;
mod rounding;
mod sieve;
pub mod stats;
mod strategy;
mod turns;

pub use count::{natural_key_cmp, per_10k, CountRow, CountTable, Counts, RowSelection, WideRow};
pub use discover::{Discovery, DiscoveryRecord};
pub use engine::Strategy;
pub use error::{Error, Problem};
pub use lexicon::{
    AdHoc, Entry, EntryId, Lexicon, LexiconFormat, Origin, DEFAULT_CATEGORY, MAX_MEMBERS,
};
pub use matcher::{FindIter, Form, Match, Matcher, MatcherBuilder};
pub use numbers::{
    numbers_by_subject, CompactString, NumberExtractor, NumberKind, NumberMention, NumberRecord,
    NumberRecordRef, NumberValue, SubjectTotal,
};
pub use options::{LexiconSources, MatchOptions};
pub use records::{
    kwic, kwic_lines, kwic_lines_by_piece, phrase_counts, scan, scan_hits, scan_hits_by_piece,
    scan_until, KwicLine, KwicLineOf, KwicRecord, LineCounter, PhraseCount, ScanHit, ScanHitOf,
    ScanRecord,
};
pub use turns::{AbandonOnPanic, Turns};
