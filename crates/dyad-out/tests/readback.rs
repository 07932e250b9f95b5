//! Every format is read back with its own reader and compared row for row with the JSONL.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float32Type, Float64Type, UInt32Type, UInt8Type};
use arrow_array::{Array, RecordBatch};
use dyad_doc::{
    Date, DatePrecision, Document, Event, IndexRange, Location, Mention, MentionKind, Quote,
    Sentence, Span,
};
use dyad_out::columnar::date32;
use dyad_out::gdelt::GDELT_COLUMNS;
use dyad_out::{DocumentRecord, EventRecord, Format, OutputOptions, Outputs, QuoteRecord, Rows};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-out-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A small deterministic generator, so the documents vary without a seed story.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

const ACTORS: [&str; 5] = ["RUSGOV", "IGOWSTNAT", "USAMIL", "UKR", "DEUGOVLEG"];
const CODES: [(&str, &str, u8, f32); 5] = [
    ("010", "01", 1, 0.0),
    ("042", "04", 1, 1.9),
    ("0874", "08", 2, 5.0),
    ("111", "11", 3, -2.0),
    ("190", "19", 4, -10.0),
];
/// Sentences with non-ASCII letters, quotes, commas and a tab, to test offsets and escaping.
const SENTENCES: [&str; 4] = [
    "Moscow condemned the alliance's plan, officials said.",
    "«Это неприемлемо», — said the minister in Kyiv.",
    "NATO said \"no\" to the request;\tlater it agreed.",
    "Zürich talks: 5 leaders met, 2 left early.",
];

fn document(rng: &mut Lcg, i: usize) -> Document {
    let mut doc = Document {
        id: format!("doc-{i}"),
        ..Document::default()
    };
    doc.meta.headline = Some(format!("Headline {i}"));
    doc.meta.pub_date = Date::new(
        2001 + (i % 5) as i16,
        1 + (i % 12) as i8,
        1 + (i % 28) as i8,
    )
    .ok();
    doc.meta.url = (!i.is_multiple_of(3)).then(|| format!("https://news.example/{i}"));
    doc.meta.source = Some("Example Wire".into());
    doc.meta.encoding = "utf-8".into();
    let n = 1 + rng.next(4) as usize;
    for s in 0..n {
        let start = doc.text.len();
        doc.text.push_str(SENTENCES[(i + s) % SENTENCES.len()]);
        let end = doc.text.len();
        doc.text.push(' ');
        doc.sentences.push(Sentence {
            span: Span::new(start, end),
            paragraph: 0,
            tokens: IndexRange { start: 0, end: 0 },
        });
        doc.mentions.push(Mention {
            span: Span::new(start, start + 6),
            sentence: s as u32,
            kind: MentionKind::Actor,
            code: Some(ACTORS[s % ACTORS.len()].into()),
            name: (s % 2 == 0).then(|| "Named Actor".to_string()),
            rule: "test".into(),
            antecedent: None,
        });
    }
    let events = rng.next(4) as usize;
    for k in 0..events {
        let (code, root, quad, goldstein) = CODES[rng.next(CODES.len() as u64) as usize];
        let dated = rng.next(5) != 0;
        doc.events.push(Event {
            sentence: (k % n) as u32,
            source: ACTORS[rng.next(ACTORS.len() as u64) as usize].into(),
            target: (rng.next(6) != 0).then(|| ACTORS[rng.next(5) as usize].to_string()),
            code: code.into(),
            root: root.into(),
            quad_class: quad,
            goldstein,
            plover: (k % 2 == 0).then(|| "CONSULT".to_string()),
            plover_mode: None,
            date: if dated { doc.meta.pub_date } else { None },
            date_precision: dated.then_some(DatePrecision::Day),
            location: (k % 3 == 1).then(|| Location {
                name: "Kyiv".into(),
                country: "UKR".into(),
                lat: 50.45,
                lon: 30.52,
            }),
            issues: if k % 2 == 1 {
                vec!["SECURITY".into(), "SECURITY".into(), "ENERGY".into()]
            } else {
                vec![]
            },
            rule: format!("cameo.verbs:{}", 10 + k),
            verb: None,
            source_mention: Some((k % n) as u32),
            target_mention: None,
        });
    }
    if let Some(s) = doc.sentences.first() {
        doc.quotes.push(Quote {
            span: s.span,
            speaker: Some("A Speaker".into()),
            speaker_code: None,
            speaker_span: None,
            fragment: false,
            rule: "quote".into(),
        });
    }
    doc
}

fn all_rows(n: usize) -> Vec<Rows> {
    let mut rng = Lcg(7);
    (0..n)
        .map(|i| Rows::coded(&document(&mut rng, i)))
        .collect()
}

