//! dyad's document model.
//!
//! One [`Document`] flows through every stage of the pipeline, as spaCy's `Doc` does:
//! the cleaned text is owned once, in [`Document::text`], and everything found in it —
//! paragraphs, sentences, tokens, mentions, time expressions, places, events, quotes — is a
//! [`Span`] into that text, so evidence is never re-derived from copies.
//!
//! Offsets are **byte** offsets into `Document::text` (always on `char` boundaries). Output
//! writers convert them to Unicode character offsets with [`CharOffsets`], because that is what
//! the contract promises to users reading the files from Python, R or JavaScript.

pub mod words;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use jiff::civil::Date;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// Makes a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text this span covers.
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Where an input document came from: the file as the user named it, and the line for
/// line-oriented inputs (JSONL, PETRARCH XML records).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub path: String,
    pub line: Option<u64>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => f.write_str(&self.path),
        }
    }
}

/// The body of an input article, before cleaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// Plain text, possibly a scraped page with site furniture.
    Text(String),
    /// An HTML page.
    Html(String),
    /// One sentence, already split (PETRARCH XML records, JSONL with a `parse`).
    Sentence(String),
}

/// An input document as read from disk or stdin: decoded, not yet cleaned.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// The JSONL/XML `id`, else the file's path relative to the INPUT argument.
    pub id: String,
    pub origin: Origin,
    pub body: Body,
    /// A title given by the input (JSONL `title`); the cleaner may find one in the body too.
    pub title: Option<String>,
    /// The publication date given by the input (JSONL `date`, XML `date` attribute).
    pub date: Option<Date>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// A Penn Treebank bracketed parse of a one-sentence text, when the input carries one.
    pub parse: Option<String>,
    /// How the bytes were decoded, e.g. `"utf-8"`, `"utf-16le (BOM)"`, `"windows-1252 (detected)"`.
    pub encoding: String,
    /// Input fields dyad does not interpret, kept and passed through.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Article {
    /// An article with only an id, an origin and a body; the rest empty.
    pub fn new(id: impl Into<String>, origin: Origin, body: Body) -> Article {
        Article {
            id: id.into(),
            origin,
            body,
            title: None,
            date: None,
            url: None,
            source: None,
            parse: None,
            encoding: "utf-8".to_string(),
            extra: serde_json::Map::new(),
        }
    }
}

/// Article metadata, as found by the cleaner or given by the input.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub headline: Option<String>,
    pub pub_date: Option<Date>,
    /// The dateline place ("BRUSSELS, Belgium --" gives "Brussels, Belgium").
    pub dateline: Option<String>,
    /// The outlet, where stated (JSONL `source`, "(RFE/RL)", `og:site_name`).
    pub source: Option<String>,
    pub url: Option<String>,
    pub encoding: String,
    /// Why the metadata are what they are: e.g. `"pub_date: dateline 'Moscow, 24 June 2005'"`.
    pub notes: Vec<String>,
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A cleaned document and everything the pipeline finds in it.
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub id: String,
    pub origin: Origin,
    pub meta: Meta,
    /// The cleaned story: the headline (when there is one) as its first paragraph, then the
    /// body, paragraphs separated by a blank line. All spans point into this text.
    pub text: String,
    /// The headline paragraph's span in `text`, when there is one.
    pub headline: Option<Span>,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// A supplied Penn Treebank parse (one-sentence inputs only).
    pub parse: Option<String>,
    pub mentions: Vec<Mention>,
    pub times: Vec<TimeExpr>,
    pub places: Vec<Place>,
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
}

impl Document {
    /// The text of a span of this document.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let s = &self.sentences[i];
        &self.tokens[s.tokens.start as usize..s.tokens.end as usize]
    }

    /// The index of the sentence containing byte offset `at`, if any.
    pub fn sentence_at(&self, at: u32) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        (i < self.sentences.len() && self.sentences[i].span.start <= at).then_some(i)
    }
}

/// A contiguous range of indices into another vector (tokens of a sentence, say).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IndexRange {
    pub start: u32,
    pub end: u32,
}

impl IndexRange {
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A sentence: its span, its paragraph, and its tokens (indices into `Document::tokens`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: u32,
    pub tokens: IndexRange,
}

/// What kind of thing a token is, as the segmenter can tell without a dictionary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods ("U.S.", "al-Qaeda", "don't").
    Word,
    /// Digits, possibly with separators ("1,300", "3.5", "2005").
    Number,
    /// An opening quotation mark.
    OpenQuote,
    /// A closing quotation mark.
    CloseQuote,
    /// A quotation mark whose direction the segmenter could not tell.
    Quote,
    /// Sentence-internal or final punctuation, dashes, brackets, symbols.
    Punct,
}

/// A token: a span of the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// What a mention refers to and how it was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MentionKind {
    /// A named actor from the actor dictionary ("Vladimir Putin", "NATO").
    Actor,
    /// An agent, alone or combined with a country or actor ("Russian lawmakers").
    Agent,
    /// A pronoun ("he", "they") resolved by coreference.
    Pronoun,
    /// A nominal or short form after a first mention ("the president", "Mr. Putin", "the alliance").
    Nominal,
}

