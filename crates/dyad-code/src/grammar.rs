//! Closed-class English words, read from `dictionaries/code-grammar.txt`.
//!
//! The coder reads sentences without a parser; these word classes are what lets it group the
//! remaining words into noun phrases and verb groups. The list is data, not code: the shipped
//! file is embedded, and a replacement can be loaded with [`Grammar::parse`].

use dyad_doc::words::FastMap as HashMap;

/// The shipped grammar word list.
pub const SHIPPED: &str = include_str!("../../../dictionaries/code-grammar.txt");

/// A word class (bit flags: a word may be in several).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u64)]
pub enum Class {
    /// Determiners.
    Det = 1 << 0,
    /// Prepositions.
    Prep = 1 << 1,
    /// Coordinating conjunctions.
    Conj = 1 << 2,
    /// Forms of "to be".
    Be = 1 << 3,
    /// Other auxiliaries and modals.
    Aux = 1 << 4,
    /// Negation.
    Neg = 1 << 5,
    /// Personal pronouns.
    Pron = 1 << 6,
    /// Subordinating conjunctions.
    Subord = 1 << 7,
    /// Relative pronouns.
    Rel = 1 << 8,
    /// Complementizers ("that").
    Comp = 1 << 9,
    /// Adverbs.
    Adv = 1 << 10,
    /// Time words.
    Time = 1 << 11,
    /// Abbreviations that keep their period.
    Abbrev = 1 << 12,
    /// Titles before a surname.
    Title = 1 << 13,
    /// Nominals referring back to an organisation.
    Nominal = 1 << 14,
    /// Pronouns that refer to a person, not a country or organisation.
    Person = 1 << 15,
    /// Prepositions of place, whose objects are where an event happens, not its target.
    Locative = 1 << 16,
    /// Possessive determiners.
    Possessive = 1 << 17,
    /// Prepositions that name a topic after a noun ("a summit on the unrest in Iran").
    Topic = 1 << 18,
    /// The preposition that chains noun phrases ("the unrest of the people").
    Genitive = 1 << 19,
    /// Subordinators of a condition ("if", "unless"): what they open has not happened.
    Conditional = 1 << 20,
    /// Nouns of meeting and speech whose "on"/"over" phrase is a topic.
    Discussion = 1 << 21,
    /// Prepositions of adjuncts ("during", "amid"): actors in their phrases are no targets.
    Adjunct = 1 << 22,
    /// Nouns of things and activities: an agent word before them is an adjective ("military
    /// support"), not an agent.
    Thing = 1 << 23,
    /// Words that open a free relative ("what he called"): its verb is no event.
    FreeRelative = 1 << 24,
    /// Verbs of refusal and failure: the infinitive after them did not happen.
    Refusal = 1 << 25,
    /// Hedges before an infinitive ("likely", "expected"): what it names has not happened.
    Unreal = 1 << 26,
    /// Plural nouns that are also verb forms and, after a name or an agent word, head a noun
    /// phrase ("U.S. forces", "army forces") rather than act on what follows.
    HeadNoun = 1 << 27,
    /// First- and second-person pronouns: they name a quote's speaker or addressee, which
    /// coreference by position does not find.
    Speaker = 1 << 28,
    /// Nouns of plans, attempts, claims and beliefs: the infinitive or "that" clause after
    /// them ("efforts to remove", "the idea that the U.S. is training") is not asserted.
    Proposal = 1 << 29,
    /// Agent codes of a state's own bodies ("GOV", "MIL", "COP"), looked up by code: a
    /// generic one takes the article's dominant country.
    StateAgent = 1 << 30,
    /// Three-letter code prefixes that are no country ("IGO", "NGO"), looked up by code.
    NonState = 1 << 31,
    /// Bare codes that name a kind of actor but no country or organisation ("MED" for a
    /// newspaper), looked up by code: such a side counts as unplaced.
    AgentOnly = 1 << 32,
    /// The preposition of a passive verb's agent ("by").
    Agentive = 1 << 33,
    /// The definite article: "the minister" describes someone named earlier.
    Definite = 1 << 34,
    /// Plural demonstratives ("these", "those"), which open a noun phrase as the article does.
    Demonstrative = 1 << 35,
    /// Agent codes of a country's people ("OPP" for protesters, "CVL" for crowds), looked up
    /// by code: a generic one takes the article's dominant country, as a state agent does.
    People = 1 << 36,
    /// Nouns that name a meeting ("talks", "negotiations"): with a "between" phrase naming
    /// two or more actors they are an event of those actors, though no verb names it.
    Meeting = 1 << 37,
    /// The preposition that names the parties of a meeting noun ("between").
    Between = 1 << 38,
    /// Plural pronouns ("they"): they refer to every member of a compound antecedent.
    Plural = 1 << 39,
    /// Modals of the future ("will", "would"): a reported act after one is an intention.
    Future = 1 << 40,
    /// Object pronouns ("him", "them"): after a verb they never refer to its subject.
    ObjectCase = 1 << 41,
}

