//! The `dyad` command: a thin layer over the library crates. It parses arguments, runs the
//! pipeline, and reports errors for people. See `ARCHITECTURE.md` for the map.

mod explain;
mod pipeline;
mod timeline;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Political event data from news text: who did what to whom, when and where.
#[derive(Parser, Debug)]
#[command(name = "dyad", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Code articles into events and quotes.
    Code(pipeline::CodeArgs),
    /// Run a PETRARCH validation file and print failing records and totals.
    Validate(validate::ValidateArgs),
    /// Show how a sentence is read and coded.
    Explain(explain::ExplainArgs),
    /// CSV of a dyad's events per period from the store (and a chart with --plot).
    Timeline(timeline::TimelineArgs),
    /// Work with dictionaries.
    Dict {
        #[command(subcommand)]
        command: DictCommand,
    },
}

#[derive(Subcommand, Debug)]
enum DictCommand {
    /// Report every dictionary problem as file:line: message.
    Check {
        /// Dictionary files (PETRARCH formats recognised by name).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => pipeline::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Timeline(args) => timeline::run(&args),
        Command::Dict {
            command: DictCommand::Check { files },
        } => dict_check(&files),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("dyad: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn dict_check(files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let dict = dyad_dict::Dictionary::load(files)?;
    for problem in &dict.problems {
        println!("{problem}");
    }
    println!("{} problem(s)", dict.problems.len());
    Ok(ExitCode::SUCCESS)
}
