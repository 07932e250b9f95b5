//! Compiled matchers: every dictionary phrase (with its generated variants) becomes a
//! sequence of token ids in a compact prefix-free code, kept in an `fst` map per kind, and a
//! sentence's tokens are searched for all leftmost-longest matches (see [`PhraseMatcher`]).
//! Discards matched in raw text use an Aho-Corasick automaton ([`TextMatcher`]).
//!
//! Tokens are normalised by [`norm_token`]: case-folded, curly apostrophes made straight, a
//! possessive `'s`/`'` removed, and `_` read as `-`. Dictionary words are split the way the
//! segmenter splits text (leading and trailing `( ) , " '` become tokens of their own), and a
//! hyphenated word also matches as its parts (`al-qaeda`, `al - qaeda`, `al qaeda`).
//!
//! A `Join::Gap` is compiled as adjacency (the matchers do not skip words);
//! the gap is kept in the model for a coder that wants to honour it.
//!
//! When several entries share a normalised phrase, the match reports the **last** one read
//! (files loaded later override earlier ones, so a curated file overrides an imported one);
//! [`PhraseMatcher::candidates`] gives them all in file order.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};

use crate::forms::{noun_plurals, verb_forms};
use crate::model::*;

/// Normalises a sentence token or a dictionary word for matching.
pub fn norm_token(token: &str) -> String {
    let mut t: String = if token.is_ascii() {
        // One pass, one allocation: the common case, and every dictionary word.
        token
            .bytes()
            .map(|b| match b {
                b'`' => '\'',
                b'_' => '-',
                b => b.to_ascii_lowercase() as char,
            })
            .collect()
    } else {
        norm_non_ascii(token)
    };
    if t.chars().count() > 2 {
        if let Some(s) = t.strip_suffix("'s") {
            t.truncate(s.len());
        } else if t.ends_with("s'") {
            t.pop();
        }
    }
    t
}

/// [`norm_token`]'s mapping for tokens with non-ASCII characters (full Unicode lower case).
fn norm_non_ascii(token: &str) -> String {
    token
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            '_' => '-',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

/// A match of a phrase in a token sequence: tokens `start..end` (half-open).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    /// First token (or byte, for text matches) of the match.
    pub start: usize,
    /// One past the last token (or byte) of the match.
    pub end: usize,
    /// The entry matched (index into the entries vector of its kind): the last one read
    /// among those sharing the phrase.
    pub entry: u32,
    /// The compiled phrase (for [`PhraseMatcher::candidates`]).
    pub phrase: u32,
}

/// Token vocabulary shared by all matchers: token → id (ids start at 1; 0 is "unknown").
/// foldhash, not SipHash: interning every dictionary word is a large part of compiling.
#[derive(Debug, Default)]
struct Vocab {
    ids: foldhash::HashMap<String, u32>,
}

impl Vocab {
    fn intern(&mut self, t: &str) -> u32 {
        if let Some(&id) = self.ids.get(t) {
            return id;
        }
        let next = self.ids.len() as u32 + 1;
        self.ids.insert(t.to_string(), next);
        next
    }

    fn get(&self, t: &str) -> u32 {
        self.ids.get(t).copied().unwrap_or(0)
    }
}

/// Encodes a token id in a prefix-free code of 1–3 bytes whose first byte alone has its
/// high bit set and tells the length, so that a match can only begin and end on token
/// boundaries: `10xxxxxx` (ids < 64), `110xxxxx 0xxxxxxx` (< 4096), `111xxxxx 0xxxxxxx
/// 0xxxxxxx` (< 2^19). The builder numbers tokens by frequency, so that the commonest are
/// the shortest and the automaton small.
fn encode(id: u32, out: &mut Vec<u8>) {
    if id < 64 {
        out.push(0x80 | id as u8);
    } else if id < 4096 {
        out.push(0xC0 | ((id >> 7) & 0x1f) as u8);
        out.push((id & 0x7f) as u8);
    } else {
        out.push(0xE0 | ((id >> 14) & 0x1f) as u8);
        out.push(((id >> 7) & 0x7f) as u8);
        out.push((id & 0x7f) as u8);
    }
}

/// A phrase matcher over token sequences: leftmost-longest matches, without overlaps.
///
/// Phrases are kept in an `fst` map from their token codes, and a sentence is searched token
/// by token for the longest phrase starting there, then on after it. (An Aho-Corasick
/// automaton finds the same matches in one pass, but building its failure transitions for
/// the ~38,000 actor names cost more than half of the dictionaries' start-up; a token-start
/// search needs none.) The actor names are split by their first token into parts built on
/// separate threads; each token is looked up in the part it opens.
#[derive(Debug, Default)]
pub struct PhraseMatcher {
    parts: Vec<Part>,
}

