//! `dyad timeline`: a dyad's events per period from the store, as CSV on stdout, and
//! optionally a chart.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use dyad_store::{ActorSpec, Aliases, Period, Store, TimelineQuery};

/// Arguments of `dyad timeline`.
#[derive(clap::Args, Debug)]
pub struct TimelineArgs {
    /// The store (same as --store).
    #[arg(value_name = "STORE")]
    store_pos: Option<PathBuf>,
    /// The store to read.
    #[arg(long)]
    store: Option<PathBuf>,
    /// The dyad: two actors, comma-separated: country codes ("RUS" matches RUSGOV,
    /// RUSMIL...), full codes, or names from the alias file ("Russia", "NATO").
    #[arg(long)]
    dyad: String,
    /// Period: day, week, month, quarter or year.
    #[arg(long, default_value = "month")]
    by: String,
    /// First date included (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Last date included (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
    /// Also report the reverse direction (B to A).
    #[arg(long)]
    both_directions: bool,
    /// Count one event per (date, source, target, code) (`--one-a-day` or
    /// `--one-a-day false`). Default: as the store's latest run.
    #[arg(long, num_args = 0..=1, default_missing_value = "true")]
    one_a_day: Option<bool>,
    /// Draw the timeline to FILE.svg (or FILE.png, drawn without text).
    #[arg(long)]
    plot: Option<PathBuf>,
    /// Alias file replacing the shipped `timeline-aliases.txt`.
    #[arg(long)]
    aliases: Option<PathBuf>,
}

fn parse_date(s: &Option<String>, flag: &str) -> anyhow::Result<Option<dyad_doc::Date>> {
    s.as_deref()
        .map(|d| {
            d.parse::<dyad_doc::Date>()
                .with_context(|| format!("{flag} {d:?}: expected YYYY-MM-DD"))
        })
        .transpose()
}

/// Runs `dyad timeline`.
pub fn run(args: &TimelineArgs) -> anyhow::Result<ExitCode> {
    let path = args
        .store
        .as_ref()
        .or(args.store_pos.as_ref())
        .context("no store given: dyad timeline STORE or --store FILE")?;
    if !path.exists() {
        anyhow::bail!("{}: no such store", path.display());
    }
    let store = Store::open(path)?;
    let aliases = match &args.aliases {
        Some(p) => Aliases::load(p)?,
        None => Aliases::shipped(),
    };
    let Some((a, b)) = args.dyad.split_once(',') else {
        anyhow::bail!("--dyad {:?}: expected two actors, A,B", args.dyad);
    };
    let one_a_day = match args.one_a_day {
        Some(v) => v,
        None => store
            .runs()?
            .last()
            .and_then(|r| r.settings.get("one_a_day").and_then(|v| v.as_bool()))
            .unwrap_or(false),
    };
    let query = TimelineQuery {
        a: ActorSpec::resolve(a, &aliases)?,
        b: ActorSpec::resolve(b, &aliases)?,
        by: args.by.parse::<Period>()?,
        from: parse_date(&args.from, "--from")?,
        to: parse_date(&args.to, "--to")?,
        both_directions: args.both_directions,
        one_a_day,
    };
    let rows = store.timeline(&query)?;
    let stdout = std::io::stdout();
    dyad_store::timeline::write_csv(&rows, stdout.lock()).context("writing the timeline")?;
    if let Some(plot) = &args.plot {
        let mut directions = vec![format!("{}>{}", query.a.label, query.b.label)];
        if query.both_directions {
            directions.push(format!("{}>{}", query.b.label, query.a.label));
        }
        let title = format!(
            "{} and {}: events by {}{}",
            query.a.label,
            query.b.label,
            args.by.to_ascii_lowercase(),
            if one_a_day { " (one a day)" } else { "" }
        );
        dyad_store::plot::draw(&rows, &directions, &title, plot)?;
        eprintln!("dyad: timeline drawn to {}", plot.display());
    }
    Ok(ExitCode::SUCCESS)
}
