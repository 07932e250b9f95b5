//! A parser-free syntax layer: part-of-speech tags, lemmas, noun/verb/prepositional groups,
//! clauses and the roles (subject, object, agent, prepositional objects) of every verb group.
//!
//! dyad codes events from raw sentences without a constituency parser. This crate recovers
//! what verb patterns need, deterministically and in time linear in the sentence length:
//!
//! 1. **Tagging**: a lexicon (from WordNet, plus a hand-written closed-class file, both plain
//!    data files under `dictionaries/`) gives each word its possible tags; unknown words get
//!    tags from capitalisation and suffixes; contextual rules choose one tag per token.
//! 2. **Chunking**: noun groups, verb groups, prepositional groups, coordination, apposition.
//! 3. **Clauses and roles**: main, subordinate, relative, reported, parenthetical and quoted
//!    clauses; the subject of each verb group is the noun group to its left in the clause
//!    (PETRARCH's rule), passive agents come from `by` phrases, coordinated verbs share their
//!    subject, infinitival complements are chained to the governing verb.
//!
//! ```
//! use dyad_syntax::Analyzer;
//! # let doc = dyad_syntax::testing::doc("Russia agreed to hold talks with NATO .");
//! let syntax = Analyzer::shipped().analyze(&doc, 0);
//! let agreed = &syntax.verb_groups[0];
//! assert_eq!(syntax.lemma(agreed.head), "agree");
//! let hold = agreed.complement.map(|c| &syntax.verb_groups[c as usize]);
//! assert_eq!(hold.map(|h| syntax.lemma(h.head)), Some("hold"));
//! ```
//!
//! A supplied Penn Treebank parse maps into the same structure with
//! [`SentenceSyntax::from_ptb`], so the coder works the same with or without a parser.

mod analyzer;
#[cfg(test)]
mod eval;
mod lexicon;
mod model;
mod ptb;
mod structure;
mod tag;
mod tagger;
pub mod testing;

pub use analyzer::Analyzer;
pub use lexicon::Lexicon;
pub use model::{
    Attachment, Clause, ClauseKind, Coordination, NounGroup, NounGroupKind, PrepGroup,
    SentenceSyntax, SubjectSource, Tense, TokenSyntax, VerbForm, VerbGroup, Voice,
};
pub use tag::{Tag, ALL_TAGS};

/// Errors of the syntax layer.
#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    /// A line of a lexicon or closed-class file could not be read.
    #[error("{file}:{line}: {message}")]
    Data {
        file: String,
        line: usize,
        message: String,
    },
    /// A file could not be opened.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A tag name that is not a Penn Treebank tag.
    #[error("unknown part-of-speech tag {0:?}")]
    UnknownTag(String),
    /// A bracketed parse that is malformed.
    #[error("bad parse: {0}")]
    BadParse(String),
    /// The parse's leaves cannot be aligned with the sentence's tokens.
    #[error("parse does not match the sentence: {0}")]
    Alignment(String),
    /// A sentence index out of range.
    #[error("no sentence {0} in the document")]
    NoSentence(usize),
}
