//! dyad's own dictionary format: plain, line-oriented text that an analyst edits with any
//! editor (documented with examples in `docs/dictionaries.md`).
//!
//! Files are recognised by name: `*.actors`, `*.agents`, `*.verbs`, `*.discards`,
//! `*.issues`. Names are written as people write them, words separated by blanks
//! ("Jaap de Hoop Scheffer"); dates are ISO (`RUSGOV 2000-05-07..2008-05-07`).
//!
//! Reading translates each line to its PETRARCH equivalent (line numbers kept) and runs the
//! PETRARCH reader, so both formats share one grammar for what they have in common and
//! every problem is reported against the dyad file's own line.

use std::fmt::Write as _;

use crate::model::*;
use crate::petrarch::{self, Kind};
use crate::{Piece, Problem};

/// The kind of a dyad-format file by its extension.
pub fn kind_of_name(name: &str) -> Option<Kind> {
    let lower = name.to_lowercase();
    let ext = lower.rsplit('.').next()?;
    match ext {
        "actors" => Some(Kind::Actors),
        "agents" => Some(Kind::Agents),
        "verbs" => Some(Kind::Verbs),
        "discards" => Some(Kind::Discards),
        "issues" => Some(Kind::Issues),
        _ => None,
    }
}

/// Reads a dyad-format file's text.
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
    let Piece {
        kind,
        file,
        text,
        first_line,
        ..
    } = *piece;
    let mut translated = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.lines().enumerate() {
        let mark = translated.len();
        if let Err(msg) = translate(kind, line, &mut translated) {
            translated.truncate(mark);
            problems.push(Problem {
                file: file.to_string(),
                line: i as u32 + first_line,
                message: msg,
            });
        }
        translated.push('\n');
    }
    let translated = Piece {
        text: &translated,
        ..*piece
    };
    petrarch::read_piece(&translated, entries, problems);
}

/// Splits off a `#` comment, keeping it verbatim for re-attachment.
fn split_comment(line: &str) -> (&str, &str) {
    match line.find('#') {
        Some(at) => (&line[..at], &line[at..]),
        None => (line, ""),
    }
}

/// `Jaap de Hoop Scheffer` → `Jaap_de_Hoop_Scheffer_`; a trailing `*` leaves it open.
/// ` ... ` between words is a gap (PETRARCH blank).
fn name_to_petrarch(name: &str) -> Result<String, String> {
    let mut out = String::new();
    push_name(name, &mut out)?;
    Ok(out)
}

/// [`name_to_petrarch`] appending to `out` (reading a file appends every line to one buffer).
fn push_name(name: &str, out: &mut String) -> Result<(), String> {
    let name = name.trim();
    if name.contains('_') {
        return Err(format!(
            "`_` in the name `{name}` (write words with blanks)"
        ));
    }
    let (name, open) = match name.strip_suffix('*') {
        Some(n) => (n.trim_end(), true),
        None => (name, false),
    };
    let start = out.len();
    let mut gap = false;
    for w in name.split_whitespace() {
        if w == "..." {
            gap = true;
            continue;
        }
        if out.len() > start {
            out.push(if gap { ' ' } else { '_' });
        }
        gap = false;
        out.push_str(w);
    }
    if out.len() == start {
        return Err("empty name".to_string());
    }
    if !open {
        out.push('_');
    }
    Ok(())
}

/// `2000-05-07` → `20000507`.
fn iso_to_compact(d: &str) -> Result<String, String> {
    let d = d.trim();
    let date: dyad_doc::Date = d
        .parse()
        .map_err(|_| format!("date `{d}` is not YYYY-MM-DD"))?;
    Ok(format!(
        "{:04}{:02}{:02}",
        date.year(),
        date.month(),
        date.day()
    ))
}

