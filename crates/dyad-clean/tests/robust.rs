//! Cleaning on awkward inputs: broken HTML, empty and furniture-only pages, text decoded from
//! Windows-1252, enormous paragraphs, deep nesting, pre-split sentences, metadata sources.

use std::time::Instant;

use dyad_clean::{clean, CleanError, Cleaner, Furniture};
use dyad_doc::{Article, Body, Origin};

fn article(path: &str, body: Body) -> Article {
    Article::new(
        path,
        Origin {
            path: path.to_string(),
            line: None,
        },
        body,
    )
}

const STORY_P1: &str = "KYIV, Ukraine — Ukrainian and Russian negotiators met in Istanbul on Tuesday for the first direct talks in weeks, officials on both sides said, agreeing to exchange prisoners of war.";
const STORY_P2: &str = "The delegations spent about two hours together, and a Turkish official said another round could follow within a month if the exchange goes ahead as planned.";
const STORY_P3: &str = "“We did not expect a breakthrough,” one diplomat said.";

#[test]
fn broken_html_still_yields_the_story() {
    // Unclosed <p>, <div> and <b>, a stray </span>, no </body></html>.
    let html = format!(
        "<html><head><title>Talks resume in Istanbul | Example Wire</title>\
         <meta property=\"article:published_time\" content=\"2022-03-29T09:00:00Z\">\
         <body><nav><a href=/>Home</a> <a href=/w>World</a></nav>\
         <div class=story><h1>Talks resume in Istanbul</h1><p>{STORY_P1}<p>{STORY_P2}</span>\
         <p><b>{STORY_P3}<div class=\"share-tools\"><a href=#>Share on Facebook</a></div>"
    );
    let doc = clean(article("broken.html", Body::Html(html))).expect("story found");
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Talks resume in Istanbul")
    );
    assert_eq!(doc.meta.pub_date, Some("2022-03-29".parse().expect("date")));
    assert_eq!(doc.meta.dateline.as_deref(), Some("Kyiv, Ukraine"));
    assert!(doc.text.contains(STORY_P1));
    assert!(doc.text.contains(STORY_P2));
    assert!(doc.text.contains(STORY_P3), "short quote paragraph kept");
    assert!(!doc.text.contains("Share on Facebook"));
    assert!(!doc.text.contains("Home"));
    // The headline paragraph comes first and is not repeated in the body.
    assert!(doc.text.starts_with("Talks resume in Istanbul\n\n"));
    assert_eq!(doc.text.matches("Talks resume in Istanbul").count(), 1);
}

#[test]
fn empty_pages_are_skipped_naming_the_file() {
    for body in [
        Body::Html(String::new()),
        Body::Html("<html><body>   </body></html>".into()),
        Body::Text("\n\n  \n".into()),
        Body::Sentence("   ".into()),
    ] {
        match clean(article("dir/empty.html", body)) {
            Err(CleanError::Empty(what)) => assert!(what.contains("dir/empty.html")),
            other => panic!("expected Empty, got {other:?}"),
        }
    }
}

#[test]
fn furniture_only_pages_are_skipped() {
    let text = "Accessibility links\n\nSkip to main content\n\nMenu\nHome | World | Sport\n\nRead more\n\nShare this article";
    assert!(matches!(
        clean(article("furniture.txt", Body::Text(text.into()))),
        Err(CleanError::Empty(_))
    ));
    let html = "<html><body><nav><a href=/>Home</a><a href=/a>About</a></nav>\
                <footer><p>Copyright 2024 Example Media. All rights reserved.</p></footer>\
                <div class=cookie-banner><p>This site uses cookies to improve your experience.</p></div>\
                </body></html>";
    assert!(matches!(
        clean(article("furniture.html", Body::Html(html.into()))),
        Err(CleanError::Empty(_))
    ));
}

