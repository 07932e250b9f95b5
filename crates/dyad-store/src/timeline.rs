//! Dyadic timelines: a dyad's events per period and direction, by QuadClass, with Goldstein
//! sums and means and net cooperation.
//!
//! Actors are code prefixes ("RUS" matches RUSGOV, RUSMIL, ...), full codes, or names looked
//! up in an alias file (`dictionaries/timeline-aliases.txt`, replaceable). Events are placed
//! in periods by their own date; an event whose date is coarser than the period asked for
//! (a year-precision date in a monthly timeline) is reported in a period of its own
//! precision ("2003"), never spread into January. An event without a date of its own is
//! placed at its story's publication date, as event data conventionally dates events; only
//! events with neither get the period `undated`.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::str::FromStr;

use dyad_doc::Date;

use crate::{Store, StoreError};

/// The shipped alias file.
const SHIPPED_ALIASES: &str = include_str!("../../../dictionaries/timeline-aliases.txt");

/// Name → code-prefix lookup for `--dyad`.
#[derive(Clone, Debug, Default)]
pub struct Aliases {
    entries: Vec<(String, Vec<String>)>,
}

impl Aliases {
    /// The shipped aliases.
    pub fn shipped() -> Aliases {
        // The shipped file is tested to parse; a bad line there only drops that line.
        Aliases::parse(SHIPPED_ALIASES).unwrap_or_default()
    }

    /// Reads an alias file.
    pub fn load(path: &Path) -> Result<Aliases, StoreError> {
        let text = std::fs::read_to_string(path).map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Aliases::parse(&text)
            .map_err(|(line, msg)| StoreError::Query(format!("{}:{line}: {msg}", path.display())))
    }

    /// Parses `NAME = PREFIX [PREFIX ...]` lines; `#` starts a comment. Errors give the line.
    pub fn parse(text: &str) -> Result<Aliases, (usize, String)> {
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let Some((name, codes)) = line.split_once('=') else {
                return Err((i + 1, "expected NAME = PREFIX [PREFIX ...]".into()));
            };
            let codes: Vec<String> = codes
                .split_whitespace()
                .map(|c| c.to_ascii_uppercase())
                .collect();
            if name.trim().is_empty() || codes.is_empty() {
                return Err((i + 1, "expected NAME = PREFIX [PREFIX ...]".into()));
            }
            entries.push((fold(name), codes));
        }
        Ok(Aliases { entries })
    }

    /// The code prefixes for a name, if it is an alias.
    pub fn lookup(&self, name: &str) -> Option<&[String]> {
        let key = fold(name);
        self.entries
            .iter()
            .find(|(n, _)| *n == key)
            .map(|(_, c)| c.as_slice())
    }
}

/// Lower case with runs of spaces, `_` and `-` made one space.
fn fold(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One side of a dyad: what the user wrote and the code prefixes it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorSpec {
    pub label: String,
    pub prefixes: Vec<String>,
}

impl ActorSpec {
    /// Resolves a name through `aliases`, else takes it as a code prefix.
    pub fn resolve(text: &str, aliases: &Aliases) -> Result<ActorSpec, StoreError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(StoreError::Query("empty actor in --dyad".into()));
        }
        let prefixes = match aliases.lookup(text) {
            Some(codes) => codes.to_vec(),
            None => vec![text.to_ascii_uppercase()],
        };
        Ok(ActorSpec {
            label: text.to_string(),
            prefixes,
        })
    }

    /// Whether an actor code belongs to this side.
    pub fn matches(&self, code: &str) -> bool {
        self.prefixes.iter().any(|p| code.starts_with(p.as_str()))
    }
}

/// A timeline's period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl FromStr for Period {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Period, StoreError> {
        match s.to_ascii_lowercase().as_str() {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            "quarter" => Ok(Period::Quarter),
            "year" => Ok(Period::Year),
            _ => Err(StoreError::Query(format!(
                "unknown period {s:?} (day, week, month, quarter or year)"
            ))),
        }
    }
}

impl Period {
    /// The coarsest period a date of this precision can be placed in exactly.
    fn of_precision(precision: Option<&str>) -> Period {
        match precision {
            Some("year") => Period::Year,
            Some("month") => Period::Month,
            _ => Period::Day,
        }
    }

