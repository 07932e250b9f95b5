//! Readers: turn the user's INPUT arguments into a stream of [`Article`]s, or of [`Skipped`]
//! records naming the file, line and reason when an input cannot be read.
//!
//! An INPUT is a file, a directory (read recursively, entries sorted by name; hidden entries
//! are reported as skipped, not read), or `-` for stdin. Everything streams: files are opened only as the iterator
//! reaches them, JSONL and PETRARCH XML are read record by record, and only one document
//! (capped at [`ReadOptions::max_document_bytes`]) or one line (capped at
//! [`ReadOptions::max_line_bytes`]) is held at a time.
//!
//! Formats are recognised by content first and extension second (see `sniff`): plain text,
//! HTML, JSONL, PETRARCH XML, and (beyond the contract) a `.json` document holding an array of
//! article objects or one pretty-printed object (read whole, up to the document limit), each
//! possibly gzip-compressed (found by magic bytes, not by `.gz`). A UTF-8 BOM is dropped;
//! UTF-16 (with a BOM, or recognised by its NUL bytes) is transcoded for every format. Text
//! and HTML are then decoded by UTF-8 validity, an HTML `<meta charset>`, or statistical
//! detection (chardetng on a sample); PETRARCH XML honours its XML declaration; JSONL must be
//! UTF-8. The decision is recorded in [`Article::encoding`]. Every problem becomes a
//! [`Skipped`] item, never a panic and never a silent loss.

mod date;
mod decode;
mod jsonl;
pub mod petrarch;
mod sniff;
mod stream;

use std::collections::HashSet;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use dyad_doc::{Article, Body, Origin};

pub use date::parse_date;

/// One item of the input stream: an article to code, or an input accounted for as skipped.
#[derive(Debug)]
pub enum Item {
    /// A decoded input document, ready for cleaning.
    Article(Box<Article>),
    /// An input document (or file) that could not be read, and why.
    Skipped(Skipped),
}

/// An input document that could not be read, with the reason naming file and line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The document id it would have had (`file:line` for a JSONL line without a usable id).
    pub id: String,
    /// The file as the user named it (`-` for stdin), and the line where there is one.
    pub origin: Origin,
    /// A short, stable category for the run summary: `unreadable`, `binary`, `empty`,
    /// `too-large`, `invalid-utf8`, `malformed-jsonl`, `malformed-json`, `missing-text`, `malformed-xml`,
    /// `truncated-gzip`, `corrupt-gzip`, `hidden-file`, `hidden-directory`.
    pub kind: String,
    /// The full message, starting with `file` or `file:line`.
    pub reason: String,
}

/// Limits that keep memory bounded on hostile inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// The longest JSONL line read; longer lines are skipped (`too-large`) without being held.
    pub max_line_bytes: usize,
    /// The largest text or HTML document read (`too-large` beyond it).
    pub max_document_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_line_bytes: 64 << 20,
            max_document_bytes: 64 << 20,
        }
    }
}

/// Reads every INPUT (a file, a directory read recursively, or `-` for stdin) lazily, in a
/// stable order (directories sorted by path), with the default [`ReadOptions`].
pub fn read_inputs(inputs: &[PathBuf]) -> impl Iterator<Item = Item> + Send {
    read_inputs_with(inputs, ReadOptions::default())
}

/// Reads every INPUT lazily, as [`read_inputs`], with the given limits.
pub fn read_inputs_with(inputs: &[PathBuf], options: ReadOptions) -> Inputs {
    let stack = inputs
        .iter()
        .rev()
        .map(|path| {
            if path.as_os_str() == "-" {
                Task::Stdin
            } else {
                Task::Path {
                    path: path.clone(),
                    id: String::new(),
                    top: true,
                }
            }
        })
        .collect();
    Inputs {
        options,
        stack,
        current: None,
        seen_dirs: HashSet::new(),
    }
}

/// Work still to do, last first.
enum Task {
    Stdin,
    /// A path; `id` is its path relative to the INPUT argument (empty for the INPUT itself).
    Path {
        path: PathBuf,
        id: String,
        top: bool,
    },
    /// A problem found while listing a directory, reported in its place in the order.
    Report(Skipped),
}

/// A multi-record file being read.
enum Current {
    /// Items already made (the elements of a JSON array).
    Queue(std::collections::VecDeque<Item>),
    Jsonl(jsonl::JsonlStream),
    Petrarch(Box<petrarch::PetrarchStream>),
}

