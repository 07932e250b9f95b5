//! The store's identity rules and timelines, on hand-made rows.

use std::path::PathBuf;

use dyad_out::{DocumentRecord, EventRecord, Rows};
use dyad_store::timeline::UNDATED;
use dyad_store::{ActorSpec, Aliases, Period, RunSettings, Store, Table, TimelineQuery};

fn temp_store(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join("dyad.sqlite")
}

fn event(doc: &str, k: usize, date: Option<&str>, src: &str, tgt: &str, code: &str) -> EventRecord {
    let quad = match &code[..2] {
        "01" | "02" | "03" | "04" | "05" => 1,
        "06" | "07" | "08" => 2,
        "09" | "10" | "11" | "12" | "13" | "16" => 3,
        _ => 4,
    };
    EventRecord {
        doc: doc.into(),
        event: format!("{doc}#e{k}"),
        date: date.map(str::to_string),
        date_precision: date.map(|_| "day".to_string()),
        source: src.into(),
        target: Some(tgt.into()),
        code: code.into(),
        root: code[..2].into(),
        quad_class: quad,
        goldstein: if quad <= 2 { 3.0 } else { -4.0 },
        plover: None,
        plover_mode: None,
        issues: vec![],
        sentence: k as u32,
        start: 0,
        end: 1,
        text: "s".into(),
        rule: "test".into(),
        location: None,
        source_name: None,
        target_name: None,
        reports: None,
        evidence: None,
    }
}

fn rows(doc: &str, text: &str, events: Vec<EventRecord>) -> Rows {
    Rows {
        document: DocumentRecord {
            doc: doc.into(),
            status: "coded".into(),
            reason: None,
            headline: None,
            pub_date: Some("2003-01-01".into()),
            dateline: None,
            source: None,
            url: None,
            origin: format!("{doc}.txt"),
            encoding: Some("utf-8".into()),
            text: Some(text.into()),
            sentences: 1,
            events: events.len(),
            quotes: 0,
        },
        events,
        quotes: vec![],
    }
}

/// A deterministic spread of events over years, dyads and codes.
fn corpus() -> Vec<Rows> {
    let actors = ["RUSGOV", "RUSMIL", "IGOWSTNAT", "USAGOV", "UKR"];
    let codes = [
        "010", "042", "057", "061", "0874", "111", "112", "130", "173", "190",
    ];
    let mut out = Vec::new();
    for d in 0..120usize {
        let year = 2001 + d % 5;
        let events = (0..(d % 4))
            .map(|k| {
                let date = format!("{year}-{:02}-{:02}", 1 + (d + k) % 12, 1 + d % 3);
                let dated = (d + k) % 7 != 0;
                event(
                    &format!("d{d}"),
                    k + 1,
                    dated.then_some(date.as_str()),
                    actors[(d + k) % actors.len()],
                    actors[(d * 3 + k + 1) % actors.len()],
                    codes[(d + 2 * k) % codes.len()],
                )
            })
            .collect();
        let mut r = rows(&format!("d{d}"), &format!("text of {d}"), events);
        if d % 5 == 0 {
            // Some stories carry no publication date: their undated events stay undated.
            r.document.pub_date = None;
        }
        out.push(r);
    }
    out
}

fn settings() -> RunSettings {
    RunSettings {
        inputs: vec!["test".into()],
        version: "test".into(),
        ..RunSettings::default()
    }
}

#[test]
fn rerunning_adds_nothing_twice() {
    let path = temp_store("rerun");
    let mut store = Store::open(&path).expect("open");
    let all = corpus();
    let run = store.begin_run(&settings()).expect("run");
    let first = store.add_batch(run, &all).expect("add");
    store.finish_run(run).expect("finish");
    let events = store.events().expect("events");
    assert_eq!(first.added, all.len());
    assert_eq!(
        first.events,
        all.iter().map(|r| r.events.len()).sum::<usize>()
    );

    let run2 = store.begin_run(&settings()).expect("run");
    for chunk in all.chunks(7) {
        let s = store.add_batch(run2, chunk).expect("add");
        assert_eq!((s.added, s.replaced, s.events), (0, 0, 0));
        assert_eq!(s.unchanged, chunk.len());
    }
    assert_eq!(store.events().expect("events"), events);
    assert_eq!(store.count(Table::Documents).expect("count"), all.len());
    let runs = store.runs().expect("runs");
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[1].stats.unchanged, all.len());
    assert_eq!(runs[0].status, "finished");
    // The second run was never finished: it stays marked as running, as a killed run would.
    assert_eq!(runs[1].status, "running");
}

