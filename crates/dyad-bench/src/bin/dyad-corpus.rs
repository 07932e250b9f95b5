//! `dyad-corpus`: writes a deterministic benchmark corpus of a given size.
//!
//!     dyad-corpus --size-mb 200 --format jsonl.gz --out bench-corpus/200mb.jsonl.gz
//!     dyad-corpus --size-mb 10 --format dir --out bench-corpus/10mb/

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Parser;
use dyad_bench::{article, Material};

#[derive(Parser, Debug)]
struct Args {
    /// Approximate size of the raw text in MB (10^6 bytes).
    #[arg(long)]
    size_mb: f64,
    /// `jsonl.gz`, `jsonl`, or `dir` (a directory of alternating .txt and .html files).
    #[arg(long, default_value = "jsonl.gz")]
    format: String,
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// The reference-data directory (optional: the corpus is smaller-vocabulary without it).
    #[arg(long, default_value = "../shared")]
    shared: PathBuf,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let material = Material::gather(&repo, &args.shared);
    eprintln!(
        "dyad-corpus: material: {} sentences, {} datelines, {} speakers, {} furniture lines",
        material.sentences.len(),
        material.datelines.len(),
        material.speakers.len(),
        material.furniture.len()
    );
    let target = (args.size_mb * 1e6) as u64;
    let mut written = 0u64;
    let mut n = 0u64;
    match args.format.as_str() {
        "dir" => {
            std::fs::create_dir_all(&args.out).with_context(|| args.out.display().to_string())?;
            while written < target {
                let a = article(&material, args.seed, n);
                let (name, body) = if n.is_multiple_of(2) {
                    (format!("{}.txt", a.id), a.to_text())
                } else {
                    (format!("{}.html", a.id), a.to_html())
                };
                let sub = args.out.join(format!("{:04}", n / 1000));
                std::fs::create_dir_all(&sub)?;
                std::fs::write(sub.join(name), &body)?;
                written += body.len() as u64;
                n += 1;
            }
        }
        "jsonl" | "jsonl.gz" => {
            if let Some(parent) = args.out.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let file =
                std::fs::File::create(&args.out).with_context(|| args.out.display().to_string())?;
            let mut w: Box<dyn Write> = if args.format == "jsonl.gz" {
                Box::new(flate2::write::GzEncoder::new(
                    std::io::BufWriter::new(file),
                    flate2::Compression::fast(),
                ))
            } else {
                Box::new(std::io::BufWriter::new(file))
            };
            while written < target {
                let a = article(&material, args.seed, n);
                let line = a.to_jsonl();
                w.write_all(line.as_bytes())?;
                w.write_all(b"\n")?;
                written += a.to_text().len() as u64;
                n += 1;
            }
            w.flush()?;
        }
        other => anyhow::bail!("unknown format {other:?}: use jsonl.gz, jsonl or dir"),
    }
    eprintln!(
        "dyad-corpus: wrote {n} articles, {:.1} MB of text to {}",
        written as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}
