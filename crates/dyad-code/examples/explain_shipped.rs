//! Explains a sentence with the shipped dictionaries (a debugging aid):
//! `cargo run -p dyad-code --example explain_shipped -- "SENTENCE" [YYYY-MM-DD]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(sentence) = args.next() else {
        eprintln!("usage: explain_shipped SENTENCE [YYYY-MM-DD]");
        return;
    };
    let date = args.next().and_then(|d| d.parse().ok());
    let coder = match dyad_dict::Dictionary::shipped() {
        Ok(d) => dyad_code::Coder::new(std::sync::Arc::new(d)),
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let ex = dyad_code::explain::explain(&coder, &sentence, date);
    let words: Vec<String> = ex
        .words
        .iter()
        .map(|w| format!("{}/{}", w.text, w.tag))
        .collect();
    println!("{}", words.join(" "));
    for g in &ex.groups {
        println!(
            "group [{}] {:?}",
            g.text,
            g.members.iter().map(|m| &m.0).collect::<Vec<_>>()
        );
    }
    for v in &ex.verbs {
        println!(
            "verb {} {:?} src={:?} tgt={:?} {}",
            v.text, v.entry, v.source, v.target, v.note
        );
        for p in v.patterns.iter().filter(|p| p.2) {
            println!("   {} {} chosen={}", p.0, p.1, p.3);
        }
    }
    for e in &ex.events {
        println!("EVENT {} {} {} {}", e.source, e.target, e.code, e.rule);
    }
}