/// One map and its phrases; phrase `i` of a part is phrase `offset + i` of the matcher.
#[derive(Debug, Default)]
struct Part {
    vocab: Vocab,
    /// Token codes of each phrase → its index in the part.
    phrases: Option<fst::Map<Vec<u8>>>,
    /// Per compiled phrase, the entries having it, in file order.
    entries: Vec<Vec<u32>>,
    /// Per compiled phrase, its length in tokens.
    lengths: Vec<usize>,
    offset: u32,
}

/// Collects token-id phrases for one kind, merging duplicates.
#[derive(Default)]
struct Builder {
    vocab: Vocab,
    index: foldhash::HashMap<Vec<u32>, usize>,
    phrases: Vec<Vec<u32>>,
    entries: Vec<Vec<u32>>,
}

impl Builder {
    fn add(&mut self, tokens: &[String], entry: u32) {
        if tokens.is_empty() {
            return;
        }
        let ids: Vec<u32> = tokens.iter().map(|t| self.vocab.intern(t)).collect();
        let at = match self.index.get(&ids) {
            Some(&at) => at,
            None => {
                self.phrases.push(ids.clone());
                self.entries.push(Vec::new());
                self.index.insert(ids, self.phrases.len() - 1);
                self.phrases.len() - 1
            }
        };
        if !self.entries[at].contains(&entry) {
            self.entries[at].push(entry);
        }
    }

    /// A matcher of one part.
    fn build(self) -> PhraseMatcher {
        PhraseMatcher {
            parts: vec![self.build_part()],
        }
    }

    fn build_part(mut self) -> Part {
        let lengths = self.phrases.iter().map(Vec::len).collect();
        // Renumber tokens by frequency (commonest first, ids from 1; 0 is "unknown").
        let n = self.vocab.ids.len() + 1;
        let mut freq = vec![0u32; n];
        for p in &self.phrases {
            for &id in p {
                if let Some(f) = freq.get_mut(id as usize) {
                    *f += 1;
                }
            }
        }
        let mut order: Vec<u32> = (1..n as u32).collect();
        order.sort_by_key(|&id| std::cmp::Reverse(freq[id as usize]));
        let mut remap = vec![0u32; n];
        for (rank, &id) in order.iter().enumerate() {
            remap[id as usize] = rank as u32 + 1;
        }
        for id in self.vocab.ids.values_mut() {
            *id = remap.get(*id as usize).copied().unwrap_or(0);
        }
        let mut encoded: Vec<(Vec<u8>, u64)> = self
            .phrases
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut v = Vec::with_capacity(p.len() * 3);
                for &id in p {
                    encode(remap.get(id as usize).copied().unwrap_or(0), &mut v);
                }
                (v, i as u64)
            })
            .collect();
        // Distinct phrases have distinct codes (the code is prefix-free), as the map needs.
        encoded.sort_unstable();
        let phrases = fst::Map::from_iter(encoded).ok();
        Part {
            vocab: self.vocab,
            phrases,
            entries: self.entries,
            lengths,
            offset: 0,
        }
    }
}

/// Which part of a parted matcher the phrases opening with `token` (normalised) go to.
fn part_of(token: &str, parts: usize) -> usize {
    let h = token
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    h as usize % parts.max(1)
}

/// The parts an actor matcher is split into (and built on, one thread each).
const ACTOR_PARTS: usize = 2;

impl Part {
    /// The sentence's tokens in this part's code, and the token index of each byte.
    fn encode(&self, normed: &[String]) -> (Vec<u8>, Vec<usize>) {
        let mut hay = Vec::with_capacity(normed.len() * 3);
        let mut token_of = Vec::with_capacity(normed.len() * 3);
        for (i, t) in normed.iter().enumerate() {
            encode(self.vocab.get(t), &mut hay);
            token_of.resize(hay.len(), i);
        }
        (hay, token_of)
    }

    /// The longest phrase whose code `hay[at..]` starts with: its index in the part. Every
    /// code is whole tokens (the code is prefix-free), so a match ends on a token boundary.
    fn longest_at(&self, hay: &[u8], at: usize) -> Option<usize> {
        let map = self.phrases.as_ref()?;
        let raw = map.as_fst();
        let mut node = raw.root();
        let mut out = fst::raw::Output::zero();
        let mut best = None;
        for &b in hay.get(at..)? {
            let Some(i) = node.find_input(b) else {
                break;
            };
            let t = node.transition(i);
            out = out.cat(t.out);
            node = raw.node(t.addr);
            if node.is_final() {
                best = Some(out.cat(node.final_output()).value() as usize);
            }
        }
        best
    }

    fn found(&self, start: usize, local: usize) -> Option<PhraseMatch> {
        Some(PhraseMatch {
            start,
            end: start + self.lengths.get(local).copied().unwrap_or(0),
            entry: *self.entries.get(local)?.last()?,
            phrase: self.offset + local as u32,
        })
    }
}

