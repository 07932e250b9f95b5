//! Runs PETRARCH's validation suite (`../shared/petrarch2/text/PETR.UnitTest.records.xml`)
//! with the `PETR.Validate.*` dictionaries and checks the pass rate does not fall below the
//! last measured figure. Skipped when `../shared` is absent.

use std::path::{Path, PathBuf};

use dyad_code::validate;
use dyad_code::Coder;

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.is_dir().then_some(p)
}

fn coder(shared: &Path) -> Coder {
    let d = shared.join("petrarch2/dictionaries");
    let files: Vec<PathBuf> = ["verbs", "actors", "agents", "discards"]
        .iter()
        .map(|k| d.join(format!("PETR.Validate.{k}.txt")))
        .collect();
    Coder::from_files(&files).expect("validation dictionaries load")
}

fn run(use_parse: bool) -> Option<validate::Report> {
    let Some(shared) = shared() else {
        println!("skipped: ../shared not found");
        return None;
    };
    let suite = validate::read_file(&shared.join("petrarch2/text/PETR.UnitTest.records.xml"))
        .expect("suite reads");
    let report = validate::run(&suite, &coder(&shared), use_parse);
    for r in report.results.iter().filter(|r| !r.pass && r.counted) {
        println!(
            "FAIL {} [{}] {}\n  expected {:?}\n  got {:?}",
            r.id, r.category, r.text, r.expected, r.got
        );
    }
    for (cat, (p, n)) in &report.by_category {
        println!("{cat}: {p}/{n}");
    }
    println!(
        "passed {}/{} = {:.1}% (use_parse={use_parse})",
        report.passed,
        report.counted,
        100.0 * report.rate()
    );
    Some(report)
}

#[test]
fn suite_from_text_alone() {
    // Just below the last measured figure; ratchet up as the coder improves.
    const FLOOR: f64 = 0.895;
    let Some(report) = run(false) else { return };
    assert!(
        report.counted > 250,
        "suite has {} counted records",
        report.counted
    );
    assert!(report.rate() >= FLOOR, "pass rate {:.3}", report.rate());
}

#[test]
fn suite_with_supplied_parses() {
    const FLOOR: f64 = 0.92;
    let Some(report) = run(true) else { return };
    assert!(report.rate() >= FLOOR, "pass rate {:.3}", report.rate());
}

/// The same suite with the dictionaries written out by `dyad-dict`'s PETRARCH writer and read
/// back (the round trip `dyad dict export` makes): the result must not change.
#[test]
fn suite_through_dyad_dict_export() {
    let Some(shared) = shared() else {
        println!("skipped: ../shared not found");
        return;
    };
    let d = shared.join("petrarch2/dictionaries");
    let files: Vec<PathBuf> = ["verbs", "actors", "agents", "discards"]
        .iter()
        .map(|k| d.join(format!("PETR.Validate.{k}.txt")))
        .collect();
    let dict = dyad_dict::Dictionary::load(&files).expect("dyad-dict reads the files");
    let mut round_trip = dyad_dict::Dictionary::default();
    for kind in [
        dyad_dict::Kind::Verbs,
        dyad_dict::Kind::Actors,
        dyad_dict::Kind::Agents,
        dyad_dict::Kind::Discards,
    ] {
        let text = dyad_dict::export::write(kind, &dict.entries);
        round_trip.read_text(dyad_dict::Format::Petrarch, kind, "exported", &text);
    }
    let coder = Coder::new(std::sync::Arc::new(round_trip));
    let suite = validate::read_file(&shared.join("petrarch2/text/PETR.UnitTest.records.xml"))
        .expect("suite reads");
    let direct = validate::run(&suite, &self::coder(&shared), false);
    let exported = validate::run(&suite, &coder, false);
    println!("direct {} / exported {}", direct.passed, exported.passed);
    for (a, b) in direct.results.iter().zip(&exported.results) {
        if a.pass != b.pass {
            println!(
                "differs: {} direct={} exported={} got {:?}",
                a.id, a.pass, b.pass, b.got
            );
        }
    }
    assert!(
        exported.passed == direct.passed,
        "export round trip changes the result: {} vs {}",
        exported.passed,
        direct.passed
    );
}
