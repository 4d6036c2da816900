//! Finding the characters of a small set in UTF-8 text by a table of byte
//! pairs ([`crate::design`] explains it).

use crate::bmp::BmpSet;

/// A set of characters, and the byte-pair table that finds them.
pub(crate) struct CharScanner {
    /// For a small set, SIMD searchers instead of the pair table.
    simd: Option<SimdScan>,
    /// One byte per little-endian byte pair `lo | hi << 8`: 1 when the pair
    /// can come from a character of the set. Bytes, not bits: the look-up is
    /// then one load, and eight of them per step overlap.
    pairs: Box<[u8; 65536]>,
    /// One bit per BMP character: is it in the set?
    bmp: BmpSet,
    /// The index of each ASCII character of the set (`u8::MAX`: not in
    /// it): line breaks, the most frequent watched characters, skip the
    /// binary search.
    ascii: [u8; 128],
    /// The characters, sorted: index `i` is reported for `chars[i]`.
    chars: Vec<char>,
}

/// A small set's searchers: a block scan for its one- and two-byte
/// characters (by their first byte, [`Leads`]), aho-corasick's packed SIMD
/// searcher (Teddy, up to
/// 64 patterns, fingerprints of three bytes: a whole CJK character) for the
/// longer ones. Several GB/s each where the pair table reads about 1.8.
struct SimdScan {
    /// First bytes of the one- and two-byte characters (the six ASCII
    /// white-space bytes and U+0085/U+00A0's C2; digits and x).
    leads: Option<Leads>,
    teddy: Option<aho_corasick::packed::Searcher>,
}

impl SimdScan {
    /// Lead bytes all ASCII but two, and up to 64 longer characters; `None`
    /// when the set is larger or Teddy is not available on this CPU.
    fn new(chars: &[char]) -> Option<SimdScan> {
        let mut leads: Vec<u8> = Vec::new();
        let mut long: Vec<String> = Vec::new();
        for &c in chars {
            if c.len_utf8() <= 2 {
                let mut buf = [0u8; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                if !leads.contains(&lead) {
                    leads.push(lead);
                }
            } else {
                long.push(c.to_string());
            }
        }
        if long.len() > 64 {
            return None;
        }
        let leads = if leads.is_empty() {
            None
        } else {
            Some(Leads::new(&leads)?)
        };
        let teddy = if long.is_empty() {
            None
        } else {
            Some(
                aho_corasick::packed::Config::new()
                    .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
                    .builder()
                    .extend(&long)
                    .build()?,
            )
        };
        Some(SimdScan { leads, teddy })
    }

    /// Candidate character starts in two sorted lists: every position of a
    /// lead byte, and every occurrence of a longer character.
    fn candidates(&self, bytes: &[u8], leads: &mut Vec<usize>, long: &mut Vec<usize>) {
        if let Some(l) = &self.leads {
            l.positions(bytes, leads);
        }
        if let Some(teddy) = &self.teddy {
            long.extend(teddy.find_iter(bytes).map(|m| m.start()));
        }
    }
}

/// The lead bytes of a small set's one- and two-byte characters, tested a
/// block at a time: the ASCII ones as one range (line breaks and spaces;
/// digits and x), at most two others exactly (U+0085 and U+00A0's C2); a
/// position that passes is then confirmed by `exact`.
struct Leads {
    lo: u8,
    span: u8,
    others: [u8; 2],
    exact: [bool; 256],
}

impl Leads {
    /// `None` when more than two leads are not ASCII.
    fn new(leads: &[u8]) -> Option<Leads> {
        let first = *leads.first()?;
        let others: Vec<u8> = leads.iter().copied().filter(|b| !b.is_ascii()).collect();
        if others.len() > 2 {
            return None;
        }
        let ascii = leads.iter().copied().filter(u8::is_ascii);
        let (lo, hi) = match (ascii.clone().min(), ascii.max()) {
            (Some(lo), Some(hi)) => (lo, hi),
            _ => (first, first),
        };
        let mut exact = [false; 256];
        leads.iter().for_each(|&b| exact[usize::from(b)] = true);
        let other = |k: usize| others.get(k).or(others.first()).copied().unwrap_or(first);
        Some(Leads {
            lo,
            span: hi - lo,
            others: [other(0), other(1)],
            exact,
        })
    }

