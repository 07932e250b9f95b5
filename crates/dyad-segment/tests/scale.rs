//! Size and speed: long sentences and large documents segment in linear time.

use std::time::{Duration, Instant};

use dyad_doc::{Document, Span};
use dyad_segment::{segment, Abbreviations};

/// A generated news-like text of at least `bytes` bytes, in paragraphs.
fn generated(bytes: usize) -> Document {
    let para = "Mr. Putin met Gen. Ivanov in the U.S. The talks on Oct. 3 were \u{201c}useful,\u{201d} \
                he said. \"Does it matter?\" she asked. Exports rose 3.5 percent to $1.2 billion -- \
                a record -- and Russia's envoy didn't object (again). NATO's al-Qaeda file...";
    let mut text = String::with_capacity(bytes + para.len() + 2);
    let mut paragraphs = Vec::new();
    while text.len() < bytes {
        let s = text.len();
        text.push_str(para);
        paragraphs.push(Span::new(s, text.len()));
        text.push_str("\n\n");
    }
    Document {
        text,
        paragraphs,
        ..Default::default()
    }
}

fn time_segment(doc: &mut Document) -> Duration {
    let t = Instant::now();
    segment(doc);
    t.elapsed()
}

#[test]
fn shipped_abbreviations_parse() {
    let list = Abbreviations::shipped().expect("shipped list parses");
    assert_eq!(list.class("Mr"), Some(dyad_segment::AbbrevClass::Title));
    assert!(list.is_listed_starter("The"));
    assert!(
        Abbreviations::parse("Mr\n", "x").is_err(),
        "entry before a section"
    );
    assert!(Abbreviations::parse("[bogus]\n", "x").is_err());
}

#[test]
fn fifty_thousand_word_sentence() {
    let text = "word ".repeat(50_000) + "end.";
    let mut doc = Document {
        paragraphs: vec![Span::new(0, text.len())],
        text,
        ..Default::default()
    };
    let took = time_segment(&mut doc);
    assert_eq!(doc.sentences.len(), 1);
    assert_eq!(doc.tokens.len(), 50_002);
    assert!(took < Duration::from_secs(5), "took {took:?}");
    // Also with abbreviations everywhere, which consult the document's vocabulary.
    let text = "U.S. Officials ".repeat(25_000);
    let mut doc = Document {
        paragraphs: vec![Span::new(0, text.len())],
        text,
        ..Default::default()
    };
    let took = time_segment(&mut doc);
    assert_eq!(doc.sentences.len(), 1);
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn twenty_megabytes_in_linear_time() {
    let mut small = generated(2_000_000);
    let mut large = generated(20_000_000);
    // The faster of two runs, to damp noise from other processes on the machine.
    let t_small = time_segment(&mut small).min(time_segment(&mut small));
    let t_large = time_segment(&mut large);
    let per_para = small.sentences.len() / small.paragraphs.len();
    assert_eq!(per_para, 5, "five sentences per generated paragraph");
    assert_eq!(
        large.sentences.len(),
        large.paragraphs.len() * per_para,
        "same split at scale"
    );
    // Ten times the text; quadratic behaviour would take ~100 times as long (the bound leaves
    // room for noise from other processes on a shared machine).
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
    assert!(ratio < 40.0, "20 MB took {ratio:.1}x the time of 2 MB");
}

/// Throughput figure for docs/benchmarks.md:
/// `cargo test --release -p dyad-segment --test scale -- --ignored --nocapture`
#[test]
#[ignore]
fn throughput() {
    let mut doc = generated(50_000_000);
    segment(&mut doc);
    let mut best = Duration::MAX;
    for _ in 0..3 {
        best = best.min(time_segment(&mut doc));
    }
    let secs = best.as_secs_f64();
    let mb = doc.text.len() as f64 / 1e6;
    println!(
        "segment: {:.1} MB, {} sentences, {} tokens in {:.3} s: {:.1} MB/s, {:.0} sentences/s, {:.0} tokens/s",
        mb,
        doc.sentences.len(),
        doc.tokens.len(),
        secs,
        mb / secs,
        doc.sentences.len() as f64 / secs,
        doc.tokens.len() as f64 / secs
    );
}
