//! Direct quotations and their speakers.
//!
//! Quotations are found from their marks (straight and curly double quotes, guillemets),
//! paragraph by paragraph: a paragraph that opens a quote without closing it goes on in the
//! next paragraph when that one opens with a mark, as news style does; such a quote comes out
//! as consecutive [`Quote`]s with the same speaker. Single quotes inside a quotation are
//! nested quotes and stay in it. A short quote embedded in a sentence ("what he called the
//! "extremely low" effectiveness") is a quote with `fragment: true`.
//!
//! Speakers come from reporting patterns around the quote ("X said", "said X", "X told
//! RFE/RL", "according to X", "Putin said:", an attribution line `"…" - Markov`), else from the
//! previous quote of a continued paragraph, else from the person the preceding sentence is
//! about. Pronouns, titles and short forms ("he", "the secretary general", "Mr. Kremeniuk")
//! are resolved by a small name coreference over capitalised name sequences, with offices
//! linked to the people who hold them ("NATO chief Jaap de Hoop Scheffer"). When the coder has
//! run, `doc.mentions` give the speaker's CAMEO code and, through their coreference chains,
//! full names.
//!
//! Reporting verbs are in `dictionaries/reporting-verbs.txt`; honorifics, titles, name
//! particles and the words that mark a name as an organisation in
//! `dictionaries/quote-names.txt`. Both are embedded as the shipped default and can be
//! replaced with [`QuoteFinder::from_texts`].

mod data;
mod people;
mod text;

use std::sync::OnceLock;

use dyad_doc::words::FastMap;
use dyad_doc::{Document, Quote, Span};

use data::{flag, Lexicon};
use people::{People, Resolved};
use text::{Clause, Kind, RawQuote, Tok};

const SHIPPED_VERBS: &str = include_str!("../../../dictionaries/reporting-verbs.txt");
const SHIPPED_NAMES: &str = include_str!("../../../dictionaries/quote-names.txt");

/// Quotes of at most this many words that sit inside a sentence are fragments whatever
/// their case ("the "Cold War" era").
const FRAGMENT_WORDS: usize = 3;

/// Why the finder's data files could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum QuoteError {
    /// A line of a data file is malformed.
    #[error("{file}:{line}: {msg}")]
    Format {
        file: String,
        line: usize,
        msg: String,
    },
}

/// Fills `doc.quotes` with the shipped word lists; uses `doc.mentions` (when the coder has
/// run) for speakers' full names and CAMEO codes.
pub fn find_quotes(doc: &mut Document) {
    static SHIPPED: OnceLock<Option<QuoteFinder>> = OnceLock::new();
    match SHIPPED.get_or_init(|| QuoteFinder::shipped().ok()) {
        Some(f) => f.find(doc),
        None => doc.quotes.clear(),
    }
}

/// A quotation finder with its word lists.
#[derive(Clone, Debug)]
pub struct QuoteFinder {
    lex: Lexicon,
}

impl QuoteFinder {
    /// The finder with the shipped word lists.
    pub fn shipped() -> Result<QuoteFinder, QuoteError> {
        QuoteFinder::from_texts(SHIPPED_VERBS, SHIPPED_NAMES)
    }

    /// A finder from the texts of a reporting-verbs file and a names file (formats as in
    /// `dictionaries/`).
    pub fn from_texts(verbs: &str, names: &str) -> Result<QuoteFinder, QuoteError> {
        Ok(QuoteFinder {
            lex: Lexicon::parse(verbs, names)?,
        })
    }

