//! The contract's rows (see `contract.md`): field names and meanings are fixed there.

use dyad_doc::{CharOffsets, Document, Location, Origin};
use serde::{Deserialize, Serialize};

/// One row of `documents.jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub doc: String,
    pub status: String,
    pub reason: Option<String>,
    pub headline: Option<String>,
    pub pub_date: Option<String>,
    pub dateline: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The file (and line) the document was read from.
    pub origin: String,
    pub encoding: Option<String>,
    pub text: Option<String>,
    pub sentences: usize,
    pub events: usize,
    pub quotes: usize,
}

/// One row of `events.jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub doc: String,
    pub event: String,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub source: String,
    pub target: Option<String>,
    pub code: String,
    pub root: String,
    pub quad_class: u8,
    pub goldstein: f32,
    pub plover: Option<String>,
    pub plover_mode: Option<String>,
    pub issues: Vec<String>,
    pub sentence: u32,
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub rule: String,
    pub location: Option<Location>,
    /// The source actor as the text names it (the mention's full name, else its words).
    #[serde(default)]
    pub source_name: Option<String>,
    /// The target actor as the text names it.
    #[serde(default)]
    pub target_name: Option<String>,
    /// With `--one-a-day`: how many reports (events) support this one; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports: Option<u32>,
    /// With `--one-a-day`: the ids of the events merged into this one, itself first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Vec<String>>,
}

/// One row of `quotes.jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    pub doc: String,
    pub quote: String,
    pub text: String,
    pub start: u32,
    pub end: u32,
    pub speaker: Option<String>,
    pub speaker_code: Option<String>,
    pub fragment: bool,
    pub rule: String,
}

/// The rows one document contributes to the outputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Rows {
    pub document: DocumentRecord,
    pub events: Vec<EventRecord>,
    pub quotes: Vec<QuoteRecord>,
}

impl Rows {
    /// The rows of a coded document. Offsets become character offsets here, once.
    pub fn coded(doc: &Document) -> Rows {
        let chars = CharOffsets::new(&doc.text);
        let events = doc
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                // An out-of-range sentence index is a coder bug; an empty span keeps the
                // row (and the run) alive rather than panicking on one document.
                let sentence = doc
                    .sentences
                    .get(e.sentence as usize)
                    .map(|s| s.span)
                    .unwrap_or_default();
                let (start, end) = chars.span(sentence);
                EventRecord {
                    doc: doc.id.clone(),
                    event: format!("{}#e{}", doc.id, i + 1),
                    date: e.date.map(|d| d.to_string()),
                    date_precision: e.date_precision.map(|p| p.as_str().to_string()),
                    source: e.source.clone(),
                    target: e.target.clone(),
                    code: e.code.clone(),
                    root: e.root.clone(),
                    quad_class: e.quad_class,
                    goldstein: e.goldstein,
                    plover: e.plover.clone(),
                    plover_mode: e.plover_mode.clone(),
                    issues: e.issues.clone(),
                    sentence: e.sentence,
                    start,
                    end,
                    text: doc
                        .text
                        .get(sentence.range())
                        .unwrap_or_default()
                        .to_string(),
                    rule: e.rule.clone(),
                    location: e.location.clone(),
                    source_name: mention_name(doc, e.source_mention),
                    target_name: mention_name(doc, e.target_mention),
                    reports: None,
                    evidence: None,
                }
            })
            .collect();
        let quotes = doc
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let (start, end) = chars.span(q.span);
                QuoteRecord {
                    doc: doc.id.clone(),
                    quote: format!("{}#q{}", doc.id, i + 1),
                    text: doc.text.get(q.span.range()).unwrap_or_default().to_string(),
                    start,
                    end,
                    speaker: q.speaker.clone(),
                    speaker_code: q.speaker_code.clone(),
                    fragment: q.fragment,
                    rule: q.rule.clone(),
                }
            })
            .collect();
        Rows {
            document: DocumentRecord {
                doc: doc.id.clone(),
                status: "coded".into(),
                reason: None,
                headline: doc.meta.headline.clone(),
                pub_date: doc.meta.pub_date.map(|d| d.to_string()),
                dateline: doc.meta.dateline.clone(),
                source: doc.meta.source.clone(),
                url: doc.meta.url.clone(),
                origin: doc.origin.to_string(),
                encoding: Some(doc.meta.encoding.clone()),
                text: Some(doc.text.clone()),
                sentences: doc.sentences.len(),
                events: doc.events.len(),
                quotes: doc.quotes.len(),
            },
            events,
            quotes,
        }
    }

    /// The row of a document that was not coded, with the reason (naming file and line).
    pub fn skipped(id: &str, origin: &Origin, reason: &str) -> Rows {
        Rows {
            document: DocumentRecord {
                doc: id.to_string(),
                status: "skipped".into(),
                reason: Some(reason.to_string()),
                headline: None,
                pub_date: None,
                dateline: None,
                source: None,
                url: None,
                origin: origin.to_string(),
                encoding: None,
                text: None,
                sentences: 0,
                events: 0,
                quotes: 0,
            },
            events: Vec::new(),
            quotes: Vec::new(),
        }
    }
}

/// The name of the actor mention at `index`: its full name, else (for a pronoun or short
/// form) the name along its coreference chain, else its own words in the text.
fn mention_name(doc: &Document, index: Option<u32>) -> Option<String> {
    let first = doc.mentions.get(index? as usize)?;
    let mut m = first;
    // The chain is bounded so that a malformed (cyclic) chain cannot loop forever.
    for _ in 0..doc.mentions.len().min(64) {
        if let Some(n) = &m.name {
            return Some(n.clone());
        }
        match m.antecedent.and_then(|a| doc.mentions.get(a as usize)) {
            Some(next) => m = next,
            None => break,
        }
    }
    doc.text.get(first.span.range()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_doc::{Mention, MentionKind, Span};

    fn mention(span: Span, name: Option<&str>, antecedent: Option<u32>) -> Mention {
        Mention {
            span,
            sentence: 0,
            kind: if name.is_some() {
                MentionKind::Actor
            } else {
                MentionKind::Pronoun
            },
            code: None,
            name: name.map(str::to_string),
            rule: "test".into(),
            antecedent,
        }
    }

    #[test]
    fn mention_names_follow_the_coreference_chain() {
        let mut doc = Document {
            text: "Anna Petrova spoke. She left. They stayed.".into(),
            ..Document::default()
        };
        doc.mentions = vec![
            mention(Span::new(0, 12), Some("Anna Petrova"), None),
            mention(Span::new(20, 23), None, Some(0)),
            mention(Span::new(30, 34), None, None),
            // A malformed cycle ends at the mention's own words.
            mention(Span::new(30, 34), None, Some(4)),
            mention(Span::new(20, 23), None, Some(3)),
        ];
        assert_eq!(mention_name(&doc, Some(1)).as_deref(), Some("Anna Petrova"));
        assert_eq!(mention_name(&doc, Some(2)).as_deref(), Some("They"));
        assert_eq!(mention_name(&doc, Some(3)).as_deref(), Some("They"));
        assert_eq!(mention_name(&doc, Some(9)), None);
        assert_eq!(mention_name(&doc, None), None);
    }
}
