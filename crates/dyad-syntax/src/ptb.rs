//! Mapping a supplied Penn Treebank parse into [`SentenceSyntax`].
//!
//! The parse's leaves are aligned with the sentence's tokens character by character (so
//! different splits of punctuation and the `-LRB-`/` `` ` spellings do not matter); each token
//! takes the tag of the leaf its first character belongs to. Groups and clauses are then built
//! from those tags by the same rules as the parser-free path, and the subject of every verb
//! group is taken from the tree where the tree gives one (the NP sibling to the left of the VP
//! under S, shared by coordinated VPs).

use dyad_doc::Document;

use crate::analyzer::lemma_for;
use crate::model::{SubjectSource, SyntaxSource};
use crate::tagger::Cand;
use crate::{structure, Analyzer, SentenceSyntax, SyntaxError, Tag, TokenSyntax};

/// A node of a bracketed tree: a label and children, or a leaf (tag, word).
#[derive(Debug)]
pub(crate) enum Node<'p> {
    Leaf {
        tag: &'p str,
        word: &'p str,
        index: usize,
    },
    Tree {
        label: &'p str,
        children: Vec<Node<'p>>,
    },
}

impl SentenceSyntax {
    /// Reads a bracketed Penn Treebank parse of sentence `sentence` of `doc`
    /// (e.g. `(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) …)))`), aligns its leaves with the
    /// sentence's tokens (tolerating different splits of punctuation, `-LRB-`-style escapes
    /// and quote spellings), and fills tags, lemmas, groups, clauses and roles: tags from the
    /// leaves, subjects from the tree (NP left of VP under S), the rest by the parser-free rules
    /// over the parse's tags. Lemmas come from the shipped lexicon.
    pub fn from_ptb(
        doc: &Document,
        sentence: usize,
        parse: &str,
    ) -> Result<SentenceSyntax, SyntaxError> {
        Analyzer::shipped().analyze_ptb(doc, sentence, parse)
    }
}

/// Splits a bracketed parse into `(`, `)` and atoms.
fn lex(parse: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = parse.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' | b')' => {
                out.push(&parse[i..i + 1]);
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let s = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'(' && b[i] != b')' {
                    i += 1;
                }
                out.push(&parse[s..i]);
            }
        }
    }
    out
}

/// Parses a bracketed tree (iteratively: deep trees cannot overflow the stack).
pub(crate) fn parse_tree(parse: &str) -> Result<Node<'_>, SyntaxError> {
    let toks = lex(parse);
    let mut stack: Vec<(&str, Vec<Node<'_>>)> = Vec::new();
    let mut leaves = 0usize;
    let mut root: Option<Node<'_>> = None;
    let mut i = 0;
    while i < toks.len() {
        match toks[i] {
            "(" => {
                // A leaf: ( TAG word )
                if i + 3 < toks.len()
                    && toks[i + 1] != "("
                    && toks[i + 1] != ")"
                    && toks[i + 2] != "("
                    && toks[i + 2] != ")"
                    && toks[i + 3] == ")"
                {
                    let leaf = Node::Leaf {
                        tag: toks[i + 1],
                        word: toks[i + 2],
                        index: leaves,
                    };
                    leaves += 1;
                    match stack.last_mut() {
                        Some((_, ch)) => ch.push(leaf),
                        None => return Err(SyntaxError::BadParse("leaf outside a tree".into())),
                    }
                    i += 4;
                    continue;
                }
                let label = match toks.get(i + 1) {
                    Some(&l) if l != "(" && l != ")" => {
                        i += 1;
                        l
                    }
                    _ => "",
                };
                stack.push((label, Vec::new()));
            }
            ")" => {
                let Some((label, children)) = stack.pop() else {
                    return Err(SyntaxError::BadParse("unbalanced ')'".into()));
                };
                let node = Node::Tree { label, children };
                match stack.last_mut() {
                    Some((_, ch)) => ch.push(node),
                    None => {
                        if root.is_some() {
                            return Err(SyntaxError::BadParse("more than one tree".into()));
                        }
                        root = Some(node);
                    }
                }
            }
            atom => {
                return Err(SyntaxError::BadParse(format!("unexpected {atom:?}")));
            }
        }
        i += 1;
    }
    if !stack.is_empty() {
        return Err(SyntaxError::BadParse("unbalanced '('".into()));
    }
    root.ok_or_else(|| SyntaxError::BadParse("empty parse".into()))
}