/// Appends the PETRARCH form of one dyad-format line to `out` (on error, `out` may hold
/// part of it: the caller cuts it back).
fn translate(kind: Kind, line: &str, out: &mut String) -> Result<(), String> {
    let (body, comment) = split_comment(line);
    if body.trim().is_empty() {
        out.push_str(line);
        return Ok(());
    }
    match kind {
        Kind::Actors => actor_line(body, out)?,
        Kind::Agents => out.push_str(&agent_line(body)?),
        Kind::Discards => {
            let t = body.trim();
            match t.strip_prefix('+') {
                Some(rest) => {
                    out.push('+');
                    push_name(rest, out)?;
                }
                None => push_name(t, out)?,
            }
        }
        Kind::Issues => out.push_str(&issue_line(body)?),
        Kind::Verbs => out.push_str(&verb_line(body)?),
    }
    out.push(' ');
    out.push_str(comment);
    Ok(())
}

fn actor_line(body: &str, out: &mut String) -> Result<(), String> {
    if body.starts_with(char::is_whitespace) {
        // A code line: `CODE`, `CODE A..B`, `CODE A..`, `CODE ..B`.
        let mut parts = body.split_whitespace();
        let code = parts.next().unwrap_or("");
        let range = parts.next();
        if parts.next().is_some() {
            return Err(format!("code line `{}` has extra text", body.trim()));
        }
        let _ = match range {
            None => write!(out, "\t[{code}]"),
            Some(r) => {
                let (a, b) = r
                    .split_once("..")
                    .ok_or_else(|| format!("date range `{r}` is not A..B, A.. or ..B"))?;
                match (a.is_empty(), b.is_empty()) {
                    (false, false) => {
                        let (a, b) = (iso_to_compact(a)?, iso_to_compact(b)?);
                        write!(out, "\t[{code} {a}-{b}]")
                    }
                    (false, true) => write!(out, "\t[{code} >{}]", iso_to_compact(a)?),
                    (true, false) => write!(out, "\t[{code} <{}]", iso_to_compact(b)?),
                    (true, true) => return Err(format!("empty date range `{r}`")),
                }
            }
        };
        return Ok(());
    }
    let t = body.trim();
    let rest = match t.strip_prefix('+') {
        Some(r) => {
            out.push('+');
            r
        }
        None => t,
    };
    let (name, code) = match rest.find('[') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, ""),
    };
    push_name(name, out)?;
    out.push(' ');
    out.push_str(code);
    Ok(())
}

fn agent_line(body: &str) -> Result<String, String> {
    let t = body.trim();
    let (rest, code) = t
        .rsplit_once(char::is_whitespace)
        .ok_or_else(|| format!("agent line `{t}` needs a phrase and a code like ~GOV"))?;
    if !code.contains('~') {
        return Err(format!("agent code `{code}` has no `~`"));
    }
    let (phrase, plurals) = match rest.find('{') {
        Some(open) => {
            let close = rest[open..]
                .rfind('}')
                .map(|c| c + open)
                .ok_or_else(|| format!("unclosed `{{` in `{t}`"))?;
            let inner = &rest[open + 1..close];
            let forms = inner
                .split('|')
                .filter(|f| !f.trim().is_empty())
                .map(name_to_petrarch)
                .collect::<Result<Vec<_>, _>>()?;
            // PETRARCH plural forms are written unclosed.
            let forms: Vec<&str> = forms.iter().map(|f| f.trim_end_matches('_')).collect();
            (&rest[..open], format!(" {{{}}}", forms.join(" ")))
        }
        None => (rest, String::new()),
    };
    let p = name_to_petrarch(phrase)?;
    Ok(format!("{}{plurals} [{code}]", p.trim_end_matches('_')))
}

fn issue_line(body: &str) -> Result<String, String> {
    let t = body.trim();
    if let Some(rest) = t.strip_prefix("category ") {
        let mut words = rest.split_whitespace();
        let name = words.next().unwrap_or("");
        let mut attrs = format!("CATEGORY=\"{name}\"");
        for w in words {
            let (k, v) = w
                .split_once('=')
                .ok_or_else(|| format!("category attribute `{w}` is not KEY=VALUE"))?;
            let _ = write!(attrs, " {k}=\"{v}\"");
        }
        return Ok(format!("<ISSUE {attrs}>"));
    }
    if t == "end category" {
        return Ok("</ISSUE>".to_string());
    }
    if let Some(rest) = t.strip_prefix("ignore2:") {
        return Ok(format!("~~{}", rest.trim()));
    }
    if let Some(rest) = t.strip_prefix("ignore:") {
        return Ok(format!("~{}", rest.trim()));
    }
    let (phrase, code) = t
        .split_once("=>")
        .ok_or_else(|| format!("issue line `{t}` is not `phrase => CODE`"))?;
    Ok(format!("{} [{}]", phrase.trim(), code.trim()))
}

