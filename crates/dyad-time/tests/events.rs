//! Dating events: the time expression of the event's own clause, else the publication date.

use dyad_doc::{Date, DatePrecision, Document, Event, Span};
use dyad_time::{date_events, resolve_times};

fn doc(text: &str, pub_date: Option<&str>) -> Document {
    let mut d = Document {
        text: text.to_string(),
        paragraphs: vec![Span::new(0, text.len())],
        ..Default::default()
    };
    d.meta.pub_date = pub_date.map(|p| p.parse().expect("test date"));
    dyad_segment::segment(&mut d);
    resolve_times(&mut d);
    d
}

/// An event whose verb is the first occurrence of `verb` in the text.
fn event(d: &Document, verb: Option<&str>) -> Event {
    let verb = verb.map(|v| {
        let at = d.text.find(v).expect("verb in text");
        Span::new(at, at + v.len())
    });
    let sentence = verb.and_then(|v| d.sentence_at(v.start)).unwrap_or(0) as u32;
    Event {
        sentence,
        source: "RUS".into(),
        target: Some("NATO".into()),
        code: "010".into(),
        root: "01".into(),
        quad_class: 1,
        goldstein: 0.0,
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

/// (text, publication date, verb, expected date and precision).
type Case = (
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<(&'static str, DatePrecision)>,
);

use DatePrecision::{Day, Year};

const CASES: &[Case] = &[
    (
        "Yesterday, Putin criticized NATO's efforts in Afghanistan.",
        Some("2005-06-24"),
        "criticized",
        Some(("2005-06-23", Day)),
    ),
    (
        "Putin said on Wednesday that NATO will expand next year.",
        Some("2001-10-05"),
        "said",
        Some(("2001-10-03", Day)),
    ),
    (
        "Putin said on Wednesday that NATO will expand next year.",
        Some("2001-10-05"),
        "expand",
        Some(("2002-01-01", Year)),
    ),
    // The fronted after-clause keeps its own time; the main clause has none.
    (
        "After talks Thursday with Ivanov, Robertson said the plan was ready.",
        Some("2001-11-23"),
        "said",
        Some(("2001-11-23", Day)),
    ),
    // A relative clause between commas: the main clause resumes after it.
    (
        "Putin, who arrived on Monday, met Bush on Tuesday.",
        Some("2001-10-05"),
        "met",
        Some(("2001-10-02", Day)),
    ),
    (
        "Putin, who arrived on Monday, met Bush on Tuesday.",
        Some("2001-10-05"),
        "arrived",
        Some(("2001-10-01", Day)),
    ),
    (
        "Russia protested on Monday but NATO will go ahead on Friday.",
        Some("2001-10-03"),
        "protested",
        Some(("2001-10-01", Day)),
    ),
    (
        "Russia protested on Monday but NATO will go ahead on Friday.",
        Some("2001-10-03"),
        "go ahead",
        Some(("2001-10-05", Day)),
    ),
    // The reporting frame is its own clause; the quotation has no time.
    (
        "\"We will respond,\" Ivanov said on Tuesday.",
        Some("2001-10-05"),
        "said",
        Some(("2001-10-02", Day)),
    ),
    (
        "\"We will respond,\" Ivanov said on Tuesday.",
        Some("2001-10-05"),
        "respond",
        Some(("2001-10-05", Day)),
    ),
    (
        "NATO will respond next month, Ivanov said on Tuesday.",
        Some("2001-10-05"),
        "respond",
        Some(("2001-11-01", DatePrecision::Month)),
    ),
    (
        "NATO will respond next month, Ivanov said on Tuesday.",
        Some("2001-10-05"),
        "said",
        Some(("2001-10-02", Day)),
    ),
    (
        "The army attacked on Monday; the rebels retreated.",
        Some("2001-10-03"),
        "retreated",
        Some(("2001-10-03", Day)),
    ),
    (
        "The army attacked on Monday; the rebels retreated.",
        Some("2001-10-03"),
        "attacked",
        Some(("2001-10-01", Day)),
    ),
    // Two times in one clause: the nearer one to the verb.
    (
        "On Monday the envoy met Lavrov in Moscow and Ivanov in Sochi on Wednesday.",
        Some("2001-10-05"),
        "met",
        Some(("2001-10-01", Day)),
    ),
    // Without a publication date or a time, no date at all.
    ("Russia criticized NATO.", None, "criticized", None),
    (
        "Russia criticized NATO.",
        Some("2001-10-03"),
        "criticized",
        Some(("2001-10-03", Day)),
    ),
    (
        "Russia criticized NATO on 24 June 2005.",
        None,
        "criticized",
        Some(("2005-06-24", Day)),
    ),
];

#[test]
fn events_take_their_clause_time() {
    let mut failures = Vec::new();
    for (text, pub_date, verb, expected) in CASES {
        let mut d = doc(text, *pub_date);
        d.events = vec![event(&d, Some(verb))];
        date_events(&mut d);
        let e = &d.events[0];
        let want = expected.map(|(date, p)| (date.parse::<Date>().expect("test date"), p));
        let got = e.date.zip(e.date_precision);
        if got != want {
            failures.push(format!(
                "{text:?} verb {verb:?}: expected {want:?}, got {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn event_without_verb_takes_first_time_of_sentence() {
    let mut d = doc(
        "No verb here. NATO met on Monday and on Tuesday.",
        Some("2001-10-05"),
    );
    let mut e = event(&d, None);
    e.sentence = 1;
    d.events = vec![e];
    date_events(&mut d);
    assert_eq!(d.events[0].date, Some("2001-10-01".parse().expect("date")));
}

#[test]
fn out_of_range_events_do_not_panic() {
    let mut d = doc("Russia criticized NATO on Monday.", Some("2001-10-05"));
    let mut e = event(&d, Some("criticized"));
    e.sentence = 99;
    e.verb = Some(Span::new(5000, 5010));
    d.events = vec![e];
    date_events(&mut d);
    assert_eq!(d.events[0].date, Some("2001-10-05".parse().expect("date")));
    assert_eq!(d.events[0].date_precision, Some(Day));
}

/// A 50,000-word sentence full of dates and events is dated in linear time.
#[test]
fn long_sentence_is_linear() {
    let text = "the army attacked on Monday and ".repeat(8_000) + "stopped.";
    let mut d = doc(&text, Some("2001-10-05"));
    assert_eq!(d.sentences.len(), 1);
    assert_eq!(d.times.len(), 8_000);
    let verbs: Vec<Span> = d
        .tokens
        .iter()
        .filter(|t| d.slice(t.span) == "attacked")
        .map(|t| t.span)
        .collect();
    let template = event(&d, Some("attacked"));
    d.events = verbs
        .iter()
        .map(|&v| Event {
            verb: Some(v),
            ..template.clone()
        })
        .collect();
    let t = std::time::Instant::now();
    date_events(&mut d);
    assert!(
        t.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        t.elapsed()
    );
    assert!(d
        .events
        .iter()
        .all(|e| e.date == Some("2001-10-01".parse().expect("date"))));
}
