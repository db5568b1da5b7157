//! Where a text comes from and how it becomes a [`Chronicle`]: a path, standard input or
//! the embedded default ([`Origin`]); its bytes read ([`load`]) or mapped ([`map`]);
//! decoded to UTF-8 whatever its encoding ([`decode`]; `decode.rs` gives the detection
//! order); then segmented ([`Loaded::parse`]). A path may name a folder holding a Kanripo
//! work, one file per 卷, read as one book (`folder.rs`; its files are its [`Part`]s).
//!
//! [`open`] does it all for the reader; [`open_mapped`] for a command that runs once and
//! ends. Every error is a [`SourceError`] naming the file (and the byte, for bad bytes).
//! No terminal code lives here.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, UTF_8};

use crate::model::Chronicle;

mod decode;
mod error;
mod file;
mod folder;

pub use decode::{Decoded, as_plain_utf8, decode};
pub use error::SourceError;
pub use file::{Bytes, MAX_INPUT, load, map};
pub use folder::Part;

/// The name of the embedded default text in messages and in the reader's memory of
/// positions.
const EMBEDDED_NAME: &str = "<embedded>";

/// Where a text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file, named by the path as the user gave it; or a folder holding a Kanripo work,
    /// read as one book.
    Path(PathBuf),
    /// Standard input, named `<stdin>` in messages.
    Stdin,
    /// The embedded default text (契丹國志 卷十), named `<embedded>`.
    Embedded,
}

impl Origin {
    /// The origin a FILE argument names: none is the embedded text, `-` standard input.
    pub fn from_arg(file: Option<&Path>) -> Origin {
        match file {
            None => Origin::Embedded,
            Some(p) if p == Path::new("-") => Origin::Stdin,
            Some(p) => Origin::Path(p.to_path_buf()),
        }
    }

    /// The name used in messages: the path as given, `<stdin>` or `<embedded>`.
    pub fn name(&self) -> String {
        match self {
            Origin::Path(p) => p.display().to_string(),
            Origin::Stdin => file::STDIN_NAME.to_owned(),
            Origin::Embedded => EMBEDDED_NAME.to_owned(),
        }
    }
}

/// A text read and decoded, not yet segmented.
pub struct Loaded {
    /// The decoded text (borrowed when it is the embedded text or a mapped file, see
    /// [`read_mapped`]).
    pub text: Cow<'static, str>,
    /// Where it came from.
    pub origin: Origin,
    /// The encoding it was decoded from.
    pub encoding: &'static Encoding,
    /// Decoding warnings (stray invalid bytes), each naming the file.
    pub warnings: Vec<String>,
    /// The files of a folder read as one book, in order (empty for anything else).
    pub parts: Vec<Part>,
    /// What the user should know that is no problem: which files of a folder were read.
    pub notes: Vec<String>,
    /// The input's size in bytes: the file's (the files' of a folder, added up), before
    /// decoding.
    pub input_len: usize,
}

/// A loaded text, segmented: the chronicle, where it came from, and decoding warnings.
pub struct Opened {
    /// The model.
    pub chronicle: Chronicle,
    /// Where the text came from.
    pub origin: Origin,
    /// The encoding it was decoded from.
    pub encoding: &'static Encoding,
    /// Decoding warnings (stray invalid bytes), each naming the file.
    pub warnings: Vec<String>,
    /// The files of a folder read as one book, in order (empty for anything else).
    pub parts: Vec<Part>,
    /// What the user should know that is no problem: which files of a folder were read.
    pub notes: Vec<String>,
    /// The input's size in bytes: the file's (the files' of a folder, added up), before
    /// decoding.
    pub input_len: usize,
}

impl Opened {
    /// The name used in messages: the path as given, `<stdin>` or `<embedded>`.
    pub fn name(&self) -> String {
        self.origin.name()
    }

    /// Where byte `byte`, on line `line` (1-based) of the text, is for a person: the file
    /// and its line. In a folder read as one book, the file of the folder that holds it.
    pub fn place(&self, byte: usize, line: usize) -> (String, usize) {
        match self.parts.iter().rev().find(|p| p.start <= byte) {
            Some(p) => (p.name.clone(), line + 1 - p.line.min(line)),
            None => (self.name(), line),
        }
    }
}

/// Read the text at `origin` and decode it (in `encoding`, a `--encoding` label, when
/// given; the embedded text is UTF-8 whatever it says, but an unknown label is an error).
pub fn read(origin: &Origin, encoding: Option<&str>) -> Result<Loaded, SourceError> {
    read_with(origin, encoding, false)
}

