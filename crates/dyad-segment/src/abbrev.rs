//! The abbreviation list (`dictionaries/abbreviations.txt`): data, not code.

use std::collections::HashSet;
use std::path::Path;

use crate::SegmentError;

/// The shipped list, embedded so the binary is self-contained.
pub const SHIPPED_ABBREVIATIONS: &str = include_str!("../../../dictionaries/abbreviations.txt");

/// How an abbreviation behaves at a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Always followed by a name ("Mr.", "Gen."): never ends a sentence.
    Title,
    /// An abbreviation only before a number ("No. 5").
    BeforeNumber,
    /// May end a sentence; the next word decides ("Inc.", "Oct.", "U.S.").
    Ordinary,
}

/// Abbreviations by class, and the closed-class words that start sentences.
#[derive(Clone, Debug, Default)]
pub struct Abbreviations {
    title: HashSet<String>,
    before_number: HashSet<String>,
    ordinary: HashSet<String>,
    starters: HashSet<String>,
}

impl Abbreviations {
    /// Parses the `abbreviations.txt` format; `origin` names the source in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Abbreviations, SegmentError> {
        let mut list = Abbreviations::default();
        let mut section: Option<&str> = None;
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                match name {
                    "title" | "before-number" | "ordinary" | "sentence-starter" => {
                        section = Some(name)
                    }
                    _ => {
                        return Err(SegmentError::Dictionary {
                            origin: origin.to_string(),
                            line: n + 1,
                            message: format!("unknown section [{name}]"),
                        })
                    }
                }
                continue;
            }
            // Entries are written without their final period; tolerate one anyway.
            let entry = line.strip_suffix('.').unwrap_or(line).to_string();
            if entry.is_empty() || entry.contains(char::is_whitespace) {
                return Err(SegmentError::Dictionary {
                    origin: origin.to_string(),
                    line: n + 1,
                    message: format!("entry {line:?} must be one word"),
                });
            }
            let set = match section {
                Some("title") => &mut list.title,
                Some("before-number") => &mut list.before_number,
                Some("ordinary") => &mut list.ordinary,
                Some("sentence-starter") => &mut list.starters,
                _ => {
                    return Err(SegmentError::Dictionary {
                        origin: origin.to_string(),
                        line: n + 1,
                        message: "entry before any [section]".to_string(),
                    })
                }
            };
            set.insert(entry);
        }
        Ok(list)
    }

    /// Reads and parses a replacement list from a file.
    pub fn from_file(path: &Path) -> Result<Abbreviations, SegmentError> {
        let text = std::fs::read_to_string(path).map_err(|source| SegmentError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Abbreviations::parse(&text, &path.display().to_string())
    }

    /// The shipped list.
    pub fn shipped() -> Result<Abbreviations, SegmentError> {
        Abbreviations::parse(SHIPPED_ABBREVIATIONS, "dictionaries/abbreviations.txt")
    }

    /// The class of a listed abbreviation (`word` without its final period).
    pub fn class(&self, word: &str) -> Option<AbbrevClass> {
        if self.title.contains(word) {
            Some(AbbrevClass::Title)
        } else if self.ordinary.contains(word) {
            Some(AbbrevClass::Ordinary)
        } else if self.before_number.contains(word) {
            Some(AbbrevClass::BeforeNumber)
        } else {
            None
        }
    }

    /// Whether `word` is a listed sentence starter ("The", "He").
    pub fn is_listed_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }
}
