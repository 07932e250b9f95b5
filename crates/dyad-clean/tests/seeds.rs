//! The five scraped seed stories in ../shared/seeds: every story paragraph survives, the
//! furniture goes, and headline, publication date and dateline are found where the story
//! states them. Only short substrings of the seeds appear here.

use std::path::PathBuf;

use dyad_doc::{Article, Body, Document, Origin};

fn seed(prefix: &str) -> Option<Document> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let entry = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
    let text = std::fs::read_to_string(entry.path()).ok()?;
    let article = Article::new(
        entry.file_name().to_string_lossy(),
        Origin {
            path: entry.path().display().to_string(),
            line: None,
        },
        Body::Text(text),
    );
    Some(dyad_clean::clean(article).expect("a seed is a story"))
}

/// Checks story substrings stay and furniture substrings go, and the layout invariants.
fn check(doc: &Document, keep: &[&str], gone: &[&str]) {
    for k in keep {
        assert!(doc.text.contains(k), "{}: lost story text {k:?}", doc.id);
    }
    for g in gone {
        assert!(!doc.text.contains(g), "{}: kept furniture {g:?}", doc.id);
    }
    // Paragraph spans tile the text with blank lines between them.
    let mut at = 0usize;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        if i > 0 {
            assert_eq!(&doc.text[at..p.start as usize], "\n\n");
        }
        assert!(!doc.slice(*p).is_empty());
        assert!(
            !doc.slice(*p).contains("  "),
            "whitespace runs are squashed"
        );
        at = p.end as usize;
    }
    assert_eq!(at, doc.text.len());
}

fn date(s: &str) -> Option<dyad_doc::Date> {
    Some(s.parse().expect("valid date"))
}

macro_rules! seed_or_skip {
    ($p:expr) => {
        match seed($p) {
            Some(d) => d,
            None => {
                println!("skipped: ../shared not found");
                return;
            }
        }
    };
}

#[test]
fn seed_000_voa_headline_with_date() {
    let doc = seed_or_skip!("000_");
    check(
        &doc,
        &[
            "first official visit to Moscow",
            "The NATO secretary general sought to reassure Russians",
            "Last week, Russian lawmakers passed a resolution",
            "\"The Russian elite consists of different people,\"",
        ],
        &["Accessibility links", "Breaking News", "- 2004-04-08"],
    );
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("NATO Secretary General Meets with Russian President Putin")
    );
    let h = doc.headline.expect("headline paragraph");
    assert_eq!(h.start, 0);
    assert_eq!(doc.slice(h), doc.meta.headline.as_deref().unwrap_or(""));
    assert_eq!(doc.meta.pub_date, date("2004-04-08"));
    assert_eq!(doc.meta.dateline, None);
}

#[test]
fn seed_001_rferl_dateline() {
    let doc = seed_or_skip!("001_");
    check(
        &doc,
        &[
            "Moscow, 24 June 2005 (RFE/RL) -- Speaking to reporters",
            "De Hoop Scheffer and Putin in Moscow today",
            "\"If Russia and NATO developed",
            "\"There will not be any breakthrough",
            "Kremenyuk says relations between NATO and Russia",
            "“a very destabilizing factor”",
        ],
        &["Accessibility links", "Breaking News"],
    );
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Russia: NATO Chief In Moscow For Talks With Putin")
    );
    assert_eq!(doc.meta.pub_date, date("2005-06-24"));
    assert_eq!(doc.meta.dateline.as_deref(), Some("Moscow"));
    assert_eq!(doc.meta.source.as_deref(), Some("RFE/RL"));
    // How each was found is recorded.
    let notes = doc.meta.notes.join("; ");
    assert!(
        notes.contains("dateline: 'Moscow, 24 June 2005 (RFE/RL)'"),
        "{notes}"
    );
    assert!(notes.contains("pub_date: dateline"), "{notes}");
    assert!(notes.contains("source: dateline"), "{notes}");
    // The two quote paragraphs that share a block stay two paragraphs.
    let quote_pars = doc
        .paragraphs
        .iter()
        .filter(|p| {
            let s = doc.slice(**p);
            s.starts_with("\"If Russia and NATO") || s.starts_with("\"There will not be")
        })
        .count();
    assert_eq!(quote_pars, 2);
}

#[test]
fn seed_002_voa_short_page() {
    let doc = seed_or_skip!("002_");
    check(
        &doc,
        &[
            "NATO Secretary-General George Robertson says Russia regards",
            "\"He, himself, this morning personally said",
            "The United Nations is expected to approve a resolution",
        ],
        &["Accessibility links"],
    );
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("NATO Secretary-General Confident After Talks With Russian Defense Minister")
    );
    assert_eq!(doc.meta.pub_date, date("2003-10-09"));
}

#[test]
fn seed_003_moscow_times_appeal_removed() {
    let doc = seed_or_skip!("003_");
    check(
        &doc,
        &[
            "BRUSSELS, Belgium -- President Vladimir Putin signaled",
            "The language of the joint statement was circumspect.",
            "Initial reaction to Putin's comments in the Baltic states was cautious.",
            "(Story, Page 5.)",
            "Blair would arrive in Moscow on Thursday evening",
        ],
        &[
            "Support The Moscow Times",
            "small favor to ask",
            "refuse to be silenced",
            "no matter how small",
            "Monthly",
            "paiment methods",
            "Remind me later",
            "Not ready to support",
            "Read more",
        ],
    );
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Putin Softens Stance on NATO")
    );
    assert_eq!(doc.meta.dateline.as_deref(), Some("Brussels, Belgium"));
    assert_eq!(doc.meta.pub_date, None, "the page states no date");
}

#[test]
fn seed_004_voa_2001() {
    let doc = seed_or_skip!("004_");
    check(
        &doc,
        &[
            "Russian President Vladimir Putin says Russia is ready for a new relationship",
            "President Putin also thanked Mr. Robertson",
            "Mr. Putin has made it clear Russia has no interest",
        ],
        &["Accessibility links", "Breaking News"],
    );
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Putin: Russia Ready for New Relationship with NATO")
    );
    assert_eq!(doc.meta.pub_date, date("2001-11-23"));
}

#[test]
fn every_seed_paragraph_of_story_survives() {
    // A general check over all seeds: every paragraph of the page that is sentence-shaped
    // and carries no appeal wording is in the text, word for word (whitespace squashed).
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: ../shared not found");
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().to_string();
        let Some(doc) = seed(&name[..4]) else {
            continue;
        };
        let raw = std::fs::read_to_string(e.path()).unwrap_or_default();
        for line in raw.lines() {
            let squashed = line.split_whitespace().collect::<Vec<_>>().join(" ");
            let words = squashed.split_whitespace().count();
            // The Moscow Times appeal paragraphs, named by their own words.
            let appeal = ["your support", "favor to ask", "journalists of"]
                .iter()
                .any(|a| squashed.to_lowercase().contains(a));
            if words >= 12 && squashed.ends_with(['.', '"', '”']) && !appeal {
                assert!(
                    doc.text.contains(&squashed),
                    "{name}: lost {:?}",
                    &squashed[..40]
                );
            }
        }
    }
}
