//! Places: the shipped gazetteer, and place names in a document resolved to a country and
//! coordinates.
//!
//! The gazetteer (`dictionaries/gazetteer.tsv.gz`, built from GeoNames by
//! `tools/gazetteer/build.py`) holds countries, their capitals, US states and cities of at
//! least 15,000 people, with alternate spellings. Two editable text files go with it:
//! `dictionaries/gazetteer-aliases.txt` (news spellings such as "U.S." or "Britain") and
//! `dictionaries/gazetteer-words.txt` (locative words, headline function words, and place names
//! that are also common words). All three are embedded as the shipped default.
//!
//! Finding places: every spelling, case-sensitively, at the text's word starts (spellings are
//! bucketed by their leading run of letters and digits; the longest that the text continues
//! with wins, as in a leftmost-longest automaton), then guards against names that are part of a longer proper name ("George Washington", "Moscow
//! Times"), against common words ("Split", "Reading") and against small towns named outside a
//! locative context. Ambiguous names are resolved by a population and kind prior plus the
//! story's other places (countries and US states), and an explicit qualifier ("Paris,
//! Texas", "the U.S. state of Georgia") overrides both. The reason is kept in
//! [`Place::evidence`].

mod data;
mod names;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

use dyad_doc::{Document, Location, Place, Span};
use names::{NameIndex, Spellings, SpellingsBuilder};

pub use data::Words;

/// The shipped gazetteer, gzip-compressed TSV.
const SHIPPED_TSV_GZ: &[u8] = include_bytes!("../../../dictionaries/gazetteer.tsv.gz");
/// The shipped alias list.
const SHIPPED_ALIASES: &str = include_str!("../../../dictionaries/gazetteer-aliases.txt");
/// The shipped context words.
const SHIPPED_WORDS: &str = include_str!("../../../dictionaries/gazetteer-words.txt");

/// Cities smaller than this are taken only in a locative context, as a dateline or with a
/// qualifier: the long tail of town names collides with ordinary capitalised words.
const SMALL_TOWN: u64 = 100_000;

/// Why a gazetteer could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    /// A line of a data file is malformed.
    #[error("{file}:{line}: {msg}")]
    Format {
        file: String,
        line: usize,
        msg: String,
    },
    /// A file could not be read or decompressed.
    #[error("{file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
}

/// What kind of place a gazetteer entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    Country,
    /// A country's capital city.
    Capital,
    /// A US state.
    State,
    City,
}

impl PlaceKind {
    fn parse(s: &str) -> Option<PlaceKind> {
        Some(match s {
            "country" => PlaceKind::Country,
            "capital" => PlaceKind::Capital,
            "state" => PlaceKind::State,
            "city" => PlaceKind::City,
            _ => return None,
        })
    }

    /// The lower-case name used in data files and evidence.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Capital => "capital",
            PlaceKind::State => "state",
            PlaceKind::City => "city",
        }
    }
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub kind: PlaceKind,
    /// The GeoNames name ("Moscow", "United States").
    pub name: String,
    /// ISO 3166-1 alpha-3 country code.
    pub country: String,
    /// The US state code for US states and cities, else empty.
    pub admin1: String,
    pub lat: f64,
    pub lon: f64,
    /// Population (0 where GeoNames gives none, as for US states here).
    pub population: u64,
}

impl Entry {
    /// The location this entry stands for.
    pub fn location(&self) -> Location {
        Location {
            name: self.name.clone(),
            country: self.country.clone(),
            lat: self.lat,
            lon: self.lon,
        }
    }

    /// The context-free score of this reading: log population plus a bonus for the kinds of
    /// place news names most (a country over a same-named town, a capital over a state).
    fn prior(&self) -> f64 {
        let pop = match self.kind {
            // No population in the source data; a typical state's.
            PlaceKind::State => 3_000_000.0,
            _ => (self.population.max(1000)) as f64,
        };
        let bonus = match self.kind {
            PlaceKind::Country => 3.0,
            PlaceKind::Capital => 2.5,
            PlaceKind::State => 1.0,
            PlaceKind::City => 0.0,
        };
        pop.log10() + bonus
    }

    fn describe(&self) -> String {
        match self.kind {
            PlaceKind::Country => format!("country {}", self.country),
            PlaceKind::Capital => format!("capital of {}", self.country),
            PlaceKind::State => format!("US state {}", self.admin1),
            PlaceKind::City if self.admin1.is_empty() => format!("city in {}", self.country),
            PlaceKind::City => format!("city in {}-{}", self.country, self.admin1),
        }
    }
}

