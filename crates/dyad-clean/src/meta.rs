//! Metadata found in the text: dates in the forms news pages use, datelines, headline
//! suffixes. Month names come from jiff's `%B`/`%b` parser, so no word list lives here.

use dyad_doc::Date;
use jiff::fmt::strtime;

/// Parses a date written as news pages write it: ISO (`2004-04-08`, `2004-04-08T10:00Z`),
/// compact (`20040408`), `24 June 2005`, `June 24, 2005`, `Jun. 24, 2005`, `Friday, 24 June 2005`.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim().trim_end_matches(['.', ',', ';']);
    if s.len() < 6 || s.len() > 60 {
        return None;
    }
    if let Some(d) = iso_prefix(s) {
        return Some(d);
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let (y, m, d) = (&s[..4], &s[4..6], &s[6..]);
        return ymd(y, m, d);
    }
    // Every remaining form has a day and a year: two separate digit runs with a month name
    // between them. Most lines tried here are not dates, and each failed `strtime` attempt
    // builds an error value (it was a fifth of cleaning time under `perf`), so lines
    // without two digit runs and a letter are refused first.
    if !could_be_written_date(s) {
        return None;
    }
    // Drop a leading weekday ("Friday, 24 June 2005") by trying from each comma.
    let mut cleaned = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !cleaned.is_empty() {
            cleaned.push(' ');
        }
        // "Jun." / "24th" → "Jun" / "24" so one format covers them. An abbreviation with a
        // period is cut to three letters, since AP style writes "Sept." where `%b` wants "Sep".
        let abbreviated = w.ends_with('.');
        let w = w.trim_end_matches('.');
        let w = match w.get(..3) {
            Some(three)
                if abbreviated && w.len() > 3 && w.bytes().all(|b| b.is_ascii_alphabetic()) =>
            {
                three
            }
            _ => w,
        };
        let w = strip_ordinal(w);
        cleaned.push_str(w);
    }
    let candidates = std::iter::once(cleaned.as_str())
        .chain(cleaned.match_indices(", ").map(|(i, _)| &cleaned[i + 2..]));
    for c in candidates {
        for fmt in [
            "%d %B %Y",
            "%B %d, %Y",
            "%B %d %Y",
            "%d %B, %Y",
            "%d %b %Y",
            "%b %d, %Y",
            "%b %d %Y",
            "%d %b, %Y",
        ] {
            if let Ok(tm) = strtime::parse(fmt, c) {
                if let Ok(d) = tm.to_date() {
                    return Some(d);
                }
            }
        }
    }
    None
}

/// Whether `s` has at least two separate runs of ASCII digits and a letter: what
/// "24 June 2005" and "June 24, 2005" (every written form `parse_date` tries) need.
fn could_be_written_date(s: &str) -> bool {
    let mut runs = 0;
    let mut in_run = false;
    let mut letter = false;
    for &b in s.as_bytes() {
        if b.is_ascii_digit() {
            if !in_run {
                runs += 1;
                in_run = true;
            }
        } else {
            in_run = false;
            // Month names may be non-ASCII in other locales' pages: any non-ASCII byte counts.
            letter |= b.is_ascii_alphabetic() || b >= 0x80;
        }
    }
    runs >= 2 && letter
}

fn strip_ordinal(w: &str) -> &str {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits)
        && matches!(w[digits..].trim_end_matches(','), "st" | "nd" | "rd" | "th")
    {
        // The comma goes too; "%B %d %Y" parses the comma-less form.
        return &w[..digits];
    }
    w
}

/// `YYYY-MM-DD` at the start of `s` (followed by nothing, 'T', a space or a time).
fn iso_prefix(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if b.len() > 10 && (b[10].is_ascii_digit()) {
        return None;
    }
    ymd(s.get(..4)?, s.get(5..7)?, s.get(8..10)?)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<Date> {
    let y: i16 = y.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    let d: i8 = d.parse().ok()?;
    if !(1800..=2200).contains(&y) {
        return None;
    }
    Date::new(y, m, d).ok()
}

/// Splits "Title - 2004-04-08" (also "–", "—", "|") into the title and its date.
pub fn split_title_date(line: &str) -> Option<(&str, Date)> {
    for sep in [" - ", " – ", " — ", " | ", ", "] {
        if let Some(i) = line.rfind(sep) {
            let (title, date) = (&line[..i], &line[i + sep.len()..]);
            if let Some(d) = parse_date(date) {
                if !title.trim().is_empty() {
                    return Some((title.trim(), d));
                }
            }
        }
    }
    None
}

/// A dateline found at the start of a story paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    /// The place as written, capitals normalised ("BRUSSELS, Belgium" → "Brussels, Belgium").
    pub place: Option<String>,
    /// The date the dateline states ("24 June 2005"), when it states a full one.
    pub date: Option<Date>,
    /// An outlet in brackets ("(RFE/RL)", "(AP)").
    pub source: Option<String>,
    /// The dateline as written, for the notes.
    pub raw: String,
}

