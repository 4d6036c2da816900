//! The lexicon file formats: TOML and JSON entries, CSV/TSV rows, and one
//! phrase a line; each error names its source and line.

use std::sync::Arc;

use serde::Deserialize;

use super::{Entry, Origin, DEFAULT_CATEGORY};
use crate::error::{Error, Problem};

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

pub(super) fn parse_toml(text: &str, source: &Arc<str>) -> Result<Vec<Entry>, Error> {
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

pub(super) fn parse_json(text: &str, source: &Arc<str>) -> Result<Vec<Entry>, Error> {
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

pub(super) fn parse_delimited(
    text: &str,
    delimiter: u8,
    source: &Arc<str>,
) -> Result<Vec<Entry>, Error> {
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

pub(super) fn parse_lines(text: &str, source: &Arc<str>) -> Vec<Entry> {
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
