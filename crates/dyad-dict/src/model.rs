//! The in-memory dictionary model: what every reader produces and every writer and matcher
//! consumes, independent of the file format it came from.
//!
//! Conventions shared by every type here:
//!
//! * **Words are stored as written** (PETRARCH files are upper case, dyad's own files use the
//!   case people write). Matching is case-insensitive: compare through [`fold`].
//! * **Every entry carries its [`Provenance`]** (file and 1-based line) so that an event can
//!   cite the dictionary line that produced it (`rule` in `events.jsonl`).
//! * **Dates are inclusive**: a restriction `[RUSGOV 2000-05-07..2008-05-07]` applies on both
//!   end days, as PETRARCH's "or equal to" limits do.
//! * Identifiers such as [`ActorId`] are indices into the vectors of [`Entries`]; they are
//!   stable for the life of a loaded [`crate::Dictionary`].
//!
//! This module is a contract with the coder (`dyad-code`): changes are additive only.

use std::sync::Arc;

use dyad_doc::Date;

/// Where an entry was read: the file as the user named it and its 1-based line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Provenance {
    /// The file name as given (shared between all entries of one file).
    pub file: Arc<str>,
    /// 1-based line number of the entry's first line.
    pub line: u32,
}

impl std::fmt::Display for Provenance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// The case-folded form of a word used for all comparisons (Unicode lower case).
pub fn fold(word: &str) -> String {
    word.to_lowercase()
}

/// How two consecutive words (or pattern elements) of a phrase are joined.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Join {
    /// Written with `_` (or a space in synsets and discards, where PETRARCH requires
    /// consecutive words): the second must immediately follow the first.
    #[default]
    Adjacent,
    /// Written with a space in actor names, agent phrases and verb patterns: other words
    /// may come between (a coder may honour this; [`crate::matcher`] compiles it as
    /// adjacency).
    Gap,
}

/// A multi-word phrase: its words, how consecutive words are joined, and whether the
/// phrase was closed with a trailing `_`.
///
/// `joins.len() == words.len() - 1` (empty for one word); `joins[i]` joins `words[i]` and
/// `words[i + 1]`. A word may contain hyphens, dots and apostrophes (`AL-QAEDA`,
/// `GEORGE_W._BUSH`, `N'T`); the matcher treats hyphen and underscore variants as equal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Phrase {
    /// The words, as written.
    pub words: Vec<String>,
    /// How each word is joined to the next (`words.len() - 1` joins).
    pub joins: Vec<Join>,
    /// True when written with a trailing `_` (`AFGHANISTAN_`). In discards and actor names
    /// this means the last word must end at a word boundary (otherwise it is a stem:
    /// `BASEBALL` also matches `BASEBALLS`; PETRARCH-style coders honour it for actors,
    /// while [`crate::matcher`] matches actor names as whole tokens either way); in synset
    /// members it means "no plural"; agent phrases match whole tokens, so their reader
    /// always sets it to `false` whatever was written.
    pub closed: bool,
}

impl Phrase {
    /// A phrase of consecutive words.
    pub fn adjacent<S: Into<String>>(words: impl IntoIterator<Item = S>) -> Phrase {
        let words: Vec<String> = words.into_iter().map(Into::into).collect();
        let joins = vec![Join::Adjacent; words.len().saturating_sub(1)];
        Phrase {
            words,
            joins,
            closed: false,
        }
    }

    /// The words case-folded, for matching.
    pub fn folded(&self) -> Vec<String> {
        self.words.iter().map(|w| fold(w)).collect()
    }
}

// ---------------------------------------------------------------------------------------
// Actors
// ---------------------------------------------------------------------------------------

/// Index of an [`Actor`] in [`Entries::actors`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorId(pub u32);

/// One name of an actor: the primary phrase or a `+` synonym.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorName {
    /// The phrase.
    pub phrase: Phrase,
    /// Trailing comment text after `#` or `;` (without the marker), if any.
    pub comment: Option<String>,
    /// Where the entry was read (file and line).
    pub provenance: Provenance,
}

/// The span of time a dated code applies to. Limits are inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateRange {
    /// `[CODE <YYMMDD]`: on or before the date.
    Before(Date),
    /// `[CODE >YYMMDD]`: on or after the date.
    After(Date),
    /// `[CODE YYMMDD-YYMMDD]` (dyad: `CODE 2000-05-07..2008-05-07`): between, both included.
    Between(Date, Date),
}

