//! The lexicon: formulations (提法) with their categories, variants and
//! enumerated members (SPEC §1.1), its loaders and its validation.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Problem};
use crate::fold::fold_str;

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

const BUILTIN_SOURCE: &str = include_str!("default_lexicon.toml");

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

/// The fields of an entry as written in a file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    phrase: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    members: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

impl RawEntry {
    fn into_entry(self, source: &Arc<str>, line: Option<usize>) -> Entry {
        let clean = |v: Vec<String>| -> Vec<String> {
            v.into_iter().map(|s| s.trim().to_string()).collect()
        };
        Entry {
            phrase: self.phrase.trim().to_string(),
            category: self
                .category
                .map(|c| c.trim().to_string())
                .unwrap_or_else(|| DEFAULT_CATEGORY.to_string()),
            variants: clean(self.variants),
            members: clean(self.members),
            note: self.note.filter(|n| !n.trim().is_empty()),
            origin: Origin {
                source: source.clone(),
                line,
            },
        }
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    memchr::memchr_iter(b'\n', &text.as_bytes()[..byte]).count() + 1
}

fn parse_toml(text: &str, source: &Arc<str>) -> Result<Vec<Entry>, Error> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        #[serde(default)]
        entry: Vec<toml::Spanned<RawEntry>>,
    }
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        Problem::new(
            source,
            line,
            format!(
                "{}: a TOML lexicon is a list of [[entry]] tables with keys phrase, category, variants, members, note",
                e.message().trim()
            ),
        )
    })?;
    Ok(file
        .entry
        .into_iter()
        .map(|spanned| {
            let line = line_of(text, spanned.span().start);
            spanned.into_inner().into_entry(source, Some(line))
        })
        .collect())
}

fn parse_json(text: &str, source: &Arc<str>) -> Result<Vec<Entry>, Error> {
    use serde_json::value::RawValue;
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Wrapped<'a> {
        #[serde(borrow)]
        entries: Vec<&'a RawValue>,
    }
    let json_problem = |e: serde_json::Error, base_line: usize| {
        Problem::new(
            source,
            Some(base_line + e.line().saturating_sub(1)),
            format!(
                "{e}: a JSON lexicon is an array of objects with keys phrase, category, variants, members, note, or {{\"entries\": [...]}}"
            ),
        )
    };
    let raws: Vec<&RawValue> = match text.trim_start().as_bytes().first() {
        Some(b'{') => {
            serde_json::from_str::<Wrapped>(text)
                .map_err(|e| json_problem(e, 1))?
                .entries
        }
        _ => serde_json::from_str(text).map_err(|e| json_problem(e, 1))?,
    };
    let base = text.as_ptr() as usize;
    let mut entries = Vec::with_capacity(raws.len());
    for raw in raws {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(base);
        let line = line_of(text, offset);
        let entry: RawEntry = serde_json::from_str(raw.get()).map_err(|e| json_problem(e, line))?;
        entries.push(entry.into_entry(source, Some(line)));
    }
    Ok(entries)
}

fn parse_delimited(text: &str, delimiter: u8, source: &Arc<str>) -> Result<Vec<Entry>, Error> {
    const COLUMNS: [&str; 5] = ["phrase", "category", "variants", "members", "note"];
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let csv_problem = |e: csv::Error| {
        let line = e.position().map(|p| p.line() as usize);
        Problem::new(source, line, format!("{e}"))
    };
    let headers = reader.headers().map_err(csv_problem)?.clone();
    let mut column = [None; 5];
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim();
        match COLUMNS.iter().position(|c| *c == name) {
            Some(k) => column[k] = Some(i),
            None => {
                return Err(Problem::new(
                    source,
                    Some(1),
                    format!(
                        "unknown column `{name}`: the columns are phrase (required), category, variants, members, note"
                    ),
                )
                .into())
            }
        }
    }
    let Some(phrase_col) = column[0] else {
        return Err(Problem::new(
            source,
            Some(1),
            "no `phrase` column: the header row must name a `phrase` column",
        )
        .into());
    };
    let split = |cell: Option<&str>| -> Vec<String> {
        cell.map(|c| {
            c.split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
    };
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_problem)?;
        let line = record.position().map(|p| p.line() as usize);
        let get = |k: usize| column[k].and_then(|i| record.get(i));
        let raw = RawEntry {
            phrase: record.get(phrase_col).unwrap_or("").to_string(),
            category: get(1)
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from),
            variants: split(get(2)),
            members: split(get(3)),
            note: get(4).map(String::from),
        };
        entries.push(raw.into_entry(source, line));
    }
    Ok(entries)
}

