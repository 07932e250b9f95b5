//! A parser-free syntax layer: part-of-speech tags, noun and verb groups, clauses and roles.
//!
//! (Scaffold: the full layer replaces this.)