impl DateRange {
    /// Whether `date` falls in the range (limits included).
    pub fn contains(self, date: Date) -> bool {
        match self {
            DateRange::Before(end) => date <= end,
            DateRange::After(start) => date >= start,
            DateRange::Between(start, end) => start <= date && date <= end,
        }
    }

    /// The last day of the range; `None` when open-ended towards the future.
    pub fn end(self) -> Option<Date> {
        match self {
            DateRange::Before(end) | DateRange::Between(_, end) => Some(end),
            DateRange::After(_) => None,
        }
    }
}

/// A code that applies only in a span of time (a PETRARCH tab-indented restriction line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    /// The actor code, e.g. `RUSGOV`, `IGOWSTNAT`.
    pub code: String,
    /// When the code applies.
    pub range: DateRange,
    /// Where the entry was read (file and line).
    pub provenance: Provenance,
}

/// An actor: one or more names (the first is the primary phrase) sharing one set of codes.
///
/// Codes: `default_code` comes from `[CODE]` on the primary line or from an undated
/// restriction line `\t[CODE]` (the later one wins); `dated` lists the restrictions in file
/// order. Use [`Actor::code_at`] to choose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Primary name first, then synonyms in file order. Never empty.
    pub names: Vec<ActorName>,
    /// The code when no dated code applies (`None`: the null code).
    pub default_code: Option<String>,
    /// Dated codes in file order; the first that applies wins.
    pub dated: Vec<DatedCode>,
    /// Provenance of the primary line.
    pub provenance: Provenance,
}

impl Actor {
    /// The actor's code on `date`.
    ///
    /// With a date: the first restriction (file order) whose range contains the date, else
    /// the default code, else `None` (PETRARCH's null code). Without a date (an undated
    /// article): the default code if there is one, else the restriction reaching furthest
    /// into the present (open-ended `>` ranges first, then the latest end date; ties go to
    /// the later line), because an undated text is most likely current news.
    pub fn code_at(&self, date: Option<Date>) -> Option<&str> {
        match date {
            Some(day) => self
                .dated
                .iter()
                .find(|dc| dc.range.contains(day))
                .map(|dc| dc.code.as_str())
                .or(self.default_code.as_deref()),
            None => self.default_code.as_deref().or_else(|| {
                self.dated
                    .iter()
                    .enumerate()
                    // `None` end (open) must sort after every date: map to (1, MAX).
                    .max_by_key(|(i, dc)| match dc.range.end() {
                        None => (1, Date::MAX, *i),
                        Some(end) => (0, end, *i),
                    })
                    .map(|(_, dc)| dc.code.as_str())
            }),
        }
    }

    /// Every code the actor can have, default first, without repeats.
    pub fn all_codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = Vec::new();
        for code in self
            .default_code
            .iter()
            .map(String::as_str)
            .chain(self.dated.iter().map(|dc| dc.code.as_str()))
        {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        codes
    }
}

// ---------------------------------------------------------------------------------------
// Agents
// ---------------------------------------------------------------------------------------

/// Index of an [`Agent`] in [`Entries::agents`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AgentId(pub u32);

/// Where an agent's code goes relative to the actor code it modifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AgentPosition {
    /// Written `[~GOV]` (the usual case): appended after the actor code, `RUS` + `GOV` →
    /// `RUSGOV`.
    Suffix,
    /// Written `[NGO~]` (organisations): put before the actor code, `NGO` + `RUS` → `NGORUS`.
    Prefix,
}

/// Which plural forms an agent phrase has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plurals {
    /// No `{...}`: regular plural of the last word (`+S`; `Y` → `IES`; `SS` → `SSES`).
    Regular,
    /// `{}`: no plural (already plural, singular only, or same form, like `POLICE`).
    None,
    /// `{A_B ...}`: these phrases are the plurals (no regular plural is made).
    Irregular(Vec<Phrase>),
}

