//! The embedded store of runs, documents, events and quotes, and dyadic timelines.
//!
//! (Scaffold: not yet implemented; `dyad code` writes files only.)
