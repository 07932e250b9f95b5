//! PETRARCH XML: `<Sentence date id ...>` records with `<Text>`, an optional `<Parse>` and, in
//! validation files, the expected `<EventCoding>`s, interleaved with `<Config option value>`
//! settings and preceded by an `<Environment>` naming the dictionary files.
//!
//! [`entries`] streams a file entry by entry in file order; [`parse_file`], [`parse_str`] and
//! [`parse_reader`] collect a whole validation file. The reader is lenient where PETRARCH's
//! own files are (spaces around `=`, unknown entities, mismatched end tags) and reports
//! what it cannot read with the line number.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::path::Path;

use dyad_doc::{Article, Body, Date, Origin};
use quick_xml::events::{BytesStart, Event};
use serde_json::{Map, Value};

use crate::stream::{self, Opened, Source};
use crate::{date, Item, Skipped};

/// What can go wrong reading a PETRARCH XML file.
#[derive(Debug, thiserror::Error)]
pub enum PetrarchError {
    /// The file could not be opened or its first bytes read.
    #[error("{path}: {source}")]
    Open {
        /// The file.
        path: String,
        /// What went wrong.
        #[source]
        source: io::Error,
    },
    /// The byte stream broke (a truncated gzip file, a read error).
    #[error("line {line}: {message}")]
    Read {
        /// The line being read when the stream broke.
        line: u64,
        /// The I/O error's kind (`UnexpectedEof` for a truncated gzip file).
        kind: io::ErrorKind,
        /// The I/O error's message.
        message: String,
    },
    /// The XML could not be read past this line.
    #[error("line {line}: malformed XML: {message}")]
    Xml {
        /// The line where reading stopped.
        line: u64,
        /// The XML reader's message.
        message: String,
    },
    /// The file ended inside a `<Sentence>` record (a cut-off file).
    #[error("line {line}: end of file inside the <Sentence{}> opened here", id.as_deref().map(|i| format!(" id=\"{i}\"")).unwrap_or_default())]
    Unterminated {
        /// The line of the record's `<Sentence>` start tag.
        line: u64,
        /// The record's `id`, when it has one.
        id: Option<String>,
    },
}

impl PetrarchError {
    /// The line the problem is on, when known.
    pub fn line(&self) -> Option<u64> {
        match self {
            PetrarchError::Open { .. } => None,
            PetrarchError::Read { line, .. }
            | PetrarchError::Xml { line, .. }
            | PetrarchError::Unterminated { line, .. } => Some(*line),
        }
    }
}

/// One expected coding of a validation record (`<EventCoding ...>`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventCoding {
    /// `sourcecode`, as written (new-actor texts keep their quotes: `"INJURY TOLL"`).
    pub source: Option<String>,
    /// `targetcode`.
    pub target: Option<String>,
    /// `eventcode`, the CAMEO code.
    pub code: Option<String>,
    /// `noevents="True"`: the record must produce no event.
    pub noevents: bool,
    /// `error="..."`: the record must be rejected for this reason (e.g. `storydiscard`).
    pub error: Option<String>,
    /// Every attribute in file order, for options this model does not name.
    pub attributes: Vec<(String, String)>,
    /// The line of the `<EventCoding>` tag.
    pub line: u64,
}

/// A `<Sentence>` record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    /// The `id` attribute.
    pub id: Option<String>,
    /// The `date` attribute, parsed (`YYYYMMDD` or `YYYY-MM-DD`).
    pub date: Option<Date>,
    /// The `date` attribute as written.
    pub date_raw: Option<String>,
    /// The `category` attribute (validation files group records by feature).
    pub category: Option<String>,
    /// The `<Text>`, whitespace runs collapsed to single spaces.
    pub text: String,
    /// The `<Parse>` (Penn Treebank brackets), trimmed.
    pub parse: Option<String>,
    /// The expected codings, in file order.
    pub expected: Vec<EventCoding>,
    /// Every attribute of `<Sentence>` in file order (including `id`, `date`, `category`).
    pub attributes: Vec<(String, String)>,
    /// The line of the `<Sentence>` start tag.
    pub line: u64,
}

impl Record {
    /// An attribute's value by name.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        lookup(&self.attributes, name)
    }
}

/// A `<Config option="..." value="...">` setting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigOption {
    /// The `option` attribute (`require_dyad`, `new_actor_length`, ...).
    pub option: String,
    /// The `value` attribute, as written (`"True"`, `"false"`, `"4"`).
    pub value: String,
    /// The line of the `<Config>` tag.
    pub line: u64,
    /// Whether it sits inside `<Environment>` (a setting for the whole run).
    pub in_environment: bool,
}