/// An agent: a role noun phrase (`FOREIGN_MINISTER`) with the code it adds to an actor.
///
/// Substitution markers (`!PERSON!`) are expanded when read: each expansion is its own
/// `Agent` (with [`Plurals::None`], as PETRARCH forms no plural for them) sharing the
/// provenance of the written line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agent {
    /// The singular phrase. `Join::Gap` (a space) lets other words come between.
    pub phrase: Phrase,
    /// Which plural forms the phrase has.
    pub plurals: Plurals,
    /// The code without `~`, e.g. `GOVFRM`, `NGO`.
    pub code: String,
    /// Whether the code goes after (`~X`) or before (`X~`) the actor code.
    pub position: AgentPosition,
    /// The line's free-text comment (after `#`), if any.
    pub comment: Option<String>,
    /// Where the entry was read (file and line).
    pub provenance: Provenance,
}

// ---------------------------------------------------------------------------------------
// Verbs
// ---------------------------------------------------------------------------------------

/// A CAMEO event code as written in `[...]` in the verb dictionary.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum EventCode {
    /// `[---]`: the null code — the verb or pattern produces no event (used to block a
    /// more general pattern).
    Null,
    /// `[###]`: TABARI's discard code — the sentence is not coded.
    Discard,
    /// One code: `[042]`, `[1722]`, and the non-numeric codes some files use
    /// (`[174K]`, `[075A]`, `[+++]`), kept exactly as written.
    Single(String),
    /// A TABARI paired code `[A:B]`: `A` is the event of the source on the target and `B`
    /// the reciprocal event of the target on the source (`[032:032]` both sides visit,
    /// `[:173]` only the reciprocal). Either side may be absent.
    Pair(Option<String>, Option<String>),
}

impl EventCode {
    /// The code written without brackets: `---`, `###`, `042`, `032:032`, `:173`.
    pub fn as_written(&self) -> String {
        match self {
            EventCode::Null => "---".to_string(),
            EventCode::Discard => "###".to_string(),
            EventCode::Single(code) => code.clone(),
            EventCode::Pair(a, b) => format!(
                "{}:{}",
                a.as_deref().unwrap_or(""),
                b.as_deref().unwrap_or("")
            ),
        }
    }

    /// The code of the source-on-target event, if any (`Single`, or the first of a `Pair`).
    pub fn primary(&self) -> Option<&str> {
        match self {
            EventCode::Single(code) => Some(code),
            EventCode::Pair(first, _) => first.as_deref(),
            EventCode::Null | EventCode::Discard => None,
        }
    }
}

/// A synonym set `&NAME` of the verb dictionary, usable wherever a pattern word is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synset {
    /// The label without `&` and without a trailing `_` (`&AUXVERB1_` → `AUXVERB1`).
    pub name: String,
    /// True when the label ended with `_`: no plurals are generated for any member.
    pub no_plurals: bool,
    /// The `+` lines, in file order.
    pub members: Vec<SynsetMember>,
    /// The line's free-text comment (after `#`), if any.
    pub comment: Option<String>,
    /// Where the entry was read (file and line).
    pub provenance: Provenance,
}

/// One `+` line of a synset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SynsetMember {
    /// Words or a phrase (consecutive words). Its regular plural (of the last word) is also
    /// a member unless `phrase.closed` (written with a trailing `_`) or the synset has
    /// `no_plurals`.
    Phrase {
        /// The member's words.
        phrase: Phrase,
        /// Where the line was read.
        provenance: Provenance,
    },
    /// `+&OTHER`: every member of another synset (defined earlier).
    Synset {
        /// The other synset's name (without `&`).
        name: String,
        /// Where the line was read.
        provenance: Provenance,
    },
}

/// A verb of a verb block: a single word or a multi-word verb with a head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verb {
    /// The words of the primary form (`CORDON_OFF` → `CORDON`, `OFF`); consecutive.
    pub words: Vec<String>,
    /// Index in `words` of the verb proper (marked `+` when there are several words;
    /// 0 for a single word). Regular forms inflect this word only.
    pub head: usize,
    /// `{...}`: the irregular forms, each with its own head. `None`: regular forms are
    /// generated (`S`/`ES`/`IES`, `ED`/`D`/`IED`, `ING`; see `forms::verb_forms`).
    /// `Some(vec![])` (`{}`): no other forms.
    pub irregular: Option<Vec<VerbForm>>,
    /// The verb's own code `[...]`; `None` means the block's primary code.
    pub code: Option<EventCode>,
    /// The line's free-text comment (after `#`), if any.
    pub comment: Option<String>,
    /// Where the entry was read (file and line).
    pub provenance: Provenance,
}

