//! The store under real `dyad code` runs: a run killed part-way and started again ends with
//! exactly what a clean run gives; re-running adds nothing; timelines agree with the store.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dyad_store::{Store, Table};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-bin-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Writes `n` small, varied news-like articles, one file each.
fn generate(dir: &Path, n: usize) {
    let subjects = [
        "Officials in Warsaw",
        "The foreign minister of Peru",
        "Protesters in Lagos",
        "The defence ministry",
        "Lawmakers in Brasilia",
        "The prime minister of Japan",
        "Russian diplomats",
    ];
    let verbs = [
        "criticised",
        "praised",
        "met",
        "accused",
        "signed an agreement with",
        "threatened",
        "demanded talks with",
    ];
    let objects = [
        "NATO",
        "the government of Kenya",
        "neighbouring Chile",
        "the United Nations",
        "rebel groups",
        "the European Union",
    ];
    std::fs::create_dir_all(dir).expect("input dir");
    for i in 0..n {
        let text = format!(
            "Report number {i}\n\n{} {} {} on Tuesday, officials said.\n\n\
             \"We will not accept this,\" said a spokesman, Daniel Okafor, in a statement \
             issued on {} March {}.\n",
            subjects[i % subjects.len()],
            verbs[(i / 7) % verbs.len()],
            objects[(i / 49) % objects.len()],
            1 + i % 28,
            2001 + i % 5,
        );
        std::fs::write(dir.join(format!("a{i:05}.txt")), text).expect("write article");
    }
}

fn code(input: &Path, out: &Path, store: &Path) {
    let status = dyad()
        .args(["code"])
        .arg(input)
        .arg("--out")
        .arg(out)
        .arg("--store")
        .arg(store)
        .stderr(Stdio::null())
        .status()
        .expect("run dyad code");
    assert!(status.success());
}

/// Everything a store holds, in a comparable form.
fn contents(
    path: &Path,
) -> (
    Vec<(String, String)>,
    Vec<dyad_out::EventRecord>,
    Vec<dyad_out::QuoteRecord>,
) {
    let store = Store::open(path).expect("open store");
    (
        store.document_hashes().expect("documents"),
        store.events().expect("events"),
        store.quotes().expect("quotes"),
    )
}

fn documents_in(path: &Path) -> usize {
    // A reader beside the running writer: WAL lets it see committed batches only.
    Store::open(path)
        .and_then(|s| s.count(Table::Documents))
        .unwrap_or(0)
}

#[test]
fn killed_run_resumes_to_the_clean_result() {
    let dir = temp_dir("kill");
    let input = dir.join("in");
    let n = 1200;
    generate(&input, n);

    let clean = dir.join("clean.sqlite");
    code(&input, &dir.join("out-clean"), &clean);
    let expected = contents(&clean);
    assert_eq!(expected.0.len(), n);

    // Kill (SIGKILL) a run once some batches are committed and before it ends.
    let killed = dir.join("killed.sqlite");
    let mut child = dyad()
        .args(["code"])
        .arg(&input)
        .arg("--out")
        .arg(dir.join("out-killed"))
        .arg("--store")
        .arg(&killed)
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn dyad code");
    let started = Instant::now();
    let mut at_kill = 0;
    while started.elapsed() < Duration::from_secs(120) {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        at_kill = documents_in(&killed);
        if at_kill > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("kill"); // SIGKILL on Unix
    let _ = child.wait();
    let after_kill = documents_in(&killed);
    assert!(
        after_kill > 0 && after_kill < n,
        "the run was killed part-way ({after_kill} of {n} documents stored)"
    );
    assert!(after_kill >= at_kill);

    code(&input, &dir.join("out-rerun"), &killed);
    let got = contents(&killed);
    assert_eq!(got.0, expected.0, "documents and hashes");
    assert_eq!(got.1, expected.1, "events");
    assert_eq!(got.2, expected.2, "quotes");

    let runs = Store::open(&killed).expect("open").runs().expect("runs");
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].status, "running", "the killed run never finished");
    assert_eq!(runs[0].stats.added, after_kill);
    assert_eq!(runs[1].status, "finished");
    assert_eq!(runs[1].stats.unchanged, after_kill);
    assert_eq!(runs[1].stats.added, n - after_kill);
    println!(
        "killed after {after_kill} of {n} documents; {} events, {} quotes in both stores",
        got.1.len(),
        got.2.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rerunning_the_same_input_adds_nothing() {
    let dir = temp_dir("rerun");
    let input = dir.join("in");
    generate(&input, 300);
    let store = dir.join("s.sqlite");
    code(&input, &dir.join("o1"), &store);
    let first = contents(&store);
    code(&input, &dir.join("o2"), &store);
    assert_eq!(contents(&store), first);
    let runs = Store::open(&store).expect("open").runs().expect("runs");
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[1].stats.added, 0);
    assert_eq!(runs[1].stats.replaced, 0);
    assert_eq!(runs[1].stats.unchanged, 300);

    // A changed article replaces its document; the others stay.
    std::fs::write(
        input.join("a00007.txt"),
        "A different story.\n\nNothing else.\n",
    )
    .expect("write");
    code(&input, &dir.join("o3"), &store);
    let runs = Store::open(&store).expect("open").runs().expect("runs");
    assert_eq!(runs[2].stats.replaced, 1);
    assert_eq!(runs[2].stats.unchanged, 299);
    assert_eq!(contents(&store).0.len(), 300);
    let _ = std::fs::remove_dir_all(&dir);
}

