//! Supplied Penn Treebank parses: their words and tags, and their alignment with the words
//! dyad reads from the text, so a parse can guide the reading without replacing the text that
//! every span points into.

/// Whether the brackets of a parse balance (never closing more than opened).
pub fn balanced(ptb: &str) -> bool {
    let mut depth: i64 = 0;
    for c in ptb.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// The (tag, word) leaves of a parse, in order.
pub fn leaves(ptb: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = ptb;
    while let Some(i) = rest.find('(') {
        rest = &rest[i + 1..];
        let Some(end) = rest.find([')', '(']) else {
            break;
        };
        if rest[end..].starts_with(')') {
            let inner = rest[..end].trim();
            let mut it = inner.splitn(2, char::is_whitespace);
            if let (Some(tag), Some(word)) = (it.next(), it.next()) {
                let word = word.trim();
                if !word.is_empty() {
                    out.push((tag.to_string(), word.to_string()));
                }
            }
        }
    }
    out
}

/// The words of a parse joined by blanks, brackets and tags dropped, with the Treebank's
/// split clitics re-attached so the tokenizer splits them the same way again.
pub fn text(ptb: &str) -> Option<String> {
    let leaves = leaves(ptb);
    if leaves.is_empty() {
        return None;
    }
    let mut out = String::new();
    for (_, w) in &leaves {
        let w = match w.as_str() {
            "-LRB-" => "(",
            "-RRB-" => ")",
            "``" | "\'\'" => "\"",
            other => other,
        };
        let clitic = w.starts_with('\'') && w.len() <= 3 || w.eq_ignore_ascii_case("n't");
        if !out.is_empty() && !clitic {
            out.push(' ');
        }
        out.push_str(w);
    }
    Some(out)
}

/// Folds a word for alignment: upper case, Treebank brackets and quotes as characters.
fn fold(w: &str) -> String {
    match w {
        "-LRB-" => "(".into(),
        "-RRB-" => ")".into(),
        "``" | "\'\'" => "\"".into(),
        other => other.to_uppercase().replace('’', "\'"),
    }
}

/// The parse tag of each word in `words` (upper-case forms), where the parse's leaves line up
/// with them; a few unmatched words on either side are skipped.
pub fn align(words: &[&str], leaves: &[(String, String)]) -> Vec<Option<String>> {
    let mut out = vec![None; words.len()];
    let (mut i, mut j) = (0, 0);
    while i < words.len() && j < leaves.len() {
        let w = fold(words[i]);
        if w == fold(&leaves[j].1) {
            out[i] = Some(leaves[j].0.clone());
            i += 1;
            j += 1;
            continue;
        }
        // Look a little ahead on both sides for the next common word.
        let ahead_leaf = (j + 1..(j + 4).min(leaves.len())).find(|&k| fold(&leaves[k].1) == w);
        match ahead_leaf {
            Some(k) => j = k,
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_align_with_words() {
        let p = "(ROOT (S (NP (NNP Arnor)) (VP (VBD did) (RB n\'t) (VP (VB talk))) (. .)))";
        assert!(balanced(p));
        assert!(!balanced("(ROOT (S (NP (NNP Arnor))"));
        let l = leaves(p);
        assert_eq!(l.len(), 5);
        assert_eq!(text(p).as_deref(), Some("Arnor didn\'t talk ."));
        let tags = align(&["ARNOR", "DID", "N\'T", "TALK", "."], &l);
        assert_eq!(tags[3].as_deref(), Some("VB"));
        assert_eq!(tags[0].as_deref(), Some("NNP"));
    }
}
