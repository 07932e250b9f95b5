//! `dyad code --format ... --one-a-day` end to end: every requested file is written, the
//! event formats agree on the number of events, and the run's settings are in the store.

use std::path::{Path, PathBuf};
use std::process::Command;

use dyad_store::Store;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-outputs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .expect("read output")
        .lines()
        .count()
}

fn input() -> PathBuf {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    if seeds.is_dir() {
        return seeds;
    }
    // Without ../shared, a few written articles do.
    let dir = temp_dir("input");
    for i in 0..20 {
        let text = format!(
            "Talks number {i}\n\nRussia criticised NATO on Monday.\n\n\
             \"This is unacceptable,\" said Sergei Lavrov, the foreign minister.\n"
        );
        std::fs::write(dir.join(format!("{i}.txt")), text).expect("write");
    }
    dir
}

#[test]
fn every_format_is_written_and_agrees() {
    let dir = temp_dir("all");
    let out = dir.join("out");
    let store = dir.join("runs.sqlite");
    let status = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("code")
        .arg(input())
        .arg("--out")
        .arg(&out)
        .args([
            "--format",
            "jsonl,csv,parquet,petrarch",
            "--one-a-day",
            "--store",
        ])
        .arg(&store)
        .status()
        .expect("run dyad code");
    assert!(status.success());
    for f in [
        "documents.jsonl",
        "events.jsonl",
        "quotes.jsonl",
        "events.csv",
        "events.petrarch.txt",
        "events.parquet",
        "documents.parquet",
        "quotes.parquet",
    ] {
        assert!(out.join(f).is_file(), "{f} written");
    }
    let events = lines(&out.join("events.jsonl"));
    assert_eq!(
        lines(&out.join("events.csv")),
        events + 1,
        "CSV rows + header"
    );
    assert_eq!(lines(&out.join("events.petrarch.txt")), events);
    let header = std::fs::read_to_string(out.join("events.csv")).expect("csv");
    let header = header.lines().next().expect("header");
    assert_eq!(header, dyad_out::gdelt::GDELT_COLUMNS.join(","));
    let par = std::fs::read(out.join("events.parquet")).expect("parquet");
    assert_eq!(&par[..4], b"PAR1");

    let runs = Store::open(&store).expect("store").runs().expect("runs");
    assert_eq!(runs.len(), 1);
    let settings = &runs[0].settings;
    assert_eq!(settings["one_a_day"], true);
    assert_eq!(settings["formats"][2], "parquet");
    assert_eq!(runs[0].status, "finished");
    // One-a-day: every event line carries its reports and evidence.
    for line in std::fs::read_to_string(out.join("events.jsonl"))
        .expect("events")
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let evidence = v["evidence"].as_array().expect("evidence");
        assert_eq!(v["reports"].as_u64(), Some(evidence.len() as u64));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_formats_are_refused() {
    let dir = temp_dir("bad");
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("code")
        .arg(input())
        .arg("--out")
        .arg(dir.join("out"))
        .args(["--format", "jsonl,xlsx"])
        .output()
        .expect("run dyad code");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("xlsx"));
    let _ = std::fs::remove_dir_all(&dir);
}
