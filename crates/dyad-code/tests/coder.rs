//! Behaviour of the coder on small dictionaries written for these tests.

use std::sync::Arc;

use dyad_code::Coder;
use dyad_dict::{Dictionary, Format, Kind};
use dyad_doc::{Date, Document, MentionKind, Meta};

const ACTORS: &str = "\
RUSSIA_ [RUS]
+RUSSIAN_
NATO_ [IGOWSTNAT]
+NORTH_ATLANTIC_TREATY_ORGANIZATION_
VLADIMIR_PUTIN_
+PUTIN_
\t[RUSELI 700101-991231]
\t[RUSGOV >000101]
UKRAINE_ [UKR]
";
const AGENTS: &str = "\
LAWMAKER [~LEG]
MINISTER [~GOV]
DEFENSE_MINISTER [~GOVDEF]
POLICE {} [~COP]
";
const VERBS: &str = "\
&TIES
+RELATIONS
+TIES

--- CRITICIZE [111] ---
CRITICIZE
CONDEMN [122]

--- MEET [040:040] ---
MEET {MEETS MET MEETING}
- * (WITH) [046:046]

--- ATTACK [190] ---
ATTACK
- * &TIES [172]

--- SAY [010] ---
SAY {SAYS SAID SAYING}

--- URGE [020] ---
URGE

~ a (a b Q) SAY = a b Q
";
const DISCARDS: &str = "+WORLD CUP\n";

/// A coder over PETRARCH-format dictionary texts, read by `dyad-dict`.
fn coder_of(files: &[(Kind, &str, &str)]) -> Coder {
    let mut dict = Dictionary::default();
    for (kind, name, text) in files {
        dict.read_text(Format::Petrarch, *kind, name, text);
    }
    assert!(dict.problems.is_empty(), "{:?}", dict.problems);
    Coder::new(Arc::new(dict))
}

fn coder() -> Coder {
    coder_of(&[
        (Kind::Actors, "t.actors.txt", ACTORS),
        (Kind::Agents, "t.agents.txt", AGENTS),
        (Kind::Verbs, "t.verbs.txt", VERBS),
        (Kind::Discards, "t.discards.txt", DISCARDS),
    ])
}

fn code(text: &str, date: Option<Date>) -> Document {
    let mut doc = Document {
        text: text.to_string(),
        meta: Meta {
            pub_date: date,
            ..Meta::default()
        },
        ..Document::default()
    };
    coder().code(&mut doc);
    doc
}

/// The test coder with extra verb lines after the test verbs.
fn coder_with_verbs(extra: &str) -> Coder {
    let verbs = format!("{VERBS}{extra}");
    coder_of(&[
        (Kind::Actors, "t.actors.txt", ACTORS),
        (Kind::Agents, "t.agents.txt", AGENTS),
        (Kind::Verbs, "t.verbs.txt", &verbs),
    ])
}

/// The test coder with extra agent lines (`NOUN [~CODE]`) after the test agents.
fn coder_with_agents(extra: &str) -> Coder {
    let agents = format!("{AGENTS}{extra}");
    coder_of(&[
        (Kind::Actors, "t.actors.txt", ACTORS),
        (Kind::Agents, "t.agents.txt", &agents),
        (Kind::Verbs, "t.verbs.txt", VERBS),
    ])
}

/// Codes one undated text with `coder`.
fn code_with(coder: &Coder, text: &str) -> Document {
    let mut doc = Document {
        text: text.into(),
        ..Document::default()
    };
    coder.code(&mut doc);
    doc
}

fn triples(doc: &Document) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = doc
        .events
        .iter()
        .map(|e| {
            (
                e.source.clone(),
                e.target.clone().unwrap_or_default(),
                e.code.clone(),
            )
        })
        .collect();
    v.sort();
    v
}

fn t(s: &str, t: &str, c: &str) -> (String, String, String) {
    (s.into(), t.into(), c.into())
}

#[test]
fn agents_combine_with_countries_and_verbs_take_their_own_code() {
    let doc = code("Russian lawmakers condemned NATO on Monday.", None);
    assert_eq!(triples(&doc), vec![t("RUSLEG", "IGOWSTNAT", "122")]);
    let e = &doc.events[0];
    assert_eq!(e.root, "12");
    assert_eq!(e.quad_class, 3);
    assert!(e.rule.contains("t.verbs.txt:"), "rule {}", e.rule);
}

#[test]
fn dated_codes_follow_the_story_date() {
    let before = code("Putin criticized NATO.", Date::new(1995, 3, 1).ok());
    let after = code("Putin criticized NATO.", Date::new(2004, 3, 1).ok());
    assert_eq!(triples(&before), vec![t("RUSELI", "IGOWSTNAT", "111")]);
    assert_eq!(triples(&after), vec![t("RUSGOV", "IGOWSTNAT", "111")]);
}

