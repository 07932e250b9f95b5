//! JSONL inputs: one article per line, read line by line with a length cap.

use dyad_doc::{Article, Body, Origin};
use serde_json::{Map, Value};

use crate::stream::{self, Line, Opened, Source};
use crate::{date, Item, Skipped};

/// The fields dyad interprets; every other field is kept in `Article::extra`.
const KNOWN: &[&str] = &[
    "id", "text", "html", "title", "date", "url", "source", "parse",
];

/// Where a JSON record sits, for its default id, its origin and its reasons.
pub(crate) struct Place<'a> {
    /// The file as the user named it.
    pub path: &'a str,
    /// The id when the record has none (`file:line`, `file#element`).
    pub default_id: String,
    /// The line, for line-oriented inputs.
    pub line: Option<u64>,
    /// How reasons start (`file:line`, `file: element N`).
    pub prefix: String,
    /// How the bytes were decoded.
    pub encoding: &'a str,
}

impl Place<'_> {
    pub(crate) fn origin(&self) -> Origin {
        Origin {
            path: self.path.to_string(),
            line: self.line,
        }
    }

    pub(crate) fn skip(&self, id: Option<String>, kind: &str, what: String) -> Item {
        Item::Skipped(Skipped {
            id: id.unwrap_or_else(|| self.default_id.clone()),
            origin: self.origin(),
            kind: kind.to_string(),
            reason: format!("{}: {what}", self.prefix),
        })
    }
}

/// A JSONL file being read, one line per `next` call.
pub(crate) struct JsonlStream {
    reader: Source,
    gzip: bool,
    encoding: &'static str,
    /// The file's document id (relative path), the base of `id:line` ids.
    file_id: String,
    /// The file as the user named it, for origins and reasons.
    path: String,
    line: u64,
    buf: Vec<u8>,
    max_line: usize,
    produced: bool,
    done: bool,
}

impl JsonlStream {
    pub(crate) fn new(opened: Opened, file_id: String, path: String, max_line: usize) -> Self {
        let gzip = opened.gzip;
        let encoding = opened.bom.label().unwrap_or("utf-8");
        JsonlStream {
            reader: opened.into_reader(),
            gzip,
            encoding,
            file_id,
            path,
            line: 0,
            buf: Vec::new(),
            max_line,
            produced: false,
            done: false,
        }
    }

    /// The current line as a place for ids, origins and reasons.
    fn place(&self) -> Place<'_> {
        Place {
            path: &self.path,
            default_id: format!("{}:{}", self.file_id, self.line),
            line: Some(self.line),
            prefix: format!("{}:{}", self.path, self.line),
            encoding: self.encoding,
        }
    }

    fn skip(&self, id: Option<String>, kind: &str, what: String) -> Item {
        self.place().skip(id, kind, what)
    }

    /// The next article or skipped line; `None` at the end of the file.
    pub(crate) fn next_item(&mut self) -> Option<Item> {
        while !self.done {
            match stream::read_line_capped(&mut *self.reader, &mut self.buf, self.max_line) {
                Ok(Line::Eof) => {
                    self.done = true;
                    if !self.produced {
                        return Some(Item::Skipped(Skipped {
                            id: self.file_id.clone(),
                            origin: Origin {
                                path: self.path.clone(),
                                line: None,
                            },
                            kind: "empty".into(),
                            reason: format!("{}: empty file (no JSONL records)", self.path),
                        }));
                    }
                }
                Ok(Line::TooLong(n)) => {
                    self.line += 1;
                    self.produced = true;
                    return Some(self.skip(
                        None,
                        "too-large",
                        format!("line of {n} bytes exceeds the {}-byte limit", self.max_line),
                    ));
                }
                Ok(Line::Read) => {
                    self.line += 1;
                    if let Some(item) = self.parse_line() {
                        self.produced = true;
                        return Some(item);
                    }
                }
                Err(e) => {
                    self.done = true;
                    self.line += 1;
                    self.produced = true;
                    let (kind, what) = stream::classify(&e, self.gzip);
                    let kept = self.line - 1;
                    return Some(self.skip(
                        None,
                        kind,
                        format!("{what}; the stream broke in this line, {kept} line(s) before it were read"),
                    ));
                }
            }
        }
        None
    }

    /// Parses the line in `buf`; `None` for a blank line.
    fn parse_line(&mut self) -> Option<Item> {
        let mut bytes = self.buf.as_slice();
        while let Some((last, rest)) = bytes.split_last() {
            if matches!(last, b'\n' | b'\r') {
                bytes = rest;
            } else {
                break;
            }
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                return Some(self.skip(
                    None,
                    "invalid-utf8",
                    format!(
                        "invalid UTF-8 at byte {} of the line (JSONL must be UTF-8)",
                        e.valid_up_to()
                    ),
                ))
            }
        };
        // Files concatenated with `cat` keep each part's BOM at the start of a line.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let fields = match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => map,
            Ok(other) => {
                return Some(self.skip(
                    None,
                    "malformed-jsonl",
                    format!("expected a JSON object, found {}", json_type(&other)),
                ))
            }
            Err(e) => {
                return Some(self.skip(None, "malformed-jsonl", format!("malformed JSON: {e}")))
            }
        };
        Some(record(fields, &self.place()))
    }
}

