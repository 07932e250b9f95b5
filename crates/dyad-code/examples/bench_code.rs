//! Speed of the coding stage alone (no reading, cleaning or segmentation), on one thread:
//! `cargo run --release -p dyad-code --example bench_code -- RECORDS.xml ROUNDS DICT...`.
//! Each record is one sentence; the same documents are coded `ROUNDS` times.

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: bench_code RECORDS.xml ROUNDS DICT...");
        return;
    }
    let rounds: usize = args[1].parse().unwrap_or(10);
    let dicts: Vec<PathBuf> = args[2..].iter().map(PathBuf::from).collect();
    let t0 = Instant::now();
    let coder = match dyad_code::Coder::from_files(&dicts) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let load = t0.elapsed().as_secs_f64();
    let suite = match dyad_code::validate::read_file(std::path::Path::new(&args[0])) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let docs: Vec<dyad_doc::Document> = suite
        .records
        .iter()
        .filter(|r| !r.text.trim().is_empty())
        .map(|r| dyad_doc::Document {
            id: r.id.clone(),
            text: r.text.clone(),
            meta: dyad_doc::Meta {
                pub_date: r.date,
                ..Default::default()
            },
            ..Default::default()
        })
        .collect();
    let mut events = 0;
    let t = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            let mut doc = d.clone();
            coder.code(&mut doc);
            events += doc.events.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let n = docs.len() * rounds;
    println!(
        "dictionaries loaded in {load:.2} s; {n} sentences coded in {secs:.3} s on one thread: {:.0} sentences/s ({events} events)",
        n as f64 / secs
    );
}
