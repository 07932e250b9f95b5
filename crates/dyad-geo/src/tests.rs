use super::*;
use dyad_doc::{Event, Sentence};

fn shipped() -> &'static Gazetteer {
    static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    G.get_or_init(|| Gazetteer::try_shipped().expect("shipped gazetteer loads"))
}

/// A one-paragraph document.
fn doc(text: &str) -> Document {
    lines_doc(text)
}

/// A document with each non-empty line a paragraph, sentences split at ". " (the other
/// crates' cleaner and segmenter change concurrently, so tests build their own).
fn lines_doc(raw: &str) -> Document {
    let mut d = Document::default();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !d.text.is_empty() {
            d.text.push_str("\n\n");
        }
        let p = d.text.len();
        d.text.push_str(line);
        d.paragraphs.push(Span::new(p, d.text.len()));
        let mut start = p;
        for (i, _) in line.match_indices(". ") {
            d.sentences.push(Sentence {
                span: Span::new(start, p + i + 1),
                paragraph: (d.paragraphs.len() - 1) as u32,
                ..Sentence::default()
            });
            start = p + i + 2;
        }
        d.sentences.push(Sentence {
            span: Span::new(start, d.text.len()),
            paragraph: (d.paragraphs.len() - 1) as u32,
            ..Sentence::default()
        });
    }
    d
}

fn place_named<'a>(d: &'a Document, name: &str) -> Option<&'a Place> {
    d.places.iter().find(|p| d.slice(p.span) == name)
}

#[test]
fn shipped_data_load_and_are_compact() {
    let g = shipped();
    assert!(g.len() > 30_000, "only {} entries", g.len());
    assert!(SHIPPED_TSV_GZ.len() < 3_000_000);
    let moscow = g.lookup("Moscow");
    assert_eq!(moscow[0].country, "RUS");
    assert!(moscow.len() >= 2, "Moscow, Idaho is a second reading");
}

#[test]
fn seed_datelines_resolve() {
    let g = shipped();
    for (dateline, iso3, lat, lon) in [
        ("Moscow", "RUS", 55.75, 37.62),
        ("BRUSSELS, Belgium", "BEL", 50.85, 4.35),
        ("Brussels, Belgium", "BEL", 50.85, 4.35),
    ] {
        let (loc, why) = g.resolve(dateline).expect(dateline);
        assert_eq!(loc.country, iso3, "{dateline}: {why}");
        assert!(
            (loc.lat - lat).abs() < 0.1 && (loc.lon - lon).abs() < 0.1,
            "{loc:?}"
        );
    }
}

#[test]
fn dateline_in_meta_becomes_a_place() {
    let g = shipped();
    let mut d = doc("BRUSSELS, Belgium -- President Vladimir Putin signaled a new approach.");
    d.meta.dateline = Some("BRUSSELS, Belgium".into());
    g.locate(&mut d);
    let p = &d.places[0];
    assert_eq!(p.location.country, "BEL");
    assert_eq!(d.slice(p.span), "BRUSSELS");
    assert!(p.evidence.starts_with("dateline"), "{}", p.evidence);
}

#[test]
fn dateline_found_in_text_without_meta() {
    let g = shipped();
    let mut d =
        doc("Moscow, 24 June 2005 (RFE/RL) -- Speaking to reporters after talks, he said so.");
    g.locate(&mut d);
    let p = &d.places[0];
    assert_eq!(p.location.country, "RUS");
    assert!(p.evidence.starts_with("dateline"), "{}", p.evidence);
    assert_eq!(d.places.len(), 1, "no second Moscow: {:?}", d.places);
}

