//! Behaviour of the syntax layer on constructed sentences (tokens separated by spaces, as the
//! segmenter would split them).

use dyad_doc::{Document, IndexRange};
use dyad_syntax::{
    testing, Analyzer, Attachment, ClauseKind, Coordination, NounGroupKind, SentenceSyntax,
    SubjectSource, Tag, Tense, VerbForm, Voice,
};

fn analyze(s: &str) -> (Document, SentenceSyntax) {
    let doc = testing::doc(s);
    let sx = Analyzer::shipped().analyze(&doc, 0);
    (doc, sx)
}

/// The verb group whose head has lemma `lemma`.
fn verb<'a>(sx: &'a SentenceSyntax, lemma: &str) -> &'a dyad_syntax::VerbGroup {
    sx.verb_groups
        .iter()
        .find(|v| sx.lemma(v.head) == lemma)
        .unwrap_or_else(|| panic!("no verb group for {lemma}: {sx:#?}"))
}

fn group_text(doc: &Document, sx: &SentenceSyntax, g: Option<u32>) -> Option<String> {
    g.map(|g| sx.text(doc, sx.noun_groups[g as usize].tokens).to_string())
}

fn tags(sx: &SentenceSyntax) -> Vec<Tag> {
    (0..sx.len() as u32).filter_map(|i| sx.tag(i)).collect()
}

#[test]
fn infinitival_complement_chains_and_inherits_subject() {
    let (doc, sx) = analyze("Russia agreed to hold talks with NATO .");
    assert_eq!(
        tags(&sx),
        [
            Tag::NNP,
            Tag::VBD,
            Tag::TO,
            Tag::VB,
            Tag::NNS,
            Tag::IN,
            Tag::NNP,
            Tag::Period
        ]
    );
    let agreed = verb(&sx, "agree");
    let hold = verb(&sx, "hold");
    assert_eq!(
        group_text(&doc, &sx, agreed.subject).as_deref(),
        Some("Russia")
    );
    assert_eq!(hold.form, VerbForm::Infinitive);
    assert_eq!(hold.subject_source, SubjectSource::Control);
    assert_eq!(
        group_text(&doc, &sx, hold.subject).as_deref(),
        Some("Russia")
    );
    assert_eq!(group_text(&doc, &sx, hold.object).as_deref(), Some("talks"));
    let chain: Vec<&str> = sx
        .verb_chain(sx.verb_group_at(agreed.head).unwrap_or(0))
        .iter()
        .map(|&v| sx.lemma(sx.verb_groups[v as usize].head))
        .collect();
    assert_eq!(chain, ["agree", "hold"]);
    assert_eq!(sx.lemma(4), "talk");
}

#[test]
fn passive_voice_takes_agent_from_by_phrase() {
    let (doc, sx) = analyze("The embassy was attacked by rebels on Monday .");
    let v = verb(&sx, "attack");
    assert_eq!(v.voice, Voice::Passive);
    assert_eq!(v.tense, Tense::Past);
    assert_eq!(
        group_text(&doc, &sx, v.subject).as_deref(),
        Some("The embassy")
    );
    assert_eq!(group_text(&doc, &sx, v.agent).as_deref(), Some("rebels"));
    assert_eq!(
        group_text(&doc, &sx, v.logical_subject()).as_deref(),
        Some("rebels")
    );
    assert_eq!(
        group_text(&doc, &sx, v.logical_object()).as_deref(),
        Some("The embassy")
    );
}

#[test]
fn coordinated_noun_groups_form_a_compound_subject() {
    let (doc, sx) = analyze("Russia and the European Union signed an agreement .");
    let v = verb(&sx, "sign");
    let s = v.subject.expect("subject");
    let g = &sx.noun_groups[s as usize];
    assert_eq!(g.kind, NounGroupKind::Compound);
    let Some(Coordination::Groups(members)) = &g.coordination else {
        panic!("not a coordination of groups: {g:?}");
    };
    let names: Vec<String> = members
        .iter()
        .map(|&m| group_text(&doc, &sx, Some(m)).unwrap_or_default())
        .collect();
    assert_eq!(names, ["Russia", "the European Union"]);
    assert_eq!(
        group_text(&doc, &sx, v.object).as_deref(),
        Some("an agreement")
    );
}

