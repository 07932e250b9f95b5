//! HTML pages: the main content found by a readability-style score over the DOM
//! (text length, commas, link density, class/id signals), then its paragraphs; metadata
//! from `<meta>`, `<time>`, JSON-LD, `<h1>` and `<title>`.

use std::collections::{HashMap, HashSet};

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::furniture::Furniture;
use crate::meta::{parse_date, strip_site_suffix};
use crate::text::ends_sentence;
use dyad_doc::Date;

/// What the HTML cleaner found.
#[derive(Debug, Default)]
pub(crate) struct HtmlPage {
    pub headline: Option<(String, &'static str)>,
    pub pub_date: Option<(Date, &'static str)>,
    pub site_name: Option<String>,
    /// The page's own JSON-LD `articleBody`, a last resort when the DOM yields nothing.
    pub ld_body: Option<String>,
    pub paragraphs: Vec<String>,
    /// How the content was chosen, for the notes.
    pub method: &'static str,
}

/// Elements dropped whole: never story text.
const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "option", "textarea", "input", "label", "canvas",
    "object", "embed", "video", "audio", "picture", "img", "map", "dialog", "menu", "head",
    "figure", "math",
];

/// How many enclosing elements a block remembers (and credits with its text). Real pages
/// nest a story well within this; deeper nesting is treated as if cut off here.
const MAX_ANCESTORS: usize = 200;

/// Elements that start a new text block.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "html",
    "br",
    "caption",
];

/// A run of text inside one block element.
struct Block {
    text: String,
    chars: usize,
    link_chars: usize,
    owner_tag: &'static str,
    /// Open elements from the root to the owner (inclusive).
    ancestors: Vec<NodeId>,
}

/// Per-element aggregates.
#[derive(Default, Clone)]
struct Agg {
    chars: usize,
    link_chars: usize,
    /// Characters of paragraph-like blocks (25+ chars, few links).
    good: usize,
    /// Numbers of paragraph-like and of link-dominated blocks.
    good_n: usize,
    linky_n: usize,
    score: f64,
    scored: bool,
}

fn tag_of(name: &str) -> Option<&'static str> {
    BLOCK_TAGS.iter().find(|t| **t == name).copied()
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Extracts the story and metadata from an HTML page.
pub(crate) fn clean_html(src: &str, furn: &Furniture) -> HtmlPage {
    let doc = Html::parse_document(src);
    let mut page = HtmlPage::default();
    read_meta(&doc, &mut page);

    let protected = protected_elements(&doc, furn);
    let (mut page_blocks, mut method) = extract(&doc, furn, &protected, true, None);
    // Like readability's retry: when class-based removal left almost nothing, the page's
    // class names misled it; read the page again without them.
    let total = |b: &[String]| b.iter().map(String::len).sum::<usize>();
    if total(&page_blocks) < 250 {
        let (retry, retry_method) = extract(&doc, furn, &protected, false, None);
        if total(&retry) > total(&page_blocks) {
            page_blocks = retry;
            method = if retry_method == "main content container" {
                "main content container, class names ignored"
            } else {
                "whole-page paragraph filter, class names ignored"
            };
        }
    }
    // Pages that render the story by script carry it only as JSON-LD articleBody.
    if total(&page_blocks) < 250 {
        if let Some(body) = page.ld_body.take() {
            let paragraphs = crate::text::paragraphs(&body);
            if total(&paragraphs) > total(&page_blocks) {
                page_blocks = paragraphs;
                method = "JSON-LD articleBody";
            }
        }
    }
    page.method = method;
    let headline_norm = page.headline.as_ref().map(|(h, _)| norm_key(h));
    let mut seen_headline = false;
    for text in page_blocks {
        if !seen_headline && headline_norm.as_deref() == Some(norm_key(&text).as_str()) {
            seen_headline = true;
            continue;
        }
        page.paragraphs.push(text);
    }
    trim_tail(&mut page.paragraphs, furn);
    page
}