/// One written form of a (possibly multi-word) verb.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct VerbForm {
    /// The words, as written.
    pub words: Vec<String>,
    /// Index of the inflected word in `words`.
    pub head: usize,
}

/// An element of a verb pattern.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Element {
    /// A literal word, matched case-insensitively. `closed` is true when written with a
    /// trailing `_` not followed by another element (TABARI: whole word, not a stem).
    Word {
        /// The word as written.
        text: String,
        /// Written with a trailing `_` (whole word, not a stem).
        closed: bool,
    },
    /// `&NAME`: any member of the synset.
    Synset(String),
    /// `$`: the source actor is here.
    Source,
    /// `+`: the target actor is here.
    Target,
    /// `%`: a compound actor (both source and target) is here.
    Compound,
    /// `^`: skip the next noun phrase (TABARI).
    Skip,
    /// `(PREP OBJECT...)` (PETRARCH2): a prepositional phrase — the first element is the
    /// preposition, the rest its object (a word, `{...}` phrase, synset, `$` or `+`); the
    /// object may be empty, as in `(WITH)`.
    Prep(Vec<Element>),
    /// `{ADJ ... NOUN}` (PETRARCH2): a noun phrase; the last element is its head.
    NounPhrase(Vec<Element>),
}

/// An element of a pattern with how it is joined to what is written before it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Slot {
    /// What is matched here.
    pub element: Element,
    /// `Join::Adjacent` when written glued with `_` to the previous element (for the first
    /// slot after the verb: glued to the verb, `*_UPON`); `Join::Gap` when separated by a
    /// space. Meaningless (always `Gap`) for the first slot before the verb.
    pub join: Join,
}

/// A verb pattern line `- BEFORE * AFTER [CODE] # comment`.
///
/// Both PETRARCH2 syntactic patterns (`- * (FOR {FINANCIAL AID}) [073]`) and TABARI-style
/// sequential patterns (`- + KNOWN_ * IN_ $ [076]`, `- % SAID WOULD_*_TALKS [102]`) are
/// held the same way: the elements written before `*` and those after, in written order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The elements written before the verb `*`, in order.
    pub before: Vec<Slot>,
    /// How the verb `*` is joined to the last element before it (`IN_*` → Adjacent).
    pub verb_join: Join,
    /// The elements written after the verb `*`, in order.
    pub after: Vec<Slot>,
    /// The event code the pattern gives.
    pub code: EventCode,
    /// The line's free-text comment (after `#`), if any.
    pub comment: Option<String>,
    /// Where the entry was read (file and line).
    pub provenance: Provenance,
}

/// A verb block `--- NAME [CODE] ---`: synonymous verbs and the patterns they share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbBlock {
    /// The description between the dashes, e.g. `ABANDON`.
    pub name: String,
    /// The primary code, used by any verb without its own; `EventCode::Null` when absent.
    pub code: EventCode,
    /// Further codes written in the header after the primary one (`--- DELAY [120] [031:031]
    /// ---`), kept as written so that the block survives a round trip; PETRARCH coders use
    /// only the primary code. Usually empty.
    pub extra_codes: Vec<EventCode>,
    /// The block's verbs (the first is the primary verb).
    pub verbs: Vec<Verb>,
    /// The block's patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// Where the entry was read (file and line).
    pub provenance: Provenance,
}

/// An actor slot in a transformation: a letter variable, `.` or `_`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TransformActor {
    /// A letter (`a`, `b`): the same letter denotes the same actor throughout the line.
    Var(String),
    /// `.`: an actor that is not specified (any).
    Unspecified,
    /// `_`: no actor present.
    Absent,
}

/// A verb slot in a transformation: a verb name (its code is what matches) or `Q` (any).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TransformVerb {
    /// A verb (block) name, matched through its code.
    Name(String),
    /// `Q`: any verb.
    Any,
}

