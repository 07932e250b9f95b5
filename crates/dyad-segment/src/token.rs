//! The tokenizer: one pass over the characters of a paragraph, Penn-Treebank-like.
//!
//! Words keep inner hyphens ("al-Qaeda", "Russia-NATO"), inner apostrophes ("O'Brien") and
//! the periods of abbreviation shapes ("U.S.", "U.S.A.-Canada", "a.m."); numbers keep their
//! separators ("1,300", "3.5", "10:30", "2004-04-08"). Possessive `'s` and the clitics `n't`,
//! `'re`, `'ve`, `'ll`, `'d`, `'m` become their own tokens, because the coder matches
//! dictionary phrases token by token. Every other punctuation mark is its own token, except
//! runs of periods (an ellipsis) and runs of hyphens (`--`), which stay together.

use dyad_doc::{Span, Token, TokenKind};

use crate::abbrev::{AbbrevClass, Abbreviations};

/// The char starting at byte `i` of `text`, if `i < end`.
#[inline]
pub(crate) fn char_at(text: &str, i: usize, end: usize) -> Option<char> {
    if i >= end {
        return None;
    }
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text.get(i..end).and_then(|s| s.chars().next())
    }
}

/// The char ending at byte `i` of `text`, if `i > start`.
#[inline]
fn char_before(text: &str, i: usize, start: usize) -> Option<char> {
    if i <= start {
        return None;
    }
    let b = *text.as_bytes().get(i - 1)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text.get(start..i).and_then(|s| s.chars().next_back())
    }
}

fn is_word_char(c: char) -> bool {
    // Combining marks (Arabic, Devanagari, decomposed accents) belong to the word they mark.
    c.is_alphanumeric() || ('\u{0300}'..='\u{036f}').contains(&c) || c == '\u{200c}'
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

fn is_open_bracket(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '<')
}

fn is_open_quote_char(c: char) -> bool {
    matches!(c, '“' | '‘' | '«' | '„' | '‚' | '‹')
}

/// A quotation mark whose direction is unknown from its shape.
fn is_straight_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201f}' | '\u{2033}')
}

/// Whether a quote mark preceded by `prev` stands at the start of something.
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || is_open_bracket(c)
                || is_open_quote_char(c)
                || is_dash(c)
                || c == '/'
        }
    }
}

/// Whether a quote mark followed by `next` stands at the end of something.
fn closes_before(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => {
            c.is_whitespace() || (!is_word_char(c) && !is_open_bracket(c) && !is_open_quote_char(c))
        }
    }
}

/// The direction of a quotation mark from the characters around it.
fn quote_kind(prev: Option<char>, next: Option<char>) -> TokenKind {
    let open = opens_after(prev);
    let close = closes_before(next);
    match (open, close) {
        (true, false) => TokenKind::OpenQuote,
        (false, true) => TokenKind::CloseQuote,
        // `said:"We` — punctuation before, a word after.
        (false, false) if prev.is_some_and(|c| !is_word_char(c)) => TokenKind::OpenQuote,
        _ => TokenKind::Quote,
    }
}

/// The clitics split off the end of a word, after an apostrophe.
fn is_clitic(s: &str) -> bool {
    ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|c| s.eq_ignore_ascii_case(c))
}

