//! Readers for the PETRARCH2 dictionary formats (`dictionaries-format.rst`): actors,
//! agents, verbs (synsets, verb blocks, patterns, transformations), discards and issues.
//!
//! Every reader is total: a malformed entry is reported as a [`Problem`] (`file:line:
//! message`) and skipped, and reading carries on with the next line.

use std::sync::Arc;

use dyad_doc::Date;

use crate::model::*;
use crate::{Piece, Problem};

/// The kind of a dictionary file, recognised from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Actor dictionaries.
    Actors,
    /// Agent dictionaries.
    Agents,
    /// Verb dictionaries (synsets, blocks, patterns, transformations).
    Verbs,
    /// Discard lists.
    Discards,
    /// Issue dictionaries.
    Issues,
}

impl Kind {
    /// The kind of a PETRARCH file by name: `*.verbs.txt` and `CAMEO*.txt`, `*.actors.txt`,
    /// `*.agents.txt`, `*.discards.txt`, `*Issue*.txt` (case-insensitive).
    pub fn of_petrarch_name(name: &str) -> Option<Kind> {
        let base = name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(name)
            .to_lowercase();
        if !base.ends_with(".txt") {
            return None;
        }
        if base.ends_with(".verbs.txt") || base.starts_with("cameo") {
            Some(Kind::Verbs)
        } else if base.ends_with(".actors.txt") {
            Some(Kind::Actors)
        } else if base.ends_with(".agents.txt") {
            Some(Kind::Agents)
        } else if base.ends_with(".discards.txt") {
            Some(Kind::Discards)
        } else if base.contains("issue") {
            Some(Kind::Issues)
        } else {
            None
        }
    }

    /// The plural noun used in reports: `actors`, `agents`, ...
    pub fn name(self) -> &'static str {
        match self {
            Kind::Actors => "actors",
            Kind::Agents => "agents",
            Kind::Verbs => "verbs",
            Kind::Discards => "discards",
            Kind::Issues => "issues",
        }
    }
}

/// Reads one PETRARCH file's text of the given kind into `entries`, appending problems.
pub fn read(
    kind: Kind,
    file: &str,
    text: &str,
    entries: &mut Entries,
    problems: &mut Vec<Problem>,
) {
    read_piece(&Piece::whole(kind, file, text), entries, problems);
}

/// [`read`] for a file or a run of whole records of it.
pub(crate) fn read_piece(piece: &Piece, entries: &mut Entries, problems: &mut Vec<Problem>) {
    let (kind, text) = (piece.kind, piece.text);
    let mut reader = Reader {
        file: Arc::from(piece.file),
        first_line: piece.first_line,
        problems,
    };
    let lines = reader.content_lines(text);
    match kind {
        Kind::Actors => reader.actors(&lines, entries),
        Kind::Agents => reader.agents(&lines, entries),
        Kind::Verbs => reader.verbs(&lines, entries),
        Kind::Discards => reader.discards(&lines, entries),
        Kind::Issues => reader.issues(&lines, entries),
    }
}

/// A line of content: its 1-based number and its text (XML comments removed).
struct Line<'a> {
    no: u32,
    text: &'a str,
}

struct Reader<'p> {
    file: Arc<str>,
    /// The file's line number of the text's first line.
    first_line: u32,
    problems: &'p mut Vec<Problem>,
}

/// Splits `text` at the first `#` (and, when `semicolon`, the first `;`): content and
/// the trimmed comment.
fn split_comment(text: &str, semicolon: bool) -> (&str, Option<String>) {
    let cut = text.find(|c: char| c == '#' || (semicolon && c == ';'));
    match cut {
        Some(at) => {
            let comment = text[at + 1..].trim();
            (
                &text[..at],
                (!comment.is_empty()).then(|| comment.to_string()),
            )
        }
        None => (text, None),
    }
}

/// Splits a `[...]` group off the end of `text`: (before, inside). `None` when the text
/// does not end with `]`.
fn trailing_bracket(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_end();
    let body = text.strip_suffix(']')?;
    let open = body.rfind('[')?;
    Some((&body[..open], &body[open + 1..]))
}

