//! A pattern's bytes, kept for checking a candidate place quickly.

/// A pattern, with its first 16 bytes in a u128 so that most comparisons
/// are one load and one compare instead of a `memcmp` call.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    pub(crate) bytes: Box<[u8]>,
    head: u128,
    /// The bits of `head` that hold pattern bytes.
    mask: u128,
}

impl Pattern {
    pub(crate) fn new(bytes: &[u8]) -> Pattern {
        let n = bytes.len().min(16);
        let mut head = [0u8; 16];
        head[..n].copy_from_slice(&bytes[..n]);
        Pattern {
            bytes: bytes.into(),
            head: u128::from_le_bytes(head),
            mask: if n == 16 {
                u128::MAX
            } else {
                (1u128 << (8 * n)) - 1
            },
        }
    }

    /// Does `rest` begin with the pattern?
    #[inline]
    pub(crate) fn starts(&self, rest: &[u8]) -> bool {
        match rest.first_chunk::<16>() {
            Some(chunk) => {
                u128::from_le_bytes(*chunk) & self.mask == self.head
                    && (self.bytes.len() <= 16 || rest.starts_with(&self.bytes))
            }
            None => rest.starts_with(&self.bytes),
        }
    }
}
