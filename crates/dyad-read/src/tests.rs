//! Tests of the whole reader: files are built byte by byte in a scratch directory.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use dyad_doc::{Body, Date};

use super::*;
use crate::stream::tests::gzip;

/// A scratch directory removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "dyad-read-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("scratch subdir");
        }
        std::fs::write(&path, bytes).expect("scratch file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn read(paths: &[PathBuf]) -> Vec<Item> {
    read_inputs(paths).collect()
}

fn read_one(path: &Path) -> Vec<Item> {
    read(&[path.to_path_buf()])
}

fn article(item: &Item) -> &Article {
    match item {
        Item::Article(a) => a,
        Item::Skipped(s) => panic!("expected an article, got skipped: {}", s.reason),
    }
}

fn skip(item: &Item) -> &Skipped {
    match item {
        Item::Skipped(s) => s,
        Item::Article(a) => panic!("expected a skip, got article {}", a.id),
    }
}

fn body(a: &Article) -> &str {
    match &a.body {
        Body::Text(t) | Body::Html(t) | Body::Sentence(t) => t,
    }
}

#[test]
fn plain_text_file_is_one_article_named_by_its_file() {
    let s = Scratch::new();
    let p = s.write("story.txt", "MOSCOW -- Talks resumed.\n\nMore text.\n");
    let items = read_one(&p);
    assert_eq!(items.len(), 1);
    let a = article(&items[0]);
    assert_eq!(a.id, "story.txt");
    assert_eq!(a.origin.path, p.display().to_string());
    assert_eq!(a.origin.line, None);
    assert!(matches!(&a.body, Body::Text(t) if t.starts_with("MOSCOW")));
    assert_eq!(a.encoding, "utf-8");
}

#[test]
fn html_by_extension_by_tags_and_broken_html() {
    let s = Scratch::new();
    let by_ext = s.write("a.html", "Just words, no tags");
    let by_tags = s.write("b", "<!DOCTYPE html><html><body><p>Hi</p></body></html>");
    let broken = s.write("c.htm", "<html><body><p>Unclosed <b>bold <div>and more");
    for p in [by_ext, by_tags, broken] {
        let items = read_one(&p);
        assert!(
            matches!(article(&items[0]).body, Body::Html(_)),
            "{}",
            p.display()
        );
    }
}

#[test]
fn directories_are_recursive_sorted_relative_and_account_for_hidden_entries() {
    let s = Scratch::new();
    s.write("in/b.txt", "bee");
    s.write("in/a.txt", "ay");
    s.write("in/sub/c.txt", "see");
    s.write("in/.hidden/d.txt", "dee");
    s.write("in/.hidden/e.txt", "eee");
    s.write("in/.DS_Store", [0u8, 1, 2]);
    s.write("in/sub/.notes.txt", "plain words");
    let items = read_one(&s.0.join("in"));
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|i| match i {
            Item::Article(a) => Some(a.id.as_str()),
            Item::Skipped(_) => None,
        })
        .collect();
    assert_eq!(ids, ["a.txt", "b.txt", "sub/c.txt"]);
    // Every hidden entry is one skipped row in its sorted place; a hidden directory is one
    // row, its files are neither read nor listed.
    let all: Vec<(&str, &str)> = items
        .iter()
        .map(|i| match i {
            Item::Article(a) => (a.id.as_str(), "article"),
            Item::Skipped(k) => (k.id.as_str(), k.kind.as_str()),
        })
        .collect();
    assert_eq!(
        all,
        [
            (".DS_Store", "hidden-file"),
            (".hidden", "hidden-directory"),
            ("a.txt", "article"),
            ("b.txt", "article"),
            ("sub/.notes.txt", "hidden-file"),
            ("sub/c.txt", "article"),
        ]
    );
    let k = skip(&items[4]);
    assert!(k.reason.contains(".notes.txt"), "{}", k.reason);
    assert!(k.reason.contains("hidden file"), "{}", k.reason);
    assert_eq!(k.origin.line, None);
    // A hidden file or directory named as an INPUT is read like any other.
    let items = read(&[s.0.join("in/sub/.notes.txt"), s.0.join("in/.hidden")]);
    let ids: Vec<&str> = items.iter().map(|i| article(i).id.as_str()).collect();
    assert_eq!(ids, [".notes.txt", "d.txt", "e.txt"]);
    // Several INPUTs keep their argument order.
    let items = read(&[s.0.join("in/sub"), s.0.join("in/a.txt")]);
    let ids: Vec<&str> = items
        .iter()
        .map(|i| match i {
            Item::Article(a) => a.id.as_str(),
            Item::Skipped(k) => k.id.as_str(),
        })
        .collect();
    assert_eq!(ids, [".notes.txt", "c.txt", "a.txt"]);
}