    /// Fills `doc.quotes`.
    pub fn find(&self, doc: &mut Document) {
        doc.quotes.clear();
        let raw = text::scan_quotes(doc);
        if raw.is_empty() {
            return;
        }
        let clauses = text::clauses(doc, &raw, &self.lex);
        let people = People::build(doc, &clauses, &self.lex);
        let mut quotes: Vec<Quote> = Vec::with_capacity(raw.len());
        let mut last_subject: Option<Resolved> = None;
        // The person the sentence just before is about, if it is about one.
        let mut prev_person: Option<Resolved> = None;
        let mut next_quote = 0;
        for (ci, clause) in clauses.iter().enumerate() {
            let headline = people
                .is_headline(ci)
                .unwrap_or_else(|| people::headline_like(clause));
            let subject = if headline {
                None
            } else {
                people.clause_subject(doc, clause, &last_subject)
            };
            let mut said_here: Option<Resolved> = None;
            while next_quote < raw.len() && raw[next_quote].outer.start <= clause.span.end {
                let q = &raw[next_quote];
                // A pronoun refers to this sentence's subject when it comes first ("Putin
                // criticized what he called …"), else to the story's last subject.
                let ctx = people
                    .last_person_before(doc, clause, q.outer.start)
                    .or_else(|| last_subject.clone());
                let quote = self.attribute(
                    doc,
                    q,
                    clause,
                    &people,
                    &ctx,
                    &prev_person,
                    &subject,
                    &quotes,
                    &raw,
                    next_quote,
                );
                if let Some(who) = quote_person(&quote, &people) {
                    said_here = Some(who);
                }
                quotes.push(quote);
                next_quote += 1;
            }
            // Whoever is quoted is what the sentence is about ("After talks with Robertson,
            // Putin said: …"); else its first person.
            prev_person = said_here.or_else(|| subject.filter(Resolved::is_person));
            if prev_person.is_some() {
                last_subject = prev_person.clone();
            }
        }
        // Every quote sits in some clause; should one not, it is still reported, unattributed.
        for q in &raw[next_quote..] {
            quotes.push(Quote {
                span: q.span,
                speaker: None,
                speaker_code: None,
                speaker_span: None,
                fragment: false,
                rule: "no sentence found".into(),
            });
        }
        let index = MentionWords::new(doc);
        for q in &mut quotes {
            self.add_code(doc, &index, q);
        }
        doc.quotes = quotes;
    }

    /// The speaker of one quotation.
    #[allow(clippy::too_many_arguments)]
    fn attribute(
        &self,
        doc: &Document,
        q: &RawQuote,
        clause: &Clause,
        people: &People,
        last_subject: &Option<Resolved>,
        prev_person: &Option<Resolved>,
        clause_subject: &Option<Resolved>,
        done: &[Quote],
        raw: &[RawQuote],
        index: usize,
    ) -> Quote {
        let fragment = self.is_fragment(doc, q, clause);
        let mut quote = Quote {
            span: q.span,
            speaker: None,
            speaker_code: None,
            speaker_span: None,
            fragment,
            rule: String::new(),
        };
        let at = clause
            .toks
            .iter()
            .position(|t| t.span.start == q.outer.start && t.is_punct('"'));
        let (before, after) = match at {
            Some(i) => {
                let from = clause.toks[..i]
                    .iter()
                    .rposition(|t| t.is_punct('"'))
                    .map_or(0, |j| j + 1);
                let to = clause.toks[i + 1..]
                    .iter()
                    .position(|t| t.is_punct('"'))
                    .map_or(clause.toks.len(), |j| i + 1 + j);
                (&clause.toks[from..i], &clause.toks[i + 1..to])
            }
            None => (&[][..], &[][..]),
        };
        // What follows a fragment is the rest of its sentence, not an attribution.
        let found = if fragment {
            self.before_quote(doc, before, people, last_subject, clause_subject, fragment)
        } else {
            self.after_quote(doc, after, people, last_subject)
                .or_else(|| {
                    self.before_quote(doc, before, people, last_subject, clause_subject, fragment)
                })
        };
        if let Some((who, rule)) = found {
            set_speaker(&mut quote, who, rule);
            return quote;
        }
        if fragment {
            // A second fragment of one sentence ("what he called the "extremely low"
            // effectiveness of efforts to rid Afghanistan of "international terrorists"").
            let prev = index
                .checked_sub(1)
                .and_then(|i| Some((raw.get(i)?, done.get(i)?)));
            if let Some((prev, prev_q)) = prev {
                if prev.outer.start >= clause.span.start && prev_q.speaker.is_some() {
                    quote.speaker = prev_q.speaker.clone();
                    quote.speaker_span = prev_q.speaker_span;
                    quote.rule = "same speaker as the sentence's previous quote".into();
                }
            }
            return quote;
        }
        // No pattern of its own: the previous piece of a continued quote, the previous quote
        // of the same paragraph, or the person the preceding sentence is about.
        if index > 0 {
            let prev = &raw[index - 1];
            let prev_q = &done[index - 1];
            if (q.continues || prev.paragraph == q.paragraph) && prev_q.speaker.is_some() {
                quote.speaker = prev_q.speaker.clone();
                quote.speaker_span = prev_q.speaker_span;
                quote.rule = if q.continues {
                    "continues the previous paragraph's quote".into()
                } else {
                    "same speaker as the previous quote".into()
                };
                return quote;
            }
        }
        let alone = doc
            .paragraphs
            .get(q.paragraph)
            .is_some_and(|p| p.start == q.outer.start);
        // Only the sentence right before counts: a person named further back is too far.
        if alone {
            if let Some(who) = prev_person.clone() {
                set_speaker(&mut quote, who, "the preceding sentence's subject".into());
            }
        }
        quote
    }

