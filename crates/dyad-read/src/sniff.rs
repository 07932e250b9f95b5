//! Recognising what a stream holds from its first bytes and its file name.

use memchr::memmem;

/// The input formats dyad reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Html,
    Jsonl,
    /// One JSON document: an array of article objects, or a single (pretty-printed) object.
    JsonDocument,
    Petrarch,
}

/// Opening tags that mark a document as HTML when no extension says so. These are markup
/// syntax, not language data: any page in any language has some of them.
const HTML_MARKERS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head>",
    b"<head ",
    b"<body",
    b"<p>",
    b"<p ",
    b"<div",
    b"<br>",
    b"<br/",
    b"<br /",
    b"<meta ",
    b"<title>",
    b"<article",
    b"<a href",
    b"<span",
    b"<table",
    b"<h1",
    b"<h2",
    b"<ul>",
    b"<li>",
    b"<script",
    b"<style",
];

/// The lower-cased extension of a file name, ignoring a trailing `.gz`.
pub(crate) fn extension(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
    match stem.rsplit_once('.') {
        Some((before, ext)) if !before.is_empty() && !before.ends_with('/') => ext.to_string(),
        _ => String::new(),
    }
}

/// Decides the format from the extension and the (decoded) head of the content. The content
/// wins where it is unambiguous; the extension settles the rest.
pub(crate) fn detect(name: &str, head: &[u8]) -> Format {
    let ext = extension(name);
    let lower = head.to_ascii_lowercase();
    let start = trim_start(&lower);
    let starts_html = start.starts_with(b"<!doctype html") || start.starts_with(b"<html");
    let original = trim_start(head);
    match ext.as_str() {
        "jsonl" | "ndjson" => return Format::Jsonl,
        "json" => {
            return if original.first() == Some(&b'[') || !first_line_is_object(original) {
                Format::JsonDocument
            } else {
                Format::Jsonl
            };
        }
        "html" | "htm" | "xhtml" | "shtml" => return Format::Html,
        "txt" | "text" => {
            return if starts_html {
                Format::Html
            } else {
                Format::Text
            };
        }
        _ => {}
    }
    if looks_jsonl(start) {
        return Format::Jsonl;
    }
    if let Some((b'[', rest)) = start.split_first() {
        if matches!(trim_start(rest).first(), Some(b'{') | Some(b']')) {
            return Format::JsonDocument;
        }
    }
    if !starts_html && is_petrarch(head) {
        return Format::Petrarch;
    }
    if starts_html
        || ext == "xml"
        || HTML_MARKERS
            .iter()
            .any(|m| memmem::find(&lower, m).is_some())
    {
        // Non-PETRARCH XML (feeds, NewsML) is markup too: the HTML cleaner strips its tags.
        return Format::Html;
    }
    Format::Text
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[skip..]
}

/// An object opening `{` followed by a key's quote (or an empty object).
fn looks_jsonl(start: &[u8]) -> bool {
    match start.split_first() {
        Some((b'{', rest)) => matches!(trim_start(rest).first(), Some(b'"') | Some(b'}')),
        _ => false,
    }
}

/// Whether the first line is a whole JSON object (JSONL), rather than the start of a
/// pretty-printed document. A head without a newline is one line: JSONL reads it the same.
fn first_line_is_object(start: &[u8]) -> bool {
    match memchr::memchr(b'\n', start) {
        Some(end) => matches!(
            serde_json::from_slice::<serde_json::Value>(&start[..end]),
            Ok(serde_json::Value::Object(_))
        ),
        None => true,
    }
}

/// PETRARCH's record element names are case-sensitive XML.
fn is_petrarch(head: &[u8]) -> bool {
    memmem::find(head, b"<Sentences").is_some()
        || memmem::find(head, b"<Sentence ").is_some()
        || memmem::find(head, b"<Sentence>").is_some()
        || memmem::find(head, b"<Validation").is_some()
}

/// The encoding an XML declaration names (`<?xml version="1.0" encoding="ISO-8859-1"?>`),
/// lower-cased.
pub(crate) fn xml_encoding(head: &[u8]) -> Option<String> {
    let start = trim_start(head);
    let decl = start.strip_prefix(b"<?xml")?;
    let decl = &decl[..memmem::find(decl, b"?>")?];
    let at = memmem::find(decl, b"encoding")?;
    let rest = trim_start(&decl[at + b"encoding".len()..]);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let (quote, rest) = rest.split_first()?;
    if !matches!(quote, b'"' | b'\'') {
        return None;
    }
    let end = memchr::memchr(*quote, rest)?;
    let label = std::str::from_utf8(&rest[..end])
        .ok()?
        .trim()
        .to_ascii_lowercase();
    (!label.is_empty()).then_some(label)
}

