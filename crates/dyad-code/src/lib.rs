//! The coder: actor mentions and coreference, a parser-free reading of each sentence, verb
//! patterns, and CAMEO events with their evidence.
//!
//! ```no_run
//! use std::path::PathBuf;
//! let coder = dyad_code::Coder::from_files(&[PathBuf::from("PETR.Validate.verbs.txt")]).unwrap();
//! let mut doc = dyad_doc::Document { text: "Arnor restored ties with Gondor.".into(), ..Default::default() };
//! coder.code(&mut doc);
//! ```
//!
//! Each sentence is read on its own (see [`reading`]): PTB-like words, coarse tags from the
//! closed-class word list (`dictionaries/code-grammar.txt`), actor and agent phrases from the
//! dictionaries, noun phrases, coordinated groups ("Mordor, Rohan and Bree"), and verbs —
//! dictionary verb forms standing in a verbal context. For every verb, the patterns of its
//! verb block are tried in TABARI's sequential reading (PETRARCH2's noun and prepositional
//! patterns are read as sequences too); the best match gives the code and, where it names
//! them, the source (`$`) and target (`+`). Otherwise the source is the verb's subject (the
//! noun phrase to its left in its clause, shared along verb chains and coordinations; the
//! `by` phrase of a passive) and the target the first actor to its right in its clause.

pub mod coding;
pub mod explain;
pub mod grammar;
pub mod lexicon;
pub mod ptb;
pub mod reading;
pub mod validate;

use dyad_doc::words::FastMap as HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use dyad_dict::Dictionary;
use dyad_doc::{Document, Event, Mention, MentionKind, Span};

pub use coding::Options;
use coding::{RawEvent, SentenceCoding};
use grammar::Grammar;
use lexicon::Lexicon;
use reading::{Reading, Tag};

/// The shipped CAMEO root table (QuadClass, Goldstein, PLOVER by root).
const ROOTS: &str = include_str!("../../../dictionaries/code-roots.txt");

/// The shipped codes for intentions combined with the events they announce.
const INTENTS: &str = include_str!("../../../dictionaries/code-intent.txt");

/// How many earlier mentions of the document a definite description or a pronoun looks back
/// over for its antecedent. A newspaper reader recalls "the secretary general" from some
/// paragraphs back, not from hundreds of pages: the bound keeps coding linear in document
/// length. An article rarely has more than a couple of hundred mentions.
const MENTION_WINDOW: usize = 500;

/// How many earlier groups of the same sentence a description or pronoun looks back over
/// (a sentence of news prose has a few dozen); bounds coding of pathological sentences.
const GROUP_WINDOW: usize = 64;

/// How many sentences back a pronoun looks for its antecedent ("he", "it", "they"): a
/// pronoun refers to someone just named; an actor further back is more often not the one
/// meant (an unknown person or a thing stands between). Measured on news articles: 1 drops
/// only false events, 2 keeps some of them.
const PRONOUN_SENTENCES: u32 = 1;

/// How many sentences back an organisation nominal ("the bloc", "the alliance") looks for its
/// antecedent: a definite description names its referent for longer than a pronoun does, and
/// it can only take an organisation's code (see [`fits`]), which few mentions carry.
const NOMINAL_SENTENCES: u32 = 3;

/// Earlier mentions of a document, read once into word ids and indexed by word, so that a
/// definite description finds the latest mention that contains its words without
/// re-reading (and re-uppercasing) the document at every step.
#[derive(Debug, Default)]
struct MentionIndex {
    /// Id of each distinct upper-case word.
    ids: HashMap<String, u32>,
    /// Word ids of every mention, one mention after another.
    words: Vec<u32>,
    /// Range in `words` of each mention's words, by mention index.
    ranges: Vec<(u32, u32)>,
    /// Mentions containing each word (by word id), ascending.
    postings: Vec<Vec<u32>>,
    /// Scratch for upper-casing a word.
    up: String,
}