/// Builds an article from a JSON object's fields (the contract's JSONL fields; the rest kept
/// in `extra`), or a skip when it has no text.
pub(crate) fn record(mut fields: Map<String, Value>, at: &Place<'_>) -> Item {
    let mut taken: Vec<(&str, Value)> = Vec::new();
    for key in KNOWN {
        if let Some(v) = fields.remove(*key) {
            taken.push((key, v));
        }
    }
    let mut extra = fields;
    let mut get_str = |key: &str, taken: &mut Vec<(&str, Value)>| -> Option<String> {
        let i = taken.iter().position(|(k, _)| *k == key)?;
        let (k, v) = taken.swap_remove(i);
        match v {
            Value::String(s) => Some(s),
            Value::Number(n) if k == "id" || k == "date" => Some(n.to_string()),
            Value::Null => None,
            // A field of the wrong type is kept as given, not interpreted.
            other => {
                extra.insert(k.to_string(), other);
                None
            }
        }
    };
    let id = get_str("id", &mut taken).filter(|s| !s.trim().is_empty());
    let text = get_str("text", &mut taken);
    let html = get_str("html", &mut taken);
    let title = get_str("title", &mut taken).filter(|s| !s.trim().is_empty());
    let date_raw = get_str("date", &mut taken);
    let url = get_str("url", &mut taken).filter(|s| !s.trim().is_empty());
    let source = get_str("source", &mut taken).filter(|s| !s.trim().is_empty());
    let parse = get_str("parse", &mut taken).filter(|s| !s.trim().is_empty());

    let has_text = text.as_deref().is_some_and(|t| !t.trim().is_empty());
    let has_html = html.as_deref().is_some_and(|t| !t.trim().is_empty());
    let body = if has_text {
        let text = text.unwrap_or_default();
        if let Some(html) = html {
            // The producer's text wins; its page is kept, not lost.
            extra.insert("html".into(), Value::String(html));
        }
        if parse.is_some() {
            Body::Sentence(text)
        } else {
            Body::Text(text)
        }
    } else if has_html {
        Body::Html(html.unwrap_or_default())
    } else if text.is_some() || html.is_some() {
        return at.skip(
            id,
            "empty",
            "empty document (blank \"text\"/\"html\")".into(),
        );
    } else {
        return at.skip(
            id,
            "missing-text",
            "no \"text\" or \"html\" string field".into(),
        );
    };

    let mut date = None;
    if let Some(raw) = date_raw.filter(|d| !d.trim().is_empty()) {
        date = date::parse_date(&raw);
        if date.is_none() {
            extra.insert(
                "date_error".into(),
                Value::String(format!(
                    "{}: unrecognised date {raw:?} (expected YYYY-MM-DD or YYYYMMDD); ignored",
                    at.prefix
                )),
            );
            extra.insert("date".into(), Value::String(raw));
        }
    }
    let id = id.unwrap_or_else(|| at.default_id.clone());
    let mut article = Article::new(id, at.origin(), body);
    article.title = title;
    article.date = date;
    article.url = url;
    article.source = source;
    article.parse = parse;
    article.encoding = at.encoding.to_string();
    article.extra = extra;
    Item::Article(Box::new(article))
}

/// Reads one JSON document: an array of article objects (element N has the default id
/// `file#N`), or a single article object (the file's id).
pub(crate) fn json_document(bytes: &[u8], path: &str, file_id: &str, encoding: &str) -> Vec<Item> {
    let whole = Place {
        path,
        default_id: file_id.to_string(),
        line: None,
        prefix: path.to_string(),
        encoding,
    };
    match serde_json::from_slice::<Value>(bytes) {
        Err(e) => vec![whole.skip(None, "malformed-json", format!("malformed JSON: {e}"))],
        Ok(Value::Object(fields)) => vec![record(fields, &whole)],
        Ok(Value::Array(elements)) if elements.is_empty() => {
            vec![whole.skip(None, "empty", "empty JSON array".into())]
        }
        Ok(Value::Array(elements)) => elements
            .into_iter()
            .enumerate()
            .map(|(i, element)| {
                let at = Place {
                    path,
                    default_id: format!("{file_id}#{}", i + 1),
                    line: None,
                    prefix: format!("{path}: element {}", i + 1),
                    encoding,
                };
                match element {
                    Value::Object(fields) => record(fields, &at),
                    other => at.skip(
                        None,
                        "malformed-json",
                        format!("expected a JSON object, found {}", json_type(&other)),
                    ),
                }
            })
            .collect(),
        Ok(other) => vec![whole.skip(
            None,
            "malformed-json",
            format!(
                "expected a JSON object or an array of objects, found {}",
                json_type(&other)
            ),
        )],
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