/// The `<Environment>` block: dictionary file names and run settings, as `(element, text)`
/// pairs in file order (`("Verbfile", "PETR.Validate.verbs.txt")`, `("Include", "...")`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// `(element name, trimmed text)` pairs in file order; `<Config>`s are in the items.
    pub entries: Vec<(String, String)>,
    /// The line of the `<Environment>` tag.
    pub line: u64,
}

impl Environment {
    /// The text of the first element with this name (`"Verbfile"`, `"Actorfile"`, ...).
    pub fn get(&self, element: &str) -> Option<&str> {
        lookup(&self.entries, element)
    }

    /// The file names of the elements whose name ends in `file` (`Verbfile`, `Actorfile`,
    /// `Agentfile`, `Discardfile`, `Errorfile`, ...), in file order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .filter(|(k, _)| k.to_ascii_lowercase().ends_with("file"))
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// One entry of a PETRARCH file, in file order.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// The `<Environment>` block, delivered at its end tag.
    Environment(Environment),
    /// A `<Config>` setting.
    Config(ConfigOption),
    /// A `<Sentence>` record, delivered at its end tag.
    Record(Box<Record>),
}

/// A record or a setting, in the order `dyad validate` must apply them.
#[derive(Clone, Debug, PartialEq)]
pub enum ValidationItem {
    /// A sentence record to code and check.
    Record(Box<Record>),
    /// A setting that applies to the records after it.
    Config(ConfigOption),
}

/// A whole validation file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValidationFile {
    /// The `<Environment>` block (empty when the file has none).
    pub environment: Environment,
    /// Records and `<Config>` settings (including those inside `<Environment>`) in file order.
    pub items: Vec<ValidationItem>,
}

impl ValidationFile {
    /// The sentence records, in file order.
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.items.iter().filter_map(|i| match i {
            ValidationItem::Record(r) => Some(&**r),
            ValidationItem::Config(_) => None,
        })
    }

    /// The `<Config>` settings, in file order.
    pub fn configs(&self) -> impl Iterator<Item = &ConfigOption> {
        self.items.iter().filter_map(|i| match i {
            ValidationItem::Config(c) => Some(c),
            ValidationItem::Record(_) => None,
        })
    }
}