impl MentionIndex {
    /// Reads the mentions added to `doc` since the last call.
    fn extend(&mut self, doc: &Document) {
        for mi in self.ranges.len()..doc.mentions.len() {
            let start = self.words.len() as u32;
            let x = &doc.mentions[mi];
            // A mention counts only with a code: it cannot be an antecedent otherwise.
            if x.code.is_some() {
                for w in doc
                    .slice(x.span)
                    .split(|c: char| !c.is_alphanumeric() && c != '-')
                    .filter(|w| !w.is_empty())
                {
                    self.up.clear();
                    if w.is_ascii() {
                        // Most words: upper-cased in place, not char by char.
                        self.up.push_str(w);
                        self.up.make_ascii_uppercase();
                    } else {
                        self.up.extend(w.chars().flat_map(char::to_uppercase));
                    }
                    let id = match self.ids.get(self.up.as_str()) {
                        Some(&id) => id,
                        None => {
                            let id = self.postings.len() as u32;
                            self.ids.insert(self.up.clone(), id);
                            self.postings.push(Vec::new());
                            id
                        }
                    };
                    self.words.push(id);
                    let post = &mut self.postings[id as usize];
                    if post.last() != Some(&(mi as u32)) {
                        post.push(mi as u32);
                    }
                }
            }
            self.ranges.push((start, self.words.len() as u32));
        }
    }

    /// The latest mention (within [`MENTION_WINDOW`] of the end) whose words contain `words`
    /// in a row.
    fn latest_containing(&self, words: &[&str]) -> Option<usize> {
        let mut want: Vec<u32> = Vec::with_capacity(words.len());
        for w in words {
            // A word no mention has rules every mention out.
            want.push(*self.ids.get(*w)?);
        }
        // Walk the shortest posting list: every candidate holds all the words.
        let rarest = want
            .iter()
            .map(|&id| &self.postings[id as usize])
            .min_by_key(|p| p.len())?;
        let floor = self.ranges.len().saturating_sub(MENTION_WINDOW) as u32;
        rarest
            .iter()
            .rev()
            .take_while(|&&mi| mi >= floor)
            .find(|&&mi| {
                let (a, b) = self.ranges[mi as usize];
                self.words[a as usize..b as usize]
                    .windows(want.len())
                    .any(|win| win == want.as_slice())
            })
            .map(|&mi| mi as usize)
    }
}

/// Why a coder could not be built.
#[derive(Debug, thiserror::Error)]
pub enum CodeError {
    /// `dyad-dict` could not read a dictionary file.
    #[error(transparent)]
    Dict(#[from] dyad_dict::DictError),
}

/// Root-level CAMEO facts.
#[derive(Clone, Debug, Default)]
struct Roots {
    by_root: HashMap<String, (u8, f32, Option<String>)>,
}

impl Roots {
    fn parse(text: &str) -> Roots {
        let mut by_root = HashMap::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 4 {
                continue;
            }
            let (Ok(q), Ok(g)) = (f[1].parse::<u8>(), f[2].parse::<f32>()) else {
                continue;
            };
            let plover = (f[3] != "-").then(|| f[3].to_string());
            by_root.insert(f[0].to_string(), (q, g, plover));
        }
        Roots { by_root }
    }
}

/// How one sentence was read and coded, kept for `explain` and `validate`.
#[derive(Clone, Debug)]
pub struct SentenceTrace {
    /// Sentence index in the document.
    pub sentence: usize,
    /// Why the sentence was not coded, when a discard phrase matched.
    pub discarded: Option<String>,
    /// The reading.
    pub reading: Reading,
    /// Patterns tried and events made.
    pub coding: SentenceCoding,
}

/// Multi-pattern matchers over the discard and issue phrases, built once per coder.
#[derive(Debug, Default)]
struct Phrases {
    /// " phrase" (lower case) of every discard, by discard index.
    discards: Option<aho_corasick::AhoCorasick>,
    /// " PHRASE " of every issue alternative, and the issue each belongs to.
    issues: Option<aho_corasick::AhoCorasick>,
    issue_of: Vec<usize>,
}

