//! Time expressions ("yesterday", "Thursday", "24 June 2005") resolved against the
//! publication date, with a precision; and the dating of events.
//!
//! [`resolve_times`] scans the tokens of every sentence once and fills `doc.times`. Words
//! (months, weekdays, "yesterday", "ago", tense cues, clause cues) come from
//! `dictionaries/time-words.txt`; the patterns over them are here. Conventions:
//! - a relative expression ("yesterday", "Thursday", "last month", "in May", "June 24")
//!   needs the publication date; without it only expressions that carry their year resolve;
//! - a weekday, a month, or a month and day without a year point to the nearest past
//!   occurrence (the publication day itself included), or the nearest future one when the
//!   verb group nearest to them in their clause is future ("will meet on Thursday");
//!   "last"/"next" force the direction and skip the publication day's own weekday;
//! - week expressions resolve to the Monday of that week with `day` precision ("last week"
//!   is the Monday of the previous week; "last weekend" its Saturday), because the document
//!   model has no week precision and a period is dated by its first day;
//! - months and years get `month` and `year` precision and the first day of the period;
//!   "mid-June" and "early 2004" are the month and the year; a decade ("the 1990s") is its
//!   first year with `year` precision; "N years ago" is the year, "N days ago" the day;
//! - "on the eve of X" is the day before X when a day-precise expression follows within a
//!   few words, else the day before publication;
//! - "in the past" and other vague phrases produce nothing.
//!
//! [`date_events`] gives each event the expression nearest its verb within its own clause,
//! else the publication date with `day` precision, else no date. Clauses are approximated
//! without a parser: `;`, `:`, dashes and quotation marks end a clause; "but" and
//! complementiser "that" start one; a subordinator or relative pronoun ("after", "while",
//! "who", "which") starts one that a comma closes, after which the interrupted clause resumes
//! ("Putin, who arrived Monday, met Bush Tuesday": "met" is dated Tuesday); and a short
//! reporting frame after a comma (", he said.", ", said the minister,") is a clause of its own.
//! All these words are in `dictionaries/time-words.txt`.

mod clause;
mod lexicon;

use std::cell::OnceCell;
use std::sync::OnceLock;

use dyad_doc::{DatePrecision, Document, Span, TimeExpr, Token, TokenKind};
use jiff::civil::Date;

pub use lexicon::{TimeWords, Unit, SHIPPED_TIME_WORDS};

use lexicon::class;

/// Bits of a token's class, made once per document ([`TimeResolver::token_flags`]): each is
/// a necessary condition of one or more patterns of [`TimeResolver::match_at`], so a pattern
/// is tried only at the tokens that can start it.
mod tok {
    /// [`super::TimeResolver::may_start`]'s test: a digit or capital first, a hyphen, or a
    /// `starters` word.
    pub const MAY_START: u16 = 1;
    /// A number token (ISO dates, bare years, "60 years ago").
    pub const NUMBER: u16 = 1 << 1;
    /// Starts with an ASCII digit (days, decades).
    pub const DIGIT: u16 = 1 << 2;
    /// Holds a hyphen ("mid-June").
    pub const HYPHEN: u16 = 1 << 3;
    /// A capitalised month name form.
    pub const MONTH: u16 = 1 << 4;
    /// A capitalised month abbreviation missing its period ("Oct").
    pub const MONTH_LOOSE: u16 = 1 << 5;
    /// A capitalised weekday name form.
    pub const WEEKDAY: u16 = 1 << 6;
    /// A relative day word ("yesterday").
    pub const RELATIVE: u16 = 1 << 7;
    /// A number word ("two").
    pub const NUMBER_WORD: u16 = 1 << 8;
    /// A word that begins a modified expression ("last", "earlier").
    pub const DIRECTION: u16 = 1 << 9;
    /// The first word of an "eve of" phrase.
    pub const EVE: u16 = 1 << 10;
}

