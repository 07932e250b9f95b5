//! `dyad validate`: runs a PETRARCH validation file (records with expected codings, and
//! interleaved `<Config>` options) and reports every record that fails.
//!
//! A record passes when the set of (source, target, code) triples dyad codes equals the set
//! the record expects; a record expecting no events, a discard or an input error passes when
//! dyad codes nothing. Records of categories outside the file's `<Include>` list, and records
//! marked `sentence="false"` (disabled in the suite), are counted apart.

use std::collections::{BTreeMap, BTreeSet};

use dyad_doc::{Date, Document, Meta};

use crate::{Coder, Options};

/// What a record expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// These (source, target, code) triples; target `---` for none.
    Events(Vec<(String, String, String)>),
    /// No event.
    NoEvents,
    /// An input error or discard (`storydiscard`, `sentencediscard`, `bad_input_parse` ...).
    Error(String),
}

/// One validation record.
#[derive(Clone, Debug)]
pub struct Record {
    /// Record id.
    pub id: String,
    /// Category.
    pub category: String,
    /// Story date.
    pub date: Option<Date>,
    /// Whether the record is enabled (`sentence="true"`).
    pub enabled: bool,
    /// The sentence.
    pub text: String,
    /// The supplied parse, if any.
    pub parse: Option<String>,
    /// What it expects.
    pub expected: Expected,
    /// 1-based line of `<Sentence`.
    pub line: usize,
    /// `<Config>` options set before this record (in order), as (option, value).
    pub config: Vec<(String, String)>,
}

/// A parsed validation file.
#[derive(Clone, Debug, Default)]
pub struct Suite {
    /// Records in file order.
    pub records: Vec<Record>,
    /// Categories the file includes (empty: all).
    pub include: Vec<String>,
}

/// Why a validation file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// The outcome of one record.
#[derive(Clone, Debug)]
pub struct RecordResult {
    /// Record id.
    pub id: String,
    /// Category.
    pub category: String,
    /// 1-based line in the file.
    pub line: usize,
    /// The sentence.
    pub text: String,
    /// Expected.
    pub expected: Expected,
    /// What dyad coded: (source, target, code, rule).
    pub got: Vec<(String, String, String, String)>,
    /// Whether it passed.
    pub pass: bool,
    /// Whether it counts (included category, enabled record).
    pub counted: bool,
}

/// The outcome of a validation run.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Every record.
    pub results: Vec<RecordResult>,
    /// (passed, counted) by category.
    pub by_category: BTreeMap<String, (usize, usize)>,
    /// Passed among counted records.
    pub passed: usize,
    /// Counted records.
    pub counted: usize,
    /// Passed among all records (counted or not).
    pub passed_all: usize,
    /// Config options dyad read but does not implement.
    pub ignored_options: BTreeSet<String>,
}

impl Report {
    /// Share of counted records that pass.
    pub fn rate(&self) -> f64 {
        if self.counted == 0 {
            0.0
        } else {
            self.passed as f64 / self.counted as f64
        }
    }
}