/// Verb lines differ from PETRARCH: words with blanks, `+` only when the head is not the
/// first word, irregular forms separated by `|`. Everything else is PETRARCH's syntax.
fn verb_line(body: &str) -> Result<String, String> {
    let t = body.trim();
    if t.starts_with(['-', '~', '&', '+']) {
        return Ok(body.to_string());
    }
    let (rest, code) = match t.rfind('[') {
        Some(at) => (&t[..at], &t[at..]),
        None => (t, ""),
    };
    let (main, forms) = match rest.find('{') {
        Some(open) => {
            let close = rest[open..]
                .rfind('}')
                .map(|c| c + open)
                .ok_or_else(|| format!("unclosed `{{` in `{t}`"))?;
            let forms: Vec<String> = rest[open + 1..close]
                .split('|')
                .filter(|f| !f.trim().is_empty())
                .map(verb_words)
                .collect();
            (&rest[..open], format!(" {{{}}}", forms.join(" ")))
        }
        None => (rest, String::new()),
    };
    Ok(format!("{}{forms} {code}", verb_words(main)))
}

fn verb_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 1 && !words.iter().any(|w| w.starts_with('+')) {
        format!("+{}", words.join("_"))
    } else {
        words.join("_")
    }
}

/// Writes `entries` of `kind` in dyad's format.
pub fn write(kind: Kind, entries: &Entries) -> String {
    crate::export::write_in(crate::Format::Own, kind, entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_own(kind: Kind, text: &str) -> (Entries, Vec<Problem>) {
        let mut e = Entries::default();
        let mut p = Vec::new();
        read(kind, "t", text, &mut e, &mut p);
        (e, p)
    }

    #[test]
    fn actors_in_own_format() {
        let text = "# NATO\nJaap de Hoop Scheffer  # Dutch\n+ Jaap Scheffer\n    NLDGOV 2002-07-22..2003-12-03\n    IGOWSTNAT 2004-01-01..2009-08-01\n    NLDELI\nIsrael* [ISR]\n";
        let (e, p) = read_own(Kind::Actors, text);
        assert!(p.is_empty(), "{p:?}");
        let a = &e.actors[0];
        assert_eq!(
            a.names[0].phrase.words,
            vec!["Jaap", "de", "Hoop", "Scheffer"]
        );
        assert!(a.names[0].phrase.closed);
        assert_eq!(a.names[1].provenance.line, 3);
        assert_eq!(
            a.code_at(Some(dyad_doc::Date::constant(2005, 1, 1))),
            Some("IGOWSTNAT")
        );
        assert_eq!(
            a.code_at(Some(dyad_doc::Date::constant(2012, 1, 1))),
            Some("NLDELI")
        );
        assert!(
            !e.actors[1].names[0].phrase.closed,
            "a trailing `*` leaves the name open (a stem), as written"
        );
        let (_, p) = read_own(Kind::Actors, "X\n    C 2001-02-30..2002-01-01\n");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, 2);
    }

    /// What a PETRARCH-style coder reads from the exported text must be what the original
    /// file said: a blank-separated actor name stays blank-separated and open (not an exact
    /// `_` phrase), and a block header with two codes keeps its block, verbs and codes.
    #[test]
    fn round_trip_keeps_gaps_stems_and_two_code_headers() {
        let actors = "HAMAS WING [PSEHMSBRD]\n+RADAGAST THE_BROWN\nGROUP_OF_77_ [G77]\n";
        let verbs = "--- DELAY [120]  [031:031]  ---\nDELAY\nPOSTPONE\n- % HAVE * [191]\n\n--- DELIVER [031] ---\nDELIVER\n";
        for (kind, text) in [(Kind::Actors, actors), (Kind::Verbs, verbs)] {
            let mut a = Entries::default();
            let mut problems = Vec::new();
            petrarch::read(kind, "a", text, &mut a, &mut problems);
            let own_text = write(kind, &a);
            let (b, p) = read_own(kind, &own_text);
            assert_eq!(p.len(), problems.len(), "{kind:?}: {p:?}\n{own_text}");
            assert_eq!(a.canonical(), b.canonical(), "{kind:?}\n{own_text}");
            let pet = crate::export::write(kind, &b);
            let mut c = Entries::default();
            let mut p = Vec::new();
            petrarch::read(kind, "c", &pet, &mut c, &mut p);
            assert_eq!(a.canonical(), c.canonical(), "{kind:?}\n{pet}");
            match kind {
                Kind::Actors => {
                    let hamas = &c.actors[0].names[0].phrase;
                    assert_eq!(hamas.joins, vec![Join::Gap]);
                    assert!(!hamas.closed);
                    let radagast = &c.actors[0].names[1].phrase;
                    assert_eq!(radagast.joins, vec![Join::Gap, Join::Adjacent]);
                    assert!(c.actors[1].names[0].phrase.closed);
                    assert!(pet.contains("HAMAS WING  [PSEHMSBRD]"), "{pet}");
                    assert!(pet.contains("+RADAGAST THE_BROWN\n"), "{pet}");
                }
                _ => {
                    assert_eq!(problems.len(), 1, "{problems:?}");
                    assert_eq!(problems[0].line, 1);
                    let delay = &c.verb_blocks[0];
                    assert_eq!(delay.name, "DELAY");
                    assert_eq!(delay.code, EventCode::Single("120".into()));
                    assert_eq!(
                        delay.extra_codes,
                        vec![EventCode::Pair(Some("031".into()), Some("031".into()))]
                    );
                    assert_eq!(delay.verbs.len(), 2);
                    assert_eq!(delay.patterns.len(), 1);
                    assert_eq!(c.verb_blocks.len(), 2);
                    assert!(pet.contains("--- DELAY [120]  [031:031] ---"), "{pet}");
                }
            }
        }
    }

    #[test]
    fn round_trip_each_kind() {
        let cases = [
            (Kind::Agents, "FOREIGN_MINISTER [~GOVFRM] # x\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\nPOLICE {} [~COP]\nHUMAN_RIGHTS_BODY [NGO~]\nCHIEF EXECUTIVE [~GOV]\n"),
            (Kind::Discards, "+ACADEMY AWARD # x\nBASEBALL\nWORLD_CUP_\n"),
            (Kind::Issues, "<ISSUE CATEGORY=\"E\" TYPE=\"ALL\">\nn:pre+school [ECE] # c\n~a head start\n~~x y\n</ISSUE>\n"),
            (Kind::Verbs, "&CUR\n+DOLLARS\n+SWISS FRANCS_\n&AUX_\n+&CUR\n--- ABANDON [345] ---\nABANDON # c\n+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF}\nWIRE_+TAP [002]\n- * NEW_&CUR_RELATIONS [903]\n- + KNOWN_ * IN_ $  [076]\n- % SAID WOULD_*_TALKS [102]\n- * (FOR {FINANCIAL AID}) (WITH) [073]\n- IN_* [:173]\n~ a (a b ATTACK) SAY = a b 138\n"),
            (Kind::Actors, "A_B_ [X] ; c\n+C D\n\t[Y 010101-020202]\n\t[Z >20100101]\nE\n\t[W <900101]\n"),
        ];
        for (kind, text) in cases {
            let mut a = Entries::default();
            let mut p = Vec::new();
            petrarch::read(kind, "a", text, &mut a, &mut p);
            assert!(p.is_empty(), "{kind:?}: {p:?}");
            let own_text = write(kind, &a);
            let (b, mut p) = read_own(kind, &own_text);
            assert!(p.is_empty(), "{kind:?}: {p:?}\n{own_text}");
            assert_eq!(a.canonical(), b.canonical(), "{kind:?}\n{own_text}");
            let pet = crate::export::write(kind, &b);
            let mut c = Entries::default();
            petrarch::read(kind, "c", &pet, &mut c, &mut p);
            assert!(p.is_empty(), "{kind:?}: {p:?}\n{pet}");
            assert_eq!(a.canonical(), c.canonical(), "{kind:?}\n{pet}");
        }
    }
}
