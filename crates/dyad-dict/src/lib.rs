//! Dictionaries as data: actors, agents, verb patterns, discards and issues, read from
//! PETRARCH-format files or dyad's own format, and compiled into fast matchers at start-up.
//!
//! # For the coder
//!
//! ```no_run
//! use dyad_dict::Dictionary;
//! let dict = Dictionary::shipped().expect("shipped dictionaries load");
//! // Tokens of a sentence, as the segmenter gives them.
//! let tokens = ["President", "Vladimir", "Putin", "'s", "foreign", "ministers", "met"];
//! for m in dict.matchers().find_actors(&tokens) {
//!     let actor = &dict.entries.actors[m.entry as usize];
//!     let date = Some(dyad_dict::Date::constant(2005, 6, 1));
//!     println!("{}..{} {:?}", m.start, m.end, actor.code_at(date));
//! }
//! for m in dict.matchers().find_agents(&tokens) {
//!     let agent = &dict.entries.agents[m.entry as usize];
//!     println!("agent {} {:?}", agent.code, agent.position);
//! }
//! for v in dict.matchers().find_verbs(&tokens) {
//!     // v.start..v.end are the tokens of the (possibly multi-word) verb form; v.head is
//!     // the token of the verb proper; block/verb index into entries.verb_blocks.
//!     let block = &dict.entries.verb_blocks[v.block as usize];
//!     println!("verb {} in block {}", tokens[v.head], block.name);
//! }
//! // Discards, by PETRARCH's rule on the raw sentence text (byte offsets):
//! for d in dict.matchers().find_discards_in_text("He won the World Cup final.") {
//!     let discard = &dict.entries.discards[d.entry as usize];
//!     println!("discard {:?} at {}..{}", discard.scope, d.start, d.end);
//! }
//! let info = dict.codebook().lookup("0431");
//! ```
//!
//! `Dictionary::shipped_shared()` gives one process-wide copy of the shipped set, parsed and
//! compiled once. Matching is case-insensitive; tokens are normalised by
//! [`matcher::norm_token`] (possessive `'s` dropped, `_` read as `-`), and hyphenated
//! dictionary words also match as separate tokens. An actor's code on a date is
//! [`Actor::code_at`]; when several entries share a phrase the last one read wins
//! ([`matcher::PhraseMatcher::candidates`] lists them all).
//!
//! * [`model`] holds the entry types (the contract with the coder), with their semantics.
//! * [`petrarch`] reads the PETRARCH2 formats; [`export`] writes them back.
//! * [`own`] reads and writes dyad's own format (`docs/dictionaries.md`).
//! * [`matcher`] compiles phrases into Aho-Corasick automata over normalised tokens.
//! * [`codebook`] is the CAMEO codebook (names, QuadClass, Goldstein, PLOVER).

#![warn(missing_docs)]

pub mod cli;
pub mod codebook;
pub mod export;
pub mod forms;
pub mod matcher;
pub mod model;
pub mod own;
pub mod petrarch;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use codebook::{CodeInfo, Codebook};
pub use dyad_doc::Date;
pub use matcher::{Matchers, PhraseMatch, TextMatch, VerbMatch};
pub use model::*;
pub use petrarch::Kind;

/// A problem found while reading a dictionary file, reported as `file:line: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file as named by the user.
    pub file: String,
    /// 1-based line number.
    pub line: u32,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Why a dictionary set could not be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file's kind could not be recognised from its name.
    #[error("{path}: not a dictionary file name (expected *.actors.txt, *.agents.txt, *.verbs.txt, CAMEO*.txt, *.discards.txt, *Issue*.txt, or dyad's *.actors, *.agents, *.verbs, *.discards, *.issues)")]
    UnknownKind {
        /// The file.
        path: PathBuf,
    },
}

/// The format of a dictionary file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// PETRARCH2 (`*.actors.txt`, ...).
    Petrarch,
    /// dyad's own (`*.actors`, ...).
    Own,
}

/// Recognises a file's format and kind from its name.
pub fn recognise(path: &Path) -> Option<(Format, Kind)> {
    let name = path.file_name()?.to_string_lossy();
    if let Some(kind) = Kind::of_petrarch_name(&name) {
        return Some((Format::Petrarch, kind));
    }
    own::kind_of_name(&name).map(|k| (Format::Own, k))
}

