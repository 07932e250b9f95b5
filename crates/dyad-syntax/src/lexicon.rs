//! The lexicon: open-class words from WordNet (generated data), irregular forms, and the
//! hand-written closed-class file with its word classes and suffix rules.
//!
//! File formats (all plain text, `#` starts a comment, blank lines ignored):
//!
//! * `lexicon.txt` — one lemma per line: `lemma CLASS…` where each class is a letter and a
//!   count: `n` common noun, `p` proper noun, `v` verb, `a` adjective, `r` adverb; the count is
//!   WordNet's tagged-sense count (how often the lemma was seen with that part of speech in
//!   the sense-tagged corpus), used as a prior. Example: `attack n6 v5`.
//! * `lexicon-irregular.txt` — `form TAG[,TAG…] lemma`, e.g. `went VBD go`, `held VBD,VBN hold`.
//! * `closed-class.txt` — sections in brackets. `[words]`: `word TAG[,TAG…] [lemma]` with the
//!   preferred tag first; the tags listed are all a closed-class word can take. `[suffixes]`:
//!   `suffix TAG[,TAG…]` for unknown words (longest suffix wins). Other sections are word
//!   lists (one lower-case word or phrase per line) read by name, e.g. `[subordinators]`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::{SyntaxError, Tag};

/// A fast non-cryptographic hasher (FxHash's multiply-rotate scheme) for the lexicon's
/// short string keys: the data is our own, so flooding resistance is not needed, and SipHash
/// dominated the tagger's profile.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash map and set with [`FxHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Open-class parts of speech in `lexicon.txt`, in the order of [`OpenEntry::counts`].
pub(crate) const NOUN: usize = 0;
pub(crate) const PROPER: usize = 1;
pub(crate) const VERB: usize = 2;
pub(crate) const ADJ: usize = 3;
pub(crate) const ADV: usize = 4;

/// One open-class lemma: for each class (noun, proper, verb, adjective, adverb), `None` when
/// the lemma does not have it, else its prior count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct OpenEntry {
    pub counts: [Option<u16>; 5],
}

/// A closed-class word: its tags (preferred first) and an optional lemma.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ClosedEntry {
    pub tags: Vec<Tag>,
    pub lemma: Option<Box<str>>,
}

/// The loaded lexicon. Build it once (it is immutable and `Sync`) and share it.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub(crate) open: FastMap<Box<str>, OpenEntry>,
    pub(crate) irregular: FastMap<Box<str>, Vec<(Tag, Box<str>)>>,
    pub(crate) closed: FastMap<Box<str>, ClosedEntry>,
    /// Unknown-word suffix rules, longest first.
    pub(crate) suffixes: Vec<(Box<str>, Vec<Tag>)>,
    /// Named word lists from `closed-class.txt` (`[subordinators]`, `[reporting]`, …).
    pub(crate) lists: FastMap<Box<str>, Vec<Box<str>>>,
    /// The `[capitalized-proper]` list as a set.
    pub(crate) cap_proper: FastSet<Box<str>>,
}

/// The shipped lexicon files, embedded so the binary is self-contained.
pub(crate) const SHIPPED_LEXICON: &str = include_str!("../../../dictionaries/lexicon.txt");
pub(crate) const SHIPPED_IRREGULAR: &str =
    include_str!("../../../dictionaries/lexicon-irregular.txt");
pub(crate) const SHIPPED_CLOSED: &str = include_str!("../../../dictionaries/closed-class.txt");

fn data_err(file: &str, line: usize, message: impl Into<String>) -> SyntaxError {
    SyntaxError::Data {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = l.split('#').next().unwrap_or("").trim();
        (!l.is_empty()).then_some((i + 1, l))
    })
}

fn parse_tags(file: &str, line: usize, field: &str) -> Result<Vec<Tag>, SyntaxError> {
    field
        .split(',')
        .map(|t| {
            t.parse::<Tag>()
                .map_err(|_| data_err(file, line, format!("unknown tag {t:?}")))
        })
        .collect()
}

impl Lexicon {
    /// The shipped lexicon (embedded copies of the three files under `dictionaries/`).
    pub fn shipped() -> Result<Lexicon, SyntaxError> {
        Lexicon::from_strs(SHIPPED_LEXICON, SHIPPED_IRREGULAR, SHIPPED_CLOSED)
    }