fn write_all(dir: &Path, rows: &[Rows], one_a_day: bool) {
    let options = OutputOptions {
        formats: Format::parse_list("jsonl,csv,parquet,petrarch").expect("formats"),
        one_a_day,
        added: "20260101000000".into(),
    };
    let mut out = Outputs::create(dir, &options).expect("create outputs");
    for r in rows {
        out.write(r).expect("write");
    }
    out.finish().expect("finish");
}

fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Vec<T> {
    BufReader::new(File::open(path).expect("open jsonl"))
        .lines()
        .map(|l| serde_json::from_str(&l.expect("line")).expect("json row"))
        .collect()
}

fn read_parquet(path: &Path) -> Vec<RecordBatch> {
    ParquetRecordBatchReaderBuilder::try_new(File::open(path).expect("open parquet"))
        .expect("parquet reader")
        .build()
        .expect("build reader")
        .map(|b| b.expect("batch"))
        .collect()
}

fn opt_str(a: &dyn Array, i: usize) -> Option<String> {
    let s = a.as_string::<i32>();
    (!s.is_null(i)).then(|| s.value(i).to_string())
}

fn list(a: &dyn Array, i: usize) -> Vec<String> {
    let l = a.as_list::<i32>();
    let v = l.value(i);
    let s = v.as_string::<i32>();
    (0..s.len()).map(|k| s.value(k).to_string()).collect()
}

/// Rebuilds event records from Parquet batches, so they compare with the JSONL directly.
fn events_from_parquet(batches: &[RecordBatch]) -> Vec<EventRecord> {
    let mut out = Vec::new();
    for b in batches {
        let col = |name: &str| b.column_by_name(name).expect("column").clone();
        let (doc, event, date, prec) =
            (col("doc"), col("event"), col("date"), col("date_precision"));
        let (source, target, code, root) = (col("source"), col("target"), col("code"), col("root"));
        let quad = col("quad_class");
        let gold = col("goldstein");
        let (plover, mode, issues) = (col("plover"), col("plover_mode"), col("issues"));
        let (sentence, start, end) = (col("sentence"), col("start"), col("end"));
        let (text, rule) = (col("text"), col("rule"));
        let (lname, lcountry, lat, lon) = (
            col("location_name"),
            col("location_country"),
            col("location_lat"),
            col("location_lon"),
        );
        let (sname, tname, reports, evidence) = (
            col("source_name"),
            col("target_name"),
            col("reports"),
            col("evidence"),
        );
        for i in 0..b.num_rows() {
            let d = date.as_primitive::<Date32Type>();
            let location = opt_str(&lname, i).map(|name| Location {
                name,
                country: opt_str(&lcountry, i).unwrap_or_default(),
                lat: lat.as_primitive::<Float64Type>().value(i),
                lon: lon.as_primitive::<Float64Type>().value(i),
            });
            out.push(EventRecord {
                doc: opt_str(&doc, i).expect("doc"),
                event: opt_str(&event, i).expect("event"),
                // Compared as days; the JSONL side is converted the same way below.
                date: (!d.is_null(i)).then(|| d.value(i).to_string()),
                date_precision: opt_str(&prec, i),
                source: opt_str(&source, i).expect("source"),
                target: opt_str(&target, i),
                code: opt_str(&code, i).expect("code"),
                root: opt_str(&root, i).expect("root"),
                quad_class: quad.as_primitive::<UInt8Type>().value(i),
                goldstein: gold.as_primitive::<Float32Type>().value(i),
                plover: opt_str(&plover, i),
                plover_mode: opt_str(&mode, i),
                issues: list(&issues, i),
                sentence: sentence.as_primitive::<UInt32Type>().value(i),
                start: start.as_primitive::<UInt32Type>().value(i),
                end: end.as_primitive::<UInt32Type>().value(i),
                text: opt_str(&text, i).expect("text"),
                rule: opt_str(&rule, i).expect("rule"),
                location,
                source_name: opt_str(&sname, i),
                target_name: opt_str(&tname, i),
                reports: Some(reports.as_primitive::<UInt32Type>().value(i)),
                evidence: Some(list(&evidence, i)),
            });
        }
    }
    out
}

/// The JSONL event as Parquet represents it (date as days; reports and evidence filled).
fn as_parquet_sees_it(mut e: EventRecord) -> EventRecord {
    e.date = e.date.as_deref().and_then(date32).map(|d| d.to_string());
    e.reports = Some(e.reports.unwrap_or(1));
    e.evidence = Some(e.evidence.unwrap_or_else(|| vec![e.event.clone()]));
    e
}

