//! Speed of the syntax layer on one core: lexicon load time, and analysis throughput over the
//! parsed PETRARCH2 sentences in `../shared` (tokens taken from the parse leaves), repeated.
//! `cargo run --release -p dyad-syntax --example bench`

use std::path::PathBuf;
use std::time::Instant;

use dyad_syntax::{testing, Analyzer, Lexicon};

fn leaves(parse: &str) -> Vec<String> {
    // Leaves are "(TAG word)" pairs: an atom followed by ')' right after another atom.
    let mut out = Vec::new();
    let spaced = parse.replace('(', " ( ").replace(')', " ) ");
    let toks: Vec<&str> = spaced.split_whitespace().collect();
    for w in toks.windows(4) {
        if w[0] == "("
            && w[1] != "("
            && w[2] != "("
            && w[2] != ")"
            && w[3] == ")"
            && w[1] != "-NONE-"
        {
            let word = match w[2] {
                "-LRB-" => "(",
                "-RRB-" => ")",
                x => x,
            };
            out.push(word.to_string());
        }
    }
    out
}

fn main() {
    let t = Instant::now();
    let lex = Lexicon::shipped();
    let load = t.elapsed();
    let Ok(lex) = lex else {
        eprintln!("lexicon failed to load");
        return;
    };
    let words = lex.len();
    let an = Analyzer::new(lex);
    println!("lexicon load (parse + index, {words} lemmas): {load:?}");

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/petrarch2/text");
    let mut sentences: Vec<String> = Vec::new();
    for f in ["PETR.UnitTest.records.xml", "GigaWord.sample.PETR.xml"] {
        let Ok(xml) = std::fs::read_to_string(dir.join(f)) else {
            println!("skipped: ../shared not found");
            return;
        };
        let mut rest = xml.as_str();
        while let Some(a) = rest.find("<Parse>") {
            let body = &rest[a + 7..];
            let Some(b) = body.find("</Parse>") else {
                break;
            };
            sentences.push(leaves(&body[..b]).join(" "));
            rest = &body[b..];
        }
    }
    let docs: Vec<_> = sentences.iter().map(|s| testing::doc(s)).collect();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let rounds = 300;
    let t = Instant::now();
    let mut groups = 0usize;
    for _ in 0..rounds {
        for d in &docs {
            let sx = an.analyze(d, 0);
            groups += sx.noun_groups.len() + sx.verb_groups.len();
        }
    }
    let el = t.elapsed().as_secs_f64();
    let n = docs.len() * rounds;
    println!(
        "analysis: {n} sentences ({} tokens) in {el:.3} s = {:.0} sentences/s, {:.0} tokens/s, one thread ({groups} groups)",
        tokens * rounds,
        n as f64 / el,
        (tokens * rounds) as f64 / el
    );
    let unit =
        "Russia said that the rebels who attacked the convoy , the army and police held talks ,";
    let long = std::iter::repeat_n(unit, 50_000 / 16)
        .collect::<Vec<_>>()
        .join(" ");
    let d = testing::doc(&long);
    let t = Instant::now();
    let sx = an.analyze(&d, 0);
    println!(
        "one sentence of {} tokens: {:?} ({} verb groups)",
        d.tokens.len(),
        t.elapsed(),
        sx.verb_groups.len()
    );
}
