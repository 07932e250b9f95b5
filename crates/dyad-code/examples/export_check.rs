//! Prints `dyad-dict`'s PETRARCH export of the given files, by kind (a debugging aid):
//! `cargo run -p dyad-code --example export_check -- verbs|actors FILE...`.

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(kind) = args.first() else { return };
    let files: Vec<PathBuf> = args[1..].iter().map(PathBuf::from).collect();
    let dict = match dyad_dict::Dictionary::load(&files) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let k = if kind == "verbs" {
        dyad_dict::Kind::Verbs
    } else {
        dyad_dict::Kind::Actors
    };
    print!("{}", dyad_dict::export::write(k, &dict.entries));
}
