//! Article cleaning: from an [`Article`] as read to a [`Document`] whose `text` is the story
//! alone — the headline (when there is one) as its first paragraph, then the body — with the
//! metadata (headline, publication date, dateline, source) found in it.
//!
//! (Scaffold: keeps every non-empty line as a paragraph. The full cleaner replaces this.)

use dyad_doc::{Article, Body, Document, Meta, Span};

/// Why an article yields no document.
#[derive(Debug, thiserror::Error)]
pub enum CleanError {
    #[error("{0}: no story text found")]
    Empty(String),
}

/// Cleans an article into a document with `text`, `paragraphs`, `headline` and `meta` set.
pub fn clean(article: Article) -> Result<Document, CleanError> {
    let raw = match &article.body {
        Body::Text(t) | Body::Html(t) | Body::Sentence(t) => t.as_str(),
    };
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(line);
        paragraphs.push(Span::new(start, text.len()));
    }
    if text.is_empty() {
        return Err(CleanError::Empty(article.origin.to_string()));
    }
    Ok(Document {
        id: article.id,
        origin: article.origin,
        meta: Meta {
            headline: article.title,
            pub_date: article.date,
            source: article.source,
            url: article.url,
            encoding: article.encoding,
            extra: article.extra,
            ..Meta::default()
        },
        text,
        paragraphs,
        parse: article.parse,
        ..Document::default()
    })
}
