//! Article cleaning: from an [`Article`] as read to a [`Document`] whose `text` is the story
//! alone — the headline (when there is one) as its first paragraph, then the body — with the
//! metadata (headline, publication date, dateline, source) found in it.
//!
//! * HTML pages: the main content is chosen by a readability-style score over the DOM (text
//!   length, commas, link density, class/id signals from the furniture dictionary), with a
//!   whole-page paragraph filter as fallback; metadata come from `<meta>`, `<time>`,
//!   JSON-LD, `<h1>` and `<title>`.
//! * Plain text (scraped pages): paragraphs from lines, site furniture removed by line
//!   features and the furniture dictionary (`dictionaries/furniture.txt`).
//! * Pre-split sentences are kept as one paragraph.
//!
//! Every pass is linear in the input.

mod furniture;
mod html;
mod meta;
mod text;
mod ws;

use std::path::Path;

use dyad_doc::{Article, Body, Date, Document, Meta, Span};

pub use furniture::Furniture;
#[doc(hidden)]
pub use html::debug_html;
pub use meta::{dateline, parse_date, Dateline};

/// Why an article yields no document, or a dictionary cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CleanError {
    /// The page has no story text; names the file (and line).
    #[error("{0}: no story text found")]
    Empty(String),
    /// A furniture dictionary is malformed (`file:line: message`).
    #[error("{0}")]
    Dictionary(String),
    /// A furniture dictionary could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file as given.
        path: String,
        /// Why it could not be read.
        #[source]
        source: std::io::Error,
    },
}

/// A cleaner with its furniture dictionary.
#[derive(Debug, Clone)]
pub struct Cleaner {
    furniture: Furniture,
}

impl Default for Cleaner {
    fn default() -> Self {
        Cleaner {
            furniture: Furniture::shipped().clone(),
        }
    }
}

impl Cleaner {
    /// A cleaner using the given furniture dictionary.
    pub fn new(furniture: Furniture) -> Cleaner {
        Cleaner { furniture }
    }

    /// A cleaner whose furniture dictionary replaces the shipped one with a file.
    pub fn from_file(path: &Path) -> Result<Cleaner, CleanError> {
        let text = std::fs::read_to_string(path).map_err(|source| CleanError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Ok(Cleaner::new(Furniture::parse(
            &text,
            &path.display().to_string(),
        )?))
    }

    /// Cleans an article; see [`clean`].
    pub fn clean(&self, article: Article) -> Result<Document, CleanError> {
        clean_with(article, &self.furniture)
    }
}

/// Cleans an article into a document with `text`, `paragraphs`, `headline` and `meta` set,
/// using the shipped furniture dictionary.
pub fn clean(article: Article) -> Result<Document, CleanError> {
    clean_with(article, Furniture::shipped())
}

/// What the body cleaners hand to the layout step.
struct Found {
    headline: Option<String>,
    paragraphs: Vec<String>,
    pub_date: Option<Date>,
    source: Option<String>,
}

fn clean_with(article: Article, furn: &Furniture) -> Result<Document, CleanError> {
    let mut notes = Vec::new();
    let given_title = article
        .title
        .as_deref()
        .map(|t| {
            let mut s = String::new();
            text::squash(t, &mut s);
            s
        })
        .filter(|t| !t.is_empty());
    if given_title.is_some() {
        notes.push("headline: input title".to_string());
    }
    let found = match &article.body {
        Body::Sentence(s) => {
            let mut one = String::new();
            text::squash(s, &mut one);
            Found {
                headline: None,
                paragraphs: vec![one].into_iter().filter(|p| !p.is_empty()).collect(),
                pub_date: None,
                source: None,
            }
        }
        Body::Text(raw) => {
            let page = text::clean_text(raw, furn, given_title.as_deref());
            if page.dropped > 0 {
                notes.push(format!(
                    "text: {} furniture paragraph(s) removed",
                    page.dropped
                ));
            }
            let mut pub_date = None;
            if let Some(d) = page.headline_date {
                notes.push(format!("pub_date: headline suffix {d}"));
                pub_date = Some(d);
            } else if let Some(d) = page.line_date {
                notes.push(format!("pub_date: date line before the story {d}"));
                pub_date = Some(d);
            }
            if given_title.is_none() && page.headline.is_some() {
                notes.push("headline: first title-like line".to_string());
            }
            Found {
                headline: given_title.clone().or(page.headline),
                paragraphs: page.paragraphs,
                pub_date,
                source: None,
            }
        }
        Body::Html(raw) => {
            let page = html::clean_html(raw, furn);
            notes.push(format!("text: {}", page.method));
            let mut headline = given_title.clone();
            if headline.is_none() {
                if let Some((h, how)) = page.headline {
                    notes.push(format!("headline: {how}"));
                    headline = Some(h);
                }
            }
            let pub_date = page.pub_date.map(|(d, how)| {
                notes.push(format!("pub_date: {how} {d}"));
                d
            });
            let source = page
                .site_name
                .inspect(|_| notes.push("source: og:site_name".into()));
            Found {
                headline,
                paragraphs: page.paragraphs,
                pub_date,
                source,
            }
        }
    };
    if found.paragraphs.is_empty() {
        return Err(CleanError::Empty(article.origin.to_string()));
    }

    // Dateline: the first story paragraph's opening, kept in the text.
    let is_sentence = matches!(article.body, Body::Sentence(_));
    let dl = if is_sentence {
        None
    } else {
        // A photo caption or standfirst may come first: look in the opening paragraphs.
        found
            .paragraphs
            .iter()
            .take(3)
            .find_map(|p| meta::dateline(p))
    };
    if let Some(d) = &dl {
        notes.push(format!("dateline: '{}'", d.raw));
    }

    let mut pub_date = found.pub_date;
    if let Some(d) = article.date {
        notes.push(format!("pub_date: input date {d}"));
        pub_date = Some(d);
    } else if pub_date.is_none() {
        if let Some(d) = dl.as_ref().and_then(|d| d.date) {
            notes.push(format!(
                "pub_date: dateline '{}'",
                dl.as_ref().map_or("", |x| &x.raw)
            ));
            pub_date = Some(d);
        }
    }
    let source = if let Some(s) = article.source.clone() {
        notes.push("source: input".into());
        Some(s)
    } else if found.source.is_some() {
        found.source
    } else if let Some(s) = dl.as_ref().and_then(|d| d.source.clone()) {
        notes.push("source: dateline".into());
        Some(s)
    } else {
        None
    };

    // Layout: headline paragraph, then the story, separated by blank lines.
    let mut text_out = String::new();
    let mut paragraphs = Vec::with_capacity(found.paragraphs.len() + 1);
    let mut headline_span = None;
    let headline = if is_sentence {
        None
    } else {
        found.headline.clone()
    };
    if let Some(h) = &headline {
        text_out.push_str(h);
        let span = Span::new(0, text_out.len());
        headline_span = Some(span);
        paragraphs.push(span);
    }
    for p in &found.paragraphs {
        if !text_out.is_empty() {
            text_out.push_str("\n\n");
        }
        let start = text_out.len();
        text_out.push_str(p);
        paragraphs.push(Span::new(start, text_out.len()));
    }

    Ok(Document {
        id: article.id,
        origin: article.origin,
        meta: Meta {
            headline: found.headline.or(given_title),
            pub_date,
            dateline: dl.and_then(|d| d.place),
            source,
            url: article.url,
            encoding: article.encoding,
            notes,
            extra: article.extra,
        },
        text: text_out,
        headline: headline_span,
        paragraphs,
        parse: article.parse,
        ..Document::default()
    })
}
