//! # tifa-corpus
//!
//! Turning paths into documents (SPEC §3): walking directories, the input
//! formats (`.txt`, `.jsonl`/`.ndjson`, `.csv`/`.tsv`, each optionally
//! `.gz`), encodings (UTF-8 with or without BOM, UTF-16 with BOM,
//! GB18030/GBK and others, detected), metadata, and streaming documents to
//! a parallel worker in input order. All of tifa's corpus I/O lives here, so
//! that `tifa-core` stays pure and the CLI and server stay thin.
//!
//! Nothing is dropped silently: every input yields documents, or a
//! [`Notice`] saying why not, with file and line.
//!
//! Three `unsafe` blocks in the whole crate. In [`decode::into_string_with`]:
//! text validated by `simdutf8` becomes a `String` without std validating it
//! a second time (std's validator cost a sixth of a whole `tifa count` run).
//! And in [`Text`]: a large plain UTF-8 file is memory-mapped (copying it
//! into fresh memory cost more than matching a phrase in it), and the map,
//! validated once, is read as a `str` — which assumes, as every program that
//! maps files does, that no other process rewrites the file meanwhile
//! ([`ReadOptions::no_mmap`] turns maps off).
#![deny(unsafe_code)]
#![deny(missing_docs)]

pub mod decode;
mod formats;
mod parallel;
mod text;

use std::fmt;
use std::path::{Path, PathBuf};

pub use formats::{
    read_from, read_input, read_input_with, InputFormat, ReadOptions, MAP_THRESHOLD, TEXT_FIELDS,
};
pub use parallel::{
    for_each_in_order, for_each_part_in_order, DocInfo, Item, Part, IN_FLIGHT, QUEUE, WINDOW,
};
pub use text::Text;
pub use tifa_core::meta::Metadata;

/// One document: its id, its text, its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The file path; `path#line` for a JSONL or CSV record; or the value of
    /// the id field.
    pub id: String,
    /// The decoded text (a `str` by `Deref`).
    pub text: Text,
    /// Fields of the record and inferred `year`, `region`, `title`, `date`
    /// (see [`tifa_core::meta`]), then the user's `--meta` values.
    pub meta: Metadata,
}

/// Something the user should know about an input: a skipped file or
/// record, a lossy decode. Always names the file, and the line where there
/// is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The file (or `-`).
    pub path: String,
    /// 1-based line, when it applies.
    pub line: Option<usize>,
    /// What happened.
    pub message: String,
}

impl Notice {
    /// A notice about `path`.
    pub fn new(path: &str, line: Option<usize>, message: impl Into<String>) -> Notice {
        Notice {
            path: path.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.path, l, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// What reading an input produces, in order.
#[derive(Debug)]
pub enum Event {
    /// A document.
    Document(Document),
    /// A document (or, for a broken stream, the rest of a file) that could
    /// not be read: counted as skipped.
    Skipped(Notice),
    /// A problem that did not cost a document (a repaired decode, extra CSV
    /// fields).
    Warning(Notice),
}

/// A source of documents, found by [`find_inputs`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

/// What [`find_inputs`] found.
#[derive(Debug, Default)]
pub struct Found {
    /// The inputs, in a deterministic order: as given, directories walked
    /// in file-name order.
    pub inputs: Vec<Input>,
    /// Paths given by the user that do not exist or cannot be read:
    /// configuration errors.
    pub errors: Vec<Notice>,
    /// Problems met inside directories (an unreadable directory, a
    /// symlink loop): the walk goes on past them.
    pub warnings: Vec<Notice>,
    /// Files inside directories that were passed over (not a corpus
    /// format), counted so that nothing is dropped silently.
    pub ignored: Vec<PathBuf>,
    /// Total size in bytes of the files found (for progress).
    pub bytes: u64,
}

/// Expands the paths given by the user: files as they are (whatever their
/// extension), directories recursively taking the files of a known format
/// ([`InputFormat::from_path`]; hidden files and directories, `.git` among
/// them, are skipped), `-` for standard input.
pub fn find_inputs(paths: &[PathBuf]) -> Found {
    let mut found = Found::default();
    for path in paths {
        if path.as_os_str() == "-" {
            found.inputs.push(Input::Stdin);
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                found.errors.push(Notice::new(
                    &path.display().to_string(),
                    None,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if !meta.is_dir() {
            // A path named on the command line that cannot be opened is a
            // usage error (SPEC §6), not a skipped document.
            if let Err(e) = can_open(path, &meta) {
                found.errors.push(Notice::new(
                    &path.display().to_string(),
                    None,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
            found.bytes += meta.len();
            found.inputs.push(Input::File(path.clone()));
            continue;
        }
        let before = found.inputs.len();
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    if InputFormat::from_path(e.path()).is_some() {
                        found.bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
                        found.inputs.push(Input::File(e.into_path()));
                    } else {
                        found.ignored.push(e.into_path());
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    let at = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| path.clone());
                    let msg = match e.loop_ancestor() {
                        Some(a) => format!("symlink loop (back to {}), not followed", a.display()),
                        None => format!("cannot walk: {e}"),
                    };
                    found
                        .warnings
                        .push(Notice::new(&at.display().to_string(), None, msg));
                }
            }
        }
        if found.inputs.len() == before {
            found.warnings.push(Notice::new(
                &path.display().to_string(),
                None,
                "no readable file here (looked for .txt, .jsonl, .ndjson, .csv, .tsv and their .gz)",
            ));
        }
    }
    found
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}

/// Can the file be opened for reading? A pipe (`<(zcat …)`) is not opened
/// twice: opening one waits for its writer, and reading it is the test.
fn can_open(path: &Path, meta: &std::fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if meta.file_type().is_fifo() {
            return Ok(());
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    std::fs::File::open(path).map(drop)
}