#[test]
fn files_are_opened_only_when_the_iterator_reaches_them() {
    let s = Scratch::new();
    let a = s.write("a.txt", "first");
    let b = s.write("b.txt", "second");
    let mut it = read_inputs(&[a, b.clone()]);
    assert!(matches!(it.next(), Some(Item::Article(_))));
    std::fs::remove_file(&b).expect("remove");
    let gone = it.next().expect("an item for b");
    assert_eq!(skip(&gone).kind, "unreadable");
    assert!(it.next().is_none());
}

#[test]
fn missing_paths_are_unreadable_not_fatal() {
    let s = Scratch::new();
    let ok = s.write("ok.txt", "fine");
    let items = read(&[s.0.join("nope.txt"), ok]);
    assert_eq!(items.len(), 2);
    let k = skip(&items[0]);
    assert_eq!(k.kind, "unreadable");
    assert!(k.reason.contains("nope.txt"), "{}", k.reason);
    assert_eq!(article(&items[1]).id, "ok.txt");
}

#[test]
fn jsonl_fields_ids_and_extras() {
    let s = Scratch::new();
    let lines = [
        r#"{"id":"a1","text":"Body one.","title":"T","date":"2005-06-24","url":"http://x","source":"RFE/RL","lang":"en","tags":["x"]}"#,
        r#"{"text":"No id here.","date":"20050625"}"#,
        "",
        r#"{"id":7,"html":"<p>Para</p>"}"#,
        r#"{"id":"s","text":"Russia warned NATO.","parse":"(ROOT (S (NP (NNP Russia)) (VP (VBD warned) (NP (NNP NATO))) (. .)))"}"#,
        r#"{"id":"d","text":"Bad date.","date":"June 24"}"#,
    ];
    let p = s.write("feed.jsonl", lines.join("\n"));
    let items = read_one(&p);
    assert_eq!(items.len(), 5);

    let a = article(&items[0]);
    assert_eq!(a.id, "a1");
    assert_eq!(a.origin.line, Some(1));
    assert_eq!(a.title.as_deref(), Some("T"));
    assert_eq!(a.date, Date::new(2005, 6, 24).ok());
    assert_eq!(a.url.as_deref(), Some("http://x"));
    assert_eq!(a.source.as_deref(), Some("RFE/RL"));
    assert_eq!(a.extra.get("lang").and_then(|v| v.as_str()), Some("en"));
    assert!(a.extra.contains_key("tags"));
    assert!(!a.extra.contains_key("text"));

    let b = article(&items[1]);
    assert_eq!(b.id, "feed.jsonl:2");
    assert_eq!(b.date, Date::new(2005, 6, 25).ok());

    let c = article(&items[2]);
    assert_eq!(c.id, "7");
    assert_eq!(c.origin.line, Some(4));
    assert!(matches!(&c.body, Body::Html(h) if h == "<p>Para</p>"));

    let d = article(&items[3]);
    assert!(matches!(&d.body, Body::Sentence(t) if t == "Russia warned NATO."));
    assert!(d.parse.as_deref().is_some_and(|p| p.starts_with("(ROOT")));

    let e = article(&items[4]);
    assert_eq!(e.date, None);
    let note = e
        .extra
        .get("date_error")
        .and_then(|v| v.as_str())
        .unwrap_or("");
    assert!(
        note.contains("feed.jsonl:6") && note.contains("June 24"),
        "{note}"
    );
}