/// Drops a boilerplate run at the end of the story: appeals, buttons and furniture lines
/// that sit inside the article container after its last paragraph.
fn trim_tail(paragraphs: &mut Vec<String>, furn: &Furniture) {
    let mut started = false;
    while paragraphs.len() > 1 {
        let Some(last) = paragraphs.last() else { break };
        let words = last.split_whitespace().count();
        // Scripts written without spaces make one "word" of a paragraph: bound the length too.
        let menu = words <= 4
            && last.chars().count() <= 40
            && !ends_sentence(last)
            && !last.contains(['"', '“', '”'])
            && !last.contains(|c: char| c.is_ascii_digit());
        // A long paragraph with appeal wording goes only inside a run of furniture.
        let quote = last.contains(['"', '“', '”', '«', '»']);
        let appeal = furn.has_phrase(last) && (started || (words <= 30 && !quote));
        if appeal || furn.is_furniture_line(last) || menu {
            paragraphs.pop();
            started = true;
        } else {
            break;
        }
    }
}

/// Elements that hold the story by their own markers (`<article>`, `<main>`,
/// `itemprop=articleBody`, a `[keep-class]` fragment) and every ancestor of one: a furniture
/// class on such an element is a page-layout name ("page-ad-margins"), not furniture.
fn protected_elements(doc: &Html, furn: &Furniture) -> HashSet<NodeId> {
    let mut set = HashSet::new();
    for node in doc.tree.root().descendants() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let marked = matches!(el.name(), "article" | "main")
            || el.attr("itemprop") == Some("articleBody")
            || furn.class_weight(&class_id(el)) > 0;
        if marked {
            for a in node.ancestors() {
                if !set.insert(a.id()) {
                    break;
                }
            }
            set.insert(node.id());
        }
    }
    // An element holding much of the page's paragraph text is not furniture whatever its
    // name ("paywall" wrappers, a page-wide <form>).
    let (p_chars, total) = paragraph_chars(doc);
    if total > 0 {
        for (id, c) in p_chars {
            if c * 10 >= total * 4 {
                set.insert(id);
            }
        }
    }
    set
}

/// Characters of `<p>` text (outside scripts and styles) under each element, and in all.
fn paragraph_chars(doc: &Html) -> (HashMap<NodeId, usize>, usize) {
    let mut out = HashMap::new();
    let mut stack: Vec<(NodeId, usize)> = Vec::new();
    let mut p_depth = 0usize;
    let mut total = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    if el.name() == "p" {
                        p_depth += 1;
                    }
                    stack.push((node.id(), 0));
                }
                Node::Text(t) if p_depth > 0 => {
                    let n = t.trim().len();
                    total += n;
                    if let Some(top) = stack.last_mut() {
                        top.1 += n;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if el.name() == "p" {
                        p_depth = p_depth.saturating_sub(1);
                    }
                    if let Some((id, c)) = stack.pop() {
                        if c > 0 {
                            out.insert(id, c);
                            if let Some(top) = stack.last_mut() {
                                top.1 += c;
                            }
                        }
                    }
                }
            }
        }
    }
    (out, total)
}

fn class_id(el: &scraper::node::Element) -> String {
    match (el.attr("class"), el.attr("id")) {
        (Some(c), Some(i)) => format!("{c} {i}"),
        (Some(c), None) => c.to_string(),
        (None, Some(i)) => i.to_string(),
        (None, None) => String::new(),
    }
}