/// Reads a validation file.
pub fn read_file(path: &std::path::Path) -> Result<Suite, ValidateError> {
    let bytes = std::fs::read(path).map_err(|source| ValidateError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(parse(&String::from_utf8_lossy(&bytes)))
}

/// Parses the text of a validation file; unreadable parts are skipped.
pub fn parse(xml: &str) -> Suite {
    let mut suite = Suite::default();
    let xml = strip_comments(xml);
    if let Some(inc) = between(&xml, "<Include>", "</Include>") {
        suite.include = inc.split_whitespace().map(str::to_string).collect();
    }
    let mut pending: Vec<(String, String)> = Vec::new();
    let mut pos = 0;
    let body_start = xml.find("<Sentences>").unwrap_or(0);
    pos = pos.max(body_start);
    loop {
        let next_sent = xml[pos..].find("<Sentence ").map(|i| pos + i);
        let next_conf = xml[pos..].find("<Config").map(|i| pos + i);
        let (at, is_conf) = match (next_sent, next_conf) {
            (Some(s), Some(c)) if c < s => (c, true),
            (Some(s), _) => (s, false),
            (None, Some(c)) => (c, true),
            (None, None) => break,
        };
        let Some(tag_end) = xml[at..].find('>').map(|i| at + i) else {
            break;
        };
        let attrs = attributes(&xml[at..tag_end]);
        if is_conf {
            if let (Some(o), Some(v)) = (attrs.get("option"), attrs.get("value")) {
                pending.push((o.clone(), v.clone()));
            }
            pos = tag_end + 1;
            continue;
        }
        let Some(close) = xml[tag_end..].find("</Sentence>").map(|i| tag_end + i) else {
            break;
        };
        let body = &xml[tag_end + 1..close];
        let line = xml[..at].matches('\n').count() + 1;
        let mut expected_events = Vec::new();
        let mut no_events = false;
        let mut error = None;
        let mut p = 0;
        while let Some(i) = body[p..].find("<EventCoding") {
            let s = p + i;
            let e = body[s..].find('>').map(|k| s + k).unwrap_or(body.len());
            let a = attributes(&body[s..e]);
            if let Some(err) = a.get("error") {
                error = Some(err.clone());
            } else if a
                .get("noevents")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            {
                no_events = true;
            } else if let (Some(src), Some(code)) = (a.get("sourcecode"), a.get("eventcode")) {
                let tgt = a.get("targetcode").cloned().unwrap_or_else(|| "---".into());
                expected_events.push((src.clone(), tgt, code.clone()));
            }
            p = e;
        }
        let expected = if let Some(e) = error {
            Expected::Error(e)
        } else if no_events || expected_events.is_empty() {
            Expected::NoEvents
        } else {
            Expected::Events(expected_events)
        };
        let text = between(body, "<Text>", "</Text>")
            .map(|t| unescape(&t.split_whitespace().collect::<Vec<_>>().join(" ")))
            .unwrap_or_default();
        let parse = between(body, "<Parse>", "</Parse>").map(|t| t.trim().to_string());
        let date = attrs.get("date").and_then(|d| parse_date(d));
        suite.records.push(Record {
            id: attrs.get("id").cloned().unwrap_or_default(),
            category: attrs.get("category").cloned().unwrap_or_default(),
            date,
            enabled: !attrs
                .get("sentence")
                .is_some_and(|v| v.eq_ignore_ascii_case("false")),
            text,
            parse,
            expected,
            line,
            config: std::mem::take(&mut pending),
        });
        pos = close + "</Sentence>".len();
    }
    suite
}

/// Runs a suite with a coder; `use_parse` codes from the supplied parses' words.
pub fn run(suite: &Suite, coder: &Coder, use_parse: bool) -> Report {
    let mut report = Report::default();
    let mut options = coder.options().clone();
    for rec in &suite.records {
        for (opt, val) in &rec.config {
            match opt.as_str() {
                "require_dyad" => options.require_dyad = val.eq_ignore_ascii_case("true"),
                other => {
                    report.ignored_options.insert(other.to_string());
                }
            }
        }
        let c = coder.with_options(Options {
            use_parse,
            ..options.clone()
        });
        // A malformed supplied parse is an input error: the record is not coded from it.
        let bad_parse = use_parse
            && rec
                .parse
                .as_deref()
                .is_some_and(|p| !crate::ptb::balanced(p));
        // With a parse, the sentence is read as the parse's words (its tokenisation), and
        // the parse's tags guide the reading.
        let text = match (&rec.parse, use_parse) {
            _ if bad_parse => String::new(),
            (Some(p), true) => parse_leaves(p).unwrap_or_else(|| rec.text.clone()),
            _ => rec.text.clone(),
        };
        let mut doc = Document {
            id: rec.id.clone(),
            text,
            parse: if use_parse { rec.parse.clone() } else { None },
            meta: Meta {
                pub_date: rec.date,
                ..Meta::default()
            },
            ..Document::default()
        };
        c.code(&mut doc);
        let got: Vec<(String, String, String, String)> = doc
            .events
            .iter()
            .map(|e| {
                (
                    e.source.clone(),
                    e.target.clone().unwrap_or_else(|| "---".into()),
                    e.code.clone(),
                    e.rule.clone(),
                )
            })
            .collect();
        let got_set: BTreeSet<(String, String, String)> = got
            .iter()
            .map(|(s, t, c, _)| (s.clone(), t.clone(), c.clone()))
            .collect();
        let pass = match &rec.expected {
            Expected::Events(ev) => {
                let want: BTreeSet<(String, String, String)> = ev.iter().cloned().collect();
                want == got_set
            }
            Expected::NoEvents | Expected::Error(_) => got_set.is_empty(),
        };
        let included = suite.include.is_empty() || suite.include.contains(&rec.category);
        let counted = included && rec.enabled;
        if counted {
            report.counted += 1;
            let e = report.by_category.entry(rec.category.clone()).or_default();
            e.1 += 1;
            if pass {
                report.passed += 1;
                e.0 += 1;
            }
        }
        if pass {
            report.passed_all += 1;
        }
        report.results.push(RecordResult {
            id: rec.id.clone(),
            category: rec.category.clone(),
            line: rec.line,
            text: rec.text.clone(),
            expected: rec.expected.clone(),
            got,
            pass,
            counted,
        });
    }
    report
}

/// The words of a Penn Treebank parse, joined by blanks (see [`crate::ptb::text`]).
pub fn parse_leaves(ptb: &str) -> Option<String> {
    crate::ptb::text(ptb)
}

fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() != 8 || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i16 = s[..4].parse().ok()?;
    let m: i8 = s[4..6].parse().ok()?;
    let d: i8 = s[6..].parse().ok()?;
    Date::new(y, m, d).ok()
}

