//! Output writers. [`records`] turns a coded [`Document`] into the contract's rows
//! (documents, events, quotes) with character offsets; the writers put rows into files.

pub mod records;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

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
}

/// A JSON Lines file: one serialised row per line.
pub struct JsonlWriter {
    path: PathBuf,
    out: BufWriter<File>,
}

impl JsonlWriter {
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

    pub fn finish(self) -> Result<(), OutError> {
        self.documents.finish()?;
        self.events.finish()?;
        self.quotes.finish()
    }
}