/// Parses a PETRARCH date: `YYYYMMDD` or `YYMMDD` (`YY` < 30 is 20YY, else 19YY, which
/// is how the Phoenix files use it: `070723` is 2007, `320101` is 1932).
pub fn parse_compact_date(s: &str) -> Result<Date, String> {
    if !s.bytes().all(|b| b.is_ascii_digit()) || !(s.len() == 6 || s.len() == 8) {
        return Err(format!("date `{s}` is not YYMMDD or YYYYMMDD"));
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<i16>().unwrap_or(0);
    let (year, rest) = if s.len() == 8 {
        (num(0..4), 4)
    } else {
        let yy = num(0..2);
        (if yy < 30 { 2000 + yy } else { 1900 + yy }, 2)
    };
    let month = num(rest..rest + 2) as i8;
    let day = num(rest + 2..rest + 4) as i8;
    Date::new(year, month, day).map_err(|_| format!("date `{s}` does not exist"))
}

/// Parses the inside of an actor code bracket: `CODE`, `CODE <D`, `CODE >D`, `CODE D-D`.
fn parse_code_restriction(inside: &str) -> Result<(String, Option<DateRange>), String> {
    let inside = inside.trim();
    let mut parts = inside.splitn(2, char::is_whitespace);
    let code = parts.next().unwrap_or("").to_string();
    if code.is_empty() {
        return Err("empty code `[]`".to_string());
    }
    if code.contains(['[', ']', '{', '}']) {
        return Err(format!("malformed code `{code}`"));
    }
    let rest: String = parts
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if rest.is_empty() {
        return Ok((code, None));
    }
    let range = if let Some(d) = rest.strip_prefix('<') {
        DateRange::Before(parse_compact_date(d)?)
    } else if let Some(d) = rest.strip_prefix('>') {
        DateRange::After(parse_compact_date(d)?)
    } else if let Some((a, b)) = rest.split_once('-') {
        let (a, b) = (parse_compact_date(a)?, parse_compact_date(b)?);
        if b < a {
            return Err(format!("date range `{rest}` ends before it starts"));
        }
        DateRange::Between(a, b)
    } else {
        return Err(format!("date restriction `{rest}` is not <D, >D or D-D"));
    };
    Ok((code, Some(range)))
}

/// Checks a name for characters that cannot belong to it: brackets left over from a code,
/// tabs, unbalanced parentheses or quotes, control characters, invalid UTF-8.
fn name_problem(raw: &str) -> Option<String> {
    let t = raw.trim();
    // Nearly every name is plain printable ASCII without brackets or quotes: one pass.
    if t.bytes()
        .all(|b| (b' '..=b'~').contains(&b) && !b"[]{}()\"".contains(&b))
    {
        return None;
    }
    if t.contains('\t') {
        return Some(format!("tab inside the name `{}`", t.replace('\t', "\\t")));
    }
    if t.contains(['[', ']', '{', '}']) {
        return Some(format!("stray bracket in the name `{t}`"));
    }
    if t.contains('\u{FFFD}') {
        return Some(format!("invalid UTF-8 in the name `{t}`"));
    }
    if t.chars().any(char::is_control) {
        return Some(format!(
            "control character in the name `{}`",
            t.escape_debug()
        ));
    }
    if t.matches('(').count() != t.matches(')').count() {
        return Some(format!("unbalanced parenthesis in the name `{t}`"));
    }
    if t.matches('"').count() % 2 == 1 {
        return Some(format!("unbalanced quote in the name `{t}`"));
    }
    None
}

/// Splits a phrase string on blanks and underscores. `space` is the join written as a
/// blank. A trailing `_` closes the phrase. Empty words (`A__B`) are dropped.
fn parse_phrase(raw: &str, space: Join) -> Phrase {
    let raw = raw.trim();
    let closed = raw.ends_with('_');
    let mut words = Vec::new();
    let mut joins = Vec::new();
    let mut pending: Option<Join> = None;
    let mut word = String::new();
    for c in raw.chars() {
        let sep = match c {
            '_' => Some(Join::Adjacent),
            c if c.is_whitespace() => Some(space),
            _ => None,
        };
        match sep {
            Some(j) => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                    pending = Some(j);
                } else if let Some(p) = pending {
                    // `A_ B`: the weaker join wins (a gap allows adjacency too).
                    if j == Join::Gap || p == Join::Gap {
                        pending = Some(Join::Gap);
                    }
                }
            }
            None => {
                if !word.is_empty() || words.is_empty() {
                    word.push(c);
                } else {
                    joins.push(pending.take().unwrap_or(Join::Adjacent));
                    word.push(c);
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    Phrase {
        words,
        joins,
        closed,
    }
}

impl Reader<'_> {
    fn problem(&mut self, line: u32, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            message: message.into(),
        });
    }

    fn prov(&self, line: u32) -> Provenance {
        Provenance {
            file: self.file.clone(),
            line,
        }
    }

    /// Non-blank lines outside `<!-- ... -->` comments (the Validate files' headers) and
    /// not wholly `#` comments.
    fn content_lines<'a>(&mut self, text: &'a str) -> Vec<Line<'a>> {
        let mut out = Vec::new();
        let mut in_xml_comment = false;
        for (i, text) in text.lines().enumerate() {
            let no = i as u32 + self.first_line;
            let t = text.trim();
            if in_xml_comment {
                if t.contains("-->") {
                    in_xml_comment = false;
                }
                continue;
            }
            if t.starts_with("<!") {
                if !t.starts_with("<!--") {
                    self.problem(no, "malformed comment opener (expected `<!--`)");
                }
                in_xml_comment = !t.contains("-->");
                continue;
            }
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            out.push(Line { no, text });
        }
        out
    }

    // ----------------------------------------------------------------------------- actors

    fn actors(&mut self, lines: &[Line], entries: &mut Entries) {
        // The actor being read; `None` after a bad primary line, so that its synonyms and
        // restrictions are skipped with it.
        let mut current: Option<Actor> = None;
        let mut skipping = false;
        for line in lines {
            let (content, comment) = split_comment(line.text, true);
            if content.trim().is_empty() {
                continue;
            }
            let indented = content.starts_with(char::is_whitespace);
            let trimmed = content.trim();
            if indented && trimmed.starts_with('[') {
                // A restriction line; several brackets may share it.
                if skipping {
                    continue;
                }
                let Some(actor) = current.as_mut() else {
                    self.problem(line.no, "date restriction before any actor");
                    continue;
                };
                let codes = self.bracket_codes(line.no, trimmed);
                match codes {
                    Ok(codes) => add_codes(actor, codes, self.prov(line.no)),
                    Err(msg) => self.problem(line.no, msg),
                }
                continue;
            }
            let (is_synonym, body) = match trimmed.strip_prefix('+') {
                Some(rest) => (true, rest),
                None => (false, trimmed),
            };
            // The name runs to the first `[`; codes may follow on the same line.
            let (name, codes_text) = match body.find('[') {
                Some(at) => (&body[..at], Some(&body[at..])),
                None => (body, None),
            };
            let codes = match codes_text {
                Some(t) => match self.bracket_codes(line.no, t) {
                    Ok(c) => c,
                    Err(msg) => {
                        self.problem(line.no, msg);
                        if !is_synonym {
                            self.flush_actor(&mut current, entries);
                            skipping = true;
                        }
                        continue;
                    }
                },
                None => Vec::new(),
            };
            if let Some(msg) = name_problem(name) {
                self.problem(line.no, msg);
                if !is_synonym {
                    self.flush_actor(&mut current, entries);
                    skipping = true;
                }
                continue;
            }
            // Kept as written: a blank is a gap and a name without a trailing `_` is open
            // (its last word a stem), as PETRARCH-style coders read them.
            let phrase = parse_phrase(name, Join::Gap);
            if phrase.words.is_empty() {
                self.problem(line.no, "empty actor name");
                continue;
            }
            let actor_name = ActorName {
                phrase,
                comment,
                provenance: self.prov(line.no),
            };
            if is_synonym {
                if skipping {
                    continue;
                }
                match current.as_mut() {
                    Some(actor) => {
                        actor.names.push(actor_name);
                        add_codes(actor, codes, self.prov(line.no));
                    }
                    None => self.problem(line.no, "synonym `+` before any actor"),
                }
            } else {
                self.flush_actor(&mut current, entries);
                skipping = false;
                let mut actor = Actor {
                    names: vec![actor_name],
                    default_code: None,
                    dated: Vec::new(),
                    provenance: self.prov(line.no),
                };
                add_codes(&mut actor, codes, self.prov(line.no));
                current = Some(actor);
            }
        }
        self.flush_actor(&mut current, entries);
    }

    fn flush_actor(&mut self, current: &mut Option<Actor>, entries: &mut Entries) {
        if let Some(actor) = current.take() {
            entries.actors.push(actor);
        }
    }

    /// Parses `[A] [B 990101-001231] ...`: one or more bracket groups and nothing else.
    fn bracket_codes(
        &mut self,
        _line: u32,
        text: &str,
    ) -> Result<Vec<(String, Option<DateRange>)>, String> {
        let mut out = Vec::new();
        let mut rest = text.trim();
        while !rest.is_empty() {
            let Some(after_open) = rest.strip_prefix('[') else {
                return Err(format!("unexpected text `{rest}` after the code"));
            };
            let Some(close) = after_open.find(']') else {
                return Err(format!("unclosed bracket in `{}`", text.trim()));
            };
            let inside = &after_open[..close];
            if inside.contains('[') {
                return Err(format!("stray bracket in `{}`", text.trim()));
            }
            out.push(parse_code_restriction(inside)?);
            rest = after_open[close + 1..].trim_start();
        }
        Ok(out)
    }

    // ----------------------------------------------------------------------------- agents

    fn agents(&mut self, lines: &[Line], entries: &mut Entries) {
        let mut markers: Vec<(String, Vec<String>)> = Vec::new();
        for line in lines {
            let (content, comment) = split_comment(line.text, false);
            let t = content.trim();
            if t.is_empty() {
                continue;
            }
            // `!PERSON! = MAN, MEN, ...`: a substitution marker definition.
            if t.starts_with('!') {
                if let Some((lhs, rhs)) = t.split_once('=') {
                    let name = lhs.trim();
                    if name.len() > 2
                        && name.ends_with('!')
                        && !name[1..name.len() - 1].contains('!')
                    {
                        let items: Vec<String> = rhs
                            .split(',')
                            .map(|s| s.chars().filter(|c| !c.is_whitespace()).collect::<String>())
                            .filter(|s| !s.is_empty())
                            .collect();
                        if items.is_empty() {
                            self.problem(
                                line.no,
                                format!("substitution marker {name} has no items"),
                            );
                        } else {
                            markers.retain(|(m, _)| m != name);
                            markers.push((name.to_string(), items));
                        }
                        continue;
                    }
                }
            }
            let Some((before, inside)) = trailing_bracket(t) else {
                self.problem(line.no, format!("agent line without a `[code]`: `{t}`"));
                continue;
            };
            let inside = inside.trim();
            let (code, position) = if let Some(c) = inside.strip_prefix('~') {
                (c, AgentPosition::Suffix)
            } else if let Some(c) = inside.strip_suffix('~') {
                (c, AgentPosition::Prefix)
            } else {
                self.problem(line.no, format!("agent code `[{inside}]` has no `~`"));
                continue;
            };
            if code.is_empty() || code.contains(|c: char| c.is_whitespace() || "[]{}~".contains(c))
            {
                self.problem(line.no, format!("malformed agent code `[{inside}]`"));
                continue;
            }
            // Optional `{plurals}` between the phrase and the code.
            let (phrase_text, plurals) = match before.find('{') {
                Some(open) => {
                    let Some(close) = before[open..].find('}').map(|c| c + open) else {
                        self.problem(line.no, "unclosed `{` in agent line");
                        continue;
                    };
                    if !before[close + 1..].trim().is_empty() {
                        self.problem(line.no, "text between `{...}` and the code");
                        continue;
                    }
                    let forms: Vec<Phrase> = before[open + 1..close]
                        .split_whitespace()
                        .map(|f| parse_phrase(f, Join::Gap))
                        .collect();
                    let plurals = if forms.is_empty() {
                        Plurals::None
                    } else {
                        Plurals::Irregular(forms)
                    };
                    (&before[..open], plurals)
                }
                None => (before, Plurals::Regular),
            };
            if let Some(msg) = name_problem(phrase_text) {
                self.problem(line.no, msg);
                continue;
            }
            // Expand substitution markers: each item replaces the marker, no plurals.
            let mut expansions = vec![phrase_text.trim().to_string()];
            let mut marked = false;
            let mut rounds = 0;
            while let Some(start) = expansions.first().and_then(|e| e.find('!')) {
                rounds += 1;
                if rounds > 8 {
                    self.problem(line.no, "too many substitution markers");
                    expansions.clear();
                    break;
                }
                let Some(len) = expansions[0][start + 1..].find('!') else {
                    break;
                };
                let marker = expansions[0][start..start + len + 2].to_string();
                let Some((_, items)) = markers.iter().find(|(m, _)| *m == marker) else {
                    self.problem(line.no, format!("undefined substitution marker {marker}"));
                    expansions.clear();
                    break;
                };
                marked = true;
                expansions = expansions
                    .iter()
                    .flat_map(|e| items.iter().map(|item| e.replacen(&marker, item, 1)))
                    .collect();
            }
            for text in expansions {
                let mut phrase = parse_phrase(&text, Join::Gap);
                // A trailing `_` means nothing for agents (they match whole tokens).
                phrase.closed = false;
                if phrase.words.is_empty() {
                    self.problem(line.no, "empty agent phrase");
                    continue;
                }
                entries.agents.push(Agent {
                    phrase,
                    plurals: if marked {
                        Plurals::None
                    } else {
                        plurals.clone()
                    },
                    code: code.to_string(),
                    position,
                    comment: comment.clone(),
                    provenance: self.prov(line.no),
                });
            }
        }
    }

    // ----------------------------------------------------------------------------- discards

    fn discards(&mut self, lines: &[Line], entries: &mut Entries) {
        for line in lines {
            let (content, comment) = split_comment(line.text, false);
            let t = content.trim();
            if t.is_empty() {
                continue;
            }
            let (scope, body) = match t.strip_prefix('+') {
                Some(rest) => (DiscardScope::Story, rest),
                None => (DiscardScope::Sentence, t),
            };
            if let Some(msg) = name_problem(body) {
                self.problem(line.no, msg);
                continue;
            }
            let phrase = parse_phrase(body, Join::Adjacent);
            if phrase.words.is_empty() {
                self.problem(line.no, "empty discard phrase");
                continue;
            }
            entries.discards.push(Discard {
                phrase,
                scope,
                comment,
                provenance: self.prov(line.no),
            });
        }
    }

    // ----------------------------------------------------------------------------- issues

    fn issues(&mut self, lines: &[Line], entries: &mut Entries) {
        let mut category: Option<usize> = None;
        for line in lines {
            let (content, comment) = split_comment(line.text, false);
            let t = content.trim();
            if t.is_empty() {
                continue;
            }
            if let Some(tag) = t.strip_prefix("<ISSUE") {
                let Some(attrs) = tag.trim().strip_suffix('>') else {
                    self.problem(line.no, "unclosed <ISSUE tag");
                    continue;
                };
                let attributes = parse_attributes(attrs);
                let name = attributes
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("CATEGORY"))
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                entries.issue_categories.push(IssueCategory {
                    name,
                    attributes,
                    provenance: self.prov(line.no),
                });
                category = Some(entries.issue_categories.len() - 1);
                continue;
            }
            if t.starts_with("</ISSUE") {
                category = None;
                continue;
            }
            let (ignore, body, code) = if let Some(rest) = t.strip_prefix("~~") {
                (Some(2), rest, None)
            } else if let Some(rest) = t.strip_prefix('~') {
                (Some(1), rest, None)
            } else {
                match trailing_bracket(t) {
                    Some((before, inside)) => {
                        let inside = inside.trim();
                        if inside.is_empty() || inside.contains(char::is_whitespace) {
                            self.problem(line.no, format!("malformed issue code `[{inside}]`"));
                            continue;
                        }
                        (None, before, Some(inside.to_string()))
                    }
                    None => {
                        self.problem(line.no, format!("issue line without a `[code]`: `{t}`"));
                        continue;
                    }
                }
            };
            if body.contains(['[', ']']) {
                self.problem(
                    line.no,
                    format!("stray bracket in issue phrase `{}`", body.trim()),
                );
                continue;
            }
            let words: Vec<IssueWord> = body.split_whitespace().map(parse_issue_word).collect();
            if words.is_empty()
                || words
                    .iter()
                    .any(|w| w.parts.iter().any(|p| p.text.is_empty()))
            {
                self.problem(
                    line.no,
                    format!("empty word in issue phrase `{}`", body.trim()),
                );
                continue;
            }
            entries.issues.push(Issue {
                words,
                code,
                ignore,
                category,
                comment,
                provenance: self.prov(line.no),
            });
        }
    }

    // ----------------------------------------------------------------------------- verbs

    fn verbs(&mut self, lines: &[Line], entries: &mut Entries) {
        // What a `+` line belongs to: the synset just opened, or the verb block.
        enum Ctx {
            None,
            Synset,
            Block,
        }
        let mut ctx = Ctx::None;
        let mut block: Option<VerbBlock> = None;
        // After a bad block header its verbs and patterns are skipped without a report each.
        let mut skip_block = false;
        for line in lines {
            let (content, comment) = split_comment(line.text, false);
            let t = content.trim();
            if t.is_empty() {
                continue;
            }
            if skip_block && !t.starts_with("---") && !t.starts_with(['&', '~']) {
                continue;
            }
            if t.starts_with("---") {
                if let Some(b) = block.take() {
                    entries.verb_blocks.push(b);
                }
                let outside_code: String = match (t.find('['), t.rfind(']')) {
                    (Some(a), Some(b)) if a < b => format!("{}{}", &t[..a], &t[b + 1..]),
                    _ => t.to_string(),
                };
                if outside_code.matches("---").count() > 2 {
                    self.problem(
                        line.no,
                        format!("extra `---` in verb block header `{t}` (read as one header)"),
                    );
                }
                skip_block = false;
                match parse_block_header(t) {
                    Ok((name, code, extra_codes)) => {
                        if !extra_codes.is_empty() {
                            self.problem(
                                line.no,
                                format!(
                                    "verb block {name} has {} codes: the first, [{}], is the block's code; the others are kept but not used",
                                    extra_codes.len() + 1,
                                    code.as_written()
                                ),
                            );
                        }
                        block = Some(VerbBlock {
                            name,
                            code,
                            extra_codes,
                            verbs: Vec::new(),
                            patterns: Vec::new(),
                            provenance: self.prov(line.no),
                        });
                        ctx = Ctx::Block;
                    }
                    Err(msg) => {
                        self.problem(
                            line.no,
                            format!("{msg}; the block's verbs and patterns are skipped"),
                        );
                        ctx = Ctx::None;
                        skip_block = true;
                    }
                }
                continue;
            }
            if let Some(rest) = t.strip_prefix('&') {
                skip_block = false;
                let label = rest.trim();
                if label.is_empty() || label.contains(char::is_whitespace) {
                    self.problem(line.no, format!("malformed synset label `&{label}`"));
                    ctx = Ctx::None;
                    continue;
                }
                let (name, no_plurals) = match label.strip_suffix('_') {
                    Some(n) => (n.to_string(), true),
                    None => (label.to_string(), false),
                };
                entries.synsets.push(Synset {
                    name,
                    no_plurals,
                    members: Vec::new(),
                    comment,
                    provenance: self.prov(line.no),
                });
                ctx = Ctx::Synset;
                continue;
            }
            if let Some(rest) = t.strip_prefix('~') {
                match parse_transformation(rest) {
                    Ok(mut tr) => {
                        tr.comment = comment;
                        tr.provenance = self.prov(line.no);
                        entries.transformations.push(tr);
                    }
                    Err(msg) => self.problem(line.no, msg),
                }
                continue;
            }
            if let Some(body) = t.strip_prefix('-') {
                let Some(b) = block.as_mut() else {
                    self.problem(line.no, "pattern outside any verb block");
                    continue;
                };
                match parse_pattern(body, &entries.synsets) {
                    Ok((before, verb_join, after, code)) => b.patterns.push(Pattern {
                        before,
                        verb_join,
                        after,
                        code,
                        comment,
                        provenance: self.prov(line.no),
                    }),
                    Err(msg) => self.problem(line.no, msg),
                }
                ctx = Ctx::Block;
                continue;
            }
            if matches!(ctx, Ctx::Synset) && t.starts_with('+') {
                let member_text = t[1..].trim();
                let prov = Provenance {
                    file: self.file.clone(),
                    line: line.no,
                };
                if let Some(name) = member_text.strip_prefix('&') {
                    let name = name.trim_end_matches('_').to_string();
                    if !entries.synsets[..entries.synsets.len() - 1]
                        .iter()
                        .any(|s| s.name.eq_ignore_ascii_case(&name))
                    {
                        self.problem(line.no, format!("synset &{name} used before it is defined"));
                        continue;
                    }
                    if let Some(set) = entries.synsets.last_mut() {
                        set.members.push(SynsetMember::Synset {
                            name,
                            provenance: prov,
                        });
                    }
                    continue;
                }
                if member_text.contains(['$', '%', '^', '*', '[', ']', '{', '}', '(', ')'])
                    || member_text.contains('+')
                {
                    self.problem(
                        line.no,
                        format!("synset member `{member_text}` is not words"),
                    );
                    continue;
                }
                let phrase = parse_phrase(member_text, Join::Adjacent);
                if phrase.words.is_empty() {
                    self.problem(line.no, "empty synset member");
                    continue;
                }
                if let Some(set) = entries.synsets.last_mut() {
                    set.members.push(SynsetMember::Phrase {
                        phrase,
                        provenance: prov,
                    });
                }
                continue;
            }
            // Otherwise: a verb of the current block.
            let Some(b) = block.as_mut() else {
                self.problem(line.no, format!("verb `{t}` outside any verb block"));
                continue;
            };
            ctx = Ctx::Block;
            // TABARI's `;` comments survive in a few verb lines: read them as comments.
            let (t, comment) = match (t.find(';'), comment) {
                (Some(at), None) => {
                    self.problem(
                        line.no,
                        format!("`;` comment in verb line `{t}` (read as a comment)"),
                    );
                    let c = t[at + 1..].trim();
                    (t[..at].trim(), (!c.is_empty()).then(|| c.to_string()))
                }
                (_, comment) => (t, comment),
            };
            match parse_verb(t) {
                Ok(mut verb) => {
                    verb.comment = comment;
                    verb.provenance = self.prov(line.no);
                    b.verbs.push(verb);
                }
                Err(msg) => self.problem(line.no, msg),
            }
        }
        if let Some(b) = block.take() {
            entries.verb_blocks.push(b);
        }
    }
}