/// The stream of [`Item`]s returned by [`read_inputs_with`].
pub struct Inputs {
    options: ReadOptions,
    stack: Vec<Task>,
    current: Option<Current>,
    /// Canonical directories already walked, so symlink loops end.
    seen_dirs: HashSet<PathBuf>,
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(current) = &mut self.current {
                let item = match current {
                    Current::Queue(q) => q.pop_front(),
                    Current::Jsonl(s) => s.next_item(),
                    Current::Petrarch(s) => s.next_item(),
                };
                if item.is_some() {
                    return item;
                }
                self.current = None;
            }
            let item = match self.stack.pop()? {
                Task::Stdin => self.open_source(Box::new(std::io::stdin()), "-", "-".into(), "-"),
                Task::Path { path, id, top } => self.visit(&path, id, top),
                Task::Report(skipped) => Some(Item::Skipped(skipped)),
            };
            if item.is_some() {
                return item;
            }
        }
    }
}

fn skipped(id: String, path: &str, kind: &str, what: impl std::fmt::Display) -> Item {
    Item::Skipped(Skipped {
        id,
        origin: Origin {
            path: path.to_string(),
            line: None,
        },
        kind: kind.to_string(),
        reason: format!("{path}: {what}"),
    })
}

/// A hidden entry met while walking a directory, accounted for but not read.
///
/// Names starting with `.` inside an INPUT directory are never content in a scrape dump:
/// `.DS_Store`, `.git`, editor swap files, a crawler's `.state`. Reading them would turn
/// version-control objects or binary metadata into "articles" (garbage events) or into a flood
/// of `binary` skips, one per file of a `.git` tree. Silently dropping them broke the rule that
/// every input the reader sees is accounted for, so each hidden entry gets exactly one
/// `documents.jsonl` row: a hidden file is `hidden-file`, a hidden directory is one
/// `hidden-directory` row and is not walked. A user who wants one read names it as an INPUT
/// (a hidden INPUT argument is read like any other).
fn hidden_entry(id: String, path: &Path) -> Skipped {
    let display = path.display().to_string();
    let (kind, what) = if path.is_dir() {
        (
            "hidden-directory",
            "hidden directory, not read (name it as an INPUT to read it)",
        )
    } else {
        (
            "hidden-file",
            "hidden file, not read (name it as an INPUT to read it)",
        )
    };
    Skipped {
        id,
        origin: Origin {
            path: display.clone(),
            line: None,
        },
        kind: kind.to_string(),
        reason: format!("{display}: {what}"),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

impl Inputs {
    /// Starts on a path: lists a directory onto the stack, or opens a file.
    fn visit(&mut self, path: &Path, id: String, top: bool) -> Option<Item> {
        let display = path.display().to_string();
        // A top-level file's id is its name; below a directory, the relative path.
        let doc_id = if top { file_name(path) } else { id.clone() };
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                return Some(skipped(
                    doc_id,
                    &display,
                    "unreadable",
                    format!("cannot read: {e}"),
                ))
            }
        };
        if meta.is_dir() {
            if let Ok(canonical) = path.canonicalize() {
                if !self.seen_dirs.insert(canonical) {
                    return None;
                }
            }
            let listing = match std::fs::read_dir(path) {
                Ok(l) => l,
                Err(e) => {
                    return Some(skipped(
                        doc_id,
                        &display,
                        "unreadable",
                        format!("cannot list directory: {e}"),
                    ))
                }
            };
            let mut children = Vec::new();
            for entry in listing {
                match entry {
                    Ok(entry) => {
                        let name = entry.file_name().to_string_lossy().into_owned();
                        children.push((entry.file_name(), name, entry.path()));
                    }
                    Err(e) => {
                        if let Item::Skipped(s) = skipped(
                            doc_id.clone(),
                            &display,
                            "unreadable",
                            format!("cannot list directory entry: {e}"),
                        ) {
                            self.stack.push(Task::Report(s));
                        }
                    }
                }
            }
            children.sort_by(|a, b| a.0.cmp(&b.0));
            for (_, name, child) in children.into_iter().rev() {
                let hidden = name.starts_with('.');
                let child_id = if id.is_empty() {
                    name
                } else {
                    format!("{id}/{name}")
                };
                if hidden {
                    self.stack
                        .push(Task::Report(hidden_entry(child_id, &child)));
                    continue;
                }
                self.stack.push(Task::Path {
                    path: child,
                    id: child_id,
                    top: false,
                });
            }
            return None;
        }
        if !top && !meta.is_file() {
            return Some(skipped(
                doc_id,
                &display,
                "unreadable",
                "not a regular file",
            ));
        }
        match std::fs::File::open(path) {
            Ok(file) => {
                let name = file_name(path);
                self.open_source(Box::new(file), &name, doc_id, &display)
            }
            Err(e) => Some(skipped(
                doc_id,
                &display,
                "unreadable",
                format!("cannot open: {e}"),
            )),
        }
    }

    /// Opens a byte source and either reads it as one document or starts a record stream.
    fn open_source(
        &mut self,
        raw: Box<dyn Read + Send>,
        name: &str,
        id: String,
        display: &str,
    ) -> Option<Item> {
        let opened = match stream::open(raw) {
            Ok(o) => o,
            Err(e) => {
                return Some(skipped(
                    id,
                    display,
                    "unreadable",
                    format!("cannot read: {e}"),
                ))
            }
        };
        if opened.head.is_empty() {
            let gzip = opened.gzip;
            return Some(match opened.into_reader().fill_buf() {
                Err(e) => {
                    let (kind, what) = stream::classify(&e, gzip);
                    skipped(id, display, kind, format!("{what} before any content"))
                }
                Ok(_) => skipped(id, display, "empty", "empty file"),
            });
        }
        if sniff::looks_binary(&opened.head) || sniff::container(&opened.head).is_some() {
            return Some(skipped(
                id,
                display,
                "binary",
                match sniff::container(&opened.head) {
                    Some(what) => format!("binary file ({what}), not text"),
                    None => "binary file (NUL or control bytes), not text".to_string(),
                },
            ));
        }
        let format = sniff::detect(name, &opened.head);
        match format {
            sniff::Format::Jsonl => {
                let max = self.options.max_line_bytes;
                let s = jsonl::JsonlStream::new(opened, id, display.to_string(), max);
                self.current = Some(Current::Jsonl(s));
                None
            }
            sniff::Format::Petrarch => {
                let (opened, encoding) = petrarch::apply_declared_encoding(opened);
                let s = petrarch::PetrarchStream::new(opened, id, display.to_string(), encoding);
                self.current = Some(Current::Petrarch(Box::new(s)));
                None
            }
            sniff::Format::JsonDocument => {
                let bom = opened.bom;
                let bytes = match self.read_capped(opened, &id, display) {
                    Ok(bytes) => bytes,
                    Err(skip) => return Some(skip),
                };
                let encoding = bom.label().unwrap_or("utf-8");
                let items = jsonl::json_document(&bytes, display, &id, encoding);
                self.current = Some(Current::Queue(items.into()));
                None
            }
            sniff::Format::Text | sniff::Format::Html => {
                Some(self.whole_document(opened, format == sniff::Format::Html, id, display))
            }
        }
    }

    /// Reads a whole file, up to the document size limit; a broken or oversized stream gives
    /// the skip that says so.
    fn read_capped(
        &self,
        opened: stream::Opened,
        id: &str,
        display: &str,
    ) -> Result<Vec<u8>, Item> {
        let cap = self.options.max_document_bytes;
        let gzip = opened.gzip;
        let mut bytes = Vec::new();
        let mut reader = opened.into_reader().take(cap as u64 + 1);
        if let Err(e) = reader.read_to_end(&mut bytes) {
            let line = memchr::memchr_iter(b'\n', &bytes).count() + 1;
            let (kind, what) = stream::classify(&e, gzip);
            return Err(Item::Skipped(Skipped {
                id: id.to_string(),
                origin: Origin {
                    path: display.to_string(),
                    line: Some(line as u64),
                },
                kind: kind.to_string(),
                reason: format!("{display}:{line}: {what}; the document is incomplete"),
            }));
        }
        if bytes.len() > cap {
            return Err(skipped(
                id.to_string(),
                display,
                "too-large",
                format!("document exceeds the {cap}-byte limit"),
            ));
        }
        Ok(bytes)
    }

    /// Reads a text or HTML file as one document.
    fn whole_document(
        &self,
        opened: stream::Opened,
        html: bool,
        id: String,
        display: &str,
    ) -> Item {
        let bom = opened.bom;
        let bytes = match self.read_capped(opened, &id, display) {
            Ok(bytes) => bytes,
            Err(skip) => return skip,
        };
        let (text, encoding) = decode::decode(bytes, bom, html);
        if text.trim().is_empty() {
            return skipped(id, display, "empty", "empty document (whitespace only)");
        }
        let body = if html {
            Body::Html(text)
        } else {
            Body::Text(text)
        };
        let mut article = Article::new(
            id,
            Origin {
                path: display.to_string(),
                line: None,
            },
            body,
        );
        article.encoding = encoding;
        Item::Article(Box::new(article))
    }
}

#[cfg(test)]
mod tests;
