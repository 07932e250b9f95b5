//! Events as a CSV with the GDELT 2.0 event table's 61 column names, in GDELT's order.
//!
//! Columns dyad has no value for are left empty; `docs/outputs.md` documents the mapping.
//! Every field is written as a string, so CAMEO codes keep their leading zeros.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::records::EventRecord;
use crate::{DocContext, OutError};

/// The GDELT 2.0 event table's columns, in order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Writes events as GDELT-style CSV rows (with a header line).
pub struct GdeltCsvWriter {
    path: PathBuf,
    out: csv::Writer<BufWriter<File>>,
    next_id: u64,
    added: String,
}

impl GdeltCsvWriter {
    /// Creates the file and writes the header. `added` is the run's start as
    /// `YYYYMMDDHHMMSS` (GDELT's DATEADDED).
    pub fn create(path: &Path, added: &str) -> Result<GdeltCsvWriter, OutError> {
        let file = File::create(path).map_err(|source| OutError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut out = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, file));
        out.write_record(GDELT_COLUMNS)
            .map_err(|source| csv_error(path, source))?;
        Ok(GdeltCsvWriter {
            path: path.to_path_buf(),
            out,
            next_id: 1,
            added: added.to_string(),
        })
    }

    /// Writes one event. GLOBALEVENTID is the event's 1-based position in this file.
    pub fn write(&mut self, e: &EventRecord, ctx: &DocContext) -> Result<(), OutError> {
        let row = gdelt_row(e, ctx, self.next_id, &self.added);
        self.next_id += 1;
        self.out
            .write_record(&row)
            .map_err(|source| csv_error(&self.path, source))
    }

    /// Flushes the file.
    pub fn finish(mut self) -> Result<(), OutError> {
        self.out.flush().map_err(|source| OutError::Io {
            path: self.path,
            source,
        })
    }
}

fn csv_error(path: &Path, source: csv::Error) -> OutError {
    OutError::Csv {
        path: path.to_path_buf(),
        source,
    }
}

/// The date GDELT-style formats carry: the event's own date, else the publication date.
pub(crate) fn row_date<'a>(e: &'a EventRecord, ctx: &'a DocContext) -> Option<&'a str> {
    e.date.as_deref().or(ctx.pub_date.as_deref())
}

/// `(year, month, day)` of a `YYYY-MM-DD` string.
pub(crate) fn ymd(date: &str) -> Option<(i32, u32, u32)> {
    let mut parts = date.splitn(3, '-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    Some((y, m, d))
}

/// Day of the year (1-based) in the proleptic Gregorian calendar.
fn day_of_year(y: i32, m: u32, d: u32) -> u32 {
    const CUM: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let idx = (m.clamp(1, 12) - 1) as usize;
    CUM[idx] + d + u32::from(leap && m > 2)
}

/// The shipped country table (`tools/gdelt/build.py`): CAMEO country and region codes, and
/// the FIPS 10-4 code GDELT writes for a place in each country.
const COUNTRIES: &str = include_str!("../../../dictionaries/gdelt-countries.tsv");

/// A row of the country table: FIPS code (empty for regions) and short English name.
struct Country {
    fips: &'static str,
    name: &'static str,
}

/// CAMEO country or region code → its row.
fn countries() -> &'static HashMap<&'static str, Country> {
    static TABLE: OnceLock<HashMap<&'static str, Country>> = OnceLock::new();
    TABLE.get_or_init(|| {
        COUNTRIES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let (_kind, cameo, fips, name) = (f.next()?, f.next()?, f.next()?, f.next()?);
                let name = name.trim();
                Some((cameo, Country { fips, name }))
            })
            .collect()
    })
}

/// The FIPS 10-4 code of a country given by its CAMEO (ISO alpha-3) code; empty if unknown.
pub fn fips_country(cameo: &str) -> &'static str {
    countries().get(cameo).map_or("", |c| c.fips)
}

/// The actor code's parts as GDELT splits them: the country (or CAMEO region) prefix, and up
/// to three three-letter type codes. A prefix that is no country or region (IGO, NGO, MNC,
/// `---` for an unknown country ...) leaves the country empty and is the first type code.
fn actor_parts(code: &str) -> (String, [String; 3]) {
    let chunks: Vec<&str> = (0..4)
        .filter_map(|i| code.get(i * 3..i * 3 + 3))
        .filter(|c| !c.is_empty())
        .collect();
    let (country, types) = match chunks.split_first() {
        Some((first, rest)) if countries().contains_key(first) => (*first, rest),
        Some((first, _)) if *first == "---" => ("", &chunks[1..]),
        _ => ("", &chunks[..]),
    };
    let t = |i: usize| types.get(i).map(|s| s.to_string()).unwrap_or_default();
    (country.to_string(), [t(0), t(1), t(2)])
}

fn actor_columns(code: Option<&str>, name: Option<&str>, row: &mut Vec<String>) {
    let code = code.unwrap_or_default();
    let (country, types) = actor_parts(code);
    row.push(code.to_string());
    row.push(name.unwrap_or_default().to_uppercase());
    row.push(country);
    // KnownGroup, Ethnic, Religion1, Religion2: dyad's codes do not separate these yet.
    row.extend(std::iter::repeat_n(String::new(), 4));
    row.extend(types);
}