#[test]
fn json_documents_arrays_and_pretty_objects() {
    let s = Scratch::new();
    let array = "[\n  {\"id\": \"a\", \"text\": \"First story.\"},\n  {\"text\": \"Second story.\", \"date\": \"2001-11-23\"},\n  \"not an object\",\n  {\"title\": \"no text\"}\n]\n";
    let items = read_one(&s.write("batch.json", array));
    assert_eq!(items.len(), 4);
    assert_eq!(article(&items[0]).id, "a");
    let b = article(&items[1]);
    assert_eq!(b.id, "batch.json#2");
    assert_eq!(b.date, Date::new(2001, 11, 23).ok());
    assert_eq!(b.origin.line, None);
    let k = skip(&items[2]);
    assert_eq!(
        (k.kind.as_str(), k.id.as_str()),
        ("malformed-json", "batch.json#3")
    );
    assert!(
        k.reason
            .contains("batch.json: element 3: expected a JSON object"),
        "{}",
        k.reason
    );
    assert_eq!(skip(&items[3]).kind, "missing-text");

    let pretty = "{\n  \"title\": \"Talks\",\n  \"text\": \"One story, pretty-printed.\"\n}\n";
    let items = read_one(&s.write("one.json", pretty));
    assert_eq!(items.len(), 1);
    let a = article(&items[0]);
    assert_eq!(
        (a.id.as_str(), a.title.as_deref()),
        ("one.json", Some("Talks"))
    );

    // JSONL under a .json name stays line by line.
    let lines = "{\"id\": \"l1\", \"text\": \"x\"}\n{\"id\": \"l2\", \"text\": \"y\"}\n";
    let ids: Vec<String> = read_one(&s.write("lines.json", lines))
        .iter()
        .map(|i| article(i).id.clone())
        .collect();
    assert_eq!(ids, ["l1", "l2"]);

    let broken = "[\n {\"id\": \"x\", \"text\": \"cut";
    let items = read_one(&s.write("broken.json", broken));
    assert_eq!(items.len(), 1);
    let k = skip(&items[0]);
    assert_eq!(k.kind, "malformed-json");
    assert!(
        k.reason.starts_with(&format!(
            "{}: malformed JSON",
            s.0.join("broken.json").display()
        )),
        "{}",
        k.reason
    );
    assert!(k.reason.contains("line 2"), "{}", k.reason);
}

#[test]
fn bad_jsonl_lines_are_skipped_with_file_and_line_and_the_rest_continue() {
    let s = Scratch::new();
    let mut bytes = Vec::new();
    bytes.extend(b"{\"id\":\"ok1\",\"text\":\"fine\"}\n");
    bytes.extend(b"{\"id\":\"bad\",\"text\":\"broken\"\n");
    bytes.extend(b"{\"id\":\"latin\",\"text\":\"caf\xe9\"}\n");
    bytes.extend(b"{\"id\":\"nothing\",\"title\":\"only a title\"}\n");
    bytes.extend(b"[1,2,3]\n");
    bytes.extend(b"{\"id\":\"blank\",\"text\":\"   \"}\n");
    bytes.extend(b"\xef\xbb\xbf{\"id\":\"ok2\",\"text\":\"also fine\"}\r\n");
    let p = s.write("mixed.jsonl", bytes);
    let items = read_one(&p);
    assert_eq!(items.len(), 7);
    assert_eq!(article(&items[0]).id, "ok1");
    let expect = [
        (
            1,
            "malformed-jsonl",
            "mixed.jsonl:2",
            "mixed.jsonl:2: malformed JSON",
        ),
        (
            2,
            "invalid-utf8",
            "mixed.jsonl:3",
            "mixed.jsonl:3: invalid UTF-8",
        ),
        (3, "missing-text", "nothing", "mixed.jsonl:4:"),
        (
            4,
            "malformed-jsonl",
            "mixed.jsonl:5",
            "mixed.jsonl:5: expected a JSON object",
        ),
        (5, "empty", "blank", "mixed.jsonl:6:"),
    ];
    for (i, kind, id, reason) in expect {
        let k = skip(&items[i]);
        assert_eq!(k.kind, kind, "{}", k.reason);
        assert_eq!(k.id, id);
        assert!(k.reason.contains(reason), "{}", k.reason);
        assert_eq!(k.origin.line, Some(i as u64 + 1));
    }
    assert_eq!(body(article(&items[6])), "also fine");
}

