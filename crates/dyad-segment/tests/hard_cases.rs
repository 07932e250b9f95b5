//! Hard cases of news text: sentence splits and tokens.

use dyad_doc::{Document, Span, TokenKind};
use dyad_segment::segment;

/// A document whose paragraphs are separated by blank lines, segmented.
fn doc(text: &str) -> Document {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        paragraphs.push(Span::new(start, start + part.len()));
        start += part.len() + 2;
    }
    let mut d = Document {
        text: text.to_string(),
        paragraphs,
        ..Default::default()
    };
    segment(&mut d);
    d
}

fn sentences(d: &Document) -> Vec<&str> {
    d.sentences.iter().map(|s| d.slice(s.span)).collect()
}

fn tokens(d: &Document) -> Vec<&str> {
    d.tokens.iter().map(|t| d.slice(t.span)).collect()
}

/// (text, expected sentences).
const SPLITS: &[(&str, &[&str])] = &[
    (
        "Mr. Putin met Gen. Yuri Baluyevsky on Monday. They discussed the shield.",
        &["Mr. Putin met Gen. Yuri Baluyevsky on Monday.", "They discussed the shield."],
    ),
    (
        "Mrs. Clinton and Dr. Rice arrived. Sen. John McCain and Rep. Tom Lantos followed.",
        &["Mrs. Clinton and Dr. Rice arrived.", "Sen. John McCain and Rep. Tom Lantos followed."],
    ),
    (
        "Lt. Col. Ivan Petrov and Sgt. Maj. Oleg Sidorov were wounded in the attack.",
        &["Lt. Col. Ivan Petrov and Sgt. Maj. Oleg Sidorov were wounded in the attack."],
    ),
    (
        "Gov. Arnold Schwarzenegger spoke in St. Petersburg on Tuesday.",
        &["Gov. Arnold Schwarzenegger spoke in St. Petersburg on Tuesday."],
    ),
    (
        "The talks ended on Jan. 15 and resumed Feb. 2. A deal followed in Aug. 2003.",
        &["The talks ended on Jan. 15 and resumed Feb. 2.", "A deal followed in Aug. 2003."],
    ),
    (
        "The accord was signed Sept. 11, Oct. 3 and Nov. 7. Talks resume Dec. 1.",
        &["The accord was signed Sept. 11, Oct. 3 and Nov. 7.", "Talks resume Dec. 1."],
    ),
    (
        "Gazprom Inc. and Lukoil Corp. signed the deal with Shell Co. yesterday.",
        &["Gazprom Inc. and Lukoil Corp. signed the deal with Shell Co. yesterday."],
    ),
    (
        "The shares of Yukos Inc. fell. The company denied the report.",
        &["The shares of Yukos Inc. fell.", "The company denied the report."],
    ),
    (
        "Resolution No. 1441 was adopted. He said no. The vote was unanimous.",
        &["Resolution No. 1441 was adopted.", "He said no.", "The vote was unanimous."],
    ),
    (
        "It was Russia vs. the West again, with sanctions, visas, etc. and little else.",
        &["It was Russia vs. the West again, with sanctions, visas, etc. and little else."],
    ),
    (
        "Troops were sent to the U.S. base in Kyrgyzstan.",
        &["Troops were sent to the U.S. base in Kyrgyzstan."],
    ),
    (
        "Putin flew to the U.S. The next day he met Bush at the ranch.",
        &["Putin flew to the U.S.", "The next day he met Bush at the ranch."],
    ),
    (
        "The plan angered the U.K. Its officials said nothing. U.K. Officials in London declined to comment.",
        &["The plan angered the U.K.", "Its officials said nothing.", "U.K. Officials in London declined to comment."],
    ),
    (
        "James Kennedy, the U.S. Attorney for the district, said the case was closed. It was.",
        &["James Kennedy, the U.S. Attorney for the district, said the case was closed.", "It was."],
    ),
    (
        "The U.N. Security Council met at the request of the U.S. Ambassador.",
        &["The U.N. Security Council met at the request of the U.S. Ambassador."],
    ),
    (
        "Victor Kremeniuk, from the U.S.A.-Canada Institute in Moscow, disagreed.",
        &["Victor Kremeniuk, from the U.S.A.-Canada Institute in Moscow, disagreed."],
    ),
    (
        "President Vladimir V. Putin received George W. Bush at the Kremlin.",
        &["President Vladimir V. Putin received George W. Bush at the Kremlin."],
    ),
    (
        "The novel by J.R.R. Tolkien was translated into Russian in 1982.",
        &["The novel by J.R.R. Tolkien was translated into Russian in 1982."],
    ),
    (
        "Growth slowed to 3.5 percent. Exports fell by $1.2 billion to 1,300 tons.",
        &["Growth slowed to 3.5 percent.", "Exports fell by $1.2 billion to 1,300 tons."],
    ),
    (
        "The meeting began at 10:30 a.m. Moscow time and ended at 2 p.m. in the afternoon.",
        &["The meeting began at 10:30 a.m. Moscow time and ended at 2 p.m. in the afternoon."],
    ),
    (
        "He said the...council would decide. It did not.",
        &["He said the...council would decide.", "It did not."],
    ),
    (
        "\"One can take an entirely new look at this ... if NATO takes on a different shade,\" Putin said.",
        &["\"One can take an entirely new look at this ... if NATO takes on a different shade,\" Putin said."],
    ),
    (
        "\"They do not plan to station more troops on their soil.\" The statement was brief.",
        &["\"They do not plan to station more troops on their soil.\"", "The statement was brief."],
    ),
    (
        "\"The alliance does not threaten Russia,\" he said. \"We are partners.\"",
        &["\"The alliance does not threaten Russia,\" he said.", "\"We are partners.\""],
    ),
    (
        "\u{201c}Does it matter?\u{201d} he asked. \u{201c}Not at all!\u{201d} she replied.",
        &["\u{201c}Does it matter?\u{201d} he asked.", "\u{201c}Not at all!\u{201d} she replied."],
    ),
    (
        "\"Does it?\" he asked. Nobody answered.",
        &["\"Does it?\" he asked.", "Nobody answered."],
    ),
    (
        "\"If NATO did expand, whose security would be enhanced?\" Putin asked reporters.",
        &["\"If NATO did expand, whose security would be enhanced?\"", "Putin asked reporters."],
    ),
    (
        "\u{201c}They keep saying that NATO is becoming more political. We are watching this process. If this is so, it would change things,\u{201d} he said.",
        &[
            "\u{201c}They keep saying that NATO is becoming more political.",
            "We are watching this process.",
            "If this is so, it would change things,\u{201d} he said.",
        ],
    ),
    (
        "Moscow reacted angrily -- the foreign ministry called it a provocation -- and recalled its envoy.",
        &["Moscow reacted angrily -- the foreign ministry called it a provocation -- and recalled its envoy."],
    ),
    (
        "The ministry\u{2014}long a hawkish voice\u{2014}stayed silent. Diplomats were surprised.",
        &["The ministry\u{2014}long a hawkish voice\u{2014}stayed silent.", "Diplomats were surprised."],
    ),
    (
        "The Organization for Security and Cooperation in Europe (OSCE) sent monitors. (The mission was later extended.) It left in 2003.",
        &[
            "The Organization for Security and Cooperation in Europe (OSCE) sent monitors.",
            "(The mission was later extended.)",
            "It left in 2003.",
        ],
    ),
    (
        "\"We have been noting [Putin's] statements,\" said the diplomat.",
        &["\"We have been noting [Putin's] statements,\" said the diplomat."],
    ),
    (
        "Is Russia a partner? Or is it a rival? Analysts disagree!",
        &["Is Russia a partner?", "Or is it a rival?", "Analysts disagree!"],
    ),
    (
        "Moscow Times headline without a full stop\n\nThe first paragraph. The second sentence.",
        &["Moscow Times headline without a full stop", "The first paragraph.", "The second sentence."],
    ),
    (
        "The summit ended.\n\n\"We will meet again,\" he said.",
        &["The summit ended.", "\"We will meet again,\" he said."],
    ),
    (
        "The vote was 15-0. 12 members abstained on the second resolution.",
        &["The vote was 15-0.", "12 members abstained on the second resolution."],
    ),
    (
        "Russia's defense chief Sergei Ivanov didn't comment on NATO's plans.",
        &["Russia's defense chief Sergei Ivanov didn't comment on NATO's plans."],
    ),
    (
        "The U.S.-led coalition and al-Qaeda fighters clashed near Kandahar. Casualties were high.",
        &["The U.S.-led coalition and al-Qaeda fighters clashed near Kandahar.", "Casualties were high."],
    ),
    (
        "He arrived at 9 p.m. His hosts met him at the airport.",
        &["He arrived at 9 p.m.", "His hosts met him at the airport."],
    ),
    (
        "The contract went to Boeing Co. The company will deliver in 2007.",
        &["The contract went to Boeing Co.", "The company will deliver in 2007."],
    ),
    (
        "The \u{2018}logic\u{2019} of confrontation must end, he said. Nobody disagreed.",
        &["The \u{2018}logic\u{2019} of confrontation must end, he said.", "Nobody disagreed."],
    ),
    (
        "Putin said: \"It is over.\" Then he left the hall.",
        &["Putin said: \"It is over.\"", "Then he left the hall."],
    ),
    (
        "BRUSSELS, Belgium -- President Vladimir Putin signaled a more flexible approach Wednesday. The remarks were welcomed.",
        &["BRUSSELS, Belgium -- President Vladimir Putin signaled a more flexible approach Wednesday.", "The remarks were welcomed."],
    ),
    (
        "Prices rose 2.5 percent in Nov. The central bank said inflation would ease.",
        &["Prices rose 2.5 percent in Nov.", "The central bank said inflation would ease."],
    ),
    (
        "The plan was called Plan B. It failed within a week.",
        &["The plan was called Plan B.", "It failed within a week."],
    ),
    (
        "Ukraine's parliament voted... The opposition walked out.",
        &["Ukraine's parliament voted...", "The opposition walked out."],
    ),
    (
        "He said it was \"a new era of substantial and practical cooperation.\" Russia agreed.",
        &["He said it was \"a new era of substantial and practical cooperation.\"", "Russia agreed."],
    ),
    (
        "Pres. Bush and Amb. Vershbow met on Friday, the embassy said.",
        &["Pres. Bush and Amb. Vershbow met on Friday, the embassy said."],
    ),
];