fn parse_lines(text: &str, source: &Arc<str>) -> Vec<Entry> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let phrase = line.trim();
            if phrase.is_empty() || phrase.starts_with('#') {
                return None;
            }
            let mut entry = Entry::new(phrase, DEFAULT_CATEGORY);
            entry.origin = Origin {
                source: source.clone(),
                line: Some(i + 1),
            };
            Some(entry)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(r: Result<Lexicon, Error>) -> Vec<String> {
        match r {
            Err(Error::Lexicon(ps)) => ps.iter().map(|p| p.to_string()).collect(),
            other => panic!("expected lexicon problems, got {other:?}"),
        }
    }

    #[test]
    fn builtin_parses_and_holds_the_spec_list() {
        let lex = Lexicon::builtin();
        for phrase in SPEC_PHRASES {
            assert!(
                lex.find(phrase).is_some(),
                "built-in lexicon lacks {phrase}"
            );
        }
        let id = lex.find("四个机关").unwrap();
        assert_eq!(
            lex.entry(id).members,
            ["政治机关", "国家权力机关", "工作机关", "代表机关"]
        );
        let id = lex.find("人大常委会").unwrap();
        assert!(lex
            .entry(id)
            .variants
            .contains(&"人民代表大会常务委员会".to_string()));
        let id = lex.find("代表票决制").unwrap();
        assert!(lex.entry(id).variants.contains(&"票决制".to_string()));
    }

    /// SPEC §1.4, verbatim.
    const SPEC_PHRASES: &[&str] = &[
        "一府一委两院",
        "一府两院",
        "人大常委会",
        "四个机关",
        "人民代表大会制度",
        "代表联络站",
        "人大代表之家",
        "基层立法联系点",
        "两院",
        "全过程人民民主",
        "习近平新时代中国特色社会主义思想",
        "习近平法治思想",
        "两个确立",
        "两个维护",
        "四个意识",
        "四个自信",
        "四个全面",
        "五位一体",
        "党的全面领导",
        "人民当家作主",
        "以人民为中心",
        "人民至上",
        "中国式现代化",
        "新发展理念",
        "新发展格局",
        "高质量发展",
        "共同富裕",
        "铸牢中华民族共同体意识",
        "总体国家安全观",
        "第一议题",
        "主题教育",
        "四下基层",
        "八项规定",
        "四风",
        "双减",
        "急难愁盼",
        "十四五",
        "八五普法",
        "五个牢牢把握",
        "九个深刻领会",
        "三个全面",
        "七个聚焦",
        "两个务必",
        "三个务必",
        "执法检查",
        "专题询问",
        "备案审查",
        "民生实事",
        "代表票决制",
        "宪法宣誓",
        "乡村振兴",
        "营商环境",
        "绿水青山就是金山银山",
        "碳达峰",
        "碳中和",
        "法治政府",
    ];

    #[test]
    fn toml_errors_name_line_and_problem() {
        let src =
            "[[entry]]\nphrase = \"甲乙\"\n\n[[entry]]\nphrase = \"丙丁\"\ncolour = \"red\"\n";
        let p = problems(Lexicon::parse(src, LexiconFormat::Toml, "x.toml"));
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("x.toml:6:"), "{p:?}");
        assert!(p[0].contains("unknown field `colour`"), "{p:?}");

        let src = "[[entry]]\nphrase = \"甲乙\"\ncategory = 5\n";
        let p = problems(Lexicon::parse(src, LexiconFormat::Toml, "x.toml"));
        assert!(
            p[0].starts_with("x.toml:3:") && p[0].contains("invalid type"),
            "{p:?}"
        );
    }

    #[test]
    fn empty_phrase_duplicate_and_shared_variant() {
        let src = "[[entry]]\nphrase = \"  \"\n[[entry]]\nphrase = \"甲乙\"\nvariants = [\"丙丁\"]\n[[entry]]\nphrase = \"戊己\"\nvariants = [\"丙丁\"]\n[[entry]]\nphrase = \"甲乙\"\n";
        let p = problems(Lexicon::parse(src, LexiconFormat::Toml, "x.toml"));
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].starts_with("x.toml:1:") && p[0].contains("empty phrase"));
        assert!(
            p[1].starts_with("x.toml:6:")
                && p[1].contains("丙丁 is claimed by two entries, 甲乙 and 戊己 (at x.toml:3)"),
            "{p:?}"
        );
        assert!(
            p[2].starts_with("x.toml:9:")
                && p[2].contains("duplicate entry 甲乙 (first defined at x.toml:3)"),
            "{p:?}"
        );
    }

    #[test]
    fn variants_collide_after_folding() {
        let src = "國家權力機關\n国家权力机关\n";
        let p = problems(Lexicon::parse(src, LexiconFormat::Lines, "x.txt"));
        assert!(
            p[0].starts_with("x.txt:2:") && p[0].contains("claimed by two entries"),
            "{p:?}"
        );
    }

    #[test]
    fn json_both_shapes_and_errors() {
        let a = Lexicon::parse(
            "[{\"phrase\": \"甲乙\", \"category\": \"policy\", \"variants\": [\"甲\"]}]",
            LexiconFormat::Json,
            "a.json",
        )
        .unwrap();
        assert_eq!(a.entries()[0].category, "policy");
        let b = Lexicon::parse(
            "{\"entries\": [\n{\"phrase\": \"甲乙\"},\n{\"phrase\": \"丙丁\", \"members\": [\"丙\", \"丁\"]}\n]}",
            LexiconFormat::Json,
            "b.json",
        )
        .unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b.entries()[1].origin.line, Some(3));
        let p = problems(Lexicon::parse(
            "[\n{\"phrase\": \"甲乙\"},\n{\"phrase\": \"丙丁\", \"colour\": 1}\n]",
            LexiconFormat::Json,
            "c.json",
        ));
        assert!(
            p[0].starts_with("c.json:3:") && p[0].contains("unknown field `colour`"),
            "{p:?}"
        );
        let p = problems(Lexicon::parse(
            "[{\"phrase\": }]",
            LexiconFormat::Json,
            "d.json",
        ));
        assert!(p[0].starts_with("d.json:1:"), "{p:?}");
    }

    #[test]
    fn csv_and_tsv() {
        let lex = Lexicon::parse(
            "category,phrase,variants,members\npolicy,甲乙,甲|乙乙,\nidea,丙丁,,丙|丁\n",
            LexiconFormat::Csv,
            "a.csv",
        )
        .unwrap();
        assert_eq!(lex.entries()[0].variants, ["甲", "乙乙"]);
        assert_eq!(lex.entries()[1].members, ["丙", "丁"]);
        assert_eq!(lex.entries()[1].origin.line, Some(3));
        let p = problems(Lexicon::parse(
            "phrase\tcolour\n甲乙\tred\n",
            LexiconFormat::Tsv,
            "b.tsv",
        ));
        assert!(
            p[0].starts_with("b.tsv:1:") && p[0].contains("unknown column `colour`"),
            "{p:?}"
        );
        let p = problems(Lexicon::parse(
            "category\npolicy\n",
            LexiconFormat::Csv,
            "c.csv",
        ));
        assert!(p[0].contains("no `phrase` column"), "{p:?}");
        let p = problems(Lexicon::parse(
            "phrase,category\n甲乙,a\n丙丁,b,extra\n",
            LexiconFormat::Csv,
            "d.csv",
        ));
        assert!(p[0].starts_with("d.csv:3:"), "{p:?}");
    }

    #[test]
    fn lines_skip_comments_and_blanks() {
        let lex = Lexicon::parse(
            "\u{FEFF}# c\n\n甲乙\n  丙丁  \n",
            LexiconFormat::Lines,
            "a.txt",
        )
        .unwrap();
        let phrases: Vec<_> = lex.entries().iter().map(|e| e.phrase.as_str()).collect();
        assert_eq!(phrases, ["甲乙", "丙丁"]);
        assert_eq!(lex.entries()[1].origin.line, Some(4));
    }

    #[test]
    fn merge_replaces_by_phrase_and_reports_cross_source_conflicts() {
        let mut lex = Lexicon::builtin();
        let n = lex.len();
        let user = Lexicon::parse(
            "[[entry]]\nphrase = \"两院\"\ncategory = \"mine\"\n",
            LexiconFormat::Toml,
            "u.toml",
        )
        .unwrap();
        lex.merge(user).unwrap();
        assert_eq!(lex.len(), n);
        assert_eq!(lex.entry(lex.find("两院").unwrap()).category, "mine");
        let clash =
            Lexicon::parse("人民代表大会常务委员会\n", LexiconFormat::Lines, "v.txt").unwrap();
        let err = lex.merge(clash).unwrap_err().to_string();
        assert!(
            err.contains("v.txt:1:") && err.contains("claimed by two entries"),
            "{err}"
        );
        assert_eq!(lex.len(), n, "a failed merge leaves the lexicon as it was");
    }
}