/// One extraction pass; `use_classes` turns class/id signals on.
fn extract(
    doc: &Html,
    furn: &Furniture,
    protected: &HashSet<NodeId>,
    use_classes: bool,
    debug: Option<&mut String>,
) -> (Vec<String>, &'static str) {
    let (blocks, class_weight) = collect_blocks(doc, furn, protected, use_classes);
    let mut agg: HashMap<NodeId, Agg> = HashMap::new();
    for b in &blocks {
        for a in &b.ancestors {
            let e = agg.entry(*a).or_default();
            e.chars += b.chars;
            e.link_chars += b.link_chars;
            if b.chars >= 25 && b.link_chars * 10 < b.chars * 3 {
                e.good += b.chars;
                e.good_n += 1;
            }
            if b.link_chars * 2 > b.chars {
                e.linky_n += 1;
            }
        }
    }
    // Readability-style scoring: each paragraph-like block gives points to its containers,
    // fading with distance.
    for b in &blocks {
        if b.chars < 25 || is_heading(b.owner_tag) {
            continue;
        }
        let ld = b.link_chars as f64 / b.chars.max(1) as f64;
        if ld > 0.5 {
            continue;
        }
        let commas = b.text.matches([',', '，', '、']).count() as f64;
        let s = 1.0 + commas + (b.chars as f64 / 100.0).min(3.0);
        // The owner is the paragraph itself when it is a <p>; otherwise the owner holds
        // text directly and counts as its own container.
        let start = if b.owner_tag == "p" || b.owner_tag == "li" {
            b.ancestors.len().saturating_sub(1)
        } else {
            b.ancestors.len()
        };
        for (level, node) in b.ancestors[..start].iter().rev().take(5).enumerate() {
            let e = agg.entry(*node).or_default();
            if !e.scored {
                e.scored = true;
                e.score += class_weight.get(node).copied().unwrap_or(0.0);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            e.score += s / div;
        }
    }
    let mut cands: Vec<(NodeId, f64)> = agg
        .iter()
        .filter(|(_, a)| a.scored)
        .map(|(id, a)| {
            let ld = a.link_chars as f64 / a.chars.max(1) as f64;
            (*id, a.score * (1.0 - ld))
        })
        .collect();
    cands.sort_by(|a, b| b.1.total_cmp(&a.1));

    let chosen = choose_content(doc, &cands, &agg);
    if let Some(log) = debug {
        use std::fmt::Write;
        let describe = |id: NodeId| {
            doc.tree
                .get(id)
                .and_then(|n| {
                    n.value()
                        .as_element()
                        .map(|e| format!("<{} {}>", e.name(), class_id(e)))
                })
                .unwrap_or_default()
        };
        for (id, sc) in cands.iter().take(8) {
            let _ = writeln!(log, "cand {sc:.1} {}", describe(*id));
        }
        for id in chosen.iter().flatten() {
            let _ = writeln!(log, "chosen {}", describe(*id));
        }
        for b in &blocks {
            let inside = chosen
                .as_ref()
                .is_none_or(|set| b.ancestors.iter().any(|a| set.contains(a)));
            let tail: Vec<String> = b
                .ancestors
                .iter()
                .rev()
                .take(3)
                .map(|a| describe(*a))
                .collect();
            let _ = writeln!(
                log,
                "{} [{} ld={}/{}] {} :: {}",
                if inside { "IN " } else { "out" },
                b.owner_tag,
                b.link_chars,
                b.chars,
                b.text.chars().take(70).collect::<String>(),
                tail.join(" < ")
            );
        }
    }
    let mut out = Vec::new();
    let in_content = |b: &Block| match &chosen {
        Some(set) => b.ancestors.iter().any(|a| set.contains(a)),
        None => true,
    };
    for b in &blocks {
        if !in_content(b) {
            continue;
        }

        let ld = b.link_chars as f64 / b.chars.max(1) as f64;
        if chosen.is_none() {
            // Whole-page fallback: only sentence-shaped, link-poor paragraphs.
            if b.text.split_whitespace().count() < 8 || ld > 0.3 || !ends_sentence(&b.text) {
                continue;
            }
        } else if ld > 0.5 || (ld > 0.3 && b.chars < 80) {
            continue;
        }
        let quote = b.text.contains(['"', '“', '”', '«', '»']);
        if furn.is_furniture_line(&b.text)
            || (furn.has_phrase(&b.text)
                && !quote
                && b.text.split_whitespace().count() <= crate::furniture::SHORT_LINE_WORDS)
        {
            continue;
        }
        out.push(b.text.clone());
    }
    let method = if chosen.is_some() {
        "main content container"
    } else {
        "whole-page paragraph filter"
    };
    (out, method)
}

/// The main content: the best container, moved up when several top candidates share an
/// ancestor, plus its high-scoring siblings. `None` when no container dominates.
fn choose_content(
    doc: &Html,
    cands: &[(NodeId, f64)],
    agg: &HashMap<NodeId, Agg>,
) -> Option<Vec<NodeId>> {
    let &(mut top, top_score) = cands.first()?;
    if top_score < 5.0 {
        return None;
    }
    // Several strong candidates under one ancestor: the ancestor is the article.
    let strong: Vec<NodeId> = cands
        .iter()
        .skip(1)
        .take(4)
        .filter(|(_, s)| *s >= top_score * 0.75)
        .map(|(id, _)| *id)
        .collect();
    if strong.len() >= 2 {
        // Bounded walks, so deep nesting stays linear.
        let above: Vec<HashSet<NodeId>> = strong
            .iter()
            .filter_map(|id| doc.tree.get(*id))
            .map(|c| c.ancestors().take(MAX_ANCESTORS).map(|a| a.id()).collect())
            .collect();
        for n in doc.tree.get(top)?.ancestors().take(MAX_ANCESTORS) {
            if above.iter().filter(|set| set.contains(&n.id())).count() >= 2 {
                top = n.id();
                break;
            }
        }
    }
    // Climb while the parent adds substantial link-poor paragraph text: an article split
    // into sections (by figures, pull quotes, ad slots) is one story.
    let stats = |id: NodeId| agg.get(&id).cloned().unwrap_or_default();
    while let Some(parent) = doc.tree.get(top).and_then(|n| n.parent()) {
        let is_body = parent
            .value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "body" | "html"));
        if is_body {
            break;
        }
        // A parent without a tally lies beyond MAX_ANCESTORS of every block: stop there.
        if !agg.contains_key(&parent.id()) {
            break;
        }
        let (a0, a1) = (stats(top), stats(parent.id()));
        let added = a1.chars.saturating_sub(a0.chars);
        if added == 0 {
            top = parent.id();
            continue;
        }
        let added_links = a1.link_chars.saturating_sub(a0.link_chars);
        let added_good = a1.good.saturating_sub(a0.good);
        // Teaser lists pair each excerpt with a linked title: as many link blocks as prose.
        let added_good_n = a1.good_n.saturating_sub(a0.good_n);
        let added_linky_n = a1.linky_n.saturating_sub(a0.linky_n);
        let enough = added_good * 100 >= a0.good * 15;
        let clean = added_links * 4 < added
            && added_good * 10 >= added * 6
            && added_linky_n * 2 <= added_good_n;
        if enough && clean {
            top = parent.id();
        } else {
            break;
        }
    }
    let score_of = |id: NodeId| {
        agg.get(&id).map_or(0.0, |a| {
            if a.scored {
                a.score * (1.0 - a.link_chars as f64 / a.chars.max(1) as f64)
            } else {
                0.0
            }
        })
    };
    let top_score = score_of(top).max(top_score);
    let mut set = vec![top];
    let top_ref = doc.tree.get(top)?;
    if let Some(parent) = top_ref.parent() {
        let threshold = (top_score * 0.2).max(10.0);
        for sib in parent.children() {
            if sib.id() == top || !sib.value().is_element() {
                continue;
            }
            let a = agg.get(&sib.id());
            let ld = a.map_or(1.0, |a| a.link_chars as f64 / a.chars.max(1) as f64);
            let chars = a.map_or(0, |a| a.chars);
            let is_p = sib.value().as_element().is_some_and(|e| e.name() == "p");
            if score_of(sib.id()) >= threshold || (is_p && chars > 80 && ld < 0.25) {
                set.push(sib.id());
            }
        }
    }
    Some(set)
}

