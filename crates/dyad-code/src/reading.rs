//! How the coder reads one sentence without a parser: PTB-like words, coarse tags, noun
//! phrases with their actors and agents, and coordinated groups of noun phrases.

use dyad_doc::Span;

use crate::grammar::{Class, Classes, Grammar};
use crate::lexicon::{Entry, Lexicon};

/// A word of a sentence.
#[derive(Clone, Debug)]
pub struct Word {
    /// Byte span in the document's text.
    pub span: Span,
    /// The word as written.
    pub text: String,
    /// Upper case, typographic apostrophes normalised.
    pub up: String,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Its grammar classes (of `up`), looked up once when the sentence is tokenised.
    pub classes: Classes,
    /// What the coder's dictionaries know of it, when tokenised with a [`WordTable`].
    pub info: WordInfo,
}

/// A word id not looked up yet ([`WordInfo`]).
pub const UNSET: u32 = u32::MAX - 1;

/// What the coder's dictionaries know of one upper-case word, found with one lookup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordInfo {
    /// Its grammar classes.
    pub classes: Classes,
    /// Its actor/agent phrase word id ([`crate::lexicon::NO_WORD`]: none; [`UNSET`]: not
    /// looked up).
    pub phrase: u32,
    /// Its verb pattern word id (`u32::MAX`: none; [`UNSET`]: not looked up).
    pub pattern: u32,
    /// Whether it heads a verb form (`None`: not looked up).
    pub verb_form: Option<bool>,
}

impl Default for WordInfo {
    fn default() -> WordInfo {
        WordInfo {
            classes: Classes::default(),
            phrase: UNSET,
            pattern: UNSET,
            verb_form: None,
        }
    }
}

/// Every word the grammar, the actor and agent phrases, the verb forms and the verb patterns
/// name, with what each of them knows of it: a sentence's words are looked up once, not once
/// per table.
#[derive(Clone, Debug, Default)]
pub struct WordTable {
    /// Words of up to 15 bytes by [`short_key`]: the key is compared without reading a
    /// string elsewhere in memory (one cache line per lookup).
    short: dyad_doc::words::FastMap<u128, WordInfo>,
    /// Longer words.
    long: dyad_doc::words::FastMap<String, WordInfo>,
}

/// A word of up to 15 bytes packed into an integer: its bytes, then its length in the last
/// byte (so that no two words share a key).
fn short_key(w: &str) -> Option<u128> {
    let b = w.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut k = [0u8; 16];
    k[..b.len()].copy_from_slice(b);
    k[15] = b.len() as u8;
    Some(u128::from_le_bytes(k))
}

impl WordTable {
    /// The table of a coder's grammar, lexicon and compiled patterns.
    pub fn new(grammar: &Grammar, lex: &Lexicon, prepared: &crate::coding::Prepared) -> WordTable {
        let mut table = WordTable::default();
        let words = grammar
            .words()
            .chain(lex.phrases.words())
            .chain(prepared.words())
            .chain(lex.forms.keys().map(String::as_str));
        for w in words {
            let info = WordTable::compute(grammar, lex, prepared, w);
            match short_key(w) {
                Some(k) => {
                    table.short.insert(k, info);
                }
                None => {
                    table.long.insert(w.to_string(), info);
                }
            }
        }
        table
    }

    fn compute(
        grammar: &Grammar,
        lex: &Lexicon,
        prepared: &crate::coding::Prepared,
        w: &str,
    ) -> WordInfo {
        WordInfo {
            classes: grammar.classes(w),
            phrase: lex.phrases.word_id(w),
            pattern: prepared.word_id(w),
            verb_form: Some(lex.forms.contains_key(w)),
        }
    }

    /// What the tables know of `up`; a word none of them has gets the answer each would
    /// give.
    pub fn get(&self, up: &str) -> WordInfo {
        let found = match short_key(up) {
            Some(k) => self.short.get(&k),
            None => self.long.get(up),
        };
        found.copied().unwrap_or(WordInfo {
            classes: Classes::default(),
            phrase: crate::lexicon::NO_WORD,
            pattern: u32::MAX,
            verb_form: Some(false),
        })
    }
}

/// A coarse word tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    /// Determiner.
    Det,
    /// Preposition.
    Prep,
    /// Infinitive "to".
    To,
    /// Coordinating conjunction.
    Conj,
    /// Form of "to be".
    Be,
    /// Auxiliary or modal.
    Aux,
    /// Negation.
    Neg,
    /// Personal pronoun.
    Pron,
    /// Subordinating conjunction.
    Subord,
    /// Relative pronoun.
    Rel,
    /// Complementizer.
    Comp,
    /// Adverb.
    Adv,
    /// Possessive `'s` or `'`.
    Poss,
    /// Comma.
    Comma,
    /// Other punctuation.
    Punct,
    /// Verb.
    Verb,
    /// Noun, adjective or name.
    Noun,
    /// Number.
    Num,
}

impl Tag {
    /// A short label for `explain`.
    pub fn label(self) -> &'static str {
        match self {
            Tag::Det => "DET",
            Tag::Prep => "PREP",
            Tag::To => "TO",
            Tag::Conj => "CONJ",
            Tag::Be => "BE",
            Tag::Aux => "AUX",
            Tag::Neg => "NEG",
            Tag::Pron => "PRON",
            Tag::Subord => "SUB",
            Tag::Rel => "REL",
            Tag::Comp => "COMP",
            Tag::Adv => "ADV",
            Tag::Poss => "POS",
            Tag::Comma => ",",
            Tag::Punct => "PUNCT",
            Tag::Verb => "VERB",
            Tag::Noun => "N",
            Tag::Num => "NUM",
        }
    }
}

/// A dictionary phrase found in the sentence.
#[derive(Clone, Debug)]
pub struct Hit {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// What it is.
    pub entry: Entry,
}

/// A noun phrase: a run of words, with the actors and agents inside it.
#[derive(Clone, Debug, Default)]
pub struct Np {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// Indices into [`Reading::hits`] of actors.
    pub actors: Vec<usize>,
    /// Indices into [`Reading::hits`] of agents.
    pub agents: Vec<usize>,
}

/// One actor a group of noun phrases refers to.
#[derive(Clone, Debug, Default)]
pub struct Member {
    /// The CAMEO code ("ARNGOV", "---GOV").
    pub code: String,
    /// Words it covers.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// Readable name.
    pub name: String,
    /// Rule that produced it.
    pub rule: String,
    /// Whether it is an agent without a named actor.
    pub agent_only: bool,
    /// Pronoun resolved by coreference (index into the document's mentions).
    pub antecedent: Option<u32>,
    /// Whether it is a pronoun or nominal (filled by coreference).
    pub pronoun: bool,
    /// The actor part of the code (with prefix agents), `---` for an agent alone.
    pub base: String,
    /// The agent codes appended, in order.
    pub agent_codes: Vec<String>,
    /// An agent after a possessive determiner ("its air force"): coreference gives it the
    /// country of the possessor and keeps its own agent codes.
    pub possessive: bool,
}

/// Noun phrases joined by commas and conjunctions ("Mordor, Rohan and Bree"), or an agent
/// phrase with its prepositional actor ("lawmakers in Fornost and Gondor").
#[derive(Clone, Debug, Default)]
pub struct Group {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The noun phrases (indices into [`Reading::nps`]).
    pub nps: Vec<usize>,
    /// The actors it refers to.
    pub members: Vec<Member>,
}

impl Group {
    /// Whether it refers to more than one actor.
    pub fn compound(&self) -> bool {
        self.members.len() > 1
    }
}

/// A verb found in the sentence.
#[derive(Clone, Debug)]
pub struct VerbHit {
    /// First word of the (multi-word) verb.
    pub start: usize,
    /// One past its last word.
    pub end: usize,
    /// The verb word proper.
    pub head: usize,
    /// Index into [`Lexicon::verbs`], or `None` for a verb not in the dictionary.
    pub verb: Option<usize>,
    /// Other dictionary verbs with the same form here (a verb listed in several blocks).
    pub others: Vec<usize>,
    /// Inside a condition ("if NATO ignores Moscow's interests"): not something that happened.
    pub conditional: bool,
    /// A past participle modifying the noun phrase before it ("the civilians imprisoned for
    /// ... were released"): passive, whatever precedes it.
    pub reduced_relative: bool,
    /// The verb of a free relative ("what he called ..."): it names, it does not act.
    pub free_relative: bool,
    /// An infinitive under a negated verb or a verb of refusal ("refused to ratify", "is not
    /// standing in line to join"): what it names did not happen.
    pub not_done: bool,
    /// Written as a past or third-person form ("broke", "accused", "holds"), which cannot be
    /// the bare form of an infinitive.
    pub inflected: bool,
}

/// Everything read from one sentence.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    /// The words.
    pub words: Vec<Word>,
    /// Their tags.
    pub tags: Vec<Tag>,
    /// Dictionary phrases found.
    pub hits: Vec<Hit>,
    /// Noun phrases.
    pub nps: Vec<Np>,
    /// Coordinated groups.
    pub groups: Vec<Group>,
    /// The group each word is in.
    pub group_of: Vec<Option<usize>>,
    /// Verbs.
    pub verbs: Vec<VerbHit>,
    /// Whether each word is a preposition of place ("in", "at").
    pub locative: Vec<bool>,
    /// Whether each word is the preposition of a passive agent ("by").
    pub agentive: Vec<bool>,
    /// Whether each word is the preposition that chains noun phrases ("of"): "thousands of
    /// protesters", "the head of the UN".
    pub genitive: Vec<bool>,
    /// Whether each word lies in a phrase whose actors are never a verb's target: the topic
    /// of a noun of meeting or speech ("a summit on the unrest in Iran") or an adjunct ("during
    /// its campaign for an Islamic state in Nigeria").
    pub aside: Vec<bool>,
    /// Meeting nouns with a "between" phrase naming two or more actors: (the noun's word,
    /// the group of the parties). See [`find_meetings`].
    pub meetings: Vec<(usize, usize)>,
}

