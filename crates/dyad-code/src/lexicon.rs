//! The coder's view of the dictionaries: actors, agents, verbs, discards and issues from a
//! `dyad-dict` dictionary set (PETRARCH or dyad format), compiled into matchers keyed by word.
//!
//! `dyad-dict` reads and checks the files; this module only rearranges its model into what
//! the sentence reader and the pattern matcher look up, keeping `file:line` for every entry
//! (the evidence of an event names the pattern that fired).

use dyad_doc::words::FastMap as HashMap;
use std::path::Path;
use std::sync::Arc;

/// Where an entry came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The file name as given.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One word of a dictionary phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseWord {
    /// Upper-case text.
    pub text: String,
    /// Whether the word may be matched as a prefix (TABARI stems: no trailing `_`).
    pub stem: bool,
    /// Whether a blank (not `_`) precedes it in the dictionary: a few words may come between.
    pub gap: bool,
    /// The word's id in its [`PhraseIndex`] (set when the phrase is inserted): an exact word
    /// matches a sentence word by id, not by comparing text.
    pub id: u32,
}

/// A date-restricted actor code. Dates are `yyyymmdd` integers, inclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    /// The code(s); `/` separates several actors coded together ("FRO/BIL/SAM").
    pub code: String,
    /// First day it applies, if bounded.
    pub from: Option<u32>,
    /// Last day it applies, if bounded.
    pub to: Option<u32>,
}

/// An actor record: its phrases share the codes.
#[derive(Clone, Debug)]
pub struct ActorEntry {
    /// The primary phrase, readable ("VLADIMIR PUTIN").
    pub name: String,
    /// The code of the primary line, used when no restriction applies.
    pub default: Option<String>,
    /// Date restrictions in file order.
    pub dated: Vec<DatedCode>,
    /// Where the record starts.
    pub source: Source,
    /// "NAME (file:line)", the evidence of a mention of it, written once.
    pub label: String,
}

impl ActorEntry {
    /// The codes applying on `date` (`yyyymmdd`), or the default when none does.
    ///
    /// Restrictions are tried in file order and the first that applies wins, as PETRARCH does.
    pub fn codes_at(&self, date: Option<u32>) -> Vec<String> {
        let chosen = date
            .and_then(|d| {
                self.dated.iter().find(|r| {
                    (r.from.is_some() || r.to.is_some())
                        && r.from.is_none_or(|f| d >= f)
                        && r.to.is_none_or(|t| d <= t)
                })
            })
            .map(|r| r.code.clone())
            .or_else(|| {
                // An undated story is most likely recent: the open-ended restriction that
                // starts last ("[RUSGOV >080508]") describes the actor now.
                if date.is_some() {
                    return None;
                }
                self.dated
                    .iter()
                    .filter(|r| r.from.is_some() && r.to.is_none())
                    .max_by_key(|r| r.from)
                    .map(|r| r.code.clone())
            })
            .or_else(|| self.default.clone())
            .or_else(|| {
                self.dated
                    .iter()
                    .find(|r| r.from.is_none() && r.to.is_none())
                    .map(|r| r.code.clone())
            });
        match chosen {
            Some(c) => c
                .split('/')
                .map(|s| s.trim().to_ascii_uppercase())
                .filter(|s| !s.is_empty())
                .collect(),
            None => Vec::new(),
        }
    }
}

/// An agent: a role word ("minister", "police") that adds a code to an actor.
#[derive(Clone, Debug)]
pub struct AgentEntry {
    /// The phrase as written.
    pub name: String,
    /// The code without the `~`.
    pub code: String,
    /// `true` for `CODE~` agents, whose code goes before the actor's ("NGOARN").
    pub prefix: bool,
    /// Where it came from.
    pub source: Source,
    /// "name (file:line)", the evidence of a mention of it, written once.
    pub label: String,
}

/// What a phrase index entry points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// Index into [`Lexicon::actors`].
    Actor(usize),
    /// Index into [`Lexicon::agents`].
    Agent(usize),
}

/// Id of a word no phrase has ([`PhraseIndex::word_id`]).
pub const NO_WORD: u32 = u32::MAX;

/// Phrases keyed by their first word (stems keyed by their text's first bytes).
///
/// Every word of every phrase gets an integer id; a sentence's words are looked up once
/// ([`PhraseIndex::word_id`]) and phrases are then matched by comparing ids.
#[derive(Clone, Debug, Default)]
pub struct PhraseIndex {
    /// Id of each distinct upper-case phrase word.
    ids: HashMap<String, u32>,
    /// Phrases by the id of their first word (an exact word, or a stem shorter than
    /// `MIN_STEM`), in insertion order.
    exact: Vec<Bucket>,
    /// Phrases whose first word is a stem, keyed by the stem's first `MIN_STEM` bytes.
    stems: HashMap<String, Bucket>,
}