#[test]
fn jsonl_gz_streams_and_a_truncated_one_keeps_lines_before_the_break() {
    let s = Scratch::new();
    let lines: Vec<String> = (0..5000)
        .map(|i| format!("{{\"id\":\"n{i}\",\"text\":\"Story number {i} about the talks.\"}}"))
        .collect();
    let gz = gzip(lines.join("\n").as_bytes());
    let whole = s.write("news.jsonl.gz", &gz);
    let items = read_one(&whole);
    assert_eq!(items.len(), 5000);
    assert_eq!(article(&items[4999]).id, "n4999");

    let cut = s.write("cut.jsonl.gz", &gz[..gz.len() / 2]);
    let items = read_one(&cut);
    let (last, kept) = items.split_last().expect("items");
    assert!(kept.len() > 100, "kept {}", kept.len());
    for (i, item) in kept.iter().enumerate() {
        assert_eq!(article(item).id, format!("n{i}"));
    }
    let k = skip(last);
    assert_eq!(k.kind, "truncated-gzip");
    let line = kept.len() as u64 + 1;
    assert_eq!(k.origin.line, Some(line));
    assert!(
        k.reason
            .starts_with(&format!("{}:{line}: truncated gzip", cut.display())),
        "{}",
        k.reason
    );
}

#[test]
fn gzip_is_recognised_by_magic_without_extension() {
    let s = Scratch::new();
    let p = s.write(
        "story.dat",
        gzip(b"<html><body><p>Compressed page</p></body></html>"),
    );
    let items = read_one(&p);
    let a = article(&items[0]);
    assert!(matches!(&a.body, Body::Html(h) if h.contains("Compressed page")));
    let p = s.write("broken.gz", [0x1f, 0x8b, 0x08, 0x00, 0x00]);
    let k = skip(&read_one(&p)[0]).clone();
    assert_eq!(k.kind, "truncated-gzip", "{}", k.reason);
}

#[test]
fn encodings_are_decoded_and_recorded() {
    let s = Scratch::new();
    let mut le = vec![0xff, 0xfe];
    le.extend(
        "Переговоры в Москве."
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    let mut be = vec![0xfe, 0xff];
    be.extend(
        "Negotiations in Zürich."
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes()),
    );
    let cases: Vec<(PathBuf, &str, &str)> = vec![
        (s.write("bom.txt", "\u{feff}Zürich talks."), "utf-8 (BOM)", "Zürich talks."),
        (s.write("le.txt", le), "utf-16le (BOM)", "Переговоры в Москве."),
        (s.write("be.txt", be), "utf-16be (BOM)", "Negotiations in Zürich."),
        (
            s.write(
                "cp1252.txt",
                b"Le pr\xe9sident a d\xe9clar\xe9 \x93nous soutenons l'accord\x94 apr\xe8s la r\xe9union \xe0 Gen\xe8ve.".as_slice(),
            ),
            "windows-1252 (detected)",
            "“nous soutenons l'accord” après la réunion à Genève.",
        ),
        (
            s.write(
                "meta.html",
                b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Espa\xf1a y Portugal</p></body></html>".as_slice(),
            ),
            "iso-8859-1 (meta charset)",
            "España y Portugal",
        ),
    ];
    for (path, encoding, text) in cases {
        let items = read_one(&path);
        let a = article(&items[0]);
        assert_eq!(a.encoding, encoding, "{}", path.display());
        assert!(body(a).contains(text), "{}: {:?}", path.display(), body(a));
    }
}

#[test]
fn utf16_jsonl_is_transcoded() {
    let s = Scratch::new();
    let mut bytes = vec![0xff, 0xfe];
    let text = "{\"id\":\"u\",\"text\":\"Ankara ve Atina görüştü.\"}\n";
    bytes.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let items = read_one(&s.write("u16.jsonl", bytes));
    let a = article(&items[0]);
    assert_eq!(body(a), "Ankara ve Atina görüştü.");
    assert_eq!(a.encoding, "utf-16le (BOM)");
}