fn add_codes(actor: &mut Actor, codes: Vec<(String, Option<DateRange>)>, prov: Provenance) {
    for (code, range) in codes {
        match range {
            None => actor.default_code = Some(code),
            Some(range) => actor.dated.push(DatedCode {
                code,
                range,
                provenance: prov.clone(),
            }),
        }
    }
}

/// Parses `KEY="value" KEY2="value"` attributes.
fn parse_attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let (value, next) = if let Some(q) = after.strip_prefix('"') {
            match q.find('"') {
                Some(end) => (&q[..end], &q[end + 1..]),
                None => (q, ""),
            }
        } else {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        out.push((key, value.to_string()));
        rest = next.trim_start();
    }
    out
}

fn parse_issue_word(word: &str) -> IssueWord {
    IssueWord {
        parts: word
            .split('+')
            .map(|part| {
                if let Some(t) = part.strip_prefix("n:") {
                    IssuePart {
                        text: t.to_string(),
                        expansion: Expansion::Noun,
                    }
                } else if let Some(t) = part.strip_prefix("v:") {
                    IssuePart {
                        text: t.to_string(),
                        expansion: Expansion::Verb,
                    }
                } else {
                    IssuePart {
                        text: part.to_string(),
                        expansion: Expansion::None,
                    }
                }
            })
            .collect(),
    }
}

