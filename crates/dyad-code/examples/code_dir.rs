//! Codes `.txt` articles with the shipped dictionaries through the stages the coder needs
//! (read → clean → segment → times → code) and prints one event a line, tab-separated:
//! document, sentence index, source, target, code, sentence text. Used to compare coder
//! changes on the dev and held-out sets of docs/accuracy.md without a release build.
//!
//!     cargo run -p dyad-code --example code_dir -- DIR...

use std::path::PathBuf;
use std::sync::Arc;

use dyad_code::Coder;
use dyad_dict::Dictionary;
use dyad_read::Item;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let inputs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let coder = Coder::new(Arc::new(Dictionary::shipped()?));
    for item in dyad_read::read_inputs(&inputs) {
        let Item::Article(article) = item else {
            continue;
        };
        let mut doc = match dyad_clean::clean(*article) {
            Ok(doc) => doc,
            Err(err) => {
                eprintln!("skipped: {err}");
                continue;
            }
        };
        dyad_segment::segment(&mut doc);
        dyad_time::resolve_times(&mut doc);
        coder.code(&mut doc);
        for e in &doc.events {
            let text = doc
                .sentences
                .get(e.sentence as usize)
                .map(|s| doc.slice(s.span).replace(['\n', '\t'], " "))
                .unwrap_or_default();
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                doc.id,
                e.sentence,
                e.source,
                e.target.as_deref().unwrap_or(""),
                e.code,
                text
            );
        }
    }
    Ok(())
}
