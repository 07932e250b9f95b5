//! The analyzer: tagging, then groups, clauses and roles (see `structure`).

use std::borrow::Cow;
use std::sync::OnceLock;

use dyad_doc::{Document, TokenKind};

use crate::lexicon::FastSet;
use crate::structure;
use crate::tagger::{Cand, Tok};
use crate::{Lexicon, SentenceSyntax, SyntaxError, Tag, TokenSyntax};

/// Word classes from `closed-class.txt` that the structure rules consult.
#[derive(Debug, Default)]
pub(crate) struct Classes {
    pub subordinators: FastSet<Box<str>>,
    pub complementizers: FastSet<Box<str>>,
    pub relative: FastSet<Box<str>>,
    pub reporting: FastSet<Box<str>>,
    pub agent_preps: FastSet<Box<str>>,
    pub object_control: FastSet<Box<str>>,
    pub singular_pronouns: FastSet<Box<str>>,
    pub future_modals: FastSet<Box<str>>,
    pub noun_preps: FastSet<Box<str>>,
    /// Multi-word prepositions, each as its words.
    pub multi_preps: Vec<Vec<Box<str>>>,
}

impl Classes {
    fn from_lexicon(lex: &Lexicon) -> Classes {
        let set = |name: &str| -> FastSet<Box<str>> { lex.list(name).iter().cloned().collect() };
        Classes {
            subordinators: set("subordinators"),
            complementizers: set("complementizers"),
            relative: set("relative-pronouns"),
            reporting: set("reporting-verbs"),
            agent_preps: set("agent-prepositions"),
            object_control: set("object-control-verbs"),
            singular_pronouns: set("singular-pronouns"),
            future_modals: set("future-modals"),
            noun_preps: set("noun-prepositions"),
            multi_preps: lex
                .list("multiword-prepositions")
                .iter()
                .map(|p| p.split_whitespace().map(Box::from).collect::<Vec<_>>())
                .filter(|p: &Vec<Box<str>>| p.len() > 1)
                .collect(),
        }
    }
}

/// The syntax analyzer. Holds the lexicon; immutable, `Send + Sync`, cheap to share across
/// threads by reference.
#[derive(Debug)]
pub struct Analyzer {
    lex: Lexicon,
    pub(crate) classes: Classes,
}

static SHIPPED: OnceLock<Analyzer> = OnceLock::new();

/// Coarse context of the tags chosen so far, for the contextual scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Aux {
    None,
    Be,
    Have,
    Do,
    Modal,
    To,
}