/// Reads a dateline ("BRUSSELS, Belgium --", "Moscow, 24 June 2005 (RFE/RL) --",
/// "MOSCOW (Reuters) -") at the start of a paragraph.
pub fn dateline(par: &str) -> Option<Dateline> {
    // A dateline is short: look for the dash separator in the first 120 bytes only.
    let head_end = floor_char(par, 120);
    let head = &par[..head_end];
    let (cut, _) = [" -- ", " — ", " – ", " - ", " —", "—", " --"]
        .iter()
        .filter_map(|sep| head.find(sep).map(|i| (i, sep.len())))
        .min_by_key(|&(i, _)| i)?;
    let prefix = head[..cut].trim();
    if prefix.is_empty() || prefix.contains('"') || prefix.contains('“') {
        return None;
    }
    let mut source = None;
    let mut rest = String::new();
    // Pull out "(SOURCE)" groups.
    let mut s = prefix;
    while let Some(open) = s.find('(') {
        let close = s[open..].find(')')? + open;
        rest.push_str(&s[..open]);
        let inner = s[open + 1..close].trim();
        if !inner.is_empty() && source.is_none() {
            source = Some(inner.to_string());
        }
        s = &s[close + 1..];
    }
    rest.push_str(s);
    let mut place_parts: Vec<String> = Vec::new();
    let mut date = None;
    let parts: Vec<&str> = rest
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut i = 0;
    while i < parts.len() {
        // "June 24, 2005" spans two comma parts.
        if i + 1 < parts.len() && looks_like_date_fragment(parts[i]) {
            let joined = format!("{}, {}", parts[i], parts[i + 1]);
            if let Some(d) = parse_date(&joined) {
                date = Some(d);
                i += 2;
                continue;
            }
        }
        if let Some(d) = parse_date(parts[i]) {
            date = Some(d);
        } else if looks_like_date_fragment(parts[i]) {
            // "Nov. 3" without a year: a date we cannot place; not part of the place.
        } else if is_place_part(parts[i]) && date.is_none() {
            place_parts.push(normalise_caps(parts[i]));
        } else {
            return None;
        }
        i += 1;
    }
    if place_parts.is_empty() || place_parts.len() > 3 {
        return None;
    }
    // "Putin -- who ..." is a name before a dash, not a dateline: ask for a dateline's
    // marks (capitals, a date, an outlet, or "City, Country").
    let first = rest.split([',', ' ']).find(|w| !w.is_empty()).unwrap_or("");
    let caps = first.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !first.chars().any(char::is_lowercase);
    if !(caps || date.is_some() || source.is_some() || place_parts.len() >= 2) {
        return None;
    }
    Some(Dateline {
        place: Some(place_parts.join(", ")),
        date,
        source,
        raw: prefix.to_string(),
    })
}

fn floor_char(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// "Nov. 3", "June 24": a month-day pair without a year.
fn looks_like_date_fragment(p: &str) -> bool {
    // The day must be there already (the year is added below).
    if !p.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let with_year = format!("{p} 2000");
    parse_date(&with_year).is_some()
}

/// One to four capitalised words (letters, dots, hyphens, apostrophes).
fn is_place_part(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    words.iter().all(|w| {
        let mut chars = w.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_uppercase());
        first_ok
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
    })
}

/// "BRUSSELS" → "Brussels"; mixed-case words are kept as written.
fn normalise_caps(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for (i, w) in p.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let upper = w.chars().filter(|c| c.is_uppercase()).count();
        if letters > 1 && upper == letters && !w.contains('.') {
            let mut first = true;
            let mut after_sep = false;
            for c in w.chars() {
                if first || after_sep {
                    out.push(c);
                } else {
                    out.extend(c.to_lowercase());
                }
                after_sep = matches!(c, '-' | '\'' | '’');
                first = false;
            }
        } else {
            out.push_str(w);
        }
    }
    out
}

