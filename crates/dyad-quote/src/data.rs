//! The quotation finder's data files: reporting verbs and the words of people's names.

use crate::QuoteError;
use dyad_doc::words::{FastMap, WordSet};

/// Bits of a word's class ([`Lexicon::word_flags`]): which word lists its lower-case form is
/// in, and a few facts about its spelling. Every token outside quotations is classified once,
/// so the speaker search tests bits instead of lower-casing and hashing a word per question.
pub mod flag {
    /// A single-word reporting verb.
    pub const VERB: u32 = 1;
    /// An honorific ("mr.").
    pub const HONORIFIC: u32 = 1 << 1;
    /// The lower-case word itself is a title (as stored, without normalising).
    pub const TITLE_EXACT: u32 = 1 << 2;
    /// The lower-case word itself is the first word of some title.
    pub const TITLE_FIRST: u32 = 1 << 3;
    /// A name particle ("de").
    pub const PARTICLE: u32 = 1 << 4;
    /// A word that marks a name as no person's.
    pub const NONPERSON: u32 = 1 << 5;
    /// A function word.
    pub const FUNCTION: u32 = 1 << 6;
    /// A pronoun standing for a person.
    pub const PERSON_PRONOUN: u32 = 1 << 7;
    /// A pronoun naming no person.
    pub const OTHER_PRONOUN: u32 = 1 << 8;
    /// An adverb between subject and verb.
    pub const ADVERB: u32 = 1 << 9;
    /// An auxiliary before a reporting verb.
    pub const AUXILIARY: u32 = 1 << 10;
    /// A determiner opening a description by office.
    pub const DEFINITE: u32 = 1 << 11;
    /// A word putting an office after a name.
    pub const OFFICE_AS: u32 = 1 << 12;
    /// [`super::Lexicon::is_title_word`].
    pub const TITLE_WORD: u32 = 1 << 13;
    /// [`super::Lexicon::may_start_title`].
    pub const MAY_START_TITLE: u32 = 1 << 14;
    /// The word starts with an upper-case letter.
    pub const UPPER: u32 = 1 << 15;
    /// The lower-case word ends in "ly".
    pub const LY: u32 = 1 << 16;
    /// More than one letter, all capitals ("NATO").
    pub const ACRONYM: u32 = 1 << 17;
    /// The word has an ASCII digit.
    pub const DIGIT: u32 = 1 << 18;
}

/// Word lists loaded from `reporting-verbs.txt` and `quote-names.txt`.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Single-word reporting verbs, lower case.
    pub verbs: WordSet,
    /// Multi-word reporting phrases ("according to"), lower case, as word lists.
    pub phrases: Vec<Vec<String>>,
    pub honorifics: WordSet,
    /// Titles, lower case, hyphens as spaces ("secretary general").
    pub titles: WordSet,
    /// The longest title in words.
    pub title_words: usize,
    /// The first word of every title (normalised), so that a word pair is normalised and
    /// looked up only when it can be a title.
    pub title_first: WordSet,
    pub particles: WordSet,
    pub nonperson: WordSet,
    pub function: WordSet,
    /// Pronouns that stand for a person named earlier ("he", "she").
    pub person_pronouns: WordSet,
    /// Pronouns that name no person ("it", "they"): the speaker is left unnamed.
    pub other_pronouns: WordSet,
    /// Words that may stand between a subject and its verb ("also", "later").
    pub adverbs: WordSet,
    /// Auxiliaries before a reporting verb ("has written").
    pub auxiliaries: WordSet,
    /// Determiners that open a description by office ("the NATO chief").
    pub definite: WordSet,
    /// Words that put an office after a name ("in his capacity as ...").
    pub office_as: WordSet,
    /// Lower-case word → the [`flag`] bits of the lists it is in (one look-up instead of one
    /// per list).
    pub lists_of: FastMap<String, u32>,
    /// Bit `b & 127` set when some key of `lists_of` starts with byte `b`, and bit
    /// `min(len, 63)` of `lists_len` when some key has that length: most words of a story
    /// are in no list and are refused by these two tests before hashing.
    pub lists_first: u128,
    /// See `lists_first`.
    pub lists_len: u64,
}

