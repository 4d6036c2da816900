//! Writing a corpus to Parquet, one row per document, so that SQL engines
//! (DataFusion here, Ballista across machines) can read it.

use std::io::Write;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Int32Builder, MapBuilder, StringBuilder};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::Compression;
use datafusion::parquet::file::properties::WriterProperties;
use tifa_core::meta::Metadata;

use crate::Error;

/// The columns of an exported corpus, in order: `doc` (the id tifa prints),
/// the inferred or given `title`, `date`, `year` (an integer), `region`,
/// `meta` (every metadata field, a map of text to text) and `text`.
pub const EXPORT_COLUMNS: [&str; 7] = ["doc", "title", "date", "year", "region", "meta", "text"];

/// Rows buffered before a batch goes to the writer.
const BATCH_ROWS: usize = 4096;
/// Text bytes buffered before a batch goes to the writer.
const BATCH_BYTES: usize = 32 << 20;
/// Encoded bytes after which a row group is closed: bounds the writer's
/// memory on corpora of huge documents, and gives readers row groups to
/// share among threads.
const ROW_GROUP_BYTES: usize = 64 << 20;

/// A Parquet file being written from documents.
///
/// ```
/// use tifa_datafusion::ParquetExport;
/// let mut out = ParquetExport::new(Vec::new(), "corpus.parquet")?;
/// let mut meta = tifa_core::meta::Metadata::new();
/// meta.insert("year".into(), "2023".into());
/// out.push("a.txt", &meta, "坚持一府一委两院")?;
/// let (bytes, rows) = out.finish()?;
/// assert_eq!(rows, 1);
/// assert!(bytes.starts_with(b"PAR1"));
/// # Ok::<(), tifa_datafusion::Error>(())
/// ```
pub struct ParquetExport<W: Write + Send> {
    path: String,
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    batch: Columns,
    rows: u64,
}

struct Columns {
    doc: StringBuilder,
    title: StringBuilder,
    date: StringBuilder,
    year: Int32Builder,
    region: StringBuilder,
    meta: MapBuilder<StringBuilder, StringBuilder>,
    text: StringBuilder,
    rows: usize,
    bytes: usize,
}

impl Columns {
    fn new() -> Columns {
        Columns {
            doc: StringBuilder::new(),
            title: StringBuilder::new(),
            date: StringBuilder::new(),
            year: Int32Builder::new(),
            region: StringBuilder::new(),
            meta: MapBuilder::new(None, StringBuilder::new(), StringBuilder::new()),
            text: StringBuilder::new(),
            rows: 0,
            bytes: 0,
        }
    }
}

/// The schema of an exported corpus (see [`EXPORT_COLUMNS`]).
pub fn export_schema() -> SchemaRef {
    let entries = Field::new(
        "entries",
        DataType::Struct(
            vec![
                Field::new("keys", DataType::Utf8, false),
                Field::new("values", DataType::Utf8, true),
            ]
            .into(),
        ),
        false,
    );
    Arc::new(Schema::new(vec![
        Field::new("doc", DataType::Utf8, false),
        Field::new("title", DataType::Utf8, true),
        Field::new("date", DataType::Utf8, true),
        Field::new("year", DataType::Int32, true),
        Field::new("region", DataType::Utf8, true),
        Field::new("meta", DataType::Map(Arc::new(entries), false), false),
        Field::new("text", DataType::Utf8, false),
    ]))
}

impl<W: Write + Send> ParquetExport<W> {
    /// Starts a Parquet file on `out`; `path` names it in errors.
    pub fn new(out: W, path: &str) -> Result<ParquetExport<W>, Error> {
        let schema = export_schema();
        // Snappy: fast to decode, which is what a counting query needs.
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props))
            .map_err(|e| parquet_error(path, e))?;
        Ok(ParquetExport {
            path: path.to_string(),
            writer,
            schema,
            batch: Columns::new(),
            rows: 0,
        })
    }

    /// Adds one document.
    pub fn push(&mut self, doc: &str, meta: &Metadata, text: &str) -> Result<(), Error> {
        let b = &mut self.batch;
        b.doc.append_value(doc);
        b.title.append_option(meta.get("title"));
        b.date.append_option(meta.get("date"));
        b.year
            .append_option(meta.get("year").and_then(|y| y.trim().parse::<i32>().ok()));
        b.region.append_option(meta.get("region"));
        for (k, v) in meta {
            b.meta.keys().append_value(k);
            b.meta.values().append_value(v);
        }
        b.meta
            .append(true)
            .map_err(|e| parquet_error(&self.path, e))?;
        b.text.append_value(text);
        b.rows += 1;
        b.bytes += text.len();
        self.rows += 1;
        if b.rows >= BATCH_ROWS || b.bytes >= BATCH_BYTES {
            self.write_batch()?;
        }
        Ok(())
    }

    fn write_batch(&mut self) -> Result<(), Error> {
        if self.batch.rows == 0 {
            return Ok(());
        }
        let mut b = std::mem::replace(&mut self.batch, Columns::new());
        let columns: Vec<ArrayRef> = vec![
            Arc::new(b.doc.finish()),
            Arc::new(b.title.finish()),
            Arc::new(b.date.finish()),
            Arc::new(b.year.finish()),
            Arc::new(b.region.finish()),
            Arc::new(b.meta.finish()),
            Arc::new(b.text.finish()),
        ];
        let batch = RecordBatch::try_new(self.schema.clone(), columns)
            .map_err(|e| parquet_error(&self.path, e))?;
        self.writer
            .write(&batch)
            .map_err(|e| parquet_error(&self.path, e))?;
        if self.writer.in_progress_size() >= ROW_GROUP_BYTES {
            self.writer
                .flush()
                .map_err(|e| parquet_error(&self.path, e))?;
        }
        Ok(())
    }

    /// Writes what is buffered and the file footer; returns the output and
    /// the number of documents written.
    pub fn finish(mut self) -> Result<(W, u64), Error> {
        self.write_batch()?;
        let out = self
            .writer
            .into_inner()
            .map_err(|e| parquet_error(&self.path, e))?;
        Ok((out, self.rows))
    }
}

fn parquet_error(path: &str, e: impl std::fmt::Display) -> Error {
    Error::Parquet {
        path: path.to_string(),
        message: e.to_string(),
    }
}
