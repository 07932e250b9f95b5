//! The furniture dictionary: short furniture lines, furniture phrases and HTML class/id
//! fragments, read from a plain editable file (`dictionaries/furniture.txt`).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::CleanError;

/// The shipped furniture file, embedded so the binary is self-contained.
const SHIPPED: &str = include_str!("../../../dictionaries/furniture.txt");

/// Lines longer than this (in words) are never matched against `[line]` entries: a whole
/// furniture line is short, and a story sentence that happens to start like one is not.
pub(crate) const SHORT_LINE_WORDS: usize = 12;

/// A compiled furniture dictionary.
#[derive(Debug, Clone)]
pub struct Furniture {
    /// `[line]` and `[end]` entries, lowercased, possibly with `*` wildcards; `true` for
    /// `[end]`.
    lines: Vec<(String, bool)>,
    /// For each possible first byte of a line, the indices (in file order) of the `lines`
    /// entries that can match it: those starting with that byte or with `*`. A line is
    /// then compared with a handful of entries instead of all of them.
    by_first: Vec<Vec<u32>>,
    /// `[contains]` phrases.
    phrases: Option<AhoCorasick>,
    /// `[class]` fragments.
    class: ClassSet,
    /// `[keep-class]` fragments.
    keep_class: ClassSet,
}

/// Class/id fragments compiled for one scan: substrings in an automaton, `=token` entries
/// as whole tokens.
#[derive(Debug, Clone, Default)]
struct ClassSet {
    parts: Option<AhoCorasick>,
    tokens: Vec<String>,
}

impl ClassSet {
    fn new(frags: &[String], name: &str) -> Result<ClassSet, CleanError> {
        let mut parts = Vec::new();
        let mut tokens = Vec::new();
        for f in frags {
            match f.strip_prefix('=') {
                Some(tok) => tokens.push(tok.to_string()),
                None => parts.push(f.clone()),
            }
        }
        let parts = if parts.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::new(&parts)
                    .map_err(|e| CleanError::Dictionary(format!("{name}: {e}")))?,
            )
        };
        Ok(ClassSet { parts, tokens })
    }

    /// `norm` is the lowercased "class id" string with '_' read as '-'.
    fn matches(&self, norm: &str) -> bool {
        self.parts.as_ref().is_some_and(|ac| ac.is_match(norm))
            || (!self.tokens.is_empty()
                && norm
                    .split([' ', '-'])
                    .any(|t| !t.is_empty() && self.tokens.iter().any(|k| k == t)))
    }
}