impl Class {
    fn from_name(s: &str) -> Option<Class> {
        Some(match s {
            "DET" => Class::Det,
            "PREP" => Class::Prep,
            "CONJ" => Class::Conj,
            "BE" => Class::Be,
            "AUX" => Class::Aux,
            "NEG" => Class::Neg,
            "PRON" => Class::Pron,
            "SUBORD" => Class::Subord,
            "REL" => Class::Rel,
            "COMP" => Class::Comp,
            "ADV" => Class::Adv,
            "TIME" => Class::Time,
            "ABBREV" => Class::Abbrev,
            "TITLE" => Class::Title,
            "NOMINAL" => Class::Nominal,
            "PERSON" => Class::Person,
            "LOCATIVE" => Class::Locative,
            "POSSESSIVE" => Class::Possessive,
            "TOPIC" => Class::Topic,
            "GENITIVE" => Class::Genitive,
            "CONDITIONAL" => Class::Conditional,
            "DISCUSSION" => Class::Discussion,
            "ADJUNCT" => Class::Adjunct,
            "THING" => Class::Thing,
            "FREEREL" => Class::FreeRelative,
            "REFUSAL" => Class::Refusal,
            "UNREAL" => Class::Unreal,
            "HEADNOUN" => Class::HeadNoun,
            "SPEAKER" => Class::Speaker,
            "PROPOSAL" => Class::Proposal,
            "STATEAGENT" => Class::StateAgent,
            "NONSTATE" => Class::NonState,
            "AGENTONLY" => Class::AgentOnly,
            "AGENTIVE" => Class::Agentive,
            "DEFINITE" => Class::Definite,
            "DEMONSTRATIVE" => Class::Demonstrative,
            "PEOPLE" => Class::People,
            "MEETING" => Class::Meeting,
            "BETWEEN" => Class::Between,
            "PLURAL" => Class::Plural,
            "FUTURE" => Class::Future,
            "OBJECTCASE" => Class::ObjectCase,
            _ => return None,
        })
    }
}

/// Word classes by upper-case word.
#[derive(Clone, Debug, Default)]
pub struct Grammar {
    classes: HashMap<String, u64>,
}

/// A line of a grammar file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: unknown class [{name}]")]
pub struct GrammarError {
    /// 1-based line.
    pub line: usize,
    /// The class name as written.
    pub name: String,
}

impl Grammar {
    /// The shipped grammar.
    pub fn shipped() -> Grammar {
        // The shipped file is tested to parse; an error here would be a packaging bug, and an
        // empty grammar still codes (less well) rather than failing.
        Grammar::parse(SHIPPED).unwrap_or_default()
    }

    /// Reads a grammar file: `[CLASS]` headers, then words separated by blanks.
    pub fn parse(text: &str) -> Result<Grammar, GrammarError> {
        let mut g = Grammar::default();
        let mut class: Option<Class> = None;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[') {
                let name = name.trim_end_matches(']').trim().to_ascii_uppercase();
                class = Some(Class::from_name(&name).ok_or(GrammarError {
                    line: i + 1,
                    name: name.clone(),
                })?);
                continue;
            }
            let Some(c) = class else { continue };
            for w in line.split_whitespace() {
                *g.classes.entry(w.to_uppercase()).or_default() |= c as u64;
            }
        }
        Ok(g)
    }

    /// Whether `word` (upper case) is in class `c`.
    pub fn is(&self, word: &str, c: Class) -> bool {
        self.classes(word).is(c)
    }

    /// Whether `word` is in any closed class at all.
    pub fn is_function_word(&self, word: &str) -> bool {
        self.classes(word).function_word()
    }

    /// Every word with a class.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.classes.keys().map(String::as_str)
    }

    /// All the classes of `word` (upper case), looked up once.
    pub fn classes(&self, word: &str) -> Classes {
        Classes(self.classes.get(word).copied().unwrap_or(0))
    }
}

/// The classes of one word ([`Grammar::classes`]): a word's classes are looked up once, when
/// it is read, and tested without hashing it again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classes(u64);

impl Classes {
    /// Whether the word is in class `c`.
    pub fn is(self, c: Class) -> bool {
        self.0 & c as u64 != 0
    }

    /// Whether the word is in any closed class at all (the open classes are lists of content
    /// words and codes).
    pub fn function_word(self) -> bool {
        let open = Class::Time as u64
            | Class::Abbrev as u64
            | Class::Title as u64
            | Class::Nominal as u64
            | Class::Person as u64
            | Class::Locative as u64
            | Class::Possessive as u64
            | Class::Topic as u64
            | Class::Genitive as u64
            | Class::Conditional as u64
            | Class::Discussion as u64
            | Class::Adjunct as u64
            | Class::Thing as u64
            | Class::FreeRelative as u64
            | Class::Refusal as u64
            | Class::Unreal as u64
            | Class::HeadNoun as u64
            | Class::Proposal as u64
            | Class::StateAgent as u64
            | Class::NonState as u64
            | Class::AgentOnly as u64
            | Class::People as u64
            | Class::Meeting as u64
            | Class::Plural as u64
            | Class::Future as u64
            | Class::ObjectCase as u64;
        self.0 & !open != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_grammar_parses_and_classifies() {
        let g = Grammar::parse(SHIPPED).expect("shipped grammar parses");
        assert!(g.is("THE", Class::Det));
        assert!(g.is("N'T", Class::Neg));
        assert!(g.is("AFTER", Class::Subord));
        assert!(!g.is("GONDOR", Class::Det));
    }

    #[test]
    fn unknown_class_is_an_error() {
        assert!(Grammar::parse("[NOPE]\nx\n").is_err());
    }
}