/// A compiled gazetteer: entries, every spelling of them, and the finder over those
/// spellings.
///
/// [`Gazetteer::shipped`] returns at once and builds the tables on a thread of their own, so
/// that a program's other start-up work (dictionaries, coder) runs meanwhile: call it before
/// that work. The first call that needs the tables waits for the build.
#[derive(Debug, Default)]
pub struct Gazetteer {
    ready: OnceLock<Tables>,
    building: Mutex<Option<JoinHandle<Tables>>>,
}

impl Gazetteer {
    /// The gazetteer shipped with dyad (embedded in the binary), built in the background.
    ///
    /// The embedded data are checked by this crate's tests; should they ever fail to load, the
    /// result is an empty gazetteer that finds no places rather than a crash.
    pub fn shipped() -> Gazetteer {
        let build = || Tables::shipped().unwrap_or_default();
        match std::thread::Builder::new()
            .name("gazetteer".into())
            .spawn(build)
        {
            Ok(handle) => Gazetteer {
                ready: OnceLock::new(),
                building: Mutex::new(Some(handle)),
            },
            // No thread to be had: build here.
            Err(_) => Gazetteer::ready(build()),
        }
    }

    /// The shipped gazetteer, or why it could not be loaded (built on this thread).
    pub fn try_shipped() -> Result<Gazetteer, GeoError> {
        Tables::shipped().map(Gazetteer::ready)
    }

    /// Loads a replacement gazetteer TSV (gzip-compressed or plain) with the shipped aliases
    /// and context words.
    pub fn load(path: &Path) -> Result<Gazetteer, GeoError> {
        Tables::load(path).map(Gazetteer::ready)
    }

    /// Builds a gazetteer from the text of its three files (see the crate docs for formats).
    pub fn from_parts(tsv: &str, aliases: &str, words: &str) -> Result<Gazetteer, GeoError> {
        Tables::from_parts(tsv, aliases, words).map(Gazetteer::ready)
    }

    fn ready(tables: Tables) -> Gazetteer {
        Gazetteer {
            ready: OnceLock::from(tables),
            building: Mutex::new(None),
        }
    }

    /// The tables, waiting for the background build the first time.
    fn tables(&self) -> &Tables {
        self.ready.get_or_init(|| {
            let handle = self
                .building
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take();
            // A build that panicked (a bug) leaves an empty gazetteer, as a failed load does.
            handle.and_then(|h| h.join().ok()).unwrap_or_default()
        })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.tables().entries.len()
    }

    /// True when the gazetteer has no entries.
    pub fn is_empty(&self) -> bool {
        self.tables().entries.is_empty()
    }

    /// Every reading of a spelling (case-insensitive), most likely first by the prior alone.
    pub fn lookup(&self, name: &str) -> Vec<&Entry> {
        self.tables().lookup(name)
    }

    /// Resolves a free-standing place string such as a dateline ("BRUSSELS, Belgium",
    /// "Paris, Texas", "Moscow"): the first comma-separated part is the place, a later part
    /// that names a country or US state qualifies it.
    pub fn resolve(&self, text: &str) -> Option<(Location, String)> {
        self.tables().resolve(text)
    }

    /// Fills `doc.places`: the dateline (from `doc.meta.dateline`, else a "CITY, Country --"
    /// opening of the story) and places named in the text, in text order.
    pub fn locate(&self, doc: &mut Document) {
        self.tables().locate(doc)
    }

    /// Sets each event's `location`: the place named with a locative word ("in", "at",
    /// "near"…) in the event's sentence — the one nearest the event's verb when there are
    /// several — else the dateline. Uses `doc.places`, so run [`Gazetteer::locate`] first.
    pub fn locate_events(&self, doc: &mut Document) {
        self.tables().locate_events(doc)
    }
}

/// The built gazetteer.
#[derive(Debug, Default)]
struct Tables {
    entries: Vec<Entry>,
    /// Every spelling with its readings (indices into `entries`), looked up case-insensitively
    /// too (datelines are often in capitals).
    spellings: Spellings,
    /// Finds the spellings in text.
    index: NameIndex,
    words: Words,
}

impl Tables {
    fn shipped() -> Result<Tables, GeoError> {
        let tsv = gunzip(SHIPPED_TSV_GZ, "gazetteer.tsv.gz")?;
        Tables::from_parts(&tsv, SHIPPED_ALIASES, SHIPPED_WORDS)
    }

