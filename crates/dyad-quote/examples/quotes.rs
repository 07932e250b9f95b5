//! Prints the quotations found in text files (each non-empty line a paragraph), and with
//! `--bench N` times N passes: `cargo run --release -p dyad-quote --example quotes --
//! [--bench N] FILE...`.

use std::time::Instant;

use dyad_doc::{Document, Span};

fn lines_doc(raw: &str) -> Document {
    let mut d = Document::default();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !d.text.is_empty() {
            d.text.push_str("\n\n");
        }
        let p = d.text.len();
        d.text.push_str(line);
        d.paragraphs.push(Span::new(p, d.text.len()));
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
    let gazetteer = dyad_geo::Gazetteer::shipped();
    let docs: Vec<Document> = args
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|t| {
            let mut d = lines_doc(&t);
            gazetteer.locate(&mut d);
            d
        })
        .collect();
    if passes == 0 {
        for (path, mut d) in args.iter().zip(docs) {
            dyad_quote::find_quotes(&mut d);
            println!("== {path}");
            for q in &d.quotes {
                let text: String = d.slice(q.span).chars().take(60).collect();
                println!(
                    "{:>6} {} {:<28} {:?}  [{}]",
                    q.span.start,
                    if q.fragment { "F" } else { " " },
                    q.speaker.as_deref().unwrap_or("-"),
                    text,
                    q.rule
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
            dyad_quote::find_quotes(&mut d);
            found += d.quotes.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let mb = (bytes * passes) as f64 / 1e6;
    println!(
        "{} docs x {passes} passes, {:.2} MB, {found} quotes, {secs:.3} s, {:.1} MB/s",
        docs.len(),
        mb,
        mb / secs
    );
}
