//! The coder's view of the dictionaries: PETRARCH-format actors, agents, verbs, discards and
//! issues, read into matchers keyed by word.
//!
//! This is an adapter kept inside `dyad-code` while `dyad-dict` grows its own model: it reads
//! exactly what the coder needs, remembers `file:line` for every entry (the evidence of an
//! event names the pattern that fired), and never panics on a malformed line — it records a
//! problem and goes on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a dictionary file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file name does not say which PETRARCH format it is in.
    #[error("{0}: unknown dictionary kind (expected *.verbs.txt, *.actors.txt, *.agents.txt, *.discards.txt or *Issue*.txt)")]
    UnknownKind(PathBuf),
}

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
}

/// What a phrase index entry points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// Index into [`Lexicon::actors`].
    Actor(usize),
    /// Index into [`Lexicon::agents`].
    Agent(usize),
}

/// Phrases keyed by their first word's text (stems keyed by their text too).
#[derive(Clone, Debug, Default)]
pub struct PhraseIndex {
    exact: HashMap<String, Vec<(Vec<PhraseWord>, Entry)>>,
    /// Phrases whose first word is a stem, keyed by the stem's first `MIN_STEM` bytes.
    stems: HashMap<String, Vec<(Vec<PhraseWord>, Entry)>>,
}

impl PhraseIndex {
    fn insert(&mut self, words: Vec<PhraseWord>, entry: Entry) {
        let Some(first) = words.first() else { return };
        if first.stem && first.text.len() >= MIN_STEM {
            let key = stem_key(&first.text).to_string();
            self.stems.entry(key).or_default().push((words, entry));
        } else {
            self.exact
                .entry(first.text.clone())
                .or_default()
                .push((words, entry));
        }
    }

    /// The longest phrase starting at `words[at]`: (entry, number of words).
    pub fn longest(&self, words: &[&str], at: usize) -> Option<(Entry, usize)> {
        let mut best: Option<(Entry, usize)> = None;
        let first = words.get(at)?;
        let mut consider = |cands: &[(Vec<PhraseWord>, Entry)]| {
            for (phrase, entry) in cands {
                if phrase.len() > words.len() - at {
                    continue;
                }
                if let Some(end) = phrase_end(phrase, words, at) {
                    if best.is_none_or(|(_, n)| end - at > n) {
                        best = Some((*entry, end - at));
                    }
                }
            }
        };
        if let Some(c) = self.exact.get(*first) {
            consider(c);
        }
        if let Some(c) = self.stems.get(stem_key(first)) {
            consider(c);
        }
        best
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.exact.values().map(Vec::len).sum::<usize>()
            + self.stems.values().map(Vec::len).sum::<usize>()
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

/// Where `phrase` ends when matched at `words[at]`, if it does.
fn phrase_end(phrase: &[PhraseWord], words: &[&str], at: usize) -> Option<usize> {
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
                .find(|&q| word_matches(pw, words[q]))?;
            p = q;
        }
        if p >= words.len() || !word_matches(pw, words[p]) {
            return None;
        }
        p += 1;
    }
    Some(p)
}

/// Minimum stem length: shorter unterminated words match exactly, so "ENT" does not swallow
/// "Entwash" while "ERIADOR" still covers "Eriadorian".
const MIN_STEM: usize = 4;

fn word_matches(p: &PhraseWord, w: &str) -> bool {
    if p.stem && p.text.len() >= MIN_STEM {
        w.starts_with(p.text.as_str())
    } else {
        w == p.text
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

/// The kinds of PETRARCH dictionary file, recognised by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `*.verbs.txt` or CAMEO verb files.
    Verbs,
    /// `*.actors.txt`.
    Actors,
    /// `*.agents.txt`.
    Agents,
    /// `*.discards.txt`.
    Discards,
    /// `*Issue*.txt`.
    Issues,
}

impl Kind {
    /// A short name for labels.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Verbs => "verbs",
            Kind::Actors => "actors",
            Kind::Agents => "agents",
            Kind::Discards => "discards",
            Kind::Issues => "issues",
        }
    }

    /// The kind a file name says, if any.
    pub fn of(path: &Path) -> Option<Kind> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.contains("issue") {
            Some(Kind::Issues)
        } else if name.ends_with(".verbs.txt") || name.starts_with("cameo") {
            Some(Kind::Verbs)
        } else if name.ends_with(".actors.txt") {
            Some(Kind::Actors)
        } else if name.ends_with(".agents.txt") {
            Some(Kind::Agents)
        } else if name.ends_with(".discards.txt") {
            Some(Kind::Discards)
        } else {
            None
        }
    }
}

