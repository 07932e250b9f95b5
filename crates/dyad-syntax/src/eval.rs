//! Evaluation against the Penn Treebank parses of PETRARCH2's sentences (reference data in
//! `../shared`, never copied): tagging accuracy, noun-group and verb-group boundary F1, and
//! agreement of main-verb subjects with the parse. Run with
//! `cargo test -p dyad-syntax --lib eval -- --nocapture`.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::model::NounGroupKind;
use crate::ptb::{leaves, parse_tree, Node};
use crate::{Analyzer, Coordination, SentenceSyntax};

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.is_dir().then_some(p)
}

/// The `<Parse>` bodies of a PETRARCH XML file.
fn parses(xml: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(a) = rest.find("<Parse>") {
        let body = &rest[a + 7..];
        let Some(b) = body.find("</Parse>") else {
            break;
        };
        out.push(body[..b].trim());
        rest = &body[b..];
    }
    out
}

fn label<'p>(n: &Node<'p>) -> &'p str {
    match n {
        Node::Leaf { tag, .. } => tag,
        Node::Tree { label, .. } => label.split(['-', '=']).next().unwrap_or(label),
    }
}

fn is_punct_tag(t: &str) -> bool {
    matches!(t, "," | "." | ":" | "``" | "''" | "-LRB-" | "-RRB-" | "CC")
}

/// Gold chunks: base noun chunks (maximal runs of leaf children of NP nodes, edge
/// punctuation and conjunctions trimmed) and verb clusters (verb-ish leaves of a VP chain).
#[derive(Default)]
struct Gold {
    np: HashSet<(usize, usize)>,
    vp: HashSet<(usize, usize)>,
    /// (verb leaf, subject's first leaf)
    subjects: Vec<(usize, usize)>,
}

fn gold(tree: &Node<'_>) -> Gold {
    let mut g = Gold::default();
    // Leaf numbering in order, skipping -NONE-.
    let mut next = 0usize;
    walk(tree, &mut next, &mut g, false);
    g
}

/// Returns the leaf indices (tag, index) under a node while collecting chunks.
fn walk<'p>(
    n: &Node<'p>,
    next: &mut usize,
    g: &mut Gold,
    vp_parent: bool,
) -> Vec<(&'p str, usize)> {
    match n {
        Node::Leaf { tag, .. } => {
            if *tag == "-NONE-" {
                return Vec::new();
            }
            let k = *next;
            *next += 1;
            vec![(tag, k)]
        }
        Node::Tree { children, .. } => {
            let lab = label(n);
            let mut all = Vec::new();
            let mut run: Vec<(&str, usize)> = Vec::new();
            let mut verbish: Vec<usize> = Vec::new();
            let mut child_vps = Vec::new();
            let mut subj_first = None;
            let mut vp_leaves: Vec<Vec<(&str, usize)>> = Vec::new();
            let has_verb_leaf = children.iter().any(|c| {
                matches!(c, Node::Leaf { tag, .. } if tag.starts_with("VB") || *tag == "MD" || *tag == "TO")
            });
            for c in children {
                let is_leaf = matches!(c, Node::Leaf { .. });
                let sub = walk(c, next, g, lab == "VP" && has_verb_leaf);
                if lab == "NP" {
                    if is_leaf {
                        run.extend(sub.iter().copied());
                    } else {
                        flush(&mut run, g);
                    }
                }
                if lab == "VP" && is_leaf {
                    for &(t, k) in &sub {
                        if t.starts_with("VB") || t == "MD" || t == "TO" {
                            verbish.push(k);
                        }
                    }
                }
                if label(c) == "VP" {
                    child_vps.push(sub.clone());
                }
                if matches!(lab, "S" | "SINV" | "SQ") {
                    if label(c) == "NP" && child_vps.is_empty() {
                        subj_first = sub.first().map(|&(_, k)| k);
                    }
                    if label(c) == "VP" {
                        vp_leaves.push(sub.clone());
                    }
                }
                all.extend(sub);
            }
            if lab == "NP" {
                flush(&mut run, g);
            }
            if lab == "VP" && !vp_parent && !verbish.is_empty() {
                // Follow the auxiliary chain down single VP children.
                let mut cluster = verbish.clone();
                let _ = &child_vps;
                chain_down(n, &all, &mut cluster);
                let lo = *cluster.iter().min().unwrap_or(&0);
                let hi = *cluster.iter().max().unwrap_or(&0);
                g.vp.insert((lo, hi + 1));
            }
            if lab == "VP" && vp_parent && verbish.is_empty() {
                // Coordinated VPs under a VP: each child VP starts its own cluster; handled
                // by the children themselves (they see vp_parent = true), so mark nothing.
            }
            if let Some(s) = subj_first {
                for vl in &vp_leaves {
                    // The subject's verbs: the first verb-ish leaf of each VP chain.
                    if let Some(&(_, k)) =
                        vl.iter().find(|(t, _)| t.starts_with("VB") || *t == "MD")
                    {
                        g.subjects.push((k, s));
                    }
                }
            }
            all
        }
    }
}