    /// Appends every position of a lead in `bytes`, in order, in one pass:
    /// each block of 64 bytes is tested at once (an element-wise loop over a
    /// fixed block, which the compiler vectorizes), then its quarters, and
    /// only a quarter with a hit is read byte by byte. (Three `memchr3`
    /// passes did as well for white space; this also takes the twelve leads
    /// of number starts, 4–7% faster extraction than the pair table.)
    fn positions(&self, bytes: &[u8], out: &mut Vec<usize>) {
        const BLOCK: usize = 64;
        let [a, b] = self.others;
        let maybe = |x: u8| x.wrapping_sub(self.lo) <= self.span || x == a || x == b;
        let mut chunks = bytes.chunks_exact(BLOCK);
        let mut base = 0usize;
        for chunk in &mut chunks {
            let any = chunk.iter().fold(0u8, |acc, &x| acc | u8::from(maybe(x)));
            if any != 0 {
                // A hit is rarely alone in its block but rarely dense: the
                // quarter blocks with one are read byte by byte.
                for (q, quarter) in chunk.chunks_exact(BLOCK / 4).enumerate() {
                    if quarter.iter().fold(0u8, |acc, &x| acc | u8::from(maybe(x))) == 0 {
                        continue;
                    }
                    for (k, &x) in quarter.iter().enumerate() {
                        if self.exact[usize::from(x)] {
                            out.push(base + q * (BLOCK / 4) + k);
                        }
                    }
                }
            }
            base += BLOCK;
        }
        for (k, &x) in chunks.remainder().iter().enumerate() {
            if self.exact[usize::from(x)] {
                out.push(base + k);
            }
        }
    }
}

impl std::fmt::Debug for CharScanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CharScanner")
            .field("chars", &self.chars.len())
            .finish()
    }
}

impl CharScanner {
    /// A scanner for `chars` (sorted, without duplicates): for a small set
    /// of characters that are rare in the text (white space), the SIMD
    /// searchers; else the pair table.
    pub fn new(chars: Vec<char>) -> CharScanner {
        let mut scanner = CharScanner::by_pairs(chars);
        scanner.simd = SimdScan::new(&scanner.chars);
        scanner
    }

    /// A scanner for `chars` that always reads the pair table: for sets
    /// whose characters are frequent in the text, as the number starts are
    /// (one character in 27 of government reports). There the SIMD
    /// searchers verify a candidate every few dozen bytes and take twice as
    /// long as the pair table, whose cost hardly grows with the hits (70 MB
    /// of reports: 130–160 ms against 59–66 ms).
    pub fn by_pairs(chars: Vec<char>) -> CharScanner {
        let mut pairs: Box<[u8; 65536]> = vec![0u8; 65536]
            .into_boxed_slice()
            .try_into()
            .unwrap_or_else(|_| unreachable!("the length is 65536"));
        let bmp: BmpSet = chars.iter().copied().collect();
        let mut mark = |lo: u8, hi: u8| {
            pairs[usize::from(u16::from_le_bytes([lo, hi]))] = 1;
        };
        for &c in &chars {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            match *b {
                [b0] => (0..=255).for_each(|x| mark(b0, x)),
                [b0, b1] => mark(b0, b1),
                [.., b1, b2] => mark(b1, b2),
                [] => {}
            }
        }
        // Sorted: the ASCII characters come first, at indices below 128.
        let mut ascii = [u8::MAX; 128];
        for (i, &c) in chars.iter().enumerate().take_while(|(_, c)| c.is_ascii()) {
            ascii[c as usize] = i as u8;
        }
        CharScanner {
            simd: None,
            pairs,
            bmp,
            ascii,
            chars,
        }
    }

