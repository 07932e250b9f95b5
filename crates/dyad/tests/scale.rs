//! Scale guards: a 50,000-word sentence and a 20 MB document go through the whole `dyad code`
//! pipeline in bounded time. The bounds are generous (debug build, shared machine); their
//! point is to catch a stage that is quadratic in sentence or document length, which would
//! take minutes to hours on these inputs rather than seconds.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Wall-clock bound for one run in a debug build.
const BOUND: Duration = Duration::from_secs(60);

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-scale-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A small deterministic generator: the inputs vary word by word, so no stage can short-cut
/// on repeated text (as a cache or a dedup would).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// Generic news-like clauses with capitalised names, verbs, dates, numbers and quotes, built
/// from numbered parts so that no name list is needed.
fn clause(rng: &mut Lcg) -> String {
    let n = rng.below(1000);
    match rng.below(6) {
        0 => format!("the Minister Alpha{n} met officials of Beta{n} on Monday"),
        1 => format!("police in the city of Gamma{n} arrested {n} protesters last week"),
        2 => format!(
            "President Delta{n} said the talks would resume on March {}",
            1 + n % 28
        ),
        3 => format!("\"we reject this\" said the spokesman of Epsilon{n}"),
        4 => format!("troops of Zeta{n} attacked a village near Eta{n} in 2024"),
        _ => format!("the government of Theta{n} criticised the decision of Iota{n}"),
    }
}

/// Runs `dyad code` on `input` with one thread; returns the wall time and the summary.
fn code(input: &Path, out: &Path) -> (Duration, String) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("code")
        .arg(input)
        .arg("--out")
        .arg(out)
        .args(["--threads", "1"])
        .output()
        .expect("run dyad");
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "dyad code failed: {stderr}");
    (took, stderr)
}

fn documents_line(summary: &str) -> &str {
    summary
        .lines()
        .find(|l| l.contains("documents read"))
        .unwrap_or("")
}

#[test]
#[ignore = "fails today: dyad-code's match_pre is quadratic in sentence length (docs/benchmarks.md, Profile); run with --ignored"]
fn fifty_thousand_word_sentence() {
    let dir = temp_dir("sentence");
    let mut rng = Lcg(1);
    // One sentence: clauses joined by commas and "and", never a full stop.
    let mut text = String::from("Long sentence\n\n");
    let mut words = 0;
    while words < 50_000 {
        let c = clause(&mut rng);
        words += c.split_whitespace().count() + 1;
        text.push_str(&c);
        text.push_str(if rng.below(2) == 0 { ", and " } else { ", " });
    }
    text.push_str("officials said.\n");
    let input = dir.join("sentence.txt");
    std::fs::write(&input, &text).expect("write input");
    let (took, summary) = code(&input, &dir.join("out"));
    eprintln!(
        "50,000-word sentence: {took:?}; {}",
        documents_line(&summary)
    );
    assert!(
        documents_line(&summary).contains("1 documents read"),
        "{summary}"
    );
    assert!(took < BOUND, "50,000-word sentence took {took:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
#[ignore = "fails today: dyad-code's resolve_descriptions is quadratic in document length (docs/benchmarks.md, Profile); run with --ignored"]
fn twenty_megabyte_document() {
    let dir = temp_dir("document");
    let mut rng = Lcg(2);
    let mut text = String::from("A very long report\n\nGENEVA -- ");
    while text.len() < 20_000_000 {
        // Paragraphs of one to four sentences.
        for _ in 0..1 + rng.below(4) {
            let c = clause(&mut rng);
            let mut chars = c.chars();
            if let Some(first) = chars.next() {
                text.extend(first.to_uppercase());
                text.push_str(chars.as_str());
            }
            text.push_str(". ");
        }
        text.push_str("\n\n");
    }
    let input = dir.join("document.txt");
    std::fs::write(&input, &text).expect("write input");
    let (took, summary) = code(&input, &dir.join("out"));
    eprintln!("20 MB document: {took:?}; {}", documents_line(&summary));
    assert!(
        documents_line(&summary).contains("1 documents read"),
        "{summary}"
    );
    // The document was coded, not skipped: events were found in it.
    let events = std::fs::read_to_string(dir.join("out/events.jsonl")).unwrap_or_default();
    assert!(
        events.lines().count() > 1000,
        "expected many events from a 20 MB document: {summary}"
    );
    assert!(took < BOUND, "20 MB document took {took:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