    fn load(path: &Path) -> Result<Tables, GeoError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| GeoError::Io {
            file: file.clone(),
            source,
        })?;
        let tsv = if bytes.starts_with(&[0x1f, 0x8b]) {
            gunzip(&bytes, &file)?
        } else {
            String::from_utf8(bytes).map_err(|e| GeoError::Io {
                file: file.clone(),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            })?
        };
        Tables::from_parts(&tsv, SHIPPED_ALIASES, SHIPPED_WORDS)
    }

    fn from_parts(tsv: &str, aliases: &str, words: &str) -> Result<Tables, GeoError> {
        let mut g = Tables {
            words: Words::parse(words)?,
            ..Tables::default()
        };
        // Borrows the input text while reading, so no copy per spelling until the end.
        // About two spellings per line of the shipped file.
        let mut spellings = SpellingsBuilder::with_capacity(tsv.len() / 50);
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let entry_id = g.entries.len() as u32;
            let (entry, alternates) = data::parse_entry(line).map_err(|msg| GeoError::Format {
                file: "gazetteer.tsv".into(),
                line: n + 1,
                msg,
            })?;
            // The name as it stands in the line (borrowed, like the alternates).
            let name = line.split('\t').nth(1).unwrap_or_default();
            spellings.add(name, entry_id);
            for alt in alternates.split('|').filter(|a| !a.is_empty()) {
                spellings.add(alt, entry_id);
            }
            g.entries.push(entry);
        }
        for (n, line) in aliases.lines().enumerate() {
            let line = line.trim_end();
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let bad = |msg: &str| GeoError::Format {
                file: "gazetteer-aliases.txt".into(),
                line: n + 1,
                msg: msg.to_string(),
            };
            let [alias, name, iso3] = fields[..] else {
                return Err(bad("expected alias<TAB>name<TAB>ISO3"));
            };
            let target = g
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.name == name && e.country == iso3)
                .min_by_key(|(_, e)| kind_rank(e.kind))
                .map(|(i, _)| i as u32)
                .ok_or_else(|| bad(&format!("no gazetteer entry {name} ({iso3})")))?;
            spellings.add(alias, target);
        }
        // The finder and the spelling tables are independent: build them side by side.
        let names = spellings.names().to_vec();
        let build_index = || NameIndex::build(names.iter().copied());
        (g.index, g.spellings) = std::thread::scope(|scope| {
            let index = scope.spawn(build_index);
            let spellings = spellings.finish();
            // A panic in the helper would be a bug; build the finder here instead.
            (index.join().unwrap_or_else(|_| build_index()), spellings)
        });
        Ok(g)
    }

    fn lookup(&self, name: &str) -> Vec<&Entry> {
        let mut out: Vec<&Entry> = self
            .spellings
            .by_lower(&name.trim().to_lowercase())
            .map(|slot| {
                self.spellings
                    .readings(slot)
                    .iter()
                    .map(|&i| &self.entries[i as usize])
                    .collect()
            })
            .unwrap_or_default();
        out.sort_by(|a, b| b.prior().total_cmp(&a.prior()));
        out
    }

    fn resolve(&self, text: &str) -> Option<(Location, String)> {
        let mut parts = text.split(',').map(str::trim).filter(|p| !p.is_empty());
        let head = parts.next()?;
        let slot = self.spellings.by_lower(&head.to_lowercase())?;
        let qualifier = parts.find_map(|p| self.qualifier_of(p));
        let readings = self.spellings.readings(slot);
        let ctx = Context::default();
        let (entry, why) = self.choose(readings, qualifier.as_ref(), &ctx, true)?;
        let e = &self.entries[entry as usize];
        Some((e.location(), format!("{head}: {why}")))
    }

    /// What a qualifier string names: a country (ISO3) or a US state (code).
    fn qualifier_of(&self, s: &str) -> Option<Qualifier> {
        let slot = self.spellings.by_lower(&s.trim().to_lowercase())?;
        self.spellings
            .readings(slot)
            .iter()
            .map(|&i| &self.entries[i as usize])
            .filter(|e| matches!(e.kind, PlaceKind::Country | PlaceKind::State))
            .min_by_key(|e| kind_rank(e.kind))
            .map(|e| match e.kind {
                PlaceKind::State => Qualifier::State(e.admin1.clone()),
                _ => Qualifier::Country(e.country.clone()),
            })
    }

    /// Picks the best reading; returns it with the reason.
    fn choose(
        &self,
        readings: &[u32],
        qualifier: Option<&Qualifier>,
        ctx: &Context,
        allow_small: bool,
    ) -> Option<(u32, String)> {
        let (i, considered) = self.pick(readings, qualifier, ctx, allow_small)?;
        Some((i, self.reasons(i, considered, qualifier, ctx, None)))
    }

    /// The best reading and how many readings were considered (`choose` without the reasons).
    fn pick(
        &self,
        readings: &[u32],
        qualifier: Option<&Qualifier>,
        ctx: &Context,
        allow_small: bool,
    ) -> Option<(u32, usize)> {
        // Scores first, reasons for the winner only: most readings lose, and writing their
        // reasons was a large part of this stage's time.
        let mut best: Option<(f64, u32)> = None;
        let mut considered = 0;
        for &i in readings {
            let e = &self.entries[i as usize];
            if !allow_small && e.kind == PlaceKind::City && e.population < SMALL_TOWN {
                continue;
            }
            considered += 1;
            let score = self.score(e, qualifier, ctx, None, None);
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| (i, considered))
    }

    /// Why reading `i` was picked by `pick` (with `considered` readings), as `choose` says.
    /// `names` is, when given, how many names placed the story in the reading's country when
    /// it was picked (`None` inside: none did); without it the context says.
    fn reasons(
        &self,
        i: u32,
        considered: usize,
        qualifier: Option<&Qualifier>,
        ctx: &Context,
        names: Option<Option<usize>>,
    ) -> String {
        use std::fmt::Write as _;
        let e = &self.entries[i as usize];
        // One buffer, reasons separated by "; " (writing to a `String` cannot fail).
        let mut why = e.describe();
        self.score(e, qualifier, ctx, Some(&mut why), names);
        if considered > 1 {
            let _ = write!(why, "; best of {considered} readings");
        }
        if e.population > 0 {
            let _ = write!(why, "; pop {}", e.population);
        }
        why
    }

    /// A reading's score; when `why` is given, its reasons are appended to it, each after "; ".
    fn score(
        &self,
        e: &Entry,
        qualifier: Option<&Qualifier>,
        ctx: &Context,
        mut why: Option<&mut String>,
        names: Option<Option<usize>>,
    ) -> f64 {
        // Each reason is appended after "; " (writing to a `String` cannot fail).
        let mut note = |a: std::fmt::Arguments| {
            if let Some(w) = why.as_deref_mut() {
                w.push_str("; ");
                let _ = std::fmt::Write::write_fmt(w, a);
            }
        };
        let mut score = e.prior();
        {
            match qualifier {
                Some(Qualifier::Country(c)) if *c == e.country => {
                    score += 50.0;
                    note(format_args!("qualified by {c}"));
                }
                Some(Qualifier::State(s)) if *s == e.admin1 && e.country == "USA" => {
                    score += 50.0;
                    note(format_args!("qualified by US state {s}"));
                }
                Some(Qualifier::StateKind) if e.kind == PlaceKind::State => {
                    score += 50.0;
                    note(format_args!("named as a state"));
                }
                _ => {}
            }
            let names = names.unwrap_or_else(|| ctx.countries.get(&e.country).map(Vec::len));
            if let Some(n) = names {
                score += 2.0;
                note(format_args!("story names {} ({n} names)", e.country));
            }
            if !e.admin1.is_empty() && ctx.states.contains(&e.admin1) {
                score += 3.0;
                note(format_args!("story names US state {}", e.admin1));
            }
            if ctx.dateline_country.as_deref() == Some(e.country.as_str()) {
                score += 1.0;
                note(format_args!("dateline in {}", e.country));
            }
        }
        score
    }

    fn locate(&self, doc: &mut Document) {
        doc.places.clear();
        let dateline = self.dateline_place(doc);
        let mut ctx = Context::default();
        if let Some(p) = &dateline {
            ctx.dateline_country = Some(p.location.country.clone());
        }
        let hits = self.find_hits(doc, dateline.as_ref().map(|p| p.span));
        // First pass: places whose readings all lie in one country (or one US state) give
        // the story's context; the second pass resolves everything against it.
        for h in &hits {
            let readings = self.spellings.readings(h.slot);
            let Some(first) = readings.first().map(|&i| &self.entries[i as usize]) else {
                continue;
            };
            let all =
                |f: &dyn Fn(&Entry) -> bool| readings.iter().all(|&i| f(&self.entries[i as usize]));
            if all(&|e| e.country == first.country) {
                ctx.add_name(&first.country, h.slot);
                if !first.admin1.is_empty() && all(&|e| e.admin1 == first.admin1) {
                    ctx.states.insert(first.admin1.clone());
                }
            }
        }
        if let Some(p) = &dateline {
            ctx.countries
                .entry(p.location.country.clone())
                .or_default()
                .push(DATELINE_SLOT);
        }
        let mut chosen = Vec::with_capacity(hits.len());
        for h in hits {
            let readings = self.spellings.readings(h.slot);
            let allow_small = h.locative || h.qualifier.is_some();
            if let Some((i, considered)) =
                self.pick(readings, h.qualifier.as_ref(), &ctx, allow_small)
            {
                // The reasons are written only for the places kept below, against the context
                // as it is now (it grows next): what they read of it that changes is noted.
                let names = ctx
                    .countries
                    .get(&self.entries[i as usize].country)
                    .map(Vec::len);
                chosen.push((h, i, considered, names));
            }
        }
        // Places read with confidence (in a locative context, qualified, or not a town) also
        // place the story, so "sent to Kandahar and Herat" supports Herat.
        for (h, i, _, _) in &chosen {
            let e = &self.entries[*i as usize];
            if h.locative || h.qualifier.is_some() || e.kind != PlaceKind::City {
                ctx.add_name(&e.country, h.slot);
            }
        }
        let mut places: Vec<Place> = dateline.into_iter().collect();
        for (h, i, considered, names) in chosen {
            let entry = &self.entries[i as usize];
            // A bare town name ("Bush was scheduled…", "Hamilton said") is a place only
            // when the story names its country some other way.
            let bare = !h.locative && h.qualifier.is_none() && entry.kind == PlaceKind::City;
            let supported = ctx
                .countries
                .get(&entry.country)
                .is_some_and(|names| names.iter().any(|&n| n != h.slot));
            if bare && !supported {
                continue;
            }
            let name = h.span.slice(&doc.text);
            let context = if h.locative { LOCATIVE } else { "" };
            let why = self.reasons(i, considered, h.qualifier.as_ref(), &ctx, Some(names));
            places.push(Place {
                span: h.span,
                sentence: doc.sentence_at(h.span.start).map(|s| s as u32),
                location: entry.location(),
                evidence: format!("{name}: {why}{context}"),
            });
        }
        places.sort_by_key(|p| p.span.start);
        doc.places = places;
    }

    fn locate_events(&self, doc: &mut Document) {
        let dateline = doc
            .places
            .iter()
            .find(|p| p.evidence.starts_with(DATELINE))
            .map(|p| p.location.clone());
        // Locative places by sentence, built once: a long document has many events and many
        // places, and scanning every place for every event grew quadratically.
        let mut by_sentence: HashMap<u32, Vec<&Place>> = HashMap::new();
        for p in &doc.places {
            if let (Some(s), true) = (p.sentence, p.evidence.ends_with(LOCATIVE)) {
                by_sentence.entry(s).or_default().push(p);
            }
        }
        for ev in &mut doc.events {
            let anchor = ev.verb.map(|v| v.start).or_else(|| {
                doc.sentences
                    .get(ev.sentence as usize)
                    .map(|s| s.span.start)
            });
            let local = by_sentence
                .get(&ev.sentence)
                .into_iter()
                .flatten()
                .min_by_key(|p| anchor.map_or(0, |a| p.span.start.abs_diff(a)));
            ev.location = local.map(|p| p.location.clone()).or(dateline.clone());
        }
    }

    /// The dateline as a place, when it resolves.
    fn dateline_place(&self, doc: &Document) -> Option<Place> {
        let (text, found) = match &doc.meta.dateline {
            Some(d) => (d.clone(), None),
            None => {
                let (d, span) = self.find_dateline(doc)?;
                (d, Some(span))
            }
        };
        let (location, why) = self.resolve(&text)?;
        let head = text.split(',').next().unwrap_or("").trim();
        let span = found
            .or_else(|| find_at_paragraph_start(doc, head))
            .unwrap_or_default();
        let sentence = if span.is_empty() {
            None
        } else {
            doc.sentence_at(span.start).map(|s| s as u32)
        };
        Some(Place {
            span,
            sentence,
            location,
            evidence: format!("{DATELINE}'{text}': {why}"),
        })
    }

    /// A dateline opening one of the story's first paragraphs: "BRUSSELS, Belgium -- …",
    /// "Moscow, 24 June 2005 (RFE/RL) -- …". Returns the place text and the span of its head.
    fn find_dateline(&self, doc: &Document) -> Option<(String, Span)> {
        for para in doc
            .paragraphs
            .iter()
            .filter(|p| Some(**p) != doc.headline)
            .take(6)
        {
            let text = para.slice(&doc.text);
            // Only a separator within the first 80 bytes counts: search no further than
            // one that would start there (a paragraph may be long).
            let mut reach = text.len().min(80 + " - ".len());
            while !text.is_char_boundary(reach) {
                reach += 1;
            }
            let cut = ["--", "—", "–", " - "]
                .iter()
                .filter_map(|sep| text[..reach].find(sep))
                .min();
            let Some(cut) = cut.filter(|&c| c <= 80) else {
                continue;
            };
            let before = text[..cut].split('(').next().unwrap_or("").trim();
            let mut parts = before.split(',').map(str::trim);
            let head = parts.next().unwrap_or("");
            if head.is_empty() || !head.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            if self.spellings.by_lower(&head.to_lowercase()).is_none() {
                continue;
            }
            let mut place = head.to_string();
            if let Some(q) = parts.next().filter(|q| self.qualifier_of(q).is_some()) {
                place.push_str(", ");
                place.push_str(q);
            }
            let start = para.start as usize + (head.as_ptr() as usize - text.as_ptr() as usize);
            return Some((place, Span::new(start, start + head.len())));
        }
        None
    }

    /// Every acceptable name occurrence in the text, in order.
    fn find_hits(&self, doc: &Document, skip: Option<Span>) -> Vec<Hit> {
        let text = doc.text.as_str();
        let mut hits: Vec<Hit> = Vec::new();
        let name_of = |slot: u32| self.spellings.name(slot);
        for (start, end, slot) in self.index.find_all(text, may_start_name, name_of) {
            let span = Span::new(start, end);
            if skip.is_some_and(|s| s.overlaps(span) && !s.is_empty()) {
                continue;
            }
            if !self.bounded(text, start, end) {
                continue;
            }
            let name = self.spellings.name(slot);
            let sent_start = doc
                .sentence_at(span.start)
                .map_or(0, |i| doc.sentences[i].span.start as usize);
            // Only the last few words matter; a bounded window keeps this linear.
            let mut from = sent_start.min(start).max(start.saturating_sub(48));
            while !text.is_char_boundary(from) {
                from += 1;
            }
            // Lower-cased once for both tests.
            let before = text[from..start].trim_end().to_lowercase();
            let locative = self.words.is_locative_lower(&before);
            let qualifier = if Words::ends_with_state_of_lower(&before) {
                Some(Qualifier::StateKind)
            } else {
                text[end..]
                    .strip_prefix(", ")
                    .and_then(|rest| self.leading_qualifier(rest))
            };
            if self.words.stop.contains(name) && !locative && qualifier.is_none() {
                continue;
            }
            hits.push(Hit {
                span,
                slot,
                locative,
                qualifier,
            });
        }
        hits
    }

    /// A country or state name opening `rest` ("Texas, where…" → TX).
    fn leading_qualifier(&self, rest: &str) -> Option<Qualifier> {
        let (_, end) = self
            .index
            .longest_at(rest, 0, |slot| self.spellings.name(slot))?;
        if !self.bounded(rest, 0, end) {
            return None;
        }
        self.qualifier_of(&rest[..end])
    }

    /// True when `text[start..end]` is a whole name, not part of a word, a hyphenated
    /// compound ("Russia-NATO", "U.S.-led") or a longer capitalised name ("George
    /// Washington", "Moscow Times").
    fn bounded(&self, text: &str, start: usize, end: usize) -> bool {
        let prev = text[..start].chars().next_back();
        let next = text[end..].chars().next();
        if prev.is_some_and(joins_before) || next.is_some_and(|c| c.is_alphanumeric() || c == '-') {
            return false;
        }
        // Names ending in a period ("U.S.") need nothing after; others may not run on into
        // an abbreviation ("St." is not "St").
        if next == Some('.')
            && text[end..]
                .chars()
                .nth(1)
                .is_some_and(char::is_alphanumeric)
        {
            return false;
        }
        if prev == Some(' ') {
            let word = last_word(&text[..start - 1]);
            // "Armenia, Belarus" or "…in Russia. Moscow said" are lists and sentence ends;
            // "Mr. Jordan", "St. Petersburg" and "George Washington" are longer names.
            let joined = match word.chars().next_back() {
                Some('.') => word.len() <= 4 || word[..word.len() - 1].contains('.'),
                Some(c) => c.is_alphanumeric(),
                None => false,
            };
            if joined && self.is_name_word(word) {
                return false;
            }
        }
        if next == Some(' ') {
            let word = first_word(&text[end + 1..]);
            // A following quotation or bracket opens something else, not the same name.
            let opens = word.starts_with(|c: char| !c.is_alphanumeric());
            if !opens && self.is_name_word(word) {
                return false;
            }
        }
        true
    }

    /// A capitalised word that is not a headline function word: part of a proper name.
    fn is_name_word(&self, word: &str) -> bool {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        w.chars().next().is_some_and(char::is_uppercase)
            && !self.words.function.contains(&w.to_lowercase())
    }
}

