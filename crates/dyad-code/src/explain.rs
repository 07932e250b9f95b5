//! `dyad explain`: how one sentence is read and coded, for an analyst debugging a dictionary.
//!
//! The report lists the words with their tags, the noun-phrase groups with the actors they
//! refer to, every verb with its source and target, every pattern of the verb's block that was
//! tried (bounded: only the blocks of the sentence's verbs) with whether it matched, and the
//! events.

use dyad_doc::{Date, Document, Meta};

use crate::Coder;

/// A word and its tag.
#[derive(Clone, Debug)]
pub struct WordLine {
    /// The word.
    pub text: String,
    /// Its tag.
    pub tag: String,
}

/// A group of noun phrases and the actors it refers to.
#[derive(Clone, Debug)]
pub struct GroupLine {
    /// The words.
    pub text: String,
    /// (code, name, rule) of each actor.
    pub members: Vec<(String, String, String)>,
}

/// A verb, its roles and the patterns tried.
#[derive(Clone, Debug)]
pub struct VerbLine {
    /// The verb's words.
    pub text: String,
    /// Its dictionary entry ("BREAK (file:line)"), or none for a verb not in the dictionary.
    pub entry: Option<String>,
    /// The source group's words.
    pub source: Option<String>,
    /// The target group's words.
    pub target: Option<String>,
    /// Notes (passive ...).
    pub note: String,
    /// (pattern, origin, matched, chosen, why).
    pub patterns: Vec<(String, String, bool, bool, String)>,
}

/// An event.
#[derive(Clone, Debug)]
pub struct EventLine {
    /// Source code.
    pub source: String,
    /// Target code or `---`.
    pub target: String,
    /// CAMEO code.
    pub code: String,
    /// Root, QuadClass, Goldstein.
    pub root: String,
    /// QuadClass.
    pub quad_class: u8,
    /// Goldstein score.
    pub goldstein: f32,
    /// The rule.
    pub rule: String,
}

/// What `explain` shows.
#[derive(Clone, Debug, Default)]
pub struct Explanation {
    /// The sentence.
    pub text: String,
    /// A discard that stopped coding.
    pub discarded: Option<String>,
    /// Words and tags.
    pub words: Vec<WordLine>,
    /// Groups.
    pub groups: Vec<GroupLine>,
    /// Mentions: (text, kind, code, rule, antecedent text).
    pub mentions: Vec<(String, String, String, String, Option<String>)>,
    /// Verbs.
    pub verbs: Vec<VerbLine>,
    /// Events.
    pub events: Vec<EventLine>,
}

/// Explains how `coder` reads and codes `sentence` dated `date`.
pub fn explain(coder: &Coder, sentence: &str, date: Option<Date>) -> Explanation {
    let mut doc = Document {
        id: "explain".into(),
        text: sentence.to_string(),
        meta: Meta {
            pub_date: date,
            ..Meta::default()
        },
        ..Document::default()
    };
    let traces = coder.code_traced(&mut doc, true);
    let mut ex = Explanation {
        text: sentence.to_string(),
        ..Explanation::default()
    };
    let lex = coder.lexicon();
    for t in &traces {
        if let Some(d) = &t.discarded {
            ex.discarded = Some(d.clone());
        }
        let r = &t.reading;
        let words_of = |s: usize, e: usize| {
            r.words[s..e.min(r.words.len())]
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        for (w, tag) in r.words.iter().zip(&r.tags) {
            ex.words.push(WordLine {
                text: w.text.clone(),
                tag: tag.label().to_string(),
            });
        }
        for g in &r.groups {
            ex.groups.push(GroupLine {
                text: words_of(g.start, g.end),
                members: g
                    .members
                    .iter()
                    .map(|m| (m.code.clone(), m.name.clone(), m.rule.clone()))
                    .collect(),
            });
        }
        for (vi, vh) in r.verbs.iter().enumerate() {
            let entry = vh.verb.map(|v| {
                let verb = &lex.verbs[v];
                format!(
                    "{} in block {} ({})",
                    verb.name, lex.blocks[verb.block].name, verb.source
                )
            });
            let role = t.coding.roles.iter().find(|x| x.0 == vi);
            ex.verbs.push(VerbLine {
                text: words_of(vh.start, vh.end),
                entry,
                source: role
                    .and_then(|x| x.1)
                    .map(|g| words_of(r.groups[g].start, r.groups[g].end)),
                target: role
                    .and_then(|x| x.2)
                    .map(|g| words_of(r.groups[g].start, r.groups[g].end)),
                note: role.map(|x| x.3.clone()).unwrap_or_default(),
                patterns: t
                    .coding
                    .attempts
                    .iter()
                    .filter(|a| a.verb == vi)
                    .map(|a| {
                        (
                            a.pattern.clone(),
                            a.origin.clone(),
                            a.matched,
                            a.chosen,
                            a.why.clone(),
                        )
                    })
                    .collect(),
            });
        }
    }
    for m in &doc.mentions {
        ex.mentions.push((
            doc.slice(m.span).to_string(),
            format!("{:?}", m.kind),
            m.code.clone().unwrap_or_default(),
            m.rule.clone(),
            m.antecedent
                .and_then(|a| doc.mentions.get(a as usize))
                .map(|a| doc.slice(a.span).to_string()),
        ));
    }
    for e in &doc.events {
        ex.events.push(EventLine {
            source: e.source.clone(),
            target: e.target.clone().unwrap_or_else(|| "---".into()),
            code: e.code.clone(),
            root: e.root.clone(),
            quad_class: e.quad_class,
            goldstein: e.goldstein,
            rule: e.rule.clone(),
        });
    }
    ex
}