impl PhraseMatcher {
    /// A matcher whose parts were built separately (phrases are numbered across parts).
    fn parted(mut parts: Vec<Part>) -> PhraseMatcher {
        let mut offset = 0;
        for p in &mut parts {
            p.offset = offset;
            offset += p.entries.len() as u32;
        }
        PhraseMatcher { parts }
    }

    fn find(&self, normed: &[String]) -> Vec<PhraseMatch> {
        if self.parts.is_empty() {
            return Vec::new();
        }
        // Token by token, the longest phrase starting there (in the part its first token
        // belongs to), then on after it.
        let coded: Vec<(Vec<u8>, Vec<usize>)> =
            self.parts.iter().map(|p| p.encode(normed)).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < normed.len() {
            let k = part_of(&normed[i], self.parts.len());
            let (part, (hay, token_of)) = (&self.parts[k], &coded[k]);
            let at = token_of.partition_point(|&t| t < i);
            match part
                .longest_at(hay, at)
                .and_then(|local| part.found(i, local))
            {
                Some(m) => {
                    i = m.end.max(i + 1);
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    fn part_of_phrase(&self, phrase: u32) -> Option<(&Part, usize)> {
        let k = self.parts.partition_point(|p| p.offset <= phrase);
        let part = self.parts.get(k.checked_sub(1)?)?;
        Some((part, (phrase - part.offset) as usize))
    }

    /// Every entry sharing the matched phrase, in file order.
    pub fn candidates(&self, m: &PhraseMatch) -> &[u32] {
        self.part_of_phrase(m.phrase)
            .and_then(|(part, local)| part.entries.get(local))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Number of distinct compiled phrases.
    pub fn len(&self) -> usize {
        self.parts.iter().map(|p| p.entries.len()).sum()
    }

    /// Whether nothing was compiled.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A verb form found in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerbMatch {
    /// Tokens `start..end` of the form (several for a multi-word verb).
    pub start: usize,
    /// One past the last token (or byte) of the match.
    pub end: usize,
    /// The token of the verb proper (the `+` head).
    pub head: usize,
    /// Index into `Entries::verb_blocks`.
    pub block: u32,
    /// Index into that block's `verbs`.
    pub verb: u32,
}

/// A verb's address and the head offset of one of its forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerbRef {
    /// Index into `Entries::verb_blocks`.
    pub block: u32,
    /// Index into that block's `verbs`.
    pub verb: u32,
    /// Offset of the head within the form's tokens.
    pub head: u32,
}

/// Verb-form lookup: every form (regular or irregular, single or multi-word) of every verb.
#[derive(Debug, Default)]
pub struct VerbMatcher {
    phrases: PhraseMatcher,
    /// Per compiled phrase, the verbs it is a form of (indexed like `PhraseMatch::phrase`).
    refs: Vec<Vec<VerbRef>>,
    /// Single-token forms → verbs.
    single: HashMap<String, Vec<VerbRef>>,
}

impl VerbMatcher {
    /// The verbs a single (raw) token is a form of; empty if none.
    pub fn lookup(&self, token: &str) -> &[VerbRef] {
        self.single
            .get(&norm_token(token))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// Generates the folded forms of a verb: (tokens, head index) pairs.
pub fn verb_form_tokens(verb: &Verb) -> Vec<(Vec<String>, usize)> {
    let words: Vec<String> = verb.words.iter().map(|w| norm_token(w)).collect();
    let mut out = vec![(words.clone(), verb.head)];
    match &verb.irregular {
        Some(forms) => {
            for f in forms {
                out.push((f.words.iter().map(|w| norm_token(w)).collect(), f.head));
            }
        }
        None => {
            if let Some(head) = words.get(verb.head) {
                for form in verb_forms(head).into_iter().skip(1) {
                    let mut w = words.clone();
                    w[verb.head] = form;
                    out.push((w, verb.head));
                }
            }
        }
    }
    out
}

/// Splits a dictionary word into token-like pieces and returns the variants of the whole
/// word list: leading/trailing `( ) , " '` become separate tokens; a hyphenated word also
/// yields its parts with and without the hyphen token.
fn phrase_variants(words: &[String]) -> Vec<Vec<String>> {
    // Most names have no hyphen and no punctuation to split off: one variant, the words.
    let plain = |w: &str| {
        !w.contains([
            '-', '_', '(', ')', ',', '"', '\'', '\u{2019}', '\u{2018}', '`',
        ])
    };
    if words.iter().all(|w| plain(w)) {
        return vec![words.iter().map(|w| norm_token(w)).collect()];
    }
    let mut variants: Vec<Vec<String>> = vec![Vec::new()];
    for word in words {
        let w = norm_token(word);
        let mut pieces_pre = Vec::new();
        let mut core = w.as_str();
        while let Some(c) = core.chars().next().filter(|c| "(,\"'".contains(*c)) {
            pieces_pre.push(c.to_string());
            core = &core[c.len_utf8()..];
        }
        let mut pieces_post = Vec::new();
        while let Some(c) = core.chars().last().filter(|c| "),\"".contains(*c)) {
            pieces_post.insert(0, c.to_string());
            core = &core[..core.len() - c.len_utf8()];
        }
        let mut alternatives: Vec<Vec<String>> = Vec::new();
        if !core.is_empty() {
            alternatives.push(vec![core.to_string()]);
            if core.contains('-') && core.len() > 1 {
                let parts: Vec<String> = core
                    .split('-')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect();
                if parts.len() > 1 {
                    alternatives.push(parts.clone());
                    let mut with = Vec::new();
                    for (i, p) in parts.iter().enumerate() {
                        if i > 0 {
                            with.push("-".to_string());
                        }
                        with.push(p.clone());
                    }
                    alternatives.push(with);
                }
            }
        } else {
            alternatives.push(Vec::new());
        }
        let mut next = Vec::new();
        for v in &variants {
            for alt in &alternatives {
                let mut n = v.clone();
                n.extend(pieces_pre.iter().cloned());
                n.extend(alt.iter().cloned());
                n.extend(pieces_post.iter().cloned());
                next.push(n);
            }
        }
        // Bound the blow-up for names full of hyphens.
        next.truncate(16);
        variants = next;
    }
    variants
}

/// All compiled matchers of a dictionary.
#[derive(Debug, Default)]
pub struct Matchers {
    /// Actor names → `Entries::actors` indices.
    pub actors: PhraseMatcher,
    /// Agent phrases and their plurals → `Entries::agents` indices.
    pub agents: PhraseMatcher,
    /// Issue phrases (with their `n:`/`v:`/`+` expansions) → `Entries::issues` indices
    /// (ignore lines included: check `Issue::ignore`).
    pub issues: PhraseMatcher,
    /// Discard phrases over tokens → `Entries::discards` indices. Open (stem) phrases also
    /// match the regular plural of their last word; for PETRARCH's exact rule (stems,
    /// word starts, on raw text) use [`Matchers::find_discards_in_text`].
    pub discards: PhraseMatcher,
    /// Verb forms.
    pub verbs: VerbMatcher,
    /// Discards matched in raw text as PETRARCH does (see [`Matchers::find_discards_in_text`]).
    pub discard_text: TextMatcher,
}

/// A case-insensitive matcher of phrases in raw text, with PETRARCH's discard rule: a match
/// must start at a word start; a closed phrase (trailing `_`) must also end at a word end,
/// an open one is a stem (`BASEBALL` matches `baseballs`).
#[derive(Debug, Default)]
pub struct TextMatcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: the entry and whether it must end at a word end.
    patterns: Vec<(u32, bool)>,
}

/// A match in text: byte offsets `start..end` and the entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextMatch {
    /// First token (or byte, for text matches) of the match.
    pub start: usize,
    /// One past the last token (or byte) of the match.
    pub end: usize,
    /// Index of the entry matched in its kind's vector of `Entries`.
    pub entry: u32,
}

impl TextMatcher {
    /// Every match (overlapping ones included), in order of start.
    pub fn find(&self, text: &str) -> Vec<TextMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut out: Vec<TextMatch> = ac
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let (entry, closed) = *self.patterns.get(m.pattern().as_usize())?;
                let before = text.get(..m.start())?.chars().next_back();
                let after = text.get(m.end()..)?.chars().next();
                if is_word(before) || (closed && is_word(after)) {
                    return None;
                }
                Some(TextMatch {
                    start: m.start(),
                    end: m.end(),
                    entry,
                })
            })
            .collect();
        out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        out
    }
}

fn compile_discard_text(entries: &Entries) -> TextMatcher {
    let mut texts = Vec::new();
    let mut patterns = Vec::new();
    for (i, d) in entries.discards.iter().enumerate() {
        let text = d.phrase.words.join(" ").to_lowercase();
        if text.is_empty() {
            continue;
        }
        texts.push(text);
        patterns.push((i as u32, d.phrase.closed));
    }
    let automaton = if texts.is_empty() {
        None
    } else {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(&texts)
            .ok()
    };
    TextMatcher {
        automaton,
        patterns,
    }
}

impl Matchers {
    /// Compiles every kind of entry on all cores: the actor names (most of the work) in
    /// parts, each built on its own thread, alongside the other kinds.
    pub fn compile(entries: &Entries) -> Matchers {
        // Phase 1: generate and route the actor phrases, in halves of the actor list.
        let half = entries.actors.len().div_ceil(2);
        let halves: Vec<(usize, &[Actor])> = entries
            .actors
            .chunks(half.max(1))
            .enumerate()
            .map(|(n, chunk)| (n * half, chunk))
            .collect();
        let routed = crate::in_parallel(
            &halves,
            |h| h.1.len(),
            |&(first, actors)| route_actors(actors, first),
        );
        // Phase 2: every automaton.
        enum Job {
            ActorPart(usize),
            Agents,
            Issues,
            Discards,
            Verbs,
            DiscardText,
        }
        enum Built {
            Part(Part),
            Phrases(PhraseMatcher),
            Verbs(VerbMatcher),
            Text(TextMatcher),
        }
        let mut jobs: Vec<Job> = (0..ACTOR_PARTS).map(Job::ActorPart).collect();
        jobs.extend([
            Job::Agents,
            Job::Issues,
            Job::Discards,
            Job::Verbs,
            Job::DiscardText,
        ]);
        let size = |job: &Job| match job {
            Job::ActorPart(_) => entries.actors.len() / ACTOR_PARTS,
            Job::Agents => entries.agents.len(),
            Job::Issues => entries.issues.len(),
            Job::Discards | Job::DiscardText => entries.discards.len(),
            Job::Verbs => entries.verb_blocks.iter().map(|b| b.verbs.len()).sum(),
        };
        let built = crate::in_parallel(&jobs, size, |job| match job {
            Job::ActorPart(k) => Built::Part(build_actor_part(&routed, *k)),
            Job::Agents => Built::Phrases(compile_agents(entries)),
            Job::Issues => Built::Phrases(compile_issues(entries)),
            Job::Discards => Built::Phrases(compile_discards(entries)),
            Job::Verbs => Built::Verbs(compile_verbs(entries)),
            Job::DiscardText => Built::Text(compile_discard_text(entries)),
        });
        let mut parts = Vec::new();
        let mut phrases = Vec::new();
        let mut m = Matchers::default();
        for b in built {
            match b {
                Built::Part(p) => parts.push(p),
                Built::Phrases(p) => phrases.push(p),
                Built::Verbs(v) => m.verbs = v,
                Built::Text(t) => m.discard_text = t,
            }
        }
        m.actors = PhraseMatcher::parted(parts);
        // In job order: agents, issues, discards.
        let mut phrases = phrases.into_iter();
        m.agents = phrases.next().unwrap_or_default();
        m.issues = phrases.next().unwrap_or_default();
        m.discards = phrases.next().unwrap_or_default();
        m
    }

