//! Writers for both formats: PETRARCH2's (the inverse of [`crate::petrarch`]) and dyad's own
//! (the inverse of [`crate::own`]). One writer walks the entries for both; the formats differ
//! only in how a name, a code or a marker is spelled, which [`Format`] decides. Reading a
//! written file gives back an equal model (provenance aside). Words keep their case.

use std::fmt::Write as _;

use crate::model::*;
use crate::petrarch::Kind;
use crate::Format;

/// Writes `entries` of `kind` in the PETRARCH format.
pub fn write(kind: Kind, entries: &Entries) -> String {
    write_in(Format::Petrarch, kind, entries)
}

/// Writes `entries` of `kind` in `format`.
pub(crate) fn write_in(format: Format, kind: Kind, entries: &Entries) -> String {
    let mut out = match format {
        Format::Petrarch => format!(
            "# {} exported by dyad (PETRARCH format)\n\n",
            capitalised(kind.name())
        ),
        Format::Own => "# dyad dictionary (format: docs/dictionaries.md)\n\n".to_string(),
    };
    match kind {
        Kind::Actors => actors(format, entries, &mut out),
        Kind::Agents => agents(format, entries, &mut out),
        Kind::Verbs => verbs(format, entries, &mut out),
        Kind::Discards => discards(format, entries, &mut out),
        Kind::Issues => issues(format, entries, &mut out),
    }
    out
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn comment(out: &mut String, c: &Option<String>) {
    if let Some(c) = c {
        let _ = write!(out, "  # {c}");
    }
}

/// A phrase as written in `format`. PETRARCH: `A_B C` (`_` consecutive, blank gap), a
/// trailing `_` when closed. dyad: `A B ... C` (blank consecutive, `...` gap), a trailing
/// `*` when open.
fn phrase(format: Format, p: &Phrase) -> String {
    let mut s = String::new();
    push_phrase(format, p, &mut s);
    s
}

/// [`phrase`] appended to `out`.
fn push_phrase(format: Format, p: &Phrase, out: &mut String) {
    let (adjacent, gap) = match format {
        Format::Petrarch => ("_", " "),
        Format::Own => (" ", " ... "),
    };
    for (i, w) in p.words.iter().enumerate() {
        if i > 0 {
            out.push_str(match p.joins.get(i - 1) {
                Some(Join::Gap) => gap,
                _ => adjacent,
            });
        }
        out.push_str(w);
    }
    match format {
        Format::Petrarch if p.closed => out.push('_'),
        Format::Own if !p.closed => out.push('*'),
        _ => {}
    }
}

/// The `+` that opens a synonym or a story-wide discard.
fn plus(format: Format) -> &'static str {
    match format {
        Format::Petrarch => "+",
        Format::Own => "+ ",
    }
}

fn date(format: Format, d: dyad_doc::Date) -> String {
    match format {
        Format::Petrarch => format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()),
        Format::Own => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
    }
}

fn actors(format: Format, e: &Entries, out: &mut String) {
    for a in &e.actors {
        for (i, n) in a.names.iter().enumerate() {
            if i > 0 {
                out.push_str(plus(format));
            }
            push_phrase(format, &n.phrase, out);
            if let (0, Some(c)) = (i, &a.default_code) {
                let gap = if format == Format::Petrarch {
                    "  "
                } else {
                    " "
                };
                let _ = write!(out, "{gap}[{c}]");
            }
            comment(out, &n.comment);
            out.push('\n');
        }
        for d in &a.dated {
            let date = |x| date(format, x);
            let r = match (format, d.range) {
                (Format::Petrarch, DateRange::Before(x)) => format!("<{}", date(x)),
                (Format::Petrarch, DateRange::After(x)) => format!(">{}", date(x)),
                (Format::Petrarch, DateRange::Between(x, y)) => format!("{}-{}", date(x), date(y)),
                (Format::Own, DateRange::Before(x)) => format!("..{}", date(x)),
                (Format::Own, DateRange::After(x)) => format!("{}..", date(x)),
                (Format::Own, DateRange::Between(x, y)) => format!("{}..{}", date(x), date(y)),
            };
            let _ = match format {
                Format::Petrarch => writeln!(out, "\t[{} {r}]", d.code),
                Format::Own => writeln!(out, "    {} {r}", d.code),
            };
        }
    }
}