/// The leaves of a tree in order, without empty elements (`-NONE-`).
pub(crate) fn leaves<'p>(node: &Node<'p>, out: &mut Vec<(&'p str, &'p str)>) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n {
            Node::Leaf { tag, word, .. } => {
                if *tag != "-NONE-" {
                    out.push((tag, word));
                }
            }
            Node::Tree { children, .. } => stack.extend(children.iter().rev()),
        }
    }
}

/// Normalises a word for alignment: bracket escapes and quote spellings to one form.
fn norm(word: &str, out: &mut Vec<char>) {
    let w = match word {
        "-LRB-" | "-LCB-" | "-LSB-" => "(",
        "-RRB-" | "-RCB-" | "-RSB-" => ")",
        "``" | "''" | "“" | "”" | "\"" => "\"",
        "`" | "‘" | "’" => "'",
        w => w,
    };
    for c in w.chars() {
        let c = match c {
            '[' | '{' => '(',
            ']' | '}' => ')',
            '’' | '‘' | '`' => '\'',
            '“' | '”' => '"',
            c => c,
        };
        if !c.is_whitespace() {
            out.push(c);
        }
    }
}

pub(crate) fn analyze_ptb(
    an: &Analyzer,
    doc: &Document,
    sentence: usize,
    parse: &str,
) -> Result<SentenceSyntax, SyntaxError> {
    let s = doc
        .sentences
        .get(sentence)
        .ok_or(SyntaxError::NoSentence(sentence))?;
    let tree = parse_tree(parse)?;
    let mut lv = Vec::new();
    leaves(&tree, &mut lv);
    let toks = an.toks(doc, sentence);
    // Character alignment.
    let mut leaf_chars = Vec::new();
    let mut leaf_of = Vec::new();
    for (k, (_, w)) in lv.iter().enumerate() {
        let before = leaf_chars.len();
        norm(w, &mut leaf_chars);
        leaf_of.extend(std::iter::repeat_n(k, leaf_chars.len() - before));
    }
    let mut tok_chars = Vec::new();
    let mut tok_leaf = Vec::with_capacity(toks.len());
    for t in &toks {
        let at = tok_chars.len();
        norm(t.text, &mut tok_chars);
        tok_leaf.push(leaf_of.get(at).copied());
    }
    if tok_chars != leaf_chars {
        let common = tok_chars
            .iter()
            .zip(&leaf_chars)
            .take_while(|(a, b)| a == b)
            .count();
        let near: String = tok_chars.iter().skip(common).take(20).collect();
        return Err(SyntaxError::Alignment(format!(
            "text and leaves differ after {common} characters, at {near:?}"
        )));
    }
    // Tags from the leaves; lemmas from the lexicon's candidates with that tag.
    let mut out = SentenceSyntax {
        sentence: sentence as u32,
        first_token: s.tokens.start,
        source: SyntaxSource::Parse,
        ..Default::default()
    };
    let mut cands: Vec<Cand<'_>> = Vec::new();
    for (t, leaf) in toks.iter().zip(&tok_leaf) {
        let tag = leaf
            .and_then(|l| lv.get(l))
            .and_then(|(tag, _)| tag.parse::<Tag>().ok())
            .unwrap_or(Tag::NN);
        cands.clear();
        an.lexicon().candidates(t, &mut cands);
        let c = cands
            .iter()
            .find(|c| c.tag == tag)
            .copied()
            .unwrap_or(Cand {
                tag,
                score: 0.0,
                lemma: None,
            });
        let c = Cand { tag, ..c };
        let lemma = lemma_for(t, &c);
        let range = out.push_lemma(lemma);
        out.tokens.push(TokenSyntax { tag, lemma: range });
    }
    let lower: Vec<&str> = toks.iter().map(|t| &*t.lower).collect();
    structure::build(&mut out, &lower, &an.classes);
    // Subjects from the tree.
    let mut first_tok = vec![usize::MAX; lv.len()];
    for (ti, l) in tok_leaf.iter().enumerate().rev() {
        if let Some(l) = l {
            first_tok[*l] = ti;
        }
    }
    let mut subjects: Vec<(usize, usize)> = Vec::new(); // (verb token, subject's first token)
    tree_subjects(&tree, &lv_index_map(&tree), &mut subjects);
    for (vleaf, sleaf) in subjects {
        let (Some(&vt), Some(&st)) = (first_tok.get(vleaf), first_tok.get(sleaf)) else {
            continue;
        };
        let Some(v) = out.verb_group_at(vt as u32) else {
            continue;
        };
        let Some(g) = out.noun_group_at(st as u32) else {
            continue;
        };
        let g = out.outermost(g);
        let vg = &mut out.verb_groups[v as usize];
        vg.subject = Some(g);
        vg.subject_source = SubjectSource::Parse;
    }
    Ok(out)
}

