//! Benchmark corpus generation: deterministic, seeded, realistic news articles assembled from
//! real sentence material (the PETRARCH sentence files in `../shared` when present, and the
//! example articles shipped in `examples/`), with headlines, datelines, quotes, relative dates
//! and site furniture, written as `.txt` and `.html` files and as `.jsonl.gz`.
//!
//! Nothing is committed: the harness generates the corpus it measures.

use std::path::Path;

/// A small, fast, seeded PRNG (xorshift64*): the corpus must be identical for a given seed on
/// every machine, which a library RNG's unspecified algorithm would not promise.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The material articles are assembled from.
#[derive(Clone, Debug, Default)]
pub struct Material {
    /// Story sentences.
    pub sentences: Vec<String>,
    /// Datelines ("BRUSSELS, Belgium", "Moscow").
    pub datelines: Vec<String>,
    /// Speakers for quotes ("NATO Secretary-General George Robertson").
    pub speakers: Vec<String>,
    /// Lines of site furniture.
    pub furniture: Vec<String>,
}

impl Material {
    /// Gathers material from `shared` (may be absent) and the repository's own files.
    pub fn gather(repo: &Path, shared: &Path) -> Material {
        let mut m = Material::default();
        for name in ["GigaWord.sample.PETR.xml", "PETR.UnitTest.records.xml"] {
            if let Ok(xml) = std::fs::read_to_string(shared.join("petrarch2/text").join(name)) {
                m.sentences.extend(xml_texts(&xml));
            }
        }
        let examples = repo.join("examples/articles");
        if let Ok(rd) = std::fs::read_dir(&examples) {
            let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths {
                let Ok(text) = std::fs::read_to_string(&p) else {
                    continue;
                };
                if p.extension().is_some_and(|e| e == "jsonl") {
                    for line in text.lines() {
                        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                                harvest(t, &mut m);
                            }
                        }
                    }
                } else if p.extension().is_some_and(|e| e == "txt") {
                    harvest(&text, &mut m);
                }
            }
        }
        // Actor names from the shipped dictionaries speak in generated quotes, so that the
        // corpus names the people and organisations dyad actually knows.
        for name in [
            "leaders.actors",
            "world-leaders.actors",
            "countries.actors",
            "international.actors",
            "nonstate.actors",
        ] {
            if let Ok(text) = std::fs::read_to_string(repo.join("dictionaries").join(name)) {
                m.speakers.extend(actor_names(&text));
            }
        }
        m.sentences.retain(|s| s.split_whitespace().count() >= 6);
        m.sentences.sort();
        m.sentences.dedup();
        m.datelines.sort();
        m.datelines.dedup();
        m.speakers.sort();
        m.speakers.dedup();
        m.furniture.sort();
        m.furniture.dedup();
        m
    }
}

/// The headword of each entry of a PETRARCH-style `.actors` file ("Willy Claes [BELELI]"):
/// lines that start an entry (not indented, not a `+` synonym or a `#` comment), up to the
/// code in brackets, with all-capital headwords ("UNITED_STATES") written in title case.
pub fn actor_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with(char::is_whitespace) || line.starts_with(['+', '#', '[', '<']) {
            continue;
        }
        let head = line.split('[').next().unwrap_or("").replace('_', " ");
        let head = head.trim();
        if head.is_empty() || head.split_whitespace().count() > 6 {
            continue;
        }
        let name = if head.chars().any(char::is_lowercase) {
            head.to_string()
        } else {
            head.split_whitespace()
                .map(|w| {
                    let mut cs = w.chars();
                    match cs.next() {
                        Some(f) => f.to_string() + &cs.as_str().to_lowercase(),
                        None => String::new(),
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        out.push(name);
    }
    out
}

/// The texts of `<Text>` elements, whitespace-normalised.
fn xml_texts(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<Text>") {
        rest = &rest[i + 6..];
        let Some(j) = rest.find("</Text>") else {
            break;
        };
        let text = rest[..j].split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            out.push(text);
        }
        rest = &rest[j..];
    }
    out
}

/// Splits an example article into material: dateline lead-ins, story sentences, quote
/// speakers ("X said") and furniture-like short lines.
fn harvest(text: &str, m: &mut Material) {
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let words = para.split_whitespace().count();
        let sentence_like = para.ends_with('.') || para.ends_with('"') || para.ends_with('”');
        if words <= 8 && !sentence_like {
            m.furniture.push(para.to_string());
            continue;
        }
        let body = match para.split_once(" -- ") {
            Some((dateline, body)) if dateline.len() < 40 => {
                m.datelines.push(dateline.to_string());
                body
            }
            _ => para,
        };
        for s in rough_sentences(body) {
            if let Some(i) = s.find(" said ") {
                let who = &s[..i];
                if who.split_whitespace().count() <= 6
                    && who.chars().next().is_some_and(char::is_uppercase)
                {
                    m.speakers.push(who.to_string());
                }
            }
            m.sentences.push(s);
        }
    }
}

fn rough_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'.' && (i + 1 == b.len() || b[i + 1] == b' ') {
            let s = text[start..=i].trim();
            if !s.is_empty() {
                out.push(s.to_string());
            }
            start = i + 1;
        }
    }
    out
}

/// One generated article.
#[derive(Clone, Debug)]
pub struct GenArticle {
    pub id: String,
    pub date: String,
    pub headline: String,
    pub dateline: String,
    pub paragraphs: Vec<String>,
    pub furniture_top: Vec<String>,
    pub furniture_bottom: Vec<String>,
}