/// Reads a whole PETRARCH file (gzip, BOMs and UTF-16 handled as for `dyad code` inputs).
pub fn parse_file(path: &Path) -> Result<ValidationFile, PetrarchError> {
    let open_err = |source| PetrarchError::Open {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::File::open(path).map_err(open_err)?;
    let opened = stream::open(Box::new(file)).map_err(open_err)?;
    let (opened, _) = apply_declared_encoding(opened);
    parse_reader(opened.into_reader())
}

/// Reads a whole PETRARCH file from a string.
pub fn parse_str(xml: &str) -> Result<ValidationFile, PetrarchError> {
    parse_reader(xml.as_bytes())
}

/// Reads a whole PETRARCH file from a buffered reader.
pub fn parse_reader<R: BufRead>(reader: R) -> Result<ValidationFile, PetrarchError> {
    let mut file = ValidationFile::default();
    for entry in entries(reader) {
        match entry? {
            Entry::Environment(env) => file.environment = env,
            Entry::Config(c) => file.items.push(ValidationItem::Config(c)),
            Entry::Record(r) => file.items.push(ValidationItem::Record(r)),
        }
    }
    Ok(file)
}

/// Streams a PETRARCH file's entries in file order. After an error the iterator ends.
pub fn entries<R: BufRead>(reader: R) -> Entries<R> {
    let mut xml = quick_xml::Reader::from_reader(LineCounter {
        inner: reader,
        newlines: 0,
    });
    let config = xml.config_mut();
    // PETRARCH files are hand-edited: be lenient about end tags; keep text exactly.
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.trim_text(false);
    Entries {
        xml,
        buf: Vec::new(),
        record: None,
        environment: None,
        capture: Capture::None,
        text: String::new(),
        pending: VecDeque::new(),
        done: false,
    }
}

/// What the text being gathered belongs to.
#[derive(Clone, Debug, PartialEq)]
enum Capture {
    None,
    Text,
    Parse,
    Environment(String),
}

/// The iterator of [`entries`].
pub struct Entries<R> {
    xml: quick_xml::Reader<LineCounter<R>>,
    buf: Vec<u8>,
    record: Option<Record>,
    environment: Option<Environment>,
    capture: Capture,
    text: String,
    /// Entries completed by one event beyond the one returned (an unclosed record).
    pending: VecDeque<Entry>,
    done: bool,
}

impl<R: BufRead> Entries<R> {
    /// The current line: one more than the newlines consumed so far.
    fn line(&self) -> u64 {
        self.xml.get_ref().newlines + 1
    }

    fn fail(&mut self, err: quick_xml::Error) -> PetrarchError {
        self.done = true;
        let line = self.line();
        match err {
            quick_xml::Error::Io(e) => PetrarchError::Read {
                line,
                kind: e.kind(),
                message: e.to_string(),
            },
            other => PetrarchError::Xml {
                line,
                message: other.to_string(),
            },
        }
    }

    /// Ends a capture, storing its text where it belongs.
    fn finish_capture(&mut self) {
        let text = std::mem::take(&mut self.text);
        match std::mem::replace(&mut self.capture, Capture::None) {
            Capture::None => {}
            Capture::Text => {
                if let Some(r) = &mut self.record {
                    r.text = collapse_whitespace(&text);
                }
            }
            Capture::Parse => {
                if let Some(r) = &mut self.record {
                    r.parse = Some(text.trim().to_string()).filter(|p| !p.is_empty());
                }
            }
            Capture::Environment(tag) => {
                if let Some(env) = &mut self.environment {
                    env.entries.push((tag, text.trim().to_string()));
                }
            }
        }
    }

    /// Handles a start (or empty) tag; returns an entry when the tag completes one.
    fn start(&mut self, tag: &BytesStart<'_>, empty: bool) -> Option<Entry> {
        let line = self.line();
        let name = tag.name();
        match name.as_ref() {
            b"Environment" => {
                let env = Environment {
                    entries: Vec::new(),
                    line,
                };
                if empty {
                    return Some(Entry::Environment(env));
                }
                self.environment = Some(env);
            }
            b"Config" => {
                let attrs = attributes(tag);
                return Some(Entry::Config(ConfigOption {
                    option: lookup(&attrs, "option").unwrap_or_default().to_string(),
                    value: lookup(&attrs, "value").unwrap_or_default().to_string(),
                    line,
                    in_environment: self.environment.is_some(),
                }));
            }
            b"Sentence" => {
                self.finish_capture();
                // A record left open by a missing end tag is still delivered.
                let open = self.record.take().map(|r| Entry::Record(Box::new(r)));
                let attributes = attributes(tag);
                let date_raw = lookup(&attributes, "date").map(str::to_string);
                let record = Record {
                    id: lookup(&attributes, "id")
                        .filter(|s| !s.trim().is_empty())
                        .map(str::to_string),
                    date: date_raw.as_deref().and_then(date::parse_date),
                    date_raw,
                    category: lookup(&attributes, "category").map(str::to_string),
                    attributes,
                    line,
                    ..Record::default()
                };
                if let Some(open) = open {
                    self.pending.push_back(open);
                }
                if empty {
                    self.pending.push_back(Entry::Record(Box::new(record)));
                } else {
                    self.record = Some(record);
                }
                return None;
            }
            b"EventCoding" => {
                if let Some(r) = &mut self.record {
                    let attributes = attributes(tag);
                    r.expected.push(EventCoding {
                        source: lookup(&attributes, "sourcecode").map(str::to_string),
                        target: lookup(&attributes, "targetcode").map(str::to_string),
                        code: lookup(&attributes, "eventcode").map(str::to_string),
                        noevents: lookup(&attributes, "noevents")
                            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true")),
                        error: lookup(&attributes, "error").map(str::to_string),
                        attributes,
                        line,
                    });
                }
            }
            b"Text" | b"Parse" if self.record.is_some() && !empty => {
                self.finish_capture();
                self.capture = if name.as_ref() == b"Text" {
                    Capture::Text
                } else {
                    Capture::Parse
                };
            }
            other if !empty && self.environment.is_some() && self.capture == Capture::None => {
                self.capture = Capture::Environment(String::from_utf8_lossy(other).into_owned());
            }
            _ => {}
        }
        None
    }

    fn end(&mut self, name: &[u8]) -> Option<Entry> {
        match name {
            b"Text" | b"Parse" => self.finish_capture(),
            b"Sentence" => {
                self.finish_capture();
                return self.record.take().map(|r| Entry::Record(Box::new(r)));
            }
            b"Environment" => {
                self.finish_capture();
                return self.environment.take().map(Entry::Environment);
            }
            _ => {
                if let Capture::Environment(tag) = &self.capture {
                    if tag.as_bytes() == name {
                        self.finish_capture();
                    }
                }
            }
        }
        None
    }
}

impl<R: BufRead> Iterator for Entries<R> {
    type Item = Result<Entry, PetrarchError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(entry) = self.pending.pop_front() {
            return Some(Ok(entry));
        }
        while !self.done {
            self.buf.clear();
            let mut buf = std::mem::take(&mut self.buf);
            let event = self.xml.read_event_into(&mut buf);
            let out = match event {
                Err(e) => Some(Err(self.fail(e))),
                Ok(Event::Start(tag)) => self.start(&tag, false).map(Ok),
                Ok(Event::Empty(tag)) => self.start(&tag, true).map(Ok),
                Ok(Event::End(tag)) => self.end(tag.name().as_ref()).map(Ok),
                Ok(Event::Text(t)) => {
                    if self.capture != Capture::None {
                        unescape_into(&String::from_utf8_lossy(&t), &mut self.text);
                    }
                    None
                }
                Ok(Event::CData(t)) => {
                    if self.capture != Capture::None {
                        self.text.push_str(&String::from_utf8_lossy(&t));
                    }
                    None
                }
                Ok(Event::Eof) => {
                    self.done = true;
                    self.record.take().map(|r| {
                        Err(PetrarchError::Unterminated {
                            line: r.line,
                            id: r.id,
                        })
                    })
                }
                Ok(_) => None,
            };
            self.buf = buf;
            if out.is_some() {
                return out;
            }
            if let Some(entry) = self.pending.pop_front() {
                return Some(Ok(entry));
            }
        }
        None
    }
}

