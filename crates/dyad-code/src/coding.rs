//! Verb patterns over a sentence reading: who the verb's source and target are, which pattern
//! fires, and the events that result.

use std::collections::HashSet;

use crate::lexicon::{Elem, Lexicon, PatElem, Pattern};
use crate::reading::{Member, Reading, Tag, VerbHit};

/// Options that change how sentences are coded (PETRARCH's `<Config>` items that dyad honours).
#[derive(Clone, Debug)]
pub struct Options {
    /// Drop events without both a source and a target (PETRARCH `require_dyad`).
    pub require_dyad: bool,
    /// Let a supplied parse (`Document::parse`, one-sentence inputs) decide which words are
    /// verbs. Off by default: dyad codes from the text alone.
    pub use_parse: bool,
    /// Comma-delimited stretches set aside before coding (PETRARCH `comma_*`); off by default.
    pub comma: crate::reading::CommaLimits,
    /// Noun phrases of at most this many words that name no actor become new actors
    /// (PETRARCH `new_actor_length`); 0, the default, turns this off.
    pub new_actor_length: usize,
    /// Drop events whose source and target both lack a country or organisation code
    /// (`---MIL` → `---BUS`): on news such generic dyads come from non-political text or
    /// unresolved mentions far more often than from a real event.
    pub require_placed: bool,
    /// Give generic state agents ("---GOV", "---COP") the country that clearly dominates the
    /// article's mentions (`reading::place_state_agents`).
    pub article_country: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            require_dyad: true,
            use_parse: false,
            comma: crate::reading::CommaLimits::default(),
            new_actor_length: 0,
            require_placed: true,
            article_country: true,
        }
    }
}

/// Codes for an intention combined with the event it announces, by the announced event's
/// root (`dictionaries/code-intent.txt`).
#[derive(Clone, Debug, Default)]
pub struct Intents {
    by_root: dyad_doc::words::FastMap<String, String>,
    /// Roots of directive verbs ("urge", "pressure", "demand"): the infinitive after their
    /// object is what is asked for, not an event.
    directives: Vec<String>,
    /// Code prefixes of acts that the members of a compound subject without a target do to
    /// each other ("Cuba and the United States restored relations").
    together: Vec<String>,
    /// Code prefixes of acts on the parties of a deal ("a deal brokered by China"): when the
    /// verb is passive and its target names no actor, the parties are the sentence's first
    /// subject.
    parties: Vec<String>,
    /// The code of a meeting named by a noun and its "between" phrase ("talks between A and
    /// B"); none: such nouns are not coded.
    meeting: Option<String>,
    /// Agent codes of channels of speech ("MED"): "told reporters", "said on state
    /// television" name where something was said, not a party to it.
    channels: Vec<String>,
    /// Roots of speech acts whose target is dropped as a channel when it is a generic
    /// [`Intents::channels`] code ("---MED", "MED").
    channel_roots: Vec<String>,
}

impl Intents {
    /// Reads `root code` and `directive root` lines; `#` starts a comment.
    pub fn parse(text: &str) -> Intents {
        let mut by_root = dyad_doc::words::FastMap::default();
        let mut directives = Vec::new();
        let mut together = Vec::new();
        let mut parties = Vec::new();
        let mut meeting = None;
        let mut channels = Vec::new();
        let mut channel_roots = Vec::new();
        for line in text.lines() {
            let f: Vec<&str> = line
                .split('#')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .collect();
            match f[..] {
                ["directive", root] => directives.push(root.to_string()),
                ["together", code] => together.push(code.to_string()),
                ["parties", code] => parties.push(code.to_string()),
                ["meeting", code] => meeting = Some(code.to_string()),
                ["channel", agent] => channels.push(agent.to_string()),
                ["channel-root", root] => channel_roots.push(root.to_string()),
                [root, code] => {
                    by_root.insert(root.to_string(), code.to_string());
                }
                _ => {}
            }
        }
        Intents {
            by_root,
            directives,
            together,
            parties,
            meeting,
            channels,
            channel_roots,
        }
    }
}

/// Facts of a lexicon that coding looks up in every sentence, computed once per coder.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    /// The default codes of each transformation's upper and lower verb, by transformation.
    transform_codes: Vec<(Option<String>, Option<String>)>,
    /// An id for every word the verb patterns name.
    vocab: dyad_doc::words::FastMap<String, u32>,
    /// The verb patterns with their words as ids, by block, in the lexicon's order.
    blocks: Vec<Vec<Compiled>>,
    /// By block and pattern, one word id the pattern requires ([`UNNAMED`]: none), in a
    /// compact array: a pattern whose key word is not in the sentence is passed over without
    /// reading the pattern itself.
    keys: Vec<Vec<u32>>,
    /// By verb, the text of its default-code rule before and after the code:
    /// ("BLOCK VERB [", "] (file:line)"). Written once here: a sentence's verbs that no
    /// pattern matches (most of them) would otherwise format it each time.
    default_rules: Vec<(String, String)>,
}

/// The id of a sentence word that no pattern names.
const UNNAMED: u32 = u32::MAX;

/// A verb pattern with its words as ids (see [`Prepared`]): matching compares integers, and
/// a pattern whose words are not all in the sentence is passed over without matching.
#[derive(Clone, Debug, Default)]
struct Compiled {
    pre: Vec<CElem>,
    post: Vec<CElem>,
    /// Whether the verb is joined to the first post element.
    verb_joined: bool,
    /// Every word the post-verb elements name, sorted.
    post_words: Vec<u32>,
    /// The words of elements with a single alternative: the sentence must have them all
    /// (checked first, as most patterns fail on them).
    required: Vec<u32>,
    /// Whether some element has several alternatives (a synset): only then does
    /// [`Compiled::possible`] need to read the elements after `required`.
    synsets: bool,
    /// The evidence of an event it codes: "BLOCK - pattern [code] (file:line)", written
    /// once rather than per verb.
    rule: String,
}

/// A pattern element with its words as ids (mirrors [`PatElem`]).
#[derive(Clone, Debug)]
struct CElem {
    elem: CKind,
    joined: bool,
}

/// Mirrors [`Elem`], with word ids.
#[derive(Clone, Debug)]
enum CKind {
    Words(Vec<Vec<(u32, bool)>>),
    Source,
    Target,
    Compound,
    Skip,
}

