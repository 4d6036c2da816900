//! Numeric mentions (SPEC §2): every quantity, percentage, ordinal, year,
//! date and range in a text, with its unit, modifier and what it counts.
//!
//! # How a mention is found
//! One left-to-right pass. At a character a number can start with (a digit,
//! Arabic, full-width or Chinese; a unit 十百千万亿 for bare magnitudes; an
//! `x` placeholder), found by one scan of a byte-pair table, the small grammar of
//! `mention.rs` reads, in order:
//!
//! 1. a prefix just before it: 第 (ordinal), 百分之 (percent), or an
//!    approximation (近 约 超过 逾 …; 上 几 数 before a bare magnitude);
//! 2. the number (`read.rs`): Arabic digits with thousands separators, a
//!    decimal point and white space between single digits (text from PDFs),
//!    then magnitudes (3.5万, 1.2万亿, 3600多亿); or a run of Chinese
//!    numerals (`numeral.rs`: 一千零十, 三万五, 十万, 十七八 as a range);
//! 3. a date, year or range of years (`dates.rs`);
//! 4. a range (1-6月, 3至5万), an approximation (余 多 来 几), the unit (the
//!    longest word of `data/units.tsv`, which also gives the kind: money,
//!    percent, ordinal, time …), an approximation after it (以上 左右).
//!
//! All of it reads the text *normalized* (`text.rs`): full-width, traditional
//! and ○ forms are read as their plain forms, in place, and spans are offsets
//! into the original text.
//!
//! Kinds: `ordinal` for 第N, N届, N大 (二十大), N中全会, N世纪, N年代;
//! `percent` for %, 百分之, 个百分点; `money` for currency units; `year`,
//! `date`, `range` as above; `cardinal` for the rest.
//!
//! # What is not a mention (SPEC §2.2)
//! Any span covered by a lexicon phrase (一府一委两院, 两个确立, 十四五 …,
//! found at the number starts by the same scan: `phrases.rs`);
//! the set words of `data/words.toml` (一系列, 统一, 进一步 …) and the
//! idioms of `data/idioms.txt` (危机四伏, 三心二意: jieba's idioms that hold
//! a numeral, less those that state a quantity, such as 翻一番) and the
//! place names of `data/places.txt` (六盘水, 十堰市); Chinese
//! numerals with neither a unit, nor a prefix, nor a form, nor a magnitude
//! (一是, 一体化); a bare 百/千/万 without an approximation (百姓, 千万不要);
//! 一 as a determiner (这一年); digits glued to Latin letters (G20, 5G);
//! clock times; counts inside short quotations (“两件大事”).
//!
//! # Data
//! Units and word lists are data files of this crate (`data/units.tsv`,
//! `data/words.toml`, `data/idioms.txt`, `data/places.txt`), read once per
//! process (`vocab.rs`).

use std::ops::Range;

use crate::charscan::CharScanner;
use crate::error::Error;
use crate::lexicon::{Entry, Lexicon};
use crate::matcher::{Matcher, MatcherBuilder};
use crate::pieces::{
    for_each_piece, map_pieces_in_order, sentence_pieces_where, PieceStart, PIECE,
};
use phrases::NumeralPhrases;

mod affixes;
mod dates;
mod mention;
mod not_mentions;
pub mod numeral;
mod phrases;
mod placeholder;
mod quote;
mod read;
mod subject;
#[cfg(test)]
mod tests;
mod text;
mod totals;
mod types;
mod vocab;
mod word_index;

pub use totals::{numbers_by_subject, SubjectTotal};
pub use types::{
    CompactString, NumberKind, NumberMention, NumberRecord, NumberRecordRef, NumberValue,
};

/// Byte spans of a text, in text order.
type Spans = Vec<Range<usize>>;

/// Marks that join the two ends of a range.
pub(crate) const RANGE_MARKS: &[char] = &['-', '—', '–', '~', '～', '至', '到', '－'];

