//! `read-clean-split`: streams INPUTs through `dyad_read` → `dyad_clean` → `dyad_segment` on
//! N worker threads, in batches as `dyad code` does, and prints MB/s of raw text, articles/s
//! and sentences/s (issue 3's read + clean + split figure).
//!
//!     read-clean-split bench-corpus/200mb.jsonl.gz --threads 1
//!     read-clean-split bench-corpus/200mb.jsonl.gz --threads 2 --overlap
//!     read-clean-split bench-corpus/200mb-dir --threads 2 --read-only
//!
//! "Raw text" is the decoded body of every article read (text or HTML, before cleaning),
//! counted as the pipeline's run summary counts it, so the figures compare with `dyad code`.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Parser;
use dyad_doc::{Article, Body};
use dyad_read::Item;
use rayon::prelude::*;

#[derive(Parser, Debug)]
struct Args {
    /// Files or directories (read recursively), as for `dyad code`.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Worker threads for cleaning and splitting.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Articles per batch (`dyad code` uses 256).
    #[arg(long, default_value_t = 256)]
    batch: usize,
    /// Read ahead on a separate thread while the workers clean the previous batch. Without
    /// it, reading runs between batches on the driving thread, as in `dyad code` today, so
    /// `--threads 1` uses exactly one core.
    #[arg(long)]
    overlap: bool,
    /// Only read (no cleaning or splitting): the reader's share of the figure.
    #[arg(long)]
    read_only: bool,
}

/// What one batch produced.
#[derive(Default, Clone, Copy)]
struct Counts {
    articles: u64,
    skipped: u64,
    clean_failed: u64,
    bytes: u64,
    sentences: u64,
    tokens: u64,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.articles += o.articles;
        self.skipped += o.skipped;
        self.clean_failed += o.clean_failed;
        self.bytes += o.bytes;
        self.sentences += o.sentences;
        self.tokens += o.tokens;
    }
}

fn body_len(a: &Article) -> u64 {
    match &a.body {
        Body::Text(t) | Body::Html(t) | Body::Sentence(t) => t.len() as u64,
    }
}

/// Cleans and splits one item; reading has already happened.
fn process(item: Item, read_only: bool) -> Counts {
    match item {
        Item::Skipped(_) => Counts {
            skipped: 1,
            ..Counts::default()
        },
        Item::Article(a) => {
            let mut c = Counts {
                articles: 1,
                bytes: body_len(&a),
                ..Counts::default()
            };
            if read_only {
                return c;
            }
            match dyad_clean::clean(*a) {
                Ok(mut doc) => {
                    dyad_segment::segment(&mut doc);
                    c.sentences = doc.sentences.len() as u64;
                    c.tokens = doc.tokens.len() as u64;
                }
                Err(_) => c.clean_failed = 1,
            }
            c
        }
    }
}

fn run_batch(pool: &rayon::ThreadPool, batch: Vec<Item>, read_only: bool) -> Counts {
    pool.install(|| {
        batch
            .into_par_iter()
            .map(|i| process(i, read_only))
            .reduce(Counts::default, |mut a, b| {
                a.add(b);
                a
            })
    })
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let batch_size = args.batch.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.max(1))
        .build()
        .context("starting worker threads")?;
    let started = Instant::now();
    let mut total = Counts::default();
    // Time the driving thread spends reading (sequential mode) or waiting for the reader
    // (overlap mode): the part of the run the workers are idle.
    let mut reading = Duration::ZERO;
    if args.overlap {
        // Two batches in flight bound the memory like the pipeline's batching does.
        let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(2);
        let inputs = args.inputs.clone();
        let reader = std::thread::spawn(move || {
            let mut items = dyad_read::read_inputs(&inputs);
            loop {
                let batch: Vec<Item> = items.by_ref().take(batch_size).collect();
                if batch.is_empty() || tx.send(batch).is_err() {
                    break;
                }
            }
        });
        loop {
            let t = Instant::now();
            let Ok(batch) = rx.recv() else { break };
            reading += t.elapsed();
            total.add(run_batch(&pool, batch, args.read_only));
        }
        reader
            .join()
            .map_err(|_| anyhow::anyhow!("the reader thread panicked"))?;
    } else {
        let mut items = dyad_read::read_inputs(&args.inputs);
        loop {
            let t = Instant::now();
            let batch: Vec<Item> = items.by_ref().take(batch_size).collect();
            reading += t.elapsed();
            if batch.is_empty() {
                break;
            }
            total.add(run_batch(&pool, batch, args.read_only));
        }
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let mb = total.bytes as f64 / 1e6;
    let mode = match (args.read_only, args.overlap) {
        (true, _) => "read only",
        (false, true) => "read (own thread) + clean + split",
        (false, false) => "read + clean + split",
    };
    println!(
        "{mode}: {} worker thread(s), batches of {batch_size}",
        args.threads.max(1)
    );
    println!(
        "{} articles ({} skipped by the reader, {} refused by the cleaner), {:.1} MB of raw text",
        total.articles, total.skipped, total.clean_failed, mb
    );
    println!("{} sentences, {} tokens", total.sentences, total.tokens);
    println!(
        "{:.2} s: {:.1} MB/s, {:.0} articles/s, {:.0} sentences/s (driving thread reading or waiting: {:.2} s)",
        secs,
        mb / secs,
        total.articles as f64 / secs,
        total.sentences as f64 / secs,
        reading.as_secs_f64()
    );
    Ok(())
}