    /// The label of the period containing `date`.
    pub fn label(self, date: Date) -> String {
        let y = date.year();
        match self {
            Period::Day => date.to_string(),
            Period::Week => {
                let w = date.iso_week_date();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Period::Month => format!("{y:04}-{:02}", date.month()),
            Period::Quarter => format!("{y:04}-Q{}", (date.month() - 1) / 3 + 1),
            Period::Year => format!("{y:04}"),
        }
    }
}

/// A timeline request.
#[derive(Clone, Debug)]
pub struct TimelineQuery {
    pub a: ActorSpec,
    pub b: ActorSpec,
    pub by: Period,
    /// Inclusive bounds on the event date (undated events are always reported).
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Also report B → A.
    pub both_directions: bool,
    /// Count one event per (date, source, target, code).
    pub one_a_day: bool,
}

/// One line of a timeline: a period and a direction.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineRow {
    /// The period's label ("2003", "2003-Q2", "2003-05", "2003-W18", "2003-05-01") or
    /// `undated`.
    pub period: String,
    /// `A>B` with the actors as given.
    pub direction: String,
    pub events: u64,
    /// Events per QuadClass: verbal cooperation, material cooperation, verbal conflict,
    /// material conflict.
    pub quad: [u64; 4],
    pub goldstein_sum: f64,
    pub goldstein_mean: f64,
    /// Cooperative minus conflictual events (QuadClass 1+2 minus 3+4).
    pub net_cooperation: i64,
}

/// The CSV header of [`write_csv`].
pub const CSV_HEADER: [&str; 11] = [
    "period",
    "direction",
    "events",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "goldstein_sum",
    "goldstein_mean",
    "net_cooperation",
    "undated",
];

