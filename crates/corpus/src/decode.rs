//! Byte streams to UTF-8: BOMs, UTF-16, GB18030/GBK and other legacy
//! encodings (detected with `chardetng`, decoded with `encoding_rs`), binary
//! files recognized and refused.

use std::io::{self, Cursor, Read};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// How many bytes at the start of a stream are looked at to recognize its
/// encoding.
pub const SAMPLE: usize = 64 * 1024;

/// What the start of a stream says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// UTF-8 (a BOM, if any, is dropped by the reader).
    Utf8,
    /// Another encoding, decoded to UTF-8 on the fly.
    Other(&'static Encoding),
    /// NUL bytes without a UTF-16 BOM: not text.
    Binary,
}

/// Reads up to [`SAMPLE`] bytes of `inner`, recognizes the encoding, and
/// returns a reader that yields the whole stream as UTF-8 (invalid sequences
/// of a legacy encoding become U+FFFD; invalid UTF-8 is passed through for
/// the caller to report with its line).
pub fn utf8_reader<'a, R: Read + 'a>(mut inner: R) -> io::Result<(Sniffed, Box<dyn Read + 'a>)> {
    let mut sample = Vec::with_capacity(SAMPLE);
    // A stream that breaks inside the sample (a truncated .gz) still yields
    // what came before the break; the error is raised where it happened.
    let mut broken = None;
    if let Err(e) = (&mut inner).take(SAMPLE as u64).read_to_end(&mut sample) {
        if sample.is_empty() {
            return Err(e);
        }
        broken = Some(e);
    }
    let sniffed = sniff(&sample, sample.len() < SAMPLE);
    let inner: Box<dyn Read + 'a> = match broken {
        Some(e) => Box::new(FailOnce(Some(e))),
        None => Box::new(inner),
    };
    let bom = match sniffed {
        Sniffed::Utf8 if sample.starts_with(b"\xEF\xBB\xBF") => 3,
        _ => 0,
    };
    let whole = Cursor::new(sample).chain(inner);
    let reader: Box<dyn Read + 'a> = match sniffed {
        Sniffed::Utf8 | Sniffed::Binary => {
            let mut r = whole;
            io::copy(&mut (&mut r).take(bom), &mut io::sink())?;
            Box::new(r)
        }
        Sniffed::Other(enc) => Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(enc))
                .bom_override(true)
                .build(whole),
        ),
    };
    Ok((sniffed, reader))
}

/// A reader that fails once with the error it holds, then ends.
struct FailOnce(Option<io::Error>);

impl Read for FailOnce {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

/// Recognizes the encoding of a stream from its first bytes. `complete`
/// says the sample is the whole stream.
pub fn sniff(sample: &[u8], complete: bool) -> Sniffed {
    if sample.starts_with(b"\xEF\xBB\xBF") {
        return Sniffed::Utf8;
    }
    if sample.starts_with(b"\xFF\xFE") {
        return Sniffed::Other(UTF_16LE);
    }
    if sample.starts_with(b"\xFE\xFF") {
        return Sniffed::Other(UTF_16BE);
    }
    if memchr::memchr(0, sample).is_some() {
        return Sniffed::Binary;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => return Sniffed::Utf8,
        // Cut in the middle of a char at the end of the sample: still UTF-8.
        Err(e) if e.error_len().is_none() && !complete => return Sniffed::Utf8,
        Err(_) => {}
    }
    // UTF-8 with some damage (a few bad bytes in good text) stays UTF-8, to
    // be decoded lossily and reported; a legacy encoding read as UTF-8 has
    // few valid multi-byte sequences and many errors.
    let (valid_multibyte, errors) = utf8_evidence(sample);
    if valid_multibyte >= 4 * errors.max(1) {
        return Sniffed::Utf8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, complete);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    if guess == UTF_8 {
        Sniffed::Utf8
    } else {
        Sniffed::Other(guess)
    }
}

/// (valid multi-byte UTF-8 sequences, invalid sequences) in `bytes`.
fn utf8_evidence(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut errors) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                return (
                    valid + s.chars().filter(|c| c.len_utf8() > 1).count(),
                    errors,
                )
            }
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                valid += std::str::from_utf8(good)
                    .map_or(0, |s| s.chars().filter(|c| c.len_utf8() > 1).count());
                match e.error_len() {
                    Some(n) => {
                        errors += 1;
                        bytes = &bytes[e.valid_up_to() + n..];
                    }
                    None => return (valid, errors),
                }
            }
        }
    }
}

/// UTF-8 bytes to a `String` without a copy when they are valid; else a
/// lossy copy and the 1-based line of the first invalid byte.
///
/// Validation is `simdutf8`'s (several GB/s); only invalid text is looked at
/// again, by std, to find where it breaks.
pub fn into_string(bytes: Vec<u8>) -> (String, Option<usize>) {
    into_string_with(bytes, 1)
}