#[test]
fn compound_subjects_give_one_event_per_actor_and_reciprocal_codes_reverse() {
    let doc = code("Russia and Ukraine criticized NATO.", None);
    assert_eq!(
        triples(&doc),
        vec![t("RUS", "IGOWSTNAT", "111"), t("UKR", "IGOWSTNAT", "111")]
    );
    let met = code(
        "The Russian defense minister met with NATO in Brussels.",
        None,
    );
    assert_eq!(
        triples(&met),
        vec![
            t("IGOWSTNAT", "RUSGOVDEF", "046"),
            t("RUSGOVDEF", "IGOWSTNAT", "046")
        ]
    );
}

#[test]
fn passive_by_phrase_is_the_source_and_nouns_are_not_verbs() {
    let doc = code("Ukraine was criticized by NATO.", None);
    assert_eq!(triples(&doc), vec![t("IGOWSTNAT", "UKR", "111")]);
    // "the attack" is a noun: no event from it.
    let noun = code("The attack worried Russia.", None);
    assert!(noun.events.is_empty(), "{:?}", triples(&noun));
}

#[test]
fn negated_verbs_without_a_negation_pattern_give_no_event() {
    let doc = code("Russia did not criticize NATO.", None);
    assert!(doc.events.is_empty(), "{:?}", triples(&doc));
}

#[test]
fn patterns_choose_codes_and_synsets_generate_plurals() {
    let doc = code("Russia will attack its ties with NATO.", None);
    assert_eq!(triples(&doc), vec![t("RUS", "IGOWSTNAT", "172")]);
}

#[test]
fn reported_events_replace_the_report_through_transformations() {
    let doc = code("Russia said it criticized NATO.", None);
    assert_eq!(triples(&doc), vec![t("RUS", "IGOWSTNAT", "111")]);
    assert!(doc.events[0].rule.contains("SAY"), "{}", doc.events[0].rule);
    // What the speaker says it will do is an intention: code-intent.txt codes a criticism
    // announced as 130.
    let doc = code("Russia said it would criticize NATO.", None);
    assert_eq!(triples(&doc), vec![t("RUS", "IGOWSTNAT", "130")]);
}

#[test]
fn pronouns_and_titles_resolve_to_the_named_actor_with_a_chain() {
    let doc = code_sentences_dated(
        &["Vladimir Putin arrived on Monday.", "He criticized NATO."],
        Date::new(2004, 3, 1).ok(),
    );
    assert_eq!(triples(&doc), vec![t("RUSGOV", "IGOWSTNAT", "111")]);
    let src = doc.events[0].source_mention.expect("source mention") as usize;
    let m = &doc.mentions[src];
    assert_eq!(m.kind, MentionKind::Pronoun);
    let ante = m.antecedent.expect("antecedent") as usize;
    assert_eq!(doc.slice(doc.mentions[ante].span), "Vladimir Putin");
}

#[test]
fn story_discards_stop_the_whole_story() {
    let doc = code("Russia criticized NATO after the World Cup final.", None);
    assert!(doc.events.is_empty());
}

#[test]
fn nothing_panics_on_odd_input() {
    for text in [
        "",
        " ",
        "((( ,,, ))) 's n't",
        "’’’",
        "Russia",
        "criticized",
        "\u{0}\u{1F600} NATO",
    ] {
        let doc = code(text, None);
        assert!(doc.events.len() <= 1);
    }
}

fn code_sentences(sentences: &[&str]) -> Document {
    code_sentences_dated(sentences, None)
}

/// Codes `sentences`, joined by spaces, as one story published on `date`.
fn code_sentences_dated(sentences: &[&str], date: Option<Date>) -> Document {
    let text = sentences.join(" ");
    let mut doc = Document {
        text: text.clone(),
        meta: Meta {
            pub_date: date,
            ..Meta::default()
        },
        ..Document::default()
    };
    let mut at = 0;
    for s in sentences {
        doc.sentences.push(dyad_doc::Sentence {
            span: dyad_doc::Span::new(at, at + s.len()),
            ..Default::default()
        });
        at += s.len() + 1;
    }
    coder().code(&mut doc);
    doc
}

