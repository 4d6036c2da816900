//! Printing records: one path for every record type and every format.
//! Records are serde types from tifa-core; each is turned into an ordered
//! JSON object once, and the formats differ only in how they lay it out.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use serde::Serialize;
use serde_json::{Map, Value};

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns (the default on a terminal).
    Table,
    /// Comma-separated with a header row (the default otherwise).
    Csv,
    /// Tab-separated with a header row.
    Tsv,
    /// One JSON array.
    Json,
    /// One JSON object a line.
    Jsonl,
}

impl Format {
    /// The format asked for, or the default for where stdout goes.
    pub fn resolve(asked: Option<Format>) -> Format {
        asked.unwrap_or_else(|| {
            if io::stdout().is_terminal() {
                Format::Table
            } else {
                Format::Csv
            }
        })
    }
}

/// Prints `records` to stdout. `columns` is the header used when there is
/// no record to take it from.
pub fn print<T: Serialize>(records: &[T], format: Format, columns: &[&str]) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let rows: Vec<Map<String, Value>> = records
        .iter()
        .map(|r| match serde_json::to_value(r) {
            Ok(Value::Object(m)) => m,
            Ok(other) => {
                let mut m = Map::new();
                m.insert("value".into(), other);
                m
            }
            Err(e) => {
                let mut m = Map::new();
                m.insert("error".into(), Value::String(e.to_string()));
                m
            }
        })
        .collect();
    let header: Vec<String> = match rows.first() {
        Some(r) => r.keys().cloned().collect(),
        None => columns.iter().map(|c| c.to_string()).collect(),
    };
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &rows).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut out, r).map_err(io::Error::other)?;
                writeln!(out)?;
            }
        }
        Format::Csv | Format::Tsv => {
            let mut w = csv::WriterBuilder::new()
                .delimiter(if format == Format::Tsv { b'\t' } else { b',' })
                .from_writer(&mut out);
            w.write_record(&header).map_err(io::Error::other)?;
            for r in &rows {
                w.write_record(header.iter().map(|k| cell(r.get(k))))
                    .map_err(io::Error::other)?;
            }
            w.flush()?;
        }
        Format::Table => {
            let mut table = comfy_table::Table::new();
            table
                .load_preset(comfy_table::presets::NOTHING)
                .set_header(header.iter().map(String::as_str));
            for r in &rows {
                table.add_row(header.iter().map(|k| cell(r.get(k))));
            }
            for (i, k) in header.iter().enumerate() {
                let numeric = rows
                    .first()
                    .is_some_and(|r| matches!(r.get(k), Some(Value::Number(_))));
                if numeric {
                    if let Some(col) = table.column_mut(i) {
                        col.set_cell_alignment(comfy_table::CellAlignment::Right);
                    }
                }
            }
            writeln!(out, "{table}")?;
        }
    }
    out.flush()
}

fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| cell(Some(i)))
            .collect::<Vec<_>>()
            .join("|"),
        Some(other) => other.to_string(),
    }
}