/// [`into_string`], validating a large text on up to `threads` threads (in
/// slices cut where a character starts, so that the whole is valid exactly
/// when every slice is).
#[allow(unsafe_code)]
pub fn into_string_with(bytes: Vec<u8>, threads: usize) -> (String, Option<usize>) {
    if is_utf8(&bytes, threads) {
        // SAFETY: `is_utf8` just accepted these exact bytes as UTF-8 (every
        // slice by `simdutf8::basic::from_utf8`, the slices cut before a
        // character's first byte), which is the one requirement of
        // `from_utf8_unchecked`.
        return (unsafe { String::from_utf8_unchecked(bytes) }, None);
    }
    let bad = std::str::from_utf8(&bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let line = memchr::memchr_iter(b'\n', &bytes[..bad]).count() + 1;
    (String::from_utf8_lossy(&bytes).into_owned(), Some(line))
}

/// Texts at least this long are validated and counted on several threads.
const PARALLEL_CHECK: usize = 8 << 20;

/// Up to `pieces` slices of `bytes`, each starting where a character starts
/// (never on a UTF-8 continuation byte), together the whole.
fn char_slices(bytes: &[u8], pieces: usize) -> Vec<&[u8]> {
    let pieces = if bytes.len() < PARALLEL_CHECK {
        1
    } else {
        pieces.max(1)
    };
    let mut out = Vec::with_capacity(pieces);
    let mut start = 0;
    for k in 1..pieces {
        let mut cut = (k * bytes.len() / pieces).max(start);
        // At most three continuation bytes in a row in valid text; in
        // invalid text any cut will do (a slice is then invalid anyway).
        for _ in 0..3 {
            if cut < bytes.len() && bytes[cut] & 0xC0 == 0x80 {
                cut += 1;
            }
        }
        out.push(&bytes[start..cut]);
        start = cut;
    }
    out.push(&bytes[start..]);
    out
}

/// Is `bytes` UTF-8? On up to `threads` threads for a large text: valid
/// exactly when every slice of [`char_slices`] is (a character cut by a
/// slice end leaves its slice ending in a truncated sequence, which is
/// invalid).
pub(crate) fn is_utf8(bytes: &[u8], threads: usize) -> bool {
    on_slices(&char_slices(bytes, threads), |s| {
        simdutf8::basic::from_utf8(s).is_ok()
    })
    .into_iter()
    .all(|ok| ok)
}

/// `f` of each slice, the first on this thread and the others on threads of
/// their own (a thread that panicked counts as `T::default()`).
fn on_slices<T: Send + Default>(slices: &[&[u8]], f: impl Fn(&[u8]) -> T + Sync) -> Vec<T> {
    if let [one] = slices {
        return vec![f(one)];
    }
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = slices[1..]
            .iter()
            .map(|&s| scope.spawn(move || f(s)))
            .collect();
        let mut out = vec![f(slices[0])];
        out.extend(handles.into_iter().map(|h| h.join().unwrap_or_default()));
        out
    })
}

/// The number of characters of `text`, on up to `threads` threads when it
/// is large.
pub fn count_chars(text: &str, threads: usize) -> usize {
    // bytecount counts the bytes that are not UTF-8 continuation bytes
    // with SIMD chosen at run time (AVX2 here: ~7× the plain filter loop,
    // which was a quarter of a one-phrase `tifa count`).
    on_slices(&char_slices(text.as_bytes(), threads), bytecount::num_chars)
        .into_iter()
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_texts_are_validated_and_counted_in_slices_like_whole() {
        // 8 MiB and more take the sliced path; every cut lands near a
        // multi-byte character, and a bad byte anywhere must be found.
        let text = "a全过程人民民主𠀋。\n".repeat(400_000);
        assert!(text.len() >= PARALLEL_CHECK);
        for threads in 1..6 {
            assert_eq!(count_chars(&text, threads), text.chars().count());
            assert!(is_utf8(text.as_bytes(), threads));
            for at in [0, 1, text.len() / 2, text.len() / 3 + 1, text.len() - 1] {
                let mut bad = text.clone().into_bytes();
                bad[at] = 0xFF;
                assert!(!is_utf8(&bad, threads), "bad byte at {at}");
                let (_, line) = into_string_with(bad, threads);
                assert!(line.is_some());
            }
            // A four-byte character cut in half at the end of a slice.
            let mut cut = text.clone().into_bytes();
            let mid = cut.len() / 2;
            let four = cut[mid..].iter().position(|&b| b == 0xF0).unwrap() + mid;
            cut.remove(four + 3);
            assert!(!is_utf8(&cut, threads));
        }
    }

    fn decode(bytes: &[u8]) -> (Sniffed, String) {
        let (s, mut r) = utf8_reader(bytes).unwrap();
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        (s, String::from_utf8_lossy(&out).into_owned())
    }

    #[test]
    fn encodings() {
        assert_eq!(
            decode("\u{FEFF}全过程".as_bytes()),
            (Sniffed::Utf8, "全过程".into())
        );
        let (gbk, _, _) =
            encoding_rs::GBK.encode("全过程人民民主，一府一委两院。人大常委会工作报告");
        let (s, text) = decode(&gbk);
        assert!(
            matches!(s, Sniffed::Other(e) if e.name() == "GBK" || e.name() == "gb18030"),
            "{s:?}"
        );
        assert_eq!(text, "全过程人民民主，一府一委两院。人大常委会工作报告");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "两院".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).1, "两院");
        assert_eq!(sniff(b"ab\0\0cd", true), Sniffed::Binary);
    }

    #[test]
    fn lossy_utf8_names_the_line() {
        let (s, line) = into_string(b"a\nb\nc\xFF".to_vec());
        assert_eq!(s, "a\nb\nc\u{FFFD}");
        assert_eq!(line, Some(3));
    }
}