/// Leaf numbering that skips `-NONE-` leaves (the numbering used by [`leaves`]).
fn lv_index_map(tree: &Node<'_>) -> Vec<Option<usize>> {
    let mut map = Vec::new();
    let mut k = 0;
    let mut stack = vec![tree];
    while let Some(n) = stack.pop() {
        match n {
            Node::Leaf { tag, index, .. } => {
                if map.len() <= *index {
                    map.resize(*index + 1, None);
                }
                if *tag != "-NONE-" {
                    map[*index] = Some(k);
                    k += 1;
                }
            }
            Node::Tree { children, .. } => stack.extend(children.iter().rev()),
        }
    }
    map
}

fn first_leaf(node: &Node<'_>, map: &[Option<usize>]) -> Option<usize> {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n {
            Node::Leaf { index, .. } => {
                if let Some(Some(k)) = map.get(*index) {
                    return Some(*k);
                }
            }
            Node::Tree { children, .. } => stack.extend(children.iter().rev()),
        }
    }
    None
}

fn label<'p>(n: &Node<'p>) -> &'p str {
    match n {
        Node::Leaf { tag, .. } => tag,
        Node::Tree { label, .. } => label.split(['-', '=']).next().unwrap_or(label),
    }
}

/// Collects (verb leaf, subject first leaf) pairs: under S, the NP left of the VP is the
/// subject of the VP's verbs, and of the verbs of VPs coordinated inside it.
fn tree_subjects(root: &Node<'_>, map: &[Option<usize>], out: &mut Vec<(usize, usize)>) {
    // (node, inherited subject leaf)
    let mut stack: Vec<(&Node<'_>, Option<usize>)> = vec![(root, None)];
    while let Some((n, inherited)) = stack.pop() {
        let Node::Tree { children, .. } = n else {
            continue;
        };
        let lab = label(n);
        let is_clause = matches!(lab, "S" | "SINV" | "SQ");
        let mut subj = None;
        if is_clause {
            let vp = children.iter().position(|c| label(c) == "VP");
            if let Some(vp) = vp {
                subj = children[..vp]
                    .iter()
                    .rev()
                    .find(|c| label(c) == "NP")
                    .and_then(|c| first_leaf(c, map));
            }
        }
        let here = if lab == "VP" { inherited } else { None };
        if lab == "VP" {
            if let Some(s) = inherited {
                for c in children {
                    if let Node::Leaf { tag, index, .. } = c {
                        if tag.starts_with("VB") || *tag == "MD" {
                            if let Some(Some(k)) = map.get(*index) {
                                out.push((*k, s));
                            }
                        }
                    }
                }
            }
        }
        for c in children.iter().rev() {
            let pass = match (lab, label(c)) {
                (_, "VP") if is_clause => subj,
                ("VP", "VP") => here,
                _ => None,
            };
            stack.push((c, pass));
        }
    }
}
