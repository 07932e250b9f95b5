//! Parquet files of events, documents and quotes (schema in `docs/outputs.md`).
//!
//! Rows are gathered in Arrow builders and written as a row group every [`ROW_GROUP`] rows,
//! zstd-compressed. Column types are chosen so that pandas/pyarrow and DuckDB read them
//! without extensions: strings, unsigned integers, floats, `date32` and lists of strings;
//! the optional location is flattened into four nullable columns.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float32Builder, Float64Builder, ListBuilder, StringBuilder,
    UInt32Builder, UInt64Builder, UInt8Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use crate::gdelt::ymd;
use crate::records::{DocumentRecord, EventRecord, QuoteRecord};
use crate::OutError;

/// Rows per row group: large enough for good compression, small enough to bound memory.
pub const ROW_GROUP: usize = 65_536;

fn list_of_strings() -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
}

/// The schema of `events.parquet`.
pub fn events_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("doc", DataType::Utf8, false),
        Field::new("event", DataType::Utf8, false),
        Field::new("date", DataType::Date32, true),
        Field::new("date_precision", DataType::Utf8, true),
        Field::new("source", DataType::Utf8, false),
        Field::new("target", DataType::Utf8, true),
        Field::new("code", DataType::Utf8, false),
        Field::new("root", DataType::Utf8, false),
        Field::new("quad_class", DataType::UInt8, false),
        Field::new("goldstein", DataType::Float32, false),
        Field::new("plover", DataType::Utf8, true),
        Field::new("plover_mode", DataType::Utf8, true),
        Field::new("issues", list_of_strings(), false),
        Field::new("sentence", DataType::UInt32, false),
        Field::new("start", DataType::UInt32, false),
        Field::new("end", DataType::UInt32, false),
        Field::new("text", DataType::Utf8, false),
        Field::new("rule", DataType::Utf8, false),
        Field::new("location_name", DataType::Utf8, true),
        Field::new("location_country", DataType::Utf8, true),
        Field::new("location_lat", DataType::Float64, true),
        Field::new("location_lon", DataType::Float64, true),
        Field::new("source_name", DataType::Utf8, true),
        Field::new("target_name", DataType::Utf8, true),
        Field::new("reports", DataType::UInt32, false),
        Field::new("evidence", list_of_strings(), false),
    ]))
}

/// The schema of `documents.parquet`.
pub fn documents_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("doc", DataType::Utf8, false),
        Field::new("status", DataType::Utf8, false),
        Field::new("reason", DataType::Utf8, true),
        Field::new("headline", DataType::Utf8, true),
        Field::new("pub_date", DataType::Date32, true),
        Field::new("dateline", DataType::Utf8, true),
        Field::new("source", DataType::Utf8, true),
        Field::new("url", DataType::Utf8, true),
        Field::new("origin", DataType::Utf8, false),
        Field::new("encoding", DataType::Utf8, true),
        Field::new("text", DataType::Utf8, true),
        Field::new("sentences", DataType::UInt64, false),
        Field::new("events", DataType::UInt64, false),
        Field::new("quotes", DataType::UInt64, false),
    ]))
}

