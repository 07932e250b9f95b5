//! Byte streams: opening a source, undoing gzip (by magic bytes), byte-order marks and
//! UTF-16, and reading lines with a length cap. Everything here streams: at most the sniffing
//! head and one line (or one capped document) is held in memory.

use std::io::{self, BufRead, BufReader, Cursor, Read};

/// A boxed buffered byte stream that can move between threads.
pub(crate) type Source = Box<dyn BufRead + Send>;

/// How many decoded bytes are looked at to recognise formats, encodings and binary files.
pub(crate) const HEAD_LEN: usize = 8 * 1024;

const BUF_LEN: usize = 64 * 1024;

/// A source after gzip and BOM handling, with its first bytes read for sniffing.
pub(crate) struct Opened {
    /// The first (up to [`HEAD_LEN`]) bytes of content, after any BOM; always UTF-8 when the
    /// source had a UTF-16 BOM.
    pub head: Vec<u8>,
    /// The content after `head`.
    pub rest: Source,
    /// Whether the bytes were gzip-compressed.
    pub gzip: bool,
    /// The byte-order mark found, which fixes the encoding.
    pub bom: Bom,
}

impl Opened {
    /// The whole content as one stream, head first.
    pub fn into_reader(self) -> Source {
        Box::new(BufReader::with_capacity(
            BUF_LEN,
            Cursor::new(self.head).chain(self.rest),
        ))
    }
}

/// A byte-order mark at the start of the content, or UTF-16 recognised without one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bom {
    None,
    Utf8,
    Utf16Le,
    Utf16Be,
    /// No BOM, but the NUL pattern of ASCII-range UTF-16 (Windows "Unicode" exports).
    Utf16LeDetected,
    Utf16BeDetected,
}

impl Bom {
    /// The encoding label the BOM fixes, as recorded in `Article::encoding`.
    pub fn label(self) -> Option<&'static str> {
        match self {
            Bom::None => None,
            Bom::Utf8 => Some("utf-8 (BOM)"),
            Bom::Utf16Le => Some("utf-16le (BOM)"),
            Bom::Utf16Be => Some("utf-16be (BOM)"),
            Bom::Utf16LeDetected => Some("utf-16le (detected)"),
            Bom::Utf16BeDetected => Some("utf-16be (detected)"),
        }
    }
}

/// Opens a raw byte source: detects gzip by its magic bytes, strips a BOM, transcodes UTF-16
/// to UTF-8, and reads the head. An error reading the raw head (before any content) is
/// returned; a later error (a truncated gzip member, say) is kept in `rest` so that it
/// surfaces at the point where the stream broke, after the content before it.
pub(crate) fn open(raw: Box<dyn Read + Send>) -> io::Result<Opened> {
    let mut raw = BufReader::with_capacity(BUF_LEN, raw);
    let magic = peek(&mut raw, 2)?;
    let gzip = magic.starts_with(&[0x1f, 0x8b]);
    let decoded: Box<dyn Read + Send> = if gzip {
        // Multi-member: `cat a.gz b.gz` and appended logs are valid gzip files.
        Box::new(flate2::bufread::MultiGzDecoder::new(raw))
    } else {
        Box::new(raw)
    };
    let (mut head, mut rest) = read_head(decoded, HEAD_LEN);
    let bom = if head.starts_with(&[0xef, 0xbb, 0xbf]) {
        Bom::Utf8
    } else if head.starts_with(&[0xff, 0xfe]) {
        Bom::Utf16Le
    } else if head.starts_with(&[0xfe, 0xff]) {
        Bom::Utf16Be
    } else {
        utf16_without_bom(&head)
    };
    match bom {
        Bom::None => {}
        Bom::Utf8 => {
            head.drain(..3);
        }
        Bom::Utf16Le | Bom::Utf16Be | Bom::Utf16LeDetected | Bom::Utf16BeDetected => {
            let encoding = if matches!(bom, Bom::Utf16Le | Bom::Utf16LeDetected) {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::UTF_16BE
            };
            if matches!(bom, Bom::Utf16Le | Bom::Utf16Be) {
                head.drain(..2);
            }
            let utf16 = Cursor::new(head).chain(rest);
            let utf8 = ToUtf8::new(utf16, encoding);
            (head, rest) = read_head(Box::new(utf8), HEAD_LEN);
        }
    }
    Ok(Opened {
        head,
        rest,
        gzip,
        bom,
    })
}

/// Re-reads an opened stream through a decoder for `encoding`, when the content declares a
/// legacy encoding (an XML declaration) that applies to the whole stream.
pub(crate) fn transcode(opened: Opened, encoding: &'static encoding_rs::Encoding) -> Opened {
    let raw = Cursor::new(opened.head).chain(opened.rest);
    let (head, rest) = read_head(Box::new(ToUtf8::new(raw, encoding)), HEAD_LEN);
    Opened {
        head,
        rest,
        gzip: opened.gzip,
        bom: opened.bom,
    }
}