/// Parses the inside of a verb-dictionary `[...]` code.
pub fn parse_event_code(inside: &str) -> Result<EventCode, String> {
    let c = inside.trim();
    if c.is_empty() || c.contains(char::is_whitespace) || c.contains(['[', ']']) {
        return Err(format!("malformed event code `[{inside}]`"));
    }
    Ok(match c {
        "---" => EventCode::Null,
        "###" => EventCode::Discard,
        _ => match c.split_once(':') {
            Some((a, b)) => {
                if b.contains(':') {
                    return Err(format!("malformed event code `[{inside}]`"));
                }
                let side = |s: &str| (!s.is_empty()).then(|| s.to_string());
                EventCode::Pair(side(a), side(b))
            }
            None => EventCode::Single(c.to_string()),
        },
    })
}

/// `--- NAME [CODE] ---` → (name, code, further codes). A missing code is the null code;
/// `--- NAME [A] [B] ---` gives `A` and the further code `B`.
fn parse_block_header(t: &str) -> Result<(String, EventCode, Vec<EventCode>), String> {
    let inner = t
        .trim_start_matches('-')
        .trim_end_matches(|c: char| c == '-' || c.is_whitespace())
        .trim();
    // Bracket groups are taken off the end, so they come out last first.
    let mut name = inner;
    let mut codes = Vec::new();
    while let Some((before, code)) = trailing_bracket(name) {
        codes.push(parse_event_code(code)?);
        name = before.trim();
    }
    codes.reverse();
    if name.is_empty() {
        return Err("verb block without a name".to_string());
    }
    if name.contains(['[', ']']) {
        return Err(format!("stray bracket in verb block header `{t}`"));
    }
    let mut codes = codes.into_iter();
    let code = codes.next().unwrap_or(EventCode::Null);
    Ok((name.to_string(), code, codes.collect()))
}