fn agents(format: Format, e: &Entries, out: &mut String) {
    // Agents match whole tokens: dyad's format writes them without `*`.
    let whole = |p: &Phrase| match format {
        Format::Petrarch => phrase(format, p),
        Format::Own => {
            let mut p = p.clone();
            p.closed = true;
            phrase(format, &p)
        }
    };
    for a in &e.agents {
        out.push_str(&whole(&a.phrase));
        match &a.plurals {
            Plurals::Regular => {}
            Plurals::None => out.push_str(" {}"),
            Plurals::Irregular(forms) => {
                let f: Vec<String> = forms.iter().map(whole).collect();
                let sep = if format == Format::Petrarch {
                    " "
                } else {
                    " | "
                };
                let _ = write!(out, " {{{}}}", f.join(sep));
            }
        }
        let code = match a.position {
            AgentPosition::Suffix => format!("~{}", a.code),
            AgentPosition::Prefix => format!("{}~", a.code),
        };
        let _ = match format {
            Format::Petrarch => write!(out, " [{code}]"),
            Format::Own => write!(out, " {code}"),
        };
        comment(out, &a.comment);
        out.push('\n');
    }
}

fn discards(format: Format, e: &Entries, out: &mut String) {
    for d in &e.discards {
        if d.scope == DiscardScope::Story {
            out.push_str(plus(format));
        }
        push_phrase(format, &d.phrase, out);
        comment(out, &d.comment);
        out.push('\n');
    }
}

/// One step of writing an issues file in order: open a category, close it, or an issue.
enum IssueStep {
    Open(usize),
    Close,
    Issue(usize),
}

/// Lays issues out in file order with their categories opened and closed around them;
/// categories without issues are kept (as empty blocks) in their place.
fn issue_layout(e: &Entries) -> Vec<IssueStep> {
    let mut steps = Vec::new();
    let mut open: Option<usize> = None;
    let mut next_cat = 0;
    for (idx, i) in e.issues.iter().enumerate() {
        if i.category != open {
            if open.is_some() {
                steps.push(IssueStep::Close);
            }
            if let Some(c) = i.category {
                while next_cat < c {
                    steps.push(IssueStep::Open(next_cat));
                    steps.push(IssueStep::Close);
                    next_cat += 1;
                }
                steps.push(IssueStep::Open(c));
                next_cat = next_cat.max(c + 1);
            }
            open = i.category;
        }
        steps.push(IssueStep::Issue(idx));
    }
    if open.is_some() {
        steps.push(IssueStep::Close);
    }
    while next_cat < e.issue_categories.len() {
        steps.push(IssueStep::Open(next_cat));
        steps.push(IssueStep::Close);
        next_cat += 1;
    }
    steps
}

fn issues(format: Format, e: &Entries, out: &mut String) {
    for step in issue_layout(e) {
        match step {
            IssueStep::Open(c) => {
                let Some(c) = e.issue_categories.get(c) else {
                    continue;
                };
                match format {
                    Format::Petrarch => {
                        let attrs: Vec<String> = c
                            .attributes
                            .iter()
                            .map(|(k, v)| format!("{k}=\"{v}\""))
                            .collect();
                        let _ = writeln!(out, "<ISSUE {}>", attrs.join(" "));
                    }
                    Format::Own => {
                        let _ = write!(out, "category {}", c.name);
                        for (k, v) in &c.attributes {
                            if !k.eq_ignore_ascii_case("CATEGORY") {
                                let _ = write!(out, " {k}={v}");
                            }
                        }
                        out.push('\n');
                    }
                }
            }
            IssueStep::Close => out.push_str(match format {
                Format::Petrarch => "</ISSUE>\n\n",
                Format::Own => "end category\n\n",
            }),
            IssueStep::Issue(idx) => {
                let Some(i) = e.issues.get(idx) else { continue };
                let words: Vec<String> = i.words.iter().map(issue_word).collect();
                let words = words.join(" ");
                let _ = match (format, i.ignore, &i.code) {
                    (Format::Petrarch, ignore, code) => {
                        let tilde = match ignore {
                            Some(2) => "~~",
                            Some(_) => "~",
                            None => "",
                        };
                        match code {
                            Some(c) => write!(out, "{tilde}{words} [{c}]"),
                            None => write!(out, "{tilde}{words}"),
                        }
                    }
                    (Format::Own, Some(2), _) => write!(out, "ignore2: {words}"),
                    (Format::Own, Some(_), _) => write!(out, "ignore: {words}"),
                    (Format::Own, None, c) => {
                        write!(out, "{words} => {}", c.as_deref().unwrap_or(""))
                    }
                };
                comment(out, &i.comment);
                out.push('\n');
            }
        }
    }
}

fn issue_word(w: &IssueWord) -> String {
    w.parts
        .iter()
        .map(|p| match p.expansion {
            Expansion::None => p.text.clone(),
            Expansion::Noun => format!("n:{}", p.text),
            Expansion::Verb => format!("v:{}", p.text),
        })
        .collect::<Vec<_>>()
        .join("+")
}

