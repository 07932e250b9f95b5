//! Reads every PETRARCH2 dictionary in `../shared/petrarch2/dictionaries`, and checks that
//! importing to dyad's format and exporting back to PETRARCH's is lossless.

use std::path::PathBuf;

use dyad_dict::{export, own, petrarch, recognise, Entries, Format};

fn shared_dir() -> Option<PathBuf> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/petrarch2/dictionaries");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: ../shared not found");
        None
    }
}

fn files() -> Vec<PathBuf> {
    let Some(dir) = shared_dir() else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| recognise(p).is_some());
    v.sort();
    v
}

/// Panics with the first differing entry, not the whole (huge) model.
fn assert_same(a: &Entries, b: &Entries, what: &str) {
    let (a, b) = (a.canonical(), b.canonical());
    fn first<T: PartialEq + std::fmt::Debug>(x: &[T], y: &[T], kind: &str, what: &str) {
        assert_eq!(x.len(), y.len(), "{what}: number of {kind}");
        if let Some(i) = (0..x.len()).find(|&i| x[i] != y[i]) {
            panic!("{what}: {kind}[{i}] differs:\n{:?}\n{:?}", x[i], y[i]);
        }
    }
    first(&a.actors, &b.actors, "actors", what);
    first(&a.agents, &b.agents, "agents", what);
    first(&a.synsets, &b.synsets, "synsets", what);
    first(&a.verb_blocks, &b.verb_blocks, "verb blocks", what);
    first(
        &a.transformations,
        &b.transformations,
        "transformations",
        what,
    );
    first(&a.discards, &b.discards, "discards", what);
    first(
        &a.issue_categories,
        &b.issue_categories,
        "issue categories",
        what,
    );
    first(&a.issues, &b.issues, "issues", what);
    assert!(a == b, "{what}");
}

/// Problems of a re-read that the original reading did not have. An entry kept with a
/// warning (a verb block header with two codes) is written back as read and warned about
/// again; anything else is a loss or a corruption by the writer.
fn new_problems<'a>(
    original: &[dyad_dict::Problem],
    reread: &'a [dyad_dict::Problem],
) -> Vec<&'a dyad_dict::Problem> {
    reread
        .iter()
        .filter(|p| !original.iter().any(|o| o.message == p.message))
        .collect()
}

#[test]
fn every_shared_file_reads_and_round_trips() {
    let files = files();
    if files.is_empty() {
        return;
    }
    assert_eq!(files.len(), 11, "{files:?}");
    for path in files {
        let Some((Format::Petrarch, kind)) = recognise(&path) else {
            panic!("{} not recognised", path.display());
        };
        let text = dyad_dict::read_lossy(&path).expect("readable");
        let mut a = Entries::default();
        let mut problems = Vec::new();
        petrarch::read(kind, "a", &text, &mut a, &mut problems);
        let c = a.counts();
        println!("{}: {:?}; {} problems", path.display(), c, problems.len());
        for p in &problems {
            println!("  {p}");
        }
        let total = c.actors + c.agents + c.synsets + c.verb_blocks + c.discards + c.issues;
        assert!(total > 0, "{}: nothing read", path.display());

        // PETRARCH -> dyad -> model B.
        let own_text = own::write(kind, &a);
        let mut b = Entries::default();
        let mut p2 = Vec::new();
        own::read(kind, "b", &own_text, &mut b, &mut p2);
        let new = new_problems(&problems, &p2);
        assert!(
            new.is_empty(),
            "{}: dyad re-read problems {:?}",
            path.display(),
            &new[..new.len().min(5)]
        );
        assert_same(&a, &b, &format!("{}: import", path.display()));

        // dyad -> PETRARCH -> model C.
        let pet = export::write(kind, &b);
        let mut c2 = Entries::default();
        let mut p3 = Vec::new();
        petrarch::read(kind, "c", &pet, &mut c2, &mut p3);
        let new = new_problems(&problems, &p3);
        assert!(
            new.is_empty(),
            "{}: export re-read problems {:?}",
            path.display(),
            &new[..new.len().min(5)]
        );
        assert_same(&a, &c2, &format!("{}: export", path.display()));
    }
}