/// Writes a verb block header `--- NAME [CODE] ---` (with any further codes), as both
/// writers do.
pub(crate) fn block_header(b: &VerbBlock) -> String {
    let mut s = format!("--- {} [{}]", b.name, b.code.as_written());
    for c in &b.extra_codes {
        s.push_str(&format!("  [{}]", c.as_written()));
    }
    s.push_str(" ---");
    s
}

/// Splits a verb phrase `WIRE_+TAP` into words and the head index.
fn parse_verb_form(text: &str) -> Result<VerbForm, String> {
    let pieces: Vec<&str> = text.split('_').filter(|p| !p.is_empty()).collect();
    if pieces.is_empty() {
        return Err(format!("empty verb form `{text}`"));
    }
    let marked: Vec<usize> = pieces
        .iter()
        .enumerate()
        .filter(|(_, p)| p.starts_with('+'))
        .map(|(i, _)| i)
        .collect();
    let head = match (pieces.len(), marked.as_slice()) {
        (1, _) => 0,
        (_, [one]) => *one,
        (_, []) => return Err(format!("multi-word verb `{text}` has no `+` head")),
        _ => return Err(format!("multi-word verb `{text}` has several `+` heads")),
    };
    let words: Vec<String> = pieces
        .iter()
        .map(|p| p.trim_start_matches('+').to_string())
        .collect();
    if words.iter().any(|w| {
        w.is_empty() || w.contains(|c: char| "+*$%^&[]{}()~".contains(c) || c.is_whitespace())
    }) {
        return Err(format!("malformed verb `{text}`"));
    }
    Ok(VerbForm { words, head })
}

