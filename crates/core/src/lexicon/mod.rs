//! The lexicon: formulations (提法) with their categories, variants and
//! enumerated members (SPEC §1.1), its loaders and its validation.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::error::{Error, Problem};
use crate::fold::fold_str;

mod adhoc;
mod formats;
#[cfg(test)]
mod tests;

pub use adhoc::AdHoc;
use formats::{parse_delimited, parse_json, parse_lines, parse_toml};

/// The most members an entry may enumerate (they are tracked in a bit set).
pub const MAX_MEMBERS: usize = 64;

/// The category given to entries that do not name one (plain phrase lists).
pub const DEFAULT_CATEGORY: &str = "custom";

/// Index of an entry in its [`Lexicon`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId(u32);

impl EntryId {
    /// The position of the entry in [`Lexicon::entries`].
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }

    pub(crate) fn from_index(i: usize) -> EntryId {
        EntryId(i as u32)
    }
}

/// Where an entry was defined, for error messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The file (or `<built-in>`, or the name given to an in-memory source).
    pub source: Arc<str>,
    /// 1-based line of the entry, when the format has lines.
    pub line: Option<usize>,
}

/// One formulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The canonical form, e.g. 一府一委两院.
    pub phrase: String,
    /// The category, e.g. `institution`, `ideology`, `policy`, `campaign`,
    /// `formula`; [`DEFAULT_CATEGORY`] when none was given.
    pub category: String,
    /// Other surface forms that count as this entry
    /// (人民代表大会常务委员会 for 人大常委会).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// The enumerated expansion (四个机关 → 政治机关, 国家权力机关, 工作机关,
    /// 代表机关). When all occur as one list in a sentence, that is an
    /// `expanded` occurrence of the entry (SPEC §1.3).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the entry was defined.
    #[serde(skip)]
    pub origin: Origin,
}

impl Entry {
    /// A new entry with no variants, members or note.
    pub fn new(phrase: impl Into<String>, category: impl Into<String>) -> Entry {
        Entry {
            phrase: phrase.into(),
            category: category.into(),
            variants: Vec::new(),
            members: Vec::new(),
            note: None,
            origin: Origin::default(),
        }
    }

    /// The surface forms of the entry: the phrase first, then the variants.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.phrase.as_str()).chain(self.variants.iter().map(String::as_str))
    }

    /// `file:line` of the entry, for messages.
    fn location(&self) -> String {
        match self.origin.line {
            Some(l) => format!("{}:{}", self.origin.source, l),
            None => self.origin.source.to_string(),
        }
    }
}

/// The file formats a lexicon can be read from (SPEC §1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LexiconFormat {
    /// `[[entry]]` tables.
    Toml,
    /// An array of objects, or `{"entries": [...]}`.
    Json,
    /// Comma-separated, with a header row; several values in a cell are
    /// separated by `|`.
    Csv,
    /// Tab-separated, otherwise as [`LexiconFormat::Csv`].
    Tsv,
    /// One phrase a line, category `custom`; blank lines and `#` comments
    /// skipped.
    Lines,
}

impl LexiconFormat {
    /// The format for a file name, by extension (anything unknown is
    /// [`LexiconFormat::Lines`]).
    pub fn from_path(path: &Path) -> LexiconFormat {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("toml") => LexiconFormat::Toml,
            Some("json") => LexiconFormat::Json,
            Some("csv") => LexiconFormat::Csv,
            Some("tsv") | Some("tab") => LexiconFormat::Tsv,
            _ => LexiconFormat::Lines,
        }
    }
}

/// A validated set of entries.
///
/// Validation guarantees: every phrase is non-empty once white space is
/// removed; no two entries share a phrase; no surface form (phrase or
/// variant, compared after folding, see [`crate::fold`]) belongs to two
/// entries; no member is empty; no entry has more than [`MAX_MEMBERS`]
/// members.
///
/// ```
/// use tifa_core::{Lexicon, LexiconFormat};
/// let builtin = Lexicon::builtin();
/// assert!(builtin.find("一府一委两院").is_some());
///
/// let user = Lexicon::parse("全过程人民民主\n# a comment\n基层治理现代化\n", LexiconFormat::Lines, "mine.txt")?;
/// let mut lexicon = builtin.clone();
/// lexicon.merge(user)?;
/// assert_eq!(lexicon.len(), builtin.len() + 1); // 全过程人民民主 replaced, 基层治理现代化 added
/// let id = lexicon.find("全过程人民民主").unwrap();
/// assert_eq!(lexicon.entry(id).category, "custom");
/// # Ok::<(), tifa_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    entries: Vec<Entry>,
}

const BUILTIN_SOURCE: &str = include_str!("../default_lexicon.toml");

