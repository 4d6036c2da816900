//! A document's text: an owned `String`, or a large UTF-8 file mapped into
//! memory.
//!
//! Why a map: reading a 70 MB file means copying it out of the page cache
//! into fresh memory, and on the machines tifa is measured on that first
//! touch of fresh memory (page faults and the kernel zeroing pages) cost
//! more than the copy, 50–70 ms a read against about 20 ms for mapping the
//! cached pages and validating them (BENCHMARKS.md): more than matching one
//! phrase in it. So a large plain UTF-8 file is mapped, validated once, and
//! read in place.
//!
//! The one hazard, shared by every program that maps files: another process
//! that truncates or rewrites the file while tifa reads it. The map is
//! read-only, so tifa never changes it; `--no-mmap` (or
//! [`crate::ReadOptions::no_mmap`]) reads such files into memory instead.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A document's text: dereferences to `str`. Cloning a mapped text shares
/// the map.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Owned(String),
    /// Validated as UTF-8 when made ([`Text::map_utf8`]).
    Mapped(Arc<memmap2::Mmap>),
}

impl Text {
    /// The text as a `str`.
    #[allow(unsafe_code)]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(s) => s,
            // SAFETY: a `Mapped` text is only made by `map_utf8`, after the
            // whole map was validated as UTF-8; the map is read-only and
            // never written by this process (see the module docs for
            // other processes).
            Repr::Mapped(m) => unsafe { std::str::from_utf8_unchecked(m) },
        }
    }

    /// The text as an owned `String` (a copy when it is mapped).
    pub fn into_string(self) -> String {
        match self.0 {
            Repr::Owned(s) => s,
            Repr::Mapped(_) => self.as_str().to_string(),
        }
    }

    /// Is the text a map of its file rather than a copy in memory?
    pub fn is_mapped(&self) -> bool {
        matches!(self.0, Repr::Mapped(_))
    }

    /// Maps `file` (read-only) when its bytes are valid UTF-8, validated on
    /// up to `threads` threads; `None` when they are not or the map fails.
    #[allow(unsafe_code)]
    pub(crate) fn map_utf8(file: &std::fs::File, threads: usize) -> Option<Text> {
        // SAFETY: the map is read-only and lives as long as the `Text`;
        // what `memmap2` cannot rule out is another process changing the
        // file meanwhile (the module docs, and `--no-mmap`).
        let map = unsafe { memmap2::Mmap::map(file) }.ok()?;
        crate::decode::is_utf8(&map, threads).then(|| Text(Repr::Mapped(Arc::new(map))))
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Repr::Owned(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Repr::Owned(s.to_string()))
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use crate::{read_input, Event, Input, ReadOptions, MAP_THRESHOLD};

    /// Reads `bytes` as a file: its documents' texts (and whether mapped),
    /// and its warnings' lines.
    fn read(name: &str, bytes: &[u8], opts: &ReadOptions) -> (Vec<(String, bool)>, Vec<usize>) {
        let path = std::env::temp_dir().join(format!("tifa-text-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).expect("temp file");
        let (mut docs, mut warnings) = (Vec::new(), Vec::new());
        read_input(&Input::File(path.clone()), opts, &mut |e| match e {
            Event::Document(d) => docs.push((d.text.to_string(), d.text.is_mapped())),
            Event::Warning(n) => warnings.push(n.line.unwrap_or(0)),
            Event::Skipped(n) => panic!("skipped: {}", n.message),
        });
        let _ = std::fs::remove_file(&path);
        (docs, warnings)
    }

    fn large() -> String {
        let line = "全过程人民民主，一府一委两院。\n";
        line.repeat(MAP_THRESHOLD as usize / line.len() + 1)
    }

    #[test]
    fn large_utf8_files_are_mapped_unless_told_not_to() {
        let text = large();
        let (docs, warnings) = read("mapped.txt", text.as_bytes(), &ReadOptions::default());
        assert_eq!(docs, vec![(text.clone(), true)]);
        assert!(warnings.is_empty());
        let no_mmap = ReadOptions {
            no_mmap: true,
            ..ReadOptions::default()
        };
        let (docs, _) = read("copied.txt", text.as_bytes(), &no_mmap);
        assert_eq!(docs, vec![(text, false)]);
        // Small files are read.
        let (docs, _) = read("small.txt", "两个确立".as_bytes(), &ReadOptions::default());
        assert_eq!(docs, vec![("两个确立".to_string(), false)]);
    }

    #[test]
    fn a_large_file_with_invalid_utf8_is_read_and_decoded_lossily() {
        let text = large();
        let mut bytes = text.into_bytes();
        let at = bytes.len() / 2;
        // A lone continuation byte in the middle, at the start of a line.
        let at = at + bytes[at..].iter().position(|&b| b == b'\n').unwrap_or(0) + 1;
        bytes[at] = 0x80;
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let (docs, warnings) = read("invalid.txt", &bytes, &ReadOptions::default());
        assert_eq!(warnings, vec![line]);
        assert_eq!(docs.len(), 1);
        assert!(!docs[0].1 && docs[0].0[at..].starts_with('\u{FFFD}'));
    }
}