/// Places in news phrasing: (sentence, name as written, ISO3, gazetteer name).
const TABLE: &[(&str, &str, &str, &str)] = &[
    (
        "Talks were held in Moscow on Friday.",
        "Moscow",
        "RUS",
        "Moscow",
    ),
    (
        "He flew to Kabul after the meeting.",
        "Kabul",
        "AFG",
        "Kabul",
    ),
    (
        "The attacks in Madrid killed 191 people.",
        "Madrid",
        "ESP",
        "Madrid",
    ),
    (
        "Ministers met in the U.S. state of Colorado.",
        "Colorado",
        "USA",
        "Colorado",
    ),
    (
        "Ministers met in the U.S. state of Colorado.",
        "U.S.",
        "USA",
        "United States",
    ),
    (
        "The delegation arrived in Paris, Texas, late on Monday.",
        "Paris",
        "USA",
        "Paris",
    ),
    (
        "Peace talks resumed in Paris under French mediation.",
        "Paris",
        "FRA",
        "Paris",
    ),
    (
        "Russian troops remain in Georgia despite protests from Tbilisi.",
        "Georgia",
        "GEO",
        "Georgia",
    ),
    (
        "Voters in Georgia went to the polls, as Atlanta braced for turnout.",
        "Georgia",
        "USA",
        "Georgia",
    ),
    (
        "The senator returned to Washington on Tuesday.",
        "Washington",
        "USA",
        "Washington",
    ),
    (
        "Rebels fighting Russian rule in Chechnya were blamed.",
        "Chechnya",
        "",
        "",
    ),
    (
        "Fighting flared again in Gaza overnight.",
        "Gaza",
        "PSE",
        "Gaza",
    ),
    (
        "Protesters gathered outside the embassy in Kiev.",
        "Kiev",
        "UKR",
        "Kyiv",
    ),
    (
        "Police in Mumbai said three people died.",
        "Mumbai",
        "IND",
        "Mumbai",
    ),
    (
        "The summit was held in Bombay in 1995.",
        "Bombay",
        "IND",
        "Mumbai",
    ),
    (
        "Troops were sent to Kandahar and Herat.",
        "Kandahar",
        "AFG",
        "Kandahār",
    ),
    (
        "Troops were sent to Kandahar and Herat.",
        "Herat",
        "AFG",
        "Herāt",
    ),
    (
        "Iraq's neighbours met in Baghdad.",
        "Baghdad",
        "IRQ",
        "Baghdad",
    ),
    ("Iraq's neighbours met in Baghdad.", "Iraq", "IRQ", "Iraq"),
    (
        "Oil prices rose after Nigeria cut output.",
        "Nigeria",
        "NGA",
        "Nigeria",
    ),
    (
        "A bomb exploded near Peshawar on Sunday.",
        "Peshawar",
        "PAK",
        "Peshawar",
    ),
    (
        "Clashes were reported in Mosul and Kirkuk.",
        "Kirkuk",
        "IRQ",
        "Kirkuk",
    ),
    (
        "The ministers met in Brussels, Belgium.",
        "Brussels",
        "BEL",
        "Brussels",
    ),
    (
        "Britain and France backed the resolution.",
        "Britain",
        "GBR",
        "United Kingdom",
    ),
    (
        "The talks in Geneva ended without agreement.",
        "Geneva",
        "CHE",
        "Geneva",
    ),
    (
        "Negotiators arrived in Jerusalem for talks.",
        "Jerusalem",
        "ISR",
        "Jerusalem",
    ),
    (
        "Aid reached Darfur via Khartoum this week.",
        "Khartoum",
        "SDN",
        "Khartoum",
    ),
    (
        "He spoke at a rally in Caracas.",
        "Caracas",
        "VEN",
        "Caracas",
    ),
    (
        "Floods hit Dhaka and much of Bangladesh.",
        "Bangladesh",
        "BGD",
        "Bangladesh",
    ),
    (
        "Demonstrators marched in Sao Paulo.",
        "Sao Paulo",
        "BRA",
        "São Paulo",
    ),
    (
        "Demonstrators marched in São Paulo.",
        "São Paulo",
        "BRA",
        "São Paulo",
    ),
    (
        "The uprising in Andijan was suppressed by Uzbekistan.",
        "Uzbekistan",
        "UZB",
        "Uzbekistan",
    ),
    (
        "Jordan and Egypt signed the accord in Amman.",
        "Amman",
        "JOR",
        "Amman",
    ),
    (
        "Jordan and Egypt signed the accord in Amman.",
        "Jordan",
        "JOR",
        "Jordan",
    ),
    (
        "Officials in Lagos, Nigeria, denied the report.",
        "Lagos",
        "NGA",
        "Lagos",
    ),
    (
        "The storm struck Portland, Maine, overnight.",
        "Portland",
        "USA",
        "Portland",
    ),
    (
        "The storm struck Portland, Oregon, overnight.",
        "Portland",
        "USA",
        "Portland",
    ),
];

