//! Part-of-speech tagging: lexical candidates (lexicon, morphology, unknown-word rules), then a
//! deterministic left-to-right choice that scores each candidate by its lexical prior and by
//! grammatical context (the tags already chosen to the left, the candidates to the right).

use dyad_doc::TokenKind;

use crate::lexicon::{Lexicon, OpenEntry, ADJ, ADV, NOUN, PROPER, VERB};
use crate::Tag;

/// A lexical candidate for one token. `lemma: None` means the word itself (lower-cased, or
/// as written for proper nouns).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cand<'l> {
    pub tag: Tag,
    /// Log-scale prior (higher is likelier).
    pub score: f32,
    pub lemma: Option<&'l str>,
}

/// One token as the tagger sees it.
#[derive(Clone, Debug)]
pub(crate) struct Tok<'a> {
    pub text: &'a str,
    pub lower: std::borrow::Cow<'a, str>,
    pub kind: TokenKind,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// First word of the sentence (or of a quotation / bracket): capitals say little there.
    pub initial: bool,
}

fn prior(count: Option<u16>) -> f32 {
    // WordNet's tagged-sense counts are small integers; the log keeps a frequent reading ahead
    // without letting it override grammar.
    (f32::from(count.unwrap_or(0)) + 1.0).ln()
}

fn push<'l>(out: &mut Vec<Cand<'l>>, tag: Tag, score: f32, lemma: Option<&'l str>) {
    if let Some(c) = out.iter_mut().find(|c| c.tag == tag) {
        if score > c.score {
            c.score = score;
            c.lemma = lemma;
        }
    } else {
        out.push(Cand { tag, score, lemma });
    }
}

/// Punctuation tags from the token text.
pub(crate) fn punct_tag(text: &str, kind: TokenKind) -> Tag {
    match kind {
        TokenKind::OpenQuote => return Tag::LQuote,
        TokenKind::CloseQuote | TokenKind::Quote => return Tag::RQuote,
        _ => {}
    }
    match text {
        "," => Tag::Comma,
        "." | "!" | "?" | "..." | "…" => Tag::Period,
        ":" | ";" | "-" | "--" | "—" | "–" => Tag::Colon,
        "(" | "[" | "{" | "-LRB-" | "-LCB-" => Tag::LRB,
        ")" | "]" | "}" | "-RRB-" | "-RCB-" => Tag::RRB,
        "$" | "US$" | "€" | "£" => Tag::Dollar,
        "#" => Tag::Hash,
        "``" | "“" | "‘" => Tag::LQuote,
        "''" | "”" | "’" | "\"" | "'" => Tag::RQuote,
        "%" | "&" => Tag::SYM,
        _ => Tag::SYM,
    }
}

impl Lexicon {
    fn open_entry(&self, w: &str) -> Option<(&str, &OpenEntry)> {
        self.open.get_key_value(w).map(|(k, v)| (&**k, v))
    }

