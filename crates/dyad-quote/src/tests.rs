use super::*;
use dyad_doc::{Mention, MentionKind};

/// A document with each non-empty line a paragraph (the other crates' cleaner and segmenter
/// change concurrently; the finder does not need their sentences or tokens).
fn doc(raw: &str) -> Document {
    let mut d = Document::default();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !d.text.is_empty() {
            d.text.push_str("\n\n");
        }
        let p = d.text.len();
        d.text.push_str(line);
        d.paragraphs.push(Span::new(p, d.text.len()));
    }
    d
}

fn quotes(raw: &str) -> (Document, Vec<(String, Option<String>, bool)>) {
    let mut d = doc(raw);
    find_quotes(&mut d);
    let out = d
        .quotes
        .iter()
        .map(|q| (d.slice(q.span).to_string(), q.speaker.clone(), q.fragment))
        .collect();
    (d, out)
}

#[test]
fn straight_and_curly_marks_and_span_excludes_marks() {
    let (_, q) =
        quotes("\"We will stay,\" Putin said.\n“We will go,” Lavrov said.\n«Maybe,» Ivanov said.");
    let texts: Vec<&str> = q.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, ["We will stay,", "We will go,", "Maybe,"]);
    let speakers: Vec<_> = q.iter().map(|(_, s, _)| s.as_deref()).collect();
    assert_eq!(speakers, [Some("Putin"), Some("Lavrov"), Some("Ivanov")]);
}

#[test]
fn nested_single_quotes_stay_inside() {
    let (_, q) = quotes("“He told me ‘never again’ and left,” Maria Lopez said.");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].0, "He told me ‘never again’ and left,");
    assert_eq!(q[0].1.as_deref(), Some("Maria Lopez"));
}

#[test]
fn paragraph_left_open_continues_with_same_speaker() {
    let (d, q) = quotes(
        "Foreign Minister Ana Costa spoke to reporters.\n\
         \"We will not accept this. It is unacceptable,\" Costa said. \"Our position is firm.\n\
         \"We call on all sides to return to the table.\"\n\
         The talks resume on Monday.",
    );
    assert_eq!(q.len(), 3, "{q:?}");
    for (t, s, _) in &q {
        assert_eq!(s.as_deref(), Some("Ana Costa"), "{t}");
    }
    assert!(
        d.quotes[2].rule.contains("continues"),
        "{}",
        d.quotes[2].rule
    );
}

#[test]
fn fragments_are_marked_and_attributed() {
    let (_, q) = quotes(
        "Prime Minister Jan Novak criticized what he called the \"extremely low\" turnout and \
         the \"chaotic\" count.",
    );
    assert_eq!(q.len(), 2);
    assert!(
        q.iter()
            .all(|(_, s, f)| *f && s.as_deref() == Some("Jan Novak")),
        "{q:?}"
    );
    let (_, full) = quotes("Novak said: \"We will win the next election.\"");
    assert!(
        !full[0].2,
        "a quote introduced by a colon is not a fragment"
    );
}

#[test]
fn reporting_patterns() {
    for (text, speaker) in [
        (
            "\"The border is closed,\" said senior diplomat Amina Yusuf.",
            "Amina Yusuf",
        ),
        ("\"The border is closed,\" Yusuf told Reuters.", "Yusuf"),
        (
            "According to Amina Yusuf, \"the border is closed.\"",
            "Amina Yusuf",
        ),
        (
            "Amina Yusuf warned: \"The border is closed.\"",
            "Amina Yusuf",
        ),
        ("\"The border is closed.\" - Yusuf", "Yusuf"),
        (
            "Amina Yusuf says \"the border is closed\" for now.",
            "Amina Yusuf",
        ),
        (
            "\"The border is closed,\" Amina Yusuf, a senior diplomat at the ministry, said.",
            "Amina Yusuf",
        ),
        (
            "Amina Yusuf, a diplomat at the ministry, said talks failed. \"It is over,\" she said.",
            "Amina Yusuf",
        ),
    ] {
        let (_, q) = quotes(text);
        assert_eq!(q.len(), 1, "{text}");
        assert_eq!(q[0].1.as_deref(), Some(speaker), "{text}");
    }
}

