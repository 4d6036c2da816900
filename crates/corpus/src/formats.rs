//! The input formats: plain text (one document a file), JSON Lines (one
//! document a line) and CSV/TSV (one document a row), each optionally
//! gzip-compressed, streamed record by record.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use serde_json::Value;
use tifa_core::meta::{from_json, infer, Metadata};

use crate::decode::{self, into_string_with, utf8_reader, Sniffed};
use crate::{Document, Event, Input, Notice, Text};

/// The fields searched, in order, for a record's text when `--text-field`
/// is not given.
pub const TEXT_FIELDS: [&str; 4] = ["text", "content", "full_text", "body"];

/// How an input is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One document a file.
    Text,
    /// One JSON object a line.
    Jsonl,
    /// Comma-separated, header row, one document a row.
    Csv,
    /// Tab-separated, header row, one document a row (no quoting).
    Tsv,
}

impl InputFormat {
    /// The format of a file, by extension (`.gz` looked through); `None`
    /// for extensions tifa does not read from directories.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        InputFormat::from_name(ext)
    }

    /// `txt`, `text`, `jsonl`, `ndjson`, `csv`, `tsv` (for `--input-format`).
    pub fn from_name(name: &str) -> Option<InputFormat> {
        match name.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(InputFormat::Text),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "csv" => Some(InputFormat::Csv),
            "tsv" | "tab" => Some(InputFormat::Tsv),
            _ => None,
        }
    }
}

/// How to read inputs.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Overrides the format found from file names (`--input-format`).
    pub format: Option<InputFormat>,
    /// The field holding the text (`--text-field`); else [`TEXT_FIELDS`].
    pub text_field: Option<String>,
    /// The field holding the document id (`--id-field`).
    pub id_field: Option<String>,
    /// Values set for every document, over fields and inference (`--meta`).
    pub meta: Vec<(String, String)>,
    /// Read large plain-text files into memory instead of mapping them
    /// (`--no-mmap`; see [`crate::Text`]).
    pub no_mmap: bool,
}

/// Reads one input, calling `sink` for each document, skip and warning, in
/// order. Never panics and never stops early without saying so.
pub fn read_input(input: &Input, opts: &ReadOptions, sink: &mut dyn FnMut(Event)) {
    read_input_with(input, opts, 1, sink)
}

/// Plain-text files at least this large are mapped into memory rather than
/// read (see [`read_input_with`]).
pub const MAP_THRESHOLD: u64 = 16 << 20;

/// [`read_input`] that validates a large plain UTF-8 text file (one
/// document, [`MAP_THRESHOLD`] bytes or more, not compressed) on up to
/// `threads` threads, mapped into memory instead of copied ([`crate::Text`]:
/// copying a file out of the page cache into fresh memory cost more than
/// matching a phrase in it). Anything else (a BOM, another encoding,
/// invalid UTF-8, `no_mmap`) takes the ordinary path.
pub fn read_input_with(
    input: &Input,
    opts: &ReadOptions,
    threads: usize,
    sink: &mut dyn FnMut(Event),
) {
    if let Input::File(p) = input {
        let text_format = opts
            .format
            .or_else(|| InputFormat::from_path(p))
            .unwrap_or(InputFormat::Text)
            == InputFormat::Text;
        let name = p.display().to_string();
        if text_format && !opts.no_mmap && !name.to_ascii_lowercase().ends_with(".gz") {
            if let Some(text) = map_text_file(p, threads) {
                let file_name = p
                    .file_name()
                    .and_then(|f| f.to_str())
                    .unwrap_or(&name)
                    .to_string();
                let ctx = Ctx {
                    size_hint: text.len(),
                    name: &name,
                    file_name: &file_name,
                    opts,
                    gz: false,
                    threads,
                };
                return ctx.document(name.clone(), text, Metadata::new(), None, sink);
            }
        }
    }
    let (name, raw): (String, io::Result<Box<dyn Read>>) = match input {
        Input::Stdin => ("-".into(), Ok(Box::new(io::stdin()))),
        Input::File(p) => (
            p.display().to_string(),
            File::open(p).map(|f| Box::new(f) as Box<dyn Read>),
        ),
    };
    let raw = match raw {
        Ok(r) => r,
        Err(e) => {
            return sink(Event::Skipped(Notice::new(
                &name,
                None,
                format!("cannot read: {e}"),
            )))
        }
    };
    let size_hint = match input {
        Input::File(p) => std::fs::metadata(p).map_or(0, |m| m.len() as usize),
        Input::Stdin => 0,
    };
    read_from(&name, raw, size_hint, opts, sink);
}