/// Walks the DOM once (iteratively, so deep nesting cannot overflow the stack) and collects
/// text blocks outside dropped elements; also returns each element's class weight.
fn collect_blocks(
    doc: &Html,
    furn: &Furniture,
    protected: &HashSet<NodeId>,
    use_classes: bool,
) -> (Vec<Block>, HashMap<NodeId, f64>) {
    let mut blocks = Vec::new();
    let mut weights = HashMap::new();
    let mut skip: Option<NodeId> = None;
    let mut stack: Vec<NodeId> = Vec::new();
    // Open block elements: id, tag, and the owner's index in `stack`.
    let mut owners: Vec<(NodeId, &'static str, usize)> = Vec::new();
    let mut cur = String::new();
    let mut cur_link = 0usize;
    let mut link_depth = 0usize;

    let flush = |cur: &mut String,
                 cur_link: &mut usize,
                 owners: &[(NodeId, &'static str, usize)],
                 stack: &[NodeId],
                 blocks: &mut Vec<Block>| {
        let text = cur.trim();
        if !text.is_empty() {
            if let Some(&(owner, owner_tag, at)) = owners.last() {
                let depth = if stack.get(at) == Some(&owner) {
                    at + 1
                } else {
                    stack.len()
                };
                let chars = text.chars().count();
                blocks.push(Block {
                    text: text.to_string(),
                    chars,
                    link_chars: (*cur_link).min(chars),
                    owner_tag,
                    // Only the innermost MAX_ANCESTORS: keeps pathological nesting linear.
                    ancestors: stack[depth.saturating_sub(MAX_ANCESTORS)..depth].to_vec(),
                });
            }
        }
        cur.clear();
        *cur_link = 0;
    };

    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        let name = el.name();
                        let w = if use_classes {
                            furn.class_weight(&class_id(el))
                        } else {
                            0
                        };
                        let hidden = el.attr("hidden").is_some()
                            || el.attr("aria-hidden") == Some("true")
                            || el.attr("style").is_some_and(|s| {
                                let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                                s.contains("display:none") || s.contains("visibility:hidden")
                            });
                        let role_furniture = matches!(
                            el.attr("role"),
                            Some(
                                "navigation"
                                    | "banner"
                                    | "contentinfo"
                                    | "complementary"
                                    | "dialog"
                            )
                        );
                        let keep_anyway = protected.contains(&node.id());
                        let structural =
                            matches!(name, "html" | "body" | "article" | "main") || keep_anyway;
                        // Layout tags that sometimes wrap the whole page are kept when they
                        // hold the story.
                        let soft = matches!(name, "form" | "header" | "aside" | "figure");
                        let tag_drop = DROP_TAGS.contains(&name) && !(soft && keep_anyway);
                        if tag_drop
                            || (hidden && !matches!(name, "html" | "body"))
                            || (role_furniture && !keep_anyway)
                            || (w < 0 && !structural)
                        {
                            skip = Some(node.id());
                            continue;
                        }
                        if w != 0 {
                            weights.insert(node.id(), w as f64 * 25.0);
                        } else if matches!(name, "article" | "main")
                            || el.attr("itemprop") == Some("articleBody")
                        {
                            weights.insert(node.id(), 15.0);
                        }
                        if let Some(tag) = tag_of(name) {
                            flush(&mut cur, &mut cur_link, &owners, &stack, &mut blocks);
                            if tag != "br" && tag != "hr" {
                                owners.push((node.id(), tag, stack.len()));
                            }
                        } else if name == "a" {
                            link_depth += 1;
                        }
                        if name != "br" && name != "hr" {
                            stack.push(node.id());
                        }
                    }
                    Node::Text(t) => {
                        let s: &str = t;
                        if s.starts_with(char::is_whitespace)
                            && !cur.ends_with(' ')
                            && !cur.is_empty()
                        {
                            cur.push(' ');
                        }
                        let before = cur.chars().count();
                        let mut first = true;
                        for w in s.split_whitespace() {
                            if !first {
                                cur.push(' ');
                            }
                            first = false;
                            cur.push_str(w);
                        }
                        if s.ends_with(char::is_whitespace)
                            && !cur.ends_with(' ')
                            && !cur.is_empty()
                        {
                            cur.push(' ');
                        }
                        if link_depth > 0 {
                            cur_link += cur.chars().count() - before;
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(s) = skip {
                    if s == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if name == "br" || name == "hr" {
                        continue;
                    }
                    if tag_of(name).is_some() {
                        flush(&mut cur, &mut cur_link, &owners, &stack, &mut blocks);
                        if owners.last().is_some_and(|(id, _, _)| *id == node.id()) {
                            owners.pop();
                        }
                    } else if name == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    }
                    if stack.last() == Some(&node.id()) {
                        stack.pop();
                    }
                }
            }
        }
    }
    flush(&mut cur, &mut cur_link, &owners, &stack, &mut blocks);
    (blocks, weights)
}