impl Lexicon {
    /// Reads the given files, recognising each one's format by name.
    pub fn load(paths: &[PathBuf]) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        for path in paths {
            let kind = Kind::of(path).ok_or_else(|| LexiconError::UnknownKind(path.clone()))?;
            let bytes = std::fs::read(path).map_err(|source| LexiconError::Io {
                path: path.clone(),
                source,
            })?;
            let text = String::from_utf8_lossy(&bytes);
            // Evidence names the file as a reader knows it: its name, not the path it was read from.
            let label = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            lex.add(kind, &label, &text);
        }
        Ok(lex)
    }

    /// Adds one file's text of the given kind; `file` names it in evidence.
    pub fn add(&mut self, kind: Kind, file: &str, text: &str) {
        let file: Arc<str> = Arc::from(file);
        match kind {
            Kind::Actors => self.read_actors(&file, text),
            Kind::Agents => self.read_agents(&file, text),
            Kind::Verbs => self.read_verbs(&file, text),
            Kind::Discards => self.read_discards(&file, text),
            Kind::Issues => self.read_issues(&file, text),
        }
    }

    fn problem(&mut self, file: &Arc<str>, line: usize, msg: impl std::fmt::Display) {
        self.problems.push(format!("{file}:{line}: {msg}"));
    }

    fn read_actors(&mut self, file: &Arc<str>, text: &str) {
        let mut current: Option<usize> = None;
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = strip_comment(raw);
            if line.trim().is_empty() || line.trim_start().starts_with("<!") {
                continue;
            }
            let indented = raw.starts_with('\t') || raw.starts_with(' ');
            let trimmed = line.trim();
            if trimmed.starts_with('[') && (indented || current.is_some()) {
                // A date restriction line (possibly several brackets on one line).
                let Some(a) = current else {
                    self.problem(file, line_no, "date restriction without an actor");
                    continue;
                };
                for b in brackets(trimmed) {
                    match parse_restriction(&b) {
                        Some(r) => self.actors[a].dated.push(r),
                        None => self.problem(file, line_no, format!("bad restriction [{b}]")),
                    }
                }
                continue;
            }
            let (synonym, body) = match trimmed.strip_prefix('+') {
                Some(rest) => (true, rest),
                None => (false, trimmed),
            };
            let phrase_text = body.split('[').next().unwrap_or("").trim();
            let codes = brackets(body);
            if phrase_text.is_empty() {
                self.problem(file, line_no, "actor line without a phrase");
                continue;
            }
            let words = phrase_words(phrase_text);
            if words.is_empty() {
                continue;
            }
            let idx = if synonym && current.is_some() {
                current.unwrap_or_default()
            } else {
                let entry = ActorEntry {
                    name: phrase_text.replace('_', " ").trim().to_string(),
                    default: None,
                    dated: Vec::new(),
                    source: Source {
                        file: file.clone(),
                        line: line_no as u32,
                    },
                };
                self.actors.push(entry);
                self.actors.len() - 1
            };
            for b in codes {
                match parse_restriction(&b) {
                    Some(r) if r.from.is_none() && r.to.is_none() && !synonym => {
                        self.actors[idx].default = Some(r.code)
                    }
                    Some(r) => self.actors[idx].dated.push(r),
                    None => self.problem(file, line_no, format!("bad code [{b}]")),
                }
            }
            current = Some(idx);
            self.phrases.insert(words, Entry::Actor(idx));
        }
    }

    fn read_agents(&mut self, file: &Arc<str>, text: &str) {
        let mut subst: HashMap<String, Vec<String>> = HashMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = strip_comment(raw);
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with("<!") {
                continue;
            }
            if trimmed.starts_with('!') {
                if let Some((k, v)) = trimmed.split_once('=') {
                    let key = k.trim().to_ascii_uppercase();
                    let vals = v
                        .split(',')
                        .map(|s| s.trim().to_ascii_uppercase())
                        .filter(|s| !s.is_empty())
                        .collect();
                    subst.insert(key, vals);
                    continue;
                }
            }
            let Some(open) = trimmed.rfind('[') else {
                self.problem(file, line_no, "agent line without [code]");
                continue;
            };
            let code_raw = trimmed[open + 1..]
                .trim_end_matches([']', '}'])
                .trim()
                .to_string();
            let head = &trimmed[..open];
            let (phrase, plural) = match head.find('{') {
                Some(b) => {
                    let end = head[b..].find('}').map(|e| b + e).unwrap_or(head.len());
                    (
                        head[..b].trim(),
                        Some(head[b + 1..end].trim().to_ascii_uppercase()),
                    )
                }
                None => (head.trim(), None),
            };
            let (code, prefix) = if let Some(c) = code_raw.strip_prefix('~') {
                (c.trim().to_string(), false)
            } else if let Some(c) = code_raw.strip_suffix('~') {
                (c.trim().to_string(), true)
            } else {
                self.problem(file, line_no, format!("agent code [{code_raw}] has no ~"));
                (code_raw.clone(), false)
            };
            let phrase_up = phrase.to_ascii_uppercase();
            // Expand substitution markers (each value replaces the marker, no plurals).
            let mut forms: Vec<(String, bool)> = Vec::new();
            if let Some(start) = phrase_up.find('!') {
                let end = phrase_up[start + 1..]
                    .find('!')
                    .map(|e| start + 1 + e)
                    .unwrap_or(phrase_up.len() - 1);
                let key = &phrase_up[start..=end];
                match subst.get(key) {
                    Some(vals) => {
                        for v in vals {
                            let s =
                                format!("{}{}{}", &phrase_up[..start], v, &phrase_up[end + 1..]);
                            forms.push((s, false));
                        }
                    }
                    None => {
                        self.problem(file, line_no, format!("unknown substitution {key}"));
                        continue;
                    }
                }
            } else {
                forms.push((phrase_up.clone(), true));
            }
            let agent = self.agents.len();
            self.agents.push(AgentEntry {
                name: phrase.replace('_', " "),
                code: code.to_ascii_uppercase(),
                prefix,
                source: Source {
                    file: file.clone(),
                    line: line_no as u32,
                },
            });
            for (form, plurals) in forms {
                let words = exact_words(&form);
                if words.is_empty() {
                    continue;
                }
                if plurals {
                    match &plural {
                        Some(p) if p.is_empty() => {}
                        Some(p) => {
                            let pw = exact_words(p);
                            if !pw.is_empty() {
                                self.phrases.insert(pw, Entry::Agent(agent));
                            }
                        }
                        None => {
                            let mut pw = words.clone();
                            if let Some(last) = pw.last_mut() {
                                last.text = plural_of(&last.text);
                            }
                            self.phrases.insert(pw, Entry::Agent(agent));
                        }
                    }
                }
                self.phrases.insert(words, Entry::Agent(agent));
            }
        }
    }

    fn read_discards(&mut self, file: &Arc<str>, text: &str) {
        for (i, raw) in text.lines().enumerate() {
            let line = strip_comment(raw);
            let mut t = line.trim();
            if t.is_empty() || t.starts_with("<!") {
                continue;
            }
            let story = t.starts_with('+');
            t = t.trim_start_matches('+').trim();
            let stem = !t.ends_with('_');
            let words: Vec<String> = t
                .trim_end_matches('_')
                .split([' ', '_'])
                .filter(|w| !w.is_empty())
                .map(|w| w.to_lowercase())
                .collect();
            if words.is_empty() {
                continue;
            }
            self.discards.push(Discard {
                words,
                stem,
                story,
                source: Source {
                    file: file.clone(),
                    line: (i + 1) as u32,
                },
            });
        }
    }

    fn read_issues(&mut self, file: &Arc<str>, text: &str) {
        for (i, raw) in text.lines().enumerate() {
            let line = strip_comment(raw);
            let t = line.trim();
            if t.is_empty() || t.starts_with('<') {
                continue;
            }
            let source = Source {
                file: file.clone(),
                line: (i + 1) as u32,
            };
            let (phrase, code) = if let Some(rest) = t.strip_prefix('~') {
                (rest.trim_start_matches('~').trim(), String::new())
            } else {
                match (t.rfind('['), t.rfind(']')) {
                    (Some(a), Some(b)) if a < b => (t[..a].trim(), t[a + 1..b].trim().to_string()),
                    _ => {
                        self.problem(file, i + 1, "issue line without [code]");
                        continue;
                    }
                }
            };
            // Expand n:, v: and + prefixes word by word into alternatives.
            let mut alts: Vec<String> = vec![String::new()];
            for w in phrase.split_whitespace() {
                let w = w.to_ascii_uppercase();
                let forms: Vec<String> = if let Some(n) = w.strip_prefix("N:") {
                    vec![n.to_string(), plural_of(n)]
                } else if let Some(v) = w.strip_prefix("V:") {
                    regular_verb_forms(v)
                } else if w.contains('+') {
                    vec![w.replace('+', " "), w.replace('+', "-")]
                } else {
                    vec![w]
                };
                let mut next = Vec::new();
                for a in &alts {
                    for f in &forms {
                        next.push(if a.is_empty() {
                            f.clone()
                        } else {
                            format!("{a} {f}")
                        });
                    }
                }
                alts = next;
            }
            self.issues.push(Issue {
                words: alts,
                code,
                source,
            });
        }
    }

    fn read_verbs(&mut self, file: &Arc<str>, text: &str) {
        #[derive(PartialEq)]
        enum Mode {
            Start,
            Synset,
            Block,
        }
        let mut synsets: HashMap<String, Vec<Vec<(String, bool)>>> = HashMap::new();
        let mut mode = Mode::Start;
        let mut synset: Option<(String, bool)> = None;
        let mut block: Option<usize> = None;
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let src = Source {
                file: file.clone(),
                line: line_no as u32,
            };
            let line = strip_comment(raw);
            let t = line.trim();
            if t.is_empty() || t.starts_with("<!") {
                continue;
            }
            if t.starts_with("---") {
                let inner = t.trim_matches('-').trim();
                let name = inner.split('[').next().unwrap_or("").trim().to_string();
                let code = brackets(inner)
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| "---".into());
                self.blocks.push(VerbBlock {
                    name: name.to_ascii_uppercase(),
                    code,
                    patterns: Vec::new(),
                    source: src,
                });
                block = Some(self.blocks.len() - 1);
                mode = Mode::Block;
                continue;
            }
            if let Some(name) = t.strip_prefix('&') {
                let name = name
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_ascii_uppercase();
                let plurals = !name.ends_with('_');
                let name = name.trim_end_matches('_').to_string();
                synsets.entry(name.clone()).or_default();
                synset = Some((name, plurals));
                mode = Mode::Synset;
                continue;
            }
            if t.starts_with('~') {
                match parse_transformation(t, src) {
                    Some(tr) => self.transformations.push(tr),
                    None => self.problem(file, line_no, "unreadable transformation"),
                }
                continue;
            }
            if mode == Mode::Synset && t.starts_with('+') {
                let Some((name, plurals)) = synset.clone() else {
                    continue;
                };
                let member = t[1..].trim().to_ascii_uppercase();
                let mut add: Vec<Vec<(String, bool)>> = Vec::new();
                if let Some(inner) = member.strip_prefix('&') {
                    let inner = inner.trim_end_matches('_');
                    match synsets.get(inner) {
                        Some(m) => add.extend(m.iter().cloned()),
                        None => self.problem(file, line_no, format!("undefined synset &{inner}")),
                    }
                } else {
                    let no_plural = member.ends_with('_') || !plurals;
                    let words = seq_words(member.trim_end_matches('_'));
                    if !words.is_empty() {
                        if !no_plural {
                            let mut pw = words.clone();
                            if let Some(last) = pw.last_mut() {
                                last.0 = plural_of(&last.0);
                            }
                            add.push(pw);
                        }
                        add.push(words);
                    }
                }
                synsets.entry(name).or_default().extend(add);
                continue;
            }
            let Some(b) = block else {
                self.problem(file, line_no, "line outside any verb block");
                continue;
            };
            if let Some(p) = t.strip_prefix('-') {
                match parse_pattern(p.trim(), &synsets, src) {
                    Ok(pat) => self.blocks[b].patterns.push(pat),
                    Err(msg) => self.problem(file, line_no, msg),
                }
                continue;
            }
            // A verb line: `[+]WORD[_WORD] {FORMS} [CODE]`.
            self.read_verb_line(t, b, src);
        }
    }

    fn read_verb_line(&mut self, t: &str, block: usize, src: Source) {
        let code = brackets(t).into_iter().next();
        let head = t.split('[').next().unwrap_or("");
        let (base, irregular) = match head.find('{') {
            Some(b) => {
                let end = head[b..].find('}').map(|e| b + e).unwrap_or(head.len());
                (head[..b].trim(), Some(head[b + 1..end].trim()))
            }
            None => (head.trim(), None),
        };
        if base.is_empty() {
            return;
        }
        let verb = self.verbs.len();
        self.verbs.push(Verb {
            block,
            code,
            name: base.to_ascii_uppercase(),
            source: src,
        });
        let mut forms: Vec<(Vec<String>, usize)> = Vec::new();
        let base_form = verb_form(base);
        forms.push(base_form.clone());
        match irregular {
            Some(list) => {
                for f in list.split_whitespace() {
                    forms.push(verb_form(f));
                }
            }
            None => {
                let (words, h) = base_form;
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
            // Separators written inside the braces ("{+WAS_X , +BE_X}") are not forms.
            if !words.iter().all(|w| w.chars().any(char::is_alphabetic)) {
                continue;
            }
            if let Some(w) = words.get(head) {
                self.forms.entry(w.clone()).or_default().push(VerbForm {
                    words: words.clone(),
                    head,
                    verb,
                });
            }
        }
    }

    /// The coder's lexicon for a `dyad-dict` dictionary set.
    ///
    /// Kinds whose entries all come from PETRARCH files that can still be read are read
    /// from those files, so evidence keeps their real `file:line`; other kinds (dyad's own
    /// format, the embedded shipped set) are written out in PETRARCH format by
    /// `dyad_dict::export` and read from that text, labelled `<kind> (exported)`.
    pub fn from_dictionary(dict: &dyad_dict::Dictionary) -> Lexicon {
        use dyad_dict::Kind as DKind;
        let e = &dict.entries;
        let mut lex = Lexicon::default();
        let kinds: [(DKind, Kind, Vec<&str>); 5] = [
            (
                DKind::Actors,
                Kind::Actors,
                e.actors.iter().map(|x| &*x.provenance.file).collect(),
            ),
            (
                DKind::Agents,
                Kind::Agents,
                e.agents.iter().map(|x| &*x.provenance.file).collect(),
            ),
            (
                DKind::Verbs,
                Kind::Verbs,
                e.verb_blocks
                    .iter()
                    .map(|x| &*x.provenance.file)
                    .chain(e.transformations.iter().map(|x| &*x.provenance.file))
                    .collect(),
            ),
            (
                DKind::Discards,
                Kind::Discards,
                e.discards.iter().map(|x| &*x.provenance.file).collect(),
            ),
            (
                DKind::Issues,
                Kind::Issues,
                e.issues.iter().map(|x| &*x.provenance.file).collect(),
            ),
        ];
        for (dkind, kind, files) in kinds {
            if files.is_empty() {
                continue;
            }
            // First appearance order: later files add to (and for actors, override) earlier ones.
            let mut distinct: Vec<&str> = Vec::new();
            for f in &files {
                if !distinct.contains(f) {
                    distinct.push(f);
                }
            }
            let readable: Option<Vec<(String, String)>> = distinct
                .iter()
                .map(|f| {
                    let p = Path::new(f);
                    // Only PETRARCH files are re-read as written: dyad's own format (the
                    // shipped `cameo.verbs`, ...) is read through the export, whatever the
                    // working directory holds.
                    let petrarch = matches!(
                        dyad_dict::recognise(p),
                        Some((dyad_dict::Format::Petrarch, k)) if k == dkind
                    );
                    if !petrarch || Kind::of(p) != Some(kind) {
                        return None;
                    }
                    let bytes = std::fs::read(p).ok()?;
                    let label = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| f.to_string());
                    Some((label, String::from_utf8_lossy(&bytes).into_owned()))
                })
                .collect();
            match readable {
                Some(texts) => {
                    for (label, text) in texts {
                        lex.add(kind, &label, &text);
                    }
                }
                None => {
                    let text = dyad_dict::export::write(dkind, e);
                    let label = format!("{} (exported)", kind.label());
                    lex.add(kind, &label, &text);
                }
            }
        }
        lex
    }

    /// Number of patterns over all blocks.
    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }
}