/// One GDELT row for an event.
pub fn gdelt_row(e: &EventRecord, ctx: &DocContext, id: u64, added: &str) -> Vec<String> {
    let mut row = Vec::with_capacity(61);
    row.push(id.to_string());
    match row_date(e, ctx).and_then(ymd) {
        Some((y, m, d)) => {
            row.push(format!("{y:04}{m:02}{d:02}"));
            row.push(format!("{y:04}{m:02}"));
            row.push(format!("{y:04}"));
            let fraction = f64::from(y) + f64::from(day_of_year(y, m, d)) / 365.0;
            row.push(format!("{fraction:.4}"));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    actor_columns(Some(&e.source), e.source_name.as_deref(), &mut row);
    actor_columns(e.target.as_deref(), e.target_name.as_deref(), &mut row);
    // IsRootEvent: GDELT marks events from the lead paragraph; dyad records sentence 0 (the
    // headline or first sentence) as the root.
    row.push(if e.sentence == 0 { "1" } else { "0" }.to_string());
    row.push(e.code.clone());
    row.push(e.code.get(..3).unwrap_or(&e.code).to_string());
    row.push(e.root.clone());
    row.push(e.quad_class.to_string());
    row.push(e.goldstein.to_string());
    let reports = e.reports.unwrap_or(1);
    row.push(reports.to_string()); // NumMentions
    row.push("1".to_string()); // NumSources: one source per run row
    let articles = match &e.evidence {
        Some(ids) => distinct_docs(ids),
        None => 1,
    };
    row.push(articles.to_string());
    row.push(String::new()); // AvgTone
                             // Actor1Geo_* and Actor2Geo_*: dyad locates events, not actors.
    row.extend(std::iter::repeat_n(String::new(), 16));
    match &e.location {
        Some(l) => {
            let country = countries().get(l.country.as_str());
            let fips = country.map_or("", |c| c.fips);
            // ActionGeo_Type 1 (a country, whose ADM1 code is its FIPS code) when the place
            // is the country itself; dyad's locations carry no finer feature class yet.
            let is_country = country.is_some_and(|c| c.name.eq_ignore_ascii_case(&l.name));
            row.push(if is_country { "1" } else { "" }.to_string());
            row.push(l.name.clone());
            row.push(fips.to_string());
            row.push(if is_country { fips } else { "" }.to_string());
            row.push(String::new());
            row.push(l.lat.to_string());
            row.push(l.lon.to_string());
            row.push(String::new());
        }
        None => row.extend(std::iter::repeat_n(String::new(), 8)),
    }
    row.push(added.to_string());
    row.push(ctx.url.clone().unwrap_or_else(|| e.doc.clone()));
    row
}

/// Number of distinct documents among event ids of the form `DOC#eN`.
pub(crate) fn distinct_docs(ids: &[String]) -> usize {
    let mut docs: Vec<&str> = ids
        .iter()
        .map(|id| id.rsplit_once("#e").map_or(id.as_str(), |(d, _)| d))
        .collect();
    docs.sort_unstable();
    docs.dedup();
    docs.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_of_year_counts_leap_days() {
        assert_eq!(day_of_year(2004, 3, 1), 61);
        assert_eq!(day_of_year(2003, 3, 1), 60);
        assert_eq!(day_of_year(2003, 12, 31), 365);
    }

    #[test]
    fn actor_parts_split_in_threes() {
        let (c, t) = actor_parts("RUSGOVMIL");
        assert_eq!(c, "RUS");
        assert_eq!(t, ["GOV".to_string(), "MIL".to_string(), String::new()]);
        let (c, t) = actor_parts("US");
        assert_eq!(c, "");
        assert!(t.iter().all(String::is_empty));
    }

    #[test]
    fn group_and_unknown_prefixes_are_types_not_countries() {
        let (c, t) = actor_parts("IGOWSTNAT");
        assert_eq!(c, "");
        assert_eq!(t[0], "IGO");
        let (c, t) = actor_parts("---REB");
        assert_eq!(c, "");
        assert_eq!(t[0], "REB");
        // CAMEO region codes stand where a country code would.
        assert_eq!(actor_parts("MEAGOV").0, "MEA");
    }

    #[test]
    fn places_take_fips_codes() {
        assert_eq!(fips_country("RUS"), "RS");
        assert_eq!(fips_country("DEU"), "GM");
        assert_eq!(fips_country("AUT"), "AU");
        assert_eq!(fips_country("AUS"), "AS");
        assert_eq!(fips_country("XYZ"), "");
        assert_eq!(fips_country("MEA"), "", "regions have no FIPS code");
        // Every country row has one, except those FIPS 10-4 never covered.
        let missing = countries()
            .iter()
            .filter(|(code, c)| {
                c.fips.is_empty() && COUNTRIES.contains(&format!("country\t{code}\t"))
            })
            .count();
        assert!(missing <= 3, "{missing} countries without FIPS");
    }

    #[test]
    fn distinct_docs_counts_documents_not_events() {
        let ids = ["a#e1", "a#e2", "b#e1"].map(String::from);
        assert_eq!(distinct_docs(&ids), 2);
    }
}
