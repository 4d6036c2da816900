//! The vocabulary of number extraction, read from data files in this
//! crate (`data/units.tsv`, `data/words.toml`, `data/idioms.txt`,
//! `data/places.txt`) once per process.
//!
//! Units and word lists are data, not code: a unit or set word missing on
//! a user's text is one line in a data file, and the lists are indexed
//! here so that a look-up costs one hash probe whatever their length.

use std::sync::OnceLock;

use super::word_index::WordIndex;

/// What a unit says about its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// A measure word: what a count counts (次 项 个 人次).
    Measure,
    /// A unit of measurement (吨 公里 千瓦时).
    Metric,
    /// A currency: the mention is money.
    Money,
    /// A span of time (年 个月 天): no subject.
    Time,
    /// A word that is itself what is counted (三者 "the three"): no
    /// subject.
    Pronoun,
    /// 个百分点: the mention is a percent.
    Percent,
    /// 届 世纪 年代 中全会 大: the mention is an ordinal.
    Ordinal,
}

/// The parsed data files.
pub(crate) struct Vocabulary {
    pub units: WordIndex,
    unit_kinds: rustc_hash::FxHashMap<&'static str, UnitKind>,
    pub set_words: Vec<&'static str>,
    pub verbs: WordIndex,
    /// Words stripped before a number, longest first, with their last chars.
    before_number: Vec<(char, &'static str)>,
    /// Words cut from the start of a subject, longest first
    /// ([`Vocabulary::subject_lead`]).
    subject_lead: Vec<&'static str>,
    /// Their first chars.
    subject_lead_firsts: Vec<char>,
    pub not_a_noun_start: WordIndex,
    pub noun_end: WordIndex,
    pub approx_before: Vec<&'static str>,
    /// The last chars of [`Vocabulary::approx_before`]'s words.
    pub approx_before_last: Vec<char>,
    pub approx_mid: WordIndex,
    pub approx_after: WordIndex,
    pub congress_context: WordIndex,
    pub approx_before_not: Vec<&'static str>,
    pub counting_cues: Vec<&'static str>,
    pub event_measures: Vec<&'static str>,
    pub number_names: Vec<&'static str>,
    pub grade_measures: Vec<&'static str>,
    pub not_units: WordIndex,
    pub rate_units: Vec<&'static str>,
    pub magnitude_words: Vec<&'static str>,
    pub edition_counts: Vec<&'static str>,
}

impl Vocabulary {
    /// The longest word of the `before_number` list that `s` ends with.
    pub(crate) fn before_number_word(&self, s: &str) -> Option<&'static str> {
        let last = s.chars().next_back()?;
        self.before_number
            .iter()
            .find(|(c, w)| *c == last && s.ends_with(*w))
            .map(|(_, w)| *w)
    }

    /// The first word of the `subject_lead` list, longest first, that `s`
    /// starts with (most subjects start with none, told by the first char).
    pub(crate) fn subject_lead(&self, s: &str) -> Option<&'static str> {
        let first = s.chars().next()?;
        if !self.subject_lead_firsts.contains(&first) {
            return None;
        }
        self.subject_lead.iter().copied().find(|w| s.starts_with(w))
    }

    /// Is `word` a unit of the vocabulary?
    pub(crate) fn is_unit(&self, word: &str) -> bool {
        self.unit_kinds.contains_key(word)
    }

    /// The kind of a unit of [`Vocabulary::units`].
    pub(crate) fn unit_kind(&self, unit: &str) -> UnitKind {
        self.unit_kinds
            .get(unit)
            .copied()
            .unwrap_or(UnitKind::Measure)
    }
}

const UNITS: &str = include_str!("data/units.tsv");
const WORDS: &str = include_str!("data/words.toml");
/// Idioms holding a numeral (危机四伏), from jieba's dictionary: set words.
const IDIOMS: &str = include_str!("data/idioms.txt");
/// Place names holding a numeral (六盘水), from jieba's dictionary: set words.
const PLACES: &str = include_str!("data/places.txt");

/// The vocabulary, parsed on first use. The files are part of the crate and
/// tested (`the_data_files_parse`), so a parse failure is a build defect.
pub(crate) fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY
        .get_or_init(|| parse(UNITS, WORDS, &[IDIOMS, PLACES]).unwrap_or_else(|e| panic!("{e}")))
}

/// `units.tsv`: the units in file order, and the kind of each.
type Units = (
    Vec<&'static str>,
    rustc_hash::FxHashMap<&'static str, UnitKind>,
);