/// The file mapped into memory, if it is large, plain UTF-8 without a BOM
/// (validated whole on up to `threads` threads); else `None`.
fn map_text_file(path: &Path, threads: usize) -> Option<Text> {
    let file = File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    if len < MAP_THRESHOLD {
        return None;
    }
    let mut head = vec![0u8; decode::SAMPLE.min(usize::try_from(len).ok()?)];
    (&file).read_exact(&mut head).ok()?;
    if head.starts_with(b"\xEF\xBB\xBF") || decode::sniff(&head, false) != Sniffed::Utf8 {
        return None;
    }
    Text::map_utf8(&file, threads)
}

/// Reads one input from any byte stream: `name` names it in messages and
/// chooses the format and gzip by its extension (unless `opts.format`);
/// `size_hint` (the file size, or 0) sizes the buffer of a text document.
/// This is what [`read_input`] does after opening the file; it is public
/// for readers of other sources (and for the fuzz tests).
pub fn read_from(
    name: &str,
    raw: Box<dyn Read + '_>,
    size_hint: usize,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Event),
) {
    let name = name.to_string();
    let gz = name.to_ascii_lowercase().ends_with(".gz");
    let raw: Box<dyn Read + '_> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(raw))
    } else {
        raw
    };
    let format = opts
        .format
        .or_else(|| InputFormat::from_path(Path::new(&name)))
        .unwrap_or(InputFormat::Text);
    let reader = match utf8_reader(raw) {
        Ok((Sniffed::Binary, _)) => {
            return sink(Event::Skipped(Notice::new(
                &name,
                None,
                "binary file (NUL bytes), skipped",
            )))
        }
        Ok((_, r)) => r,
        Err(e) => return sink(Event::Skipped(Notice::new(&name, None, read_error(&e, gz)))),
    };
    let file_name = Path::new(&name)
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or(&name)
        .to_string();
    let size_hint = if gz { 0 } else { size_hint };
    let ctx = Ctx {
        size_hint,
        name: &name,
        file_name: &file_name,
        opts,
        gz,
        threads: 1,
    };
    match format {
        InputFormat::Text => ctx.read_text(reader, sink),
        InputFormat::Jsonl => ctx.read_jsonl(reader, sink),
        InputFormat::Csv => ctx.read_delimited(reader, b',', true, sink),
        InputFormat::Tsv => ctx.read_delimited(reader, b'\t', false, sink),
    }
}

fn read_error(e: &io::Error, gz: bool) -> String {
    if gz {
        format!("cannot decompress ({e}): the .gz file is truncated or corrupt")
    } else {
        format!("read error: {e}")
    }
}

struct Ctx<'a> {
    name: &'a str,
    file_name: &'a str,
    opts: &'a ReadOptions,
    gz: bool,
    /// The file's size, to read a text file into one allocation of the
    /// right size (no doubling, no transient second copy).
    size_hint: usize,
    /// Threads that may validate a large text at once.
    threads: usize,
}

