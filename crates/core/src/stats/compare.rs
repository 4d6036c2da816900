//! Keyness of every phrase of a count table: the groups of one field taken
//! as target and reference (`tifa keyness --by year --target 2023`).
//!
//! The target is the documents whose field has one of the target values;
//! the reference those with one of the reference values, or by default every
//! document with another value. Documents without the field (the empty
//! group) are in neither by default: nothing says they are not from the
//! target. Counts are literal matches (`count` of the count table, the
//! numerator of `per_10k`); enumerated expansions are left out, as in
//! `per_10k`. Sizes are `chars`. Each phrase gets [`keyness`], and the rows
//! are sorted by G² (largest first, ties by phrase); `use` says the
//! direction, since G² itself has no sign.

use std::collections::{BTreeSet, HashSet};

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::keyness::{keyness, Keyness};
use super::{round_significant, round_to};
use crate::count::per_10k;
use crate::lexicon::{EntryId, Lexicon};
use crate::{CountTable, Error};

/// How many existing values an error about an unknown value lists.
const VALUES_LISTED: usize = 12;

/// What to compare: a field of the table, its target values, its reference
/// values, and which phrases.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// The grouping field (one of the table's `by`).
    pub field: String,
    /// Values of the field that make up the target (at least one).
    pub target: Vec<String>,
    /// Values that make up the reference; empty: every other value.
    pub reference: Vec<String>,
    /// Only these entries, all of them even when they never occur; `None`:
    /// every entry that occurs in the target or the reference.
    pub entries: Option<HashSet<EntryId>>,
    /// Also print chi² with Yates' correction and its p-value.
    pub yates: bool,
}

/// One phrase compared. Serializes as a flat record: `phrase, category,
/// target_count, target_chars, reference_count, reference_chars,
/// target_per_10k, reference_per_10k, g2, p, [chi2, p_chi2,] log_ratio,
/// use`; statistics rounded to 4 decimals, p-values to 4 significant
/// digits (the struct keeps them unrounded).
#[derive(Debug, Clone, PartialEq)]
pub struct KeynessRow {
    /// The entry's canonical phrase.
    pub phrase: String,
    /// The entry's category.
    pub category: String,
    /// Literal matches in the target (a).
    pub target_count: u64,
    /// Characters of the target (c).
    pub target_chars: u64,
    /// Literal matches in the reference (b).
    pub reference_count: u64,
    /// Characters of the reference (d).
    pub reference_chars: u64,
    /// The statistics.
    pub keyness: Keyness,
    /// Whether the chi² columns are printed.
    pub yates: bool,
}

impl KeynessRow {
    /// The fields a row is serialized with, in order (with `yates`, chi2
    /// and p_chi2 after p): the header of an empty table, for every front
    /// end.
    pub fn columns(yates: bool) -> Vec<&'static str> {
        let mut names = vec![
            "phrase",
            "category",
            "target_count",
            "target_chars",
            "reference_count",
            "reference_chars",
            "target_per_10k",
            "reference_per_10k",
            "g2",
            "p",
        ];
        if yates {
            names.extend(["chi2", "p_chi2"]);
        }
        names.extend(["log_ratio", "use"]);
        names
    }
}

impl Serialize for KeynessRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let k = &self.keyness;
        let mut map = s.serialize_map(Some(if self.yates { 14 } else { 12 }))?;
        map.serialize_entry("phrase", &self.phrase)?;
        map.serialize_entry("category", &self.category)?;
        map.serialize_entry("target_count", &self.target_count)?;
        map.serialize_entry("target_chars", &self.target_chars)?;
        map.serialize_entry("reference_count", &self.reference_count)?;
        map.serialize_entry("reference_chars", &self.reference_chars)?;
        map.serialize_entry(
            "target_per_10k",
            &per_10k(self.target_count, self.target_chars),
        )?;
        map.serialize_entry(
            "reference_per_10k",
            &per_10k(self.reference_count, self.reference_chars),
        )?;
        map.serialize_entry("g2", &round_to(k.g2, 4))?;
        map.serialize_entry("p", &round_significant(k.p))?;
        if self.yates {
            map.serialize_entry("chi2", &round_to(k.chi2_yates, 4))?;
            map.serialize_entry("p_chi2", &round_significant(k.p_chi2))?;
        }
        map.serialize_entry("log_ratio", &k.log_ratio.map(|x| round_to(x, 4)))?;
        map.serialize_entry("use", k.direction.as_str())?;
        map.end()
    }
}