/// Removes a `#` comment (and a `;` comment in actor files' primary lines).
fn strip_comment(line: &str) -> &str {
    let cut = line.find('#').unwrap_or(line.len());
    let line = &line[..cut];
    match line.find(';') {
        Some(i) => &line[..i],
        None => line,
    }
}

/// The contents of every `[...]` in a line.
fn brackets(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(a) = rest.find('[') {
        let after = &rest[a + 1..];
        let Some(b) = after.find(']') else { break };
        out.push(after[..b].trim().to_string());
        rest = &after[b + 1..];
    }
    out
}

/// Parses `CODE`, `CODE <date`, `CODE >date`, `CODE date-date`.
fn parse_restriction(s: &str) -> Option<DatedCode> {
    let s = s.trim();
    let mut parts = s.splitn(2, char::is_whitespace);
    let first = parts.next()?.trim();
    let rest = parts.next().unwrap_or("").trim();
    // "[<date CODE]" never occurs; a code alone may be followed by nothing.
    let (code, rest) = if first.starts_with(['<', '>'])
        || first.starts_with(|c: char| c.is_ascii_digit())
            && first.len() >= 6
            && first.chars().all(|c| c.is_ascii_digit() || c == '-')
    {
        // A restriction without a code is a dictionary error.
        return None;
    } else {
        (first.to_string(), rest.replace(' ', ""))
    };
    if rest.is_empty() {
        return Some(DatedCode {
            code,
            from: None,
            to: None,
        });
    }
    if let Some(d) = rest.strip_prefix('<') {
        return Some(DatedCode {
            code,
            from: None,
            to: Some(parse_date(d)?),
        });
    }
    if let Some(d) = rest.strip_prefix('>') {
        return Some(DatedCode {
            code,
            from: Some(parse_date(d)?),
            to: None,
        });
    }
    let (a, b) = rest.split_once('-')?;
    Some(DatedCode {
        code,
        from: Some(parse_date(a)?),
        to: Some(parse_date(b)?),
    })
}