/// Finds numeric mentions. Built once from a lexicon (whose phrases are
/// never mentions); cheap to clone and `Send + Sync`.
///
/// ```
/// use tifa_core::{Lexicon, NumberExtractor, NumberKind};
/// let ex = NumberExtractor::new(&Lexicon::builtin())?;
/// let found = ex.extract("全年召开常委会会议7次，依法任免国家机关工作人员50人次，坚持一府一委两院。");
/// assert_eq!(found.len(), 2);
/// assert_eq!((found[0].text.as_str(), found[0].kind), ("7次", NumberKind::Cardinal));
/// assert_eq!(found[0].subject.as_deref(), Some("常委会会议"));
/// assert_eq!(found[1].unit.as_deref(), Some("人次"));
/// assert_eq!(found[1].subject.as_deref(), Some("国家机关工作人员"));
/// # Ok::<(), tifa_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct NumberExtractor {
    /// The lexicon's phrases that hold a numeral (none: no phrase to keep
    /// out): where a text may be cut, and the reference the tests and the
    /// fuzz target hold the search below to.
    matcher: Option<Matcher>,
    /// The same phrases, searched for at the number starts, each anchored
    /// on a numeral (`phrases.rs`)…
    anchored: NumeralPhrases,
    /// …but for the forms without a numeral (a variant may have none),
    /// found by this matcher (overlapping: every occurrence).
    unanchored: Option<Matcher>,
    /// By the number-start scan's index: the anchor its char stands for,
    /// if some phrase is anchored on it.
    anchor_of: Vec<Option<phrases::Anchor>>,
}

impl NumberExtractor {
    /// An extractor that treats the phrases of `lexicon` as set phrases.
    ///
    /// Only phrases that hold a numeral (一府一委两院, 十四五, 四个意识; a
    /// digit, a Chinese numeral or an `x`, in any form) can hold a number,
    /// so only they are searched for, and each at the number starts that
    /// extraction finds anyway (anchored on a numeral: `phrases.rs`), not
    /// by a pass of the matcher over every char. Only forms without a
    /// numeral (a variant may have none) are left to a matcher's pass.
    pub fn new(lexicon: &Lexicon) -> Result<NumberExtractor, Error> {
        let holds_numeral = |form: &String| form.chars().any(|c| is_start(text::number_char(c)));
        let entries: Vec<Entry> = lexicon
            .entries()
            .iter()
            .filter(|e| {
                std::iter::once(&e.phrase)
                    .chain(&e.variants)
                    .any(holds_numeral)
            })
            .map(|e| Entry {
                members: Vec::new(),
                ..e.clone()
            })
            .collect();
        // `is_start` of the folded chars: a form was kept above for a char
        // whose `number_char` starts a number, which is its fold, or 〇 for
        // ○, itself a start: every kept form has a char to anchor on but a
        // variant without a numeral.
        let forms = entries.iter().flat_map(Entry::forms);
        let (anchored, rest) = NumeralPhrases::new(forms, is_start, scan_reports);
        let unanchored = if rest.is_empty() {
            None
        } else {
            let rest = rest
                .into_iter()
                .map(|form| Entry::new(form, "numeral phrase"))
                .collect();
            let rest = Lexicon::from_entries(rest, "<numeral phrases left to the matcher>")?;
            Some(
                MatcherBuilder::new()
                    .expansions(false)
                    .overlapping(true)
                    .build(&rest)?,
            )
        };
        let matcher = if entries.is_empty() {
            None
        } else {
            let phrases = Lexicon::from_entries(entries, "<numeral phrases>")?;
            Some(MatcherBuilder::new().expansions(false).build(&phrases)?)
        };
        let anchor_of = start_scan()
            .scanner
            .chars()
            .iter()
            .map(|&c| anchored.anchor(c))
            .collect();
        Ok(NumberExtractor {
            matcher,
            anchored,
            unanchored,
            anchor_of,
        })
    }

    /// [`NumberExtractor::extract`], piece by piece — pieces of about a
    /// MiB, cut right after a 。 that no rule reads across — asking `stop`
    /// before each piece: `None` as soon as it says to stop. For a caller
    /// whose work may be abandoned (a server request that timed out); the
    /// mentions are those of `extract` (tested on every fixture).
    pub fn extract_until(
        &self,
        text: &str,
        stop: impl FnMut() -> bool,
    ) -> Option<Vec<NumberMention>> {
        self.extract_in_pieces(text, PIECE, stop)
    }