impl Ctx<'_> {
    fn document(
        &self,
        id: String,
        text: impl Into<Text>,
        mut meta: Metadata,
        line: Option<usize>,
        sink: &mut dyn FnMut(Event),
    ) {
        let text: Text = text.into();
        if text.trim().is_empty() {
            return sink(Event::Skipped(Notice::new(
                self.name,
                line,
                "empty document (no text)",
            )));
        }
        infer(&mut meta, &text, self.file_name);
        for (k, v) in &self.opts.meta {
            meta.insert(k.clone(), v.clone());
        }
        sink(Event::Document(Document { id, text, meta }));
    }

    fn read_text(&self, mut reader: Box<dyn Read + '_>, sink: &mut dyn FnMut(Event)) {
        let mut bytes = Vec::with_capacity(self.size_hint.saturating_add(1));
        if let Err(e) = reader.read_to_end(&mut bytes) {
            return sink(Event::Skipped(Notice::new(
                self.name,
                None,
                read_error(&e, self.gz),
            )));
        }
        self.text_document(bytes, sink);
    }

    /// A plain-text document from its UTF-8 bytes (invalid sequences
    /// replaced and reported with their line).
    fn text_document(&self, bytes: Vec<u8>, sink: &mut dyn FnMut(Event)) {
        let (text, bad_line) = into_string_with(bytes, self.threads);
        if let Some(line) = bad_line {
            sink(Event::Warning(Notice::new(
                self.name,
                Some(line),
                "invalid UTF-8, decoded with replacement characters",
            )));
        }
        self.document(self.name.to_string(), text, Metadata::new(), None, sink);
    }

    fn text_field(&self, fields: impl Fn(&str) -> bool) -> Result<String, String> {
        match &self.opts.text_field {
            Some(f) if fields(f) => Ok(f.clone()),
            Some(f) => Err(format!("no text field `{f}` (named with --text-field)")),
            None => TEXT_FIELDS
                .iter()
                .find(|f| fields(f))
                .map(|f| f.to_string())
                .ok_or_else(|| {
                    format!(
                        "no text field (looked for {}; name one with --text-field)",
                        TEXT_FIELDS.join(", ")
                    )
                }),
        }
    }

    fn read_jsonl(&self, reader: Box<dyn Read + '_>, sink: &mut dyn FnMut(Event)) {
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        let mut buf = Vec::new();
        let mut line = 0usize;
        loop {
            buf.clear();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    let msg = format!(
                        "{}; the rest of the file after line {line} is skipped",
                        read_error(&e, self.gz)
                    );
                    return sink(Event::Skipped(Notice::new(self.name, Some(line + 1), msg)));
                }
            }
            line += 1;
            while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                buf.pop();
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                sink(Event::Warning(Notice::new(
                    self.name,
                    Some(line),
                    "blank line, no record",
                )));
                continue;
            }
            self.jsonl_record(&buf, line, sink);
        }
    }

    /// One line of a JSONL file: a record, or a notice naming the line.
    fn jsonl_record(&self, buf: &[u8], line: usize, sink: &mut dyn FnMut(Event)) {
        let parsed = match std::str::from_utf8(buf) {
            Ok(s) => serde_json::from_str::<Value>(s),
            Err(_) => {
                sink(Event::Warning(Notice::new(
                    self.name,
                    Some(line),
                    "invalid UTF-8, decoded with replacement characters",
                )));
                serde_json::from_str::<Value>(&String::from_utf8_lossy(buf))
            }
        };
        let mut object = match parsed {
            Ok(Value::Object(o)) => o,
            Ok(_) => {
                sink(Event::Skipped(Notice::new(
                    self.name,
                    Some(line),
                    "not a JSON object, skipped",
                )));
                return;
            }
            Err(e) => {
                sink(Event::Skipped(Notice::new(
                    self.name,
                    Some(line),
                    format!("invalid JSON ({e}), skipped"),
                )));
                return;
            }
        };
        let field = match self.text_field(|f| object.contains_key(f)) {
            Ok(f) => f,
            Err(msg) => {
                sink(Event::Skipped(Notice::new(self.name, Some(line), msg)));
                return;
            }
        };
        let text = match object.remove(&field) {
            Some(Value::String(s)) => s,
            _ => {
                sink(Event::Skipped(Notice::new(
                    self.name,
                    Some(line),
                    format!("field `{field}` is not a string, skipped"),
                )));
                return;
            }
        };
        // The rule every front end shares (the server's `meta` too).
        let (meta, _structured) = from_json(&object);
        let id = self.record_id(&meta, line);
        self.document(id, text, meta, Some(line), sink);
    }

    fn record_id(&self, meta: &Metadata, line: usize) -> String {
        self.opts
            .id_field
            .as_ref()
            .and_then(|f| meta.get(f))
            .cloned()
            .unwrap_or_else(|| format!("{}#{line}", self.name))
    }

    fn read_delimited(
        &self,
        reader: Box<dyn Read + '_>,
        delimiter: u8,
        quoting: bool,
        sink: &mut dyn FnMut(Event),
    ) {
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .quoting(quoting)
            .flexible(true)
            .from_reader(reader);
        let headers: Vec<String> = match csv.byte_headers() {
            Ok(h) => h
                .iter()
                .map(|c| {
                    String::from_utf8_lossy(c)
                        .trim()
                        .trim_start_matches('\u{FEFF}')
                        .to_string()
                })
                .collect(),
            Err(e) => {
                return sink(Event::Skipped(Notice::new(
                    self.name,
                    Some(1),
                    format!("cannot read the header row: {e}"),
                )))
            }
        };
        let field = match self.text_field(|f| headers.iter().any(|h| h == f)) {
            Ok(f) => f,
            Err(msg) => {
                let msg = format!(
                    "{msg}; the header row has {}; the file is skipped",
                    headers.join(", ")
                );
                return sink(Event::Skipped(Notice::new(self.name, Some(1), msg)));
            }
        };
        let text_col = headers.iter().position(|h| *h == field).unwrap_or(0);
        let mut record = csv::ByteRecord::new();
        loop {
            let line_before = csv.position().line() as usize;
            match csv.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = e
                        .position()
                        .map(|p| p.line() as usize)
                        .unwrap_or(line_before);
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        let msg = format!(
                            "{}; the rest of the file is skipped",
                            read_error(&io::Error::other(e.to_string()), self.gz)
                        );
                        return sink(Event::Skipped(Notice::new(self.name, Some(line), msg)));
                    }
                    sink(Event::Skipped(Notice::new(
                        self.name,
                        Some(line),
                        format!("bad row ({e}), skipped"),
                    )));
                    continue;
                }
            }
            self.delimited_record(&record, &headers, text_col, &field, line_before, sink);
        }
    }

    /// One row of a CSV/TSV file: a record, or a notice naming the line.
    fn delimited_record(
        &self,
        record: &csv::ByteRecord,
        headers: &[String],
        text_col: usize,
        field: &str,
        line_before: usize,
        sink: &mut dyn FnMut(Event),
    ) {
        let line = record
            .position()
            .map(|p| p.line() as usize)
            .unwrap_or(line_before);
        let (n, m) = (record.len(), headers.len());
        if text_col >= n {
            sink(Event::Skipped(Notice::new(
                self.name,
                Some(line),
                format!("row has {n} fields, the header {m}: no `{field}`, skipped"),
            )));
            return;
        }
        if n > m {
            sink(Event::Warning(Notice::new(
                self.name,
                Some(line),
                format!("row has {n} fields, the header {m}: extra fields ignored"),
            )));
        }
        let mut lossy = false;
        let mut cell = |i: usize| -> String {
            let b = record.get(i).unwrap_or_default();
            match std::str::from_utf8(b) {
                Ok(s) => s.to_string(),
                Err(_) => {
                    lossy = true;
                    String::from_utf8_lossy(b).into_owned()
                }
            }
        };
        let text = cell(text_col);
        let mut meta = Metadata::new();
        for (i, h) in headers.iter().enumerate().take(n) {
            if i != text_col && !h.is_empty() {
                let v = cell(i);
                if !v.is_empty() {
                    meta.insert(h.clone(), v);
                }
            }
        }
        if lossy {
            sink(Event::Warning(Notice::new(
                self.name,
                Some(line),
                "invalid UTF-8, decoded with replacement characters",
            )));
        }
        let id = self.record_id(&meta, line);
        self.document(id, text, meta, Some(line), sink);
    }
}
