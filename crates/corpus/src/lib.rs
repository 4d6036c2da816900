//! # tifa-corpus
//!
//! Turning paths into documents: walking directories, reading files,
//! decoding text, and keeping the account of what was read and what was
//! skipped (SPEC §3). All of tifa's I/O on corpora lives here, so that
//! `tifa-core` stays pure and the CLI and server stay thin.
//!
//! This first version reads plain-text files (`.txt`, one document a file)
//! and standard input; JSONL/CSV records, gzip and legacy encodings slot in
//! behind the same [`Input`] → [`Document`] interface.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// One document: its id (the file path, or `-` for standard input) and
/// its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The document's id.
    pub id: String,
    /// The decoded text.
    pub text: String,
}

/// Something the user should know about an input: a skipped file, a lossy
/// decode. Always names the file (and line, where there is one).
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
    fn new(path: &Path, message: impl Into<String>) -> Notice {
        Notice {
            path: path.display().to_string(),
            line: None,
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

/// A source of documents, found by [`find_inputs`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

/// The file extensions taken from directories (files named on the command
/// line are read whatever their extension).
pub const TEXT_EXTENSIONS: [&str; 2] = ["txt", "text"];

/// What [`find_inputs`] found.
#[derive(Debug, Default)]
pub struct Found {
    /// The inputs, in a deterministic order: as given, directories walked
    /// in file-name order.
    pub inputs: Vec<Input>,
    /// Paths that do not exist or cannot be read: configuration errors.
    pub errors: Vec<Notice>,
    /// Files inside directories that were passed over (not a corpus
    /// format), counted so that nothing is dropped silently.
    pub ignored: Vec<PathBuf>,
}

/// Expands the paths given by the user: files as they are, directories
/// recursively (hidden files and directories, `.git` among them, are
/// skipped), `-` for standard input.
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
                found
                    .errors
                    .push(Notice::new(path, format!("cannot read: {e}")));
                continue;
            }
        };
        if !meta.is_dir() {
            found.inputs.push(Input::File(path.clone()));
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    if has_text_extension(e.path()) {
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
                    found
                        .errors
                        .push(Notice::new(&at, format!("cannot walk: {e}")));
                }
            }
        }
    }
    found
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| e.eq_ignore_ascii_case(t)))
}

/// The outcome of reading one input.
#[derive(Debug)]
pub enum Loaded {
    /// A document, with a warning when its text had to be repaired
    /// (invalid UTF-8 replaced by U+FFFD).
    Document(Document, Option<Notice>),
    /// The input was skipped, for the reason given.
    Skipped(Notice),
}

/// Reads one input as one document (UTF-8, with or without BOM; invalid
/// bytes are replaced and reported; a file with NUL bytes in its first
/// 8 KiB is taken for binary and skipped).
pub fn read_input(input: &Input) -> Loaded {
    let (id, bytes) = match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            if let Err(e) = std::io::stdin().lock().read_to_end(&mut buf) {
                return Loaded::Skipped(Notice::new(Path::new("-"), format!("cannot read: {e}")));
            }
            ("-".to_string(), buf)
        }
        Input::File(path) => match std::fs::read(path) {
            Ok(b) => (path.display().to_string(), b),
            Err(e) => return Loaded::Skipped(Notice::new(path, format!("cannot read: {e}"))),
        },
    };
    decode(id, bytes)
}

fn decode(id: String, bytes: Vec<u8>) -> Loaded {
    let path = PathBuf::from(&id);
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Loaded::Skipped(Notice::new(&path, "binary file (NUL bytes), skipped"));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(body) {
        Ok(s) => {
            let text = if body.len() == bytes.len() {
                // No BOM: reuse the buffer, no copy.
                String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
            } else {
                s.to_string()
            };
            Loaded::Document(Document { id, text }, None)
        }
        Err(e) => {
            let line = memchr::memchr_iter(b'\n', &body[..e.valid_up_to()]).count() + 1;
            let text = String::from_utf8_lossy(body).into_owned();
            let notice = Notice {
                path: id.clone(),
                line: Some(line),
                message: "invalid UTF-8, decoded with replacement characters".to_string(),
            };
            Loaded::Document(Document { id, text }, Some(notice))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_reports_bad_bytes() {
        match decode("a".into(), b"\xEF\xBB\xBF\xE4\xBA\xBA".to_vec()) {
            Loaded::Document(d, None) => assert_eq!(d.text, "人"),
            other => panic!("{other:?}"),
        }
        match decode("b".into(), b"ok\nline2 \xFF".to_vec()) {
            Loaded::Document(d, Some(n)) => {
                assert_eq!(d.text, "ok\nline2 \u{FFFD}");
                assert_eq!(
                    n.to_string(),
                    "b:2: invalid UTF-8, decoded with replacement characters"
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            decode("c".into(), b"ab\0cd".to_vec()),
            Loaded::Skipped(_)
        ));
    }
}