impl Furniture {
    /// The dictionary shipped with dyad (`dictionaries/furniture.txt`).
    pub fn shipped() -> &'static Furniture {
        static SHIPPED_FURNITURE: OnceLock<Furniture> = OnceLock::new();
        SHIPPED_FURNITURE.get_or_init(|| {
            // The shipped file is part of the build and tested; an error here would be a
            // packaging bug, so fall back to an empty dictionary rather than panic.
            Furniture::parse(SHIPPED, "furniture.txt").unwrap_or_else(|_| Furniture::empty())
        })
    }

    /// A dictionary with no entries (structure-only cleaning).
    pub fn empty() -> Furniture {
        Furniture {
            lines: Vec::new(),
            by_first: index_by_first(&[]),
            phrases: None,
            class: ClassSet::default(),
            keep_class: ClassSet::default(),
        }
    }

    /// Reads a furniture file in the format of `dictionaries/furniture.txt`; `name` is used in
    /// error messages (`name:line: message`).
    pub fn parse(text: &str, name: &str) -> Result<Furniture, CleanError> {
        let mut section = "";
        let mut lines = Vec::new();
        let mut phrases = Vec::new();
        let mut class = Vec::new();
        let mut keep_class = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if line.starts_with('[') && line.ends_with(']') {
                section = match &line[1..line.len() - 1] {
                    "line" => "line",
                    "end" => "end",
                    "contains" => "contains",
                    "class" => "class",
                    "keep-class" => "keep-class",
                    other => {
                        return Err(CleanError::Dictionary(format!(
                            "{name}:{}: unknown section [{other}]",
                            i + 1
                        )))
                    }
                };
                continue;
            }
            let entry = normalise(line);
            match section {
                "line" => lines.push((entry, false)),
                "end" => lines.push((entry, true)),
                "contains" => phrases.push(entry),
                "class" => class.push(entry.replace('_', "-")),
                "keep-class" => keep_class.push(entry.replace('_', "-")),
                _ => {
                    return Err(CleanError::Dictionary(format!(
                        "{name}:{}: entry before any [section]",
                        i + 1
                    )))
                }
            }
        }
        let phrases = if phrases.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&phrases)
                    .map_err(|e| CleanError::Dictionary(format!("{name}: {e}")))?,
            )
        };
        Ok(Furniture {
            by_first: index_by_first(&lines),
            lines,
            phrases,
            class: ClassSet::new(&class, name)?,
            keep_class: ClassSet::new(&keep_class, name)?,
        })
    }

    /// Whether a short line is furniture by a `[line]` or `[end]` entry.
    pub fn is_furniture_line(&self, line: &str) -> bool {
        self.line_entry(line).is_some()
    }

    /// Whether a short line is an `[end]` entry: a heading after which a page carries no more
    /// story ("More on this story", "Related").
    pub fn is_end_marker(&self, line: &str) -> bool {
        self.line_entry(line) == Some(true)
    }

    /// The matching line entry's kind (`true` for `[end]`).
    pub(crate) fn line_entry(&self, line: &str) -> Option<bool> {
        if crate::ws::words(line).nth(SHORT_LINE_WORDS).is_some() {
            return None;
        }
        // A prose sentence ("By Tuesday, the rebels had withdrawn.") is not furniture even
        // when it starts like a byline: several lower-case words and a full stop.
        let lower_words = crate::ws::words(line)
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .count();
        if line.trim_end().ends_with('.') && lower_words >= 3 {
            return None;
        }
        let lower = normalise(line);
        let bare =
            lower.trim_end_matches(|c: char| ".:!?…,;|»›>-–—".contains(c) || c.is_whitespace());
        let matches = |(p, _): &&(String, bool)| {
            glob(p.as_bytes(), lower.as_bytes()) || glob(p.as_bytes(), bare.as_bytes())
        };
        // `bare` is a prefix of `lower`, so both start with the same byte unless `bare` is
        // empty; then every entry is tried, as an empty text can match a pattern of stars.
        match bare.as_bytes().first() {
            Some(&b) => self
                .by_first
                .get(usize::from(b))
                .into_iter()
                .flatten()
                .filter_map(|&k| self.lines.get(k as usize))
                .find(matches)
                .map(|(_, end)| *end),
            None => self.lines.iter().find(matches).map(|(_, end)| *end),
        }
    }

    /// Whether the text contains a `[contains]` phrase.
    pub fn has_phrase(&self, text: &str) -> bool {
        self.phrases.as_ref().is_some_and(|ac| ac.is_match(text))
    }

    /// The furniture weight of an element's class and id: negative for furniture fragments,
    /// positive for story fragments, zero otherwise. `keep` wins over `class`.
    pub fn class_weight(&self, class_id: &str) -> i32 {
        if class_id.is_empty() {
            return 0;
        }
        // Surround with spaces and read '_' as '-' so "=ad" can match a whole token and
        // "-ad-" a token part.
        let mut norm = String::with_capacity(class_id.len() + 2);
        norm.push(' ');
        for c in class_id.chars() {
            norm.push(match c {
                '_' => '-',
                c if c.is_whitespace() => ' ',
                c => c.to_ascii_lowercase(),
            });
        }
        norm.push(' ');
        if self.keep_class.matches(&norm) {
            return 1;
        }
        if self.class.matches(&norm) {
            return -1;
        }
        0
    }
}

/// The `by_first` index of [`Furniture`]: entry indices by the first byte they can match.
fn index_by_first(lines: &[(String, bool)]) -> Vec<Vec<u32>> {
    let mut index = vec![Vec::new(); 256];
    for (k, (p, _)) in lines.iter().enumerate() {
        let k = k as u32;
        match p.as_bytes().first() {
            Some(b'*') => index.iter_mut().for_each(|v| v.push(k)),
            Some(&b) => index[usize::from(b)].push(k),
            // An empty entry matches only an empty text, handled by the full scan.
            None => {}
        }
    }
    index
}