#[test]
fn coordinated_modifiers_share_their_head() {
    let (doc, sx) = analyze("Hungarian and Romanian officials met in Budapest .");
    let v = verb(&sx, "meet");
    let s = v.subject.expect("subject");
    let g = &sx.noun_groups[s as usize];
    assert_eq!(sx.text(&doc, g.tokens), "Hungarian and Romanian officials");
    let Some(Coordination::Modifiers(mods)) = &g.coordination else {
        panic!("not coordinated modifiers: {g:?}");
    };
    let mods: Vec<&str> = mods.iter().map(|&r| sx.text(&doc, r)).collect();
    assert_eq!(mods, ["Hungarian", "Romanian"]);
    assert_eq!(sx.lemma(g.head), "official");
}

#[test]
fn apposition_is_skipped_for_the_subject_and_reported_clause_found() {
    let (doc, sx) = analyze(
        "Sergei Markov , the director of the Institute for Political Studies , said that Russia would respond .",
    );
    let said = verb(&sx, "say");
    let subj = said.subject.expect("subject");
    let g = &sx.noun_groups[subj as usize];
    assert_eq!(sx.text(&doc, g.tokens), "Sergei Markov");
    let app = g.apposition.expect("apposition");
    assert_eq!(
        sx.text(&doc, sx.noun_groups[app as usize].extent),
        "the director of the Institute for Political Studies"
    );
    let respond = verb(&sx, "respond");
    assert_eq!(respond.tense, Tense::Modal);
    assert_eq!(
        group_text(&doc, &sx, respond.subject).as_deref(),
        Some("Russia")
    );
    let clause = &sx.clauses[respond.clause as usize];
    assert_eq!(clause.kind, ClauseKind::Reported);
    let rv = clause
        .reporting_verb
        .map(|v| sx.lemma(sx.verb_groups[v as usize].head));
    assert_eq!(rv, Some("say"));
}

#[test]
fn relative_clause_subject_is_its_antecedent_and_is_skipped_by_the_main_verb() {
    let (doc, sx) = analyze("The rebels who attacked the convoy fled into the hills .");
    let attacked = verb(&sx, "attack");
    assert_eq!(attacked.subject_source, SubjectSource::Relative);
    assert_eq!(
        group_text(&doc, &sx, attacked.subject).as_deref(),
        Some("The rebels")
    );
    assert_eq!(
        group_text(&doc, &sx, attacked.object).as_deref(),
        Some("the convoy")
    );
    assert_eq!(
        sx.clauses[attacked.clause as usize].kind,
        ClauseKind::Relative
    );
    let fled = verb(&sx, "flee");
    assert_eq!(
        group_text(&doc, &sx, fled.subject).as_deref(),
        Some("The rebels")
    );
}

#[test]
fn coordinated_verbs_share_the_subject() {
    let (doc, sx) = analyze("Russia agreed to the plan and backed the resolution .");
    let backed = verb(&sx, "back");
    assert_eq!(backed.subject_source, SubjectSource::Coordination);
    assert_eq!(
        group_text(&doc, &sx, backed.subject).as_deref(),
        Some("Russia")
    );
    assert_eq!(
        group_text(&doc, &sx, backed.object).as_deref(),
        Some("the resolution")
    );
    let agreed = verb(&sx, "agree");
    let pp = agreed
        .preps
        .first()
        .map(|&p| sx.prep_groups[p as usize].word.as_str());
    assert_eq!(pp, Some("to"));
}