#[test]
fn a_changed_document_replaces_its_events() {
    let path = temp_store("changed");
    let mut store = Store::open(&path).expect("open");
    let run = store.begin_run(&settings()).expect("run");
    let old = rows(
        "a",
        "old text",
        vec![
            event("a", 1, Some("2003-02-01"), "RUSGOV", "IGOWSTNAT", "042"),
            event("a", 2, Some("2003-02-01"), "RUSGOV", "IGOWSTNAT", "111"),
        ],
    );
    let other = rows("b", "b", vec![event("b", 1, None, "UKR", "RUSGOV", "190")]);
    store.add_batch(run, &[old, other]).expect("add");
    let new = rows(
        "a",
        "new text",
        vec![event("a", 1, Some("2003-02-02"), "USAGOV", "RUSGOV", "057")],
    );
    let s = store.add_batch(run, &[new]).expect("add");
    assert_eq!((s.added, s.replaced, s.unchanged, s.events), (0, 1, 0, 1));
    let events = store.events().expect("events");
    assert_eq!(events.len(), 2);
    let a: Vec<&EventRecord> = events.iter().filter(|e| e.doc == "a").collect();
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].code, "057");
    assert_eq!(a[0].date.as_deref(), Some("2003-02-02"));
}

/// Expected counts straight from SQL, independently of the timeline code.
fn sql_counts(store: &Store, a: &str, b: &str) -> Vec<(String, i64, i64, f64)> {
    // An event without its own date counts at its story's publication date.
    let sql = "SELECT COALESCE(substr(COALESCE(e.date, d.pub_date), 1, 4), 'undated') AS y,
                      e.quad_class, COUNT(*), SUM(e.goldstein)
               FROM events e JOIN documents d ON d.doc = e.doc
               WHERE e.source LIKE ?1 || '%' AND e.target LIKE ?2 || '%'
               GROUP BY y, e.quad_class ORDER BY y, e.quad_class";
    let conn = store.connection();
    let mut stmt = conn.prepare(sql).expect("prepare");
    stmt.query_map([a, b], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

#[test]
fn timeline_matches_sql_counts() {
    let path = temp_store("timeline");
    let mut store = Store::open(&path).expect("open");
    let run = store.begin_run(&settings()).expect("run");
    store.add_batch(run, &corpus()).expect("add");
    let aliases = Aliases::shipped();
    let query = TimelineQuery {
        a: ActorSpec::resolve("Russia", &aliases).expect("a"),
        b: ActorSpec::resolve("NATO", &aliases).expect("b"),
        by: Period::Year,
        from: None,
        to: None,
        both_directions: true,
        one_a_day: false,
    };
    let rows = store.timeline(&query).expect("timeline");
    assert!(!rows.is_empty());
    for (dir, (a, b)) in [
        ("Russia>NATO", ("RUS", "IGOWSTNAT")),
        ("NATO>Russia", ("IGOWSTNAT", "RUS")),
    ] {
        let expected = sql_counts(&store, a, b);
        let mine: Vec<_> = rows.iter().filter(|r| r.direction == dir).collect();
        let total: i64 = expected.iter().map(|e| e.2).sum();
        assert_eq!(
            mine.iter().map(|r| r.events as i64).sum::<i64>(),
            total,
            "{dir}"
        );
        for (period, quad, n, gsum) in &expected {
            let row = mine
                .iter()
                .find(|r| &r.period == period)
                .expect("period row");
            assert_eq!(
                row.quad[(*quad - 1) as usize] as i64,
                *n,
                "{dir} {period} quad {quad}"
            );
            let period_sum: f64 = expected
                .iter()
                .filter(|e| &e.0 == period)
                .map(|e| e.3)
                .sum();
            assert!((row.goldstein_sum - period_sum).abs() < 1e-6);
            assert!(gsum.is_finite());
        }
    }
    // Undated events are reported, last.
    let undated: Vec<_> = rows.iter().filter(|r| r.period == UNDATED).collect();
    let dated_after = rows
        .iter()
        .skip_while(|r| r.period != UNDATED)
        .any(|r| r.period != UNDATED);
    assert!(!dated_after);
    let sql_undated: i64 = sql_counts(&store, "RUS", "IGOWSTNAT")
        .iter()
        .chain(&sql_counts(&store, "IGOWSTNAT", "RUS"))
        .filter(|e| e.0 == UNDATED)
        .map(|e| e.2)
        .sum();
    assert_eq!(
        undated.iter().map(|r| r.events as i64).sum::<i64>(),
        sql_undated
    );

    // Bounds drop dated events outside them but keep the undated row.
    let bounded = store
        .timeline(&TimelineQuery {
            from: "2003-01-01".parse().ok(),
            to: "2003-12-31".parse().ok(),
            ..query.clone()
        })
        .expect("timeline");
    assert!(bounded
        .iter()
        .all(|r| r.period == "2003" || r.period == UNDATED));

    // Monthly periods sum to the yearly ones.
    let monthly = store
        .timeline(&TimelineQuery {
            by: Period::Month,
            ..query.clone()
        })
        .expect("timeline");
    for r in rows.iter().filter(|r| r.period != UNDATED) {
        let sum: u64 = monthly
            .iter()
            .filter(|m| m.direction == r.direction && m.period.starts_with(&r.period))
            .map(|m| m.events)
            .sum();
        assert_eq!(sum, r.events);
    }
}

#[test]
fn one_a_day_counts_each_dyad_day_code_once() {
    let path = temp_store("oneaday");
    let mut store = Store::open(&path).expect("open");
    let run = store.begin_run(&settings()).expect("run");
    let same = |doc: &str| {
        rows(
            doc,
            doc,
            vec![event(
                doc,
                1,
                Some("2004-03-03"),
                "RUSGOV",
                "IGOWSTNAT",
                "042",
            )],
        )
    };
    store
        .add_batch(run, &[same("x"), same("y"), same("z")])
        .expect("add");
    let aliases = Aliases::shipped();
    let mut query = TimelineQuery {
        a: ActorSpec::resolve("RUS", &aliases).expect("a"),
        b: ActorSpec::resolve("NATO", &aliases).expect("b"),
        by: Period::Day,
        from: None,
        to: None,
        both_directions: false,
        one_a_day: false,
    };
    assert_eq!(store.timeline(&query).expect("t")[0].events, 3);
    query.one_a_day = true;
    assert_eq!(store.timeline(&query).expect("t")[0].events, 1);
    let reports: i64 = store
        .connection()
        .query_row("SELECT reports FROM events_one_a_day", [], |r| r.get(0))
        .expect("view");
    assert_eq!(reports, 3);
}

#[test]
fn plots_are_drawn_as_svg_and_png() {
    let path = temp_store("plot");
    let mut store = Store::open(&path).expect("open");
    let run = store.begin_run(&settings()).expect("run");
    store.add_batch(run, &corpus()).expect("add");
    let aliases = Aliases::shipped();
    let query = TimelineQuery {
        a: ActorSpec::resolve("Russia", &aliases).expect("a"),
        b: ActorSpec::resolve("NATO", &aliases).expect("b"),
        by: Period::Year,
        from: None,
        to: None,
        both_directions: true,
        one_a_day: false,
    };
    let rows = store.timeline(&query).expect("timeline");
    let dirs = vec!["Russia>NATO".to_string(), "NATO>Russia".to_string()];
    let dir = path.parent().expect("dir");
    let svg = dir.join("t.svg");
    dyad_store::plot::draw(&rows, &dirs, "Russia and NATO", &svg).expect("svg");
    let text = std::fs::read_to_string(&svg).expect("read svg");
    assert!(text.contains("Russia and NATO") && text.contains("verbal cooperation"));
    // Every period is an axis label (the SVG's text elements, trimmed).
    let labels: Vec<&str> = text
        .split("<text")
        .skip(1)
        .filter_map(|t| {
            t.split_once('>')
                .and_then(|(_, rest)| rest.split_once("</text>"))
        })
        .map(|(inner, _)| inner.trim())
        .collect();
    for r in &rows {
        assert!(labels.contains(&r.period.as_str()), "label {}", r.period);
    }
    assert!(labels.contains(&UNDATED));
    let png = dir.join("t.png");
    dyad_store::plot::draw(&rows, &dirs, "Russia and NATO", &png).expect("png");
    let bytes = std::fs::read(&png).expect("read png");
    assert_eq!(&bytes[1..4], b"PNG");
    assert!(dyad_store::plot::draw(&rows, &dirs, "x", &dir.join("t.gif")).is_err());
}
