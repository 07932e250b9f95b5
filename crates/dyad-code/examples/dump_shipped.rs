//! Prints the shipped dictionary set as the coder reads it (PETRARCH format), by kind:
//! `cargo run -p dyad-code --example dump_shipped -- actors|agents|verbs|discards|issues`.

fn main() {
    let kind = std::env::args().nth(1).unwrap_or_else(|| "actors".into());
    let dict = match dyad_dict::Dictionary::shipped() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let k = match kind.as_str() {
        "agents" => dyad_dict::Kind::Agents,
        "verbs" => dyad_dict::Kind::Verbs,
        "discards" => dyad_dict::Kind::Discards,
        "issues" => dyad_dict::Kind::Issues,
        _ => dyad_dict::Kind::Actors,
    };
    print!("{}", dyad_dict::export::write(k, &dict.entries));
    let lex = dyad_code::lexicon::Lexicon::from_dictionary(&dict);
    eprintln!(
        "{} actors, {} agents, {} phrases, {} verb blocks, {} patterns, {} problems",
        lex.actors.len(),
        lex.agents.len(),
        lex.phrases.len(),
        lex.blocks.len(),
        lex.pattern_count(),
        lex.problems.len()
    );
    for p in lex.problems.iter().take(10) {
        eprintln!("{p}");
    }
}