#[test]
fn subordinate_clause_keeps_its_own_subject() {
    let (doc, sx) = analyze("After Russia withdrew its troops , Georgia held elections .");
    let withdrew = verb(&sx, "withdraw");
    assert_eq!(
        sx.clauses[withdrew.clause as usize].kind,
        ClauseKind::Subordinate
    );
    assert_eq!(
        group_text(&doc, &sx, withdrew.subject).as_deref(),
        Some("Russia")
    );
    let held = verb(&sx, "hold");
    assert_eq!(
        group_text(&doc, &sx, held.subject).as_deref(),
        Some("Georgia")
    );
    assert_eq!(
        group_text(&doc, &sx, held.object).as_deref(),
        Some("elections")
    );
}

#[test]
fn preposed_reported_content() {
    let (doc, sx) = analyze("Rebels attacked the convoy , police said .");
    let attacked = verb(&sx, "attack");
    let c = &sx.clauses[attacked.clause as usize];
    assert_eq!(c.kind, ClauseKind::Reported);
    assert_eq!(
        group_text(&doc, &sx, attacked.subject).as_deref(),
        Some("Rebels")
    );
    let said = verb(&sx, "say");
    assert_eq!(
        group_text(&doc, &sx, said.subject).as_deref(),
        Some("police")
    );
    assert!(c.reporting_verb.is_some());
}

#[test]
fn particles_negation_and_modals() {
    let (doc, sx) = analyze("NATO set up a council .");
    let v = verb(&sx, "set");
    assert_eq!(v.particle.map(|p| sx.lemma(p)), Some("up"));
    assert_eq!(
        group_text(&doc, &sx, v.object).as_deref(),
        Some("a council")
    );

    let (_, sx) = analyze("Russia will not attend the summit .");
    let v = verb(&sx, "attend");
    assert_eq!(v.tense, Tense::Future);
    assert!(v.negation.is_some());
    assert!(v.modal.is_some());

    let (_, sx) = analyze("The talks have been postponed .");
    let v = verb(&sx, "postpone");
    assert!(v.perfect);
    assert_eq!(v.voice, Voice::Passive);
}

#[test]
fn news_ambiguities_talks_visit_accused() {
    let (_, sx) = analyze("They held talks in Moscow after the visit .");
    assert_eq!(sx.tag(2), Some(Tag::NNS));
    assert_eq!(sx.tag(7), Some(Tag::NN));
    let (_, sx) = analyze("The minister visits Moscow .");
    assert_eq!(sx.tag(2), Some(Tag::VBZ));
    let (_, sx) = analyze("Serbia accused Croatia of aggression .");
    assert_eq!(sx.tag(1), Some(Tag::VBD));
    let (_, sx) = analyze("The accused men went home .");
    assert_eq!(sx.lemma(3), "go");
}

#[test]
fn prepositional_attachment_prefers_noun_for_of() {
    let (doc, sx) = analyze("The director of the institute met officials in Paris .");
    let of = sx.prep_groups.iter().find(|p| p.word == "of").expect("of");
    assert!(matches!(of.attach, Attachment::Noun(_)));
    let inn = sx.prep_groups.iter().find(|p| p.word == "in").expect("in");
    assert!(matches!(inn.attach, Attachment::Verb(_)));
    let met = verb(&sx, "meet");
    let subj = met
        .subject
        .map(|g| sx.text(&doc, sx.noun_groups[g as usize].extent));
    assert_eq!(subj, Some("The director of the institute"));
}

#[test]
fn supplied_parse_maps_into_the_same_structure() {
    let doc = testing::doc("Arnor is about to restore ties with Gondor .");
    let parse = "(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) (ADJP (RB about) (S (VP (TO to) \
                 (VP (VB restore) (NP (NNS ties)) (PP (IN with) (NP (NNP Gondor)))))))) (. .)))";
    let sx = SentenceSyntax::from_ptb(&doc, 0, parse).expect("parse");
    assert_eq!(sx.tag(1), Some(Tag::VBZ));
    assert_eq!(sx.tag(2), Some(Tag::RB));
    let is = verb(&sx, "be");
    assert_eq!(group_text(&doc, &sx, is.subject).as_deref(), Some("Arnor"));
    assert_eq!(is.subject_source, SubjectSource::Parse);
    assert_eq!(sx.lemma(5), "tie");
    // Mismatched or malformed parses are errors, not panics.
    assert!(SentenceSyntax::from_ptb(&doc, 0, "(ROOT (S (NP (NNP Elsewhere))))").is_err());
    assert!(SentenceSyntax::from_ptb(&doc, 0, "(ROOT (S (NP").is_err());
    assert!(SentenceSyntax::from_ptb(&doc, 3, parse).is_err());
}