/// A verb form. PETRARCH: words joined with `_`, `+` on the head of a multi-word form. dyad:
/// words with blanks, `+` on the head only when it is not the first word.
fn verb_form(format: Format, words: &[String], head: usize) -> String {
    let marked = |i: usize| match format {
        Format::Petrarch => words.len() > 1 && i == head,
        Format::Own => words.len() > 1 && i == head && head != 0,
    };
    let words: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if marked(i) {
                format!("+{w}")
            } else {
                w.clone()
            }
        })
        .collect();
    words.join(if format == Format::Petrarch { "_" } else { " " })
}

/// Writes pattern elements (without joins).
pub fn element(e: &Element) -> String {
    match e {
        Element::Word { text, closed } => {
            if *closed {
                format!("{text}_")
            } else {
                text.clone()
            }
        }
        Element::Synset(n) => format!("&{n}"),
        Element::Source => "$".into(),
        Element::Target => "+".into(),
        Element::Compound => "%".into(),
        Element::Skip => "^".into(),
        Element::Prep(v) => format!("({})", v.iter().map(element).collect::<Vec<_>>().join(" ")),
        Element::NounPhrase(v) => format!(
            "{{{}}}",
            v.iter().map(element).collect::<Vec<_>>().join(" ")
        ),
    }
}

/// Writes a pattern body (without `-` and code): elements, `*`, joins.
pub fn pattern_body(p: &Pattern) -> String {
    let mut s = String::new();
    let push = |s: &mut String, text: &str, join: Join, first: bool| {
        if !first {
            match join {
                Join::Adjacent => {
                    // A closed word already ends in `_`.
                    if !s.ends_with('_') {
                        s.push('_');
                    }
                }
                Join::Gap => s.push(' '),
            }
        }
        s.push_str(text);
    };
    for (i, slot) in p.before.iter().enumerate() {
        push(&mut s, &element(&slot.element), slot.join, i == 0);
    }
    push(&mut s, "*", p.verb_join, p.before.is_empty());
    for slot in &p.after {
        push(&mut s, &element(&slot.element), slot.join, false);
    }
    s
}

fn verbs(format: Format, e: &Entries, out: &mut String) {
    // Synsets, patterns and transformations have one syntax in both formats.
    for s in &e.synsets {
        let _ = write!(out, "&{}{}", s.name, if s.no_plurals { "_" } else { "" });
        comment(out, &s.comment);
        out.push('\n');
        for m in &s.members {
            let _ = match m {
                SynsetMember::Phrase { phrase: p, .. } => {
                    writeln!(out, "{}{}", plus(format), phrase(Format::Petrarch, p))
                }
                SynsetMember::Synset { name, .. } => writeln!(out, "{}&{name}", plus(format)),
            };
        }
        out.push('\n');
    }
    for b in &e.verb_blocks {
        let _ = writeln!(out, "{}", crate::petrarch::block_header(b));
        for v in &b.verbs {
            out.push_str(&verb_form(format, &v.words, v.head));
            if let Some(forms) = &v.irregular {
                let f: Vec<String> = forms
                    .iter()
                    .map(|f| verb_form(format, &f.words, f.head))
                    .collect();
                let sep = if format == Format::Petrarch {
                    " "
                } else {
                    " | "
                };
                let _ = write!(out, " {{{}}}", f.join(sep));
            }
            if let Some(c) = &v.code {
                let _ = write!(out, " [{}]", c.as_written());
            }
            comment(out, &v.comment);
            out.push('\n');
        }
        for p in &b.patterns {
            let _ = write!(out, "- {}  [{}]", pattern_body(p), p.code.as_written());
            comment(out, &p.comment);
            out.push('\n');
        }
        out.push('\n');
    }
    for t in &e.transformations {
        let a = |x: &TransformActor| match x {
            TransformActor::Var(v) => v.clone(),
            TransformActor::Unspecified => ".".into(),
            TransformActor::Absent => "_".into(),
        };
        let v = |x: &TransformVerb| match x {
            TransformVerb::Name(n) => n.clone(),
            TransformVerb::Any => "Q".into(),
        };
        let _ = write!(
            out,
            "~ {} ({} {} {}) {} = {} {} {}",
            a(&t.source),
            a(&t.inner_source),
            a(&t.inner_target),
            v(&t.inner_verb),
            v(&t.verb),
            a(&t.result_source),
            a(&t.result_target),
            t.result_code.as_deref().unwrap_or("Q")
        );
        comment(out, &t.comment);
        out.push('\n');
    }
}
