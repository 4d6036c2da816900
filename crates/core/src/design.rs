//! # How tifa-core searches, and why it is exact
//!
//! Design notes for readers of the source and for anyone who wants to know
//! why a count can be trusted. The code is in `engine.rs` (the search and
//! the exactness argument below), `sieve.rs` (the shift-or strategy) and
//! `charscan.rs` (finding watched characters).
//!
//! ## Exactness: fold the patterns, not the text
//!
//! ### The problem
//! SPEC §1.2 defines matches on the *folded* text N (every character folded
//! by [`crate::fold::fold_char`], ignorable ones removed), with spans mapped
//! back to the raw text T. Folding every document before searching would
//! cost a copy and a table look-up per character, and nearly all characters
//! of a real report fold to themselves.
//!
//! ### The approach
//! The automaton holds the folded patterns and runs over the raw text. The
//! *raw pass* also reports every *watched* character: every character that
//! folds to something else and could matter — every ignorable character, and
//! every traditional or full-width character whose folded form occurs in
//! some pattern. Three ways, by strategy: the aho-corasick strategies
//! ([`crate::Strategy::Dfa`] and the NFAs) hold one one-character *watch pattern*
//! per watched character in the same automaton, so one pass reports both;
//! [`crate::Strategy::Prefiltered`] and [`crate::Strategy::DoubleArray`] search the
//! patterns alone, which keeps the automaton's prefilter (every line break
//! would defeat it), and a the character scanner (`charscan.rs`) finds the watched characters, the
//! two streams merged by position; [`crate::Strategy::ShiftOr`]'s sieve reports
//! both from one table of byte pairs; [`crate::Strategy::Anchored`] tests the
//! watched characters outside the ideographs at every character and finds
//! the traditional forms through its anchors (below). Either way the pattern matches are the
//! same: a watched character never occurs inside a folded pattern, so
//! searching for it beside the patterns changes no pattern match; the watch
//! hits only report where the raw text differs from N.
//!
//! A watched character is *harmless* when no occurrence of any pattern in N
//! covers it (for an ignorable run: crosses it). That is decided by an
//! overlapping search over a small folded window around it (at most
//! `max_chars - 1` characters each side). Harmless ignorable runs are *cuts*:
//! no match in N or in T crosses them, so leftmost-longest matching over the
//! whole text is the concatenation of leftmost-longest matching over the
//! pieces between cuts. A piece whose watched characters are all harmless
//! has exactly the same matches in T as in N, so the raw pass's hits are
//! final. A piece that holds a harmful watched character (a phrase broken
//! by a line break, a traditional phrase) is folded and searched again; in
//! practice that is one paragraph here and there.
//!
//! Strict mode has no folding and no watch patterns: one raw pass.
//!
//! ## The shift-or sieve
//!
//! The shift-or strategy: one pass that finds where a pattern may start and
//! where a watched character may be, then checks each place exactly.
//!
//! ### Why
//! On Chinese text a lexicon of a hundred phrases defeats the SIMD
//! prefilters (their fingerprints are a few bytes, and the lead and first
//! continuation byte of a CJK character say little about it), and an
//! automaton that reads every byte runs at about half a gigabyte a second.
//! A table of byte pairs tells much more: the last two bytes of a
//! three-byte character fix 12 of its bits. This is the filter of
//! Salmela, Tarhio and Kytöjoki's SOG (shift-or with q-grams, daachorse's
//! prefilter) with two changes for tifa: the same table also flags watched
//! characters (see "Exactness" above), so one pass replaces the automaton's
//! watch patterns or a second scan; and it carries no state from pair to
//! pair: 64 entries are looked up, then tested with element-wise loops
//! over 16-bit lanes that the compiler vectorizes.
//!
//! ### How
//! Let `w` be the length in bytes of the shortest pattern, at most 9, and
//! `K = w - 2`. For each byte pair `t[p..p + 2]`, the 16-bit entry
//! `v = table[pair]` holds:
//! - bits `0..=K`: bit `j` is 0 when the pair occurs at offset `j` of some
//!   pattern. A pattern can start at `s` only if bit `j` of `v(s + j)` is 0
//!   for every `j ≤ K`, because every pattern's first `w` bytes hold `K + 1`
//!   pairs. Those places are *candidates*: the patterns that begin with
//!   the candidate's first `w` bytes are found by one hash look-up and
//!   compared, longest first.
//! - bit `12 + c`: the pair can be the *last* two bytes of a watched
//!   character of colour `c` (a one-byte character `x` and any byte after
//!   it; the two bytes of a two-byte one); bit `8 + c`: the pair can be the
//!   two bytes *before* those (for a three-byte character its first two;
//!   for a one-byte one, any byte and `x`). A watched character ends a pair
//!   with a last bit whose predecessor has the before bit of the same
//!   colour; there it is decoded and looked up. The colour (0–3) of a
//!   three-byte character is its lead byte's low two bits (of a four-byte
//!   one its second byte's; one- and two-byte characters have colour 0):
//!   without colours,
//!   U+3000 (ideographic space, E3 80 80) and U+2001 (E2 80 81) would flag
//!   every 、 (E3 80 81), and so for 。《》「」, a million false flags in 70
//!   MB of reports.
//!
//! Candidates and watched characters come out in text order: a real
//! watched character never lies inside a real pattern occurrence, and
//! either is flagged at most `K` bytes after its start.
//!
//! ## The anchored finder
//!
//! `anchor.rs` finds each pattern through its rarest six bytes (for Chinese,
//! its rarest pair of characters by their counts in government reports),
//! probing a bit table at every character start; the module docs say how
//! and what it measured. Two points bear on exactness.
//!
//! *Every occurrence, then leftmost-longest.* Every raw occurrence of a
//! pattern holds the pattern's anchor at a fixed offset, and every character
//! start is probed, so every raw occurrence is found (each place the bit
//! table flags is checked against the patterns anchored on those bytes).
//! Occurrences are buffered until no later anchor can give an earlier start
//! (the scan is more than three times the longest anchor offset past them:
//! a folded run with full-width forms is longer than its pattern) and then
//! taken greedily by start, longest first, skipping those that start inside
//! the last one taken: that is the definition of leftmost-longest.
//!
//! *Which watched characters are reported.* It does not report every
//! watched character: testing each ideograph of the text cost a third of
//! the scan, and among ideographs the only watched ones are traditional
//! forms. It reports every watched character outside U+4000–U+9FFF (white
//! space, zero-width, full-width, compatibility and four-byte forms), and a
//! traditional form in that block when it lies in a run of characters that
//! folds to a pattern and holds nothing but the pattern's own characters and
//! their traditional forms in that block (no ignorable, no full-width or
//! other form the scan reports itself). Such a run holds, at the pattern's
//! anchor offset, one *spelling* of the anchor (each character as itself or
//! one of its traditional forms in the block); every spelling is a key of
//! the table, and where one is found the pattern is compared folded
//! character by character, and the traditional forms of the run are
//! reported. (In other runs it may report them too, or not.)
//!
//! That this suffices: a traditional form that lies in no occurrence in N
//! is harmless (above) whether reported or not, since it is not ignorable
//! and folding it changes no other character. Take one that lies in an
//! occurrence in N. If the occurrence's raw span holds an ignorable run,
//! that run is reported and crossed by the occurrence, so it is no cut, and
//! the piece holding it, which holds the whole occurrence, is folded and
//! searched again. If the span holds another character the scan reports
//! (a full-width form, a four-byte traditional form), that character is
//! covered by the occurrence, so harmful, and its piece is searched again
//! the same way. Otherwise the span is a run as above, and the traditional
//! form itself is reported. (`crates/core/tests/anchored_finder.rs` checks
//! each case against the aho-corasick strategy and a plain reference.)
//!
//! ## Finding watched characters
//!
//! Finding the characters of a fixed set in a text, in one fast pass.
//!
//! Two users: a normalizing search must learn where the raw text holds a
//! *watched* character (white space, zero-width, or a traditional or
//! full-width form of a pattern character; see "Exactness" above). Putting
//! them into the phrase automaton as one-character patterns costs that
//! automaton its prefilter (every line break is a candidate), so the
//! strategies that keep the prefilter find them apart, with this scanner,
//! and merge them with the phrase hits by position. And number extraction
//! finds the characters a number can start with (digits, 一…九, 十) here
//! instead of decoding every character.
//!
//! ### How
//! Every byte position `i` is tested by one entry of a 64 Ki-entry table
//! indexed by the byte pair `text[i..i + 2]`. The table is built so that
//! each character of the set marks a pair it is sure to produce at a known
//! place: a one-byte character `c` at `s` produces `(c, next)`; a two-byte
//! one its own two bytes at `s`; a three- or four-byte one its *last two*
//! bytes, two continuation bytes, which no pair across a character boundary
//! can equal (a boundary pair always holds a lead or ASCII byte second).
//! The pair of continuation bytes tells a CJK character apart from all but
//! the few that share its low 12 bits, so false hits are rare; a hit is
//! confirmed by decoding the one character there and looking it up. The
//! text is read eight positions at a time, with one branch per eight.
//! (Measured alternatives: pairs at even positions only, 1.36 against 1.83
//! GB/s, more false hits; a bit table, slower; one or two u64 loads split by
//! shifts, within the noise, 0–5% in `examples/engines.rs tifa-da`.)
