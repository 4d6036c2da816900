//! Counts per entry, and the count table of SPEC §4 (`tifa count`).

use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::dispersion::{dispersion, Dispersion, PartSizes};
use crate::lexicon::{EntryId, Lexicon};

/// Occurrences of each entry of a lexicon in some text: literal matches
/// (SPEC §1.2) and enumerated expansions (§1.3), apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    literal: Vec<u64>,
    expanded: Vec<u64>,
}

impl Counts {
    /// Zero counts for a lexicon of `len` entries.
    pub fn new(len: usize) -> Counts {
        Counts {
            literal: vec![0; len],
            expanded: vec![0; len],
        }
    }

    pub(crate) fn ensure_len(&mut self, len: usize) {
        if self.literal.len() < len {
            self.literal.resize(len, 0);
            self.expanded.resize(len, 0);
        }
    }

    pub(crate) fn add_literal(&mut self, id: EntryId, n: u64) {
        self.literal[id.index()] += n;
    }

    pub(crate) fn add_expanded(&mut self, id: EntryId, n: u64) {
        self.expanded[id.index()] += n;
    }

    /// Literal matches of the entry.
    pub fn literal(&self, id: EntryId) -> u64 {
        self.literal.get(id.index()).copied().unwrap_or(0)
    }

    /// Expanded occurrences of the entry.
    pub fn expanded(&self, id: EntryId) -> u64 {
        self.expanded.get(id.index()).copied().unwrap_or(0)
    }

    /// Sum of literal matches over all entries.
    pub fn total_literal(&self) -> u64 {
        self.literal.iter().sum()
    }

    /// Sum of expanded occurrences over all entries.
    pub fn total_expanded(&self) -> u64 {
        self.expanded.iter().sum()
    }

    /// `(entry, literal, expanded)` for every entry with an occurrence.
    pub fn iter(&self) -> impl Iterator<Item = (EntryId, u64, u64)> + '_ {
        self.literal
            .iter()
            .zip(&self.expanded)
            .enumerate()
            .filter(|(_, (l, x))| **l + **x > 0)
            .map(|(i, (l, x))| (EntryId::from_index(i), *l, *x))
    }

    /// Adds `other` into `self`.
    pub fn add(&mut self, other: &Counts) {
        self.ensure_len(other.literal.len());
        for (a, b) in self.literal.iter_mut().zip(&other.literal) {
            *a += b;
        }
        for (a, b) in self.expanded.iter_mut().zip(&other.expanded) {
            *a += b;
        }
    }

    /// Sets every count to zero (keeping the allocation).
    pub fn clear(&mut self) {
        self.literal.iter_mut().for_each(|c| *c = 0);
        self.expanded.iter_mut().for_each(|c| *c = 0);
    }
}

/// Totals of one group of documents.
#[derive(Debug, Clone, Default, PartialEq)]
struct Group {
    docs: u64,
    chars: u64,
    counts: Counts,
    /// Per entry: documents with at least one occurrence (either form).
    docs_with: Vec<u64>,
    /// With dispersion: every document of positive size, as parts.
    sizes: PartSizes,
    /// With dispersion, per entry: (literal count, chars) of each document
    /// where it occurs literally — all that dispersion needs of the rest
    /// (see [`crate::stats::dispersion`]).
    occupied: Vec<Vec<(u64, u64)>>,
}

/// The long (tidy) count table: one row per group × phrase (SPEC §4).
///
/// Documents are added one at a time with their group key (the values of
/// the `--by` fields, empty for the whole corpus); tables built on several
/// threads are combined with [`CountTable::merge`], and the result does not
/// depend on the order of either.
///
/// ```
/// use tifa_core::{CountTable, Lexicon, Matcher};
/// let matcher = Matcher::new(&Lexicon::builtin())?;
/// let mut table = CountTable::new(vec!["year".into()]);
/// for (year, text) in [("2018", "一府一委两院和一府两院"), ("2023", "一府一委两院")] {
///     let chars = text.chars().count() as u64;
///     table.add(vec![year.into()], &matcher.count(text), chars);
/// }
/// let rows = table.rows(matcher.lexicon(), false);
/// assert_eq!(rows.len(), 3);
/// assert_eq!((rows[0].group[0].as_str(), rows[0].phrase.as_str(), rows[0].count), ("2018", "一府一委两院", 1));
/// assert_eq!(rows[0].chars, 11);
/// assert_eq!(rows[0].per_10k, 909.0909);
/// # Ok::<(), tifa_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CountTable {
    by: Vec<String>,
    groups: BTreeMap<Vec<String>, Group>,
    /// Whether documents are kept as parts for dispersion.
    dispersion: bool,
}

