//! Codes every record of a PETRARCH XML file with the given dictionaries and prints the
//! events (a debugging and evaluation aid):
//! `cargo run -p dyad-code --example code_records -- RECORDS.xml [--use-parse] DICT...`.

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(records) = args.first() else {
        eprintln!("usage: code_records RECORDS.xml [--use-parse] DICT...");
        return;
    };
    let use_parse = args.iter().any(|a| a == "--use-parse");
    let dicts: Vec<PathBuf> = args[1..]
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let coder = match dyad_code::Coder::from_files(&dicts) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let suite = match dyad_code::validate::read_file(std::path::Path::new(records)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let report = dyad_code::validate::run(&suite, &coder, use_parse);
    let mut n = 0;
    for r in &report.results {
        println!("{} | {}", r.id, r.text);
        for (s, t, c, rule) in &r.got {
            n += 1;
            println!("    EVENT {s} {t} {c}   [{rule}]");
        }
    }
    println!("{} records, {n} events", report.results.len());
}
