//! Per-stage benchmarks on generated articles: clean, segment (and both together), times
//! (and times with places), places, mentions and coding, quotes, and output rows. Each stage
//! runs on documents already prepared by the stages before it, so its figure is its own cost.
//!
//!     cargo bench -p dyad-bench --bench stages

use std::path::Path;
use std::sync::Arc;

use dyad_bench::{article, Material};
use dyad_doc::{Article, Body, Document, Origin};

/// Articles per benchmark iteration: enough to average over article shapes.
const ARTICLES: u64 = 50;

fn main() {
    divan::main();
}

fn articles() -> Vec<Article> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let m = Material::gather(&repo, &repo.join("../shared"));
    (0..ARTICLES)
        .map(|n| {
            let a = article(&m, 42, n);
            Article::new(a.id.clone(), Origin::default(), Body::Text(a.to_text()))
        })
        .collect()
}

fn cleaned() -> Vec<Document> {
    articles()
        .into_iter()
        .filter_map(|a| dyad_clean::clean(a).ok())
        .map(|mut d| {
            dyad_segment::segment(&mut d);
            d
        })
        .collect()
}

fn coder() -> dyad_code::Coder {
    let dict = dyad_dict::Dictionary::shipped().expect("the shipped dictionaries load");
    dyad_code::Coder::new(Arc::new(dict))
}

/// Cleaning and sentence/token splitting.
#[divan::bench]
fn clean_and_segment(b: divan::Bencher) {
    b.with_inputs(articles).bench_values(|arts| {
        arts.into_iter()
            .filter_map(|a| dyad_clean::clean(a).ok())
            .map(|mut d| {
                dyad_segment::segment(&mut d);
                d
            })
            .count()
    });
}

/// Cleaning alone.
#[divan::bench]
fn clean(b: divan::Bencher) {
    b.with_inputs(articles).bench_values(|arts| {
        arts.into_iter()
            .filter_map(|a| dyad_clean::clean(a).ok())
            .count()
    });
}

/// Sentence and token splitting alone.
#[divan::bench]
fn segment(b: divan::Bencher) {
    let docs: Vec<Document> = articles()
        .into_iter()
        .filter_map(|a| dyad_clean::clean(a).ok())
        .collect();
    b.with_inputs(|| docs.clone()).bench_values(|mut docs| {
        for d in &mut docs {
            dyad_segment::segment(d);
        }
        docs
    });
}

/// Time expressions alone.
#[divan::bench]
fn times(b: divan::Bencher) {
    b.with_inputs(cleaned).bench_values(|mut docs| {
        for d in &mut docs {
            dyad_time::resolve_times(d);
        }
        docs
    });
}

/// Time expressions and places.
#[divan::bench]
fn times_and_places(b: divan::Bencher) {
    let gazetteer = dyad_geo::Gazetteer::shipped();
    // The tables are built on a thread of their own: wait for them before timing.
    let _ = gazetteer.len();
    b.with_inputs(cleaned).bench_values(|mut docs| {
        for d in &mut docs {
            dyad_time::resolve_times(d);
            gazetteer.locate(d);
        }
        docs
    });
}

/// Places alone, on documents whose times are resolved (as in the pipeline).
#[divan::bench]
fn places(b: divan::Bencher) {
    let gazetteer = dyad_geo::Gazetteer::shipped();
    // The tables are built on a thread of their own: wait for them before timing.
    let _ = gazetteer.len();
    let docs: Vec<Document> = cleaned()
        .into_iter()
        .map(|mut d| {
            dyad_time::resolve_times(&mut d);
            d
        })
        .collect();
    b.with_inputs(|| docs.clone()).bench_values(|mut docs| {
        for d in &mut docs {
            gazetteer.locate(d);
        }
        docs
    });
}

/// Mentions and event coding.
#[divan::bench]
fn coding(b: divan::Bencher) {
    let coder = coder();
    b.with_inputs(cleaned).bench_values(|mut docs| {
        for d in &mut docs {
            coder.code(d);
        }
        docs
    });
}

/// Quotes.
#[divan::bench]
fn quotes(b: divan::Bencher) {
    b.with_inputs(cleaned).bench_values(|mut docs| {
        for d in &mut docs {
            dyad_quote::find_quotes(d);
        }
        docs
    });
}

/// Building the output rows of fully processed documents.
#[divan::bench]
fn output_rows(b: divan::Bencher) {
    let coder = coder();
    let gazetteer = dyad_geo::Gazetteer::shipped();
    let docs: Vec<Document> = cleaned()
        .into_iter()
        .map(|mut d| {
            dyad_time::resolve_times(&mut d);
            gazetteer.locate(&mut d);
            coder.code(&mut d);
            dyad_time::date_events(&mut d);
            gazetteer.locate_events(&mut d);
            dyad_quote::find_quotes(&mut d);
            d
        })
        .collect();
    b.bench(|| docs.iter().map(dyad_out::Rows::coded).count());
}