/// [`read`] for a command that runs once and ends: a regular file in plain UTF-8 is mapped,
/// not read, and the text borrows from the map for the rest of the process, which spares a
/// copy and ten thousand fresh pages on a 10 MB text. Not for the reader: a file cut short
/// under a long-lived map would end the process by a signal, with the terminal still in
/// raw mode.
pub fn read_mapped(origin: &Origin, encoding: Option<&str>) -> Result<Loaded, SourceError> {
    read_with(origin, encoding, true)
}

fn read_with(origin: &Origin, encoding: Option<&str>, map: bool) -> Result<Loaded, SourceError> {
    // A label that names no encoding is an error, whatever is read (the embedded text too,
    // which is UTF-8 whatever the label says).
    if let Some(label) = encoding {
        decode::resolve_label(label)?;
    }
    if let Origin::Path(dir) = origin {
        if dir.is_dir() {
            let work = folder::read(dir, encoding)?;
            return Ok(Loaded {
                text: Cow::Owned(work.text),
                origin: origin.clone(),
                encoding: work.encoding,
                warnings: work.warnings,
                parts: work.parts,
                notes: vec![work.note],
                input_len: work.input_len,
            });
        }
    }
    let (text, encoding, warnings, input_len) = match origin {
        Origin::Embedded => (
            Cow::Borrowed(crate::model::EMBEDDED_TEXT),
            UTF_8,
            Vec::new(),
            crate::model::EMBEDDED_TEXT.len(),
        ),
        Origin::Path(p) if map && encoding.is_none() => {
            let bytes = match file::map(p)? {
                // Kept to the end of the process, so the text can be borrowed from it.
                Bytes::Mapped(m) => Cow::Borrowed(&**Box::leak(Box::new(m))),
                Bytes::Read(bytes) => Cow::Owned(bytes),
            };
            let plain = match &bytes {
                Cow::Borrowed(b) => as_plain_utf8(b),
                Cow::Owned(_) => None,
            };
            match plain {
                Some(text) => (Cow::Borrowed(text), UTF_8, Vec::new(), text.len()),
                None => {
                    let d = decode(bytes.into_owned(), &origin.name(), None)?;
                    (Cow::Owned(d.text), d.encoding, d.warnings, d.input_len)
                }
            }
        }
        _ => {
            let d = load(origin, encoding)?;
            (Cow::Owned(d.text), d.encoding, d.warnings, d.input_len)
        }
    };
    Ok(Loaded {
        text,
        origin: origin.clone(),
        encoding,
        warnings,
        parts: Vec::new(),
        notes: Vec::new(),
        input_len,
    })
}

impl Loaded {
    /// Segment the text, every entry's time marks and parallel dates found. A text that
    /// names no title takes its file's name (without the extension), or its folder's, as
    /// one.
    pub fn parse(self) -> Opened {
        let opened = self.parse_lazy();
        opened.chronicle.find_all();
        opened
    }

    /// [`Loaded::parse`], leaving each entry's time marks and parallel dates to be found
    /// when first asked for ([`Chronicle::marks`], [`Chronicle::parallels`]).
    pub fn parse_lazy(self) -> Opened {
        let chronicle = segment_as(&self.origin, self.text);
        Opened {
            chronicle,
            origin: self.origin,
            encoding: self.encoding,
            warnings: self.warnings,
            parts: self.parts,
            notes: self.notes,
            input_len: self.input_len,
        }
    }
}

/// Segment `text` as the book at `origin`, each entry's time marks and parallel dates left
/// to be found when first asked for: the embedded text gets its title and author; a text
/// that names no title takes its file's name (without the extension), or its folder's.
/// `text` may be the book's first part only (the reader's first look at a big book): its
/// byte offsets are the whole text's. For the embedded text `text` is not read: it is
/// always the whole.
pub fn segment_as(origin: &Origin, text: Cow<'static, str>) -> Chronicle {
    match origin {
        Origin::Embedded => Chronicle::embedded_lazy(),
        origin => {
            let mut c = Chronicle::parse_lazy(text);
            if c.title.is_none() {
                if let Origin::Path(p) = origin {
                    c.title = p.file_stem().map(|s| s.to_string_lossy().into_owned());
                }
            }
            c
        }
    }
}