impl CountTable {
    /// An empty table grouped by the named fields (none: one group).
    pub fn new(by: Vec<String>) -> CountTable {
        CountTable {
            by,
            groups: BTreeMap::new(),
            dispersion: false,
        }
    }

    /// The same table, keeping what dispersion needs (`--dispersion`): the
    /// rows then carry Gries' DP and Juilland's D over the documents of
    /// their group ([`CountRow::dispersion`]). Costs per group a few
    /// numbers, and per phrase two numbers for each document holding it.
    pub fn with_dispersion(mut self) -> CountTable {
        self.dispersion = true;
        self
    }

    /// The grouping fields.
    pub fn by(&self) -> &[String] {
        &self.by
    }

    /// Adds one document: its group key, its counts, its length in chars.
    pub fn add(&mut self, group: Vec<String>, counts: &Counts, chars: u64) {
        let g = self.groups.entry(group).or_default();
        g.docs += 1;
        g.chars += chars;
        g.counts.add(counts);
        if g.docs_with.len() < counts.literal.len() {
            g.docs_with.resize(counts.literal.len(), 0);
        }
        for (id, _, _) in counts.iter() {
            g.docs_with[id.index()] += 1;
        }
        if self.dispersion {
            g.sizes.add(chars);
            if g.occupied.len() < counts.literal.len() {
                g.occupied.resize(counts.literal.len(), Vec::new());
            }
            for (id, literal, _) in counts.iter() {
                if literal > 0 && chars > 0 {
                    g.occupied[id.index()].push((literal, chars));
                }
            }
        }
    }

    /// Adds every group of `other` (same grouping fields) into `self`.
    pub fn merge(&mut self, other: CountTable) {
        for (key, o) in other.groups {
            let g = self.groups.entry(key).or_default();
            g.docs += o.docs;
            g.chars += o.chars;
            g.counts.add(&o.counts);
            if g.docs_with.len() < o.docs_with.len() {
                g.docs_with.resize(o.docs_with.len(), 0);
            }
            for (a, b) in g.docs_with.iter_mut().zip(&o.docs_with) {
                *a += b;
            }
            g.sizes.merge(&o.sizes);
            if g.occupied.len() < o.occupied.len() {
                g.occupied.resize(o.occupied.len(), Vec::new());
            }
            for (a, b) in g.occupied.iter_mut().zip(o.occupied) {
                a.extend(b);
            }
        }
        self.dispersion |= other.dispersion;
    }

    /// Each group's key, characters and counts (for [`crate::stats`]).
    pub(crate) fn group_totals(&self) -> impl Iterator<Item = (&[String], u64, &Counts)> {
        self.groups
            .iter()
            .map(|(k, g)| (k.as_slice(), g.chars, &g.counts))
    }

    /// Each group's key and number of documents.
    pub fn group_docs(&self) -> impl Iterator<Item = (&[String], u64)> {
        self.groups.iter().map(|(k, g)| (k.as_slice(), g.docs))
    }