/// `VERB {FORMS} [CODE]` (comment already removed).
fn parse_verb(t: &str) -> Result<Verb, String> {
    let (rest, code) = match trailing_bracket(t) {
        Some((before, inside)) => (before, Some(parse_event_code(inside)?)),
        None => (t, None),
    };
    let (main, irregular) = match rest.find('{') {
        Some(open) => {
            let close = rest[open..]
                .find('}')
                .map(|c| c + open)
                .ok_or_else(|| format!("unclosed `{{` in verb line `{t}`"))?;
            if !rest[close + 1..].trim().is_empty() {
                return Err(format!("text after `}}` in verb line `{t}`"));
            }
            let forms = rest[open + 1..close]
                .split_whitespace()
                .map(parse_verb_form)
                .collect::<Result<Vec<_>, _>>()?;
            (&rest[..open], Some(forms))
        }
        None => (rest, None),
    };
    let main = main.trim();
    if main.contains(char::is_whitespace) {
        return Err(format!("verb `{main}` contains a blank (use `_`)"));
    }
    let form = parse_verb_form(main)?;
    Ok(Verb {
        words: form.words,
        head: form.head,
        irregular,
        code,
        comment: None,
        provenance: Provenance::default(),
    })
}

/// A lexical token of a pattern.
#[derive(Debug, PartialEq)]
enum Tok {
    Item(String),
    /// `_` glue between two items.
    Glue,
    Space,
    Open(char),
    Close(char),
}

fn lex_pattern(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, toks: &mut Vec<Tok>| {
        if !word.is_empty() {
            toks.push(Tok::Item(std::mem::take(word)));
        }
    };
    for c in text.chars() {
        match c {
            '_' => {
                flush(&mut word, &mut toks);
                toks.push(Tok::Glue);
            }
            '(' | '{' => {
                flush(&mut word, &mut toks);
                toks.push(Tok::Open(c));
            }
            ')' | '}' => {
                flush(&mut word, &mut toks);
                toks.push(Tok::Close(c));
            }
            c if c.is_whitespace() => {
                flush(&mut word, &mut toks);
                if !matches!(toks.last(), Some(Tok::Space)) {
                    toks.push(Tok::Space);
                }
            }
            '*' | '$' | '%' | '^' => {
                flush(&mut word, &mut toks);
                toks.push(Tok::Item(c.to_string()));
            }
            '+' if word.is_empty() => toks.push(Tok::Item("+".to_string())),
            _ => word.push(c),
        }
    }
    flush(&mut word, &mut toks);
    toks
}

/// One parsed slot or the verb marker, in written order.
enum Parsed {
    Verb(Join),
    Slot(Slot),
}

type PatternParts = (Vec<Slot>, Join, Vec<Slot>, EventCode);

/// Parses a pattern body `BEFORE * AFTER [CODE]` (after the leading `-`).
fn parse_pattern(body: &str, synsets: &[Synset]) -> Result<PatternParts, String> {
    let (elems, code) = trailing_bracket(body)
        .ok_or_else(|| format!("pattern without a `[code]`: `{}`", body.trim()))?;
    let code = parse_event_code(code)?;
    if elems.contains(['[', ']']) {
        return Err(format!("stray bracket in pattern `{}`", body.trim()));
    }
    let toks = lex_pattern(elems);
    let mut pos = 0;
    let items = parse_seq(&toks, &mut pos, None, synsets)?;
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut verb_join = None;
    for item in items {
        match item {
            Parsed::Verb(j) => {
                if verb_join.is_some() {
                    return Err("pattern has more than one `*`".to_string());
                }
                verb_join = Some(j);
            }
            Parsed::Slot(s) => {
                if verb_join.is_some() {
                    after.push(s)
                } else {
                    before.push(s)
                }
            }
        }
    }
    let verb_join = verb_join.ok_or_else(|| "pattern without the verb `*`".to_string())?;
    if let Some(first) = before.first_mut() {
        first.join = Join::Gap;
    }
    Ok((before, verb_join, after, code))
}