impl Analyzer {
    /// The analyzer with the shipped lexicon, loaded once per process on first use.
    ///
    /// The shipped files are tested; should they ever fail to load, this falls back to an
    /// empty lexicon (unknown-word rules only) rather than panicking.
    pub fn shipped() -> &'static Analyzer {
        SHIPPED.get_or_init(|| Analyzer::new(Lexicon::shipped().unwrap_or_default()))
    }

    /// An analyzer over a given lexicon (e.g. loaded with [`Lexicon::from_files`]).
    pub fn new(lex: Lexicon) -> Analyzer {
        let classes = Classes::from_lexicon(&lex);
        Analyzer { lex, classes }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Reads the tokens of a sentence for the tagger.
    pub(crate) fn toks<'d>(&self, doc: &'d Document, sentence: usize) -> Vec<Tok<'d>> {
        let Some(s) = doc.sentences.get(sentence) else {
            return Vec::new();
        };
        let Some(tokens) = doc.tokens.get(s.tokens.range()) else {
            return Vec::new();
        };
        let mut out: Vec<Tok<'d>> = Vec::with_capacity(tokens.len());
        for t in tokens {
            let text = doc.text.get(t.span.range()).unwrap_or("");
            // Normalise typographic apostrophes so "n’t" and "’s" read as "n't" and "'s".
            // Most tokens are lower-case ASCII already: borrow them.
            let lower: Cow<'d, str> = if text.bytes().all(|b| !b.is_ascii_uppercase() && b < 128) {
                Cow::Borrowed(text)
            } else {
                let l = text.to_lowercase();
                if l.contains('’') {
                    Cow::Owned(l.replace('’', "'"))
                } else {
                    Cow::Owned(l)
                }
            };
            let initial = match out.last() {
                None => true,
                Some(p) => {
                    matches!(p.kind, TokenKind::OpenQuote | TokenKind::Quote)
                        || matches!(p.text, "(" | "[" | ":" | "--" | "—" | "-")
                }
            };
            let kind = if t.kind == TokenKind::Word && text.starts_with(['\'', '’']) {
                // Clitics are words for the tagger.
                TokenKind::Word
            } else {
                t.kind
            };
            out.push(Tok {
                text,
                lower,
                kind,
                cap: text.chars().next().is_some_and(char::is_uppercase),
                initial,
            });
        }
        out
    }

    /// Analyzes sentence `sentence` of `doc`. An out-of-range index gives an empty result.
    pub fn analyze(&self, doc: &Document, sentence: usize) -> SentenceSyntax {
        let mut out = SentenceSyntax {
            sentence: sentence as u32,
            first_token: doc
                .sentences
                .get(sentence)
                .map(|s| s.tokens.start)
                .unwrap_or(0),
            ..Default::default()
        };
        let toks = self.toks(doc, sentence);
        if toks.is_empty() {
            return out;
        }
        let chosen = self.tag(&toks);
        out.tokens.reserve(toks.len());
        out.lemmas.reserve(doc.sentences[sentence].span.len());
        for (tok, c) in toks.iter().zip(&chosen) {
            let lemma = lemma_for(tok, c);
            let range = out.push_lemma(lemma);
            out.tokens.push(TokenSyntax {
                tag: c.tag,
                lemma: range,
            });
        }
        let lower: Vec<&str> = toks.iter().map(|t| &*t.lower).collect();
        structure::build(&mut out, &lower, &self.classes);
        out
    }

    /// Tags the tokens: the chosen candidate per token.
    pub(crate) fn tag<'l>(&'l self, toks: &[Tok<'_>]) -> Vec<Cand<'l>> {
        let mut cands: Vec<Cand<'l>> = Vec::with_capacity(toks.len() * 2);
        let mut starts: Vec<u32> = Vec::with_capacity(toks.len() + 1);
        // Candidates are gathered per token in a reused scratch vector (they are merged by
        // tag, which must not reach across tokens), then appended.
        let mut scratch: Vec<Cand<'l>> = Vec::with_capacity(8);
        for t in toks {
            starts.push(cands.len() as u32);
            scratch.clear();
            self.lex.candidates(t, &mut scratch);
            cands.extend_from_slice(&scratch);
        }
        starts.push(cands.len() as u32);
        // Right-to-left: is a verb that cannot be a noun coming before the next clause
        // boundary? Then a noun/verb-ambiguous word here is more likely the noun ("peace talks
        // with NATO collapsed"). Bounded window, so linear.
        let n = toks.len();
        let mut verb_ahead = vec![false; n];
        // One set look-up per token, reused by the context rules.
        let compl: Vec<bool> = toks
            .iter()
            .map(|t| t.kind == TokenKind::Word && self.classes.complementizers.contains(&*t.lower))
            .collect();
        let mut dist_to_verb = usize::MAX;
        for i in (0..n).rev() {
            verb_ahead[i] = dist_to_verb <= 6;
            let c = &cands[starts[i] as usize..starts[i + 1] as usize];
            let boundary = c.iter().any(|c| {
                matches!(
                    c.tag,
                    Tag::Comma | Tag::Period | Tag::Colon | Tag::CC | Tag::WDT | Tag::WP
                )
            }) || compl[i];
            let verb_only = !c.iter().any(|c| c.tag.is_noun())
                && c.iter()
                    .any(|c| matches!(c.tag, Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD));
            dist_to_verb = if boundary {
                usize::MAX
            } else if verb_only {
                0
            } else {
                dist_to_verb.saturating_add(1)
            };
        }
        let mut chosen: Vec<Cand<'l>> = Vec::with_capacity(toks.len());
        for i in 0..toks.len() {
            let mine = &cands[starts[i] as usize..starts[i + 1] as usize];
            let next = if i + 1 < toks.len() {
                &cands[starts[i + 1] as usize..starts[i + 2] as usize]
            } else {
                &[][..]
            };
            let next_word = toks.get(i + 1).map(|t| &*t.lower).unwrap_or("");
            let mut ctx = Context::new(
                &chosen,
                toks,
                i,
                next,
                next_word,
                &self.classes.singular_pronouns,
            );
            ctx.next_complementizer = compl.get(i + 1).copied().unwrap_or(false);
            ctx.this_complementizer = compl[i];
            ctx.verb_ahead = verb_ahead[i] && mine.iter().any(|c| c.tag.is_noun());
            if i + 2 < n {
                ctx.next2 = &cands[starts[i + 2] as usize..starts[i + 3] as usize];
            }
            let best = mine
                .iter()
                .map(|c| (c, c.score + ctx.bonus(c.tag, &toks[i])))
                .fold(None::<(&Cand<'l>, f32)>, |acc, (c, s)| match acc {
                    Some((_, bs)) if bs >= s => acc,
                    _ => Some((c, s)),
                });
            chosen.push(match best {
                Some((c, _)) => *c,
                None => Cand {
                    tag: Tag::NN,
                    score: 0.0,
                    lemma: None,
                },
            });
        }
        chosen
    }

    /// Maps a supplied Penn Treebank parse of sentence `sentence` into a [`SentenceSyntax`]
    /// (see [`SentenceSyntax::from_ptb`]).
    pub fn analyze_ptb(
        &self,
        doc: &Document,
        sentence: usize,
        parse: &str,
    ) -> Result<SentenceSyntax, SyntaxError> {
        crate::ptb::analyze_ptb(self, doc, sentence, parse)
    }
}