/// The first part of a big file, for a reader that shows it while the whole is read: the
/// file's first `at` bytes, and on to the end of that line. Given only when `origin` is a
/// regular file of at least `min_len` bytes (and at most [`MAX_INPUT`]), no encoding is
/// forced, and the part is plain UTF-8 ([`as_plain_utf8`]: no byte-order mark, nothing the
/// decoder would change), so the whole, once read, begins with the same text at the same
/// byte offsets. `None` otherwise — the caller reads the whole at once, and that reading
/// reports any error — and for a line of over 64 KiB at byte `at`.
pub fn first_part(
    origin: &Origin,
    encoding: Option<&str>,
    min_len: u64,
    at: usize,
) -> Option<FirstPart> {
    use std::io::Read as _;
    const LINE: usize = 64 << 10;
    let Origin::Path(path) = origin else {
        return None;
    };
    let meta = std::fs::metadata(path).ok()?;
    if encoding.is_some() || !meta.is_file() || meta.len() < min_len || meta.len() > MAX_INPUT {
        return None;
    }
    let mut head = Vec::with_capacity(at + LINE);
    std::fs::File::open(path)
        .ok()?
        .take((at + LINE) as u64)
        .read_to_end(&mut head)
        .ok()?;
    let end = at + memchr::memchr(b'\n', head.get(at..)?)? + 1;
    head.truncate(end);
    as_plain_utf8(&head)?;
    Some(FirstPart {
        text: String::from_utf8(head).ok()?,
        file_len: usize::try_from(meta.len()).ok()?,
    })
}

/// The first part of a big file ([`first_part`]).
pub struct FirstPart {
    /// The text of the part: the file's first bytes, whole lines, plain UTF-8.
    pub text: String,
    /// The whole file's length in bytes, when the part was read.
    pub file_len: usize,
}

/// Read, decode and segment the text at `origin` (see [`read`]).
pub fn open(origin: &Origin, encoding: Option<&str>) -> Result<Opened, SourceError> {
    Ok(read(origin, encoding)?.parse())
}

/// [`open`] for a command that runs once and ends (see [`read_mapped`]), each entry's
/// time marks and parallel dates found when first asked for ([`Chronicle::marks`],
/// [`Chronicle::parallels`]).
pub fn open_mapped(origin: &Origin, encoding: Option<&str>) -> Result<Opened, SourceError> {
    Ok(read_mapped(origin, encoding)?.parse_lazy())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of `bytes` in a fresh temporary folder, removed when dropped.
    struct Temp(PathBuf);
    impl Temp {
        fn new(name: &str, bytes: &[u8]) -> Temp {
            let dir = std::env::temp_dir()
                .join(format!("annals-first-part-{}-{name}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            Temp(path)
        }
        fn origin(&self) -> Origin {
            Origin::Path(self.0.clone())
        }
    }
    impl Drop for Temp {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
        }
    }

    #[test]
    fn the_first_part_is_whole_lines_of_plain_utf8_in_a_big_enough_file() {
        let text = "元年春正月。\n二年夏四月。\n三年秋七月。\n".repeat(100);
        let f = Temp::new("plain.txt", text.as_bytes());
        // Line by line: a part ends after the line feed of the line holding byte `at`.
        let part = first_part(&f.origin(), None, 100, 10).expect("a part");
        assert_eq!(part.text, "元年春正月。\n");
        assert_eq!(part.file_len, text.len());
        let part = first_part(&f.origin(), None, 100, 19).expect("a part");
        assert_eq!(part.text, "元年春正月。\n二年夏四月。\n");
        assert!(text.starts_with(&part.text));
        // Too small a file, a forced encoding, standard input: read whole.
        assert!(first_part(&f.origin(), None, text.len() as u64 + 1, 10).is_none());
        assert!(first_part(&f.origin(), Some("utf-8"), 100, 10).is_none());
        assert!(first_part(&Origin::Stdin, None, 100, 10).is_none());
        // The part is past the file's end: read whole.
        assert!(first_part(&f.origin(), None, 100, text.len()).is_none());
    }

    #[test]
    fn a_part_the_decoder_would_change_is_not_taken() {
        let text = "元年春正月。\n".repeat(100);
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        let f = Temp::new("bom.txt", &bom);
        assert!(first_part(&f.origin(), None, 100, 10).is_none());
        let mut stray = text.clone().into_bytes();
        stray[3] = 0x80;
        let f = Temp::new("stray.txt", &stray);
        assert!(first_part(&f.origin(), None, 100, 10).is_none());
        // A stray byte after the part is the whole's reading's to report.
        let mut late = text.into_bytes();
        let n = late.len();
        late[n - 5] = 0x80;
        let f = Temp::new("late.txt", &late);
        assert!(first_part(&f.origin(), None, 100, 10).is_some());
    }
}
