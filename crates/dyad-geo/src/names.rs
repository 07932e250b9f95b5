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

/// Spellings bucketed by key; within a bucket, longest first.
#[derive(Debug, Default)]
pub(crate) struct NameIndex {
    buckets: FastMap<Box<str>, Vec<u32>>,
    /// Whether any key starts with this byte: most words of a text are ruled out here.
    first_bytes: Box<[bool]>,
}

impl NameIndex {
    /// Indexes `names` (a name's id is its position).
    pub(crate) fn build<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> NameIndex {
        let mut lens = Vec::with_capacity(names.len());
        let mut buckets: FastMap<Box<str>, Vec<u32>> = FastMap::default();
        buckets.reserve(names.len() / 3);
        let mut first_bytes = vec![false; 256];
        for (id, name) in names.enumerate() {
            lens.push(name.len());
            let k = key(name);
            let Some(&b) = k.as_bytes().first() else {
                continue;
            };
            first_bytes[b as usize] = true;
            match buckets.get_mut(k) {
                Some(v) => v.push(id as u32),
                None => {
                    buckets.insert(k.into(), vec![id as u32]);
                }
            }
        }
        for v in buckets.values_mut() {
            // Longest first, so the first that the text continues with is the match; equal
            // lengths keep their order.
            v.sort_by_key(|&id| std::cmp::Reverse(lens[id as usize]));
        }
        NameIndex {
            buckets,
            first_bytes: first_bytes.into_boxed_slice(),
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
        let &b = rest.as_bytes().first()?;
        if !self.first_bytes[b as usize] {
            return None;
        }
        let bucket = self.buckets.get(key(rest))?;
        bucket
            .iter()
            .find(|&&id| rest.starts_with(name_of(id)))
            .map(|&id| (id, at + name_of(id).len()))
    }

    /// Every match, left to right without overlap: at each position where a name may start
    /// (`may_start`), the longest name there; the search resumes after it.
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
            if !self.first_bytes[b as usize] || !text.is_char_boundary(at) || !may_start(text, at) {
                at += 1;
                continue;
            }
            match self.longest_at(text, at, name_of) {
                Some((id, end)) => {
                    out.push((at, end, id));
                    at = end.max(at + 1);
                }
                None => {
                    // No name starts inside a run of letters and digits (the byte before
                    // would be one), so skip the run.
                    let run = bytes[at..]
                        .iter()
                        .position(|b| !b.is_ascii_alphanumeric())
                        .unwrap_or(bytes.len() - at);
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
