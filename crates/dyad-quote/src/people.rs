//! A small name coreference: people named in the story (capitalised name sequences, titles
//! stripped), the offices they hold, and the resolution of short forms, titles and pronouns
//! to the full name.

use dyad_doc::{Document, Span};

use crate::data::{flag, lower, normalise_title, Lexicon};
use crate::text::{Clause, Kind, Tok};

/// Who a subject phrase refers to.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// The full name, or `None` for a speaker that is not a named person ("it", "officials").
    pub name: Option<String>,
    /// Where the subject phrase is.
    pub span: Span,
    /// How a short form, title or pronoun was resolved, for the evidence.
    pub via: Option<String>,
}

impl Resolved {
    /// True when this names a person.
    pub fn is_person(&self) -> bool {
        self.name.is_some()
    }
}

/// A person named in full in the story.
#[derive(Clone, Debug)]
struct Person {
    name: String,
    /// Lower-case words of the name.
    words: Vec<String>,
    /// Offices linked to the person, normalised ("secretary general").
    titles: Vec<String>,
    /// The story shows this is a person: a title, an honorific, or a reporting verb next to
    /// the name. Only such people are taken as what a sentence is about (a capitalised
    /// phrase like "Hubble Space Telescope" or "Fort Worth" is not).
    confident: bool,
}

/// The people of one document.
#[derive(Debug)]
pub struct People<'a> {
    lex: &'a Lexicon,
    people: Vec<Person>,
    /// The name runs of each clause read by `build`, by the clause's start offset (clauses
    /// come in text order): the speaker search reads the same clauses again, and finding
    /// runs (look-ups of every capitalised word) was a fifth of this stage's time.
    runs_of: Vec<(u32, Vec<Run>)>,
    /// Whether each clause given to `build` is headline-like, in clause order.
    headline: Vec<bool>,
}

/// A capitalised name sequence: its title part and its name part (indices into the clause's
/// tokens).
#[derive(Clone, Debug)]
struct Run {
    /// Tokens of the whole run, title included.
    all: std::ops::Range<usize>,
    /// The name after the last title or honorific.
    name: std::ops::Range<usize>,
    /// An honorific ("Mr.", "Dr.") stood before the name.
    honorific: bool,
    /// Titles in the run ("Russian Defense Minister" gives "defense minister").
    titles: Vec<String>,
}

/// True for a clause in title case (a headline, a menu line): names cannot be read from it.
pub fn headline_like(clause: &Clause) -> bool {
    // A lower-case reporting verb or a quotation makes it prose ("Rob Goldman, President
    // Ascom North America, says: …").
    let prose = clause
        .toks
        .iter()
        .any(|t| t.is_punct('"') || (t.is_word() && !t.has(flag::UPPER) && t.has(flag::VERB)));
    // Headlines and menu lines carry no final stop; a sentence that ends in one is prose
    // however many capitals it has ("Prime Minister Jan Novak spoke on Monday.").
    let stopped = clause
        .toks
        .last()
        .is_some_and(|t| matches!(t.kind, Kind::Punct('.' | '!' | '?')));
    if prose || stopped {
        return false;
    }
    // Counted, not collected: the content words and how many are capitalised.
    let (mut words, mut caps) = (0usize, 0usize);
    for t in &clause.toks {
        if t.is_word() && !t.has(flag::FUNCTION) {
            words += 1;
            caps += usize::from(t.has(flag::UPPER));
        }
    }
    if words < 3 {
        return false;
    }
    caps * 4 >= words * 3
}

/// True when a place found by the gazetteer covers part of `span` (places are in text order).
fn is_place(doc: &Document, span: Span) -> bool {
    let i = doc.places.partition_point(|p| p.span.end <= span.start);
    doc.places.get(i).is_some_and(|p| p.span.overlaps(span))
}

/// `a == b.to_lowercase()` for a lower-cased `a`; an ASCII `b` is compared in place (a
/// lower-cased word has no ASCII capital, so ignoring ASCII case is the same test).
fn same_lower(a: &str, b: &str) -> bool {
    if b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        *a == *lower(b)
    }
}

/// Words that cannot be part of a person's name: an organisation word, an acronym ("NATO",
/// "EU", "U.S.": organisations or places), a number.
const NOT_NAME: u32 = flag::NONPERSON | flag::ACRONYM | flag::DIGIT;

