//! The syntax of one sentence: tags, lemmas, groups, clauses and roles.
//!
//! **Indices.** Unless a field says otherwise, a *token index* is relative to the sentence:
//! token `i` of a [`SentenceSyntax`] is `doc.sentence_tokens(sentence)[i]`, i.e. document token
//! `first_token + i`. Token ranges are [`IndexRange`]s of such indices (half-open). Group
//! references are indices into the sentence's `noun_groups`, `verb_groups`, `prep_groups`
//! and `clauses` vectors.

use dyad_doc::{Document, IndexRange, Span};

use crate::Tag;

/// Per-token analysis: the Penn tag and the lemma (stored in the sentence's lemma buffer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenSyntax {
    /// The part-of-speech tag chosen in context.
    pub tag: Tag,
    /// Byte range of the lemma in [`SentenceSyntax`]'s lemma buffer; read it with
    /// [`SentenceSyntax::lemma`].
    pub(crate) lemma: (u32, u32),
}

/// Where a sentence's syntax came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SyntaxSource {
    /// dyad's parser-free analysis.
    #[default]
    Heuristic,
    /// Read from a supplied Penn Treebank parse ([`SentenceSyntax::from_ptb`]).
    Parse,
}

/// What a noun group is headed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NounGroupKind {
    /// A common-noun group ("the Russian foreign minister", "talks").
    Common,
    /// A run of proper names, possibly with a determiner ("the European Union", "Vladimir Putin").
    Proper,
    /// A personal, demonstrative or indefinite pronoun ("he", "they", "this").
    Pronoun,
    /// A group headed by a number or quantity ("three", "1,300").
    Number,
    /// Two or more coordinated groups or coordinated modifiers; see [`NounGroup::coordination`].
    Compound,
}

/// How a compound noun group is coordinated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Coordination {
    /// Coordinated whole groups: indices into `noun_groups` of the members, in text order
    /// ("Russia and the EU" → [Russia, the EU]).
    Groups(Vec<u32>),
    /// Coordinated pre-modifiers that share one head ("Hungarian and Romanian officials"):
    /// the token range of each modifier (here "Hungarian", "Romanian"); the head and the
    /// rest of the group are shared. Read each member as modifier + head.
    Modifiers(Vec<IndexRange>),
}

/// A noun group: a determiner/possessive/adjective/noun run with its head, a proper-name
/// run, a pronoun, or a coordination of such groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NounGroup {
    /// The tokens of the group itself (for a compound of groups: from the first member's
    /// start to the last member's end, conjunctions included).
    pub tokens: IndexRange,
    /// The head token (for a compound of groups: the head of the first member).
    pub head: u32,
    pub kind: NounGroupKind,
    /// For [`NounGroupKind::Compound`]: the members.
    pub coordination: Option<Coordination>,
    /// For a simple group that is a member of a compound group: that compound's index.
    /// Roles always point at the outermost group.
    pub part_of: Option<u32>,
    /// The group in apposition to this one ("Sergei Markov, *the director of …*,"): its index.
    pub apposition: Option<u32>,
    /// For an appositive group: the index of the group it renames.
    pub appositive_of: Option<u32>,
    /// The group plus its post-modifiers: prepositional groups attached to it (recursively)
    /// and its apposition. "the director of the Institute for Political Studies".
    pub extent: IndexRange,
    /// The clause the group is in.
    pub clause: u32,
}

/// Tense of a finite verb group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Present,
    Past,
    /// `will`/`shall` + base form, or `is going to` + base form.
    Future,
    /// Other modals (`may`, `could`, `would`, `should`, `must`, …): see [`VerbGroup::modal`].
    Modal,
    /// Not finite: infinitive, gerund or participle on its own.
    None,
}

/// Form of a verb group's first verb (what governs how it links to the clause).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerbForm {
    /// A finite verb group with its own subject (or a shared one through coordination).
    Finite,
    /// `to` + base form ("to help").
    Infinitive,
    /// A bare base form not preceded by `to` (after `let`, `help`, `make`, imperatives).
    Bare,
    /// A gerund or present participle heading the group ("*condemning* the attack").
    Gerund,
    /// A past participle without an auxiliary ("the soldiers *killed* in the attack").
    Participle,
}

/// Voice of a verb group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Voice {
    Active,
    /// A form of `be`/`get` + past participle ("was attacked", "were being held"), or a bare
    /// past participle modifying a noun ("the soldiers killed …").
    Passive,
}

/// How a verb group's subject was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubjectSource {
    /// The noun group to the left of the verb group in its clause (PETRARCH's rule), skipping
    /// appositions, relative clauses and parentheticals.
    Direct,
    /// Shared with a coordinated verb group ("Russia agreed … and *backed* …").
    Coordination,
    /// Inherited from the governing verb of an infinitive/gerund complement ("Russia intends
    /// to *help*"): the controller's subject (or its object after `ask`/`urge`-type verbs
    /// when they have one; see [`VerbGroup::complement_of`]).
    Control,
    /// A relative clause's subject: the noun group the relative pronoun attaches to.
    Relative,
    /// A participle modifying a noun ("troops *deployed* …"): that noun group.
    Modified,
    /// Taken from a supplied parse tree.
    Parse,
}

