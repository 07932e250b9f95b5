//! The logic of the `dyad dict ...` subcommands (the binary only parses arguments).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::petrarch::Kind;
use crate::{export, own, read_lossy, recognise, DictError, Dictionary, Entries, Format};

/// `dyad dict check FILE...`: every problem as `file:line: message`, then the count of
/// entries read per kind and file, then the total of problems (files that are not
/// dictionaries or cannot be read count as one problem each).
pub fn check(files: &[PathBuf]) -> Result<String, DictError> {
    let mut out = String::new();
    let mut total = 0;
    for path in files {
        // A file that is not a dictionary (or cannot be read) is reported and skipped, so
        // that `dyad dict check dictionaries/*` checks all the others.
        let dict = match Dictionary::load(std::slice::from_ref(path)) {
            Ok(dict) => dict,
            Err(e) => {
                let _ = writeln!(out, "{e}");
                total += 1;
                continue;
            }
        };
        for p in &dict.problems {
            let _ = writeln!(out, "{p}");
        }
        total += dict.problems.len();
        let c = dict.entries.counts();
        let _ = writeln!(
            out,
            "{}: {} actors ({} names), {} agents, {} synsets, {} verb blocks ({} verbs, {} patterns), {} transformations, {} discards, {} issues; {} problem(s)",
            path.display(),
            c.actors,
            c.actor_names,
            c.agents,
            c.synsets,
            c.verb_blocks,
            c.verbs,
            c.patterns,
            c.transformations,
            c.discards,
            c.issues,
            dict.problems.len()
        );
    }
    let _ = writeln!(out, "{total} problem(s)");
    Ok(out)
}

/// The stem of a dictionary file name without its kind suffix:
/// `Phoenix.Countries.actors.txt` → `Phoenix.Countries`, `CAMEO.2.0.txt` → `CAMEO.2.0`.
fn stem(path: &Path, kind: Kind) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = name.strip_suffix(".txt").unwrap_or(&name);
    let suffix = format!(".{}", kind.name());
    base.strip_suffix(suffix.as_str())
        .unwrap_or(base)
        .to_string()
}

/// A converted file: where it was written and what it holds.
#[derive(Debug)]
pub struct Converted {
    /// The file converted.
    pub from: PathBuf,
    /// The file written.
    pub to: PathBuf,
    /// Problems reported while reading it.
    pub problems: usize,
}

fn convert(
    files: &[PathBuf],
    out_dir: &Path,
    to: Format,
    strip_comments: bool,
) -> Result<Vec<Converted>, DictError> {
    std::fs::create_dir_all(out_dir).map_err(|source| DictError::Io {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut done = Vec::new();
    for path in files {
        let (format, kind) =
            recognise(path).ok_or_else(|| DictError::UnknownKind { path: path.clone() })?;
        let text = read_lossy(path)?;
        let mut dict = Dictionary::default();
        dict.read_text(format, kind, &path.display().to_string(), &text);
        if strip_comments {
            dict.entries.strip_comments();
        }
        let (name, body) = match to {
            Format::Own => (
                format!("{}.{}", stem(path, kind), kind.name()),
                own::write(kind, &dict.entries),
            ),
            Format::Petrarch => {
                let suffix = match kind {
                    Kind::Issues => "Issues".to_string(),
                    k => k.name().to_string(),
                };
                (
                    format!("{}.{}.txt", stem(path, kind), suffix),
                    export::write(kind, &dict.entries),
                )
            }
        };
        let target = out_dir.join(name);
        std::fs::write(&target, body).map_err(|source| DictError::Io {
            path: target.clone(),
            source,
        })?;
        done.push(Converted {
            from: path.clone(),
            to: target,
            problems: dict.problems.len(),
        });
    }
    Ok(done)
}

/// `dyad dict import FILE... --out DIR`: converts dictionaries (PETRARCH or dyad) to dyad's
/// format, one output file per input.
pub fn import(files: &[PathBuf], out_dir: &Path) -> Result<Vec<Converted>, DictError> {
    convert(files, out_dir, Format::Own, false)
}

/// Like [`import`], dropping the comments of the entries (for shipped, derived files).
pub fn import_without_comments(
    files: &[PathBuf],
    out_dir: &Path,
) -> Result<Vec<Converted>, DictError> {
    convert(files, out_dir, Format::Own, true)
}

/// `dyad dict export FILE... --out DIR`: converts dictionaries to the PETRARCH formats.
pub fn export(files: &[PathBuf], out_dir: &Path) -> Result<Vec<Converted>, DictError> {
    convert(files, out_dir, Format::Petrarch, false)
}

/// Reads one file into entries (for tests and tools).
pub fn read_file(path: &Path) -> Result<(Entries, Vec<crate::Problem>), DictError> {
    let dict = Dictionary::load(&[path.to_path_buf()])?;
    Ok((dict.entries, dict.problems))
}
