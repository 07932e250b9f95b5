//! Decoding a whole document's bytes to text, recording how it was decided.

use std::borrow::Cow;

use encoding_rs::Encoding;
use memchr::memmem;

use crate::stream::Bom;

/// How far into an HTML page a `<meta charset>` is looked for. Browsers stop at 1024 bytes;
/// scraped pages often carry long scripts first, so look further.
const META_SCAN: usize = 16 * 1024;

/// Decodes `bytes` (content after any BOM; already UTF-8 when the BOM was UTF-16) and says
/// how: a BOM fixes the encoding; valid UTF-8 is UTF-8; an HTML page's declared charset is
/// honoured; otherwise the encoding is detected statistically.
pub(crate) fn decode(bytes: Vec<u8>, bom: Bom, html: bool) -> (String, String) {
    if let Some(label) = bom.label() {
        return match String::from_utf8(bytes) {
            Ok(text) => (text, label.to_string()),
            Err(e) => (
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
                format!("{label}, invalid bytes replaced"),
            ),
        };
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return (text, "utf-8".to_string()),
        Err(e) => e.into_bytes(),
    };
    let mut note = "";
    if html {
        if let Some(label) = meta_charset(&bytes[..bytes.len().min(META_SCAN)]) {
            match Encoding::for_label(label.as_bytes()) {
                // A page that declares UTF-8 but is not: trust the bytes, not the label.
                Some(enc) if enc == encoding_rs::UTF_8 => note = "; meta charset utf-8 is wrong",
                // HTML treats a UTF-16 declaration without a BOM as impossible.
                Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => {}
                Some(enc) => {
                    let (text, _) = enc.decode_without_bom_handling(&bytes);
                    return (text.into_owned(), format!("{label} (meta charset)"));
                }
                None => note = "; unknown meta charset",
            }
        }
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(&detection_sample(&bytes), true);
    let enc = detector.guess(None, true);
    let (text, _) = enc.decode_without_bom_handling(&bytes);
    (
        text.into_owned(),
        format!("{} (detected{note})", enc.name().to_ascii_lowercase()),
    )
}

/// The most bytes given to the detector. It costs about 0.3 µs a byte (it scores every
/// candidate encoding on every byte), so a whole page would dominate reading time.
const SAMPLE_MAX: usize = 4 * 1024;

/// Context kept either side of a non-ASCII byte: the detector scores byte pairs, so the
/// letters next to accented or non-Latin bytes carry the evidence; long ASCII runs do not.
const SAMPLE_CONTEXT: usize = 24;

/// The parts of `bytes` that tell encodings apart: windows around non-ASCII bytes (whole runs
/// of them, so double-byte characters are not cut), joined by spaces, up to [`SAMPLE_MAX`].
fn detection_sample(bytes: &[u8]) -> Cow<'_, [u8]> {
    if bytes.len() <= SAMPLE_MAX {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(SAMPLE_MAX + 2 * SAMPLE_CONTEXT);
    let mut covered = 0;
    while out.len() < SAMPLE_MAX {
        let Some(offset) = bytes[covered..].iter().position(|&b| b >= 0x80) else {
            break;
        };
        let at = covered + offset;
        let start = at.saturating_sub(SAMPLE_CONTEXT).max(covered);
        let mut end = (at + SAMPLE_CONTEXT).min(bytes.len());
        while end < bytes.len() && bytes[end] >= 0x80 {
            end += 1;
        }
        if start > covered && !out.is_empty() {
            out.push(b' ');
        }
        out.extend_from_slice(&bytes[start..end]);
        covered = end;
    }
    Cow::Owned(out)
}

/// The charset an HTML head declares, lower-cased: `<meta charset="x">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn meta_charset(head: &[u8]) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memmem::find(&lower[from..], b"<meta") {
        let tag_start = from + at;
        let tag_end = memchr::memchr(b'>', &lower[tag_start..])
            .map(|e| tag_start + e)
            .unwrap_or(lower.len());
        let tag = &lower[tag_start..tag_end];
        if let Some(c) = memmem::find(tag, b"charset") {
            let mut rest = &tag[c + b"charset".len()..];
            rest = trim(rest);
            if let Some(after_eq) = rest.strip_prefix(b"=") {
                let value = trim(after_eq);
                let value = value
                    .strip_prefix(b"\"")
                    .or_else(|| value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let len = value
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(b)))
                    .unwrap_or(value.len());
                if len > 0 {
                    return Some(String::from_utf8_lossy(&value[..len]).into_owned());
                }
            }
        }
        from = tag_end;
    }
    None
}

