//! Word sets for the stages' data files (time words, reporting verbs, titles ...).
//!
//! Every token of a story is looked up in several small sets, and most tokens are in none of
//! them; under `perf` the lookups (SipHash hashing above all) were the largest cost of the
//! time and quote stages. A [`WordSet`] hashes with `foldhash` and refuses most misses
//! before hashing, by length and first byte.

/// A `HashMap` with a fast, non-cryptographic hasher: for tables built from dyad's own data
/// files, where text only looks keys up, so hash flooding is no concern.
pub type FastMap<K, V> = foldhash::HashMap<K, V>;

/// A set of (lower-case) words with a cheap pre-test before the hash lookup.
#[derive(Clone, Debug, Default)]
pub struct WordSet {
    words: foldhash::HashSet<String>,
    /// Bit `b & 127` set when some member starts with byte `b`.
    first: u128,
    /// Bit `min(len, 63)` set when some member has that length in bytes.
    lens: u64,
}

impl WordSet {
    /// Adds a word.
    pub fn insert(&mut self, w: String) {
        self.first |= 1u128 << (w.as_bytes().first().copied().unwrap_or(0) & 127);
        self.lens |= 1u64 << w.len().min(63);
        self.words.insert(w);
    }

    /// Whether `w` is a member.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        let b = w.as_bytes().first().copied().unwrap_or(0);
        self.first & (1u128 << (b & 127)) != 0
            && self.lens & (1u64 << w.len().min(63)) != 0
            && self.words.contains(w)
    }

    /// Whether the set has no member.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The members, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
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
        let mut set = WordSet::default();
        set.extend(iter);
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_found_and_misses_refused() {
        let set: WordSet = ["said", "told", "é", ""]
            .map(String::from)
            .into_iter()
            .collect();
        assert!(set.contains("said") && set.contains("told") && set.contains("é"));
        assert!(set.contains(""));
        // Same length and first byte as a member, and neither.
        assert!(!set.contains("sand") && !set.contains("tall") && !set.contains("says"));
        assert_eq!(set.len(), 4);
        let long = "x".repeat(100);
        let mut set = set;
        set.insert(long.clone());
        assert!(set.contains(&long) && !set.contains(&"x".repeat(99)));
    }
}
