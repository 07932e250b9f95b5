//! The time lexicon (`dictionaries/time-words.txt`): data, not code.

use std::path::Path;

use crate::TimeError;
use dyad_doc::words::{FastMap as HashMap, WordSet};

/// The shipped lexicon, embedded so the binary is self-contained.
pub const SHIPPED_TIME_WORDS: &str = include_str!("../../../dictionaries/time-words.txt");

/// A calendar unit named in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// "day", "days".
    Day,
    /// "week", "weeks": dated by its Monday.
    Week,
    /// "weekend": dated by its Saturday.
    Weekend,
    /// "month", "months".
    Month,
    /// "year", "years".
    Year,
    /// "decade", "decades": counted in years.
    Decade,
}

/// A name form: lower-case, and whether the text must carry a final period ("oct.").
pub(crate) type Forms = HashMap<String, u8>;

/// Every word list dyad-time uses, keyed by lower-case form.
#[derive(Clone, Debug, Default)]
pub struct TimeWords {
    pub(crate) months: Forms,
    /// Monday = 0.
    pub(crate) weekdays: Forms,
    pub(crate) relative_days: HashMap<String, i64>,
    pub(crate) units: HashMap<String, Unit>,
    pub(crate) numbers: HashMap<String, i64>,
    pub(crate) last: WordSet,
    pub(crate) this: WordSet,
    pub(crate) next: WordSet,
    pub(crate) modifiers: WordSet,
    pub(crate) parts_of_day: WordSet,
    pub(crate) night: WordSet,
    pub(crate) ago: WordSet,
    /// Phrases, each as lower-case words.
    pub(crate) eve: Vec<Vec<String>>,
    pub(crate) period_prefix: WordSet,
    pub(crate) date_prepositions: WordSet,
    pub(crate) future: WordSet,
    pub(crate) past: WordSet,
    pub(crate) reporting: WordSet,
    pub(crate) clause_boundary: WordSet,
    pub(crate) subordinators: WordSet,
    /// Lower-case words that can begin an expression without a capital or a digit
    /// ("yesterday", "last", "two", "on" of "on the eve of"): derived after parsing, so the
    /// scan can pass over every other lower-case word without trying the patterns.
    pub(crate) starters: WordSet,
    /// Lower-case word → the [`class`] bits of the lists it is in: derived after parsing, so
    /// a token is classified with one look-up instead of one per list.
    pub(crate) classes: HashMap<String, u16>,
}

/// Bits of a lower-case word's class ([`TimeWords::classes`]).
pub(crate) mod class {
    /// A month name form ("june", "oct.").
    pub const MONTH: u16 = 1;
    /// A month abbreviation without the period its table form carries ("oct" of "oct.").
    pub const MONTH_DOT: u16 = 1 << 1;
    /// A weekday name form.
    pub const WEEKDAY: u16 = 1 << 2;
    /// A `[relative-day]` word ("yesterday").
    pub const RELATIVE: u16 = 1 << 3;
    /// A `[number]` word ("two").
    pub const NUMBER: u16 = 1 << 4;
    /// A word that can begin a modified expression: `[modifier]`, `[last]`, `[this]`, `[next]`.
    pub const DIRECTION: u16 = 1 << 5;
    /// The first word of an `[eve]` phrase.
    pub const EVE: u16 = 1 << 6;
    /// In [`super::TimeWords::starters`].
    pub const STARTER: u16 = 1 << 7;
}