impl Phrases {
    fn new(lex: &Lexicon) -> Phrases {
        let discards: Vec<String> = lex
            .discards
            .iter()
            .map(|d| format!(" {}", d.words.join(" ")))
            .collect();
        let mut issue_pats = Vec::new();
        let mut issue_of = Vec::new();
        for (i, issue) in lex.issues.iter().enumerate() {
            for w in &issue.words {
                issue_pats.push(format!(" {w} "));
                issue_of.push(i);
            }
        }
        // A phrase set the automaton cannot take leaves that matcher out: nothing is
        // discarded or tagged rather than coding failing.
        let build = |pats: &[String], kind: aho_corasick::AhoCorasickKind| {
            if pats.is_empty() {
                None
            } else {
                // Every phrase starts with a blank, which a prefilter would stop at anyway.
                aho_corasick::AhoCorasick::builder()
                    .kind(Some(kind))
                    .prefilter(false)
                    .build(pats)
                    .ok()
            }
        };
        // Discards are searched in every sentence: a DFA, several times faster per sentence
        // than an NFA, small for a few hundred phrases. Issues are searched only in sentences
        // with events, and a DFA of their thousands of phrases would take tens of megabytes
        // and a tenth of a second to build: an NFA. Both give the same matches.
        Phrases {
            discards: build(&discards, aho_corasick::AhoCorasickKind::DFA),
            issues: build(&issue_pats, aho_corasick::AhoCorasickKind::ContiguousNFA),
            issue_of,
        }
    }
}

/// Codes documents with one compiled dictionary set. Cheap to clone and share across threads.
#[derive(Clone, Debug)]
pub struct Coder {
    dict: Arc<Dictionary>,
    lex: Arc<Lexicon>,
    phrases: Arc<Phrases>,
    intents: Arc<coding::Intents>,
    prepared: Arc<coding::Prepared>,
    grammar: Arc<Grammar>,
    /// The grammar's, lexicon's and patterns' words, for one lookup per sentence word.
    words: Arc<reading::WordTable>,
    roots: Arc<Roots>,
    options: Options,
}

impl Coder {
    /// A coder over a loaded dictionary set (see [`Lexicon::from_dictionary`]); event
    /// scores and PLOVER types come from the set's CAMEO codebook.
    pub fn new(dict: Arc<Dictionary>) -> Coder {
        let lex = Lexicon::from_dictionary(&dict);
        Coder::with_lexicon(dict, lex)
    }

    /// A coder over a lexicon built elsewhere (tests, tools) with the dictionary set it came
    /// from.
    pub fn with_lexicon(dict: Arc<Dictionary>, lex: Lexicon) -> Coder {
        let grammar = Grammar::shipped();
        let prepared = coding::Prepared::new(&lex);
        Coder {
            dict,
            phrases: Arc::new(Phrases::new(&lex)),
            intents: Arc::new(coding::Intents::parse(INTENTS)),
            words: Arc::new(reading::WordTable::new(&grammar, &lex, &prepared)),
            prepared: Arc::new(prepared),
            lex: Arc::new(lex),
            grammar: Arc::new(grammar),
            roots: Arc::new(Roots::parse(ROOTS)),
            options: Options::default(),
        }
    }

    /// A coder over dictionary files (kinds recognised by file name), read by `dyad-dict`
    /// and compiled as in [`Coder::new`].
    pub fn from_files(paths: &[PathBuf]) -> Result<Coder, CodeError> {
        Ok(Coder::new(Arc::new(Dictionary::load(paths)?)))
    }

    /// The same coder with other options.
    pub fn with_options(&self, options: Options) -> Coder {
        Coder {
            options,
            ..self.clone()
        }
    }

    /// The options in force.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The dictionary set given at construction.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// The lexicon the coder matches with.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Finds actor mentions and codes events into `doc.mentions` and `doc.events`.
    /// Needs `doc.sentences` (a document without sentences is read as one sentence).
    pub fn code(&self, doc: &mut Document) {
        self.code_traced(doc, false);
    }

