//! The place-name finder: every gazetteer spelling, found case-sensitively in running text.
//!
//! A name can only be accepted where it starts a word (the guards in `Gazetteer::bounded`
//! reject any other start), so instead of an Aho-Corasick automaton over every byte — whose
//! build over ~60,000 spellings dominated start-up — names are bucketed by their *key*, the
//! run of ASCII letters and digits they open with ("San" for "San José", "U" for "U.S.",
//! "Moscow" for "Moscow"), and the text is probed only at word starts. Building is one hash
//! insert per spelling.
//!
//! The result is what a leftmost-longest automaton gives at word starts: at each probed
//! position the longest spelling that the text continues with, then the search resumes after
//! it. Any spelling that is a prefix of the text at a position shares the text's key there,
//! unless the spelling is all letters and digits and stops inside the text's run — and such a
//! match ends inside a word, which the guards reject anyway.

/// A `HashMap` with foldhash: SipHash costs more than the rest of a probe, and the keys come
/// from our own data and the text.
pub(crate) type FastMap<K, V> = foldhash::HashMap<K, V>;

/// The key of a spelling or of the text at a position: the leading run of ASCII letters and
/// digits, or the first character when there is none ("'s-Hertogenbosch" → "'").
fn key(s: &str) -> &str {
    let run = s
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(s.len());
    if run > 0 {
        &s[..run]
    } else {
        let first = s.chars().next().map_or(0, char::len_utf8);
        &s[..first]
    }
}

/// A spelling in its key's bucket, with what a probe needs to rule it out without reading
/// the spelling itself: the bytes after the key are compared eight at a time as one integer
/// (a bucket like "San" or "Al" holds hundreds of spellings, and a `memcmp` per spelling was
/// most of the search's time).
#[derive(Clone, Copy, Debug)]
struct Candidate {
    id: u32,
    /// The spelling's length in bytes.
    len: u32,
    /// Up to eight bytes of the spelling right after its key, little-endian, zero-padded.
    tail: u64,
    /// Which bytes of `tail` belong to the spelling.
    mask: u64,
}

/// Up to eight bytes of `b` from `at` as a little-endian integer, zero-padded.
fn eight(b: &[u8], at: usize) -> u64 {
    let mut buf = [0u8; 8];
    if let Some(rest) = b.get(at..) {
        let n = rest.len().min(8);
        buf[..n].copy_from_slice(&rest[..n]);
    }
    u64::from_le_bytes(buf)
}

/// The length of the key at the start of `b` (see [`key`]), without slicing.
fn key_len(s: &str) -> usize {
    let run = s
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(s.len());
    if run > 0 {
        run
    } else {
        s.chars().next().map_or(0, char::len_utf8)
    }
}

/// Whether each byte is an ASCII letter or digit (a table: the search tests every byte).
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Spellings bucketed by key; within a bucket, longest first.
#[derive(Debug, Default)]
pub(crate) struct NameIndex {
    buckets: FastMap<Box<str>, Vec<Candidate>>,
    /// Per first byte of a key, bit `min(len, 63)` set when some key starting with that byte
    /// has that length: most words of a text are ruled out here, before hashing (a byte no
    /// key starts with has no bit at all).
    key_lens: Box<[u64]>,
}

impl NameIndex {
    /// Indexes `names` (a name's id is its position).
    pub(crate) fn build<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> NameIndex {
        let mut buckets: FastMap<Box<str>, Vec<Candidate>> = FastMap::default();
        buckets.reserve(names.len() / 3);
        let mut key_lens = vec![0u64; 256];
        for (id, name) in names.enumerate() {
            let k = key(name);
            let Some(&b) = k.as_bytes().first() else {
                continue;
            };
            key_lens[b as usize] |= 1u64 << k.len().min(63);
            let after = name.len() - k.len();
            let mask = if after >= 8 {
                u64::MAX
            } else {
                (1u64 << (8 * after)) - 1
            };
            let c = Candidate {
                id: id as u32,
                len: name.len() as u32,
                tail: eight(name.as_bytes(), k.len()),
                mask,
            };
            match buckets.get_mut(k) {
                Some(v) => v.push(c),
                None => {
                    buckets.insert(k.into(), vec![c]);
                }
            }
        }
        for v in buckets.values_mut() {
            // Longest first, so the first that the text continues with is the match; equal
            // lengths keep their order.
            v.sort_by_key(|c| std::cmp::Reverse(c.len));
        }
        NameIndex {
            buckets,
            key_lens: key_lens.into_boxed_slice(),
        }
    }