#[test]
fn table_of_news_places() {
    let g = shipped();
    let mut failures = Vec::new();
    for &(sentence, name, iso3, resolved) in TABLE {
        let mut d = doc(sentence);
        g.locate(&mut d);
        let got = place_named(&d, name);
        match (got, iso3) {
            // A region the source data do not have must not be invented.
            (None, "") => {}
            (Some(p), _) if p.location.country == iso3 && p.location.name == resolved => {}
            (got, _) => failures.push(format!("{sentence:?} / {name}: got {got:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn qualifier_picks_the_state() {
    let g = shipped();
    let mut a = doc("The storm struck Portland, Maine, overnight.");
    let mut b = doc("The storm struck Portland, Oregon, overnight.");
    g.locate(&mut a);
    g.locate(&mut b);
    let pa = place_named(&a, "Portland").expect("Portland, Maine");
    let pb = place_named(&b, "Portland").expect("Portland, Oregon");
    assert!(pa.location.lon > -75.0, "Maine is east: {pa:?}");
    assert!(pb.location.lon < -120.0, "Oregon is west: {pb:?}");
    assert!(pa.evidence.contains("qualified"), "{}", pa.evidence);
}

#[test]
fn person_names_and_titles_are_not_places() {
    let g = shipped();
    for (sentence, name) in [
        ("A statue of George Washington stood there.", "Washington"),
        ("Michael Jordan retired again.", "Jordan"),
        ("The Moscow Times reported the story.", "Moscow"),
        ("The Washington Post said so.", "Washington"),
        ("The Russia-NATO Council met.", "Russia"),
        ("Reading the statement, he paused.", "Reading"),
        (
            "Before leaving for Beijing on Thursday, Bush was scheduled to speak.",
            "Bush",
        ),
    ] {
        let mut d = doc(sentence);
        g.locate(&mut d);
        assert!(
            place_named(&d, name).is_none(),
            "{sentence}: {:?}",
            d.places
        );
    }
}

#[test]
fn headline_title_case_still_finds_places() {
    let g = shipped();
    let mut d = doc("Russia: NATO Chief In Moscow For Talks With Putin");
    g.locate(&mut d);
    assert_eq!(
        place_named(&d, "Moscow").map(|p| p.location.country.as_str()),
        Some("RUS")
    );
    assert_eq!(
        place_named(&d, "Russia").map(|p| p.location.country.as_str()),
        Some("RUS")
    );
}

#[test]
fn story_context_resolves_ambiguity() {
    let g = shipped();
    // A US story: Texas named earlier makes the later bare "Paris" the Texan one.
    let mut d = doc("Storms swept across Texas on Monday. Shelters opened in Paris and Dallas.");
    g.locate(&mut d);
    let p = place_named(&d, "Paris").expect("Paris");
    assert_eq!(p.location.country, "USA", "{}", p.evidence);
    assert!(p.evidence.contains("TX"), "{}", p.evidence);
}

fn event(sentence: u32, verb: Option<Span>) -> Event {
    Event {
        sentence,
        source: "RUSGOV".into(),
        target: None,
        code: "042".into(),
        root: "04".into(),
        quad_class: 1,
        goldstein: 1.9,
        plover: None,
        plover_mode: None,
        date: None,
        date_precision: None,
        location: None,
        issues: Vec::new(),
        rule: "test".into(),
        verb,
        source_mention: None,
        target_mention: None,
    }
}

#[test]
fn events_take_their_clause_place_else_the_dateline() {
    let g = shipped();
    let text = "Putin met Robertson in Brussels on Wednesday. Russia agreed to closer ties. \
                He later flew to Kabul, then to Madrid, and spoke in Madrid.";
    let mut d = doc(text);
    d.meta.dateline = Some("Moscow".into());
    g.locate(&mut d);
    let spoke = text.find("spoke").expect("verb");
    d.events = vec![
        event(0, None),
        event(1, None),
        event(2, Some(Span::new(spoke, spoke + 5))),
    ];
    g.locate_events(&mut d);
    let names: Vec<_> = d
        .events
        .iter()
        .map(|e| e.location.as_ref().map(|l| l.name.as_str()))
        .collect();
    // "Russia" in sentence 1 is an actor, not a locative: the dateline wins there.
    assert_eq!(names, [Some("Brussels"), Some("Moscow"), Some("Madrid")]);
}

#[test]
fn replacement_files_are_checked() {
    let bad = Gazetteer::from_parts("city\tX\tRUS\t\tnot-a-number\t1\t1\t\n", "", "");
    assert!(
        matches!(bad, Err(GeoError::Format { line: 1, .. })),
        "{bad:?}"
    );
    let alias = Gazetteer::from_parts("city\tX\tRUS\t\t1\t1\t1\t\n", "Y\tNowhere\tFRA\n", "");
    assert!(matches!(alias, Err(GeoError::Format { .. })));
    let ok = Gazetteer::from_parts("city\tXville\tRUS\t\t1\t1\t200000\t\n", "", SHIPPED_WORDS)
        .expect("minimal gazetteer");
    let mut d = doc("They met in Xville.");
    ok.locate(&mut d);
    assert_eq!(d.places.len(), 1);
}

#[test]
fn odd_input_does_not_panic() {
    let g = shipped();
    for text in [
        "",
        "—",
        "Moscow",
        "«Paris»",
        "in Moscow\u{301}",
        ", Texas",
        "U.S.",
    ] {
        let mut d = doc(text);
        d.meta.dateline = Some(text.to_string());
        g.locate(&mut d);
        d.events = vec![event(0, None)];
        g.locate_events(&mut d);
    }
}

/// The seeds: datelines and the places named in the stories.
#[test]
fn seeds_places() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    if !dir.exists() {
        println!("skipped: ../shared not found");
        return;
    }
    let g = shipped();
    let mut found: Vec<(String, String)> = Vec::new();
    let mut datelines: Vec<String> = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for path in paths {
        let raw = std::fs::read_to_string(&path).expect("seed text");
        let mut d = lines_doc(&raw);
        g.locate(&mut d);
        for p in &d.places {
            found.push((d.slice(p.span).to_string(), p.location.country.clone()));
            if p.evidence.starts_with(DATELINE) {
                datelines.push(p.location.country.clone());
            }
        }
    }
    // 001 opens "Moscow, 24 June 2005 (RFE/RL) --", 003 "BRUSSELS, Belgium --"; the other
    // three have no dateline.
    assert_eq!(datelines, ["RUS", "BEL"]);
    let has = |n: &str, c: &str| found.iter().any(|(a, b)| a == n && b == c);
    for (n, c) in [
        ("Moscow", "RUS"),
        ("Madrid", "ESP"),
        ("Afghanistan", "AFG"),
        ("Colorado", "USA"),
        ("Kabul", "AFG"),
        ("Brussels", "BEL"),
        ("Uzbekistan", "UZB"),
        ("Moldova", "MDA"),
    ] {
        assert!(has(n, c), "{n} ({c}) not found in seeds: {found:?}");
    }
    // Nothing in these Russia-NATO stories is in the Americas except Colorado and the US.
    for (n, c) in &found {
        if c == "USA" {
            assert!(
                ["Colorado", "U.S.", "United States", "U.S.A."].contains(&n.as_str()),
                "{n} resolved to USA"
            );
        }
    }
}

#[test]
fn background_build_gives_the_same_gazetteer() {
    let g = Gazetteer::shipped();
    let mut a = doc("Putin arrived in Moscow from Brussels on Monday.");
    let mut b = a.clone();
    g.locate(&mut a);
    shipped().locate(&mut b);
    assert_eq!(a.places, b.places);
    assert!(place_named(&a, "Moscow").is_some());
    assert_eq!(g.len(), shipped().len());
}
