//! The `dyad` command: a thin layer over the library crates. It parses arguments, runs the
//! pipeline, and reports errors for people. See `ARCHITECTURE.md` for the map.

mod explain;
mod pipeline;
mod timeline;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

// The pipeline makes and frees many small strings per word on every worker; mimalloc's
// per-thread free lists make that markedly cheaper than glibc's malloc (figures in
// docs/benchmarks.md, `## End to end`).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Convert dictionaries (PETRARCH or dyad format) to dyad's own format.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Directory the converted files are written to.
        #[arg(long)]
        out: PathBuf,
    },
    /// Convert dictionaries (dyad or PETRARCH format) to the PETRARCH formats.
    Export {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Directory the converted files are written to.
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => pipeline::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Timeline(args) => timeline::run(&args),
        Command::Dict { command } => dict_command(command),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("dyad: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn dict_command(command: DictCommand) -> anyhow::Result<ExitCode> {
    match command {
        DictCommand::Check { files } => print!("{}", dyad_dict::cli::check(&files)?),
        DictCommand::Import { files, out } => {
            for c in dyad_dict::cli::import(&files, &out)? {
                eprintln!(
                    "{} -> {} ({} problem(s))",
                    c.from.display(),
                    c.to.display(),
                    c.problems
                );
            }
        }
        DictCommand::Export { files, out } => {
            for c in dyad_dict::cli::export(&files, &out)? {
                eprintln!(
                    "{} -> {} ({} problem(s))",
                    c.from.display(),
                    c.to.display(),
                    c.problems
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