/// Counts of entries read, per kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Actors (each with one or more names).
    pub actors: usize,
    /// Names of actors (primary and synonyms).
    pub actor_names: usize,
    /// Agents (after substitution markers are expanded).
    pub agents: usize,
    /// Verb synsets.
    pub synsets: usize,
    /// Verb blocks.
    pub verb_blocks: usize,
    /// Verbs over all blocks.
    pub verbs: usize,
    /// Patterns over all blocks.
    pub patterns: usize,
    /// Verb transformations.
    pub transformations: usize,
    /// Discard phrases.
    pub discards: usize,
    /// Issue lines (ignore lines included).
    pub issues: usize,
}

impl Entries {
    /// How many entries of each kind.
    pub fn counts(&self) -> Counts {
        Counts {
            actors: self.actors.len(),
            actor_names: self.actors.iter().map(|a| a.names.len()).sum(),
            agents: self.agents.len(),
            synsets: self.synsets.len(),
            verb_blocks: self.verb_blocks.len(),
            verbs: self.verb_blocks.iter().map(|b| b.verbs.len()).sum(),
            patterns: self.verb_blocks.iter().map(|b| b.patterns.len()).sum(),
            transformations: self.transformations.len(),
            discards: self.discards.len(),
            issues: self.issues.len(),
        }
    }
}

impl Entries {
    /// A copy with every provenance cleared: two sets read from different files (say, a
    /// PETRARCH file and its dyad-format conversion) are the same dictionary when their
    /// canonical forms are equal.
    pub fn canonical(&self) -> Entries {
        let mut e = self.clone();
        let none = Provenance::default;
        for a in &mut e.actors {
            a.provenance = none();
            for n in &mut a.names {
                n.provenance = none();
            }
            for d in &mut a.dated {
                d.provenance = none();
            }
        }
        for a in &mut e.agents {
            a.provenance = none();
        }
        for s in &mut e.synsets {
            s.provenance = none();
            for m in &mut s.members {
                match m {
                    SynsetMember::Phrase { provenance, .. }
                    | SynsetMember::Synset { provenance, .. } => *provenance = none(),
                }
            }
        }
        for b in &mut e.verb_blocks {
            b.provenance = none();
            for v in &mut b.verbs {
                v.provenance = none();
            }
            for p in &mut b.patterns {
                p.provenance = none();
            }
        }
        for t in &mut e.transformations {
            t.provenance = none();
        }
        for d in &mut e.discards {
            d.provenance = none();
        }
        for c in &mut e.issue_categories {
            c.provenance = none();
        }
        for i in &mut e.issues {
            i.provenance = none();
        }
        e
    }
}

impl Entries {
    /// Removes every free-text comment (used when deriving shipped dictionaries from
    /// files whose comments are not ours to copy).
    pub fn strip_comments(&mut self) {
        for a in &mut self.actors {
            for n in &mut a.names {
                n.comment = None;
            }
        }
        for a in &mut self.agents {
            a.comment = None;
        }
        for s in &mut self.synsets {
            s.comment = None;
        }
        for b in &mut self.verb_blocks {
            for v in &mut b.verbs {
                v.comment = None;
            }
            for p in &mut b.patterns {
                p.comment = None;
            }
        }
        for t in &mut self.transformations {
            t.comment = None;
        }
        for d in &mut self.discards {
            d.comment = None;
        }
        for i in &mut self.issues {
            i.comment = None;
        }
    }
}

/// A loaded, compiled set of dictionaries.
#[derive(Debug, Default)]
pub struct Dictionary {
    /// Everything read, in file order (see [`model`]).
    pub entries: Entries,
    /// Every problem met while reading, as `file:line: message`.
    pub problems: Vec<Problem>,
    codebook: Codebook,
    matchers: OnceLock<Matchers>,
}