#[test]
fn binary_empty_and_whitespace_files_are_skipped() {
    let s = Scratch::new();
    let bin = s.write(
        "image.txt",
        [
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
        ],
    );
    let empty = s.write("empty.txt", b"");
    let blank = s.write("blank.txt", "  \n\t\n  ");
    let empty_gz = s.write("empty.jsonl.gz", gzip(b""));
    let blank_jsonl = s.write("blank.jsonl", "\n\n  \n");
    let pdf = s.write(
        "report.txt",
        "%PDF-1.4\n1 0 obj << /Type /Catalog >>\nendobj\n",
    );
    for (p, kind) in [
        (bin, "binary"),
        (empty, "empty"),
        (blank, "empty"),
        (empty_gz, "empty"),
        (blank_jsonl, "empty"),
        (pdf, "binary"),
    ] {
        let items = read_one(&p);
        assert_eq!(items.len(), 1, "{}", p.display());
        let k = skip(&items[0]);
        assert_eq!(k.kind, kind, "{}", k.reason);
        assert!(
            k.reason.starts_with(&p.display().to_string()),
            "{}",
            k.reason
        );
    }
}

#[test]
fn oversized_lines_and_documents_are_skipped_without_stopping() {
    let s = Scratch::new();
    let mut jsonl = b"{\"id\":\"a\",\"text\":\"small\"}\n{\"id\":\"big\",\"text\":\"".to_vec();
    jsonl.extend(vec![b'x'; 10_000]);
    jsonl.extend(b"\"}\n{\"id\":\"c\",\"text\":\"after\"}\n");
    let options = ReadOptions {
        max_line_bytes: 1000,
        max_document_bytes: 1000,
    };
    let items: Vec<Item> = read_inputs_with(&[s.write("big.jsonl", jsonl)], options).collect();
    assert_eq!(items.len(), 3);
    assert_eq!(article(&items[0]).id, "a");
    let k = skip(&items[1]);
    assert_eq!((k.kind.as_str(), k.origin.line), ("too-large", Some(2)));
    assert!(k.reason.contains("big.jsonl:2:"), "{}", k.reason);
    assert_eq!(article(&items[2]).id, "c");

    let doc = s.write("big.txt", "word ".repeat(1000));
    let items: Vec<Item> = read_inputs_with(&[doc], options).collect();
    assert_eq!(skip(&items[0]).kind, "too-large");
}

const INLINE_XML: &str = r#"<Validation>
<Environment>
    <Verbfile>test.verbs.txt</Verbfile>
    <Actorfile>test.actors.txt</Actorfile>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<!-- a comment with <Sentence id="fake"> inside -->
<Sentence date = "20080804" id ="R-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode='"NEW ACTOR"' targetcode="GON" eventcode="032"/>
<Text>
Arnor will restore   ties
with Gondor &amp; &TIETYPE friends.
</Text>
<Parse>
(ROOT (S (NP (NNP Arnor)) (VP (MD will) (VP (VB restore)))))
</Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date="1995-01-02" id="R-2" category="X">
<EventCoding noevents = "True"> </EventCoding>
<Text>Nothing happens.</Text>
</Sentence>
<Sentence date="bogus" id="R-3">
<EventCoding error="storydiscard"></EventCoding>
<Text>Discarded.</Text>
</Sentence>
</Sentences>
</Validation>
"#;

#[test]
fn petrarch_validation_file_in_order_with_configs() {
    let file = petrarch::parse_str(INLINE_XML).expect("parses");
    assert_eq!(file.environment.get("Verbfile"), Some("test.verbs.txt"));
    let files: Vec<_> = file.environment.files().collect();
    assert_eq!(
        files,
        [
            ("Verbfile", "test.verbs.txt"),
            ("Actorfile", "test.actors.txt")
        ]
    );
    let order: Vec<String> = file
        .items
        .iter()
        .map(|i| match i {
            petrarch::ValidationItem::Record(r) => r.id.clone().unwrap_or_default(),
            petrarch::ValidationItem::Config(c) => format!("{}={}", c.option, c.value),
        })
        .collect();
    assert_eq!(
        order,
        [
            "stop_on_error=True",
            "R-1",
            "require_dyad=false",
            "R-2",
            "R-3"
        ]
    );
    let configs: Vec<_> = file.configs().collect();
    assert!(configs[0].in_environment && !configs[1].in_environment);
    assert_eq!(configs[1].line, 20);

    let records: Vec<_> = file.records().collect();
    let r1 = records[0];
    assert_eq!(r1.line, 9);
    assert_eq!(r1.date, Date::new(2008, 8, 4).ok());
    assert_eq!(r1.category.as_deref(), Some("DEMO"));
    assert_eq!(
        r1.text,
        "Arnor will restore ties with Gondor & &TIETYPE friends."
    );
    assert!(r1
        .parse
        .as_deref()
        .is_some_and(|p| p.starts_with("(ROOT") && p.ends_with(")")));
    assert_eq!(r1.expected.len(), 2);
    assert_eq!(
        (
            r1.expected[0].source.as_deref(),
            r1.expected[0].target.as_deref(),
            r1.expected[0].code.as_deref()
        ),
        (Some("ARN"), Some("GON"), Some("064"))
    );
    assert_eq!(r1.expected[1].source.as_deref(), Some("\"NEW ACTOR\""));
    assert_eq!(r1.expected[1].line, 11);
    assert_eq!(records[1].date, Date::new(1995, 1, 2).ok());
    assert!(records[1].expected[0].noevents);
    assert_eq!(records[1].parse, None);
    assert_eq!(records[2].date, None);
    assert_eq!(records[2].date_raw.as_deref(), Some("bogus"));
    assert_eq!(
        records[2].expected[0].error.as_deref(),
        Some("storydiscard")
    );
}