    /// The grouping fields some documents lack, with how many lack each:
    /// those documents form the empty group, which a front end should say
    /// (a misspelt `--by` field puts every document there).
    pub fn missing_fields(&self) -> Vec<(&str, u64)> {
        self.by
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let missing = self
                    .group_docs()
                    .filter(|(k, _)| k[i].is_empty())
                    .map(|(_, d)| d)
                    .sum::<u64>();
                (field.as_str(), missing)
            })
            .filter(|(_, missing)| *missing > 0)
            .collect()
    }

    /// Documents added, over all groups.
    pub fn docs(&self) -> u64 {
        self.groups.values().map(|g| g.docs).sum()
    }

    /// The rows, groups in natural order (numbers by value: 2 before 10)
    /// and phrases in lexicon order. Phrases with no occurrence in a group
    /// are left out unless `all_phrases`.
    pub fn rows(&self, lexicon: &Lexicon, all_phrases: bool) -> Vec<CountRow> {
        self.select(
            lexicon,
            &RowSelection {
                all_phrases,
                ..RowSelection::default()
            },
        )
    }

    /// Totals per entry over all groups: (literal, expanded).
    fn totals(&self, lexicon: &Lexicon) -> Vec<(u64, u64)> {
        lexicon
            .iter()
            .map(|(id, _)| {
                self.groups.values().fold((0, 0), |(l, x), g| {
                    (l + g.counts.literal(id), x + g.counts.expanded(id))
                })
            })
            .collect()
    }

    /// The entries a selection keeps, in lexicon order.
    fn kept(&self, lexicon: &Lexicon, sel: &RowSelection) -> Vec<EntryId> {
        let totals = self.totals(lexicon);
        let mut ids: Vec<EntryId> = lexicon
            .iter()
            .map(|(id, _)| id)
            .filter(|id| sel.entries.as_ref().is_none_or(|keep| keep.contains(id)))
            .collect();
        if let Some(n) = sel.top {
            // Only phrases that occur are ranked: a top list never pads
            // itself with zeros.
            let total = |id: &EntryId| totals[id.index()].0 + totals[id.index()].1;
            let mut ranked: Vec<EntryId> = ids.iter().copied().filter(|id| total(id) > 0).collect();
            ranked.sort_by_key(|id| std::cmp::Reverse(total(id)));
            ranked.truncate(n);
            ids.retain(|id| ranked.contains(id));
        }
        ids
    }

    fn sorted_groups(&self) -> Vec<(&Vec<String>, &Group)> {
        let mut groups: Vec<_> = self.groups.iter().collect();
        groups.sort_by(|a, b| natural_key_cmp(a.0, b.0));
        groups
    }

    /// The rows of the long table for a selection of entries (see
    /// [`RowSelection`]).
    pub fn select(&self, lexicon: &Lexicon, sel: &RowSelection) -> Vec<CountRow> {
        let ids = self.kept(lexicon, sel);
        let mut rows = Vec::new();
        for (key, g) in self.sorted_groups() {
            for &id in &ids {
                let entry = lexicon.entry(id);
                let count = g.counts.literal(id);
                let expanded = g.counts.expanded(id);
                if count + expanded == 0 && !sel.all_phrases {
                    continue;
                }
                rows.push(CountRow {
                    by: self.by.clone(),
                    group: key.clone(),
                    phrase: entry.phrase.clone(),
                    category: entry.category.clone(),
                    count,
                    expanded,
                    docs: g.docs_with.get(id.index()).copied().unwrap_or(0),
                    chars: g.chars,
                    per_10k: per_10k(count, g.chars),
                    dispersion: self.dispersion.then(|| {
                        let occupied = g.occupied.get(id.index()).map_or(&[][..], Vec::as_slice);
                        dispersion(&g.sizes, occupied)
                    }),
                });
            }
        }
        rows
    }

    /// The wide table (`--wide`): one row per group, with `docs` and `chars`
    /// and one column per kept phrase holding its literal count.
    pub fn wide(&self, lexicon: &Lexicon, sel: &RowSelection) -> Vec<WideRow> {
        let ids = self.kept(lexicon, sel);
        self.sorted_groups()
            .into_iter()
            .map(|(key, g)| WideRow {
                by: self.by.clone(),
                group: key.clone(),
                docs: g.docs,
                chars: g.chars,
                counts: ids
                    .iter()
                    .map(|&id| (lexicon.entry(id).phrase.clone(), g.counts.literal(id)))
                    .collect(),
            })
            .collect()
    }
}

/// Which rows of the count table to print.
#[derive(Debug, Clone, Default)]
pub struct RowSelection {
    /// Also rows with no occurrence (`--all-phrases`).
    pub all_phrases: bool,
    /// Only these entries (`--phrases`, `--category`); all when `None`.
    pub entries: Option<std::collections::HashSet<EntryId>>,
    /// Only the N entries with the most occurrences over all groups
    /// (`--top N`); entries that never occur are not among them.
    pub top: Option<usize>,
}

