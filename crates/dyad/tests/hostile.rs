//! End to end: `dyad code` on a directory of hostile inputs beside valid ones. Every input
//! document must come out as exactly one row of `documents.jsonl`, coded or skipped with a
//! reason naming its file (and line), and the run must neither fail nor panic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// CRC-32 (IEEE), bit by bit: the gzip trailer needs it and the test wants no extra crate.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A valid gzip file holding `data` in stored (uncompressed) deflate blocks.
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let chunks: Vec<&[u8]> = data.chunks(0xffff).collect();
    if chunks.is_empty() {
        out.extend([1, 0, 0, 0xff, 0xff]);
    }
    for (i, chunk) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        let len = chunk.len() as u16;
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend(*chunk);
    }
    out.extend(crc32(data).to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    out
}

fn story(n: usize) -> String {
    format!(
        "Foreign ministers met in the capital on Tuesday for round {n} of talks. \
         The minister said the two governments would continue to cooperate on trade."
    )
}

fn jsonl_line(id: Option<&str>, text: &str) -> String {
    let mut obj = serde_json::Map::new();
    if let Some(id) = id {
        obj.insert("id".into(), Value::String(id.into()));
    }
    obj.insert("text".into(), Value::String(text.into()));
    obj.insert("date".into(), Value::String("2005-06-24".into()));
    Value::Object(obj).to_string()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).expect("writing a test input");
}

/// What each document row must say: coded, or skipped with these words in the reason.
enum Want {
    Coded,
    Skipped(&'static [&'static str]),
}