    /// The mentions of [`NumberExtractor::extract`] handed to `each` a
    /// piece at a time (pieces of about a MiB, cut as `extract_until` cuts),
    /// in text order, with offsets in the whole text: a long document's
    /// mentions are printed as they are found, never all held at once. The
    /// pieces are worked on `threads` threads (a few pieces ahead of the
    /// one handed over at most).
    pub fn extract_by_piece(
        &self,
        text: &str,
        threads: usize,
        each: impl FnMut(Vec<NumberMention>),
    ) {
        let work = |piece: &str, at: PieceStart| self.extract_piece(piece, at);
        map_pieces_in_order(text, self.pieces(text, PIECE), threads, work, each);
    }

    /// [`NumberExtractor::extract`] in pieces of at least `size` bytes, cut
    /// as `extract_until` cuts, on `threads` threads: for the fuzz target
    /// and tests, which check that pieces give the whole text's mentions.
    #[doc(hidden)]
    pub fn extract_in_pieces_on(
        &self,
        text: &str,
        size: usize,
        threads: usize,
    ) -> Vec<NumberMention> {
        let mut out = Vec::new();
        let work = |piece: &str, at: PieceStart| self.extract_piece(piece, at);
        map_pieces_in_order(text, self.pieces(text, size), threads, work, |m| {
            out.extend(m)
        });
        out
    }

    /// The numeral phrases' spans as extraction finds them (anchored at
    /// the number starts) and as a matcher's pass over every char finds
    /// them: for the fuzz target and tests, which check that the two are
    /// the same.
    #[doc(hidden)]
    pub fn numeral_phrases_both_ways(&self, text: &str) -> (Spans, Spans) {
        let matched = self
            .matcher
            .as_ref()
            .map_or_else(Vec::new, |m| m.literal_spans(text));
        (self.starts_and_phrases(text, &mut Vec::new()), matched)
    }

    fn extract_in_pieces(
        &self,
        text: &str,
        size: usize,
        stop: impl FnMut() -> bool,
    ) -> Option<Vec<NumberMention>> {
        let mut out = Vec::new();
        let done = for_each_piece(text, self.pieces(text, size), stop, |piece, at| {
            out.extend(self.extract_piece(piece, at))
        });
        done.then_some(out)
    }

    /// The mentions of a piece starting at `at`, with offsets in the whole
    /// text.
    fn extract_piece(&self, piece: &str, at: PieceStart) -> Vec<NumberMention> {
        let mut found = self.extract(piece);
        for m in &mut found {
            m.start += at.byte;
            m.end += at.byte;
            m.char_start += at.char;
            m.char_end += at.char;
        }
        found
    }