/// A comparison key: lowercase letters and digits only.
fn norm_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Headline, publication date and site name from the page's metadata.
fn read_meta(doc: &Html, page: &mut HtmlPage) {
    let mut og_title = None;
    let mut title = None;
    let mut h1s: Vec<String> = Vec::new();
    let mut ld_headline = None;
    let mut dates: Vec<(u8, Date, &'static str)> = Vec::new();
    for node in doc.tree.root().descendants() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        match el.name() {
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(content) = el.attr("content") else {
                    continue;
                };
                match key.as_str() {
                    "og:title" | "twitter:title" if og_title.is_none() => {
                        og_title = Some(squashed(content))
                    }
                    "og:site_name" if page.site_name.is_none() => {
                        page.site_name = Some(squashed(content))
                    }
                    "article:published_time" | "og:article:published_time" => {
                        if let Some(d) = parse_date(content) {
                            dates.push((0, d, "meta article:published_time"));
                        }
                    }
                    "datepublished" | "date" | "pubdate" | "publishdate" | "publish-date"
                    | "dc.date" | "dc.date.issued" | "dcterms.date" | "sailthru.date"
                    | "parsely-pub-date" | "article.published" | "og:pubdate" => {
                        if let Some(d) = parse_date(content) {
                            dates.push((1, d, "meta date"));
                        }
                    }
                    _ => {}
                }
            }
            "title" if title.is_none() => {
                title = Some(squashed(&text_of(node)));
            }
            "h1" if h1s.len() < 8 => {
                let t = squashed(&text_of(node));
                if !t.is_empty() {
                    h1s.push(t);
                }
            }
            "time" => {
                if let Some(d) = el.attr("datetime").and_then(parse_date) {
                    dates.push((3, d, "<time datetime>"));
                }
            }
            "script" if el.attr("type") == Some("application/ld+json") => {
                let raw = text_of(node);
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&raw) {
                    if let Some(d) = find_json_str(&v, "datePublished", 0).and_then(parse_date) {
                        dates.push((2, d, "JSON-LD datePublished"));
                    }
                    if ld_headline.is_none() {
                        ld_headline = find_json_str(&v, "headline", 0).map(squashed);
                    }
                    if page.ld_body.is_none() {
                        page.ld_body = find_json_str(&v, "articleBody", 0).map(str::to_string);
                    }
                }
            }
            _ => {}
        }
    }
    dates.sort_by_key(|(rank, _, _)| *rank);
    page.pub_date = dates.first().map(|&(_, d, how)| (d, how));
    // The <h1> that agrees with the page title is the headline (another may be the site's
    // logo); with no title to compare, the first <h1> of two words or more.
    let reference = og_title
        .as_deref()
        .or(ld_headline.as_deref())
        .or(title.as_deref())
        .map(|t| norm_key(strip_site_suffix(t)))
        .filter(|k| !k.is_empty());
    let h1 = match &reference {
        // Most of the title, not a fragment of it (a site name inside the title).
        Some(r) => h1s.into_iter().find(|h| {
            let k = norm_key(h);
            (r.contains(&k) && k.len() * 2 >= r.len()) || k.contains(r.as_str())
        }),
        None => h1s.into_iter().find(|h| h.split_whitespace().count() >= 2),
    };
    page.headline = h1
        .filter(|h| h.split_whitespace().count() >= 2)
        .map(|h| (h, "<h1>"))
        .or_else(|| og_title.map(|t| (strip_site_suffix(&t).to_string(), "og:title")))
        .or_else(|| ld_headline.map(|t| (t, "JSON-LD headline")))
        .or_else(|| {
            title
                .filter(|t| !t.is_empty())
                .map(|t| (strip_site_suffix(&t).to_string(), "<title>"))
        })
        .filter(|(h, _)| !h.is_empty());
}

fn find_json_str<'a>(v: &'a serde_json::Value, key: &str, depth: usize) -> Option<&'a str> {
    if depth > 8 {
        return None;
    }
    match v {
        serde_json::Value::Object(m) => {
            if let Some(s) = m.get(key).and_then(|x| x.as_str()) {
                return Some(s);
            }
            m.values().find_map(|x| find_json_str(x, key, depth + 1))
        }
        serde_json::Value::Array(a) => a.iter().find_map(|x| find_json_str(x, key, depth + 1)),
        _ => None,
    }
}

fn text_of(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
        }
    }
    s
}

fn squashed(s: &str) -> String {
    let mut out = String::new();
    crate::text::squash(s, &mut out);
    out
}

/// A trace of the content choice on an HTML page (candidates, chosen containers, every
/// block in or out), for tuning by hand; not part of the stable API.
#[doc(hidden)]
pub fn debug_html(src: &str, furn: &Furniture) -> String {
    let doc = Html::parse_document(src);
    let protected = protected_elements(&doc, furn);
    let mut log = String::new();
    extract(&doc, furn, &protected, true, Some(&mut log));
    log
}
