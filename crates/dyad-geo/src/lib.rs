//! Places: the shipped gazetteer, and place names in a document resolved to a country and
//! coordinates.
//!
//! (Scaffold: an empty gazetteer. The full crate replaces this.)

use dyad_doc::Document;

/// A compiled gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    /// The gazetteer shipped with dyad.
    pub fn shipped() -> Gazetteer {
        Gazetteer::default()
    }

    /// Fills `doc.places` (the dateline and places named in sentences).
    pub fn locate(&self, doc: &mut Document) {
        doc.places.clear();
    }
}
