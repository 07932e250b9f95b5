//! The coder: actor mentions, a parser-free syntax layer, verb patterns, and CAMEO events.
//!
//! (Scaffold: codes nothing. The full coder replaces this.)

use std::sync::Arc;

use dyad_dict::Dictionary;
use dyad_doc::Document;

/// Codes documents with one compiled dictionary set. Cheap to share across threads.
#[derive(Clone, Debug)]
pub struct Coder {
    dict: Arc<Dictionary>,
}

impl Coder {
    pub fn new(dict: Arc<Dictionary>) -> Coder {
        Coder { dict }
    }

    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// Finds actor mentions and codes events into `doc.mentions` and `doc.events`.
    /// Needs `doc.sentences` and `doc.tokens`; uses `doc.times` and `doc.places` when set.
    pub fn code(&self, doc: &mut Document) {
        doc.mentions.clear();
        doc.events.clear();
    }
}