#[test]
fn windows_1252_decoded_text_keeps_its_characters() {
    // Bytes as a Windows-1252 page has them, decoded the way the reader does.
    let bytes: &[u8] = b"Minister\x92s Visit to Paris\r\n\r\nThe minister\x92s visit \x96 the first since 2019 \x96 ended with a joint \x93declaration of intent\x94 signed in Paris.\r\n";
    let decoded: String = bytes
        .iter()
        .map(|&b| match b {
            0x92 => '’',
            0x93 => '“',
            0x94 => '”',
            0x96 => '–',
            b => b as char,
        })
        .collect();
    let mut a = article("cp1252.txt", Body::Text(decoded));
    a.encoding = "windows-1252 (detected)".into();
    let doc = clean(a).expect("story");
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Minister’s Visit to Paris")
    );
    assert!(doc
        .text
        .contains("The minister’s visit – the first since 2019 – ended with a joint “declaration of intent” signed in Paris."));
    assert!(!doc.text.contains('\r'));
    assert_eq!(doc.meta.encoding, "windows-1252 (detected)");
}

#[test]
fn enormous_paragraphs_are_linear() {
    let sentence = "The council met again on Monday, and members said the talks were useful. ";
    let small: String = sentence.repeat(2_000);
    let big: String = sentence.repeat(40_000); // about 3 MB in one paragraph
    let time = |s: &str| {
        let t = Instant::now();
        let doc = clean(article("big.txt", Body::Text(s.to_string()))).expect("story");
        assert_eq!(doc.paragraphs.len(), 1);
        t.elapsed().as_secs_f64()
    };
    let ts = time(&small).max(1e-4);
    let tb = time(&big);
    // 20x the input must not cost anywhere near 400x (quadratic); allow generous noise.
    assert!(tb < ts * 100.0 + 0.5, "small {ts:.4}s, big {tb:.4}s");

    let html = format!("<html><body><article><p>{big}</p></article></body></html>");
    let t = Instant::now();
    let doc = clean(article("big.html", Body::Html(html))).expect("story");
    assert!(doc.text.len() >= big.trim().len());
    assert!(t.elapsed().as_secs_f64() < 20.0);
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 5_000;
    let html = format!(
        "<html><body>{}<p>{STORY_P1}</p><p>{STORY_P2}</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let doc = clean(article("deep.html", Body::Html(html))).expect("story");
    assert!(doc.text.contains(STORY_P2));

    // Text at every level of a deep nesting: each block must not copy the whole chain.
    let level = "<div>Officials said the talks, which began on Monday, would continue. ";
    let html = format!("<html><body>{}</body></html>", level.repeat(10_000));
    let t = Instant::now();
    let doc = clean(article("deep-text.html", Body::Html(html))).expect("story");
    assert!(doc.paragraphs.len() > 10);
    assert!(t.elapsed().as_secs_f64() < 30.0, "took {:?}", t.elapsed());
}

#[test]
fn sentence_bodies_are_one_paragraph_without_headline() {
    let mut a = article(
        "records.xml",
        Body::Sentence("  Putin   met\n Bush in Moscow on Monday.  ".into()),
    );
    a.date = Some("2002-05-24".parse().expect("date"));
    a.parse = Some("(ROOT (S (NP (NNP Putin)) (VP (VBD met))))".into());
    let doc = clean(a).expect("sentence");
    assert_eq!(doc.text, "Putin met Bush in Moscow on Monday.");
    assert_eq!(doc.paragraphs.len(), 1);
    assert_eq!(doc.headline, None);
    assert_eq!(doc.meta.pub_date, Some("2002-05-24".parse().expect("date")));
    assert!(doc.parse.is_some());
}

#[test]
fn input_metadata_wins_and_is_noted() {
    let text = format!("Talks Resume - 2022-03-29\n\n{STORY_P1}\n\n{STORY_P2}");
    let mut a = article("wire.jsonl", Body::Text(text));
    a.date = Some("2022-03-30".parse().expect("date"));
    a.source = Some("Example Wire".into());
    a.title = Some("Given title".into());
    let doc = clean(a).expect("story");
    assert_eq!(doc.meta.pub_date, Some("2022-03-30".parse().expect("date")));
    assert_eq!(doc.meta.source.as_deref(), Some("Example Wire"));
    assert_eq!(doc.meta.headline.as_deref(), Some("Given title"));
    assert!(doc.text.starts_with("Given title\n\n"));
    assert!(
        !doc.text.contains("Talks Resume"),
        "the page's own title line is not story"
    );
    assert!(doc
        .meta
        .notes
        .iter()
        .any(|n| n.starts_with("pub_date: input")));
}

#[test]
fn html_metadata_from_json_ld_and_site_name() {
    let html = format!(
        "<html><head><title>Talks resume in Istanbul - Example Wire</title>\
         <meta property=\"og:site_name\" content=\"Example Wire\">\
         <script type=\"application/ld+json\">{{\"@graph\":[{{\"@type\":\"NewsArticle\",\
         \"datePublished\":\"2022-03-29T10:00:00+03:00\"}}]}}</script></head>\
         <body><main><p>{STORY_P1}</p><p>{STORY_P2}</p></main>\
         <aside><p>Most read: a long list of other stories, each a link.</p></aside></body></html>"
    );
    let doc = clean(article("ld.html", Body::Html(html))).expect("story");
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Talks resume in Istanbul")
    );
    assert_eq!(doc.meta.source.as_deref(), Some("Example Wire"));
    assert_eq!(doc.meta.pub_date, Some("2022-03-29".parse().expect("date")));
    assert!(!doc.text.contains("Most read"));
}

