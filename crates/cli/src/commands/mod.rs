//! One file per command: each turns its flags into calls of tifa-core
//! through the driver, and hands the records to the printer.

pub(crate) mod collocates;
pub(crate) mod count;
pub(crate) mod discover;
pub(crate) mod keyness;
pub(crate) mod kwic;
pub(crate) mod lexicon;
pub(crate) mod numbers;
pub(crate) mod scan;
pub(crate) mod trend;