impl Lexicon {
    /// Parses the two files' texts.
    pub fn parse(verbs: &str, names: &str) -> Result<Lexicon, QuoteError> {
        let mut lex = Lexicon::default();
        for line in verbs.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<String> = line.split_whitespace().map(str::to_lowercase).collect();
            if words.len() == 1 {
                lex.verbs.extend(words);
            } else {
                lex.phrases.push(words);
            }
        }
        let mut section = String::new();
        for (n, line) in names.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = s.to_string();
                continue;
            }
            let entry = line.to_lowercase();
            let set = match section.as_str() {
                "honorific" => &mut lex.honorifics,
                "title" => {
                    let t = normalise_title(&entry);
                    lex.title_words = lex.title_words.max(t.split(' ').count());
                    if let Some(first) = t.split(' ').next() {
                        lex.title_first.insert(first.to_string());
                    }
                    lex.titles.insert(t);
                    continue;
                }
                "particle" => &mut lex.particles,
                "nonperson" => &mut lex.nonperson,
                "function" => &mut lex.function,
                "person-pronoun" => &mut lex.person_pronouns,
                "other-pronoun" => &mut lex.other_pronouns,
                "adverb" => &mut lex.adverbs,
                "auxiliary" => &mut lex.auxiliaries,
                "definite" => &mut lex.definite,
                "office-as" => &mut lex.office_as,
                other => {
                    return Err(QuoteError::Format {
                        file: "quote-names.txt".into(),
                        line: n + 1,
                        msg: format!("entry in unknown section [{other}]"),
                    })
                }
            };
            set.insert(entry);
        }
        let sets = [
            (&lex.verbs, flag::VERB),
            (&lex.honorifics, flag::HONORIFIC),
            (&lex.titles, flag::TITLE_EXACT),
            (&lex.title_first, flag::TITLE_FIRST),
            (&lex.particles, flag::PARTICLE),
            (&lex.nonperson, flag::NONPERSON),
            (&lex.function, flag::FUNCTION),
            (&lex.person_pronouns, flag::PERSON_PRONOUN),
            (&lex.other_pronouns, flag::OTHER_PRONOUN),
            (&lex.adverbs, flag::ADVERB),
            (&lex.auxiliaries, flag::AUXILIARY),
            (&lex.definite, flag::DEFINITE),
            (&lex.office_as, flag::OFFICE_AS),
        ];
        let mut lists_of: FastMap<String, u32> = FastMap::default();
        for (set, bit) in sets {
            for w in set.iter() {
                *lists_of.entry(w.clone()).or_default() |= bit;
            }
        }
        for w in lists_of.keys() {
            lex.lists_first |= 1u128 << (w.as_bytes().first().copied().unwrap_or(0) & 127);
            lex.lists_len |= 1u64 << w.len().min(63);
        }
        lex.lists_of = lists_of;
        if lex.verbs.is_empty() {
            return Err(QuoteError::Format {
                file: "reporting-verbs.txt".into(),
                line: 0,
                msg: "no reporting verbs".into(),
            });
        }
        Ok(lex)
    }

    pub fn is_honorific(&self, w: &str) -> bool {
        self.honorifics.contains(lower(w).as_ref())
    }

    /// True for a one-word title ("president", "Secretary-General").
    pub fn is_title_word(&self, w: &str) -> bool {
        // A lower-case ASCII word without hyphens or spaces is its own normal form: no
        // allocation for the common case (this runs for most words of a story).
        let lw = lower(w);
        if lw.is_ascii() && !lw.contains(|c: char| c == '-' || c.is_ascii_whitespace()) {
            return self.titles.contains(lw.as_ref());
        }
        self.titles.contains(&normalise_title(&lw))
    }

    /// False when no title can start with the ASCII word `w` ("Vladimir" cannot start
    /// "defense minister"); true otherwise, including for every non-ASCII word, which the
    /// caller then checks in full.
    pub fn may_start_title(&self, w: &str) -> bool {
        if !w.is_ascii() {
            return true;
        }
        let lw = lower(w);
        // The normalised pair starts with the first hyphen- or space-separated piece of `w`.
        match lw
            .split(|c: char| c == '-' || c.is_ascii_whitespace())
            .find(|p| !p.is_empty())
        {
            Some(first) => self.title_first.contains(first),
            None => true,
        }
    }
}

