//! The embedded store of runs, documents, events and quotes, and dyadic timelines.
//!
//! A store is one SQLite file in WAL mode. Each run gets a row in `runs` (settings, start,
//! end, counts); documents, events and quotes are added one transaction per batch, so a run
//! killed part-way leaves whole batches only, and running it again completes it.
//!
//! Document identity is its id plus a content hash of the cleaned text and metadata: a
//! document already stored with the same hash is left as it is (nothing is added twice); one
//! stored with a different hash has its row, events and quotes replaced.

pub mod plot;
pub mod sink;
pub mod timeline;

use std::path::{Path, PathBuf};

use dyad_out::{DocumentRecord, EventRecord, QuoteRecord, Rows};
use rusqlite::{params, Connection, OptionalExtension};

pub use timeline::{ActorSpec, Aliases, Period, TimelineQuery, TimelineRow};

/// A store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// The store's directory could not be created.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A stored JSON column could not be read back.
    #[error("{path}: bad JSON in column {column}: {source}")]
    Json {
        path: PathBuf,
        column: &'static str,
        source: serde_json::Error,
    },
    /// A timeline query was malformed (unknown period, bad date, empty actor).
    #[error("{0}")]
    Query(String),
    /// A plot could not be drawn.
    #[error("plot {path}: {message}")]
    Plot { path: PathBuf, message: String },
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS runs (
    run        INTEGER PRIMARY KEY,
    started    TEXT NOT NULL,
    finished   TEXT,
    status     TEXT NOT NULL DEFAULT 'running',
    settings   TEXT NOT NULL,
    documents  INTEGER NOT NULL DEFAULT 0,
    added      INTEGER NOT NULL DEFAULT 0,
    replaced   INTEGER NOT NULL DEFAULT 0,
    unchanged  INTEGER NOT NULL DEFAULT 0,
    events     INTEGER NOT NULL DEFAULT 0,
    quotes     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS documents (
    doc        TEXT PRIMARY KEY,
    hash       TEXT NOT NULL,
    run        INTEGER NOT NULL,
    status     TEXT NOT NULL,
    reason     TEXT,
    headline   TEXT,
    pub_date   TEXT,
    dateline   TEXT,
    source     TEXT,
    url        TEXT,
    origin     TEXT NOT NULL,
    encoding   TEXT,
    text       TEXT,
    sentences  INTEGER NOT NULL,
    events     INTEGER NOT NULL,
    quotes     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    event          TEXT PRIMARY KEY,
    doc            TEXT NOT NULL,
    run            INTEGER NOT NULL,
    date           TEXT,
    date_precision TEXT,
    source         TEXT NOT NULL,
    target         TEXT,
    code           TEXT NOT NULL,
    root           TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    plover         TEXT,
    plover_mode    TEXT,
    issues         TEXT NOT NULL,
    sentence       INTEGER NOT NULL,
    start          INTEGER NOT NULL,
    \"end\"        INTEGER NOT NULL,
    text           TEXT NOT NULL,
    rule           TEXT NOT NULL,
    location       TEXT,
    source_name    TEXT,
    target_name    TEXT
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source, target);
CREATE TABLE IF NOT EXISTS quotes (
    quote        TEXT PRIMARY KEY,
    doc          TEXT NOT NULL,
    run          INTEGER NOT NULL,
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    \"end\"      INTEGER NOT NULL,
    speaker      TEXT,
    speaker_code TEXT,
    fragment     INTEGER NOT NULL,
    rule         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc);
-- One event per (date, source, target, code) with its supporting reports, as Phoenix-style
-- data does it; undated events are never merged.
CREATE VIEW IF NOT EXISTS events_one_a_day AS
    SELECT MIN(event) AS event, date, source, target, code, MIN(root) AS root,
           MIN(quad_class) AS quad_class, MIN(goldstein) AS goldstein,
           COUNT(*) AS reports, group_concat(event, ';') AS evidence
    FROM events WHERE date IS NOT NULL
    GROUP BY date, source, target, code
    UNION ALL
    SELECT event, date, source, target, code, root, quad_class, goldstein, 1, event
    FROM events WHERE date IS NULL;
";

/// The settings of a run, recorded in `runs.settings` as JSON.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunSettings {
    pub inputs: Vec<String>,
    pub out: String,
    pub formats: Vec<String>,
    pub one_a_day: bool,
    pub dicts: Vec<String>,
    pub threads: Option<usize>,
    pub version: String,
}