/// Phrases sharing a first word, in insertion order (which breaks ties between phrases of
/// equal length).
#[derive(Clone, Debug, Default)]
struct Bucket {
    phrases: Vec<(Vec<PhraseWord>, Entry)>,
    /// Phrases with no condition on their second word (one word long, or a stem second),
    /// by index.
    any: Vec<u32>,
    /// The other phrases as (id of their second word, index), sorted: a common first word
    /// ("MINISTER", "INTERNATIONAL") has hundreds of phrases, of which only those whose
    /// second word is among the next few of the sentence (a gap lets `MAX_GAP` words come
    /// between) are read.
    keyed: Vec<(u32, u32)>,
}

impl Bucket {
    fn push(&mut self, words: Vec<PhraseWord>, entry: Entry) {
        let i = self.phrases.len() as u32;
        match words.get(1) {
            Some(w) if !(w.stem && w.text.len() >= MIN_STEM) => {
                let key = (w.id, i);
                let at = self.keyed.partition_point(|k| *k < key);
                self.keyed.insert(at, key);
            }
            _ => self.any.push(i),
        }
        self.phrases.push((words, entry));
    }

    /// The longest phrase of the bucket at `words[at]` (the first added among equals), as
    /// (entry, number of words).
    fn longest(&self, words: &[&str], ids: &[u32], at: usize) -> Option<(Entry, usize)> {
        // The second word of a phrase stands right after the first or, after a gap, at most
        // `MAX_GAP` words further: the distinct ids there select the phrases worth reading.
        let window = ids
            .get(at + 1..ids.len().min(at + 2 + MAX_GAP))
            .unwrap_or(&[]);
        let keyed = window
            .iter()
            .enumerate()
            .filter(|&(k, id)| *id != NO_WORD && !window[..k].contains(id))
            .flat_map(|(_, &next)| {
                let from = self.keyed.partition_point(|&(s, _)| s < next);
                self.keyed[from..]
                    .iter()
                    .take_while(move |&&(s, _)| s == next)
                    .map(|&(_, i)| i)
            });
        let mut best: Option<(Entry, usize, u32)> = None;
        for i in self.any.iter().copied().chain(keyed) {
            let Some((phrase, entry)) = self.phrases.get(i as usize) else {
                continue;
            };
            if phrase.len() > words.len() - at {
                continue;
            }
            if let Some(end) = phrase_end(phrase, words, ids, at) {
                let n = end - at;
                if best.is_none_or(|(_, bn, bi)| n > bn || n == bn && i < bi) {
                    best = Some((*entry, n, i));
                }
            }
        }
        best.map(|(e, n, _)| (e, n))
    }
}

impl PhraseIndex {
    fn insert(&mut self, mut words: Vec<PhraseWord>, entry: Entry) {
        for w in words.iter_mut() {
            w.id = self.intern(&w.text);
        }
        let Some(first) = words.first() else { return };
        if first.stem && first.text.len() >= MIN_STEM {
            let key = stem_key(&first.text).to_string();
            self.stems.entry(key).or_default().push(words, entry);
        } else {
            let id = first.id as usize;
            if self.exact.len() <= id {
                self.exact.resize_with(id + 1, Bucket::default);
            }
            self.exact[id].push(words, entry);
        }
    }

    fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(w.to_string(), id);
        id
    }

    /// Every word of a phrase.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.ids.keys().map(String::as_str)
    }

    /// The id of an upper-case word, [`NO_WORD`] when no phrase has it.
    pub fn word_id(&self, w: &str) -> u32 {
        self.ids.get(w).copied().unwrap_or(NO_WORD)
    }

    /// The longest phrase starting at `words[at]`: (entry, number of words).
    pub fn longest(&self, words: &[&str], at: usize) -> Option<(Entry, usize)> {
        let ids: Vec<u32> = words.iter().map(|w| self.word_id(w)).collect();
        self.longest_in(words, &ids, at)
    }

    /// As [`PhraseIndex::longest`], with the words' ids from [`PhraseIndex::word_id`].
    pub fn longest_in(&self, words: &[&str], ids: &[u32], at: usize) -> Option<(Entry, usize)> {
        let first = words.get(at)?;
        let mut best = ids
            .get(at)
            .and_then(|&id| self.exact.get(id as usize))
            .and_then(|b| b.longest(words, ids, at));
        // A stem phrase wins only by being longer: exact phrases come first.
        if !self.stems.is_empty() {
            if let Some(found) = self
                .stems
                .get(stem_key(first))
                .and_then(|b| b.longest(words, ids, at))
            {
                if best.is_none_or(|(_, n)| found.1 > n) {
                    best = Some(found);
                }
            }
        }
        best
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.exact.iter().map(|b| b.phrases.len()).sum::<usize>()
            + self.stems.values().map(|b| b.phrases.len()).sum::<usize>()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The first `MIN_STEM` bytes of a word (fewer at a char boundary).
fn stem_key(w: &str) -> &str {
    let mut end = MIN_STEM.min(w.len());
    while !w.is_char_boundary(end) {
        end -= 1;
    }
    &w[..end]
}

/// Most words a blank in a phrase lets through ("Ithilen state-run television").
const MAX_GAP: usize = 2;

/// Where `phrase` ends when matched at `words[at]` (whose ids are `ids`), if it does.
fn phrase_end(phrase: &[PhraseWord], words: &[&str], ids: &[u32], at: usize) -> Option<usize> {
    let mut p = at;
    for (i, pw) in phrase.iter().enumerate() {
        if i > 0 && pw.gap {
            let stop = (p + MAX_GAP + 1).min(words.len());
            let q = (p..stop)
                .take_while(|&q| {
                    q == p
                        || words[q - 1]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)
                })
                .find(|&q| word_matches(pw, words[q], ids[q]))?;
            p = q;
        }
        if p >= words.len() || !word_matches(pw, words[p], ids[p]) {
            return None;
        }
        p += 1;
    }
    Some(p)
}

/// Minimum stem length: shorter unterminated words match exactly, so "ENT" does not swallow
/// "Entwash" while "ERIADOR" still covers "Eriadorian".
const MIN_STEM: usize = 4;

/// Whether sentence word `w` (with id `id`) matches phrase word `p`: a stem by prefix, any
/// other word by id (ids are unique per text, so this is text equality).
fn word_matches(p: &PhraseWord, w: &str, id: u32) -> bool {
    if p.stem && p.text.len() >= MIN_STEM {
        w.starts_with(p.text.as_str())
    } else {
        p.id == id
    }
}

/// One element of a verb pattern, in TABARI's sequential reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elem {
    /// One of these phrases (a word, or a synset's members); each phrase is words with a
    /// "consecutive with the next" flag.
    Words(Vec<Vec<(String, bool)>>),
    /// `$`: the source actor is here.
    Source,
    /// `+`: the target actor is here.
    Target,
    /// `%`: a compound actor is here.
    Compound,
    /// `^`: skip one noun phrase or word.
    Skip,
}

/// A pattern element with whether it must be adjacent to the next one (`_`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatElem {
    /// What to match.
    pub elem: Elem,
    /// Joined to the following element (or to the verb, for the last pre-verb element).
    pub joined: bool,
}

/// A verb pattern: elements before and after the verb, and the code.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// Elements before the verb, in text order.
    pub pre: Vec<PatElem>,
    /// Whether the verb is joined to the first post element (`*_X`).
    pub verb_joined: bool,
    /// Elements after the verb, in text order.
    pub post: Vec<PatElem>,
    /// The code as written ("064", "032:033", ":020", "---").
    pub code: String,
    /// The line as written, for evidence.
    pub text: String,
    /// Where it came from.
    pub source: Source,
}

/// A verb form: the words of a (possibly multi-word) verb and which is the verb proper.
#[derive(Clone, Debug)]
pub struct VerbForm {
    /// Upper-case words, consecutive.
    pub words: Vec<String>,
    /// Index of the verb word in `words`.
    pub head: usize,
    /// Index into [`Lexicon::verbs`] of the verb.
    pub verb: usize,
}

/// A verb of a synonym block.
#[derive(Clone, Debug)]
pub struct Verb {
    /// The block it belongs to.
    pub block: usize,
    /// Its own code, when the line gives one.
    pub code: Option<String>,
    /// The base form as written ("BREAK_DOWN").
    pub name: String,
    /// Where it came from.
    pub source: Source,
}

/// A verb synonym block: `--- NAME [CODE] ---`, its verbs and patterns.
#[derive(Clone, Debug)]
pub struct VerbBlock {
    /// The block's name.
    pub name: String,
    /// The default code of the block's verbs (`---` when none).
    pub code: String,
    /// The block's patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// Where it starts.
    pub source: Source,
}