/// Counts the newlines the XML reader consumes, for line numbers.
struct LineCounter<R> {
    inner: R,
    newlines: u64,
}

impl<R: BufRead> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.newlines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        // The bytes being consumed are still in the buffer: count them before they go.
        if let Ok(buf) = self.inner.fill_buf() {
            let n = amt.min(buf.len());
            self.newlines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
        }
        self.inner.consume(amt);
    }
}

/// A tag's attributes, unescaped where possible, in order. Malformed attributes are skipped.
fn attributes(tag: &BytesStart<'_>) -> Vec<(String, String)> {
    let mut attrs = tag.attributes();
    attrs.with_checks(false);
    attrs
        .filter_map(Result::ok)
        .map(|a| {
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let mut value = String::new();
            unescape_into(&String::from_utf8_lossy(&a.value), &mut value);
            (key, value)
        })
        .collect()
}

/// Appends `raw` with XML's predefined and numeric character references resolved. Anything
/// else after `&` is kept literally: PETRARCH text may hold bare `&WORD` synset markers,
/// which strict XML would reject.
fn unescape_into(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let resolved = rest.find(';').filter(|&end| end <= 12).and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, end + 1))
        });
        match resolved {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn lookup<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The words of a Penn Treebank parse, in order: the leaves of its `(TAG word)` pre-terminals,
/// with the treebank's bracket escapes undone and no space before closing punctuation.
/// `None` when the parse has no leaves.
pub fn text_from_parse(parse: &str) -> Option<String> {
    let spaced = parse.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut out = String::new();
    let mut glue_next = false;
    for w in tokens.windows(4) {
        if !(w[0] == "(" && w[1] != "(" && w[1] != ")" && w[2] != "(" && w[2] != ")" && w[3] == ")")
        {
            continue;
        }
        let word = match w[2] {
            "-LRB-" => "(",
            "-RRB-" => ")",
            "-LSB-" => "[",
            "-RSB-" => "]",
            "-LCB-" => "{",
            "-RCB-" => "}",
            "``" | "''" => "\"",
            other => other,
        };
        let closing = word
            .chars()
            .all(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '%' | ')' | ']' | '}'));
        if !out.is_empty() && !closing && !glue_next {
            out.push(' ');
        }
        out.push_str(word);
        glue_next = matches!(word, "(" | "[" | "{");
    }
    (!out.is_empty()).then_some(out)
}

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Decodes a stream by the legacy encoding its XML declaration names, if any (a BOM wins), and
/// returns the label for `Article::encoding`.
pub(crate) fn apply_declared_encoding(opened: Opened) -> (Opened, String) {
    let label = opened.bom.label().unwrap_or("utf-8").to_string();
    if opened.bom != stream::Bom::None {
        return (opened, label);
    }
    let Some(declared) = crate::sniff::xml_encoding(&opened.head) else {
        return (opened, label);
    };
    match encoding_rs::Encoding::for_label(declared.as_bytes()) {
        Some(enc)
            if enc != encoding_rs::UTF_8
                && enc != encoding_rs::UTF_16LE
                && enc != encoding_rs::UTF_16BE =>
        {
            (
                stream::transcode(opened, enc),
                format!("{declared} (xml declaration)"),
            )
        }
        _ => (opened, label),
    }
}