/// The schema of `quotes.parquet`.
pub fn quotes_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("doc", DataType::Utf8, false),
        Field::new("quote", DataType::Utf8, false),
        Field::new("text", DataType::Utf8, false),
        Field::new("start", DataType::UInt32, false),
        Field::new("end", DataType::UInt32, false),
        Field::new("speaker", DataType::Utf8, true),
        Field::new("speaker_code", DataType::Utf8, true),
        Field::new("fragment", DataType::Boolean, false),
        Field::new("rule", DataType::Utf8, false),
    ]))
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` string (Hinnant's days-from-civil).
pub fn date32(date: &str) -> Option<i32> {
    let (y, m, d) = ymd(date)?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// A Parquet file fed one row at a time.
struct Table<B> {
    path: PathBuf,
    schema: SchemaRef,
    writer: ArrowWriter<File>,
    builders: B,
    rows: usize,
}

trait Builders: Default {
    fn finish(&mut self) -> Vec<ArrayRef>;
}

impl<B: Builders> Table<B> {
    fn create(path: &Path, schema: SchemaRef) -> Result<Table<B>, OutError> {
        let file = File::create(path).map_err(|source| OutError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_max_row_group_size(ROW_GROUP)
            .build();
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(props))
            .map_err(|source| parquet_error(path, source))?;
        Ok(Table {
            path: path.to_path_buf(),
            schema,
            writer,
            builders: B::default(),
            rows: 0,
        })
    }

    /// Call after each row appended to `builders`.
    fn row_added(&mut self) -> Result<(), OutError> {
        self.rows += 1;
        if self.rows >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), OutError> {
        if self.rows == 0 {
            return Ok(());
        }
        let columns = self.builders.finish();
        let batch = RecordBatch::try_new(self.schema.clone(), columns).map_err(|source| {
            OutError::Arrow {
                path: self.path.clone(),
                source,
            }
        })?;
        self.writer
            .write(&batch)
            .map_err(|source| parquet_error(&self.path, source))?;
        self.rows = 0;
        Ok(())
    }

    fn finish(mut self) -> Result<(), OutError> {
        self.flush()?;
        self.writer
            .close()
            .map_err(|source| parquet_error(&self.path, source))?;
        Ok(())
    }
}

fn parquet_error(path: &Path, source: parquet::errors::ParquetError) -> OutError {
    OutError::Parquet {
        path: path.to_path_buf(),
        source,
    }
}

#[derive(Default)]
struct EventBuilders {
    doc: StringBuilder,
    event: StringBuilder,
    date: Date32Builder,
    date_precision: StringBuilder,
    source: StringBuilder,
    target: StringBuilder,
    code: StringBuilder,
    root: StringBuilder,
    quad_class: UInt8Builder,
    goldstein: Float32Builder,
    plover: StringBuilder,
    plover_mode: StringBuilder,
    issues: ListBuilder<StringBuilder>,
    sentence: UInt32Builder,
    start: UInt32Builder,
    end: UInt32Builder,
    text: StringBuilder,
    rule: StringBuilder,
    location_name: StringBuilder,
    location_country: StringBuilder,
    location_lat: Float64Builder,
    location_lon: Float64Builder,
    source_name: StringBuilder,
    target_name: StringBuilder,
    reports: UInt32Builder,
    evidence: ListBuilder<StringBuilder>,
}

impl Builders for EventBuilders {
    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.doc.finish()),
            Arc::new(self.event.finish()),
            Arc::new(self.date.finish()),
            Arc::new(self.date_precision.finish()),
            Arc::new(self.source.finish()),
            Arc::new(self.target.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.root.finish()),
            Arc::new(self.quad_class.finish()),
            Arc::new(self.goldstein.finish()),
            Arc::new(self.plover.finish()),
            Arc::new(self.plover_mode.finish()),
            Arc::new(self.issues.finish()),
            Arc::new(self.sentence.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.rule.finish()),
            Arc::new(self.location_name.finish()),
            Arc::new(self.location_country.finish()),
            Arc::new(self.location_lat.finish()),
            Arc::new(self.location_lon.finish()),
            Arc::new(self.source_name.finish()),
            Arc::new(self.target_name.finish()),
            Arc::new(self.reports.finish()),
            Arc::new(self.evidence.finish()),
        ]
    }
}

#[derive(Default)]
struct DocumentBuilders {
    doc: StringBuilder,
    status: StringBuilder,
    reason: StringBuilder,
    headline: StringBuilder,
    pub_date: Date32Builder,
    dateline: StringBuilder,
    source: StringBuilder,
    url: StringBuilder,
    origin: StringBuilder,
    encoding: StringBuilder,
    text: StringBuilder,
    sentences: UInt64Builder,
    events: UInt64Builder,
    quotes: UInt64Builder,
}

impl Builders for DocumentBuilders {
    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.doc.finish()),
            Arc::new(self.status.finish()),
            Arc::new(self.reason.finish()),
            Arc::new(self.headline.finish()),
            Arc::new(self.pub_date.finish()),
            Arc::new(self.dateline.finish()),
            Arc::new(self.source.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.origin.finish()),
            Arc::new(self.encoding.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.sentences.finish()),
            Arc::new(self.events.finish()),
            Arc::new(self.quotes.finish()),
        ]
    }
}

#[derive(Default)]
struct QuoteBuilders {
    doc: StringBuilder,
    quote: StringBuilder,
    text: StringBuilder,
    start: UInt32Builder,
    end: UInt32Builder,
    speaker: StringBuilder,
    speaker_code: StringBuilder,
    fragment: BooleanBuilder,
    rule: StringBuilder,
}

impl Builders for QuoteBuilders {
    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.doc.finish()),
            Arc::new(self.quote.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.speaker.finish()),
            Arc::new(self.speaker_code.finish()),
            Arc::new(self.fragment.finish()),
            Arc::new(self.rule.finish()),
        ]
    }
}

/// `events.parquet`, `documents.parquet` and `quotes.parquet` in one directory.
pub struct ParquetFiles {
    events: Table<EventBuilders>,
    documents: Table<DocumentBuilders>,
    quotes: Table<QuoteBuilders>,
}

impl ParquetFiles {
    /// Creates the three files in `dir`.
    pub fn create(dir: &Path) -> Result<ParquetFiles, OutError> {
        Ok(ParquetFiles {
            events: Table::create(&dir.join("events.parquet"), events_schema())?,
            documents: Table::create(&dir.join("documents.parquet"), documents_schema())?,
            quotes: Table::create(&dir.join("quotes.parquet"), quotes_schema())?,
        })
    }

    /// Adds one event row.
    pub fn write_event(&mut self, e: &EventRecord) -> Result<(), OutError> {
        let b = &mut self.events.builders;
        b.doc.append_value(&e.doc);
        b.event.append_value(&e.event);
        b.date.append_option(e.date.as_deref().and_then(date32));
        b.date_precision.append_option(e.date_precision.as_deref());
        b.source.append_value(&e.source);
        b.target.append_option(e.target.as_deref());
        b.code.append_value(&e.code);
        b.root.append_value(&e.root);
        b.quad_class.append_value(e.quad_class);
        b.goldstein.append_value(e.goldstein);
        b.plover.append_option(e.plover.as_deref());
        b.plover_mode.append_option(e.plover_mode.as_deref());
        for issue in &e.issues {
            b.issues.values().append_value(issue);
        }
        b.issues.append(true);
        b.sentence.append_value(e.sentence);
        b.start.append_value(e.start);
        b.end.append_value(e.end);
        b.text.append_value(&e.text);
        b.rule.append_value(&e.rule);
        let loc = e.location.as_ref();
        b.location_name.append_option(loc.map(|l| l.name.as_str()));
        b.location_country
            .append_option(loc.map(|l| l.country.as_str()));
        b.location_lat.append_option(loc.map(|l| l.lat));
        b.location_lon.append_option(loc.map(|l| l.lon));
        b.source_name.append_option(e.source_name.as_deref());
        b.target_name.append_option(e.target_name.as_deref());
        b.reports.append_value(e.reports.unwrap_or(1));
        match &e.evidence {
            Some(ids) => {
                for id in ids {
                    b.evidence.values().append_value(id);
                }
            }
            None => b.evidence.values().append_value(&e.event),
        }
        b.evidence.append(true);
        self.events.row_added()
    }

    /// Adds one document row.
    pub fn write_document(&mut self, d: &DocumentRecord) -> Result<(), OutError> {
        let b = &mut self.documents.builders;
        b.doc.append_value(&d.doc);
        b.status.append_value(&d.status);
        b.reason.append_option(d.reason.as_deref());
        b.headline.append_option(d.headline.as_deref());
        b.pub_date
            .append_option(d.pub_date.as_deref().and_then(date32));
        b.dateline.append_option(d.dateline.as_deref());
        b.source.append_option(d.source.as_deref());
        b.url.append_option(d.url.as_deref());
        b.origin.append_value(&d.origin);
        b.encoding.append_option(d.encoding.as_deref());
        b.text.append_option(d.text.as_deref());
        b.sentences.append_value(d.sentences as u64);
        b.events.append_value(d.events as u64);
        b.quotes.append_value(d.quotes as u64);
        self.documents.row_added()
    }

    /// Adds one quote row.
    pub fn write_quote(&mut self, q: &QuoteRecord) -> Result<(), OutError> {
        let b = &mut self.quotes.builders;
        b.doc.append_value(&q.doc);
        b.quote.append_value(&q.quote);
        b.text.append_value(&q.text);
        b.start.append_value(q.start);
        b.end.append_value(q.end);
        b.speaker.append_option(q.speaker.as_deref());
        b.speaker_code.append_option(q.speaker_code.as_deref());
        b.fragment.append_value(q.fragment);
        b.rule.append_value(&q.rule);
        self.quotes.row_added()
    }

    /// Writes the last row groups and the files' footers.
    pub fn finish(self) -> Result<(), OutError> {
        self.events.finish()?;
        self.documents.finish()?;
        self.quotes.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::date32;

    #[test]
    fn date32_counts_days_from_the_epoch() {
        assert_eq!(date32("1970-01-01"), Some(0));
        assert_eq!(date32("2000-03-01"), Some(11_017));
        assert_eq!(date32("1969-12-31"), Some(-1));
        assert_eq!(date32("2003-13-01"), None);
        assert_eq!(date32("garbage"), None);
    }
}