impl Lexicon {
    /// The built-in default lexicon (embedded at compile time; it holds at
    /// least every phrase of SPEC §1.4).
    pub fn builtin() -> Lexicon {
        static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                // The embedded file is a constant, validated by a unit test;
                // it cannot fail at run time.
                Lexicon::parse(BUILTIN_SOURCE, LexiconFormat::Toml, "<built-in>")
                    .expect("the built-in lexicon is valid (checked by tests)")
            })
            .clone()
    }

    /// The text of the built-in lexicon (TOML), e.g. to start a file of
    /// one's own from it.
    pub fn builtin_source() -> &'static str {
        BUILTIN_SOURCE
    }

    /// A lexicon with no entries.
    pub fn empty() -> Lexicon {
        Lexicon::default()
    }

    /// Builds a lexicon from entries, validating them. Entries without an
    /// origin are named `origin` in messages.
    pub fn from_entries(mut entries: Vec<Entry>, origin: &str) -> Result<Lexicon, Error> {
        let source: Arc<str> = Arc::from(origin);
        for e in &mut entries {
            if e.origin.source.is_empty() {
                e.origin.source = source.clone();
            }
        }
        let lexicon = Lexicon { entries };
        lexicon.validate()?;
        Ok(lexicon)
    }

    /// Reads a lexicon file; the format is chosen by extension
    /// ([`LexiconFormat::from_path`]).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Lexicon, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let origin = path.display().to_string();
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Problem::new(
                &origin,
                Some(line),
                format!(
                    "not valid UTF-8 (byte {}): save the lexicon as UTF-8",
                    e.valid_up_to()
                ),
            )
        })?;
        Lexicon::parse(text, LexiconFormat::from_path(path), &origin)
    }

    /// Parses a lexicon from text. `origin` names the source in messages.
    pub fn parse(text: &str, format: LexiconFormat, origin: &str) -> Result<Lexicon, Error> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let source: Arc<str> = Arc::from(origin);
        let entries = match format {
            LexiconFormat::Toml => parse_toml(text, &source)?,
            LexiconFormat::Json => parse_json(text, &source)?,
            LexiconFormat::Csv => parse_delimited(text, b',', &source)?,
            LexiconFormat::Tsv => parse_delimited(text, b'\t', &source)?,
            LexiconFormat::Lines => parse_lines(text, &source),
        };
        let lexicon = Lexicon { entries };
        lexicon.validate()?;
        Ok(lexicon)
    }

    /// Adds the entries of `other`: an entry with the same phrase as one
    /// already here replaces it (in place); the others are appended. The
    /// result is validated (a variant claimed by an entry of each is an
    /// error naming both).
    pub fn merge(&mut self, other: Lexicon) -> Result<(), Error> {
        let mut merged = self.entries.clone();
        let index: HashMap<String, usize> = merged
            .iter()
            .enumerate()
            .map(|(i, e)| (e.phrase.clone(), i))
            .collect();
        for entry in other.entries {
            match index.get(&entry.phrase) {
                Some(&i) => merged[i] = entry,
                None => merged.push(entry),
            }
        }
        let candidate = Lexicon { entries: merged };
        candidate.validate()?;
        *self = candidate;
        Ok(())
    }

    /// Keeps only the entries for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Entry) -> bool) {
        self.entries.retain(keep);
    }

    /// The entries, in order; [`EntryId::index`] indexes this slice.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    ///
    /// Ids come from this lexicon (or a matcher built from it); an id from
    /// another lexicon may be out of range and panics like a slice index.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.index()]
    }

    /// The entry whose canonical phrase is `phrase`.
    pub fn find(&self, phrase: &str) -> Option<EntryId> {
        self.entries
            .iter()
            .position(|e| e.phrase == phrase)
            .map(EntryId::from_index)
    }

    /// The entry one of whose forms (phrase or variant) is `form`, compared
    /// after folding (so 代表之家 finds 人大代表之家, and 全過程人民民主 finds
    /// 全过程人民民主).
    pub fn find_form(&self, form: &str) -> Option<EntryId> {
        let folded = fold_str(form);
        self.entries
            .iter()
            .position(|e| e.forms().any(|f| fold_str(f) == folded))
            .map(EntryId::from_index)
    }

    /// Ids with their entries.
    pub fn iter(&self) -> impl Iterator<Item = (EntryId, &Entry)> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, e)| (EntryId::from_index(i), e))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Checks the invariants listed on [`Lexicon`]; returns every problem
    /// found, not only the first.
    pub fn validate(&self) -> Result<(), Error> {
        let mut problems = Vec::new();
        let mut phrases: HashMap<&str, &Entry> = HashMap::new();
        let mut forms: HashMap<String, &Entry> = HashMap::new();
        for entry in &self.entries {
            let at = |msg: String| Problem {
                origin: entry.origin.source.to_string(),
                line: entry.origin.line,
                message: msg,
            };
            if fold_str(&entry.phrase).is_empty() {
                problems.push(at(
                    "empty phrase: every entry needs a non-blank `phrase`".to_string()
                ));
                continue;
            }
            if entry.category.trim().is_empty() {
                problems.push(at(format!(
                    "entry {}: empty category: name one or leave the field out (it defaults to `{DEFAULT_CATEGORY}`)",
                    entry.phrase
                )));
            }
            if let Some(first) = phrases.insert(&entry.phrase, entry) {
                problems.push(at(format!(
                    "duplicate entry {} (first defined at {}): merge the two into one entry",
                    entry.phrase,
                    first.location()
                )));
                continue;
            }
            for form in entry.forms() {
                let folded = fold_str(form);
                if folded.is_empty() {
                    problems.push(at(format!(
                        "entry {}: empty variant: remove it",
                        entry.phrase
                    )));
                    continue;
                }
                match forms.get(&folded) {
                    Some(other) if !std::ptr::eq(*other, entry) => problems.push(at(format!(
                        "{form} is claimed by two entries, {} and {} (at {}): keep it in one of them",
                        other.phrase,
                        entry.phrase,
                        other.location()
                    ))),
                    Some(_) => {}
                    None => {
                        forms.insert(folded, entry);
                    }
                }
            }
            if entry.members.len() > MAX_MEMBERS {
                problems.push(at(format!(
                    "entry {} has {} members; at most {MAX_MEMBERS} are supported",
                    entry.phrase,
                    entry.members.len()
                )));
            }
            if entry.members.iter().any(|m| fold_str(m).is_empty()) {
                problems.push(at(format!(
                    "entry {}: empty member: remove it",
                    entry.phrase
                )));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Lexicon(problems))
        }
    }
}
