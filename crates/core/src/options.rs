//! The options every front end shares — the CLI's flags, the server's
//! `options`, SQL's `SET tifa.…`, `tifa-ballista`'s flags — and the one
//! place each is turned into what it names, so that the front ends cannot
//! drift apart: [`LexiconSources::load`] (`--lexicon`, `--lexicon-only`)
//! and [`MatchOptions::build`] (`--overlapping`, `--strict`).

use std::path::PathBuf;

use serde::Deserialize;

use crate::error::Error;
use crate::lexicon::Lexicon;
use crate::matcher::{Matcher, MatcherBuilder};

/// Where a run's lexicon comes from: the built-in lexicon with the user's
/// files merged over it (an entry of a file replaces the built-in entry of
/// the same phrase), or the files alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct LexiconSources {
    /// Lexicon files (.toml, .json, .csv, .tsv, or one phrase a line), in
    /// the order they are merged.
    pub files: Vec<PathBuf>,
    /// Use only `files`, not the built-in lexicon.
    pub only: bool,
}

impl LexiconSources {
    /// The lexicon these sources name. `only` without a file is an error
    /// (an empty lexicon would count nothing, silently).
    ///
    /// ```
    /// use tifa_core::{Lexicon, LexiconSources};
    /// assert_eq!(LexiconSources::default().load()?, Lexicon::builtin());
    /// let none = LexiconSources { files: vec![], only: true };
    /// assert!(none.load().unwrap_err().to_string().contains("--lexicon-only"));
    /// # Ok::<(), tifa_core::Error>(())
    /// ```
    pub fn load(&self) -> Result<Lexicon, Error> {
        let mut lexicon = if self.only {
            if self.files.is_empty() {
                return Err(Error::Options(
                    "--lexicon-only (lexicon_only) needs at least one lexicon file: \
                     name it with --lexicon FILE"
                        .into(),
                ));
            }
            Lexicon::empty()
        } else {
            Lexicon::builtin()
        };
        for path in &self.files {
            lexicon.merge(Lexicon::from_file(path)?)?;
        }
        Ok(lexicon)
    }
}

/// The matching switches: `overlapping` reports nested occurrences too,
/// `strict` turns normalization off (SPEC §1.2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
pub struct MatchOptions {
    /// Report every occurrence of every phrase, nested ones included.
    #[serde(default)]
    pub overlapping: bool,
    /// No normalization (no skipping of white space inside phrases, no
    /// full-width or traditional folding).
    #[serde(default)]
    pub strict: bool,
}

impl MatchOptions {
    /// A matcher builder with these switches set.
    pub fn builder(self) -> MatcherBuilder {
        let mut builder = MatcherBuilder::new();
        builder.overlapping(self.overlapping).strict(self.strict);
        builder
    }

    /// The matcher over `lexicon` with these switches.
    pub fn build(self, lexicon: &Lexicon) -> Result<Matcher, Error> {
        self.builder().build(lexicon)
    }
}