#[test]
fn petrarch_xml_as_input_gives_sentence_articles() {
    let s = Scratch::new();
    let p = s.write("records.xml", INLINE_XML);
    let items = read_one(&p);
    assert_eq!(items.len(), 3);
    let a = article(&items[0]);
    assert_eq!(a.id, "R-1");
    assert_eq!(a.origin.line, Some(9));
    assert!(matches!(&a.body, Body::Sentence(t) if t.starts_with("Arnor will restore ties")));
    assert!(a.parse.is_some());
    assert_eq!(
        a.extra.get("category").and_then(|v| v.as_str()),
        Some("DEMO")
    );
    let expected = a
        .extra
        .get("expected_events")
        .and_then(|v| v.as_array())
        .expect("codings");
    assert_eq!(
        expected[0].get("eventcode").and_then(|v| v.as_str()),
        Some("064")
    );
    let c = article(&items[2]);
    assert_eq!(c.date, None);
    assert!(c.extra.contains_key("date_error"));
}

#[test]
fn petrarch_xml_declaration_encoding_is_honoured() {
    let s = Scratch::new();
    let xml = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<Sentences>\n<Sentence id=\"l1\" date=\"20050624\">\n<Text>Espa\xf1a y Portugal firmaron el acuerdo.</Text>\n</Sentence>\n</Sentences>\n";
    let items = read_one(&s.write("latin1.xml", xml.as_slice()));
    let a = article(&items[0]);
    assert_eq!(body(a), "España y Portugal firmaron el acuerdo.");
    assert_eq!(a.encoding, "iso-8859-1 (xml declaration)");
    assert_eq!(a.origin.line, Some(3));
}

#[test]
fn petrarch_problems_name_the_line() {
    let s = Scratch::new();
    let unterminated = "<Sentences>\n<Sentence id=\"a\" date=\"20010101\">\n<Text>One.</Text>\n</Sentence>\n<Sentence id=\"b\">\n<Text>Two";
    let items = read_one(&s.write("cut.xml", unterminated));
    assert_eq!(article(&items[0]).id, "a");
    let k = skip(&items[1]);
    assert_eq!(
        (k.kind.as_str(), k.id.as_str(), k.origin.line),
        ("malformed-xml", "b", Some(5))
    );
    assert!(
        k.reason.contains("cut.xml:5: malformed XML"),
        "{}",
        k.reason
    );
    let broken = "<Sentences>\n<Sentence id=\"a\"><Text>One.</Text></Sentence>\n<!-- never closed\n<Sentence id=\"b\"><Text>x</Text></Sentence>";
    let items = read_one(&s.write("bad.xml", broken));
    assert_eq!(items.len(), 2);
    assert_eq!(article(&items[0]).id, "a");
    let k = skip(&items[1]);
    assert_eq!(k.kind, "malformed-xml", "{}", k.reason);
    let line = k.origin.line.unwrap_or(0);
    assert!(
        line >= 3 && k.reason.contains(&format!("bad.xml:{line}: malformed XML")),
        "{}",
        k.reason
    );

    let empty_text = "<Sentences><Sentence id=\"e\"><Text>  </Text></Sentence></Sentences>";
    let items = read_one(&s.write("e.xml", empty_text));
    assert_eq!(skip(&items[0]).kind, "empty");
    assert_eq!(skip(&items[0]).id, "e");

    let none = "<Sentences>\n</Sentences>\n";
    assert_eq!(skip(&read_one(&s.write("n.xml", none))[0]).kind, "empty");

    let gz = gzip(INLINE_XML.repeat(50).as_bytes());
    let items = read_one(&s.write("cut.xml.gz", &gz[..gz.len() * 2 / 3]));
    let (last, before) = items.split_last().expect("items");
    assert!(!before.is_empty());
    assert_eq!(skip(last).kind, "truncated-gzip", "{}", skip(last).reason);
}