impl<'a> People<'a> {
    /// Reads every clause outside quotations for full names and their offices.
    pub fn build(doc: &Document, clauses: &[Clause], lex: &'a Lexicon) -> People<'a> {
        let mut p = People {
            lex,
            people: Vec::new(),
            runs_of: Vec::new(),
            headline: Vec::with_capacity(clauses.len()),
        };
        for clause in clauses {
            let headline = headline_like(clause);
            p.headline.push(headline);
            if headline {
                continue;
            }
            let runs = p.runs(doc, &clause.toks);
            let mut named_here: Vec<usize> = Vec::new();
            for run in &runs {
                let words = p.name_words(doc, &clause.toks, &run.name);
                if words.is_empty() || !p.valid_name(doc, &clause.toks[run.name.clone()]) {
                    continue;
                }
                let speaking = p.next_to_verb(&clause.toks, run);
                let id = if words.len() >= 2 {
                    p.register(&words)
                } else {
                    // "Putin said": a short form confirms the full name it refers to.
                    match p.position(&words) {
                        Some(id) => id,
                        None => continue,
                    }
                };
                named_here.push(id);
                let mut titles = run.titles.clone();
                titles.extend(p.titles_before(doc, &clause.toks, run.all.start));
                titles.extend(p.titles_after(doc, &clause.toks, run.all.end));
                let person = &mut p.people[id];
                person.confident |= speaking || !titles.is_empty() || run.honorific;
                for t in titles {
                    if !person.titles.contains(&t) {
                        person.titles.push(t);
                    }
                }
            }
            let runs_here = runs;
            // "… in his capacity as NATO secretary general": one person, an office after "as".
            named_here.dedup();
            if let [id] = named_here[..] {
                for (i, t) in clause.toks.iter().enumerate() {
                    if t.is_word() && t.has(flag::OFFICE_AS) {
                        let window: Vec<&Tok> = clause.toks[i + 1..].iter().take(5).collect();
                        for title in p.titles_in(doc, &window) {
                            if !p.people[id].titles.contains(&title) {
                                p.people[id].titles.push(title);
                            }
                        }
                    }
                }
            }
            p.runs_of.push((clause.span.start, runs_here));
        }
        p
    }

    /// Whether clause `i` of those given to `build` is headline-like (see [`headline_like`]),
    /// as `build` found; `None` past the clauses it was given.
    pub fn is_headline(&self, i: usize) -> Option<bool> {
        self.headline.get(i).copied()
    }

    /// The runs `build` found in `clause`, if it read it.
    /// The clause's name runs: found when the people were built, else now.
    fn clause_runs(&self, doc: &Document, clause: &Clause) -> std::borrow::Cow<'_, [Run]> {
        match self.cached_runs(clause) {
            Some(r) => std::borrow::Cow::Borrowed(r),
            None => std::borrow::Cow::Owned(self.runs(doc, &clause.toks)),
        }
    }

    fn cached_runs(&self, clause: &Clause) -> Option<&[Run]> {
        let k = self
            .runs_of
            .binary_search_by_key(&clause.span.start, |(start, _)| *start)
            .ok()?;
        self.runs_of.get(k).map(|(_, runs)| runs.as_slice())
    }

    fn register(&mut self, words: &[&str]) -> usize {
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        // "De Hoop Scheffer" after "Jaap de Hoop Scheffer" is the same person, and the
        // other way round a fuller name replaces a shorter one.
        for (i, p) in self.people.iter_mut().enumerate() {
            if p.words.ends_with(&lower) {
                return i;
            }
            if lower.ends_with(&p.words) {
                p.words = lower;
                p.name = words.join(" ");
                return i;
            }
        }
        self.people.push(Person {
            name: words.join(" "),
            words: lower,
            titles: Vec::new(),
            confident: false,
        });
        self.people.len() - 1
    }