impl Prepared {
    /// Prepares `lex` for coding.
    pub fn new(lex: &Lexicon) -> Prepared {
        let mut vocab = dyad_doc::words::FastMap::default();
        let mut compile = |elems: &[PatElem]| -> Vec<CElem> {
            elems
                .iter()
                .map(|e| CElem {
                    joined: e.joined,
                    elem: match &e.elem {
                        Elem::Words(alts) => CKind::Words(
                            alts.iter()
                                .map(|alt| {
                                    alt.iter()
                                        .map(|(w, j)| {
                                            let next = vocab.len() as u32;
                                            (*vocab.entry(w.clone()).or_insert(next), *j)
                                        })
                                        .collect()
                                })
                                .collect(),
                        ),
                        Elem::Source => CKind::Source,
                        Elem::Target => CKind::Target,
                        Elem::Compound => CKind::Compound,
                        Elem::Skip => CKind::Skip,
                    },
                })
                .collect()
        };
        let blocks: Vec<Vec<Compiled>> = lex
            .blocks
            .iter()
            .map(|b| {
                b.patterns
                    .iter()
                    .map(|p| {
                        let pre = compile(&p.pre);
                        let post = compile(&p.post);
                        let mut post_words: Vec<u32> = post
                            .iter()
                            .filter_map(|e| match &e.elem {
                                CKind::Words(alts) => Some(alts),
                                _ => None,
                            })
                            .flatten()
                            .flatten()
                            .map(|&(id, _)| id)
                            .collect();
                        post_words.sort_unstable();
                        post_words.dedup();
                        let mut required: Vec<u32> = pre
                            .iter()
                            .chain(&post)
                            .filter_map(|e| match &e.elem {
                                CKind::Words(alts) if alts.len() == 1 => Some(&alts[0]),
                                _ => None,
                            })
                            .flatten()
                            .map(|&(id, _)| id)
                            .collect();
                        required.sort_unstable();
                        required.dedup();
                        let synsets = pre
                            .iter()
                            .chain(&post)
                            .any(|e| matches!(&e.elem, CKind::Words(alts) if alts.len() > 1));
                        Compiled {
                            synsets,
                            pre,
                            post,
                            verb_joined: p.verb_joined,
                            post_words,
                            required,
                            rule: format!("{} {} ({})", b.name, p.text, p.source),
                        }
                    })
                    .collect()
            })
            .collect();
        // The highest id: ids are given in dictionary order, so common words ("TO", "WITH")
        // that open many patterns tend to have low ones.
        let keys = blocks
            .iter()
            .map(|b| {
                b.iter()
                    .map(|c| c.required.iter().copied().max().unwrap_or(UNNAMED))
                    .collect()
            })
            .collect();
        Prepared {
            keys,
            transform_codes: lex
                .transformations
                .iter()
                .map(|t| (code_of_verb(lex, &t.upper), code_of_verb(lex, &t.lower)))
                .collect(),
            vocab,
            blocks,
            default_rules: lex
                .verbs
                .iter()
                .map(|v| {
                    let block = lex.blocks.get(v.block).map_or("", |b| b.name.as_str());
                    (format!("{block} {} [", v.name), format!("] ({})", v.source))
                })
                .collect(),
        }
    }

    /// Every word a pattern names.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.vocab.keys().map(String::as_str)
    }

    /// The pattern id of an upper-case word, `u32::MAX` when no pattern names it.
    pub fn word_id(&self, w: &str) -> u32 {
        self.vocab.get(w).copied().unwrap_or(UNNAMED)
    }

    /// The pattern word ids of a sentence's words ([`UNNAMED`] for others), and which ids
    /// occur in it (a bit per id).
    fn sentence_ids(&self, r: &Reading) -> (Vec<u32>, Vec<u64>) {
        let mut present = vec![0u64; self.vocab.len().div_ceil(64)];
        let ids = r
            .words
            .iter()
            .map(|w| {
                // Tokenised with the coder's word table, a word knows its id already.
                let id = match w.info.pattern {
                    crate::reading::UNSET => self.word_id(&w.up),
                    id => id,
                };
                if id != UNNAMED {
                    present[id as usize / 64] |= 1 << (id % 64);
                }
                id
            })
            .collect();
        (ids, present)
    }
}

impl Compiled {
    /// Whether every word element has an alternative whose words all occur in the sentence:
    /// without that the pattern cannot match.
    fn possible(&self, present: &[u64]) -> bool {
        let has = |id: u32| present[id as usize / 64] & (1 << (id % 64)) != 0;
        self.required.iter().all(|&id| has(id))
            && (!self.synsets
                || self.pre.iter().chain(&self.post).all(|e| match &e.elem {
                    CKind::Words(alts) if alts.len() > 1 => {
                        alts.iter().any(|alt| alt.iter().all(|&(id, _)| has(id)))
                    }
                    _ => true,
                }))
    }
}

/// One event found in a sentence, before it is placed in the document.
#[derive(Clone, Debug, PartialEq)]
pub struct RawEvent {
    /// Source actor code.
    pub source: String,
    /// Target actor code (`None`: no target).
    pub target: Option<String>,
    /// CAMEO code as the dictionary gives it.
    pub code: String,
    /// The verb hit that triggered it (`usize::MAX` for an event named by a noun).
    pub verb: usize,
    /// The word of the noun that names the event ("talks between A and B"), when no verb
    /// does.
    pub noun: Option<usize>,
    /// Rule evidence: the pattern and its `file:line`.
    pub rule: String,
    /// (group, member) of the source and target.
    pub source_member: Option<(usize, usize)>,
    /// See `source_member`.
    pub target_member: Option<(usize, usize)>,
}

/// A pattern tried for a verb, for `explain`.
#[derive(Clone, Debug)]
pub struct Attempt {
    /// The verb hit.
    pub verb: usize,
    /// The pattern as written, or "(default code)".
    pub pattern: String,
    /// `file:line`.
    pub origin: String,
    /// Whether it matched.
    pub matched: bool,
    /// Whether it was the one chosen.
    pub chosen: bool,
    /// Why it did or did not match.
    pub why: String,
}

/// What coding one sentence produced: events and the trail of patterns tried.
#[derive(Clone, Debug, Default)]
pub struct SentenceCoding {
    /// Events.
    pub events: Vec<RawEvent>,
    /// Patterns tried.
    pub attempts: Vec<Attempt>,
    /// Verbs, with their source and target groups: (verb, source, target, note).
    pub roles: Vec<(usize, Option<usize>, Option<usize>, String)>,
}

/// A pattern's successful match.
#[derive(Clone, Debug, Default)]
struct Match {
    score: usize,
    source: Option<usize>,
    target: Option<usize>,
    compound: bool,
    consumed: Vec<usize>,
    negation_used: bool,
    /// Where the words of the pattern after the verb end.
    post_end: Option<usize>,
}

impl Match {
    /// What backtracking restores: everything but the words consumed, which only grow.
    fn mark(&self) -> Mark {
        Mark {
            score: self.score,
            source: self.source,
            target: self.target,
            compound: self.compound,
            consumed: self.consumed.len(),
            negation_used: self.negation_used,
            post_end: self.post_end,
        }
    }

    /// Undoes what a failed attempt added since `mark`.
    fn restore(&mut self, mark: &Mark) {
        self.score = mark.score;
        self.source = mark.source;
        self.target = mark.target;
        self.compound = mark.compound;
        self.consumed.truncate(mark.consumed);
        self.negation_used = mark.negation_used;
        self.post_end = mark.post_end;
    }
}

/// A [`Match`] as it stood before an attempt (see [`Match::mark`]).
struct Mark {
    score: usize,
    source: Option<usize>,
    target: Option<usize>,
    compound: bool,
    consumed: usize,
    negation_used: bool,
    post_end: Option<usize>,
}

/// How far before its verb the words of a pattern may stand. PETRARCH's patterns name a few
/// words and a phrase or two before the verb; a news sentence's clause rarely reaches back
/// further than a few dozen words. Bounding the search keeps each verb's cost constant
/// however long the sentence.
const PRE_WINDOW: usize = 64;

/// Codes one sentence reading (preparing the lexicon on the way: a coder codes with
/// [`code_prepared`] and a [`Prepared`] it keeps).
pub fn code_sentence(
    r: &Reading,
    lex: &Lexicon,
    intents: &Intents,
    opts: &Options,
    trace: bool,
) -> SentenceCoding {
    code_prepared(r, lex, &Prepared::new(lex), intents, opts, trace)
}