    /// Reads a lexicon from the three files' contents (see the module docs for formats).
    pub fn from_strs(lexicon: &str, irregular: &str, closed: &str) -> Result<Lexicon, SyntaxError> {
        let mut lex = Lexicon::default();
        lex.open.reserve(lexicon.len() / 12);
        for (n, line) in content_lines(lexicon) {
            let mut fields = line.split_ascii_whitespace();
            let Some(word) = fields.next() else { continue };
            let mut entry = OpenEntry::default();
            for f in fields {
                let mut chars = f.chars();
                let class = match chars.next() {
                    Some('n') => NOUN,
                    Some('p') => PROPER,
                    Some('v') => VERB,
                    Some('a') => ADJ,
                    Some('r') => ADV,
                    _ => return Err(data_err("lexicon.txt", n, format!("bad class {f:?}"))),
                };
                let count = chars
                    .as_str()
                    .parse::<u16>()
                    .map_err(|_| data_err("lexicon.txt", n, format!("bad count in {f:?}")))?;
                entry.counts[class] = Some(count);
            }
            lex.open.insert(word.into(), entry);
        }
        for (n, line) in content_lines(irregular) {
            let f: Vec<&str> = line.split_ascii_whitespace().collect();
            let [form, tags, lemma] = f[..] else {
                return Err(data_err(
                    "lexicon-irregular.txt",
                    n,
                    "expected: form TAGS lemma",
                ));
            };
            let tags = parse_tags("lexicon-irregular.txt", n, tags)?;
            let slot = lex.irregular.entry(form.into()).or_default();
            for t in tags {
                if !slot.iter().any(|(t2, l2)| *t2 == t && &**l2 == lemma) {
                    slot.push((t, lemma.into()));
                }
            }
        }
        let mut section = String::new();
        for (n, line) in content_lines(closed) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.trim().to_string();
                continue;
            }
            match section.as_str() {
                "words" => {
                    let f: Vec<&str> = line.split_ascii_whitespace().collect();
                    if f.len() < 2 || f.len() > 3 {
                        return Err(data_err(
                            "closed-class.txt",
                            n,
                            "expected: word TAGS [lemma]",
                        ));
                    }
                    let tags = parse_tags("closed-class.txt", n, f[1])?;
                    lex.closed.insert(
                        f[0].into(),
                        ClosedEntry {
                            tags,
                            lemma: f.get(2).map(|l| (*l).into()),
                        },
                    );
                }
                "suffixes" => {
                    let f: Vec<&str> = line.split_ascii_whitespace().collect();
                    let [suffix, tags] = f[..] else {
                        return Err(data_err("closed-class.txt", n, "expected: suffix TAGS"));
                    };
                    let tags = parse_tags("closed-class.txt", n, tags)?;
                    lex.suffixes
                        .push((suffix.trim_start_matches('-').into(), tags));
                }
                "" => return Err(data_err("closed-class.txt", n, "line before any [section]")),
                name => lex
                    .lists
                    .entry(name.into())
                    .or_default()
                    .push(line.to_lowercase().into()),
            }
        }
        lex.suffixes
            .sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        Ok(lex)
    }

    /// Reads a lexicon from files on disk (replacing the shipped ones).
    pub fn from_files(
        lexicon: &std::path::Path,
        irregular: &std::path::Path,
        closed: &std::path::Path,
    ) -> Result<Lexicon, SyntaxError> {
        let read = |p: &std::path::Path| {
            std::fs::read_to_string(p).map_err(|source| SyntaxError::Io {
                path: p.display().to_string(),
                source,
            })
        };
        Lexicon::from_strs(&read(lexicon)?, &read(irregular)?, &read(closed)?)
    }

    /// The number of open-class lemmas.
    pub fn len(&self) -> usize {
        self.open.len()
    }

    /// True when no open-class lemma is loaded.
    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }

    /// A named word list from `closed-class.txt` (empty when absent).
    pub fn list(&self, name: &str) -> &[Box<str>] {
        self.lists.get(name).map(Vec::as_slice).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_files_load_without_errors() {
        let lex = Lexicon::shipped();
        assert!(lex.is_ok(), "{:?}", lex.err());
        let lex = lex.unwrap_or_default();
        assert!(lex.len() > 50_000, "{} lemmas", lex.len());
        assert!(!lex.list("subordinators").is_empty());
    }

    #[test]
    fn bad_lines_are_reported_with_file_and_line() {
        let err = Lexicon::from_strs("attack n6 x5\n", "", "").err();
        assert!(
            matches!(err, Some(SyntaxError::Data { line: 1, .. })),
            "{err:?}"
        );
        let err = Lexicon::from_strs("", "", "[words]\nthe ZZ\n").err();
        assert!(
            matches!(err, Some(SyntaxError::Data { line: 2, .. })),
            "{err:?}"
        );
    }
}
