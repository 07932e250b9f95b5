//! Time expressions in news phrasing, resolved against publication dates.

use dyad_doc::{Date, DatePrecision, Document, Span};
use dyad_time::{resolve_times, TimeWords};

/// A one-paragraph document with a publication date, segmented and resolved.
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

use DatePrecision::{Day, Month, Year};

/// (sentence, publication date, expression, expected date and precision; None = no date).
type Case = (
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<(&'static str, DatePrecision)>,
);

const CASES: &[Case] = &[
    // The seed facts.
    ("Yesterday, Putin criticized the effectiveness of efforts to rid Afghanistan of terrorists.", Some("2005-06-24"), "Yesterday", Some(("2005-06-23", Day))),
    ("After talks Thursday with Defense Secretary Sergei Ivanov, Mr. Robertson said one proposal would give Russia an equal voice.", Some("2001-11-23"), "Thursday", Some(("2001-11-22", Day))),
    // Relative days.
    ("Putin held talks today in Moscow with the NATO chief.", Some("2005-06-24"), "today", Some(("2005-06-24", Day))),
    ("The president will address the nation tonight.", Some("2005-06-24"), "tonight", Some(("2005-06-24", Day))),
    ("The foreign ministers will meet tomorrow in Brussels.", Some("2005-06-24"), "tomorrow", Some(("2005-06-25", Day))),
    ("At yesterday's summit, Putin proposed closer ties with the alliance.", Some("2005-06-24"), "yesterday", Some(("2005-06-23", Day))),
    ("At Yesterday\u{2019}s CSTO summit, Putin had also said he intended to propose cooperation.", Some("2005-06-24"), "Yesterday", Some(("2005-06-23", Day))),
    ("Markov expects little breakthrough from today's talks.", Some("2005-06-24"), "today", Some(("2005-06-24", Day))),
    ("Putin spoke to reporters this morning in the Kremlin.", Some("2001-10-03"), "this morning", Some(("2001-10-03", Day))),
    ("Rebels attacked the base last night, the ministry said.", Some("2001-10-03"), "last night", Some(("2001-10-02", Day))),
    ("The envoy left for Kabul yesterday afternoon.", Some("2001-10-03"), "yesterday afternoon", Some(("2001-10-02", Day))),
    // The eve of.
    ("On the eve of his visit, de Hoop Scheffer signaled his intention to raise the issue.", Some("2005-06-24"), "On the eve of", Some(("2005-06-23", Day))),
    ("On the eve of Thursday's summit, the ministers met in private.", Some("2001-11-23"), "On the eve of", Some(("2001-11-21", Day))),
    // Weekdays, past and future.
    ("Robertson will meet Ivanov on Thursday to discuss the proposal.", Some("2001-11-23"), "Thursday", Some(("2001-11-29", Day))),
    ("Russian officials said Monday that the talks had been useful.", Some("2001-11-23"), "Monday", Some(("2001-11-19", Day))),
    ("The talks ended on Friday with a joint statement.", Some("2001-11-23"), "Friday", Some(("2001-11-23", Day))),
    ("Putin flew to Texas last Tuesday for talks with Bush.", Some("2001-11-23"), "last Tuesday", Some(("2001-11-20", Day))),
    ("The ministers meet again next Friday in Brussels.", Some("2001-11-23"), "next Friday", Some(("2001-11-30", Day))),
    ("Blair will arrive in Moscow on Thursday evening for an unofficial visit.", Some("2001-10-03"), "Thursday evening", Some(("2001-10-04", Day))),
    ("Putin said on Wednesday that NATO will consider enlargement next year.", Some("2001-10-05"), "Wednesday", Some(("2001-10-03", Day))),
    ("Putin said he will visit Washington on Wednesday.", Some("2001-10-05"), "Wednesday", Some(("2001-10-10", Day))),
    ("The foreign ministers, who met on Tuesday, agreed to continue the talks.", Some("2001-10-05"), "Tuesday", Some(("2001-10-02", Day))),
    ("President Vladimir Putin signaled a more flexible approach to NATO enlargement Wednesday.", Some("2001-10-03"), "Wednesday", Some(("2001-10-03", Day))),
    ("The talks resumed on Monday, Oct. 1, after a pause.", Some("2001-10-03"), "Oct. 1", Some(("2001-10-01", Day))),
    // Weeks, months, years relative to publication.
    ("Last week, Russian lawmakers passed a resolution on defense strategy.", Some("2004-04-08"), "Last week", Some(("2004-03-29", Day))),
    ("Putin met Bush at the ranch earlier this week.", Some("2001-11-23"), "earlier this week", Some(("2001-11-19", Day))),
    ("Ivanov will visit Washington next week.", Some("2001-11-23"), "next week", Some(("2001-11-26", Day))),
    ("He will travel to Brussels this weekend.", Some("2001-11-23"), "this weekend", Some(("2001-11-24", Day))),
    ("Protesters gathered outside the embassy last weekend.", Some("2001-11-23"), "last weekend", Some(("2001-11-17", Day))),
    ("The alliance admitted seven new members last month.", Some("2004-04-08"), "last month", Some(("2004-03-01", Month))),
    ("Moscow recalled its envoy earlier this month.", Some("2004-04-08"), "earlier this month", Some(("2004-04-01", Month))),
    ("The summit will be held next month in Rome.", Some("2003-10-09"), "next month", Some(("2003-11-01", Month))),
    ("Russia's economy grew strongly this year, officials said.", Some("2003-10-09"), "this year", Some(("2003-01-01", Year))),
    ("Elections are due next year.", Some("2003-10-09"), "next year", Some(("2004-01-01", Year))),
    ("The treaty was signed last year.", Some("2003-10-09"), "last year", Some(("2002-01-01", Year))),
    ("The ceasefire collapsed last January.", Some("2003-10-09"), "last January", Some(("2003-01-01", Month))),
    // Ago.
    ("Two days ago, the rebels seized a village near the border.", Some("2002-05-10"), "Two days ago", Some(("2002-05-08", Day))),
    ("A week ago, the envoy was recalled.", Some("2002-05-10"), "A week ago", Some(("2002-05-03", Day))),
    ("Three months ago the talks collapsed.", Some("2002-05-10"), "Three months ago", Some(("2002-02-01", Month))),
    ("The alliance was founded nearly 60 years ago.", Some("2005-06-24"), "60 years ago", Some(("1945-01-01", Year))),
    ("A decade ago the alliance had 16 members.", Some("2002-05-10"), "A decade ago", Some(("1992-01-01", Year))),
    // Explicit dates.
    ("The Kremlin announced the plan on 24 June 2005.", None, "24 June 2005", Some(("2005-06-24", Day))),
    ("The agreement was reached on June 24, 2005, in Moscow.", None, "June 24, 2005", Some(("2005-06-24", Day))),
    ("The agreement signed in Rome on May 28, 2002, created the NATO-Russia Council.", None, "May 28, 2002", Some(("2002-05-28", Day))),
    ("The war began on 22 June 1941.", Some("2001-06-22"), "22 June 1941", Some(("1941-06-22", Day))),
    ("The envoy arrived in Kabul on 5 December 2001.", None, "5 December 2001", Some(("2001-12-05", Day))),
    ("NATO Secretary General Meets with Russian President Putin - 2004-04-08", None, "2004-04-08", Some(("2004-04-08", Day))),
    ("The council met on June 24 to review cooperation.", Some("2005-06-30"), "June 24", Some(("2005-06-24", Day))),
    ("The deadline expired Oct. 3 without a deal.", Some("2003-10-09"), "Oct. 3", Some(("2003-10-03", Day))),
    ("The vote took place on 3 Oct. in Strasbourg.", Some("2003-10-09"), "3 Oct.", Some(("2003-10-03", Day))),
    ("The ministers had met on Sept. 12 in Brussels.", Some("2001-10-03"), "Sept. 12", Some(("2001-09-12", Day))),
    ("Talks resumed Oct 3 in Geneva, a spokesman said.", Some("2003-10-09"), "Oct 3", Some(("2003-10-03", Day))),
    ("The court adjourned until 12 Sept 2003.", Some("2003-09-01"), "12 Sept 2003", Some(("2003-09-12", Day))),
    ("Jan Kubis met Lavrov in Moscow.", Some("2003-09-01"), "", None),
    ("NATO defense ministers met in Colorado Springs Oct. 8-9.", Some("2003-10-09"), "Oct. 8-9", Some(("2003-10-08", Day))),
    ("The conference opened on 24th June in Vienna.", Some("2005-06-30"), "24th June", Some(("2005-06-24", Day))),
    ("The ministers will meet on December 4 in Brussels.", Some("2001-11-23"), "December 4", Some(("2001-12-04", Day))),
    ("The attack happened on December 4, police said.", Some("2001-11-23"), "December 4", Some(("2000-12-04", Day))),
    ("The summit is scheduled for June 28.", Some("2005-06-24"), "June 28", Some(("2005-06-28", Day))),
    // Months and years.
    ("Moscow was fiercely critical of NATO's air strikes against Yugoslavia in 1999.", Some("2001-10-03"), "1999", Some(("1999-01-01", Year))),
    ("The Russia-NATO Council was set up in 2002.", None, "2002", Some(("2002-01-01", Year))),
    ("The new body will start work in early 2002.", Some("2001-10-03"), "2002", Some(("2002-01-01", Year))),
    ("The group must draw up a blueprint by October 2003.", Some("2001-10-03"), "October 2003", Some(("2003-10-01", Month))),
    ("NATO's next summit is in Istanbul in June 2004.", Some("2003-10-09"), "June 2004", Some(("2004-06-01", Month))),
    ("Russian troops left Afghanistan in February 1989.", None, "February 1989", Some(("1989-02-01", Month))),
    ("The uprising in Andijan was crushed in May.", Some("2005-06-24"), "May", Some(("2005-05-01", Month))),
    ("The Duma approved the bill in March.", Some("2003-10-09"), "March", Some(("2003-03-01", Month))),
    ("Russia will hold parliamentary elections in March.", Some("2003-10-09"), "March", Some(("2004-03-01", Month))),
    ("Troops will withdraw by mid-June.", Some("2005-04-10"), "mid-June", Some(("2005-06-01", Month))),
    ("The leaders met in mid-June in Luxembourg.", Some("2005-09-01"), "mid-June", Some(("2005-06-01", Month))),
    ("The economy collapsed in the 1990s.", None, "1990s", Some(("1990-01-01", Year))),
    // Nothing to resolve.
    ("Putin has in the past accused the rebels of ties to terrorists.", Some("2001-10-03"), "", None),
    ("In the past Russia has complained of its limited role.", Some("2001-11-23"), "", None),
    ("Putin criticized NATO yesterday.", None, "", None),
    ("The ministers met on Thursday.", None, "", None),
    ("Theresa May met Putin at the summit.", Some("2017-03-01"), "", None),
    ("May I ask a question, the reporter said.", Some("2017-03-01"), "", None),
    ("Rebels attacked on February 29, the army said.", Some("2005-03-10"), "", None),
];

#[test]
fn table_of_expressions() {
    assert!(CASES.len() >= 60, "{} cases", CASES.len());
    let mut failures = Vec::new();
    for (text, pub_date, expr, expected) in CASES {
        let d = doc(text, *pub_date);
        let got: Vec<(String, String, &str)> = d
            .times
            .iter()
            .map(|t| {
                (
                    d.slice(t.span).to_string(),
                    t.date.to_string(),
                    t.precision.as_str(),
                )
            })
            .collect();
        let ok = match expected {
            None => d.times.is_empty(),
            Some((date, precision)) => {
                let date: Date = date.parse().expect("test date");
                d.times.iter().any(|t| {
                    d.slice(t.span) == *expr && t.date == date && t.precision == *precision
                })
            }
        };
        if !ok {
            failures.push(format!(
                "{text:?} (pub {pub_date:?}): expected {expr:?} {expected:?}, got {got:?}"
            ));
        }
    }
    let correct = CASES.len() - failures.len();
    println!(
        "time expressions: {correct}/{} correct ({:.1} %)",
        CASES.len(),
        100.0 * correct as f64 / CASES.len() as f64
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn one_expression_per_date_phrase() {
    // The weekday before an explicit date is not a second expression.
    let d = doc(
        "The talks resumed on Monday, Oct. 1, after a pause.",
        Some("2001-10-03"),
    );
    assert_eq!(d.times.len(), 1);
    // Two expressions in one sentence, each with its sentence index.
    let d = doc(
        "Putin arrived on Monday. He said on Wednesday that NATO will expand next year.",
        Some("2001-10-05"),
    );
    let got: Vec<(&str, u32)> = d
        .times
        .iter()
        .map(|t| (d.slice(t.span), t.sentence))
        .collect();
    assert_eq!(got, vec![("Monday", 0), ("Wednesday", 1), ("next year", 1)]);
    assert!(d.times.iter().all(|t| !t.rule.is_empty()));
}

#[test]
fn shipped_lexicon_parses_and_bad_lines_are_reported() {
    assert!(TimeWords::shipped().is_ok());
    let err = TimeWords::parse("[month]\n13 Smarch\n", "t.txt").unwrap_err();
    assert!(err.to_string().starts_with("t.txt:2:"), "{err}");
    assert!(TimeWords::parse("[nonsense]\nword\n", "t.txt").is_err());
    assert!(TimeWords::parse("[unit]\nfortnight fortnights\n", "t.txt").is_err());
}

#[test]
fn odd_inputs_do_not_panic() {
    for text in [
        "",
        "on the eve of",
        "9999 years ago",
        "10000 days ago",
        "in 0000",
        "June 99, 2005",
        "31 February 2005",
        "last",
        "mid-",
        "0000s",
        "the eve of the eve of tomorrow",
    ] {
        for pub_date in [
            Some("2005-06-24"),
            Some("0001-01-01"),
            Some("9999-12-31"),
            None,
        ] {
            let _ = doc(text, pub_date);
        }
    }
}

/// Random sequences of time words never panic, and every expression lies in its sentence.
#[test]
fn random_time_words_keep_invariants() {
    let words = [
        "on",
        "the",
        "eve",
        "of",
        "last",
        "next",
        "this",
        "earlier",
        "week",
        "weekend",
        "month",
        "year",
        "decade",
        "ago",
        "two",
        "a",
        "60",
        "31",
        "29",
        "1",
        "2005",
        "1990s",
        "May",
        "June",
        "Oct.",
        "Thursday",
        "Friday",
        "yesterday",
        "today",
        "'s",
        "night",
        "will",
        "said",
        ",",
        ".",
        ";",
        "mid-June",
        "early-2004",
        "in",
        "by",
        "2004-02-30",
        "2004-02-29",
        "\"",
        "who",
    ];
    let dates = ["2001-11-23", "2000-02-29", "0001-01-01", "9999-12-31"];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3000 {
        let n = (next() % 12) as usize;
        let text: Vec<&str> = (0..n)
            .map(|_| words[(next() % words.len() as u64) as usize])
            .collect();
        let text = text.join(" ");
        let pub_date = match next() % 5 {
            4 => None,
            k => Some(dates[k as usize]),
        };
        let d = doc(&text, pub_date);
        for t in &d.times {
            let s = &d.sentences[t.sentence as usize];
            assert!(s.span.contains(t.span), "{text:?}");
            assert!(!t.span.is_empty());
        }
    }
}
