//! Penn Treebank part-of-speech tags.

use std::fmt;
use std::str::FromStr;

use crate::SyntaxError;

/// A Penn Treebank part-of-speech tag, punctuation tags included.
///
/// The names are the Penn names, except where Penn uses symbols: `PRP$` is [`Tag::PRPS`],
/// `WP$` is [`Tag::WPS`], `,` is [`Tag::Comma`], `.` is [`Tag::Period`], `:` is
/// [`Tag::Colon`], `` ` `` `` is [`Tag::LQuote`], `''` is [`Tag::RQuote`], `-LRB-`/`-RRB-` are
/// [`Tag::LRB`]/[`Tag::RRB`], `$` is [`Tag::Dollar`], `#` is [`Tag::Hash`].
/// [`Tag::as_str`] and [`FromStr`] convert to and from the Penn spelling.
#[allow(clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tag {
    CC,
    CD,
    DT,
    EX,
    FW,
    IN,
    JJ,
    JJR,
    JJS,
    LS,
    MD,
    NN,
    NNS,
    NNP,
    NNPS,
    PDT,
    POS,
    PRP,
    PRPS,
    RB,
    RBR,
    RBS,
    RP,
    SYM,
    TO,
    UH,
    VB,
    VBD,
    VBG,
    VBN,
    VBP,
    VBZ,
    WDT,
    WP,
    WPS,
    WRB,
    Comma,
    Period,
    Colon,
    LQuote,
    RQuote,
    LRB,
    RRB,
    Dollar,
    Hash,
}

/// Every tag, in declaration order (for tables and tests).
pub const ALL_TAGS: [Tag; 45] = [
    Tag::CC,
    Tag::CD,
    Tag::DT,
    Tag::EX,
    Tag::FW,
    Tag::IN,
    Tag::JJ,
    Tag::JJR,
    Tag::JJS,
    Tag::LS,
    Tag::MD,
    Tag::NN,
    Tag::NNS,
    Tag::NNP,
    Tag::NNPS,
    Tag::PDT,
    Tag::POS,
    Tag::PRP,
    Tag::PRPS,
    Tag::RB,
    Tag::RBR,
    Tag::RBS,
    Tag::RP,
    Tag::SYM,
    Tag::TO,
    Tag::UH,
    Tag::VB,
    Tag::VBD,
    Tag::VBG,
    Tag::VBN,
    Tag::VBP,
    Tag::VBZ,
    Tag::WDT,
    Tag::WP,
    Tag::WPS,
    Tag::WRB,
    Tag::Comma,
    Tag::Period,
    Tag::Colon,
    Tag::LQuote,
    Tag::RQuote,
    Tag::LRB,
    Tag::RRB,
    Tag::Dollar,
    Tag::Hash,
];

impl Tag {
    /// The Penn Treebank spelling (`"PRP$"`, `","`, `"-LRB-"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::CC => "CC",
            Tag::CD => "CD",
            Tag::DT => "DT",
            Tag::EX => "EX",
            Tag::FW => "FW",
            Tag::IN => "IN",
            Tag::JJ => "JJ",
            Tag::JJR => "JJR",
            Tag::JJS => "JJS",
            Tag::LS => "LS",
            Tag::MD => "MD",
            Tag::NN => "NN",
            Tag::NNS => "NNS",
            Tag::NNP => "NNP",
            Tag::NNPS => "NNPS",
            Tag::PDT => "PDT",
            Tag::POS => "POS",
            Tag::PRP => "PRP",
            Tag::PRPS => "PRP$",
            Tag::RB => "RB",
            Tag::RBR => "RBR",
            Tag::RBS => "RBS",
            Tag::RP => "RP",
            Tag::SYM => "SYM",
            Tag::TO => "TO",
            Tag::UH => "UH",
            Tag::VB => "VB",
            Tag::VBD => "VBD",
            Tag::VBG => "VBG",
            Tag::VBN => "VBN",
            Tag::VBP => "VBP",
            Tag::VBZ => "VBZ",
            Tag::WDT => "WDT",
            Tag::WP => "WP",
            Tag::WPS => "WP$",
            Tag::WRB => "WRB",
            Tag::Comma => ",",
            Tag::Period => ".",
            Tag::Colon => ":",
            Tag::LQuote => "``",
            Tag::RQuote => "''",
            Tag::LRB => "-LRB-",
            Tag::RRB => "-RRB-",
            Tag::Dollar => "$",
            Tag::Hash => "#",
        }
    }

    /// Any verb form: `VB`, `VBD`, `VBG`, `VBN`, `VBP`, `VBZ` (not `MD`).
    pub fn is_verb(self) -> bool {
        matches!(
            self,
            Tag::VB | Tag::VBD | Tag::VBG | Tag::VBN | Tag::VBP | Tag::VBZ
        )
    }

    /// A finite verb form: `VBD`, `VBP`, `VBZ`, or the modal `MD`.
    pub fn is_finite(self) -> bool {
        matches!(self, Tag::VBD | Tag::VBP | Tag::VBZ | Tag::MD)
    }

    /// Common or proper noun, singular or plural.
    pub fn is_noun(self) -> bool {
        matches!(self, Tag::NN | Tag::NNS | Tag::NNP | Tag::NNPS)
    }

    /// Proper noun, singular or plural.
    pub fn is_proper(self) -> bool {
        matches!(self, Tag::NNP | Tag::NNPS)
    }

    /// Adjective, comparative or superlative.
    pub fn is_adjective(self) -> bool {
        matches!(self, Tag::JJ | Tag::JJR | Tag::JJS)
    }

    /// Adverb, comparative or superlative.
    pub fn is_adverb(self) -> bool {
        matches!(self, Tag::RB | Tag::RBR | Tag::RBS)
    }

    /// Punctuation tags (comma, period, colon, quotes, brackets, `$`, `#`).
    pub fn is_punct(self) -> bool {
        matches!(
            self,
            Tag::Comma
                | Tag::Period
                | Tag::Colon
                | Tag::LQuote
                | Tag::RQuote
                | Tag::LRB
                | Tag::RRB
                | Tag::Dollar
                | Tag::Hash
        )
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Tag {
    type Err = SyntaxError;

    /// Reads the Penn spelling; also accepts the bracket words `-LCB-`/`-RCB-` (as brackets)
    /// and `NP`/`PRP$`-style variants found in older treebanks.
    fn from_str(s: &str) -> Result<Tag, SyntaxError> {
        if let Some(t) = ALL_TAGS.iter().find(|t| t.as_str() == s) {
            return Ok(*t);
        }
        match s {
            "-LCB-" | "(" | "[" | "{" => Ok(Tag::LRB),
            "-RCB-" | ")" | "]" | "}" => Ok(Tag::RRB),
            "\"" => Ok(Tag::RQuote),
            "PRPS" | "PRP_" => Ok(Tag::PRPS),
            "WPS" => Ok(Tag::WPS),
            "NP" => Ok(Tag::NNP),
            "NPS" => Ok(Tag::NNPS),
            _ => Err(SyntaxError::UnknownTag(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn penn_spellings_round_trip() {
        for t in ALL_TAGS {
            assert_eq!(t.as_str().parse::<Tag>().ok(), Some(t));
        }
        assert!("XYZ".parse::<Tag>().is_err());
    }
}