/// Writes timeline rows as CSV (with a header).
pub fn write_csv<W: Write>(rows: &[TimelineRow], out: W) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for r in rows {
        w.write_record([
            r.period.clone(),
            r.direction.clone(),
            r.events.to_string(),
            r.quad[0].to_string(),
            r.quad[1].to_string(),
            r.quad[2].to_string(),
            r.quad[3].to_string(),
            format!("{:.2}", r.goldstein_sum),
            format!("{:.3}", r.goldstein_mean),
            r.net_cooperation.to_string(),
            (r.period == UNDATED).to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// The period label of undated events.
pub const UNDATED: &str = "undated";

/// An event as a timeline sees it.
struct Row {
    date: Option<String>,
    precision: Option<String>,
    source: String,
    target: String,
    code: String,
    quad: u8,
    goldstein: f64,
}

/// `(x LIKE 'P%' OR ...)` for a side's prefixes, adding the patterns to `params`.
fn like_clause(column: &str, side: &ActorSpec, params: &mut Vec<String>) -> String {
    let parts: Vec<String> = side
        .prefixes
        .iter()
        .map(|p| {
            let escaped = p
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            params.push(format!("{escaped}%"));
            format!("{column} LIKE ?{} ESCAPE '\\'", params.len())
        })
        .collect();
    format!("({})", parts.join(" OR "))
}

impl Store {
    /// The timeline of a dyad: rows ordered by period (undated last), then direction.
    pub fn timeline(&self, q: &TimelineQuery) -> Result<Vec<TimelineRow>, StoreError> {
        let mut params = Vec::new();
        let ab = format!(
            "{} AND {}",
            like_clause("e.source", &q.a, &mut params),
            like_clause("e.target", &q.b, &mut params)
        );
        let mut sql = format!(
            "SELECT COALESCE(e.date, d.pub_date),
                    CASE WHEN e.date IS NULL THEN 'day' ELSE e.date_precision END,
                    e.source, e.target, e.code, e.quad_class, e.goldstein
             FROM events e LEFT JOIN documents d ON d.doc = e.doc
             WHERE e.target IS NOT NULL AND (({ab})"
        );
        if q.both_directions {
            let ba = format!(
                "{} AND {}",
                like_clause("e.source", &q.b, &mut params),
                like_clause("e.target", &q.a, &mut params)
            );
            sql.push_str(&format!(" OR ({ba})"));
        }
        // Input order, so one-a-day keeps the same event a stored run would.
        sql.push_str(") ORDER BY e.doc, e.sentence, e.event");
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok(Row {
                    date: r.get(0)?,
                    precision: r.get(1)?,
                    source: r.get(2)?,
                    target: r.get(3)?,
                    code: r.get(4)?,
                    quad: r.get(5)?,
                    goldstein: r.get(6)?,
                })
            })
            .map_err(|e| self.err(e))?;
        let dir_ab = format!("{}>{}", q.a.label, q.b.label);
        let dir_ba = format!("{}>{}", q.b.label, q.a.label);
        let mut seen: HashSet<(String, String, String, String)> = HashSet::new();
        // Key: (undated last, period label, direction index).
        let mut agg: BTreeMap<(bool, String, u8), TimelineRow> = BTreeMap::new();
        for row in rows {
            let row = row.map_err(|e| self.err(e))?;
            let dir = if q.a.matches(&row.source) && q.b.matches(&row.target) {
                0
            } else if q.both_directions && q.b.matches(&row.source) && q.a.matches(&row.target) {
                1
            } else {
                continue;
            };
            let date = row.date.as_deref().and_then(|d| d.parse::<Date>().ok());
            if let Some(d) = date {
                if q.from.is_some_and(|f| d < f) || q.to.is_some_and(|t| d > t) {
                    continue;
                }
                if q.one_a_day
                    && !seen.insert((
                        d.to_string(),
                        row.source.clone(),
                        row.target.clone(),
                        row.code.clone(),
                    ))
                {
                    continue;
                }
            }
            let period = match date {
                Some(d) => {
                    q.by.max(Period::of_precision(row.precision.as_deref()))
                        .label(d)
                }
                None => UNDATED.to_string(),
            };
            let entry = agg
                .entry((date.is_none(), period.clone(), dir))
                .or_insert_with(|| TimelineRow {
                    period,
                    direction: if dir == 0 {
                        dir_ab.clone()
                    } else {
                        dir_ba.clone()
                    },
                    events: 0,
                    quad: [0; 4],
                    goldstein_sum: 0.0,
                    goldstein_mean: 0.0,
                    net_cooperation: 0,
                });
            entry.events += 1;
            if (1..=4).contains(&row.quad) {
                entry.quad[usize::from(row.quad - 1)] += 1;
            }
            entry.goldstein_sum += row.goldstein;
        }
        Ok(agg
            .into_values()
            .map(|mut r| {
                r.goldstein_mean = r.goldstein_sum / r.events.max(1) as f64;
                r.net_cooperation = (r.quad[0] + r.quad[1]) as i64 - (r.quad[2] + r.quad[3]) as i64;
                r
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_aliases_parse_and_resolve_names() {
        let aliases = Aliases::parse(SHIPPED_ALIASES).expect("shipped aliases parse");
        let nato = ActorSpec::resolve("nato", &aliases).expect("resolves");
        assert!(nato.matches("IGOWSTNAT"));
        let rus = ActorSpec::resolve("RUS", &aliases).expect("resolves");
        assert!(rus.matches("RUSGOV") && rus.matches("RUSMIL") && !rus.matches("USA"));
    }

    #[test]
    fn alias_errors_name_the_line() {
        let err = Aliases::parse("# c\nRussia = RUS\nbroken line\n").unwrap_err();
        assert_eq!(err.0, 3);
    }

    #[test]
    fn period_labels() {
        let d: Date = "2003-05-01".parse().expect("date");
        assert_eq!(Period::Day.label(d), "2003-05-01");
        assert_eq!(Period::Week.label(d), "2003-W18");
        assert_eq!(Period::Month.label(d), "2003-05");
        assert_eq!(Period::Quarter.label(d), "2003-Q2");
        assert_eq!(Period::Year.label(d), "2003");
        // 2005-01-01 belongs to ISO week 53 of 2004.
        let d: Date = "2005-01-01".parse().expect("date");
        assert_eq!(Period::Week.label(d), "2004-W53");
    }
}