/// Parses items until `close` (or the end), attaching to each the join written before it.
fn parse_seq(
    toks: &[Tok],
    pos: &mut usize,
    close: Option<char>,
    synsets: &[Synset],
) -> Result<Vec<Parsed>, String> {
    let mut out: Vec<Parsed> = Vec::new();
    let mut join = Join::Gap;
    let mut glue_pending = false;
    while *pos < toks.len() {
        let tok = &toks[*pos];
        *pos += 1;
        match tok {
            Tok::Space => {
                if glue_pending {
                    // `WORD_ ` : a closed word, not glue to the next item.
                    if let Some(Parsed::Slot(Slot {
                        element: Element::Word { closed, .. },
                        ..
                    })) = out.last_mut()
                    {
                        *closed = true;
                    }
                    glue_pending = false;
                }
                join = Join::Gap;
            }
            Tok::Glue => {
                glue_pending = true;
                join = Join::Adjacent;
            }
            Tok::Close(c) => {
                if Some(*c) != close {
                    return Err(format!("unbalanced `{c}` in pattern"));
                }
                if glue_pending {
                    if let Some(Parsed::Slot(Slot {
                        element: Element::Word { closed, .. },
                        ..
                    })) = out.last_mut()
                    {
                        *closed = true;
                    }
                }
                return Ok(out);
            }
            Tok::Open(c) => {
                let want = if *c == '(' { ')' } else { '}' };
                let inner = parse_seq(toks, pos, Some(want), synsets)?;
                let mut elems = Vec::new();
                for p in inner {
                    match p {
                        Parsed::Slot(s) => elems.push(s.element),
                        Parsed::Verb(_) => return Err("`*` inside a bracketed group".to_string()),
                    }
                }
                if elems.is_empty() && *c == '{' {
                    return Err("empty `{}` in pattern".to_string());
                }
                if elems.is_empty() {
                    return Err("empty `()` in pattern".to_string());
                }
                let element = if *c == '(' {
                    Element::Prep(elems)
                } else {
                    Element::NounPhrase(elems)
                };
                out.push(Parsed::Slot(Slot { element, join }));
                join = Join::Gap;
                glue_pending = false;
            }
            Tok::Item(s) => {
                if s == "*" {
                    out.push(Parsed::Verb(join));
                } else {
                    let element = match s.as_str() {
                        "$" => Element::Source,
                        "+" => Element::Target,
                        "%" => Element::Compound,
                        "^" => Element::Skip,
                        _ => {
                            if let Some(name) = s.strip_prefix('&') {
                                if !synsets
                                    .iter()
                                    .any(|set| set.name.eq_ignore_ascii_case(name))
                                {
                                    return Err(format!("undefined synset &{name}"));
                                }
                                Element::Synset(name.to_string())
                            } else {
                                if s.contains(['&', '~']) {
                                    return Err(format!("malformed pattern word `{s}`"));
                                }
                                Element::Word {
                                    text: s.clone(),
                                    closed: false,
                                }
                            }
                        }
                    };
                    out.push(Parsed::Slot(Slot { element, join }));
                }
                join = Join::Gap;
                glue_pending = false;
            }
        }
    }
    if let Some(c) = close {
        return Err(format!("unclosed group (missing `{c}`) in pattern"));
    }
    if glue_pending {
        if let Some(Parsed::Slot(Slot {
            element: Element::Word { closed, .. },
            ..
        })) = out.last_mut()
        {
            *closed = true;
        }
    }
    Ok(out)
}

fn parse_t_actor(s: &str) -> Result<TransformActor, String> {
    match s {
        "." => Ok(TransformActor::Unspecified),
        "_" => Ok(TransformActor::Absent),
        v if !v.is_empty() && v.chars().all(|c| c.is_ascii_lowercase()) => {
            Ok(TransformActor::Var(v.to_string()))
        }
        _ => Err(format!(
            "transformation actor `{s}` is not a letter, `.` or `_`"
        )),
    }
}

fn parse_t_verb(s: &str) -> TransformVerb {
    if s == "Q" {
        TransformVerb::Any
    } else {
        TransformVerb::Name(s.to_string())
    }
}

