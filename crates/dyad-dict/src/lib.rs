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

    /// Reads several files' texts (two at a time, on two threads) and appends them in
    /// the given order, so later files still override earlier ones.
    fn from_texts(files: &[(Format, Kind, String, &str)]) -> Dictionary {
        let read_one = |(format, kind, file, text): &(Format, Kind, String, &str)| {
            let mut entries = Entries::default();
            let mut problems = Vec::new();
            match format {
                Format::Petrarch => petrarch::read(*kind, file, text, &mut entries, &mut problems),
                Format::Own => own::read(*kind, file, text, &mut entries, &mut problems),
            }
            (entries, problems)
        };
        // Alternate files between this thread and a helper: the start-up budget is small.
        let (odd, even): (Vec<_>, Vec<_>) = std::thread::scope(|scope| {
            let helper = scope.spawn(|| {
                files
                    .iter()
                    .skip(1)
                    .step_by(2)
                    .map(read_one)
                    .collect::<Vec<_>>()
            });
            let mine: Vec<_> = files.iter().step_by(2).map(read_one).collect();
            let theirs = helper
                .join()
                .unwrap_or_else(|_| files.iter().skip(1).step_by(2).map(read_one).collect());
            (theirs, mine)
        });
        let mut dict = Dictionary {
            codebook: Codebook::shipped(),
            ..Dictionary::default()
        };
        let mut even = even.into_iter();
        let mut odd = odd.into_iter();
        for i in 0..files.len() {
            let next = if i % 2 == 0 { even.next() } else { odd.next() };
            if let Some((entries, problems)) = next {
                dict.entries.extend(entries);
                dict.problems.extend(problems);
            }
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
