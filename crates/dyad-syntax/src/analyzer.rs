//! The analyzer: tagging, chunking, clauses and roles.

use std::sync::OnceLock;

use dyad_doc::{Document, TokenKind};

use crate::{Lexicon, SentenceSyntax, SyntaxError, Tag, TokenSyntax};

/// The syntax analyzer. Holds the lexicon; immutable, `Send + Sync`, cheap to share across
/// threads by reference.
#[derive(Debug)]
pub struct Analyzer {
    lex: Lexicon,
}

static SHIPPED: OnceLock<Analyzer> = OnceLock::new();

impl Analyzer {
    /// The analyzer with the shipped lexicon, loaded once per process on first use.
    ///
    /// The shipped files are tested at build time; should they ever fail to load, this
    /// falls back to an empty lexicon (unknown-word rules only) rather than panicking.
    pub fn shipped() -> &'static Analyzer {
        SHIPPED.get_or_init(|| Analyzer::new(Lexicon::shipped().unwrap_or_default()))
    }

    /// An analyzer over a given lexicon (e.g. loaded with [`Lexicon::from_files`]).
    pub fn new(lex: Lexicon) -> Analyzer {
        Analyzer { lex }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Analyzes sentence `sentence` of `doc`. An out-of-range index gives an empty result.
    pub fn analyze(&self, doc: &Document, sentence: usize) -> SentenceSyntax {
        let mut out = SentenceSyntax {
            sentence: sentence as u32,
            ..Default::default()
        };
        let Some(s) = doc.sentences.get(sentence) else {
            return out;
        };
        out.first_token = s.tokens.start;
        let Some(tokens) = doc.tokens.get(s.tokens.range()) else {
            return out;
        };
        for t in tokens {
            let word = doc.text.get(t.span.range()).unwrap_or("");
            let tag = match t.kind {
                TokenKind::Number => Tag::CD,
                TokenKind::OpenQuote => Tag::LQuote,
                TokenKind::CloseQuote | TokenKind::Quote => Tag::RQuote,
                TokenKind::Punct => Tag::Comma,
                TokenKind::Word => Tag::NN,
            };
            let lemma = out.push_lemma(&word.to_lowercase());
            out.tokens.push(TokenSyntax { tag, lemma });
        }
        out
    }

    /// Maps a supplied Penn Treebank parse of sentence `sentence` into a [`SentenceSyntax`]
    /// (see [`SentenceSyntax::from_ptb`]).
    pub fn analyze_ptb(
        &self,
        doc: &Document,
        sentence: usize,
        parse: &str,
    ) -> Result<SentenceSyntax, SyntaxError> {
        if doc.sentences.get(sentence).is_none() {
            return Err(SyntaxError::NoSentence(sentence));
        }
        Err(SyntaxError::BadParse(format!(
            "parse mapping not implemented yet ({} bytes)",
            parse.len()
        )))
    }
}