/// `YYYYMMDD` or `YYMMDD` (years below 30 are 20xx) as a `yyyymmdd` integer.
fn parse_date(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match s.len() {
        8 => s.parse().ok(),
        6 => {
            let n: u32 = s.parse().ok()?;
            let yy = n / 10000;
            let century = if yy < 30 { 20_000_000 } else { 19_000_000 };
            Some(century + n)
        }
        _ => None,
    }
}

/// Actor phrase words: blanks and underscores both separate words; a trailing `_` makes the
/// last word exact, otherwise it is a stem.
fn phrase_words(s: &str) -> Vec<PhraseWord> {
    let s = s.trim();
    let exact_end = s.ends_with('_');
    let mut words = exact_words(s);
    if let Some(last) = words.last_mut() {
        last.stem = !exact_end;
    }
    words
}

/// Words split at blanks and underscores; a blank lets a few words come between.
fn exact_words(s: &str) -> Vec<PhraseWord> {
    let mut out = Vec::new();
    for (ci, chunk) in s.split_whitespace().enumerate() {
        for (i, w) in chunk.split('_').filter(|w| !w.is_empty()).enumerate() {
            out.push(PhraseWord {
                text: w.to_ascii_uppercase(),
                stem: false,
                gap: ci > 0 && i == 0,
            });
        }
    }
    out
}