impl RunSettings {
    fn to_json(&self) -> String {
        serde_json::json!({
            "inputs": self.inputs,
            "out": self.out,
            "formats": self.formats,
            "one_a_day": self.one_a_day,
            "dicts": self.dicts,
            "threads": self.threads,
            "version": self.version,
        })
        .to_string()
    }
}

/// What one batch (or a whole run) did to the store.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AddStats {
    /// Documents not in the store before.
    pub added: usize,
    /// Documents in the store with a different content hash: rows replaced.
    pub replaced: usize,
    /// Documents in the store with the same content hash: left as they were.
    pub unchanged: usize,
    /// Events written.
    pub events: usize,
    /// Quotes written.
    pub quotes: usize,
}

impl AddStats {
    fn add(&mut self, o: AddStats) {
        self.added += o.added;
        self.replaced += o.replaced;
        self.unchanged += o.unchanged;
        self.events += o.events;
        self.quotes += o.quotes;
    }

    /// Documents seen.
    pub fn documents(&self) -> usize {
        self.added + self.replaced + self.unchanged
    }
}

/// A row of the `runs` table.
#[derive(Clone, Debug, PartialEq)]
pub struct RunInfo {
    pub run: i64,
    pub started: String,
    pub finished: Option<String>,
    pub status: String,
    pub settings: serde_json::Value,
    pub stats: AddStats,
}

/// An open store.
pub struct Store {
    path: PathBuf,
    conn: Connection,
}

