//! Article-extraction benchmark: word 4-gram shingle F1 of the cleaned story (headline
//! paragraph left out) against the hand-extracted `articleBody` of 90 real pages, computed
//! as the benchmark does: precision and recall per page (1.0 when both sides are empty),
//! averaged over pages, F1 of the averages.
//!
//! Run with `cargo test -p dyad-clean --test article_bench -- --nocapture` to see the figures.

use std::collections::HashSet;
use std::io::Read;
use std::path::PathBuf;

use dyad_doc::{Article, Body, Origin};

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.is_dir().then_some(p)
}

/// Lowercase words, as the benchmark tokenises.
fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn shingles(s: &str) -> HashSet<Vec<String>> {
    let t = tokens(s);
    t.windows(4).map(<[String]>::to_vec).collect()
}

/// Precision and recall of one page.
fn page_pr(got: &str, want: &str) -> (f64, f64) {
    let g = shingles(got);
    let w = shingles(want);
    if g.is_empty() && w.is_empty() {
        return (1.0, 1.0);
    }
    let inter = g.intersection(&w).count() as f64;
    let p = if g.is_empty() {
        0.0
    } else {
        inter / g.len() as f64
    };
    let r = if w.is_empty() {
        0.0
    } else {
        inter / w.len() as f64
    };
    (p, r)
}

#[test]
fn article_bench_shingle_f1() {
    let Some(root) = shared() else {
        println!("skipped: ../shared not found");
        return;
    };
    let bench = root.join("article-bench");
    let truth_raw = match std::fs::read_to_string(bench.join("ground-truth.json")) {
        Ok(t) => t,
        Err(_) => {
            println!("skipped: ../shared not found");
            return;
        }
    };
    let truth: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&truth_raw).expect("ground-truth.json is JSON");
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let (mut sp, mut sr) = (0.0, 0.0);
    let mut n = 0usize;
    let mut bytes = 0usize;
    let mut worst: Vec<(f64, f64, String)> = Vec::new();
    let start = std::time::Instant::now();
    for id in ids {
        let want = truth[id]["articleBody"].as_str().unwrap_or("");
        let path = bench.join("html").join(format!("{id}.html.gz"));
        let mut gz = flate2::read::GzDecoder::new(std::fs::File::open(&path).expect("page"));
        let mut raw = Vec::new();
        gz.read_to_end(&mut raw).expect("gunzip");
        let html = String::from_utf8_lossy(&raw).into_owned();
        bytes += html.len();
        let article = Article::new(
            id.clone(),
            Origin {
                path: path.display().to_string(),
                line: None,
            },
            Body::Html(html),
        );
        let got = match dyad_clean::clean(article) {
            Ok(doc) => {
                let body_start = doc.headline.map_or(0, |h| h.end as usize);
                doc.text[body_start..].to_string()
            }
            Err(_) => String::new(),
        };
        let (p, r) = page_pr(&got, want);
        // For inspecting failures by hand: DYAD_BENCH_DUMP=DIR writes each page's output.
        if let Ok(dir) = std::env::var("DYAD_BENCH_DUMP") {
            let _ = std::fs::write(format!("{dir}/{id}.got.txt"), &got);
            let _ = std::fs::write(format!("{dir}/{id}.want.txt"), want);
        }
        sp += p;
        sr += r;
        n += 1;
        worst.push((p, r, id.clone()));
    }
    let elapsed = start.elapsed().as_secs_f64();
    let p = sp / n as f64;
    let r = sr / n as f64;
    let f1 = 2.0 * p * r / (p + r);
    worst.sort_by(|a, b| (a.0 + a.1).total_cmp(&(b.0 + b.1)));
    for (p, r, id) in worst.iter().take(12) {
        println!("  low: P={p:.3} R={r:.3} {id}");
    }
    println!(
        "article-bench: {n} pages, P={p:.4} R={r:.4} F1={f1:.4} ({:.1} MB in {elapsed:.2}s, {:.1} MB/s)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / elapsed
    );
    assert_eq!(n, 90, "the benchmark has 90 pages");
    assert!(f1 >= 0.955, "shingle F1 {f1:.4} fell below the floor");
}