    /// Codes `doc` and returns, per sentence, how it was read and which patterns were tried.
    pub fn code_traced(&self, doc: &mut Document, trace: bool) -> Vec<SentenceTrace> {
        doc.mentions.clear();
        doc.events.clear();
        let spans: Vec<Span> = if doc.sentences.is_empty() {
            let t = doc.text.trim_end();
            let start = doc.text.len() - doc.text.trim_start().len();
            if start < t.len() {
                vec![Span::new(start, t.len())]
            } else {
                Vec::new()
            }
        } else {
            doc.sentences.iter().map(|s| s.span).collect()
        };
        let date = doc.meta.pub_date.map(|d| {
            (d.year() as i32 * 10000 + d.month() as i32 * 100 + d.day() as i32).max(0) as u32
        });
        // A story discard anywhere stops the whole story.
        let discards = match self.discards(doc, &spans) {
            Ok(discards) => discards,
            Err(d) => {
                if trace {
                    return vec![SentenceTrace {
                        sentence: 0,
                        discarded: Some(d),
                        reading: Reading::default(),
                        coding: SentenceCoding::default(),
                    }];
                }
                return Vec::new();
            }
        };
        let mut traces = Vec::new();
        let mut index = MentionIndex::default();
        for ((si, span), discard) in spans.iter().enumerate().zip(discards) {
            if let Some(d) = discard {
                if trace {
                    traces.push(SentenceTrace {
                        sentence: si,
                        discarded: Some(d),
                        reading: Reading::default(),
                        coding: SentenceCoding::default(),
                    });
                }
                continue;
            }
            let words = reading::tokenize_with(
                doc.slice(*span),
                span.start as usize,
                &self.grammar,
                &self.words,
            );
            // A supplied parse (one-sentence inputs) guides which words are verbs.
            let tags = doc
                .parse
                .as_deref()
                .filter(|p| self.options.use_parse && spans.len() == 1 && ptb::balanced(p))
                .map(|p| {
                    let ups: Vec<&str> = words.iter().map(|w| w.up.as_str()).collect();
                    ptb::align(&ups, &ptb::leaves(p))
                });
            let mut r =
                reading::read_with_tags(words, &self.lex, &self.grammar, date, tags.as_deref());
            // Comma-delimited asides (PETRARCH `comma_*`) are set aside and the rest re-read.
            if let Some(kept) = reading::comma_kept(&r, &self.options.comma) {
                let words = kept.iter().map(|&k| r.words[k].clone()).collect();
                let tags: Option<Vec<Option<String>>> = tags
                    .as_ref()
                    .map(|t| kept.iter().map(|&k| t.get(k).cloned().flatten()).collect());
                r = reading::read_with_tags(words, &self.lex, &self.grammar, date, tags.as_deref());
            }
            reading::add_new_actors(&mut r, self.options.new_actor_length, &self.grammar);
            self.resolve(&mut r, doc, &index, si as u32);
            // After coreference: the parties may be "the two ministers" named earlier.
            reading::find_meetings(&mut r);
            let mut coding = coding::code_prepared(
                &r,
                &self.lex,
                &self.prepared,
                &self.intents,
                &self.options,
                trace,
            );
            coding::place_in_sentence(&r, &self.grammar, &mut coding.events);
            let ids = self.push_mentions(&r, si, doc);
            index.extend(doc);
            // Issues go only on events: a sentence without one needs no issue search.
            let issues = if coding.events.is_empty() {
                Vec::new()
            } else {
                self.issues(&r)
            };
            for e in &coding.events {
                doc.events.push(self.event(e, si, &r, &ids, &issues));
            }
            if trace {
                traces.push(SentenceTrace {
                    sentence: si,
                    discarded: None,
                    reading: r,
                    coding,
                });
            }
        }
        if self.options.require_placed {
            reading::drop_unplaced(doc, &self.grammar);
        }
        if self.options.article_country {
            reading::place_state_agents(doc, &self.grammar);
        }
        traces
    }