/// A PETRARCH2 transformation: `~ a (b c VERB2) VERB1 = x y CODE`.
#[derive(Clone, Debug)]
pub struct Transformation {
    /// The upper (reporting) verb's block name, e.g. "SAY".
    pub upper: String,
    /// The upper source variable.
    pub upper_source: String,
    /// The lower source and target variables (`.` any, `_` absent).
    pub lower_source: String,
    /// See `lower_source`.
    pub lower_target: String,
    /// The lower verb's name or `Q` for any.
    pub lower: String,
    /// The result's source and target variables.
    pub out_source: String,
    /// See `out_source`.
    pub out_target: String,
    /// The resulting code (`Q`: keep the lower code).
    pub code: String,
    /// Where it came from.
    pub source: Source,
}

/// A discard phrase.
#[derive(Clone, Debug)]
pub struct Discard {
    /// Lower-case words.
    pub words: Vec<String>,
    /// The last word may be a stem (no trailing `_`).
    pub stem: bool,
    /// Discards the whole story (`+`), not just the sentence.
    pub story: bool,
    /// Where it came from.
    pub source: Source,
}

/// An issue phrase.
#[derive(Clone, Debug)]
pub struct Issue {
    /// Alternative word sequences (upper case) that all give the issue.
    pub words: Vec<String>,
    /// The issue code; empty for an ignore phrase (`~`).
    pub code: String,
    /// Where it came from.
    pub source: Source,
}

/// Everything the coder reads from the dictionaries.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Actor records.
    pub actors: Vec<ActorEntry>,
    /// Agent records.
    pub agents: Vec<AgentEntry>,
    /// Actor and agent phrases.
    pub phrases: PhraseIndex,
    /// Verb blocks.
    pub blocks: Vec<VerbBlock>,
    /// Verbs.
    pub verbs: Vec<Verb>,
    /// Verb forms keyed by their head word.
    pub forms: HashMap<String, Vec<VerbForm>>,
    /// Transformations.
    pub transformations: Vec<Transformation>,
    /// Discards.
    pub discards: Vec<Discard>,
    /// Issues.
    pub issues: Vec<Issue>,
    /// Problems found while reading, as `file:line: message`.
    pub problems: Vec<String>,
}

impl Lexicon {
    /// Number of patterns over all blocks.
    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }
}

/// The label evidence gives a dictionary file: its name, not the path it was read from.
fn file_label(file: &str, labels: &mut HashMap<String, Arc<str>>) -> Arc<str> {
    if let Some(l) = labels.get(file) {
        return l.clone();
    }
    let name = Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string());
    let label: Arc<str> = Arc::from(name);
    labels.insert(file.to_string(), label.clone());
    label
}

/// A dyad-dict date as a `yyyymmdd` integer.
fn day_number(d: dyad_dict::Date) -> Option<u32> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    u32::try_from(i32::from(y) * 10_000 + i32::from(m) * 100 + i32::from(day)).ok()
}

/// The coder's words of a dictionary phrase: a blank written before a word lets a few words
/// come between (`gap`), and the last word of an open phrase (no trailing `_`) is a stem
/// when `stems` is set.
fn words_of(p: &dyad_dict::Phrase, stems: bool) -> Vec<PhraseWord> {
    let n = p.words.len();
    p.words
        .iter()
        .enumerate()
        .map(|(i, w)| PhraseWord {
            text: w.to_ascii_uppercase(),
            stem: stems && i + 1 == n && !p.closed,
            gap: i > 0 && p.joins.get(i - 1) == Some(&dyad_dict::Join::Gap),
            id: NO_WORD,
        })
        .collect()
}

/// A synset member or pattern phrase as (word, joined to the next) pairs.
fn seq_of(p: &dyad_dict::Phrase) -> Vec<(String, bool)> {
    let n = p.words.len();
    p.words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let joined = i + 1 < n && p.joins.get(i) == Some(&dyad_dict::Join::Adjacent);
            (w.to_ascii_uppercase(), joined)
        })
        .collect()
}

/// Flattens a pattern element into the coder's sequential elements: PETRARCH2's
/// prepositional `(...)` and noun-phrase `{...}` groups are read as sequences of their words.
fn flatten(
    e: &dyad_dict::Element,
    synsets: &HashMap<String, Vec<Vec<(String, bool)>>>,
    out: &mut Vec<(Elem, bool)>,
) -> Result<(), String> {
    use dyad_dict::Element as E;
    let elem = match e {
        E::Word { text, closed } => {
            let alts = text
                .to_ascii_uppercase()
                .split('/')
                .filter(|a| !a.is_empty())
                .map(|a| vec![(a.to_string(), false)])
                .collect();
            out.push((Elem::Words(alts), *closed));
            return Ok(());
        }
        E::Synset(name) => match synsets.get(&name.to_ascii_uppercase()) {
            Some(m) if !m.is_empty() => Elem::Words(m.clone()),
            _ => return Err(format!("undefined synset &{name}")),
        },
        E::Source => Elem::Source,
        E::Target => Elem::Target,
        E::Compound => Elem::Compound,
        E::Skip => Elem::Skip,
        E::Prep(inner) | E::NounPhrase(inner) => {
            for i in inner {
                flatten(i, synsets, out)?;
            }
            return Ok(());
        }
    };
    out.push((elem, false));
    Ok(())
}

