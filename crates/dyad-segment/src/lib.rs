//! Sentences and tokens, as byte spans into the cleaned text.
//!
//! [`segment`] tokenizes every paragraph of a [`Document`] in one pass over its characters
//! (no regular expressions), then splits each paragraph's tokens into sentences. A sentence
//! never crosses a paragraph boundary.
//!
//! Where a sentence ends:
//! - after `.`, `?`, `!` (with any closing quotes and brackets that follow), when the next
//!   token is not lower case and is not sentence-internal punctuation — so `"Does it?" he
//!   asked.` and `"…Russia," he said.` stay one sentence, while `soil." The` splits;
//! - after an abbreviation listed as a title ("Mr.", "Gen."): never;
//! - after any other abbreviation, an initial or an abbreviation shape ("Inc.", "V.",
//!   "U.S."): only when the next word is a *sentence starter*, a closed-class word listed
//!   in `dictionaries/abbreviations.txt` ("The", "He", "But"), or an opening quote or bracket.
//!   So "in the U.S. The next" splits and "Vladimir V. Putin", "U.S. Attorney" and "Oct. 3"
//!   do not. (Punkt-style evidence — the word is written in lower case elsewhere in the
//!   document — was tried and dropped: on the article-bench bodies it made 4 wrong splits,
//!   "U.S. Attorney", "U.S. Customs", "Corp. Fair Hill", for 1 right one.)
//! - after an ellipsis: like an abbreviation (it often marks an omission mid-sentence);
//! - never where no space follows ("the...council", "3.5", "U.S.-led").

mod abbrev;
mod token;

use std::sync::OnceLock;

use dyad_doc::{Document, IndexRange, Sentence, Span, Token, TokenKind};

pub use abbrev::{AbbrevClass, Abbreviations, SHIPPED_ABBREVIATIONS};

/// Errors from loading a segmenter's data.
#[derive(Debug, thiserror::Error)]
pub enum SegmentError {
    /// A line of an abbreviation list is malformed.
    #[error("{origin}:{line}: {message}")]
    Dictionary {
        origin: String,
        line: usize,
        message: String,
    },
    /// An abbreviation list could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// A sentence splitter and tokenizer configured by an abbreviation list.
#[derive(Clone, Debug, Default)]
pub struct Segmenter {
    abbr: Abbreviations,
}

/// Fills `doc.sentences` and `doc.tokens` with the shipped abbreviation list.
///
/// When `doc.paragraphs` is empty the whole text is segmented as paragraph 0.
pub fn segment(doc: &mut Document) {
    Segmenter::shipped().segment(doc);
}

impl Segmenter {
    /// A segmenter using the given abbreviation list.
    pub fn new(abbr: Abbreviations) -> Segmenter {
        Segmenter { abbr }
    }

