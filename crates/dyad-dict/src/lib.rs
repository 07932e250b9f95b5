//! Dictionaries as data: actors, agents, verb patterns, discards and issues, read from
//! PETRARCH-format files or dyad's own format, and compiled into fast matchers at start-up.
//!
//! (Scaffold: an empty dictionary. The full crate replaces this.)

pub mod model;

use std::path::PathBuf;

pub use model::*;

/// A problem found while reading a dictionary file, reported as `file:line: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: u32,
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
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A loaded, compiled set of dictionaries.
#[derive(Debug, Default)]
pub struct Dictionary {
    /// Everything read, in file order (see [`model`]).
    pub entries: Entries,
    pub problems: Vec<Problem>,
}

impl Dictionary {
    /// The dictionaries shipped with dyad.
    pub fn shipped() -> Result<Dictionary, DictError> {
        Ok(Dictionary::default())
    }

    /// Loads the given files (format recognised by name) instead of the shipped set.
    pub fn load(paths: &[PathBuf]) -> Result<Dictionary, DictError> {
        for path in paths {
            std::fs::metadata(path).map_err(|source| DictError::Io {
                path: path.clone(),
                source,
            })?;
        }
        Ok(Dictionary::default())
    }
}
