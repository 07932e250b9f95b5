//! Prints one line per document with digests of what clean, segment, times, places and
//! quotes produced, so two builds (before and after a speed change) can be compared with
//! `diff`: a speed change must not change a single output.
//!
//!     cargo run --release -p dyad-bench --example eq_dump -- 2000 > after.txt
//!
//! Articles are the benchmark generator's (seed 42), alternately as plain text and as HTML,
//! followed by every file named after the count (e.g. ../shared's seeds and article-bench
//! pages, gzip-compressed or not).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::Path;

use dyad_bench::{article, Material};
use dyad_doc::{Article, Body, Document, Origin};

fn digest<T: std::fmt::Debug>(v: &T) -> u64 {
    // `DefaultHasher::new()` has fixed keys: digests are stable across runs and builds.
    let mut h = DefaultHasher::new();
    format!("{v:?}").hash(&mut h);
    h.finish()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let count: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let files: Vec<String> = args.collect();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let m = Material::gather(&repo, &repo.join("../shared"));
    let mut articles: Vec<Article> = (0..count)
        .map(|n| {
            let a = article(&m, 42, n);
            let body = if n % 2 == 0 {
                Body::Text(a.to_text())
            } else {
                Body::Html(a.to_html())
            };
            Article::new(a.id.clone(), Origin::default(), body)
        })
        .collect();
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else {
            eprintln!("eq_dump: cannot read {f}");
            continue;
        };
        let text = if f.ends_with(".gz") {
            let mut s = String::new();
            let _ = flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut s);
            s
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        let body = if f.contains(".htm") {
            Body::Html(text)
        } else {
            Body::Text(text)
        };
        articles.push(Article::new(f.clone(), Origin::default(), body));
    }
    let gazetteer = dyad_geo::Gazetteer::shipped();
    let (mut times, mut quotes, mut sentences) = (0, 0, 0);
    for a in articles {
        let id = a.id.clone();
        let mut d: Document = match dyad_clean::clean(a) {
            Ok(d) => d,
            Err(e) => {
                println!("{id} refused: {e}");
                continue;
            }
        };
        dyad_segment::segment(&mut d);
        dyad_time::resolve_times(&mut d);
        gazetteer.locate(&mut d);
        dyad_quote::find_quotes(&mut d);
        times += d.times.len();
        quotes += d.quotes.len();
        sentences += d.sentences.len();
        println!(
            "{id} text={:x} meta={:x} paras={:x} sents={} toks={:x} times={}:{:x} places={:x} quotes={}:{:x}",
            digest(&d.text),
            digest(&d.meta),
            digest(&d.paragraphs),
            d.sentences.len(),
            digest(&(&d.sentences, &d.tokens)),
            d.times.len(),
            digest(&d.times),
            digest(&d.places),
            d.quotes.len(),
            digest(&d.quotes),
        );
    }
    eprintln!("eq_dump: {sentences} sentences, {times} time expressions, {quotes} quotes");
}