#[test]
fn hard_case_splits() {
    assert!(SPLITS.len() >= 40);
    let mut failures = Vec::new();
    for (text, expected) in SPLITS {
        let d = doc(text);
        let got = sentences(&d);
        if got != *expected {
            failures.push(format!(
                "{text:?}\n  expected {expected:?}\n  got      {got:?}"
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

/// (text, expected tokens).
const TOKENS: &[(&str, &[&str])] = &[
    (
        "Russia's lawmakers didn't agree.",
        &["Russia", "'s", "lawmakers", "did", "n't", "agree", "."],
    ),
    (
        "Russia\u{2019}s envoy can\u{2019}t attend.",
        &[
            "Russia",
            "\u{2019}s",
            "envoy",
            "ca",
            "n\u{2019}t",
            "attend",
            ".",
        ],
    ),
    (
        "The U.S. and the U.S.A.-Canada Institute.",
        &[
            "The",
            "U.S.",
            "and",
            "the",
            "U.S.A.-Canada",
            "Institute",
            ".",
        ],
    ),
    (
        "al-Qaeda and Russia-NATO ties, 1,300 troops, 3.5 percent, $2 and 10:30.",
        &[
            "al-Qaeda",
            "and",
            "Russia-NATO",
            "ties",
            ",",
            "1,300",
            "troops",
            ",",
            "3.5",
            "percent",
            ",",
            "$",
            "2",
            "and",
            "10:30",
            ".",
        ],
    ),
    (
        "On 2004-04-08 he said -- again -- \"no\" (twice)...",
        &[
            "On",
            "2004-04-08",
            "he",
            "said",
            "--",
            "again",
            "--",
            "\"",
            "no",
            "\"",
            "(",
            "twice",
            ")",
            "...",
        ],
    ),
    (
        "Mr. Putin met George W. Bush in the U.S.",
        &[
            "Mr.", "Putin", "met", "George", "W.", "Bush", "in", "the", "U.S.",
        ],
    ),
    (
        "the anti- and pro-NATO camps",
        &["the", "anti-", "and", "pro-NATO", "camps"],
    ),
    (
        "condemned as ``unacceptable'' the allegations",
        &[
            "condemned",
            "as",
            "``",
            "unacceptable",
            "''",
            "the",
            "allegations",
        ],
    ),
    (
        "The states' interests, we'll see.",
        &[
            "The",
            "states",
            "'",
            "interests",
            ",",
            "we",
            "'ll",
            "see",
            ".",
        ],
    ),
];

#[test]
fn hard_case_tokens() {
    for (text, expected) in TOKENS {
        let d = doc(text);
        assert_eq!(tokens(&d), *expected, "{text:?}");
    }
}

#[test]
fn token_kinds() {
    let d = doc("\"NATO's 1,300 troops,\" he said: 'no'.");
    let kinds: Vec<(&str, TokenKind)> =
        d.tokens.iter().map(|t| (d.slice(t.span), t.kind)).collect();
    use TokenKind::*;
    assert_eq!(
        kinds,
        vec![
            ("\"", OpenQuote),
            ("NATO", Word),
            ("'s", Word),
            ("1,300", Number),
            ("troops", Word),
            (",", Punct),
            ("\"", CloseQuote),
            ("he", Word),
            ("said", Word),
            (":", Punct),
            ("'", OpenQuote),
            ("no", Word),
            ("'", CloseQuote),
            (".", Punct),
        ]
    );
    let d = doc("\u{201c}Yes,\u{201d} he said.");
    assert_eq!(d.tokens[0].kind, OpenQuote);
    assert_eq!(d.tokens[3].kind, CloseQuote);
}

#[test]
fn invariants_hold() {
    let text = "First paragraph. It has two sentences.\n\nSecond one \u{2014} with \u{201c}quotes\u{201d}, Mr. Smith.\n\n\n\nAfter empty lines.";
    let d = doc(text);
    let mut prev_end = 0;
    for (i, s) in d.sentences.iter().enumerate() {
        assert!(s.span.start >= prev_end, "sentence {i} overlaps");
        prev_end = s.span.end;
        assert!(d.paragraphs[s.paragraph as usize].contains(s.span));
        for t in d.sentence_tokens(i) {
            assert!(s.span.contains(t.span));
            assert!(!d.slice(t.span).trim().is_empty());
        }
    }
    // Every token belongs to exactly one sentence.
    let covered: u32 = d.sentences.iter().map(|s| s.tokens.len() as u32).sum();
    assert_eq!(covered as usize, d.tokens.len());
    assert_eq!(d.sentences.len(), 4);
}

#[test]
fn no_paragraphs_means_whole_text() {
    let mut d = Document {
        text: "One sentence. Another one.".into(),
        ..Default::default()
    };
    segment(&mut d);
    assert_eq!(sentences(&d), vec!["One sentence.", "Another one."]);
}

#[test]
fn bad_paragraph_spans_are_skipped_not_panicking() {
    let text = "Caf\u{e9} society. Fine.";
    let mut d = Document {
        text: text.into(),
        // Past the end, inside a multi-byte char, reversed-overlapping: all skipped.
        paragraphs: vec![
            Span::new(0, 100),
            Span::new(4, 6),
            Span::new(0, text.len()),
            Span::new(2, 5),
        ],
        ..Default::default()
    };
    segment(&mut d);
    assert_eq!(sentences(&d), vec!["Caf\u{e9} society.", "Fine."]);
    assert_eq!(d.sentences[0].paragraph, 2);
}

#[test]
fn odd_inputs_do_not_panic() {
    for text in [
        "",
        " ",
        ".",
        "...",
        "\"",
        "''''",
        "U.S.",
        "-- -- --",
        "A.",
        "n't",
        "'s",
        "1,",
        "1,2",
        "\u{2019}\u{2019}s",
        "\u{301}\u{301}",
        "a.b.c.d.e.f.",
        "Mr.",
        "No.",
        "x\u{200d}y",
    ] {
        let d = doc(text);
        for t in &d.tokens {
            assert!(!t.span.is_empty(), "{text:?}");
        }
    }
}

/// Random strings over an alphabet of troublesome characters keep every invariant.
#[test]
fn random_text_keeps_invariants() {
    let alphabet: Vec<char> = "aZ .?!,;:'\"\u{201c}\u{201d}\u{2018}\u{2019}-\u{2014}()[]$1.0\u{e9}\u{301}\u{2026}`\n\nMr.U.S"
        .chars()
        .collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        // xorshift64: deterministic, dependency-free.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3000 {
        let len = (next() % 60) as usize;
        let text: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let d = doc(&text);
        let mut prev_end = 0;
        let mut covered = 0;
        for (i, s) in d.sentences.iter().enumerate() {
            assert!(s.span.start >= prev_end, "{text:?}");
            prev_end = s.span.end;
            assert!(
                d.paragraphs[s.paragraph as usize].contains(s.span),
                "{text:?}"
            );
            assert!(d.text.is_char_boundary(s.span.start as usize));
            assert!(d.text.is_char_boundary(s.span.end as usize));
            for t in d.sentence_tokens(i) {
                assert!(!t.span.is_empty() && s.span.contains(t.span), "{text:?}");
                assert!(d.text.is_char_boundary(t.span.start as usize));
                assert!(d.text.is_char_boundary(t.span.end as usize));
            }
            covered += s.tokens.len();
        }
        assert_eq!(covered, d.tokens.len(), "{text:?}");
        // Tokens are in order and never overlap.
        for w in d.tokens.windows(2) {
            assert!(w[0].span.end <= w[1].span.start, "{text:?}");
        }
    }
}