/// A transformation `~ a (a b ATTACK) SAY = a b 138`: when the verb `verb` with source
/// `source` governs an inner event (`inner_source`, `inner_target`, `inner_verb`), the
/// result is the event (`result_source`, `result_target`, `result_code`), where
/// `result_code` is a CAMEO code or `Q` (the inner verb's code).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    /// The source of the governing verb.
    pub source: TransformActor,
    /// The source of the inner (governed) event.
    pub inner_source: TransformActor,
    /// The target of the inner event.
    pub inner_target: TransformActor,
    /// The verb of the inner event.
    pub inner_verb: TransformVerb,
    /// The governing verb.
    pub verb: TransformVerb,
    /// The source of the resulting event.
    pub result_source: TransformActor,
    /// The target of the resulting event.
    pub result_target: TransformActor,
    /// `None` stands for `Q`: keep the inner verb's code.
    pub result_code: Option<String>,
    /// The line's free-text comment (after `#`), if any.
    pub comment: Option<String>,
    /// Where the entry was read (file and line).
    pub provenance: Provenance,
}

// ---------------------------------------------------------------------------------------
// Discards
// ---------------------------------------------------------------------------------------

/// Whether a discard phrase cancels the sentence or the whole story.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiscardScope {
    /// Written without `+`: the sentence is not coded.
    Sentence,
    /// Written with a leading `+`: the whole story is not coded.
    Story,
}

/// A discard phrase, matched case-insensitively in the text with a word start before it.
/// `phrase.closed` (trailing `_`) requires a word end after it; otherwise the last word is
/// a stem (`BASEBALL` matches `BASEBALLS`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discard {
    /// The phrase.
    pub phrase: Phrase,
    /// Whether the sentence or the whole story is discarded.
    pub scope: DiscardScope,
    /// The line's free-text comment (after `#`), if any.
    pub comment: Option<String>,
    /// Where the entry was read (file and line).
    pub provenance: Provenance,
}

// ---------------------------------------------------------------------------------------
// Issues
// ---------------------------------------------------------------------------------------

/// An expansion prefix on one part of an issue phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Expansion {
    /// No prefix: the word as written.
    None,
    /// `n:` — singular and regular plural.
    Noun,
    /// `v:` — the regular verb forms (`S`, `ED`, `ING`).
    Verb,
}

/// One part of an issue word; parts joined with `+` in the file (`al+zarqawi`,
/// `pre+n:school`) match with either a space or a hyphen between them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IssuePart {
    /// The part's text.
    pub text: String,
    /// Which forms of it match.
    pub expansion: Expansion,
}

/// A blank-separated word of an issue phrase, made of one or more `+`-joined parts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IssueWord {
    /// The `+`-joined parts.
    pub parts: Vec<IssuePart>,
}

/// An issue line: a phrase and its code, or an ignore phrase.
///
/// Matching is on whole words (PETRARCH pads the text and the phrase with spaces).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// The blank-separated words.
    pub words: Vec<IssueWord>,
    /// The issue code, e.g. `ID_ATROCITY`; `None` for ignore lines.
    pub code: Option<String>,
    /// `Some(1)` for `~phrase`, `Some(2)` for `~~phrase`: an ignore phrase; PETRARCH cancels
    /// all issue coding of a sentence in which either kind occurs.
    pub ignore: Option<u8>,
    /// Index into [`Entries::issue_categories`] of the enclosing `<ISSUE ...>` block.
    pub category: Option<usize>,
    /// The line's free-text comment (after `#`), if any.
    pub comment: Option<String>,
    /// Where the entry was read (file and line).
    pub provenance: Provenance,
}

/// An `<ISSUE CATEGORY="..." ...>` block header, with its attributes in written order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueCategory {
    /// The `CATEGORY` attribute (empty if missing).
    pub name: String,
    /// All attributes, e.g. `[("CATEGORY", "EDUCATION"), ("TYPE", "ALL")]`.
    pub attributes: Vec<(String, String)>,
    /// Where the entry was read (file and line).
    pub provenance: Provenance,
}

// ---------------------------------------------------------------------------------------
// The whole set
// ---------------------------------------------------------------------------------------