/// Finds the meeting nouns ([`Class::Meeting`]: "talks", "negotiations") followed, after at
/// most one place phrase ("in Beijing"), by a [`Class::Between`] phrase whose group names two
/// or more actors: "four days of talks in Beijing between Iran's top security official and
/// Saudi national security adviser Musaed al-Aiban". A noun inside a condition or after a
/// plan or proposal is left alone, as a verb there would be.
pub fn find_meetings(r: &mut Reading) {
    let mut found = Vec::new();
    for k in 0..r.words.len() {
        if r.tags[k] != Tag::Noun || !r.words[k].classes.is(Class::Meeting) {
            continue;
        }
        // "a meeting of A and B" is read as one phrase: the parties are the actors after the
        // preposition inside the noun's own phrase.
        if let Some(g) = r.group_of[k].filter(|&g| !r.groups[g].members.is_empty()) {
            let parties = r.groups[g]
                .members
                .iter()
                .filter(|m| m.end > k + 1 && !m.code.is_empty())
                .count();
            let between = r
                .words
                .get(k + 1)
                .is_some_and(|w| w.classes.is(Class::Between));
            if between && parties >= 2 && !unreal_before(r, k) {
                found.push((k, g));
            }
            continue;
        }
        if unreal_before(r, k) {
            continue;
        }
        let mut j = r.group_of[k]
            .map(|g| r.groups[g].end)
            .unwrap_or(k + 1)
            .max(k + 1);
        // One place phrase may stand between the noun and its parties.
        if j < r.words.len() && r.locative[j] {
            match r.group_of.get(j + 1).copied().flatten() {
                Some(g) => j = r.groups[g].end,
                None => continue,
            }
        }
        if j + 1 >= r.words.len() || !r.words[j].classes.is(Class::Between) {
            continue;
        }
        let Some(g) = r.group_of[j + 1] else {
            continue;
        };
        let coded = r.groups[g]
            .members
            .iter()
            .filter(|m| !m.code.is_empty())
            .count();
        if coded >= 2 {
            found.push((k, g));
        }
    }
    r.meetings = found;
}

/// "plans for talks between", "if talks between", "unable to reschedule a meeting between",
/// "no talks between": a negation, plan, condition, hedge or refusal in the five words before
/// the noun at `k` says the meeting has not taken place.
fn unreal_before(r: &Reading, k: usize) -> bool {
    (k.saturating_sub(5)..k).any(|j| {
        let w = r.words[j].classes;
        r.tags[j] == Tag::Neg
            || w.is(Class::Proposal)
            || w.is(Class::Conditional)
            || w.is(Class::Unreal)
            || w.is(Class::Refusal)
    })
}

/// PETRARCH's `new_actor_length`: a group of noun phrases that names no actor becomes a new
/// actor of its own, coded with its words in quotes (`"THE MINISTRY OF MAGIC"`), when it has
/// at most `max_words` words (possessive endings and punctuation not counted). Off (`0`) by
/// default: dyad codes only actors its dictionaries know.
pub fn add_new_actors(r: &mut Reading, max_words: usize, _grammar: &Grammar) {
    if max_words == 0 {
        return;
    }
    for g in 0..r.groups.len() {
        if r.groups[g].members.iter().any(|m| !m.code.is_empty()) {
            continue;
        }
        // A coordination ("death and injury toll") gives one new actor per conjunct; any
        // other group ("the Ministry of Magic") one for the whole of it.
        let (gs, ge) = (r.groups[g].start, r.groups[g].end);
        let spans: Vec<(usize, usize)> = if (gs..ge).any(|k| r.tags[k] == Tag::Conj) {
            r.groups[g]
                .nps
                .iter()
                .filter_map(|&ni| r.nps.get(ni).map(|np| (np.start, np.end)))
                .collect()
        } else {
            // "the Ministry of Magic": a following "of" phrase that names no actor either is
            // part of the name.
            let mut e = ge;
            while e + 1 < r.words.len()
                && r.tags[e] == Tag::Prep
                && r.words[e].classes.is(Class::Genitive)
            {
                match r.group_of[e + 1] {
                    Some(h)
                        if r.groups[h].start == e + 1
                            && r.groups[h].members.iter().all(|m| m.code.is_empty()) =>
                    {
                        e = r.groups[h].end;
                    }
                    _ => break,
                }
            }
            vec![(gs, e)]
        };
        let mut added = Vec::new();
        for (start, end) in spans {
            let words: Vec<&str> = (start..end)
                .filter(|&k| !matches!(r.tags[k], Tag::Poss | Tag::Punct | Tag::Comma))
                .map(|k| r.words[k].up.as_str())
                .collect();
            // A pronoun is no new actor: coreference resolves it or nothing does.
            let pronoun = end == start + 1 && r.tags[start] == Tag::Pron;
            if words.is_empty() || words.len() > max_words || pronoun {
                continue;
            }
            added.push(Member {
                code: format!("\"{}\"", words.join(" ")),
                start,
                end,
                name: words.join(" "),
                rule: "new actor (new_actor_length)".to_string(),
                ..Member::default()
            });
        }
        r.groups[g].members.extend(added);
    }
}

/// Whether `target` is the bare country code of `source` ("RUSGOV" and "RUS"): a country's
/// own government, legislature or people acting on the country as a whole is not a dyadic
/// event; such targets come from possessives and topics ("reconsider Russia's defense
/// strategy", "narcotics are entering Russia"), not from an actor acted on.
pub fn own_country(source: &str, target: &str) -> bool {
    let bare = |c: &str| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase());
    // Both ways: "Washington held talks pursuing an agreement for US troops" (USA and USAMIL)
    // names one country's side twice, not two parties.
    (bare(target) && source.len() > 3 && source.starts_with(target))
        || (bare(source) && target.len() > 3 && target.starts_with(source))
}

/// Whether an actor code names neither a country nor an organisation: a generic agent
/// ("---MIL") or a bare [`Class::AgentOnly`] code ("MED" for a newspaper).
pub fn unplaced(code: &str, grammar: &Grammar) -> bool {
    code.is_empty()
        || code.starts_with("---")
        || code
            .get(..3)
            .is_some_and(|p| grammar.is(p, Class::AgentOnly))
}

/// Drops events whose source and target are both [`unplaced`]: on news such dyads come
/// from non-political text or unresolved mentions far more often than from a real event.
pub fn drop_unplaced(doc: &mut dyad_doc::Document, grammar: &Grammar) {
    doc.events.retain(|e| {
        !unplaced(&e.source, grammar) || e.target.as_deref().is_some_and(|t| !unplaced(t, grammar))
    });
}

/// `code` with `country` put before it, when `code` is a generic state agent or a country's
/// people without a country (`---COP`, `---OPP`); `None` for any other code.
pub(crate) fn placed_agent(code: &str, country: &str, grammar: &Grammar) -> Option<String> {
    let agent = code.strip_prefix("---")?;
    let first = agent.get(..3)?;
    // A country's people ("protesters", "crowds") are as much its own as its police.
    (grammar.is(first, Class::StateAgent) || grammar.is(first, Class::People))
        .then(|| format!("{country}{agent}"))
}

