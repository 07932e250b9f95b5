//! Helpers for tests and examples: a tiny whitespace tokenizer that builds a one-sentence
//! [`Document`] without the segmenter. Not for production input.

use dyad_doc::{Document, IndexRange, Sentence, Span, Token, TokenKind};

/// Builds a document of one sentence from whitespace-separated tokens
/// ("Russia 's talks did n't start ."): each piece becomes one token, its kind guessed from
/// its characters.
pub fn doc(text: &str) -> Document {
    docs(&[text])
}

/// Builds a document with one sentence per string (each whitespace-tokenised).
pub fn docs(sentences: &[&str]) -> Document {
    let mut doc = Document {
        text: sentences.join(" "),
        ..Default::default()
    };
    let mut offset = 0usize;
    for s in sentences {
        let first = doc.tokens.len() as u32;
        let mut pos = 0usize;
        for piece in s.split(' ') {
            if !piece.is_empty() {
                let start = offset + pos;
                doc.tokens.push(Token {
                    span: Span::new(start, start + piece.len()),
                    kind: kind_of(piece),
                });
            }
            pos += piece.len() + 1;
        }
        doc.sentences.push(Sentence {
            span: Span::new(offset, offset + s.len()),
            paragraph: 0,
            tokens: IndexRange {
                start: first,
                end: doc.tokens.len() as u32,
            },
        });
        offset += s.len() + 1;
    }
    doc
}

fn kind_of(piece: &str) -> TokenKind {
    match piece {
        "``" | "“" | "‘" => TokenKind::OpenQuote,
        "''" | "”" | "’" => TokenKind::CloseQuote,
        "\"" => TokenKind::Quote,
        _ if piece.chars().next().is_some_and(|c| c.is_ascii_digit()) => TokenKind::Number,
        _ if piece.chars().any(|c| c.is_alphabetic()) => TokenKind::Word,
        _ => TokenKind::Punct,
    }
}