    /// "…," Putin said / said Andrejs Pildegovics / he told reporters / - Markov.
    fn after_quote(
        &self,
        doc: &Document,
        after: &[Tok],
        people: &People,
        last_subject: &Option<Resolved>,
    ) -> Option<(Resolved, String)> {
        let first = after.first()?;
        if matches!(first.kind, Kind::Punct('-' | '—' | '–')) {
            let rest = &after[1..];
            if rest.iter().all(Tok::is_word) && !rest.is_empty() {
                let who = people.parse_subject(doc, rest, last_subject)?;
                return Some((who, "attribution line \"…\" - NAME".into()));
            }
        }
        let words: Vec<&Tok> = after
            .iter()
            .skip_while(|t| matches!(t.kind, Kind::Punct(',' | ':' | ';')))
            .collect();
        let lower = |t: &Tok| data::lower(doc.slice(t.span));
        // "according to X"
        if let Some(k) = self.according_to(doc, &words) {
            let rest = until_comma(&words[k..]);
            let who = people.parse_subject(doc, &rest, last_subject)?;
            return Some((who, "according to NAME".into()));
        }
        let first = words.first()?;
        if first.is_word() && first.has(flag::VERB) {
            let rest = until_comma(&words[1..]);
            let who = people
                .inverted_subject(doc, &rest, last_subject)
                .or_else(|| people.parse_subject(doc, &rest, last_subject))?;
            return Some((who, format!("\"…\" {} NAME", lower(first))));
        }
        let limit = words.len().min(8);
        let k = words[..limit]
            .iter()
            .take_while(|t| t.is_word())
            .position(|t| t.has(flag::VERB));
        if let Some(k) = k {
            let subj: Vec<Tok> = words[..k].iter().map(|t| **t).collect();
            let who = people.parse_subject(doc, &subj, last_subject)?;
            return Some((who, format!("\"…\" NAME {}", lower(words[k]))));
        }
        // "…," Thomas Zurbuchen, NASA's associate administrator, said: the name, an
        // apposition between commas, then the verb.
        let comma = words.iter().position(|t| t.is_punct(','))?;
        let close = comma
            + 1
            + words[comma + 1..]
                .iter()
                .take(16)
                .position(|t| t.is_punct(','))?;
        // An auxiliary may come first: "…, has written".
        let verb = words[close + 1..]
            .iter()
            .find(|t| !t.has(flag::AUXILIARY))
            .filter(|t| t.is_word() && t.has(flag::VERB))?;
        let subj: Vec<Tok> = words[..comma].iter().map(|t| **t).collect();
        let who = people.parse_subject(doc, &subj, last_subject)?;
        Some((who, format!("\"…\" NAME, …, {}", lower(verb))))
    }

