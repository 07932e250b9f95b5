//! The shipped dictionaries: they load without problems, and names resolve to the right
//! codes on the right dates (through the same matcher the coder uses).

use dyad_dict::{Date, Dictionary};

fn code(dict: &Dictionary, name: &str, date: (i16, i8, i8)) -> Option<String> {
    let tokens: Vec<&str> = name.split(' ').collect();
    let found = dict.matchers().find_actors(&tokens);
    let m = found.first()?;
    assert_eq!(
        (m.start, m.end),
        (0, tokens.len()),
        "{name}: whole name matched"
    );
    let actor = dict.entries.actors.get(m.entry as usize)?;
    let day = Date::new(date.0, date.1, date.2).ok()?;
    actor.code_at(Some(day)).map(str::to_string)
}

#[test]
fn shipped_set_loads_cleanly() {
    let dict = Dictionary::shipped().expect("shipped");
    assert!(
        dict.problems.is_empty(),
        "{:?}",
        &dict.problems[..dict.problems.len().min(5)]
    );
    let c = dict.entries.counts();
    assert!(
        c.actors > 20_000 && c.agents > 3_000 && c.patterns > 4_000,
        "{c:?}"
    );
    assert!(c.discards > 400 && c.issues > 3_000, "{c:?}");
    assert!(dict.codebook().lookup("042").is_some());
}

#[test]
fn dated_roles() {
    let dict = Dictionary::shipped().expect("shipped");
    let cases: &[(&str, (i16, i8, i8), &str)] = &[
        ("Vladimir Putin", (2001, 6, 1), "RUSGOV"),
        ("Vladimir Putin", (2005, 6, 1), "RUSGOV"),
        ("Putin", (2010, 6, 1), "RUSGOV"),
        ("Vladimir Putin", (2020, 6, 1), "RUSGOV"),
        ("Vladimir Putin", (1995, 6, 1), "RUSELI"),
        ("Dmitry Medvedev", (2010, 6, 1), "RUSGOV"),
        ("Medvedev", (2001, 6, 1), "RUSELI"),
        ("Sergei Ivanov", (2001, 6, 1), "RUSGOVMIL"),
        ("Sergey Ivanov", (2006, 12, 31), "RUSGOVMIL"),
        ("Sergei Ivanov", (2010, 1, 1), "RUSGOV"),
        ("Igor Ivanov", (2001, 6, 1), "RUSGOV"),
        ("Igor Ivanov", (2010, 6, 1), "RUSELI"),
        ("Sergei Lavrov", (2005, 6, 1), "RUSGOV"),
        ("Lavrov", (2025, 6, 1), "RUSGOV"),
        ("George Robertson", (1998, 6, 1), "GBRGOVMIL"),
        ("George Robertson", (2001, 6, 1), "IGOWSTNAT"),
        ("Lord Robertson", (2003, 6, 1), "IGOWSTNAT"),
        ("George Robertson", (2005, 6, 1), "GBRELI"),
        ("Jaap de Hoop Scheffer", (2004, 1, 1), "IGOWSTNAT"),
        ("Jaap de Hoop Scheffer", (2005, 6, 1), "IGOWSTNAT"),
        ("de Hoop Scheffer", (2003, 1, 1), "NLDGOV"),
        ("Mark Rutte", (2025, 6, 1), "IGOWSTNAT"),
        ("Mark Rutte", (2015, 6, 1), "NLDGOV"),
        ("Jens Stoltenberg", (2020, 6, 1), "IGOWSTNAT"),
        ("Anders Fogh Rasmussen", (2012, 6, 1), "IGOWSTNAT"),
        ("Javier Solana", (1997, 6, 1), "IGOWSTNAT"),
        ("Willy Claes", (1995, 6, 1), "IGOWSTNAT"),
        ("Manfred Wörner", (1992, 6, 1), "IGOWSTNAT"),
        ("Manfred Woerner", (1992, 6, 1), "IGOWSTNAT"),
        ("Kofi Annan", (2003, 6, 1), "IGOUNO"),
        ("Ban Ki-moon", (2010, 6, 1), "IGOUNO"),
        ("António Guterres", (2025, 6, 1), "IGOUNO"),
        ("Boutros Boutros-Ghali", (1994, 6, 1), "IGOUNO"),
        ("Javier Perez de Cuellar", (1990, 6, 1), "IGOUNO"),
        ("George W. Bush", (2003, 6, 1), "USAGOV"),
        ("Donald Trump", (2022, 6, 1), "USAELI"),
        ("Donald Trump", (2025, 6, 1), "USAGOV"),
        ("Volodymyr Zelensky", (2023, 6, 1), "UKRGOV"),
        ("World Trade Organization", (2005, 1, 1), "IGOBUSWTO"),
        ("OSCE", (2005, 1, 1), "IGOEURSCE"),
        ("African Union", (2005, 1, 1), "IGOAFRAFU"),
    ];
    let mut wrong = Vec::new();
    for (name, date, want) in cases {
        let got = code(&dict, name, *date);
        if got.as_deref() != Some(*want) {
            wrong.push(format!("{name} on {date:?}: got {got:?}, want {want}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn shipped_agents_and_verbs_match() {
    let dict = Dictionary::shipped().expect("shipped");
    let m = dict.matchers();
    let tokens = [
        "Russia",
        "'s",
        "foreign",
        "minister",
        "accused",
        "NATO",
        "of",
        "hypocrisy",
    ];
    let agents = m.find_agents(&tokens);
    assert!(
        agents.iter().any(|a| (a.start, a.end) == (2, 4)),
        "{agents:?}"
    );
    let verbs = m.find_verbs(&tokens);
    assert!(verbs.iter().any(|v| v.head == 4), "{verbs:?}");
    let actors = m.find_actors(&tokens);
    let codes: Vec<Option<&str>> = actors
        .iter()
        .map(|a| dict.entries.actors[a.entry as usize].code_at(None))
        .collect();
    assert!(
        codes.contains(&Some("RUS")) && codes.contains(&Some("IGOWSTNAT")),
        "{codes:?}"
    );
}