    fn norm(tokens: &[impl AsRef<str>]) -> Vec<String> {
        tokens.iter().map(|t| norm_token(t.as_ref())).collect()
    }

    /// Actor name matches in a sentence's tokens (leftmost-longest).
    pub fn find_actors(&self, tokens: &[impl AsRef<str>]) -> Vec<PhraseMatch> {
        self.find_in(&self.actors, tokens)
    }

    /// Agent matches (singular and plural forms).
    pub fn find_agents(&self, tokens: &[impl AsRef<str>]) -> Vec<PhraseMatch> {
        self.find_in(&self.agents, tokens)
    }

    /// Issue matches (including ignore phrases).
    pub fn find_issues(&self, tokens: &[impl AsRef<str>]) -> Vec<PhraseMatch> {
        self.find_in(&self.issues, tokens)
    }

    /// Discard matches in a sentence's (or a story's) raw text, by PETRARCH's rule: the
    /// phrase, case-insensitive, starting at a word start, and ending at a word end when
    /// it was written with a trailing `_`. Check `Discard::scope` for sentence vs story.
    pub fn find_discards_in_text(&self, text: &str) -> Vec<TextMatch> {
        self.discard_text.find(text)
    }

    /// Discard matches over tokens (an open phrase also matches its last word's plural).
    pub fn find_discards(&self, tokens: &[impl AsRef<str>]) -> Vec<PhraseMatch> {
        self.find_in(&self.discards, tokens)
    }