/// Errors from loading the time lexicon.
#[derive(Debug, thiserror::Error)]
pub enum TimeError {
    /// A line of the lexicon is malformed.
    #[error("{origin}:{line}: {message}")]
    Dictionary {
        origin: String,
        line: usize,
        message: String,
    },
    /// The lexicon could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Fills `doc.times` from the sentences and `doc.meta.pub_date`, with the shipped lexicon.
pub fn resolve_times(doc: &mut Document) {
    TimeResolver::shipped().resolve_times(doc);
}

/// How many tokens either side of a time phrase [`TimeResolver`] searches for a tense cue.
const TENSE_WINDOW: usize = 15;

/// Sets every event's `date` and `date_precision`, with the shipped lexicon.
pub fn date_events(doc: &mut Document) {
    TimeResolver::shipped().date_events(doc);
}

/// Finds and resolves time expressions with a given lexicon.
#[derive(Clone, Debug, Default)]
pub struct TimeResolver {
    words: TimeWords,
}

/// A match: the token index after it, its date, precision and rule.
struct Found {
    start: usize,
    end: usize,
    date: Date,
    precision: DatePrecision,
    rule: String,
}

/// The texts and lower-case forms of a document's tokens, made once per document: the
/// lower-case forms of capitalised tokens go into one buffer, not one `String` each, and no
/// sentence allocates its own lists.
struct DocWords<'a> {
    texts: Vec<&'a str>,
    buf: String,
    /// Per token, its lower-case form's range in `buf`; `None` when the text is lower case.
    lower_at: Vec<Option<(usize, usize)>>,
}

impl<'a> DocWords<'a> {
    fn new(doc: &'a Document) -> DocWords<'a> {
        let n = doc.tokens.len();
        let mut w = DocWords {
            texts: Vec::with_capacity(n),
            buf: String::new(),
            lower_at: Vec::with_capacity(n),
        };
        for t in &doc.tokens {
            let text = doc.text.get(t.span.range()).unwrap_or("");
            w.texts.push(text);
            // ASCII (most tokens) is tested and lower-cased byte by byte.
            let upper = if text.is_ascii() {
                text.bytes().any(|b| b.is_ascii_uppercase())
            } else {
                text.chars().any(char::is_uppercase)
            };
            if upper {
                let from = w.buf.len();
                if text.is_ascii() {
                    w.buf.push_str(text);
                    if let Some(added) = w.buf.get_mut(from..) {
                        added.make_ascii_lowercase();
                    }
                } else {
                    w.buf.push_str(&text.to_lowercase());
                }
                w.lower_at.push(Some((from, w.buf.len())));
            } else {
                w.lower_at.push(None);
            }
        }
        w
    }

    /// Every token's lower-case form, borrowed from the text or the buffer.
    fn lowers(&self) -> Vec<&str> {
        self.lower_at
            .iter()
            .zip(&self.texts)
            .map(|(at, &text)| match at {
                Some((a, b)) => self.buf.get(*a..*b).unwrap_or(""),
                None => text,
            })
            .collect()
    }
}

/// One sentence's tokens with their texts and lower-case forms (slices of the document's,
/// see [`DocWords`]).
struct View<'v, 'a> {
    toks: &'a [Token],
    texts: &'v [&'a str],
    lower: &'v [&'v str],
    /// Per token, its [`tok`] bits; empty where no pattern is tried (event dating).
    flags: &'v [u16],
    /// Clause ids, computed on first use: most sentences hold no expression whose tense
    /// must be read, and the clause analysis is a pass with several look-ups per token.
    clauses: OnceCell<Vec<u32>>,
}

impl View<'_, '_> {
    fn len(&self) -> usize {
        self.toks.len()
    }
    fn lower(&self, i: usize) -> &str {
        self.lower.get(i).copied().unwrap_or("")
    }
    fn flags(&self, i: usize) -> u16 {
        self.flags.get(i).copied().unwrap_or(0)
    }
    fn text(&self, i: usize) -> &str {
        self.texts.get(i).copied().unwrap_or("")
    }
    /// The clause id of every token.
    fn clauses(&self, words: &TimeWords) -> &[u32] {
        self.clauses
            .get_or_init(|| clause::clause_ids(words, self.toks, self.texts, self.lower))
    }
    /// [`TimeWords::name`] of token `i`, with its lower-case form already at hand.
    fn name(&self, map: &lexicon::Forms, i: usize) -> Option<u8> {
        TimeWords::name_lower(map, self.text(i), self.lower(i))
    }
}

/// Which way a modifier points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Last,
    This,
    Next,
}

impl TimeResolver {
    /// A resolver using the given lexicon.
    pub fn new(words: TimeWords) -> TimeResolver {
        TimeResolver { words }
    }