/// The shipped dictionaries, embedded so that the binary is self-contained: (file name,
/// text), in load order. `leaders.actors` (curated, dated terms of office up to 2026) comes
/// after the Phoenix-derived actor files so that its entries win for the same name.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "countries.actors",
        include_str!("../../../dictionaries/countries.actors"),
    ),
    (
        "international.actors",
        include_str!("../../../dictionaries/international.actors"),
    ),
    (
        "nonstate.actors",
        include_str!("../../../dictionaries/nonstate.actors"),
    ),
    (
        "leaders.actors",
        include_str!("../../../dictionaries/leaders.actors"),
    ),
    (
        "world-leaders.actors",
        include_str!("../../../dictionaries/world-leaders.actors"),
    ),
    (
        "agents.agents",
        include_str!("../../../dictionaries/agents.agents"),
    ),
    (
        "cameo.verbs",
        include_str!("../../../dictionaries/cameo.verbs"),
    ),
    (
        "discards.discards",
        include_str!("../../../dictionaries/discards.discards"),
    ),
    (
        "issues.issues",
        include_str!("../../../dictionaries/issues.issues"),
    ),
];

impl Dictionary {
    /// The dictionaries shipped with dyad (embedded in the binary).
    pub fn shipped() -> Result<Dictionary, DictError> {
        let files: Vec<(Format, Kind, String, &str)> = SHIPPED
            .iter()
            .filter_map(|(name, text)| {
                let (format, kind) = recognise(Path::new(name))?;
                Some((format, kind, format!("dictionaries/{name}"), *text))
            })
            .collect();
        Ok(Dictionary::from_texts(&files))
    }

    /// Reads several files' texts and appends them in the given order, so later files still
    /// override earlier ones. Files, and large actor files cut at actor boundaries, are read
    /// in parallel: the start-up budget is small and one actor file is most of the set.
    fn from_texts(files: &[(Format, Kind, String, &str)]) -> Dictionary {
        let mut pieces: Vec<Piece> = Vec::new();
        for (format, kind, file, text) in files {
            for (text, first_line) in split_records(*kind, text) {
                pieces.push(Piece {
                    format: *format,
                    kind: *kind,
                    file,
                    text,
                    first_line,
                });
            }
        }
        let read = |p: &Piece| {
            let mut entries = Entries::default();
            let mut problems = Vec::new();
            match p.format {
                Format::Petrarch => petrarch::read_piece(p, &mut entries, &mut problems),
                Format::Own => own::read_piece(p, &mut entries, &mut problems),
            }
            (entries, problems)
        };
        let mut dict = Dictionary {
            codebook: Codebook::shipped(),
            ..Dictionary::default()
        };
        for (entries, problems) in in_parallel(&pieces, |p| p.text.len(), read) {
            dict.entries.extend(entries);
            dict.problems.extend(problems);
        }
        dict
    }

    /// The shipped dictionaries, parsed and compiled once per process and shared: use this
    /// rather than [`Dictionary::shipped`] when several parts of a program need them.
    pub fn shipped_shared() -> &'static Dictionary {
        static SHARED: OnceLock<Dictionary> = OnceLock::new();
        SHARED.get_or_init(|| {
            let dict = Dictionary::shipped().unwrap_or_default();
            dict.matchers();
            dict
        })
    }

    /// Loads the given files (format recognised by name) instead of the shipped set.
    pub fn load(paths: &[PathBuf]) -> Result<Dictionary, DictError> {
        let mut texts = Vec::new();
        for path in paths {
            let (format, kind) =
                recognise(path).ok_or_else(|| DictError::UnknownKind { path: path.clone() })?;
            texts.push((format, kind, path.display().to_string(), read_lossy(path)?));
        }
        let files: Vec<(Format, Kind, String, &str)> = texts
            .iter()
            .map(|(f, k, n, t)| (*f, *k, n.clone(), t.as_str()))
            .collect();
        Ok(Dictionary::from_texts(&files))
    }

    /// Reads one file's text into this dictionary (invalidating compiled matchers).
    pub fn read_text(&mut self, format: Format, kind: Kind, file: &str, text: &str) {
        let mut entries = Entries::default();
        match format {
            Format::Petrarch => petrarch::read(kind, file, text, &mut entries, &mut self.problems),
            Format::Own => own::read(kind, file, text, &mut entries, &mut self.problems),
        }
        self.entries.extend(entries);
        self.matchers = OnceLock::new();
    }

    /// The CAMEO codebook.
    pub fn codebook(&self) -> &Codebook {
        &self.codebook
    }

    /// The compiled matchers (built on first use, then shared).
    pub fn matchers(&self) -> &Matchers {
        self.matchers
            .get_or_init(|| Matchers::compile(&self.entries))
    }
}

