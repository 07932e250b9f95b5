//! Reading the text: quotation marks, quoted spans, words and sentences.
//!
//! The finder does its own light tokenisation instead of relying on `doc.tokens`, so that it
//! works the same whatever segmenter ran before it (and on documents with none).

use dyad_doc::{Document, Span};

use crate::data::Lexicon;

/// A double quotation mark and what it looks like it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Open,
    Close,
    /// A straight mark: direction decided by its neighbours.
    Either,
}

/// The kind of a double quotation mark character, if it is one.
pub fn double_mark(c: char) -> Option<Mark> {
    match c {
        '“' | '„' | '«' => Some(Mark::Open),
        '”' | '»' => Some(Mark::Close),
        '"' => Some(Mark::Either),
        _ => None,
    }
}

/// A quoted passage found in one paragraph.
#[derive(Clone, Debug)]
pub struct RawQuote {
    /// The quoted words, without the marks.
    pub span: Span,
    /// From the opening mark to the closing mark (or the paragraph end) inclusive.
    pub outer: Span,
    pub paragraph: usize,
    /// The paragraph ended with this quote still open (news style: it goes on in the next).
    pub unclosed: bool,
    /// This quote carries on one left open at the end of the previous paragraph.
    pub continues: bool,
}

/// Finds top-level double-quoted passages, paragraph by paragraph. Single quotes inside them
/// are nested quotes and stay part of the passage.
pub fn scan_quotes(doc: &Document) -> Vec<RawQuote> {
    let mut out: Vec<RawQuote> = Vec::new();
    let mut carried = false;
    for (p, para) in doc.paragraphs.iter().enumerate() {
        let Some(text) = doc.text.get(para.range()) else {
            continue;
        };
        // Most paragraphs have no quotation mark at all: without one, nothing opens here
        // and nothing is carried on (what the scan below would conclude, char by char).
        if !may_have_marks(text.as_bytes()) {
            carried = false;
            continue;
        }
        let base = para.start as usize;
        let mut open: Option<(usize, usize)> = None; // (mark start, content start)
                                                     // A top-level quotation in curly single marks (British style); never across
                                                     // paragraphs, and dropped if a double mark opens first.
        let mut single: Option<(usize, usize)> = None;
        let mut opened_here = false;
        let bytes = text.as_bytes();
        // Only a mark changes the state, and every mark starts with '"', 0xE2 or 0xC2: the
        // scan visits those bytes alone, reading the characters either side where it stops.
        let mut at = 0;
        while let Some(off) = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|&b| matches!(b, b'"' | 0xE2 | 0xC2)))
        {
            let i = at + off;
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            at = i + c.len_utf8();
            let prev = text[..i].chars().next_back();
            let next = text[at..].chars().next();
            if open.is_none() {
                let opens_single = c == '‘'
                    && prev.is_none_or(|p| p.is_whitespace() || "([{—–-".contains(p))
                    && next.is_some_and(|n| !n.is_whitespace());
                // An apostrophe ("don’t") is followed by a letter; a closing mark is not.
                let closes_single = c == '’'
                    && prev.is_some_and(|p| !p.is_whitespace())
                    && next.is_none_or(|n| !n.is_alphanumeric());
                if opens_single && single.is_none() {
                    single = Some((i, i + c.len_utf8()));
                } else if closes_single {
                    if let Some((m, s)) = single.take() {
                        push(&mut out, base, m, s, i, i + c.len_utf8(), p, false);
                    }
                }
            }
            if let Some(kind) = double_mark(c) {
                single = None;
                let opens = match kind {
                    Mark::Open => true,
                    Mark::Close => false,
                    Mark::Either => {
                        let before_space = prev.is_none_or(|p| {
                            p.is_whitespace() || "([{—–-/".contains(p) || double_mark(p).is_some()
                        });
                        let after_space = next.is_none_or(char::is_whitespace);
                        if before_space && !after_space {
                            true
                        } else if !before_space {
                            false
                        } else {
                            open.is_none()
                        }
                    }
                };
                match (open, opens) {
                    (None, true) => {
                        open = Some((i, i + c.len_utf8()));
                        opened_here = true;
                    }
                    // A second opening mark while one is open: the first was never closed
                    // (mixed or missing marks); treat this one as its close.
                    (Some((m, s)), _) => {
                        push(&mut out, base, m, s, i, i + c.len_utf8(), p, false);
                        if let Some(q) = out.last_mut() {
                            q.continues = carried && !opened_here;
                        }
                        open = None;
                        carried = false;
                    }
                    (None, false) => {} // stray closing mark
                }
            }
        }
        match open {
            Some((m, s)) => {
                push(&mut out, base, m, s, text.len(), text.len(), p, true);
                if let Some(q) = out.last_mut() {
                    q.continues = carried && !opened_here;
                }
                // News style: the quote goes on only if the next paragraph opens with a mark.
                carried = doc
                    .paragraphs
                    .get(p + 1)
                    .and_then(|n| doc.text.get(n.range()))
                    .and_then(|t| t.chars().next())
                    .is_some_and(|c| double_mark(c).is_some_and(|k| k != Mark::Close));
            }
            None => carried = false,
        }
    }
    // A quote opened by a paragraph's first mark after an unclosed one is its continuation.
    for i in 1..out.len() {
        let (a, b) = (&out[i - 1], &out[i]);
        if a.unclosed && b.paragraph == a.paragraph + 1 {
            let para_start = doc.paragraphs[b.paragraph].start;
            if b.outer.start == para_start {
                out[i].continues = true;
            }
        }
    }
    out.retain(|q| !q.span.is_empty());
    out
}

