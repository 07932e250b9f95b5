//! `dyad code`: read → clean → segment → times and places → code → quotes → write.
//!
//! Articles stream from the readers in batches; each batch is processed in parallel and
//! written in input order, so memory stays bounded and output is reproducible.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use dyad_code::Coder;
use dyad_doc::Article;
use dyad_geo::Gazetteer;
use dyad_out::{Format, OutputOptions, Outputs, Rows};
use dyad_read::Item;
use dyad_store::sink::Sink;
use dyad_store::{RunSettings, Store};
use rayon::prelude::*;

/// Arguments of `dyad code`.
#[derive(clap::Args, Debug)]
pub struct CodeArgs {
    /// Files, directories (read recursively), or `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output directory.
    #[arg(long)]
    out: PathBuf,
    /// Dictionary files to code with instead of the shipped ones (repeatable).
    #[arg(long = "dict")]
    dicts: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Output formats, comma-separated: jsonl, csv (GDELT columns), parquet, petrarch. The
    /// contract's JSONL files are always written.
    #[arg(long, default_value = "jsonl")]
    format: String,
    /// The embedded store the run is added to (default: OUT/dyad.sqlite).
    #[arg(long)]
    store: Option<PathBuf>,
    /// Keep one event per (date, source, target, code), with its count of reports.
    #[arg(long)]
    one_a_day: bool,
    /// Let a record's supplied Penn Treebank parse (PETRARCH XML `<Parse>`, JSONL `parse`)
    /// decide which dictionary verb forms are verbs; off: code from the text alone.
    #[arg(long)]
    use_parse: bool,
}

/// Articles processed together; large enough to keep every core busy, small enough to keep
/// memory bounded.
const BATCH: usize = 256;

/// Batches read ahead and batches in the worker pool at once: enough to hide reading and
/// each batch's tail, few enough that memory stays bounded (about `3 × BATCH` articles).
const IN_FLIGHT: usize = 3;

/// Everything a worker needs to turn an article into output rows.
struct Stages {
    coder: Coder,
    gazetteer: Gazetteer,
}

impl Stages {
    /// Rows for one item from the reader, with the skip kind for the summary.
    fn process_item(&self, item: Item) -> (Rows, Option<String>) {
        match item {
            Item::Article(article) => (self.process(*article), None),
            Item::Skipped(s) => (Rows::skipped(&s.id, &s.origin, &s.reason), Some(s.kind)),
        }
    }

    fn process(&self, article: Article) -> Rows {
        let id = article.id.clone();
        let origin = article.origin.clone();
        let mut doc = match dyad_clean::clean(article) {
            Ok(doc) => doc,
            Err(err) => return Rows::skipped(&id, &origin, &err.to_string()),
        };
        dyad_segment::segment(&mut doc);
        dyad_time::resolve_times(&mut doc);
        self.gazetteer.locate(&mut doc);
        self.coder.code(&mut doc);
        dyad_time::date_events(&mut doc);
        self.gazetteer.locate_events(&mut doc);
        dyad_quote::find_quotes(&mut doc);
        Rows::coded(&doc)
    }
}

/// The run summary printed on stderr.
#[derive(Default)]
struct Summary {
    read: usize,
    coded: usize,
    skipped: BTreeMap<String, usize>,
    sentences: usize,
    events: usize,
    quotes: usize,
    bytes: u64,
}

impl Summary {
    fn add(&mut self, rows: &Rows, kind: Option<&str>) {
        self.read += 1;
        let d = &rows.document;
        if d.status == "coded" {
            self.coded += 1;
        } else {
            *self
                .skipped
                .entry(kind.unwrap_or("clean").to_string())
                .or_default() += 1;
        }
        self.sentences += d.sentences;
        self.events += d.events;
        self.quotes += d.quotes;
    }

    fn print(&self, seconds: f64) {
        let mb = self.bytes as f64 / 1e6;
        let skipped: usize = self.skipped.values().sum();
        eprintln!(
            "dyad: {} documents read: {} coded, {} skipped",
            self.read, self.coded, skipped
        );
        for (kind, n) in &self.skipped {
            eprintln!("dyad:   skipped ({kind}): {n}");
        }
        eprintln!(
            "dyad: {} sentences, {} events, {} quotes",
            self.sentences, self.events, self.quotes
        );
        eprintln!(
            "dyad: {:.1} MB in {:.2} s ({:.1} MB/s, {:.0} documents/s)",
            mb,
            seconds,
            mb / seconds.max(1e-9),
            self.read as f64 / seconds.max(1e-9)
        );
    }
}

fn body_len(article: &Article) -> usize {
    match &article.body {
        dyad_doc::Body::Text(t) | dyad_doc::Body::Html(t) | dyad_doc::Body::Sentence(t) => t.len(),
    }
}