/// Codes one sentence reading with the lexicon's [`Prepared`] facts.
pub fn code_prepared(
    r: &Reading,
    lex: &Lexicon,
    prep: &Prepared,
    intents: &Intents,
    opts: &Options,
    trace: bool,
) -> SentenceCoding {
    let mut out = SentenceCoding::default();
    struct Choice {
        vi: usize,
        code: String,
        rule: String,
        m: Match,
    }
    let mut choices: Vec<Choice> = Vec::new();
    let (ids, present) = prep.sentence_ids(r);
    for (vi, vh) in r.verbs.iter().enumerate() {
        let Some(verb_idx) = vh.verb else { continue };
        if vh.conditional || vh.free_relative {
            continue;
        }
        let verb = &lex.verbs[verb_idx];
        let block = &lex.blocks[verb.block];
        // An infinitive under a negated or refusal verb is negated too.
        let negated = negation_before(r, vh.start) || vh.not_done;
        let mut best: Option<(Match, &Pattern, &Compiled)> = None;
        // A form listed in several blocks tries the patterns of all of them.
        let blocks: Vec<usize> = std::iter::once(verb.block)
            .chain(vh.others.iter().map(|&o| lex.verbs[o].block))
            .collect();
        let patterns = blocks.iter().flat_map(|&b| {
            let name = lex.blocks[b].name.as_str();
            let compiled = prep.blocks.get(b).map(Vec::as_slice).unwrap_or(&[]);
            let keys = prep.keys.get(b).map(Vec::as_slice).unwrap_or(&[]);
            lex.blocks[b]
                .patterns
                .iter()
                .zip(compiled)
                .zip(keys)
                .map(move |((p, c), &k)| (p, c, k, name))
        });
        let has = |id: u32| present[id as usize / 64] & (1 << (id % 64)) != 0;
        for (pat, cpat, key, _block_name) in patterns {
            let m = if (key == UNNAMED || has(key)) && cpat.possible(&present) {
                match_pattern(r, &ids, vi, cpat)
            } else {
                None
            };
            if trace {
                out.attempts.push(Attempt {
                    verb: vi,
                    pattern: pat.text.clone(),
                    origin: pat.source.to_string(),
                    matched: m.is_some(),
                    chosen: false,
                    why: match &m {
                        Some(m) => format!("matched {} word(s)", m.score / 2),
                        None => "elements not found in order".into(),
                    },
                });
            }
            if let Some(m) = m {
                if best.as_ref().is_none_or(|(b, _, _)| m.score > b.score) {
                    best = Some((m, pat, cpat));
                }
            }
        }
        let (m, code, rule) = match best {
            Some((m, pat, cpat)) => {
                let rule = cpat.rule.clone();
                if trace {
                    if let Some(a) = out
                        .attempts
                        .iter_mut()
                        .rev()
                        .find(|a| a.verb == vi && a.origin == pat.source.to_string())
                    {
                        a.chosen = true;
                    }
                }
                (m, pat.code.clone(), rule)
            }
            None => {
                // The first non-null default among the blocks the form is listed in.
                let code = std::iter::once(verb_idx)
                    .chain(vh.others.iter().copied())
                    .map(|v| {
                        let vb = &lex.verbs[v];
                        vb.code
                            .clone()
                            .unwrap_or_else(|| lex.blocks[vb.block].code.clone())
                    })
                    .find(|c| c != "---")
                    .unwrap_or_else(|| "---".to_string());
                let rule = match prep.default_rules.get(verb_idx) {
                    Some((head, tail)) => {
                        let mut rule = String::with_capacity(head.len() + code.len() + tail.len());
                        rule.push_str(head);
                        rule.push_str(&code);
                        rule.push_str(tail);
                        rule
                    }
                    None => format!("{} {} [{}] ({})", block.name, verb.name, code, verb.source),
                };
                if trace {
                    out.attempts.push(Attempt {
                        verb: vi,
                        pattern: format!("(default code [{code}])"),
                        origin: verb.source.to_string(),
                        matched: true,
                        chosen: true,
                        why: if negated {
                            "verb is negated: no event".into()
                        } else {
                            "no pattern matched".into()
                        },
                    });
                }
                (Match::default(), code, rule)
            }
        };
        if negated && !m.negation_used {
            continue;
        }
        choices.push(Choice { vi, code, rule, m });
    }
    // Words a pattern used literally are not coded again as verbs of their own.
    let consumed: HashSet<usize> = choices
        .iter()
        .flat_map(|c| c.m.consumed.iter().copied())
        .collect();
    for c in &choices {
        let vh = &r.verbs[c.vi];
        if consumed.contains(&vh.head) {
            continue;
        }
        let subj = subject_of(r, r.verbs[c.vi].start, &mut HashSet::new());
        let mut source = c.m.source;
        let mut target = c.m.target;
        let mut note = String::new();
        let passive = is_passive(r, vh);
        if source.is_none() && target.is_none() && passive {
            // The subject of a passive verb is its target; the `by` phrase is its source. A
            // reduced relative's target is the noun phrase it follows ("the move announced by").
            target = match vh.start.checked_sub(1).map(|k| r.group_of[k]) {
                Some(Some(g)) if vh.reduced_relative => Some(g),
                _ => subj,
            };
            source = by_agent(r, vh);
            note.push_str("passive; ");
        } else {
            if source.is_none() {
                source = subj;
            }
            // "X noted (that) Y regretted": a pattern that makes the subject the target
            // leaves the source to the governing clause's subject.
            if source.is_some() && source == c.m.target {
                let gs = c.m.target.map(|g| r.groups[g].start).unwrap_or(0);
                source = r
                    .verbs
                    .iter()
                    .rev()
                    .find(|v| v.end <= gs)
                    .and_then(|v| subject_of(r, v.start, &mut HashSet::new()));
            }
            if target.is_none() {
                target = object(r, vh, source);
            }
        }
        if trace {
            out.roles.push((c.vi, source, target, note.clone()));
        }
        let (primary, reverse) = split_code(&c.code);
        let srcs = members(r, source);
        let mut tgts = members(r, target);
        // "Saudi Arabia and Iran agreed to restore relations, in a deal brokered by China":
        // the mediator acts on the parties, the subject of the first verb before it.
        if tgts.is_empty()
            && passive
            && intents
                .parties
                .iter()
                .any(|p| primary.starts_with(p.as_str()))
        {
            if let Some(first) = r.verbs.iter().find(|v| v.end <= vh.start) {
                let parties = subject_of(r, first.start, &mut HashSet::new());
                if parties.is_some() && parties != source {
                    tgts = members(r, parties);
                }
            }
        }
        let mut add =
            |s: &(usize, usize, &Member), t: Option<&(usize, usize, &Member)>, code: &str| {
                if code.is_empty() || code == "---" {
                    return;
                }
                if let Some(t) = t {
                    if t.2.code == s.2.code || crate::reading::own_country(&s.2.code, &t.2.code) {
                        return;
                    }
                }
                let ev = RawEvent {
                    source: s.2.code.clone(),
                    target: t.map(|t| t.2.code.clone()),
                    code: code.to_string(),
                    verb: c.vi,
                    noun: None,
                    rule: c.rule.clone(),
                    source_member: Some((s.0, s.1)),
                    target_member: t.map(|t| (t.0, t.1)),
                };
                if !out
                    .events
                    .iter()
                    .any(|e| e.source == ev.source && e.target == ev.target && e.code == ev.code)
                {
                    out.events.push(ev);
                }
            };
        let reciprocal = reverse.is_some() || c.m.compound;
        // "Obama and Putin will meet in Zurich": the members of a compound subject of a
        // consultation (root 04) consult each other; where they meet is no participant.
        let consult = primary.starts_with("04");
        // "Armenia and Azerbaijan signed an agreement": mutual acts (code-intent.txt).
        let mutual = intents
            .together
            .iter()
            .any(|p| primary.starts_with(p.as_str()));
        let place_target = target.is_some_and(|g| {
            let s = r.groups[g].start;
            s > 0 && r.locative[s - 1]
        });
        let together = (tgts.is_empty() && (reciprocal || consult || mutual))
            || ((consult || mutual) && place_target);
        if srcs.len() > 1 && together {
            // A compound actor doing something together: "Gondor and Osgiliath have renewed ties".
            for a in &srcs {
                for b in &srcs {
                    if a.2.code != b.2.code {
                        add(a, Some(b), primary);
                    }
                }
            }
            continue;
        }
        for s in &srcs {
            if tgts.is_empty() {
                add(s, None, primary);
            }
            for t in &tgts {
                add(s, Some(t), primary);
                if let Some(rc) = reverse {
                    add(t, Some(s), rc);
                }
            }
        }
    }
    // Intentions first ("wants to attack" -> 138), then reports ("said it would attack").
    combine_intents(r, intents, &mut out.events);
    drop_directed(r, intents, &mut out.events);
    if !lex.transformations.is_empty() {
        transform(r, lex, prep, intents, &mut out.events);
    }
    meeting_events(r, intents, &mut out.events);
    drop_channels(intents, &mut out.events);
    if opts.require_dyad {
        out.events.retain(|e| e.target.is_some());
    }
    if opts.require_placed {
        out.events.retain(|e| {
            let placed = |c: &str| !c.is_empty() && !c.starts_with("---");
            placed(&e.source) || e.target.as_deref().is_some_and(placed)
        });
    }
    out
}