#[test]
fn hostile_inputs_are_all_accounted_for() {
    let root =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let input = root.join("in");
    let out = root.join("out");
    std::fs::create_dir_all(&input).expect("test dir");

    let mut want: BTreeMap<String, Want> = BTreeMap::new();

    // Valid inputs.
    write(
        &input,
        "good.txt",
        format!("{}\n\n{}\n", story(1), story(2)),
    );
    want.insert("good.txt".into(), Want::Coded);
    write(
        &input,
        "page.html",
        format!(
            "<!DOCTYPE html><html><head><title>Talks</title></head><body><article><p>{}</p><p>{}",
            story(3),
            story(4)
        ),
    );
    want.insert("page.html".into(), Want::Coded);

    let mut feed = Vec::new();
    feed.extend(jsonl_line(Some("feed-1"), &story(5)).into_bytes());
    feed.extend(b"\n{\"id\": \"feed-2\", \"text\": \"unterminated\n");
    feed.extend(b"{\"id\": \"feed-3\", \"text\": \"Caf\xe9 talks in Gen\xe8ve.\"}\n");
    feed.extend(b"{\"id\": \"feed-4\", \"title\": \"no body at all\"}\n");
    feed.extend(jsonl_line(None, &story(6)).into_bytes());
    feed.push(b'\n');
    write(&input, "feed.jsonl", feed);
    want.insert("feed-1".into(), Want::Coded);
    want.insert(
        "feed.jsonl:2".into(),
        Want::Skipped(&["feed.jsonl:2", "JSON"]),
    );
    want.insert(
        "feed.jsonl:3".into(),
        Want::Skipped(&["feed.jsonl:3", "UTF-8"]),
    );
    want.insert("feed-4".into(), Want::Skipped(&["feed.jsonl:4", "text"]));
    want.insert("feed.jsonl:5".into(), Want::Coded);

    let news = format!(
        "{}\n{}\n",
        jsonl_line(Some("gz-1"), &story(7)),
        jsonl_line(Some("gz-2"), &story(8))
    );
    write(&input, "news.jsonl.gz", gzip_stored(news.as_bytes()));
    want.insert("gz-1".into(), Want::Coded);
    want.insert("gz-2".into(), Want::Coded);

    // A gzip stream cut in the middle of its fourth line: three lines survive.
    let lines: Vec<String> = (1..=6)
        .map(|i| jsonl_line(Some(&format!("cut-{i}")), &story(10 + i)))
        .collect();
    let whole = lines.join("\n");
    let gz = gzip_stored(whole.as_bytes());
    let fourth_starts = lines[..3].iter().map(|l| l.len() + 1).sum::<usize>();
    // Header (10 bytes) and block header (5 bytes) precede the stored data.
    write(&input, "cut.jsonl.gz", &gz[..15 + fourth_starts + 20]);
    for i in 1..=3 {
        want.insert(format!("cut-{i}"), Want::Coded);
    }
    want.insert(
        "cut.jsonl.gz:4".into(),
        Want::Skipped(&["cut.jsonl.gz:4", "truncated gzip"]),
    );

    // A line beyond the 64 MiB cap between two good ones.
    let mut huge = jsonl_line(Some("huge-1"), &story(20)).into_bytes();
    huge.extend(b"\n{\"id\": \"huge-2\", \"text\": \"");
    huge.resize(huge.len() + (65 << 20), b'x');
    huge.extend(b"\"}\n");
    huge.extend(jsonl_line(Some("huge-3"), &story(21)).into_bytes());
    write(&input, "huge.jsonl", huge);
    want.insert("huge-1".into(), Want::Coded);
    want.insert(
        "huge.jsonl:2".into(),
        Want::Skipped(&["huge.jsonl:2", "limit"]),
    );
    want.insert("huge-3".into(), Want::Coded);

    write(
        &input,
        "blob.bin",
        [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    );
    want.insert("blob.bin".into(), Want::Skipped(&["blob.bin", "binary"]));
    write(&input, "empty.txt", b"");
    want.insert("empty.txt".into(), Want::Skipped(&["empty.txt", "empty"]));
    write(&input, "blank.txt", " \n\t \r\n ");
    want.insert("blank.txt".into(), Want::Skipped(&["blank.txt", "empty"]));
    write(
        &input,
        "records.xml",
        "<Sentences>\n<Sentence date=\"20050624\" id=\"xml-1\">\n<Text>The minister said the governments would cooperate.</Text>\n</Sentence>\n<Sentence date=\"20050624\" id=\"xml-2\">\n<Text>Cut off",
    );
    want.insert("xml-1".into(), Want::Coded);
    want.insert("xml-2".into(), Want::Skipped(&["records.xml:5", "XML"]));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("nowhere"), input.join("dangling.txt"))
            .expect("symlink");
        want.insert("dangling.txt".into(), Want::Skipped(&["dangling.txt"]));
    }

    let run = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("code")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("running dyad");
    let stderr = String::from_utf8_lossy(&run.stderr);
    println!("{stderr}");
    assert!(run.status.success(), "dyad failed: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let documents = std::fs::read_to_string(out.join("documents.jsonl")).expect("documents.jsonl");
    let rows: Vec<Value> = documents
        .lines()
        .map(|l| serde_json::from_str(l).expect("each row is JSON"))
        .collect();
    let mut seen = BTreeMap::new();
    for row in &rows {
        let doc = row["doc"].as_str().expect("doc id").to_string();
        assert!(
            seen.insert(doc.clone(), row).is_none(),
            "two rows for {doc}"
        );
    }
    assert_eq!(
        seen.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "one row per input document"
    );
    for (doc, expect) in &want {
        let row = seen[doc];
        match expect {
            Want::Coded => {
                assert_eq!(row["status"], "coded", "{doc}: {row}");
                assert!(row["reason"].is_null());
            }
            Want::Skipped(words) => {
                assert_eq!(row["status"], "skipped", "{doc}: {row}");
                let reason = row["reason"].as_str().expect("a skipped row has a reason");
                for w in *words {
                    assert!(reason.contains(w), "{doc}: reason {reason:?} lacks {w:?}");
                }
            }
        }
    }

    let skipped = want
        .values()
        .filter(|w| matches!(w, Want::Skipped(_)))
        .count();
    assert!(
        stderr.contains(&format!("{skipped} skipped")),
        "the run summary must count the skips: {stderr}"
    );
    for kind in ["binary", "truncated-gzip", "malformed-jsonl", "too-large"] {
        assert!(
            stderr.contains(kind),
            "the run summary must mention {kind}: {stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn stdin_is_read_as_dash_even_gzipped() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("hostile-stdin-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let out = root.join("out");
    let body = format!(
        "{}\n{{\"text\": broken}}\n{}\n",
        jsonl_line(Some("in-1"), &story(30)),
        jsonl_line(None, &story(31))
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("code")
        .arg("-")
        .arg("--out")
        .arg(&out)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("running dyad");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(&gzip_stored(body.as_bytes()))
            .expect("writing stdin");
    }
    let run = child.wait_with_output().expect("dyad finishes");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "dyad failed: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let documents = std::fs::read_to_string(out.join("documents.jsonl")).expect("documents.jsonl");
    let rows: Vec<(String, String, String)> = documents
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("JSON row");
            (
                v["doc"].as_str().unwrap_or_default().to_string(),
                v["status"].as_str().unwrap_or_default().to_string(),
                v["reason"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!((rows[0].0.as_str(), rows[0].1.as_str()), ("in-1", "coded"));
    assert_eq!((rows[1].0.as_str(), rows[1].1.as_str()), ("-:2", "skipped"));
    assert!(
        rows[1].2.starts_with("-:2: malformed JSON"),
        "{}",
        rows[1].2
    );
    assert_eq!((rows[2].0.as_str(), rows[2].1.as_str()), ("-:3", "coded"));
    let _ = std::fs::remove_dir_all(&root);
}