#[test]
fn text_from_parse_reads_the_leaves() {
    let parse = "(ROOT (S (NP (NNP Arnor)) (VP (VBD said) (-LRB- -LRB-) (NP (NNS talks)) (-RRB- -RRB-) (, ,) (ADVP (RB then)) (VP (VBD left))) (. .)))";
    assert_eq!(
        petrarch::text_from_parse(parse).as_deref(),
        Some("Arnor said (talks), then left.")
    );
    assert_eq!(petrarch::text_from_parse("( )"), None);
    let xml = format!("<Sentences><Sentence id=\"p\"><Text>\n</Text><Parse>{parse}</Parse></Sentence></Sentences>");
    let s = Scratch::new();
    let items = read_one(&s.write("p.xml", xml));
    let a = article(&items[0]);
    assert_eq!(body(a), "Arnor said (talks), then left.");
    assert_eq!(
        a.extra.get("text_from_parse"),
        Some(&serde_json::Value::Bool(true))
    );
}

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: ../shared not found");
        None
    }
}

#[test]
fn petrarch_unit_test_records() {
    let Some(shared) = shared() else { return };
    let path = shared.join("petrarch2/text/PETR.UnitTest.records.xml");
    let file = petrarch::parse_file(&path).expect("parses");
    assert_eq!(file.records().count(), 284);
    // 30 lines hold "<Config", but one of them is inside a comment.
    assert_eq!(file.configs().count(), 29);
    assert_eq!(
        file.environment.get("Verbfile"),
        Some("PETR.Validate.verbs.txt")
    );
    let first = file.records().next().expect("a record");
    assert_eq!(first.id.as_deref(), Some("DEMO-00"));
    assert_eq!(first.line, 61);
    assert_eq!(first.expected[0].code.as_deref(), Some("064"));
    // Every record has text and a parse; line numbers match the file.
    let raw = std::fs::read_to_string(&path).expect("readable");
    let lines: Vec<&str> = raw.lines().collect();
    for r in file.records() {
        assert!(!r.text.is_empty() && r.parse.is_some(), "{:?}", r.id);
        let at = lines[(r.line - 1) as usize];
        assert!(
            at.contains("<Sentence") && at.contains(r.id.as_deref().unwrap_or("?")),
            "{at}"
        );
    }
    for c in file.configs() {
        let at = lines[(c.line - 1) as usize];
        assert!(
            at.contains(&format!("option=\"{}\"", c.option)) && !at.contains("<!--"),
            "{at}"
        );
    }
    // The same file as `dyad code` input: one article per record.
    let items = read_one(&path);
    assert_eq!(items.len(), 284);
    assert!(items
        .iter()
        .all(|i| matches!(i, Item::Article(a) if a.extra.contains_key("category"))));
    let with_codings = file.records().filter(|r| !r.expected.is_empty()).count();
    let articles_with = items
        .iter()
        .filter(|i| matches!(i, Item::Article(a) if a.extra.contains_key("expected_events")))
        .count();
    assert!(with_codings > 250);
    assert_eq!(articles_with, with_codings);
}

#[test]
fn petrarch_gigaword_sample_with_spaced_attributes() {
    let Some(shared) = shared() else { return };
    let path = shared.join("petrarch2/text/GigaWord.sample.PETR.xml");
    let raw = std::fs::read_to_string(&path).expect("readable");
    let tags = raw.matches("<Sentence ").count();
    let items = read_one(&path);
    assert_eq!(items.len(), tags);
    // Records with an empty <Text> take their words from the parse; none is lost.
    let from_parse = items
        .iter()
        .filter(|i| matches!(i, Item::Article(a) if a.extra.contains_key("text_from_parse")))
        .count();
    assert!(from_parse > 0);
    assert!(items.iter().all(|i| matches!(i, Item::Article(_))));
    for item in items.iter().filter(|i| matches!(i, Item::Article(_))) {
        let a = article(item);
        assert!(a.date.is_some(), "{}", a.id);
        assert_eq!(a.source.as_deref(), Some("AFP"));
        assert!(a.parse.is_some());
        assert!(!a.id.contains(':'), "{}", a.id);
    }
}