    /// The segmenter with the shipped list, parsed once per process.
    pub fn shipped() -> &'static Segmenter {
        static SHIPPED: OnceLock<Segmenter> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            // The shipped file is tested to parse; an empty list is the safe fallback.
            Segmenter::new(Abbreviations::shipped().unwrap_or_default())
        })
    }

    /// Fills `doc.sentences` and `doc.tokens` from `doc.text` and `doc.paragraphs`.
    ///
    /// Paragraph spans that are out of range, not on char boundaries, or overlap an earlier
    /// paragraph are skipped, so the output always satisfies the document invariants.
    pub fn segment(&self, doc: &mut Document) {
        doc.sentences.clear();
        doc.tokens.clear();
        let text = doc.text.as_str();
        let whole = [Span::new(0, text.len())];
        let paragraphs: &[Span] = if doc.paragraphs.is_empty() {
            &whole
        } else {
            &doc.paragraphs
        };
        // Tokenize every paragraph, then split each paragraph's tokens into sentences.
        let mut bounds: Vec<(u32, usize, usize)> = Vec::with_capacity(paragraphs.len());
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let mut last_end = 0usize;
        for (p, para) in paragraphs.iter().enumerate() {
            let (s, e) = (para.start as usize, para.end as usize);
            if s > e
                || e > text.len()
                || s < last_end
                || !text.is_char_boundary(s)
                || !text.is_char_boundary(e)
            {
                continue;
            }
            last_end = e;
            let first = tokens.len();
            token::tokenize(&self.abbr, text, s, e, &mut tokens);
            bounds.push((p as u32, first, tokens.len()));
        }
        let mut sentences = Vec::new();
        for (p, first, last) in bounds {
            self.split(text, &tokens, first, last, p, &mut sentences);
        }
        doc.tokens = tokens;
        doc.sentences = sentences;
    }

    /// Splits `tokens[first..last]` (one paragraph) into sentences.
    #[allow(clippy::too_many_arguments)]
    fn split(
        &self,
        text: &str,
        tokens: &[Token],
        first: usize,
        last: usize,
        paragraph: u32,
        out: &mut Vec<Sentence>,
    ) {
        let mut start = first;
        let mut k = first;
        while k < last {
            let Some(term) = self.terminator(text, tokens[k]) else {
                k += 1;
                continue;
            };
            // Closing quotes, brackets and further marks belong to the sentence they close.
            let mut j = k + 1;
            let mut closed_quote = false;
            while j < last {
                let t = tokens[j];
                let adjacent = t.span.start == tokens[j - 1].span.end;
                let s = t.span.slice(text);
                let closer = match t.kind {
                    TokenKind::CloseQuote => true,
                    TokenKind::Quote => adjacent,
                    TokenKind::Punct => {
                        adjacent
                            && (matches!(s, ")" | "]" | "}" | "?" | "!" | "…" | ".")
                                || s.starts_with(".."))
                    }
                    _ => false,
                };
                if !closer {
                    break;
                }
                closed_quote |= matches!(t.kind, TokenKind::CloseQuote | TokenKind::Quote);
                j += 1;
            }
            if j >= last {
                break;
            }
            let next = tokens[j];
            let gap = next.span.start > tokens[j - 1].span.end;
            let ends = gap && self.ends_before(text, term, closed_quote, next);
            if ends {
                push_sentence(tokens, start, j, paragraph, out);
                start = j;
            }
            k = j;
        }
        if start < last {
            push_sentence(tokens, start, last, paragraph, out);
        }
    }

    /// Whether `t` may end a sentence, and how.
    fn terminator(&self, text: &str, t: Token) -> Option<Terminator> {
        let s = t.span.slice(text);
        match t.kind {
            TokenKind::Punct => match s {
                "." => Some(Terminator::Stop),
                "?" | "!" | "‼" | "⁇" => Some(Terminator::Stop),
                "…" => Some(Terminator::Ellipsis),
                _ if s.starts_with("..") => Some(Terminator::Ellipsis),
                _ => None,
            },
            TokenKind::Word if s.len() > 1 && s.ends_with('.') => {
                let word = &s[..s.len() - 1];
                if self.abbr.class(word) == Some(AbbrevClass::Title) {
                    Some(Terminator::Title)
                } else {
                    Some(Terminator::Abbreviation)
                }
            }
            _ => None,
        }
    }

    /// Whether a sentence ends before `next`, after terminator `term`.
    fn ends_before(&self, text: &str, term: Terminator, closed_quote: bool, next: Token) -> bool {
        let s = next.span.slice(text);
        let Some(c0) = s.chars().next() else {
            return false;
        };
        let opens = matches!(next.kind, TokenKind::OpenQuote | TokenKind::Quote)
            || matches!(c0, '(' | '[' | '{');
        let plain = match term {
            Terminator::Title => return false,
            Terminator::Stop => true,
            // A closing quote after the abbreviation or ellipsis shows the sentence is over.
            Terminator::Abbreviation | Terminator::Ellipsis => closed_quote,
        };
        if plain {
            return opens
                || c0.is_uppercase()
                || c0.is_ascii_digit()
                || (c0.is_alphabetic() && !c0.is_lowercase());
        }
        if opens {
            return true;
        }
        if !c0.is_uppercase() {
            return false;
        }
        self.abbr.is_listed_starter(s)
    }
}

/// The kinds of token after which a sentence may end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Terminator {
    /// `.`, `?`, `!`.
    Stop,
    /// An ellipsis.
    Ellipsis,
    /// A title abbreviation: never ends a sentence.
    Title,
    /// Any other word ending with a period.
    Abbreviation,
}

fn push_sentence(
    tokens: &[Token],
    from: usize,
    to: usize,
    paragraph: u32,
    out: &mut Vec<Sentence>,
) {
    let (Some(a), Some(b)) = (tokens.get(from), tokens.get(to.wrapping_sub(1))) else {
        return;
    };
    out.push(Sentence {
        span: Span {
            start: a.span.start,
            end: b.span.end,
        },
        paragraph,
        tokens: IndexRange {
            start: from as u32,
            end: to as u32,
        },
    });
}