/// FNV-1a, 64 bits: a stable, dependency-free content hash. It detects changed documents; it
/// is not meant to resist deliberate collisions.
fn fnv1a(parts: &[Option<&str>]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        // A tag per part keeps ("ab", None) and ("a", "b") apart.
        let bytes: &[u8] = match part {
            Some(s) => s.as_bytes(),
            None => b"\x00null",
        };
        for &b in bytes.iter().chain(b"\x1f") {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The content hash of a document row: cleaned text and metadata (not its origin path, so a
/// moved file is still the same document).
pub fn document_hash(d: &DocumentRecord) -> String {
    fnv1a(&[
        Some(&d.status),
        d.reason.as_deref(),
        d.headline.as_deref(),
        d.pub_date.as_deref(),
        d.dateline.as_deref(),
        d.source.as_deref(),
        d.url.as_deref(),
        d.text.as_deref(),
    ])
}

fn now_utc() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

impl Store {
    /// Opens (creating if needed) the store at `path`, in WAL mode.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        })?;
        let store = Store {
            path: path.to_path_buf(),
            conn,
        };
        // WAL: readers (timelines) do not block the writer; synchronous=NORMAL is durable
        // across a killed process (only an OS crash may lose the last transactions).
        store
            .conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| store.err(e))?;
        store
            .conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| store.err(e))?;
        // A 64 MB page cache keeps the indexes of a large run in memory while it is written.
        store
            .conn
            .pragma_update(None, "cache_size", -65_536)
            .map_err(|e| store.err(e))?;
        store
            .conn
            .busy_timeout(std::time::Duration::from_secs(30))
            .map_err(|e| store.err(e))?;
        store.conn.execute_batch(SCHEMA).map_err(|e| store.err(e))?;
        Ok(store)
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records the start of a run and returns its id.
    pub fn begin_run(&mut self, settings: &RunSettings) -> Result<i64, StoreError> {
        self.conn
            .execute(
                "INSERT INTO runs (started, settings) VALUES (?1, ?2)",
                params![now_utc(), settings.to_json()],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records the end of a run.
    pub fn finish_run(&mut self, run: i64) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE runs SET finished = ?1, status = 'finished' WHERE run = ?2",
                params![now_utc(), run],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Adds one batch of documents' rows in one transaction, and adds its counts to the
    /// run's row in the same transaction (so the counts survive a kill exactly as the rows).
    pub fn add_batch(&mut self, run: i64, batch: &[Rows]) -> Result<AddStats, StoreError> {
        let path = self.path.clone();
        let err = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(err)?;
        let mut stats = AddStats::default();
        {
            let mut find = tx
                .prepare_cached("SELECT hash FROM documents WHERE doc = ?1")
                .map_err(err)?;
            let mut del_events = tx
                .prepare_cached("DELETE FROM events WHERE doc = ?1")
                .map_err(err)?;
            let mut del_quotes = tx
                .prepare_cached("DELETE FROM quotes WHERE doc = ?1")
                .map_err(err)?;
            let mut put_doc = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO documents (doc, hash, run, status, reason, headline,
                     pub_date, dateline, source, url, origin, encoding, text, sentences, events,
                     quotes) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)",
                )
                .map_err(err)?;
            let mut put_event = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO events (event, doc, run, date, date_precision, source,
                     target, code, root, quad_class, goldstein, plover, plover_mode, issues,
                     sentence, start, \"end\", text, rule, location, source_name, target_name)
                     VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,
                     ?20,?21,?22)",
                )
                .map_err(err)?;
            let mut put_quote = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO quotes (quote, doc, run, text, start, \"end\", speaker,
                     speaker_code, fragment, rule) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
                )
                .map_err(err)?;
            for rows in batch {
                let d = &rows.document;
                let hash = document_hash(d);
                let old: Option<String> = find
                    .query_row([&d.doc], |r| r.get(0))
                    .optional()
                    .map_err(err)?;
                match old {
                    Some(h) if h == hash => {
                        stats.unchanged += 1;
                        continue;
                    }
                    Some(_) => {
                        stats.replaced += 1;
                        del_events.execute([&d.doc]).map_err(err)?;
                        del_quotes.execute([&d.doc]).map_err(err)?;
                    }
                    None => stats.added += 1,
                }
                put_doc
                    .execute(params![
                        d.doc,
                        hash,
                        run,
                        d.status,
                        d.reason,
                        d.headline,
                        d.pub_date,
                        d.dateline,
                        d.source,
                        d.url,
                        d.origin,
                        d.encoding,
                        d.text,
                        d.sentences as i64,
                        d.events as i64,
                        d.quotes as i64,
                    ])
                    .map_err(err)?;
                for e in &rows.events {
                    let issues = serde_json::to_string(&e.issues).unwrap_or_else(|_| "[]".into());
                    let location = e
                        .location
                        .as_ref()
                        .and_then(|l| serde_json::to_string(l).ok());
                    put_event
                        .execute(params![
                            e.event,
                            e.doc,
                            run,
                            e.date,
                            e.date_precision,
                            e.source,
                            e.target,
                            e.code,
                            e.root,
                            e.quad_class,
                            f64::from(e.goldstein),
                            e.plover,
                            e.plover_mode,
                            issues,
                            e.sentence,
                            e.start,
                            e.end,
                            e.text,
                            e.rule,
                            location,
                            e.source_name,
                            e.target_name,
                        ])
                        .map_err(err)?;
                    stats.events += 1;
                }
                for q in &rows.quotes {
                    put_quote
                        .execute(params![
                            q.quote,
                            q.doc,
                            run,
                            q.text,
                            q.start,
                            q.end,
                            q.speaker,
                            q.speaker_code,
                            q.fragment,
                            q.rule,
                        ])
                        .map_err(err)?;
                    stats.quotes += 1;
                }
            }
        }
        tx.execute(
            "UPDATE runs SET documents = documents + ?1, added = added + ?2,
             replaced = replaced + ?3, unchanged = unchanged + ?4, events = events + ?5,
             quotes = quotes + ?6 WHERE run = ?7",
            params![
                stats.documents() as i64,
                stats.added as i64,
                stats.replaced as i64,
                stats.unchanged as i64,
                stats.events as i64,
                stats.quotes as i64,
                run
            ],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(stats)
    }

    /// Every run, oldest first.
    pub fn runs(&self) -> Result<Vec<RunInfo>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT run, started, finished, status, settings, added, replaced, unchanged,
                 events, quotes FROM runs ORDER BY run",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    RunInfo {
                        run: r.get(0)?,
                        started: r.get(1)?,
                        finished: r.get(2)?,
                        status: r.get(3)?,
                        settings: serde_json::Value::Null,
                        stats: AddStats {
                            added: r.get::<_, i64>(5)? as usize,
                            replaced: r.get::<_, i64>(6)? as usize,
                            unchanged: r.get::<_, i64>(7)? as usize,
                            events: r.get::<_, i64>(8)? as usize,
                            quotes: r.get::<_, i64>(9)? as usize,
                        },
                    },
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (mut info, settings) = row.map_err(|e| self.err(e))?;
            info.settings = serde_json::from_str(&settings).map_err(|source| StoreError::Json {
                path: self.path.clone(),
                column: "runs.settings",
                source,
            })?;
            out.push(info);
        }
        Ok(out)
    }

    /// Number of rows in `table` (`documents`, `events` or `quotes`).
    pub fn count(&self, table: Table) -> Result<usize, StoreError> {
        let sql = format!("SELECT COUNT(*) FROM {}", table.name());
        self.conn
            .query_row(&sql, [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    /// Every stored event, ordered by document and position in it.
    pub fn events(&self) -> Result<Vec<EventRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT event, doc, date, date_precision, source, target, code, root, quad_class,
                 goldstein, plover, plover_mode, issues, sentence, start, \"end\", text, rule,
                 location, source_name, target_name FROM events ORDER BY doc, sentence, event",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    EventRecord {
                        event: r.get(0)?,
                        doc: r.get(1)?,
                        date: r.get(2)?,
                        date_precision: r.get(3)?,
                        source: r.get(4)?,
                        target: r.get(5)?,
                        code: r.get(6)?,
                        root: r.get(7)?,
                        quad_class: r.get(8)?,
                        goldstein: r.get::<_, f64>(9)? as f32,
                        plover: r.get(10)?,
                        plover_mode: r.get(11)?,
                        issues: Vec::new(),
                        sentence: r.get(13)?,
                        start: r.get(14)?,
                        end: r.get(15)?,
                        text: r.get(16)?,
                        rule: r.get(17)?,
                        location: None,
                        source_name: r.get(19)?,
                        target_name: r.get(20)?,
                        reports: None,
                        evidence: None,
                    },
                    r.get::<_, String>(12)?,
                    r.get::<_, Option<String>>(18)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (mut e, issues, location) = row.map_err(|e| self.err(e))?;
            e.issues = serde_json::from_str(&issues).map_err(|source| StoreError::Json {
                path: self.path.clone(),
                column: "events.issues",
                source,
            })?;
            if let Some(l) = location {
                e.location = Some(serde_json::from_str(&l).map_err(|source| StoreError::Json {
                    path: self.path.clone(),
                    column: "events.location",
                    source,
                })?);
            }
            out.push(e);
        }
        Ok(out)
    }

    /// Ids of every stored document with its content hash, ordered by id.
    pub fn document_hashes(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT doc, hash FROM documents ORDER BY doc")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// Every stored quote, ordered by id.
    pub fn quotes(&self) -> Result<Vec<QuoteRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT quote, doc, text, start, \"end\", speaker, speaker_code, fragment, rule
                 FROM quotes ORDER BY quote",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(QuoteRecord {
                    quote: r.get(0)?,
                    doc: r.get(1)?,
                    text: r.get(2)?,
                    start: r.get(3)?,
                    end: r.get(4)?,
                    speaker: r.get(5)?,
                    speaker_code: r.get(6)?,
                    fragment: r.get(7)?,
                    rule: r.get(8)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// The underlying connection, for queries this API does not offer.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// The stored tables that hold rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Documents,
    Events,
    Quotes,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Events => "events",
            Table::Quotes => "quotes",
        }
    }
}

/// Totals of several batches.
pub fn sum_stats(all: impl IntoIterator<Item = AddStats>) -> AddStats {
    let mut total = AddStats::default();
    for s in all {
        total.add(s);
    }
    total
}

/// `YYYYMMDDHHMMSS` (UTC) of a Unix time in seconds, as GDELT's DATEADDED writes it.
pub fn gdelt_timestamp(unix_seconds: u64) -> String {
    jiff::Timestamp::from_second(i64::try_from(unix_seconds).unwrap_or(i64::MAX))
        .map(|t| t.strftime("%Y%m%d%H%M%S").to_string())
        .unwrap_or_default()
}
