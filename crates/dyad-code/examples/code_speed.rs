//! Times `Coder::code` alone on real inputs and prints a digest of what it found, so that a
//! speed change can be checked for identical output in seconds.
//!
//!     cargo run --release -p dyad-code --example code_speed -- bench-corpus/5mb.jsonl.gz [passes]
//!
//! Inputs are read, cleaned, segmented and time-resolved once (as `dyad code` does before
//! coding); then every document is coded `passes` times (default 3) and the fastest pass is
//! reported. The digest hashes the mentions and events of every document (their `Debug` form).

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use dyad_read::Item;

// The allocator of the `dyad` binary: allocation costs as in a real run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(input) = args.first() else {
        eprintln!("usage: code_speed INPUT [passes]");
        std::process::exit(2);
    };
    let passes: usize = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(3);
    let mut docs = Vec::new();
    for item in dyad_read::read_inputs(&[PathBuf::from(input)]) {
        let Item::Article(article) = item else {
            continue;
        };
        let Ok(mut doc) = dyad_clean::clean(*article) else {
            continue;
        };
        dyad_segment::segment(&mut doc);
        dyad_time::resolve_times(&mut doc);
        docs.push(doc);
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let dict = match dyad_dict::Dictionary::shipped() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("dictionaries: {e}");
            std::process::exit(1);
        }
    };
    let t = Instant::now();
    let coder = dyad_code::Coder::new(Arc::new(dict));
    eprintln!("Coder::new: {:.3} s", t.elapsed().as_secs_f64());
    let mut best = f64::MAX;
    let mut digest = 0u64;
    for _ in 0..passes {
        let mut work = docs.clone();
        let t = Instant::now();
        for d in &mut work {
            coder.code(d);
        }
        best = best.min(t.elapsed().as_secs_f64());
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let mut events = 0;
        for d in &work {
            format!("{:?}{:?}", d.mentions, d.events).hash(&mut h);
            events += d.events.len();
        }
        digest = h.finish();
        eprintln!("pass: {:.3} s, {events} events", t.elapsed().as_secs_f64());
    }
    println!(
        "{} docs, {sentences} sentences, {:.1} MB: best {best:.3} s = {:.2} MB/s, {:.0} sentences/s; digest {digest:016x}",
        docs.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / best,
        sentences as f64 / best
    );
}