    /// The resolver with the shipped lexicon, parsed once per process.
    pub fn shipped() -> &'static TimeResolver {
        static SHIPPED: OnceLock<TimeResolver> = OnceLock::new();
        // The shipped file is tested to parse; an empty lexicon is the safe fallback.
        SHIPPED.get_or_init(|| TimeResolver::new(TimeWords::shipped().unwrap_or_default()))
    }

    /// Sentence `s`'s view; `texts` and `lower` are every token's of the document.
    fn view<'v, 'a>(
        &self,
        doc: &'a Document,
        texts: &'v [&'a str],
        lower: &'v [&'v str],
        flags: &'v [u16],
        s: usize,
    ) -> Option<View<'v, 'a>> {
        let range = doc.sentences.get(s)?.tokens.range();
        Some(View {
            toks: doc.tokens.get(range.clone())?,
            texts: texts.get(range.clone())?,
            lower: lower.get(range.clone())?,
            // Event dating passes no flags: it reads clauses only.
            flags: flags.get(range).unwrap_or(&[]),
            clauses: OnceCell::new(),
        })
    }

    /// Fills `doc.times` from the sentences and `doc.meta.pub_date`.
    pub fn resolve_times(&self, doc: &mut Document) {
        let pub_date = doc.meta.pub_date;
        let mut times = Vec::new();
        let words = DocWords::new(doc);
        let lower = words.lowers();
        let flags = self.token_flags(doc, &words.texts, &lower);
        for s in 0..doc.sentences.len() {
            let Some(v) = self.view(doc, &words.texts, &lower, &flags, s) else {
                continue;
            };
            let mut i = 0;
            while i < v.len() {
                if !self.may_start(&v, i) {
                    i += 1;
                    continue;
                }
                match self.match_at(&v, i, pub_date, true) {
                    Some(f) if f.end > i => {
                        times.push(TimeExpr {
                            span: Span {
                                start: v.toks[f.start].span.start,
                                end: v.toks[f.end - 1].span.end,
                            },
                            sentence: s as u32,
                            date: f.date,
                            precision: f.precision,
                            rule: f.rule,
                        });
                        i = f.end;
                    }
                    _ => i += 1,
                }
            }
        }
        doc.times = times;
    }

    /// Sets each event's date: the time expression nearest its verb in its own clause, else
    /// the publication date (`day`), else none. Without a verb span, the sentence's first
    /// time expression stands in for the clause's.
    pub fn date_events(&self, doc: &mut Document) {
        let pub_date = doc.meta.pub_date;
        // `doc.times` is in sentence order; if another stage broke that, sort a copy.
        let mut times: Vec<&TimeExpr> = doc.times.iter().collect();
        if !times.windows(2).all(|w| w[0].sentence <= w[1].sentence) {
            times.sort_by_key(|t| t.sentence);
        }
        // The clause analysis of the last sentence looked at: events come in sentence order,
        // so each sentence is analysed once.
        // The document's words, made when the first event needs its clause.
        let words: OnceCell<DocWords> = OnceCell::new();
        let lower: OnceCell<Vec<&str>> = OnceCell::new();
        let mut cached: Option<(u32, View)> = None;
        let mut dates = Vec::with_capacity(doc.events.len());
        for e in &doc.events {
            let from = times.partition_point(|t| t.sentence < e.sentence);
            let to = times.partition_point(|t| t.sentence <= e.sentence);
            let in_sentence = &times[from..to];
            let chosen = match e.verb {
                None => in_sentence.first().copied(),
                Some(_) if in_sentence.is_empty() => None,
                Some(verb) => {
                    if cached.as_ref().is_none_or(|(s, _)| *s != e.sentence) {
                        let words = words.get_or_init(|| DocWords::new(doc));
                        let lower = lower.get_or_init(|| words.lowers());
                        cached = self
                            .view(doc, &words.texts, lower, &[], e.sentence as usize)
                            .map(|v| (e.sentence, v));
                    }
                    cached.as_ref().and_then(|(_, v)| {
                        let clauses = v.clauses(&self.words);
                        let clause_of = |at: u32| {
                            let k = v.toks.partition_point(|t| t.span.end <= at);
                            clauses.get(k).copied()
                        };
                        let verb_clause = clause_of(verb.start)?;
                        // Times are in text order: the nearest in the verb's clause is the
                        // first one found walking outwards from the verb on either side.
                        let split = in_sentence.partition_point(|t| t.span.start < verb.start);
                        let same = |t: &&&TimeExpr| clause_of(t.span.start) == Some(verb_clause);
                        let before = in_sentence[..split].iter().rev().find(same);
                        let after = in_sentence[split..].iter().find(same);
                        [before, after]
                            .into_iter()
                            .flatten()
                            .min_by_key(|t| span_distance(t.span, verb))
                            .copied()
                    })
                }
            };
            dates.push(match chosen {
                Some(t) => (Some(t.date), Some(t.precision)),
                None => (pub_date, pub_date.map(|_| DatePrecision::Day)),
            });
        }
        drop(cached);
        drop(lower);
        drop(words);
        for (e, (date, precision)) in doc.events.iter_mut().zip(dates) {
            e.date = date;
            e.date_precision = precision;
        }
    }

    /// Whether an expression can start at token `i`: a necessary condition of every pattern
    /// of [`TimeResolver::match_at`], checked first because most tokens start none. Numbers,
    /// ordinals, years and decades start with a digit; month and weekday names with a
    /// capital; "mid-June" holds a hyphen; every other start is a lexicon word (`starters`).
    fn may_start(&self, v: &View, i: usize) -> bool {
        v.flags(i) & tok::MAY_START != 0
    }

    /// Every token's [`tok`] bits: one look-up of its lower-case form in the merged class
    /// table, plus tests of its first byte, kind and hyphen.
    fn token_flags(&self, doc: &Document, texts: &[&str], lower: &[&str]) -> Vec<u16> {
        doc.tokens
            .iter()
            .zip(texts.iter().zip(lower))
            .map(|(t, (&text, &low))| {
                let class = self.words.class_of(low);
                let has = |bit: u16| class & bit != 0;
                let digit = text.starts_with(|c: char| c.is_ascii_digit());
                let capital = text.starts_with(char::is_uppercase);
                let hyphen = text.contains('-');
                let mut f = 0;
                let mut set = |on: bool, bit: u16| {
                    if on {
                        f |= bit;
                    }
                };
                set(
                    digit || capital || hyphen || has(class::STARTER),
                    tok::MAY_START,
                );
                set(t.kind == TokenKind::Number, tok::NUMBER);
                set(digit, tok::DIGIT);
                set(hyphen, tok::HYPHEN);
                set(capital && has(class::MONTH), tok::MONTH);
                set(
                    capital && !text.ends_with('.') && has(class::MONTH_DOT),
                    tok::MONTH_LOOSE,
                );
                set(capital && has(class::WEEKDAY), tok::WEEKDAY);
                set(has(class::RELATIVE), tok::RELATIVE);
                set(has(class::NUMBER), tok::NUMBER_WORD);
                set(has(class::DIRECTION), tok::DIRECTION);
                set(has(class::EVE), tok::EVE);
                f
            })
            .collect()
    }

    /// The expression starting at token `i`, if any. `eve` allows the "eve of" rule (which
    /// looks ahead with this function and must not recurse into itself).
    /// Each pattern is tried only when the token has the [`tok`] bit its first check needs,
    /// in the same order as before, so the first match is the same.
    fn match_at(&self, v: &View, i: usize, pub_date: Option<Date>, eve: bool) -> Option<Found> {
        let flags = v.flags(i);
        let has = |bits: u16| flags & bits != 0;
        let absolute = when(has(tok::NUMBER), || self.iso(v, i))
            .or_else(|| when(has(tok::DIGIT), || self.decade(v, i)))
            .or_else(|| when(has(tok::HYPHEN), || self.compound(v, i, pub_date)))
            .or_else(|| when(has(tok::DIGIT), || self.day_month(v, i, pub_date)))
            .or_else(|| {
                when(has(tok::MONTH | tok::MONTH_LOOSE), || {
                    self.month_first(v, i, pub_date)
                })
            })
            .or_else(|| when(has(tok::NUMBER), || self.bare_year(v, i)));
        if absolute.is_some() {
            return absolute;
        }
        let pub_date = pub_date?;
        if eve && has(tok::EVE) {
            if let Some(f) = self.eve_of(v, i, pub_date) {
                return Some(f);
            }
        }
        when(has(tok::DIRECTION), || self.modified(v, i, pub_date))
            .or_else(|| {
                when(has(tok::NUMBER | tok::NUMBER_WORD), || {
                    self.ago(v, i, pub_date)
                })
            })
            .or_else(|| when(has(tok::RELATIVE), || self.relative_day(v, i, pub_date)))
            .or_else(|| when(has(tok::WEEKDAY), || self.weekday(v, i, pub_date)))
    }

    /// "2004-04-08".
    fn iso(&self, v: &View, i: usize) -> Option<Found> {
        if v.toks.get(i)?.kind != TokenKind::Number {
            return None;
        }
        let s = v.text(i);
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y: i16 = s.get(0..4)?.parse().ok()?;
        let m: i8 = s.get(5..7)?.parse().ok()?;
        let d: i8 = s.get(8..10)?.parse().ok()?;
        found(
            i,
            i + 1,
            Date::new(y, m, d).ok()?,
            DatePrecision::Day,
            "iso-date",
        )
    }

    /// "the 1990s".
    fn decade(&self, v: &View, i: usize) -> Option<Found> {
        let s = v.text(i).strip_suffix('s')?;
        if s.len() != 4 || !s.ends_with('0') {
            return None;
        }
        let y = year_value(s)?;
        found(
            i,
            i + 1,
            Date::new(y, 1, 1).ok()?,
            DatePrecision::Year,
            "decade",
        )
    }

    /// "mid-June", "early-2004" written as one hyphenated word.
    fn compound(&self, v: &View, i: usize, pub_date: Option<Date>) -> Option<Found> {
        let text = v.text(i);
        let (prefix, rest) = text.split_once('-')?;
        if !self.words.period_prefix.contains(&prefix.to_lowercase()) {
            return None;
        }
        if let Some(y) = year_value(rest) {
            return found(
                i,
                i + 1,
                Date::new(y, 1, 1).ok()?,
                DatePrecision::Year,
                "period-year",
            );
        }
        let m = TimeWords::name(&self.words.months, rest)?;
        self.bare_month(v, i, pub_date?, m, "period-month")
    }

    /// "24 June 2005", "3 Oct.", "24th June".
    fn day_month(&self, v: &View, i: usize, pub_date: Option<Date>) -> Option<Found> {
        let d = day_value(v, i)?;
        let m = v
            .name(&self.words.months, i + 1)
            .or_else(|| self.month_loose(v, i + 1))?;
        if let Some((y, end)) = self.year_after(v, i + 2) {
            return found(
                i,
                end,
                Date::new(y, m as i8, d).ok()?,
                DatePrecision::Day,
                "day-month-year",
            );
        }
        self.month_day_inferred(v, i, i + 2, m, d, pub_date?, "day-month")
    }

    /// Dates that start with a month: "June 24, 2005", "June 24", "October 2003", "in May".
    fn month_first(&self, v: &View, i: usize, pub_date: Option<Date>) -> Option<Found> {
        let strict = v.name(&self.words.months, i);
        let m = strict.or_else(|| self.month_loose(v, i))?;
        if let Some(d) = day_value(v, i + 1) {
            let mut k = i + 2;
            if v.text(k) == "," {
                k += 1;
            }
            if let Some((y, end)) = self.year_after(v, k) {
                return found(
                    i,
                    end,
                    Date::new(y, m as i8, d).ok()?,
                    DatePrecision::Day,
                    "month-day-year",
                );
            }
            return self.month_day_inferred(v, i, i + 2, m, d, pub_date?, "month-day");
        }
        if let Some((y, end)) = self.year_after(v, i + 1) {
            return found(
                i,
                end,
                Date::new(y, m as i8, 1).ok()?,
                DatePrecision::Month,
                "month-year",
            );
        }
        // A bare month name must be written in full or with its period, and follow a date
        // preposition: "in May", not "May I"; "in Jan." but not "in Jan".
        strict?;
        let prev = i.checked_sub(1).map(|p| v.lower(p))?;
        if !self.words.date_prepositions.contains(prev) {
            return None;
        }
        self.bare_month(v, i, pub_date?, m, "month")
    }

    /// A month abbreviation written without its period ("Oct" for "Oct."): accepted only next
    /// to a day or a year, where it cannot be a name.
    fn month_loose(&self, v: &View, i: usize) -> Option<u8> {
        let word = v.text(i);
        if word.ends_with('.') || !word.starts_with(char::is_uppercase) {
            return None;
        }
        // The key is the lower-case form with a period; short words are built on the stack
        // (this runs for every capitalised word).
        let lower = v.lower(i);
        let mut buf = [0u8; 32];
        match buf.get_mut(..=lower.len()) {
            Some(key) => {
                let (head, dot) = key.split_at_mut(lower.len());
                head.copy_from_slice(lower.as_bytes());
                dot.fill(b'.');
                let key = std::str::from_utf8(key).ok()?;
                self.words.months.get(key).copied()
            }
            None => self.words.months.get(&format!("{lower}.")).copied(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn month_day_inferred(
        &self,
        v: &View,
        start: usize,
        end: usize,
        m: u8,
        d: i8,
        pub_date: Date,
        rule: &str,
    ) -> Option<Found> {
        let future = self.future(v, start, end);
        let here = (m as i8, d);
        let now = (pub_date.month(), pub_date.day());
        let y = pub_date.year();
        let y = match (future, here <= now, here >= now) {
            (false, true, _) => y,
            (false, false, _) => y.checked_sub(1)?,
            (true, _, true) => y,
            (true, _, false) => y.checked_add(1)?,
        };
        found(
            start,
            end,
            Date::new(y, m as i8, d).ok()?,
            DatePrecision::Day,
            tense_rule(rule, future),
        )
    }

    /// A year at token `k` (after an optional comma): "2005".
    fn year_after(&self, v: &View, k: usize) -> Option<(i16, usize)> {
        let k = if v.text(k) == "," { k + 1 } else { k };
        if v.toks.get(k)?.kind != TokenKind::Number {
            return None;
        }
        year_value(v.text(k)).map(|y| (y, k + 1))
    }

    /// "in 1999", "by 2003", "early 2004".
    fn bare_year(&self, v: &View, i: usize) -> Option<Found> {
        if v.toks.get(i)?.kind != TokenKind::Number {
            return None;
        }
        let y = year_value(v.text(i)).filter(|y| (1800..=2199).contains(y))?;
        let prev = i.checked_sub(1).map(|p| v.lower(p))?;
        if !self.words.date_prepositions.contains(prev) {
            return None;
        }
        found(
            i,
            i + 1,
            Date::new(y, 1, 1).ok()?,
            DatePrecision::Year,
            "year",
        )
    }

    /// "on the eve of": the day before what follows, else before publication.
    fn eve_of(&self, v: &View, i: usize, pub_date: Date) -> Option<Found> {
        let phrase = self
            .words
            .eve
            .iter()
            .find(|p| p.iter().enumerate().all(|(k, w)| v.lower(i + k) == w))?;
        let end = i + phrase.len();
        let anchor = (end..(end + 6).min(v.len()))
            .find_map(|j| self.match_at(v, j, Some(pub_date), false))
            .filter(|f| f.precision == DatePrecision::Day);
        let (base, rule) = match anchor {
            Some(f) => (f.date, format!("eve-of (day before {})", f.rule)),
            None => (pub_date, "eve-of (day before publication)".to_string()),
        };
        let date = add_days(base, -1)?;
        Some(Found {
            start: i,
            end,
            date,
            precision: DatePrecision::Day,
            rule,
        })
    }

    /// "last week", "earlier this month", "next year", "last Thursday", "last May",
    /// "last night", "this morning".
    fn modified(&self, v: &View, i: usize, pub_date: Date) -> Option<Found> {
        let mut k = i;
        if self.words.modifiers.contains(v.lower(k)) && self.words.this.contains(v.lower(k + 1)) {
            k += 1;
        }
        let word = v.lower(k);
        let dir = if self.words.last.contains(word) {
            Dir::Last
        } else if self.words.this.contains(word) {
            Dir::This
        } else if self.words.next.contains(word) {
            Dir::Next
        } else {
            return None;
        };
        let w = k + 1;
        let head = v.lower(w);
        let name = match dir {
            Dir::Last => "last",
            Dir::This => "this",
            Dir::Next => "next",
        };
        if let Some(&unit) = self.words.units.get(head) {
            let step: i64 = match dir {
                Dir::Last => -1,
                Dir::This => 0,
                Dir::Next => 1,
            };
            let monday = add_days(
                pub_date,
                -i64::from(pub_date.weekday().to_monday_zero_offset()),
            )?;
            let (date, precision) = match unit {
                Unit::Week => (add_days(monday, 7 * step)?, DatePrecision::Day),
                Unit::Weekend => (add_days(monday, 7 * step + 5)?, DatePrecision::Day),
                Unit::Month => (
                    add_months(pub_date.first_of_month(), step)?,
                    DatePrecision::Month,
                ),
                Unit::Year => (
                    Date::new(pub_date.year().checked_add(step as i16)?, 1, 1).ok()?,
                    DatePrecision::Year,
                ),
                Unit::Day | Unit::Decade => return None,
            };
            return found(
                i,
                w + 1,
                date,
                precision,
                format!("{name}-{}", unit_name(unit)),
            );
        }
        if let Some(wd) = v.name(&self.words.weekdays, w) {
            let future = match dir {
                Dir::Last => false,
                Dir::Next => true,
                Dir::This => self.future(v, i, w + 1),
            };
            let date = weekday_date(pub_date, wd, future, dir != Dir::This)?;
            let end = self.part_of_day_end(v, w + 1);
            return found(i, end, date, DatePrecision::Day, format!("{name}-weekday"));
        }
        if let Some(m) = v.name(&self.words.months, w) {
            let y = match dir {
                Dir::This => pub_date.year(),
                _ => month_year(pub_date, m, dir, false),
            };
            return found(
                i,
                w + 1,
                Date::new(y, m as i8, 1).ok()?,
                DatePrecision::Month,
                format!("{name}-month"),
            );
        }
        if self.words.parts_of_day.contains(head) {
            let offset = match dir {
                Dir::Last if self.words.night.contains(head) => -1,
                Dir::This => 0,
                _ => return None,
            };
            return found(
                i,
                w + 1,
                add_days(pub_date, offset)?,
                DatePrecision::Day,
                format!("{name}-{head}"),
            );
        }
        None
    }

    /// "two days ago", "60 years ago", "a week ago".
    fn ago(&self, v: &View, i: usize, pub_date: Date) -> Option<Found> {
        let n: i64 = match v.toks.get(i)?.kind {
            TokenKind::Number => v
                .text(i)
                .parse()
                .ok()
                .filter(|n| (1..=10_000).contains(n))?,
            _ => *self.words.numbers.get(v.lower(i))?,
        };
        let unit = *self.words.units.get(v.lower(i + 1))?;
        if !self.words.ago.contains(v.lower(i + 2)) {
            return None;
        }
        let (date, precision) = match unit {
            Unit::Day => (add_days(pub_date, -n)?, DatePrecision::Day),
            Unit::Week => (add_days(pub_date, -7 * n)?, DatePrecision::Day),
            Unit::Month => (
                add_months(pub_date.first_of_month(), -n)?,
                DatePrecision::Month,
            ),
            Unit::Year | Unit::Decade => {
                let years = if unit == Unit::Decade { 10 * n } else { n };
                let y = i64::from(pub_date.year()) - years;
                (
                    Date::new(i16::try_from(y).ok()?, 1, 1).ok()?,
                    DatePrecision::Year,
                )
            }
            Unit::Weekend => return None,
        };
        found(
            i,
            i + 3,
            date,
            precision,
            format!("{}-ago", unit_name(unit)),
        )
    }

    /// "yesterday", "today's talks", "tomorrow morning".
    fn relative_day(&self, v: &View, i: usize, pub_date: Date) -> Option<Found> {
        let offset = *self.words.relative_days.get(v.lower(i))?;
        let end = self.part_of_day_end(v, i + 1);
        found(
            i,
            end,
            add_days(pub_date, offset)?,
            DatePrecision::Day,
            v.lower(i).to_string(),
        )
    }

    /// "Thursday", "on Thursday night".
    fn weekday(&self, v: &View, i: usize, pub_date: Date) -> Option<Found> {
        let wd = v.name(&self.words.weekdays, i)?;
        // "Thursday, Nov. 22": the explicit date that follows is the expression.
        let k = if v.text(i + 1) == "," { i + 2 } else { i + 1 };
        let date_follows = day_value(v, k).is_some() && v.name(&self.words.months, k + 1).is_some();
        if date_follows || v.name(&self.words.months, k).is_some() {
            return None;
        }
        let end = self.part_of_day_end(v, i + 1);
        let future = self.future(v, i, end);
        let date = weekday_date(pub_date, wd, future, false)?;
        found(
            i,
            end,
            date,
            DatePrecision::Day,
            tense_rule("weekday", future),
        )
    }

    /// The end of an expression extended by a part of day ("Thursday night").
    fn part_of_day_end(&self, v: &View, k: usize) -> usize {
        if self.words.parts_of_day.contains(v.lower(k)) {
            k + 1
        } else {
            k
        }
    }

    /// Whether the verb group nearest to tokens `start..end`, in their clause, is future.
    ///
    /// Looks outwards one token at a time (backwards first) for a `[future]` word or a past
    /// form (a `[past]` word or a lower-case word in "-ed"); the first found decides. No cue
    /// means past: news reports what happened.
    /// A month named without its year at token `i`: the year is the one in which the
    /// month last came (past tense) or next comes (future), counted from publication.
    fn bare_month(&self, v: &View, i: usize, pub_date: Date, m: u8, rule: &str) -> Option<Found> {
        let future = self.future(v, i, i + 1);
        let dir = if future { Dir::Next } else { Dir::Last };
        let y = month_year(pub_date, m, dir, true);
        found(
            i,
            i + 1,
            Date::new(y, m as i8, 1).ok()?,
            DatePrecision::Month,
            tense_rule(rule, future),
        )
    }

    fn future(&self, v: &View, start: usize, end: usize) -> bool {
        let clauses = v.clauses(&self.words);
        let Some(&clause) = clauses.get(start) else {
            return false;
        };
        let same = |k: usize| clauses.get(k) == Some(&clause);
        // The verb group governing a time phrase is close to it; a cap keeps long clauses linear.
        for d in 1..=TENSE_WINDOW.min(v.len()) {
            let back = start.checked_sub(d).filter(|&k| same(k));
            let fwd = Some(end - 1 + d).filter(|&k| k < v.len() && same(k));
            if back.is_none() && fwd.is_none() {
                break;
            }
            for k in [back, fwd].into_iter().flatten() {
                let w = v.lower(k);
                if self.words.future.contains(w) {
                    return true;
                }
                let past_form = v.toks[k].kind == TokenKind::Word
                    && v.text(k).starts_with(char::is_lowercase)
                    && w.len() > 4
                    && w.ends_with("ed");
                if self.words.past.contains(w) || past_form {
                    return false;
                }
            }
        }
        false
    }
}

fn found(
    start: usize,
    end: usize,
    date: Date,
    precision: DatePrecision,
    rule: impl Into<String>,
) -> Option<Found> {
    Some(Found {
        start,
        end,
        date,
        precision,
        rule: rule.into(),
    })
}

/// `f()` when `cond` holds: a pattern tried only at a token that can start it.
fn when(cond: bool, f: impl FnOnce() -> Option<Found>) -> Option<Found> {
    if cond {
        f()
    } else {
        None
    }
}

fn tense_rule(rule: &str, future: bool) -> String {
    format!("{rule} ({})", if future { "next" } else { "last" })
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Day => "day",
        Unit::Week => "week",
        Unit::Weekend => "weekend",
        Unit::Month => "month",
        Unit::Year => "year",
        Unit::Decade => "decade",
    }
}

/// Bytes between two spans (0 when they touch or overlap).
fn span_distance(a: Span, b: Span) -> u32 {
    // Zero when they overlap: one of the two differences saturates at 0.
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

/// A four-digit year 1000–2999.
fn year_value(s: &str) -> Option<i16> {
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|y| (1000..=2999).contains(y))
}

/// A day of the month at token `i`: "24", "24th"; a range of days ("24-25") gives its
/// first day, when the event began.
fn day_value(v: &View, i: usize) -> Option<i8> {
    let t = v.toks.get(i)?;
    let s = v.text(i);
    let digits = match t.kind {
        TokenKind::Number => match s.split_once('-') {
            Some((first, last)) => {
                let last_ok = !last.is_empty()
                    && last.len() <= 2
                    && last.bytes().all(|b| b.is_ascii_digit())
                    && last.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
                if !last_ok {
                    return None;
                }
                first
            }
            None => s,
        },
        TokenKind::Word => {
            let lower = v.lower(i);
            ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|suffix| lower.strip_suffix(suffix))
                .and_then(|d| s.get(..d.len()))?
        }
        _ => return None,
    };
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn add_days(date: Date, days: i64) -> Option<Date> {
    let span = jiff::Span::new().try_days(days).ok()?;
    date.checked_add(span).ok()
}

fn add_months(first: Date, months: i64) -> Option<Date> {
    let index = i64::from(first.year()) * 12 + i64::from(first.month() - 1) + months;
    let y = i16::try_from(index.div_euclid(12)).ok()?;
    let m = (index.rem_euclid(12) + 1) as i8;
    Date::new(y, m, 1).ok()
}

/// The year of month `m` nearest the publication date in direction `dir`; `inclusive`
/// lets the publication month itself count.
fn month_year(pub_date: Date, m: u8, dir: Dir, inclusive: bool) -> i16 {
    let now = pub_date.month();
    let m = m as i8;
    let y = pub_date.year();
    match dir {
        Dir::Last if m < now || (inclusive && m == now) => y,
        Dir::Last => y.saturating_sub(1),
        Dir::Next if m > now || (inclusive && m == now) => y,
        Dir::Next => y.saturating_add(1),
        Dir::This => y,
    }
}

/// The weekday `wd` (Monday = 0) nearest the publication date, backwards or forwards;
/// `skip_today` moves a same-day match a week away ("last Friday" in a Friday story).
fn weekday_date(pub_date: Date, wd: u8, future: bool, skip_today: bool) -> Option<Date> {
    let today = i64::from(pub_date.weekday().to_monday_zero_offset());
    let wd = i64::from(wd);
    let mut offset = if future {
        (wd - today).rem_euclid(7)
    } else {
        (today - wd).rem_euclid(7)
    };
    if offset == 0 && skip_today {
        offset = 7;
    }
    add_days(pub_date, if future { offset } else { -offset })
}