/// The lemma of a token under its chosen candidate.
pub(crate) fn lemma_for<'a>(tok: &'a Tok<'_>, c: &Cand<'a>) -> &'a str {
    match (c.tag, c.lemma) {
        // A possessive clitic is not "be".
        (Tag::POS, _) => &tok.lower,
        (_, Some(l)) => l,
        (t, None) if t.is_proper() => tok.text,
        _ => &tok.lower,
    }
}

/// The left context (decided tags) and right context (candidates) of one token.
struct Context<'c> {
    /// The previous tag, skipping adverbs and negation.
    prev: Option<Tag>,
    /// The token right before (adverbs included).
    prev_raw: Option<Tag>,
    prev_word: &'c str,
    aux: Aux,
    next: &'c [Cand<'c>],
    next_word: &'c str,
    /// Third-person singular subject pronouns (agreement with VBZ).
    singular: &'c FastSet<Box<str>>,
    /// The next token starts with a capital.
    next_cap: bool,
    /// The next word is a complementiser ("that", "whether").
    next_complementizer: bool,
    /// This token can be a noun, and an unambiguous verb follows before a clause boundary.
    verb_ahead: bool,
    /// This word is a complementiser.
    this_complementizer: bool,
    /// The next token's likeliest tag by prior.
    next_top: Option<Tag>,
    /// The candidates of the token after next.
    next2: &'c [Cand<'c>],
}

fn is_subjectish(t: Tag) -> bool {
    matches!(
        t,
        Tag::NN | Tag::NNS | Tag::NNP | Tag::NNPS | Tag::PRP | Tag::WDT | Tag::WP | Tag::EX
    )
}

fn is_determinerish(t: Tag) -> bool {
    matches!(t, Tag::DT | Tag::PDT | Tag::PRPS | Tag::WPS | Tag::POS)
}

