//! Printing records: one path for every record type and every format.
//! Records are serde types from tifa-core. jsonl serializes each straight
//! to the buffered writer; csv and tsv turn it into an ordered JSON object
//! and write its cells through one csv writer kept for the whole run;
//! table and json keep the objects, as they need them all.

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
    /// csv and tsv: the writer of every row (it buffers into `out`'s
    /// place; `out` is used by the other formats).
    delimited: Option<csv::Writer<io::BufWriter<io::Stdout>>>,
    header: Option<Vec<String>>,
    /// csv and tsv: the cells of the record being written.
    row: crate::cells::Row,
    default_columns: Vec<String>,
    right_aligned: Vec<String>,
    buffered: Vec<Map<String, Value>>,
}

impl Printer {
    /// `columns` is the header printed when there is no record to take it
    /// from.
    pub fn new(format: Format, columns: &[&str]) -> Printer {
        let delimited = matches!(format, Format::Csv | Format::Tsv).then(|| {
            let tsv = format == Format::Tsv;
            csv::WriterBuilder::new()
                .delimiter(if tsv { b'\t' } else { b',' })
                .quote_style(if tsv {
                    csv::QuoteStyle::Never
                } else {
                    csv::QuoteStyle::Necessary
                })
                .buffer_capacity(1 << 16)
                .from_writer(io::BufWriter::with_capacity(0, io::stdout()))
        });
        Printer {
            format,
            out: io::BufWriter::with_capacity(1 << 16, io::stdout()),
            delimited,
            header: None,
            row: crate::cells::Row::default(),
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
        if self.format == Format::Jsonl {
            // Straight to the writer: fields in the record's own order.
            serde_json::to_writer(&mut self.out, record).map_err(json_io_error)?;
            return self.out.write_all(b"\n");
        }
        if self.header.is_some() && self.delimited.is_some() && self.row.fill(record) {
            // csv, tsv: the cells straight from the record.
            return self.write_row();
        }
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
            Format::Csv | Format::Tsv => {
                let tsv = self.format == Format::Tsv;
                let (Some(w), Some(header)) = (self.delimited.as_mut(), self.header.as_ref())
                else {
                    return Ok(());
                };
                for k in header {
                    let c = cell(row.get(k));
                    w.write_field(field(tsv, c.as_bytes())).map_err(io_error)?;
                }
                w.write_record(None::<&[u8]>).map_err(io_error)
            }
            Format::Jsonl | Format::Table | Format::Json => {
                self.buffered.push(row);
                Ok(())
            }
        }
    }

    /// Prints every record of a slice.
    pub fn push_all<T: Serialize>(&mut self, records: &[T]) -> io::Result<()> {
        records.iter().try_for_each(|r| self.push(r))
    }

    /// Writes the cells of `self.row` in the header's order.
    fn write_row(&mut self) -> io::Result<()> {
        let tsv = self.format == Format::Tsv;
        let (Some(w), Some(header)) = (self.delimited.as_mut(), self.header.as_ref()) else {
            return Ok(());
        };
        for (i, k) in header.iter().enumerate() {
            w.write_field(field(tsv, self.row.cell_at(i, k)))
                .map_err(io_error)?;
        }
        w.write_record(None::<&[u8]>).map_err(io_error)
    }

    fn header_ref(&self) -> &[String] {
        self.header.as_deref().unwrap_or(&self.default_columns)
    }

    fn write_header(&mut self) -> io::Result<()> {
        let h = self.header_ref().to_vec();
        self.write_delimited(&h)
    }

    fn write_delimited(&mut self, cells: &[String]) -> io::Result<()> {
        let tsv = self.format == Format::Tsv;
        let Some(w) = self.delimited.as_mut() else {
            return Ok(());
        };
        for c in cells {
            w.write_field(field(tsv, c.as_bytes())).map_err(io_error)?;
        }
        w.write_record(None::<&[u8]>).map_err(io_error)
    }

    /// Prints what was kept, and the header of an empty csv/tsv.
    pub fn finish(mut self) -> io::Result<()> {
        match self.format {
            Format::Csv | Format::Tsv if self.header.is_none() => self.write_header()?,
            Format::Json => {
                serde_json::to_writer_pretty(&mut self.out, &self.buffered)
                    .map_err(json_io_error)?;
                writeln!(self.out)?;
            }
            Format::Table => {
                let header = self.header_ref().to_vec();
                let mut table = comfy_table::Table::new();
                table
                    .load_preset(comfy_table::presets::NOTHING)
                    .set_header(header.iter().map(String::as_str));
                for r in &self.buffered {
                    table.add_row(header.iter().map(|k| cell(r.get(k)).into_owned()));
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
        if let Some(w) = self.delimited.as_mut() {
            w.flush()?;
        }
        self.out.flush()
    }
}

/// A csv error as an I/O error of the same kind, so that a closed pipe
/// is still told apart (main ends the run quietly on one).
fn io_error(e: csv::Error) -> io::Error {
    match e.kind() {
        csv::ErrorKind::Io(io) => io::Error::new(io.kind(), io.to_string()),
        _ => io::Error::other(e),
    }
}

/// A serde_json error as an I/O error of its kind, when it is one.
fn json_io_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}

/// A cell as written: as it is in csv (the writer quotes it), on one line
/// in tsv (which has no quoting).
fn field(tsv: bool, c: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if tsv {
        one_line(c)
    } else {
        c.into()
    }
}

/// A tsv cell on one line: tabs and line breaks as spaces (the bytes
/// replaced are ASCII, so UTF-8 stays UTF-8).
fn one_line(c: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if c.iter().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        c.iter()
            .map(|&b| {
                if matches!(b, b'\t' | b'\n' | b'\r') {
                    b' '
                } else {
                    b
                }
            })
            .collect::<Vec<u8>>()
            .into()
    } else {
        c.into()
    }
}

/// A JSON value as a cell: null as nothing, a list joined by `|`.
pub(crate) fn cell(v: Option<&Value>) -> std::borrow::Cow<'_, str> {
    match v {
        None | Some(Value::Null) => "".into(),
        Some(Value::String(s)) => s.as_str().into(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| cell(Some(i)))
            .collect::<Vec<_>>()
            .join("|")
            .into(),
        Some(other) => other.to_string().into(),
    }
}
