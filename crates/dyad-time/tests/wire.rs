//! Real wire sentences from ../shared (PETRARCH2's GigaWord sample and validation records,
//! each with a `date`): every relative day-precise expression lands within two weeks of the
//! publication date, and nothing panics.

use std::path::PathBuf;

use dyad_doc::{Date, DatePrecision, Document, Span};
use dyad_time::resolve_times;

fn shared(file: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/petrarch2/text")
        .join(file);
    std::fs::read_to_string(path).ok()
}

/// (date attribute, text) of every `<Sentence date = "YYYYMMDD" …><Text>…</Text>` record.
fn records(xml: &str) -> Vec<(Option<Date>, String)> {
    let mut out = Vec::new();
    for rec in xml.split("<Sentence ").skip(1) {
        let date = rec
            .split("date")
            .nth(1)
            .and_then(|r| r.split('"').nth(1))
            .filter(|d| d.len() == 8)
            .and_then(|d| {
                format!("{}-{}-{}", &d[0..4], &d[4..6], &d[6..8])
                    .parse()
                    .ok()
            });
        let text = rec
            .split("<Text>")
            .nth(1)
            .and_then(|r| r.split("</Text>").next())
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
        if let Some(text) = text {
            out.push((date, text));
        }
    }
    out
}

#[test]
fn wire_sentences() {
    let Some(files) = ["GigaWord.sample.PETR.xml", "PETR.UnitTest.records.xml"]
        .into_iter()
        .map(shared)
        .collect::<Option<Vec<String>>>()
    else {
        println!("skipped: ../shared not found");
        return;
    };
    let show = std::env::var_os("DYAD_SHOW_TIMES").is_some();
    let (mut sentences, mut found) = (0, 0);
    for xml in &files {
        for (pub_date, text) in records(xml) {
            let mut d = Document {
                paragraphs: vec![Span::new(0, text.len())],
                text,
                ..Default::default()
            };
            d.meta.pub_date = pub_date;
            dyad_segment::segment(&mut d);
            resolve_times(&mut d);
            sentences += 1;
            for t in &d.times {
                found += 1;
                if show {
                    println!(
                        "{:?} [{:?}] -> {} {} ({})",
                        d.slice(t.span),
                        pub_date.map(|p| p.to_string()),
                        t.date,
                        t.precision.as_str(),
                        t.rule
                    );
                }
                let relative = !t.rule.contains("year")
                    && !t.rule.starts_with("day-month")
                    && !t.rule.starts_with("month-day")
                    && !t.rule.starts_with("iso");
                if let (Some(p), DatePrecision::Day, true) = (pub_date, t.precision, relative) {
                    let days = (t.date - p).get_days().abs();
                    assert!(
                        days <= 14,
                        "{:?} on {p} resolved to {}",
                        d.slice(t.span),
                        t.date
                    );
                }
            }
        }
    }
    println!("{sentences} wire sentences, {found} time expressions");
    assert!(sentences > 300 && found > 50);
}