const RELATIVE: [&str; 8] = [
    "Yesterday, ",
    "On Thursday, ",
    "Earlier this month, ",
    "Last week, ",
    "Today, ",
    "On Monday, ",
    "Last year, ",
    "",
];

/// Generates article number `n` of the corpus for `seed`.
pub fn article(m: &Material, seed: u64, n: u64) -> GenArticle {
    let mut rng = Rng::new(seed ^ n.wrapping_mul(0x0100_0000_01B3));
    let year = 2000 + rng.below(26);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let date = format!("{year:04}-{month:02}-{day:02}");
    let fallback =
        "Officials met in the capital on Tuesday to discuss security cooperation.".to_string();
    let sentence = |rng: &mut Rng| -> String {
        if m.sentences.is_empty() {
            fallback.clone()
        } else {
            rng.pick(&m.sentences).clone()
        }
    };
    let headline: String = {
        let s = sentence(&mut rng);
        s.split_whitespace()
            .take(10)
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches('.')
            .to_string()
    };
    let dateline = if m.datelines.is_empty() {
        "BRUSSELS, Belgium".to_string()
    } else {
        rng.pick(&m.datelines).clone()
    };
    let paras = 4 + rng.below(9);
    let mut paragraphs = Vec::with_capacity(paras);
    for p in 0..paras {
        let n_sent = 1 + rng.below(3);
        let mut para = String::new();
        if p == 0 {
            para.push_str(&dateline);
            para.push_str(" -- ");
        }
        for k in 0..n_sent {
            if k > 0 {
                para.push(' ');
            }
            let s = sentence(&mut rng);
            let roll = rng.below(10);
            if roll < 2 && !m.speakers.is_empty() {
                let who = rng.pick(&m.speakers);
                para.push_str(&format!("\"{}\" {} said.", s.trim_end_matches('.'), who));
            } else if roll < 4 {
                let lead: &str = RELATIVE[rng.below(RELATIVE.len())];
                para.push_str(lead);
                para.push_str(&s);
            } else {
                para.push_str(&s);
            }
        }
        paragraphs.push(para);
    }
    let furniture = |rng: &mut Rng, k: usize| -> Vec<String> {
        if m.furniture.is_empty() {
            return Vec::new();
        }
        (0..k).map(|_| rng.pick(&m.furniture).clone()).collect()
    };
    let top = 1 + rng.below(3);
    let bottom = rng.below(4);
    GenArticle {
        id: format!("bench-{seed}-{n:08}"),
        date,
        headline,
        dateline,
        paragraphs,
        furniture_top: furniture(&mut rng, top),
        furniture_bottom: furniture(&mut rng, bottom),
    }
}

impl GenArticle {
    /// The article as a scraped plain-text page.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for f in &self.furniture_top {
            s.push_str(f);
            s.push_str("\n\n");
        }
        s.push_str(&format!("{} - {}\n\n", self.headline, self.date));
        for p in &self.paragraphs {
            s.push_str(p);
            s.push_str("\n\n");
        }
        for f in &self.furniture_bottom {
            s.push_str(f);
            s.push_str("\n\n");
        }
        s
    }

    /// The article as an HTML page with navigation and footer furniture.
    pub fn to_html(&self) -> String {
        let esc = |t: &str| {
            t.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let mut s = String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">");
        s.push_str(&format!(
            "<title>{} | Bench News</title><meta property=\"article:published_time\" content=\"{}\"></head><body>\n<nav><ul>",
            esc(&self.headline),
            self.date
        ));
        for f in &self.furniture_top {
            s.push_str(&format!("<li><a href=\"/\">{}</a></li>", esc(f)));
        }
        s.push_str(&format!(
            "</ul></nav>\n<main><article><h1>{}</h1>\n",
            esc(&self.headline)
        ));
        for p in &self.paragraphs {
            s.push_str(&format!("<p>{}</p>\n", esc(p)));
        }
        s.push_str("</article></main>\n<footer>");
        for f in &self.furniture_bottom {
            s.push_str(&format!("<p><a href=\"/\">{}</a></p>", esc(f)));
        }
        s.push_str("</footer></body></html>\n");
        s
    }

    /// The article as one JSONL line (without the newline).
    pub fn to_jsonl(&self) -> String {
        serde_json::json!({
            "id": self.id,
            "date": self.date,
            "title": self.headline,
            "text": self.to_text(),
        })
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn material() -> Material {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        Material::gather(&repo, &repo.join("../shared"))
    }

    #[test]
    fn actor_headwords_not_synonyms_or_roles() {
        let text = "# comment\nWilly Claes [BELELI]\n+ Willy Klaes\n    BELGOV 1992-03-07..1994-10-10\nUNITED_STATES [USA]\n\n";
        assert_eq!(actor_names(text), vec!["Willy Claes", "United States"]);
    }

    #[test]
    fn same_seed_same_article() {
        let m = material();
        let a = article(&m, 7, 3).to_text();
        let b = article(&m, 7, 3).to_text();
        let c = article(&m, 8, 3).to_text();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn articles_have_headline_dateline_and_story() {
        let m = material();
        assert!(
            !m.sentences.is_empty(),
            "the shipped examples give sentences"
        );
        let a = article(&m, 1, 0);
        let text = a.to_text();
        assert!(text.contains(&format!("{} - {}", a.headline, a.date)));
        assert!(a.paragraphs[0].starts_with(&a.dateline));
        assert!(a.paragraphs.len() >= 4);
        let html = a.to_html();
        assert!(html.contains("<article>") && html.contains("article:published_time"));
        let v: serde_json::Value = serde_json::from_str(&a.to_jsonl()).unwrap();
        assert_eq!(v["id"], a.id.as_str());
    }
}