/// Compares group keys field by field, numbers by value (so congress 2
/// sorts before 10), other text by code point, empty (unknown) last.
pub fn natural_key_cmp(a: &[String], b: &[String]) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    for (x, y) in a.iter().zip(b) {
        let o = match (x.is_empty(), y.is_empty()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            _ => match (x.parse::<f64>(), y.parse::<f64>()) {
                (Ok(p), Ok(q)) => p
                    .partial_cmp(&q)
                    .unwrap_or(Ordering::Equal)
                    .then_with(|| x.cmp(y)),
                _ => x.cmp(y),
            },
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

/// One row of the wide table: group fields, `docs`, `chars`, then one
/// column per phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct WideRow {
    /// Names of the group fields.
    pub by: Vec<String>,
    /// Values of the group fields.
    pub group: Vec<String>,
    /// Documents of the group.
    pub docs: u64,
    /// Characters of the group's documents.
    pub chars: u64,
    /// (phrase, literal count), in lexicon order.
    pub counts: Vec<(String, u64)>,
}

impl Serialize for WideRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.by.len() + 2 + self.counts.len()))?;
        for (k, v) in self.by.iter().zip(&self.group) {
            map.serialize_entry(k, v)?;
        }
        map.serialize_entry("docs", &self.docs)?;
        map.serialize_entry("chars", &self.chars)?;
        for (p, c) in &self.counts {
            map.serialize_entry(p, c)?;
        }
        map.end()
    }
}

/// `count / chars × 10,000`, rounded to 4 decimals (0 when there is no
/// text).
pub fn per_10k(count: u64, chars: u64) -> f64 {
    if chars == 0 {
        return 0.0;
    }
    (count as f64 / chars as f64 * 10_000.0 * 10_000.0).round() / 10_000.0
}

/// One row of the count table. Serializes as a flat record: the group
/// fields (named by `by`) first, then `phrase, category, count, expanded,
/// docs, chars, per_10k`, and with dispersion `dp, juilland_d` (rounded to
/// 4 decimals).
#[derive(Debug, Clone, PartialEq)]
pub struct CountRow {
    /// Names of the group fields.
    pub by: Vec<String>,
    /// Values of the group fields, in the order of `by`.
    pub group: Vec<String>,
    /// The entry's canonical phrase.
    pub phrase: String,
    /// The entry's category.
    pub category: String,
    /// Literal matches.
    pub count: u64,
    /// Enumerated expansions, counted apart.
    pub expanded: u64,
    /// Documents of the group with at least one occurrence (either form).
    pub docs: u64,
    /// Characters (Unicode scalar values) of the group's documents.
    pub chars: u64,
    /// `count` per 10,000 characters.
    pub per_10k: f64,
    /// With [`CountTable::with_dispersion`]: the dispersion of `count` over
    /// the group's documents (printed as `dp` and `juilland_d`).
    pub dispersion: Option<Dispersion>,
}

impl Serialize for CountRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let extra = if self.dispersion.is_some() { 2 } else { 0 };
        let mut map = s.serialize_map(Some(self.by.len() + 7 + extra))?;
        for (k, v) in self.by.iter().zip(&self.group) {
            map.serialize_entry(k, v)?;
        }
        map.serialize_entry("phrase", &self.phrase)?;
        map.serialize_entry("category", &self.category)?;
        map.serialize_entry("count", &self.count)?;
        map.serialize_entry("expanded", &self.expanded)?;
        map.serialize_entry("docs", &self.docs)?;
        map.serialize_entry("chars", &self.chars)?;
        map.serialize_entry("per_10k", &self.per_10k)?;
        if let Some(d) = &self.dispersion {
            let rounded = |x: Option<f64>| x.map(|x| crate::rounding::round_to(x, 4));
            map.serialize_entry("dp", &rounded(d.dp))?;
            map.serialize_entry("juilland_d", &rounded(d.juilland_d))?;
        }
        map.end()
    }
}