    /// The first story discard phrase found in any sentence (`Err`: the story is not coded),
    /// or else, by sentence, the first sentence discard phrase found in it. One normalised
    /// copy and one automaton pass per sentence.
    fn discards(&self, doc: &Document, spans: &[Span]) -> Result<Vec<Option<String>>, String> {
        let Some(ac) = self.phrases.discards.as_ref() else {
            return Ok(vec![None; spans.len()]);
        };
        let mut out = Vec::with_capacity(spans.len());
        let mut hay = String::new();
        for span in spans {
            discard_hay(doc.slice(*span), &mut hay);
            let mut sentence = None;
            for m in ac.find_overlapping_iter(&hay) {
                let d = &self.lex.discards[m.pattern().as_usize()];
                let next = hay[m.end()..].chars().next().unwrap_or(' ');
                if !d.stem && next.is_alphanumeric() {
                    continue;
                }
                let found = || format!("discard \"{}\" ({})", d.words.join(" "), d.source);
                if d.story {
                    return Err(found());
                }
                if sentence.is_none() {
                    sentence = Some(found());
                }
            }
            out.push(sentence);
        }
        Ok(out)
    }

    /// Resolves pronouns and nominals to earlier named mentions.
    fn resolve(&self, r: &mut Reading, doc: &Document, index: &MentionIndex, si: u32) {
        self.resolve_descriptions(r, doc, index);
        for gi in 0..r.groups.len() {
            for mi in 0..r.groups[gi].members.len() {
                let m = &r.groups[gi].members[mi];
                // Definite descriptions were resolved by their words already.
                if !m.pronoun || m.rule.starts_with("coreference:") {
                    continue;
                }
                let start = m.start;
                let possessive = m.possessive;
                // A possessive agent takes any possessor ("Pakistan said its air force").
                let agent_suffix = m
                    .code
                    .strip_prefix("---")
                    .filter(|_| !possessive)
                    .map(str::to_string);
                let word = r.words[m.start..m.end]
                    .last()
                    .map(|w| w.up.clone())
                    .unwrap_or_default();
                let nominal = self.grammar.is(&word, grammar::Class::Nominal);
                // "he" and "she" refer to people: a bare three-letter country or
                // organisation code is not a person ("Gondor's health centres ... he said").
                let person = self.grammar.is(&word, grammar::Class::Person);
                let fits =
                    |c: &str| fits(c, agent_suffix.as_deref(), nominal) && (!person || c.len() > 3);
                // Earlier in this sentence (not in the same group), the nearest first; then
                // earlier sentences. Groups are in text order, so those that end before the
                // pronoun are the ones before its own.
                let usable =
                    |x: &reading::Member| !x.pronoun && !x.agent_only && !x.code.is_empty();
                // "Afwerki welcomed him": an object pronoun ([OBJECTCASE]) right after its
                // verb never refers to that verb's subject (a reflexive, "himself", would);
                // the subject is the phrase just before the verb and its auxiliaries.
                let own_subject_end = (start > 0
                    && r.tags[start - 1] == Tag::Verb
                    && !possessive
                    && self.grammar.is(&word, grammar::Class::ObjectCase))
                .then(|| {
                    let mut k = start - 1;
                    while k > 0
                        && matches!(
                            r.tags[k - 1],
                            Tag::Verb | Tag::Adv | Tag::Aux | Tag::Be | Tag::Neg
                        )
                    {
                        k -= 1;
                    }
                    k
                });
                let mut found: Option<(String, Option<u32>)> = r.groups[..gi]
                    .iter()
                    .rev()
                    .take(GROUP_WINDOW)
                    .filter(|g| g.end <= start && Some(g.end) != own_subject_end)
                    .flat_map(|g| g.members.iter().rev())
                    .find(|x| usable(x) && fits(&x.code))
                    .map(|x| (x.code.clone(), None));
                // "France and the United States said they supported": a plural pronoun
                // refers to every member of the compound group its antecedent stands in.
                let mut others: Vec<String> = Vec::new();
                if found.is_some() && !possessive && self.grammar.is(&word, grammar::Class::Plural)
                {
                    let group = r.groups[..gi]
                        .iter()
                        .rev()
                        .take(GROUP_WINDOW)
                        .filter(|g| g.end <= start && Some(g.end) != own_subject_end)
                        .find(|g| g.members.iter().any(|x| usable(x) && fits(&x.code)));
                    if let Some(g) = group {
                        let codes: Vec<&str> = g
                            .members
                            .iter()
                            .filter(|x| usable(x) && fits(&x.code))
                            .map(|x| x.code.as_str())
                            .collect();
                        if let Some((first, rest)) = codes.split_first() {
                            found = Some((first.to_string(), None));
                            others = rest.iter().map(|c| c.to_string()).collect();
                        }
                    }
                }
                if found.is_none() {
                    let fitting = |x: &Mention| {
                        matches!(x.kind, MentionKind::Actor | MentionKind::Agent)
                            && x.code
                                .as_deref()
                                .is_some_and(|c| !c.starts_with("---") && fits(c))
                    };
                    // The latest earlier sentence with a fitting mention; within it, the
                    // first one, where the subject usually stands ("Putin says ... He spoke").
                    let latest = doc
                        .mentions
                        .iter()
                        .rev()
                        .take(MENTION_WINDOW)
                        .find(|x| fitting(x))
                        .map(|x| x.sentence)
                        .filter(|&sent| {
                            // An agent nominal ("the government") keeps the pronoun's
                            // window: it can name any country's body.
                            let window = if nominal && agent_suffix.is_none() {
                                NOMINAL_SENTENCES
                            } else {
                                PRONOUN_SENTENCES
                            };
                            sent + window >= si
                        });
                    // Mentions are in sentence order: that sentence's start is found by
                    // bisection.
                    found = latest.and_then(|sent| {
                        let from = doc.mentions.partition_point(|x| x.sentence < sent);
                        doc.mentions[from..]
                            .iter()
                            .enumerate()
                            .take_while(|(_, x)| x.sentence == sent)
                            .find(|(_, x)| fitting(x))
                            .and_then(|(i, x)| x.code.clone().map(|c| (c, Some((from + i) as u32))))
                    });
                }
                let m = &mut r.groups[gi].members[mi];
                match found {
                    Some((code, ante)) if possessive => {
                        // The possessor's country (or its whole code when it names none)
                        // with the agent's own codes: "its air force" -> PAKMIL.
                        let country = code.get(..3).filter(|p| {
                            !self.grammar.is(p, grammar::Class::NonState) && code.len() >= 3
                        });
                        let base = country.unwrap_or(&code).to_string();
                        m.code = m
                            .agent_codes
                            .iter()
                            .fold(base, |acc, a| reading::join_code(&acc, a));
                        m.antecedent = ante;
                        m.rule = format!("coreference: possessive; {}", m.rule);
                    }
                    None if possessive => m.code.clear(),
                    Some((code, ante)) => {
                        m.code = code;
                        m.antecedent = ante;
                        m.rule = format!("coreference: {}", m.rule);
                        let copy = m.clone();
                        for code in others {
                            r.groups[gi].members.push(reading::Member {
                                code,
                                ..copy.clone()
                            });
                        }
                    }
                    None if agent_suffix.is_some() => {
                        // An unresolved definite agent ("the president") keeps its agent code.
                        m.pronoun = false;
                    }
                    None => m.code.clear(),
                }
            }
        }
    }