impl<'c> Context<'c> {
    fn new(
        chosen: &[Cand<'_>],
        toks: &'c [Tok<'_>],
        i: usize,
        next: &'c [Cand<'c>],
        next_word: &'c str,
        singular: &'c FastSet<Box<str>>,
    ) -> Context<'c> {
        let mut j = i;
        let mut prev = None;
        let mut prev_word = "";
        while j > 0 {
            j -= 1;
            let t = chosen[j].tag;
            if t.is_adverb() {
                continue;
            }
            prev = Some(t);
            prev_word = &*toks[j].lower;
            break;
        }
        let lemma = if prev.is_some() {
            chosen[j].lemma.unwrap_or(prev_word)
        } else {
            ""
        };
        let aux = match prev {
            Some(Tag::MD) => Aux::Modal,
            Some(Tag::TO) => Aux::To,
            Some(t) if t.is_verb() => match lemma {
                "be" | "get" => Aux::Be,
                "have" if t != Tag::VB || i > 0 => Aux::Have,
                "do" => Aux::Do,
                _ => Aux::None,
            },
            _ => Aux::None,
        };
        Context {
            prev,
            prev_raw: i.checked_sub(1).map(|k| chosen[k].tag),
            prev_word,
            aux,
            next,
            next_word,
            singular,
            next_cap: toks.get(i + 1).is_some_and(|t| t.cap),
            next_complementizer: false,
            verb_ahead: false,
            this_complementizer: false,
            next_top: next
                .iter()
                .fold(None::<&Cand<'_>>, |a, c| match a {
                    Some(b) if b.score >= c.score => a,
                    _ => Some(c),
                })
                .map(|c| c.tag),
            next2: &[],
        }
    }

    fn next_can(&self, f: impl Fn(Tag) -> bool) -> bool {
        self.next.iter().any(|c| f(c.tag))
    }

    /// The next token's likeliest tag by prior (computed once per token).
    fn next_best(&self) -> Option<Tag> {
        self.next_top
    }

    /// Contextual score of tag `t` for the current token: grammar of English, not words.
    fn bonus(&self, t: Tag, tok: &Tok<'_>) -> f32 {
        let p = self.prev;
        let aux = self.aux;
        let det = p.is_some_and(is_determinerish);
        let adj = p.is_some_and(|p| p.is_adjective());
        let subj = p.is_some_and(is_subjectish);
        let prep = p == Some(Tag::IN);
        let verb_before = p.is_some_and(|p| p.is_verb()) && aux == Aux::None;
        let next_nounish =
            self.next_can(|t| t.is_noun() || t.is_adjective() || t == Tag::CD || t == Tag::VBG);
        let next_is_by = self.next_word == "by";
        match t {
            Tag::VB => match aux {
                Aux::Modal | Aux::To | Aux::Do => 4.0,
                Aux::Be | Aux::Have => -4.0,
                Aux::None if p.is_none() || matches!(p, Some(Tag::LQuote | Tag::Colon)) => 0.0,
                Aux::None if det || adj || prep || p == Some(Tag::POS) => -4.0,
                Aux::None if subj => -2.0,
                // "help build", "let them go": a bare verb after a verb.
                Aux::None if verb_before => -0.5,
                Aux::None => -1.5,
            },
            Tag::VBP | Tag::VBZ | Tag::VBD => {
                let base = match aux {
                    Aux::Modal | Aux::To | Aux::Do | Aux::Have | Aux::Be => -4.0,
                    Aux::None if det || adj || p == Some(Tag::TO) => -4.0,
                    Aux::None if prep => -2.5,
                    Aux::None if subj => 1.5,
                    Aux::None if verb_before => -2.0,
                    Aux::None if p.is_none() => -1.0,
                    Aux::None => -0.5,
                };
                let agree = match (t, p) {
                    (Tag::VBZ, Some(Tag::NNS | Tag::NNPS)) => -1.0,
                    (Tag::VBP, Some(Tag::NN | Tag::NNP)) => -1.0,
                    (Tag::VBP, Some(Tag::PRP)) if self.singular.contains(self.prev_word) => -2.0,
                    (Tag::VBZ, Some(Tag::PRP)) if !self.singular.contains(self.prev_word) => -2.0,
                    _ => 0.0,
                };
                let by = if t == Tag::VBD && next_is_by {
                    -1.0
                } else {
                    0.0
                };
                // Two finite verbs in a row are rare: "peace talks began" has a noun first.
                let next_t = self.next_best();
                let verb_follows = if next_t.is_some_and(|n| n.is_finite()) {
                    -1.5
                } else {
                    0.0
                };
                // A present-tense verb right after a noun and before a preposition or the end
                // of a phrase is more often the head of a compound ("a state visit to").
                let phrase_end = if t != Tag::VBD
                    && p.is_some_and(|p| p.is_noun())
                    && !self.next_complementizer
                    && next_t.is_some_and(|n| {
                        matches!(n, Tag::IN | Tag::Comma | Tag::Period | Tag::CC | Tag::Colon)
                    }) {
                    -1.0
                } else {
                    0.0
                };
                let later_verb = if self.verb_ahead { -1.5 } else { 0.0 };
                base + agree + by + verb_follows + phrase_end + later_verb
            }
            Tag::VBN => {
                let base = match aux {
                    Aux::Have => 4.0,
                    Aux::Be => 3.0,
                    Aux::Modal | Aux::To | Aux::Do => -4.0,
                    Aux::None if p.is_none() || p == Some(Tag::Comma) => 0.5,
                    Aux::None if det || adj => -0.5,
                    Aux::None if prep => -1.0,
                    Aux::None if subj => -0.3,
                    Aux::None => -0.5,
                };
                base + if next_is_by { 1.5 } else { 0.0 }
            }
            Tag::VBG => match aux {
                Aux::Be => 3.0,
                Aux::Modal | Aux::To | Aux::Do => -4.0,
                _ if prep => 1.0,
                _ if det || adj => -1.0,
                _ => 0.0,
            },
            Tag::NN | Tag::NNS | Tag::NNP | Tag::NNPS => {
                let mut b = match aux {
                    Aux::Modal | Aux::Do => -3.0,
                    _ => 0.0,
                };
                if det || adj || p == Some(Tag::CD) {
                    b += 1.0;
                }
                if p == Some(Tag::PRP) {
                    b -= 2.0;
                }
                if verb_before || prep {
                    b += 0.5;
                }
                if self.next_best().is_some_and(|n| n.is_finite()) {
                    b += 0.5;
                }
                // A noun right before a determiner is rare (apart from ditransitives).
                if self.next_best().is_some_and(is_determinerish) && !t.is_proper() {
                    b -= 0.5;
                }
                b
            }
            Tag::JJ | Tag::JJR | Tag::JJS => {
                let mut b = 0.0;
                if aux == Aux::Be || det {
                    b += 0.5;
                }
                if self.next_can(|t| t.is_noun()) {
                    b += 0.7;
                }
                if self
                    .next_best()
                    .is_some_and(|t| t.is_noun() && !t.is_proper())
                {
                    b += 1.0;
                }
                // "Hungarian and Romanian officials": adjectives coordinated before a noun.
                if self.next.iter().any(|c| c.tag == Tag::CC)
                    && self.next2.iter().any(|c| c.tag.is_adjective())
                {
                    b += 1.5;
                }
                // Capitalised words in a run of capitals are part of a name ("United
                // Nations", "Prime Minister", "South Africa").
                if tok.cap && !tok.initial && self.next_cap {
                    b -= 1.5;
                }
                b
            }
            // An adverb before an adjective or adverb: "most important", "very soon".
            Tag::RB | Tag::RBR | Tag::RBS
                if self
                    .next_best()
                    .is_some_and(|n| n.is_adjective() || n.is_adverb()) =>
            {
                1.0
            }
            Tag::RP => {
                let direct = self.prev_raw.is_some_and(|p| p.is_verb());
                let after_pronoun_object = self.prev_raw == Some(Tag::PRP) && verb_before;
                if direct || after_pronoun_object {
                    0.8
                } else {
                    -3.0
                }
            }
            Tag::WDT => {
                let after_noun = p.is_some_and(|p| p.is_noun()) || p == Some(Tag::Comma);
                if after_noun && self.next_can(|t| t.is_verb() || t == Tag::MD) {
                    2.5
                } else {
                    -1.0
                }
            }
            // The complementiser that is also a determiner ("that").
            Tag::DT if self.this_complementizer => {
                if next_nounish && !p.is_some_and(|p| p.is_noun()) && !self.next_can(is_subjectish)
                {
                    1.5
                } else if next_nounish && self.next_best().is_some_and(|t| t.is_noun()) {
                    0.5
                } else {
                    -1.0
                }
            }
            Tag::PRPS => {
                if next_nounish {
                    1.5
                } else {
                    -1.0
                }
            }
            Tag::POS => {
                if p.is_some_and(|p| p.is_noun()) {
                    1.0
                } else {
                    -1.0
                }
            }
            Tag::EX => {
                // "there is", "there have been", "there will be": existential before an
                // auxiliary or modal.
                if self.next.iter().any(|c| {
                    c.tag == Tag::MD || (c.tag.is_verb() && matches!(c.lemma, Some("be" | "have")))
                }) {
                    2.0
                } else {
                    -1.0
                }
            }
            _ => 0.0,
        }
    }
}