#[test]
fn short_forms_titles_and_pronouns_resolve_to_full_names() {
    let (_, q) = quotes(
        "Interior Minister Carlos Mendes Ruiz met the envoy.\n\
         \"We are ready,\" Mr. Mendes Ruiz said.\n\
         The minister later spoke again.\n\
         \"We remain ready,\" he said.\n\
         \"Nothing has changed,\" the interior minister added.",
    );
    let speakers: Vec<_> = q.iter().map(|(_, s, _)| s.as_deref()).collect();
    assert_eq!(speakers, [Some("Carlos Mendes Ruiz"); 3]);
}

#[test]
fn organisations_are_not_named_speakers() {
    let (_, q) = quotes("\"Sanctions will stay,\" it said.\n\"We disagree,\" officials said.");
    assert!(q.iter().all(|(_, s, _)| s.is_none()), "{q:?}");
}

#[test]
fn mentions_give_codes_and_full_names() {
    let mut d = doc("Russian President Vladimir Putin met him.\n\"We agree,\" Putin said.");
    let full = d.text.find("Vladimir Putin").expect("name");
    let short = d.text.rfind("Putin").expect("short");
    d.mentions = vec![
        Mention {
            span: Span::new(full, full + "Vladimir Putin".len()),
            sentence: 0,
            kind: MentionKind::Actor,
            code: Some("RUSGOV".into()),
            name: Some("Vladimir Putin".into()),
            rule: "test".into(),
            antecedent: None,
        },
        Mention {
            span: Span::new(short, short + 5),
            sentence: 1,
            kind: MentionKind::Nominal,
            code: None,
            name: None,
            rule: "test".into(),
            antecedent: Some(0),
        },
    ];
    find_quotes(&mut d);
    assert_eq!(d.quotes.len(), 1);
    assert_eq!(d.quotes[0].speaker.as_deref(), Some("Vladimir Putin"));
    assert_eq!(d.quotes[0].speaker_code.as_deref(), Some("RUSGOV"));
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        "\"",
        "\"\"",
        "“",
        "”",
        "\" said",
        "said \"",
        "'",
        "“a” “b” “c",
        "Mr. \"x\" Mr.",
        "\"é\" é said é.",
        "- \"",
        "\"x\" -",
        "according to",
        "according to \"x\"",
    ] {
        let mut d = doc(text);
        find_quotes(&mut d);
        for q in &d.quotes {
            assert!(d.text.get(q.span.range()).is_some());
        }
    }
    let e = QuoteFinder::from_texts("", "");
    assert!(e.is_err(), "an empty verb list is an error");
    let e = QuoteFinder::from_texts("said", "[bogus]\nx");
    assert!(matches!(e, Err(QuoteError::Format { line: 2, .. })));
}