/// "four days of talks in Beijing between Iran's top security official and Saudi Arabia's
/// adviser": a meeting noun whose "between" phrase names two or more actors (see
/// [`crate::reading::Reading::meetings`]) is a meeting of each with each other, coded with
/// the `meeting` code of `code-intent.txt`.
fn meeting_events(r: &Reading, intents: &Intents, events: &mut Vec<RawEvent>) {
    let Some(code) = intents.meeting.as_deref() else {
        return;
    };
    for &(noun, g) in &r.meetings {
        // Only the actors that end after the noun (a phrase's members span it from its start):
        // "NATO talks between A and B" are no meeting of NATO.
        let parties: Vec<_> = members(r, Some(g))
            .into_iter()
            .filter(|m| m.2.end > noun + 1)
            .collect();
        for a in &parties {
            for b in &parties {
                if a.2.code == b.2.code || crate::reading::own_country(&a.2.code, &b.2.code) {
                    continue;
                }
                let ev = RawEvent {
                    source: a.2.code.clone(),
                    target: Some(b.2.code.clone()),
                    code: code.to_string(),
                    verb: usize::MAX,
                    noun: Some(noun),
                    rule: format!("meeting noun \"{}\" with its parties", r.words[noun].text),
                    source_member: Some((a.0, a.1)),
                    target_member: Some((b.0, b.1)),
                };
                if !events
                    .iter()
                    .any(|e| e.source == ev.source && e.target == ev.target && e.code == ev.code)
                {
                    events.push(ev);
                }
            }
        }
    }
}

/// "Thousands of protesters rallied in Athens", "police in Yangon detained ...": a generic
/// state or people agent ("---OPP", "---COP"; [`Class::StateAgent`], [`Class::People`]) takes
/// the country of the sentence's place phrases ("in Athens" -> GRC) when they name exactly
/// one, unless that would set the country against itself. The event's rule records the step.
///
/// [`Class::StateAgent`]: crate::grammar::Class::StateAgent
/// [`Class::People`]: crate::grammar::Class::People
pub fn place_in_sentence(r: &Reading, grammar: &crate::grammar::Grammar, events: &mut [RawEvent]) {
    use crate::grammar::Class;
    if events.is_empty() {
        return;
    }
    let country = |c: &str| {
        c.len() == 3
            && c.bytes().all(|b| b.is_ascii_uppercase())
            && !grammar.is(c, Class::NonState)
            && !grammar.is(c, Class::AgentOnly)
    };
    let mut places: Vec<&str> = Vec::new();
    for g in &r.groups {
        if g.start == 0 || !r.locative[g.start - 1] {
            continue;
        }
        for m in &g.members {
            if country(&m.code) && !places.contains(&m.code.as_str()) {
                places.push(&m.code);
            }
        }
    }
    let [place] = places[..] else {
        return;
    };
    let placed = |code: &str| crate::reading::placed_agent(code, place, grammar);
    for e in events.iter_mut() {
        let source = placed(&e.source);
        let target = e.target.as_deref().and_then(placed);
        if source.is_none() && target.is_none() {
            continue;
        }
        let s = source.clone().unwrap_or_else(|| e.source.clone());
        let t = target
            .clone()
            .or_else(|| e.target.clone())
            .unwrap_or_default();
        if s == t || crate::reading::own_country(&s, &t) {
            continue;
        }
        e.source = s;
        if target.is_some() {
            e.target = target;
        }
        e.rule
            .push_str(&format!(" + country of the place named: {place}"));
    }
}

/// "Annan told reporters", "called for calm on state television": a speech act (a root in
/// `channel_roots`) whose target is a generic channel of speech (`---MED`, or `MED` with no
/// country) names no second party; the event is a statement to no one and is dropped.
fn drop_channels(intents: &Intents, events: &mut Vec<RawEvent>) {
    events.retain(|e| {
        let speech = intents
            .channel_roots
            .iter()
            .any(|root| e.code.starts_with(root.as_str()));
        let channel = e.target.as_deref().is_some_and(|t| {
            let agent = t.strip_prefix("---").unwrap_or(t);
            intents.channels.iter().any(|c| c == agent)
        });
        !(speech && channel)
    });
}

/// "pressured Obama to help Iran", "called on Russia to help NATO": the infinitive after a
/// directive verb and its object is what is asked for, not an event; the directive's own
/// event stays.
fn drop_directed(r: &Reading, intents: &Intents, events: &mut Vec<RawEvent>) {
    if intents.directives.is_empty() {
        return;
    }
    let mut dropped = HashSet::new();
    for u in 0..r.verbs.len().saturating_sub(1) {
        let directive = events.iter().any(|e| {
            e.verb == u
                && intents
                    .directives
                    .iter()
                    .any(|d| e.code.starts_with(d.as_str()))
        });
        if !directive {
            continue;
        }
        let l = u + 1;
        let mut k = r.verbs[l].start;
        while k > r.verbs[u].end && r.tags[k - 1] == Tag::Adv {
            k -= 1;
        }
        if k == 0 || r.tags[k - 1] != Tag::To {
            continue;
        }
        let between = r.verbs[u].end..k - 1;
        let object = between
            .clone()
            .any(|x| matches!(r.tags[x], Tag::Noun | Tag::Pron));
        let clear = between.into_iter().all(|x| {
            !matches!(
                r.tags[x],
                Tag::Subord | Tag::Rel | Tag::Comp | Tag::Comma | Tag::Verb
            )
        });
        if object && clear {
            dropped.insert(l);
        }
    }
    events.retain(|e| !dropped.contains(&e.verb));
}

