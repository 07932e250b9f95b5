//! `dyad validate`: runs a PETRARCH validation file (records with expected codings, and
//! interleaved `<Config>` options) and reports every record that fails.
//!
//! A record passes when the set of (source, target, code) triples dyad codes equals the set
//! the record expects; a record expecting no events, a discard or an input error passes when
//! dyad codes nothing. Records of categories outside the file's `<Include>` list, and records
//! marked `sentence="false"` (disabled in the suite), are counted apart.

use std::collections::{BTreeMap, BTreeSet};

use dyad_doc::{Date, Document, Meta};
use dyad_read::petrarch;

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
    /// The file could not be read or its XML broke off.
    #[error(transparent)]
    Read(#[from] petrarch::PetrarchError),
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

/// Reads a validation file through [`dyad_read::petrarch`].
pub fn read_file(path: &std::path::Path) -> Result<Suite, ValidateError> {
    Ok(suite_of(&petrarch::parse_file(path)?))
}

/// Parses the text of a validation file through [`dyad_read::petrarch`].
pub fn parse(xml: &str) -> Result<Suite, ValidateError> {
    Ok(suite_of(&petrarch::parse_str(xml)?))
}

/// The coder's view of a validation file: each record carries the `<Config>` settings met
/// since the previous record, so that [`run`] applies them in file order.
pub fn suite_of(file: &petrarch::ValidationFile) -> Suite {
    let mut suite = Suite {
        include: file
            .environment
            .get("Include")
            .map(|i| i.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default(),
        ..Suite::default()
    };
    let mut pending: Vec<(String, String)> = Vec::new();
    for item in &file.items {
        let rec = match item {
            petrarch::ValidationItem::Config(c) => {
                pending.push((c.option.clone(), c.value.clone()));
                continue;
            }
            petrarch::ValidationItem::Record(r) => r,
        };
        suite.records.push(Record {
            id: rec.id.clone().unwrap_or_default(),
            category: rec.category.clone().unwrap_or_default(),
            date: rec.date,
            enabled: !rec
                .attribute("sentence")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("false")),
            text: rec.text.clone(),
            parse: rec.parse.clone(),
            expected: expected_of(&rec.expected),
            line: usize::try_from(rec.line).unwrap_or(usize::MAX),
            config: std::mem::take(&mut pending),
        });
    }
    suite
}

/// What a record's `<EventCoding>`s ask for: an error wins over events, and a record with
/// neither events nor an error expects none.
fn expected_of(codings: &[petrarch::EventCoding]) -> Expected {
    if let Some(e) = codings.iter().find_map(|c| c.error.clone()) {
        return Expected::Error(e);
    }
    let events: Vec<(String, String, String)> = codings
        .iter()
        .filter(|c| !c.noevents)
        .filter_map(|c| {
            let src = c.source.clone()?;
            let code = c.code.clone()?;
            let tgt = c.target.clone().unwrap_or_else(|| "---".into());
            Some((src, tgt, code))
        })
        .collect();
    if events.is_empty() || codings.iter().any(|c| c.noevents) {
        Expected::NoEvents
    } else {
        Expected::Events(events)
    }
}

/// Runs a suite with a coder; `use_parse` codes from the supplied parses' words.
pub fn run(suite: &Suite, coder: &Coder, use_parse: bool) -> Report {
    let mut report = Report::default();
    let mut options = coder.options().clone();
    for rec in &suite.records {
        for (opt, val) in &rec.config {
            match opt.as_str() {
                "require_dyad" => options.require_dyad = val.eq_ignore_ascii_case("true"),
                o if options.comma.set(o, val) => {}
                "new_actor_length" if val.trim().parse::<usize>().is_ok() => {
                    options.new_actor_length = val.trim().parse().unwrap_or(0);
                }
                other => {
                    report.ignored_options.insert(other.to_string());
                }
            }
        }
        // PETRARCH codes generic dyads ("---MIL ---OPP"); its suite expects them.
        let c = coder.with_options(Options {
            use_parse,
            require_placed: false,
            article_country: false,
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
        let s = parse(xml).expect("well-formed");
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