/// Lowercases and collapses whitespace runs to single spaces.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in crate::ws::words(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            out.push_str(w);
            // Only the part just pushed: earlier words are already lower case.
            let from = out.len() - w.len();
            if let Some(tail) = out.get_mut(from..) {
                tail.make_ascii_lowercase();
            }
        } else {
            for c in w.chars() {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// Glob match with `*` as "any run"; iterative with single backtrack point, so linear in
/// practice for the short lines it is used on.
fn glob(pat: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pat.len() && pat[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if p < pat.len() && pat[p] == text[t] {
            p += 1;
            t += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while p < pat.len() && pat[p] == b'*' {
        p += 1;
    }
    p == pat.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matches_wildcards() {
        assert!(glob(b"share on *", b"share on facebook"));
        assert!(!glob(b"share on *", b"share"));
        assert!(glob(b"*| home |*", b"menu | home | world"));
        assert!(glob(b"abc", b"abc"));
        assert!(!glob(b"abc", b"abcd"));
    }

    #[test]
    fn shipped_dictionary_parses_and_matches() {
        let f = Furniture::parse(SHIPPED, "furniture.txt").expect("shipped file parses");
        assert!(f.is_furniture_line("Accessibility links"));
        assert!(f.is_furniture_line("Read more »"));
        assert!(!f.is_furniture_line("Putin met Bush in Moscow on Tuesday."));
        assert!(f.is_furniture_line("By Jane Doe and John Roe"));
        assert!(!f.is_furniture_line("By Tuesday, the rebels had withdrawn from the town."));
        assert!(f.is_furniture_line("Remind me later."));
        assert!(f.is_end_marker("More on this story"));
        assert!(!f.is_end_marker("Advertisement"));
        assert!(f.is_furniture_line("Advertisement"));
        assert!(f.class_weight("share-buttons") < 0);
        assert!(f.class_weight("article-body share") > 0);
        assert_eq!(f.class_weight("headline"), 0);
        assert!(f.class_weight("top_ad") == 0 || f.class_weight("ad") < 0);
        assert!(f.class_weight("ad") < 0);
    }

    #[test]
    fn indexed_line_lookup_equals_a_scan_of_every_entry() {
        let f = Furniture::parse(SHIPPED, "furniture.txt").expect("shipped file parses");
        // The reference: every entry tried in file order, as before the index.
        let scan = |line: &str| {
            if line.split_whitespace().nth(SHORT_LINE_WORDS).is_some() {
                return None;
            }
            let lower_words = line
                .split_whitespace()
                .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                .count();
            if line.trim_end().ends_with('.') && lower_words >= 3 {
                return None;
            }
            let lower = normalise(line);
            let bare =
                lower.trim_end_matches(|c: char| ".:!?…,;|»›>-–—".contains(c) || c.is_whitespace());
            f.lines
                .iter()
                .find(|(p, _)| {
                    glob(p.as_bytes(), lower.as_bytes()) || glob(p.as_bytes(), bare.as_bytes())
                })
                .map(|(_, end)| *end)
        };
        let mut lines: Vec<String> = Vec::new();
        for (p, _) in &f.lines {
            let plain = p.replace('*', "");
            lines.push(plain.clone());
            lines.push(p.replace('*', " anything here "));
            lines.push(format!("{} »", plain.to_uppercase()));
            lines.push(format!("  {plain}:  "));
        }
        lines.extend(
            [
                "",
                "»",
                "...",
                "Putin met Bush.",
                "By Tuesday, the rebels had withdrawn.",
            ]
            .map(String::from),
        );
        for line in &lines {
            assert_eq!(f.line_entry(line), scan(line), "{line:?}");
        }
    }

    #[test]
    fn bad_section_is_an_error() {
        let err = Furniture::parse("[nope]\nx\n", "f.txt").unwrap_err();
        assert!(err.to_string().contains("f.txt:1"));
    }
}