/// A verb group: auxiliaries, modals, negation, adverbs inside, the main verb and its
/// particle, with its roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbGroup {
    /// The tokens from the first auxiliary (or `to`) to the main verb (or its particle when
    /// adjacent), adverbs and negation inside included.
    pub tokens: IndexRange,
    /// The main (lexical) verb; its lemma is the key for verb dictionaries.
    pub head: u32,
    /// Auxiliary tokens (forms of be/have/do, `to` of an infinitive) before the head.
    pub auxiliaries: Vec<u32>,
    /// The modal token ("will", "could", …), if any.
    pub modal: Option<u32>,
    /// The negation token ("not", "n't", "never"), if any.
    pub negation: Option<u32>,
    pub tense: Tense,
    /// `have` + past participle.
    pub perfect: bool,
    /// `be` + present participle.
    pub progressive: bool,
    pub voice: Voice,
    pub form: VerbForm,
    /// A phrasal particle ("set *up*", "called *off*"), possibly after the object
    /// ("called the talks *off*").
    pub particle: Option<u32>,
    /// For an infinitival or gerund complement ("intend to *help*", "agreed to *hold*",
    /// "stopped *supplying*"): the governing verb group's index. The chain of such links is
    /// the verb chain the coder can combine.
    pub complement_of: Option<u32>,
    /// The inverse of `complement_of`: this group's complement verb group.
    pub complement: Option<u32>,
    /// For the second and later of coordinated verb groups ("agreed … and *backed*"): the
    /// first group's index; they share its subject.
    pub coordinated_with: Option<u32>,
    /// The grammatical subject (noun group index). In passive voice this is the *patient*;
    /// the doer is [`VerbGroup::agent`]. Use [`VerbGroup::logical_subject`] for the doer.
    pub subject: Option<u32>,
    /// How `subject` was found (meaningful when `subject` is `Some`).
    pub subject_source: SubjectSource,
    /// In passive voice, the agent from the `by`/`from` phrase ("was attacked *by rebels*").
    pub agent: Option<u32>,
    /// The direct object (noun group index) in active voice.
    pub object: Option<u32>,
    /// A second object of ditransitives ("gave *Russia* *assurances*"): the later group.
    pub second_object: Option<u32>,
    /// Prepositional groups attached to this verb (indices into `prep_groups`), in text order.
    /// The agent's `by` group is included.
    pub preps: Vec<u32>,
    /// The clause this verb group heads or belongs to.
    pub clause: u32,
}

impl VerbGroup {
    /// The doer: the passive agent when there is one, else (in active voice) the subject.
    pub fn logical_subject(&self) -> Option<u32> {
        match self.voice {
            Voice::Passive => self.agent,
            Voice::Active => self.subject,
        }
    }

    /// The one done to: in passive voice the grammatical subject, else the direct object.
    pub fn logical_object(&self) -> Option<u32> {
        match self.voice {
            Voice::Passive => self.subject,
            Voice::Active => self.object,
        }
    }
}

/// What a prepositional group attaches to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attachment {
    /// To a verb group (index).
    Verb(u32),
    /// To a noun group (index): "the director *of the Institute*".
    Noun(u32),
    /// Nothing found (fragments, headlines).
    None,
}

/// A prepositional group: a preposition and its noun group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrepGroup {
    /// The preposition's tokens (one token, or several for "according to", "because of",
    /// "in front of").
    pub prep: IndexRange,
    /// The lower-cased preposition, words joined by one space ("according to").
    pub word: String,
    /// The object noun group (its outermost group), if any.
    pub object: Option<u32>,
    /// The preposition through the object's last token.
    pub tokens: IndexRange,
    /// Best-guess attachment.
    pub attach: Attachment,
}

/// The kind of a clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClauseKind {
    /// The sentence's main clause (there may be several, coordinated or split by `;`).
    Main,
    /// An adverbial clause after a subordinator (after, before, because, if, when, while, …).
    Subordinate,
    /// A relative clause ("which/who/that" + verb): see [`Clause::antecedent`].
    Relative,
    /// The reported content of a reporting verb ("X said (that) *Y attacked Z*").
    Reported,
    /// Text between brackets or paired dashes.
    Parenthetical,
    /// Text inside quotation marks.
    Quote,
}

/// A clause: a span of the sentence with its kind, its marker and its verbs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub kind: ClauseKind,
    /// The clause's tokens (marker included; nested clauses lie inside).
    pub tokens: IndexRange,
    /// The enclosing clause, `None` for a top-level clause.
    pub parent: Option<u32>,
    /// The subordinator, relative pronoun or complementiser token ("because", "which",
    /// "that"), if any.
    pub marker: Option<u32>,
    /// The clause's verb groups (indices), in text order.
    pub verbs: Vec<u32>,
    /// For a relative clause: the noun group the relative pronoun refers to.
    pub antecedent: Option<u32>,
    /// For a reported clause: the reporting verb group ("said", "accused … of").
    pub reporting_verb: Option<u32>,
}