/// Runs `dyad code`.
pub fn run(args: &CodeArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .thread_name(|i| format!("dyad-work-{i}"))
        .build()
        .context("starting worker threads")?;
    // The gazetteer builds on its own thread while the dictionaries load and compile here.
    let gazetteer = Gazetteer::shipped();
    let dict = if args.dicts.is_empty() {
        dyad_dict::Dictionary::shipped()?
    } else {
        dyad_dict::Dictionary::load(&args.dicts)?
    };
    let stages = Stages {
        coder: Coder::new(Arc::new(dict)).with_options(dyad_code::Options {
            use_parse: args.use_parse,
            ..dyad_code::Options::default()
        }),
        gazetteer,
    };
    let sink = open_sink(args)?;
    let progress = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new_spinner()
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut summary = Summary::default();
    let (batch_tx, batch_rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(IN_FLIGHT);
    let (rows_tx, rows_rx) = std::sync::mpsc::channel::<(usize, Vec<(Rows, Option<String>)>)>();
    let items = dyad_read::read_inputs(&args.inputs);
    std::thread::scope(|threads| -> anyhow::Result<()> {
        // Reading and decompressing run on their own thread, a batch or two ahead of the
        // workers, so no core waits for input.
        let reader = std::thread::Builder::new().name("dyad-read".into());
        let reader = reader.spawn_scoped(threads, move || {
            let mut items = items.peekable();
            while items.peek().is_some() {
                let batch: Vec<Item> = items.by_ref().take(BATCH).collect();
                if batch_tx.send(batch).is_err() {
                    break;
                }
            }
        });
        // Without a reader no batch would ever come: say why rather than code nothing.
        reader.context("starting the reader thread")?;
        // Several batches are in the pool at once so that the slow tail of one batch
        // overlaps the next instead of idling cores; rows are put back in input order here.
        pool.in_place_scope(|scope| {
            let mut pending: BTreeMap<usize, Vec<(Rows, Option<String>)>> = BTreeMap::new();
            let (mut sent, mut next) = (0usize, 0usize);
            let mut open = true;
            let mut writer_failed = false;
            while open || next < sent {
                if open && sent - next < IN_FLIGHT {
                    match batch_rx.recv() {
                        Ok(batch) => {
                            for item in &batch {
                                if let Item::Article(a) = item {
                                    summary.bytes += body_len(a) as u64;
                                }
                            }
                            let (seq, tx, stages) = (sent, rows_tx.clone(), &stages);
                            scope.spawn(move |_| {
                                let rows = batch
                                    .into_par_iter()
                                    .map(|item| stages.process_item(item))
                                    .collect();
                                // The receiver outlives the scope; a failed send cannot happen.
                                let _ = tx.send((seq, rows));
                            });
                            sent += 1;
                            continue;
                        }
                        Err(_) => open = false,
                    }
                    continue;
                }
                let Ok((seq, rows)) = rows_rx.recv() else {
                    break;
                };
                pending.insert(seq, rows);
                while let Some(rows) = pending.remove(&next) {
                    next += 1;
                    if writer_failed {
                        continue;
                    }
                    for (rows, kind) in &rows {
                        if let Some(reason) = &rows.document.reason {
                            eprintln!("dyad: skipped {}: {reason}", rows.document.doc);
                        }
                        summary.add(rows, kind.as_deref());
                    }
                    // A refused batch means the writer stopped on an error; `finish`
                    // reports it. Stop reading, let the batches in the pool drain.
                    if sink
                        .send(rows.into_iter().map(|(r, _)| r).collect())
                        .is_err()
                    {
                        writer_failed = true;
                        open = false;
                    }
                    progress.set_message(format!(
                        "{} documents, {} events",
                        summary.read, summary.events
                    ));
                    progress.tick();
                }
            }
            // Dropping the receiver stops the reader thread if the writer failed early.
            drop(batch_rx);
        });
        Ok(())
    })?;
    let written = sink.finish()?;
    progress.finish_and_clear();
    summary.print(started.elapsed().as_secs_f64());
    print_written(&written);
    // The dictionaries and gazetteer are millions of small allocations; the process ends
    // here, so the operating system reclaims them faster than freeing them one by one.
    std::mem::forget(stages);
    Ok(ExitCode::SUCCESS)
}

/// Opens the output files and the store, records the run, and starts the writer thread.
fn open_sink(args: &CodeArgs) -> anyhow::Result<Sink> {
    let formats = Format::parse_list(&args.format)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    let added = dyad_store::gdelt_timestamp(now);
    let options = OutputOptions {
        formats: formats.clone(),
        one_a_day: args.one_a_day,
        added,
    };
    let outputs = Outputs::create(&args.out, &options)?;
    let store_path = args
        .store
        .clone()
        .unwrap_or_else(|| args.out.join("dyad.sqlite"));
    let mut store = Store::open(&store_path)?;
    let settings = RunSettings {
        inputs: args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        out: args.out.display().to_string(),
        formats: formats.iter().map(|f| f.name().to_string()).collect(),
        one_a_day: args.one_a_day,
        dicts: args.dicts.iter().map(|p| p.display().to_string()).collect(),
        threads: args.threads,
        version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let run = store.begin_run(&settings)?;
    Ok(Sink::start(outputs, Some((store, run))))
}

/// The writer's part of the run summary.
fn print_written(written: &dyad_store::sink::SinkStats) {
    let o = &written.outputs;
    if o.events_out != o.events_in {
        eprintln!(
            "dyad: one-a-day: {} events kept of {}",
            o.events_out, o.events_in
        );
    }
    if let Some(s) = &written.store {
        eprintln!(
            "dyad: store: {} documents added, {} replaced, {} unchanged; {} events, {} quotes written",
            s.added, s.replaced, s.unchanged, s.events, s.quotes
        );
    }
}
