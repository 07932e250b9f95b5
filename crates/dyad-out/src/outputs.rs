//! All output files of a run, driven together.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::columnar::ParquetFiles;
use crate::gdelt::GdeltCsvWriter;
use crate::oneaday::OneADay;
use crate::petrarch::PetrarchWriter;
use crate::records::{DocumentRecord, Rows};
use crate::{ContractFiles, OutError};

/// An output format of `dyad code --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The contract's `documents.jsonl`, `events.jsonl`, `quotes.jsonl` (always written).
    Jsonl,
    /// `events.csv`: GDELT 2.0 event-table columns.
    Csv,
    /// `events.parquet`, `documents.parquet`, `quotes.parquet`.
    Parquet,
    /// `events.petrarch.txt`: PETRARCH2's tab-separated event lines.
    Petrarch,
}

impl FromStr for Format {
    type Err = OutError;

    fn from_str(s: &str) -> Result<Format, OutError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "jsonl" | "json" => Ok(Format::Jsonl),
            "csv" | "gdelt" => Ok(Format::Csv),
            "parquet" => Ok(Format::Parquet),
            "petrarch" | "petrarch2" | "tsv" => Ok(Format::Petrarch),
            _ => Err(OutError::UnknownFormat(s.to_string())),
        }
    }
}

impl Format {
    /// Parses a comma-separated list such as `jsonl,csv,parquet`.
    pub fn parse_list(list: &str) -> Result<Vec<Format>, OutError> {
        let mut formats = Vec::new();
        for name in list.split(',').filter(|s| !s.trim().is_empty()) {
            let f: Format = name.parse()?;
            if !formats.contains(&f) {
                formats.push(f);
            }
        }
        Ok(formats)
    }

    /// The format's name as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Parquet => "parquet",
            Format::Petrarch => "petrarch",
        }
    }
}

/// The document facts event-only formats need (dates, URL, source).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocContext {
    pub pub_date: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
}

impl DocContext {
    /// The context of a document row.
    pub fn of(d: &DocumentRecord) -> DocContext {
        DocContext {
            pub_date: d.pub_date.clone(),
            url: d.url.clone(),
            source: d.source.clone(),
        }
    }
}

/// How a run's outputs are written.
#[derive(Clone, Debug)]
pub struct OutputOptions {
    /// Formats besides the contract's JSONL (which is always written).
    pub formats: Vec<Format>,
    /// Keep one event per (date, source, target, code); see [`crate::oneaday`].
    pub one_a_day: bool,
    /// The run's start as `YYYYMMDDHHMMSS` (GDELT's DATEADDED).
    pub added: String,
}

/// What a finished run wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutputStats {
    /// Events coded.
    pub events_in: usize,
    /// Event rows written (fewer than `events_in` with one-a-day).
    pub events_out: usize,
    /// Files written.
    pub files: Vec<PathBuf>,
}

/// The open output files of a run.
pub struct Outputs {
    dir: PathBuf,
    contract: ContractFiles,
    csv: Option<GdeltCsvWriter>,
    petrarch: Option<PetrarchWriter>,
    parquet: Option<ParquetFiles>,
    one_a_day: Option<OneADay>,
    events_in: usize,
    events_out: usize,
}

impl Outputs {
    /// Creates every requested file in `dir` (created if needed).
    pub fn create(dir: &Path, options: &OutputOptions) -> Result<Outputs, OutError> {
        let contract = ContractFiles::create(dir)?;
        let has = |f| options.formats.contains(&f);
        Ok(Outputs {
            dir: dir.to_path_buf(),
            contract,
            csv: if has(Format::Csv) {
                Some(GdeltCsvWriter::create(
                    &dir.join("events.csv"),
                    &options.added,
                )?)
            } else {
                None
            },
            petrarch: if has(Format::Petrarch) {
                Some(PetrarchWriter::create(&dir.join("events.petrarch.txt"))?)
            } else {
                None
            },
            parquet: if has(Format::Parquet) {
                Some(ParquetFiles::create(dir)?)
            } else {
                None
            },
            one_a_day: options.one_a_day.then(OneADay::default),
            events_in: 0,
            events_out: 0,
        })
    }

    /// Writes one document's rows (events wait until [`Outputs::finish`] with one-a-day).
    pub fn write(&mut self, rows: &Rows) -> Result<(), OutError> {
        self.contract.write_document(&rows.document)?;
        if let Some(p) = &mut self.parquet {
            p.write_document(&rows.document)?;
        }
        for q in &rows.quotes {
            self.contract.write_quote(q)?;
            if let Some(p) = &mut self.parquet {
                p.write_quote(q)?;
            }
        }
        self.events_in += rows.events.len();
        if rows.events.is_empty() {
            return Ok(());
        }
        let ctx = DocContext::of(&rows.document);
        match &mut self.one_a_day {
            Some(o) => rows.events.iter().for_each(|e| o.add(e, &ctx)),
            None => {
                for e in &rows.events {
                    self.write_event(e, &ctx)?;
                }
            }
        }
        Ok(())
    }

    fn write_event(&mut self, e: &crate::EventRecord, ctx: &DocContext) -> Result<(), OutError> {
        self.events_out += 1;
        self.contract.write_event(e)?;
        if let Some(w) = &mut self.csv {
            w.write(e, ctx)?;
        }
        if let Some(w) = &mut self.petrarch {
            w.write(e, ctx)?;
        }
        if let Some(p) = &mut self.parquet {
            p.write_event(e)?;
        }
        Ok(())
    }

    /// Writes the merged events (with one-a-day) and closes every file.
    pub fn finish(mut self) -> Result<OutputStats, OutError> {
        if let Some(o) = self.one_a_day.take() {
            for (e, ctx) in o.into_events() {
                self.write_event(&e, &ctx)?;
            }
        }
        let mut files: Vec<PathBuf> = ["documents.jsonl", "events.jsonl", "quotes.jsonl"]
            .iter()
            .map(|f| self.dir.join(f))
            .collect();
        self.contract.finish()?;
        if let Some(w) = self.csv {
            w.finish()?;
            files.push(self.dir.join("events.csv"));
        }
        if let Some(w) = self.petrarch {
            w.finish()?;
            files.push(self.dir.join("events.petrarch.txt"));
        }
        if let Some(p) = self.parquet {
            p.finish()?;
            for f in ["events.parquet", "documents.parquet", "quotes.parquet"] {
                files.push(self.dir.join(f));
            }
        }
        Ok(OutputStats {
            events_in: self.events_in,
            events_out: self.events_out,
            files,
        })
    }
}