/// "pledged to expel", "seeks to mend ties": an intention verb (code root 03) and the event
/// its infinitive announces become one event coded as the intention (PETRARCH2's verb code
/// combination), with the announced event's source and target.
fn combine_intents(r: &Reading, intents: &Intents, events: &mut Vec<RawEvent>) {
    if intents.by_root.is_empty() {
        return;
    }
    for u in 0..r.verbs.len() {
        let is_intent = events
            .iter()
            .any(|e| e.verb == u && e.code.starts_with("03"));
        if !is_intent {
            continue;
        }
        // The next verb, when it is this verb's infinitive complement.
        let Some(l) = (u + 1 < r.verbs.len()).then_some(u + 1) else {
            continue;
        };
        let mut k = r.verbs[l].start;
        while k > r.verbs[u].end && r.tags[k - 1] == Tag::Adv {
            k -= 1;
        }
        let infinitive = k > 0 && r.tags[k - 1] == Tag::To;
        let between_clear = (r.verbs[u].end..k.saturating_sub(1))
            .all(|x| !matches!(r.tags[x], Tag::Subord | Tag::Rel | Tag::Comp | Tag::Comma));
        if !infinitive || !between_clear {
            continue;
        }
        let lower: Vec<RawEvent> = events.iter().filter(|e| e.verb == l).cloned().collect();
        if lower.is_empty() {
            continue;
        }
        let Some(upper) = events.iter().find(|e| e.verb == u) else {
            continue;
        };
        let (upper_rule, upper_source) = (upper.rule.clone(), upper.source.clone());
        // Only what the intending actor announces it will do: a reverse event ("host" for
        // "attend") has not been announced by anyone.
        let combined: Vec<RawEvent> = lower
            .iter()
            .filter(|e| e.source == upper_source)
            .map(|e| {
                let root = e.code.get(..2).unwrap_or("");
                let code = intents
                    .by_root
                    .get(root)
                    .cloned()
                    .unwrap_or_else(|| e.code.clone());
                RawEvent {
                    code,
                    rule: format!("{} + intent: {}", e.rule, upper_rule),
                    ..e.clone()
                }
            })
            .collect();
        events.retain(|e| e.verb != u && e.verb != l);
        for c in combined {
            if !events
                .iter()
                .any(|e| e.source == c.source && e.target == c.target && e.code == c.code)
            {
                events.push(c);
            }
        }
    }
}

/// The default code of the verb called `name` (its own code or its block's).
fn code_of_verb(lex: &Lexicon, name: &str) -> Option<String> {
    lex.verbs.iter().find(|v| v.name == name).map(|v| {
        v.code
            .clone()
            .unwrap_or_else(|| lex.blocks[v.block].code.clone())
    })
}

/// Whether verb hit `vi` is the verb `name` of a transformation: the same verb, a verb of
/// the same block, or (as PETRARCH2 compares codes) a verb with the same default code.
fn verb_is(r: &Reading, lex: &Lexicon, vi: usize, name: &str, code: Option<&str>) -> bool {
    let Some(v) = r.verbs[vi].verb else {
        return false;
    };
    let verb = &lex.verbs[v];
    let own = verb
        .code
        .as_deref()
        .unwrap_or(lex.blocks[verb.block].code.as_str());
    // Null codes ("---") say nothing about what a verb means: they never match.
    verb.name == name
        || lex.blocks[verb.block].name == name
        || code.is_some_and(|c| c == own && c != "---" && !c.is_empty())
}

/// PETRARCH2's verb-over-verb transformations ("A said A will attack B" -> A B 138): a
/// reporting or intention verb whose complement holds another coded event is replaced by
/// the transformation's result, or, when none applies, yields to the event it reports.
fn transform(
    r: &Reading,
    lex: &Lexicon,
    prep: &Prepared,
    intents: &Intents,
    events: &mut Vec<RawEvent>,
) {
    let upper_code = |ti: usize| prep.transform_codes.get(ti).and_then(|c| c.0.as_deref());
    let lower_code = |ti: usize| prep.transform_codes.get(ti).and_then(|c| c.1.as_deref());
    let uppers: Vec<usize> = (0..r.verbs.len())
        .filter(|&vi| {
            lex.transformations
                .iter()
                .enumerate()
                .any(|(ti, t)| verb_is(r, lex, vi, &t.upper, upper_code(ti)))
        })
        .collect();
    for u in uppers {
        let u_events: Vec<RawEvent> = events.iter().filter(|e| e.verb == u).cloned().collect();
        let Some(upper_src) = u_events.first().map(|e| e.source.clone()) else {
            continue;
        };
        // The first later verb with events, in the reported clause. A verb right after
        // "and" is coordinated with this one ("offered talks with India and announced"): it
        // and what follows it are not what this verb reports.
        let end = clause_end(r, r.verbs[u].end);
        let coordinated = (u + 1..r.verbs.len())
            .find(|&l| {
                let mut k = r.verbs[l].start;
                while k > r.verbs[u].end && r.tags[k - 1] == Tag::Adv {
                    k -= 1;
                }
                k > r.verbs[u].end && r.tags[k - 1] == Tag::Conj
            })
            .unwrap_or(r.verbs.len());
        let Some(l) = (u + 1..coordinated)
            .filter(|&l| r.verbs[l].start < end.max(r.verbs[u].end + 1) || end == r.words.len())
            .find(|&l| events.iter().any(|e| e.verb == l))
        else {
            continue;
        };
        let lower: Vec<RawEvent> = events.iter().filter(|e| e.verb == l).cloned().collect();
        // "Turkey said it would send troops": what is reported as going to happen is an
        // intention (the codes of code-intent.txt by root), not yet the act.
        let future = {
            let mut k = r.verbs[l].start;
            while k > 0 && matches!(r.tags[k - 1], Tag::Adv | Tag::Neg) {
                k -= 1;
            }
            k > 0 && r.words[k - 1].classes.is(crate::grammar::Class::Future)
        };
        let reported_code = |code: &str| -> String {
            if !future || code.starts_with("03") {
                return code.to_string();
            }
            code.get(..2)
                .and_then(|root| intents.by_root.get(root))
                .cloned()
                .unwrap_or_else(|| code.to_string())
        };
        let mut replaced: Vec<RawEvent> = Vec::new();
        // Reported events no transformation binds ("Russia and Ukraine said they would ...":
        // the report's source is Russia, Ukraine's act binds nothing) stand as reported.
        let mut unbound: Vec<RawEvent> = Vec::new();
        for le in &lower {
            let before = replaced.len();
            for (ti, t) in lex.transformations.iter().enumerate() {
                if !verb_is(r, lex, u, &t.upper, upper_code(ti)) {
                    continue;
                }
                let lower_ok = t.lower == "Q" || verb_is(r, lex, l, &t.lower, lower_code(ti));
                if !lower_ok {
                    continue;
                }
                let bind = |var: &str, actor: Option<&String>| -> bool {
                    match var {
                        "a" => actor == Some(&upper_src),
                        // "Pakistan said its air force shot down a jet": the speaker's own
                        // agent is no other party it accuses; the report yields to the act.
                        "b" => actor.is_some_and(|x| {
                            *x != upper_src && !crate::reading::own_country(&upper_src, x)
                        }),
                        "_" => actor.is_none(),
                        _ => true,
                    }
                };
                if !bind(&t.lower_source, Some(&le.source))
                    || !bind(&t.lower_target, le.target.as_ref())
                {
                    continue;
                }
                let pick = |var: &str| -> Option<String> {
                    match var {
                        "a" => Some(upper_src.clone()),
                        "b" if t.lower_source == "b" => Some(le.source.clone()),
                        "b" => le.target.clone(),
                        _ => None,
                    }
                };
                let Some(source) = pick(&t.out_source) else {
                    continue;
                };
                let code = if t.code == "Q" {
                    reported_code(&le.code)
                } else {
                    t.code.clone()
                };
                replaced.push(RawEvent {
                    source,
                    target: pick(&t.out_target),
                    code,
                    verb: l,
                    noun: le.noun,
                    rule: format!("{} + {} ({})", le.rule, t.upper, t.source),
                    source_member: le.source_member,
                    target_member: le.target_member,
                });
                break;
            }
            if replaced.len() == before {
                unbound.push(RawEvent {
                    code: reported_code(&le.code),
                    ..le.clone()
                });
            }
        }
        if !replaced.is_empty() {
            events.retain(|e| e.verb != u && e.verb != l);
            // Only co-subjects of a bound event: the reverse of a reciprocal act ("spoken
            // with the president") was reported by no one.
            let groups: Vec<usize> = replaced
                .iter()
                .filter_map(|e| e.source_member.map(|(g, _)| g))
                .collect();
            events.extend(replaced);
            events.extend(
                unbound
                    .into_iter()
                    .filter(|e| e.source_member.is_some_and(|(g, _)| groups.contains(&g))),
            );
        } else {
            // The report yields to what it reports; but when the reported act names no target
            // and the report's target is the reported clause's subject ("said Armenia had
            // been forced to capitulate"), the report stands.
            let about_subject = u_events.iter().any(|e| {
                e.target_member.is_some_and(|(g, i)| {
                    // A pronoun there ("said it was") is too uncertain a target.
                    let named = r.groups[g].members.get(i).is_some_and(|m| !m.pronoun);
                    named && crate::reading::right_after(r, r.verbs[u].end, r.groups[g].start)
                })
            });
            if lower.iter().any(|e| e.target.is_some()) || !about_subject {
                events.retain(|e| e.verb != u);
            }
        }
    }
}