    /// Definite descriptions that repeat words of an earlier mention ("the secretary general"
    /// after "NATO Secretary General Jaap de Hoop Scheffer") refer to that mention's actor.
    fn resolve_descriptions(&self, r: &mut Reading, doc: &Document, index: &MentionIndex) {
        for gi in 0..r.groups.len() {
            let g = &r.groups[gi];
            let first = r.words[g.start].up.trim_end_matches('.');
            // "the secretary general", or a title and surname ("Mr. Robertson").
            let title = self.grammar.is(first, grammar::Class::Title);
            // A bare name of one or two capitalised words ("Rodriguez" after "Cuban Foreign
            // Minister Bruno Rodriguez") repeats the end of an earlier mention's name.
            let definite = self.grammar.is(first, grammar::Class::Definite);
            let bare = !definite
                && !title
                && g.end <= g.start + 2
                && r.words[g.start..g.end].iter().all(|w| w.cap);
            if !g.members.is_empty() || !bare && (g.end <= g.start + 1 || !definite && !title) {
                continue;
            }
            let from = if bare { g.start } else { g.start + 1 };
            let words: Vec<&str> = r.words[from..g.end].iter().map(|w| w.up.as_str()).collect();
            if title && !r.words[g.start + 1..g.end].iter().all(|w| w.cap) {
                continue;
            }
            if words.iter().all(|w| self.grammar.is_function_word(w)) {
                continue;
            }
            // Earlier in this sentence (the nearest group first), then the latest earlier
            // mention in the document.
            let mut found: Option<(String, Option<u32>)> = r.groups[..gi]
                .iter()
                .rev()
                .take(GROUP_WINDOW)
                .filter(|_| !bare)
                .find_map(|h| {
                    let x = h
                        .members
                        .iter()
                        .find(|x| !x.pronoun && !x.code.is_empty())?;
                    r.words[h.start..h.end]
                        .windows(words.len())
                        .any(|win| win.iter().zip(&words).all(|(a, b)| a.up == *b))
                        .then(|| (x.code.clone(), None))
                });
            if found.is_none() {
                found = index.latest_containing(&words).and_then(|i| {
                    let x = doc.mentions.get(i)?;
                    // A bare name must end the earlier name, as a surname does.
                    let last = doc.slice(x.span).split_whitespace().last()?;
                    let ends = words.last().is_some_and(|w| last.eq_ignore_ascii_case(w));
                    (!bare || ends).then_some(())?;
                    Some((x.code.clone()?, Some(i as u32)))
                });
            }
            if let Some((code, antecedent)) = found {
                let (start, end) = (r.groups[gi].start, r.groups[gi].end);
                let name = r.words[start..end]
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                r.groups[gi].members.push(reading::Member {
                    code,
                    start,
                    end,
                    name,
                    rule: "coreference: definite description".into(),
                    antecedent,
                    pronoun: true,
                    ..reading::Member::default()
                });
            }
        }
    }