    /// The pieces a long text may be extracted in. The grammar reads no
    /// further than a clause, except for two rules: a short quotation is
    /// looked for up to 17 chars around a number (“两件大事。”), and a
    /// numeral phrase of the lexicon may hold a 。. So a text is cut only
    /// after a 。 with no quotation mark within that reach, and not at all
    /// when a numeral phrase holds a 。.
    fn pieces<'t>(
        &self,
        text: &'t str,
        size: usize,
    ) -> Box<dyn Iterator<Item = Range<usize>> + 't> {
        if self.matcher.as_ref().is_some_and(|m| !m.splittable()) {
            return Box::new(std::iter::once(0..text.len()));
        }
        Box::new(sentence_pieces_where(text, size, move |cut| {
            !quote::a_quote_mark_near(text, cut)
        }))
    }

    /// Every mention in `text`, in text order.
    pub fn extract(&self, text: &str) -> Vec<NumberMention> {
        // The starts of the last text extracted on this thread: a piece's
        // starts take ~128 KiB, which malloc would map and unmap for each.
        thread_local! {
            static STARTS: std::cell::Cell<Vec<usize>> = const { std::cell::Cell::new(Vec::new()) };
        }
        let mut starts = STARTS.take();
        let mut phrases = self.starts_and_phrases(text, &mut starts);
        // A phrase that starts inside a run of numerals is not that phrase
        // (二十四五人: 24-25 people, not the plan 十四五).
        phrases.retain(|p| {
            !(starts_a_number(text, p.start) && read::continues_a_numeral(text, p.start))
        });
        // Room for the mentions up front, rather than moving them each time
        // the vector grows: about one start in four makes one (24 K of 88 K
        // on the benchmark's 7 MB slice; a number of n digits has n starts).
        let mut out = Vec::with_capacity(starts.len() / 3);
        let mut pos = 0;
        let mut next_phrase = 0;
        let (mut char_byte, mut char_count) = (0usize, 0usize);
        // The end of the last mention (or phrase): no prefix reaches before it.
        let mut floor = 0usize;
        for &at in &starts {
            if at < pos {
                continue;
            }
            pos = at;
            while next_phrase < phrases.len() && phrases[next_phrase].end <= pos {
                next_phrase += 1;
            }
            if let Some(p) = phrases.get(next_phrase) {
                if p.start <= pos {
                    pos = p.end;
                    floor = p.end;
                    continue;
                }
            }
            let limit = phrases.get(next_phrase).map_or(text.len(), |p| p.start);
            if let Some(mut m) = mention::mention_at(text, floor, pos, limit) {
                floor = m.end;
                pos = m.end;
                char_count += bytecount::num_chars(&text.as_bytes()[char_byte..m.start]);
                char_byte = m.start;
                m.char_start = char_count;
                m.char_end = char_count + bytecount::num_chars(m.text.as_bytes());
                out.push(m);
            }
        }
        STARTS.set(starts);
        dates::carry_the_month(text, &mut out);
        out
    }

    /// Where a number can start in `text` (most characters start none),
    /// found by a byte-pair scan instead of decoding every character, into
    /// `starts` (cleared first); and the spans of the numeral phrases,
    /// leftmost-longest, in text order: looked for at those starts as they
    /// are found (the text is then in cache), with the occurrences of the
    /// forms left to the matcher.
    fn starts_and_phrases(&self, text: &str, starts: &mut Vec<usize>) -> Spans {
        starts.clear();
        // About one char in 27 of a report starts a number.
        starts.reserve(text.len() / 64);
        let mut phrases = self
            .unanchored
            .as_ref()
            .map_or_else(Vec::new, |m| m.literal_spans(text));
        let StartScan {
            scanner,
            starts_number,
        } = start_scan();
        scanner.scan(text, |at, k| {
            if starts_number.get(k) == Some(&true) {
                starts.push(at);
            }
            if let Some(&Some(anchor)) = self.anchor_of.get(k) {
                self.anchored.occurrences_at(text, at, anchor, &mut phrases);
            }
        });
        phrases::leftmost_longest(&mut phrases);
        phrases
    }
}

fn starts_a_number(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(read::is_number_start)
}

fn is_start(c: char) -> bool {
    read::is_number_start(c) || matches!(c, 'x' | 'X')
}

/// The number-start scan: the chars a mention can start with, and the
/// other spellings of them that start none (韆 folds to 千, ｘ to x), where
/// the numeral phrases anchored on those chars may be too.
struct StartScan {
    scanner: CharScanner,
    /// By the scanner's index: does a number start with that char?
    starts_number: Vec<bool>,
}

/// The number-start scan, built once per process.
fn start_scan() -> &'static StartScan {
    static SCAN: std::sync::OnceLock<StartScan> = std::sync::OnceLock::new();
    SCAN.get_or_init(|| {
        // Every start character is in the BMP (digits, 一…九, 十百千万亿, x).
        let starts = (0u32..0x10000)
            .filter_map(char::from_u32)
            .filter(|&c| is_start(c));
        let mut chars: Vec<char> = starts.flat_map(phrases::spellings).collect();
        chars.sort_unstable();
        chars.dedup();
        let starts_number = chars.iter().map(|&c| is_start(c)).collect();
        // Number starts are dense (一 alone is one character in 160): the
        // pair table, not the SIMD searchers.
        StartScan {
            scanner: CharScanner::by_pairs(chars),
            starts_number,
        }
    })
}

/// Does the number-start scan report `c` (a number start, or another
/// spelling of one)?
fn scan_reports(c: char) -> bool {
    start_scan().scanner.index(c).is_some()
}

/// A mention of `text[start..end]` with no value yet.
fn mention(text: &str, start: usize, end: usize, kind: NumberKind) -> NumberMention {
    NumberMention {
        text: text[start..end].into(),
        start,
        end,
        char_start: 0,
        char_end: 0,
        kind,
        value: None,
        value_high: None,
        unit: None,
        approx: None,
        placeholder: false,
        subject: None,
    }
}
