//! A parser-free approximation of clauses inside a sentence.
//!
//! Every token gets a clause id; two tokens share a clause when no boundary lies between
//! them. Boundaries (words from `dictionaries/time-words.txt`):
//! - `;`, `:`, dashes (`--`, `—`, `–`) and quotation marks;
//! - a `[clause-boundary]` word ("but", "that"): a new clause runs to the next boundary;
//! - a `[subordinator]` ("after", "while", "who", "which"): its clause runs to the next comma
//!   or boundary; when a comma closes it, the interrupted clause resumes after the comma, so
//!   "Putin, who arrived Monday, met Bush Tuesday" gives "met" the clause of "Putin" and
//!   "Tuesday", and "After talks Thursday, Robertson said" keeps "Thursday" away from "said";
//! - a reporting frame between commas or at the end (", he said." / ", said the minister,"):
//!   a short stretch after a comma, up to the next comma or the end, that holds a `[reporting]`
//!   verb. "Yesterday, Putin said NATO…" is no frame (the stretch is long), so "Yesterday"
//!   stays in the clause of "said".

use dyad_doc::{Token, TokenKind};

use crate::lexicon::TimeWords;

/// The longest stretch after a comma that counts as a reporting frame, in tokens.
const FRAME_MAX: usize = 8;

fn is_comma(s: &str) -> bool {
    s == ","
}

fn is_hard_boundary(t: Token, s: &str, lower: &str, words: &TimeWords) -> bool {
    match t.kind {
        TokenKind::OpenQuote | TokenKind::CloseQuote | TokenKind::Quote => true,
        TokenKind::Punct => {
            matches!(s, ";" | ":" | "\u{2014}" | "\u{2013}" | "\u{2015}") || s.starts_with("--")
        }
        TokenKind::Word => words.clause_boundary.contains(lower),
        TokenKind::Number => false,
    }
}

fn is_stop(s: &str) -> bool {
    matches!(s, "." | "?" | "!") || s.starts_with("..") || s == "\u{2026}"
}

/// Clause ids for the tokens of one sentence (`texts` and `lower` are their texts).
pub(crate) fn clause_ids(
    words: &TimeWords,
    toks: &[Token],
    texts: &[&str],
    lower: &[&str],
) -> Vec<u32> {
    let n = toks.len();
    let hard: Vec<bool> = (0..n)
        .map(|k| is_hard_boundary(toks[k], texts[k], lower[k], words))
        .collect();
    // Reporting frames: a comma, then a short stretch with a reporting verb.
    let mut frame = vec![false; n];
    for k in 0..n {
        if !is_comma(texts[k]) {
            continue;
        }
        let mut m = k + 1;
        while m < n && !is_comma(texts[m]) && !is_stop(texts[m]) && !hard[m] {
            m += 1;
        }
        let len = m - k - 1;
        let reporting = (k + 1..m).any(|j| words.reporting.contains(lower[j]));
        if (1..=FRAME_MAX).contains(&len) && reporting {
            frame[k] = true;
            if m < n && is_comma(texts[m]) {
                frame[m] = true;
            }
        }
    }
    let mut ids = vec![0u32; n];
    let mut next_id = 0u32;
    let mut current = 0u32;
    let mut k = 0;
    while k < n {
        if hard[k] || frame[k] {
            next_id += 1;
            current = next_id;
        } else if toks[k].kind == TokenKind::Word && words.subordinators.contains(lower[k]) {
            next_id += 1;
            let resume = current;
            let sub = next_id;
            let mut m = k;
            while m < n && !(m > k && (hard[m] || frame[m] || is_comma(texts[m]))) {
                ids[m] = sub;
                m += 1;
            }
            if m < n && is_comma(texts[m]) && !frame[m] {
                // The comma closes the subordinate clause; what follows resumes the outer one.
                ids[m] = sub;
                current = resume;
                k = m + 1;
            } else {
                current = sub;
                k = m;
            }
            continue;
        }
        ids[k] = current;
        k += 1;
    }
    ids
}
