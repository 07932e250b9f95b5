//! Throughput of the cleaner, for docs/benchmarks.md. Ignored by default (timing needs a
//! release build): `cargo test --release -p dyad-clean --test speed -- --ignored --nocapture`.

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

use dyad_doc::{Article, Body, Origin};

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.is_dir().then_some(p)
}

fn run(bodies: &[Body], label: &str) {
    let bytes: usize = bodies
        .iter()
        .map(|b| match b {
            Body::Text(s) | Body::Html(s) | Body::Sentence(s) => s.len(),
        })
        .sum();
    let rounds = 3;
    let start = Instant::now();
    let mut kept = 0usize;
    for _ in 0..rounds {
        for b in bodies {
            let a = Article::new("x", Origin::default(), b.clone());
            if let Ok(doc) = dyad_clean::clean(a) {
                kept += doc.text.len();
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{label}: {mb:.1} MB in {secs:.2}s = {:.1} MB/s on one thread ({} pages x {rounds}, {kept} bytes kept)",
        mb / secs,
        bodies.len()
    );
}

#[test]
#[ignore = "timing; run in release"]
fn throughput() {
    let Some(root) = shared() else {
        println!("skipped: ../shared not found");
        return;
    };
    let mut html = Vec::new();
    if let Ok(dir) = std::fs::read_dir(root.join("article-bench/html")) {
        for e in dir.filter_map(Result::ok) {
            let mut raw = Vec::new();
            if let Ok(f) = std::fs::File::open(e.path()) {
                if flate2::read::GzDecoder::new(f)
                    .read_to_end(&mut raw)
                    .is_ok()
                {
                    html.push(Body::Html(String::from_utf8_lossy(&raw).into_owned()));
                }
            }
        }
    }
    run(&html, "html (article-bench pages)");
    let mut text = Vec::new();
    if let Ok(dir) = std::fs::read_dir(root.join("seeds")) {
        for e in dir.filter_map(Result::ok) {
            if let Ok(s) = std::fs::read_to_string(e.path()) {
                // Repeat the stories so timing is not dominated by set-up.
                for _ in 0..200 {
                    text.push(Body::Text(s.clone()));
                }
            }
        }
    }
    run(&text, "plain text (seed pages)");
}
