//! A set of characters of the Basic Multilingual Plane, one bit each
//! (8 KiB): the one-load test the hot loops use to reject almost every
//! character before a hash or a search (does it fold? may it start a pair
//! of a pattern? is it watched?). Characters above the BMP are never
//! members; callers decide what they mean for them.

/// One bit per BMP character.
#[derive(Clone)]
pub(crate) struct BmpSet(Box<[u64; 1024]>);

impl BmpSet {
    /// The empty set.
    pub(crate) fn new() -> BmpSet {
        BmpSet(Box::new([0u64; 1024]))
    }

    /// Adds `c` (a character above the BMP is not added).
    pub(crate) fn insert(&mut self, c: char) {
        let cp = c as usize;
        if cp < 0x10000 {
            self.0[cp >> 6] |= 1 << (cp & 63);
        }
    }

    /// Adds the 16-bit code `cp` (a BMP code point, or any 16-bit key a
    /// caller indexes the set by).
    pub(crate) fn insert_bmp_code(&mut self, cp: u16) {
        let cp = usize::from(cp);
        self.0[cp >> 6] |= 1 << (cp & 63);
    }

    /// Is `c` in the set? False above the BMP.
    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let cp = c as usize;
        cp < 0x10000 && self.0[cp >> 6] >> (cp & 63) & 1 == 1
    }

    /// Is the BMP code point `cp` (below 0x10000) in the set? For loops
    /// that decode three-byte characters themselves.
    #[inline(always)]
    pub(crate) fn contains_bmp_code(&self, cp: u16) -> bool {
        let cp = usize::from(cp);
        self.0[cp >> 6] >> (cp & 63) & 1 == 1
    }
}

impl FromIterator<char> for BmpSet {
    fn from_iter<I: IntoIterator<Item = char>>(chars: I) -> BmpSet {
        let mut set = BmpSet::new();
        chars.into_iter().for_each(|c| set.insert(c));
        set
    }
}

impl std::fmt::Debug for BmpSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n: u32 = self.0.iter().map(|w| w.count_ones()).sum();
        write!(f, "BmpSet({n} chars)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_at_every_word_edge() {
        let chars = ['\0', '?', '@', '一', '\u{FFFF}', '两', '\u{3000}'];
        let set: BmpSet = chars.iter().copied().collect();
        for c in chars {
            assert!(set.contains(c), "{c:?}");
        }
        for c in ['A', '二', '\u{FFFE}', '𠀀'] {
            assert!(!set.contains(c), "{c:?}");
        }
        let mut above = BmpSet::new();
        above.insert('𠀀');
        assert!(!above.contains('𠀀'));
    }
}