/// The syntax of one sentence. Built by [`crate::Analyzer::analyze`] or
/// [`SentenceSyntax::from_ptb`]; see the module docs for how indices work.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceSyntax {
    /// The sentence index in the document.
    pub sentence: u32,
    /// The document index of the sentence's first token.
    pub first_token: u32,
    pub source: SyntaxSource,
    /// One entry per token of the sentence.
    pub tokens: Vec<TokenSyntax>,
    /// Lemma storage (one allocation per sentence); read with [`SentenceSyntax::lemma`].
    pub(crate) lemmas: String,
    pub noun_groups: Vec<NounGroup>,
    pub verb_groups: Vec<VerbGroup>,
    pub prep_groups: Vec<PrepGroup>,
    pub clauses: Vec<Clause>,
}

impl SentenceSyntax {
    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True for a sentence without tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The tag of token `i` (sentence-relative), if in range.
    pub fn tag(&self, i: u32) -> Option<Tag> {
        self.tokens.get(i as usize).map(|t| t.tag)
    }

    /// The lemma of token `i`: lower-cased, and for verbs, nouns and adjectives their base
    /// form ("attacked" → "attack", "talks" → "talk", "went" → "go"); proper nouns keep their
    /// case. Empty when out of range.
    pub fn lemma(&self, i: u32) -> &str {
        self.tokens
            .get(i as usize)
            .and_then(|t| self.lemmas.get(t.lemma.0 as usize..t.lemma.1 as usize))
            .unwrap_or("")
    }

    /// The document token index of sentence token `i`.
    pub fn doc_token(&self, i: u32) -> u32 {
        self.first_token + i
    }

    /// The byte span in the document text covered by a sentence-relative token range
    /// (empty span at the sentence start for an empty or out-of-range range).
    pub fn span(&self, doc: &Document, range: IndexRange) -> Span {
        let lo = (self.first_token + range.start) as usize;
        let hi = (self.first_token + range.end) as usize;
        if range.is_empty() || hi > doc.tokens.len() || lo >= hi {
            let at = doc
                .sentences
                .get(self.sentence as usize)
                .map(|s| s.span.start)
                .unwrap_or(0);
            return Span { start: at, end: at };
        }
        doc.tokens[lo].span.cover(doc.tokens[hi - 1].span)
    }

    /// The text of a sentence-relative token range.
    pub fn text<'d>(&self, doc: &'d Document, range: IndexRange) -> &'d str {
        let span = self.span(doc, range);
        doc.text.get(span.range()).unwrap_or("")
    }

    /// The outermost noun group containing group `g` (following `part_of`).
    pub fn outermost(&self, mut g: u32) -> u32 {
        // Bounded walk: compounds nest at most a few levels; the bound guards bad data.
        for _ in 0..8 {
            match self.noun_groups.get(g as usize).and_then(|n| n.part_of) {
                Some(p) => g = p,
                None => break,
            }
        }
        g
    }

    /// The noun group (innermost simple group) whose tokens contain token `i`, if any.
    pub fn noun_group_at(&self, i: u32) -> Option<u32> {
        self.noun_groups
            .iter()
            .position(|n| {
                n.kind != NounGroupKind::Compound && n.tokens.range().contains(&(i as usize))
            })
            .map(|p| p as u32)
    }

    /// The verb group whose head is token `i`, or whose tokens contain it.
    pub fn verb_group_at(&self, i: u32) -> Option<u32> {
        self.verb_groups
            .iter()
            .position(|v| v.head == i)
            .or_else(|| {
                self.verb_groups
                    .iter()
                    .position(|v| v.tokens.range().contains(&(i as usize)))
            })
            .map(|p| p as u32)
    }

    /// The chain of verb groups from `v` down through infinitival/gerund complements
    /// ("agreed to hold" → [agreed, hold]); bounded by the number of verb groups.
    pub fn verb_chain(&self, v: u32) -> Vec<u32> {
        let mut chain = vec![v];
        let mut cur = v;
        while let Some(next) = self
            .verb_groups
            .get(cur as usize)
            .and_then(|g| g.complement)
        {
            if chain.len() > self.verb_groups.len() || chain.contains(&next) {
                break;
            }
            chain.push(next);
            cur = next;
        }
        chain
    }

    /// Pushes a lemma into the buffer and returns its range (crate-internal builder).
    pub(crate) fn push_lemma(&mut self, lemma: &str) -> (u32, u32) {
        let start = self.lemmas.len() as u32;
        self.lemmas.push_str(lemma);
        (start, self.lemmas.len() as u32)
    }
}
