//! One-a-day duplicate suppression, as Phoenix-style event data does it: one event per
//! (date, source, target, code), carrying the number of supporting reports and the ids of
//! the events merged into it.
//!
//! The first event seen for a key is kept (so its evidence sentence is the earliest in input
//! order). An event without its own date is dated by its story's publication date; events
//! with neither are never merged: without a date there is no "same day".

use std::collections::HashMap;

use crate::outputs::DocContext;
use crate::records::EventRecord;

type Key = (String, String, Option<String>, String);

/// Gathers events and merges same-day duplicates.
#[derive(Default)]
pub struct OneADay {
    kept: Vec<(EventRecord, DocContext)>,
    index: HashMap<Key, usize>,
    seen: usize,
}

impl OneADay {
    /// Adds an event; a duplicate of a kept event only adds to that event's evidence.
    pub fn add(&mut self, e: &EventRecord, ctx: &DocContext) {
        self.seen += 1;
        // As Phoenix does, an event without its own date counts on its story's date.
        let Some(date) = e.date.as_ref().or(ctx.pub_date.as_ref()) else {
            self.push(e, ctx);
            return;
        };
        let key = (
            date.clone(),
            e.source.clone(),
            e.target.clone(),
            e.code.clone(),
        );
        match self.index.get(&key) {
            Some(&i) => {
                let kept = &mut self.kept[i].0;
                kept.reports = Some(kept.reports.unwrap_or(1) + 1);
                kept.evidence
                    .get_or_insert_with(Vec::new)
                    .push(e.event.clone());
            }
            None => {
                self.index.insert(key, self.kept.len());
                self.push(e, ctx);
            }
        }
    }

    fn push(&mut self, e: &EventRecord, ctx: &DocContext) {
        let mut e = e.clone();
        e.reports = Some(1);
        e.evidence = Some(vec![e.event.clone()]);
        self.kept.push((e, ctx.clone()));
    }

    /// Number of events added.
    pub fn seen(&self) -> usize {
        self.seen
    }

    /// The kept events, in order of first appearance.
    pub fn into_events(self) -> Vec<(EventRecord, DocContext)> {
        self.kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, date: Option<&str>, code: &str) -> EventRecord {
        EventRecord {
            doc: id.split('#').next().unwrap_or_default().to_string(),
            event: id.to_string(),
            date: date.map(str::to_string),
            date_precision: date.map(|_| "day".to_string()),
            source: "RUSGOV".into(),
            target: Some("IGOWSTNAT".into()),
            code: code.into(),
            root: code[..2].to_string(),
            quad_class: 1,
            goldstein: 1.0,
            plover: None,
            plover_mode: None,
            issues: vec![],
            sentence: 0,
            start: 0,
            end: 1,
            text: "x".into(),
            rule: "test".into(),
            location: None,
            source_name: None,
            target_name: None,
            reports: None,
            evidence: None,
        }
    }

    #[test]
    fn merges_same_day_same_dyad_same_code() {
        let ctx = DocContext::default();
        let mut o = OneADay::default();
        o.add(&event("a#e1", Some("2003-05-01"), "042"), &ctx);
        o.add(&event("b#e1", Some("2003-05-01"), "042"), &ctx);
        o.add(&event("b#e2", Some("2003-05-02"), "042"), &ctx);
        o.add(&event("c#e1", Some("2003-05-01"), "043"), &ctx);
        o.add(&event("d#e1", None, "042"), &ctx);
        o.add(&event("e#e1", None, "042"), &ctx);
        assert_eq!(o.seen(), 6);
        let kept = o.into_events();
        assert_eq!(kept.len(), 5);
        assert_eq!(kept[0].0.reports, Some(2));
        assert_eq!(
            kept[0].0.evidence,
            Some(vec!["a#e1".to_string(), "b#e1".to_string()])
        );
        assert!(kept[1..].iter().all(|(e, _)| e.reports == Some(1)));
    }
}