fn parse_units(units: &'static str) -> Result<Units, String> {
    let mut unit_list = Vec::new();
    let mut unit_kinds = rustc_hash::FxHashMap::default();
    for (i, line) in units.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (unit, kind) = line
            .split_once('\t')
            .ok_or_else(|| format!("units.tsv line {}: no TAB", i + 1))?;
        let kind = match kind.trim() {
            "measure" => UnitKind::Measure,
            "metric" => UnitKind::Metric,
            "money" => UnitKind::Money,
            "time" => UnitKind::Time,
            "pronoun" => UnitKind::Pronoun,
            "percent" => UnitKind::Percent,
            "ordinal" => UnitKind::Ordinal,
            other => return Err(format!("units.tsv line {}: unknown kind {other:?}", i + 1)),
        };
        unit_list.push(unit);
        unit_kinds.insert(unit, kind);
    }
    Ok((unit_list, unit_kinds))
}

fn parse(
    units: &'static str,
    words: &'static str,
    jieba: &[&'static str],
) -> Result<Vocabulary, String> {
    let (unit_list, unit_kinds) = parse_units(units)?;
    let table: toml::Table = words.parse().map_err(|e| format!("words.toml: {e}"))?;
    let list = |name: &str| -> Result<Vec<&'static str>, String> {
        let items = table
            .get(name)
            .and_then(|v| v.as_array())
            .ok_or_else(|| format!("words.toml: no list {name}"))?;
        items
            .iter()
            .map(|v| {
                let s = v
                    .as_str()
                    .ok_or_else(|| format!("words.toml: {name} holds a non-string"))?;
                // Leaked once per process: the lists live as long as it.
                Ok(&*Box::leak(s.to_string().into_boxed_str()))
            })
            .collect()
    };
    let longest_first = |mut v: Vec<&'static str>| {
        v.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        v
    };
    Ok(Vocabulary {
        units: WordIndex::new(&unit_list),
        unit_kinds,
        set_words: list("set_words")?
            .into_iter()
            .chain(
                jieba
                    .iter()
                    .flat_map(|file| file.lines())
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#')),
            )
            .collect(),
        verbs: WordIndex::new(&list("verbs")?),
        before_number: longest_first(list("before_number")?)
            .into_iter()
            .filter_map(|w| Some((w.chars().next_back()?, w)))
            .collect(),
        subject_lead_firsts: list("subject_lead")?
            .iter()
            .filter_map(|w| w.chars().next())
            .collect(),
        subject_lead: longest_first(list("subject_lead")?),
        not_a_noun_start: WordIndex::new(&list("not_a_noun_start")?),
        noun_end: WordIndex::new(&list("noun_end")?),
        approx_before_last: list("approx_before")?
            .iter()
            .filter_map(|w| w.chars().next_back())
            .collect(),
        approx_before: longest_first(list("approx_before")?),
        approx_mid: WordIndex::new(&list("approx_mid")?),
        approx_after: WordIndex::new(&list("approx_after")?),
        congress_context: WordIndex::new(&list("congress_context")?),
        approx_before_not: list("approx_before_not")?,
        counting_cues: longest_first(list("counting_cues")?),
        event_measures: list("event_measures")?,
        number_names: list("number_names")?,
        grade_measures: list("grade_measures")?,
        not_units: WordIndex::new(&list("not_units")?),
        rate_units: list("rate_units")?,
        magnitude_words: list("magnitude_words")?,
        edition_counts: list("edition_counts")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_files_parse() {
        let v = parse(UNITS, WORDS, &[IDIOMS, PLACES]).unwrap();
        assert!(v.units.words().count() > 250);
        assert_eq!(v.unit_kind("美元"), UnitKind::Money);
        assert_eq!(v.unit_kind("个百分点"), UnitKind::Percent);
        assert_eq!(v.unit_kind("个月"), UnitKind::Time);
        assert_eq!(v.unit_kind("标准箱"), UnitKind::Metric);
        assert_eq!(v.unit_kind("者"), UnitKind::Pronoun);
        assert!(v.set_words.contains(&"一系列"));
        assert!(
            v.set_words.contains(&"危机四伏"),
            "the idioms are set words"
        );
        assert!(!v.set_words.contains(&"翻了一番"), "doubling is a quantity");
        assert!(
            v.set_words.contains(&"六盘水"),
            "the place names are set words"
        );
    }

    #[test]
    fn bad_data_is_reported_with_its_line() {
        let e = parse("次\tmeasure\n吨 metric\n", WORDS, &[]).err().unwrap();
        assert!(e.contains("line 2"), "{e}");
        let e = parse("次\tfoo\n", WORDS, &[]).err().unwrap();
        assert!(e.contains("unknown kind"), "{e}");
    }
}
