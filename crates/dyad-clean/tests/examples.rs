//! The example articles shipped in `examples/articles` clean as their authors intended:
//! furniture out, every story line in, metadata found.

use std::path::PathBuf;

use dyad_doc::{Article, Body, Origin};

fn example(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/articles")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn clean(name: &str, body: Body) -> dyad_doc::Document {
    let a = Article::new(
        name,
        Origin {
            path: name.into(),
            line: None,
        },
        body,
    );
    dyad_clean::clean(a).expect("example is a story")
}

#[test]
fn scraped_text_example_loses_furniture_keeps_story() {
    let doc = clean(
        "minsk-ceasefire-scraped.txt",
        Body::Text(example("minsk-ceasefire-scraped.txt")),
    );
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Leaders Agree Ukraine Ceasefire After All-Night Talks in Minsk")
    );
    assert_eq!(doc.meta.pub_date, Some("2015-02-12".parse().expect("date")));
    assert_eq!(doc.meta.dateline.as_deref(), Some("Minsk, Belarus"));
    // Hard-wrapped lines are joined into one paragraph.
    assert!(doc
        .text
        .contains("agreed on Thursday to a ceasefire in eastern Ukraine after more than 16 hours"));
    for keep in [
        "\"It was not the best night of my life,\" Putin told reporters.",
        "Poroshenko said there was no agreement on autonomy",
        "\"A glimmer of hope.\" - Merkel",
        "Organization for Security and Co-operation in Europe are to verify the withdrawal.",
    ] {
        assert!(doc.text.contains(keep), "lost {keep:?}");
    }
    for gone in [
        "Skip to main",
        "Menu",
        "Home |",
        "Share this",
        "Facebook",
        "cookie",
        "Support independent",
        "Monthly",
        "Remind me",
        "Read more",
    ] {
        assert!(!doc.text.contains(gone), "kept {gone:?}");
    }
}

#[test]
fn html_example_metadata() {
    let doc = clean(
        "nato-russia-council.html",
        Body::Html(example("nato-russia-council.html")),
    );
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("NATO and Russia Launch New Council at Rome Summit")
    );
    assert_eq!(doc.meta.pub_date, Some("2002-05-28".parse().expect("date")));
    assert_eq!(doc.meta.source.as_deref(), Some("World Desk"));
    assert_eq!(doc.meta.dateline.as_deref(), Some("Rome, Italy"));
    assert!(!doc.text.contains("Accessibility links"));
    assert!(!doc.text.contains("Breaking News"));
}

#[test]
fn finland_text_example() {
    let doc = clean(
        "finland-joins-nato.txt",
        Body::Text(example("finland-joins-nato.txt")),
    );
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Finland Becomes NATO's 31st Member")
    );
    assert_eq!(doc.meta.pub_date, Some("2023-04-04".parse().expect("date")));
    assert_eq!(doc.meta.dateline.as_deref(), Some("Brussels, Belgium"));
    assert!(doc.text.contains("Moscow reacted sharply."));
    assert!(!doc.text.contains("Share this article"));
    assert!(!doc.text.contains("Facebook Twitter"));
    for gone in [
        "Skip to main",
        "Menu",
        "Home |",
        "newsletter",
        "Subscribe",
        "cookie",
    ] {
        assert!(!doc.text.contains(gone), "kept {gone:?}");
    }
    assert!(doc.text.ends_with("near the Finnish border."));
}

/// Prints the cleaned seeds and examples for reading by eye:
/// `cargo test -p dyad-clean --test examples show -- --ignored --nocapture`.
#[test]
#[ignore = "prints output for reading"]
fn show() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.push(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/articles/minsk-ceasefire-scraped.txt"),
    );
    files.sort();
    for f in files {
        let Ok(raw) = std::fs::read_to_string(&f) else {
            continue;
        };
        let doc = clean(&f.display().to_string(), Body::Text(raw));
        println!("===== {}\n{:?}\n{}\n", f.display(), doc.meta, doc.text);
    }
}