/// Recognises UTF-16 without a BOM by its zero bytes. Every ASCII character (space, digit,
/// punctuation, Latin letter) has a zero high byte, so in text of any alphabetic script one
/// byte lane holds a good share of NULs (a tenth or more) while the other holds almost none.
/// Single-byte text has no NULs at all, and binary files put them in both lanes.
fn utf16_without_bom(head: &[u8]) -> Bom {
    if head.len() < 16 {
        return Bom::None;
    }
    let pairs = head.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 10 >= pairs;
    let hardly = |n: usize| n * 100 <= pairs;
    if mostly(odd) && hardly(even) {
        Bom::Utf16LeDetected
    } else if mostly(even) && hardly(odd) {
        Bom::Utf16BeDetected
    } else {
        Bom::None
    }
}

/// Returns the first `n` bytes (fewer at end of input) without consuming them.
fn peek<R: Read>(r: &mut BufReader<R>, n: usize) -> io::Result<Vec<u8>> {
    loop {
        match r.fill_buf() {
            Ok(buf) => return Ok(buf[..buf.len().min(n)].to_vec()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Reads up to `n` bytes; on an error, returns what was read and a rest that replays the
/// error once.
fn read_head(mut r: Box<dyn Read + Send>, n: usize) -> (Vec<u8>, Source) {
    let mut head = vec![0u8; n];
    let mut len = 0;
    while len < n {
        match r.read(&mut head[len..]) {
            Ok(0) => break,
            Ok(k) => len += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                head.truncate(len);
                return (head, Box::new(Broken(Some(e))));
            }
        }
    }
    head.truncate(len);
    (head, Box::new(BufReader::with_capacity(BUF_LEN, r)))
}

/// A stream that fails once with a stored error, then ends.
struct Broken(Option<io::Error>);

impl Read for Broken {
    fn read(&mut self, _buf: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

impl BufRead for Broken {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(&[]),
        }
    }
    fn consume(&mut self, _amt: usize) {}
}

/// Transcodes a stream to UTF-8 in chunks (malformed input becomes U+FFFD).
struct ToUtf8<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    output: Vec<u8>,
    pos: usize,
    finished: bool,
}

impl<R: Read> ToUtf8<R> {
    fn new(inner: R, encoding: &'static encoding_rs::Encoding) -> Self {
        ToUtf8 {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; BUF_LEN],
            output: Vec::new(),
            pos: 0,
            finished: false,
        }
    }
}

impl<R: Read> Read for ToUtf8<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.pos < self.output.len() {
                let n = buf.len().min(self.output.len() - self.pos);
                buf[..n].copy_from_slice(&self.output[self.pos..self.pos + n]);
                self.pos += n;
                return Ok(n);
            }
            if self.finished {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.input)?;
            let last = n == 0;
            // Room for the worst case, so one call consumes the whole chunk.
            let room = self
                .decoder
                .max_utf8_buffer_length(n)
                .unwrap_or(n.saturating_mul(3).saturating_add(16));
            self.output.clear();
            self.output.resize(room, 0);
            self.pos = 0;
            let (_, _, written, _) =
                self.decoder
                    .decode_to_utf8(&self.input[..n], &mut self.output, last);
            self.output.truncate(written);
            self.finished = last;
        }
    }
}

/// The outcome of reading one line.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// End of input: no bytes left.
    Eof,
    /// A line is in the buffer (with its newline, if it had one).
    Read,
    /// A line longer than the cap; it was consumed without being kept. Its length in bytes.
    TooLong(u64),
}

/// Reads one line into `buf` (cleared first), keeping at most `cap` bytes: a longer line is
/// consumed chunk by chunk and dropped, so memory stays bounded. On an I/O error the bytes
/// read so far stay in `buf`.
pub(crate) fn read_line_capped(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Line> {
    buf.clear();
    let mut total: u64 = 0;
    let mut over = false;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(if total == 0 {
                Line::Eof
            } else if over {
                Line::TooLong(total)
            } else {
                Line::Read
            });
        }
        let (len, found) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        total += len as u64;
        if !over {
            if buf.len() + len > cap.saturating_add(1) {
                over = true;
                buf.clear();
                buf.shrink_to(BUF_LEN);
            } else {
                buf.extend_from_slice(&available[..len]);
            }
        }
        r.consume(len);
        if found {
            return Ok(if over {
                Line::TooLong(total)
            } else {
                Line::Read
            });
        }
    }
}