/// The coder's elements of pattern slots, each joined to the next when the next is written
/// glued to it with `_` (or when it is a closed word, "WAS_ *"); `last_joined` is the join of
/// the last element to what follows the slots.
fn slots_of(
    slots: &[dyad_dict::Slot],
    last_joined: bool,
    synsets: &HashMap<String, Vec<Vec<(String, bool)>>>,
) -> Result<Vec<PatElem>, String> {
    let mut out: Vec<PatElem> = Vec::new();
    for (si, slot) in slots.iter().enumerate() {
        let mut flat = Vec::new();
        flatten(&slot.element, synsets, &mut flat)?;
        let next_glued = match slots.get(si + 1) {
            Some(next) => next.join == dyad_dict::Join::Adjacent,
            None => last_joined,
        };
        let n = flat.len();
        for (k, (elem, closed)) in flat.into_iter().enumerate() {
            out.push(PatElem {
                elem,
                joined: closed || k + 1 == n && next_glued,
            });
        }
    }
    Ok(out)
}

impl Lexicon {
    /// The lexicon of a dictionary set read by `dyad-dict` (PETRARCH or dyad format): its
    /// actors, agents, verb blocks and patterns, transformations, discards and issues, each
    /// with the file and line it was read from.
    pub fn from_dictionary(dict: &dyad_dict::Dictionary) -> Lexicon {
        let e = &dict.entries;
        let mut lex = Lexicon::default();
        let mut labels: HashMap<String, Arc<str>> = HashMap::default();
        let mut src = |p: &dyad_dict::Provenance| Source {
            file: file_label(&p.file, &mut labels),
            line: p.line,
        };
        for problem in &dict.problems {
            lex.problems.push(problem.to_string());
        }
        // Actors.
        for actor in &e.actors {
            let Some(primary) = actor.names.first() else {
                continue;
            };
            let idx = lex.actors.len();
            let name = primary.phrase.words.join(" ");
            let source = src(&primary.provenance);
            lex.actors.push(ActorEntry {
                label: format!("{name} ({source})"),
                name,
                default: actor.default_code.clone(),
                dated: actor
                    .dated
                    .iter()
                    .map(|dc| {
                        use dyad_dict::DateRange as R;
                        let (from, to) = match dc.range {
                            R::Before(d) => (None, day_number(d)),
                            R::After(d) => (day_number(d), None),
                            R::Between(a, b) => (day_number(a), day_number(b)),
                        };
                        DatedCode {
                            code: dc.code.clone(),
                            from,
                            to,
                        }
                    })
                    .collect(),
                source,
            });
            for name in &actor.names {
                let words = words_of(&name.phrase, true);
                if !words.is_empty() {
                    lex.phrases.insert(words, Entry::Actor(idx));
                }
            }
        }
        // Agents.
        for agent in &e.agents {
            let idx = lex.agents.len();
            let name = agent.phrase.words.join(" ");
            let source = src(&agent.provenance);
            lex.agents.push(AgentEntry {
                label: format!("{name} ({source})"),
                name,
                code: agent.code.to_ascii_uppercase(),
                prefix: agent.position == dyad_dict::AgentPosition::Prefix,
                source,
            });
            let words = words_of(&agent.phrase, false);
            if words.is_empty() {
                continue;
            }
            match &agent.plurals {
                dyad_dict::Plurals::Regular => {
                    let mut pw = words.clone();
                    if let Some(last) = pw.last_mut() {
                        last.text = plural_of(&last.text);
                    }
                    lex.phrases.insert(pw, Entry::Agent(idx));
                }
                dyad_dict::Plurals::None => {}
                dyad_dict::Plurals::Irregular(forms) => {
                    for f in forms {
                        let pw = words_of(f, false);
                        if !pw.is_empty() {
                            lex.phrases.insert(pw, Entry::Agent(idx));
                        }
                    }
                }
            }
            lex.phrases.insert(words, Entry::Agent(idx));
        }
        // Synsets, expanded to their members' word sequences (with regular plurals).
        let mut synsets: HashMap<String, Vec<Vec<(String, bool)>>> = HashMap::default();
        for s in &e.synsets {
            let mut members: Vec<Vec<(String, bool)>> = Vec::new();
            for m in &s.members {
                match m {
                    dyad_dict::SynsetMember::Phrase { phrase, .. } => {
                        let words = seq_of(phrase);
                        if words.is_empty() {
                            continue;
                        }
                        if !phrase.closed && !s.no_plurals {
                            let mut pw = words.clone();
                            if let Some(last) = pw.last_mut() {
                                last.0 = plural_of(&last.0);
                            }
                            members.push(pw);
                        }
                        members.push(words);
                    }
                    dyad_dict::SynsetMember::Synset { name, provenance } => {
                        match synsets.get(&name.to_ascii_uppercase()) {
                            Some(other) => members.extend(other.iter().cloned()),
                            None => {
                                let at = src(provenance);
                                lex.problems.push(format!("{at}: undefined synset &{name}"));
                            }
                        }
                    }
                }
            }
            synsets
                .entry(s.name.to_ascii_uppercase())
                .or_default()
                .extend(members);
        }
        // Verb blocks, verbs and their forms, patterns.
        for b in &e.verb_blocks {
            let block = lex.blocks.len();
            let mut patterns = Vec::new();
            for p in &b.patterns {
                let code = p.code.as_written();
                let built = slots_of(
                    &p.before,
                    p.verb_join == dyad_dict::Join::Adjacent,
                    &synsets,
                )
                .and_then(|pre| {
                    let verb_joined = p
                        .after
                        .first()
                        .is_some_and(|s| s.join == dyad_dict::Join::Adjacent);
                    Ok((pre, verb_joined, slots_of(&p.after, false, &synsets)?))
                });
                match built {
                    Ok((pre, verb_joined, post)) => patterns.push(Pattern {
                        pre,
                        verb_joined,
                        post,
                        text: format!("- {}  [{code}]", dyad_dict::export::pattern_body(p)),
                        code,
                        source: src(&p.provenance),
                    }),
                    Err(msg) => {
                        let at = src(&p.provenance);
                        lex.problems.push(format!("{at}: {msg}"));
                    }
                }
            }
            lex.blocks.push(VerbBlock {
                name: b.name.to_ascii_uppercase(),
                code: b.code.as_written(),
                patterns,
                source: src(&b.provenance),
            });
            for v in &b.verbs {
                let verb = lex.verbs.len();
                let marked: Vec<String> = v
                    .words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        if v.words.len() > 1 && i == v.head {
                            format!("+{w}")
                        } else {
                            w.clone()
                        }
                    })
                    .collect();
                lex.verbs.push(Verb {
                    block,
                    code: v.code.as_ref().map(dyad_dict::EventCode::as_written),
                    name: marked.join("_").to_ascii_uppercase(),
                    source: src(&v.provenance),
                });
                let up = |ws: &[String]| -> Vec<String> {
                    ws.iter().map(|w| w.to_ascii_uppercase()).collect()
                };
                let mut forms: Vec<(Vec<String>, usize)> = vec![(up(&v.words), v.head)];
                match &v.irregular {
                    Some(list) => forms.extend(list.iter().map(|f| (up(&f.words), f.head))),
                    None => {
                        let (words, h) = (up(&v.words), v.head);
                        if let Some(w) = words.get(h) {
                            for f in regular_verb_forms(w).into_iter().skip(1) {
                                let mut ws = words.clone();
                                ws[h] = f;
                                forms.push((ws, h));
                            }
                        }
                    }
                }
                for (words, head) in forms {
                    if !words.iter().all(|w| w.chars().any(char::is_alphabetic)) {
                        continue;
                    }
                    if let Some(w) = words.get(head) {
                        lex.forms.entry(w.clone()).or_default().push(VerbForm {
                            words: words.clone(),
                            head,
                            verb,
                        });
                    }
                }
            }
        }
        // Transformations.
        let actor = |a: &dyad_dict::TransformActor| match a {
            dyad_dict::TransformActor::Var(v) => v.clone(),
            dyad_dict::TransformActor::Unspecified => ".".to_string(),
            dyad_dict::TransformActor::Absent => "_".to_string(),
        };
        let verb_name = |v: &dyad_dict::TransformVerb| match v {
            dyad_dict::TransformVerb::Name(n) => n.to_ascii_uppercase(),
            dyad_dict::TransformVerb::Any => "Q".to_string(),
        };
        for t in &e.transformations {
            lex.transformations.push(Transformation {
                upper: verb_name(&t.verb),
                upper_source: actor(&t.source),
                lower_source: actor(&t.inner_source),
                lower_target: actor(&t.inner_target),
                lower: verb_name(&t.inner_verb),
                out_source: actor(&t.result_source),
                out_target: actor(&t.result_target),
                code: t.result_code.clone().unwrap_or_else(|| "Q".to_string()),
                source: src(&t.provenance),
            });
        }
        // Discards.
        for d in &e.discards {
            let words: Vec<String> = d.phrase.words.iter().map(|w| w.to_lowercase()).collect();
            if words.is_empty() {
                continue;
            }
            lex.discards.push(Discard {
                words,
                stem: !d.phrase.closed,
                story: d.scope == dyad_dict::DiscardScope::Story,
                source: src(&d.provenance),
            });
        }
        // Issues: every word's forms multiplied out into alternative phrases.
        for issue in &e.issues {
            let mut alts: Vec<String> = vec![String::new()];
            for w in &issue.words {
                // Parts joined with `+` match with a blank or a hyphen between them.
                let mut part_alts: Vec<String> = vec![String::new()];
                for (pi, part) in w.parts.iter().enumerate() {
                    let text = part.text.to_ascii_uppercase();
                    let forms = match part.expansion {
                        dyad_dict::Expansion::None => vec![text],
                        dyad_dict::Expansion::Noun => {
                            let plural = plural_of(&text);
                            vec![text, plural]
                        }
                        dyad_dict::Expansion::Verb => regular_verb_forms(&text),
                    };
                    let seps: &[&str] = if pi == 0 { &[""] } else { &[" ", "-"] };
                    let mut next = Vec::new();
                    for a in &part_alts {
                        for sep in seps {
                            for f in &forms {
                                next.push(format!("{a}{sep}{f}"));
                            }
                        }
                    }
                    part_alts = next;
                }
                let mut next = Vec::new();
                for a in &alts {
                    for f in &part_alts {
                        next.push(if a.is_empty() {
                            f.clone()
                        } else {
                            format!("{a} {f}")
                        });
                    }
                }
                alts = next;
            }
            lex.issues.push(Issue {
                words: alts,
                code: issue.code.clone().unwrap_or_default(),
                source: src(&issue.provenance),
            });
        }
        lex
    }
}