/// The members of a group, with their indices.
fn members(r: &Reading, g: Option<usize>) -> Vec<(usize, usize, &Member)> {
    match g {
        Some(g) => r.groups[g]
            .members
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.code.is_empty())
            .map(|(i, m)| (g, i, m))
            .collect(),
        None => Vec::new(),
    }
}

/// Splits "032:033" into ("032", Some("033")); ":020" into ("", Some("020")).
fn split_code(code: &str) -> (&str, Option<&str>) {
    match code.split_once(':') {
        Some((a, b)) => (a.trim(), Some(b.trim()).filter(|b| !b.is_empty())),
        None => (code.trim(), None),
    }
}

/// Whether a negation stands in the auxiliary chain before `at`.
fn negation_before(r: &Reading, at: usize) -> bool {
    let mut j = at;
    while j > 0 {
        j -= 1;
        match r.tags[j] {
            Tag::Neg => return true,
            Tag::Adv | Tag::Aux | Tag::Be | Tag::To => continue,
            _ => return false,
        }
    }
    false
}

/// Whether the verb is a passive participle after a form of "to be".
fn is_passive(r: &Reading, vh: &VerbHit) -> bool {
    if vh.reduced_relative {
        return true;
    }
    let up = &r.words[vh.head].up;
    let participle = up.ends_with("ED") || up.ends_with("EN") || up.ends_with('T');
    if !participle {
        return false;
    }
    let mut j = vh.start;
    while j > 0 {
        j -= 1;
        match r.tags[j] {
            Tag::Adv | Tag::Neg => continue,
            Tag::Be => return true,
            Tag::Comma | Tag::Conj => {
                // "heavily and unjustly criticized": keep looking through adverb lists.
                if j > 0 && r.tags[j - 1] == Tag::Adv {
                    continue;
                }
                return false;
            }
            _ => return false,
        }
    }
    false
}

/// The group after "by" following a passive verb, within its clause.
fn by_agent(r: &Reading, vh: &VerbHit) -> Option<usize> {
    let end = clause_end(r, vh.end);
    let mut j = vh.end;
    while j < end {
        if r.agentive[j] && r.tags[j] == Tag::Prep {
            if let Some(g) = r.group_of.get(j + 1).copied().flatten() {
                if !r.groups[g].members.is_empty() {
                    return Some(g);
                }
            }
            return None;
        }
        // Only adverbs and short phrases may stand between the verb and "by".
        if matches!(r.tags[j], Tag::Verb | Tag::Subord | Tag::Rel | Tag::Comp) {
            return None;
        }
        j += 1;
    }
    None
}

/// Where the clause that continues at `from` ends: a subordinator, a relative pronoun, or a
/// comma that opens a trailing reporting clause (", a senior official said").
pub fn clause_end(r: &Reading, from: usize) -> usize {
    let n = r.words.len();
    let mut j = from;
    while j < n {
        match r.tags[j] {
            Tag::Subord | Tag::Rel => return j,
            Tag::Punct if matches!(r.words[j].up.as_str(), ";" | ":" | "(" | ")") => return j,
            Tag::Comma => {
                // ", NP VERB" after the clause: a new clause starts here. The phrase may
                // carry prepositional phrases ("US Deputy Secretary of Energy X said").
                if let Some(g) = r.group_of.get(j + 1).copied().flatten() {
                    let mut k = r.groups[g].end;
                    loop {
                        while k < n && matches!(r.tags[k], Tag::Adv | Tag::Aux | Tag::Neg) {
                            k += 1;
                        }
                        let pp = k + 1 < n && r.tags[k] == Tag::Prep;
                        match r.group_of.get(k + 1).copied().flatten() {
                            Some(h) if pp && r.groups[h].start == k + 1 => k = r.groups[h].end,
                            _ => break,
                        }
                    }
                    if k < n && r.tags[k] == Tag::Verb {
                        return j;
                    }
                }
                if j + 1 < n && matches!(r.tags[j + 1], Tag::Subord | Tag::Rel) {
                    return j;
                }
            }
            _ => {}
        }
        j += 1;
    }
    n
}

