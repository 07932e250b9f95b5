//! Readers: turn the user's INPUT arguments into a stream of [`Article`]s, or of
//! [`Skipped`] records naming the file, line and reason when an input cannot be read.
//!
//! (Scaffold: reads plain-text files only. The full reader replaces this.)

use std::path::{Path, PathBuf};

use dyad_doc::{Article, Body, Origin};

/// One item of the input stream: an article to code, or an input accounted for as skipped.
#[derive(Debug)]
pub enum Item {
    Article(Box<Article>),
    Skipped(Skipped),
}

/// An input document that could not be read, with the reason naming file and line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub id: String,
    pub origin: Origin,
    /// A short, stable category for the run summary ("unreadable", "invalid-utf8",
    /// "truncated-gzip", "binary", "malformed-jsonl", "empty", ...).
    pub kind: String,
    /// The full message, naming file and line.
    pub reason: String,
}

/// Reads every INPUT (a file, a directory read recursively, or `-` for stdin) lazily, in a
/// stable order (directories sorted by path).
pub fn read_inputs(inputs: &[PathBuf]) -> impl Iterator<Item = Item> + Send {
    let mut files = Vec::new();
    for input in inputs {
        collect(input, input, &mut files);
    }
    files
        .into_iter()
        .map(|(path, id)| match std::fs::read_to_string(&path) {
            Ok(text) => Item::Article(Box::new(Article::new(
                id,
                Origin {
                    path: path.display().to_string(),
                    line: None,
                },
                Body::Text(text),
            ))),
            Err(e) => Item::Skipped(Skipped {
                id,
                origin: Origin {
                    path: path.display().to_string(),
                    line: None,
                },
                kind: "unreadable".into(),
                reason: format!("{}: {e}", path.display()),
            }),
        })
}

fn collect(root: &Path, path: &Path, out: &mut Vec<(PathBuf, String)>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for entry in entries {
            collect(root, &entry, out);
        }
    } else {
        let id = if root == path {
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        } else {
            path.strip_prefix(root)
                .unwrap_or(path)
                .to_string_lossy()
                .into_owned()
        };
        out.push((path.to_path_buf(), id));
    }
}
