//! Reads INPUTs with `dyad_read::read_inputs` and reports throughput: the speed of reading and
//! decoding alone, without cleaning or coding.
//!
//! `cargo run --release -p dyad-read --example read_bench -- INPUT...`

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use dyad_doc::Body;
use dyad_read::Item;

fn main() {
    let inputs: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if inputs.is_empty() {
        eprintln!("usage: read_bench INPUT...");
        std::process::exit(2);
    }
    let started = Instant::now();
    let (mut articles, mut skipped, mut bytes) = (0u64, 0u64, 0u64);
    let mut encodings: BTreeMap<String, u64> = BTreeMap::new();
    let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
    for item in dyad_read::read_inputs(&inputs) {
        match item {
            Item::Article(a) => {
                articles += 1;
                *encodings.entry(a.encoding.clone()).or_default() += 1;
                bytes += match &a.body {
                    Body::Text(t) | Body::Html(t) | Body::Sentence(t) => t.len() as u64,
                };
            }
            Item::Skipped(s) => {
                skipped += 1;
                *kinds.entry(s.kind).or_default() += 1;
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    // A closed pipe (`| head`) is not an error worth a panic.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{articles} articles, {skipped} skipped, {:.1} MB of body text in {secs:.2} s: {:.1} MB/s, {:.0} articles/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        articles as f64 / secs
    );
    let _ = writeln!(out, "encodings: {encodings:?}; skipped: {kinds:?}");
}