/// A character that, right before a name, makes it part of a longer word or compound.
fn joins_before(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '.' || c == '\''
}

/// Whether a name may start at `at`: not right after a character that joins it to what
/// comes before (the first guard of `Tables::bounded`, applied before searching).
fn may_start_name(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => true,
        Some(&b) if b.is_ascii() => !joins_before(b as char),
        Some(_) => !text[..at].chars().next_back().is_some_and(joins_before),
    }
}

/// Stands for the dateline among the names giving a story's countries.
const DATELINE_SLOT: u32 = u32::MAX;
/// Evidence prefix of the dateline place.
const DATELINE: &str = "dateline ";
/// Evidence suffix of a place named after a locative word.
const LOCATIVE: &str = "; locative";

fn kind_rank(k: PlaceKind) -> u8 {
    match k {
        PlaceKind::Country => 0,
        PlaceKind::Capital => 1,
        PlaceKind::State => 2,
        PlaceKind::City => 3,
    }
}

fn gunzip(bytes: &[u8], file: &str) -> Result<String, GeoError> {
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut out)
        .map_err(|source| GeoError::Io {
            file: file.to_string(),
            source,
        })?;
    Ok(out)
}

fn last_word(s: &str) -> &str {
    s.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("")
}

fn first_word(s: &str) -> &str {
    s.split(|c: char| c.is_whitespace()).next().unwrap_or("")
}