    /// The longest name that `text[at..]` starts with: (id, end).
    pub(crate) fn longest_at<'n>(
        &self,
        text: &str,
        at: usize,
        name_of: impl Fn(u32) -> &'n str,
    ) -> Option<(u32, usize)> {
        let rest = text.get(at..)?;
        self.longest_with_key(rest, at, key_len(rest), name_of)
    }

    /// `longest_at` for `rest = text[at..]` whose key is `rest[..kl]`.
    fn longest_with_key<'n>(
        &self,
        rest: &str,
        at: usize,
        kl: usize,
        name_of: impl Fn(u32) -> &'n str,
    ) -> Option<(u32, usize)> {
        let &b = rest.as_bytes().first()?;
        if self.key_lens[b as usize] & (1u64 << kl.min(63)) == 0 {
            return None;
        }
        let bucket = self.buckets.get(rest.get(..kl)?)?;
        let tail = eight(rest.as_bytes(), kl);
        bucket
            .iter()
            .find(|c| {
                c.len as usize <= rest.len()
                    && tail & c.mask == c.tail
                    && rest.starts_with(name_of(c.id))
            })
            .map(|c| (c.id, at + c.len as usize))
    }

    /// Every match, left to right without overlap: at each position where a name may start
    /// (`may_start`), the longest name there; the search resumes after it. `may_start` must
    /// refuse every position right after an ASCII letter or digit: the search does not probe
    /// inside a run of them.
    pub(crate) fn find_all<'n>(
        &self,
        text: &str,
        may_start: impl Fn(&str, usize) -> bool,
        name_of: impl Fn(u32) -> &'n str + Copy,
    ) -> Vec<(usize, usize, u32)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            // The run of ASCII letters and digits here: the key when it is not empty. No
            // name starts inside it (`may_start` refuses a position after such a byte), so
            // the whole run is passed over when nothing starts at its first byte.
            let run = if ALNUM[b as usize] {
                let mut end = at + 1;
                while end < bytes.len() && ALNUM[bytes[end] as usize] {
                    end += 1;
                }
                end - at
            } else {
                0
            };
            let lens = self.key_lens[b as usize];
            // A run's key is the run itself: its length must be one some key has (cheaper
            // than the hash look-up that would refuse it).
            let possible = if run > 0 {
                lens & (1u64 << run.min(63)) != 0
            } else {
                lens != 0
            };
            if !possible || !text.is_char_boundary(at) || !may_start(text, at) {
                at += run.max(1);
                continue;
            }
            let rest = &text[at..];
            let kl = if run > 0 {
                run
            } else {
                rest.chars().next().map_or(0, char::len_utf8)
            };
            match self.longest_with_key(rest, at, kl, name_of) {
                Some((id, end)) => {
                    out.push((at, end, id));
                    at = end.max(at + 1);
                }
                None => {
                    // No name starts inside a run of letters and digits (the byte before
                    // would be one), so skip the run.
                    at += run.max(1);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(names: &[&'static str]) -> (NameIndex, Vec<&'static str>) {
        (NameIndex::build(names.iter().copied()), names.to_vec())
    }

    #[test]
    fn longest_name_at_word_starts() {
        let (ix, names) = index(&["New York", "New York City", "York", "U.S.", "Moscow"]);
        let name_of = |id: u32| names[id as usize];
        let anywhere = |_: &str, _: usize| true;
        let text = "In New York City and U.S.-led Moscow's York";
        let found: Vec<&str> = ix
            .find_all(text, anywhere, name_of)
            .iter()
            .map(|&(s, e, _)| &text[s..e])
            .collect();
        assert_eq!(found, vec!["New York City", "U.S.", "Moscow", "York"]);
        assert_eq!(ix.longest_at("New Yorkers", 0, name_of), Some((0, 8)));
        assert_eq!(ix.longest_at("Moscowite", 0, name_of), None);
        assert_eq!(ix.longest_at("Mosc", 0, name_of), None);
    }

    #[test]
    fn spellings_keep_readings_in_order_once_and_the_first_spelling_per_case_form() {
        let mut b = SpellingsBuilder::with_capacity(8);
        for (name, entry) in [
            ("Burma", 5),
            (" Burma ", 9),
            ("BURMA", 2),
            ("Zürich", 1),
            ("", 3),
            ("Burma", 5),
        ] {
            b.add(name, entry);
        }
        let s = b.finish();
        assert_eq!(s.len(), 3);
        assert_eq!(s.name(0), "Burma");
        assert_eq!(s.readings(0), &[5, 9]);
        assert_eq!(s.readings(1), &[2]);
        assert_eq!(s.by_lower("burma"), Some(0));
        assert_eq!(s.by_lower("zürich"), Some(2));
        assert_eq!(s.by_lower("bern"), None);
        assert_eq!(s.readings(7), &[] as &[u32]);
        assert_eq!(s.name(7), "");
    }

    #[test]
    fn keys_split_at_the_first_non_alphanumeric_byte() {
        assert_eq!(key("San José"), "San");
        assert_eq!(key("U.S."), "U");
        assert_eq!(key("Zürich"), "Z");
        assert_eq!(key("'s-Hertogenbosch"), "'");
        assert_eq!(key("Étretat"), "É");
        assert_eq!(key(""), "");
    }

    #[test]
    fn non_ascii_and_odd_starts() {
        let (ix, names) = index(&["Zürich", "São Paulo", "'s-Hertogenbosch", "Sa"]);
        let name_of = |id: u32| names[id as usize];
        let text = "From Zürich to São Paulo via 's-Hertogenbosch, Saõ.";
        let found: Vec<&str> = ix
            .find_all(text, |_, _| true, name_of)
            .iter()
            .map(|&(s, e, _)| &text[s..e])
            .collect();
        // "Sa" is found inside "Saõ" (the text's key is "Sa"): the caller's word-end guard
        // rejects it, as it rejects any name running on into a word.
        assert_eq!(found, vec!["Zürich", "São Paulo", "'s-Hertogenbosch", "Sa"]);
    }
}

/// Every spelling with its readings (gazetteer entries), and a case-insensitive lookup; kept
/// in a few flat vectors rather than a `String` and a `Vec` per spelling, which made building
/// and dropping the tables slow.
#[derive(Debug, Default)]
pub(crate) struct Spellings {
    text: String,
    /// Per spelling, its byte range in `text`.
    spans: Vec<(u32, u32)>,
    /// Per spelling `s`, its readings are `readings[starts[s]..starts[s + 1]]`.
    starts: Vec<u32>,
    readings: Vec<u32>,
    /// Lower-cased spellings, and (range in `lower`, spelling) sorted by the lower-cased form.
    lower: String,
    by_lower: Vec<(u32, u32, u32)>,
}

/// Collects spellings and readings while the gazetteer is read; `finish` lays them out.
pub(crate) struct SpellingsBuilder<'t> {
    slots: FastMap<&'t str, u32>,
    names: Vec<&'t str>,
    /// (spelling, entry) in the order read.
    pairs: Vec<(u32, u32)>,
}

impl<'t> SpellingsBuilder<'t> {
    /// A builder with room for about `spellings` spellings.
    pub(crate) fn with_capacity(spellings: usize) -> SpellingsBuilder<'t> {
        let mut slots = FastMap::default();
        slots.reserve(spellings);
        SpellingsBuilder {
            slots,
            names: Vec::with_capacity(spellings),
            pairs: Vec::with_capacity(spellings * 3 / 2),
        }
    }

    /// Notes that `name` (trimmed; ignored when empty) is a spelling of `entry`.
    pub(crate) fn add(&mut self, name: &'t str, entry: u32) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let next = self.names.len() as u32;
        let slot = *self.slots.entry(name).or_insert(next);
        if slot == next {
            self.names.push(name);
        }
        self.pairs.push((slot, entry));
    }

    /// The spellings so far, in the order first read (a spelling's id is its position).
    pub(crate) fn names(&self) -> &[&'t str] {
        &self.names
    }

    pub(crate) fn finish(mut self) -> Spellings {
        let n = self.names.len();
        let mut s = Spellings {
            text: String::with_capacity(self.names.iter().map(|x| x.len()).sum()),
            spans: Vec::with_capacity(n),
            starts: Vec::with_capacity(n + 1),
            readings: Vec::with_capacity(self.pairs.len()),
            lower: String::new(),
            by_lower: Vec::with_capacity(n),
        };
        for name in &self.names {
            let start = s.text.len() as u32;
            s.text.push_str(name);
            s.spans.push((start, s.text.len() as u32));
        }
        // Readings of a spelling in the order read, each once (a stable sort keeps the order).
        self.pairs.sort_by_key(|&(slot, _)| slot);
        let mut pairs = self.pairs.iter().peekable();
        for slot in 0..n as u32 {
            let first = s.readings.len();
            s.starts.push(first as u32);
            while let Some(&(_, entry)) = pairs.next_if(|(sl, _)| *sl == slot) {
                if !s.readings[first..].contains(&entry) {
                    s.readings.push(entry);
                }
            }
        }
        s.starts.push(s.readings.len() as u32);
        for (slot, name) in self.names.iter().enumerate() {
            let start = s.lower.len() as u32;
            if name.is_ascii() {
                s.lower
                    .extend(name.bytes().map(|b| b.to_ascii_lowercase() as char));
            } else {
                s.lower.push_str(&name.to_lowercase());
            }
            s.by_lower.push((start, s.lower.len() as u32, slot as u32));
        }
        // By lower-cased form, then spelling: the first spelling read stands for the form.
        let lower = &s.lower;
        let key = |&(a, b, _): &(u32, u32, u32)| &lower[a as usize..b as usize];
        // (The order is total, so an unstable sort gives the same result, faster.)
        s.by_lower
            .sort_unstable_by(|x, y| key(x).cmp(key(y)).then(x.2.cmp(&y.2)));
        s.by_lower.dedup_by(|later, first| key(later) == key(first));
        s
    }
}

impl Spellings {
    /// Number of spellings.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The spelling with this id.
    pub(crate) fn name(&self, slot: u32) -> &str {
        self.spans
            .get(slot as usize)
            .and_then(|&(a, b)| self.text.get(a as usize..b as usize))
            .unwrap_or("")
    }

    /// The entries a spelling stands for, in the order read.
    pub(crate) fn readings(&self, slot: u32) -> &[u32] {
        let s = slot as usize;
        match (self.starts.get(s), self.starts.get(s + 1)) {
            (Some(&a), Some(&b)) => self.readings.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The spelling whose lower-cased form is `lower` (already lower-cased).
    pub(crate) fn by_lower(&self, lower: &str) -> Option<u32> {
        let key = |&(a, b, _): &(u32, u32, u32)| &self.lower[a as usize..b as usize];
        self.by_lower
            .binary_search_by(|x| key(x).cmp(lower))
            .ok()
            .map(|i| self.by_lower[i].2)
    }
}