#[test]
fn definite_descriptions_and_agents_refer_back() {
    let doc = code_sentences(&[
        "The Russian Security Council met with NATO.",
        "The security council criticized Ukraine.",
        "The Russian defense minister arrived.",
        "The defense minister condemned Ukraine.",
    ]);
    let t3 = triples(&doc);
    assert!(t3.contains(&t("RUS", "UKR", "111")), "{t3:?}");
    assert!(t3.contains(&t("RUSGOVDEF", "UKR", "122")), "{t3:?}");
    let described = doc
        .mentions
        .iter()
        .find(|m| doc.slice(m.span) == "The security council")
        .expect("description is a mention");
    assert_eq!(described.kind, MentionKind::Nominal);
    let ante = described.antecedent.expect("antecedent") as usize;
    assert_eq!(
        doc.slice(doc.mentions[ante].span),
        "The Russian Security Council"
    );
}

#[test]
fn title_and_surname_refer_to_the_full_name() {
    let doc = code_sentences(&[
        "NATO envoy Anders Robertson arrived.",
        "Russia criticized Mr. Robertson.",
    ]);
    assert_eq!(triples(&doc), vec![t("RUS", "IGOWSTNAT", "111")]);
}

#[test]
fn intentions_combine_with_the_event_they_announce() {
    let c = coder_of(&[
        (Kind::Actors, "t.actors.txt", ACTORS),
        (
            Kind::Verbs,
            "t.verbs.txt",
            "--- PLEDGE [030] ---\nPLEDGE\n\n--- ATTACK [190] ---\nATTACK\n\n--- VISIT [042:043] ---\nVISIT\n",
        ),
    ]);
    let mut doc = Document {
        text: "Russia pledged to attack Ukraine.".into(),
        ..Document::default()
    };
    c.code(&mut doc);
    assert_eq!(triples(&doc), vec![t("RUS", "UKR", "138")]);
    assert!(
        doc.events[0].rule.contains("intent"),
        "{}",
        doc.events[0].rule
    );
    let mut visit = Document {
        text: "Russia pledged to visit Ukraine.".into(),
        ..Document::default()
    };
    c.code(&mut visit);
    // The announced visit is an intention to meet; Ukraine hosts nothing yet.
    assert_eq!(triples(&visit), vec![t("RUS", "UKR", "036")]);
}

#[test]
fn explain_reports_words_groups_patterns_and_events() {
    let ex = dyad_code::explain::explain(&coder(), "Russia will attack its ties with NATO.", None);
    assert!(ex
        .words
        .iter()
        .any(|w| w.text == "attack" && w.tag == "VERB"));
    assert!(ex
        .groups
        .iter()
        .any(|g| g.members.iter().any(|m| m.0 == "IGOWSTNAT")));
    let verb = ex
        .verbs
        .iter()
        .find(|v| v.text == "attack")
        .expect("attack is a verb");
    assert_eq!(verb.source.as_deref(), Some("Russia"));
    let chosen: Vec<_> = verb.patterns.iter().filter(|p| p.3).collect();
    assert_eq!(chosen.len(), 1);
    assert!(chosen[0].0.contains("&TIES"), "{:?}", chosen[0]);
    assert!(chosen[0].1.starts_with("t.verbs.txt:"));
    assert_eq!(ex.events.len(), 1);
    assert_eq!(ex.events[0].code, "172");
}

#[test]
fn validation_honours_require_dyad_from_config() {
    let xml = r#"<Validation><Sentences>
<Sentence date="20040101" id="A" category="X" sentence="true">
<EventCoding noevents="True"></EventCoding><Text>Russia criticized the plan.</Text></Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date="20040101" id="B" category="X" sentence="true">
<EventCoding sourcecode="RUS" targetcode="---" eventcode="111"></EventCoding>
<Text>Russia criticized the plan.</Text></Sentence>
</Sentences></Validation>"#;
    let suite = dyad_code::validate::parse(xml).expect("well-formed");
    let report = dyad_code::validate::run(&suite, &coder(), false);
    assert_eq!(report.counted, 2);
    assert_eq!(report.passed, 2, "{:?}", report.results);
}

#[test]
fn comma_options_set_asides_apart() {
    // The terminal stretch "Ukraine criticized NATO" (3 words) is an aside under emax 4 and
    // codes nothing; with the options off (the default) it is coded.
    let text = "Russia criticized NATO on Monday, Ukraine criticized NATO.";
    let off = code(text, None);
    assert!(
        off.events.iter().any(|e| e.source == "UKR"),
        "{:?}",
        off.events
    );
    let mut options = coder().options().clone();
    assert!(options.comma.set("comma_emin", "2"));
    assert!(options.comma.set("comma_emax", "4"));
    assert!(!options.comma.set("require_dyad", "4"));
    let mut doc = Document {
        text: text.to_string(),
        ..Document::default()
    };
    coder().with_options(options).code(&mut doc);
    assert!(
        doc.events.iter().all(|e| e.source != "UKR"),
        "{:?}",
        doc.events
    );
    assert!(
        doc.events.iter().any(|e| e.source == "RUS"),
        "{:?}",
        doc.events
    );
}