/// The span of `head` (case-insensitive) opening one of the first paragraphs.
fn find_at_paragraph_start(doc: &Document, head: &str) -> Option<Span> {
    if head.is_empty() {
        return None;
    }
    doc.paragraphs.iter().take(5).find_map(|p| {
        let t = p.slice(&doc.text);
        let prefix = t.get(..head.len())?;
        let after = t[head.len()..].chars().next();
        (prefix.eq_ignore_ascii_case(head) && !after.is_some_and(char::is_alphanumeric))
            .then(|| Span::new(p.start as usize, p.start as usize + head.len()))
    })
}

/// What a place name is qualified by.
#[derive(Clone, Debug, PartialEq)]
enum Qualifier {
    /// "…, Belgium": a country, ISO3.
    Country(String),
    /// "…, Texas": a US state code.
    State(String),
    /// "the state of …".
    StateKind,
}

/// The story's other places, for resolving ambiguous names.
#[derive(Debug, Default)]
struct Context {
    /// Country → the names (indices into `Tables::names`) that place the story there.
    // foldhash: looked up for every name found, never iterated (no order to keep).
    countries: names::FastMap<String, Vec<u32>>,
    states: foldhash::HashSet<String>,
    dateline_country: Option<String>,
}

impl Context {
    /// Notes that name `slot` places the story in `country` (once); the country's code is
    /// copied only the first time.
    fn add_name(&mut self, country: &str, slot: u32) {
        let names = match self.countries.get_mut(country) {
            Some(names) => names,
            None => self.countries.entry(country.to_string()).or_default(),
        };
        if !names.contains(&slot) {
            names.push(slot);
        }
    }
}

/// A name occurrence that passed the guards.
#[derive(Debug)]
struct Hit {
    span: Span,
    slot: u32,
    locative: bool,
    qualifier: Option<Qualifier>,
}

#[cfg(test)]
mod tests;