/// Synset/pattern words: `_` joins consecutively, a blank allows a gap.
fn seq_words(s: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for chunk in s.split_whitespace() {
        let parts: Vec<&str> = chunk.split('_').filter(|w| !w.is_empty()).collect();
        let n = parts.len();
        for (i, p) in parts.into_iter().enumerate() {
            out.push((p.to_string(), i + 1 < n));
        }
    }
    out
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

/// A verb form written `WORD`, `+WORD_PART`, `PART_+WORD` or `WORD PART`: its words and head.
fn verb_form(s: &str) -> (Vec<String>, usize) {
    let mut words = Vec::new();
    let mut head = 0;
    for (i, p) in s.split(['_', ' ']).filter(|w| !w.is_empty()).enumerate() {
        if let Some(w) = p.strip_prefix('+') {
            head = i;
            words.push(w.to_ascii_uppercase());
        } else {
            words.push(p.to_ascii_uppercase());
        }
    }
    (words, head)
}

/// Parses a pattern body (after `-`): elements, `*`, elements, `[CODE]`.
fn parse_pattern(
    p: &str,
    synsets: &HashMap<String, Vec<Vec<(String, bool)>>>,
    source: Source,
) -> Result<Pattern, String> {
    let Some(open) = p.rfind('[') else {
        return Err("pattern without [code]".into());
    };
    let code = p[open + 1..].trim_end_matches(']').trim().to_string();
    let body = p[..open].trim();
    // PETRARCH2 noun-phrase braces and prepositional parentheses read as sequences.
    let body = body.replace(['{', '}', '(', ')'], " ");
    // Split into pieces: a piece is a blank-separated chunk; `_` inside joins items.
    let mut items: Vec<(String, bool)> = Vec::new();
    for chunk in body.split_whitespace() {
        let bits: Vec<&str> = chunk.split('_').collect();
        let n = bits.len();
        for (i, b) in bits.into_iter().enumerate() {
            if b.is_empty() {
                // "IN_*" leaves no empty bits; "WAS_ *" leaves a trailing empty one: a join.
                if let Some(last) = items.last_mut() {
                    last.1 = true;
                }
                continue;
            }
            items.push((b.to_ascii_uppercase(), i + 1 < n));
        }
    }
    let Some(star) = items.iter().position(|(w, _)| w == "*") else {
        return Err("pattern without *".into());
    };
    let to_elem = |(w, joined): &(String, bool)| -> Result<PatElem, String> {
        let elem = match w.as_str() {
            "$" => Elem::Source,
            "+" => Elem::Target,
            "%" => Elem::Compound,
            "^" => Elem::Skip,
            s if s.starts_with('&') => {
                let name = s[1..].trim_end_matches('_');
                match synsets.get(name) {
                    Some(m) if !m.is_empty() => Elem::Words(m.clone()),
                    _ => return Err(format!("undefined synset &{name}")),
                }
            }
            s => Elem::Words(
                s.split('/')
                    .filter(|a| !a.is_empty())
                    .map(|a| vec![(a.to_string(), false)])
                    .collect(),
            ),
        };
        Ok(PatElem {
            elem,
            joined: *joined,
        })
    };
    let pre = items[..star]
        .iter()
        .map(to_elem)
        .collect::<Result<Vec<_>, _>>()?;
    let post = items[star + 1..]
        .iter()
        .map(to_elem)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Pattern {
        pre,
        verb_joined: items[star].1,
        post,
        code,
        text: format!("- {}", p.trim()),
        source,
    })
}