/// Names well-known binary containers by their magic bytes, so that a skip can say what to do.
/// A PDF's head can be all text, so a match makes the file binary whatever its bytes.
pub(crate) fn container(head: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x28\xb5\x2f\xfd", "zstd-compressed: decompress it first"),
        (b"BZh91AY&SY", "bzip2-compressed: decompress it first"),
        (b"\xfd7zXZ\x00", "xz-compressed: decompress it first"),
        (b"PK\x03\x04", "a zip archive: unpack it first"),
        (b"\x1f\x8b", "gzip inside gzip: decompress it once first"),
        (b"%PDF-", "a PDF: extract its text first"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map(|&(_, what)| what)
}

/// Whether the head looks like a binary file rather than text: any NUL byte, or more than
/// one control byte in ten (text has only tabs, newlines, form feeds and the odd escape).
/// UTF-16 text has been transcoded before this check, so its NULs do not count.
pub(crate) fn looks_binary(head: &[u8]) -> bool {
    if head.is_empty() {
        return false;
    }
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| {
            (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1b)) || b == 0x7f
        })
        .count();
    control * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_ignore_gz() {
        assert_eq!(extension("a/b/news.JSONL.gz"), "jsonl");
        assert_eq!(extension("story.html"), "html");
        assert_eq!(extension("README"), "");
        assert_eq!(extension(".hidden"), "");
    }

    #[test]
    fn content_decides_without_extension() {
        assert_eq!(
            detect("x", b"{\"id\": 1, \"text\": \"a\"}\n"),
            Format::Jsonl
        );
        assert_eq!(detect("x", b"  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(detect("x", b"Some story.\n<p>Para</p>"), Format::Html);
        assert_eq!(
            detect("x", b"<Sentences>\n<Sentence date=\"20080801\" id=\"a\">"),
            Format::Petrarch
        );
        assert_eq!(
            detect("x", b"MOSCOW, June 24 -- {braces} and text"),
            Format::Text
        );
        assert_eq!(detect("x", b"{not json at all"), Format::Text);
    }

    #[test]
    fn extension_settles_ambiguity() {
        assert_eq!(detect("a.txt", b"text with a <p> tag"), Format::Text);
        assert_eq!(detect("a.txt", b"<html><body>x"), Format::Html);
        assert_eq!(detect("a.htm", b"no tags at all"), Format::Html);
        assert_eq!(detect("a.jsonl", b"garbage"), Format::Jsonl);
        assert_eq!(
            detect("a.json", b"{\"id\": 1}\n{\"id\": 2}\n"),
            Format::Jsonl
        );
        assert_eq!(detect("a.json", b"{\n  \"id\": 1,\n"), Format::JsonDocument);
        assert_eq!(detect("a.json", b" [{\"id\": 1}]"), Format::JsonDocument);
        assert_eq!(detect("x", b"[\n  {\"id\": 1}"), Format::JsonDocument);
        assert_eq!(detect("x", b"[Editor's note] text"), Format::Text);
        assert_eq!(
            detect("feed.xml", b"<rss><item>x</item></rss>"),
            Format::Html
        );
        assert_eq!(
            detect("r.xml", b"<Sentences><Sentence id=\"1\">"),
            Format::Petrarch
        );
    }

    #[test]
    fn xml_declarations() {
        let d = b"<?xml version=\"1.0\" encoding = 'ISO-8859-1' ?>\n<Sentences>";
        assert_eq!(xml_encoding(d).as_deref(), Some("iso-8859-1"));
        assert_eq!(
            xml_encoding(b"<?xml version=\"1.0\"?><a encoding=\"x\">"),
            None
        );
        assert_eq!(xml_encoding(b"<Sentences encoding=\"x\">"), None);
    }

    #[test]
    fn containers_are_named() {
        assert_eq!(
            container(b"\x28\xb5\x2f\xfd\x00\x58"),
            Some("zstd-compressed: decompress it first")
        );
        assert_eq!(
            container(b"PK\x03\x04\x14\x00"),
            Some("a zip archive: unpack it first")
        );
        assert_eq!(container(b"plain text"), None);
        assert_eq!(container(b"BZh is not bzip2 here"), None);
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"PK\x03\x04\x14\x00\x00\x00"));
        assert!(looks_binary(&[1u8, 2, 3, 4, 5, 6, 7, 8, b'a', b'b']));
        assert!(!looks_binary(
            "plain text, with\ttabs\r\nand ünïcode".as_bytes()
        ));
        // Windows-1252 high bytes are text, not control bytes.
        assert!(!looks_binary(b"caf\xe9 cr\xe8me \x93quoted\x94"));
    }
}
