//! Writing speed: 1 M events in each output format and into the store.
//!
//! `cargo test --release -p dyad-store --test bench -- --ignored --nocapture`

use std::time::Instant;

use dyad_doc::Location;
use dyad_out::columnar::ParquetFiles;
use dyad_out::gdelt::GdeltCsvWriter;
use dyad_out::petrarch::PetrarchWriter;
use dyad_out::{DocContext, DocumentRecord, EventRecord, JsonlWriter, Rows};
use dyad_store::{RunSettings, Store};

const EVENTS: usize = 1_000_000;
const PER_DOC: usize = 4;

fn batch_of_rows() -> Vec<Rows> {
    let actors = [
        "RUSGOV",
        "IGOWSTNAT",
        "USAMIL",
        "UKRGOV",
        "DEUGOVLEG",
        "CHN",
    ];
    let codes = [
        ("042", "04", 1, 1.9),
        ("0874", "08", 2, 5.0),
        ("111", "11", 3, -2.0),
        ("190", "19", 4, -10.0),
    ];
    (0..EVENTS / PER_DOC)
        .map(|d| {
            let doc = format!("story-{d:07}");
            let date = format!("20{:02}-{:02}-{:02}", 1 + d % 20, 1 + d % 12, 1 + d % 28);
            let events = (0..PER_DOC)
                .map(|k| {
                    let (code, root, quad, g) = codes[(d + k) % codes.len()];
                    EventRecord {
                        doc: doc.clone(),
                        event: format!("{doc}#e{}", k + 1),
                        date: Some(date.clone()),
                        date_precision: Some("day".into()),
                        source: actors[(d + k) % actors.len()].into(),
                        target: Some(actors[(d + 2 * k + 1) % actors.len()].into()),
                        code: code.into(),
                        root: root.into(),
                        quad_class: quad,
                        goldstein: g,
                        plover: Some("CONSULT".into()),
                        plover_mode: None,
                        issues: vec![],
                        sentence: k as u32,
                        start: 100 * k as u32,
                        end: 100 * k as u32 + 90,
                        text: "Russia's foreign minister criticised the alliance's plan to expand eastward, officials said on Tuesday.".into(),
                        rule: "cameo.verbs:1234".into(),
                        location: (k == 0).then(|| Location { name: "Moscow".into(), country: "RUS".into(), lat: 55.75, lon: 37.62 }),
                        source_name: Some("Sergei Lavrov".into()),
                        target_name: Some("NATO".into()),
                        reports: None,
                        evidence: None,
                    }
                })
                .collect();
            Rows {
                document: DocumentRecord {
                    doc: doc.clone(),
                    status: "coded".into(),
                    reason: None,
                    headline: Some("Headline".into()),
                    pub_date: Some(date),
                    dateline: None,
                    source: Some("Wire".into()),
                    url: Some(format!("https://news.example/{d}")),
                    origin: format!("{doc}.txt"),
                    encoding: Some("utf-8".into()),
                    text: Some("A short story text standing in for the cleaned article.".into()),
                    sentences: PER_DOC,
                    events: PER_DOC,
                    quotes: 0,
                },
                events,
                quotes: vec![],
            }
        })
        .collect()
}

fn report(name: &str, started: Instant, path: &std::path::Path) {
    let s = started.elapsed().as_secs_f64();
    let mb = std::fs::metadata(path)
        .map(|m| m.len() as f64 / 1e6)
        .unwrap_or(0.0);
    println!(
        "{name:<22} {s:>7.2} s  {:>9.0} events/s  {mb:>8.1} MB",
        EVENTS as f64 / s
    );
}

#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn write_one_million_events() {
    let dir = std::env::temp_dir().join(format!("dyad-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let rows = batch_of_rows();
    let ctx: Vec<DocContext> = rows.iter().map(|r| DocContext::of(&r.document)).collect();
    println!("{EVENTS} events in {} documents", rows.len());

    let t = Instant::now();
    let path = dir.join("events.jsonl");
    let mut w = JsonlWriter::create(&path).expect("jsonl");
    rows.iter()
        .flat_map(|r| &r.events)
        .for_each(|e| w.write(e).expect("write"));
    w.finish().expect("finish");
    report("jsonl", t, &path);

    let t = Instant::now();
    let path = dir.join("events.csv");
    let mut w = GdeltCsvWriter::create(&path, "20260101000000").expect("csv");
    for (r, c) in rows.iter().zip(&ctx) {
        r.events.iter().for_each(|e| w.write(e, c).expect("write"));
    }
    w.finish().expect("finish");
    report("csv (GDELT columns)", t, &path);

    let t = Instant::now();
    let path = dir.join("events.petrarch.txt");
    let mut w = PetrarchWriter::create(&path).expect("petrarch");
    for (r, c) in rows.iter().zip(&ctx) {
        r.events.iter().for_each(|e| w.write(e, c).expect("write"));
    }
    w.finish().expect("finish");
    report("petrarch", t, &path);

    let t = Instant::now();
    let pdir = dir.join("parquet");
    std::fs::create_dir_all(&pdir).expect("dir");
    let mut w = ParquetFiles::create(&pdir).expect("parquet");
    rows.iter()
        .flat_map(|r| &r.events)
        .for_each(|e| w.write_event(e).expect("write"));
    w.finish().expect("finish");
    report("parquet (zstd)", t, &pdir.join("events.parquet"));

    let t = Instant::now();
    let path = dir.join("dyad.sqlite");
    let mut store = Store::open(&path).expect("store");
    let run = store.begin_run(&RunSettings::default()).expect("run");
    for chunk in rows.chunks(256) {
        store.add_batch(run, chunk).expect("add");
    }
    store.finish_run(run).expect("finish");
    report("store (SQLite, WAL)", t, &path);

    let t = Instant::now();
    let run = store.begin_run(&RunSettings::default()).expect("run");
    for chunk in rows.chunks(256) {
        store.add_batch(run, chunk).expect("add");
    }
    report("store re-run (no-op)", t, &path);
    let _ = std::fs::remove_dir_all(&dir);
}