    fn find_in(&self, m: &PhraseMatcher, tokens: &[impl AsRef<str>]) -> Vec<PhraseMatch> {
        if m.is_empty() {
            return Vec::new();
        }
        m.find(&Self::norm(tokens))
    }

    /// Verb forms in a sentence's tokens (leftmost-longest: a multi-word form wins over its
    /// head alone). A form shared by several verbs yields one match per verb.
    pub fn find_verbs(&self, tokens: &[impl AsRef<str>]) -> Vec<VerbMatch> {
        let mut out = Vec::new();
        for m in self.find_in(&self.verbs.phrases, tokens) {
            for r in self.verbs.refs.get(m.phrase as usize).into_iter().flatten() {
                out.push(VerbMatch {
                    start: m.start,
                    end: m.end,
                    head: m.start + r.head as usize,
                    block: r.block,
                    verb: r.verb,
                });
            }
        }
        out
    }
}

/// The actor names' token sequences (with their variants), routed to the part their first
/// token belongs to: `[part] -> [(tokens, actor)]`, in actor order.
type Routed = Vec<Vec<(Vec<String>, u32)>>;

fn route_actors(actors: &[Actor], first: usize) -> Routed {
    let mut routed: Routed = vec![Vec::new(); ACTOR_PARTS];
    for (i, actor) in actors.iter().enumerate() {
        for name in &actor.names {
            for v in phrase_variants(&name.phrase.words) {
                if let Some(t) = v.first() {
                    routed[part_of(t, ACTOR_PARTS)].push((v, (first + i) as u32));
                }
            }
        }
    }
    routed
}

fn build_actor_part(routed: &[Routed], k: usize) -> Part {
    let mut b = Builder::default();
    // Halves in actor order, so each phrase's entries stay in file order.
    for half in routed {
        for (tokens, entry) in half.get(k).into_iter().flatten() {
            b.add(tokens, *entry);
        }
    }
    b.build_part()
}

fn compile_agents(entries: &Entries) -> PhraseMatcher {
    let mut b = Builder::default();
    for (i, agent) in entries.agents.iter().enumerate() {
        let mut phrases: Vec<Vec<String>> = vec![agent.phrase.words.clone()];
        match &agent.plurals {
            Plurals::Regular => {
                if let Some((last, init)) = agent.phrase.words.split_last() {
                    for p in noun_plurals(&norm_token(last)) {
                        let mut w = init.to_vec();
                        w.push(p);
                        phrases.push(w);
                    }
                }
            }
            Plurals::None => {}
            Plurals::Irregular(forms) => phrases.extend(forms.iter().map(|f| f.words.clone())),
        }
        for p in phrases {
            for v in phrase_variants(&p) {
                b.add(&v, i as u32);
            }
        }
    }
    b.build()
}

fn compile_issues(entries: &Entries) -> PhraseMatcher {
    let mut b = Builder::default();
    for (i, issue) in entries.issues.iter().enumerate() {
        for v in issue_variants(issue) {
            b.add(&v, i as u32);
        }
    }
    b.build()
}

fn compile_discards(entries: &Entries) -> PhraseMatcher {
    let mut b = Builder::default();
    for (i, d) in entries.discards.iter().enumerate() {
        let mut phrases = vec![d.phrase.words.clone()];
        if !d.phrase.closed {
            if let Some((last, init)) = d.phrase.words.split_last() {
                for p in noun_plurals(&norm_token(last)) {
                    let mut w = init.to_vec();
                    w.push(p);
                    phrases.push(w);
                }
            }
        }
        for p in phrases {
            for v in phrase_variants(&p) {
                b.add(&v, i as u32);
            }
        }
    }
    b.build()
}

fn compile_verbs(entries: &Entries) -> VerbMatcher {
    // Verbs: entry id is a running index into `flat`.
    let mut b = Builder::default();
    let mut flat: Vec<VerbRef> = Vec::new();
    let mut single: HashMap<String, Vec<VerbRef>> = HashMap::new();
    for (bi, block) in entries.verb_blocks.iter().enumerate() {
        for (vi, verb) in block.verbs.iter().enumerate() {
            for (tokens, head) in verb_form_tokens(verb) {
                let r = VerbRef {
                    block: bi as u32,
                    verb: vi as u32,
                    head: head as u32,
                };
                if tokens.len() == 1 {
                    let list = single.entry(tokens[0].clone()).or_default();
                    if !list.contains(&r) {
                        list.push(r);
                    }
                }
                flat.push(r);
                b.add(&tokens, flat.len() as u32 - 1);
            }
        }
    }
    let phrases = b.build();
    let refs = phrases
        .parts
        .iter()
        .flat_map(|p| &p.entries)
        .map(|ids| {
            let mut v: Vec<VerbRef> = Vec::new();
            for &id in ids {
                if let Some(r) = flat.get(id as usize) {
                    if !v.contains(r) {
                        v.push(*r);
                    }
                }
            }
            v
        })
        .collect();
    VerbMatcher {
        phrases,
        refs,
        single,
    }
}

/// The token sequences an issue phrase stands for, after `n:`, `v:` and `+` expansion.
pub fn issue_variants(issue: &Issue) -> Vec<Vec<String>> {
    let mut variants: Vec<Vec<String>> = vec![Vec::new()];
    for word in &issue.words {
        // Each part's alternatives.
        let part_alts: Vec<Vec<String>> = word
            .parts
            .iter()
            .map(|p| {
                let t = norm_token(&p.text);
                match p.expansion {
                    Expansion::None => vec![t],
                    Expansion::Noun => {
                        let mut v = vec![t.clone()];
                        v.extend(noun_plurals(&t));
                        v
                    }
                    Expansion::Verb => verb_forms(&t),
                }
            })
            .collect();
        // Combinations of parts, joined by a space (separate tokens) or a hyphen.
        let mut combos: Vec<Vec<String>> = vec![Vec::new()];
        for (i, alts) in part_alts.iter().enumerate() {
            let mut next = Vec::new();
            for c in &combos {
                for a in alts {
                    if i == 0 {
                        next.push(vec![a.clone()]);
                    } else {
                        let mut spaced = c.clone();
                        spaced.push(a.clone());
                        next.push(spaced);
                        let mut hyph = c.clone();
                        if let Some(last) = hyph.last_mut() {
                            *last = format!("{last}-{a}");
                        }
                        next.push(hyph);
                    }
                }
            }
            combos = next;
        }
        let mut next = Vec::new();
        for v in &variants {
            for c in &combos {
                let mut n = v.clone();
                n.extend(c.iter().cloned());
                next.push(n);
            }
        }
        next.truncate(64);
        variants = next;
    }
    // Hyphenated combinations also match as separate tokens around a `-`.
    let mut out = Vec::new();
    for v in variants {
        out.extend(phrase_variants(&v));
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::petrarch::{read, Kind};

    fn entries(kind: Kind, text: &str) -> Entries {
        let mut e = Entries::default();
        let mut p = Vec::new();
        read(kind, "t.txt", text, &mut e, &mut p);
        assert!(p.is_empty(), "{p:?}");
        e
    }

    #[test]
    fn actors_longest_leftmost_with_possessive_and_hyphens() {
        let e = entries(
            Kind::Actors,
            "RUSSIA_ [RUS]\nRUSSIAN_DEFENCE_MINISTRY [RUSMIL]\nAL-QAEDA [IMGALQ]\nVLADIMIR_PUTIN_ [RUSGOV]\n",
        );
        let m = Matchers::compile(&e);
        let toks = [
            "The", "Russian", "Defence", "Ministry", "and", "Vladimir", "Putin's", "Russia",
        ];
        let found = m.find_actors(&toks);
        let spans: Vec<(usize, usize, u32)> =
            found.iter().map(|f| (f.start, f.end, f.entry)).collect();
        assert_eq!(spans, vec![(1, 4, 1), (5, 7, 3), (7, 8, 0)]);
        for toks in [
            vec!["al-Qaeda"],
            vec!["al", "-", "Qaeda"],
            vec!["Al", "Qaeda"],
        ] {
            let f = m.find_actors(&toks);
            assert_eq!(f.len(), 1, "{toks:?}");
            assert_eq!(f[0].end, toks.len());
        }
        assert!(m.find_actors(&["Ministry"]).is_empty());
    }

    #[test]
    fn token_boundaries_hold_with_long_codes() {
        // Over 4096 distinct words, so that 1-, 2- and 3-byte token codes all occur.
        let mut text = String::new();
        for i in 0..5000 {
            text.push_str(&format!("W{i}_X{} [C{i}]\n", i % 70));
        }
        let e = entries(Kind::Actors, &text);
        let m = Matchers::compile(&e);
        let toks = ["zz", "W4999", "X29", "W12", "X12", "X12", "W4999"];
        let spans: Vec<(usize, usize, u32)> = m
            .find_actors(&toks)
            .iter()
            .map(|f| (f.start, f.end, f.entry))
            .collect();
        assert_eq!(spans, vec![(1, 3, 4999), (3, 5, 12)]);
        // A phrase never matches inside a longer token code.
        assert!(m.find_actors(&["W4999", "X3"]).is_empty());
    }

    #[test]
    fn discards_in_text_follow_the_petrarch_rule() {
        let e = entries(Kind::Discards, "BASEBALL\n+WORLD CUP_\nAGO\n");
        let m = Matchers::compile(&e);
        let hits =
            |t: &str| -> Vec<u32> { m.find_discards_in_text(t).iter().map(|h| h.entry).collect() };
        assert_eq!(hits("The Baseballs were sold."), vec![0]);
        assert_eq!(hits("the world cup."), vec![1]);
        assert!(
            hits("the World Cups").is_empty(),
            "closed phrase needs a word end"
        );
        assert!(hits("a sago palm").is_empty(), "must start at a word start");
        assert_eq!(hits("years ago"), vec![2]);
        let h = m.find_discards_in_text("x WORLD CUP");
        assert_eq!((h[0].start, h[0].end), (2, 11));
    }

    /// The actor matcher (parts, token-start search) finds exactly the leftmost-longest
    /// non-overlapping matches, computed here by brute force over all the phrases: on phrases
    /// over a small vocabulary (so that they overlap, nest and share prefixes across parts)
    /// and pseudo-random sentences.
    #[test]
    fn actor_matcher_finds_the_leftmost_longest_matches() {
        let words = ["al", "bo", "cy", "di", "ed", "fa", "go", "hu"];
        let mut seed = 7u64;
        let mut next = move |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut text = String::new();
        let mut phrases: Vec<(Vec<&str>, u32)> = Vec::new();
        for i in 0..600 {
            let len = 1 + next(4);
            let name: Vec<&str> = (0..len).map(|_| words[next(words.len())]).collect();
            text.push_str(&format!("{} [C{i}]\n", name.join("_")));
            phrases.push((name, i));
        }
        let e = entries(Kind::Actors, &text);
        let m = Matchers::compile(&e).actors;
        assert_eq!(m.parts.len(), ACTOR_PARTS);
        let mut matched = 0;
        for _ in 0..300 {
            let sentence: Vec<String> = (0..1 + next(30))
                .map(|_| words[next(words.len())].to_string())
                .collect();
            // Brute force: at each token the longest phrase there (the last actor read wins;
            // all actors with it are candidates), then on after it.
            let mut expected = Vec::new();
            let mut i = 0;
            while i < sentence.len() {
                let here: Vec<&(Vec<&str>, u32)> = phrases
                    .iter()
                    .filter(|(p, _)| sentence[i..].starts_with_words(p))
                    .collect();
                let Some(len) = here.iter().map(|(p, _)| p.len()).max() else {
                    i += 1;
                    continue;
                };
                let ids: Vec<u32> = here
                    .iter()
                    .filter(|(p, _)| p.len() == len)
                    .map(|(_, id)| *id)
                    .collect();
                expected.push((i, i + len, *ids.last().unwrap_or(&0), ids));
                i += len;
            }
            let got: Vec<(usize, usize, u32, Vec<u32>)> = m
                .find(&sentence)
                .iter()
                .map(|x| (x.start, x.end, x.entry, m.candidates(x).to_vec()))
                .collect();
            matched += got.len();
            assert_eq!(got, expected, "{sentence:?}");
        }
        assert!(
            matched > 1000,
            "only {matched} matches: the test phrases do not exercise much"
        );
    }

    trait StartsWithWords {
        fn starts_with_words(&self, p: &[&str]) -> bool;
    }

    impl StartsWithWords for [String] {
        fn starts_with_words(&self, p: &[&str]) -> bool {
            self.len() >= p.len() && self.iter().zip(p).all(|(a, b)| a == b)
        }
    }

    #[test]
    fn later_entries_override_and_candidates_keep_all() {
        let e = entries(
            Kind::Actors,
            "GEORGE_ROBERTSON_ [GBRGOV]\nGEORGE_ROBERTSON_ [IGOWSTNAT]\n",
        );
        let m = Matchers::compile(&e);
        let f = m.find_actors(&["George", "Robertson"]);
        assert_eq!(f[0].entry, 1);
        assert_eq!(m.actors.candidates(&f[0]), &[0, 1]);
    }

    #[test]
    fn agents_plurals() {
        let e = entries(
            Kind::Agents,
            "FOREIGN_MINISTER [~GOVFRM]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\nPOLICE {} [~COP]\nPARTY [~PTY]\n",
        );
        let m = Matchers::compile(&e);
        assert_eq!(m.find_agents(&["foreign", "ministers"])[0].entry, 0);
        assert_eq!(m.find_agents(&["attorneys", "general"])[0].entry, 1);
        assert!(m.find_agents(&["attorney", "generals"]).is_empty());
        assert!(m.find_agents(&["polices"]).is_empty());
        assert_eq!(m.find_agents(&["parties"])[0].entry, 3);
    }

    #[test]
    fn verb_forms_regular_irregular_multiword() {
        let e = entries(
            Kind::Verbs,
            "--- ACCUSE [112] ---\nACCUSE\nSPEED {SPEEDING SPEEDS SPED }\n+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF}\nWIRE_+TAP\n",
        );
        let m = Matchers::compile(&e);
        assert_eq!(m.verbs.lookup("accused").len(), 1);
        assert_eq!(m.verbs.lookup("Sped")[0].verb, 1);
        assert!(m.verbs.lookup("speeded").is_empty());
        let f = m.find_verbs(&["police", "cordoned", "off", "the", "area"]);
        assert_eq!((f[0].start, f[0].end, f[0].head, f[0].verb), (1, 3, 1, 2));
        let f = m.find_verbs(&["they", "wire", "tapped"]);
        assert!(f.is_empty(), "no regular doubling: {f:?}");
        let f = m.find_verbs(&["they", "wire", "taps"]);
        assert_eq!((f[0].start, f[0].head), (1, 2));
    }

    #[test]
    fn issues_expansions() {
        let e = entries(
            Kind::Issues,
            "pre+n:school [ECE]\nethnic v:purge [ATR]\nal+zarqawi network [T]\n",
        );
        let m = Matchers::compile(&e);
        assert_eq!(m.find_issues(&["pre-schools"])[0].entry, 0);
        assert_eq!(m.find_issues(&["pre", "school"])[0].entry, 0);
        assert_eq!(m.find_issues(&["ethnic", "purged"])[0].entry, 1);
        assert_eq!(m.find_issues(&["al-Zarqawi", "network"])[0].entry, 2);
        assert!(m.find_issues(&["ethnic", "purge", "x"]).len() == 1);
    }
}