/// Tokenizes `text[start..end]` and appends the tokens to `out`.
pub(crate) fn tokenize(
    abbr: &Abbreviations,
    text: &str,
    start: usize,
    end: usize,
    out: &mut Vec<Token>,
) {
    let mut i = start;
    // An opening single quote is waiting for its close: a trailing `'` after "s" is then a
    // closing quote rather than a plural possessive ("the states' interests").
    let mut single_open = false;
    while let Some(c) = char_at(text, i, end) {
        let n = c.len_utf8();
        if c.is_whitespace() {
            i += n;
            continue;
        }
        if is_word_char(c) {
            let mut j = scan_word(text, i, end);
            if char_at(text, j, end) == Some('.') && attach_period(abbr, text, i, j, end) {
                j += 1;
            }
            push_word(text, i, j, out);
            i = j;
            continue;
        }
        let prev = char_before(text, i, start);
        let next = char_at(text, i + n, end);
        let (len, kind) = match c {
            '.' => (run_len(text, i, end, '.'), TokenKind::Punct),
            '-' => (run_len(text, i, end, '-'), TokenKind::Punct),
            '“' | '„' | '«' | '‹' => (n, TokenKind::OpenQuote),
            '‘' | '‚' => {
                single_open = true;
                (n, TokenKind::OpenQuote)
            }
            '”' | '»' | '›' => (n, TokenKind::CloseQuote),
            // PTB/LaTeX-style quotes in wire text: ``quoted''.
            '`' if next == Some('`') => (2, TokenKind::OpenQuote),
            '`' => (n, TokenKind::OpenQuote),
            '\'' if next == Some('\'') => (2, TokenKind::CloseQuote),
            '’' | '\'' => {
                let possessive = !single_open
                    && matches!(prev, Some('s' | 'S'))
                    && closes_before(next)
                    && !next.is_some_and(is_word_char);
                if possessive {
                    (n, TokenKind::Punct)
                } else if c == '’' && !opens_after(prev) {
                    single_open = false;
                    (n, TokenKind::CloseQuote)
                } else {
                    let kind = quote_kind(prev, next);
                    match kind {
                        TokenKind::OpenQuote => single_open = true,
                        TokenKind::CloseQuote => single_open = false,
                        _ => {}
                    }
                    (n, kind)
                }
            }
            c if is_straight_quote(c) => (n, quote_kind(prev, next)),
            _ => (n, TokenKind::Punct),
        };
        out.push(Token {
            span: Span::new(i, i + len),
            kind,
        });
        i += len;
    }
}

/// The byte length of the run of `c` (an ASCII char) starting at `i`.
fn run_len(text: &str, i: usize, end: usize, c: char) -> usize {
    let bytes = &text.as_bytes()[i..end];
    bytes.iter().take_while(|&&b| b as char == c).count()
}

/// Letters in the chunk `text[from..to]`, counting at most `cap + 1`.
fn chunk_chars(text: &str, from: usize, to: usize, cap: usize) -> usize {
    text.get(from..to)
        .map_or(0, |s| s.chars().take(cap + 1).count())
}

/// Whether a short letter chunk followed by a period starts at `i` ("S." in "U.S.").
fn short_dotted_chunk(text: &str, i: usize, end: usize) -> bool {
    let mut j = i;
    let mut count = 0;
    while let Some(c) = char_at(text, j, end) {
        if !c.is_alphabetic() {
            break;
        }
        count += 1;
        if count > 3 {
            return false;
        }
        j += c.len_utf8();
    }
    count > 0 && char_at(text, j, end) == Some('.')
}