/// The keyness rows of `cmp` over `table`, sorted by G² (largest first,
/// ties by phrase). An error names the field or value at fault and lists
/// (some of) the values that exist.
pub fn keyness_rows(
    table: &CountTable,
    lexicon: &Lexicon,
    cmp: &Comparison,
) -> Result<Vec<KeynessRow>, Error> {
    let field = field_index(table, &cmp.field)?;
    if cmp.target.is_empty() {
        return Err(Error::Options(
            "--target: give at least one value of the field".to_string(),
        ));
    }
    let values: BTreeSet<&str> = table
        .group_totals()
        .map(|(key, _, _)| key[field].as_str())
        .filter(|v| !v.is_empty())
        .collect();
    check_values(&cmp.field, "--target", &cmp.target, &values)?;
    check_values(&cmp.field, "--reference", &cmp.reference, &values)?;
    if let Some(both) = cmp.target.iter().find(|t| cmp.reference.contains(t)) {
        return Err(Error::Options(format!(
            "{} = {both} is in both --target and --reference",
            cmp.field
        )));
    }
    let in_reference = |v: &str| {
        if cmp.reference.is_empty() {
            !v.is_empty() && !cmp.target.iter().any(|t| t == v)
        } else {
            cmp.reference.iter().any(|r| r == v)
        }
    };
    let mut target = (0u64, crate::Counts::new(lexicon.len()));
    let mut reference = (0u64, crate::Counts::new(lexicon.len()));
    for (key, chars, counts) in table.group_totals() {
        let v = key[field].as_str();
        let side = if cmp.target.iter().any(|t| t == v) {
            &mut target
        } else if in_reference(v) {
            &mut reference
        } else {
            continue;
        };
        side.0 += chars;
        side.1.add(counts);
    }
    if reference.0 == 0 {
        return Err(Error::Options(format!(
            "no reference text: no document has another {} than {} (give --reference, or add documents)",
            cmp.field,
            cmp.target.join(", ")
        )));
    }
    let mut rows: Vec<KeynessRow> = lexicon
        .iter()
        .filter(|(id, _)| match &cmp.entries {
            Some(keep) => keep.contains(id),
            None => target.1.literal(*id) + reference.1.literal(*id) > 0,
        })
        .map(|(id, entry)| {
            let (a, b) = (target.1.literal(id), reference.1.literal(id));
            KeynessRow {
                phrase: entry.phrase.clone(),
                category: entry.category.clone(),
                target_count: a,
                target_chars: target.0,
                reference_count: b,
                reference_chars: reference.0,
                keyness: keyness(a, target.0, b, reference.0),
                yates: cmp.yates,
            }
        })
        .collect();
    rows.sort_by(|x, y| {
        y.keyness
            .g2
            .total_cmp(&x.keyness.g2)
            .then_with(|| x.phrase.cmp(&y.phrase))
    });
    Ok(rows)
}

/// The position of `field` among the table's grouping fields.
fn field_index(table: &CountTable, field: &str) -> Result<usize, Error> {
    table.by().iter().position(|f| f == field).ok_or_else(|| {
        Error::Options(format!(
            "the count table is not grouped by `{field}` (it is grouped by: {})",
            if table.by().is_empty() {
                "nothing".to_string()
            } else {
                table.by().join(", ")
            }
        ))
    })
}

/// Every value asked for must be a value some document has; the error
/// names the first that is not and lists up to [`VALUES_LISTED`] that are.
fn check_values(
    field: &str,
    flag: &str,
    asked: &[String],
    values: &BTreeSet<&str>,
) -> Result<(), Error> {
    let Some(unknown) = asked.iter().find(|v| !values.contains(v.as_str())) else {
        return Ok(());
    };
    let mut known: Vec<&str> = values.iter().copied().collect();
    known.sort_by(|a, b| crate::natural_key_cmp(&[a.to_string()], &[b.to_string()]));
    let more = known.len().saturating_sub(VALUES_LISTED);
    known.truncate(VALUES_LISTED);
    let listed = if known.is_empty() {
        format!("no document has a `{field}`")
    } else if more > 0 {
        format!("the values are {} (and {more} more)", known.join(", "))
    } else {
        format!("the values are {}", known.join(", "))
    };
    let shown: String = unknown.chars().take(80).collect();
    Err(Error::Options(format!(
        "{flag}: no document has {field} = {shown}; {listed}"
    )))
}