    /// The characters, sorted.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// 1 when the byte pair at `bytes[i..i + 2]` can come from a character
    /// of the set.
    #[inline(always)]
    fn pair_at(&self, bytes: &[u8], i: usize) -> u8 {
        self.pairs[usize::from(u16::from_le_bytes([bytes[i], bytes[i + 1]]))]
    }

    /// The index of `c` in [`CharScanner::chars`], if there.
    #[inline]
    pub fn index(&self, c: char) -> Option<usize> {
        let cp = c as usize;
        if let Some(&i) = self.ascii.get(cp) {
            return (i != u8::MAX).then_some(usize::from(i));
        }
        if cp < 0x10000 && !self.bmp.contains(c) {
            return None;
        }
        self.chars.binary_search(&c).ok()
    }

    /// Calls `emit(start, index)` for every character of the set in `text`,
    /// in text order, each once.
    pub fn scan(&self, text: &str, mut emit: impl FnMut(usize, usize)) {
        if let Some(simd) = &self.simd {
            let bytes = text.as_bytes();
            let (mut leads, mut long) = (Vec::new(), Vec::new());
            simd.candidates(bytes, &mut leads, &mut long);
            // Merged by position; each list is in text order already.
            let mut long = long.into_iter().peekable();
            for s in leads {
                while let Some(l) = long.next_if(|&l| l < s) {
                    self.confirm_at(text, l, &mut emit);
                }
                // A lead byte may begin a character outside the set; an
                // ASCII one is its own character.
                match bytes[s] {
                    b @ 0..=0x7F => {
                        if let Some(k) = self.index(char::from(b)) {
                            emit(s, k);
                        }
                    }
                    _ => self.confirm_at(text, s, &mut emit),
                }
            }
            long.for_each(|l| self.confirm_at(text, l, &mut emit));
            return;
        }
        self.scan_pairs(text, emit);
    }

    /// Emits the character starting at `s` if it is in the set.
    #[inline]
    fn confirm_at(&self, text: &str, s: usize, emit: &mut impl FnMut(usize, usize)) {
        if let Some(k) = text[s..].chars().next().and_then(|c| self.index(c)) {
            emit(s, k);
        }
    }