#[test]
fn parquet_reads_back_equal_to_jsonl() {
    let dir = temp_dir("parquet");
    let rows = all_rows(400);
    write_all(&dir, &rows, false);
    let events: Vec<EventRecord> = read_jsonl(&dir.join("events.jsonl"));
    assert!(events.len() > 100, "the generator makes events");
    let expected: Vec<EventRecord> = events.into_iter().map(as_parquet_sees_it).collect();
    let got = events_from_parquet(&read_parquet(&dir.join("events.parquet")));
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(g, e);
    }

    let docs: Vec<DocumentRecord> = read_jsonl(&dir.join("documents.jsonl"));
    let batches = read_parquet(&dir.join("documents.parquet"));
    let mut n = 0;
    for b in &batches {
        let ids = b.column_by_name("doc").expect("doc");
        let text = b.column_by_name("text").expect("text");
        let date = b.column_by_name("pub_date").expect("pub_date");
        for i in 0..b.num_rows() {
            let d = &docs[n];
            assert_eq!(opt_str(ids, i).as_deref(), Some(d.doc.as_str()));
            assert_eq!(opt_str(text, i), d.text);
            let days = date.as_primitive::<Date32Type>();
            assert_eq!(
                (!days.is_null(i)).then(|| days.value(i)),
                d.pub_date.as_deref().and_then(date32)
            );
            n += 1;
        }
    }
    assert_eq!(n, docs.len());

    let quotes: Vec<QuoteRecord> = read_jsonl(&dir.join("quotes.jsonl"));
    let qn: usize = read_parquet(&dir.join("quotes.parquet"))
        .iter()
        .map(|b| {
            let t = b.column_by_name("text").expect("text");
            for i in 0..b.num_rows() {
                assert!(quotes
                    .iter()
                    .any(|q| Some(&q.text) == opt_str(t, i).as_ref()));
            }
            b.num_rows()
        })
        .sum();
    assert_eq!(qn, quotes.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn gdelt_csv_reads_back_equal_to_jsonl() {
    let dir = temp_dir("csv");
    let rows = all_rows(300);
    write_all(&dir, &rows, false);
    let events: Vec<EventRecord> = read_jsonl(&dir.join("events.jsonl"));
    let docs: Vec<DocumentRecord> = read_jsonl(&dir.join("documents.jsonl"));
    let mut reader = csv::Reader::from_path(dir.join("events.csv")).expect("csv");
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, GDELT_COLUMNS);
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let mut n = 0;
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.expect("record");
        assert_eq!(rec.len(), 61);
        let e = &events[i];
        let doc = docs
            .iter()
            .find(|d| d.doc == e.doc)
            .expect("document of event");
        assert_eq!(&rec[col("GLOBALEVENTID")], (i + 1).to_string());
        assert_eq!(&rec[col("Actor1Code")], e.source);
        assert_eq!(&rec[col("Actor2Code")], e.target.as_deref().unwrap_or(""));
        assert_eq!(&rec[col("EventCode")], e.code, "codes keep leading zeros");
        assert_eq!(&rec[col("EventBaseCode")], &e.code[..3]);
        assert_eq!(&rec[col("EventRootCode")], e.root);
        assert_eq!(&rec[col("QuadClass")], e.quad_class.to_string());
        let g: f32 = rec[col("GoldsteinScale")].parse().expect("goldstein");
        assert_eq!(g, e.goldstein);
        let date = e.date.as_ref().or(doc.pub_date.as_ref()).expect("a date");
        assert_eq!(&rec[col("SQLDATE")], date.replace('-', ""));
        assert_eq!(&rec[col("Year")], &date[..4]);
        match &e.location {
            Some(l) => {
                assert_eq!(&rec[col("ActionGeo_FullName")], l.name);
                assert_eq!(
                    &rec[col("ActionGeo_CountryCode")],
                    dyad_out::gdelt::fips_country(&l.country)
                );
                let lat: f64 = rec[col("ActionGeo_Lat")].parse().expect("lat");
                assert_eq!(lat, l.lat);
            }
            None => assert_eq!(&rec[col("ActionGeo_FullName")], ""),
        }
        let url = doc.url.clone().unwrap_or_else(|| e.doc.clone());
        assert_eq!(&rec[col("SOURCEURL")], url);
        n += 1;
    }
    assert_eq!(n, events.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn petrarch_lines_follow_the_jsonl() {
    let dir = temp_dir("petrarch");
    let rows = all_rows(200);
    write_all(&dir, &rows, false);
    let events: Vec<EventRecord> = read_jsonl(&dir.join("events.jsonl"));
    let docs: Vec<DocumentRecord> = read_jsonl(&dir.join("documents.jsonl"));
    let text = std::fs::read_to_string(dir.join("events.petrarch.txt")).expect("read");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), events.len());
    for (line, e) in lines.iter().zip(&events) {
        let doc = docs.iter().find(|d| d.doc == e.doc).expect("document");
        let f: Vec<&str> = line.split('\t').collect();
        // date, source, target, code, issues, ids, [url], story source
        assert_eq!(f.len(), if doc.url.is_some() { 8 } else { 7 });
        let date = e.date.as_ref().or(doc.pub_date.as_ref()).expect("date");
        assert_eq!(f[0], date.replace('-', ""));
        assert_eq!(f[1], e.source);
        assert_eq!(f[2], e.target.as_deref().unwrap_or(""));
        assert_eq!(f[3], e.code);
        let issue_total: usize = f[4]
            .split(';')
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.rsplit(',')
                    .next()
                    .and_then(|n| n.parse::<usize>().ok())
                    .expect("count")
            })
            .sum();
        assert_eq!(issue_total, e.issues.len());
        assert_eq!(f[5], e.event);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_a_day_merges_in_every_format() {
    let dir = temp_dir("oneaday");
    let rows = all_rows(400);
    let all: Vec<&EventRecord> = rows.iter().flat_map(|r| &r.events).collect();
    write_all(&dir, &rows, true);
    let kept: Vec<EventRecord> = read_jsonl(&dir.join("events.jsonl"));
    assert!(
        kept.len() < all.len(),
        "the generator repeats dyads on a day"
    );
    // Every coded event is evidence of exactly one kept event.
    let mut evidence: Vec<String> = kept
        .iter()
        .flat_map(|e| e.evidence.clone().expect("evidence"))
        .collect();
    evidence.sort();
    let mut ids: Vec<String> = all.iter().map(|e| e.event.clone()).collect();
    ids.sort();
    assert_eq!(evidence, ids);
    let mut keys = std::collections::HashSet::new();
    for e in &kept {
        assert_eq!(
            e.reports.map(|r| r as usize),
            e.evidence.as_ref().map(Vec::len)
        );
        if let Some(d) = &e.date {
            assert!(keys.insert((
                d.clone(),
                e.source.clone(),
                e.target.clone(),
                e.code.clone()
            )));
        }
    }
    let parquet = events_from_parquet(&read_parquet(&dir.join("events.parquet")));
    assert_eq!(parquet.len(), kept.len());
    assert!(parquet
        .iter()
        .zip(&kept)
        .all(|(p, k)| p.reports == k.reports && p.evidence == k.evidence));
    let csv_rows = csv::Reader::from_path(dir.join("events.csv"))
        .expect("csv")
        .records()
        .count();
    assert_eq!(csv_rows, kept.len());
    let _ = std::fs::remove_dir_all(&dir);
}