    /// Adds the sentence's mentions to the document; returns their indices by (group, member).
    fn push_mentions(
        &self,
        r: &Reading,
        si: usize,
        doc: &mut Document,
    ) -> HashMap<(usize, usize), u32> {
        let mut ids = HashMap::default();
        for (gi, g) in r.groups.iter().enumerate() {
            for (mi, m) in g.members.iter().enumerate() {
                if m.code.is_empty() || m.end == 0 || m.start >= r.words.len() {
                    continue;
                }
                let span = Span::new(
                    r.words[m.start].span.start as usize,
                    r.words[(m.end - 1).min(r.words.len() - 1)].span.end as usize,
                );
                let kind = if m.pronoun && r.tags[m.start] == Tag::Pron {
                    MentionKind::Pronoun
                } else if m.pronoun {
                    MentionKind::Nominal
                } else if m.agent_only || m.rule.contains(';') {
                    MentionKind::Agent
                } else {
                    MentionKind::Actor
                };
                // A pronoun resolved within its own sentence points at that mention.
                let antecedent = m.antecedent.or_else(|| {
                    if !m.pronoun {
                        return None;
                    }
                    // This sentence's mentions are the last ones pushed.
                    doc.mentions
                        .iter()
                        .enumerate()
                        .rev()
                        .take_while(|(_, x)| x.sentence == si as u32)
                        .take(MENTION_WINDOW)
                        .find(|(_, x)| {
                            x.code.as_deref() == Some(m.code.as_str()) && x.span.end <= span.start
                        })
                        .map(|(i, _)| i as u32)
                });
                ids.insert((gi, mi), doc.mentions.len() as u32);
                doc.mentions.push(Mention {
                    span,
                    sentence: si as u32,
                    kind,
                    code: Some(m.code.clone()),
                    name: Some(m.name.clone()),
                    rule: m.rule.clone(),
                    antecedent,
                });
            }
        }
        ids
    }

