//! Printing records: one path for every record type and every format.
//! Records are serde types from tifa-core; each is turned into an ordered
//! JSON object once, and the formats differ only in how they lay it out.
//! csv, tsv and jsonl print as records arrive; table and json need them all.

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

/// Prints records in one format.
pub struct Printer {
    format: Format,
    out: io::BufWriter<io::Stdout>,
    header: Option<Vec<String>>,
    default_columns: Vec<String>,
    right_aligned: Vec<String>,
    buffered: Vec<Map<String, Value>>,
}

impl Printer {
    /// `columns` is the header printed when there is no record to take it
    /// from.
    pub fn new(format: Format, columns: &[&str]) -> Printer {
        Printer {
            format,
            out: io::BufWriter::new(io::stdout()),
            header: None,
            default_columns: columns.iter().map(|c| c.to_string()).collect(),
            right_aligned: Vec::new(),
            buffered: Vec::new(),
        }
    }

    /// Columns to align right in a table (besides numeric ones).
    pub fn align_right(mut self, columns: &[&str]) -> Printer {
        self.right_aligned = columns.iter().map(|c| c.to_string()).collect();
        self
    }

    /// Prints (or keeps, for table and json) one record.
    pub fn push<T: Serialize>(&mut self, record: &T) -> io::Result<()> {
        let row = match serde_json::to_value(record) {
            Ok(Value::Object(m)) => m,
            Ok(other) => Map::from_iter([("value".to_string(), other)]),
            Err(e) => return Err(io::Error::other(e)),
        };
        if self.header.is_none() {
            self.header = Some(row.keys().cloned().collect());
            if matches!(self.format, Format::Csv | Format::Tsv) {
                self.write_header()?;
            }
        }
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, &row).map_err(io::Error::other)?;
                writeln!(self.out)
            }
            Format::Csv | Format::Tsv => {
                let cells: Vec<String> =
                    self.header_ref().iter().map(|k| cell(row.get(k))).collect();
                self.write_delimited(&cells)
            }
            Format::Table | Format::Json => {
                self.buffered.push(row);
                Ok(())
            }
        }
    }

    /// Prints every record of a slice.
    pub fn push_all<T: Serialize>(&mut self, records: &[T]) -> io::Result<()> {
        records.iter().try_for_each(|r| self.push(r))
    }

    fn header_ref(&self) -> &[String] {
        self.header.as_deref().unwrap_or(&self.default_columns)
    }

    fn write_header(&mut self) -> io::Result<()> {
        let h = self.header_ref().to_vec();
        self.write_delimited(&h)
    }

    fn write_delimited(&mut self, cells: &[String]) -> io::Result<()> {
        let mut w = csv::WriterBuilder::new()
            .delimiter(if self.format == Format::Tsv {
                b'\t'
            } else {
                b','
            })
            .quote_style(if self.format == Format::Tsv {
                csv::QuoteStyle::Never
            } else {
                csv::QuoteStyle::Necessary
            })
            .from_writer(&mut self.out);
        if self.format == Format::Tsv {
            let clean: Vec<String> = cells
                .iter()
                .map(|c| c.replace(['\t', '\n', '\r'], " "))
                .collect();
            w.write_record(&clean).map_err(io::Error::other)?;
        } else {
            w.write_record(cells).map_err(io::Error::other)?;
        }
        w.flush()
    }

    /// Prints what was kept, and the header of an empty csv/tsv.
    pub fn finish(mut self) -> io::Result<()> {
        match self.format {
            Format::Csv | Format::Tsv if self.header.is_none() => self.write_header()?,
            Format::Json => {
                serde_json::to_writer_pretty(&mut self.out, &self.buffered)
                    .map_err(io::Error::other)?;
                writeln!(self.out)?;
            }
            Format::Table => {
                let header = self.header_ref().to_vec();
                let mut table = comfy_table::Table::new();
                table
                    .load_preset(comfy_table::presets::NOTHING)
                    .set_header(header.iter().map(String::as_str));
                for r in &self.buffered {
                    table.add_row(header.iter().map(|k| cell(r.get(k))));
                }
                for (i, k) in header.iter().enumerate() {
                    let numeric = self
                        .buffered
                        .first()
                        .is_some_and(|r| matches!(r.get(k), Some(Value::Number(_))));
                    if numeric || self.right_aligned.contains(k) {
                        if let Some(col) = table.column_mut(i) {
                            col.set_cell_alignment(comfy_table::CellAlignment::Right);
                        }
                    }
                }
                writeln!(self.out, "{table}")?;
            }
            _ => {}
        }
        self.out.flush()
    }
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
