//! Runs one stage over generated articles many times, for `perf record`:
//!
//!     cargo build --release -p dyad-bench --example stage_loop
//!     perf record -F 999 --call-graph dwarf,16384 target/release/examples/stage_loop times 2000 20
//!
//! Stages: `clean`, `segment`, `times`, `places`, `quotes`. Each runs on documents prepared by
//! the stages before it (as in the pipeline); only the named stage is repeated, and its own
//! time and throughput (MB of raw article text per second) are printed.

use std::path::Path;
use std::time::{Duration, Instant};

use dyad_bench::{article, Material};
use dyad_doc::{Article, Body, Document, Origin};

fn main() {
    let mut args = std::env::args().skip(1);
    let stage = args.next().unwrap_or_else(|| "times".into());
    let count: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let rounds: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let m = Material::gather(&repo, &repo.join("../shared"));
    let articles: Vec<Article> = (0..count)
        .map(|n| {
            let a = article(&m, 42, n);
            Article::new(a.id.clone(), Origin::default(), Body::Text(a.to_text()))
        })
        .collect();
    let raw: usize = articles
        .iter()
        .map(|a| match &a.body {
            Body::Text(t) | Body::Html(t) | Body::Sentence(t) => t.len(),
        })
        .sum();
    let gazetteer = dyad_geo::Gazetteer::shipped();
    // The gazetteer's tables are built on a thread of their own; wait for them here, or the
    // first timed round of `places` would include the build.
    let _ = gazetteer.len();
    let cleaned: Vec<Document> = articles
        .iter()
        .cloned()
        .filter_map(|a| dyad_clean::clean(a).ok())
        .collect();
    let mut docs = cleaned.clone();
    for d in &mut docs {
        dyad_segment::segment(d);
    }
    // The stages before the measured one, as in the pipeline (quotes run without mentions
    // here, as in the divan bench).
    let order = ["times", "places", "quotes"];
    for name in order.iter().take_while(|&&n| n != stage) {
        for d in &mut docs {
            run(name, d, &gazetteer);
        }
    }
    let mut spent = Duration::ZERO;
    for _ in 0..rounds {
        match stage.as_str() {
            "clean" => {
                let input = articles.clone();
                let t = Instant::now();
                let n = input
                    .into_iter()
                    .filter_map(|a| dyad_clean::clean(a).ok())
                    .count();
                spent += t.elapsed();
                assert!(n > 0);
            }
            "segment" => {
                let mut input = cleaned.clone();
                let t = Instant::now();
                for d in &mut input {
                    dyad_segment::segment(d);
                }
                spent += t.elapsed();
            }
            name => {
                let t = Instant::now();
                for d in &mut docs {
                    run(name, d, &gazetteer);
                }
                spent += t.elapsed();
            }
        }
    }
    let secs = spent.as_secs_f64().max(1e-9);
    let mb = raw as f64 * f64::from(rounds) / 1e6;
    println!(
        "{stage}: {count} articles x {rounds} rounds, {mb:.4} MB raw text in {secs:.3} s: {:.1} MB/s",
        mb / secs
    );
}

fn run(stage: &str, d: &mut Document, gazetteer: &dyad_geo::Gazetteer) {
    match stage {
        "times" => dyad_time::resolve_times(d),
        "places" => gazetteer.locate(d),
        "quotes" => dyad_quote::find_quotes(d),
        other => panic!("unknown stage {other:?}: clean, segment, times, places or quotes"),
    }
}