/// Everything read from a set of dictionary files, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entries {
    /// Actors, in file order.
    pub actors: Vec<Actor>,
    /// Agents, in file order.
    pub agents: Vec<Agent>,
    /// Verb synsets, in file order.
    pub synsets: Vec<Synset>,
    /// Verb blocks, in file order.
    pub verb_blocks: Vec<VerbBlock>,
    /// Verb transformations, in file order.
    pub transformations: Vec<Transformation>,
    /// Discard phrases, in file order.
    pub discards: Vec<Discard>,
    /// `<ISSUE ...>` categories, in file order.
    pub issue_categories: Vec<IssueCategory>,
    /// Issue lines, in file order.
    pub issues: Vec<Issue>,
}

impl Entries {
    /// The actor with this id.
    pub fn actor(&self, id: ActorId) -> Option<&Actor> {
        self.actors.get(id.0 as usize)
    }

    /// The agent with this id.
    pub fn agent(&self, id: AgentId) -> Option<&Agent> {
        self.agents.get(id.0 as usize)
    }

    /// The synset with this name (without `&`).
    pub fn synset(&self, name: &str) -> Option<&Synset> {
        self.synsets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// Appends another set (used when several files are loaded).
    pub fn extend(&mut self, other: Entries) {
        let offset = self.issue_categories.len();
        self.actors.extend(other.actors);
        self.agents.extend(other.agents);
        self.synsets.extend(other.synsets);
        self.verb_blocks.extend(other.verb_blocks);
        self.transformations.extend(other.transformations);
        self.discards.extend(other.discards);
        self.issue_categories.extend(other.issue_categories);
        self.issues
            .extend(other.issues.into_iter().map(|mut issue| {
                issue.category = issue.category.map(|c| c + offset);
                issue
            }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn actor(default: Option<&str>, dated: &[(&str, DateRange)]) -> Actor {
        Actor {
            names: vec![ActorName {
                phrase: Phrase::adjacent(["X"]),
                comment: None,
                provenance: Provenance::default(),
            }],
            default_code: default.map(str::to_string),
            dated: dated
                .iter()
                .map(|(code, range)| DatedCode {
                    code: code.to_string(),
                    range: *range,
                    provenance: Provenance::default(),
                })
                .collect(),
            provenance: Provenance::default(),
        }
    }

    #[test]
    fn code_at_chooses_by_date_with_inclusive_limits() {
        let a = actor(
            Some("RUSELI"),
            &[
                (
                    "RUSGOV",
                    DateRange::Between(date(2000, 5, 7), date(2008, 5, 7)),
                ),
                ("RUSGOV", DateRange::After(date(2012, 5, 7))),
                ("RUSMIL", DateRange::Before(date(1990, 1, 1))),
            ],
        );
        assert_eq!(a.code_at(Some(date(2000, 5, 7))), Some("RUSGOV"));
        assert_eq!(a.code_at(Some(date(2008, 5, 7))), Some("RUSGOV"));
        assert_eq!(a.code_at(Some(date(2010, 1, 1))), Some("RUSELI"));
        assert_eq!(a.code_at(Some(date(2020, 1, 1))), Some("RUSGOV"));
        assert_eq!(a.code_at(Some(date(1980, 1, 1))), Some("RUSMIL"));
        assert_eq!(a.code_at(None), Some("RUSELI"));
    }

    #[test]
    fn undated_code_prefers_the_most_recent_restriction() {
        let a = actor(
            None,
            &[
                (
                    "USAGOV",
                    DateRange::Between(date(2001, 1, 20), date(2009, 1, 20)),
                ),
                ("USAELI", DateRange::After(date(2009, 1, 21))),
                ("USAELI", DateRange::Before(date(2001, 1, 19))),
            ],
        );
        assert_eq!(a.code_at(None), Some("USAELI"));
        assert_eq!(a.code_at(Some(date(1999, 1, 1))), Some("USAELI"));
        assert_eq!(a.code_at(Some(date(2005, 1, 1))), Some("USAGOV"));
        assert_eq!(actor(None, &[]).code_at(None), None);
        assert_eq!(a.all_codes(), vec!["USAGOV", "USAELI"]);
    }

    #[test]
    fn event_code_written_forms() {
        assert_eq!(
            EventCode::Pair(None, Some("173".into())).as_written(),
            ":173"
        );
        assert_eq!(
            EventCode::Pair(Some("032".into()), None).primary(),
            Some("032")
        );
        assert_eq!(EventCode::Null.primary(), None);
    }
}