/// A file, or a run of whole records of it, to be read.
#[derive(Clone, Copy)]
pub(crate) struct Piece<'a> {
    pub(crate) format: Format,
    pub(crate) kind: Kind,
    pub(crate) file: &'a str,
    pub(crate) text: &'a str,
    /// The file's line number of the text's first line.
    pub(crate) first_line: u32,
}

impl<'a> Piece<'a> {
    /// A whole file (the format is the reader's own).
    pub(crate) fn whole(kind: Kind, file: &'a str, text: &'a str) -> Piece<'a> {
        Piece {
            format: Format::Petrarch,
            kind,
            file,
            text,
            first_line: 1,
        }
    }
}

/// Actor files larger than this are read in pieces of about this size.
const PIECE_BYTES: usize = 192 * 1024;

/// Cuts a large actor file into runs of whole actors (each with its first line number): a
/// cut goes before a line that opens an actor, one starting with a letter or digit (never a
/// synonym `+`, an indented code line or a comment). Other kinds, files with multi-line
/// `<!-- -->` comments, and small files stay whole.
fn split_records(kind: Kind, text: &str) -> Vec<(&str, u32)> {
    if kind != Kind::Actors || text.len() <= PIECE_BYTES || text.contains("<!") {
        return vec![(text, 1)];
    }
    let mut out = Vec::new();
    let (mut start, mut start_line) = (0, 1u32);
    let (mut at, mut line) = (0, 1u32);
    for l in text.split_inclusive('\n') {
        if at - start >= PIECE_BYTES && l.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            out.push((&text[start..at], start_line));
            (start, start_line) = (at, line);
        }
        at += l.len();
        line += 1;
    }
    out.push((&text[start..], start_line));
    out
}

/// Maps `items` with `f` on all cores, largest items (by `size`) first, and returns the
/// results in the items' order.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    size: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(size(&items[i])));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&i) = order.get(k) else {
                return done;
            };
            done.push((i, f(&items[i])));
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len());
    let mut all: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for h in helpers {
            // A helper that panicked (a bug) took its items with it; read them here instead.
            if let Ok(done) = h.join() {
                all.extend(done);
            }
        }
        all
    });
    let mut have = vec![false; items.len()];
    for (i, _) in &all {
        have[*i] = true;
    }
    for (i, item) in items.iter().enumerate() {
        if !have[i] {
            all.push((i, f(item)));
        }
    }
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// Reads a file as UTF-8, replacing invalid bytes with U+FFFD (the readers report them).
pub fn read_lossy(path: &Path) -> Result<String, DictError> {
    let bytes = std::fs::read(path).map_err(|source| DictError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading a large file in pieces on several threads gives what reading it whole gives:
    /// the same entries in the same order, problems on the same lines.
    #[test]
    fn pieces_read_like_the_whole_file() {
        let mut own_text = String::from("# actors\n");
        let mut pet_text = String::new();
        for i in 0..12_000 {
            own_text.push_str(&format!("Name {i} Of Place [C{i}]\n+ Other {i}\n"));
            pet_text.push_str(&format!("NAME_{i}_OF_PLACE [C{i}]\n+OTHER_{i}\n"));
            if i % 1000 == 7 {
                own_text.push_str("    C 2001-02-30..2002-01-01\n");
                pet_text.push_str("\t[C 990101-980101]\n");
            } else {
                own_text.push_str("    D 2001-01-01..2002-01-01\n");
                pet_text.push_str("\t[D 010101-020101]\n");
            }
        }
        for (format, text) in [(Format::Own, &own_text), (Format::Petrarch, &pet_text)] {
            assert!(split_records(Kind::Actors, text).len() > 2);
            let dict = Dictionary::from_texts(&[(format, Kind::Actors, "f".to_string(), text)]);
            let mut whole = Entries::default();
            let mut problems = Vec::new();
            match format {
                Format::Own => own::read(Kind::Actors, "f", text, &mut whole, &mut problems),
                Format::Petrarch => {
                    petrarch::read(Kind::Actors, "f", text, &mut whole, &mut problems)
                }
            }
            assert_eq!(dict.entries.actors.len(), 12_000);
            assert!(dict.entries == whole, "{format:?}");
            assert_eq!(problems.len(), 12);
            assert_eq!(dict.problems, problems);
        }
    }
}