/// False when `b` has none of the marks `scan_quotes` reacts to: '"', '“', '”', '„', '«',
/// '»', '‘' (the apostrophe '’' alone closes nothing, since no single quote was opened).
fn may_have_marks(b: &[u8]) -> bool {
    b.iter().enumerate().any(|(i, &c)| match c {
        b'"' => true,
        // '“' E2 80 9C, '”' E2 80 9D, '„' E2 80 9E, '‘' E2 80 98.
        0xE2 => {
            b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x98 | 0x9C | 0x9D | 0x9E))
        }
        // '«' C2 AB, '»' C2 BB.
        0xC2 => matches!(b.get(i + 1), Some(0xAB | 0xBB)),
        _ => false,
    })
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<RawQuote>,
    base: usize,
    mark: usize,
    start: usize,
    end: usize,
    outer_end: usize,
    paragraph: usize,
    unclosed: bool,
) {
    out.push(RawQuote {
        span: Span::new(base + start, base + end),
        outer: Span::new(base + mark, base + outer_end),
        paragraph,
        unclosed,
        continues: false,
    });
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// Punctuation, one character.
    Punct(char),
}

/// A token of the text outside quotations.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub span: Span,
    pub kind: Kind,
    /// The word ended in "'s" / "’s" (not part of the span).
    pub possessive: bool,
    /// The token's [`crate::data::flag`] bits (set by [`clauses`] from its text).
    pub flags: u32,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    /// Whether the token's text has any of the [`crate::data::flag`] bits `f`.
    pub fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }
}