/// A PETRARCH file read as `dyad code` input: one article per record.
pub(crate) struct PetrarchStream {
    entries: Entries<Source>,
    gzip: bool,
    encoding: String,
    file_id: String,
    path: String,
    produced: bool,
    done: bool,
}

impl PetrarchStream {
    pub(crate) fn new(opened: Opened, file_id: String, path: String, encoding: String) -> Self {
        let gzip = opened.gzip;
        PetrarchStream {
            entries: entries(opened.into_reader()),
            gzip,
            encoding,
            file_id,
            path,
            produced: false,
            done: false,
        }
    }

    fn skip(&self, id: String, line: Option<u64>, kind: &str, what: &str) -> Item {
        let origin = Origin {
            path: self.path.clone(),
            line,
        };
        Item::Skipped(Skipped {
            id,
            reason: format!("{origin}: {what}"),
            origin,
            kind: kind.to_string(),
        })
    }

    /// The next article or skipped record; `None` at the end of the file.
    pub(crate) fn next_item(&mut self) -> Option<Item> {
        while !self.done {
            match self.entries.next() {
                None => {
                    self.done = true;
                    if !self.produced {
                        return Some(self.skip(
                            self.file_id.clone(),
                            None,
                            "empty",
                            "no <Sentence> records",
                        ));
                    }
                }
                Some(Ok(Entry::Record(r))) => {
                    self.produced = true;
                    return Some(self.article(*r));
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    self.done = true;
                    self.produced = true;
                    let line = e.line();
                    let id = format!("{}:{}", self.file_id, line.unwrap_or(0));
                    return Some(match &e {
                        PetrarchError::Read { kind, message, .. } => {
                            let err = io::Error::new(*kind, message.clone());
                            let (kind, what) = stream::classify(&err, self.gzip);
                            self.skip(id, line, kind, &what)
                        }
                        PetrarchError::Xml { message, .. } => self.skip(
                            id,
                            line,
                            "malformed-xml",
                            &format!("malformed XML: {message}"),
                        ),
                        PetrarchError::Unterminated { id: record, .. } => self.skip(
                            record.clone().unwrap_or(id),
                            line,
                            "malformed-xml",
                            "malformed XML: the file ends inside this <Sentence> record",
                        ),
                        PetrarchError::Open { .. } => {
                            self.skip(id, line, "unreadable", &e.to_string())
                        }
                    });
                }
            }
        }
        None
    }

    fn article(&self, r: Record) -> Item {
        let id =
            r.id.clone()
                .unwrap_or_else(|| format!("{}:{}", self.file_id, r.line));
        let mut extra = Map::new();
        let mut r = r;
        if r.text.is_empty() {
            // PETRARCH codes from the parse alone; its words are the sentence.
            match r.parse.as_deref().and_then(text_from_parse) {
                Some(text) => {
                    r.text = text;
                    extra.insert("text_from_parse".into(), Value::Bool(true));
                }
                None => return self.skip(id, Some(r.line), "empty", "empty <Text> and no <Parse>"),
            }
        }
        for (k, v) in &r.attributes {
            if !matches!(k.as_str(), "id" | "date" | "source") {
                extra.insert(k.clone(), Value::String(v.clone()));
            }
        }
        if !r.expected.is_empty() {
            let codings = r
                .expected
                .iter()
                .map(|c| {
                    Value::Object(
                        c.attributes
                            .iter()
                            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                            .collect(),
                    )
                })
                .collect();
            extra.insert("expected_events".into(), Value::Array(codings));
        }
        if let (Some(raw), None) = (&r.date_raw, r.date) {
            extra.insert("date".into(), Value::String(raw.clone()));
            extra.insert(
                "date_error".into(),
                Value::String(format!(
                    "{}:{}: unrecognised date {raw:?} (expected YYYYMMDD or YYYY-MM-DD); ignored",
                    self.path, r.line
                )),
            );
        }
        let mut article = Article::new(
            id,
            Origin {
                path: self.path.clone(),
                line: Some(r.line),
            },
            Body::Sentence(r.text),
        );
        article.date = r.date;
        article.source = lookup(&r.attributes, "source")
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string);
        article.parse = r.parse;
        article.encoding = self.encoding.clone();
        article.extra = extra;
        Item::Article(Box::new(article))
    }
}