fn trim(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_boms() {
        let (t, e) = decode("Zürich".as_bytes().to_vec(), Bom::None, false);
        assert_eq!((t.as_str(), e.as_str()), ("Zürich", "utf-8"));
        let (t, e) = decode("Zürich".as_bytes().to_vec(), Bom::Utf8, false);
        assert_eq!((t.as_str(), e.as_str()), ("Zürich", "utf-8 (BOM)"));
        let (_, e) = decode("x".as_bytes().to_vec(), Bom::Utf16Le, false);
        assert_eq!(e, "utf-16le (BOM)");
    }

    #[test]
    fn windows_1252_is_detected() {
        // "Le président a déclaré « très » ..." in Windows-1252, with curly quotes (0x93/0x94).
        let bytes = b"Le pr\xe9sident fran\xe7ais a d\xe9clar\xe9 mardi qu'il \x93soutenait\x94 \
            l'accord sign\xe9 \xe0 Bruxelles, apr\xe8s une r\xe9union tr\xe8s longue."
            .to_vec();
        let (t, e) = decode(bytes, Bom::None, false);
        assert_eq!(e, "windows-1252 (detected)");
        assert!(t.contains("président français a déclaré"));
        assert!(t.contains("\u{201c}soutenait\u{201d}"));
    }

    #[test]
    fn long_documents_are_detected_from_a_sample() {
        // Cyrillic in windows-1251 and KOI8-R, Central European in windows-1250, long enough
        // that only a sample is fed to the detector; English filler dilutes the evidence.
        let filler = "The talks went on for many hours in the capital. ".repeat(40);
        let cases: [(&'static Encoding, &str, &str); 3] = [
            (
                encoding_rs::WINDOWS_1251,
                "Переговоры в Москве продолжились во вторник. ",
                "windows-1251",
            ),
            // chardetng answers KOI8-U, the superset, for KOI8-R text; the decoding is the same.
            (
                encoding_rs::KOI8_R,
                "Переговоры в Москве продолжились во вторник. ",
                "koi8-u",
            ),
            (
                encoding_rs::WINDOWS_1250,
                "Rozmowy w Warszawie trwały długo, powiedział rzecznik. ",
                "windows-1250",
            ),
        ];
        for (enc, sentence, name) in cases {
            let text = format!("{filler}{}", sentence.repeat(200));
            let (bytes, _, _) = enc.encode(&text);
            assert!(bytes.len() > SAMPLE_MAX);
            let (decoded, label) = decode(bytes.into_owned(), Bom::None, false);
            assert_eq!(label, format!("{name} (detected)"));
            assert_eq!(decoded, text);
        }
    }

    #[test]
    fn meta_charset_is_honoured() {
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" \
            content=\"text/html; charset=ISO-8859-1\"></head><body><p>Espa\xf1a</p>"
            .to_vec();
        let (t, e) = decode(page.clone(), Bom::None, true);
        assert_eq!(e, "iso-8859-1 (meta charset)");
        assert!(t.contains("España"));
        // A Cyrillic page declaring windows-1251: the declaration decides.
        page = b"<meta charset='windows-1251'><p>\xcc\xee\xf1\xea\xe2\xe0</p>".to_vec();
        let (t, e) = decode(page, Bom::None, true);
        assert_eq!(e, "windows-1251 (meta charset)");
        assert!(t.contains("Москва"));
    }

    #[test]
    fn wrong_utf8_declaration_falls_back_to_detection() {
        let page =
            b"<meta charset=\"utf-8\"><p>Caf\xe9 cr\xe8me et g\xe2teau \xe0 la fran\xe7aise</p>"
                .to_vec();
        let (t, e) = decode(page, Bom::None, true);
        assert!(e.contains("(detected; meta charset utf-8 is wrong)"), "{e}");
        assert!(t.contains("Café crème"));
    }
}