/// Parses `~ a (b c VERB2) VERB1 = x y CODE`.
fn parse_transformation(t: &str, source: Source) -> Option<Transformation> {
    let t = t.trim_start_matches('~').trim();
    let (lhs, rhs) = t.split_once('=')?;
    let open = lhs.find('(')?;
    let close = lhs.find(')')?;
    let upper_source = lhs[..open].trim().to_string();
    let inner: Vec<&str> = lhs[open + 1..close].split_whitespace().collect();
    let upper = lhs[close + 1..].trim().to_ascii_uppercase();
    let out: Vec<&str> = rhs.split_whitespace().collect();
    if inner.len() != 3 || out.len() != 3 {
        return None;
    }
    Some(Transformation {
        upper,
        upper_source,
        lower_source: inner[0].to_string(),
        lower_target: inner[1].to_string(),
        lower: inner[2].to_ascii_uppercase(),
        out_source: out[0].to_string(),
        out_target: out[1].to_string(),
        code: out[2].to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_dates_pick_the_restriction_in_force() {
        let mut lex = Lexicon::default();
        lex.add(
            Kind::Actors,
            "t.actors.txt",
            "GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n",
        );
        let a = &lex.actors[0];
        assert_eq!(a.codes_at(Some(19_950_101)), vec!["HOB"]);
        assert_eq!(a.codes_at(Some(19_970_101)), vec!["HOBGOV"]);
        assert_eq!(a.codes_at(Some(20_010_101)), vec!["HOBREB"]);
        let words = ["SMEAGOL"];
        assert_eq!(lex.phrases.longest(&words, 0), Some((Entry::Actor(0), 1)));
    }

    #[test]
    fn agents_get_plurals_and_substitutions() {
        let mut lex = Lexicon::default();
        lex.add(
            Kind::Agents,
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
        let mut lex = Lexicon::default();
        lex.add(
            Kind::Verbs,
            "t.verbs.txt",
            "&CUR\n+DOLLAR\n+SWISS FRANCS_\n\n--- BREAK [1717] ---\nBREAK { BROKE BROKEN }\n+BREAK_DOWN {+BROKE_DOWN}\n- + KNOWN_ * IN_ $ [076]\n- * &CUR [903]\n",
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
            Elem::Words(alts) => assert!(alts.iter().any(|a| a[0].0 == "DOLLARS")),
            other => panic!("unexpected {other:?}"),
        }
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