    /// Putin said: "…" / he added, "…" / what he called the "…".
    #[allow(clippy::too_many_arguments)]
    fn before_quote(
        &self,
        doc: &Document,
        before: &[Tok],
        people: &People,
        last_subject: &Option<Resolved>,
        clause_subject: &Option<Resolved>,
        fragment: bool,
    ) -> Option<(Resolved, String)> {
        let last = before.last()?;
        let introduced = last.is_punct(':') || last.is_punct(',');
        if !introduced && !fragment {
            return None;
        }
        let refs: Vec<&Tok> = before.iter().collect();
        if let Some(k) = self.according_to(doc, &refs) {
            let rest = until_comma(&refs[k..]);
            if let Some(who) = people.parse_subject(doc, &rest, last_subject) {
                return Some((who, "according to NAME, \"…\"".into()));
            }
        }
        let lower = |t: &Tok| data::lower(doc.slice(t.span));
        let v = before
            .iter()
            .rposition(|t| t.is_word() && t.has(flag::VERB));
        if let Some(v) = v {
            let verb = lower(&before[v]);
            // The words right before the verb, back to a clause break or a conjunction.
            let from = before[..v]
                .iter()
                .rposition(|t| {
                    !t.is_word() || t.has(flag::FUNCTION) && !t.has(flag::PERSON_PRONOUN)
                })
                .map_or(0, |j| j + 1);
            if let Some(who) = people.parse_subject(doc, &before[from..v], last_subject) {
                return Some((who, format!("NAME {verb}: \"…\"")));
            }
            // "Rob Goldman, President of Ascom, says:": the name before an apposition.
            if v >= 2 && before[v - 1].is_punct(',') {
                let open = before[..v - 1]
                    .iter()
                    .rposition(|t| t.is_punct(','))
                    .filter(|&j| v - 1 - j <= 16);
                if let Some(open) = open {
                    let start = before[..open]
                        .iter()
                        .rposition(|t| !t.is_word())
                        .map_or(0, |j| j + 1);
                    if let Some(who) = people
                        .parse_subject(doc, &before[start..open], last_subject)
                        .filter(Resolved::is_person)
                    {
                        return Some((who, format!("NAME, …, {verb}: \"…\"")));
                    }
                }
            }
            let rest: Vec<&Tok> = before[v + 1..].iter().collect();
            let rest = until_comma(&rest);
            // "said Putin:" — only a named person counts after the verb; otherwise the
            // words after it are its object ("described the traffic … as").
            if let Some(who) = people
                .parse_subject(doc, &rest, last_subject)
                .filter(Resolved::is_person)
            {
                return Some((who, format!("{verb} NAME: \"…\"")));
            }
            if let Some(who) = clause_subject.clone().filter(Resolved::is_person) {
                return Some((who, format!("sentence subject … {verb}: \"…\"")));
            }
        } else if last.is_punct(':') {
            if let Some(who) = clause_subject.clone().filter(Resolved::is_person) {
                return Some((who, "sentence subject …: \"…\"".into()));
            }
        }
        None
    }

    /// Index just past "according to" in `toks`, if it occurs.
    fn according_to(&self, doc: &Document, toks: &[&Tok]) -> Option<usize> {
        for phrase in &self.lex.phrases {
            let n = phrase.len();
            if toks.len() < n {
                continue;
            }
            for i in 0..=toks.len() - n {
                if (0..n).all(|j| doc.slice(toks[i + j].span).eq_ignore_ascii_case(&phrase[j])) {
                    return Some(i + n);
                }
            }
        }
        None
    }

    /// A fragment is a quote inside a sentence that is not introduced as speech ("called the
    /// "extremely low" effectiveness", "entering "a new era""): there are words before it
    /// in its sentence not ending in ':' or ',', and it starts in lower case or is short.
    fn is_fragment(&self, doc: &Document, q: &RawQuote, clause: &Clause) -> bool {
        let before: Vec<&Tok> = clause
            .toks
            .iter()
            .take_while(|t| t.span.start < q.outer.start)
            .collect();
        let from = before
            .iter()
            .rposition(|t| t.is_punct('"'))
            .map_or(0, |j| j + 1);
        let before = &before[from..];
        let Some(last) = before.last() else {
            return false;
        };
        if last.is_punct(':') || last.is_punct(',') {
            return false;
        }
        let content = doc.slice(q.span).trim();
        let lower_start = content.chars().next().is_some_and(char::is_lowercase);
        let words = content.split_whitespace().count();
        lower_start || words <= FRAGMENT_WORDS
    }

    /// Sets the speaker's code (and a fuller name) from the coder's mentions.
    ///
    /// The speaker is decided here; a mention only lends its code, and only when its name
    /// (or its coreference chain's) carries the speaker's surname — so a wrong pronoun chain
    /// in the coder cannot put another actor's code, or a phrase, on the quote.
    fn add_code(&self, doc: &Document, index: &MentionWords, q: &mut Quote) {
        let Some(speaker) = q.speaker.clone() else {
            return;
        };
        let Some(surname) = speaker.split_whitespace().last().map(str::to_lowercase) else {
            return;
        };
        let chain_end = |mut i: usize| {
            // Follow the coreference chain to a named mention; bounded against cycles.
            for _ in 0..CHAIN_STEPS {
                match doc.mentions.get(i).and_then(|m| m.antecedent) {
                    Some(a) if (a as usize) != i => i = a as usize,
                    _ => break,
                }
            }
            (i, doc.mentions.get(i))
        };
        // Mentions whose dictionary name or words in the text carry the surname ("NATO
        // Secretary-General George Robertson" may be named "NATO" by the dictionary).
        let carrying: &[usize] = index
            .by_word
            .get(surname.as_str())
            .map_or(&[], Vec::as_slice);
        let carries = |i: usize| carrying.binary_search(&i).is_ok();
        // The mention at the speaker's own words first, then the nearest one before the
        // quote that names the speaker, then any.
        let at_span = q.speaker_span.and_then(|s| {
            index
                .overlapping(doc, s)
                .map(chain_end)
                .find(|(i, m)| m.is_some_and(|m| m.code.is_some()) && carries(*i))
                .and_then(|(_, m)| m)
        });
        let named = || {
            let mut matching = carrying
                .iter()
                .filter_map(|&i| doc.mentions.get(i))
                .filter(|m| m.code.is_some());
            matching
                .clone()
                .filter(|m| m.span.start <= q.span.start)
                .max_by_key(|m| m.span.start)
                .or_else(|| matching.next())
        };
        let Some(m) = at_span.or_else(named) else {
            return;
        };
        q.speaker_code = m.code.clone();
        // "Putin" alone in the text, "Vladimir Putin" in the dictionary: take the full name.
        if let Some(full) = &m.name {
            let fuller = full.split_whitespace().count() > speaker.split_whitespace().count()
                && full.to_lowercase().ends_with(&surname);
            if fuller && full.chars().any(char::is_lowercase) {
                q.speaker = Some(full.clone());
            }
        }
    }
}

