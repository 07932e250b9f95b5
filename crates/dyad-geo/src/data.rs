//! Readers for the gazetteer's data files.

use std::collections::HashSet;

use crate::{Entry, GeoError, PlaceKind};

/// The context words of `dictionaries/gazetteer-words.txt`.
#[derive(Clone, Debug, Default)]
pub struct Words {
    /// Lower-case locative words and phrases ("in", "near", "city of").
    pub locative: Vec<String>,
    /// Lower-case words that may be capitalised in a headline without being part of a name.
    pub function: HashSet<String>,
    /// Place names (as written) that are common words: taken only in a locative context.
    pub stop: HashSet<String>,
}

impl Words {
    /// Parses the `[section]`-headed word lists.
    pub fn parse(text: &str) -> Result<Words, GeoError> {
        let mut words = Words::default();
        let mut section = "";
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = match name {
                    "locative" => "locative",
                    "function" => "function",
                    "stop" => "stop",
                    _ => {
                        return Err(GeoError::Format {
                            file: "gazetteer-words.txt".into(),
                            line: n + 1,
                            msg: format!("unknown section [{name}]"),
                        })
                    }
                };
                continue;
            }
            match section {
                "locative" => words.locative.push(line.to_lowercase()),
                "function" => {
                    words.function.insert(line.to_lowercase());
                }
                "stop" => {
                    words.stop.insert(line.to_string());
                }
                _ => {
                    return Err(GeoError::Format {
                        file: "gazetteer-words.txt".into(),
                        line: n + 1,
                        msg: "entry before any [section]".into(),
                    })
                }
            }
        }
        Ok(words)
    }

    /// True when `before` (the sentence up to a name) ends with a locative word or phrase;
    /// only the words right before the name count.
    pub fn is_locative(&self, before: &str) -> bool {
        self.is_locative_lower(&before.trim_end().to_lowercase())
    }

    /// `is_locative` of text already trimmed at its end and lower-cased.
    pub fn is_locative_lower(&self, b: &str) -> bool {
        // The last byte is compared before the whole suffix: most words fail there.
        let last = b.as_bytes().last();
        self.locative
            .iter()
            .any(|w| w.as_bytes().last() == last && ends_with_word(b, w))
    }

    /// True when `before` ends with "state of" ("the U.S. state of Colorado").
    pub fn ends_with_state_of(&self, before: &str) -> bool {
        Words::ends_with_state_of_lower(&before.trim_end().to_lowercase())
    }

    /// `ends_with_state_of` of text already trimmed at its end and lower-cased.
    pub fn ends_with_state_of_lower(b: &str) -> bool {
        ends_with_word(b, "state of")
    }
}

/// `s` ends with the whole word(s) `w`.
fn ends_with_word(s: &str, w: &str) -> bool {
    s.strip_suffix(w).is_some_and(|rest| {
        rest.chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Parses one gazetteer line: `kind name iso3 admin1 lat lon population alternates`.
pub(crate) fn parse_entry(line: &str) -> Result<(Entry, &str), String> {
    // The alternates (the eighth field) may hold no tabs; fields past it are ignored.
    let mut f = [""; 8];
    let mut n = 0;
    for (slot, field) in f.iter_mut().zip(line.split('\t')) {
        *slot = field;
        n += 1;
    }
    if n < 7 {
        return Err(format!("expected 8 tab-separated fields, found {n}"));
    }
    let kind = PlaceKind::parse(f[0]).ok_or_else(|| format!("unknown kind '{}'", f[0]))?;
    let num = |i: usize, what: &str| -> Result<f64, String> {
        f[i].parse::<f64>()
            .map_err(|_| format!("bad {what} '{}'", f[i]))
    };
    let lat = num(4, "latitude")?;
    let lon = num(5, "longitude")?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("coordinates out of range: {lat},{lon}"));
    }
    let population = f[6]
        .parse::<u64>()
        .map_err(|_| format!("bad population '{}'", f[6]))?;
    if f[1].is_empty() || f[2].len() != 3 {
        return Err("empty name or country code not ISO3".into());
    }
    Ok((
        Entry {
            kind,
            name: f[1].to_string(),
            country: f[2].to_string(),
            admin1: f[3].to_string(),
            lat,
            lon,
            population,
        },
        f[7],
    ))
}