/// Splits `text[range]` into words and punctuation. A period stays on a word when it is an
/// abbreviation the caller says it is ("Mr.", "U.S.", initials).
pub fn tokenize(text: &str, range: Span, keep_period: impl Fn(&str) -> bool) -> Vec<Tok> {
    let base = range.start as usize;
    let Some(slice) = text.get(range.range()) else {
        return Vec::new();
    };
    // About one token per five bytes of news text: reserve once instead of growing.
    let mut toks = Vec::with_capacity(slice.len() / 5 + 1);
    let mut word_start: Option<usize> = None;
    let flush = |toks: &mut Vec<Tok>, s: usize, e: usize| {
        let mut e = e;
        let w = &slice[s..e];
        let mut possessive = false;
        // Every suffix ends in 's', an apostrophe or the last byte of '’' (0x99).
        let may_suffix = matches!(w.as_bytes().last(), Some(b's' | b'\'' | 0x99));
        for suffix in ["'s", "’s", "'", "’"].into_iter().filter(|_| may_suffix) {
            if w.len() > suffix.len() + 1 && w.ends_with(suffix) {
                e -= suffix.len();
                possessive = true;
                break;
            }
        }
        let mut period = false;
        let w = &slice[s..e];
        if w.len() > 1 && w.ends_with('.') && !keep_period(w) {
            e -= 1;
            period = true;
        }
        if e > s {
            toks.push(Tok {
                span: Span::new(base + s, base + e),
                kind: Kind::Word,
                possessive,
                flags: 0,
            });
        }
        if period {
            toks.push(Tok {
                span: Span::new(base + e, base + e + 1),
                kind: Kind::Punct('.'),
                possessive: false,
                flags: 0,
            });
        }
    };
    let bytes = slice.as_bytes();
    // The character at byte `i` and its length; ASCII without decoding.
    let char_at = |i: usize| -> Option<(char, usize)> {
        match bytes.get(i) {
            None => None,
            Some(&b) if b < 0x80 => Some((b as char, 1)),
            Some(_) => slice.get(i..)?.chars().next().map(|c| (c, c.len_utf8())),
        }
    };
    let mut i = 0;
    while let Some((c, len)) = char_at(i) {
        // Inner punctuation that belongs to a word: "U.S.", "al-Qaeda", "don't", "1,300"
        // (the next character is looked at only for these).
        let inner = word_start.is_some()
            && matches!(c, '.' | '-' | '\'' | '’' | ',')
            && char_at(i + len).is_some_and(|(n, _)| n.is_alphanumeric())
            && (c != ',' || slice[..i].ends_with(|p: char| p.is_ascii_digit()));
        if c.is_alphanumeric() || inner || (c == '.' && word_start.is_some()) {
            if word_start.is_none() {
                word_start = Some(i);
            }
            i += len;
            continue;
        }
        if let Some(s) = word_start.take() {
            flush(&mut toks, s, i);
        }
        if !c.is_whitespace() {
            toks.push(Tok {
                span: Span::new(base + i, base + i + len),
                kind: Kind::Punct(c),
                possessive: false,
                flags: 0,
            });
        }
        i += len;
    }
    if let Some(s) = word_start {
        flush(&mut toks, s, slice.len());
    }
    toks
}

/// A sentence of the text outside quotations: its tokens (quotations left out).
#[derive(Clone, Debug)]
pub struct Clause {
    pub span: Span,
    pub toks: Vec<Tok>,
}

/// Splits each paragraph's text outside the quotes into sentences at '.', '!' and '?'.
/// Each kept token is classified ([`Lexicon::word_flags`]); tokens inside quotations are not.
pub fn clauses(doc: &Document, quotes: &[RawQuote], lex: &Lexicon) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut qi = 0;
    let keep_period = |w: &str| lex.keeps_period(w);
    let flags = |span: Span| lex.word_flags(doc.text.get(span.range()).unwrap_or(""));
    for para in &doc.paragraphs {
        let toks = tokenize(&doc.text, *para, keep_period);
        let mut cur: Vec<Tok> = Vec::with_capacity(toks.len());
        for t in toks {
            // Quotes and tokens are both in text order: advance past quotes ending before.
            while quotes.get(qi).is_some_and(|q| q.outer.end <= t.span.start) {
                qi += 1;
            }
            let inside = quotes.get(qi).is_some_and(|q| q.outer.contains(t.span));
            if inside {
                // A quotation is part of its sentence; mark where it sits with its mark.
                if quotes
                    .get(qi)
                    .is_some_and(|q| q.outer.start == t.span.start)
                {
                    cur.push(Tok {
                        span: t.span,
                        kind: Kind::Punct('"'),
                        possessive: false,
                        flags: flags(t.span),
                    });
                }
                continue;
            }
            let end = matches!(t.kind, Kind::Punct('.' | '!' | '?'));
            cur.push(Tok {
                flags: flags(t.span),
                ..t
            });
            if end {
                flush_clause(&mut out, &mut cur);
            }
        }
        flush_clause(&mut out, &mut cur);
    }
    out
}

fn flush_clause(out: &mut Vec<Clause>, cur: &mut Vec<Tok>) {
    if let (Some(first), Some(last)) = (cur.first(), cur.last()) {
        // The clause gets an exact-size copy; `cur` keeps its buffer for the next clause.
        out.push(Clause {
            span: first.span.cover(last.span),
            toks: cur.clone(),
        });
    }
    cur.clear();
}
