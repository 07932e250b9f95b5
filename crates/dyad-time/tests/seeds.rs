//! The seed stories in ../shared: the two dated facts, and no panic on any of them.

use std::path::PathBuf;

use dyad_doc::{Date, Document, Span};
use dyad_time::resolve_times;

fn seeds() -> Option<Vec<String>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    Some(
        files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect(),
    )
}

fn doc(text: &str, pub_date: &str) -> Document {
    let mut paragraphs = Vec::new();
    let mut at = 0;
    for part in text.split("\n\n") {
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let s = at + (part.len() - part.trim_start().len());
            paragraphs.push(Span::new(s, s + trimmed.len()));
        }
        at += part.len() + 2;
    }
    let mut d = Document {
        text: text.to_string(),
        paragraphs,
        ..Default::default()
    };
    d.meta.pub_date = Some(pub_date.parse().expect("date"));
    dyad_segment::segment(&mut d);
    resolve_times(&mut d);
    d
}

/// The date of the expression `expr` in the sentence containing `context`.
fn date_in(d: &Document, context: &str, expr: &str) -> Option<Date> {
    let at = d.text.find(context)? as u32;
    let s = d.sentence_at(at)? as u32;
    d.times
        .iter()
        .find(|t| t.sentence == s && d.slice(t.span) == expr)
        .map(|t| t.date)
}

#[test]
fn seed_facts() {
    let Some(texts) = seeds() else {
        println!("skipped: ../shared not found");
        return;
    };
    let show = std::env::var_os("DYAD_SHOW_TIMES").is_some();
    let mut checked = 0;
    for text in &texts {
        if text.contains("Yesterday, Putin criticized") {
            let d = doc(text, "2005-06-24");
            let got = date_in(&d, "Yesterday, Putin criticized", "Yesterday");
            assert_eq!(got, Some("2005-06-23".parse().expect("date")));
            checked += 1;
        }
        if text.contains("After talks Thursday with Defense Secretary Sergei Ivanov") {
            let d = doc(text, "2001-11-23");
            let got = date_in(&d, "After talks Thursday", "Thursday");
            assert_eq!(got, Some("2001-11-22".parse().expect("date")));
            checked += 1;
        }
        if show {
            let d = doc(text, "2005-06-24");
            for t in &d.times {
                println!(
                    "{:?} -> {} {} [{}]",
                    d.slice(t.span),
                    t.date,
                    t.precision.as_str(),
                    t.rule
                );
            }
        }
    }
    assert_eq!(checked, 2, "both seed facts found");
}