#[test]
fn comma_options_keep_lists() {
    // "Russia, Ukraine" is a coordinated group, not an initial aside.
    let mut options = coder().options().clone();
    options.comma.set("comma_bmin", "1");
    options.comma.set("comma_bmax", "5");
    let mut doc = Document {
        text: "Russia, Ukraine and NATO criticized the plan.".to_string(),
        ..Document::default()
    };
    coder()
        .with_options(dyad_code::Options {
            require_dyad: false,
            ..options
        })
        .code(&mut doc);
    assert!(
        doc.events.iter().any(|e| e.source == "RUS"),
        "{:?}",
        doc.events
    );
}

#[test]
fn own_format_verbs_are_not_read_as_petrarch() {
    // dyad's own verb format writes irregular forms as `{A B | C D}`; read as PETRARCH text,
    // "AND" and "|" would become verb forms of their own.
    let dir = std::env::temp_dir().join(format!("dyad-code-own-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("cameo.verbs");
    std::fs::write(
        &path,
        "--- APPREHEND [171] ---\nARREST AND {ARRESTS AND | ARRESTED AND}\nCAPTURE\n",
    )
    .expect("write");
    let dict = dyad_dict::Dictionary::load(std::slice::from_ref(&path)).expect("own format reads");
    let coder = Coder::new(Arc::new(dict));
    let _ = std::fs::remove_dir_all(&dir);
    let lex = coder.lexicon();
    assert!(lex
        .forms
        .get("AND")
        .is_none_or(|fs| fs.iter().all(|f| f.words.len() > 1)));
    assert!(!lex.forms.contains_key("|"));
    let arrested = lex.forms.get("ARRESTED").expect("irregular form read");
    assert!(arrested
        .iter()
        .any(|f| f.words == ["ARRESTED", "AND"] && f.head == 0));
}

#[test]
fn a_country_acting_on_itself_is_no_event() {
    assert!(code("Russian lawmakers criticized Russia.", None)
        .events
        .is_empty());
    assert_eq!(
        triples(&code("Russian lawmakers criticized NATO.", None)),
        vec![t("RUSLEG", "IGOWSTNAT", "111")]
    );
}

#[test]
fn conditions_are_not_events() {
    let doc = code(
        "If Russia attacks Ukraine, NATO will criticize Russia.",
        None,
    );
    assert_eq!(triples(&doc), vec![t("IGOWSTNAT", "RUS", "111")]);
    let doc = code(
        "NATO will criticize Russia unless Russia attacks Ukraine.",
        None,
    );
    assert_eq!(triples(&doc), vec![t("IGOWSTNAT", "RUS", "111")]);
}

#[test]
fn topics_of_talks_are_not_targets() {
    assert!(code("Russia criticized the statement on Ukraine.", None)
        .events
        .is_empty());
    assert_eq!(
        triples(&code(
            "Russia criticized the talks on Ukraine with NATO.",
            None
        )),
        vec![t("RUS", "IGOWSTNAT", "111")]
    );
    // Other nouns keep their "on" phrase as the target.
    assert_eq!(
        triples(&code("Russia criticized the attack on Ukraine.", None)),
        vec![t("RUS", "UKR", "111")]
    );
}

#[test]
fn a_reported_clause_without_an_actor_ends_the_target_search() {
    assert!(code("Russia said a bomb was fired from Ukraine.", None)
        .events
        .is_empty());
    // The subject of the reported clause is still the target when it is an actor.
    assert_eq!(
        triples(&code("Russia said Ukraine was ready.", None)),
        vec![t("RUS", "UKR", "010")]
    );
}

#[test]
fn an_agent_word_before_a_thing_is_an_adjective() {
    assert!(code("Ukraine criticized police support.", None)
        .events
        .is_empty());
    assert_eq!(
        triples(&code("Ukraine criticized the police.", None)),
        vec![t("UKR", "---COP", "111")]
    );
}

#[test]
fn actors_in_adjunct_phrases_are_not_targets() {
    assert!(code("Russia attacked during talks with NATO.", None)
        .events
        .is_empty());
}

#[test]
fn a_participle_after_its_noun_phrase_is_passive() {
    assert_eq!(
        triples(&code(
            "Russian lawmakers criticized by NATO were angry.",
            None
        )),
        vec![t("IGOWSTNAT", "RUSLEG", "111")]
    );
}

#[test]
fn plural_nouns_after_a_verb_and_its_noun_are_not_verbs() {
    assert_eq!(
        triples(&code("Russia condemned terrorist attacks on NATO.", None)),
        vec![t("RUS", "IGOWSTNAT", "122")]
    );
}

#[test]
fn the_verb_of_a_free_relative_is_no_event() {
    let doc = code("Russia criticized what NATO said about Ukraine.", None);
    assert!(
        doc.events.iter().all(|e| e.source != "IGOWSTNAT"),
        "{:?}",
        triples(&doc)
    );
    // Without "what", NATO's saying is coded.
    let doc = code("Russia criticized it, NATO said about Ukraine.", None);
    assert!(
        doc.events.iter().any(|e| e.source == "IGOWSTNAT"),
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn what_a_directive_asks_for_is_no_event() {
    assert_eq!(
        triples(&code("NATO urged Russia to attack Ukraine.", None)),
        vec![t("IGOWSTNAT", "RUS", "020")]
    );
    // Without an object, the infinitive is the subject's own act and stays coded.
    assert!(code("Russia promised to attack Ukraine.", None)
        .events
        .iter()
        .any(|e| e.target.as_deref() == Some("UKR")));
}

#[test]
fn an_infinitive_under_refusal_or_negation_did_not_happen() {
    assert!(code("Russia refused to attack Ukraine.", None)
        .events
        .is_empty());
    assert!(code("Russia is not ready to attack Ukraine.", None)
        .events
        .is_empty());
    assert!(code("Russia is likely to attack Ukraine.", None)
        .events
        .is_empty());
    assert_eq!(
        triples(&code("Russia planned to attack Ukraine.", None)),
        vec![t("RUS", "UKR", "190")]
    );
}

#[test]
fn a_compound_subject_consults_itself_not_the_place() {
    assert_eq!(
        triples(&code("Russia and Ukraine met at NATO.", None)),
        vec![t("RUS", "UKR", "040"), t("UKR", "RUS", "040")]
    );
    // A single subject still meets whoever is there.
    assert_eq!(
        triples(&code("Russia met at NATO.", None)),
        vec![t("IGOWSTNAT", "RUS", "040"), t("RUS", "IGOWSTNAT", "040")]
    );
}

#[test]
fn base_forms_before_of_or_after_a_plain_noun_are_nouns() {
    let c = coder_of(&[
        (Kind::Actors, "t.actors.txt", ACTORS),
        (
            Kind::Verbs,
            "t.verbs.txt",
            "--- HEAD [060] ---\nHEAD\n\n--- PROGRESS [030] ---\nPROGRESS\n\n--- CRITICIZE [111] ---\nCRITICIZE\n",
        ),
    ]);
    let mut doc = Document {
        text: "The deputy head of NATO criticized Russia.".into(),
        ..Document::default()
    };
    c.code(&mut doc);
    assert_eq!(triples(&doc), vec![t("IGOWSTNAT", "RUS", "111")]);
    let mut doc = Document {
        text: "Russia said that significant progress with Ukraine was possible.".into(),
        ..Document::default()
    };
    c.code(&mut doc);
    assert!(
        doc.events.iter().all(|e| e.code != "030"),
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn new_actor_length_turns_unknown_noun_phrases_into_actors() {
    let text = "The Ministry of Magic criticized Russia.";
    assert!(code(text, None).events.is_empty());
    let options = dyad_code::Options {
        new_actor_length: 4,
        ..coder().options().clone()
    };
    let mut doc = Document {
        text: text.into(),
        ..Document::default()
    };
    coder().with_options(options.clone()).code(&mut doc);
    assert_eq!(
        triples(&doc),
        vec![t("\"THE MINISTRY OF MAGIC\"", "RUS", "111")]
    );
    // Longer phrases stay unknown.
    let mut doc = Document {
        text: text.into(),
        ..Document::default()
    };
    coder()
        .with_options(dyad_code::Options {
            new_actor_length: 3,
            ..options
        })
        .code(&mut doc);
    assert!(doc.events.is_empty(), "{:?}", triples(&doc));
}

#[test]
fn generic_dyads_without_a_country_are_dropped_unless_asked_for() {
    assert!(code("Police attacked lawmakers.", None).events.is_empty());
    assert_eq!(
        triples(&code("Police attacked Russian lawmakers.", None)),
        vec![t("---COP", "RUSLEG", "190")]
    );
    let mut doc = Document {
        text: "Police attacked lawmakers.".into(),
        ..Document::default()
    };
    coder()
        .with_options(dyad_code::Options {
            require_placed: false,
            ..coder().options().clone()
        })
        .code(&mut doc);
    assert_eq!(triples(&doc), vec![t("---COP", "---LEG", "190")]);
}

#[test]
fn a_country_and_its_own_agents_are_one_side() {
    assert!(code("Russia criticized Russian lawmakers.", None)
        .events
        .is_empty());
}

/// The test dictionaries with "force" as a verb.
fn coder_with_force() -> Coder {
    coder_with_verbs("\n--- FORCE [170] ---\nFORCE\n")
}

#[test]
fn plural_nouns_before_an_auxiliary_or_after_a_name_are_not_verbs() {
    let c = coder_with_force();
    // "attacks" before "are" heads the subject.
    let doc = code_with(&c, "Ukraine attacks are a threat to NATO.");
    assert!(doc.events.is_empty(), "{:?}", triples(&doc));
    // ... but a verb in -s stays a verb.
    assert_eq!(
        triples(&code_with(&c, "Ukraine attacks NATO.")),
        vec![t("UKR", "IGOWSTNAT", "190")]
    );
    // "forces" after a name is the head of a noun phrase (`[HEADNOUN]`).
    let doc = code_with(&c, "NATO condemned Russian forces near Ukraine.");
    assert!(
        triples(&doc).iter().all(|e| e.2 != "170"),
        "{:?}",
        triples(&doc)
    );
    assert_eq!(
        triples(&code_with(&c, "Russia forces Ukraine to retreat.")),
        vec![t("RUS", "UKR", "170")]
    );
}

#[test]
fn an_uninflected_form_after_a_preposition_and_nouns_is_a_noun() {
    let doc = code(
        "NATO met Ukraine about a route for Russian police attack.",
        None,
    );
    assert!(
        triples(&doc).iter().all(|e| e.2 != "190"),
        "{:?}",
        triples(&doc)
    );
    // After a plural noun it can be a verb: "after the lawmakers attack NATO".
    let doc = code("Russian lawmakers attack NATO.", None);
    assert_eq!(triples(&doc), vec![t("RUSLEG", "IGOWSTNAT", "190")]);
}

#[test]
fn first_and_second_person_pronouns_are_not_resolved_by_position() {
    let doc = code_sentences(&[
        "Russia criticized NATO.",
        "\"We condemn Ukraine,\" he said.",
    ]);
    assert!(
        triples(&doc).iter().all(|e| e.2 != "122"),
        "{:?}",
        triples(&doc)
    );
    // Third-person pronouns still are.
    let doc = code_sentences(&["Russia criticized NATO.", "It condemned Ukraine."]);
    assert!(
        triples(&doc).contains(&t("RUS", "UKR", "122")),
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn a_pronoun_subject_of_a_reported_clause_ends_the_target_search() {
    let doc = code(
        "Putin said, \"We strongly condemn attacks by Ukraine.\"",
        None,
    );
    assert!(
        triples(&doc).iter().all(|e| e.1 != "UKR"),
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn what_a_plan_or_claim_names_is_not_an_event() {
    for text in [
        "NATO criticized the plan to attack Ukraine.",
        "Russia condemned accusations that it attacked Ukraine.",
    ] {
        let doc = code(text, None);
        assert!(
            triples(&doc).iter().all(|e| e.2 != "190"),
            "{text}: {:?}",
            triples(&doc)
        );
    }
    // The same verbs stand when asserted.
    assert_eq!(
        triples(&code("Russia said that it attacked Ukraine.", None))
            .iter()
            .filter(|e| e.2 == "190")
            .count(),
        1
    );
}

#[test]
fn generic_state_agents_take_the_dominant_country_of_the_article() {
    let story = [
        "Russia criticized NATO.",
        "Russia condemned Ukraine.",
        "Putin met NATO.",
        "Police attacked NATO.",
    ];
    let doc = code_sentences(&story);
    let e = doc
        .events
        .iter()
        .find(|e| e.sentence == 3)
        .expect("an event in the last sentence");
    assert_eq!(e.source, "RUSCOP", "{}", e.rule);
    assert!(e.rule.contains("country of the article"), "{}", e.rule);
    // Without a clearly dominant country the agent stays generic.
    let doc = code_sentences(&[
        "Russia criticized Ukraine.",
        "Ukraine condemned Russia.",
        "Police attacked NATO.",
    ]);
    let e = doc.events.iter().find(|e| e.sentence == 2);
    assert_eq!(e.map(|e| e.source.as_str()), Some("---COP"));
}

#[test]
fn a_participle_after_an_object_with_a_by_phrase_is_passive() {
    // "criticized" is the participle of a reduced relative: Putin criticized the statement,
    // not NATO (the statement is no actor, so there is no criticism event).
    let doc = code(
        "NATO condemned the statement criticized on Monday by Putin.",
        None,
    );
    assert!(
        triples(&doc).iter().all(|e| e.2 != "111"),
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn pronouns_look_back_one_sentence_only() {
    let near = code_sentences(&["Putin arrived.", "He criticized Ukraine."]);
    assert_eq!(triples(&near), vec![t("RUSGOV", "UKR", "111")]);
    let far = code_sentences(&[
        "Putin arrived.",
        "The weather was cold.",
        "The snow was deep.",
        "He criticized Ukraine.",
    ]);
    assert!(far.events.is_empty(), "{:?}", triples(&far));
}

#[test]
fn a_bare_agent_code_counts_as_unplaced() {
    let actors = format!("{ACTORS}REUTERS_ [MED]\n");
    let c = coder_of(&[
        (Kind::Actors, "t.actors.txt", &actors),
        (Kind::Agents, "t.agents.txt", AGENTS),
        (Kind::Verbs, "t.verbs.txt", VERBS),
    ]);
    let doc = code_with(&c, "Police criticized Reuters.");
    assert!(doc.events.is_empty(), "{:?}", triples(&doc));
    assert_eq!(
        triples(&code_with(&c, "Russia criticized Reuters.")),
        vec![t("RUS", "MED", "111")]
    );
}

#[test]
fn an_inflected_verb_after_and_shares_the_finite_verbs_subject_not_an_infinitives() {
    let verbs = format!(
        "{VERBS}\n--- ACCUSE [112] ---\nACCUSE\n\n--- SEVER [161] ---\n\
         +BREAK_OFF {{+BREAKS_OFF +BROKE_OFF +BREAKING_OFF +BROKEN_OFF}}\n"
    );
    let c = coder_of(&[
        (Kind::Actors, "t.actors.txt", ACTORS),
        (Kind::Agents, "t.agents.txt", AGENTS),
        (Kind::Verbs, "t.verbs.txt", &verbs),
    ]);
    // "broke" is an irregular past form: a verb after "and", coordinated with "accused",
    // not with the infinitive "to attack" whose subject is Russia.
    let doc = code_with(
        &c,
        "Ukraine accused Russia of trying to attack its ports and broke off relations with NATO.",
    );
    let severed: Vec<_> = triples(&doc).into_iter().filter(|e| e.2 == "161").collect();
    assert_eq!(severed, vec![t("UKR", "IGOWSTNAT", "161")]);
    assert!(triples(&doc).contains(&t("UKR", "RUS", "112")));
    // A bare form after "and" still coordinates with the infinitive: no event for Ukraine.
    let bare = code_with(
        &c,
        "Ukraine urged Russia to attack the rebels and break off relations with NATO.",
    );
    assert!(
        triples(&bare).iter().all(|e| e.2 != "161" || e.0 != "UKR"),
        "{:?}",
        triples(&bare)
    );
}

#[test]
fn a_mediator_of_a_deal_acts_on_the_parties_named_by_the_subject() {
    let c = coder_with_verbs("\n--- AGREE [050] ---\nAGREE\n\n--- BROKER [045] ---\nBROKER\n");
    let doc = code_with(
        &c,
        "Russia and Ukraine agreed on Monday to a truce, in a deal brokered by NATO.",
    );
    let mediated: Vec<_> = triples(&doc).into_iter().filter(|e| e.2 == "045").collect();
    assert_eq!(
        mediated,
        vec![t("IGOWSTNAT", "RUS", "045"), t("IGOWSTNAT", "UKR", "045")]
    );
    // Without a mediator there is no mediation event.
    let plain = code_with(&c, "Russia and Ukraine agreed on Monday to a truce.");
    assert!(
        triples(&plain).iter().all(|e| e.2 != "045"),
        "{:?}",
        triples(&plain)
    );
}

#[test]
fn a_meeting_noun_with_a_between_phrase_is_a_meeting_of_its_parties() {
    let doc = code(
        "Three days of talks in Geneva between Russia and Ukraine ended.",
        None,
    );
    assert_eq!(
        triples(&doc),
        vec![t("RUS", "UKR", "040"), t("UKR", "RUS", "040")]
    );
    // The event's evidence is the noun.
    let verb = doc.events[0]
        .verb
        .expect("the noun is the event's verb span");
    assert_eq!(doc.slice(verb), "talks");
    let doc = code("A meeting of Russia and Ukraine took place.", None);
    assert_eq!(
        triples(&doc),
        vec![t("RUS", "UKR", "040"), t("UKR", "RUS", "040")]
    );
    // Planned or refused talks did not take place.
    let doc = code(
        "Plans for talks between Russia and Ukraine were dropped.",
        None,
    );
    assert!(triples(&doc).is_empty(), "{:?}", triples(&doc));
    let doc = code(
        "Russia was unable to hold talks between NATO and Ukraine.",
        None,
    );
    assert!(triples(&doc).is_empty(), "{:?}", triples(&doc));
}

#[test]
fn protesters_take_the_country_that_dominates_the_article() {
    let coder = coder_with_agents("PROTESTER [~OPP]\n");
    let mut doc = Document {
        text:
            "Russian police attacked protesters. Russia criticized NATO. Russia criticized Ukraine."
                .into(),
        ..Document::default()
    };
    coder.code(&mut doc);
    assert!(
        triples(&doc).contains(&t("RUSCOP", "RUSOPP", "190")),
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn a_speaker_reporting_its_own_agent_reports_the_act_not_an_accusation() {
    let coder = coder_with_verbs("~ a (b . ATTACK) SAY = a b 112\n");
    let doc = code_with(&coder, "Russia said its police attacked Ukraine.");
    // The attack itself (with the speaker's country or its police as the source), no 112.
    let got = triples(&doc);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].0.starts_with("RUS") && got[0].1 == "UKR" && got[0].2 == "190",
        "{got:?}"
    );
    // Another party is accused.
    let doc = code_with(&coder, "Russia said Ukraine attacked NATO.");
    assert_eq!(triples(&doc), vec![t("RUS", "UKR", "112")]);
}

#[test]
fn a_place_that_only_modifies_a_place_phrase_is_no_target() {
    // The place heads its phrase: where nothing else is, it is the target.
    let doc = code("Russia criticized plans in Ukraine.", None);
    assert_eq!(triples(&doc), vec![t("RUS", "UKR", "111")]);
    // "at the Ukraine summit": the place modifies "summit".
    let doc = code("Russia criticized plans at the Ukraine summit.", None);
    assert!(
        triples(&doc).iter().all(|e| e.1 != "UKR"),
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn a_statement_to_reporters_names_no_party() {
    let coder = coder_with_agents("REPORTER [~MED]\n");
    let doc = code_with(&coder, "Putin said to reporters that the talks went well.");
    assert!(
        triples(&doc).iter().all(|e| !e.1.ends_with("MED")),
        "{:?}",
        triples(&doc)
    );
    // A criticism of the press is an event on it.
    let doc = code_with(&coder, "Russia criticized reporters.");
    assert_eq!(triples(&doc), vec![t("RUS", "---MED", "111")]);
}

#[test]
fn the_actor_of_an_of_phrase_after_a_quantity_is_the_subject() {
    let coder = coder_with_agents("PROTESTER [~OPP]\n");
    let doc = code_with(&coder, "Thousands of protesters criticized Russia.");
    assert_eq!(triples(&doc), vec![t("---OPP", "RUS", "111")]);
}

#[test]
fn a_generic_agent_takes_the_country_of_the_one_place_its_sentence_names() {
    let coder = coder_with_agents("PROTESTER [~OPP]\n");
    let doc = code_with(&coder, "Protesters criticized NATO in Ukraine.");
    assert_eq!(triples(&doc), vec![t("UKROPP", "IGOWSTNAT", "111")]);
    assert!(doc.events[0].rule.contains("place named"));
    // Not when it would set the country against itself.
    let doc = code_with(&coder, "Police criticized Ukraine in Ukraine.");
    assert!(
        triples(&doc).iter().all(|e| e.0 != "UKRCOP"),
        "{:?}",
        triples(&doc)
    );
}

#[test]
fn a_plural_pronoun_refers_to_every_member_of_a_compound_antecedent() {
    let doc = code("Russia and Ukraine said they criticized NATO.", None);
    let got = triples(&doc);
    assert!(got.contains(&t("RUS", "IGOWSTNAT", "111")), "{got:?}");
    assert!(got.contains(&t("UKR", "IGOWSTNAT", "111")), "{got:?}");
}

#[test]
fn an_unplaced_reported_subject_is_not_replaced_by_the_speaker() {
    // "X said Y attacked Z": the event is Y's, never X -> Z.
    let doc = code("Russia said police attacked Ukraine.", None);
    let got = triples(&doc);
    assert!(
        !got.contains(&t("RUS", "UKR", "190")),
        "the speaker is not the attacker: {got:?}"
    );
}

#[test]
fn an_object_pronoun_does_not_refer_to_its_verbs_subject() {
    let doc = code_sentences_dated(
        &["Vladimir Putin arrived on Monday.", "NATO criticized him."],
        Date::new(2004, 3, 1).ok(),
    );
    assert_eq!(triples(&doc), vec![t("IGOWSTNAT", "RUSGOV", "111")]);
}
