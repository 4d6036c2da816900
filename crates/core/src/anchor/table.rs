//! The anchors by key: an open-addressing table of keys, each pointing at
//! its run of entries in one flat array, every entry holding its pattern's
//! first bytes. A candidate then costs two memory reads (its slot, its
//! entries) instead of a hash map's control bytes, bucket, list and
//! pattern: on a lexicon of 5,000 n-grams, where candidates are dense,
//! those misses were most of the check.

use crate::pattern::Pattern;

/// A pattern as reached from one spelling of its anchor.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    /// The pattern's first 16 bytes and their mask ([`Pattern`]).
    pub(super) head: Pattern,
    pub(super) pid: u32,
    /// Where the anchor lies in the pattern, in bytes.
    pub(super) offset: u32,
    /// The key is the pattern's own bytes (else a spelling with a
    /// traditional form: only a folded comparison can succeed).
    pub(super) own: bool,
    /// Some character of the pattern has a traditional form the scan does
    /// not test: when the raw comparison fails, compare folded.
    pub(super) fold: bool,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    first: u32,
    /// 0: an empty slot.
    count: u32,
}

/// Keys to runs of entries.
pub(super) struct KeyTable {
    slots: Box<[Slot]>,
    shift: u32,
    entries: Box<[Entry]>,
}

/// A second multiplier, so that keys sharing a bit of the filter do not
/// also share a slot.
const SLOT_MUL: u64 = 0xD6E8_FEB8_6659_FD93;

impl KeyTable {
    /// The table of `(key, entry)` pairs (in any order).
    pub(super) fn new(mut pairs: Vec<(u64, Entry)>) -> KeyTable {
        pairs.sort_by_key(|(k, _)| *k);
        let mut keys: Vec<(u64, u32, u32)> = Vec::new();
        for (i, (k, _)) in pairs.iter().enumerate() {
            match keys.last_mut() {
                Some(last) if last.0 == *k => last.2 += 1,
                _ => keys.push((*k, i as u32, 1)),
            }
        }
        let n_slots = (keys.len() * 2).next_power_of_two().max(16);
        let shift = 64 - n_slots.trailing_zeros();
        let mut slots = vec![Slot::default(); n_slots].into_boxed_slice();
        for (key, first, count) in keys {
            let mut s = slot_of(key, shift);
            while slots[s].count != 0 {
                s = (s + 1) & (n_slots - 1);
            }
            slots[s] = Slot { key, first, count };
        }
        KeyTable {
            slots,
            shift,
            entries: pairs.into_iter().map(|(_, e)| e).collect(),
        }
    }

    /// The entries of `key` (empty if none).
    #[inline]
    pub(super) fn get(&self, key: u64) -> &[Entry] {
        let mask = self.slots.len() - 1;
        let mut s = slot_of(key, self.shift);
        loop {
            let slot = self.slots[s];
            if slot.count == 0 {
                return &[];
            }
            if slot.key == key {
                let first = slot.first as usize;
                return self
                    .entries
                    .get(first..first + slot.count as usize)
                    .unwrap_or(&[]);
            }
            s = (s + 1) & mask;
        }
    }

    /// Distinct keys.
    pub(super) fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.slots.iter().filter(|s| s.count != 0).map(|s| s.key)
    }
}

#[inline(always)]
fn slot_of(key: u64, shift: u32) -> usize {
    (key.wrapping_mul(SLOT_MUL) >> shift) as usize
}