/// A small deterministic generator, so the garbage below is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn bytes(&mut self, n: usize, alphabet: &[u8]) -> Vec<u8> {
        (0..n)
            .map(|_| {
                if alphabet.is_empty() {
                    self.next() as u8
                } else {
                    alphabet[self.next() as usize % alphabet.len()]
                }
            })
            .collect()
    }
}

#[test]
fn garbage_never_panics_and_every_file_is_accounted_for() {
    let s = Scratch::new();
    let mut rng = Lcg(42);
    let json_ish = b"{}[]\":,0123456789abc \n\\\xc3\xa9\xff";
    let xml_ish = b"<>/=\"' SentenceTextParseConfig&amp;;\n\xe9";
    let prefixes: [&[u8]; 6] = [
        b"",
        b"\x1f\x8b",
        b"\xff\xfe",
        b"\xef\xbb\xbf{\"text\":",
        b"<Sentences><Sentence id=\"x\">",
        b"<html><meta charset=",
    ];
    let mut names = Vec::new();
    for i in 0..120 {
        let alphabet: &[u8] = match i % 3 {
            0 => &[],
            1 => json_ish,
            _ => xml_ish,
        };
        let len = (rng.next() % 20_000) as usize;
        let mut bytes = prefixes[i % prefixes.len()].to_vec();
        bytes.extend(rng.bytes(len, alphabet));
        if i % 7 == 0 {
            bytes = gzip(&bytes);
            bytes.truncate(bytes.len() * 3 / 4);
        }
        let ext = ["", ".txt", ".jsonl", ".xml", ".html", ".jsonl.gz"][i % 6];
        let name = format!("g{i:03}{ext}");
        s.write(&name, bytes);
        names.push(name);
    }
    let items = read_one(&s.0);
    // Every file yields at least one item, and items come in file order.
    let mut files = Vec::new();
    for item in &items {
        let origin = match item {
            Item::Article(a) => &a.origin,
            Item::Skipped(k) => {
                assert!(!k.reason.is_empty() && !k.kind.is_empty());
                assert!(k.reason.starts_with(&k.origin.path), "{}", k.reason);
                &k.origin
            }
        };
        let name = Path::new(&origin.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if files.last() != Some(&name) {
            files.push(name);
        }
    }
    assert_eq!(files, names);
    let mut kinds: Vec<&str> = items
        .iter()
        .map(|i| match i {
            Item::Article(_) => "article",
            Item::Skipped(k) => k.kind.as_str(),
        })
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    println!("kinds: {kinds:?}");
    // The garbage reaches the readers, not just the binary check.
    assert!(kinds.len() >= 5, "{kinds:?}");
}

#[test]
fn the_reader_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    assert_send(&read_inputs(&[PathBuf::from("-")]));
}

/// An endless JSONL stream through a FIFO: if anything read the whole input before yielding,
/// this would never finish. Items come as the writer produces them, and dropping the reader
/// ends the writer.
#[cfg(unix)]
#[test]
fn endless_streams_are_read_lazily() {
    use std::io::Write;
    let s = Scratch::new();
    let fifo = s.0.join("endless.jsonl");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|st| st.success()) {
        println!("skipped: mkfifo unavailable");
        return;
    }
    let path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&path) else {
            return 0u64;
        };
        let mut n = 0u64;
        loop {
            let line = format!("{{\"id\":\"e{n}\",\"text\":\"Story {n}.\"}}\n");
            if f.write_all(line.as_bytes()).is_err() {
                return n;
            }
            n += 1;
        }
    });
    let ids: Vec<String> = read_inputs(&[fifo])
        .take(1000)
        .map(|i| article(&i).id.clone())
        .collect();
    assert_eq!(ids.len(), 1000);
    assert_eq!(ids[999], "e999");
    let written = writer.join().expect("writer thread");
    assert!(written >= 1000);
}
