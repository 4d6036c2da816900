//! `tifa sql` and `tifa export --parquet`: the corpus as SQL tables, with
//! tifa's functions (tifa-datafusion) registered. Parsing and printing only.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::json::writer::{JsonArray, WriterBuilder};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::datasource::file_format::file_compression_type::FileCompressionType;
use datafusion::prelude::{CsvReadOptions, JsonReadOptions, ParquetReadOptions, SessionContext};
use futures_util::StreamExt;
use serde_json::{Map, Value};
use tifa_datafusion::{ParquetExport, TifaFunctions, EXPORT_COLUMNS};

use crate::args::{ExportArgs, SqlArgs};
use crate::driver::run_corpus;
use crate::error::Result as CliResult;
use crate::output::{Format, Printer};

/// The table format of a path, from its extension (the first file's, for a
/// directory).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TableFormat {
    Parquet,
    Csv { tab: bool, gz: bool },
    Json { gz: bool, array: bool },
}

fn table_format(path: &str) -> Result<(TableFormat, String, PathBuf), String> {
    let p = Path::new(path);
    let probe: PathBuf = if p.is_dir() || !p.exists() {
        first_file(p)?
    } else {
        p.to_path_buf()
    };
    let name = probe
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let (stem, gz) = match name.strip_suffix(".gz") {
        Some(s) => (s.to_string(), true),
        None => (name.clone(), false),
    };
    let ext = stem.rsplit('.').next().unwrap_or("").to_string();
    // A single file is read whatever its name; a directory or a glob takes
    // the files named like the one found.
    let suffix = if p.is_file() {
        String::new()
    } else {
        format!(".{ext}{}", if gz { ".gz" } else { "" })
    };
    let format = match ext.as_str() {
        "parquet" if !gz => Some(TableFormat::Parquet),
        "csv" => Some(TableFormat::Csv { tab: false, gz }),
        "tsv" => Some(TableFormat::Csv { tab: true, gz }),
        "jsonl" | "ndjson" => Some(TableFormat::Json { gz, array: false }),
        // A .json file is either one array of records or one record a line.
        "json" => Some(TableFormat::Json {
            gz,
            array: !gz && starts_with_bracket(&probe),
        }),
        _ => None,
    };
    match format {
        Some(f) => Ok((f, suffix, probe)),
        None => Err(format!(
            "cannot tell its format from `{name}`: use .parquet, .csv, .tsv, .jsonl, .ndjson or .json (or .gz of the text formats)"
        )),
    }
}

fn starts_with_bracket(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 256];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    head[..n]
        .iter()
        .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF)
        == Some(&b'[')
}

async fn register_table(ctx: &SessionContext, name: &str, path: &str) -> Result<(), String> {
    let fail = |e: datafusion::error::DataFusionError| format!("--table {name}={path}: {e}");
    let compression = |gz: bool| {
        if gz {
            FileCompressionType::GZIP
        } else {
            FileCompressionType::UNCOMPRESSED
        }
    };
    let (format, e, probe) =
        table_format(path).map_err(|e| format!("--table {name}={path}: {e}"))?;
    match format {
        TableFormat::Parquet => ctx
            .register_parquet(name, path, ParquetReadOptions::default().file_extension(&e))
            .await
            .map_err(fail),
        TableFormat::Csv { tab, gz } => {
            let schema = csv_schema(&probe, if tab { b'\t' } else { b',' }, gz)
                .map_err(|e| format!("--table {name}={path}: {e}"))?;
            ctx.register_csv(
                name,
                path,
                CsvReadOptions::new()
                    .schema(&schema)
                    .delimiter(if tab { b'\t' } else { b',' })
                    // Report paragraphs are quoted fields with line breaks.
                    .newlines_in_values(true)
                    .file_extension(&e)
                    .file_compression_type(compression(gz)),
            )
            .await
            .map_err(fail)
        }
        TableFormat::Json { gz, array } => ctx
            .register_json(
                name,
                path,
                JsonReadOptions::default()
                    .newline_delimited(!array)
                    .file_extension(&e)
                    .file_compression_type(compression(gz)),
            )
            .await
            .map_err(fail),
    }
}

