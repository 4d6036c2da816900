//! How common a stretch of pattern text is in government reports: the
//! ranking by which each pattern's anchor is chosen. Read once from
//! `frequencies.tsv` (written by `scripts/anchor-frequencies.py`).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// Character and pair counts in the reference reports.
pub(crate) struct Frequencies {
    chars: FxHashMap<char, u64>,
    pairs: FxHashMap<(char, char), u64>,
    /// Characters counted.
    total: u64,
    /// Pairs seen fewer times than this are not in the table.
    min_pair: u64,
}

static FREQUENCIES: LazyLock<Frequencies> =
    LazyLock::new(|| Frequencies::parse(include_str!("frequencies.tsv")));

impl Frequencies {
    /// The table shipped with tifa.
    pub(crate) fn shipped() -> &'static Frequencies {
        &FREQUENCIES
    }

    fn parse(data: &str) -> Frequencies {
        let mut f = Frequencies {
            chars: FxHashMap::default(),
            pairs: FxHashMap::default(),
            total: 1,
            min_pair: u64::MAX,
        };
        for line in data.lines() {
            let Some((key, n)) = line.split_once('\t') else {
                continue;
            };
            let Ok(n) = n.parse::<u64>() else { continue };
            if key == "#total" {
                f.total = n.max(1);
                continue;
            }
            let mut cs = key.chars();
            match (cs.next(), cs.next(), cs.next()) {
                (Some(c), None, _) => {
                    f.chars.insert(c, n);
                }
                (Some(a), Some(b), None) => {
                    f.pairs.insert((a, b), n);
                    f.min_pair = f.min_pair.min(n);
                }
                _ => {}
            }
        }
        if f.min_pair == u64::MAX {
            f.min_pair = 1;
        }
        f
    }

    /// The expected count of `a` followed by `b`: the table's count, or, for
    /// a pair the table lacks (seen fewer than `min_pair` times), the count
    /// independence predicts, capped below `min_pair`.
    pub(crate) fn pair(&self, a: char, b: char) -> f64 {
        if let Some(&n) = self.pairs.get(&(a, b)) {
            return n as f64;
        }
        let ca = self.char(a);
        let cb = self.char(b);
        (ca * cb / self.total as f64).min(self.min_pair as f64 - 0.5)
    }

    /// The count of `c` (0 for a character never seen).
    pub(crate) fn char(&self, c: char) -> f64 {
        self.chars.get(&c).copied().unwrap_or(0) as f64
    }

    /// The expected count of the characters `chars` (the whole ones of an
    /// anchor window): that of its rarest adjacent pair, or of its one
    /// character.
    pub(crate) fn stretch(&self, chars: &[char]) -> f64 {
        match chars {
            [] => 0.0,
            [c] => self.char(*c),
            _ => chars
                .windows(2)
                .map(|w| self.pair(w[0], w[1]))
                .fold(f64::INFINITY, f64::min),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_pairs_rank_above_rare_ones() {
        let f = Frequencies::shipped();
        assert!(f.total > 100_000);
        assert!(f.pair('人', '民') > 100.0 * f.pair('专', '政').max(1.0));
        assert!(f.pair('发', '展') > f.pair('机', '关'));
        // A pair never seen is rarer than any pair in the table.
        assert!(f.pair('鑫', '龘') < f.min_pair as f64);
        assert_eq!(f.stretch(&['人']), f.char('人'));
        assert_eq!(f.stretch(&['人', '民', '专']), f.pair('民', '专'));
    }
}