    /// The words of a name as written, with honorifics dropped and possessives cut
    /// (borrowed from the text: most are only compared).
    fn name_words<'d>(
        &self,
        doc: &'d Document,
        toks: &[Tok],
        r: &std::ops::Range<usize>,
    ) -> Vec<&'d str> {
        toks[r.clone()].iter().map(|t| doc.slice(t.span)).collect()
    }

    /// A plausible person's name: no organisation word, no acronym, not a place.
    fn valid_name(&self, doc: &Document, toks: &[Tok]) -> bool {
        if toks.is_empty() || toks.len() > 5 {
            return false;
        }
        toks.iter()
            .all(|t| !t.has(NOT_NAME) && !is_place(doc, t.span))
    }

    /// Capitalised name sequences in `toks`.
    fn runs(&self, doc: &Document, toks: &[Tok]) -> Vec<Run> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let start = i;
            while i < toks.len() && toks[i].is_word() {
                let t = toks[i];
                // A capitalised word continues the run; only a lower-case one needs the
                // particle test ("de" in "Jaap de Hoop Scheffer").
                let particle = || {
                    i > start
                        && t.has(flag::PARTICLE)
                        && toks
                            .get(i + 1)
                            .is_some_and(|n| n.is_word() && n.has(flag::UPPER))
                };
                if !(t.has(flag::UPPER) || particle()) {
                    break;
                }
                i += 1;
                if toks[i - 1].possessive {
                    break;
                }
            }
            if i > start {
                if let Some(run) = self.split_run(doc, toks, start..i) {
                    out.push(run);
                }
            } else {
                i += 1;
            }
        }
        out
    }

    /// Splits a run into title and name: the name is what follows the last title or
    /// honorific; a leading function word ("But", "The") is dropped.
    fn split_run(&self, doc: &Document, toks: &[Tok], r: std::ops::Range<usize>) -> Option<Run> {
        let mut start = r.start;
        while start < r.end && toks[start].has(flag::FUNCTION) {
            start += 1;
        }
        if start == r.end {
            return None;
        }
        let mut name_start = start;
        let mut titles = Vec::new();
        let mut honorific = false;
        let mut i = start;
        while i < r.end {
            let w = doc.slice(toks[i].span);
            if i + 1 < r.end && toks[i].has(flag::MAY_START_TITLE) {
                let two = normalise_title(&format!("{} {}", w, doc.slice(toks[i + 1].span)));
                if self.lex.titles.contains(&two) {
                    titles.push(two);
                    i += 2;
                    name_start = i;
                    continue;
                }
            }
            if toks[i].has(flag::TITLE_WORD) {
                titles.push(normalise_title(w));
                name_start = i + 1;
            } else if toks[i].has(flag::HONORIFIC) {
                name_start = i + 1;
                honorific = true;
            }
            i += 1;
        }
        // "Secretary of State Mike Pompeo", "U.S. envoy for Ukraine Kurt Volker": words of an
        // office or place before the name are not part of it.
        while name_start + 1 < r.end {
            let t = toks[name_start];
            let not_name = t.has(flag::NONPERSON | flag::ACRONYM) || is_place(doc, t.span);
            if !not_name {
                break;
            }
            name_start += 1;
        }
        Some(Run {
            all: start..r.end,
            name: name_start..r.end,
            honorific,
            titles,
        })
    }

    /// Lower-case offices right before a name ("NATO chief Jaap de Hoop Scheffer").
    fn titles_before(&self, doc: &Document, toks: &[Tok], at: usize) -> Vec<String> {
        let from = at.saturating_sub(3);
        let window: Vec<&Tok> = toks[from..at].iter().collect();
        let tail = window
            .iter()
            .rposition(|t| !t.is_word())
            .map_or(0, |j| j + 1);
        self.titles_in(doc, &window[tail..])
    }

    /// Offices in an apposition after a name ("Sergei Markov, the director of …").
    fn titles_after(&self, doc: &Document, toks: &[Tok], at: usize) -> Vec<String> {
        if !toks.get(at).is_some_and(|t| t.is_punct(',')) {
            return Vec::new();
        }
        let window: Vec<&Tok> = toks[at + 1..]
            .iter()
            .take_while(|t| t.is_word())
            .take(6)
            .collect();
        self.titles_in(doc, &window)
    }

    /// Every title in a word window, two-word titles first.
    fn titles_in(&self, doc: &Document, window: &[&Tok]) -> Vec<String> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < window.len() {
            let w = doc.slice(window[i].span);
            // A pair is normalised and looked up only when a title can start with its first
            // word (see `Lexicon::may_start_title`).
            if let Some(n) = window
                .get(i + 1)
                .filter(|_| window[i].has(flag::MAY_START_TITLE))
            {
                let two = normalise_title(&format!("{} {}", w, doc.slice(n.span)));
                if self.lex.titles.contains(&two) {
                    out.push(two);
                    i += 2;
                    continue;
                }
            }
            if window[i].has(flag::TITLE_WORD) {
                out.push(normalise_title(w));
            }
            i += 1;
        }
        out
    }

    /// The person a name (short or full) refers to: the one whose name ends with it.
    fn lookup(&self, words: &[&str]) -> Option<&Person> {
        self.position(words).and_then(|i| self.people.get(i))
    }

    fn position(&self, words: &[&str]) -> Option<usize> {
        // `p.words` ends with the lower-cased `words`, compared word by word without
        // allocating (`lower` equals `to_lowercase`), last word first: surnames differ most.
        self.people.iter().position(|p| {
            p.words.len() >= words.len()
                && p.words[p.words.len() - words.len()..]
                    .iter()
                    .zip(words)
                    .rev()
                    .all(|(a, b)| same_lower(a, b))
        })
    }

    /// A reporting verb right after the run (an adverb may come between) or right before
    /// it: "Putin said", "Putin also told", "said Pildegovics".
    fn next_to_verb(&self, toks: &[Tok], run: &Run) -> bool {
        let verb = |t: &Tok| t.is_word() && t.has(flag::VERB);
        let after = toks[run.all.end..]
            .iter()
            .take(2)
            .take_while(|t| t.is_word());
        let before = run.all.start.checked_sub(1).and_then(|i| toks.get(i));
        // "Eswar Prasad, a trade professor at Cornell, said …"
        let apposition = toks.get(run.all.end).is_some_and(|t| t.is_punct(','))
            && toks[run.all.end + 1..]
                .iter()
                .take(16)
                .position(|t| t.is_punct(','))
                .and_then(|j| toks.get(run.all.end + 2 + j))
                .is_some_and(verb);
        after.into_iter().any(verb) || before.is_some_and(verb) || apposition
    }

    /// The person holding an office.
    fn holder(&self, title: &str) -> Option<&Person> {
        self.people
            .iter()
            .rev()
            .find(|p| p.titles.iter().any(|t| t == title))
    }

    /// The first person the clause is about: a name, a title or a pronoun.
    pub fn clause_subject(
        &self,
        doc: &Document,
        clause: &Clause,
        last: &Option<Resolved>,
    ) -> Option<Resolved> {
        let toks = &clause.toks;
        let runs = self.clause_runs(doc, clause);
        let mut best: Option<(usize, Resolved)> = None;
        for run in runs.iter() {
            if let Some(r) = self.resolve_run(doc, toks, run, false) {
                best = Some((run.all.start, r));
                break;
            }
        }
        for (i, t) in toks.iter().enumerate() {
            if best.as_ref().is_some_and(|(b, _)| *b < i) {
                break;
            }
            if t.is_word() && t.has(flag::PERSON_PRONOUN) {
                if let Some(r) = self.pronoun(t.span, last) {
                    best = Some((i, r));
                }
                break;
            }
            if t.is_word() && t.has(flag::DEFINITE) {
                if let Some(r) = self.nominal(doc, &toks[i..]) {
                    best = Some((i, r));
                    break;
                }
            }
        }
        best.map(|(_, r)| r)
    }

    /// The last person named in the clause before byte offset `at` ("President Vladimir
    /// Putin was quick to praise what he called …": "he" is Putin).
    pub fn last_person_before(&self, doc: &Document, clause: &Clause, at: u32) -> Option<Resolved> {
        let toks = &clause.toks;
        let runs = self.clause_runs(doc, clause);
        runs.iter()
            .rev()
            .filter(|r| toks[r.all.end - 1].span.end <= at)
            .find_map(|r| self.resolve_run(doc, toks, r, false))
    }

    /// Resolves a name run; `speaker` allows a lone unknown capitalised word (it stands where
    /// a speaker's name stands: "Markov said").
    fn resolve_run(
        &self,
        doc: &Document,
        toks: &[Tok],
        run: &Run,
        speaker: bool,
    ) -> Option<Resolved> {
        let span = toks[run.all.start].span.cover(toks[run.all.end - 1].span);
        if run.name.is_empty() {
            // A title alone: "NATO Secretary General", "President".
            let title = run.titles.last()?;
            let p = self.holder(title)?;
            return Some(Resolved {
                name: Some(p.name.clone()),
                span,
                via: Some(format!("title '{title}' -> {}", p.name)),
            });
        }
        if !self.valid_name(doc, &toks[run.name.clone()]) {
            return None;
        }
        let words = self.name_words(doc, toks, &run.name);
        let titled = !run.titles.is_empty() || run.honorific;
        if let Some(p) = self.lookup(&words) {
            if !speaker && !p.confident && !titled {
                return None;
            }
            let via = (p.words.len() > words.len())
                .then(|| format!("'{}' -> {}", words.join(" "), p.name));
            return Some(Resolved {
                name: Some(p.name.clone()),
                span,
                via,
            });
        }
        (speaker || titled).then(|| Resolved {
            name: Some(words.join(" ")),
            span,
            via: None,
        })
    }

    /// "he"/"she": the person the story was last about.
    fn pronoun(&self, span: Span, last: &Option<Resolved>) -> Option<Resolved> {
        let l = last.as_ref().filter(|l| l.is_person())?;
        Some(Resolved {
            name: l.name.clone(),
            span,
            via: Some(format!("pronoun -> {}", l.name.as_deref().unwrap_or(""))),
        })
    }

    /// "the NATO secretary general", "the Russian defense minister" → the office holder.
    fn nominal(&self, doc: &Document, toks: &[Tok]) -> Option<Resolved> {
        let window: Vec<&Tok> = toks
            .iter()
            .skip(1)
            .take_while(|t| t.is_word())
            .take(4)
            .collect();
        let title = self.titles_in(doc, &window).into_iter().next()?;
        let p = self.holder(&title)?;
        let end = window.last().map_or(toks[0].span, |t| t.span);
        Some(Resolved {
            name: Some(p.name.clone()),
            span: toks[0].span.cover(end),
            via: Some(format!("'the {title}' -> {}", p.name)),
        })
    }

    /// The speaker after an inverted reporting verb: the first name that is not a modifier
    /// of an office ("said senior Latvian diplomat Andrejs Pildegovics", "wrote Fadem in a
    /// research note"). `None` unless it names a person.
    pub fn inverted_subject(
        &self,
        doc: &Document,
        toks: &[Tok],
        last: &Option<Resolved>,
    ) -> Option<Resolved> {
        for run in self.runs(doc, toks) {
            let modifier = toks
                .get(run.all.end)
                .is_some_and(|t| t.is_word() && t.has(flag::TITLE_WORD));
            if modifier || run.name.is_empty() {
                continue;
            }
            let r = self.parse_subject(doc, &toks[..run.all.end], last)?;
            return r.is_person().then_some(r);
        }
        None
    }

    /// The speaker named by a subject phrase: the mention at its end ("Putin", "he", "the
    /// NATO chief", "senior Latvian diplomat Andrejs Pildegovics"). `None` when the phrase
    /// names nobody; `Some` with no name for "it", "they" or a common noun ("officials").
    pub fn parse_subject(
        &self,
        doc: &Document,
        toks: &[Tok],
        last: &Option<Resolved>,
    ) -> Option<Resolved> {
        // Skip adverbs between subject and verb: "he also said", "Putin later told".
        let mut end = toks.len();
        let mut skipped = 0;
        while end > 0 && skipped < 2 {
            let t = toks[end - 1];
            let adverb = t.is_word()
                && !t.has(
                    flag::UPPER | flag::PERSON_PRONOUN | flag::OTHER_PRONOUN | flag::TITLE_WORD,
                )
                && t.has(flag::LY | flag::ADVERB | flag::AUXILIARY);
            if !adverb {
                break;
            }
            end -= 1;
            skipped += 1;
        }
        let toks = &toks[..end];
        let last_tok = toks.last()?;
        if last_tok.is_word() && last_tok.has(flag::PERSON_PRONOUN) {
            return self.pronoun(last_tok.span, last);
        }
        if last_tok.is_word() && last_tok.has(flag::OTHER_PRONOUN) {
            return Some(Resolved {
                name: None,
                span: last_tok.span,
                via: None,
            });
        }
        if last_tok.is_word() && last_tok.has(flag::UPPER) {
            let runs = self.runs(doc, toks);
            let run = runs.last().filter(|r| r.all.end == toks.len())?;
            return self.resolve_run(doc, toks, run, true);
        }
        if last_tok.is_word() && last_tok.has(flag::FUNCTION) {
            return None; // "and said", "but added": no subject here
        }
        if last_tok.is_word() {
            // A lower-case head: an office ("the NATO chief") or a common noun ("officials").
            if let Some(the) = toks.iter().rposition(|t| t.has(flag::DEFINITE)) {
                if let Some(r) = self.nominal(doc, &toks[the..]) {
                    return Some(r);
                }
            }
            if last_tok.has(flag::TITLE_WORD) {
                // "political expert": an office without a name here; look just after it.
                return None;
            }
            return Some(Resolved {
                name: None,
                span: last_tok.span,
                via: None,
            });
        }
        None
    }
}