/// Gives a generic state agent ("---GOV" for "Defense Secretary Mark Esper", "---COP" for
/// "police") the article's dominant country, when one country clearly dominates its
/// mentions: at least `MIN_DOMINANT` country-coded mentions and twice as many as the next.
/// Only [`Class::StateAgent`] codes (a government, army or police acts for a state) and
/// [`Class::People`] codes (protesters, crowds, civilians of the story's country) are
/// placed; events that then set a country against itself are dropped. The event's rule
/// records the step.
pub fn place_state_agents(doc: &mut dyad_doc::Document, grammar: &Grammar) {
    const MIN_DOMINANT: usize = 3;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for m in &doc.mentions {
        if !matches!(
            m.kind,
            dyad_doc::MentionKind::Actor | dyad_doc::MentionKind::Agent
        ) {
            continue;
        }
        let Some(p) = m.code.as_deref().and_then(|c| c.get(..3)) else {
            continue;
        };
        if !p.bytes().all(|b| b.is_ascii_uppercase()) || grammar.is(p, Class::NonState) {
            continue;
        }
        match counts.iter_mut().find(|(q, _)| *q == p) {
            Some(c) => c.1 += 1,
            None => counts.push((p, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let dominant = match counts.as_slice() {
        [(p, n), rest @ ..]
            if *n >= MIN_DOMINANT && rest.first().is_none_or(|(_, m)| *n >= 2 * m) =>
        {
            p.to_string()
        }
        _ => return,
    };
    let place = |code: &str| placed_agent(code, &dominant, grammar);
    doc.events.retain_mut(|e| {
        let source = place(&e.source);
        let target = e.target.as_deref().and_then(place);
        if source.is_none() && target.is_none() {
            return true;
        }
        if let Some(s) = source {
            e.source = s;
        }
        if let Some(t) = target {
            e.target = Some(t);
        }
        e.rule
            .push_str(&format!(" + country of the article: {dominant}"));
        let t = e.target.as_deref().unwrap_or("");
        t != e.source && !own_country(&e.source, t)
    });
}

/// PETRARCH's comma options (`comma_min`/`comma_max` for internal stretches, `comma_bmin`/
/// `comma_bmax` for the stretch before the first comma, `comma_emin`/`comma_emax` for the one
/// after the last): a comma-delimited stretch whose length in words lies within its kind's
/// bounds is set aside before coding, as an aside that carries no event of the sentence's
/// own. A `max` of 0 turns that kind off; the default turns all three off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CommaLimits {
    /// Shortest internal stretch set aside.
    pub min: usize,
    /// Longest internal stretch set aside (0: none).
    pub max: usize,
    /// Shortest initial stretch set aside.
    pub bmin: usize,
    /// Longest initial stretch set aside (0: none).
    pub bmax: usize,
    /// Shortest terminal stretch set aside.
    pub emin: usize,
    /// Longest terminal stretch set aside (0: none).
    pub emax: usize,
}

impl CommaLimits {
    /// Sets one PETRARCH option (`comma_min`, `comma_bmax`, ...); false when `option` is not
    /// a comma option or `value` not a number.
    pub fn set(&mut self, option: &str, value: &str) -> bool {
        let Ok(v) = value.trim().parse::<usize>() else {
            return false;
        };
        let field = match option.trim().to_ascii_lowercase().as_str() {
            "comma_min" => &mut self.min,
            "comma_max" => &mut self.max,
            "comma_bmin" => &mut self.bmin,
            "comma_bmax" => &mut self.bmax,
            "comma_emin" => &mut self.emin,
            "comma_emax" => &mut self.emax,
            _ => return false,
        };
        *field = v;
        true
    }
}

/// The words of `r` that remain when the comma-delimited stretches `limits` names are set
/// aside, as indices in order; `None` when nothing is set aside. Commas inside a noun phrase or
/// between the members of a coordinated group ("Mordor, Rohan and Bree") delimit nothing: a
/// list is not an aside. Nothing is set aside when that would leave no word.
pub fn comma_kept(r: &Reading, limits: &CommaLimits) -> Option<Vec<usize>> {
    // Every kind off (the default): nothing is set aside.
    if limits.max == 0 && limits.bmax == 0 && limits.emax == 0 {
        return None;
    }
    let n = r.words.len();
    let inside_np = |k: usize| r.nps.iter().any(|np| np.start < k && k + 1 < np.end);
    let in_list = |k: usize| {
        k > 0
            && k + 1 < n
            && r.group_of[k - 1].is_some()
            && r.group_of[k - 1] == r.group_of.get(k + 1).copied().flatten()
    };
    let commas: Vec<usize> = (0..n)
        .filter(|&k| r.tags[k] == Tag::Comma && !inside_np(k) && !in_list(k))
        .collect();
    if commas.is_empty() {
        return None;
    }
    // The sentence's closing punctuation is not part of the terminal stretch.
    let mut end = n;
    while end > 0 && r.tags[end - 1] == Tag::Punct {
        end -= 1;
    }
    let length = |a: usize, b: usize| {
        (a..b)
            .filter(|&k| !matches!(r.tags[k], Tag::Punct | Tag::Comma))
            .count()
    };
    let within = |len: usize, min: usize, max: usize| max > 0 && len >= min && len <= max;
    let mut drop = vec![false; n];
    let mut mark = |a: usize, b: usize| drop[a..b].iter_mut().for_each(|d| *d = true);
    let first = commas[0];
    if within(length(0, first), limits.bmin, limits.bmax) {
        mark(0, first + 1);
    }
    for w in commas.windows(2) {
        if within(length(w[0] + 1, w[1]), limits.min, limits.max) {
            // The aside goes with its opening comma; the closing one stays to part what
            // was before from what follows.
            mark(w[0], w[1]);
        }
    }
    let last = commas[commas.len() - 1];
    if last < end && within(length(last + 1, end), limits.emin, limits.emax) {
        mark(last, end);
    }
    let kept: Vec<usize> = (0..n).filter(|&k| !drop[k]).collect();
    let has_word = kept
        .iter()
        .any(|&k| !matches!(r.tags[k], Tag::Punct | Tag::Comma));
    (kept.len() < n && has_word).then_some(kept)
}

/// Splits a sentence into PTB-like words: punctuation apart, possessive `'s` and `n't` split,
/// hyphenated words and abbreviations kept whole.
pub fn tokenize(text: &str, offset: usize, grammar: &Grammar) -> Vec<Word> {
    tokenize_by(text, offset, grammar, &|up: &str| WordInfo {
        classes: grammar.classes(up),
        ..WordInfo::default()
    })
}

/// As [`tokenize`], each word looked up once in the coder's [`WordTable`].
pub fn tokenize_with(text: &str, offset: usize, grammar: &Grammar, table: &WordTable) -> Vec<Word> {
    tokenize_by(text, offset, grammar, &|up: &str| table.get(up))
}

fn tokenize_by(
    text: &str,
    offset: usize,
    grammar: &Grammar,
    lookup: &dyn Fn(&str) -> WordInfo,
) -> Vec<Word> {
    // Most sentences are ASCII: a char is its byte and its index its offset, so the table
    // of (offset, char) is only built for the others.
    if text.is_ascii() {
        let b = text.as_bytes();
        tokenize_chars(text, offset, grammar, lookup, b.len(), |k| {
            (k, char::from(b[k]))
        })
    } else {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        tokenize_chars(text, offset, grammar, lookup, chars.len(), |k| chars[k])
    }
}

/// [`tokenize_by`] over `n` chars, `at(k)` giving the `k`th char and its byte offset.
fn tokenize_chars(
    text: &str,
    offset: usize,
    grammar: &Grammar,
    lookup: &dyn Fn(&str) -> WordInfo,
    n: usize,
    at: impl Fn(usize) -> (usize, char),
) -> Vec<Word> {
    // Sized once: in news prose, about one word per six bytes.
    let mut out = Vec::with_capacity(text.len() / 4 + 4);
    let ch = |k: usize| at(k).1;
    let byte_at = |i: usize| if i < n { at(i).0 } else { text.len() };
    let is_apos = |c: char| c == '\'' || c == '’';
    let mut i = 0;
    while i < n {
        let c = ch(i);
        // An underscore joins words in some wire texts ("Dol_Amroth"): read it as a blank.
        if c.is_whitespace() || c == '_' {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i + 1;
            while j < n {
                let d = ch(j);
                // Inner periods, hyphens, ampersands and apostrophes, and thousands commas,
                // stay inside a word when a letter or digit follows.
                let inner = j + 1 < n
                    && ch(j + 1).is_alphanumeric()
                    && (matches!(d, '.' | '-' | '&')
                        || is_apos(d)
                        || d == ',' && ch(j - 1).is_ascii_digit() && ch(j + 1).is_ascii_digit());
                if d.is_alphanumeric() || inner {
                    j += 1;
                } else {
                    break;
                }
            }
            // A hyphen left hanging ("anti- Gondor") stays with its word.
            if j < n && ch(j) == '-' && (j + 1 == n || ch(j + 1).is_whitespace()) {
                j += 1;
            }
            // Abbreviations keep their period: initials ("U.S.") and listed words ("Mr.").
            if j < n && ch(j) == '.' {
                let w = &text[byte_at(start)..byte_at(j)];
                let initials = w.contains('.') && w.split('.').all(|p| p.chars().count() <= 1);
                let single = w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase());
                let listed = grammar.is(&w.to_uppercase(), Class::Abbrev);
                let at_end = j + 1 == n || (j + 1..n).all(|k| ch(k).is_whitespace());
                if (initials || single || listed) && !at_end {
                    j += 1;
                }
            }
            let mut word_end = j;
            // Split "n't" and possessive "'s" (either apostrophe, any case), looking at the
            // word's last characters rather than a lower-cased copy of it.
            let apos_at = |k: usize| is_apos(ch(k));
            let lower_is = |k: usize, c: char| ch(k).to_ascii_lowercase() == c;
            let len = j - start;
            let mut tail: Option<usize> = None;
            if len > 3 && lower_is(j - 3, 'n') && apos_at(j - 2) && lower_is(j - 1, 't') {
                tail = Some(j - 3);
            } else if len > 2 && apos_at(j - 2) && lower_is(j - 1, 's') {
                tail = Some(j - 2);
            }
            if let Some(t) = tail {
                word_end = t;
            }
            push(
                &mut out,
                text,
                offset,
                byte_at(start),
                byte_at(word_end),
                lookup,
            );
            if let Some(t) = tail {
                push(&mut out, text, offset, byte_at(t), byte_at(j), lookup);
            }
            i = j;
            continue;
        }
        // Plural possessive apostrophe after an s ("countries'").
        push(&mut out, text, offset, byte_at(i), byte_at(i + 1), lookup);
        i += 1;
    }
    out
}

fn push(
    out: &mut Vec<Word>,
    text: &str,
    offset: usize,
    a: usize,
    b: usize,
    lookup: &dyn Fn(&str) -> WordInfo,
) {
    if a >= b {
        return;
    }
    let t = &text[a..b];
    // Most words are ASCII: one allocation for the upper-case form, no apostrophe to replace.
    let up = if t.is_ascii() {
        t.to_ascii_uppercase()
    } else {
        t.to_uppercase().replace('’', "'")
    };
    let info = lookup(&up);
    out.push(Word {
        span: Span::new(offset + a, offset + b),
        text: t.to_string(),
        classes: info.classes,
        info,
        up,
        cap: t.chars().next().is_some_and(char::is_uppercase),
    });
}

/// Reads a sentence: tags, dictionary phrases, noun phrases, groups and verbs.
pub fn read(words: Vec<Word>, lex: &Lexicon, grammar: &Grammar, date: Option<u32>) -> Reading {
    read_with_tags(words, lex, grammar, date, None)
}

/// Reads a sentence with part-of-speech tags from a supplied parse, one per word where the
/// parse's words line up with the sentence's (`None` elsewhere): a dictionary verb form is a
/// verb exactly when the parse tags it `VB*`.
pub fn read_with_tags(
    words: Vec<Word>,
    lex: &Lexicon,
    grammar: &Grammar,
    date: Option<u32>,
    pos: Option<&[Option<String>]>,
) -> Reading {
    let n = words.len();
    let pos_at = |k: usize| pos.and_then(|p| p.get(k)).and_then(|t| t.as_deref());
    let ups: Vec<&str> = words.iter().map(|w| w.up.as_str()).collect();
    // Dictionary phrases, longest first from left to right.
    let mut hits: Vec<Hit> = Vec::new();
    let mut hit_of: Vec<Option<usize>> = vec![None; n];
    // Once per sentence, not per phrase: keeps long sentences linear.
    let mixed_case = words.iter().any(|w| w.text.chars().any(char::is_lowercase));
    // Each word's phrase id once, and the longest phrase at every word once: the neighbour
    // test below asks again for the words around a one-word name.
    let ids: Vec<u32> = words
        .iter()
        .map(|w| match w.info.phrase {
            UNSET => lex.phrases.word_id(&w.up),
            id => id,
        })
        .collect();
    let longest: Vec<Option<(Entry, usize)>> = (0..n)
        .map(|k| lex.phrases.longest_in(&ups, &ids, k))
        .collect();
    let mut i = 0;
    while i < n {
        if let Some((entry, len)) = longest[i] {
            // A one-word actor name written in lower case in mixed-case text is a common
            // noun ("scaling a pole", "us"), not the actor ("Pole", "US").
            let lower_case_name = !words[i].cap && (mixed_case || words[i].classes.function_word());
            // A one-word name inside a longer capitalised name is part of that name ("South
            // China Sea", "Gaza City Council"), not the actor.
            let capitalised = |k: usize| {
                words[k].cap && !words[k].classes.function_word() && longest[k].is_none()
            };
            let embedded =
                mixed_case && i > 0 && i + 1 < n && capitalised(i - 1) && capitalised(i + 1);
            let skip =
                len == 1 && matches!(entry, Entry::Actor(_)) && (lower_case_name || embedded);
            if !skip {
                hits.push(Hit {
                    start: i,
                    end: i + len,
                    entry,
                });
                for h in hit_of.iter_mut().skip(i).take(len) {
                    *h = Some(hits.len() - 1);
                }
                i += len;
                continue;
            }
        }
        i += 1;
    }
    // Verb forms (multi-word forms first), where no actor phrase covers the word.
    let mut verb_at: Vec<Option<(usize, usize, usize, usize)>> = vec![None; n]; // (start,end,head,verb)
    let mut others_at: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, up) in ups.iter().enumerate() {
        if hit_of[k].is_some() {
            continue;
        }
        // A word tokenised with the word table knows whether it heads a verb form.
        if words[k].info.verb_form == Some(false) {
            continue;
        }
        let Some(forms) = lex.forms.get(*up) else {
            continue;
        };
        let mut best: Option<(usize, usize, usize, usize)> = None;
        for f in forms {
            if f.head > k {
                continue;
            }
            let s = k - f.head;
            if s + f.words.len() > n {
                continue;
            }
            if f.words.iter().zip(&ups[s..]).all(|(a, b)| a == b)
                && best.is_none_or(|(bs, be, _, _)| f.words.len() > be - bs)
            {
                best = Some((s, s + f.words.len(), k, f.verb));
            }
        }
        if let Some((bs, be, _, bv)) = best {
            let others: Vec<usize> = forms
                .iter()
                .filter(|f| {
                    f.verb != bv && f.head <= k && k - f.head == bs && bs + f.words.len() == be
                })
                .filter(|f| f.words.iter().zip(&ups[bs..]).all(|(a, b)| a == b))
                .map(|f| f.verb)
                .collect();
            others_at[k] = others;
        }
        verb_at[k] = best;
    }
    // Tags.
    let has_lower = mixed_case;
    let headline = is_headline(&words);
    let mut tags: Vec<Tag> = Vec::with_capacity(n);
    for (k, w) in words.iter().enumerate() {
        let up = w.up.as_str();
        let first_char = w.text.chars().next().unwrap_or(' ');
        let tag = if hit_of[k].is_some() {
            Tag::Noun
        } else if up == "," {
            Tag::Comma
        } else if up == "'S" {
            Tag::Poss
        } else if !first_char.is_alphanumeric() {
            if up == "'" && k > 0 && words[k - 1].up.ends_with('S') {
                Tag::Poss
            } else {
                Tag::Punct
            }
        } else if first_char.is_ascii_digit() {
            Tag::Num
        } else if up == "TO" {
            // Infinitive "to" before a verb; a preposition before a name, article or number.
            let next = words.get(k + 1);
            let infinitive = next.is_some_and(|w| {
                w.text.chars().next().is_some_and(char::is_lowercase)
                    && !w.classes.is(Class::Det)
                    && !w.classes.is(Class::Pron)
            });
            if infinitive {
                Tag::To
            } else {
                Tag::Prep
            }
        } else if has_lower
            && w.text.len() > 1
            && w.text.chars().all(|c| c.is_uppercase())
            && k > 0
            && w.classes.function_word()
        {
            // An all-capital function word inside a sentence is an acronym ("US").
            Tag::Noun
        } else if w.classes.is(Class::Neg) {
            Tag::Neg
        } else if w.classes.is(Class::Be) {
            Tag::Be
        } else if w.classes.is(Class::Aux) && !(w.cap && k > 0) {
            Tag::Aux
        } else if w.classes.is(Class::Comp) {
            Tag::Comp
        } else if w.classes.is(Class::Rel) {
            Tag::Rel
        } else if w.classes.is(Class::Pron) {
            Tag::Pron
        } else if w.classes.is(Class::Det) {
            Tag::Det
        } else if w.classes.is(Class::Conj) {
            Tag::Conj
        } else if w.classes.is(Class::Subord) && !w.classes.is(Class::Prep) {
            Tag::Subord
        } else if w.classes.is(Class::Prep) {
            Tag::Prep
        } else if w.classes.is(Class::Adv)
            || (up.ends_with("LY") && up.len() > 4 && verb_at[k].is_none())
        {
            Tag::Adv
        } else {
            Tag::Noun
        };
        tags.push(tag);
    }
    // Subordinators that are also prepositions ("after", "before", "since") open a clause
    // when a subject and verb follow: decide by the next words.
    for k in 0..n {
        if tags[k] == Tag::Prep
            && words[k].classes.is(Class::Subord)
            && opens_clause(k, &tags, &verb_at, &words)
        {
            tags[k] = Tag::Subord;
        }
    }
    // Verbs: dictionary forms (and unknown words that look like finite verbs) in a verbal
    // context; nouns otherwise ("the talks", "an attack").
    let mut verbs: Vec<VerbHit> = Vec::new();
    let mut k = 0;
    while k < n {
        let known = verb_at[k].filter(|(s, _, h, _)| *h == k && *s <= k);
        let up = words[k].up.as_str();
        let after_aux = k > 0 && matches!(tags[k - 1], Tag::Be | Tag::Aux);
        let looks_verbal = tags[k] == Tag::Noun
            && hit_of[k].is_none()
            && !words[k].cap
            && (up.len() > 4 && (up.ends_with("ED") || up.ends_with("ING"))
                // Irregular participles after an auxiliary ("was seen", "is known").
                || after_aux && up.len() > 3 && (up.ends_with("EN") || up.ends_with("WN")));
        // An irregular form listed in the dictionary ("said", "met") is inflected.
        let irregular = known.is_some_and(|(_, _, _, v)| {
            !lex.verbs[v]
                .name
                .split(['_', ' '])
                .any(|p| p.trim_start_matches('+') == up)
        });
        let verbal = match pos_at(k) {
            // A gerund after an article or preposition is a noun ("the reopening",
            // "after leaving"): PETRARCH codes verb phrases, not nominal gerunds.
            Some("VBG") if k > 0 && matches!(tags[k - 1], Tag::Det | Tag::Prep | Tag::Poss) => {
                false
            }
            Some(tag) => tag.starts_with("VB"),
            None => {
                is_verbal_context(k, &tags, &words, &verb_at, irregular, grammar, &hit_of)
                    && (!words[k].cap || k == 0 || headline)
            }
        };
        if (known.is_some() || looks_verbal) && verbal {
            let (s, e, h, v) = match known {
                Some((s, e, h, v)) => (s, e, h, Some(v)),
                None => (k, k + 1, k, None),
            };
            // The particles of a multi-word verb must not already be taken.
            if (s..e).all(|x| x == h || hit_of[x].is_none()) {
                for t in tags.iter_mut().take(e).skip(s) {
                    *t = Tag::Verb;
                }
                verbs.push(VerbHit {
                    start: s,
                    end: e,
                    head: h,
                    verb: v,
                    others: std::mem::take(&mut others_at[h]),
                    conditional: false,
                    reduced_relative: false,
                    free_relative: false,
                    not_done: false,
                    inflected: irregular
                        || up.ends_with("ED")
                        || up.ends_with('S') && !up.ends_with("SS"),
                });
                k = e.max(k + 1);
                continue;
            }
        }
        k += 1;
    }
    // Noun phrases: runs of determiners, nouns, numbers and possessives.
    let mut nps: Vec<Np> = Vec::new();
    let mut k = 0;
    while k < n {
        let starts = matches!(tags[k], Tag::Det | Tag::Noun | Tag::Num | Tag::Pron);
        if !starts {
            k += 1;
            continue;
        }
        let s = k;
        k += 1;
        if tags[s] != Tag::Pron {
            while k < n {
                let t = tags[k];
                // A short parenthesis after a name belongs to it ("the European Union (EU)").
                if t == Tag::Punct && words[k].up == "(" {
                    if let Some(close) = (k + 1..(k + 5).min(n)).find(|&c| words[c].up == ")") {
                        if (k + 1..close).all(|c| matches!(tags[c], Tag::Noun | Tag::Num)) {
                            k = close + 1;
                            continue;
                        }
                    }
                }
                let cont = match t {
                    Tag::Noun | Tag::Num | Tag::Poss => true,
                    // A determiner after a noun starts a new phrase ("gave Bree the money"),
                    // but one after a possessive continues it.
                    Tag::Det => tags[k - 1] == Tag::Poss,
                    // Adverbs inside a phrase ("a really pleasant place").
                    Tag::Adv => k + 1 < n && tags[k + 1] == Tag::Noun && tags[k - 1] != Tag::Noun,
                    _ => false,
                };
                // A new actor phrase directly after a complete name is a new phrase only
                // when the words are separated by punctuation; otherwise they modify.
                if !cont {
                    break;
                }
                // "On Wednesday Pakistan said", "Last week Washington recognised": a name
                // after a time word starts the clause's subject.
                if t == Tag::Noun && words[k].cap && words[k - 1].classes.is(Class::Time) {
                    break;
                }
                k += 1;
            }
        }
        let mut np = Np {
            start: s,
            end: k,
            ..Np::default()
        };
        // Hits are in text order: start at the first one at or after the phrase.
        let first_hit = hits.partition_point(|h| h.start < s);
        for (hi, h) in hits.iter().enumerate().skip(first_hit) {
            if h.start >= k {
                break;
            }
            if h.start >= s && h.end <= k {
                // "further military support", "military exercises": an agent word before a
                // noun of a thing or activity is an adjective of that thing.
                // The noun may have been read as a verb form ("military support").
                let modifier =
                    h.end < n && hit_of[h.end].is_none() && words[h.end].classes.is(Class::Thing);
                match h.entry {
                    Entry::Actor(_) => np.actors.push(hi),
                    Entry::Agent(_) if modifier => {}
                    Entry::Agent(_) => np.agents.push(hi),
                }
            }
        }
        nps.push(np);
    }
    let locative = words
        .iter()
        .zip(&tags)
        .map(|(w, t)| *t == Tag::Prep && w.classes.is(Class::Locative))
        .collect();
    let agentive = words
        .iter()
        .map(|w| w.classes.is(Class::Agentive))
        .collect();
    let genitive = words
        .iter()
        .zip(&tags)
        .map(|(w, t)| *t == Tag::Prep && w.classes.is(Class::Genitive))
        .collect();
    for vh in verbs.iter_mut() {
        // What a plan or claim names is as unasserted as a condition.
        vh.conditional = in_condition(vh.start, &tags, &words, grammar)
            || after_proposal(vh.start, &tags, &words, grammar);
        vh.reduced_relative = reduced_relative(vh.start, vh.end, &tags, &words, grammar);
        vh.free_relative = free_relative(vh.start, &tags, &words, grammar);
        vh.not_done = under_negation(vh.start, &tags, &words, grammar);
    }
    let aside = aside_words(&tags, &words, grammar);
    let mut reading = Reading {
        aside,
        locative,
        agentive,
        genitive,
        words,
        tags,
        hits,
        nps,
        groups: Vec::new(),
        group_of: vec![None; n],
        verbs,
        meetings: Vec::new(),
    };
    build_groups(&mut reading, lex, grammar, date);
    free_relative_subjects(&mut reading, grammar);
    reading
}

/// Whether the verb starting at `start` stands in a clause opened by a conditional
/// subordinator ("if", "unless"), looking left to the nearest comma, other punctuation or
/// clause opener.
fn in_condition(start: usize, tags: &[Tag], words: &[Word], _grammar: &Grammar) -> bool {
    let mut j = start;
    while j > 0 {
        j -= 1;
        if words[j].classes.is(Class::Conditional) {
            return true;
        }
        if matches!(
            tags[j],
            Tag::Comma | Tag::Punct | Tag::Subord | Tag::Rel | Tag::Comp
        ) {
            return false;
        }
    }
    false
}

/// Whether the verb at `start` is what a [`Class::Proposal`] noun proposes or claims: an
/// infinitive right after it ("a plan to return people", "efforts to remove barriers") or a
/// verb of the "that" clause after it ("the idea that the U.S. is training ...",
/// "accusations that it favors ..."), looking left to the clause's opener.
fn after_proposal(start: usize, tags: &[Tag], words: &[Word], _grammar: &Grammar) -> bool {
    let mut j = start;
    while j > 0 && matches!(tags[j - 1], Tag::Adv | Tag::Neg) {
        j -= 1;
    }
    if j > 1 && tags[j - 1] == Tag::To {
        return words[j - 2].classes.is(Class::Proposal);
    }
    while j > 0 {
        j -= 1;
        match tags[j] {
            Tag::Comp => return j > 0 && words[j - 1].classes.is(Class::Proposal),
            Tag::Comma | Tag::Punct | Tag::Subord | Tag::Rel => return false,
            _ => {}
        }
    }
    false
}

/// Whether the verb at `start` is an infinitive ("to" before it) whose governing verb — the
/// verb before it in its clause, past that verb's objects and phrases — is a
/// [`Class::Refusal`] word or negated ("refused to ratify", "is not standing in line to
/// join"), or whose "to" follows a [`Class::Unreal`] hedge ("is likely to deploy").
fn under_negation(start: usize, tags: &[Tag], words: &[Word], _grammar: &Grammar) -> bool {
    let mut j = start;
    while j > 0 && tags[j - 1] == Tag::Adv {
        j -= 1;
    }
    if j == 0 || tags[j - 1] != Tag::To {
        return false;
    }
    j -= 1;
    // "is likely to deploy", "is expected to approve": a hedge right before "to".
    if j > 0 && words[j - 1].classes.is(Class::Unreal) {
        return true;
    }
    while j > 0
        && matches!(
            tags[j - 1],
            Tag::Noun | Tag::Det | Tag::Prep | Tag::Adv | Tag::Num
        )
    {
        j -= 1;
    }
    if j == 0 || tags[j - 1] != Tag::Verb {
        return false;
    }
    let governor = j - 1;
    if words[governor].classes.is(Class::Refusal) {
        return true;
    }
    let mut k = governor;
    while k > 0 {
        k -= 1;
        match tags[k] {
            Tag::Neg => return true,
            Tag::Adv | Tag::Aux | Tag::Be => continue,
            _ => return false,
        }
    }
    false
}

/// Whether the verb at `start` is that of a free relative: only its subject stands between it
/// and a [`Class::FreeRelative`] word ("what [he] called", "what happened").
fn free_relative(start: usize, tags: &[Tag], words: &[Word], _grammar: &Grammar) -> bool {
    let mut j = start;
    while j > 0 && matches!(tags[j - 1], Tag::Noun | Tag::Pron | Tag::Det | Tag::Adv) {
        if words[j - 1].classes.is(Class::FreeRelative) {
            return true;
        }
        j -= 1;
    }
    false
}

/// The words in phrases whose actors are never a verb's target: after a [`Class::Topic`]
/// preposition that follows a [`Class::Discussion`] noun, the noun phrase and the phrases
/// chained to it by [`Class::Genitive`], place or topic prepositions ("on the unrest in
/// Iran"); after an [`Class::Adjunct`] preposition, all its noun and prepositional phrases
/// ("during its campaign for a strict Islamic state in Nigeria").
fn aside_words(tags: &[Tag], words: &[Word], _grammar: &Grammar) -> Vec<bool> {
    let n = words.len();
    let mut aside = vec![false; n];
    for k in 0..n {
        if tags[k] != Tag::Prep {
            continue;
        }
        // An adjunct's phrase runs over all its prepositional phrases ("during talks with
        // NATO"); a topic only over "of", place and topic phrases ("talks on Iran with Russia"
        // keep Russia as the target).
        let adjunct = words[k].classes.is(Class::Adjunct);
        let topic = k > 0
            && words[k].classes.is(Class::Topic)
            && tags[k - 1] == Tag::Noun
            && words[k - 1].classes.is(Class::Discussion);
        if !adjunct && !topic {
            continue;
        }
        let mut j = k + 1;
        while j < n {
            match tags[j] {
                Tag::Det | Tag::Noun | Tag::Num | Tag::Poss | Tag::Adv => aside[j] = true,
                Tag::Prep
                    if adjunct
                        || words[j].classes.is(Class::Genitive)
                        || words[j].classes.is(Class::Locative)
                        || words[j].classes.is(Class::Topic) => {}
                _ => break,
            }
            j += 1;
        }
    }
    aside
}

/// "struck what New Delhi called a training camp inside Pakistan": when the object of a free
/// relative's verb names an actor, that object is the outer verb's target, so the free
/// relative's subject is set aside. Otherwise ("criticized what he called the low
/// effectiveness of ...") the subject still ends the target search as a clause subject.
fn free_relative_subjects(r: &mut Reading, _grammar: &Grammar) {
    for vi in 0..r.verbs.len() {
        let vh = &r.verbs[vi];
        if !vh.free_relative {
            continue;
        }
        let names_actor = r
            .group_of
            .get(vh.end)
            .copied()
            .flatten()
            .is_some_and(|g| r.groups[g].members.iter().any(|m| !m.code.is_empty()));
        if !names_actor {
            continue;
        }
        let mut k = vh.start;
        while k > 0 && matches!(r.tags[k - 1], Tag::Noun | Tag::Pron | Tag::Det | Tag::Adv) {
            k -= 1;
            if r.words[k].classes.is(Class::FreeRelative) {
                let end = vh.start;
                r.aside[k..end].iter_mut().for_each(|a| *a = true);
                break;
            }
        }
    }
}

/// Whether group `g` is the subject of a clause of its own: it has a noun or pronoun, and an
/// auxiliary, a form of "to be", a negation or a past-tense verb follows it ("said [such a
/// step] enjoyed ...", ", but [Russia] has backed ...").
pub fn clause_subject(r: &Reading, g: usize) -> bool {
    let (gs, ge) = (r.groups[g].start, r.groups[g].end);
    // A lone article before a participle ("ousted the affected villages") is no subject.
    if !(gs..ge).any(|k| matches!(r.tags[k], Tag::Noun | Tag::Pron)) {
        return false;
    }
    let mut k = ge;
    while k < r.words.len() && r.tags[k] == Tag::Adv {
        k += 1;
    }
    match r.tags.get(k) {
        Some(Tag::Aux | Tag::Be | Tag::Neg) => true,
        // Present forms in -s are left out: "fired two artillery shells" is no clause. A
        // pronoun before a verb is its subject in any tense ("said, 'We strongly oppose").
        // After a comma and a conjunction, a noun phrase before a verb opens a clause of its
        // own in any tense (", and Turkey said it would send troops").
        Some(Tag::Verb) => {
            r.words[k].up.ends_with("ED")
                || (ge == gs + 1 && r.tags[gs] == Tag::Pron)
                || (gs >= 2 && r.tags[gs - 1] == Tag::Conj && r.tags[gs - 2] == Tag::Comma)
        }
        _ => false,
    }
}

/// Whether only articles, adverbs and "that" stand between `from` (a verb's end) and `at`:
/// a clause starting at `at` is then the verb's complement ("said (that) [Russia] had ...").
pub fn right_after(r: &Reading, from: usize, at: usize) -> bool {
    (from..at).all(|k| matches!(r.tags[k], Tag::Det | Tag::Adv | Tag::Comp))
}

/// Whether a past participle at `start..end` directly after a noun phrase modifies it while
/// the clause's own verb comes later ("the civilians [imprisoned] for acting against Moscow
/// were released"): the participle is then passive, its noun phrase what was done to. The
/// later auxiliary must come before any comma or subordinator ("arrived ... since
/// demonstrators were crushed" is no such case).
fn reduced_relative(
    start: usize,
    end: usize,
    tags: &[Tag],
    words: &[Word],
    _grammar: &Grammar,
) -> bool {
    let up = &words[end - 1].up;
    if !(up.ends_with("ED") || up.ends_with("EN")) || start == 0 || tags[start - 1] != Tag::Noun {
        return false;
    }
    // "a regional trip [aimed] at ...", "a member of the movement [jailed] over a year ago": a
    // participle without an object of its own after the object of a preposition.
    let no_object = words
        .get(end)
        .is_none_or(|_| matches!(tags[end], Tag::Prep | Tag::To | Tag::Adv | Tag::Punct));
    let mut s = start;
    while s > 0 && matches!(tags[s - 1], Tag::Noun | Tag::Det | Tag::Num | Tag::Poss) {
        s -= 1;
    }
    if no_object && s > 0 && s < start && tags[s - 1] == Tag::Prep && tags[s] == Tag::Det {
        return true;
    }
    // "condemned the move [announced] on Monday by Pompeo": a participle after an object
    // whose "by" phrase follows, past phrases of time or place, is passive.
    if s > 0 && s < start && matches!(tags[s - 1], Tag::Verb | Tag::Prep | Tag::To) {
        let mut k = end;
        while k < words.len()
            && matches!(
                tags[k],
                Tag::Prep | Tag::Det | Tag::Noun | Tag::Num | Tag::Adv
            )
        {
            if tags[k] == Tag::Prep && words[k].classes.is(Class::Agentive) {
                return true;
            }
            k += 1;
        }
    }
    for k in end..words.len() {
        if words[k].classes.is(Class::Subord) {
            return false;
        }
        match tags[k] {
            Tag::Be | Tag::Aux => return true,
            Tag::Verb if !words[k].up.ends_with("ING") => return false,
            Tag::Comma | Tag::Punct | Tag::Rel | Tag::Comp | Tag::Conj => return false,
            _ => {}
        }
    }
    false
}

/// Whether a preposition-subordinator at `k` opens a clause: a noun phrase and a verb follow
/// before any punctuation.
fn opens_clause(
    k: usize,
    tags: &[Tag],
    verb_at: &[Option<(usize, usize, usize, usize)>],
    words: &[Word],
) -> bool {
    let mut j = k + 1;
    let mut saw_noun = false;
    while j < tags.len() {
        match tags[j] {
            Tag::Det | Tag::Noun | Tag::Num | Tag::Poss | Tag::Pron | Tag::Adv => {
                if saw_noun
                    && (verb_at[j].is_some() || words[j].up.ends_with("ED"))
                    && !words[j].cap
                {
                    return true;
                }
                saw_noun |= matches!(tags[j], Tag::Noun | Tag::Pron);
            }
            Tag::Be | Tag::Aux | Tag::Neg => return saw_noun,
            _ => return false,
        }
        j += 1;
    }
    false
}

/// Whether a sentence is a headline in capitals or in title case ("Putin Softens Stance on
/// NATO"): most of its words are capitalised.
fn is_headline(words: &[Word]) -> bool {
    let mut alpha = 0;
    let mut caps = 0;
    for w in words {
        if w.text.chars().next().is_some_and(char::is_alphabetic) {
            alpha += 1;
            caps += usize::from(w.cap);
        }
    }
    alpha >= 3 && caps * 10 >= alpha * 7
}

/// Whether the word at `k` stands where a verb can: after a subject, an auxiliary, "to", a
/// negation or a relative pronoun; not after a determiner, adjective or preposition.
fn is_verbal_context(
    k: usize,
    tags: &[Tag],
    words: &[Word],
    verb_at: &[Option<(usize, usize, usize, usize)>],
    irregular: bool,
    _grammar: &Grammar,
    hit_of: &[Option<usize>],
) -> bool {
    let up = words[k].up.as_str();
    // A capitalised word inside the sentence is a name ("Bree"), unless the sentence is a
    // headline (the caller checks that once per sentence, see `is_headline`).
    let inflected = up.ends_with("ED") || up.ends_with('S') || up.ends_with("EN");
    let next_is_verbish = k + 1 < tags.len()
        && tags[k + 1] == Tag::Noun
        && (verb_at[k + 1].is_some() || words[k + 1].up.ends_with("ED"));
    // Skip back over adverbs.
    let mut j = k;
    while j > 0 && tags[j - 1] == Tag::Adv {
        j -= 1;
    }
    if j == 0 {
        // Sentence-initial: a participle opening ("Rebuked by ...").
        return up.ends_with("ED");
    }
    // "responded by recalling its ambassadors": a gerund after "by" with an object of its
    // own is what the subject did.
    if tags[j - 1] == Tag::Prep
        && words[j - 1].classes.is(Class::Agentive)
        && up.ends_with("ING")
        && tags
            .get(k + 1)
            .is_some_and(|t| matches!(t, Tag::Det | Tag::Poss | Tag::Noun | Tag::Num))
    {
        return true;
    }
    match tags[j - 1] {
        Tag::Aux | Tag::Be | Tag::To | Tag::Neg | Tag::Rel | Tag::Pron | Tag::Comp => true,
        Tag::Det | Tag::Prep | Tag::Poss | Tag::Num => false,
        Tag::Verb => up.ends_with("ING") || up.ends_with("ED") || up.ends_with("EN"),
        // "accused the United States ... and broke off relations": an irregular past form
        // listed in the verb dictionary is as inflected as one in -ed.
        Tag::Conj => (inflected || irregular) && !up.ends_with("ING"),
        Tag::Comma | Tag::Subord => true,
        Tag::Noun => {
            // "peace talks ended": a noun before a verb is part of a compound noun.
            if next_is_verbish && !up.ends_with("ED") {
                return false;
            }
            // "his first official visit", "an anti- Gondor parade": an uninflected form
            // inside a phrase opened by an article or possessive is its head noun.
            // Past forms in -d ("said", "paid", "held") count as inflected too.
            let inflected_verb = irregular && !up.ends_with("ING")
                || up.ends_with("ED")
                || up.ends_with('S')
                || up.ends_with("EN")
                || up.ends_with('D') && !up.ends_with("ND");
            // "the deputy head of", "the U.S. state of": an uninflected form before "of" is
            // a noun.
            let before_genitive = words
                .get(k + 1)
                .is_some_and(|w| w.classes.is(Class::Genitive));
            // Only a written inflection counts here: "head" ends in -d but is no past form.
            let written_inflection = irregular && !up.ends_with("ING")
                || up.ends_with("ED")
                || up.ends_with('S')
                || up.ends_with("EN");
            if !written_inflection && before_genitive {
                return false;
            }
            // "that significant progress in ... was": an uninflected form after a singular
            // lower-case word that names no participant heads that noun phrase (a singular
            // subject would need -s); after a participant ("police arrest") it stays a verb.
            let prev = &words[j - 1];
            // Past forms without -ed ("left", "held", "met") and the particles of a
            // multi-word verb ("wire tap") are left alone.
            let maybe_past = up.ends_with('D') || up.ends_with('T');
            let plural_or_third = up.ends_with('S') && !up.ends_with("SS");
            let inside_form = verb_at[k].is_some_and(|(s, _, _, _)| s < k);
            let could_be_finite = irregular
                || up.ends_with("EN")
                || up.ends_with("ING")
                || maybe_past
                || plural_or_third
                || inside_form;
            let plain_noun_before = !prev.cap
                && !prev.up.ends_with('S')
                && hit_of[j - 1].is_none()
                && !prev.classes.function_word();
            if !could_be_finite && plain_noun_before {
                return false;
            }
            // "did not prevent terrorist attacks", "launched air strikes": a form in -s after a
            // verb and lower-case nouns continues that verb's object.
            if up.ends_with('S') && !up.ends_with("SS") {
                let mut s = j;
                while s > 0 && tags[s - 1] == Tag::Noun && !words[s - 1].cap {
                    s -= 1;
                }
                if s < j && s > 0 && tags[s - 1] == Tag::Verb {
                    return false;
                }
                // "closed the borders of its member states": the same after a preposition and
                // an article or possessive, whose phrase has no verb of its own there.
                if s < j
                    && s >= 2
                    && matches!(tags[s - 1], Tag::Det | Tag::Poss)
                    && tags[s - 2] == Tag::Prep
                {
                    return false;
                }
            }
            // "killed in Israeli tank shelling", "after heavy fighting": a form in -ing after a
            // preposition and a singular lower-case noun heads that preposition's phrase.
            if up.ends_with("ING") && !words[j - 1].cap && !words[j - 1].up.ends_with('S') {
                let mut s = j;
                while s > 0 && tags[s - 1] == Tag::Noun {
                    s -= 1;
                }
                if s > 0 && tags[s - 1] == Tag::Prep {
                    return false;
                }
            }
            if !inflected_verb {
                let mut s = j - 1;
                while s > 0 && matches!(tags[s - 1], Tag::Noun | Tag::Num | Tag::Poss | Tag::Adv) {
                    s -= 1;
                }
                if s > 0
                    && tags[s - 1] == Tag::Det
                    && !words[s - 1].classes.is(Class::Definite)
                    && !words[s - 1].classes.is(Class::Demonstrative)
                {
                    return false;
                }
            }
            // "Hong Kong's street battles are", "the peace talks will": a form in -s right
            // before an auxiliary or "be" is the head of the subject, not its verb.
            if plural_or_third
                && tags
                    .get(k + 1)
                    .is_some_and(|t| matches!(t, Tag::Be | Tag::Aux))
            {
                return false;
            }
            // "accused U.S. forces of", "deploy army forces": a head noun after a name or an
            // agent word that stands in an object's place (after a verb or a preposition);
            // opening a clause, the name is a subject ("Russia forces Ukraine to").
            if words[k].classes.is(Class::HeadNoun) && (prev.cap || hit_of[j - 1].is_some()) {
                let mut s = j - 1;
                while s > 0 && tags[s - 1] == Tag::Noun {
                    s -= 1;
                }
                if s > 0 && matches!(tags[s - 1], Tag::Verb | Tag::Prep | Tag::Det | Tag::Poss) {
                    return false;
                }
            }
            // "a route for Iranian military aid": an uninflected form after a preposition
            // and singular nouns heads the preposition's phrase (a verb there would need a
            // plural subject, "after the troops leave").
            if !written_inflection && !prev.up.ends_with('S') {
                let mut s = j - 1;
                while s > 0 && matches!(tags[s - 1], Tag::Noun | Tag::Num | Tag::Adv) {
                    s -= 1;
                }
                if s > 0 && tags[s - 1] == Tag::Prep {
                    return false;
                }
            }
            // "the government issue condemned": nouns after an unfinished determiner phrase.
            true
        }
        Tag::Adv | Tag::Punct => true,
    }
}

/// Builds coordinated groups and their member actors.
fn build_groups(r: &mut Reading, lex: &Lexicon, grammar: &Grammar, date: Option<u32>) {
    let n = r.words.len();
    let mut np_at: Vec<Option<usize>> = vec![None; n];
    for (i, np) in r.nps.iter().enumerate() {
        for slot in np_at.iter_mut().take(np.end).skip(np.start) {
            *slot = Some(i);
        }
    }
    // Raw groups: NP (, NP)* (,)? (and|or|nor) NP; "neither A nor B".
    let mut groups: Vec<Group> = Vec::new();
    let mut i = 0;
    while i < r.nps.len() {
        let mut members = vec![i];
        let mut j = i;
        loop {
            let end = r.nps[j].end;
            // Look for separators then another NP.
            let mut k = end;
            let mut saw_conj = false;
            let mut saw_comma = false;
            while k < n && matches!(r.tags[k], Tag::Comma | Tag::Conj) {
                if r.tags[k] == Tag::Conj {
                    saw_conj = true;
                } else {
                    saw_comma = true;
                }
                k += 1;
            }
            if k == end || k >= n {
                break;
            }
            let Some(next) = np_at[k] else { break };
            if r.nps[next].start != k || r.tags[k] == Tag::Pron {
                break;
            }
            // ", and NP VERB" after a single phrase starts a new clause ("met Putin on
            // Thursday, and the secretary general said"), not a list.
            // So does "and NP VERB" after an object ("China remained mum and Russia's
            // ambassador said").
            let after_verb = {
                let fs = r.nps[members[0]].start;
                fs > 0 && r.tags[fs - 1] == Tag::Verb
            };
            if saw_conj && (saw_comma || after_verb) && members.len() == 1 {
                let mut v = r.nps[next].end;
                while v < n && matches!(r.tags[v], Tag::Adv | Tag::Aux | Tag::Be | Tag::Neg) {
                    v += 1;
                }
                if v < n && r.tags[v] == Tag::Verb {
                    break;
                }
            }
            if saw_conj {
                members.push(next);
                j = next;
                continue;
            }
            // A comma-only link joins a list only if the list ends with a conjunction.
            if saw_comma && list_continues(r, &np_at, next) {
                members.push(next);
                j = next;
                continue;
            }
            break;
        }
        let start = r.nps[i].start;
        let end = r.nps[*members.last().unwrap_or(&i)].end;
        let last = members.last().copied().unwrap_or(i);
        groups.push(Group {
            start,
            end,
            nps: members,
            members: Vec::new(),
        });
        i = last + 1;
    }
    // Members of each group.
    for g in groups.iter_mut() {
        for &npi in &g.nps {
            g.members.extend(np_members(r, npi, lex, grammar, date));
        }
    }
    // Adjectives shared over a coordination: "Danish media and government".
    for g in groups.iter_mut() {
        distribute(r, g);
    }
    // Agent phrases with a prepositional actor: "lawmakers in Fornost", "ambassadors of X",
    // "Ithilen and the government of Gondor".
    let mut merged: Vec<Group> = Vec::new();
    let mut gi = 0;
    while gi < groups.len() {
        let g = &groups[gi];
        if gi + 1 < groups.len() {
            let p = g.end;
            let next = &groups[gi + 1];
            let prep_ok = p < n
                && r.tags[p] == Tag::Prep
                && matches!(r.words[p].up.as_str(), "OF" | "IN" | "FROM")
                && next.start == p + 1;
            let actors_next = !next.members.is_empty()
                && next.members.iter().all(|m| !m.agent_only && !m.pronoun);
            let all_agents = !g.members.is_empty() && g.members.iter().all(|m| m.agent_only);
            let last_start = g.nps.last().map(|&l| r.nps[l].start).unwrap_or(g.start);
            let last_actorless = g
                .members
                .iter()
                .filter(|m| m.start >= last_start)
                .all(|m| m.agent_only);
            // A bare noun takes the actor of its "of" phrase only ("the population of Gondor"),
            // not of a place phrase ("shot dead in Osgiliath").
            let last_has_agent = g
                .members
                .iter()
                .any(|m| m.start >= last_start && m.agent_only);
            let of = r.words.get(p).is_some_and(|w| w.up == "OF");
            if prep_ok && actors_next && (all_agents || last_actorless && (last_has_agent || of)) {
                let (keep, heads): (Vec<Member>, Vec<Member>) = if all_agents {
                    (Vec::new(), g.members.clone())
                } else {
                    g.members
                        .iter()
                        .cloned()
                        .partition(|m| m.start < last_start)
                };
                let mut members = keep;
                for a in &next.members {
                    if heads.is_empty() {
                        let mut m = a.clone();
                        m.start = last_start;
                        members.push(m);
                    }
                    for ag in &heads {
                        let mut codes = a.agent_codes.clone();
                        codes.extend(ag.agent_codes.iter().cloned());
                        members.push(Member {
                            code: combine(&a.base, &codes),
                            start: ag.start,
                            end: next.end,
                            name: format!(
                                "{} {} {}",
                                ag.name,
                                r.words[p].text.to_lowercase(),
                                a.name
                            ),
                            rule: format!("{}; {}", a.rule, ag.rule),
                            base: a.base.clone(),
                            agent_codes: codes,
                            ..Member::default()
                        });
                    }
                }
                let mut nps = g.nps.clone();
                nps.extend(next.nps.iter().copied());
                merged.push(Group {
                    start: g.start,
                    end: next.end,
                    nps,
                    members,
                });
                gi += 2;
                continue;
            }
        }
        // Each group is merged or kept once: move it rather than clone it.
        merged.push(std::mem::take(&mut groups[gi]));
        gi += 1;
    }
    for (gi, g) in merged.iter().enumerate() {
        for x in g.start..g.end.min(n) {
            r.group_of[x] = Some(gi);
        }
    }
    r.groups = merged;
}

/// An actor code with agent codes appended, skipping any the code already ends with.
fn combine(base: &str, agents: &[String]) -> String {
    agents
        .iter()
        .fold(base.to_string(), |acc, a| join_code(&acc, a))
}

/// Later conjuncts that are agents without a determiner share the first conjunct's actor
/// and modifiers ("Danish Islamist media and government" -> DNKMUSMED, DNKMUSGOV).
fn distribute(r: &Reading, g: &mut Group) {
    let Some(&first) = g.nps.first() else { return };
    let first_start = r.nps[first].start;
    let Some(lead) = g
        .members
        .iter()
        .find(|m| {
            m.start == first_start && !m.agent_only && !m.pronoun && !m.agent_codes.is_empty()
        })
        .cloned()
    else {
        return;
    };
    for m in g.members.iter_mut() {
        let bare = m.agent_only && m.start > first_start && r.tags[m.start] != Tag::Det;
        if bare {
            let mut codes: Vec<String> = lead.agent_codes[..lead.agent_codes.len() - 1].to_vec();
            codes.extend(m.agent_codes.iter().cloned());
            m.code = combine(&lead.base, &codes);
            m.base = lead.base.clone();
            m.agent_codes = codes;
            m.agent_only = false;
            m.rule = format!("{}; shared with {}", m.rule, lead.name);
        }
    }
}

/// Whether a comma-linked NP continues a list that ends with a conjunction.
fn list_continues(r: &Reading, np_at: &[Option<usize>], from: usize) -> bool {
    let n = r.words.len();
    let mut j = from;
    loop {
        let end = r.nps[j].end;
        let mut k = end;
        let mut saw_conj = false;
        while k < n && matches!(r.tags[k], Tag::Comma | Tag::Conj) {
            saw_conj |= r.tags[k] == Tag::Conj;
            k += 1;
        }
        if k == end || k >= n {
            return false;
        }
        let Some(next) = np_at[k] else { return false };
        if r.nps[next].start != k {
            return false;
        }
        if saw_conj {
            return true;
        }
        j = next;
    }
}

/// Appends an agent code to an actor code unless it is already there ("USAGOV" + "GOV").
pub fn join_code(actor: &str, agent: &str) -> String {
    if agent.is_empty() || actor.ends_with(agent) {
        actor.to_string()
    } else {
        format!("{actor}{agent}")
    }
}

/// The actors one noun phrase refers to: its first named actor (each of its codes)
/// combined with its agents, or its agents alone.
fn np_members(
    r: &Reading,
    npi: usize,
    lex: &Lexicon,
    grammar: &Grammar,
    date: Option<u32>,
) -> Vec<Member> {
    let np = &r.nps[npi];
    let words_text = |s: usize, e: usize| {
        r.words[s..e]
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if r.tags[np.start] == Tag::Pron && np.end == np.start + 1 {
        // "I", "we", "you" name a quote's speaker or addressee (or a column's author), whom
        // the nearest earlier actor is not: they stay unresolved.
        let speaker = r.words[np.start].classes.is(crate::grammar::Class::Speaker);
        return vec![Member {
            code: String::new(),
            start: np.start,
            end: np.end,
            name: r.words[np.start].text.clone(),
            rule: if speaker {
                "speaker pronoun"
            } else {
                "pronoun"
            }
            .into(),
            pronoun: !speaker,
            ..Member::default()
        }];
    }
    // "the alliance", "the regional bloc": an organisation named earlier (resolved by
    // coreference); one lower-case modifier may stand before the noun.
    if np.actors.is_empty()
        && np.agents.is_empty()
        && (np.end == np.start + 2 || np.end == np.start + 3 && !r.words[np.start + 1].cap)
        && r.words[np.start].classes.is(Class::Definite)
        && r.words[np.end - 1]
            .classes
            .is(crate::grammar::Class::Nominal)
    {
        return vec![Member {
            code: String::new(),
            start: np.start,
            end: np.end,
            name: words_text(np.start, np.end),
            rule: "nominal".into(),
            pronoun: true,
            ..Member::default()
        }];
    }
    let mut prefix = String::new();
    let mut suffix: Vec<String> = Vec::new();
    let mut agent_rules = Vec::new();
    for &h in &np.agents {
        if let Entry::Agent(a) = r.hits[h].entry {
            let ag = &lex.agents[a];
            if ag.prefix {
                prefix.push_str(&ag.code);
            } else if suffix.last() != Some(&ag.code) {
                suffix.push(ag.code.clone());
            }
            agent_rules.push(ag.label.as_str());
        }
    }
    let first_actor = np.actors.iter().find_map(|&h| match r.hits[h].entry {
        Entry::Actor(a) => {
            let codes = lex.actors[a].codes_at(date);
            (!codes.is_empty()).then_some((h, a, codes))
        }
        Entry::Agent(_) => None,
    });
    match first_actor {
        Some((h, a, codes)) => {
            let entry = &lex.actors[a];
            codes
                .into_iter()
                .filter(|c| c != "---")
                .map(|c| {
                    let base = format!("{prefix}{c}");
                    let mut rule = entry.label.clone();
                    for ar in &agent_rules {
                        rule.push_str("; ");
                        rule.push_str(ar);
                    }
                    Member {
                        code: combine(&base, &suffix),
                        start: np.start,
                        end: np.end,
                        name: words_text(r.hits[h].start, r.hits[h].end),
                        rule,
                        base,
                        agent_codes: suffix.clone(),
                        ..Member::default()
                    }
                })
                .collect()
        }
        // "his government", "its air force": an agent of someone named elsewhere, not an
        // actor of its own; coreference finds the possessor.
        None if r.words[np.start]
            .classes
            .is(crate::grammar::Class::Possessive) =>
        {
            // Only an agent that heads the phrase: in "his first official visit" the agent
            // word is an adjective.
            let heads = np
                .agents
                .last()
                .and_then(|&h| r.hits.get(h))
                .is_some_and(|h| h.end == np.end);
            // Only a state's own bodies ("its air force", "its ambassadors"): "its men" or
            // "their supporters" are too loose to place.
            let state = suffix
                .last()
                .is_some_and(|a| grammar.is(a, crate::grammar::Class::StateAgent));
            if !heads || !state {
                return Vec::new();
            }
            vec![Member {
                code: combine("---", &suffix),
                start: np.start,
                end: np.end,
                name: words_text(np.start, np.end),
                rule: agent_rules.join("; "),
                agent_only: true,
                pronoun: true,
                possessive: true,
                base: "---".to_string(),
                agent_codes: suffix,
                ..Member::default()
            }]
        }
        None if !np.agents.is_empty() => {
            let definite = r.words[np.start].classes.is(Class::Definite);
            let base = format!("{prefix}---");
            vec![Member {
                code: combine(&base, &suffix),
                start: np.start,
                end: np.end,
                name: words_text(np.start, np.end),
                rule: agent_rules.join("; "),
                agent_only: true,
                pronoun: definite,
                base,
                agent_codes: suffix,
                ..Member::default()
            }]
        }
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_table_reads_as_the_separate_tables_do() {
        let Ok(dict) = dyad_dict::Dictionary::shipped() else {
            panic!("the shipped dictionaries load");
        };
        let lex = Lexicon::from_dictionary(&dict);
        let g = Grammar::shipped();
        let prepared = crate::coding::Prepared::new(&lex);
        let table = WordTable::new(&g, &lex, &prepared);
        for text in [
            "Russian President Vladimir Putin met German Chancellor Angela Merkel on Tuesday.",
            "The foreign minister of Iran accused Israel of backing rebels in Syria, officials said.",
            "Police didn't arrest the protesters' leaders in Nairobi.",
        ] {
            let plain = tokenize(text, 0, &g);
            let with = tokenize_with(text, 0, &g, &table);
            assert!(with.iter().all(|w| w.info.phrase != UNSET && w.info.pattern != UNSET));
            let a = read(plain, &lex, &g, None);
            let b = read(with, &lex, &g, None);
            assert_eq!(a.tags, b.tags, "{text}");
            assert_eq!(format!("{:?}", a.hits), format!("{:?}", b.hits), "{text}");
            assert_eq!(format!("{:?}", a.groups), format!("{:?}", b.groups), "{text}");
            assert_eq!(format!("{:?}", a.verbs), format!("{:?}", b.verbs), "{text}");
            assert!(!a.hits.is_empty() && !a.verbs.is_empty(), "{text}");
        }
    }

    #[test]
    fn tokenizer_splits_like_the_treebank() {
        let g = Grammar::shipped();
        let w = tokenize(
            "Gondor's chief didn't go to the U.S. on Monday, anti- Mordor.",
            0,
            &g,
        );
        let t: Vec<&str> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            t,
            vec![
                "Gondor", "'s", "chief", "did", "n't", "go", "to", "the", "U.S.", "on", "Monday",
                ",", "anti-", "Mordor", "."
            ]
        );
        assert_eq!(w[1].span, Span::new(6, 8));
    }
}
