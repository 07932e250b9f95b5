//! The 90 hand-extracted article bodies of ../shared/article-bench (real news from many
//! outlets): invariants hold on real text, and a few general properties of good splits.

use std::path::PathBuf;
use std::time::Instant;

use dyad_doc::{Document, Span};
use dyad_segment::segment;

fn doc(text: &str) -> Document {
    let mut paragraphs = Vec::new();
    let mut at = 0;
    for part in text.split('\n') {
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let s = at + (part.len() - part.trim_start().len());
            paragraphs.push(Span::new(s, s + trimmed.len()));
        }
        at += part.len() + 1;
    }
    let mut d = Document {
        text: text.to_string(),
        paragraphs,
        ..Default::default()
    };
    segment(&mut d);
    d
}

#[test]
fn article_bench_bodies() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/article-bench/ground-truth.json");
    let Ok(json) = std::fs::read_to_string(path) else {
        println!("skipped: ../shared not found");
        return;
    };
    let truth: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let bodies: Vec<&str> = truth
        .as_object()
        .expect("object of pages")
        .values()
        .filter_map(|page| page.get("articleBody").and_then(|b| b.as_str()))
        .collect();
    assert!(bodies.len() >= 90);
    let show = std::env::var_os("DYAD_SHOW_SENTENCES").is_some();
    let (mut bytes, mut sentences, mut lower_starts, mut short) = (0, 0, 0, 0);
    let t = Instant::now();
    for body in &bodies {
        let d = doc(body);
        bytes += body.len();
        sentences += d.sentences.len();
        let mut prev = 0;
        for (i, s) in d.sentences.iter().enumerate() {
            assert!(s.span.start >= prev);
            prev = s.span.end;
            assert!(d.paragraphs[s.paragraph as usize].contains(s.span));
            for tok in d.sentence_tokens(i) {
                assert!(s.span.contains(tok.span));
            }
            let text = d.slice(s.span);
            if std::env::var_os("DYAD_SHOW_ALL").is_some() {
                println!("{text}");
            }
            let first_in_paragraph = d.paragraphs[s.paragraph as usize].start == s.span.start;
            // A split that leaves a lower-case start, or a one- or two-token fragment, is
            // usually a wrong split.
            if !first_in_paragraph && text.starts_with(char::is_lowercase) {
                lower_starts += 1;
                if show {
                    println!("lower-case start: {text:?}");
                }
            }
            if s.tokens.len() <= 2 && !first_in_paragraph {
                short += 1;
                if show {
                    println!("fragment: {text:?}");
                }
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} articles, {:.2} MB, {sentences} sentences ({lower_starts} starting lower-case, {short} of one or two tokens) in {secs:.3} s",
        bodies.len(),
        bytes as f64 / 1e6
    );
    assert!(
        lower_starts * 100 <= sentences,
        "too many lower-case sentence starts"
    );
    assert!(short * 100 <= sentences, "too many fragments");
}