#[test]
fn parse_alignment_tolerates_bracket_and_quote_spellings() {
    let doc = testing::doc("`` Peace ( now ) '' , he said .");
    let parse =
        "(ROOT (S (S (`` ``) (NP (NN Peace) (PRN (-LRB- -LRB-) (RB now) (-RRB- -RRB-))) ('' '')) \
                 (, ,) (NP (PRP he)) (VP (VBD said)) (. .)))";
    let sx = SentenceSyntax::from_ptb(&doc, 0, parse).expect("aligned");
    assert_eq!(sx.tag(2), Some(Tag::LRB));
    assert_eq!(sx.tag(5), Some(Tag::RQuote));
}

#[test]
fn no_panic_on_odd_input_and_empty_results_out_of_range() {
    let an = Analyzer::shipped();
    let doc = Document::default();
    assert!(an.analyze(&doc, 0).is_empty());
    for s in [
        ",",
        "and and and",
        "the the the .",
        "'s n't 's",
        "( ( ) ) '' `` \"",
        "by by by by",
        "to to",
        "Who ?",
        "1,300 3.5 2005 -- …",
        "ÄÖÜ çà ü’s naïve",
    ] {
        let (doc, sx) = analyze(s);
        assert_eq!(sx.len(), doc.tokens.len(), "{s}");
        for g in &sx.noun_groups {
            assert!(g.tokens.end as usize <= sx.len());
        }
    }
}

#[test]
fn long_sentences_stay_linear() {
    // 50,000 words in one sentence: must finish quickly (no quadratic pass).
    let unit =
        "Russia said that the rebels who attacked the convoy , the army and police held talks ,";
    let text = std::iter::repeat_n(unit, 50_000 / 16)
        .collect::<Vec<_>>()
        .join(" ");
    let doc = testing::doc(&text);
    let t = std::time::Instant::now();
    let sx = Analyzer::shipped().analyze(&doc, 0);
    let took = t.elapsed();
    assert!(sx.len() >= 50_000);
    assert!(!sx.verb_groups.is_empty());
    // Generous even for an unoptimised build; a quadratic pass takes minutes.
    assert!(took.as_secs() < 20, "took {took:?}");
    let r = IndexRange { start: 0, end: 1 };
    assert_eq!(sx.text(&doc, r), "Russia");
}

#[test]
fn multiple_sentences_are_indexed_relative_to_their_sentence() {
    let doc = testing::docs(&["Russia protested .", "NATO rejected the protest ."]);
    let sx = Analyzer::shipped().analyze(&doc, 1);
    assert_eq!(sx.first_token, 3);
    assert_eq!(sx.text(&doc, IndexRange { start: 0, end: 1 }), "NATO");
    let v = verb(&sx, "reject");
    assert_eq!(group_text(&doc, &sx, v.subject).as_deref(), Some("NATO"));
}

#[test]
fn comma_lists_and_possessors() {
    let (doc, sx) = analyze("Russia , Ukraine , Belarus and Kazakhstan signed the treaty .");
    let v = verb(&sx, "sign");
    let g = &sx.noun_groups[v.subject.expect("subject") as usize];
    let Some(Coordination::Groups(m)) = &g.coordination else {
        panic!("not a list: {g:?}");
    };
    assert_eq!(m.len(), 4);
    let (doc2, sx2) = analyze("The rebel group 's leader vowed to fight .");
    let v = verb(&sx2, "vow");
    let g = &sx2.noun_groups[v.subject.expect("subject") as usize];
    assert_eq!(sx2.text(&doc2, g.tokens), "leader");
    assert_eq!(sx2.text(&doc2, g.extent), "The rebel group 's leader");
    let _ = doc;
}