/// Strips a site suffix from a `<title>` ("Story | World Desk" → "Story"): the longest part
/// when split at a separator, when the other parts are short.
pub fn strip_site_suffix(title: &str) -> &str {
    let title = title.trim();
    for sep in [" | ", " - ", " — ", " – ", " :: ", " « ", " » ", " · "] {
        if title.contains(sep) {
            let best = title
                .split(sep)
                .map(str::trim)
                .max_by_key(|p| p.len())
                .unwrap_or(title);
            if best.split_whitespace().count() >= 3 {
                return best;
            }
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("valid date")
    }

    #[test]
    fn parses_news_date_forms() {
        assert_eq!(parse_date("2004-04-08"), Some(d("2004-04-08")));
        assert_eq!(parse_date("2019-10-08T12:00:00Z"), Some(d("2019-10-08")));
        assert_eq!(parse_date("20040408"), Some(d("2004-04-08")));
        assert_eq!(parse_date("24 June 2005"), Some(d("2005-06-24")));
        assert_eq!(parse_date("June 24, 2005"), Some(d("2005-06-24")));
        assert_eq!(parse_date("Jun. 24, 2005"), Some(d("2005-06-24")));
        assert_eq!(parse_date("Sept. 26, 2022"), Some(d("2022-09-26")));
        assert_eq!(parse_date("26 Sept. 2022"), Some(d("2022-09-26")));
        assert_eq!(parse_date("Friday, 24 June 2005"), Some(d("2005-06-24")));
        assert_eq!(parse_date("June 24th, 2005"), Some(d("2005-06-24")));
        assert_eq!(parse_date("2004-13-40"), None);
        assert_eq!(parse_date("Moscow"), None);
    }

    #[test]
    fn lines_refused_before_parsing_could_never_parse() {
        for s in [
            "Moscow",
            "Share this article",
            "June 2005",
            "24 June",
            "By Jane Doe",
        ] {
            assert!(!could_be_written_date(s), "{s}");
            assert_eq!(parse_date(s), None, "{s}");
        }
        for s in [
            "24 June 2005",
            "June 24, 2005",
            "Friday, 24th June 2005",
            "3 Oct. 2004",
        ] {
            assert!(could_be_written_date(s), "{s}");
            assert!(parse_date(s).is_some(), "{s}");
        }
    }

    #[test]
    fn splits_title_and_date() {
        let (t, date) = split_title_date("NATO Meets Putin - 2004-04-08").expect("split");
        assert_eq!(t, "NATO Meets Putin");
        assert_eq!(date, d("2004-04-08"));
        assert!(split_title_date("Russia - NATO Council").is_none());
    }

    #[test]
    fn reads_datelines() {
        let dl = dateline("Moscow, 24 June 2005 (RFE/RL) -- Speaking to reporters").expect("dl");
        assert_eq!(dl.place.as_deref(), Some("Moscow"));
        assert_eq!(dl.date, Some(d("2005-06-24")));
        assert_eq!(dl.source.as_deref(), Some("RFE/RL"));
        let dl = dateline("BRUSSELS, Belgium -- President Putin said").expect("dl");
        assert_eq!(dl.place.as_deref(), Some("Brussels, Belgium"));
        assert_eq!(dl.date, None);
        let dl = dateline("WASHINGTON, Nov. 3 — The Senate voted").expect("dl");
        assert_eq!(dl.place.as_deref(), Some("Washington"));
        let dl = dateline("KYIV (Reuters) - Ukraine said").expect("dl");
        assert_eq!(dl.source.as_deref(), Some("Reuters"));
        assert!(dateline("He said -- and meant it -- that").is_none());
        assert!(dateline("\"We are ready\" -- Putin").is_none());
        assert!(dateline("Putin -- the former spy -- said").is_none());
    }

    #[test]
    fn strips_site_suffix() {
        assert_eq!(
            strip_site_suffix("NATO and Russia Launch New Council | World Desk"),
            "NATO and Russia Launch New Council"
        );
        assert_eq!(strip_site_suffix("Short"), "Short");
    }
}
