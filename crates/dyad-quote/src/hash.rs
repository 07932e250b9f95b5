//! A fast hasher for the word tables.
//!
//! Every token is looked up in several small word sets; with the standard library's SipHash
//! the hashing alone was the largest cost of this stage under `perf`. The keys are short
//! words and the tables are built from our own data files (text only ever *looks up*, never
//! inserts), so hash flooding cannot degrade them and a simple multiplicative hash over
//! 8-byte words is enough.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashSet` with [`WordHasher`].
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<WordHasher>>;

/// Multiply-rotate hashing of 8 bytes at a time, with a final avalanche so that the low bits
/// (the bucket index) depend on every input byte.
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct WordHasher(u64);

/// An odd constant with well-spread bits (the 64-bit golden ratio).
const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        // The length keeps "a" and "a\0" apart.
        self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
    }

    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h ^= h >> 33;
        h
    }
}

#[cfg(test)]
mod hash_tests {
    use super::*;
    use std::hash::{BuildHasher, BuildHasherDefault};

    #[test]
    fn equal_words_hash_equal_and_different_words_spread() {
        let b = BuildHasherDefault::<WordHasher>::default();
        assert_eq!(
            b.hash_one("yesterday"),
            b.hash_one(String::from("yesterday"))
        );
        let words = [
            "a",
            "an",
            "a\0",
            "monday",
            "tuesday",
            "secretary general",
            "",
            "é",
        ];
        let hashes: FastSet<u64> = words.iter().map(|w| b.hash_one(w)).collect();
        assert_eq!(hashes.len(), words.len());
        // Low bits (the bucket index of small tables) differ across similar words.
        let low: FastSet<u64> = (0..64).map(|n| b.hash_one(format!("w{n}")) & 63).collect();
        assert!(low.len() > 30, "{}", low.len());
    }
}

/// A set of lower-case words with a cheap pre-test: most words looked up are in none of the
/// small sets, and a word whose length or first byte no member has is refused before it is
/// hashed (most words of a story are tested against several sets).
#[derive(Clone, Debug, Default)]
pub(crate) struct WordSet {
    words: FastSet<String>,
    /// Bit `b & 127` set when some member starts with byte `b`.
    first: u128,
    /// Bit `min(len, 63)` set when some member has that length in bytes.
    lens: u64,
}

impl WordSet {
    /// Adds a word.
    pub(crate) fn insert(&mut self, w: String) {
        self.first |= 1u128 << (w.as_bytes().first().copied().unwrap_or(0) & 127);
        self.lens |= 1u64 << w.len().min(63);
        self.words.insert(w);
    }

    /// Whether `w` is a member.
    #[inline]
    pub(crate) fn contains(&self, w: &str) -> bool {
        let b = w.as_bytes().first().copied().unwrap_or(0);
        self.first & (1u128 << (b & 127)) != 0
            && self.lens & (1u64 << w.len().min(63)) != 0
            && self.words.contains(w)
    }

    /// Whether the set has no member.
    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The members, in no particular order.
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }
}

impl Extend<String> for WordSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, iter: I) {
        for w in iter {
            self.insert(w);
        }
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> WordSet {
        let mut s = WordSet::default();
        for w in iter {
            s.insert(w);
        }
        s
    }
}

#[cfg(test)]
mod word_set_tests {
    use super::*;

    #[test]
    fn word_set_members_and_non_members() {
        let s: WordSet = ["will", "would", "going", "é", ""]
            .iter()
            .map(|w| w.to_string())
            .collect();
        for w in ["will", "would", "going", "é", ""] {
            assert!(s.contains(w), "{w:?}");
        }
        for w in ["wil", "willing", "said", "g", "è", "WILL"] {
            assert!(!s.contains(w), "{w:?}");
        }
        assert_eq!(s.iter().count(), 5);
    }
}