    /// Lexical candidates for one token, appended to `out` (which should hold only this
    /// token's candidates: candidates are merged by tag).
    pub(crate) fn candidates<'l>(&'l self, tok: &Tok<'_>, out: &mut Vec<Cand<'l>>) {
        let start = out.len();
        if tok.kind == TokenKind::Number {
            // "12-year", "500-page": a number compound modifying a noun.
            let compound = tok.text.contains('-') && tok.text.chars().any(char::is_alphabetic);
            out.push(Cand {
                tag: if compound { Tag::JJ } else { Tag::CD },
                score: 0.0,
                lemma: None,
            });
            return;
        }
        if tok.kind != TokenKind::Word {
            out.push(Cand {
                tag: punct_tag(tok.text, tok.kind),
                score: 0.0,
                lemma: None,
            });
            return;
        }
        let w: &str = &tok.lower;
        let mid_cap = tok.cap && !tok.initial;
        if mid_cap && self.cap_proper.contains(w) {
            out.push(Cand {
                tag: Tag::NNP,
                score: 0.0,
                lemma: None,
            });
            return;
        }
        if let Some((_, e)) = self.closed.get_key_value(w) {
            for (i, t) in e.tags.iter().enumerate() {
                // Listed order is preference order.
                let score = 2.0 - i as f32;
                push(out, *t, score, e.lemma.as_deref());
            }
            // A capitalised closed-class word mid-sentence can still be a name ("US", "IT").
            if mid_cap && tok.text.chars().all(|c| c.is_uppercase()) && tok.text.len() > 1 {
                push(out, Tag::NNP, 2.5, None);
            }
            return;
        }
        self.open_candidates(w, out);
        if let Some(forms) = self.irregular.get(w) {
            for (t, lemma) in forms {
                let e = self.open.get(&**lemma);
                let class = match t {
                    Tag::NNS => NOUN,
                    Tag::JJR | Tag::JJS | Tag::JJ => ADJ,
                    Tag::RBR | Tag::RBS | Tag::RB => ADV,
                    _ => VERB,
                };
                let score = prior(e.and_then(|e| e.counts[class])) + 0.5;
                push(out, *t, score, Some(lemma));
            }
        }
        self.regular_candidates(w, out);
        // Capitalised words: names, unless the lexicon knows the word as a common word at the
        // start of a sentence.
        if tok.cap {
            let known_common = out[start..].iter().any(|c| !c.tag.is_proper());
            let proper = self.open.get(w).and_then(|e| e.counts[PROPER]).is_some();
            let adj = self.open.get(w).and_then(|e| e.counts[ADJ]).is_some();
            if mid_cap {
                let plural = w.len() > 3
                    && w.ends_with('s')
                    && !w.ends_with("ss")
                    && self
                        .open
                        .get(&w[..w.len() - 1])
                        .is_some_and(|e| e.counts[PROPER].is_some() || e.counts[ADJ].is_some());
                if plural {
                    push(out, Tag::NNPS, 3.0, None);
                } else {
                    push(out, Tag::NNP, if adj { 2.5 } else { 3.0 }, None);
                }
                if adj {
                    push(out, Tag::JJ, 2.0, None);
                }
            } else if proper || !known_common {
                push(out, Tag::NNP, if proper { 2.0 } else { 1.0 }, None);
            }
        }
        if out.len() == start {
            self.unknown_candidates(w, out);
        }
    }

    fn open_candidates<'l>(&'l self, w: &str, out: &mut Vec<Cand<'l>>) {
        let Some((key, e)) = self.open_entry(w) else {
            return;
        };
        let lemma = Some(key);
        if let Some(c) = e.counts[NOUN] {
            push(out, Tag::NN, prior(Some(c)), lemma);
        }
        if let Some(c) = e.counts[VERB] {
            push(out, Tag::VB, prior(Some(c)) - 0.2, lemma);
            push(out, Tag::VBP, prior(Some(c)) - 0.3, lemma);
        }
        if let Some(c) = e.counts[ADJ] {
            push(out, Tag::JJ, prior(Some(c)), lemma);
        }
        if let Some(c) = e.counts[ADV] {
            push(out, Tag::RB, prior(Some(c)), lemma);
        }
        if e.counts[PROPER].is_some() && e.counts[NOUN].is_none() && out.is_empty() {
            // Names written lower-case: still nouns.
            push(out, Tag::NN, 0.0, lemma);
        }
    }

    /// Regular inflections: the stem must be in the lexicon with the right class.
    fn regular_candidates<'l>(&'l self, w: &str, out: &mut Vec<Cand<'l>>) {
        let n = w.len();
        let try_stem = |stem: &str, class: usize, tag: Tag, out: &mut Vec<Cand<'l>>| {
            if stem.len() < 2 {
                return;
            }
            if let Some((k, e)) = self.open_entry(stem) {
                if let Some(c) = e.counts[class] {
                    push(out, tag, prior(Some(c)), Some(k));
                }
            }
        };
        if n > 2 && w.ends_with('s') && !w.ends_with("ss") {
            let s1 = &w[..n - 1];
            try_stem(s1, NOUN, Tag::NNS, out);
            try_stem(s1, VERB, Tag::VBZ, out);
            if w.ends_with("es") {
                let s2 = &w[..n - 2];
                try_stem(s2, NOUN, Tag::NNS, out);
                try_stem(s2, VERB, Tag::VBZ, out);
            }
            if w.ends_with("ies") {
                // Only the y-stem matters here ("parties" → "party").
                for_stems(w, 3, "y", "", |stem| {
                    if stem.ends_with('y') {
                        try_stem(stem, NOUN, Tag::NNS, out);
                        try_stem(stem, VERB, Tag::VBZ, out);
                    }
                });
            }
        }
        if n > 3 && w.ends_with("ed") {
            for_stems(w, 2, "e", "ied", |stem| {
                try_stem(stem, VERB, Tag::VBD, out);
                try_stem(stem, VERB, Tag::VBN, out);
            });
        }
        if n > 4 && w.ends_with("ing") {
            for_stems(w, 3, "e", "ying", |stem| {
                try_stem(stem, VERB, Tag::VBG, out)
            });
        }
        if n > 3 && w.ends_with("er") {
            for_stems(w, 2, "e", "ier", |stem| try_stem(stem, ADJ, Tag::JJR, out));
        }
        if n > 4 && w.ends_with("est") {
            for_stems(w, 3, "e", "iest", |stem| try_stem(stem, ADJ, Tag::JJS, out));
        }
    }

    fn unknown_candidates<'l>(&'l self, w: &str, out: &mut Vec<Cand<'l>>) {
        // Hyphenated compounds take their last part's class ("pro-Western", "long-range").
        if let Some((_, last)) = w.rsplit_once('-') {
            if !last.is_empty() {
                let before = out.len();
                self.open_candidates(last, out);
                self.regular_candidates(last, out);
                if out.len() > before {
                    for c in &mut out[before..] {
                        c.lemma = None;
                        if c.tag == Tag::VB || c.tag == Tag::VBP {
                            c.tag = Tag::JJ;
                        }
                    }
                    push(out, Tag::JJ, 1.0, None);
                    return;
                }
                push(out, Tag::JJ, 1.0, None);
                push(out, Tag::NN, 0.8, None);
                return;
            }
        }
        for (suffix, tags) in &self.suffixes {
            if w.len() > suffix.len() + 1 && w.ends_with(&**suffix) {
                for (i, t) in tags.iter().enumerate() {
                    push(out, *t, 1.0 - 0.3 * i as f32, None);
                }
                return;
            }
        }
        push(out, Tag::NN, 1.0, None);
    }
}

