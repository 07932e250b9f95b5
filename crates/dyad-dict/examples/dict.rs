//! `cargo run -p dyad-dict --example dict -- check|import|import-facts|export FILE... | bench | bench-repeat N [--out DIR]`
//! (`import-facts` drops the entries' comments):
//! the `dyad dict` subcommands without building the whole binary (used by
//! `tools/import_phoenix.sh`).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprintln!("usage: dict check|import|export FILE... [--out DIR]");
        return ExitCode::from(2);
    };
    let mut files = Vec::new();
    let mut out = None;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        if a == "--out" {
            out = it.next().map(PathBuf::from);
        } else {
            files.push(PathBuf::from(a));
        }
    }
    if cmd == "bench-repeat" {
        // Parse and compile the shipped set N times in one process: best and median of each
        // phase (in-process repeats are steadier than separate runs on a busy machine).
        let n: usize = files
            .first()
            .and_then(|f| f.to_str()?.parse().ok())
            .unwrap_or(10);
        let (mut parse, mut compile) = (Vec::new(), Vec::new());
        for _ in 0..n.max(1) {
            let t0 = std::time::Instant::now();
            let Ok(dict) = dyad_dict::Dictionary::shipped() else {
                return ExitCode::from(2);
            };
            let t1 = t0.elapsed();
            dict.matchers();
            let t2 = t0.elapsed();
            parse.push(t1.as_secs_f64());
            compile.push((t2 - t1).as_secs_f64());
        }
        let stats = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            (v[0], v[v.len() / 2])
        };
        let total: Vec<f64> = parse.iter().zip(&compile).map(|(a, b)| a + b).collect();
        let (pb, pm) = stats(&mut parse);
        let (cb, cm) = stats(&mut compile);
        let (tb, tm) = stats(&mut total.clone());
        println!(
            "{n} runs: parse best {pb:.3} s median {pm:.3} s; compile best {cb:.3} s median {cm:.3} s; total best {tb:.3} s median {tm:.3} s"
        );
        return ExitCode::SUCCESS;
    }
    if cmd == "bench" {
        // Time to load and compile the shipped set (what `dyad` does at start-up).
        let t0 = std::time::Instant::now();
        let dict = match dyad_dict::Dictionary::shipped() {
            Ok(d) => d,
            Err(e) => {
                eprintln!("dict: error: {e}");
                return ExitCode::from(2);
            }
        };
        let t1 = t0.elapsed();
        let m = dict.matchers();
        let t2 = t0.elapsed();
        let c = dict.entries.counts();
        println!(
            "load {:.3} s, compile {:.3} s, total {:.3} s; {} actors ({} names), {} agents, {} verbs, {} patterns, {} discards, {} issues; {} actor phrases compiled",
            t1.as_secs_f64(),
            (t2 - t1).as_secs_f64(),
            t2.as_secs_f64(),
            c.actors,
            c.actor_names,
            c.agents,
            c.verbs,
            c.patterns,
            c.discards,
            c.issues,
            m.actors.len()
        );
        return ExitCode::SUCCESS;
    }
    let result = match (cmd.as_str(), out) {
        ("check", _) => dyad_dict::cli::check(&files).map(|s| print!("{s}")),
        ("import", Some(dir)) | ("import-facts", Some(dir)) => if cmd == "import" {
            dyad_dict::cli::import(&files, &dir)
        } else {
            dyad_dict::cli::import_without_comments(&files, &dir)
        }
        .map(|v| {
            for c in v {
                eprintln!(
                    "{} -> {} ({} problem(s))",
                    c.from.display(),
                    c.to.display(),
                    c.problems
                );
            }
        }),
        ("export", Some(dir)) => dyad_dict::cli::export(&files, &dir).map(|v| {
            for c in v {
                eprintln!(
                    "{} -> {} ({} problem(s))",
                    c.from.display(),
                    c.to.display(),
                    c.problems
                );
            }
        }),
        _ => {
            eprintln!("usage: dict check|import|export FILE... [--out DIR]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dict: error: {e}");
            ExitCode::from(2)
        }
    }
}