impl Lexicon {
    /// The [`flag`] bits of word `w` as written: the same answers as the list look-ups
    /// (`is_verb`, `is_title_word`, `may_start_title`, ...) and spelling tests, for one
    /// lower-casing and one hash look-up.
    pub fn word_flags(&self, w: &str) -> u32 {
        let lower_form = lower(w);
        // Dereferenced once: an inline form is checked as UTF-8 on each dereference.
        let lw: &str = &lower_form;
        let first = lw.as_bytes().first().copied().unwrap_or(0);
        let mut f = if self.lists_first & (1u128 << (first & 127)) != 0
            && self.lists_len & (1u64 << lw.len().min(63)) != 0
        {
            self.lists_of.get(lw).copied().unwrap_or(0)
        } else {
            0
        };
        if lw.ends_with("ly") {
            f |= flag::LY;
        }
        if w.is_ascii() {
            // One pass over the bytes for the spelling facts (ASCII letters are upper or
            // lower case, so an acronym is more than one letter and none lower-case).
            let (mut letters, mut lower_letter, mut digit, mut split) =
                (0usize, false, false, false);
            for &c in w.as_bytes() {
                if c.is_ascii_alphabetic() {
                    letters += 1;
                    lower_letter |= c.is_ascii_lowercase();
                }
                digit |= c.is_ascii_digit();
                split |= c == b'-' || c.is_ascii_whitespace();
            }
            if w.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
                f |= flag::UPPER;
            }
            if letters > 1 && !lower_letter {
                f |= flag::ACRONYM;
            }
            if digit {
                f |= flag::DIGIT;
            }
            // A lower-case ASCII word without hyphens or spaces is its own normal title
            // form; others take the full test.
            if !lw.is_empty() && !split {
                if f & flag::TITLE_EXACT != 0 {
                    f |= flag::TITLE_WORD;
                }
                if f & flag::TITLE_FIRST != 0 {
                    f |= flag::MAY_START_TITLE;
                }
                return f;
            }
        } else {
            if w.chars().next().is_some_and(char::is_uppercase) {
                f |= flag::UPPER;
            }
            if acronym(w) {
                f |= flag::ACRONYM;
            }
            if w.bytes().any(|b| b.is_ascii_digit()) {
                f |= flag::DIGIT;
            }
        }
        if self.is_title_word(w) {
            f |= flag::TITLE_WORD;
        }
        if self.may_start_title(w) {
            f |= flag::MAY_START_TITLE;
        }
        f
    }

    /// "Mr.", "U.S.", initials: periods that end an abbreviation, not a sentence (`w` ends
    /// in a period).
    pub fn keeps_period(&self, w: &str) -> bool {
        let bare = w.strip_suffix('.').unwrap_or(w);
        self.is_honorific(w)
            || self.titles.contains(lower(w).as_ref())
            || bare.contains('.')
            || (bare.chars().count() == 1 && bare.chars().all(char::is_uppercase))
    }
}

/// "NATO", "EU", "U.S.": more than one letter, all capitals.
pub fn acronym(w: &str) -> bool {
    // Counted without collecting the letters.
    let mut letters = 0;
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters > 1
}

/// ASCII with no capital: `to_lowercase` would return it unchanged.
fn is_plain_lower(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase())
}

/// A word's lower-case form (`to_lowercase`), made without a heap allocation when it can
/// be: borrowed when the word is ASCII without capitals, copied into a small inline buffer
/// when it is a short ASCII word with capitals (most capitalised words of a story), owned
/// otherwise.
pub(crate) enum Lower<'a> {
    Borrowed(&'a str),
    Inline([u8; INLINE], u8),
    Owned(String),
}

/// Bytes of the inline form; longer ASCII words are owned.
const INLINE: usize = 24;

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Lower::Borrowed(s) => s,
            // Only ASCII bytes are ever stored inline, so this is valid UTF-8.
            Lower::Inline(buf, len) => buf
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(""),
            Lower::Owned(s) => s,
        }
    }
}

impl AsRef<str> for Lower<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl std::fmt::Display for Lower<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// `w.to_lowercase()`, without allocating for ASCII words (see [`Lower`]), so look-ups of
/// the many words of a story allocate nothing.
pub(crate) fn lower(w: &str) -> Lower<'_> {
    if is_plain_lower(w) {
        return Lower::Borrowed(w);
    }
    if w.is_ascii() && w.len() <= INLINE {
        let mut buf = [0u8; INLINE];
        if let Some(dst) = buf.get_mut(..w.len()) {
            dst.copy_from_slice(w.as_bytes());
            dst.make_ascii_lowercase();
            return Lower::Inline(buf, w.len() as u8);
        }
    }
    Lower::Owned(w.to_lowercase())
}

/// Lower case, hyphens as spaces: "Secretary-General" and "secretary general" are one title.
pub fn normalise_title(s: &str) -> String {
    s.to_lowercase()
        .replace('-', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod lower_tests {
    use super::*;

    #[test]
    fn lower_equals_to_lowercase_in_every_form() {
        for w in [
            "",
            "said",
            "Putin",
            "NATO",
            "Secretary-General",
            "AVeryLongCapitalisedWordBeyondTheInlineBuffer",
            "Ærø",
            "İstanbul",
            "ΟΔΟΣ",
        ] {
            assert_eq!(&*lower(w), w.to_lowercase(), "{w}");
        }
        assert!(matches!(lower("said"), Lower::Borrowed(_)));
        assert!(matches!(lower("Putin"), Lower::Inline(..)));
        assert!(lower("The") == "the");
    }

    #[test]
    fn title_words_and_title_starts_agree_with_the_full_normalisation() {
        let lex = Lexicon::parse(
            crate::SHIPPED_VERBS,
            "[title]\nsecretary-general\ndefense minister\npresident\n",
        )
        .expect("parses");
        assert!(lex.is_title_word("President"));
        assert!(lex.is_title_word("Secretary-General"));
        assert!(!lex.is_title_word("Putin"));
        assert!(lex.may_start_title("Defense"));
        assert!(lex.may_start_title("Secretary-General"));
        assert!(!lex.may_start_title("Vladimir"));
        // Non-ASCII words are always checked in full.
        assert!(lex.may_start_title("Ministère"));
        assert!(lex.may_start_title("Président"));
    }
}