    /// Issue codes found in the sentence.
    fn issues(&self, r: &Reading) -> Vec<String> {
        if self.lex.issues.is_empty() {
            return Vec::new();
        }
        // " WORD WORD ... ", as the issue phrases are written.
        let mut hay =
            String::with_capacity(r.words.iter().map(|w| w.up.len() + 1).sum::<usize>() + 2);
        hay.push(' ');
        for w in &r.words {
            hay.push_str(&w.up);
            hay.push(' ');
        }
        if r.words.is_empty() {
            hay.push(' ');
        }
        let Some(ac) = self.phrases.issues.as_ref() else {
            return Vec::new();
        };
        let mut hits: Vec<usize> = ac
            .find_overlapping_iter(&hay)
            .filter_map(|m| self.phrases.issue_of.get(m.pattern().as_usize()).copied())
            .collect();
        hits.sort_unstable();
        hits.dedup();
        let mut out: Vec<String> = Vec::new();
        for i in hits {
            let issue = &self.lex.issues[i];
            // An ignore phrase cancels the sentence's issues, as in PETRARCH.
            if issue.code.is_empty() {
                return Vec::new();
            }
            if !out.contains(&issue.code) {
                out.push(issue.code.clone());
            }
        }
        out
    }

    fn event(
        &self,
        e: &RawEvent,
        si: usize,
        r: &Reading,
        ids: &HashMap<(usize, usize), u32>,
        issues: &[String],
    ) -> Event {
        let root: String = if e.code.len() >= 2 && e.code.is_char_boundary(2) {
            e.code[..2].to_string()
        } else {
            e.code.clone()
        };
        let (mut quad, mut goldstein, mut plover) = self
            .roots
            .by_root
            .get(&root)
            .cloned()
            .unwrap_or((0, 0.0, None));
        let mut plover_mode = None;
        // The codebook knows codes below the root; codes it does not know ("174K") keep the
        // root-level facts.
        if let Some(info) = self.dict.codebook().lookup(&e.code) {
            quad = info.quad_class;
            if let Some(g) = info.goldstein {
                goldstein = g;
            }
            plover = info.plover.or(plover);
            plover_mode = info.plover_mode;
        }
        // An event named by a noun ("talks between A and B") has the noun as its verb span.
        let (first, last) = match (r.verbs.get(e.verb), e.noun) {
            (Some(vh), _) => (vh.start, vh.end - 1),
            (None, Some(k)) => (k, k),
            (None, None) => (0, 0),
        };
        let verb = match (r.words.get(first), r.words.get(last)) {
            (Some(a), Some(b)) => Some(Span::new(a.span.start as usize, b.span.end as usize)),
            _ => None,
        };
        Event {
            sentence: si as u32,
            source: e.source.clone(),
            target: e.target.clone(),
            code: e.code.clone(),
            root,
            quad_class: quad,
            goldstein,
            plover,
            plover_mode,
            date: None,
            date_precision: None,
            location: None,
            issues: issues.to_vec(),
            rule: e.rule.clone(),
            verb,
            source_mention: e.source_member.and_then(|k| ids.get(&k).copied()),
            target_mention: e.target_member.and_then(|k| ids.get(&k).copied()),
        }
    }
}

/// Writes `text` as the discard phrases are matched: " word word ... " in lower case, words
/// split at white space and joined by one space.
fn discard_hay(text: &str, hay: &mut String) {
    hay.clear();
    hay.push(' ');
    let ascii = text.is_ascii();
    let lower: std::borrow::Cow<str> = if ascii {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.to_lowercase())
    };
    let mut words = 0;
    for w in lower.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        // ASCII text is lower-cased in place, not char by char.
        let at = hay.len();
        hay.push_str(w);
        if ascii {
            hay[at..].make_ascii_lowercase();
        }
        hay.push(' ');
        words += 1;
    }
    if words == 0 {
        hay.push(' ');
    }
}

/// Whether an antecedent's code fits a definite agent phrase ("the president": a code ending
/// in the agent's code) or an organisation nominal ("the alliance": an IGO or NGO code).
fn fits(code: &str, agent_suffix: Option<&str>, nominal: bool) -> bool {
    match agent_suffix {
        Some(s) if !s.is_empty() => code.len() > s.len() && code.ends_with(s),
        _ if nominal => code.starts_with("IGO") || code.starts_with("NGO"),
        _ => true,
    }
}
