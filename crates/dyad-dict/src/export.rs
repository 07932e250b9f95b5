//! Writers for the PETRARCH2 formats: the inverse of [`crate::petrarch`]. Reading a
//! written file gives back an equal model (provenance aside). Words keep their case
//! (PETRARCH matching ignores case).

use std::fmt::Write as _;

use crate::model::*;
use crate::petrarch::Kind;

/// Writes `entries` of `kind` in the PETRARCH format.
pub fn write(kind: Kind, entries: &Entries) -> String {
    match kind {
        Kind::Actors => actors(entries),
        Kind::Agents => agents(entries),
        Kind::Verbs => verbs(entries),
        Kind::Discards => discards(entries),
        Kind::Issues => issues(entries),
    }
}

fn comment(out: &mut String, c: &Option<String>) {
    if let Some(c) = c {
        let _ = write!(out, "  # {c}");
    }
}

/// `A_B C` (joins as written, case as written), `_` when closed.
fn phrase(p: &Phrase) -> String {
    let mut s = String::new();
    for (i, w) in p.words.iter().enumerate() {
        if i > 0 {
            s.push(match p.joins.get(i - 1) {
                Some(Join::Gap) => ' ',
                _ => '_',
            });
        }
        s.push_str(w);
    }
    if p.closed {
        s.push('_');
    }
    s
}

fn date(d: dyad_doc::Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn actors(e: &Entries) -> String {
    let mut out = String::from("# Actors exported by dyad (PETRARCH format)\n\n");
    for a in &e.actors {
        for (i, n) in a.names.iter().enumerate() {
            if i > 0 {
                out.push('+');
            }
            out.push_str(&phrase(&n.phrase));
            if i == 0 {
                if let Some(c) = &a.default_code {
                    let _ = write!(out, "  [{c}]");
                }
            }
            comment(&mut out, &n.comment);
            out.push('\n');
        }
        for d in &a.dated {
            let r = match d.range {
                DateRange::Before(x) => format!("<{}", date(x)),
                DateRange::After(x) => format!(">{}", date(x)),
                DateRange::Between(x, y) => format!("{}-{}", date(x), date(y)),
            };
            let _ = writeln!(out, "\t[{} {}]", d.code, r);
        }
    }
    out
}

fn agents(e: &Entries) -> String {
    let mut out = String::from("# Agents exported by dyad (PETRARCH format)\n\n");
    for a in &e.agents {
        out.push_str(&phrase(&a.phrase));
        match &a.plurals {
            Plurals::Regular => {}
            Plurals::None => out.push_str(" {}"),
            Plurals::Irregular(forms) => {
                let f: Vec<String> = forms.iter().map(phrase).collect();
                let _ = write!(out, " {{{}}}", f.join(" "));
            }
        }
        match a.position {
            AgentPosition::Suffix => {
                let _ = write!(out, " [~{}]", a.code);
            }
            AgentPosition::Prefix => {
                let _ = write!(out, " [{}~]", a.code);
            }
        }
        comment(&mut out, &a.comment);
        out.push('\n');
    }
    out
}

fn discards(e: &Entries) -> String {
    let mut out = String::from("# Discards exported by dyad (PETRARCH format)\n\n");
    for d in &e.discards {
        if d.scope == DiscardScope::Story {
            out.push('+');
        }
        out.push_str(&phrase(&d.phrase));
        comment(&mut out, &d.comment);
        out.push('\n');
    }
    out
}

/// One step of writing an issues file in order: open a category, close it, or an issue.
pub(crate) enum IssueStep {
    Open(usize),
    Close,
    Issue(usize),
}

/// Lays issues out in file order with their categories opened and closed around them;
/// categories without issues are kept (as empty blocks) in their place.
pub(crate) fn issue_layout(e: &Entries) -> Vec<IssueStep> {
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

fn issues(e: &Entries) -> String {
    let mut out = String::from("# Issues exported by dyad (PETRARCH format)\n\n");
    for step in issue_layout(e) {
        match step {
            IssueStep::Open(c) => {
                if let Some(c) = e.issue_categories.get(c) {
                    let attrs: Vec<String> = c
                        .attributes
                        .iter()
                        .map(|(k, v)| format!("{k}=\"{v}\""))
                        .collect();
                    let _ = writeln!(out, "<ISSUE {}>", attrs.join(" "));
                }
            }
            IssueStep::Close => out.push_str("</ISSUE>\n\n"),
            IssueStep::Issue(idx) => {
                let Some(i) = e.issues.get(idx) else { continue };
                match i.ignore {
                    Some(2) => out.push_str("~~"),
                    Some(_) => out.push('~'),
                    None => {}
                }
                let words: Vec<String> = i.words.iter().map(issue_word).collect();
                out.push_str(&words.join(" "));
                if let Some(c) = &i.code {
                    let _ = write!(out, " [{c}]");
                }
                comment(&mut out, &i.comment);
                out.push('\n');
            }
        }
    }
    out
}

pub(crate) fn issue_word(w: &IssueWord) -> String {
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

/// Writes a verb form with `_` joins and the `+` head marker on multi-word forms.
fn verb_form(words: &[String], head: usize) -> String {
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if words.len() > 1 && i == head {
                format!("+{w}")
            } else {
                w.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("_")
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

fn verbs(e: &Entries) -> String {
    let mut out = String::from("# Verbs exported by dyad (PETRARCH format)\n\n");
    for s in &e.synsets {
        let _ = write!(out, "&{}{}", s.name, if s.no_plurals { "_" } else { "" });
        comment(&mut out, &s.comment);
        out.push('\n');
        for m in &s.members {
            match m {
                SynsetMember::Phrase { phrase: p, .. } => {
                    let _ = writeln!(out, "+{}", phrase(p));
                }
                SynsetMember::Synset { name, .. } => {
                    let _ = writeln!(out, "+&{name}");
                }
            }
        }
        out.push('\n');
    }
    for b in &e.verb_blocks {
        let _ = writeln!(out, "{}", crate::petrarch::block_header(b));
        for v in &b.verbs {
            out.push_str(&verb_form(&v.words, v.head));
            if let Some(forms) = &v.irregular {
                let f: Vec<String> = forms.iter().map(|f| verb_form(&f.words, f.head)).collect();
                let _ = write!(out, " {{{}}}", f.join(" "));
            }
            if let Some(c) = &v.code {
                let _ = write!(out, " [{}]", c.as_written());
            }
            comment(&mut out, &v.comment);
            out.push('\n');
        }
        for p in &b.patterns {
            let _ = write!(out, "- {}  [{}]", pattern_body(p), p.code.as_written());
            comment(&mut out, &p.comment);
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
        comment(&mut out, &t.comment);
        out.push('\n');
    }
    out
}
