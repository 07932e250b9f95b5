//! Mapping a supplied Penn Treebank parse into [`SentenceSyntax`].

use dyad_doc::Document;

use crate::{Analyzer, SentenceSyntax, SyntaxError};

impl SentenceSyntax {
    /// Reads a bracketed Penn Treebank parse of sentence `sentence` of `doc`
    /// (e.g. `(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) …)))`), aligns its leaves with the
    /// sentence's tokens (tolerating different splits of punctuation, `-LRB-`-style escapes
    /// and quote spellings), and fills tags, lemmas, groups, clauses and roles from the tree.
    /// Lemmas come from the shipped lexicon.
    pub fn from_ptb(
        doc: &Document,
        sentence: usize,
        parse: &str,
    ) -> Result<SentenceSyntax, SyntaxError> {
        Analyzer::shipped().analyze_ptb(doc, sentence, parse)
    }
}
