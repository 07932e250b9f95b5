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

/// User + system CPU seconds of this process so far (Linux `/proc`; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    // Clock ticks are 100 per second on Linux.
    f.iter().sum::<f64>() / 100.0
}

/// Rows of a real run read back from its JSONL files, grouped per document in file order.
fn rows_of_run(dir: &std::path::Path) -> Vec<Rows> {
    use std::collections::HashMap;
    use std::io::BufRead;
    fn lines(path: &std::path::Path) -> Vec<String> {
        let file = std::fs::File::open(path).expect("open rows file");
        std::io::BufReader::new(file)
            .lines()
            .map(|l| l.expect("line"))
            .collect()
    }
    let docs: Vec<DocumentRecord> = lines(&dir.join("documents.jsonl"))
        .iter()
        .map(|l| serde_json::from_str(l).expect("document row"))
        .collect();
    let mut events: HashMap<String, Vec<EventRecord>> = HashMap::new();
    for l in lines(&dir.join("events.jsonl")) {
        let e: EventRecord = serde_json::from_str(&l).expect("event row");
        events.entry(e.doc.clone()).or_default().push(e);
    }
    let mut quotes: HashMap<String, Vec<dyad_out::QuoteRecord>> = HashMap::new();
    for l in lines(&dir.join("quotes.jsonl")) {
        let q: dyad_out::QuoteRecord = serde_json::from_str(&l).expect("quote row");
        quotes.entry(q.doc.clone()).or_default().push(q);
    }
    docs.into_iter()
        .map(|d| Rows {
            events: events.remove(&d.doc).unwrap_or_default(),
            quotes: quotes.remove(&d.doc).unwrap_or_default(),
            document: d,
        })
        .collect()
}

/// The writer thread's work on the rows of a real `dyad code` run (its output directory in
/// `DYAD_ROWS`): the contract's JSONL files alone, the store alone, and both through the
/// sink, as `dyad code` writes them, in batches of 256 documents. Best of `DYAD_ROUNDS` (3).
///
/// `DYAD_ROWS=OUT cargo test --release -p dyad-store --test bench real_rows -- --ignored --nocapture`
#[test]
#[ignore = "benchmark: needs DYAD_ROWS=<output directory of a dyad code run>"]
fn real_rows() {
    let Some(src) = std::env::var_os("DYAD_ROWS") else {
        println!("skipped: DYAD_ROWS not set");
        return;
    };
    let rounds: usize = std::env::var("DYAD_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let rows = rows_of_run(std::path::Path::new(&src));
    let text_mb = rows
        .iter()
        .map(|r| r.document.text.as_deref().map_or(0, str::len))
        .sum::<usize>() as f64
        / 1e6;
    let n_events: usize = rows.iter().map(|r| r.events.len()).sum();
    let n_quotes: usize = rows.iter().map(|r| r.quotes.len()).sum();
    println!(
        "{} documents ({text_mb:.1} MB of cleaned text), {n_events} events, {n_quotes} quotes",
        rows.len()
    );
    let dir = std::env::temp_dir().join(format!("dyad-real-rows-{}", std::process::id()));
    let options = dyad_out::OutputOptions {
        formats: vec![],
        one_a_day: false,
        added: "20260101000000".into(),
    };
    // Wall time varies with the other work on a shared machine; the process's CPU time
    // (user + system, which includes the kernel's file writes) is the steadier figure.
    let best = |name: &str, f: &mut dyn FnMut()| {
        let (mut times, mut cpus) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("dir");
            let (t, c) = (Instant::now(), cpu_seconds());
            f();
            times.push(t.elapsed().as_secs_f64());
            cpus.push(cpu_seconds() - c);
        }
        times.sort_by(f64::total_cmp);
        cpus.sort_by(f64::total_cmp);
        println!(
            "{name:<24} wall best {:.3} s median {:.3} s | CPU best {:.2} s median {:.2} s | {:.1} MB/s of text (best wall)",
            times[0],
            times[times.len() / 2],
            cpus[0],
            cpus[cpus.len() / 2],
            text_mb / times[0]
        );
    };
    best("jsonl (contract files)", &mut || {
        let mut out = dyad_out::Outputs::create(&dir, &options).expect("outputs");
        rows.iter().for_each(|r| out.write(r).expect("write"));
        out.finish().expect("finish");
    });
    best("store", &mut || {
        let mut store = Store::open(&dir.join("dyad.sqlite")).expect("store");
        let run = store.begin_run(&RunSettings::default()).expect("run");
        for chunk in rows.chunks(256) {
            store.add_batch(run, chunk).expect("add");
        }
        store.finish_run(run).expect("finish");
    });
    best("sink (jsonl + store)", &mut || {
        let out = dyad_out::Outputs::create(&dir, &options).expect("outputs");
        let mut store = Store::open(&dir.join("dyad.sqlite")).expect("store");
        let run = store.begin_run(&RunSettings::default()).expect("run");
        let sink = dyad_store::sink::Sink::start(out, Some((store, run)));
        for chunk in rows.chunks(256) {
            sink.send(chunk.to_vec()).expect("send");
        }
        sink.finish().expect("finish");
    });
    let _ = std::fs::remove_dir_all(&dir);
}