/// A mention of an actor in a sentence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub sentence: u32,
    pub kind: MentionKind,
    /// The CAMEO actor code at the document's date, when known ("RUSGOV", "IGOWSTNAT").
    pub code: Option<String>,
    /// The full name as the dictionary or the document gives it ("Vladimir Putin").
    pub name: Option<String>,
    /// The dictionary entry or rule that produced it (file:line where it came from a file).
    pub rule: String,
    /// For coreferent mentions: the index in `Document::mentions` of the mention this one
    /// refers back to. Following the chain ends at a named mention.
    pub antecedent: Option<u32>,
}

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

/// A resolved time expression ("yesterday", "Thursday", "24 June 2005").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub span: Span,
    pub sentence: u32,
    /// The date it resolves to; for month or year precision, the first day of the period.
    pub date: Date,
    pub precision: DatePrecision,
    /// Which rule resolved it, for the evidence.
    pub rule: String,
}

/// A resolved place: a name, its country and coordinates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    /// ISO 3166-1 alpha-3 country code.
    pub country: String,
    pub lat: f64,
    pub lon: f64,
}

/// A place named in the text (or the dateline), resolved against the gazetteer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub span: Span,
    /// The sentence it is in; `None` for the dateline when it lies outside every sentence.
    pub sentence: Option<u32>,
    pub location: Location,
    /// Why this reading was chosen (e.g. "Paris: capital of FRA; story mentions FRA").
    pub evidence: String,
}

/// A coded event: who did what to whom, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub sentence: u32,
    /// The CAMEO code of the source actor.
    pub source: String,
    pub target: Option<String>,
    /// CAMEO event code, e.g. "042".
    pub code: String,
    /// Its two-digit root, e.g. "04".
    pub root: String,
    pub quad_class: u8,
    pub goldstein: f32,
    /// PLOVER event type, when the mapping gives one.
    pub plover: Option<String>,
    pub plover_mode: Option<String>,
    pub date: Option<Date>,
    pub date_precision: Option<DatePrecision>,
    pub location: Option<Location>,
    /// Issue codes from the issues dictionary.
    pub issues: Vec<String>,
    /// The dictionary pattern or rule that fired (file:line where it came from a file).
    pub rule: String,
    /// The verb (or verb group) that triggered the event.
    pub verb: Option<Span>,
    /// Indices into `Document::mentions` of the source and target mentions.
    pub source_mention: Option<u32>,
    pub target_mention: Option<u32>,
}

/// A direct quotation and its speaker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: Span,
    /// The speaker's name in full where the article gives it ("Vladimir Putin").
    pub speaker: Option<String>,
    pub speaker_code: Option<String>,
    /// Where the speaker is named for this quote (the reporting clause or coreferent phrase).
    pub speaker_span: Option<Span>,
    /// A partial quote of a few words inside a sentence ("extremely low").
    pub fragment: bool,
    /// The reporting pattern that attributed it.
    pub rule: String,
}

/// Converts byte offsets of one text into Unicode character (code point) offsets.
///
/// Built once per document; lookups are a binary search over the non-ASCII characters only,
/// so ASCII-only texts cost nothing.
#[derive(Clone, Debug, Default)]
pub struct CharOffsets {
    /// Byte offset of each non-ASCII char, and the number of extra bytes before and including it.
    multi: Vec<(u32, u32)>,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let mut multi = Vec::new();
        let mut extra = 0u32;
        for (i, c) in text.char_indices() {
            let n = c.len_utf8() as u32;
            if n > 1 {
                extra += n - 1;
                multi.push((i as u32, extra));
            }
        }
        CharOffsets { multi }
    }

    /// The character offset of byte offset `byte` (which must be on a char boundary).
    pub fn char_offset(&self, byte: u32) -> u32 {
        // Count the extra bytes of multi-byte chars that start before `byte`.
        let i = self.multi.partition_point(|&(at, _)| at < byte);
        let extra = if i == 0 { 0 } else { self.multi[i - 1].1 };
        byte - extra
    }

    /// A byte span as a character span.
    pub fn span(&self, span: Span) -> (u32, u32) {
        (self.char_offset(span.start), self.char_offset(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Russia’s “successfully developing” ties";
        let map = CharOffsets::new(text);
        let start = text.find("successfully").unwrap() as u32;
        let end = start + "successfully developing".len() as u32;
        let (cs, ce) = map.span(Span { start, end });
        let chars: Vec<char> = text.chars().collect();
        let got: String = chars[cs as usize..ce as usize].iter().collect();
        assert_eq!(got, "successfully developing");
    }

    #[test]
    fn sentence_at_finds_containing_sentence() {
        let mut doc = Document {
            text: "One. Two.".into(),
            ..Default::default()
        };
        doc.sentences = vec![
            Sentence {
                span: Span::new(0, 4),
                ..Default::default()
            },
            Sentence {
                span: Span::new(5, 9),
                ..Default::default()
            },
        ];
        assert_eq!(doc.sentence_at(0), Some(0));
        assert_eq!(doc.sentence_at(6), Some(1));
        assert_eq!(doc.sentence_at(4), None);
    }
}
