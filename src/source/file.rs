//! Reading a text's bytes: a file (read, or mapped for a one-shot pass) or standard input.
//!
//! A regular file is read (or mapped) whole, after its size is checked against
//! [`MAX_INPUT`]. Anything else — standard input, a pipe, a device such as `/dev/zero` or
//! `/dev/urandom` — may never end, so it is read in chunks ([`read_stream`]): its first
//! 64 KiB decide whether it is binary data (refused at once, as a file would be), and the
//! reading stops with an error past [`MAX_INPUT`] bytes.

use std::io::{self, Read};
use std::path::Path;

use super::decode::{decode, resolve_label, sniff};
use super::error::io_error;
use super::{Decoded, Origin, SourceError};

/// The name used for standard input in messages.
pub(super) const STDIN_NAME: &str = "<stdin>";

/// The longest input read, in bytes: 1 GiB. Every 正史 together is about 120 MB in UTF-8
/// and the largest single chronicle (資治通鑑) about 10 MB, so no text comes near it,
/// while an endless stream (`yes | annals list -`) is stopped before it takes the
/// machine's memory (decoding needs up to twice the input).
pub const MAX_INPUT: u64 = 1 << 30;

/// The first chunk of a stream, which decides whether it is binary data.
const FIRST_CHUNK: usize = 64 * 1024;

/// Reads a stream that may never end: the first [`FIRST_CHUNK`] bytes (or all, if fewer)
/// are checked for binary data (an error naming `name` and the byte), then the rest is read
/// up to `limit` bytes in all; one byte more is [`SourceError::TooLarge`].
pub(super) fn read_stream(
    reader: &mut dyn Read,
    name: &str,
    limit: u64,
) -> Result<Vec<u8>, SourceError> {
    let mut bytes = Vec::new();
    let first = usize::try_from(limit.saturating_add(1))
        .unwrap_or(usize::MAX)
        .min(FIRST_CHUNK);
    reader
        .take(first as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(name, e))?;
    sniff(&bytes, name)?;
    if bytes.len() == first {
        let rest = limit.saturating_add(1).saturating_sub(bytes.len() as u64);
        reader
            .take(rest)
            .read_to_end(&mut bytes)
            .map_err(|e| io_error(name, e))?;
    }
    if bytes.len() as u64 > limit {
        return Err(too_large(name, limit));
    }
    Ok(bytes)
}

fn too_large(name: &str, limit: u64) -> SourceError {
    SourceError::TooLarge {
        name: name.to_owned(),
        limit,
    }
}

/// [`SourceError::TooLarge`] for a regular file longer than [`MAX_INPUT`].
fn check_size(name: &str, meta: &std::fs::Metadata) -> Result<(), SourceError> {
    if meta.is_file() && meta.len() > MAX_INPUT {
        return Err(too_large(name, MAX_INPUT));
    }
    Ok(())
}

/// Read and decode a text.
///
/// `forced` is an encoding label from `--encoding` (e.g. `gb18030`, `big5`,
/// `utf-16le`, `utf-8`; any WHATWG label works): it overrides detection and
/// is checked before anything is read. A directory, a missing file, a
/// file that may not be read and an input over [`MAX_INPUT`] bytes are errors naming the
/// path; an empty file is an empty text. Standard input and files that are not regular
/// (pipes, devices) are read as [`read_stream`] says.
pub fn load(origin: &Origin, forced: Option<&str>) -> Result<Decoded, SourceError> {
    if let Some(label) = forced {
        resolve_label(label)?;
    }
    match origin {
        Origin::Path(path) => {
            let name = path.display().to_string();
            let meta = std::fs::metadata(path).map_err(|e| io_error(&name, e))?;
            if meta.is_dir() {
                return Err(SourceError::IsDirectory { name });
            }
            check_size(&name, &meta)?;
            let bytes = if meta.is_file() {
                std::fs::read(path).map_err(|e| io_error(&name, e))?
            } else {
                let mut file = std::fs::File::open(path).map_err(|e| io_error(&name, e))?;
                read_stream(&mut file, &name, MAX_INPUT)?
            };
            decode(bytes, &name, forced)
        }
        Origin::Stdin => {
            let bytes = read_stream(&mut io::stdin().lock(), STDIN_NAME, MAX_INPUT)?;
            decode(bytes, STDIN_NAME, forced)
        }
        // Plain UTF-8, whatever `forced` says (as [`super::read`] takes it).
        Origin::Embedded => Ok(Decoded {
            text: crate::model::EMBEDDED_TEXT.to_owned(),
            encoding: encoding_rs::UTF_8,
            name: super::EMBEDDED_NAME.to_owned(),
            input_len: crate::model::EMBEDDED_TEXT.len(),
            warnings: Vec::new(),
        }),
    }
}

