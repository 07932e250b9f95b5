//! Events as PETRARCH2 writes them: one tab-separated line per event,
//! `date  source  target  code  issues  ids  [url]  story-source`.
//!
//! As in PETRARCH2, the date is `YYYYMMDD`, issues are `ISSUE,count` joined by `;` (the field
//! is empty when there are none), ids are the supporting event ids joined by `;`, and the URL
//! column is present only when the story has a URL.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::gdelt::{row_date, ymd};
use crate::records::EventRecord;
use crate::{DocContext, OutError};

/// Writes PETRARCH2-style event lines.
pub struct PetrarchWriter {
    path: PathBuf,
    out: BufWriter<File>,
}

impl PetrarchWriter {
    /// Creates the file.
    pub fn create(path: &Path) -> Result<PetrarchWriter, OutError> {
        let file = File::create(path).map_err(|source| OutError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(PetrarchWriter {
            path: path.to_path_buf(),
            out: BufWriter::with_capacity(1 << 20, file),
        })
    }

    /// Writes one event line.
    pub fn write(&mut self, e: &EventRecord, ctx: &DocContext) -> Result<(), OutError> {
        let line = petrarch_line(e, ctx);
        self.out
            .write_all(line.as_bytes())
            .and_then(|()| self.out.write_all(b"\n"))
            .map_err(|source| OutError::Io {
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

/// Tabs and line breaks inside a field would break the line format.
fn field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// One PETRARCH2 event line (without the line break).
pub fn petrarch_line(e: &EventRecord, ctx: &DocContext) -> String {
    let date = row_date(e, ctx)
        .and_then(ymd)
        .map(|(y, m, d)| format!("{y:04}{m:02}{d:02}"))
        .unwrap_or_default();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for issue in &e.issues {
        *counts.entry(issue.as_str()).or_default() += 1;
    }
    let issues: Vec<String> = counts
        .iter()
        .map(|(k, v)| format!("{},{v}", field(k)))
        .collect();
    let ids = match &e.evidence {
        Some(ids) => ids.join(";"),
        None => e.event.clone(),
    };
    let mut cols = vec![
        date,
        field(&e.source),
        field(e.target.as_deref().unwrap_or_default()),
        field(&e.code),
        issues.join(";"),
        field(&ids),
    ];
    if let Some(url) = ctx.url.as_deref().filter(|u| !u.is_empty()) {
        cols.push(field(url));
    }
    cols.push(field(ctx.source.as_deref().unwrap_or_default()));
    cols.join("\t")
}