/// The first file of a directory, or the first match of a glob.
fn first_file(p: &Path) -> Result<PathBuf, String> {
    if p.is_dir() {
        return std::fs::read_dir(p)
            .map_err(|e| format!("cannot read the directory: {e}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|f| f.is_file())
            .min()
            .ok_or_else(|| "the directory has no files".to_string());
    }
    // A glob: the directory part, then the files whose names match.
    let dir = p
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let pattern = p
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let (head, tail) = pattern.split_once('*').unwrap_or((&pattern, ""));
    std::fs::read_dir(dir)
        .map_err(|_| "no such file or directory".to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|f| {
            f.is_file()
                && f.file_name().is_some_and(|n| {
                    let n = n.to_string_lossy();
                    n.starts_with(head) && n.ends_with(tail)
                })
        })
        .min()
        .ok_or_else(|| "no file matches".to_string())
}

/// The schema of a CSV/TSV table, from its header and first records:
/// columns whose values are all integers are Int64, all numbers Float64,
/// else Utf8. (DataFusion's own inference splits multi-line quoted fields,
/// which every report paragraph is, so tifa reads the head itself.)
fn csv_schema(path: &Path, delimiter: u8, gz: bool) -> Result<Schema, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let raw: Box<dyn std::io::Read> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(raw);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = h.trim_start_matches('\u{feff}');
            if h.is_empty() {
                format!("column_{}", i + 1)
            } else {
                h.to_string()
            }
        })
        .collect();
    // 0: integer, 1: float, 2: text — the widest seen.
    let mut kind = vec![0u8; header.len()];
    for record in reader.records().take(1000) {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        for (k, v) in kind.iter_mut().zip(record.iter()) {
            let v = v.trim();
            let this = if v.is_empty() || v.parse::<i64>().is_ok() {
                0
            } else if v.parse::<f64>().is_ok() {
                1
            } else {
                2
            };
            *k = (*k).max(this);
        }
    }
    Ok(Schema::new(
        header
            .into_iter()
            .zip(kind)
            .map(|(h, k)| {
                let t = match k {
                    0 => DataType::Int64,
                    1 => DataType::Float64,
                    _ => DataType::Utf8,
                };
                Field::new(h, t, true)
            })
            .collect::<Vec<_>>(),
    ))
}

/// Rows of a batch as ordered JSON objects (nulls kept, so every row has
/// every column).
fn rows(batch: &RecordBatch) -> Result<Vec<Map<String, Value>>, String> {
    let mut buf = Vec::new();
    let mut w = WriterBuilder::new()
        .with_explicit_nulls(true)
        .build::<_, JsonArray>(&mut buf);
    w.write(batch).map_err(|e| e.to_string())?;
    w.finish().map_err(|e| e.to_string())?;
    drop(w);
    if buf.is_empty() {
        return Ok(Vec::new());
    }
    serde_json::from_slice(&buf).map_err(|e| e.to_string())
}

pub fn run_sql(args: SqlArgs) -> CliResult<ExitCode> {
    let lexicon = args.matching.lexicon.sources().load()?;
    let functions =
        TifaFunctions::with_modes(lexicon, args.matching.overlapping, args.matching.strict);
    functions.check().map_err(|e| e.to_string())?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the query runtime: {e}"))?;
    runtime.block_on(async {
        let config = TifaFunctions::session_config().with_target_partitions(threads);
        let ctx = SessionContext::new_with_config(config);
        functions.register(&ctx);
        for (name, path) in &args.tables {
            register_table(&ctx, name, path).await?;
        }
        let df = ctx.sql(&args.query).await.map_err(|e| e.to_string())?;
        let columns: Vec<String> = df
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        let mut printer = Printer::new(Format::resolve(args.format.format), &columns);
        let mut stream = df.execute_stream().await.map_err(|e| e.to_string())?;
        while let Some(batch) = stream.next().await {
            let batch = batch.map_err(|e| e.to_string())?;
            for row in rows(&batch)? {
                printer.push(&row)?;
            }
        }
        printer.finish()?;
        Ok(ExitCode::SUCCESS)
    })
}

pub fn run_export(args: ExportArgs) -> CliResult<ExitCode> {
    let path = args.parquet.display().to_string();
    let file =
        std::fs::File::create(&args.parquet).map_err(|e| format!("cannot create {path}: {e}"))?;
    let mut out =
        ParquetExport::new(std::io::BufWriter::new(file), &path).map_err(|e| e.to_string())?;
    let mut failed: Option<String> = None;
    let account = run_corpus(
        &args.input,
        |doc| doc.text.clone(),
        |doc, text, _| {
            if failed.is_none() {
                if let Err(e) = out.push(&doc.id, &doc.meta, &text) {
                    failed = Some(e.to_string());
                }
            }
        },
    )?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    let (_, rows) = out.finish().map_err(|e| e.to_string())?;
    note!(
        "tifa: wrote {rows} documents to {path} (columns {})",
        EXPORT_COLUMNS.join(", ")
    );
    account.print();
    Ok(account.exit_code(args.input.strict_input))
}
