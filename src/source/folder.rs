//! A Kanripo work as users clone it: a folder with one file per 卷 (`KR2a0027_001.txt` …
//! `KR2a0027_010.txt`, numbered from `_000` for a preface) and a `Readme.org`. It is read
//! as one book: the work's `KR…_NNN.txt` files in the order of their numbers, each decoded
//! on its own (errors and warnings name the file), joined into one text. Each file starts
//! with its `# -*- mode` / `#+` header, which the segmenter takes as the start of a 卷
//! (`#+PROPERTY: JUAN 卷三`). Everything else in the folder (`Readme.org`, `.git`, other
//! files) is skipped, and [`Work::note`] says what was read and what was not.
//!
//! Offsets into the book are byte offsets into the joined text. A line break is added
//! after a file that does not end with one, so that the next file's header starts a line.

use std::path::Path;

use encoding_rs::Encoding;

use super::decode::decode;
use super::error::{SourceError, display_name, io_error};

/// One file of a work, as joined into the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The file, named as the folder was given, joined with its file name.
    pub name: String,
    /// Where its text starts in the book (a byte offset).
    pub start: usize,
    /// The book's line (1-based) its first line is.
    pub line: usize,
}

/// A work read from a folder.
pub(super) struct Work {
    /// The joined text.
    pub text: String,
    /// The encoding of its files (of the first, when they differ: a warning says so).
    pub encoding: &'static Encoding,
    /// Each file's decoding warnings, then the work's own.
    pub warnings: Vec<String>,
    /// The files read, in order.
    pub parts: Vec<Part>,
    /// What was read and what was skipped, in a sentence.
    pub note: String,
    /// The files' sizes in bytes, added up.
    pub input_len: usize,
}

/// The work's number of a Kanripo file name: `KR2a0027_003.txt` is part 3 of `KR2a0027`.
fn kanripo_part(file_name: &str) -> Option<(&str, u32)> {
    let stem = file_name.strip_suffix(".txt")?;
    let (work, number) = stem.rsplit_once('_')?;
    let id = work.strip_prefix("KR")?;
    let ok_id = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric());
    let ok_number = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    if !(ok_id && ok_number) {
        return None;
    }
    Some((work, number.parse().ok()?))
}

/// Read the Kanripo work in the folder `dir` (decoding its files in `forced`, an
/// `--encoding` label, when given).
pub(super) fn read(dir: &Path, forced: Option<&str>) -> Result<Work, SourceError> {
    let name = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| io_error(&name, e))?;
    let mut files: Vec<(String, u32, String)> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io_error(&name, e))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file())
            || std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file());
        match kanripo_part(&file_name) {
            Some((work, number)) if is_file => {
                files.push((work.to_owned(), number, file_name.clone()));
            }
            _ if file_name.starts_with('.') => {}
            _ => skipped.push(file_name),
        }
    }
    if files.is_empty() {
        return Err(SourceError::NoWork { name });
    }
    files.sort_by(|a, b| (a.1, &a.2).cmp(&(b.1, &b.2)));
    skipped.sort();
    let mut works: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    works.sort_unstable();
    works.dedup();
    if works.len() > 1 {
        return Err(SourceError::SeveralWorks {
            name,
            works: works.join(", "),
        });
    }

    let mut text = String::new();
    let mut warnings = Vec::new();
    let mut parts = Vec::with_capacity(files.len());
    let mut encodings: Vec<(&'static Encoding, &str)> = Vec::new();
    let mut line = 1;
    let mut input_len = 0;
    for (_, _, file_name) in &files {
        let path = dir.join(file_name);
        let part_name = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|e| io_error(&part_name, e))?;
        input_len += bytes.len();
        let decoded = decode(bytes, &part_name, forced)?;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
            line += 1;
        }
        parts.push(Part {
            name: part_name,
            start: text.len(),
            line,
        });
        line += memchr::memchr_iter(b'\n', decoded.text.as_bytes()).count();
        text.push_str(&decoded.text);
        warnings.extend(decoded.warnings);
        if !encodings.iter().any(|(e, _)| *e == decoded.encoding) {
            encodings.push((decoded.encoding, file_name));
        }
    }
    if encodings.len() > 1 {
        let each: Vec<String> = encodings
            .iter()
            .map(|(e, f)| format!("{} from {f}", display_name(e)))
            .collect();
        warnings.push(format!(
            "{name}: its files are in different encodings ({})",
            each.join(", ")
        ));
    }
    let first = &files[0].2;
    let last = &files[files.len() - 1].2;
    let mut note = match files.len() {
        1 => format!("{name}: one book from 1 file, {first}"),
        n => format!("{name}: one book from {n} files, {first} … {last}"),
    };
    if !skipped.is_empty() {
        note.push_str(&format!(" (skipped: {})", skipped.join(", ")));
    }
    Ok(Work {
        text,
        encoding: encodings[0].0,
        warnings,
        parts,
        note,
        input_len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kanripo_file_names() {
        assert_eq!(kanripo_part("KR2a0027_003.txt"), Some(("KR2a0027", 3)));
        assert_eq!(kanripo_part("KR2b0007_000.txt"), Some(("KR2b0007", 0)));
        assert_eq!(kanripo_part("KR1a0001_1000.txt"), Some(("KR1a0001", 1000)));
        for other in [
            "Readme.org",
            "KR2a0027_003.org",
            "KR2a0027.txt",
            "KR2a0027_.txt",
            "KR_001.txt",
            "kr2a0027_001.txt",
            "KR2a0027_00a.txt",
            "KR2a-0027_001.txt",
        ] {
            assert_eq!(kanripo_part(other), None, "{other}");
        }
    }
}
