//! `dyad explain`: shows how one sentence is read and coded. The logic lives in
//! `dyad_code::explain`; this module only prints.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Arguments of `dyad explain`.
#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// The sentence.
    sentence: String,
    /// The story date (YYYY-MM-DD), which chooses date-restricted actor codes.
    #[arg(long)]
    date: Option<String>,
    /// Dictionary files (PETRARCH formats recognised by name; repeatable).
    #[arg(long = "dict", num_args = 1..)]
    dicts: Vec<PathBuf>,
}

/// Runs `dyad explain`.
pub fn run(args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let coder = if args.dicts.is_empty() {
        dyad_code::Coder::new(std::sync::Arc::new(dyad_dict::Dictionary::shipped()?))
    } else {
        dyad_code::Coder::from_files(&args.dicts)?
    };
    let date = match &args.date {
        Some(d) => Some(
            d.parse::<dyad_doc::Date>()
                .with_context(|| format!("--date {d}: expected YYYY-MM-DD"))?,
        ),
        None => None,
    };
    let ex = dyad_code::explain::explain(&coder, &args.sentence, date);
    println!("sentence: {}", ex.text);
    if let Some(d) = &ex.discarded {
        println!("not coded: {d}");
        return Ok(ExitCode::SUCCESS);
    }
    println!("\nwords:");
    let line: Vec<String> = ex
        .words
        .iter()
        .map(|w| format!("{}/{}", w.text, w.tag))
        .collect();
    println!("  {}", line.join(" "));
    println!("\nnoun-phrase groups:");
    for g in &ex.groups {
        if g.members.is_empty() {
            println!("  [{}]", g.text);
        } else {
            let m: Vec<String> = g
                .members
                .iter()
                .map(|(c, n, r)| format!("{c} ({n}; {r})"))
                .collect();
            println!("  [{}] -> {}", g.text, m.join(", "));
        }
    }
    println!("\nmentions:");
    for (text, kind, code, rule, ante) in &ex.mentions {
        match ante {
            Some(a) => println!("  {text:<30} {kind:<8} {code:<12} {rule}  (refers to \"{a}\")"),
            None => println!("  {text:<30} {kind:<8} {code:<12} {rule}"),
        }
    }
    println!("\nverbs:");
    for v in &ex.verbs {
        match &v.entry {
            Some(e) => println!("  {} — {e}", v.text),
            None => {
                println!(
                    "  {} — not in the verb dictionary (clause structure only)",
                    v.text
                );
                continue;
            }
        }
        println!(
            "    source: {}   target: {}   {}",
            v.source.as_deref().unwrap_or("-"),
            v.target.as_deref().unwrap_or("-"),
            v.note
        );
        for (pat, origin, matched, chosen, why) in &v.patterns {
            let mark = if *chosen {
                "=>"
            } else if *matched {
                "+ "
            } else {
                "  "
            };
            println!("    {mark} {pat:<50} {origin}  {why}");
        }
    }
    println!("\nevents:");
    if ex.events.is_empty() {
        println!("  none");
    }
    for e in &ex.events {
        println!(
            "  {} {} {} (root {}, quad {}, goldstein {:.1})  rule: {}",
            e.source, e.target, e.code, e.root, e.quad_class, e.goldstein, e.rule
        );
    }
    Ok(ExitCode::SUCCESS)
}
