//! Output writers. [`records`] turns a coded [`Document`] into the contract's rows
//! (documents, events, quotes) with character offsets; the writers put rows into files:
//! the contract's JSONL (always), a GDELT 2.0-style CSV ([`gdelt`]), PETRARCH2 event lines
//! ([`petrarch`]) and Parquet ([`columnar`]). [`Outputs`] drives them together and applies
//! one-a-day duplicate suppression ([`oneaday`]) when asked.
//!
//! [`Document`]: dyad_doc::Document

pub mod columnar;
pub mod gdelt;
pub mod oneaday;
pub mod outputs;
pub mod petrarch;
pub mod records;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub use outputs::{DocContext, Format, OutputOptions, OutputStats, Outputs};
pub use records::{DocumentRecord, EventRecord, QuoteRecord, Rows};

/// An output file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{path}: {source}")]
    Csv { path: PathBuf, source: csv::Error },
    #[error("{path}: {source}")]
    Parquet {
        path: PathBuf,
        source: parquet::errors::ParquetError,
    },
    #[error("{path}: {source}")]
    Arrow {
        path: PathBuf,
        source: arrow_schema::ArrowError,
    },
    /// A `--format` name that is not one of the known formats.
    #[error("unknown output format {0:?} (known: jsonl, csv, parquet, petrarch)")]
    UnknownFormat(String),
}

/// A JSON Lines file: one serialised row per line.
pub struct JsonlWriter {
    path: PathBuf,
    out: BufWriter<File>,
}

impl JsonlWriter {
    /// Creates (truncates) the file.
    pub fn create(path: &Path) -> Result<JsonlWriter, OutError> {
        let file = File::create(path).map_err(|source| OutError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(JsonlWriter {
            path: path.to_path_buf(),
            out: BufWriter::with_capacity(1 << 20, file),
        })
    }

    /// Writes one row as a line.
    pub fn write<T: serde::Serialize>(&mut self, row: &T) -> Result<(), OutError> {
        serde_json::to_writer(&mut self.out, row).map_err(|source| OutError::Json {
            path: self.path.clone(),
            source,
        })?;
        self.out.write_all(b"\n").map_err(|source| OutError::Io {
            path: self.path.clone(),
            source,
        })
    }

    /// Flushes the file.
    pub fn finish(mut self) -> Result<(), OutError> {
        self.out.flush().map_err(|source| OutError::Io {
            path: self.path,
            source,
        })
    }
}

/// The three JSONL files of the contract in one output directory.
pub struct ContractFiles {
    documents: JsonlWriter,
    events: JsonlWriter,
    quotes: JsonlWriter,
}

impl ContractFiles {
    /// Creates `documents.jsonl`, `events.jsonl` and `quotes.jsonl` in `dir` (created if needed).
    pub fn create(dir: &Path) -> Result<ContractFiles, OutError> {
        std::fs::create_dir_all(dir).map_err(|source| OutError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        Ok(ContractFiles {
            documents: JsonlWriter::create(&dir.join("documents.jsonl"))?,
            events: JsonlWriter::create(&dir.join("events.jsonl"))?,
            quotes: JsonlWriter::create(&dir.join("quotes.jsonl"))?,
        })
    }

    /// Writes all rows of one document.
    pub fn write(&mut self, rows: &Rows) -> Result<(), OutError> {
        self.documents.write(&rows.document)?;
        for e in &rows.events {
            self.events.write(e)?;
        }
        for q in &rows.quotes {
            self.quotes.write(q)?;
        }
        Ok(())
    }

    /// Writes one document row.
    pub fn write_document(&mut self, d: &DocumentRecord) -> Result<(), OutError> {
        self.documents.write(d)
    }

    /// Writes one event row.
    pub fn write_event(&mut self, e: &EventRecord) -> Result<(), OutError> {
        self.events.write(e)
    }

    /// Writes one quote row.
    pub fn write_quote(&mut self, q: &QuoteRecord) -> Result<(), OutError> {
        self.quotes.write(q)
    }

    /// Flushes the three files.
    pub fn finish(self) -> Result<(), OutError> {
        self.documents.finish()?;
        self.events.finish()?;
        self.quotes.finish()
    }
}