/// What went wrong when a stream broke: a short stable kind and a description.
pub(crate) fn classify(err: &io::Error, gzip: bool) -> (&'static str, String) {
    if gzip && err.kind() == io::ErrorKind::UnexpectedEof {
        ("truncated-gzip", format!("truncated gzip stream ({err})"))
    } else if gzip
        && matches!(
            err.kind(),
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData
        )
    {
        ("corrupt-gzip", format!("corrupt gzip stream ({err})"))
    } else {
        ("unreadable", format!("read error ({err})"))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// Gzips bytes (test helper shared by the crate's tests).
    pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).expect("writing to a Vec cannot fail");
        enc.finish().expect("writing to a Vec cannot fail")
    }

    fn open_bytes(bytes: Vec<u8>) -> Opened {
        open(Box::new(Cursor::new(bytes))).expect("in-memory source")
    }

    fn all(o: Opened) -> (Vec<u8>, Option<io::Error>) {
        let mut r = o.into_reader();
        let mut out = Vec::new();
        let err = r.read_to_end(&mut out).err();
        (out, err)
    }

    #[test]
    fn plain_bytes_pass_through() {
        let o = open_bytes(b"hello\nworld\n".to_vec());
        assert!(!o.gzip);
        assert_eq!(o.bom, Bom::None);
        assert_eq!(all(o).0, b"hello\nworld\n");
    }

    #[test]
    fn gzip_is_found_by_magic_bytes() {
        let body: Vec<u8> = (0..50_000)
            .flat_map(|i| format!("line {i}\n").into_bytes())
            .collect();
        let o = open_bytes(gzip(&body));
        assert!(o.gzip);
        assert_eq!(o.head.len(), HEAD_LEN);
        let (out, err) = all(o);
        assert!(err.is_none());
        assert_eq!(out, body);
    }

    #[test]
    fn concatenated_gzip_members_are_read_whole() {
        let mut bytes = gzip(b"one\n");
        bytes.extend(gzip(b"two\n"));
        assert_eq!(all(open_bytes(bytes)).0, b"one\ntwo\n");
    }

    #[test]
    fn truncated_gzip_keeps_what_came_before_the_break() {
        let body: Vec<u8> = (0..20_000)
            .flat_map(|i| format!("row {i}\n").into_bytes())
            .collect();
        let gz = gzip(&body);
        let cut = gz[..gz.len() / 2].to_vec();
        let (out, err) = all(open_bytes(cut));
        let err = err.expect("a truncated stream must report an error");
        assert!(!out.is_empty() && body.starts_with(&out));
        assert_eq!(classify(&err, true).0, "truncated-gzip");
    }

    #[test]
    fn boms_are_stripped_and_utf16_transcoded() {
        let o = open_bytes(b"\xef\xbb\xbfabc".to_vec());
        assert_eq!(o.bom, Bom::Utf8);
        assert_eq!(all(o).0, b"abc");

        let mut le = vec![0xff, 0xfe];
        le.extend("Zürich €".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let o = open_bytes(le);
        assert_eq!(o.bom, Bom::Utf16Le);
        assert_eq!(all(o).0, "Zürich €".as_bytes());

        let mut be = vec![0xfe, 0xff];
        // Long enough to cross several transcoding chunks.
        let text = "Ελλάδα και Κύπρος\n".repeat(5000);
        be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        let o = open_bytes(be);
        assert_eq!(o.bom, Bom::Utf16Be);
        assert_eq!(all(o).0, text.as_bytes());
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_zero_bytes() {
        let text = "Talks in Zürich and Athens (Αθήνα) resumed on Tuesday.\n".repeat(20)
            + &"Переговоры в Москве продолжились во вторник, 24 июня.\n".repeat(20);
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let o = open_bytes(le);
        assert_eq!(o.bom, Bom::Utf16LeDetected);
        assert_eq!(all(o).0, text.as_bytes());
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let o = open_bytes(be);
        assert_eq!(o.bom, Bom::Utf16BeDetected);
        assert_eq!(all(o).0, text.as_bytes());
        let cyrillic = "Переговоры в Москве продолжились во вторник, 24 июня.\n".repeat(20);
        let le: Vec<u8> = cyrillic
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(open_bytes(le).bom, Bom::Utf16LeDetected);
        // Binary with scattered NULs is left alone (and later called binary).
        let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert_eq!(open_bytes(binary).bom, Bom::None);
        let ints: Vec<u8> = (0..2000u32).flat_map(|i| (i * 37).to_le_bytes()).collect();
        assert_eq!(open_bytes(ints).bom, Bom::None);
    }

    #[test]
    fn capped_lines_are_dropped_without_being_kept() {
        let mut input = Vec::new();
        input.extend(b"short\n");
        input.extend(vec![b'x'; 100_000]);
        input.extend(b"\nlast");
        let mut r = BufReader::with_capacity(1024, Cursor::new(input));
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 1000).ok(),
            Some(Line::Read)
        );
        assert_eq!(buf, b"short\n");
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 1000).ok(),
            Some(Line::TooLong(100_001))
        );
        assert!(buf.capacity() <= BUF_LEN);
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 1000).ok(),
            Some(Line::Read)
        );
        assert_eq!(buf, b"last");
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 1000).ok(),
            Some(Line::Eof)
        );
    }
}
