//! Time expressions ("yesterday", "Thursday", "24 June 2005") resolved against the
//! publication date, with a precision.
//!
//! (Scaffold: finds nothing. The full resolver replaces this.)

use dyad_doc::Document;

/// Fills `doc.times` from the sentences and `doc.meta.pub_date`.
pub fn resolve_times(doc: &mut Document) {
    doc.times.clear();
}
