//! Throughput of `resolve_times` (segmenting excluded), for docs/benchmarks.md:
//! `cargo test --release -p dyad-time --test speed -- --ignored --nocapture`

use std::time::{Duration, Instant};

use dyad_doc::{Document, Span};

#[test]
#[ignore]
fn throughput() {
    let para =
        "Yesterday, Putin criticized NATO's plans and said on Thursday that Russia will respond \
                next month. The talks on 24 June 2005 followed a meeting in May, two days ago, \
                and the ministers will meet again next Friday in Brussels, officials said.";
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    while text.len() < 20_000_000 {
        let s = text.len();
        text.push_str(para);
        paragraphs.push(Span::new(s, text.len()));
        text.push_str("\n\n");
    }
    let mut doc = Document {
        text,
        paragraphs,
        ..Default::default()
    };
    doc.meta.pub_date = Some("2005-06-24".parse().expect("date"));
    dyad_segment::segment(&mut doc);
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        dyad_time::resolve_times(&mut doc);
        best = best.min(t.elapsed());
    }
    let mb = doc.text.len() as f64 / 1e6;
    let secs = best.as_secs_f64();
    println!(
        "resolve_times: {:.1} MB, {} sentences, {} expressions in {:.3} s: {:.1} MB/s, {:.0} sentences/s",
        mb,
        doc.sentences.len(),
        doc.times.len(),
        secs,
        mb / secs,
        doc.sentences.len() as f64 / secs
    );
    assert_eq!(doc.times.len(), paragraphs_count(&doc) * 7);
}

fn paragraphs_count(doc: &Document) -> usize {
    doc.paragraphs.len()
}
