//! Sentences and tokens, as spans into the cleaned text.
//!
//! (Scaffold: splits at ". " and on whitespace. The full segmenter replaces this.)

use dyad_doc::{Document, IndexRange, Sentence, Span, Token, TokenKind};

/// Fills `doc.sentences` and `doc.tokens` from `doc.text` and `doc.paragraphs`.
pub fn segment(doc: &mut Document) {
    doc.sentences.clear();
    doc.tokens.clear();
    for (p, para) in doc.paragraphs.clone().into_iter().enumerate() {
        let bytes = doc.text[para.range()].as_bytes().to_vec();
        let mut start = 0;
        for i in 0..bytes.len() {
            let end_here = i + 1 == bytes.len() || (bytes[i] == b'.' && bytes[i + 1] == b' ');
            if end_here {
                let s = para.start as usize + start;
                let e = para.start as usize + i + 1;
                push_sentence(doc, p as u32, s, e);
                start = i + 2;
            }
        }
    }
}

fn push_sentence(doc: &mut Document, paragraph: u32, start: usize, end: usize) {
    let first = doc.tokens.len() as u32;
    let mut tok_start = None;
    for (i, c) in doc.text[start..end].char_indices() {
        let at = start + i;
        if c.is_whitespace() {
            if let Some(s) = tok_start.take() {
                doc.tokens.push(Token {
                    span: Span::new(s, at),
                    kind: TokenKind::Word,
                });
            }
        } else if tok_start.is_none() {
            tok_start = Some(at);
        }
    }
    if let Some(s) = tok_start {
        doc.tokens.push(Token {
            span: Span::new(s, end),
            kind: TokenKind::Word,
        });
    }
    doc.sentences.push(Sentence {
        span: Span::new(start, end),
        paragraph,
        tokens: IndexRange {
            start: first,
            end: doc.tokens.len() as u32,
        },
    });
}