fn strip_comments(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => {
                // Keep line numbers: replace the comment by its newlines.
                out.extend(rest[i..i + j].chars().filter(|&c| c == '\n'));
                rest = &rest[i + j + 3..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let a = s.find(open)? + open.len();
    let b = s[a..].find(close)? + a;
    Some(&s[a..b])
}

/// `key="value"` pairs of a tag (single or double quotes, blanks around `=` allowed).
fn attributes(tag: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let b = tag.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphabetic() {
            let ks = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            let key = &tag[ks..i];
            let mut j = i;
            while j < b.len() && b[j] == b' ' {
                j += 1;
            }
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j] == b' ' {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let vs = j + 1;
                    let mut k = vs;
                    while k < b.len() && b[k] != q {
                        k += 1;
                    }
                    out.insert(key.to_string(), unescape(&tag[vs..k.min(b.len())]));
                    i = k + 1;
                    continue;
                }
            }
            continue;
        }
        i += 1;
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records_configs_and_expectations() {
        let xml = r#"<Validation><Environment><Include>DEMO</Include></Environment><Sentences>
<Config option="require_dyad" value="false"></Config>
<Sentence date="19950101" id="X-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor  restored
ties &amp; more.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor)) (VP (VBD restored))))</Parse>
</Sentence>
<Sentence date = "20080801" id ="X-2"  category="ERROR" sentence="false">
<EventCoding error="dateline"></EventCoding><Text>x</Text></Sentence>
</Sentences></Validation>"#;
        let s = parse(xml);
        assert_eq!(s.include, vec!["DEMO"]);
        assert_eq!(s.records.len(), 2);
        let r = &s.records[0];
        assert_eq!(r.text, "Arnor restored ties & more.");
        assert_eq!(
            r.config,
            vec![("require_dyad".to_string(), "false".to_string())]
        );
        assert_eq!(
            r.expected,
            Expected::Events(vec![("ARN".into(), "GON".into(), "064".into())])
        );
        assert_eq!(s.records[1].expected, Expected::Error("dateline".into()));
        assert!(!s.records[1].enabled);
        assert_eq!(
            parse_leaves(r.parse.as_deref().unwrap_or("")).as_deref(),
            Some("Arnor restored")
        );
    }
}
