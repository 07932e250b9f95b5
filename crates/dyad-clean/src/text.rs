//! Plain-text pages: paragraphs from lines, site furniture removed by line features
//! (length, sentence punctuation, position, menu shape, proximity to other furniture) and
//! the furniture dictionary.

use crate::furniture::Furniture;
use crate::meta::{parse_date, split_title_date};
use dyad_doc::Date;

/// What the plain-text cleaner found.
#[derive(Debug, Default)]
pub(crate) struct TextPage {
    pub headline: Option<String>,
    pub headline_date: Option<Date>,
    /// A line before the story that is a date on its own.
    pub line_date: Option<Date>,
    pub paragraphs: Vec<String>,
    pub dropped: usize,
}

/// One paragraph candidate with its features.
struct Unit {
    text: String,
    words: usize,
    terminal: bool,
    quote: bool,
    /// Furniture by the dictionary (a `[line]` entry, or a phrase in a short line).
    furniture: bool,
    /// An `[end]` heading: no more story after it.
    end: bool,
    phrase: bool,
}

impl Unit {
    fn new(text: String, furn: &Furniture) -> Unit {
        let words = crate::ws::word_count(&text);
        let terminal = ends_sentence(&text);
        let quote = text.contains(['"', '“', '”', '«', '»']);
        let phrase = furn.has_phrase(&text);
        // Appeal wording inside a quotation is someone speaking, not the site asking.
        // One dictionary look-up serves both questions (is it a line entry, is it `[end]`).
        let entry = furn.line_entry(&text);
        let furniture =
            entry.is_some() || (phrase && !quote && words <= crate::furniture::SHORT_LINE_WORDS);
        let end = entry == Some(true);
        Unit {
            text,
            words,
            terminal,
            quote,
            furniture,
            end,
            phrase,
        }
    }

    /// A sentence-shaped paragraph: enough words and sentence punctuation (or a quote).
    fn story_like(&self) -> bool {
        !self.furniture && ((self.words >= 8 && (self.terminal || self.quote)) || self.words >= 20)
    }

    /// A menu item or button: a few words and no sentence punctuation.
    fn menu_like(&self) -> bool {
        // Scripts written without spaces make one "word" of a paragraph: bound the length too.
        self.words <= 4
            && self.text.chars().count() <= 40
            && !self.terminal
            && !self.quote
            && !self.text.contains(|c: char| c.is_ascii_digit())
    }
}

/// Whether a paragraph ends like a sentence (closing quotes and brackets skipped).
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
    });
    t.ends_with(['.', '!', '?', '…', ':', ';', '。', '！', '？', '．'])
}

/// A line that is a date, possibly labelled ("Published: 12 March 2015", "Updated 3 May 2019").
fn line_date(s: &str) -> Option<Date> {
    if crate::ws::words(s).nth(8).is_some() {
        return None;
    }
    parse_date(s)
        .or_else(|| s.split_once(':').and_then(|(_, rest)| parse_date(rest)))
        .or_else(|| s.split_once(' ').and_then(|(_, rest)| parse_date(rest)))
}

/// Whether a line ends with a full stop (closing quotes and brackets skipped): a sentence,
/// not a headline, which may end with '?' or '!' but not '.'.
fn ends_with_period(s: &str) -> bool {
    s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
    })
    .ends_with(['.', '…'])
}

/// Collapses whitespace runs to single spaces, keeping every other character.
pub(crate) fn squash(s: &str, out: &mut String) {
    // Most lines already are squashed: copy them whole.
    if crate::ws::is_squashed(s) {
        if !s.is_empty() && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(s);
        return;
    }
    for w in crate::ws::words(s) {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// Splits text into paragraphs: blank lines separate; hard-wrapped lines are joined.
pub(crate) fn paragraphs(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut group: Vec<&str> = Vec::new();
    // Old Mac files end lines with a lone '\r'.
    let lone_cr = !raw.contains('\n') && raw.contains('\r');
    let lines: Box<dyn Iterator<Item = &str>> = if lone_cr {
        Box::new(raw.split('\r'))
    } else {
        Box::new(raw.lines())
    };
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            flush_group(&group, &mut out);
            group.clear();
        } else {
            group.push(line);
        }
    }
    flush_group(&group, &mut out);
    out
}