/// The subject group of the verb starting at `start`: the noun phrase to its left in its
/// clause, shared along verb chains, coordinations and infinitives.
fn subject_of(r: &Reading, start: usize, seen: &mut HashSet<usize>) -> Option<usize> {
    if !seen.insert(start) {
        return None;
    }
    // A participle clause after a comma (", expanding its campaign") shares the subject of
    // the sentence's first verb.
    if start > 0 && r.tags[start - 1] == Tag::Comma && r.words[start].up.ends_with("ING") {
        if let Some(first) = r.verbs.iter().find(|v| v.end < start) {
            if first.start != start {
                return subject_of(r, first.start, seen);
            }
        }
    }
    // "condemned the sanctions as illegal and recalled": a verb right after "and" (adverbs
    // aside) shares the subject of the verb before it in the clause.
    let mut c = start;
    while c > 0 && r.tags[c - 1] == Tag::Adv {
        c -= 1;
    }
    if c > 0 && r.tags[c - 1] == Tag::Conj {
        // "accused X of trying to steal the oil and broke off relations": an inflected verb
        // does not coordinate with an infinitive, so it looks past it to a finite verb.
        let inflected = r.verbs.iter().any(|v| v.start == start && v.inflected);
        let infinitive = |v: &&crate::reading::VerbHit| {
            let mut k = v.start;
            while k > 0 && r.tags[k - 1] == Tag::Adv {
                k -= 1;
            }
            k > 0 && r.tags[k - 1] == Tag::To
        };
        let before = r
            .verbs
            .iter()
            .rev()
            .filter(|v| v.end < c)
            .find(|v| !(inflected && infinitive(v)));
        let clause_open =
            before.is_some_and(|v| (v.end..c).any(|k| matches!(r.tags[k], Tag::Comp | Tag::Punct)));
        if let Some(v) = before.filter(|_| !clause_open) {
            return subject_of(r, v.start, seen);
        }
    }
    let mut j = start;
    let mut crossed_to = false;
    while j > 0 {
        j -= 1;
        // A parenthesis inside a name ("the European Union (EU)") is part of its phrase.
        let tag = match r.tags[j] {
            Tag::Punct if r.group_of[j].is_some() => Tag::Noun,
            t => t,
        };
        match tag {
            Tag::Adv | Tag::Neg | Tag::Aux | Tag::Be => continue,
            Tag::To => {
                crossed_to = true;
                continue;
            }
            Tag::Prep => continue,
            Tag::Conj => continue,
            Tag::Verb => {
                // A verb chain ("was seen to break", "vowed ... to wage", "condemned X and
                // promised"): share the governing verb's subject.
                let vstart = r
                    .verbs
                    .iter()
                    .find(|v| v.start <= j && j < v.end)
                    .map(|v| v.start)
                    .unwrap_or(j);
                return subject_of(r, vstart, seen);
            }
            Tag::Comma => {
                // Skip a parenthetical or apposition between commas.
                if let Some(c) = (0..j).rev().find(|&c| r.tags[c] == Tag::Comma) {
                    if r.group_of[c.saturating_sub(1)].is_some() && c > 0 {
                        j = c;
                        continue;
                    }
                }
                // A leading phrase ("On Monday, X said").
                continue;
            }
            Tag::Noun | Tag::Det | Tag::Num | Tag::Poss | Tag::Pron => {
                let Some(g) = r.group_of[j] else { continue };
                let gs = r.groups[g].start;
                let before = if gs > 0 { Some(r.tags[gs - 1]) } else { None };
                match before {
                    // "Thousands of people protested", "the head of the UN said": after a
                    // phrase that names no actor, the dictionary actor of its "of" phrase is
                    // the subject (a quoted new actor made of the words is not; nor is it the
                    // subject of an infinitive: "love of show business to trade").
                    Some(Tag::Prep)
                        if !crossed_to
                            && r.genitive[gs - 1]
                            && gs >= 2
                            && r.groups[g]
                                .members
                                .iter()
                                .any(|m| !m.code.is_empty() && !m.code.starts_with('"'))
                            && r.group_of[gs - 2].is_some_and(|h| {
                                r.groups[h].members.iter().all(|m| m.code.is_empty())
                            }) =>
                    {
                        return Some(g);
                    }
                    Some(Tag::Prep) => {
                        // A name inside a long phrase after a preposition starts the subject
                        // ("On the final day of their meeting NATO officials discussed").
                        let ge = r.groups[g].end;
                        let inner = !r.groups[g].members.is_empty()
                            && r.hits
                                .iter()
                                .any(|h| h.start > gs + 1 && h.end <= ge && r.words[h.start].cap);
                        if inner && r.groups[g].end == j + 1 {
                            return Some(g);
                        }
                        // The object of a preposition ("on Thursday", "by Osgiliath
                        // soldiers"): not a subject.
                        j = gs;
                        continue;
                    }
                    Some(Tag::Verb)
                        if crossed_to
                            && r.groups[g].members.iter().all(|m| m.code.is_empty())
                            && (r.tags[gs] == Tag::Det || r.words[j].up.ends_with('S')) =>
                    {
                        // "abandoned efforts to stop": the infinitive completes the noun,
                        // it is not something the subject does.
                        return None;
                    }
                    // "Russia said Ukraine attacked NATO": a name right before a past verb
                    // after a reporting verb is the subject of the reported clause ("that"
                    // left out), not the object of the first verb ("said police attacked").
                    // Only names and dictionary words ("the" aside): "announced a new North
                    // American integrated system" has no clause.
                    Some(Tag::Verb)
                        if !crossed_to
                            && r.groups[g].members.iter().any(|m| !m.code.is_empty())
                            && (gs..r.groups[g].end).all(|k| {
                                r.words[k].cap
                                    || (k == gs && r.tags[k] == Tag::Det)
                                    || r.hits.iter().any(|h| h.start <= k && k < h.end)
                            })
                            && crate::reading::clause_subject(r, g)
                            && r.verbs.iter().any(|v| {
                                v.start == start && v.inflected && !v.reduced_relative
                            }) =>
                    {
                        return Some(g);
                    }
                    Some(Tag::Verb)
                        if !crossed_to || r.groups[g].members.iter().all(|m| m.code.is_empty()) =>
                    {
                        // The object of an earlier verb: this verb is coordinated with it.
                        let vstart = r
                            .verbs
                            .iter()
                            .find(|v| v.end == gs)
                            .map(|v| v.start)
                            .unwrap_or(gs - 1);
                        return subject_of(r, vstart, seen);
                    }
                    _ => return Some(g),
                }
            }
            Tag::Rel => {
                // "X, who said": the relative pronoun stands for the phrase before it.
                let mut k = j;
                while k > 0 && r.tags[k - 1] == Tag::Comma {
                    k -= 1;
                }
                return if k > 0 { r.group_of[k - 1] } else { None };
            }
            Tag::Subord | Tag::Comp | Tag::Punct => return None,
        }
    }
    None
}

/// The first group with an actor after the verb, in its clause.
fn object(r: &Reading, vh: &VerbHit, source: Option<usize>) -> Option<usize> {
    let end = clause_end(r, vh.end);
    let src_codes: Vec<&str> = source
        .map(|s| {
            r.groups[s]
                .members
                .iter()
                .map(|m| m.code.as_str())
                .collect()
        })
        .unwrap_or_default();
    // Places ("talks in Moscow with NATO") are targets only when nothing else is.
    for allow_place in [false, true] {
        if let Some(g) = first_target(r, vh.end, end, source, &src_codes, allow_place) {
            return Some(g);
        }
    }
    None
}

/// The first group after `from` with an actor that is not the source again.
fn first_target(
    r: &Reading,
    from: usize,
    end: usize,
    source: Option<usize>,
    src_codes: &[&str],
    allow_place: bool,
) -> Option<usize> {
    let mut j = from;
    while j < end {
        if let Some(g) = r.group_of[j] {
            let gs = r.groups[g].start;
            let aside = r.aside.get(gs).copied().unwrap_or(false);
            // "signed an agreement, in a deal brokered by Russia": the agent of a later
            // participle is that participle's source, not this verb's target.
            let later_agent = gs >= 2
                && r.tags[gs - 1] == Tag::Prep
                && r.agentive[gs - 1]
                && r.verbs.iter().any(|v| v.end == gs - 1 && v.start >= from);
            let place = gs > 0 && r.locative[gs - 1];
            // "at the Wales summit", "in the Chinese capital": a place that only modifies
            // the head noun of a place phrase (no actor or agent phrase ends the group) is no
            // participant even when nothing else is.
            let last = r.groups[g].end.saturating_sub(1);
            // A possessor ("in NATO's expansion") still takes part in what it owns.
            let modifier = place
                && !r.hits.iter().any(|h| h.start <= last && last < h.end)
                && !(r.groups[g].start..r.groups[g].end).any(|k| r.tags[k] == Tag::Poss);
            if aside || later_agent || (!allow_place || modifier) && place {
                j = r.groups[g].end.max(j + 1);
                continue;
            }
            let codes: Vec<&str> = r.groups[g]
                .members
                .iter()
                .filter(|m| !m.code.is_empty())
                .map(|m| m.code.as_str())
                .collect();
            // A pronoun back to the source ("X ... with his ...") is not a target, nor is
            // the source's own agent ("agreed to reopen their embassies").
            let own = |m: &Member| {
                src_codes.contains(&m.code.as_str())
                    || m.possessive && src_codes.iter().any(|s| s.get(..3) == m.code.get(..3))
            };
            let repeats = !codes.is_empty()
                && r.groups[g]
                    .members
                    .iter()
                    .filter(|m| !m.code.is_empty())
                    .all(own);
            // The subject of a clause of its own ends the search: it is the target only as
            // the subject of the verb's complement ("said [Russia] had ..."), and what follows
            // belongs to that clause's verb ("said [a mortar bomb] was fired at it from Gaza",
            // ", but [Russia] has backed ...").
            let subject = crate::reading::clause_subject(r, g);
            if subject && !crate::reading::right_after(r, from, gs) {
                return None;
            }
            if Some(g) != source && !codes.is_empty() && !repeats {
                return Some(g);
            }
            if subject && codes.is_empty() {
                return None;
            }
            j = r.groups[g].end.max(j + 1);
            continue;
        }
        j += 1;
    }
    None
}

