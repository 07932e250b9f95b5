//! Whitespace splitting that gives exactly `str::split_whitespace`'s words, faster.
//!
//! The cleaner splits every line into words several times (squashing, counting, furniture
//! checks); `split_whitespace` decodes every `char` and was the largest single cost of
//! cleaning plain text under `perf`. Here bytes are scanned directly: ASCII bytes are
//! classified by a match, and a `char` is decoded only at the few UTF-8 lead bytes that can
//! start a Unicode whitespace character (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
//! U+2029, U+202F, U+205F, U+3000 all start with 0xC2, 0xE1, 0xE2 or 0xE3).

/// Byte classes: 0 never starts whitespace, 1 is ASCII whitespace, 2 may start a Unicode
/// whitespace character (decode to know).
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = 1;
    t[b'\t' as usize] = 1;
    t[b'\n' as usize] = 1;
    t[0x0B] = 1;
    t[0x0C] = 1;
    t[b'\r' as usize] = 1;
    t[0xC2] = 2;
    t[0xE1] = 2;
    t[0xE2] = 2;
    t[0xE3] = 2;
    t
};

/// The byte length of the whitespace character starting at byte `i` of `s`, if it is one
/// (as `char::is_whitespace` decides). `i` must be a char boundary or inside a character;
/// bytes inside a character never count as whitespace.
#[inline(always)]
fn ws_len(s: &str, i: usize) -> Option<usize> {
    let b = *s.as_bytes().get(i)?;
    match CLASS[usize::from(b)] {
        0 => None,
        1 => Some(1),
        _ => {
            let c = s.get(i..)?.chars().next()?;
            c.is_whitespace().then(|| c.len_utf8())
        }
    }
}

/// The words of `s`: the same items as `s.split_whitespace()`.
pub(crate) fn words(s: &str) -> Words<'_> {
    Words { s, pos: 0 }
}

/// Iterator returned by [`words`].
pub(crate) struct Words<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let n = self.s.len();
        let mut i = self.pos;
        // Skip leading whitespace.
        while i < n {
            match ws_len(self.s, i) {
                Some(l) => i += l,
                None => break,
            }
        }
        if i >= n {
            self.pos = n;
            return None;
        }
        let start = i;
        let bytes = self.s.as_bytes();
        while i < n {
            // Bytes of class 0 (nearly all) are skipped without decoding.
            if CLASS[usize::from(bytes[i])] != 0 && ws_len(self.s, i).is_some() {
                break;
            }
            i += 1;
        }
        self.pos = i;
        // `start` and `i` sit on char boundaries: a word starts after whitespace (or at 0)
        // and ends at a whitespace character's first byte (or at the end).
        self.s.get(start..i)
    }
}

/// How many words `s` has (`s.split_whitespace().count()`).
pub(crate) fn word_count(s: &str) -> usize {
    words(s).count()
}

/// Whether `s` is already squashed: no whitespace other than single ASCII spaces between
/// words, none at either end. Such text can be copied as it is.
pub(crate) fn is_squashed(s: &str) -> bool {
    let b = s.as_bytes();
    let mut prev_space = true; // a leading space is not squashed
    let mut i = 0;
    while i < b.len() {
        match ws_len(s, i) {
            Some(1) if b[i] == b' ' => {
                if prev_space {
                    return false;
                }
                prev_space = true;
                i += 1;
            }
            Some(_) => return false,
            None => {
                prev_space = false;
                i += 1;
            }
        }
    }
    !prev_space || b.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASES: &[&str] = &[
        "",
        " ",
        "one",
        "  two  words ",
        "tab\tand\nnew\r\nline\x0b\x0cend",
        "nbsp\u{a0}here and\u{2003}em\u{3000}ideographic\u{85}nel",
        "no\u{a9}break \u{e9}t\u{e9} \u{2019}quoted\u{2019} \u{20ac}5 \u{1680}ogham",
        "\u{2028}\u{2029}\u{202f}\u{205f}",
        "mixed \u{e2}\u{80}\u{94} dash\u{2014}dash",
        "日本語 の 文 。",
    ];

    #[test]
    fn words_equal_split_whitespace() {
        for s in CASES {
            let ours: Vec<&str> = words(s).collect();
            let std: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(ours, std, "{s:?}");
            assert_eq!(word_count(s), std.len(), "{s:?}");
        }
    }

    #[test]
    fn squashed_means_split_and_joined_by_single_spaces_is_the_same() {
        for s in CASES
            .iter()
            .copied()
            .chain(["a b c", "a  b", " a", "a ", "a\u{a0}b", "é è"])
        {
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(is_squashed(s), joined == s, "{s:?}");
        }
    }
}