/// The end of the word or number starting at `i` (its final period not included).
fn scan_word(text: &str, i: usize, end: usize) -> usize {
    let mut j = i;
    let mut chunk_start = i;
    let mut has_inner_period = false;
    let bytes = text.as_bytes();
    let end_b = end.min(bytes.len());
    loop {
        loop {
            // Most word characters are ASCII letters and digits: step over them bytewise and
            // decode a `char` only at other bytes.
            while j < end_b && bytes[j].is_ascii_alphanumeric() {
                j += 1;
            }
            match char_at(text, j, end) {
                Some(c) if is_word_char(c) => j += c.len_utf8(),
                _ => break,
            }
        }
        let Some(c) = char_at(text, j, end) else {
            return j;
        };
        let prev = char_before(text, j, i);
        let after = j + c.len_utf8();
        let next = char_at(text, after, end);
        let next_is_word = next.is_some_and(is_word_char);
        let prev_digit = prev.is_some_and(|p| p.is_ascii_digit());
        let next_digit = next.is_some_and(|p| p.is_ascii_digit());
        let step = match c {
            c if is_dash(c) && c != '\u{2014}' && c != '\u{2015}' && next_is_word => {
                // "al-Qaeda", "2004-04-08"; but not "--" and not the em dash.
                Some(after)
            }
            // A suspended hyphen keeps to its word: "anti- and pro-NATO" (PTB's "anti-").
            '-' if prev.is_some_and(char::is_alphabetic) && next == Some(' ') => {
                return after;
            }
            '\'' | '’' if prev.is_some_and(char::is_alphabetic) && next_is_word => Some(after),
            '.' if prev_digit && next_digit => Some(after),
            '.' if prev.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic)
                && chunk_chars(text, chunk_start, j, 3) <= 3
                && short_dotted_chunk(text, after, end) =>
            {
                has_inner_period = true;
                chunk_start = after;
                Some(after)
            }
            // "U.S.-led", "U.S.A.-Canada": an abbreviation shape joined by a hyphen.
            '.' if has_inner_period
                && next == Some('-')
                && char_at(text, after + 1, end).is_some_and(is_word_char) =>
            {
                Some(after + 1)
            }
            ',' if prev_digit && thousands_group(text, after, end) => Some(after),
            ':' | '/' if prev_digit && next_digit => Some(after),
            _ => None,
        };
        match step {
            Some(k) => {
                if c != '.' {
                    chunk_start = k;
                }
                j = k;
            }
            None => return j,
        }
    }
}

/// Whether exactly three digits start at `i` ("300" in "1,300").
fn thousands_group(text: &str, i: usize, end: usize) -> bool {
    let b = text.as_bytes();
    i + 3 <= end
        && b[i..i + 3].iter().all(u8::is_ascii_digit)
        && (i + 3 == end || !b[i + 3].is_ascii_digit())
}

/// Whether the period after the word `text[s..e]` belongs to it.
fn attach_period(abbr: &Abbreviations, text: &str, s: usize, e: usize, end: usize) -> bool {
    let word = &text[s..e];
    let mut chars = word.chars();
    let first = chars.next();
    let single = chars.next().is_none();
    // An initial ("V." in "Vladimir V. Putin").
    if single && first.is_some_and(char::is_uppercase) {
        return true;
    }
    // An abbreviation shape ("U.S", "a.m").
    if word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    match abbr.class(word) {
        Some(AbbrevClass::Title | AbbrevClass::Ordinary) => true,
        Some(AbbrevClass::BeforeNumber) => {
            let mut k = e + 1;
            while char_at(text, k, end).is_some_and(|c| c == ' ') {
                k += 1;
            }
            char_at(text, k, end).is_some_and(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// Pushes the word `text[s..e]`, splitting clitics off its end.
fn push_word(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let word = &text[s..e];
    let kind = if word.starts_with(|c: char| c.is_ascii_digit())
        && !word.contains(|c: char| c.is_alphabetic())
    {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    let mut split = None;
    if kind == TokenKind::Word && !word.ends_with('.') {
        let lower_ends = |suffix: &str| {
            word.len() > suffix.len()
                && word.is_char_boundary(word.len() - suffix.len())
                && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        };
        if lower_ends("n't") {
            split = Some(e - 3);
        } else if lower_ends("n’t") {
            split = Some(e - "n’t".len());
        } else if let Some(k) = word
            .bytes()
            // Cheap byte test first: most words hold neither `'` nor `’` (0xE2 0x80 0x99).
            .any(|b| b == b'\'' || b == 0xE2)
            .then(|| word.rfind(['\'', '’']))
            .flatten()
        {
            let apostrophe = word[k..].chars().next().map_or(1, char::len_utf8);
            if k > 0 && is_clitic(&word[k + apostrophe..]) {
                split = Some(s + k);
            }
        }
    }
    match split {
        Some(k) if k > s => {
            out.push(Token {
                span: Span::new(s, k),
                kind,
            });
            out.push(Token {
                span: Span::new(k, e),
                kind: TokenKind::Word,
            });
        }
        _ => out.push(Token {
            span: Span::new(s, e),
            kind,
        }),
    }
}