/// Calls `f` with each candidate stem of `w` with a suffix of `cut` bytes removed: the bare
/// stem, the stem plus `e_add` ("agreed" → "agree"), the stem with a doubled final consonant
/// undone ("stopped" → "stop"), and the stem for a `y_end` ending ("tried" → "try", "dying" →
/// "die"). Stems are built in a stack buffer: no allocation per token.
fn for_stems(w: &str, cut: usize, e_add: &str, y_end: &str, mut f: impl FnMut(&str)) {
    const CAP: usize = 64;
    let n = w.len();
    let Some(stem) = w.get(..n.saturating_sub(cut)) else {
        return;
    };
    if stem.is_empty() || stem.len() + 4 > CAP {
        return;
    }
    let mut buf = [0u8; CAP];
    let mut emit = |parts: [&str; 2], f: &mut dyn FnMut(&str)| {
        let mut len = 0;
        for p in parts {
            buf[len..len + p.len()].copy_from_slice(p.as_bytes());
            len += p.len();
        }
        if let Ok(s) = std::str::from_utf8(&buf[..len]) {
            f(s);
        }
    };
    emit([stem, ""], &mut f);
    emit([stem, e_add], &mut f);
    let b = stem.as_bytes();
    if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiou".contains(&b[b.len() - 1]) {
        if let Some(undoubled) = stem.get(..stem.len() - 1) {
            emit([undoubled, ""], &mut f);
        }
    }
    if w.ends_with(y_end) {
        if let Some(base) = w.get(..n - y_end.len()) {
            let end = if y_end == "ying" { "ie" } else { "y" };
            emit([base, end], &mut f);
        }
    }
}