    /// [`CharScanner::scan`] by the pair table.
    fn scan_pairs(&self, text: &str, mut emit: impl FnMut(usize, usize)) {
        let bytes = text.as_bytes();
        let n = bytes.len();
        // `done`: every character starting before it has been looked at.
        let mut done = 0usize;
        let mut confirm = |i: usize, done: &mut usize| {
            // The character that produced the pair at `i` starts at `i`
            // (one- and two-byte ones) or 1–2 bytes before it.
            let mut s = i;
            while s > 0 && bytes[s] & 0xC0 == 0x80 {
                s -= 1;
            }
            if s < *done {
                return;
            }
            if let Some(c) = text[s..].chars().next() {
                *done = s + c.len_utf8();
                if let Some(k) = self.index(c) {
                    emit(s, k);
                }
            }
        };
        let mut i = 0usize;
        // Eight pairs per step: positions i..i + 8 need bytes i..i + 9.
        while i + 9 <= n {
            let block = &bytes[i..i + 9];
            // One bit per pair: the positions to confirm, in one pass (a
            // second pass over a block with a hit would look them up again).
            let word = u64::from_le_bytes([
                block[0], block[1], block[2], block[3], block[4], block[5], block[6], block[7],
            ]);
            let wide = u128::from(word) | u128::from(block[8]) << 64;
            let mut hits = 0u32;
            for k in 0..8 {
                let pair = (wide >> (8 * k)) as u16;
                hits |= u32::from(self.pairs[usize::from(pair)]) << k;
            }
            while hits != 0 {
                confirm(i + hits.trailing_zeros() as usize, &mut done);
                hits &= hits - 1;
            }
            i += 8;
        }
        while i + 1 < n {
            if self.pair_at(bytes, i) != 0 {
                confirm(i, &mut done);
            }
            i += 1;
        }
        // The last byte has no pair of its own: a one-byte character there.
        if n > 0 && n > done && bytes[n - 1].is_ascii() {
            confirm(n - 1, &mut done);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain reference: every watched char, by decoding every char.
    fn reference(scanner: &CharScanner, text: &str) -> Vec<(usize, usize)> {
        text.char_indices()
            .filter_map(|(i, c)| scanner.chars.binary_search(&c).ok().map(|k| (i, k)))
            .collect()
    }

    /// What `scan` reports; the pair table must report the same (for a
    /// small set `scan` uses the SIMD searchers, so both paths are tested).
    fn scanned(scanner: &CharScanner, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        scanner.scan(text, |s, k| out.push((s, k)));
        let mut by_pairs = Vec::new();
        scanner.scan_pairs(text, |s, k| by_pairs.push((s, k)));
        assert_eq!(out, by_pairs, "SIMD and pair scans differ on {text:?}");
        out
    }

    #[test]
    fn small_sets_use_the_simd_searchers_where_the_cpu_has_them() {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("ssse3") {
            assert!(scanner().simd.is_some());
        }
        // More than two leads that are not ASCII: the pair table.
        let mut many: Vec<char> = "\t\n0123\u{85}éж".chars().collect();
        many.sort_unstable();
        assert!(CharScanner::new(many).simd.is_none());
    }

    /// Number starts and some white space: ASCII leads over a wide range
    /// (`\n` to `x`), so bytes inside it that are no lead ('a') must be
    /// rejected.
    fn digit_scanner() -> CharScanner {
        let mut chars: Vec<char> = "0123456789xX一十Ａ\n\u{85}".chars().collect();
        chars.sort_unstable();
        CharScanner::new(chars)
    }

    proptest::proptest! {
        // Long enough for the 64-byte blocks of the lead scan.
        #[test]
        fn long_texts_scan_as_decoded(text in "[ \n\u{85}\u{A0}a民国é\u{2F81F}0-9xX一十Ａ:]{0,300}") {
            for s in [scanner(), digit_scanner()] {
                proptest::prop_assert_eq!(scanned(&s, &text), reference(&s, &text));
            }
        }
    }

    fn scanner() -> CharScanner {
        let mut chars = vec![
            '\n',
            ' ',
            '\u{85}',
            '\u{A0}',
            '\u{3000}',
            '\u{FEFF}',
            '國',
            '過',
            'Ａ',
            '\u{2F81F}',
        ];
        chars.sort_unstable();
        CharScanner::new(chars)
    }

    #[test]
    fn finds_every_watched_char_at_every_alignment() {
        let s = scanner();
        let pieces = [
            "全过程",
            "國",
            "\n",
            " ",
            "\u{85}",
            "\u{A0}",
            "\u{3000}",
            "\u{FEFF}",
            "過",
            "Ａ",
            "a",
            "é",
            "\u{2F81F}",
            "民",
            "国",
        ];
        // Every ordered pair and triple of pieces, after 0–8 bytes of
        // padding (and 56–72, for the 64-byte blocks), so that each watched
        // char lands at every offset mod 8 and at both ends of the text.
        for pad in (0..9).chain(56..73) {
            for a in pieces {
                for b in pieces {
                    for c in ["", "国", " "] {
                        let text = format!("{}{a}{b}{c}", "x".repeat(pad));
                        assert_eq!(scanned(&s, &text), reference(&s, &text), "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn chars_sharing_low_bits_are_not_reported() {
        // 國 is U+570B, E5 9C 8B: the characters 0x1000 apart share its
        // last two bytes (E6 9C 8B is U+670B) and hit the pair table, but
        // the confirmation must reject them.
        let s = scanner();
        let twin: String = ['\u{670B}', '\u{770B}', '\u{970B}'].iter().collect();
        assert!(scanned(&s, &twin).is_empty());
        assert_eq!(scanned(&s, "民國").len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn scan_equals_decoding_every_char(text in "[ \\n\\u{85}\\u{A0}\\u{3000}國過Ａa民国é\\u{2F81F}\\u{670B}]{0,40}") {
            let s = scanner();
            proptest::prop_assert_eq!(scanned(&s, &text), reference(&s, &text));
        }
    }
}