/// Tries one pattern on verb hit `vi`; `ids` are the sentence's word ids.
fn match_pattern(r: &Reading, ids: &[u32], vi: usize, pat: &Compiled) -> Option<Match> {
    let vh = &r.verbs[vi];
    let mut m = Match::default();
    // After the verb.
    let post_start = vh.end;
    // The words after the verb belong to its clause up to the next verb the pattern does not
    // name itself ("said such a step enjoyed support": SUPPORT is not what was said).
    let literal = |id: u32| id != UNNAMED && pat.post_words.binary_search(&id).is_ok();
    // Verb hits are in text order and do not overlap: the later ones follow `vi`.
    let limit = r.verbs[vi + 1..]
        .iter()
        .filter(|v| v.start >= vh.end)
        .find(|v| !(v.start..v.end).any(|k| literal(ids[k])))
        .map(|v| v.start)
        .unwrap_or(r.words.len());
    if !match_post(
        r,
        ids,
        &pat.post,
        0,
        post_start,
        pat.verb_joined,
        limit,
        &mut m,
    ) {
        return None;
    }
    let floor = vh.start.saturating_sub(PRE_WINDOW);
    if !match_pre(r, ids, &pat.pre, pat.pre.len(), vh.start, floor, &mut m) {
        return None;
    }
    // A pattern ending in a preposition ("* (WITH)", "* MEMOS FROM") names the phrase
    // after it as the target.
    if let Some(e) = m.post_end {
        if m.target.is_none() && e > 0 && e < r.words.len() && r.tags[e - 1] == Tag::Prep {
            if let Some(g) = r.group_of[e] {
                if r.groups[g].start == e && r.groups[g].members.iter().any(|x| !x.code.is_empty())
                {
                    m.target = Some(g);
                }
            }
        }
    }
    Some(m)
}

/// Words of one alternative matched at `at`: its end, or `None`.
fn phrase_at(ids: &[u32], alt: &[(u32, bool)], at: usize, limit: usize) -> Option<usize> {
    let mut p = at;
    for (i, &(w, _)) in alt.iter().enumerate() {
        if i > 0 {
            let prev_joined = alt[i - 1].1;
            if !prev_joined {
                // A blank in a phrase allows a few words between.
                let mut q = p;
                let stop = (p + 4).min(limit);
                while q < stop && ids[q] != w {
                    q += 1;
                }
                if q >= stop {
                    return None;
                }
                p = q;
            }
        }
        if p >= limit || ids[p] != w {
            return None;
        }
        p += 1;
    }
    Some(p)
}

#[allow(clippy::too_many_arguments)]
fn match_post(
    r: &Reading,
    ids: &[u32],
    elems: &[CElem],
    i: usize,
    p: usize,
    adjacent: bool,
    limit: usize,
    m: &mut Match,
) -> bool {
    if i == elems.len() {
        if matches!(
            elems.last(),
            Some(CElem {
                elem: CKind::Words(_),
                ..
            })
        ) {
            m.post_end = Some(p);
        }
        return true;
    }
    let e = &elems[i];
    let last_q = if adjacent { p } else { limit.saturating_sub(1) };
    let mut q = p;
    while q <= last_q && q < limit {
        let saved = m.mark();
        let next = match &e.elem {
            CKind::Words(alts) => alts.iter().find_map(|alt| {
                phrase_at(ids, alt, q, limit).inspect(|&end| {
                    m.score += 2 * alt.len();
                    m.consumed.extend(q..end);
                })
            }),
            CKind::Source | CKind::Target | CKind::Compound => match r.group_of[q] {
                Some(g) if r.groups[g].start == q || adjacent => {
                    let grp = &r.groups[g];
                    let has = grp.members.iter().any(|x| !x.code.is_empty());
                    let ok = match e.elem {
                        CKind::Compound => grp.compound(),
                        _ => has,
                    };
                    if ok {
                        m.score += 1;
                        match e.elem {
                            CKind::Source => m.source = Some(g),
                            CKind::Target => m.target = Some(g),
                            _ => m.compound = true,
                        }
                        Some(grp.end)
                    } else {
                        None
                    }
                }
                _ => None,
            },
            CKind::Skip => Some(match r.group_of[q] {
                Some(g) => r.groups[g].end,
                None => q + 1,
            }),
        };
        if let Some(np) = next {
            if match_post(r, ids, elems, i + 1, np, e.joined, limit, m) {
                return true;
            }
        }
        m.restore(&saved);
        q += 1;
    }
    false
}

/// Matches pre-verb elements right to left; `i` is one past the element to match next, `p`
/// one past the last word it may use, and no element may end at or before `floor`.
fn match_pre(
    r: &Reading,
    ids: &[u32],
    elems: &[CElem],
    i: usize,
    p: usize,
    floor: usize,
    m: &mut Match,
) -> bool {
    if i == 0 {
        return true;
    }
    let e = &elems[i - 1];
    // The element must end right before `p` when it is joined to what follows it.
    let adjacent = e.joined;
    let mut end = p;
    loop {
        if end == 0 || end <= floor {
            return false;
        }
        let saved = m.mark();
        let found: Option<usize> = match &e.elem {
            CKind::Words(alts) => alts.iter().find_map(|alt| {
                let len = alt.len();
                if end < len {
                    return None;
                }
                let s = end - len;
                let ok = alt.iter().enumerate().all(|(k, &(w, _))| ids[s + k] == w);
                if ok {
                    m.score += 2 * len;
                    m.consumed.extend(s..end);
                    // A negation the pattern names itself ("NOT *", "&NEGATVAUXVRB *").
                    if (s..end).any(|k| r.tags[k] == Tag::Neg) {
                        m.negation_used = true;
                    }
                    Some(s)
                } else {
                    None
                }
            }),
            CKind::Source | CKind::Target | CKind::Compound => match r.group_of[end - 1] {
                Some(g) if r.groups[g].end == end => {
                    let grp = &r.groups[g];
                    let ok = match e.elem {
                        CKind::Compound => grp.compound(),
                        _ => grp.members.iter().any(|x| !x.code.is_empty()),
                    };
                    if ok {
                        m.score += 1;
                        match e.elem {
                            CKind::Source => m.source = Some(g),
                            CKind::Target => m.target = Some(g),
                            _ => m.compound = true,
                        }
                        Some(grp.start)
                    } else {
                        None
                    }
                }
                _ => None,
            },
            CKind::Skip => Some(match r.group_of[end - 1] {
                Some(g) => r.groups[g].start,
                None => end - 1,
            }),
        };
        if let Some(s) = found {
            if match_pre(r, ids, elems, i - 1, s, floor, m) {
                return true;
            }
        }
        m.restore(&saved);
        if adjacent {
            return false;
        }
        end -= 1;
    }
}