/// The regular plural of a noun (TABARI's rules).
pub fn plural_of(w: &str) -> String {
    if w.ends_with("SS") || w.ends_with("SH") || w.ends_with("CH") || w.ends_with('X') {
        format!("{w}ES")
    } else if let Some(stem) = w.strip_suffix('Y') {
        if stem.ends_with(['A', 'E', 'O', 'U']) {
            format!("{w}S")
        } else {
            format!("{stem}IES")
        }
    } else {
        format!("{w}S")
    }
}

/// The regular forms of a verb: base, -S, -ED, -ING.
pub fn regular_verb_forms(w: &str) -> Vec<String> {
    let vowel = |c: char| "AEIOU".contains(c);
    let s = if w.ends_with("SS")
        || w.ends_with("SH")
        || w.ends_with("CH")
        || w.ends_with('X')
        || w.ends_with('Z')
        || w.ends_with('O')
    {
        format!("{w}ES")
    } else if let Some(stem) = w.strip_suffix('Y') {
        if stem.ends_with(vowel) {
            format!("{w}S")
        } else {
            format!("{stem}IES")
        }
    } else {
        format!("{w}S")
    };
    let ed = if w.ends_with('E') {
        format!("{w}D")
    } else if let Some(stem) = w.strip_suffix('Y') {
        if stem.ends_with(vowel) {
            format!("{w}ED")
        } else {
            format!("{stem}IED")
        }
    } else {
        format!("{w}ED")
    };
    let ing = if let Some(stem) = w.strip_suffix("IE") {
        format!("{stem}YING")
    } else if w.ends_with('E') && !w.ends_with("EE") && w.len() > 2 {
        format!("{}ING", &w[..w.len() - 1])
    } else {
        format!("{w}ING")
    };
    vec![w.to_string(), s, ed, ing]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(kind: dyad_dict::Kind, file: &str, text: &str) -> Lexicon {
        let mut dict = dyad_dict::Dictionary::default();
        dict.read_text(dyad_dict::Format::Petrarch, kind, file, text);
        Lexicon::from_dictionary(&dict)
    }

    #[test]
    fn actor_dates_pick_the_restriction_in_force() {
        let lex = lexicon(
            dyad_dict::Kind::Actors,
            "t.actors.txt",
            "GOLLUM\n+SMEAGOL\n\t[HOB <950601]\n\t[HOBGOV 950601-990815]\n\t[HOBREB >990816]\n",
        );
        assert!(lex.problems.is_empty(), "{:?}", lex.problems);
        let a = &lex.actors[0];
        assert_eq!(a.codes_at(Some(19_950_101)), vec!["HOB"]);
        assert_eq!(a.codes_at(Some(19_970_101)), vec!["HOBGOV"]);
        assert_eq!(a.codes_at(Some(20_010_101)), vec!["HOBREB"]);
        let words = ["SMEAGOL"];
        assert_eq!(lex.phrases.longest(&words, 0), Some((Entry::Actor(0), 1)));
        assert_eq!(a.source.to_string(), "t.actors.txt:1");
    }

    #[test]
    fn agents_get_plurals_and_substitutions() {
        let lex = lexicon(
            dyad_dict::Kind::Agents,
            "t.agents.txt",
            "!PERSON! = MAN, WOMAN\nCONGRESS!PERSON! [~LEG]\nPOLICE {} [~COP]\nHUMAN_RIGHTS_BODY [NGO~]\nGOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\n",
        );
        let find = |w: &[&str]| lex.phrases.longest(w, 0).map(|(e, _)| e);
        assert!(find(&["CONGRESSWOMAN"]).is_some());
        assert!(find(&["POLICE"]).is_some());
        assert!(find(&["POLICES"]).is_none());
        assert!(find(&["GOLDEN", "GEESE"]).is_some());
        assert!(lex.agents.iter().any(|a| a.prefix && a.code == "NGO"));
    }

    #[test]
    fn verb_blocks_read_forms_patterns_and_synsets() {
        let lex = lexicon(
            dyad_dict::Kind::Verbs,
            "t.verbs.txt",
            "&CUR\n+DOLLAR\n+SWISS_FRANCS_\n\n--- BREAK [1717] ---\nBREAK {BROKE BROKEN}\n+BREAK_DOWN {+BROKE_DOWN}\n- + KNOWN_ * IN_ $ [076]\n- * &CUR [903]\n",
        );
        assert_eq!(lex.blocks.len(), 1);
        assert_eq!(lex.blocks[0].patterns.len(), 2);
        let p = &lex.blocks[0].patterns[0];
        assert_eq!(p.pre.len(), 2);
        assert!(p.pre[1].joined);
        assert_eq!(p.post[1].elem, Elem::Source);
        assert!(lex.forms.contains_key("BROKEN"));
        assert!(lex.forms["BROKE"]
            .iter()
            .any(|f| f.words == ["BROKE", "DOWN"]));
        match &lex.blocks[0].patterns[1].post[0].elem {
            Elem::Words(alts) => {
                assert!(alts.iter().any(|a| a[0].0 == "DOLLARS"));
                // A closed member gets no plural.
                assert!(!alts.iter().any(|a| a.len() == 2 && a[1].0 == "FRANCSS"));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(
            lex.blocks[0].patterns[0].source.to_string(),
            "t.verbs.txt:8"
        );
    }

    #[test]
    fn phrase_buckets_match_gaps_and_keep_the_first_of_equals() {
        let word = |t: &str, gap: bool| PhraseWord {
            text: t.to_string(),
            stem: false,
            gap,
            id: NO_WORD,
        };
        let mut index = PhraseIndex::default();
        index.insert(
            vec![word("EAST", false), word("RIM", true)],
            Entry::Actor(0),
        );
        index.insert(
            vec![word("EAST", false), word("BANK", false)],
            Entry::Actor(1),
        );
        index.insert(vec![word("EAST", false)], Entry::Actor(2));
        index.insert(
            vec![word("EAST", false), word("RIM", true)],
            Entry::Actor(3),
        );
        // A gap lets a word come between; of two equal phrases the first added wins.
        assert_eq!(
            index.longest(&["EAST", "AFRICAN", "RIM"], 0),
            Some((Entry::Actor(0), 3))
        );
        assert_eq!(
            index.longest(&["EAST", "BANK"], 0),
            Some((Entry::Actor(1), 2))
        );
        // No gap before "BANK": a word between breaks the phrase; the one-word phrase stays.
        assert_eq!(
            index.longest(&["EAST", "WEST", "BANK"], 0),
            Some((Entry::Actor(2), 1))
        );
        assert_eq!(index.longest(&["WEST", "BANK"], 0), None);
        assert_eq!(index.len(), 4);
    }

    #[test]
    fn regular_forms() {
        assert_eq!(
            regular_verb_forms("DEPART"),
            vec!["DEPART", "DEPARTS", "DEPARTED", "DEPARTING"]
        );
        assert_eq!(regular_verb_forms("CRITICIZE")[2], "CRITICIZED");
        assert_eq!(regular_verb_forms("DENY")[1], "DENIES");
    }
}