/// `a (a b ATTACK) SAY = a b 138` (after the `~`).
fn parse_transformation(text: &str) -> Result<Transformation, String> {
    let (lhs, rhs) = text
        .split_once('=')
        .ok_or_else(|| "transformation without `=`".to_string())?;
    let open = lhs.find('(').ok_or("transformation without `(`")?;
    let close = lhs.find(')').ok_or("transformation without `)`")?;
    if close < open {
        return Err("transformation with `)` before `(`".to_string());
    }
    let source = lhs[..open].trim();
    let inner: Vec<&str> = lhs[open + 1..close].split_whitespace().collect();
    let verb = lhs[close + 1..].trim();
    let result: Vec<&str> = rhs.split_whitespace().collect();
    if inner.len() != 3
        || verb.is_empty()
        || verb.contains(char::is_whitespace)
        || result.len() != 3
    {
        return Err("transformation is not `~ a (b c VERB) VERB = d e CODE`".to_string());
    }
    Ok(Transformation {
        source: parse_t_actor(source)?,
        inner_source: parse_t_actor(inner[0])?,
        inner_target: parse_t_actor(inner[1])?,
        inner_verb: parse_t_verb(inner[2]),
        verb: parse_t_verb(verb),
        result_source: parse_t_actor(result[0])?,
        result_target: parse_t_actor(result[1])?,
        result_code: (result[2] != "Q").then(|| result[2].to_string()),
        comment: None,
        provenance: Provenance::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(kind: Kind, text: &str) -> (Entries, Vec<Problem>) {
        let mut e = Entries::default();
        let mut p = Vec::new();
        read(kind, "t.txt", text, &mut e, &mut p);
        (e, p)
    }

    #[test]
    fn actors_with_synonyms_and_dated_codes() {
        let text = "AFGHANISTAN_  [AFG]\n+AFGHAN_\n\nABDUL_QADIR_  ; CountryInfo.txt\n\t[AFGELI 620101-780427]\n\t[AFGGOV 780427-780430]\n\t[AFGELI]\nGEORGE_ROBERTSON_\t[IGOWSTNAT 991014-031217]\t# NATO\n";
        let (e, p) = read_str(Kind::Actors, text);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(e.actors.len(), 3);
        assert_eq!(e.actors[0].names.len(), 2);
        assert_eq!(e.actors[0].default_code.as_deref(), Some("AFG"));
        let q = &e.actors[1];
        assert_eq!(q.dated.len(), 2);
        assert_eq!(q.default_code.as_deref(), Some("AFGELI"));
        assert_eq!(q.code_at(Some(Date::constant(1978, 4, 28))), Some("AFGGOV"));
        assert_eq!(q.names[0].comment.as_deref(), Some("CountryInfo.txt"));
        let r = &e.actors[2];
        assert_eq!(
            r.code_at(Some(Date::constant(2001, 6, 1))),
            Some("IGOWSTNAT")
        );
        assert_eq!(r.code_at(Some(Date::constant(2005, 6, 1))), None);
        assert_eq!(r.names[0].phrase.words, vec!["GEORGE", "ROBERTSON"]);
    }

    #[test]
    fn actor_problems_are_reported_and_skipped() {
        let text = "GOOD_ [A]\nBAD_ [B\n+SYN_OF_BAD\n\t[C 990101-980101]\nSTANKO_TODOROV (ACTING_\nNEXT [N]\n";
        let (e, p) = read_str(Kind::Actors, text);
        let lines: Vec<u32> = p.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 5]);
        assert_eq!(e.actors.len(), 2);
        assert_eq!(e.actors[1].default_code.as_deref(), Some("N"));
        let (_, p) = read_str(Kind::Actors, "X [C 991301]\n");
        assert_eq!(p.len(), 1, "{p:?}");
    }

    #[test]
    fn agents_with_plurals_markers_and_positions() {
        let text = "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\nPOLICE {} [~COP]\nHUMAN_RIGHTS_BODY  [NGO~] # x\nCHIEF EXECUTIVE [~GOV]\nDEPARMENT_OF_ENVIRONMENT [~ENV}\n";
        let (e, p) = read_str(Kind::Agents, text);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, 7);
        assert_eq!(e.agents.len(), 6);
        assert_eq!(e.agents[0].phrase.words, vec!["CONGRESSMAN"]);
        assert_eq!(e.agents[0].plurals, Plurals::None);
        assert!(matches!(e.agents[2].plurals, Plurals::Irregular(ref v) if v.len() == 1));
        assert_eq!(e.agents[3].plurals, Plurals::None);
        assert_eq!(e.agents[4].position, AgentPosition::Prefix);
        assert_eq!(e.agents[5].phrase.joins, vec![Join::Gap]);
    }

    #[test]
    fn verbs_synsets_blocks_patterns_transformations() {
        let text = "&CURRENCY\n+DOLLARS\n+SWISS FRANCS\n&AUX_\n+WILL\n--- ABANDON [345] ---\nABANDON # c\n+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF}\nWIRE_+TAP [002]\n- * NEW_&CURRENCY_RELATIONS [903]\n- + KNOWN_ * IN_ $  [076]\n- % SAID WOULD_*_TALKS [102]\n- * (FOR {FINANCIAL AID}) (WITH) [073]\n- * TALKS [032:032]\n- * X [:173]\n~ a (a b ATTACK) SAY = a b 138\n";
        let (e, p) = read_str(Kind::Verbs, text);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(e.synsets.len(), 2);
        assert!(e.synsets[1].no_plurals);
        let b = &e.verb_blocks[0];
        assert_eq!(b.code, EventCode::Single("345".into()));
        assert_eq!(b.verbs.len(), 3);
        assert_eq!(b.verbs[1].words, vec!["CORDON", "OFF"]);
        assert_eq!(b.verbs[1].irregular.as_ref().map(Vec::len), Some(2));
        assert_eq!(b.verbs[2].head, 1);
        let p0 = &b.patterns[0];
        assert_eq!(p0.after.len(), 3);
        assert_eq!(p0.after[1].element, Element::Synset("CURRENCY".into()));
        assert_eq!(p0.after[1].join, Join::Adjacent);
        let p1 = &b.patterns[1];
        assert_eq!(p1.before[0].element, Element::Target);
        assert_eq!(
            p1.before[1].element,
            Element::Word {
                text: "KNOWN".into(),
                closed: true
            }
        );
        assert_eq!(p1.verb_join, Join::Gap);
        let p2 = &b.patterns[2];
        assert_eq!(p2.verb_join, Join::Adjacent);
        assert_eq!(p2.after[0].join, Join::Adjacent);
        let p3 = &b.patterns[3];
        assert!(
            matches!(&p3.after[0].element, Element::Prep(v) if matches!(v[1], Element::NounPhrase(_)))
        );
        assert_eq!(
            b.patterns[5].code,
            EventCode::Pair(None, Some("173".into()))
        );
        assert_eq!(e.transformations[0].result_code.as_deref(), Some("138"));
    }

    #[test]
    fn verb_problems() {
        let text = "- * X [010]\n--- A [01] ---\nA_B\n- * &NOPE [010]\n- X Y [010]\n- * (X [010]\n";
        let (_, p) = read_str(Kind::Verbs, text);
        let lines: Vec<u32> = p.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![1, 3, 4, 5, 6], "{p:?}");
    }

    #[test]
    fn discards_and_issues() {
        let (e, p) = read_str(Kind::Discards, "+ACADEMY AWARD # x\nBASEBALL\nWORLD_CUP_\n");
        assert!(p.is_empty());
        assert_eq!(e.discards[0].scope, DiscardScope::Story);
        assert!(e.discards[2].phrase.closed);
        let text = "<ISSUE CATEGORY=\"ID_ATROCITY\" TYPE=\"ALL\">\nn:atrocity [ID_ATROCITY]\npre+n:school [S]\n~Saturday Night massacre\n~~Armenian genocide # h\nno code here\n</ISSUE>\n";
        let (e, p) = read_str(Kind::Issues, text);
        assert_eq!(p.len(), 1);
        assert_eq!(e.issues.len(), 4);
        assert_eq!(e.issue_categories[0].name, "ID_ATROCITY");
        assert_eq!(e.issues[1].words[0].parts[1].expansion, Expansion::Noun);
        assert_eq!(e.issues[3].ignore, Some(2));
        assert_eq!(e.issues[0].category, Some(0));
    }

    #[test]
    fn two_digit_years_pivot_at_30() {
        assert_eq!(parse_compact_date("300101"), Ok(Date::constant(1930, 1, 1)));
        assert_eq!(
            parse_compact_date("291231"),
            Ok(Date::constant(2029, 12, 31))
        );
        assert_eq!(
            parse_compact_date("19991231"),
            Ok(Date::constant(1999, 12, 31))
        );
        assert!(parse_compact_date("990230").is_err());
        assert!(parse_compact_date("9008223").is_err());
    }

    #[test]
    fn kinds_by_name() {
        assert_eq!(Kind::of_petrarch_name("x/CAMEO.2.0.txt"), Some(Kind::Verbs));
        assert_eq!(
            Kind::of_petrarch_name("Phoenix.IssueCoding.txt"),
            Some(Kind::Issues)
        );
        assert_eq!(Kind::of_petrarch_name("a.actors.txt"), Some(Kind::Actors));
        assert_eq!(Kind::of_petrarch_name("a.txt"), None);
    }
}