/// Extends a verb cluster down a VP chain: a VP child of a VP whose own leaf children are
/// verbs continues the cluster ("will (VP test)"); coordinated VPs start new clusters.
fn chain_down(vp: &Node<'_>, _all: &[(&str, usize)], cluster: &mut Vec<usize>) {
    let mut cur = vp;
    loop {
        let Node::Tree { children, .. } = cur else {
            return;
        };
        let vps: Vec<&Node<'_>> = children.iter().filter(|c| label(c) == "VP").collect();
        if vps.len() != 1 {
            return;
        }
        let child = vps[0];
        let Node::Tree { children: cc, .. } = child else {
            return;
        };
        let mut found = false;
        let mut idx = Vec::new();
        leaf_indices(child, &mut idx);
        // The child's direct verb leaves, located by position among all its leaves.
        let mut pos = 0usize;
        for c in cc {
            let mut sub = Vec::new();
            leaf_indices(c, &mut sub);
            if let Node::Leaf { tag, .. } = c {
                if (tag.starts_with("VB") || *tag == "MD" || *tag == "TO") && pos < idx.len() {
                    cluster.push(idx[pos].1);
                    found = true;
                }
            }
            pos += sub.len();
        }
        if !found {
            return;
        }
        cur = child;
    }
}

thread_local! {
    static LEAF_BASE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Leaf (tag, global index) pairs under a node: the global index is recovered from the
/// `Leaf::index` numbering, corrected for `-NONE-` leaves by the caller's map.
fn leaf_indices<'p>(n: &Node<'p>, out: &mut Vec<(&'p str, usize)>) {
    match n {
        Node::Leaf { tag, index, .. } => {
            if *tag != "-NONE-" {
                out.push((
                    tag,
                    NONE_MAP.with(|m| m.borrow().get(*index).copied().flatten().unwrap_or(0)),
                ));
            }
        }
        Node::Tree { children, .. } => {
            for c in children {
                leaf_indices(c, out);
            }
        }
    }
}

thread_local! {
    static NONE_MAP: std::cell::RefCell<Vec<Option<usize>>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn set_none_map(tree: &Node<'_>) {
    let mut map = Vec::new();
    let mut k = 0;
    fn go(n: &Node<'_>, map: &mut Vec<Option<usize>>, k: &mut usize) {
        match n {
            Node::Leaf { tag, index, .. } => {
                if map.len() <= *index {
                    map.resize(*index + 1, None);
                }
                if *tag != "-NONE-" {
                    map[*index] = Some(*k);
                    *k += 1;
                }
            }
            Node::Tree { children, .. } => {
                for c in children {
                    go(c, map, k);
                }
            }
        }
    }
    go(tree, &mut map, &mut k);
    NONE_MAP.with(|m| *m.borrow_mut() = map);
    let _ = LEAF_BASE.with(|b| b.get());
}

fn flush(run: &mut Vec<(&str, usize)>, g: &mut Gold) {
    let mut lo = 0;
    let mut hi = run.len();
    while lo < hi && is_punct_tag(run[lo].0) {
        lo += 1;
    }
    while hi > lo && is_punct_tag(run[hi - 1].0) {
        hi -= 1;
    }
    if lo < hi {
        g.np.insert((run[lo].1, run[hi - 1].1 + 1));
    }
    run.clear();
}

fn unescape(w: &str) -> &str {
    match w {
        "-LRB-" | "-LCB-" => "(",
        "-RRB-" | "-RCB-" => ")",
        w => w,
    }
}

/// Predicted chunks of an analysis.
type Chunks = HashSet<(usize, usize)>;

fn predicted(sx: &SentenceSyntax) -> (Chunks, Chunks) {
    let mut np = HashSet::new();
    for g in &sx.noun_groups {
        if g.kind == NounGroupKind::Compound
            && matches!(g.coordination, Some(Coordination::Groups(_)))
        {
            continue;
        }
        np.insert((g.tokens.start as usize, g.tokens.end as usize));
    }
    let vp = sx
        .verb_groups
        .iter()
        .map(|v| (v.tokens.start as usize, v.head as usize + 1))
        .collect();
    (np, vp)
}

#[derive(Default, Debug)]
struct Counts {
    tokens: usize,
    tags_right: usize,
    np_gold: usize,
    np_pred: usize,
    np_hit: usize,
    vp_gold: usize,
    vp_pred: usize,
    vp_hit: usize,
    subj_total: usize,
    subj_found_verb: usize,
    subj_right: usize,
    sentences: usize,
    ptb_subj_right: usize,
    ptb_tags_right: usize,
}

fn f1(hit: usize, gold: usize, pred: usize) -> (f64, f64, f64) {
    let p = hit as f64 / pred.max(1) as f64;
    let r = hit as f64 / gold.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn subject_ok(sx: &SentenceSyntax, verb: usize, subj: usize) -> Option<bool> {
    let v = sx.verb_groups.iter().find(|v| {
        v.head as usize == verb || (v.tokens.start as usize <= verb && verb <= v.head as usize)
    })?;
    Some(v.subject.is_some_and(|g| {
        let ng = &sx.noun_groups[g as usize];
        ng.extent.start as usize == subj || ng.tokens.start as usize == subj
    }))
}

#[test]
fn accuracy_against_petrarch_parses() {
    let Some(dir) = shared() else {
        println!("skipped: ../shared not found");
        return;
    };
    let an = Analyzer::shipped();
    let mut c = Counts::default();
    let mut confusions: std::collections::HashMap<(String, String), usize> = Default::default();
    let mut word_errors: std::collections::HashMap<String, usize> = Default::default();
    for file in ["PETR.UnitTest.records.xml", "GigaWord.sample.PETR.xml"] {
        let Ok(xml) = std::fs::read_to_string(dir.join("petrarch2/text").join(file)) else {
            println!("skipped: {file} not readable");
            continue;
        };
        for parse in parses(&xml) {
            let Ok(tree) = parse_tree(parse) else {
                continue;
            };
            set_none_map(&tree);
            let mut lv = Vec::new();
            leaves(&tree, &mut lv);
            if lv.is_empty() {
                continue;
            }
            let words: Vec<&str> = lv.iter().map(|(_, w)| unescape(w)).collect();
            let doc = crate::testing::doc(&words.join(" "));
            if doc.tokens.len() != lv.len() {
                continue;
            }
            c.sentences += 1;
            let sx = an.analyze(&doc, 0);
            for (i, (tag, _)) in lv.iter().enumerate() {
                c.tokens += 1;
                let got = sx.tag(i as u32).map(|t| t.as_str()).unwrap_or("");
                let gold_tag = match *tag {
                    "-LCB-" => "-LRB-",
                    "-RCB-" => "-RRB-",
                    t => t,
                };
                if got == gold_tag {
                    c.tags_right += 1;
                } else {
                    *confusions
                        .entry((gold_tag.to_string(), got.to_string()))
                        .or_default() += 1;
                    *word_errors
                        .entry(format!("{} {gold_tag}->{got}", words[i]))
                        .or_default() += 1;
                }
            }
            let g = gold(&tree);
            let (np, vp) = predicted(&sx);
            c.np_gold += g.np.len();
            c.np_pred += np.len();
            c.np_hit += np.intersection(&g.np).count();
            c.vp_gold += g.vp.len();
            c.vp_pred += vp.len();
            c.vp_hit += vp.intersection(&g.vp).count();
            let ptb = SentenceSyntax::from_ptb(&doc, 0, parse).ok();
            if let Some(p) = &ptb {
                c.ptb_tags_right += (0..lv.len())
                    .filter(|&i| p.tag(i as u32).map(|t| t.as_str()) == Some(lv[i].0))
                    .count();
            }
            for &(verb, subj) in &g.subjects {
                c.subj_total += 1;
                if let Some(ok) = subject_ok(&sx, verb, subj) {
                    c.subj_found_verb += 1;
                    c.subj_right += usize::from(ok);
                    if !ok && std::env::var_os("DYAD_EVAL_SUBJECTS").is_some() {
                        let mine = sx
                            .verb_groups
                            .iter()
                            .find(|v| {
                                v.head as usize == verb
                                    || (v.tokens.start as usize <= verb && verb <= v.head as usize)
                            })
                            .and_then(|v| v.subject)
                            .map(|g| sx.text(&doc, sx.noun_groups[g as usize].tokens));
                        println!(
                            "  SUBJ verb {:?} gold@{:?} mine {:?} | {}",
                            words[verb],
                            words[subj],
                            mine,
                            words.join(" ")
                        );
                    }
                }
                if let Some(p) = &ptb {
                    if subject_ok(p, verb, subj) == Some(true) {
                        c.ptb_subj_right += 1;
                    }
                }
            }
        }
    }
    let acc = c.tags_right as f64 / c.tokens.max(1) as f64;
    let (np_p, np_r, np_f) = f1(c.np_hit, c.np_gold, c.np_pred);
    let (vp_p, vp_r, vp_f) = f1(c.vp_hit, c.vp_gold, c.vp_pred);
    println!("sentences {} tokens {}", c.sentences, c.tokens);
    println!(
        "tagging accuracy {:.4} ({}/{})",
        acc, c.tags_right, c.tokens
    );
    println!(
        "noun groups P {:.3} R {:.3} F1 {:.3} (gold {}, predicted {})",
        np_p, np_r, np_f, c.np_gold, c.np_pred
    );
    println!(
        "verb groups P {:.3} R {:.3} F1 {:.3} (gold {}, predicted {})",
        vp_p, vp_r, vp_f, c.vp_gold, c.vp_pred
    );
    println!(
        "subjects: {}/{} gold subject-verb pairs agree ({:.3}); verb found for {}",
        c.subj_right,
        c.subj_total,
        c.subj_right as f64 / c.subj_total.max(1) as f64,
        c.subj_found_verb
    );
    println!(
        "from_ptb: tags {}/{}; subjects {}/{} ({:.3})",
        c.ptb_tags_right,
        c.tokens,
        c.ptb_subj_right,
        c.subj_total,
        c.ptb_subj_right as f64 / c.subj_total.max(1) as f64
    );
    let mut conf: Vec<_> = confusions.into_iter().collect();
    conf.sort_by_key(|c| std::cmp::Reverse(c.1));
    for ((g, p), k) in conf.iter().take(25) {
        println!("  gold {g:>5} got {p:>5}: {k}");
    }
    let mut we: Vec<_> = word_errors.into_iter().collect();
    we.sort_by_key(|c| std::cmp::Reverse(c.1));
    if std::env::var_os("DYAD_EVAL_WORDS").is_some() {
        for (w, k) in we.iter().take(80) {
            println!("  {w}: {k}");
        }
    }
    assert!(c.sentences > 300, "read {} parsed sentences", c.sentences);
    // Floors well below the measured figures (docs/accuracy.md): they catch regressions.
    assert!(acc > 0.85, "tagging accuracy {acc}");
    assert!(np_f > 0.6, "noun-group F1 {np_f}");
    assert!(vp_f > 0.6, "verb-group F1 {vp_f}");
}