impl TimeWords {
    /// Parses the `time-words.txt` format; `origin` names the source in errors.
    pub fn parse(text: &str, origin: &str) -> Result<TimeWords, TimeError> {
        let mut w = TimeWords::default();
        let mut section = String::new();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| TimeError::Dictionary {
                origin: origin.to_string(),
                line: n + 1,
                message,
            };
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.to_string();
                continue;
            }
            let lower = line.to_lowercase();
            let fields: Vec<&str> = lower.split_whitespace().collect();
            match section.as_str() {
                "month" | "weekday" => {
                    let (max, map) = if section == "month" {
                        (12, &mut w.months)
                    } else {
                        (7, &mut w.weekdays)
                    };
                    let number: u8 = fields
                        .first()
                        .and_then(|f| f.parse().ok())
                        .filter(|&k| (1..=max).contains(&k))
                        .ok_or_else(|| err(format!("expected a number 1-{max} first")))?;
                    if fields.len() < 2 {
                        return Err(err("expected names after the number".into()));
                    }
                    let value = if section == "month" {
                        number
                    } else {
                        number - 1
                    };
                    for f in &fields[1..] {
                        map.insert((*f).to_string(), value);
                    }
                }
                "relative-day" | "number" => {
                    let [word, value] = fields[..] else {
                        return Err(err("expected a word and a number".into()));
                    };
                    let value: i64 = value
                        .parse()
                        .map_err(|_| err(format!("{value:?} is not a number")))?;
                    let map = if section == "number" {
                        &mut w.numbers
                    } else {
                        &mut w.relative_days
                    };
                    map.insert(word.to_string(), value);
                }
                "unit" => {
                    let unit = match fields.first().copied() {
                        Some("day") => Unit::Day,
                        Some("week") => Unit::Week,
                        Some("weekend") => Unit::Weekend,
                        Some("month") => Unit::Month,
                        Some("year") => Unit::Year,
                        Some("decade") => Unit::Decade,
                        other => return Err(err(format!("unknown unit {other:?}"))),
                    };
                    for f in &fields[1..] {
                        w.units.insert((*f).to_string(), unit);
                    }
                }
                "eve" => w.eve.push(fields.iter().map(|f| f.to_string()).collect()),
                _ => {
                    let set = match section.as_str() {
                        "last" => &mut w.last,
                        "this" => &mut w.this,
                        "next" => &mut w.next,
                        "modifier" => &mut w.modifiers,
                        "part-of-day" => &mut w.parts_of_day,
                        "night" => &mut w.night,
                        "ago" => &mut w.ago,
                        "period-prefix" => &mut w.period_prefix,
                        "date-preposition" => &mut w.date_prepositions,
                        "future" => &mut w.future,
                        "past" => &mut w.past,
                        "reporting" => &mut w.reporting,
                        "clause-boundary" => &mut w.clause_boundary,
                        "subordinator" => &mut w.subordinators,
                        "" => return Err(err("entry before any [section]".into())),
                        other => return Err(err(format!("unknown section [{other}]"))),
                    };
                    if fields.len() != 1 {
                        return Err(err(format!("expected one word, got {line:?}")));
                    }
                    set.insert(fields[0].to_string());
                }
            }
        }
        // Longest eve phrase first, so "on the eve of" wins over "the eve of".
        w.eve.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let starters: WordSet = w
            .eve
            .iter()
            .filter_map(|p| p.first().cloned())
            .chain(w.modifiers.iter().cloned())
            .chain(w.last.iter().cloned())
            .chain(w.this.iter().cloned())
            .chain(w.next.iter().cloned())
            .chain(w.numbers.keys().cloned())
            .chain(w.relative_days.keys().cloned())
            .collect();
        w.starters = starters;
        w.classes = classes_of(&w);
        Ok(w)
    }

    /// The [`class`] bits of a lower-case word (0 when it is in no list).
    pub(crate) fn class_of(&self, lower: &str) -> u16 {
        self.classes.get(lower).copied().unwrap_or(0)
    }

    /// Reads and parses a replacement lexicon from a file.
    pub fn from_file(path: &Path) -> Result<TimeWords, TimeError> {
        let text = std::fs::read_to_string(path).map_err(|source| TimeError::Io {
            path: path.display().to_string(),
            source,
        })?;
        TimeWords::parse(&text, &path.display().to_string())
    }

    /// The shipped lexicon.
    pub fn shipped() -> Result<TimeWords, TimeError> {
        TimeWords::parse(SHIPPED_TIME_WORDS, "dictionaries/time-words.txt")
    }

    /// Looks `word` (as written) up in a name table: the table holds lower-case forms, some
    /// with a final period that the text must carry too.
    pub(crate) fn name(map: &Forms, word: &str) -> Option<u8> {
        if !word.starts_with(char::is_uppercase) {
            return None;
        }
        let lower = word.to_lowercase();
        map.get(&lower).copied()
    }

    /// [`TimeWords::name`] when the lower-case form of `word` is known already.
    pub(crate) fn name_lower(map: &Forms, word: &str, lower: &str) -> Option<u8> {
        if !word.starts_with(char::is_uppercase) {
            return None;
        }
        map.get(lower).copied()
    }
}

/// The merged class table of a parsed lexicon.
fn classes_of(w: &TimeWords) -> HashMap<String, u16> {
    let mut classes: HashMap<String, u16> = HashMap::default();
    let mut add = |word: &str, bit: u16| *classes.entry(word.to_string()).or_default() |= bit;
    for m in w.months.keys() {
        add(m, class::MONTH);
        // `month_loose` looks the word up with a period added.
        if let Some(bare) = m.strip_suffix('.') {
            add(bare, class::MONTH_DOT);
        }
    }
    for d in w.weekdays.keys() {
        add(d, class::WEEKDAY);
    }
    for r in w.relative_days.keys() {
        add(r, class::RELATIVE);
    }
    for n in w.numbers.keys() {
        add(n, class::NUMBER);
    }
    for set in [&w.modifiers, &w.last, &w.this, &w.next] {
        for d in set.iter() {
            add(d, class::DIRECTION);
        }
    }
    for p in &w.eve {
        if let Some(first) = p.first() {
            add(first, class::EVE);
        }
    }
    for s in w.starters.iter() {
        add(s, class::STARTER);
    }
    classes
}
