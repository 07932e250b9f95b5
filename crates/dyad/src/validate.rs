//! `dyad validate`: prints the failing records of a PETRARCH validation file and the totals.
//! The logic lives in `dyad_code::validate`; this module only prints.

use std::path::PathBuf;
use std::process::ExitCode;

use dyad_code::validate::{self, Expected};

/// Arguments of `dyad validate`.
#[derive(clap::Args, Debug)]
pub struct ValidateArgs {
    /// The validation file (PETRARCH XML records with expected codings).
    records: PathBuf,
    /// Dictionary files (PETRARCH formats recognised by name; repeatable).
    #[arg(long = "dict", required = true, num_args = 1..)]
    dicts: Vec<PathBuf>,
    /// Code from the records' supplied parses instead of the text alone.
    #[arg(long)]
    use_parse: bool,
    /// Print passing records too.
    #[arg(long)]
    all: bool,
}

/// Runs `dyad validate`.
pub fn run(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    let coder = dyad_code::Coder::from_files(&args.dicts)?;
    let suite = validate::read_file(&args.records)?;
    let report = validate::run(&suite, &coder, args.use_parse);
    for r in &report.results {
        if r.pass && !args.all {
            continue;
        }
        let status = match (r.pass, r.counted) {
            (true, _) => "PASS",
            (false, true) => "FAIL",
            (false, false) => "FAIL (not counted)",
        };
        println!("{status} {} [{}] line {}", r.id, r.category, r.line);
        println!("  text:     {}", r.text);
        match &r.expected {
            Expected::Events(ev) => {
                for (s, t, c) in ev {
                    println!("  expected: {s} {t} {c}");
                }
            }
            Expected::NoEvents => println!("  expected: no events"),
            Expected::Error(e) => println!("  expected: no events ({e})"),
        }
        if r.got.is_empty() {
            println!("  got:      no events");
        }
        for (s, t, c, rule) in &r.got {
            println!("  got:      {s} {t} {c}    rule: {rule}");
        }
    }
    println!();
    println!("category      passed / counted");
    for (cat, (p, n)) in &report.by_category {
        println!("{cat:<13} {p:>6} / {n}");
    }
    let excluded = report.results.len() - report.counted;
    println!(
        "total         {:>6} / {} = {:.1}%  ({} record(s) not counted: category outside <Include> or sentence=\"false\"; {} of all {} pass)",
        report.passed,
        report.counted,
        100.0 * report.rate(),
        excluded,
        report.passed_all,
        report.results.len()
    );
    if !report.ignored_options.is_empty() {
        let list: Vec<&str> = report.ignored_options.iter().map(String::as_str).collect();
        println!(
            "config options read but not implemented: {}",
            list.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}