/// pandas/pyarrow and DuckDB read the Parquet files (skipped when Python lacks them).
#[test]
fn pyarrow_and_duckdb_read_the_parquet() {
    let dir = temp_dir("python");
    let rows = all_rows(150);
    write_all(&dir, &rows, false);
    let events: Vec<EventRecord> = read_jsonl(&dir.join("events.jsonl"));
    let script = r#"
import sys, json
try:
    import pyarrow.parquet as pq, duckdb
except ImportError:
    print("MISSING"); sys.exit(0)
path = sys.argv[1]
t = pq.read_table(path).to_pylist()
d = duckdb.sql(f"SELECT event, code, quad_class, goldstein FROM read_parquet('{path}')").fetchall()
print(json.dumps({"pyarrow": [[r["event"], r["code"], r["date"].isoformat() if r["date"] else None] for r in t],
                  "duckdb": [[r[0], r[1], r[2]] for r in d]}))
"#;
    let path = dir.join("events.parquet");
    let out = match std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
    {
        Ok(o) => o,
        Err(_) => {
            println!("skipped: python3 not found");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    if stdout.trim() == "MISSING" || !out.status.success() {
        println!("skipped: pyarrow/duckdb not installed");
        return;
    }
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("python output");
    let pa = v["pyarrow"].as_array().expect("pyarrow rows");
    let dk = v["duckdb"].as_array().expect("duckdb rows");
    assert_eq!(pa.len(), events.len());
    assert_eq!(dk.len(), events.len());
    for ((p, d), e) in pa.iter().zip(dk).zip(&events) {
        assert_eq!(p[0], e.event.as_str());
        assert_eq!(p[1], e.code.as_str());
        assert_eq!(p[2].as_str(), e.date.as_deref());
        assert_eq!(d[1], e.code.as_str());
        assert_eq!(d[2], e.quad_class);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