/// A file's bytes, mapped into memory when the file is a regular one, for a pass that only
/// reads them ([`map`]).
pub enum Bytes {
    /// The file, mapped read-only.
    Mapped(memmap2::Mmap),
    /// The file, read (an empty file, or one the system would not map).
    Read(Vec<u8>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Read(v) => v,
        }
    }
}

/// Map the file at `path` (or read it when it cannot be mapped, or as a stream when it is
/// not a regular file), with the same errors as [`load`]. Mapping spares the copy and the fresh pages of a read, which on a 10 MB text
/// cost more than a whole search; the text is then borrowed with
/// [`as_plain_utf8`](super::as_plain_utf8).
pub fn map(path: &Path) -> Result<Bytes, SourceError> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| io_error(&name, e))?;
    let meta = file.metadata().map_err(|e| io_error(&name, e))?;
    if meta.is_dir() {
        return Err(SourceError::IsDirectory { name });
    }
    check_size(&name, &meta)?;
    if !meta.is_file() {
        return Ok(Bytes::Read(read_stream(&mut &file, &name, MAX_INPUT)?));
    }
    if meta.len() > 0 {
        // SAFETY: the map is read-only and private to this process. Its bytes may change
        // only if another process rewrites the file while the map is alive (a search of
        // a few milliseconds), the risk ripgrep takes for the same gain; a file cut short
        // meanwhile would end the process with SIGBUS, not corrupt anything.
        #[allow(unsafe_code)]
        if let Ok(m) = unsafe { memmap2::Mmap::map(&file) } {
            return Ok(Bytes::Mapped(m));
        }
    }
    let mut bytes = Vec::new();
    (&file)
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&name, e))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(too_large(&name, MAX_INPUT));
    }
    Ok(Bytes::Read(bytes))
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// A stream that never ends: `byte` repeated, or `pattern` over and over.
    struct Endless {
        pattern: Vec<u8>,
        at: usize,
        /// Bytes handed out so far.
        given: u64,
    }

    impl Endless {
        fn new(pattern: &[u8]) -> Endless {
            Endless {
                pattern: pattern.to_vec(),
                at: 0,
                given: 0,
            }
        }
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            for b in buf.iter_mut() {
                *b = self.pattern[self.at];
                self.at = (self.at + 1) % self.pattern.len();
            }
            self.given += buf.len() as u64;
            Ok(buf.len())
        }
    }

    /// Trial 3, item 1: `/dev/zero` and `/dev/urandom` were read until memory ran out.
    /// Binary data is refused on the first chunk, whatever the limit.
    #[test]
    fn endless_binary_is_refused_on_its_first_chunk() {
        let mut zeros = Endless::new(&[0]);
        let e = read_stream(&mut zeros, "/dev/zero", u64::MAX).unwrap_err();
        assert_eq!(
            e.to_string(),
            "/dev/zero: not a text file (binary data: NUL byte at byte 0)"
        );
        assert_eq!(zeros.given, FIRST_CHUNK as u64);
        // Noise, as /dev/urandom gives.
        let noise: Vec<u8> = (0u32..4096)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let mut random = Endless::new(&noise);
        let e = read_stream(&mut random, "/dev/urandom", u64::MAX).unwrap_err();
        assert!(matches!(e, SourceError::Binary { .. }), "{e}");
        assert_eq!(random.given, FIRST_CHUNK as u64);
    }

    /// Trial 3, item 1: `yes 乾統元年 | annals list -` grew without bound. Text is read up to
    /// the limit, and one byte more is an error naming the input.
    #[test]
    fn endless_text_stops_at_the_limit() {
        let line = "乾統元年\n".as_bytes();
        let mut yes = Endless::new(line);
        let e = read_stream(&mut yes, "<stdin>", 200_000).unwrap_err();
        assert!(
            matches!(e, SourceError::TooLarge { limit: 200_000, .. }),
            "{e}"
        );
        assert!(yes.given <= 200_001 + FIRST_CHUNK as u64);
        assert_eq!(
            too_large("<stdin>", MAX_INPUT).to_string(),
            "<stdin>: too large to read (the limit is 1024 MiB)"
        );
        // Up to the limit, it is read whole; UTF-16 (NULs and all) is not binary.
        let text = "乾統元年。春正月。\n".repeat(10_000);
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        for bytes in [text.as_bytes(), &utf16[..]] {
            let read = read_stream(&mut &bytes[..], "<stdin>", bytes.len() as u64).unwrap();
            assert_eq!(read, bytes);
            let e = read_stream(&mut &bytes[..], "<stdin>", bytes.len() as u64 - 1).unwrap_err();
            assert!(matches!(e, SourceError::TooLarge { .. }), "{e}");
        }
    }
}