#[test]
fn a_replacement_furniture_file_is_used() {
    let dir = std::env::temp_dir().join(format!("dyad-clean-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let path = dir.join("furniture.txt");
    std::fs::write(&path, "[line]\nbonus content\n").expect("write");
    let cleaner = Cleaner::from_file(&path).expect("loads");
    let text = format!("{STORY_P1}\n\nBonus content\n\n{STORY_P2}");
    let doc = cleaner
        .clean(article("a.txt", Body::Text(text.clone())))
        .expect("story");
    assert!(!doc.text.contains("Bonus content"));
    // With no dictionary the line is kept: the removal came from the file.
    let plain = Cleaner::new(Furniture::empty())
        .clean(article("a.txt", Body::Text(text)))
        .expect("story");
    assert!(plain.text.contains("Bonus content"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(Cleaner::from_file(&dir.join("missing.txt")).is_err());
}

#[test]
fn logo_h1_is_not_the_headline() {
    let html = format!(
        "<html><head><title>Talks resume in Istanbul | Example Wire</title></head><body>\
         <div class=logo><h1>Example Wire</h1></div>\
         <div class=story><h1>Talks resume in Istanbul</h1><p>{STORY_P1}</p><p>{STORY_P2}</p></div>\
         </body></html>"
    );
    let doc = clean(article("logo.html", Body::Html(html))).expect("story");
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Talks resume in Istanbul")
    );
    assert!(doc.meta.notes.iter().any(|n| n == "headline: <h1>"));
}

#[test]
fn scraped_text_in_another_house_style() {
    // Furniture as other sites scrape: captions, image credits, share rows, topic lists,
    // a mid-story promo and a trailing "more on this story" block of linked headlines.
    let page = "Skip to content\n\nAfrica\n\nSudan army and RSF agree to talks in Jeddah\n\n\
        Published\n6 May 2023\n\nShare\n\nImage source, Getty Images\n\n\
        Image caption, Smoke rises over Khartoum\n\n\
        Representatives of Sudan's army and the paramilitary Rapid Support Forces have arrived in \
        the Saudi city of Jeddah for talks, officials from both sides said on Saturday.\n\n\
        It is the first face-to-face meeting since fighting broke out three weeks ago.\n\n\
        Advertisement\n\n\
        The United States and Saudi Arabia, which brokered the talks, urged both sides to agree a \
        lasting ceasefire.\n\n\"We are open to any initiative,\" an army spokesman said.\n\n\
        More on this story\n\nSudan fighting: what is happening\n\nWho are the RSF?\n\n\
        Related Topics\n\nSudan\nSaudi Arabia";
    let doc = clean(article("sudan.txt", Body::Text(page.into()))).expect("story");
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Sudan army and RSF agree to talks in Jeddah")
    );
    assert_eq!(doc.meta.pub_date, Some("2023-05-06".parse().expect("date")));
    for keep in [
        "Representatives of Sudan's army",
        "It is the first face-to-face meeting",
        "urged both sides to agree a lasting ceasefire.",
        "\"We are open to any initiative,\" an army spokesman said.",
    ] {
        assert!(doc.text.contains(keep), "lost {keep:?}");
    }
    for gone in [
        "Skip to",
        "Africa",
        "Published",
        "Share",
        "Getty",
        "Image caption",
        "Advertisement",
        "More on this story",
        "Who are the RSF",
        "Related Topics",
        "Saudi Arabia\n",
    ] {
        assert!(!doc.text.contains(gone), "kept {gone:?}");
    }
}

#[test]
fn long_comment_threads_do_not_win() {
    let comment = "<div class=\"comment-body\"><p>I think this is a very long and thoughtful \
        comment, with commas, opinions, and more words than most paragraphs of the story, \
        written by a reader who has a great deal to say about it.</p></div>";
    let html = format!(
        "<html><body><article><h1>Talks resume in Istanbul</h1><p>{STORY_P1}</p>\
         <p>{STORY_P2}</p><p>{STORY_P3}</p></article>\
         <section id=\"comments\">{}</section></body></html>",
        comment.repeat(12)
    );
    let doc = clean(article("comments.html", Body::Html(html))).expect("story");
    assert!(doc.text.contains(STORY_P1) && doc.text.contains(STORY_P3));
    assert!(!doc.text.contains("thoughtful"));
}

#[test]
fn br_separated_text_in_divs() {
    let html = format!(
        "<html><body><div id=menu><a href=/>Home</a> | <a href=/n>News</a></div>\
         <div>{STORY_P1}<br><br>{STORY_P2}<br><br>{STORY_P3}</div>\
         <div><a href=/1>Other story one</a><br><a href=/2>Other story two</a></div>\
         </body></html>"
    );
    let doc = clean(article("br.html", Body::Html(html))).expect("story");
    assert!(doc.text.contains(STORY_P1));
    assert!(doc.text.contains(STORY_P2));
    assert!(doc.text.contains(STORY_P3));
    assert!(!doc.text.contains("Other story"));
    assert!(!doc.text.contains("Home"));
    // <br><br> separates paragraphs.
    assert!(doc.paragraphs.len() >= 3);
}

#[test]
fn random_inputs_never_panic() {
    // A small xorshift generator over pieces that exercise the parsers: datelines, dates,
    // brackets, quotes, multi-byte characters, tags, blank lines.
    let pieces = [
        "MOSCOW",
        ", ",
        "(AP)",
        " -- ",
        " — ",
        "24 June 2005",
        "2004-04-08",
        "Nov. 3",
        "\n",
        "\n\n",
        "\r",
        "\"",
        "“",
        "”",
        "Putin",
        "said",
        ".",
        "?",
        "<p>",
        "</p>",
        "<div class=ad>",
        "</div>",
        "<h1>",
        "<br>",
        "<a href=x>",
        "</a>",
        "é",
        "ü",
        "日本",
        "—",
        "(",
        ")",
        "|",
        " ",
        "Read more",
        "Support us!",
        "20040408",
        "Jun.",
        "24th,",
        "<script>",
        "</script>",
        "<time datetime=2001-11-23>",
        "<meta property=og:title content='A | B'>",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..1500 {
        let len = (next() % 60) as usize;
        let s: String = (0..len)
            .map(|_| pieces[(next() % pieces.len() as u64) as usize])
            .collect();
        let body = if i % 2 == 0 {
            Body::Text(s)
        } else {
            Body::Html(s)
        };
        match clean(article("random", body)) {
            Ok(doc) => {
                for p in &doc.paragraphs {
                    assert!(doc.text.is_char_boundary(p.start as usize));
                    assert!(doc.text.is_char_boundary(p.end as usize));
                    assert!(p.end as usize <= doc.text.len());
                }
            }
            Err(CleanError::Empty(_)) => {}
            Err(e) => panic!("unexpected error {e}"),
        }
    }
}

#[test]
fn script_rendered_page_falls_back_to_json_ld_body() {
    let body = format!("{STORY_P1}\n\n{STORY_P2}");
    let ld = serde_json::json!({"@type": "NewsArticle", "headline": "Talks resume", "articleBody": body});
    let html = format!(
        "<html><head><script type=\"application/ld+json\">{ld}</script></head>\
         <body><div id=app></div><script>render()</script></body></html>"
    );
    let doc = clean(article("app.html", Body::Html(html))).expect("story");
    assert!(doc.text.contains(STORY_P1) && doc.text.contains(STORY_P2));
    assert!(doc
        .meta
        .notes
        .iter()
        .any(|n| n.contains("JSON-LD articleBody")));
}