/// How many antecedent links a speaker's mention is followed back: chains are short (a
/// pronoun, a description, a name); the bound guards against cycles.
const CHAIN_STEPS: usize = 64;

/// A document's mentions indexed once for the quotes' speaker codes: by start (to find the
/// mentions at a speaker's words) and by lower-case word of their text and dictionary name
/// (to find the mentions naming a surname). Looking each quote up in the whole mention list
/// made long documents quadratic.
struct MentionWords {
    /// Mention indices sorted by start offset.
    by_start: Vec<usize>,
    /// The longest mention, in bytes: how far before a span a mention overlapping it may start.
    longest: u32,
    /// Lower-case word → indices (ascending) of the mentions whose text or name has it.
    by_word: FastMap<String, Vec<usize>>,
}

impl MentionWords {
    fn new(doc: &Document) -> MentionWords {
        let mut by_start: Vec<usize> = (0..doc.mentions.len()).collect();
        by_start.sort_by_key(|&i| doc.mentions[i].span.start);
        let longest = doc
            .mentions
            .iter()
            .map(|m| m.span.len() as u32)
            .max()
            .unwrap_or(0);
        let mut by_word: FastMap<String, Vec<usize>> = FastMap::default();
        for (i, m) in doc.mentions.iter().enumerate() {
            let text = doc.text.get(m.span.range()).unwrap_or("");
            for n in [m.name.as_deref().unwrap_or(""), text] {
                for w in n
                    .to_lowercase()
                    .split(|c: char| !c.is_alphanumeric() && c != '-')
                    .filter(|w| !w.is_empty())
                {
                    let list = by_word.entry(w.to_string()).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
        }
        MentionWords {
            by_start,
            longest,
            by_word,
        }
    }

    /// Indices of the mentions overlapping `s`, in text order.
    fn overlapping<'a>(&'a self, doc: &'a Document, s: Span) -> impl Iterator<Item = usize> + 'a {
        let from = s.start.saturating_sub(self.longest);
        let first = self
            .by_start
            .partition_point(|&i| doc.mentions[i].span.start < from);
        self.by_start[first..]
            .iter()
            .copied()
            .take_while(move |&i| doc.mentions[i].span.start < s.end)
            .filter(move |&i| doc.mentions[i].span.overlaps(s))
    }
}

fn set_speaker(quote: &mut Quote, who: Resolved, rule: String) {
    quote.speaker_span = Some(who.span);
    quote.rule = match &who.via {
        Some(via) => format!("{rule}; {via}"),
        None => rule,
    };
    quote.speaker = who.name;
}

/// The person a quote was given to, as a subject for later pronouns.
fn quote_person(q: &Quote, _people: &People) -> Option<Resolved> {
    Some(Resolved {
        name: Some(q.speaker.clone()?),
        span: q.speaker_span.unwrap_or(Span::new(0, 0)),
        via: None,
    })
}

fn until_comma(toks: &[&Tok]) -> Vec<Tok> {
    toks.iter()
        .take_while(|t| !matches!(t.kind, Kind::Punct(',' | '.' | ';' | ':' | '!' | '?' | '"')))
        .map(|t| **t)
        .collect()
}

#[cfg(test)]
mod tests;
