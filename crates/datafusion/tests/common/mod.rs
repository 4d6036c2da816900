//! Shared by the SQL and Ballista tests: the fixture corpus, exported to
//! Parquet, and the count table tifa-core computes from the same documents.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{Int32Type, Int64Type, UInt64Type};
use tifa_core::{CountTable, Counts, Lexicon, Matcher};
use tifa_corpus::{find_inputs, read_input, Document, Event, ReadOptions};
use tifa_datafusion::ParquetExport;

/// The fixture corpus: seeds, 26 provincial reports, CPC congress reports
/// (years 2017–2026 and documents without a year).
pub fn fixture_paths() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    ["seeds", "provincial-2026", "cpc"]
        .iter()
        .map(|d| root.join(d))
        .collect()
}

pub fn documents() -> Vec<Document> {
    let found = find_inputs(&fixture_paths());
    assert!(found.errors.is_empty(), "{:?}", found.errors);
    let mut docs = Vec::new();
    for input in &found.inputs {
        read_input(input, &ReadOptions::default(), &mut |e| match e {
            Event::Document(d) => docs.push(d),
            Event::Skipped(n) => panic!("fixture skipped: {n}"),
            Event::Warning(_) => {}
        });
    }
    assert!(docs.len() > 40, "{} documents", docs.len());
    docs
}

/// Writes the documents to `dir/corpus.parquet`.
pub fn write_parquet(docs: &[Document], dir: &Path) -> PathBuf {
    let path = dir.join("corpus.parquet");
    let file = std::fs::File::create(&path).unwrap();
    let mut out = ParquetExport::new(file, &path.display().to_string()).unwrap();
    for d in docs {
        out.push(&d.id, &d.meta, &d.text).unwrap();
    }
    let (_, rows) = out.finish().unwrap();
    assert_eq!(rows as usize, docs.len());
    path
}

/// (year, phrase) → (count, expanded, docs), as `tifa count --by year`
/// computes it (an empty year for documents without one).
pub type Table = BTreeMap<(String, String), (u64, u64, u64)>;

pub fn expected_by_year(docs: &[Document], matcher: &Matcher) -> Table {
    let mut table = CountTable::new(vec!["year".into()]);
    for d in docs {
        let mut counts = Counts::new(matcher.lexicon().len());
        matcher.count_into(&d.text, &mut counts);
        let year = d.meta.get("year").cloned().unwrap_or_default();
        table.add(vec![year], &counts, d.text.chars().count() as u64);
    }
    table
        .rows(matcher.lexicon(), false)
        .into_iter()
        .map(|r| {
            (
                (r.group[0].clone(), r.phrase),
                (r.count, r.expanded, r.docs),
            )
        })
        .collect()
}

pub fn builtin_matcher() -> Matcher {
    Matcher::new(&Lexicon::builtin()).unwrap()
}

/// The long count table by year, as SQL over tifa_count.
pub const COUNT_BY_YEAR: &str = "
    SELECT year, c['phrase'] AS phrase, sum(c['count']) AS count,
           sum(c['expanded']) AS expanded, count(*) AS docs
    FROM (SELECT year, unnest(tifa_count(text)) AS c FROM corpus)
    GROUP BY year, phrase";

/// Reads the result of [`COUNT_BY_YEAR`] (a null year as an empty one).
pub fn table_from_batches(batches: &[RecordBatch]) -> Table {
    let mut table = Table::new();
    for b in batches {
        let year = b.column(0);
        let phrase = b.column(1).as_string_view_opt().map(|a| {
            (0..a.len())
                .map(|i| a.value(i).to_string())
                .collect::<Vec<_>>()
        });
        let phrase = phrase.unwrap_or_else(|| {
            let a = b.column(1).as_string::<i32>();
            (0..a.len()).map(|i| a.value(i).to_string()).collect()
        });
        let count = b.column(2).as_primitive::<UInt64Type>();
        let expanded = b.column(3).as_primitive::<UInt64Type>();
        let docs = b.column(4).as_primitive::<Int64Type>();
        for (i, phrase) in phrase.into_iter().enumerate() {
            let y = if year.is_null(i) {
                String::new()
            } else {
                year.as_primitive::<Int32Type>().value(i).to_string()
            };
            let old = table.insert(
                (y, phrase),
                (count.value(i), expanded.value(i), docs.value(i) as u64),
            );
            assert!(old.is_none(), "a group twice");
        }
    }
    table
}
