//! Direct quotations and their speakers.
//!
//! (Scaffold: finds nothing. The full crate replaces this.)

use dyad_doc::Document;

/// Fills `doc.quotes`; uses `doc.mentions` to name speakers and give their codes.
pub fn find_quotes(doc: &mut Document) {
    doc.quotes.clear();
}