/// Every direct quotation of the five seed stories: (seed file prefix, speaker surname or
/// None, first words of the quote).
const SEED_QUOTES: &[(&str, Option<&str>, &str)] = &[
    ("000", Some("Scheffer"), "The enlarged NATO"),
    ("000", Some("Scheffer"), "The new NATO nations"),
    ("000", Some("Kremeniuk"), "The Russian elite"),
    ("000", Some("Kremeniuk"), "Part of them"),
    ("001", Some("Scheffer"), "I think I can really say"),
    ("001", Some("Putin"), "We emphasized"),
    ("001", Some("Putin"), "If Russia and NATO developed"),
    ("001", Some("Markov"), "There will not be any breakthrough"),
    ("001", Some("Markov"), "The main goal"),
    ("001", Some("Markov"), "These are normal"),
    ("001", Some("Kremenyuk"), "I think the most important issue"),
    ("001", Some("Kremenyuk"), "Many consider"),
    ("002", Some("Robertson"), "He, himself"),
    ("002", Some("Robertson"), "They don't regard"),
    ("002", Some("Robertson"), "One of the things"),
    ("002", Some("Robertson"), "So it doesn't seem"),
    ("003", Some("Putin"), "As for NATO expansion"),
    ("003", Some("Putin"), "Of course we would"),
    ("003", Some("Putin"), "They keep saying"),
    ("003", Some("Putin"), "If NATO did expand"),
    ("003", Some("Putin"), "We believe things"),
    ("003", Some("Pildegovics"), "We have been noting"),
    ("003", Some("Putin"), "For us there are obvious links"),
    // "… ," it said: the joint statement, not a person.
    ("003", None, "Following an exchange of views"),
    ("004", Some("Robertson"), "The international terrorists"),
    ("004", Some("Robertson"), "It makes no sense"),
    ("004", Some("Putin"), "We are looking for"),
];

/// Partial quotes in the seeds, with their speakers.
const SEED_FRAGMENTS: &[(&str, Option<&str>, &str)] = &[
    ("001", Some("Putin"), "extremely low"),
    ("001", Some("Putin"), "international terrorists"),
    ("001", Some("Putin"), "successfully developing"),
    ("001", Some("Scheffer"), "a good project"),
    ("001", Some("Scheffer"), "a very destabilizing factor"),
    ("003", Some("Putin"), "widening and deepening"),
    ("003", Some("Putin"), "logic"),
    ("003", Some("Robertson"), "a new era"),
];

fn seed_docs() -> Option<Vec<(String, Document)>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).ok()? {
        let path = entry.ok()?.path();
        let name = path.file_name()?.to_string_lossy().to_string();
        let raw = std::fs::read_to_string(&path).ok()?;
        let mut d = doc(&raw);
        find_quotes(&mut d);
        out.push((name, d));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Some(out)
}

/// Found and correctly attributed, out of the listed quotes.
fn score(
    docs: &[(String, Document)],
    list: &[(&str, Option<&str>, &str)],
) -> (usize, usize, Vec<String>) {
    let (mut found, mut right, mut misses) = (0, 0, Vec::new());
    for &(seed, speaker, start) in list {
        let Some((_, d)) = docs.iter().find(|(n, _)| n.starts_with(seed)) else {
            misses.push(format!("{seed}: no such seed"));
            continue;
        };
        let hit = d
            .quotes
            .iter()
            .find(|q| d.slice(q.span).trim_start().starts_with(start));
        let Some(q) = hit else {
            misses.push(format!("{seed}: not found: {start}"));
            continue;
        };
        found += 1;
        let ok = match (speaker, q.speaker.as_deref()) {
            (None, None) => true,
            (Some(want), Some(got)) => got.split_whitespace().last() == Some(want),
            _ => false,
        };
        if ok {
            right += 1;
        } else {
            misses.push(format!(
                "{seed}: {start}: speaker {:?}, want {speaker:?}",
                q.speaker
            ));
        }
    }
    (found, right, misses)
}

#[test]
fn seeds_every_quote_found_with_its_speaker() {
    let Some(docs) = seed_docs() else {
        println!("skipped: ../shared not found");
        return;
    };
    let (found, right, misses) = score(&docs, SEED_QUOTES);
    println!(
        "seed quotes: {found}/{} found, {right} attributed",
        SEED_QUOTES.len()
    );
    assert!(misses.is_empty(), "{}", misses.join("\n"));
    let (found, right, misses) = score(&docs, SEED_FRAGMENTS);
    println!(
        "seed fragments: {found}/{} found, {right} attributed",
        SEED_FRAGMENTS.len()
    );
    assert!(misses.is_empty(), "{}", misses.join("\n"));
    for (_, d) in &docs {
        for q in &d.quotes {
            let t = d.slice(q.span);
            assert!(
                !t.starts_with(['"', '“', '”']) && !t.ends_with(['"', '“', '”']),
                "{t}"
            );
            let fragment_listed = SEED_FRAGMENTS.iter().any(|f| t.starts_with(f.2));
            if fragment_listed {
                assert!(q.fragment, "{t} should be a fragment");
            }
            if SEED_QUOTES.iter().any(|f| t.starts_with(f.2)) {
                assert!(!q.fragment, "{t} is a full quote");
            }
        }
    }
}