fn flush_group(group: &[&str], out: &mut Vec<String>) {
    if group.is_empty() {
        return;
    }
    let lens: Vec<usize> = group.iter().map(|l| l.chars().count()).collect();
    let max = lens.iter().copied().max().unwrap_or(0);
    // Hard-wrapped prose: lines of similar, moderate width (the last may be short).
    let wrapped = group.len() >= 2
        && (30..=110).contains(&max)
        && lens[..lens.len() - 1].iter().all(|&l| l * 2 >= max)
        // Some line must break mid-sentence: lines that all end sentences are paragraphs.
        && group[..group.len() - 1].iter().any(|l| !ends_sentence(l));
    let mut cur = String::new();
    for (i, line) in group.iter().enumerate() {
        let starts_lower = line.chars().next().is_some_and(char::is_lowercase);
        let join = i > 0
            && if wrapped {
                // A noticeably short line ending a sentence closes a paragraph.
                let prev = lens[i - 1];
                !(ends_sentence(group[i - 1]) && prev * 100 < max * 85)
            } else {
                !ends_sentence(group[i - 1]) && starts_lower
            };
        if !join && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        squash(line, &mut cur);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
}

/// Cleans a scraped plain-text page.
pub(crate) fn clean_text(raw: &str, furn: &Furniture, given_title: Option<&str>) -> TextPage {
    let units: Vec<Unit> = paragraphs(raw)
        .into_iter()
        .map(|t| Unit::new(t, furn))
        .collect();
    let mut page = TextPage::default();
    let n = units.len();
    let Some(first_story) = units
        .iter()
        .position(Unit::story_like)
        .or_else(|| units.iter().position(|u| !u.furniture && u.terminal))
        // A one-line item ("Putin meets Bush in Moscow"): prose-like, not a Title Case menu.
        .or_else(|| {
            units.iter().position(|u| {
                !u.furniture
                    && u.words >= 4
                    && u.text
                        .split_whitespace()
                        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                        .count()
                        >= 2
            })
        })
    else {
        page.dropped = n;
        return page;
    };

    // Before the story: the headline, a date line, and furniture.
    let title_like = |u: &Unit| {
        !u.furniture
            && (2..=30).contains(&u.words)
            && (!ends_with_period(&u.text) || split_title_date(&u.text).is_some())
            && line_date(&u.text).is_none()
    };
    let pre = &units[..first_story];
    let chosen = pre
        .iter()
        .position(|u| title_like(u) && split_title_date(&u.text).is_some())
        .or_else(|| pre.iter().position(|u| title_like(u) && u.words >= 3))
        .or_else(|| pre.iter().position(title_like));
    if let Some(g) = given_title {
        page.headline = Some(g.to_string());
    }
    for (i, u) in pre.iter().enumerate() {
        if Some(i) == chosen && page.headline.is_none() {
            match split_title_date(&u.text) {
                Some((t, d)) => {
                    page.headline = Some(t.to_string());
                    page.headline_date = Some(d);
                }
                None => page.headline = Some(u.text.clone()),
            }
        } else if page.line_date.is_none() {
            page.line_date = line_date(&u.text);
        }
    }

    // After the story: a boilerplate block running to the end of the page.
    let mut keep = vec![true; n];
    // Before the story, only short sentences after the headline survive: a one-line opening
    // quote or lead is story; section labels, bylines and dates are not.
    let after_headline = chosen.map_or(0, |c| c + 1);
    for (i, k) in keep.iter_mut().enumerate().take(first_story) {
        let u = &units[i];
        *k = i >= after_headline
            && !u.furniture
            && u.terminal
            && u.words >= 3
            && u.text.chars().any(char::is_lowercase)
            && parse_date(&u.text).is_none();
    }
    let mut tail = n;
    while tail > first_story + 1 {
        let u = &units[tail - 1];
        let block_started = tail < n;
        // A long paragraph with appeal or cookie wording goes only inside a boilerplate run;
        // a short one may end the page on its own.
        let furniture_here = u.furniture
            || (u.menu_like() && !u.story_like())
            || (u.phrase && (block_started || (u.words <= 30 && !u.quote)));
        if !furniture_here {
            break;
        }
        tail -= 1;
    }
    for k in keep.iter_mut().skip(tail) {
        *k = false;
    }

    // Inside the story: dictionary furniture, menu runs, and furniture-shaped lines or appeal
    // paragraphs next to other furniture.
    let body = first_story..tail;
    for i in body.clone() {
        if units[i].furniture {
            keep[i] = false;
        }
    }
    let mut i = body.start;
    while i < body.end {
        if units[i].menu_like() {
            let run_end = (i..body.end)
                .find(|&j| !units[j].menu_like())
                .unwrap_or(body.end);
            if run_end - i >= 3 {
                for k in keep.iter_mut().take(run_end).skip(i) {
                    *k = false;
                }
            }
            i = run_end.max(i + 1);
        } else {
            i += 1;
        }
    }
    // One pass each way so proximity spreads across a furniture block but not into prose.
    for _ in 0..2 {
        for i in body.clone() {
            if !keep[i] {
                continue;
            }
            let near = (i > first_story && !keep[i - 1]) || (i + 1 < n && !keep[i + 1]);
            if near
                && ((units[i].menu_like() && units[i].words <= 3)
                    || (units[i].phrase && !units[i].quote))
            {
                keep[i] = false;
            }
        }
    }
    // After an end heading ("More on this story") come linked headlines: only
    // sentence-shaped paragraphs may still be story.
    if let Some(e) = (first_story + 1..n).find(|&i| units[i].end) {
        for i in e..n {
            if !units[i].story_like() {
                keep[i] = false;
            }
        }
    }
    for (u, k) in units.into_iter().zip(keep) {
        if k {
            page.paragraphs.push(u.text);
        } else {
            page.dropped += 1;
        }
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_and_byline_lines_are_not_headlines() {
        let furn = Furniture::shipped();
        let raw = "Talks Resume\n\nBy Jane Doe\n\nPublished: 12 March 2015\n\n\
                   Negotiators from both countries resumed talks in Geneva on Monday, officials said.";
        let page = clean_text(raw, furn, None);
        assert_eq!(page.headline.as_deref(), Some("Talks Resume"));
        assert_eq!(page.line_date, "2015-03-12".parse().ok());
        assert_eq!(page.paragraphs.len(), 1);
    }

    #[test]
    fn a_one_line_item_is_a_story() {
        let furn = Furniture::shipped();
        let page = clean_text("Putin meets Bush in Moscow", furn, None);
        assert_eq!(page.paragraphs, vec!["Putin meets Bush in Moscow"]);
        let menu = clean_text("World News Today\n\nSport Business Culture", furn, None);
        assert!(menu.paragraphs.is_empty());
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        let raw = "Russian President Vladimir Putin met the NATO chief in Moscow\n\
                   on Thursday and said relations were improving steadily.\n\
                   Both sides agreed to meet again.\n\nA second paragraph here.";
        let p = paragraphs(raw);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            p[0].starts_with("Russian President")
                && p[0].ends_with("steadily. Both sides agreed to meet again.")
        );
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let p = paragraphs("First paragraph here.\r\rSecond paragraph here.\r");
        assert_eq!(p, vec!["First paragraph here.", "Second paragraph here."]);
    }

    #[test]
    fn keeps_unwrapped_lines_apart() {
        let raw = "\"First quote is here and it is long enough to be a paragraph of its own,\" he said.\n\
                   \"Second quote is also here, and it too is a paragraph on its own line of text,\" he added.";
        assert_eq!(paragraphs(raw).len(), 2);
        let menu = "Once\nMonthly\nAnnual\nContinue";
        assert_eq!(paragraphs(menu).len(), 4);
    }

    #[test]
    fn short_story_lines_inside_the_story_survive() {
        let furn = Furniture::shipped();
        let raw = "Accessibility links\n\nTalks Resume in Geneva\n\n\
                   Negotiators from both countries resumed talks in Geneva on Monday, officials said.\n\n\
                   The mood was tense.\n\n\
                   \"We will not give up,\" one delegate said.\n\n\
                   \"Never.\" - Markov\n\n\
                   \"Thank you for your support,\" the minister told them.\n\n\
                   The talks continue on Tuesday with a session on prisoner exchanges and aid.\n\n\
                   Share this article\n\nFacebook Twitter Email";
        let page = clean_text(raw, furn, None);
        assert_eq!(page.headline.as_deref(), Some("Talks Resume in Geneva"));
        let lead = "Accessibility links\n\nTalks Resume\n\n\"We will not give up.\"\n\n\
                    Negotiators from both countries resumed talks in Geneva on Monday, officials said.";
        let p = clean_text(lead, furn, None);
        assert_eq!(
            p.paragraphs.first().map(String::as_str),
            Some("\"We will not give up.\"")
        );
        let all = page.paragraphs.join("\n");
        assert!(all.contains("The mood was tense."));
        assert!(all.contains("\"Never.\" - Markov"));
        assert!(all.contains("\"Thank you for your support,\" the minister told them."));
        assert!(!all.contains("Share this"));
        assert!(!all.contains("Facebook"));
        assert!(!all.contains("Accessibility"));
    }
}
