//! Regular English inflection as the PETRARCH formats define it: noun plurals for agents,
//! synsets and issues (`n:`), verb forms for verb blocks and issues (`v:`).
//!
//! The functions work on case-folded words and return case-folded forms.

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The letter before the last, if any.
fn penultimate(word: &str) -> Option<char> {
    let mut it = word.chars().rev();
    it.next();
    it.next()
}

/// Regular plurals of a (folded) noun: `+s`; `y` → `ies` (and `ys` after a vowel, as
/// English does: `days`); `ss`, `x`, `ch`, `sh`, `z` → `+es`.
pub fn noun_plurals(word: &str) -> Vec<String> {
    if word.is_empty() {
        return Vec::new();
    }
    if let Some(stem) = word.strip_suffix('y') {
        let mut out = vec![format!("{stem}ies")];
        if penultimate(word).is_some_and(is_vowel) {
            out.push(format!("{word}s"));
        }
        return out;
    }
    if ["ss", "x", "ch", "sh", "z"]
        .iter()
        .any(|s| word.ends_with(s))
    {
        return vec![format!("{word}es")];
    }
    vec![format!("{word}s")]
}

/// The regular forms of a (folded) verb, base form first: third person (`s`/`es`/`ies`),
/// past (`ed`/`d`/`ied`) and present participle (`ing`, dropping a silent `e`).
/// Consonant doubling is not guessed: the dictionaries list such forms in `{...}`.
pub fn verb_forms(verb: &str) -> Vec<String> {
    if verb.is_empty() {
        return Vec::new();
    }
    let consonant_y = verb.ends_with('y') && !penultimate(verb).is_some_and(is_vowel);
    let third = if consonant_y {
        format!("{}ies", &verb[..verb.len() - 1])
    } else if ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|s| verb.ends_with(s))
    {
        format!("{verb}es")
    } else {
        format!("{verb}s")
    };
    let past = if consonant_y {
        format!("{}ied", &verb[..verb.len() - 1])
    } else if verb.ends_with('e') {
        format!("{verb}d")
    } else {
        format!("{verb}ed")
    };
    let ing = if let Some(stem) = verb.strip_suffix("ie") {
        format!("{stem}ying")
    } else if verb.ends_with('e')
        && !["ee", "ye", "oe"].iter().any(|s| verb.ends_with(s))
        && verb.len() > 2
    {
        format!("{}ing", &verb[..verb.len() - 1])
    } else {
        format!("{verb}ing")
    };
    let mut out = vec![verb.to_string(), third, past, ing];
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(noun_plurals("minister"), vec!["ministers"]);
        assert_eq!(noun_plurals("ministry"), vec!["ministries"]);
        assert_eq!(noun_plurals("boss"), vec!["bosses"]);
        assert_eq!(noun_plurals("envoy"), vec!["envoies", "envoys"]);
        assert!(noun_plurals("").is_empty());
    }

    #[test]
    fn verbs() {
        assert_eq!(
            verb_forms("accuse"),
            vec!["accuse", "accuses", "accused", "accusing"]
        );
        assert_eq!(
            verb_forms("deny"),
            vec!["deny", "denies", "denied", "denying"]
        );
        assert_eq!(
            verb_forms("play"),
            vec!["play", "plays", "played", "playing"]
        );
        assert_eq!(
            verb_forms("push"),
            vec!["push", "pushes", "pushed", "pushing"]
        );
        assert_eq!(
            verb_forms("agree"),
            vec!["agree", "agrees", "agreed", "agreeing"]
        );
        assert_eq!(verb_forms("tie"), vec!["tie", "ties", "tied", "tying"]);
    }
}