fn seeds() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    p.is_dir().then_some(p)
}

/// The seeds coded into a store, then the Russia–NATO timeline by year: its numbers are the
/// store's own (SQL counts per year and QuadClass).
#[test]
fn seed_timeline_agrees_with_the_store() {
    let Some(seeds) = seeds() else {
        println!("skipped: ../shared not found");
        return;
    };
    let dir = temp_dir("seeds");
    let store_path = dir.join("s.sqlite");
    code(&seeds, &dir.join("out"), &store_path);
    let out = dyad()
        .args(["timeline", "--store"])
        .arg(&store_path)
        .args(["--dyad", "Russia,NATO", "--by", "year", "--both-directions"])
        .output()
        .expect("run dyad timeline");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(dyad_store::timeline::CSV_HEADER.join(",").as_str())
    );
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();

    let store = Store::open(&store_path).expect("open");
    let conn = store.connection();
    for (dir_label, a, b) in [
        ("Russia>NATO", "RUS", "IGOWSTNAT"),
        ("NATO>Russia", "IGOWSTNAT", "RUS"),
    ] {
        let mut stmt = conn
            .prepare(
                "SELECT COALESCE(substr(COALESCE(e.date, d.pub_date), 1, 4), 'undated'),
                        e.quad_class, COUNT(*)
                 FROM events e JOIN documents d ON d.doc = e.doc
                 WHERE e.source LIKE ?1 || '%' AND e.target LIKE ?2 || '%'
                 GROUP BY 1, 2",
            )
            .expect("prepare");
        let expected: Vec<(String, usize, i64)> = stmt
            .query_map([a, b], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? as usize, r.get(2)?))
            })
            .expect("query")
            .map(|r| r.expect("row"))
            .collect();
        let mine: Vec<&Vec<String>> = rows.iter().filter(|r| r[1] == dir_label).collect();
        let total: i64 = expected.iter().map(|e| e.2).sum();
        let printed: i64 = mine
            .iter()
            .map(|r| r[2].parse::<i64>().expect("events"))
            .sum();
        assert_eq!(
            printed, total,
            "{dir_label}: events in the CSV and in the store"
        );
        for (period, quad, n) in &expected {
            let row = mine
                .iter()
                .find(|r| &r[0] == period)
                .expect("a row for every period with events");
            assert_eq!(row[2 + quad].parse::<i64>().expect("count"), *n);
        }
    }
    let events = store.count(Table::Events).expect("count");
    let years: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    if rows.is_empty() {
        println!("note: the coder produced {events} events on the seeds, none Russia-NATO");
    } else {
        // The seeds' Russia-NATO stories span 2001, 2003, 2004 and 2005, and one story
        // (the Moscow Times) carries no date.
        println!("seed timeline periods: {years:?}");
        for y in ["2001", "2003", "2004", "2005", "undated"] {
            assert!(
                years.contains(&y),
                "no Russia-NATO events for {y}: {years:?}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
