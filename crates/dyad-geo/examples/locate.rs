//! Prints the places found in text files (each non-empty line a paragraph), and with
//! `--bench N` times N passes over them: `cargo run --release -p dyad-geo --example locate --
//! [--bench N] FILE...`.

use std::time::Instant;

use dyad_doc::{Document, Sentence, Span};
use dyad_geo::Gazetteer;

fn lines_doc(raw: &str) -> Document {
    let mut d = Document::default();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !d.text.is_empty() {
            d.text.push_str("\n\n");
        }
        let p = d.text.len();
        d.text.push_str(line);
        d.paragraphs.push(Span::new(p, d.text.len()));
        d.sentences.push(Sentence {
            span: Span::new(p, d.text.len()),
            paragraph: (d.paragraphs.len() - 1) as u32,
            ..Sentence::default()
        });
    }
    d
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut passes = 0usize;
    if args.first().map(String::as_str) == Some("--bench") {
        passes = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(1);
        args.drain(..2.min(args.len()));
    }
    let t0 = Instant::now();
    let g = Gazetteer::shipped();
    eprintln!(
        "gazetteer: {} entries loaded in {:.0?}",
        g.len(),
        t0.elapsed()
    );
    let docs: Vec<Document> = args
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|t| lines_doc(&t))
        .collect();
    if passes == 0 {
        for (path, mut d) in args.iter().zip(docs) {
            g.locate(&mut d);
            println!("== {path}");
            for p in &d.places {
                println!(
                    "{:>6}  {:<14} {}  {}",
                    p.span.start,
                    d.slice(p.span),
                    p.location.country,
                    p.evidence
                );
            }
        }
        return;
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let t = Instant::now();
    let mut found = 0;
    for _ in 0..passes {
        for d in &docs {
            let mut d = d.clone();
            g.locate(&mut d);
            found += d.places.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let mb = (bytes * passes) as f64 / 1e6;
    println!(
        "{} docs x {passes} passes, {:.2} MB, {found} places, {secs:.3} s, {:.1} MB/s",
        docs.len(),
        mb,
        mb / secs
    );
}