#[test]
fn inverted_and_auxiliary_attributions() {
    for (text, speaker) in [
        (
            "\"Sales will fall,\" wrote Fadem in a research note.",
            "Fadem",
        ),
        (
            "Rob Goldman, President Ascom North America, says: \"We can help hospitals.\"",
            "Rob Goldman",
        ),
        (
            "\"The state pays nothing,\" Howard Gleckman, a senior fellow at the institute, \
             has written.",
            "Howard Gleckman",
        ),
    ] {
        let (_, q) = quotes(text);
        assert_eq!(q.len(), 1, "{text}");
        assert_eq!(q[0].1.as_deref(), Some(speaker), "{text}");
    }
}

#[test]
fn curly_single_quotes_at_top_level() {
    let (_, q) = quotes(
        "Prime Minister Jan Novak spoke on Monday.\n\
         ‘We will not retreat,’ Novak said. The leaders’ summit ends today.\n\
         He called the plan ‘dead in the water’. They don’t agree.",
    );
    let texts: Vec<&str> = q.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, ["We will not retreat,", "dead in the water"]);
    assert!(
        q.iter().all(|(_, s, _)| s.as_deref() == Some("Jan Novak")),
        "{q:?}"
    );
    assert!(!q[0].2 && q[1].2, "the second is a fragment: {q:?}");
}

#[test]
fn a_quote_alone_takes_the_person_of_the_sentence_just_before() {
    let (_, q) = quotes("Jan Novak, the prime minister, spoke on Monday.\n\"We will win.\"");
    assert_eq!(q[0].1.as_deref(), Some("Jan Novak"));
    let (_, q) = quotes(
        "Jan Novak, the prime minister, spoke on Monday. The company issued a statement.\n\
         \"We will win.\"",
    );
    assert_eq!(q[0].1, None, "the sentence before is about no person");
}

fn mention(d: &Document, text: &str, nth: usize, code: &str, antecedent: Option<u32>) -> Mention {
    let start = d
        .text
        .match_indices(text)
        .nth(nth)
        .map(|(i, _)| i)
        .expect("mention text");
    Mention {
        span: Span::new(start, start + text.len()),
        sentence: 0,
        kind: if antecedent.is_some() {
            MentionKind::Pronoun
        } else {
            MentionKind::Actor
        },
        code: (!code.is_empty()).then(|| code.to_string()),
        name: None,
        rule: "test".into(),
        antecedent,
    }
}

#[test]
fn a_wrong_coder_chain_does_not_change_the_speaker_or_lend_its_code() {
    let mut d = doc("President Vladimir Putin met NATO officials on Friday.\n\
         \"We agree,\" he said.\n\
         \"Sanctions stay,\" it said.");
    d.mentions = vec![
        mention(&d, "Vladimir Putin", 0, "RUSGOV", None),
        mention(&d, "NATO", 0, "IGOWSTNAT", None),
        // The coder wrongly chains "he" to NATO, and "it" to NATO.
        mention(&d, "he", 0, "", Some(1)),
        mention(&d, "it", 0, "", Some(1)),
    ];
    find_quotes(&mut d);
    assert_eq!(d.quotes.len(), 2);
    assert_eq!(d.quotes[0].speaker.as_deref(), Some("Vladimir Putin"));
    assert_eq!(d.quotes[0].speaker_code.as_deref(), Some("RUSGOV"));
    assert_eq!(d.quotes[1].speaker, None);
    assert_eq!(d.quotes[1].speaker_code, None);
}
